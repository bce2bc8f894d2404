"""Column generation in the LP stage (solver/columns.py): starting from a few pairs per employee and
adding pairs by reduced cost reaches the same LP optimum as the LP over every candidate."""

from __future__ import annotations

import numpy as np
import pytest
from instances import make_instance

from penempatan.check import check_plan
from penempatan.model import ProblemData
from penempatan.scoring import Tables, build_candidates
from penempatan.solver import LinearRelaxation, build_structure, solve
from penempatan.solver.columns import Pool, best_per_employee, priced_lp


def case(seed: int) -> ProblemData:
    """R13, R14 or R21 binds, so the solve reaches the LP stage."""
    return make_instance(seed, 70, 3, maks_keluar_unit_persen=[10, 20, 100][seed % 3],
                         maks_mutasi=[None, 6, 3][seed % 3], biaya_mutasi=2)


def test_best_per_employee_takes_the_lowest_reduced_costs() -> None:
    emp = np.array([0, 0, 0, 1, 1, 2, 2])
    reduced = np.array([-1.0, -3.0, -2.0, -5.0, 0.0, -1.0, -1.0])
    improving = reduced < 0
    assert best_per_employee(emp, reduced, improving, 2).tolist() == [1, 2, 3, 5, 6]
    assert best_per_employee(emp, reduced, improving, 1).tolist() == [1, 3, 5]  # a tie goes to the first pair
    assert best_per_employee(emp, reduced, np.zeros(7, dtype=bool), 3).tolist() == []


@pytest.mark.parametrize("seed", range(8))
def test_growing_from_the_stays_reaches_the_lp_over_every_candidate(seed: int) -> None:
    """From the stays (and pins) alone, rounds by reduced cost end at the full LP's objective, and then no
    candidate outside the model has a negative reduced cost. (A reduced cost computed wrongly from the
    prices would leave an improving pair out and end below the full LP; test_pricing checks the prices
    against HiGHS's own reduced costs.)"""
    data = case(seed)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    full = LinearRelaxation(s).solve()
    assert full is not None
    first = s.cand.stay | (np.bincount(s.cand.emp, minlength=s.n_emp)[s.cand.emp] == 1)
    assert not first.all()
    pool = Pool(data, tables, lambda c: build_structure(data, tables, c), pricing=False, say=lambda _msg: None)
    grown = priced_lp(pool, s, first)
    assert grown.lp is not None
    assert grown.lp[1] == pytest.approx(full[1], abs=1e-6)
    assert (grown.lp[2] >= -1e-6).all()
    assert grown.rounds >= 1


@pytest.mark.parametrize("seed", range(6))
def test_warm_start_gives_the_same_plan(seed: int) -> None:
    """`warm` (the benefit curve's previous plan) changes where the LP starts, not the optimum or its proof."""
    data = case(seed)
    cold = solve(data, 20.0)
    warm = solve(data, 20.0, warm=cold.assignment)
    assert check_plan(data, warm) == []
    assert (warm.status, warm.objective, warm.must_fill_filled, warm.surplus_kept) == (
        cold.status, cold.objective, cold.must_fill_filled, cold.surplus_kept)
    assert warm.proof_over_all_pairs == cold.proof_over_all_pairs


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("share", [0.0, float("inf")])
def test_interior_point_rounds_reach_the_same_lp(seed: int, share: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether every round is solved by the interior point method with crossover (share 0) or none is (share
    ∞, the primal simplex from the basis throughout), column generation ends at the LP over every candidate."""
    monkeypatch.setattr("penempatan.solver.lp.IPM_SHARE", share)
    data = case(seed)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    full = LinearRelaxation(s).solve()
    assert full is not None
    pool = Pool(data, tables, lambda c: build_structure(data, tables, c), pricing=False, say=lambda _msg: None)
    grown = priced_lp(pool, s, s.cand.stay.copy())
    assert grown.lp is not None
    assert grown.lp[1] == pytest.approx(full[1], abs=1e-6)
    assert (grown.lp[2] >= -1e-6).all()
