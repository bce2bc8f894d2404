"""Wishes in the plan (SPEC 9): each requester, in published priority order, gets the first of their ranked wishes
that a seat and the rules allow; the plan is then made around the granted wishes.

The mechanism is a serial dictatorship over today's vacancies:

1. Requesters (sheet Permintaan; a Unit Diminati alone stays the optimiser's volunteer signal, SPEC 4) are taken
   in the order of `wishes.priority` (more points first, ties by `urutan_seri`, the NIP last).
2. For each of the requester's wishes, in their Urutan, the posts it designates are tried: a post is allowed when
   no rule keeps the requester in place or out of it (`pin_violations`: R1, R4–R10, R15, R17–R20, R22, R23; not
   R24, which yields to one's own request), when the move costs at most `batas_biaya_permintaan` nilai against
   staying, when it keeps R13 (leavers per unit, counting the grants so far) and R14 (`maks_mutasi`), and when the
   post has a seat left: a vacancy today (Kebutuhan − holders) not taken by an earlier grant or a scenario's pin.
   The first wish with an allowed post is granted (its best post by nilai); the wishes after it are not reached.
3. The grants become pins (`Pin.permintaan`: the Urutan served) and the plan is solved around them. A post where a
   wish was refused only for the counts (a seat, R13, R14 or R21 as the grants so far leave them) is closed to
   every other newcomer (`ProblemData.closed_posts`; later requesters too: it is refused them for want of a seat),
   and a requester with no grant stays where they are (`STAYS`; not one who must leave a surplus post): so nobody with
   fewer points, nor a non-requester, takes a post the requester was refused for the counts, and no refused wish
   reaches its requester another way — **no justified envy**: a wished post ranked above one's outcome that went to
   someone with fewer points was blocked for the requester by a named rule (explain and `check.wishes` name it).

Why truth-telling is safe (SPEC 9): a requester's outcome depends on the requesters before them (their grants take
seats) and on their own list, never on the requesters after them; given the seats left, they get the first wish
of their list that is allowed, which is the best they can get by any list (a reordered list gets a later-preferred
allowed wish or the same, with the same points: the distance from family is the person's, the largest their rows
give; a shortened one only loses wishes, and can only lower one's reason or distance points), and without a grant
they stay whatever they listed. The conditions: priorities are strict (ties by `urutan_seri`, the NIP last);
the plan made around the grants exists — the grants keep R11, R13, R14 and R21 with everyone else staying, so it
does unless a scenario's pins or rules the mechanism does not count interfere, and then `withdraw` takes back the
grants of the lowest priority first, which a requester's list can influence; and a requester whose post is
over-staffed or abolished is moved by the optimiser, which does not read their list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from penempatan.model import Pin, ProblemData, Wish
from penempatan.reference import Reference
from penempatan.result import Result
from penempatan.scoring import Tables, forbidden_moves
from penempatan.scoring.eligibility import pair_blocks
from penempatan.scoring.fit import pair_parts, total
from penempatan.scoring.purposes import stay_nilai
from penempatan.wishes.priority import priorities

TRUTHFUL = ("Permintaan dipertimbangkan menurut urutan prioritas yang diumumkan; mengubah atau memendekkan daftar "
            "permintaan tidak dapat memberi hasil yang lebih baik.")
"""The one sentence the letters and explain give about telling one's true wishes (the module docstring's why)."""
STAYS = 0
"""`Pin.permintaan` of a requester none of whose wishes was granted: they stay, so no wish refused to them reaches
them another way, whatever they listed. One whose post is over-staffed or abolished is not held (the optimiser may
move them, a refused wish too: their list cannot bring that about, since the optimiser does not read it)."""
NO_SEAT = "R11"
"""The code of a wish refused for want of a seat: the post has no vacancy left (R11, Kebutuhan)."""
VALUE_LIMIT = "batas_biaya_permintaan"
"""The code of a wish refused because the move costs more nilai than the parameter allows."""
OWN_REQUEST = "R24"
"""The rule a request lifts: no move near BUP *unless asked* (R24)."""


@dataclass(frozen=True)
class WishDecision:
    """What became of one ranked wish: granted (the post), refused (the codes that blocked every post it
    designates), or not reached (a wish after the granted one)."""

    i: int  # employee index
    wish: Wish
    granted: int | None = None  # the post granted
    codes: tuple[str, ...] = ()  # why refused: rule codes, NO_SEAT, VALUE_LIMIT
    reached: bool = True

    @property
    def refused(self) -> bool:
        return self.reached and self.granted is None


@dataclass(frozen=True)
class Served:
    """The data with the grants pinned, the refused seats closed and the requesters without a grant held
    (`STAYS`); and every ranked wish's decision, in priority order."""

    data: ProblemData
    decisions: tuple[WishDecision, ...]

    def granted(self) -> dict[int, WishDecision]:
        """Employee index -> the decision of the wish granted to them."""
        return {d.i: d for d in self.decisions if d.granted is not None}


def serve_wishes(data: ProblemData, tables: Tables | None = None, ref: Reference | None = None,
                 withdrawn: frozenset[int] = frozenset()) -> Served:
    """The serial dictatorship of the module docstring; the requesters in `withdrawn` (employee indices) get no
    grant (`withdraw`, after an infeasible solve)."""
    ranked = [[w for w in wishes if w.rank is not None] for wishes in data.wish_lists]
    if not any(ranked):
        return Served(data, ())
    t = tables if tables is not None else Tables(data, ref)
    forbid_post, forbid_unit = forbidden_moves(data, t)
    seats = np.maximum(0, t.post_keb - t.holders)
    pinned = {data.employee_index[p.nip]: data.position_index[p.kode_jabatan] for p in data.pins}
    for i, j in pinned.items():
        if j != t.cur[i]:
            seats[j] = max(0, seats[j] - 1)
    leavers = np.zeros(len(t.unit_names), dtype=np.int64)
    for i, j in pinned.items():
        if t.post_unit[j] != t.emp_unit[i]:
            leavers[t.emp_unit[i]] += 1
    cap_units = t.unit_leave_cap
    people = t.holders.copy()
    for i, j in pinned.items():
        people[t.cur[i]] -= 1
        people[j] += 1
    requesters = np.array([i for i, wishes in enumerate(ranked) if wishes], dtype=np.int64)
    shut = np.zeros(t.n_post, dtype=bool)  # closed to newcomers but grants (SPEC 9)
    shut[[data.position_index[k] for k in data.closed_posts]] = True
    kept = None if data.params.kekurangan_unit_boleh_naik else _SeatsKept(t, people, requesters, shut, leavers)
    moves = sum(1 for i, j in pinned.items() if j != t.cur[i])
    limit = data.params.maks_mutasi
    budget = data.params.batas_biaya_permintaan
    class_codes = _ClassCodes(t, [i for i, wishes in enumerate(ranked) if wishes])
    decisions: list[WishDecision] = []
    pins: list[Pin] = []
    for prio in priorities(data, t.ref):
        i = prio.i
        wishes = ranked[i]
        if not wishes:
            continue
        emp = data.employees[i]
        granted = False
        for wish in wishes:
            if granted:
                decisions.append(WishDecision(i, wish, reached=False))
                continue
            posts = np.array([j for j in data.posts_of(wish) if j != t.cur[i]], dtype=np.int64)
            if i in pinned or i in withdrawn or len(posts) == 0:
                code = "R15" if i in pinned else ("R21" if i in withdrawn else NO_SEAT)
                decisions.append(WishDecision(i, wish, codes=(code,)))
                continue
            # R24 yields to one's own request; the seats are the mechanism's own count (NO_SEAT), not R11's holders.
            allowed, rule_codes = pair_blocks(data, t, i, posts, forbid_post, forbid_unit, lifted=(OWN_REQUEST,),
                                              class_codes=class_codes)
            value = np.full(len(posts), np.iinfo(np.int64).min, dtype=np.int64)  # scored only where allowed
            value[allowed] = _move_values(t, i, posts[allowed])
            stay = int(stay_nilai(t, np.array([i]), t.stay_fit[[i]])[0])
            cheap = allowed & (value >= stay - budget)
            leaves = t.post_unit[posts] != t.emp_unit[i]
            unit_ok = ~leaves | (leavers[t.emp_unit[i]] < cap_units[t.emp_unit[i]])
            total_ok = limit is None or moves < limit
            seat = (seats[posts] > 0) & ~shut[posts]  # a closed post's seats are kept for someone before
            # R21: the seats filled per location and scarce profession pool may not fall (with the grants so far).
            kept_ok = (np.ones(len(posts), dtype=bool) if kept is None
                       else kept.allows(i, posts, spare_move=limit is None or moves + 1 < limit))
            ok = allowed & cheap & unit_ok & seat & total_ok & kept_ok
            if ok.any():
                best = max(np.nonzero(ok)[0].tolist(), key=lambda k: (int(value[k]), -int(posts[k])))
                j = int(posts[best])
                seats[j] -= 1
                moves += 1
                if leaves[best]:
                    leavers[t.emp_unit[i]] += 1
                if kept is not None:
                    moves += kept.move(i, j)
                pins.append(Pin(nip=emp.nip, kode_jabatan=data.positions[j].kode, permintaan=wish.rank))
                decisions.append(WishDecision(i, wish, granted=j))
                granted = True
                continue
            # Refused: every post blocked. A post that the rules and the value limit allow but the counts do not
            # (a seat, R13, R14, R21 as the grants so far leave them) is closed to other newcomers: a seat there,
            # today's or one the plan frees, may go to nobody with fewer points than this requester.
            blocked = posts[allowed & cheap]
            shut[blocked if kept is None else blocked[~kept.replaced[blocked]]] = True
            why = dict.fromkeys(rule_codes if (~allowed).any() else [])
            steps = [(allowed & ~cheap, VALUE_LIMIT), (cheap & ~unit_ok, "R13"), (cheap & unit_ok & ~total_ok, "R14"),
                     (cheap & unit_ok & total_ok & ~kept_ok, "R21"), (cheap & unit_ok & total_ok & kept_ok & ~seat,
                                                                        NO_SEAT)]
            for mask, code in steps:
                if mask.any():
                    why[code] = None
            decisions.append(WishDecision(i, wish, codes=tuple(why)))
        if not granted and i not in pinned and not t.forced_out[i]:
            pins.append(Pin(nip=emp.nip, kode_jabatan=data.positions[int(t.cur[i])].kode, permintaan=STAYS))
    served = data.replace(
        pins=(*data.pins, *pins),
        closed_posts=tuple(data.positions[j].kode for j in np.nonzero(shut)[0].tolist()),
        replacements=(*data.replacements, *(kept.replacements if kept is not None else ())))
    return Served(served, tuple(decisions))


class _SeatsKept:
    """R21 one grant at a time: the seats filled (Σ min(people, Kebutuhan)) per location and per scarce profession
    pool in a unit may not fall below today's, with the grants so far — or, where a grant's leaving would lower
    them, a replacement is set aside: a holder of an over-staffed post (whose leaving lowers nothing) whom every
    pair rule allows into the requester's post, not a requester, each set aside once. The optimiser
    must move surplus holders out anyway (R11) and keeps R21 itself, so it fills the seat with them or another;
    without a replacement the wish is refused (R21). The grants kept this way (and R11, R13, R14 counted likewise)
    leave a plan around them in all but rare cases (a replacement's move blocked by R13 or a pin; `withdraw`).
    A requester refused a post for R21 while someone else could fill their seat would have justified envy towards
    whoever got that post (tests/test_envy_brute_force.py found such cases before the replacements)."""

    def __init__(self, t: Tables, people: np.ndarray, requesters: np.ndarray, shut: np.ndarray,
                 leavers: np.ndarray) -> None:
        self.t = t
        self.people = people
        self.shut = shut  # posts closed so far (serve's array, shared)
        self.leavers = leavers  # R13 leavers per unit so far (serve's array, shared)
        self.replacements: list[tuple[str, str]] = []  # (NIP, Kode Jabatan) set aside: candidate pairs
        self.net: dict[tuple[str, int], int] = {}
        for j in np.nonzero(people != t.holders)[0].tolist():
            self._add(j, self._filled(j, int(people[j])) - self._filled(j, int(t.holders[j])))
        # Surplus holders no rule keeps in place, not requesters. Scenario pins are not looked at: a saved plan is
        # checked on its data without the answers of the plan it was re-solved from (`explain --rencana`,
        # `surat`), and serving must decide the same there; a pinned one set aside leaves the solver the others.
        spare = np.nonzero(t.forced_out & t.movable)[0]
        self.spare = spare[~np.isin(spare, requesters)]
        self.set_aside = np.zeros(len(self.spare), dtype=bool)
        self.allowed: dict[int, np.ndarray] = {}  # per post class: every pair rule allows each spare holder in
        self.replacement: int | None = None  # set aside by the last `allows` that needed one
        self.replaced = np.zeros(t.n_post, dtype=bool)  # posts a replacement is set aside for: never closed

    def _replacement(self, a: int) -> int | None:
        """A spare surplus holder (index into `spare`, the first by employee index) every pair rule allows into
        post `a` with a purpose, whose post stays over-staffed after those set aside so far leave (their leaving
        lowers no seat count) and whose unit may lose one more (R13), or None. `a` must take newcomers."""
        t = self.t
        if not t.post_open[a] or self.shut[a] or len(self.spare) == 0:
            return None
        spare, c = self.spare, int(t.post_class[a])
        if c not in self.allowed:
            self.allowed[c] = ~np.logical_or.reduce(list(t.class_exclusions(c, spare).values()))
        home = t.cur[spare]
        ok = self.allowed[c] & ~self.set_aside & (home != a) & (self.people[home] > t.post_keb[home])
        away = t.emp_unit[spare] != t.post_unit[a]
        ok &= ~away | (self.leavers[t.emp_unit[spare]] < t.unit_leave_cap[t.emp_unit[spare]])
        found = np.nonzero(ok)[0]
        if len(found) == 0:
            return None
        emp = spare[found]
        post = np.full(len(found), a, dtype=np.int64)
        valid = t.move_terms(emp, post, total(pair_parts(t, emp, post))).valid
        return int(found[valid][0]) if valid.any() else None

    def _filled(self, j: int, n: int) -> int:
        return min(n, int(self.t.post_keb[j]))

    def _keys(self, j: int) -> list[tuple[str, int]]:
        pool = int(self.t.post_pool[j])
        return [("lokasi", int(self.t.post_place[j]))] + ([("profesi", pool)] if pool >= 0 else [])

    def _add(self, j: int, delta: int) -> None:
        for key in self._keys(j):
            self.net[key] = self.net.get(key, 0) + delta

    def _deltas(self, i: int, j: int) -> list[tuple[int, int]]:
        a = int(self.t.cur[i])
        return [(a, self._filled(a, int(self.people[a]) - 1) - self._filled(a, int(self.people[a]))),
                (j, self._filled(j, int(self.people[j]) + 1) - self._filled(j, int(self.people[j])))]

    def allows(self, i: int, posts: np.ndarray, spare_move: bool) -> np.ndarray:
        """Per post j of `posts` (each with a seat left): may i move there? Only i's leaving can lower a location
        or pool; arriving in the same one (and filling a seat there) makes up for it, and so does a replacement
        set aside (when R14 leaves room for its move: `spare_move`)."""
        t, a = self.t, int(self.t.cur[i])
        self.replacement = None
        leave = self._filled(a, int(self.people[a]) - 1) - self._filled(a, int(self.people[a]))
        if leave == 0:
            return np.ones(len(posts), dtype=bool)
        if spare_move and any(self.net.get(key, 0) + leave < 0 for key in self._keys(a)):
            self.replacement = self._replacement(a)
            if self.replacement is not None:
                return np.ones(len(posts), dtype=bool)
        fills = np.minimum(self.people[posts] + 1, t.post_keb[posts]) > np.minimum(self.people[posts],
                                                                                     t.post_keb[posts])
        ok = np.ones(len(posts), dtype=bool)
        for kind, key in self._keys(a):
            if self.net.get((kind, key), 0) + leave >= 0:
                continue
            same = (t.post_place[posts] if kind == "lokasi" else t.post_pool[posts]) == key
            ok &= same & fills
        return ok

    def move(self, i: int, j: int) -> int:
        """Count i's granted move to j (and the replacement `allows` set aside for it); returns the moves counted
        besides i's own (R14): 1 with a replacement, else 0."""
        t = self.t
        for post, delta in self._deltas(i, j):
            self._add(post, delta)
        self.people[t.cur[i]] -= 1
        self.people[j] += 1
        if self.replacement is None:
            return 0
        # Counted as moved into i's seat; the optimiser chooses who does (the pair is made a candidate).
        k, self.replacement = self.replacement, None
        self.set_aside[k] = True
        r, a = int(self.spare[k]), int(t.cur[i])
        self._add(a, self._filled(a, int(self.people[a]) + 1) - self._filled(a, int(self.people[a])))
        self.people[t.cur[r]] -= 1
        self.people[a] += 1
        if t.emp_unit[r] != t.post_unit[a]:
            self.leavers[t.emp_unit[r]] += 1
        self.replacements.append((t.data.employees[r].nip, t.data.positions[a].kode))
        self.replaced[a] = True
        return 1


class _ClassCodes:
    """The pair rules of a post class for every requester at once (one vectorised call per class, not one per
    requester and class: at 50,000 employees a quarter of a million calls)."""

    def __init__(self, t: Tables, requesters: list[int]) -> None:
        self.t = t
        self.emp = np.array(requesters, dtype=np.int64)
        self.row = {i: k for k, i in enumerate(requesters)}
        self.cache: dict[int, dict[str, np.ndarray]] = {}

    def __call__(self, c: int, i: int) -> list[str]:
        if c not in self.cache:
            self.cache[c] = self.t.class_exclusions(c, self.emp)
        k = self.row[i]
        return [code for code, mask in self.cache[c].items() if mask[k]]


def _move_values(t: Tables, i: int, posts: np.ndarray) -> np.ndarray:
    """The nilai (SPEC 4) of moving employee i to each of `posts`."""
    emp = np.full(len(posts), i, dtype=np.int64)
    return t.move_terms(emp, posts, total(pair_parts(t, emp, posts))).nilai.astype(np.int64)


def unserved(data: ProblemData) -> ProblemData:
    """`data` without what serving the wishes added (grants and STAYS pins, closed posts)."""
    if not data.closed_posts and not data.replacements and not any(p.permintaan is not None for p in data.pins):
        return data
    return data.replace(pins=tuple(p for p in data.pins if p.permintaan is None), closed_posts=(), replacements=())


def wish_decisions(data: ProblemData, ref: Reference | None = None) -> tuple[WishDecision, ...]:
    """The decision on every ranked wish of served (or unserved) data, as `serve_wishes` made them (the same input
    gives the same decisions)."""
    return serve_wishes(unserved(data), ref=ref).decisions


WITHDRAWALS = 20
"""The most grants withdrawn one at a time before every grant is (a count, so the same input gives the same plan)."""


def withdraw(unserved: ProblemData, served: ProblemData, first: tuple[Tables, Result],
             solved: Callable[[ProblemData], tuple[Tables, Result]]) -> tuple[ProblemData, Tables, Result]:
    """The plan when the one around every grant cannot exist (R21 needs replacements the rules do not allow, or
    R13/R14 with a scenario's pins): the grant of the lowest priority is withdrawn and the wishes served again
    (its requester gets no grant; the others may get more), until a plan exists or `WITHDRAWALS` were withdrawn.
    The grants keep R11, R13, R14 and R21 by construction (`serve_wishes`), so this is a safety net for rules the
    mechanism does not see. The data of the plan found is returned with it."""
    tables, result = first
    data = served
    withdrawn: set[int] = set()
    while not result.feasible and len(withdrawn) < WITHDRAWALS:
        decisions = serve_wishes(unserved, withdrawn=frozenset(withdrawn)).decisions
        grants = [d.i for d in decisions if d.granted is not None]
        if not grants:
            break
        withdrawn.add(grants[-1])  # decisions are in priority order: the last grant has the lowest priority
        data = serve_wishes(unserved, withdrawn=frozenset(withdrawn)).data
        tables, result = solved(data)
    return data, tables, result
