"""solve(ProblemData) -> Result: the optimal transfer plan under every hard rule (SPEC 3–4).

The placement problem is a network flow (employee -> candidate post -> seats) plus a handful of coupling
rules: unit outflow (R13), total moves (R14) and no unit and no location (a school, a puskesmas) ending with
more empty seats (R21). Two priorities come before the objective, each folded into it with a weight larger
than everything after it (lexicographic):
R11 — holders of an over-staffed post who stay beyond its Kebutuhan ("surplus") cost W_surplus each, so
the plan moves surplus holders out wherever any rule allows it (such a post takes no newcomers);
R12 — every must-fill seat filled is worth W_fill.
The solve goes in up to three exact stages, each a proof when it succeeds:

1. min-cost flow (OR-Tools, `flow`) without R13/R14/R21 — if its optimum satisfies them, it is optimal; while
   it does, it is priced beyond the candidates from its own potentials (`flow_prices`) until no allowed pair
   improves it, which makes it optimal over every allowed pair (after each search `reoptimise` solves the flow
   over the pairs that can plausibly change and keeps that plan once its potentials over all pairs settle);
2. the LP relaxation with every rule (HiGHS, `lp`), by column generation from a few pairs per employee
   and priced over every allowed pair (`columns`) — if its optimum is integral, it is optimal; if its R11/R12
   priorities are fractional, each priority's LP bound is rounded first (`levels`: the least surplus any plan
   keeps, then the most must-fill seats such plans fill) and the LP of the plans at those levels is solved;
3. CP-SAT on the residual (`cpsat`): first near the LP (its support and every pair within one nilai point of
   it) to get an incumbent, then, after fixing every pair whose LP reduced cost proves it cannot beat that
   incumbent, on what is left (if anything), with the incumbent as hint; its proof covers every allowed pair
   once the pairs outside the candidates priced within the LP's gap have been brought in.

Above PRICE_MAX_PAIRS candidate pairs stages 1 and 2 stay within the candidates (their proof covers them only);
above LAGRANGE_MIN_PAIRS (whole provinces), stage 2 is the Lagrangian relaxation of R13/R14
(`relax`; R21 is dropped from the bound and enforced by the repair): a few min-cost flows with penalised
moves give a bound, repaired flow plans a feasible plan; the result is FEASIBLE with its proven gap, or
OPTIMAL when the bound meets it.

Minimal change (`reference`): every stage optimises `gain` = value + a bonus for each employee kept at
their post in a reference plan (an earlier recommendation), so a re-solve after a small change does not
reshuffle unrelated people. The proofs above hold for that combined objective; the reported objective is
still Σ nilai (SPEC 4), and OPTIMAL then means optimal for the combined objective.

This package is the only place that imports OR-Tools and HiGHS: `structure` (the problem in arrays) with
`coupling` (one block per coupling rule, which every stage reads), `flow`, `lp` with `columns` (its column
generation) and `levels` (the priority levels), `cpsat`, and `relax` (the Lagrangian stage).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np

from penempatan.model import ProblemData
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Candidates, Tables, build_candidates
from penempatan.solver.columns import PRICING_ROUNDS, Pool, priced_lp
from penempatan.solver.cpsat import PlanModel, solve_all_pairs, solve_residual
from penempatan.solver.flow import flow_prices, reoptimise, scaled_flow, solve_flow
from penempatan.solver.levels import priority_levels
from penempatan.solver.lp import LinearRelaxation, LpSolution
from penempatan.solver.relax import lagrangian
from penempatan.solver.structure import (
    SEED,
    Structure,
    build_structure,
    carry,
    coupling_codes,
    is_integral,
    plan_objective,
    priorities,
    reduced_costs,
    rules_in_words,
    side_rules_hold,
)

__all__ = [
    "LAGRANGE_MIN_PAIRS",
    "PRICE_MAX_PAIRS",
    "PRICING_ROUNDS",
    "SEED",
    "LinearRelaxation",
    "PlanModel",
    "Progress",
    "Structure",
    "build_structure",
    "solve",
    "solve_flow",
    "solve_residual",
]

Progress = Callable[[str], None]
PRICE_MAX_PAIRS = 1_000_000
"""Above this many candidate pairs the flow and LP stages stay within the candidates and their proof covers them
only. 50,000 employees (900,000 pairs) are below it: there the proof over every pair takes 26–32 s of solve and
1.35 GB in all (benchmarks/RESULTS.md), and its plan moves 16 more surplus holders (R11) out than the capped
candidates allow."""
FLOW_SEARCHES = 10
"""Searches beyond the candidates for the flow stage (`_priced_flow`): a count, so the same input always gives
the same plan."""
LAGRANGE_MIN_PAIRS = 2_500_000
"""Above this many candidate pairs the LP stage gives way to the Lagrangian relaxation of R13/R14 over
min-cost flows, which returns a plan with a proven gap."""


@dataclass
class _Run:
    """One solve's clock and stage timings, and what every Result of it shares."""

    data: ProblemData
    tables: Tables
    time_limit: float
    reference: np.ndarray | None
    reference_weight: int
    warm: np.ndarray | None
    say: Progress
    start: float
    timings: dict[str, float] = field(default_factory=dict)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def time_left(self) -> float:
        return max(1.0, self.time_limit - self.elapsed())

    def structure(self, cand: Candidates) -> Structure:
        return build_structure(self.data, self.tables, cand, reference=self.reference,
                               reference_weight=self.reference_weight)

    def result(self, s: Structure, status: SolveStatus, x: np.ndarray | None, total_bound: float, method: str,
               message: str = "", rules: tuple[str, ...] = (), all_pairs: bool = False) -> Result:
        """The Result of plan `x` (pair flags; None: no plan) whose stage bounded the total objective by
        `total_bound`; `all_pairs` when LP pricing found no improving pair outside the candidates."""
        if x is None:
            return Result(status=status, assignment=s.cur.copy(), objective=0, bound=math.nan,
                          wall_time=self.elapsed(), candidates=s.cand, must_fill_seats=int(s.wajib_seats.sum()),
                          method=method, timings=self.timings, message=message, rules_involved=rules)
        chosen = np.nonzero(x)[0]
        assignment = np.empty(s.n_emp, dtype=np.int64)
        assignment[s.cand.emp[chosen]] = s.cand.post[chosen]
        fill, surplus = priorities(s, x)
        objective = int(s.value[chosen].sum())
        # Bound on the score objective for plans with the same R11/R12 priorities (lexicographic). With a
        # reference the stages bound value + bonus, which (bonus ≥ 0) also bounds the value; a proof of
        # optimality is one for the combined objective, reported as bound = objective.
        bound = math.floor(total_bound - s.weight_fill * fill + s.weight_surplus * surplus + 1e-6)
        changed = None
        if s.has_reference:
            changed = int((assignment != np.asarray(self.reference)).sum())
            if status is SolveStatus.OPTIMAL:
                bound = objective
        return Result(status=status, assignment=assignment, objective=objective, bound=float(bound),
                      wall_time=self.elapsed(), candidates=s.cand, must_fill_seats=int(s.wajib_seats.sum()),
                      must_fill_filled=fill, surplus_kept=surplus, method=method, timings=self.timings,
                      message=message, rules_involved=rules, changed_vs_reference=changed,
                      proof_over_all_pairs=all_pairs and status is SolveStatus.OPTIMAL)


def solve(data: ProblemData, time_limit: float = 60.0, *, tables: Tables | None = None,
          candidates: Candidates | None = None, progress: Progress | None = None,
          shortcuts: bool = True, reference: np.ndarray | None = None, reference_weight: int = 3,
          pricing: bool = True, warm: np.ndarray | None = None) -> Result:
    """The best plan for `data` within `time_limit` seconds (see module docstring for the method).

    `shortcuts=False` skips the flow and LP proofs and hands every candidate pair to CP-SAT (with the
    flow's plan as a hint when it satisfies every rule): slower, used to cross-check the stages.

    `reference` (post index per employee, e.g. an earlier plan) adds `reference_weight` to the optimised
    objective for each employee kept at their reference post. `Result.objective` stays Σ nilai; OPTIMAL
    then means optimal for the combined objective, and its bound is the objective itself.
    `Result.changed_vs_reference` counts the employees placed elsewhere than there.

    `pricing=False` keeps the LP to the given candidates (no search beyond them): for a series of solves
    over one candidate set, such as the benefit curve, whose first solve priced every pair already.

    `warm` (post index per employee, e.g. the previous point of the benefit curve) starts the LP's column
    generation from that plan's pairs as well: the same objective and proof in fewer rounds when the plans
    are close, but where several plans are optimal it may return another of them than a cold start. So
    `compare` does not use it: a scenario's plan there is the plan `solve -s` gives.
    """
    start = time.perf_counter()
    t = tables or Tables(data)
    run = _Run(data, t, time_limit, reference, reference_weight, warm, progress or (lambda _msg: None), start)
    tick = time.perf_counter()
    cand = candidates if candidates is not None else build_candidates(data, t, reference=reference)
    run.timings["kandidat"] = time.perf_counter() - tick
    s = run.structure(cand)
    if cand.pin_conflicts:
        return _pin_conflict_result(run, s)

    run.say("aliran biaya minimum (tanpa R13/R14/R21)")
    tick = time.perf_counter()
    pricing = pricing and s.n_pairs <= PRICE_MAX_PAIRS and reference is None and shortcuts
    pool = Pool(data, t, run.structure, pricing, run.say)
    s, x_flow, flow_obj, flow_all_pairs = _priced_flow(run, pool, s)
    run.timings["aliran"] = time.perf_counter() - tick
    if x_flow is None:
        return run.result(s, SolveStatus.INFEASIBLE, None, math.nan, "aliran",
                          f"Aturan {rules_in_words(('R15', 'R11'))} tidak dapat dipenuhi bersama.", ("R11", "R15"))
    if not shortcuts:
        tick = time.perf_counter()
        status, x, total_bound = solve_all_pairs(s, x_flow if side_rules_hold(s, x_flow) else None,
                                                 run.time_left())
        run.timings["cpsat"] = time.perf_counter() - tick
        if x is None:
            return run.result(s, status, None, math.nan, "cpsat", _NO_PLAN[status], ("R15", *coupling_codes(s)))
        return run.result(s, status, x, total_bound, "cpsat")
    if side_rules_hold(s, x_flow):
        return run.result(s, SolveStatus.OPTIMAL, x_flow, flow_obj, "aliran", all_pairs=flow_all_pairs)

    if s.n_pairs > LAGRANGE_MIN_PAIRS and not s.targets:  # the relaxation knows R13/R14/R21, not R27
        run.say("relaksasi Lagrange R13/R14 dengan aliran biaya minimum")
        tick = time.perf_counter()
        relaxed = lagrangian(s, partial(scaled_flow, s), run.time_left())
        run.timings["lagrange"] = time.perf_counter() - tick
        if relaxed.x is not None:
            # Integer objective: a bound below the next integer proves optimality.
            proven = math.floor(relaxed.bound + 1e-6) <= relaxed.objective
            return run.result(s, SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE, relaxed.x,
                              relaxed.objective if proven else relaxed.bound, "lagrange")
    return _lp_then_cpsat(run, pool, s, x_flow)


def _priced_flow(run: _Run, pool: Pool, s: Structure) -> tuple[Structure, np.ndarray | None, float, bool]:
    """Stage 1 by column generation: the min-cost flow over the candidates of `s`, then (with `pool.pricing`) the
    allowed pairs beyond them that its dual prices (flow_prices) say would improve it, until there are none
    (its optimum is then the optimum without R13/R14/R21 over every allowed pair) or FLOW_SEARCHES is reached.

    Only while the flow's plan keeps the coupling rules: once it breaks one, the LP stage has to run and prices
    every pair itself (a search here first made the LP no faster: 50,000 employees 50 s either way, 5,000
    employees 0.3 s slower). Returns the final Structure, the flow's plan and objective, and whether no pair
    was left out."""
    x_flow, _ = solve_flow(s)
    prices = None
    for _ in range(FLOW_SEARCHES if pool.pricing else 0):
        if x_flow is None or not side_rules_hold(s, x_flow):
            break
        prices = prices if prices is not None else flow_prices(s, x_flow)
        if prices is None:
            break
        wider = pool.search(s.cand, prices)
        if wider is None:
            return s, x_flow, plan_objective(s, x_flow), True
        run.say(f"menambah {len(wider) - len(s.cand)} pasangan calon dari harga dual aliran")
        old, s = s, run.structure(wider)
        x_flow, prices = reoptimise(old, s, x_flow, prices)
    return s, x_flow, (plan_objective(s, x_flow) if x_flow is not None else math.nan), False


def _first_pairs(run: _Run, s: Structure, x_flow: np.ndarray) -> np.ndarray:
    """The pairs the LP starts from (columns.py): every stay, the only pair of a pinned employee, the
    flow's plan, the reference and warm-start plans' pairs, and the replacements set aside for granted wishes
    (with the stays and the grants they keep R21, so the first LP has a plan: without them it had none at
    50,000 employees, and an LP of every candidate took 32 s)."""
    emp, post = s.cand.emp, s.cand.post
    first = s.cand.stay | (x_flow > 0) | (np.bincount(emp, minlength=s.n_emp)[emp] == 1)
    for plan in (run.reference, run.warm):
        if plan is not None:
            first |= post == np.asarray(plan)[emp]
    data = run.data
    if data.replacements:
        keys = np.array([data.employee_index[nip] * s.n_post + data.position_index[kode]
                         for nip, kode in data.replacements], dtype=np.int64)
        first |= np.isin(emp * s.n_post + post, keys)
    return first


def _lp_then_cpsat(run: _Run, pool: Pool, s: Structure, x_flow: np.ndarray) -> Result:
    """Stages 2 and 3: the LP relaxation (priced over every allowed pair), then CP-SAT on its residual, at the
    R11/R12 priority levels when the LP's priorities are fractional (levels.py)."""
    run.say("relaksasi LP dengan semua aturan")
    tick = time.perf_counter()
    priced = priced_lp(pool, s, _first_pairs(run, s, x_flow))
    s, lp, all_pairs = priced.s, priced.lp, priced.all_pairs
    run.timings["lp"] = time.perf_counter() - tick
    if lp is None:
        return run.result(s, SolveStatus.INFEASIBLE, None, math.nan, "lp",
                          f"Aturan {rules_in_words(('R15', *coupling_codes(s)))} tidak dapat dipenuhi bersama.",
                          ("R15", *coupling_codes(s)))
    x_lp, lp_obj, reduced, _ = lp
    if is_integral(x_lp):
        return run.result(s, SolveStatus.OPTIMAL, x_lp > 0.5, lp_obj, "lp", all_pairs=all_pairs)

    run.say("tingkat prioritas R11/R12 dari LP")
    tick = time.perf_counter()
    levels = priority_levels(pool, priced)
    run.timings["tingkat"] = time.perf_counter() - tick
    if levels is not None and levels.priced.lp is not None:
        x3, obj3 = levels.priced.lp[0], levels.priced.lp[1]
        level_pairs = all_pairs and levels.priced.all_pairs
        if is_integral(x3):
            return run.result(levels.priced.s, SolveStatus.OPTIMAL, x3 > 0.5, obj3, "lp", all_pairs=level_pairs)
        run.say("CP-SAT pada sisa masalah (tingkat prioritas)")
        found, _ = _integer_stage(run, pool, levels.priced.s, levels.priced.lp, level_pairs,
                                  run.time_left() / 2, (levels.surplus, levels.fill))
        if found is not None:
            return found

    run.say("CP-SAT pada sisa masalah")
    found, status = _integer_stage(run, pool, s, lp, all_pairs, run.time_left())
    if found is None:
        return run.result(s, status, None, math.nan, "cpsat", _NO_PLAN[status], ("R15", *coupling_codes(s)))
    return found


_NO_PLAN = {SolveStatus.INFEASIBLE: "CP-SAT membuktikan tidak ada rencana yang memenuhi semua aturan.",
            SolveStatus.TIME_LIMIT: "CP-SAT belum menemukan rencana yang layak dalam batas waktu."}
"""Why a solve ends without a plan, by its status (a proof, or the clock)."""


def _integer_stage(run: _Run, pool: Pool, s: Structure, lp: LpSolution, all_pairs: bool, time_limit: float,
                   levels: tuple[int, int] | None = None) -> tuple[Result | None, SolveStatus]:
    """Stage 3: CP-SAT on the residual of the LP `lp` over `s`: its Result, or None and why (INFEASIBLE when
    CP-SAT proved there is no plan, TIME_LIMIT when it found none in time).

    Its proof covers every allowed pair when the LP's does (`all_pairs`) and no pair outside the candidates has
    a reduced cost below the gap between the LP bound and the plan (a pair at or beyond it is in no better
    plan): `price_missing(within=gap)` looks for such pairs, and when it finds some, CP-SAT runs once more with
    them among the candidates.
    """
    x_lp, lp_obj, reduced, prices = lp
    start = time.perf_counter()
    priced_within: float | None = None  # after a search: every pair this close to the LP is a candidate
    first: Result | None = None  # the plan before that search, kept if the run after it finds none
    known: np.ndarray | None = None  # that plan over the widened candidates: the next run's incumbent
    while True:
        status, x, bound_obj = solve_residual(s, x_lp, lp_obj, reduced,
                                              max(1.0, time_limit - (time.perf_counter() - start)), levels, known)
        run.timings["cpsat"] = run.timings.get("cpsat", 0.0) + time.perf_counter() - start
        start = time.perf_counter()
        if x is None:
            return first, status
        covered = all_pairs and status is SolveStatus.OPTIMAL
        gap = lp_obj - bound_obj - 0.5  # the objective is an integer: a better plan is at least 1 higher
        if covered and gap > (priced_within or 0.0):
            # Once only; and a gap on the scale of a must-fill seat would price nearly every pair.
            if priced_within is not None or gap >= s.weight_fill:
                covered = False
            else:
                priced_within = gap
                wider = pool.search(s.cand, prices, within=gap)
                if wider is not None:
                    first = run.result(s, status, x, min(bound_obj, lp_obj), "cpsat")
                    wider_s = pool.structure(wider)
                    if wider_s.spread >= s.weight_fill:
                        # The new pairs widen the score spread beyond the R11/R12 weights the LP bound and its
                        # prices are in: the bound would not hold in the new units. The plan stays, proven
                        # optimal over the candidates only.
                        return first, status
                    # The same weights (still above the spread, SPREAD_HEADROOM): the LP bound and reduced costs
                    # keep their units.
                    wider_s = replace(wider_s, weight_fill=s.weight_fill, weight_surplus=s.weight_surplus)
                    run.say(f"menambah {len(wider) - len(s.cand)} pasangan calon dalam selisih batas LP")
                    known = carry(s, wider_s, reduced, np.nan)
                    reduced = np.where(np.isnan(known), reduced_costs(wider_s, prices), known)
                    x_lp = carry(s, wider_s, x_lp)
                    known = carry(s, wider_s, x, False)
                    s = wider_s
                    continue
        return run.result(s, status, x, min(bound_obj, lp_obj), "cpsat", all_pairs=covered), status


def _pin_conflict_result(run: _Run, s: Structure) -> Result:
    """R15: a pin that breaks another hard rule makes the scenario infeasible; say which and why."""
    data, cand = run.data, s.cand
    parts = [f"{data.employees[i].nip} -> {data.positions[j].kode} melanggar {', '.join(codes)}"
             for i, j, codes in cand.pin_conflicts]
    rules = tuple(dict.fromkeys(["R15", *(c for _, _, codes in cand.pin_conflicts for c in codes)]))
    return Result(status=SolveStatus.INFEASIBLE, assignment=s.cur.copy(), objective=0, bound=math.nan,
                  wall_time=run.elapsed(), candidates=cand, method="kunci", timings=run.timings,
                  message="Kunci (R15) melanggar aturan wajib: " + "; ".join(parts) + ".", rules_involved=rules)
