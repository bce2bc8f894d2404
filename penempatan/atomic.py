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
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TextIO

from penempatan.errors import OutputError, os_error_text

TEMP_PREFIX = ".penempatan-"
CLAIM_SUFFIX = ".kunci"
STALE_AFTER_SECONDS = 3600
"""A hidden temporary file this old is left over from a run that was killed (a run's temporary files live
seconds to minutes); the next run writing to its folder removes it."""


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


# --- claims: one run per output path --------------------------------------------------------------------------
_held: list[tuple[int, Path]] = []


def claim(path: Path) -> bool:
    """Claim output `path` for this run: an exclusive lock, held by the operating system on a hidden file beside
    it (`.penempatan-NAME.kunci`) until `release_claims` or the process ends — also when it is killed, so a
    claim never outlives its run. False when another run holds it now."""
    lock = path.with_name(f"{TEMP_PREFIX}{path.name}{CLAIM_SUFFIX}")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise OutputError(path, _why(exc, path)) from exc
    if not _lock(fd):
        os.close(fd)
        return False
    _held.append((fd, lock))
    return True


def release_claims() -> None:
    """Give up every claim of this process (at the end of each command; the OS does it when the process ends)."""
    while _held:
        fd, lock = _held.pop()
        if sys.platform == "win32":  # Windows cannot remove a file that is still open
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            lock.unlink()
        if sys.platform != "win32":  # elsewhere remove it while still holding it, so no other run locks a dead file
            with contextlib.suppress(OSError):
                os.close(fd)


def _lock(fd: int) -> bool:
    """An exclusive, non-blocking lock on an open file, released by the OS with the file or the process."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale(folder: Path) -> int:
    """Remove the hidden temporary files a killed run left in `folder` (older than STALE_AFTER_SECONDS; claim
    files only when no run holds them); returns how many were removed."""
    import time

    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not entry.name.startswith(TEMP_PREFIX) or not entry.is_file():
                continue
            with contextlib.suppress(OSError):
                if entry.name.endswith(CLAIM_SUFFIX):
                    fd = os.open(entry, os.O_RDWR)
                    try:
                        if not _lock(fd):
                            continue  # another run holds it
                    finally:
                        os.close(fd)
                    if now - entry.stat().st_mtime < STALE_AFTER_SECONDS:
                        continue
                elif now - entry.stat().st_mtime < STALE_AFTER_SECONDS:
                    continue
                entry.unlink()
                removed += 1
    return removed


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (also through links), or would once written."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()
