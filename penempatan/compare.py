"""Side-by-side comparison of the base plan and scenario plans (`penempatan compare`).

The workbook is read and validated once; each scenario is applied to that ProblemData (a new, checked
copy) and solved. Plans are solved in up to `max_workers` processes, but only with two cores per worker: on
a 2-vCPU machine two processes made every solve slower than solving them one after another (measured in
benchmarks/RESULTS.md). Each solve is deterministic, so the numbers are the same either way.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from penempatan.explain import MOVE_KINDS, PlanSummary, plan_summary
from penempatan.explain.summary import outcome
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.rules import FLAG_LABELS
from penempatan.scenario import Scenario, apply_scenario, scenario_rows
from penempatan.scenario.model import OVERRIDE
from penempatan.scoring import FLAGS, Tables
from penempatan.solver import solve
from penempatan.wishes.serve import serve_wishes

BASE_LABEL = "Dasar"


@dataclass(frozen=True)
class RoundsFigures:
    """A plan over two rounds (SPEC 8), for comparing one round with two: a two-round plan's own round 2, or for a
    one-round plan the one-round plan of the data after it at round 2 (`rounds.plan.sequential`'s second half)."""

    putaran: int
    moves_two: int
    trainees: int
    cost: int
    surplus_end: int
    fill_end: int
    value: int  # rounds.outcome.score: Σ nilai of round 1 and what round 2 adds


def solve_and_summarise(label: str, data: ProblemData, time_limit: float, rounds: bool = False,
                        ) -> tuple[Result, PlanSummary, RoundsFigures | None]:
    """Score, solve and summarise one plan (module level so a worker process can run it); the summary is the
    same `PlanSummary` as Ringkasan and the terminal show. A plan with `putaran` 2 is solved over two rounds (its
    summary is round 1's); with `rounds`, a one-round plan gets its round 2 too, so the two compare."""
    tables = Tables(data)
    figures = None
    if data.params.putaran == 2:
        from penempatan.rounds.plan import solve_two_rounds

        plan = solve_two_rounds(data, time_limit)
        result = plan.first
        figures = _figures(2, plan.first, plan.second, plan.later.data, len(plan.trainees),
                           sum(t.course.biaya for t in plan.trainees))
    else:
        result = solve(data, time_limit, tables=tables)
        if rounds and result.feasible:
            from penempatan.rounds.later import at_round_two
            from penempatan.rounds.outcome import after_round_one

            later = at_round_two(after_round_one(data, result.assignment)).data
            figures = _figures(1, result, solve(later, time_limit), later, 0, 0)
    return result, plan_summary(data, tables, result, label=label), figures


def _figures(putaran: int, first: Result, second: Result, later: ProblemData, trainees: int,
             cost: int) -> RoundsFigures:
    from penempatan.rounds.outcome import score

    moves = int((second.assignment != np.asarray(later.current_post)).sum())
    return RoundsFigures(putaran, moves, trainees, cost, second.surplus_kept, second.must_fill_filled,
                         score(first, second, later)[2])


@dataclass(frozen=True)
class Plan:
    """One compared plan: its label, what it changes, its data, result and summary."""

    label: str
    changes: list[tuple[str, str]]
    data: ProblemData
    result: Result
    summary: PlanSummary
    rounds: RoundsFigures | None = None  # when a compared plan has two rounds (SPEC 8)


@dataclass(frozen=True)
class Comparison:
    """The base plan first, then one plan per scenario, in the order given."""

    base: ProblemData
    plans: list[Plan]
    parallel: bool = False
    workers: int = 1
    notes: list[str] = field(default_factory=list)

    @cached_property
    def differing(self) -> list[int]:
        """Employees whose post after the plan differs between any two plans."""
        if not self.plans:
            return []
        stack = np.stack([p.summary.assignment for p in self.plans])
        return np.nonzero((stack != stack[0]).any(axis=0))[0].tolist()


def labels_for(scenarios: list[Scenario]) -> list[str]:
    """Plan labels: the base, then each scenario's nama (made unique with its file name if needed)."""
    names = [s.nama for s in scenarios]
    out = [BASE_LABEL]
    for s, name in zip(scenarios, names, strict=True):
        if names.count(name) > 1 or name == BASE_LABEL:
            name = f"{name} ({s.sumber.name if s.sumber else len(out)})"
        out.append(name)
    return out


def compare(base: ProblemData, scenarios: list[Scenario], time_limit: float = 60.0, *,
            max_workers: int = 2, parallel: bool | None = None,
            progress: Callable[[str], None] | None = None) -> Comparison:
    """Solve the base and every scenario; in up to `max_workers` processes when there are cores for it
    (`parallel` True/False forces the choice)."""
    say = progress or (lambda _msg: None)
    labels = labels_for(scenarios)
    datas = [serve_wishes(d).data for d in (base, *(apply_scenario(base, s) for s in scenarios))]
    changes = [[], *(scenario_rows(base, s)[1:] for s in scenarios)]
    cores = max_workers if parallel else (os.cpu_count() or 1) // 2 if parallel is None else 1
    workers = max(1, min(max_workers, cores, len(datas)))
    notes: list[str] = []
    rounds = any(d.params.putaran == 2 for d in datas)
    outcomes: list[tuple[Result, PlanSummary, RoundsFigures | None]] | None = None
    if workers > 1:
        try:
            say(f"menyelesaikan {len(datas)} rencana, {workers} sekaligus")
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(solve_and_summarise, label, d, time_limit, rounds)
                           for label, d in zip(labels, datas, strict=True)]
                outcomes = [f.result() for f in futures]
        except (BrokenProcessPool, pickle.PicklingError, OSError) as exc:
            notes.append(f"proses paralel gagal ({type(exc).__name__}); diselesaikan satu per satu")
            outcomes = None
    if outcomes is None:
        workers = 1
        outcomes = []
        for k, (label, d) in enumerate(zip(labels, datas, strict=True), 1):
            say(f"rencana {k} dari {len(datas)}: {label}")
            outcomes.append(solve_and_summarise(label, d, time_limit, rounds))
    plans = [Plan(label, change, d, result, summary, figures)
             for label, change, d, (result, summary, figures) in zip(labels, changes, datas, outcomes, strict=True)]
    return Comparison(base, plans, workers > 1, workers, notes)


def banding_rows(c: Comparison) -> list[tuple[str, list[object]]]:
    """The Banding table: one row per measure, one value per plan (numbers as numbers)."""
    s = [p.summary for p in c.plans]

    def per(fn: Callable[[PlanSummary], object]) -> list[object]:
        return [fn(x) if x.feasible else "" for x in s]

    return [
        ("Perubahan", [_changes(p.changes) for p in c.plans]),
        ("Hasil", [outcome(x) for x in s]),
        ("Nilai Objektif", per(lambda x: x.objective)),
        ("Gap", per(lambda x: x.gap)),
        ("Mutasi", per(lambda x: x.moves)),
        ("Pegawai dipindah (%)", per(lambda x: round(100 * x.share_moved, 2))),
        *[(f"  {k}", list[object](x.kinds[k] if x.feasible else "" for x in s)) for k in MOVE_KINDS],
        ("Mutasi dengan Perhatian", per(lambda x: x.flagged_moves)),
        *[(f"  {FLAG_LABELS[k]}", list[object](x.flags[k] if x.feasible else "" for x in s)) for k in FLAGS],
        ("Kursi terisi", per(lambda x: x.seats_filled_after)),
        ("Kursi (Kebutuhan)", [x.seats_total for x in s]),
        ("Kursi wajib terisi (R12)", per(lambda x: f"{x.must_fill_filled} dari {x.must_fill_seats}")),
        ("Rata-rata kesesuaian", per(lambda x: round(x.fit_after, 2))),
        ("Pegawai lebih buruk dari tetap", per(lambda x: x.worse_off)),
        ("Waktu (detik)", [round(x.wall_time, 2) for x in s]),
        *_rounds_rows(c),
    ]


def _rounds_rows(c: Comparison) -> list[tuple[str, list[object]]]:
    """One round against two (SPEC 8), when a compared plan has two: each plan's round 2 (a one-round plan's is
    the one-round plan made after it) and the value of both rounds; none otherwise."""
    figures = [p.rounds for p in c.plans]
    if not any(f is not None and f.putaran == 2 for f in figures):
        return []

    def per(fn: Callable[[RoundsFigures], object]) -> list[object]:
        return [fn(f) if f is not None else "" for f in figures]

    return [("Putaran", per(lambda f: f.putaran)),
            ("Mutasi putaran 2", per(lambda f: f.moves_two)),
            ("Peserta pelatihan putaran 1", per(lambda f: f.trainees)),
            ("Biaya pelatihan (Rp)", per(lambda f: f.cost)),
            ("Kelebihan pegawai akhir putaran 2", per(lambda f: f.surplus_end)),
            ("Kursi wajib terisi akhir putaran 2", per(lambda f: f.fill_end)),
            ("Nilai dua putaran", per(lambda f: f.value))]


def _changes(rows: list[tuple[str, str]]) -> str:
    """What a scenario changes, short: 'Batas jumlah mutasi (kosong) → 50; unit dibekukan Dinas Kesehatan'."""
    shown = [f"{label.removeprefix(OVERRIDE)} {value}" for label, value in rows if label != "berkas skenario"]
    return "; ".join(shown) or "—"
