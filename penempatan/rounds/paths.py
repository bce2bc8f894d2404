"""The candidate paths of a two-round plan (SPEC 8): what each employee may do over both rounds.

A path is one of: stay in both rounds (`round` 0); move at round 1 and stay there (1); stay at round 1 and move
at round 2 (2), possibly after a course of round 1 that the move needs (`course`). Nobody moves twice: R1's
minimum tenure (24 months by default) is longer than the months between the rounds, and a move at round 2 of
someone moved at round 1 would need R1's exception.

- Round-1 moves are the one-round candidates (`round_one`: the one-round solve's own, priced beyond the caps).
- Round-2 moves are the one-round candidates of the data at round 2 (`rounds.later.at_round_two`: tenure, BUP
  departures, sanctions that end). Who departs by round 2 only stays (their seat is vacant at round 2), and so
  does whoever is pinned (R15: a pin is a decision for round 1).
- A path is worth round 1 as a one-round plan values it (the stay's nilai, or the move's) plus what round 2 adds
  over staying then: a move at round 2, its nilai at that date less the stay's then and less WAIT. So the two-round
  objective of round 1 alone is the one-round objective, and round 1 differs from the one-round plan only where
  holding a seat or a person for round 2 is worth more ("menunggu putaran 2").
- Trained moves: for each development course that can finish by round 2 (`courses_for_development`), the
  round-2 candidates with everyone trained in it; a pair that only training allows is a path with that course,
  valued with the fit the training gives.
The paths are all candidates of each round, so a plan optimal over them is optimal over the candidates, not over
every allowed pair (the one-round solver's pricing does not reach round 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from penempatan.model import ProblemData
from penempatan.reference import Pelatihan
from penempatan.rounds.later import RoundTwo, at_round_two, courses_for_development
from penempatan.rounds.outcome import WAIT
from penempatan.scoring import Candidates, Tables, build_candidates, months_between
from penempatan.wishes.priority import priorities

STAY, NOW, LATER = 0, 1, 2
"""The kinds of path (`Paths.round`): stay in both rounds, move at round 1, move at round 2."""


@dataclass(frozen=True)
class Paths:
    """Every candidate path, sorted by employee: who (`emp`, an index of the round-1 data), when (`round`), where
    they end (`post`), the course of round 1 it needs (`course`, an index of `courses`, -1 none), its nilai and fit
    (`score`), and whether it is a promotion."""

    emp: np.ndarray
    round: np.ndarray
    post: np.ndarray
    course: np.ndarray
    nilai: np.ndarray
    score: np.ndarray
    promotion: np.ndarray
    cur: np.ndarray  # per employee: their post today
    departed: np.ndarray  # per employee: gone by round 2 (BUP)
    courses: tuple[Pelatihan, ...]
    later: RoundTwo  # the data at round 2 without training
    round_two_index: np.ndarray  # per employee: their index in `later.data`, -1 when departed

    def __len__(self) -> int:
        return len(self.emp)

    @property
    def pos1(self) -> np.ndarray:
        """Per path: the post at round 1 (today's post unless it moves at round 1)."""
        return np.where(self.round == NOW, self.post, self.cur[self.emp])

    def take(self, keep: np.ndarray) -> Paths:
        return Paths(self.emp[keep], self.round[keep], self.post[keep], self.course[keep], self.nilai[keep],
                     self.score[keep], self.promotion[keep], self.cur, self.departed, self.courses, self.later,
                     self.round_two_index)


def build_paths(data: ProblemData, t1: Tables, round_one: Candidates, *, training: bool = True,
                also: Sequence[tuple[int, int, int, int]] = ()) -> Paths:
    """The paths of `data` (see the module docstring): round 1 from `round_one` (candidates of `data`), round 2
    and the trained moves from the data at round 2; `also` more moves of round 2 (employee, post, nilai, its fit),
    such as those of a one-round plan made after round 1, kept whatever the caps and the closure for the wishes
    (that plan was checked as a whole)."""
    later = at_round_two(data, ref=t1.ref)
    n = t1.n_emp
    index2 = np.full(n, -1, dtype=np.int64)
    for i2, e in enumerate(later.data.employees):
        index2[data.employee_index[e.nip]] = i2
    departed = index2 < 0
    pinned = np.zeros(n, dtype=bool)
    for pin in data.pins:
        pinned[data.employee_index[pin.nip]] = True
    back = np.nonzero(~departed)[0]  # round-2 index -> round-1 index

    parts: list[tuple[np.ndarray, ...]] = []
    # Stays and round-1 moves (a departing employee only stays), valued as round 1 (module docstring).
    keep = round_one.stay | ~departed[round_one.emp]
    c1 = round_one.take(keep)
    parts.append((c1.emp, np.where(c1.stay, STAY, NOW), c1.post, np.full(len(c1), -1), c1.nilai.astype(np.int64),
                  c1.score, ~c1.stay & t1.is_promotion(c1.emp, c1.post)))
    t2 = Tables(later.data, t1.ref)
    plain = build_candidates(later.data, t2)
    # A move at round 2 is worth the stay of round 1 and what it adds at round 2 over staying then.
    stay_now = np.zeros(n, dtype=np.int64)
    stay_now[c1.emp[c1.stay]] = c1.nilai[c1.stay]
    stay_value = stay_now.copy()
    stay_value[back[plain.emp[plain.stay]]] -= plain.nilai[plain.stay]
    seen = _later_moves(parts, plain, back, pinned, t2, -1, stay_value)
    if training:
        months = months_between(data.params.tanggal_acuan, later.tanggal)
        courses = courses_for_development(t1.ref, within_months=months)
    else:
        courses = ()
    for c, course in enumerate(courses):
        trained = at_round_two(data, {e.nip: (course,) for e in later.data.employees}, ref=t1.ref).data
        tc = Tables(trained, t1.ref)
        cand = build_candidates(trained, tc)
        new = ~np.isin(cand.emp * t2.n_post + cand.post, seen)
        seen = np.union1d(seen, _later_moves(parts, cand.take(new), back, pinned, tc, c, stay_value))
    joined = [np.concatenate([p[k] for p in parts]) for k in range(7)]
    keep = _not_envied(later.data, t1, back, joined[0], joined[1], joined[2])
    joined = [a[keep] for a in joined]
    if also:
        untrained = (joined[1] == LATER) & (joined[3] < 0)
        have = set(zip(joined[0][untrained].tolist(), joined[2][untrained].tolist(), strict=True))
        extra = [(i, j, v, f) for i, j, v, f in also if (i, j) not in have]
        if extra:
            i, j, v, f = (np.array(x, dtype=np.int64) for x in zip(*extra, strict=True))
            added = (i, np.full(len(i), LATER), j, np.full(len(i), -1), stay_now[i] + v - WAIT, f,
                     t1.is_promotion(i, j))
            joined = [np.concatenate([a, b]) for a, b in zip(joined, added, strict=True)]
    order = np.lexsort((joined[2], joined[1], joined[0]))
    emp, kind, post, needs, nilai, score, promotion = (a[order] for a in joined)
    return Paths(emp.astype(np.int64), kind.astype(np.int64), post.astype(np.int64), needs.astype(np.int64),
                 nilai.astype(np.int64), score.astype(np.int64), promotion.astype(bool), t1.cur.copy(), departed,
                 tuple(courses), later, index2)


def _not_envied(later: ProblemData, t1: Tables, back: np.ndarray, emp: np.ndarray, kind: np.ndarray,
                post: np.ndarray) -> np.ndarray:
    """SPEC 9 at round 2: no move of round 2 into a post that a requester of higher priority (at round 2's date)
    ranked among their wishes and could take then (no per-mover rule of the checker blocks them, R16 and R24
    lifted by the request): the wishes are served at round 1, and such a move would be justified envy. (A wish
    granted at round 1 pins its requester there.) What the whole plan decides (R13, R14, R21) is not judged
    here; the check of round 2 is, and a move it refuses is taken out (rounds/plan.py)."""
    keep = np.ones(len(emp), dtype=bool)
    if not later.wishes:
        return keep
    from penempatan.check.movers import Rules
    from penempatan.check.wishes import LIFTED

    rules = Rules(later, t1.ref)
    rank = np.full(t1.n_emp, np.iinfo(np.int64).max)
    wanted: dict[int, list[tuple[int, int]]] = {}  # post -> (rank, round-2 index) of the requesters who ranked it
    for pr in priorities(later, t1.ref):
        rank[int(back[pr.i])] = pr.rank
        for wish in later.wish_lists[pr.i]:
            if wish.rank is not None:
                for j in later.posts_of(wish):
                    wanted.setdefault(j, []).append((pr.rank, pr.i))
    free: dict[tuple[int, int], bool] = {}

    def could(i2: int, j: int) -> bool:
        if (i2, j) not in free:
            free[(i2, j)] = j != later.current_post[i2] and not [
                v for v in rules.move_violations(i2, j) if v.rule not in LIFTED]
        return free[(i2, j)]

    for k in np.nonzero(kind == LATER)[0].tolist():
        mine = rank[emp[k]]
        keep[k] = not any(r < mine and could(i2, int(post[k])) for r, i2 in wanted.get(int(post[k]), ()))
    return keep


def _later_moves(parts: list[tuple[np.ndarray, ...]], cand: Candidates, back: np.ndarray, pinned: np.ndarray,
                 t2: Tables, course: int, stay_value: np.ndarray) -> np.ndarray:
    """Append the round-2 moves of `cand` (candidates of a round-2 data, employees by round-2 index) as paths of
    `course`, valued as round 1 in their post and the move's gain at round 2 (`stay_value`: per employee, the stay's
    nilai at round 1 less that at round 2); returns their keys (round-2 employee · posts + post)."""
    move = ~cand.stay & ~pinned[back[cand.emp]]
    c = cand.take(move)
    who = back[c.emp]
    parts.append((who, np.full(len(c), LATER), c.post, np.full(len(c), course),
                  stay_value[who] + c.nilai.astype(np.int64) - WAIT, c.score, t2.is_promotion(c.emp, c.post)))
    return np.asarray(c.emp * t2.n_post + c.post, dtype=np.int64)
