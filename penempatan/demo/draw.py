"""Draws from one uniform number, cheap inside the per-employee loop of the demo generator."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Pick(Generic[T]):
    """Weighted choice among fixed options from one uniform number."""

    def __init__(self, options: Sequence[tuple[T, float]]) -> None:
        total = sum(w for _, w in options)
        self.values = [v for v, _ in options]
        self.cum = list(accumulate(w / total for _, w in options))

    def __call__(self, u: float) -> T:
        return self.values[min(bisect.bisect_right(self.cum, u), len(self.values) - 1)]


def nth(options: Sequence[T], u: float) -> T:
    """Uniform choice from one uniform number."""
    return options[min(int(u * len(options)), len(options) - 1)]


def weights(text: str) -> tuple[tuple[str, float], ...]:
    """'name:weight; name:weight' -> ((name, weight), ...), in the order written."""
    out = []
    for item in filter(None, (s.strip() for s in text.split(";"))):
        name, _, weight = item.rpartition(":")
        out.append((name.strip(), float(weight)))
    return tuple(out)


def split(total: int, shares: Sequence[float]) -> list[int]:
    """`total` split by weight, largest remainder, ties to the first."""
    w = sum(shares)
    exact = [total * x / w for x in shares]
    out = [int(s) for s in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out
