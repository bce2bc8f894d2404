"""Eligibility (hard rules with reason codes), purposes and integer fit scores with named parts (SPEC 3–4).

Everything here is a pure function of ProblemData. Scores are made integer here and nowhere else, so the
solver, the checker and the explanations all see the same numbers.

A pair (employee, post) is a candidate when every hard rule allows it and, for a move, when the move has a
purpose (SPEC 4: mengisi kebutuhan, rotasi jatuh tempo, promosi, kesesuaian lebih baik, kelebihan pegawai,
permintaan pegawai). Its `skor` is the fit 0–100; its `nilai` (the objective coefficient) is the fit plus the
value of the move's purposes minus `biaya_mutasi`.

Candidate generation is sparse: posts are grouped into *classes* of posts that score alike for every
employee (same jenis, jenjang, kelas, minimum education, field, JF family, golongan range, competence
standards); an employee is scored against each class once, and only the best classes (and a few posts of
each) become candidate pairs. See `build_candidates` for the caps.

Modules: `tables` (the arrays, `Tables`), `eligibility` (holds and pair rules by code), `fit` (the fit
components), `purposes` (purposes, flags and nilai of a move), `candidates` (`build_candidates` and its caps),
`pricing` (exact pricing for the solver's column generation).
"""

from penempatan.rules import FLAG_LABELS, PURPOSE_LABELS
from penempatan.scoring.candidates import Candidates, build_candidates
from penempatan.scoring.eligibility import (
    JPT,
    PAIR_RULES,
    RULE_TEXT,
    forbidden_moves,
    pin_violations,
)
from penempatan.scoring.fit import COMPONENT_LABELS, COMPONENTS, total
from penempatan.scoring.pricing import Prices, price_missing
from penempatan.scoring.purposes import (
    FLAGS,
    NEAR_BUP_MONTHS,
    NOT_ELIGIBLE,
    PURPOSES,
    MoveTerms,
    flag_names,
    purpose_names,
)
from penempatan.scoring.tables import PostClass, Tables, add_years, months_between

__all__ = [
    "COMPONENTS",
    "COMPONENT_LABELS",
    "FLAGS",
    "FLAG_LABELS",
    "JPT",
    "NEAR_BUP_MONTHS",
    "NOT_ELIGIBLE",
    "PAIR_RULES",
    "PURPOSES",
    "PURPOSE_LABELS",
    "RULE_TEXT",
    "Candidates",
    "MoveTerms",
    "PostClass",
    "Prices",
    "Tables",
    "add_years",
    "build_candidates",
    "flag_names",
    "forbidden_moves",
    "months_between",
    "pin_violations",
    "price_missing",
    "purpose_names",
    "total",
]
