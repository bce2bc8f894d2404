"""Scores and candidates: integer 0–100, the current post always there, monotone in merit, and no pair that
a hard rule excludes (cross-checked against the independent rules of `penempatan.check`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import make_instance
from test_solver import emp, post, problem

from penempatan.check import Rules, whole_months
from penempatan.model import Employee, Forbid, ProblemData
from penempatan.reference import load_reference
from penempatan.scoring import COMPONENTS, Candidates, Tables, build_candidates

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROTASI = COMPONENTS.index("rotasi")
TIDAK_BERSEDIA = COMPONENTS.index("tidak_bersedia")


def all_candidates(data: ProblemData) -> Candidates:
    """Candidates without the caps, so every eligible pair of a small instance is scored."""
    return build_candidates(data, per_class=100, max_candidates=10_000)


def scores_of(cand: Candidates, i: int) -> dict[int, int]:
    """Post index -> score for employee i."""
    sel = cand.emp == i
    return {int(j): int(s) for j, s in zip(cand.post[sel], cand.score[sel], strict=True)}


def generated(seed: int) -> ProblemData:
    """A generated instance with a Pilkada window on some seeds (so R17 is exercised too)."""
    window = {"larangan_mulai": date(2026, 1, 1)} if seed % 5 == 0 else {}
    return make_instance(seed, 20 + seed % 50, 1 + seed % 4, toleransi_golongan=seed % 3 != 0, **window)


# --- shape -----------------------------------------------------------------------------------------------
@PROPERTY
@given(seed=st.integers(0, 10_000))
def test_scores_are_integers_0_to_100(seed: int) -> None:
    """Every candidate score is an integer in 0–100, and equals its clipped parts."""
    cand = build_candidates(generated(seed))
    assert np.issubdtype(cand.score.dtype, np.integer)
    assert ((cand.score >= 0) & (cand.score <= 100)).all()
    assert np.issubdtype(cand.parts.dtype, np.integer)
    assert np.array_equal(cand.score, np.clip(cand.parts.sum(axis=1), 0, 100))


@PROPERTY
@given(seed=st.integers(0, 10_000))
def test_current_post_is_a_candidate(seed: int) -> None:
    """Each employee has their current post exactly once, flagged stay; every other pair is a move."""
    data = generated(seed)
    cand = build_candidates(data)
    cur = np.asarray(data.current_post)
    assert np.array_equal(cand.stay, cand.post == cur[cand.emp])
    assert np.array_equal(np.bincount(cand.emp[cand.stay], minlength=len(data.employees)),
                          np.ones(len(data.employees)))
    pairs = set(zip(cand.emp.tolist(), cand.post.tolist(), strict=True))
    assert len(pairs) == len(cand)


def test_stay_pair_even_when_failing_own_post() -> None:
    """An employee below their own post's education and golongan still has it as a candidate."""
    data = problem([emp(0, "H", pendidikan="SLTA", golongan="II/a")],
                   [post("H", jenis="Pengawas", pendidikan_min="S-1"), post("K")])
    cand = build_candidates(data)
    assert cand.score_of(0, 0) is not None


# --- monotone in merit -----------------------------------------------------------------------------------
def improved(e: Employee, attribute: str, draw: Callable[..., Any]) -> Employee | None:
    """A copy of `e` better in one attribute (None when it cannot be improved)."""
    ref = load_reference()
    if attribute == "pendidikan":
        higher = [k for k, r in ref.pendidikan.items() if r > ref.pendidikan[e.pendidikan]]
        return e.model_copy(update={"pendidikan": draw(st.sampled_from(higher))}) if higher else None
    if attribute == "kinerja":
        better = [k.kode for k in ref.kinerja if ref.kinerja_rank(k.kode) > ref.kinerja_rank(e.kinerja)]
        return e.model_copy(update={"kinerja": draw(st.sampled_from(better))}) if better else None
    if attribute == "kotak":
        if e.kotak is None or e.kotak == 9:
            return None
        return e.model_copy(update={"kotak": draw(st.integers(e.kotak + 1, 9))})
    if attribute == "pelatihan":
        field = draw(st.sampled_from([b for b in ref.bidang if b not in e.pelatihan]))
        return e.model_copy(update={"pelatihan": (*e.pelatihan, field)})
    name = attribute
    level = getattr(e, name)
    if level is None or level == 5:
        return None
    return e.model_copy(update={name: draw(st.integers(level + 1, 5))})


@PROPERTY
@given(seed=st.integers(0, 10_000), attribute=st.sampled_from(
    ["pendidikan", "kinerja", "kotak", "pelatihan", "komp_manajerial", "komp_sosial_kultural",
     "komp_teknis"]), data_draw=st.data())
def test_better_attribute_never_lowers_a_score(seed: int, attribute: str, data_draw: st.DataObject) -> None:
    """Better education, training, competence, kinerja or kotak never lowers a score for the same post."""
    data = make_instance(seed, 25, 3)
    i = data_draw.draw(st.integers(0, len(data.employees) - 1))
    better = improved(data.employees[i], attribute, data_draw.draw)
    if better is None:
        return
    employees = list(data.employees)
    employees[i] = better
    after = all_candidates(data.replace(employees=tuple(employees)))
    before_scores, after_scores = scores_of(all_candidates(data), i), scores_of(after, i)
    for j in before_scores.keys() & after_scores.keys():
        assert after_scores[j] >= before_scores[j], (attribute, data.positions[j].kode)


@PROPERTY
@given(seed=st.integers(0, 10_000), data_draw=st.data())
def test_matching_field_never_lowers_that_score(seed: int, data_draw: st.DataObject) -> None:
    """Changing an employee's field to a post's Bidang never lowers their score for that post."""
    data = make_instance(seed, 25, 3)
    i = data_draw.draw(st.integers(0, len(data.employees) - 1))
    before = scores_of(all_candidates(data), i)
    for field in {p.bidang for p in data.positions if p.bidang}:
        employees = list(data.employees)
        employees[i] = data.employees[i].model_copy(update={"bidang": field})
        after = scores_of(all_candidates(data.replace(employees=tuple(employees))), i)
        for j in before.keys() & after.keys():
            if data.positions[j].bidang == field:
                assert after[j] >= before[j]


def test_field_match_ranks_above_training_above_none() -> None:
    """R8: same field > trained in the field > neither, for the same post."""
    positions = [post("H", bidang="hukum"), post("K", bidang="kesehatan")]
    scores = []
    for changes in ({"bidang": "kesehatan"}, {"bidang": "hukum", "pelatihan": ("kesehatan",)},
                    {"bidang": "hukum"}):
        cand = build_candidates(problem([emp(0, "H", **changes)], positions))
        score = cand.score_of(0, 1)
        assert score is not None
        scores.append(score)
    assert scores[0] > scores[1] > scores[2]


# --- soft parts: rotation (R2/R3) and unwillingness (R16) --------------------------------------------------
@PROPERTY
@given(seed=st.integers(0, 10_000))
def test_rotation_only_on_due_moves(seed: int) -> None:
    """R2/R3: the rotation part is 0 on stay pairs; on moves it is positive exactly when tenure is due."""
    data = make_instance(seed, 40, 3)
    cand = build_candidates(data)
    p = data.params
    rotation = cand.parts[:, ROTASI]
    assert (rotation[cand.stay] == 0).all()
    for k in np.nonzero(~cand.stay)[0]:
        i = int(cand.emp[k])
        e, current = data.employees[i], data.positions[data.current_post[i]]
        due = p.masa_risiko_tinggi_bulan if current.risiko_tinggi else p.masa_jabatan_maksimal_bulan
        assert (rotation[k] > 0) == (whole_months(e.tmt_jabatan, p.tanggal_acuan) >= due)


def test_high_risk_rotation_sooner_and_stronger() -> None:
    """R3: after 40 months a high-risk holder is due (36) and weighs more; an ordinary one (60) is not."""
    tmt = {"tmt_jabatan": date(2023, 8, 1)}
    rotation = []
    for risky in (True, False):
        cand = build_candidates(problem([emp(0, "H", **tmt)], [post("H", risiko_tinggi=risky), post("K")]))
        rotation.append(int(cand.parts[~cand.stay, ROTASI][0]))
    late = build_candidates(problem([emp(0, "H", tmt_jabatan=date(2016, 1, 1))], [post("H"), post("K")]))
    assert rotation[0] > int(late.parts[~late.stay, ROTASI][0]) > rotation[1] == 0


@PROPERTY
@given(seed=st.integers(0, 10_000))
def test_unwilling_penalty_only_on_moves(seed: int) -> None:
    """R16: the unwillingness part is −biaya_tidak_bersedia on moves of unwilling employees, else 0."""
    data = make_instance(seed, 40, 3)
    cand = build_candidates(data)
    unwilling = np.array([not e.bersedia_mutasi for e in data.employees])[cand.emp]
    expected = np.where(~cand.stay & unwilling, -data.params.biaya_tidak_bersedia, 0)
    assert np.array_equal(cand.parts[:, TIDAK_BERSEDIA], expected)


# --- hard rules exclude pairs ----------------------------------------------------------------------------
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), forbid=st.booleans(), freeze=st.booleans())
def test_no_candidate_breaks_a_hard_rule(seed: int, forbid: bool, freeze: bool) -> None:
    """No move candidate breaks a per-mover rule (check.Rules) or enters an over-staffed post (R11)."""
    data = generated(seed)
    if forbid:
        e = data.employees[seed % len(data.employees)]
        data = data.replace(forbids=(Forbid(nip=e.nip, unit=data.positions[0].unit),
                                     Forbid(nip=e.nip, kode_jabatan=data.positions[-1].kode)))
    if freeze:
        data = data.replace(frozen_units=(data.units[-1],))
    rules = Rules(data)
    cand = build_candidates(data)
    for i, j in zip(cand.emp[~cand.stay].tolist(), cand.post[~cand.stay].tolist(), strict=True):
        assert rules.move_violations(i, j) == []
        assert not rules.over_staffed(j)


@PROPERTY
@given(seed=st.integers(0, 10_000))
def test_employee_without_move_candidates_has_no_eligible_move(seed: int) -> None:
    """An employee given no move candidate indeed has no post the rules would let them move to."""
    data = generated(seed)
    rules = Rules(data)
    cand = build_candidates(data)
    has_moves = set(cand.emp[~cand.stay].tolist())
    for i in set(range(len(data.employees))) - has_moves:
        eligible = [data.positions[j].kode for j in range(len(data.positions))
                    if j != data.current_post[i] and not rules.over_staffed(j)
                    and not rules.move_violations(i, j)]
        assert eligible == [], (data.employees[i].nip, eligible)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_caps_keep_best_moves(seed: int) -> None:
    """The capped candidates are a subset of the uncapped ones with the same scores."""
    data = make_instance(seed, 60, 4)
    capped, full = build_candidates(data), all_candidates(data)
    full_scores = {(int(i), int(j)): int(s) for i, j, s in zip(full.emp, full.post, full.score, strict=True)}
    for i, j, s in zip(capped.emp.tolist(), capped.post.tolist(), capped.score.tolist(), strict=True):
        assert full_scores[(i, j)] == s


@pytest.mark.parametrize("seed", range(6))
def test_reference_moves_stay_candidates_beyond_the_caps(seed: int) -> None:
    """Minimal change: every rule-abiding move of a reference plan is a candidate even under tiny caps,
    and a reference move that breaks a hard rule is not."""
    data = make_instance(seed, 60, 3)
    tables = Tables(data)
    wide = build_candidates(data, tables, per_class=100, max_candidates=10_000)
    move = np.nonzero(~wide.stay)[0]
    reference = tables.cur.copy()
    for k in move[::3]:  # one eligible move each for a third of the movers
        reference[wide.emp[k]] = wide.post[k]
    wanted = {(i, int(j)) for i, j in enumerate(reference.tolist()) if j != tables.cur[i]}
    held = [i for i in range(len(reference)) if tables.hold_reasons[i]]  # R1, R4, R5 …: may not move
    forbidden = {(i, (int(tables.cur[i]) + 1) % len(data.positions)) for i in held[:3]}
    for i, j in forbidden:
        reference[i] = j
    tight = build_candidates(data, tables, per_class=1, max_candidates=1, reference=reference)
    pairs = set(zip(tight.emp.tolist(), tight.post.tolist(), strict=True))
    assert wanted <= pairs
    assert forbidden and not forbidden & pairs
    rules = Rules(data)
    for i, j in pairs:
        if j != tables.cur[i]:
            assert not rules.move_violations(i, j)
