"""The jobs the web app runs in a child process (`web.child`): each calls the same function as the CLI command
and returns only what the parent needs, by pickle (the files are written here, in the berkas folder).

Every function takes `progress` as a keyword (the child passes its pipe); this module imports nothing heavy,
so a child starts quickly and finds its job by name.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from penempatan.compare import banding_rows
from penempatan.letters import COMBINED_NAME, LIST_NAME, template_path, write_letters
from penempatan.usecases import jobs

if TYPE_CHECKING:
    from penempatan.analyze import Analysis
    from penempatan.letters import Letter
    from penempatan.model import ProblemData
    from penempatan.result import Result
    from penempatan.scoring import Tables


def check(data: Path, out: Path, *, progress: jobs.Progress) -> tuple[list[Any], bool]:
    """`penempatan check`, its problems written to `out`: (located problems, whether a plan can be made)."""
    progress("Membaca dan memeriksa masukan…")
    checked = jobs.check_input(data, out)
    return checked.problems, not checked.failed


def analyze(data: Path, out: Path, *, progress: jobs.Progress) -> Analysis:
    """`penempatan analyze`, the workbook written to `out`."""
    return jobs.analyze_files(data, out, None, progress)[1]


def solve(files: jobs.SolveFiles, batas_waktu: float, kurva: bool, *,
          progress: jobs.Progress) -> tuple[ProblemData, Tables, Result]:
    """`penempatan solve` into the files named; what the parent's explainer is built from."""
    solved = jobs.solve_files(files, batas_waktu, kurva, progress)
    return solved.problem, solved.tables, solved.result


def compare(data: Path, scenarios: Sequence[Path], out: Path, batas_waktu: float, *,
            progress: jobs.Progress) -> tuple[list[str], list[tuple[str, list[object]]]]:
    """`penempatan compare` into `out`: (the plans' labels, the rows of the page's table)."""

    _, comparison = jobs.compare_files(data, scenarios, out, None, batas_waktu, progress)
    return ([p.label for p in comparison.plans],
            [(label, [_plain(v) for v in values]) for label, values in banding_rows(comparison)])


def letters(drafts: Sequence[Letter], out: Path, *, progress: jobs.Progress) -> int:
    """`penempatan surat`'s letters and files, zipped into `out` (written whole or not at all)."""

    progress("Menulis surat…")
    with tempfile.TemporaryDirectory(prefix="penempatan-surat-") as tmp:
        folder = Path(tmp)
        write_letters(folder, list(drafts), template_path(), list_path=folder / LIST_NAME,
                      combined_path=folder / COMBINED_NAME)
        part = out.with_suffix(".zip.part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(folder.iterdir()):
                z.write(path, path.name)
        part.replace(out)
    return len(drafts)


def _plain(value: object) -> object:
    return value if isinstance(value, int | float | str | type(None)) else str(value)
