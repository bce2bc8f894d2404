"""Fixtures shared by test modules: the web app's test client (tests/test_web_api.py, tests/test_web_keeps_work.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from penempatan.web import create_app

WEB_TOKEN = "rahasia-uji"
WEB_ORIGIN = "http://testserver"
"""The origin of the TestClient's pages: what a browser sends as `Origin` with a change made from them."""
PAGE_HEADERS = {"X-Token": WEB_TOKEN, "Origin": WEB_ORIGIN}
"""What every request of the `client` fixture carries: the token in its header and the app's own origin."""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The web app on a fresh work folder, one per test module, every request carrying the token in its header
    and the app's own origin, as the pages' requests do."""
    app = create_app(tmp_path_factory.mktemp("kerja"), WEB_TOKEN)
    with TestClient(app, headers=PAGE_HEADERS) as c:
        yield c


def wait_task(client: TestClient, task: str, timeout: float = 90) -> dict[str, Any]:
    """The state of the web app's background task `task` once it has ended (selesai or gagal)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state: dict[str, Any] = client.get(f"/api/tugas/{task}").json()
        if state["status"] in ("selesai", "gagal"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"tugas {task} belum selesai")
