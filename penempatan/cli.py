"""The `penempatan` command: a thin typer layer, the only module that prints (SPEC 1).

Everything the command line says is Bahasa Indonesia, including the option errors and help screens of the
underlying click parser (`_Group`, `_Command`). Results go to stdout, problems to stderr. When either is not a
terminal (or with `--polos`) nothing is wrapped or drawn as a table cell: each input problem is one line,
`DATA.xlsx:Pegawai!G8: TMT Jabatan '31-02-2020': … Saran: …`. Every output path is checked before any long
work, an existing file is never replaced without `--timpa`, and the outputs of one run are renamed into
place together (`atomic.output_batch`).
"""

from __future__ import annotations

import csv
import dataclasses
import inspect
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperCommand, TyperGroup

from penempatan import text
from penempatan.atomic import atomic_text, output_batch
from penempatan.errors import (
    FILE_SHEET,
    InputError,
    OutputError,
    Problem,
    ProblemGroup,
    column_letter,
    group_problems,
    os_error_text,
    toml_error_text,
)

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
PROG = "penempatan"


class _Run:
    """Settings of the current invocation (the global options), reset by `main` for every run."""

    verbose = False
    plain = False


console = Console()
err = Console(stderr=True)


def _configure_output(polos: bool) -> None:
    """Plain output (no wrapping, no colour) when asked or when stdout or stderr is not a terminal."""
    global console, err
    _Run.plain = polos or not (_isatty(sys.stdout) and _isatty(sys.stderr))
    if _Run.plain:
        console = Console(width=100_000, soft_wrap=True, color_system=None, highlight=False)
        err = Console(stderr=True, width=100_000, soft_wrap=True, color_system=None, highlight=False)
    else:
        console, err = Console(), Console(stderr=True)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# --- the command line in Bahasa Indonesia ------------------------------------------------------------------
GLOBAL_FLAGS = ("-v", "--verbose", "--polos")
"""Options of the program that may also be written after the command (`solve data.xlsx --verbose`)."""


def _exception_class(name: str) -> type[BaseException]:
    """click's exception classes, wherever this typer version keeps click (vendored or not)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise LookupError(name)  # pragma: no cover - every typer has ClickException above BadParameter


_ClickException = _exception_class("ClickException")


class _Group(TyperGroup):
    """The program: global flags anywhere on the line, help and errors in Bahasa Indonesia."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _global_flags_first(args))

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        _safe_streams()
        given = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(args=given, prog_name=PROG, complete_var=complete_var,
                                standalone_mode=False, windows_expand_args=windows_expand_args, **extra)
        except _ClickException as exc:
            code = _show_usage_error(exc, given, self)
        except typer.Abort:
            _stderr("Dibatalkan.")
            code = EXIT_FAIL
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(f"Pemakaian: {ctx.command_path} [OPSI] PERINTAH [ARGUMEN]...\n")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.format_usage(ctx, formatter)
        _help_text(self, formatter)
        _options_help(self, ctx, formatter)
        rows = [(name, cmd.get_short_help_str(limit=300)) for name, cmd in self.commands.items() if not cmd.hidden]
        _section(formatter, "Perintah", rows)
        formatter.write(f"\nBantuan tiap perintah: {ctx.command_path} PERINTAH -h\n")


class _Command(TyperCommand):
    """One command: its usage line and help in Bahasa Indonesia."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        names = [_argument_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]
        formatter.write(f"Pemakaian: {' '.join([ctx.command_path, *names])} [OPSI]\n")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.format_usage(ctx, formatter)
        _help_text(self, formatter)
        arguments = [(_argument_name(p), _param_help(p)) for p in self.get_params(ctx)
                     if p.param_type_name == "argument"]
        if arguments:
            _section(formatter, "Argumen", arguments)
        _options_help(self, ctx, formatter)


def _help_text(command: Any, formatter: Any) -> None:
    if command.help:
        formatter.write("\n" + _wrap(inspect.cleandoc(command.help).partition("\f")[0], _help_width(formatter),
                                     "  ") + "\n")


def _help_width(formatter: Any) -> int:
    return max(60, int(getattr(formatter, "width", 80) or 80))


def _wrap(paragraph: str, width: int, indent: str) -> str:
    """Wrap at spaces only: a file name, an option or a path is never broken (not even at a hyphen)."""
    import textwrap

    return "\n".join(textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent,
                                   break_on_hyphens=False, break_long_words=False))


def _section(formatter: Any, title: str, rows: Sequence[tuple[str, str]]) -> None:
    """A help section: a heading and two columns, the second wrapped at spaces only."""
    width = _help_width(formatter)
    first = min(max((len(a) for a, _ in rows), default=0), 30) + 4
    lines = [f"\n{title}:"]
    for name, help_text in rows:
        body = _wrap(help_text, max(width, first + 30), " " * first).lstrip() if help_text else ""
        if len(name) + 4 > first:
            lines.append(f"  {name}")
            lines.append(" " * first + body if body else "")
        else:
            lines.append(f"  {name.ljust(first - 2)}{body}".rstrip())
    formatter.write("\n".join(line for line in lines if line is not None) + "\n")


def _options_help(command: Any, ctx: Any, formatter: Any) -> None:
    rows = []
    for p in command.get_params(ctx):
        if p.param_type_name != "option" or getattr(p, "hidden", False):
            continue
        names = ", ".join(sorted(p.opts, key=lambda o: (o.startswith("--"), o)))
        metavar = "" if getattr(p, "is_flag", False) else f" {p.metavar or 'NILAI'}"
        rows.append((names + metavar, _param_help(p)))
    _section(formatter, "Opsi", rows)


def _argument_name(param: Any) -> str:
    return str(param.metavar or param.name.upper())


_HELP_OPTION = "Tampilkan bantuan ini lalu keluar."


def _param_help(param: Any) -> str:
    """The help of an option or argument with its limits, its default and whether it is required."""
    help_text = getattr(param, "help", None) or ""
    if help_text == "Show this message and exit.":
        return _HELP_OPTION
    extra = []
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        extra.append(f"{text.decimal(low)}–{text.decimal(high)}")
    elif low is not None:
        extra.append(f"≥ {text.decimal(low)}")
    default = param.default
    if (not param.required and not getattr(param, "is_flag", False) and default not in (None, "", (), [])
            and not callable(default) and "bawaan:" not in help_text):
        extra.append(f"bawaan: {text.decimal(default) if isinstance(default, int | float) else default}")
    if param.required:
        extra.append("wajib")
    return help_text + (f" [{'; '.join(extra)}]" if extra else "")


def _global_flags_first(args: list[str]) -> list[str]:
    """`penempatan solve data.xlsx -v` means `penempatan -v solve data.xlsx` (not after `--`)."""
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
    return flags + rest + args[end:]


def _safe_streams() -> None:
    """A character the console's code page cannot show (Windows) becomes '?' rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _show_usage_error(exc: Any, args: list[str], group: Any) -> int:
    """A click usage error in Bahasa Indonesia: what is wrong, the usage line and where help is."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    ctx = getattr(exc, "ctx", None) or _context_for(group, args)
    if "NoArgsIsHelpError" in names:
        print(ctx.get_help())
        return EXIT_OK
    _stderr(f"Galat: {_usage_message(exc, names, args)}")
    _stderr(ctx.get_usage())
    _stderr(f"Bantuan: {ctx.command_path} -h")
    return int(getattr(exc, "exit_code", EXIT_INPUT))


def _context_for(group: Any, args: list[str]) -> Any:
    """The context of the command named in `args` (or of the program), for its usage line: some parser
    errors carry none."""
    parent = group.context_class(group, info_name=PROG)
    name = next((a for a in args if a in group.commands), None)
    if name is None:
        return parent
    command = group.commands[name]
    return command.context_class(command, info_name=name, parent=parent)


def _usage_message(exc: Any, names: set[str], args: list[str]) -> str:
    message = str(getattr(exc, "message", "") or "")
    param = getattr(exc, "param", None)
    label = _param_label(param) if param is not None else None
    if "MissingParameter" in names:
        if param is not None and param.param_type_name == "argument":
            return f"argumen {_argument_name(param)} belum diisi."
        return f"{label or 'opsi wajib'} belum diisi."
    if "NoSuchOption" in names:
        option = getattr(exc, "option_name", "") or message.rpartition(": ")[2]
        close = sorted(getattr(exc, "possibilities", None) or [])
        more = f" Mungkin maksud Anda: {', '.join(close)}." if close else ""
        return f"opsi {option} tidak dikenal.{more}"
    if "BadParameter" in names:
        given = _given_value(args, getattr(param, "opts", []))
        value = f" '{given}'" if given is not None else ""
        return f"nilai{value} untuk {label or 'opsi'} tidak sah: {_value_problem(message)}."
    patterns = (
        (r"Option '(.+)' requires an argument", "opsi {0} memerlukan nilai."),
        (r"Option '(.+)' requires (\d+) arguments", "opsi {0} memerlukan {1} nilai."),
        (r"Option '(.+)' does not take a value", "opsi {0} tidak menerima nilai."),
        (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "argumen berlebih: {0}."),
        (r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?", "perintah '{0}' tidak dikenal.{1}"),
        (r"Missing command", "perintah belum disebut."),
    )
    for pattern, bahasa in patterns:
        m = re.match(pattern, message)
        if m:
            groups = list(m.groups())
            if pattern.startswith("No such command"):
                groups[1] = f" Mungkin maksud Anda {groups[1]}?" if groups[1] else ""
            return bahasa.format(*groups)
    return f"perintah tidak dapat dibaca ({message})."


def _param_label(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"argumen {_argument_name(param)}"
    return "opsi " + "/".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))


def _given_value(args: list[str], opts: Sequence[str]) -> str | None:
    """What the user typed for an option (`--batas-waktu 0` or `--batas-waktu=0`)."""
    for k, a in enumerate(args):
        for opt in opts:
            if a == opt and k + 1 < len(args):
                return args[k + 1]
            if a.startswith(opt + "=") and opt.startswith("--"):
                return a[len(opt) + 1:]
    return None


def _value_problem(message: str) -> str:
    """Why a value was refused (pydantic or click wording) in Bahasa Indonesia."""
    patterns = (
        (r"Input should be greater than or equal to (\S+)", "harus ≥ {0}"),
        (r"Input should be less than or equal to (\S+)", "harus ≤ {0}"),
        (r"Input should be greater than (\S+)", "harus > {0}"),
        (r"Input should be less than (\S+)", "harus < {0}"),
        (r"Input should be a valid integer", "harus bilangan bulat"),
        (r"Input should be a valid (?:number|float)", "harus angka (desimal ditulis dengan titik, mis. 2.5)"),
        (r"Input should be a valid boolean", "harus ya atau tidak"),
        (r".* is not a valid (?:float|integer)", "harus angka"),
        (r".* is not in the range (.+?)\.?$", "harus dalam rentang {0}"),
        (r".* is not one of (.+?)\.?$", "harus salah satu dari {0}"),
    )
    for pattern, bahasa in patterns:
        m = re.match(pattern, message)
        if m:
            return bahasa.format(*(g.rstrip(".") for g in m.groups()))
    return f"nilai tidak dikenal ({message.rstrip('.')})"


app = typer.Typer(
    cls=_Group,
    help="Optimasi penempatan ASN: usulan mutasi, rotasi dan promosi yang patuh aturan dan dapat dijelaskan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _versions() -> dict[str, str]:
    out = {}
    for name in ("penempatan", "ortools"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "tidak diketahui"
    return out


def _show_version(value: bool) -> None:
    if value:
        v = _versions()
        print(f"penempatan {v['penempatan']} (OR-Tools {v['ortools']}, Python {sys.version.split()[0]})")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Tampilkan rincian galat internal "
                                          "(juga boleh ditulis sesudah perintah).")] = False,
    polos: Annotated[bool, typer.Option("--polos", help="Teks polos tanpa tabel dan warna: satu masalah per "
                                        "baris (otomatis bila keluaran dialihkan ke berkas atau pipa).")] = False,
    _version: Annotated[bool, typer.Option("--version", help="Tampilkan versi penempatan dan OR-Tools lalu keluar.",
                                           is_eager=True, callback=_show_version)] = False,
) -> None:
    """Optimasi penempatan ASN."""
    _Run.verbose = verbose
    _configure_output(polos)


_Timpa = Annotated[bool, typer.Option("--timpa", help="Ganti berkas keluaran yang sudah ada (tanpa opsi ini "
                                      "berkas yang ada tidak pernah ditimpa).")]


# --- failures ----------------------------------------------------------------------------------------------
@contextmanager
def _guard(source: Path | None = None, files: dict[str, str] | None = None) -> Iterator[None]:
    """Turn every failure into a message and an exit code, never a bare traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        _show_problems(exc.problems, source, files)
        errors = sum(p.is_error for p in exc.problems)
        in_workbook = any(p.sheet not in (files or {}) and not _is_file_name(p.sheet) for p in exc.problems)
        more = f" (daftar lengkap: `penempatan check {source}`)" if source is not None and in_workbook else ""
        err.print(f"{text.number(errors)} galat pada masukan. Perbaiki lalu jalankan lagi{more}.",
                  markup=False, highlight=False)
        raise typer.Exit(EXIT_INPUT) from None
    except OutputError as exc:
        err.print(f"Galat: tidak dapat menulis {exc.path}: {exc.reason}.", markup=False, highlight=False)
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        err.print("Dibatalkan (Ctrl-C). Berkas keluaran yang sudah ada tidak diubah.", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # an internal failure: say so plainly, details only when asked
        err.print(f"Galat internal: {type(exc).__name__}: {exc}", markup=False, highlight=False)
        if _Run.verbose:
            err.print(traceback.format_exc(), markup=False, highlight=False)
        else:
            err.print("Jalankan lagi dengan --verbose untuk rincian, dan laporkan ke pengelola aplikasi.")
        raise typer.Exit(EXIT_FAIL) from None


def _refuse(message: str) -> typer.Exit:
    err.print(f"Galat: {message}", markup=False, highlight=False)
    return typer.Exit(EXIT_INPUT)


def _bad_argument(message: str) -> typer.Exit:
    err.print(f"Argumen salah: {message}", markup=False, highlight=False)
    return typer.Exit(EXIT_INPUT)


def _require_input(path: Path) -> None:
    if not path.exists():
        raise _bad_argument(f"berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise _bad_argument(f"{path} adalah folder, bukan berkas.")


# --- output paths ------------------------------------------------------------------------------------------
class _Outputs:
    """The output paths of one command, each checked before any long work (SPEC 1).

    A path the user named that exists is refused without --timpa; a default path that exists becomes the
    next free name (`contoh-rekomendasi-2.xlsx`). No output may be an input or another output, a folder, in a
    folder that is missing or not writable, or (when it is to be replaced) open in Excel.
    """

    def __init__(self, timpa: bool, *inputs: Path | None) -> None:
        self.timpa = timpa
        self.inputs = [p for p in inputs if p is not None]
        self.claimed: dict[Path, Path] = {}
        self.notes: dict[Path, str] = {}

    def claim(self, given: Path | None, default: Path | None = None) -> Path | None:
        """The path to write: `given` (the user's) or `default`; None when neither. Exit 2 when it cannot be."""
        if given is None and default is None:
            return None
        path = given if given is not None else default
        assert path is not None
        for source in self.inputs:
            if _same_file(path, source):
                raise _refuse(f"berkas keluaran {path} sama dengan berkas masukan {source}; masukan tidak pernah "
                              "ditimpa. Pilih nama lain.")
        if path.is_dir():
            raise _refuse(f"{path} adalah folder. Tulis nama berkasnya, mis. {path / _example_name(default)}.")
        if path.exists() or path.is_symlink():
            if given is None and not self.timpa:
                path = self._next_free(path)
            elif not self.timpa:
                raise _refuse(f"{path} sudah ada dan tidak ditimpa. Pilih nama lain, atau tambahkan --timpa "
                              "untuk menggantinya.")
            else:
                lock = _excel_lock(path)
                if lock is not None:
                    raise _refuse(f"{path} sedang dibuka di Excel (ada berkas kunci {lock.name}). Tutup berkas "
                                  "itu di Excel, lalu jalankan lagi.")
        key = path.resolve()
        if key in self.claimed:
            raise _refuse(f"{path} dipakai untuk dua keluaran sekaligus. Beri nama yang berbeda.")
        _check_folder(path)
        self.claimed[key] = path
        return path

    def _next_free(self, path: Path) -> Path:
        for k in range(2, 10_000):
            candidate = path.with_name(f"{path.stem}-{k}{path.suffix}")
            if not (candidate.exists() or candidate.is_symlink() or candidate.resolve() in self.claimed):
                self.notes[candidate] = f"{path.name} sudah ada dan tidak ditimpa; --timpa menimpanya"
                return candidate
        raise _refuse(f"terlalu banyak berkas bernama {path.stem}-N{path.suffix}; pilih nama dengan -o.")

    def written(self, path: Path, what: str, extra: str = "") -> None:
        """'<what> ditulis ke <path>.' on stdout, saying when a default name was taken."""
        note = f" ({self.notes[path]})" if path in self.notes else ""
        console.print(f"{what} ditulis ke {path}{note}.{extra}", markup=False, highlight=False)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _example_name(default: Path | None) -> str:
    return default.name if default is not None else "hasil.xlsx"


def _excel_lock(path: Path) -> Path | None:
    """The lock file Excel (`~$name.xlsx`) or Word/LibreOffice (`~$me.xlsx`, `.~lock.name#`) keeps beside an
    open file."""
    for name in (f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"):
        lock = path.with_name(name)
        if len(name) > 2 and lock.exists():
            return lock
    return None


def _check_folder(path: Path) -> None:
    """The folder of `path` exists and a file can be created in it (tried, not guessed: permissions, a
    read-only disk or a network share all show up here, in milliseconds)."""
    folder = path.parent
    if not folder.exists():
        raise _refuse(f"tidak dapat menulis {path}: folder {folder} tidak ada.")
    if not folder.is_dir():
        raise _refuse(f"tidak dapat menulis {path}: {folder} bukan folder.")
    try:
        fd, probe = tempfile.mkstemp(prefix=".penempatan-uji-", dir=folder)
    except OSError as exc:
        import errno

        why = f"berkas tidak dapat dibuat di folder {folder}" if exc.errno == errno.ENOENT else os_error_text(exc)
        raise _refuse(f"tidak dapat menulis {path}: {why}.") from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)


# --- input problems ----------------------------------------------------------------------------------------
MAX_GROUPS_SHOWN = 40
ROWS_SHOWN = 6
VALUES_SHOWN = 3
_MESSAGE_WIDTH = 24  # narrowest message column of a terminal table; narrower terminals get one line per problem
_FILE_SUFFIXES = (".toml", ".xlsx", ".xlsm", ".xls", ".csv", ".json")


def _locate(problems: Sequence[Problem], source: Path | None) -> list[Problem]:
    """Problems with their column's position filled in from the workbook's header row where the reader did
    not give it, and TOML syntax errors in Bahasa Indonesia."""
    positions: dict[str, dict[str, int]] | None = None
    out = []
    for p in problems:
        if p.message.startswith("format TOML tidak sah: "):
            line, column, why = toml_error_text(p.message.removeprefix("format TOML tidak sah: "))
            where = f" (kolom {column})" if column else ""
            p = dataclasses.replace(p, row=p.row or line, message=f"susunan TOML salah: {why}{where}")
        if (p.column_number is None and p.column and source is not None and p.sheet != FILE_SHEET
                and not _is_file_name(p.sheet)):
            if positions is None:
                from penempatan.excel.common import header_positions

                positions = header_positions(source)
            number = positions.get(p.sheet, {}).get(p.column.strip())
            if number is not None:
                p = dataclasses.replace(p, column_number=number)
        out.append(p)
    return out


def _is_file_name(sheet: str) -> bool:
    return sheet.lower().endswith(_FILE_SUFFIXES)


def _show_problems(problems: Sequence[Problem], source: Path | None, files: dict[str, str] | None = None,
                   semua: bool = False) -> None:
    """Every error, then the warnings grouped by kind (one line per kind; `semua`: one line per warning).

    In a terminal the lists are tables whose location, column and value cells are never wrapped; otherwise
    (or when such a table would not fit) each problem is one line.
    """
    problems = _locate(problems, source)
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
            err.print(f"… dan {text.number(len(hidden))} jenis peringatan lain ({text.number(n)} baris); "
                      "tampilkan semua dengan --semua atau simpan dengan --keluaran MASALAH.xlsx.",
                      markup=False, highlight=False)


_SHEET_ORDER = {"pegawai": 1, "jabatan": 2, "pengaturan": 3}


def _problem_order(problems: Sequence[Problem]) -> Any:
    """Sort key: the file itself, then Pegawai, Jabatan, Pengaturan, other files; by row and column."""
    seen = {name: k for k, name in enumerate(dict.fromkeys(p.sheet for p in problems))}
    return lambda p: (p.sheet != FILE_SHEET, _SHEET_ORDER.get(p.sheet.strip().casefold(), 9), seen[p.sheet],
                      p.row or 0, p.column_number or 0)


def _problem_list(title: str, groups: list[ProblemGroup], source: str, files: dict[str, str]) -> None:
    if not _Run.plain and _problem_table(title, groups, source, files):
        return
    err.print(f"{title}:", markup=False, highlight=False)
    for g in groups:
        err.print(_problem_line(g, source, files), markup=False, highlight=False, soft_wrap=True)


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
            and not _is_file_name(p.sheet):
        where += f"!{column_letter(p.column_number)}"
    return where


def _place(p: Problem, source: str, files: dict[str, str]) -> str:
    """Where a problem is: `DATA.xlsx:Pegawai!G8`, `DATA.xlsx:Pegawai!baris 8`, `DATA.xlsx`, `S.toml:3`."""
    if p.sheet in files or _is_file_name(p.sheet):
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
    if sum(widths) + _MESSAGE_WIDTH + 3 * (fixed + 1) + 1 > err.width:
        return False
    table = Table(title=f"{title} — {source}" if source else title, title_justify="left", show_lines=True)
    if grouped:
        table.add_column("Jumlah", justify="right", no_wrap=True)
    for name in ("Lokasi", "Kolom", "Nilai"):
        table.add_column(name, no_wrap=True)
    table.add_column("Pesan dan saran", ratio=1, min_width=_MESSAGE_WIDTH)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    err.print(table)
    return True


def _rows_text(g: ProblemGroup) -> str:
    """' (baris 14, 20, 31, …)' for a group of more than one problem."""
    rows = g.rows()
    if len(g) == 1 or not rows:
        return ""
    return " (baris " + ", ".join(str(r) for r in rows[:ROWS_SHOWN]) + (", …" if len(rows) > ROWS_SHOWN else "") + ")"


# --- commands ----------------------------------------------------------------------------------------------
@app.command(cls=_Command)
def template(
    file: Annotated[Path, typer.Argument(metavar="BERKAS.xlsx", help="Workbook masukan kosong yang akan dibuat.")],
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="CONTOH.toml",
                                                  help="Tulis juga contoh berkas skenario (.toml) dengan "
                                                  "penjelasan setiap kunci.")] = None,
    timpa: _Timpa = False,
) -> None:
    """Tulis workbook masukan kosong lengkap dengan petunjuk dan pilihan (drop-down)."""
    outputs = _Outputs(timpa)
    out = outputs.claim(file)
    example = outputs.claim(skenario)
    assert out is not None
    with _guard():
        from penempatan.excel.write_input import write_input_workbook

        with output_batch():
            write_input_workbook(out)
            if example is not None:
                from penempatan.scenario import write_example

                write_example(example)
        outputs.written(out, "Templat")
        if example is not None:
            outputs.written(example, "Contoh skenario")


@app.command(cls=_Command)
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="BERKAS.xlsx", help="Workbook keluaran.")],
    pegawai: Annotated[int, typer.Option("--pegawai", metavar="N", min=50, max=100_000,
                                         help="Jumlah pegawai.")] = 600,
    seed: Annotated[int, typer.Option("--seed", metavar="S", help="Benih acak (hasil sama untuk benih sama).")] = 1,
    timpa: _Timpa = False,
) -> None:
    """Tulis data contoh FIKTIF "Pemerintah Daerah Alak" dalam format masukan."""
    outputs = _Outputs(timpa)
    out = outputs.claim(output)
    assert out is not None
    with _guard():
        from penempatan.demo import generate_demo
        from penempatan.excel.write_input import write_input_workbook

        with console.status("Membuat data contoh fiktif…"):
            data = generate_demo(n_pegawai=pegawai, seed=seed)
            write_input_workbook(out, data)
        outputs.written(out, f"Data fiktif {text.number(len(data.employees))} pegawai, "
                             f"{text.number(len(data.positions))} jabatan")


@app.command(cls=_Command)
def check(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx", help="Workbook masukan.")],
    semua: Annotated[bool, typer.Option("--semua", help="Satu baris per peringatan (tanpa ini peringatan "
                                        "sejenis dikelompokkan).")] = False,
    keluaran: Annotated[Path | None, typer.Option("-k", "--keluaran", metavar="MASALAH.xlsx",
                                                  help="Tulis setiap galat dan peringatan ke workbook (dengan "
                                                  "filter) untuk yang memperbaiki data.")] = None,
    timpa: _Timpa = False,
) -> None:
    """Periksa workbook masukan: setiap galat dan peringatan dengan sheet, sel, kolom, nilai dan saran."""
    _require_input(data)
    outputs = _Outputs(timpa, data)
    out = outputs.claim(keluaran)
    with _guard(data):
        from penempatan.excel.read import read_workbook

        try:
            result = read_workbook(data)
            problems, failed = list(result.warnings), False
        except InputError as exc:
            problems, failed = list(exc.problems), True
        problems = _locate(problems, data)
        if out is not None:
            from penempatan.excel.write_problems import write_problems

            write_problems(out, problems, str(data))
        _show_problems(problems, data, semua=semua)
        n_err = sum(p.is_error for p in problems)
        n_warn = len(problems) - n_err
        if failed:
            console.print(f"Masukan {data} tidak valid: {text.number(n_err)} galat, {text.number(n_warn)} "
                          "peringatan. Perbaiki galatnya lalu periksa lagi.", markup=False, highlight=False)
        else:
            d = result.data
            console.print(f"Masukan valid: {text.number(len(d.employees))} pegawai, "
                          f"{text.number(len(d.positions))} jabatan, {text.number(len(d.units))} unit kerja; "
                          f"{text.number(n_warn)} peringatan, 0 galat.", markup=False, highlight=False)
        if out is not None:
            outputs.written(out, f"Daftar {text.number(len(problems))} masalah")
        if failed:
            raise typer.Exit(EXIT_INPUT)


def _mention_warnings(read: Any, data: Path) -> None:
    """One line after a command that read the workbook: how many warnings `check` would list."""
    if read.warnings:
        err.print(f"{text.number(len(read.warnings))} peringatan pada masukan (lihat `penempatan check {data}`).",
                  markup=False, highlight=False)


def _default_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-rekomendasi.xlsx")


def _prepare(data: Path, skenario: Path | None, acuan: Path | None, status: Any,
             outputs: _Outputs | None = None) -> tuple[Any, Any, Any, list[tuple[str, str]]]:
    """Read the workbook and apply the scenario and reference plan, as `solve` and `explain` both do.

    Returns (read result, problem, reference assignment or None, override rows for the workbook).
    """
    from penempatan.excel.read import read_workbook
    from penempatan.scenario import apply_scenario, load_reference_plan, load_scenario, scenario_rows

    read = read_workbook(data)
    problem = read.data
    overrides: list[tuple[str, str]] = []
    if skenario is not None:
        status.update("Memeriksa skenario…")
        scenario = load_scenario(skenario, problem)
        overrides = scenario_rows(problem, scenario)
        problem = apply_scenario(problem, scenario)
        if acuan is None and scenario.acuan is not None:
            acuan = scenario.acuan
            for out in (outputs.claimed.values() if outputs is not None else ()):
                if _same_file(out, acuan):
                    raise _refuse(f"berkas keluaran {out} sama dengan rencana acuan {acuan} dari skenario; "
                                  "pilih nama lain.")
    reference = None
    if acuan is not None:
        reference, skipped = load_reference_plan(acuan, problem)
        overrides.append(("acuan", acuan.name + (f" ({skipped} baris tidak cocok dengan data, diabaikan)"
                                                 if skipped else "")))
    return read, problem, reference, overrides


def _solve(problem: Any, reference: Any, batas_waktu: float, status: Any) -> tuple[Any, Any]:
    """Score and solve with a progress line; a plan that cannot exist ends the command with exit 1."""
    from penempatan.scoring import Tables
    from penempatan.solver import solve as run_solve

    status.update("Menghitung skor kecocokan…")
    tables = Tables(problem)
    result = run_solve(problem, batas_waktu, tables=tables, reference=reference,
                       progress=lambda msg: status.update(f"Mencari rencana optimal: {msg}…"))
    if not result.feasible:
        status.stop()
        err.print(f"Tidak ada rencana yang layak. {result.message} (aturan terkait: "
                  f"{', '.join(result.rules_involved)})", markup=False, highlight=False)
        raise typer.Exit(EXIT_FAIL)
    return tables, result


def _files(*paths: Path | None) -> dict[str, str]:
    """Problems of a scenario or plan file name the file by its name; shown as the path the user gave."""
    return {p.name: str(p) for p in paths if p is not None}


_LAPORAN = "Tulis juga laporan HTML mandiri (grafik, daftar; berisi data pribadi)."
_BATAS_WAKTU = "Batas waktu solver (detik)."


@app.command(cls=_Command)
def solve(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx", help="Workbook masukan.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="HASIL.xlsx",
                                                help="Workbook rekomendasi. [bawaan: DATA-rekomendasi.xlsx "
                                                "di folder DATA]")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", metavar="DETIK", min=1.0, help=_BATAS_WAKTU)] = 60.0,
    kandidat: Annotated[Path | None, typer.Option("--kandidat", metavar="K.csv",
                                                  help="Tulis semua pasangan kandidat (CSV).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", metavar="P.json",
                                                  help="Tulis rencana sebagai JSON.")] = None,
    laporan: Annotated[Path | None, typer.Option("--laporan", metavar="L.html", help=_LAPORAN)] = None,
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="S.toml",
                                                  help="Berkas skenario (.toml): parameter, kunci, larangan, "
                                                  "unit dibekukan, kebutuhan.")] = None,
    acuan: Annotated[Path | None, typer.Option("--acuan", metavar="LAMA.xlsx",
                                               help="Workbook rekomendasi sebelumnya: sedapat mungkin "
                                               "pertahankan penempatannya (perubahan minimal).")] = None,
    kurva: Annotated[bool, typer.Option("--kurva", help="Tambahkan kurva manfaat: rencana optimal untuk "
                                        "serangkaian batas jumlah mutasi (R14), sheet Kurva Manfaat dan grafik "
                                        "di laporan.")] = False,
    timpa: _Timpa = False,
) -> None:
    """Susun usulan mutasi yang optimal dan tulis workbook rekomendasi."""
    _require_input(data)
    for given in (skenario, acuan):
        if given is not None:
            _require_input(given)
    outputs = _Outputs(timpa, data, skenario, acuan)
    out = outputs.claim(output, _default_output(data))
    kandidat, json_out, laporan = (outputs.claim(p) for p in (kandidat, json_out, laporan))
    assert out is not None
    with _guard(data, _files(skenario, acuan)):
        from penempatan.excel.write_plan import write_plan
        from penempatan.solver import SEED

        with console.status("Membaca dan memeriksa masukan…") as status:
            read, problem, reference, overrides = _prepare(data, skenario, acuan, status, outputs)
            tables, result = _solve(problem, reference, batas_waktu, status)
            curve = None
            if kurva and result.feasible:
                from penempatan.curve import benefit_curve

                status.update("Kurva manfaat: menyelesaikan untuk tiap batas jumlah mutasi…")
                curve = benefit_curve(problem, tables=tables, result=result,
                                      progress=lambda msg: status.update(f"Kurva manfaat: {msg}"))
            status.update("Menulis workbook rekomendasi…")
            with output_batch():
                write_plan(out, problem, tables, result, input_path=data,
                           versions={**_versions(), "seed": str(SEED)}, scenario=overrides, curve=curve)
                if kandidat is not None:
                    _write_candidates(kandidat, problem, result)
                if json_out is not None:
                    _write_json(json_out, problem, result)
                if laporan is not None:
                    from penempatan.report import solve_report, write_report

                    status.update("Menulis laporan HTML…")
                    write_report(laporan, solve_report(problem, tables, result, source=data.name, curve=curve))
        _mention_warnings(read, data)
        _print_summary(problem, tables, result)
        if problem.scenario_name:
            _say(f"Skenario: {problem.scenario_name}")
        if result.changed_vs_reference is not None:
            _say(f"Perubahan dibanding acuan: {text.number(result.changed_vs_reference)} penempatan")
        outputs.written(out, "Rekomendasi")
        for path, what in ((kandidat, "Pasangan kandidat"), (json_out, "Rencana JSON")):
            if path is not None:
                outputs.written(path, what)
        if laporan is not None:
            outputs.written(laporan, "Laporan HTML", " Berisi data pribadi; jangan disebarkan.")


def _default_analysis_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-analisis.xlsx")


@app.command(cls=_Command)
def analyze(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx", help="Workbook masukan.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="ANALISIS.xlsx",
                                                help="Workbook analisis. [bawaan: DATA-analisis.xlsx di folder "
                                                "DATA]")] = None,
    laporan: Annotated[Path | None, typer.Option("--laporan", metavar="L.html", help=_LAPORAN)] = None,
    timpa: _Timpa = False,
) -> None:
    """Analisis keadaan sekarang: kecocokan, ketidaksesuaian, kebutuhan vs bezetting, rotasi, talenta, pensiun."""
    _require_input(data)
    outputs = _Outputs(timpa, data)
    out = outputs.claim(output, _default_analysis_output(data))
    laporan = outputs.claim(laporan)
    assert out is not None
    with _guard(data):
        from penempatan.analyze import analyze as run_analysis
        from penempatan.excel.read import read_workbook
        from penempatan.excel.write_analysis import write_analysis

        with console.status("Membaca dan memeriksa masukan…") as status:
            read = read_workbook(data)
            status.update("Menganalisis keadaan sekarang…")
            analysis = run_analysis(read.data)
            status.update("Menulis workbook analisis…")
            with output_batch():
                write_analysis(out, analysis)
                if laporan is not None:
                    from penempatan.report import analyze_report, write_report

                    status.update("Menulis laporan HTML…")
                    write_report(laporan, analyze_report(analysis, source=data.name))
        _mention_warnings(read, data)
        _print_analysis(analysis)
        outputs.written(out, "Analisis")
        if laporan is not None:
            outputs.written(laporan, "Laporan HTML", " Berisi data pribadi; jangan disebarkan.")


def _print_analysis(analysis: Any) -> None:
    from datetime import date

    from penempatan.analyze import NINE_BOX_GRID, summary

    table = Table(title="Keadaan sekarang", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for label, value in summary(analysis):
        if not label.startswith("Kotak "):
            table.add_row(label, _value_text(value) if not isinstance(value, date) else text.date_text(value))
    console.print(table)
    grid = Table(title="Kotak talenta (jumlah pegawai per kotak)")
    grid.add_column("Potensi \\ Kinerja", style="bold")
    for col in ("di bawah ekspektasi", "sesuai ekspektasi", "di atas ekspektasi"):
        grid.add_column(col, justify="right")
    counts = analysis.kotak.sum(axis=0)
    for potensi, boxes in zip(("Tinggi", "Menengah", "Rendah"), NINE_BOX_GRID, strict=True):
        grid.add_row(potensi, *(f"kotak {k}: {text.number(int(counts[k]))}" for k in boxes))
    console.print(grid)


def _value_text(value: object) -> str:
    """A number or text for a terminal table, in the Indonesian convention."""
    if isinstance(value, bool):
        return text.yes_no(value)
    if isinstance(value, int):
        return text.number(value)
    if isinstance(value, float):
        return text.decimal(value, 2)
    return str(value)


_SHORT_COMPONENT = {"pendidikan": "Pend", "bidang": "Bid", "kompetensi": "Komp", "kinerja": "Kin",
                    "golongan": "Gol"}


@app.command(cls=_Command)
def explain(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx", help="Workbook masukan.")],
    nip: Annotated[str | None, typer.Option("--nip", metavar="NIP", help="NIP pegawai yang dijelaskan.")] = None,
    jabatan: Annotated[str | None, typer.Option("--jabatan", metavar="KODE",
                                                help="Kode Jabatan yang dijelaskan.")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", metavar="DETIK", min=1.0, help=_BATAS_WAKTU)] = 60.0,
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="S.toml",
                                                  help="Berkas skenario (.toml), seperti pada solve.")] = None,
    acuan: Annotated[Path | None, typer.Option("--acuan", metavar="LAMA.xlsx",
                                               help="Workbook rekomendasi sebelumnya, seperti pada solve.")] = None,
) -> None:
    """Jelaskan rencana untuk satu pegawai (--nip) atau satu jabatan (--jabatan): alasan, alternatif, penghalang."""
    _require_input(data)
    if (nip is None) == (jabatan is None):
        raise _bad_argument("pilih tepat satu: --nip NIP atau --jabatan KODE.")
    for given in (skenario, acuan):
        if given is not None:
            _require_input(given)
    with _guard(data, _files(skenario, acuan)):
        from penempatan.explain import Explainer

        with console.status("Membaca dan memeriksa masukan…") as status:
            _, problem, reference, _ = _prepare(data, skenario, acuan, status)
            who = _find_employee(problem, nip) if nip is not None else None
            post = _find_post(problem, jabatan) if jabatan is not None else None
            tables, result = _solve(problem, reference, batas_waktu, status)
        ex = Explainer(problem, tables, result)
        _say(f"Rencana {result.status.value}, tanggal acuan {text.date_text(problem.params.tanggal_acuan)}.")
        if problem.scenario_name:
            _say(f"Skenario: {problem.scenario_name}")
        if who is not None:
            _explain_employee(ex, who)
        elif post is not None:
            _explain_post(ex, post)


def _say(line: str) -> None:
    """Print text from the input or the explainer literally (no rich markup, no highlighting)."""
    console.print(line, markup=False, highlight=False)


def _rule(title: str) -> None:
    """A heading line: a rule across a terminal, the bare title in plain output."""
    if _Run.plain:
        from rich.text import Text

        console.print(Text.from_markup(title).plain, markup=False, highlight=False)
    else:
        console.rule(title)


def _find_employee(problem: Any, nip: str) -> int:
    import difflib
    import re

    key = re.sub(r"\D", "", nip)
    if key in problem.employee_index:
        return int(problem.employee_index[key])
    nips = list(problem.employee_index)
    close = difflib.get_close_matches(key, nips, n=3, cutoff=0.7) if key else []
    by_name = {e.nama.lower(): e for e in problem.employees}
    named = difflib.get_close_matches(nip.lower(), list(by_name), n=3, cutoff=0.6)
    hints = [f"{n} ({problem.employees[problem.employee_index[n]].nama})" for n in close]
    hints += [f"{by_name[n].nip} ({by_name[n].nama})" for n in named]
    more = f" Mungkin maksud Anda: {'; '.join(hints)}." if hints else ""
    raise _bad_argument(f"NIP {nip} tidak ada di sheet Pegawai.{more}")


def _find_post(problem: Any, kode: str) -> int:
    import difflib

    index = {k.strip().upper(): j for k, j in problem.position_index.items()}
    key = kode.strip().upper()
    if key in index:
        return int(index[key])
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    by_name: dict[str, list[Any]] = {}
    for q in problem.positions:
        by_name.setdefault(q.nama.lower(), []).append(q)
    query = kode.strip().lower()
    named = [n for n in by_name if query in n][:3] or difflib.get_close_matches(query, list(by_name), n=3, cutoff=0.6)
    hints = [problem.positions[index[k]].kode for k in close]
    hints += [f"{q.kode} {q.nama} ({q.unit})" for n in named for q in by_name[n]][:5]
    more = f" Mungkin maksud Anda: {'; '.join(dict.fromkeys(hints))}." if hints else ""
    raise _bad_argument(f"Kode Jabatan {kode} tidak ada di sheet Jabatan.{more}")


def _post_label(problem: Any, j: int) -> str:
    q = problem.positions[j]
    return f"{q.kode} {q.nama} ({q.unit})"


def _explain_employee(ex: Any, i: int) -> None:
    from rich.markup import escape

    from penempatan.explain import months_text
    from penempatan.scoring import COMPONENTS

    d, t = ex.data, ex.t
    e = d.employees[i]
    src, dst = ex.cur[i], ex.target[i]
    _rule(f"[bold]{escape(e.nama)}[/] ({text.nip(e.nip)})")
    _say(f"Golongan {e.golongan}, pendidikan {e.pendidikan}{f' ({e.jurusan})' if e.jurusan else ''}, "
         f"kinerja {e.kinerja}, kotak talenta {e.kotak or '-'}, status {e.status}")
    _say(f"Jabatan saat ini: {_post_label(d, src)}, masa jabatan {months_text(int(t.emp_tenure[i]))}, "
         f"skor {int(ex.stay_scores[i])}")
    if dst != src:
        chain, step = ex.chain_of[i]
        kind = "siklus" if chain.cycle else "rantai"
        _say(f"Rencana: PINDAH ke {_post_label(d, dst)} ({ex.move_kind(i)}), skor {int(ex.stay_scores[i])} → "
             f"{int(ex.assigned_scores[i])}, {kind} {chain.id} urutan {step} dari {len(chain.members)}")
        from penempatan.penjelasan import penjelasan

        _say(f"Tujuan: {ex.tujuan(i)}")
        if ex.perhatian(i):
            _say(f"Perhatian: {ex.perhatian(i)}")
        _say(f"Alasan: {ex.move_reason(i).text}")
        needs = ex.training_needs(i)
        if needs:
            _say("Kebutuhan pelatihan: " + "; ".join(n.kebutuhan for n in needs))
        _say(f"Penjelasan untuk pegawai: {penjelasan(ex, i)}")
    else:
        _say(f"Rencana: TETAP di {_post_label(d, src)}")
        _say(f"Alasan: {ex.stay_reason(i).text}")
    alternatives = ex.alternatives(i)
    table = Table(title="Komponen skor: rencana dan alternatif terbaik")
    table.add_column("", style="bold")
    table.add_column("Jabatan", overflow="fold")
    table.add_column("Skor", justify="right")
    for name in COMPONENTS:
        table.add_column(_SHORT_COMPONENT[name], justify="right")
    rows = [("saat ini", src, ex.stay_parts(i))]
    if dst != src:
        rows.append(("rencana", dst, ex.move_parts(i, dst)))
    rows += [(str(k), j, ex.move_parts(i, j)) for k, j in enumerate(alternatives, 1)]
    for label, j, parts in rows:
        score = int(ex.stay_scores[i]) if j == src else ex.potential_score(i, j)
        table.add_row(label, escape(_post_label(d, j)), str(score), *(str(int(v)) for v in parts))
    console.print(table)
    console.print("Pend = jenjang pendidikan, Bid = bidang (R8), Komp = kompetensi, Kin = kinerja dan talenta, "
                  "Gol = golongan (R7). Skor = kesesuaian; tujuan mutasi (rotasi, kebutuhan, promosi, "
                  "permintaan) bukan bagian skor.", style="dim", highlight=False)
    if not alternatives:
        _say("Tidak ada jabatan lain dengan kursi yang terbuka untuk pegawai ini.")
    for k, j in enumerate(alternatives, 1):
        _say(f"{k}. Mengapa tidak {_post_label(d, j)}: {ex.why_not(i, j).text}")
    closed = ex.closed_better(i)
    if closed:
        from penempatan.scoring import RULE_TEXT

        _say("Jabatan dengan skor lebih tinggi yang tertutup aturan: "
             + "; ".join(f"{code} {RULE_TEXT.get(code, code)}: {n} jabatan" for code, n in closed.items())
             + " (satu jabatan dapat tertutup beberapa aturan)")


def _explain_post(ex: Any, j: int) -> None:
    from rich.markup import escape

    from penempatan.scoring import RULE_TEXT

    d, t = ex.data, ex.t
    q = d.positions[j]
    _rule(f"[bold]{escape(q.kode)}[/] {escape(q.nama)}")
    flags = [f for f, on in (("Wajib Diisi (R12)", q.wajib_diisi), ("Risiko Tinggi (R3)", q.risiko_tinggi)) if on]
    _say(f"Unit {q.unit}; {q.jenis}{f' {q.jenjang}' if q.jenjang else ''}, kelas {q.kelas}, pendidikan minimal "
         f"{q.pendidikan_min}, bidang {(q.bidang or 'semua').replace('_', ' ')}"
         + (f"; {', '.join(flags)}" if flags else ""))
    _say(f"Kebutuhan {q.kebutuhan} kursi; terisi {int(t.holders[j])} sebelum rencana, {int(ex.after[j])} sesudah")
    holders = d.holders[j]
    staying = [i for i in holders if ex.target[i] == j]
    leaving = [i for i in holders if ex.target[i] != j]
    arriving = ex.arrivals.get(j, [])
    limit = 20
    if staying or arriving:
        console.print("[bold]Pengisi kursi sesudah rencana[/]")
    for i in staying[:limit]:
        e = d.employees[i]
        _say(f"- {e.nama} ({text.nip(e.nip)}) tetap, skor {int(ex.stay_scores[i])}: {ex.stay_reason(i).text}")
    for i in arriving[:limit]:
        e = d.employees[i]
        _say(f"- {e.nama} ({text.nip(e.nip)}) masuk dari {_post_label(d, ex.cur[i])}, skor {int(ex.stay_scores[i])} → "
             f"{int(ex.assigned_scores[i])}: {ex.move_reason(i).text}")
    hidden = max(0, len(staying) - limit) + max(0, len(arriving) - limit)
    if hidden:
        _say(f"… dan {hidden} lainnya (lihat workbook rekomendasi).")
    if leaving:
        console.print("[bold]Pemegang yang keluar[/]")
        for i in leaving[:limit]:
            e = d.employees[i]
            _say(f"- {e.nama} ({text.nip(e.nip)}) ke {_post_label(d, ex.target[i])}: {ex.move_reason(i).text}")
    empty = int(t.post_keb[j] - ex.after[j])
    if empty > 0:
        console.print(f"[bold]Kursi kosong: {text.number(empty)}[/]")
        _say(f"Alasan: {ex.empty_seat_reason(j).text}")
        counts = ex.exclusion_counts(j)
        if counts:
            table = Table(title="Pegawai yang tersaring per aturan (satu pegawai dapat tersaring beberapa aturan)")
            table.add_column("Aturan")
            table.add_column("Keterangan", overflow="fold")
            table.add_column("Jumlah pegawai", justify="right")
            for code, n in sorted(counts.items(), key=lambda kv: int(kv[0][1:])):
                table.add_row(code, RULE_TEXT.get(code, code), str(n))
            console.print(table)
    runners = ex.runners_up(j)
    if runners:
        console.print("[bold]Calon terbaik yang tidak ditempatkan di sini[/]")
        for k, (i, score) in enumerate(runners, 1):
            e = d.employees[i]
            where = "tetap di" if ex.target[i] == ex.cur[i] else "ditempatkan di"
            _say(f"{k}. {e.nama} ({text.nip(e.nip)}) skor {score} di sini; {where} {_post_label(d, ex.target[i])} "
                 f"dengan skor {int(ex.assigned_scores[i])}. Mengapa tidak di sini: {ex.why_not(i, j).text}")
    elif not empty:
        _say("Tidak ada calon lain yang dinilai untuk jabatan ini.")


def _default_compare_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-banding.xlsx")


@app.command(cls=_Command)
def compare(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx", help="Workbook masukan.")],
    skenario: Annotated[list[Path], typer.Option("-s", "--skenario", metavar="S.toml",
                                                 help="Berkas skenario (.toml); ulangi untuk beberapa skenario.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="BANDING.xlsx",
                                                help="Workbook perbandingan. [bawaan: DATA-banding.xlsx di folder "
                                                "DATA]")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", metavar="DETIK", min=1.0,
                                               help="Batas waktu solver per rencana (detik).")] = 60.0,
    laporan: Annotated[Path | None, typer.Option("--laporan", metavar="L.html", help=_LAPORAN)] = None,
    timpa: _Timpa = False,
) -> None:
    """Bandingkan rencana dasar dengan setiap skenario, berdampingan."""
    _require_input(data)
    for path in skenario:
        _require_input(path)
    outputs = _Outputs(timpa, data, *skenario)
    out = outputs.claim(output, _default_compare_output(data))
    laporan = outputs.claim(laporan)
    assert out is not None
    with _guard(data, _files(*skenario)):
        from penempatan.compare import banding_rows
        from penempatan.compare import compare as run_compare
        from penempatan.excel.read import read_workbook
        from penempatan.excel.write_compare import write_comparison
        from penempatan.scenario import load_scenario

        with console.status("Membaca dan memeriksa masukan…") as status:
            read = read_workbook(data)
            problems: list[Problem] = []
            scenarios = []
            for path in skenario:
                try:
                    scenarios.append(load_scenario(path, read.data))
                except InputError as exc:  # every scenario's problems, not only the first file's
                    problems += exc.problems
            if problems:
                raise InputError(problems)
            comparison = run_compare(read.data, scenarios, batas_waktu,
                                     progress=lambda msg: status.update(f"Mencari rencana optimal: {msg}…"))
            status.update("Menulis workbook perbandingan…")
            with output_batch():
                write_comparison(out, comparison)
                if laporan is not None:
                    from penempatan.report import compare_report, write_report

                    status.update("Menulis laporan HTML…")
                    write_report(laporan, compare_report(comparison, source=data.name))
        _mention_warnings(read, data)
        table = Table(title="Perbandingan rencana")
        table.add_column("Ukuran", style="bold")
        for plan in comparison.plans:
            table.add_column(plan.label, justify="right", overflow="fold")
        for name, values in banding_rows(comparison):
            table.add_row(name, *(_cell(name, v) for v in values))
        console.print(table)
        for note in comparison.notes:
            _say(f"Catatan: {note}")
        _say(f"{text.number(len(comparison.differing))} pegawai ditempatkan berbeda antar rencana (sheet Perbedaan).")
        outputs.written(out, "Perbandingan")
        if laporan is not None:
            outputs.written(laporan, "Laporan HTML", " Berisi data pribadi; jangan disebarkan.")


def _cell(name: str, value: object) -> str:
    if isinstance(value, float) and name == "Gap":
        return text.percent(value, 4)
    return _value_text(value)


def _write_candidates(path: Path, problem: Any, result: Any) -> None:
    """SPEC 4: every candidate pair considered, so optimality can be re-checked with another solver."""
    cand = result.candidates
    nips = [e.nip for e in problem.employees]
    codes = [p.kode for p in problem.positions]

    def write(f: Any) -> None:
        w = csv.writer(f)
        w.writerow(["nip", "kode_jabatan", "skor", "tetap", "nilai"])
        for i, j, s, st, v in zip(cand.emp.tolist(), cand.post.tolist(), cand.score.tolist(), cand.stay.tolist(),
                                  cand.nilai.tolist(), strict=True):
            w.writerow([nips[i], codes[j], s, int(st), v])

    atomic_text(path, write, suffix=".csv")


def _write_json(path: Path, problem: Any, result: Any) -> None:
    cur = problem.current_post
    moves = [
        {"nip": e.nip, "dari": problem.positions[cur[i]].kode, "ke": problem.positions[int(j)].kode}
        for i, (e, j) in enumerate(zip(problem.employees, result.assignment.tolist(), strict=True))
        if j != cur[i]
    ]
    doc = {
        "status": result.status.value,
        "nilai_objektif": result.objective,
        "batas_atas": result.bound,
        "gap": result.gap,
        "waktu_detik": round(result.wall_time, 3),
        "tanggal_acuan": problem.params.tanggal_acuan.isoformat(),
        "skenario": problem.scenario_name,
        "mutasi": moves,
        "penempatan": {e.nip: problem.positions[int(j)].kode
                       for e, j in zip(problem.employees, result.assignment.tolist(), strict=True)},
    }
    atomic_text(path, lambda f: json.dump(doc, f, ensure_ascii=False, indent=1), suffix=".json")


def _print_summary(problem: Any, tables: Any, result: Any) -> None:
    """The plan's summary (the same PlanSummary as Ringkasan, compare and the report), as a table."""
    from penempatan.summary import plan_summary, summary_lines

    table = Table(title="Ringkasan rencana", show_header=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("")
    for label, value in summary_lines(plan_summary(problem, tables, result)):
        table.add_row(label, value)
    console.print(table)


def run() -> None:  # pragma: no cover - console entry for `python -m penempatan`
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
