"""Lagrangian relaxation of the coupling rules R13 (unit outflow) and R14 (total moves) for large instances.

R21 (no location and no scarce profession pool with fewer seats filled) is left out of the relaxation —
dropping a rule keeps the bound valid — and enforced by the repair, which undoes whole chains until every
coupling rule holds.

Without R13/R14 the placement problem is a min-cost flow, which stays fast at the largest sizes; with them,
a general LP is much slower (benchmarks/RESULTS.md). Here R13/R14 move into the objective with one multiplier
per unit and one for the total: every pair that leaves unit u costs λ_u, every move costs μ. For any
λ, μ ≥ 0 the flow optimum plus Σ λ_u·cap_u + μ·maks_mutasi bounds the true optimum from above (the flow
polytope is integral, so the best such bound equals the LP bound). Subgradient steps adjust the
multipliers; after each flow, the plan is repaired to satisfy R13/R14 by undoing whole groups of moves
that share posts (undoing a group restores every post it touched, so seats stay within R11), and the
best repaired plan is kept. The result is a feasible plan with a proven gap.

The flow itself is solved by the caller's `flow` function (flow.scaled_flow); this module is plain numpy.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from penempatan.solver.coupling import UnitOutflow
from penempatan.solver.structure import Structure

Flow = Callable[[np.ndarray, int], tuple[np.ndarray, float]]
"""Given integer per-pair values already multiplied by `scale`, the optimal flow plan (pair flags) and
its total objective, with the R11/R12 priority weights multiplied by the same `scale`."""


@dataclass(frozen=True)
class Relaxed:
    x: np.ndarray | None  # best plan satisfying R13/R14 (pair flags); None if none was found
    objective: float  # its combined objective (Structure.combined)
    bound: float  # upper bound on the combined objective
    iterations: int


def stay_pairs(c: Structure) -> np.ndarray:
    """Per employee, the index of their stay pair (-1 for a pinned mover, who has none)."""
    out = np.full(c.n_emp, -1, dtype=np.int64)
    out[c.cand.emp[c.cand.stay]] = np.nonzero(c.cand.stay)[0]
    return out


def priority(c: Structure, counts: np.ndarray, posts: np.ndarray | slice = slice(None)) -> float:
    """R11/R12 part of the objective for the given people-per-post counts (of `posts`)."""
    fill = np.minimum(counts, c.wajib_per_post[posts]).sum()
    surplus = np.maximum(0, counts - c.seat_cap[posts]).sum()
    return float(c.weight_fill * fill - c.weight_surplus * surplus)


def violations(c: Structure, x: np.ndarray) -> tuple[np.ndarray, int]:
    """(leavers per unit − cap, moves − maks_mutasi) of a plan; positive entries are violations."""
    chosen = np.nonzero(x)[0]
    leavers = UnitOutflow().leavers(c, chosen)
    moves = int((~c.cand.stay[chosen]).sum())
    over_total = moves - c.max_moves if c.max_moves is not None else -1
    return leavers - c.unit_cap, over_total


def shortfall_excess(c: Structure, counts: np.ndarray) -> list[np.ndarray]:
    """R21: per block (locations, scarce professions) and group, seats filled today − seats filled by the plan
    (people per post); positive = violation."""
    return [block.short(c, counts) for block in c.seats_kept]


def move_chains(c: Structure, x: np.ndarray) -> list[np.ndarray]:
    """Decompose the plan's moves into vacancy chains and cycles (pair indices, head first).

    At every post, arrivals are matched with departures in pair order; a chain starts with an arrival
    that has no matching departure (it filled a free seat) and follows "whose seat did this person
    take". Undoing a whole chain changes only two counts: its head's target post loses one person,
    its tail's origin post gets one back, so R11 seats stay respected. Cycles change no count.
    """
    moves = np.nonzero(x & ~c.cand.stay)[0]
    if len(moves) == 0:
        return []
    origin = c.cur[c.cand.emp[moves]]
    target = c.cand.post[moves]
    departures: dict[int, list[int]] = {}
    for k, o in enumerate(origin.tolist()):
        departures.setdefault(o, []).append(k)
    arrivals: dict[int, list[int]] = {}
    for k, t in enumerate(target.tolist()):
        arrivals.setdefault(t, []).append(k)
    # successor[k]: the move whose mover took the seat that move k's mover left.
    successor = np.full(len(moves), -1, dtype=np.int64)
    has_pred = np.zeros(len(moves), dtype=bool)
    for post, outs in departures.items():
        ins = arrivals.get(post, [])
        for out_k, in_k in zip(outs, ins, strict=False):
            successor[out_k] = in_k
            has_pred[in_k] = True
    seen = np.zeros(len(moves), dtype=bool)
    chains: list[np.ndarray] = []
    starts = [k for k in range(len(moves)) if not has_pred[k]] + list(range(len(moves)))
    for k0 in starts:
        if seen[k0]:
            continue
        members = []
        k = k0
        while k >= 0 and not seen[k]:
            seen[k] = True
            members.append(k)
            k = int(successor[k])
        chains.append(moves[np.array(members, dtype=np.int64)])
    return chains


def repair(c: Structure, x: np.ndarray) -> np.ndarray | None:
    """A plan satisfying R13/R14/R21 from `x`: undo the chains worth least per move until all hold.

    A chain is undone only when it helps a broken rule: any chain for R14, one with a leaver from an
    over-cap unit for R13, one whose last mover returns to a location or profession pool short of seats for
    R21. Chains with a pinned mover (R15) are never undone. None when no undoing makes the plan feasible.
    """
    counts = np.bincount(c.cand.post[x], minlength=c.n_post)
    over_units, over_total = violations(c, x)
    short = shortfall_excess(c, counts)

    def broken() -> bool:
        return bool((over_units > 0).any() or over_total > 0 or any((sh > 0).any() for sh in short))

    if not broken():
        return x
    stay_pair = stay_pairs(c)
    chains = [ch for ch in move_chains(c, x) if (stay_pair[c.cand.emp[ch]] >= 0).all()]
    out = x.copy()

    def ends(chain: np.ndarray) -> np.ndarray:
        """The chain's head target post and its tail's origin post."""
        return np.array([c.cand.post[chain[0]], c.cur[c.cand.emp[chain[-1]]]])

    def worth(chain: np.ndarray) -> float:
        value = float(c.gain[chain].sum() - c.gain[stay_pair[c.cand.emp[chain]]].sum())
        posts = ends(chain)
        if posts[0] == posts[1]:  # a cycle changes no count
            return value
        return value + priority(c, counts[posts], posts) - priority(c, counts[posts] + [-1, 1], posts)

    def refills(chain: np.ndarray) -> bool:
        """Does undoing the chain give a seat back to a group short of seats (R21)?"""
        origin = ends(chain)[1]
        return any(block.post_group[origin] >= 0 and sh[block.post_group[origin]] > 0
                   for block, sh in zip(c.seats_kept, short, strict=True))

    order = sorted(range(len(chains)), key=lambda k: (worth(chains[k]) / len(chains[k]), k))
    undone = np.zeros(len(chains), dtype=bool)
    while broken():
        pick = -1
        for k in order:
            if undone[k]:
                continue
            chain = chains[k]
            leavers = np.bincount(c.pair_unit[chain][c.leaves_unit[chain]], minlength=len(c.unit_cap))
            if over_total > 0 or (leavers[over_units > 0] > 0).any() or refills(chain):
                pick = k
                break
        if pick < 0:
            return None
        undone[pick] = True
        chain = chains[pick]
        out[chain] = False
        out[stay_pair[c.cand.emp[chain]]] = True
        posts = ends(chain)
        counts[posts[0]] -= 1
        counts[posts[1]] += 1
        over_units, over_total = violations(c, out)
        short = shortfall_excess(c, counts)
    return out


def initial_multipliers(c: Structure) -> np.ndarray:
    """A starting point for (λ per unit, μ): the price at which only as many moves stay worthwhile as
    R13/R14 allow, judging each employee by their best move's gain over staying."""
    stay_value = np.zeros(len(c.cur))
    stay_value[c.cand.emp[c.cand.stay]] = c.gain[c.cand.stay]
    move = np.nonzero(~c.cand.stay)[0]
    # Priorities count too: a move into an empty must-fill seat is worth W_fill, and a holder of an
    # over-staffed post who leaves may clear a surplus place (W_surplus).
    holders = np.bincount(c.cur, minlength=c.n_post)
    empty_wajib = (c.wajib_per_post > holders).astype(float)
    gain = c.gain[move] - stay_value[c.cand.emp[move]] + c.weight_fill * empty_wajib[c.cand.post[move]]
    best = np.zeros(len(c.cur))
    np.maximum.at(best, c.cand.emp[move], gain)
    best += c.weight_surplus * ((holders > c.seat_cap)[c.cur] & (best > 0))
    leaves_best = np.zeros(len(c.cur), dtype=bool)
    top = move[np.argsort(-gain, kind="stable")]
    first = np.unique(c.cand.emp[top], return_index=True)[1]
    leaves_best[c.cand.emp[top[first]]] = c.leaves_unit[top[first]]

    def price(gains: np.ndarray, cap: int) -> float:
        positive = np.sort(gains[gains > 0])[::-1]
        return float(positive[cap]) if cap < len(positive) else 0.0

    emp_unit = np.zeros(len(c.cur), dtype=np.int64)
    emp_unit[c.cand.emp] = c.pair_unit
    lam = np.array([price(best[(emp_unit == u) & leaves_best], int(cap)) for u, cap in enumerate(c.unit_cap)])
    mu = price(best, c.max_moves) if c.max_moves is not None else 0.0
    return np.append(lam, mu)


def lagrangian(c: Structure, flow: Flow, time_budget: float, target_gap: float = 5e-4,
               max_iter: int = 60, scale: int = 8, first_step: float = 8.0) -> Relaxed:
    """Minimise the Lagrangian dual over the R13/R14 multipliers, repairing every flow plan.

    A projected subgradient descent with backtracking: move the multipliers by `step` along the
    normalised violation vector; keep the move if the dual bound improved (and grow the step), else
    halve the step and retry from the best multipliers. Values are scaled by `scale` so multipliers
    can take fractional values while the flow stays integral. Stops at `target_gap` (relative to the
    plan's score objective), when the step falls below 1/scale, after `max_iter` flows or `time_budget` s.
    """
    start = time.perf_counter()
    cap_total = c.max_moves if c.max_moves is not None else 0

    def evaluate(lam: np.ndarray, mu: float) -> tuple[float, np.ndarray, np.ndarray]:
        penalty = lam[c.pair_unit] * c.leaves_unit + mu * ~c.cand.stay
        scaled = scale * (c.gain - penalty)
        values = np.rint(scaled).astype(np.int64)
        assert np.array_equal(values, scaled), "multipliers must lie on the 1/scale grid"
        x, total = flow(values, scale)
        dual = total / scale + float(lam @ c.unit_cap) + mu * cap_total
        over_units, over_total = violations(c, x)
        g = np.append(over_units.astype(float), float(over_total) if c.max_moves is not None else 0.0)
        return dual, x, g

    best_x: np.ndarray | None = None
    best_obj = -math.inf
    # Start from no penalty and from the estimated prices; keep whichever bounds better.
    start_mult = np.round(initial_multipliers(c) * scale) / scale  # λ per unit, then μ
    best_mult = np.zeros(len(c.unit_cap) + 1)
    bound, x, g = evaluate(best_mult[:-1], best_mult[-1])
    best_g = g
    step = max(first_step, float(np.linalg.norm(start_mult)) / 4)
    it = 1
    if start_mult.any():
        fixed = repair(c, x)
        if fixed is not None:
            best_x, best_obj = fixed, c.combined(fixed)
        dual, x, g = evaluate(start_mult[:-1], start_mult[-1])
        it += 1
        if dual < bound:
            bound, best_mult, best_g = dual, start_mult, g
    while True:
        fixed = repair(c, x)
        obj = c.combined(fixed) if fixed is not None else -math.inf
        if fixed is not None and obj > best_obj:
            best_x, best_obj = fixed, obj
        # The gap that matters is on the score objective (the priority terms are equal at the optimum).
        scores = float(c.gain[best_x].sum()) if best_x is not None else 0.0
        gap = (bound - best_obj) / max(1.0, abs(scores))
        if gap <= target_gap or it >= max_iter or step < 1.0 / scale:
            break
        if time.perf_counter() - start > time_budget:
            break
        direction = np.where((best_mult <= 0) & (best_g < 0), 0.0, best_g)
        norm = float(np.linalg.norm(direction))
        if norm == 0:
            break  # the flow plan meets R13/R14 and complementary slackness holds: it is optimal
        # Multipliers on the 1/scale grid keep scale·(value − penalty) integral: no rounding in the flow,
        # so the dual value is an exact bound.
        mult = np.maximum(0.0, np.round((best_mult + step * direction / norm) * scale) / scale)
        while np.array_equal(mult, best_mult):
            step *= 2
            mult = np.maximum(0.0, np.round((best_mult + step * direction / norm) * scale) / scale)
        dual, x, g = evaluate(mult[:-1], mult[-1])
        it += 1
        if dual < bound:
            bound, best_mult, best_g = dual, mult, g
            step *= 2
        else:
            step /= 2
    return Relaxed(best_x, best_obj, bound, it)
