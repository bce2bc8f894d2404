"""Earlier plans a scenario builds on: the reader it is given and the reference plan of `solve --acuan`, with
the answers and decisions recorded in it (`answers`).

Reading a plan workbook is the excel layer's work, above this one, so the caller passes the reader in:
`penempatan.excel.read_plan.read_plan_moves` satisfies `ReadPlan`, `read_plan_answers` `ReadAnswers`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from penempatan.errors import InputError, Problems
from penempatan.model import ProblemData
from penempatan.scenario.answers import Decisions, PlanAnswers, apply_decisions, decide
from penempatan.scenario.model import nip_of

T = TypeVar("T")


class PlanRow(Protocol):
    """One row of sheet `Usulan Mutasi` of an earlier output workbook: who moves from where to where, in
    which vacancy chain, at which Excel row."""

    @property
    def row(self) -> int: ...

    @property
    def nip(self) -> str: ...

    @property
    def asal(self) -> str: ...

    @property
    def tujuan(self) -> str: ...

    @property
    def rantai(self) -> str: ...


ReadPlan = Callable[[Path], Sequence[PlanRow]]
"""Reads every move of the plan workbook at a path; raises ValueError, with a message for the planner,
when the file is missing or not an output workbook of `penempatan solve`."""


def reference_plan(data: ProblemData, moves: Sequence[PlanRow]) -> tuple[np.ndarray, int]:
    """An earlier plan as a post index per employee (everyone not moved stays) and how many of its rows
    were skipped because their NIP or target post is not in `data`."""
    ref = np.asarray(data.current_post, dtype=np.int64).copy()
    skipped = 0
    for m in moves:
        i = data.employee_index.get(nip_of(m.nip))
        j = data.position_index.get(m.tujuan)
        if i is None or j is None:
            skipped += 1
            continue
        ref[i] = j
    return ref, skipped


def load_reference_plan(path: Path, data: ProblemData, read_plan: ReadPlan) -> tuple[np.ndarray, int]:
    """`solve --acuan`: the plan in an earlier output workbook, read by `read_plan`; InputError when it
    cannot be read."""
    return reference_plan(data, _read(path, read_plan))


ReadAnswers = Callable[[Path], PlanAnswers]
"""Reads the moves, answers and chain decisions of the plan workbook at a path (ValueError as `ReadPlan`)."""


@dataclass(frozen=True)
class Acuan:
    """The earlier plan of `solve --acuan` as the re-solve uses it: `data` with the decisions' pins and
    forbids (R15), the reference placement per employee, how many of its rows do not match the data, the
    decisions, each mover's chain id in that plan (by NIP, for the change report) and the recorded answers
    by (NIP, Kode Jabatan Tujuan), which a new plan carries over for the same move (Tanggapan, Alasan,
    Keputusan, Catatan)."""

    name: str
    data: ProblemData
    reference: np.ndarray
    skipped: int
    decisions: Decisions
    chains: dict[str, str]
    answered: dict[tuple[str, str], tuple[str, str, str, str]]


def load_acuan(path: Path, data: ProblemData, read_answers: ReadAnswers) -> Acuan:
    """`solve --acuan`: the earlier plan and its decisions (`answers.decide`) applied to `data`; InputError
    when the workbook cannot be read or its answers have a problem (every one, located)."""
    plan = _read(path, read_answers)
    reference, skipped = reference_plan(data, plan.moves)
    decisions = decide(data, plan)
    chains = {nip_of(m.nip): m.rantai for m in plan.moves}
    target = {nip_of(m.nip): m.tujuan for m in plan.moves}
    answered = {(a.nip, target[a.nip]): a.cells() for a in plan.answers}
    return Acuan(Path(path).name, apply_decisions(data, decisions), reference, skipped, decisions, chains,
                 answered)


def _read(path: Path, read: Callable[[Path], T]) -> T:
    """`read(path)`, a ValueError from it as an InputError naming the file."""
    try:
        return read(path)
    except ValueError as exc:
        problems = Problems()
        problems.error(Path(path).name, None, None, None, str(exc),
                       "Gunakan workbook rekomendasi hasil `penempatan solve`.")
        raise InputError(problems.items) from None
