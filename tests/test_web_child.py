"""Issue 24 item 1: the web app's heavy jobs run in a child process with a memory and a time limit (a job that
runs away fails with a message and the server keeps serving), and a restart marks the jobs it cut short as
failed and removes what they left half-written."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PAGE_HEADERS, WEB_TOKEN, far_workbook, wait_task
from fastapi.testclient import TestClient

from penempatan.web import child, create_app, service, work
from penempatan.web.app import TASKS_FOLDER
from penempatan.web.tasks import BERJALAN, RESTARTED, Task
from penempatan.web.tasks import TaskQueue as Queue

CONTOH = Path(__file__).resolve().parent.parent / "data" / "contoh.xlsx"


# The jobs swapped in for the real ones: a child finds them by this module's name (spawn passes sys.path on).
def _allocate(*_args: Any, progress: Any) -> None:
    progress("Mencari rencana optimal…")
    hoard = bytearray(2 * 1024 ** 3)
    hoard[-1] = 1


def _sleep(*_args: Any, progress: Any) -> None:
    progress("Mencari rencana optimal…")
    time.sleep(120)


def _abort(*_args: Any, progress: Any) -> None:
    os.abort()



@pytest.fixture
def app_client(tmp_path: Path) -> Iterator[TestClient]:
    """The web app on a fresh work folder (one per test: the tests change the limits)."""
    with TestClient(create_app(tmp_path / "kerja", WEB_TOKEN), headers=PAGE_HEADERS) as c:
        yield c


def _upload(client: TestClient, path: Path = CONTOH) -> str:
    r = client.post("/api/berkas", files={"berkas": (path.name, path.read_bytes())})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _solve(client: TestClient, berkas: str) -> dict[str, Any]:
    r = client.post(f"/api/berkas/{berkas}/rencana", json={})
    assert r.status_code == 202, r.text
    return wait_task(client, r.json()["tugas"])


def test_a_solve_over_the_memory_limit_fails_with_a_message_and_the_server_serves(
        app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A solve whose child allocates past the memory limit ends 'gagal' saying so; the next requests are answered
    and the next solve of the queue makes its plan."""
    berkas = _upload(app_client)
    assert app_client.get(f"/api/berkas/{berkas}/periksa").json()["dapat_dipakai"]
    monkeypatch.setattr(child, "BATAS_MEMORI", 300 * 1024 ** 2)
    monkeypatch.setattr(work, "solve", _allocate)
    state = _solve(app_client, berkas)
    assert state["status"] == "gagal"
    assert state["galat"].startswith("Pekerjaan dihentikan: memori melebihi batas 300 MB")
    assert app_client.get("/api/berkas").json()[0]["rencana"] == []  # nothing half-made is shown
    monkeypatch.undo()
    assert _solve(app_client, berkas)["status"] == "selesai"
    assert app_client.get("/api/berkas").json()[0]["rencana"] == [1]


def test_a_check_over_the_memory_limit_is_one_error_and_the_next_berkas_is_checked(
        app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check whose child runs out of memory is an error of that berkas (kept: the same bytes would do it again),
    and another berkas is checked as usual."""
    bad = _upload(app_client)
    monkeypatch.setattr(child, "BATAS_MEMORI", 300 * 1024 ** 2)
    monkeypatch.setattr(work, "check", _allocate)
    checked = app_client.get(f"/api/berkas/{bad}/periksa").json()
    assert not checked["dapat_dipakai"]
    assert [p["pesan"][:50] for p in checked["masalah"]] == ["Pekerjaan dihentikan: memori melebihi batas 300 MB"]
    monkeypatch.undo()
    assert not app_client.get(f"/api/berkas/{bad}/periksa").json()["dapat_dipakai"]
    assert app_client.get(f"/api/berkas/{_upload(app_client)}/periksa").json()["dapat_dipakai"]
    page = app_client.get(f"/berkas/{bad}")
    assert page.status_code == 200 and "memori melebihi batas" in page.text


def test_an_analysis_over_the_memory_limit_is_a_422_page_with_the_message(
        app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The analysis page, whose job a page waits for, answers the stopped child's message (422), and the next
    analysis is made."""
    berkas = _upload(app_client)
    assert app_client.get(f"/api/berkas/{berkas}/periksa").json()["dapat_dipakai"]
    monkeypatch.setattr(child, "BATAS_MEMORI", 300 * 1024 ** 2)
    monkeypatch.setattr(work, "analyze", _allocate)
    page = app_client.get(f"/berkas/{berkas}/analisis")
    assert page.status_code == 422 and "memori melebihi batas 300 MB" in page.text
    monkeypatch.undo()
    assert app_client.get(f"/berkas/{berkas}/analisis").status_code == 200


def test_a_solve_over_its_time_limit_is_killed(app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A child still working when the solver's time limit and the margin have passed is killed; its task is
    'gagal' saying so, soon after the limit."""
    berkas = _upload(app_client)
    assert app_client.get(f"/api/berkas/{berkas}/periksa").json()["dapat_dipakai"]
    monkeypatch.setattr(service, "BATAS_WAKTU", 1.0)
    monkeypatch.setattr(child, "BATAS_LEBIH", 4.0)
    monkeypatch.setattr(work, "solve", _sleep)
    start = time.monotonic()
    state = _solve(app_client, berkas)
    assert state["status"] == "gagal"
    assert state["galat"].startswith("Pekerjaan dihentikan: waktu habis (batas 5 detik)")
    assert time.monotonic() - start < 30
    assert app_client.get("/api/berkas").status_code == 200


def test_a_child_that_dies_fails_its_task_with_its_exit_code(app_client: TestClient,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A child ended by a signal (here its own abort) fails the task with the code; the server keeps serving."""
    berkas = _upload(app_client)
    assert app_client.get(f"/api/berkas/{berkas}/periksa").json()["dapat_dipakai"]
    monkeypatch.setattr(work, "solve", _abort)
    state = _solve(app_client, berkas)
    assert state["status"] == "gagal"
    assert "proses berhenti tak terduga (kode -6)" in state["galat"]
    assert app_client.get(f"/api/berkas/{berkas}/periksa").status_code == 200


def test_a_cell_at_xfd1048576_is_located_and_the_server_serves_another_berkas(app_client: TestClient,
                                                                              tmp_path: Path) -> None:
    """Issue 24: the 60 KB workbook with one cell at XFD1048576 once aborted the server; now its check is one
    located error, quickly, and another berkas is checked and solved."""
    far = _upload(app_client, far_workbook(tmp_path / "jauh.xlsx", "XFD1048576"))
    start = time.monotonic()
    checked = app_client.get(f"/api/berkas/{far}/periksa").json()
    assert time.monotonic() - start < 20
    assert not checked["dapat_dipakai"]
    errors = [p for p in checked["masalah"] if p["jenis"] == "galat"]
    assert [(p["sheet"], p["baris"]) for p in errors] == [("Pegawai", 1048576)]
    assert "di luar batas" in errors[0]["pesan"]
    page = app_client.get(f"/berkas/{far}")
    assert page.status_code == 200 and "1048576" in page.text
    other = _upload(app_client)
    assert app_client.get(f"/api/berkas/{other}/periksa").json()["dapat_dipakai"]
    assert _solve(app_client, other)["status"] == "selesai"


def test_a_task_running_when_the_server_stopped_is_failed_after_a_restart(tmp_path: Path) -> None:
    """A task the store still holds as 'berjalan' is 'gagal' once a server starts on the same folder, the plan
    folder it left half-written is gone, and the queue makes the next plan."""
    folder = tmp_path / "kerja"
    with TestClient(create_app(folder, WEB_TOKEN), headers=PAGE_HEADERS) as first:
        berkas = _upload(first)
        assert first.get(f"/api/berkas/{berkas}/periksa").json()["dapat_dipakai"]
    half = folder / berkas / "rencana" / "1"
    half.mkdir(parents=True)
    (half / "rencana.xlsx").write_bytes(b"PK\x03\x04 setengah")
    cut = Task("0123456789ab", berkas, "rencana", status=BERJALAN, kemajuan=35, pesan="Mencari rencana optimal…")
    Queue(folder / TASKS_FOLDER)._save(cut)

    with TestClient(create_app(folder, WEB_TOKEN), headers=PAGE_HEADERS) as second:
        state = second.get(f"/api/tugas/{cut.id}").json()
        assert (state["status"], state["galat"]) == ("gagal", RESTARTED)
        assert "server dimulai ulang saat pekerjaan berjalan" in RESTARTED
        assert not half.exists()
        assert second.get("/api/berkas").json()[0]["rencana"] == []
        done = _solve(second, berkas)
        assert (done["status"], done["hasil"]) == ("selesai", 1)

    with TestClient(create_app(folder, WEB_TOKEN), headers=PAGE_HEADERS) as third:  # and it stays so
        assert third.get(f"/api/tugas/{cut.id}").json()["status"] == "gagal"
        assert third.get("/api/berkas").json()[0]["rencana"] == [1]
