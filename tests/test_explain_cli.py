"""`penempatan explain` on a small generated workbook: an employee who moves, one who stays (R1), a post
with an empty seat, and bad arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.excel.read import read_workbook
from penempatan.excel.write_input import write_input_workbook
from penempatan.explain import Explainer
from penempatan.scoring import Tables
from penempatan.solver import solve
from penempatan.wishes.serve import serve_wishes

runner = CliRunner()


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A fictional 150-person workbook and, from the same solve the command runs, who to ask about."""
    path = tmp_path_factory.mktemp("explain") / "alak.xlsx"
    write_input_workbook(path, generate_demo(n_pegawai=150, seed=5))
    data = serve_wishes(read_workbook(path).data).data  # as the command does (SPEC 9)
    tables = Tables(data)
    result = solve(data, 30, tables=tables)
    ex = Explainer(data, tables, result)
    mover = ex.movers[0]
    r1 = next(i for i in range(tables.n_emp) if tables.hold_reasons[i] == ("R1",))
    empty = ex.empty_seats()[0]
    return {"path": path, "data": data, "ex": ex, "mover": mover, "r1": r1, "empty": empty}


def _run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["explain", *args, "--batas-waktu", "30"])
    return res.exit_code, " ".join(res.output.split())  # undo rich's line wrapping


def test_explain_an_employee_who_moves(case) -> None:
    """For a mover: the target post, the reason with its rule codes, the chain, and five alternatives."""
    ex: Explainer = case["ex"]  # type: ignore[assignment]
    i = case["mover"]
    e = ex.data.employees[i]
    code, out = _run(str(case["path"]), "--nip", e.nip)
    assert code == 0, out
    target = ex.data.positions[ex.target[i]]
    assert f"PINDAH ke {target.kode} {target.nama}" in out
    assert " ".join(ex.move_reason(i).text.split()) in out
    chain, step = ex.chain_of[i]
    assert f"{chain.id} urutan {step}" in out
    assert "Mengapa tidak" in out and "Pend" in out and "Tujuan: " in out and "Penjelasan untuk pegawai: " in out


def test_explain_an_employee_held_by_r1(case) -> None:
    """For an R1 stayer: TETAP with the R1 months, and every alternative blocked by R1."""
    ex: Explainer = case["ex"]  # type: ignore[assignment]
    i = case["r1"]
    e = ex.data.employees[i]
    code, out = _run(str(case["path"]), "--nip", f"NIP. {e.nip[:8]} {e.nip[8:]}")  # spelling as typed
    assert code == 0, out
    assert "Rencana: TETAP di" in out
    months, minimum = int(ex.t.emp_tenure[i]), ex.data.params.masa_jabatan_minimal_bulan
    assert f"R1: masa jabatan kurang dari minimal ({months} bulan < {minimum} bulan; Peraturan BKN 5/2019)" in out
    assert out.count("Mengapa tidak") == len(ex.alternatives(i))
    assert out.count("R1: masa jabatan") == 1 + len(ex.alternatives(i))


def test_explain_a_post_with_an_empty_seat(case) -> None:
    """For a post with an empty seat: the seat count, the reason and the per-rule exclusion counts."""
    ex: Explainer = case["ex"]  # type: ignore[assignment]
    j = case["empty"]
    q = ex.data.positions[j]
    code, out = _run(str(case["path"]), "--jabatan", q.kode.lower())
    assert code == 0, out
    empty = int(ex.t.post_keb[j] - ex.after[j])
    assert f"Kursi kosong: {empty}" in out
    assert " ".join(ex.empty_seat_reason(j).text.split()) in out
    for rule, n in ex.exclusion_counts(j).items():
        assert f"{rule} " in out and str(n) in out
    for i in ex.arrivals.get(j, []) + [k for k in ex.data.holders[j] if ex.target[k] == j]:
        assert ex.data.employees[i].nip in out
    for i, score in ex.runners_up(j):
        assert f"{ex.data.employees[i].nip}) skor {score} di sini" in out


def test_unknown_nip_or_post_exit_2_with_suggestions(case) -> None:
    """An unknown NIP or Kode Jabatan is a clear message with close matches and exit 2, before solving."""
    ex: Explainer = case["ex"]  # type: ignore[assignment]
    nip = ex.data.employees[0].nip
    code, out = _run(str(case["path"]), "--nip", nip[:-1] + ("0" if nip[-1] != "0" else "1"))
    assert code == 2 and "tidak ada di sheet Pegawai" in out and nip in out
    kode = ex.data.positions[0].kode
    code, out = _run(str(case["path"]), "--jabatan", kode + "X")
    assert code == 2 and "tidak ada di sheet Jabatan" in out and kode in out


@pytest.mark.parametrize("args", [[], ["--nip", "1", "--jabatan", "X"]])
def test_exactly_one_of_nip_or_jabatan(case, args: list[str]) -> None:
    """Neither or both of --nip/--jabatan is a bad argument (exit 2)."""
    code, out = _run(str(case["path"]), *args)
    assert code == 2 and "tepat satu" in out


def test_missing_file_exit_2(tmp_path: Path) -> None:
    """A missing input file is exit 2 with a message."""
    code, out = _run(str(tmp_path / "tidak-ada.xlsx"), "--nip", "1")
    assert code == 2 and "tidak ditemukan" in out


def test_explain_uses_the_scenario_like_solve(case, tmp_path: Path) -> None:
    """With --skenario freezing the mover's unit, the same mover stays, held by R15."""
    ex: Explainer = case["ex"]  # type: ignore[assignment]
    i = case["mover"]
    unit = ex.data.positions[ex.cur[i]].unit
    toml = tmp_path / "beku.toml"
    toml.write_text(f'nama = "Uji beku"\nbekukan_unit = ["{unit}"]\n', encoding="utf-8")
    code, out = _run(str(case["path"]), "--nip", ex.data.employees[i].nip, "--skenario", str(toml))
    assert code == 0, out
    assert "Skenario: Uji beku" in out
    assert "Rencana: TETAP di" in out
    assert f"R15: dikunci, dilarang atau unit dibekukan oleh skenario (unit {unit} dibekukan)" in out


def test_explain_an_employee_shows_the_next_career_steps(case) -> None:
    """The part 'Jenjang karier berikutnya': each step's post and readiness as explain.career says, or the one
    sentence why there is none; the words never promise a post."""
    from penempatan.explain.career import HEADING

    ex: Explainer = case["ex"]  # type: ignore[assignment]
    i = case["r1"]
    code, out = _run(str(case["path"]), "--nip", ex.data.employees[i].nip)
    assert code == 0, out
    found = ex.career(i)
    assert HEADING in out
    for step in found.steps:
        q = ex.data.positions[step.j]
        assert f"{q.kode} {q.nama}" in out and step.kesiapan in out
    if not found.steps:
        assert " ".join(found.reason.split()) in out
    assert "akan menjadi" not in out
