"""What a solve returns: status, the assignment, objective, bound, gap and timings (SPEC 4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from penempatan.scoring import Candidates


class SolveStatus(str, Enum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    TIME_LIMIT = "TIME_LIMIT"  # no plan found within the time limit, and none proven impossible either


@dataclass(frozen=True, kw_only=True)
class Result:
    """A plan: `assignment[i]` is the post index employee i ends in (their current post when staying).

    `objective` is Σ nilai over the plan's pairs (SPEC 4); `bound` an upper bound on it for the same
    number of must-fill seats filled; `gap` = (bound − objective) / max(1, |bound|). When the solve had a
    reference plan, optimality (and bound = objective) is for the objective plus the reference bonus.
    """

    status: SolveStatus
    assignment: np.ndarray
    objective: int
    bound: float
    wall_time: float
    candidates: Candidates
    must_fill_seats: int = 0
    must_fill_filled: int = 0
    surplus_kept: int = 0  # R11: holders left beyond Kebutuhan in over-staffed posts
    method: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    message: str = ""
    rules_involved: tuple[str, ...] = ()
    changed_vs_reference: int | None = None  # employees placed elsewhere than in the reference plan
    proof_over_all_pairs: bool = False  # OPTIMAL holds over every eligible pair, not only the candidates

    @property
    def gap(self) -> float:
        if not self.feasible:
            return float("nan")
        return max(0.0, (self.bound - self.objective) / max(1.0, abs(self.bound)))

    @property
    def feasible(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
