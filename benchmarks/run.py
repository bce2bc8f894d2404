"""End-to-end benchmark of `solve` on demo workbooks (SPEC 6; issue 3).

    python benchmarks/run.py --sizes 1000 5000 20000 50000 [--seed 1] [--time-limit 60] [--maks-mutasi N]
                             [--tanpa-kopling] [--ulang K] [--tanpa-permintaan]

Each size runs in its own process (so peak memory is that size's alone): demo → xlsx, then read, serve the
ranked wishes (SPEC 9), score, solve, write, each timed; plus the floor: OR-Tools min-cost flow on the same
candidates without the side rules, and CP-SAT time against it. Prints one markdown row per size.
`--tanpa-kopling` sets R13 to 100 % and turns R21 off (no coupling rule binds: the flow stage decides); `--ulang K`
reports the median of K solves and of K flows (the "total" column keeps the first run).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one(n: int, seed: int, time_limit: float, workdir: Path, max_moves: int | None, uncoupled: bool = False,
        repeat: int = 1, no_wishes: bool = False) -> dict[str, object]:
    from penempatan.demo import generate_demo
    from penempatan.excel.read import read_workbook
    from penempatan.excel.write_input import write_input_workbook
    from penempatan.excel.write_plan import write_plan
    from penempatan.scoring import Tables, build_candidates
    from penempatan.solver import build_structure, solve, solve_flow
    from penempatan.wishes.serve import serve_wishes

    path = workdir / f"demo-{n}.xlsx"
    tick = time.perf_counter()
    demo = generate_demo(n_pegawai=n, seed=seed)
    if max_moves is not None:  # R14 binding: the case that needs more than the flow
        demo = demo.replace(params=demo.params.model_copy(update={"maks_mutasi": max_moves}))
    if uncoupled:  # no coupling rule binds (R13 at 100 %, R21 off): the flow stage decides
        demo = demo.replace(params=demo.params.model_copy(
            update={"maks_keluar_unit_persen": 100, "kekurangan_unit_boleh_naik": True}))
    if no_wishes:  # the demo without its Permintaan sheet (the runs before SPEC 9's wishes)
        demo = demo.replace(wishes=())
    write_input_workbook(path, demo)
    demo_s = time.perf_counter() - tick

    start = time.perf_counter()
    data = read_workbook(path).data
    t_read = time.perf_counter() - start
    tick = time.perf_counter()
    served = serve_wishes(data)  # SPEC 9: the ranked wishes served in priority order, as `solve` does
    data = served.data
    t_wishes = time.perf_counter() - tick
    tick = time.perf_counter()
    tables = Tables(data)
    cand = build_candidates(data, tables)
    t_score = time.perf_counter() - tick
    result = solve(data, time_limit, tables=tables, candidates=cand)
    t_solve = time.perf_counter() - tick - t_score
    tick = time.perf_counter()
    write_plan(workdir / f"demo-{n}-rekomendasi.xlsx", data, tables, result)
    t_write = time.perf_counter() - tick
    total = time.perf_counter() - start

    solves = [t_solve]
    for _ in range(repeat - 1):  # the median of several solves, for a ratio to the flow that noise does not decide
        tick = time.perf_counter()
        solve(data, time_limit, tables=tables, candidates=cand)
        solves.append(time.perf_counter() - tick)
    t_solve = sorted(solves)[len(solves) // 2]

    structure = build_structure(data, tables, cand)
    flows = []
    for _ in range(max(3, repeat)):
        tick = time.perf_counter()
        solve_flow(structure)
        flows.append(time.perf_counter() - tick)
    flow_s = sorted(flows)[len(flows) // 2]
    moves = int((result.assignment != tables.cur).sum())
    return {
        "pegawai": n, "jabatan": len(data.positions), "kandidat": len(cand), "demo_s": demo_s,
        "read_s": t_read, "wishes_s": t_wishes, "granted": len(served.granted()),
        "requesters": len({d.i for d in served.decisions}),
        "score_s": t_score, "solve_s": t_solve, "write_s": t_write, "total_s": total,
        "status": result.status.value, "method": result.method, "gap": result.gap, "moves": moves,
        "timings": result.timings, "flow_floor_s": flow_s, "priced": len(result.candidates),
        "proof": "semua pasangan" if result.proof_over_all_pairs else (
            "kandidat" if result.status.value == "OPTIMAL" else "—"),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--maks-mutasi", type=int, default=None, help="set R14 (maks_mutasi) in the workbook")
    parser.add_argument("--tanpa-kopling", action="store_true",
                        help="R13 at 100 %% and R21 off, so that no coupling rule binds and the flow stage decides")
    parser.add_argument("--ulang", type=int, default=1, help="solve this many times and report the median")
    parser.add_argument("--tanpa-permintaan", action="store_true", help="the demo without its Permintaan sheet")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(one(args.one, args.seed, args.time_limit, Path(tmp), args.maks_mutasi,
                                 args.tanpa_kopling, args.ulang, args.tanpa_permintaan)))
        return
    print("| pegawai | jabatan | kandidat | demo+xlsx s | baca s | permintaan s (dipenuhi/pemohon) | skor s "
          "| solve s | tahap solve s | tulis s | total s | status (tahap akhir) | cakupan bukti | gap | mutasi "
          "| aliran min-cost s | solve / aliran | CP-SAT / aliran | memori puncak MB |")
    print("|---" * 19 + "|")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed), "--time-limit",
               str(args.time_limit)]
        if args.maks_mutasi is not None:
            cmd += ["--maks-mutasi", str(args.maks_mutasi)]
        cmd += ["--ulang", str(args.ulang)] + (["--tanpa-kopling"] if args.tanpa_kopling else [])
        cmd += ["--tanpa-permintaan"] if args.tanpa_permintaan else []
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        stages = " · ".join(f"{k} {v:.2f}" for k, v in r["timings"].items() if k != "kandidat")
        floor = max(r["flow_floor_s"], 1e-9)
        cpsat = r["timings"].get("cpsat", 0.0)
        kandidat = f"{r['kandidat']:,}" + (f" → {r['priced']:,}" if r["priced"] != r["kandidat"] else "")
        print(f"| {r['pegawai']:,} | {r['jabatan']:,} | {kandidat} | {r['demo_s']:.1f} | {r['read_s']:.1f} "
              f"| {r['wishes_s']:.1f} ({r['granted']}/{r['requesters']}) | {r['score_s']:.1f} | {r['solve_s']:.2f} "
              f"| {stages} | {r['write_s']:.1f} | {r['total_s']:.1f} "
              f"| {r['status']} ({r['method']}) | {r['proof']} | {r['gap']:.4%} | {r['moves']:,} "
              f"| {r['flow_floor_s']:.3f} "
              f"| {r['solve_s'] / floor:.1f}× | {cpsat / floor:.1f}× | {r['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
