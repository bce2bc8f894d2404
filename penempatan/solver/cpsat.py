"""Stage 3: CP-SAT on the residual problem, one Boolean per remaining pair and one method per rule family
(the coupling rules as coupling.py lists them)."""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from penempatan.result import SolveStatus
from penempatan.solver.structure import SEED, Structure, plan_objective

NEAR_REDUCED = 1.0
"""The model near the LP (for a better incumbent, when the support's is not good enough: NEAR_WORTH) holds the
LP's support and every pair whose reduced cost is below this: one nilai point. It was every pair within one
must-fill seat's weight (R12), which on a fractional LP is nearly every pair (32,880 of 34,214 at 5,000 employees
with R14 at 185 moves: 10 s of CP-SAT, against 2.8 s then); the proof's model, over every pair the reduced costs
cannot exclude, keeps the proof whatever the incumbent."""
NEAR_WORTH = 1.25
"""The model near the LP is solved only when the pairs that a plan as good as the first model's cannot exclude
are this many times more than the near pairs: a better incumbent then makes the proof's model much smaller.
Otherwise it costs as much as the proof (5,000 employees, 135–162 moves: 2 s each) and finds the same plan."""
LP_TOLERANCE = 1e-6
"""An LP objective this close below an integer is that integer (as `Result` bounds are rounded)."""


class PlanModel:
    """CP-SAT model over a subset of candidate pairs: one Boolean per pair, one method per rule family."""

    def __init__(self, s: Structure, active: np.ndarray, levels: tuple[int, int] | None = None) -> None:
        self.s = s
        self.active = active  # pair indices that get a Boolean; others are fixed to 0
        self.model = cp_model.CpModel()
        self.x = [self.model.new_bool_var(f"x{k}") for k in active]
        self.by_post = self._groups(s.cand.post[active])
        self.fill: list[cp_model.IntVar] = []
        self.surplus: list[cp_model.IntVar] = []
        self.add_constraints()
        if levels is not None:
            self.priorities_at_levels(*levels)
        self.add_objective()

    def add_constraints(self) -> None:
        self.assign_each_employee_once()
        self.seats_not_exceeded()
        self.must_fill_seats()
        self.unit_outflow_capped()
        self.total_moves_capped()
        self.seats_kept()
        self.distribution_targets()

    def _groups(self, keys: np.ndarray) -> dict[int, list[cp_model.IntVar]]:
        out: dict[int, list[cp_model.IntVar]] = {}
        for var, key in zip(self.x, keys, strict=True):
            out.setdefault(int(key), []).append(var)
        return out

    def assign_each_employee_once(self) -> None:
        """Every employee ends in exactly one post (staying is one of the candidates)."""
        for group in self._groups(self.s.cand.emp[self.active]).values():
            self.model.add_exactly_one(group)

    def seats_not_exceeded(self) -> None:
        """R11: people in a post ≤ Kebutuhan + surplus kept (surplus only in over-staffed posts)."""
        for j, group in self.by_post.items():
            cap, extra = int(self.s.seat_cap[j]), int(self.s.surplus_cap[j])
            if len(group) <= cap:
                continue
            if extra:
                o = self.model.new_int_var(0, extra, f"o{j}")
                self.surplus.append(o)
                self.model.add(sum(group) <= cap + o)
            else:
                self.model.add(sum(group) <= cap)

    def must_fill_seats(self) -> None:
        """R12: y_p ≤ people in p and ≤ Kebutuhan; Σ y is a priority objective (weight W_fill)."""
        for j, seats in zip(self.s.wajib, self.s.wajib_seats, strict=True):
            members = self.by_post.get(int(j), [])
            y = self.model.new_int_var(0, int(min(seats, len(members))), f"y{j}")
            if members:
                self.model.add(y <= sum(members))
            self.fill.append(y)

    def unit_outflow_capped(self) -> None:
        """R13: at most `maks_keluar_unit_persen` of a unit's staff leave it."""
        groups: dict[int, list[cp_model.IntVar]] = {}
        leaves = self.s.leaves_unit[self.active]
        for var, key, flag in zip(self.x, self.s.pair_unit[self.active], leaves, strict=True):
            if flag:
                groups.setdefault(int(key), []).append(var)
        for u, group in groups.items():
            if len(group) > self.s.unit_cap[u]:
                self.model.add(sum(group) <= int(self.s.unit_cap[u]))

    def total_moves_capped(self) -> None:
        """R14: at most `maks_mutasi` moves."""
        if self.s.max_moves is None:
            return
        moves = [v for v, st in zip(self.x, self.s.cand.stay[self.active], strict=True) if not st]
        if len(moves) > self.s.max_moves:
            self.model.add(sum(moves) <= self.s.max_moves)

    def seats_kept(self) -> None:
        """R21: per location and per scarce profession pool in a unit (`Structure.seats_kept`), seats filled
        after the plan ≥ seats filled today (Σ min(people, Kebutuhan))."""
        s = self.s
        for block in s.seats_kept:
            terms: dict[int, list[Any]] = {}
            for j, group in self.by_post.items():
                g = int(block.post_group[j])
                if g < 0:
                    continue
                if s.surplus_cap[j] == 0:
                    terms.setdefault(g, []).extend(group)
                elif s.seat_cap[j] > 0:
                    f = self.model.new_int_var(0, int(s.seat_cap[j]), f"f{block.what}{j}")
                    self.model.add(f <= sum(group))
                    terms.setdefault(g, []).append(f)
            for g, need in enumerate(block.need.tolist()):
                if need > 0:
                    self.model.add(sum(terms.get(g, [])) >= need)

    def distribution_targets(self) -> None:
        """R27: each bound of a scenario's distribution targets, Σ coefficient·x ≤ 0 over the pairs it counts."""
        for block in self.s.targets:
            entries = block.entries(self.s, self.active)
            value = np.broadcast_to(entries.value, (len(self.active),))
            terms = [(var, int(v)) for var, v, on in zip(self.x, value, entries.present, strict=True) if on]
            if terms:
                self.model.add(cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms]) <= 0)

    def priorities_at_levels(self, surplus: int, fill: int) -> None:
        """R11/R12 at the priority levels (levels.py): at most `surplus` surplus holders kept, at least `fill`
        must-fill seats filled."""
        self.model.add(cp_model.LinearExpr.sum(self.surplus) <= surplus)
        self.model.add(cp_model.LinearExpr.sum(self.fill) >= fill)

    def add_objective(self) -> None:
        terms = cp_model.LinearExpr.weighted_sum(self.x, self.s.gain[self.active].tolist())
        fill = cp_model.LinearExpr.sum(self.fill) if self.fill else 0
        surplus = cp_model.LinearExpr.sum(self.surplus) if self.surplus else 0
        self.model.maximize(terms + self.s.weight_fill * fill - self.s.weight_surplus * surplus)

    def hint(self, x_full: np.ndarray) -> None:
        for var, k in zip(self.x, self.active, strict=True):
            self.model.add_hint(var, bool(x_full[k]))

    def run(self, time_limit: float) -> tuple[Any, np.ndarray | None, float, float]:
        solver = cp_model.CpSolver()
        prm = solver.parameters
        prm.max_time_in_seconds = max(0.5, time_limit)
        prm.num_workers = 1  # deterministic; an LP-heavy single worker suits these small residuals
        prm.linearization_level = 2
        prm.random_seed = SEED
        status = solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, None, math.nan, math.nan
        x = np.zeros(self.s.n_pairs, dtype=bool)
        vals = np.array([solver.boolean_value(v) for v in self.x], dtype=bool)
        x[self.active[vals]] = True
        return status, x, solver.objective_value, solver.best_objective_bound


def solve_all_pairs(s: Structure, hint: np.ndarray | None,
                    time_limit: float) -> tuple[SolveStatus, np.ndarray | None, float]:
    """CP-SAT over every candidate pair (no LP shortcuts; `hint` a plan to start from).

    Returns (OPTIMAL or FEASIBLE, x, objective when proven else bound), or (INFEASIBLE when proven, else
    TIME_LIMIT, None, nan) without a plan.
    """
    model = PlanModel(s, np.arange(s.n_pairs))
    if hint is not None:
        model.hint(hint)
    cp_status, x, obj, bound = model.run(time_limit)
    if x is None:
        return (SolveStatus.INFEASIBLE if cp_status == cp_model.INFEASIBLE else SolveStatus.TIME_LIMIT), None, math.nan
    proven = cp_status == cp_model.OPTIMAL
    return (SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE), x, obj if proven else bound


def solve_residual(s: Structure, x_lp: np.ndarray, lp_obj: float, reduced: np.ndarray,
                   time_limit: float, levels: tuple[int, int] | None = None,
                   known: np.ndarray | None = None) -> tuple[SolveStatus, np.ndarray | None, float]:
    """CP-SAT near the LP optimum for an incumbent, then on every pair the reduced costs cannot exclude.

    "Near": the LP support and every pair whose reduced cost is below NEAR_REDUCED (one nilai point). A pair
    whose reduced cost puts the LP bound at or below the incumbent cannot improve on it; when every other pair is
    of that kind and the first model was solved to optimality, its plan is optimal and no second model is needed.
    The first model is the LP's support and every stay: on these instances its plan often reaches the LP bound
    (a proof at once, 0.1 s where the model near the LP took 5–9 s at 5,000 employees: the LP's duals are
    degenerate, so some 18,000 pairs have a reduced cost of 0); only when it does not is the model near the LP
    solved for a better incumbent. `known` (a plan over `s`, e.g. the optimum over fewer candidates) replaces
    both first models: it is the incumbent.
    `levels` (surplus kept at most, must-fill seats filled at least; levels.py) restricts both models to the
    plans with those priorities; the LP given is then the LP of those plans.
    Returns (status, x, upper bound on the total objective); without a plan INFEASIBLE when CP-SAT proved
    there is none, else TIME_LIMIT.
    """
    start = time.perf_counter()
    best = math.floor(lp_obj + LP_TOLERANCE)  # no plan is worth more (the objective is an integer)
    support = (x_lp > 1e-6) | s.cand.stay
    incumbent: np.ndarray | None
    if known is not None:
        first_status, incumbent, inc_obj = cp_model.FEASIBLE, known, plan_objective(s, known)
    else:
        first_status, incumbent, inc_obj, _ = PlanModel(s, np.nonzero(support)[0], levels).run(time_limit / 6)
    near = support
    if incumbent is None or (known is None and inc_obj < best and _kept(lp_obj, reduced, x_lp, inc_obj).sum()
                             > NEAR_WORTH * (reduced < NEAR_REDUCED).sum()):
        near = support | (reduced < NEAR_REDUCED)
        first_status, found, found_obj, _ = PlanModel(s, np.nonzero(near)[0], levels).run(time_limit / 3)
        if found is not None and (incumbent is None or found_obj >= inc_obj):
            incumbent, inc_obj = found, found_obj
    if incumbent is not None:
        if inc_obj >= best:
            return SolveStatus.OPTIMAL, incumbent, inc_obj
        keep = _kept(lp_obj, reduced, x_lp, inc_obj)
        if first_status == cp_model.OPTIMAL and not (keep & ~near).any():
            return SolveStatus.OPTIMAL, incumbent, inc_obj
    else:
        keep = np.ones(s.n_pairs, dtype=bool)
    model = PlanModel(s, np.nonzero(keep)[0], levels)
    if incumbent is not None:
        model.hint(incumbent)
    remaining = max(0.5, time_limit - (time.perf_counter() - start))
    status, x, obj, bound = model.run(remaining)
    if x is None or (incumbent is not None and inc_obj > obj):
        if incumbent is None:  # proven when CP-SAT says so; else the time ran out first
            return (SolveStatus.INFEASIBLE if status == cp_model.INFEASIBLE else SolveStatus.TIME_LIMIT), None, math.nan
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            # Every plan better than the incumbent uses only the kept pairs, and none of those plans beats it (or
            # there is none at all): the incumbent is optimal. (Its own pairs need not be among the kept ones.)
            return SolveStatus.OPTIMAL, incumbent, inc_obj
        return SolveStatus.FEASIBLE, incumbent, lp_obj
    if status == cp_model.OPTIMAL:
        return SolveStatus.OPTIMAL, x, obj
    return SolveStatus.FEASIBLE, x, bound


def _kept(lp_obj: float, reduced: np.ndarray, x_lp: np.ndarray, inc_obj: float) -> np.ndarray:
    """The pairs a plan better than `inc_obj` may use: the LP bound with the pair in (LP objective minus its
    reduced cost) exceeds the incumbent, or the LP uses it."""
    return (lp_obj - reduced > inc_obj + 0.5) | (x_lp > 1e-6)
