"""Build the test workbooks of tests/data (fictional data): `python tests/data/make_workbooks.py`.

Deterministic: the same bytes on every run (fixed zip timestamps and document properties), so the
committed .xlsx files only change when this script does. `valid.xlsx` is a small clean pemda; each
broken workbook changes one thing of it; tests/test_read.py says which problem each must produce.
The builders are also used by the tests for workbooks too big or too hostile to commit.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
FIXED_TIME = datetime(2025, 1, 1)

Sheets = dict[str, list[list[object]]]  # sheet name -> rows (row 0 is the header)

JABATAN: list[list[object]] = [
    ["Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Jenis Jabatan", "Jenjang", "Kelas Jabatan", "Kebutuhan",
     "Pendidikan Minimal", "Bidang", "Golongan Minimal", "Golongan Maksimal", "Standar Manajerial",
     "Standar Sosial Kultural", "Standar Teknis", "Risiko Tinggi", "Wajib Diisi", "Rumpun JF"],
    ["DINKES-01", "Kepala Dinas Kesehatan", "Dinas Kesehatan", "JPT Pratama", None, 14, 1, "S-2",
     "kesehatan_masyarakat",
     None, None, 4, 4, 4, "Tidak", "Ya"],
    ["DINKES-02", "Kepala Bidang Pelayanan Kesehatan", "Dinas Kesehatan", "Administrator", None, 12, 1, "S-1",
     "Kesehatan Masyarakat", None, None, 3, 3, 3, None, None],
    ["DINKES-03", "Epidemiolog Kesehatan Ahli Pertama", "Dinas Kesehatan", "Fungsional", "Ahli Pertama", 8, 3,
     "S-1", "kesehatan_masyarakat", None, None, None, 2, 3, None, None],
    ["DINKES-04", "Pengadministrasi Umum", "Dinas Kesehatan", "Pelaksana", None, 5, 2, "SLTA", None,
     None, None, None, None, 2, None, None],
    ["PUPR-01", "Kepala Seksi Jalan", "Dinas PUPR", "Pengawas", None, 9, 1, "S-1", "teknik_sipil",
     None, None, 2, 2, 3, "Ya", None],
    ["PUPR-02", "Teknik Jalan dan Jembatan Ahli Muda", "Dinas PUPR", "Fungsional", "Ahli Muda", 9, 2, "S-1",
     "teknik_sipil", None, None, None, 2, 4, None, None, "teknik  jalan dan jembatan"],
    ["PUPR-03", "Pengadministrasi Keuangan", "Dinas PUPR", "Pelaksana", None, 5, 2, "SLTA", None,
     None, None, None, None, None, None, None],
    ["BKD-01", "Pranata Komputer Ahli Pertama", "BKPSDM", "Fungsional", "Ahli Pertama", 8, 1, "S-1", "ti",
     None, None, None, 2, 3, None, "Tidak"],
    ["BKD-02", "Analis Kepegawaian Ahli Muda", "BKPSDM", "Fungsional", "Ahli Muda", 9, 0, "S-1",
     "administrasi_sosial", None, None, None, None, None, None, None],
]

PEGAWAI: list[list[object]] = [
    ["NIP", "Nama", "Golongan", "Jenjang Pendidikan", "Jurusan", "Kode Jabatan", "TMT Jabatan",
     "Tanggal Lahir", "Jenis Kelamin", "Status", "Predikat Kinerja", "Potensi", "Kotak Talenta",
     "Kompetensi Manajerial", "Kompetensi Sosial Kultural", "Kompetensi Teknis", "Pelatihan",
     "Hukuman Disiplin", "Akhir Hukuman", "Bersedia Mutasi", "Unit Diminati", "Siap Naik Jenjang"],
    ["19700315 200003 1 002", "dr. Budi Santoso, M.Kes", "IV/c", "S-2", "S-2 Kesehatan Masyarakat", "DINKES-01",
     datetime(2021, 1, 4), datetime(1970, 3, 15), "L", "Aktif", "Sangat Baik", "Tinggi", None, 4, 4, 4,
     "Kesehatan", None, None, "Ya", None],
    ["NIP. 197805122005012003", "dr. Siti Rahmawati", "IV/a", "S-1", "S-1 Kedokteran", "DINKES-02",
     datetime(2022, 3, 1), datetime(1978, 5, 12), "P", "Aktif", "Baik", "Tinggi", None, 3, 3, 3,
     None, "Tidak Ada", None, "Ya", None],
    ["'199001012015031001", "Andi Wijaya, SKM", "III/b", "S-1", "S-1 Kesehatan Masyarakat", "DINKES-03",
     datetime(2019, 6, 1), datetime(1990, 1, 1), "L", "Aktif", "Baik", "Menengah", None, 2, 3, 3,
     "TI; Pengadaan", None, None, "Ya", "Dinas PUPR; BKPSDM"],
    ["199205202019032002", "Dewi Lestari, SKM", "III/a", "S-1", "S-1 Kesehatan Masyarakat", "DINKES-03",
     datetime(2020, 4, 1), datetime(1992, 5, 20), "P", "Aktif", "Butuh Perbaikan", "Rendah", None, None, 2, 2,
     None, "Ringan", datetime(2025, 3, 1), "Tidak", None],
    ["198811112010011001", "Rudi Hartono", "II/c", "SLTA", "SMA IPA", "DINKES-04",
     datetime(2015, 2, 1), datetime(1988, 11, 11), "L", "Aktif", "Baik", None, None, None, None, 2,
     None, None, None, None, None],
    ["198502022009011004", "Ir. Joko Susilo", "III/c", "S-1", "S-1 Teknik Sipil", "PUPR-01",
     datetime(2018, 1, 2), datetime(1985, 2, 2), "L", "Aktif", "Sangat Baik", "Menengah", None, 3, 3, 4,
     "Pengadaan", None, None, "Ya", None],
    ["198707072011012005", "Rina Marlina, ST", "III/d", "S-1", "S-1 Teknik Sipil", "PUPR-02",
     datetime(2020, 10, 1), datetime(1987, 7, 7), "P", "Aktif", "Baik", "Tinggi", 8, None, 3, 4,
     None, None, None, "Ya", None, "Ya"],
    ["199303032020121001", "Bambang Prakoso", "II/a", "SLTA", "SMK Teknik Mesin", "PUPR-03",
     datetime(2021, 1, 1), datetime(1993, 3, 3), "L", "Aktif", "Kurang", "Menengah", None, None, None, 2,
     None, None, None, "Ya", None],
    ["199506062022031002", "Fajar Nugroho, S.Kom", "III/a", "S-1", "S-1 Teknik Informatika", "BKD-01",
     datetime(2022, 3, 1), datetime(1995, 6, 6), "L", "CPNS", "Baik", "Tinggi", None, None, 2, 3,
     "TI", None, None, "Ya", "Dinas Kesehatan"],
    ["199102022023212001", "Maya Sari", "V", "SLTA", "SMA IPS", "DINKES-04",
     datetime(2023, 1, 1), datetime(1991, 2, 2), "P", "Aktif", "Baik", None, None, None, None, None,
     None, None, None, "Ya", None],
]

PENGATURAN: list[list[object]] = [
    ["Parameter", "Nilai"],
    ["tanggal_acuan", datetime(2025, 7, 1)],
    ["biaya_mutasi", 3],
    ["kotak_promosi", "7; 8; 9"],
    ["status_boleh_mutasi", "Aktif"],
    ["maks_mutasi", None],
    ["toleransi_golongan", "Ya"],
]


def _padded(rows: list[list[object]]) -> list[list[object]]:
    """A deep copy with every row as wide as the header (trailing optional cells left out above)."""
    return [list(row) + [None] * (len(rows[0]) - len(row)) for row in copy.deepcopy(rows)]


def valid_sheets() -> Sheets:
    """A fresh copy of the valid workbook's contents."""
    return {"Pegawai": _padded(PEGAWAI), "Jabatan": _padded(JABATAN), "Pengaturan": copy.deepcopy(PENGATURAN)}


def build(sheets: Sheets) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.properties.creator = "penempatan tests"
    workbook.properties.created = FIXED_TIME
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook as xlsx bytes, identical on every run."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return out.getvalue()


def save(sheets: Sheets, path: Path) -> Path:
    path.write_bytes(to_bytes(build(sheets)))
    return path


def column(rows: list[list[object]], header: str) -> int:
    return rows[0].index(header)


def set_cell(sheets: Sheets, sheet: str, row: int, header: str, value: object) -> None:
    """Set the cell of Excel row `row` (header = 1) in the column titled `header`."""
    rows = sheets[sheet]
    rows[row - 1][column(rows, header)] = value


def drop_column(sheets: Sheets, sheet: str, header: str) -> None:
    index = column(sheets[sheet], header)
    for row in sheets[sheet]:
        del row[index]


def _edit(*changes: tuple[str, int, str, object]) -> Callable[[Sheets], None]:
    def apply(sheets: Sheets) -> None:
        for sheet, row, header, value in changes:
            set_cell(sheets, sheet, row, header, value)

    return apply


def _rename_column(sheet: str, old: str, new: str) -> Callable[[Sheets], None]:
    def apply(sheets: Sheets) -> None:
        rows = sheets[sheet]
        rows[0][column(rows, old)] = new

    return apply


def _drop_sheet(name: str) -> Callable[[Sheets], None]:
    def apply(sheets: Sheets) -> None:
        del sheets[name]

    return apply


def _duplicate_kode(sheets: Sheets) -> None:
    row = list(sheets["Jabatan"][3])
    row[1] = "Epidemiolog Kesehatan Ahli Pertama (dobel)"
    sheets["Jabatan"].append(row)  # Excel row 11 repeats DINKES-03 of row 4


def _many(sheets: Sheets) -> None:
    _edit(("Pegawai", 2, "Golongan", "V/a"), ("Pegawai", 3, "TMT Jabatan", "31-02-2020"),
          ("Pegawai", 4, "Kode Jabatan", "DINKES-99"), ("Pegawai", 5, "NIP", "1992052020190320"),
          ("Pegawai", 6, "Predikat Kinerja", "Luar Biasa"), ("Jabatan", 3, "Kebutuhan", -1),
          ("Jabatan", 4, "Kelas Jabatan", 18), ("Pengaturan", 3, "Parameter", "biaya_mutas"))(sheets)
    set_cell(sheets, "Pegawai", 9, "NIP", sheets["Pegawai"][1][0])  # duplicate of row 2


# file name -> how it differs from valid.xlsx (tests/test_read.py holds the expected problem of each)
BROKEN: dict[str, Callable[[Sheets], None]] = {
    "missing_sheet.xlsx": _drop_sheet("Jabatan"),
    "missing_column.xlsx": _rename_column("Pegawai", "Golongan", "Golngan"),
    "duplicate_nip.xlsx": _edit(("Pegawai", 5, "NIP", "199001012015031001")),
    "nip_17_digits.xlsx": _edit(("Pegawai", 3, "NIP", "19780512200501200")),
    "nip_as_number.xlsx": _edit(("Pegawai", 6, "NIP", float(198811112010011001))),
    "nip_letters.xlsx": _edit(("Pegawai", 5, "NIP", "19920520201903200X")),
    "unknown_kode.xlsx": _edit(("Pegawai", 7, "Kode Jabatan", "PUPR-1")),
    "bad_date.xlsx": _edit(("Pegawai", 8, "TMT Jabatan", "awal tahun 2020")),
    "impossible_date.xlsx": _edit(("Pegawai", 9, "TMT Jabatan", "31-02-2020")),
    "year_1800.xlsx": _edit(("Pegawai", 2, "Tanggal Lahir", "15-03-1800")),
    "far_future_date.xlsx": _edit(("Pegawai", 3, "TMT Jabatan", "01-01-2300")),
    "unknown_golongan.xlsx": _edit(("Pegawai", 4, "Golongan", "III/f")),
    "golongan_pangkat_disagree.xlsx": _edit(("Pegawai", 6, "Golongan", "II/c - Pengatur Muda")),
    "unknown_jenjang.xlsx": _edit(("Pegawai", 5, "Jenjang Pendidikan", "S-4")),
    "unknown_predikat.xlsx": _edit(("Pegawai", 6, "Predikat Kinerja", "Luar Biasa")),
    "skp_above_120.xlsx": _edit(("Pegawai", 7, "Predikat Kinerja", 130)),
    "kompetensi_6.xlsx": _edit(("Pegawai", 8, "Kompetensi Teknis", 6)),
    "kotak_10.xlsx": _edit(("Pegawai", 9, "Kotak Talenta", 10)),
    "unknown_status.xlsx": _edit(("Pegawai", 10, "Status", "Pensiun")),
    "bad_bersedia.xlsx": _edit(("Pegawai", 11, "Bersedia Mutasi", "Mungkin")),
    "excel_error_cell.xlsx": _edit(("Pegawai", 2, "Golongan", "#N/A")),
    "empty_nama.xlsx": _edit(("Pegawai", 3, "Nama", None)),
    "negative_kebutuhan.xlsx": _edit(("Jabatan", 3, "Kebutuhan", -1)),
    "fractional_kebutuhan.xlsx": _edit(("Jabatan", 4, "Kebutuhan", 2.5)),
    "kelas_18.xlsx": _edit(("Jabatan", 5, "Kelas Jabatan", 18)),
    "duplicate_kode.xlsx": _duplicate_kode,
    "unknown_jenis.xlsx": _edit(("Jabatan", 6, "Jenis Jabatan", "Eselon IV")),
    "fungsional_without_jenjang.xlsx": _edit(("Jabatan", 7, "Jenjang", None)),
    "unknown_pendidikan_minimal.xlsx": _edit(("Jabatan", 8, "Pendidikan Minimal", "Sekolah Tinggi")),
    "unknown_bidang.xlsx": _edit(("Jabatan", 9, "Bidang", "Teknik Sipill")),
    "golongan_min_above_max.xlsx": _edit(("Jabatan", 10, "Golongan Minimal", "IV/a"),
                                         ("Jabatan", 10, "Golongan Maksimal", "III/c")),
    "unknown_param.xlsx": _edit(("Pengaturan", 3, "Parameter", "biaya_mutas")),
    "bad_param_value.xlsx": _edit(("Pengaturan", 4, "Nilai", "7; sembilan")),
    "negative_param.xlsx": _edit(("Pengaturan", 3, "Nilai", -2)),
    "many_problems.xlsx": _many,
}


def _rewrite(source: bytes, change: Callable[[str, bytes], bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """The xlsx `source` with every part passed through `change(name, data)` and `extra` parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info.filename)))
        for name, data in (extra or {}).items():
            dst.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def bomb_bytes(part: str = "xl/worksheets/sheet1.xml", depth: int = 10) -> bytes:
    """valid.xlsx (Excel style, so it has shared strings) with a billion-laughs DOCTYPE in one XML part."""
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, depth)]
    doctype = f"<!DOCTYPE worksheet [{''.join(lol)}]>".encode()

    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        data = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + doctype, data, count=1)
        return re.sub(rb"<t>|<v>", lambda m: m.group(0) + f"&lol{depth - 1};".encode(), data, count=1)

    return _rewrite(excel_style(to_bytes(build(valid_sheets()))), change)


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)


def excel_style(source: bytes) -> bytes:
    """Text cells moved to a shared-string table as Excel writes them; one entry is rich text with a
    phonetic run (which is not part of the value)."""
    strings: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match.group(3), len(strings))
        return b'<c ' + match.group(1) + b't="s"' + match.group(2) + b"><v>" + str(index).encode() + b"</v></c>"

    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            return _INLINE.sub(shared, data)
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                                b'Id="rIdSst"/></Relationships>')
        return data

    body = _rewrite(source, change)  # fills `strings`
    items = []
    for text in strings:
        if text == b"Dinas Kesehatan":
            items.append(b"<si><r><rPr><b/></rPr><t>Dinas</t></r><r><t xml:space=\"preserve\"> Kesehatan</t></r>"
                         b'<rPh sb="0" eb="5"><t>DINASU</t></rPh></si>')
        else:
            items.append(b'<si><t xml:space="preserve">' + text + b"</t></si>")
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN_NS}" '
           f'count="{len(items)}" uniqueCount="{len(items)}">').encode() + b"".join(items) + b"</sst>"
    return _rewrite(body, lambda name, data: data, {"xl/sharedStrings.xml": sst})


def prefixed(source: bytes) -> bytes:
    """Worksheet XML written with a namespace prefix (<x:row>, <x:c>) as some generators do, plus rich
    inline text with a phonetic run."""

    def change(name: str, data: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return data
        data = data.replace(b"<is><t>Dinas Kesehatan</t></is>",
                            b"<is><r><t>Dinas</t></r><r><t xml:space=\"preserve\"> Kesehatan</t></r>"
                            b'<rPh sb="0" eb="5"><t>DINASU</t></rPh></is>')
        data = re.sub(rb"<(/?)([A-Za-z]+)", rb"<\1x:\2", data)
        return data.replace(b"xmlns=", b"xmlns:x=", 1)

    return _rewrite(source, change)


def siasn_sheets() -> Sheets:
    """A SIASN-style export pasted into Pegawai: SIASN headers, extra columns, no Kode Jabatan."""
    pegawai: list[list[object]] = [
        ["PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR BELAKANG", "TANGGAL LAHIR", "JENIS KELAMIN",
         "GOL AKHIR NAMA", "TMT GOLONGAN", "JABATAN NAMA", "UNOR NAMA", "TMT JABATAN",
         "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN NAMA", "KEDUDUKAN HUKUM NAMA", "STATUS CPNS PNS",
         "Predikat Kinerja"],
        ["A8F1", "197805122005012003", "140000001", "SITI RAHMAWATI", "dr.", "12-05-1978", "F",
         "IV/a", "01-04-2018", "KEPALA BIDANG PELAYANAN KESEHATAN", "Dinas  Kesehatan", "01-03-2022",
         "S-1/Sarjana", "S-1 KEDOKTERAN", "Aktif", "P", "Baik"],
        ["A8F2", "199001012015031001", None, "ANDI WIJAYA", "SKM", "01-01-1990", "M",
         "Penata Muda Tk. I (III/b)", "01-04-2019", "Epidemiolog Kesehatan Ahli Pertama", "DINAS KESEHATAN",
         "01-06-2019", "S-1/Sarjana", "S-1 KESEHATAN MASYARAKAT", "Tugas Belajar", "P", 95],
        ["A8F3", "199506062022031002", None, "FAJAR NUGROHO", "S.Kom", "06-06-1995", "M",
         "III/a", "01-03-2022", "Pranata Komputer Ahli Pertama", "BKPSDM", "01-03-2022",
         "S-1/Sarjana", "S-1 TEKNIK INFORMATIKA", "Aktif", "C", "Sangat Baik"],
        ["A8F4", "198811112010011001", None, "RUDI HARTONO", None, "11-11-1988", "M",
         "II/c", "01-04-2016", "Pengadministrasi Umum", "Dinas Kesehatan", "01-02-2015",
         "SLTA", "SMA IPA", "Masa Persiapan Pensiun", "P", "Cukup"],
        ["A8F5", "198502022009011004", None, "JOKO SUSILO", "Ir.", "02-02-1985", "M",
         "III/c", "01-04-2017", "Kepala Seksi Jalan", "Dinas PUPR", "02-01-2018",
         "Diploma IV", "D-IV TEKNIK SIPIL", "Pemberhentian Sementara", "P", "Kurang"],
    ]
    sheets = valid_sheets()
    return {"pegawai ": pegawai, "JABATAN": sheets["Jabatan"], "PENGATURAN": sheets["Pengaturan"]}


def dates_sheets() -> Sheets:
    """Every accepted date spelling, one per employee (TMT Jabatan), all meaning a date the test knows."""
    sheets = valid_sheets()
    spellings: list[object] = [
        datetime(2020, 8, 3),  # a date cell
        44046,  # Excel serial number of 03-08-2020
        44046.0,
        "03-08-2020",
        "3/8/2020",
        "2020-08-03",
        "3 Agustus 2020",
        "03 Agt 2020",
        "3-Aug-2020",
        20200803,  # yyyymmdd typed as a number
    ]
    for i, spelling in enumerate(spellings):
        set_cell(sheets, "Pegawai", i + 2, "TMT Jabatan", spelling)
    set_cell(sheets, "Pegawai", 2, "Tanggal Lahir", "15 Maret 1970")
    set_cell(sheets, "Pegawai", 3, "Tanggal Lahir", "12 Mei 1978")
    set_cell(sheets, "Pegawai", 4, "Tanggal Lahir", "1 Januari 1990")
    set_cell(sheets, "Pegawai", 5, "Tanggal Lahir", "20 Mei 1992")
    set_cell(sheets, "Pegawai", 6, "Tanggal Lahir", "11 Nop 1988")
    set_cell(sheets, "Pegawai", 7, "Tanggal Lahir", "2 Feb 1985")
    set_cell(sheets, "Pegawai", 8, "Tanggal Lahir", "7 Juli 1987")
    set_cell(sheets, "Pegawai", 9, "Tanggal Lahir", "3 Maret 1993")
    set_cell(sheets, "Pegawai", 10, "Tanggal Lahir", "6 Juni 1995")
    set_cell(sheets, "Pegawai", 11, "Tanggal Lahir", "2 Februari 1991")
    set_cell(sheets, "Pengaturan", 2, "Nilai", "26 Sept 2025")
    return sheets


def derive_sheets() -> Sheets:
    """No Tanggal Lahir / Jenis Kelamin / Kotak columns: everything derived from NIP and kinerja × potensi."""
    sheets = valid_sheets()
    for header in ("Tanggal Lahir", "Jenis Kelamin", "Kotak Talenta"):
        drop_column(sheets, "Pegawai", header)
    # (Predikat Kinerja, Potensi) per row 2..11; row 11 is the NI PPPK, row 10 gets STATUS via golongan IX
    combos: list[tuple[object, object]] = [
        ("Sangat Baik", "Tinggi"), ("Baik", 80), (115, "Menengah"), ("Kurang", "tinggi"),
        ("Baik", 79.9), (110, 67.9), (89.9, 68), ("Baik", "Rendah"), ("Sangat Kurang", "RENDAH"), ("Baik", None),
    ]
    for i, (kinerja, potensi) in enumerate(combos):
        set_cell(sheets, "Pegawai", i + 2, "Predikat Kinerja", kinerja)
        set_cell(sheets, "Pegawai", i + 2, "Potensi", potensi)
    set_cell(sheets, "Pegawai", 10, "Golongan", "IX")
    set_cell(sheets, "Pegawai", 10, "Jenjang Pendidikan", "S-1")
    return sheets


def warnings_sheets() -> Sheets:
    """Valid data with one of each warning: nothing here may stop the read."""
    sheets = valid_sheets()
    set_cell(sheets, "Pegawai", 2, "Tanggal Lahir", datetime(1971, 3, 15))  # NIP says 15-03-1970
    set_cell(sheets, "Pegawai", 3, "Jurusan", "S-1 Ilmu Keolahragaan")  # no field
    set_cell(sheets, "Pegawai", 11, "Jurusan", "s-1 ilmu  KEOLAHRAGAAN")  # the same: reported once, on row 3
    set_cell(sheets, "Pegawai", 4, "Pelatihan", "TI; Merangkai Bunga")  # one unknown training
    set_cell(sheets, "Pegawai", 9, "Pelatihan", "merangkai bunga")  # the same: reported once, on row 4
    set_cell(sheets, "Jabatan", 10, "Nama Jabatan", "Analis Data Ahli Muda")  # Fungsional, no such JF family
    set_cell(sheets, "Pegawai", 5, "Golongan", "II/d")  # below Ahli Pertama's III/a
    set_cell(sheets, "Pegawai", 7, "Jenjang Pendidikan", "D-III")  # below the post's S-1
    set_cell(sheets, "Pegawai", 8, "TMT Jabatan", datetime(2025, 9, 1))  # after tanggal_acuan
    set_cell(sheets, "Pegawai", 8, "Kode Jabatan", "BKD-02")  # BKD-02 has Kebutuhan 0
    set_cell(sheets, "Pegawai", 8, "Jenis Kelamin", "L")  # NIP digit 15 says P
    set_cell(sheets, "Pegawai", 4, "Unit Diminati", "Dinas Pariwisata")  # no such unit
    return sheets


def name_unit_sheets() -> Sheets:
    """Current posts given by Nama Jabatan + Unit Kerja (no Kode Jabatan column), spelled loosely."""
    sheets = valid_sheets()
    jabatan = {row[0]: row for row in JABATAN[1:]}
    rows = sheets["Pegawai"]
    index = column(rows, "Kode Jabatan")
    rows[0][index:index + 1] = ["Nama Jabatan", "Unit Kerja"]
    for row in rows[1:]:
        post = jabatan[str(row[index])]
        row[index:index + 1] = [str(post[1]).upper(), "  " + str(post[2]).lower() + " "]
    return sheets


def large_workbook(path: Path, employees: int) -> Path:
    """A big, valid workbook written in streaming mode (as the project's own writers do)."""
    workbook = Workbook(write_only=True)
    posts = max(1, employees // 5)
    jabatan = workbook.create_sheet("Jabatan")
    jabatan.append(JABATAN[0])
    for j in range(posts):
        jabatan.append([f"J{j:05d}", f"Epidemiolog Kesehatan Ahli Pertama {j}", f"Unit {j % 40}", "Fungsional",
                        "Ahli Pertama", 8, 6, "S-1", "kesehatan_masyarakat", None, None, None, 2, 3, None, None])
    pegawai = workbook.create_sheet("Pegawai")
    pegawai.append(PEGAWAI[0])
    for i in range(employees):
        born = date(1960, 1, 1) + timedelta(days=i % 10000)  # with the serial below: unique NIPs
        nip = f"{born:%Y%m%d}2010{1 + i % 12:02d}{1 + i % 2}{1 + i // 10000:03d}"
        pegawai.append([nip, f"Pegawai {i}", "III/a", "S-1", "S-1 Kesehatan Masyarakat", f"J{i % posts:05d}",
                        date(2020, 1 + i % 12, 1), None, None, "Aktif", ["Baik", "Sangat Baik"][i % 2],
                        ["Tinggi", "Menengah", "Rendah"][i % 3], None, 3, 3, 3, "TI; Pengadaan", None, None,
                        "Ya", f"Unit {i % 40}"])
    pengaturan = workbook.create_sheet("Pengaturan")
    pengaturan.append(["Parameter", "Nilai"])
    pengaturan.append(["tanggal_acuan", date(2025, 7, 1)])
    workbook.save(path)
    return path


def main() -> None:
    save(valid_sheets(), HERE / "valid.xlsx")
    save(siasn_sheets(), HERE / "siasn.xlsx")
    save(dates_sheets(), HERE / "dates.xlsx")
    save(derive_sheets(), HERE / "derive.xlsx")
    save(warnings_sheets(), HERE / "warnings.xlsx")
    save(name_unit_sheets(), HERE / "name_unit.xlsx")
    valid_bytes = to_bytes(build(valid_sheets()))
    (HERE / "valid_excel_style.xlsx").write_bytes(excel_style(valid_bytes))
    (HERE / "valid_prefixed.xlsx").write_bytes(prefixed(valid_bytes))
    for name, change in BROKEN.items():
        sheets = valid_sheets()
        change(sheets)
        save(sheets, HERE / name)
    valid = (HERE / "valid.xlsx").read_bytes()
    (HERE / "not_xlsx.xlsx").write_text("NIP;Nama\n198609262010011001;Budi\n", encoding="utf-8")
    (HERE / "empty.xlsx").write_bytes(b"")
    (HERE / "truncated.xlsx").write_bytes(valid[: len(valid) // 2])
    (HERE / "random_bytes.xlsx").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    # a password-protected xlsx is an OLE compound file: the signature and then encrypted content
    (HERE / "encrypted.xlsx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes((i * 31 + 7) % 256 for i in range(4088)))
    (HERE / "zip_not_xlsx.xlsx").write_bytes(_zip_of({"readme.txt": b"bukan buku kerja"}))


def _zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


if __name__ == "__main__":
    main()
