"""The report's charts: matplotlib figures (Agg backend, never pyplot) drawn as inline SVG, text kept as text
(escaped by matplotlib), ids hashed per chart so a page's ids stay unique and the bytes stay the same."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from penempatan.curve import CurvePoint
from penempatan.explain import MOVE_KINDS, PROMOSI, PlanView
from penempatan.explain.moves import move_kind
from penempatan.model import POTENSI_VALUES
from penempatan.report.page import e
from penempatan.scoring import Tables
from penempatan.text import decimal, number

BEFORE, AFTER, ACCENT = "#9aa5b1", "#1f6fb2", "#d9822b"
MAX_UNITS = 20
"""Units shown by name in per-unit charts; the rest are summed as "Lainnya"."""


@contextmanager
def style(salt: str = "") -> Iterator[None]:
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
    with style(salt):
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


def chart(title: str, fig: Figure | None, name: str, note: str = "") -> str:
    if fig is None:
        return (f'<figure class="chart" data-chart="{name}"><figcaption>{e(title)}</figcaption>'
                '<p class="empty">Tidak ada data.</p></figure>')
    extra = f'<p class="note">{e(note)}</p>' if note else ""
    return (f'<figure class="chart" data-chart="{name}"><figcaption>{e(title)}</figcaption>'
            f"{_svg(fig, name)}{extra}</figure>")


def short(s: str, n: int = 34) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def fig_fit(series: Sequence[tuple[str, np.ndarray, str]]) -> Figure | None:
    if not len(series[0][1]):
        return None
    with style():
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


def unit_gaps(t: Tables, people: np.ndarray) -> np.ndarray:
    """Per unit: [seats short, people over], counted per post so a surplus never hides a vacancy
    (as the workbook's `Per Unit` sheet counts them)."""
    n_unit = len(t.unit_names)
    lack = np.bincount(t.post_unit, weights=np.maximum(0, t.post_keb - people), minlength=n_unit)
    extra = np.bincount(t.post_unit, weights=np.maximum(0, people - t.post_keb), minlength=n_unit)
    return np.vstack([lack, extra]).astype(np.int64)


def fig_unit_gaps(names: Sequence[str], series: Sequence[tuple[str, np.ndarray, str]]) -> Figure | None:
    """Per unit, seats short and people over, one bar per series; the units with the most at stake."""
    if not series or not len(names):
        return None
    stacked = np.stack([g for _, g, _ in series])  # (series, 2, unit)
    weight = stacked.sum(axis=(0, 1)) + np.abs(stacked[0] - stacked[-1]).sum(axis=0)
    order = [u for u in np.lexsort((np.arange(len(names)), -weight)).tolist() if weight[u] > 0][:MAX_UNITS]
    if not order:
        return None
    labels = [short(names[u]) for u in order]
    with style():
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


def fig_curve(curve: Sequence[CurvePoint]) -> Figure | None:
    """Moves against what they buy: Σ nilai and fit gained (left), seats and must-fill seats filled (right),
    each relative to the first computed point where the scales differ. A point without a plan is left out
    (never drawn at zero)."""
    curve = [p for p in curve if p.computed]
    if len(curve) < 2:
        return None
    moves = [p.moves for p in curve]
    base = curve[0]
    with style():
        fig = Figure(figsize=(8.5, 3.2))
        left, right = fig.subplots(1, 2)
        left.plot(moves, [p.objective - base.objective for p in curve], "o-", color=AFTER,
                  label="Nilai objektif (tambahan)")
        left.plot(moves, [p.fit_gained for p in curve], "s--", color=ACCENT, label="Kenaikan kesesuaian")
        left.set_xlabel("Jumlah mutasi")
        left.set_title("Nilai dan kesesuaian")
        left.legend(frameon=False, fontsize=8)
        right.plot(moves, [p.seats_filled - base.seats_filled for p in curve], "o-", color=AFTER,
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


def fig_kinds(kinds: dict[str, int]) -> Figure | None:
    """Moves per kind (the plan summary's counts, in MOVE_KINDS order)."""
    if not sum(kinds.values()):
        return None
    with style():
        fig, ax = _figure((6, 2.2))
        bars = ax.barh(list(kinds), list(kinds.values()), color=[ACCENT, AFTER, "#2a9d8f"])
        ax.bar_label(bars, labels=[number(v) for v in kinds.values()], padding=3)
        ax.invert_yaxis()
        ax.set_xlabel("Jumlah pegawai")
        ax.xaxis.set_major_formatter(_thousands)
    return fig


def fig_kinds_compare(series: Sequence[tuple[str, dict[str, int], str]]) -> Figure:
    """Moves per kind, one bar per plan (the counts of each plan's summary)."""
    with style():
        fig, ax = _figure((7, 2.8))
        x = np.arange(len(MOVE_KINDS))
        w = 0.8 / len(series)
        for k, (label, kinds, color) in enumerate(series):
            counts = [int(kinds.get(kind, 0)) for kind in MOVE_KINDS]
            bars = ax.bar(x + w * (k - (len(series) - 1) / 2), counts, width=w, color=color, label=short(label, 30))
            ax.bar_label(bars, labels=[number(v) for v in counts], padding=2, fontsize=7)
        ax.set_xticks(x, list(MOVE_KINDS))
        ax.set_ylabel("Jumlah pegawai")
        ax.legend(frameon=False)
    return fig


def fig_flows(view: PlanView) -> Figure | None:
    """Movers per (unit of origin, unit of destination), the busiest units by name and the rest as 'Lainnya'."""
    t = view.t
    if not view.movers:
        return None
    movers = np.array(view.movers, dtype=np.int64)
    src = t.emp_unit[movers]
    dst = t.post_unit[view.result.assignment[movers]]
    n_unit = len(t.unit_names)
    activity = np.bincount(src, minlength=n_unit) + np.bincount(dst, minlength=n_unit)
    top = [u for u in np.lexsort((np.arange(n_unit), -activity)).tolist() if activity[u] > 0][:MAX_UNITS - 1]
    rest = n_unit > len(top) and bool((~np.isin(src, top) | ~np.isin(dst, top)).any())
    index = np.full(n_unit, len(top), dtype=np.int64)
    index[top] = np.arange(len(top))
    size = len(top) + int(rest)
    matrix = np.zeros((size, size), dtype=np.int64)
    np.add.at(matrix, (index[src], index[dst]), 1)
    labels = [short(t.unit_names[u], 28) for u in top] + (["Lainnya"] if rest else [])
    with style():
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


def _ninebox(t: Tables) -> list[tuple[int, int, int]]:
    """(kotak, kinerja column, potensi row) of each box as kotak_talenta.csv places it: columns di bawah,
    sesuai, di atas ekspektasi, rows Rendah (0) to Tinggi; the top row first, the highest kinerja first."""
    columns = t.ref.ekspektasi_urutan
    rows = POTENSI_VALUES[::-1]
    places = [(k, columns.index(kinerja), rows.index(potensi)) for k in range(1, 10)
              for kinerja, potensi in [t.ref.kotak_letak(k)]]
    return sorted(places, key=lambda p: (-p[2], -p[1]))


def fig_ninebox(t: Tables, view: PlanView | None) -> Figure | None:
    """Employees per kotak talenta on the 9-box grid; with a plan, also how many of them move and are promoted."""
    if not t.n_emp:
        return None
    count = np.bincount(t.emp_kotak, minlength=10)
    moved = np.zeros(10, dtype=np.int64)
    promoted = np.zeros(10, dtype=np.int64)
    if view is not None:
        for i in view.movers:
            moved[t.emp_kotak[i]] += 1
            if move_kind(view, i) == PROMOSI:
                promoted[t.emp_kotak[i]] += 1
    places = _ninebox(t)
    grid = np.zeros((3, 3), dtype=np.int64)
    for k, c, r in places:
        grid[r, c] = count[k]
    with style():
        fig, ax = _figure((6.4, 5.0))
        edges = np.arange(4) - 0.5
        ax.pcolormesh(edges, edges, grid, cmap="Greens", vmin=0, vmax=max(1, int(grid.max())) * 1.4)
        ax.set_aspect("equal")
        for k, c, r in places:
            text = f"Kotak {k}\n{number(int(count[k]))} pegawai"
            if view is not None:
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


def fig_rotation(t: Tables, due: np.ndarray, movers: list[int] | None) -> Figure | None:
    """Employees due for rotation per unit; with a plan, split into those it moves and those who stay."""
    if not due.any():
        return None
    n_unit = len(t.unit_names)
    moved = np.zeros(t.n_emp, dtype=bool)
    if movers is not None:
        moved[movers] = True
    go = np.bincount(t.emp_unit[due & moved], minlength=n_unit)
    stay = np.bincount(t.emp_unit[due & ~moved], minlength=n_unit)
    order = [u for u in np.lexsort((np.arange(n_unit), -(go + stay))).tolist() if go[u] + stay[u]][:MAX_UNITS]
    labels = [short(t.unit_names[u]) for u in order]
    with style():
        fig, ax = _figure((7.5, 0.3 * len(order) + 1.2))
        y = np.arange(len(order))
        if movers is not None:
            ax.barh(y, go[order], color=AFTER, label="Dipindahkan")
            ax.barh(y, stay[order], left=go[order], color=BEFORE, label="Tetap")
            ax.legend(frameon=False, loc="lower right")
        else:
            ax.barh(y, stay[order], color=ACCENT, label="Jatuh tempo")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlabel("Pegawai jatuh tempo rotasi")
        ax.xaxis.set_major_formatter(_thousands)
    return fig

