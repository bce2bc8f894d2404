"""Where each key and table of a scenario's TOML text is, so every problem can name its line."""

from __future__ import annotations

import re
from collections import Counter


class TomlLines:
    """Where each key and table of a TOML text is, so problems can name their line."""

    _HEADER2 = re.compile(r"\s*\[\[\s*([^\]]+?)\s*\]\]")
    _HEADER = re.compile(r"\s*\[\s*([^\]\[]+?)\s*\]")
    _KEY = re.compile(r"\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)"
                      r"(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=")
    _PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.at: dict[tuple[object, ...], int] = {}
        table: tuple[object, ...] = ()
        counts: Counter[tuple[str, ...]] = Counter()
        for n, line in enumerate(self.lines, 1):
            if m := self._HEADER2.match(line):
                name = self._parts(m[1])
                table = (*name, counts[name])
                counts[name] += 1
            elif m := self._HEADER.match(line):
                table = self._parts(m[1])
            elif m := self._KEY.match(line):
                parts = self._parts(m[1])
                self.at.setdefault((*table, *parts), n)
                self.at.setdefault((*table, ".".join(parts)), n)
                continue
            else:
                continue
            self.at.setdefault(table, n)

    def _parts(self, key: str) -> tuple[str, ...]:
        return tuple(a or b or c for a, b, c in self._PART.findall(key))

    def find(self, *path: object) -> int | None:
        """Line of the key at `path`, or of the nearest enclosing key/table found."""
        for k in range(len(path), 0, -1):
            if path[:k] in self.at:
                return self.at[path[:k]]
        return None

    def value(self, path: tuple[object, ...], text: str) -> int | None:
        """Line of the string `text` inside the (possibly multi-line) array at `path`."""
        start = self.find(*path)
        if start is None:
            return None
        for n in range(start, min(len(self.lines), start + 200) + 1):
            if f'"{text}"' in self.lines[n - 1] or f"'{text}'" in self.lines[n - 1]:
                return n
        return start
