"""A small writer of the decree package's Word documents (python-docx): the instansi's kop and signer from
`Pengaturan` (the letters' `Sender`), headings, numbered paragraphs and tables. Every text from the input goes
through `text.visible`, so a control character cannot break the .docx; the file is written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from penempatan.atomic import write_atomically
from penempatan.letters.content import Sender, long_date
from penempatan.model import Params
from penempatan.text import visible

DOTS = "...................."
_SMALL = 9  # points, for the lampiran's table


class Document:
    """One Word document being built; `save` writes it atomically."""

    def __init__(self, params: Params, draft_note: str) -> None:
        from docx import Document as new_document
        from docx.shared import Cm, Pt

        self.doc: Any = new_document()
        self.sender = Sender.of(params)
        self.params = params
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(33), Cm(21.5)  # F4 (folio), the paper of Indonesian decrees
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        self.doc.styles["Normal"].font.size = Pt(11)
        self.line(draft_note, italic=True, size=9)

    def line(self, text: str, *, bold: bool = False, italic: bool = False, center: bool = False,
             size: int | None = None, indent: float = 0.0) -> Any:
        """One paragraph of one run."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        p = self.doc.add_paragraph()
        run = p.add_run(visible(text))
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            p.paragraph_format.left_indent = Cm(indent)
        p.paragraph_format.space_after = Pt(2)
        return p

    def kop(self) -> None:
        """The letterhead: the instansi's lines in bold, its address, centred; placeholders when not set."""
        for kind, text in self.sender.kop():
            self.line(text, bold=kind == "tebal", center=True)
        self.line("_" * 78, center=True)

    def labelled(self, label: str, items: Sequence[str]) -> None:
        """'Menimbang : a. …' as a label line and its items lettered or numbered below it."""
        self.line(label, bold=True)
        for k, item in enumerate(items):
            mark = f"{chr(ord('a') + k)}." if label.startswith("Menimbang") else f"{k + 1}."
            self.line(f"{mark} {item}", indent=1.0)

    def signature(self, place: str, day: date | None) -> None:
        """'Ditetapkan di <place> pada tanggal <day>' and the signer's block, on the right half."""
        self.line(f"Ditetapkan di {place or DOTS}", indent=9.0)
        self.line(f"pada tanggal {long_date(day) if day else DOTS}", indent=9.0)
        for kind, text in self.sender.signature():
            self.line(text, bold=kind == "tebal", indent=9.0)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] = (),
              small: bool = False) -> Any:
        """A bordered table with a bold header row that repeats on every page."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            if small:
                run.font.size = Pt(_SMALL)
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                run = cell.paragraphs[0].add_run(visible(text))
                if small:
                    run.font.size = Pt(_SMALL)
        if widths:
            table.autofit = False
        for k, width in enumerate(widths):
            table.columns[k].width = Cm(width)  # the grid LibreOffice reads
            for row in table.rows:
                row.cells[k].width = Cm(width)  # the cells Word reads
        self.doc.add_paragraph()
        return table

    def landscape_section(self) -> None:
        """Start a new page in landscape (the lampiran's wide table)."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width

    def save(self, path: Path) -> None:
        write_atomically(path, lambda tmp: self.doc.save(str(tmp)), suffix=".docx")
