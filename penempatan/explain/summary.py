"""One summary of a plan (`rows.PlanSummary`) that every output renders: the terminal, `Ringkasan`, compare and
the HTML report show the same numbers because they read them from here."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from penempatan.explain.chains import R21_KINDS, staffing_gain
from penempatan.explain.moves import MOVE_KINDS, move_kind
from penempatan.explain.rows import PlanSummary
from penempatan.explain.view import PlanView
from penempatan.model import ProblemData
from penempatan.parameters import param_label
from penempatan.result import Result, SolveStatus
from penempatan.rules import FLAG_LABELS, PURPOSE_LABELS
from penempatan.scoring import FLAGS, PURPOSES, Tables
from penempatan.text import decimal, number, percent

ALL_PAIRS = "optimal atas semua pasangan pegawai-jabatan yang memenuhi syarat"
"""The proof scope of an OPTIMAL plan whose LP pricing left no eligible pair out."""


def proof_scope(r: Result) -> str:
    """What an OPTIMAL status covers: every eligible pair (LP pricing found none left out) or the capped
    candidate set; for other statuses, the gap."""
    if r.status is not SolveStatus.OPTIMAL:
        return "rencana layak dengan gap terbukti" if r.feasible else "-"
    if r.proof_over_all_pairs:
        return ALL_PAIRS
    return f"optimal atas kandidat terbatas ({param_label('maks_kandidat').lower()})"


def plan_summary(data: ProblemData, tables: Tables, result: Result, *, label: str = "",
                 view: PlanView | None = None) -> PlanSummary:
    """The summary of one solved plan (pass `view` when a PlanView of the same plan exists already)."""
    t = tables
    n_unit = len(t.unit_names)
    need = np.bincount(t.post_unit, weights=t.post_keb, minlength=n_unit).astype(np.int64)
    filled_before = int(np.minimum(t.holders, t.post_keb).sum())
    common: dict[str, Any] = dict(
        label=label, status=result.status.value, feasible=result.feasible, bound=result.bound, gap=result.gap,
        wall_time=result.wall_time, method=result.method, proof=proof_scope(result), message=result.message,
        employees=t.n_emp, seats_total=int(t.post_keb.sum()), seats_filled_before=filled_before,
        must_fill_seats=result.must_fill_seats, scenario=data.scenario_name or "(dasar)",
        tanggal_acuan=data.params.tanggal_acuan, changed_vs_reference=result.changed_vs_reference,
        assignment=result.assignment, unit_need=need)
    if not result.feasible:
        return PlanSummary(
            **common, objective=0, moves=0, kinds=dict.fromkeys(MOVE_KINDS, 0), purposes=dict.fromkeys(PURPOSES, 0),
            flags=dict.fromkeys(FLAGS, 0), flagged_moves=0, chains=0, cycles=0, seats_filled_after=filled_before,
            must_fill_filled=0, surplus_kept=0, fit_before=math.nan, fit_after=math.nan, fit_gained=0, worse_off=0,
            unit_after=np.bincount(t.emp_unit, minlength=n_unit))
    v = view or PlanView(data, t, result)
    kinds = dict.fromkeys(MOVE_KINDS, 0)
    purposes = dict.fromkeys(PURPOSES, 0)
    flags = dict.fromkeys(FLAGS, 0)
    flagged = 0
    for i in v.movers:
        kinds[move_kind(v, i)] += 1
        raises = staffing_gain(v, v.chain_of[i][0]) > 0  # as Tujuan says it (moves.tujuan, SPEC 4 v3)
        for name in v.purposes(i):
            purposes[name] += name != "kebutuhan" or raises
        mine = v.flags(i)
        for name in mine:
            flags[name] += 1
        flagged += bool(mine)
    before, after = v.stay_scores, v.assigned_scores
    n = max(1, t.n_emp)
    kept = {kind: int((v.group_filled_after[kind] >= v.group_filled_before[kind]).sum()) for kind in R21_KINDS}
    return PlanSummary(
        **common, objective=result.objective, moves=len(v.movers), kinds=kinds, purposes=purposes, flags=flags,
        flagged_moves=flagged, chains=sum(not c.cycle for c in v.chains), cycles=sum(c.cycle for c in v.chains),
        seats_filled_after=int(np.minimum(v.after, t.post_keb).sum()), must_fill_filled=result.must_fill_filled,
        surplus_kept=result.surplus_kept, fit_before=float(before.sum()) / n, fit_after=float(after.sum()) / n,
        fit_gained=int((after - before).sum()), worse_off=int((after < before).sum()),
        unit_after=np.bincount(t.post_unit[result.assignment], minlength=n_unit),
        places=len(t.place_names), places_kept=kept["lokasi"], pools=len(t.pool_names), pools_kept=kept["profesi"])


def _counts(labels: dict[str, str], counts: dict[str, int]) -> str:
    shown = [f"{labels[k]} {number(v)}" for k, v in counts.items() if v]
    return "; ".join(shown) or "-"


def outcome(s: PlanSummary) -> str:
    """What the solve achieved, in a planner's words (the status, what OPTIMAL covers, or why there is no plan)."""
    if s.status == SolveStatus.OPTIMAL.value:
        if s.proof == ALL_PAIRS:
            return "rencana terbaik: terbukti tidak ada rencana lain yang lebih bernilai"
        return "rencana terbaik di antara calon yang diperiksa (batas calon per pegawai)"
    if s.status == SolveStatus.FEASIBLE.value:
        return f"rencana layak, belum terbukti terbaik (paling jauh {percent(s.gap, 2)} dari yang terbaik)"
    if s.status == SolveStatus.TIME_LIMIT.value:
        return "belum ada rencana dalam batas waktu"
    return "tidak ada rencana yang memenuhi semua aturan"


def summary_lines(s: PlanSummary) -> list[tuple[str, str]]:
    """What the plan does, in a planner's words, for the terminal, the web app and the report's cards (Indonesian
    numbers); the solver's own figures are in `technical_lines`."""
    lines = [("Hasil", outcome(s))]
    if not s.feasible:
        return [*lines, ("Keterangan", s.message)] if s.message else lines
    kinds = ", ".join(f"{k} {number(s.kinds[k])}" for k in MOVE_KINDS if s.kinds[k])
    lines += [
        ("Mutasi", f"{number(s.moves)} dari {number(s.employees)} pegawai ({percent(s.share_moved)})"
         + (f": {kinds}" if kinds else "")),
        ("Tujuan mutasi", _counts(PURPOSE_LABELS, s.purposes)),
        ("Perlu perhatian", f"{number(s.flagged_moves)} mutasi: {_counts(FLAG_LABELS, s.flags)}"
         if s.flagged_moves else "-"),
        ("Kursi terisi", f"{number(s.seats_filled_before)} → {number(s.seats_filled_after)} dari "
                         f"{number(s.seats_total)} kursi"),
        ("Sekolah, puskesmas dan lokasi lain", _kept(s.places_kept, s.places, "lokasi")),
        ("Guru dan tenaga kesehatan per unit", _kept(s.pools_kept, s.pools, "kelompok profesi")),
        ("Kursi wajib diisi", f"{number(s.must_fill_filled)} dari {number(s.must_fill_seats)} terisi"),
        ("Kelebihan pegawai yang tersisa", number(s.surplus_kept)),
        ("Rata-rata kesesuaian", f"{number(s.fit_before, 1)} → {number(s.fit_after, 1)} (skala 0–100)"),
        ("Rantai mutasi", f"{number(s.chains)} rantai, {number(s.cycles)} tukar kursi"),
    ]
    if s.message:
        lines.append(("Keterangan", s.message))
    return lines


def _kept(kept: int, total: int, what: str) -> str:
    """'semua 120 lokasi tetap terisi seperti sebelumnya atau lebih' (R21), or how many are not."""
    if not total:
        return "-"
    if kept == total:
        return f"semua {number(total)} {what} tetap terisi seperti sebelumnya atau lebih"
    return f"{number(total - kept)} dari {number(total)} {what} berkurang kursi terisinya"


def technical_lines(s: PlanSummary, total_seconds: float | None = None) -> list[tuple[str, str]]:
    """'Rincian teknis': the solver's figures (status code, objective, bound and gap, proof scope, stage, time)."""
    lines = [("Status", s.status)]
    if s.feasible:
        lines += [("Nilai objektif (Σ nilai)", number(s.objective)),
                  ("Batas atas / gap", f"{number(s.bound)} / {percent(s.gap, 4)}"),
                  ("Cakupan bukti", s.proof)]
    lines.append(("Waktu perhitungan", f"{decimal(round(s.wall_time, 1))} detik (tahap {s.method})"))
    if total_seconds is not None:
        lines.append(("Waktu total", f"{decimal(round(total_seconds, 1))} detik"))
    return lines
