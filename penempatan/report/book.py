"""The committee's book (issue 23): what the report prints, on A4 landscape, for a Baperjakat meeting.

A summary page, the list of moves with an empty `Keputusan` column and the committee's signature block (the
same cells as the workbook's `Daftar Usulan`, penempatan.committee), the vacancy chains in words, the seats left
empty and the training the movers need. Static HTML tables with fixed column widths whose text wraps inside
its cell (nothing is clipped), hidden on screen and printed instead of the screen's sections (report.css).
"""

from __future__ import annotations

from collections.abc import Sequence

from penempatan.committee import COLUMNS, DECISION_LINE, SIGNERS, list_cells
from penempatan.explain import ChainRow, EmptySeatRow, MoveRow, TrainingRow
from penempatan.report.page import e
from penempatan.text import number

LIST_WIDTHS = (4, 15, 18, 18, 8, 11, 18, 8)
"""Column widths of the list (percent of the page width), in the proportions of `Daftar Usulan`."""


_PAGE_CHARS = 180  # characters of 9 pt text across an A4 landscape page
_SHORT = 24  # a column whose longest line is at most this many characters is not wrapped
_LONGEST_LEAST = 14  # a wrapped column keeps at least this many characters


def committee_book(summary: Sequence[tuple[str, str]], moves: Sequence[MoveRow], chains: Sequence[ChainRow],
                   seats: Sequence[EmptySeatRow], training: Sequence[TrainingRow], title: str, sub: str) -> str:
    """The printed book: one part per page group, each part starting on a new page."""
    parts = [
        _part("Ringkasan rencana", _summary(summary), title=title, sub=sub),
        _part(f"Daftar usulan ({number(len(moves))} mutasi)", _move_list(moves) + _signatures()),
        _part(f"Rantai mutasi ({number(len(chains))})", _chains(chains)),
        _part(f"Jabatan yang masih kosong ({number(len(seats))} jabatan)", _table(
            EmptySeatRow.COLUMNS, [r.cells() for r in seats], "Semua kursi terisi sesuai Kebutuhan.")),
        _part(f"Kebutuhan pelatihan ({number(len(training))})", _table(
            TrainingRow.COLUMNS, [r.cells() for r in training], "Tidak ada pelatihan yang diperlukan.")),
    ]
    return f'<section id="buku" class="book">{"".join(parts)}</section>'


def _part(heading: str, inner: str, *, title: str = "", sub: str = "") -> str:
    top = f'<h1>{e(title)}</h1><p class="sub">{e(sub)}</p>' if title else ""
    return f'<div class="part">{top}<h2>{e(heading)}</h2>{inner}</div>'


def _summary(lines: Sequence[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in lines)
    return f'<table class="book-summary"><colgroup><col style="width:30%"><col></colgroup><tbody>{rows}</tbody></table>'


def _move_list(moves: Sequence[MoveRow]) -> str:
    if not moves:
        return '<p class="empty">Tidak ada mutasi dalam rencana ini.</p>'
    cells = [list_cells(k, m) for k, m in enumerate(moves, 1)]
    return _grid(COLUMNS, LIST_WIDTHS, cells, cls="book-list")


def _signatures() -> str:
    boxes = "".join(f'<div class="signer"><div>{e(s)}</div><div class="line">(..............................)</div>'
                    f'<div>NIP ............................</div></div>' for s in SIGNERS)
    return f'<div class="signatures"><p>{e(DECISION_LINE)}</p><div class="signers">{boxes}</div></div>'


def _chains(chains: Sequence[ChainRow]) -> str:
    rows = [[c.id, "Siklus" if c.cycle else "Rantai", str(c.size), c.start, "\n".join(c.steps)] for c in chains]
    return _table(("Rantai", "Jenis", "Pegawai", "Awal", "Urutan (asal → tujuan)"), rows,
                  "Tidak ada rantai kekosongan.")


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]], none: str) -> str:
    """A table whose short columns are as wide as their longest text and whose long ones share the rest of the
    page in proportion to their mean text (text wraps inside its cell); a column empty in every row is left
    out."""
    if not rows:
        return f'<p class="empty">{e(none)}</p>'
    keep = [k for k in range(len(columns)) if any(_text(r[k]) for r in rows)]
    texts = [[_text(r[k]) for r in rows] for k in keep]
    heads = [max(len(w) for w in columns[k].split()) + 1 for k in keep]
    longest = [max(h, *(len(line) for t in col for line in t.split("\n"))) for col, h in zip(texts, heads, strict=True)]
    short = [n <= _SHORT for n in longest]
    room = max(_PAGE_CHARS - sum(n + 1 for n, s in zip(longest, short, strict=True) if s), _LONGEST_LEAST)
    means = [sum(len(t) for t in col) / len(col) for col in texts]
    total = sum(m for m, s in zip(means, short, strict=True) if not s) or 1.0
    chars = [n + 1 if s else max(_LONGEST_LEAST, room * m / total)
             for n, s, m in zip(longest, short, means, strict=True)]
    widths = [round(100 * c / sum(chars), 1) for c in chars]
    return _grid([columns[k] for k in keep], widths, [[r[k] for k in keep] for r in rows])


def _grid(columns: Sequence[str], widths: Sequence[float] | None, rows: Sequence[Sequence[object]],
          cls: str = "") -> str:
    """A table whose text wraps inside its cells; with `widths` (percent) a fixed layout, each column its share
    of the page."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths or ())
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{e(_text(v))}</td>" for v in row) + "</tr>" for row in rows)
    fixed = " fixed" if widths else ""
    return (f'<table class="book-grid{fixed} {cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int):
        return number(value)
    return str(value)
