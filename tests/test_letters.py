"""`penempatan surat` (SPEC 7): the letter drafts, their list and combined file, and the plan workbook's
Tanggapan sheet and Keputusan column the planner fills in."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from builders import emp, post
from contoh import solved_copy
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.explain import PlanView
from penempatan.letters import (
    COMBINED_NAME,
    LIST_NAME,
    Letter,
    Sender,
    file_name,
    letters_for,
    render_letters,
    template_path,
    write_default_template,
)
from penempatan.letters.template import BLOCKS, BODY, FIELDS, KOP, REPLY, SIGNATURE
from penempatan.model import Params, Pin, ProblemData
from penempatan.scoring import Tables
from penempatan.solver import solve

runner = CliRunner()
SAFE = re.compile(r"\d{18}-[A-Za-z0-9]+(-[A-Za-z0-9]+)*\.docx")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Solve a copy of data/contoh.xlsx, then write its letters."""
    tmp = tmp_path_factory.mktemp("surat")
    data, plan = solved_copy(tmp, runner)
    folder = tmp / "surat"
    res = runner.invoke(app, ["surat", str(data), "--rencana", str(plan), "-o", str(folder)])
    assert res.exit_code == 0, res.output
    return {"data": data, "plan": plan, "folder": folder}


def _rows(path: Path, sheet: str) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    try:
        return list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()


def _moves(made: dict[str, Path]) -> dict[str, dict[str, object]]:
    header, *rows = _rows(made["plan"], "Usulan Mutasi")
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in rows}


def _letters(made: dict[str, Path]) -> list[Path]:
    return sorted(p for p in made["folder"].glob("*.docx") if p.name != COMBINED_NAME)


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_one_letter_per_move(made):
    """The folder holds exactly one letter per row of Usulan Mutasi, each named after its mover's NIP."""
    moves = _moves(made)
    letters = _letters(made)
    assert len(letters) == len(moves) > 0
    assert {p.name.split("-")[0] for p in letters} == set(moves)


def test_letters_say_who_and_why_without_codes_or_scores(made):
    """Each letter opens with python-docx and holds the mover's NIP, name, both posts and the exact Penjelasan
    of the workbook, and no rule code (R1…R21), score or nilai."""
    moves = _moves(made)
    for path in _letters(made):
        move = moves[path.name.split("-")[0]]
        body = _text(path)
        for field in ("NIP", "Nama", "Jabatan Asal", "Jabatan Tujuan", "Unit Tujuan", "Penjelasan"):
            assert str(move[field]) in body, (path.name, field)
        assert not re.search(r"\bR\d+\b", body)
        assert "skor" not in body.lower() and "nilai" not in body.lower()
        assert "Setuju" in body and "Keberatan" in body and "{{" not in body


def test_file_names_are_safe_on_windows(made):
    """Letter names are ASCII, NIP first, without characters Windows refuses, even for odd names."""
    assert all(SAFE.fullmatch(p.name) for p in _letters(made))
    odd = file_name("198008052006101001", 'Dr. Ñoño "X" <a>/b: c?*|. ')
    assert odd == "198008052006101001-Dr-Nono-X-a-b-c.docx"
    assert SAFE.fullmatch(odd)


def test_daftar_surat_lists_every_file(made):
    """daftar-surat.xlsx has one row per letter naming its file, NIP stored as text."""
    header, *rows = _rows(made["folder"] / LIST_NAME, "Daftar Surat")
    assert header == ("NIP", "Nama", "Jabatan Tujuan", "Unit Tujuan", "Berkas")
    assert sorted(r[4] for r in rows) == [p.name for p in _letters(made)]
    assert all(isinstance(r[0], str) and r[4].startswith(r[0]) for r in rows)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sections(path: Path) -> list[tuple[str, str | None]]:
    """The sections of a .docx read from its XML: (the text of the section, its w:sectPr/w:type value)."""
    with zipfile.ZipFile(path) as z:
        body = ElementTree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    out, text = [], []
    for el in body:
        text.append("".join(t.text or "" for t in el.iter(f"{W}t")))
        sect = el if el.tag == f"{W}sectPr" else el.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            kind = sect.find(f"{W}type")
            out.append(("\n".join(text), None if kind is None else kind.get(f"{W}val")))
            text = []
    return out


def test_combined_document_starts_every_letter_on_an_odd_page(made):
    """semua-surat.docx holds one section per letter, each with one mover's NIP, and every section after the
    first is of type oddPage (w:sectPr/w:type), so duplex printing never puts two letters on one sheet; no
    plain page breaks are left."""
    path = made["folder"] / COMBINED_NAME
    sections = _sections(path)
    moves = _moves(made)
    assert len(sections) == len(_letters(made)) > 1
    assert [[nip for nip in moves if f"NIP {nip}" in text] for text, _ in sections] == [[m] for m in moves]
    assert [kind for _, kind in sections[1:]] == ["oddPage"] * (len(sections) - 1)
    assert 'w:type="page"' not in docx.Document(str(path)).element.body.xml


def test_answer_date_default_and_given(made, tmp_path):
    """Without --batas-tanggapan a letter says 14 days after tanggal_acuan; with it, the given date."""
    assert "14 hari setelah tanggal acuan" in _text(_letters(made)[0])
    folder = tmp_path / "s"
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(made["plan"]), "-o", str(folder),
                              "--batas-tanggapan", "31-12-2026"])
    assert res.exit_code == 0, res.output
    body = _text(next(p for p in folder.glob("*.docx") if p.name != COMBINED_NAME))
    assert "31 Desember 2026 (batas yang ditetapkan panitia)" in body


def test_existing_output_refused_without_timpa(made):
    """A second run into the same folder is refused (exit 2) and changes nothing; --timpa replaces."""
    files = {p: _sha(p) for p in made["folder"].iterdir()}
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(made["plan"]), "-o", str(made["folder"])])
    assert res.exit_code == 2
    assert "--timpa" in res.output
    assert {p: _sha(p) for p in made["folder"].iterdir()} == files
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(made["plan"]), "-o", str(made["folder"]),
                              "--timpa"])
    assert res.exit_code == 0, res.output
    assert set(made["folder"].iterdir()) == set(files)


def test_plan_that_differs_from_the_data_is_refused(made, tmp_path):
    """A saved plan whose moves the rules and data do not allow (here one edited Kode Jabatan Tujuan) is
    refused with exit 2 naming the row, and no letter is written."""
    wb = load_workbook(made["plan"])
    ws = wb["Usulan Mutasi"]
    col = [c.value for c in ws[1]].index("Kode Jabatan Tujuan") + 1
    ws.cell(2, col).value = ws.cell(3, col).value
    edited = tmp_path / "diubah.xlsx"
    wb.save(edited)
    folder = tmp_path / "s"
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(edited), "-o", str(folder)])
    assert res.exit_code == 2
    assert "tidak sesuai dengan aturan dan data" in res.output and "Usulan Mutasi baris 2" in res.output
    assert not any(folder.iterdir())


def test_plan_from_other_data_is_refused(made, tmp_path):
    """Letters are written from the saved plan without solving, so the plan must come from these bytes of
    DATA (sha256_input in Parameter): other data is refused with exit 2."""
    other = tmp_path / "lain.xlsx"
    wb = load_workbook(made["data"])
    wb["Pengaturan"].cell(1, 3).value = "diubah"
    wb.save(other)
    res = runner.invoke(app, ["surat", str(other), "--rencana", str(made["plan"]), "-o", str(tmp_path / "s")])
    assert res.exit_code == 2
    assert "dibuat dari data lain" in res.output


def test_tanggapan_sheet_has_one_row_per_mover_with_dropdowns(made):
    """Tanggapan lists every mover once (NIP as text, Usulan filled, the planner's cells empty) with the
    drop-downs Setuju/Keberatan and Terima/Tolak."""
    moves = _moves(made)
    wb = load_workbook(made["plan"])
    ws = wb["Tanggapan"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(moves)
    assert all(ws.cell(k, 1).data_type == "s" for k in range(2, ws.max_row + 1))
    for r in rows:
        assert r[2] == f"{moves[r[0]]['Jabatan Tujuan']}, {moves[r[0]]['Unit Tujuan']}"
        assert r[3:] == (None, None, None, None)
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"D2": '"Setuju,Keberatan"', "F2": '"Terima,Tolak"'}
    assert all(str(dv.sqref).endswith(str(len(rows) + 1)) for dv in ws.data_validations.dataValidation)


def test_rantai_mutasi_has_keputusan_dropdown(made):
    """Rantai Mutasi ends with an empty Keputusan column with the drop-down Setuju/Tolak."""
    wb = load_workbook(made["plan"])
    ws = wb["Rantai Mutasi"]
    header = [c.value for c in ws[1]]
    assert header[-1] == "Keputusan"
    assert all(r[-1] is None for r in ws.iter_rows(min_row=2, values_only=True))
    (dv,) = ws.data_validations.dataValidation
    letter = ws.cell(1, len(header)).column_letter
    assert str(dv.sqref) == f"{letter}2:{letter}{ws.max_row}" and dv.formula1 == '"Setuju,Tolak"'


def test_shipped_template_has_the_placeholders():
    """data/surat-template.docx opens and holds the body, kop, signature and reply-slip placeholders, the place and
    date, and the addressee's."""
    body = _text(template_path())
    for marker in (BODY, REPLY, KOP, SIGNATURE, "{{NAMA}}", "{{NIP}}", "{{TEMPAT_SURAT}}, {{TANGGAL_SURAT}}"):
        assert marker in body, marker


def test_shipped_template_is_the_default_one(tmp_path):
    """The committed template has the paragraphs `write_default_template` writes (it was made by it)."""
    fresh = tmp_path / "t.docx"
    write_default_template(fresh)
    assert _text(fresh) == _text(template_path())


SENDER = dict(nama_instansi="Pemerintah Kota Uji; Badan Kepegawaian", alamat_instansi="Jl. Balai Kota No. 1; Telepon 1",
              penanda_tangan="Kepala Badan Kepegawaian; Budi Uji, S.H.; Pembina (IV/a); NIP 1",
              kontak="Sari, Bidang Mutasi, telepon 2", tempat_surat="Kota Uji")


@pytest.fixture(scope="module")
def pinned() -> list[Letter]:
    """Letters of a hand-built plan: Pegawai 1 pinned from a kelas-7 post in Dinas A to a kelas-8 post in Dinas B
    with an address; two nurses pinned from Puskesmas Satu to Puskesmas Dua, only Pegawai 3 with an STR."""
    nurse = dict(jenis="Fungsional", rumpun_jf="Perawat", kebutuhan=2, pendidikan_min="S-1", bidang="keperawatan")
    posts = (post("P7", "Dinas A", kelas=7), post("P8", "Dinas B", kelas=8, alamat=" Jl. Uji\nNo. 1 "),
             post("PK1", "Dinas Kesehatan", nama="Perawat Ahli Pertama Puskesmas Satu", **nurse),
             post("PK2", "Dinas Kesehatan", nama="Perawat Ahli Pertama Puskesmas Dua", **nurse))
    people = (emp(1, "P7"), emp(2, "PK1", bidang="keperawatan"),
              emp(3, "PK1", bidang="keperawatan", sertifikat=("STR Perawat",)))
    params = Params(tanggal_acuan=date(2026, 12, 1), maks_keluar_unit_persen=100, kekurangan_unit_boleh_naik=True,
                    **SENDER)
    data = ProblemData(employees=people, positions=posts, params=params,
                       pins=tuple(Pin(nip=e.nip, kode_jabatan=k) for e, k in zip(people, ("P8", "PK2", "PK2"),
                                                                                 strict=True)))
    tables = Tables(data)
    letters = letters_for(PlanView(data, tables, solve(data, 10, tables=tables)))
    assert [x.nama for x in letters] == ["Pegawai 1", "Pegawai 2", "Pegawai 3"]
    return letters


def test_letter_says_what_changes_kelas_tunjangan_workplace_and_address(pinned):
    """The kelas jabatan from → to with the tunjangan that follows the new kelas, the workplace (location and
    unit) and the new workplace's address as sheet Jabatan gives it; no address line without one."""
    one, two, _ = pinned
    assert one.changes() == ["Kelas jabatan 7 → 8 (tunjangan kinerja/TPP mengikuti kelas jabatan 8)",
                             "Tempat kerja: Dinas A → Dinas B", "Alamat tempat kerja yang diusulkan: Jl. Uji No. 1"]
    assert two.changes() == ["Kelas jabatan tetap 8 (tunjangan kinerja/TPP tetap mengikuti kelas jabatan 8)",
                             "Tempat kerja: Puskesmas Satu (Dinas Kesehatan) → Puskesmas Dua (Dinas Kesehatan)"]
    heads = [text for kind, text in one.body() if kind == "judul"]
    assert heads.index("Yang berubah bagi Anda") == heads.index("Tujuan dan alasan usulan") + 1
    assert ("butir", one.changes()[0]) in one.body()


def test_letter_names_the_licence_and_when(pinned):
    """A post of a licensed JF family names its licence: held (keep it valid) or not recorded (hand in a valid
    copy before the pelantikan, also a step of the timeline); a post without one says none is needed."""
    one, two, three = pinned
    assert ("butir", "Lisensi yang disyaratkan jabatan ini: STR. Data kepegawaian belum mencatatnya; serahkan "
                     "salinan yang masih berlaku sebelum pelantikan.") in two.requirements()
    assert "Sebelum pelantikan: menyerahkan salinan STR yang masih berlaku." in two.timeline()
    assert any("STR. Anda tercatat sudah memilikinya" in text for _, text in three.requirements())
    assert not any("STR" in step for step in three.timeline())
    assert one.lisensi is None and "tidak ada lisensi yang disyaratkan" in one.requirements()[0][1]


def test_sender_fills_kop_signature_contact_place_and_date(pinned):
    """nama_instansi and alamat_instansi make the kop (centred, the name in bold), penanda_tangan the signature
    (jabatan, room to sign, the name in bold, then the lines under it), kontak the contact sentence and
    tempat_surat with tanggal_acuan the place and date; no placeholder block is left."""
    doc = render_letters(template_path(), pinned[:1])
    paragraphs = doc.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[:4] == ["Pemerintah Kota Uji", "Badan Kepegawaian", "Jl. Balai Kota No. 1", "Telepon 1"]
    assert all(p.alignment == 1 for p in paragraphs[:4]) and paragraphs[0].runs[0].bold
    assert "Kota Uji, 1 Desember 2026" in texts
    k = texts.index("Kepala Badan Kepegawaian,")
    assert texts[k + 1:k + 7] == ["", "", "", "Budi Uji, S.H.", "Pembina (IV/a)", "NIP 1"]
    assert paragraphs[k + 4].runs[0].bold and paragraphs[k + 4].paragraph_format.left_indent is not None
    assert ("Bila ada yang ingin Anda tanyakan tentang usulan ini, hubungi Sari, Bidang Mutasi, telepon 2."
            in texts)
    joined = "\n".join(texts)
    for placeholder in ("[KOP SURAT", "[BLOK TANDA TANGAN", "PEMERINTAH DAERAH ....", "Alamat ....", "hubungi ....",
                        "\n...................., ", "{{"):
        assert placeholder not in joined, placeholder


def test_empty_sender_keeps_the_placeholder_blocks(pinned):
    """Without the sender keys the kop, signature, place and contact stay placeholders for the office to fill."""
    texts = [p.text for p in render_letters(template_path(), [dataclasses.replace(pinned[0],
                                                                                 pengirim=Sender())]).paragraphs]
    assert texts[0].startswith("[KOP SURAT: isi nama_instansi")
    assert any(t.startswith("[BLOK TANDA TANGAN: isi penanda_tangan") for t in texts)
    assert "...................., 1 Desember 2026" in texts
    assert any("hubungi .................... (nama, unit kerja, telepon)" in t for t in texts)


def test_template_markers_are_the_letters_own():
    """The placeholders a template may hold are exactly what a letter fills (so the check never refuses a
    placeholder the renderer knows, nor accepts one it leaves as written)."""
    letter = Letter(nip="1", nama="A", jabatan_asal="", unit_asal="", jabatan_tujuan="", unit_tujuan="",
                    penjelasan="", sebelum=(), sesudah=(), batas=date(2026, 1, 1), batas_asal="",
                    tanggal_acuan=date(2026, 1, 1), kelas_asal=1, kelas_tujuan=1, tempat_asal="", tempat_tujuan="",
                    alamat_tujuan=None, lisensi=None, lisensi_tercatat=False, pengirim=Sender())
    assert tuple(letter.fields()) == FIELDS and tuple(letter.blocks()) == BLOCKS


def _sheet(path: Path, name: str) -> dict[str, dict[str, object]]:
    """A sheet of the data workbook as rows by their first column."""
    header, *rows = _rows(path, name)
    return {str(r[0]): dict(zip(header, r, strict=False)) for r in rows}


def test_letters_from_contoh_give_kelas_workplace_address_and_sender(made):
    """Every letter written from contoh.xlsx has the kelas line of its two posts (sheet Jabatan), the address of
    the new post, and the sender of sheet Pengaturan (kop, signer, contact, place), not the placeholders."""
    posts = _sheet(made["data"], "Jabatan")
    params = {k: str(v.get("Nilai") or "") for k, v in _sheet(made["data"], "Pengaturan").items()}
    assert params["nama_instansi"] and params["penanda_tangan"] and params["kontak"]
    moves = _moves(made)
    for path in _letters(made):
        move = moves[path.name.split("-")[0]]
        a, b = posts[str(move["Kode Jabatan Asal"])], posts[str(move["Kode Jabatan Tujuan"])]
        body = _text(path)
        kelas = (f"Kelas jabatan {a['Kelas Jabatan']} → {b['Kelas Jabatan']} (tunjangan kinerja/TPP mengikuti kelas "
                 f"jabatan {b['Kelas Jabatan']})" if a["Kelas Jabatan"] != b["Kelas Jabatan"] else
                 f"Kelas jabatan tetap {a['Kelas Jabatan']} (tunjangan kinerja/TPP tetap mengikuti kelas jabatan "
                 f"{a['Kelas Jabatan']})")
        assert kelas in body, path.name
        assert f"Alamat tempat kerja yang diusulkan: {b['Alamat']}" in body, path.name
        assert body.startswith(params["nama_instansi"].split(";")[0].strip() + "\n")
        assert params["penanda_tangan"].split(";")[1].strip() in body
        assert f"hubungi {params['kontak']}." in body
        assert f"{params['tempat_surat']}, 1 Desember 2026" in body
        assert "[KOP SURAT" not in body and "[BLOK TANDA TANGAN" not in body


def test_scenario_sets_the_sender(tmp_path):
    """A scenario's [parameter] nama_instansi overrides Pengaturan's in the letters (solved and written with
    the same scenario)."""
    data, _ = solved_copy(tmp_path, runner)
    scenario = tmp_path / "kop.toml"
    scenario.write_text('nama = "Kop"\n[parameter]\nnama_instansi = "PEMERINTAH KOTA SKENARIO; BKPSDM"\n',
                        encoding="utf-8")
    plan = tmp_path / "hasil-kop.xlsx"
    res = runner.invoke(app, ["solve", str(data), "-s", str(scenario), "-o", str(plan)])
    assert res.exit_code == 0, res.output
    folder = tmp_path / "s"
    res = runner.invoke(app, ["surat", str(data), "--rencana", str(plan), "-s", str(scenario), "-o", str(folder)])
    assert res.exit_code == 0, res.output
    body = _text(next(p for p in folder.glob("*.docx") if p.name != COMBINED_NAME))
    assert body.startswith("PEMERINTAH KOTA SKENARIO\nBKPSDM\n")


def test_own_template_is_used(made, tmp_path):
    """--templat FILE.docx: the letters follow the office's own template, every placeholder filled, the sender's
    blocks and fields included."""
    own = tmp_path / "templat-kami.docx"
    doc = docx.Document()
    for line in (KOP, "Kepada Yth. {{NAMA}} ({{NIP}}), kelas {{KELAS_ASAL}} ke {{KELAS_TUJUAN}}", "{{ISI_SURAT}}",
                 "{{TEMPAT_SURAT}}, {{TANGGAL_SURAT}} — {{NAMA_INSTANSI}}", SIGNATURE):
        doc.add_paragraph(line)
    doc.save(str(own))
    folder = tmp_path / "s"
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(made["plan"]), "-o", str(folder),
                              "--templat", str(own)])
    assert res.exit_code == 0, res.output
    moves = _moves(made)
    for path in sorted(p for p in folder.glob("*.docx") if p.name != COMBINED_NAME):
        move = moves[path.name.split("-")[0]]
        body = _text(path)
        assert f"Kepada Yth. {move['Nama']} ({move['NIP']}), kelas " in body
        assert "Alak, 1 Desember 2026 — PEMERINTAH DAERAH ALAK (FIKTIF), BADAN KEPEGAWAIAN" in body
        assert str(move["Penjelasan"]) in body and "Nama Pejabat (FIKTIF)" in body and "{{" not in body
        assert "Lembar tanggapan" not in body  # the reply slip only where the template asks for it


def _template(path: Path, *lines: str, header: str = "") -> Path:
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    doc.save(str(path))
    return path


@pytest.mark.parametrize(("kind", "message"), [
    ("tanpa-penanda", "penanda {{ISI_SURAT}} tidak ada"),
    ("tidak-sendiri", "penanda {{ISI_SURAT}} tidak sendirian dalam satu paragraf"),
    ("salah-ketik", "penanda {{NAMA_LENGKAP}} tidak dikenal"),
    ("blok-tidak-sendiri", "penanda {{KOP_SURAT}} harus sendirian dalam satu paragraf"),
    ("di-header", "penanda {{NAMA}} ada di header atau footer"),
    ("bukan-docx", "tidak dapat dibuka sebagai dokumen Word (.docx)"),
    ("tidak-ada", "tidak ditemukan"),
])
def test_unusable_template_is_refused_before_any_work(made, tmp_path, kind, message):
    """--templat with a file that is missing, not a .docx, without {{ISI_SURAT}} alone in a paragraph, with an
    unknown placeholder, a block sharing its paragraph or a placeholder in the header: exit 2 with a message in
    Bahasa Indonesia naming the problem, no traceback, no folder made."""
    path = tmp_path / f"{kind}.docx"
    if kind == "tanpa-penanda":
        _template(path, "Dengan hormat,", "Isi surat")
    elif kind == "tidak-sendiri":
        _template(path, "Isi: {{ISI_SURAT}}")
    elif kind == "salah-ketik":
        _template(path, "Yth. {{NAMA_LENGKAP}}", BODY)
    elif kind == "blok-tidak-sendiri":
        _template(path, f"Kop: {KOP}", BODY)
    elif kind == "di-header":
        _template(path, BODY, header="Untuk {{NAMA}}")
    elif kind == "bukan-docx":
        path.write_text("bukan dokumen Word", encoding="utf-8")
    folder = tmp_path / "s"
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(made["plan"]), "-o", str(folder),
                              "--templat", str(path)])
    assert res.exit_code == 2, res.output
    shown = " ".join(res.output.split())
    assert message in shown and "Traceback" not in shown
    assert not folder.exists()


def test_template_command_copies_the_letter_template(made, tmp_path):
    """`template --surat` writes the shipped letter template, which `surat --templat` accepts and renders as the
    default letters."""
    own = tmp_path / "templat-surat.docx"
    res = runner.invoke(app, ["template", str(tmp_path / "masukan.xlsx"), "--surat", str(own)])
    assert res.exit_code == 0, res.output
    assert own.read_bytes() == template_path().read_bytes()
    folder = tmp_path / "s"
    res = runner.invoke(app, ["surat", str(made["data"]), "--rencana", str(made["plan"]), "-o", str(folder),
                              "--templat", str(own)])
    assert res.exit_code == 0, res.output
    assert [_text(p) for p in sorted(folder.glob("*.docx"))] == \
        [_text(made["folder"] / p.name) for p in sorted(folder.glob("*.docx"))]
