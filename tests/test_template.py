"""The input workbook writer: the empty template's layout, values as the reader expects them, round trip."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from penempatan.demo import generate_demo
from penempatan.excel.columns import (
    JABATAN_COLUMNS,
    PEGAWAI_COLUMNS,
    PENGATURAN_COLUMNS,
    SHEET_JABATAN,
    SHEET_PEGAWAI,
    SHEET_PENGATURAN,
    SHEET_PERMINTAAN,
    SHEET_PETUNJUK,
)
from penempatan.excel.write_input import TEMPLATE_TEXT_ROWS, write_input_workbook
from penempatan.model import Employee, Params, Position, ProblemData
from penempatan.reference import data_dir, load_reference

ACUAN = date(2026, 12, 1)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_input_workbook(path)
    return path


def _header(ws: Worksheet) -> list[object]:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def _validations(ws: Worksheet) -> dict[str, list[DataValidation]]:
    """Column letter -> the data validations covering that column from row 2."""
    out: dict[str, list[DataValidation]] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            assert rng.min_row == 2 and rng.min_col == rng.max_col
            out.setdefault(get_column_letter(rng.min_col), []).append(dv)
    return out


def _small_problem(**params: object) -> ProblemData:
    """Two posts, three employees, every optional field used once; texts that look like formulas."""
    ref = load_reference()
    positions = (
        Position(kode="=P1", nama="=Kepala Seksi <Umum> & Data", unit="Dinas Uji", jenis="Pengawas", kelas=9,
                 kebutuhan=1, pendidikan_min="S-1", bidang="administrasi_sosial", golongan_min="III/a",
                 golongan_max="III/d", standar_manajerial=3, standar_sosial_kultural=2, standar_teknis=3,
                 risiko_tinggi=True, wajib_diisi=True, alamat="=Jl. <Uji> & No. 1"),
        Position(kode="0042", nama="Perawat Ahli Pertama", unit="RSUD Uji", jenis="Fungsional",
                 jenjang="Ahli Pertama", kelas=8, kebutuhan=0, pendidikan_min="S-1", bidang="keperawatan",
                 rumpun_jf="Perawat"),
        Position(kode="P3", nama="Kepala Sub Bagian Keuangan", unit="Dinas Uji", jenis="Pengawas", kelas=9,
                 kebutuhan=1, pendidikan_min="S-1"),  # open to every field although its name says finance
    )
    employees = (
        Employee(nip="198503122010011001", nama="=HYPERLINK(\"http://x\")", golongan="III/c", pendidikan="S-1",
                 jurusan="S-1 Ilmu Pemerintahan", bidang=ref.bidang_of("S-1 Ilmu Pemerintahan"),
                 pelatihan=("ti", "hukum"), kode_jabatan="=P1", tmt_jabatan=date(2021, 3, 1),
                 tanggal_lahir=date(1985, 3, 12), jenis_kelamin="L", status="Aktif", kinerja="Sangat Baik",
                 potensi="Tinggi", kotak=9, komp_manajerial=3, komp_sosial_kultural=4, komp_teknis=2,
                 hukuman="Sedang", akhir_hukuman=date(2027, 6, 30), bersedia_mutasi=False,
                 unit_diminati=("RSUD Uji",)),
        Employee(nip="199201052019032002", nama="Wulandari, S.Kep.", golongan="III/a", pendidikan="S-1",
                 jurusan="S-1 Keperawatan", bidang="keperawatan", kode_jabatan="0042",
                 tmt_jabatan=date(2019, 3, 1), tanggal_lahir=date(1992, 1, 5), jenis_kelamin="P",
                 kinerja="Baik", potensi="Menengah", kotak=5, siap_naik_jenjang=True),
        Employee(nip="199507172022212001", nama="Sari", golongan="IX", pendidikan="D-III",
                 jurusan="D-III Kebidanan", bidang="kebidanan", kode_jabatan="0042",
                 tmt_jabatan=date(2022, 1, 1), tanggal_lahir=date(1995, 7, 17), jenis_kelamin="P",
                 status="PPPK", kinerja="Butuh Perbaikan"),
    )
    return ProblemData(employees=employees, positions=positions, params=Params(tanggal_acuan=ACUAN, **params))


def test_template_has_every_sheet_and_column_in_order(template: Path) -> None:
    """The template has the five sheets and exactly the columns of columns.py, in order."""
    wb = load_workbook(template)
    assert wb.sheetnames == [SHEET_PEGAWAI, SHEET_JABATAN, SHEET_PERMINTAAN, SHEET_PENGATURAN, SHEET_PETUNJUK]
    assert _header(wb[SHEET_PEGAWAI]) == [c.name for c in PEGAWAI_COLUMNS]
    assert _header(wb[SHEET_JABATAN]) == [c.name for c in JABATAN_COLUMNS]
    assert _header(wb[SHEET_PENGATURAN]) == [c.name for c in PENGATURAN_COLUMNS]
    for name in (SHEET_PEGAWAI, SHEET_JABATAN):
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.b for c in next(ws.iter_rows(min_row=1, max_row=1)))


def _list_values(wb: Any, formula: str) -> list[str]:
    """The values of a drop-down: inline ("a,b") or a range on another sheet ('Petunjuk'!$B$5:$B$9)."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.split("!")
    return [str(c.value) for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]


def test_template_validations_on_coded_columns(template: Path) -> None:
    """Coded columns have drop-downs from columns.py or the reference tables; numbers have ranges."""
    ref = load_reference()
    wb = load_workbook(template)
    expected_lists = {
        (SHEET_PEGAWAI, "Golongan"): list(ref.golongan),
        (SHEET_PEGAWAI, "Jenjang Pendidikan"): list(ref.pendidikan),
        (SHEET_PEGAWAI, "Status"): None,
        (SHEET_PEGAWAI, "Jenis Kelamin"): ["L", "P"],
        (SHEET_PEGAWAI, "Predikat Kinerja"): [k.kode for k in ref.kinerja],
        (SHEET_PEGAWAI, "Potensi"): None,
        (SHEET_PEGAWAI, "Hukuman Disiplin"): None,
        (SHEET_PEGAWAI, "Bersedia Mutasi"): ["Ya", "Tidak"],
        (SHEET_PEGAWAI, "Siap Naik Jenjang"): ["Ya", "Tidak"],
        (SHEET_JABATAN, "Jenis Jabatan"): None,
        (SHEET_JABATAN, "Jenjang"): ref.jenjang_list,
        (SHEET_JABATAN, "Pendidikan Minimal"): list(ref.pendidikan),
        (SHEET_JABATAN, "Bidang"): [*ref.bidang_names, "semua"],
        (SHEET_JABATAN, "Rumpun JF"): sorted(ref.jabatan_fungsional),
        (SHEET_JABATAN, "Golongan Minimal"): [g.kode for g in ref.golongan.values() if g.jenis == "PNS"],
        (SHEET_JABATAN, "Risiko Tinggi"): ["Ya", "Tidak"],
        (SHEET_JABATAN, "Wajib Diisi"): ["Ya", "Tidak"],
    }
    columns = {SHEET_PEGAWAI: PEGAWAI_COLUMNS, SHEET_JABATAN: JABATAN_COLUMNS}
    for (sheet, name), values in expected_lists.items():
        cols = columns[sheet]
        col = next(c for c in cols if c.name == name)
        letter = wb[sheet].cell(row=1, column=cols.index(col) + 1).column_letter
        lists = [dv for dv in _validations(wb[sheet]).get(letter, []) if dv.type == "list"]
        assert len(lists) == 1, (sheet, name)
        shown = _list_values(wb, lists[0].formula1)
        assert shown == (values if values is not None else list(col.choices)), (sheet, name)
    ranges = {(SHEET_PEGAWAI, "P"): ("1", "9"), (SHEET_PEGAWAI, "Q"): ("1", "5"),
              (SHEET_JABATAN, "G"): ("1", "17"), (SHEET_JABATAN, "M"): ("1", "5")}
    for (sheet, letter), (low, high) in ranges.items():
        whole = [dv for dv in _validations(wb[sheet])[letter] if dv.type == "whole"]
        assert len(whole) == 1 and (whole[0].formula1, whole[0].formula2) == (low, high)
        assert whole[0].showErrorMessage
    assert _header(wb[SHEET_PEGAWAI])[15] == "Kotak Talenta"
    every = _validations(wb[SHEET_PEGAWAI])
    assert all(every[c.column_letter][0].prompt for c in next(wb[SHEET_PEGAWAI].iter_rows(max_row=1)))


def test_template_nip_column_is_text(template: Path) -> None:
    """The NIP column is formatted as text for the first rows and as a column, so typed NIPs stay text."""
    ws = load_workbook(template)[SHEET_PEGAWAI]
    assert ws.column_dimensions["A"].number_format == "@"
    assert ws["A2"].number_format == "@"
    assert ws.cell(row=TEMPLATE_TEXT_ROWS + 1, column=1).number_format == "@"
    assert all(c.value is None for row in ws.iter_rows(min_row=2) for c in row)


def test_template_pengaturan_lists_every_param(template: Path) -> None:
    """Pengaturan has every Params field in order with its default; tanggal_acuan empty means today."""
    rows = list(load_workbook(template)[SHEET_PENGATURAN].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(Params.model_fields)
    values = {r[0]: r[1] for r in rows}
    assert values["tanggal_acuan"] is None
    assert values["kotak_promosi"] == "7; 8; 9"
    assert values["status_boleh_mutasi"] == "Aktif"
    assert values["toleransi_golongan"] == "Ya"
    assert values["maks_mutasi"] is None and values["larangan_mulai"] is None
    assert values["masa_jabatan_minimal_bulan"] == 24 and values["maks_keluar_unit_persen"] == 30


def test_template_petunjuk_explains_every_column(template: Path) -> None:
    """Petunjuk names each sheet's columns with their help text and SIASN aliases, and every parameter."""
    rows = list(load_workbook(template)[SHEET_PETUNJUK].iter_rows(values_only=True))
    explained = {(r[0], r[1]): r for r in rows if r[0] in (SHEET_PEGAWAI, SHEET_JABATAN, SHEET_PENGATURAN)}
    for sheet, cols in ((SHEET_PEGAWAI, PEGAWAI_COLUMNS), (SHEET_JABATAN, JABATAN_COLUMNS)):
        for col in cols:
            row = explained[(sheet, col.name)]
            assert row[4] == col.help
            assert (row[3] or "") == ", ".join(col.aliases)
    assert all((SHEET_PENGATURAN, name) in explained for name in Params.model_fields)
    assert any("SIASN" in str(r[0]) for r in rows)


def test_template_petunjuk_documents_every_parameter(template: Path) -> None:
    """Every Params field (nilai_*, ambang_kesesuaian, bidang_wajib, isi_jpt …) has a non-empty explanation."""
    rows = list(load_workbook(template)[SHEET_PETUNJUK].iter_rows(values_only=True))
    helps = {r[1]: r[4] for r in rows if r[0] == SHEET_PENGATURAN}
    assert {name for name in Params.model_fields if not helps.get(name)} == set()
    assert "bobot_rotasi" not in helps and "bobot_preferensi" not in helps
    assert "R20" in str(helps["isi_jpt"]) and "R8" in str(helps["bidang_wajib"])
    assert "jabatan; nama; NIP" in str(helps["penanda_tangan"])  # the signer's format, split on ';'


def test_template_petunjuk_documents_reference_tables(template: Path) -> None:
    """Petunjuk names every CSV of data/ with its purpose (not the example input files, `*-contoh.csv`), lists every
    field and every JF family with its terms."""
    ref = load_reference()
    rows = list(load_workbook(template)[SHEET_PETUNJUK].iter_rows(values_only=True))
    tables = {r[1]: r[4] for r in rows if r[0] == "Tabel rujukan"}
    assert set(tables) == {p.name for p in data_dir().glob("*.csv") if not p.stem.endswith("-contoh")}
    assert all(tables.values())
    assert [r[1] for r in rows if r[0] == "Bidang"] == [*ref.bidang_names, "semua"]
    families = {r[1]: r for r in rows if r[0] == "Rumpun JF"}
    assert set(families) == set(ref.jabatan_fungsional)
    assert families["Perawat"][3] == "STR" and "keperawatan" in families["Perawat"][4]
    assert "semua bidang" in families["Analis Kebijakan"][4]
    assert any("data/" in str(r[0]) and "BKPSDM" in str(r[0]) for r in rows)


def test_values_written_as_the_reader_expects(tmp_path: Path) -> None:
    """NIP and every text are text cells (never formulas), dates real dates, Ya/Tidak, lists `;`-joined."""
    path = tmp_path / "data.xlsx"
    write_input_workbook(path, _small_problem())
    wb = load_workbook(path)
    ws = wb[SHEET_PEGAWAI]
    first = {h: c for h, c in zip(_header(ws), next(ws.iter_rows(min_row=2, max_row=2)), strict=True)}
    assert (first["NIP"].value, first["NIP"].data_type, first["NIP"].number_format) == \
        ("198503122010011001", "s", "@")
    assert (first["Nama"].value, first["Nama"].data_type) == ('=HYPERLINK("http://x")', "s")
    assert (first["Kode Jabatan"].value, first["Kode Jabatan"].data_type) == ("=P1", "s")
    assert first["Nama Jabatan"].value == "=Kepala Seksi <Umum> & Data"
    assert first["TMT Jabatan"].value == datetime(2021, 3, 1) and first["TMT Jabatan"].is_date
    assert first["Akhir Hukuman"].value == datetime(2027, 6, 30)
    assert first["Bersedia Mutasi"].value == "Tidak"
    assert first["Pelatihan"].value == "ti; hukum"
    assert first["Status CPNS PNS"].value is None
    assert (first["Kotak Talenta"].value, first["Kotak Talenta"].data_type) == (9, "n")
    jab = wb[SHEET_JABATAN]
    post = {h: c for h, c in zip(_header(jab), next(jab.iter_rows(min_row=2, max_row=2)), strict=True)}
    assert (post["Kode Jabatan"].value, post["Kode Jabatan"].data_type) == ("=P1", "s")
    assert post["Nama Jabatan"].data_type == "s"
    assert (post["Kelas Jabatan"].value, post["Kebutuhan"].value) == (9, 1)
    assert (post["Risiko Tinggi"].value, post["Wajib Diisi"].value) == ("Ya", "Ya")
    assert (post["Alamat"].value, post["Alamat"].data_type) == ("=Jl. <Uji> & No. 1", "s")
    second = {h: c.value for h, c in zip(_header(jab), next(jab.iter_rows(min_row=3, max_row=3)), strict=False)}
    assert (second["Kode Jabatan"], second["Kebutuhan"], second["Rumpun JF"]) == ("0042", 0, "Perawat")
    third = {h: c.value for h, c in zip(_header(jab), next(jab.iter_rows(min_row=4, max_row=4)), strict=False)}
    assert third["Bidang"] == "semua"  # a finance-sounding name, yet open to every field
    nurse = {h: c.value for h, c in zip(_header(ws), next(ws.iter_rows(min_row=3, max_row=3)), strict=False)}
    assert (first["Siap Naik Jenjang"].value, nurse["Siap Naik Jenjang"]) == ("Tidak", "Ya")
    assert all(c.data_type != "f" for sheet in (ws, jab) for row in sheet.iter_rows() for c in row)


def test_pengaturan_holds_the_data_params(tmp_path: Path) -> None:
    """With data, Pengaturan holds its params: dates dd-mm-yyyy, tuples `;`-joined, numbers as numbers."""
    path = tmp_path / "data.xlsx"
    data = _small_problem(larangan_mulai=date(2026, 9, 1), larangan_selesai=date(2027, 2, 1), maks_mutasi=15,
                          status_boleh_mutasi=("Aktif", "CPNS"), toleransi_golongan=False,
                          nama_instansi="=Pemerintah Kota Uji; BKPSDM")
    write_input_workbook(path, data)
    ws = load_workbook(path)[SHEET_PENGATURAN]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    values = dict(ws.iter_rows(min_row=2, values_only=True))
    assert values["nama_instansi"] == "=Pemerintah Kota Uji; BKPSDM"
    assert values["tanggal_acuan"] == "01-12-2026"
    assert values["larangan_mulai"] == "01-09-2026"
    assert values["maks_mutasi"] == 15
    assert values["status_boleh_mutasi"] == "Aktif; CPNS"
    assert values["toleransi_golongan"] == "Tidak"


def test_overwrite_is_atomic(tmp_path: Path) -> None:
    """Writing over an existing file replaces it and leaves no temporary file behind."""
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    write_input_workbook(path, _small_problem())
    assert load_workbook(path).sheetnames[0] == SHEET_PEGAWAI
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def _without_row(items: tuple[Employee, ...] | tuple[Position, ...]) -> list[object]:
    return [item.model_copy(update={"row": None}) for item in items]


@pytest.mark.parametrize("source", ["small", "demo"])
def test_round_trip(tmp_path: Path, source: str) -> None:
    """Writing data and reading it back gives the same employees, positions and parameters."""
    read = pytest.importorskip("penempatan.excel.read", reason="penempatan/excel/read.py belum ada")
    data = (_small_problem(maks_mutasi=15, penanda_tangan="=Kepala; Budi; NIP 1", kontak="0812 3")
            if source == "small" else generate_demo(400, seed=11))
    path = tmp_path / "roundtrip.xlsx"
    write_input_workbook(path, data)
    back = read.read_workbook(path).data
    assert _without_row(back.employees) == _without_row(data.employees)
    assert _without_row(back.positions) == _without_row(data.positions)
    assert back.params == data.params


def test_every_parameter_has_a_label_and_a_meaning() -> None:
    """Issue 23: every Params key has a planner's label and its meaning in one place (penempatan.parameters), and
    no label or meaning belongs to a key that does not exist."""
    from penempatan.model import Params
    from penempatan.parameters import PARAM_HELP, PARAM_LABELS

    assert set(PARAM_LABELS) == set(Params.model_fields) == set(PARAM_HELP)
    assert all(label and "_" not in label for label in PARAM_LABELS.values())
    assert len(set(PARAM_LABELS.values())) == len(PARAM_LABELS)
