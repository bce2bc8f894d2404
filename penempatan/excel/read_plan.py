"""Read an earlier output workbook back: its moves (sheet `Usulan Mutasi`, SPEC 5) and, for `explain
--rencana`, its `Ringkasan` and `Parameter` sheets.

The moves are used by scenarios (`terima_rantai`: lock chains a planner already approved), by `solve --acuan`
(minimal change against an earlier plan) and by `explain --rencana` (answer from the saved plan). Only the
columns those need are read, with the input reader's xlsx layer (xlsx_rows.py), so a plan edited or saved
again in Excel reads the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from penempatan.excel.cells import Bad, as_number, cell_text
from penempatan.excel.common import param_value
from penempatan.excel.read_params import _converter
from penempatan.excel.xlsx_rows import Rows, XlsxBook
from penempatan.explain.saved import SavedMove, SavedSummary
from penempatan.explain.summary import ALL_PAIRS as _ALL_PAIRS
from penempatan.model import Params
from penempatan.result import SolveStatus
from penempatan.text import name_key, nip

SHEET = "Usulan Mutasi"
COLUMNS = ("NIP", "Kode Jabatan Asal", "Kode Jabatan Tujuan", "Rantai")


class PlanFileError(ValueError):
    """The file is not a readable output workbook of `penempatan solve`; the message says why."""


@dataclass(frozen=True)
class PlanMove:
    """One row of `Usulan Mutasi`: who moves from where to where, in which vacancy chain."""

    row: int  # Excel row
    nip: str
    asal: str
    tujuan: str
    rantai: str


def read_plan_moves(path: Path) -> list[PlanMove]:
    """Every move of the plan workbook at `path`; PlanFileError when it is missing or not such a workbook."""
    path = Path(path)
    return _moves(path, _sheets(path, (SHEET,))[SHEET])


@dataclass(frozen=True)
class SavedPlan:
    """A plan workbook as `explain --rencana` needs it: the moves, and the `Ringkasan` and `Parameter`
    sheets as label -> cell value (numbers as numbers, dates as dates)."""

    name: str
    moves: list[PlanMove]
    summary: dict[str, object]
    parameter_rows: list[tuple[str, object]]

    @property
    def parameters(self) -> dict[str, object]:
        """`Parameter` as a dict (the first row of a repeated label)."""
        out: dict[str, object] = {}
        for label, value in self.parameter_rows:
            out.setdefault(label, value)
        return out


def read_saved_plan(path: Path) -> SavedPlan:
    """The moves, summary and parameters of the plan workbook at `path`; PlanFileError when it is missing
    or not an output workbook of `penempatan solve`."""
    path = Path(path)
    sheets = _sheets(path, (SHEET, SUMMARY_SHEET, PARAMETER_SHEET))
    summary: dict[str, object] = {}
    for label, value in _pairs(sheets[SUMMARY_SHEET]):
        summary.setdefault(label, value)
    return SavedPlan(path.name, _moves(path, sheets[SHEET]), summary, _pairs(sheets[PARAMETER_SHEET]))


def saved_summary(saved: SavedPlan) -> SavedSummary:
    """The solve's status, objective, bound, time, method and proof scope from `Ringkasan`; PlanFileError
    when the status or objective is missing or the plan has none (INFEASIBLE)."""
    s = saved.summary
    try:
        status = SolveStatus(str(s.get("Status", "")).strip().upper())
    except ValueError:
        raise PlanFileError(f"sheet '{SUMMARY_SHEET}' di {saved.name} tidak punya Status yang dikenal "
                            f"({_text(s.get('Status'))})") from None
    if status is SolveStatus.INFEASIBLE:
        raise PlanFileError(f"rencana {saved.name} berstatus INFEASIBLE (tidak ada rencana untuk dijelaskan)")
    objective, bound, wall = (as_number(s.get(k)) for k in ("Nilai Objektif", "Batas Atas", "Waktu (detik)"))
    if objective is None:
        raise PlanFileError(f"sheet '{SUMMARY_SHEET}' di {saved.name} tidak punya Nilai Objektif")
    all_pairs = status is SolveStatus.OPTIMAL and s.get("Cakupan bukti") == _ALL_PAIRS
    return SavedSummary(status, int(objective), math.nan if bound is None else float(bound),
                        0.0 if wall is None else float(wall), cell_text(s.get("Metode") or ""), all_pairs)


def saved_moves(saved: SavedPlan) -> list[SavedMove]:
    return [SavedMove(m.row, m.nip, m.asal, m.tujuan) for m in saved.moves]


def changed_parameters(saved: SavedPlan, params: Params) -> list[tuple[str, str, str]]:
    """(parameter, value in the plan, value in the data) for every parameter the plan was made with that
    differs from `params` (a parameter missing from the plan counts as changed). Both sides go through the
    `Pengaturan` reader's converter, so 30 and 30.0, or a date cell and its text, compare equal."""
    out = []
    for name in Params.model_fields:
        ours = getattr(params, name)
        written = "" if ours is None else param_value(ours)
        theirs = saved.parameters.get(name, _MISSING)
        if theirs is _MISSING or _typed(name, theirs) != _typed(name, written):
            shown = "(tidak ada)" if theirs is _MISSING else _text(theirs)
            out.append((name, shown, _text(written)))
    return out


SUMMARY_SHEET = "Ringkasan"
PARAMETER_SHEET = "Parameter"
_MISSING = object()


def _sheets(path: Path, names: tuple[str, ...]) -> dict[str, Rows]:
    """The rows of each sheet in `names`; PlanFileError when the file is missing, unreadable or lacks one."""
    if not path.is_file():
        raise PlanFileError(f"berkas {path} tidak ditemukan")
    try:
        with XlsxBook(path.read_bytes()) as book:
            sheets = {name_key(name): name for name in book.names()}
            for wanted in names:
                if name_key(wanted) not in sheets:
                    raise PlanFileError(f"berkas {path.name} tidak punya sheet '{wanted}' (bukan keluaran "
                                        "penempatan solve)")
            return {wanted: book.rows(sheets[name_key(wanted)]) for wanted in names}
    except PlanFileError:
        raise
    except Exception as exc:  # raised by the file's content: a broken, hostile or non-xlsx file
        raise PlanFileError(f"berkas {path.name} bukan workbook .xlsx yang dapat dibaca ({exc})") from None


def _moves(path: Path, rows: Rows) -> list[PlanMove]:
    header = [name_key(h) for h in (rows[0][1] if rows and rows[0][0] == 1 else ())]
    missing = [c for c in COLUMNS if name_key(c) not in header]
    if missing:
        raise PlanFileError(f"sheet '{SHEET}' di {path.name} tidak punya kolom {', '.join(missing)}")
    col = {c: header.index(name_key(c)) for c in COLUMNS}
    out = []
    for number, values in rows[1:]:
        cells = [nip(v) for v in values]  # any cell as text, a whole number without '.0' (calamine reads floats)
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        out.append(PlanMove(number, cells[col["NIP"]].lstrip("'"), cells[col["Kode Jabatan Asal"]],
                            cells[col["Kode Jabatan Tujuan"]], cells[col["Rantai"]]))
    return out


def _pairs(rows: Rows) -> list[tuple[str, object]]:
    """A two-column sheet (label, value) below its header row; empty cells as ''."""
    out: list[tuple[str, object]] = []
    for _, values in rows[1:]:
        if values and isinstance(values[0], str) and values[0].strip():
            value = values[1] if len(values) > 1 else None
            out.append((values[0].strip(), "" if value is None else value))
    return out


def _typed(name: str, value: object) -> object:
    """A parameter cell as `Pengaturan` would read it; blank as None, an unreadable value as its text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return _converter(name)(value)
    except (Bad, ValueError, TypeError):
        return _text(value)


def _text(value: object) -> str:
    return cell_text(value) if value not in (None, "") else "(kosong)"
