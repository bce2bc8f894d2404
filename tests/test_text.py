"""Normalising and formatting in one place (penempatan/text.py): keys, NIPs, Ya/Tidak, and one Indonesian
convention for numbers, dates and durations."""

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


def test_keys_make_spellings_equal() -> None:
    """Each key treats the spellings a planner writes as one name, and keeps different names apart."""
    assert text.code_key("D-III") == text.code_key("d.iii") == text.code_key("D III") == "DIII"
    assert text.name_key("  Kepala   Dinas ") == text.name_key("kepala dinas") == "kepala dinas"
    assert text.name_key(None) == "" and text.name_key("Kepala Dinas") != text.name_key("KepalaDinas")
    assert text.compact_key("Dinas  Kesehatan") == text.compact_key("dinaskesehatan") == "dinaskesehatan"
    assert text.header_key("NIP BARU") == text.header_key("Nip_Baru") == text.header_key("nip-baru.") == "nipbaru"
    assert text.header_key(None) == ""
    assert text.snake_key("Kesehatan Masyarakat") == text.snake_key(" kesehatan-masyarakat ") == "kesehatan_masyarakat"


@pytest.mark.parametrize(("typed", "parsed"), [
    ("197003152000031002", "197003152000031002"), ("'197003152000031002", "197003152000031002"),
    ("NIP. 19700315 200003 1 002", "197003152000031002"), ("nip: 19700315.200003.1.002", "197003152000031002"),
    (" NIP 19700315 200003 1 002 ", "197003152000031002"), ("19700315200003100", None),
    ("1970031520000310021", None), ("19700315-200003-1-002", None), ("A97003152000031002", None), ("", None),
])
def test_parse_nip(typed: str, parsed: str | None) -> None:
    """A NIP is read with its apostrophe, 'NIP' prefix, spaces and dots dropped; only 18 digits are a NIP."""
    assert text.parse_nip(typed) == parsed


def test_nip_lookup_key_keeps_only_digits() -> None:
    """For finding someone every separator is ignored, also those `parse_nip` refuses."""
    assert text.nip_lookup_key("19700315-200003-1-002") == "197003152000031002"
    assert text.nip_lookup_key("NIP. 19700315 200003 1 002") == text.parse_nip("NIP. 19700315 200003 1 002")


@pytest.mark.parametrize(("value", "parsed"), [
    ("Ya", True), ("ya", True), ("Y", True), ("iya", True), ("Benar", True), ("TRUE", True), ("1", True), (1, True),
    (True, True), ("Tidak", False), ("tdk", False), ("T", False), ("bukan", False), ("0", False), (0, False),
    (0.0, False), (False, False), ("mungkin", None), ("", None), (2, None),
])
def test_parse_yes_no(value: object, parsed: bool | None) -> None:
    """Ya/Tidak in the spellings planners use; anything else is None (the caller says what is wrong)."""
    assert text.parse_yes_no(value) is parsed


def test_months() -> None:
    """Durations: short for table cells, long for text the employee reads; negative counts as zero."""
    assert [text.months_text(m) for m in (74, 12, 5, 0, -3)] == ["6 th 2 bln", "1 th", "5 bln", "0 bln", "0 bln"]
    assert [text.months_long(m) for m in (74, 24, 5, 0)] == ["6 tahun 2 bulan", "2 tahun", "5 bulan", "0 bulan"]
