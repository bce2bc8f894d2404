"""One plan as the Rencana page and the API show it: the explainer of the plan and the typed rows every output
renders (`penempatan.explain`), built once per plan and kept while the server runs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from penempatan.curve import CURVE_HEADER
from penempatan.excel.write_plan import CHANGES_SHEET, CURVE_SHEET
from penempatan.excel.xlsx_rows import XlsxBook
from penempatan.explain import (
    ChainRow,
    EmptySeatRow,
    Explainer,
    MoveRow,
    PlanSummary,
    TrainingRow,
    chain_rows,
    empty_seat_rows,
    move_rows,
    plan_summary,
    summary_lines,
    training_rows,
)
from penempatan.rules import FLAG_LABELS
from penempatan.text import name_key, number
from penempatan.web.store import Run


@dataclass
class PlanData:
    """A solved (or saved and verified) plan with its rows."""

    run: Run
    view: Explainer
    summary: PlanSummary
    moves: list[MoveRow]
    chains: list[ChainRow]
    empty: list[EmptySeatRow]
    training: list[TrainingRow]
    curve: list[list[Any]] | None
    changes: tuple[list[Any], list[list[Any]]] | None

    @classmethod
    def build(cls, run: Run, view: Explainer) -> PlanData:
        d = view.data
        return cls(run=run, view=view, summary=plan_summary(d, view.t, view.result, view=view),
                   moves=move_rows(view), chains=chain_rows(view), empty=empty_seat_rows(view),
                   training=training_rows(view), curve=read_curve(run.plan), changes=read_changes(run.plan))

    @property
    def lines(self) -> list[tuple[str, str]]:
        """The summary cards: the same lines the terminal prints."""
        return summary_lines(self.summary)

    @cached_property
    def flagged(self) -> list[MoveRow]:
        """Moves the committee must look at (`Perhatian` not empty)."""
        return [m for m in self.moves if m.flags]

    @cached_property
    def chain_moves(self) -> dict[str, list[MoveRow]]:
        """The moves of each chain in its order, so a chain reads as names and posts rather than seat codes."""
        out: dict[str, list[MoveRow]] = {}
        for m in sorted(self.moves, key=lambda m: (m.chain, m.step)):
            out.setdefault(m.chain, []).append(m)
        return out

    @cached_property
    def units(self) -> list[str]:
        """Units any move leaves or enters, for the filter."""
        return sorted({m.from_unit for m in self.moves} | {m.to_unit for m in self.moves})

    @cached_property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.moves})

    @property
    def flag_labels(self) -> list[str]:
        return list(FLAG_LABELS.values())

    @cached_property
    def nip_index(self) -> dict[str, int]:
        return {e.nip: i for i, e in enumerate(self.view.data.employees)}


def read_sheet(plan: Path, name: str) -> tuple[list[Any], list[list[Any]]] | None:
    """(header, rows) of an optional sheet of a plan workbook (`Kurva Manfaat` of `solve --kurva`, `Perubahan`
    of `solve --acuan`), as `write_plan` wrote it; None when the plan has no such sheet."""

    with XlsxBook(plan.read_bytes()) as book:
        names = {name_key(n): n for n in book.names()}
        if name_key(name) not in names:
            return None
        rows = book.rows(names[name_key(name)])
    if not rows:
        return None
    header = list(rows[0][1])
    return header, [list(values[:len(header)]) for _, values in rows[1:] if any(v is not None for v in values)]


def read_curve(plan: Path) -> list[list[Any]] | None:
    """The `Kurva Manfaat` rows (columns CURVE_HEADER), None when the plan has no curve."""

    found = read_sheet(plan, CURVE_SHEET)
    return found[1] if found else None


def read_changes(plan: Path) -> tuple[list[Any], list[list[Any]]] | None:
    """The `Perubahan` sheet of a plan made against an earlier one: what changed and why."""

    return read_sheet(plan, CHANGES_SHEET)


def curve_points(curve: list[list[Any]]) -> list[tuple[float, float]]:
    """(moves, Σ nilai) of each curve row, for the chart."""
    moves, objective = CURVE_HEADER.index("Mutasi"), CURVE_HEADER.index("Nilai Objektif")
    out = []
    for row in curve:
        try:
            out.append((float(row[moves]), float(row[objective])))
        except (TypeError, ValueError):
            continue
    return out


def curve_svg(curve: list[list[Any]], width: int = 560, height: int = 220) -> str:
    """A small line chart of Σ nilai against the number of moves (SVG; numbers only, no input text)."""
    points = curve_points(curve)
    if len(points) < 2:
        return ""
    pad = 40
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs) or 1, min(ys), max(ys)
    sx = (width - 2 * pad) / ((x1 - x0) or 1)
    sy = (height - 2 * pad) / ((y1 - y0) or 1)
    at = [(pad + (x - x0) * sx, height - pad - (y - y0) * sy) for x, y in points]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in at)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"/>' for x, y in at)
    return (f'<svg class="kurva" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="Nilai objektif menurut jumlah mutasi">'
            f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" class="sumbu"/>'
            f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" class="sumbu"/>'
            f'<polyline points="{line}" class="garis"/>{dots}'
            f'<text x="{width / 2:.0f}" y="{height - 8}" text-anchor="middle">jumlah mutasi '
            f'({x0:.0f}–{x1:.0f})</text>'
            f'<text x="12" y="{pad - 12}">Σ nilai ({number(y0)}–{number(y1)})</text></svg>')
