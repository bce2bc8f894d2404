"""Sparse candidate pairs: every employee's current post plus their best allowed moves, under caps.

Posts are grouped into classes that score alike; each movable employee gets at most `per_class` posts of
each eligible class and at most `max_candidates` moves overall (best nilai first), each must-fill vacancy
keeps its `must_fill_extra` best employees, and pins (R15) replace an employee's candidates. The caps are
described in the README ("Candidate caps and pricing").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from penempatan.arrays import unique
from penempatan.model import ProblemData
from penempatan.scoring.eligibility import forbidden_moves, pin_violations
from penempatan.scoring.fit import COMPONENTS, pair_parts, total
from penempatan.scoring.purposes import NOT_ELIGIBLE, class_upper_value, stay_nilai
from penempatan.scoring.tables import Tables


@dataclass(frozen=True, kw_only=True)
class Candidates:
    """Sparse candidate pairs, sorted by employee; the current post of every employee is among them.

    `score` is the fit 0–100, `nilai` the pair's coefficient in the objective (SPEC 4), `purposes` and
    `flags` bit sets over PURPOSES and FLAGS (0 for a stay pair).
    """

    emp: np.ndarray  # int64 employee index
    post: np.ndarray  # int64 post index
    score: np.ndarray  # int64 fit, 0–100
    stay: np.ndarray  # bool, True for the current post
    parts: np.ndarray  # int64 (n_pairs, len(COMPONENTS))
    nilai: np.ndarray  # int64 objective coefficient
    purposes: np.ndarray  # int64 bit set over PURPOSES
    flags: np.ndarray  # int64 bit set over FLAGS
    pin_conflicts: tuple[tuple[int, int, tuple[str, ...]], ...] = ()  # (employee, post, rule codes)

    def __len__(self) -> int:
        return len(self.emp)

    def take(self, keep: np.ndarray) -> Candidates:
        """The pairs flagged in `keep` (same order)."""
        return Candidates(**{name: getattr(self, name)[keep] for name in _PAIR_FIELDS},
                          pin_conflicts=self.pin_conflicts)


_PAIR_FIELDS = ("emp", "post", "score", "stay", "parts", "nilai", "purposes", "flags")
"""The fields of `Candidates` that hold one value (or row) per pair."""


@dataclass
class _Pairs:
    """Move pairs collected during candidate generation (columns of a future Candidates)."""

    emp: list[np.ndarray]
    post: list[np.ndarray]
    parts: list[np.ndarray]

    @classmethod
    def empty(cls) -> _Pairs:
        return cls([], [], [])

    def add(self, emp: np.ndarray, post: np.ndarray, parts: np.ndarray) -> None:
        self.emp.append(emp)
        self.post.append(post)
        self.parts.append(parts)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.emp:
            return (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                    np.zeros((0, len(COMPONENTS)), dtype=np.int64))
        return np.concatenate(self.emp), np.concatenate(self.post), np.concatenate(self.parts)


@dataclass(frozen=True)
class _Scope:
    """What every step of candidate generation shares."""

    t: Tables
    forbid_post: dict[int, set[int]]  # R15 forbids by employee
    forbid_unit: dict[int, set[int]]
    group_keys: list[frozenset[int]]  # distinct sets of preferred units (Unit Diminati)
    group_of: np.ndarray  # per employee: index into group_keys, -1 without preferences
    per_class: int


def build_candidates(data: ProblemData, tables: Tables | None = None, *,
                     per_class: int = 12, max_candidates: int | None = None,
                     must_fill_extra: int = 25, reference: np.ndarray | None = None) -> Candidates:
    """Every employee's current post plus their best allowed moves (eligible and with a purpose).

    Caps (documented in the README): for each movable employee, posts are grouped into classes; of each
    eligible class at most `per_class` posts are kept (preferring a unit the employee asked for, posts
    with a vacancy, then the employee's own unit), and of all those the `max_candidates` best by nilai
    (default `Params.maks_kandidat`). Each must-fill post (R12) additionally gets its `must_fill_extra`
    best employees, so a cap never hides the only people who could fill it. Pins (R15) replace an
    employee's candidates by the pinned post.
    """
    t = tables or Tables(data)
    cap = max_candidates or data.params.maks_kandidat
    forbid_post, forbid_unit = forbidden_moves(data, t)
    movers = t.free_movers
    # Employees who named the same preferred units share a group (usually few distinct groups).
    group_keys = sorted({t.emp_prefs[i] for i in movers.tolist() if t.emp_prefs[i]}, key=sorted)
    group_index = {key: g for g, key in enumerate(group_keys)}
    group_of = np.array([group_index.get(prefs, -1) for prefs in t.emp_prefs], dtype=np.int64)
    scope = _Scope(t, forbid_post, forbid_unit, group_keys, group_of, per_class)
    posts_of_class = [np.nonzero((t.post_class == c) & t.post_open)[0] for c in range(len(t.classes))]

    eligible, threshold = _cap_thresholds(t, movers, posts_of_class, per_class, cap)
    row_of = np.full(t.n_emp, -1, dtype=np.int64)
    row_of[movers] = np.arange(len(movers))
    spread, wajib = _Pairs.empty(), _Pairs.empty()
    for c, (posts_c, ok_c) in enumerate(zip(posts_of_class, eligible, strict=True)):
        if ok_c is None or not ok_c.any():
            continue
        emp_c = movers[ok_c]
        parts = t.class_parts(c, emp_c)
        fit = total(parts)
        upper = class_upper_value(t, c, emp_c, fit, posts_c)
        wanted_rows = (upper >= threshold[row_of[emp_c]]) | t.forced_out[emp_c]  # R11: surplus keeps every pick
        spread.add(*_spread_pairs(scope, emp_c, posts_c, parts, wanted_rows))
        # R12: each must-fill post of the class gets its best employees, whatever the caps.
        for j in posts_c[t.must_fill_vacancy[posts_c]].tolist():
            wajib.add(*_must_fill_pairs(scope, j, emp_c, parts, fit, must_fill_extra))
    move_e, move_p, move_parts = _capped_moves(t, spread, wajib, cap)

    pinned = {data.employee_index[pin.nip]: data.position_index[pin.kode_jabatan] for pin in data.pins}
    kept_pairs = [(data.employee_index[nip], data.position_index[kode]) for nip, kode in data.replacements]
    if reference is not None:
        kept_pairs += [(i, int(j)) for i, j in enumerate(np.asarray(reference).tolist())]
    if kept_pairs:
        move_e, move_p, move_parts = _with_kept_moves(data, scope, kept_pairs, pinned, move_e, move_p, move_parts)

    # Pinned employees: exactly the pinned post (stay pair when pinned to their own post). A pin is the
    # committee's decision, so it needs no purpose; a pin that breaks a hard rule is recorded as a
    # conflict and the solver then reports the plan infeasible.
    conflicts = tuple((i, j, codes) for i, j in sorted(pinned.items())
                      if (codes := pin_violations(data, t, i, j, forbid_post, forbid_unit)))
    pin_e = np.array([i for i, j in pinned.items() if j != t.cur[i]], dtype=np.int64)
    pin_p = np.array([pinned[int(i)] for i in pin_e], dtype=np.int64)
    pin_parts = pair_parts(t, pin_e, pin_p)
    stay_e = np.array([i for i in range(t.n_emp) if pinned.get(i, t.cur[i]) == t.cur[i]], dtype=np.int64)

    emp = np.concatenate([stay_e, move_e, pin_e])
    post = np.concatenate([t.cur[stay_e], move_p, pin_p])
    parts = np.concatenate([t.stay_parts[stay_e], move_parts, pin_parts])
    stay = np.concatenate([np.ones(len(stay_e), bool), np.zeros(len(move_e) + len(pin_e), bool)])
    return assemble(t, emp, post, parts, stay, conflicts)


def _cap_thresholds(t: Tables, movers: np.ndarray, posts_of_class: list[np.ndarray], per_class: int,
                    cap: int) -> tuple[list[np.ndarray | None], np.ndarray]:
    """Pass 1: per class, which movers every pair rule allows (None: no open post or no mover); per mover,
    the nilai below which a pair can never be among their `cap` best (from each class's best possible
    nilai), so the second pass materialises only pairs at or above it and memory stays small."""
    eligible: list[np.ndarray | None] = []
    class_values = np.full((len(movers), len(t.classes)), NOT_ELIGIBLE, dtype=np.int64)
    multiplicity = np.zeros(len(t.classes), dtype=np.int64)
    for c in range(len(t.classes)):
        posts_c = posts_of_class[c]
        if len(posts_c) == 0 or len(movers) == 0:
            eligible.append(None)
            continue
        ok = t.eligible_movers(c)
        eligible.append(ok)
        if ok.any():
            class_values[ok, c] = class_upper_value(t, c, movers[ok], total(t.class_parts(c, movers[ok])), posts_c)
        multiplicity[c] = min(per_class, len(posts_c) - 1)
    return eligible, _cap_threshold(class_values, multiplicity, cap)


def _spread_pairs(scope: _Scope, emp_c: np.ndarray, posts_c: np.ndarray, parts: np.ndarray,
                  wanted_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pass 2 for one class: up to `per_class` posts per employee (rows not `wanted_rows` get none): posts
    in their preferred units first, then vacancies, each employee's list rotated through a pooled class."""
    t, per_class = scope.t, scope.per_class
    picks = _spread_posts(posts_c, t.vacancy[posts_c], emp_c, per_class)
    picks[~wanted_rows] = -1
    # Employees who named units they want: posts of this class in those units come first.
    ordered = posts_c[np.lexsort((posts_c, ~t.vacancy[posts_c]))]
    groups_c = scope.group_of[emp_c]
    for g in unique(groups_c[groups_c >= 0]).tolist():
        wanted = ordered[np.isin(t.post_unit[ordered], list(scope.group_keys[g]))][: per_class + 1]
        if len(wanted) == 0:
            continue
        rows = np.nonzero(groups_c == g)[0]
        merged = np.concatenate([np.broadcast_to(wanted, (len(rows), len(wanted))), picks[rows]], axis=1)
        picks_g = np.full((len(rows), per_class + 1), -1, dtype=np.int64)
        for r_i, row in enumerate(merged):
            uniq = list(dict.fromkeys(int(v) for v in row if v >= 0))[: per_class + 1]
            picks_g[r_i, : len(uniq)] = uniq
        picks[rows] = picks_g
    _drop_forbidden(scope, emp_c, picks)
    picks[picks == t.cur[emp_c][:, None]] = -1
    picks[np.cumsum(picks >= 0, axis=1) > per_class] = -1
    r, col = np.nonzero(picks >= 0)
    return emp_c[r], picks[r, col], parts[r]


def _must_fill_pairs(scope: _Scope, j: int, emp_c: np.ndarray, parts: np.ndarray, fit: np.ndarray,
                     must_fill_extra: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """R12: the `must_fill_extra` best allowed moves (by nilai) of the class's employees into must-fill post j."""
    t = scope.t
    cols = np.full((len(emp_c), 1), j, dtype=np.int64)
    _drop_forbidden(scope, emp_c, cols)
    allowed = np.nonzero((cols[:, 0] >= 0) & (t.cur[emp_c] != j))[0]
    terms = t.move_terms(emp_c[allowed], np.full(len(allowed), j, dtype=np.int64), fit[allowed])
    allowed = allowed[terms.valid]
    best = allowed[np.lexsort((emp_c[allowed], -terms.nilai[terms.valid]))[:must_fill_extra]]
    return emp_c[best], np.full(len(best), j, dtype=np.int64), parts[best]


def _capped_moves(t: Tables, spread: _Pairs, wajib: _Pairs, cap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The allowed moves (with a purpose) of both lists, each employee's spread picks cut to their `cap`
    best by nilai; must-fill picks, and a surplus holder's vacancies (R11), are kept whatever the cap."""
    n_spread = sum(len(r) for r in spread.emp)
    move_e, move_p, move_parts = _Pairs([*spread.emp, *wajib.emp], [*spread.post, *wajib.post],
                                        [*spread.parts, *wajib.parts]).arrays()
    from_wajib = np.arange(len(move_e)) >= n_spread
    if len(move_e):
        # The same pair can come from both lists: keep its first occurrence.
        _, first = np.unique(move_e * max(1, t.n_post) + move_p, return_index=True)
        first.sort()
        move_e, move_p, move_parts, from_wajib = move_e[first], move_p[first], move_parts[first], from_wajib[first]
    terms = t.move_terms(move_e, move_p, total(move_parts))
    ok = terms.valid
    move_e, move_p, move_parts, from_wajib = move_e[ok], move_p[ok], move_parts[ok], from_wajib[ok]
    move_nilai = terms.nilai[ok]

    keep = np.zeros(len(move_e), dtype=bool)
    spread_rows = ~from_wajib
    keep[spread_rows] = _top_per_employee(move_e[spread_rows], move_nilai[spread_rows], move_p[spread_rows], cap)
    # R11: a surplus holder keeps every vacancy among their picks, whatever the cap.
    keep |= t.forced_out[move_e] & t.vacancy[move_p] & spread_rows
    keep |= from_wajib
    return move_e[keep], move_p[keep], move_parts[keep]


def _with_kept_moves(data: ProblemData, scope: _Scope, pairs: list[tuple[int, int]], pinned: dict[int, int],
                     move_e: np.ndarray, move_p: np.ndarray,
                     move_parts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Moves that stay candidates whatever the caps, when every hard rule allows them and they have a purpose:
    a reference plan's (minimal change, `solve --acuan`: so the bonus for keeping them can act) and the
    replacements set aside for granted wishes (SPEC 9: so R21 can be kept around the grants)."""
    t = scope.t
    have = set(zip(move_e.tolist(), move_p.tolist(), strict=True))
    extra = [(i, j) for i, j in dict.fromkeys(pairs)
             if j != t.cur[i] and i not in pinned and (i, j) not in have
             and not pin_violations(data, t, i, j, scope.forbid_post, scope.forbid_unit)]
    if not extra:
        return move_e, move_p, move_parts
    ref_e = np.array([i for i, _ in extra], dtype=np.int64)
    ref_p = np.array([j for _, j in extra], dtype=np.int64)
    ref_parts = pair_parts(t, ref_e, ref_p)
    valid = t.move_terms(ref_e, ref_p, total(ref_parts)).valid
    return (np.concatenate([move_e, ref_e[valid]]), np.concatenate([move_p, ref_p[valid]]),
            np.concatenate([move_parts, ref_parts[valid]]))


def assemble(t: Tables, emp: np.ndarray, post: np.ndarray, parts: np.ndarray, stay: np.ndarray,
             conflicts: tuple[tuple[int, int, tuple[str, ...]], ...]) -> Candidates:
    """Candidates sorted by employee (stay pair first), with fit, nilai, purposes and flags of every pair."""
    order = np.lexsort((post, ~stay, emp))
    return _with_terms(t, emp[order], post[order], parts[order], stay[order], conflicts)


def extend(t: Tables, cand: Candidates, emp: np.ndarray, post: np.ndarray) -> Candidates:
    """`cand` plus the move pairs (emp[k], post[k]) (not among them), in the order of `assemble`; the terms of
    the pairs already there are kept, not computed again."""
    more = _with_terms(t, emp, post, pair_parts(t, emp, post), np.zeros(len(emp), dtype=bool), ())
    joined = {name: np.concatenate([getattr(cand, name), getattr(more, name)]) for name in _PAIR_FIELDS}
    order = np.lexsort((joined["post"], ~joined["stay"], joined["emp"]))
    return Candidates(**{name: values[order] for name, values in joined.items()}, pin_conflicts=cand.pin_conflicts)


def _with_terms(t: Tables, emp: np.ndarray, post: np.ndarray, parts: np.ndarray, stay: np.ndarray,
                conflicts: tuple[tuple[int, int, tuple[str, ...]], ...]) -> Candidates:
    """Candidates of these pairs (in this order) with fit, nilai, purposes and flags of every pair."""
    score = total(parts)
    nilai = score.copy()
    held = np.nonzero(stay)[0]
    nilai[held] = stay_nilai(t, emp[held], score[held])
    purposes = np.zeros(len(emp), dtype=np.int64)
    flags = np.zeros(len(emp), dtype=np.int64)
    move = np.nonzero(~stay)[0]
    if len(move):
        terms = t.move_terms(emp[move], post[move], score[move])
        nilai[move], purposes[move], flags[move] = terms.nilai, terms.purposes, terms.flags
    return Candidates(emp=emp, post=post, score=score, stay=stay, parts=parts, nilai=nilai, purposes=purposes,
                      flags=flags, pin_conflicts=conflicts)


def _cap_threshold(values: np.ndarray, multiplicity: np.ndarray, cap: int) -> np.ndarray:
    """Per row, the value of the `cap`-th best pair when class c offers `multiplicity[c]` pairs at
    values[row, c] (NOT_ELIGIBLE = none); NOT_ELIGIBLE when a row has fewer than `cap` pairs in all."""
    if values.size == 0:
        return np.full(len(values), NOT_ELIGIBLE, dtype=np.int64)
    order = np.argsort(-values, axis=1, kind="stable")
    sorted_values = np.take_along_axis(values, order, axis=1).astype(np.int64)
    counts = np.where(sorted_values > NOT_ELIGIBLE, multiplicity[order], 0)
    reached = np.cumsum(counts, axis=1) >= cap
    first = np.argmax(reached, axis=1)
    has = reached[np.arange(len(values)), first]
    return np.where(has, sorted_values[np.arange(len(values)), first], NOT_ELIGIBLE)


def _spread_posts(posts: np.ndarray, vacant: np.ndarray, emp: np.ndarray, k: int) -> np.ndarray:
    """For each employee, k+1 posts of a class: vacancies first, then the rest, each list rotated by the
    employee's index so that different employees see different posts of a large pooled class.

    Returns an (len(emp), k+1) array of post indices (-1 = none); one spare column absorbs the
    employee's own post, removed by the caller.
    """
    width = k + 1
    out = np.full((len(emp), width), -1, dtype=np.int64)
    v, w = np.sort(posts[vacant]), np.sort(posts[~vacant])
    cols = np.arange(width)
    filled = 0
    for group in (v, w):
        take = min(len(group), width - filled)
        if take <= 0:
            continue
        idx = (emp[:, None] + cols[None, :take]) % len(group)
        out[:, filled:filled + take] = group[idx]
        filled += take
    return out


def _drop_forbidden(scope: _Scope, emp: np.ndarray, picks: np.ndarray) -> None:
    """R15: blank out (set to -1) picked posts that a scenario forbids for that employee, in place."""
    forbid_post, forbid_unit = scope.forbid_post, scope.forbid_unit
    for i in set(forbid_post) | set(forbid_unit):
        rows = np.nonzero(emp == i)[0]
        if len(rows) == 0:
            continue
        sub = picks[rows]
        bad = np.isin(sub, list(forbid_post.get(i, ()))) | np.isin(scope.t.post_unit[np.maximum(sub, 0)],
                                                                    list(forbid_unit.get(i, ())))
        sub[bad & (sub >= 0)] = -1
        picks[rows] = sub


def _top_per_employee(emp: np.ndarray, score: np.ndarray, post: np.ndarray, cap: int) -> np.ndarray:
    """Mask keeping each employee's `cap` best pairs (ties broken by post index)."""
    keep = np.zeros(len(emp), dtype=bool)
    if len(emp) == 0:
        return keep
    order = np.lexsort((post, -score, emp))
    starts = np.r_[0, np.nonzero(np.diff(emp[order]))[0] + 1]
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    keep[order[rank < cap]] = True
    return keep
