"""The independent checker: a valid plan passes, and a plan breaking any one rule is caught by its code.

Plans here are written by hand (a fake Result whose numbers are consistent), so each test shows exactly
one broken rule; the tiny instances come from the builders of test_solver.
"""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from instances import make_instance
from test_solver import PENGAWAS, emp, field_move, post, problem

import penempatan.check
from penempatan.check import Rules, Violation, assert_plan_valid, check_plan, retirement_date, whole_months
from penempatan.model import Forbid, Pin, ProblemData
from penempatan.result import Result, SolveStatus
from penempatan.scoring import COMPONENTS, Candidates
from penempatan.solver import solve

SCORE = 50


def fake(data: ProblemData, plan: list[str], status: SolveStatus = SolveStatus.OPTIMAL) -> Result:
    """A Result for `plan` (Kode Jabatan per employee): every pair a candidate scoring 50; numbers match."""
    n_emp, n_post = len(data.employees), len(data.positions)
    emp_idx = np.repeat(np.arange(n_emp), n_post)
    post_idx = np.tile(np.arange(n_post), n_emp)
    cur = np.asarray(data.current_post)
    cand = Candidates(emp_idx, post_idx, np.full(n_emp * n_post, SCORE), post_idx == cur[emp_idx],
                      np.zeros((n_emp * n_post, len(COMPONENTS)), dtype=np.int64))
    assignment = np.array([data.position_index[k] for k in plan], dtype=np.int64)
    moves = int((assignment != cur).sum())
    people = np.bincount(assignment, minlength=n_post)
    kebutuhan = np.array([p.kebutuhan for p in data.positions])
    wajib = np.array([p.wajib_diisi for p in data.positions])
    filled = int(np.minimum(people, kebutuhan)[wajib].sum())
    surplus = int(np.maximum(0, people - kebutuhan).sum())
    objective = SCORE * n_emp - data.params.biaya_mutasi * moves
    return Result(status, assignment, objective, float(objective), 0.0, cand,
                  int(kebutuhan[wajib].sum()), filled, surplus)


def broken(data: ProblemData, plan: list[str]) -> set[str]:
    """The rule codes the checker reports for a hand-written plan."""
    return {v.rule for v in check_plan(data, fake(data, plan))}


def test_valid_plan_passes() -> None:
    """The base move H -> K breaks no rule; staying breaks none either."""
    data = field_move()
    assert check_plan(data, fake(data, ["K"])) == []
    assert check_plan(data, fake(data, ["H"])) == []
    assert_plan_valid(data, fake(data, ["K"]))


def test_staying_is_never_a_violation() -> None:
    """Someone who stays is not checked against R6/R7 of their own post (SPEC 3: warn, never evict)."""
    data = field_move({"pendidikan": "SLTA", "golongan": "II/a", "status": "CPNS"},
                      h={"pendidikan_min": "S-1", "jenis": "Pengawas", "kelas": 9})
    assert broken(data, ["H"]) == set()


def test_violation_names_employee_and_post() -> None:
    """A per-mover violation carries the NIP, the target Kode Jabatan and an Indonesian message."""
    data = field_move({"status": "CPNS"})
    [violation] = check_plan(data, fake(data, ["K"]))
    assert violation == Violation("R5", data.employees[0].nip, "K", "status CPNS tidak boleh dimutasi")
    assert "R5" in str(violation)


def test_assert_plan_valid_lists_violations() -> None:
    """assert_plan_valid raises with every violation listed."""
    data = field_move({"status": "CPNS", "pendidikan": "SLTA"}, k={"pendidikan_min": "S-1"})
    with pytest.raises(AssertionError, match=r"2 pelanggaran(.|\n)*\[R5\](.|\n)*\[R6\]"):
        assert_plan_valid(data, fake(data, ["K"]))


# --- per-mover rules -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("employee", "h", "k", "params", "rule"), [
    ({"tmt_jabatan": date(2026, 1, 1)}, {}, {}, {}, "R1"),
    ({"tmt_jabatan": date(2024, 12, 2)}, {}, {}, {}, "R1"),
    ({"tanggal_lahir": date(1969, 6, 1)}, {}, {}, {}, "R4"),
    ({"status": "Tugas Belajar"}, {}, {}, {}, "R5"),
    ({"pendidikan": "D-III"}, {}, {"pendidikan_min": "S-1"}, {}, "R6"),
    ({"golongan": "II/d"}, PENGAWAS, PENGAWAS, {}, "R7"),
    ({"golongan": "III/a"}, PENGAWAS, PENGAWAS, {"toleransi_golongan": False}, "R7"),
    ({"golongan": "IV/a"}, PENGAWAS, PENGAWAS, {}, "R7"),
    ({"golongan": "III/b"}, {}, {"golongan_min": "III/c"}, {}, "R7"),
    ({"golongan": "IX"}, {}, {}, {}, "R7"),
    ({"kotak": 5}, {}, PENGAWAS, {}, "R9"),
    ({"kotak": None}, {}, {"kelas": 7}, {}, "R9"),
    ({"kotak": 9, "golongan": "III/d"}, {}, {"jenis": "Administrator"}, {}, "R9"),
    ({}, PENGAWAS, {}, {}, "R9"),
    ({"hukuman": "Sedang", "akhir_hukuman": date(2027, 1, 1)}, {}, PENGAWAS, {}, "R10"),
    ({"hukuman": "Berat", "akhir_hukuman": None}, PENGAWAS, PENGAWAS, {}, "R10"),
    ({}, PENGAWAS, PENGAWAS, {"larangan_mulai": date(2026, 1, 1)}, "R17"),
    ({}, {}, PENGAWAS, {"larangan_mulai": date(2026, 1, 1), "larangan_selesai": date(2026, 12, 1)}, "R17"),
])
def test_mover_rule_caught(employee: dict[str, Any], h: dict[str, Any], k: dict[str, Any],
                           params: dict[str, Any], rule: str) -> None:
    """A move H -> K that one rule forbids is reported under that rule's code, and only it."""
    data = field_move(employee, h, k, **params)
    assert broken(data, ["K"]) == {rule}


@pytest.mark.parametrize(("employee", "h", "k", "params"), [
    ({"tmt_jabatan": date(2024, 12, 1)}, {}, {}, {}),
    ({"tmt_jabatan": date(2026, 11, 1)}, {"kebutuhan": 0}, {}, {}),
    ({"tanggal_lahir": date(1969, 12, 1)}, {}, {}, {}),
    ({"tanggal_lahir": None}, {}, {}, {}),
    ({"status": "CPNS"}, {}, {}, {"status_boleh_mutasi": ("Aktif", "CPNS")}),
    ({"pendidikan": "D-IV"}, {}, {"pendidikan_min": "S-1"}, {}),
    ({"golongan": "III/a"}, PENGAWAS, PENGAWAS, {}),
    ({"kotak": 5}, {}, PENGAWAS, {"kotak_promosi": (5,)}),
    ({}, {"kelas": 7}, {}, {}),
    ({"hukuman": "Sedang", "akhir_hukuman": date(2026, 12, 1)}, {}, PENGAWAS, {}),
    ({"hukuman": "Berat", "akhir_hukuman": date(2027, 1, 1)}, {}, {}, {}),
    ({"hukuman": "Ringan", "akhir_hukuman": None}, {}, PENGAWAS, {}),
    ({}, PENGAWAS, PENGAWAS, {"larangan_mulai": date(2026, 1, 1), "larangan_selesai": date(2026, 11, 30)}),
    ({}, {}, {}, {"larangan_mulai": date(2026, 1, 1)}),
])
def test_allowed_move_not_reported(employee: dict[str, Any], h: dict[str, Any], k: dict[str, Any],
                                   params: dict[str, Any]) -> None:
    """The boundary on the allowed side of each rule is not a violation."""
    data = field_move(employee, h, k, **params)
    assert broken(data, ["K"]) == set()


def test_r1_over_staffed_exception() -> None:
    """R1: the holders of an over-staffed post may leave early; the checker agrees."""
    short = {"tmt_jabatan": date(2026, 11, 1)}
    data = problem([emp(0, "H", **short), emp(1, "H", **short)], [post("H"), post("K")])
    assert broken(data, ["K", "H"]) == set()


def test_r4_uses_bup_of_current_post() -> None:
    """R4: the BUP is the current post's (60 for Ahli Madya), not the target's."""
    madya = {"jenis": "Fungsional", "jenjang": "Ahli Madya", "kelas": 11}
    data = field_move({"tanggal_lahir": date(1967, 12, 1), "golongan": "IV/a"}, h=madya, k=madya)
    assert broken(data, ["K"]) == set()
    data = field_move({"tanggal_lahir": date(1967, 11, 30), "golongan": "IV/a"}, h=madya, k=madya)
    assert broken(data, ["K"]) == {"R4"}


# --- R15 scenario ----------------------------------------------------------------------------------------
def test_r15_pin_broken() -> None:
    """R15: a pinned employee who does not end in the pinned post."""
    base = field_move()
    data = base.replace(pins=(Pin(nip=base.employees[0].nip, kode_jabatan="H"),))
    assert broken(data, ["K"]) == {"R15"}
    assert broken(data, ["H"]) == set()


@pytest.mark.parametrize("scenario", [
    {"forbids": (Forbid(nip=emp(0, "H").nip, kode_jabatan="K"),)},
    {"forbids": (Forbid(nip=emp(0, "H").nip, unit="Unit B"),)},
    {"frozen_units": ("Unit A",)},
    {"frozen_units": ("Unit B",)},
])
def test_r15_forbid_and_frozen(scenario: dict[str, Any]) -> None:
    """R15: moving into a forbidden post or unit, or out of or into a frozen unit."""
    data = problem([emp(0, "H")], [post("H"), post("K", unit="Unit B")]).replace(**scenario)
    assert broken(data, ["K"]) == {"R15"}
    assert broken(data, ["H"]) == set()


def test_r15_forbid_for_someone_else_ignored() -> None:
    """R15: a forbid concerns only its own NIP."""
    data = problem([emp(0, "H"), emp(1, "X")], [post("H"), post("K"), post("X")],
                   forbids=(Forbid(nip=emp(1, "X").nip, kode_jabatan="K"),))
    assert broken(data, ["K", "X"]) == set()


# --- plan-wide rules -------------------------------------------------------------------------------------
def test_r11_seats_exceeded() -> None:
    """R11: two people end in a one-seat post."""
    data = problem([emp(0, "H1"), emp(1, "H2")], [post("H1"), post("H2"), post("K")])
    assert broken(data, ["K", "K"]) == {"R11"}
    assert broken(data, ["K", "H2"]) == set()


def test_r11_over_staffed_takes_no_newcomer() -> None:
    """R11: a newcomer into an over-staffed post, even when a holder leaves to make room."""
    data = problem([emp(0, "H"), emp(1, "K"), emp(2, "K")], [post("H"), post("K")])
    assert broken(data, ["K", "H", "K"]) == {"R11"}
    assert broken(data, ["H", "K", "K"]) == set()


def test_r11_over_staffed_may_keep_holders() -> None:
    """R11: holders of an over-staffed post may all stay (they keep their seats)."""
    data = problem([emp(0, "K"), emp(1, "K"), emp(2, "K")], [post("K"), post("H")])
    result = fake(data, ["K", "K", "K"])
    assert result.surplus_kept == 2
    assert check_plan(data, result) == []


@pytest.mark.parametrize(("percent", "leavers", "ok"), [(50, 2, True), (50, 3, False), (30, 1, True),
                                                        (30, 2, False), (0, 1, False), (100, 4, True)])
def test_r13_unit_outflow(percent: float, leavers: int, ok: bool) -> None:
    """R13: at most floor(staff × maks_keluar_unit_persen / 100) leave a unit; moves inside do not count."""
    data = problem([emp(n, f"H{n}") for n in range(4)],
                   [*(post(f"H{n}") for n in range(4)), post("B", unit="Unit B", kebutuhan=4),
                    post("A", kebutuhan=4)], maks_keluar_unit_persen=percent)
    plan = ["B"] * leavers + ["A"] * (4 - leavers)
    assert broken(data, plan) == (set() if ok else {"R13"})


def test_r13_fractional_percent() -> None:
    """R13: 12.5 % of 8 staff is exactly 1 leaver."""
    data = problem([emp(n, "A") for n in range(8)],
                   [post("A", kebutuhan=8), post("B", unit="Unit B", kebutuhan=8)],
                   maks_keluar_unit_persen=12.5)
    assert broken(data, ["B"] + ["A"] * 7) == set()
    assert broken(data, ["B"] * 2 + ["A"] * 6) == {"R13"}


@pytest.mark.parametrize(("limit", "moves", "ok"),
                         [(None, 3, True), (3, 3, True), (2, 3, False), (0, 1, False)])
def test_r14_total_moves(limit: int | None, moves: int, ok: bool) -> None:
    """R14: at most maks_mutasi moves."""
    data = problem([emp(n, f"H{n}") for n in range(3)], [*(post(f"H{n}") for n in range(3)),
                                                         post("K", kebutuhan=3)], maks_mutasi=limit)
    plan = ["K"] * moves + [f"H{n}" for n in range(moves, 3)]
    assert broken(data, plan) == (set() if ok else {"R14"})


# --- the plan itself and its reported numbers ------------------------------------------------------------
def test_infeasible_reports_only_that() -> None:
    """An INFEASIBLE result is reported as such, with nothing else checked."""
    data = field_move({"status": "CPNS"})
    [violation] = check_plan(data, fake(data, ["K"], SolveStatus.INFEASIBLE))
    assert violation.rule == "INFEASIBLE"


def test_plan_shape() -> None:
    """A plan of the wrong length or with an unknown post index is reported under PLAN."""
    data = field_move()
    good = fake(data, ["K"])
    short = dataclasses.replace(good, assignment=np.array([], dtype=np.int64))
    assert [v.rule for v in check_plan(data, short)] == ["PLAN"]
    wild = dataclasses.replace(good, assignment=np.array([7], dtype=np.int64))
    assert [v.rule for v in check_plan(data, wild)] == ["PLAN"]


def test_pair_not_a_candidate() -> None:
    """OBJ: the plan uses a pair that is not among the candidates."""
    data = field_move()
    result = fake(data, ["K"])
    keep = ~(~result.candidates.stay & (result.candidates.post == 1))
    c = result.candidates
    thin = Candidates(c.emp[keep], c.post[keep], c.score[keep], c.stay[keep], c.parts[keep])
    assert broken(data, ["H"]) == set()
    assert {v.rule for v in check_plan(data, dataclasses.replace(result, candidates=thin))} == {"OBJ"}


@pytest.mark.parametrize("field", ["objective", "must_fill_filled", "surplus_kept"])
def test_reported_numbers_checked(field: str) -> None:
    """OBJ: objective, must-fill seats filled and surplus kept must match the plan."""
    data = problem([emp(0, "K"), emp(1, "K")], [post("K"), post("W", wajib_diisi=True)])
    result = fake(data, ["K", "W"])
    assert check_plan(data, result) == []
    wrong = dataclasses.replace(result, **{field: getattr(result, field) + 1})
    assert [v.rule for v in check_plan(data, wrong)] == ["OBJ"]


def test_objective_counts_move_cost() -> None:
    """OBJ: the objective is Σ score − biaya_mutasi × moves (here 2 × 50 − 3 × 1)."""
    data = problem([emp(0, "H"), emp(1, "X")], [post("H"), post("K"), post("X")], biaya_mutasi=3)
    result = fake(data, ["K", "X"])
    assert result.objective == 97
    assert check_plan(data, result) == []


# --- a mutated solver plan -------------------------------------------------------------------------------
def test_mutated_solver_plan_caught() -> None:
    """Moving a CPNS of a solved plan into a vacancy is caught as R5 (and the solved plan is valid)."""
    data = make_instance(5, 60, 3)
    result = solve(data, 10.0)
    assert_plan_valid(data, result)
    i = next(i for i, e in enumerate(data.employees) if e.status == "CPNS")
    j = next(j for j in range(len(data.positions)) if j != data.current_post[i])
    assignment = result.assignment.copy()
    assignment[i] = j
    rules = {v.rule for v in check_plan(data, dataclasses.replace(result, assignment=assignment))
             if v.nip == data.employees[i].nip}
    assert "R5" in rules


def test_rules_helper_matches_plan_check() -> None:
    """Rules.move_violations is what check_plan reports for a single mover."""
    data = field_move({"status": "CPNS", "pendidikan": "SLTA"}, k={"pendidikan_min": "S-1"})
    assert Rules(data).move_violations(0, 1) == check_plan(data, fake(data, ["K"]))


# --- dates -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2024, 12, 1), date(2026, 12, 1), 24), (date(2024, 12, 2), date(2026, 12, 1), 23),
    (date(2026, 1, 31), date(2026, 2, 28), 0), (date(2026, 1, 31), date(2026, 3, 1), 1),
    (date(2026, 12, 1), date(2026, 11, 30), -1), (date(2026, 12, 1), date(2026, 12, 1), 0)])
def test_whole_months(start: date, end: date, months: int) -> None:
    """A month counts once its day-of-month is reached."""
    assert whole_months(start, end) == months


def test_retirement_date_leap_day() -> None:
    """Born on 29 February: retirement falls on 28 February of the BUP year."""
    assert retirement_date(date(1968, 2, 29), 58) == date(2026, 2, 28)
    assert retirement_date(date(1968, 3, 1), 58) == date(2026, 3, 1)


def test_checker_is_independent() -> None:
    """check.py imports neither the solver nor the scorer (it may use model, reference and result types)."""
    tree = ast.parse(Path(penempatan.check.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not imported & {"penempatan.solver", "penempatan.scoring", "ortools"}
