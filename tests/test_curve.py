"""Kurva manfaat (penempatan.curve): the optimal plan for a series of move caps (R14) on one data set."""

from __future__ import annotations

import numpy as np
import pytest

from penempatan.check import assert_plan_valid
from penempatan.curve import CURVE_HEADER, CurvePoint, benefit_curve, curve_rows, default_caps, point_of
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.solver import solve
from tests.instances import make_instance


@pytest.fixture(scope="module", params=[1, 3])
def solved(request: pytest.FixtureRequest) -> tuple[ProblemData, Tables, Result, list[CurvePoint]]:
    data = make_instance(request.param, 60, 3)
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    return data, tables, result, benefit_curve(data, tables=tables, result=result)


def test_default_caps_step_from_zero_to_below_the_uncapped_moves():
    """Seven even caps from 0 up to (not including) the uncapped plan's moves (eight points with the plan);
    none without moves."""
    assert default_caps(0) == []
    assert default_caps(3) == [0, 1, 2]
    caps = default_caps(521)
    assert caps[0] == 0 and caps == sorted(set(caps)) and caps[-1] < 521 and len(caps) == 7


def test_curve_ends_with_the_uncapped_plan(solved):
    """The last point is the plan itself (no cap); every earlier point has a cap and at most that many moves."""
    data, tables, result, curve = solved
    assert curve[-1] == point_of(data, tables, result, None)
    assert curve[-1].moves == int((result.assignment != tables.cur).sum()) > 0
    caps = [p.cap for p in curve[:-1]]
    assert caps == sorted(caps) and caps[0] == 0 and all(c is not None and c < curve[-1].moves for c in caps)
    for p in curve[:-1]:
        assert p.cap is not None and p.moves <= p.cap


def test_curve_is_monotone_in_moves_and_value(solved):
    """More allowed moves never buy less: moves grow with the cap, and so does the plan's value in the
    solver's order (fewer surplus holders kept, then more must-fill seats, then Σ nilai)."""
    *_, curve = solved
    assert [p.status for p in curve] == ["OPTIMAL"] * len(curve)
    moves = [p.moves for p in curve]
    assert moves == sorted(moves) and moves[0] == 0
    keys = [(-p.surplus_kept, p.must_fill_filled, p.objective) for p in curve]
    assert keys == sorted(keys)
    assert curve[0].fit_gained == 0


def test_a_point_is_the_capped_solve(solved):
    """A curve point has the numbers of solving the data with that maks_mutasi, and that plan is valid."""
    data, tables, _, curve = solved
    point = curve[len(curve) // 2]
    capped = data.replace(params=data.params.model_copy(update={"maks_mutasi": point.cap}))
    alone = solve(capped, 10, tables=Tables(capped))
    assert_plan_valid(capped, alone)
    assert (alone.objective, alone.must_fill_filled, alone.surplus_kept) == \
        (point.objective, point.must_fill_filled, point.surplus_kept)


def test_curve_rows_say_what_each_batch_buys(solved):
    """One sheet row per point; the value per extra move is the objective gained over the moves added."""
    data, _, _, curve = solved
    rows = curve_rows(curve, len(data.employees))
    assert len(rows) == len(curve) and all(len(r) == len(CURVE_HEADER) for r in rows)
    assert rows[-1][0] == "tanpa batas" and rows[0][0] == 0
    for prev, pt, row in zip(curve, curve[1:], rows[1:], strict=False):
        if pt.moves > prev.moves:
            assert row[4] == pytest.approx(round((pt.objective - prev.objective) / (pt.moves - prev.moves), 2))
    assert rows[-1][2] == pytest.approx(round(100 * curve[-1].moves / len(data.employees), 2))
    assert np.isfinite([r[3] for r in rows]).all()


def test_curve_without_a_plan_solves_it_first(solved):
    """Given only the data, the curve solves the uncapped plan itself and gives the same points."""
    data, _, _, curve = solved
    again = benefit_curve(data)
    assert [(p.cap, p.moves, p.objective, p.must_fill_filled) for p in again] == \
        [(p.cap, p.moves, p.objective, p.must_fill_filled) for p in curve]
