"""How a command ends when it cannot go on: a message and an exit code, never a bare traceback.

`Stop` carries a finished message (printed by the program, `bahasa.Group.main`); `guard` turns every other
failure inside a command into its message: input problems (exit 2), an output that cannot be written (2),
Ctrl-C (130) and internal errors (1, the traceback only with --verbose).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from penempatan import text
from penempatan.cli.problems import is_file_name, show_problems
from penempatan.cli.terminal import term
from penempatan.errors import InputError, OutputError
from penempatan.usecases.stop import EXIT_FAIL, EXIT_INPUT, EXIT_INTERRUPTED, Stop, bad_argument


def require_input(path: Path) -> None:
    """`path` is an existing file, else exit 2."""
    if not path.exists():
        raise bad_argument(f"berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise bad_argument(f"{path} adalah folder, bukan berkas.")


@contextmanager
def guard(source: Path | None = None, files: dict[str, str] | None = None) -> Iterator[None]:
    """Turn every failure into a message and an exit code, never a bare traceback."""
    try:
        yield
    except (typer.Exit, Stop):
        raise
    except InputError as exc:
        show_problems(exc.problems, source, files)
        errors = sum(p.is_error for p in exc.problems)
        in_workbook = any(p.sheet not in (files or {}) and not is_file_name(p.sheet) for p in exc.problems)
        more = f" (daftar lengkap: `penempatan check {source}`)" if source is not None and in_workbook else ""
        term.complain(f"{text.number(errors)} galat pada masukan. Perbaiki lalu jalankan lagi{more}.")
        raise typer.Exit(EXIT_INPUT) from None
    except OutputError as exc:
        term.complain(f"Galat: tidak dapat menulis {exc.path}: {exc.reason}.")
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        term.err.print("Dibatalkan (Ctrl-C). Berkas keluaran yang sudah ada tidak diubah.", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # an internal failure: say so plainly, details only when asked
        term.complain(f"Galat internal: {type(exc).__name__}: {exc}")
        if term.verbose:
            term.complain(traceback.format_exc())
        else:
            term.err.print("Jalankan lagi dengan --verbose untuk rincian, dan laporkan ke pengelola aplikasi.")
        raise typer.Exit(EXIT_FAIL) from None


def input_files(*paths: Path | None) -> dict[str, str]:
    """Problems of a scenario or plan file name the file by its name; shown as the path the user gave."""
    return {p.name: str(p) for p in paths if p is not None}
