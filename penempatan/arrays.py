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


def best_per_group(group: np.ndarray, cost: np.ndarray, k: int) -> np.ndarray:
    """Indices (ascending) of the `k` lowest-cost entries of each group; ties go to the lower index, so the choice
    is deterministic."""
    order = np.lexsort((np.arange(len(group)), cost, group))
    owner = group[order]
    starts = np.r_[True, owner[1:] != owner[:-1]]
    first_of_run = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    return np.sort(order[np.arange(len(order)) - first_of_run < k])
