"""Atomic text files: written to a temporary file beside the target, then renamed over it, so a crash never
leaves half a report, CSV or scenario behind (SPEC 1: outputs are written atomically)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def atomic_text(path: Path, write: Callable[[TextIO], object], suffix: str = "") -> None:
    """Call `write` with an open UTF-8 text file, then move the finished file to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".penempatan-", suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
