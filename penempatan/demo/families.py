"""The jabatan fungsional families of the demo: who may hold them, their jenjang and what their holders studied.

The table is keluarga_jf.toml next to this module (its header explains each key). Each holder studied a
programme the family accepts, except the deliberate cases of WRONG_HOLDERS that `analyze` reports.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from penempatan.demo.draw import Pick

SKILL = ("Terampil", "Mahir", "Penyelia")
AHLI = ("Ahli Pertama", "Ahli Muda", "Ahli Madya")
HEALTH_SHORT = 3.0
"""Vacancy weight (`bobot_kosong`) from which a family counts as short of staff like health and teaching."""


@dataclass(frozen=True)
class Family:
    """A JF family (canonical name of jabatan_fungsional.csv) and who may hold it.

    `fields` are the programme fields the family accepts (empty: any), `licensed` families accept no
    training route; `min_skill` / `min_ahli` are the minimum education of the keterampilan / keahlian track
    (as in jabatan_fungsional.csv); the Ahli posts of a `profesi` family ask for the profession's Profesi
    (Pendidikan Minimal). `skill` and `ahli` are the programmes its holders studied, weighted; `short` the
    weight of its seats in the draw of vacancies.
    """

    nama: str
    fields: frozenset[str]
    jenjang: tuple[tuple[str, float], ...]
    skill: tuple[tuple[str, float], ...] = ()
    ahli: tuple[tuple[str, float], ...] = ()
    licensed: bool = False
    min_skill: str = "D-III"
    min_ahli: str = "S-1"
    risiko: bool = False
    short: float = 1.0
    profesi: bool = False

    @property
    def post_field(self) -> str | None:
        """Bidang of the family's posts: its one field; none when it accepts several (R18 decides then)."""
        return next(iter(self.fields)) if len(self.fields) == 1 else None


_KEYS = frozenset({"nama", "bidang", "jenjang", "program_terampil", "program_ahli", "berlisensi", "profesi",
                   "pendidikan_keterampilan", "pendidikan_keahlian", "risiko_tinggi", "bobot_kosong"})


def _family(entry: dict[str, Any]) -> Family:
    """One [[keluarga]] of keluarga_jf.toml; ValueError for an unknown key or jenjang."""
    nama = entry["nama"]
    if unknown := set(entry) - _KEYS:
        raise ValueError(f"keluarga_jf.toml, {nama}: kunci tidak dikenal {sorted(unknown)}")

    def pairs(key: str) -> tuple[tuple[str, float], ...]:
        return tuple((name, float(weight)) for name, weight in entry.get(key, {}).items())

    jenjang = pairs("jenjang")
    if any(j not in SKILL + AHLI for j, _ in jenjang):
        raise ValueError(f"keluarga_jf.toml: jenjang tidak dikenal di {nama}")
    return Family(
        nama=nama, fields=frozenset(entry.get("bidang", ())), jenjang=jenjang, skill=pairs("program_terampil"),
        ahli=pairs("program_ahli"), licensed=entry.get("berlisensi", False),
        min_skill=entry.get("pendidikan_keterampilan", "D-III"), min_ahli=entry.get("pendidikan_keahlian", "S-1"),
        risiko=entry.get("risiko_tinggi", False), short=float(entry.get("bobot_kosong", 1.0)),
        profesi=entry.get("profesi", False))


def _load() -> dict[str, Family]:
    text = resources.files("penempatan.demo").joinpath("keluarga_jf.toml").read_text(encoding="utf-8")
    return {f.nama: f for f in map(_family, tomllib.loads(text)["keluarga"])}


FAMILIES: dict[str, Family] = _load()
"""Family name -> Family, in the order of keluarga_jf.toml."""

JENJANG_PICK = {f.nama: Pick(f.jenjang) for f in FAMILIES.values()}

# Guru posts name their subject; the holder studied that subject's teacher programme.
GURU_SUBJECTS: dict[str, tuple[tuple[str, float], ...]] = {
    "Kelas": (("S-1 Pendidikan Guru Sekolah Dasar", 0.92), ("S-2 Pendidikan Dasar", 0.08)),
    "Pendidikan Jasmani": (("S-1 Pendidikan Jasmani", 1.0),),
    "Pendidikan Agama Islam": (("S-1 Pendidikan Agama Islam", 1.0),),
    "Matematika": (("S-1 Pendidikan Matematika", 0.9), ("S-2 Pendidikan Matematika", 0.1)),
    "Bahasa Indonesia": (("S-1 Pendidikan Bahasa Indonesia", 1.0),),
    "Bahasa Inggris": (("S-1 Pendidikan Bahasa Inggris", 1.0),),
    "Ilmu Pengetahuan Alam": (("S-1 Pendidikan Biologi", 0.5), ("S-1 Pendidikan Fisika", 0.5)),
    "Ilmu Pengetahuan Sosial": (("S-1 Pendidikan Geografi", 0.5), ("S-1 Pendidikan Sejarah", 0.5)),
    "Pendidikan Pancasila": (("S-1 Pendidikan Pancasila dan Kewarganegaraan", 1.0),),
    "Bimbingan dan Konseling": (("S-1 Bimbingan dan Konseling", 1.0),),
    "Seni Budaya": (("S-1 Pendidikan Seni Rupa", 1.0),),
}
# Specialists hold Dokter posts of the RSUD next to general practitioners.
DOKTER_RSUD = (("Profesi Dokter", 0.5), ("Dokter Spesialis Penyakit Dalam", 0.1), ("Dokter Spesialis Anak", 0.1),
               ("Dokter Spesialis Bedah", 0.1), ("Dokter Spesialis Obstetri dan Ginekologi", 0.1),
               ("Dokter Spesialis Anestesiologi", 0.1))

# Deliberate holders who do not meet R18 today (a profession switch or a missing track education), in the
# order they are planted; `analyze` lists them under Ketidaksesuaian and they stay unless a rule moves them.
WRONG_HOLDERS: tuple[tuple[str, str], ...] = (
    ("Dokter", "Profesi Ners"),  # a nurse in a doctor's post
    ("Perawat", "S-1 Farmasi"),  # a pharmacist in a nurse's post
    ("Guru", "S-1 Ekonomi"),  # an economist teaching
    ("Bidan", "D-III Keperawatan"),
    ("Apoteker", "D-III Farmasi"),  # the right field, but not the apoteker profession
    ("Radiografer", "D-III Keperawatan"),
    ("Nutrisionis", "S-1 Kesehatan Masyarakat"),
    ("Pranata Komputer", "S-1 Ilmu Komunikasi"),
    ("Teknik Jalan dan Jembatan", "S-1 Arsitektur"),
    ("Penyuluh Pertanian", "S-1 Ilmu Pemerintahan"),
)
WRONG_PER_EMPLOYEE = 0.0075  # about 4–5 per 600 employees
