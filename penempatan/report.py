"""The HTML report (`--laporan FILE.html`): one self-contained page a Baperjakat meeting can read (issue 6).

Everything is inline — CSS, a little vanilla JS, charts as SVG drawn by matplotlib (Agg backend) — so the
file opens offline in any browser and nothing is fetched from or sent to anywhere: the page holds personal
data. Texts from the input are escaped (`html.escape` in the page, `_json_script` in the embedded data, and
matplotlib escapes its own SVG text), so a Nama like "<script>…" stays a name.

Tables (transfer list, the committee page's flagged moves, stays, training and warnings, vacancy chains,
empty seats, per unit, the benefit curve) are embedded as JSON and drawn by the page's script one page of
rows at a time (25 by default, "Semua" shows all): searching and sorting run over every row. Printing prints
every matching row, not the visible page: up to 5,000 rows stay in the DOM, those off the page hidden on
screen only (print CSS shows them); a longer table draws all its rows on `beforeprint`, so the DOM stays
small enough for 50,000 employees. The workbook stays the full, official list.

The summary is the plan's `PlanSummary` (the terminal's lines) and the table rows are the workbook's own
(`penempatan.excel.write_plan`), so the report and the workbook never disagree: the report renders, it does
not compute.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from penempatan import __version__
from penempatan.analyze import Analysis
from penempatan.analyze import rotation_due as rotation_due_list
from penempatan.analyze import summary as analysis_summary
from penempatan.atomic import atomic_text
from penempatan.compare import Comparison, banding_rows
from penempatan.curve import CURVE_HEADER, CurvePoint, curve_rows
from penempatan.excel.write_plan import (
    SHEETS,
    WARNING_HEADER,
    empty_seat_rows,
    move_rows,
    stay_rows,
    training_rows,
    unit_rows,
    warning_rows,
)
from penempatan.explain import MOVE_KINDS, Explainer
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.summary import PlanSummary, plan_summary, summary_lines
from penempatan.text import date_text, decimal, number, percent

NOTICE = "Berisi data pribadi; jangan disebarkan."
_BEFORE, _AFTER, _ACCENT = "#9aa5b1", "#1f6fb2", "#d9822b"
_MAX_UNITS = 20  # units shown by name in per-unit charts; the rest are summed as "Lainnya"


# --- public API --------------------------------------------------------------------------------------------
def solve_report(data: ProblemData, tables: Tables, result: Result, *, source: str = "",
                 curve: Sequence[CurvePoint] | None = None) -> str:
    """The report of one plan: summary, charts (with the benefit curve when given), transfer list with
    purposes and flags, the committee page (flagged moves, stays, training, warnings), vacancy chains, empty
    seats with the JPT shortlists, per unit."""
    ex = Explainer(data, tables, result)
    summary = plan_summary(data, tables, result, view=ex)
    moves = move_rows(ex)
    charts = _charts_solve(ex)
    if curve:
        charts = _chart("Kurva manfaat: apa yang dibeli setiap tambahan mutasi", _fig_curve(curve), "kurva",
                        note="Setiap titik adalah rencana optimal dengan batas jumlah mutasi (R14) tersebut.") + charts
    body = [
        _summary_section(summary),
        _section("Grafik", "grafik", charts),
        _section("Usulan mutasi", "usulan", _moves_table(moves)),
        _section("Halaman Baperjakat", "baperjakat", _committee(ex, moves)),
        _section("Rantai kekosongan", "rantai", _chains_table(ex)),
        _section("Jabatan yang masih kosong", "kosong", _empty_table(ex)),
        _section("Per unit kerja", "unit", _units_table(ex)),
    ]
    if curve:
        body.append(_section("Kurva manfaat", "kurvatabel", _curve_table(curve, tables.n_emp)))
    return _page("Laporan Usulan Penempatan ASN", _subtitle(data, source), body)


def analyze_report(analysis: Analysis, *, source: str = "") -> str:
    """The report of the current state (`analyze`): the analysis's own summary rows, fit in the current
    post, staffing per unit, the 9-box grid, rotation due, and the mismatches as a searchable table."""
    data, t = analysis.data, analysis.tables
    items = [(str(k), _fmt(str(k), v)) for k, v in analysis_summary(analysis) if not str(k).startswith("Kotak ")]
    gaps = np.array([[u.kosong for u in analysis.units], [u.lebih for u in analysis.units]], dtype=np.int64)
    names = [u.unit for u in analysis.units]
    due = np.zeros(t.n_emp, dtype=bool)
    due[[r.i for r in analysis.rotation_due]] = True
    charts = [
        _chart("Sebaran skor kecocokan di jabatan sekarang",
               _fig_fit([("Sekarang", analysis.scores, _AFTER)]), "cocok"),
        _chart("Kursi kurang dan lebih per unit", _fig_unit_gaps(names, [("Sekarang", gaps, _AFTER)]), "unit",
               note=f"Dihitung per jabatan; paling banyak {_MAX_UNITS} unit ditampilkan."),
        _chart("Kotak talenta (9-box)", _fig_ninebox(t, None), "ninebox"),
        _chart("Jatuh tempo rotasi (R2/R3) per unit", _fig_rotation(t, due, None), "rotasi",
               note=f"{number(int(due.sum()))} pegawai jatuh tempo rotasi."),
    ]
    d = data
    mism = [[d.employees[m.i].nip, d.employees[m.i].nama, d.positions[int(t.cur[m.i])].kode,
             d.positions[int(t.cur[m.i])].nama, d.positions[int(t.cur[m.i])].unit, m.kind, m.detail]
            for m in analysis.mismatches]
    units = [[u.unit, u.posts, u.kebutuhan, u.bezetting, u.kosong, u.lebih, u.status] for u in analysis.units]
    body = [
        _cards(items),
        _section("Grafik", "grafik", "".join(charts)),
        _section("Ketidaksesuaian", "tidaksesuai",
                 _table(["NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Jenis", "Rincian"],
                        [False] * 7, mism, placeholder="Cari NIP, nama, jabatan, jenis…", name="tidaksesuai",
                        wide=[6]) if mism else '<p class="empty">Tidak ada ketidaksesuaian.</p>'),
        _section("Per unit kerja", "unit",
                 _table(["Unit Kerja", "Jabatan", "Kebutuhan", "Bezetting", "Kursi Kosong", "Lebih", "Selisih"],
                        [False, True, True, True, True, True, False], units, placeholder="Cari unit…",
                        name="unit")),
    ]
    return _page("Laporan Kondisi Penempatan ASN", _subtitle(data, source), body)


def compare_report(comparison: Comparison, *, source: str = "") -> str:
    """The plans side by side (`compare`): the comparison's own measures in columns, charts per plan, and
    every plan's moves in one searchable table."""
    plans = comparison.plans
    if not plans:
        raise ValueError("tidak ada rencana untuk dibandingkan")
    labels = [p.label for p in plans]
    feasible = [p for p in plans if p.result.feasible]
    explainers = {p.label: Explainer(p.data, Tables(p.data), p.result) for p in feasible}
    head = "".join(f"<th>{_e(x)}</th>" for x in ["", *labels])
    rows = "".join(f"<tr><th>{_e(name.strip())}</th>" + "".join(f"<td>{_e(_fmt(name.strip(), v))}</td>"
                                                                 for v in values) + "</tr>"
                   for name, values in banding_rows(comparison))
    table = (f'<div class="scroll"><table class="static"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
             "</table></div>")
    notes = "".join(f'<p class="note">Catatan: {_e(n)}</p>' for n in comparison.notes)
    palette = [_AFTER, _ACCENT, "#2a9d8f", "#8e44ad", "#c0392b", "#7f8c8d"]
    color = {lab: palette[k % len(palette)] for k, lab in enumerate(labels)}
    charts = ""
    if feasible:
        first = explainers[feasible[0].label]
        t0 = first.t
        fits = [("Sebelum", first.stay_scores, _BEFORE)] + [
            (p.label, explainers[p.label].assigned_scores, color[p.label]) for p in feasible]
        gaps = [("Sebelum", _unit_gaps(t0, t0.holders), _BEFORE)] + [
            (p.label, _unit_gaps(explainers[p.label].t, explainers[p.label].after), color[p.label]) for p in feasible]
        charts = "".join([
            _chart("Jumlah mutasi per jenis", _fig_kinds_compare([(p.label, p.summary.kinds, color[p.label])
                                                                  for p in feasible]), "jenis"),
            _chart("Sebaran skor kecocokan", _fig_fit(fits), "cocok"),
            _chart("Kursi kurang dan lebih per unit", _fig_unit_gaps(t0.unit_names, gaps), "unit",
                   note=f"Unit dengan selisih terbesar; paling banyak {_MAX_UNITS} unit ditampilkan."),
        ])
    all_moves = [[p.label, *row] for p in feasible for row in move_rows(explainers[p.label])]
    body = [_section("Ringkasan per rencana", "ringkasan", table + notes),
            _section("Grafik", "grafik", charts or '<p class="empty">Tidak ada rencana yang layak.</p>'),
            _section("Usulan mutasi semua rencana", "usulan", _moves_table(all_moves, with_scenario=True))]
    return _page("Perbandingan Skenario Penempatan ASN", _subtitle(comparison.base, source), body)


def write_report(path: Path, page: str) -> None:
    """Write the page atomically (temporary file in the same folder, then rename)."""
    atomic_text(path, lambda f: f.write(page), suffix=".html")


# --- page ---------------------------------------------------------------------------------------------------
def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _date(d: date) -> str:
    return date_text(d)


def _subtitle(data: ProblemData, source: str) -> str:
    bits = [f"Tanggal acuan {_date(data.params.tanggal_acuan)}", f"Skenario: {data.scenario_name or '(dasar)'}"]
    if source:
        bits.insert(0, f"Masukan: {source}")
    return " · ".join(bits)


def _section(title: str, anchor: str, inner: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{inner}</section>'


def _page(title: str, subtitle: str, sections: list[str]) -> str:
    nav = "".join(f'<a href="#{m.group(1)}">{m.group(2)}</a>'
                  for m in (re.match(r'<section id="([^"]+)"><h2>([^<]*)</h2>', s) for s in sections) if m)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        # The page may load nothing from anywhere and send nothing anywhere (personal data).
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<div class="notice" role="note">{_e(NOTICE)}</div>'
        f"<header><h1>{_e(title)}</h1><p class=\"sub\">{_e(subtitle)}</p>"
        f'<nav class="noprint">{nav}</nav></header>'
        "<noscript><p class=\"warn\">Tabel memerlukan JavaScript; grafik dan ringkasan tetap tampil. "
        "Daftar lengkap ada di workbook rekomendasi.</p></noscript>"
        f"<main>{''.join(sections)}</main>"
        f'<footer>Dibuat oleh penempatan {_e(__version__)}. {_e(NOTICE)} Laporan ini ringkasan; '
        "workbook rekomendasi adalah daftar resmi yang lengkap.</footer>"
        f"<script>{_JS}</script></body></html>\n"
    )


def _cards(items: Sequence[tuple[str, str]]) -> str:
    cards = "".join(f'<div class="card"><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div></div>'
                    for k, v in items)
    return _section("Ringkasan", "ringkasan", f'<div class="cards">{cards}</div>')


def _fmt(key: str, value: Any) -> str:
    if isinstance(value, date):
        return _date(value)
    if key == "Gap" and isinstance(value, int | float) and not isinstance(value, bool):
        return percent(value)
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        return number(value, 2)
    return str(value)


def _summary_section(s: PlanSummary) -> str:
    """The plan's summary cards: the same lines as the terminal (`summary.summary_lines`)."""
    items = summary_lines(s) + [("Jumlah pegawai", number(s.employees)), ("Tanggal acuan", _date(s.tanggal_acuan)),
                                ("Skenario", s.scenario)]
    return _cards(items)


# --- tables (JSON + the page's script) ---------------------------------------------------------------------
def _json_script(obj: object) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the input says."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _table(columns: Sequence[str], numeric: Sequence[bool], rows: Sequence[Sequence[Any]], *,
           placeholder: str, name: str, wide: Sequence[int] = (), mid: Sequence[int] = ()) -> str:
    """A searchable, sortable, paginated table; rows travel as JSON and the script draws them. Printing
    prints every row that matches the search, not only the page on screen (see _JS and the print CSS)."""
    tid = f"t{name}"
    data = {"cols": list(columns), "num": list(numeric), "wide": list(wide), "mid": list(mid),
            "rows": [[_cell(v) for v in row] for row in rows]}
    return (
        f'<div class="tbl" data-src="{tid}-data">'
        '<div class="controls noprint">'
        f'<input type="search" class="cari" aria-label="Cari" placeholder="{_e(placeholder)}">'
        '<label>Baris per halaman <select class="per">'
        '<option>25</option><option>100</option><option>500</option><option value="0">Semua</option>'
        '</select></label><span class="info" aria-live="polite"></span></div>'
        '<div class="scroll"><table class="data"><thead></thead><tbody></tbody></table></div>'
        '<div class="pager noprint"><button type="button" class="prev">‹ Sebelumnya</button>'
        '<span class="page"></span><button type="button" class="next">Berikutnya ›</button></div>'
        '<p class="printnote">Dicetak: semua baris tabel ini (yang cocok dengan pencarian, bila ada), tanpa '
        'halaman layar.</p>'
        f'<script type="application/json" id="{tid}-data">{_json_script(data)}</script></div>'
    )


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, int | float | str):
        return v
    if isinstance(v, np.integer):
        return int(v)
    return str(v)


_MOVE_COLUMNS = ("NIP", "Nama", "Golongan", "Asal", "Tujuan Jabatan", "Jenis", "Skor Asal", "Skor Tujuan",
                 "Rantai", "Tujuan", "Perhatian", "Alasan", "Penjelasan")


def _move_view(row: Sequence[Any]) -> list[Any]:
    """A `Usulan Mutasi` row (columns as write_plan.SHEETS) as the report's shorter row (_MOVE_COLUMNS)."""
    r = dict(zip(SHEETS["Usulan Mutasi"], row, strict=True))
    return [r["NIP"], r["Nama"], r["Golongan"], f"{r['Kode Jabatan Asal']} {r['Jabatan Asal']}\n{r['Unit Asal']}",
            f"{r['Kode Jabatan Tujuan']} {r['Jabatan Tujuan']}\n{r['Unit Tujuan']}", r["Jenis"], r["Skor Asal"],
            r["Skor Tujuan"], f"{r['Rantai']}/{r['Urutan Rantai']}", r["Tujuan"], r["Perhatian"], r["Alasan"],
            r["Penjelasan"]]


def _moves_table(moves: Sequence[Sequence[Any]], *, with_scenario: bool = False, name: str = "usulan",
                 empty: str = "Tidak ada mutasi dalam rencana ini.") -> str:
    """Rows as `write_plan.move_rows` makes them (the workbook's Usulan Mutasi), optionally led by a scenario."""
    cols = list(_MOVE_COLUMNS)
    num = [c.startswith("Skor") for c in cols]
    rows = [[*r[:1], *_move_view(r[1:])] if with_scenario else _move_view(r) for r in moves]
    if with_scenario:
        cols, num = ["Skenario", *cols], [False, *num]
    if not rows:
        return f'<p class="empty">{_e(empty)}</p>'
    lead = 1 if with_scenario else 0
    return _table(cols, num, rows, placeholder="Cari NIP, nama, jabatan, unit, tujuan, alasan…", name=name,
                  wide=[len(cols) - 2, len(cols) - 1], mid=[3 + lead, 4 + lead, 9 + lead, 10 + lead])


def _committee(ex: Explainer, moves: Sequence[Sequence[Any]]) -> str:
    """The Baperjakat page: every flagged move, who stays and why, the training, and today's holders to
    review; the same rows as the workbook's sheets."""
    perhatian = SHEETS["Usulan Mutasi"].index("Perhatian")
    flagged = [r for r in moves if r[perhatian]]
    stays = stay_rows(ex)
    training = training_rows(ex)
    warnings = warning_rows(ex)
    intro = ('<p class="lead">Untuk rapat Baperjakat: mutasi yang perlu dibicarakan lebih dulu (tidak bersedia, '
             "dekat BUP, turun kelas, kesesuaian turun, kursi JPT), pegawai yang tetap beserta alasannya, "
             "pelatihan yang diperlukan, dan pemangku yang perlu ditinjau.</p>")
    parts = [
        intro,
        f"<h3>Mutasi dengan Perhatian ({number(len(flagged))})</h3>",
        _moves_table(flagged, name="perhatian", empty="Tidak ada mutasi yang perlu perhatian khusus."),
        f"<h3>Pegawai tetap ({number(len(stays))})</h3>",
        _table(list(SHEETS["Tetap"]), [c == "Skor" for c in SHEETS["Tetap"]], stays, name="tetap",
               placeholder="Cari NIP, nama, jabatan, alasan…", wide=[len(SHEETS["Tetap"]) - 1])
        if stays else '<p class="empty">Semua pegawai dipindahkan.</p>',
        f"<h3>Kebutuhan pelatihan ({number(len(training))})</h3>",
        _table(list(SHEETS["Kebutuhan Pelatihan"]), [False] * len(SHEETS["Kebutuhan Pelatihan"]), training,
               name="pelatihan", placeholder="Cari NIP, nama, pelatihan…", mid=[3, 4])
        if training else '<p class="empty">Tidak ada pelatihan yang diperlukan.</p>',
        f"<h3>Peringatan pemangku ({number(len(warnings))})</h3>",
        _table(list(WARNING_HEADER), [False] * len(WARNING_HEADER), warnings, name="peringatan",
               placeholder="Cari NIP, nama, jabatan, peringatan…", wide=[len(WARNING_HEADER) - 1])
        if warnings else '<p class="empty">Tidak ada peringatan.</p>',
    ]
    return "".join(parts)


def _curve_table(curve: Sequence[CurvePoint], employees: int) -> str:
    numeric = [True] * (len(CURVE_HEADER) - 2) + [False, False]
    return _table(list(CURVE_HEADER), numeric, curve_rows(curve, employees), name="kurva",
                  placeholder="Cari…")


def _chains_table(ex: Explainer) -> str:
    d = ex.data
    rows = []
    for c in ex.chains:
        steps = []
        for i in c.members:
            e = d.employees[i]
            steps.append(f"{e.nama} ({e.nip}): {d.positions[ex.cur[i]].kode} → {d.positions[ex.target[i]].kode}")
        first = d.positions[ex.target[c.members[0]]]
        start = (f"siklus tertutup mulai {first.kode}" if c.cycle
                 else f"mengisi kursi kosong {first.kode} {first.nama} ({first.unit})")
        rows.append([c.id, "Siklus" if c.cycle else "Rantai", len(c.members), start, "\n".join(steps)])
    if not rows:
        return '<p class="empty">Tidak ada rantai kekosongan.</p>'
    intro = ('<p class="lead">Setiap rantai dimulai dari kursi kosong yang diisi; pegawai berikutnya mengisi '
             "kursi yang ditinggalkan pegawai sebelumnya. Siklus: pegawai saling bertukar kursi.</p>")
    return intro + _table(["Rantai", "Jenis", "Panjang", "Awal", "Urutan (asal → tujuan)"],
                          [False, False, True, False, False], rows, placeholder="Cari rantai, nama, kode jabatan…",
                          name="rantai", wide=[4])


def _empty_table(ex: Explainer) -> str:
    rows = empty_seat_rows(ex)
    if not rows:
        return '<p class="empty">Semua kursi terisi sesuai Kebutuhan.</p>'
    cols = list(SHEETS["Jabatan Kosong"])
    return _table(cols, [c == "Kursi Kosong" for c in cols], rows, placeholder="Cari jabatan, unit, alasan, calon…",
                  name="kosong", wide=[cols.index("Alasan"), cols.index("Calon")])


def _units_table(ex: Explainer) -> str:
    cols = ["Unit Kerja", "Kebutuhan", "Bezetting Sebelum", "Bezetting Sesudah", "Masuk", "Keluar",
            "Selisih Sesudah"]
    return _table(cols, [False, True, True, True, True, True, False], unit_rows(ex), placeholder="Cari unit…",
                  name="unit")


# --- charts -------------------------------------------------------------------------------------------------
@contextmanager
def _style(salt: str = "") -> Iterator[None]:
    with rc_context({
        "svg.hashsalt": salt or None,  # deterministic ids, distinct per chart on one page
        "svg.fonttype": "none",  # text stays text: smaller, selectable, escaped by matplotlib
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Liberation Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "svg.image_inline": True,
    }):
        yield


def _svg(fig: Figure, salt: str) -> str:
    """The figure as an inline <svg> element: no XML prolog, DOCTYPE, metadata or namespace URLs."""
    buf = io.StringIO()
    with _style(salt):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    # Group ids (figure_1, axes_1, …) repeat in every chart and nothing refers to them; referenced ids
    # (clip paths, markers) are hashed with the chart's salt and stay unique on the page.
    text = re.sub(r'<g id="[^"]*"', "<g", text)
    # HTML parses inline SVG (and xlink:href) without namespace declarations. The natural size (pt) is
    # kept so text stays the size it was drawn at; CSS only shrinks a chart to fit the page.
    head_end = text.index(">")
    head = re.sub(r'\sxmlns(:\w+)?="[^"]*"', "", text[:head_end])
    return head + ' preserveAspectRatio="xMidYMin meet"' + text[head_end:]


def _chart(title: str, fig: Figure | None, name: str, note: str = "") -> str:
    if fig is None:
        return (f'<figure class="chart" data-chart="{name}"><figcaption>{_e(title)}</figcaption>'
                '<p class="empty">Tidak ada data.</p></figure>')
    extra = f'<p class="note">{_e(note)}</p>' if note else ""
    return (f'<figure class="chart" data-chart="{name}"><figcaption>{_e(title)}</figcaption>'
            f"{_svg(fig, name)}{extra}</figure>")


def _short(s: str, n: int = 34) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _charts_solve(ex: Explainer) -> str:
    t = ex.t
    after = ex.after
    gaps = [("Sebelum", _unit_gaps(t, t.holders), _BEFORE), ("Sesudah", _unit_gaps(t, after), _AFTER)]
    due = np.zeros(t.n_emp, dtype=bool)
    due[[r.i for r in rotation_due_list(t)]] = True
    charts = [
        _chart("Sebaran skor kecocokan: sebelum dan sesudah",
               _fig_fit([("Sebelum", ex.stay_scores, _BEFORE), ("Sesudah", ex.assigned_scores, _AFTER)]), "cocok"),
        _chart("Kursi kurang dan lebih per unit: sebelum dan sesudah", _fig_unit_gaps(t.unit_names, gaps), "unit",
               note=f"Unit dengan selisih terbesar; paling banyak {_MAX_UNITS} unit ditampilkan."),
        _chart("Mutasi per jenis", _fig_kinds(ex), "jenis"),
        _chart("Aliran mutasi: unit asal × unit tujuan", _fig_flows(ex), "aliran",
               note="Angka = jumlah pegawai pindah; diagonal = pindah jabatan di unit yang sama."),
        _chart("Kotak talenta (9-box): jumlah pegawai dan yang dipindahkan", _fig_ninebox(t, ex), "ninebox"),
        _chart("Jatuh tempo rotasi (R2/R3) per unit", _fig_rotation(t, due, ex), "rotasi",
               note=f"{number(int(due.sum()))} pegawai jatuh tempo rotasi; "
                    f"{number(int(sum(1 for i in ex.movers if due[i])))} di antaranya dipindahkan."),
    ]
    return "".join(charts)


def _fig_fit(series: Sequence[tuple[str, np.ndarray, str]]) -> Figure | None:
    if not len(series[0][1]):
        return None
    with _style():
        fig, ax = _figure((7.5, 3.2))
        bins = np.arange(0, 105, 5)
        width = 5 / (len(series) + 0.5)
        for k, (label, values, color) in enumerate(series):
            counts, _ = np.histogram(np.asarray(values), bins=bins)
            ax.bar(bins[:-1] + width * (k + 0.25), counts, width=width, align="edge", color=color,
                   label=f"{label} (rata-rata {number(float(np.mean(values)), 1)})")
        ax.set_xlabel("Skor kecocokan (0–100)")
        ax.set_ylabel("Jumlah pegawai")
        ax.set_xlim(0, 100)
        ax.legend(frameon=False)
        ax.yaxis.set_major_formatter(_thousands)
    return fig


def _figure(figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """A figure with one axes, not registered with pyplot (no global state, no GUI backend)."""
    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def _thousands_fmt(x: float, _pos: int) -> str:
    return number(int(x)) if float(x).is_integer() else decimal(x, 2)


_thousands = FuncFormatter(_thousands_fmt)


def _unit_gaps(t: Tables, people: np.ndarray) -> np.ndarray:
    """Per unit: [seats short, people over], counted per post so a surplus never hides a vacancy
    (as the workbook's `Per Unit` sheet counts them)."""
    n_unit = len(t.unit_names)
    short = np.bincount(t.post_unit, weights=np.maximum(0, t.post_keb - people), minlength=n_unit)
    extra = np.bincount(t.post_unit, weights=np.maximum(0, people - t.post_keb), minlength=n_unit)
    return np.vstack([short, extra]).astype(np.int64)


def _fig_unit_gaps(names: Sequence[str], series: Sequence[tuple[str, np.ndarray, str]]) -> Figure | None:
    """Per unit, seats short and people over, one bar per series; the units with the most at stake."""
    if not series or not len(names):
        return None
    stacked = np.stack([g for _, g, _ in series])  # (series, 2, unit)
    weight = stacked.sum(axis=(0, 1)) + np.abs(stacked[0] - stacked[-1]).sum(axis=0)
    order = [u for u in np.lexsort((np.arange(len(names)), -weight)).tolist() if weight[u] > 0][:_MAX_UNITS]
    if not order:
        return None
    labels = [_short(names[u]) for u in order]
    with _style():
        fig = Figure(figsize=(8.5, 0.32 * len(order) + 1.3))
        axes = fig.subplots(1, 2, sharey=True)
        y = np.arange(len(order))
        h = 0.8 / len(series)
        for col, title in enumerate(("Kurang (kursi kosong)", "Lebih (pegawai melebihi Kebutuhan)")):
            ax = axes[col]
            for k, (label, gaps, color) in enumerate(series):
                ax.barh(y + h * (k - (len(series) - 1) / 2), gaps[col][order], height=h, color=color, label=label)
            ax.set_title(title)
            ax.xaxis.set_major_formatter(_thousands)
        axes[0].set_yticks(y, labels)
        axes[0].invert_yaxis()  # shared with the right panel: largest gap on top in both
        axes[1].legend(frameon=False, loc="lower right")
        fig.tight_layout()
    return fig


def _fig_curve(curve: Sequence[CurvePoint]) -> Figure | None:
    """Moves against what they buy: Σ nilai and fit gained (left), seats and must-fill seats filled (right),
    each relative to the plan without moves where the scales differ."""
    if len(curve) < 2:
        return None
    moves = [p.moves for p in curve]
    base = curve[0]
    with _style():
        fig = Figure(figsize=(8.5, 3.2))
        left, right = fig.subplots(1, 2)
        left.plot(moves, [p.objective - base.objective for p in curve], "o-", color=_AFTER,
                  label="Nilai objektif (tambahan)")
        left.plot(moves, [p.fit_gained for p in curve], "s--", color=_ACCENT, label="Kenaikan kesesuaian")
        left.set_xlabel("Jumlah mutasi")
        left.set_title("Nilai dan kesesuaian")
        left.legend(frameon=False, fontsize=8)
        right.plot(moves, [p.seats_filled - base.seats_filled for p in curve], "o-", color=_AFTER,
                   label="Kursi terisi (tambahan)")
        right.plot(moves, [p.must_fill_filled for p in curve], "s--", color="#2a9d8f",
                   label=f"Kursi wajib terisi (dari {number(base.must_fill_seats)})")
        right.set_xlabel("Jumlah mutasi")
        right.set_title("Kursi terisi")
        right.legend(frameon=False, fontsize=8)
        for ax in (left, right):
            ax.xaxis.set_major_formatter(_thousands)
            ax.yaxis.set_major_formatter(_thousands)
        fig.tight_layout()
    return fig


def _fig_kinds(ex: Explainer) -> Figure | None:
    counts = {k: 0 for k in MOVE_KINDS}
    for i in ex.movers:
        counts[ex.move_kind(i)] += 1
    if not ex.movers:
        return None
    with _style():
        fig, ax = _figure((6, 2.2))
        bars = ax.barh(list(counts), list(counts.values()), color=[_ACCENT, _AFTER, "#2a9d8f"])
        ax.bar_label(bars, labels=[number(v) for v in counts.values()], padding=3)
        ax.invert_yaxis()
        ax.set_xlabel("Jumlah pegawai")
        ax.xaxis.set_major_formatter(_thousands)
    return fig


def _fig_kinds_compare(series: Sequence[tuple[str, dict[str, int], str]]) -> Figure:
    """Moves per kind, one bar per plan (the counts of each plan's summary)."""
    with _style():
        fig, ax = _figure((7, 2.8))
        x = np.arange(len(MOVE_KINDS))
        w = 0.8 / len(series)
        for k, (label, kinds, color) in enumerate(series):
            counts = [int(kinds.get(kind, 0)) for kind in MOVE_KINDS]
            bars = ax.bar(x + w * (k - (len(series) - 1) / 2), counts, width=w, color=color, label=_short(label, 30))
            ax.bar_label(bars, labels=[number(v) for v in counts], padding=2, fontsize=7)
        ax.set_xticks(x, list(MOVE_KINDS))
        ax.set_ylabel("Jumlah pegawai")
        ax.legend(frameon=False)
    return fig


def _fig_flows(ex: Explainer) -> Figure | None:
    t = ex.t
    if not ex.movers:
        return None
    movers = np.array(ex.movers, dtype=np.int64)
    src = t.emp_unit[movers]
    dst = t.post_unit[ex.result.assignment[movers]]
    n_unit = len(t.unit_names)
    activity = np.bincount(src, minlength=n_unit) + np.bincount(dst, minlength=n_unit)
    top = [u for u in np.lexsort((np.arange(n_unit), -activity)).tolist() if activity[u] > 0][:_MAX_UNITS - 1]
    rest = n_unit > len(top) and bool((~np.isin(src, top) | ~np.isin(dst, top)).any())
    index = np.full(n_unit, len(top), dtype=np.int64)
    index[top] = np.arange(len(top))
    size = len(top) + int(rest)
    matrix = np.zeros((size, size), dtype=np.int64)
    np.add.at(matrix, (index[src], index[dst]), 1)
    labels = [_short(t.unit_names[u], 28) for u in top] + (["Lainnya"] if rest else [])
    with _style():
        side = max(4.5, 0.36 * size + 2.8)
        fig, ax = _figure((side + 0.8, side))
        edges = np.arange(size + 1) - 0.5
        ax.pcolormesh(edges, edges, np.ma.masked_equal(matrix, 0), cmap="Blues", vmin=0, vmax=matrix.max() * 1.15)
        ax.set_xlim(edges[0], edges[-1])
        ax.set_ylim(edges[-1], edges[0])
        for (r, c), v in np.ndenumerate(matrix):
            if v:
                ax.text(c, r, number(int(v)), ha="center", va="center", fontsize=7.5,
                        color="white" if v > matrix.max() * 0.6 else "black")
        ax.set_xticks(np.arange(size), labels, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(np.arange(size), labels, fontsize=8)
        ax.set_xlabel("Unit tujuan")
        ax.set_ylabel("Unit asal")
        ax.spines[:].set_visible(False)
    return fig


# PermenPANRB 3/2020 numbering (SPEC 2.1): (kinerja column, potensi row) of each kotak.
_NINEBOX = {9: (2, 2), 8: (1, 2), 6: (0, 2), 7: (2, 1), 5: (1, 1), 3: (0, 1), 4: (2, 0), 2: (1, 0), 1: (0, 0)}


def _fig_ninebox(t: Tables, ex: Explainer | None) -> Figure | None:
    if not t.n_emp:
        return None
    count = np.bincount(t.emp_kotak, minlength=10)
    moved = np.zeros(10, dtype=np.int64)
    promoted = np.zeros(10, dtype=np.int64)
    if ex is not None:
        for i in ex.movers:
            moved[t.emp_kotak[i]] += 1
            if ex.move_kind(i) == MOVE_KINDS[0]:
                promoted[t.emp_kotak[i]] += 1
    grid = np.zeros((3, 3), dtype=np.int64)
    for k, (c, r) in _NINEBOX.items():
        grid[r, c] = count[k]
    with _style():
        fig, ax = _figure((6.4, 5.0))
        edges = np.arange(4) - 0.5
        ax.pcolormesh(edges, edges, grid, cmap="Greens", vmin=0, vmax=max(1, int(grid.max())) * 1.4)
        ax.set_aspect("equal")
        for k, (c, r) in _NINEBOX.items():
            text = f"Kotak {k}\n{number(int(count[k]))} pegawai"
            if ex is not None:
                text += f"\n{number(int(moved[k]))} pindah"
                if k >= 7 or promoted[k]:
                    text += f"\n{number(int(promoted[k]))} promosi"
            ax.text(c, r, text, ha="center", va="center", fontsize=9)
        ax.set_xticks(range(3), ["Di bawah\nekspektasi", "Sesuai\nekspektasi", "Di atas\nekspektasi"])
        ax.set_yticks(range(3), ["Rendah", "Menengah", "Tinggi"])
        ax.set_xlabel("Kinerja")
        ax.set_ylabel("Potensi")
        ax.spines[:].set_visible(False)
        ax.tick_params(length=0)
        if count[0]:
            ax.set_title(f"Tanpa kotak talenta (tanpa Potensi): {number(int(count[0]))} pegawai", fontsize=8)
    return fig


def _fig_rotation(t: Tables, due: np.ndarray, ex: Explainer | None) -> Figure | None:
    if not due.any():
        return None
    n_unit = len(t.unit_names)
    moved = np.zeros(t.n_emp, dtype=bool)
    if ex is not None:
        moved[ex.movers] = True
    go = np.bincount(t.emp_unit[due & moved], minlength=n_unit)
    stay = np.bincount(t.emp_unit[due & ~moved], minlength=n_unit)
    order = [u for u in np.lexsort((np.arange(n_unit), -(go + stay))).tolist() if go[u] + stay[u]][:_MAX_UNITS]
    labels = [_short(t.unit_names[u]) for u in order]
    with _style():
        fig, ax = _figure((7.5, 0.3 * len(order) + 1.2))
        y = np.arange(len(order))
        if ex is not None:
            ax.barh(y, go[order], color=_AFTER, label="Dipindahkan")
            ax.barh(y, stay[order], left=go[order], color=_BEFORE, label="Tetap")
            ax.legend(frameon=False, loc="lower right")
        else:
            ax.barh(y, stay[order], color=_ACCENT, label="Jatuh tempo")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlabel("Pegawai jatuh tempo rotasi")
        ax.xaxis.set_major_formatter(_thousands)
    return fig


_CSS = """
:root{--ink:#1d2733;--muted:#5b6776;--line:#d5dbe3;--bg:#f6f8fa;--acc:#1f6fb2}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;
color:var(--ink);margin:0;background:#fff}
.notice{background:#7a1f1f;color:#fff;padding:6px 16px;font-weight:600;font-size:13px}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:22px;margin:14px 0 2px}h2{font-size:18px;margin:26px 0 10px;border-bottom:2px solid var(--line);
padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 8px}
nav a{margin-right:14px;color:var(--acc);text-decoration:none;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:var(--bg)}
.card .k{font-size:12px;color:var(--muted)}.card .v{font-size:16px;font-weight:600}
.chart{margin:0 0 18px;border:1px solid var(--line);border-radius:6px;padding:8px;break-inside:avoid;
page-break-inside:avoid}
.chart figcaption{font-weight:600;margin-bottom:4px}
.chart svg{display:block;max-width:100%;height:auto}
.note,.lead,.empty{color:var(--muted);font-size:13px}
.controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:6px 0}
.cari{flex:1 1 320px;padding:6px 8px;font-size:14px;border:1px solid #9aa5b1;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
table.data thead th{background:#e8eef5;cursor:pointer;user-select:none;position:sticky;top:0}
table.data thead th[aria-sort=ascending]::after{content:" ▲"}
table.data thead th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;white-space:nowrap}td.wide{min-width:260px;white-space:pre-line}td.mid{min-width:160px;white-space:pre-line}
.scroll{overflow-x:auto}
tbody tr.alt,table.static tbody tr:nth-child(even){background:#fafbfc}
.pager{display:flex;gap:10px;align-items:center;margin:6px 0}
.printnote{display:none}
tr.off{display:none}
h3{font-size:15px;margin:18px 0 6px}
.warn{background:#fff3cd;padding:8px}
footer{color:var(--muted);font-size:12px;margin:30px auto 20px}
@page{size:A4;margin:14mm 11mm 16mm}
@media print{
body{font-size:10pt}.noprint,.controls,.pager,nav,noscript{display:none!important}
.notice{position:fixed;bottom:0;left:0;right:0;background:none;color:#7a1f1f;font-size:8pt;padding:0;
text-align:center}
header,main,footer{max-width:none;padding:0}
h2{break-after:avoid;page-break-after:avoid}
section{break-before:auto}
table{font-size:8pt}thead{display:table-header-group}
tr,td,th{break-inside:avoid;page-break-inside:avoid}
td.wide,td.mid{min-width:0}td.wide{width:32%}
table.data thead th{position:static}
tr.off{display:table-row!important}
#baperjakat{break-before:page;page-break-before:always}
.chart{border:none;padding:0}.scroll{overflow:visible}
.chart svg{max-height:240mm;width:auto}
.printnote{display:block;font-size:8pt;color:#555}
.card{background:none}
}
"""

# Vanilla JS: each .tbl reads its JSON, then filters (every word must appear), sorts (click a header) and
# pages. Cells are set with textContent, never innerHTML, so no text from the input can become markup.
_JS = r"""
(function(){
"use strict";
var coll=new Intl.Collator("id",{numeric:true,sensitivity:"base"});
// Up to PRINT_ROWS matching rows all stay in the page, those off the current page hidden (tr.off), so the
// print CSS shows every one of them; a longer table draws the rest when the browser says it will print.
var PRINT_ROWS=5000;
function init(box){
  var src=document.getElementById(box.getAttribute("data-src"));
  var d=JSON.parse(src.textContent);
  var rows=d.rows, idx=[], view=[], page=0, per=25, sortK=-1, dir=1, printing=false;
  var hay=rows.map(function(r){return r.join(" \u0001 ").toLowerCase();});
  var thead=box.querySelector("thead"), tbody=box.querySelector("tbody");
  var input=box.querySelector(".cari"), sel=box.querySelector(".per");
  var info=box.querySelector(".info"), pg=box.querySelector(".page");
  var tr=document.createElement("tr");
  d.cols.forEach(function(c,k){
    var th=document.createElement("th"); th.textContent=c; th.setAttribute("scope","col");
    th.title="Klik untuk mengurutkan";
    th.addEventListener("click",function(){ if(sortK===k){dir=-dir;}else{sortK=k;dir=1;} apply(false); });
    tr.appendChild(th);
  });
  thead.appendChild(tr);
  for(var i=0;i<rows.length;i++){idx.push(i);}
  function apply(refilter){
    if(refilter){
      var words=input.value.toLowerCase().split(/\s+/).filter(Boolean);
      view=idx.filter(function(i){return words.every(function(w){return hay[i].indexOf(w)>=0;});});
    }
    if(sortK>=0){
      var num=d.num[sortK];
      view.sort(function(a,b){
        var x=rows[a][sortK], y=rows[b][sortK], c;
        c=num? (parseFloat(x)||0)-(parseFloat(y)||0) : coll.compare(String(x),String(y));
        return c*dir || a-b;
      });
      Array.prototype.forEach.call(thead.querySelectorAll("th"),function(th,k){
        if(k===sortK){th.setAttribute("aria-sort",dir>0?"ascending":"descending");}
        else{th.removeAttribute("aria-sort");}
      });
    }
    page=refilter?0:page; draw();
  }
  function draw(){
    var n=view.length, size=per>0?per:n||1, pages=Math.max(1,Math.ceil(n/size));
    if(page>=pages){page=pages-1;}
    var start=page*size, end=Math.min(n,start+size), frag=document.createDocumentFragment();
    var all=printing||n<=PRINT_ROWS, from=all?0:start, to=all?n:end;
    for(var k=from;k<to;k++){
      var r=rows[view[k]], row=document.createElement("tr");
      if(k<start||k>=end){row.className="off";} else if((k-start)%2){row.className="alt";}
      for(var c=0;c<r.length;c++){
        var td=document.createElement("td"); td.textContent=r[c];
        if(d.num[c]){td.className="num";} else if(d.wide.indexOf(c)>=0){td.className="wide";}
        else if(d.mid.indexOf(c)>=0){td.className="mid";}
        row.appendChild(td);
      }
      frag.appendChild(row);
    }
    tbody.textContent=""; tbody.appendChild(frag);
    var fmt=function(x){return x.toLocaleString("id-ID");};
    info.textContent=(n===rows.length?fmt(n)+" baris":fmt(n)+" dari "+fmt(rows.length)+" baris cocok");
    pg.textContent="Halaman "+fmt(page+1)+" dari "+fmt(pages);
    box.querySelector(".prev").disabled=page===0;
    box.querySelector(".next").disabled=page>=pages-1;
  }
  var timer=null;
  input.addEventListener("input",function(){
    clearTimeout(timer);
    if(rows.length>20000){ timer=setTimeout(function(){apply(true);},150); } else { apply(true); }
  });
  sel.addEventListener("change",function(){ per=parseInt(sel.value,10); page=0; draw(); });
  box.querySelector(".prev").addEventListener("click",function(){ page--; draw(); });
  box.querySelector(".next").addEventListener("click",function(){ page++; draw(); });
  box.printAll=function(on){ printing=on; draw(); };
  apply(true);
  box.setAttribute("data-ready","1");
}
function printAll(on){
  Array.prototype.forEach.call(document.querySelectorAll(".tbl"),function(box){ if(box.printAll){box.printAll(on);} });
}
Array.prototype.forEach.call(document.querySelectorAll(".tbl"),init);
window.addEventListener("beforeprint",function(){ printAll(true); });
window.addEventListener("afterprint",function(){ printAll(false); });
document.documentElement.setAttribute("data-ready","1");
})();
"""
