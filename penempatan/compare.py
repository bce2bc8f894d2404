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


def solve_and_summarise(label: str, data: ProblemData, time_limit: float) -> tuple[Result, PlanSummary]:
    """Score, solve and summarise one plan (module level so a worker process can run it); the summary is the
    same `PlanSummary` as Ringkasan and the terminal show."""
    tables = Tables(data)
    result = solve(data, time_limit, tables=tables)
    return result, plan_summary(data, tables, result, label=label)


@dataclass(frozen=True)
class Plan:
    """One compared plan: its label, what it changes, its data, result and summary."""

    label: str
    changes: list[tuple[str, str]]
    data: ProblemData
    result: Result
    summary: PlanSummary


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
    outcomes: list[tuple[Result, PlanSummary]] | None = None
    if workers > 1:
        try:
            say(f"menyelesaikan {len(datas)} rencana, {workers} sekaligus")
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(solve_and_summarise, label, d, time_limit)
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
            outcomes.append(solve_and_summarise(label, d, time_limit))
    plans = [Plan(label, change, d, result, summary)
             for label, change, d, (result, summary) in zip(labels, changes, datas, outcomes, strict=True)]
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
    ]


def _changes(rows: list[tuple[str, str]]) -> str:
    """What a scenario changes, short: 'Batas jumlah mutasi (kosong) → 50; unit dibekukan Dinas Kesehatan'."""
    shown = [f"{label.removeprefix(OVERRIDE)} {value}" for label, value in rows if label != "berkas skenario"]
    return "; ".join(shown) or "—"
