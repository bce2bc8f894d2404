"""Filling the template: each letter is a copy of the template's body with its field placeholders replaced and
each block placeholder ({{ISI_SURAT}}, {{KOP_SURAT}} …) replaced by the block's paragraphs. In a document of
several letters (the combined file for printing) every letter after the first starts a section of type odd
page, so that printed on both sides no sheet holds the end of one letter and the start of the next."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from penempatan.letters.content import Block, Printable
from penempatan.letters.template import BLOCKS, BODY, FIELDS
from penempatan.text import visible

_FIELD = re.compile(r"\{\{([A-Z_]+)\}\}")
_STYLES = {"judul": "Heading 2", "butir": "List Bullet", "teks": None, "tebal": None}
_PLAIN = ("teks", "tebal")  # kinds that take the placeholder paragraph's own formatting


class TemplateError(ValueError):
    """The template cannot be used (not a .docx, no {{ISI_SURAT}} alone in a paragraph, a placeholder it does
    not know or cannot fill); the message says why."""


def check_template(template: Path) -> None:
    """TemplateError when `template` is not a letter template `render_letters` can fill (before any work)."""
    _open(template)


def render_letters(template: Path, letters: Sequence[Printable]) -> Any:
    """A python-docx Document holding `letters` one after another, each letter after the first starting a
    section of type odd page."""
    from docx.enum.section import WD_SECTION

    doc = _open(template)
    body = doc.element.body
    sentinel = body.get_or_add_sectPr()  # the last section's properties, at the end of the body
    prototype = [el for el in body if el is not sentinel]
    for el in prototype:
        body.remove(el)
    for k, letter in enumerate(letters):
        start = len(body) - 1
        for el in prototype:
            clone = copy.deepcopy(el)
            sentinel.addprevious(clone)
            _fill(doc, clone, letter)
        inner = [s for el in body[start:-1] for s in el.iter(_tag("sectPr"))]  # a template of several sections
        end = _end_section(body, sentinel) if k < len(letters) - 1 else sentinel
        if k:
            (inner or [end])[0].start_type = WD_SECTION.ODD_PAGE  # how this letter's first section starts
    return doc


def _open(template: Path) -> Any:
    """The template as a python-docx Document, checked: {{ISI_SURAT}} alone in a paragraph, every placeholder
    known, blocks alone in their paragraphs, none in a header or footer (those are not filled)."""
    from docx import Document

    try:
        doc = Document(str(template))
    except Exception:  # a missing, broken or non-Word file: python-docx's own words are not the user's
        raise TemplateError(f"templat surat {template} tidak dapat dibuka sebagai dokumen Word (.docx). Simpan "
                            "ulang templat itu sebagai .docx dari Word atau LibreOffice.") from None
    texts = [_text(p) for p in doc.element.body.iter(_tag("p"))]
    if not any(text.strip() == BODY for text in texts):
        where = "tidak sendirian dalam satu paragraf" if any(BODY in text for text in texts) else "tidak ada"
        raise TemplateError(f"templat surat {template}: penanda {BODY} {where}. Tulis {BODY} sendirian dalam "
                            "satu paragraf, di tempat isi surat.")
    for text in texts:
        for name in _FIELD.findall(text):
            if name not in FIELDS and name not in BLOCKS:
                raise TemplateError(f"templat surat {template}: penanda {{{{{name}}}}} tidak dikenal. Penanda "
                                    "yang dikenal: " + ", ".join(f"{{{{{n}}}}}" for n in (*FIELDS, *BLOCKS)) + ".")
            if name in BLOCKS and text.strip() != f"{{{{{name}}}}}":
                raise TemplateError(f"templat surat {template}: penanda {{{{{name}}}}} harus sendirian dalam satu "
                                    "paragraf.")
    for part in _headers_and_footers(doc):
        found = _FIELD.search(_text(part.element))
        if found:
            raise TemplateError(f"templat surat {template}: penanda {found.group(0)} ada di header atau footer, "
                                "yang tidak diisi. Pindahkan penanda itu ke badan dokumen.")
    return doc


def _headers_and_footers(doc: Any) -> list[Any]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return [rel.target_part for rel in doc.part.rels.values()
            if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER)]


def _tag(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(_tag("t")))


def _end_section(body: Any, sentinel: Any) -> Any:
    """End a section after the body's last paragraph (its paragraph mark becomes the section break; a new empty
    paragraph when the body ends in a table or a break already): a copy of the last section's properties."""
    from docx.oxml.parser import OxmlElement

    sect = copy.deepcopy(sentinel)
    last = sentinel.getprevious()
    if last is None or last.tag != _tag("p") or (last.pPr is not None and last.pPr.sectPr is not None):
        last = OxmlElement("w:p")
        sentinel.addprevious(last)
    last.set_sectPr(sect)
    return sect


def _fill(doc: Any, el: Any, letter: Printable) -> None:
    """Replace the placeholders in `el` (a paragraph or table of the template copy) for `letter`."""
    from docx.text.paragraph import Paragraph

    paragraphs = [el] if el.tag == _tag("p") else list(el.iter(_tag("p")))
    # Text from the input never carries a control character (NUL breaks the .docx) or a bidi override (it would
    # reorder what the employee reads) into the letter: `text.visible` shows each as '�'.
    fields = {key: visible(value) for key, value in letter.fields().items()}
    blocks = {key: [(kind, visible(line)) for kind, line in lines] for key, lines in letter.blocks().items()}
    for p_el in paragraphs:
        p = Paragraph(p_el, doc._body)
        text = p.text
        if "{{" not in text:
            continue
        block = _FIELD.fullmatch(text.strip())
        if block is not None and block.group(1) in blocks:
            _put_block(doc, p, blocks[block.group(1)])
            continue
        new = _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), text)
        runs = p.runs
        if not runs:
            continue
        runs[0].text = new  # the first run keeps its formatting; placeholders split over runs still match
        for run in runs[1:]:
            run._r.getparent().remove(run._r)


def _put_block(doc: Any, p: Any, lines: Block) -> None:
    """Replace the placeholder paragraph `p` by `lines`: headings and list items take the template's styles,
    plain and bold lines the placeholder's own paragraph and font formatting (a centred kop, an indented
    signature); a section break on the placeholder moves to the last line."""
    p_el = p._p
    ppr = p_el.pPr
    sect = ppr.sectPr if ppr is not None else None
    rpr = p.runs[0]._r.rPr if p.runs else None
    new = None
    for kind, line in lines:
        new = p.insert_paragraph_before(line, _style(doc, kind))
        if kind not in _PLAIN:
            continue
        if ppr is not None:
            own = copy.deepcopy(ppr)
            own._remove_sectPr()
            new._p.insert(0, own)
        if new.runs:
            if rpr is not None:
                new.runs[0]._r.insert(0, copy.deepcopy(rpr))
            if kind == "tebal":
                new.runs[0].bold = True
    if sect is not None and new is not None:
        new._p.set_sectPr(sect)
    p_el.getparent().remove(p_el)


def _style(doc: Any, kind: str) -> str | None:
    """The template's style for a kind of paragraph, None (Normal) when the office removed it."""
    name = _STYLES[kind]
    if name is None:
        return None
    try:
        doc.styles[name]
    except KeyError:
        return None
    return name
