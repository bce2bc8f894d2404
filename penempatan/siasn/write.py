"""The merged workbook: the planner's workbook (or a fresh template) with SIASN's values in their cells and
the sheets `Sumber SIASN` (where every value came from) and `Konflik SIASN` (what SIASN contradicts).

Never the input itself: the input's bytes are loaded and the result saved atomically to another path. Text is
written as text, never a formula; dates as date cells in the project's date format.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from penempatan.atomic import write_atomically
from penempatan.excel.input_sheets import Sheet
from penempatan.siasn.merge import Conflict, Written
from penempatan.siasn.xlsx_patch import Table, patch_workbook
from penempatan.text import DATE_FORMAT

SHEET_SUMBER = "Sumber SIASN"
SHEET_KONFLIK = "Konflik SIASN"
_SUMBER_HEADERS = ("NIP", "Nama", "Kolom", "Nilai", "Tindakan", "Jenis Rekaman", "Rekaman", "ID Rekaman",
                   "Tanggal Rekaman", "Keterangan")
_KONFLIK_HEADERS = ("NIP", "Nama", "Baris Pegawai", "Kolom", "Nilai Workbook", "Nilai SIASN", "Tindakan",
                    "Jenis Rekaman", "Rekaman", "Pesan")
_WIDTHS: dict[str, float] = {"NIP": 21, "Nama": 30, "Kolom": 20, "Nilai": 36, "Tindakan": 30, "Rekaman": 26,
                             "ID Rekaman": 20, "Keterangan": 50, "Pesan": 70, "Nilai Workbook": 30, "Nilai SIASN": 30}
_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="D9E1F2")


def write_merged(raw: bytes, pegawai: Sheet, cells: dict[tuple[int, str], object], written: Sequence[Written],
                 conflicts: Sequence[Conflict], out: Path, other: Sheet | None = None,
                 other_cells: dict[tuple[int, str], object] | None = None) -> None:
    """`merged_bytes` saved to `out` atomically."""
    merged = merged_bytes(raw, pegawai, cells, written, conflicts, other, other_cells)
    write_atomically(out, lambda tmp: tmp.write_bytes(merged), suffix=".xlsx")


def merged_bytes(raw: bytes, pegawai: Sheet, cells: dict[tuple[int, str], object], written: Sequence[Written],
                 conflicts: Sequence[Conflict], other: Sheet | None = None,
                 other_cells: dict[tuple[int, str], object] | None = None) -> bytes:
    """The workbook `raw` with `cells` ((Excel row, column) -> value) in sheet Pegawai (a column it lacks is added
    after the last) and `other_cells` in the sheet `other`, plus the two SIASN sheets (replacing earlier ones).
    The XML is patched in place (`xlsx_patch`), through openpyxl when it cannot be. `check`/`solve --riwayat`
    read these bytes without writing them."""
    edits = {pegawai.name: (pegawai.index, cells)}
    if other is not None:
        edits[other.name] = (other.index, other_cells or {})
    tables: list[Table] = [(SHEET_SUMBER, _SUMBER_HEADERS, list(_sources(written)), _WIDTHS),
                           (SHEET_KONFLIK, _KONFLIK_HEADERS, list(_conflicts(conflicts)), _WIDTHS)]
    patched = patch_workbook(raw, edits, tables)
    if patched is not None:
        return patched
    wb = load_workbook(io.BytesIO(raw))
    for name, (positions, sheet_cells) in edits.items():
        _fill(wb[name], positions, sheet_cells)
    for title, headers, rows, _ in tables:
        _table(wb, title, headers, rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sources(written: Sequence[Written]) -> Iterator[list[object]]:
    for w in written:
        s = w.fact.source
        yield [w.nip, w.nama, w.column, w.value, w.action, s.kind, s.where, s.record_id, s.record_date, w.fact.note]


def _conflicts(conflicts: Sequence[Conflict]) -> Iterator[list[object]]:
    for c in conflicts:
        s = c.fact.source
        yield [c.nip, c.nama, c.row, c.column, c.typed, c.fact.text, c.action, s.kind, s.where, c.message]


def _fill(ws: Worksheet, positions: dict[str, int], cells: dict[tuple[int, str], object]) -> None:
    columns = dict(positions)
    added = ws.max_column
    for _, column in cells:
        if column not in columns:
            columns[column] = added
            _put(ws, 1, added + 1, column).font = _BOLD
            added += 1
    for (row, column), value in cells.items():
        _put(ws, row, columns[column] + 1, value)


def _put(ws: Worksheet, row: int, column: int, value: object) -> Any:
    """One cell: text as text (never a formula), a date as a date cell, a number as a number, None empties it."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"
    return cell


def _table(wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    if title in wb.sheetnames:
        del wb[title]
    ws = wb.create_sheet(title)
    for c, header in enumerate(headers, 1):
        cell = ws.cell(row=1, column=c, value=header)
        cell.font, cell.fill = _BOLD, _HEAD
        ws.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(header, 16)
    ws.column_dimensions["A"].number_format = "@"
    n = 1
    for n, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            _put(ws, n, c, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(n, 1)}"
