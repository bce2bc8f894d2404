"""Array helpers shared by the hot paths (scoring, pricing, the LP stage)."""

from __future__ import annotations

import numpy as np


def unique(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of `values`, by sorting: numpy 2.4's `np.unique` hashes integer arrays and
    is about 40× slower on the half-million keys a pricing search handles (benchmarks/RESULTS.md)."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
