"""Reading the input workbook: the valid file reads, every broken file names its problem's location."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import time
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import workbook_maker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from penempatan.errors import InputError, Problem, Severity
from penempatan.excel import cells
from penempatan.excel import read as reader
from penempatan.excel.read import ReadResult, read_workbook
from penempatan.excel.read_employees import nip_facts
from penempatan.excel.xlsx_rows import XlsxBook
from penempatan.model import Params
from penempatan.reference import load_reference

DATA = Path(__file__).parent / "data"



mk = workbook_maker()


def _problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    return caught.value.problems


def _where(problems: list[Problem]) -> set[tuple[str, int | None, str | None]]:
    return {(p.sheet, p.row, p.column) for p in problems if p.severity is Severity.ERROR}


# file -> (sheet, Excel row, column header as written) of the error it must produce
BROKEN = {
    "missing_sheet.xlsx": ("Jabatan", None, None),
    "missing_column.xlsx": ("Pegawai", 1, "Golongan"),
    "duplicate_nip.xlsx": ("Pegawai", 5, "NIP"),
    "nip_17_digits.xlsx": ("Pegawai", 3, "NIP"),
    "nip_as_number.xlsx": ("Pegawai", 6, "NIP"),
    "nip_letters.xlsx": ("Pegawai", 5, "NIP"),
    "unknown_kode.xlsx": ("Pegawai", 7, "Kode Jabatan"),
    "bad_date.xlsx": ("Pegawai", 8, "TMT Jabatan"),
    "impossible_date.xlsx": ("Pegawai", 9, "TMT Jabatan"),
    "year_1800.xlsx": ("Pegawai", 2, "Tanggal Lahir"),
    "far_future_date.xlsx": ("Pegawai", 3, "TMT Jabatan"),
    "unknown_golongan.xlsx": ("Pegawai", 4, "Golongan"),
    "golongan_pangkat_disagree.xlsx": ("Pegawai", 6, "Golongan"),
    "unknown_jenjang.xlsx": ("Pegawai", 5, "Jenjang Pendidikan"),
    "unknown_predikat.xlsx": ("Pegawai", 6, "Predikat Kinerja"),
    "skp_above_120.xlsx": ("Pegawai", 7, "Predikat Kinerja"),
    "kompetensi_6.xlsx": ("Pegawai", 8, "Kompetensi Teknis"),
    "kotak_10.xlsx": ("Pegawai", 9, "Kotak Talenta"),
    "unknown_status.xlsx": ("Pegawai", 10, "Status"),
    "bad_bersedia.xlsx": ("Pegawai", 11, "Bersedia Mutasi"),
    "excel_error_cell.xlsx": ("Pegawai", 2, "Golongan"),
    "empty_nama.xlsx": ("Pegawai", 3, "Nama"),
    "negative_kebutuhan.xlsx": ("Jabatan", 3, "Kebutuhan"),
    "fractional_kebutuhan.xlsx": ("Jabatan", 4, "Kebutuhan"),
    "kelas_18.xlsx": ("Jabatan", 5, "Kelas Jabatan"),
    "duplicate_kode.xlsx": ("Jabatan", 11, "Kode Jabatan"),
    "unknown_jenis.xlsx": ("Jabatan", 6, "Jenis Jabatan"),
    "fungsional_without_jenjang.xlsx": ("Jabatan", 7, "Jenjang"),
    "unknown_pendidikan_minimal.xlsx": ("Jabatan", 8, "Pendidikan Minimal"),
    "unknown_bidang.xlsx": ("Jabatan", 9, "Bidang"),
    "golongan_min_above_max.xlsx": ("Jabatan", 10, "Golongan Maksimal"),
    "unknown_param.xlsx": ("Pengaturan", 3, "Parameter"),
    "bad_param_value.xlsx": ("Pengaturan", 4, "Nilai"),
    "negative_param.xlsx": ("Pengaturan", 3, "Nilai"),
    "not_xlsx.xlsx": ("-", None, None),
    "empty.xlsx": ("-", None, None),
    "truncated.xlsx": ("-", None, None),
    "random_bytes.xlsx": ("-", None, None),
    "encrypted.xlsx": ("-", None, None),
    "zip_not_xlsx.xlsx": ("-", None, None),
}


@pytest.mark.parametrize(("name", "where"), sorted(BROKEN.items()))
def test_broken_workbook_names_its_problem(name: str, where: tuple[str, int | None, str | None]) -> None:
    """Each broken file raises InputError with exactly one error, at the expected sheet, row and column."""
    problems = _problems(DATA / name)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [(p.sheet, p.row, p.column) for p in errors] == [where], [str(p) for p in problems]
    assert errors[0].message and errors[0].hint


def test_every_broken_file_is_covered() -> None:
    """Every generated broken workbook has an expectation above, and every expectation a file."""
    made = set(mk.BROKEN) | {"not_xlsx.xlsx", "empty.xlsx", "truncated.xlsx", "random_bytes.xlsx",
                             "encrypted.xlsx", "zip_not_xlsx.xlsx"}
    assert (made - {"many_problems.xlsx"}) == set(BROKEN)
    assert all((DATA / name).exists() for name in made)


def test_valid_workbook() -> None:
    """valid.xlsx reads with no warning, every row becomes an object, and the hash is the file's."""
    path = DATA / "valid.xlsx"
    result = read_workbook(path)
    assert isinstance(result, ReadResult)
    assert result.warnings == []
    data = result.data
    assert len(data.employees) == 10 and len(data.positions) == 9
    assert data.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data.params.tanggal_acuan == date(2025, 7, 1) and data.params.biaya_mutasi == 3
    assert data.params.kotak_promosi == (7, 8, 9) and data.params.maks_mutasi is None
    first = data.employees[0]
    assert (first.nip, first.kode_jabatan, first.row) == ("197003152000031002", "DINKES-01", 2)
    assert first.kotak == 9 and first.bidang == "kesehatan_masyarakat"
    by_row = {e.row: e for e in data.employees}
    assert by_row[3].nip == "197805122005012003"  # "NIP. " prefix stripped
    assert by_row[4].nip == "199001012015031001"  # leading apostrophe stripped
    assert by_row[4].pelatihan == ("ti", "ekonomi_akuntansi")
    assert by_row[4].unit_diminati == ("Dinas PUPR", "BKPSDM")
    assert by_row[5].hukuman == "Ringan" and by_row[5].bersedia_mutasi is False
    assert by_row[6].bersedia_mutasi is True and by_row[6].hukuman == "Tidak Ada"  # empty = defaults
    assert by_row[10].status == "CPNS"
    posts = {p.kode: p for p in data.positions}
    assert posts["DINKES-03"].jenjang == "Ahli Pertama" and posts["DINKES-01"].jenjang is None
    assert posts["PUPR-01"].risiko_tinggi and posts["DINKES-01"].wajib_diisi
    assert not posts["BKD-01"].wajib_diisi and posts["BKD-02"].kebutuhan == 0
    assert by_row[8].siap_naik_jenjang and not by_row[2].siap_naik_jenjang  # Ya / empty = Tidak


def test_valid_workbook_rumpun_jf_and_inferred_bidang() -> None:
    """Rumpun JF is read (any spelling) or found from Nama Jabatan for Fungsional posts; an empty Bidang is
    inferred from Nama Jabatan (bidang_jabatan.csv), a general post stays open, a given Bidang wins."""
    posts = {p.kode: p for p in read_workbook(DATA / "valid.xlsx").data.positions}
    assert posts["PUPR-02"].rumpun_jf == "Teknik Jalan dan Jembatan"  # written "teknik  jalan dan jembatan"
    assert posts["DINKES-03"].rumpun_jf == "Epidemiolog Kesehatan"  # from the name
    assert posts["BKD-01"].rumpun_jf == "Pranata Komputer"
    assert posts["BKD-02"].rumpun_jf == "Analis Sumber Daya Manusia Aparatur"  # old name Analis Kepegawaian
    assert {posts[k].rumpun_jf for k in ("DINKES-01", "DINKES-02", "DINKES-04", "PUPR-01", "PUPR-03")} == {None}
    assert posts["PUPR-03"].bidang == ("ekonomi_akuntansi",)  # Pengadministrasi Keuangan, no Bidang given
    assert posts["DINKES-04"].bidang == () and posts["PUPR-01"].bidang == ("teknik_sipil",)
    assert posts["DINKES-02"].bidang == ("kesehatan_masyarakat",)  # written "Kesehatan Masyarakat"


@pytest.mark.parametrize("name", ["valid_excel_style.xlsx", "valid_prefixed.xlsx"])
def test_excel_written_variants_read_the_same(name: str) -> None:
    """Shared strings with rich text and phonetic runs (as Excel writes) and prefixed XML read like valid.xlsx."""
    result, valid = read_workbook(DATA / name), read_workbook(DATA / "valid.xlsx")
    assert result.warnings == []
    assert result.data.replace(source_sha256=None) == valid.data.replace(source_sha256=None)


def test_many_problems_are_all_reported() -> None:
    """A workbook with errors on every sheet reports each of them in one InputError."""
    problems = _problems(DATA / "many_problems.xlsx")
    assert _where(problems) == {
        ("Pegawai", 2, "Golongan"), ("Pegawai", 3, "TMT Jabatan"), ("Pegawai", 4, "Kode Jabatan"),
        ("Pegawai", 5, "NIP"), ("Pegawai", 6, "Predikat Kinerja"), ("Pegawai", 9, "NIP"),
        ("Jabatan", 3, "Kebutuhan"), ("Jabatan", 4, "Kelas Jabatan"), ("Pengaturan", 3, "Parameter"),
    }
    duplicate = next(p for p in problems if (p.row, p.column) == (9, "NIP"))
    assert "baris 2" in duplicate.message  # both rows named


def test_suggestions_name_the_closest_spelling() -> None:
    """Unknown codes, columns and parameters are answered with the closest existing spelling."""
    assert "PUPR-01" in _problems(DATA / "unknown_kode.xlsx")[0].hint
    assert "Golngan" in _problems(DATA / "missing_column.xlsx")[0].hint
    assert "biaya_mutasi" in _problems(DATA / "unknown_param.xlsx")[0].hint


def test_nip_as_number_explains_lost_digits() -> None:
    """A NIP in a number cell is refused with the 15-significant-digit explanation and the fix."""
    problem = _problems(DATA / "nip_as_number.xlsx")[0]
    assert "15 digit" in problem.message and "Text" in problem.hint and "'" in problem.hint


def test_file_level_problems_are_clear() -> None:
    """Not-xlsx, empty, corrupt and encrypted files each give one readable message, no traceback."""
    messages = {name: _problems(DATA / name)[0].message for name in
                ("not_xlsx.xlsx", "empty.xlsx", "truncated.xlsx", "encrypted.xlsx")}
    assert "bukan file Excel" in messages["not_xlsx.xlsx"]
    assert "kosong" in messages["empty.xlsx"]
    assert "rusak" in messages["truncated.xlsx"]
    assert "kata sandi" in messages["encrypted.xlsx"]


def test_missing_file(tmp_path: Path) -> None:
    """A path that does not exist is a problem of the file, not a crash."""
    assert _where(_problems(tmp_path / "tidak-ada.xlsx")) == {("-", None, None)}


def test_siasn_export_headers() -> None:
    """SIASN headers and values (NIP BARU, GOL AKHIR NAMA, S-1/Sarjana, M/F, C, KEDUDUKAN HUKUM) are read."""
    result = read_workbook(DATA / "siasn.xlsx")
    assert result.warnings == []
    by_row = {e.row: e for e in result.data.employees}
    assert by_row[2].kode_jabatan == "DINKES-02" and by_row[2].jenis_kelamin == "P"
    assert by_row[2].pendidikan == "S-1" and by_row[2].tanggal_lahir == date(1978, 5, 12)
    assert by_row[3].golongan == "III/b" and by_row[3].status == "Tugas Belajar" and by_row[3].kinerja == "Baik"
    assert by_row[4].status == "CPNS"  # STATUS CPNS PNS = C
    assert by_row[5].status == "MPP" and by_row[5].kinerja == "Butuh Perbaikan"
    assert by_row[6].status == "Diberhentikan Sementara" and by_row[6].pendidikan == "D-IV"


def test_post_found_by_name_and_unit() -> None:
    """Without Kode Jabatan, (Nama Jabatan, Unit Kerja) finds the post case- and space-insensitively."""
    data = read_workbook(DATA / "name_unit.xlsx").data
    valid = read_workbook(DATA / "valid.xlsx").data
    assert [e.kode_jabatan for e in data.employees] == [e.kode_jabatan for e in valid.employees]


def test_post_by_name_and_unit_not_found_or_ambiguous(tmp_path: Path) -> None:
    """An unknown (Nama Jabatan, Unit Kerja) and one matching two posts are both errors on that row."""
    sheets = mk.name_unit_sheets()
    mk.set_cell(sheets, "Pegawai", 2, "Unit Kerja", "Dinas Pariwisata")
    sheets["Jabatan"].append(["DINKES-05", "Pengadministrasi Umum", "Dinas Kesehatan", "Pelaksana", None, 5, 1,
                              "SLTA"])
    problems = _problems(mk.save(sheets, tmp_path / "w.xlsx"))
    assert _where(problems) == {("Pegawai", 2, "Nama Jabatan"), ("Pegawai", 6, "Nama Jabatan"),
                                ("Pegawai", 11, "Nama Jabatan")}
    assert any("DINKES-05" in p.message for p in problems)


def test_every_date_spelling_parses() -> None:
    """Date cells, serial numbers, yyyymmdd, dd-mm-yyyy, d/m/yyyy, ISO and Indonesian month names all read."""
    data = read_workbook(DATA / "dates.xlsx").data
    assert {e.tmt_jabatan for e in data.employees} == {date(2020, 8, 3)}
    valid = read_workbook(DATA / "valid.xlsx").data
    assert [e.tanggal_lahir for e in data.employees] == [e.tanggal_lahir for e in valid.employees]
    assert data.params.tanggal_acuan == date(2025, 9, 26)


@pytest.mark.parametrize(("text", "expected"), [
    ("26 September 1986", date(1986, 9, 26)), ("3 Agustus 2020", date(2020, 8, 3)),
    ("3 Agt 2020", date(2020, 8, 3)), ("26 Sept 1986", date(1986, 9, 26)), ("1 Des 2019", date(2019, 12, 1)),
    ("1 Desember 2019", date(2019, 12, 1)), ("17-Agu-2021", date(2021, 8, 17)), ("5 Mei 2001", date(2001, 5, 5)),
    ("31-12-2020", date(2020, 12, 31)), ("31/12/2020", date(2020, 12, 31)), ("31.12.2020", date(2020, 12, 31)),
    ("2020-12-31", date(2020, 12, 31)), ("2020-12-31 00:00:00", date(2020, 12, 31)),
    (datetime(2020, 12, 31, 8, 30), date(2020, 12, 31)), (44196, date(2020, 12, 31)),
    (20201231, date(2020, 12, 31)),
])
def test_date_spellings(text: object, expected: date) -> None:
    """Each accepted date spelling reads as the intended day (day-month order for numeric text)."""
    assert cells.as_date(text) == expected


@pytest.mark.parametrize("text", ["31-02-2020", "29-02-2021", "12/31/2020", "32 Januari 2020", "3 Foo 2020",
                                  "kemarin", "20-8-20", "01-01-1899", "01-01-2300", 0, True])
def test_date_rejections(text: object) -> None:
    """Impossible, US-ordered, two-digit-year, out-of-range and non-date values are refused."""
    with pytest.raises(cells.Bad):
        cells.as_date(text)


def test_nip_derivations() -> None:
    """Without the columns, birth date and sex come from the NIP; an NI PPPK or a PPPK golongan means PPPK."""
    data = read_workbook(DATA / "derive.xlsx").data
    by_row = {e.row: e for e in data.employees}
    assert by_row[2].tanggal_lahir == date(1970, 3, 15) and by_row[2].jenis_kelamin == "L"
    assert by_row[3].tanggal_lahir == date(1978, 5, 12) and by_row[3].jenis_kelamin == "P"
    assert by_row[11].status == "PPPK"  # NIP month 21: NI PPPK, although Status says Aktif
    assert by_row[10].status == "PPPK"  # golongan IX, although Status says CPNS
    assert by_row[2].status == "Aktif"


def test_nip_facts() -> None:
    """NIP digits: 1–8 birth date, 9–14 appointment (month + 20 for PPPK), 15 sex."""
    pns = nip_facts("198609262010011001")
    assert (pns.lahir, pns.kelamin, pns.pppk, pns.tmt_valid) == (date(1986, 9, 26), "L", False, True)
    pppk = nip_facts("199102022023322001")
    assert (pppk.kelamin, pppk.pppk, pppk.tmt_valid) == ("P", True, True)
    odd = nip_facts("198602302010133001")
    assert (odd.lahir, odd.kelamin, odd.tmt_valid) == (None, None, False)


def test_kotak_derivation() -> None:
    """Kotak Talenta follows PermenPANRB 3/2020 from kinerja × potensi (names, SKP and JPM); no potensi, no kotak."""
    data = read_workbook(DATA / "derive.xlsx").data
    assert [e.kotak for e in data.employees] == [9, 8, 7, 6, 5, 4, 3, 2, 1, None]
    assert [e.potensi for e in data.employees][:7] == [
        "Tinggi", "Tinggi", "Menengah", "Tinggi", "Menengah", "Rendah", "Menengah"]


def test_warnings_do_not_stop_reading() -> None:
    """Each warning case is reported as a warning at its cell, and the data is still returned."""
    result = read_workbook(DATA / "warnings.xlsx")
    assert all(w.severity is Severity.WARNING for w in result.warnings)
    assert {(w.sheet, w.row, w.column) for w in result.warnings} == {
        ("Pegawai", 2, "Tanggal Lahir"),  # differs from NIP
        ("Pegawai", 3, "Jurusan"),  # no field
        ("Pegawai", 4, "Pelatihan"),  # unknown training
        ("Pegawai", 4, "Unit Diminati"),  # unknown unit
        ("Pegawai", 5, "Golongan"),  # below the post's range
        ("Pegawai", 7, "Jenjang Pendidikan"),  # below the post's minimum
        ("Pegawai", 8, "TMT Jabatan"),  # after tanggal_acuan
        ("Pegawai", 8, "Jenis Kelamin"),  # differs from NIP digit 15
        ("Jabatan", 10, "Kebutuhan"),  # more holders than seats
        ("Jabatan", 10, "Nama Jabatan"),  # a Fungsional post of no known JF family
    }
    by_row = {e.row: e for e in result.data.employees}
    assert by_row[2].tanggal_lahir == date(1971, 3, 15)  # the column wins; the NIP only warns
    assert by_row[3].bidang is None and by_row[4].pelatihan == ("ti",)


def test_warnings_travel_with_errors(tmp_path: Path) -> None:
    """When there are errors, the InputError also carries the warnings found."""
    sheets = mk.warnings_sheets()
    mk.set_cell(sheets, "Pegawai", 6, "Golongan", "III/z")
    problems = _problems(mk.save(sheets, tmp_path / "w.xlsx"))
    assert _where(problems) == {("Pegawai", 6, "Golongan")}
    assert sum(p.severity is Severity.WARNING for p in problems) >= 8


def test_rows_are_excel_rows_and_empty_rows_skipped(tmp_path: Path) -> None:
    """Blank rows (also ones with only spaces or a dash) are skipped; problems keep the real Excel row."""
    sheets = mk.valid_sheets()
    width = len(sheets["Pegawai"][0])
    sheets["Pegawai"].insert(3, [None] * width)  # Excel row 4 is empty
    sheets["Pegawai"].insert(4, ["  ", "-"] + [None] * (width - 2))  # row 5 is blank too
    mk.set_cell(sheets, "Pegawai", 8, "Golongan", "X/x")  # the 6th employee, Excel row 8
    problems = _problems(mk.save(sheets, tmp_path / "w.xlsx"))
    assert _where(problems) == {("Pegawai", 8, "Golongan")}


def test_sheet_and_header_matching_is_loose(tmp_path: Path) -> None:
    """Sheet names and headers match whatever their case and spacing; unknown extra columns are ignored."""
    sheets = mk.valid_sheets()
    renamed = {"  PEGAWAI": sheets["Pegawai"], "jabatan": sheets["Jabatan"], "Pengaturan ": sheets["Pengaturan"]}
    renamed["  PEGAWAI"][0] = [f" {h.upper()}  " for h in renamed["  PEGAWAI"][0]]
    renamed["jabatan"][0] = [h.lower().replace(" ", "_") for h in renamed["jabatan"][0]]
    for row in renamed["  PEGAWAI"]:
        row.append("catatan")
    data = read_workbook(mk.save(renamed, tmp_path / "w.xlsx")).data
    assert len(data.employees) == 10 and len(data.positions) == 9


def test_doubled_column_is_an_error(tmp_path: Path) -> None:
    """Two headers that both mean NIP (NIP and NIP BARU) are refused: the reader cannot choose."""
    sheets = mk.valid_sheets()
    for i, row in enumerate(sheets["Pegawai"]):
        row.append("NIP BARU" if i == 0 else row[0])
    assert _where(_problems(mk.save(sheets, tmp_path / "w.xlsx"))) == {("Pegawai", 1, "NIP BARU")}


def test_optional_column_required_by_a_row(tmp_path: Path) -> None:
    """Without a Jenjang column, each Fungsional post is an error on its own row, never silently dropped."""
    sheets = mk.valid_sheets()
    mk.drop_column(sheets, "Jabatan", "Jenjang")
    problems = _problems(mk.save(sheets, tmp_path / "w.xlsx"))
    assert _where(problems) == {("Jabatan", row, "Jenjang") for row in (4, 7, 9, 10)}


def test_nip_spellings(tmp_path: Path) -> None:
    """NIP text with spaces, dots, a NIP/NIP./NIP: prefix or a leading apostrophe reads as 18 digits."""
    sheets = mk.valid_sheets()
    spellings = ["NIP197003152000031002", "nip: 19780512 200501 2 003", "1990.0101.2015.03.1.001",
                 "'199205202019032002"]
    for row, nip in enumerate(spellings, start=2):
        mk.set_cell(sheets, "Pegawai", row, "NIP", nip)
    data = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data
    assert [e.nip for e in data.employees[:4]] == ["197003152000031002", "197805122005012003",
                                                   "199001012015031001", "199205202019032002"]


_any_cell = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(["#N/A", "-", " ", "III/a", "S-1", "Baik", "31-02-2020", "Ya", "0"]),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2200, 1, 1)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["Pegawai", "Jabatan", "Pengaturan"]), st.integers(1, 11),
                          st.integers(0, 20), _any_cell), max_size=6))
def test_any_cell_value_never_crashes(changes: list[tuple[str, int, int, object]]) -> None:
    """Whatever is typed in any cell (header included), reading ends in data or in located problems."""
    sheets = mk.valid_sheets()
    for sheet, row, col, value in changes:
        rows = sheets[sheet]
        if row <= len(rows) and col < len(rows[0]):
            rows[row - 1][col] = value
    with tempfile.TemporaryDirectory() as folder:
        path = mk.save(sheets, Path(folder) / "w.xlsx")
        try:
            read_workbook(path)
        except InputError as exc:
            assert exc.errors
            assert all(p.sheet in ("Pegawai", "Jabatan", "Pengaturan") and p.message and p.hint
                       for p in exc.problems)
            assert not any("tidak dapat dibaca" in p.message for p in exc.problems)


def test_pengaturan_is_optional(tmp_path: Path) -> None:
    """Without a Pengaturan sheet every parameter takes its default."""
    sheets = mk.valid_sheets()
    del sheets["Pengaturan"]
    data = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data
    assert data.params == Params(tanggal_acuan=date.today())


def test_pengaturan_types(tmp_path: Path) -> None:
    """Parameter names match case-insensitively and values convert to each field's type."""
    sheets = mk.valid_sheets()
    sheets["Pengaturan"][1:] = [
        ["Tanggal Acuan", "1 Juli 2025"], ["MAKS_MUTASI", 25], ["toleransi_golongan", "Tidak"],
        ["status_boleh_mutasi", "aktif, cpns"], ["maks_keluar_unit_persen", "25,5"], ["larangan_mulai", None],
        ["bobot_bidang", "30"], ["kotak_promosi", 9],
    ]
    params = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data.params
    assert params.tanggal_acuan == date(2025, 7, 1) and params.maks_mutasi == 25
    assert params.toleransi_golongan is False and params.status_boleh_mutasi == ("Aktif", "CPNS")
    assert params.maks_keluar_unit_persen == 25.5 and params.larangan_mulai is None
    assert params.bobot_bidang == 30 and params.kotak_promosi == (9,)


def test_pengaturan_cross_field_error(tmp_path: Path) -> None:
    """A freeze window ending before it starts is an error on the Pengaturan row of larangan_selesai."""
    sheets = mk.valid_sheets()
    sheets["Pengaturan"] += [["larangan_mulai", "01-09-2024"], ["larangan_selesai", "01-08-2024"]]
    assert _where(_problems(mk.save(sheets, tmp_path / "w.xlsx"))) == {("Pengaturan", 9, "Nilai")}


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml",
                                  "xl/styles.xml"])
def test_xml_bomb_is_refused_quickly(tmp_path: Path, part: str) -> None:
    """A billion-laughs DOCTYPE in any part is refused at once with a clear message, never expanded."""
    path = tmp_path / "bomb.xlsx"
    data = mk.bomb_bytes(part)
    assert b"<!DOCTYPE" in _part(data, part)
    path.write_bytes(data)
    start = time.perf_counter()
    problems = _problems(path)
    assert time.perf_counter() - start < 5
    assert [(p.sheet, p.row) for p in problems] == [("-", None)]
    assert "DTD" in problems[0].message


def test_dtd_anywhere_in_a_sheet_is_refused(tmp_path: Path) -> None:
    """A DOCTYPE in the middle of a sheet's XML (after its root) is refused too: calamine would read the entity
    reference as nothing, silently emptying a cell."""
    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return data.replace(b"<sheetData>", b'<!DOCTYPE x [<!ENTITY a "b">]><sheetData>', 1)

    path = tmp_path / "dtd.xlsx"
    path.write_bytes(mk._rewrite((DATA / "valid.xlsx").read_bytes(), change))
    problems = _problems(path)
    assert [(p.sheet, p.row) for p in problems] == [("-", None)] and "DTD" in problems[0].message


def test_error_cells_are_found_wherever_they_are(tmp_path: Path) -> None:
    """A formula error in an optional column is an error at its cell (calamine alone would read it as empty);
    one in a column the reader does not use is ignored."""
    sheets = mk.valid_sheets()
    for i, row in enumerate(sheets["Pegawai"]):
        row.append("Catatan" if i == 0 else "#REF!" if i == 4 else None)
    mk.set_cell(sheets, "Pegawai", 3, "Potensi", "#N/A")
    for style in (lambda b: b, mk.excel_style, lambda b: mk.prefixed(mk.excel_style(b))):
        path = tmp_path / "w.xlsx"
        path.write_bytes(style(mk.to_bytes(mk.build(sheets))))
        problems = _problems(path)
        assert [(p.sheet, p.row, p.column, p.value, p.message) for p in problems if p.is_error] == [
            ("Pegawai", 3, "Potensi", "#N/A", "sel berisi galat rumus Excel")]


def test_error_cell_without_reference_is_found(tmp_path: Path) -> None:
    """An error cell written without an `r` reference (its position counted from the cell before it) still
    gives its error at the right cell."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Pegawai", 4, "Golongan", "#DIV/0!")

    def change(name: str, data: bytes) -> bytes:
        return data.replace(b'<c r="C4"', b"<c") if name == "xl/worksheets/sheet1.xml" else data

    path = tmp_path / "w.xlsx"
    path.write_bytes(mk._rewrite(mk.to_bytes(mk.build(sheets)), change))
    assert b'<c r="C4"' not in _part(path.read_bytes(), "xl/worksheets/sheet1.xml")
    problems = _problems(path)
    assert [(p.sheet, p.row, p.column, p.value) for p in problems if p.is_error] == [
        ("Pegawai", 4, "Golongan", "#DIV/0!")]


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    """Reading (successfully or not) leaves the input file's bytes and time unchanged and writes nothing."""
    for name in ("valid.xlsx", "many_problems.xlsx"):
        folder = tmp_path / name.removesuffix(".xlsx")
        folder.mkdir()
        path = folder / name
        path.write_bytes((DATA / name).read_bytes())
        before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        with contextlib.suppress(InputError):
            read_workbook(path)
        assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
        assert list(folder.iterdir()) == [path]  # nothing written beside it either


def _same(value: object) -> object:
    """A cell value as the reader takes it from either: a whole-day datetime is its date, an int its float, text
    of only spaces an empty cell."""
    if isinstance(value, str) and not value.strip():
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _table(rows: object) -> dict[int, tuple[object, ...]]:
    """Rows as {Excel row: values}, trailing and empty cells normalised, empty rows dropped."""
    table: dict[int, tuple[object, ...]] = {}
    for number, values in rows:  # type: ignore[attr-defined]
        cleaned = ["" if v is None else _same(v) for v in values]
        while cleaned and cleaned[-1] == "":
            cleaned.pop()
        if cleaned:
            table[number] = tuple(None if v == "" else v for v in cleaned)
    return table


def _both_readers(data: bytes) -> tuple[dict[str, dict[int, tuple[object, ...]]], ...]:
    """Every sheet's cells as XlsxBook (calamine) reads them and as openpyxl's iter_rows reads them."""
    plain = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        with XlsxBook(data) as book:
            assert book.names() == plain.sheetnames
            fast = {n: _table(book.rows(n)) for n in book.names()}
        return fast, {n: _table(enumerate(plain[n].iter_rows(values_only=True), start=1)) for n in plain.sheetnames}
    finally:
        plain.close()


@pytest.mark.parametrize("name", ["valid.xlsx", "valid_excel_style.xlsx", "valid_prefixed.xlsx", "siasn.xlsx",
                                  "dates.xlsx", "derive.xlsx", "nip_as_number.xlsx", "excel_error_cell.xlsx",
                                  "fractional_kebutuhan.xlsx"])
def test_calamine_cells_equal_openpyxl_cells(name: str) -> None:
    """The calamine reader (with formula errors put back) returns what openpyxl's iter_rows returns."""
    fast, plain = _both_readers((DATA / name).read_bytes())
    assert fast == plain


_cell = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(-1e9, 1e9, allow_nan=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).filter(lambda t: "_x" not in t),
    st.text(alphabet="<>&\"' \t", max_size=5),
    st.sampled_from(["#N/A", "#REF!", "#DIV/0!"]),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cell, max_size=6), min_size=1, max_size=6))
def test_calamine_cells_equal_openpyxl_cells_property(rows: list[list[object]]) -> None:
    """For generated sheets (text with XML specials, numbers, dates, booleans, formula errors, gaps) both
    readers agree."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=2 * i, column=2 * j - 1, value=value)  # gaps between rows and columns
    buffer = io.BytesIO()
    workbook.save(buffer)
    fast, plain = _both_readers(buffer.getvalue())
    assert fast == plain


def test_demo_workbook_round_trips(tmp_path: Path) -> None:
    """A demo pemda written by write_input_workbook reads back to the very same employees, posts and params."""
    from penempatan.demo import generate_demo
    from penempatan.excel.write_input import write_input_workbook

    demo = generate_demo(n_pegawai=300, seed=3)
    path = tmp_path / "demo.xlsx"
    write_input_workbook(path, demo)
    data = read_workbook(path).data

    def plain(items: tuple[Any, ...]) -> list[dict[str, object]]:
        return [item.model_dump(exclude={"row"}) for item in items]

    assert plain(data.employees) == plain(demo.employees)
    assert plain(data.positions) == plain(demo.positions)
    assert data.params == demo.params


_ROWS = int(os.environ.get("PENEMPATAN_READ_ROWS", "5000"))


def test_large_workbook_reads_fast(tmp_path: Path) -> None:
    """Reading scales to 50,000 employees within 20 s (set PENEMPATAN_READ_ROWS=50000 to run the full size)."""
    path = mk.large_workbook(tmp_path / "besar.xlsx", _ROWS)
    start = time.perf_counter()
    result = read_workbook(path)
    elapsed = time.perf_counter() - start
    assert len(result.data.employees) == _ROWS
    assert elapsed < 20 * _ROWS / 50_000 + 2, f"{_ROWS} rows in {elapsed:.1f} s"


def test_golongan_with_pangkat_in_any_order_reads(tmp_path: Path) -> None:
    """Golongan written with its pangkat (any order, separator, case, Tk./Tingkat) reads as the same golongan."""
    sheets = mk.valid_sheets()
    spellings = ["IV/c - Pembina Utama Muda", "IV/a - Pembina", "Penata Muda Tk.I (III/b)", "III/a Penata Muda",
                 "II/c - Pengatur", "penata, 3c", "PENATA TINGKAT I - III/D", "Pengatur Muda (II/a)", "31", "V"]
    for row, text in enumerate(spellings, start=2):
        mk.set_cell(sheets, "Pegawai", row, "Golongan", text)
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    valid = read_workbook(DATA / "valid.xlsx").data
    assert [e.golongan for e in result.data.employees] == [e.golongan for e in valid.employees]
    assert result.warnings == []


def test_golongan_pangkat_disagreement_has_its_own_message() -> None:
    """A golongan and a pangkat that disagree are an error saying so, not 'golongan tidak dikenal'."""
    disagree = next(p for p in _problems(DATA / "golongan_pangkat_disagree.xlsx") if p.severity is Severity.ERROR)
    unknown = next(p for p in _problems(DATA / "unknown_golongan.xlsx") if p.severity is Severity.ERROR)
    assert "tidak sesuai" in disagree.message and "II/c" in disagree.message and "Pengatur Muda" in disagree.message
    assert unknown.message == "golongan tidak dikenal" and disagree.message != unknown.message


def test_problems_name_their_cell() -> None:
    """Cell problems carry the column's position, so they name the Excel cell (Golongan is column C)."""
    problem = next(p for p in _problems(DATA / "unknown_golongan.xlsx") if p.severity is Severity.ERROR)
    assert problem.column_number == mk.PEGAWAI[0].index("Golongan") + 1 and problem.cell() == "C4"
    warning = next(w for w in read_workbook(DATA / "warnings.xlsx").warnings if w.column == "Nama Jabatan")
    assert warning.cell() == f"B{warning.row}"


def test_unmatched_values_are_reported_once_per_distinct_value() -> None:
    """An unmatched Jurusan or Pelatihan is one warning at its first row (case and spacing ignored), and the
    hint names the other rows."""
    warnings = read_workbook(DATA / "warnings.xlsx").warnings
    jurusan = [w for w in warnings if w.column == "Jurusan"]
    pelatihan = [w for w in warnings if w.column == "Pelatihan"]
    assert [(w.row, w.value) for w in jurusan] == [(3, "S-1 Ilmu Keolahragaan")]
    assert "1 baris lain (baris 11)" in jurusan[0].hint
    assert [(w.row, w.value) for w in pelatihan] == [(4, "Merangkai Bunga")]
    assert "baris 9" in pelatihan[0].hint


def test_school_level_and_common_siasn_programmes_give_no_warning(tmp_path: Path) -> None:
    """SD/SMP/SLTA/SMK/Paket C and common SIASN programme and training names map to a field: no warning."""
    sheets = mk.valid_sheets()
    programmes = ["SLTA", "SMP", "SD", "Paket C", "SMK Akuntansi", "S-1 Sastra Inggris", "S-1 Psikologi",
                  "D-IV Statistika", "D-III Metrologi", "D-III Sekretari"]
    trainings = ["Audit", "Kearsipan", "Statistik", "Kepemimpinan", "Perencanaan", "Pelayanan Publik",
                 "Pengadaan Barang/Jasa", "Legal Drafting", "Kehumasan", "SIPD"]
    for row, (programme, training) in enumerate(zip(programmes, trainings, strict=True), start=2):
        mk.set_cell(sheets, "Pegawai", row, "Jurusan", programme)
        mk.set_cell(sheets, "Pegawai", row, "Pelatihan", training)
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    # Only "no field for this programme/training" would be a problem here; R18 holder warnings are not.
    assert [w for w in result.warnings if w.column in ("Jurusan", "Pelatihan") and "R18" not in w.hint] == []
    by_row = {e.row: e for e in result.data.employees}
    assert by_row[2].bidang == "umum" and by_row[6].bidang == "ekonomi_akuntansi"
    assert by_row[5].pelatihan == ("manajemen",) and by_row[10].pelatihan == ("komunikasi",)


def test_unknown_rumpun_jf_is_a_warning_with_close_names(tmp_path: Path) -> None:
    """An unknown Rumpun JF (a family the catalogue lacks) is a warning at its cell, never an error: its hint
    names the closest families and the post is read as open to its name's field."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Jabatan", 9, "Rumpun JF", "Pranata Komputr")
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    [problem] = [w for w in result.warnings if w.column == "Rumpun JF"]
    assert problem.row == 9 and "tidak dikenali" in problem.message and "'Pranata Komputer'" in problem.hint


def test_unknown_jf_post_name_warned_once(tmp_path: Path) -> None:
    """Fungsional posts whose name matches no JF family are one warning per distinct name, at the first row;
    a Rumpun JF given fills the family in."""
    sheets = mk.valid_sheets()
    for kode, nama in (("X-1", "Analis Data Ahli Muda"), ("X-2", "analis  data ahli muda"),
                       ("X-3", "Penjinak Naga Ahli Muda")):
        sheets["Jabatan"].append([kode, nama, "BKPSDM", "Fungsional", "Ahli Muda", 9, 1, "S-1"])
    sheets["Jabatan"].append(["X-4", "Analis Data Ahli Muda", "Dinas PUPR", "Fungsional", "Ahli Muda", 9, 1, "S-1"]
                             + [None] * 8 + ["Statistisi"])
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    unknown = [(w.row, w.value) for w in result.warnings if w.column == "Nama Jabatan"]
    assert unknown == [(11, "Analis Data Ahli Muda"), (13, "Penjinak Naga Ahli Muda")]
    posts = {p.kode: p for p in result.data.positions}
    assert posts["X-1"].rumpun_jf is None and posts["X-4"].rumpun_jf == "Statistisi"


def test_rumpun_jf_outside_fungsional_or_against_the_name_is_a_warning(tmp_path: Path) -> None:
    """Rumpun JF on a non-Fungsional post is ignored with a warning; one that contradicts Nama Jabatan is used
    with a warning."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Jabatan", 6, "Rumpun JF", "Teknik Jalan dan Jembatan")  # PUPR-01, a Pengawas post
    mk.set_cell(sheets, "Jabatan", 9, "Rumpun JF", "Statistisi")  # BKD-01 is named Pranata Komputer
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    # (the Statistisi holder of BKD-01 also gets the R18 holder warning on Jurusan, row 10)
    assert {(w.row, w.column) for w in result.warnings} == {(6, "Rumpun JF"), (9, "Rumpun JF"), (10, "Jurusan")}
    posts = {p.kode: p for p in result.data.positions}
    assert posts["PUPR-01"].rumpun_jf is None and posts["BKD-01"].rumpun_jf == "Statistisi"


def test_bidang_semua_keeps_a_post_open(tmp_path: Path) -> None:
    """Bidang 'semua' keeps a post open to every field although its name would give it one."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Jabatan", 8, "Bidang", "Semua")  # PUPR-03 Pengadministrasi Keuangan
    posts = {p.kode: p for p in read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data.positions}
    assert posts["PUPR-03"].bidang == ()


def test_siap_naik_jenjang_must_be_ya_or_tidak(tmp_path: Path) -> None:
    """A Siap Naik Jenjang value other than Ya/Tidak is an error at its cell."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Pegawai", 5, "Siap Naik Jenjang", "Belum tahu")
    assert _where(_problems(mk.save(sheets, tmp_path / "w.xlsx"))) == {("Pegawai", 5, "Siap Naik Jenjang")}


def test_jenjang_outside_the_family_tracks_is_a_warning(tmp_path: Path) -> None:
    """A Fungsional post on a track its family does not have (Dokter Terampil) is one warning per family and
    jenjang."""
    sheets = mk.valid_sheets()
    for kode in ("X-1", "X-2"):
        sheets["Jabatan"].append([kode, "Dokter Terampil", "Dinas Kesehatan", "Fungsional", "Terampil", 7, 1, "D-III"])
    warnings = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).warnings
    assert [(w.row, w.column, w.value) for w in warnings] == [(11, "Jenjang", "Terampil")]
    assert "Dokter" in warnings[0].message and "keterampilan" in warnings[0].message


def test_broken_reference_table_is_a_problem_of_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reference table that cannot be used is reported as a problem (exit 2), not as an internal error."""
    def broken() -> None:
        raise reader.ReferenceDataError("rumpun.csv baris 7: kata kunci dan bidang wajib diisi")

    monkeypatch.setattr(reader, "load_reference", broken)
    problems = _problems(DATA / "valid.xlsx")
    assert [(p.sheet, p.row) for p in problems] == [("-", None)]
    assert "rumpun.csv baris 7" in problems[0].message and "data/" in problems[0].hint


# --- v3 (issue 21): Bidang as planners write it, PPPK golongan, Sertifikat --------------------------------------
@pytest.mark.parametrize(("written", "expected"), [
    ("Kesehatan", "kesehatan"), ("KESEHATAN", "kesehatan"), ("pendidikan", "pendidikan"), ("Teknik", "teknik"),
    ("teknik_lain", "teknik"), ("Teknik Sipil", "teknik_sipil"),
])
def test_coarse_bidang_reads_as_its_group(tmp_path: Path, written: str, expected: str) -> None:
    """A Bidang written coarse (an umbrella group, any case, a version-1 code) reads as the group's fields with no
    problem reported."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Jabatan", 2, "Bidang", written)  # DINKES-01
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    ref = load_reference()
    group = ref.kelompok.get(expected, frozenset({expected}))
    assert set(result.data.positions[0].bidang) == group
    assert not [w for w in result.warnings if w.column == "Bidang"]


def test_several_bidang_in_one_cell(tmp_path: Path) -> None:
    """'Ekonomi, Hukum' and 'ti; Kesehatan' are the union of what each part names."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Jabatan", 2, "Bidang", "Ekonomi, Hukum")
    mk.set_cell(sheets, "Jabatan", 3, "Bidang", "ti; Kesehatan")
    posts = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data.positions
    ref = load_reference()
    assert set(posts[0].bidang) == ref.kelompok["ekonomi"] | {"hukum"}
    assert set(posts[1].bidang) == ref.kelompok["kesehatan"] | {"ti"}


def test_unknown_bidang_is_one_grouped_error_with_a_right_suggestion(tmp_path: Path) -> None:
    """Misspelt Bidang values are errors at their cells (the same value grouped), each with the closest field or
    group as the suggestion, never a guess that passes silently."""
    sheets = mk.valid_sheets()
    for row in (2, 3, 4):
        mk.set_cell(sheets, "Jabatan", row, "Bidang", "Kesehtan")
    with pytest.raises(InputError) as caught:
        read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    errors = [p for p in caught.value.problems if p.column == "Bidang"]
    assert [p.row for p in errors] == [2, 3, 4]
    assert all("'kesehatan'" in p.hint for p in errors)


def test_pppk_golongan_reads_against_the_post_range(tmp_path: Path) -> None:
    """A PPPK golongan is read through its PNS equivalent (IX = III/a): an Ahli Pertama PPPK IX holder gets no
    'di luar rentang' warning, a PPPK V there does."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, "Pegawai", 10, "Golongan", "IX")  # Fajar, BKD-01 Pranata Komputer Ahli Pertama
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    assert not [w for w in result.warnings if w.column == "Golongan" and w.row == 10]
    mk.set_cell(sheets, "Pegawai", 10, "Golongan", "V")
    result = read_workbook(mk.save(sheets, tmp_path / "w2.xlsx"))
    assert [w.row for w in result.warnings if w.column == "Golongan" and "rentang" in w.message] == [10]


def test_sertifikat_is_read_as_a_list(tmp_path: Path) -> None:
    """Sertifikat lists licences separated by ';' (R22)."""
    sheets = mk.valid_sheets()
    sheets["Pegawai"][0].append("Sertifikat")
    for row in sheets["Pegawai"][1:]:
        row.append(None)
    mk.set_cell(sheets, "Pegawai", 3, "Sertifikat", "STR; Sertifikat PBJ")
    result = read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    assert result.data.employees[1].sertifikat == ("STR", "Sertifikat PBJ")


def test_alamat_is_an_optional_column_of_jabatan(tmp_path: Path) -> None:
    """Without an Alamat column every post has no address (existing workbooks read as before); with it, the
    address is read as written, and a row left empty has none."""
    sheets = mk.valid_sheets()
    assert "Alamat" not in sheets["Jabatan"][0]
    assert all(q.alamat is None for q in read_workbook(mk.save(sheets, tmp_path / "a.xlsx")).data.positions)
    sheets["Jabatan"][0].append("Alamat")
    for row in sheets["Jabatan"][1:]:
        row.append(None)
    mk.set_cell(sheets, "Jabatan", 3, "Alamat", "Jl. Merdeka No. 5, Kelurahan Oebobo")
    positions = read_workbook(mk.save(sheets, tmp_path / "b.xlsx")).data.positions
    assert [q.alamat for q in positions if q.alamat] == ["Jl. Merdeka No. 5, Kelurahan Oebobo"]
    assert positions[1].alamat == "Jl. Merdeka No. 5, Kelurahan Oebobo"


def test_pengaturan_letter_texts(tmp_path: Path) -> None:
    """The letters' sender keys are texts: kept as written (trimmed), a number cell as its digits, an empty
    cell as the default ''."""
    sheets = mk.valid_sheets()
    sheets["Pengaturan"][1:] = [
        ["nama_instansi", "  Pemerintah Kota Uji; BKPSDM "], ["Penanda Tangan", "Kepala BKPSDM; Budi; NIP 1"],
        ["kontak", 812345], ["tempat_surat", None],
    ]
    params = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data.params
    assert params.nama_instansi == "Pemerintah Kota Uji; BKPSDM"
    assert params.penanda_tangan == "Kepala BKPSDM; Budi; NIP 1"
    assert (params.kontak, params.tempat_surat, params.alamat_instansi) == ("812345", "", "")


@pytest.mark.parametrize(("sheet", "row", "header", "value", "words"), [
    ("Jabatan", 2, "Kebutuhan", 1e308, "0–10000"),
    ("Jabatan", 2, "Kebutuhan", 10**20, "0–10000"),
    ("Pengaturan", 3, "Nilai", 1e300, "0–1000"),  # biaya_mutasi
    ("Pengaturan", 3, "Nilai", 1001, "0–1000"),
])
def test_numbers_too_big_for_the_solver_are_located_errors(tmp_path: Path, sheet: str, row: int, header: str,
                                                            value: object, words: str) -> None:
    """Issue 24: a Kebutuhan, weight or cost the solver cannot hold is an error at its cell naming the allowed
    range, never an OverflowError later."""
    sheets = mk.valid_sheets()
    mk.set_cell(sheets, sheet, row, header, value)
    problems = _problems(mk.save(sheets, tmp_path / "big.xlsx"))
    assert (sheet, row, header) in _where(problems)
    assert any(words in p.message for p in problems if (p.sheet, p.row) == (sheet, row)), problems


def test_every_weight_and_cost_has_an_upper_bound() -> None:
    """Every whole-number parameter is bounded above, so no value read passes `check` and overflows the solver."""
    for name, field in Params.model_fields.items():
        if field.annotation in (int, int | None):
            assert any(getattr(rule, "le", None) is not None for rule in field.metadata), name


def test_siasn_ids_are_read_as_trimmed_text(tmp_path: Path) -> None:
    """SPEC 10: the optional SIASN ID columns read as text (a number cell as its digits, spaces around trimmed,
    alias ID for PNS ID); blank stays None."""
    sheets = mk.valid_sheets()
    pegawai, jabatan = sheets["Pegawai"], sheets["Jabatan"]
    pegawai[0].append("ID")
    pegawai[1].append("  A8ACA78EEB8E3912E040640A040269BB ")
    for row in pegawai[2:]:
        row.append(None)
    jabatan[0] += ["UNOR ID", "Eselon ID"]
    jabatan[1] += ["8ae4828659703898015972cfc0db358b", 22]
    for row in jabatan[2:]:
        row += [None, None]
    data = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data
    assert data.employees[0].pns_id == "A8ACA78EEB8E3912E040640A040269BB"
    assert data.employees[1].pns_id is None
    ids = data.positions[0].siasn
    assert (ids.unor_id, ids.eselon_id, ids.satuan_kerja_id) == ("8ae4828659703898015972cfc0db358b", "22", None)
    assert data.positions[1].siasn.unor_id is None


def test_bad_siasn_ids_are_located_errors(tmp_path: Path) -> None:
    """An ID with a space inside or longer than 64 characters is an error naming sheet, row, column and value."""
    sheets = mk.valid_sheets()
    pegawai, jabatan = sheets["Pegawai"], sheets["Jabatan"]
    pegawai[0].append("PNS ID")
    pegawai[1].append("A8AC A78E")
    for row in pegawai[2:]:
        row.append(None)
    jabatan[0].append("Satuan Kerja ID")
    jabatan[1].append("X" * 65)
    for row in jabatan[2:]:
        row.append(None)
    problems = [p for p in _problems(mk.save(sheets, tmp_path / "w.xlsx")) if p.severity is Severity.ERROR]
    assert {(p.sheet, p.row, p.column, p.value) for p in problems} == {
        ("Pegawai", 2, "PNS ID", "A8AC A78E"), ("Jabatan", 2, "Satuan Kerja ID", "X" * 65)}
    assert any("spasi" in p.message for p in problems) and any("terlalu panjang" in p.message for p in problems)
