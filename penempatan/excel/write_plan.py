"""The output workbook of `penempatan solve` (SPEC 5): the plan, its reasons and its parameters.

Each sheet renders the typed rows of the plan view (`penempatan.explain`: `move_rows`, `stay_rows`, …), which the
HTML report renders too; a sheet's header is its row type's `COLUMNS`. `Ringkasan` is the plan's `PlanSummary`,
`Penjelasan` the text the employee reads; `Daftar Usulan` is the same moves laid out for the committee's
paper (excel/move_list.py); `Kurva Manfaat` is added when the plan comes with a benefit curve.
`Tanggapan` (one row per mover) and the `Keputusan` column of `Rantai Mutasi` are left empty, with drop-downs,
for the planner to record the employees' answers and the committee's decisions (SPEC 7); `solve --acuan` reads
them back (excel/read_plan.py). A plan re-solved against an earlier one (`--acuan`) also has the sheet
`Perubahan` after `Ringkasan`: every placement that changed against the earlier plan and why
(`explain.changes`).

Written in openpyxl's write-only mode (timings in benchmarks/RESULTS.md), with every text from the input
written as text (a Nama "=HYPERLINK(…)" stays a string) and NIP always as text. The file is byte-for-byte
the same for the same plan: no timestamps in the sheets, fixed document dates and fixed zip entry times.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from penempatan import __version__
from penempatan.committee import COLUMNS as LIST_COLUMNS
from penempatan.curve import CURVE_HEADER, CurvePoint, curve_rows
from penempatan.excel.common import as_text, atomic_save, param_value
from penempatan.excel.move_list import SHEET as LIST_SHEET
from penempatan.excel.move_list import write_move_list
from penempatan.excel.sheets import TWO_COLUMN_FORMATS, StableWorkbook, write_sheet
from penempatan.explain import (
    MOVE_KINDS,
    ChainRow,
    EmptySeatRow,
    MoveRow,
    PlanSummary,
    PlanView,
    StayRow,
    TableRow,
    TrainingRow,
    UnitRow,
    chain_rows,
    empty_seat_rows,
    move_rows,
    plan_summary,
    stay_rows,
    training_rows,
    unit_rows,
)
from penempatan.explain.changes import ChangeRow
from penempatan.explain.summary import outcome
from penempatan.model import ProblemData
from penempatan.parameters import param_label
from penempatan.result import Result
from penempatan.rounds.outcome import TwoRoundPlan
from penempatan.rounds.rows import (
    DEVELOPMENT_SHEET,
    ROUND_TWO_SHEET,
    DevelopmentRow,
    RoundTwoRow,
    development_rows,
    round_two_rows,
    summary_rows,
)
from penempatan.rules import FLAG_LABELS, LEGEND_COLUMNS, PURPOSE_LABELS, legend_rows
from penempatan.scenario.answers import ACCEPT, AGREE, ANSWERS_SHEET, APPROVE, CHAINS_SHEET, OBJECT, REJECT
from penempatan.scoring import FLAGS, PURPOSES, Tables
from penempatan.text import number
from penempatan.wishes.fairness import COLUMNS as FAIRNESS_COLUMNS
from penempatan.wishes.fairness import SHEET as FAIRNESS_SHEET
from penempatan.wishes.fairness import fairness_rows

RIWAYAT_ROW = "riwayat SIASN"
"""The Parameter row naming the SIASN history folder applied (`solve --riwayat`) and what it filled."""
RULES_SHEET = "Kode Aturan"
"""The legend of every rule code the other sheets show (R1 … R27), with its wording, source and parameter."""

SHEETS: dict[str, tuple[str, ...]] = {
    "Ringkasan": ("Keterangan", "Nilai"),
    "Usulan Mutasi": MoveRow.COLUMNS,
    LIST_SHEET: LIST_COLUMNS,
    "Rantai Mutasi": (*ChainRow.COLUMNS, "Keputusan"),
    "Tanggapan": ("NIP", "Nama", "Usulan", "Tanggapan", "Alasan", "Keputusan", "Catatan"),
    "Tetap": StayRow.COLUMNS,
    "Jabatan Kosong": EmptySeatRow.COLUMNS,
    "Kebutuhan Pelatihan": TrainingRow.COLUMNS,
    "Per Unit": UnitRow.COLUMNS,
    FAIRNESS_SHEET: FAIRNESS_COLUMNS,
    "Parameter": ("Parameter", "Nilai", "Nama"),
    RULES_SHEET: LEGEND_COLUMNS,
}
"""Sheet names and header rows of the output workbook, in order (SPEC 5, plus the printable `Daftar Usulan`,
`Rantai Mutasi`, SPEC 7's `Tanggapan` and SPEC 9's `Keadilan`)."""

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    (CHAINS_SHEET, "Keputusan"): (APPROVE, REJECT),
    (ANSWERS_SHEET, "Tanggapan"): (AGREE, OBJECT),
    (ANSWERS_SHEET, "Keputusan"): (ACCEPT, REJECT),
}
"""The drop-downs of the columns the planner fills in (SPEC 7), by (sheet, column); the values are the ones
`solve --acuan` reads back (scenario/answers.py)."""

CHANGES_SHEET = "Perubahan"
"""Every placement changed against the earlier plan (`solve --acuan`), written after `Ringkasan` when there is one."""

CURVE_SHEET = "Kurva Manfaat"
"""The benefit curve (`solve --kurva`), written after the SHEETS when the plan comes with one."""


def write_plan(path: Path, data: ProblemData, tables: Tables, result: Result, *,
               input_path: Path | None = None, versions: dict[str, str] | None = None,
               scenario: Sequence[tuple[str, str]] = (), curve: Sequence[CurvePoint] | None = None,
               changes: Sequence[ChangeRow] | None = None,
               answered: Mapping[tuple[str, str], Sequence[str]] | None = None, riwayat: str = "",
               rounds: TwoRoundPlan | None = None) -> None:
    """Write the plan workbook (SPEC 5) atomically to `path`; with `curve`, also the `Kurva Manfaat` sheet,
    with `changes` (a plan made against an earlier one), the `Perubahan` sheet. `answered` holds the answers
    recorded for the earlier plan by (NIP, Kode Jabatan Tujuan): a move the new plan keeps keeps its row's
    Tanggapan, Alasan, Keputusan and Catatan, so only the new proposals wait for an answer.

    `versions` carries what this module must not import: "penempatan" (default: this package's version),
    "ortools" and "seed" (the solver's random seed); any other key is listed as "versi <key>". `riwayat` names the
    SIASN histories applied to the data (`solve --riwayat`), one Parameter row. With `rounds` (a two-round plan
    whose round 1 is `result`), Ringkasan has both rounds' lines and the sheets `Putaran 2` and `Rencana
    Pengembangan` follow.
    """
    view = PlanView(data, tables, result)
    moves = move_rows(view)
    stamp = datetime.combine(data.params.tanggal_acuan, datetime.min.time())
    wb = StableWorkbook(stamp)
    rows: dict[str, list[list[Any]]] = {
        "Ringkasan": (_summary_rows(plan_summary(data, tables, result, view=view)) + _scenario_rows(scenario, result)
                      + ([[label, value] for label, value in summary_rows(data, rounds)] if rounds else [])),
        "Usulan Mutasi": _cells(moves),
        "Rantai Mutasi": [[*row.cells(), None] for row in chain_rows(view)],
        "Tanggapan": [[m.nip, m.nama, f"{m.to_nama}, {m.to_unit}",
                       *(_t(v) or None for v in (answered or {}).get((m.nip, m.to_kode), ("",) * 4))]
                      for m in moves],
        "Tetap": _cells(stay_rows(view)),
        "Jabatan Kosong": _cells(empty_seat_rows(view)),
        "Kebutuhan Pelatihan": _cells(training_rows(view)),
        "Per Unit": _cells(unit_rows(view)),
        FAIRNESS_SHEET: [row.cells() for row in fairness_rows(data, result.assignment)],
        "Parameter": _parameters(data, input_path, versions or {}, riwayat) + _scenario_rows(scenario, None),
        RULES_SHEET: legend_rows(),
    }
    for name, header in SHEETS.items():
        if name == LIST_SHEET:
            write_move_list(wb, moves, tanggal_acuan=data.params.tanggal_acuan, instansi=data.params.nama_instansi)
            continue
        write_sheet(wb, name, header, rows[name], TWO_COLUMN_FORMATS.get(name, {}))
        _add_choices(wb, name, header, len(rows[name]))
        if name == "Ringkasan" and changes is not None:
            write_sheet(wb, CHANGES_SHEET, ChangeRow.COLUMNS, _cells(changes), {})
    if curve is not None:
        write_sheet(wb, CURVE_SHEET, CURVE_HEADER, curve_rows(curve, tables.n_emp), {})
    if rounds is not None:
        write_sheet(wb, ROUND_TWO_SHEET, RoundTwoRow.COLUMNS, _cells(round_two_rows(data, rounds)), {})
        write_sheet(wb, DEVELOPMENT_SHEET, DevelopmentRow.COLUMNS, _cells(development_rows(data, rounds)), {})
    atomic_save(wb, path)


def _add_choices(wb: StableWorkbook, name: str, header: tuple[str, ...], n_rows: int) -> None:
    """A drop-down on each column of `CHOICES` in sheet `name`, over its data rows (at least one)."""
    for column, choices in ((c, CHOICES.get((name, c))) for c in header):
        if choices is None:
            continue
        letter = get_column_letter(header.index(column) + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=column, error=f"Pilih {' atau '.join(choices)}.")
        dv.add(f"{letter}2:{letter}{max(2, n_rows + 1)}")
        wb[name].data_validations.append(dv)


# --- sheet contents ------------------------------------------------------------------------------------
_t = as_text  # None as ''; `sheets.write_sheet` writes every string as text, never a formula


def _cells(rows: Sequence[TableRow]) -> list[list[Any]]:
    return [row.cells() for row in rows]


def _blank_nan(x: float) -> float | str:
    """NaN (no plan) as an empty cell, whole numbers as int."""
    if math.isnan(x):
        return ""
    return int(x) if float(x).is_integer() else round(float(x), 6)


def _summary_rows(s: PlanSummary) -> list[list[Any]]:
    """`Ringkasan`: (label, value) with numbers as numbers; the outcome in words first (`Status` keeps the
    solver's code, which `read_plan` reads back)."""
    rows: list[list[Any]] = [
        ["Hasil", outcome(s)],
        ["Status", s.status],
        ["Nilai Objektif", s.objective if s.feasible else ""],
        ["Batas Atas", _blank_nan(s.bound)],
        ["Gap", _blank_nan(s.gap)],
        ["Waktu (detik)", round(s.wall_time, 2)],
        ["Metode", s.method],
        ["Cakupan bukti", s.proof],
        ["Jumlah pegawai", s.employees],
        ["Jumlah mutasi", s.moves],
        ["Pegawai dipindah (%)", round(100 * s.share_moved, 2)],
        *[[k, s.kinds[k]] for k in MOVE_KINDS],
        *[[f"Tujuan: {PURPOSE_LABELS[k]}", s.purposes[k]] for k in PURPOSES],
        ["Mutasi dengan Perhatian", s.flagged_moves],
        *[[f"Perhatian: {FLAG_LABELS[k]}", s.flags[k]] for k in FLAGS],
        ["Rantai kekosongan", s.chains],
        ["Siklus (saling bertukar kursi)", s.cycles],
        ["Kursi (Kebutuhan)", s.seats_total],
        ["Kursi terisi sebelum", s.seats_filled_before],
        ["Kursi terisi sesudah", s.seats_filled_after],
        ["Kursi wajib terisi (R12)", f"{number(s.must_fill_filled)} dari {number(s.must_fill_seats)}"],
        ["Kelebihan pegawai tersisa (R11)", s.surplus_kept],
        ["Rata-rata kesesuaian sebelum", _blank_nan(round(s.fit_before, 2))],
        ["Rata-rata kesesuaian sesudah", _blank_nan(round(s.fit_after, 2))],
        ["Kenaikan kesesuaian (jumlah)", s.fit_gained],
        ["Skenario", s.scenario],
        ["Tanggal acuan", s.tanggal_acuan],
    ]
    if s.message:
        rows.append(["Pesan", s.message])
    return rows


def _scenario_rows(scenario: Sequence[tuple[str, str]], result: Result | None) -> list[list[Any]]:
    """Every override of the scenario (`scenario.scenario_rows`; its name has a row already) and, in
    Ringkasan, how many placements differ from the reference plan (`solve --acuan`)."""
    rows: list[list[Any]] = [[_t(label), _t(value)] for label, value in scenario if label != "skenario"]
    if result is not None and result.changed_vs_reference is not None:
        rows.append(["Perubahan dibanding acuan", result.changed_vs_reference])
    return rows


def _parameters(data: ProblemData, input_path: Path | None, versions: dict[str, str],
                riwayat: str = "") -> list[list[Any]]:
    rows: list[list[Any]] = []
    for name in type(data.params).model_fields:
        rows.append([name, _param_value(getattr(data.params, name)), param_label(name)])
    sha = data.source_sha256 or (_sha256(input_path) if input_path is not None else "")
    rows.append(["sha256_input", sha])
    if riwayat:  # `solve --riwayat`: sha256_input is then that of the workbook with SIASN's values applied
        rows.append([RIWAYAT_ROW, _t(riwayat)])
    rows.append(["versi penempatan", versions.get("penempatan", __version__)])
    rows.append(["versi OR-Tools", versions.get("ortools", "")])
    for key in sorted(set(versions) - {"penempatan", "ortools", "seed"}):
        rows.append([f"versi {key}", versions[key]])
    rows.append(["seed", versions.get("seed", "")])
    rows.append(["skenario", _t(data.scenario_name or "")])
    return rows


def _param_value(value: object) -> Any:
    """Parameters as a planner would type them in `Pengaturan`; dates stay dates (formatted cells)."""
    return "" if value is None else param_value(value)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
