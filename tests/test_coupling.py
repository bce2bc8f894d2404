"""Each coupling block (solver/coupling.py) and `PlanModel` on hand-built instances, feasible and infeasible.

The instances are a handful of employees with two or three candidate posts each, so every plan can be listed:
the brute force below judges each plan by the rules written out again here (not by the blocks), and the LP,
the CP-SAT model and `side_rules_hold` must agree with it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from ortools.sat.python import cp_model

from penempatan.result import SolveStatus
from penempatan.scoring import Candidates
from penempatan.solver import LinearRelaxation, PlanModel, Structure
from penempatan.solver.coupling import DistributionTarget, SeatsKept, TotalMoves, UnitOutflow, seats_kept
from penempatan.solver.cpsat import solve_all_pairs, solve_residual
from penempatan.solver.structure import reduced_costs, side_rules_hold

Target = tuple[frozenset[int], bool, int, bool]
"""An R27 bound written out for the brute force: (members, counts promotions (else moves), percent, a minimum)."""


def hand(pairs: list[tuple[int, int, int]], cur: list[int], keb: list[int], post_unit: list[int], *,
         unit_cap: list[int] | None = None, max_moves: int | None = None,
         groups: dict[str, list[int]] | None = None, wajib: list[int] = (),  # type: ignore[assignment]
         promoted: frozenset[tuple[int, int]] = frozenset(), targets: tuple[Target, ...] = ()) -> Structure:
    """A Structure from (employee, post, gain) pairs; each employee's stay pair is added with gain 0 unless
    listed. `groups` maps a SeatsKept kind to each post's group (-1: none); `promoted` lists the (employee, post)
    pairs that are promotions, `targets` the R27 bounds."""
    listed = {(e, p) for e, p, _ in pairs}
    rows = sorted([*pairs, *((e, c, 0) for e, c in enumerate(cur) if (e, c) not in listed)])
    emp = np.array([r[0] for r in rows], dtype=np.int64)
    post = np.array([r[1] for r in rows], dtype=np.int64)
    gain = np.array([r[2] for r in rows], dtype=np.int64)
    n = len(rows)
    cur_a = np.array(cur, dtype=np.int64)
    cand = Candidates(emp=emp, post=post, score=np.zeros(n, dtype=np.int64), stay=post == cur_a[emp],
                      parts=np.zeros((n, 1), dtype=np.int64), nilai=gain, purposes=np.zeros(n, dtype=np.int64),
                      flags=np.zeros(n, dtype=np.int64))
    keb_a = np.array(keb, dtype=np.int64)
    holders = np.bincount(cur_a, minlength=len(keb))
    units = np.array(post_unit, dtype=np.int64)
    wajib_a = np.array(sorted(wajib), dtype=np.int64)
    kept = tuple(seats_kept(what, np.array(g, dtype=np.int64), holders, keb_a) for what, g in (groups or {}).items())
    spread = int(gain.max() - gain.min()) * len(cur) + 1
    return Structure(cand=cand, n_emp=len(cur), n_post=len(keb), value=gain, gain=gain, seat_cap=keb_a,
                     surplus_cap=np.maximum(0, holders - keb_a), wajib=wajib_a, wajib_seats=keb_a[wajib_a],
                     leaves_unit=~cand.stay & (units[post] != units[cur_a[emp]]), pair_unit=units[cur_a[emp]],
                     unit_cap=np.array(unit_cap if unit_cap is not None else [len(cur)] * (units.max() + 1)),
                     max_moves=max_moves, weight_fill=spread, weight_surplus=spread * (len(wajib_a) + 1) + 1,
                     cur=cur_a, seats_kept=kept,
                     promotion=np.array([(int(e), int(p)) in promoted for e, p in zip(emp, post, strict=True)]),
                     targets=tuple(DistributionTarget.bound("uji", np.isin(np.arange(len(cur)), list(members)),
                                                            percent, minimum, promotions)
                                   for members, promotions, percent, minimum in targets))


def brute(s: Structure, keb: list[int], post_unit: list[int], groups: dict[str, list[int]],
          targets: tuple[Target, ...] = (), promoted: frozenset[tuple[int, int]] = frozenset()) -> float | None:
    """The best objective over every plan that keeps R11 and the coupling rules, judged here from scratch;
    None when no plan does."""
    by_emp = [np.nonzero(s.cand.emp == e)[0] for e in range(s.n_emp)]
    best = None
    for choice in itertools.product(*by_emp):
        x = np.zeros(s.n_pairs, dtype=bool)
        x[list(choice)] = True
        if feasible(s, x, keb, post_unit, groups, targets, promoted):
            value = s.combined(x)
            best = value if best is None else max(best, value)
    return best


def feasible(s: Structure, x: np.ndarray, keb: list[int], post_unit: list[int], groups: dict[str, list[int]],
             targets: tuple[Target, ...] = (), promoted: frozenset[tuple[int, int]] = frozenset()) -> bool:
    """R11 (no newcomer beyond Kebutuhan, none into an over-staffed post), R13, R14, R21 and R27 for plan `x`."""
    before = np.bincount(s.cur, minlength=len(keb))
    after = np.bincount(s.cand.post[x], minlength=len(keb))
    for j, k in enumerate(keb):
        if after[j] > max(k, before[j]) or (before[j] > k and after[j] > before[j]):
            return False
        if before[j] > k and any(x[p] and not s.cand.stay[p] for p in np.nonzero(s.cand.post == j)[0]):
            return False
    moves = [p for p in np.nonzero(x)[0] if not s.cand.stay[p]]
    leavers: dict[int, int] = {}
    for p in moves:
        a, b = post_unit[s.cur[s.cand.emp[p]]], post_unit[s.cand.post[p]]
        if a != b:
            leavers[a] = leavers.get(a, 0) + 1
    if any(n > s.unit_cap[u] for u, n in leavers.items()):
        return False
    if s.max_moves is not None and len(moves) > s.max_moves:
        return False
    for group in groups.values():
        for g in set(group) - {-1}:
            posts = [j for j, gg in enumerate(group) if gg == g]
            if sum(min(after[j], keb[j]) for j in posts) < sum(min(before[j], keb[j]) for j in posts):
                return False
    for members, promotions, percent, minimum in targets:
        counted = [int(s.cand.emp[p]) for p in moves
                   if not promotions or (int(s.cand.emp[p]), int(s.cand.post[p])) in promoted]
        share = Fraction(sum(e in members for e in counted), len(counted)) if counted else None
        if share is not None and (share < Fraction(percent, 100) if minimum else share > Fraction(percent, 100)):
            return False
    return True


# Four employees in two units (posts 0, 1, 4 unit 0; posts 2, 3 unit 1), one seat per post; post 2 is over-staffed
# (two holders), posts 3 and 4 are empty. Without coupling rules the best plan moves employee 0 to post 3 (out of
# unit 0), employee 1 to post 4 and employee 3 to post 0 or 1, so one of posts 0 and 1 ends empty.
CUR = [0, 1, 2, 2]
KEB = [1, 1, 1, 1, 1]
UNIT = [0, 0, 1, 1, 0]
PAIRS = [(0, 3, 9), (1, 4, 2), (1, 0, 1), (2, 3, 3), (3, 0, 1), (3, 1, 1)]
PROMOTED = frozenset({(0, 3), (2, 3)})

CASES = {
    "bebas": {},
    "R13": {"unit_cap": [0, 2]},
    "R14": {"max_moves": 1},
    "R21 lokasi": {"groups": {"lokasi": [0, 1, 2, 2, 3]}},
    "R21 profesi": {"groups": {"profesi": [0, 0, -1, -1, -1]}},
    "R21 keduanya": {"groups": {"lokasi": [0, 0, 1, 1, 0], "profesi": [0, 0, -1, -1, -1]}, "max_moves": 2},
    # R27: employees 2 and 3 get at least half the moves (the free plan gives them one of three).
    "R27 mutasi minimal": {"targets": ((frozenset({2, 3}), False, 50, True),)},
    # R27: moves to post 3 are promotions; employee 0 may have at most a third of the promotions.
    "R27 promosi maksimal": {"targets": ((frozenset({0}), True, 33, False),), "promoted": PROMOTED},
    "R27 dengan R13": {"targets": ((frozenset({2, 3}), False, 50, True),), "unit_cap": [1, 2]},
}


@pytest.mark.parametrize("name", CASES)
def test_lp_and_planmodel_agree_with_brute_force(name: str) -> None:
    """Each block alone and together: CP-SAT's optimum is the brute-force optimum, the LP bounds it, and
    `side_rules_hold` agrees with the rules written out for every plan."""
    params = CASES[name]
    s = hand(PAIRS, CUR, KEB, UNIT, **params)
    groups = params.get("groups", {})
    targets, promoted = params.get("targets", ()), params.get("promoted", frozenset())
    best = brute(s, KEB, UNIT, groups, targets, promoted)
    assert best is not None
    lp = LinearRelaxation(s).solve()
    assert lp is not None and lp[1] >= best - 1e-6
    status, x, objective, _ = PlanModel(s, np.arange(s.n_pairs)).run(10.0)
    assert status == cp_model.OPTIMAL and x is not None
    assert objective == pytest.approx(best)
    by_emp = [np.nonzero(s.cand.emp == e)[0] for e in range(s.n_emp)]
    for choice in itertools.product(*by_emp):
        plan = np.zeros(s.n_pairs, dtype=bool)
        plan[list(choice)] = True
        if feasible(s, plan, KEB, UNIT, {}):  # R11 and R13/R14 only: the groups are up to side_rules_hold
            assert side_rules_hold(s, plan) == feasible(s, plan, KEB, UNIT, groups, targets, promoted)


def test_each_rule_binds_in_its_case() -> None:
    """The cases are not vacuous: each rule's case has a lower optimum than the case without rules."""
    free = brute(hand(PAIRS, CUR, KEB, UNIT), KEB, UNIT, {})
    assert free is not None
    for name, params in CASES.items():
        if name == "bebas":
            continue
        bound = brute(hand(PAIRS, CUR, KEB, UNIT, **params), KEB, UNIT, params.get("groups", {}),
                      params.get("targets", ()), params.get("promoted", frozenset()))
        assert bound is not None and bound < free, name


@pytest.mark.parametrize("name", CASES)
def test_block_prices_give_highs_reduced_costs(name: str) -> None:
    """Every block's `price` folds its duals into the prices so that they reproduce HiGHS's reduced cost of
    every pair below its upper bound."""
    s = hand(PAIRS, CUR, KEB, UNIT, **CASES[name])
    lp = LinearRelaxation(s).solve()
    assert lp is not None
    x, _, reduced, prices = lp
    mine = reduced_costs(s, prices)
    free = x < 1 - 1e-9
    assert np.allclose(np.maximum(mine[free], 0.0), reduced[free], atol=1e-6)


def test_infeasible_when_a_pinned_move_empties_a_location() -> None:
    """A pinned mover (their only pair is a move) out of a location that nobody can refill: the LP and the CP-SAT
    model both say there is no plan."""
    pairs = [(0, 3, 5)]  # employee 0 must leave post 0; nobody else may enter post 0
    s = hand(pairs, CUR, KEB, UNIT, groups={"lokasi": [0, 1, 2, 2, 3]})
    pinned = ~((s.cand.emp == 0) & s.cand.stay)
    s = replace(s, cand=s.cand.take(pinned), value=s.value[pinned], gain=s.gain[pinned],
                leaves_unit=s.leaves_unit[pinned], pair_unit=s.pair_unit[pinned])
    assert brute(s, KEB, UNIT, {"lokasi": [0, 1, 2, 2, 3]}) is None
    assert LinearRelaxation(s).solve() is None
    status, x, _, _ = PlanModel(s, np.arange(s.n_pairs)).run(5.0)
    assert status == cp_model.INFEASIBLE and x is None


def test_over_staffed_post_keeps_its_seat_filled() -> None:
    """R21's link row: a surplus holder of post 2 leaving for post 3 (outside the group) empties no seat of the
    group, both leaving empties one."""
    s = hand([(2, 3, 3), (3, 3, 4)], CUR, [1, 1, 1, 2], UNIT, groups={"lokasi": [0, 0, 0, -1]})
    block = s.seats_kept[0]
    assert block.linked(s).tolist() == [2]
    assert block.short(s, np.array([1, 1, 1, 1])).tolist() == [0]
    assert block.short(s, np.array([1, 1, 0, 2])).tolist() == [1]


def test_blocks_list_in_order() -> None:
    """`Structure.coupling`: R13 always, R14 with maks_mutasi, then each R21 block."""
    s = hand(PAIRS, CUR, KEB, UNIT, max_moves=2, groups={"lokasi": [0, 1, 2, 2, 3], "profesi": [-1, 0, 1, 1, -1]})
    kinds = [type(b) for b in s.coupling]
    assert kinds == [UnitOutflow, TotalMoves, SeatsKept, SeatsKept]
    assert [b.what for b in s.seats_kept] == ["lokasi", "profesi"]
    assert hand(PAIRS, CUR, KEB, UNIT).coupling == (UnitOutflow(),)


def test_no_plan_in_time_is_time_limit_not_infeasible(monkeypatch: pytest.MonkeyPatch) -> None:
    """CP-SAT that proves there is no plan says INFEASIBLE; one that runs out of time first says TIME_LIMIT."""
    s = hand([(0, 3, 5)], CUR, KEB, UNIT, groups={"lokasi": [0, 1, 2, 2, 3]})
    pinned = ~((s.cand.emp == 0) & s.cand.stay)
    s = replace(s, cand=s.cand.take(pinned), value=s.value[pinned], gain=s.gain[pinned],
                leaves_unit=s.leaves_unit[pinned], pair_unit=s.pair_unit[pinned])
    status, x, _ = solve_all_pairs(s, None, 5.0)
    assert (status, x) == (SolveStatus.INFEASIBLE, None)
    feasible_s = hand(PAIRS, CUR, KEB, UNIT)
    monkeypatch.setattr(PlanModel, "run", lambda self, limit: (cp_model.UNKNOWN, None, math.nan, math.nan))
    status, x, _ = solve_all_pairs(feasible_s, None, 5.0)
    assert (status, x) == (SolveStatus.TIME_LIMIT, None)
    x_lp = np.zeros(feasible_s.n_pairs)
    status, x, _ = solve_residual(feasible_s, x_lp, 0.0, np.zeros(feasible_s.n_pairs), 5.0)
    assert (status, x) == (SolveStatus.TIME_LIMIT, None)
