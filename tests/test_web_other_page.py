"""Another page on this machine against `penempatan web` in a real browser (issue 24, item 3): a page served
from another 127.0.0.1 port, opened in the browser that holds the app's cookie, can neither read the token nor
change anything in the work folder (upload, solve, delete; by fetch and by a plain form).

Skipped on a machine without Chromium, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import functools
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browser import chromium

from penempatan.web.access import new_token
from penempatan.web.server import Background

ROOT = Path(__file__).resolve().parents[1]

ATTACK = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>halaman lain</title></head><body>
<script>
const APP = "%(app)s", ID = "%(berkas)s";
window.hasil = [];
async function coba(nama, url, init) {
  try {
    const r = await fetch(APP + url, Object.assign({method: "POST", credentials: "include"}, init));
    hasil.push([nama, r.type, r.status, r.type === "opaque" ? "" : await r.text()]);
  } catch (e) { hasil.push([nama, "galat", 0, String(e)]); }
}
(async () => {
  window.kue = document.cookie;
  const xlsx = await (await fetch("/contoh.xlsx")).blob();
  const berkas = () => { const f = new FormData(); f.append("berkas", new File([xlsx], "serang.xlsx")); return f; };
  await coba("baca", "/api/berkas", {method: "GET"});
  await coba("unggah-api", "/api/berkas", {body: berkas(), mode: "no-cors"});
  await coba("unggah-api-cors", "/api/berkas", {body: berkas()});
  await coba("unggah", "/unggah", {body: berkas(), mode: "no-cors"});
  await coba("susun-api", "/api/berkas/" + ID + "/rencana", {mode: "no-cors"});
  await coba("susun", "/berkas/" + ID + "/rencana", {body: new URLSearchParams({skenario: ""}), mode: "no-cors"});
  await coba("hapus", "/berkas/" + ID + "/hapus", {mode: "no-cors"});
  const frame = document.createElement("iframe");
  frame.name = "sasaran";
  document.body.appendChild(frame);
  const form = document.createElement("form");
  form.method = "post"; form.action = APP + "/berkas/" + ID + "/hapus"; form.target = "sasaran";
  document.body.appendChild(form);
  frame.addEventListener("load", () => { window.selesai = true; });
  setTimeout(() => { window.selesai = true; }, 5000);
  form.submit();
})();
</script></body></html>
"""


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def other_site(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A plain http.server on a free 127.0.0.1 port serving `tmp_path` (the other page and contoh.xlsx)."""
    shutil.copy(ROOT / "data" / "contoh.xlsx", tmp_path / "contoh.xlsx")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *_a, **_k: None  # type: ignore[attr-defined]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


def _until(condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(None, timeout, poll_frequency=0.1).until(lambda _d: condition())


def test_a_page_on_another_port_can_neither_read_the_token_nor_change_anything(tmp_path_factory, other_site):
    """The planner has the app open (the browser holds its cookie); a page from another 127.0.0.1 port reads
    document.cookie and posts uploads, solves and a delete by fetch and by a form: it sees no token, reads no
    answer, and the work folder is exactly as before."""
    site, port = other_site
    with Background(tmp_path_factory.mktemp("kerja"), new_token()) as server, \
            chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        svc = server.app.state.service
        b = svc.store.add("contoh.xlsx", (ROOT / "data" / "contoh.xlsx").read_bytes())
        driver.get(server.url)
        _until(lambda: driver.execute_script("return document.documentElement.getAttribute('data-siap')") == "1")
        assert any(c["name"] == f"penempatan_token_{server.port}" for c in driver.get_cookies())
        folder = svc.store.folder
        before = _listing(folder)

        (site / "index.html").write_text(ATTACK % {"app": server.base, "berkas": b.id}, encoding="utf-8")
        driver.get(f"http://127.0.0.1:{port}/index.html")
        _until(lambda: driver.execute_script("return window.selesai === true"), timeout=30)
        time.sleep(0.5)  # a solve or upload that got in would have made its folder by now

        assert server.token not in driver.execute_script("return window.kue")
        results = {name: (kind, status, text) for name, kind, status, text in driver.execute_script("return hasil")}
        assert len(results) == 7, results
        assert results["baca"][0] == "galat"  # the app's answer cannot be read from another origin
        assert all(server.token not in text and b.id not in text for _, _, text in results.values())
        assert _listing(folder) == before
        assert [x.id for x in svc.store.all()] == [b.id] and not b.runs() and not svc.tasks.active(b.id, "rencana")
