"""`penempatan surat` (SPEC 7): the letter drafts, their list and combined file, and the plan workbook's
Tanggapan sheet and Keputusan column the planner fills in."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pytest
from contoh import solved_copy
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.letters import COMBINED_NAME, LIST_NAME, file_name, template_path, write_default_template
from penempatan.letters.template import BODY, REPLY

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


def test_combined_document_holds_every_letter(made):
    """The combined file holds every mover's NIP, with a page break between two letters."""
    path = made["folder"] / COMBINED_NAME
    body = _text(path)
    assert all(nip in body for nip in _moves(made))
    breaks = docx.Document(str(path)).element.body.xml.count('w:type="page"')
    assert breaks == len(_letters(made)) - 1


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
    """data/surat-template.docx opens and holds the body and reply-slip placeholders and the addressee's."""
    body = _text(template_path())
    assert BODY in body and REPLY in body and "{{NAMA}}" in body and "{{NIP}}" in body


def test_shipped_template_is_the_default_one(tmp_path):
    """The committed template has the paragraphs `write_default_template` writes (it was made by it)."""
    fresh = tmp_path / "t.docx"
    write_default_template(fresh)
    assert _text(fresh) == _text(template_path())
