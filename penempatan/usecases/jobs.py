"""What each command does, without printing: read, apply the scenario, solve, write the outputs.

One function per command (`solve_files`, `check_input`, …) returns what the command renders; progress goes
to a `progress(text)` callback (the terminal's status line), refusals are `Stop`. The heavy modules (the
reader, the solver, the report) are imported when a command needs them, so help and option errors are fast.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from penempatan.atomic import output_batch, same_file
from penempatan.errors import InputError, Problem
from penempatan.usecases.lookup import find_employee, find_post
from penempatan.usecases.stop import EXIT_FAIL, EXIT_INPUT, Stop, refuse

if TYPE_CHECKING:
    import numpy as np

    from penempatan.analyze import Analysis
    from penempatan.compare import Comparison
    from penempatan.excel.read import ReadResult
    from penempatan.excel.read_plan import SavedPlan
    from penempatan.excel.wishes_csv import WishesFile
    from penempatan.explain import Explainer
    from penempatan.explain.changes import ChangeRow
    from penempatan.model import ProblemData
    from penempatan.result import Result
    from penempatan.rounds.outcome import TwoRoundPlan
    from penempatan.scenario import Acuan, Scenario
    from penempatan.scoring import Tables
    from penempatan.succession import SuccessionPlan
    from penempatan.usecases.siasn import Applied
    from penempatan.wishes.priority import Priority

Progress = Callable[[str], None]


def versions() -> dict[str, str]:
    """Versions of penempatan and OR-Tools, as `--version` and the Parameter sheet show them."""
    out = {}
    for name in ("penempatan", "ortools"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "tidak diketahui"
    return out


def default_output(data: Path, kind: str) -> Path:
    """`DATA-<kind>.xlsx` beside the input (rekomendasi, analisis, banding)."""
    return data.with_name(f"{data.stem}-{kind}.xlsx")


# --- template, demo, check ---------------------------------------------------------------------------------------
def write_template(out: Path, example: Path | None, letter: Path | None = None) -> None:
    """The empty input workbook, and the commented example scenario and the letter template when asked."""
    from penempatan.excel.write_input import write_input_workbook

    with output_batch():
        write_input_workbook(out)
        if example is not None:
            from penempatan.scenario import write_example

            write_example(example)
        if letter is not None:
            from penempatan.atomic import write_atomically
            from penempatan.letters import template_path

            write_atomically(letter, lambda tmp: tmp.write_bytes(template_path().read_bytes()), suffix=".docx")


def write_demo(out: Path, pegawai: int, seed: int) -> ProblemData:
    """The fictional pemda as an input workbook; returns its ProblemData."""
    from penempatan.demo import generate_demo
    from penempatan.excel.write_input import write_input_workbook

    data = generate_demo(n_pegawai=pegawai, seed=seed)
    write_input_workbook(out, data)
    return data


@dataclass(frozen=True)
class Riwayat:
    """`--riwayat FOLDER`: SIASN history dumps applied to the workbook in memory, as `siasn --data` applies them
    (`prefer_siasn`: --utamakan-siasn; `lenient`: --abaikan-nip-lain)."""

    folder: Path
    prefer_siasn: bool = False
    lenient: bool = False


def read_input(data: Path, riwayat: Riwayat | None, progress: Progress,
               permintaan: Path | None = None) -> tuple[ReadResult, Applied | None]:
    """The workbook read, with the histories of `riwayat` applied first when given (never written), and the wishes
    of the e-mutasi CSV `permintaan` instead of sheet Permintaan when given."""
    from penempatan.excel.read import read_workbook

    if riwayat is None:
        return read_workbook(data, permintaan=permintaan), None
    applied = apply_riwayat(data, riwayat, progress)
    progress("Membaca dan memeriksa masukan…")
    return read_workbook(data, applied.raw, permintaan), applied


def apply_riwayat(data: Path, riwayat: Riwayat, progress: Progress) -> Applied:
    """The histories applied to the workbook's bytes in memory (`usecases.siasn.apply_histories`)."""
    from penempatan.usecases.siasn import apply_histories

    return apply_histories(riwayat.folder, data, riwayat.prefer_siasn, riwayat.lenient, progress)


@dataclass(frozen=True)
class Checked:
    """What `check` found: every problem (located) and the data, None when the input is unusable; with
    `--riwayat`, what the histories did (their conflicts are among the problems)."""

    problems: list[Problem]
    data: ProblemData | None
    riwayat: Applied | None = None
    permintaan: WishesFile | None = None  # the CSV read instead of sheet Permintaan (`--permintaan`)

    @property
    def failed(self) -> bool:
        return self.data is None


def check_input(data: Path, out: Path | None, riwayat: Riwayat | None = None,
                progress: Progress = lambda _: None, permintaan: Path | None = None) -> Checked:
    """Read the workbook (with the histories of `riwayat` applied, and the wishes of the CSV `permintaan`), collect
    its problems and write them to `out` when given."""
    from penempatan.excel.read import read_workbook
    from penempatan.usecases.problems import locate

    problem_data = None
    applied = None
    wishes_file = None
    try:
        applied = apply_riwayat(data, riwayat, progress) if riwayat is not None else None
        result = read_workbook(data, applied.raw if applied is not None else None, permintaan)
        problems, problem_data, wishes_file = list(result.warnings), result.data, result.permintaan
    except InputError as exc:
        problems = list(exc.problems)
    problems = locate([*(applied.problems if applied is not None else ()), *problems], data)
    if out is not None:
        from penempatan.excel.write_problems import write_problems

        write_problems(out, problems, str(data))
    return Checked(problems, problem_data, applied, wishes_file)


# --- solve and explain -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    """The input as a plan is made from it: the read workbook, the data with the scenario and the earlier
    plan's decisions applied, the reference plan (or None), the rows naming the scenario and reference for
    the workbook, and the earlier plan with its decisions (`solve --acuan`, SPEC 7)."""

    read: ReadResult
    problem: ProblemData
    reference: np.ndarray | None
    overrides: list[tuple[str, str]]
    acuan: Acuan | None = None
    riwayat: Applied | None = None
    unserved: ProblemData | None = None  # the data before the wishes were served (SPEC 9), when they were


def _load_scenario(path: Path, data: ProblemData) -> Scenario:
    from penempatan.excel.read_plan import read_plan_moves
    from penempatan.scenario import load_scenario

    return load_scenario(path, data, read_plan=read_plan_moves)


def _not_an_output(scenario: Scenario, outputs: Iterable[Path]) -> None:
    """The workbooks a scenario reads (`acuan`, `rekomendasi`) are inputs of the run: never one of its outputs,
    with or without --timpa (exit 2 before any work)."""
    for what, source in (("rencana acuan", scenario.acuan), ("rekomendasi", scenario.rekomendasi)):
        for out in outputs:
            if source is not None and same_file(out, source):
                raise refuse(f"berkas keluaran {out} sama dengan {what} {source} yang dibaca skenario; masukan "
                             "tidak pernah ditimpa. Pilih nama lain.")


def prepare(data: Path, skenario: Path | None, acuan: Path | None, progress: Progress,
            outputs: Iterable[Path] = (), riwayat: Riwayat | None = None, permintaan: Path | None = None) -> Prepared:
    """Read the workbook (with SIASN histories, and the wishes of the CSV `permintaan`) and apply the scenario and
    reference plan, as `solve` and `explain` both do."""
    from penempatan.scenario import apply_scenario, load_acuan, scenario_rows

    read, applied = read_input(data, riwayat, progress, permintaan)
    problem = read.data
    overrides: list[tuple[str, str]] = []
    if skenario is not None:
        progress("Memeriksa skenario…")
        scenario = _load_scenario(skenario, problem)
        _not_an_output(scenario, outputs)
        overrides = scenario_rows(problem, scenario)
        problem = apply_scenario(problem, scenario)
        if acuan is None and scenario.acuan is not None:
            acuan = scenario.acuan
    if read.permintaan is not None:  # after the scenario's rows, which would replace it
        overrides.append((PERMINTAAN_ROW, f"{read.permintaan.path.name} ({read.permintaan.rows} baris)"))
    if acuan is None:
        return Prepared(read, _served(problem, progress), None, overrides, riwayat=applied, unserved=problem)
    from penempatan.excel.read_plan import read_plan_answers

    progress("Membaca rencana acuan dan keputusannya…")
    earlier = load_acuan(acuan, problem, read_plan_answers)
    skipped = earlier.skipped
    overrides.append(("acuan", acuan.name + (f" ({skipped} baris tidak cocok dengan data, diabaikan)"
                                             if skipped else "")))
    if earlier.decisions.items or earlier.decisions.pending or earlier.decisions.agreed:
        overrides.append((DECISIONS_ROW, earlier.decisions.summary()))
    return Prepared(read, _served(earlier.data, progress), earlier.reference, overrides, earlier, applied,
                    unserved=earlier.data)


def _served(problem: ProblemData, progress: Progress) -> ProblemData:
    """The data with the ranked wishes served in priority order (SPEC 9, wishes.serve): grants pinned, refused
    seats closed."""
    if not problem.wishes:
        return problem
    from penempatan.wishes.serve import serve_wishes

    progress("Memenuhi permintaan pegawai menurut prioritas…")
    return serve_wishes(problem).data


DECISIONS_ROW = "keputusan acuan"
"""The Parameter/Ringkasan row that counts the answers and decisions of the earlier plan."""
PERMINTAAN_ROW = "permintaan"
"""The Parameter/Ringkasan row naming the e-mutasi CSV read instead of sheet Permintaan (`--permintaan`)."""


def solve_plan(ready: Prepared, batas_waktu: float, progress: Progress) -> tuple[ProblemData, Tables, Result]:
    """Score and solve (the data with the wishes served, withdrawing grants when the plan around them cannot
    exist: `wishes.serve.withdraw`); a plan that cannot exist ends the command with exit 1."""
    from penempatan.result import SolveStatus
    from penempatan.scoring import Tables
    from penempatan.solver import solve

    problem, reference = ready.problem, ready.reference

    def solved(data: ProblemData) -> tuple[Tables, Result]:
        progress("Menghitung skor kecocokan…")
        tables = Tables(data)
        return tables, solve(data, batas_waktu, tables=tables, reference=reference,
                             progress=lambda msg: progress(f"Mencari rencana optimal: {msg}…"))

    tables, result = solved(problem)
    if result.status is SolveStatus.INFEASIBLE and ready.unserved is not None:
        from penempatan.wishes.serve import withdraw

        problem, tables, result = withdraw(ready.unserved, problem, (tables, result), solved)
    if result.status is SolveStatus.TIME_LIMIT:
        raise Stop(f"Belum ada rencana dalam batas waktu {batas_waktu:g} detik. {result.message} Coba lagi dengan "
                   "--batas-waktu yang lebih besar.", EXIT_FAIL)
    if not result.feasible:
        raise Stop(f"Tidak ada rencana yang layak. {result.message} (aturan terkait: "
                   f"{', '.join(result.rules_involved)})", EXIT_FAIL)
    return problem, tables, result


@dataclass(frozen=True, kw_only=True)
class SolveFiles:
    """The files of one `solve`: the input, scenario and reference, and the outputs to write (None: not
    asked)."""

    data: Path
    skenario: Path | None
    acuan: Path | None
    out: Path
    kandidat: Path | None
    json: Path | None
    laporan: Path | None
    claimed: Sequence[Path]
    riwayat: Riwayat | None = None
    permintaan: Path | None = None
    putaran: int | None = None  # --putaran: 1 or 2 rounds instead of Pengaturan's `putaran`


@dataclass(frozen=True)
class Solved:
    """A solved plan and what it was made from; with an earlier plan (`--acuan`), every placement that
    changed against it and why (`explain.changes`)."""

    read: ReadResult
    problem: ProblemData
    tables: Tables
    result: Result
    changes: list[ChangeRow] | None = None
    decisions: str = ""  # what the earlier plan's answers decided (`Decisions.summary`), '' without --acuan
    seconds: float = 0.0  # the whole command: reading, solving, the curve and writing
    riwayat: Applied | None = None  # the SIASN histories applied (`--riwayat`)
    rounds: TwoRoundPlan | None = None  # a two-round plan (`putaran` 2, SPEC 8): `result` is its round 1


def solve_files(files: SolveFiles, batas_waktu: float, kurva: bool, progress: Progress) -> Solved:
    """`solve`: read, apply the scenario, solve (and the benefit curve), then write every output at once."""
    from penempatan.excel.write_plan import write_plan
    from penempatan.solver import SEED

    start = time.perf_counter()
    ready = prepare(files.data, files.skenario, files.acuan, progress, files.claimed, files.riwayat,
                    files.permintaan)
    if files.putaran is not None:
        params = ready.problem.params.model_copy(update={"putaran": files.putaran})
        ready = dataclasses.replace(ready, problem=ready.problem.replace(params=params))
    if ready.problem.params.putaran == 2:
        return _two_rounds(files, ready, batas_waktu, kurva, progress, start)
    problem, tables, result = solve_plan(ready, batas_waktu, progress)
    changes = None
    if ready.acuan is not None:
        from penempatan.explain.changes import change_rows

        a = ready.acuan
        changes = change_rows(problem, a.reference, result.assignment, a.decisions, a.chains)
    curve = None
    if kurva and result.feasible:
        from penempatan.curve import benefit_curve

        progress("Kurva manfaat: menyelesaikan untuk tiap batas jumlah mutasi…")
        curve = benefit_curve(problem, time_limit=batas_waktu, tables=tables, result=result,
                              progress=lambda msg: progress(f"Kurva manfaat: {msg}"))
    progress("Menulis workbook rekomendasi…")
    with output_batch():
        write_plan(files.out, problem, tables, result, input_path=files.data,
                   versions={**versions(), "seed": str(SEED)}, scenario=ready.overrides, curve=curve,
                   changes=changes, answered=ready.acuan.answered if ready.acuan is not None else None,
                   riwayat=ready.riwayat.parameter() if ready.riwayat is not None else "")
        if files.kandidat is not None:
            from penempatan.usecases.exports import write_candidates

            write_candidates(files.kandidat, problem, result)
        if files.json is not None:
            from penempatan.usecases.exports import write_json

            write_json(files.json, problem, result, changes)
        if files.laporan is not None:
            from penempatan.report import solve_report, write_report

            progress("Menulis laporan HTML…")
            write_report(files.laporan, solve_report(problem, tables, result, source=files.data.name, curve=curve))
    decided = ready.acuan.decisions.summary() if ready.acuan is not None else ""
    return Solved(ready.read, problem, tables, result, changes, decided, time.perf_counter() - start, ready.riwayat)


def _two_rounds(files: SolveFiles, ready: Prepared, batas_waktu: float, kurva: bool, progress: Progress,
                start: float) -> Solved:
    """`solve` with `putaran` 2 (SPEC 8): the two-round plan, its round 1 as the plan workbook's moves and the
    sheets `Putaran 2` and `Rencana Pengembangan`. Not yet with an earlier plan (--acuan), the benefit curve
    (--kurva) or the other outputs."""
    from penempatan.excel.write_plan import write_plan
    from penempatan.rounds.plan import solve_two_rounds
    from penempatan.scoring import Tables
    from penempatan.solver import SEED

    asked = [name for name, given in (("--acuan", ready.acuan is not None), ("--kurva", kurva),
                                      ("--kandidat", files.kandidat is not None), ("--json", files.json is not None),
                                      ("--laporan", files.laporan is not None)) if given]
    if asked:
        raise Stop(f"Rencana dua putaran belum dapat dibuat bersama {', '.join(asked)}. Jalankan tanpa opsi itu, "
                   "atau dengan --putaran 1.", EXIT_INPUT)
    problem = ready.problem
    try:
        rounds = solve_two_rounds(problem, batas_waktu, progress=lambda msg: progress(f"Dua putaran: {msg}…"))
    except ValueError as exc:
        raise Stop(f"Rencana dua putaran tidak dapat disusun: {exc}", EXIT_FAIL) from None
    tables = Tables(problem)
    progress("Menulis workbook rekomendasi…")
    with output_batch():
        write_plan(files.out, problem, tables, rounds.first, input_path=files.data,
                   versions={**versions(), "seed": str(SEED)}, scenario=ready.overrides,
                   riwayat=ready.riwayat.parameter() if ready.riwayat is not None else "", rounds=rounds)
    return Solved(ready.read, problem, tables, rounds.first, None, "", time.perf_counter() - start, ready.riwayat,
                  rounds)


@dataclass(frozen=True)
class Explained:
    """A solved plan's view and whom (`who`, an employee index) or what (`post`, a post index) to explain."""

    problem: ProblemData
    result: Result
    view: Explainer
    who: int | None
    post: int | None


def explain_plan(data: Path, skenario: Path | None, acuan: Path | None, nip: str | None, jabatan: str | None,
                 batas_waktu: float, progress: Progress, permintaan: Path | None = None) -> Explained:
    """`explain`: the plan `solve` would make, and the employee or post asked about (found before solving)."""
    from penempatan.explain import Explainer

    ready = prepare(data, skenario, acuan, progress, permintaan=permintaan)
    problem = ready.problem
    who = find_employee(problem, nip) if nip is not None else None
    post = find_post(problem, jabatan) if jabatan is not None else None
    problem, tables, result = solve_plan(ready, batas_waktu, progress)
    return Explained(problem, result, Explainer(problem, tables, result), who, post)


def explain_saved(data: Path, skenario: Path | None, rencana: Path, nip: str | None, jabatan: str | None,
                  progress: Progress, permintaan: Path | None = None) -> Explained:
    """`explain --rencana`: the saved plan on the data it was made from (checked: the data's SHA-256, the
    scenario and every parameter), and the employee or post asked about; nothing is solved."""
    from penempatan.explain import Explainer

    problem, saved = read_saved(data, skenario, rencana, progress, permintaan)  # before the lookup: other NIPs
    who = find_employee(problem, nip) if nip is not None else None
    post = find_post(problem, jabatan) if jabatan is not None else None
    tables, result = rebuild_saved(problem, saved, data, rencana, progress)
    return Explained(problem, result, Explainer(problem, tables, result), who, post)


def read_saved(data: Path, skenario: Path | None, rencana: Path, progress: Progress,
               permintaan: Path | None = None) -> tuple[ProblemData, SavedPlan]:
    """The data (with the scenario, and the wishes of the CSV `permintaan`) and the plan saved in `rencana`, made
    from these bytes of DATA (and of the CSV) with the same scenario and parameters; else exit 2."""
    from penempatan.excel.cells import cell_text
    from penempatan.excel.read_plan import PlanFileError, read_saved_plan

    progress("Membaca rencana tersimpan…")
    try:
        saved = read_saved_plan(rencana)
    except PlanFileError as exc:
        raise refuse(f"{exc}. Gunakan workbook rekomendasi hasil `penempatan solve`.") from None
    # A plan re-solved from an earlier one (--acuan) was served its wishes with that plan's decisions (pins and
    # forbids): read them again from the earlier plan beside it, so the wishes are served as they were.
    acuan_name = cell_text(saved.parameters.get("acuan") or "").split(" (")[0].strip()
    acuan = rencana.parent / acuan_name if acuan_name else None
    if acuan is not None and (not acuan.is_file() or acuan.resolve() == rencana.resolve()):
        acuan = None
    ready = prepare(data, skenario, acuan, progress, permintaan=permintaan)
    _same_inputs(saved, ready, data, skenario, rencana)
    return ready.problem, saved


def rebuild_saved(problem: ProblemData, saved: SavedPlan, data: Path, rencana: Path,
                  progress: Progress) -> tuple[Tables, Result]:
    """The saved plan as a Result on `problem`, without solving (`explain.saved.rebuild_result`: every move
    and the whole plan checked against the rules, the objective against Ringkasan); else exit 2."""
    from penempatan.excel.read_plan import PlanFileError, saved_moves, saved_summary
    from penempatan.explain.saved import SavedPlanError, rebuild_result
    from penempatan.scoring import Tables

    try:
        summary = saved_summary(saved)
    except PlanFileError as exc:
        raise refuse(f"{exc}. Gunakan workbook rekomendasi hasil `penempatan solve`.") from None
    progress("Menghitung skor kecocokan…")
    tables = Tables(problem)
    try:
        result = rebuild_result(problem, tables, saved_moves(saved), summary)
    except SavedPlanError as exc:
        shown = exc.faults[:_FAULTS_SHOWN]
        more = f"\n  … dan {len(exc.faults) - len(shown)} lainnya" if len(exc.faults) > len(shown) else ""
        raise refuse(f"rencana {rencana} tidak sesuai dengan aturan dan data {data.name}:\n  "
                     + "\n  ".join(shown) + more) from None
    return tables, result


_FAULTS_SHOWN = 10
_NOT_COMPARED = frozenset({"skenario", "berkas skenario", "acuan", DECISIONS_ROW, PERMINTAAN_ROW})
"""Parameter rows that name files rather than settings: a renamed scenario file is the same scenario (the CSV of
`--permintaan` is in sha256_input)."""


def _same_inputs(saved: SavedPlan, ready: Prepared, data: Path, skenario: Path | None, rencana: Path) -> None:
    """The saved plan was made from these bytes of DATA, with the same scenario and parameters; else exit 2."""
    from penempatan.excel.cells import cell_text
    from penempatan.excel.read_plan import PARAMETER_SHEET, changed_parameters
    from penempatan.excel.write_plan import RIWAYAT_ROW
    from penempatan.parameters import param_label

    problem = ready.problem
    sha = cell_text(saved.parameters.get("sha256_input") or "").strip().lower()
    if not sha:
        raise refuse(f"rencana {rencana} tidak mencatat sha256_input di sheet {PARAMETER_SHEET}, jadi tidak dapat "
                     f"dipastikan dibuat dari {data}. Jalankan `penempatan explain {data}` tanpa --rencana.")
    histories = cell_text(saved.parameters.get(RIWAYAT_ROW) or "").strip()
    if sha != problem.source_sha256 and histories:
        raise refuse(f"rencana {rencana} dibuat dengan riwayat SIASN ({histories}; sheet {PARAMETER_SHEET}) "
                     f"dari data yang tidak sama dengan {data}. Simpan data berikut riwayat itu dengan `penempatan "
                     "siasn FOLDER --data ASAL.xlsx -o BARU.xlsx` (workbook asal, folder riwayat dan "
                     "--utamakan-siasn yang sama), lalu pakai BARU.xlsx sebagai DATA.")
    made_with = cell_text(saved.parameters.get(PERMINTAAN_ROW) or "").strip()
    given = next((value for label, value in ready.overrides if label == PERMINTAAN_ROW), "")
    if sha != problem.source_sha256 and bool(made_with) != bool(given):
        raise refuse(f"rencana {rencana} dibuat " + (f"dengan --permintaan {made_with}; berikan --permintaan berkas "
                     "yang sama" if made_with else f"tanpa --permintaan, tetapi --permintaan {given} diberikan; "
                     "jalankan tanpa opsi itu") + f" (sheet {PARAMETER_SHEET}).")
    if sha != problem.source_sha256:
        raise refuse(f"rencana {rencana} dibuat dari data lain: sha256_input di sheet {PARAMETER_SHEET} "
                     f"({sha[:12]}…) tidak sama dengan SHA-256 {data} ({(problem.source_sha256 or '')[:12]}…). "
                     f"Jalankan `penempatan solve {data}` lagi, atau `penempatan explain {data}` tanpa --rencana.")
    theirs = cell_text(saved.parameters.get("skenario") or "").strip()
    ours = problem.scenario_name or ""
    if theirs != ours:
        if not ours:
            how = f"jalankan dengan -s berkas skenario '{theirs}' yang sama"
        elif not theirs:
            how = f"rencana dibuat tanpa skenario, tetapi -s {skenario} diberikan"
        else:
            how = f"-s {skenario} berisi skenario '{ours}'"
        raise refuse(f"rencana {rencana} dibuat dengan skenario '{theirs or '(dasar)'}' (sheet {PARAMETER_SHEET}); "
                     f"{how}.")
    rows = saved.parameter_rows
    start = next((k for k, (label, _) in enumerate(rows) if label == "skenario"), len(rows))
    plan_overrides = sorted((label, cell_text(v)) for label, v in rows[start + 1:] if label not in _NOT_COMPARED)
    data_overrides = sorted((label, v) for label, v in ready.overrides if label not in _NOT_COMPARED)
    if plan_overrides != data_overrides:
        diff = sorted(set(plan_overrides) ^ set(data_overrides))
        raise refuse(f"skenario di rencana {rencana} (sheet {PARAMETER_SHEET}) berbeda dengan -s {skenario}: "
                     + "; ".join(f"{label}: {value}" for label, value in diff[:_FAULTS_SHOWN]) + ".")
    changed = changed_parameters(saved, problem.params)
    if changed:
        raise refuse(f"parameter rencana {rencana} (sheet {PARAMETER_SHEET}) berbeda dengan Pengaturan {data}"
                     + (" dan skenario" if skenario is not None else "") + ": "
                     + "; ".join(f"{param_label(name)} ({name}) {plan} di rencana, {now} di data"
                                 for name, plan, now in changed)
                     + f". Jalankan `penempatan solve {data}` lagi dengan pengaturan ini.")


# --- analyze and compare -----------------------------------------------------------------------------------------
def analyze_files(data: Path, out: Path, laporan: Path | None,
                  progress: Progress) -> tuple[ReadResult, Analysis]:
    """`analyze`: read, analyse the current state, write the workbook (and report); (read, analysis)."""
    from penempatan.analyze import analyze
    from penempatan.excel.read import read_workbook
    from penempatan.excel.write_analysis import write_analysis

    read = read_workbook(data)
    progress("Menganalisis keadaan sekarang…")
    analysis = analyze(read.data)
    progress("Menulis workbook analisis…")
    with output_batch():
        write_analysis(out, analysis)
        if laporan is not None:
            from penempatan.report import analyze_report, write_report

            progress("Menulis laporan HTML…")
            write_report(laporan, analyze_report(analysis, source=data.name))
    return read, analysis


def succession_files(data: Path, out: Path, progress: Progress) -> tuple[ReadResult, SuccessionPlan]:
    """`suksesi`: read, choose the successors of every key post, write the workbook; (read, plan)."""
    from penempatan.excel.read import read_workbook
    from penempatan.excel.write_succession import write_succession
    from penempatan.succession import succession

    read = read_workbook(data)
    progress("Menyusun rencana suksesi jabatan kunci…")
    plan = succession(read.data)
    progress("Menulis workbook rencana suksesi…")
    with output_batch():
        write_succession(out, plan)
    return read, plan


@dataclass(frozen=True)
class Prioritised:
    """`prioritas`: the data read and every requester's priority, in rank order."""

    read: ReadResult
    ranked: list[Priority]


def priority_files(data: Path, out: Path, progress: Progress, permintaan: Path | None = None) -> Prioritised:
    """`prioritas`: read (the wishes from the CSV `permintaan` when given), rank every requester by the published
    points (SPEC 9), write the workbook."""
    from penempatan.excel.read import read_workbook
    from penempatan.excel.write_priority import write_priority
    from penempatan.reference import load_reference
    from penempatan.wishes.priority import priorities

    read = read_workbook(data, permintaan=permintaan)
    progress("Menghitung poin prioritas setiap pemohon…")
    ref = load_reference()
    ranked = priorities(read.data, ref)
    progress("Menulis workbook prioritas…")
    with output_batch():
        write_priority(out, read.data, ranked, ref)
    return Prioritised(read, ranked)


def compare_files(data: Path, skenario: Sequence[Path], out: Path, laporan: Path | None, batas_waktu: float,
                  progress: Progress, permintaan: Path | None = None) -> tuple[ReadResult, Comparison]:
    """`compare`: the base plan and one per scenario, side by side (the wishes from the CSV `permintaan` when
    given); (read, comparison)."""
    from penempatan.compare import compare
    from penempatan.excel.read import read_workbook
    from penempatan.excel.write_compare import write_comparison

    read = read_workbook(data, permintaan=permintaan)
    problems: list[Problem] = []
    scenarios = []
    for path in skenario:
        try:
            scenarios.append(_load_scenario(path, read.data))
        except InputError as exc:  # every scenario's problems, not only the first file's
            problems += exc.problems
    if problems:
        raise InputError(problems)
    for scenario in scenarios:
        _not_an_output(scenario, [p for p in (out, laporan) if p is not None])
    comparison = compare(read.data, scenarios, batas_waktu,
                         progress=lambda msg: progress(f"Mencari rencana optimal: {msg}…"))
    progress("Menulis workbook perbandingan…")
    with output_batch():
        write_comparison(out, comparison)
        if laporan is not None:
            from penempatan.report import compare_report, write_report

            progress("Menulis laporan HTML…")
            write_report(laporan, compare_report(comparison, source=data.name))
    return read, comparison

