"""Two rounds, "train now, move later" (SPEC 8, issue 25): the data each round sees.

`at_round_two(data, trained)` gives the ProblemData the rules see at round 2 (`round_two_date`): the date moved on,
the employees who reach BUP by then gone (`RoundTwo.departures`), the courses of round 1 counted as done;
`courses_for_development` lists the courses of pelatihan.csv worth choosing (they give a field or a certificate).
"""

from penempatan.rounds.later import (
    ROUND_TWO_MONTHS,
    Departure,
    RoundTwo,
    at_round_two,
    courses_for_development,
    round_two_date,
)

__all__ = ["ROUND_TWO_MONTHS", "Departure", "RoundTwo", "at_round_two", "courses_for_development", "round_two_date"]
