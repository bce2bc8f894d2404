"""Issue 24: text from the input that tries to act — a terminal escape sequence, a bidi override, NUL, a cell that
starts like a formula — stays text in every output (terminal, CSV, letters)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import far_workbook, workbook_maker
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from penempatan import text
from penempatan.cli import app
from penempatan.excel.read import read_workbook
from penempatan.explain import PlanView
from penempatan.letters import letters_for, render_letters, template_path
from penempatan.scoring import Tables
from penempatan.solver import solve

runner = CliRunner()
CONTOH = Path(__file__).resolve().parent.parent / "data" / "contoh.xlsx"
ESCAPE = "\x1b[2J\x1b[1;1HMasukan valid"  # clears the screen and prints a fake verdict
BIDI = "\u202etxt.exe"



mk = workbook_maker()


@given(st.text())
def test_visible_leaves_no_control_character_or_bidi_override(value: str) -> None:
    """`text.visible` keeps tab and line breaks and ordinary text, and shows every other control character and
    every bidi mark or override as '�', one for one."""
    shown = text.visible(value)
    assert len(shown) == len(value)
    for before, after in zip(value, shown, strict=True):
        hidden = (ord(before) < 32 and before not in "\t\n\r") or 0x7F <= ord(before) <= 0x9F or before in (
            "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        assert after == (text.SHOWN_INSTEAD if hidden else before)


def test_csv_text_defuses_formulas() -> None:
    """A CSV cell starting with = + - @ tab or CR is written with a leading apostrophe; others as they are."""
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert text.csv_text(f"{start}1+2") == f"'{start}1+2"
    assert text.csv_text("PUPR-01") == "PUPR-01"
    assert text.csv_text("198001012005011001") == "198001012005011001"


def test_check_prints_no_escape_sequence_from_a_cell(tmp_path: Path) -> None:
    """An unknown Kode Jabatan holding an escape sequence is quoted with '�' in place of ESC: it cannot clear the
    screen and print a fake 'Masukan valid'."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Pegawai", 2, "Kode Jabatan", "ESCAPE-HERE")
    # openpyxl refuses ESC in a cell; another tool writes it the way the format escapes it (_x001B_).
    made = mk.to_bytes(mk.build(sheets))
    crafted = mk._rewrite(made, lambda name, data: data.replace(b"ESCAPE-HERE", b"_x001B_[2J_x001B_[1;1HMasukan valid"))
    path = tmp_path / "escape.xlsx"
    path.write_bytes(crafted)
    res = runner.invoke(app, ["check", str(path)])
    assert res.exit_code == 2, res.output
    assert "\x1b" not in res.output
    assert f"{text.SHOWN_INSTEAD}[2J" in res.output


def test_candidate_csv_writes_a_formula_code_as_text(tmp_path: Path) -> None:
    """`solve --kandidat`: a Kode Jabatan '@SUM(1+1)' is written as the text "'@SUM(1+1)", never as a formula."""
    sheets = mk.valid_sheets()
    old = "DINKES-03"
    for sheet, header in (("Jabatan", "Kode Jabatan"), ("Pegawai", "Kode Jabatan")):
        rows = sheets[sheet]
        k = mk.column(rows, header)
        for row in rows[1:]:
            if row[k] == old:
                row[k] = "@SUM(1+1)"
    path = mk.save(sheets, tmp_path / "formula.xlsx")
    out = tmp_path / "k.csv"
    res = runner.invoke(app, ["solve", str(path), "-o", str(tmp_path / "h.xlsx"), "--kandidat", str(out)])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as f:
        codes = {row["kode_jabatan"] for row in csv.DictReader(f)}
    assert "'@SUM(1+1)" in codes and "@SUM(1+1)" not in codes


def test_letters_carry_no_nul_or_bidi_override(tmp_path: Path) -> None:
    """A name holding NUL and a right-to-left override gives a letter (python-docx refuses NUL outright) that
    shows both as '�'."""
    data = read_workbook(CONTOH).data
    tables = Tables(data)
    result = solve(data, 30, tables=tables)
    mover = next(i for i in range(len(data.employees)) if result.assignment[i] != data.current_post[i])
    employees = list(data.employees)
    employees[mover] = employees[mover].model_copy(update={"nama": f"Nama\x00 {BIDI}"})
    data = data.replace(employees=tuple(employees))
    view = PlanView(data, Tables(data), result)
    doc = render_letters(template_path(), letters_for(view))
    doc.save(str(tmp_path / "semua.docx"))
    body = "\n".join(p.text for p in docx.Document(str(tmp_path / "semua.docx")).paragraphs)
    assert "\u202e" not in body and "\x00" not in body
    assert f"Nama{text.SHOWN_INSTEAD} {text.SHOWN_INSTEAD}txt.exe" in body



@pytest.mark.parametrize(("cell", "row", "shown"), [("XFD1048576", 1048576, "baris 1048576"),
                                                     ("A1048576", 1048576, "baris 1048576"), ("ZZ5", 5, "ZZ5")])
def test_a_cell_far_out_is_one_located_error_in_little_memory(tmp_path: Path, cell: str, row: int,
                                                               shown: str) -> None:
    """Issue 24: a cell beyond 200,000 rows or column GR is one error at its place, read in a separate process
    whose peak memory stays under 200 MB (calamine would have allocated the dense range: 549 GB for XFD1048576)."""
    path = far_workbook(tmp_path / "far.xlsx", cell)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from penempatan.errors import InputError\n"
        "from penempatan.excel.read import read_workbook\n"
        "try:\n"
        "    read_workbook(Path(sys.argv[1]))\n"
        "except InputError as exc:\n"
        "    for p in exc.errors: print(p.sheet, p.row, p.value, p.message, sep='|')\n"
        # VmHWM is this process's own peak (ru_maxrss would keep the forking pytest's size across exec).
        "print('peak', next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    errors = [line.split("|") for line in lines[:-1]]
    assert [(sheet, int(number), value) for sheet, number, value, _ in errors] == [("Pegawai", row, shown)]
    assert "di luar batas" in errors[0][3]
    assert int(lines[-1].split()[1]) < 200 * 1024  # KB


def test_only_regular_files_of_sane_size_are_read(tmp_path: Path) -> None:
    """A folder, a FIFO (which would block a read forever), /dev/zero and a file over 200 MB are each refused with
    one message before anything is read."""
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    big = tmp_path / "besar.xlsx"
    with big.open("wb") as f:  # sparse: takes no disk
        f.write(b"PK\x03\x04")
        f.truncate(201 << 20)
    for path, words in ((tmp_path, "bukan berkas"), (fifo, "bukan berkas biasa"),
                        (Path("/dev/zero"), "bukan berkas biasa"), (big, "terlalu besar")):
        res = runner.invoke(app, ["check", str(path)])
        assert res.exit_code == 2, res.output
        assert words in res.output and "Galat internal" not in res.output
