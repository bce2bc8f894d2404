"""Column generation for the LP stage: a small LP over the pairs in play, grown by reduced cost.

The LP over every candidate pair is large (65,000 columns at 5,000 employees, 900,000 at 50,000) while its
optimum uses about one pair per employee. So the LP starts from the pairs that are surely needed or
likely to be (every stay, the min-cost flow's plan, a warm-start plan) and grows in rounds: the dual
prices give every candidate's reduced cost in numpy (LinearRelaxation.solve), and the best few improving
pairs per employee come in. When no candidate improves, `price_missing` looks beyond the candidates over
every allowed pair (SPEC 4); when it finds nothing either, the LP optimum is the LP optimum over all
allowed pairs. Both counts are bounded (the same input always makes the same rounds); a bound that is hit
brings every candidate in, so the LP that the later stages see is always exact over its candidates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from penempatan.arrays import best_per_group
from penempatan.model import ProblemData
from penempatan.scoring import Candidates, Prices, Tables, price_missing
from penempatan.solver.lp import LinearRelaxation, LpSolution
from penempatan.solver.structure import Structure

PRICING_ROUNDS = 25
"""Searches beyond the candidates (`price_missing`): a count, not a clock, so the same input always gives
the same plan."""
ROUNDS_PER_CANDIDATE_SET = 200
"""Rounds of adding candidates by reduced cost, since the candidates last grew, before every candidate is brought
in at once. (It once counted the rounds of all searches: at 50,000 employees with served wishes the 200th round
came in the 7th search, and an LP of every one of 430,000 candidates took 58 s.)"""
PER_EMPLOYEE = 1
"""Improving pairs per employee brought in each round (the best by reduced cost): more per round makes fewer
rounds but slower re-solves (at 50,000 employees within the candidates: 1 per employee 18 s, 3 per employee
35 s, 10 per employee 65 s; at 5,000 the same within noise)."""
PER_CATEGORY = 25
"""Posts per category that `price_missing` looks at beyond the cheapest: more per search, fewer searches (5,000
employees: 1 → 19 searches, 10 → 7, 25 → 4; at 20,000, 5 and 12 took the same time)."""
PER_POST = 25
"""Of the improving pairs a search finds, at most this many per post come in (the lowest reduced costs). Without
it a search brought in the 25 cheapest posts of each group for every employee whose price allows a move into
a post the R21 rows price below zero: 213,000 pairs per search at 50,000 employees with served wishes, used by a
few, and the next search as many again (LP 53 s; with this cap 37 s, without wishes 38.8 → 34.3 s)."""
TOLERANCE = 1e-6
PRUNE_FACTOR = 4.0
"""When the LP holds more pair columns than this many per employee, the clearly priced-out ones are taken out
(`LinearRelaxation.prune`)."""


@dataclass(frozen=True)
class PricedLp:
    """The LP stage's outcome: the final candidates, the LP solution over them (None: infeasible), whether
    the search beyond the candidates proved that no allowed pair was left out, the rounds and searches made,
    and the HiGHS model (kept for the priority levels, levels.py)."""

    s: Structure
    lp: LpSolution | None
    all_pairs: bool
    rounds: int
    searches: int
    relaxation: LinearRelaxation


@dataclass(frozen=True)
class Pool:
    """What column generation needs besides the LP: the data (to price pairs beyond the candidates), how to
    turn candidates into a Structure, whether to search beyond the candidates at all, and the progress line."""

    data: ProblemData
    tables: Tables
    structure: Callable[[Candidates], Structure]
    pricing: bool
    say: Callable[[str], None]

    def search(self, cand: Candidates, prices: Prices, within: float = 0.0) -> Candidates | None:
        """`cand` plus the allowed pairs beyond it that these dual prices say would improve the LP or flow (or,
        with `within`, whose reduced cost is below it), or None when there is none (`price_missing`)."""
        return price_missing(self.data, self.tables, cand, prices, tol=TOLERANCE, per_round=PER_CATEGORY,
                             within=within, per_post=PER_POST)


def priced_lp(pool: Pool, s: Structure, first: np.ndarray) -> PricedLp:
    """The LP relaxation over the candidates of `s` (and, with `pool.pricing`, every allowed pair), starting
    from the pairs flagged in `first`."""
    return grow(pool, LinearRelaxation(s, first), everything=bool(first.all()))


def grow(pool: Pool, relaxation: LinearRelaxation, everything: bool = False) -> PricedLp:
    """Column generation on `relaxation` (whatever it optimises) until no allowed pair improves it."""
    s = relaxation.s
    rounds = searches = in_set = 0  # in_set: rounds since the candidates last grew
    lp = relaxation.solve()
    while True:
        if lp is None:
            if everything:
                return PricedLp(s, None, False, rounds, searches, relaxation)
            # The pairs in play may not reach a plan that every rule allows (a pinned move out of a unit
            # needs someone to come in, R21): bring in every candidate.
            relaxation.add(np.arange(s.n_pairs))
            everything = True
        else:
            improving = lp[2] < -TOLERANCE
            if improving.any():
                rounds += 1
                in_set += 1
                if in_set > ROUNDS_PER_CANDIDATE_SET:
                    relaxation.add(np.arange(s.n_pairs))
                    everything = True
                else:
                    if relaxation.n_pair_columns > PRUNE_FACTOR * s.n_emp:
                        relaxation.prune(lp[2], lp[0])
                    relaxation.add(best_per_employee(s.cand.emp, lp[2], improving, PER_EMPLOYEE))
            elif not pool.pricing:
                return PricedLp(s, lp, False, rounds, searches, relaxation)
            else:
                wider = pool.search(s.cand, lp[3])
                if wider is None:
                    return PricedLp(s, lp, True, rounds, searches, relaxation)
                if searches >= PRICING_ROUNDS:
                    return PricedLp(s, lp, False, rounds, searches, relaxation)
                searches += 1
                pool.say(f"menambah {len(wider) - len(s.cand)} pasangan calon dari harga dual LP")
                s = pool.structure(wider)
                relaxation.extend(s)
                everything, in_set = False, 0
        lp = relaxation.solve()


def best_per_employee(emp: np.ndarray, reduced: np.ndarray, improving: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` most improving pairs (lowest reduced cost) of each employee among `improving`;
    ties by pair index, so the choice is deterministic."""
    pairs = np.nonzero(improving)[0]
    return pairs[best_per_group(emp[pairs], reduced[pairs], k)]
