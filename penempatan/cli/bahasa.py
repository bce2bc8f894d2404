"""The command line in Bahasa Indonesia: click's usage lines, help screens and option errors translated.

`Group` is the program (global flags anywhere on the line, every failure turned into a message and an exit
code) and `Command` one command; typer builds them from the `app` in `app.py`.
"""

from __future__ import annotations

import inspect
import re
import sys
import textwrap
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from penempatan import text
from penempatan.cli.terminal import term
from penempatan.usecases.stop import EXIT_FAIL, EXIT_INPUT, EXIT_OK, Stop

PROG = "penempatan"
GLOBAL_FLAGS = ("-v", "--verbose", "--polos")
"""Options of the program that may also be written after the command (`solve data.xlsx --verbose`)."""
_HELP_OPTION = "Tampilkan bantuan ini lalu keluar."


def _exception_class(name: str) -> type[BaseException]:
    """click's exception classes, wherever this typer version keeps click (vendored or not)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise LookupError(name)  # pragma: no cover - every typer has ClickException above BadParameter


_ClickException = _exception_class("ClickException")


class Group(TyperGroup):
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
        except Stop as stop:
            term.complain(stop.message)
            code = stop.code
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


class Command(TyperCommand):
    """One command: its usage line and help in Bahasa Indonesia; the output paths it claimed are given up when it
    ends (`atomic.release_claims`)."""

    def invoke(self, ctx: Any) -> Any:
        from penempatan.atomic import release_claims

        try:
            return super().invoke(ctx)
        finally:
            release_claims()

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


# --- help screens ------------------------------------------------------------------------------------------------
def _help_text(command: Any, formatter: Any) -> None:
    if command.help:
        formatter.write("\n" + _wrap(inspect.cleandoc(command.help).partition("\f")[0], _help_width(formatter),
                                     "  ") + "\n")


def _help_width(formatter: Any) -> int:
    return max(60, int(getattr(formatter, "width", 80) or 80))


def _wrap(paragraph: str, width: int, indent: str) -> str:
    """Wrap at spaces only: a file name, an option or a path is never broken (not even at a hyphen)."""
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


# --- option errors -----------------------------------------------------------------------------------------------
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


_USAGE_PATTERNS = (
    (r"Option '(.+)' requires an argument", "opsi {0} memerlukan nilai."),
    (r"Option '(.+)' requires (\d+) arguments", "opsi {0} memerlukan {1} nilai."),
    (r"Option '(.+)' does not take a value", "opsi {0} tidak menerima nilai."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "argumen berlebih: {0}."),
    (r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?", "perintah '{0}' tidak dikenal.{1}"),
    (r"Missing command", "perintah belum disebut."),
)


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
    for pattern, bahasa in _USAGE_PATTERNS:
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


_VALUE_PATTERNS = (
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


def _value_problem(message: str) -> str:
    """Why a value was refused (pydantic or click wording) in Bahasa Indonesia."""
    for pattern, bahasa in _VALUE_PATTERNS:
        m = re.match(pattern, message)
        if m:
            return bahasa.format(*(g.rstrip(".") for g in m.groups()))
    return f"nilai tidak dikenal ({message.rstrip('.')})"
