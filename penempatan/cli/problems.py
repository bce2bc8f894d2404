"""Input problems on stderr: every error, then the warnings grouped by kind (SPEC 1).

Piped or with `--polos` each problem (or group) is one unbroken line,
`DATA.xlsx:Pegawai!G8: TMT Jabatan '31-02-2020': <message>. Saran: <hint>`; in a terminal the lists are
tables whose location, column and value cells are never wrapped, when such a table fits.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.table import Table

from penempatan import text
from penempatan.cli.terminal import term
from penempatan.errors import FILE_SHEET, Problem, ProblemGroup, column_letter, group_problems
from penempatan.usecases.problems import is_file_name, locate

MAX_GROUPS_SHOWN = 40
ROWS_SHOWN = 6
VALUES_SHOWN = 3
_MESSAGE_WIDTH = 24  # narrowest message column of a terminal table; narrower terminals get one line per problem
_SHEET_ORDER = {"pegawai": 1, "jabatan": 2, "pengaturan": 3}


def show_problems(problems: Sequence[Problem], source: Path | None, files: dict[str, str] | None = None,
                  semua: bool = False) -> None:
    """Every error, then the warnings grouped by kind (one line per kind; `semua`: one line per warning).

    In a terminal the lists are tables whose location, column and value cells are never wrapped; otherwise
    (or when such a table would not fit) each problem is one line.
    """
    problems = locate(problems, source)
    files = dict(files or {})
    label = str(source) if source is not None else ""
    ordered = sorted(problems, key=_problem_order(problems))
    errors = [p for p in ordered if p.is_error]
    warnings = [p for p in ordered if not p.is_error]
    if errors:
        _problem_list(f"Galat ({text.number(len(errors))})", [ProblemGroup((p,)) for p in errors], label, files)
    if warnings:
        groups = [ProblemGroup((p,)) for p in warnings] if semua else group_problems(warnings)
        hidden = groups[MAX_GROUPS_SHOWN:] if not semua else []
        shown = groups[: len(groups) - len(hidden)]
        how = "" if semua or len(groups) == len(warnings) else ", dikelompokkan per jenis; satu per baris: --semua"
        _problem_list(f"Peringatan ({text.number(len(warnings))}{how})", shown, label, files)
        if hidden:
            n = sum(len(g) for g in hidden)
            term.complain(f"… dan {text.number(len(hidden))} jenis peringatan lain ({text.number(n)} baris); "
                          "tampilkan semua dengan --semua atau simpan dengan --keluaran MASALAH.xlsx.")


def _problem_order(problems: Sequence[Problem]) -> Callable[[Problem], tuple[object, ...]]:
    """Sort key: the file itself, then Pegawai, Jabatan, Pengaturan, other files; by row and column."""
    seen = {name: k for k, name in enumerate(dict.fromkeys(p.sheet for p in problems))}
    return lambda p: (p.sheet != FILE_SHEET, _SHEET_ORDER.get(p.sheet.strip().casefold(), 9), seen[p.sheet],
                      p.row or 0, p.column_number or 0)


def _problem_list(title: str, groups: list[ProblemGroup], source: str, files: dict[str, str]) -> None:
    if not term.plain and _problem_table(title, groups, source, files):
        return
    term.complain(f"{title}:")
    for g in groups:
        term.err.print(text.visible(_problem_line(g, source, files)), markup=False, highlight=False, soft_wrap=True)


def _problem_line(g: ProblemGroup, source: str, files: dict[str, str]) -> str:
    """`DATA.xlsx:Pegawai!G8: TMT Jabatan '31-02-2020': <message>. Saran: <hint>` for one problem;
    `DATA.xlsx:Pegawai!H: 412 baris: Jurusan: <message>; nilai 'A' ×300, 'B' ×100 … (baris 14, 20, …).` for a
    group."""
    p = g.first
    hint = f" Saran: {_sentence(p.hint)}" if p.hint else ""
    if len(g) == 1:
        return f"{_place(p, source, files)}: {_sentence(_subject_message(p, source, files))}{hint}"
    values = g.values()
    subject = p.column or ""
    value_text = ""
    if len(values) == 1:
        subject = f"{subject} {_quote(values[0][0])}".strip()
    elif values:
        listed = ", ".join(f"{_quote(v)} ×{text.number(n)}" if n > 1 else _quote(v) for v, n in values[:VALUES_SHOWN])
        more = f" dan {text.number(len(values) - VALUES_SHOWN)} nilai lain" if len(values) > VALUES_SHOWN else ""
        value_text = f"; nilai {listed}{more}"
    body = f"{subject}: {g.message}" if subject else g.message
    return (f"{_group_place(g, source, files)}: {text.number(len(g))} baris: "
            f"{_sentence(body + value_text + _rows_text(g))}{hint}")


def _group_place(g: ProblemGroup, source: str, files: dict[str, str]) -> str:
    """Where a group of problems is: its column (`DATA.xlsx:Pegawai!H`), else its sheet or file."""
    p = g.first
    where = _place(dataclasses.replace(p, row=None), source, files)
    if p.column_number is not None and "!" not in where and p.sheet not in files and p.sheet != FILE_SHEET \
            and not is_file_name(p.sheet):
        where += f"!{column_letter(p.column_number)}"
    return where


def _place(p: Problem, source: str, files: dict[str, str]) -> str:
    """Where a problem is: `DATA.xlsx:Pegawai!G8`, `DATA.xlsx:Pegawai!baris 8`, `DATA.xlsx`, `S.toml:3`."""
    if p.sheet in files or is_file_name(p.sheet):
        name = files.get(p.sheet, p.sheet)
        return f"{name}:{p.row}" if p.row is not None else name
    if p.sheet == FILE_SHEET:
        return source or "-"
    sheet = p.sheet if re.fullmatch(r"\w+", p.sheet) else "'" + p.sheet.replace("'", "''") + "'"
    prefix = f"{source}:{sheet}" if source else sheet
    cell = p.cell()
    if cell is not None:
        return f"{prefix}!{cell}"
    return f"{prefix}!baris {p.row}" if p.row is not None else prefix


def _subject_message(p: Problem, source: str, files: dict[str, str]) -> str:
    """`TMT Jabatan '31-02-2020': tanggal tidak ada di kalender` (column and value, then the message)."""
    value = p.value
    if value in ("", source, Path(source).name if source else None, files.get(p.sheet)):
        value = None
    subject = " ".join(s for s in (p.column, _quote(value) if value is not None else None) if s)
    return f"{subject}: {p.message}" if subject else p.message


def _quote(value: str) -> str:
    """A value in quotes, on one line whatever it holds."""
    return "'" + value.replace("\r\n", "\n").replace("\n", "⏎").replace("\t", " ") + "'"


def _sentence(message: str) -> str:
    message = message.strip()
    return message if not message or message[-1] in ".!?…" else message + "."


def _problem_table(title: str, groups: list[ProblemGroup], source: str, files: dict[str, str]) -> bool:
    """The problems as a table for a terminal, when it fits without breaking a location, column or value;
    False when it does not (the caller then prints one line per problem)."""
    from rich.text import Text

    grouped = any(len(g) > 1 for g in groups)
    rows: list[list[str]] = []
    for g in groups:
        p = g.first
        where = _group_place(g, source, files) if len(g) > 1 else _place(p, source, files)
        where = where.removeprefix(f"{source}:") if source else where
        values = [f"{_quote(v)} ×{text.number(n)}" if n > 1 else _quote(v) for v, n in g.values()[:VALUES_SHOWN]]
        if len(g.values()) > VALUES_SHOWN:
            values.append(f"dan {text.number(len(g.values()) - VALUES_SHOWN)} lain")
        message = p.message if len(g) == 1 else g.message
        hint = f" Saran: {_sentence(p.hint)}" if p.hint else ""
        row = [where, p.column or "", "\n".join(values), _sentence(message + _rows_text(g)) + hint]
        rows.append([text.number(len(g)), *row] if grouped else row)
    fixed = len(rows[0]) - 1 if rows else 0
    widths = [max(len(line) for r in rows for line in r[k].split("\n")) for k in range(fixed)]
    if sum(widths) + _MESSAGE_WIDTH + 3 * (fixed + 1) + 1 > term.err.width:
        return False
    table = Table(title=f"{title} — {source}" if source else title, title_justify="left", show_lines=True)
    if grouped:
        table.add_column("Jumlah", justify="right", no_wrap=True)
    for name in ("Lokasi", "Kolom", "Nilai"):
        table.add_column(name, no_wrap=True)
    table.add_column("Pesan dan saran", ratio=1, min_width=_MESSAGE_WIDTH)
    for row in rows:
        table.add_row(*(Text(text.visible(cell)) for cell in row))
    term.err.print(table)
    return True


def _rows_text(g: ProblemGroup) -> str:
    """' (baris 14, 20, 31, …)' for a group of more than one problem."""
    rows = g.rows()
    if len(g) == 1 or not rows:
        return ""
    return " (baris " + ", ".join(str(r) for r in rows[:ROWS_SHOWN]) + (", …" if len(rows) > ROWS_SHOWN else "") + ")"
