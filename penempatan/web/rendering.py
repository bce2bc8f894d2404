"""The Jinja2 templates (autoescaped: no text from the input becomes markup) and their filters, which use
the one home of Indonesian numbers and dates (`penempatan.text`)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from penempatan import __version__, text

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


_templates.env.filters["nilai"] = _value
_templates.env.filters["waktu"] = _moment
_templates.env.filters["angka"] = text.number
_templates.env.globals["versi"] = __version__


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    return _templates.TemplateResponse(request, name, context or {}, status_code=status_code, headers=headers)


def alert(message: str, status_code: int) -> HTMLResponse:
    """A refusal shown in place of a fragment (htmx swaps it in)."""
    import html

    return HTMLResponse(f'<p class="galat" role="alert">{html.escape(message, quote=True)}</p>',
                        status_code=status_code)
