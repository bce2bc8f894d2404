"""Normalising and formatting text in one place: keys that make two spellings of a name equal, NIPs, Ya/Tidak,
and how numbers, dates and durations are written for the planner (one Indonesian convention everywhere).

Thousands are separated by '.', decimals by ',' (41.287 and 64,3), dates are DD-MM-YYYY. The terminal, the
HTML report and text inside workbooks all go through these functions; numeric workbook cells stay numbers
(Excel shows them in the reader's locale) and date cells get the number format `DATE_FORMAT`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

DATE_FORMAT = "DD-MM-YYYY"
"""Excel number format of every date cell."""


# --- keys: two spellings of one name compare equal -------------------------------------------------------------
def code_key(value: object) -> str:
    """Upper case with everything but A–Z and 0–9 removed: 'D-III', 'D III', 'd.iii' -> 'DIII' (codes,
    levels, statuses, Ya/Tidak)."""
    return re.sub(r"[^0-9A-Z]", "", str(value).upper())


def name_key(value: object) -> str:
    """Case-insensitive, runs of white space as one space: ' Kepala  Dinas ' -> 'kepala dinas' (post names,
    sheet names, column headers of an output workbook); None -> ''."""
    return " ".join(("" if value is None else str(value)).split()).casefold()


def compact_key(value: object) -> str:
    """Case-insensitive with all white space removed: 'Dinas  Kesehatan' -> 'dinaskesehatan' (names of posts
    and units in the input)."""
    return re.sub(r"\s+", "", str(value)).casefold()


def header_key(value: object) -> str:
    """Case-insensitive with white space, '_', '.' and '-' removed: 'NIP BARU', 'nip  baru', 'Nip_Baru' ->
    'nipbaru' (column headers and sheet names of the input); None -> ''."""
    return re.sub(r"[\s_.\-]+", "", str(value or "")).lower()


def snake_key(value: object) -> str:
    """Lower-case words joined by '_': 'Kesehatan Masyarakat' -> 'kesehatan_masyarakat' (field names)."""
    return re.sub(r"[^0-9a-z]+", "_", str(value).lower()).strip("_")


# --- NIP ---------------------------------------------------------------------------------------------------------
NIP_LENGTH = 18
_NIP_PREFIX = re.compile(r"^'?\s*(?:NIP\.?\s*:?\s*)?", re.IGNORECASE)
_NIP_SEPARATORS = re.compile(r"[\s.]+")


def strip_nip_prefix(value: object) -> str:
    """A NIP as typed without surrounding space, a leading apostrophe and a 'NIP', 'NIP.' or 'NIP:' prefix."""
    return _NIP_PREFIX.sub("", str(value).strip())


def nip_digits(value: object) -> str:
    """A NIP as typed without apostrophe, prefix, spaces and dots: "NIP. 19700315 200003 1 002" ->
    '197003152000031002'. Not checked: the result may hold letters or have any length (see `parse_nip`)."""
    return _NIP_SEPARATORS.sub("", strip_nip_prefix(value))


def parse_nip(value: object) -> str | None:
    """The 18-digit NIP written in `value` (as `nip_digits` reads it), or None when it is not one."""
    digits = nip_digits(value)
    return digits if len(digits) == NIP_LENGTH and digits.isascii() and digits.isdigit() else None


def nip_lookup_key(value: object) -> str:
    """Only the digits of a NIP typed to find someone (a command-line option): any separator is ignored.
    For looking up, never for reading the input, where `parse_nip` refuses what is not a NIP."""
    return re.sub(r"\D", "", str(value))


def nip(value: object) -> str:
    """A NIP as text, whatever cell type it came from (an 18-digit number loses its last digits in Excel)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


# --- Ya/Tidak ----------------------------------------------------------------------------------------------------
YES_WORDS = frozenset({"YA", "Y", "YES", "TRUE", "BENAR", "1", "IYA"})
NO_WORDS = frozenset({"TIDAK", "T", "NO", "N", "FALSE", "SALAH", "0", "TDK", "BUKAN"})


def yes_no(value: bool) -> str:
    return "Ya" if value else "Tidak"


def parse_yes_no(value: object) -> bool | None:
    """Ya (ya, Y, iya, benar, true, 1) -> True, Tidak (tidak, tdk, T, bukan, salah, false, 0) -> False, any
    other value -> None; a bool is itself, the numbers 0 and 1 are Tidak and Ya."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = code_key(value)
    if key in YES_WORDS:
        return True
    return False if key in NO_WORDS else None


# --- numbers, dates, durations -----------------------------------------------------------------------------------
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


def months_text(months: int) -> str:
    """A duration in a table cell: 74 -> '6 th 2 bln', 12 -> '1 th', 5 -> '5 bln' (negative counts as 0)."""
    years, rest = divmod(max(0, months), 12)
    if years and rest:
        return f"{years} th {rest} bln"
    return f"{years} th" if years else f"{rest} bln"


def months_long(months: int) -> str:
    """A duration in text the employee reads: 74 -> '6 tahun 2 bulan', 0 -> '0 bulan'."""
    years, rest = divmod(max(0, months), 12)
    parts = ([f"{years} tahun"] if years else []) + ([f"{rest} bulan"] if rest or not years else [])
    return " ".join(parts)


# --- text that stays text: what a terminal, a letter, a web page or a CSV reader must not obey -------------------
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (an ESC sequence can move the cursor and erase a message on a terminal; NUL ends a string in
many readers) and the bidi marks and overrides that reorder what a reader sees."""
SHOWN_INSTEAD = "\ufffd"
"""What such a character becomes: the replacement character, visible where it was."""


def visible(value: str) -> str:
    """`value` with every control character and bidi override shown as '�' (tab and line breaks kept): for the
    terminal, letters and web pages, so a cell's text cannot rewrite or reorder what is shown around it."""
    return _INVISIBLE.sub(SHOWN_INSTEAD, value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A text cell for a CSV file that Excel or LibreOffice may open: one starting like a formula gets a leading
    apostrophe (CSV injection), as the workbooks store such text as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value
