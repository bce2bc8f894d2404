"""`penempatan web` keeps the planner's work and fits the screen (issue 23, item 4), in headless Chromium on a
1366 × 768 screen against the real server: an objection typed and followed at once by "Rencanakan ulang" is
honoured and signed with the name the browser asked for; a shipped scenario uploaded as a .toml is compared;
dates read DD-MM-YYYY; the moves table has no horizontal scroll, its column chooser is remembered, and chains
read as names and posts. Screenshots go to tests/artifacts/web-*.png.

Skipped on a machine without Chromium, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from browser import chromium

from penempatan.excel.read_plan import read_plan_moves
from penempatan.excel.write_answers import Answer, read_answers
from penempatan.web.access import new_token
from penempatan.web.server import Background
from penempatan.web.store import Berkas

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREEN = (1366, 768)
SIGNER = "Sari Wulandari"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as drv:
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": SCREEN[0], "height": SCREEN[1], "deviceScaleFactor": 1, "mobile": False})
        yield drv


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    with Background(tmp_path_factory.mktemp("kerja"), new_token()) as running:
        yield running


@pytest.fixture(scope="module")
def solved(server: Background, driver: Any) -> Berkas:
    """data/contoh.xlsx uploaded and solved once (plan 1), and the browser holding the token cookie."""
    svc = server.app.state.service
    b = svc.store.add("contoh.xlsx", (ROOT / "data" / "contoh.xlsx").read_bytes())
    task = svc.start_solve(b, None, None, False)
    _until(lambda: task.status in ("selesai", "gagal"), timeout=120)
    assert task.status == "selesai", task.galat
    driver.get(server.url)
    return b


def _until(condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(None, timeout, poll_frequency=0.1).until(lambda _d: condition())


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    _until(lambda: driver.execute_script("return document.documentElement.getAttribute('data-siap')") == "1")


def _shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(ARTIFACTS / f"web-{name}.png"))


def test_objection_typed_then_replan_at_once_is_honoured(driver, server, solved):
    """The name is asked once; an objection (Keberatan, accepted) typed and followed at once by 'Rencanakan
    ulang' reaches the re-plan: the objector stays, and tanggapan.xlsx records the answer, who and when."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base = f"{server.base}/berkas/{solved.id}"
    _open(driver, f"{base}/tanggapan?rencana=1")
    ask = driver.find_element(By.ID, "nama-pencatat")
    assert ask.is_displayed()  # asked: no name in this browser yet
    ask.send_keys(SIGNER)
    driver.find_element(By.ID, "simpan-nama").click()
    _until(lambda: SIGNER in driver.find_element(By.ID, "pencatat").text)
    _open(driver, f"{base}/tanggapan?rencana=1")
    assert not driver.find_element(By.ID, "nama-pencatat").is_displayed()  # asked once: kept by the browser

    moves = read_plan_moves(solved.run(1).plan)
    nip = moves[0].nip
    row = driver.find_element(By.ID, f"tanggapan-{nip}")
    Select(row.find_element(By.NAME, f"t-{nip}")).select_by_visible_text("Keberatan")
    Select(row.find_element(By.NAME, f"k-{nip}")).select_by_visible_text("Terima")
    row.find_element(By.NAME, f"a-{nip}").send_keys("merawat orang tua")
    driver.find_element(By.ID, "rencana-ulang").click()  # at once: no wait for the answer's own save

    _until(lambda: driver.find_elements(By.CSS_SELECTOR, "#kemajuan progress, #tabel-usulan, #kemajuan .galat"))
    _until(lambda: driver.find_elements(By.ID, "tabel-usulan"), timeout=120)
    assert "disusun ulang dari rencana 1 dengan tanggapan" in driver.find_element(By.ID, "ringkasan").text
    again = solved.run()
    assert again is not None and again.number == 2
    assert nip not in {m.nip for m in read_plan_moves(again.plan)}  # the accepted objection holds

    first = solved.run(1)
    assert read_answers(first.answers).people[nip] == Answer("Keberatan", "merawat orang tua", "Terima", "")
    sheet = openpyxl.load_workbook(first.answers, read_only=True)["Tanggapan"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    signed = next(r for r in rows[1:] if str(r[header.index("NIP")]) == nip)
    assert signed[header.index("Dicatat Oleh")] == SIGNER
    assert time.strftime("%d-%m-%Y") in str(signed[header.index("Waktu Dicatat")])

    _open(driver, f"{base}/tanggapan?rencana=1")
    assert SIGNER in driver.find_element(By.ID, f"tanggapan-{nip}").text  # who and when, shown in the app
    _shot(driver, "tanggapan")


def test_a_typed_answer_is_kept_without_pressing_save(driver, server, solved):
    """An answer is saved as it is typed: reloading the page without pressing any button still shows it."""
    from selenium.webdriver.common.by import By

    base = f"{server.base}/berkas/{solved.id}"
    _open(driver, f"{base}/tanggapan?rencana=1")
    nip = read_plan_moves(solved.run(1).plan)[-1].nip
    row = driver.find_element(By.ID, f"tanggapan-{nip}")
    row.find_element(By.NAME, f"c-{nip}").send_keys("dibahas rapat kedua")
    _until(lambda: SIGNER in driver.find_element(By.ID, f"tanggapan-{nip}").text)
    _open(driver, f"{base}/tanggapan?rencana=1")
    assert driver.find_element(By.NAME, f"c-{nip}").get_attribute("value") == "dibahas rapat kedua"


def test_moves_table_fits_1366_without_horizontal_scroll(driver, server, solved):
    """At 1366 × 768 neither the page nor the moves table scrolls sideways, and Skor Asal, Skor Tujuan and
    Alasan are on screen; hiding a column is remembered; chains read as names and posts."""
    from selenium.webdriver.common.by import By

    _open(driver, f"{server.base}/berkas/{solved.id}/rencana?rencana=1")
    assert driver.execute_script("return window.innerWidth") == SCREEN[0]
    fits = ("const s = document.scrollingElement, box = document.getElementById('tabel-usulan').parentElement;"
            "return [s.scrollWidth, s.clientWidth, box.scrollWidth, box.clientWidth];")
    page_w, page_client, box_w, box_client = driver.execute_script(fits)
    assert page_w <= page_client and box_w <= box_client, (page_w, page_client, box_w, box_client)
    headers = driver.find_elements(By.CSS_SELECTOR, "#tabel-usulan thead th")
    right = {h.text.replace("\n", " ").strip(" ▲▼"): driver.execute_script(
        "return arguments[0].getBoundingClientRect().right", h) for h in headers}
    for column in ("Skor Asal", "Skor Tujuan", "Alasan"):
        assert right[column] <= SCREEN[0], (column, right)
    _shot(driver, "rencana-1366")

    chooser = driver.find_element(By.CSS_SELECTOR, "[data-kolom-untuk=tabel-usulan]")
    chooser.find_element(By.TAG_NAME, "summary").click()
    chooser.find_element(By.CSS_SELECTOR, "input[value='5']").click()  # Jenis
    jenis = "return getComputedStyle(document.querySelector('#tabel-usulan thead th:nth-child(5)')).display"
    assert driver.execute_script(jenis) == "none"
    _open(driver, f"{server.base}/berkas/{solved.id}/rencana?rencana=1")
    assert driver.execute_script(jenis) == "none"  # remembered by this browser
    driver.find_element(By.CSS_SELECTOR, "[data-kolom-untuk=tabel-usulan] summary").click()
    driver.find_element(By.CSS_SELECTOR, "[data-kolom-untuk=tabel-usulan] input[value='5']").click()
    assert driver.execute_script(jenis) != "none"

    row = driver.find_element(By.CSS_SELECTOR, "#tabel-rantai tbody tr")
    chain = row.get_attribute("id").removeprefix("rantai-")
    words = row.find_element(By.CSS_SELECTOR, "td.urutan").text
    members = [m for m in server.app.state.service.plan(solved, 1).moves if m.chain == chain]
    assert members and "Kursi kosong" not in words and "←" not in words
    for m in members:  # each member by name, from post to post, without seat codes
        assert f"{m.nama}: {m.from_nama} ({m.from_unit}) → {m.to_nama} ({m.to_unit})" in words, words
        assert m.to_kode not in words


def test_shipped_scenario_uploaded_then_compared(driver, server, solved, tmp_path):
    """A shipped scenario (data/skenario/*.toml) uploaded as a file is checked, shown in the form with its
    date fields as DD-MM-YYYY, listed for download, and compared with the base plan."""
    from selenium.webdriver.common.by import By

    shipped = ROOT / "data" / "skenario" / "batas-50-mutasi.toml"
    base = f"{server.base}/berkas/{solved.id}"
    _open(driver, f"{base}/parameter")
    listed = driver.find_element(By.ID, "skenario-bawaan").text
    assert "Paling banyak 50 mutasi" in listed and "Masa jabatan minimal 6 bulan" in listed
    driver.find_element(By.CSS_SELECTOR, "#form-unggah-skenario input[type=file]").send_keys(str(shipped))
    driver.find_element(By.CSS_SELECTOR, "#form-unggah-skenario button").click()
    _until(lambda: driver.find_elements(By.ID, "pesan-skenario"))
    assert "batas-50-mutasi.toml" in driver.find_element(By.ID, "skenario-tersimpan").text
    assert driver.find_element(By.NAME, "p-maks_mutasi").get_attribute("value") == "50"
    date_field = driver.find_element(By.NAME, "p-tanggal_acuan")
    assert date_field.get_attribute("type") == "text" and date_field.get_attribute("placeholder") == "HH-BB-TTTT"

    date_field.send_keys("31-02-2026")  # not a date: refused next to the field, no TOML line number
    driver.find_element(By.CSS_SELECTOR, "#form-skenario button.utama").click()
    _until(lambda: driver.find_elements(By.ID, "galat-skenario"))
    date_field = driver.find_element(By.NAME, "p-tanggal_acuan")
    assert date_field.get_attribute("aria-invalid") == "true"
    near = date_field.find_element(By.XPATH, "..").text
    assert "HH-BB-TTTT" in near and "baris" not in driver.find_element(By.ID, "galat-skenario").text
    _shot(driver, "parameter-galat")

    _open(driver, f"{base}/bandingkan")
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=skenario]")
    assert [b.get_attribute("value") for b in boxes] == ["batas-50-mutasi.toml"]
    driver.find_element(By.CSS_SELECTOR, "form.kartu button.utama").click()
    _until(lambda: driver.find_elements(By.CSS_SELECTOR, "table.banding"), timeout=180)
    assert "Paling banyak 50 mutasi" in driver.find_element(By.CSS_SELECTOR, "table.banding").text
    _shot(driver, "bandingkan")
