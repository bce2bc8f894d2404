"""The workbook of `penempatan compare`: Banding, Per Unit and Perbedaan, one column per plan, and the legend of
the rule codes Banding cites (Kode Aturan, as in the plan workbook)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from penempatan.compare import Comparison, banding_rows
from penempatan.excel.common import as_text, atomic_save
from penempatan.excel.sheets import DECIMAL_FORMAT, PERCENT_FORMAT, StableWorkbook, write_sheet
from penempatan.excel.write_plan import RULES_SHEET
from penempatan.rules import LEGEND_COLUMNS, codes_in, legend_rows
from penempatan.text import nip

SHEETS = ("Banding", "Per Unit", "Perbedaan", RULES_SHEET)
_FORMATS = {"Gap": PERCENT_FORMAT, "Waktu (detik)": DECIMAL_FORMAT, "Pegawai dipindah (%)": DECIMAL_FORMAT,
            "Rata-rata kesesuaian": DECIMAL_FORMAT}
"""Banding's rows with a fraction, in the Indonesian form of the plan workbook (0,00 %, 1.234,50)."""


def write_comparison(path: Path, c: Comparison) -> None:
    """Write the comparison workbook atomically to `path` (same sheet machinery as the plan workbook:
    frozen filtered header, widths, print setup; same bytes for the same comparison)."""
    wb = StableWorkbook(datetime.combine(c.base.params.tanggal_acuan, datetime.min.time()))
    labels = [p.label for p in c.plans]
    banding = [[name, *values] for name, values in banding_rows(c)]
    write_sheet(wb, "Banding", ["Ukuran", *labels], banding, _FORMATS, freeze="B2")
    write_sheet(wb, "Per Unit", _unit_header(c), _unit_rows(c), freeze="B2")
    write_sheet(wb, "Perbedaan", ["NIP", "Nama", "Kode Jabatan Asal", "Jabatan Asal", "Unit Asal",
                                 *[f"Tujuan: {label}" for label in labels]], _difference_rows(c), freeze="C2")
    write_sheet(wb, RULES_SHEET, LEGEND_COLUMNS, legend_rows(codes_in(v for row in banding for v in row)))
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
        row: list[Any] = [as_text(unit), int(before[k])]
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
        row: list[Any] = [nip(e.nip), as_text(e.nama), as_text(origin.kode), as_text(origin.nama),
                          as_text(origin.unit)]
        for p in c.plans:
            j = int(p.summary.assignment[i])
            if not p.summary.feasible or j == cur:
                row.append("tetap" if p.summary.feasible else "")
            else:
                q = base.positions[j]
                row.append(f"{q.kode} {q.nama}" + ("" if q.unit == origin.unit else f" ({q.unit})"))
        rows.append(row)
    return rows
