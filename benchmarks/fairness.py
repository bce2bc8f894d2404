"""Time of the fairness report (SPEC 9, sheet Keadilan) and of its recomputation by `check`, on solved demo data.

    python benchmarks/fairness.py --sizes 5000 [--seed 1] [--time-limit 120]

Per size: demo → solve, then in a fresh state of the data (no cached wish lists) the time of `fairness_rows`
including the first import of scipy.stats (the binomial test of a group outside the band), a second call, the
time of `check.fairness.fairness_violations` on its cells, and the headline: requesters, granted, flagged groups.
SPEC 9's bar is 5 s at 5,000. Prints one markdown row per size.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def measure(n: int, seed: int, time_limit: float) -> str:
    from penempatan.demo import generate_demo
    from penempatan.reference import load_reference
    from penempatan.scoring import Tables
    from penempatan.solver import solve

    data = generate_demo(n_pegawai=n, seed=seed)
    result = solve(data, time_limit, tables=Tables(data))
    load_reference()
    fresh = data.replace()
    tick = time.perf_counter()
    from penempatan.wishes.fairness import fairness_rows, summary

    rows = fairness_rows(fresh, result.assignment)
    first = time.perf_counter() - tick
    tick = time.perf_counter()
    fairness_rows(fresh, result.assignment)
    again = time.perf_counter() - tick
    from penempatan.check.fairness import fairness_violations

    tick = time.perf_counter()
    faults = fairness_violations(fresh, result.assignment, [r.cells() for r in rows])
    checked = time.perf_counter() - tick
    s = summary(rows)
    return (f"| {n:,} | {result.status.value} | {len(rows)} | {first:.2f} | {again:.3f} | {checked:.3f} | "
            f"{len(faults)} | {s.requesters} | {s.granted} | {len(s.flagged)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    print("| pegawai | status | rows | first call (s, with imports) | again (s) | check (s) | faults | requesters "
          "| granted | flagged |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        print(measure(n, args.seed, args.time_limit), flush=True)


if __name__ == "__main__":
    main()
