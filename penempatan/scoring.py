"""Eligibility (hard rules with reason codes), purposes and integer fit scores with named parts (SPEC 3–4).

Everything here is a pure function of ProblemData. Scores are made integer here and nowhere else, so the
solver, the checker and the explanations all see the same numbers.

A pair (employee, post) is a candidate when every hard rule allows it and, for a move, when the move has a
purpose (SPEC 4: mengisi kebutuhan, rotasi jatuh tempo, promosi, kesesuaian lebih baik, kelebihan pegawai,
permintaan pegawai). Its `skor` is the fit 0–100; its `nilai` (the objective coefficient) is the fit plus the
value of the move's purposes minus `biaya_mutasi`.

Candidate generation is sparse: posts are grouped into *classes* of posts that score alike for every
employee (same jenis, jenjang, kelas, minimum education, field, JF family, golongan range, competence
standards); an employee is scored against each class once, and only the best classes (and a few posts of
each) become candidate pairs. See `build_candidates` for the caps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from penempatan.model import ProblemData
from penempatan.reference import Reference, load_reference
from penempatan.rules import FLAG_LABELS, PURPOSE_LABELS, RULES

COMPONENTS = ("pendidikan", "bidang", "kompetensi", "kinerja", "golongan")
"""Fit components, in the order of `Candidates.parts` columns; their sum is the fit score."""

COMPONENT_LABELS = {
    "pendidikan": "jenjang pendidikan",
    "bidang": "bidang pendidikan/pelatihan",
    "kompetensi": "kompetensi vs standar",
    "kinerja": "kinerja dan talenta",
    "golongan": "kesesuaian golongan",
}

PURPOSES = tuple(PURPOSE_LABELS)
"""Purposes of a move (SPEC 4 a–f), in the bit order of `Candidates.purposes`; wording in rules.py."""

FLAGS = tuple(FLAG_LABELS)
"""Flags of a move for the committee (`Perhatian`), in the bit order of `Candidates.flags`; wording in rules.py."""
NEAR_BUP_MONTHS = 24
"""A mover who retires within this many months is flagged `dekat BUP` (R4 keeps those within 12 in place)."""

_BIT = {name: 1 << k for k, name in enumerate(PURPOSES)}
_FLAG = {name: 1 << k for k, name in enumerate(FLAGS)}

RULE_TEXT = {code: r.cited for code, r in RULES.items()}
"""Rule wording with its source by code (from the registry in rules.py)."""

JPT = "JPT Pratama"


def name_key(text: str) -> str:
    """Case- and space-insensitive key of a post name (same-name moves have no purpose, SPEC 4)."""
    return re.sub(r"\s+", " ", text.strip().lower())


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
    bidang: str | None
    rumpun_jf: str | None
    gol_min: int | None
    gol_max: int | None
    struktural: bool
    standar: tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class MoveTerms:
    """Per move pair: its value in the objective, purposes and flags (bit sets), and whether it is allowed."""

    nilai: np.ndarray
    purposes: np.ndarray
    flags: np.ndarray
    valid: np.ndarray


class Tables:
    """Numeric arrays of the employees and posts of one ProblemData, computed once."""

    def __init__(self, data: ProblemData, ref: Reference | None = None) -> None:
        self.data = data
        self.ref = ref or load_reference()
        p = data.params
        ref = self.ref
        emps, posts = data.employees, data.positions
        self.n_emp, self.n_post = len(emps), len(posts)
        cur = np.asarray(data.current_post, dtype=np.int64)
        self.cur = cur

        # --- posts
        post_info = [ref.jenis_of(q.jenis, q.jenjang) for q in posts]
        self.post_tingkat = np.array([j.tingkat if j else 1 for j in post_info], dtype=np.int64)
        self.post_manajerial = np.array([bool(j and j.manajerial) for j in post_info])
        self.post_bup = np.array([j.bup if j else 58 for j in post_info], dtype=np.int64)
        self.post_kelas = np.array([q.kelas for q in posts], dtype=np.int64)
        self.post_keb = np.array([q.kebutuhan for q in posts], dtype=np.int64)
        self.post_risk = np.array([q.risiko_tinggi for q in posts], dtype=bool)
        self.post_wajib = np.array([q.wajib_diisi for q in posts], dtype=bool)
        self.post_jpt = np.array([q.jenis == JPT for q in posts], dtype=bool)
        self.post_family = [ref.jf_of(q.nama, q.rumpun_jf) if q.jenis == "Fungsional" and q.rumpun_jf else None
                            for q in posts]
        self.post_jenjang_rank = np.array(
            [ref.jenjang_urutan(q.jenjang) if q.jenis == "Fungsional" and q.jenjang else 0 for q in posts],
            dtype=np.int64)
        names: dict[str, int] = {}
        self.post_name = np.array([names.setdefault(name_key(q.nama), len(names)) for q in posts], dtype=np.int64)
        self.unit_names = data.units
        unit_idx = {u: k for k, u in enumerate(self.unit_names)}
        self.post_unit = np.array([unit_idx[q.unit] for q in posts], dtype=np.int64)
        self.holders = np.bincount(cur, minlength=self.n_post)
        self.vacancy = self.post_keb > self.holders
        self.must_fill_vacancy = self.vacancy & self.post_wajib
        frozen = set(data.frozen_units)
        self.post_frozen = np.array([q.unit in frozen for q in posts], dtype=bool)
        # R11: an over-staffed or abolished post takes no newcomers; R15: a frozen unit takes none either.
        self.post_open = (self.holders <= self.post_keb) & (self.post_keb > 0) & ~self.post_frozen

        classes: dict[PostClass, int] = {}
        post_class = np.empty(self.n_post, dtype=np.int64)
        for j, (q, info) in enumerate(zip(posts, post_info, strict=True)):
            gmin = ref.golongan[q.golongan_min].urutan if q.golongan_min else (info.golongan_min if info else None)
            gmax = ref.golongan[q.golongan_max].urutan if q.golongan_max else (info.golongan_max if info else None)
            key = PostClass(q.jenis, q.jenjang, q.kelas, int(self.post_tingkat[j]), bool(self.post_manajerial[j]),
                            ref.pendidikan[q.pendidikan_min], q.bidang, self.post_family[j], gmin, gmax,
                            bool(info and info.struktural),
                            (q.standar_manajerial, q.standar_sosial_kultural, q.standar_teknis))
            post_class[j] = classes.setdefault(key, len(classes))
        self.classes = list(classes)
        self.post_class = post_class

        # --- employees
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
                        | {q.bidang for q in posts if q.bidang}
                        | {f for fam in ref.jabatan_fungsional.values() for f in fam.bidang})
        self.field_id = {f: k for k, f in enumerate(fields)}
        self.emp_field = np.array([self.field_id[e.bidang] if e.bidang else -1 for e in emps], dtype=np.int64)
        self.emp_trained = np.array([sum(1 << self.field_id[f] for f in set(e.pelatihan)) for e in emps],
                                    dtype=np.int64 if len(fields) < 63 else object)
        self.emp_siap = np.array([e.siap_naik_jenjang for e in emps], dtype=bool)
        self.emp_unit = self.post_unit[cur] if self.n_emp else np.zeros(0, dtype=np.int64)
        self.emp_tenure = np.array([months_between(e.tmt_jabatan, p.tanggal_acuan) for e in emps], dtype=np.int64)
        self.emp_bersedia = np.array([e.bersedia_mutasi for e in emps], dtype=bool)
        lower = {u.lower().strip(): k for k, u in enumerate(self.unit_names)}
        self.emp_prefs = [frozenset(lower[n.lower().strip()] for n in e.unit_diminati if n.lower().strip() in lower)
                          for e in emps]
        today = p.tanggal_acuan
        sanction_active = np.array([
            e.hukuman != "Tidak Ada" and (e.akhir_hukuman is None or e.akhir_hukuman > today) for e in emps],
            dtype=bool)
        self.emp_sanction_heavy = sanction_active & np.array([e.hukuman in ("Sedang", "Berat") for e in emps],
                                                             dtype=bool)
        self.emp_sanction_berat = sanction_active & np.array([e.hukuman == "Berat" for e in emps], dtype=bool)
        self.emp_promo_ok = np.isin(self.emp_kotak, np.array(p.kotak_promosi, dtype=np.int64))
        # R2/R3: rotation due after the maximum time in post (sooner in a high-risk post).
        risk = self.post_risk[cur] if self.n_emp else np.zeros(0, dtype=bool)
        due_at = np.where(risk, p.masa_risiko_tinggi_bulan, p.masa_jabatan_maksimal_bulan)
        self.emp_due = self.emp_tenure >= due_at
        self.emp_rotation_value = np.where(risk, p.nilai_risiko_tinggi, p.nilai_rotasi).astype(np.int64)

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
    def unit_shortfall(self) -> np.ndarray:
        """R21: per unit, empty seats today: Σ over its posts of max(0, Kebutuhan − holders)."""
        short = np.maximum(0, self.post_keb - self.holders)
        return np.bincount(self.post_unit, weights=short, minlength=len(self.unit_names)).astype(np.int64)

    @cached_property
    def forced_out(self) -> np.ndarray:
        """Holders of an abolished or over-staffed post: R1 does not hold them (SPEC R1 exception)."""
        over = self.holders > self.post_keb
        return over[self.cur] if self.n_emp else np.zeros(0, dtype=bool)

    @cached_property
    def hold_reasons(self) -> list[tuple[str, ...]]:
        """Per employee, the rule codes that keep them in place (empty = may move)."""
        p = self.data.params
        frozen = set(self.data.frozen_units)
        out: list[tuple[str, ...]] = []
        allowed = set(p.status_boleh_mutasi)
        for i, e in enumerate(self.data.employees):
            codes = []
            if self.emp_tenure[i] < p.masa_jabatan_minimal_bulan and not self.forced_out[i]:
                codes.append("R1")
            if self.retirement_months[i] < p.batas_pensiun_bulan:
                codes.append("R4")
            if e.status not in allowed:
                codes.append("R5")
            if self.unit_names[self.emp_unit[i]] in frozen:
                codes.append("R15")
            if p.in_pilkada_freeze and self.post_manajerial[self.cur[i]]:
                codes.append("R17")
            if not p.isi_jpt and self.post_jpt[self.cur[i]]:
                codes.append("R20")
            out.append(tuple(codes))
        return out

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
    def stay_parts(self) -> np.ndarray:
        """Fit components of every employee in their current post."""
        out = np.zeros((self.n_emp, len(COMPONENTS)), dtype=np.int64)
        cur_class = self.post_class[self.cur] if self.n_emp else np.zeros(0, dtype=np.int64)
        for c in np.unique(cur_class):
            sel = np.nonzero(cur_class == c)[0]
            out[sel] = self.class_parts(int(c), sel)
        return out

    @cached_property
    def stay_fit(self) -> np.ndarray:
        """Fit score of every employee in their current post."""
        return total(self.stay_parts)

    @cached_property
    def no_equal_post(self) -> np.ndarray:
        """R19 exception: per employee, True when forced out and no open post of at least their kelas and
        tingkat passes every other pair rule for them (only then may they step down, flagged)."""
        out = np.zeros(self.n_emp, dtype=bool)
        forced = np.nonzero(self.forced_out & self.movable)[0]
        if len(forced) == 0:
            return out
        forbid_post, forbid_unit = _forbids(self.data, self)
        out[forced] = True
        for c, pc in enumerate(self.classes):
            posts = np.nonzero((self.post_class == c) & self.post_open)[0]
            if len(posts) == 0:
                continue
            cur = self.cur[forced]
            level = (pc.kelas >= self.post_kelas[cur]) & (pc.tingkat >= self.post_tingkat[cur])
            if not level.any():
                continue
            rules = self._rules(c, forced, with_r19=False)
            ok = level & ~np.logical_or.reduce(list(rules.values()))
            for i in forced[ok & out[forced]].tolist():
                if any(j != self.cur[i] and j not in forbid_post.get(i, ())
                       and self.post_unit[j] not in forbid_unit.get(i, ()) for j in posts.tolist()):
                    out[i] = False
        return out

    # --- eligibility against a post class -----------------------------------------------------------
    def class_exclusions(self, c: int, emp: np.ndarray) -> dict[str, np.ndarray]:
        """Pair-level hard rules R6–R10, R17–R20 for employees `emp` against post class `c`.

        Returns a boolean mask per rule code: True where that rule excludes the pair.
        """
        return self._rules(c, emp, with_r19=True)

    def _rules(self, c: int, emp: np.ndarray, with_r19: bool) -> dict[str, np.ndarray]:
        pc = self.classes[c]
        p = self.data.params
        n = len(emp)
        pend = self.emp_pend[emp]
        gol = self.emp_gol[emp]
        cur = self.cur[emp]
        tol = 1 if (p.toleransi_golongan and pc.struktural) else 0
        r7 = np.zeros(n, dtype=bool)
        if pc.gol_min is not None:
            r7 |= gol < pc.gol_min - tol
        if pc.gol_max is not None:
            r7 |= gol > pc.gol_max
        r7 |= self.emp_pppk_gol[emp]
        r8 = np.zeros(n, dtype=bool)
        if p.bidang_wajib and pc.bidang is not None:
            r8 = ~self._field_match(emp, pc.bidang)
        cur_tingkat, cur_kelas = self.post_tingkat[cur], self.post_kelas[cur]
        promotion = (pc.kelas > cur_kelas) | (pc.tingkat > cur_tingkat)
        r9 = promotion & (~self.emp_promo_ok[emp] | (pc.tingkat > cur_tingkat + 1))
        if pc.rumpun_jf is not None and pc.jenjang:
            same_family = np.array([self.post_family[j] == pc.rumpun_jf for j in cur.tolist()], dtype=bool)
            higher = self.ref.jenjang_urutan(pc.jenjang) > self.post_jenjang_rank[cur]
            r9 |= same_family & higher & ~self.emp_siap[emp]
        r10 = (promotion & self.emp_sanction_heavy[emp]) | (pc.manajerial & self.emp_sanction_berat[emp])
        r17 = np.full(n, bool(p.in_pilkada_freeze and pc.manajerial))
        r18 = self._not_qualified(c, emp)
        out = {"R6": pend < pc.pend_min, "R7": r7, "R8": r8, "R9": r9, "R10": r10, "R17": r17, "R18": r18}
        if with_r19:
            demotion = (pc.kelas < cur_kelas) | (pc.tingkat < cur_tingkat)
            out["R19"] = demotion & (not p.boleh_turun_kelas) & ~self.no_equal_post[emp]
        out["R20"] = np.full(n, pc.jenis == JPT and not p.isi_jpt)
        return out

    def _field_match(self, emp: np.ndarray, bidang: str) -> np.ndarray:
        """R8: the employee's programme, or a training, is in field `bidang`."""
        k = self.field_id.get(bidang)
        if k is None:
            return np.zeros(len(emp), dtype=bool)
        return (self.emp_field[emp] == k) | self._trained_in(emp, 1 << k)

    def _trained_in(self, emp: np.ndarray, mask: int) -> np.ndarray:
        """Has each employee a training in any field of the bit set `mask`?"""
        return (self.emp_trained[emp] & mask).astype(bool)

    def _not_qualified(self, c: int, emp: np.ndarray) -> np.ndarray:
        """R18: True where the employee lacks the JF family's qualification (jabatan_fungsional.csv)."""
        pc = self.classes[c]
        out = np.zeros(len(emp), dtype=bool)
        family = self.ref.jabatan_fungsional.get(pc.rumpun_jf) if pc.rumpun_jf else None
        if family is None:
            return out
        keahlian = (pc.jenjang or "").startswith("Ahli")
        minimum = family.pendidikan_keahlian if keahlian else family.pendidikan_keterampilan
        if minimum is not None:
            out |= self.emp_pend[emp] < self.ref.pendidikan[minimum]
        if not family.bidang:
            return out
        accepted = np.array([self.field_id[f] for f in family.bidang], dtype=np.int64)
        qualified = np.isin(self.emp_field[emp], accepted)
        if not family.licensed:
            qualified |= self._trained_in(emp, sum(1 << int(k) for k in accepted))
        # A holder of this family with no programme recorded: the appointment proves it.
        same_family = np.array([self.post_family[j] == pc.rumpun_jf for j in self.cur[emp].tolist()], dtype=bool)
        qualified |= (self.emp_field[emp] < 0) & same_family
        return out | ~qualified

    def class_parts(self, c: int, emp: np.ndarray) -> np.ndarray:
        """Integer fit components (columns as COMPONENTS) of employees `emp` in post class `c`."""
        pc = self.classes[c]
        p = self.data.params
        n = len(emp)
        parts = np.zeros((n, len(COMPONENTS)), dtype=np.int64)
        # Education level: meeting the minimum 60 %, one level above 80 %, two or more 100 % (never lower).
        over = self.emp_pend[emp] - pc.pend_min
        parts[:, 0] = np.rint(p.bobot_pendidikan * np.clip(0.6 + 0.2 * over, 0.0, 1.0) * (over >= 0))
        # Field (R8): same field as the post, or any field when the post has none; training 60 %.
        if pc.bidang is None:
            parts[:, 1] = p.bobot_bidang
        else:
            same = np.array([self.emp_bidang[i] == pc.bidang for i in emp], dtype=bool)
            trained = np.array([pc.bidang in self.emp_pelatihan[i] for i in emp], dtype=bool)
            parts[:, 1] = np.rint(p.bobot_bidang * np.where(same, 1.0, np.where(trained, 0.6, 0.0)))
        # Competence: mean over the post's standards of min(level / standard, 1); an employee without an
        # assessment counts as level 1, so being assessed never lowers a score.
        ratios = []
        for k, standard in enumerate(pc.standar):
            if standard:
                level = self.emp_komp[emp, k]
                ratios.append(np.minimum(np.maximum(level, 1) / standard, 1.0))
        komp = np.mean(ratios, axis=0) if ratios else np.ones(n)
        parts[:, 2] = np.rint(p.bobot_kompetensi * komp)
        # Performance and talent, weighted by how demanding the post is (its kelas): puts the best
        # performers where they count most. Monotone in kinerja and kotak.
        perf = self.emp_kinerja[emp] / 4.0
        talent = self.emp_kotak[emp] / 9.0  # no kotak (no potensi) counts as 0, below kotak 1
        demand = 0.5 + 0.5 * (pc.kelas - 1) / 16.0
        parts[:, 3] = np.rint(p.bobot_kinerja * (0.6 * perf + 0.4 * talent) * demand)
        # Golongan fit (R7): inside the range full, one step below (allowed tolerance) half.
        gol = self.emp_gol[emp]
        inside = np.ones(n, dtype=bool)
        if pc.gol_min is not None:
            inside &= gol >= pc.gol_min
        if pc.gol_max is not None:
            inside &= gol <= pc.gol_max
        below_one = (pc.gol_min is not None) & (gol == (pc.gol_min or 0) - 1)
        parts[:, 4] = np.rint(p.bobot_golongan * np.where(inside, 1.0, np.where(below_one, 0.5, 0.0)))
        return parts

    # --- purposes and value of a move ---------------------------------------------------------------
    def move_terms(self, emp: np.ndarray, post: np.ndarray, fit: np.ndarray) -> MoveTerms:
        """Purposes, flags, `nilai` and the purpose rule (SPEC 4, R16, R19 flag) of move pairs.

        A move is valid when it has a purpose; when it does not lower the fit, unless it leaves a surplus
        (kelebihan) or fills a must-fill vacancy; and, for an unwilling employee (R16), only in those
        two cases. A move to a post of the same name in the same unit only counts as leaving a surplus.
        """
        p = self.data.params
        cur = self.cur[emp]
        unit_e, unit_j = self.emp_unit[emp], self.post_unit[post]
        same = (self.post_name[post] == self.post_name[cur]) & (unit_j == unit_e)
        other = ~same
        fit_cur = self.stay_fit[emp]
        forced = self.forced_out[emp]
        promotion = (self.post_kelas[post] > self.post_kelas[cur]) | (self.post_tingkat[post] > self.post_tingkat[cur])
        demotion = (self.post_kelas[post] < self.post_kelas[cur]) | (self.post_tingkat[post] < self.post_tingkat[cur])
        wanted = np.array([u in self.emp_prefs[i] for i, u in zip(emp.tolist(), unit_j.tolist(), strict=True)],
                          dtype=bool) & (unit_j != unit_e)
        has = {
            "kebutuhan": self.vacancy[post] & other,
            "rotasi": self.emp_due[emp] & other,
            "promosi": promotion & other,
            "kesesuaian": (fit - fit_cur >= p.ambang_kesesuaian) & other,
            "kelebihan": forced,
            "permintaan": wanted & other,
        }
        purposes = np.zeros(len(emp), dtype=np.int64)
        for name, mask in has.items():
            purposes |= _BIT[name] * mask
        must_fill = self.must_fill_vacancy[post] & has["kebutuhan"]
        needed = forced | must_fill  # the purposes that may lower fit or move an unwilling person
        unwilling = ~self.emp_bersedia[emp]
        valid = (purposes != 0) & ((fit >= fit_cur) | needed) & (~unwilling | needed)
        nilai = (fit + p.nilai_kebutuhan * has["kebutuhan"] + self.emp_rotation_value[emp] * has["rotasi"]
                 + p.nilai_promosi * has["promosi"] + p.nilai_permintaan * has["permintaan"]
                 - p.biaya_mutasi - p.biaya_tidak_bersedia * unwilling
                 - p.biaya_kesesuaian_turun * (fit < fit_cur))
        flags = (_FLAG["tidak_bersedia"] * unwilling
                 | _FLAG["dekat_bup"] * (self.retirement_months[emp] < NEAR_BUP_MONTHS)
                 | _FLAG["turun_kelas"] * demotion
                 | _FLAG["kesesuaian_turun"] * (fit < fit_cur)
                 | _FLAG["kursi_jpt"] * self.post_jpt[post])
        return MoveTerms(nilai.astype(np.int64), purposes, flags.astype(np.int64), valid)


def purpose_names(bits: int) -> list[str]:
    """The purposes (PURPOSES names) set in a bit set."""
    return [name for name in PURPOSES if bits & _BIT[name]]


def flag_names(bits: int) -> list[str]:
    """The flags (FLAGS names) set in a bit set."""
    return [name for name in FLAGS if bits & _FLAG[name]]


def total(parts: np.ndarray) -> np.ndarray:
    """Score 0–100 from components (one row per pair)."""
    return np.clip(parts.sum(axis=1), 0, 100)


@dataclass(frozen=True)
class Candidates:
    """Sparse candidate pairs, sorted by employee; the current post of every employee is among them.

    `score` is the fit 0–100, `nilai` the pair's coefficient in the objective (SPEC 4), `purposes` and
    `flags` bit sets over PURPOSES and FLAGS (0 for a stay pair).
    """

    emp: np.ndarray  # int64 employee index
    post: np.ndarray  # int64 post index
    score: np.ndarray  # int64 fit, 0–100
    stay: np.ndarray  # bool, True for the current post
    parts: np.ndarray  # int64 (n_pairs, len(COMPONENTS))
    nilai: np.ndarray  # int64 objective coefficient
    purposes: np.ndarray  # int64 bit set over PURPOSES
    flags: np.ndarray  # int64 bit set over FLAGS
    pin_conflicts: tuple[tuple[int, int, tuple[str, ...]], ...] = ()  # (employee, post, rule codes)

    def __len__(self) -> int:
        return len(self.emp)

    def score_of(self, i: int, j: int) -> int | None:
        hit = np.nonzero((self.emp == i) & (self.post == j))[0]
        return int(self.score[hit[0]]) if len(hit) else None

    def index_of(self, i: int, j: int) -> int | None:
        """The pair index of (employee i, post j), or None when it is not a candidate."""
        hit = np.nonzero((self.emp == i) & (self.post == j))[0]
        return int(hit[0]) if len(hit) else None


@dataclass
class _Pairs:
    """Move pairs collected during candidate generation (columns of a future Candidates)."""

    emp: list[np.ndarray]
    post: list[np.ndarray]
    parts: list[np.ndarray]

    @classmethod
    def empty(cls) -> _Pairs:
        return cls([], [], [])

    def add(self, emp: np.ndarray, post: np.ndarray, parts: np.ndarray) -> None:
        self.emp.append(emp)
        self.post.append(post)
        self.parts.append(parts)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.emp:
            return (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                    np.zeros((0, len(COMPONENTS)), dtype=np.int64))
        return np.concatenate(self.emp), np.concatenate(self.post), np.concatenate(self.parts)


def build_candidates(data: ProblemData, tables: Tables | None = None, *,
                     per_class: int = 12, max_candidates: int | None = None,
                     must_fill_extra: int = 25, reference: np.ndarray | None = None) -> Candidates:
    """Every employee's current post plus their best allowed moves (eligible and with a purpose).

    Caps (documented in the README): for each movable employee, posts are grouped into classes; of each
    eligible class at most `per_class` posts are kept (preferring a unit the employee asked for, posts
    with a vacancy, then the employee's own unit), and of all those the `max_candidates` best by nilai
    (default `Params.maks_kandidat`). Each must-fill post (R12) additionally gets its `must_fill_extra`
    best employees, so a cap never hides the only people who could fill it. Pins (R15) replace an
    employee's candidates by the pinned post.
    """
    t = tables or Tables(data)
    p = data.params
    cap = max_candidates or p.maks_kandidat
    n = t.n_emp

    forbid_post, forbid_unit = _forbids(data, t)
    pinned = {data.employee_index[pin.nip]: data.position_index[pin.kode_jabatan] for pin in data.pins}
    movers = t.free_movers
    posts_of_class = [np.nonzero((t.post_class == c) & t.post_open)[0] for c in range(len(t.classes))]

    # Employees who named the same preferred units share a group (usually few distinct groups).
    group_keys = sorted({t.emp_prefs[i] for i in movers.tolist() if t.emp_prefs[i]}, key=sorted)
    group_index = {key: g for g, key in enumerate(group_keys)}
    group_of = np.array([group_index.get(prefs, -1) for prefs in t.emp_prefs], dtype=np.int64)
    # Pass 1: each mover's best possible nilai per eligible class, to find the value below which a pair can
    # never be among their `cap` best; pass 2 then materialises only pairs at or above it (memory stays small).
    eligible: list[np.ndarray | None] = []
    class_values = np.full((len(movers), len(t.classes)), NOT_ELIGIBLE, dtype=np.int64)
    multiplicity = np.zeros(len(t.classes), dtype=np.int64)
    for c in range(len(t.classes)):
        posts_c = posts_of_class[c]
        if len(posts_c) == 0 or len(movers) == 0:
            eligible.append(None)
            continue
        ok = t.eligible_movers(c)
        eligible.append(ok)
        if ok.any():
            class_values[ok, c] = _class_upper_value(t, c, movers[ok], total(t.class_parts(c, movers[ok])),
                                                     posts_c)
        multiplicity[c] = min(per_class, len(posts_c) - 1)
    threshold = _cap_threshold(class_values, multiplicity, cap)
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[movers] = np.arange(len(movers))

    spread, wajib = _Pairs.empty(), _Pairs.empty()
    for c in range(len(t.classes)):
        posts_c = posts_of_class[c]
        ok_c = eligible[c]
        if ok_c is None:
            continue
        emp_c = movers[ok_c]
        if len(emp_c) == 0:
            continue
        parts = t.class_parts(c, emp_c)
        fit = total(parts)
        upper = _class_upper_value(t, c, emp_c, fit, posts_c)
        wanted_rows = (upper >= threshold[row_of[emp_c]]) | t.forced_out[emp_c]  # R11: surplus keeps every pick
        picks = _spread_posts(posts_c, t.vacancy[posts_c], emp_c, per_class)
        picks[~wanted_rows] = -1
        # Employees who named units they want: posts of this class in those units come first.
        ordered = posts_c[np.lexsort((posts_c, ~t.vacancy[posts_c]))]
        groups_c = group_of[emp_c]
        for g in np.unique(groups_c[groups_c >= 0]).tolist():
            wanted = ordered[np.isin(t.post_unit[ordered], list(group_keys[g]))][: per_class + 1]
            if len(wanted) == 0:
                continue
            rows = np.nonzero(groups_c == g)[0]
            merged = np.concatenate([np.broadcast_to(wanted, (len(rows), len(wanted))), picks[rows]], axis=1)
            picks_g = np.full((len(rows), per_class + 1), -1, dtype=np.int64)
            for r_i, row in enumerate(merged):
                uniq = list(dict.fromkeys(int(v) for v in row if v >= 0))[: per_class + 1]
                picks_g[r_i, : len(uniq)] = uniq
            picks[rows] = picks_g
        _drop_forbidden(t, emp_c, picks, forbid_post, forbid_unit)
        picks[picks == t.cur[emp_c][:, None]] = -1
        picks[np.cumsum(picks >= 0, axis=1) > per_class] = -1
        r, col = np.nonzero(picks >= 0)
        spread.add(emp_c[r], picks[r, col], parts[r])
        # R12: each must-fill post of the class gets its best employees, whatever the caps.
        for j in posts_c[t.must_fill_vacancy[posts_c]].tolist():
            cols = np.full((len(emp_c), 1), j, dtype=np.int64)
            _drop_forbidden(t, emp_c, cols, forbid_post, forbid_unit)
            allowed = np.nonzero((cols[:, 0] >= 0) & (t.cur[emp_c] != j))[0]
            terms = t.move_terms(emp_c[allowed], np.full(len(allowed), j, dtype=np.int64), fit[allowed])
            allowed = allowed[terms.valid]
            best = allowed[np.lexsort((emp_c[allowed], -terms.nilai[terms.valid]))[:must_fill_extra]]
            wajib.add(emp_c[best], np.full(len(best), j, dtype=np.int64), parts[best])

    n_spread = sum(len(r) for r in spread.emp)
    move_e, move_p, move_parts = _Pairs([*spread.emp, *wajib.emp], [*spread.post, *wajib.post],
                                        [*spread.parts, *wajib.parts]).arrays()
    from_wajib = np.arange(len(move_e)) >= n_spread
    if len(move_e):
        # The same pair can come from both lists: keep its first occurrence.
        _, first = np.unique(move_e * max(1, t.n_post) + move_p, return_index=True)
        first.sort()
        move_e, move_p, move_parts, from_wajib = move_e[first], move_p[first], move_parts[first], from_wajib[first]
    terms = t.move_terms(move_e, move_p, total(move_parts))
    ok = terms.valid
    move_e, move_p, move_parts, from_wajib = move_e[ok], move_p[ok], move_parts[ok], from_wajib[ok]
    move_nilai = terms.nilai[ok]

    keep = np.zeros(len(move_e), dtype=bool)
    spread_rows = ~from_wajib
    keep[spread_rows] = _top_per_employee(move_e[spread_rows], move_nilai[spread_rows], move_p[spread_rows], cap)
    # R11: a surplus holder keeps every vacancy among their picks, whatever the cap.
    keep |= t.forced_out[move_e] & t.vacancy[move_p] & spread_rows
    keep |= from_wajib
    move_e, move_p, move_parts = move_e[keep], move_p[keep], move_parts[keep]

    # A reference plan (minimal change, `solve --acuan`): its move pairs stay candidates whatever the caps,
    # when every hard rule allows them and they have a purpose, so the bonus for keeping them can act.
    if reference is not None:
        have = set(zip(move_e.tolist(), move_p.tolist(), strict=True))
        extra = [(i, int(j)) for i, j in enumerate(np.asarray(reference).tolist())
                 if j != t.cur[i] and i not in pinned and (i, int(j)) not in have
                 and not pin_violations(data, t, i, int(j), forbid_post, forbid_unit)]
        if extra:
            ref_e = np.array([i for i, _ in extra], dtype=np.int64)
            ref_p = np.array([j for _, j in extra], dtype=np.int64)
            ref_parts = _pair_parts(t, ref_e, ref_p)
            valid = t.move_terms(ref_e, ref_p, total(ref_parts)).valid
            move_e = np.concatenate([move_e, ref_e[valid]])
            move_p = np.concatenate([move_p, ref_p[valid]])
            move_parts = np.concatenate([move_parts, ref_parts[valid]])

    # Pinned employees: exactly the pinned post (stay pair when pinned to their own post). A pin is the
    # committee's decision, so it needs no purpose; a pin that breaks a hard rule is recorded as a
    # conflict and the solver then reports the plan infeasible.
    conflicts = tuple((i, j, codes) for i, j in sorted(pinned.items())
                      if (codes := pin_violations(data, t, i, j, forbid_post, forbid_unit)))
    pin_e = np.array([i for i, j in pinned.items() if j != t.cur[i]], dtype=np.int64)
    pin_p = np.array([pinned[int(i)] for i in pin_e], dtype=np.int64)
    pin_parts = _pair_parts(t, pin_e, pin_p)
    stay_e = np.array([i for i in range(n) if pinned.get(i, t.cur[i]) == t.cur[i]], dtype=np.int64)

    emp = np.concatenate([stay_e, move_e, pin_e])
    post = np.concatenate([t.cur[stay_e], move_p, pin_p])
    parts = np.concatenate([t.stay_parts[stay_e], move_parts, pin_parts])
    stay = np.concatenate([np.ones(len(stay_e), bool), np.zeros(len(move_e) + len(pin_e), bool)])
    return _assemble(t, emp, post, parts, stay, conflicts)


def _assemble(t: Tables, emp: np.ndarray, post: np.ndarray, parts: np.ndarray, stay: np.ndarray,
              conflicts: tuple[tuple[int, int, tuple[str, ...]], ...]) -> Candidates:
    """Candidates sorted by employee (stay pair first), with fit, nilai, purposes and flags of every pair."""
    order = np.lexsort((post, ~stay, emp))
    emp, post, parts, stay = emp[order], post[order], parts[order], stay[order]
    score = total(parts)
    nilai = score.copy()
    purposes = np.zeros(len(emp), dtype=np.int64)
    flags = np.zeros(len(emp), dtype=np.int64)
    move = np.nonzero(~stay)[0]
    if len(move):
        terms = t.move_terms(emp[move], post[move], score[move])
        nilai[move], purposes[move], flags[move] = terms.nilai, terms.purposes, terms.flags
    return Candidates(emp, post, score, stay, parts, nilai, purposes, flags, conflicts)


def _pair_parts(t: Tables, emp: np.ndarray, post: np.ndarray) -> np.ndarray:
    """Fit components of arbitrary (employee, post) pairs."""
    out = np.zeros((len(emp), len(COMPONENTS)), dtype=np.int64)
    for k, (i, j) in enumerate(zip(emp.tolist(), post.tolist(), strict=True)):
        out[k] = t.class_parts(int(t.post_class[j]), np.array([i], dtype=np.int64))[0]
    return out


def _class_upper_value(t: Tables, c: int, emp: np.ndarray, fit: np.ndarray, posts: np.ndarray) -> np.ndarray:
    """An upper bound on the nilai of any allowed move of `emp` into a post of class `c` (open `posts`);
    NOT_ELIGIBLE where no post of the class can give the move a purpose under the fit and R16 rules."""
    p = t.data.params
    pc = t.classes[c]
    cur = t.cur[emp]
    vacant = bool(t.vacancy[posts].any())
    must_fill = bool(t.must_fill_vacancy[posts].any())
    promotion = (pc.kelas > t.post_kelas[cur]) | (pc.tingkat > t.post_tingkat[cur])
    better = fit - t.stay_fit[emp] >= p.ambang_kesesuaian
    prefs = np.array([bool(t.emp_prefs[i]) for i in emp.tolist()], dtype=bool)
    forced = t.forced_out[emp]
    purpose = t.emp_due[emp] | promotion | better | forced | vacant | prefs
    needed = forced | must_fill
    unwilling = ~t.emp_bersedia[emp]
    possible = purpose & ((fit >= t.stay_fit[emp]) | needed) & (~unwilling | needed)
    value = (fit + p.nilai_kebutuhan * vacant + t.emp_rotation_value[emp] * t.emp_due[emp]
             + p.nilai_promosi * promotion + p.nilai_permintaan * prefs - p.biaya_mutasi
             - p.biaya_tidak_bersedia * unwilling - p.biaya_kesesuaian_turun * (fit < t.stay_fit[emp]))
    return np.where(possible, value, NOT_ELIGIBLE)


def pin_violations(data: ProblemData, t: Tables, i: int, j: int, forbid_post: dict[int, set[int]],
                   forbid_unit: dict[int, set[int]]) -> tuple[str, ...]:
    """Rule codes a pin (employee i must end in post j) would break; empty when the pin is allowed."""
    if j == t.cur[i]:
        return ()
    codes = list(t.hold_reasons[i])
    excl = t.class_exclusions(int(t.post_class[j]), np.array([i], dtype=np.int64))
    codes += [code for code, mask in excl.items() if mask[0]]
    if t.holders[j] > t.post_keb[j]:
        codes.append("R11")
    frozen = t.unit_names[t.post_unit[j]] in set(data.frozen_units)
    if frozen or j in forbid_post.get(i, ()) or t.post_unit[j] in forbid_unit.get(i, ()):
        codes.append("R15")
    return tuple(dict.fromkeys(codes))


NOT_ELIGIBLE = -(1 << 14)
"""Marker of a class with no allowed move in the per-class value table of candidate generation."""


def _cap_threshold(values: np.ndarray, multiplicity: np.ndarray, cap: int) -> np.ndarray:
    """Per row, the value of the `cap`-th best pair when class c offers `multiplicity[c]` pairs at
    values[row, c] (NOT_ELIGIBLE = none); NOT_ELIGIBLE when a row has fewer than `cap` pairs in all."""
    if values.size == 0:
        return np.full(len(values), NOT_ELIGIBLE, dtype=np.int64)
    order = np.argsort(-values, axis=1, kind="stable")
    sorted_values = np.take_along_axis(values, order, axis=1).astype(np.int64)
    counts = np.where(sorted_values > NOT_ELIGIBLE, multiplicity[order], 0)
    reached = np.cumsum(counts, axis=1) >= cap
    first = np.argmax(reached, axis=1)
    has = reached[np.arange(len(values)), first]
    return np.where(has, sorted_values[np.arange(len(values)), first], NOT_ELIGIBLE)


def _spread_posts(posts: np.ndarray, vacant: np.ndarray, emp: np.ndarray, k: int) -> np.ndarray:
    """For each employee, k+1 posts of a class: vacancies first, then the rest, each list rotated by the
    employee's index so that different employees see different posts of a large pooled class.

    Returns an (len(emp), k+1) array of post indices (-1 = none); one spare column absorbs the
    employee's own post, removed by the caller.
    """
    width = k + 1
    out = np.full((len(emp), width), -1, dtype=np.int64)
    v, w = np.sort(posts[vacant]), np.sort(posts[~vacant])
    cols = np.arange(width)
    filled = 0
    for group in (v, w):
        take = min(len(group), width - filled)
        if take <= 0:
            continue
        idx = (emp[:, None] + cols[None, :take]) % len(group)
        out[:, filled:filled + take] = group[idx]
        filled += take
    return out


def _drop_forbidden(t: Tables, emp: np.ndarray, picks: np.ndarray, forbid_post: dict[int, set[int]],
                    forbid_unit: dict[int, set[int]]) -> None:
    """R15: blank out (set to -1) picked posts that a scenario forbids for that employee, in place."""
    for i in set(forbid_post) | set(forbid_unit):
        rows = np.nonzero(emp == i)[0]
        if len(rows) == 0:
            continue
        sub = picks[rows]
        bad = np.isin(sub, list(forbid_post.get(i, ()))) | np.isin(t.post_unit[np.maximum(sub, 0)],
                                                                    list(forbid_unit.get(i, ())))
        sub[bad & (sub >= 0)] = -1
        picks[rows] = sub


def _forbids(data: ProblemData, t: Tables) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """R15 forbids as {employee: {post}} and {employee: {unit}}."""
    by_post: dict[int, set[int]] = {}
    by_unit: dict[int, set[int]] = {}
    units = {u: k for k, u in enumerate(t.unit_names)}
    for f in data.forbids:
        i = data.employee_index[f.nip]
        if f.kode_jabatan:
            by_post.setdefault(i, set()).add(data.position_index[f.kode_jabatan])
        if f.unit and f.unit in units:
            by_unit.setdefault(i, set()).add(units[f.unit])
    return by_post, by_unit


def _best_per_group(group: np.ndarray, score: np.ndarray, tie: np.ndarray, k: int) -> np.ndarray:
    """Mask keeping, within each value of `group`, the `k` highest scores (ties broken by `tie`)."""
    keep = np.zeros(len(group), dtype=bool)
    if len(group) == 0:
        return keep
    order = np.lexsort((tie, -score, group))
    starts = np.r_[0, np.nonzero(np.diff(group[order]))[0] + 1]
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    keep[order[rank < k]] = True
    return keep


def _top_per_employee(emp: np.ndarray, score: np.ndarray, post: np.ndarray, cap: int) -> np.ndarray:
    """Mask keeping each employee's `cap` best pairs (ties broken by post index)."""
    return _best_per_group(emp, score, post, cap)


def exclusion_counts(data: ProblemData, tables: Tables, post: int) -> dict[str, int]:
    """For one post: how many employees each rule keeps out of it (an employee may count under several).

    Employee-level holds (R1, R4, R5, R15, R17) count first; pair-level rules are counted among the rest.
    An over-staffed post (R11) or a post in a frozen unit (R15) takes nobody new at all.
    """
    t = tables
    counts: dict[str, int] = {}
    # A post that takes nobody new: one rule excludes everyone else, nothing to count per person.
    if t.unit_names[t.post_unit[post]] in set(data.frozen_units):
        return {"R15": int((t.cur != post).sum())}
    if t.holders[post] > t.post_keb[post]:
        return {"R11": int((t.cur != post).sum())}
    others = np.nonzero(t.cur != post)[0]
    for i in others:
        for code in t.hold_reasons[int(i)]:
            counts[code] = counts.get(code, 0) + 1
    movers = others[t.movable[others]]
    if len(movers):
        for code, mask in t.class_exclusions(int(t.post_class[post]), movers).items():
            if mask.any():
                counts[code] = counts.get(code, 0) + int(mask.sum())
    return counts


@dataclass(frozen=True)
class Prices:
    """LP dual prices in nilai units: a move of employee e into post p improves the LP relaxation iff
    its nilai exceeds employee[e] + post[p] + leave[unit of e] (when p is in another unit) + move.
    `post` already includes the unit rows that count people in a post (R21)."""

    employee: np.ndarray
    post: np.ndarray
    leave: np.ndarray
    move: float


def price_missing(data: ProblemData, t: Tables, cand: Candidates, prices: Prices,
                  tol: float = 1e-6, per_round: int = 4) -> Candidates | None:
    """Column generation over every allowed pair, not only the capped candidates (exact pricing).

    Within a post class, a move's nilai and whether it is allowed depend on the post only through its
    category (must-fill vacancy, other vacancy, full), its unit (own unit: same-name posts; a preferred
    unit: the permintaan value) and R15 forbids. So for each employee it is enough to price every post of
    their own and preferred units, and in other units the cheapest post of each category; an employee
    with a scenario forbid gets every post priced. A pair is added when its nilai beats its price, with up
    to `per_round` more of the cheapest posts of that category. Returns the candidates extended by the
    improving pairs, or None when there is none — then the LP optimum over the candidates is the LP
    optimum over every allowed pair.
    """
    forbid_post, forbid_unit = _forbids(data, t)
    movers = t.free_movers
    existing = set(zip(cand.emp.tolist(), cand.post.tolist(), strict=True))
    category = np.where(t.must_fill_vacancy, 0, np.where(t.vacancy, 1, 2))
    new_e: list[int] = []
    new_p: list[int] = []
    for c in range(len(t.classes)):
        posts = np.nonzero((t.post_class == c) & t.post_open)[0]
        if len(posts) == 0 or len(movers) == 0:
            continue
        emp_c = movers[t.eligible_movers(c)]
        if len(emp_c) == 0:
            continue
        by_unit: dict[int, list[int]] = {}
        for j in posts.tolist():
            by_unit.setdefault(int(t.post_unit[j]), []).append(j)
        # Per category, posts by price (cheapest first) and the two cheapest units.
        cheapest: list[list[int]] = []
        for k in range(3):
            in_cat = posts[category[posts] == k]
            cheapest.append(in_cat[np.lexsort((in_cat, prices.post[in_cat]))].tolist())
        opt_e: list[int] = []
        opt_p: list[int] = []
        for i in emp_c.tolist():
            u_e = int(t.emp_unit[i])
            if i in forbid_post or i in forbid_unit:
                options = [j for j in posts.tolist() if j not in forbid_post.get(i, ())
                           and t.post_unit[j] not in forbid_unit.get(i, ())]
            else:
                options = list(by_unit.get(u_e, []))
                for u in t.emp_prefs[i]:
                    options += by_unit.get(int(u), [])
                for ranked in cheapest:
                    taken = 0
                    for j in ranked:
                        if t.post_unit[j] != u_e:
                            options.append(j)
                            taken += 1
                            if taken > per_round:
                                break
            for j in dict.fromkeys(options):
                if j != t.cur[i] and (i, j) not in existing:
                    opt_e.append(i)
                    opt_p.append(j)
        if not opt_e:
            continue
        e_arr = np.array(opt_e, dtype=np.int64)
        p_arr = np.array(opt_p, dtype=np.int64)
        rows = np.searchsorted(emp_c, e_arr)
        fit = t.eligible_fit(c)[rows]
        terms = t.move_terms(e_arr, p_arr, fit)
        leave = np.where(t.post_unit[p_arr] != t.emp_unit[e_arr], prices.leave[t.emp_unit[e_arr]], 0.0)
        price = prices.employee[e_arr] + prices.post[p_arr] + leave + prices.move
        improving = terms.valid & (terms.nilai > price + tol)
        for i, j in zip(e_arr[improving].tolist(), p_arr[improving].tolist(), strict=True):
            if (i, j) not in existing:
                new_e.append(i)
                new_p.append(j)
                existing.add((i, j))
    if not new_e:
        return None
    add_e = np.array(new_e, dtype=np.int64)
    add_p = np.array(new_p, dtype=np.int64)
    emp = np.concatenate([cand.emp, add_e])
    post = np.concatenate([cand.post, add_p])
    parts = np.concatenate([cand.parts, _pair_parts(t, add_e, add_p)])
    stay = np.concatenate([cand.stay, np.zeros(len(add_e), dtype=bool)])
    return _assemble(t, emp, post, parts, stay, cand.pin_conflicts)
