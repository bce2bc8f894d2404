"""The HTML report (`--laporan FILE.html`): one self-contained page a Baperjakat meeting can read (issue 6).

Everything is inline — CSS, a little vanilla JS (report.css and report.js beside this file), charts as SVG
drawn by matplotlib (charts.py) — so the file opens offline in any browser and nothing is fetched from or sent
to anywhere: the page holds personal data. Texts from the input are escaped (`html.escape` in the page, the
embedded JSON cannot close its element, and matplotlib escapes its own SVG text), so a Nama like
"<script>…" stays a name.

Tables (transfer list, the committee page's flagged moves, stays, training and warnings, vacancy chains,
empty seats, per unit, the benefit curve) are embedded as JSON and drawn by the page's script one page of
rows at a time (25 by default, "Semua" shows all): searching and sorting run over every row. The plan's
report prints the committee's book instead of the screen (report/book.py): a summary page, the list of moves
to decide on with the signature block, the chains in words, the empty seats and the training, on A4
landscape with page numbers. The other reports print their tables: every matching row, not the visible
page: up to 5,000 rows stay in the DOM, those off the page hidden on screen only (print CSS shows them); a
longer table draws all its rows on `beforeprint`, so the DOM stays small enough for 50,000 employees. The
workbook stays the full, official list.

The summary is the plan's `PlanSummary` and the tables are the typed rows of `penempatan.explain`, the same
rows the workbook writes, so the report and the workbook never disagree: the report renders, it does not
compute.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from penempatan.analyze import Analysis, rotation_due
from penempatan.analyze import summary as analysis_summary
from penempatan.atomic import atomic_text
from penempatan.compare import Comparison, banding_rows
from penempatan.curve import CURVE_HEADER, CurvePoint, curve_rows
from penempatan.explain import (
    EmptySeatRow,
    MoveRow,
    PlanSummary,
    PlanView,
    StayRow,
    TableRow,
    TrainingRow,
    UnitRow,
    WarningRow,
    chain_rows,
    empty_seat_rows,
    move_rows,
    plan_summary,
    stay_rows,
    summary_lines,
    training_rows,
    unit_rows,
    warning_rows,
)
from penempatan.model import ProblemData
from penempatan.report import charts
from penempatan.report.book import committee_book
from penempatan.report.charts import ACCENT, AFTER, BEFORE, MAX_UNITS, chart
from penempatan.report.page import NOTICE, cards, e, empty, page, section, subtitle, table, value_text
from penempatan.result import Result
from penempatan.rules import FLAG_LABELS, LEGEND_COLUMNS, codes_in, legend_rows
from penempatan.scoring import Tables
from penempatan.text import date_text, number
from penempatan.wishes.fairness import COLUMNS as FAIRNESS_COLUMNS
from penempatan.wishes.fairness import FairnessRow, fairness_rows
from penempatan.wishes.fairness import summary as fairness_summary

__all__ = ["NOTICE", "analyze_report", "compare_report", "solve_report", "write_report"]


def solve_report(data: ProblemData, tables: Tables, result: Result, *, source: str = "",
                 curve: Sequence[CurvePoint] | None = None) -> str:
    """The report of one plan: summary, charts (with the benefit curve when given), transfer list with
    purposes and flags, the committee page (flagged moves, stays, training, warnings), vacancy chains, empty
    seats with the JPT shortlists, per unit."""
    view = PlanView(data, tables, result)
    summary = plan_summary(data, tables, result, view=view)
    moves = move_rows(view)
    plots = _solve_charts(view, summary)
    if curve:
        plots = chart("Kurva manfaat: apa yang dibeli setiap tambahan mutasi", charts.fig_curve(curve), "kurva",
                      note="Setiap titik adalah rencana optimal dengan batas jumlah mutasi (R14) tersebut.") + plots
    body = [
        _summary_section(summary),
        section("Grafik", "grafik", plots),
        section("Usulan mutasi", "usulan", _moves_table(moves)),
        section("Halaman Baperjakat", "baperjakat", _committee(view, moves)),
        section("Rantai kekosongan", "rantai", _chains_table(view)),
        section("Jabatan yang masih kosong", "kosong", _empty_table(empty_seat_rows(view))),
        section("Per unit kerja", "unit", _rows_table(UnitRow.COLUMNS, unit_rows(view), name="unit",
                                                      placeholder="Cari unit…", numeric=UnitRow.COLUMNS[2:9])),
        section("Keadilan", "keadilan", _fairness(fairness_rows(data, result.assignment))),
    ]
    if curve:
        numeric = [True] * (len(CURVE_HEADER) - 2) + [False, False]
        body.append(section("Kurva manfaat", "kurvatabel", table(
            list(CURVE_HEADER), numeric, curve_rows(curve, tables.n_emp), name="kurva", placeholder="Cari…")))
    body.append(_rule_legend())
    book_summary = summary_lines(summary) + [("Jumlah pegawai", number(summary.employees)),
                                             ("Tanggal acuan", date_text(summary.tanggal_acuan)),
                                             ("Skenario", summary.scenario)]
    body.append(committee_book(book_summary, moves, chain_rows(view), empty_seat_rows(view), training_rows(view),
                               "Buku Rapat Baperjakat: Usulan Penempatan ASN", subtitle(data, source)))
    return page("Laporan Usulan Penempatan ASN", subtitle(data, source), body)


def analyze_report(analysis: Analysis, *, source: str = "") -> str:
    """The report of the current state (`analyze`): the analysis's own summary rows, fit in the current
    post, staffing per unit, the 9-box grid, rotation due, and the mismatches as a searchable table."""
    data, t = analysis.data, analysis.tables
    items = [(label, value_text(v)) for label, v in analysis_summary(analysis)]
    gaps = np.array([[u.kosong for u in analysis.units], [u.lebih for u in analysis.units]], dtype=np.int64)
    names = [u.unit for u in analysis.units]
    due = _due(t, [r.i for r in analysis.rotation_due])
    plots = [
        chart("Sebaran skor kecocokan di jabatan sekarang", charts.fig_fit([("Sekarang", analysis.scores, AFTER)]),
              "cocok"),
        chart("Kursi kurang dan lebih per unit", charts.fig_unit_gaps(names, [("Sekarang", gaps, AFTER)]), "unit",
              note=f"Dihitung per jabatan; paling banyak {MAX_UNITS} unit ditampilkan."),
        chart("Kotak talenta (9-box)", charts.fig_ninebox(t, None), "ninebox"),
        chart("Jatuh tempo rotasi (R2/R3) per unit", charts.fig_rotation(t, due, None), "rotasi",
              note=f"{number(int(due.sum()))} pegawai jatuh tempo rotasi."),
    ]
    d = data
    mism = [[d.employees[m.i].nip, d.employees[m.i].nama, d.positions[int(t.cur[m.i])].kode,
             d.positions[int(t.cur[m.i])].nama, d.positions[int(t.cur[m.i])].unit, m.kind, m.detail]
            for m in analysis.mismatches]
    units = [[u.unit, u.posts, u.kebutuhan, u.bezetting, u.kosong, u.lebih, u.status] for u in analysis.units]
    body = [
        cards(items),
        section("Grafik", "grafik", "".join(plots)),
        section("Ketidaksesuaian", "tidaksesuai",
                table(["NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Jenis", "Rincian"],
                      [False] * 7, mism, placeholder="Cari NIP, nama, jabatan, jenis…", name="tidaksesuai",
                      wide=[6]) if mism else empty("Tidak ada ketidaksesuaian.")),
        section("Per unit kerja", "unit",
                table(["Unit Kerja", "Jabatan", "Kebutuhan", "Bezetting", "Kursi Kosong", "Lebih", "Selisih"],
                      [False, True, True, True, True, True, False], units, placeholder="Cari unit…", name="unit")),
    ]
    cited = codes_in([*plots, *(str(v) for row in mism for v in row), *(v for _, v in items)])
    if cited:
        body.append(_rule_legend(cited))
    return page("Laporan Kondisi Penempatan ASN", subtitle(data, source), body)


def compare_report(comparison: Comparison, *, source: str = "") -> str:
    """The plans side by side (`compare`): the comparison's own measures in columns, charts per plan, and
    every plan's moves in one searchable table."""
    plans = comparison.plans
    if not plans:
        raise ValueError("tidak ada rencana untuk dibandingkan")
    labels = [p.label for p in plans]
    feasible = [p for p in plans if p.result.feasible]
    views = {p.label: PlanView(p.data, Tables(p.data), p.result) for p in feasible}
    head = "".join(f"<th>{e(x)}</th>" for x in ["", *labels])
    rows = "".join(f"<tr><th>{e(name.strip())}</th>"
                   + "".join(f"<td>{e(value_text(v, fraction=name.strip() == 'Gap'))}</td>" for v in values) + "</tr>"
                   for name, values in banding_rows(comparison))
    measures = (f'<div class="scroll"><table class="static"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
                "</table></div>")
    notes = "".join(f'<p class="note">Catatan: {e(n)}</p>' for n in comparison.notes)
    palette = [AFTER, ACCENT, "#2a9d8f", "#8e44ad", "#c0392b", "#7f8c8d"]
    color = {lab: palette[k % len(palette)] for k, lab in enumerate(labels)}
    plots = ""
    if feasible:
        first = views[feasible[0].label]
        t0 = first.t
        fits = [("Sebelum", first.stay_scores, BEFORE)] + [
            (p.label, views[p.label].assigned_scores, color[p.label]) for p in feasible]
        gaps = [("Sebelum", charts.unit_gaps(t0, t0.holders), BEFORE)] + [
            (p.label, charts.unit_gaps(views[p.label].t, views[p.label].after), color[p.label]) for p in feasible]
        plots = "".join([
            chart("Jumlah mutasi per jenis",
                  charts.fig_kinds_compare([(p.label, p.summary.kinds, color[p.label]) for p in feasible]), "jenis"),
            chart("Sebaran skor kecocokan", charts.fig_fit(fits), "cocok"),
            chart("Kursi kurang dan lebih per unit", charts.fig_unit_gaps(t0.unit_names, gaps), "unit",
                  note=f"Unit dengan selisih terbesar; paling banyak {MAX_UNITS} unit ditampilkan."),
        ])
    labelled = [(p.label, row) for p in feasible for row in move_rows(views[p.label])]
    body = [section("Ringkasan per rencana", "ringkasan", measures + notes),
            section("Grafik", "grafik", plots or empty("Tidak ada rencana yang layak.")),
            section("Usulan mutasi semua rencana", "usulan",
                    _moves_table([row for _, row in labelled], plans=[label for label, _ in labelled]))]
    cited = codes_in([*(name for name, _ in banding_rows(comparison)),
                      *(str(v) for _, row in labelled for v in _move_cells(row))])
    if cited:
        body.append(_rule_legend(cited))
    return page("Perbandingan Skenario Penempatan ASN", subtitle(comparison.base, source), body)


def write_report(path: Path, text: str) -> None:
    """Write the page atomically (temporary file in the same folder, then rename)."""
    atomic_text(path, lambda f: f.write(text), suffix=".html")


# --- sections of the plan report ------------------------------------------------------------------------------
def _summary_section(s: PlanSummary) -> str:
    """The plan's summary cards: the same lines as the terminal (`summary_lines`)."""
    return cards(summary_lines(s) + [("Jumlah pegawai", number(s.employees)),
                                     ("Tanggal acuan", date_text(s.tanggal_acuan)), ("Skenario", s.scenario)])


def _due(t: Tables, who: list[int]) -> np.ndarray:
    due = np.zeros(t.n_emp, dtype=bool)
    due[who] = True
    return due


def _solve_charts(view: PlanView, summary: PlanSummary) -> str:
    t = view.t
    gaps = [("Sebelum", charts.unit_gaps(t, t.holders), BEFORE), ("Sesudah", charts.unit_gaps(t, view.after), AFTER)]
    due = _due(t, [r.i for r in rotation_due(t)])
    fits = [("Sebelum", view.stay_scores, BEFORE), ("Sesudah", view.assigned_scores, AFTER)]
    return "".join([
        chart("Sebaran skor kecocokan: sebelum dan sesudah", charts.fig_fit(fits), "cocok"),
        chart("Kursi kurang dan lebih per unit: sebelum dan sesudah", charts.fig_unit_gaps(t.unit_names, gaps),
              "unit", note=f"Unit dengan selisih terbesar; paling banyak {MAX_UNITS} unit ditampilkan."),
        chart("Mutasi per jenis", charts.fig_kinds(summary.kinds), "jenis"),
        chart("Aliran mutasi: unit asal × unit tujuan", charts.fig_flows(view), "aliran",
              note="Angka = jumlah pegawai pindah; diagonal = pindah jabatan di unit yang sama."),
        chart("Kotak talenta (9-box): jumlah pegawai dan yang dipindahkan", charts.fig_ninebox(t, view), "ninebox"),
        chart("Jatuh tempo rotasi (R2/R3) per unit", charts.fig_rotation(t, due, view.movers), "rotasi",
              note=f"{number(int(due.sum()))} pegawai jatuh tempo rotasi; "
                   f"{number(int(sum(1 for i in view.movers if due[i])))} di antaranya dipindahkan."),
    ])


_MOVE_COLUMNS = ("NIP", "Nama", "Golongan", "Asal", "Tujuan Jabatan", "Jenis", "Skor Asal", "Skor Tujuan",
                 "Rantai", "Tujuan", "Perhatian", "Alasan", "Penjelasan")


def _move_cells(r: MoveRow) -> list[object]:
    """A move as the report's shorter row (_MOVE_COLUMNS): post code, name and unit in one cell."""
    return [r.nip, r.nama, r.golongan, f"{r.from_kode} {r.from_nama}\n{r.from_unit}",
            f"{r.to_kode} {r.to_nama}\n{r.to_unit}", r.kind, r.score_before, r.score_after, f"{r.chain}/{r.step}",
            r.purposes, r.flags, r.reason, r.penjelasan]


def _moves_table(moves: Sequence[MoveRow], *, plans: Sequence[str] | None = None, name: str = "usulan",
                 empty_text: str = "Tidak ada mutasi dalam rencana ini.") -> str:
    """The transfer list; with `plans` (one label per row) led by the plan's column (compare)."""
    cols = list(_MOVE_COLUMNS)
    num = [c.startswith("Skor") for c in cols]
    rows = [_move_cells(r) for r in moves]
    if plans is not None:
        cols, num = ["Skenario", *cols], [False, *num]
        rows = [[label, *row] for label, row in zip(plans, rows, strict=True)]
    if not rows:
        return empty(empty_text)
    lead = 0 if plans is None else 1
    return table(cols, num, rows, placeholder="Cari NIP, nama, jabatan, unit, tujuan, alasan…", name=name,
                 wide=[len(cols) - 2, len(cols) - 1], mid=[3 + lead, 4 + lead, 9 + lead, 10 + lead])


def _rows_table(columns: tuple[str, ...], rows: Sequence[TableRow], *, name: str, placeholder: str,
                numeric: Sequence[str] = (), wide: Sequence[str] = (), mid: Sequence[str] = ()) -> str:
    """One of explain's tables with its workbook columns; `numeric`, `wide` and `mid` name columns."""
    return table(list(columns), [c in numeric for c in columns], [r.cells() for r in rows], name=name,
                 placeholder=placeholder, wide=[columns.index(c) for c in wide], mid=[columns.index(c) for c in mid])


def _committee(view: PlanView, moves: Sequence[MoveRow]) -> str:
    """The Baperjakat page: every flagged move, who stays and why, the training, and today's holders to
    review; the same rows as the workbook's sheets."""
    flagged = [r for r in moves if r.flags]
    stays = stay_rows(view)
    training = training_rows(view)
    warnings = warning_rows(view)
    intro = ('<p class="lead">Untuk rapat Baperjakat: mutasi yang perlu dibicarakan lebih dulu '
             f"({', '.join(FLAG_LABELS.values())}), pegawai yang tetap beserta alasannya, pelatihan yang diperlukan, "
             "dan pemangku yang perlu ditinjau.</p>")
    parts = [
        intro,
        f"<h3>Mutasi dengan Perhatian ({number(len(flagged))})</h3>",
        _moves_table(flagged, name="perhatian", empty_text="Tidak ada mutasi yang perlu perhatian khusus."),
        f"<h3>Pegawai tetap ({number(len(stays))})</h3>",
        _rows_table(StayRow.COLUMNS, stays, name="tetap", placeholder="Cari NIP, nama, jabatan, alasan…",
                    numeric=["Skor"], wide=["Alasan"]) if stays else empty("Semua pegawai dipindahkan."),
        f"<h3>Kebutuhan pelatihan ({number(len(training))})</h3>",
        _rows_table(TrainingRow.COLUMNS, training, name="pelatihan", placeholder="Cari NIP, nama, pelatihan…",
                    mid=["Pelatihan", "Dasar"]) if training else empty("Tidak ada pelatihan yang diperlukan."),
        f"<h3>Peringatan pemangku ({number(len(warnings))})</h3>",
        _rows_table(WarningRow.COLUMNS, warnings, name="peringatan", placeholder="Cari NIP, nama, jabatan, peringatan…",
                    wide=["Peringatan"]) if warnings else empty("Tidak ada peringatan."),
    ]
    return "".join(parts)


def _chains_table(view: PlanView) -> str:
    rows = [[c.id, "Siklus" if c.cycle else "Rantai", c.size, c.start, "\n".join(c.steps)] for c in chain_rows(view)]
    if not rows:
        return empty("Tidak ada rantai kekosongan.")
    intro = ('<p class="lead">Setiap rantai dimulai dari kursi kosong yang diisi; pegawai berikutnya mengisi '
             "kursi yang ditinggalkan pegawai sebelumnya. Siklus: pegawai saling bertukar kursi.</p>")
    return intro + table(["Rantai", "Jenis", "Panjang", "Awal", "Urutan (asal → tujuan)"],
                         [False, False, True, False, False], rows, placeholder="Cari rantai, nama, kode jabatan…",
                         name="rantai", wide=[4])


def _empty_table(rows: list[EmptySeatRow]) -> str:
    if not rows:
        return empty("Semua kursi terisi sesuai Kebutuhan.")
    return _rows_table(EmptySeatRow.COLUMNS, rows, name="kosong", placeholder="Cari jabatan, unit, alasan, calon…",
                       numeric=["Kursi Kosong"], wide=["Alasan", "Calon"])


def _fairness(rows: Sequence[FairnessRow]) -> str:
    """SPEC 9's fairness page: requesters granted, the flagged groups, then every figure of sheet Keadilan
    (the `Publikasi:` columns are the anonymised ones, cells under 5 people hidden)."""
    s = fairness_summary(rows)
    head = (f"<p>{number(s.requesters)} pemohon, {number(s.granted)} dipenuhi salah satu permintaannya; "
            f"{number(len(s.flagged))} kelompok dengan tanda disparitas.</p>")
    flagged = ("<p>Tanda disparitas: " + e("; ".join(f"{r.measure} {r.section} {r.group}: {r.flag} "
                                                   f"({value_text(r.rate, fraction=True)} dari "
                                                   f"{number(r.base)} orang; semua pegawai "
                                                   f"{value_text(r.overall or 0.0, fraction=True)})"
                                                   for r in s.flagged)) + ".</p>"
               if s.flagged else "<p>Tidak ada kelompok dengan tanda disparitas.</p>")
    numeric = [c not in ("Bagian", "Kelompok", "Ukuran", "Tanda Disparitas") for c in FAIRNESS_COLUMNS]
    return head + flagged + table(list(FAIRNESS_COLUMNS), numeric, [r.cells() for r in rows], name="keadilan",
                                  placeholder="Cari kelompok…")


def _rule_legend(codes: Iterable[str] | None = None) -> str:
    """The legend of the rule codes (all of R1 … R27, or `codes`, those the page cites) the tables above show:
    wording, legal source, parameter (by its label: the report is read by the committee, the key is for
    Pengaturan and TOML)."""
    rows = legend_rows(codes, keys=False)
    return section("Kode aturan", "kode", table(list(LEGEND_COLUMNS), [False] * len(LEGEND_COLUMNS), rows,
                                                name="kode", placeholder="Cari kode…"))
