"""The coupling rules of the placement problem, one block each: what keeps it from being a min-cost flow.

Each rule is one block that every stage reads the same way:
- its LP rows (`upper`: Σ coefficient·x ≤ upper, one row per unit, location, …), each pair's coefficient
  in them (`entries`: at most one row per pair and block) and any columns of its own (`extra`);
- its dual prices as part of a pair's price (`price`): a rule's row enters the reduced cost of a pair as
  −coefficient·dual, folded into the price of the post, the unit left or the move, so `price_missing` can
  price pairs it has never seen;
- whether a plan keeps it (`holds`) and, per group, by how much it falls short (`short`, for the Lagrangian
  repair, relax.py).
The CP-SAT model has one method per block kind (cpsat.PlanModel), the independent checker one function
per rule (check/plan.py). Adding a coupling rule: a block here, listed by `Structure.coupling`; a PlanModel
method; a check function (README, "Aturan kopling baru").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

import numpy as np

if TYPE_CHECKING:
    from penempatan.solver.structure import Structure


@dataclass(frozen=True)
class Entries:
    """A block's coefficients in the pair columns: pair k has `value` (or `value[k]`) in the block's row `row[k]`
    when `present[k]`."""

    row: np.ndarray
    present: np.ndarray
    value: float | np.ndarray


@dataclass(frozen=True)
class Extra:
    """A block's own columns: entries (row within the block, column within the block, value) and upper bounds
    (lower bounds 0, cost 0)."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    upper: np.ndarray

    @staticmethod
    def none() -> Extra:
        empty = np.zeros(0, dtype=np.int64)
        return Extra(empty, empty, np.zeros(0), np.zeros(0))


@dataclass
class PriceParts:
    """The dual prices being assembled (scoring.Prices): per post, per unit left, per move; per employee on each
    of their moves and on each of their promotions (R27)."""

    post: np.ndarray
    leave: np.ndarray
    move: float = 0.0
    emp_move: np.ndarray | None = None
    emp_promotion: np.ndarray | None = None


class Block(Protocol):
    code: ClassVar[str]

    def n_rows(self, s: Structure) -> int: ...
    def upper(self, s: Structure) -> np.ndarray: ...
    def entries(self, s: Structure, pairs: np.ndarray) -> Entries: ...
    def extra(self, s: Structure) -> Extra: ...
    def price(self, s: Structure, duals: np.ndarray, parts: PriceParts) -> None: ...
    def holds(self, s: Structure, chosen: np.ndarray) -> bool: ...


@dataclass(frozen=True)
class UnitOutflow:
    """R13: per unit, the pairs that leave it (moves to a post of another unit) ≤ its cap."""

    code: ClassVar[str] = "R13"

    def n_rows(self, s: Structure) -> int:
        return len(s.unit_cap)

    def upper(self, s: Structure) -> np.ndarray:
        return s.unit_cap.astype(float)

    def entries(self, s: Structure, pairs: np.ndarray) -> Entries:
        return Entries(s.pair_unit[pairs], s.leaves_unit[pairs], 1.0)

    def extra(self, s: Structure) -> Extra:
        return Extra.none()

    def price(self, s: Structure, duals: np.ndarray, parts: PriceParts) -> None:
        parts.leave -= duals

    def leavers(self, s: Structure, chosen: np.ndarray) -> np.ndarray:
        return np.bincount(s.pair_unit[chosen][s.leaves_unit[chosen]], minlength=len(s.unit_cap))

    def holds(self, s: Structure, chosen: np.ndarray) -> bool:
        return bool((self.leavers(s, chosen) <= s.unit_cap).all())


@dataclass(frozen=True)
class TotalMoves:
    """R14: the moves of the whole plan ≤ maks_mutasi (one row)."""

    limit: int
    code: ClassVar[str] = "R14"

    def n_rows(self, s: Structure) -> int:
        return 1

    def upper(self, s: Structure) -> np.ndarray:
        return np.array([float(self.limit)])

    def entries(self, s: Structure, pairs: np.ndarray) -> Entries:
        return Entries(np.zeros(len(pairs), dtype=np.int64), ~s.cand.stay[pairs], 1.0)

    def extra(self, s: Structure) -> Extra:
        return Extra.none()

    def price(self, s: Structure, duals: np.ndarray, parts: PriceParts) -> None:
        parts.move -= float(duals[0])

    def holds(self, s: Structure, chosen: np.ndarray) -> bool:
        return int((~s.cand.stay[chosen]).sum()) <= self.limit


@dataclass(frozen=True)
class SeatsKept:
    """R21: per group of posts (a location: a school, a puskesmas, the rest of a unit; or a scarce profession
    within a unit), seats filled after the plan (Σ min(people, Kebutuhan)) ≥ seats filled today (`need`).

    Rows: −(people in the group's normal posts) − Σ f ≤ −need, one per group; then f_p − people in p ≤ 0 for
    each over-staffed post p with seats (its column f_p ≤ Kebutuhan counts its filled seats: a surplus holder
    leaving such a post empties no seat)."""

    what: str  # what a group is, for messages: "lokasi" or "profesi"
    post_group: np.ndarray  # per post: its group, or -1 for a post in none
    need: np.ndarray  # per group: seats filled today
    code: ClassVar[str] = "R21"

    def linked(self, s: Structure) -> np.ndarray:
        """The over-staffed posts with seats in a group (an f column and a link row each)."""
        return np.nonzero((s.surplus_cap > 0) & (s.seat_cap > 0) & (self.post_group >= 0))[0]

    def _post_rows(self, s: Structure) -> np.ndarray:
        """Per post, the block row its people enter (−1: none): its group's row for a normal post, its link
        row for a linked over-staffed post."""
        rows = np.where((s.surplus_cap == 0) & (self.post_group >= 0), self.post_group, -1)
        linked = self.linked(s)
        rows[linked] = len(self.need) + np.arange(len(linked))
        return rows

    def n_rows(self, s: Structure) -> int:
        return len(self.need) + len(self.linked(s))

    def upper(self, s: Structure) -> np.ndarray:
        return np.concatenate([-self.need.astype(float), np.zeros(len(self.linked(s)))])

    def entries(self, s: Structure, pairs: np.ndarray) -> Entries:
        rows = self._post_rows(s)[s.cand.post[pairs]]
        return Entries(np.maximum(rows, 0), rows >= 0, -1.0)

    def extra(self, s: Structure) -> Extra:
        linked = self.linked(s)
        f = np.arange(len(linked))
        return Extra(rows=np.concatenate([self.post_group[linked], len(self.need) + f]),
                     cols=np.concatenate([f, f]), values=np.concatenate([-np.ones(len(f)), np.ones(len(f))]),
                     upper=s.seat_cap[linked].astype(float))

    def price(self, s: Structure, duals: np.ndarray, parts: PriceParts) -> None:
        rows = self._post_rows(s)
        inside = rows >= 0
        parts.post[inside] += duals[rows[inside]]

    def short(self, s: Structure, counts: np.ndarray) -> np.ndarray:
        """Per group, seats filled today − seats filled with `counts` people per post (> 0: R21 broken)."""
        inside = self.post_group >= 0
        filled = np.bincount(self.post_group[inside], weights=np.minimum(counts, s.seat_cap)[inside],
                             minlength=len(self.need))
        return self.need - filled.astype(np.int64)

    def holds(self, s: Structure, chosen: np.ndarray) -> bool:
        return not (self.short(s, np.bincount(s.cand.post[chosen], minlength=s.n_post)) > 0).any()


@dataclass(frozen=True)
class DistributionTarget:
    """R27: one bound of a scenario's distribution target (model.Target), one row. Of the plan's pairs of the
    measure (moves; promotions), the group's share is at least (or at most) `percent`:
    minimum: Σ (percent − 100·member) x ≤ 0; maximum: Σ (100·member − percent) x ≤ 0, over those pairs.
    Zero pairs of the measure meet it, so it never makes a plan without pins infeasible."""

    label: str  # Target.words, for messages
    coef: np.ndarray  # per employee: the coefficient of each of their pairs of the measure
    promotions: bool  # the measure: promotions (True) or every move
    code: ClassVar[str] = "R27"

    @staticmethod
    def bound(label: str, member: np.ndarray, percent: int, minimum: bool, promotions: bool) -> DistributionTarget:
        coef = percent - 100 * member.astype(np.int64)
        return DistributionTarget(label, coef if minimum else -coef, promotions)

    def measured(self, s: Structure, pairs: np.ndarray) -> np.ndarray:
        """Per pair of `pairs`: is it of the measure (a move; a promotion)?"""
        return s.promotion[pairs] if self.promotions else ~s.cand.stay[pairs]

    def n_rows(self, s: Structure) -> int:
        return 1

    def upper(self, s: Structure) -> np.ndarray:
        return np.zeros(1)

    def entries(self, s: Structure, pairs: np.ndarray) -> Entries:
        value = self.coef[s.cand.emp[pairs]].astype(float)
        return Entries(np.zeros(len(pairs), dtype=np.int64), self.measured(s, pairs) & (value != 0), value)

    def extra(self, s: Structure) -> Extra:
        return Extra.none()

    def price(self, s: Structure, duals: np.ndarray, parts: PriceParts) -> None:
        name = "emp_promotion" if self.promotions else "emp_move"
        current = getattr(parts, name)
        setattr(parts, name, (np.zeros(s.n_emp) if current is None else current) - self.coef * float(duals[0]))

    def total(self, s: Structure, chosen: np.ndarray) -> int:
        """Σ coefficient over the chosen pairs (> 0: the bound is broken)."""
        return int(self.coef[s.cand.emp[chosen]][self.measured(s, chosen)].sum())

    def holds(self, s: Structure, chosen: np.ndarray) -> bool:
        return self.total(s, chosen) <= 0


def seats_kept(what: str, post_group: np.ndarray, holders: np.ndarray, seat_cap: np.ndarray) -> SeatsKept:
    """The R21 block of a grouping of posts (-1: in no group), with today's filled seats as the need."""
    inside = post_group >= 0
    n_groups = int(post_group.max()) + 1 if inside.any() else 0
    filled = np.minimum(holders, seat_cap)[inside]
    need = np.bincount(post_group[inside], weights=filled, minlength=n_groups).astype(np.int64)
    return SeatsKept(what, post_group, need)
