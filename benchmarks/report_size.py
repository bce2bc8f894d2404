"""Size and load time of the HTML report (`solve --laporan`) on demo data (issue 6).

    python benchmarks/report_size.py --sizes 5000 50000 [--seed 1] [--time-limit 120] [--keep DIR]

Per size: demo → solve, then the time to build the page (`solve_report`), its size (raw and gzip) and,
when Chromium and Selenium are present, headless Chromium's time from navigation until the page's script
has drawn every table (median of 3 loads), the time to filter the transfer list by a search word, and to
draw every row at once ("Semua"). Prints one markdown row per size.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900")


def build(n: int, seed: int, time_limit: float, out: Path) -> dict[str, Any]:
    from penempatan.demo import generate_demo
    from penempatan.report import solve_report, write_report
    from penempatan.scoring import Tables
    from penempatan.solver import solve

    data = generate_demo(n_pegawai=n, seed=seed)
    tables = Tables(data)
    result = solve(data, time_limit, tables=tables)
    tick = time.perf_counter()
    page = solve_report(data, tables, result, source=f"demo-{n}.xlsx")
    build_s = time.perf_counter() - tick
    write_report(out, page)
    raw = out.read_bytes()
    return {"pegawai": n, "mutasi": int((result.assignment != tables.cur).sum()), "build_s": build_s,
            "mb": len(raw) / 1e6, "gzip_mb": len(gzip.compress(raw, 6)) / 1e6}


def browser(path: Path, profile: Path) -> dict[str, Any]:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        return {}
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    drv = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    drv.set_page_load_timeout(300)
    try:
        loads = []
        for _ in range(3):
            drv.get("about:blank")
            drv.get(path.as_uri())
            WebDriverWait(drv, 300).until(lambda d: d.execute_script(
                "return document.documentElement.getAttribute('data-ready')") == "1")
            # From navigation start until the script marked the page ready (tables drawn).
            loads.append(drv.execute_script(
                "const e = performance.getEntriesByType('navigation')[0];"
                "return e.domContentLoadedEventEnd;") / 1000)
        search = drv.execute_script("""
            const box = document.querySelector('#usulan .tbl'), input = box.querySelector('.cari');
            const t0 = performance.now();
            input.value = 'rotasi jatuh'; input.dispatchEvent(new Event('input'));
            return new Promise(r => setTimeout(() => r(performance.now() - t0), 0));""")
        show_all = drv.execute_script("""
            const box = document.querySelector('#usulan .tbl'), input = box.querySelector('.cari');
            input.value = ''; input.dispatchEvent(new Event('input'));
            return new Promise(r => setTimeout(() => {
                const sel = box.querySelector('.per'), t0 = performance.now();
                sel.value = '0'; sel.dispatchEvent(new Event('change'));
                const rows = box.querySelectorAll('tbody tr').length;
                r([performance.now() - t0, rows]);
            }, 300));""")
        return {"load_s": statistics.median(loads), "search_ms": search, "all_ms": show_all[0],
                "all_rows": show_all[1]}
    finally:
        drv.quit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--keep", type=Path, help="folder to keep the reports in")
    args = parser.parse_args()
    print("| pegawai | mutasi | buat laporan s | ukuran MB | gzip MB | buka di Chromium s | cari ms "
          "| tampilkan semua ms (baris) |")
    print("|---" * 8 + "|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            path = folder / f"laporan-{n}.html"
            r = build(n, args.seed, args.time_limit, path)
            b = browser(path, Path(tmp) / f"profile-{n}")
            shown = (f"{b['load_s']:.2f} | {b['search_ms']:.0f} | {b['all_ms']:.0f} ({b['all_rows']})" if b
                     else "– | – | –")
            print(f"| {r['pegawai']} | {r['mutasi']} | {r['build_s']:.1f} | {r['mb']:.1f} | {r['gzip_mb']:.2f} "
                  f"| {shown} |", flush=True)


if __name__ == "__main__":
    main()
