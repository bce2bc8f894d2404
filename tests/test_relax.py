"""Lagrangian relaxation of R13/R14 with R21 in the repair (solver/relax.py): feasible plans, valid bounds, chains."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
from instances import full_units, make_instance
from test_solver import V2_VALUES

from penempatan import solver
from penempatan.check import check_plan
from penempatan.model import ProblemData
from penempatan.scoring import Tables, build_candidates
from penempatan.solver import LinearRelaxation, Structure, build_structure, solve_flow
from penempatan.solver.flow import scaled_flow
from penempatan.solver.relax import lagrangian, move_chains, repair, shortfall_excess, violations

SIDE_RULES = [{"maks_mutasi": 4}, {"maks_keluar_unit_persen": 3}, {"maks_mutasi": 10, "maks_keluar_unit_persen": 5},
              {}]  # the last: the defaults (R13 at 30 %, R21 on)


def flow_for(s: Structure) -> Callable[[np.ndarray, int], tuple[np.ndarray, float]]:
    """The flow function relax.lagrangian expects, over `s` (the one solve uses)."""
    return partial(scaled_flow, s)


def instance(seed: int, **params: object) -> ProblemData:
    """120 employees in 4 units with a small move cost, so the flow plan breaks the side rules."""
    return make_instance(seed, 120, 4, **{"biaya_mutasi": 2, **params})


def structure(seed: int, **params: object) -> Structure:
    data = instance(seed, **params)
    tables = Tables(data)
    return build_structure(data, tables, build_candidates(data, tables))


def shortfall_ok(c: Structure, x: np.ndarray) -> bool:
    """R21: no location and no scarce profession pool with fewer seats filled than today."""
    return all((short <= 0).all() for short in shortfall_excess(c, np.bincount(c.cand.post[x], minlength=c.n_post)))


@pytest.mark.parametrize("seed", range(6))
def test_chains_partition_the_moves(seed: int) -> None:
    """Every move of the flow plan is in exactly one chain, and each chain links seat to seat."""
    s = structure(seed)
    c = s
    x, _ = solve_flow(s)
    assert x is not None
    chains = move_chains(c, x)
    members = np.concatenate(chains) if chains else np.zeros(0, dtype=np.int64)
    assert sorted(members.tolist()) == sorted(np.nonzero(x & ~s.cand.stay)[0].tolist())
    stay_post = {int(e): int(p) for e, p in zip(s.cand.emp[s.cand.stay], s.cand.post[s.cand.stay], strict=True)}
    for chain in chains:
        for a, b in zip(chain[:-1], chain[1:], strict=True):
            assert s.cand.post[b] == stay_post[int(s.cand.emp[a])]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("params", SIDE_RULES)
def test_repair_meets_side_rules(seed: int, params: dict[str, object]) -> None:
    """Repairing the flow plan satisfies R13, R14 and R21 and never exceeds a post's seats (R11)."""
    s = structure(seed, **params)
    c = s
    assert c.seats_kept  # R21 on
    x, _ = solve_flow(s)
    assert x is not None
    fixed = repair(c, x)
    assert fixed is not None
    over_units, over_total = violations(c, fixed)
    assert (over_units <= 0).all() and over_total <= 0
    assert shortfall_ok(c, fixed)
    assert np.bincount(s.cand.emp[fixed], minlength=s.n_emp).tolist() == [1] * s.n_emp
    counts = np.bincount(s.cand.post[fixed], minlength=s.n_post)
    holders = np.bincount(s.cand.post[s.cand.stay], minlength=s.n_post)
    assert (counts <= np.maximum(s.seat_cap, holders)).all()


def r21_case(seed: int) -> ProblemData:
    """Only the first unit has vacancies, every other unit is exactly full, R13 off, with version 2's bonus per
    move into a vacancy (`V2_VALUES`, so the vacancies attract moves): R21 is what binds."""
    return full_units(instance(seed, maks_keluar_unit_persen=100, **V2_VALUES))


R21_SEEDS = [0, 2, 6]  # seeds of r21_case whose flow plan leaves some full unit shorter


@pytest.mark.parametrize("seed", R21_SEEDS)
def test_repair_restores_r21(seed: int) -> None:
    """The repair undoes chains until no unit has more empty seats than today (R21)."""
    data = r21_case(seed)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    c = s
    x, _ = solve_flow(s)
    assert x is not None
    assert not shortfall_ok(c, x)
    fixed = repair(c, x)
    assert fixed is not None and shortfall_ok(c, fixed)
    assert (fixed & ~s.cand.stay).any()  # not everything undone


@pytest.mark.parametrize("seed", R21_SEEDS)
def test_lagrangian_stage_with_r21_binding(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With R21 binding, the Lagrangian plan passes the checker and its bound covers the exact optimum."""
    data = r21_case(seed)
    exact = solver.solve(data, 20.0)
    assert exact.method in ("lp", "cpsat")
    monkeypatch.setattr(solver, "LAGRANGE_MIN_PAIRS", 0)
    relaxed = solver.solve(data, 20.0)
    assert relaxed.method == "lagrange"
    assert check_plan(data, relaxed) == []
    assert (-relaxed.surplus_kept, relaxed.must_fill_filled) <= (-exact.surplus_kept, exact.must_fill_filled)
    if (relaxed.must_fill_filled, relaxed.surplus_kept) == (exact.must_fill_filled, exact.surplus_kept):
        assert relaxed.objective <= exact.objective <= relaxed.bound


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("params", SIDE_RULES[:3])
def test_lagrangian_bound_is_valid(seed: int, params: dict[str, object]) -> None:
    """Lagrangian bound ≥ exact LP optimum ≥ repaired plan, which meets R13, R14 and R21."""
    s = structure(seed, **params)
    c = s
    relaxed = lagrangian(c, flow_for(s), time_budget=10.0)
    lp = LinearRelaxation(s).solve()
    assert lp is not None and relaxed.x is not None
    assert relaxed.bound >= lp[1] - 1e-6
    assert lp[1] >= relaxed.objective - 1e-6
    assert relaxed.objective == pytest.approx(c.combined(relaxed.x))
    over_units, over_total = violations(c, relaxed.x)
    assert (over_units <= 0).all() and over_total <= 0 and shortfall_ok(c, relaxed.x)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("params", SIDE_RULES)
def test_solve_through_lagrangian_passes_checker(seed: int, params: dict[str, object],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Forced onto the Lagrangian stage, solve's plan passes the checker and brackets the exact optimum."""
    data = instance(seed, **params)
    exact = solver.solve(data, 20.0)
    monkeypatch.setattr(solver, "LAGRANGE_MIN_PAIRS", 0)
    relaxed = solver.solve(data, 20.0)
    assert check_plan(data, exact) == []
    assert check_plan(data, relaxed) == []
    # Where the flow's plan already keeps every coupling rule, the flow stage settles the solve before the
    # Lagrangian stage is reached.
    assert relaxed.method in ("lagrange", "aliran")
    assert (-relaxed.surplus_kept, relaxed.must_fill_filled) <= (-exact.surplus_kept, exact.must_fill_filled)
    if (relaxed.must_fill_filled, relaxed.surplus_kept) == (exact.must_fill_filled, exact.surplus_kept):
        assert relaxed.objective <= exact.objective <= relaxed.bound
