"""The fairness report (SPEC 9, sheet Keadilan and the report page): wishes granted by rank, moves and promotions by
group with disparity flags, the anonymised figures, and `check` recomputing every figure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.check.fairness import fairness_violations
from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.excel.columns import PERMINTAAN_COLUMNS, SHEET_PERMINTAAN
from penempatan.excel.read import read_workbook
from penempatan.excel.read_plan import read_plan_moves
from penempatan.model import ProblemData
from penempatan.reference import load_reference
from penempatan.wishes import fairness as f
from penempatan.wishes.fairness import FairnessRow, disparity, fairness_rows
from tests.conftest import workbook_maker


@pytest.fixture(scope="module")
def demo() -> ProblemData:
    return generate_demo(600, seed=1)


def _row(rows: list[FairnessRow], section: str, group: str, measure: str) -> FairnessRow:
    return next(r for r in rows if (r.section, r.group, r.measure) == (section, group, measure))


def _promote(data: ProblemData, who: list[int]) -> list[int]:
    """The current posts, with each of `who` moved to a post of a higher Kelas Jabatan (a promotion)."""
    plan = list(data.current_post)
    for i in who:
        here = data.positions[plan[i]].kelas
        plan[i] = min((j for j, p in enumerate(data.positions) if p.kelas > here),
                      key=lambda j: data.positions[j].kelas)
    return plan


def _by_sex(data: ProblemData, sex: str) -> list[int]:
    """Employees of one sex below the highest Kelas Jabatan (who can be promoted)."""
    top = max(p.kelas for p in data.positions)
    return [i for i, e in enumerate(data.employees)
            if e.jenis_kelamin == sex and data.positions[data.current_post[i]].kelas < top]


def test_promotions_to_one_gender_only_raise_the_flag(demo: ProblemData) -> None:
    """A planted bias (60 promotions, all to men) flags women's promotion rate as too low; the same number of
    promotions shared between men and women raises no gender flag."""
    men, women = _by_sex(demo, "L"), _by_sex(demo, "P")
    biased = fairness_rows(demo, _promote(demo, men[:60]))
    assert _row(biased, "Jenis Kelamin", "Perempuan", f.PROMOTED).flag == f.LOW
    assert _row(biased, "Jenis Kelamin", "Laki-laki", f.PROMOTED).flag == f.HIGH
    share = round(60 * len(men) / (len(men) + len(women)))
    fair = fairness_rows(demo, _promote(demo, men[:share] + women[:60 - share]))
    assert all(r.flag == "" for r in fair if r.section == "Jenis Kelamin")


def test_the_flag_needs_a_band_a_test_and_a_group_large_enough() -> None:
    """DISPARITAS: outside [r/b, r×b] and not chance (binomial test), groups under the minimum not judged."""
    assert disparity(100, 0, 0.10, 2.0, 20) == f.LOW  # 0 of 100 against 10 %: far and not chance
    assert disparity(100, 30, 0.10, 2.0, 20) == f.HIGH
    assert disparity(100, 15, 0.10, 2.0, 20) == ""  # 15 % is inside [5 %, 20 %]
    assert disparity(30, 0, 0.04, 2.0, 20) == ""  # outside the band, but 0 of 30 at 4 % is chance (p ≈ 0.29)
    assert disparity(10, 5, 0.10, 2.0, 20) == f.SMALL
    assert disparity(100, 0, 0.0, 2.0, 20) == ""  # nobody moved at all: nothing to compare


def test_wishes_granted_by_rank(demo: ProblemData) -> None:
    """A requester moved into a post of their rank-2 wish counts as a rank-2 grant; one who stays is refused."""
    plan = list(demo.current_post)
    granted: dict[int | None, int] = {}
    requesters = [i for i, w in enumerate(demo.wish_lists) if w]
    for k, i in enumerate(requesters[:40]):
        wishes, posts = demo.wish_lists[i], demo.wish_posts[i]
        pick = min(k % len(wishes), len(wishes) - 1)
        target = min(set(posts[pick]) - {plan[i]})
        plan[i] = target
        first = next(w.rank for w, p in zip(wishes, posts, strict=True) if target in p)
        granted[first] = granted.get(first, 0) + 1
    rows = fairness_rows(demo, plan)
    for rank, count in granted.items():
        group = f"Urutan {rank}" if rank is not None else f.UNRANKED
        assert _row(rows, f.WISHES, group, f.GRANTED).count == count
    every = _row(rows, f.WISHES, f.ALL_REQUESTERS, f.GRANTED)
    assert (every.base, every.count) == (len(requesters), 40)
    assert _row(rows, f.WISHES, f.ALL_REQUESTERS, f.REFUSED).count == len(requesters) - 40


def test_published_cells_never_show_fewer_than_five_people(demo: ProblemData) -> None:
    """In the publication columns no count of 1–4 and no group under 5 is shown, and no part hides exactly one
    count (it could be found by subtraction)."""
    rng = np.random.default_rng(5)
    plan = list(demo.current_post)
    for i in rng.choice(len(plan), 40, replace=False):
        plan[i] = int(rng.integers(len(demo.positions)))
    rows = fairness_rows(demo, plan)
    people, shown = f.COLUMNS.index("Publikasi: Jumlah Orang"), f.COLUMNS.index("Publikasi: Jumlah")
    hidden: dict[tuple[str, str], list[bool]] = {}
    for r in rows:
        cells = r.cells()
        assert cells[shown] == f.HIDDEN or not 0 < cells[shown] < 5
        assert cells[people] == f.HIDDEN or cells[people] >= 5
        hidden.setdefault((r.section, r.measure), []).append(cells[shown] == f.HIDDEN)
    assert any(sum(h) > 1 for h in hidden.values())
    assert not any(sum(h) == 1 and len(h) > 1 for h in hidden.values())


def test_check_recomputes_every_figure(demo: ProblemData) -> None:
    """check.fairness agrees with every figure of a plan, and names one changed count, one flag removed and one
    small count published."""
    men = _by_sex(demo, "L")
    plan = _promote(demo, men[:60])
    cells = [r.cells() for r in fairness_rows(demo, plan)]
    assert fairness_violations(demo, plan, cells) == []
    count, flag, shown = (f.COLUMNS.index(c) for c in ("Jumlah", "Tanda Disparitas", "Publikasi: Jumlah"))
    women = next(k for k, c in enumerate(cells) if c[:3] == ["Jenis Kelamin", "Perempuan", f.PROMOTED])
    tampered = [list(c) for c in cells]
    tampered[women][flag] = ""
    tampered[0][count] += 1
    small = next(k for k, c in enumerate(cells) if c[shown] == f.HIDDEN and 0 < c[count] < 5)
    tampered[small][shown] = cells[small][count]
    found = [v.message for v in fairness_violations(demo, plan, tampered)]
    assert any(m.startswith(" / ".join(cells[0][:3])) and "seharusnya" in m for m in found)
    assert any(m.startswith("Jenis Kelamin / Perempuan / promosi") and f.LOW in m for m in found)
    assert any(m.startswith(" / ".join(cells[small][:3])) and "diterbitkan" in m for m in found)


def test_every_employee_is_in_one_group_per_grouping() -> None:
    """Each grouping (gender, age band, golongan, unit) counts every employee exactly once."""
    data = generate_demo(1000, seed=2)
    rows = fairness_rows(data, data.current_post, load_reference())
    for section in f.GROUPINGS:
        assert sum(r.base for r in rows if r.section == section and r.measure == f.MOVED) == len(data.employees)


def test_plan_workbook_and_report_have_the_fairness_page(tmp_path: Path) -> None:
    """`solve` writes sheet Keadilan, which check.fairness reads back without a fault, and the report's page."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    sheets[SHEET_PERMINTAAN] = [[c.name for c in PERMINTAAN_COLUMNS], ["199001012015031001", 1, "BKD-01",
                                                                       "pasangan", "Ya"]]
    data_path = mk.save(sheets, tmp_path / "data.xlsx")
    out, report = tmp_path / "hasil.xlsx", tmp_path / "laporan.html"
    result = CliRunner().invoke(app, ["--polos", "solve", str(data_path), "-o", str(out), "--laporan", str(report),
                                      "--batas-waktu", "20"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    rows = list(wb[f.SHEET].iter_rows(values_only=True))
    assert rows[0] == f.COLUMNS
    data = read_workbook(data_path).data
    plan = list(data.current_post)
    for move in read_plan_moves(out):
        plan[data.employee_index[move.nip]] = data.position_index[move.tujuan]
    figures = [[("" if v is None else v) for v in row] for row in rows[1:]]
    assert fairness_violations(data, plan, figures) == []
    assert 'id="keadilan"' in report.read_text(encoding="utf-8")


def test_distribution_target_row_recomputed_and_judged(demo: ProblemData) -> None:
    """R27: a scenario's target has a row of its own (of the plan's promotions, the group's, and whether the bounds
    are met); the checker recomputes it, flags a wrong verdict, and names the missed target as a broken rule."""
    from penempatan.check.facts import Facts
    from penempatan.check.fairness import target_violations
    from penempatan.model import Target

    target = Target(measure="promosi", section="Jenis Kelamin", group="Perempuan", minimum=30)
    data = demo.replace(targets=(target,))
    men, women = _by_sex(demo, "L"), _by_sex(demo, "P")
    for plan, inside, verdict in ((_promote(data, men[:14] + women[:6]), 6, f.MET),
                                  (_promote(data, men[:15] + women[:5]), 5, f.MISSED)):
        rows = fairness_rows(data, plan)
        row = _row(rows, f.TARGETS, "Jenis Kelamin: Perempuan", f.PROMOTED)
        assert (row.base, row.count, row.flag) == (20, inside, verdict)
        cells = [r.cells() for r in rows]
        assert fairness_violations(data, plan, cells) == []
        broken = target_violations(Facts(data), plan)
        assert [v.rule for v in broken] == ([] if verdict == f.MET else ["R27"])
    flag = f.COLUMNS.index("Tanda Disparitas")
    at = next(k for k, c in enumerate(cells) if c[0] == f.TARGETS)
    cells[at][flag] = f.MET
    assert any(v.message.startswith(f"{f.TARGETS} / Jenis Kelamin: Perempuan") for v in
               fairness_violations(data, plan, cells))
