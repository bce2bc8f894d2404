"""Small helpers every workbook writer shares: atomic save and text that never becomes a formula."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet


def atomic_save(workbook: Workbook, path: Path) -> None:
    """Write to a temporary file beside `path`, then rename: a crash never leaves half a workbook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".penempatan-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def as_text(value: object) -> str:
    return "" if value is None else str(value)


def text_cell(sheet: WriteOnlyWorksheet, value: object, **style: Any) -> WriteOnlyCell:
    """A write-only cell holding `value` as text, even when it starts with '=' (no formula injection)."""
    cell = WriteOnlyCell(sheet, value=as_text(value))
    cell.data_type = "s"
    for name, attr in style.items():
        setattr(cell, name, attr)
    return cell


def set_text(cell: Any, value: object) -> None:
    """Put `value` in a normal (not write-only) cell as text, never as a formula."""
    cell.value = as_text(value)
    cell.data_type = "s"


def param_value(value: object) -> object:
    """A Params value as a planner types it in `Pengaturan`: Ya/Tidak, lists joined with '; ', whole
    numbers without '.0'; dates and None are left to the caller (text in the input, a date cell in the
    output)."""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
