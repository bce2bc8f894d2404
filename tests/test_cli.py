"""End-to-end CLI tests: the commands a planner runs, their outputs and exit codes."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.check import check_plan
from penempatan.cli import app
from penempatan.excel.read import read_workbook
from penempatan.excel.write_plan import SHEETS
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Candidates
from penempatan.wishes.serve import serve_wishes

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "data" / "contoh.xlsx"
runner = CliRunner()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Solve a copy of data/contoh.xlsx once with every output option."""
    tmp = tmp_path_factory.mktemp("solve")
    data = tmp / "contoh.xlsx"
    shutil.copy(CONTOH, data)
    before = sha(data)
    res = runner.invoke(app, ["solve", str(data), "--kandidat", str(tmp / "k.csv"), "--json", str(tmp / "p.json")])
    assert res.exit_code == 0, res.output
    assert sha(data) == before
    SOLVE_OUTPUT.append(res.stdout)
    return {"data": data, "out": tmp / "contoh-rekomendasi.xlsx", "kandidat": tmp / "k.csv",
            "json": tmp / "p.json"}


SOLVE_OUTPUT: list[str] = []  # what the `solved` fixture's command printed on stdout


def test_solve_contoh_writes_every_sheet(solved: dict[str, Path]) -> None:
    """`solve data/contoh.xlsx` writes the SPEC 5 workbook next to the input, sheets in order."""
    wb = load_workbook(solved["out"], read_only=True)
    assert wb.sheetnames[: len(SHEETS)] == list(SHEETS)


def test_solve_plan_passes_checker(solved: dict[str, Path]) -> None:
    """The plan in --json, rebuilt as a Result over --kandidat, passes the independent checker."""
    data = serve_wishes(read_workbook(solved["data"]).data).data  # as `solve` does (SPEC 9)
    doc = json.loads(solved["json"].read_text(encoding="utf-8"))
    assert doc["status"] == "OPTIMAL"
    with solved["kandidat"].open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    e_idx, p_idx = data.employee_index, data.position_index
    import numpy as np

    emp = np.array([e_idx[r["nip"]] for r in rows])
    post = np.array([p_idx[r["kode_jabatan"]] for r in rows])
    score = np.array([int(r["skor"]) for r in rows])
    stay = np.array([r["tetap"] == "1" for r in rows])
    nilai = np.array([int(r["nilai"]) for r in rows])
    # Everyone has pairs; everyone but a requester whose wish was granted (pinned there, SPEC 9) their stay pair.
    assert set(emp.tolist()) == set(range(len(data.employees)))
    no_stay = set(range(len(data.employees))) - set(emp[stay].tolist())
    assert all(doc["penempatan"][data.employees[i].nip] != data.positions[data.current_post[i]].kode
               for i in no_stay)
    zeros = np.zeros(len(rows), dtype=np.int64)
    cand = Candidates(emp=emp, post=post, score=score, stay=stay, parts=np.zeros((len(rows), 5), dtype=np.int64),
                      nilai=nilai, purposes=zeros, flags=zeros)
    assignment = np.array([p_idx[doc["penempatan"][e.nip]] for e in data.employees])
    keb = np.array([p.kebutuhan for p in data.positions])
    counts = np.bincount(assignment, minlength=len(keb))
    wajib = np.array([p.wajib_diisi for p in data.positions])
    result = Result(status=SolveStatus.OPTIMAL, assignment=assignment, objective=doc["nilai_objektif"],
                    bound=doc["batas_atas"], wall_time=0.0, candidates=cand, must_fill_seats=int(keb[wajib].sum()),
                    must_fill_filled=int(np.minimum(counts, keb)[wajib].sum()),
                    surplus_kept=int(np.maximum(0, counts - keb).sum()))
    assert check_plan(data, result) == []


def test_solve_is_deterministic(solved: dict[str, Path], tmp_path: Path) -> None:
    """Solving the same input twice gives byte-identical plan sheets."""
    out2 = tmp_path / "again.xlsx"
    res = runner.invoke(app, ["solve", str(solved["data"]), "-o", str(out2)])
    assert res.exit_code == 0, res.output
    a, b = load_workbook(solved["out"], read_only=True), load_workbook(out2, read_only=True)
    for sheet in ("Usulan Mutasi", "Tetap", "Jabatan Kosong", "Kebutuhan Pelatihan", "Per Unit"):
        assert list(a[sheet].values) == list(b[sheet].values), sheet


def test_solve_refuses_to_overwrite_input(tmp_path: Path) -> None:
    """An output path equal to the input is refused with exit code 2 and the input is untouched."""
    data = tmp_path / "d.xlsx"
    shutil.copy(CONTOH, data)
    before = sha(data)
    res = runner.invoke(app, ["solve", str(data), "-o", str(data)])
    assert res.exit_code == 2
    assert "masukan" in res.output
    assert sha(data) == before


def test_bad_input_exit_2_without_traceback(tmp_path: Path) -> None:
    """A file that is not a workbook gives exit 2 and a message, never a traceback."""
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("ini bukan excel", encoding="utf-8")
    for command in ("check", "solve"):
        res = runner.invoke(app, [command, str(bad)])
        assert res.exit_code == 2, (command, res.output)
        assert "Traceback" not in res.output


def test_missing_file_exit_2(tmp_path: Path) -> None:
    """A path that does not exist is a bad argument (exit 2)."""
    res = runner.invoke(app, ["check", str(tmp_path / "tidak-ada.xlsx")])
    assert res.exit_code == 2


def test_check_contoh_ok() -> None:
    """`check data/contoh.xlsx` reports no errors (exit 0)."""
    res = runner.invoke(app, ["check", str(CONTOH)])
    assert res.exit_code == 0, res.output
    assert "0 galat" in res.output


def test_template_then_check(tmp_path: Path) -> None:
    """`template` writes a workbook that `check` reads with one error per empty sheet, Pegawai and Jabatan (issue
    23: it used to pass as "0 pegawai" and then crash `solve`); nothing else in it is wrong."""
    path = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["template", str(path)]).exit_code == 0
    res = runner.invoke(app, ["check", str(path)])
    assert res.exit_code == 2 and "2 galat" in res.output, res.output


def test_demo_is_deterministic(tmp_path: Path) -> None:
    """`demo` with the same seed writes the same data (read back equal)."""
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (a, b):
        assert runner.invoke(app, ["demo", "-o", str(path), "--pegawai", "60", "--seed", "7"]).exit_code == 0
    assert read_workbook(a).data.employees == read_workbook(b).data.employees


def test_contoh_is_made_by_demo(tmp_path: Path) -> None:
    """data/contoh.xlsx is exactly what `demo --pegawai 600 --seed 1` produces (read back equal)."""
    path = tmp_path / "c.xlsx"
    assert runner.invoke(app, ["demo", "-o", str(path), "--pegawai", "600", "--seed", "1"]).exit_code == 0
    fresh, shipped = read_workbook(path).data, read_workbook(CONTOH).data
    assert fresh.employees == shipped.employees
    assert fresh.positions == shipped.positions
    assert fresh.wishes == shipped.wishes and shipped.wishes  # sheet Permintaan (SPEC 9)


def test_solve_summary_uses_the_indonesian_convention(solved: dict[str, Path]) -> None:
    """The terminal summary writes thousands with '.', decimals with ',' (41.287 and 64,3), never '64.3'."""
    out = SOLVE_OUTPUT[0]
    assert re.search(r"Rata-rata kesesuaian\s*│?\s*\d+,\d → \d+,\d", out), out
    assert re.search(r"Nilai objektif \(Σ nilai\)\s*│?\s*\d{1,3}(\.\d{3})*\s", out), out
    assert re.search(r"Waktu perhitungan\s*│?\s*\d+,\d detik", out), out
    assert re.search(r"Waktu total\s*│?\s*\d+(,\d)? detik", out), out


def test_solve_summary_speaks_to_the_planner_first(solved: dict[str, Path]) -> None:
    """The first table says what the plan does in words (result, moves, seats, schools and puskesmas kept); the
    solver's figures (status code, objective, gap, stage) are only in 'Rincian teknis' after it."""
    out = SOLVE_OUTPUT[0]
    planner, _, technical = out.partition("Rincian teknis")
    assert technical, out
    assert "rencana terbaik" in planner and "lokasi tetap terisi" in planner and "Kursi terisi" in planner
    for solver_word in ("OPTIMAL", "Σ nilai", "gap", "(tahap"):
        assert solver_word not in planner and solver_word in technical
    assert not re.search(r"\d\.\d detik|\d+\.\d → ", out)


def test_plan_workbook_is_readable_and_printable(solved: dict[str, Path]) -> None:
    """Every plan sheet: frozen, filtered header; A4 landscape fitted to the page width, header row repeated,
    the personal-data notice and page numbers in the footer; NIP cells are Text; long text wraps; dates are
    DD-MM-YYYY; widths follow the content."""
    wb = load_workbook(solved["out"])
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert "data pribadi" in (ws.oddFooter.left.text or "") and "&P" in (ws.oddFooter.right.text or "")
    for name in ("Usulan Mutasi", "Tetap"):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        nip = ws.cell(2, header.index("NIP") + 1)
        assert nip.data_type == "s" and nip.number_format == "@" and len(str(nip.value)) == 18
        alasan = header.index("Alasan") + 1
        width = ws.column_dimensions[ws.cell(1, alasan).column_letter].width
        long = [ws.cell(r, alasan) for r in range(2, ws.max_row + 1) if len(str(ws.cell(r, alasan).value)) > width]
        assert long and all(c.alignment.wrap_text for c in long), name
        assert 8 <= ws.column_dimensions["B"].width <= 42  # Nama: as wide as the names, not a fixed guess
    dates = [row[1] for row in wb["Parameter"].iter_rows(min_row=2) if row[0].value == "tanggal_acuan"]
    assert dates and dates[0].number_format == "DD-MM-YYYY"


def test_compare_workbook_has_filters_and_print_setup(tmp_path: Path) -> None:
    """`compare`'s workbook gets the same sheet machinery: filters, frozen header, print setup, NIP as Text."""
    data = tmp_path / "d.xlsx"
    assert runner.invoke(app, ["demo", "-o", str(data), "--pegawai", "60"]).exit_code == 0
    scenario = ROOT / "data" / "skenario" / "masa-jabatan-6-bulan.toml"
    res = runner.invoke(app, ["compare", str(data), "-s", str(scenario), "--batas-waktu", "10"])
    assert res.exit_code == 0, res.output
    wb = load_workbook(tmp_path / "d-banding.xlsx")
    for ws in wb.worksheets:
        assert ws.auto_filter.ref and ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
        assert ws.freeze_panes in (("A2",) if ws.title == "Kode Aturan" else ("B2", "C2")), ws.title
    ws = wb["Perbedaan"]
    if ws.max_row > 1:
        assert ws["A2"].number_format == "@" and ws["A2"].data_type == "s"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60-person fictional workbook made by `demo`."""
    path = tmp_path_factory.mktemp("small") / "d.xlsx"
    assert runner.invoke(app, ["demo", "-o", str(path), "--pegawai", "60", "--seed", "2"]).exit_code == 0
    return path


def test_infeasible_plan_exit_1_with_the_solver_message(small: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan that cannot exist ends `solve` with exit 1, the solver's message and its rules; nothing written."""
    from types import SimpleNamespace

    def infeasible(*_: object, **__: object) -> SimpleNamespace:
        return SimpleNamespace(feasible=False, status=SolveStatus.INFEASIBLE, message="Kursi wajib tidak dapat diisi.",
                               rules_involved=["R12"])

    monkeypatch.setattr("penempatan.solver.solve", infeasible)
    res = runner.invoke(app, ["solve", str(small), "-o", str(tmp_path / "h.xlsx")])
    assert res.exit_code == 1, res.output
    assert "Tidak ada rencana yang layak. Kursi wajib tidak dapat diisi. (aturan terkait: R12)" in res.output
    assert not (tmp_path / "h.xlsx").exists()


def test_no_plan_in_time_says_so_not_infeasible(small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A solve that found no plan within the time limit (TIME_LIMIT) says so and suggests a longer --batas-waktu;
    it does not claim that no plan exists."""
    from types import SimpleNamespace

    def slow(*_: object, **__: object) -> SimpleNamespace:
        return SimpleNamespace(feasible=False, status=SolveStatus.TIME_LIMIT, rules_involved=[],
                               message="CP-SAT belum menemukan rencana yang layak dalam batas waktu.")

    monkeypatch.setattr("penempatan.solver.solve", slow)
    res = runner.invoke(app, ["solve", str(small), "-o", str(tmp_path / "h.xlsx"), "--batas-waktu", "5"])
    assert res.exit_code == 1, res.output
    assert "Belum ada rencana dalam batas waktu 5 detik" in res.output and "--batas-waktu" in res.output
    assert "Tidak ada rencana yang layak" not in res.output
    assert not (tmp_path / "h.xlsx").exists()


def test_internal_error_is_one_line_and_verbose_shows_the_traceback(small: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal failure is `Galat internal: …` with exit 1; the traceback only with --verbose."""

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("uji")

    monkeypatch.setattr("penempatan.solver.solve", broken)
    res = runner.invoke(app, ["solve", str(small), "-o", str(tmp_path / "h.xlsx")])
    assert res.exit_code == 1 and "Galat internal: RuntimeError: uji" in res.output
    assert "Traceback" not in res.output and "--verbose" in res.output
    res = runner.invoke(app, ["solve", str(small), "-o", str(tmp_path / "h.xlsx"), "-v"])
    assert res.exit_code == 1 and "Traceback" in res.output


def test_output_equal_to_the_scenarios_reference_plan_is_refused(small: Path, tmp_path: Path) -> None:
    """An output on the reference plan a scenario names (`acuan`) is refused with exit 2, the plan untouched."""
    plan = tmp_path / "lama.xlsx"
    assert runner.invoke(app, ["solve", str(small), "-o", str(plan), "--batas-waktu", "10"]).exit_code == 0
    before = sha(plan)
    toml = tmp_path / "s.toml"
    toml.write_text('nama = "Dekat rencana lama"\nacuan = "lama.xlsx"\n', encoding="utf-8")
    res = runner.invoke(app, ["solve", str(small), "-s", str(toml), "-o", str(plan), "--timpa"])
    assert res.exit_code == 2, res.output
    assert f"berkas keluaran {plan} sama dengan rencana acuan" in res.output
    assert sha(plan) == before
