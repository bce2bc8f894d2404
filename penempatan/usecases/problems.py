"""Input problems placed where the planner finds them: each problem's column number from the workbook's header
row when the reader did not give it, and TOML syntax errors in Bahasa Indonesia (the CLI prints them, the web
app shows them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from penempatan.errors import FILE_SHEET, Problem, toml_error_text

_FILE_SUFFIXES = (".toml", ".xlsx", ".xlsm", ".xls", ".csv", ".json")
_TOML_PREFIX = "format TOML tidak sah: "


def is_file_name(sheet: str) -> bool:
    """Whether a problem's `sheet` names a file of its own (a scenario, a plan) rather than a sheet."""
    return sheet.lower().endswith(_FILE_SUFFIXES)


def locate(problems: Sequence[Problem], source: Path | None) -> list[Problem]:
    """Problems with their column's position filled in from the workbook's header row where the reader did
    not give it, and TOML syntax errors in Bahasa Indonesia."""
    positions: dict[str, dict[str, int]] | None = None
    out = []
    for p in problems:
        if p.message.startswith(_TOML_PREFIX):
            line, column, why = toml_error_text(p.message.removeprefix(_TOML_PREFIX))
            where = f" (kolom {column})" if column else ""
            p = dataclasses.replace(p, row=p.row or line, message=f"susunan TOML salah: {why}{where}")
        if (p.column_number is None and p.column and source is not None and p.sheet != FILE_SHEET
                and not is_file_name(p.sheet)):
            if positions is None:
                from penempatan.excel.common import header_positions

                positions = header_positions(source)
            number = positions.get(p.sheet, {}).get(p.column.strip())
            if number is not None:
                p = dataclasses.replace(p, column_number=number)
        out.append(p)
    return out
