"""A new input workbook from the dumps alone (no planner's workbook): one Pegawai row per person SIASN knows,
one Jabatan row per post someone holds now (Kode Jabatan `SIASN.0001` …).

What SIASN does not hold is left empty for the planner (Kelas Jabatan, Kebutuhan, Pendidikan Minimal of the
posts; Potensi, competences): `penempatan check` on the result lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from penempatan.excel.columns import JABATAN_COLUMNS, PEGAWAI_COLUMNS
from penempatan.reference import Reference, words
from penempatan.reference.rows import find_words
from penempatan.siasn.history import JABATAN, JENIS, PELATIHAN, UNIT, UNOR_ID, Fact, History, Source
from penempatan.siasn.merge import FILLED, Written
from penempatan.text import compact_key

KODE_PREFIX = "SIASN."
_PEGAWAI = [c.name for c in PEGAWAI_COLUMNS]


@dataclass
class Built:
    """Pegawai cells ((Excel row, column) -> value), Jabatan rows (in JABATAN_COLUMNS order) and the sources."""

    cells: dict[tuple[int, str], object] = field(default_factory=dict)
    posts: list[list[object]] = field(default_factory=list)
    written: list[Written] = field(default_factory=list)


def build(found: dict[str, History], ref: Reference) -> Built:
    """Every person (by NIP) as a Pegawai row; their current posts as Jabatan rows."""
    out = Built()
    kodes: dict[tuple[str, str], str] = {}
    jabatan = [c.name for c in JABATAN_COLUMNS]
    for row, nip in enumerate(sorted(found), 2):
        person = found[nip]
        nama = str(person.facts["Nama"].value) if "Nama" in person.facts else ""
        out.cells[(row, "NIP")] = nip
        for column, fact in person.facts.items():
            if column in _PEGAWAI and column != JENIS:
                _put(out, row, nip, nama, column, fact.value, fact)
        if person.diklat:
            out.cells[(row, PELATIHAN)] = "; ".join(str(f.value) for f in person.diklat)
            out.written += [Written(nip, nama, PELATIHAN, f.value, f, FILLED) for f in person.diklat]
        post = person.facts.get(JABATAN)
        if post is None:
            continue
        unit = person.facts.get(UNIT)
        key = (compact_key(post.value), compact_key(unit.value if unit else ""))
        if key not in kodes:
            kodes[key] = f"{KODE_PREFIX}{len(kodes) + 1:04d}"
            values: dict[str, object] = {"Kode Jabatan": kodes[key], "Nama Jabatan": post.value,
                                         "Unit Kerja": unit.value if unit else None}
            if UNOR_ID in person.facts:
                values[UNOR_ID] = person.facts[UNOR_ID].value
            jenis = person.facts.get(JENIS)
            if jenis is not None:
                values["Jenis Jabatan"] = jenis.value
                if jenis.value == "Fungsional":
                    values["Jenjang"] = _jenjang(str(post.value), ref)
            out.posts.append([values.get(name) for name in jabatan])
        source = Source(post.source.kind, post.source.where, post.source.record_id, post.source.record_date)
        _put(out, row, nip, nama, "Kode Jabatan", kodes[key], Fact("Kode Jabatan", kodes[key], source,
                                                                   "kode dibuat dari nama jabatan dan unit"))
    return out


def _put(out: Built, row: int, nip: str, nama: str, column: str, value: object, fact: Fact) -> None:
    out.cells[(row, column)] = value
    out.written.append(Written(nip, nama, column, value, fact, FILLED))


def _jenjang(nama: str, ref: Reference) -> str | None:
    """The JF jenjang named in a post's name ('Perawat Ahli Muda' -> 'Ahli Muda'), the longest match."""
    found = words(nama)
    named = [j for j in ref.jenjang_list if find_words(words(j), found) >= 0]
    return max(named, key=len) if named else None
