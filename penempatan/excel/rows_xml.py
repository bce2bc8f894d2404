"""A sheet's rows written as XML by us instead of cell by cell through openpyxl.

openpyxl builds a cell object per value, hashes its style for every cell and writes each through lxml: at
50,000 employees that was most of the plan workbook's writing (about 6 of 15 s). A sheet's few styles are
registered once here (`style`), each row is rendered to its `<row>` element as a string, and
`StableWorkbook.save` puts the rows into the sheet's `<sheetData>` (openpyxl writes everything else: widths,
panes, filter, print setup, styles). Strings are always inline text (`t="inlineStr"`), never a formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})

Styled = tuple[Any, int]
"""A value with the id of its style (0: the workbook's default)."""


class SheetRows:
    """The rows of one write-only sheet, rendered as XML; nothing may be appended to the sheet through
    openpyxl once this exists (its `<sheetData>` is replaced on saving)."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.epoch = ws.parent.epoch
        self.parts: list[str] = []
        self.n = 0  # rows written
        self._letters: list[str] = []
        ws.parent._fast_rows[ws.title] = self  # StableWorkbook: see StableWorkbook.save

    def style(self, **attrs: Any) -> int:
        """The id of the cell style with `attrs` (font, fill, border, alignment, number_format), registered in
        the workbook once."""
        cell = WriteOnlyCell(self.ws)
        for name, value in attrs.items():
            setattr(cell, name, value)
        return int(cell.style_id) if cell.has_style else 0

    def append(self, cells: Sequence[Styled | None], height: float | None = None) -> None:
        """One row: (value, style id) per column, None for an empty cell; `height` in pt when not the default."""
        self.n += 1
        r = self.n
        while len(self._letters) < len(cells):
            self._letters.append(get_column_letter(len(self._letters) + 1))
        out = [f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">']
        for k, item in enumerate(cells):
            if item is None:
                continue
            value, style = item
            cell = self._cell(f"{self._letters[k]}{r}", value, style)
            if cell:
                out.append(cell)
        out.append("</row>")
        self.parts.append("".join(out))

    def extend(self, rows: Iterable[Sequence[Styled | None]]) -> None:
        for row in rows:
            self.append(row)

    def _cell(self, ref: str, value: Any, style: int) -> str:
        s = f' s="{style}"' if style else ""
        kind = type(value)
        if kind is str:
            if not value:  # an empty cell that is there (a reader sees the row reach this column)
                return f'<c r="{ref}"{s}/>'
            if ILLEGAL_CHARACTERS_RE.search(value):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            space = ' xml:space="preserve"' if value != value.strip() else ""
            return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{value.translate(_ESCAPES)}</t></is></c>'
        if kind is bool:
            return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
        if kind is int:
            return f'<c r="{ref}"{s} t="n"><v>{value}</v></c>'
        if kind is float:
            if not math.isfinite(value):
                return self._cell(ref, str(value), style)
            return f'<c r="{ref}"{s} t="n"><v>{value!r}</v></c>'
        if isinstance(value, datetime | date):
            return f'<c r="{ref}"{s} t="n"><v>{to_excel(value, self.epoch)!r}</v></c>'
        if value is None:
            return f'<c r="{ref}"{s}/>' if style else ""
        if hasattr(value, "item"):  # a numpy number
            return self._cell(ref, value.item(), style)
        return self._cell(ref, str(value), style)

    def xml(self) -> str:
        return "<sheetData>" + "".join(self.parts) + "</sheetData>"
