"""Plain reasons for a plan: why each employee moves or stays, why a seat stays empty (SPEC 3–5).

A `PlanView` holds the indexes of one solved plan, built once from (data, tables, result); one module per
question asks it: `moves` (Usulan Mutasi: kind, purposes, flags, Alasan), `stays` (Tetap and the holders'
warnings), `seats` (Jabatan Kosong with the JPT shortlist, Per Unit), `why_not` (one employee against one
post), `training` (Kebutuhan Pelatihan), `chains` (Rantai Mutasi), `penjelasan` (what the mover reads) and
`summary` (the one `PlanSummary`), `career` (what an employee could be considered for next); `changes`
compares a plan with an earlier one (`solve --acuan`, sheet Perubahan). Their answers are the typed rows of
`rows`, which the workbook, the report and the terminal only render. Rule wording comes from the registry in
rules.py. Nothing here solves.
"""

from penempatan.explain.career import Career, CareerStep
from penempatan.explain.chains import Chain, chain_list, chain_rows
from penempatan.explain.changes import ChangeRow, change_rows
from penempatan.explain.explainer import Explainer
from penempatan.explain.moves import MOVE_KINDS, PROMOSI, move_rows
from penempatan.explain.penjelasan import penjelasan
from penempatan.explain.rows import (
    Candidate,
    ChainRow,
    EmptySeatRow,
    MoveRow,
    PlanSummary,
    Reason,
    StayRow,
    TableRow,
    TrainingRow,
    UnitRow,
    WarningRow,
)
from penempatan.explain.seats import empty_seat_rows, unit_rows
from penempatan.explain.stays import stay_rows, warning_rows
from penempatan.explain.summary import plan_summary, proof_scope, summary_lines, technical_lines
from penempatan.explain.training import Training, training_rows
from penempatan.explain.view import PlanView

__all__ = [
    "MOVE_KINDS", "PROMOSI", "Candidate", "Career", "CareerStep", "Chain", "ChainRow", "ChangeRow", "EmptySeatRow",
    "Explainer", "MoveRow",
    "PlanSummary", "PlanView", "Reason", "StayRow", "TableRow", "Training", "TrainingRow", "UnitRow", "WarningRow",
    "chain_list", "chain_rows", "change_rows", "empty_seat_rows", "move_rows", "penjelasan", "plan_summary",
    "proof_scope", "stay_rows", "summary_lines", "technical_lines", "training_rows", "unit_rows", "warning_rows",
]
