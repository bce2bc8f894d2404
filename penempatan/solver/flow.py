"""Stage 1: the placement problem without the coupling rules (R13, R14, R21) as an OR-Tools min-cost flow."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from ortools.graph.python import min_cost_flow

from penempatan.scoring import Prices
from penempatan.solver.structure import Structure, carry, reduced_costs


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


_PASSES = 200
"""Bellman–Ford passes before flow_prices gives up (15–31 from 5,000 to 50,000 employees: a shortest path crosses
that many arcs at most)."""
CHECK_PASSES = 60
"""The same for `reoptimise`'s check of a plan that may not be optimal: a negative cycle never settles, so this
is how long finding one out takes."""
NEAR = (4.0, 16.0)
"""`reoptimise` solves the flow over the pairs priced within NEAR[0] of improving (nilai units), then within
NEAR[1], before it solves the whole flow. Without coupling rules, at 5,000 employees the first holds the optimum
(22,000 of 66,000 pairs); at 50,000 the optimum used pairs up to 16 from improving (700,000 of 1,000,000)."""


def flow_prices(s: Structure, x: np.ndarray, passes: int = _PASSES) -> Prices | None:
    """Dual prices that prove the min-cost flow plan `x` optimal over the candidates of `s`, for pricing pairs
    beyond them (`price_missing`): a pair outside improves the flow iff its gain exceeds employee + post.

    The prices come from node potentials: every node's shortest distance to the sink in the flow's residual
    graph (unused pairs employee → post at −gain, used pairs post → employee at +gain, and a post's seat arcs
    to the sink and back by what is still free and what is used), by Bellman–Ford over all arcs at once in
    numpy (a few dozen passes). A post's price is its distance: what the cheapest chain of moves that frees a
    seat there costs (a post whose holders have nowhere to go is priced out of reach, not at zero). An
    employee's price is the highest its used pair allows: the distance of the post they are placed in, less
    that pair's gain. Each node may also reach the sink at a cost beyond any path (`_unreachable`), so that every
    distance is finite; with no negative cycle at an optimum every residual arc then has a non-negative reduced
    cost. (Distances from the sink, the other choice, price a full post at zero even when nothing can free it:
    at 5,000 employees that took 4 searches instead of 1.) None when the distances do not settle within
    `passes` passes (then nothing is priced).
    """
    cand = s.cand
    n_e, n_p = s.n_emp, s.n_post
    sink = n_e + n_p
    counts = np.bincount(cand.post[x], minlength=n_p)
    wajib_seats = np.zeros(n_p, dtype=np.int64)
    wajib_seats[s.wajib] = s.wajib_seats
    used_wajib = np.minimum(counts, wajib_seats)
    used_other = np.minimum(counts - used_wajib, s.seat_cap - wajib_seats)
    seat_arcs = ((used_wajib, wajib_seats, -float(s.weight_fill)),
                 (used_other, s.seat_cap - wajib_seats, 0.0),
                 (counts - used_wajib - used_other, s.surplus_cap, float(s.weight_surplus)))
    gain = s.gain.astype(float)
    posts = np.arange(n_p) + n_e
    tails = [cand.emp[~x], cand.post[x] + n_e]
    heads = [cand.post[~x] + n_e, cand.emp[x]]
    costs = [-gain[~x], gain[x]]
    for used, cap, seat_cost in seat_arcs:
        free, taken = posts[used < cap], posts[used > 0]
        tails += [free, np.full(len(taken), sink)]
        heads += [np.full(len(free), sink), taken]
        costs += [np.full(len(free), seat_cost), np.full(len(taken), -seat_cost)]
    tail, head, cost = np.concatenate(tails), np.concatenate(heads), np.concatenate(costs)
    far = _unreachable(cost)
    if far is None:
        return None
    order = np.argsort(tail, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    starts = np.nonzero(np.r_[True, tail[1:] != tail[:-1]])[0]  # arcs grouped by tail: reduceat, not ufunc.at
    dist = np.full(sink + 1, far)
    dist[sink] = 0.0
    for _ in range(min(sink + 1, passes)):
        relaxed = dist.copy()
        relaxed[tail[starts]] = np.minimum(dist[tail[starts]], np.minimum.reduceat(dist[head] + cost, starts))
        if np.array_equal(relaxed, dist):
            break
        dist = relaxed
    else:
        return None  # not settled: `x` is not optimal (a negative cycle) or the paths are unusually long
    placed = np.nonzero(x)[0]
    employee = np.zeros(n_e)
    employee[cand.emp[placed]] = gain[placed] - dist[cand.post[placed] + n_e]
    return Prices(employee=employee, post=dist[n_e:sink], leave=np.zeros(len(s.unit_cap)), move=0.0)


def _unreachable(cost: np.ndarray) -> float | None:
    """The cost of a node's artificial arc to the sink: more than any path of real arcs, while every distance
    stays an integer that a float holds exactly (None if the costs are too large for that)."""
    far = float(np.abs(cost).sum()) + 1.0
    return far if 4 * far < 2.0**53 else None




def reoptimise(old: Structure, new: Structure, x_old: np.ndarray, prices: Prices) -> tuple[np.ndarray, Prices | None]:
    """The min-cost flow over `new` (the candidates of `old` plus pairs that `prices`, the flow prices of the
    optimal plan `x_old` over `old`, say improve it), and its flow prices (None: not settled).

    Solved first over the pairs that can plausibly change: the old plan, every stay, every new pair and every
    old pair priced within NEAR of improving (a third of the pairs); that plan is optimal over all of `new`
    when its flow prices over `new` settle (no negative cycle through a pair left out). Otherwise the next
    NEAR, and at last the flow over all of `new`: the same optimum as solving `new` outright, in half the time.
    """
    before = carry(old, new, x_old.astype(float), np.nan)
    added = np.isnan(before)
    slack = reduced_costs(new, prices)
    for near in NEAR:
        keep = (before > 0.5) | added | new.cand.stay | (slack <= near)
        restricted = replace(new, cand=new.cand.take(keep), value=new.value[keep], gain=new.gain[keep],
                             leaves_unit=new.leaves_unit[keep], pair_unit=new.pair_unit[keep])
        x_near, _ = solve_flow(restricted)
        if x_near is not None:
            x = np.zeros(new.n_pairs, dtype=bool)
            x[np.nonzero(keep)[0][x_near]] = True
            proven = flow_prices(new, x, CHECK_PASSES)
            if proven is not None:
                return x, proven
    x_full, _ = solve_flow(new)
    if x_full is None:  # cannot happen: the old plan is a flow over `new`
        raise RuntimeError("aliran tidak layak setelah menambah pasangan")
    return x_full, flow_prices(new, x_full)


def scaled_flow(s: Structure, values: np.ndarray, scale: int) -> tuple[np.ndarray, float]:
    """The flow stage for relax.py: per-pair values and priority weights multiplied by `scale`."""
    scaled = replace(s, gain=values, weight_fill=s.weight_fill * scale, weight_surplus=s.weight_surplus * scale)
    x, total = solve_flow(scaled)
    if x is None:  # cannot happen: the same network was feasible unscaled
        raise RuntimeError("aliran berskala tidak layak")
    return x, total


def arc_flows(tails: np.ndarray, heads: np.ndarray, caps: np.ndarray, costs: np.ndarray,
              supplies: np.ndarray) -> np.ndarray:
    """The flow on each arc of a min-cost flow (OR-Tools) given as arrays, for analyses outside the placement
    problem (the succession plan) — the solver package stays the only place that imports OR-Tools. Raises when
    the network has no feasible flow (callers add a bypass arc so that it always has one)."""
    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64),
                                             costs.astype(np.int64))
    mcf.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies.astype(np.int64))
    status = mcf.solve()
    if status != mcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow: status {status}")
    return np.asarray(mcf.flows(np.arange(len(tails), dtype=np.int32)))
