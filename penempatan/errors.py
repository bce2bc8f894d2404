"""Input problems reported to the planner: every problem names sheet, Excel row, column and value."""

from __future__ import annotations

import re
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

FILE_SHEET = "-"
"""The `sheet` of a problem with the file itself (not readable, empty, encrypted, ...)."""


class Severity(str, Enum):
    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located as precisely as the input allows.

    `row` is the Excel row number (1-based, header is row 1) or None for a sheet-level problem; `column` is
    the column header as the user wrote it and `column_number` its 1-based position (column A is 1) when the
    reader knows it, so the problem can name its cell (`Pegawai!G8`). For a scenario file, `sheet` is the
    file's name and `row` the line. Messages and hints are Bahasa Indonesia because they are shown to the
    planner.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    column_number: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def cell(self) -> str | None:
        """The Excel cell, 'G8', when both the column's position and the row are known."""
        if self.column_number is None or self.row is None:
            return None
        return f"{column_letter(self.column_number)}{self.row}"

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
              message: str, hint: str = "", *, column_number: int | None = None) -> None:
        self.items.append(Problem(sheet, row, column, _show(value), message, hint, Severity.ERROR, column_number))

    def warning(self, sheet: str, row: int | None, column: str | None, value: object,
                message: str, hint: str = "", *, column_number: int | None = None) -> None:
        self.items.append(Problem(sheet, row, column, _show(value), message, hint, Severity.WARNING,
                                  column_number))

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


class OutputError(Exception):
    """An output file cannot be written; `path` is the path as the user gave it (never a temporary file)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def os_error_text(exc: OSError) -> str:
    """Why an operating-system call on a file failed, in Bahasa Indonesia."""
    import errno

    texts = {
        errno.EACCES: "tidak ada izin menulis di sana",
        errno.EPERM: "tidak ada izin menulis di sana",
        errno.EROFS: "folder itu hanya dapat dibaca (read-only)",
        errno.ENOSPC: "disk penuh",
        errno.EISDIR: "itu sebuah folder, bukan berkas",
        errno.ENOENT: "foldernya tidak ada",
        errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
        errno.ENAMETOOLONG: "nama berkas terlalu panjang",
        errno.EBUSY: "berkas sedang dipakai program lain",
        errno.EDQUOT: "kuota disk habis",
    }
    return texts.get(exc.errno or 0, f"gagal ({exc.strerror or type(exc).__name__})")


def read_small_file(path: Path, name: str, problems: Problems, max_bytes: int, not_regular_hint: str,
                    too_big_hint: str, unreadable_hint: str) -> bytes | None:
    """The bytes of an input file other than the workbook (a CSV, a SIASN dump), or None after reporting under
    `name` why it cannot be read: only a regular file of at most `max_bytes` is read (a pipe or a huge file
    would hang or fill the memory)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.error(name, None, None, str(path), "bukan berkas biasa (mis. folder, pipa atau perangkat)",
                           not_regular_hint)
            return None
        if info.st_size > max_bytes:
            problems.error(name, None, None, f"{info.st_size >> 20} MB",
                           f"berkas terlalu besar (paling besar {max_bytes >> 20} MB)", too_big_hint)
            return None
        return path.read_bytes()
    except FileNotFoundError:
        problems.error(name, None, None, str(path), "berkas tidak ditemukan", "Periksa nama dan folder berkas.")
    except OSError as exc:
        problems.error(name, None, None, str(path), f"berkas tidak dapat dibuka ({exc.strerror or exc})",
                       unreadable_hint)
    return None


def column_letter(number: int) -> str:
    """1 -> 'A', 27 -> 'AA' (Excel's column names)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- grouping: one line per kind of warning -------------------------------------------------------------
_VARYING = re.compile(r"'[^']*'|\"[^\"]*\"|\([^()]*\)|(?<!\S)(?!R\d+\b)[^\s,;:]*\d[^\s,;:]*")


def message_kind(message: str) -> str:
    """The message with what varies from row to row (quoted text, parentheses, numbers, codes) as '…', so
    'jabatan DINKES.0062 diisi 2 orang' and 'jabatan RSUD.0034 diisi 3 orang' are one kind."""
    return _VARYING.sub("…", message)


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one kind in one column of one sheet (same severity, same message up to what varies)."""

    problems: tuple[Problem, ...]

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def __len__(self) -> int:
        return len(self.problems)

    @property
    def message(self) -> str:
        """The message when every row has the same one, else its kind with '…' for what differs."""
        messages = {p.message for p in self.problems}
        return self.first.message if len(messages) == 1 else message_kind(self.first.message)

    def values(self) -> list[tuple[str, int]]:
        """Distinct values, most frequent first (ties in order of appearance), with their counts."""
        counts = Counter(p.value for p in self.problems if p.value not in (None, ""))
        return [(str(v), n) for v, n in counts.most_common()]

    def rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.row is not None})


def group_problems(problems: Iterable[Problem]) -> list[ProblemGroup]:
    """Group problems by (severity, sheet, column, kind of message); the largest groups first, errors
    before warnings, otherwise in order of first appearance."""
    groups: dict[tuple[Any, ...], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.severity, p.sheet, p.column, message_kind(p.message)), []).append(p)
    ordered = sorted(enumerate(groups.values()), key=lambda kv: (not kv[1][0].is_error, -len(kv[1]), kv[0]))
    return [ProblemGroup(tuple(items)) for _, items in ordered]


# --- TOML syntax errors (Python's tomllib speaks English) -------------------------------------------------
_TOML_TEXTS = (
    ("Invalid value", "nilai tidak sah (teks perlu tanda kutip, daftar perlu [ ], tanggal ditulis 2026-12-01)"),
    ("Expected '=' after a key in a key/value pair", "setelah nama kunci harus ada tanda ="),
    ("Invalid statement", "baris ini bukan pasangan kunci = nilai atau judul [tabel]"),
    ("Invalid initial character for a key part", "nama kunci diawali karakter yang tidak sah"),
    ("Unclosed array", "daftar [ ] tidak ditutup"),
    ("Unclosed inline table", "tabel { } tidak ditutup"),
    ("Unterminated string", "tanda kutip tidak ditutup"),
    ("Illegal character", "ada karakter yang tidak sah"),
    ("Expected newline or end of document after a statement",
     "setelah satu pasangan kunci = nilai harus pindah baris"),
    ("Cannot declare", "tabel ini sudah dideklarasikan sebelumnya"),
    ("Cannot overwrite a value", "kunci ini sudah diisi sebelumnya"),
    ("Cannot mutate immutable namespace", "kunci ini sudah diisi sebelumnya"),
    ("Invalid date or datetime", "tanggal tidak sah (tulis 2026-12-01)"),
    ("Expected ']' at the end of a table declaration", "judul tabel harus ditutup dengan ]"),
    ("Expected ']]' at the end of an array declaration", "judul tabel berulang harus ditutup dengan ]]"),
    ("Invalid hex value", "kode karakter heksadesimal tidak sah"),
    ("Unescaped", "karakter ini harus di-escape"),
)


def toml_error_text(message: str) -> tuple[int | None, int | None, str]:
    """(line, column, Bahasa message) of a `tomllib.TOMLDecodeError` message such as
    "Expected '=' after a key in a key/value pair (at line 3, column 5)"."""
    at = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = (int(at[1]), int(at[2])) if at else (None, None)
    if at is None and (end := re.search(r"\(at end of document\)", message)):
        message = message[: end.start()]
    detail = message[: at.start()].strip() if at else message.strip()
    for english, bahasa in _TOML_TEXTS:
        if detail.startswith(english):
            return line, column, bahasa
    return line, column, "susunan TOML tidak sah"


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
