"""Input problems reported to the planner: every problem names sheet, Excel row, column and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located as precisely as the input allows.

    `row` is the Excel row number (1-based, header is row 1) or None for a sheet-level problem.
    Messages and hints are Bahasa Indonesia because they are shown to the planner.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def location(self) -> str:
        parts = [f"sheet {self.sheet}"]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" (nilai: {self.value!r})" if self.value not in (None, "") else ""
        hint = f" Saran: {self.hint}" if self.hint else ""
        return f"{self.location()}: {self.message}{value}.{hint}"


@dataclass
class Problems:
    """Collects every problem of one run so the planner sees them all at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, sheet: str, row: int | None, column: str | None, value: object,
              message: str, hint: str = "") -> None:
        self.items.append(Problem(sheet, row, column, _show(value), message, hint, Severity.ERROR))

    def warning(self, sheet: str, row: int | None, column: str | None, value: object,
                message: str, hint: str = "") -> None:
        self.items.append(Problem(sheet, row, column, _show(value), message, hint, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.items)


class InputError(Exception):
    """Bad input: carries every problem found (errors and the warnings seen so far)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} galat pada masukan")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def pydantic_message(err: Any, by_type: dict[str, str] | None = None) -> str:
    """One pydantic validation error (an item of `ValidationError.errors()`) in Bahasa Indonesia.

    `by_type` adds wordings for further error types (e.g. TOML type errors in scenario files).
    """
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    if kind == "greater_than_equal":
        return f"nilai harus ≥ {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"nilai harus ≤ {ctx.get('le')}"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    return (by_type or {}).get(kind, f"nilai tidak valid ({err.get('msg', '')})")


def _show(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
