"""Exact pricing for column generation: which allowed pairs outside the candidates would improve the LP.

The solver's LP stage (solver/lp.py) and flow stage (solver/flow.py) turn their duals into `Prices`;
`price_missing` scans every allowed pair, not only the capped candidates, so an optimum with nothing left to
price is optimal over all of them. A vectorised screen (`_screen`) first finds the (employee, class) rows that
have an improving pair at all, so the search proper runs only there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from penempatan.arrays import best_per_group, unique
from penempatan.model import ProblemData
from penempatan.scoring.candidates import Candidates, extend
from penempatan.scoring.eligibility import forbidden_moves
from penempatan.scoring.purposes import value_ceiling
from penempatan.scoring.tables import Tables

_TIE = 1e-6
"""Post prices closer than this are a tie (prices are in nilai units, integers)."""
_CATEGORIES = 3
"""Post categories for pricing: 0 must-fill vacancy, 1 other vacancy, 2 full."""
_CHUNK = 1024
"""Employees of one class priced at a time: the pairs of a whole class of a 50,000-employee pemda (millions,
with their purposes and values) took 800 MB at once."""


@dataclass(frozen=True)
class Prices:
    """LP dual prices in nilai units: a move of employee e into post p improves the LP relaxation iff
    its nilai exceeds employee[e] + post[p] + leave[unit of e] (when p is in another unit) + move (+ emp_move[e],
    + emp_promotion[e] when p is a promotion for e).
    `post` already includes the unit rows that count people in a post (R21). `value_weight` is the weight of
    nilai in the LP's objective: 1, or 0 when it optimises one R11/R12 priority alone (solver/levels.py)."""

    employee: np.ndarray
    post: np.ndarray
    leave: np.ndarray
    move: float
    value_weight: float = 1.0
    emp_move: np.ndarray | None = None  # per employee, on each of their moves (R27 rows counting moves)
    emp_promotion: np.ndarray | None = None  # per employee, on each of their promotions (R27 rows counting them)


def price_missing(data: ProblemData, t: Tables, cand: Candidates, prices: Prices,
                  tol: float = 1e-6, per_round: int = 4, within: float = 0.0, per_post: int = 0,
                  ) -> Candidates | None:
    """Column generation over every allowed pair, not only the capped candidates (exact pricing).

    Within a post class, a move's nilai and whether it is allowed depend on the post only through its
    category (must-fill vacancy, other vacancy, full), its unit (own unit: same-name posts; a preferred
    unit: the permintaan value) and R15 forbids. So for each employee it is enough to price the cheapest
    post of each such group (`_options`); an employee with a scenario forbid gets every post priced. A pair
    is added when its nilai beats its price, with up to `per_round` more of the cheapest posts of its group;
    with `per_post`, at most that many improving pairs per post (the lowest reduced costs: a post the LP
    prices low otherwise draws every employee at once). Returns the candidates extended by the
    improving pairs, or None when there is none — then the LP optimum over the candidates is the LP
    optimum over every allowed pair.

    `within` > 0 asks instead for every allowed pair whose reduced cost (price − nilai) is below `within`
    (the solver's proof that CP-SAT's plan is optimal over every pair, not only the candidates: a pair
    outside them whose reduced cost is at least the gap between the LP bound and the plan cannot be in a
    better plan). Each group then gets every post priced within `within` of the group's cheapest.
    """
    forbids = forbidden_moves(data, t)
    rows_e, rows_c, rows_fit, starts = t.mover_rows
    flagged = _screen(t, prices, set(forbids[0]) | set(forbids[1]), tol, within)
    existing = unique(cand.emp * t.n_post + cand.post)
    category = _category(t)
    new_e: list[np.ndarray] = []
    new_p: list[np.ndarray] = []
    new_r: list[np.ndarray] = []
    for c in unique(rows_c[flagged]).tolist():
        block = slice(int(starts[c]), int(starts[c + 1]))
        emp_c, fit_c = rows_e[block][flagged[block]], rows_fit[block][flagged[block]]
        posts = np.nonzero((t.post_class == c) & t.post_open)[0]
        for lo in range(0, len(emp_c), _CHUNK):
            chunk = emp_c[lo: lo + _CHUNK]
            e_arr, p_arr = _options(t, chunk, posts, category, prices, forbids, existing, per_round, within)
            if len(e_arr) == 0:
                continue
            terms = t.move_terms(e_arr, p_arr, fit_c[lo + np.searchsorted(chunk, e_arr)])
            price = _price(t, prices, e_arr, p_arr)
            improving = terms.valid & (prices.value_weight * terms.nilai > price + tol - within)
            new_e.append(e_arr[improving])  # each pair once: _options leaves out candidates, a post has one class
            new_p.append(p_arr[improving])
            new_r.append((price - prices.value_weight * terms.nilai)[improving])
    add_e = np.concatenate(new_e) if new_e else np.zeros(0, dtype=np.int64)
    if len(add_e) == 0:
        return None
    add_p = np.concatenate(new_p)
    if per_post and within <= 0:
        keep = best_per_group(add_p, np.concatenate(new_r), per_post)
        add_e, add_p = add_e[keep], add_p[keep]
    return extend(t, cand, add_e, add_p)


def _category(t: Tables) -> np.ndarray:
    """Per post: its pricing category (0 must-fill vacancy, 1 other vacancy, 2 full)."""
    return np.where(t.must_fill_vacancy, 0, np.where(t.vacancy, 1, 2))


def _price(t: Tables, prices: Prices, emp: np.ndarray, post: np.ndarray) -> np.ndarray:
    """Per move pair: its price (employee + post + leaving the unit + a move, and the employee's prices on a
    move and on a promotion, R27). The last two are the same for every post of a class (one Kelas Jabatan and
    tingkat), so the cheapest post of a group stays the cheapest and the search stays exact."""
    leave = np.where(t.post_unit[post] != t.emp_unit[emp], prices.leave[t.emp_unit[emp]], 0.0)
    price = prices.employee[emp] + prices.post[post] + leave + prices.move
    if prices.emp_move is not None:
        price = price + prices.emp_move[emp]
    if prices.emp_promotion is not None:
        price = price + np.where(t.is_promotion(emp, post), prices.emp_promotion[emp], 0.0)
    return price


def _screen(t: Tables, prices: Prices, forbidden: set[int], tol: float, within: float) -> np.ndarray:
    """Mask over `t.mover_rows`: the (employee, class) rows with an allowed move whose reduced cost is below
    `within` (improving: 0), found in one vectorised pass over every class, so that the search proper
    (`_options`) runs only where there is something to find.

    Exact for the same reason as the search: within a class a move's nilai and whether it is allowed depend on
    the post only through its group (category; own unit with the employee's post name, own unit with another
    name, a preferred unit, elsewhere), so each row is tested against the cheapest post of each group: in its
    own unit the cheapest of the same name (not the employee's own post) and of another name, in each
    preferred unit the cheapest, and elsewhere the cheapest outside its unit. A candidate pair among them can
    flag a row only with `within` > 0 (at an optimum over the candidates no candidate is improving); rows of
    employees with a scenario forbid (R15) are always flagged: their groups are not whole.
    """
    emp, cls, fit, _ = t.mover_rows
    flagged = np.isin(emp, np.array(sorted(forbidden), dtype=np.int64))
    posts = np.nonzero(t.post_open)[0]
    if len(emp) == 0 or len(posts) == 0:
        return flagged
    n_units, n_names = len(t.unit_names), int(t.post_name.max()) + 1
    n_cells = len(t.classes) * _CATEGORIES * n_units
    cell = (t.post_class[posts] * _CATEGORIES + _category(t)[posts]) * n_units + t.post_unit[posts]
    # The two cheapest posts of each (class, category, unit, name); of each cell (class, category, unit) the
    # cheapest and the cheapest with another name; of each (class, category) the cheapest and the cheapest
    # in another unit. Cells and (class, category) are looked up in dense arrays, names by search.
    named = _two_cheapest(cell * n_names + t.post_name[posts], posts, prices.post)
    cells = _dense(_two_cheapest(named[0] // n_names, named[1], prices.post), n_cells)
    keys = np.nonzero(cells[0] >= 0)[0]
    wide = _dense(_two_cheapest(keys // n_units, cells[0][keys], prices.post), n_cells // n_units)
    rows = np.arange(len(emp))
    pref_rows, pref_units = _preferred_units(t, emp)
    # Every row against each category k: group = class·3 + k, its own cell = group·units + own unit.
    group = (cls * _CATEGORIES)[None, :] + np.arange(_CATEGORIES)[:, None]
    own = group * n_units + t.emp_unit[emp]
    e_name, e_unit = t.post_name[t.cur[emp]], t.emp_unit[emp]
    first, second = _lookup(named, own * n_names + e_name)
    same_name = np.where(first == t.cur[emp], second, first)  # own unit, same name: not their own post
    first, second = cells[0][own], cells[1][own]
    other_name = np.where((first >= 0) & (t.post_name[first] == e_name), second, first)
    first, second = wide[0][group], wide[1][group]
    elsewhere = np.where((first >= 0) & (t.post_unit[first] == e_unit), second, first)
    preferred = cells[0][group[:, pref_rows] * n_units + pref_units]
    row = np.concatenate([np.tile(rows, 3 * _CATEGORIES), np.tile(pref_rows, _CATEGORIES)])
    post = np.concatenate([same_name.ravel(), other_name.ravel(), elsewhere.ravel(), preferred.ravel()])
    row, post = row[post >= 0], post[post >= 0]
    e_row = emp[row]
    # A pair whose price exceeds the most its nilai could be cannot beat it: skip its terms.
    price = _price(t, prices, e_row, post)
    can = prices.value_weight * value_ceiling(t, e_row, fit[row]) > price + tol - within
    row, post, e_row, price = row[can], post[can], e_row[can], price[can]
    terms = t.move_terms(e_row, post, fit[row])
    flagged[row[terms.valid & (prices.value_weight * terms.nilai > price + tol - within)]] = True
    return flagged


def _dense(table: tuple[np.ndarray, np.ndarray, np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """A `_two_cheapest` table as two arrays indexed by key (-1: no such key)."""
    keys, first, second = table
    out = np.full((2, size), -1, dtype=np.int64)
    out[0, keys], out[1, keys] = first, second
    return out[0], out[1]


def _two_cheapest(keys: np.ndarray, posts: np.ndarray, price: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                                  np.ndarray]:
    """Per distinct key (sorted): its cheapest post and its second cheapest (-1: none), ties by post index."""
    order = np.lexsort((posts, price[posts], keys))
    keys, posts = keys[order], posts[order]
    head = np.nonzero(np.r_[True, keys[1:] != keys[:-1]])[0]
    nxt = np.minimum(head + 1, len(keys) - 1)
    second = np.where((head + 1 < len(keys)) & (keys[nxt] == keys[head]), posts[nxt], -1)
    return keys[head], posts[head], second


def _lookup(table: tuple[np.ndarray, np.ndarray, np.ndarray], query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cheapest and second cheapest post of each queried key of a `_two_cheapest` table (-1: no such key)."""
    keys, first, second = table
    at = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    found = keys[at] == query
    return np.where(found, first[at], -1), np.where(found, second[at], -1)


def _preferred_units(t: Tables, emp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row of `emp` against each unit its employee asked for other than their own: (row, unit)."""
    n_units = len(t.unit_names)
    lo = np.searchsorted(t.pref_keys, emp * n_units)
    counts = np.searchsorted(t.pref_keys, (emp + 1) * n_units) - lo
    rows = np.repeat(np.arange(len(emp)), counts)
    units = t.pref_keys[np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())] % n_units
    away = units != t.emp_unit[emp[rows]]
    return rows[away], units[away]


def _options(t: Tables, emp_c: np.ndarray, posts: np.ndarray, category: np.ndarray, prices: Prices,
             forbids: tuple[dict[int, set[int]], dict[int, set[int]]], existing: np.ndarray,
             per_round: int, within: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """The (employee, post) pairs of one class to price, not yet candidates.

    Within the class a move's value depends on the post only through its category, whether it is in the
    employee's own unit (and there, whether it has the name of the employee's post), in a unit they asked
    for, or elsewhere. For each of those groups the cheapest post is the best move, so the pairs are: in the
    own and preferred units the `per_round` + 1 cheapest posts of each category (and, in the own unit, the
    cheapest post with the employee's post name and with another name, when those are not among them); in
    other units the `per_round` + 1 cheapest of each category; an employee with a scenario forbid gets every
    post priced. The cheapest post of every group is always among them, which makes the pricing exact.
    With `within` > 0 every post priced within `within` of its group's cheapest is among them too.
    """
    forbid_post, forbid_unit = forbids
    free = np.array([i not in forbid_post and i not in forbid_unit for i in emp_c.tolist()], dtype=bool)
    emp_f = emp_c[free]
    # Posts by unit, category and price: segment (unit, category) holds a unit's posts of one category.
    ranked = posts[np.lexsort((posts, prices.post[posts], category[posts], t.post_unit[posts]))]
    segment = t.post_unit[ranked] * _CATEGORIES + category[ranked]
    head = np.searchsorted(segment, segment, side="left")
    rank = np.arange(len(ranked)) - head
    chosen = rank <= per_round
    if within > 0:
        chosen |= prices.post[ranked] <= prices.post[ranked[head]] + within
    top, top_segment = ranked[chosen], segment[chosen]
    pref_e = np.array([i for i in emp_f.tolist() for _ in t.emp_prefs[i]], dtype=np.int64)
    pref_u = np.array([int(u) for i in emp_f.tolist() for u in t.emp_prefs[i]], dtype=np.int64)
    who = np.concatenate([emp_f, pref_e])
    where = np.concatenate([t.emp_unit[emp_f], pref_u])
    e_parts = [_join(who, where * _CATEGORIES + k, top, top_segment) for k in range(_CATEGORIES)]
    e_parts += _own_unit_names(t, emp_f, ranked, segment, per_round, prices.post, within)
    e_parts += _elsewhere(t, emp_f, posts, category, prices, per_round, within)
    for i in emp_c[~free].tolist():
        options = np.array([j for j in posts.tolist() if j not in forbid_post.get(i, ())
                            and t.post_unit[j] not in forbid_unit.get(i, ())], dtype=np.int64)
        e_parts.append((np.full(len(options), i, dtype=np.int64), options))
    e_arr = np.concatenate([e for e, _ in e_parts])
    p_arr = np.concatenate([p for _, p in e_parts])
    keys = e_arr * t.n_post + p_arr
    at = np.minimum(np.searchsorted(existing, keys), max(len(existing) - 1, 0))
    keys = keys[existing[at] != keys] if len(existing) else keys
    keys = unique(keys)  # a preferred unit's post can also be among the cheapest elsewhere
    e_arr, p_arr = keys // t.n_post, keys % t.n_post
    keep = p_arr != t.cur[e_arr]
    return e_arr[keep], p_arr[keep]


def _own_unit_names(t: Tables, emp: np.ndarray, ranked: np.ndarray, segment: np.ndarray,
                    per_round: int, price: np.ndarray, within: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """In the employee's own unit, the cheapest post of each category with the name of their post and the
    cheapest with another name, where the `per_round` + 1 cheapest of the category lack one of them (a move
    to a post of the same name in the same unit counts differently, see purposes.move_terms); with `within`
    > 0, every post of either name priced within `within` of that name's cheapest."""
    out: list[tuple[np.ndarray, np.ndarray]] = []
    if len(emp) == 0:
        return out
    name = t.post_name[t.cur[emp]]
    unit = t.emp_unit[emp]
    group_key = unit * (int(t.post_name.max()) + 1) + name
    order = np.argsort(group_key, kind="stable")
    _, first = np.unique(group_key[order], return_index=True)
    lead = order[first]
    bounds = []
    for k in range(_CATEGORIES):
        seg_key = unit[lead] * _CATEGORIES + k
        lo = np.searchsorted(segment, seg_key, side="left")
        hi = np.searchsorted(segment, seg_key, side="right")
        # Only segments longer than the cheapest per_round + 1 can hide a group's cheapest post.
        longer = hi - lo > (0 if within > 0 else per_round + 1)
        bounds += [(g, int(lo[g]), int(hi[g])) for g in np.nonzero(longer)[0].tolist()]
    if bounds:
        members_of = np.split(emp[order], first[1:])
        for g, lo_g, hi_g in bounds:
            seg = ranked[lo_g:hi_g]
            same = t.post_name[seg] == name[lead[g]]
            if within > 0:
                extra = [seg[kind & (price[seg] <= price[seg[np.argmax(kind)]] + within)]
                         for kind in (same, ~same) if kind.any()]
            else:
                head = same[: per_round + 1]
                extra = []
                if not head.any() and same.any():
                    extra.append(seg[np.argmax(same)][None])
                if head.all() and not same.all():
                    extra.append(seg[np.argmin(same)][None])
            for posts_g in extra:
                out.append((np.repeat(members_of[g], len(posts_g)), np.tile(posts_g, len(members_of[g]))))
    return out


def _elsewhere(t: Tables, emp: np.ndarray, posts: np.ndarray, category: np.ndarray, prices: Prices,
               per_round: int, within: float = 0.0) -> list[tuple[np.ndarray, np.ndarray]]:
    """In other units: the `per_round` + 1 cheapest posts of each category outside the employee's unit;
    holders who must leave an over-staffed post (R11) also get every post priced the same as the last of
    them (the LP prices all such posts alike for them, and one at a time would take a search each). With
    `within` > 0, every post priced within `within` of the cheapest outside the employee's unit as well."""
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for k in range(_CATEGORIES):
        in_cat = posts[category[posts] == k]
        if len(in_cat) == 0:
            continue
        ranked = in_cat[np.lexsort((in_cat, prices.post[in_cat]))]
        top = ranked[: per_round + 1]
        e_rep, p_rep = _rotated(emp, ranked, prices.post[ranked], per_round + 1)
        other = t.post_unit[p_rep] != t.emp_unit[e_rep]
        out.append((e_rep[other], p_rep[other]))
        tied = ranked[len(top):]
        tied = tied[prices.post[tied] <= prices.post[top[-1]] + _TIE]
        forced = emp[t.forced_out[emp]]
        if len(tied) and len(forced) and prices.post[top[-1]] > _TIE:  # free posts (price 0) come in anyway
            e_tie, p_tie = np.repeat(forced, len(tied)), np.tile(tied, len(forced))
            away = t.post_unit[p_tie] != t.emp_unit[e_tie]
            out.append((e_tie[away], p_tie[away]))
        if within > 0:
            out += _within_elsewhere(t, emp, ranked, prices.post[ranked], within)
        # An employee whose unit holds every one of those posts gets the cheapest post of another unit.
        covered = np.zeros(len(emp), dtype=bool)
        covered[np.searchsorted(emp, e_rep[other])] = True
        for u in unique(t.emp_unit[emp[~covered]]).tolist():
            rest = ranked[t.post_unit[ranked] != u]
            if len(rest):
                members = emp[~covered & (t.emp_unit[emp] == u)]
                out.append((members, np.full(len(members), rest[0], dtype=np.int64)))
    return out


def _within_elsewhere(t: Tables, emp: np.ndarray, ranked: np.ndarray, price: np.ndarray,
                      within: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each employee against every post of `ranked` (by `price`) outside their unit priced within `within` of
    the cheapest post outside their unit: the cheapest overall, or for the unit that holds it, the cheapest
    of the other units."""
    first_unit = t.post_unit[ranked[0]]
    others = np.nonzero(t.post_unit[ranked] != first_unit)[0]
    out = []
    for in_first, floor in ((False, price[0]), (True, price[others[0]] if len(others) else np.inf)):
        members = emp[(t.emp_unit[emp] == first_unit) == in_first]
        near = ranked[price <= floor + within]
        if len(members) and len(near):
            e_rep, p_rep = np.repeat(members, len(near)), np.tile(near, len(members))
            away = t.post_unit[p_rep] != t.emp_unit[e_rep]
            out.append((e_rep[away], p_rep[away]))
    return out


def _rotated(emp: np.ndarray, ranked: np.ndarray, price: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Each employee against `m` of the cheapest posts (`ranked` by `price`): the first `m` when fewer than
    that are tied at the lowest price; otherwise `m` of the tied posts, a different block for each employee
    in turn. All of them are equally cheap for pricing, and spreading them lets one search bring in many
    different posts (the LP fills a few and raises their price) instead of the same few for everyone."""
    ties = int(np.searchsorted(price, price[0] + _TIE, side="right")) if len(price) else 0
    if ties <= m:
        top = ranked[:m]
        return np.repeat(emp, len(top)), np.tile(top, len(emp))
    offsets = (np.arange(len(emp))[:, None] * m + np.arange(m)[None, :]) % ties
    return np.repeat(emp, m), ranked[offsets.ravel()]


def _join(emp: np.ndarray, key: np.ndarray, targets: np.ndarray,
          target_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (emp[k], target) with target_key == key[k]; `target_key` sorted."""
    if len(emp) == 0 or len(targets) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lo = np.searchsorted(target_key, key, side="left")
    counts = np.searchsorted(target_key, key, side="right") - lo
    e_rep = np.repeat(emp, counts)
    offsets = np.repeat(lo - np.cumsum(counts) + counts, counts)
    return e_rep, targets[offsets + np.arange(counts.sum())]
