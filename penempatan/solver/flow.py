"""Stage 1: the placement problem without the coupling rules (R13, R14, R21) as an OR-Tools min-cost flow."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from ortools.graph.python import min_cost_flow

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


def scaled_flow(s: Structure, values: np.ndarray, scale: int) -> tuple[np.ndarray, float]:
    """The flow stage for relax.py: per-pair values and priority weights multiplied by `scale`."""
    scaled = replace(s, gain=values, weight_fill=s.weight_fill * scale, weight_surplus=s.weight_surplus * scale)
    x, total = solve_flow(scaled)
    if x is None:  # cannot happen: the same network was feasible unscaled
        raise RuntimeError("aliran berskala tidak layak")
    return x, total
