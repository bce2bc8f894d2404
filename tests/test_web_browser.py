"""`penempatan web` in a real browser (headless Chromium via Selenium) against the real server: upload
data/contoh.xlsx → its check → solve with the progress bar → search the moves → a move's explanation → approve
a chain → download the plan workbook. Saves screenshots to tests/artifacts/web-*.png.

Skipped on a machine without Chromium, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium

from penempatan.excel.write_answers import read_answers
from penempatan.web.access import new_token
from penempatan.web.server import Background

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unduhan")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium-profile"), downloads) as drv:
        yield drv


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    with Background(tmp_path_factory.mktemp("kerja"), new_token()) as running:
        yield running


def _until(condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(None, timeout, poll_frequency=0.1).until(lambda _d: condition())


def _shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(ARTIFACTS / f"web-{name}.png"))


def _visible(driver: Any, table: str) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.textContent);", table)


def test_upload_check_solve_explain_approve_download(driver, server, downloads):
    """The whole flow from data/contoh.xlsx to a downloaded plan workbook, in the browser only."""
    from selenium.webdriver.common.by import By

    driver.get(server.url)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Unggah workbook masukan"
    assert driver.execute_script("return document.documentElement.getAttribute('data-siap')") == "1"
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(ROOT / "data" / "contoh.xlsx"))
    driver.find_element(By.CSS_SELECTOR, "form.unggah button").click()
    _until(lambda: driver.find_elements(By.ID, "hasil-periksa"))
    assert "Data dapat dipakai" in driver.find_element(By.ID, "hasil-periksa").text
    assert driver.find_elements(By.CSS_SELECTOR, "details.kelompok")  # contoh's warnings, grouped
    _shot(driver, "periksa")

    driver.find_element(By.LINK_TEXT, "Lanjut ke Rencana").click()
    driver.find_element(By.ID, "susun").click()
    _until(lambda: driver.find_elements(By.CSS_SELECTOR, "#kemajuan progress, #tabel-usulan"))
    _until(lambda: driver.find_elements(By.ID, "tabel-usulan"), timeout=90)  # HX-Redirect when done
    rows = _visible(driver, "#tabel-usulan")
    assert len(rows) > 5
    _shot(driver, "rencana")

    nip = driver.find_element(By.CSS_SELECTOR, "#tabel-usulan tbody tr td").text
    search = driver.find_element(By.ID, "cari-usulan")
    search.send_keys(nip)
    _until(lambda: len(_visible(driver, "#tabel-usulan")) == 1)
    assert nip in _visible(driver, "#tabel-usulan")[0]
    search.clear()
    search.send_keys(" ")
    _until(lambda: len(_visible(driver, "#tabel-usulan")) == len(rows))

    driver.find_element(By.CSS_SELECTOR, "#tabel-usulan tbody tr td:nth-child(2) a").click()
    _until(lambda: driver.find_elements(By.CSS_SELECTOR, "#panel:not([hidden]) #penjelasan"))
    panel = driver.find_element(By.ID, "penjelasan").text
    assert "Rencana: PINDAH" in panel and "Penjelasan untuk pegawai" in panel
    _shot(driver, "jelaskan")
    driver.find_element(By.CSS_SELECTOR, "[data-tutup-panel]").click()

    first = driver.find_element(By.CSS_SELECTOR, "#tabel-rantai tbody tr")
    chain = first.get_attribute("id").removeprefix("rantai-")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    first.find_element(By.CSS_SELECTOR, "button.setuju").click()
    decided = "const row = document.getElementById(arguments[0]); return row && row.getAttribute('data-keputusan')"
    _until(lambda: driver.execute_script(decided, f"rantai-{chain}") == "Setuju")  # the row is swapped: no stale
    berkas = server.app.state.service.store.all()[0]
    assert read_answers(berkas.run(1).answers).chains == {chain: "Setuju"}

    driver.find_element(By.LINK_TEXT, "Unduh").click()
    driver.find_element(By.ID, "unduh-rencana-1").click()
    path = _until(lambda: next((p for p in downloads.glob("*.xlsx")), None))
    _until(lambda: not list(downloads.glob("*.crdownload")))
    time.sleep(0.2)
    assert path.name == "contoh-rekomendasi-1.xlsx"
    with zipfile.ZipFile(path) as z:
        assert "xl/workbook.xml" in z.namelist()


def test_pages_have_no_script_errors(driver, server):
    """Every page of the solved berkas loads without a JavaScript error or a blocked resource (CSP)."""
    berkas = server.app.state.service.store.all()[0]
    driver.get_log("browser")
    for page in ("", "/analisis", "/parameter", "/rencana", "/bandingkan", "/unduh", "/tanggapan"):
        driver.get(f"{server.base}/berkas/{berkas.id}{page}")
        _until(lambda: driver.execute_script("return document.documentElement.getAttribute('data-siap')") == "1")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, (page, errors)
