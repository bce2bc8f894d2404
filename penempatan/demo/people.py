"""The staff of the demo pemda: one employee per holder, with attributes drawn to fit the post they hold.

Education follows the post (a JF holder studied what the family accepts, except the planted WRONG_HOLDERS),
age, entry and golongan follow the jenjang, and the data holds what a planner meets in real life: a quarter
of the staff due for rotation, people near retirement, CPNS and PPPK, sanctions, unwilling people, requests
for another unit and a few JF holders ready for the next jenjang.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np

from penempatan.demo.draw import Pick, nth
from penempatan.demo.families import DOKTER_RSUD, GURU_SUBJECTS, HEALTH_SHORT, SKILL, WRONG_HOLDERS, WRONG_PER_EMPLOYEE
from penempatan.demo.names import fictional_name
from penempatan.demo.organisation import Post
from penempatan.demo.programmes import PROGRAMMES, Programmes, with_degree
from penempatan.demo.units import Unit
from penempatan.model import Employee
from penempatan.reference import Reference

_PENDIDIKAN: dict[str, Pick[str]] = {
    "JPT Pratama": Pick([("S-2", 0.7), ("S-1", 0.24), ("S-3", 0.06)]),
    "Administrator": Pick([("S-1", 0.48), ("S-2", 0.46), ("D-IV", 0.06)]),
    "Pengawas": Pick([("S-1", 0.68), ("S-2", 0.15), ("D-III", 0.1), ("D-IV", 0.07)]),
    "SLTA": Pick([("SLTA", 0.58), ("D-III", 0.2), ("S-1", 0.2), ("SLTP", 0.02)]),
    "D-III": Pick([("D-III", 0.55), ("S-1", 0.32), ("SLTA", 0.08), ("D-IV", 0.05)]),
    "S-1": Pick([("S-1", 0.88), ("S-2", 0.06), ("D-III", 0.06)]),
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
# Talent: most people in kotak 5 (sesuai/menengah), few in 7–9 (the 9-box of kotak_talenta.csv).
_KINERJA = Pick([("Sangat Baik", 0.12), ("Baik", 0.73), ("Butuh Perbaikan", 0.1), ("Kurang", 0.035),
                 ("Sangat Kurang", 0.015)])
_POTENSI = Pick([("Tinggi", 0.09), ("Menengah", 0.69), ("Rendah", 0.22)])
_HUKUMAN = Pick([("Ringan", 0.5), ("Sedang", 0.3), ("Berat", 0.2)])
_LEVEL = {"JPT Pratama": 4, "Administrator": 3, "Pengawas": 3, "Fungsional": 2, "Pelaksana": 2}
# Training fields (Employee.pelatihan): the route into a non-licensed family or a post's field (R8, R18).
_TRAINING = ("ti", "ekonomi_akuntansi", "hukum", "administrasi_sosial", "manajemen", "statistika", "komunikasi",
             "teknik_sipil", "pertanian", "lingkungan")
_SIAP_NAIK = 0.15  # share of JF holders with ≥ 2 years in post whose angka kredit allows the next jenjang
_MATCH = 0.85  # share of holders of a post with a Bidang who studied that field
_DRAWS = 36  # uniform numbers per employee: one per attribute (see Staff.employee)


@dataclass(frozen=True)
class _Profile:
    """What a post implies for the people holding it, computed once per kind of post."""

    bup: int
    golongan_min: int | None
    golongan_max: int | None
    struktural: bool
    ages: tuple[float, float]
    entry_level: bool
    pppk_rate: float
    programmes: Pick[str] | None  # JF: the family's programmes for this track; None = by field
    level: int  # expected competence level
    home: Pick[str]
    pendidikan: Pick[str] | None


def _profile(p: Post, ref: Reference) -> _Profile:
    jj = ref.jenis_of(p.jenis, p.jenjang)
    if jj is None:
        raise ValueError(f"jenis jabatan tidak dikenal: {p.jenis} {p.jenjang}")
    level_key = p.jenjang if p.jenis == "Fungsional" and p.jenjang else p.jenis
    lo, hi = _AGES[level_key]
    fam = p.family
    # PPPK mostly in fungsional posts (guru, tenaga kesehatan); CPNS only in entry posts.
    pppk_rate = 0.0
    if fam is not None:
        pppk_rate = 0.3 if fam.nama == "Guru" else 0.15 if fam.short >= HEALTH_SHORT else 0.05
    elif p.jenis == "Pelaksana" and p.kebutuhan > 0:
        pppk_rate = 0.05
    programmes: Pick[str] | None = None
    if fam is not None:
        if fam.nama == "Guru" and p.subject:
            programmes = Pick(GURU_SUBJECTS[p.subject])
        elif fam.nama == "Dokter" and p.unit.kode == "RSUD":
            programmes = Pick(DOKTER_RSUD)
        else:
            programmes = Pick(fam.skill if p.jenjang in SKILL else fam.ahli)
    pendidikan = None if fam is not None else _PENDIDIKAN[p.jenis if p.jenis != "Pelaksana" else p.pendidikan_min]
    return _Profile(
        bup=jj.bup, golongan_min=jj.golongan_min, golongan_max=jj.golongan_max, struktural=jj.struktural,
        ages=(lo, min(hi, jj.bup - 1.1)),
        entry_level=p.jenis == "Pelaksana" or p.jenjang in ("Terampil", "Ahli Pertama"),
        pppk_rate=pppk_rate, programmes=programmes,
        level=_LEVEL[p.jenis] - (p.jenjang in ("Terampil", "Ahli Pertama")),
        home=Pick(p.unit.home), pendidikan=pendidikan,
    )


def _profiles(posts: list[Post], slots: list[int], ref: Reference) -> dict[int, _Profile]:
    """Post index -> profile, shared by the posts of one kind (jenis, jenjang, family, subject, unit, …)."""
    by_kind: dict[tuple[object, ...], _Profile] = {}
    profiles: dict[int, _Profile] = {}
    for j in dict.fromkeys(slots):
        p = posts[j]
        kind = (p.jenis, p.jenjang, p.family and p.family.nama, p.subject, p.unit.kode, p.pendidikan_min,
                p.kebutuhan > 0)
        if kind not in by_kind:
            by_kind[kind] = _profile(p, ref)
        profiles[j] = by_kind[kind]
    return profiles


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


def _wrong_holders(posts: list[Post], slots: list[int], n: int, rng: np.random.Generator) -> dict[int, str]:
    """Slot -> programme for the deliberate holders who do not meet R18 (the first three cases always lead)."""
    k = max(1, round(n * WRONG_PER_EMPLOYEE))
    by_family: dict[str, list[int]] = {}
    for i, j in enumerate(slots):
        fam = posts[j].family
        if fam is not None:
            by_family.setdefault(fam.nama, []).append(i)
    cases = list(WRONG_HOLDERS[:3]) + [WRONG_HOLDERS[3 + c] for c in rng.permutation(len(WRONG_HOLDERS) - 3)]
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


class _Career(NamedTuple):
    """Dates, status and golongan of one employee at tanggal_acuan."""

    birth: date
    tmt_cpns: date
    tmt_jabatan: date
    status: str
    golongan: str


class _Staff:
    """Draws each employee's attributes from their own row of uniform numbers (`u`), given the post."""

    def __init__(self, ref: Reference, units: list[Unit], acuan: date) -> None:
        self.progs = Programmes(ref)
        self.kotak_talenta = ref.kotak_talenta
        self.pns_codes = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PNS"}
        self.pppk_codes = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PPPK"}
        self.licences = {f.nama: f.lisensi.split(";")[0] for f in ref.jabatan_fungsional.values() if f.lisensi}
        self.health = ref.kelompok.get("kesehatan", frozenset())
        self.ekspektasi = {k.kode: ref.ekspektasi(k.kode) for k in ref.kinerja}
        self.rank = {code: ref.pendidikan_rank(code) for code in ref.pendidikan}
        self.unit_names = [u.nama for u in units]
        self.day0 = acuan.toordinal()
        self.nip_seq: dict[str, int] = {}

    def employee(self, u: list[float], names: list[int], p: Post, pr: _Profile, status: str,
                 wrong: str | None) -> Employee:
        """One holder of `p`; `wrong` is the programme of a planted holder who does not meet R18."""
        sex = "P" if u[1] < p.unit.female else "L"
        jurusan = wrong or self._programme(u, p, pr)
        prog = PROGRAMMES[jurusan]
        c = self._career(u, pr, status, prog.level)
        kinerja = _KINERJA(u[17])
        potensi = _POTENSI(u[19]) if u[18] < (0.4 if c.status == "CPNS" else 0.87) else None
        kotak = self.kotak_talenta(self.ekspektasi[kinerja], potensi) if potensi else None
        komp: list[int | None] = [None, None, None]
        if u[20] < 0.88:
            for k in range(3):
                step = int(u[21 + k] * 5) - 2  # -2 … 2, the extremes halved most of the time
                komp[k] = max(1, min(5, pr.level + (step if abs(step) < 2 or u[24] < 0.3 else step // 2)))
        pelatihan: tuple[str, ...] = ()
        if u[25] < 0.2 and wrong is None:
            first = nth(_TRAINING, u[26])
            second = nth(_TRAINING, (u[26] * 7.31) % 1)
            pelatihan = (first,) if first == second or u[26] < 0.5 else (first, second)
        hukuman, akhir = "Tidak Ada", None
        if u[27] < 0.02:
            hukuman = _HUKUMAN(u[28])
            akhir = date.fromordinal(self.day0 - 400 + int(1100 * u[29]))
        diminati: tuple[str, ...] = ()
        if u[31] < 0.11:
            picks = (nth(self.unit_names, (u[31] * 12.5) % 1), nth(self.unit_names, (u[31] * 157.3) % 1))
            diminati = tuple(dict.fromkeys(x for x in picks if x != p.unit.nama))
        sertifikat = self._sertifikat(u, p, prog.field, pelatihan)
        tenure_days = self.day0 - c.tmt_jabatan.toordinal()
        siap = p.jenis == "Fungsional" and tenure_days >= 730 and u[34] < _SIAP_NAIK
        return Employee(
            nip=self._nip(c, sex), nama=with_degree(fictional_name(sex, names), prog),
            golongan=c.golongan, pendidikan=prog.level, jurusan=jurusan, bidang=prog.field,
            pelatihan=pelatihan, kode_jabatan=p.kode, tmt_jabatan=c.tmt_jabatan, tanggal_lahir=c.birth,
            jenis_kelamin=sex, status=c.status, kinerja=kinerja, potensi=potensi, kotak=kotak,
            komp_manajerial=komp[0], komp_sosial_kultural=komp[1], komp_teknis=komp[2], hukuman=hukuman,
            akhir_hukuman=akhir, bersedia_mutasi=u[30] >= 0.05, unit_diminati=diminati, siap_naik_jenjang=siap,
            sertifikat=sertifikat,
        )

    def _sertifikat(self, u: list[float], p: Post, field: str | None, pelatihan: tuple[str, ...]) -> tuple[str, ...]:
        """Licences (R22): most holders of a licensed JF family have its licence, most health graduates an STR,
        procurement-trained staff a PBJ certificate; about one in eight of each is missing, as in real data. Drawn
        from the person's existing numbers (not new draws), so the rest of the demo stays as it was."""
        out: list[str] = []
        have = (u[2] * 13.7 + u[9] * 3.1) % 1 >= 0.12
        licence = self.licences.get(p.family.nama) if p.family else None
        if licence and have:
            out.append(licence)
        if field in self.health and have and "STR" not in out:
            out.append("STR")
        if "Pengadaan" in pelatihan and (u[26] * 5.3) % 1 < 0.6:
            out.append("Sertifikat PBJ")
        return tuple(out)

    def _programme(self, u: list[float], p: Post, pr: _Profile) -> str:
        """The family's programme for a JF holder; else mostly the post's field, otherwise the unit's or any."""
        if pr.programmes is not None:
            return pr.programmes(u[2])
        assert pr.pendidikan is not None
        rank, general = self.rank, self.progs.general
        level = pr.pendidikan(u[2])
        if rank[level] < rank[p.pendidikan_min] and u[3] < 0.9:
            level = p.pendidikan_min
        if p.bidang and u[4] < _MATCH:
            target: str | None = p.bidang
        elif u[5] < 0.5:
            target = pr.home(u[32])
        else:
            target = general[level](u[32]) if level in general else "umum"
        return self.progs.choose(target, level, u[6], u[33])

    def _career(self, u: list[float], pr: _Profile, status: str, pendidikan: str) -> _Career:
        """Age, entry (TMT CPNS), service and time in post in years at tanggal_acuan; status and golongan."""
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
        birth = date.fromordinal(self.day0 - math.ceil(age * 365.25))
        start = date.fromordinal(self.day0 - int(service * 365.25))
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
        golongan = self.pppk_codes[g] if status == "PPPK" else self.pns_codes[g]
        # Time in the current post: ~35 % under 24 months, ~25 % over 60 (short careers cap the draw).
        r = u[15]
        months = 1 + 22 * u[16] if r < 0.24 else 24 + 36 * u[16] if r < 0.64 else 61 + 96 * u[16]
        tmt_jabatan = date.fromordinal(max(self.day0 - int(months * 30.44), tmt_cpns.toordinal()))
        return _Career(birth, tmt_cpns, tmt_jabatan, status, golongan)

    def _nip(self, c: _Career, sex: str) -> str:
        """Birth yyyymmdd + TMT yyyymm (PPPK: month + 20) + sex + a sequence number within that prefix."""
        month = c.tmt_cpns.month + (20 if c.status == "PPPK" else 0)
        prefix = (f"{c.birth.year:04d}{c.birth.month:02d}{c.birth.day:02d}{c.tmt_cpns.year:04d}{month:02d}"
                  f"{1 if sex == 'L' else 2}")
        seq = self.nip_seq.get(prefix, 0) + 1
        self.nip_seq[prefix] = seq
        return f"{prefix}{seq:03d}"


def employees(posts: list[Post], units: list[Unit], ref: Reference, acuan: date,
              rng: np.random.Generator) -> list[Employee]:
    """One employee per holder, with attributes drawn to fit the post they hold."""
    slots = [j for j, p in enumerate(posts) for _ in range(p.holders)]
    n = len(slots)
    uu = rng.random((n, _DRAWS)).tolist()
    ints = rng.integers(0, 2**31 - 1, size=(n, 5)).tolist()
    wrong = _wrong_holders(posts, slots, n, rng)
    staff = _Staff(ref, units, acuan)
    profiles = _profiles(posts, slots, ref)
    statuses = _statuses([profiles[j] for j in slots], [row[0] for row in uu])
    return [staff.employee(uu[i], ints[i], posts[j], profiles[j], statuses[i], wrong.get(i))
            for i, j in enumerate(slots)]
