"""`explain` on the terminal: one employee (their plan, reasons, score parts and alternatives) or one post
(who fills its seats after the plan, who leaves, why a seat stays empty, the best candidates placed elsewhere).

Every reason is the explainer's text (penempatan.explain); here it is only laid out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from penempatan import text
from penempatan.cli.terminal import term
from penempatan.explain.words import field_text
from penempatan.rules import RULES

if TYPE_CHECKING:
    from penempatan.explain import Explainer
    from penempatan.model import Employee, ProblemData
    from penempatan.usecases.jobs import Explained

SHOWN = 20
"""Holders and arrivals listed per post; the rest are in the workbook."""
_SHORT_COMPONENT = {"pendidikan": "Pend", "bidang": "Bid", "kompetensi": "Komp", "kinerja": "Kin",
                    "golongan": "Gol"}
_LEGEND = ("Pend = jenjang pendidikan, Bid = bidang (R8), Komp = kompetensi, Kin = kinerja dan talenta, "
           "Gol = golongan (R7). Skor = kesesuaian; tujuan mutasi (rotasi, kebutuhan, promosi, "
           "permintaan) bukan bagian skor.")


def heading(explained: Explained) -> None:
    """The plan's status and date, and the scenario when there is one."""
    problem = explained.problem
    term.say(f"Rencana {explained.result.status.value}, tanggal acuan "
             f"{text.date_text(problem.params.tanggal_acuan)}.")
    if problem.scenario_name:
        term.say(f"Skenario: {problem.scenario_name}")


def post_label(problem: ProblemData, j: int) -> str:
    q = problem.positions[j]
    return f"{q.kode} {q.nama} ({q.unit})"


def _person(e: Employee) -> str:
    return f"{e.nama} ({text.nip(e.nip)})"


def _rule_words(code: str) -> str:
    """A rule's wording with its legal source, from the registry."""
    rule = RULES.get(code)
    return rule.cited if rule is not None else code


# --- one employee ------------------------------------------------------------------------------------------------
def employee(ex: Explainer, i: int) -> None:
    """Who the employee is, what the plan does with them and why, the score table and the alternatives."""
    d = ex.data
    e = d.employees[i]
    src = ex.cur[i]
    term.rule(f"[bold]{escape(e.nama)}[/] ({text.nip(e.nip)})")
    term.say(f"Golongan {e.golongan}, pendidikan {e.pendidikan}{f' ({e.jurusan})' if e.jurusan else ''}, "
             f"kinerja {e.kinerja}, kotak talenta {e.kotak or '-'}, status {e.status}")
    term.say(f"Jabatan saat ini: {post_label(d, src)}, masa jabatan {text.months_text(int(ex.t.emp_tenure[i]))}, "
             f"skor {int(ex.stay_scores[i])}")
    if ex.target[i] != src:
        _move(ex, i)
    else:
        term.say(f"Rencana: TETAP di {post_label(d, src)}")
        term.say(f"Alasan: {ex.stay_reason(i).text}")
    alternatives = ex.alternatives(i)
    _score_table(ex, i, alternatives)
    if not alternatives:
        term.say("Tidak ada jabatan lain dengan kursi yang terbuka untuk pegawai ini.")
    for k, j in enumerate(alternatives, 1):
        term.say(f"{k}. Mengapa tidak {post_label(d, j)}: {ex.why_not(i, j).text}")
    closed = ex.closed_better(i)
    if closed:
        term.say("Jabatan dengan skor lebih tinggi yang tertutup aturan: "
                 + "; ".join(f"{code} {_rule_words(code)}: {n} jabatan" for code, n in closed.items())
                 + " (satu jabatan dapat tertutup beberapa aturan)")
    _wishes(ex, i)
    _career(ex, i)


def _wishes(ex: Explainer, i: int) -> None:
    """SPEC 9: the employee's priority and what became of each ranked wish."""
    from penempatan.wishes.serve import TRUTHFUL

    answer = ex.wishes(i)
    if not answer.lines:
        return
    term.console.print("[bold]Permintaan pegawai[/]")
    term.say(answer.priority)
    for line in answer.lines:
        term.say(f"{line.rank}. {line.wish}: {line.outcome}")
    term.console.print(TRUTHFUL, style="dim", highlight=False)


def _career(ex: Explainer, i: int) -> None:
    """The next steps the employee could be considered for: readiness, what is missing, succession."""
    from penempatan.explain.career import HEADING

    found = ex.career(i)
    term.console.print(f"[bold]{HEADING}[/]")
    if not found.steps:
        term.say(found.reason)
        return
    for k, step in enumerate(found.steps, 1):
        alike = f" dan {step.alike} jabatan sejenis" if step.alike else ""
        term.say(f"{k}. {post_label(ex.data, step.j)}{alike} — {step.jalur}, skor {step.fit}; {step.kesiapan}"
                 + (f"; {step.note}" if step.note else ""))
        term.say(f"   Yang perlu dipenuhi: {step.kekurangan or 'tidak ada'}")
        if step.successor is not None:
            term.say(f"   Calon pengganti dalam Rencana Suksesi: {step.suksesi}")
    term.console.print(found.note, style="dim", highlight=False)


def _move(ex: Explainer, i: int) -> None:
    """The move: where to, its chain, purposes, flags, reason, training and the employee's Penjelasan."""
    from penempatan.explain import penjelasan

    chain, step = ex.chain_of[i]
    kind = "siklus" if chain.cycle else "rantai"
    term.say(f"Rencana: PINDAH ke {post_label(ex.data, ex.target[i])} ({ex.move_kind(i)}), skor "
             f"{int(ex.stay_scores[i])} → {int(ex.assigned_scores[i])}, {kind} {chain.id} urutan {step} dari "
             f"{len(chain.members)}")
    term.say(f"Tujuan: {ex.tujuan(i)}")
    if ex.perhatian(i):
        term.say(f"Perhatian: {ex.perhatian(i)}")
    term.say(f"Alasan: {ex.move_reason(i).text}")
    needs = ex.training_needs(i)
    if needs:
        term.say("Kebutuhan pelatihan: " + "; ".join(n.kebutuhan for n in needs))
    term.say(f"Penjelasan untuk pegawai: {penjelasan(ex, i)}")


def _score_table(ex: Explainer, i: int, alternatives: list[int]) -> None:
    """Score parts of the current post, the planned one and the best alternatives."""
    from penempatan.scoring import COMPONENTS

    src, dst = ex.cur[i], ex.target[i]
    table = Table(title="Komponen skor: rencana dan alternatif terbaik")
    table.add_column("", style="bold")
    table.add_column("Jabatan", overflow="fold")
    table.add_column("Skor", justify="right")
    for name in COMPONENTS:
        table.add_column(_SHORT_COMPONENT[name], justify="right")
    rows = [("saat ini", src, ex.stay_parts(i))]
    if dst != src:
        rows.append(("rencana", dst, ex.move_parts(i, dst)))
    rows += [(str(k), j, ex.move_parts(i, j)) for k, j in enumerate(alternatives, 1)]
    for label, j, parts in rows:
        score = int(ex.stay_scores[i]) if j == src else ex.potential_score(i, j)
        table.add_row(label, escape(text.visible(post_label(ex.data, j))), str(score), *(str(int(v)) for v in parts))
    term.console.print(table)
    term.console.print(_LEGEND, style="dim", highlight=False)


# --- one post ----------------------------------------------------------------------------------------------------
def post(ex: Explainer, j: int) -> None:
    """The post, its seats before and after, who stays, arrives and leaves, empty seats and runners-up."""
    d, t = ex.data, ex.t
    q = d.positions[j]
    term.rule(f"[bold]{escape(q.kode)}[/] {escape(q.nama)}")
    flags = [f for f, on in (("Wajib Diisi (R12)", q.wajib_diisi), ("Risiko Tinggi (R3)", q.risiko_tinggi)) if on]
    term.say(f"Unit {q.unit}; {q.jenis}{f' {q.jenjang}' if q.jenjang else ''}, kelas {q.kelas}, pendidikan minimal "
             f"{q.pendidikan_min}, bidang {field_text(q.bidang) or 'semua'}"
             + (f"; {', '.join(flags)}" if flags else ""))
    term.say(f"Kebutuhan {q.kebutuhan} kursi; terisi {int(t.holders[j])} sebelum rencana, {int(ex.after[j])} sesudah")
    _holders(ex, j)
    empty = int(t.post_keb[j] - ex.after[j])
    if empty > 0:
        _empty_seats(ex, j, empty)
    runners = ex.runners_up(j)
    if runners:
        term.console.print("[bold]Calon terbaik yang tidak ditempatkan di sini[/]")
        for k, (i, score) in enumerate(runners, 1):
            where = "tetap di" if ex.target[i] == ex.cur[i] else "ditempatkan di"
            term.say(f"{k}. {_person(d.employees[i])} skor {score} di sini; {where} {post_label(d, ex.target[i])} "
                     f"dengan skor {int(ex.assigned_scores[i])}. Mengapa tidak di sini: {ex.why_not(i, j).text}")
    elif not empty:
        term.say("Tidak ada calon lain yang dinilai untuk jabatan ini.")


def _holders(ex: Explainer, j: int) -> None:
    """Who holds the post's seats after the plan (staying, arriving) and who leaves it."""
    d = ex.data
    holders = d.holders[j]
    staying = [i for i in holders if ex.target[i] == j]
    leaving = [i for i in holders if ex.target[i] != j]
    arriving = ex.arrivals.get(j, [])
    if staying or arriving:
        term.console.print("[bold]Pengisi kursi sesudah rencana[/]")
    for i in staying[:SHOWN]:
        term.say(f"- {_person(d.employees[i])} tetap, skor {int(ex.stay_scores[i])}: {ex.stay_reason(i).text}")
    for i in arriving[:SHOWN]:
        term.say(f"- {_person(d.employees[i])} masuk dari {post_label(d, ex.cur[i])}, skor "
                 f"{int(ex.stay_scores[i])} → {int(ex.assigned_scores[i])}: {ex.move_reason(i).text}")
    hidden = max(0, len(staying) - SHOWN) + max(0, len(arriving) - SHOWN)
    if hidden:
        term.say(f"… dan {hidden} lainnya (lihat workbook rekomendasi).")
    if leaving:
        term.console.print("[bold]Pemegang yang keluar[/]")
        for i in leaving[:SHOWN]:
            term.say(f"- {_person(d.employees[i])} ke {post_label(d, ex.target[i])}: {ex.move_reason(i).text}")


def _empty_seats(ex: Explainer, j: int, empty: int) -> None:
    """How many seats stay empty, why, and how many employees each rule filters out."""
    term.console.print(f"[bold]Kursi kosong: {text.number(empty)}[/]")
    term.say(f"Alasan: {ex.empty_seat_reason(j).text}")
    counts = ex.exclusion_counts(j)
    if counts:
        table = Table(title="Pegawai yang tersaring per aturan (satu pegawai dapat tersaring beberapa aturan)")
        table.add_column("Aturan")
        table.add_column("Keterangan", overflow="fold")
        table.add_column("Jumlah pegawai", justify="right")
        for code, n in sorted(counts.items(), key=lambda kv: int(kv[0][1:])):
            table.add_row(code, _rule_words(code), str(n))
        term.console.print(table)
