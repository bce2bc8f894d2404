"""Kurva manfaat (penempatan.curve): the optimal plan for a series of move caps (R14) on one data set."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from penempatan.check import assert_plan_valid
from penempatan.curve import (
    CURVE_HEADER,
    CurvePoint,
    benefit_curve,
    curve_rows,
    default_caps,
    never_falling,
    point_of,
    status_words,
)
from penempatan.demo import generate_demo
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.solver import solve
from tests.instances import exact_case, make_instance


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


def test_default_caps_start_at_the_moves_every_plan_makes():
    """With wishes granted (pins) and replacements set aside, caps below those moves have no plan: the default
    caps start at them (the 5,000 demo showed caps 0 and 15 "tidak dihitung" with 16 wishes granted)."""
    from penempatan.curve import fixed_moves
    from penempatan.wishes.serve import serve_wishes

    served = serve_wishes(generate_demo(n_pegawai=600, seed=1)).data  # 2 granted, 2 replacements
    least = fixed_moves(served)
    moving = [p for p in served.pins if served.position_index[p.kode_jabatan]
              != served.current_post[served.employee_index[p.nip]]]
    assert least == len(moving) + len(served.replacements) > 0
    caps = default_caps(120, least=least)
    assert caps[0] == least and caps[-1] < 120 and len(caps) == 7
    assert default_caps(least, least=least) == []


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


def _capped(data: ProblemData, cap: int | None) -> ProblemData:
    return data.replace(params=data.params.model_copy(update={"maks_mutasi": cap}))


def _same_as_solve(data: ProblemData, curve: list[CurvePoint], time_limit: float = 10) -> None:
    """Every capped point has the status and numbers of `solve` with that maks_mutasi, whose plan is valid."""
    for point in curve[:-1]:
        capped = _capped(data, point.cap)
        alone = solve(capped, time_limit, tables=Tables(capped))
        assert_plan_valid(capped, alone)
        assert (point.status, point.objective, point.must_fill_filled, point.surplus_kept) == \
            (alone.status.value, alone.objective, alone.must_fill_filled, alone.surplus_kept), point.cap


def _never_falls(curve: list[CurvePoint]) -> None:
    """Moves grow with the cap and the value never falls in the solver's order."""
    assert all(p.computed for p in curve)
    assert [p.moves for p in curve] == sorted(p.moves for p in curve)
    assert [p.rank() for p in curve] == sorted(p.rank() for p in curve)


def test_every_point_is_the_capped_solve(solved):
    """Each curve point has the numbers of solving the data with that maks_mutasi, and that plan is valid."""
    data, _, _, curve = solved
    _same_as_solve(data, curve)


@pytest.mark.parametrize("seed", [2, 5, 9, 11, 13, 17, 26, 1000])
def test_every_point_is_the_capped_solve_with_binding_rules(seed):
    """On random instances where R13, R14 or R21 bind (tests.instances.exact_case; 1000: 240 employees in 4
    units, at most 10 % of a unit leaving), every point is `solve` with that maks_mutasi and the curve never
    falls."""
    data = exact_case(seed) if seed < 1000 else make_instance(seed, 240, 4, maks_keluar_unit_persen=10)
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    curve = benefit_curve(data, time_limit=10, tables=tables, result=result)
    _same_as_solve(data, curve)
    _never_falls(curve)


def test_the_5000_demo_curve_is_solve_at_every_cap():
    """`demo --pegawai 5000 --seed 3` (issue 23: two caps were INFEASIBLE with zeros): every point is OPTIMAL with
    `solve`'s numbers for that maks_mutasi, and the curve never falls."""
    data = generate_demo(n_pegawai=5000, seed=3)
    tables = Tables(data)
    result = solve(data, 60, tables=tables)
    curve = benefit_curve(data, tables=tables, result=result)
    assert len(curve) == 8 and [p.status for p in curve] == ["OPTIMAL"] * 8
    _never_falls(curve)
    _same_as_solve(data, curve, time_limit=60)


def _point(cap: int | None, status: str = "OPTIMAL", *, surplus: int = 0, fill: int = 0, value: int = 0,
           moves: int = 0) -> CurvePoint:
    return CurvePoint(cap=cap, status=status, moves=moves, objective=value, fit_gained=0, seats_filled=0,
                      must_fill_filled=fill, must_fill_seats=3, surplus_kept=surplus, gap=0.0, wall_time=1.0)


def test_an_unproven_point_below_the_one_before_shows_that_plan():
    """A plan within a smaller cap is within a larger one: a FEASIBLE or TIME_LIMIT point that ranks below the
    point before it shows that point's plan (FEASIBLE, naming its cap); OPTIMAL points are kept as solved."""
    points = [_point(0, value=10), _point(5, "FEASIBLE", fill=1, value=5, moves=5), _point(10, "TIME_LIMIT"),
              _point(15, "FEASIBLE", surplus=1, fill=3, value=99, moves=15), _point(20, fill=2, value=7, moves=20)]
    out = never_falling(points)
    assert out[:2] == points[:2]  # more must-fill seats outrank Σ nilai
    assert (out[2].cap, out[2].status, out[2].from_cap, out[2].moves, out[2].objective) == (10, "FEASIBLE", 5, 5, 5)
    assert (out[3].cap, out[3].from_cap, out[3].surplus_kept) == (15, 5, 0)  # one more surplus holder kept ranks lower
    assert out[4] == points[4]
    assert "rencana batas 5" in status_words(out[2])


def test_a_point_without_a_plan_is_not_drawn_as_zero():
    """A point with no plan before it stays not computed: its row has its cap and its status in words, no
    numbers, and the next point's value per move counts from the last computed point."""
    points = never_falling([_point(0, "INFEASIBLE"), _point(3, "TIME_LIMIT"), _point(6, value=60, moves=6),
                            _point(None, value=90, moves=9)])
    assert [p.computed for p in points] == [False, False, True, True]
    rows = curve_rows(points, 100)
    assert rows[0] == [0, *[""] * (len(CURVE_HEADER) - 2), status_words(points[0])]
    assert "tidak dihitung" in rows[0][-1] and "tidak ada rencana" in rows[0][-1]
    assert "tidak dihitung" in rows[1][-1] and "batas waktu" in rows[1][-1]
    assert rows[2][4] == "" and rows[3][4] == pytest.approx(10.0)
    assert rows[3][-1] == "optimal"
    assert "selisih" in status_words(replace(points[2], status="FEASIBLE", gap=0.0125))


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
    assert [r[-1] for r in rows] == ["optimal"] * len(rows)
    assert np.isfinite([r[3] for r in rows]).all()


def test_curve_without_a_plan_solves_it_first(solved):
    """Given only the data, the curve solves the uncapped plan itself and gives the same points."""
    data, _, _, curve = solved
    again = benefit_curve(data)
    assert [(p.cap, p.moves, p.objective, p.must_fill_filled) for p in again] == \
        [(p.cap, p.moves, p.objective, p.must_fill_filled) for p in curve]
