"""How numbers, dates, NIPs and yes/no are written for the planner: one Indonesian convention everywhere.

Thousands are separated by '.', decimals by ',' (41.287 and 64,3), dates are DD-MM-YYYY. The terminal, the
HTML report and text inside workbooks all go through these functions; numeric workbook cells stay numbers
(Excel shows them in the reader's locale) and date cells get the number format `DATE_FORMAT`.
"""

from __future__ import annotations

import math
from datetime import date, datetime

DATE_FORMAT = "DD-MM-YYYY"
"""Excel number format of every date cell."""


def number(value: float, decimals: int = 0) -> str:
    """41287 -> '41.287'; number(64.25, 1) -> '64,3'; NaN and infinity -> '-'."""
    x = float(value)
    if not math.isfinite(x):
        return "-"
    if decimals <= 0:
        x = round(x)
        text = f"{abs(int(x)):,}".replace(",", ".")
        return f"-{text}" if x < 0 else text
    whole, _, frac = f"{abs(x):,.{decimals}f}".partition(".")
    text = f"{whole.replace(',', '.')},{frac}"
    return f"-{text}" if x < 0 and float(f"{abs(x):.{decimals}f}") != 0 else text


def decimal(value: float, decimals: int = 1) -> str:
    """A measurement: whole values without decimals (60 -> '60'), others with a comma (64,3)."""
    x = float(value)
    return number(x) if math.isfinite(x) and x.is_integer() else number(x, decimals)


def percent(fraction: float, decimals: int = 2) -> str:
    """0.012345 -> '1,23 %' (the fraction 1.0 is 100 %)."""
    if not math.isfinite(float(fraction)):
        return "-"
    return f"{number(100 * float(fraction), decimals)} %"


def date_text(value: date | datetime | None) -> str:
    """DD-MM-YYYY; None -> ''."""
    return "" if value is None else value.strftime("%d-%m-%Y")


def yes_no(value: bool) -> str:
    return "Ya" if value else "Tidak"


def nip(value: object) -> str:
    """A NIP as text, whatever cell type it came from (an 18-digit number loses its last digits in Excel)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()

