"""Stage 1: the placement problem without the coupling rules (R13, R14, R21) as an OR-Tools min-cost flow."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from ortools.graph.python import min_cost_flow

from penempatan.scoring import Prices
from penempatan.solver.structure import Structure


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


_PASSES = 1_000
"""Bellman–Ford passes before flow_prices gives up (a few dozen at 50,000 employees: a shortest path crosses
that many arcs at most)."""


def flow_prices(s: Structure, x: np.ndarray) -> Prices | None:
    """Dual prices that prove the min-cost flow plan `x` optimal over the candidates of `s`, for pricing pairs
    beyond them (`price_missing`): a pair outside improves the flow iff its gain exceeds employee + post.

    The prices are node potentials: shortest distances from the sink in the flow's residual graph (unused
    pairs employee → post at −gain, used pairs post → employee at +gain, and a post's seat arcs to the sink
    and back by what is still free and what is used), by Bellman–Ford over all arcs at once in numpy (a few
    dozen passes). With no negative cycle at an optimum, every residual arc then has a non-negative reduced
    cost. A post no residual path reaches (an empty post no candidate can enter) gets the lowest potential its
    own free seats allow, which prices it as the seat it is: free (0) or an empty must-fill seat (W_fill).
    None when the distances do not settle within _PASSES passes (then nothing is priced).
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
    dist = np.full(sink + 1, np.inf)
    dist[sink] = 0.0
    for _ in range(min(sink + 1, _PASSES)):
        relaxed = dist.copy()
        np.minimum.at(relaxed, head, dist[tail] + cost)
        if np.array_equal(relaxed, dist):
            break
        dist = relaxed
    else:
        return None  # not settled: `x` is not optimal (a negative cycle) or the paths are unusually long
    lowest = np.full(sink + 1, -np.inf)
    into_sink = head == sink
    np.maximum.at(lowest, tail[into_sink], -cost[into_sink])
    unreached = np.isinf(dist)
    dist[unreached] = lowest[unreached]
    return Prices(employee=dist[:n_e], post=-dist[n_e:sink], leave=np.zeros(len(s.unit_cap)), move=0.0)


def scaled_flow(s: Structure, values: np.ndarray, scale: int) -> tuple[np.ndarray, float]:
    """The flow stage for relax.py: per-pair values and priority weights multiplied by `scale`."""
    scaled = replace(s, gain=values, weight_fill=s.weight_fill * scale, weight_surplus=s.weight_surplus * scale)
    x, total = solve_flow(scaled)
    if x is None:  # cannot happen: the same network was feasible unscaled
        raise RuntimeError("aliran berskala tidak layak")
    return x, total
