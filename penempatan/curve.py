"""Kurva manfaat (SPEC 4; `solve --kurva`): the optimal plan for a series of move caps (R14), so the committee
sees what each extra batch of moves buys and chooses the size of the round.

The same data is solved once without a cap (or with the scenario's own `maks_mutasi`), then for caps from 0
up to that plan's number of moves. Each point is what `solve` gives with that `maks_mutasi`: the same search
over every allowed pair (LP pricing included) within the same time limit. Only the start is shared: the
candidates of the solves before it (a superset of the ones `solve` builds, which the pricing would reach
anyway) and, as the LP's first columns, the plan of the next larger cap (`warm`), largest cap first.

The candidates of the uncapped plan are not enough on their own: a cap changes the LP's dual prices, and on
the 5,000-employee demo the caps 62 and 93 then fill one must-fill seat (R12) fewer than `solve` does.

With a cap, the solver keeps the R11 and R12 priorities first, so a point may trade some Σ nilai for a
must-fill seat: the curve is non-decreasing in the solver's order (fewer surplus holders kept, then more
must-fill seats filled, then Σ nilai), not always in Σ nilai alone. A plan within a smaller cap is a plan
within a larger one, so a point whose solve ends without a proof (FEASIBLE, or no plan in time) and ranks
below the point before it shows that point's plan instead; a point without any plan is not computed and
says why (`status_words`), never a zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from penempatan.explain import PlanView
from penempatan.model import ProblemData
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Candidates, Tables, build_candidates
from penempatan.solver import solve
from penempatan.text import percent

POINTS = 8
"""Default number of curve points (caps), including 0 and the uncapped plan."""


@dataclass(frozen=True, kw_only=True)
class CurvePoint:
    """One solve of the curve: the cap, what the optimal plan under it does, and how sure it is."""

    cap: int | None  # maks_mutasi of this solve (None: no cap)
    status: str  # SolveStatus value; the numbers below are 0 when it is not `computed`
    moves: int
    objective: int  # Σ nilai
    fit_gained: int  # Σ over employees of (fit after − fit before)
    seats_filled: int  # Σ over posts of min(people after, Kebutuhan)
    must_fill_filled: int
    must_fill_seats: int
    surplus_kept: int
    gap: float
    wall_time: float
    from_cap: int | None = None  # the smaller cap whose plan this point shows (its own solve ranked below it)

    @property
    def computed(self) -> bool:
        """The point has a plan (OPTIMAL or FEASIBLE) and its numbers are that plan's."""
        return self.status in (SolveStatus.OPTIMAL.value, SolveStatus.FEASIBLE.value)

    def rank(self) -> tuple[int, int, int]:
        """The solver's order of plans: fewer surplus holders kept (R11), more must-fill seats (R12), Σ nilai."""
        return -self.surplus_kept, self.must_fill_filled, self.objective


def default_caps(moves: int, points: int = POINTS, least: int = 0) -> list[int]:
    """Caps `least` … moves−1 in about `points − 1` even steps (the uncapped plan is the last point)."""
    if moves <= least:
        return []
    steps = np.linspace(least, moves, max(2, points))[:-1]
    return sorted({int(round(x)) for x in steps} - {moves})


def fixed_moves(data: ProblemData) -> int:
    """Moves every plan makes: the pins to another post (a scenario's, and the wishes granted, SPEC 9) and a
    replacement for each granted requester whose seat needs one (R21, `wishes.serve`). A smaller cap has no plan,
    so the default caps start here."""
    cur = data.current_post
    pinned = sum(1 for p in data.pins if data.position_index[p.kode_jabatan] != cur[data.employee_index[p.nip]])
    return pinned + len(data.replacements)


def point_of(data: ProblemData, tables: Tables, result: Result, cap: int | None) -> CurvePoint:
    """The curve numbers of one solved plan (zeros, with the status, when the solve found none)."""
    t = tables
    if not result.feasible:
        return CurvePoint(cap=cap, status=result.status.value, moves=0, objective=0, fit_gained=0, seats_filled=0,
                          must_fill_filled=0, must_fill_seats=result.must_fill_seats, surplus_kept=0, gap=math.nan,
                          wall_time=result.wall_time)
    view = PlanView(data, t, result)
    return CurvePoint(
        cap=cap, status=result.status.value, moves=len(view.movers), objective=result.objective,
        fit_gained=int((view.assigned_scores - view.stay_scores).sum()),
        seats_filled=int(np.minimum(view.after, t.post_keb).sum()), must_fill_filled=result.must_fill_filled,
        must_fill_seats=result.must_fill_seats, surplus_kept=result.surplus_kept, gap=result.gap,
        wall_time=result.wall_time)


def benefit_curve(data: ProblemData, caps: Sequence[int] | None = None, time_limit: float = 60.0, *,
                  tables: Tables | None = None, candidates: Candidates | None = None, result: Result | None = None,
                  progress: Callable[[str], None] | None = None) -> list[CurvePoint]:
    """The optimal plan's numbers for each move cap, smallest cap first, ending with the uncapped plan.

    `result` is the plan already solved for `data` (with `tables` and its candidates): it becomes the last
    point and is not solved again (without it, it is solved here first). `caps` default to `default_caps` of
    its number of moves, from the moves every plan makes (`fixed_moves`); caps at or above it are left out (the
    plan is the same). `time_limit` is the seconds
    each solve may take, as `solve`'s own limit, so that every point is the plan `solve` would give.
    """
    say = progress or (lambda _msg: None)
    t = tables or Tables(data)
    if result is None:
        cand = candidates if candidates is not None else build_candidates(data, t)
        say("kurva manfaat: rencana tanpa batas mutasi")
        result = solve(data, time_limit, tables=t, candidates=cand)
    top = point_of(data, t, result, data.params.maks_mutasi)
    if not result.feasible:
        return [top]
    wanted = (default_caps(top.moves, least=fixed_moves(data)) if caps is None
              else sorted({int(c) for c in caps if 0 <= c < top.moves}))
    cand, warm = result.candidates, result.assignment
    solved: dict[int, CurvePoint] = {}
    # Largest cap first, each LP starting from the next larger cap's plan: on the 5,000-employee demos this
    # was faster than a cold start or the next smaller cap's plan (the same points either way).
    for k, cap in enumerate(reversed(wanted)):
        say(f"kurva manfaat: batas {cap} mutasi ({k + 1} dari {len(wanted)})")
        capped = data.replace(params=data.params.model_copy(update={"maks_mutasi": cap}))
        r = solve(capped, time_limit, tables=t, candidates=cand, warm=warm)
        solved[cap] = point_of(capped, t, r, cap)
        cand = r.candidates
        warm = r.assignment if r.feasible else warm
    return [*never_falling([solved[cap] for cap in wanted]), top]


def never_falling(points: Sequence[CurvePoint]) -> list[CurvePoint]:
    """The points (smallest cap first) with each unproven point that ranks below the one before it, or has no
    plan, replaced by that point's plan: within a smaller cap, it is within this one too (FEASIBLE here)."""
    out: list[CurvePoint] = []
    for pt in points:
        prev = out[-1] if out else None
        unproven = pt.status != SolveStatus.OPTIMAL.value
        if prev is not None and prev.computed and unproven and (not pt.computed or pt.rank() < prev.rank()):
            pt = replace(prev, cap=pt.cap, status=SolveStatus.FEASIBLE.value, gap=math.nan,
                         wall_time=pt.wall_time, from_cap=prev.from_cap if prev.from_cap is not None else prev.cap)
        out.append(pt)
    return out


_STATUS_WORDS = {
    SolveStatus.OPTIMAL.value: "optimal",
    SolveStatus.FEASIBLE.value: "layak, belum terbukti optimal",
    SolveStatus.INFEASIBLE.value: "tidak dihitung: tidak ada rencana yang memenuhi semua aturan",
    SolveStatus.TIME_LIMIT.value: "tidak dihitung: belum ada rencana dalam batas waktu",
}


def status_words(pt: CurvePoint) -> str:
    """The point's status as the committee reads it."""
    words = _STATUS_WORDS.get(pt.status, pt.status)
    if pt.from_cap is not None:
        return f"{words}: rencana batas {pt.from_cap} (pencarian untuk batas ini tidak menemukan yang lebih baik)"
    if pt.status == SolveStatus.FEASIBLE.value and math.isfinite(pt.gap):
        return f"{words} (selisih dengan batas atas {percent(pt.gap)})"
    return words


def curve_rows(points: Sequence[CurvePoint], employees: int) -> list[list[Any]]:
    """The `Kurva Manfaat` sheet: one row per point with what the extra moves since the previous computed point
    buy; a point without a plan has its cap and status only (empty cells, never zeros)."""
    rows: list[list[Any]] = []
    prev: CurvePoint | None = None
    for pt in points:
        cap: Any = "tanpa batas" if pt.cap is None else pt.cap
        if not pt.computed:
            rows.append([cap, *[""] * (len(CURVE_HEADER) - 2), status_words(pt)])
            continue
        extra = pt.moves - prev.moves if prev else pt.moves
        per_move: Any = ""
        if prev is not None and extra > 0:
            per_move = round((pt.objective - prev.objective) / extra, 2)
        rows.append([cap, pt.moves, round(100 * pt.moves / employees, 2) if employees else 0.0, pt.objective,
                     per_move, pt.fit_gained, pt.seats_filled,
                     f"{pt.must_fill_filled} dari {pt.must_fill_seats}", pt.surplus_kept, status_words(pt)])
        prev = pt
    return rows


CURVE_HEADER = ("Batas Mutasi", "Mutasi", "Pegawai Dipindah (%)", "Nilai Objektif", "Tambahan Nilai per Mutasi",
                "Kenaikan Kesesuaian", "Kursi Terisi", "Kursi Wajib Terisi", "Kelebihan Tersisa", "Status")
"""Columns of the `Kurva Manfaat` sheet (and the report's table)."""
