"""`paket` (SPEC 10): the decree package of a decided plan, without printing, for the CLI and the web app alike.

The plan saved in HASIL.xlsx is rebuilt against DATA without solving (`jobs.read_saved`, `jobs.rebuild_saved`:
same input bytes, scenario and parameters, every move within the rules), its answers and chain decisions are read
and checked (`scenario.answers.decide`: a wrong value or a contradiction is a located input error), and a plan
with a move no decision covers is refused naming those rows (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from penempatan.atomic import output_batch
from penempatan.usecases import jobs
from penempatan.usecases.stop import refuse

if TYPE_CHECKING:
    from penempatan.decree import Package
    from penempatan.explain import PlanView


@dataclass(frozen=True)
class Made:
    """A decided plan's package, and the plan it was made from."""

    view: PlanView
    package: Package


def make_decree_package(data: Path, rencana: Path, skenario: Path | None, sidang: date | None,
                        progress: jobs.Progress, decree: dict[str, object] | None = None,
                        permintaan: Path | None = None) -> Made:
    """The package of the plan in `rencana` made from `data` (and `skenario`); `sidang` is the meeting's date for
    the Berita Acara (None: left to fill); `decree` overrides decree-only settings of `Pengaturan` (nomor_sk,
    tanggal_sk, tmt_mutasi: known after the plan, when DATA may no longer change); `permintaan`: the e-mutasi CSV
    the plan was made with. Stop (exit 2) for a plan of other data or an undecided one."""
    from penempatan.decree import Minutes, make_package, undecided_message, verdicts
    from penempatan.excel.read_plan import PlanFileError, read_plan_answers
    from penempatan.explain import PlanView
    from penempatan.explain.summary import plan_summary, summary_lines
    from penempatan.scenario import decide

    problem, saved = jobs.read_saved(data, skenario, rencana, progress, permintaan)
    tables, result = jobs.rebuild_saved(problem, saved, data, rencana, progress)
    if decree:
        problem = problem.replace(params=problem.params.model_copy(update=decree))
    progress("Membaca keputusan Baperjakat…")
    try:
        answers = read_plan_answers(rencana)
    except PlanFileError as exc:
        raise refuse(f"{exc}. Gunakan workbook rekomendasi hasil `penempatan solve`.") from None
    v = verdicts(answers, decide(problem, answers))
    if v.undecided:
        raise refuse(undecided_message(v))
    progress("Menyusun paket keputusan…")
    view = PlanView(problem, tables, result)
    summary = summary_lines(plan_summary(problem, tables, result, view=view))
    minutes = Minutes(sidang, data.name, problem.source_sha256 or "", rencana.name, summary)
    return Made(view, make_package(view, v, minutes))


def write_decree_package(folder: Path, made: Made) -> None:
    """Every file of the package into `folder`, renamed into place together."""
    from penempatan.decree import write_package

    with output_batch():
        write_package(folder, made.package, made.view)
