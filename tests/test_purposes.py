"""Purposes, flags and `nilai` of a move (SPEC 4, R16): unit tests of `Tables.move_terms` on hand-built cases.

The purpose values here are set to distinct numbers (kebutuhan 3, rotasi 5, risiko tinggi 11, promosi 17,
permintaan 23, biaya_mutasi 7, biaya_tidak_bersedia 41), so every expected nilai shows which terms it holds.
`move_terms` takes the fit of the target as given; the tests pass the mover's fit in her current post plus a
chosen difference, so the kesesuaian threshold and the fit rule are tested exactly at their boundaries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest
from test_solver import ADMINISTRATOR, DUE, JPT, PENGAWAS, STUB, emp, jf, post, problem

from penempatan.model import Employee, Position
from penempatan.scoring import FLAGS, PURPOSES, MoveTerms, Tables, build_candidates, flag_names, purpose_names

VALUES: dict[str, Any] = {"nilai_kebutuhan": 3, "nilai_rotasi": 5, "nilai_risiko_tinggi": 11, "nilai_promosi": 17,
          "nilai_permintaan": 23, "nilai_relawan": 29, "biaya_mutasi": 7, "biaya_tidak_bersedia": 41}


def tables(employees: list[Employee], positions: list[Position], **params: Any) -> Tables:
    """Tables (stub JF table) of a tiny instance with the distinct purpose values above."""
    return Tables(problem(employees, positions, **{**VALUES, **params}), STUB)


def terms(t: Tables, i: int, kode: str, delta: int = 0) -> MoveTerms:
    """move_terms of employee i into post `kode` whose fit is her current fit plus `delta`."""
    j = t.data.position_index[kode]
    return t.move_terms(np.array([i]), np.array([j]), np.array([int(t.stay_fit[i]) + delta]))


def described(t: Tables, i: int, kode: str, delta: int = 0) -> tuple[list[str], list[str], int, bool]:
    """(purposes, flags, nilai − fit of the target, valid) of one move."""
    m = terms(t, i, kode, delta)
    fit = int(t.stay_fit[i]) + delta
    return purpose_names(int(m.purposes[0])), flag_names(int(m.flags[0])), int(m.nilai[0]) - fit, bool(m.valid[0])


def full(kode: str, **changes: Any) -> tuple[Position, Employee]:
    """A post `kode` (Unit A unless changed) and its CPNS holder (employee 99), so it has no vacancy."""
    return post(kode, **changes), emp(99, kode, status="CPNS")


# --- each purpose and its value ----------------------------------------------------------------------------
def test_kebutuhan_only() -> None:
    """(a) a vacancy: purpose kebutuhan, nilai = fit + 3 − 7."""
    t = tables([emp(0, "H")], [post("H"), post("K")])
    assert described(t, 0, "K") == (["kebutuhan"], [], 3 - 7, True)


def test_no_purpose_is_invalid() -> None:
    """A full post, same fit, not due, no promotion, no surplus, no request: no purpose, not allowed."""
    h, holder = full("K")
    t = tables([emp(0, "H"), holder], [post("H"), h])
    assert described(t, 0, "K") == ([], [], -7, False)


@pytest.mark.parametrize(("tmt", "risky", "due"), [
    (date(2021, 12, 1), False, True),  # 60 months: due in an ordinary post
    (date(2022, 1, 1), False, False),  # 59 months: not due
    (date(2023, 12, 1), True, True),  # 36 months in a high-risk post: due
    (date(2024, 1, 1), True, False),  # 35 months: not due
])
def test_rotation_due_and_its_value(tmt: date, risky: bool, due: bool) -> None:
    """(b) rotasi at 60 months (36 in a high-risk post), worth nilai_rotasi or nilai_risiko_tinggi (between two
    Pengawas posts: R26 gives structural posts a rotation)."""
    h, holder = full("K", **PENGAWAS)
    t = tables([emp(0, "H", tmt_jabatan=tmt), holder], [post("H", risiko_tinggi=risky, **PENGAWAS), h])
    value = 11 if risky else 5
    assert described(t, 0, "K") == ((["rotasi"], [], value - 7, True) if due else ([], [], -7, False))


@pytest.mark.parametrize(("here", "there", "rotation"), [
    ({}, {}, False),  # an ordinary pelaksana post: no rotation by the clock
    ({"risiko_tinggi": True}, {}, True),  # a high-risk pelaksana post rotates
    (PENGAWAS, PENGAWAS, True),  # structural
    ("Perawat", "Perawat", True),  # within one JF family (another puskesmas)
    ("Perawat", "Pranata Komputer", False),  # never into another family by the clock
    ("Perawat", PENGAWAS, False),  # nor out of the family into a structural post
    (PENGAWAS, "Perawat", False),  # nor from a structural post into a JF family
])
@pytest.mark.parametrize("vacant", [False, True])
def test_r26_rotation_with_a_purpose(here: dict[str, Any] | str, there: dict[str, Any] | str, rotation: bool,
                                     vacant: bool) -> None:
    """R26: rotation due is a purpose out of structural and high-risk posts, and for a JF holder only within
    their family and where needed: into a post with an empty seat today (a second seat of K)."""
    def make(kode: str, spec: dict[str, Any] | str, unit: str) -> Position:
        made = jf(kode, spec, unit=unit) if isinstance(spec, str) else post(kode, unit=unit, **spec)
        return made.model_copy(update={"kebutuhan": 2}) if kode == "K" and vacant else made

    target, holder = make("K", there, "Unit B"), emp(99, "K", status="CPNS")
    t = tables([emp(0, "H", bidang="keperawatan", **DUE), holder], [make("H", here, "Unit A"), target])
    needed = vacant or not isinstance(here, str)  # the vacancy condition is the JF holder's only
    assert ("rotasi" in described(t, 0, "K")[0]) == (rotation and needed)


def test_risk_of_the_target_does_not_matter() -> None:
    """(b) the rotation clock is the current post's: a high-risk target does not make a 40-month holder due."""
    h, holder = full("K", risiko_tinggi=True)
    t = tables([emp(0, "H", tmt_jabatan=date(2023, 8, 1)), holder], [post("H"), h])
    assert described(t, 0, "K")[0] == []


@pytest.mark.parametrize(("h", "k"), [
    ({}, {"kelas": 7}),  # a higher kelas on the same tingkat
    ({"kelas": 9}, PENGAWAS),  # the same kelas, one tingkat up
    ({}, PENGAWAS),
])
def test_promotion(h: dict[str, Any], k: dict[str, Any]) -> None:
    """(c) promosi: a higher kelas or a higher tingkat, worth nilai_promosi (17)."""
    target, holder = full("K", **k)
    t = tables([emp(0, "H"), holder], [post("H", **h), target])
    assert described(t, 0, "K") == (["promosi"], [], 17 - 7, True)


@pytest.mark.parametrize(("delta", "ambang", "has"), [(10, 10, True), (9, 10, False), (3, 3, True), (0, 0, True)])
def test_kesesuaian_threshold(delta: int, ambang: int, has: bool) -> None:
    """(d) kesesuaian: the fit rises by at least ambang_kesesuaian; it adds no value beyond the fit itself."""
    target, holder = full("K")
    t = tables([emp(0, "H"), holder], [post("H"), target], ambang_kesesuaian=ambang)
    assert described(t, 0, "K", delta) == ((["kesesuaian"], [], -7, True) if has else ([], [], -7, False))


@pytest.mark.parametrize("kebutuhan", [0, 1])
def test_kelebihan(kebutuhan: int) -> None:
    """(e) kelebihan: leaving an abolished (Kebutuhan 0) or over-staffed post; no value of its own."""
    target, holder = full("K")
    t = tables([emp(0, "H"), emp(1, "H"), holder], [post("H", kebutuhan=kebutuhan), target])
    assert described(t, 0, "K") == (["kelebihan"], [], -7, True)


@pytest.mark.parametrize(("wanted", "unit", "has"), [
    (("Unit B",), "Unit B", True), (("  unit b ",), "Unit B", True), (("Unit A",), "Unit A", False),
    (("Unit C",), "Unit B", False)])
def test_permintaan(wanted: tuple[str, ...], unit: str, has: bool) -> None:
    """(f) permintaan: a Unit Diminati (any case or spacing) other than her own, worth nilai_permintaan."""
    target, holder = full("K", unit=unit)
    t = tables([emp(0, "H", unit_diminati=wanted), holder], [post("H"), target, post("C", unit="Unit C")])
    assert described(t, 0, "K") == ((["permintaan"], [], 23 - 7, True) if has else ([], [], -7, False))


def test_every_purpose_adds_up() -> None:
    """All value-bearing purposes at once: nilai = fit + 3 + 11 + 17 + 23 − 7, with every purpose bit, plus 29 for
    a volunteer (she named a Unit Diminati) leaving the over-staffed post H."""
    t = tables([emp(0, "H", unit_diminati=("Unit B",), **DUE), emp(1, "H")],
               [post("H", risiko_tinggi=True, kebutuhan=1), post("K", unit="Unit B", kelas=7)])
    assert described(t, 0, "K", 10) == (list(PURPOSES), [], 3 + 11 + 17 + 23 + 29 - 7, True)


@pytest.mark.parametrize(("wanted", "h_seats", "bonus"), [
    (("Unit C",), 1, 29),  # asked to move (any Unit Diminati), H over-staffed: volunteers first
    ((), 1, 0),  # did not ask
    (("Unit C",), 2, 0)])  # asked, but H is not over-staffed: no surplus to shed
def test_volunteer_leaves_a_surplus_first(wanted: tuple[str, ...], h_seats: int, bonus: int) -> None:
    """Volunteers first: a holder of an over-staffed post who named a Unit Diminati adds nilai_relawan to a move
    out of it, wherever it goes (here to Unit B, not the unit she named)."""
    t = tables([emp(0, "H", unit_diminati=wanted), emp(1, "H")],
               [post("H", kebutuhan=h_seats), post("K", unit="Unit B")])
    purposes, _, value, valid = described(t, 0, "K")
    assert valid and "permintaan" not in purposes
    assert value == 3 + bonus - 7  # kebutuhan (K is empty) − biaya_mutasi


# --- same name, same unit --------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "unit", "same"), [
    ("Staf Umum", "Unit A", True), ("  staf   umum", "Unit A", True), ("Staf Umum", "Unit B", False),
    ("Staf Umum II", "Unit A", False)])
def test_same_name_same_unit_has_no_purpose(name: str, unit: str, same: bool) -> None:
    """A same-name post in the same unit gives no purpose; another name or unit does."""
    t = tables([emp(0, "H", **DUE)], [post("H", nama="Staf Umum", **PENGAWAS), post("K", nama=name, unit=unit,
                                                                                      **PENGAWAS)])
    if same:
        assert described(t, 0, "K") == ([], [], -7, False)
    else:
        assert described(t, 0, "K") == (["kebutuhan", "rotasi"], [], 3 + 5 - 7, True)


def test_same_name_same_unit_only_kelebihan() -> None:
    """Out of a surplus the same-name move serves kelebihan only: no value for the vacancy or rotation."""
    t = tables([emp(0, "H", **DUE), emp(1, "H")], [post("H", nama="Staf"), post("K", nama="STAF")])
    assert described(t, 0, "K") == (["kelebihan"], [], -7, True)


# --- the fit rule and R16 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("h", "k", "valid"), [
    ({}, {}, False),  # vacancy and rotation, but the fit falls
    ({"kebutuhan": 0}, {}, True),  # out of a surplus
    ({}, {"wajib_diisi": True}, True),  # into a must-fill vacancy
])
def test_fit_lowering_move(h: dict[str, Any], k: dict[str, Any], valid: bool) -> None:
    """A fit-lowering move is allowed only with kelebihan or into a must-fill vacancy, and flagged."""
    t = tables([emp(0, "H", **DUE)], [post("H", **h), post("K", **k)])
    _, flags, _, ok = described(t, 0, "K", -1)
    assert (flags, ok) == (["kesesuaian_turun"], valid)


def test_must_fill_without_vacancy_does_not_excuse_a_fit_loss() -> None:
    """A must-fill post that is full before the plan is no vacancy: a fit-lowering move into it is not allowed."""
    target, holder = full("K", wajib_diisi=True, **PENGAWAS)
    t = tables([emp(0, "H", **DUE), holder], [post("H", **PENGAWAS), target])
    assert described(t, 0, "K", -1) == (["rotasi"], ["kesesuaian_turun"], 5 - 7, False)


@pytest.mark.parametrize(("h", "k", "valid"), [
    ({}, {}, False),  # a better fit is no reason
    ({"kebutuhan": 0}, {}, True),  # forced out
    ({}, {"wajib_diisi": True}, True),  # a must-fill vacancy
])
def test_unwilling(h: dict[str, Any], k: dict[str, Any], valid: bool) -> None:
    """R16: an unwilling move is allowed only when forced out or into a must-fill vacancy; flagged and charged."""
    t = tables([emp(0, "H", bersedia_mutasi=False, **DUE)], [post("H", **h), post("K", **k)])
    purposes, flags, extra, ok = described(t, 0, "K", 20)
    assert (flags, ok) == (["tidak_bersedia"], valid)
    assert extra == (3 if "kebutuhan" in purposes else 0) + (5 if "rotasi" in purposes else 0) - 7 - 41


# --- flags ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("born", "flagged"), [
    (date(1970, 11, 1), True),  # retires (BUP 58) 2028-11-01: 23 months away
    (date(1970, 12, 1), False),  # 24 months
    (date(1969, 12, 1), True),  # 12 months (R4 still lets her move)
])
def test_dekat_bup(born: date, flagged: bool) -> None:
    """dekat_bup: a mover who retires within 24 months of tanggal_acuan."""
    t = tables([emp(0, "H", tanggal_lahir=born)], [post("H"), post("K")])
    assert described(t, 0, "K", 0)[1] == (["dekat_bup"] if flagged else [])


@pytest.mark.parametrize(("h", "flagged"), [({"kelas": 7}, True), (PENGAWAS, True), ({}, False)])
def test_turun_kelas(h: dict[str, Any], flagged: bool) -> None:
    """turun_kelas: a lower kelas or a lower tingkat than the current post."""
    t = tables([emp(0, "H")], [post("H", **h), post("K")])
    assert described(t, 0, "K", 20)[1] == (["turun_kelas"] if flagged else [])


def test_kursi_jpt() -> None:
    """kursi_jpt: a move into a JPT Pratama seat (possible only with isi_jpt)."""
    t = tables([emp(0, "A", golongan="IV/b")], [post("A", **ADMINISTRATOR), post("J", **JPT)], isi_jpt=True)
    assert described(t, 0, "J", 0) == (["kebutuhan", "promosi"], ["kursi_jpt"], 3 + 17 - 7, True)


def test_flag_and_purpose_names_round_trip() -> None:
    """purpose_names and flag_names read every bit back in declaration order."""
    assert purpose_names((1 << len(PURPOSES)) - 1) == list(PURPOSES)
    assert flag_names((1 << len(FLAGS)) - 1) == list(FLAGS)
    assert purpose_names(0) == [] and flag_names(0) == []


# --- candidates carry the same terms -------------------------------------------------------------------------
def test_candidates_carry_move_terms() -> None:
    """Candidates carry move_terms' nilai, purposes and flags; stay pairs have nilai = fit and nothing else."""
    employees = [emp(0, "H", **DUE), emp(1, "H", bersedia_mutasi=False), emp(2, "P", unit_diminati=("Unit B",))]
    positions = [post("H", risiko_tinggi=True), post("K", bidang="ti"), post("P", bidang="hukum"),
                 post("B", unit="Unit B", wajib_diisi=True), post("S", **PENGAWAS)]
    data = problem(employees, positions, kekurangan_unit_boleh_naik=True, **VALUES)
    t = Tables(data, STUB)
    cand = build_candidates(data, t)
    assert (cand.nilai[cand.stay] == cand.score[cand.stay]).all()
    assert (cand.purposes[cand.stay] == 0).all() and (cand.flags[cand.stay] == 0).all()
    move = np.nonzero(~cand.stay)[0]
    assert len(move) >= 5
    m = t.move_terms(cand.emp[move], cand.post[move], cand.score[move])
    assert m.valid.all()
    assert np.array_equal(m.nilai, cand.nilai[move])
    assert np.array_equal(m.purposes, cand.purposes[move])
    assert np.array_equal(m.flags, cand.flags[move])
