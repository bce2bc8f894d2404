"""`penempatan web` on a large pemda, measured in a real browser (headless Chromium via Selenium): how long the
Rencana page (moves table) takes to open and how long a search or a filter takes to answer.

    .venv/bin/python benchmarks/web.py [--pegawai 5000] [--runs 5]

Makes the fictional demo workbook (`penempatan demo --pegawai N`) in a temporary folder, solves it through the
app's task queue, then opens the Rencana page `runs` times (time from navigation start to the page's script
having set up the tables: `data-siap`) and types searches into the moves table (time from the input event to
the second animation frame after it, i.e. the filtered table painted). Reports medians; the numbers go to
benchmarks/RESULTS.md ("web").
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from penempatan.usecases import jobs
from penempatan.web.access import new_token
from penempatan.web.server import Background

SEARCH = """
const box = document.getElementById('cari-usulan'), done = arguments[arguments.length - 1];
const t0 = performance.now();
box.value = arguments[0];
box.dispatchEvent(new Event('input', {bubbles: true}));
requestAnimationFrame(() => requestAnimationFrame(() => {
  const shown = Array.from(document.querySelectorAll('#tabel-usulan tbody tr')).filter(r => !r.hidden).length;
  done([performance.now() - t0, shown]);
}));
"""
FILTER = """
const sel = document.getElementById('saring-unit'), done = arguments[arguments.length - 1];
const t0 = performance.now();
sel.selectedIndex = arguments[0];
sel.dispatchEvent(new Event('change', {bubbles: true}));
requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
"""


def _driver() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--no-first-run", "--disable-background-networking"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "chromedriver"))


def _open(driver: Any, url: str) -> float:
    """Seconds from navigation start until the page's tables are set up (web.js sets data-siap)."""
    driver.get(url)
    while driver.execute_script("return document.documentElement.getAttribute('data-siap')") != "1":
        time.sleep(0.01)
    return float(driver.execute_script("return performance.now()")) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pegawai", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="penempatan-web-bench-"))
    try:
        data = work / f"demo-{args.pegawai}.xlsx"
        jobs.write_demo(data, args.pegawai, 1)
        folder = work / "kerja"
        with Background(folder, new_token()) as server:
            svc = server.app.state.service
            berkas = svc.store.add(data.name, data.read_bytes())
            svc.check(berkas)
            start = time.perf_counter()
            task = svc.start_solve(berkas, None, None, False)
            while task.status not in ("selesai", "gagal"):
                time.sleep(0.1)
            solve_s = time.perf_counter() - start
            assert task.status == "selesai", task.galat
            plan = svc.plan(berkas)
            driver = _driver()
            try:
                driver.get(server.url)
                page = f"{server.base}/berkas/{berkas.id}/rencana"
                opens = [_open(driver, page) for _ in range(args.runs)]
                size = len(driver.page_source.encode())
                nip = plan.moves[len(plan.moves) // 2].nip
                word = plan.moves[0].to_unit.split()[-1]
                searches: dict[str, list[float]] = {}
                shown: dict[str, int] = {}
                for _ in range(args.runs):
                    for term in (nip, word, "kepala", "tidak-ada-xyz", ""):
                        ms, n = driver.execute_async_script(SEARCH, term)
                        searches.setdefault(term, []).append(ms)
                        shown[term] = n
                filters = [driver.execute_async_script(FILTER, k % 3 + 1) for k in range(args.runs)]
                driver.execute_async_script(FILTER, 0)
            finally:
                driver.quit()
        with Background(folder, new_token()) as server:  # a restarted server reads the plan back
            driver = _driver()
            try:
                driver.get(server.url)
                cold = _open(driver, f"{server.base}/berkas/{berkas.id}/rencana")
            finally:
                driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {_cores()} cores, Python {platform.python_version()}")
    print(f"{args.pegawai} employees, {len(plan.moves)} moves, {len(plan.chains)} chains; solve through the queue "
          f"{solve_s:.1f} s; Rencana page {size / 1024:.0f} KB")
    print(f"Rencana page open (plan in memory), median of {args.runs}: {statistics.median(opens):.2f} s "
          f"(min {min(opens):.2f}, max {max(opens):.2f})")
    print(f"Rencana page open after a server restart (plan read back and verified): {cold:.2f} s")
    for term, times in searches.items():
        label = {nip: "a NIP", word: f"'{word}'", "": "cleared"}.get(term, f"'{term}'")
        print(f"search {label}: median {statistics.median(times):.1f} ms (max {max(times):.1f}), "
              f"{shown[term]} rows shown (pages of 50)")
    print(f"unit filter: median {statistics.median(filters):.1f} ms (max {max(filters):.1f})")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
