"""Never destroy a planner's work: no command replaces an existing file without --timpa, every output path is
checked before any long work (exit 2, the user's path named, no traceback), output files get the user's normal
permissions, and Ctrl-C never leaves a mix of old and new outputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from penempatan import cli
from penempatan.atomic import TEMP_PREFIX, atomic_text, output_batch, umask

runner = CliRunner()
SKENARIO = Path(__file__).resolve().parent.parent / "data" / "skenario" / "batas-50-mutasi.toml"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small valid input workbook made by `demo`."""
    path = tmp_path_factory.mktemp("bron") / "data.xlsx"
    res = runner.invoke(cli.app, ["demo", "-o", str(path), "--pegawai", "60", "--seed", "3"])
    assert res.exit_code == 0, res.output
    return path


@pytest.fixture
def work(source: Path, tmp_path: Path) -> Path:
    """A folder holding a copy of the input workbook, `data.xlsx`."""
    shutil.copy(source, tmp_path / "data.xlsx")
    return tmp_path


def _existing(folder: Path, *names: str) -> dict[Path, str]:
    """Files standing in for a planner's work, with their checksums."""
    out = {}
    for name in names:
        path = folder / name
        path.write_bytes(f"pekerjaan perencana: {name}".encode())
        out[path] = sha(path)
    return out


def _unchanged(files: dict[Path, str]) -> None:
    for path, digest in files.items():
        assert sha(path) == digest, path


# command line (with {d} for the work folder) -> the existing files it would write
WRITERS = {
    "template {d}/t.xlsx": ["t.xlsx"],
    "template {d}/t2.xlsx -s {d}/contoh.toml": ["contoh.toml"],
    "demo -o {d}/demo.xlsx --pegawai 60": ["demo.xlsx"],
    "check {d}/data.xlsx --keluaran {d}/masalah.xlsx": ["masalah.xlsx"],
    "solve {d}/data.xlsx -o {d}/hasil.xlsx": ["hasil.xlsx"],
    "solve {d}/data.xlsx -o {d}/baru.xlsx --json {d}/p.json": ["p.json"],
    "solve {d}/data.xlsx -o {d}/baru.xlsx --kandidat {d}/k.csv": ["k.csv"],
    "solve {d}/data.xlsx -o {d}/baru.xlsx --laporan {d}/l.html": ["l.html"],
    "analyze {d}/data.xlsx -o {d}/analisis.xlsx": ["analisis.xlsx"],
    "analyze {d}/data.xlsx -o {d}/baru.xlsx --laporan {d}/l.html": ["l.html"],
    "compare {d}/data.xlsx -s " + str(SKENARIO) + " -o {d}/banding.xlsx": ["banding.xlsx"],
    "compare {d}/data.xlsx -s " + str(SKENARIO) + " -o {d}/baru.xlsx --laporan {d}/l.html": ["l.html"],
}


@pytest.mark.parametrize("line", list(WRITERS))
def test_named_existing_output_is_refused(work: Path, line: str) -> None:
    """A path the user named that exists is refused with exit 2, the path named, and every byte kept; the
    refusal comes before any work (nothing else is written)."""
    files = _existing(work, *WRITERS[line])
    before = set(work.iterdir())
    started = time.perf_counter()
    res = runner.invoke(cli.app, line.format(d=work).split())
    assert time.perf_counter() - started < 1.0
    assert res.exit_code == 2, res.output
    named = next(iter(files))
    assert f"{named} sudah ada" in res.output and "--timpa" in res.output
    assert "Traceback" not in res.output
    _unchanged(files)
    assert set(work.iterdir()) == before  # no other output, no temporary file


@pytest.mark.parametrize("line", ["template {d}/t.xlsx -s {d}/contoh.toml", "demo -o {d}/demo.xlsx --pegawai 60",
                                  "check {d}/data.xlsx -k {d}/masalah.xlsx",
                                  "solve {d}/data.xlsx -o {d}/hasil.xlsx --json {d}/p.json --kandidat {d}/k.csv "
                                  "--laporan {d}/l.html --batas-waktu 10",
                                  "analyze {d}/data.xlsx -o {d}/analisis.xlsx --laporan {d}/l.html",
                                  "compare {d}/data.xlsx -s " + str(SKENARIO) + " -o {d}/banding.xlsx "
                                  "--laporan {d}/l.html --batas-waktu 10"])
def test_timpa_replaces(work: Path, line: str) -> None:
    """With --timpa every named output is replaced (new checksums), and no temporary file is left."""
    names = [Path(w).name for w in line.format(d=work).split() if w.startswith(str(work)) and "data.xlsx" not in w]
    files = _existing(work, *names)
    res = runner.invoke(cli.app, [*line.format(d=work).split(), "--timpa"])
    assert res.exit_code == 0, res.output
    for path, digest in files.items():
        assert sha(path) != digest, path
    assert not [p for p in work.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_default_output_takes_the_next_free_name(work: Path) -> None:
    """A default output path that exists becomes data-rekomendasi-2.xlsx, then -3, and the command says so;
    with --timpa the default itself is replaced."""
    files = _existing(work, "data-rekomendasi.xlsx")
    for expected in ("data-rekomendasi-2.xlsx", "data-rekomendasi-3.xlsx"):
        res = runner.invoke(cli.app, ["solve", str(work / "data.xlsx"), "--batas-waktu", "10"])
        assert res.exit_code == 0, res.output
        assert f"ditulis ke {work / expected} (data-rekomendasi.xlsx sudah ada dan tidak ditimpa" in res.output
        assert (work / expected).exists()
    _unchanged(files)
    res = runner.invoke(cli.app, ["analyze", str(work / "data.xlsx")])
    assert res.exit_code == 0 and (work / "data-analisis.xlsx").exists()
    res = runner.invoke(cli.app, ["analyze", str(work / "data.xlsx")])
    assert (work / "data-analisis-2.xlsx").exists(), res.output
    res = runner.invoke(cli.app, ["solve", str(work / "data.xlsx"), "--batas-waktu", "10", "--timpa"])
    assert res.exit_code == 0 and sha(work / "data-rekomendasi.xlsx") != files[work / "data-rekomendasi.xlsx"]


@pytest.mark.parametrize("line", ["solve {d}/data.xlsx -o {d}/data.xlsx --timpa",
                                  "solve {d}/data.xlsx --laporan {d}/data.xlsx --timpa",
                                  "analyze {d}/data.xlsx -o {d}/./data.xlsx --timpa",
                                  "check {d}/data.xlsx -k {d}/data.xlsx --timpa",
                                  "compare {d}/data.xlsx -s " + str(SKENARIO) + " -o " + str(SKENARIO) + " --timpa"])
def test_output_equal_to_an_input_is_refused(work: Path, line: str) -> None:
    """An output path equal to an input (even with --timpa) is refused with exit 2; the input is untouched."""
    before, scenario = sha(work / "data.xlsx"), sha(SKENARIO)
    res = runner.invoke(cli.app, line.format(d=work).split())
    assert res.exit_code == 2 and "masukan" in res.output, res.output
    assert sha(work / "data.xlsx") == before and sha(SKENARIO) == scenario


def test_two_outputs_on_one_path_are_refused(work: Path) -> None:
    """Two outputs of one command on the same path are refused before any work."""
    res = runner.invoke(cli.app, ["solve", str(work / "data.xlsx"), "--json", str(work / "x"), "--kandidat",
                                  str(work / "x")])
    assert res.exit_code == 2 and f"{work / 'x'} dipakai untuk dua keluaran" in res.output


def _unwritable(work: Path) -> Iterator[tuple[str, str]]:
    """(output path, what the message must say) for outputs that cannot be written."""
    (work / "folder").mkdir()
    yield str(work / "folder"), "adalah folder"
    yield str(work / "tidak-ada" / "hasil.xlsx"), "tidak ada"
    (work / "berkas.txt").write_text("x", encoding="utf-8")
    yield str(work / "berkas.txt" / "hasil.xlsx"), "bukan folder"
    if os.name == "posix" and Path("/proc/self").exists():
        yield "/proc/hasil.xlsx", "tidak dapat menulis"
    if os.name == "posix" and os.geteuid() != 0:  # root writes anywhere
        locked = work / "terkunci"
        locked.mkdir(mode=0o555)
        yield str(locked / "hasil.xlsx"), "izin"


@pytest.mark.parametrize("option", ["-o", "--laporan", "--json", "--kandidat"])
def test_unwritable_output_fails_fast(work: Path, option: str) -> None:
    """An output into a folder, a missing folder, a file used as a folder or a folder that cannot be written
    fails in under a second with exit 2, the user's path in the message and no traceback."""
    for path, why in _unwritable(work):
        started = time.perf_counter()
        res = runner.invoke(cli.app, ["solve", str(work / "data.xlsx"), option, path])
        assert time.perf_counter() - started < 1.0, path
        assert res.exit_code == 2, res.output
        assert path in res.output and why in res.output, res.output
        assert "Traceback" not in res.output and "Galat internal" not in res.output
    assert not (work / "data-rekomendasi.xlsx").exists()


def test_file_open_in_excel_is_not_replaced(work: Path) -> None:
    """With --timpa, an output that Excel has open (a `~$name` lock file beside it) is refused, saying so."""
    files = _existing(work, "hasil.xlsx", "~$hasil.xlsx")
    res = runner.invoke(cli.app, ["solve", str(work / "data.xlsx"), "-o", str(work / "hasil.xlsx"), "--timpa"])
    assert res.exit_code == 2 and "sedang dibuka di Excel" in res.output and str(work / "hasil.xlsx") in res.output
    _unchanged(files)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_outputs_get_normal_permissions(work: Path, mask: int) -> None:
    """Output files get the permissions the umask gives new files (not the private -rw------- of a temporary
    file)."""
    old = os.umask(mask)
    try:
        assert umask() == mask
        res = runner.invoke(cli.app, ["template", str(work / "t.xlsx"), "-s", str(work / "s.toml")])
        assert res.exit_code == 0, res.output
    finally:
        os.umask(old)
    for name in ("t.xlsx", "s.toml"):
        assert stat.S_IMODE((work / name).stat().st_mode) == 0o666 & ~mask, name


def test_ctrl_c_while_writing_keeps_the_old_outputs(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C after the workbook and JSON are written but before the report: exit 130 with a Bahasa message,
    every old output unchanged, no temporary file left."""
    files = _existing(work, "hasil.xlsx", "p.json", "l.html")

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("penempatan.report.write_report", interrupted)
    res = runner.invoke(cli.app, ["solve", str(work / "data.xlsx"), "-o", str(work / "hasil.xlsx"), "--json",
                                  str(work / "p.json"), "--laporan", str(work / "l.html"), "--timpa"])
    assert res.exit_code == 130, res.output
    assert "Dibatalkan (Ctrl-C)" in res.output
    _unchanged(files)
    assert sorted(p.name for p in work.iterdir()) == ["data.xlsx", "hasil.xlsx", "l.html", "p.json"]


def test_output_batch_renames_all_or_nothing(tmp_path: Path) -> None:
    """Inside output_batch nothing is renamed until the block ends; a failure removes every temporary file."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    with output_batch():
        atomic_text(a, lambda f: f.write("a"))
        assert not a.exists()
        atomic_text(b, lambda f: f.write("b"))
    assert a.read_text() == "a" and b.read_text() == "b"
    with pytest.raises(RuntimeError), output_batch():
        atomic_text(a, lambda f: f.write("A"))
        raise RuntimeError
    assert a.read_text() == "a" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


CONTOH = Path(__file__).resolve().parent.parent / "data" / "contoh.xlsx"


def test_a_path_another_run_is_writing_is_refused(tmp_path: Path) -> None:
    """Issue 24: while one run holds an output path (here this test process, as a running `solve` does), a
    second `solve` process on the same -o exits 2 naming the path; on the default name it takes the next free
    one instead; once the first run lets go, the path is free again."""
    import subprocess
    import sys

    from penempatan.atomic import claim, release_claims

    data = tmp_path / "d.xlsx"
    shutil.copy(CONTOH, data)
    taken = tmp_path / "hasil.xlsx"
    default = tmp_path / "d-rekomendasi.xlsx"
    assert claim(taken) and claim(default)
    try:
        run = [sys.executable, "-m", "penempatan", "--polos", "solve", str(data)]
        second = subprocess.run([*run, "-o", str(taken)], capture_output=True, text=True, timeout=300)
        assert second.returncode == 2, second.stdout + second.stderr
        assert str(taken) in second.stderr and "sedang ditulis oleh proses penempatan lain" in second.stderr
        assert not taken.exists()
        other = subprocess.run(run, capture_output=True, text=True, timeout=300)
        assert other.returncode == 0, other.stdout + other.stderr
        assert (tmp_path / "d-rekomendasi-2.xlsx").exists() and not default.exists()
        assert "sedang ditulis oleh proses penempatan lain" in other.stdout
    finally:
        release_claims()
    assert claim(taken)
    release_claims()
    assert not list(tmp_path.glob(".penempatan-*"))  # no claim file left behind


def test_old_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    """Hidden temporary files a killed run left behind (older than an hour) go at the next run in that folder;
    a recent one (a run writing now) stays."""
    import os
    import time

    data = tmp_path / "d.xlsx"
    shutil.copy(CONTOH, data)
    old, recent = tmp_path / ".penempatan-abc123.xlsx", tmp_path / ".penempatan-def456.xlsx"
    for path in (old, recent):
        path.write_bytes(b"personal data")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    res = runner.invoke(cli.app, ["solve", str(data), "-o", str(tmp_path / "h.xlsx")])
    assert res.exit_code == 0, res.output
    assert not old.exists() and recent.exists()


@pytest.mark.parametrize(("command", "key"), [("solve", "rekomendasi"), ("solve", "acuan"), ("compare", "acuan"),
                                              ("compare", "rekomendasi")])
def test_a_plan_a_scenario_reads_is_never_an_output(tmp_path: Path, command: str, key: str) -> None:
    """Issue 24: `solve -o X --timpa` or `compare -o X --timpa` with a scenario whose `rekomendasi` or `acuan` is X
    stops with exit 2 before any work, and X is unchanged."""
    data = tmp_path / "d.xlsx"
    shutil.copy(CONTOH, data)
    plan = tmp_path / "rencana.xlsx"
    assert runner.invoke(cli.app, ["solve", str(data), "-o", str(plan)]).exit_code == 0
    before = hashlib.sha256(plan.read_bytes()).hexdigest()
    scenario = tmp_path / "s.toml"
    scenario.write_text(f'nama = "uji"\n{key} = "{plan.name}"\n', encoding="utf-8")
    res = runner.invoke(cli.app, [command, str(data), "-s", str(scenario), "-o", str(plan), "--timpa"])
    assert res.exit_code == 2, res.output
    assert "masukan tidak pernah ditimpa" in res.output
    assert hashlib.sha256(plan.read_bytes()).hexdigest() == before
