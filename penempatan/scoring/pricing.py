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
    existing = np.unique(cand.emp * t.n_post + cand.post)
    category = np.where(t.must_fill_vacancy, 0, np.where(t.vacancy, 1, 2))
    new_e: list[np.ndarray] = []
    new_p: list[np.ndarray] = []
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
        new_e.append(e_arr[improving])  # each pair once: _options leaves out candidates, a post has one class
        new_p.append(p_arr[improving])
    add_e = np.concatenate(new_e) if new_e else np.zeros(0, dtype=np.int64)
    if len(add_e) == 0:
        return None
    add_p = np.concatenate(new_p)
    emp = np.concatenate([cand.emp, add_e])
    post = np.concatenate([cand.post, add_p])
    parts = np.concatenate([cand.parts, pair_parts(t, add_e, add_p)])
    stay = np.concatenate([cand.stay, np.zeros(len(add_e), dtype=bool)])
    return assemble(t, emp, post, parts, stay, cand.pin_conflicts)


def _options(t: Tables, emp_c: np.ndarray, posts: np.ndarray, category: np.ndarray, prices: Prices,
             forbids: tuple[dict[int, set[int]], dict[int, set[int]]], existing: np.ndarray,
             per_round: int) -> tuple[np.ndarray, np.ndarray]:
    """The (employee, post) pairs of one class to price, not yet candidates: every post of the employee's own
    and preferred units, and elsewhere the `per_round` + 1 cheapest posts of each category (every post for
    an employee with a scenario forbid). The cheapest post of a category outside the employee's unit is
    always among them, which is what makes the pricing exact."""
    forbid_post, forbid_unit = forbids
    free = np.array([i not in forbid_post and i not in forbid_unit for i in emp_c.tolist()], dtype=bool)
    emp_f = emp_c[free]
    e_parts = [_same_unit(t.emp_unit[emp_f], emp_f, posts, t.post_unit)]
    pref_e = [i for i in emp_f.tolist() for _ in t.emp_prefs[i]]
    pref_u = [int(u) for i in emp_f.tolist() for u in t.emp_prefs[i]]
    e_parts.append(_same_unit(np.array(pref_u, dtype=np.int64), np.array(pref_e, dtype=np.int64), posts,
                              t.post_unit))
    for k in range(_CATEGORIES):
        in_cat = posts[category[posts] == k]
        if len(in_cat) == 0:
            continue
        ranked = in_cat[np.lexsort((in_cat, prices.post[in_cat]))]
        top = ranked[: per_round + 1]
        e_rep = np.repeat(emp_f, len(top))
        p_rep = np.tile(top, len(emp_f))
        other = t.post_unit[p_rep] != t.emp_unit[e_rep]
        e_parts.append((e_rep[other], p_rep[other]))
        # An employee whose unit holds every one of those posts gets the cheapest post of another unit.
        covered = np.zeros(len(emp_f), dtype=bool)
        covered[np.searchsorted(emp_f, np.unique(e_rep[other]))] = True
        for i in emp_f[~covered].tolist():
            rest = ranked[t.post_unit[ranked] != t.emp_unit[i]]
            if len(rest):
                e_parts.append((np.array([i]), rest[:1]))
    for i in emp_c[~free].tolist():
        options = np.array([j for j in posts.tolist() if j not in forbid_post.get(i, ())
                            and t.post_unit[j] not in forbid_unit.get(i, ())], dtype=np.int64)
        e_parts.append((np.full(len(options), i, dtype=np.int64), options))
    e_arr = np.concatenate([e for e, _ in e_parts])
    p_arr = np.concatenate([p for _, p in e_parts])
    keys = np.unique(e_arr * t.n_post + p_arr)
    at = np.minimum(np.searchsorted(existing, keys), max(len(existing) - 1, 0))
    keys = keys[existing[at] != keys] if len(existing) else keys
    e_arr, p_arr = keys // t.n_post, keys % t.n_post
    keep = p_arr != t.cur[e_arr]
    return e_arr[keep], p_arr[keep]


def _same_unit(units: np.ndarray, emp: np.ndarray, posts: np.ndarray,
               post_unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (emp[k], post) with the post in unit units[k]: each employee against the posts of one unit."""
    if len(emp) == 0 or len(posts) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = posts[np.argsort(post_unit[posts], kind="stable")]
    sorted_units = post_unit[order]
    lo = np.searchsorted(sorted_units, units, side="left")
    hi = np.searchsorted(sorted_units, units, side="right")
    counts = hi - lo
    e_rep = np.repeat(emp, counts)
    offsets = np.repeat(lo - np.cumsum(counts) + counts, counts)
    return e_rep, order[offsets + np.arange(counts.sum())]
