"""The state before any plan (penempatan.analyze), its workbook and the `analyze` command."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.analyze import (
    EDUCATION,
    FIELD,
    JF,
    NEAR_RETIREMENT_MONTHS,
    TALENT_POOL,
    Analysis,
    analyze,
)
from penempatan.check import holders_not_qualified
from penempatan.cli import app
from penempatan.excel.write_analysis import SHEETS, write_analysis
from penempatan.scoring import Tables, build_candidates, months_between
from tests.instances import make_instance

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "data" / "contoh.xlsx"
EVIL = '=HYPERLINK("http://x")'
runner = CliRunner()


@pytest.fixture(scope="module", params=[0, 1, 2])
def analysis(request: pytest.FixtureRequest) -> Analysis:
    data = make_instance(request.param, 60, 3)
    return analyze(data, Tables(data))


def test_kotak_counts_sum_to_employees(analysis: Analysis) -> None:
    """Counts per box and unit add up to the employees with that kotak; column 0 holds those without."""
    d, t = analysis.data, analysis.tables
    for k in range(1, 10):
        assert int(analysis.kotak[:, k].sum()) == sum(e.kotak == k for e in d.employees)
    assert int(analysis.kotak[:, 1:].sum()) == sum(e.kotak is not None for e in d.employees)
    assert int(analysis.kotak.sum()) == t.n_emp
    per_unit = np.bincount(t.emp_unit, minlength=len(t.unit_names))
    assert analysis.kotak.sum(axis=1).tolist() == per_unit.tolist()


def test_talent_pool_is_boxes_7_to_9(analysis: Analysis) -> None:
    """The talent pool is exactly the employees in kotak 7, 8 or 9, best box first."""
    d = analysis.data
    assert set(analysis.talent_pool) == {i for i, e in enumerate(d.employees) if e.kotak in TALENT_POOL}
    boxes = [d.employees[i].kotak for i in analysis.talent_pool]
    assert boxes == sorted(boxes, reverse=True)


def test_unit_staffing_is_kebutuhan_minus_bezetting(analysis: Analysis) -> None:
    """Per unit: kurang/lebih equals Σ kebutuhan − bezetting; empty seats and surplus are summed per post."""
    d = analysis.data
    assert [u.unit for u in analysis.units] == d.units
    for u in analysis.units:
        posts = [j for j, q in enumerate(d.positions) if q.unit == u.unit]
        need = sum(d.positions[j].kebutuhan for j in posts)
        have = sum(1 for e in d.employees if d.positions[d.position_index[e.kode_jabatan]].unit == u.unit)
        assert (u.kebutuhan, u.bezetting, u.selisih) == (need, have, need - have)
        held = [len(d.holders[j]) for j in posts]
        assert u.kosong == sum(max(0, d.positions[j].kebutuhan - h) for j, h in zip(posts, held, strict=True))
        assert u.lebih == sum(max(0, h - d.positions[j].kebutuhan) for j, h in zip(posts, held, strict=True))
        assert u.kosong - u.lebih == u.selisih
        expected = f"kurang {need - have}" if need > have else f"lebih {have - need}" if have > need else "sesuai"
        assert u.status == expected


def test_rotation_due_is_exactly_tenure_at_or_past_the_limit(analysis: Analysis) -> None:
    """Rotation due lists exactly those with months in post ≥ R3 (high-risk post) or R2 months."""
    d = analysis.data
    p = d.params
    expected = set()
    for i, e in enumerate(d.employees):
        risk = d.positions[d.position_index[e.kode_jabatan]].risiko_tinggi
        due = p.masa_risiko_tinggi_bulan if risk else p.masa_jabatan_maksimal_bulan
        if months_between(e.tmt_jabatan, p.tanggal_acuan) >= due:
            expected.add(i)
    assert {r.i for r in analysis.rotation_due} == expected
    for r in analysis.rotation_due:
        assert r.months >= r.due
        assert r.code == ("R3" if r.risk else "R2")
    months = [r.months for r in analysis.rotation_due]
    assert months == sorted(months, reverse=True)


def test_near_retirement_within_twelve_months(analysis: Analysis) -> None:
    """Near retirement is exactly those whose BUP date is at most 12 months after tanggal_acuan."""
    t = analysis.tables
    expected = {i for i in range(t.n_emp) if t.retirement_months[i] <= NEAR_RETIREMENT_MONTHS}
    assert {r.i for r in analysis.near_retirement} == expected
    for r in analysis.near_retirement:
        assert months_between(analysis.data.params.tanggal_acuan, r.retire) == r.months_left
        assert r.held == ("R4" in t.hold_reasons[r.i])


def test_current_fit_is_the_plans_score_before(analysis: Analysis) -> None:
    """The fit in the current post is the score of the stay candidate the solver uses (Skor Asal)."""
    cand = build_candidates(analysis.data, analysis.tables)
    stay = np.full(analysis.tables.n_emp, -1)
    stay[cand.emp[cand.stay]] = cand.score[cand.stay]
    assert analysis.scores.tolist() == stay.tolist()
    assert (np.clip(analysis.parts.sum(axis=1), 0, 100) == analysis.scores).all()


def test_mismatches_follow_the_data(analysis: Analysis) -> None:
    """A field mismatch exactly where the post has fields (its JF family's, else its Bidang) the employee's field
    is not among; an education one exactly where the employee is below the post's minimum (R6)."""
    d, t = analysis.data, analysis.tables
    field = {m.i for m in analysis.mismatches if m.kind == FIELD}
    education = {m.i for m in analysis.mismatches if m.kind == EDUCATION}
    for i, e in enumerate(d.employees):
        q = d.positions[d.position_index[e.kode_jabatan]]
        fields = t.post_score_fields[d.position_index[e.kode_jabatan]]
        assert (i in field) == bool(fields and e.bidang not in fields)
        assert (i in education) == (t.emp_pend[i] < t.ref.pendidikan[q.pendidikan_min])
        if i in field | education:
            assert analysis.notes(i)
    assert sum(analysis.mismatch_counts().values()) == len(analysis.mismatches)


def test_holders_not_meeting_r18_are_mismatches(analysis: Analysis) -> None:
    """Ketidaksesuaian has one R18 row per holder of a JF post the checker finds unqualified today, naming
    the family; the analysis counts them."""
    d = analysis.data
    expected = {d.employee_index[v.nip]: v for v in holders_not_qualified(d)}
    rows = [m for m in analysis.mismatches if m.kind == JF]
    assert {m.i for m in rows} == set(expected) and len(rows) == len(expected) > 0
    for m in rows:
        family = d.positions[d.current_post[m.i]].rumpun_jf or ""
        assert family in m.detail and m.detail.endswith("(R18)")
    assert analysis.mismatch_counts()[JF] == len(rows)


def _rows(path: Path, sheet: str) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    try:
        return list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()


def test_analysis_workbook_sheets_headers_and_rows(tmp_path: Path) -> None:
    """The workbook has every sheet with a bold, frozen, filtered header; one Kecocokan row per employee,
    NIP and formula-like names as text."""
    base = make_instance(4, 50, 3)
    employees = list(base.employees)
    employees[0] = employees[0].model_copy(update={"nama": EVIL})
    data = base.replace(employees=tuple(employees))
    a = analyze(data)
    path = tmp_path / "analisis.xlsx"
    write_analysis(path, a)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Kecocokan", "Ketidaksesuaian", "Per Unit", "Rotasi Jatuh Tempo",
                             "Kotak Talenta", "Talent Pool", "Mendekati Pensiun", "Kode Aturan"]
    for name, header in SHEETS.items():
        ws = wb[name]
        assert tuple(c.value for c in ws[1]) == header
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    fit = _rows(path, "Kecocokan")[1:]
    assert [r[0] for r in fit] == [e.nip for e in data.employees]
    assert fit[0][1] == EVIL and wb["Kecocokan"]["B2"].data_type == "s"
    assert all(isinstance(r[0], str) and len(r[0]) == 18 for r in fit)
    assert [r[5] for r in fit] == a.scores.tolist()
    assert len(_rows(path, "Ketidaksesuaian")) - 1 == len(a.mismatches)
    assert len(_rows(path, "Rotasi Jatuh Tempo")) - 1 == len(a.rotation_due)
    assert len(_rows(path, "Talent Pool")) - 1 == len(a.talent_pool)
    assert len(_rows(path, "Mendekati Pensiun")) - 1 == len(a.near_retirement)
    boxes = _rows(path, "Kotak Talenta")[1:]
    assert sum(sum(r[1:10]) for r in boxes) == sum(e.kotak is not None for e in data.employees)
    assert sum(r[-1] for r in boxes) == len(data.employees)
    units = {r[0]: r for r in _rows(path, "Per Unit")[1:]}
    for u in a.units:
        assert units[u.unit][2:6] == (u.kebutuhan, u.bezetting, u.selisih, u.status)
    again = tmp_path / "lagi.xlsx"
    write_analysis(again, a)
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()


def test_analyze_command_on_contoh(tmp_path: Path) -> None:
    """`analyze` writes DATA-analisis.xlsx next to the input, leaves the input alone and prints the summary."""
    data = tmp_path / "contoh.xlsx"
    shutil.copy(CONTOH, data)
    before = data.read_bytes()
    res = runner.invoke(app, ["analyze", str(data)])
    assert res.exit_code == 0, res.output
    assert data.read_bytes() == before
    out = tmp_path / "contoh-analisis.xlsx"
    assert load_workbook(out, read_only=True).sheetnames == list(SHEETS)
    text = " ".join(res.output.split())
    for label in ("Jumlah pegawai", "Unit kurang pegawai", "Rotasi jatuh tempo (R2)", "Talent pool",
                  "Mendekati pensiun", "Kotak talenta", "kotak 9:"):
        assert label in text


def test_analyze_refuses_to_overwrite_input(tmp_path: Path) -> None:
    """`analyze DATA -o DATA` exits 2 and leaves the input untouched."""
    data = tmp_path / "contoh.xlsx"
    shutil.copy(CONTOH, data)
    before = data.read_bytes()
    res = runner.invoke(app, ["analyze", str(data), "-o", str(data)])
    assert res.exit_code == 2
    assert data.read_bytes() == before


def test_analysis_workbook_legend_lists_exactly_the_cited_codes(analysis: Analysis, tmp_path: Path) -> None:
    """Issue 23: sheet Kode Aturan lists exactly the rule codes the other sheets cite (headers included), with the
    registry's wording and source."""
    import re

    from penempatan.rules import RULES

    path = tmp_path / "analisis.xlsx"
    write_analysis(path, analysis)
    wb = load_workbook(path, read_only=True)
    cited = {code for ws in wb.worksheets if ws.title != "Kode Aturan" for row in ws.iter_rows(values_only=True)
             for v in row if isinstance(v, str) for code in re.findall(r"\bR\d{1,2}\b", v)}
    legend = list(wb["Kode Aturan"].iter_rows(min_row=2, values_only=True))
    assert "R4" in cited and {r[0] for r in legend} == cited
    assert all((r[1], r[2] or "") == (RULES[r[0]].text, RULES[r[0]].source) for r in legend)
