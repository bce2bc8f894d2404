"""The shipped example workbook (data/contoh.xlsx, fictional) solved in a test's own folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from penempatan.cli import app

CONTOH = Path(__file__).resolve().parent.parent / "data" / "contoh.xlsx"


def solved_copy(folder: Path, runner: CliRunner) -> tuple[Path, Path]:
    """(a copy of contoh.xlsx in `folder`, its plan `hasil.xlsx` written by `penempatan solve`)."""
    data = folder / "contoh.xlsx"
    shutil.copy(CONTOH, data)
    plan = folder / "hasil.xlsx"
    res = runner.invoke(app, ["solve", str(data), "-o", str(plan)])
    assert res.exit_code == 0, res.output
    return data, plan
