"""A saved plan as a `Result` again (`explain --rencana`): the plan's moves on the data it was made from, with
the candidates `solve` starts from, so the same `PlanView` questions answer without solving.

The candidates are `scoring.build_candidates` on the data plus the plan's own move pairs; a pair that the
rules do not allow (a hand-edited plan, other rules) is refused with the words `explain` uses for it. Pairs
that column generation priced in during the solve and the plan did not use are not rebuilt (they need the
LP's duals); they only widen the runners-up and the "not among the candidates" note.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from penempatan.check import check_plan
from penempatan.explain.view import PlanView
from penempatan.explain.why_not import why_not
from penempatan.explain.words import rule_text
from penempatan.model import ProblemData
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Tables, build_candidates, forbidden_moves, pin_violations, total
from penempatan.scoring.fit import pair_parts
from penempatan.text import nip_lookup_key


@dataclass(frozen=True)
class SavedSummary:
    """What the plan's `Ringkasan` says about its solve."""

    status: SolveStatus
    objective: int
    bound: float
    wall_time: float
    method: str
    proof_over_all_pairs: bool


@dataclass(frozen=True)
class SavedMove:
    """One move of the saved plan: its row in `Usulan Mutasi`, who, from and to which Kode Jabatan."""

    row: int
    nip: str
    asal: str
    tujuan: str


class SavedPlanError(ValueError):
    """The saved plan does not fit the data or its rules; `faults` says where and why, one line each."""

    def __init__(self, faults: list[str]) -> None:
        super().__init__("; ".join(faults))
        self.faults = faults


def rebuild_result(data: ProblemData, tables: Tables, moves: Sequence[SavedMove], summary: SavedSummary) -> Result:
    """The `Result` of the saved plan: everyone at their post except the moves; SavedPlanError when a move
    names an unknown employee or post, repeats an employee, starts from another post than the data's, or
    is a pair the rules do not allow, and when `check` finds the whole plan breaking a rule (seats, R13, R14,
    R21) or its objective not the one in Ringkasan."""
    t = tables
    assignment = t.cur.astype(np.int64).copy()
    posts = {q.kode.strip().upper(): j for j, q in enumerate(data.positions)}
    faults: list[str] = []
    placed: list[tuple[SavedMove, int, int]] = []
    seen: dict[int, int] = {}
    for m in moves:
        where = f"Usulan Mutasi baris {m.row}"
        i = data.employee_index.get(nip_lookup_key(m.nip))
        j = posts.get(m.tujuan.strip().upper())
        if i is None:
            faults.append(f"{where}: NIP {m.nip} tidak ada di sheet Pegawai")
            continue
        if j is None:
            faults.append(f"{where}: NIP {m.nip}: Kode Jabatan Tujuan {m.tujuan} tidak ada di sheet Jabatan")
            continue
        if i in seen:
            faults.append(f"{where}: NIP {m.nip} sudah dipindah di baris {seen[i]}")
            continue
        seen[i] = m.row
        now = data.positions[int(t.cur[i])].kode
        if m.asal.strip().upper() != now.strip().upper():
            faults.append(f"{where}: NIP {m.nip}: Kode Jabatan Asal {m.asal}, di data {now}")
            continue
        if j == int(t.cur[i]):
            faults.append(f"{where}: NIP {m.nip}: Kode Jabatan Tujuan {m.tujuan} sama dengan jabatan saat ini")
            continue
        placed.append((m, i, j))
        assignment[i] = j
    faults += _rule_faults(data, t, placed, assignment)
    if faults:
        raise SavedPlanError(faults)
    cand = build_candidates(data, t, reference=assignment)
    counts = np.bincount(assignment, minlength=t.n_post)
    wajib = np.nonzero(t.post_wajib)[0]
    result = Result(status=summary.status, assignment=assignment, objective=summary.objective,
                    bound=summary.bound, wall_time=summary.wall_time, candidates=cand,
                    must_fill_seats=int(t.post_keb[wajib].sum()),
                    must_fill_filled=int(np.minimum(counts[wajib], t.post_keb[wajib]).sum()),
                    surplus_kept=int(np.maximum(0, counts - t.post_keb).sum()), method=summary.method,
                    proof_over_all_pairs=summary.proof_over_all_pairs)
    # The plan as a whole (seats, R13/R14/R21, the objective in Ringkasan), by the same judge as `solve`.
    violations = check_plan(data, result, t.ref)
    if violations:
        raise SavedPlanError([str(v) for v in violations])
    return result


def _rule_faults(data: ProblemData, t: Tables, placed: list[tuple[SavedMove, int, int]],
                 assignment: np.ndarray) -> list[str]:
    """Moves that a hard rule forbids or that have no allowed purpose, and pins (R15) the plan ignores, in the
    words `explain` uses for them."""
    forbid_post, forbid_unit = forbidden_moves(data, t)
    pinned = {data.employee_index[p.nip]: data.position_index[p.kode_jabatan] for p in data.pins}
    free = [(m, i, j) for m, i, j in placed if i not in pinned]  # a pin needs no purpose (R15)
    emp = np.array([i for _, i, _ in free], dtype=np.int64)
    post = np.array([j for _, _, j in free], dtype=np.int64)
    purpose_ok = t.move_terms(emp, post, total(pair_parts(t, emp, post))).valid.tolist() if free else []
    bad = [(m, i, j) for (m, i, j), ok in zip(free, purpose_ok, strict=True)
           if not ok or pin_violations(data, t, i, j, forbid_post, forbid_unit)]
    faults: list[str] = []
    if bad:
        stay = Result(status=SolveStatus.FEASIBLE, assignment=t.cur.astype(np.int64), objective=0, bound=math.nan,
                      wall_time=0.0, candidates=build_candidates(data, t))
        view = PlanView(data, t, stay)
        for m, i, j in bad:
            faults.append(f"Usulan Mutasi baris {m.row}: NIP {m.nip} → {m.tujuan} tidak diizinkan: "
                          f"{why_not(view, i, j).text}")
    for i, j in sorted(pinned.items()):
        if int(assignment[i]) != j:
            pin = rule_text("R15", f"dikunci ke {data.positions[j].kode}")
            faults.append(f"NIP {data.employees[i].nip}: {pin}, rencana menempatkannya di "
                          f"{data.positions[int(assignment[i])].kode}")
    return faults
