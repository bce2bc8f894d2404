"""The independent checker: a valid plan passes, and a plan breaking any one rule is caught by its code.

Plans here are written by hand (a fake Result whose numbers are consistent), so each test shows exactly
one broken rule. The tiny instances share one shape: employee 0 sits in post H (Bidang hukum) with an
ekonomi_akuntansi degree, and post K (Bidang ekonomi_akuntansi) in the same unit is vacant, so H -> K is a
move with a purpose (mengisi kebutuhan) that breaks no rule. R13 and R21 are off unless a test sets them.
No test here solves: the solver is checked by its own tests, this file checks the checker.
"""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import builders
import numpy as np
import pytest
from builders import family, post, with_families
from test_solver import V2_VALUES

import penempatan.check
from penempatan.check import (
    Rules,
    Violation,
    assert_plan_valid,
    check_plan,
    holders_not_qualified,
    retirement_date,
    whole_months,
)
from penempatan.model import Employee, Forbid, Params, Pin, Position, ProblemData
from penempatan.reference import Reference, load_reference
from penempatan.result import Result, SolveStatus
from penempatan.rules import RULES
from penempatan.scoring import COMPONENTS, Candidates, Tables

TODAY = date(2026, 12, 1)
SCORE = 50
PENGAWAS: dict[str, Any] = {"jenis": "Pengawas", "kelas": 9}
ADMINISTRATOR: dict[str, Any] = {"jenis": "Administrator", "kelas": 11}
JPT: dict[str, Any] = {"jenis": "JPT Pratama", "kelas": 14}
AHLI_UTAMA: dict[str, Any] = {"jenis": "Fungsional", "jenjang": "Ahli Utama", "kelas": 14}
DUE: dict[str, Any] = {"tmt_jabatan": date(2020, 1, 1)}  # 82 months in post: rotation due (purpose rotasi)
RISKY: dict[str, Any] = {"risiko_tinggi": True}  # R26: a pelaksana post rotates only when high-risk


# --- tiny instance builders ------------------------------------------------------------------------------
def emp(n: int, kode_jabatan: str, **changes: Any) -> Employee:
    """Employee n as in tests/builders.py, with an S-1 in ekonomi_akuntansi."""
    return builders.emp(n, kode_jabatan, **{"bidang": "ekonomi_akuntansi", **changes})


def problem(employees: list[Employee], positions: list[Position], *, pins: tuple[Pin, ...] = (),
            forbids: tuple[Forbid, ...] = (), frozen_units: tuple[str, ...] = (), **params: Any) -> ProblemData:
    """ProblemData at TODAY; R13 (100 %) and R21 (kekurangan_unit_boleh_naik) off unless a test sets them."""
    settings: dict[str, object] = {"tanggal_acuan": TODAY, "maks_keluar_unit_persen": 100.0,
                                   "kekurangan_unit_boleh_naik": True, **V2_VALUES}
    settings.update(params)
    return ProblemData(employees=tuple(employees), positions=tuple(positions),
                       params=Params.model_validate(settings), pins=pins, forbids=forbids,
                       frozen_units=frozen_units)


def field_move(employee: dict[str, Any] | None = None, h: dict[str, Any] | None = None,
               k: dict[str, Any] | None = None, **params: Any) -> ProblemData:
    """Employee 0 in H (hukum) with an ekonomi_akuntansi degree; K (ekonomi_akuntansi) vacant, same unit."""
    positions = [post("H", **{"bidang": "hukum", **(h or {})}),
                 post("K", **{"bidang": "ekonomi_akuntansi", **(k or {})})]
    return problem([emp(0, "H", **(employee or {}))], positions, **params)




PERAWAT = family("Perawat", ("keperawatan",), "STR", keahlian="S-1", keterampilan="D-III")
PRAKOM = family("Pranata Komputer", ("ti",), keahlian="S-1", keterampilan="D-III")
ANALIS = family("Analis Kebijakan")  # any field
STUB = with_families(PERAWAT, PRAKOM, ANALIS)


def jf(kode: str, rumpun: str, jenjang: str = "Ahli Pertama", **changes: Any) -> Position:
    """A Fungsional post of JF family `rumpun` (no Bidang, so R8 stays out of the way)."""
    kelas = {"Terampil": 6, "Ahli Pertama": 8, "Ahli Muda": 9}.get(jenjang, 8)
    return post(kode, jenis="Fungsional", jenjang=jenjang, rumpun_jf=rumpun, kelas=kelas, **changes)


# --- hand-built results ----------------------------------------------------------------------------------
def candidates(data: ProblemData, fit: dict[int, int], nilai: dict[int, int],
               pairs: list[tuple[int, int]]) -> Candidates:
    """Candidates over `pairs` (employee, post index) with the given fit and nilai per pair row."""
    n = len(pairs)
    emp_idx = np.array([i for i, _ in pairs], dtype=np.int64)
    post_idx = np.array([j for _, j in pairs], dtype=np.int64)
    cur = np.asarray(data.current_post, dtype=np.int64)
    return Candidates(emp=emp_idx, post=post_idx, score=np.array([fit[k] for k in range(n)], dtype=np.int64),
                      stay=post_idx == cur[emp_idx] if n else np.zeros(0, dtype=bool),
                      parts=np.zeros((n, len(COMPONENTS)), dtype=np.int64),
                      nilai=np.array([nilai[k] for k in range(n)], dtype=np.int64),
                      purposes=np.zeros(n, dtype=np.int64), flags=np.zeros(n, dtype=np.int64))


def fake(data: ProblemData, plan: list[str], status: SolveStatus = SolveStatus.OPTIMAL,
         fit: dict[tuple[int, str], int] | None = None, ref: Reference | None = None) -> Result:
    """A Result for `plan` (Kode Jabatan per employee): every pair a candidate with fit 50 unless `fit`
    says otherwise ((employee, Kode Jabatan) -> fit); nilai and the reported numbers consistent."""
    rules = Rules(data, ref or STUB)
    pairs = [(i, j) for i in range(len(data.employees)) for j in range(len(data.positions))]
    fits = {k: (fit or {}).get((i, data.positions[j].kode), SCORE) for k, (i, j) in enumerate(pairs)}
    nilai = {k: rules.nilai(i, j, fits[k], fits[i * len(data.positions) + data.current_post[i]])
             for k, (i, j) in enumerate(pairs)}
    cand = candidates(data, fits, nilai, pairs)
    assignment = np.array([data.position_index[k] for k in plan], dtype=np.int64)
    objective = sum(nilai[i * len(data.positions) + int(j)] for i, j in enumerate(assignment))
    people = np.bincount(assignment, minlength=len(data.positions))
    kebutuhan = np.array([p.kebutuhan for p in data.positions])
    wajib = np.array([p.wajib_diisi for p in data.positions])
    filled = int(np.minimum(people, kebutuhan)[wajib].sum())
    surplus = int(np.maximum(0, people - kebutuhan).sum())
    return Result(status=status, assignment=assignment, objective=objective, bound=float(objective), wall_time=0.0,
                  candidates=cand, must_fill_seats=int(kebutuhan[wajib].sum()), must_fill_filled=filled,
                  surplus_kept=surplus)


def broken(data: ProblemData, plan: list[str], fit: dict[tuple[int, str], int] | None = None,
           ref: Reference | None = None) -> set[str]:
    """The rule codes the checker reports for a hand-written plan."""
    return {v.rule for v in check_plan(data, fake(data, plan, fit=fit, ref=ref), ref or STUB)}


def test_valid_plan_passes() -> None:
    """The base move H -> K breaks no rule; staying breaks none either."""
    data = field_move()
    assert check_plan(data, fake(data, ["K"])) == []
    assert check_plan(data, fake(data, ["H"])) == []
    assert_plan_valid(data, fake(data, ["K"]))


def test_staying_is_never_a_violation() -> None:
    """Someone who stays is not checked against R6/R7/R8/R18/R20 of their own post (SPEC 3: warn, never evict)."""
    data = field_move({"pendidikan": "SLTA", "golongan": "II/a", "status": "CPNS", "bidang": None},
                      h={"pendidikan_min": "S-1", **JPT})
    assert broken(data, ["H"]) == set()


def test_violation_names_employee_and_post() -> None:
    """A per-mover violation carries the NIP, the target Kode Jabatan and an Indonesian message."""
    data = field_move({"status": "CPNS"})
    [violation] = check_plan(data, fake(data, ["K"]))
    assert violation == Violation("R5", data.employees[0].nip, "K", f"{RULES['R5'].text}: status CPNS")
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
    ({"tanggal_lahir": date(1969, 6, 1), "unit_diminati": ("Unit A",)}, {}, {}, {}, "R4"),
    ({"tanggal_lahir": date(1970, 6, 1)}, {}, {}, {}, "R24"),
    ({"kotak": 1}, {}, {}, {}, "R23"),
    ({"kinerja": "Kurang"}, {}, {}, {}, "R23"),
    ({"hukuman": "Ringan", "akhir_hukuman": None}, {}, {}, {}, "R23"),
    ({"status": "Tugas Belajar"}, {}, {}, {}, "R5"),
    ({"pendidikan": "D-III"}, {}, {"pendidikan_min": "S-1"}, {}, "R6"),
    ({"golongan": "II/d"}, PENGAWAS, PENGAWAS, {}, "R7"),
    ({"golongan": "III/a"}, PENGAWAS, PENGAWAS, {"toleransi_golongan": False}, "R7"),
    ({"golongan": "IV/a"}, PENGAWAS, PENGAWAS, {}, "R7"),
    ({"golongan": "III/b"}, {}, {"golongan_min": "III/c"}, {}, "R7"),
    ({"golongan": "IX"}, {}, {}, {}, "R7"),
    ({"bidang": "hukum"}, {}, {}, {}, "R8"),
    ({"bidang": None}, {}, {}, {}, "R8"),
    ({"bidang": "hukum", "pelatihan": ("ti",)}, {}, {}, {}, "R8"),
    ({"kotak": 5}, {}, PENGAWAS, {}, "R9"),
    ({"kotak": None}, {}, {"kelas": 7}, {}, "R9"),
    ({"kotak": 9, "golongan": "III/d"}, {}, ADMINISTRATOR, {}, "R9"),
    ({"hukuman": "Sedang", "akhir_hukuman": date(2027, 1, 1)}, {"kebutuhan": 0}, PENGAWAS, {}, "R10"),
    ({"hukuman": "Berat", "akhir_hukuman": None}, {**PENGAWAS, "kebutuhan": 0}, PENGAWAS, {}, "R10"),
    ({"bersedia_mutasi": False}, {}, {}, {}, "R16"),
    ({}, PENGAWAS, PENGAWAS, {"larangan_mulai": date(2026, 1, 1)}, "R17"),
    ({}, {}, PENGAWAS, {"larangan_mulai": date(2026, 1, 1), "larangan_selesai": date(2026, 12, 1)}, "R17"),
    ({}, PENGAWAS, {}, {}, "R19"),
    ({}, {"kelas": 7}, {}, {}, "R19"),
    ({"golongan": "IV/b"}, ADMINISTRATOR, JPT, {}, "R20"),
    ({"golongan": "IV/b"}, JPT, JPT, {}, "R20"),
    ({"golongan": "IV/d"}, JPT, AHLI_UTAMA, {}, "R20"),
])
def test_mover_rule_caught(employee: dict[str, Any], h: dict[str, Any], k: dict[str, Any],
                           params: dict[str, Any], rule: str) -> None:
    """A move H -> K that one rule forbids is reported under that rule's code, and only it."""
    data = field_move(employee, h, k, **params)
    assert broken(data, ["K"]) == {rule}


@pytest.mark.parametrize(("employee", "h", "k", "params"), [
    ({"tmt_jabatan": date(2024, 12, 1)}, {}, {}, {}),
    ({"tmt_jabatan": date(2026, 11, 1)}, {"kebutuhan": 0}, {}, {}),
    ({"tanggal_lahir": date(1969, 12, 1), "unit_diminati": ("Unit A",)}, {}, {}, {}),
    ({"tanggal_lahir": date(1970, 12, 1)}, {}, {}, {}),
    ({"tanggal_lahir": date(1970, 6, 1)}, {"kebutuhan": 0}, {}, {}),
    ({"kotak": 1}, {"kebutuhan": 0}, {}, {}),
    ({"kotak": 1}, {}, {}, {"kotak_tanpa_mutasi": ()}),
    ({"kinerja": "Butuh Perbaikan"}, {}, {}, {}),
    ({"tanggal_lahir": None}, {}, {}, {}),
    ({"status": "CPNS"}, {}, {}, {"status_boleh_mutasi": ("Aktif", "CPNS")}),
    ({"pendidikan": "D-IV"}, {}, {"pendidikan_min": "S-1"}, {}),
    ({"golongan": "III/a"}, PENGAWAS, PENGAWAS, {}),
    ({"bidang": "hukum"}, {}, {}, {"bidang_wajib": False}),
    ({"bidang": None}, {}, {}, {"bidang_wajib": False}),
    ({"bidang": "hukum", "pelatihan": ("ti", "ekonomi_akuntansi")}, {}, {}, {}),
    ({"bidang": "hukum"}, {}, {"bidang": None}, {}),
    ({"kotak": 5}, {}, PENGAWAS, {"kotak_promosi": (5,)}),
    ({"golongan": "III/d"}, PENGAWAS, ADMINISTRATOR, {}),
    ({"hukuman": "Sedang", "akhir_hukuman": date(2026, 12, 1)}, {}, PENGAWAS, {}),
    ({"hukuman": "Berat", "akhir_hukuman": date(2027, 1, 1)}, {"kebutuhan": 0}, {}, {}),
    ({"hukuman": "Ringan", "akhir_hukuman": None}, {"kebutuhan": 0}, PENGAWAS, {}),
    ({"bersedia_mutasi": False}, {}, {"wajib_diisi": True}, {}),
    ({"bersedia_mutasi": False}, {"kebutuhan": 0}, {}, {}),
    ({}, PENGAWAS, PENGAWAS, {"larangan_mulai": date(2026, 1, 1), "larangan_selesai": date(2026, 11, 30)}),
    ({}, {}, {}, {"larangan_mulai": date(2026, 1, 1)}),
    ({}, PENGAWAS, {}, {"boleh_turun_kelas": True}),
    ({}, {"kelas": 7}, {}, {"boleh_turun_kelas": True}),
    ({"golongan": "IV/b"}, ADMINISTRATOR, JPT, {"isi_jpt": True}),
    ({"golongan": "IV/b"}, JPT, JPT, {"isi_jpt": True}),
    ({"golongan": "IV/d"}, JPT, AHLI_UTAMA, {"isi_jpt": True}),
])
def test_allowed_move_not_reported(employee: dict[str, Any], h: dict[str, Any], k: dict[str, Any],
                                   params: dict[str, Any]) -> None:
    """The boundary on the allowed side of each rule is not a violation."""
    data = field_move(employee, h, k, **params)
    assert broken(data, ["K"]) == set()


def test_r16_must_fill_post_needs_a_vacancy_before_the_plan() -> None:
    """R16: a must-fill post that was full before the plan (its holder leaves in the same plan) does not
    excuse moving someone unwilling."""
    data = problem([emp(0, "H", bersedia_mutasi=False, **DUE), emp(1, "K", **DUE)],
                   [post("H", **RISKY), post("K", wajib_diisi=True, **RISKY), post("X")])
    assert broken(data, ["K", "X"]) == {"R16"}


def test_r1_over_staffed_exception() -> None:
    """R1: the holders of an over-staffed post may leave early; the checker agrees."""
    short = {"tmt_jabatan": date(2026, 11, 1)}
    data = problem([emp(0, "H", **short), emp(1, "H", **short)], [post("H"), post("K")])
    assert broken(data, ["K", "H"]) == set()


def test_r4_uses_bup_of_current_post() -> None:
    """R4: the BUP is the current post's (60 for Ahli Madya), not the target's."""
    madya = {"jenis": "Fungsional", "jenjang": "Ahli Madya", "kelas": 11}
    asked = {"golongan": "IV/a", "unit_diminati": ("Unit A",)}  # so that R24 (24 months) does not speak
    data = field_move({"tanggal_lahir": date(1967, 12, 1), **asked}, h=madya, k=madya)
    assert broken(data, ["K"]) == set()
    data = field_move({"tanggal_lahir": date(1967, 11, 30), **asked}, h=madya, k=madya)
    assert broken(data, ["K"]) == {"R4"}


# --- R9 on the penyetaraan ladder ------------------------------------------------------------------------
@pytest.mark.parametrize(("h", "k", "ok"), [
    ({"jenis": "Fungsional", "jenjang": "Ahli Pertama", "kelas": 8}, ADMINISTRATOR, False),
    ({"jenis": "Fungsional", "jenjang": "Ahli Pertama", "kelas": 8}, PENGAWAS, True),
    ({"jenis": "Fungsional", "jenjang": "Ahli Muda", "kelas": 9}, ADMINISTRATOR, True),
    ({}, {"jenis": "Fungsional", "jenjang": "Ahli Muda", "kelas": 9}, True),
    (PENGAWAS, JPT, False),
])
def test_r9_one_tingkat_on_the_ladder(h: dict[str, Any], k: dict[str, Any], ok: bool) -> None:
    """R9: Ahli Pertama and Pelaksana are tingkat 1, Pengawas and Ahli Muda 2, Administrator 3, JPT 4;
    a promotion climbs at most one tingkat (isi_jpt on, so only R9 speaks)."""
    data = field_move({"golongan": "III/d"}, h, k, isi_jpt=True)
    assert broken(data, ["K"]) - {"R7"} == (set() if ok else {"R9"})


@pytest.mark.parametrize(("siap", "target", "expected"), [
    (False, ("Perawat", "Ahli Muda"), {"R9"}),
    (True, ("Perawat", "Ahli Muda"), set()),
    (False, ("Perawat", "Ahli Pertama"), set()),
    (False, ("Analis Kebijakan", "Ahli Muda"), set()),
])
def test_r9_higher_jenjang_needs_siap_naik_jenjang(siap: bool, target: tuple[str, str],
                                                    expected: set[str]) -> None:
    """R9: a higher jenjang in the same JF family needs Siap Naik Jenjang; another family does not."""
    golongan = {"Ahli Pertama": "III/b", "Ahli Muda": "III/c"}[target[1]]
    nurse = emp(0, "H", bidang="keperawatan", golongan=golongan, siap_naik_jenjang=siap)
    data = problem([nurse], [jf("H", "Perawat"), jf("K", *target)])
    assert broken(data, ["K"]) == expected


# --- R18 JF qualification --------------------------------------------------------------------------------
@pytest.mark.parametrize(("employee", "target", "expected"), [
    ({"bidang": "keperawatan"}, "Perawat", set()),
    ({"bidang": "kebidanan"}, "Perawat", {"R18"}),
    ({"bidang": "kebidanan", "pelatihan": ("keperawatan",)}, "Perawat", {"R18"}),
    ({"bidang": "statistika", "pelatihan": ("ti",)}, "Pranata Komputer", set()),
    ({"bidang": "statistika"}, "Pranata Komputer", {"R18"}),
    ({"bidang": "hukum"}, "Analis Kebijakan", set()),
    ({"bidang": None}, "Analis Kebijakan", set()),
    ({"bidang": None}, "Perawat", {"R18"}),
    ({"bidang": "keperawatan", "pendidikan": "D-III"}, "Perawat", {"R18"}),
    ({"bidang": "ti", "pendidikan": "D-IV"}, "Pranata Komputer", set()),
])
def test_r18_jf_qualification(employee: dict[str, Any], target: str, expected: set[str]) -> None:
    """R18: the family's fields (a training counts only for an unlicensed family) and the Ahli track's
    minimum education; a family with no fields takes anyone."""
    data = problem([emp(0, "H", **employee)], [post("H"), jf("K", target)])
    assert broken(data, ["K"]) - {"R22"} == expected  # R22 (perpindahan gates) is tested on its own


@pytest.mark.parametrize(("pendidikan", "jenjang", "expected"), [
    ("D-III", "Terampil", set()), ("SLTA", "Terampil", {"R18"}), ("D-III", "Ahli Pertama", {"R18"})])
def test_r18_track_minimum_education(pendidikan: str, jenjang: str, expected: set[str]) -> None:
    """R18: the keterampilan track needs pendidikan_keterampilan, the keahlian track pendidikan_keahlian."""
    data = problem([emp(0, "H", bidang="keperawatan", pendidikan=pendidikan, golongan="II/c")],
                   [post("H", kelas=6), jf("K", "Perawat", jenjang)])
    found = broken(data, ["K"]) - {"R7", "R22"}  # only R18 is under test; II/c is outside Ahli Pertama's range
    assert found == expected


@pytest.mark.parametrize(("current", "expected"), [("Perawat", set()), ("Pranata Komputer", {"R18"})])
def test_r18_unknown_programme_of_a_current_holder(current: str, expected: set[str]) -> None:
    """R18: a holder of the same family whose programme is unknown may move inside it (the appointment
    proves the qualification); from another family they may not."""
    data = problem([emp(0, "H", bidang=None)], [jf("H", current), jf("K", "Perawat", unit="Unit B")])
    assert broken(data, ["K"]) - {"R22"} == expected


# --- R22 perpindahan into a JF, R23 and R24 holds --------------------------------------------------------
NURSE: dict[str, Any] = {"bidang": "keperawatan", "sertifikat": ("STR Perawat",), "tanggal_lahir": date(1980, 1, 1)}


@pytest.mark.parametrize(("employee", "here", "target", "expected"), [
    ({}, {}, ("Perawat", "Ahli Pertama"), set()),  # own programme, post with no field, licence: allowed
    ({"sertifikat": ()}, {}, ("Perawat", "Ahli Pertama"), {"R22"}),  # no STR
    ({"sertifikat": ("Sertifikat Pendidik",)}, {}, ("Perawat", "Ahli Pertama"), {"R22"}),
    ({"tanggal_lahir": date(1972, 11, 30)}, {}, ("Perawat", "Ahli Pertama"), {"R22"}),  # 54 > 53
    ({"tanggal_lahir": date(1973, 12, 1)}, {}, ("Perawat", "Ahli Pertama"), set()),  # 53 exactly
    ({"tanggal_lahir": date(1972, 11, 30), "golongan": "IV/a"}, {}, ("Perawat", "Ahli Madya"), set()),  # 54 ≤ 55
    ({"kinerja": "Butuh Perbaikan"}, {}, ("Perawat", "Ahli Pertama"), {"R22"}),
    ({}, {"bidang": "hukum"}, ("Perawat", "Ahli Pertama"), {"R22"}),  # experience in another field
    ({}, {"bidang": "keperawatan"}, ("Perawat", "Ahli Pertama"), set()),  # a nursing post: experienced
    ({"tmt_jabatan": date(2025, 1, 1)}, {"kebutuhan": 0}, ("Perawat", "Ahli Pertama"), {"R22"}),  # 23 months
    ({}, {}, ("Pengawas Sekolah", "Ahli Pertama"), {"R22"}),  # only by selection
])
def test_r22_perpindahan_gates(employee: dict[str, Any], here: dict[str, Any], target: tuple[str, str],
                               expected: set[str]) -> None:
    """R22 (PermenPANRB 1/2023): into a JF from another jabatan only within the jenjang's age limit, with predikat
    at least Baik, the family's licence and experience in its field; a selection family takes nobody."""
    seleksi = dataclasses.replace(family("Pengawas Sekolah", ("keperawatan",)), seleksi=True)
    golongan = {"Ahli Pertama": "III/a", "Ahli Madya": "IV/a"}[target[1]]
    person = emp(0, "H", **{**NURSE, "golongan": golongan, **employee})
    data = problem([person], [post("H", **here), jf("K", *target)])
    ref = with_families(PERAWAT, PRAKOM, ANALIS, seleksi)
    assert broken(data, ["K"], ref=ref) - {"R7", "R9", "R19"} == expected


def test_r22_not_within_one_family() -> None:
    """R22 speaks only when the family changes: a nurse moving between two Perawat posts needs no gate."""
    data = problem([emp(0, "H", **{**NURSE, "sertifikat": (), "kinerja": "Butuh Perbaikan"})],
                   [jf("H", "Perawat"), jf("K", "Perawat", unit="Unit B")])
    assert broken(data, ["K"]) == set()


@pytest.mark.parametrize(("jurusan", "target", "expected"), [
    ("S-1 Pendidikan Matematika", "Guru Matematika Ahli Pertama", set()),
    ("S-1 Pendidikan Jasmani", "Guru Matematika Ahli Pertama", {"R18"}),
    ("S-1 PGSD", "Guru Kelas Ahli Pertama SDN 2", set()),
    ("S-1 Pendidikan Matematika", "Guru Kelas Ahli Pertama SDN 2", {"R18"}),
    ("S-1 Pendidikan Jasmani", "Guru Ahli Pertama", set()),  # the post names no subject
    (None, "Guru Matematika Ahli Pertama", set()),  # an unknown programme is not held against a teacher
])
def test_r18_teachers_by_subject(jurusan: str | None, target: str, expected: set[str]) -> None:
    """R18 by subject (mata_pelajaran.csv): a Guru post that names a subject needs a programme that teaches it;
    both the checker and the pair rules say so."""
    guru = family("Guru", ("keguruan",), "Sertifikat Pendidik", keahlian="S-1")
    ref = with_families(guru)
    teacher = emp(0, "H", bidang="keguruan", jurusan=jurusan, sertifikat=("Sertifikat Pendidik",))
    data = problem([teacher], [jf("H", "Guru", nama="Guru Ahli Pertama SDN 1"),
                               jf("K", "Guru", nama=target, unit="Unit B")])
    assert broken(data, ["K"], ref=ref) == expected
    t = Tables(data, ref)
    excl = t.class_exclusions(int(t.post_class[1]), np.array([0]))
    assert {code for code, mask in excl.items() if mask[0]} == expected


def test_r18_post_without_family_not_checked() -> None:
    """R18: a Fungsional post without Rumpun JF has no qualification check."""
    data = problem([emp(0, "H", bidang="hukum")], [post("H"), post("K", jenis="Fungsional")])
    assert broken(data, ["K"]) == set()


def test_r18_shipped_table_keeps_a_nurse_out_of_a_dokter_post() -> None:
    """R18 with the shipped jabatan_fungsional.csv: a nurse never goes to a Dokter post, a doctor may."""
    ref = load_reference()
    positions = [post("H"), jf("K", "Dokter")]
    nurse = problem([emp(0, "H", bidang="keperawatan", pendidikan="Profesi")], positions)
    doctor = problem([emp(0, "H", bidang="kedokteran", pendidikan="Profesi")], positions)
    assert "R18" in broken(nurse, ["K"], ref=ref)
    assert "R18" not in broken(doctor, ["K"], ref=ref)


# --- R19 no demotion and its exception -------------------------------------------------------------------
def demotion_case(equal: dict[str, Any] | None, **params: Any) -> ProblemData:
    """Employee 0 holds Pengawas post H; K is a vacant Pelaksana post; E (when given) an equal Pengawas post."""
    positions = [post("H", **PENGAWAS, **params.pop("h", {})), post("K")]
    if equal is not None:
        positions.append(post("E", unit="Unit B", **{**PENGAWAS, **equal}))
    return problem([emp(0, "H")], positions, **params)


@pytest.mark.parametrize(("h", "equal", "expected"), [
    ({}, None, {"R19"}),  # not forced out: never
    ({"kebutuhan": 0}, None, set()),  # abolished post, nothing equal anywhere
    ({"kebutuhan": 0}, {}, {"R19"}),  # abolished, but an equal post is open
    ({"kebutuhan": 0}, {"kelas": 10}, {"R19"}),  # a higher kelas on the same tingkat is equal or better
    ({"kebutuhan": 0}, {"pendidikan_min": "S-2"}, set()),  # E fails R6 for them: not an equal post
    ({"kebutuhan": 0}, {"kelas": 8}, set()),  # E is lower too
    ({"kebutuhan": 0}, {"kebutuhan": 0}, set()),  # E takes nobody
])
def test_r19_exception_only_without_an_equal_post(h: dict[str, Any], equal: dict[str, Any] | None,
                                                  expected: set[str]) -> None:
    """R19: a step down only for someone forced out when no open post of at least their kelas and tingkat
    passes every other rule for them."""
    data = demotion_case(equal, h=h)
    assert broken(data, ["K"]) == expected


def test_r19_equal_post_must_be_open_and_allowed() -> None:
    """R19: an over-staffed, frozen or forbidden equal post does not count as open for them."""
    over = problem([emp(0, "H"), emp(1, "E"), emp(2, "E")],
                   [post("H", **PENGAWAS, kebutuhan=0), post("K"), post("E", unit="Unit B", **PENGAWAS)])
    assert broken(over, ["K", "E", "E"]) == set()
    base = demotion_case({}, h={"kebutuhan": 0})
    assert broken(base.replace(frozen_units=("Unit B",)), ["K"]) == set()
    forbid = Forbid(nip=base.employees[0].nip, kode_jabatan="E")
    assert broken(base.replace(forbids=(forbid,)), ["K"]) == set()


def test_r19_message_names_the_equal_post() -> None:
    """R19: the violation names the equal post that was open."""
    data = demotion_case({}, h={"kebutuhan": 0})
    [violation] = check_plan(data, fake(data, ["K"]), STUB)
    assert violation.rule == "R19" and "E" in violation.message


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
    data = problem([emp(0, "H", **DUE), emp(1, "K"), emp(2, "K")], [post("H", **RISKY), post("K")])
    assert broken(data, ["K", "H", "K"]) == {"R11"}
    assert broken(data, ["H", "K", "K"]) == set()


def test_r11_over_staffed_may_keep_holders() -> None:
    """R11: holders of an over-staffed post may all stay (they keep their seats)."""
    data = problem([emp(0, "K"), emp(1, "K"), emp(2, "K")], [post("K"), post("H")])
    result = fake(data, ["K", "K", "K"])
    assert result.surplus_kept == 2
    assert check_plan(data, result, STUB) == []


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


def chain_case(**params: Any) -> ProblemData:
    """Unit A: A1 (employee 0), A2 (employee 1), A3 vacant; Unit B: B1 (employee 2), B2 vacant; all due."""
    employees = [emp(0, "A1", **DUE), emp(1, "A2", **DUE), emp(2, "B1", **DUE)]
    positions = [post("A1", **RISKY), post("A2", **RISKY), post("A3"), post("B1", unit="Unit B", **RISKY),
                 post("B2", unit="Unit B")]
    return problem(employees, positions, **{"kekurangan_unit_boleh_naik": False, **params})


def test_r21_chain_inside_a_unit() -> None:
    """R21: a chain inside a unit (A2 -> A3, A1 -> A2) leaves its empty seats at 1: fine."""
    data = chain_case()
    assert broken(data, ["A2", "A3", "B1"]) == set()


def test_r21_chain_across_units() -> None:
    """R21: A1 -> B2 alone leaves Unit A one seat emptier; closed by B1 -> A1 it is fine."""
    data = chain_case()
    [violation] = check_plan(data, fake(data, ["B2", "A2", "B1"]), STUB)
    assert violation.rule == "R21" and "Unit A" in violation.message
    assert broken(data, ["B2", "A2", "A1"]) == set()
    assert broken(chain_case(kekurangan_unit_boleh_naik=True), ["B2", "A2", "B1"]) == set()


def test_r21_out_of_a_surplus() -> None:
    """R21: leaving an over-staffed post for another unit makes no seat of the old unit empty."""
    data = problem([emp(0, "A1"), emp(1, "A1")], [post("A1"), post("B1", unit="Unit B")],
                   kekurangan_unit_boleh_naik=False)
    assert broken(data, ["B1", "A1"]) == set()


# --- purposes of a move (SPEC 4) -------------------------------------------------------------------------
def swap_case(h: str = "H", k: str = "K", unit_k: str = "Unit A", **employee: Any) -> ProblemData:
    """Employees 0 and 1 hold full posts H and K (names `h`, `k`); nothing is vacant. With `employee` given (DUE)
    both posts are high-risk, so the due rotation is a purpose (R26)."""
    risky = bool(employee)
    return problem([emp(0, "H", **employee), emp(1, "K", **employee)],
                   [post("H", nama=h, risiko_tinggi=risky), post("K", nama=k, unit=unit_k, risiko_tinggi=risky)])


def test_move_without_purpose() -> None:
    """A swap that fills nothing, is not due, promotes nobody and gains no fit has no purpose."""
    data = swap_case()
    violations = check_plan(data, fake(data, ["K", "H"]), STUB)
    assert {v.rule for v in violations} == {"TUJUAN"} and len(violations) == 2
    assert broken(swap_case(**DUE), ["K", "H"]) == set()


def test_same_name_same_unit_swap_has_no_purpose() -> None:
    """Between posts of the same name (case/space-insensitive) in the same unit, rotation is no purpose."""
    assert broken(swap_case("Staf Umum", "staf  UMUM", **DUE), ["K", "H"]) == {"TUJUAN"}
    assert broken(swap_case("Staf Umum", "Staf Umum", unit_k="Unit B", **DUE), ["K", "H"]) == set()


def test_same_name_same_unit_from_a_surplus() -> None:
    """Leaving an over-staffed post for a same-name post in the same unit serves `kelebihan`."""
    data = problem([emp(0, "H"), emp(1, "H")], [post("H", nama="Staf"), post("K", nama="Staf")])
    assert broken(data, ["K", "H"]) == set()


@pytest.mark.parametrize(("gain", "expected"), [(10, set()), (9, {"TUJUAN"})])
def test_kesesuaian_purpose_threshold(gain: int, expected: set[str]) -> None:
    """A fit gain of at least ambang_kesesuaian (10) is a purpose; 9 is not."""
    data = problem([emp(0, "H"), emp(1, "K", **DUE)], [post("H"), post("K", **RISKY), post("X")])
    assert broken(data, ["K", "X"], fit={(0, "K"): SCORE + gain}) == expected


@pytest.mark.parametrize(("diminati", "unit", "expected"), [
    (("unit b",), "Unit B", set()), (("Unit C",), "Unit B", {"TUJUAN"}), (("Unit A",), "Unit A", {"TUJUAN"})])
def test_permintaan_purpose(diminati: tuple[str, ...], unit: str, expected: set[str]) -> None:
    """A move to a Unit Diminati other than one's own is a purpose (permintaan pegawai)."""
    data = problem([emp(0, "H", unit_diminati=diminati), emp(1, "K", **DUE)],
                   [post("H"), post("K", unit=unit, **RISKY), post("X", unit=unit)])
    found = {v.rule for v in check_plan(data, fake(data, ["K", "X"]), STUB) if v.nip == data.employees[0].nip}
    assert found == expected


@pytest.mark.parametrize(("k", "h", "expected"), [
    ({}, {}, {"TUJUAN"}),  # lower fit only to fill an ordinary vacancy
    ({"wajib_diisi": True}, {}, set()),  # into a must-fill vacancy
    ({}, {"kebutuhan": 0}, set()),  # out of an abolished post
])
def test_fit_may_fall_only_with_kelebihan_or_must_fill(k: dict[str, Any], h: dict[str, Any],
                                                       expected: set[str]) -> None:
    """A move that lowers the fit is allowed only with `kelebihan`, or into a must-fill seat (`kebutuhan`)."""
    data = field_move(h=h, k=k)
    assert broken(data, ["K"], fit={(0, "H"): SCORE + 5}) == expected


def test_fit_falls_into_full_must_fill_post() -> None:
    """A must-fill post without a vacancy before the plan does not excuse a fall in fit."""
    data = problem([emp(0, "H", **DUE), emp(1, "K", **DUE)], [post("H"), post("K", wajib_diisi=True), post("X")])
    assert broken(data, ["K", "X"], fit={(0, "H"): SCORE + 5}) == {"TUJUAN"}


def test_pinned_move_needs_no_purpose() -> None:
    """A move to the post a scenario pins someone to is the committee's decision: no purpose is needed, and
    the candidates may hold the pinned post alone (no stay pair)."""
    base = swap_case()
    data = base.replace(pins=(Pin(nip=base.employees[0].nip, kode_jabatan="K"),
                              Pin(nip=base.employees[1].nip, kode_jabatan="H")))
    result = fake(data, ["K", "H"])
    assert check_plan(data, result, STUB) == []
    assert check_plan(data, thinned(result, ~result.candidates.stay), STUB) == []


def test_purposes_listed() -> None:
    """Rules.purposes names every purpose of a move in SPEC order (a–f)."""
    employees = [emp(0, "H", tmt_jabatan=date(2023, 12, 1), unit_diminati=("Unit B",), golongan="III/c"),
                 emp(1, "H")]
    data = problem(employees, [post("H", risiko_tinggi=True), post("K", unit="Unit B", **PENGAWAS)])
    rules = Rules(data, STUB)
    assert rules.purposes(0, 1, 70, 55) == ["kebutuhan", "rotasi", "promosi", "kesesuaian", "kelebihan",
                                            "permintaan"]
    assert rules.purposes(0, 1) == ["kebutuhan", "rotasi", "promosi", "kelebihan", "permintaan"]
    assert rules.purposes(0, 0) == []


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


def thinned(result: Result, keep: np.ndarray) -> Result:
    """`result` with only the candidate rows in `keep`."""
    c = result.candidates
    thin = Candidates(emp=c.emp[keep], post=c.post[keep], score=c.score[keep], stay=c.stay[keep],
                      parts=c.parts[keep], nilai=c.nilai[keep], purposes=c.purposes[keep], flags=c.flags[keep])
    return dataclasses.replace(result, candidates=thin)


def test_pair_not_a_candidate() -> None:
    """OBJ: the plan uses a pair that is not among the candidates."""
    data = field_move()
    result = fake(data, ["K"])
    keep = ~(~result.candidates.stay & (result.candidates.post == 1))
    assert {v.rule for v in check_plan(data, thinned(result, keep), STUB)} == {"OBJ"}


def test_mover_without_stay_pair() -> None:
    """OBJ: a mover's current post must be among the candidates (its fit is the purpose rule's baseline)."""
    data = field_move()
    result = fake(data, ["K"])
    assert {v.rule for v in check_plan(data, thinned(result, ~result.candidates.stay), STUB)} == {"OBJ"}


@pytest.mark.parametrize("field", ["objective", "must_fill_filled", "surplus_kept"])
def test_reported_numbers_checked(field: str) -> None:
    """OBJ: objective, must-fill seats filled and surplus kept must match the plan."""
    data = problem([emp(0, "K"), emp(1, "K")], [post("K"), post("W", wajib_diisi=True)])
    result = fake(data, ["K", "W"])
    assert check_plan(data, result, STUB) == []
    wrong = dataclasses.replace(result, **{field: getattr(result, field) + 1})
    assert [v.rule for v in check_plan(data, wrong, STUB)] == ["OBJ"]


def test_reported_pair_nilai_checked() -> None:
    """OBJ: the nilai reported for a chosen pair must be the pair's independently computed nilai."""
    data = field_move()
    result = fake(data, ["K"])
    nilai = result.candidates.nilai.copy()
    nilai[1] += 1
    wrong = dataclasses.replace(result, candidates=dataclasses.replace(result.candidates, nilai=nilai),
                                objective=result.objective + 1)
    [violation] = check_plan(data, wrong, STUB)
    assert (violation.rule, violation.nip, violation.kode_jabatan) == ("OBJ", data.employees[0].nip, "K")


VALUES: dict[str, Any] = {"nilai_kebutuhan": 5, "nilai_rotasi": 7, "nilai_risiko_tinggi": 11, "nilai_promosi": 13,
          "nilai_permintaan": 17, "biaya_mutasi": 3, "biaya_tidak_bersedia": 19}


@pytest.mark.parametrize(("employee", "h", "k", "objective"), [
    ({}, {}, {}, 50 + 5 - 3),  # kebutuhan
    (DUE, PENGAWAS, PENGAWAS, 50 + 5 + 7 - 3),  # kebutuhan + rotasi (R26: out of a structural post)
    ({"tmt_jabatan": date(2022, 12, 1)}, {"risiko_tinggi": True}, {}, 50 + 5 + 11 - 3),  # 48 months ≥ 36
    ({"unit_diminati": ("Unit B",)}, {}, {"unit": "Unit B"}, 50 + 5 + 17 - 3),  # kebutuhan + permintaan
    ({}, {}, {"kelas": 7}, 50 + 5 + 13 - 3),  # kebutuhan + promosi
    ({"bersedia_mutasi": False}, {"kebutuhan": 0}, {}, 50 + 5 - 3 - 19),  # unwilling, out of a surplus
    ({}, {"kebutuhan": 0, "nama": "Staf"}, {"nama": "Staf"}, 50 - 3),  # same name, same unit: only kelebihan
])
def test_objective_is_sum_of_nilai(employee: dict[str, Any], h: dict[str, Any], k: dict[str, Any],
                                   objective: int) -> None:
    """OBJ: the objective is Σ nilai: fit, plus the value of each purpose, minus biaya_mutasi and, when
    unwilling, biaya_tidak_bersedia (hand-computed here, fit 50)."""
    data = field_move(employee, h, k, **VALUES)
    result = fake(data, ["K"])
    assert result.objective == objective
    assert check_plan(data, result, STUB) == []
    wrong = dataclasses.replace(result, objective=objective + 1)
    assert [v.rule for v in check_plan(data, wrong, STUB)] == ["OBJ"]


def test_objective_of_stayers_is_their_fit() -> None:
    """OBJ: someone who stays contributes their current fit, and nothing else."""
    data = field_move(DUE, **VALUES)
    assert fake(data, ["H"], fit={(0, "H"): 61}).objective == 61


def test_rules_helper_matches_plan_check() -> None:
    """Rules.move_violations is what check_plan reports for a single mover."""
    data = field_move({"status": "CPNS", "pendidikan": "SLTA"}, k={"pendidikan_min": "S-1"})
    assert Rules(data, STUB).move_violations(0, 1) == check_plan(data, fake(data, ["K"]), STUB)


# --- warnings on today's holders -------------------------------------------------------------------------
def test_holders_not_qualified() -> None:
    """R18 today: a holder outside the family's fields or below its track's education is listed; a
    qualified holder and one whose programme is unknown are not."""
    employees = [emp(0, "P1", bidang="kebidanan"), emp(1, "P2", bidang="keperawatan"),
                 emp(2, "P3", bidang=None), emp(3, "P4", bidang="keperawatan", pendidikan="D-III"),
                 emp(4, "X", bidang="kebidanan")]
    positions = [jf(f"P{n}", "Perawat") for n in range(1, 5)] + [post("X")]
    warnings = holders_not_qualified(problem(employees, positions), STUB)
    assert [(w.rule, w.nip, w.kode_jabatan) for w in warnings] == [
        ("R18", employees[0].nip, "P1"), ("R18", employees[3].nip, "P4")]
    assert "Perawat" in warnings[0].message


def test_holders_not_qualified_shipped_table() -> None:
    """R18 today with the shipped table: a nurse holding a Dokter post is a warning, yet may stay."""
    data = problem([emp(0, "D", bidang="keperawatan", pendidikan="Profesi")], [jf("D", "Dokter")])
    assert [w.rule for w in holders_not_qualified(data)] == ["R18"]
    assert broken(data, ["D"], ref=load_reference()) == set()


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
    """No module of the check package imports the solver, the scorer or a solver library (it may use model,
    reference, rules and result types)."""
    modules = sorted(Path(penempatan.check.__file__).parent.glob("*.py"))
    assert len(modules) > 1
    imported: set[str] = set()
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    forbidden = ("penempatan.solver", "penempatan.scoring", "ortools", "highspy")
    assert not [m for m in imported if m.split(".")[0] in forbidden or m.startswith(forbidden)]
