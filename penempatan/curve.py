"""Kurva manfaat (SPEC 4; `solve --kurva`): the optimal plan for a series of move caps (R14), so the committee
sees what each extra batch of moves buys and chooses the size of the round.

The same data is solved once without a cap (or with the scenario's own `maks_mutasi`), then for caps from 0
up to that plan's number of moves. Tables and candidates are built once and shared by every solve: a cap does
not change which pairs are eligible, only how many moves the plan may make, so each capped plan is optimal
over the uncapped solve's candidates (LP pricing included) and is not priced again (timings in
benchmarks/RESULTS.md). With a cap, the solver keeps the R11 and R12 priorities first, so a
point may trade some Σ nilai for a must-fill seat: the curve is non-decreasing in the solver's order (fewer
surplus holders kept, then more must-fill seats filled, then Σ nilai), not always in Σ nilai alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from penempatan.explain import PlanView
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import Candidates, Tables, build_candidates
from penempatan.solver import solve

POINTS = 8
"""Default number of curve points (caps), including 0 and the uncapped plan."""


@dataclass(frozen=True, kw_only=True)
class CurvePoint:
    """One solve of the curve: the cap, what the optimal plan under it does, and how sure it is."""

    cap: int | None  # maks_mutasi of this solve (None: no cap)
    status: str
    moves: int
    objective: int  # Σ nilai
    fit_gained: int  # Σ over employees of (fit after − fit before)
    seats_filled: int  # Σ over posts of min(people after, Kebutuhan)
    must_fill_filled: int
    must_fill_seats: int
    surplus_kept: int
    gap: float
    wall_time: float


def default_caps(moves: int, points: int = POINTS) -> list[int]:
    """Caps 0 … moves−1 in about `points − 1` even steps (the uncapped plan is the last point)."""
    if moves <= 0:
        return []
    steps = np.linspace(0, moves, max(2, points))[:-1]
    return sorted({int(round(x)) for x in steps} - {moves})


def point_of(data: ProblemData, tables: Tables, result: Result, cap: int | None) -> CurvePoint:
    """The curve numbers of one solved plan."""
    t = tables
    view = PlanView(data, t, result)
    return CurvePoint(
        cap=cap, status=result.status.value, moves=len(view.movers), objective=result.objective,
        fit_gained=int((view.assigned_scores - view.stay_scores).sum()),
        seats_filled=int(np.minimum(view.after, t.post_keb).sum()), must_fill_filled=result.must_fill_filled,
        must_fill_seats=result.must_fill_seats, surplus_kept=result.surplus_kept, gap=result.gap,
        wall_time=result.wall_time)


def benefit_curve(data: ProblemData, caps: Sequence[int] | None = None, time_limit: float = 45.0, *,
                  tables: Tables | None = None, candidates: Candidates | None = None, result: Result | None = None,
                  progress: Callable[[str], None] | None = None) -> list[CurvePoint]:
    """The optimal plan's numbers for each move cap, smallest cap first, ending with the uncapped plan.

    `result` is the plan already solved for `data` (with `tables` and its candidates): it becomes the last
    point and is not solved again (without it, it is solved here first, within `time_limit`). `caps` default
    to `default_caps` of its number of moves; caps at or above it are left out (the plan is the same).
    `time_limit` is the seconds the capped solves share; a point whose solve runs out of time is FEASIBLE with
    its gap.
    """
    say = progress or (lambda _msg: None)
    t = tables or Tables(data)
    if result is None:
        cand = candidates if candidates is not None else build_candidates(data, t)
        say("kurva manfaat: rencana tanpa batas mutasi")
        result = solve(data, time_limit, tables=t, candidates=cand)
    start = time.perf_counter()
    top = point_of(data, t, result, data.params.maks_mutasi)
    if not result.feasible:
        return [top]
    wanted = default_caps(top.moves) if caps is None else sorted({int(c) for c in caps if 0 <= c < top.moves})
    # The last solve's candidates include the pairs LP pricing added: every later solve starts from them.
    cand = result.candidates
    points: list[CurvePoint] = []
    previous = result
    for k, cap in enumerate(wanted):
        left = max(1.0, (time_limit - (time.perf_counter() - start)) / (len(wanted) - k))
        say(f"kurva manfaat: batas {cap} mutasi ({k + 1} dari {len(wanted)})")
        capped = data.replace(params=data.params.model_copy(update={"maks_mutasi": cap}))
        # The uncapped solve priced every pair already; a cap only removes moves, so its candidates suffice.
        # The LP starts from the previous plan (warm): the same plan and proof in fewer rounds.
        r = solve(capped, left, tables=t, candidates=cand, pricing=False, warm=previous.assignment)
        points.append(point_of(capped, t, r, cap))
        cand = r.candidates
        previous = r if r.feasible else previous
    return [*points, top]


def curve_rows(points: Sequence[CurvePoint], employees: int) -> list[list[Any]]:
    """The `Kurva Manfaat` sheet: one row per point with what the extra moves since the previous point buy."""
    rows: list[list[Any]] = []
    prev: CurvePoint | None = None
    for pt in points:
        extra = pt.moves - prev.moves if prev else pt.moves
        per_move: Any = ""
        if prev is not None and extra > 0:
            per_move = round((pt.objective - prev.objective) / extra, 2)
        rows.append(["tanpa batas" if pt.cap is None else pt.cap, pt.moves,
                     round(100 * pt.moves / employees, 2) if employees else 0.0, pt.objective,
                     per_move, pt.fit_gained, pt.seats_filled,
                     f"{pt.must_fill_filled} dari {pt.must_fill_seats}", pt.surplus_kept, pt.status])
        prev = pt
    return rows


CURVE_HEADER = ("Batas Mutasi", "Mutasi", "Pegawai Dipindah (%)", "Nilai Objektif", "Tambahan Nilai per Mutasi",
                "Kenaikan Kesesuaian", "Kursi Terisi", "Kursi Wajib Terisi", "Kelebihan Tersisa", "Status")
"""Columns of the `Kurva Manfaat` sheet (and the report's table)."""
