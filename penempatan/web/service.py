"""What the pages and the API do, as calls of the same functions the CLI calls (`penempatan.usecases.jobs`, the
letters, the answers writer): check, analyse, solve, explain a saved plan, compare, write letters and record
answers. Long jobs go to the task queue; the heavy ones (check, analyse, solve, compare, letters) run in a child
process with a memory and time limit (`web.child`, the jobs in `web.work`), so a bad workbook fails its own
job and the server lives. What a page shows again (a plan's rows, an analysis) is kept in memory, and
everything is also in the work folder, so a restarted server reads it back; what a job the server was running
when it stopped left half-written is removed when the next one starts (`recover`).
"""

from __future__ import annotations

import dataclasses
import shutil
import threading
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from penempatan.curve import POINTS as CURVE_POINTS
from penempatan.errors import InputError, Problem
from penempatan.excel.read_plan import read_plan_moves
from penempatan.excel.write_answers import Answers, check_answers, write_answers
from penempatan.explain import Explainer
from penempatan.letters import letters_for
from penempatan.scenario import load_scenario
from penempatan.text import visible
from penempatan.usecases import jobs
from penempatan.usecases.lookup import find_employee, find_post
from penempatan.usecases.problems import locate
from penempatan.usecases.stop import Stop
from penempatan.web import child, explanation, work
from penempatan.web.answers import AnswerLog, sign_workbook, signer
from penempatan.web.plan import PlanData
from penempatan.web.store import Berkas, Refused, Run, Store, read_json, write_json
from penempatan.web.tasks import Failed, Task, TaskQueue, problem_from_dict

if TYPE_CHECKING:
    from penempatan.analyze import Analysis
    from penempatan.model import ProblemData

BATAS_WAKTU = 60.0
"""Solver time limit per plan (seconds), the CLI's default. A job's child process may take this for each
plan it solves, plus `child.BATAS_LEBIH`."""
STAGED_COMPARISON = ".banding-baru.xlsx"
"""Where a comparison is written before it replaces banding.xlsx (a leading '.': never an uploaded name)."""
_KEPT = 3
"""Plans and analyses kept in memory (the newest); older ones are read back from the work folder."""


class _Lru(OrderedDict[Any, Any]):
    def keep(self, key: Any, value: Any) -> Any:
        self[key] = value
        self.move_to_end(key)
        while len(self) > _KEPT:
            self.popitem(last=False)
        return value


@dataclasses.dataclass(frozen=True)
class CheckView:
    """`check` of one berkas: every located problem, and whether a plan can be made from it."""

    problems: list[Problem]
    usable: bool

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


class Service:
    """The work folder, the task queue and what is kept in memory."""

    def __init__(self, store: Store, tasks: TaskQueue) -> None:
        self.store = store
        self.tasks = tasks
        self._plans = _Lru()
        self._analyses = _Lru()
        self._lock = threading.Lock()
        self._loading: dict[Path, threading.Lock] = {}
        self._checking: dict[str, threading.Lock] = {}
        self.recover()

    def recover(self) -> None:
        """Remove what the jobs the previous server was running (`tasks.interrupted`) left half-written: a plan's
        folder without its rencana.json, a comparison or letters being written."""
        for task in self.tasks.interrupted:
            try:
                b = self.store.get(task.berkas)
            except Refused:  # the berkas was deleted since
                continue
            if task.kind == "rencana":
                folder = b.folder / "rencana"
                for run in folder.iterdir() if folder.is_dir() else ():
                    if run.name.isdigit() and not Run(run, int(run.name)).done:
                        shutil.rmtree(run, ignore_errors=True)
            for part in (b.folder / STAGED_COMPARISON, *b.folder.glob("rencana/*/*.part")):
                part.unlink(missing_ok=True)

    # --- check --------------------------------------------------------------------------------------------------
    def check(self, b: Berkas) -> CheckView:
        """`penempatan check` of the berkas (kept in periksa.json, its problems also in masalah.xlsx)."""
        with self._lock:
            checking = self._checking.setdefault(b.id, threading.Lock())
        with checking:  # one child per berkas: a second page asking meanwhile waits for its answer
            if b.problems_json.is_file():
                saved = read_json(b.problems_json)
                return CheckView([problem_from_dict(p) for p in saved["masalah"]], bool(saved["dapat_dipakai"]))
            try:
                problems, usable = child.run(work.check, (b.data, b.problems_xlsx), _quiet, child.BATAS_LEBIH)
            except Failed as exc:  # kept like any finding: the same bytes would stop the same way again
                problems = [*exc.problems, Problem(b.name, None, None, None, exc.message)]
                usable = False
            write_json(b.problems_json, {"dapat_dipakai": usable,
                                         "masalah": [dataclasses.asdict(p) for p in problems]})
            return CheckView(problems, usable)

    def problem(self, b: Berkas) -> ProblemData:
        """The berkas's data as read (no scenario), for the forms."""
        key = ("data", b.id)
        with self._lock:
            if key in self._analyses:
                return self._analyses[key]  # type: ignore[no-any-return]
        problem = jobs.prepare(b.data, None, None, lambda _msg: None).problem
        with self._lock:
            return self._analyses.keep(key, problem)  # type: ignore[no-any-return]

    def save_scenario(self, b: Berkas, name: str, toml: str) -> list[Problem]:
        """Keep scenario `name` when the scenario reader accepts it (`load_scenario`, as `solve -s` reads it);
        else its problems, located at the file's lines, and nothing kept."""

        target = b.scenario(name)
        staging = b.folder / "skenario-baru"
        staging.mkdir(exist_ok=True)
        draft = staging / name
        draft.write_text(toml, encoding="utf-8")
        try:
            load_scenario(draft, self.problem(b), read_plan=read_plan_moves)
        except InputError as exc:
            draft.unlink()
            return locate(exc.problems, None)
        target.parent.mkdir(exist_ok=True)
        draft.replace(target)
        return []

    # --- analysis -----------------------------------------------------------------------------------------------
    def analysis(self, b: Berkas) -> Analysis:
        """`penempatan analyze` of the berkas (the workbook written to analisis.xlsx)."""
        with self._lock:
            if b.id in self._analyses:
                return self._analyses[b.id]  # type: ignore[no-any-return]
        analysis = child.run(work.analyze, (b.data, b.analysis), _quiet, child.BATAS_LEBIH)
        with self._lock:
            return self._analyses.keep(b.id, analysis)  # type: ignore[no-any-return]

    # --- solve and the saved plans ------------------------------------------------------------------------------
    def start_solve(self, b: Berkas, skenario: str | None, acuan: int | None, kurva: bool) -> Task:
        """Queue `penempatan solve` of the berkas (with the saved scenario `skenario`, and with plan `acuan` as
        the reference: its copy with the answers when there is one); the task's result is the plan number."""
        if not self.check(b).usable:
            raise Refused("data masih bergalat: perbaiki dulu galat yang ditampilkan di halaman Unggah, lalu "
                          "unggah lagi", 422)
        scenario = self._scenario(b, skenario)
        try:
            reference_run = self.run(b, acuan) if acuan is not None else None
        except Refused as exc:
            raise Refused(f"acuan: {exc.message}", exc.status, field="acuan", value=str(acuan)) from None

        def work(task: Task) -> int:
            reference = None
            if reference_run is not None:
                # Answers recorded as they were typed reach the copy here, just before the solver reads it.
                self.write_answers(reference_run)
                reference = reference_run.answers if reference_run.answers.is_file() else reference_run.plan
            return self._solve(task, b, scenario, reference, acuan, kurva)

        return self.tasks.submit(b.id, "rencana", work)

    def _solve(self, task: Task, b: Berkas, scenario: Path | None, reference: Path | None, acuan: int | None,
               kurva: bool) -> int:
        run = b.new_run()
        # One round here, whatever Pengaturan says: two rounds (SPEC 8) are `solve --putaran 2` for now.
        files = jobs.SolveFiles(data=b.data, skenario=scenario, acuan=reference, out=run.plan,
                                kandidat=run.candidates, json=None, laporan=run.report, claimed=(), putaran=1)
        solves = CURVE_POINTS + 1 if kurva else 1  # each point of the curve is solved as `solve` would
        try:
            problem, tables, result = child.run(work.solve, (files, BATAS_WAKTU, kurva), task.progress,
                                                BATAS_WAKTU * solves + child.BATAS_LEBIH)
        except BaseException:
            shutil.rmtree(run.folder, ignore_errors=True)
            raise

        if scenario is not None:  # the scenario as solved, should the planner edit the file later
            shutil.copyfile(scenario, run.folder / scenario.name)
        write_json(run.meta_path, {"skenario": scenario.name if scenario else None, "acuan": acuan,
                                   "acuan_berkas": reference.name if reference else None, "kurva": kurva})
        plan = PlanData.build(run, Explainer(problem, tables, result))
        with self._lock:
            self._plans.keep(run.folder, plan)
        return run.number

    def run(self, b: Berkas, number: int | None = None) -> Run:
        """Plan `number` of the berkas (the latest when None); Refused (404) when there is none."""
        run = b.run(number)
        if run is None:
            raise Refused("belum ada rencana untuk berkas ini: susun dulu di halaman Rencana"
                          if number is None else f"rencana {number} tidak ada", 404)
        return run

    def plan(self, b: Berkas, number: int | None = None) -> PlanData:
        """The plan's rows; a plan not in memory is read back from its workbook and verified against the data
        (`explain --rencana`: nothing is solved)."""
        run = self.run(b, number)
        with self._lock:
            loading = self._loading.setdefault(run.folder, threading.Lock())
        with loading:  # one reader per plan: a page asking while the plan is being read waits for it
            with self._lock:
                if run.folder in self._plans:
                    self._plans.move_to_end(run.folder)
                    return self._plans[run.folder]  # type: ignore[no-any-return]
            name = run.meta().get("skenario")
            kept = run.folder / name if name else None
            scenario = kept if kept is not None and kept.is_file() else self._scenario(b, name)
            explained = jobs.explain_saved(b.data, scenario, run.plan, None, None, lambda _msg: None)
            plan = PlanData.build(run, explained.view)
            with self._lock:
                return self._plans.keep(run.folder, plan)  # type: ignore[no-any-return]

    def warm(self) -> None:
        """Read the newest berkas's latest plan back on a background thread, so that after a restart its
        Rencana page opens at once (reading and verifying a 5,000-employee plan takes seconds)."""
        newest = next((b for b in self.store.all() if b.runs()), None)
        if newest is not None:
            threading.Thread(target=self._warm, args=(newest,), name="penempatan-muat", daemon=True).start()

    def _warm(self, b: Berkas) -> None:
        try:
            self.plan(b)
        except Exception:  # the page says what is wrong when it is opened
            return

    def _scenario(self, b: Berkas, name: str | None) -> Path | None:
        if not name:
            return None
        try:
            path = b.scenario(name)
        except Refused as exc:
            raise Refused(exc.message, exc.status, field="skenario", value=name) from None
        if not path.is_file():
            raise Refused(f"skenario {visible(name)} tidak ada lagi di folder kerja", 404, field="skenario",
                          value=name)
        return path

    # --- compare --------------------------------------------------------------------------------------------------
    def start_compare(self, b: Berkas, names: list[str]) -> Task:
        """Queue `penempatan compare` of the base plan and the saved scenarios `names`."""
        if not names:
            raise Refused("pilih paling sedikit satu skenario untuk dibandingkan", 422)
        paths = [self._scenario(b, n) for n in names]

        def compare(task: Task) -> list[str]:
            # Written beside the comparison shown until both the workbook and its rows are in place.
            staged = b.folder / STAGED_COMPARISON
            try:
                labels, rows = child.run(work.compare, (b.data, [p for p in paths if p], staged, BATAS_WAKTU),
                                         task.progress, BATAS_WAKTU * (len(paths) + 1) + child.BATAS_LEBIH)
                staged.replace(b.comparison)
            finally:
                staged.unlink(missing_ok=True)
            write_json(b.comparison_json, {"skenario": names, "rencana": labels,
                                           "baris": [[label, values] for label, values in rows]})
            return names

        return self.tasks.submit(b.id, "banding", compare)

    # --- letters --------------------------------------------------------------------------------------------------
    def start_letters(self, b: Berkas, number: int | None) -> Task:
        """Queue the letter drafts of a plan's movers (`penempatan surat`'s letters and files), zipped."""
        run = self.run(b, number)

        def letters(task: Task) -> int:
            task.progress("Menyusun surat…")
            drafts = letters_for(self.plan(b, run.number).view)
            return int(child.run(work.letters, (drafts, run.letters), task.progress, child.BATAS_LEBIH))

        return self.tasks.submit(b.id, "surat", letters)

    # --- answers --------------------------------------------------------------------------------------------------
    def answers(self, run: Run) -> Answers:
        """What has been recorded for the plan (as typed, even before tanggapan.xlsx is written)."""
        return self.answer_log(run).answers()

    def answer_log(self, run: Run) -> AnswerLog:
        """The recorded answers with who recorded each and when."""

        return AnswerLog.load(run.answer_log, run.answers)

    def record(self, run: Run, people: dict[str, Any] | None = None, chains: dict[str, str] | None = None, *,
               who: str = "", write: bool = True) -> int:
        """Add answers (by NIP) and chain decisions, signed `who` and now, to the plan's answer log; with
        `write`, also to its copy tanggapan.xlsx (returns how many rows of the copy they matched), else the
        copy is written when it is next needed (`write_answers`). The plan workbook is never changed.
        AnswersError for a value outside the drop-downs, before anything is kept."""

        check_answers(Answers(dict(people or {}), dict(chains or {})))
        with self._lock:
            log = AnswerLog.load(run.answer_log, run.answers)
            log.update(dict(people or {}), dict(chains or {}), signer(who), datetime.now())
            log.save(run.answer_log)
            return self._write_answers(run, log) if write else 0

    def write_answers(self, run: Run) -> None:
        """Bring tanggapan.xlsx up to the answer log (nothing to do when it already is)."""

        with self._lock:
            log = AnswerLog.load(run.answer_log, run.answers)
            if log.unwritten or (run.answer_log.is_file() and not run.answers.is_file()):
                self._write_answers(run, log)

    def _write_answers(self, run: Run, log: AnswerLog) -> int:
        matched = write_answers(run.plan, run.answers, log.answers())
        sign_workbook(run.answers, log)
        log.unwritten = False
        log.save(run.answer_log)
        return matched


def _quiet(_text: str) -> None:
    """The progress of a job a page waits for (check, analysis): not shown."""


def explain(plan: PlanData, nip: str | None, jabatan: str | None) -> dict[str, Any]:
    """`explain --nip` / `--jabatan` on a plan, as data; Refused (404) with the CLI's message (and its close
    matches) when the NIP or code is not in the data."""

    if (nip is None) == (jabatan is None):
        raise Refused("pilih tepat satu: nip atau jabatan", 422)
    try:
        if nip is not None:
            return {"pegawai": explanation.employee(plan.view, find_employee(plan.view.data, nip))}
        assert jabatan is not None
        return {"jabatan": explanation.post(plan.view, find_post(plan.view.data, jabatan))}
    except Stop as exc:
        field, value = ("nip", nip) if nip is not None else ("jabatan", jabatan or "")
        raise Refused(visible(exc.message.removeprefix("Argumen salah: ")), 404, field=field, value=value) from None
