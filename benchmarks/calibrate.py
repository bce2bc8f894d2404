"""What each objective weight buys: the round size and its gains for a grid of weights (SPEC 4; issue 11).

    python benchmarks/calibrate.py [--pegawai 600 5000] [--seed 1 7] [--biaya 6 9 12 15 20]

For each demo and each `biaya_mutasi`, solve with the other weights at their defaults and report the share
of staff moved, moves per purpose, the mean fit before → after, seats filled and must-fill seats filled,
moves that lower the mover's fit and unwilling movers. The defaults in `Params` are chosen from this table
(benchmarks/RESULTS.md, "Kalibrasi").
"""

from __future__ import annotations

import argparse

import numpy as np


def row(data: object, label: str) -> str:
    from penempatan.model import ProblemData
    from penempatan.scoring import PURPOSES, Tables, purpose_names
    from penempatan.solver import solve

    assert isinstance(data, ProblemData)
    t = Tables(data)
    r = solve(data, 120.0, tables=t)
    cand = r.candidates
    chosen = np.zeros(len(cand), dtype=bool)
    key = {(int(i), int(j)): k for k, (i, j) in enumerate(zip(cand.emp, cand.post, strict=True))}
    for i, j in enumerate(r.assignment.tolist()):
        chosen[key[(i, int(j))]] = True
    movers = np.nonzero(chosen & ~cand.stay)[0]
    per_purpose = dict.fromkeys(PURPOSES, 0)
    for k in movers.tolist():
        for name in purpose_names(int(cand.purposes[k])):
            per_purpose[name] += 1
    fit_after = cand.score[chosen].mean()
    seats = np.minimum(np.bincount(r.assignment, minlength=t.n_post), t.post_keb).sum()
    seats_before = np.minimum(t.holders, t.post_keb).sum()
    lower = int((cand.score[movers] < t.stay_fit[cand.emp[movers]]).sum())
    unwilling = int((~t.emp_bersedia[cand.emp[movers]]).sum())
    n = t.n_emp
    purposes = " · ".join(f"{k} {v}" for k, v in per_purpose.items() if v)
    return (f"| {label} | {len(movers)} ({100 * len(movers) / n:.1f} %) | {purposes} | "
            f"{t.stay_fit.mean():.1f} → {fit_after:.1f} | {seats_before} → {seats} | "
            f"{r.must_fill_filled}/{r.must_fill_seats} | {lower} | {unwilling} | {r.status.value} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pegawai", type=int, nargs="*", default=[600, 5000])
    ap.add_argument("--seed", type=int, nargs="*", default=[1, 7])
    ap.add_argument("--biaya", type=int, nargs="*", default=[6, 9, 12, 15, 20])
    args = ap.parse_args()
    from penempatan.demo import generate_demo

    print("| demo, biaya_mutasi | mutasi | per tujuan | kesesuaian rata-rata | kursi terisi | wajib diisi | "
          "kesesuaian turun | tidak bersedia | status |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n, seed in zip(args.pegawai, args.seed, strict=False):
        base = generate_demo(n_pegawai=n, seed=seed)
        for biaya in args.biaya:
            data = base.replace(params=base.params.model_copy(update={"biaya_mutasi": biaya}))
            print(row(data, f"{n} (seed {seed}), biaya {biaya}"), flush=True)


if __name__ == "__main__":
    main()
