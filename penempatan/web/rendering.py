"""The Jinja2 templates (autoescaped: no text from the input becomes markup) and their filters, which use
the one home of Indonesian numbers and dates (`penempatan.text`)."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Undefined
from markupsafe import Markup

from penempatan import __version__, text
from penempatan.parameters import param_label
from penempatan.rules import LEGEND_COLUMNS, codes_in, legend_rows

_templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")


def _value(v: Any) -> str:
    """A cell as the planner reads it: Indonesian numbers and dates, '' for nothing."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return text.yes_no(v)
    if isinstance(v, datetime):
        return text.date_text(v.date())
    if isinstance(v, date):
        return text.date_text(v)
    if isinstance(v, int):
        return text.number(v)
    if isinstance(v, float):
        return text.number(v, 2) if not v.is_integer() else text.number(v)
    return str(v)


def _moment(iso: str | None) -> str:
    """A stored time (ISO) as the planner reads it: '07-12-2026 19:41'."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{text.date_text(when)} {when:%H:%M}"


def _shown(v: Any) -> Any:
    """Every `{{ … }}` of every template passes here before it is escaped: text (from the input above all) has
    its control characters and bidi overrides shown as '�' (`text.visible`), so a cell cannot reorder or hide
    what the page shows around it. Markup the app made itself (the curve's SVG) stays markup."""
    if isinstance(v, Markup):
        return Markup(text.visible(str(v)))
    return text.visible(v) if isinstance(v, str) else v


def _url(v: Any) -> str:
    """A value as one parameter or path segment of a link: every character that means something in a URL
    ('/', '#', '?', '&', spaces, …) percent-encoded."""
    return quote(str(v), safe="")


def _texts(value: Any, depth: int = 0) -> Iterator[str]:
    """Every text in what a page shows: strings, the values of mappings, items of sequences, a table row's
    `cells()` and the fields of a dataclass (a few levels deep: rows, problems, explanations)."""
    if isinstance(value, str):
        yield value
    elif depth > 6 or value is None or isinstance(value, int | float | date | Undefined):
        return
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _texts(v, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _texts(v, depth + 1)
    elif callable(getattr(value, "cells", None)):
        yield from _texts(value.cells(), depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), depth + 1)


def _legend(*shown: Any) -> list[list[str]]:
    """The legend of the rule codes cited anywhere in `shown` (the rows of a table, a text): code, wording,
    legal source and the parameter's label, from the rule registry."""
    return legend_rows(codes_in(_texts(list(shown))), keys=False)


_templates.env.finalize = _shown
_templates.env.filters["url"] = _url
_templates.env.filters["nilai"] = _value
_templates.env.filters["waktu"] = _moment
_templates.env.filters["angka"] = text.number
_templates.env.filters["persen"] = text.percent
_templates.env.globals["versi"] = __version__
_templates.env.globals["legenda_baris"] = _legend
_templates.env.globals["kolom_legenda"] = LEGEND_COLUMNS
_templates.env.globals["label_parameter"] = param_label


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    """Template `name`; every page gets `csrf`, the token its forms and htmx requests send with a change
    (`access`)."""
    full = {"csrf": request.app.state.csrf, **(context or {})}
    return _templates.TemplateResponse(request, name, full, status_code=status_code, headers=headers)


def alert(message: str, status_code: int) -> HTMLResponse:
    """A refusal shown in place of a fragment (htmx swaps it in)."""
    return HTMLResponse(f'<p class="galat" role="alert">{html.escape(text.visible(message), quote=True)}</p>',
                        status_code=status_code)
