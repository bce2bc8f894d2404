"""The workbook of `penempatan compare`: Banding, Per Unit and Perbedaan, one column per plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from penempatan.compare import Comparison, banding_rows
from penempatan.excel.common import atomic_save, text_cell

SHEETS = ("Banding", "Per Unit", "Perbedaan")
_HEADER = {"font": Font(bold=True), "fill": PatternFill("solid", start_color="DDEBF7"),
           "alignment": Alignment(wrap_text=True, vertical="top")}


def write_comparison(path: Path, c: Comparison) -> None:
    """Write the comparison workbook atomically to `path`."""
    wb = Workbook(write_only=True)
    labels = [p.label for p in c.plans]
    _sheet(wb, "Banding", ["Ukuran", *labels], [[name, *values] for name, values in banding_rows(c)],
           [34] + [26] * len(labels), percent_row="Gap")
    _sheet(wb, "Per Unit", _unit_header(c), _unit_rows(c), [40, 12] + [14] * (2 * len(labels)))
    _sheet(wb, "Perbedaan", ["NIP", "Nama", "Kode Jabatan Asal", "Jabatan Asal", "Unit Asal",
                             *[f"Tujuan: {label}" for label in labels]], _difference_rows(c),
           [21, 28, 16, 30, 30] + [36] * len(labels))
    atomic_save(wb, path)


def _unit_header(c: Comparison) -> list[str]:
    out = ["Unit Kerja", "Bezetting Sebelum"]
    for p in c.plans:
        out += [f"Kebutuhan: {p.label}", f"Sesudah: {p.label}"]
    return out


def _unit_rows(c: Comparison) -> list[list[Any]]:
    base = c.base
    units = base.units
    index = {u: k for k, u in enumerate(units)}
    cur_unit = np.array([index[base.positions[j].unit] for j in base.current_post], dtype=np.int64)
    before = np.bincount(cur_unit, minlength=len(units))
    rows = []
    for k, unit in enumerate(units):
        row: list[Any] = [unit, int(before[k])]
        for p in c.plans:
            s = p.summary
            row += [int(s.unit_need[k]), int(s.unit_after[k]) if s.feasible else ""]
        rows.append(row)
    return rows


def _difference_rows(c: Comparison) -> list[list[Any]]:
    base = c.base
    rows = []
    for i in c.differing:
        e = base.employees[i]
        cur = base.current_post[i]
        origin = base.positions[cur]
        row: list[Any] = [e.nip, e.nama, origin.kode, origin.nama, origin.unit]
        for p in c.plans:
            j = int(p.summary.assignment[i])
            if not p.summary.feasible or j == cur:
                row.append("tetap" if p.summary.feasible else "")
            else:
                q = base.positions[j]
                row.append(f"{q.kode} {q.nama}" + ("" if q.unit == origin.unit else f" ({q.unit})"))
        rows.append(row)
    return rows


def _sheet(wb: Workbook, name: str, header: list[str], rows: list[list[Any]], widths: list[int],
           percent_row: str | None = None) -> None:
    ws = wb.create_sheet(name)
    assert isinstance(ws, WriteOnlyWorksheet)
    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = "B2"
    ws.append([text_cell(ws, h, **_HEADER) for h in header])
    for row in rows:
        cells: list[Any] = []
        for v in row:
            if isinstance(v, str):
                cells.append(text_cell(ws, v))  # names and codes from the input stay text, never formulas
            elif isinstance(v, float) and row[0] == percent_row:
                cell = _number_cell(ws, v)
                cell.number_format = "0.00%"
                cells.append(cell)
            else:
                cells.append(v)
        ws.append(cells)


def _number_cell(ws: WriteOnlyWorksheet, value: float) -> Any:
    from openpyxl.cell import WriteOnlyCell

    return WriteOnlyCell(ws, value=value)
