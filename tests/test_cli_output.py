"""What the command line says, through a pipe and in a terminal: one unbroken line per input problem naming
file, sheet, cell, column and value; warnings grouped by kind after every error; Bahasa Indonesia everywhere,
also for option errors and help; `--version`, `-h`, `-v` after the command; TOML syntax errors with their line."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

from penempatan import cli
from penempatan.cli.problems import show_problems
from penempatan.cli.terminal import term
from penempatan.errors import FILE_SHEET, Problem, Severity, column_letter
from penempatan.excel.common import header_positions

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
runner = CliRunner()
ENGLISH = ("Invalid value", "No such option", "Missing argument", "Missing option", "Show this message",
           "Usage:", "Try '", "Error", "Got unexpected", "requires an argument", "<bool>", "<list[", "<path>",
           "[default:", "[required]", "Traceback")


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BROKEN: dict[str, tuple[str, int | None, str | None]] = _load("test_read_corpus",
                                                             ROOT / "tests" / "test_read.py").BROKEN


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}


def _where(name: str, where: tuple[str, int | None, str | None]) -> str:
    """The location prefix a problem at (sheet, row, column) of tests/data/<name> must be printed with."""
    sheet, row, column = where
    if sheet == FILE_SHEET:
        return f"{name}: "
    if row is None:
        return f"{name}:{sheet}: "
    number = header_positions(DATA / name).get(sheet, {}).get(column or "")
    cell = f"{column_letter(number)}{row}" if number is not None else f"baris {row}"
    return f"{name}:{sheet}!{cell}: " + (f"{column}" if column else "")


@pytest.fixture(scope="module")
def corpus_output() -> dict[str, tuple[str, str]]:
    """`check` of every broken workbook in one process whose stdout and stderr are pipes (COLUMNS=80)."""
    driver = ("import sys\nfrom penempatan.cli import app\n"
              "for name in sys.argv[1:]:\n"
              "    print('=== ' + name, flush=True)\n"
              "    print('=== ' + name, file=sys.stderr, flush=True)\n"
              "    app(['check', name], standalone_mode=False)\n"
              "    sys.stdout.flush(); sys.stderr.flush()\n")
    names = sorted(BROKEN)
    proc = subprocess.run([sys.executable, "-c", driver, *names], cwd=DATA, env=_env(), capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]

    def split(stream: str) -> dict[str, str]:
        parts = re.split(r"^=== (\S+)\n", stream, flags=re.M)
        return dict(zip(parts[1::2], parts[2::2], strict=True))

    out, err = split(proc.stdout), split(proc.stderr)
    return {name: (out[name], err[name]) for name in names}


@pytest.mark.parametrize(("name", "where"), sorted(BROKEN.items()))
def test_piped_check_names_file_sheet_cell_column_value(corpus_output: dict[str, tuple[str, str]], name: str,
                                                        where: tuple[str, int | None, str | None]) -> None:
    """Piped at COLUMNS=80, the error of each broken workbook is one line: file, sheet!cell, column, the value
    quoted and unbroken, the message and its hint; the summary goes to stdout."""
    from penempatan.errors import InputError
    from penempatan.excel.read import read_workbook

    out, err = corpus_output[name]
    with pytest.raises(InputError) as caught:
        read_workbook(DATA / name)
    problem = next(p for p in caught.value.problems if (p.sheet, p.row, p.column) == where and p.is_error)
    prefix = _where(name, where)
    lines = [line for line in err.splitlines() if line.startswith(prefix)]
    assert lines, (prefix, err)
    line = next((ln for ln in lines if problem.message in ln), None)
    assert line is not None, (problem.message, lines)
    if problem.value and problem.sheet != FILE_SHEET:
        assert f"'{problem.value}'" in line
    if problem.hint:
        assert f"Saran: {problem.hint}" in line
    assert "│" not in err and "tidak valid" in out and name in out
    for text_line in err.splitlines():  # nothing wrapped: every line is a heading or starts with the file
        assert text_line.startswith(name) or text_line.endswith(":") or text_line.startswith("…"), text_line


def test_check_through_the_real_entry_point() -> None:
    """`python -m penempatan check many_problems.xlsx` piped: exit 2, one line per error at its cell, no wrapping,
    the summary alone on stdout."""
    proc = subprocess.run([sys.executable, "-m", "penempatan", "check", "many_problems.xlsx"], cwd=DATA, env=_env(),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2
    expected = {("Pegawai", 2, "Golongan"), ("Pegawai", 3, "TMT Jabatan"), ("Pegawai", 4, "Kode Jabatan"),
                ("Pegawai", 5, "NIP"), ("Pegawai", 6, "Predikat Kinerja"), ("Pegawai", 9, "NIP"),
                ("Jabatan", 3, "Kebutuhan"), ("Jabatan", 4, "Kelas Jabatan"), ("Pengaturan", 3, "Parameter")}
    for where in expected:
        prefix = _where("many_problems.xlsx", where)
        assert any(line.startswith(prefix) for line in proc.stderr.splitlines()), (prefix, proc.stderr)
    assert "many_problems.xlsx:Pegawai!G3: TMT Jabatan '31-02-2020': " in proc.stderr
    assert proc.stdout.count("\n") == 1 and "tidak valid" in proc.stdout
    assert not any(word in proc.stderr + proc.stdout for word in ENGLISH)


def test_check_of_a_5000_employee_demo_fits_a_screen(tmp_path: Path) -> None:
    """`check` piped on `demo --pegawai 5000` exits 0 and prints at most 60 lines (warnings grouped)."""
    data = tmp_path / "demo5000.xlsx"
    assert runner.invoke(cli.app, ["demo", "-o", str(data), "--pegawai", "5000"]).exit_code == 0
    proc = subprocess.run([sys.executable, "-m", "penempatan", "check", data.name], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert len((proc.stdout + proc.stderr).splitlines()) <= 60, proc.stderr
    assert "Masukan valid: 5.000 pegawai" in proc.stdout


# --- grouping -----------------------------------------------------------------------------------------------
def _capture(problems: list[Problem], semua: bool = False, width: int | None = None) -> str:
    """What `show_problems` writes to stderr, plain (width None) or as a terminal of `width` columns."""
    buffer = io.StringIO()
    term.plain = width is None
    term.err = Console(file=buffer, width=width or 100_000, soft_wrap=width is None, color_system=None)
    try:
        show_problems(problems, Path("DATA.xlsx"), semua=semua)
    finally:
        term.configure(True)
    return buffer.getvalue()


def _warning(row: int, value: str, column: str = "Pelatihan", number: int = 17) -> Problem:
    return Problem("Pegawai", row, column, value, "pelatihan tidak cocok dengan bidang mana pun; diabaikan",
                   "Tulis nama bidangnya.", Severity.WARNING, number)


def _error(row: int) -> Problem:
    return Problem("Pegawai", row, "TMT Jabatan", "31-02-2020", "tanggal tidak ada di kalender", "Periksa.",
                   Severity.ERROR, 7)


def test_warnings_are_grouped_after_every_error() -> None:
    """10 errors come first, one line each; 1,500 warnings of two kinds are two lines with counts, the
    commonest values and the first rows; --semua lists every warning."""
    warnings = [_warning(r, "Audit" if r % 3 else "Kearsipan") for r in range(2, 1202)]
    warnings += [Problem("Pegawai", r, "Jurusan", f"Jurusan {r % 7}", "jurusan tidak cocok dengan bidang mana pun "
                         "di rumpun.csv", "Tambahkan ke rumpun.csv.", Severity.WARNING, 5) for r in range(2, 302)]
    errors = [_error(r) for r in range(40, 50)]
    out = _capture(warnings + errors)
    lines = out.splitlines()
    assert lines[0] == "Galat (10):"
    assert all(line.startswith("DATA.xlsx:Pegawai!G") for line in lines[1:11])
    assert lines[1] == ("DATA.xlsx:Pegawai!G40: TMT Jabatan '31-02-2020': tanggal tidak ada di kalender. "
                        "Saran: Periksa.")
    assert lines[11].startswith("Peringatan (1.500, dikelompokkan")
    assert len(lines) == 14
    assert lines[12].startswith("DATA.xlsx:Pegawai!Q: 1.200 baris: Pelatihan: pelatihan tidak cocok")
    assert "'Audit' ×800, 'Kearsipan' ×400" in lines[12] and "(baris 2, 3, 4, 5, 6, 7, …)" in lines[12]
    assert lines[13].startswith("DATA.xlsx:Pegawai!E: 300 baris: Jurusan: ") and "dan 4 nilai lain" in lines[13]
    assert len(_capture(warnings + errors, semua=True).splitlines()) == 2 + 10 + 1500


def test_one_value_group_reads_like_the_issue() -> None:
    """A group with one value names it with its column: `412 baris: Pelatihan 'Audit': …`."""
    out = _capture([_warning(r, "Audit") for r in (14, 20, 31, 40, 41, 42, 50)])
    assert "DATA.xlsx:Pegawai!Q: 7 baris: Pelatihan 'Audit': pelatihan tidak cocok" in out
    assert "(baris 14, 20, 31, 40, 41, 42, …). Saran: Tulis nama bidangnya." in out


def test_terminal_table_never_breaks_a_value() -> None:
    """In a terminal the problems are a table whose location, column and value cells stay whole; when such a
    table cannot fit, one line per problem instead."""
    long_nip = Problem("Pegawai", 9, "NIP", "197003152000031002", "NIP ganda: sama dengan baris 2 " * 4,
                       "Hapus baris yang dobel.", Severity.ERROR, 1)
    wide = _capture([long_nip, _error(8)], width=80)
    assert "│" in wide and "'197003152000031002'" in wide and "Pegawai!A9" in wide and "TMT Jabatan" in wide
    narrow = _capture([Problem("Pegawai", 9, "Kompetensi Sosial Kultural", "x" * 60, "salah", "", Severity.ERROR,
                               18)], width=80)
    assert "│" not in narrow and "DATA.xlsx:Pegawai!R9: Kompetensi Sosial Kultural '" + "x" * 60 + "': salah." in narrow


def test_problem_without_column_position_names_the_row() -> None:
    """A problem whose column position is unknown (and not in the workbook header) names its row instead."""
    out = _capture([Problem("Pegawai", 8, "Kolom Hilang", None, "kolom wajib tidak ada", "", Severity.ERROR)])
    assert out.splitlines()[1] == "DATA.xlsx:Pegawai!baris 8: Kolom Hilang: kolom wajib tidak ada."


def test_check_keluaran_writes_every_problem(tmp_path: Path) -> None:
    """`check --keluaran` writes each problem as a row of a filtered workbook with a frozen header."""
    out = tmp_path / "masalah.xlsx"
    res = runner.invoke(cli.app, ["check", str(DATA / "many_problems.xlsx"), "--keluaran", str(out)])
    assert res.exit_code == 2
    ws = load_workbook(out)["Masalah"]
    assert [c.value for c in ws[1]] == ["Jenis", "Sheet", "Sel", "Baris", "Kolom", "Nilai", "Pesan", "Saran"]
    assert ws.auto_filter.ref and ws.freeze_panes == "A2"
    rows = {(r[1], r[2], r[4]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "galat"}
    assert {("Pegawai", "G3", "TMT Jabatan"), ("Jabatan", "G3", "Kebutuhan"), ("Pegawai", "A9", "NIP")} <= rows
    assert f"ditulis ke {out}" in res.stdout


# --- the command line -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["solve", "data.xlsx", "--batas-waktu", "0"], ["solve", "data.xlsx", "--batas-waktu", "abc"],
    ["demo"], ["demo", "-o"], ["demo", "-o", "x.xlsx", "--pegawai", "10"], ["check"], ["check", "a", "b"],
    ["check", "a.xlsx", "--semu"], ["check", "a.xlsx", "--semua=3"], ["solv", "a.xlsx"], ["compare", "a.xlsx"],
    ["--tidak-ada"],
])
def test_option_errors_in_bahasa(args: list[str]) -> None:
    """Every option error is Bahasa Indonesia (what is wrong, usage, where help is), exit 2, no click English."""
    res = runner.invoke(cli.app, args)
    assert res.exit_code == 2, res.output
    assert res.output.startswith("Galat: ") and "Pemakaian: penempatan" in res.output and "-h" in res.output
    assert not any(word in res.output for word in ENGLISH), res.output


def test_option_error_names_option_and_value() -> None:
    """`--batas-waktu 0` names the option, the value and the limit."""
    res = runner.invoke(cli.app, ["solve", "data.xlsx", "--batas-waktu", "0"])
    assert "nilai '0' untuk opsi --batas-waktu tidak sah: harus ≥ 1" in res.output
    res = runner.invoke(cli.app, ["check", "a.xlsx", "--semu"])
    assert "opsi --semu tidak dikenal. Mungkin maksud Anda: --semua." in res.output


@pytest.mark.parametrize("command", ["", "template", "demo", "check", "solve", "analyze", "explain", "compare"])
def test_help_everywhere_in_bahasa(command: str) -> None:
    """`-h` and `--help` work for the program and every command, in Bahasa Indonesia, without type tags."""
    for flag in ("-h", "--help"):
        res = runner.invoke(cli.app, [*command.split(), flag])
        assert res.exit_code == 0, res.output
        assert res.output.startswith("Pemakaian: penempatan") and "Tampilkan bantuan ini lalu keluar." in res.output
        assert not any(word in res.output for word in ENGLISH), res.output


@pytest.mark.parametrize(("command", "default"), [("solve", "DATA-rekomendasi.xlsx"), ("analyze", "DATA-analisis.xlsx"),
                                                 ("compare", "DATA-banding.xlsx")])
def test_help_shows_default_output_and_short_options(command: str, default: str) -> None:
    """Each writing command's help shows its default output path, --timpa and the short -s for --skenario."""
    res = runner.invoke(cli.app, [command, "-h"])
    assert default in res.output and "--timpa" in res.output
    if command != "analyze":
        assert "-s, --skenario" in res.output


def test_skenario_short_option_everywhere() -> None:
    """`-s` is the short form of `--skenario` in template, solve, explain and compare."""
    for command in ("template", "solve", "explain", "compare"):
        assert "-s, --skenario" in runner.invoke(cli.app, [command, "-h"]).output, command


def test_version() -> None:
    """`--version` prints penempatan's version and OR-Tools'."""
    from importlib.metadata import version

    res = runner.invoke(cli.app, ["--version"])
    assert res.exit_code == 0
    assert f"penempatan {version('penempatan')}" in res.output and f"OR-Tools {version('ortools')}" in res.output


def test_no_arguments_shows_help() -> None:
    """`penempatan` alone shows the program's help."""
    res = runner.invoke(cli.app, [])
    assert res.exit_code == 0 and "Perintah:" in res.output


@pytest.mark.parametrize("flag", ["-v", "--verbose", "--polos"])
def test_global_flags_after_the_command(flag: str, tmp_path: Path) -> None:
    """`-v`/`--verbose` and `--polos` work before and after the command."""
    for args in ([flag, "check", str(tmp_path / "x.xlsx")], ["check", str(tmp_path / "x.xlsx"), flag]):
        res = runner.invoke(cli.app, args)
        assert res.exit_code == 2 and "tidak ditemukan" in res.output, res.output


def test_toml_syntax_error_in_bahasa_with_its_line(tmp_path: Path) -> None:
    """A TOML syntax error names the file and line and says what is wrong in Bahasa Indonesia."""
    bad = tmp_path / "salah.toml"
    bad.write_text('nama = "uji"\n[parameter]\nmaks_mutasi = \n', encoding="utf-8")
    res = runner.invoke(cli.app, ["solve", str(DATA / "valid.xlsx"), "-s", str(bad), "-o", str(tmp_path / "o.xlsx")])
    assert res.exit_code == 2
    assert f"{bad}:3: susunan TOML salah: nilai tidak sah" in res.output, res.output
    assert "Invalid value" not in res.output and "(at line" not in res.output
