"""The R11/R12 priority levels: rounding each priority's LP bound before the integer search.

The objective folds R11 (surplus holders kept) and R12 (must-fill seats filled) in with weights larger than
everything after them. When the coupling rules make the LP optimum fractional in those priorities (a tight
R14: 50 moves move 41⅔ surplus holders out in the LP at 5,000 employees), its bound lies a large part of a
priority weight above every integer plan, no reduced cost can exclude a pair, and CP-SAT has to close that
gap by itself (it did not in 60 s). But every plan keeps a whole number of surplus holders and fills a
whole number of seats, so the priorities are bounded one at a time:

1. the LP minimum of the surplus kept (Σ o), over every allowed pair, rounded up: O*, a lower bound for
   every plan;
2. the LP maximum of must-fill seats filled (Σ y) among plans keeping O*, rounded down: F*, an upper bound
   for those plans;
3. the whole objective's LP with Σ o = O* and Σ y = F*: the LP of the plans with the best priorities any
   plan can have. Its bound lies within nilai points of their best plan and its reduced costs exclude most
   pairs.

If some plan has those priorities, the optimum is among them (the weights make the objective
lexicographic) and CP-SAT, given the two totals as constraints, finds it; if none has, the caller falls back
to the plain model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from penempatan.solver.columns import Pool, PricedLp, grow
from penempatan.solver.lp import FILL, SURPLUS, WEIGHTED

_WHOLE = 1e-6
"""LP totals this close to an integer are that integer (HiGHS's feasibility tolerance is 1e-7)."""


@dataclass(frozen=True)
class Levels:
    """O* and F* (see the module docstring) and the LP of the plans that reach both."""

    surplus: int
    fill: int
    priced: PricedLp


def priority_levels(pool: Pool, priced: PricedLp) -> Levels | None:
    """The priority levels from the LP stage's outcome `priced` (its HiGHS model is re-used and changed), or
    None when the LP's priorities are whole already or a level's LP is not exact over every pair it should be
    (the pricing's search limit, see columns.PRICING_ROUNDS)."""
    relaxation = priced.relaxation
    surplus, fill = relaxation.priority_totals()
    if _whole(surplus) and _whole(fill):
        return None
    relaxation.optimise(SURPLUS)
    least = grow(pool, relaxation)
    if least.lp is None or (pool.pricing and not least.all_pairs):
        return None
    o_star = math.ceil(relaxation.priority_totals()[0] - _WHOLE)
    relaxation.fix_total(SURPLUS, o_star)
    relaxation.optimise(FILL)
    most = grow(pool, relaxation)
    if most.lp is None or (pool.pricing and not most.all_pairs):
        return None
    f_star = math.floor(relaxation.priority_totals()[1] + _WHOLE)
    relaxation.fix_total(FILL, f_star)
    relaxation.optimise(WEIGHTED)
    final = grow(pool, relaxation)
    if final.lp is None:
        return None
    return Levels(o_star, f_star, final)


def _whole(value: float) -> bool:
    return abs(value - round(value)) < _WHOLE
