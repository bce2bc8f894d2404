"""The succession plan (penempatan.succession), its workbook and the `suksesi` command (SPEC 8, issue 25 item 3)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.check import Rules
from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.excel.write_input import write_input_workbook
from penempatan.excel.write_succession import SHEETS, succession_rows, write_succession
from penempatan.model import ProblemData
from penempatan.scoring import Tables
from penempatan.succession import (
    NO_BAND,
    NOT_QUALIFIED,
    READINESS_MONTHS,
    READY_NOW_MAX,
    SELECTION_NOTE,
    SUCCESSORS_MAX,
    SUCCESSORS_MIN,
    TAKEN,
    SuccessionPlan,
    add_months,
    at_month,
    key_kinds,
    rules_for,
    succession,
)

EVIL = '=HYPERLINK("http://x")'
runner = CliRunner()
SECONDS_AT_5000 = 10.0


@pytest.fixture(scope="module")
def demo600() -> ProblemData:
    return generate_demo(n_pegawai=600, seed=7)


@pytest.fixture(scope="module")
def plan600(demo600: ProblemData) -> SuccessionPlan:
    return succession(demo600)


@pytest.fixture(scope="module")
def timed5000() -> tuple[SuccessionPlan, float]:
    data = generate_demo(n_pegawai=5000, seed=7)
    started = time.perf_counter()
    plan = succession(data)
    return plan, time.perf_counter() - started


@pytest.fixture(scope="module", params=["600", "5000"])
def plan(request: pytest.FixtureRequest, plan600: SuccessionPlan,
         timed5000: tuple[SuccessionPlan, float]) -> SuccessionPlan:
    return plan600 if request.param == "600" else timed5000[0]


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    """31 January + 1 month is 28 February; months carry into the next year."""
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 1), 3) == date(2027, 3, 1)
    assert add_months(date(2026, 12, 1), 36) == date(2029, 12, 1)


def test_key_posts_are_jpt_administrator_must_fill_and_scarce_jf(plan: SuccessionPlan) -> None:
    """Exactly the JPT Pratama, Administrator, Wajib Diisi and scarce-profession JF posts are key posts, each once."""
    t, d = plan.tables, plan.data
    expected = {j for j, q in enumerate(d.positions)
                if q.jenis in ("JPT Pratama", "Administrator") or t.post_wajib[j] or t.post_pool[j] >= 0}
    listed = [k.j for k in plan.posts]
    assert len(listed) == len(set(listed))
    assert set(listed) == expected
    assert [k is not None for k in key_kinds(t)].count(True) == len(expected)


def test_jpt_and_administrator_posts_have_two_successors_or_a_reason(plan: SuccessionPlan) -> None:
    """Every JPT and Administrator post has at least two successors, or a named reason why not."""
    for k in plan.posts:
        assert len(k.successors) <= SUCCESSORS_MAX
        if k.kind in ("JPT Pratama", "Administrator") and len(k.successors) < SUCCESSORS_MIN:
            assert k.reason.startswith((NO_BAND, NOT_QUALIFIED, TAKEN, "hanya ")), k
        if len(k.successors) >= SUCCESSORS_MIN:
            assert k.reason == ""
    jpt_adm = [k for k in plan.posts if k.kind in ("JPT Pratama", "Administrator")]
    assert sum(len(k.successors) >= SUCCESSORS_MIN for k in jpt_adm) >= len(jpt_adm) // 2


def test_nobody_is_ready_now_for_more_than_two_posts(plan: SuccessionPlan) -> None:
    """The joint choice: nobody is the ready-now successor of more than two posts, nor twice of one post."""
    ready = Counter(s.i for k in plan.posts for s in k.successors if s.ready_now)
    assert ready and max(ready.values()) <= READY_NOW_MAX
    for k in plan.posts:
        people = [s.i for s in k.successors]
        assert len(people) == len(set(people))


def test_successors_are_not_holders_and_at_most_one_tingkat_below(plan: SuccessionPlan) -> None:
    """R9: a successor holds another post at the key post's tingkat or one below."""
    t, d = plan.tables, plan.data
    for k in plan.posts:
        for s in k.successors:
            assert s.i not in d.holders[k.j]
            assert int(t.post_tingkat[k.j]) - int(t.post_tingkat[t.cur[s.i]]) in (0, 1)


def test_every_successor_passes_the_checker_at_their_readiness_date(plan: SuccessionPlan) -> None:
    """An independent re-check: `Rules` on the data at the readiness date finds no violation for the move (the
    round rules R15–R17 and, for a JPT post, R20 left out), and finds one at every earlier date tried; today's
    violations are exactly the gap to close."""
    d = plan.data
    rules = {m: Rules(d if m == 0 else at_month(d, m)) for m in READINESS_MONTHS}
    checked = 0
    for k in plan.posts:
        skip = rules_for(d.positions[k.j].jenis == "JPT Pratama")
        for s in k.successors:
            at_date = [v for v in rules[s.months].move_violations(s.i, k.j) if v.rule not in skip]
            assert at_date == [], (k.j, s, at_date)
            today = [v.message for v in rules[0].move_violations(s.i, k.j) if v.rule not in skip]
            assert tuple(today) == s.gaps
            for m in READINESS_MONTHS[:READINESS_MONTHS.index(s.months)]:
                assert [v for v in rules[m].move_violations(s.i, k.j) if v.rule not in skip], (k.j, s, m)
            checked += 1
    assert checked


def test_successors_are_ordered_ready_now_first(plan: SuccessionPlan) -> None:
    """Within a post: by readiness, then by fit."""
    for k in plan.posts:
        keys = [(s.months, -s.fit) for s in k.successors]
        assert keys == sorted(keys)


def test_posts_are_ranked_by_risk(plan: SuccessionPlan) -> None:
    """Ranks run 1..n and the risk points never rise down the list; an empty bench outranks a full one."""
    assert [k.rank for k in plan.posts] == list(range(1, len(plan.posts) + 1))
    points = [k.risk_points for k in plan.posts]
    assert points == sorted(points, reverse=True)
    for k in plan.posts:
        words = k.risks()
        if not k.successors:
            assert "tidak ada calon pengganti" in words
        if k.retiring:
            assert words[0].startswith("pemangku pensiun dalam")


def test_jpt_successors_are_selection_candidates(plan600: SuccessionPlan) -> None:
    """R20 stays on (isi_jpt off) yet JPT posts have successors: each row says they go through open selection."""
    d = plan600.data
    assert not d.params.isi_jpt
    rows = succession_rows(plan600)
    header = SHEETS["Rencana Suksesi"]
    kode, nip, needs = header.index("Kode Jabatan"), header.index("NIP"), header.index("Yang Perlu Dipenuhi")
    jpt = {q.kode for q in d.positions if q.jenis == "JPT Pratama"}
    jpt_rows = [r for r in rows if r[kode] in jpt and r[nip]]
    assert jpt_rows
    assert all(SELECTION_NOTE in r[needs] for r in jpt_rows)


def test_workbook_rows_and_text_cells(tmp_path: Path, demo600: ProblemData) -> None:
    """The sheet has the columns asked for, one row per successor and one per post without any; NIP is text and
    a name that looks like a formula stays text."""
    t = Tables(demo600)
    j = next(k for k, q in enumerate(demo600.positions) if q.jenis == "Administrator" and t.holders[k] == 1)
    holder = demo600.holders[j][0]
    employees = list(demo600.employees)
    employees[holder] = employees[holder].model_copy(update={"nama": EVIL})
    data = demo600.replace(employees=tuple(employees))
    plan = succession(data)
    out = tmp_path / "suksesi.xlsx"
    write_succession(out, plan)
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    ws = wb["Rencana Suksesi"]
    header = [c.value for c in ws[1]]
    assert tuple(header) == SHEETS["Rencana Suksesi"]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == sum(max(1, len(k.successors)) for k in plan.posts)
    col = {h: k for k, h in enumerate(header)}
    evil = [r for r in rows if r[col["Pemangku"]].value == EVIL]
    assert evil and all(r[col["Pemangku"]].data_type == "s" for r in evil)
    for r in rows:
        if r[col["NIP"]].value is not None:
            assert isinstance(r[col["NIP"]].value, str)
            assert r[col["NIP"]].number_format == "@"
            assert r[col["Siap Sekarang"]].value in ("Ya", "Tidak")
        else:
            assert r[col["Yang Perlu Dipenuhi"]].value.startswith((NO_BAND, NOT_QUALIFIED, TAKEN))


def test_suksesi_command_end_to_end(tmp_path: Path, demo600: ProblemData) -> None:
    """`penempatan suksesi DATA.xlsx` writes DATA-suksesi.xlsx, leaves the input alone and refuses to overwrite
    an existing output without --timpa."""
    data = tmp_path / "data.xlsx"
    write_input_workbook(data, demo600)
    before = data.read_bytes()
    res = runner.invoke(app, ["suksesi", str(data)])
    assert res.exit_code == 0, res.output
    assert data.read_bytes() == before
    out = tmp_path / "data-suksesi.xlsx"
    assert load_workbook(out, read_only=True).sheetnames == list(SHEETS)
    assert "Rencana suksesi" in res.output and "Jabatan kunci" in res.output
    named = tmp_path / "s.xlsx"
    assert runner.invoke(app, ["suksesi", str(data), "-o", str(named)]).exit_code == 0
    assert runner.invoke(app, ["suksesi", str(data), "-o", str(named)]).exit_code == 2
    assert runner.invoke(app, ["suksesi", str(data), "-o", str(named), "--timpa"]).exit_code == 0
    assert runner.invoke(app, ["suksesi", str(data), "-o", str(data)]).exit_code == 2
    assert data.read_bytes() == before


def test_5000_demo_in_ten_seconds(timed5000: tuple[SuccessionPlan, float]) -> None:
    """The succession plan of the 5,000 demo (Tables included) takes at most ten seconds."""
    plan, seconds = timed5000
    assert len(plan.posts) > 1000
    assert seconds <= SECONDS_AT_5000
