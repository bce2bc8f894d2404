"""Lagrangian relaxation of R13/R14 (relax.py): feasible plans, valid bounds, chain decomposition."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from instances import make_instance

from penempatan import solver
from penempatan.check import check_plan
from penempatan.relax import Coupling, lagrangian, move_chains, repair, violations
from penempatan.scoring import Tables, build_candidates
from penempatan.solver import Structure, build_structure, solve_flow, solve_lp


def coupling(s: Structure) -> Coupling:
    return s.coupling()


def flow_for(s: Structure):  # type: ignore[no-untyped-def]
    def flow(values: np.ndarray, scale: int) -> tuple[np.ndarray, float]:
        scaled = dataclasses.replace(s, gain=values, weight_fill=s.weight_fill * scale,
                                     weight_surplus=s.weight_surplus * scale)
        x, total = solve_flow(scaled)
        assert x is not None
        return x, total
    return flow


def structure(seed: int, **params: object) -> Structure:
    data = make_instance(seed, 120, 4, **params)
    tables = Tables(data)
    return build_structure(data, tables, build_candidates(data, tables))


@pytest.mark.parametrize("seed", range(6))
def test_chains_partition_the_moves(seed: int) -> None:
    """Every move of the flow plan is in exactly one chain, and each chain links seat to seat."""
    s = structure(seed)
    c = coupling(s)
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
@pytest.mark.parametrize("params", [{"maks_mutasi": 3}, {"maks_keluar_unit_persen": 2}])
def test_repair_meets_side_rules(seed: int, params: dict[str, object]) -> None:
    """Repairing the flow plan satisfies R13 and R14 and never exceeds a post's seats (R11)."""
    s = structure(seed, **params)
    c = coupling(s)
    x, _ = solve_flow(s)
    assert x is not None
    fixed = repair(c, x)
    assert fixed is not None
    over_units, over_total = violations(c, fixed)
    assert (over_units <= 0).all() and over_total <= 0
    assert np.bincount(s.cand.emp[fixed], minlength=s.n_emp).tolist() == [1] * s.n_emp
    counts = np.bincount(s.cand.post[fixed], minlength=s.n_post)
    holders = np.bincount(s.cand.post[s.cand.stay], minlength=s.n_post)
    assert (counts <= np.maximum(s.seat_cap, holders)).all()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("params", [{"maks_mutasi": 4}, {"maks_keluar_unit_persen": 3}])
def test_lagrangian_bound_is_valid(seed: int, params: dict[str, object]) -> None:
    """The Lagrangian bound is at least the exact LP optimum, which is at least the plan's objective."""
    s = structure(seed, **params)
    c = coupling(s)
    relaxed = lagrangian(c, flow_for(s), time_budget=10.0)
    lp = solve_lp(s)
    assert lp is not None and relaxed.x is not None
    assert relaxed.bound >= lp[1] - 1e-6
    assert lp[1] >= relaxed.objective - 1e-6
    assert relaxed.objective == pytest.approx(c.combined(relaxed.x))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("params", [{"maks_mutasi": 4}, {"maks_keluar_unit_persen": 3},
                                    {"maks_mutasi": 10, "maks_keluar_unit_persen": 5}])
def test_solve_through_lagrangian_passes_checker(seed: int, params: dict[str, object],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Forced onto the Lagrangian stage, solve returns a plan that passes the checker; with the same
    priorities as the exact optimum (LP/CP-SAT stages), its objective is at most it and its bound at least."""
    data = make_instance(seed, 120, 4, **params)
    exact = solver.solve(data, 20.0)
    monkeypatch.setattr(solver, "LP_MAX_PAIRS", 0)
    relaxed = solver.solve(data, 20.0)
    assert check_plan(data, relaxed) == []
    assert relaxed.method == "lagrange"
    # Priorities (R11 surplus first, then R12 seats) are never better than the exact optimum's.
    assert (-relaxed.surplus_kept, relaxed.must_fill_filled) <= (-exact.surplus_kept, exact.must_fill_filled)
    if (relaxed.must_fill_filled, relaxed.surplus_kept) == (exact.must_fill_filled, exact.surplus_kept):
        assert relaxed.objective <= exact.objective <= relaxed.bound
