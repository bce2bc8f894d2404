"""Writing people-friendly sheets: bold frozen filtered headers, widths by column name, text never a formula,
and workbooks whose bytes depend only on their content. Shared by every output workbook."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from penempatan.excel.common import text_cell

_WIDTH = {
    "NIP": 21, "Nama": 28, "Golongan": 10, "Keterangan": 38, "Nilai": 40, "Parameter": 30, "Alasan": 110,
    "Jenis": 17, "Rantai": 8, "Urutan Rantai": 8, "Kebutuhan": 12, "Selisih": 8, "Selisih Sesudah": 22,
    "Kursi Kosong": 8, "Skor": 7, "Skor Asal": 7, "Skor Tujuan": 7,
    "Urutan": 110, "Unit Terlibat": 40, "Jumlah Pegawai": 10, "Total Kenaikan Skor": 12,
    "Dapat Disetujui Terpisah": 12, "Catatan": 80, "Kode Jabatan": 16, "Jabatan": 34, "Unit Kerja": 34,
    "Jurusan": 28, "TMT Jabatan": 12, "Tanggal Lahir": 12, "Tanggal Pensiun": 12,
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
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
    "Ringkasan": {"Gap": "0.00%", "Waktu (detik)": "0.00", "Tanggal acuan": "DD-MM-YYYY"},
    "Parameter": {"tanggal_acuan": "YYYY-MM-DD", "larangan_mulai": "YYYY-MM-DD",
                  "larangan_selesai": "YYYY-MM-DD"},
}
"""Number formats of two-column sheets, by the label in the first column."""


def write_sheet(wb: Workbook, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
                 formats: dict[str, str]) -> None:
    """A sheet with a bold, frozen, filtered header row and widths set per column name."""
    ws = wb.create_sheet(name)
    assert isinstance(ws, WriteOnlyWorksheet)
    for k, title in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(k)].width = _WIDTH.get(title, max(12, len(title) + 2))
    ws.freeze_panes = "A2"
    ws.append([header_cell(ws, h) for h in header])
    n = 1
    for row in rows:
        cells: list[Any] = [text_value(ws, v) if isinstance(v, str) else v for v in row]
        fmt = formats.get(str(row[0])) if formats else None
        if fmt and not isinstance(row[-1], str):
            cells[-1] = WriteOnlyCell(ws, value=row[-1])
            cells[-1].number_format = fmt
        ws.append(cells)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n}"


def header_cell(ws: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    return text_cell(ws, title, font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_HEADER_ALIGN)


def text_value(ws: WriteOnlyWorksheet, value: str) -> Any:
    """A string as a text cell: plain strings are already text; '='-strings need an explicit text cell."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):
        return text_cell(ws, value)
    return value
