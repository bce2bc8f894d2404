"""The two-round plan as one mixed-integer model over the candidate paths (SPEC 8, rounds/paths.py), solved by
HiGHS.

One binary per path (paths.py) and, per rule, the rows of both rounds at their own dates, so that each round's
moves are what `check` accepts for that round (rounds/plan.py checks both):
- each employee takes exactly one path;
- R11: at round 1, people in a post ≤ max(Kebutuhan, holders today); at round 2, people ≤ Kebutuhan + surplus
  kept (o ≤ the holders beyond Kebutuhan left at round 2 without moves), the surplus kept a priority (W_surplus);
- R12: must-fill seats filled at round 2 (y ≤ people, y ≤ Kebutuhan), a priority (W_fill);
- R13: per unit and round, the movers leaving it ≤ maks_keluar_unit_persen % of its staff at the start of the
  round (at round 2: today's staff − departures + round 1's movers in − out);
- R14: per round, moves ≤ maks_mutasi;
- R21: per location and per scarce profession pool, seats filled (Σ min(people, Kebutuhan)) at the end of round 1
  ≥ today's, and at the end of round 2 ≥ those of round 1's end without the departed (min by an f column ≤ people,
  ≤ Kebutuhan where a post is over-staffed today; round 1's side by an m column and a binary);
- R27: each target bound, per round;
- training: per course, paths that need it ≤ kapasitas; Σ biaya ≤ anggaran_pelatihan.
The objective is the one-round objective over paths: W_surplus·(−surplus kept) + W_fill·(must-fill seats) + Σ
nilai of each employee's path over both rounds (paths.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp

from penempatan.rounds.paths import LATER, NOW, Paths
from penempatan.scoring import Tables
from penempatan.solver.structure import SEED, SPREAD_HEADROOM
from penempatan.wishes.fairness import group_of


@dataclass
class _Rows:
    """Rows being assembled: entries (row, column, value), bounds, and the integer columns after the paths."""

    n_paths: int
    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    col_cost: list[float] = field(default_factory=list)
    col_upper: list[float] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.lower)

    def column(self, cost: float, upper: float) -> int:
        """A new integer column ≥ 0 after the paths; its index."""
        self.col_cost.append(cost)
        self.col_upper.append(upper)
        return self.n_paths + len(self.col_cost) - 1

    def grouped(self, keys: np.ndarray, mask: np.ndarray, n_keys: int, values: np.ndarray | float = 1.0,
                ) -> np.ndarray:
        """One new row per key (0 … n_keys−1) holding Σ value·x over the paths in `mask` with that key; returns
        each key's row (bounds unset: `bound` them)."""
        rows = self.n_rows + np.arange(n_keys)
        self.lower += [-math.inf] * n_keys
        self.upper += [math.inf] * n_keys
        self.into(rows, keys, mask, values)
        return rows

    def into(self, rows: np.ndarray, keys: np.ndarray, mask: np.ndarray, values: np.ndarray | float = 1.0) -> None:
        """Add value·x of each path in `mask` to the row of its key (`rows[key]`)."""
        paths = np.nonzero(mask)[0]
        self.rows.append(rows[keys[paths]])
        self.cols.append(paths)
        self.vals.append(np.broadcast_to(np.asarray(values, dtype=float), mask.shape)[paths].copy())

    def linked(self, col: int, members: np.ndarray, upper: float = 0.0) -> int:
        """A new row: column `col` − Σ x over `members` ≤ `upper` (col counts at most the members); its index."""
        row = self.n_rows
        self.rows.append(np.full(len(members) + 1, row))
        self.cols.append(np.concatenate([members, [col]]))
        self.vals.append(np.concatenate([-np.ones(len(members)), [1.0]]))
        self.lower.append(-math.inf)
        self.upper.append(upper)
        return row

    def add(self, row: int, col: int, value: float) -> None:
        self.rows.append(np.array([row]))
        self.cols.append(np.array([col]))
        self.vals.append(np.array([value]))

    def bound(self, row: int, lower: float = -math.inf, upper: float = math.inf) -> None:
        self.lower[row], self.upper[row] = lower, upper


@dataclass(frozen=True)
class Solved:
    """The chosen path per employee (`chosen`: path indices), HiGHS's status and bound, and the priorities."""

    optimal: bool
    chosen: np.ndarray | None
    objective: float
    bound: float
    surplus: int
    filled: int
    gap: float


class TwoRoundModel:
    """The rows of the module docstring over `paths`, with `t1` (today) and `t2` (round 2, untrained)."""

    def __init__(self, paths: Paths, t1: Tables, t2: Tables) -> None:
        self.p, self.t1, self.t2 = paths, t1, t2
        self.r = _Rows(len(paths))
        self.surplus_cols: list[int] = []
        self.fill_cols: list[int] = []
        p = paths
        n_post = t1.n_post
        self.alive = ~p.departed[p.emp]  # paths whose employee is there at round 2
        self.pos1, self.pos2 = p.pos1, p.post
        # R11/R12 need weights above any difference in Σ nilai (as build_structure's).
        best = np.full(t1.n_emp, np.iinfo(np.int64).min)
        worst = np.full(t1.n_emp, np.iinfo(np.int64).max)
        np.maximum.at(best, p.emp, p.nilai)
        np.minimum.at(worst, p.emp, p.nilai)
        spread = int((best - worst).sum()) if t1.n_emp else 0
        self.weight_fill = spread + spread // SPREAD_HEADROOM + 1
        wajib = np.nonzero(t1.post_wajib)[0]
        self.weight_surplus = self.weight_fill * (int(t1.post_keb[wajib].sum()) + 1)
        self.dep_at = np.bincount(t1.cur[p.departed], minlength=n_post) if p.departed.any() else np.zeros(
            n_post, dtype=np.int64)
        self._assignment()
        self._seats()
        self._must_fill()
        self._unit_outflow()
        self._total_moves()
        self._seats_kept()
        self._targets()
        self._training()

    # --- rules -----------------------------------------------------------------------------------------------
    def _assignment(self) -> None:
        rows = self.r.grouped(self.p.emp, np.ones(len(self.p), dtype=bool), self.t1.n_emp)
        for row in rows.tolist():
            self.r.bound(row, 1.0, 1.0)

    def _seats(self) -> None:
        """R11 at round 1 (no surplus added: a post takes newcomers only up to Kebutuhan) and at round 2."""
        t1, n_post = self.t1, self.t1.n_post
        rows1 = self.r.grouped(self.pos1, np.ones(len(self.p), dtype=bool), n_post)
        cap1 = np.maximum(t1.post_keb, t1.holders)
        for j, row in enumerate(rows1.tolist()):
            self.r.bound(row, upper=float(cap1[j]))
        rows2 = self.r.grouped(self.pos2, self.alive, n_post)
        self.people2 = rows2
        left = t1.holders - self.dep_at
        for j, row in enumerate(rows2.tolist()):
            extra = max(0, int(left[j] - t1.post_keb[j]))
            if extra:
                o = self.r.column(self.weight_surplus, extra)
                self.surplus_cols.append(o)
                self.r.add(row, o, -1.0)
            self.r.bound(row, upper=float(t1.post_keb[j]))

    def _must_fill(self) -> None:
        """R12 at round 2: y_j ≤ people in j (and ≤ Kebutuhan by its bound)."""
        t1 = self.t1
        for j in np.nonzero(t1.post_wajib)[0].tolist():
            y = self.r.column(-self.weight_fill, float(t1.post_keb[j]))
            self.fill_cols.append(y)
            self.r.linked(y, np.nonzero(self.alive & (self.pos2 == j))[0])

    def _unit_outflow(self) -> None:
        """R13 per round; round 2's cap from the staff at its start (integer c_u ≤ pct · staff / 100)."""
        t1, p = self.t1, self.p
        unit_of = t1.post_unit
        n_units = len(t1.unit_names)
        home = t1.emp_unit[p.emp]
        leaves1 = (p.round == NOW) & (unit_of[p.post] != home)
        rows = self.r.grouped(home, leaves1, n_units)
        for u, row in enumerate(rows.tolist()):
            self.r.bound(row, upper=float(t1.unit_leave_cap[u]))
        pct = float(t1.data.params.maks_keluar_unit_persen)
        if pct >= 100:
            return
        leaves2 = (p.round == LATER) & (unit_of[p.post] != home)
        rows2 = self.r.grouped(home, leaves2, n_units)
        # Staff at round 2's start: whoever is there (alive) with their round-1 post in the unit. 100·leavers ≤
        # pct·staff is the checker's ⌊pct·staff/100⌋ cap exactly, the leavers being a whole number.
        self.r.into(rows2, unit_of[self.pos1], self.alive, -pct / 100.0)
        for u in range(n_units):
            self.r.bound(int(rows2[u]), upper=1e-9)

    def _total_moves(self) -> None:
        limit = self.t1.data.params.maks_mutasi
        if limit is None:
            return
        for kind in (NOW, LATER):
            row = self.r.grouped(np.zeros(len(self.p), dtype=np.int64), self.p.round == kind, 1)
            self.r.bound(int(row[0]), upper=float(limit))

    def _seats_kept(self) -> None:
        """R21 per location and per scarce profession pool, at the end of each round."""
        t1 = self.t1
        if t1.data.params.kekurangan_unit_boleh_naik:
            return
        over = t1.holders > t1.post_keb  # over-staffed today: filled seats min(people, Kebutuhan) need an f column
        for group in (t1.post_place, t1.post_pool):
            inside = group >= 0
            if not inside.any():
                continue
            n_groups = int(group.max()) + 1
            today = np.bincount(group[inside], weights=np.minimum(t1.holders, t1.post_keb)[inside],
                                minlength=n_groups)
            key1, key2 = np.maximum(group[self.pos1], 0), np.maximum(group[self.pos2], 0)
            normal1 = inside[self.pos1] & ~over[self.pos1]
            rows1 = self.r.grouped(key1, normal1, n_groups)
            # Round 2 against round 1's end without the departed: Σ filled2 − Σ people1 (alive, normal) ≥ fixed.
            rows2 = self.r.grouped(key2, self.alive & inside[self.pos2] & ~over[self.pos2], n_groups)
            self.r.into(rows2, key1, self.alive & normal1, -1.0)
            everyone = np.ones(len(self.p), dtype=bool)
            for j in np.nonzero(over & inside)[0].tolist():
                g, keb = int(group[j]), float(t1.post_keb[j])
                for rows, mask, pos in ((rows1, everyone, self.pos1), (rows2, self.alive, self.pos2)):
                    f = self.r.column(0.0, keb)
                    self.r.linked(f, np.nonzero(mask & (pos == j))[0])
                    self.r.add(int(rows[g]), f, 1.0)
                # Round 1's end without the departed: m ≥ min(people1 alive, Kebutuhan), by a binary z choosing
                # which of the two m must reach (the row of round 2 wants m small).
                big = float(t1.holders[j])
                m = self.r.column(0.0, keb)
                z = self.r.column(0.0, 1.0)
                first = self.r.linked(m, np.nonzero(self.alive & (self.pos1 == j))[0], upper=math.inf)
                self.r.add(first, z, big)  # m − people1 + big·z ≥ 0
                self.r.bound(first, lower=0.0)
                second = self.r.n_rows  # m − big·z ≥ Kebutuhan − big
                self.r.lower.append(keb - big)
                self.r.upper.append(math.inf)
                self.r.add(second, m, 1.0)
                self.r.add(second, z, -big)
                self.r.add(int(rows2[g]), m, -1.0)
            for g in range(n_groups):
                self.r.bound(int(rows1[g]), lower=float(today[g]))
                self.r.bound(int(rows2[g]), lower=0.0)

    def _targets(self) -> None:
        """R27 per round: Σ over the round's moves (promotions) of (percent − 100·member) ≤ 0 for a minimum."""
        data, p = self.t1.data, self.p
        later = p.later.data
        for target in data.targets:
            # Groups at each round's date (an age band can change between the rounds).
            now = np.array([group_of(data, self.t1.ref, target.section, i) == target.group
                            for i in range(self.t1.n_emp)], dtype=bool)
            then = np.zeros(self.t1.n_emp, dtype=bool)
            alive = np.nonzero(p.round_two_index >= 0)[0]
            then[alive] = [group_of(later, self.t1.ref, target.section, int(p.round_two_index[i])) == target.group
                           for i in alive.tolist()]
            for percent, sign in ((target.minimum, 1), (target.maximum, -1)):
                if percent is None:
                    continue
                for kind, member in ((NOW, now), (LATER, then)):
                    coef = sign * (percent - 100 * member[p.emp].astype(np.int64))
                    counted = (p.round == kind) & (p.promotion if target.measure == "promosi" else True)
                    row = self.r.grouped(np.zeros(len(p), dtype=np.int64), counted, 1, coef.astype(float))
                    self.r.bound(int(row[0]), upper=0.0)

    def _training(self) -> None:
        """Per course its seats (kapasitas, None: unlimited); all courses within anggaran_pelatihan."""
        p = self.p
        if not p.courses:
            return
        for c, course in enumerate(p.courses):
            if course.kapasitas is not None:
                row = self.r.grouped(np.zeros(len(p), dtype=np.int64), p.course == c, 1)
                self.r.bound(int(row[0]), upper=float(course.kapasitas))
        budget = self.t1.data.params.anggaran_pelatihan
        if budget is not None:
            cost = np.array([course.biaya for course in p.courses] + [0], dtype=float)[p.course]
            row = self.r.grouped(np.zeros(len(p), dtype=np.int64), p.course >= 0, 1, cost)
            self.r.bound(int(row[0]), upper=float(budget))

    # --- solve -----------------------------------------------------------------------------------------------
    def _lp(self, fixed: np.ndarray | None = None) -> highspy.HighsLp:
        """The model for HiGHS; with `fixed` (a 0/1 per path) every path column fixed to it."""
        r, n = self.r, len(self.p)
        n_cols = n + len(r.col_cost)
        matrix = sp.csr_matrix((np.concatenate(r.vals), (np.concatenate(r.rows), np.concatenate(r.cols))),
                               shape=(r.n_rows, n_cols))
        matrix.sum_duplicates()
        emp = np.concatenate([self.p.emp, np.full(len(r.col_cost), -1)])
        skip = np.zeros(r.n_rows, dtype=bool)
        skip[: self.t1.n_emp] = True  # the assignment rows come first (_assignment)
        matrix, row_lower, row_upper = _sparsified(matrix, emp, self.t1.n_emp, np.array(r.lower), np.array(r.upper),
                                                   skip)
        matrix = matrix.tocsc()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, r.n_rows
        lp.col_cost_ = np.concatenate([-self.p.nilai.astype(float), np.array(r.col_cost)])
        lower, upper = np.zeros(n), np.ones(n)
        if fixed is not None:
            lower = upper = fixed.astype(float)
        lp.col_lower_ = np.concatenate([lower, np.zeros(len(r.col_cost))])
        lp.col_upper_ = np.concatenate([upper, np.array(r.col_upper)])
        lp.row_lower_ = row_lower
        lp.row_upper_ = row_upper
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        return lp

    def _highs(self, lp: highspy.HighsLp, time_limit: float) -> highspy._core._Highs:
        h = highspy._core._Highs()  # the bare class: highspy.Highs() prints a banner
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", SEED)
        h.setOptionValue("time_limit", max(1.0, time_limit))
        h.setOptionValue("mip_rel_gap", 0.0)
        # The root's reduced-cost heuristic took 20 of 35 s at 5,000 employees and found nothing the others miss.
        h.setOptionValue("mip_heuristic_run_root_reduced_cost", False)
        h.passModel(lp)
        return h

    def completed(self, hint: np.ndarray) -> np.ndarray | None:
        """The hint (0/1 per path) with the model's other columns (surplus kept, seats filled, caps) filled in
        by solving the model with the paths fixed; None when the hint breaks a rule."""
        h = self._highs(self._lp(hint), 120.0)
        h.run()
        if h.getInfo().primal_solution_status != 2:
            return None
        return np.asarray(h.getSolution().col_value)

    def solve(self, time_limit: float, hint: np.ndarray | None = None) -> Solved:
        """The optimum (HiGHS MIP, relative gap 0), or the best plan within `time_limit` seconds; `hint` (0/1 per
        path, a plan that keeps every rule) is its first incumbent."""
        n = len(self.p)
        h = self._highs(self._lp(), time_limit)
        start = self.completed(hint) if hint is not None else None
        if start is not None:
            h.setSolution(_solution(start))
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        if info.primal_solution_status != 2:  # no feasible solution
            return Solved(False, None, math.nan, math.nan, 0, 0, math.nan)
        x = np.asarray(h.getSolution().col_value)
        chosen = np.nonzero(x[:n] > 0.5)[0]
        surplus = int(round(sum(x[c] for c in self.surplus_cols)))
        filled = int(round(sum(x[c] for c in self.fill_cols)))
        objective = float(self.p.nilai[chosen].sum())
        return Solved(status == highspy.HighsModelStatus.kOptimal, chosen, objective,
                      -float(info.mip_dual_bound), surplus, filled, float(info.mip_gap))


def _sparsified(matrix: sp.csr_matrix, emp: np.ndarray, n_emp: int, lower: np.ndarray, upper: np.ndarray,
                skip: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """The same model with shorter rows: in each row (but the assignment rows, `skip`), where more of an employee's
    paths carry one coefficient k than carry none, k times the employee's assignment row (Σ their paths = 1) is
    taken off the row and k off its bounds. Exact (the same LP and MIP); a seat row of round 1, for one, then
    counts the movers in and out instead of everyone who stays (a 5,000-employee model: 517,000 → 4-times fewer
    nonzeros in those rows, and HiGHS's root 3 times faster). `emp`: per column its employee, −1 for the
    model's own columns."""
    m, n = matrix.shape
    coo = matrix.tocoo()
    sel = (emp[coo.col] >= 0) & ~skip[coo.row]
    r, e, v = coo.row[sel].astype(np.int64), emp[coo.col[sel]].astype(np.int64), coo.data[sel]
    if len(v) == 0:
        return matrix, lower, upper
    values, code = np.unique(v, return_inverse=True)
    key = (r * n_emp + e) * len(values) + code
    keys, count = np.unique(key, return_counts=True)
    pair = keys // len(values)
    order = np.lexsort((-count, pair))  # per (row, employee) the most frequent coefficient first
    pair, count, code = pair[order], count[order], (keys % len(values))[order]
    first = np.r_[True, pair[1:] != pair[:-1]]
    total = np.add.reduceat(count, np.nonzero(first)[0])
    p, most, k = pair[first], count[first], values[code[first]]
    paths = np.bincount(emp[emp >= 0], minlength=n_emp)
    rows, emps = p // n_emp, p % n_emp
    take = most > paths[emps] - total  # more paths carry k than carry nothing
    shift = sp.csr_matrix((k[take], (rows[take], emps[take])), shape=(m, n_emp))
    cols = np.nonzero(emp >= 0)[0]
    member = sp.csr_matrix((np.ones(len(cols)), (emp[cols], cols)), shape=(n_emp, n))
    out = (matrix - shift @ member).tocsr()
    out.eliminate_zeros()
    by_row = np.asarray(shift.sum(axis=1)).ravel()
    return out, lower - by_row, upper - by_row


def _solution(values: np.ndarray) -> highspy.HighsSolution:
    sol = highspy.HighsSolution()
    sol.col_value = values.tolist()
    sol.value_valid = True
    return sol
