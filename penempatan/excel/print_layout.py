"""How a sheet prints on A4 landscape: column widths that keep the printed text legible, and row heights that
fit wrapped text.

Fit-to-width prints a sheet at (page width / width of all columns), so the sum of the column widths sets the
printed font size: `fit_widths` narrows the text columns, each in proportion to its typical text, until the
sheet prints at `OTHER_SHEET_SCALE` or more (text of 11 pt at 8 pt or more). Neither openpyxl nor LibreOffice
sizes a row to its wrapped text when it opens an xlsx written this way (LibreOffice keeps the stored height:
wrapped lines then overprint or are cut off), so `text_lines` counts the lines of each wrapped cell by wrapping
its words at Calibri's character widths and `row_height` gives the row a height for that many lines. Widths are
in Excel's unit: the width of one digit of the workbook's default font (Calibri 11, 7 pixels at 96 dpi;
LibreOffice prints with its metric twin Carlito); measurements in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

MARGIN_LR_IN = 0.4
"""Left and right page margins (inches)."""
PAGE_PX = (297 / 25.4 - 2 * MARGIN_LR_IN) * 96
"""Width of an A4 landscape page between the margins, in pixels at 96 dpi (about 1045)."""
_PX_PER_WIDTH = 7.3  # one width unit on paper: 7 px in Excel (Calibri 11's digit), about 7.3 in LibreOffice
_COLUMN_PX = 5  # each column's own padding

BASE_FONT_PT = 11.0
"""The workbook's default font size (Calibri 11): the cells of the ordinary sheets."""
OTHER_SHEET_SCALE = 0.79
"""The least print scale of an ordinary sheet: 11 pt text prints at 8.7 pt (at least 8 pt, with room for
LibreOffice's and Excel's slightly different width conversions)."""
MAX_ROW_PT = 409.0
"""The tallest row Excel stores."""

_ADVANCE = (226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386, 507, 507, 507, 507, 507,
            507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463, 894, 579, 544, 533, 615, 488, 459, 631, 623, 252,
            319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642, 567, 890, 519, 487, 468, 307, 386, 307, 498,
            498, 291, 479, 525, 423, 525, 498, 305, 471, 525, 230, 239, 455, 230, 799, 525, 527, 525, 525, 349, 391,
            335, 525, 452, 715, 433, 453, 395, 314, 460, 314, 498)
"""Advance of the characters ' ' … '~' in thousandths of an em: Calibri's metrics (as its metric twin Carlito,
which LibreOffice prints with, has them). Other characters count as `_OTHER_ADVANCE`; bold text as `_BOLD`
times wider."""
_OTHER_ADVANCE = 650
_BOLD = 1.06
_CELL_PADDING_PX = 8  # the cell's inner padding, with a pixel to spare
_LINE_FACTOR = 15 / 11  # Excel's row height of one line of Calibri 11 is 15 pt
_ROW_PADDING_PT = 1.0


@lru_cache(maxsize=1 << 16)
def word_em(word: str) -> float:
    """Width of `word` in em of Calibri."""
    return sum(_ADVANCE[o - 32] if 32 <= (o := ord(ch)) < 127 else _OTHER_ADVANCE for ch in word) / 1000


def line_height(font_pt: float) -> float:
    """Height (pt) of one line of text of `font_pt` in a row."""
    return round(font_pt * _LINE_FACTOR, 2)


def text_px(text: str, font_pt: float = BASE_FONT_PT, *, bold: bool = False) -> float:
    """Width (px at 96 dpi) of the longest line of `text`."""
    em = max((sum(word_em(w) for w in line.split(" ")) + word_em(" ") * line.count(" ") for line in text.split("\n")),
             default=0.0)
    return em * font_pt * 96 / 72 * (_BOLD if bold else 1.0)


def text_room_px(width: float) -> float:
    """The pixels a cell `width` units wide has for its text (Excel's, the narrower of the two)."""
    return width * 7 + _COLUMN_PX - _CELL_PADDING_PX


def width_for(text: str, font_pt: float = BASE_FONT_PT, *, bold: bool = False) -> int:
    """The narrowest whole width whose cell holds `text` without wrapping."""
    return max(1, math.ceil((text_px(text, font_pt, bold=bold) + _CELL_PADDING_PX - _COLUMN_PX) / 7))


def text_lines(text: str, width: float, font_pt: float = BASE_FONT_PT, *, bold: bool = False) -> int:
    """Lines `text` takes in a wrapped cell `width` units wide: words wrapped greedily at Calibri's widths, each
    newline a new line, a word longer than a line broken across lines."""
    room = text_room_px(width) / (font_pt * 96 / 72 * (_BOLD if bold else 1.0))  # in em
    space = word_em(" ")
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            w = word_em(word)
            if used and used + space + w <= room:
                used += space + w
                continue
            if used:
                lines += 1
            extra = max(0, math.ceil(w / room) - 1) if room > 0 else 0
            lines += extra
            used = w - extra * room
    return lines


def row_height(lines: int, font_pt: float = BASE_FONT_PT) -> float:
    """Row height (pt) for `lines` lines of text of `font_pt`, at most `MAX_ROW_PT`."""
    return min(MAX_ROW_PT, round(lines * line_height(font_pt) + _ROW_PADDING_PT, 2))


def printed_px(widths: Sequence[float]) -> float:
    """Width of the columns on paper at 100 % (px at 96 dpi), as LibreOffice lays them out (the wider one)."""
    return sum(w * _PX_PER_WIDTH + _COLUMN_PX for w in widths)


def fit_widths(widths: Sequence[float], shrinkable: Sequence[bool], least: Sequence[float],
               typical_px: Sequence[float], total_px: float = PAGE_PX / OTHER_SHEET_SCALE) -> list[float]:
    """`widths` with the shrinkable columns narrowed so that the columns print within `total_px`: each to the
    width that holds its typical text (`typical_px`, e.g. the mean width of its cells) in the same number of
    lines, the fewest lines that fit; a column never goes below its `least` nor above its width."""
    widths = list(widths)
    if printed_px(widths) <= total_px:
        return widths

    def at(lines: float) -> list[float]:
        return [min(w, max(lo, math.ceil((t / lines + _CELL_PADDING_PX - _COLUMN_PX) / 7))) if s else w
                for w, s, lo, t in zip(widths, shrinkable, least, typical_px, strict=True)]

    few, many = 1.0, 1000.0
    if printed_px(at(many)) > total_px:
        return at(many)
    for _ in range(40):
        mid = (few + many) / 2
        few, many = (few, mid) if printed_px(at(mid)) <= total_px else (mid, many)
    return at(many)
