"""The fictional pemda generator: "Pemerintah Daerah Alak", a realistic but invented ProblemData (SPEC 1).

Every name is built from syllables and every number comes from one seeded generator, so the same
(n_pegawai, seed, tanggal_acuan) always gives the same data and no real person appears in it.

The shape follows a kabupaten's peta jabatan (version-2 rules, SPEC 2.4): OPD with JPT Pratama,
Administrator and Pengawas posts; one Fungsional post per family, jenjang (Guru: subject) and place, with
the school or puskesmas in its name ("Guru Matematika Ahli Muda SMPN 2 Alak Barat", "Perawat Ahli Pertama
Puskesmas Batu Lamo"); pooled Pelaksana posts with the PermenPANRB 45/2022 names; one Kelas Jabatan per
jenis / jenjang, so equal-kelas moves exist within a family. Each Fungsional post names its family
(`rumpun_jf`); each holder studied a programme that family accepts, except a few deliberate cases
(`_WRONG_HOLDERS`) that `analyze` reports. Finance posts carry Bidang ekonomi_akuntansi, legal posts hukum,
IT posts ti; generic administrative posts none. The data also holds what a planner meets in real life: about
6.5 % of the seats empty (mostly health, teachers and technical posts), empty JPT seats, must-fill posts,
over-staffed pools and schools with surplus teachers, abolished posts, a quarter of the staff due for
rotation, high-risk posts, people near retirement, CPNS and PPPK, sanctions, unwilling people, requests for
another unit and a few JF holders ready for the next jenjang.
"""

from __future__ import annotations

import bisect
import gc
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

import numpy as np

from penempatan.model import Employee, Params, Position, ProblemData
from penempatan.reference import Reference, load_reference

PEMDA = "Pemerintah Daerah Alak"
LABEL = f"{PEMDA} (DATA FIKTIF: nama, NIP dan jabatan rekaan untuk contoh)"
MIN_PEGAWAI = 50

T = TypeVar("T")


class _Pick(Generic[T]):
    """Weighted choice among fixed options from one uniform number, cheap inside a per-employee loop."""

    def __init__(self, options: Sequence[tuple[T, float]]) -> None:
        total = sum(w for _, w in options)
        self.values = [v for v, _ in options]
        self.cum = list(accumulate(w / total for _, w in options))

    def __call__(self, u: float) -> T:
        return self.values[min(bisect.bisect_right(self.cum, u), len(self.values) - 1)]


def _nth(options: Sequence[T], u: float) -> T:
    """Uniform choice from one uniform number."""
    return options[min(int(u * len(options)), len(options) - 1)]


# --- study programmes (SIASN `PENDIDIKAN NAMA`) --------------------------------------------------------


@dataclass(frozen=True)
class _Prog:
    """A study programme as SIASN spells it: its jenjang pendidikan, its field and the degree it gives."""

    level: str  # canonical jenjang pendidikan (pendidikan.csv)
    field: str | None  # field from the DESIGN list; None = a programme no field accepts
    gelar: str = ""  # after the name: "S.Kep., Ns."
    prefix: str = ""  # before the name: "dr.", "drg.", "drh."


def _progs(level: str, fld: str | None, gelar: str, *names: str, prefix: str = "") -> dict[str, _Prog]:
    return {name: _Prog(level, fld, gelar, prefix) for name in names}


# Programme text (SIASN `PENDIDIKAN NAMA`) -> level, field and degree. This table, not rumpun.csv, sets
# Employee.bidang of the demo, so the demo does not change when a user edits rumpun.csv; the two are meant
# to agree (the reader maps the same texts through rumpun.csv).
_PROGRAMMES: dict[str, _Prog] = {
    **_progs("SD", "umum", "", "SD"),
    **_progs("SLTP", "umum", "", "SMP"),
    **_progs("SLTA", "umum", "", "SLTA", "SMA IPA", "SMA IPS", "SMK", "SLTA Umum"),
    # Health
    **_progs("D-III", "keperawatan", "A.Md.Kep.", "D-III Keperawatan"),
    **_progs("S-1", "keperawatan", "S.Kep.", "S-1 Keperawatan"),
    **_progs("Profesi", "keperawatan", "S.Kep., Ns.", "Profesi Ners"),
    **_progs("S-2", "keperawatan", "S.Kep., Ns., M.Kep.", "S-2 Keperawatan"),
    **_progs("D-III", "kebidanan", "A.Md.Keb.", "D-III Kebidanan"),
    **_progs("D-IV", "kebidanan", "S.Tr.Keb.", "D-IV Kebidanan"),
    **_progs("Profesi", "kebidanan", "S.Tr.Keb., Bd.", "Profesi Bidan"),
    **_progs("S-2", "kebidanan", "S.Tr.Keb., Bd., M.Keb.", "S-2 Kebidanan"),
    **_progs("Profesi", "kedokteran", "", "Profesi Dokter", prefix="dr."),
    **_progs("Spesialis", "kedokteran", "Sp.PD.", "Dokter Spesialis Penyakit Dalam", prefix="dr."),
    **_progs("Spesialis", "kedokteran", "Sp.A.", "Dokter Spesialis Anak", prefix="dr."),
    **_progs("Spesialis", "kedokteran", "Sp.B.", "Dokter Spesialis Bedah", prefix="dr."),
    **_progs("Spesialis", "kedokteran", "Sp.OG.", "Dokter Spesialis Obstetri dan Ginekologi", prefix="dr."),
    **_progs("Spesialis", "kedokteran", "Sp.An.", "Dokter Spesialis Anestesiologi", prefix="dr."),
    **_progs("Profesi", "kedokteran_gigi", "", "Profesi Dokter Gigi", prefix="drg."),
    **_progs("D-III", "farmasi", "A.Md.Farm.", "D-III Farmasi"),
    **_progs("S-1", "farmasi", "S.Farm.", "S-1 Farmasi"),
    **_progs("Profesi", "farmasi", "S.Farm.", "Profesi Apoteker", prefix="apt."),
    **_progs("D-III", "gizi", "A.Md.Gz.", "D-III Gizi"),
    **_progs("D-IV", "gizi", "S.Tr.Gz.", "D-IV Gizi"),
    **_progs("S-1", "gizi", "S.Gz.", "S-1 Gizi"),
    **_progs("D-III", "kesehatan_lingkungan", "A.Md.K.L.", "D-III Kesehatan Lingkungan"),
    **_progs("D-IV", "kesehatan_lingkungan", "S.Tr.Kes.", "D-IV Kesehatan Lingkungan"),
    **_progs("S-1", "kesehatan_lingkungan", "S.K.M.", "S-1 Kesehatan Lingkungan"),
    **_progs("S-1", "kesehatan_masyarakat", "S.K.M.", "S-1 Kesehatan Masyarakat"),
    **_progs("S-2", "kesehatan_masyarakat", "S.K.M., M.Kes.", "S-2 Kesehatan Masyarakat"),
    **_progs("D-III", "analis_kesehatan", "A.Md.A.K.", "D-III Analis Kesehatan",
             "D-III Teknologi Laboratorium Medis"),
    **_progs("D-IV", "analis_kesehatan", "S.Tr.Kes.", "D-IV Teknologi Laboratorium Medis"),
    **_progs("D-III", "radiologi", "A.Md.Rad.", "D-III Radiologi"),
    **_progs("D-IV", "radiologi", "S.Tr.Kes.", "D-IV Radiologi"),
    **_progs("D-III", "rekam_medis", "A.Md.Kes.", "D-III Rekam Medis"),
    **_progs("D-IV", "rekam_medis", "S.Tr.Kes.", "D-IV Rekam Medis"),
    **_progs("D-III", "fisioterapi", "A.Md.Ftr.", "D-III Fisioterapi"),
    **_progs("S-1", "fisioterapi", "S.Ft.", "S-1 Fisioterapi"),
    **_progs("D-III", "keperawatan_gigi", "A.Md.Kes.", "D-III Keperawatan Gigi"),
    **_progs("D-IV", "keperawatan_gigi", "S.Tr.Kes.", "D-IV Keperawatan Gigi"),
    # Education
    **_progs("S-1", "keguruan", "S.Pd.", "S-1 Pendidikan Guru Sekolah Dasar", "S-1 Pendidikan Matematika",
             "S-1 Pendidikan Bahasa Indonesia", "S-1 Pendidikan Bahasa Inggris", "S-1 Pendidikan Biologi",
             "S-1 Pendidikan Fisika", "S-1 Pendidikan Geografi", "S-1 Pendidikan Sejarah",
             "S-1 Pendidikan Pancasila dan Kewarganegaraan", "S-1 Pendidikan Jasmani",
             "S-1 Pendidikan Agama Islam", "S-1 Bimbingan dan Konseling", "S-1 Pendidikan Seni Rupa"),
    **_progs("S-2", "keguruan", "S.Pd., M.Pd.", "S-2 Pendidikan Dasar", "S-2 Pendidikan Matematika"),
    **_progs("S-1", "pendidikan_nonformal", "S.Pd.", "S-1 Pendidikan Luar Sekolah"),
    # Finance, management, law, government, social
    **_progs("D-III", "ekonomi_akuntansi", "A.Md.Ak.", "D-III Akuntansi"),
    **_progs("D-III", "ekonomi_akuntansi", "A.Md.", "D-III Keuangan dan Perbankan", "D-III Perpajakan"),
    **_progs("D-IV", "ekonomi_akuntansi", "S.Tr.Ak.", "D-IV Akuntansi Sektor Publik"),
    **_progs("S-1", "ekonomi_akuntansi", "S.Ak.", "S-1 Akuntansi"),
    **_progs("S-1", "ekonomi_akuntansi", "S.E.", "S-1 Ekonomi", "S-1 Ekonomi Pembangunan"),
    **_progs("S-2", "ekonomi_akuntansi", "S.E., M.Ak.", "S-2 Akuntansi"),
    **_progs("S-2", "ekonomi_akuntansi", "S.E., M.E.", "S-2 Ekonomi Pembangunan"),
    **_progs("D-III", "manajemen", "A.Md.", "D-III Manajemen Perusahaan"),
    **_progs("S-1", "manajemen", "S.E.", "S-1 Manajemen"),
    **_progs("S-2", "manajemen", "S.E., M.M.", "S-2 Manajemen"),
    **_progs("S-3", "manajemen", "S.E., M.M.", "S-3 Manajemen", prefix="Dr."),
    **_progs("S-1", "hukum", "S.H.", "S-1 Ilmu Hukum"),
    **_progs("S-2", "hukum", "S.H., M.H.", "S-2 Ilmu Hukum"),
    **_progs("S-3", "hukum", "S.H., M.H.", "S-3 Ilmu Hukum", prefix="Dr."),
    **_progs("D-III", "administrasi_sosial", "A.Md.", "D-III Administrasi Negara", "D-III Kearsipan",
             "D-III Perpustakaan", "D-III Kesejahteraan Sosial"),
    **_progs("D-IV", "administrasi_sosial", "S.STP.", "D-IV Ilmu Pemerintahan"),
    **_progs("D-IV", "administrasi_sosial", "S.Tr.Sos.", "D-IV Pekerjaan Sosial"),
    **_progs("S-1", "administrasi_sosial", "S.IP.", "S-1 Ilmu Pemerintahan"),
    **_progs("S-1", "administrasi_sosial", "S.Sos.", "S-1 Administrasi Negara", "S-1 Sosiologi",
             "S-1 Kesejahteraan Sosial", "S-1 Ilmu Perpustakaan"),
    **_progs("S-1", "administrasi_sosial", "S.A.P.", "S-1 Administrasi Publik"),
    **_progs("S-2", "administrasi_sosial", "S.Sos., M.A.P.", "S-2 Administrasi Publik"),
    **_progs("S-2", "administrasi_sosial", "S.IP., M.Si.", "S-2 Ilmu Pemerintahan"),
    **_progs("S-3", "administrasi_sosial", "S.Sos., M.Si.", "S-3 Ilmu Administrasi Publik", prefix="Dr."),
    **_progs("S-1", "psikologi", "S.Psi.", "S-1 Psikologi"),
    **_progs("S-2", "psikologi", "S.Psi., M.Psi.", "S-2 Psikologi"),
    **_progs("D-III", "komunikasi", "A.Md.I.Kom.", "D-III Komunikasi"),
    **_progs("S-1", "komunikasi", "S.I.Kom.", "S-1 Ilmu Komunikasi"),
    **_progs("S-2", "komunikasi", "S.I.Kom., M.I.Kom.", "S-2 Ilmu Komunikasi"),
    **_progs("S-1", "bahasa_sastra", "S.S.", "S-1 Sastra Indonesia", "S-1 Sastra Inggris", "S-1 Sastra Daerah"),
    # IT, statistics, engineering, agriculture, environment
    **_progs("D-III", "ti", "A.Md.Kom.", "D-III Manajemen Informatika", "D-III Teknik Komputer"),
    **_progs("S-1", "ti", "S.Kom.", "S-1 Teknik Informatika", "S-1 Sistem Informasi", "S-1 Ilmu Komputer"),
    **_progs("S-2", "ti", "S.Kom., M.Kom.", "S-2 Ilmu Komputer"),
    **_progs("D-III", "statistika", "A.Md.Stat.", "D-III Statistika"),
    **_progs("D-IV", "statistika", "S.Tr.Stat.", "D-IV Statistika"),
    **_progs("S-1", "statistika", "S.Stat.", "S-1 Statistika"),
    **_progs("S-2", "statistika", "S.Stat., M.Si.", "S-2 Statistika"),
    **_progs("D-III", "teknik_sipil", "A.Md.T.", "D-III Teknik Sipil"),
    **_progs("S-1", "teknik_sipil", "S.T.", "S-1 Teknik Sipil"),
    **_progs("S-2", "teknik_sipil", "S.T., M.T.", "S-2 Teknik Sipil"),
    **_progs("S-1", "arsitektur_planologi", "S.Ars.", "S-1 Arsitektur"),
    **_progs("S-1", "arsitektur_planologi", "S.T.", "S-1 Perencanaan Wilayah dan Kota"),
    **_progs("S-2", "arsitektur_planologi", "S.T., M.T.", "S-2 Perencanaan Wilayah dan Kota"),
    **_progs("D-III", "teknik_mesin_elektro", "A.Md.T.", "D-III Teknik Mesin", "D-III Teknik Listrik"),
    **_progs("S-1", "teknik_mesin_elektro", "S.T.", "S-1 Teknik Mesin", "S-1 Teknik Elektro"),
    **_progs("D-III", "pertanian", "A.Md.P.", "D-III Agribisnis", "D-III Penyuluhan Pertanian"),
    **_progs("D-III", "pertanian", "A.Md.Pi.", "D-III Perikanan"),
    **_progs("D-IV", "pertanian", "S.Tr.P.", "D-IV Penyuluhan Pertanian"),
    **_progs("S-1", "pertanian", "S.P.", "S-1 Agroteknologi", "S-1 Agribisnis"),
    **_progs("S-1", "pertanian", "S.Pi.", "S-1 Perikanan"),
    **_progs("S-2", "pertanian", "S.P., M.Si.", "S-2 Agribisnis"),
    **_progs("D-III", "peternakan_kesehatan_hewan", "A.Md.Pt.", "D-III Kesehatan Hewan", "D-III Peternakan"),
    **_progs("S-1", "peternakan_kesehatan_hewan", "S.Pt.", "S-1 Peternakan"),
    **_progs("Profesi", "peternakan_kesehatan_hewan", "", "Profesi Dokter Hewan", prefix="drh."),
    **_progs("S-1", "kehutanan", "S.Hut.", "S-1 Kehutanan"),
    **_progs("S-1", "lingkungan", "S.T.", "S-1 Teknik Lingkungan"),
    **_progs("S-1", "lingkungan", "S.Si.", "S-1 Ilmu Lingkungan"),
    **_progs("S-2", "lingkungan", "S.T., M.Si.", "S-2 Ilmu Lingkungan"),
    **_progs("D-III", "manajemen", "A.Md.Par.", "D-III Perhotelan"),
    **_progs("D-III", "teknik_mesin_elektro", "A.Md.T.", "D-III Teknik Elektromedik"),
    **_progs("D-IV", "teknik_mesin_elektro", "S.Tr.T.", "D-IV Teknologi Rekayasa Elektromedis"),
    # A programme no field of rumpun.csv accepts: the reader reports it once.
    **_progs("D-III", None, "A.Md.Par.", "D-III Tata Boga"),
}

# Field mix of people in posts with no field of their own, per programme level (renormalised over the fields
# that have a programme at that level). Health and teaching graduates in general posts are deliberate.
_GENERAL_FIELDS: tuple[tuple[str | None, float], ...] = (
    ("administrasi_sosial", 0.28), ("ekonomi_akuntansi", 0.14), ("manajemen", 0.1), ("hukum", 0.09),
    ("ti", 0.06), ("keguruan", 0.05), ("kesehatan_masyarakat", 0.04), ("keperawatan", 0.02),
    ("teknik_sipil", 0.04), ("pertanian", 0.04), ("komunikasi", 0.03), ("psikologi", 0.02),
    ("statistika", 0.01), ("lingkungan", 0.02), ("bahasa_sastra", 0.02), ("arsitektur_planologi", 0.01),
    ("teknik_mesin_elektro", 0.02), ("peternakan_kesehatan_hewan", 0.01), (None, 0.01),
)
_SCHOOL_LEVELS = ("SD", "SLTP", "SLTA")


def _programme_index() -> dict[tuple[str | None, str], list[str]]:
    """(field, level) -> programmes of the table."""
    out: dict[tuple[str | None, str], list[str]] = {}
    for name, prog in _PROGRAMMES.items():
        out.setdefault((prog.field, prog.level), []).append(name)
    return out


# --- jabatan fungsional families -------------------------------------------------------------------------

_SKILL = ("Terampil", "Mahir", "Penyelia")
_AHLI = ("Ahli Pertama", "Ahli Muda", "Ahli Madya")
_HEALTH_SHORT = 3.0  # vacancy weight: where real pemda are short of staff
_TEACHER_SHORT = 3.0
_TECH_SHORT = 2.5


@dataclass(frozen=True)
class _Family:
    """A JF family (canonical name of jabatan_fungsional.csv) and who may hold it.

    `fields` are the programme fields the family accepts (empty: any), `licensed` families accept no
    training route; `min_skill` / `min_ahli` are the minimum education of the keterampilan / keahlian track
    (as in jabatan_fungsional.csv); the Ahli posts of a `profesi` family ask for the profession's Profesi
    (Pendidikan Minimal). `skill` and `ahli` are the programmes its holders studied, weighted.
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

    def qualifies(self, level_rank: int, bidang: str | None, pelatihan: Sequence[str], jenjang: str,
                  rank: dict[str, int]) -> bool:
        """R18 as this table sees it: the field (or, unlicensed, a training) and the track's minimum."""
        minimum = self.min_skill if jenjang in _SKILL else self.min_ahli
        if level_rank < rank[minimum]:
            return False
        return (not self.fields or bidang in self.fields
                or (not self.licensed and bool(self.fields.intersection(pelatihan))))


def _fam(nama: str, fields: str, jenjang: str, skill: str = "", ahli: str = "", *, licensed: bool = False,
         min_skill: str = "D-III", min_ahli: str = "S-1", risiko: bool = False, short: float = 1.0,
         profesi: bool = False) -> _Family:
    """A family from compact text: fields space-separated; 'jenjang:weight' and 'programme:weight' by ';'."""

    def pairs(text: str) -> tuple[tuple[str, float], ...]:
        out = []
        for item in filter(None, (s.strip() for s in text.split(";"))):
            name, _, weight = item.rpartition(":")
            out.append((name.strip(), float(weight)))
        return tuple(out)

    jj = pairs(jenjang)
    if any(j not in _SKILL + _AHLI for j, _ in jj):
        raise ValueError(f"jenjang tidak dikenal di {nama}")
    return _Family(nama, frozenset(fields.split()), jj, pairs(skill), pairs(ahli), licensed, min_skill, min_ahli,
                   risiko, short, profesi)




def _health(nama: str, fld: str, jenjang: str, skill: str = "", ahli: str = "", profesi: bool = False) -> _Family:
    """A health family: licensed (STR), only its own profession, short of staff in most pemda."""
    return _fam(nama, fld, jenjang, skill, ahli, licensed=True, short=_HEALTH_SHORT, profesi=profesi)


_FAMILIES: dict[str, _Family] = {f.nama: f for f in (
    # Health (licensed: STR; only their own profession)
    _health("Dokter", "kedokteran", "Ahli Pertama:0.4; Ahli Muda:0.35; Ahli Madya:0.25",
         ahli="Profesi Dokter:1", profesi=True),
    _health("Dokter Gigi", "kedokteran_gigi", "Ahli Pertama:0.45; Ahli Muda:0.35; Ahli Madya:0.2",
         ahli="Profesi Dokter Gigi:1", profesi=True),
    _health("Perawat", "keperawatan",
         "Terampil:0.2; Mahir:0.15; Penyelia:0.1; Ahli Pertama:0.3; Ahli Muda:0.18; Ahli Madya:0.07",
         skill="D-III Keperawatan:0.9; S-1 Keperawatan:0.1", ahli="Profesi Ners:0.92; S-2 Keperawatan:0.08",
         profesi=True),
    _health("Bidan", "kebidanan", "Terampil:0.3; Mahir:0.2; Penyelia:0.1; Ahli Pertama:0.25; Ahli Muda:0.15",
         skill="D-III Kebidanan:0.88; D-IV Kebidanan:0.12", ahli="Profesi Bidan:0.92; S-2 Kebidanan:0.08",
         profesi=True),
    _health("Apoteker", "farmasi", "Ahli Pertama:0.5; Ahli Muda:0.35; Ahli Madya:0.15",
         ahli="Profesi Apoteker:1", profesi=True),
    _health("Asisten Apoteker", "farmasi", "Terampil:0.5; Mahir:0.35; Penyelia:0.15",
         skill="D-III Farmasi:0.9; S-1 Farmasi:0.1"),
    _health("Nutrisionis", "gizi", "Terampil:0.35; Mahir:0.2; Ahli Pertama:0.3; Ahli Muda:0.15",
         skill="D-III Gizi:1", ahli="S-1 Gizi:0.7; D-IV Gizi:0.3"),
    _health("Sanitarian", "kesehatan_lingkungan", "Terampil:0.35; Mahir:0.2; Penyelia:0.1; Ahli Pertama:0.25; "
         "Ahli Muda:0.1", skill="D-III Kesehatan Lingkungan:1",
         ahli="S-1 Kesehatan Lingkungan:0.6; D-IV Kesehatan Lingkungan:0.4"),
    _health("Pranata Laboratorium Kesehatan", "analis_kesehatan", "Terampil:0.4; Mahir:0.25; Penyelia:0.1; "
         "Ahli Pertama:0.25", skill="D-III Analis Kesehatan:0.6; D-III Teknologi Laboratorium Medis:0.4",
         ahli="D-IV Teknologi Laboratorium Medis:1"),
    _health("Radiografer", "radiologi", "Terampil:0.45; Mahir:0.3; Ahli Pertama:0.25",
         skill="D-III Radiologi:1", ahli="D-IV Radiologi:1"),
    _health("Perekam Medis", "rekam_medis", "Terampil:0.5; Mahir:0.3; Ahli Pertama:0.2",
         skill="D-III Rekam Medis:1", ahli="D-IV Rekam Medis:1"),
    _health("Fisioterapis", "fisioterapi", "Terampil:0.5; Mahir:0.25; Ahli Pertama:0.25",
         skill="D-III Fisioterapi:1", ahli="S-1 Fisioterapi:1"),
    _health("Terapis Gigi dan Mulut", "keperawatan_gigi", "Terampil:0.5; Mahir:0.3; Ahli Pertama:0.2",
         skill="D-III Keperawatan Gigi:1", ahli="D-IV Keperawatan Gigi:1"),
    _health("Elektromedis", "teknik_mesin_elektro", "Terampil:0.5; Mahir:0.3; Ahli Pertama:0.2",
            skill="D-III Teknik Elektromedik:1", ahli="D-IV Teknologi Rekayasa Elektromedis:1"),
    _health("Epidemiolog Kesehatan", "kesehatan_masyarakat", "Ahli Pertama:0.5; Ahli Muda:0.35; Ahli Madya:0.15",
         ahli="S-1 Kesehatan Masyarakat:0.8; S-2 Kesehatan Masyarakat:0.2"),
    _health("Penyuluh Kesehatan Masyarakat", "kesehatan_masyarakat", "Ahli Pertama:0.6; Ahli Muda:0.4",
         ahli="S-1 Kesehatan Masyarakat:1"),
    _health("Administrator Kesehatan", "kesehatan_masyarakat", "Ahli Pertama:0.35; Ahli Muda:0.4; Ahli Madya:0.25",
         ahli="S-1 Kesehatan Masyarakat:0.6; S-2 Kesehatan Masyarakat:0.4"),
    # Education (licensed: sertifikat pendidik); the Guru programme follows the subject (_GURU_SUBJECTS)
    _fam("Guru", "keguruan", "Ahli Pertama:0.38; Ahli Muda:0.32; Ahli Madya:0.3", licensed=True,
         short=_TEACHER_SHORT),
    _fam("Pengawas Sekolah", "keguruan", "Ahli Muda:0.4; Ahli Madya:0.6",
         ahli="S-2 Pendidikan Dasar:0.3; S-2 Pendidikan Matematika:0.1; S-1 Pendidikan Guru Sekolah Dasar:0.3; "
         "S-1 Pendidikan Matematika:0.15; S-1 Pendidikan Bahasa Indonesia:0.15", licensed=True),
    _fam("Penilik", "pendidikan_nonformal keguruan", "Ahli Pertama:0.4; Ahli Muda:0.4; Ahli Madya:0.2",
         ahli="S-1 Pendidikan Luar Sekolah:1", licensed=True),
    _fam("Pamong Belajar", "pendidikan_nonformal keguruan", "Ahli Pertama:0.45; Ahli Muda:0.35; Ahli Madya:0.2",
         ahli="S-1 Pendidikan Luar Sekolah:1", licensed=True),
    # Audit, procurement, finance, HR, planning, policy
    _fam("Auditor", "ekonomi_akuntansi manajemen hukum administrasi_sosial teknik_sipil ti",
         "Terampil:0.1; Mahir:0.1; Ahli Pertama:0.35; Ahli Muda:0.3; Ahli Madya:0.15",
         skill="D-III Akuntansi:1", ahli="S-1 Akuntansi:0.55; S-1 Ekonomi:0.15; S-1 Ilmu Hukum:0.15; "
         "S-2 Akuntansi:0.15", licensed=True),
    _fam("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
         "administrasi_sosial hukum ekonomi_akuntansi manajemen teknik_sipil statistika ti",
         "Ahli Pertama:0.4; Ahli Muda:0.4; Ahli Madya:0.2",
         ahli="S-1 Ilmu Pemerintahan:0.35; S-1 Ilmu Hukum:0.25; S-1 Akuntansi:0.2; S-1 Administrasi Negara:0.2"),
    _fam("Pengelola Pengadaan Barang/Jasa", "ekonomi_akuntansi manajemen administrasi_sosial hukum teknik_sipil "
         "arsitektur_planologi ti teknik_mesin_elektro",
         "Ahli Pertama:0.5; Ahli Muda:0.4; Ahli Madya:0.1",
         ahli="S-1 Akuntansi:0.3; S-1 Manajemen:0.2; S-1 Ekonomi:0.15; S-1 Teknik Sipil:0.2; S-1 Ilmu Hukum:0.15",
         licensed=True, risiko=True),
    _fam("Analis Keuangan Pusat dan Daerah", "ekonomi_akuntansi", "Ahli Pertama:0.45; Ahli Muda:0.4; Ahli Madya:0.15",
         ahli="S-1 Akuntansi:0.5; S-1 Ekonomi:0.2; S-1 Ekonomi Pembangunan:0.15; S-2 Akuntansi:0.15", risiko=True),
    _fam("Analis Sumber Daya Manusia Aparatur", "administrasi_sosial psikologi manajemen hukum",
         "Ahli Pertama:0.45; Ahli Muda:0.4; Ahli Madya:0.15",
         ahli="S-1 Administrasi Negara:0.3; S-1 Psikologi:0.25; S-1 Manajemen:0.2; S-1 Ilmu Hukum:0.1; "
         "S-1 Ilmu Pemerintahan:0.15"),
    _fam("Asesor SDM Aparatur", "psikologi manajemen administrasi_sosial", "Ahli Pertama:0.5; Ahli Muda:0.5",
         ahli="S-1 Psikologi:0.7; S-2 Psikologi:0.3"),
    _fam("Perencana", "arsitektur_planologi ekonomi_akuntansi administrasi_sosial teknik_sipil statistika manajemen",
         "Ahli Pertama:0.4; Ahli Muda:0.4; Ahli Madya:0.2",
         ahli="S-1 Perencanaan Wilayah dan Kota:0.3; S-1 Ekonomi Pembangunan:0.3; "
         "S-2 Perencanaan Wilayah dan Kota:0.2; S-2 Ekonomi Pembangunan:0.2"),
    _fam("Analis Kebijakan", "",
         "Ahli Pertama:0.4; Ahli Muda:0.4; Ahli Madya:0.2",
         ahli="S-1 Ilmu Pemerintahan:0.3; S-1 Administrasi Publik:0.3; S-2 Administrasi Publik:0.2; "
         "S-1 Sosiologi:0.1; S-1 Ilmu Hukum:0.1"),
    _fam("Analis Hukum", "hukum", "Ahli Pertama:0.5; Ahli Muda:0.35; Ahli Madya:0.15",
         ahli="S-1 Ilmu Hukum:0.8; S-2 Ilmu Hukum:0.2"),
    _fam("Perancang Peraturan Perundang-undangan", "hukum", "Ahli Pertama:0.45; Ahli Muda:0.4; Ahli Madya:0.15",
         ahli="S-1 Ilmu Hukum:0.75; S-2 Ilmu Hukum:0.25"),
    # Information, records, statistics
    _fam("Pranata Komputer", "ti", "Terampil:0.25; Mahir:0.15; Penyelia:0.05; Ahli Pertama:0.3; Ahli Muda:0.2; "
         "Ahli Madya:0.05", skill="D-III Manajemen Informatika:0.6; D-III Teknik Komputer:0.4",
         ahli="S-1 Teknik Informatika:0.45; S-1 Sistem Informasi:0.35; S-1 Ilmu Komputer:0.2"),
    _fam("Statistisi", "statistika", "Terampil:0.3; Ahli Pertama:0.45; Ahli Muda:0.25",
         skill="D-III Statistika:1", ahli="S-1 Statistika:0.6; D-IV Statistika:0.4"),
    _fam("Pranata Hubungan Masyarakat", "komunikasi", "Terampil:0.3; Mahir:0.2; Ahli Pertama:0.3; Ahli Muda:0.2",
         skill="D-III Komunikasi:1", ahli="S-1 Ilmu Komunikasi:0.85; S-2 Ilmu Komunikasi:0.15"),
    _fam("Arsiparis", "administrasi_sosial", "Terampil:0.35; Mahir:0.2; Ahli Pertama:0.3; Ahli Muda:0.15",
         skill="D-III Kearsipan:1", ahli="S-1 Administrasi Negara:1"),
    _fam("Pustakawan", "administrasi_sosial", "Terampil:0.35; Mahir:0.2; Ahli Pertama:0.3; Ahli Muda:0.15",
         skill="D-III Perpustakaan:1", ahli="S-1 Ilmu Perpustakaan:1"),
    # Agriculture, fisheries, animal health
    _fam("Penyuluh Pertanian", "pertanian", "Terampil:0.2; Mahir:0.15; Penyelia:0.1; Ahli Pertama:0.3; "
         "Ahli Muda:0.2; Ahli Madya:0.05", skill="D-III Penyuluhan Pertanian:0.5; D-III Agribisnis:0.5",
         ahli="S-1 Agroteknologi:0.4; S-1 Agribisnis:0.35; D-IV Penyuluhan Pertanian:0.25"),
    _fam("Pengawas Mutu Hasil Pertanian", "pertanian peternakan_kesehatan_hewan", "Terampil:0.4; Ahli Pertama:0.6",
         skill="D-III Agribisnis:1", ahli="S-1 Agroteknologi:1"),
    _fam("Analis Ketahanan Pangan", "pertanian gizi peternakan_kesehatan_hewan", "Ahli Pertama:0.6; Ahli Muda:0.4",
         ahli="S-1 Agribisnis:0.6; S-1 Agroteknologi:0.4"),
    _fam("Medik Veteriner", "peternakan_kesehatan_hewan", "Ahli Pertama:0.6; Ahli Muda:0.4",
         ahli="Profesi Dokter Hewan:1", licensed=True, profesi=True),
    _fam("Paramedik Veteriner", "peternakan_kesehatan_hewan", "Terampil:0.5; Mahir:0.35; Penyelia:0.15",
         skill="D-III Kesehatan Hewan:0.6; D-III Peternakan:0.4"),
    _fam("Penyuluh Perikanan", "pertanian", "Terampil:0.35; Ahli Pertama:0.4; Ahli Muda:0.25",
         skill="D-III Perikanan:1", ahli="S-1 Perikanan:1"),
    _fam("Pengawas Perikanan", "pertanian", "Ahli Pertama:0.6; Ahli Muda:0.4", ahli="S-1 Perikanan:1"),
    # Public order, social affairs, community
    _fam("Polisi Pamong Praja", "", "Terampil:0.3; Mahir:0.25; Penyelia:0.15; Ahli Pertama:0.15; Ahli Muda:0.15",
         skill="SLTA:0.6; D-III Administrasi Negara:0.2; S-1 Ilmu Hukum:0.2",
         ahli="S-1 Ilmu Hukum:0.5; S-1 Ilmu Pemerintahan:0.3; D-IV Ilmu Pemerintahan:0.2", min_skill="SLTA"),
    _fam("Pemadam Kebakaran", "", "Terampil:0.5; Mahir:0.35; Penyelia:0.15",
         skill="SLTA:0.75; D-III Teknik Mesin:0.1; D-III Administrasi Negara:0.15", min_skill="SLTA"),
    _fam("Pekerja Sosial", "administrasi_sosial psikologi", "Terampil:0.3; Ahli Pertama:0.45; Ahli Muda:0.25",
         skill="D-III Kesejahteraan Sosial:1", ahli="S-1 Kesejahteraan Sosial:0.6; D-IV Pekerjaan Sosial:0.4"),
    _fam("Penyuluh Sosial", "administrasi_sosial komunikasi psikologi", "Ahli Pertama:0.6; Ahli Muda:0.4",
         ahli="S-1 Sosiologi:0.5; S-1 Kesejahteraan Sosial:0.5"),
    _fam("Penggerak Swadaya Masyarakat", "administrasi_sosial pertanian pendidikan_nonformal",
         "Terampil:0.3; Ahli Pertama:0.45; Ahli Muda:0.25",
         skill="D-III Administrasi Negara:1",
         ahli="S-1 Sosiologi:0.3; S-1 Ilmu Pemerintahan:0.4; S-1 Kesejahteraan Sosial:0.3"),
    _fam("Pamong Budaya", "bahasa_sastra administrasi_sosial keguruan", "Ahli Pertama:0.6; Ahli Muda:0.4",
         ahli="S-1 Sastra Indonesia:0.6; S-1 Sastra Daerah:0.4"),
    # Public works, spatial planning, environment, metrology
    _fam("Teknik Jalan dan Jembatan", "teknik_sipil", "Terampil:0.2; Mahir:0.15; Ahli Pertama:0.35; Ahli Muda:0.2; "
         "Ahli Madya:0.1", skill="D-III Teknik Sipil:1", ahli="S-1 Teknik Sipil:0.85; S-2 Teknik Sipil:0.15",
         short=_TECH_SHORT),
    _fam("Teknik Pengairan", "teknik_sipil", "Terampil:0.2; Mahir:0.15; Ahli Pertama:0.35; Ahli Muda:0.2; "
         "Ahli Madya:0.1", skill="D-III Teknik Sipil:1", ahli="S-1 Teknik Sipil:0.85; S-2 Teknik Sipil:0.15",
         short=_TECH_SHORT),
    _fam("Teknik Tata Bangunan dan Perumahan", "teknik_sipil arsitektur_planologi",
         "Terampil:0.25; Ahli Pertama:0.45; Ahli Muda:0.3", skill="D-III Teknik Sipil:1",
         ahli="S-1 Teknik Sipil:0.5; S-1 Arsitektur:0.5", short=_TECH_SHORT),
    _fam("Penata Ruang", "arsitektur_planologi teknik_sipil", "Ahli Pertama:0.45; Ahli Muda:0.4; Ahli Madya:0.15",
         ahli="S-1 Perencanaan Wilayah dan Kota:0.6; S-1 Arsitektur:0.2; S-2 Perencanaan Wilayah dan Kota:0.2",
         short=_TECH_SHORT),
    _fam("Pengendali Dampak Lingkungan", "lingkungan", "Ahli Pertama:0.45; Ahli Muda:0.4; Ahli Madya:0.15",
         ahli="S-1 Teknik Lingkungan:0.6; S-1 Ilmu Lingkungan:0.2; S-2 Ilmu Lingkungan:0.2", short=_TECH_SHORT),
    _fam("Pengawas Lingkungan Hidup", "lingkungan kesehatan_lingkungan hukum", "Ahli Pertama:0.6; Ahli Muda:0.4",
         ahli="S-1 Teknik Lingkungan:0.7; S-1 Ilmu Lingkungan:0.3", short=_TECH_SHORT),
    _fam("Penera", "teknik_mesin_elektro", "Terampil:0.35; Mahir:0.25; Ahli Pertama:0.4",
         skill="D-III Teknik Mesin:0.5; D-III Teknik Listrik:0.5",
         ahli="S-1 Teknik Mesin:0.5; S-1 Teknik Elektro:0.5", short=_TECH_SHORT),
)}

_JENJANG_PICK = {f.nama: _Pick(f.jenjang) for f in _FAMILIES.values()}

# Guru posts name their subject; the holder studied that subject's teacher programme.
_GURU_SUBJECTS: dict[str, tuple[tuple[str, float], ...]] = {
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
_DOKTER_RSUD = (("Profesi Dokter", 0.5), ("Dokter Spesialis Penyakit Dalam", 0.1), ("Dokter Spesialis Anak", 0.1),
                ("Dokter Spesialis Bedah", 0.1), ("Dokter Spesialis Obstetri dan Ginekologi", 0.1),
                ("Dokter Spesialis Anestesiologi", 0.1))

# Deliberate holders who do not meet R18 today (a profession switch or a missing track education), in the
# order they are planted; `analyze` lists them under Ketidaksesuaian and they stay unless a rule moves them.
_WRONG_HOLDERS: tuple[tuple[str, str], ...] = (
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
_WRONG_PER_EMPLOYEE = 0.0075  # about 4–5 per 600 employees

# Kelas Jabatan (PermenPANRB 41/2018 pattern): one value per jenis / jenjang, so equal-kelas moves exist.
_KELAS = {"JPT Pratama": 14, "Administrator": 12, "Pengawas": 9, "Terampil": 6, "Mahir": 7, "Penyelia": 8,
          "Ahli Pertama": 8, "Ahli Muda": 9, "Ahli Madya": 11, "Ahli Utama": 13}
_KELAS_SEKCAM = 11
# JPT posts have no field, except where the law asks for a profession: a hospital is led by a doctor.
_JPT_FIELDS = {"Direktur Rumah Sakit Umum Daerah Alak": "kedokteran"}
# Competence standards (manajerial, sosial kultural, teknis) of fungsional posts by jenjang.
_STANDAR_JF = {"Terampil": (1, 1, 2), "Mahir": (1, 2, 3), "Penyelia": (2, 2, 3),
               "Ahli Pertama": (1, 1, 2), "Ahli Muda": (2, 2, 3), "Ahli Madya": (3, 3, 4)}

# --- post names and fields --------------------------------------------------------------------------------

_FINANCE_WORDS = frozenset({"keuangan", "bendahara", "anggaran", "perbendaharaan", "akuntansi", "aset"})
_LEGAL_WORDS = frozenset({"hukum", "perundang-undangan"})
_IT_WORDS = frozenset({"informatika", "komputer"})
_RISKY_WORDS = frozenset({"keuangan", "perizinan", "pendapatan", "penagihan", "anggaran", "aset",
                          "perbendaharaan", "bendahara", "pajak", "retribusi"})
_RISKY_PHRASES = ("pengadaan barang", "layanan pengadaan", "penanaman modal")  # not "pengadaan" of ASN


def _name_words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+(?:-[a-z]+)*", name.lower()))


@cache
def _name_rules(name: str, jenis: str) -> tuple[str | None, bool]:
    """(field, high risk) a post name implies: finance, legal and IT posts carry their field.

    JPT posts have neither: their name holds the unit's name ("Kepala Badan Pengelolaan Keuangan …"), not
    a finance post's field or risk.
    """
    if jenis == "JPT Pratama":
        return None, False
    words = _name_words(name)
    risky = bool(words & _RISKY_WORDS) or any(phrase in name.lower() for phrase in _RISKY_PHRASES)
    if words & _FINANCE_WORDS:
        return "ekonomi_akuntansi", risky
    if words & _LEGAL_WORDS:
        return "hukum", risky
    if words & _IT_WORDS:
        return "ti", risky
    return None, risky


# --- the organisation ------------------------------------------------------------------------------------

# Kecamatan (and the places schools and puskesmas are named after), with their kelurahan.
_PLACES = ("Alak Kota", "Alak Barat", "Alak Timur", "Alak Utara", "Alak Selatan", "Batu Lamo", "Sungai Rendah",
           "Tanjung Peria", "Bukit Sarang", "Pesisir Alak", "Lembah Hijau", "Talang Dua")
_KELURAHAN = ("Pasar Lama", "Koto Baru", "Simpang Empat", "Air Dingin", "Padang Luas", "Tanah Merah",
              "Sukamaju", "Kampung Dalam", "Teluk Sirih", "Batu Gajah", "Lubuk Intan", "Ujung Tanjung",
              "Bukit Gading", "Tebing Tinggi", "Rawa Indah", "Sungai Kayu", "Pulau Cempedak", "Ranah Baru",
              "Lima Kaum", "Muara Jaya", "Padang Sari", "Lembah Damai", "Talang Jaya", "Koto Tuo")

_GENERIC_POOLS: tuple[tuple[str, int, str, str | None, float], ...] = (
    # (name, kelas, pendidikan minimal, bidang, weight): PermenPANRB 45/2022 pelaksana names
    ("Pengadministrasi Perkantoran", 5, "SLTA", None, 3.0),
    ("Operator Layanan Operasional", 5, "SLTA", None, 2.0),
    ("Pengelola Layanan Operasional", 6, "D-III", None, 2.0),
    ("Pengolah Data dan Informasi", 6, "D-III", None, 1.5),
    ("Penata Layanan Operasional", 7, "S-1", None, 1.5),
    ("Penelaah Teknis Kebijakan", 7, "S-1", None, 1.0),
)
_BENDAHARA = ("Bendahara", 7, "D-III", "ekonomi_akuntansi", 0.0)
# Old pelaksana names being abolished (Kebutuhan 0, still held).
_ABOLISHED = ("Pengadministrasi Umum", "Pengemudi", "Caraka", "Pengetik", "Pramu Kebersihan", "Penjaga Malam")


@dataclass(frozen=True)
class _Unit:
    """One OPD: relative size, its posts by kind, the fields typical of its staff, and where it works."""

    kode: str
    nama: str
    weight: float
    jpt: tuple[str, ...]
    admins: tuple[tuple[str, str | None], ...]  # (name, bidang); the first is kept in the smallest pemda
    pengawas: tuple[tuple[str, str | None], ...]
    jf: tuple[tuple[str, float], ...]  # (family, weight) of the office's fungsional seats
    fungsional: float  # share of the office's non-managerial seats that are fungsional
    home: tuple[tuple[str, float], ...]  # fields typical of its structural and pelaksana staff
    pools: tuple[tuple[str, int, str, str | None, float], ...] = ()
    sites: str | None = None  # "puskesmas" or "sekolah": most seats are in named places
    site_share: float = 0.0
    female: float = 0.45
    kecamatan: bool = False


def _sub(*names: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((n, None) for n in names)


_SUBBAG = (("Kepala Subbagian Umum dan Kepegawaian", None), ("Kepala Subbagian Keuangan", "ekonomi_akuntansi"),
           ("Kepala Subbagian Perencanaan dan Pelaporan", None))


def _dinas(kode: str, nama: str, weight: float, bidang: Sequence[tuple[str, str | None]],
           seksi: Sequence[tuple[str, str | None]], jf: str, fungsional: float, home: str,
           jpt: tuple[str, ...] = (), sekretaris: str = "Sekretaris Dinas", kabid: str = "Kepala Bidang",
           pools: tuple[tuple[str, int, str, str | None, float], ...] = (), sites: str | None = None,
           site_share: float = 0.0, female: float = 0.45) -> _Unit:
    """A dinas or badan: a head, a sekretaris and kepala bidang, subbagian then seksi, its JF families."""
    admins = ((sekretaris, None), *((f"{kabid} {b}", f) for b, f in bidang))
    head = jpt or (f"Kepala {nama}",)
    return _Unit(kode, nama, weight, head, admins, (*_SUBBAG, *seksi), _weights(jf), fungsional, _weights(home),
                 pools, sites, site_share, female)


def _weights(text: str) -> tuple[tuple[str, float], ...]:
    out = []
    for item in filter(None, (s.strip() for s in text.split(";"))):
        name, _, weight = item.rpartition(":")
        out.append((name.strip(), float(weight)))
    return tuple(out)


def _kecamatan(kode: str, k: int) -> _Unit:
    place = _PLACES[k]
    lurah = tuple((f"Lurah {_KELURAHAN[(2 * k + i) % len(_KELURAHAN)]}", None) for i in range(2))
    return _Unit(
        kode, f"Kecamatan {place}", 0.8, (), ((f"Camat {place}", None), (f"Sekretaris Kecamatan {place}", None)),
        (("Kepala Subbagian Umum dan Kepegawaian", None), ("Kepala Subbagian Perencanaan dan Keuangan", None),
         ("Kepala Seksi Pemerintahan", None), ("Kepala Seksi Ketenteraman dan Ketertiban Umum", None), *lurah,
         ("Kepala Seksi Pemberdayaan Masyarakat dan Desa", None), ("Kepala Seksi Pelayanan Umum", None)),
        _weights("Penggerak Swadaya Masyarakat:2; Analis Kebijakan:1; Polisi Pamong Praja:1"), 0.25,
        _weights("administrasi_sosial:0.8; hukum:0.2"), kecamatan=True)


# In the order units are added as the pemda grows: the first eight already hold every jenis jabatan.
_UNITS: tuple[_Unit, ...] = (
    _Unit("SETDA", "Sekretariat Daerah", 2.5,
          ("Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan",
           "Asisten Administrasi Umum", "Staf Ahli Bupati Bidang Pemerintahan",
           "Staf Ahli Bupati Bidang Pembangunan", "Staf Ahli Bupati Bidang Kemasyarakatan dan Sumber Daya Manusia"),
          (("Kepala Bagian Umum", None), ("Kepala Bagian Hukum", "hukum"), ("Kepala Bagian Tata Pemerintahan", None),
           ("Kepala Bagian Pengadaan Barang dan Jasa", None), ("Kepala Bagian Organisasi", None),
           ("Kepala Bagian Perekonomian dan Sumber Daya Alam", None), ("Kepala Bagian Kesejahteraan Rakyat", None),
           ("Kepala Bagian Administrasi Pembangunan", None),
           ("Kepala Bagian Protokol dan Komunikasi Pimpinan", "komunikasi")),
          (("Kepala Subbagian Tata Usaha Pimpinan", None), ("Kepala Subbagian Keuangan", "ekonomi_akuntansi"),
           ("Kepala Subbagian Pengelolaan Layanan Pengadaan", None), ("Kepala Subbagian Perundang-undangan", "hukum"),
           ("Kepala Subbagian Bantuan Hukum", "hukum"), ("Kepala Subbagian Rumah Tangga", None),
           ("Kepala Subbagian Kelembagaan dan Analisis Jabatan", None),
           ("Kepala Subbagian Otonomi Daerah", None)),
          _weights("Analis Kebijakan:3; Analis Hukum:2; Perancang Peraturan Perundang-undangan:1; "
                   "Pengelola Pengadaan Barang/Jasa:2; Pranata Hubungan Masyarakat:1; Arsiparis:1"), 0.3,
          _weights("administrasi_sosial:0.5; hukum:0.2; ekonomi_akuntansi:0.15; manajemen:0.15"),
          pools=(("Pengelola Keuangan", 7, "D-III", "ekonomi_akuntansi", 1.5),)),
    _dinas("DINKES", "Dinas Kesehatan", 7.0,
           (("Kesehatan Masyarakat", None), ("Pencegahan dan Pengendalian Penyakit", None),
            ("Pelayanan Kesehatan", None), ("Sumber Daya Kesehatan", None)),
           (*_sub("Kepala Seksi Kesehatan Keluarga dan Gizi", "Kepala Seksi Surveilans dan Imunisasi",
                  "Kepala Seksi Pelayanan Kesehatan Primer"),
            ("Kepala Seksi Kefarmasian dan Alat Kesehatan", "farmasi")),
           "Epidemiolog Kesehatan:2; Administrator Kesehatan:3; Penyuluh Kesehatan Masyarakat:2; Sanitarian:1; "
           "Nutrisionis:1; Apoteker:1; Perencana:1; Pranata Komputer:1; Statistisi:0.5", 0.6,
           "kesehatan_masyarakat:0.5; keperawatan:0.2; kebidanan:0.1; kedokteran:0.1; farmasi:0.1",
           sites="puskesmas", site_share=0.85, female=0.7),
    _dinas("DISDIK", "Dinas Pendidikan", 27.0,
           (("Pembinaan Sekolah Dasar", None), ("Pembinaan Sekolah Menengah Pertama", None),
            ("Pendidikan Anak Usia Dini dan Pendidikan Nonformal", "pendidikan_nonformal"),
            ("Pendidik dan Tenaga Kependidikan", None)),
           (("Kepala Seksi Kurikulum Sekolah Dasar", "keguruan"), ("Kepala Seksi Sarana Prasarana Sekolah Dasar", None),
            ("Kepala Seksi Kurikulum Sekolah Menengah Pertama", "keguruan"),
            ("Kepala Seksi Kelembagaan dan Kesetaraan", "pendidikan_nonformal")),
           "Pengawas Sekolah:4; Penilik:2; Pamong Belajar:2; Pranata Komputer:0.5; Perencana:0.5", 0.6,
           "keguruan:0.7; administrasi_sosial:0.3", sites="sekolah", site_share=0.93, female=0.62),
    _dinas("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 1.4,
           (("Anggaran", None), ("Perbendaharaan", None), ("Akuntansi", None), ("Aset", None)),
           (("Kepala Subbidang Anggaran Belanja", None), ("Kepala Subbidang Kas Daerah", "ekonomi_akuntansi"),
            ("Kepala Subbidang Akuntansi dan Pelaporan", None), ("Kepala Subbidang Pemanfaatan Aset", None)),
           "Analis Keuangan Pusat dan Daerah:4; Pranata Komputer:1", 0.3,
           "ekonomi_akuntansi:0.75; manajemen:0.25", sekretaris="Sekretaris Badan",
           pools=(("Pengelola Keuangan", 7, "D-III", "ekonomi_akuntansi", 5.0),)),
    _dinas("INSP", "Inspektorat Daerah", 1.0,
           (("Wilayah I", None), ("Wilayah II", None), ("Wilayah III", None), ("Wilayah IV", None)), (),
           "Auditor:5; Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah:4", 0.75,
           "ekonomi_akuntansi:0.6; hukum:0.2; administrasi_sosial:0.2", jpt=("Inspektur Daerah",),
           sekretaris="Sekretaris Inspektorat", kabid="Inspektur Pembantu"),
    _kecamatan("KEC01", 0),
    _Unit("RSUD", "Rumah Sakit Umum Daerah Alak", 5.0, ("Direktur Rumah Sakit Umum Daerah Alak",),
          (("Kepala Bagian Tata Usaha", None), ("Kepala Bidang Pelayanan Medis", "kedokteran"),
           ("Kepala Bidang Keperawatan", "keperawatan"), ("Kepala Bidang Penunjang Medis", None),
           ("Kepala Bagian Keuangan", None)),
          (*_SUBBAG, ("Kepala Seksi Pelayanan Medis", "kedokteran"), ("Kepala Seksi Asuhan Keperawatan", "keperawatan"),
           ("Kepala Seksi Penunjang Medis", None), ("Kepala Seksi Rekam Medis", "rekam_medis"),
           ("Kepala Subbagian Akuntansi dan Verifikasi", None)),
          _weights("Dokter:5; Dokter Gigi:1; Perawat:20; Bidan:5; Apoteker:2; Asisten Apoteker:2; Nutrisionis:1; "
                   "Pranata Laboratorium Kesehatan:2; Radiografer:2; Perekam Medis:2; Fisioterapis:1; "
                   "Terapis Gigi dan Mulut:0.5; Sanitarian:0.5; Administrator Kesehatan:1; Elektromedis:0.5"), 0.8,
          _weights("keperawatan:0.35; kesehatan_masyarakat:0.3; kedokteran:0.1; rekam_medis:0.1; "
                   "ekonomi_akuntansi:0.15"),
          pools=(("Pengelola Keuangan", 7, "D-III", "ekonomi_akuntansi", 1.0),), female=0.68),
    _dinas("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 0.9,
           (("Pengadaan dan Informasi Kepegawaian", None), ("Mutasi dan Promosi", None),
            ("Pengembangan Kompetensi", None), ("Penilaian Kinerja dan Penghargaan", None)),
           _sub("Kepala Subbidang Data dan Informasi Kepegawaian", "Kepala Subbidang Mutasi"),
           "Analis Sumber Daya Manusia Aparatur:5; Asesor SDM Aparatur:1; Pranata Komputer:1; Arsiparis:1", 0.45,
           "administrasi_sosial:0.5; psikologi:0.2; manajemen:0.2; hukum:0.1", sekretaris="Sekretaris Badan"),
    _dinas("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 0.8,
           (("Perencanaan Pembangunan Manusia", None), ("Infrastruktur dan Kewilayahan", None),
            ("Perekonomian dan Sumber Daya Alam", None), ("Penelitian dan Pengembangan", None)),
           _sub("Kepala Subbidang Data dan Evaluasi"),
           "Perencana:6; Statistisi:1; Analis Kebijakan:1", 0.5,
           "arsitektur_planologi:0.3; ekonomi_akuntansi:0.4; statistika:0.1; administrasi_sosial:0.2",
           sekretaris="Sekretaris Badan"),
    _dinas("KOMINFO", "Dinas Komunikasi dan Informatika", 0.7,
           (("Informasi dan Komunikasi Publik", "komunikasi"), ("Aplikasi Informatika", None),
            ("Persandian dan Statistik", None)),
           (("Kepala Seksi Infrastruktur Teknologi Informasi", "ti"),
            ("Kepala Seksi Pengelolaan Informasi Publik", "komunikasi")),
           "Pranata Komputer:4; Pranata Hubungan Masyarakat:3; Statistisi:2", 0.5,
           "ti:0.5; komunikasi:0.4; statistika:0.1",
           pools=(("Pengelola Sistem dan Jaringan", 7, "D-III", "ti", 2.0),)),
    _kecamatan("KEC02", 1),
    _dinas("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 2.0,
           (("Bina Marga", "teknik_sipil"), ("Sumber Daya Air", "teknik_sipil"), ("Cipta Karya", "teknik_sipil"),
            ("Penataan Ruang", "arsitektur_planologi"), ("Bina Konstruksi", "teknik_sipil")),
           (("Kepala Seksi Pembangunan Jalan dan Jembatan", "teknik_sipil"),
            ("Kepala Seksi Irigasi", "teknik_sipil"), ("Kepala Seksi Air Minum dan Sanitasi", "teknik_sipil"),
            ("Kepala Seksi Pemanfaatan Ruang", "arsitektur_planologi")),
           "Teknik Jalan dan Jembatan:4; Teknik Pengairan:3; Penata Ruang:2; Teknik Tata Bangunan dan Perumahan:2; "
           "Pengelola Pengadaan Barang/Jasa:1", 0.45, "teknik_sipil:0.8; arsitektur_planologi:0.2",
           pools=(("Teknisi Sarana dan Prasarana", 6, "D-III", "teknik_sipil", 2.0),), female=0.3),
    _dinas("DISTAN", "Dinas Pertanian dan Ketahanan Pangan", 1.6,
           (("Tanaman Pangan dan Hortikultura", "pertanian"), ("Peternakan dan Kesehatan Hewan",
                                                              "peternakan_kesehatan_hewan"),
            ("Penyuluhan", "pertanian"), ("Ketahanan Pangan", "pertanian")),
           (("Kepala Seksi Produksi Tanaman Pangan", "pertanian"),
            ("Kepala Seksi Kesehatan Hewan", "peternakan_kesehatan_hewan")),
           "Penyuluh Pertanian:6; Medik Veteriner:1; Paramedik Veteriner:2; Pengawas Mutu Hasil Pertanian:1; "
           "Analis Ketahanan Pangan:1", 0.65, "pertanian:0.8; peternakan_kesehatan_hewan:0.2"),
    _Unit("SETWAN", "Sekretariat DPRD", 0.7, ("Sekretaris DPRD",),
          (("Kepala Bagian Persidangan dan Perundang-undangan", None), ("Kepala Bagian Keuangan", None),
           ("Kepala Bagian Umum", None)),
          (("Kepala Subbagian Rapat dan Risalah", None), ("Kepala Subbagian Keuangan", None),
           ("Kepala Subbagian Tata Usaha dan Kepegawaian", None), ("Kepala Subbagian Perundang-undangan", None)),
          _weights("Perancang Peraturan Perundang-undangan:2; Analis Kebijakan:2; Analis Hukum:1; "
                   "Pranata Hubungan Masyarakat:1"), 0.3,
          _weights("administrasi_sosial:0.5; hukum:0.3; ekonomi_akuntansi:0.2")),
    _dinas("BAPENDA", "Badan Pendapatan Daerah", 0.8,
           (("Pendataan dan Penetapan", "ekonomi_akuntansi"), ("Penagihan", "ekonomi_akuntansi"),
            ("Pengendalian Pendapatan", "ekonomi_akuntansi")),
           (("Kepala Subbidang Pajak Bumi dan Bangunan", "ekonomi_akuntansi"),
            ("Kepala Subbidang Retribusi Daerah", "ekonomi_akuntansi")),
           "Analis Keuangan Pusat dan Daerah:2; Pranata Komputer:1", 0.2, "ekonomi_akuntansi:0.8; manajemen:0.2",
           sekretaris="Sekretaris Badan",
           pools=(("Pengelola Pajak dan Retribusi Daerah", 6, "D-III", "ekonomi_akuntansi", 3.0),)),
    _dinas("SATPOLPP", "Satuan Polisi Pamong Praja", 1.4,
           (("Penegakan Peraturan Daerah", None), ("Ketertiban Umum dan Ketenteraman Masyarakat", None),
            ("Perlindungan Masyarakat", None), ("Pencegahan dan Penanggulangan Kebakaran", None)),
           _sub("Kepala Seksi Penyelidikan dan Penyidikan", "Kepala Seksi Operasi dan Pengendalian",
                "Kepala Seksi Pencegahan Kebakaran"),
           "Polisi Pamong Praja:6; Pemadam Kebakaran:4", 0.65, "hukum:0.4; administrasi_sosial:0.6",
           jpt=("Kepala Satuan Polisi Pamong Praja",), sekretaris="Sekretaris Satuan", female=0.2),
    _kecamatan("KEC03", 2),
    _dinas("DINSOS", "Dinas Sosial", 0.6,
           (("Rehabilitasi Sosial", None), ("Perlindungan dan Jaminan Sosial", None), ("Pemberdayaan Sosial", None)),
           (), "Pekerja Sosial:3; Penyuluh Sosial:2", 0.45, "administrasi_sosial:0.8; psikologi:0.2"),
    _dinas("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 0.7,
           (("Pelayanan Pendaftaran Penduduk", None), ("Pelayanan Pencatatan Sipil", None),
            ("Pengelolaan Informasi Administrasi Kependudukan", None)), (),
           "Pranata Komputer:2; Analis Kebijakan:1; Arsiparis:1", 0.25, "administrasi_sosial:0.7; ti:0.3",
           pools=(("Pengadministrasi Kependudukan", 5, "SLTA", None, 3.0),)),
    _dinas("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 0.6,
           (("Pelayanan Perizinan", None), ("Penanaman Modal", None), ("Pengaduan dan Informasi", None)), (),
           "Analis Kebijakan:1; Pranata Komputer:1", 0.2, "hukum:0.4; administrasi_sosial:0.3; ekonomi_akuntansi:0.3"),
    _dinas("DLH", "Dinas Lingkungan Hidup", 1.0,
           (("Tata Lingkungan", "lingkungan"), ("Pengelolaan Sampah dan Limbah", "lingkungan"),
            ("Pengendalian Pencemaran dan Kerusakan Lingkungan", "lingkungan")), (),
           "Pengendali Dampak Lingkungan:3; Pengawas Lingkungan Hidup:2", 0.35,
           "lingkungan:0.6; teknik_sipil:0.2; kehutanan:0.2"),
    _kecamatan("KEC04", 3),
    _dinas("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", 0.6,
           (("Perdagangan", None), ("Perindustrian", None), ("Metrologi Legal", None)), (),
           "Penera:2; Analis Kebijakan:1", 0.3, "ekonomi_akuntansi:0.5; manajemen:0.3; teknik_mesin_elektro:0.2"),
    _dinas("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 0.5,
           (("Pemberdayaan Perempuan", None), ("Perlindungan Anak", None)), (),
           "Pekerja Sosial:1; Penyuluh Sosial:1; Analis Kebijakan:1", 0.35, "administrasi_sosial:0.7; psikologi:0.3",
           female=0.65),
    _dinas("DISKOP", "Dinas Koperasi dan Usaha Mikro", 0.4,
           (("Kelembagaan Koperasi", None), ("Usaha Mikro", None)), (), "Analis Kebijakan:1", 0.2,
           "manajemen:0.5; ekonomi_akuntansi:0.5"),
    _kecamatan("KEC05", 4),
    _dinas("DISKAN", "Dinas Perikanan", 0.6,
           (("Perikanan Tangkap", "pertanian"), ("Perikanan Budidaya", "pertanian")), (),
           "Penyuluh Perikanan:4; Pengawas Perikanan:1", 0.5, "pertanian:1"),
    _dinas("DISPARBUD", "Dinas Pariwisata dan Kebudayaan", 0.5,
           (("Destinasi Pariwisata", None), ("Pemasaran Pariwisata", None), ("Kebudayaan", None)), (),
           "Pamong Budaya:2; Analis Kebijakan:1", 0.3,
           "bahasa_sastra:0.3; manajemen:0.4; administrasi_sosial:0.3"),
    _dinas("BPBD", "Badan Penanggulangan Bencana Daerah", 0.5,
           (("Pencegahan dan Kesiapsiagaan", None), ("Kedaruratan dan Logistik", None),
            ("Rehabilitasi dan Rekonstruksi", None)), (), "Analis Kebijakan:1", 0.2,
           "administrasi_sosial:0.5; teknik_sipil:0.3; lingkungan:0.2",
           jpt=("Kepala Pelaksana Badan Penanggulangan Bencana Daerah",), sekretaris="Sekretaris Badan"),
    _kecamatan("KEC06", 5),
    _dinas("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 0.4,
           (("Ideologi dan Wawasan Kebangsaan", None), ("Politik Dalam Negeri", None)), (),
           "Analis Kebijakan:2", 0.2, "administrasi_sosial:1", sekretaris="Sekretaris Badan"),
    _dinas("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", 0.5,
           (("Perpustakaan", None), ("Kearsipan", None)), (), "Pustakawan:3; Arsiparis:3", 0.5,
           "administrasi_sosial:0.8; komunikasi:0.2"),
    _dinas("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", 0.6,
           (("Perumahan", "teknik_sipil"), ("Kawasan Permukiman", "teknik_sipil"), ("Pertanahan", None)), (),
           "Teknik Tata Bangunan dan Perumahan:3; Penata Ruang:1", 0.35, "teknik_sipil:0.6; arsitektur_planologi:0.4",
           female=0.3),
    _dinas("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", 0.5,
           (("Pemerintahan Desa", None), ("Pemberdayaan Masyarakat", None)), (),
           "Penggerak Swadaya Masyarakat:3; Analis Kebijakan:1", 0.35,
           "administrasi_sosial:0.8; ekonomi_akuntansi:0.2"),
    *(_kecamatan(f"KEC{k + 1:02d}", k) for k in range(6, len(_PLACES))),
)

# Site templates: (kind, what, weight) with kind "jf" (family), "guru" (subject), "pengawas" or "pel".
_PUSKESMAS: tuple[tuple[str, str, float], ...] = (
    ("jf", "Perawat", 8), ("jf", "Bidan", 8), ("jf", "Dokter", 2), ("jf", "Dokter Gigi", 1), ("jf", "Apoteker", 1),
    ("jf", "Asisten Apoteker", 1), ("jf", "Nutrisionis", 1), ("jf", "Sanitarian", 1),
    ("jf", "Pranata Laboratorium Kesehatan", 1), ("jf", "Perekam Medis", 1), ("jf", "Terapis Gigi dan Mulut", 1),
    ("jf", "Penyuluh Kesehatan Masyarakat", 1), ("jf", "Epidemiolog Kesehatan", 0.5),
    ("pengawas", "Kepala Subbagian Tata Usaha", 1), ("pel", "Bendahara", 1),
    ("pel", "Pengadministrasi Perkantoran", 1.5),
)
_SD: tuple[tuple[str, str, float], ...] = (
    ("guru", "Kelas", 6), ("guru", "Pendidikan Jasmani", 1), ("guru", "Pendidikan Agama Islam", 1),
    ("pel", "Pengadministrasi Perkantoran", 0.7),
)
_SMP: tuple[tuple[str, str, float], ...] = (
    ("guru", "Matematika", 2.5), ("guru", "Bahasa Indonesia", 2.5), ("guru", "Ilmu Pengetahuan Alam", 2.5),
    ("guru", "Bahasa Inggris", 2), ("guru", "Ilmu Pengetahuan Sosial", 2), ("guru", "Pendidikan Pancasila", 1.2),
    ("guru", "Pendidikan Jasmani", 1.2), ("guru", "Pendidikan Agama Islam", 1.2),
    ("guru", "Bimbingan dan Konseling", 1), ("guru", "Seni Budaya", 1), ("pel", "Pengadministrasi Perkantoran", 1.5),
)
_PEL_BY_NAME = {p[0]: p for p in (*_GENERIC_POOLS, _BENDAHARA)}


@dataclass
class _Post:
    """A post while the organisation is built (mutable; becomes a Position at the end)."""

    unit: _Unit
    nama: str
    jenis: str
    kelas: int
    kebutuhan: int
    pendidikan_min: str
    bidang: str | None
    jenjang: str | None = None
    family: _Family | None = None
    subject: str | None = None  # Guru subject
    standar: tuple[int, int, int] | None = None
    risiko: bool = False
    wajib: bool = False
    holders: int = 0
    special: str = ""  # "abolished" or "over": kept out of the vacancy draw
    kode: str = ""
    short: float = 1.0  # vacancy weight


def _n_units(n: int) -> int:
    """25 units at 600 employees, 8 at 50, 40 from about 6,000 on."""
    k = round(8 + 17 * math.log10(n / 50) / math.log10(12))
    return max(8, min(len(_UNITS), k, int(1.05 * n / 6.5)))


def _budgets(n_seats: int, units: Sequence[_Unit]) -> list[int]:
    """Seats per unit: a minimum structure each, the rest by weight (largest remainder, deterministic)."""
    base = 6
    spare = n_seats - base * len(units)
    total_w = sum(u.weight for u in units)
    shares = [spare * u.weight / total_w for u in units]
    out = [base + int(s) for s in shares]
    order = sorted(range(len(units)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: n_seats - sum(out)]:
        out[i] += 1
    return out


def _roman(k: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[k - 1] if k <= 10 else str(k)


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split by weight, largest remainder, ties to the first."""
    w = sum(weights)
    shares = [total * x / w for x in weights]
    out = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


class _Builder:
    """Adds the posts of one unit, or of one school or puskesmas (`where`, added to each post's name)."""

    def __init__(self, unit: _Unit, rng: np.random.Generator, where: str = "") -> None:
        self.unit = unit
        self.rng = rng
        self.where = where
        self.posts: list[_Post] = []
        self.names: dict[str, _Post] = {}

    def add(self, post: _Post) -> None:
        base = post.nama
        if self.where:
            post.nama = f"{base} {self.where}"
        key = post.nama.lower()
        if key in self.names:  # the same post again: one more seat
            self.names[key].kebutuhan += post.kebutuhan
            return
        if post.family is None:
            named_field, risky = _name_rules(base, post.jenis)
            post.bidang = named_field or post.bidang
            post.risiko = post.risiko or risky
        self.names[key] = post
        self.posts.append(post)

    def structural(self, jenis: str, name: str, bidang: str | None) -> None:
        r = self.rng.random(4).tolist()
        if jenis == "JPT Pratama":
            self.add(_Post(self.unit, name, jenis, _KELAS[jenis], 1, "S-2" if r[0] < 0.3 else "S-1", bidang,
                           standar=(4, 4, 4)))
        elif jenis == "Administrator":
            kelas = _KELAS_SEKCAM if name.startswith("Sekretaris Kecamatan") else _KELAS[jenis]
            self.add(_Post(self.unit, name, jenis, kelas, 1, "S-1", bidang, standar=(3, 3, 3 + int(r[1] < 0.3))))
        else:
            self.add(_Post(self.unit, name, jenis, _KELAS[jenis], 1, "D-III" if r[0] < 0.25 else "S-1", bidang,
                           standar=(2 + int(r[1] < 0.5), 2 + int(r[2] < 0.4), 2 + int(r[3] < 0.6))))

    def fungsional(self, fam: _Family, seats: int, subject: str | None = None) -> None:
        """`seats` seats of one family, one post per jenjang drawn: 'Perawat Ahli Pertama', 'Guru Kelas Ahli Muda'."""
        pick = _JENJANG_PICK[fam.nama]
        drawn: dict[str, int] = {}
        for u in self.rng.random(seats).tolist():
            jj = pick(u)
            drawn[jj] = drawn.get(jj, 0) + 1
        title = f"Guru {subject}" if subject else fam.nama
        for jenjang, _ in fam.jenjang:
            if jenjang not in drawn:
                continue
            pend = fam.min_skill if jenjang in _SKILL else "Profesi" if fam.profesi else fam.min_ahli
            self.add(_Post(self.unit, f"{title} {jenjang}", "Fungsional", _KELAS[jenjang], drawn[jenjang], pend,
                           fam.post_field, jenjang, fam, subject, standar=_STANDAR_JF[jenjang], risiko=fam.risiko,
                           short=fam.short))

    def pelaksana(self, pool: tuple[str, int, str, str | None, float], seats: int) -> None:
        name, kelas, pend, bidang, _ = pool
        self.add(_Post(self.unit, name, "Pelaksana", kelas, seats, pend, bidang, short=0.3))


def _unit_posts(u: _Unit, seats: int, rng: np.random.Generator) -> list[_Post]:
    """The peta jabatan of one unit with exactly `seats` seats."""
    b = _Builder(u, rng)
    n_jpt = 0 if u.kecamatan else min(len(u.jpt), 1 + seats // 50)
    n_admin = min(len(u.admins), max(1 + (seats >= 12), round(seats * 0.05)))
    n_peng = min(len(u.pengawas), max(1 + (seats >= 12), round(seats * 0.1)))
    rest = seats - n_jpt - n_admin - n_peng
    while rest < 3 and n_peng > 1:
        n_peng, rest = n_peng - 1, rest + 1
    for name in u.jpt[:n_jpt]:
        b.structural("JPT Pratama", name, _JPT_FIELDS.get(name))
    for name, bidang in u.admins[:n_admin]:
        b.structural("Administrator", name, bidang)
    for name, bidang in u.pengawas[:n_peng]:
        b.structural("Pengawas", name, bidang)
    site_seats = round(rest * u.site_share) if u.sites else 0
    rest -= site_seats
    n_fung = max(0, min(rest - 2, round(rest * u.fungsional))) if u.jf else 0
    if rest >= 3 and u.jf:
        n_fung = max(1, n_fung)
    n_pel = rest - n_fung
    fam_pick = _Pick(u.jf) if u.jf else None
    if fam_pick is not None and n_fung:
        for fam_name, k in sorted(Counter(fam_pick(x) for x in rng.random(n_fung).tolist()).items()):
            b.fungsional(_FAMILIES[fam_name], k)
    if n_pel:
        _pools(b, n_pel)
    if site_seats:
        _sites(b, site_seats)
    return b.posts


def _pools(b: _Builder, seats: int) -> None:
    """Pelaksana seats: a bendahara when there are three or more, the rest among the unit's and generic pools."""
    if seats >= 3:
        b.pelaksana(_BENDAHARA, 1)
        seats -= 1
    pools = (*b.unit.pools, *_GENERIC_POOLS)
    pick = _Pick([(p, p[4]) for p in pools])
    drawn = Counter(pick(x)[0] for x in b.rng.random(seats).tolist())
    for pool in pools:
        if drawn[pool[0]]:
            b.pelaksana(pool, drawn[pool[0]])


def _sites(b: _Builder, seats: int) -> None:
    """Schools or puskesmas of the dinas until `seats` are used, each named in its posts.

    They stay posts of the dinas, not units of their own: a unit per school (about 1,900 at 50,000
    employees) multiplies the per-unit coupling rules (R13, R21) the solver has to price.
    """
    k = 0
    left = seats
    while left > 0:
        if b.unit.sites == "puskesmas":
            template = _PUSKESMAS
            place = _PLACES[k % len(_PLACES)]
            rnd = k // len(_PLACES)
            where = f"Puskesmas {place}" + (f" {_roman(rnd + 1)}" if rnd else "")
        else:
            smp = k % 5 == 4
            template = _SMP if smp else _SD
            i = k // 5 if smp else k - k // 5
            where = f"{'SMPN' if smp else 'SDN'} {i // len(_PLACES) + 1} {_PLACES[i % len(_PLACES)]}"
        sb = _Builder(b.unit, b.rng, where)
        size = round(sum(w for _, _, w in template))
        size = left if left - size < size // 3 else min(size, left)
        for (kind, what, _), count in zip(template, _split(size, [w for _, _, w in template]), strict=True):
            if not count:
                continue
            if kind == "jf":
                sb.fungsional(_FAMILIES[what], count)
            elif kind == "guru":
                sb.fungsional(_FAMILIES["Guru"], count, subject=what)
            elif kind == "pengawas":  # one seat: the template never gives it more
                sb.structural("Pengawas", what, None)
            else:
                sb.pelaksana(_PEL_BY_NAME[what], count)
        b.posts.extend(sb.posts)
        left -= size
        k += 1


def _organisation(n: int, rng: np.random.Generator) -> tuple[list[_Unit], list[_Post]]:
    """Units and posts with their Kebutuhan and current number of holders (summing to n)."""
    units = list(_UNITS[: _n_units(n)])
    n_seats = math.ceil(1.058 * n)
    posts: list[_Post] = []
    for unit, seats in zip(units, _budgets(n_seats, units), strict=True):
        posts.extend(_unit_posts(unit, seats, rng))
    for p in posts:
        p.holders = p.kebutuhan
    # Abolished posts (old pelaksana names), still held by one to three people.
    taken = {(p.unit.kode, p.nama) for p in posts}
    office = [u for u in units if not u.sites]
    n_abolished = min(max(1, round(n / 400)), len(office) * len(_ABOLISHED))
    pairs = [(u, name) for name in _ABOLISHED for u in office if (u.kode, name) not in taken]
    for k in sorted(rng.choice(len(pairs), size=min(n_abolished, len(pairs)), replace=False).tolist()):
        unit, name = pairs[k]
        holders = 1 if n < 400 else int(rng.integers(1, 4))
        posts.append(_Post(unit, name, "Pelaksana", 5, 0, "SLTA", None, holders=holders, special="abolished"))
    # Over-staffed pelaksana pools: more holders than Kebutuhan.
    pools = [j for j, p in enumerate(posts) if p.jenis == "Pelaksana" and p.kebutuhan >= 2 and not p.special]
    if not pools:  # the smallest pemda: any single-seat pelaksana post
        pools = [j for j, p in enumerate(posts) if p.jenis == "Pelaksana" and p.kebutuhan >= 1 and not p.special]
    n_over = max(2, round(n / 300))
    for j in sorted(rng.choice(len(pools), size=min(n_over, len(pools)), replace=False).tolist()):
        p = posts[pools[j]]
        p.holders += int(rng.integers(1, 4)) if p.kebutuhan >= 5 and n >= 400 else 1
        p.special = "over"
    # Surplus teachers at a few schools (the uneven spread of guru that pemerataan fixes).
    guru = [j for j, p in enumerate(posts) if p.family is not None and p.family.nama == "Guru" and not p.special]
    for j in sorted(rng.choice(len(guru), size=min(len(guru), max(1, round(n / 500))), replace=False).tolist()):
        posts[guru[j]].holders += 1
        posts[guru[j]].special = "over"
    # Vacancies: a few JPT seats (the selection committee's work, R20), then seats drawn where pemda are short.
    surplus = sum(p.holders for p in posts) - n
    jpt = [j for j, p in enumerate(posts) if p.jenis == "JPT Pratama"]
    n_jpt_empty = min(surplus, max(1, round(0.12 * len(jpt))), len(jpt))
    for j in rng.choice(len(jpt), size=n_jpt_empty, replace=False).tolist():
        posts[jpt[j]].holders = 0
        posts[jpt[j]].special = "jpt"
    surplus -= n_jpt_empty
    free = [j for j, p in enumerate(posts) if not p.special and p.jenis != "JPT Pratama"]
    weight = {"Administrator": 1.5, "Pengawas": 1.2}
    seat_post = np.repeat(np.array(free), [posts[j].holders for j in free])
    w_post = np.array([weight.get(p.jenis, p.short) for p in posts])
    keys = np.log(1.0 - rng.random(len(seat_post))) / w_post[seat_post]
    take = np.argsort(-keys, kind="stable")[:surplus]  # Efraimidis–Spirakis weighted draw of seats
    for j, k in zip(*np.unique(seat_post[take], return_counts=True), strict=True):
        posts[int(j)].holders -= int(k)
    # Must-fill: vacant health, teacher and finance posts first.
    vacant = [p for p in posts if p.holders < p.kebutuhan and p.jenis != "JPT Pratama"]
    if vacant:
        w = np.array([3.0 if p.short >= _HEALTH_SHORT or p.bidang == "ekonomi_akuntansi" else
                      2.0 if p.jenis == "Administrator" else 0.5 for p in vacant])
        n_wajib = min(len(vacant), max(2, round(n / 200)))
        keys = np.log(1.0 - rng.random(len(vacant))) / w
        for k in np.argsort(-keys, kind="stable")[:n_wajib].tolist():
            vacant[k].wajib = True
    return units, posts


# --- people ----------------------------------------------------------------------------------------------

_PENDIDIKAN: dict[str, _Pick[str]] = {
    "JPT Pratama": _Pick([("S-2", 0.7), ("S-1", 0.24), ("S-3", 0.06)]),
    "Administrator": _Pick([("S-1", 0.48), ("S-2", 0.46), ("D-IV", 0.06)]),
    "Pengawas": _Pick([("S-1", 0.68), ("S-2", 0.15), ("D-III", 0.1), ("D-IV", 0.07)]),
    "SLTA": _Pick([("SLTA", 0.58), ("D-III", 0.2), ("S-1", 0.2), ("SLTP", 0.02)]),
    "D-III": _Pick([("D-III", 0.55), ("S-1", 0.32), ("SLTA", 0.08), ("D-IV", 0.05)]),
    "S-1": _Pick([("S-1", 0.88), ("S-2", 0.06), ("D-III", 0.06)]),
}
# Age range (years at tanggal_acuan) by post level.
_AGES = {"JPT Pratama": (47, 59), "Administrator": (40, 57), "Pengawas": (32, 57), "Pelaksana": (22, 57),
         "Terampil": (22, 47), "Mahir": (28, 55), "Penyelia": (35, 57), "Ahli Pertama": (24, 50),
         "Ahli Muda": (33, 57), "Ahli Madya": (44, 59)}
_ENTRY_AGE = {"SD": (19, 25), "SLTP": (19, 25), "SLTA": (19, 27), "D-I": (20, 27), "D-II": (21, 28),
              "D-III": (21, 29), "D-IV": (23, 32), "S-1": (23, 33), "Profesi": (25, 33), "S-2": (26, 36),
              "Spesialis": (29, 38), "S-3": (30, 40)}
# Golongan (urutan) at entry and the ceiling reachable without a structural post.
_ENTRY_GOL = {"SD": 1, "SLTP": 3, "SLTA": 5, "D-I": 5, "D-II": 6, "D-III": 7, "D-IV": 9, "S-1": 9,
              "Profesi": 10, "S-2": 10, "Spesialis": 11, "S-3": 11}
_MAX_GOL = {"SD": 8, "SLTP": 10, "SLTA": 11, "D-I": 11, "D-II": 12, "D-III": 12, "D-IV": 13, "S-1": 13,
            "Profesi": 15, "S-2": 15, "Spesialis": 16, "S-3": 17}
# Talent: most people in box 5 (sesuai/menengah), few in 7–9 (PermenPANRB 3/2020 numbering).
_KINERJA = _Pick([("Sangat Baik", 0.12), ("Baik", 0.73), ("Butuh Perbaikan", 0.1), ("Kurang", 0.035),
                  ("Sangat Kurang", 0.015)])
_POTENSI = _Pick([("Tinggi", 0.09), ("Menengah", 0.69), ("Rendah", 0.22)])
_HUKUMAN = _Pick([("Ringan", 0.5), ("Sedang", 0.3), ("Berat", 0.2)])
_KOTAK = {("di atas", "Tinggi"): 9, ("sesuai", "Tinggi"): 8, ("di atas", "Menengah"): 7,
          ("di bawah", "Tinggi"): 6, ("sesuai", "Menengah"): 5, ("di atas", "Rendah"): 4,
          ("di bawah", "Menengah"): 3, ("sesuai", "Rendah"): 2, ("di bawah", "Rendah"): 1}
_LEVEL = {"JPT Pratama": 4, "Administrator": 3, "Pengawas": 3, "Fungsional": 2, "Pelaksana": 2}
# Training fields (Employee.pelatihan): the route into a non-licensed family or a post's field (R8, R18).
_TRAINING = ("ti", "ekonomi_akuntansi", "hukum", "administrasi_sosial", "manajemen", "statistika", "komunikasi",
             "teknik_sipil", "pertanian", "lingkungan")
_SIAP_NAIK = 0.15  # share of JF holders with ≥ 2 years in post whose angka kredit allows the next jenjang
_MATCH = 0.85  # share of holders of a post with a Bidang who studied that field

_SYL_START = ("A", "Ba", "Da", "Ga", "Ha", "I", "Ja", "Ka", "La", "Ma", "Na", "Pa", "Ra", "Sa", "Ta", "Wa",
              "Ya", "Yu", "Su", "Ri", "Di", "Ti", "Bu", "Se", "Ke", "Lu", "No", "Re", "We", "Zu", "E", "O")
_SYL_MID = ("di", "ra", "ma", "na", "si", "ti", "lu", "ya", "wi", "sa", "ha", "ri", "ndra", "nti", "rya",
            "gus", "kar", "dan", "sto", "lia", "mi", "ne", "ro", "bu")
_END_L = ("to", "no", "di", "man", "wan", "ra", "dra", "ko", "har", "din", "yanto", "yadi", "ril", "fan")
_END_P = ("ti", "ni", "wati", "sari", "yani", "na", "la", "ri", "ka", "nah", "tri", "ah", "lia", "sih")
_END_FAMILY = ("wijaya", "putra", "ningrum", "saputra", "lestari", "pratama", "kusuma", "hadi", "harjo",
               "rahayu", "santoso", "utami", "mulyana", "sembada")


def _name(sex: str, r: Sequence[int]) -> str:
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


def _gelar(nama: str, prog: _Prog) -> str:
    """The name as the ASN writes it, with the degree of the programme."""
    text = f"{prog.prefix} {nama}" if prog.prefix else nama
    return f"{text}, {prog.gelar}" if prog.gelar else text


@dataclass(frozen=True)
class _Profile:
    """What a post implies for the people holding it, computed once per post."""

    bup: int
    golongan_min: int | None
    golongan_max: int | None
    struktural: bool
    ages: tuple[float, float]
    entry_level: bool
    pppk_rate: float
    programmes: _Pick[str] | None  # JF: the family's programmes for this track; None = by field
    level: int  # expected competence level
    home: _Pick[str]
    pendidikan: _Pick[str] | None


class _Programmes:
    """Programme choice by (field, level) for people outside the JF families."""

    def __init__(self, ref: Reference) -> None:
        self.rank = {code: ref.pendidikan_rank(code) for code in ref.pendidikan}
        self.index = _programme_index()
        self.general: dict[str, _Pick[str | None]] = {}
        for level in sorted({p.level for p in _PROGRAMMES.values()}):
            options = [(f, w) for f, w in _GENERAL_FIELDS if (f, level) in self.index]
            if options:
                self.general[level] = _Pick(options)

    def choose(self, target: str | None, level: str, u: float, v: float) -> str:
        """A programme of field `target` at `level`; the field's nearest level, else the general mix."""
        if level in _SCHOOL_LEVELS:
            return _nth(self.index[("umum", level)], u)
        names = self.index.get((target, level))
        if names:
            return _nth(names, u)
        rank = self.rank
        near = sorted({lv for (f, lv) in self.index if f == target and lv not in _SCHOOL_LEVELS},
                      key=lambda lv: (abs(rank[lv] - rank[level]), rank[lv], lv))
        if near:
            return _nth(self.index[(target, near[0])], u)
        return _nth(self.index[(self.general[level](v), level)], u)


def _profile(p: _Post, ref: Reference) -> _Profile:
    jj = ref.jenis_of(p.jenis, p.jenjang)
    if jj is None:
        raise ValueError(f"jenis jabatan tidak dikenal: {p.jenis} {p.jenjang}")
    level_key = p.jenjang if p.jenis == "Fungsional" and p.jenjang else p.jenis
    lo, hi = _AGES[level_key]
    fam = p.family
    # PPPK mostly in fungsional posts (guru, tenaga kesehatan); CPNS only in entry posts.
    pppk_rate = 0.0
    if fam is not None:
        pppk_rate = 0.3 if fam.nama == "Guru" else 0.15 if fam.short >= _HEALTH_SHORT else 0.05
    elif p.jenis == "Pelaksana" and p.kebutuhan > 0:
        pppk_rate = 0.05
    programmes: _Pick[str] | None = None
    if fam is not None:
        if fam.nama == "Guru" and p.subject:
            programmes = _Pick(_GURU_SUBJECTS[p.subject])
        elif fam.nama == "Dokter" and p.unit.kode == "RSUD":
            programmes = _Pick(_DOKTER_RSUD)
        else:
            programmes = _Pick(fam.skill if p.jenjang in _SKILL else fam.ahli)
    pendidikan = None if fam is not None else _PENDIDIKAN[p.jenis if p.jenis != "Pelaksana" else p.pendidikan_min]
    return _Profile(
        bup=jj.bup, golongan_min=jj.golongan_min, golongan_max=jj.golongan_max, struktural=jj.struktural,
        ages=(lo, min(hi, jj.bup - 1.1)),
        entry_level=p.jenis == "Pelaksana" or p.jenjang in ("Terampil", "Ahli Pertama"),
        pppk_rate=pppk_rate, programmes=programmes,
        level=_LEVEL[p.jenis] - (p.jenjang in ("Terampil", "Ahli Pertama")),
        home=_Pick(p.unit.home), pendidikan=pendidikan,
    )


def _statuses(profiles: Sequence[_Profile], draws: Sequence[float]) -> list[str]:
    """PPPK mostly in fungsional posts, CPNS only in entry posts; at least one of each in any pemda."""
    out = []
    for pr, u in zip(profiles, draws, strict=True):
        if u < pr.pppk_rate:
            out.append("PPPK")
        elif pr.entry_level and u < pr.pppk_rate + 0.06:
            out.append("CPNS")
        else:
            out.append("Aktif")
    for status, allowed in (("PPPK", lambda pr: pr.pppk_rate > 0), ("CPNS", lambda pr: pr.entry_level)):
        if status not in out:  # the closest miss of the draw becomes one
            pick = min((i for i, pr in enumerate(profiles) if out[i] == "Aktif" and allowed(pr)),
                       key=lambda i: draws[i] - profiles[i].pppk_rate, default=None)
            if pick is not None:
                out[pick] = status
    return out


def _wrong_holders(posts: list[_Post], slots: list[int], n: int, rng: np.random.Generator) -> dict[int, str]:
    """Slot -> programme for the deliberate holders who do not meet R18 (the first three cases always lead)."""
    k = max(1, round(n * _WRONG_PER_EMPLOYEE))
    by_family: dict[str, list[int]] = {}
    for i, j in enumerate(slots):
        fam = posts[j].family
        if fam is not None:
            by_family.setdefault(fam.nama, []).append(i)
    cases = list(_WRONG_HOLDERS[:3]) + [_WRONG_HOLDERS[3 + c] for c in rng.permutation(len(_WRONG_HOLDERS) - 3)]
    cases = [c for c in cases if by_family.get(c[0])]
    out: dict[int, str] = {}
    t = 0
    while len(out) < k and cases:
        family, programme = cases[t % len(cases)]
        free = [i for i in by_family[family] if i not in out]
        if free:
            out[free[int(rng.integers(len(free)))]] = programme
        elif all(all(i in out for i in by_family[c[0]]) for c in cases):
            break
        t += 1
    return out


def _employees(posts: list[_Post], units: list[_Unit], ref: Reference, acuan: date,
               rng: np.random.Generator) -> list[Employee]:
    """One employee per holder, with attributes drawn to fit the post they hold."""
    slots = [j for j, p in enumerate(posts) for _ in range(p.holders)]
    n = len(slots)
    uu = rng.random((n, 36)).tolist()
    ints = rng.integers(0, 2**31 - 1, size=(n, 5)).tolist()
    wrong = _wrong_holders(posts, slots, n, rng)
    progs = _Programmes(ref)
    general = progs.general
    pns_codes = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PNS"}
    pppk_codes = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PPPK"}
    ekspektasi = {k.kode: ref.ekspektasi(k.kode) for k in ref.kinerja}
    rank = {code: ref.pendidikan_rank(code) for code in ref.pendidikan}
    unit_names = [u.nama for u in units]
    day0 = acuan.toordinal()
    by_kind: dict[tuple[object, ...], _Profile] = {}
    profiles: dict[int, _Profile] = {}
    for j in dict.fromkeys(slots):
        p = posts[j]
        kind = (p.jenis, p.jenjang, p.family and p.family.nama, p.subject, p.unit.kode, p.pendidikan_min,
                p.kebutuhan > 0)
        if kind not in by_kind:
            by_kind[kind] = _profile(p, ref)
        profiles[j] = by_kind[kind]
    statuses = _statuses([profiles[j] for j in slots], [row[0] for row in uu])
    nip_seq: dict[str, int] = {}
    out: list[Employee] = []
    for i, j in enumerate(slots):
        u = uu[i]
        p = posts[j]
        pr = profiles[j]
        status = statuses[i]
        sex = "P" if u[1] < p.unit.female else "L"
        # Programme: the family's for a JF holder; else mostly the post's field, otherwise the unit's or any.
        if i in wrong:
            jurusan = wrong[i]
        elif pr.programmes is not None:
            jurusan = pr.programmes(u[2])
        else:
            assert pr.pendidikan is not None
            level = pr.pendidikan(u[2])
            if rank[level] < rank[p.pendidikan_min] and u[3] < 0.9:
                level = p.pendidikan_min
            if p.bidang and u[4] < _MATCH:
                target: str | None = p.bidang
            elif u[5] < 0.5:
                target = pr.home(u[32])
            else:
                target = general[level](u[32]) if level in general else "umum"
            jurusan = progs.choose(target, level, u[6], u[33])
        prog = _PROGRAMMES[jurusan]
        pendidikan = prog.level
        # Age, entry (TMT CPNS) and service, in years at tanggal_acuan.
        lo, hi = pr.ages
        entry_lo, entry_hi = _ENTRY_AGE[pendidikan]
        if status == "CPNS":
            service = (1 + 10 * u[7]) / 12
            age = max(22.0, entry_lo + (entry_hi - entry_lo) * u[8]) + service
        elif status == "PPPK":
            service = 0.5 + 6.5 * u[7]
            age = max(lo, min(hi, 24 + 28 * u[8] + service))
        else:
            age = lo + (hi - lo) * u[8] ** 0.9
            if u[9] < 0.04:  # within 12 months of retirement (R4)
                age = pr.bup - (0.5 + 11 * u[10]) / 12
            entry = min(entry_lo + (entry_hi - entry_lo) * u[11], age - 1.5)
            service = age - entry
        birth = date.fromordinal(day0 - math.ceil(age * 365.25))
        start = date.fromordinal(day0 - int(service * 365.25))
        tmt_cpns = date(start.year, start.month, 1)
        if status not in ("CPNS", "PPPK") and pr.bup - age < 1 and u[12] < 0.3:
            status = "MPP"
        elif status == "Aktif" and u[12] < 0.005:
            status = "Tugas Belajar"
        elif status == "Aktif" and u[12] < 0.008:
            status = "CLTN"
        # Golongan: entry grade plus regular promotions, kept near the post's range.
        # PPPK golongan I–XVII parallel PNS urutan (IX ~ III/a) and are set by the post, not by service.
        g = _ENTRY_GOL[pendidikan]
        if status in ("Aktif", "MPP", "Tugas Belajar", "CLTN"):
            g = min(_MAX_GOL[pendidikan], g + int(service / 4 * (0.75 + 0.5 * u[13])))
        if status != "CPNS" and pr.golongan_min is not None and g < pr.golongan_min:
            g = pr.golongan_min - 1 if pr.struktural and u[14] < 0.08 else pr.golongan_min
        if pr.golongan_max is not None and g > pr.golongan_max and u[14] > 0.03:
            g = pr.golongan_max
        g = max(1, min(17, g))
        golongan = pppk_codes[g] if status == "PPPK" else pns_codes[g]
        # NIP: birth yyyymmdd + TMT yyyymm (PPPK: month + 20) + sex + sequence.
        month = tmt_cpns.month + (20 if status == "PPPK" else 0)
        prefix = (f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{tmt_cpns.year:04d}{month:02d}"
                  f"{1 if sex == 'L' else 2}")
        seq = nip_seq.get(prefix, 0) + 1
        nip_seq[prefix] = seq
        # Time in the current post: ~35 % under 24 months, ~25 % over 60 (short careers cap the draw).
        r = u[15]
        months = 1 + 22 * u[16] if r < 0.24 else 24 + 36 * u[16] if r < 0.64 else 61 + 96 * u[16]
        tmt_jabatan = date.fromordinal(max(day0 - int(months * 30.44), tmt_cpns.toordinal()))
        # Performance, potential, talent box, competence.
        kinerja = _KINERJA(u[17])
        potensi = _POTENSI(u[19]) if u[18] < (0.4 if status == "CPNS" else 0.87) else None
        kotak = _KOTAK[(ekspektasi[kinerja], potensi)] if potensi else None
        komp: list[int | None] = [None, None, None]
        if u[20] < 0.88:
            for c in range(3):
                step = int(u[21 + c] * 5) - 2  # -2 … 2, the extremes halved most of the time
                komp[c] = max(1, min(5, pr.level + (step if abs(step) < 2 or u[24] < 0.3 else step // 2)))
        # Training, sanctions, willingness, preferences, readiness for the next jenjang.
        pelatihan: tuple[str, ...] = ()
        if u[25] < 0.2 and i not in wrong:
            first = _nth(_TRAINING, u[26])
            second = _nth(_TRAINING, (u[26] * 7.31) % 1)
            pelatihan = (first,) if first == second or u[26] < 0.5 else (first, second)
        hukuman, akhir = "Tidak Ada", None
        if u[27] < 0.02:
            hukuman = _HUKUMAN(u[28])
            akhir = date.fromordinal(day0 - 400 + int(1100 * u[29]))
        diminati: tuple[str, ...] = ()
        if u[31] < 0.11:
            picks = (_nth(unit_names, (u[31] * 12.5) % 1), _nth(unit_names, (u[31] * 157.3) % 1))
            diminati = tuple(dict.fromkeys(x for x in picks if x != p.unit.nama))
        tenure_days = day0 - tmt_jabatan.toordinal()
        siap = p.jenis == "Fungsional" and tenure_days >= 730 and u[34] < _SIAP_NAIK
        out.append(Employee(
            nip=f"{prefix}{seq:03d}", nama=_gelar(_name(sex, ints[i]), prog),
            golongan=golongan, pendidikan=pendidikan, jurusan=jurusan, bidang=prog.field,
            pelatihan=pelatihan, kode_jabatan=p.kode, tmt_jabatan=tmt_jabatan, tanggal_lahir=birth,
            jenis_kelamin=sex, status=status, kinerja=kinerja, potensi=potensi, kotak=kotak,
            komp_manajerial=komp[0], komp_sosial_kultural=komp[1], komp_teknis=komp[2], hukuman=hukuman,
            akhir_hukuman=akhir, bersedia_mutasi=u[30] >= 0.05, unit_diminati=diminati, siap_naik_jenjang=siap,
        ))
    return out


def generate_demo(n_pegawai: int = 600, seed: int = 1,
                  tanggal_acuan: date = date(2026, 12, 1)) -> ProblemData:
    """A fictional pemda ("Pemerintah Daerah Alak") with `n_pegawai` employees, deterministic per seed."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(f"jumlah pegawai demo minimal {MIN_PEGAWAI}")
    with _no_gc():
        return _generate(n_pegawai, seed, tanggal_acuan)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic collector: it would rescan the growing heap of small, acyclic objects many times."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _generate(n_pegawai: int, seed: int, tanggal_acuan: date) -> ProblemData:
    ref = load_reference()
    rng = np.random.default_rng(seed % 2**64)  # any int, negative ones too
    units, posts = _organisation(n_pegawai, rng)
    counter: dict[str, int] = {}
    for p in posts:
        counter[p.unit.kode] = counter.get(p.unit.kode, 0) + 1
        p.kode = f"{p.unit.kode}.{counter[p.unit.kode]:04d}"
    positions = tuple(
        Position(
            kode=p.kode, nama=p.nama, unit=p.unit.nama, jenis=p.jenis, jenjang=p.jenjang, kelas=p.kelas,
            kebutuhan=p.kebutuhan, pendidikan_min=p.pendidikan_min, bidang=p.bidang,
            rumpun_jf=p.family.nama if p.family else None,
            standar_manajerial=p.standar[0] if p.standar else None,
            standar_sosial_kultural=p.standar[1] if p.standar else None,
            standar_teknis=p.standar[2] if p.standar else None,
            risiko_tinggi=p.risiko, wajib_diisi=p.wajib,
        )
        for p in posts
    )
    employees = tuple(_employees(posts, units, ref, tanggal_acuan, rng))
    return ProblemData(employees=employees, positions=positions, params=Params(tanggal_acuan=tanggal_acuan),
                       scenario_name=LABEL)
