"""Column generation (scoring.price_missing with the solver's LP duals): exact over every allowed pair."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest
from instances import exact_case, make_instance
from test_solver import V2_VALUES

from penempatan.check import Rules, check_plan
from penempatan.model import ProblemData
from penempatan.scoring import Candidates, Tables, build_candidates, price_missing, total
from penempatan.solver import LinearRelaxation, Structure, build_structure, solve
from penempatan.solver.columns import Pool, grow
from penempatan.solver.flow import flow_prices, solve_flow
from penempatan.solver.lp import SURPLUS, LpSolution
from penempatan.solver.structure import plan_objective, reduced_costs

HUGE: dict[str, Any] = {"per_class": 1000, "max_candidates": 1_000_000, "must_fill_extra": 1_000_000}
TIGHT: dict[str, Any] = {"per_class": 1, "max_candidates": 2, "must_fill_extra": 1}


def case(seed: int) -> ProblemData:
    """A generated instance where R13, R14 or R21 binds, so the solve reaches the LP stage."""
    return make_instance(seed, 60, 3, maks_keluar_unit_persen=[10, 20, 100][seed % 3],
                         maks_mutasi=[None, 6, 3][seed % 3], biaya_mutasi=2)


def allowed_pairs(data: ProblemData) -> set[tuple[int, int]]:
    """Every move the independent checker allows (rules, a seat, a purpose), with fit from the scorer."""
    t = Tables(data)
    rules = Rules(data)
    out = set()
    for i in range(len(data.employees)):
        cur = data.current_post[i]
        fit = [int(total(t.class_parts(int(c), np.array([i])))[0]) for c in t.post_class]
        for j, q in enumerate(data.positions):
            if (j != cur and q.kebutuhan > 0 and not rules.over_staffed(j) and not rules.move_violations(i, j)
                    and rules.purpose_violation(i, j, fit[j], fit[cur]) is None):
                out.add((i, j))
    return out


def moves(cand: Candidates) -> set[tuple[int, int]]:
    """The move pairs among the candidates."""
    return set(zip(cand.emp[~cand.stay].tolist(), cand.post[~cand.stay].tolist(), strict=True))


@pytest.mark.parametrize("seed", range(5))
def test_prices_reproduce_the_lp_reduced_costs(seed: int) -> None:
    """Dual prices (every coupling block's rows included, R21's link rows of over-staffed posts too) reproduce
    HiGHS's reduced cost of every pair."""
    data = make_instance(seed, 80, 3, maks_mutasi=5, maks_keluar_unit_persen=10, biaya_mutasi=2)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    assert s.seats_kept  # R21 on
    lp = LinearRelaxation(s).solve()
    assert lp is not None
    x, _, reduced, prices = lp
    cand = s.cand
    leaves = tables.post_unit[cand.post] != tables.emp_unit[cand.emp]
    priced = (prices.employee[cand.emp] + prices.post[cand.post]
              + np.where(leaves & ~cand.stay, prices.leave[tables.emp_unit[cand.emp]], 0.0)
              + np.where(~cand.stay, prices.move, 0.0)) - s.gain
    # At x = 1 the bound x ≤ 1 takes the reduced cost (upper marginals).
    checked = x < 1 - 1e-9
    assert checked.sum() >= 10 and (checked & ~tables.post_open[cand.post]).any()
    assert np.allclose(priced[checked], reduced[checked], atol=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_huge_caps_hold_every_allowed_pair(seed: int) -> None:
    """With huge caps the candidate moves are exactly the moves the independent checker allows."""
    data = case(seed)
    assert moves(build_candidates(data, **HUGE)) == allowed_pairs(data)


@pytest.mark.parametrize("seed", range(6))
def test_no_improving_pair_at_the_full_lp_optimum(seed: int) -> None:
    """price_missing returns None at an LP optimum over every allowed pair (no false improving pair)."""
    data = case(seed)
    tables = Tables(data)
    cand = build_candidates(data, tables, **HUGE)
    lp = LinearRelaxation(build_structure(data, tables, cand)).solve()
    assert lp is not None
    assert price_missing(data, tables, cand, lp[3]) is None


def with_weights(s: Structure, like: Structure) -> Structure:
    """`s` with the priority weights of `like`, so the two LP objectives are comparable."""
    return dataclasses.replace(s, weight_fill=like.weight_fill, weight_surplus=like.weight_surplus)


def _tight_and_full(seed: int) -> tuple[ProblemData, Tables, Structure, LpSolution, Candidates]:
    """Instance `seed`: its data and tables, the Structure and LP over every pair (huge caps), and tight candidates
    to price from."""
    data = case(seed)
    tables = Tables(data)
    full = build_structure(data, tables, build_candidates(data, tables, **HUGE))
    full_lp = LinearRelaxation(full).solve()
    assert full_lp is not None
    return data, tables, full, full_lp, build_candidates(data, tables, **TIGHT)


@pytest.mark.parametrize("seed", range(8))
def test_per_post_cap_keeps_the_best_pairs_and_the_same_verdict(seed: int) -> None:
    """`per_post`: at most that many new pairs per post, the ones of lowest reduced cost among those the uncapped
    search finds; the search still finds nothing exactly when the uncapped one finds nothing, and column
    generation with the cap reaches the same LP optimum."""
    data, tables, full, full_lp, cand = _tight_and_full(seed)
    for _ in range(40):
        s = with_weights(build_structure(data, tables, cand), full)
        lp = LinearRelaxation(s).solve()
        assert lp is not None
        wide, capped = price_missing(data, tables, cand, lp[3]), price_missing(data, tables, cand, lp[3], per_post=1)
        assert (wide is None) == (capped is None)
        if capped is None:
            break
        key = lambda c: set(zip(c.emp.tolist(), c.post.tolist(), strict=True))  # noqa: E731
        new_wide, new_capped = key(wide) - key(cand), key(capped) - key(cand)
        assert new_capped <= new_wide
        per_post: dict[int, int] = {}
        for _, j in new_capped:
            per_post[j] = per_post.get(j, 0) + 1
        assert max(per_post.values()) == 1 and set(per_post) == {j for _, j in new_wide}
        wide_s = build_structure(data, tables, wide)
        red = dict(zip(zip(wide_s.cand.emp.tolist(), wide_s.cand.post.tolist(), strict=True),
                       reduced_costs(wide_s, lp[3]).tolist(), strict=True))
        for i, j in new_capped:  # the lowest reduced cost of its post among the new pairs
            assert red[(i, j)] <= min(red[p] for p in new_wide if p[1] == j) + 1e-9
        cand = capped
    else:
        pytest.fail("column generation did not converge in 40 rounds")
    assert lp[1] == pytest.approx(full_lp[1], abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
def test_column_generation_reaches_the_full_lp(seed: int) -> None:
    """Pricing from tight caps until price_missing finds nothing reaches the LP optimum over all pairs."""
    data, tables, full, full_lp, cand = _tight_and_full(seed)
    for _ in range(20):
        lp = LinearRelaxation(with_weights(build_structure(data, tables, cand), full)).solve()
        assert lp is not None
        wider = price_missing(data, tables, cand, lp[3])
        if wider is None:
            break
        assert moves(wider) > moves(cand)
        cand = wider
    else:
        pytest.fail("column generation did not converge in 20 rounds")
    assert lp[1] == pytest.approx(full_lp[1], abs=1e-6)
    assert moves(cand) <= moves(build_candidates(data, tables, **HUGE))


@pytest.mark.parametrize("seed", range(8))
def test_tight_caps_priced_back_to_the_full_optimum(seed: int) -> None:
    """Tight caps plus the solve's LP pricing give the huge-cap optimum, proven over all pairs."""
    data = case(seed)
    tables = Tables(data)
    tight = solve(data, 20.0, tables=tables, candidates=build_candidates(data, tables, **TIGHT))
    full = solve(data, 20.0, tables=tables, candidates=build_candidates(data, tables, **HUGE))
    assert check_plan(data, tight) == [] and check_plan(data, full) == []
    assert tight.method in ("lp", "cpsat")  # the flow stage proves optimality over the candidates only
    assert tight.proof_over_all_pairs
    assert (tight.surplus_kept, tight.must_fill_filled, tight.objective) == (
        full.surplus_kept, full.must_fill_filled, full.objective)


def keyed(s: Structure, values: np.ndarray) -> dict[tuple[int, int], float]:
    return dict(zip(zip(s.cand.emp.tolist(), s.cand.post.tolist(), strict=True), values.tolist(), strict=True))


@pytest.mark.parametrize(("seed", "within"), [(s, w) for s in range(6) for w in (0.5, 4.0, 25.0)])
def test_within_finds_every_pair_close_to_the_lp(seed: int, within: float) -> None:
    """price_missing(within=w) adds exactly the allowed moves outside the candidates whose reduced cost is below
    w (what the CP-SAT stage's proof over every pair needs), checked against every allowed pair's reduced cost."""
    data = case(seed)
    tables = Tables(data)
    cand = build_candidates(data, tables, **TIGHT)
    lp = LinearRelaxation(build_structure(data, tables, cand)).solve()
    assert lp is not None
    full = build_structure(data, tables, build_candidates(data, tables, **HUGE))
    reduced = keyed(full, reduced_costs(full, lp[3]))
    expected = {pair for pair in moves(full.cand) - moves(cand) if reduced[pair] < within - 1e-6}
    wider = price_missing(data, tables, cand, lp[3], per_round=0, within=within)
    added = set() if wider is None else moves(wider) - moves(cand)
    assert added == expected


@pytest.mark.parametrize("seed", range(6))
def test_surplus_level_priced_back_to_the_full_lp(seed: int) -> None:
    """The LP minimum of the surplus kept (R11; the first priority level) by column generation from tight caps,
    with nilai weighted 0 in the pricing, equals that minimum over every allowed pair."""
    data = make_instance(seed, 60, 3, maks_keluar_unit_persen=10, maks_mutasi=[2, 4, 6][seed % 3], biaya_mutasi=2)
    tables = Tables(data)
    totals = []
    for caps, pricing in ((HUGE, False), (TIGHT, True)):
        s = build_structure(data, tables, build_candidates(data, tables, **caps))
        relaxation = LinearRelaxation(s)
        relaxation.optimise(SURPLUS)
        grown = grow(Pool(data, tables, lambda c: build_structure(data, tables, c), pricing, lambda _m: None),
                     relaxation)
        assert grown.lp is not None and grown.all_pairs == pricing
        totals.append(relaxation.priority_totals()[0])
    assert totals[1] == pytest.approx(totals[0], abs=1e-6)
    assert totals[0] > 0  # the level is not trivially zero on these instances


def uncoupled(seed: int) -> ProblemData:
    """A generated instance where no coupling rule binds (R13 at 100 %, no R14, R21 off): the flow alone decides."""
    return make_instance(seed, 60, 3, maks_keluar_unit_persen=100, kekurangan_unit_boleh_naik=True, biaya_mutasi=2)


@pytest.mark.parametrize("seed", range(6))
def test_flow_prices_prove_the_flow_optimal(seed: int) -> None:
    """flow_prices are dual prices of the flow's optimum: no candidate pair beats its employee + post price, and
    every pair the flow uses meets it exactly (complementary slackness), within the solver's tolerance."""
    data = uncoupled(seed)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    x, _ = solve_flow(s)
    assert x is not None
    prices = flow_prices(s, x)
    assert prices is not None
    margin = prices.employee[s.cand.emp] + prices.post[s.cand.post] - s.gain
    assert (margin >= -1e-6).all()
    assert np.abs(margin[x]).max() < 1e-6


@pytest.mark.parametrize("seed", range(6))
def test_flow_stage_priced_back_to_the_full_optimum(seed: int) -> None:
    """Where no coupling rule binds, the flow stage from tight caps prices itself to the huge-cap optimum and
    says its proof covers every allowed pair (before, the flow's proof covered the candidates only)."""
    assert_tight_caps_reach_the_full_optimum(uncoupled(seed), "aliran")


def test_flow_prices_refuse_a_plan_that_is_not_optimal() -> None:
    """Prices exist only for an optimal flow: for 'everyone stays' where the flow moves people, the residual
    graph has a negative cycle, the distances never settle and flow_prices gives none (nothing is priced)."""
    data = uncoupled(0)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    x, _ = solve_flow(s)
    assert x is not None and (x & ~s.cand.stay).any()
    assert flow_prices(s, x) is not None
    assert flow_prices(s, s.cand.stay.copy()) is None


@pytest.mark.parametrize("seed", [688, 6108])
def test_cpsat_stage_proof_covers_every_pair(seed: int) -> None:
    """Where CP-SAT settles a fractional LP from tight caps, the solve says its proof covers every allowed pair
    (after bringing in the pairs priced within the gap between LP bound and plan) and its plan equals the one
    from huge caps (seeds found by scanning exact_case). That search itself is checked against every pair above."""
    data = exact_case(seed)  # with version 2's vacancy bonus, which makes these LPs fractional (V2_VALUES)
    assert_tight_caps_reach_the_full_optimum(data.replace(params=data.params.model_copy(update=V2_VALUES)), "cpsat")


def assert_tight_caps_reach_the_full_optimum(data: ProblemData, stage: str) -> None:
    """Solved from tight caps, `stage` ends the solve with a proof over every allowed pair, and the plan's
    priorities and Σ nilai equal the solve from huge caps (every allowed pair a candidate)."""
    tables = Tables(data)
    tight = solve(data, 20.0, tables=tables, candidates=build_candidates(data, tables, **TIGHT))
    full = solve(data, 20.0, tables=tables, candidates=build_candidates(data, tables, **HUGE))
    assert check_plan(data, tight) == []
    assert tight.method == stage and tight.proof_over_all_pairs
    assert (tight.surplus_kept, tight.must_fill_filled, tight.objective) == (
        full.surplus_kept, full.must_fill_filled, full.objective)


def with_twin_posts(data: ProblemData) -> ProblemData:
    """`data` with, in every unit, a second post of the name and class of each pelaksana post and one of its class
    under another name: the own-unit groups of pricing (same name, other name) then hold several posts."""
    twins = [q.model_copy(update={"kode": f"{q.kode}-{tag}", "nama": nama, "kebutuhan": 1 + k % 2})
             for k, q in enumerate(data.positions) if q.jenis == "Pelaksana"
             for tag, nama in (("B", q.nama), ("C", f"{q.nama} Lain"))]
    return data.replace(positions=[*data.positions, *twins])


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("within", [0.0, 6.0])
@pytest.mark.parametrize("stay_in_unit", [False, True])
def test_screen_flags_exactly_the_rows_with_a_cheap_pair(seed: int, within: float, stay_in_unit: bool) -> None:
    """The vectorised screen that tells price_missing where to search flags an (employee, post class) row exactly
    when some allowed move of it has a reduced cost below `within`, checked against every allowed pair under
    random prices (ties included: post prices are small integers); `stay_in_unit` prices leaving a unit out of
    reach, so that only the own-unit groups can flag a row."""
    from penempatan.scoring.pricing import Prices, _screen
    data = with_twin_posts(case(seed))
    t = Tables(data)
    rng = np.random.default_rng(seed)
    pairs = sorted(allowed_pairs(data))
    e_arr = np.array([i for i, _ in pairs], dtype=np.int64)
    p_arr = np.array([j for _, j in pairs], dtype=np.int64)
    fit = np.array([int(total(t.class_parts(int(t.post_class[j]), np.array([i])))[0]) for i, j in pairs])
    terms = t.move_terms(e_arr, p_arr, fit)
    best = np.zeros(t.n_emp)
    np.maximum.at(best, e_arr, terms.nilai.astype(float))  # employee prices around their best move: some rows beat
    prices = Prices(employee=best + rng.normal(0, 8, t.n_emp), post=rng.integers(0, 12, t.n_post).astype(float),
                    leave=rng.integers(0, 6, len(t.unit_names)) + 1000.0 * stay_in_unit, move=float(rng.integers(0, 4)))
    emp, cls, _, _ = t.mover_rows
    row_of = {(int(e), int(c)): r for r, (e, c) in enumerate(zip(emp, cls, strict=True))}
    expected = np.zeros(len(emp), dtype=bool)
    leave = np.where(t.post_unit[p_arr] != t.emp_unit[e_arr], prices.leave[t.emp_unit[e_arr]], 0.0)
    reduced = prices.employee[e_arr] + prices.post[p_arr] + leave + prices.move - terms.nilai
    for i, j, rc in zip(e_arr.tolist(), p_arr.tolist(), reduced.tolist(), strict=True):
        if rc < within - 1e-6:
            expected[row_of[(i, int(t.post_class[j]))]] = True
    flagged = _screen(t, prices, set(), 1e-6, within)
    assert expected.any() and not expected.all()
    assert (flagged == expected).all()


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12])  # seed 4: the tight caps hold the optimum
@pytest.mark.parametrize("near", [(0.0,), (4.0, 16.0)])
def test_reoptimise_reaches_the_flow_over_all_new_pairs(seed: int, near: tuple[float, ...],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """After a search from tight caps, `reoptimise` (the flow over the pairs near improving, checked by its own
    prices, else the whole flow) reaches the optimum of the flow over every pair of the wider candidates, and its
    prices prove it: no pair beats its employee + post price."""
    from penempatan.solver import flow
    monkeypatch.setattr(flow, "NEAR", near)
    data = uncoupled(seed)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables, **TIGHT))
    x, _ = solve_flow(s)
    assert x is not None
    prices = flow_prices(s, x)
    assert prices is not None
    wider = price_missing(data, tables, s.cand, prices)
    assert wider is not None
    new = build_structure(data, tables, wider)
    x_new, proven = flow.reoptimise(s, new, x, prices)
    x_all, _ = solve_flow(new)
    assert x_all is not None and proven is not None
    assert plan_objective(new, x_new) == plan_objective(new, x_all)
    assert (proven.employee[new.cand.emp] + proven.post[new.cand.post] - new.gain >= -1e-6).all()


@pytest.mark.parametrize("seed", range(3))
def test_pruned_columns_keep_the_lp_optimum(seed: int) -> None:
    """`LinearRelaxation.prune` takes priced-out pair columns out of the model: the re-solve from the kept basis
    has the same objective, the pairs left keep their columns (x unchanged), and a pruned pair's reduced cost still
    comes from the duals."""
    data = make_instance(seed, 80, 3, maks_mutasi=5, maks_keluar_unit_persen=10, biaya_mutasi=2)
    tables = Tables(data)
    s = build_structure(data, tables, build_candidates(data, tables))
    lp = LinearRelaxation(s)
    first = lp.solve()
    assert first is not None
    x, objective, reduced, _ = first
    before = lp.n_pair_columns
    pruned = lp.prune(reduced, x)
    assert pruned > 0 and lp.n_pair_columns == before - pruned
    again = lp.solve()
    assert again is not None
    assert again[1] == pytest.approx(objective)
    assert np.allclose(again[0], x)
    gone = lp.column < 0
    assert gone.sum() == pruned and (again[2][gone] > 0).all()
