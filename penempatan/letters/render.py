"""Filling the template: each letter is a copy of the template's body with its placeholders replaced and
{{ISI_SURAT}} replaced by the letter's paragraphs; several letters in one document are separated by page
breaks (the combined file for printing)."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from penempatan.letters.content import Letter
from penempatan.letters.template import BODY, REPLY

_FIELD = re.compile(r"\{\{([A-Z_]+)\}\}")
_STYLES = {"judul": "Heading 2", "butir": "List Bullet", "teks": None}


class TemplateError(ValueError):
    """The template cannot be used (missing {{ISI_SURAT}}, not a .docx); the message says why."""


def render_letters(template: Path, letters: Sequence[Letter]) -> Any:
    """A python-docx Document holding `letters` one after another, a page break between two."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    try:
        doc = Document(str(template))
    except Exception as exc:  # a missing or broken file: say which
        raise TemplateError(f"templat surat {template} tidak dapat dibuka ({exc})") from None
    body = doc.element.body
    prototype = [el for el in body if not el.tag.endswith("}sectPr")]
    if not any(BODY in "".join(t.text or "" for t in el.iter(_tag("t"))) for el in prototype):
        raise TemplateError(f"templat surat {template} tidak berisi penanda {BODY}")
    for el in prototype:
        body.remove(el)
    sect = body[-1] if len(body) and body[-1].tag.endswith("}sectPr") else None
    for k, letter in enumerate(letters):
        if k:
            brk = doc.add_paragraph()
            brk.add_run().add_break(WD_BREAK.PAGE)
            _move_before_sect(body, brk._p, sect)
        for el in prototype:
            clone = copy.deepcopy(el)
            _insert(body, clone, sect)
            _fill(doc, clone, letter)
    return doc


def _tag(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _insert(body: Any, el: Any, sect: Any) -> None:
    if sect is None:
        body.append(el)
    else:
        sect.addprevious(el)


def _move_before_sect(body: Any, el: Any, sect: Any) -> None:
    body.remove(el)
    _insert(body, el, sect)


def _fill(doc: Any, el: Any, letter: Letter) -> None:
    """Replace the placeholders in `el` (a paragraph or table of the template copy) for `letter`."""
    from docx.text.paragraph import Paragraph

    paragraphs = [el] if el.tag == _tag("p") else list(el.iter(_tag("p")))
    fields = letter.fields()
    for p_el in paragraphs:
        p = Paragraph(p_el, doc._body)
        text = p.text
        if "{{" not in text:
            continue
        blocks = {BODY: letter.body, REPLY: letter.reply}
        if text.strip() in blocks:
            for kind, line in blocks[text.strip()]():
                p.insert_paragraph_before(line, _style(doc, kind))
            p_el.getparent().remove(p_el)
            continue
        new = _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), text)
        runs = p.runs
        if not runs:
            continue
        runs[0].text = new  # the first run keeps its formatting; placeholders split over runs still match
        for run in runs[1:]:
            run._r.getparent().remove(run._r)


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
