"""Atomic output files (SPEC 1): each written to a temporary file beside its target, then renamed over it, so
a crash or Ctrl-C never leaves half a workbook, report, CSV or scenario behind.

Inside `output_batch()` the renames wait until every output of the run is written, then happen together:
an interrupted run leaves all the old files (or none), never a mix of old and new ones. Finished files get
the permissions the user's umask gives new files (a temporary file is created private, -rw-------).
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TextIO

from penempatan.errors import OutputError, os_error_text

TEMP_PREFIX = ".penempatan-"


class OutputBatch:
    """The outputs of one run: finished temporary files waiting to be renamed over their targets."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []  # (temporary file, target)

    def commit(self) -> None:
        """Rename every finished file over its target, with Ctrl-C held back until all are renamed."""
        with _sigint_deferred():
            while self.pending:
                tmp, path = self.pending[0]
                _replace(tmp, path)
                self.pending.pop(0)

    def discard(self) -> None:
        for tmp, _ in self.pending:
            tmp.unlink(missing_ok=True)
        self.pending.clear()


_batch: ContextVar[OutputBatch | None] = ContextVar("penempatan_output_batch", default=None)


@contextlib.contextmanager
def output_batch() -> Iterator[OutputBatch]:
    """Collect the outputs written inside the block; rename them all at its end, or remove them all when
    the block raises (including KeyboardInterrupt)."""
    batch = OutputBatch()
    token = _batch.set(batch)
    try:
        yield batch
        batch.commit()
    finally:
        _batch.reset(token)
        batch.discard()


def write_atomically(path: Path, write_to: Callable[[Path], object], suffix: str = "") -> None:
    """Call `write_to` with a temporary path beside `path`, then move the finished file to `path` (at once,
    or at the end of the current `output_batch`). OutputError names `path` when it cannot be written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(path, _why(exc, path)) from exc
    tmp = Path(name)
    try:
        write_to(tmp)
        os.chmod(tmp, 0o666 & ~umask())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(path, os_error_text(exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    batch = _batch.get()
    if batch is None:
        _replace(tmp, path)
    else:
        batch.pending.append((tmp, path))


def atomic_text(path: Path, write: Callable[[TextIO], object], suffix: str = "") -> None:
    """Call `write` with an open UTF-8 text file, then move the finished file to `path`."""

    def to(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            write(f)

    write_atomically(path, to, suffix)


def _why(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOENT and path.parent.is_dir():  # e.g. /proc: the folder exists, files cannot
        return "berkas tidak dapat dibuat di folder itu"
    return os_error_text(exc)


def umask() -> int:
    """The process's umask, read without changing it where the system allows (os.umask is a write)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(path, os_error_text(exc)) from exc


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Ignore Ctrl-C for the few milliseconds of the renames, so the run ends with its complete new set of
    files (only the main thread may handle signals; elsewhere the renames simply run)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
