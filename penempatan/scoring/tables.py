"""`Tables`: the numeric arrays of the employees and posts of one ProblemData, computed once.

Posts are grouped into classes (`PostClass`) that score alike for every employee, so eligibility and fit are
computed per class. The rules themselves live in `eligibility`, the fit in `fit` and a move's purposes and
value in `purposes`; `Tables` caches what they compute and keeps them one call away (`t.class_exclusions`,
`t.class_parts`, `t.move_terms`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from penempatan.arrays import unique
from penempatan.model import ProblemData
from penempatan.reference import Reference, load_reference
from penempatan.scoring import eligibility, purposes
from penempatan.scoring import fit as fitness
from penempatan.scoring.eligibility import JPT
from penempatan.scoring.fit import COMPONENTS, total
from penempatan.scoring.purposes import MoveTerms
from penempatan.text import name_key


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (negative when start is later)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class PostClass:
    """Posts that every employee scores alike (they differ only in unit, name and vacancy)."""

    jenis: str
    jenjang: str | None
    kelas: int
    tingkat: int
    manajerial: bool
    pend_min: int
    bidang: frozenset[str]  # R8: fields that qualify (Bidang plus the JF family's); empty = open
    skor_bidang: frozenset[str]  # fields that give the full field score (SPEC 4); empty = a no-field post
    rumpun_jf: str | None
    mapel: str | None  # R18: the subject a teaching post names (mata_pelajaran.csv)
    nilai_kursi: int  # the staffing value of a filled seat of these posts (SPEC 4 v3)
    gol_min: int | None
    gol_max: int | None
    struktural: bool
    standar: tuple[int | None, int | None, int | None]


class Tables:
    """Numeric arrays of the employees and posts of one ProblemData, computed once."""

    def __init__(self, data: ProblemData, ref: Reference | None = None) -> None:
        self.data = data
        self.ref = ref or load_reference()
        self.n_emp, self.n_post = len(data.employees), len(data.positions)
        self.cur = np.asarray(data.current_post, dtype=np.int64)
        self._post_arrays()
        self._post_classes()
        self._employee_arrays()

    def _post_arrays(self) -> None:
        data, ref, posts = self.data, self.ref, self.data.positions
        self._post_info = [ref.jenis_of(q.jenis, q.jenjang) for q in posts]
        self.post_tingkat = np.array([j.tingkat if j else 1 for j in self._post_info], dtype=np.int64)
        self.post_manajerial = np.array([bool(j and j.manajerial) for j in self._post_info])
        self.post_family = [ref.jf_of(q.nama, q.rumpun_jf) if q.jenis == "Fungsional" and q.rumpun_jf else None
                            for q in posts]
        families = [ref.jabatan_fungsional.get(f) if f else None for f in self.post_family]
        self.post_bup = np.array([ref.bup_of(q.jenis, q.jenjang, fam) for q, fam in zip(posts, families, strict=True)],
                                 dtype=np.int64)
        self._family_ids: dict[str, int] = {}
        self.post_family_id = np.array([self._family_ids.setdefault(f, len(self._family_ids)) if f else -1
                                        for f in self.post_family], dtype=np.int64)
        self.post_struktural = np.array([bool(j and j.struktural) for j in self._post_info], dtype=bool)
        self.post_fields = [ref.post_fields(q.bidang, fam) for q, fam in zip(posts, families, strict=True)]
        self.post_score_fields = [ref.score_fields(q.bidang, fam) for q, fam in zip(posts, families, strict=True)]
        self.post_subject = [ref.subject_of(q.nama, fam) for q, fam in zip(posts, families, strict=True)]
        kinds = [ref.seat_kinds(q.nama, q.unit, q.lokasi, fam) for q, fam in zip(posts, families, strict=True)]
        self.post_seat_value = np.array(
            [data.params.seat_value(wajib=q.wajib_diisi, layanan=service, profesi=scarce, risiko=q.risiko_tinggi)
             for q, (service, scarce) in zip(posts, kinds, strict=True)], dtype=np.int64)
        self.post_kelas = np.array([q.kelas for q in posts], dtype=np.int64)
        self.post_keb = np.array([q.kebutuhan for q in posts], dtype=np.int64)
        self.post_risk = np.array([q.risiko_tinggi for q in posts], dtype=bool)
        self.post_wajib = np.array([q.wajib_diisi for q in posts], dtype=bool)
        self.post_jpt = np.array([q.jenis == JPT for q in posts], dtype=bool)
        self.post_jenjang_rank = np.array(
            [ref.jenjang_urutan(q.jenjang) if q.jenis == "Fungsional" and q.jenjang else 0 for q in posts],
            dtype=np.int64)
        names: dict[str, int] = {}  # same-name moves have no purpose (SPEC 4)
        self.post_name = np.array([names.setdefault(name_key(q.nama), len(names)) for q in posts], dtype=np.int64)
        self.unit_names = data.units
        unit_idx = {u: k for k, u in enumerate(self.unit_names)}
        self.post_unit = np.array([unit_idx[q.unit] for q in posts], dtype=np.int64)
        # R21 v3: the location of each post, the lowest unit it belongs to (a school, a puskesmas), within its unit.
        places: dict[tuple[str, str], int] = {}
        self.post_place = np.array([places.setdefault((q.unit, ref.place_of(q.nama, q.unit, q.lokasi)), len(places))
                                    for q in posts], dtype=np.int64)
        self.place_names = list(places)  # (unit, location) per location index
        # R21 v3 per profession: the posts of each scarce JF family (seat_kinds: Guru, each health profession)
        # within one unit form a pool that may not lose filled seats; -1 for every other post.
        pools: dict[tuple[str, str], int] = {}
        self.post_pool = np.array([pools.setdefault((q.unit, fam), len(pools)) if fam and scarce else -1
                                   for q, fam, (_, scarce) in zip(posts, self.post_family, kinds, strict=True)],
                                  dtype=np.int64)
        self.pool_names = list(pools)  # (unit, JF family) per pool index
        self.holders = np.bincount(self.cur, minlength=self.n_post)
        self.vacancy = self.post_keb > self.holders
        self.must_fill_vacancy = self.vacancy & self.post_wajib
        frozen = set(data.frozen_units)
        self.post_frozen = np.array([q.unit in frozen for q in posts], dtype=bool)
        # R11: an over-staffed or abolished post takes no newcomers; R15: a frozen unit takes none either.
        # SPEC 9: a post where a wish was refused for want of a seat takes no newcomer but a granted wish (a pin).
        self.granted = {data.employee_index[p.nip]: data.position_index[p.kode_jabatan]
                        for p in data.pins if p.permintaan}  # employee -> their granted wish's post (not STAYS)
        self.post_closed = np.zeros(self.n_post, dtype=bool)
        self.post_closed[[data.position_index[k] for k in data.closed_posts]] = True
        self.post_open = (self.holders <= self.post_keb) & (self.post_keb > 0) & ~self.post_frozen & ~self.post_closed

    def _post_classes(self) -> None:
        ref = self.ref
        classes: dict[PostClass, int] = {}
        post_class = np.empty(self.n_post, dtype=np.int64)
        for j, (q, info) in enumerate(zip(self.data.positions, self._post_info, strict=True)):
            gmin = ref.golongan[q.golongan_min].urutan if q.golongan_min else (info.golongan_min if info else None)
            gmax = ref.golongan[q.golongan_max].urutan if q.golongan_max else (info.golongan_max if info else None)
            key = PostClass(q.jenis, q.jenjang, q.kelas, int(self.post_tingkat[j]), bool(self.post_manajerial[j]),
                            ref.pendidikan[q.pendidikan_min], self.post_fields[j], self.post_score_fields[j],
                            self.post_family[j], self.post_subject[j], int(self.post_seat_value[j]), gmin, gmax,
                            bool(info and info.struktural),
                            (q.standar_manajerial, q.standar_sosial_kultural, q.standar_teknis))
            post_class[j] = classes.setdefault(key, len(classes))
        self.classes = list(classes)
        self.post_class = post_class

    def _employee_arrays(self) -> None:
        ref, p, emps, cur = self.ref, self.data.params, self.data.employees, self.cur
        self.emp_pend = np.array([ref.pendidikan[e.pendidikan] for e in emps], dtype=np.int64)
        gol = [ref.golongan.get(e.golongan) for e in emps]
        self.emp_gol = np.array([g.urutan if g else 0 for g in gol], dtype=np.int64)
        self.emp_pppk_gol = np.array([bool(g and g.jenis == "PPPK") for g in gol], dtype=bool)
        self.emp_kinerja = np.array([ref.kinerja_rank(e.kinerja) for e in emps], dtype=np.int64)
        self.emp_kotak = np.array([e.kotak or 0 for e in emps], dtype=np.int64)
        self.emp_komp = np.array(
            [[e.komp_manajerial or 0, e.komp_sosial_kultural or 0, e.komp_teknis or 0] for e in emps],
            dtype=np.int64).reshape(self.n_emp, 3)
        self.emp_bidang = [e.bidang for e in emps]
        self.emp_pelatihan = [frozenset(e.pelatihan) for e in emps]
        # Fields as small integers and trainings as bit sets, so R8/R18 tests are array operations.
        fields = sorted({f for e in emps for f in (e.bidang, *e.pelatihan) if f}
                        | {f for q in self.post_fields for f in q}
                        | {f for fam in ref.jabatan_fungsional.values() for f in fam.bidang})
        self.field_id = {f: k for k, f in enumerate(fields)}
        bits = np.int64 if len(fields) < 63 else object
        self.emp_field = np.array([self.field_id[e.bidang] if e.bidang else -1 for e in emps], dtype=np.int64)
        self.emp_field_bit = np.array([1 << self.field_id[e.bidang] if e.bidang else 0 for e in emps], dtype=bits)
        self.emp_trained = np.array([sum(1 << self.field_id[f] for f in set(e.pelatihan)) for e in emps], dtype=bits)
        self.emp_scarce = np.array([ref.is_scarce(e.bidang) for e in emps], dtype=bool)
        self.emp_siap = np.array([e.siap_naik_jenjang for e in emps], dtype=bool)
        self.emp_unit = self.post_unit[cur] if self.n_emp else np.zeros(0, dtype=np.int64)
        self.emp_tenure = np.array([months_between(e.tmt_jabatan, p.tanggal_acuan) for e in emps], dtype=np.int64)
        self.emp_bersedia = np.array([e.bersedia_mutasi for e in emps], dtype=bool)
        units = {name_key(u): k for k, u in enumerate(self.unit_names)}
        self.emp_prefs = [frozenset(units[name_key(n)] for n in e.unit_diminati if name_key(n) in units)
                          for e in emps]
        # (employee, preferred unit) as sorted keys employee * n_units + unit, for vectorised lookups.
        n_units = len(self.unit_names)
        self.pref_keys = np.array(sorted(i * n_units + u for i, prefs in enumerate(self.emp_prefs) for u in prefs),
                                  dtype=np.int64)
        today = p.tanggal_acuan
        sanction_active = np.array([
            e.hukuman != "Tidak Ada" and (e.akhir_hukuman is None or e.akhir_hukuman > today) for e in emps],
            dtype=bool)
        self.emp_sanction_active = sanction_active
        # Age in whole years at tanggal_acuan (R22); unknown birth dates count as young enough.
        self.emp_age = np.array([months_between(e.tanggal_lahir, today) // 12 if e.tanggal_lahir else 0
                                 for e in emps], dtype=np.int64)
        self.emp_asked = np.array([bool(e.unit_diminati) for e in emps], dtype=bool)
        self.emp_sanction_heavy = sanction_active & np.array([e.hukuman in ("Sedang", "Berat") for e in emps],
                                                             dtype=bool)
        self.emp_sanction_berat = sanction_active & np.array([e.hukuman == "Berat" for e in emps], dtype=bool)
        self.emp_promo_ok = np.isin(self.emp_kotak, np.array(p.kotak_promosi, dtype=np.int64))
        # R2/R3: rotation due after the maximum time in post (sooner in a high-risk post).
        risk = self.post_risk[cur] if self.n_emp else np.zeros(0, dtype=bool)
        due_at = np.where(risk, p.masa_risiko_tinggi_bulan, p.masa_jabatan_maksimal_bulan)
        self.emp_due = self.emp_tenure >= due_at
        self.emp_rotation_value = np.where(risk, p.nilai_risiko_tinggi, p.nilai_rotasi).astype(np.int64)

    def fields_mask(self, fields: frozenset[str]) -> int:
        """A set of fields as a bit set over `field_id` (cached: a few distinct sets per pemda)."""
        cache: dict[frozenset[str], int] = self.__dict__.setdefault("_field_masks", {})
        if fields not in cache:
            cache[fields] = sum(1 << self.field_id[f] for f in fields)
        return cache[fields]

    @cached_property
    def post_field_bits(self) -> np.ndarray:
        """Per post, the fields of its work (`post_score_fields`: the JF family's, else its Bidang) as a bit set
        over `field_id` (0 = no field), for R22's experience."""
        dtype = np.int64 if len(self.field_id) < 63 else object
        return np.array([self.fields_mask(f) for f in self.post_score_fields], dtype=dtype)

    def teaches(self, subject: str) -> np.ndarray:
        """R18 by subject: per employee, does their programme teach `subject` (cached per subject)?"""
        cache: dict[str, np.ndarray] = self.__dict__.setdefault("_teaches", {})
        if subject not in cache:
            # Per distinct programme: a pemda has a few hundred, not one per employee.
            by_programme = {j: self.ref.teaches(j, subject) for j in {e.jurusan for e in self.data.employees}}
            cache[subject] = np.array([by_programme[e.jurusan] for e in self.data.employees], dtype=bool)
        return cache[subject]

    def family_id(self, family: str | None) -> int:
        """The index of a JF family in `post_family_id`; -1 for None, -2 for a family no post has."""
        return -1 if family is None else self._family_ids.get(family, -2)

    def holds_licence(self, family: str) -> np.ndarray:
        """R22: per employee, does their Sertifikat hold the JF family's licence (cached per licence: most
        families share STR or none)?"""
        fam = self.ref.jabatan_fungsional[family]
        cache: dict[str | None, np.ndarray] = self.__dict__.setdefault("_licence", {})
        if fam.lisensi not in cache:
            if fam.lisensi is None:
                cache[None] = np.ones(self.n_emp, dtype=bool)
            else:
                held = {cell: fam.holds_licence(cell) for cell in {e.sertifikat for e in self.data.employees}}
                cache[fam.lisensi] = np.array([held[e.sertifikat] for e in self.data.employees], dtype=bool)
        return cache[fam.lisensi]

    def prefers(self, emp: np.ndarray, unit: np.ndarray) -> np.ndarray:
        """Per pair: did employee emp[k] name unit unit[k] among the units they want (unit_diminati)?"""
        keys = emp * len(self.unit_names) + unit
        at = np.minimum(np.searchsorted(self.pref_keys, keys), max(len(self.pref_keys) - 1, 0))
        return self.pref_keys[at] == keys if len(self.pref_keys) else np.zeros(len(keys), dtype=bool)

    def is_promotion(self, emp: np.ndarray, post: np.ndarray) -> np.ndarray:
        """Per pair: is post post[k] a promotion for employee emp[k] (R9: a higher Kelas Jabatan or tingkat than
        their current post)?"""
        cur = self.cur[emp]
        return (self.post_kelas[post] > self.post_kelas[cur]) | (self.post_tingkat[post] > self.post_tingkat[cur])

    @cached_property
    def retirement_months(self) -> np.ndarray:
        """Months from tanggal_acuan to retirement (birth + BUP of the current post); large when unknown."""
        out = np.full(self.n_emp, 10_000, dtype=np.int64)
        for i, e in enumerate(self.data.employees):
            if e.tanggal_lahir is not None:
                retire = add_years(e.tanggal_lahir, int(self.post_bup[self.cur[i]]))
                out[i] = months_between(self.data.params.tanggal_acuan, retire)
        return out

    @cached_property
    def unit_leave_cap(self) -> np.ndarray:
        """R13: per unit, the most of its current staff that may leave it (rounded down)."""
        staff = np.bincount(self.emp_unit, minlength=len(self.unit_names))
        pct = self.data.params.maks_keluar_unit_persen
        return np.floor(staff * pct / 100.0 + 1e-9).astype(np.int64)

    @cached_property
    def forced_out(self) -> np.ndarray:
        """Holders of an abolished or over-staffed post: R1 does not hold them (SPEC R1 exception)."""
        over = self.holders > self.post_keb
        return over[self.cur] if self.n_emp else np.zeros(0, dtype=bool)

    @cached_property
    def hold_reasons(self) -> list[tuple[str, ...]]:
        """Per employee, the rule codes that keep them in place (empty = may move); see eligibility.hold_reasons."""
        return eligibility.hold_reasons(self)

    @cached_property
    def movable(self) -> np.ndarray:
        return np.array([not r for r in self.hold_reasons], dtype=bool)

    @cached_property
    def free_movers(self) -> np.ndarray:
        """Employees whose candidates the rules choose: movable (no hold rule) and not pinned (R15)."""
        pinned = [self.data.employee_index[pin.nip] for pin in self.data.pins]
        free = self.movable.copy()
        free[pinned] = False
        return np.nonzero(free)[0]

    def eligible_movers(self, c: int) -> np.ndarray:
        """Mask over `free_movers`: every pair rule allows a move into post class `c` (cached per class)."""
        cache: dict[int, np.ndarray] = self.__dict__.setdefault("_eligible", {})
        if c not in cache:
            excl = self.class_exclusions(c, self.free_movers)
            cache[c] = ~np.logical_or.reduce(list(excl.values()))
        return cache[c]

    def eligible_fit(self, c: int) -> np.ndarray:
        """Fit in post class `c` of the eligible free movers (`free_movers[eligible_movers(c)]`), cached."""
        cache: dict[int, np.ndarray] = self.__dict__.setdefault("_eligible_fit", {})
        if c not in cache:
            cache[c] = total(self.class_parts(c, self.free_movers[self.eligible_movers(c)]))
        return cache[c]

    @cached_property
    def mover_rows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every (free mover, post class) that every pair rule allows, class by class with an open post and each
        class's movers in index order: (employee, class, fit, start of each class's block; one more at the end)."""
        emp, cls, fit, starts = [], [], [], [0]
        for c in range(len(self.classes)):
            ok = self.eligible_movers(c) if len(self.free_movers) and self.class_open[c] else None
            count = int(ok.sum()) if ok is not None else 0
            if ok is not None and count:
                emp.append(self.free_movers[ok])
                cls.append(np.full(count, c, dtype=np.int64))
                fit.append(self.eligible_fit(c))
            starts.append(starts[-1] + count)
        empty = np.zeros(0, dtype=np.int64)
        return (np.concatenate(emp) if emp else empty, np.concatenate(cls) if cls else empty,
                np.concatenate(fit) if fit else empty, np.array(starts, dtype=np.int64))

    @cached_property
    def class_open(self) -> np.ndarray:
        """Per post class: does it have an open post (one that may take a newcomer)?"""
        out = np.zeros(len(self.classes), dtype=bool)
        out[self.post_class[self.post_open]] = True
        return out

    @cached_property
    def stay_parts(self) -> np.ndarray:
        """Fit components of every employee in their current post."""
        out = np.zeros((self.n_emp, len(COMPONENTS)), dtype=np.int64)
        cur_class = self.post_class[self.cur] if self.n_emp else np.zeros(0, dtype=np.int64)
        for c in unique(cur_class):
            sel = np.nonzero(cur_class == c)[0]
            out[sel] = self.class_parts(int(c), sel)
        return out

    @cached_property
    def stay_fit(self) -> np.ndarray:
        """Fit score of every employee in their current post."""
        return total(self.stay_parts)

    @cached_property
    def no_equal_post(self) -> np.ndarray:
        """R19 exception per employee (see eligibility.no_equal_post)."""
        return eligibility.no_equal_post(self)

    def class_exclusions(self, c: int, emp: np.ndarray) -> dict[str, np.ndarray]:
        """Pair-level hard rules R6–R10, R17–R20 for employees `emp` against post class `c`.

        Returns a boolean mask per rule code: True where that rule excludes the pair.
        """
        return eligibility.class_exclusions(self, c, emp)

    def class_parts(self, c: int, emp: np.ndarray) -> np.ndarray:
        """Integer fit components (columns as COMPONENTS) of employees `emp` in post class `c`."""
        return fitness.class_parts(self, c, emp)

    def move_terms(self, emp: np.ndarray, post: np.ndarray, fit: np.ndarray) -> MoveTerms:
        """Purposes, flags, `nilai` and the purpose rule of move pairs (see purposes.move_terms)."""
        return purposes.move_terms(self, emp, post, fit)
