"""Eligibility (hard rules with reason codes) and integer fit scores with named components (SPEC 3–4).

Everything here is a pure function of ProblemData. Scores are made integer here and nowhere else, so the
solver, the checker and the explanations all see the same numbers.

Candidate generation is sparse: posts are grouped into *classes* of posts that score alike for every
employee (same jenis, jenjang, kelas, minimum education, field, golongan range, competence standards); an
employee is scored against each class once, and only the best classes (and a few posts of each) become
candidate pairs. See `build_candidates` for the caps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from penempatan.model import ProblemData
from penempatan.reference import Reference, load_reference

COMPONENTS = ("pendidikan", "bidang", "kompetensi", "kinerja", "golongan", "rotasi", "preferensi",
              "tidak_bersedia")
"""Score components, in the order of `Candidates.parts` columns."""

COMPONENT_LABELS = {
    "pendidikan": "jenjang pendidikan",
    "bidang": "bidang pendidikan/pelatihan",
    "kompetensi": "kompetensi vs standar",
    "kinerja": "kinerja dan talenta",
    "golongan": "kesesuaian golongan",
    "rotasi": "rotasi jatuh tempo (R2/R3)",
    "preferensi": "unit diminati",
    "tidak_bersedia": "tidak bersedia dimutasi (R16)",
}

# Rule codes an employee can be held in place by (employee level) or a pair excluded by (pair level).
RULE_TEXT = {
    "R1": "masa jabatan kurang dari minimal (Peraturan BKN 5/2019)",
    "R4": "mendekati batas usia pensiun (UU 20/2023 Pasal 55; PP 11/2017 Pasal 239)",
    "R5": "status kepegawaian tidak boleh dimutasi",
    "R6": "pendidikan di bawah syarat minimal jabatan (PP 11/2017)",
    "R7": "golongan di luar rentang jabatan (PP 100/2000 jo PP 13/2002)",
    "R9": "promosi tidak memenuhi syarat kotak talenta / lebih dari satu jenjang (PermenPANRB 3/2020)",
    "R10": "sedang menjalani hukuman disiplin (PP 94/2021)",
    "R11": "jabatan sudah kelebihan pegawai, tidak menerima pegawai baru",
    "R15": "dikunci, dilarang atau unit dibekukan oleh skenario",
    "R17": "masa larangan mutasi jabatan manajerial Pilkada (UU 10/2016 Pasal 71)",
}


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
    """Posts that every employee scores alike (they differ only in unit)."""

    jenis: str
    jenjang: str | None
    kelas: int
    tingkat: int
    manajerial: bool
    pend_min: int
    bidang: str | None
    gol_min: int | None
    gol_max: int | None
    struktural: bool
    standar: tuple[int | None, int | None, int | None]


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
        self.post_risk = np.array([q.risiko_tinggi for q in posts])
        self.post_wajib = np.array([q.wajib_diisi for q in posts])
        self.unit_names = data.units
        unit_idx = {u: k for k, u in enumerate(self.unit_names)}
        self.post_unit = np.array([unit_idx[q.unit] for q in posts], dtype=np.int64)
        self.holders = np.bincount(cur, minlength=self.n_post)

        classes: dict[PostClass, int] = {}
        post_class = np.empty(self.n_post, dtype=np.int64)
        for j, (q, info) in enumerate(zip(posts, post_info, strict=True)):
            gmin = ref.golongan[q.golongan_min].urutan if q.golongan_min else (info.golongan_min if info else None)
            gmax = ref.golongan[q.golongan_max].urutan if q.golongan_max else (info.golongan_max if info else None)
            key = PostClass(q.jenis, q.jenjang, q.kelas, int(self.post_tingkat[j]), bool(self.post_manajerial[j]),
                            ref.pendidikan[q.pendidikan_min], q.bidang, gmin, gmax, bool(info and info.struktural),
                            (q.standar_manajerial, q.standar_sosial_kultural, q.standar_teknis))
            post_class[j] = classes.setdefault(key, len(classes))
        self.classes = list(classes)
        self.post_class = post_class

        # --- employees
        self.emp_pend = np.array([ref.pendidikan[e.pendidikan] for e in emps], dtype=np.int64)
        gol = [ref.golongan.get(e.golongan) for e in emps]
        self.emp_gol = np.array([g.urutan if g else 0 for g in gol], dtype=np.int64)
        self.emp_pppk_gol = np.array([bool(g and g.jenis == "PPPK") for g in gol])
        self.emp_kinerja = np.array([ref.kinerja_rank(e.kinerja) for e in emps], dtype=np.int64)
        self.emp_kotak = np.array([e.kotak or 0 for e in emps], dtype=np.int64)
        self.emp_komp = np.array(
            [[e.komp_manajerial or 0, e.komp_sosial_kultural or 0, e.komp_teknis or 0] for e in emps],
            dtype=np.int64).reshape(self.n_emp, 3)
        self.emp_bidang = [e.bidang for e in emps]
        self.emp_pelatihan = [frozenset(e.pelatihan) for e in emps]
        self.emp_unit = self.post_unit[cur] if self.n_emp else np.zeros(0, dtype=np.int64)
        self.emp_tenure = np.array([months_between(e.tmt_jabatan, p.tanggal_acuan) for e in emps], dtype=np.int64)
        self.emp_bersedia = np.array([e.bersedia_mutasi for e in emps], dtype=bool)
        self.emp_prefs = [frozenset(unit_idx[u] for u in _match_units(e.unit_diminati, unit_idx)) for e in emps]
        today = p.tanggal_acuan
        sanction_active = np.array([
            e.hukuman != "Tidak Ada" and (e.akhir_hukuman is None or e.akhir_hukuman > today) for e in emps],
            dtype=bool)
        self.emp_sanction_heavy = sanction_active & np.array([e.hukuman in ("Sedang", "Berat") for e in emps],
                                                             dtype=bool)
        self.emp_sanction_berat = sanction_active & np.array([e.hukuman == "Berat" for e in emps], dtype=bool)
        self.emp_promo_ok = np.isin(self.emp_kotak, np.array(p.kotak_promosi, dtype=np.int64))

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
            out.append(tuple(codes))
        return out

    @cached_property
    def movable(self) -> np.ndarray:
        return np.array([not r for r in self.hold_reasons], dtype=bool)

    # --- scoring against a post class ---------------------------------------------------------------
    def class_exclusions(self, c: int, emp: np.ndarray) -> dict[str, np.ndarray]:
        """Pair-level hard rules R6, R7, R9, R10, R17 for employees `emp` against post class `c`.

        Returns a boolean mask per rule code: True where that rule excludes the pair.
        """
        pc = self.classes[c]
        p = self.data.params
        pend = self.emp_pend[emp]
        gol = self.emp_gol[emp]
        cur = self.cur[emp]
        tol = 1 if (p.toleransi_golongan and pc.struktural) else 0
        r7 = np.zeros(len(emp), dtype=bool)
        if pc.gol_min is not None:
            r7 |= gol < pc.gol_min - tol
        if pc.gol_max is not None:
            r7 |= gol > pc.gol_max
        r7 |= self.emp_pppk_gol[emp]
        cur_tingkat = self.post_tingkat[cur]
        promotion = (pc.kelas > self.post_kelas[cur]) | (pc.tingkat > cur_tingkat)
        r9 = (promotion & ~self.emp_promo_ok[emp]) | (pc.tingkat > cur_tingkat + 1) | (pc.tingkat < cur_tingkat)
        r10 = (promotion & self.emp_sanction_heavy[emp]) | (pc.manajerial & self.emp_sanction_berat[emp])
        r17 = np.full(len(emp), bool(p.in_pilkada_freeze and pc.manajerial))
        return {"R6": pend < pc.pend_min, "R7": r7, "R9": r9, "R10": r10, "R17": r17}

    def class_parts(self, c: int, emp: np.ndarray, stay: bool) -> np.ndarray:
        """Integer score components (columns as COMPONENTS, without preference) of `emp` in class `c`."""
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
        if not stay:
            # Rotation pressure (R2, R3): moving someone whose time in post is due; high-risk posts
            # are due sooner and weigh half as much again.
            cur = self.cur[emp]
            risk = self.post_risk[cur]
            due_at = np.where(risk, p.masa_risiko_tinggi_bulan, p.masa_jabatan_maksimal_bulan)
            due = self.emp_tenure[emp] >= due_at
            parts[:, 5] = np.rint(p.bobot_rotasi * due * np.where(risk, 1.5, 1.0))
            parts[:, 7] = -p.biaya_tidak_bersedia * (~self.emp_bersedia[emp])
        return parts


def _match_units(names: Iterable[str], unit_idx: dict[str, int]) -> list[str]:
    lower = {u.lower().strip(): u for u in unit_idx}
    return [lower[n.lower().strip()] for n in names if n.lower().strip() in lower]


def total(parts: np.ndarray) -> np.ndarray:
    """Score 0–100 from components (one row per pair)."""
    return np.clip(parts.sum(axis=1), 0, 100)


@dataclass(frozen=True)
class Candidates:
    """Sparse candidate pairs, sorted by employee; the current post of every employee is among them."""

    emp: np.ndarray  # int64 employee index
    post: np.ndarray  # int64 post index
    score: np.ndarray  # int64, 0–100
    stay: np.ndarray  # bool, True for the current post
    parts: np.ndarray  # int64 (n_pairs, len(COMPONENTS))
    pin_conflicts: tuple[tuple[int, int, tuple[str, ...]], ...] = ()  # (employee, post, rule codes)

    def __len__(self) -> int:
        return len(self.emp)

    def score_of(self, i: int, j: int) -> int | None:
        hit = np.nonzero((self.emp == i) & (self.post == j))[0]
        return int(self.score[hit[0]]) if len(hit) else None


def build_candidates(data: ProblemData, tables: Tables | None = None, *,
                     per_class: int = 12, max_candidates: int | None = None,
                     must_fill_extra: int = 25, reference: np.ndarray | None = None) -> Candidates:
    """Every employee's current post plus their best eligible moves.

    Caps (documented in the README): for each movable employee, posts are grouped into classes; of each
    eligible class at most `per_class` posts are kept (preferring a unit the employee asked for, posts
    with a vacancy, then the employee's own unit), and of all those the `max_candidates` best by score
    (default `Params.maks_kandidat`). Each must-fill post (R12) additionally gets its `must_fill_extra`
    best eligible employees, so a cap never hides the only people who could fill it. Pins (R15) replace
    an employee's candidates by the pinned post.
    """
    t = tables or Tables(data)
    p = data.params
    cap = max_candidates or p.maks_kandidat
    n = t.n_emp
    all_emp = np.arange(n, dtype=np.int64)

    # Stay pairs: scored against their own post's class, no rotation / unwillingness parts.
    stay_parts = np.zeros((n, len(COMPONENTS)), dtype=np.int64)
    cur_class = t.post_class[t.cur] if n else np.zeros(0, dtype=np.int64)
    for c in np.unique(cur_class):
        sel = all_emp[cur_class == c]
        stay_parts[sel] = t.class_parts(int(c), sel, stay=True)

    forbid_post, forbid_unit = _forbids(data, t)
    frozen_units = {k for k, u in enumerate(t.unit_names) if u in set(data.frozen_units)}
    pinned = {data.employee_index[pin.nip]: data.position_index[pin.kode_jabatan] for pin in data.pins}
    movers = all_emp[t.movable]
    if pinned:
        movers = movers[~np.isin(movers, np.fromiter(pinned, dtype=np.int64))]

    # R11: an over-staffed post takes no newcomers; R15: a frozen unit takes none either.
    open_post = (t.holders <= t.post_keb) & ~np.isin(t.post_unit, list(frozen_units))
    posts_of_class = [np.nonzero((t.post_class == c) & open_post)[0] for c in range(len(t.classes))]
    vacancy = t.post_keb > t.holders

    rows_e: list[np.ndarray] = []
    rows_p: list[np.ndarray] = []
    rows_parts: list[np.ndarray] = []
    wajib_e: list[np.ndarray] = []
    wajib_p: list[np.ndarray] = []
    wajib_parts: list[np.ndarray] = []
    # Employees who named the same preferred units share a group (usually few distinct groups).
    group_keys = sorted({t.emp_prefs[i] for i in movers.tolist() if t.emp_prefs[i]}, key=sorted)
    group_index = {key: g for g, key in enumerate(group_keys)}
    group_of = np.array([group_index.get(prefs, -1) for prefs in t.emp_prefs], dtype=np.int64)
    # Pass 1: each mover's score per eligible class, to find the score below which a pair can never be
    # among their `cap` best; pass 2 then materialises only pairs at or above it (memory stays small).
    eligible: list[np.ndarray | None] = []
    class_scores = np.full((len(movers), len(t.classes)), -1, dtype=np.int16)
    multiplicity = np.zeros(len(t.classes), dtype=np.int64)
    for c in range(len(t.classes)):
        posts_c = posts_of_class[c]
        if len(posts_c) == 0 or len(movers) == 0:
            eligible.append(None)
            continue
        excl = t.class_exclusions(c, movers)
        ok = ~np.logical_or.reduce(list(excl.values()))
        eligible.append(ok)
        if ok.any():
            class_scores[ok, c] = total(t.class_parts(c, movers[ok], stay=False))
        multiplicity[c] = min(per_class, len(posts_c) - 1)
    threshold = _cap_threshold(class_scores, multiplicity, cap)
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[movers] = np.arange(len(movers))
    bonus = np.array([p.bobot_preferensi if t.emp_prefs[i] else 0 for i in range(n)], dtype=np.int64)

    for c in range(len(t.classes)):
        posts_c = posts_of_class[c]
        ok_c = eligible[c]
        if ok_c is None:
            continue
        emp_c = movers[ok_c]
        if len(emp_c) == 0:
            continue
        parts = t.class_parts(c, emp_c, stay=False)
        base = total(parts)
        wanted_rows = base + bonus[emp_c] >= threshold[row_of[emp_c]]
        wanted_rows |= t.forced_out[emp_c]  # R11: surplus holders keep every pick (vacancies, see below)
        picks = _spread_posts(posts_c, vacancy[posts_c], emp_c, per_class)
        picks[~wanted_rows] = -1
        # Employees who named units they want: posts of this class in those units come first.
        ordered = posts_c[np.lexsort((posts_c, ~vacancy[posts_c]))]
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
        rows_e.append(emp_c[r])
        rows_p.append(picks[r, col])
        rows_parts.append(parts[r])
        # R12: each must-fill post of the class gets its best eligible employees, whatever the caps.
        for j in posts_c[t.post_wajib[posts_c]].tolist():
            cols = np.full((len(emp_c), 1), j, dtype=np.int64)
            _drop_forbidden(t, emp_c, cols, forbid_post, forbid_unit)
            allowed = np.nonzero((cols[:, 0] >= 0) & (t.cur[emp_c] != j))[0]
            pref = np.array([t.post_unit[j] in t.emp_prefs[int(i)] for i in emp_c[allowed]], dtype=bool)
            value = np.minimum(base[allowed] + pref * p.bobot_preferensi, 100)
            best = allowed[np.lexsort((emp_c[allowed], -value))[:must_fill_extra]]
            wajib_e.append(emp_c[best])
            wajib_p.append(np.full(len(best), j, dtype=np.int64))
            wajib_parts.append(parts[best])

    def stack(rows: list[np.ndarray], width: int | None = None) -> np.ndarray:
        if rows:
            return np.concatenate(rows)
        return np.zeros((0, width), dtype=np.int64) if width else np.zeros(0, dtype=np.int64)

    width = len(COMPONENTS)
    n_spread = sum(len(r) for r in rows_e)
    move_e = stack(rows_e + wajib_e)
    move_p = stack(rows_p + wajib_p)
    move_parts = stack(rows_parts + wajib_parts, width).copy()
    from_wajib = np.arange(len(move_e)) >= n_spread
    if len(move_e):
        has_pref = np.array([bool(t.emp_prefs[int(i)]) for i in range(n)], dtype=bool)
        sel = np.nonzero(has_pref[move_e])[0]
        move_parts[sel, 6] = [p.bobot_preferensi if t.post_unit[move_p[k]] in t.emp_prefs[int(move_e[k])] else 0
                              for k in sel]
        # The same pair can come from both lists: keep its first occurrence.
        _, first = np.unique(move_e * max(1, t.n_post) + move_p, return_index=True)
        first.sort()
        move_e, move_p, move_parts, from_wajib = move_e[first], move_p[first], move_parts[first], from_wajib[first]
    move_score = total(move_parts)

    keep = np.zeros(len(move_e), dtype=bool)
    spread = ~from_wajib
    keep[spread] = _top_per_employee(move_e[spread], move_score[spread], move_p[spread], cap)
    # R11: a surplus holder keeps every vacancy among their picks, whatever the cap.
    keep |= t.forced_out[move_e] & vacancy[move_p] & ~from_wajib
    keep |= _top_per_must_fill(t, move_e, move_p, move_score, must_fill_extra)
    move_e, move_p, move_parts, move_score = move_e[keep], move_p[keep], move_parts[keep], move_score[keep]

    # A reference plan (minimal change, `solve --acuan`): its move pairs stay candidates whatever the caps,
    # when every hard rule allows them, so the bonus for keeping them can take effect.
    if reference is not None:
        have = set(zip(move_e.tolist(), move_p.tolist(), strict=True))
        extra = [(i, int(j)) for i, j in enumerate(np.asarray(reference).tolist())
                 if j != t.cur[i] and i not in pinned and (i, int(j)) not in have
                 and not pin_violations(data, t, i, int(j), forbid_post, forbid_unit)]
        if extra:
            ref_e = np.array([i for i, _ in extra], dtype=np.int64)
            ref_p = np.array([j for _, j in extra], dtype=np.int64)
            ref_parts = np.stack([t.class_parts(int(t.post_class[j]), np.array([i]), stay=False)[0]
                                  for i, j in extra])
            ref_parts[:, 6] = [p.bobot_preferensi if t.post_unit[j] in t.emp_prefs[i] else 0 for i, j in extra]
            move_e = np.concatenate([move_e, ref_e])
            move_p = np.concatenate([move_p, ref_p])
            move_parts = np.concatenate([move_parts, ref_parts])

    # Pinned employees: exactly the pinned post (stay pair when pinned to their own post). A pin that
    # breaks a hard rule is recorded as a conflict; the solver then reports the plan infeasible.
    conflicts = tuple((i, j, codes) for i, j in sorted(pinned.items())
                      if (codes := pin_violations(data, t, i, j, forbid_post, forbid_unit)))
    pin_e = np.array([i for i, j in pinned.items() if j != t.cur[i]], dtype=np.int64)
    pin_p = np.array([pinned[int(i)] for i in pin_e], dtype=np.int64)
    pin_parts = np.zeros((len(pin_e), len(COMPONENTS)), dtype=np.int64)
    for row, (pe, pp) in enumerate(zip(pin_e.tolist(), pin_p.tolist(), strict=True)):
        pin_parts[row] = t.class_parts(int(t.post_class[pp]), np.array([pe]), stay=False)[0]
        pin_parts[row, 6] = p.bobot_preferensi if t.post_unit[pp] in t.emp_prefs[pe] else 0
    stay_e = np.array([i for i in range(n) if pinned.get(i, t.cur[i]) == t.cur[i]], dtype=np.int64)

    emp = np.concatenate([stay_e, move_e, pin_e])
    post = np.concatenate([t.cur[stay_e], move_p, pin_p])
    parts = np.concatenate([stay_parts[stay_e], move_parts, pin_parts])
    stay = np.concatenate([np.ones(len(stay_e), bool), np.zeros(len(move_e) + len(pin_e), bool)])
    order = np.lexsort((post, ~stay, emp))
    return Candidates(emp[order], post[order], total(parts)[order], stay[order], parts[order], conflicts)


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


def _cap_threshold(scores: np.ndarray, multiplicity: np.ndarray, cap: int) -> np.ndarray:
    """Per row, the score of the `cap`-th best pair when class c offers `multiplicity[c]` pairs at
    scores[row, c] (-1 = not eligible); 0 when a row has fewer than `cap` pairs in all."""
    if scores.size == 0:
        return np.zeros(len(scores), dtype=np.int64)
    order = np.argsort(-scores, axis=1, kind="stable")
    sorted_scores = np.take_along_axis(scores, order, axis=1).astype(np.int64)
    counts = np.where(sorted_scores >= 0, multiplicity[order], 0)
    reached = np.cumsum(counts, axis=1) >= cap
    first = np.argmax(reached, axis=1)
    has = reached[np.arange(len(scores)), first]
    return np.where(has, sorted_scores[np.arange(len(scores)), first], 0)


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


def _top_per_must_fill(t: Tables, emp: np.ndarray, post: np.ndarray, score: np.ndarray,
                       extra: int) -> np.ndarray:
    """Mask keeping, for every must-fill post (R12), its `extra` best-scoring pairs."""
    keep = np.zeros(len(emp), dtype=bool)
    idx = np.nonzero(t.post_wajib[post])[0]
    keep[idx] = _best_per_group(post[idx], score[idx], emp[idx], extra)
    return keep


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
    """LP dual prices in score units: a move of employee e into post p improves the LP relaxation iff
    its value (score − biaya_mutasi) exceeds employee[e] + post[p] + leave[unit of e] (when p is in another
    unit) + move."""

    employee: np.ndarray
    post: np.ndarray
    leave: np.ndarray
    move: float


def price_missing(data: ProblemData, t: Tables, cand: Candidates, prices: Prices,
                  tol: float = 1e-6, per_round: int = 4) -> Candidates | None:
    """Column generation over every eligible pair, not only the capped candidates (exact pricing).

    For each post class, the best post for an employee is the one with the lowest price (own unit without,
    other units with the R13 leave price, minus the preference bonus); a pair is added when its value beats
    the employee's price. Returns the candidates extended by the improving pairs, or None when there is
    none — then the LP optimum over the candidates is the LP optimum over every eligible pair.
    """
    p = data.params
    pinned = {data.employee_index[pin.nip] for pin in data.pins}
    forbid_post, forbid_unit = _forbids(data, t)
    frozen = set(data.frozen_units)
    open_post = (t.holders <= t.post_keb) & np.array([t.unit_names[u] not in frozen for u in t.post_unit],
                                                      dtype=bool)
    movers = np.array([i for i in np.nonzero(t.movable)[0].tolist() if i not in pinned], dtype=np.int64)
    existing = set(zip(cand.emp.tolist(), cand.post.tolist(), strict=True))
    n_units = len(t.unit_names)
    new_e: list[int] = []
    new_p: list[int] = []
    new_parts: list[np.ndarray] = []
    for c in range(len(t.classes)):
        posts = np.nonzero((t.post_class == c) & open_post)[0]
        if len(posts) == 0 or len(movers) == 0:
            continue
        excl = t.class_exclusions(c, movers)
        emp_c = movers[~np.logical_or.reduce(list(excl.values()))]
        if len(emp_c) == 0:
            continue
        parts = t.class_parts(c, emp_c, stay=False)
        raw = parts.sum(axis=1)  # without the preference part, added per post below
        # Cheapest and second-cheapest post per unit (the second when the cheapest is the employee's own).
        order = posts[np.lexsort((posts, prices.post[posts]))]
        first = np.full(n_units, -1, dtype=np.int64)
        second = np.full(n_units, -1, dtype=np.int64)
        for j in order.tolist():
            u = int(t.post_unit[j])
            if first[u] < 0:
                first[u] = j
            elif second[u] < 0:
                second[u] = j
        units_with = np.nonzero(first >= 0)[0]
        unit_best = prices.post[first[units_with]]
        ranked = units_with[np.argsort(unit_best, kind="stable")]
        for k, i in enumerate(emp_c.tolist()):
            u_e = int(t.emp_unit[i])
            special = i in forbid_post or i in forbid_unit or bool(t.emp_prefs[i])
            options: list[int] = []
            if special:
                options = [j for j in posts.tolist() if j != t.cur[i] and j not in forbid_post.get(i, ())
                           and t.post_unit[j] not in forbid_unit.get(i, ())]
            else:
                own = first[u_e] if first[u_e] != t.cur[i] else second[u_e]
                other = next((int(first[u]) for u in ranked.tolist() if u != u_e), -1)
                best = [j for j in (int(own), other) if j >= 0]
                base = prices.employee[i] + prices.move - (min(max(int(raw[k]), 0), 100) - p.biaya_mutasi)
                if all(prices.post[j] + (prices.leave[u_e] if t.post_unit[j] != u_e else 0.0) + base >= -tol
                       for j in best):
                    continue  # not even the cheapest post of the class improves: skip the class
                # Improving: offer the `per_round` cheapest posts inside and outside the unit, so one
                # round does the work of several.
                inside = outside = 0
                for j in order.tolist():
                    if j == t.cur[i]:
                        continue
                    if t.post_unit[j] == u_e and inside < per_round:
                        options.append(j)
                        inside += 1
                    elif t.post_unit[j] != u_e and outside < per_round:
                        options.append(j)
                        outside += 1
                    if inside >= per_round and outside >= per_round:
                        break
            for j in options:
                if (i, j) in existing:
                    continue
                pref = p.bobot_preferensi if t.post_unit[j] in t.emp_prefs[i] else 0
                leave = prices.leave[u_e] if t.post_unit[j] != u_e else 0.0
                price = prices.employee[i] + prices.post[j] + leave + prices.move
                if min(max(int(raw[k]) + pref, 0), 100) - p.biaya_mutasi > price + tol:
                    row = parts[k].copy()
                    row[6] = pref
                    new_e.append(i)
                    new_p.append(j)
                    new_parts.append(row)
                    existing.add((i, j))
    if not new_e:
        return None
    emp = np.concatenate([cand.emp, np.array(new_e, dtype=np.int64)])
    post = np.concatenate([cand.post, np.array(new_p, dtype=np.int64)])
    parts_all = np.concatenate([cand.parts, np.array(new_parts, dtype=np.int64).reshape(-1, len(COMPONENTS))])
    stay = np.concatenate([cand.stay, np.zeros(len(new_e), dtype=bool)])
    order = np.lexsort((post, ~stay, emp))
    return Candidates(emp[order], post[order], total(parts_all)[order], stay[order], parts_all[order],
                      cand.pin_conflicts)
