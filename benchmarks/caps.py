"""How much do the candidate caps cost? Solve demo instances with the default caps and with generous ones.

    python benchmarks/caps.py [--sizes 1000 3000] [--seeds 1 2 3]

The generous run keeps up to 50 posts per class, 1,000 moves per employee and 200 employees per
must-fill post, which on these sizes is (nearly) every eligible pair. Prints one markdown row per run.
"""

from __future__ import annotations

import argparse
import time

from penempatan.demo import generate_demo
from penempatan.scoring import Tables, build_candidates
from penempatan.solver import solve


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    print("| pegawai | seed | kandidat (bawaan) | objektif (bawaan) | kandidat (longgar) | objektif (longgar) "
          "| selisih | R11/R12 sama | solve bawaan s | solve longgar s |")
    print("|---" * 10 + "|")
    for n in args.sizes:
        for seed in args.seeds:
            data = generate_demo(n_pegawai=n, seed=seed)
            tables = Tables(data)
            runs = []
            for kwargs in ({}, {"per_class": 50, "max_candidates": 1000, "must_fill_extra": 200}):
                cand = build_candidates(data, tables, **kwargs)
                tick = time.perf_counter()
                result = solve(data, 120, tables=tables, candidates=cand)
                runs.append((len(cand), result, time.perf_counter() - tick))
            (n_a, a, t_a), (n_b, b, t_b) = runs
            same = (a.must_fill_filled, a.surplus_kept) == (b.must_fill_filled, b.surplus_kept)
            diff = (b.objective - a.objective) / max(1, abs(b.objective))
            print(f"| {n:,} | {seed} | {n_a:,} | {a.objective:,} ({a.status.value}) | {n_b:,} "
                  f"| {b.objective:,} ({b.status.value}) | {diff:.4%} | {'ya' if same else 'tidak'} "
                  f"| {t_a:.1f} | {t_b:.1f} |", flush=True)


if __name__ == "__main__":
    main()
