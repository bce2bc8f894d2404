"""Issue 23 on every page of the web app: parameters by their label (the key only in form field names and the
scenario file's text), a legend of exactly the rule codes a page shows, with the registry's wording, and the
solver's statuses in words."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import wait_task
from fastapi.testclient import TestClient

from penempatan.parameters import PARAM_LABELS, param_help
from penempatan.result import SolveStatus
from penempatan.rules import RULES

CONTOH = Path(__file__).resolve().parents[1] / "data" / "contoh.xlsx"
KEYS = re.compile(r"\b(" + "|".join(sorted((k for k in PARAM_LABELS if "_" in k), key=len, reverse=True)) + r")\b")
"""Every parameter key written as a key (with '_'): 'kontak' is also a plain word."""
CODE = re.compile(r"\bR\d{1,2}\b")
LEGEND = re.compile(r'<details class="legenda">(.*?)</details>', re.S)
LEGEND_ROW = re.compile(r"<tr><td>(R\d{1,2})</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", re.S)


class _Page(HTMLParser):
    """What a planner reads on a page: its text and the attributes shown as text (title, aria-label,
    placeholder), without scripts, styles and the scenario file's own text (`<pre class="toml">`); the text
    inside and outside the rule legends apart."""

    SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []
        self.legend: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, is a legend, is hidden from the reader)

    def _state(self) -> tuple[bool, bool]:
        return any(s[1] for s in self.stack), any(s[2] for s in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag in ("details", "pre", "script", "style"):
            self.stack.append((tag, tag == "details" and "legenda" in classes,
                               tag in ("script", "style") or (tag == "pre" and "toml" in classes)))
        in_legend, hidden = self._state()
        if not hidden:
            shown = [v for k, v in attrs if k in self.SHOWN_ATTRIBUTES and v]
            (self.legend if in_legend else self.outside).extend(shown)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        in_legend, hidden = self._state()
        if not hidden:
            (self.legend if in_legend else self.outside).append(data)


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def pages(client: TestClient) -> dict[str, str]:
    """contoh.xlsx solved with the benefit curve, a scenario saved from the form (two parameters changed), the
    scenario form refused once, a comparison of the base and the scenario; every page of the berkas by name."""
    r = client.post("/api/berkas", files={"berkas": ("contoh.xlsx", CONTOH.read_bytes())})
    assert r.status_code == 201, r.text
    b = r.json()["id"]
    assert wait_task(client, client.post(f"/api/berkas/{b}/rencana", json={"kurva": True}).json()["tugas"],
                     300)["status"] == "selesai"
    refused = client.post(f"/berkas/{b}/parameter", data={"nama": "Uji", "p-maks_mutasi": "abc"})
    assert refused.status_code == 422
    saved = client.post(f"/berkas/{b}/parameter", data={"nama": "Uji", "p-maks_mutasi": "5",
                                                        "p-bidang_wajib": "Tidak"}, follow_redirects=False)
    assert saved.status_code == 303
    task = client.post(f"/berkas/{b}/bandingkan", data={"skenario": "uji.toml"})
    assert wait_task(client, task.text.split("/tugas/")[1].split("?")[0], 300)["status"] == "selesai"
    plan = client.get(f"/api/berkas/{b}/rencana").json()
    columns, moves = plan["kolom"], plan["usulan"]
    mover = moves[0]
    out = {"parameter (ditolak)": refused.text}
    for name, url in [("periksa", ""), ("analisis", "/analisis"), ("parameter", "/parameter"),
                      ("skenario", "/parameter?skenario=uji.toml"), ("rencana", "/rencana"),
                      ("bandingkan", "/bandingkan"), ("unduh", "/unduh"), ("tanggapan", "/tanggapan"),
                      ("jelaskan pegawai", f"/jelaskan?nip={mover[columns.index('NIP')]}"),
                      ("jelaskan jabatan", f"/jelaskan?jabatan={mover[columns.index('Kode Jabatan Tujuan')]}")]:
        r = client.get(f"/berkas/{b}{url}")
        assert r.status_code == 200, (name, r.text[:300])
        out[name] = r.text
    return out


def test_no_parameter_key_on_any_page(pages: dict[str, str]) -> None:
    """No page shows a parameter's key (`maks_mutasi`) to the planner: forms, help, comparisons and reasons
    name it by its label; the key stays in form field names and in the scenario file's text."""
    for name, html in pages.items():
        shown = " ".join(_read(html).outside + _read(html).legend)
        assert not KEYS.findall(shown), (name, sorted(set(KEYS.findall(shown))))


def test_the_form_shows_labels_and_meanings(pages: dict[str, str]) -> None:
    """The scenario form has a row per parameter headed by its label, with its meaning; a refused value is
    listed by the field's label; the comparison names the changed parameters by their labels."""
    form = pages["parameter"]
    for key, label in PARAM_LABELS.items():
        assert f'<th scope="row" class="param-nama">{label}</th>' in form.replace("&amp;", "&"), key
        assert f'name="p-{key}"' in form
    assert param_help("nilai_rotasi") in _read(form).outside
    assert f'">{PARAM_LABELS["maks_mutasi"]}</a>: ' in pages["parameter (ditolak)"]
    compared = " ".join(_read(pages["bandingkan"]).outside)
    assert f"{PARAM_LABELS['maks_mutasi']} (kosong) → 5" in compared
    assert f"{PARAM_LABELS['bidang_wajib']} Ya → Tidak" in compared


def test_every_rule_code_shown_has_its_legend(pages: dict[str, str]) -> None:
    """Every page that shows rule codes has a legend of exactly those codes, each with the registry's wording
    and legal source (never typed again); a page without codes has no legend."""
    with_codes = set()
    for name, html in pages.items():
        page = _read(html)
        shown = set(CODE.findall(" ".join(page.outside)))
        legends = LEGEND.findall(html)
        listed = [m for legend in legends for m in LEGEND_ROW.findall(legend)]
        assert shown == {code for code, *_ in listed}, (name, sorted(shown), [c for c, *_ in listed])
        for code, text, source, _param in listed:
            assert (text, source) == (RULES[code].text, RULES[code].source), (name, code)
        with_codes |= {name} if shown else set()
    assert {"rencana", "analisis", "parameter", "bandingkan", "jelaskan pegawai"} <= with_codes


def test_moves_table_legend_has_the_codes_of_its_reasons(pages: dict[str, str]) -> None:
    """The legend under the moves table lists the codes its Alasan column cites."""
    html = pages["rencana"]
    section = html.split('<section id="usulan">')[1].split("</section>")[0]
    table, legend = section.split('<details class="legenda">')
    assert set(CODE.findall(" ".join(_read(table).outside))) == set(CODE.findall(legend.split("</summary>")[1]))


def test_statuses_in_words(pages: dict[str, str]) -> None:
    """No page shows the solver's status code (OPTIMAL, FEASIBLE, INFEASIBLE …); the comparison says the outcome
    in words."""
    codes = re.compile(r"\b(" + "|".join(s.value for s in SolveStatus) + r")\b")
    for name, html in pages.items():
        assert not codes.findall(" ".join(_read(html).outside)), name
    assert "rencana terbaik" in pages["bandingkan"]


def test_form_lists_and_cross_field_errors_in_words(client: TestClient) -> None:
    """A list parameter typed 'a; b' becomes a TOML list the scenario reader accepts (not a number or a string);
    a message about two parameters names both by their labels."""
    from penempatan.scenario import load_scenario

    r = client.post("/api/berkas", files={"berkas": ("contoh.xlsx", CONTOH.read_bytes())})
    b = r.json()["id"]
    saved = client.post(f"/berkas/{b}/parameter", data={"nama": "Daftar", "p-kotak_promosi": "8; 9",
                                                        "p-status_boleh_mutasi": "Aktif; CPNS"},
                        follow_redirects=False)
    assert saved.status_code == 303, saved.text[:500]
    svc = client.app.state.service
    berkas = svc.store.get(b)
    scenario = load_scenario(berkas.scenario("daftar.toml"), svc.problem(berkas))
    assert scenario.parameter["kotak_promosi"] == (8, 9)
    assert scenario.parameter["status_boleh_mutasi"] == ("Aktif", "CPNS")
    refused = client.post(f"/berkas/{b}/parameter", data={"nama": "Pilkada", "p-larangan_mulai": "10-10-2026",
                                                          "p-larangan_selesai": "01-10-2026"})
    assert refused.status_code == 422
    shown = " ".join(_read(refused.text).outside)
    assert f"“{PARAM_LABELS['larangan_selesai']}” sebelum “{PARAM_LABELS['larangan_mulai']}”" in shown
    assert not KEYS.findall(shown)
