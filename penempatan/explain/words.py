"""Small pieces of wording every explanation shares: a rule as reasons cite it (its words and source from the
registry in rules.py), education and field names, signed numbers, a post's label, and the order rules are read in."""

from __future__ import annotations

from collections.abc import Iterable

from penempatan.model import ProblemData
from penempatan.parameters import param_label
from penempatan.reference import load_reference
from penempatan.rules import RULES
from penempatan.text import yes_no

READING_ORDER = ("R11", "R6", "R7", "R8", "R18", "R22", "R9", "R10", "R19", "R17", "R20", "R1", "R4", "R5", "R15",
                 "R23", "R24")
"""Post requirements first, then what holds employees in place (the order a planner reads them in)."""
PAIR_RULES = ("R6", "R7", "R8", "R9", "R10", "R17", "R18", "R19", "R20", "R22")
"""The rules that close one post (class) to one employee (`Tables.class_exclusions`)."""
NO_PURPOSE = "tanpa tujuan mutasi"


def rule_text(code: str, detail: str = "") -> str:
    """A rule as reasons cite it, 'R1: <wording> (<detail>; <source>)', wording and source from the registry;
    `detail` is the facts of this case (e.g. '10 bulan < 24 bulan')."""
    r = RULES[code]
    inside = "; ".join(x for x in (detail, r.source) if x)
    return f"{code}: {r.text}" + (f" ({inside})" if inside else "")


def setting_text(name: str, value: object) -> str:
    """A parameter's setting as reasons cite it, by its label (never its key): 'JPT Pratama ikut direncanakan:
    Tidak'."""
    return f"{param_label(name)}: {yes_no(value) if isinstance(value, bool) else value}"


def education_text(pendidikan: str, jurusan: str | None) -> str:
    """'S-1 Akuntansi' from ('S-1', 'Akuntansi'); a jurusan that already names the level is kept as it is."""
    if not jurusan:
        return pendidikan
    return jurusan if jurusan.upper().startswith(pendidikan.upper()) else f"{pendidikan} {jurusan}"


def field_text(bidang: str | Iterable[str] | None) -> str:
    """A field, or a post's fields, as words: 'ekonomi_akuntansi' -> 'ekonomi akuntansi'; a whole umbrella group by
    its name ('kesehatan; ti'); '' for none."""
    if bidang is None or isinstance(bidang, str):
        return (bidang or "").replace("_", " ")
    return load_reference().bidang_label(bidang).replace("_", " ")


def signed(n: int) -> str:
    """+3, +0, −2 (a true minus sign)."""
    return f"+{n}" if n >= 0 else f"−{-n}"


def post_text(data: ProblemData, j: int) -> str:
    """'KODE Nama Jabatan (Unit)'."""
    q = data.positions[j]
    return f"{q.kode} {q.nama} ({q.unit})"
