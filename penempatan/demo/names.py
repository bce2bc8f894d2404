"""Fictional Indonesian-sounding names built from syllables, so no real person appears in the demo."""

from __future__ import annotations

from collections.abc import Sequence

_SYL_START = ("A", "Ba", "Da", "Ga", "Ha", "I", "Ja", "Ka", "La", "Ma", "Na", "Pa", "Ra", "Sa", "Ta", "Wa",
              "Ya", "Yu", "Su", "Ri", "Di", "Ti", "Bu", "Se", "Ke", "Lu", "No", "Re", "We", "Zu", "E", "O")
_SYL_MID = ("di", "ra", "ma", "na", "si", "ti", "lu", "ya", "wi", "sa", "ha", "ri", "ndra", "nti", "rya",
            "gus", "kar", "dan", "sto", "lia", "mi", "ne", "ro", "bu")
_END_L = ("to", "no", "di", "man", "wan", "ra", "dra", "ko", "har", "din", "yanto", "yadi", "ril", "fan")
_END_P = ("ti", "ni", "wati", "sari", "yani", "na", "la", "ri", "ka", "nah", "tri", "ah", "lia", "sih")
_END_FAMILY = ("wijaya", "putra", "ningrum", "saputra", "lestari", "pratama", "kusuma", "hadi", "harjo",
               "rahayu", "santoso", "utami", "mulyana", "sembada")


def fictional_name(sex: str, r: Sequence[int]) -> str:
    """A fictional Indonesian-sounding name from syllables (never a list of real names)."""
    end = _END_L if sex == "L" else _END_P
    first = _SYL_START[r[0] % len(_SYL_START)] + _SYL_MID[r[1] % len(_SYL_MID)]
    if r[2] % 3 == 0:
        first += _SYL_MID[(r[2] // 3) % len(_SYL_MID)]
    first += end[r[3] % len(end)]
    if r[4] % 5 == 0:
        return first
    last = _SYL_START[(r[4] // 5) % len(_SYL_START)] + _SYL_MID[(r[4] // 160) % len(_SYL_MID)]
    return f"{first} {last.capitalize()}{_END_FAMILY[(r[4] // 4000) % len(_END_FAMILY)]}"
