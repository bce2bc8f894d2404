"""compare: the base and every scenario solved from one read; its numbers equal the individual solves."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.check import assert_plan_valid
from penempatan.cli import app
from penempatan.compare import Comparison, banding_rows, compare
from penempatan.excel.write_compare import SHEETS, write_comparison
from penempatan.explain import plan_summary
from penempatan.scenario import Scenario, apply_scenario
from penempatan.scoring import Tables
from penempatan.solver import solve
from tests.instances import make_instance

DATA = make_instance(5, n_emp=90, n_units=4)
SCENARIOS = [
    Scenario(nama="Batas 5 mutasi", parameter={"maks_mutasi": 5}),
    Scenario(nama="Unit A beku", bekukan_unit=("Unit A",), kebutuhan={"U1-AP": 4}),
]
CONTOH = Path(__file__).parent.parent / "data" / "contoh.xlsx"
SKENARIO = Path(__file__).parent.parent / "data" / "skenario"


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(DATA, SCENARIOS, 30, parallel=False)


def test_numbers_equal_individual_solves(comparison: Comparison) -> None:
    """Every plan of the comparison is the plan (and the summary) of solving that scenario alone."""
    assert [p.label for p in comparison.plans] == ["Dasar", "Batas 5 mutasi", "Unit A beku"]
    for plan, data in zip(comparison.plans, [DATA, *(apply_scenario(DATA, s) for s in SCENARIOS)], strict=True):
        assert_plan_valid(plan.data, plan.result)
        tables = Tables(data)
        alone = solve(data, 30, tables=tables)
        assert_plan_valid(data, alone)
        expected = plan_summary(data, tables, alone, label=plan.label)
        got = plan.summary
        assert np.array_equal(got.assignment, alone.assignment)
        assert (got.objective, got.moves, got.kinds, got.flags, got.seats_filled_after, got.must_fill_filled,
                got.worse_off) == (expected.objective, expected.moves, expected.kinds, expected.flags,
                                   expected.seats_filled_after, expected.must_fill_filled, expected.worse_off)
        assert got.fit_after == pytest.approx(expected.fit_after)
    assert comparison.plans[1].summary.moves <= 5


def test_parallel_gives_the_same_numbers(comparison: Comparison) -> None:
    """Solving in two processes changes no number (each solve is deterministic)."""
    parallel = compare(DATA, SCENARIOS, 30, parallel=True)
    assert parallel.parallel and parallel.workers == 2
    for a, b in zip(comparison.plans, parallel.plans, strict=True):
        assert np.array_equal(a.summary.assignment, b.summary.assignment)
        assert a.summary.objective == b.summary.objective
        assert_plan_valid(b.data, b.result)


def test_workbook_sheets(tmp_path: Path, comparison: Comparison) -> None:
    """Banding has one column per plan; Per Unit one row per unit; Perbedaan every employee placed differently."""
    path = tmp_path / "banding.xlsx"
    write_comparison(path, comparison)
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    banding = list(wb["Banding"].iter_rows(values_only=True))
    assert banding[0] == ("Ukuran", "Dasar", "Batas 5 mutasi", "Unit A beku")
    rows = {r[0]: r[1:] for r in banding[1:]}
    assert rows["Mutasi"] == tuple(p.summary.moves for p in comparison.plans)
    n = len(DATA.employees)
    assert rows["Pegawai dipindah (%)"] == tuple(round(100 * p.summary.moves / n, 2) for p in comparison.plans)
    assert rows["Mutasi dengan Perhatian"] == tuple(p.summary.flagged_moves for p in comparison.plans)
    assert rows["Nilai Objektif"] == tuple(p.result.objective for p in comparison.plans)
    assert len(rows) == len(banding_rows(comparison))
    units = list(wb["Per Unit"].iter_rows(values_only=True))
    assert [r[0] for r in units[1:]] == list(DATA.units)
    diff = list(wb["Perbedaan"].iter_rows(values_only=True))
    stack = np.stack([p.summary.assignment for p in comparison.plans])
    assert len(diff) - 1 == int((stack != stack[0]).any(axis=0).sum()) == len(comparison.differing)


def test_banding_in_words_and_indonesian_number_formats(tmp_path: Path, comparison: Comparison) -> None:
    """Issue 23: Banding names each changed parameter by its label, never its key; the outcome is in words (no cell
    reads OPTIMAL/FEASIBLE/INFEASIBLE); Gap shows as 0,00 % and thousands as 1.234 in Excel and LibreOffice, with
    the plan workbook's formats (`sheets.PERCENT_FORMAT`, `INTEGER_FORMAT`)."""
    from penempatan.excel.sheets import DECIMAL_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT
    from penempatan.parameters import PARAM_LABELS
    from penempatan.result import SolveStatus

    path = tmp_path / "banding.xlsx"
    write_comparison(path, comparison)
    cells = {row[0].value: row[1:] for row in load_workbook(path)["Banding"].iter_rows(min_row=2)}
    assert cells["Perubahan"][1].value == f"{PARAM_LABELS['maks_mutasi']} (kosong) → 5"
    assert all(c.value and c.value not in {s.value for s in SolveStatus} for c in cells["Hasil"])
    assert {c.number_format for c in cells["Gap"]} == {PERCENT_FORMAT} == {"[$-421]0.00\\ %"}
    assert {c.number_format for c in cells["Waktu (detik)"]} == {DECIMAL_FORMAT}
    objective = [c for c in cells["Nilai Objektif"] if isinstance(c.value, int) and c.value >= 1000]
    assert objective and {c.number_format for c in objective} == {INTEGER_FORMAT} == {"[$-421]#,##0"}
    for sheet in load_workbook(path, read_only=True).worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not {v for v in row if isinstance(v, str)} & ({s.value for s in SolveStatus} | set(PARAM_LABELS))
    legend = list(load_workbook(path, read_only=True)["Kode Aturan"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in legend] == ["R12"]  # Banding's 'Kursi wajib terisi (R12)'


def test_cli_compare_on_contoh(tmp_path: Path) -> None:
    """`penempatan compare` prints the table and writes DATA-banding.xlsx next to the input by default."""
    data = tmp_path / "contoh.xlsx"
    data.write_bytes(CONTOH.read_bytes())
    result = CliRunner().invoke(app, ["compare", str(data), "-s", str(SKENARIO / "bekukan-dinkes.toml"),
                                      "--batas-waktu", "20"])
    assert result.exit_code == 0, result.output
    assert "Perbandingan rencana" in result.output
    assert "Dinkes dibekukan" in result.output
    assert (tmp_path / "contoh-banding.xlsx").exists()


def test_cli_compare_refuses_input_and_reports_every_bad_scenario(tmp_path: Path) -> None:
    """Output equal to the input is refused; problems of all scenario files come in one table, exit 2."""
    runner = CliRunner()
    good = str(SKENARIO / "batas-50-mutasi.toml")
    result = runner.invoke(app, ["compare", str(CONTOH), "-s", good, "-o", str(CONTOH)])
    assert result.exit_code == 2
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text("nama = 'a'\nwarna = 1\n", encoding="utf-8")
    b.write_text("[parameter]\nmaks_mutasi = -3\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(CONTOH), "-s", str(a), "-s", str(b), "-o",
                                 str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "a.toml" in result.output and "b.toml" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_example_scenarios_are_valid_for_contoh() -> None:
    """The four shipped scenarios load against data/contoh.xlsx."""
    from penempatan.excel.read import read_workbook
    from penempatan.scenario import load_scenario

    data = read_workbook(CONTOH).data
    names = sorted(p.name for p in SKENARIO.glob("*.toml"))
    assert len(names) == 4
    for name in names:
        scenario = load_scenario(SKENARIO / name, data)
        assert scenario.nama


def test_cli_solve_with_scenario_and_reference(tmp_path: Path) -> None:
    """solve --skenario names every override in Ringkasan/Parameter; --acuan reports the changes; bad → exit 2."""
    runner = CliRunner()
    first = tmp_path / "pertama.xlsx"
    assert runner.invoke(app, ["solve", str(CONTOH), "-o", str(first)]).exit_code == 0
    out = tmp_path / "kedua.xlsx"
    result = runner.invoke(app, ["solve", str(CONTOH), "-o", str(out), "--skenario",
                                 str(SKENARIO / "bekukan-dinkes.toml"), "--acuan", str(first)])
    assert result.exit_code == 0, result.output
    assert "Perubahan dibanding acuan:" in result.output
    wb = load_workbook(out)
    ringkasan = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True)}
    parameter = {r[0]: r[1] for r in wb["Parameter"].iter_rows(values_only=True)}
    for sheet in (ringkasan, parameter):
        assert sheet["unit dibekukan"] == "Dinas Kesehatan"
        assert sheet["kebutuhan: BAPPEDA.0006"] == "1 → 3"
    assert isinstance(ringkasan["Perubahan dibanding acuan"], int)
    bad = tmp_path / "bad.toml"
    bad.write_text("[parameter]\nmaks_mutasi = 'banyak'\n", encoding="utf-8")
    result = runner.invoke(app, ["solve", str(CONTOH), "-o", str(tmp_path / "x.xlsx"), "--skenario", str(bad)])
    assert result.exit_code == 2
    assert "1 galat pada masukan" in result.output


def test_cli_template_writes_example_scenario(tmp_path: Path) -> None:
    """template --skenario writes the annotated example next to the workbook."""
    result = CliRunner().invoke(app, ["template", str(tmp_path / "t.xlsx"), "--skenario", str(tmp_path / "s.toml")])
    assert result.exit_code == 0, result.output
    assert "[[kunci]]" in (tmp_path / "s.toml").read_text(encoding="utf-8")
