"""A plan a Baperjakat would sign (SPEC 6; issues 10 and 11), counted on the fictional demo pemda as a planner
reading `Usulan Mutasi` would, with benchmarks/quality.py (independent of the solver's own flags)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from penempatan.check import check_plan
from penempatan.demo import generate_demo
from penempatan.excel.read import read_workbook
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.solver import solve
from penempatan.wishes.serve import serve_wishes
from tests.kota.generate import write_kota

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from quality import Quality, quality  # noqa: E402


@pytest.fixture(scope="module", params=[("demo", 600, 1), ("demo", 2000, 7), ("kota", 600, 1), ("kota", 1500, 2)],
                ids=["demo-600-seed1", "demo-2000-seed7", "kota-600-seed1", "kota-1500-seed2"])
def plan(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[ProblemData, Result, Quality]:
    """The default plan of the demo pemda, and of a kota workbook written by tests/kota (a generator that does
    not use `penempatan demo`: coarse Bidang, SIASN columns, PPPK golongan, families the demo lacks)."""
    source, n, seed = request.param
    if source == "demo":
        data = generate_demo(n_pegawai=n, seed=seed)
    else:
        path = tmp_path_factory.mktemp("kota") / "kota.xlsx"
        write_kota(path, pegawai=n, seed=seed)
        data = read_workbook(path).data
    data = serve_wishes(data).data  # as `solve` does (SPEC 9): the plan is made around the granted wishes
    result = solve(data, 60.0)
    return data, result, quality(data, result)


def test_demo_plan_passes_the_checker(plan: tuple[ProblemData, Result, Quality]) -> None:
    """The default plan of the demo is OPTIMAL and breaks no hard rule."""
    data, result, q = plan
    assert q.status == "OPTIMAL"
    assert check_plan(data, result) == []


def test_demo_plan_puts_nobody_where_the_rules_forbid(plan: tuple[ProblemData, Result, Quality]) -> None:
    """R18, R8 on finance posts, R9, R19, R20: zero moves that break them; other-field moves ≤ 2 %."""
    _, _, q = plan
    assert q.jf_tidak_memenuhi == 0
    assert q.keuangan_tanpa_bidang == 0
    assert q.bidang_lain_persen <= 2.0
    assert q.promosi_lebih_satu_tingkat == 0
    assert q.turun_kelas_bukan_kelebihan == 0
    assert q.masuk_jpt == 0


def test_demo_plan_keeps_the_v3_people_rules(plan: tuple[ProblemData, Result, Quality]) -> None:
    """Issue 21: no move outside the post's field set, none breaking R22, R23 or R24, no fit gained from the field
    part of a no-field post, no two identical JPT Calon lists, no PPPK holder outside their post's range."""
    _, _, q = plan
    assert (q.bidang_di_luar, q.melanggar_r22, q.melanggar_r23, q.melanggar_r24) == (0, 0, 0, 0)
    assert (q.naik_dari_bidang_netral, q.calon_kembar, q.pppk_di_luar_rentang) == (0, 0, 0)


def test_demo_round_is_small_and_leaves_no_unit_worse(plan: tuple[ProblemData, Result, Quality]) -> None:
    """SPEC 4 calibration: the default round moves 2–10 % of the staff, and no unit ends with more empty seats
    (R21)."""
    _, _, q = plan
    assert 2.0 <= q.persen_pindah <= 10.0
    assert q.unit_lebih_kosong == 0
    assert q.lokasi_lebih_kosong == 0  # R21 v3: no school, puskesmas or rest of a unit worse off


def test_round_keeps_professions_rotates_within_families_and_puts_volunteers_first(
        plan: tuple[ProblemData, Result, Quality]) -> None:
    """Issue 22: no scarce profession pool (Guru, each health profession in a unit) loses filled seats, no rotation
    into another JF family, no surplus post sheds a non-volunteer to a seat open to a volunteer who stays, and no
    move is labelled 'mengisi kebutuhan' in a chain that does not raise the staffing value."""
    _, _, q = plan
    assert q.profesi_kehilangan_kursi == 0
    assert q.jf_ganti_rumpun_rotasi == 0
    assert q.relawan_dilewati == 0
    assert q.kebutuhan_tanpa_nilai == 0
    assert q.permintaan_dipenuhi <= q.peminta
