"""`check`/`solve --riwayat FOLDER` (SPEC 10): SIASN histories applied in memory exactly as `siasn --data` applies
them, conflicts printed as grouped warnings, the input never written; and old course names (Diklatpim IV, III,
II) counting as PKP, PKA and PKN Tingkat II done (pelatihan.csv `ejaan_lain`)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import openpyxl
import pytest
from test_siasn import PLANTED_COLUMNS
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.excel.read import read_workbook
from penempatan.excel.write_input import write_input_workbook
from penempatan.excel.write_plan import RIWAYAT_ROW
from penempatan.explain import Explainer
from penempatan.explain.training import already_done, trainings
from penempatan.model import ProblemData
from penempatan.reference import load_reference, words
from penempatan.scoring import Tables
from penempatan.siasn.sample import sample_dumps, write_sample
from penempatan.solver import solve
from penempatan.usecases.jobs import Riwayat, check_input

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "data" / "contoh.xlsx"
SHIPPED = ROOT / "data" / "siasn-contoh"
PKP, PKA, PKN = ("Pelatihan Kepemimpinan Pengawas (PKP)", "Pelatihan Kepemimpinan Administrator (PKA)",
                 "Pelatihan Kepemimpinan Nasional Tingkat II (PKN Tingkat II)")

runner = CliRunner()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flat(output: str) -> str:
    return " ".join(output.split())


# --- check --riwayat on the shipped example -------------------------------------------------------------------
def test_check_riwayat_on_the_shipped_example_lists_the_planted_conflicts() -> None:
    """`check --riwayat data/siasn-contoh data/contoh.xlsx` exits 0; its warnings are exactly the conflicts planted
    in the shipped dumps (person and column), grouped like every other warning; no input is written."""
    before = {p: sha(p) for p in (CONTOH, *SHIPPED.iterdir())}
    res = runner.invoke(app, ["check", "--riwayat", str(SHIPPED), str(CONTOH)])
    assert res.exit_code == 0, res.output
    assert {p: sha(p) for p in before} == before
    planted = dict(line.split(": ", 1) for line in sample_dumps(read_workbook(CONTOH).data, conflicts=True).planted)
    expected = {(nip, column) for nip, case in planted.items() if case in PLANTED_COLUMNS
                for column in PLANTED_COLUMNS[case]}
    assert len(expected) == 8, "the sample no longer plants the six cases: update this test"
    checked = check_input(CONTOH, None, Riwayat(SHIPPED))
    assert checked.riwayat is not None and checked.data is not None
    rows = {e.row: e.nip for e in checked.data.employees}
    conflicts = {(rows[p.row], p.column) for p in checked.riwayat.done.conflicts}  # type: ignore[index]
    assert conflicts == expected, "data/siasn-contoh is stale: run `python -m penempatan.siasn.sample`"
    text = flat(res.output)
    warnings = int(re.search(r"Peringatan \((\d+), dikelompokkan", text).group(1))  # type: ignore[union-attr]
    plain = runner.invoke(app, ["check", str(CONTOH)])
    assert warnings > len(expected) and "Riwayat SIASN" not in plain.output
    each = runner.invoke(app, ["check", "--riwayat", str(SHIPPED), str(CONTOH), "--semua"])
    lines = each.output.splitlines()
    for p in checked.riwayat.done.conflicts:  # one line each with --semua, at the planner's cell
        where = f"contoh.xlsx:Pegawai!{p.cell() or f'baris {p.row}'}: "
        assert any(where in line and "SIASN" in line for line in lines), where
    assert "TMT Jabatan: berbeda dengan rw_jabatan SIASN" in text  # two TMT conflicts: one group
    assert re.search(r"Pegawai!I: 2 baris: TMT Jabatan: berbeda dengan rw_jabatan SIASN", text)
    assert "8 berbeda (isian workbook dipertahankan)" in text and "tidak diubah" in text
    assert "1 pegawai tidak punya rekaman di riwayat SIASN" in text


def test_riwayat_options_are_checked() -> None:
    """A missing folder, or --utamakan-siasn without --riwayat, is exit 2 with a message, no traceback."""
    res = runner.invoke(app, ["check", "--riwayat", str(ROOT / "tidak-ada"), str(CONTOH)])
    assert res.exit_code == 2 and "folder riwayat" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["check", "--utamakan-siasn", str(CONTOH)])
    assert res.exit_code == 2 and "hanya dipakai bersama --riwayat" in flat(res.output)


# --- a small demo: filling, malformed dumps, and the plan equal to `siasn --data`'s ----------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 120-person demo workbook, its dumps with the planted conflicts (`riwayat`) and without (`lengkap`), and a
    copy whose TMT Jabatan column is gone (only the histories can fill it)."""
    tmp = tmp_path_factory.mktemp("riwayat")
    data = tmp / "demo.xlsx"
    problem = generate_demo(n_pegawai=120, seed=5)
    write_input_workbook(data, problem)
    folder = tmp / "riwayat"
    write_sample(sample_dumps(problem, conflicts=True), folder, data.name)
    complete = tmp / "lengkap"
    write_sample(sample_dumps(problem), complete, data.name)
    wb = openpyxl.load_workbook(data)
    ws = wb["Pegawai"]
    ws.delete_cols(next(c.column for c in ws[1] if c.value == "TMT Jabatan"))
    blank = tmp / "tanpa-tmt.xlsx"
    wb.save(blank)
    return {"data": data, "folder": folder, "complete": complete, "blank": blank}


def test_check_riwayat_fills_what_the_workbook_lacks(demo: dict[str, Path]) -> None:
    """A workbook without TMT Jabatan fails `check` but passes `check --riwayat` (filled in memory, the input's
    bytes unchanged)."""
    blank = demo["blank"]
    before = sha(blank)
    assert runner.invoke(app, ["check", str(blank)]).exit_code == 2
    res = runner.invoke(app, ["check", str(blank), "--riwayat", str(demo["complete"])])
    assert res.exit_code == 0, res.output
    assert sha(blank) == before


def test_bad_dumps_are_located_errors(demo: dict[str, Path], tmp_path: Path) -> None:
    """A malformed dump in the folder: exit 2 from check and solve, the file and line named, nothing written."""
    folder = tmp_path / "rusak"
    folder.mkdir()
    (folder / "rw-skp.json").write_text('[\n{"nipBaru": "1",}\n]', encoding="utf-8")
    res = runner.invoke(app, ["check", str(demo["data"]), "--riwayat", str(folder)])
    assert res.exit_code == 2 and "rw-skp.json:2: JSON tidak sah" in flat(res.output), res.output
    out = tmp_path / "hasil.xlsx"
    res = runner.invoke(app, ["solve", str(demo["data"]), "--riwayat", str(folder), "-o", str(out)])
    assert res.exit_code == 2 and "rw-skp.json:2" in flat(res.output) and "Traceback" not in res.output
    assert not out.exists()


def _plan(path: Path) -> dict[str, object]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {"penempatan": doc["penempatan"], "nilai_objektif": doc["nilai_objektif"]}


def _parameters(path: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = {r[0]: r[1] for r in wb["Parameter"].iter_rows(values_only=True) if r and r[0]}
    wb.close()
    return rows


@pytest.mark.parametrize("prefer", [False, True], ids=["isian-dipertahankan", "utamakan-siasn"])
def test_solve_riwayat_equals_solving_the_imported_workbook(demo: dict[str, Path], tmp_path: Path,
                                                             prefer: bool) -> None:
    """`solve DATA --riwayat FOLDER` places everyone where `solve` on the workbook written by `siasn FOLDER --data
    DATA` does (with and without --utamakan-siasn), prints the conflicts, records the folder in Parameter with the
    sha256 of that workbook (so `explain` answers from the saved plan on it, and refuses DATA), never writes DATA."""
    data, folder = demo["data"], demo["folder"]
    flags = ["--utamakan-siasn"] if prefer else []
    imported = tmp_path / "impor.xlsx"
    res = runner.invoke(app, ["siasn", str(folder), "--data", str(data), "-o", str(imported), *flags])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["solve", str(imported), "-o", str(tmp_path / "a.xlsx"), "--json",
                              str(tmp_path / "a.json")])
    assert res.exit_code == 0, res.output
    before = {p: sha(p) for p in (data, *folder.iterdir())}
    out = tmp_path / "b.xlsx"
    res = runner.invoke(app, ["solve", str(data), "--riwayat", str(folder), "-o", str(out), "--json",
                              str(tmp_path / "b.json"), *flags])
    assert res.exit_code == 0, res.output
    assert {p: sha(p) for p in before} == before
    assert _plan(tmp_path / "b.json") == _plan(tmp_path / "a.json")
    text = flat(res.output)
    assert "Peringatan (" in text and "berbeda dengan rw_skp SIASN" in text
    assert ("nilai SIASN dipakai" if prefer else "isian workbook dipertahankan") in text
    parameters = _parameters(out)
    row = str(parameters[RIWAYAT_ROW])
    assert row.startswith(f"{folder.name}: ") and "nilai diambil dari" in row and "8 berbeda" in row
    assert parameters["sha256_input"] == sha(imported)  # the very bytes `siasn --data` writes
    nip = next(iter(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["penempatan"]))
    res = runner.invoke(app, ["explain", str(imported), "--rencana", str(out), "--nip", nip])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["explain", str(data), "--rencana", str(out), "--nip", nip])
    assert res.exit_code == 2 and "dibuat dengan riwayat SIASN" in flat(res.output) and "siasn FOLDER" in res.output


def test_solve_riwayat_plan_differs_from_the_typed_data(demo: dict[str, Path], tmp_path: Path) -> None:
    """With --utamakan-siasn the planted predikat and sanction change the data, so the plan is not simply the
    typed workbook's (the equality above is not trivially true); the Parameter row is absent without --riwayat."""
    data, folder = demo["data"], demo["folder"]
    res = runner.invoke(app, ["solve", str(data), "-o", str(tmp_path / "a.xlsx"), "--json", str(tmp_path / "a.json")])
    assert res.exit_code == 0, res.output
    assert RIWAYAT_ROW not in _parameters(tmp_path / "a.xlsx")
    res = runner.invoke(app, ["solve", str(data), "--riwayat", str(folder), "--utamakan-siasn", "-o",
                              str(tmp_path / "b.xlsx"), "--json", str(tmp_path / "b.json")])
    assert res.exit_code == 0, res.output
    assert _parameters(tmp_path / "b.xlsx")["sha256_input"] != _parameters(tmp_path / "a.xlsx")["sha256_input"]
    assert _plan(tmp_path / "b.json") != _plan(tmp_path / "a.json")


# --- old course names -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("recorded", "course"), [
    ("Diklatpim IV", PKP), ("Diklat PIM Tingkat IV", PKP), ("Diklatpim Tk. IV", PKP), ("DIKLATPIM TK.IV", PKP),
    ("Diklat Kepemimpinan Tingkat IV Angkatan XII", PKP), ("Diklatpim III", PKA), ("Diklat PIM Tk. III", PKA),
    ("Diklatpim Tingkat II", PKN), ("PIM Tk. II", PKN),
])
def test_old_leadership_courses_count_as_done(recorded: str, course: str) -> None:
    """Diklatpim IV / III / II under their usual spellings count as PKP / PKA / PKN Tingkat II done."""
    other = {row.render(): row.ejaan_lain for row in load_reference().pelatihan}
    assert already_done(course, [recorded], other[course])


@pytest.mark.parametrize(("recorded", "course"), [
    ("Diklatpim III", PKP), ("Diklatpim IV", PKA), ("Diklat PIM Tingkat III", PKN), ("Diklatpim II", PKA),
    ("Diklat Teknis Pengadaan", PKP), ("Pelatihan Kepemimpinan", PKP),
])
def test_other_levels_do_not_count(recorded: str, course: str) -> None:
    """Another tingkat (III is not IV, II is not III), or a course that only shares a word, is not done."""
    other = {row.render(): row.ejaan_lain for row in load_reference().pelatihan}
    assert not already_done(course, [recorded], other[course])


def _with_courses(data: ProblemData, name: str) -> ProblemData:
    return data.model_copy(update={"employees": tuple(e.model_copy(update={"diklat": (*e.diklat, name)})
                                                      for e in data.employees)})


def test_diklatpim_iv_recorded_means_no_pkp_prescribed() -> None:
    """On a solved demo whose movers are prescribed the PKP and the PKA: once everyone has 'Diklatpim Tk. IV'
    recorded no PKP is prescribed and every other course still is; 'Diklatpim III' removes the PKA, not the PKP."""
    data = generate_demo(n_pegawai=150, seed=4)
    tables = Tables(data)
    plan = Explainer(data, tables, solve(data, 30, tables=tables))
    before = {i: [x.pelatihan for x in plan.training_needs(i)] for i in plan.movers}
    prescribed = [name for names in before.values() for name in names]
    assert PKP in prescribed and PKA in prescribed, "the plan prescribes no PKP or PKA: the test would prove nothing"
    for recorded, removed in (("Diklatpim Tk. IV", PKP), ("Diklatpim III", PKA)):
        t2 = Tables(_with_courses(data, recorded))
        after = {i: [x.pelatihan for x in trainings(t2, i, int(plan.target[i]))] for i in before}
        assert after == {i: [n for n in names if n != removed] for i, names in before.items()}, recorded


def test_pelatihan_table_loads_other_names() -> None:
    """pelatihan.csv's ejaan_lain holds the Diklatpim names of PKP, PKA and PKN Tingkat II as word sequences."""
    by = {row.pemicu: row.ejaan_lain for row in load_reference().pelatihan}
    assert words("Diklatpim Tk. IV") in by["masuk_pengawas"] and words("PIM Tingkat III") in by["masuk_administrator"]
    assert words("Diklatpim II") in by["masuk_jpt"] and by["masuk_jf"] == ()
