"""Degenerate workbooks (issue 23): no employees, one employee, no posts, no vacancy, every post vacant but the
employees' own. Every command that reads a workbook answers each of them with a plan or a message (exit 0, 1 or
2), never an internal error; an empty Pegawai or Jabatan sheet is one error naming the sheet (exit 2)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.excel.write_input import write_input_workbook
from penempatan.model import Params, Position, ProblemData
from tests.builders import emp, post

runner = CliRunner()
TODAY = date(2026, 12, 1)
KINDS = ("no_employees", "no_posts", "posts_deleted", "one_employee", "no_vacancy", "all_vacant", "surplus")
"""posts_deleted: employees on the Pegawai sheet, the Jabatan sheet emptied (its rows deleted by hand);
surplus: as all_vacant, but each employee's own post has one holder too many (R11 moves them out)."""
SCENARIO = 'nama = "Batas satu mutasi"\n\n[parameter]\nmaks_mutasi = 1\n'
NEVER = ("Galat internal", "Traceback")


def _posts(n_units: int, per_unit: int, seats: int) -> list[Position]:
    jenis = ("Pelaksana", "Pengawas", "Fungsional")
    return [post(f"U{u}-P{k}", unit=f"Unit {chr(65 + u)}", jenis=jenis[k % 3], kebutuhan=seats)
            for u in range(n_units) for k in range(per_unit)]


@st.composite
def degenerate(draw: st.DrawFn, kind: str) -> ProblemData:
    """A degenerate instance of `kind` of a drawn size (fictional)."""
    posts = _posts(draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 2)))
    n_emp = {"no_employees": 0, "no_posts": 0, "one_employee": 1}.get(kind, draw(st.integers(2, 6)))
    own = [posts[draw(st.integers(0, len(posts) - 1))].kode for _ in range(n_emp)]
    if kind == "no_posts":
        posts = []
    held = Counter(own)
    if kind == "no_vacancy":  # every post holds exactly its Kebutuhan; posts nobody holds are left out
        posts = [p.model_copy(update={"kebutuhan": held[p.kode]}) for p in posts if held[p.kode]]
    elif kind == "all_vacant":  # the employees' own posts are full, every other post is wholly vacant
        posts = [p.model_copy(update={"kebutuhan": held[p.kode] or p.kebutuhan}) for p in posts]
    elif kind == "surplus":
        posts = [p.model_copy(update={"kebutuhan": held[p.kode] - 1 if held[p.kode] else p.kebutuhan}) for p in posts]
    employees = [emp(i + 1, kode, tmt_jabatan=date(2020 + draw(st.integers(0, 5)), 1, 1),
                     kotak=draw(st.integers(1, 9)), bersedia_mutasi=draw(st.booleans()))
                 for i, kode in enumerate(own)]
    return ProblemData(employees=tuple(employees), positions=tuple(posts), params=Params(tanggal_acuan=TODAY))


def _delete_rows(path: Path, sheet: str) -> None:
    """Delete every data row of `sheet`, as a planner emptying it by hand would."""
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.delete_rows(2, ws.max_row)
    wb.save(path)


def _run(args: list[str]) -> tuple[int, str]:
    """Run one command; it must end with a plan or a message, never an internal error."""
    res = runner.invoke(app, ["--polos", *args])
    out = res.output
    assert res.exit_code in (0, 1, 2), f"{args}: exit {res.exit_code}\n{out}\n{res.exception!r}"
    assert not any(word in out for word in NEVER), f"{args}:\n{out}"
    assert res.exception is None or isinstance(res.exception, SystemExit), f"{args}: {res.exception!r}"
    return res.exit_code, out


def _every_command(path: Path, data: ProblemData) -> dict[str, tuple[int, str]]:
    """Every command that reads the workbook at `path`, with every output it can write; their (exit, output)."""
    tmp = path.parent
    scenario = tmp / "s.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    plan = tmp / "hasil.xlsx"
    nip = data.employees[0].nip if data.employees else "198001012005011001"
    kode = data.positions[0].kode if data.positions else "U0-P0"
    out = {
        "check": _run(["check", str(path), "-k", str(tmp / "masalah.xlsx")]),
        "solve": _run(["solve", str(path), "-o", str(plan), "--kurva", "--laporan", str(tmp / "l.html"),
                       "--json", str(tmp / "h.json"), "--kandidat", str(tmp / "k.csv"), "--batas-waktu", "5"]),
        "analyze": _run(["analyze", str(path), "-o", str(tmp / "a.xlsx"), "--laporan", str(tmp / "a.html")]),
        "explain": _run(["explain", str(path), "--nip", nip, "--batas-waktu", "5"]),
        "explain_post": _run(["explain", str(path), "--jabatan", kode, "--batas-waktu", "5"]),
        "compare": _run(["compare", str(path), "-s", str(scenario), "-o", str(tmp / "b.xlsx"),
                         "--laporan", str(tmp / "b.html"), "--batas-waktu", "5"]),
    }
    if plan.exists():
        out["explain_saved"] = _run(["explain", str(path), "--rencana", str(plan), "--nip", nip])
        out["surat"] = _run(["surat", str(path), "--rencana", str(plan), "-o", str(tmp / "surat")])
    return out


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=5, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=st.data())
def test_every_command_answers_degenerate_workbooks(kind: str, case: st.DataObject,
                                                    tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every command on a degenerate workbook exits 0, 1 or 2 without an internal error; without employees or
    posts each one refuses (exit 2) naming the empty sheet."""
    data = case.draw(degenerate(kind))
    path = tmp_path_factory.mktemp(kind) / "d.xlsx"
    write_input_workbook(path, data)
    if kind == "posts_deleted":
        _delete_rows(path, "Jabatan")
    results = _every_command(path, data)
    if kind in ("no_employees", "no_posts", "posts_deleted"):
        empty = "Pegawai" if kind == "no_employees" else "Jabatan"
        for name, (code, out) in results.items():
            assert code == 2 and f"{empty}: tidak ada" in out, f"{name}: {code}\n{out}"
    else:
        assert results["check"][0] == 0, results["check"][1]


def test_the_empty_template_is_refused_with_the_sheets_named(tmp_path: Path) -> None:
    """`template` then `check` or `solve`: exit 2 with one error each for the empty Pegawai and Jabatan sheets."""
    path = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["template", str(path)]).exit_code == 0
    for command in ("check", "solve", "analyze"):
        code, out = _run([command, str(path)])
        assert code == 2
        assert "Pegawai: tidak ada pegawai" in out and "Jabatan: tidak ada jabatan" in out
