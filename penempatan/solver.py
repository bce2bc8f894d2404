"""solve(ProblemData) -> Result: the optimal transfer plan under every hard rule (SPEC 3–4).

The placement problem is a network flow (employee -> candidate post -> seats) plus a handful of coupling
rules: unit outflow (R13), total moves (R14) and no unit ending with more empty seats (R21). Two
priorities come before the objective, each folded into it with a weight larger than everything after it
(lexicographic):
R11 — holders of an over-staffed post who stay beyond its Kebutuhan ("surplus") cost W_surplus each, so
the plan moves surplus holders out wherever any rule allows it (such a post takes no newcomers);
R12 — every must-fill seat filled is worth W_fill.
The solve goes in up to three exact stages, each a proof when it succeeds:

1. min-cost flow (OR-Tools) without R13/R14/R21 — if its optimum satisfies them, it is optimal;
2. the LP relaxation with every rule (HiGHS) — if its optimum is integral, it is optimal;
3. CP-SAT on the residual: first on the LP's support to get an incumbent, then, after fixing every pair
   whose LP reduced cost proves it cannot beat that incumbent, on what is left, with the incumbent as hint.

Above LP_MAX_PAIRS candidate pairs (whole provinces), stage 2 is the Lagrangian relaxation of R13/R14
(relax.py; R21 is dropped from the bound and enforced by the repair): a few min-cost flows with penalised
moves give a bound, repaired flow plans a feasible plan; the result is FEASIBLE with its proven gap, or
OPTIMAL when the bound meets it.

Minimal change (`reference`): every stage optimises `gain` = value + a bonus for each employee kept at
their post in a reference plan (an earlier recommendation), so a re-solve after a small change does not
reshuffle unrelated people. The proofs above hold for that combined objective; the reported objective is
still Σ nilai (SPEC 4), and OPTIMAL then means optimal for the combined objective.

This is the only module that imports ortools.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import highspy
import numpy as np
import scipy.sparse as sp
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from penempatan.model import ProblemData
from penempatan.relax import Coupling, lagrangian
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Candidates, Prices, Tables, build_candidates, price_missing

Progress = Callable[[str], None]
SEED = 20260101
LP_MAX_PAIRS = 250_000
"""Above this many candidate pairs the LP stage (seconds at 100k pairs, minutes at 1M) gives way to the
Lagrangian relaxation of R13/R14 over min-cost flows, which returns a plan with a proven gap."""
PRICING_ROUNDS = 25
"""Column-generation rounds after the first LP: a count, not a clock, so the same input always gives the
same plan. Each round re-solves the kept HiGHS model from its basis (LinearRelaxation)."""


@dataclass(frozen=True)
class Structure:
    """The placement problem in arrays, shared by the flow, LP and CP-SAT stages."""

    cand: Candidates
    n_emp: int
    n_post: int
    value: np.ndarray  # per pair: nilai (SPEC 4; what Result.objective sums)
    gain: np.ndarray  # per pair: value + the reference bonus; what every stage maximises
    seat_cap: np.ndarray  # per post: Kebutuhan (R11)
    surplus_cap: np.ndarray  # per post: holders beyond Kebutuhan who may stay at a cost (R11)
    wajib: np.ndarray  # indices of must-fill posts (R12)
    wajib_seats: np.ndarray  # their Kebutuhan
    leaves_unit: np.ndarray  # per pair: True if the move leaves the employee's unit (R13)
    pair_unit: np.ndarray  # per pair: the employee's current unit
    unit_cap: np.ndarray  # per unit: R13 maximum leavers
    max_moves: int | None  # R14
    weight_fill: int  # one must-fill seat is worth more than any score difference (R12)
    weight_surplus: int  # one surplus holder moved out is worth more than all must-fill seats (R11)
    cur: np.ndarray  # per employee: current post
    post_unit: np.ndarray  # per post: its unit
    unit_need: np.ndarray | None  # R21 per unit: seats filled today (Σ min(holders, Kebutuhan)); None = off
    has_reference: bool = False

    @property
    def n_pairs(self) -> int:
        return len(self.cand)

    def coupling(self) -> Coupling:
        """The view of this problem that the Lagrangian relaxation (relax.py) works on."""
        wajib_seats = np.zeros(self.n_post, dtype=np.int64)
        wajib_seats[self.wajib] = self.wajib_seats
        return Coupling(self.cand, self.gain.astype(float), self.leaves_unit, self.pair_unit, self.unit_cap,
                        self.max_moves, self.seat_cap, wajib_seats, self.weight_fill, self.weight_surplus,
                        self.cur, self.post_unit, self.unit_need)


def build_structure(data: ProblemData, tables: Tables, cand: Candidates, *,
                    reference: np.ndarray | None = None, reference_weight: int = 3) -> Structure:
    """Capacities and coupling rows of every rule family from the candidates (R11–R14).

    With `reference` (a post index per employee) a pair that keeps its employee at the reference post
    gains `reference_weight` on top of its value (minimal change; not part of Result.objective).
    """
    p = data.params
    t = tables
    move = ~cand.stay
    value = cand.nilai.astype(np.int64)
    gain = value
    if reference is not None:
        ref = np.asarray(reference, dtype=np.int64)
        if ref.shape != (t.n_emp,):
            raise ValueError(f"reference needs one post per employee ({t.n_emp}), got shape {ref.shape}")
        gain = value + reference_weight * (cand.post == ref[cand.emp]).astype(np.int64)
    # R11: a post holds at most Kebutuhan; holders beyond it may stay only at the surplus cost.
    seat_cap = t.post_keb.copy()
    surplus_cap = np.maximum(0, t.holders - t.post_keb)
    wajib = np.nonzero(t.post_wajib)[0]
    pair_unit = t.emp_unit[cand.emp]
    leaves = move & (t.post_unit[cand.post] != pair_unit)
    unit_cap = t.unit_leave_cap
    # The score part of two plans differs by at most Σ over employees of (best − worst candidate gain).
    best = np.full(t.n_emp, np.iinfo(np.int64).min)
    worst = np.full(t.n_emp, np.iinfo(np.int64).max)
    np.maximum.at(best, cand.emp, gain)
    np.minimum.at(worst, cand.emp, gain)
    spread = int((best - worst).sum()) if t.n_emp else 0
    weight_fill = spread + 1
    weight_surplus = weight_fill * (int(t.post_keb[wajib].sum()) + 1)
    unit_need = None
    if not p.kekurangan_unit_boleh_naik:
        filled = np.minimum(t.holders, t.post_keb)
        unit_need = np.bincount(t.post_unit, weights=filled, minlength=len(t.unit_names)).astype(np.int64)
    return Structure(cand, t.n_emp, t.n_post, value, gain, seat_cap, surplus_cap, wajib,
                     t.post_keb[wajib], leaves, pair_unit, unit_cap, p.maks_mutasi, weight_fill, weight_surplus,
                     t.cur, t.post_unit, unit_need, reference is not None)


def solve(data: ProblemData, time_limit: float = 60.0, *, tables: Tables | None = None,
          candidates: Candidates | None = None, progress: Progress | None = None,
          shortcuts: bool = True, reference: np.ndarray | None = None, reference_weight: int = 3,
          pricing: bool = True) -> Result:
    """The best plan for `data` within `time_limit` seconds (see module docstring for the method).

    `shortcuts=False` skips the flow and LP proofs and hands every candidate pair to CP-SAT (with the
    flow's plan as a hint when it satisfies every rule): slower, used to cross-check the stages.

    `reference` (post index per employee, e.g. an earlier plan) adds `reference_weight` to the optimised
    objective for each employee kept at their reference post. `Result.objective` stays Σ nilai; OPTIMAL
    then means optimal for the combined objective, and its bound is the objective itself.
    `Result.changed_vs_reference` counts the employees placed elsewhere than there.

    `pricing=False` keeps the LP to the given candidates (no column generation): for a series of solves
    over one candidate set, such as the benefit curve, whose first solve priced every pair already.
    """
    start = time.perf_counter()
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}
    t = tables or Tables(data)
    tick = time.perf_counter()
    cand = candidates if candidates is not None else build_candidates(data, t, reference=reference)
    timings["kandidat"] = time.perf_counter() - tick
    s = build_structure(data, t, cand, reference=reference, reference_weight=reference_weight)
    if cand.pin_conflicts:
        return _pin_conflict_result(data, t, cand, time.perf_counter() - start, timings)
    all_pairs = False  # set once LP pricing has found no improving pair outside the candidates

    def finish(status: SolveStatus, x: np.ndarray | None, total_bound: float, method: str,
               message: str = "", rules: tuple[str, ...] = ()) -> Result:
        if x is None:
            return Result(status, t.cur.copy(), 0, math.nan, time.perf_counter() - start, cand,
                          int(s.wajib_seats.sum()), 0, 0, method, timings, message, rules)
        chosen = np.nonzero(x)[0]
        assignment = np.empty(s.n_emp, dtype=np.int64)
        assignment[cand.emp[chosen]] = cand.post[chosen]
        fill, surplus = _priorities(s, x)
        objective = int(s.value[chosen].sum())
        # Bound on the score objective for plans with the same R11/R12 priorities (lexicographic). With a
        # reference the stages bound value + bonus, which (bonus ≥ 0) also bounds the value; a proof of
        # optimality is one for the combined objective, reported as bound = objective.
        bound = math.floor(total_bound - s.weight_fill * fill + s.weight_surplus * surplus + 1e-6)
        changed = None
        if s.has_reference:
            changed = int((assignment != np.asarray(reference)).sum())
            if status is SolveStatus.OPTIMAL:
                bound = objective
        return Result(status, assignment, objective, float(bound),
                      time.perf_counter() - start, cand, int(s.wajib_seats.sum()), fill, surplus, method,
                      timings, message, rules, changed_vs_reference=changed,
                      proof_over_all_pairs=all_pairs and status is SolveStatus.OPTIMAL)

    say("aliran biaya minimum (tanpa R13/R14/R21)")
    tick = time.perf_counter()
    x_flow, flow_obj = solve_flow(s)
    timings["aliran"] = time.perf_counter() - tick
    if x_flow is None:
        return finish(SolveStatus.INFEASIBLE, None, math.nan, "aliran",
                      "Tidak ada rencana yang memenuhi kunci (R15) dan jumlah kursi (R11).", ("R11", "R15"))
    if not shortcuts:
        model = PlanModel(s, np.arange(s.n_pairs))
        if _side_rules_hold(s, x_flow):
            model.hint(x_flow)
        tick = time.perf_counter()
        cp_status, x, obj, bound = model.run(max(1.0, time_limit - (time.perf_counter() - start)))
        timings["cpsat"] = time.perf_counter() - tick
        if x is None:
            return finish(SolveStatus.INFEASIBLE, None, math.nan, "cpsat", "CP-SAT tanpa solusi.", ())
        proven = cp_status == cp_model.OPTIMAL
        return finish(SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE, x, obj if proven else bound,
                      "cpsat")
    if _side_rules_hold(s, x_flow):
        return finish(SolveStatus.OPTIMAL, x_flow, flow_obj, "aliran")

    if s.n_pairs > LP_MAX_PAIRS:
        say("relaksasi Lagrange R13/R14 dengan aliran biaya minimum")
        tick = time.perf_counter()
        budget = max(1.0, time_limit - (time.perf_counter() - start))
        relaxed = lagrangian(s.coupling(), partial(_scaled_flow, s), budget)
        timings["lagrange"] = time.perf_counter() - tick
        if relaxed.x is not None:
            # Integer objective: a bound below the next integer proves optimality.
            proven = math.floor(relaxed.bound + 1e-6) <= relaxed.objective
            return finish(SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE, relaxed.x,
                          relaxed.objective if proven else relaxed.bound, "lagrange")

    say("relaksasi LP dengan semua aturan")
    tick = time.perf_counter()
    relaxation = LinearRelaxation(s)
    lp = relaxation.solve()
    # Column generation over every eligible pair: add the pairs the LP duals price as improving and
    # re-solve, until none is left; the LP (and so any plan matching its bound) is then optimal over all
    # eligible pairs, not only the capped candidates. Not with a reference plan (its bonus is not priced).
    rounds = 0
    while lp is not None and reference is None and pricing:
        wider = price_missing(data, t, cand, lp[3])
        if wider is None:
            all_pairs = True
            break
        if rounds >= PRICING_ROUNDS:
            break
        rounds += 1
        say(f"menambah {len(wider) - len(cand)} pasangan calon dari harga dual LP")
        cand = wider
        s = build_structure(data, t, cand, reference=reference, reference_weight=reference_weight)
        relaxation.extend(s)
        lp = relaxation.solve()
    timings["lp"] = time.perf_counter() - tick
    if lp is None:
        return finish(SolveStatus.INFEASIBLE, None, math.nan, "lp",
                      "Tidak ada rencana yang memenuhi kunci (R15) bersama " + _coupling_words(s) + ".",
                      ("R15", *_coupling_codes(s)))
    x_lp, lp_obj, reduced, _ = lp
    if _is_integral(x_lp):
        return finish(SolveStatus.OPTIMAL, x_lp > 0.5, lp_obj, "lp")

    say("CP-SAT pada sisa masalah")
    tick = time.perf_counter()
    remaining = max(1.0, time_limit - (time.perf_counter() - start))
    status, x, bound_obj = solve_residual(s, x_lp, lp_obj, reduced, remaining)
    timings["cpsat"] = time.perf_counter() - tick
    if x is None:
        return finish(SolveStatus.INFEASIBLE, None, math.nan, "cpsat",
                      "CP-SAT tidak menemukan rencana yang layak dalam batas waktu.", ("R15", *_coupling_codes(s)))
    return finish(status, x, min(bound_obj, lp_obj), "cpsat")


def _pin_conflict_result(data: ProblemData, t: Tables, cand: Candidates, elapsed: float,
                         timings: dict[str, float]) -> Result:
    """R15: a pin that breaks another hard rule makes the scenario infeasible; say which and why."""
    parts = [f"{data.employees[i].nip} -> {data.positions[j].kode} melanggar {', '.join(codes)}"
             for i, j, codes in cand.pin_conflicts]
    rules = tuple(dict.fromkeys(["R15", *(c for _, _, codes in cand.pin_conflicts for c in codes)]))
    return Result(SolveStatus.INFEASIBLE, t.cur.copy(), 0, math.nan, elapsed, cand, 0, 0, 0, "kunci",
                  timings, "Kunci (R15) melanggar aturan wajib: " + "; ".join(parts) + ".", rules)


def _coupling_codes(s: Structure) -> tuple[str, ...]:
    """The coupling rules in force (R13 always; R14 with maks_mutasi; R21 unless kekurangan_unit_boleh_naik)."""
    return ("R13", *(("R14",) if s.max_moves is not None else ()), *(("R21",) if s.unit_need is not None else ()))


def _coupling_words(s: Structure) -> str:
    """The coupling rules in force, in words, for an infeasibility message."""
    words = {"R13": "batas keluar unit (R13)", "R14": "batas jumlah mutasi (R14)",
             "R21": "larangan kursi kosong unit bertambah (R21)"}
    parts = [words[code] for code in _coupling_codes(s)]
    return ", ".join(parts[:-1]) + " dan " + parts[-1] if len(parts) > 1 else parts[0]


def _scaled_flow(s: Structure, values: np.ndarray, scale: int) -> tuple[np.ndarray, float]:
    """The flow stage for relax.py: per-pair values and priority weights multiplied by `scale`."""
    scaled = replace(s, gain=values, weight_fill=s.weight_fill * scale, weight_surplus=s.weight_surplus * scale)
    x, total = solve_flow(scaled)
    if x is None:  # cannot happen: the same network was feasible unscaled
        raise RuntimeError("aliran berskala tidak layak")
    return x, total


def _priorities(s: Structure, x: np.ndarray) -> tuple[int, int]:
    """(must-fill seats filled, surplus holders kept) of a plan given as pair flags."""
    counts = np.bincount(s.cand.post[np.nonzero(x)[0]], minlength=s.n_post)
    fill = int(np.minimum(counts[s.wajib], s.wajib_seats).sum())
    surplus = int(np.maximum(0, counts - s.seat_cap).sum())
    return fill, surplus


def _side_rules_hold(s: Structure, x: np.ndarray) -> bool:
    """Does a plan satisfy R13 (unit outflow), R14 (total moves) and R21 (no unit with more empty seats)?"""
    chosen = np.nonzero(x)[0]
    leavers = np.bincount(s.pair_unit[chosen][s.leaves_unit[chosen]], minlength=len(s.unit_cap))
    if (leavers > s.unit_cap).any():
        return False
    moves = int((~s.cand.stay[chosen]).sum())
    if s.max_moves is not None and moves > s.max_moves:
        return False
    return not _unit_shortfall_grows(s, np.bincount(s.cand.post[chosen], minlength=s.n_post)).any()


def _unit_shortfall_grows(s: Structure, counts: np.ndarray) -> np.ndarray:
    """R21: per unit, True where the plan (people per post) leaves fewer seats filled than today."""
    if s.unit_need is None:
        return np.zeros(len(s.unit_cap), dtype=bool)
    filled = np.minimum(counts, s.seat_cap)
    return np.bincount(s.post_unit, weights=filled, minlength=len(s.unit_need)) < s.unit_need


def _is_integral(x: np.ndarray) -> bool:
    return bool(np.all(np.minimum(np.abs(x), np.abs(1 - x)) < 1e-6))


# --- stage 1: min-cost flow ----------------------------------------------------------------------------
def solve_flow(s: Structure) -> tuple[np.ndarray | None, float]:
    """Max Σ gain + W_fill·(must-fill seats) − W_surplus·(surplus) under R11 only, as a min-cost flow.

    Nodes: employees, posts, sink. A post's arcs to the sink: its must-fill seats (worth W_fill each),
    its other seats, and its surplus places (costing W_surplus each; only over-staffed posts, which get
    no newcomer candidates, have them). Returns (x per pair, objective) or (None, nan) if infeasible.
    """
    cand = s.cand
    n_e, n_p = s.n_emp, s.n_post
    sink = n_e + n_p
    posts = np.arange(n_p)
    wajib_seats = np.zeros(n_p, dtype=np.int64)
    wajib_seats[s.wajib] = s.wajib_seats
    other_seats = s.seat_cap - wajib_seats
    over = np.nonzero(s.surplus_cap > 0)[0]
    tails = np.concatenate([cand.emp, posts + n_e, posts + n_e, over + n_e])
    heads = np.concatenate([cand.post + n_e, np.full(2 * n_p + len(over), sink)])
    caps = np.concatenate([np.ones(s.n_pairs, dtype=np.int64), wajib_seats, other_seats, s.surplus_cap[over]])
    costs = np.concatenate([-s.gain, np.full(n_p, -s.weight_fill), np.zeros(n_p, dtype=np.int64),
                            np.full(len(over), s.weight_surplus)])
    use = caps > 0
    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(tails[use].astype(np.int32), heads[use].astype(np.int32),
                                             caps[use].astype(np.int64), costs[use].astype(np.int64))
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:n_e] = 1
    supplies[sink] = -n_e
    mcf.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    if mcf.solve() != mcf.OPTIMAL:
        return None, math.nan
    # Pair arcs were added first and all have capacity 1, so arc k is pair k.
    flows = mcf.flows(np.arange(s.n_pairs, dtype=np.int32))
    return flows > 0, -float(mcf.optimal_cost())


# --- stage 2: LP relaxation ----------------------------------------------------------------------------
def _lp_columns(s: Structure) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Extra columns after the pairs: y (must-fill seats filled), o (surplus kept) per over-staffed post,
    then f (seats filled, ≤ Kebutuhan) per over-staffed post with seats, for R21."""
    over = np.nonzero(s.surplus_cap > 0)[0]
    filled = over[s.seat_cap[over] > 0] if s.unit_need is not None else np.zeros(0, dtype=np.int64)
    upper = np.concatenate([s.wajib_seats, s.surplus_cap[over], s.seat_cap[filled]]).astype(float)
    return s.wajib, over, filled, upper


def _rows(s: Structure) -> tuple[sp.csr_matrix, np.ndarray, sp.csr_matrix, np.ndarray]:
    """Inequality rows (R11 seats, R12 fill link, R13 units, R14 total) and assignment equalities."""
    cand = s.cand
    wajib, over, filled, _ = _lp_columns(s)
    n, w, o, f = s.n_pairs, len(wajib), len(over), len(filled)
    width = n + w + o + f
    cols = np.arange(n)
    blocks, rhs = [], []
    # R11 seats: Σ x − o_p ≤ Kebutuhan
    r = np.concatenate([cand.post, over])
    c = np.concatenate([cols, n + w + np.arange(o)])
    v = np.concatenate([np.ones(n), -np.ones(o)])
    blocks.append(sp.csr_matrix((v, (r, c)), shape=(s.n_post, width)))
    rhs.append(s.seat_cap.astype(float))
    # R12: y_p − Σ x ≤ 0
    if w:
        pos = np.full(s.n_post, -1)
        pos[wajib] = np.arange(w)
        sel = np.nonzero(pos[cand.post] >= 0)[0]
        r = np.concatenate([pos[cand.post[sel]], np.arange(w)])
        c = np.concatenate([sel, n + np.arange(w)])
        v = np.concatenate([-np.ones(len(sel)), np.ones(w)])
        blocks.append(sp.csr_matrix((v, (r, c)), shape=(w, width)))
        rhs.append(np.zeros(w))
    # R13 unit outflow
    sel = np.nonzero(s.leaves_unit)[0]
    blocks.append(sp.csr_matrix((np.ones(len(sel)), (s.pair_unit[sel], sel)), shape=(len(s.unit_cap), width)))
    rhs.append(s.unit_cap.astype(float))
    # R14 total moves
    if s.max_moves is not None:
        sel = np.nonzero(~cand.stay)[0]
        blocks.append(sp.csr_matrix((np.ones(len(sel)), (np.zeros(len(sel), dtype=np.int64), sel)),
                                    shape=(1, width)))
        rhs.append(np.array([float(s.max_moves)]))
    if s.unit_need is not None:
        # R21: −(people in the unit's normal posts) − Σ f ≤ −(seats filled today); f_p ≤ people in p.
        normal = s.surplus_cap[cand.post] == 0
        sel = np.nonzero(normal)[0]
        r = np.concatenate([s.post_unit[cand.post[sel]], s.post_unit[filled]])
        c = np.concatenate([sel, n + w + o + np.arange(f)])
        blocks.append(sp.csr_matrix((-np.ones(len(r)), (r, c)), shape=(len(s.unit_need), width)))
        rhs.append(-s.unit_need.astype(float))
        pos = np.full(s.n_post, -1)
        pos[filled] = np.arange(f)
        sel = np.nonzero(pos[cand.post] >= 0)[0]
        r = np.concatenate([pos[cand.post[sel]], np.arange(f)])
        c = np.concatenate([sel, n + w + o + np.arange(f)])
        v = np.concatenate([-np.ones(len(sel)), np.ones(f)])
        blocks.append(sp.csr_matrix((v, (r, c)), shape=(f, width)))
        rhs.append(np.zeros(f))
    a_ub = sp.vstack(blocks).tocsr()
    a_eq = sp.csr_matrix((np.ones(n), (cand.emp, cols)), shape=(s.n_emp, width))
    return a_ub, np.concatenate(rhs), a_eq, np.ones(s.n_emp)


class LinearRelaxation:
    """The LP relaxation with every rule, kept in one HiGHS model across column-generation rounds.

    Rows never change (R11 seats, R12 links, R13, R14, R21, R21 links, one assignment row per employee);
    pairs found by pricing are appended as columns, and HiGHS re-solves from the previous basis with the
    primal simplex, so each round costs a fraction of a cold solve (SOLVER-NOTES.md).
    """

    def __init__(self, s: Structure) -> None:
        a_ub, b_ub, a_eq, b_eq = _rows(s)
        wajib, over, filled, extra_ub = _lp_columns(s)
        self.n_ub, self.n_eq = a_ub.shape[0], a_eq.shape[0]
        matrix = sp.vstack([a_ub, a_eq]).tocsc()
        cost = -np.concatenate([s.gain.astype(float), np.full(len(wajib), float(s.weight_fill)),
                                np.full(len(over), -float(s.weight_surplus)), np.zeros(len(filled))])
        upper = np.concatenate([np.ones(s.n_pairs), extra_ub])
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
        lp.col_cost_ = cost
        lp.col_lower_ = np.zeros(len(cost))
        lp.col_upper_ = upper
        lp.row_lower_ = np.concatenate([np.full(self.n_ub, -highspy.kHighsInf), b_eq])
        lp.row_upper_ = np.concatenate([b_ub, b_eq])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        # The bare core class: highspy.Highs() prints a banner to stdout when it sets up its callbacks,
        # which would land in the planner's terminal and piped output.
        self.h = highspy._core._Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("random_seed", SEED)
        self.h.passModel(lp)
        # Column of each pair, by (employee, post): pairs added later come after the extra columns.
        self.n_post = s.n_post
        self.columns: dict[int, int] = dict(zip(self._keys(s).tolist(), range(s.n_pairs), strict=True))
        # The priority columns (y: must-fill seats, o: surplus kept) follow the first pairs; their weights
        # grow with the candidates' spread, so they are re-priced whenever pairs are added.
        self.priority_cols = np.arange(s.n_pairs, s.n_pairs + len(wajib) + len(over), dtype=np.int32)
        self.n_wajib = len(wajib)
        self.s = s

    def _keys(self, s: Structure) -> np.ndarray:
        return s.cand.emp * self.n_post + s.cand.post

    def extend(self, s: Structure) -> None:
        """Add the pairs of `s` that the model does not have yet (same rows, more candidates)."""
        keys = self._keys(s)
        new = np.array([k for k, key in enumerate(keys.tolist()) if key not in self.columns], dtype=np.int64)
        if len(new):
            a_ub, _, a_eq, _ = _rows(s)
            block = sp.vstack([a_ub[:, new], a_eq[:, new]]).tocsc()
            first = self.h.getNumCol()
            self.h.addCols(len(new), -s.gain[new].astype(float), np.zeros(len(new)), np.ones(len(new)),
                           block.nnz, block.indptr[:-1].astype(np.int32), block.indices.astype(np.int32),
                           block.data)
            for offset, key in enumerate(keys[new].tolist()):
                self.columns[key] = first + offset
            self.h.setOptionValue("simplex_strategy", 4)  # primal simplex from the kept basis
        costs = np.concatenate([np.full(self.n_wajib, -float(s.weight_fill)),
                                np.full(len(self.priority_cols) - self.n_wajib, float(s.weight_surplus))])
        if len(costs):
            self.h.changeColsCost(len(costs), self.priority_cols, costs)
        self.s = s

    def solve(self) -> tuple[np.ndarray, float, np.ndarray, Prices] | None:
        """(x per pair, LP objective, reduced cost per pair, dual prices) in the order of the current
        Structure's pairs, or None when the LP is infeasible."""
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        sol = self.h.getSolution()
        cols = np.array([self.columns[key] for key in self._keys(self.s).tolist()], dtype=np.int64)
        x = np.asarray(sol.col_value)[cols]
        reduced = np.maximum(np.asarray(sol.col_dual)[cols], 0.0)
        duals = np.asarray(sol.row_dual)
        objective = -float(self.h.getInfo().objective_function_value)
        return x, objective, reduced, _prices(self.s, duals[: self.n_ub], duals[self.n_ub:])


def solve_lp(s: Structure) -> tuple[np.ndarray, float, np.ndarray, Prices] | None:
    """The LP relaxation of `s` solved once (see LinearRelaxation)."""
    return LinearRelaxation(s).solve()


def _prices(s: Structure, y_ub: np.ndarray, y_eq: np.ndarray) -> Prices:
    """The LP duals as prices in nilai units (rows in the order `_rows` makes them)."""
    seats, rest = y_ub[: s.n_post], y_ub[s.n_post:]
    post = -seats.copy()
    w = len(s.wajib)
    post[s.wajib] += rest[:w]  # the R12 link row enters a must-fill post's column with −1
    n_units = len(s.unit_cap)
    leave = -rest[w: w + n_units]
    k = w + n_units
    move = 0.0
    if s.max_moves is not None:
        move = -float(rest[k])
        k += 1
    if s.unit_need is not None:
        # R21 rows enter a normal post's column with −1: a person there earns the unit's price.
        normal = s.surplus_cap == 0
        post[normal] += rest[k: k + n_units][s.post_unit[normal]]
    return Prices(-y_eq, post, leave, move)


# --- stage 3: CP-SAT on the residual --------------------------------------------------------------------
class PlanModel:
    """CP-SAT model over a subset of candidate pairs: one Boolean per pair, one method per rule family."""

    def __init__(self, s: Structure, active: np.ndarray) -> None:
        self.s = s
        self.active = active  # pair indices that get a Boolean; others are fixed to 0
        self.model = cp_model.CpModel()
        self.x = [self.model.new_bool_var(f"x{k}") for k in active]
        self.by_post = self._groups(s.cand.post[active])
        self.fill: list[cp_model.IntVar] = []
        self.surplus: list[cp_model.IntVar] = []
        self.add_constraints()
        self.add_objective()

    def add_constraints(self) -> None:
        self.assign_each_employee_once()
        self.seats_not_exceeded()
        self.must_fill_seats()
        self.unit_outflow_capped()
        self.total_moves_capped()
        self.unit_shortfall_not_increased()

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

    def unit_shortfall_not_increased(self) -> None:
        """R21: per unit, seats filled after the plan ≥ seats filled today (Σ min(people, Kebutuhan))."""
        s = self.s
        if s.unit_need is None:
            return
        terms: dict[int, list[Any]] = {}
        for j, group in self.by_post.items():
            u = int(s.post_unit[j])
            if s.surplus_cap[j] == 0:
                terms.setdefault(u, []).extend(group)
            elif s.seat_cap[j] > 0:
                f = self.model.new_int_var(0, int(s.seat_cap[j]), f"f{j}")
                self.model.add(f <= sum(group))
                terms.setdefault(u, []).append(f)
        for u, need in enumerate(s.unit_need.tolist()):
            if need > 0:
                self.model.add(sum(terms.get(u, [])) >= need)

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
        prm.num_workers = 1  # deterministic; an LP-heavy single worker proves these residuals fastest
        prm.linearization_level = 2
        prm.random_seed = SEED
        status = solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, None, math.nan, math.nan
        x = np.zeros(self.s.n_pairs, dtype=bool)
        vals = np.array([solver.boolean_value(v) for v in self.x], dtype=bool)
        x[self.active[vals]] = True
        return status, x, solver.objective_value, solver.best_objective_bound


def solve_residual(s: Structure, x_lp: np.ndarray, lp_obj: float, reduced: np.ndarray,
                   time_limit: float) -> tuple[SolveStatus, np.ndarray | None, float]:
    """CP-SAT on the LP support for an incumbent, then on every pair the reduced costs cannot exclude.

    Returns (status, x, upper bound on the total objective).
    """
    start = time.perf_counter()
    support = np.nonzero(x_lp > 1e-6)[0]
    _, incumbent, inc_obj, _ = PlanModel(s, support).run(time_limit / 3)
    if incumbent is not None:
        # A pair whose reduced cost puts the LP bound at or below the incumbent cannot improve on it.
        keep = (lp_obj - reduced > inc_obj + 0.5) | (x_lp > 1e-6)
    else:
        keep = np.ones(s.n_pairs, dtype=bool)
    model = PlanModel(s, np.nonzero(keep)[0])
    if incumbent is not None:
        model.hint(incumbent)
    remaining = max(0.5, time_limit - (time.perf_counter() - start))
    status, x, obj, bound = model.run(remaining)
    if x is None or (incumbent is not None and inc_obj > obj):
        if incumbent is None:
            return SolveStatus.INFEASIBLE, None, math.nan
        return SolveStatus.FEASIBLE, incumbent, lp_obj
    if status == cp_model.OPTIMAL:
        return SolveStatus.OPTIMAL, x, obj
    return SolveStatus.FEASIBLE, x, bound
