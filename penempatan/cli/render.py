"""The terminal renderings of what the commands return: the plan summary, the analysis, the comparison and
the check result. Numbers come from summary, analyze and compare; here they are only laid out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from penempatan import text
from penempatan.cli.terminal import term

if TYPE_CHECKING:
    from penempatan.analyze import Analysis
    from penempatan.compare import Comparison
    from penempatan.excel.read import ReadResult
    from penempatan.excel.wishes_csv import WishesFile
    from penempatan.model import ProblemData
    from penempatan.succession import SuccessionPlan
    from penempatan.usecases.jobs import Checked, Solved
    from penempatan.wishes.priority import Priority


_EKSPEKTASI = ("di bawah", "sesuai", "di atas")
_POTENSI = ("Tinggi", "Menengah", "Rendah")
"""The 9-box drawn as the planner knows it: potensi down, kinerja ekspektasi across (numbers: reference data)."""


def value_text(value: object) -> str:
    """A number or text for a terminal table, in the Indonesian convention."""
    if isinstance(value, bool):
        return text.yes_no(value)
    if isinstance(value, int):
        return text.number(value)
    if isinstance(value, float):
        return text.decimal(value, 2)
    if isinstance(value, date):
        return text.date_text(value)
    return str(value)


def mention_warnings(read: ReadResult, data: Path, riwayat: Path | None = None) -> None:
    """The lines after a command that read the workbook: where the wishes came from when not from sheet Permintaan
    (`wishes_file`), and how many warnings `check` would list (with the same files)."""
    wishes_file(read.permintaan)
    permintaan = read.permintaan.path if read.permintaan is not None else None
    if read.warnings:
        also = "".join(f" {option} {path}" for option, path in (("--riwayat", riwayat), ("--permintaan", permintaan))
                       if path is not None)
        term.complain(f"{text.number(len(read.warnings))} peringatan pada masukan (lihat `penempatan check {data}"
                      f"{also}`).")


def wishes_file(source: WishesFile | None) -> None:
    """One line when the wishes came from an e-mutasi CSV (`--permintaan`) instead of sheet Permintaan."""
    if source is not None:
        ignored = "; sheet Permintaan diabaikan" if source.sheet_ignored else ""
        term.say(f"Permintaan dibaca dari {source.path} ({text.number(source.rows)} baris){ignored}.")


def check_result(data: Path, checked: Checked) -> None:
    """The last line of `check`: valid with its size, or not valid with the counts."""
    n_err = sum(p.is_error for p in checked.problems)
    n_warn = len(checked.problems) - n_err
    d = checked.data
    if d is None:
        term.say(f"Masukan {data} tidak valid: {text.number(n_err)} galat, {text.number(n_warn)} peringatan. "
                 "Perbaiki galatnya lalu periksa lagi.")
    else:
        wishes = (f", {text.number(len(d.wishes))} permintaan dari {text.number(len({w.nip for w in d.wishes}))} "
                  "pegawai" if d.wishes else "")
        term.say(f"Masukan valid: {text.number(len(d.employees))} pegawai, {text.number(len(d.positions))} "
                 f"jabatan, {text.number(len(d.units))} unit kerja{wishes}; {text.number(n_warn)} peringatan, "
                 "0 galat.")


def solved(plan: Solved) -> None:
    """The plan's summary (the same PlanSummary as Ringkasan, compare and the report) as a table, then its
    scenario and how far it is from the reference plan."""
    from penempatan.explain import plan_summary, summary_lines, technical_lines

    summary = plan_summary(plan.problem, plan.tables, plan.result)
    for title, lines in (("Ringkasan rencana", summary_lines(summary)),
                         ("Rincian teknis", technical_lines(summary, plan.seconds or None))):
        table = Table(title=title, show_header=False)
        table.add_column("", style="bold", no_wrap=True)
        table.add_column("")
        for label, value in lines:
            table.add_row(label, Text(text.visible(value)))  # a message may quote the input: never markup
        term.console.print(table)
    if plan.problem.scenario_name:
        term.say(f"Skenario: {plan.problem.scenario_name}")
    if plan.decisions:
        term.say(f"Tanggapan dan keputusan di rencana acuan: {plan.decisions}")
    if plan.result.changed_vs_reference is not None:
        term.say(f"Perubahan dibanding acuan: {text.number(plan.result.changed_vs_reference)} penempatan")
    if plan.changes:
        changes(plan)
    if plan.rounds is not None:
        from penempatan.rounds.rows import summary_rows

        table = Table(title="Dua putaran", show_header=False)
        table.add_column("", style="bold", no_wrap=True)
        table.add_column("")
        for label, value in summary_rows(plan.problem, plan.rounds):
            table.add_row(label, Text(text.visible(value if isinstance(value, str) else _shown(value))))
        term.console.print(table)


def _shown(value: object) -> str:
    """A Ringkasan value as the terminal shows it: numbers with thousands dots, dates DD-MM-YYYY."""
    from datetime import date

    if isinstance(value, date):
        return text.date_text(value)
    return text.number(value) if isinstance(value, int | float) else str(value)


CHANGES_SHOWN = 40
"""Changed placements listed in the terminal after `solve --acuan`; all of them are in sheet Perubahan."""


def changes(plan: Solved) -> None:
    """Every changed placement against the earlier plan, group by group with the group's decisions (the
    rows of sheet Perubahan, `explain.changes`)."""
    rows = plan.changes or []
    group = 0
    for row in rows[:CHANGES_SHOWN]:
        if row.group != group:
            group = row.group
            term.say(f"Kelompok {group}" + (f" — keputusan: {row.decisions}" if row.decisions else ""))
        term.say(f"  • {row.nama} ({row.nip}): {row.reason.rstrip('.')}.")
    if len(rows) > CHANGES_SHOWN:
        term.say(f"  … dan {text.number(len(rows) - CHANGES_SHOWN)} perubahan lain (sheet Perubahan).")
    letters = sum(row.letter for row in rows)
    if letters:
        term.say(f"{text.number(letters)} pegawai mendapat usulan baru dan perlu surat baru; "
                 f"{text.number(len(rows) - letters)} perlu diberi tahu usulannya batal (kolom Tindak Lanjut di "
                 "sheet Perubahan).")


def analysis(result: Analysis) -> None:
    """The headline numbers of the current state, then the nine-box grid of employee counts."""
    from penempatan.analyze import summary
    from penempatan.reference import load_reference

    table = Table(title="Keadaan sekarang", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for label, value in summary(result):
        table.add_row(label, value_text(value))
    term.console.print(table)
    grid = Table(title="Kotak talenta (jumlah pegawai per kotak)")
    grid.add_column("Potensi \\ Kinerja", style="bold")
    for ekspektasi in _EKSPEKTASI:
        grid.add_column(f"{ekspektasi} ekspektasi", justify="right")
    box = load_reference().kotak_talenta
    counts = result.kotak.sum(axis=0)
    for potensi in _POTENSI:
        boxes = [box(ekspektasi, potensi) for ekspektasi in _EKSPEKTASI]
        grid.add_row(potensi, *(f"kotak {k}: {text.number(int(counts[k]))}" for k in boxes))
    term.console.print(grid)


SUCCESSION_SHOWN = 10
"""Key posts listed in the terminal after `suksesi`, highest risk first; all of them are in the workbook."""
PRIORITY_SHOWN = 10
"""Requesters listed in the terminal after `prioritas`, in rank order; all of them are in the workbook."""


def succession(plan: SuccessionPlan) -> None:
    """The succession plan's headline numbers, then the posts at highest risk with their successors."""
    from penempatan.succession import summary

    table = Table(title="Rencana suksesi", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for label, value in summary(plan):
        table.add_row(label, Text(text.visible(value_text(value))))
    term.console.print(table)
    d = plan.data
    for k in plan.posts[:SUCCESSION_SHOWN]:
        q = d.positions[k.j]
        term.say(f"{k.rank}. {q.nama} ({q.kode}, {q.unit}): {'; '.join(k.risks()) or '-'}")
        for s in k.successors:
            e = d.employees[s.i]
            when = "siap sekarang" if s.ready_now else f"siap dalam {s.months} bulan"
            term.say(f"   • {e.nama} ({e.nip}), skor {s.fit}, {when}")
        if not k.successors:
            term.say(f"   • {k.reason}")
    if len(plan.posts) > SUCCESSION_SHOWN:
        term.say(f"… dan {text.number(len(plan.posts) - SUCCESSION_SHOWN)} jabatan kunci lain (sheet Rencana Suksesi).")


def priority(data: ProblemData, ranked: list[Priority]) -> None:
    """How many requested, how the ties are broken, then the first requesters in rank order."""
    from penempatan.wishes.priority import tie_rule_text

    wishes = sum(len(data.wish_lists[p.i]) for p in ranked)
    term.say(f"{text.number(len(ranked))} pemohon, {text.number(wishes)} permintaan; poin sama didahulukan: "
             f"{tie_rule_text(data.params)}.")
    if not ranked:
        term.say("Tidak ada permintaan (sheet Permintaan kosong atau tidak ada, dan tidak ada Unit Diminati).")
        return
    table = Table(title="Prioritas permintaan")
    for title in ("Peringkat", "NIP", "Nama", "Poin", "Alasan", "Masa jabatan", "Kinerja", "Jarak keluarga"):
        table.add_column(title, justify="right" if title in ("Peringkat", "Poin") else "left")
    for p in ranked[:PRIORITY_SHOWN]:
        e = data.employees[p.i]
        reason = f"{p.reason} ({'dengan' if p.evidence else 'tanpa'} bukti): {p.reason_points}" if p.reason else "-"
        table.add_row(str(p.rank), e.nip, Text(text.visible(e.nama)), str(p.points), reason,
                      f"{p.tenure_years} th: {p.tenure_points}", f"{e.kinerja}: {p.performance_points}",
                      "-" if p.family_km is None else f"{text.decimal(p.family_km)} km: {p.family_points}")
    term.console.print(table)
    if len(ranked) > PRIORITY_SHOWN:
        term.say(f"… dan {text.number(len(ranked) - PRIORITY_SHOWN)} pemohon lain (sheet Prioritas).")


def comparison(result: Comparison) -> None:
    """One column per plan, one row per measure (compare's `banding_rows`), then the notes."""
    from penempatan.compare import banding_rows

    table = Table(title="Perbandingan rencana")
    table.add_column("Ukuran", style="bold")
    for plan in result.plans:
        table.add_column(plan.label, justify="right", overflow="fold")
    for name, values in banding_rows(result):
        table.add_row(name, *(_compare_cell(name, v) for v in values))
    term.console.print(table)
    for note in result.notes:
        term.say(f"Catatan: {note}")
    term.say(f"{text.number(len(result.differing))} pegawai ditempatkan berbeda antar rencana (sheet Perbedaan).")


def _compare_cell(name: str, value: object) -> str:
    if isinstance(value, float) and name == "Gap":
        return text.percent(value, 4)
    return value_text(value)
