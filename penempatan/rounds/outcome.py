"""What a two-round plan is (SPEC 8), apart from how it is found: both rounds as Results, the trainees, and how two
plans of the same data compare (`score`), so the writers and `compare` need no solver."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from penempatan.model import ProblemData
from penempatan.reference import Pelatihan
from penempatan.result import Result, SolveStatus
from penempatan.rounds.later import RoundTwo

if TYPE_CHECKING:
    from penempatan.rounds.paths import Paths

WAIT = 1
"""What a move loses for being made at round 2 instead of round 1 (nilai points): ties go to round 1."""


@dataclass(frozen=True)
class Trainee:
    """Someone trained in round 1 (`Rencana Pengembangan`): the course, the post of round 2 it prepares them for,
    what the move is worth against staying (`gain`, nilai) and the course's cost."""

    nip: str
    nama: str
    course: Pelatihan
    kode_jabatan: str
    gain: int


@dataclass(frozen=True)
class TwoRoundPlan:
    """Both rounds: `first` a Result of `data`, `second` a Result of `later.data` (the data after round 1 at round 2,
    employees there by their own index), the trainees, the one-round plan it started from and the model's figures
    (Σ nilai of the paths, its bound, the priorities at the end of round 2)."""

    status: SolveStatus
    first: Result
    second: Result
    later: RoundTwo
    trainees: tuple[Trainee, ...]
    one_round: Result
    objective: int
    bound: float
    surplus_kept: int
    must_fill_filled: int
    refused: int  # round-2 paths the check refused and the model went without
    wall_time: float
    timings: dict[str, float] = field(default_factory=dict)
    paths: Paths | None = None  # the candidate paths the model chose from (rounds/paths.py)

    @property
    def feasible(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


def after_round_one(data: ProblemData, assignment: np.ndarray) -> ProblemData:
    """`data` once round 1 is carried out: each mover in their new post with TMT Jabatan at tanggal_acuan."""
    when = data.params.tanggal_acuan
    employees = tuple(
        e if int(j) == data.current_post[i] else e.model_copy(update={"kode_jabatan": data.positions[int(j)].kode,
                                                                     "tmt_jabatan": when})
        for i, (e, j) in enumerate(zip(data.employees, assignment, strict=True)))
    return data.replace(employees=employees)


def round_two_gain(second: Result, later: ProblemData) -> int:
    """What round 2 adds over everyone staying then: Σ over the employees of `later` (the data after round 1 at
    round 2) of the nilai of their pair less that of staying, less paths.WAIT per move."""
    cand = second.candidates
    moves = int((second.assignment != np.asarray(later.current_post)).sum())
    return second.objective - int(cand.nilai[cand.stay].sum()) - WAIT * moves


def score(first: Result, second: Result, later: ProblemData) -> tuple[int, int, int]:
    """How two rounds compare (higher is better): surplus holders kept at the end (fewer), must-fill seats filled
    at the end, then Σ nilai of round 1 and what round 2 adds (`round_two_gain`). The model's objective, measured
    on the checked Results of each round, so that any two plans of the same data compare alike."""
    return -second.surplus_kept, second.must_fill_filled, first.objective + round_two_gain(second, later)
