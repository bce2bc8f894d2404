"""The HTML report in a real browser (headless Chromium via Selenium): charts render, search filters,
headers sort, input text never runs as script; saves a screenshot to tests/artifacts/report.png.

Skipped on a machine without Chromium, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.report import solve_report, write_report
from penempatan.scoring import Tables
from penempatan.solver import solve
from tests.instances import make_instance

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as drv:
        yield drv


@pytest.fixture(scope="module")
def contoh_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("laporan")
    report = out / "laporan.html"
    result = CliRunner().invoke(app, ["solve", str(ROOT / "data" / "contoh.xlsx"), "-o", str(out / "rek.xlsx"),
                                      "--laporan", str(report)])
    assert result.exit_code == 0, result.output
    return report


def _open(driver: Any, path: Path) -> None:
    driver.get(path.as_uri())
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.documentElement.getAttribute('data-ready')") == "1")


def _until(driver: Any, condition: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda _d: condition())


def _visible_rows(driver: Any, section: str, table: int = 0) -> list[list[str]]:
    """The rows of the section's n-th table that are displayed (rows off the page stay hidden in the DOM)."""
    return driver.execute_script(
        "const t = document.querySelectorAll('#' + arguments[0] + ' table.data')[arguments[1]];"
        "return Array.from(t.querySelectorAll('tbody tr')).filter(r => getComputedStyle(r).display !== 'none')"
        ".map(r => Array.from(r.cells).map(c => c.textContent));", section, table)


def test_charts_render_as_nonempty_svg(driver, contoh_report):
    """Every chart of the contoh.xlsx report is an inline SVG with drawn content and a real size on screen."""
    _open(driver, contoh_report)
    charts = driver.execute_script("""
        return Array.from(document.querySelectorAll('figure.chart')).map(f => {
            const svg = f.querySelector('svg');
            if (!svg) return {name: f.dataset.chart, ok: false};
            const box = svg.getBoundingClientRect();
            return {name: f.dataset.chart, ok: true, children: svg.childElementCount, w: box.width,
                    h: box.height, shapes: svg.querySelectorAll('path, rect, use, text').length};
        });""")
    names = {c["name"] for c in charts}
    assert {"cocok", "unit", "jenis", "aliran", "ninebox", "rotasi"} <= names
    for c in charts:
        assert c["ok"], c
        assert c["children"] > 0 and c["shapes"] > 10, c
        assert c["w"] > 100 and c["h"] > 80, c


def test_search_filters_and_headers_sort(driver, contoh_report):
    """Typing a NIP in the search box leaves only that employee's rows; clicking a header sorts the table."""
    from selenium.webdriver.common.by import By

    _open(driver, contoh_report)
    box = driver.find_element(By.CSS_SELECTOR, "#usulan .tbl")
    rows = _visible_rows(driver, "usulan")
    total = driver.execute_script(
        "const box = document.querySelector('#usulan .tbl');"
        "return JSON.parse(document.getElementById(box.dataset.src).textContent).rows.length;")
    page = min(25, total)
    assert total > 3 and len(rows) == page  # first page of the moves
    nip = rows[3][0]
    search = box.find_element(By.CSS_SELECTOR, "input.cari")
    search.send_keys(nip)
    _until(driver, lambda: all(nip in " ".join(r) for r in _visible_rows(driver, "usulan")))
    filtered = _visible_rows(driver, "usulan")
    assert filtered and len(filtered) < len(rows)
    assert all(nip in " ".join(r) for r in filtered)
    assert "cocok" in box.find_element(By.CSS_SELECTOR, ".info").text
    search.clear()
    search.send_keys("tidak-ada-yang-cocok-xyz")
    _until(driver, lambda: _visible_rows(driver, "usulan") == [])
    search.clear()
    search.send_keys(" ")  # an input event with no words: every row again
    _until(driver, lambda: len(_visible_rows(driver, "usulan")) == page)
    header = next(th for th in box.find_elements(By.CSS_SELECTOR, "thead th") if th.text.startswith("Skor Tujuan"))
    header.click()
    col = [int(r[7]) for r in _visible_rows(driver, "usulan")]
    assert col == sorted(col)
    header.click()
    col = [int(r[7]) for r in _visible_rows(driver, "usulan")]
    assert col == sorted(col, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"


def test_screenshot_saved(driver, contoh_report):
    """A full-page screenshot of the contoh.xlsx report is written to tests/artifacts/report.png."""
    _open(driver, contoh_report)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(int(height) + 100, 16000))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "report.png"
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 50_000
    print(f"screenshot: {path}")
    driver.set_window_size(1280, 900)


def test_input_text_never_runs_as_script(driver, tmp_path):
    """A Nama holding <script> and an onerror handler is shown as text and never executed."""
    base = make_instance(5, 60, 3)
    employees = [e.model_copy(update={"nama": EVIL}) if k < 20 else e for k, e in enumerate(base.employees)]
    data = base.replace(employees=tuple(employees), scenario_name=EVIL)
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    path = tmp_path / "jahat.html"
    write_report(path, solve_report(data, tables, result, source=EVIL))
    _open(driver, path)
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    texts = driver.execute_script("return document.body.innerText")
    assert "<script>window.__pwned = 1</script>" in texts


def test_printing_shows_every_row(driver, contoh_report):
    """In print media every row of every table is displayed, not only the page on screen, and the pager and
    search box are not."""
    _open(driver, contoh_report)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
        counts = driver.execute_script("""
            return Array.from(document.querySelectorAll('.tbl')).map(box => {
                const data = JSON.parse(document.getElementById(box.dataset.src).textContent);
                const shown = Array.from(box.querySelectorAll('tbody tr'))
                    .filter(r => getComputedStyle(r).display !== 'none').length;
                const pager = getComputedStyle(box.querySelector('.pager')).display;
                return {rows: data.rows.length, shown: shown, pager: pager, src: box.dataset.src};
            });""")
    finally:
        driver.execute_script("window.dispatchEvent(new Event('afterprint'));")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert counts and any(c["rows"] > 25 for c in counts)
    for c in counts:
        assert c["shown"] == c["rows"] and c["pager"] == "none", c
    moves = next(c["rows"] for c in counts if c["src"] == "tusulan-data")
    assert len(_visible_rows(driver, "usulan")) == min(25, moves)  # back to one page on screen
