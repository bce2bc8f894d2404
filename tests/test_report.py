"""The HTML report (issue 6): self-contained, escaped, the workbook's numbers, printable, deterministic."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from penempatan.analyze import analyze
from penempatan.cli import app
from penempatan.compare import Comparison, Plan
from penempatan.curve import benefit_curve
from penempatan.excel.write_plan import SHEETS
from penempatan.explain import PlanView, move_rows, plan_summary, summary_lines
from penempatan.explain.stays import holder_warnings
from penempatan.explain.training import training_needs
from penempatan.model import ProblemData
from penempatan.report import NOTICE, analyze_report, compare_report, solve_report, write_report
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.solver import solve
from penempatan.text import number
from tests.instances import make_instance

EVIL = '</script><script>alert("x")</script><img src="http://evil.example/a.png"> & <!-- url(//evil)'
ROOT = Path(__file__).resolve().parents[1]


class _Page(HTMLParser):
    """Collects tags, attributes, the text of <style> and of <script> elements (by type)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[str, str, str]] = []  # (type, id, text)
        self._open: tuple[str, dict[str, str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        d = {k: v or "" for k, v in attrs}
        self.attrs.extend((tag, k, v) for k, v in d.items())
        if tag in ("script", "style"):
            self._open = (tag, d)

    def handle_data(self, data: str) -> None:
        if self._open is None:
            return
        tag, d = self._open
        if tag == "style":
            self.styles.append(data)
        else:
            self.scripts.append((d.get("type", ""), d.get("id", ""), data))

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


def _solved(data: ProblemData) -> tuple[ProblemData, Tables, Result]:
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    assert result.feasible
    return data, tables, result


@pytest.fixture(scope="module")
def plain() -> tuple[ProblemData, Tables, Result]:
    return _solved(make_instance(3, 80, 4))


@pytest.fixture(scope="module")
def evil() -> tuple[ProblemData, Tables, Result]:
    base = make_instance(3, 80, 4)
    employees = [e.model_copy(update={"nama": EVIL}) for e in base.employees]
    return _solved(base.replace(employees=tuple(employees), scenario_name=EVIL))


def _table(page: _Page, name: str) -> dict:
    text = next(t for typ, i, t in page.scripts if i == f"t{name}-data")
    return json.loads(text)


def test_no_external_resources_even_with_hostile_names(evil):
    """No src/href/url() points outside the page, nothing can fetch or send: only #anchors and inline code."""
    page_text = solve_report(*evil, source=EVIL)
    page = _parse(page_text)
    for tag, name, value in page.attrs:
        if name in ("src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset", "background"):
            assert value.startswith("#"), (tag, name, value)
        assert not re.match(r"\s*(https?:|//|javascript:)", value, re.I), (tag, name, value)
        if "url(" in value:
            assert re.fullmatch(r"url\(#[\w-]+\)", value.strip()), (tag, name, value)
    assert not {"link", "iframe", "object", "embed", "img", "base", "form", "audio", "video"} & set(page.tags)
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    code = "".join(t for typ, _, t in page.scripts if typ != "application/json")
    for forbidden in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "EventSource", "import(",
                      "innerHTML", "http"):
        assert forbidden not in code, forbidden
    assert "default-src 'none'" in page_text  # and the browser enforces it (Content-Security-Policy)


def test_no_url_anywhere_with_clean_names(plain):
    """With ordinary input the file holds no http(s) address at all, not even an SVG namespace."""
    page = solve_report(*plain)
    assert "http://" not in page and "https://" not in page
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page


def test_input_text_is_escaped(evil):
    """A Nama or scenario with markup never becomes markup: one code script, the rest JSON data."""
    page_text = solve_report(*evil, source=EVIL)
    page = _parse(page_text)
    assert 'alert("x")' not in "".join(t for typ, _, t in page.scripts if typ != "application/json")
    assert [typ for typ, _, _ in page.scripts].count("") == 1
    assert "<img" not in page_text and "<script>alert" not in page_text
    assert "&lt;/script&gt;&lt;script&gt;" in page_text  # the scenario name, shown as text
    moves = _table(page, "usulan")
    assert any(EVIL in row for row in moves["rows"])  # the data round-trips exactly


def test_summary_and_tables_are_the_workbook_numbers(plain):
    """The cards are the plan summary's lines and the tables the workbook's own rows (Usulan Mutasi, Tetap,
    Kebutuhan Pelatihan), with Tujuan, Perhatian and Penjelasan in the transfer list."""
    data, tables, result = plain
    ex = PlanView(data, tables, result)
    text = solve_report(data, tables, result)
    page = _parse(text)
    summary = plan_summary(data, tables, result)
    moves = _table(page, "usulan")
    assert len(moves["rows"]) == summary.moves == len(ex.movers) > 0
    assert {r[0] for r in moves["rows"]} == {data.employees[i].nip for i in ex.movers}
    assert moves["cols"][-4:] == ["Tujuan", "Perhatian", "Alasan", "Penjelasan"]
    assert all(r[-1] and r[-2] and r[-4] for r in moves["rows"])
    chains = _table(page, "rantai")
    assert sum(r[2] for r in chains["rows"]) == len(ex.movers)
    units = _table(page, "unit")
    assert len(units["rows"]) == len(tables.unit_names)
    stays = _table(page, "tetap")
    assert stays["cols"] == list(SHEETS["Tetap"]) and len(stays["rows"]) == tables.n_emp - len(ex.movers)
    for label, value in summary_lines(summary):
        assert f">{label}<" in text and f">{value}<" in text.replace("&gt;", ">")
    assert f"{number(summary.moves)} dari {number(summary.employees)} pegawai" in text
    assert NOTICE in text


def test_committee_page_lists_flags_stays_training_and_warnings(plain):
    """The Baperjakat page holds every flagged move, every stayer, every training row and every warning."""
    data, tables, result = plain
    ex = PlanView(data, tables, result)
    text = solve_report(data, tables, result)
    assert '<section id="baperjakat"><h2>Halaman Baperjakat</h2>' in text
    page = _parse(text)
    flagged = {data.employees[i].nip for i in ex.movers if ex.flags(i)}
    if flagged:
        assert {r[0] for r in _table(page, "perhatian")["rows"]} == flagged
    training = sum(len(training_needs(ex, i)) for i in ex.movers)
    assert len(_table(page, "pelatihan")["rows"]) == training > 0
    assert len(_table(page, "peringatan")["rows"]) == len(holder_warnings(ex)) > 0


def test_printing_prints_every_row(plain):
    """Rows off the visible page stay in the table, hidden on screen only: the print CSS shows them, and a
    table too long to keep whole draws every row when the browser prints; pager and search are not printed."""
    text = solve_report(*plain)
    css_screen = text[: text.index("@media print")]
    media = text[text.index("@media print"):]
    assert "tr.off{display:none}" in css_screen
    assert "tr.off{display:table-row!important}" in media
    assert ".pager" in media and ".controls" in media
    assert 'addEventListener("beforeprint"' in text and 'addEventListener("afterprint"' in text
    assert "var all=printing||n<=PRINT_ROWS" in text
    assert "Dicetak: semua baris" in text


def test_benefit_curve_chart_and_table(plain):
    """With a benefit curve the report draws it first among the charts and lists its points."""
    data, tables, result = plain
    curve = benefit_curve(data, tables=tables, result=result, caps=[0, 3])
    text = solve_report(data, tables, result, curve=curve)
    charts = re.findall(r'<figure class="chart" data-chart="(\w+)">', text)
    assert charts[0] == "kurva" and text.count("<svg") == 7
    rows = _table(_parse(text), "kurva")["rows"]
    assert [r[1] for r in rows] == [p.moves for p in curve]


def test_charts_are_inline_svg_from_matplotlib(plain):
    """Six charts, each an inline <svg> drawn by matplotlib, with distinct ids across the page."""
    text = solve_report(*plain)
    charts = re.findall(r'<figure class="chart" data-chart="(\w+)">', text)
    assert charts == ["cocok", "unit", "jenis", "aliran", "ninebox", "rotasi"]
    assert text.count("<svg") == 6
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids))


def test_prints_on_a4(plain):
    """Print CSS: A4 pages, controls hidden, table headers repeat, charts and rows not split."""
    text = solve_report(*plain)
    assert "@page{size:A4" in text
    media = text[text.index("@media print"):]
    assert ".controls" in media and "display:none" in media
    assert "thead{display:table-header-group}" in media
    assert "break-inside:avoid" in text


def test_same_plan_same_bytes(plain, tmp_path):
    """The same plan gives the same file, byte for byte (no dates or random ids in the charts)."""
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_report(a, solve_report(*plain))
    write_report(b, solve_report(*plain))
    assert a.read_bytes() == b.read_bytes()


def test_analyze_report(plain):
    """The current-state report: the analysis's charts, mismatches and per-unit tables on the same page."""
    data, tables, _ = plain
    text = analyze_report(analyze(data, tables), source="x.xlsx")
    assert "Laporan Kondisi Penempatan ASN" in text and text.count("<svg") >= 3
    page = _parse(text)
    assert len(_table(page, "unit")["rows"]) == len(tables.unit_names)
    assert NOTICE in text


def test_compare_report(plain):
    """Plans side by side: the comparison's measures per plan, charts, every plan's moves with its label."""
    data, _, _ = plain
    other = data.replace(scenario_name="Tanpa promosi", params=data.params.model_copy(update={"kotak_promosi": ()}))
    comparison = Comparison(data, [Plan(label, [], d, r, plan_summary(d, t, r, label=label))
                                   for label, (d, t, r) in (("Dasar", _solved(data)),
                                                            ("Tanpa promosi", _solved(other)))])
    text = compare_report(comparison)
    assert "Perbandingan Skenario" in text and "Tanpa promosi" in text and text.count("<svg") == 3
    moves = _table(_parse(text), "usulan")
    assert moves["cols"][0] == "Skenario"
    assert {r[0] for r in moves["rows"]} <= {"Dasar", "Tanpa promosi"}


def test_cli_solve_writes_report(tmp_path):
    """`solve --laporan` writes the page next to the workbook; the report may not overwrite the input."""
    src = ROOT / "data" / "contoh.xlsx"
    out = tmp_path / "laporan.html"
    res = CliRunner().invoke(app, ["solve", str(src), "-o", str(tmp_path / "r.xlsx"), "--laporan", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Laporan HTML ditulis" in res.output
    res = CliRunner().invoke(app, ["solve", str(src), "-o", str(tmp_path / "r.xlsx"), "--laporan", str(src)])
    assert res.exit_code == 2


def test_cli_analyze_writes_report(tmp_path):
    """`analyze --laporan` writes the current-state page."""
    out = tmp_path / "kondisi.html"
    res = CliRunner().invoke(app, ["analyze", str(ROOT / "data" / "contoh.xlsx"), "-o", str(tmp_path / "a.xlsx"),
                                   "--laporan", str(out)])
    assert res.exit_code == 0, res.output
    assert "Laporan Kondisi Penempatan ASN" in out.read_text(encoding="utf-8")


def test_report_renders_without_the_workbook_writers():
    """The report imports no `penempatan.excel` module: it renders explain's rows, as the workbook does."""
    code = ("import sys, penempatan.report; "
            "print(sorted(m for m in sys.modules if m.startswith('penempatan.excel')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_print_is_the_committee_book(plain):
    """Printing prints the committee's book instead of the screen: A4 landscape with page numbers, a summary,
    the list with one row per move in the workbook's order, an empty `Keputusan` and the signature block,
    the chains, empty seats and training; fixed column widths with text wrapping in its cell (nothing clipped)."""
    data, tables, result = plain
    text = solve_report(*plain)
    css = text[text.index("<style>"):text.index("</style>")]
    assert "@page{size:A4 landscape" in css and 'counter(page) " dari " counter(pages)' in css
    media = css[css.index("@media print"):]
    assert "main:has(#buku)>section:not(#buku),body:has(#buku) header{display:none!important}" in media
    assert ".book{display:block" in media and 'id="buku"' not in analyze_report(analyze(data))
    assert "overflow-wrap:anywhere" in media and "table.fixed" in media
    assert ".book{display:none}" in css[:css.index("@media print")]
    book = text[text.index('<section id="buku"'):]
    assert [h for h in re.findall(r"<h2>([^<(]+)", book)] == [
        "Ringkasan rencana", "Daftar usulan ", "Rantai mutasi ", "Jabatan yang masih kosong ", "Kebutuhan pelatihan "]
    listed = book[book.index("book-list"):book.index('<div class="signatures">')]
    rows = re.findall(r"<tr><td>(\d+)</td><td>[^<]*\n(\d+)</td>", listed)
    moves = move_rows(PlanView(data, tables, result))
    assert [int(k) for k, _ in rows] == list(range(1, len(moves) + 1))
    assert [nip for _, nip in rows] == [m.nip for m in moves]
    assert listed.count("<td></td></tr>") == len(moves)  # Keputusan left empty
    assert "Ketua Baperjakat" in book and "Sekretaris Baperjakat" in book


def test_curve_chart_leaves_out_points_without_a_plan() -> None:
    """A Kurva Manfaat point without a plan (TIME_LIMIT) is not drawn at zero: the chart plots the computed
    points only, relative to the first of them."""
    import dataclasses

    from penempatan.curve import benefit_curve
    from penempatan.report.charts import fig_curve
    from penempatan.result import SolveStatus
    from tests.instances import make_instance

    data = make_instance(3, 60, 3)
    curve = benefit_curve(data)
    assert len(curve) >= 3 and all(p.computed for p in curve)
    missing = dataclasses.replace(curve[1], status=SolveStatus.TIME_LIMIT.value, objective=0, moves=0,
                                  seats_filled=0, must_fill_filled=0, fit_gained=0)
    assert not missing.computed
    fig = fig_curve([curve[0], missing, *curve[2:]])
    assert fig is not None
    line = fig.axes[0].lines[0]
    assert list(line.get_xdata()) == [p.moves for p in [curve[0], *curve[2:]]]


def test_plan_report_has_the_rule_legend(plain):
    """Issue 23: the plan report, whose tables cite rule codes, has a legend of every code (R1 … R27)."""
    data, tables, result = plain
    page = _parse(solve_report(data, tables, result))
    legend = _table(page, "kode")
    assert [r[0] for r in legend["rows"]] == [f"R{k}" for k in range(1, 28)]
    assert all(r[1] for r in legend["rows"])


def test_analysis_and_compare_reports_have_a_legend_of_their_codes(plain):
    """Issue 23: the current-state and compare reports list, in their `Kode aturan` legend, exactly the rule codes
    cited elsewhere on the page, with the registry's wording and the parameter by its label, never its key."""
    from penempatan.parameters import PARAM_LABELS
    from penempatan.rules import RULES

    data, tables, _ = plain
    other = data.replace(scenario_name="Tanpa promosi", params=data.params.model_copy(update={"kotak_promosi": ()}))
    comparison = Comparison(data, [Plan(label, [], d, r, plan_summary(d, t, r, label=label))
                                   for label, (d, t, r) in (("Dasar", _solved(data)),
                                                            ("Tanpa promosi", _solved(other)))])
    for text in (analyze_report(analyze(data, tables)), compare_report(comparison)):
        legend = _table(_parse(text), "kode")["rows"]
        cited = set(re.findall(r"\bR\d{1,2}\b", text.replace(json.dumps(legend, ensure_ascii=False), "")
                               .split('id="kode"')[0]))
        assert cited and {r[0] for r in legend} == cited
        assert all(r[1] == RULES[r[0]].text for r in legend)
        assert not any(key in r[3] for r in legend for key in PARAM_LABELS if "_" in key)
