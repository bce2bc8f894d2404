"""Sheet Permintaan (SPEC 9): reading and validating ranked wishes, their Tujuan resolved to posts, the Unit
Diminati after them, the template and the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.errors import InputError
from penempatan.excel.columns import PERMINTAAN_COLUMNS, SHEET_PERMINTAAN
from penempatan.excel.read import read_workbook
from penempatan.excel.write_input import write_input_workbook
from penempatan.model import ProblemData, Wish
from tests.conftest import workbook_maker

HEADER = [c.name for c in PERMINTAAN_COLUMNS]
ANDI, DEWI, RUDI, FAJAR = "199001012015031001", "199205202019032002", "198811112010011001", "199506062022031002"


def _workbook(tmp_path: Path, rows: list[list[object]], extra_post: list[object] | None = None) -> Path:
    """The valid test workbook with sheet Permintaan holding `rows` (and one more post on Jabatan)."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    if extra_post is not None:
        sheets["Jabatan"].append(extra_post + [None] * (len(sheets["Jabatan"][0]) - len(extra_post)))
    sheets[SHEET_PERMINTAAN] = [HEADER, *rows]
    return mk.save(sheets, tmp_path / "permintaan.xlsx")


def _codes(data: ProblemData, wish: Wish) -> list[str]:
    """The Kode Jabatan of every post the wish designates."""
    return [data.positions[j].kode for j in data.posts_of(wish)]


def _errors(path: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    return [(p.sheet, p.row, p.column, p.message) for p in caught.value.errors]


def test_wishes_are_read_with_their_posts(tmp_path: Path) -> None:
    """A Kode Jabatan names one post, a Nama Jabatan every post of that name, a Unit Kerja every post of it;
    case and spacing do not matter, reasons are read in their other spellings, Bukti defaults to Tidak."""
    path = _workbook(tmp_path, [
        [ANDI, 1, "pupr-01", "Suami/Istri", "Ya"],
        [ANDI, 2, "pengadministrasi  keuangan", "sekolah anak", None],
        [ANDI, 3, "bkpsdm", "Kesehatan", "Tidak"],
        [DEWI, 1, "Dinas PUPR", "orang tua", "Ya"],
    ])
    data = read_workbook(path).data
    andi = [w for w in data.wishes if w.nip == ANDI]
    assert [(w.rank, w.kind, w.key, w.reason, w.evidence) for w in andi] == [
        (1, "jabatan", "PUPR-01", "pasangan", True),
        (2, "nama", "Pengadministrasi Keuangan", "anak/sekolah", False),
        (3, "unit", "BKPSDM", "kesehatan", False),
    ]
    assert [_codes(data, w) for w in andi] == [["PUPR-01"], ["PUPR-03"], ["BKD-01", "BKD-02"]]
    dewi = next(w for w in data.wishes if w.nip == DEWI)
    assert _codes(data, dewi) == ["PUPR-01", "PUPR-02", "PUPR-03"] and dewi.row == 5


def test_every_wish_problem_is_located_in_one_run(tmp_path: Path) -> None:
    """Duplicate Urutan, Urutan outside 1–5, an unknown NIP, an unknown Tujuan, an ambiguous one and an unknown
    Alasan are all errors of the same run, each naming sheet, Excel row and column."""
    path = _workbook(tmp_path, [
        [ANDI, 1, "PUPR-01", "pasangan", "Ya"],
        [ANDI, 1, "BKD-01", "pasangan", "Ya"],
        [DEWI, 6, "BKD-01", "kesehatan", None],
        ["196001011990031001", 1, "BKD-01", "kesehatan", None],
        [RUDI, 1, "Dinas Pariwisata", "kesehatan", None],
        [RUDI, 2, "BKPSDM", "kesehatan", None],
        [FAJAR, 1, "PUPR-02", "liburan", None],
    ], extra_post=["BKD-03", "BKPSDM", "Dinas PUPR", "Pelaksana", None, 5, 1, "SLTA"])
    found = {(row, column): message for sheet, row, column, message in _errors(path) if sheet == SHEET_PERMINTAAN}
    assert "ganda" in found[3, "Urutan"]
    assert "1–5" in found[4, "Urutan"]
    assert "tidak ada di sheet Pegawai" in found[5, "NIP"]
    assert "tidak dikenal" in found[6, "Tujuan"]
    assert "bermakna ganda" in found[7, "Tujuan"] and "Nama Jabatan dan Unit Kerja" in found[7, "Tujuan"]
    assert "alasan tidak dikenal" in found[8, "Alasan"]
    assert len(found) == 6


def test_check_command_reports_wish_errors_without_traceback(tmp_path: Path) -> None:
    """`penempatan check` on a bad Permintaan exits 2 and names the cell; no traceback."""
    path = _workbook(tmp_path, [[ANDI, 9, "PUPR-01", "pasangan", "Ya"]])
    result = CliRunner().invoke(app, ["--polos", "check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Permintaan" in result.output and "Traceback" not in result.output


def test_unit_diminati_come_after_the_ranked_wishes(tmp_path: Path) -> None:
    """wish_lists: ranked wishes by Urutan, then each Unit Diminati not already named, unranked; an employee with
    only Unit Diminati has them as unranked wishes."""
    path = _workbook(tmp_path, [[ANDI, 2, "BKPSDM", "pasangan", "Ya"], [ANDI, 1, "PUPR-02", "kesehatan", "Ya"]])
    data = read_workbook(path).data
    andi = data.wish_lists[data.employee_index[ANDI]]  # Unit Diminati: Dinas PUPR; BKPSDM
    assert [(w.rank, w.target) for w in andi] == [(1, "PUPR-02"), (2, "BKPSDM"), (None, "Dinas PUPR")]
    assert andi[2].reason is None and _codes(data, andi[2]) == ["PUPR-01", "PUPR-02", "PUPR-03"]
    fajar = data.wish_lists[data.employee_index[FAJAR]]
    assert [(w.rank, w.target) for w in fajar] == [(None, "Dinas Kesehatan")]
    index, i = data.position_index, data.employee_index[ANDI]
    assert data.wish_posts[i][0] == (index["PUPR-02"],)
    assert [data.wished(i, index[k]) for k in ("PUPR-02", "BKD-01", "PUPR-01", "DINKES-01")] == [0, 1, 2, None]


def test_problem_data_refuses_a_doubled_rank() -> None:
    """ProblemData checks its wishes: one rank once per NIP, known NIP and posts."""
    data = generate_demo(60, seed=3)
    wish = data.wishes[0]
    with pytest.raises(ValueError, match="ganda"):
        data.replace(wishes=(*data.wishes, wish.model_copy(update={"target": "x"})))
    with pytest.raises(ValueError, match="tidak dikenal"):
        data.replace(wishes=(Wish(nip=wish.nip, rank=5, target="x", kind="jabatan", key="TIDAK-ADA"),))


def test_template_has_the_permintaan_sheet(tmp_path: Path) -> None:
    """The template has sheet Permintaan with its columns, an Alasan drop-down from prioritas.csv, and Petunjuk
    explains each column."""
    path = tmp_path / "templat.xlsx"
    write_input_workbook(path)
    wb = load_workbook(path)
    ws = wb[SHEET_PERMINTAAN]
    assert [c.value for c in ws[1]] == HEADER
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("pasangan" in f and "anak/sekolah" in f for f in lists)
    guide = {(r[0], r[1]) for r in wb["Petunjuk"].iter_rows(values_only=True) if r and r[0] == SHEET_PERMINTAAN}
    assert {(SHEET_PERMINTAAN, name) for name in HEADER} <= guide


def test_demo_wishes_round_trip_and_about_one_in_ten_ask(tmp_path: Path) -> None:
    """The demo's requesters are about 10 % with 1–4 wishes, mostly family and health; the workbook reads back the
    same wishes."""
    data = generate_demo(600, seed=1)
    requesters = {w.nip for w in data.wishes}
    assert 0.06 <= len(requesters) / len(data.employees) <= 0.14
    per = [sum(w.nip == nip for w in data.wishes) for nip in requesters]
    assert min(per) >= 1 and max(per) <= 4
    family = sum(w.reason in ("pasangan", "orang tua", "anak/sekolah", "kesehatan") for w in data.wishes)
    assert family / len(data.wishes) > 0.6
    path = tmp_path / "demo.xlsx"
    write_input_workbook(path, data)
    back = read_workbook(path).data
    assert tuple(w.model_copy(update={"row": None}) for w in back.wishes) == data.wishes


def test_demo_wishes_do_not_change_the_rest_of_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wishes come from a stream of their own: the demo made without them has the same employees, posts and
    parameters."""
    import penempatan.demo.generate as generate

    data = generate_demo(200, seed=7)
    monkeypatch.setattr(generate, "demo_wishes", lambda *args: ())
    without = generate_demo(200, seed=7)
    assert data.wishes and not without.wishes
    assert (data.employees, data.positions, data.params) == (without.employees, without.positions, without.params)


def test_a_repeated_or_own_tujuan_is_a_warning(tmp_path: Path) -> None:
    """The same posts asked twice by one NIP, a Tujuan that is only the employee's own post, and a wish of someone
    not willing to move are warnings; the wishes are still read."""
    path = _workbook(tmp_path, [[ANDI, 1, "BKPSDM", "pasangan", "Ya"], [ANDI, 2, " bkpsdm ", "kesehatan", None],
                                [DEWI, 1, "DINKES-03", "orang tua", None]])
    result = read_workbook(path)
    warned = {(p.row, p.column): p.message for p in result.warnings if p.sheet == SHEET_PERMINTAAN}
    assert "baris 2" in warned[3, "Tujuan"]
    assert "jabatan pegawai itu sendiri" in warned[4, "Tujuan"]
    assert "Bersedia Mutasi" in warned[4, "NIP"]  # Dewi is not willing to move, yet asks
    assert len(result.data.wishes) == 3


def test_a_wish_on_a_broken_post_has_no_error_of_its_own(tmp_path: Path) -> None:
    """A Tujuan naming a post whose Jabatan row has an error, or an NIP while sheet Pegawai is missing, adds no
    error on Permintaan: the other sheet's error explains it."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Jabatan", 6, "Kelas Jabatan", 99)  # PUPR-01 cannot be read
    sheets[SHEET_PERMINTAAN] = [HEADER, [ANDI, 1, "PUPR-01", "pasangan", "Ya"]]
    errors = _errors(mk.save(sheets, tmp_path / "a.xlsx"))
    assert not [e for e in errors if e[0] == SHEET_PERMINTAAN] and any(e[0] == "Jabatan" for e in errors)
    del sheets["Pegawai"]
    errors = _errors(mk.save(sheets, tmp_path / "b.xlsx"))
    assert not [e for e in errors if e[0] == SHEET_PERMINTAAN] and any(e[0] == "Pegawai" for e in errors)
