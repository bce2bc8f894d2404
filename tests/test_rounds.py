"""Two rounds in one model (issue 25, SPEC 8): train now, move later.

Each round is judged by the independent checker at its own date (round 2 on the data after round 1); the model's
optimum is compared with a brute force over every combination of paths judged by that checker alone; a built
instance where training then moving is the only way to a better plan shows the two-round plan strictly better than
two one-round plans in a row, and on generated instances it is never worse.
"""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from datetime import date
from pathlib import Path

import docx
import numpy as np
import pytest
from builders import emp, post
from instances import make_instance
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.check import check_plan
from penempatan.cli import app
from penempatan.letters.invitation import NOT_A_PROMISE
from penempatan.model import Params, ProblemData
from penempatan.reference import load_reference
from penempatan.rounds.outcome import score
from penempatan.rounds.paths import LATER, NOW
from penempatan.rounds.plan import rounds_of, sequential, solve_two_rounds
from penempatan.rounds.rows import DEVELOPMENT_SHEET, ROUND_TWO_SHEET, WAITING, DevelopmentRow, RoundTwoRow
from penempatan.scoring import Tables

TODAY = date(2026, 12, 1)
IT_COURSE = "Pelatihan Teknologi Informasi dan Transformasi Digital"


def it_case(surplus_holders: int = 1, it_posts: int = 1, **params: object) -> ProblemData:
    """Post A (hukum, one seat) over-staffed by `surplus_holders`, `it_posts` empty posts that need the field ti,
    nobody trained in ti: only the IT course of round 1 lets a surplus holder leave A (R8), at round 2."""
    holders = [emp(n, "A", bidang="hukum") for n in range(surplus_holders + 1)]
    its = [post(f"IT{k}", bidang="ti") for k in range(it_posts)]
    return ProblemData(employees=(*holders, emp(90, "B", bidang="hukum")),
                       positions=(post("A", bidang="hukum"), *its, post("B", bidang="hukum")),
                       params=Params(tanggal_acuan=TODAY, putaran=2, **params))


def test_training_then_moving_beats_two_one_round_plans() -> None:
    """The built case: the two-round plan trains a surplus holder in IT in round 1 and moves them at round 2 (a
    surplus holder fewer); two one-round plans in a row cannot (nobody is fit for the IT post, R8)."""
    data = it_case()
    plan = solve_two_rounds(data, 30)
    assert plan.status.value == "OPTIMAL"
    assert [(t.course.nama, t.kode_jabatan) for t in plan.trainees] == [(IT_COURSE, "IT0")]
    assert check_plan(data, plan.first) == [] and check_plan(plan.later.data, plan.second) == []
    moved = plan.second.assignment != np.asarray(plan.later.data.current_post)
    assert int(moved.sum()) == 1 and plan.later.data.positions[int(plan.second.assignment[moved][0])].kode == "IT0"
    first, second, later = sequential(data)
    assert second.surplus_kept == 1 and plan.second.surplus_kept == 0
    assert score(plan.first, plan.second, plan.later.data) > score(first, second, later.data)
    without = solve_two_rounds(data, 30, training=False)
    assert without.trainees == () and without.second.surplus_kept == 1


def _with_course(**changes: object):  # type: ignore[no-untyped-def]
    """The shipped reference with the IT course changed (seats, cost)."""
    ref = load_reference()
    rows = tuple(dataclasses.replace(c, **changes) if c.nama == IT_COURSE else c for c in ref.pelatihan)
    return dataclasses.replace(ref, pelatihan=rows)


@pytest.mark.parametrize(("changes", "params"), [({"kapasitas": 1}, {}),
                                                 ({"biaya": 7_500_000}, {"anggaran_pelatihan": 10_000_000})])
def test_training_within_seats_and_budget(changes: dict[str, object], params: dict[str, object]) -> None:
    """Two surplus holders and two IT posts: both are trained and moved, unless the course has one seat per round
    or the budget pays for one participant (then exactly one)."""
    data = it_case(surplus_holders=2, it_posts=2)
    assert len(solve_two_rounds(data, 30).trainees) == 2
    limited = it_case(surplus_holders=2, it_posts=2, **params)
    plan = solve_two_rounds(limited, 30, ref=_with_course(**changes))
    assert len(plan.trainees) == 1 and plan.second.surplus_kept == 1


@pytest.mark.parametrize("seed", range(8))
def test_never_worse_than_two_one_round_plans(seed: int) -> None:
    """On generated instances (R13 at 35 %) each round passes the checker at its own date, and the two-round plan
    scores at least as well as two one-round plans in a row (`rounds.plan.score`)."""
    data = make_instance(seed, n_emp=40 + seed, n_units=3, putaran=2, maks_keluar_unit_persen=35)
    plan = solve_two_rounds(data, 60)
    assert check_plan(data, plan.first) == []
    assert check_plan(plan.later.data, plan.second) == []
    first, second, later = sequential(data)
    assert score(plan.first, plan.second, plan.later.data) >= score(first, second, later.data)


def test_strictly_better_on_most_generated_instances() -> None:
    """Not vacuous: on most of the instances above the two-round plan is strictly better."""
    better = 0
    for seed in range(8):
        data = make_instance(seed, n_emp=40 + seed, n_units=3, putaran=2, maks_keluar_unit_persen=35)
        plan = solve_two_rounds(data, 60)
        first, second, later = sequential(data)
        better += score(plan.first, plan.second, plan.later.data) > score(first, second, later.data)
    assert better >= 5, better


BRUTE_MAX = 3000
"""Combinations of paths the brute force judges at most per instance."""


@pytest.mark.parametrize("seed", [1, 3, 7, 12, 13, 29])
def test_brute_force_over_every_combination_of_paths(seed: int) -> None:
    """Exactness: over every combination of one path per employee that both rounds' checkers accept (and within
    the courses' seats and budget), the best (surplus kept at the end, must-fill seats filled, Σ path nilai) is
    the model's."""
    data = make_instance(seed, n_emp=9, n_units=1, putaran=2, maks_keluar_unit_persen=100)
    plan = solve_two_rounds(data, 30)
    assert plan.refused == 0
    t1 = Tables(data)
    paths = plan.paths
    assert paths is not None
    options = [np.nonzero(paths.emp == i)[0] for i in range(t1.n_emp)]
    assert 1 < int(np.prod([len(o) for o in options])) <= BRUTE_MAX
    best = None
    for combo in itertools.product(*options):
        chosen = np.array(combo)
        if not _counts_ok(paths, t1, chosen):
            continue
        first, second, later = rounds_of(data, t1, paths, chosen)
        if check_plan(data, first) or check_plan(later.data, second):
            continue
        value = (-second.surplus_kept, second.must_fill_filled, int(paths.nilai[chosen].sum()))
        best = value if best is None else max(best, value)
    assert best == (-plan.surplus_kept, plan.must_fill_filled, plan.objective)


def _counts_ok(paths, t1: Tables, chosen: np.ndarray) -> bool:  # type: ignore[no-untyped-def]
    """A quick filter before the checker: no post takes more newcomers in a round than its empty seats."""
    for kind in (NOW, LATER):
        moved = chosen[paths.round[chosen] == kind]
        if len(np.unique(paths.emp[moved])) != len(moved):
            return False
        into = np.bincount(paths.post[moved], minlength=t1.n_post)
        if (into > np.maximum(t1.post_keb, 0)).any():
            return False
    return True


def test_the_same_data_gives_the_same_plan() -> None:
    """Deterministic: solving again gives the same two rounds, the same trainees."""
    data = make_instance(3, n_emp=45, n_units=3, putaran=2)
    a, b = solve_two_rounds(data, 60), solve_two_rounds(data, 60)
    assert np.array_equal(a.first.assignment, b.first.assignment)
    assert np.array_equal(a.second.assignment, b.second.assignment)
    assert a.trainees == b.trainees


# --- the command: solve --putaran 2, surat --pengembangan ------------------------------------------------------
CONTOH = Path(__file__).resolve().parents[1] / "data" / "contoh.xlsx"
runner = CliRunner()


@pytest.fixture(scope="module")
def two_round_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """data/contoh.xlsx copied and solved with --putaran 2."""
    folder = tmp_path_factory.mktemp("putaran")
    data = folder / "contoh.xlsx"
    shutil.copy(CONTOH, data)
    res = runner.invoke(app, ["solve", str(data), "--putaran", "2", "-o", str(folder / "hasil.xlsx")])
    assert res.exit_code == 0, res.output
    return data, folder / "hasil.xlsx"


def _sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path, read_only=True)[name].iter_rows(values_only=True))


def test_solve_writes_both_rounds(two_round_plan: tuple[Path, Path]) -> None:
    """`Putaran 2` lists round 2's moves, each saying why it waits; `Rencana Pengembangan` the trainees, each for a
    post of round 2 and with the sentence that it is no promise; Ringkasan has both rounds; the moves of round 2 are
    the round-2 moves of `solve_two_rounds` on the same data."""
    data_path, plan_path = two_round_plan
    later = _sheet(plan_path, ROUND_TWO_SHEET)
    assert later[0] == RoundTwoRow.COLUMNS and len(later) > 1
    assert all(str(r[-1]).startswith(WAITING + ": ") for r in later[1:])
    trainees = _sheet(plan_path, DEVELOPMENT_SHEET)
    assert trainees[0] == DevelopmentRow.COLUMNS and len(trainees) > 1
    round_two = {r[0]: r[5] for r in later[1:]}
    assert all(round_two.get(r[1]) == r[5] for r in trainees[1:])  # each trainee moves there at round 2
    summary = dict(r[:2] for r in _sheet(plan_path, "Ringkasan"))
    assert summary["Putaran"] == 2 and summary["Mutasi putaran 2"] == len(later) - 1
    assert summary["Peserta pelatihan putaran 1"] == len(trainees) - 1


def test_invitations_for_every_trainee(two_round_plan: tuple[Path, Path], tmp_path: Path) -> None:
    """`surat --pengembangan` writes one invitation per trainee, naming the course and the post it prepares for,
    and saying it is no promise; a one-round plan has no trainees and is refused with exit 2."""
    data_path, plan_path = two_round_plan
    res = runner.invoke(app, ["surat", str(data_path), "--rencana", str(plan_path), "-o", str(tmp_path / "u"),
                              "--pengembangan"])
    assert res.exit_code == 0, res.output
    trainees = _sheet(plan_path, DEVELOPMENT_SHEET)[1:]
    files = sorted((tmp_path / "u").glob("undangan-*.docx"))
    assert len(files) == len(trainees)
    for row in trainees:
        letter = next(f for f in files if f.name.startswith(f"undangan-{row[1]}-"))
        words = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
        assert str(row[0]) in words and str(row[6]) in words and NOT_A_PROMISE in words
        assert "Perihal\t: Undangan pelatihan" in words
    one = tmp_path / "satu.xlsx"
    assert runner.invoke(app, ["solve", str(data_path), "-o", str(one)]).exit_code == 0
    res = runner.invoke(app, ["surat", str(data_path), "--rencana", str(one), "-o", str(tmp_path / "v"),
                              "--pengembangan"])
    assert res.exit_code == 2 and "Rencana Pengembangan" in res.output


def test_two_rounds_refuse_options_not_yet_supported(two_round_plan: tuple[Path, Path], tmp_path: Path) -> None:
    """--putaran 2 with --kurva is refused with exit 2 in words, before any solve."""
    data_path, _ = two_round_plan
    res = runner.invoke(app, ["solve", str(data_path), "--putaran", "2", "--kurva", "-o", str(tmp_path / "k.xlsx")])
    assert res.exit_code == 2 and "--kurva" in res.output and not (tmp_path / "k.xlsx").exists()


def test_compare_one_round_with_two(tmp_path: Path) -> None:
    """`compare` with a scenario `putaran = 2`: the Banding table gets each plan's round 2 (the one-round plan's
    made after it) and the value of both rounds; the two-round plan's (surplus at the end, must-fill seats, value) is
    at least the one-round plan's."""
    from penempatan.compare import banding_rows, compare
    from penempatan.scenario import load_scenario

    data = make_instance(9, n_emp=49, n_units=3, maks_keluar_unit_persen=35)
    path = tmp_path / "dua.toml"
    path.write_text('nama = "Dua putaran"\n[parameter]\nputaran = 2\n', encoding="utf-8")
    rows = dict(banding_rows(compare(data, [load_scenario(path, data)], 60, parallel=False)))
    assert rows["Putaran"] == [1, 2]
    one, two = ((-rows["Kelebihan pegawai akhir putaran 2"][k], rows["Kursi wajib terisi akhir putaran 2"][k],  # type: ignore[operator]
                 rows["Nilai dua putaran"][k]) for k in (0, 1))
    assert all(isinstance(v, int) for v in (*one, *two)) and two >= one


def test_no_plan_from_the_model_falls_back_to_two_one_round_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the model finds no plan in time, the plan is two one-round plans in a row: FEASIBLE, both rounds
    checked, round 1 the one-round plan's."""
    import math

    from penempatan.solver.two_rounds import Solved, TwoRoundModel

    monkeypatch.setattr(TwoRoundModel, "solve",
                        lambda self, limit, hint=None: Solved(False, None, math.nan, math.nan, 0, 0, math.nan))
    data = make_instance(4, n_emp=44, n_units=3, putaran=2, maks_keluar_unit_persen=35)
    plan = solve_two_rounds(data, 30)
    assert plan.status.value == "FEASIBLE"
    assert check_plan(data, plan.first) == [] and check_plan(plan.later.data, plan.second) == []
    first, second, later = sequential(data)
    assert np.array_equal(plan.first.assignment, first.assignment)
    assert score(plan.first, plan.second, plan.later.data) == score(first, second, later.data)
