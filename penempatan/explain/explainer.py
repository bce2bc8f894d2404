"""`Explainer`: the plan view with the terminal's `explain` questions as methods (the CLI's entry point).

Each method is one question module's function of the view; a caller can as well build a `PlanView` and call
the functions (moves, stays, seats, why_not, training) directly.
"""

from __future__ import annotations

from penempatan.explain import career, moves, seats, stays, training, why_not, wishes
from penempatan.explain.career import Career
from penempatan.explain.rows import Reason
from penempatan.explain.training import Training
from penempatan.explain.view import PlanView
from penempatan.explain.wishes import WishAnswer


class Explainer(PlanView):
    """A `PlanView` that answers: why this move or stay, why not that post, why this seat is empty, and what
    the employee could be considered for next."""

    def move_kind(self, i: int) -> str:
        return moves.move_kind(self, i)

    def tujuan(self, i: int) -> str:
        return moves.tujuan(self, i)

    def perhatian(self, i: int) -> str:
        return moves.perhatian(self, i)

    def move_reason(self, i: int) -> Reason:
        return moves.move_reason(self, i)

    def stay_reason(self, i: int) -> Reason:
        return stays.stay_reason(self, i)

    def training_needs(self, i: int) -> list[Training]:
        return training.training_needs(self, i)

    def career(self, i: int) -> Career:
        return career.career_of(self, i)

    def wishes(self, i: int) -> WishAnswer:
        return wishes.wishes_of(self, i)

    def why_not(self, i: int, j: int) -> Reason:
        return why_not.why_not(self, i, j)

    def alternatives(self, i: int, n: int = 5) -> list[int]:
        return why_not.alternatives(self, i, n)

    def closed_better(self, i: int) -> dict[str, int]:
        return why_not.closed_better(self, i)

    def runners_up(self, j: int, n: int = 5) -> list[tuple[int, int]]:
        return why_not.runners_up(self, j, n)

    def empty_seats(self) -> list[int]:
        return seats.empty_seats(self)

    def empty_seat_reason(self, j: int) -> Reason:
        return seats.empty_seat_reason(self, j)

    def exclusion_counts(self, j: int) -> dict[str, int]:
        return seats.exclusion_counts(self, j)
