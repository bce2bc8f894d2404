"""Shared by test modules: the web app's test client and `wait_task` (the web tests), the workbook maker of
tests/data/make_workbooks.py and a workbook with a cell far out (the reader and hostile-input tests)."""

from __future__ import annotations

import functools
import importlib.util
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
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


@functools.cache
def workbook_maker() -> ModuleType:
    """tests/data/make_workbooks.py as a module (it is a script in a data folder, not a package)."""
    path = Path(__file__).parent / "data" / "make_workbooks.py"
    spec = importlib.util.spec_from_file_location("make_workbooks", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def far_workbook(path: Path, cell: str) -> Path:
    """The valid test workbook with one more cell at `cell` on sheet Pegawai (a few KB on disk)."""
    mk = workbook_maker()
    workbook = mk.build(mk.valid_sheets())
    workbook["Pegawai"][cell] = "x"
    workbook.save(path)
    return path
