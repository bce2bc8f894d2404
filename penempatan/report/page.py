"""The page around a report: head (with the page's CSS and a Content-Security-Policy that loads and sends
nothing), the personal-data notice, navigation, summary cards, sections, and the searchable tables whose rows
travel as JSON and are drawn by the page's script (report.js, styled by report.css, both inline)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

from penempatan import __version__
from penempatan.model import ProblemData
from penempatan.text import date_text, number, percent, yes_no

NOTICE = "Berisi data pribadi; jangan disebarkan."


@cache
def _asset(name: str) -> str:
    """report.css or report.js, as shipped inside this package.

    The script: each .tbl reads its JSON, then filters (every word must appear), sorts (click a header) and
    pages. Cells are set with textContent, never innerHTML, so no text from the input can become markup.
    """
    return files(__package__ or "penempatan.report").joinpath(name).read_text(encoding="utf-8")


def e(value: object) -> str:
    """Text for HTML: escaped, quotes included; None as ''."""
    return html.escape("" if value is None else str(value), quote=True)


def subtitle(data: ProblemData, source: str) -> str:
    bits = [f"Tanggal acuan {date_text(data.params.tanggal_acuan)}", f"Skenario: {data.scenario_name or '(dasar)'}"]
    if source:
        bits.insert(0, f"Masukan: {source}")
    return " · ".join(bits)


def section(title: str, anchor: str, inner: str) -> str:
    return f'<section id="{anchor}"><h2>{e(title)}</h2>{inner}</section>'


def page(title: str, sub: str, sections: list[str]) -> str:
    """The whole self-contained page: navigation from the sections' headings, CSS and script inline."""
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
        f"<title>{e(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f'<div class="notice" role="note">{e(NOTICE)}</div>'
        f"<header><h1>{e(title)}</h1><p class=\"sub\">{e(sub)}</p>"
        f'<nav class="noprint">{nav}</nav></header>'
        "<noscript><p class=\"warn\">Tabel memerlukan JavaScript; grafik dan ringkasan tetap tampil. "
        "Daftar lengkap ada di workbook rekomendasi.</p></noscript>"
        f"<main>{''.join(sections)}</main>"
        f'<footer>Dibuat oleh penempatan {e(__version__)}. {e(NOTICE)} Laporan ini ringkasan; '
        "workbook rekomendasi adalah daftar resmi yang lengkap.</footer>"
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )


def cards(items: Sequence[tuple[str, str]]) -> str:
    """The summary section: one card per (label, text)."""
    inner = "".join(f'<div class="card"><div class="k">{e(k)}</div><div class="v">{e(v)}</div></div>'
                    for k, v in items)
    return section("Ringkasan", "ringkasan", f'<div class="cards">{inner}</div>')


def value_text(value: Any, *, fraction: bool = False) -> str:
    """A value in a card or a static table, in the Indonesian convention; `fraction` shows a number as %."""
    if isinstance(value, date):
        return date_text(value)
    if fraction and isinstance(value, int | float) and not isinstance(value, bool):
        return percent(value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        return number(value, 2)
    return str(value)


def _json_script(obj: object) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the input says."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def table(columns: Sequence[str], numeric: Sequence[bool], rows: Sequence[Sequence[Any]], *,
          placeholder: str, name: str, wide: Sequence[int] = (), mid: Sequence[int] = ()) -> str:
    """A searchable, sortable, paginated table; rows travel as JSON and the script draws them. Printing
    prints every row that matches the search, not only the page on screen (see report.js and the print CSS)."""
    tid = f"t{name}"
    data = {"cols": list(columns), "num": list(numeric), "wide": list(wide), "mid": list(mid),
            "rows": [[_cell(v) for v in row] for row in rows]}
    return (
        f'<div class="tbl" data-src="{tid}-data">'
        '<div class="controls noprint">'
        f'<input type="search" class="cari" aria-label="Cari" placeholder="{e(placeholder)}">'
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
        return yes_no(v)
    if isinstance(v, int | float | str):
        return v
    if isinstance(v, np.integer):
        return int(v)
    return str(v)


def empty(text: str) -> str:
    """The line shown instead of an empty table or chart."""
    return f'<p class="empty">{e(text)}</p>'
