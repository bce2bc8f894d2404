"""Fixtures shared by test modules: the web app's test client (tests/test_web_api.py, tests/test_web_keeps_work.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from penempatan.web import create_app

WEB_TOKEN = "rahasia-uji"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The web app on a fresh work folder, one per test module, every request carrying the token."""
    app = create_app(tmp_path_factory.mktemp("kerja"), WEB_TOKEN)
    with TestClient(app, headers={"X-Token": WEB_TOKEN}) as c:
        yield c
