"""How long does `penempatan siasn` take on a whole pemda? A demo pemda's workbook and its fictional SIASN history
dumps (penempatan.siasn.sample), imported with and without the planner's workbook; the bar is 10 s at 5,000
people (issue 27).

    python benchmarks/siasn_import.py [--pegawai 5000] [--runs 3]

Prints one markdown row per mode: records, median and every run in seconds (the whole use case: reading the dumps
and the workbook, deriving, cross-checking, writing the new workbook).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from penempatan.demo import generate_demo
from penempatan.excel.write_input import write_input_workbook
from penempatan.siasn.sample import sample_dumps, write_sample
from penempatan.usecases.siasn import import_siasn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = generate_demo(n_pegawai=args.pegawai, seed=1)
        workbook = root / "data.xlsx"
        write_input_workbook(workbook, data)
        dumps = write_sample(sample_dumps(data, conflicts=True), root / "dump", "demo")
        print("| pegawai | mode | rekaman | median s | run s |")
        print("|---|---|---|---|---|")
        for mode, source in (("--data", workbook), ("dump saja", None)):
            times = []
            records = 0
            for run in range(args.runs):
                out = root / f"out-{mode[:2]}-{run}.xlsx"
                tick = time.perf_counter()
                done = import_siasn(dumps, source, out, False, False, lambda _: None)
                times.append(time.perf_counter() - tick)
                records = done.records
            shown = ", ".join(f"{t:.2f}" for t in times)
            print(f"| {args.pegawai:,} | {mode} | {records:,} | {statistics.median(times):.2f} | {shown} |")


if __name__ == "__main__":
    main()
