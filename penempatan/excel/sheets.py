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
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from penempatan.excel.print_layout import (
    MARGIN_LR_IN,
    fit_widths,
    row_height,
    text_lines,
    text_px,
    text_room_px,
    width_for,
)
from penempatan.excel.rows_xml import SheetRows
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
        self._fast_rows: dict[str, SheetRows] = {}  # sheets whose rows rows_xml.SheetRows writes, by title
        self.properties.created = stamp
        self.properties.modified = stamp
        self.properties.creator = "penempatan"

    def save(self, filename: Any) -> None:
        buffer = io.BytesIO()
        super().save(buffer)
        modified = self.stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        rows = {ws.path[1:]: self._fast_rows[ws.title] for ws in self.worksheets if ws.title in self._fast_rows}
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
                zipfile.ZipFile(filename, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                  rb"\g<1>" + modified + rb"\g<2>", body)
                elif info.filename in rows:
                    body = _with_rows(body, rows[info.filename].xml().encode())
                entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = info.external_attr
                dst.writestr(entry, body)


def _with_rows(sheet: bytes, sheet_data: bytes) -> bytes:
    """A worksheet's XML with its (empty) `<sheetData>` replaced by `sheet_data`."""
    start = sheet.find(b"<sheetData")
    if start < 0:
        raise ValueError("worksheet without sheetData")
    empty = sheet.find(b"/>", start)
    close = sheet.find(b">", start)
    end = empty + 2 if empty == close - 1 else sheet.index(b"</sheetData>", start) + len(b"</sheetData>")
    return sheet[:start] + sheet_data + sheet[end:]


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
    out = SheetRows(ws)
    head = out.style(font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_HEADER_ALIGN)
    out.append([(str(h), head) for h in header], row_height(header_lines) if header_lines > 1 else None)
    style = _StyleIds(out)
    for row in rows:
        fmt = formats.get(str(row[0])) if formats and row else None
        lines = 1
        wrapped = set()  # the row's height first: a tall row puts every cell at its top
        for k, v in enumerate(row):
            if (type(v) is str and k not in nip and k < len(rooms)
                    and (len(v) > widths[k] or "\n" in v or text_px(v) > rooms[k])):
                wrapped.add(k)
                lines = max(lines, _lines(v, widths[k]))
        tall = lines > 1
        cells: list[tuple[Any, int] | None] = []
        for k, v in enumerate(row):
            if v is None:
                cells.append(None)
            elif isinstance(v, str):
                if k in nip:
                    cells.append((v, style.nip))
                elif k in wrapped:
                    cells.append((v, style.wrap))
                else:
                    cells.append((v, style.top if tall else 0))
            elif isinstance(v, date):
                cells.append((v, style.date))
            elif fmt and isinstance(v, int | float) and not isinstance(v, bool):
                cells.append((v, style.formatted(fmt, tall)))
            elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 1000:
                cells.append((v, style.thousands))
            elif isinstance(v, float) and not v.is_integer():
                cells.append((v, style.decimal))
            else:
                cells.append((v, style.top if tall else 0))
        out.append(cells, row_height(lines) if tall else None)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{len(rows) + 1}"


@lru_cache(maxsize=1 << 14)
def _lines(text: str, width: float) -> int:
    """`text_lines`, cached: many reasons repeat word for word (R20 for every JPT holder, …)."""
    return text_lines(text, width)


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


class _StyleIds:
    """The style ids of a sheet's body cells, registered once per sheet."""

    def __init__(self, rows: SheetRows) -> None:
        self.rows = rows
        self.nip = rows.style(number_format="@", alignment=_TOP)
        self.wrap = rows.style(alignment=_WRAP)
        self.date = rows.style(number_format=DATE_FORMAT, alignment=_TOP)
        self.thousands = rows.style(number_format=INTEGER_FORMAT, alignment=_TOP)
        self.decimal = rows.style(number_format=DECIMAL_FORMAT, alignment=_TOP)
        self.top = rows.style(alignment=_TOP)
        self._formats: dict[tuple[str, bool], int] = {}

    def formatted(self, fmt: str, top: bool) -> int:
        """A number in `fmt` (a two-column sheet's format by label), at the top of a tall row when `top`."""
        if (fmt, top) not in self._formats:
            self._formats[fmt, top] = (self.rows.style(number_format=fmt, alignment=_TOP) if top
                                       else self.rows.style(number_format=fmt))
        return self._formats[fmt, top]


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


def print_footer(ws: Any, size: int) -> None:
    """The footer of every printed page: the personal-data notice, the sheet's name and 'Halaman X dari Y'."""
    footer = ws.HeaderFooter.oddFooter
    for part, text in ((footer.left, NOTICE), (footer.center, "&A"), (footer.right, "Halaman &P dari &N")):
        part.text = text
        part.size = size
