"""`penempatan surat` (SPEC 7): a letter draft (.docx) for every mover of a saved plan, `daftar-surat.xlsx`
and one combined document for printing (every letter from an odd page on), in one folder; from the template
shipped in data/ or the office's own (`--templat`, checked before any work), the sender from `Pengaturan`.

The letters are worded from the plan saved in HASIL.xlsx without solving again (as `explain --rencana`): the
plan must have been made from these bytes of DATA with the same scenario and parameters, and every move and
the plan as a whole must pass the rules and match the objective in its Ringkasan (`jobs.read_saved`,
`jobs.rebuild_saved`), so each letter says exactly what the committee's workbook says — also for a plan
re-solved with `--acuan` after the answers came back. A plan that does not (other data, a hand-edited
workbook) is refused with exit 2. Every file is checked before any work and all are renamed into place
together (`atomic.output_batch`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from penempatan import text
from penempatan.atomic import output_batch
from penempatan.cli.app import app
from penempatan.cli.bahasa import Command
from penempatan.cli.commands import Permintaan
from penempatan.cli.failures import guard, input_files, require_input
from penempatan.cli.outputs import Outputs
from penempatan.cli.terminal import term
from penempatan.usecases import jobs
from penempatan.usecases.stop import bad_argument, refuse

if TYPE_CHECKING:
    from penempatan.letters.content import Printable
    from penempatan.model import ProblemData

@app.command(cls=Command)
def surat(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx",
                                         help="Workbook masukan yang dipakai saat rencana dibuat.")],
    rencana: Annotated[Path, typer.Option("--rencana", metavar="HASIL.xlsx",
                                          help="Workbook rekomendasi dari `penempatan solve` atas DATA.xlsx.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FOLDER",
                                         help="Folder surat (dibuat bila belum ada).")],
    batas_tanggapan: Annotated[str | None, typer.Option("--batas-tanggapan", metavar="DD-MM-YYYY",
                                                        help="Batas tanggal tanggapan pegawai. [bawaan: 14 hari "
                                                        "setelah tanggal acuan]")] = None,
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="S.toml",
                                                  help="Berkas skenario yang dipakai saat rencana dibuat.")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", metavar="DETIK", min=1.0, hidden=True,
                                               help="Tidak dipakai lagi: surat dibuat dari rencana tersimpan "
                                               "tanpa menyusun ulang.")] = 60.0,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas surat yang sudah ada di folder (tanpa opsi "
                                        "ini berkas yang ada tidak pernah ditimpa).")] = False,
    templat: Annotated[Path | None, typer.Option("--templat", metavar="TEMPLAT.docx",
                                                 help="Templat surat .docx instansi sendiri (kop, tanda tangan, tata "
                                                 "letak) yang memuat penanda {{ISI_SURAT}} sendirian dalam satu "
                                                 "paragraf; mulailah dari salinan templat bawaan (`penempatan "
                                                 "template --surat`). [bawaan: templat penempatan]")] = None,
    permintaan: Permintaan = None,
    pengembangan: Annotated[bool, typer.Option("--pengembangan", help="Tulis undangan pelatihan putaran 1 untuk "
                                               "setiap peserta di sheet Rencana Pengembangan (rencana dua putaran) "
                                               "alih-alih surat usulan mutasi.")] = False,
) -> None:
    """Tulis draf surat (.docx) untuk setiap pegawai yang dipindah dalam rencana, daftar-surat.xlsx dan satu
    berkas gabungan untuk dicetak; dengan --pengembangan, undangan pelatihan rencana dua putaran."""
    from penempatan.letters import COMBINED_NAME, LIST_NAME, TemplateError, check_template, template_path

    for path in (data, rencana, skenario, templat, permintaan):
        if path is not None:
            require_input(path)
    batas = date_option(batas_tanggapan, "--batas-tanggapan")
    template = templat or template_path()
    if not template.is_file():
        raise refuse(f"templat surat {template} tidak ditemukan; pasang ulang penempatan.")
    try:
        check_template(template)
    except TemplateError as exc:
        raise refuse(str(exc)) from None
    folder = _folder(output)
    outputs = Outputs(timpa, data, rencana, skenario, template, permintaan)
    fixed = [outputs.claim(folder / LIST_NAME), outputs.claim(folder / COMBINED_NAME)]
    with guard(data, input_files(rencana, skenario, permintaan)):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            if pengembangan:
                made = make_invitations(data, rencana, skenario, batas, status.update, permintaan)
            else:
                made = make_letters(data, rencana, skenario, batas, batas_waktu, status.update, permintaan)
            for letter in made.letters:  # refused before anything is written when one exists (no --timpa)
                outputs.claim(folder / letter.file_name)
            status.update("Menulis surat…")
            _write(folder, made.letters, fixed, template)
        what = "undangan pelatihan" if pengembangan else "surat"
        term.say(f"{text.number(len(made.letters))} {what} ditulis ke {folder} (batas tanggapan "
                 f"{text.date_text(made.letters[0].batas) if made.letters else '-'}); daftar: {LIST_NAME}, "
                 f"gabungan untuk dicetak: {COMBINED_NAME}.")


@dataclass(frozen=True)
class Letters:
    """The plan's data and the letters of its movers (or the invitations of its trainees)."""

    problem: ProblemData
    letters: Sequence[Printable]


def make_invitations(data: Path, rencana: Path, skenario: Path | None, batas: date | None,
                     progress: jobs.Progress, permintaan: Path | None = None) -> Letters:
    """The two-round plan saved in HASIL.xlsx, verified as for the move letters, and one invitation per row of
    its `Rencana Pengembangan` (a one-round plan, or a trainee or post the data does not have, is refused)."""
    from penempatan.excel.read_plan import PlanFileError, read_development
    from penempatan.letters import Sender
    from penempatan.letters.content import deadline
    from penempatan.letters.invitation import Invitation
    from penempatan.rounds.later import round_two_date

    problem, saved = jobs.read_saved(data, skenario, rencana, progress, permintaan)
    jobs.rebuild_saved(problem, saved, data, rencana, progress)
    try:
        rows = read_development(rencana)
    except PlanFileError as exc:
        raise refuse(f"{exc}. Undangan pelatihan dibuat dari rencana `penempatan solve --putaran 2`.") from None
    progress("Menyusun undangan pelatihan…")
    p = problem.params
    when, _ = deadline(p.tanggal_acuan, batas)
    out = []
    for row in rows:
        i, j = problem.employee_index.get(row.nip), problem.position_index.get(row.for_kode)
        if i is None or j is None:
            raise refuse(f"Rencana Pengembangan baris {row.row}: NIP {row.nip} atau Kode Jabatan {row.for_kode} "
                         f"tidak ada di {data.name}.")
        e = problem.employees[i]
        here, there = problem.positions[problem.current_post[i]], problem.positions[j]
        out.append(Invitation(nip=e.nip, nama=e.nama, jabatan=here.nama, unit=here.unit, pelatihan=row.pelatihan,
                              mulai=row.mulai, selesai=row.selesai, biaya=row.biaya, jabatan_tujuan=there.nama,
                              unit_tujuan=there.unit, tanggal_putaran_2=round_two_date(p), batas=when,
                              tanggal_acuan=p.tanggal_acuan, pengirim=Sender.of(p)))
    return Letters(problem, out)


def make_letters(data: Path, rencana: Path, skenario: Path | None, batas: date | None, batas_waktu: float,
                 progress: jobs.Progress, permintaan: Path | None = None) -> Letters:
    """The plan saved in HASIL.xlsx, verified against DATA (and the e-mutasi CSV `permintaan` it was made with)
    and the rules without solving, and one letter per mover (`batas_waktu` is kept for callers of the former
    re-solving version and not used)."""
    from penempatan.explain import PlanView
    from penempatan.letters import letters_for

    problem, saved = jobs.read_saved(data, skenario, rencana, progress, permintaan)
    tables, result = jobs.rebuild_saved(problem, saved, data, rencana, progress)
    progress("Menyusun surat…")
    return Letters(problem, letters_for(PlanView(problem, tables, result), batas))


def _write(folder: Path, letters: Sequence[Printable], fixed: list[Path | None], template: Path) -> None:
    from penempatan.letters import write_letters

    list_path, combined_path = fixed
    with output_batch():
        write_letters(folder, letters, template, list_path=list_path, combined_path=combined_path)


def date_option(value: str | None, option: str) -> date | None:
    """A date option such as --batas-tanggapan (DD-MM-YYYY, also yyyy-mm-dd or '31 Desember 2026'); a bad one
    stops the command naming `option`."""
    if value is None:
        return None
    from penempatan.excel.cells import Bad, as_date

    try:
        return as_date(value.strip())
    except Bad as exc:
        raise bad_argument(f"{option} '{value}': {exc.message}. Tulis sebagai DD-MM-YYYY.") from None


def _folder(path: Path) -> Path:
    """The output folder, made when missing (its parent must exist); exit 2 when it is a file."""
    if path.exists() and not path.is_dir():
        raise refuse(f"{path} adalah berkas, bukan folder. Beri nama folder untuk surat-surat.")
    if not path.exists():
        if not path.parent.is_dir():
            raise refuse(f"tidak dapat membuat folder {path}: folder {path.parent} tidak ada.")
        try:
            path.mkdir()
        except OSError as exc:
            from penempatan.errors import os_error_text

            raise refuse(f"tidak dapat membuat folder {path}: {os_error_text(exc)}.") from None
    return path
