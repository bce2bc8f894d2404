"""Scenario files (TOML, SPEC 2.3): a what-if validated against the data and applied as a new, checked copy.

A scenario overrides rule parameters (`[parameter]`) and score weights (`[bobot]`), adds pins (`[[kunci]]`),
forbids (`[[larang]]`), frozen units (`bekukan_unit`) and seat changes (`[kebutuhan]`) — all R15 or data
changes — and can lock vacancy chains a planner already approved in an earlier output workbook
(`terima_rantai` with `rekomendasi`) or keep close to an earlier plan (`acuan`). Reading those workbooks is
the excel layer's work: the caller passes the reader (`load_scenario(..., read_plan=...)`).

    model    Scenario, apply_scenario, scenario_rows
    load     load_scenario: every problem at once, located by file, TOML line and key
    lines    where each key of the TOML text is
    pins     pins against the hard rules, with the numbers behind each broken rule
    plans    the plan reader's contract (ReadPlan) and the reference plan of `solve --acuan` (load_acuan)
    answers  the answers (Tanggapan) and chain decisions recorded in that plan, as pins and forbids (R15)
    example  the annotated example (contoh.toml) of `template --skenario`
"""

from penempatan.scenario.answers import Decided, Decision, Decisions, PlanAnswers, apply_decisions, decide
from penempatan.scenario.example import EXAMPLE, write_example
from penempatan.scenario.load import load_scenario
from penempatan.scenario.model import TOML_KEYS, Scenario, apply_scenario, scenario_rows
from penempatan.scenario.plans import (
    Acuan,
    PlanRow,
    ReadAnswers,
    ReadPlan,
    load_acuan,
    load_reference_plan,
    reference_plan,
)

__all__ = [
    "EXAMPLE",
    "Acuan",
    "Decided",
    "Decision",
    "Decisions",
    "PlanAnswers",
    "ReadAnswers",
    "apply_decisions",
    "decide",
    "load_acuan",
    "TOML_KEYS",
    "PlanRow",
    "ReadPlan",
    "Scenario",
    "apply_scenario",
    "load_reference_plan",
    "load_scenario",
    "reference_plan",
    "scenario_rows",
    "write_example",
]
