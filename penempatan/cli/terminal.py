"""Where the command's words go: stdout for results, stderr for problems, each plain or drawn for a terminal.

`term` holds the two consoles and the run's global options; `configure` resets them for every invocation.
Plain output (`--polos`, or stdout or stderr not a terminal) is never wrapped and has no tables or colour.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console

from penempatan.text import visible


class Terminal:
    """The consoles of the current invocation and its global options (`-v`, `--polos`)."""

    def __init__(self) -> None:
        self.console = Console()
        self.err = Console(stderr=True)
        self.plain = False
        self.verbose = False

    def configure(self, polos: bool) -> None:
        """Plain output (no wrapping, no colour) when asked or when stdout or stderr is not a terminal."""
        self.plain = polos or not (_isatty(sys.stdout) and _isatty(sys.stderr))
        if self.plain:
            self.console = Console(width=100_000, soft_wrap=True, color_system=None, highlight=False)
            self.err = Console(stderr=True, width=100_000, soft_wrap=True, color_system=None, highlight=False)
        else:
            self.console, self.err = Console(), Console(stderr=True)

    def say(self, line: str) -> None:
        """Print text from the input or the explainer literally (no rich markup, no highlighting; control
        characters and bidi overrides shown as '�', `text.visible`)."""
        self.console.print(visible(line), markup=False, highlight=False)

    def complain(self, line: str) -> None:
        """The same on stderr."""
        self.err.print(visible(line), markup=False, highlight=False)

    def rule(self, title: str) -> None:
        """A heading line: a rule across a terminal, the bare title in plain output."""
        if self.plain:
            from rich.text import Text

            self.say(Text.from_markup(title).plain)
        else:
            self.console.rule(title)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


term = Terminal()
