"""`penempatan web` without a browser: the token guard, upload refusals, check, solve through the task queue,
explanations, downloads, scenarios, answers and the re-plan, and the answers writer (excel/write_answers)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from conftest import WEB_TOKEN
from conftest import wait_task as _wait
from fastapi.testclient import TestClient

from penempatan.excel.read_plan import read_plan_moves, read_saved_plan
from penempatan.excel.write_answers import Answer, Answers, AnswersError, read_answers, write_answers
from penempatan.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "data" / "contoh.xlsx"


def _upload(client: TestClient, path: Path = CONTOH, name: str | None = None) -> str:
    r = client.post("/api/berkas", files={"berkas": (name or path.name, path.read_bytes())})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


@pytest.fixture(scope="module")
def solved(client: TestClient) -> str:
    """contoh.xlsx uploaded and solved once (plan 1)."""
    berkas = _upload(client)
    r = client.post(f"/api/berkas/{berkas}/rencana")
    assert r.status_code == 202
    state = _wait(client, r.json()["tugas"])
    assert state["status"] == "selesai", state
    return berkas


# --- access ------------------------------------------------------------------------------------------------------
def test_requests_without_the_token_get_403(client):
    """No token, a wrong token, and the static files and API alike: 403, with the refusal in Bahasa Indonesia."""
    bare = TestClient(client.app)
    for path in ("/", "/api/berkas", "/static/htmx.min.js", "/berkas/0123456789/rencana", "/openapi.json"):
        r = bare.get(path)
        assert r.status_code == 403, path
        assert "token akses" in r.text
    assert bare.get("/api/berkas", headers={"X-Token": "salah"}).status_code == 403
    assert bare.get("/?token=salah").status_code == 403
    assert bare.post("/api/berkas", files={"berkas": ("a.xlsx", b"x")}).status_code == 403


def test_token_in_header_query_or_cookie(client):
    """The token works as X-Token header or token query parameter; a page opened with it sets a cookie with
    which the links work (HttpOnly, SameSite=Strict); every response forbids outside resources and framing."""
    bare = TestClient(client.app)
    assert bare.get("/api/berkas", headers={"X-Token": WEB_TOKEN}).status_code == 200
    r = bare.get(f"/?token={WEB_TOKEN}")
    assert r.status_code == 200
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert bare.get("/api/berkas").status_code == 200  # the cookie now
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


def test_the_command_prints_one_address_and_answers_only_with_its_token(tmp_path):
    """`penempatan web --tanpa-browser --port 0` prints one line http://127.0.0.1:PORT/?token=…; the server
    there answers 403 without the token and 200 with it."""
    import re
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "penempatan", "web", "--tanpa-browser", "--port", "0",
                             "--folder", str(tmp_path / "kerja")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", line), line
        base = line.split("/?")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/", timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(line, timeout=10) as ok:
            assert ok.status == 200 and "Unggah workbook masukan" in ok.read().decode()
    finally:
        proc.terminate()
        proc.wait(10)
    assert (tmp_path / "kerja").is_dir()


def test_other_host_names_are_refused(tmp_path):
    """Served under 127.0.0.1 only: a request naming another host (DNS rebinding) is refused even with the token."""
    app = create_app(tmp_path, WEB_TOKEN, hosts=("127.0.0.1", "localhost"))
    c = TestClient(app, base_url="http://127.0.0.1:8765")
    assert c.get(f"/?token={WEB_TOKEN}").status_code == 200
    assert c.get(f"http://evil.example:8765/?token={WEB_TOKEN}").status_code == 403


def test_docs_are_offline(client):
    """/docs would load Swagger UI from a CDN, so it is off; the OpenAPI description lists the API routes."""
    assert client.get("/docs").status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/berkas", "/api/berkas/{berkas_id}/periksa", "/api/berkas/{berkas_id}/rencana",
                  "/api/tugas/{tugas}", "/api/berkas/{berkas_id}/rencana.xlsx", "/api/berkas/{berkas_id}/jelaskan"):
        assert route in paths


# --- upload and check --------------------------------------------------------------------------------------------
def test_upload_refusals(client, monkeypatch):
    """Not an .xlsx, a file named .xlsx that is not a workbook, an empty file and one over the size limit are
    refused with a message in Bahasa Indonesia; the upload page shows the same message."""
    r = client.post("/api/berkas", files={"berkas": ("data.xls", b"\xd0\xcf\x11\xe0")})
    assert r.status_code == 415 and "bukan workbook Excel .xlsx" in r.json()["galat"]
    assert "Excel Workbook (.xlsx)" in r.json()["galat"]
    r = client.post("/api/berkas", files={"berkas": ("data.xlsx", b"bukan zip sama sekali")})
    assert r.status_code == 400 and "bukan workbook .xlsx yang dapat dibaca" in r.json()["galat"]
    r = client.post("/api/berkas", files={"berkas": ("data.xlsx", b"")})
    assert r.status_code == 400 and "kosong" in r.json()["galat"]
    monkeypatch.setattr("penempatan.web.store.MAX_BYTES", 1000)
    monkeypatch.setattr("penempatan.web.api.MAX_BYTES", 1000)
    r = client.post("/api/berkas", files={"berkas": ("contoh.xlsx", CONTOH.read_bytes())})
    assert r.status_code == 413 and "terlalu besar" in r.json()["galat"]
    page = client.post("/unggah", files={"berkas": ("contoh.xlsx", CONTOH.read_bytes())})
    assert page.status_code == 413 and "terlalu besar" in page.text


def test_pick_from_work_folder_template_and_delete(client):
    """A workbook put into the work folder can be picked like an upload (the file itself stays); the empty
    template downloads; a berkas can be deleted with everything made from it."""
    import shutil

    store = client.app.state.service.store
    shutil.copy(CONTOH, store.folder / "dari-folder.xlsx")
    r = client.post("/pilih", data={"nama": "dari-folder.xlsx"}, follow_redirects=False)
    assert r.status_code == 303 and (store.folder / "dari-folder.xlsx").is_file()
    berkas = r.headers["location"].rsplit("/", 1)[1]
    assert store.get(berkas).name == "dari-folder.xlsx"
    assert client.post("/pilih", data={"nama": "../rahasia.xlsx"}).status_code == 404
    t = client.get("/templat")
    assert t.status_code == 200 and t.content[:2] == b"PK"
    assert client.post(f"/berkas/{berkas}/hapus").status_code == 200
    assert client.get(f"/api/berkas/{berkas}/periksa").status_code == 404


def test_bad_input_gets_the_located_messages_of_check(client):
    """A workbook with bad cells: /periksa lists each problem with sheet, row, column, Excel cell and hint, as
    `penempatan check` does; the page shows them grouped; a plan is refused until the data is fixed."""
    berkas = _upload(client, ROOT / "tests" / "data" / "bad_date.xlsx")
    r = client.get(f"/api/berkas/{berkas}/periksa").json()
    assert not r["dapat_dipakai"] and r["galat"] >= 1
    first = next(p for p in r["masalah"] if p["jenis"] == "galat")
    assert first["sheet"] == "Pegawai" and first["sel"] and first["baris"] and first["pesan"]
    page = client.get(f"/berkas/{berkas}")
    assert page.status_code == 200 and f"Pegawai!{first['sel']}" in page.text
    r = client.post(f"/api/berkas/{berkas}/rencana")
    assert r.status_code == 422 and "galat" in r.json()["galat"]


# --- solve, explain, download ------------------------------------------------------------------------------------
def test_solve_explain_and_download(client, solved):
    """The plan workbook downloads as xlsx; an employee and a post are explained; an unknown NIP gets the CLI's
    message; every page of the berkas renders."""
    r = client.get(f"/api/berkas/{solved}/rencana.xlsx")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert r.content[:2] == b"PK"
    plan = client.get(f"/api/berkas/{solved}/rencana").json()
    nip_col = plan["kolom"].index("NIP")
    mover = plan["usulan"][0]
    who = client.get(f"/api/berkas/{solved}/jelaskan", params={"nip": mover[nip_col]}).json()["pegawai"]
    assert who["pindah"] and who["alasan"] and who["penjelasan"]
    post = client.get(f"/api/berkas/{solved}/jelaskan",
                      params={"jabatan": mover[plan["kolom"].index("Kode Jabatan Tujuan")]}).json()["jabatan"]
    assert post["masuk"]
    r = client.get(f"/api/berkas/{solved}/jelaskan", params={"nip": "199901012020011999"})
    assert r.status_code == 404 and "tidak ada di sheet Pegawai" in r.json()["galat"]
    for page in ("", "/analisis", "/parameter", "/rencana", "/bandingkan", "/unduh", "/tanggapan"):
        assert client.get(f"/berkas/{solved}{page}").status_code == 200, page
    assert "Usulan mutasi" in client.get(f"/berkas/{solved}/rencana").text


def test_two_solves_at_once_are_queued(client, solved):
    """Two plans started together: the second waits (antre) behind the first on the one worker, and both end."""
    first = client.post(f"/api/berkas/{solved}/rencana").json()["tugas"]
    second = client.post(f"/api/berkas/{solved}/rencana").json()["tugas"]
    assert client.get(f"/api/tugas/{second}").json()["status"] == "antre"
    assert _wait(client, first)["status"] == "selesai"
    done = _wait(client, second)
    assert done["status"] == "selesai" and done["kemajuan"] == 100
    assert done["hasil"] == _wait(client, first)["hasil"] + 1
    assert client.get("/api/tugas/tidak-ada").status_code == 404


def test_scenario_form_saves_toml_the_cli_reads(client, solved):
    """The parameter form becomes a scenario file that load_scenario accepts; a wrong value is refused with the
    scenario reader's located message and nothing is kept; the saved scenario plans."""
    from penempatan.excel.read_plan import read_plan_moves as reader
    from penempatan.scenario import load_scenario

    r = client.post(f"/berkas/{solved}/parameter", data={"nama": "Uji web", "p-maks_mutasi": "abc"})
    assert r.status_code == 422 and "Batas jumlah mutasi</a>: " in r.text
    units = client.app.state.service.problem(client.app.state.service.store.get(solved)).units
    r = client.post(f"/berkas/{solved}/parameter", data={"nama": "Uji web", "p-maks_mutasi": "5",
                                                          "p-bidang_wajib": "Ya", "bekukan": units[0]},
                    follow_redirects=False)
    assert r.status_code == 303
    b = client.app.state.service.store.get(solved)
    assert b.scenarios() == ["uji-web.toml"]
    data = client.app.state.service.problem(b)
    scenario = load_scenario(b.scenario("uji-web.toml"), data, read_plan=reader)
    assert scenario.nama == "Uji web" and scenario.parameter["maks_mutasi"] == 5
    assert scenario.bekukan_unit == (units[0],)
    task = client.post(f"/api/berkas/{solved}/rencana", json={"skenario": "uji-web.toml"}).json()["tugas"]
    number = _wait(client, task)["hasil"]
    assert len(read_plan_moves(b.run(number).plan)) <= 5
    client.post(f"/berkas/{solved}/parameter", data={"nama": "Uji web", "p-maks_mutasi": "7"})  # edited later
    restarted = TestClient(create_app(client.app.state.service.store.folder, WEB_TOKEN), headers={"X-Token": WEB_TOKEN})
    page = restarted.get(f"/berkas/{solved}/rencana?rencana={number}")  # read back with the scenario as solved
    assert page.status_code == 200 and "skenario uji-web.toml" in page.text


def test_answers_go_into_a_copy_and_the_replan_uses_it(client, solved):
    """Answers and a chain decision are written into tanggapan.xlsx, never into the plan workbook; 'Rencanakan
    ulang' solves with that copy as acuan."""
    b = client.app.state.service.store.get(solved)
    run = b.run(1)
    before = hashlib.sha256(run.plan.read_bytes()).hexdigest()
    moves = read_plan_moves(run.plan)
    chains = list(dict.fromkeys(m.rantai for m in moves))
    # Approve a chain the plan marks as approvable on its own (R21 per location: a chain that leaves a school
    # short needs the chain that refills it), reject another, and object to a move in a third.
    sheet = openpyxl.load_workbook(run.plan, read_only=True)["Rantai Mutasi"]
    rows = list(sheet.iter_rows(values_only=True))
    alone = {r[0] for r in rows[1:] if r[rows[0].index("Dapat Disetujui Terpisah")] == "Ya"}
    approved = next(c for c in chains if c in alone)
    chain = next(c for c in reversed(chains) if c != approved)
    nip = next(m.nip for m in moves if m.rantai not in (approved, chain))
    r = client.post(f"/api/berkas/{solved}/tanggapan?rencana=1",
                    json={"tanggapan": {nip: {"tanggapan": "Keberatan", "alasan": "=jauh dari keluarga",
                                              "keputusan": "Terima"}}, "rantai": {chain: "Tolak"}})
    assert r.status_code == 200 and r.json()["tercatat"] == 2
    assert hashlib.sha256(run.plan.read_bytes()).hexdigest() == before
    saved = read_answers(run.answers)
    assert saved.people[nip] == Answer("Keberatan", "=jauh dari keluarga", "Terima", "")
    assert saved.chains == {chain: "Tolak"}
    bad = client.post(f"/api/berkas/{solved}/tanggapan?rencana=1", json={"rantai": {chain: "Mungkin"}})
    assert bad.status_code == 422 and "Setuju atau Tolak" in bad.json()["galat"]
    page = client.post(f"/berkas/{solved}/rencana/1/rantai/{approved}", data={"keputusan": "Setuju"})
    assert page.status_code == 200 and 'data-keputusan="Setuju"' in page.text
    assert read_answers(run.answers).chains == {chain: "Tolak", approved: "Setuju"}
    task = client.post(f"/berkas/{solved}/rencana", data={"acuan": "1"})
    assert task.status_code == 200
    tid = task.text.split("/tugas/")[1].split("?")[0]
    state = _wait(client, tid)
    assert state["status"] == "selesai", (state["galat"], state["masalah"][:3])
    again = b.run(state["hasil"])
    assert again.meta()["acuan"] == 1 and again.meta()["acuan_berkas"] == "tanggapan.xlsx"
    assert ("acuan", "tanggapan.xlsx") in [(k, str(v)) for k, v in read_saved_plan(again.plan).parameter_rows]
    page = client.get(f"/berkas/{solved}/rencana?rencana={again.number}").text
    assert "disusun ulang dari rencana 1 dengan tanggapan" in page and "Perubahan dibanding rencana 1" in page
    # The decisions hold in the new plan: the objector stays, the approved chain is kept, the rejected one gone.
    now = {m.nip: m.tujuan for m in read_plan_moves(again.plan)}
    assert nip not in now
    for m in moves:
        if m.rantai == approved:
            assert now.get(m.nip) == m.tujuan
        if m.rantai == chain:
            assert now.get(m.nip) != m.tujuan


def test_letters_zip_and_compare(client, solved):
    """The letters of a plan come as one zip of .docx files with the list; compare shows the base and a
    scenario side by side."""
    import io
    import zipfile

    task = client.post(f"/berkas/{solved}/rencana/1/surat")
    tid = task.text.split("/tugas/")[1].split("?")[0]
    assert _wait(client, tid)["status"] == "selesai"
    z = client.get(f"/berkas/{solved}/rencana/1/unduh/surat.zip")
    names = zipfile.ZipFile(io.BytesIO(z.content)).namelist()
    assert "daftar-surat.xlsx" in names and sum(n.endswith(".docx") for n in names) > len(
        read_plan_moves(client.app.state.service.store.get(solved).run(1).plan))
    b = client.app.state.service.store.get(solved)
    if not b.scenarios():
        client.post(f"/berkas/{solved}/parameter", data={"nama": "Banding", "p-maks_mutasi": "3"})
    name = b.scenarios()[0]
    task = client.post(f"/berkas/{solved}/bandingkan", data={"skenario": name})
    tid = task.text.split("/tugas/")[1].split("?")[0]
    assert _wait(client, tid)["status"] == "selesai"
    page = client.get(f"/berkas/{solved}/bandingkan").text
    assert "Dasar" in page and "Nilai Objektif" in page


# --- the answers writer --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory, solved: str, client: TestClient) -> Path:
    return client.app.state.service.store.get(solved).run(1).plan


def test_write_answers_keeps_text_as_text_and_the_plan_unchanged(plan_file, tmp_path):
    """A reason like '=1+1' is stored as text in the copy; the plan workbook's bytes do not change; the
    drop-downs stay."""
    before = plan_file.read_bytes()
    moves = read_plan_moves(plan_file)
    out = tmp_path / "salinan.xlsx"
    n = write_answers(plan_file, out, Answers({moves[0].nip: Answer("Keberatan", "=1+1", "Tolak", "=SUM(A1)")},
                                              {moves[0].rantai: "Setuju"}))
    assert n == 2 and plan_file.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    row = next(r for r in wb["Tanggapan"].iter_rows(min_row=2) if r[0].value == moves[0].nip)
    assert [c.value for c in row[3:]] == ["Keberatan", "=1+1", "Tolak", "=SUM(A1)"]
    assert row[4].data_type == "s" and row[6].data_type == "s"
    assert wb["Tanggapan"].data_validations.dataValidation


def test_write_answers_refusals(plan_file, tmp_path):
    """A value outside the drop-down and writing over the plan itself are refused."""
    with pytest.raises(AnswersError, match="Setuju atau Keberatan"):
        write_answers(plan_file, tmp_path / "x.xlsx", Answers({"1": Answer(tanggapan="Ya")}))
    with pytest.raises(AnswersError, match="rencana asli"):
        write_answers(plan_file, plan_file, Answers())
