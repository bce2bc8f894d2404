"""Writing people-friendly sheets, shared by every output workbook: a bold, frozen, filtered header; widths
from the content with long text wrapped; NIP as Text (`@`); dates DD-MM-YYYY; A4 landscape printing with the
header row on every page and the personal-data notice in the footer; text never a formula; and workbooks
whose bytes depend only on their content."""

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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from penempatan.excel.common import text_cell
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
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
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


TWO_COLUMN_FORMATS = {
    "Ringkasan": {"Gap": "0.00%", "Waktu (detik)": "0.00", "Tanggal acuan": DATE_FORMAT},
    "Parameter": {"tanggal_acuan": DATE_FORMAT, "larangan_mulai": DATE_FORMAT, "larangan_selesai": DATE_FORMAT},
}
"""Number formats of two-column sheets, by the label in the first column."""


def write_sheet(wb: Workbook, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
                formats: dict[str, str] | None = None, *, freeze: str = "A2") -> None:
    """A table sheet: bold, frozen, filtered header row; widths from the content; long text wrapped; NIP
    columns as Text; dates DD-MM-YYYY; whole numbers from 1.000 up with a thousands separator (Excel shows the
    reader's locale: 41.287 in Indonesian); A4 landscape print setup.

    `formats` gives a number format by the label in a row's first column (two-column sheets such as
    Ringkasan: {"Gap": "0.00%"}); it applies to the row's numeric cells.
    """
    rows = [list(r) for r in rows]
    ws = wb.create_sheet(name)
    assert isinstance(ws, WriteOnlyWorksheet)
    widths = column_widths(header, rows)
    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = freeze
    print_setup(ws)
    ws.append([header_cell(ws, h) for h in header])
    style = _Styles(ws)
    nip = {k for k, h in enumerate(header) if is_nip_column(h)}
    for row in rows:
        fmt = formats.get(str(row[0])) if formats and row else None
        cells: list[Any] = []
        for k, v in enumerate(row):
            if isinstance(v, str):
                if k in nip:
                    cells.append(style.text(v, style.nip))
                elif len(v) > widths[k]:
                    cells.append(style.text(v, style.wrap))
                else:
                    cells.append(text_value(ws, v))
            elif isinstance(v, date):
                cells.append(style.cell(v, style.date))
            elif fmt and isinstance(v, int | float) and not isinstance(v, bool):
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = fmt
                cells.append(cell)
            elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 1000:
                cells.append(style.cell(v, style.thousands))  # 41.287 in an Indonesian Excel
            else:
                cells.append(v)
        ws.append(cells)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{len(rows) + 1}"


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column as wide as its content, at least its header's longest word (headers wrap) and at most
    `_MAX_WIDTH` for its name (else `_WIDEST`)."""
    out = []
    for k, title in enumerate(header):
        values = [r[k] for r in rows if k < len(r)]
        longest = max((_shown_length(v) for v in values), default=0)
        least = max(_NARROWEST, max((len(w) for w in str(title).split()), default=0) + 2)
        most = _MAX_WIDTH.get(title, _WIDEST)
        out.append(float(min(most, max(least, longest + 2))))
    return out


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
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_title_rows = "1:1"
    footer = ws.HeaderFooter.oddFooter
    footer.left.text = NOTICE
    footer.left.size = 8
    footer.center.text = "&A"
    footer.center.size = 8
    footer.right.text = "Halaman &P dari &N"
    footer.right.size = 8


class _Styles:
    """Cell styles made once per sheet and copied onto cells (setting a style object per cell is slow)."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.nip = self._proto(number_format="@")
        self.wrap = self._proto(alignment=_WRAP)
        self.date = self._proto(number_format=DATE_FORMAT)
        self.thousands = self._proto(number_format="#,##0")

    def _proto(self, **style: Any) -> Any:
        cell = WriteOnlyCell(self.ws)
        for key, value in style.items():
            setattr(cell, key, value)
        return cell._style

    def cell(self, value: Any, style: Any) -> Any:
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(style)
        return cell

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
