"""The workbook of `penempatan check --keluaran MASALAH.xlsx`: every problem of the input, one row each, for
the person who fixes the data (filter by sheet, column or message; sort by row)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from penempatan.errors import FILE_SHEET, Problem, column_letter
from penempatan.excel.common import as_text, atomic_save
from penempatan.excel.sheets import StableWorkbook, write_sheet

SHEET = "Masalah"
HEADER = ("Jenis", "Sheet", "Sel", "Baris", "Kolom", "Nilai", "Pesan", "Saran")
_STAMP = datetime(2000, 1, 1)  # no clock in the file: the same problems give the same bytes


def write_problems(path: Path, problems: Sequence[Problem], source: str) -> None:
    """Write every problem (errors first, then warnings, each in sheet and row order) atomically to `path`.
    `source` is the input file's name, shown for problems of the file itself."""
    wb = StableWorkbook(_STAMP)
    write_sheet(wb, SHEET, HEADER, problem_rows(problems, source), freeze="A2")
    atomic_save(wb, path)


def problem_rows(problems: Sequence[Problem], source: str) -> list[list[Any]]:
    order = {name: k for k, name in enumerate(dict.fromkeys(p.sheet for p in problems))}
    ordered = sorted(problems, key=lambda p: (not p.is_error, order[p.sheet], p.row or 0, p.column_number or 0))
    rows: list[list[Any]] = []
    for p in ordered:
        sheet = source if p.sheet == FILE_SHEET else p.sheet
        cell = f"{column_letter(p.column_number)}{p.row or ''}" if p.column_number else ""
        rows.append([p.severity.value, as_text(sheet), cell, p.row if p.row is not None else "",
                     as_text(p.column), as_text(p.value), as_text(p.message), as_text(p.hint)])
    return rows
