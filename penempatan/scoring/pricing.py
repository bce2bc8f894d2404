"""Exact pricing for column generation: which allowed pairs outside the candidates would improve the LP.

The solver's LP stage (solver/lp.py) turns its duals into `Prices`; `price_missing` scans every allowed pair,
not only the capped candidates, so an LP optimum with nothing left to price is optimal over all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from penempatan.model import ProblemData
from penempatan.scoring.candidates import Candidates, assemble
from penempatan.scoring.eligibility import forbidden_moves
from penempatan.scoring.fit import pair_parts
from penempatan.scoring.tables import Tables

_CATEGORIES = 3
"""Post categories for pricing: 0 must-fill vacancy, 1 other vacancy, 2 full."""


@dataclass(frozen=True)
class Prices:
    """LP dual prices in nilai units: a move of employee e into post p improves the LP relaxation iff
    its nilai exceeds employee[e] + post[p] + leave[unit of e] (when p is in another unit) + move.
    `post` already includes the unit rows that count people in a post (R21)."""

    employee: np.ndarray
    post: np.ndarray
    leave: np.ndarray
    move: float


def price_missing(data: ProblemData, t: Tables, cand: Candidates, prices: Prices,
                  tol: float = 1e-6, per_round: int = 4) -> Candidates | None:
    """Column generation over every allowed pair, not only the capped candidates (exact pricing).

    Within a post class, a move's nilai and whether it is allowed depend on the post only through its
    category (must-fill vacancy, other vacancy, full), its unit (own unit: same-name posts; a preferred
    unit: the permintaan value) and R15 forbids. So for each employee it is enough to price every post of
    their own and preferred units, and in other units the cheapest post of each category; an employee
    with a scenario forbid gets every post priced. A pair is added when its nilai beats its price, with up
    to `per_round` more of the cheapest posts of that category. Returns the candidates extended by the
    improving pairs, or None when there is none — then the LP optimum over the candidates is the LP
    optimum over every allowed pair.
    """
    forbids = forbidden_moves(data, t)
    movers = t.free_movers
    existing = set(zip(cand.emp.tolist(), cand.post.tolist(), strict=True))
    category = np.where(t.must_fill_vacancy, 0, np.where(t.vacancy, 1, 2))
    new_e: list[int] = []
    new_p: list[int] = []
    for c in range(len(t.classes)):
        posts = np.nonzero((t.post_class == c) & t.post_open)[0]
        if len(posts) == 0 or len(movers) == 0:
            continue
        emp_c = movers[t.eligible_movers(c)]
        if len(emp_c) == 0:
            continue
        e_arr, p_arr = _options(t, emp_c, posts, category, prices, forbids, existing, per_round)
        if len(e_arr) == 0:
            continue
        rows = np.searchsorted(emp_c, e_arr)
        fit = t.eligible_fit(c)[rows]
        terms = t.move_terms(e_arr, p_arr, fit)
        leave = np.where(t.post_unit[p_arr] != t.emp_unit[e_arr], prices.leave[t.emp_unit[e_arr]], 0.0)
        price = prices.employee[e_arr] + prices.post[p_arr] + leave + prices.move
        improving = terms.valid & (terms.nilai > price + tol)
        for i, j in zip(e_arr[improving].tolist(), p_arr[improving].tolist(), strict=True):
            if (i, j) not in existing:
                new_e.append(i)
                new_p.append(j)
                existing.add((i, j))
    if not new_e:
        return None
    add_e = np.array(new_e, dtype=np.int64)
    add_p = np.array(new_p, dtype=np.int64)
    emp = np.concatenate([cand.emp, add_e])
    post = np.concatenate([cand.post, add_p])
    parts = np.concatenate([cand.parts, pair_parts(t, add_e, add_p)])
    stay = np.concatenate([cand.stay, np.zeros(len(add_e), dtype=bool)])
    return assemble(t, emp, post, parts, stay, cand.pin_conflicts)


def _options(t: Tables, emp_c: np.ndarray, posts: np.ndarray, category: np.ndarray, prices: Prices,
             forbids: tuple[dict[int, set[int]], dict[int, set[int]]], existing: set[tuple[int, int]],
             per_round: int) -> tuple[np.ndarray, np.ndarray]:
    """The (employee, post) pairs of one class to price, not yet candidates: every post of the employee's own
    and preferred units, and elsewhere the `per_round` + 1 cheapest posts of each category (every post for
    an employee with a scenario forbid)."""
    forbid_post, forbid_unit = forbids
    by_unit: dict[int, list[int]] = {}
    for j in posts.tolist():
        by_unit.setdefault(int(t.post_unit[j]), []).append(j)
    # Per category, posts by price (cheapest first).
    cheapest: list[list[int]] = []
    for k in range(_CATEGORIES):
        in_cat = posts[category[posts] == k]
        cheapest.append(in_cat[np.lexsort((in_cat, prices.post[in_cat]))].tolist())
    opt_e: list[int] = []
    opt_p: list[int] = []
    for i in emp_c.tolist():
        u_e = int(t.emp_unit[i])
        if i in forbid_post or i in forbid_unit:
            options = [j for j in posts.tolist() if j not in forbid_post.get(i, ())
                       and t.post_unit[j] not in forbid_unit.get(i, ())]
        else:
            options = list(by_unit.get(u_e, []))
            for u in t.emp_prefs[i]:
                options += by_unit.get(int(u), [])
            for ranked in cheapest:
                taken = 0
                for j in ranked:
                    if t.post_unit[j] != u_e:
                        options.append(j)
                        taken += 1
                        if taken > per_round:
                            break
        for j in dict.fromkeys(options):
            if j != t.cur[i] and (i, j) not in existing:
                opt_e.append(i)
                opt_p.append(j)
    return np.array(opt_e, dtype=np.int64), np.array(opt_p, dtype=np.int64)
