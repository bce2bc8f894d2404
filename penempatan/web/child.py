"""Heavy work (check, analyse, solve, compare, letters) runs in a child process with a memory and a time limit,
so a workbook that makes the reader or the solver run away fails its own job with a message and the server
keeps serving every other berkas.

`run(target, args, progress, seconds)` starts `target(*args, progress=…)` in a fresh interpreter ('spawn', the
same on Linux, macOS and Windows), passes its progress texts on to `progress`, and returns what it returns;
a failure raises `Failed` with the message the planner reads: the job's own (a located input problem, a
refusal), or "Pekerjaan dihentikan: …" when the child ran out of memory or time or died. Targets are top-level
functions of `web.work` (a child finds them by name); their arguments and results cross by pickle.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from penempatan.web.tasks import Failed, failure_text

log = logging.getLogger("penempatan.web")

BATAS_MEMORI = 4 * 1024 ** 3
"""Address space a child may use (bytes). On POSIX it is `RLIMIT_AS`; Windows has no such per-process limit
without a job object, so there the child runs without one (the time limit still holds)."""
BATAS_LEBIH = 300.0
"""Seconds a child may take beyond its solver time limits: reading, checking and writing (a 100,000-employee
workbook is read in well under this)."""

_MEMORY_SIGNS = ("MemoryError", "memory allocation of", "bad_alloc", "Cannot allocate memory", "out of memory")
"""What a runtime writes to stderr when an allocation fails (Python, Rust, C++, libc)."""
_STDERR_TAIL = 4096


def memory_stopped() -> str:
    limit = f"{BATAS_MEMORI / 1024 ** 3:g} GB" if BATAS_MEMORI >= 1024 ** 3 else f"{BATAS_MEMORI // 1024 ** 2} MB"
    return (f"Pekerjaan dihentikan: memori melebihi batas {limit}. Berkas ini terlalu "
            "besar atau tidak wajar (mis. sel terisi jauh di luar tabel); periksa workbook lalu unggah lagi.")


def time_stopped(seconds: float) -> str:
    return (f"Pekerjaan dihentikan: waktu habis (batas {seconds:g} detik). Coba lagi dengan data yang lebih kecil "
            "atau skenario yang lebih sederhana.")


def died(code: int | None) -> str:
    return (f"Pekerjaan dihentikan: proses berhenti tak terduga (kode {code}). Berkas lain tetap dapat dipakai; "
            "coba lagi, dan bila terulang periksa workbook ini.")


def run(target: Callable[..., Any], args: tuple[Any, ...], progress: Callable[[str], None], seconds: float) -> Any:
    """`target(*args, progress=…)` in a child process limited to BATAS_MEMORI and `seconds`; its result, else
    `Failed`. A child whose job ended normally (done, or refused with a message) waits for the next job, so
    the reader and the solver are imported once, not per job; one that was stopped is never used again."""
    worker = _take(BATAS_MEMORI)
    kept = False
    try:
        offset = worker.stderr.stat().st_size
        worker.connection.send((target, args))
        outcome = _follow(worker.process, worker.connection, progress, time.monotonic() + seconds)
        if outcome is None:
            raise Failed(time_stopped(seconds))
        kind, value, peak = outcome
        if kind in ("hasil", "galat") and peak < BATAS_MEMORI // 4:  # a big heap is not carried into the next job
            kept = _give_back(worker)
        else:
            worker.process.join(10)
        return _result(kind, value, worker.process.exitcode, worker.stderr, offset)
    finally:
        if not kept:
            worker.stop()


@dataclass
class _Worker:
    """A child process serving jobs from its end of `connection`, writing its stderr to `stderr`."""

    process: Any
    connection: Connection
    stderr: Path
    memory: int

    @classmethod
    def start(cls, memory: int) -> _Worker:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        handle, name = tempfile.mkstemp(prefix="penempatan-anak-", suffix=".log")
        os.close(handle)
        process = context.Process(target=_serve, args=(theirs, memory, Path(name)), name="penempatan-anak",
                                  daemon=True)
        process.start()
        theirs.close()  # the child holds the only other end: its exit ends the pipe
        return cls(process, ours, Path(name), memory)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()
        self.stderr.unlink(missing_ok=True)


_IDLE_KEPT = 2
"""Children kept waiting for a job: one for the task queue, one for a page's check or analysis."""
_idle: list[_Worker] = []
_idle_lock = threading.Lock()


def _take(memory: int) -> _Worker:
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.memory == memory and worker.process.is_alive():
                return worker
            worker.stop()
    return _Worker.start(memory)


def _give_back(worker: _Worker) -> bool:
    with _idle_lock:
        if len(_idle) < _IDLE_KEPT:
            _idle.append(worker)
            return True
    return False


@atexit.register
def _stop_idle() -> None:
    with _idle_lock:
        while _idle:
            _idle.pop().stop()


def _follow(process: Any, receive: Connection, progress: Callable[[str], None],
            deadline: float) -> tuple[str, Any, int] | None:
    """Progress passed on until the child's last word: ("hasil"|"galat"|"memori", value, its peak memory in
    bytes), or ("mati", None, 0) when it ended without one; None when the deadline passed first."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        if not receive.poll(min(left, 0.5)):
            if not process.is_alive() and not receive.poll(0):
                return "mati", None, 0
            continue
        try:
            word = receive.recv()
        except EOFError:
            return "mati", None, 0
        if word[0] != "kemajuan":
            return word  # type: ignore[no-any-return]
        with contextlib.suppress(Exception):  # a progress text never fails the job
            progress(word[1])


def _result(kind: str, value: Any, code: int | None, stderr: Path, offset: int) -> Any:
    if kind == "hasil":
        return value
    if kind == "galat":
        message, problems = value
        raise Failed(message, problems)
    if kind == "memori" or _says_memory(stderr, offset):
        raise Failed(memory_stopped())
    log.error("proses anak berhenti dengan kode %s", code)
    raise Failed(died(code))


def _says_memory(stderr: Path, offset: int) -> bool:
    """Whether what the child wrote to stderr during this job (from `offset`) ends in a failed allocation."""
    try:
        with stderr.open("rb") as f:
            f.seek(max(offset, f.seek(0, os.SEEK_END) - _STDERR_TAIL))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return False
    return any(sign in tail for sign in _MEMORY_SIGNS)


def _serve(connection: Connection, memory: int, stderr: Path) -> None:
    """The child: stderr to the file the parent reads, the memory limit, then jobs until the parent closes the
    pipe; each job's last word is ("hasil", result, peak), ("galat", (message, problems), peak) or ("memori", None,
    0), `peak` being the most memory the child has held (`_peak`)."""
    with stderr.open("ab") as f:
        os.dup2(f.fileno(), 2)
    _limit_memory(memory)
    while True:
        try:
            target, args = connection.recv()
        except EOFError:  # the parent is done with this child, or gone (then nobody else removes the file)
            stderr.unlink(missing_ok=True)
            return
        try:
            result = target(*args, progress=lambda text: connection.send(("kemajuan", text)))
            connection.send(("hasil", result, _peak()))
        except MemoryError:
            connection.send(("memori", None, 0))
            return  # a heap that ran out is not trusted with another job
        except Exception as exc:  # every failure becomes the job's message, as the CLI's `guard` does
            connection.send(("galat", failure_text(exc), _peak()))


def _peak() -> int:
    """This process's peak resident memory in bytes (0 where it cannot be read: Windows)."""
    if sys.platform == "win32":
        return 0
    import resource  # POSIX only: not importable on Windows

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS counts bytes, Linux KB


def _limit_memory(memory: int) -> None:
    if sys.platform == "win32":  # no RLIMIT on Windows (it would need a job object); only the time limit holds
        return
    import resource  # POSIX only: not importable on Windows

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
