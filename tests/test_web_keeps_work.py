"""`penempatan web` keeps the planner's work (issue 23, item 4), without a browser: answers saved as they are
typed and signed with who and when, the re-plan recording the answers on screen first (or refusing, in Bahasa
Indonesia), the count of answered moves, the scenario form's dates (DD-MM-YYYY) and errors by field, and the
shipped, uploaded and downloaded scenario files. The same in a real browser: tests/test_web_screen.py."""

from __future__ import annotations

import html
import re
import time
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from conftest import wait_task as _wait
from fastapi.testclient import TestClient

from penempatan.excel.read_plan import read_plan_moves
from penempatan.excel.write_answers import Answer, read_answers
from penempatan.web.scenario_form import form_date, shipped
from penempatan.web.store import Berkas

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "data" / "contoh.xlsx"
SHIPPED = ROOT / "data" / "skenario"


@pytest.fixture(scope="module")
def solved(client: TestClient) -> Berkas:
    """contoh.xlsx uploaded and solved once (plan 1)."""
    r = client.post("/api/berkas", files={"berkas": ("contoh.xlsx", CONTOH.read_bytes())})
    berkas = r.json()["id"]
    state = _wait(client, client.post(f"/api/berkas/{berkas}/rencana").json()["tugas"])
    assert state["status"] == "selesai", state
    b: Berkas = client.app.state.service.store.get(berkas)
    return b


def _signed_rows(path: Path, sheet: str, key: str) -> dict[str, tuple[Any, Any]]:
    rows = list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))
    header = list(rows[0])
    who, when = header.index("Dicatat Oleh"), header.index("Waktu Dicatat")
    return {str(r[header.index(key)]): (r[who], r[when]) for r in rows[1:]}


# --- answers -------------------------------------------------------------------------------------------------------
def test_an_answer_is_kept_as_typed_signed_and_written_when_needed(client, solved):
    """One row posted as it is typed is kept at once with the browser's name (the X-Pencatat header) and the
    time; tanggapan.xlsx gets it, with `Dicatat Oleh` and `Waktu Dicatat`, when it is downloaded."""
    run = solved.run(1)
    nip = read_plan_moves(run.plan)[0].nip
    url = f"/berkas/{solved.id}/rencana/1/tanggapan/{nip}"
    r = client.post(url, data={f"t-{nip}": "Keberatan", f"a-{nip}": "=jauh", f"k-{nip}": "", f"c-{nip}": ""},
                    headers={"X-Pencatat": quote("Ibu Sri Rahayu Ş.")})
    assert r.status_code == 200 and "Ibu Sri Rahayu Ş." in r.text and time.strftime("%d-%m-%Y") in r.text
    assert client.app.state.service.answers(run).people[nip] == Answer("Keberatan", "=jauh", "", "")
    assert not run.answers.is_file()  # the workbook copy is written when needed, not at every keystroke
    bad = client.post(url, data={f"t-{nip}": "Mungkin"})
    assert bad.status_code == 422 and "Belum tersimpan" in bad.text and "Setuju atau Keberatan" in bad.text
    assert client.app.state.service.answers(run).people[nip].tanggapan == "Keberatan"

    download = client.get(f"/berkas/{solved.id}/rencana/1/unduh/tanggapan.xlsx")
    assert download.status_code == 200
    assert read_answers(run.answers).people[nip] == Answer("Keberatan", "=jauh", "", "")
    who, when = _signed_rows(run.answers, "Tanggapan", "NIP")[nip]
    assert who == "Ibu Sri Rahayu Ş." and re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", str(when))
    page = client.get(f"/berkas/{solved.id}/tanggapan?rencana=1").text
    assert "Ibu Sri Rahayu Ş." in page


def test_chain_decision_is_signed_in_the_app_and_the_sheet(client, solved):
    """A chain decision records who and when: shown on the chain's row and in `Rantai Mutasi`."""
    run = solved.run(1)
    chain = read_plan_moves(run.plan)[-1].rantai
    r = client.post(f"/berkas/{solved.id}/rencana/1/rantai/{chain}", data={"keputusan": "Setuju"},
                    headers={"X-Pencatat": quote("Pak Budi")})
    assert r.status_code == 200 and "Pak Budi" in r.text
    assert _signed_rows(run.answers, "Rantai Mutasi", "Rantai")[chain][0] == "Pak Budi"
    client.post(f"/berkas/{solved.id}/rencana/1/rantai/{chain}", data={"keputusan": ""})
    assert chain not in read_answers(run.answers).chains
    assert _signed_rows(run.answers, "Rantai Mutasi", "Rantai")[chain] == (None, None)


def test_saved_answers_are_counted_in_moves_not_rows(client, solved):
    """'Simpan' says how many of the plan's moves are answered (never workbook rows, which count chains too)."""
    moves = client.app.state.service.plan(solved, 1).moves
    form = {"rencana": "1", "pencatat": "Sekretariat"}
    for k, m in enumerate(moves):
        form |= {f"t-{m.nip}": "Setuju" if k < 2 else "", f"a-{m.nip}": "", f"k-{m.nip}": "", f"c-{m.nip}": ""}
    r = client.post(f"/berkas/{solved.id}/tanggapan", data=form)
    assert r.status_code == 200
    assert f"2 dari {len(moves)} usulan mutasi sudah ditanggapi" in r.text and "baris rencana" not in r.text
    people = read_answers(solved.run(1).answers).people
    assert set(people) == {moves[0].nip, moves[1].nip}
    assert _signed_rows(solved.run(1).answers, "Tanggapan", "NIP")[moves[1].nip][0] == "Sekretariat"


def test_replan_records_the_answers_on_screen_first_or_refuses(client, solved):
    """'Rencanakan ulang' carries the form: an answer not yet saved is recorded before the solve (so the new
    plan honours it); a value the workbook would refuse stops the re-plan with a message in Bahasa Indonesia."""
    svc = client.app.state.service
    run = solved.run(1)
    moves = svc.plan(solved, 1).moves
    bad = client.post(f"/berkas/{solved.id}/rencana", data={"acuan": "1", f"t-{moves[0].nip}": "Mungkin"})
    assert bad.status_code == 422 and "Rencana ulang dibatalkan" in bad.text
    assert svc.tasks.active(solved.id, "rencana") is None

    nip = moves[-1].nip
    form = {"acuan": "1", f"t-{nip}": "Keberatan", f"a-{nip}": "sakit", f"k-{nip}": "Terima", f"c-{nip}": ""}
    r = client.post(f"/berkas/{solved.id}/rencana", data=form, headers={"X-Pencatat": "Panitia"})
    assert r.status_code == 200
    state = _wait(client, r.text.split("/tugas/")[1].split("?")[0])
    assert state["status"] == "selesai", (state["galat"], state["masalah"][:3])
    assert read_answers(run.answers).people[nip] == Answer("Keberatan", "sakit", "Terima", "")
    assert nip not in {m.nip for m in read_plan_moves(solved.run(state["hasil"]).plan)}


# --- scenarios -----------------------------------------------------------------------------------------------------
def test_dates_are_dd_mm_yyyy_in_the_form_and_iso_in_the_file(client, solved):
    """The form shows and takes dates as DD-MM-YYYY (no browser date picker) and writes TOML dates."""
    page = client.get(f"/berkas/{solved.id}/parameter").text
    assert 'type="date"' not in page and 'placeholder="HH-BB-TTTT"' in page
    assert not re.search(r"<td>\d{4}-\d{2}-\d{2}</td>", page)
    r = client.post(f"/berkas/{solved.id}/parameter", data={"nama": "Acuan Juli", "p-tanggal_acuan": "01-07-2026"},
                    follow_redirects=False)
    assert r.status_code == 303
    saved = tomllib.loads(solved.scenario("acuan-juli.toml").read_text(encoding="utf-8"))
    assert str(saved["parameter"]["tanggal_acuan"]) == "2026-07-01"
    again = client.get(f"/berkas/{solved.id}/parameter?skenario=acuan-juli.toml").text
    assert 'value="01-07-2026"' in again
    assert form_date("1-7-2026") == form_date("2026-07-01") and form_date("31-02-2026") is None


def test_form_errors_are_shown_next_to_their_fields_without_toml_lines(client, solved):
    """A wrong date, number and NIP are each marked at their own field, in words, never as TOML line numbers."""
    r = client.post(f"/berkas/{solved.id}/parameter", data={
        "nama": "Salah", "p-tanggal_acuan": "31-02-2026", "p-maks_mutasi": "abc", "kunci": "123 ; BAPPEDA.0006"})
    assert r.status_code == 422
    page = html.unescape(r.text)
    for field, words in (("p-tanggal_acuan", "HH-BB-TTTT"), ("p-maks_mutasi", "bilangan bulat"),
                         ("kunci", "'123': NIP tidak ada")):
        at = page.index(f'name="{field}"')
        nearby = page[at:at + 700]
        assert 'aria-invalid="true"' in nearby and words in nearby, (field, nearby)
    summary = page[page.index('id="galat-skenario"'):]
    summary = summary[:summary.index("</div>")]
    assert "3 isian" in summary and "baris" not in summary.lower()
    assert not solved.scenario("salah.toml").exists()


def test_shipped_scenarios_are_listed_and_used(client, solved):
    """Every data/skenario/*.toml is listed by its nama; 'Pakai' checks it against the data and keeps it."""
    names = sorted(p.name for p in SHIPPED.glob("*.toml"))
    assert [s.name for s in shipped()] == names and len(names) >= 3
    page = client.get(f"/berkas/{solved.id}/parameter").text
    for s in shipped():
        assert s.title in page and s.name in page
    r = client.post(f"/berkas/{solved.id}/skenario/bawaan", data={"nama": "bekukan-dinkes.toml"},
                    follow_redirects=False)
    assert r.status_code == 303 and "bekukan-dinkes.toml" in solved.scenarios()
    assert client.post(f"/berkas/{solved.id}/skenario/bawaan", data={"nama": "../x.toml"}).status_code == 404


def test_a_toml_is_uploaded_checked_edited_and_downloaded(client, solved):
    """An uploaded .toml is checked like `solve -s` reads it; refused files say why; the kept file opens in the
    form and downloads as uploaded."""
    url = f"/berkas/{solved.id}/skenario/unggah"
    text = (SHIPPED / "masa-jabatan-6-bulan.toml").read_text(encoding="utf-8")
    r = client.post(url, files={"berkas": ("Masa Jabatan 6 Bulan.toml", text.encode())}, follow_redirects=False)
    assert r.status_code == 303
    name = "masa-jabatan-6-bulan.toml"
    assert name in solved.scenarios()
    form = client.get(f"/berkas/{solved.id}/parameter?skenario={name}").text
    assert 'name="p-masa_jabatan_minimal_bulan" value="6"' in form
    assert client.get(f"/berkas/{solved.id}/skenario/{name}").text == text

    wrong = client.post(url, files={"berkas": ("skenario.txt", b"nama = 'x'")})
    assert wrong.status_code == 415 and "bukan berkas skenario .toml" in wrong.text
    broken = client.post(url, files={"berkas": ("rusak.toml", b"nama = \n[parameter\n")})
    assert broken.status_code == 422 and "susunan TOML salah" in broken.text
    assert "rusak.toml" not in solved.scenarios()
    unknown = client.post(url, files={"berkas": ("asing.toml", b'nama = "x"\nbekukan_unit = ["Dinas Fiksi"]\n')})
    assert unknown.status_code == 422 and "Dinas Fiksi" in unknown.text


def test_distribution_targets_in_the_form(client, solved):
    """R27 in the form: a line per target becomes `[[target_sebaran]]` (either bound may be empty), the saved file
    opens in the form as typed, and a wrong group is marked at the field with the closest group."""
    lines = "promosi ; Jenis Kelamin ; Perempuan ; 30\nmutasi ; Golongan ; III ; ; 40"
    r = client.post(f"/berkas/{solved.id}/parameter", data={"nama": "Target perempuan", "target": lines},
                    follow_redirects=False)
    assert r.status_code == 303
    saved = tomllib.loads(solved.scenario("target-perempuan.toml").read_text(encoding="utf-8"))
    assert saved["target_sebaran"] == [
        {"ukuran": "promosi", "bagian": "Jenis Kelamin", "kelompok": "Perempuan", "persen_minimal": 30},
        {"ukuran": "mutasi", "bagian": "Golongan", "kelompok": "III", "persen_maksimal": 40}]
    again = html.unescape(client.get(f"/berkas/{solved.id}/parameter?skenario=target-perempuan.toml").text)
    assert "promosi ; Jenis Kelamin ; Perempuan ; 30\nmutasi ; Golongan ; III ;  ; 40" in again
    r = client.post(f"/berkas/{solved.id}/parameter", data={"nama": "Salah target",
                                                            "target": "promosi ; Jenis Kelamin ; Perempuann ; 30"})
    assert r.status_code == 422
    page = html.unescape(r.text)
    at = page.index('name="target"')
    assert 'aria-invalid="true"' in page[at:at + 700] and "'Perempuan'" in page[at:at + 700]
