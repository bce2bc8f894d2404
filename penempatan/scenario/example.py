"""The annotated example scenario that `penempatan template --skenario` writes (contoh.toml next to this module)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from penempatan.atomic import atomic_text

EXAMPLE = resources.files("penempatan.scenario").joinpath("contoh.toml").read_text(encoding="utf-8")
"""The example's text: every key, all but `nama` and `maks_mutasi` commented out, each explained."""


def write_example(path: Path) -> None:
    """Write the annotated example scenario (atomically: temporary file, then rename)."""
    atomic_text(path, lambda f: f.write(EXAMPLE), suffix=".toml")
