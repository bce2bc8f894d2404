"""An independent check of a plan against every hard rule (SPEC 3–4): the executable specification.

This package deliberately does not import the scorer or the solver. Each rule is written out again, per
employee, in plain Python, so a bug in the fast array code cannot hide itself here. `check_plan` returns
every violation it finds (an empty list means the plan is valid); `assert_plan_valid` is for tests;
`holders_not_qualified` lists today's holders of a JF post who do not meet R18 (a warning, they stay).

Rule codes are those of SPEC 3, plus four for the plan itself:
`TUJUAN` (a move without a purpose, or one that lowers the fit without a purpose that allows it, SPEC 4),
`PLAN` (not one valid post per employee), `OBJ` (a reported number does not match the plan, or a pair
is not among the candidates), `INFEASIBLE` or `TIME_LIMIT` (the solver found no plan; nothing else is checked).

Modules: `facts` (what the rules ask about posts and employees; `Violation`), `movers` (`Rules`: one method
per per-mover rule), `purposes` (a move's purposes and nilai), `plan` (the whole plan: seats, coupling rules,
reported numbers), `fairness` (every figure of sheet Keadilan recomputed, code `KEADILAN`, SPEC 9).
"""

from penempatan.check.facts import Violation, retirement_date, same_text, whole_months
from penempatan.check.movers import Rules
from penempatan.check.plan import assert_plan_valid, check_plan, holders_not_qualified
from penempatan.check.purposes import PURPOSE_WORDS

__all__ = [
    "PURPOSE_WORDS",
    "Rules",
    "Violation",
    "assert_plan_valid",
    "check_plan",
    "holders_not_qualified",
    "retirement_date",
    "same_text",
    "whole_months",
]
