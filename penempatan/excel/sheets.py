"""Writing people-friendly sheets, shared by every output workbook: a bold, frozen, filtered header; widths
from the content with long text wrapped and rows tall enough for it; NIP as Text (`@`); dates DD-MM-YYYY;
numbers in the Indonesian form; A4 landscape printing at a legible size (print_layout.py) with the header row
on every page and the personal-data notice in the footer; text never a formula; and workbooks whose bytes
depend only on their content."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from penempatan.excel.common import text_cell
from penempatan.excel.print_layout import (
    MARGIN_LR_IN,
    fit_widths,
    row_height,
    text_lines,
    text_px,
    text_room_px,
    width_for,
)
from penempatan.text import DATE_FORMAT

NOTICE = "Berisi data pribadi ASN — rahasia, jangan disebarluaskan"
"""Printed in the footer of every page of every output sheet."""

_MAX_WIDTH = {
    "Alasan": 80, "Urutan": 80, "Catatan": 60, "Penjelasan": 80, "Keterangan": 50, "Nilai": 50, "Pesan": 60,
    "Saran": 60, "Unit Terlibat": 40, "Perhatian": 30, "Tujuan": 30,
}
"""Widest a column grows for its content (characters); longer cells wrap. Other columns stop at `_WIDEST`."""
_WIDEST = 42
_NARROWEST = 6
_NARROWEST_TEXT = 9  # a text column narrowed to fit the page keeps at least this width
_MEASURED = 30  # a column's width is measured on its longest texts (by characters)
_MEAN_CHAR_PX = 0.45 * 11 * 96 / 72  # a character of Indonesian text in Calibri 11, on average (px)
_HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # named: without a name LibreOffice prints a serif
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entry time: the earliest a zip can hold


class StableWorkbook(Workbook):
    """A write-only workbook whose saved bytes depend only on its content.

    openpyxl stamps docProps/core.xml 'modified' with the clock and every zip entry with the local time;
    both are replaced here by fixed values so the same plan gives the same file.
    """

    def __init__(self, stamp: datetime) -> None:
        super().__init__(write_only=True)
        self.stamp = stamp
        self.properties.created = stamp
        self.properties.modified = stamp
        self.properties.creator = "penempatan"

    def save(self, filename: Any) -> None:
        buffer = io.BytesIO()
        super().save(buffer)
        modified = self.stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
                zipfile.ZipFile(filename, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                  rb"\g<1>" + modified + rb"\g<2>", body)
                entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = info.external_attr
                dst.writestr(entry, body)


INTEGER_FORMAT = "[$-421]#,##0"
"""Whole numbers from 1.000 up. The locale tag 421 (Indonesian) makes LibreOffice show 412.326 whatever the
reader's locale; Excel takes the separators from the reader's Windows settings (412.326 in an Indonesian
Windows) and ignores the tag for numbers."""
DECIMAL_FORMAT = "[$-421]#,##0.00"
"""Numbers with a fraction: 1.234,50 (see `INTEGER_FORMAT`)."""
PERCENT_FORMAT = "[$-421]0.00\\ %"
"""Fractions as percent: 0,00 % (see `INTEGER_FORMAT`)."""

TWO_COLUMN_FORMATS = {
    "Ringkasan": {"Gap": PERCENT_FORMAT, "Waktu (detik)": "[$-421]0.00", "Tanggal acuan": DATE_FORMAT},
    "Parameter": {"tanggal_acuan": DATE_FORMAT, "larangan_mulai": DATE_FORMAT, "larangan_selesai": DATE_FORMAT},
}
"""Number formats of two-column sheets, by the label in the first column."""


def write_sheet(wb: Workbook, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
                formats: dict[str, str] | None = None, *, freeze: str = "A2") -> None:
    """A table sheet: bold, frozen, filtered header row; widths from the content, the widest text columns
    narrowed so the sheet prints at 8 pt or more on A4 landscape (`print_layout.fit_widths`); long text
    wrapped, with row heights that fit it; NIP columns as Text; dates DD-MM-YYYY; whole numbers from 1.000 up
    and fractions in the Indonesian form (`INTEGER_FORMAT`, `DECIMAL_FORMAT`); A4 landscape print setup.

    `formats` gives a number format by the label in a row's first column (two-column sheets such as
    Ringkasan: {"Gap": PERCENT_FORMAT}); it applies to the row's numeric cells.
    """
    rows = [list(r) for r in rows]
    ws = wb.create_sheet(name)
    assert isinstance(ws, WriteOnlyWorksheet)
    nip = {k for k, h in enumerate(header) if is_nip_column(h)}
    widths = printed_widths(header, rows, nip)
    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = freeze
    print_setup(ws)
    rooms = [text_room_px(w) for w in widths]
    # a unit less room for the bold header than its metrics say: LibreOffice wraps bold words a little sooner
    header_lines = max((text_lines(str(h), w - 1, bold=True) for h, w in zip(header, widths, strict=False)),
                       default=1)
    if header_lines > 1:
        ws.row_dimensions[1].height = row_height(header_lines)
    ws.append([header_cell(ws, h) for h in header])
    style = _Styles(ws)
    for r, row in enumerate(rows, start=2):
        fmt = formats.get(str(row[0])) if formats and row else None
        cells: list[Any] = []
        lines = 1
        for k, v in enumerate(row):
            if isinstance(v, str):
                if k in nip:
                    cells.append(style.text(v, style.nip))
                elif k < len(rooms) and (len(v) > widths[k] or "\n" in v or text_px(v) > rooms[k]):
                    cells.append(style.text(v, style.wrap))
                    lines = max(lines, text_lines(v, widths[k]))
                else:
                    cells.append(text_value(ws, v))
            elif isinstance(v, date):
                cells.append(style.cell(v, style.date))
            elif fmt and isinstance(v, int | float) and not isinstance(v, bool):
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = fmt
                cells.append(cell)
            elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 1000:
                cells.append(style.cell(v, style.thousands))
            elif isinstance(v, float) and not v.is_integer():
                cells.append(style.cell(v, style.decimal))
            else:
                cells.append(v)
        if lines > 1:  # a tall row: every cell at its top, beside the wrapped text's first line
            ws.row_dimensions[r].height = row_height(lines)
            cells = [style.on_top(c) for c in cells]
        ws.append(cells)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{len(rows) + 1}"


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column as wide as its content, at least its header's longest word (headers wrap) and at most
    `_MAX_WIDTH` for its name (else `_WIDEST`)."""
    out = []
    for k, title in enumerate(header):
        values = [r[k] for r in rows if k < len(r)]
        texts = sorted((v for v in values if isinstance(v, str)), key=len)[-_MEASURED:]
        widest = max((width_for(v) for v in texts), default=0)
        longest = max((_shown_length(v) for v in values if not isinstance(v, str)), default=0)
        least = _least_width(title)
        most = _MAX_WIDTH.get(title, _WIDEST)
        out.append(float(min(most, max(least, widest, longest + 2))))
    return out


def printed_widths(header: Sequence[str], rows: Sequence[Sequence[Any]], nip: set[int]) -> list[float]:
    """`column_widths` with the text columns narrowed (never a NIP column, never below `_NARROWEST_TEXT`) so
    that the sheet prints at `OTHER_SHEET_SCALE` or more when fitted to the page width; each keeps a width in
    proportion to its mean text (`print_layout.fit_widths`)."""
    widths = column_widths(header, rows)
    text = [k not in nip and any(isinstance(r[k], str) for r in rows if k < len(r)) for k in range(len(header))]
    least = [max(_least_width(h), min(w, _NARROWEST_TEXT)) for h, w in zip(header, widths, strict=True)]
    typical = []
    for k in range(len(header)):
        lengths = [len(r[k]) for r in rows if k < len(r) and isinstance(r[k], str)]
        typical.append(_MEAN_CHAR_PX * sum(lengths) / len(lengths) if lengths else 0.0)
    return fit_widths(widths, text, least, typical)


def _least_width(title: str) -> int:
    """A column is at least as wide as its header's longest word in bold, and two units more: a header word is
    never broken."""
    return max(_NARROWEST, max((width_for(w, bold=True) + 2 for w in str(title).split()), default=0))


def is_nip_column(title: str) -> bool:
    return title == "NIP" or title.startswith("NIP ")


def print_setup(ws: WriteOnlyWorksheet) -> None:
    """A4 landscape, all columns on the page width, the header row repeated on every page, and the footer:
    the personal-data notice, the sheet name and the page number."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=MARGIN_LR_IN, right=MARGIN_LR_IN, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_title_rows = "1:1"
    print_footer(ws, 8)


class _Styles:
    """Cell styles made once per sheet and copied onto cells (setting a style object per cell is slow)."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.nip = self._proto(number_format="@", alignment=_TOP)
        self.wrap = self._proto(alignment=_WRAP)
        self.date = self._proto(number_format=DATE_FORMAT, alignment=_TOP)
        self.thousands = self._proto(number_format=INTEGER_FORMAT, alignment=_TOP)
        self.decimal = self._proto(number_format=DECIMAL_FORMAT, alignment=_TOP)
        self.top = self._proto(alignment=_TOP)

    def _proto(self, **style: Any) -> Any:
        cell = WriteOnlyCell(self.ws)
        for key, value in style.items():
            setattr(cell, key, value)
        return cell._style

    def cell(self, value: Any, style: Any) -> Any:
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(style)
        return cell

    def on_top(self, value: Any) -> Any:
        """`value` (a plain value or a cell) aligned to the top of its row; a string stays text."""
        if isinstance(value, Cell):
            if not value.alignment.vertical:
                value.alignment = _TOP
            return value
        if value is None:
            return None
        if isinstance(value, str):
            return self.text(value, self.top)
        return self.cell(value, self.top)

    def text(self, value: str, style: Any) -> Any:
        """A text cell (never a formula) with `style`."""
        cell = self.cell(ILLEGAL_CHARACTERS_RE.sub("", value), style)
        cell.data_type = "s"
        return cell


def _shown_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value)
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return len(str(value))


def header_cell(ws: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    return text_cell(ws, title, font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_HEADER_ALIGN)


def text_value(ws: WriteOnlyWorksheet, value: str) -> Any:
    """A string as a text cell: plain strings are already text; '='-strings need an explicit text cell."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):
        return text_cell(ws, value)
    return value


def print_footer(ws: Any, size: int) -> None:
    """The footer of every printed page: the personal-data notice, the sheet's name and 'Halaman X dari Y'."""
    footer = ws.HeaderFooter.oddFooter
    for part, text in ((footer.left, NOTICE), (footer.center, "&A"), (footer.right, "Halaman &P dari &N")):
        part.text = text
        part.size = size
