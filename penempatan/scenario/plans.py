"""Earlier plans a scenario builds on: the reader it is given and the reference plan of `solve --acuan`.

Reading a plan workbook is the excel layer's work, above this one, so the caller passes the reader in:
`penempatan.excel.read_plan.read_plan_moves` satisfies `ReadPlan`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from penempatan.errors import InputError, Problems
from penempatan.model import ProblemData
from penempatan.scenario.model import nip_of


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
    try:
        moves = read_plan(path)
    except ValueError as exc:
        problems = Problems()
        problems.error(Path(path).name, None, None, None, str(exc),
                       "Gunakan workbook rekomendasi hasil `penempatan solve`.")
        raise InputError(problems.items) from None
    return reference_plan(data, moves)
