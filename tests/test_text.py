"""One Indonesian convention for numbers, dates, NIPs and yes/no (penempatan/text.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penempatan import text


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (0, 0, "0"), (999, 0, "999"), (1000, 0, "1.000"), (41287, 0, "41.287"), (-2181, 0, "-2.181"),
    (1234567, 0, "1.234.567"), (64.3, 1, "64,3"), (64.25, 1, "64,2"), (1234.5, 2, "1.234,50"), (-0.04, 1, "0,0"),
    (41287.0, 0, "41.287"), (0.5, 0, "0"), (float("nan"), 0, "-"), (float("inf"), 2, "-"),
])
def test_number(value: float, decimals: int, shown: str) -> None:
    """Thousands are separated by '.', decimals by ','; non-finite values show as '-'."""
    assert text.number(value, decimals) == shown


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_number_round_trips(n: int) -> None:
    """Removing the thousands dots from a formatted whole number gives the number back."""
    assert int(text.number(n).replace(".", "")) == n


def test_decimal_percent_date_yes_no_nip() -> None:
    """Whole measurements lose their decimals, percentages use a comma, dates are DD-MM-YYYY."""
    assert text.decimal(60.0) == "60" and text.decimal(64.32) == "64,3" and text.decimal(2.5, 2) == "2,50"
    assert text.percent(0.012345) == "1,23 %" and text.percent(0.0, 4) == "0,0000 %" and text.percent(1.0) == "100,00 %"
    assert text.date_text(date(2025, 7, 1)) == "01-07-2025"
    assert text.date_text(datetime(2026, 12, 31, 5)) == "31-12-2026"
    assert text.date_text(None) == ""
    assert text.yes_no(True) == "Ya" and text.yes_no(False) == "Tidak"
    assert text.nip(" 197003152000031002 ") == "197003152000031002"
    assert text.nip(197003152000031002) == "197003152000031002" and text.nip(None) == ""
