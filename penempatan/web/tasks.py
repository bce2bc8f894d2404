"""The task queue: long jobs (solve, compare, letters) run one at a time on one worker thread, so two solves
started together wait in line instead of competing for the machine; each task's state is polled by the page
(`GET /api/tugas/{id}`). The work itself runs in a child process (`web.child`): the thread waits for it.

A task's progress is the text the CLI shows on its status line (`jobs.Progress`) and a percentage estimated
from which stage that text names (the solver itself reports no fraction).

Each task's state is also kept in the work folder (`.tugas/<id>.json`, written when it is queued, starts and
ends), so a page polling across a restart gets an answer, and a task the server was running when it stopped is
marked `gagal` when the next server starts (`TaskQueue.interrupted`) instead of staying `berjalan` forever.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from penempatan.errors import InputError, OutputError, Problem, Severity
from penempatan.excel.write_answers import AnswersError
from penempatan.usecases.stop import Stop
from penempatan.web.store import Refused, read_json, write_json

log = logging.getLogger("penempatan.web")

ANTRE, BERJALAN, SELESAI, GAGAL = "antre", "berjalan", "selesai", "gagal"

RESTARTED = "Pekerjaan dihentikan: server dimulai ulang saat pekerjaan berjalan. Jalankan lagi."
RESTARTED_QUEUED = "Pekerjaan tidak dijalankan: server dimulai ulang sebelum gilirannya. Jalankan lagi."
_KEPT_RECORDS = 200
"""Task records kept in the work folder (the newest); older ones are removed when the server starts."""


class Failed(Exception):
    """A job that ended with a message for the planner (and the located problems of bad input), e.g. from its
    child process (`web.child`)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

_STAGES = (  # (start of the progress text, percent reached when it is shown)
    ("Membaca", 5), ("Memeriksa skenario", 10), ("Menghitung skor", 20), ("Mencari rencana optimal", 35),
    ("Kurva manfaat", 70), ("Menulis workbook", 88), ("Menulis laporan", 94), ("Menyusun surat", 50),
    ("Menulis surat", 80), ("Menganalisis", 40),
)


def stage_percent(message: str) -> int | None:
    """The percentage a progress text stands for, None for a text of no known stage."""
    return next((p for start, p in _STAGES if message.startswith(start)), None)


@dataclass
class Task:
    """One queued job: its state, progress and outcome (`hasil`: what it made, e.g. the plan number)."""

    id: str
    berkas: str
    kind: str
    status: str = ANTRE
    kemajuan: int = 0
    pesan: str = "Menunggu giliran…"
    galat: str = ""
    masalah: list[Problem] = field(default_factory=list)
    hasil: Any = None

    def progress(self, message: str) -> None:
        """The `jobs.Progress` callback: the text, and the stage's percentage (never going back)."""
        self.pesan = message
        percent = stage_percent(message)
        if percent is not None:
            self.kemajuan = max(self.kemajuan, percent)
        elif message.startswith("Mencari rencana optimal") or self.kemajuan >= 35:
            self.kemajuan = min(self.kemajuan + 2, 85)  # each solver stage nudges the bar on

    def as_json(self) -> dict[str, Any]:
        return {"tugas": self.id, "berkas": self.berkas, "jenis": self.kind, "status": self.status,
                "kemajuan": self.kemajuan, "pesan": self.pesan, "galat": self.galat,
                "masalah": [problem_json(p) for p in self.masalah], "hasil": self.hasil}

    def record(self) -> dict[str, Any]:
        """The task as kept in the work folder (`from_record` reads it back)."""
        return {**self.as_json(), "masalah": [dataclasses.asdict(p) for p in self.masalah]}

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> Task:
        return cls(id=str(d["tugas"]), berkas=str(d["berkas"]), kind=str(d["jenis"]), status=str(d["status"]),
                   kemajuan=int(d["kemajuan"]), pesan=str(d["pesan"]), galat=str(d["galat"]),
                   masalah=[problem_from_dict(p) for p in d["masalah"]], hasil=d["hasil"])


def problem_json(p: Problem) -> dict[str, Any]:
    """A located input problem as JSON: the same fields `penempatan check` prints."""
    return {"sheet": p.sheet, "baris": p.row, "kolom": p.column, "sel": p.cell(), "nilai": p.value,
            "pesan": p.message, "saran": p.hint, "jenis": p.severity.value}


def problem_from_dict(d: dict[str, Any]) -> Problem:
    """A problem kept as `dataclasses.asdict` (periksa.json, the task records)."""
    return Problem(**{**d, "severity": Severity(d["severity"])})


Work = Callable[[Task], Any]


class TaskQueue:
    """One worker thread running the submitted tasks in order; with `folder`, each task's state is kept there
    and the tasks of the previous server are read back (`interrupted`: those it left queued or running, now
    `gagal`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._tasks: dict[str, Task] = {}
        self._queue: queue.Queue[tuple[Task, Work] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._folder = folder
        self.interrupted: list[Task] = []
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self._load(folder)

    def _load(self, folder: Path) -> None:
        records = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in records[_KEPT_RECORDS:]:
            old.unlink(missing_ok=True)
        for path in records[:_KEPT_RECORDS]:
            try:
                task = Task.from_record(read_json(path))
            except (OSError, ValueError, KeyError, TypeError):  # a record cut short by a crash: forgotten
                path.unlink(missing_ok=True)
                continue
            if task.status in (ANTRE, BERJALAN):
                task.galat = RESTARTED if task.status == BERJALAN else RESTARTED_QUEUED
                task.status, task.pesan = GAGAL, "Dihentikan."
                self._save(task)
                self.interrupted.append(task)
            self._tasks[task.id] = task

    def _save(self, task: Task) -> None:
        if self._folder is not None:
            write_json(self._folder / f"{task.id}.json", task.record())

    def submit(self, berkas: str, kind: str, work: Work) -> Task:
        """Queue `work(task)`; its return value becomes `task.hasil`."""
        task = Task(secrets.token_hex(6), berkas, kind)
        self._save(task)
        with self._lock:
            self._tasks[task.id] = task
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="penempatan-tugas", daemon=True)
                self._thread.start()
        self._queue.put((task, work))
        return task

    def get(self, task_id: str) -> Task | None:
        return self._tasks.get(task_id)

    def active(self, berkas: str, kind: str) -> Task | None:
        """The queued or running task of this kind for this berkas, if any."""
        return next((t for t in self._tasks.values()
                     if t.berkas == berkas and t.kind == kind and t.status in (ANTRE, BERJALAN)), None)

    def waiting(self) -> int:
        """Tasks queued or running."""
        return sum(t.status in (ANTRE, BERJALAN) for t in list(self._tasks.values()))

    def close(self) -> None:
        """Stop the worker after the task it is running (queued tasks are dropped)."""
        with self._lock:
            if self._thread is not None:
                self._queue.put(None)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            task, work = item
            task.status, task.pesan = BERJALAN, "Membaca dan memeriksa masukan…"
            try:
                self._save(task)
                task.hasil = work(task)
            except Exception as exc:  # every failure becomes the task's message, as the CLI's `guard` does
                task.galat, task.masalah = failure_text(exc)
                task.status = GAGAL
            else:
                task.kemajuan, task.pesan, task.status = 100, "Selesai.", SELESAI
            try:
                self._save(task)
            except OSError:  # a full disk loses the record, never the worker
                log.error("status tugas tidak dapat disimpan")


def failure_text(exc: Exception) -> tuple[str, list[Problem]]:
    """What the planner reads when a job fails, with the located problems of bad input (as the CLI says it)."""

    if isinstance(exc, Failed):
        return exc.message, list(exc.problems)
    if isinstance(exc, InputError):
        errors = sum(p.is_error for p in exc.problems)
        return f"{errors} galat pada masukan. Perbaiki lalu jalankan lagi.", list(exc.problems)
    if isinstance(exc, Stop):
        return exc.message, []
    if isinstance(exc, Refused):
        return f"Galat: {exc.message}", []
    if isinstance(exc, AnswersError):
        return f"Galat: {exc}.", []
    if isinstance(exc, OutputError):
        return f"Galat: tidak dapat menulis {exc.path}: {exc.reason}.", []
    # An internal failure: the type only in the log (messages may quote personal data from the input).
    log.error("galat internal pada tugas: %s", type(exc).__name__)
    return f"Galat internal: {type(exc).__name__}: {exc}", []
