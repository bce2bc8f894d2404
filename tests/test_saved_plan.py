"""`penempatan explain --rencana`: answering from a saved plan workbook without solving, and refusing a plan
that was made from other data, another scenario or parameters, or that a hand edit broke."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.excel.common import param_value
from penempatan.excel.read import read_workbook
from penempatan.excel.read_plan import SavedPlan, changed_parameters, read_saved_plan
from penempatan.excel.write_input import write_input_workbook
from penempatan.model import Params
from penempatan.scoring import Tables

runner = CliRunner()


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A fictional 150-person workbook, its plan written by `solve`, and a mover, a stayer and a post."""
    folder = tmp_path_factory.mktemp("saved")
    data, plan = folder / "alak.xlsx", folder / "alak-rencana.xlsx"
    write_input_workbook(data, generate_demo(n_pegawai=150, seed=5))
    res = runner.invoke(app, ["solve", str(data), "-o", str(plan), "--batas-waktu", "30"])
    assert res.exit_code == 0, res.output
    problem = read_workbook(data).data
    moves = read_saved_plan(plan).moves
    moved = {m.nip for m in moves}
    stayer = next(e.nip for e in problem.employees if e.nip not in moved)
    return {"data": data, "plan": plan, "problem": problem, "mover": moves[0].nip, "stayer": stayer,
            "post": moves[0].tujuan, "folder": folder}


def _run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["explain", *args])
    return res.exit_code, res.output


def _flat(out: str) -> str:
    return " ".join(out.split())  # undo rich's line wrapping


@pytest.mark.parametrize(("who", "option"), [("mover", "--nip"), ("stayer", "--nip"), ("post", "--jabatan")])
def test_saved_plan_answers_like_a_solve(saved, who: str, option: str) -> None:
    """For a mover, a stayer and a post, --rencana prints exactly what explain prints after solving."""
    data, plan, key = str(saved["data"]), str(saved["plan"]), str(saved[who])
    code, solved = _run(data, option, key, "--batas-waktu", "30")
    assert code == 0, solved
    code, answered = _run(data, "--rencana", plan, option, key)
    assert code == 0, answered
    assert answered == solved


def test_plan_from_other_data_exit_2_naming_both_files(saved) -> None:
    """A plan whose sha256_input is not the data's SHA-256 is refused (exit 2), naming both files."""
    other = Path(saved["folder"]) / "lain.xlsx"  # type: ignore[arg-type]
    write_input_workbook(other, generate_demo(n_pegawai=150, seed=6))
    code, out = _run(str(other), "--rencana", str(saved["plan"]), "--nip", str(saved["mover"]))
    assert code == 2, out
    flat = _flat(out)
    assert "dibuat dari data lain" in flat and "lain.xlsx" in flat and "alak-rencana.xlsx" in flat


def _edited(saved: dict[str, object], name: str, sheet: str, edit: object) -> Path:
    """A copy of the saved plan with one sheet changed by `edit(worksheet)`, as a planner's hand edit."""
    path = Path(saved["folder"]) / name  # type: ignore[arg-type]
    shutil.copy(saved["plan"], path)  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(path)
    edit(wb[sheet])  # type: ignore[operator]
    wb.save(path)
    return path


def test_hand_edited_forbidden_move_exit_2_naming_nip_and_rule(saved) -> None:
    """A move added by hand for an employee below the minimum tenure is refused, naming the NIP and R1."""
    problem = saved["problem"]
    t = Tables(problem)  # type: ignore[arg-type]
    i = next(i for i in range(t.n_emp) if t.hold_reasons[i] == ("R1",))
    e = problem.employees[i]  # type: ignore[attr-defined]
    here = problem.positions[int(t.cur[i])].kode  # type: ignore[attr-defined]
    there = next(q.kode for q in problem.positions if q.kode != here)  # type: ignore[attr-defined]

    def add_move(ws: object) -> None:
        header = [c.value for c in ws[1]]  # type: ignore[index]
        row = [""] * len(header)
        for column, value in (("NIP", e.nip), ("Kode Jabatan Asal", here), ("Kode Jabatan Tujuan", there),
                              ("Rantai", "X1")):
            row[header.index(column)] = value
        ws.append(row)  # type: ignore[attr-defined]

    plan = _edited(saved, "diubah.xlsx", "Usulan Mutasi", add_move)
    code, out = _run(str(saved["data"]), "--rencana", str(plan), "--nip", str(saved["mover"]))
    assert code == 2, out
    flat = _flat(out)
    assert f"NIP {e.nip} → {there} tidak diizinkan" in flat and "R1: masa jabatan kurang dari minimal" in flat


def test_changed_parameter_exit_2_naming_it(saved) -> None:
    """A plan whose Parameter sheet lists another biaya_mutasi than the data is refused, naming it."""
    def change(ws: object) -> None:
        for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
            if row[0].value == "biaya_mutasi":
                row[1].value = 99

    plan = _edited(saved, "parameter.xlsx", "Parameter", change)
    code, out = _run(str(saved["data"]), "--rencana", str(plan), "--nip", str(saved["mover"]))
    assert code == 2, out
    assert "Biaya setiap mutasi (biaya_mutasi) 99 di rencana" in _flat(out)


def test_edited_objective_is_caught_by_check(saved) -> None:
    """A Ringkasan objective that is not the plan's Σ nilai is refused by `check` (OBJ), exit 2."""
    def change(ws: object) -> None:
        for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
            if row[0].value == "Nilai Objektif":
                row[1].value = int(row[1].value) + 1

    plan = _edited(saved, "objektif.xlsx", "Ringkasan", change)
    code, out = _run(str(saved["data"]), "--rencana", str(plan), "--nip", str(saved["mover"]))
    assert code == 2, out
    assert "[OBJ]" in _flat(out)


def test_scenario_must_match_the_plan(saved, tmp_path: Path) -> None:
    """A plan made without a scenario is refused with -s, and one made with -s needs the same -s."""
    toml = tmp_path / "uji.toml"
    toml.write_text('nama = "Uji"\n[parameter]\nbiaya_mutasi = 17\n', encoding="utf-8")
    code, out = _run(str(saved["data"]), "--rencana", str(saved["plan"]), "--nip", str(saved["mover"]), "-s",
                     str(toml))
    assert code == 2 and "tanpa skenario" in _flat(out), out
    plan = tmp_path / "uji-rencana.xlsx"
    res = runner.invoke(app, ["solve", str(saved["data"]), "-s", str(toml), "-o", str(plan), "--batas-waktu", "30"])
    assert res.exit_code == 0, res.output
    code, out = _run(str(saved["data"]), "--rencana", str(plan), "--nip", str(saved["mover"]))
    assert code == 2 and "skenario 'Uji'" in _flat(out), out
    code, answered = _run(str(saved["data"]), "--rencana", str(plan), "--nip", str(saved["mover"]), "-s", str(toml))
    code_solved, solved = _run(str(saved["data"]), "--nip", str(saved["mover"]), "-s", str(toml))
    assert code == 0 and code_solved == 0, answered
    assert answered == solved


def test_help_names_the_option() -> None:
    """`explain -h` documents --rencana in Bahasa Indonesia."""
    res = runner.invoke(app, ["explain", "-h"])
    assert res.exit_code == 0
    assert "--rencana" in res.output and "tanpa menyelesaikan ulang" in _flat(res.output)


def test_plan_saved_before_the_letter_parameters_is_the_same_plan() -> None:
    """A plan whose Parameter sheet predates the letters' sender keys matches data that leaves them empty (they
    only word the letters); once the data sets one, it differs, as any other parameter would."""
    params = Params()
    letters_only = ("nama_instansi", "alamat_instansi", "penanda_tangan", "kontak", "tempat_surat")
    old = [(name, "" if getattr(params, name) is None else param_value(getattr(params, name)))
           for name in Params.model_fields if name not in letters_only]
    saved = SavedPlan("hasil.xlsx", [], {}, old)
    assert changed_parameters(saved, params) == []
    assert changed_parameters(saved, params.model_copy(update={"kontak": "Sari"})) == [("kontak", "(tidak ada)",
                                                                                         "Sari")]
    assert [name for name, _, _ in changed_parameters(saved, params.model_copy(update={"maks_mutasi": 3}))] == \
        ["maks_mutasi"]
