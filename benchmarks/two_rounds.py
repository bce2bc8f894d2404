"""Two rounds in one model (issue 25, SPEC 8) on the demo: time, size, the model's status and how it compares
with two one-round plans in a row (`rounds.plan.sequential`), each size in a fresh process.

    python benchmarks/two_rounds.py --sizes 5000 50000 [--seed 1] [--time-limit 300]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np


def one(n: int, seed: int, time_limit: float) -> dict[str, object]:
    from penempatan.demo import generate_demo
    from penempatan.rounds.outcome import score
    from penempatan.rounds.plan import sequential, solve_two_rounds
    from penempatan.wishes.serve import serve_wishes

    demo = generate_demo(n, seed=seed)
    data = serve_wishes(demo.replace(params=demo.params.model_copy(update={"putaran": 2}))).data
    start = time.perf_counter()
    plan = solve_two_rounds(data, time_limit)
    wall = time.perf_counter() - start
    tick = time.perf_counter()
    first, second, later = sequential(data, time_limit)
    seq_wall = time.perf_counter() - tick
    mine, theirs = score(plan.first, plan.second, plan.later.data), score(first, second, later.data)
    return {"n": n, "seed": seed, "status": plan.status.value, "wall_s": round(wall, 1),
            "timings": {k: round(v, 1) for k, v in plan.timings.items()},
            "moves_1": int((plan.first.assignment != np.asarray(data.current_post)).sum()),
            "moves_2": int((plan.second.assignment != np.asarray(plan.later.data.current_post)).sum()),
            "moves_one_round": int((first.assignment != np.asarray(data.current_post)).sum()),
            "trainees": len(plan.trainees), "refused": plan.refused, "departures": len(plan.later.departures),
            "two_rounds": mine, "sequential": theirs, "sequential_s": round(seq_wall, 1),
            "not_worse": mine >= theirs, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.seed, args.time_limit)))
        return
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed), "--time-limit",
                              str(args.time_limit)], capture_output=True, text=True, check=False)
        print(out.stdout.strip() or out.stderr.strip()[-2000:])


if __name__ == "__main__":
    main()
