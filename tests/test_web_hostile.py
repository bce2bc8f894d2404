"""`penempatan web` against another page and odd requests (issue 24, item 3): a write needs the token in a
header (or the pages' CSRF token) and this origin, the cookie alone never does; the cookie's name carries the
port; uploads are cut off while they stream; odd upload names are stored safely; an unknown NIP, chain or post
is a located 4xx; links encode what they carry; text from the input cannot reorder a page."""

from __future__ import annotations

import re
import select
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from conftest import WEB_ORIGIN, WEB_TOKEN
from conftest import wait_task as _wait
from fastapi.testclient import TestClient

from penempatan.web.access import csrf_token, new_token
from penempatan.web.rendering import _templates
from penempatan.web.server import Background

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "data" / "contoh.xlsx"
OTHER_PAGE = "http://127.0.0.1:9999"
"""A page served from another port of the same machine: the same site as the app, another origin."""
COOKIE = "penempatan_token_80"
"""The cookie the app sets under TestClient, whose server is testserver:80."""


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _odd_codes(path: Path) -> dict[str, str]:
    """contoh.xlsx with every Kode Jabatan made awkward for a URL ('SETDA.0001' -> 'SETDA/0001 #1'), saved at
    `path`; returns old -> new."""
    wb = openpyxl.load_workbook(CONTOH)
    codes = {str(r[0].value): str(r[0].value).replace(".", "/") + " #1"
             for r in wb["Jabatan"].iter_rows(min_row=2) if r[0].value}
    for ws in (wb[name] for name in ("Pegawai", "Jabatan", "Permintaan") if name in wb.sheetnames):
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value in codes:
                    cell.value = codes[cell.value]
    wb.save(path)
    return codes


@pytest.fixture(scope="module")
def solved(client: TestClient, tmp_path_factory: pytest.TempPathFactory) -> str:
    """contoh.xlsx with Kode Jabatan like 'SETDA/0001 #1' uploaded and solved once (plan 1)."""
    path = tmp_path_factory.mktemp("kode") / "kode-aneh.xlsx"
    _odd_codes(path)
    r = client.post("/api/berkas", files={"berkas": (path.name, path.read_bytes())})
    assert r.status_code == 201, r.text
    berkas = str(r.json()["id"])
    state = _wait(client, client.post(f"/api/berkas/{berkas}/rencana").json()["tugas"])
    assert state["status"] == "selesai", state
    return berkas


@pytest.fixture
def bare(client: TestClient) -> Iterator[TestClient]:
    """A browser tab that has opened the app's address with the token: it holds the cookie, nothing else."""
    tab = TestClient(client.app)
    assert tab.get(f"/?token={WEB_TOKEN}").status_code == 200
    yield tab


# --- writes need more than the cookie ---------------------------------------------------------------------------
def test_cookie_name_carries_the_port_and_only_that_cookie_reads(client):
    """The address with the token sets `penempatan_token_PORT` (HttpOnly, SameSite=Strict); the old portless
    name, which every port of 127.0.0.1 would receive, opens nothing."""
    tab = TestClient(client.app)
    r = tab.get(f"/?token={WEB_TOKEN}")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={WEB_TOKEN};")
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert tab.get("/api/berkas").status_code == 200
    stranger = TestClient(client.app, cookies={"penempatan_token": WEB_TOKEN})
    assert stranger.get("/api/berkas").status_code == 403


def test_cookie_alone_changes_nothing_from_any_origin(client, bare, solved):
    """Holding the cookie, posts without the token in a header (as another page's fetch or form would send
    them) are refused, from another origin and from none: upload, start a solve, delete a berkas; the work
    folder stays as it was."""
    folder = client.app.state.service.store.folder
    before = _listing(folder)
    xlsx = {"berkas": ("contoh.xlsx", CONTOH.read_bytes())}
    for origin in ({"Origin": OTHER_PAGE}, {"Origin": "null", "Sec-Fetch-Site": "same-site"}, {}):
        attempts = [bare.post("/api/berkas", files=xlsx, headers=origin),
                    bare.post("/unggah", files=xlsx, headers=origin),
                    bare.post(f"/api/berkas/{solved}/rencana", headers=origin),
                    bare.post(f"/berkas/{solved}/rencana", data={"skenario": ""}, headers=origin),
                    bare.post(f"/berkas/{solved}/hapus", headers=origin),
                    bare.post("/pilih", data={"nama": "x.xlsx"}, headers=origin)]
        assert [r.status_code for r in attempts] == [403] * len(attempts), origin
        assert "Perubahan ditolak" in attempts[0].json()["galat"]
    assert _listing(folder) == before


def test_the_token_from_another_origin_changes_nothing(client, solved):
    """Even with the token (or the CSRF token) in a header, a write from another origin, or one the browser
    marks as from another site, is refused."""
    folder = client.app.state.service.store.folder
    before = _listing(folder)
    csrf = csrf_token(WEB_TOKEN)
    for headers in ({"X-Token": WEB_TOKEN, "Origin": OTHER_PAGE}, {"X-CSRF-Token": csrf, "Origin": OTHER_PAGE},
                    {"X-Token": WEB_TOKEN, "Sec-Fetch-Site": "same-site"},
                    {"X-Token": WEB_TOKEN, "Origin": "null", "Sec-Fetch-Site": "cross-site"}):
        tab = TestClient(client.app)
        r = tab.post(f"/berkas/{solved}/hapus", headers=headers)
        assert r.status_code == 403, headers
        assert tab.post("/api/berkas", files={"berkas": ("c.xlsx", CONTOH.read_bytes())},
                        headers=headers).status_code == 403
    assert _listing(folder) == before


def test_what_the_pages_send_is_accepted(client, bare):
    """The pages' own requests pass: htmx's X-CSRF-Token header with this origin, a plain form's ?csrf= with
    Origin null and Sec-Fetch-Site same-origin (Chromium under Referrer-Policy no-referrer), a script's X-Token
    without browser headers; the page carries the CSRF token in hx-headers and in every form's action."""
    csrf = csrf_token(WEB_TOKEN)
    page = bare.get("/").text
    assert f'hx-headers=\'{{"X-CSRF-Token": "{csrf}"}}\'' in page
    assert f'action="/unggah?csrf={csrf}"' in page and WEB_TOKEN not in page
    xlsx = {"berkas": ("contoh.xlsx", CONTOH.read_bytes())}
    assert bare.post("/api/berkas", files=xlsx, headers={"X-CSRF-Token": csrf, "Origin": WEB_ORIGIN}).status_code == 201
    r = bare.post(f"/unggah?csrf={csrf}", files=xlsx, headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
                  follow_redirects=False)
    assert r.status_code == 303
    assert TestClient(client.app).post("/api/berkas", files=xlsx, headers={"X-Token": WEB_TOKEN}).status_code == 201
    assert bare.post(f"/unggah?csrf={csrf[:-1]}x", files=xlsx, headers={"Origin": WEB_ORIGIN}).status_code == 403


# --- uploads cut off while they stream ---------------------------------------------------------------------------
HEAD = (b"--grens\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"besar.xlsx\"\r\n"
        b"Content-Type: application/octet-stream\r\n\r\n")


def _stream(server: Background, path: str, total: int, length: int | None = None) -> tuple[int, str, int]:
    """POST a multipart .xlsx of `total` bytes to the running server over a raw socket, chunk by chunk (or
    announcing `length` in Content-Length), stopping as soon as the server answers; returns the status, the
    body and how many bytes of the body were sent by then."""
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    framing = "Transfer-Encoding: chunked" if length is None else f"Content-Length: {length}"
    sock.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nX-Token: {server.token}\r\n"
                  f"Origin: {server.base}\r\nContent-Type: multipart/form-data; boundary=grens\r\n"
                  f"{framing}\r\n\r\n").encode())
    sent, chunk, answer = 0, b"PK" + b"\0" * (64 * 1024 - 2), b""
    body = iter([HEAD] + [chunk] * (total // len(chunk)) + [b"\r\n--grens--\r\n"]) if length is None else iter([])
    sock.setblocking(False)
    try:
        for part in body:
            data = b"%x\r\n%s\r\n" % (len(part), part)
            while data:
                readable, writable, _ = select.select([sock], [sock], [], 10)
                if readable:
                    raise StopIteration
                if writable:
                    data = data[sock.send(data):]
            sent += len(part)
    except (StopIteration, ConnectionError):
        pass
    sock.setblocking(True)
    sock.settimeout(10)
    try:
        while b"\r\n\r\n" not in answer or len(answer) < answer.index(b"\r\n\r\n") + 30:
            got = sock.recv(65536)
            if not got:
                break
            answer += got
    finally:
        sock.close()
    head, _, text = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), text.decode("utf-8", "replace"), sent


@pytest.fixture
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    with Background(tmp_path_factory.mktemp("kerja-aliran"), new_token()) as server:
        yield server


@pytest.mark.parametrize("path", ["/api/berkas", "/unggah"])
def test_upload_over_the_limit_is_cut_off_while_streaming(running, monkeypatch, tmp_path, path):
    """A 64 MB body (chunked, so no Content-Length warns) to the real server is answered 413 with a message in
    Bahasa Indonesia once the limit (1 MB here) has arrived, while the sender is still sending: the rest is
    never read, nothing is spooled to the temp folder or kept in the work folder."""
    monkeypatch.setattr("penempatan.web.api.MAX_BYTES", 1024 * 1024)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = running.app.state.service.store.folder
    before = _listing(folder)
    status, text, sent = _stream(running, path, 64 * 1024 * 1024)
    assert status == 413
    assert "terlalu besar" in text and "1 MB" in text
    assert sent < 24 * 1024 * 1024  # of 64 MB: the limit and what the sockets' buffers hold
    assert _listing(folder) == before and not list(tmp_path.iterdir())


def test_upload_announcing_too_much_is_refused_before_reading(running):
    """A Content-Length over the limit (600 MB) is refused at once, before any of the body is sent."""
    status, text, sent = _stream(running, "/api/berkas", 0, length=600 * 1024 * 1024)
    assert status == 413 and "50 MB" in text and sent == 0


def test_upload_over_the_limit_in_one_piece_is_refused(client, monkeypatch, tmp_path):
    """The same limit through TestClient (which sends the body in one piece): 413, nothing kept."""
    monkeypatch.setattr("penempatan.web.api.MAX_BYTES", 1024 * 1024)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = client.app.state.service.store.folder
    before = _listing(folder)
    for path in ("/api/berkas", "/unggah"):
        r = client.post(path, files={"berkas": ("besar.xlsx", b"PK" + b"\0" * (3 * 1024 * 1024))})
        assert r.status_code == 413 and "terlalu besar" in r.text and "1 MB" in r.text
    assert _listing(folder) == before and not list(tmp_path.iterdir())


def test_a_large_scenario_file_is_cut_off_too(client, solved):
    """A .toml over the scenario limit is refused 413 on the Parameter page; nothing is kept."""
    b = client.app.state.service.store.get(solved)
    before = b.scenarios()
    r = client.post(f"/berkas/{solved}/skenario/unggah", files={"berkas": ("besar.toml", b"#" * (2 * 1024 * 1024))})
    assert r.status_code == 413 and "terlalu besar" in r.text
    assert b.scenarios() == before


# --- odd names -----------------------------------------------------------------------------------------------------
ODD_NAMES = ["a" * 300 + ".xlsx", "é" * 200 + ".xlsx", "..\\..\\windows\\evil.xlsx", "../../etc/passwd.xlsx",
             "data\x00\x1b[31mmerah\x07.xlsx", "laporan\u202egnp.xlsx", "CON.xlsx", "nul.XLSX", "com1.data.xlsx",
             ".xlsx", " . .xlsx", "masalah.xlsx", "tab\tdan\nbaris.xlsx"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_upload_names_are_stored_safely(client, name):
    """Long names (305 characters), folders, control characters, bidi overrides and names Windows reserves
    are uploaded (201) under a short, clean name that keeps .xlsx, inside the berkas's own folder."""
    r = client.post("/api/berkas", files={"berkas": (name, CONTOH.read_bytes())})
    assert r.status_code == 201, r.text
    stored = r.json()["nama"]
    assert re.fullmatch(r"[\w.\- ]+\.xlsx", stored), stored
    assert len(stored.encode()) <= 125 and not stored.startswith((".", " "))
    assert stored.split(".")[0].strip().lower() not in {"con", "nul", "com1", "prn", "aux", "lpt1"}
    b = client.app.state.service.store.get(r.json()["id"])
    assert b.data.parent == b.folder and b.data.is_file() and b.name == stored
    assert stored not in {"masalah.xlsx", "analisis.xlsx", "banding.xlsx"}


@pytest.mark.parametrize("name", ["s" * 300 + ".toml", "CON.toml", "a/../../b\u202e.toml", "\x1b[2J.toml"])
def test_odd_scenario_names_are_stored_safely(client, solved, name):
    """A scenario file with an odd name is kept as a short, clean .toml inside the berkas's scenario folder."""
    b = client.app.state.service.store.get(solved)
    r = client.post(f"/berkas/{solved}/skenario/unggah", files={"berkas": (name, b'nama = "Aneh"\n')},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    stored = r.headers["location"].split("skenario=")[1].split("&")[0]
    assert re.fullmatch(r"[\w\-]{1,60}\.toml", stored) and not stored.startswith("con.")
    assert b.scenario(stored).is_file()
    assert "\u202e" not in client.get(r.headers["location"]).text


# --- unknown NIP, chain, post: a located 4xx ---------------------------------------------------------------------
def test_unknown_nip_chain_or_key_in_answers_is_refused_with_its_place(client, solved):
    """/api/…/tanggapan names the field and value of an unknown NIP, chain or answer key (422) and records
    nothing; the page form does the same for a t-NIP field."""
    svc = client.app.state.service
    plan = svc.plan(svc.store.get(solved), 1)
    mover, chain = plan.moves[0].nip, plan.chains[0].id
    url = f"/api/berkas/{solved}/tanggapan?rencana=1"
    cases = [({"tanggapan": {"199901012020011999": {"tanggapan": "Setuju"}}},
              "tanggapan.199901012020011999", "199901012020011999"),
             ({"rantai": {"R-TIDAK-ADA": "Setuju"}}, "rantai.R-TIDAK-ADA", "R-TIDAK-ADA"),
             ({"tanggapan": {mover: {"tanggapn": "Setuju"}}}, f"tanggapan.{mover}.tanggapn", "tanggapn"),
             ({"tanggapan": {mover: {"tanggapan": "Setuju"}, "123": {"tanggapan": "Setuju"}},
               "rantai": {chain: "Setuju"}}, "tanggapan.123", "123")]
    for body, field, value in cases:
        r = client.post(url, json=body)
        assert r.status_code == 422, body
        assert r.json()["bidang"] == field and r.json()["nilai"] == value
        assert value in r.json()["galat"]
    log = svc.answer_log(plan.run)
    assert mover not in log.people and chain not in log.chains
    page = client.post(f"/berkas/{solved}/tanggapan", data={"rencana": "1", "t-777": "Setuju"})
    assert page.status_code == 422 and "t-777" in page.text and "NIP 777" in page.text
    replan = client.post(f"/berkas/{solved}/rencana", data={"acuan": "1", "t-777": "Setuju"})
    assert replan.status_code == 422 and "NIP 777" in replan.text


def test_unknown_nip_or_post_in_explain_is_a_located_404(client, solved):
    """Explaining an unknown NIP or Kode Jabatan answers 404 naming the field and the value, API and page."""
    r = client.get(f"/api/berkas/{solved}/jelaskan", params={"nip": "199901012020011999"})
    assert r.status_code == 404 and r.json()["bidang"] == "nip" and r.json()["nilai"] == "199901012020011999"
    assert "199901012020011999" in r.json()["galat"]
    r = client.get(f"/api/berkas/{solved}/jelaskan", params={"jabatan": "TIDAK/ADA #9"})
    assert r.status_code == 404 and r.json()["bidang"] == "jabatan" and "TIDAK/ADA #9" in r.json()["galat"]
    page = client.get(f"/berkas/{solved}/jelaskan", params={"jabatan": "TIDAK/ADA #9"})
    assert page.status_code == 404 and "TIDAK/ADA #9" in page.text


def test_unknown_scenario_or_reference_plan_for_a_solve_is_located(client, solved):
    """Starting a solve with a scenario or a reference plan that does not exist answers 4xx naming the field."""
    for body, field, value, status in (({"skenario": "tidak-ada.toml"}, "skenario", "tidak-ada.toml", 404),
                                       ({"skenario": "../x.toml"}, "skenario", "../x.toml", 400),
                                       ({"acuan": 99}, "acuan", "99", 404)):
        r = client.post(f"/api/berkas/{solved}/rencana", json=body)
        assert r.status_code == status and (r.json()["bidang"], r.json()["nilai"]) == (field, value), r.text


# --- links encode what they carry -----------------------------------------------------------------------------------
def test_explain_links_encode_the_kode_jabatan(client, solved):
    """Kode Jabatan like 'SETDA/0001 #1' appear in the Rencana page's links percent-encoded, and following
    such a link explains that very post."""
    page = client.get(f"/berkas/{solved}/rencana").text
    links = re.findall(r'href="(/berkas/[^"]*jelaskan\?[^"]*jabatan=[^"]*)"', page)
    assert links and all("#" not in link and " " not in link and "%2F" in link and "%20%231" in link
                         for link in links)
    link = links[0].replace("&amp;", "&")
    kode = re.search(r"jabatan=([^&]*)", link)
    assert kode is not None
    r = client.get(link)
    assert r.status_code == 200
    assert f"<h2>{unquote(kode.group(1))} " in r.text


# --- text from the input stays text --------------------------------------------------------------------------------
def test_control_and_bidi_characters_from_the_input_are_shown_as_replacement(client, tmp_path):
    """A cell value with bidi overrides and markup, quoted by a check problem, is shown
    with '�' in place of the invisible characters and the markup escaped; every template output does so."""
    wb = openpyxl.load_workbook(CONTOH)
    wb["Pegawai"].cell(2, 3).value = "IV/\u202ez<b>\u2066"  # Golongan: unknown, so quoted in a problem
    path = tmp_path / "aneh.xlsx"
    wb.save(path)
    r = client.post("/api/berkas", files={"berkas": ("nama\u202eaneh.xlsx", path.read_bytes())})
    assert r.status_code == 201 and "\u202e" not in r.json()["nama"]
    page = client.get(f"/berkas/{r.json()['id']}").text
    assert "IV/\ufffdz&lt;b&gt;\ufffd" in page
    assert "\u202e" not in page and "\u2066" not in page and "<b>" not in page
    shown = _templates.env.from_string("{{ x }}|{{ y | nilai }}").render(x="a\u202eb\x1bc<i>", y="d\u2066e")
    assert shown == "a\ufffdb\ufffdc&lt;i&gt;|d\ufffde"
