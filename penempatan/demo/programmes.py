"""Study programmes as SIASN spells them (`PENDIDIKAN NAMA`) and how the demo picks one for a person.

The table is program_studi.csv next to this module: programme -> jenjang pendidikan, field (rumpun.csv
`bidang`; empty for a programme no field accepts) and the degree written after (gelar) or before (gelar depan)
the name. This table, not rumpun.csv, sets Employee.bidang of the demo, so the demo does not change when a
user edits rumpun.csv; the two are meant to agree (the reader maps the same texts through rumpun.csv).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from penempatan.demo.draw import Pick, nth
from penempatan.reference import Reference


@dataclass(frozen=True)
class Programme:
    """A study programme: its jenjang pendidikan, its field and the degree it gives."""

    level: str  # canonical jenjang pendidikan (pendidikan.csv)
    field: str | None  # None = a programme no field accepts
    gelar: str = ""  # after the name: "S.Kep., Ns."
    prefix: str = ""  # before the name: "dr.", "drg.", "drh."


def _load() -> dict[str, Programme]:
    text = resources.files("penempatan.demo").joinpath("program_studi.csv").read_text(encoding="utf-8")
    return {row["program"]: Programme(row["jenjang_pendidikan"], row["bidang"] or None, row["gelar"],
                                      row["gelar_depan"])
            for row in csv.DictReader(io.StringIO(text))}


PROGRAMMES: dict[str, Programme] = _load()
"""Programme name -> Programme, in the order of program_studi.csv (the order draws index into)."""

# Field mix of people in posts with no field of their own, per programme level (renormalised over the fields
# that have a programme at that level). Health and teaching graduates in general posts are deliberate.
GENERAL_FIELDS: tuple[tuple[str | None, float], ...] = (
    ("administrasi_sosial", 0.28), ("ekonomi_akuntansi", 0.14), ("manajemen", 0.1), ("hukum", 0.09),
    ("ti", 0.06), ("keguruan", 0.05), ("kesehatan_masyarakat", 0.04), ("keperawatan", 0.02),
    ("teknik_sipil", 0.04), ("pertanian", 0.04), ("komunikasi", 0.03), ("psikologi", 0.02),
    ("statistika", 0.01), ("lingkungan", 0.02), ("bahasa_sastra", 0.02), ("arsitektur_planologi", 0.01),
    ("teknik_mesin_elektro", 0.02), ("peternakan_kesehatan_hewan", 0.01), (None, 0.01),
)
SCHOOL_LEVELS = ("SD", "SLTP", "SLTA")


def with_degree(nama: str, prog: Programme) -> str:
    """The name as the ASN writes it, with the degree of the programme."""
    text = f"{prog.prefix} {nama}" if prog.prefix else nama
    return f"{text}, {prog.gelar}" if prog.gelar else text


class Programmes:
    """Programme choice by (field, level) for people outside the JF families."""

    def __init__(self, ref: Reference) -> None:
        self.rank = {code: ref.pendidikan_rank(code) for code in ref.pendidikan}
        self.index: dict[tuple[str | None, str], list[str]] = {}  # (field, level) -> programmes
        for name, prog in PROGRAMMES.items():
            self.index.setdefault((prog.field, prog.level), []).append(name)
        self.general: dict[str, Pick[str | None]] = {}
        for level in sorted({p.level for p in PROGRAMMES.values()}):
            options = [(f, w) for f, w in GENERAL_FIELDS if (f, level) in self.index]
            if options:
                self.general[level] = Pick(options)

    def choose(self, target: str | None, level: str, u: float, v: float) -> str:
        """A programme of field `target` at `level`; the field's nearest level, else the general mix."""
        if level in SCHOOL_LEVELS:
            return nth(self.index[("umum", level)], u)
        names = self.index.get((target, level))
        if names:
            return nth(names, u)
        rank = self.rank
        near = sorted({lv for (f, lv) in self.index if f == target and lv not in SCHOOL_LEVELS},
                      key=lambda lv: (abs(rank[lv] - rank[level]), rank[lv], lv))
        if near:
            return nth(self.index[(target, near[0])], u)
        return nth(self.index[(self.general[level](v), level)], u)
