"""Writes the INPUT workbook (SPEC 2): the empty template, or a ProblemData (the demo) in the same format.

Sheets `Pegawai`, `Jabatan`, `Pengaturan`, `Petunjuk`, with exactly the headers of `columns.py`, help and
drop-down lists on the columns, and every value written the way the reader expects it: NIP and every text
as text (never a number, never a formula), dates as real Excel dates, Ya/Tidak, `;`-joined lists.
openpyxl (write-only) writes the workbook; the data rows are rendered directly as SpreadsheetML (see `_rows`;
timings in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from penempatan.excel.columns import (
    JABATAN_COLUMNS,
    PEGAWAI_COLUMNS,
    PENGATURAN_COLUMNS,
    PERMINTAAN_COLUMNS,
    SEMUA_BIDANG,
    SHEET_JABATAN,
    SHEET_PEGAWAI,
    SHEET_PENGATURAN,
    SHEET_PERMINTAAN,
    SHEET_PETUNJUK,
    Column,
)
from penempatan.excel.common import atomic_save, param_value, text_cell
from penempatan.model import MAX_WISHES, Employee, Params, Position, ProblemData
from penempatan.parameters import PARAM_HELP, param_label
from penempatan.reference import JabatanFungsional, Reference, load_reference
from penempatan.text import date_text, yes_no

DATE_FORMAT = "dd-mm-yyyy"
TEMPLATE_TEXT_ROWS = 5000  # rows whose NIP cell is pre-formatted as text in the empty template
_LAST_ROW = 1_048_576
_LIST_LIMIT = 255  # Excel's limit for an inline drop-down list

_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FCD5B4")
_OPTIONAL_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")

_WIDTHS = {"NIP": 21, "Nama": 32, "Jurusan": 30, "Nama Jabatan": 42, "Unit Kerja": 38, "Pelatihan": 24,
           "Unit Diminati": 36, "Kode Jabatan": 14, "Parameter": 30, "Nilai": 24}

# Whole-number columns: (minimum, maximum or None).
_INT_RANGES: dict[str, tuple[int, int | None]] = {
    "Kotak Talenta": (1, 9),
    "Kompetensi Manajerial": (1, 5),
    "Kompetensi Sosial Kultural": (1, 5),
    "Kompetensi Teknis": (1, 5),
    "Kelas Jabatan": (1, 17),
    "Kebutuhan": (0, None),
    "Standar Manajerial": (1, 5),
    "Standar Sosial Kultural": (1, 5),
    "Standar Teknis": (1, 5),
    "Urutan": (1, MAX_WISHES),
}


# What each reference table in data/ is for (SPEC 2.4); a BKPSDM may edit them.
_TABLES: tuple[tuple[str, str], ...] = (
    ("golongan.csv", "Urutan golongan I/a … IV/e (PNS) dan I … XVII (PPPK) dengan nama pangkatnya."),
    ("pendidikan.csv", "Urutan jenjang pendidikan SD … S-3 dengan ejaan lain dan kode SIASN yang dikenali."),
    ("jenis_jabatan.csv", "Per jenis jabatan dan jenjang fungsional: tingkat penyetaraan (R9, R19), rentang golongan "
                          "bawaan (R7), BUP (R4) dan urutan jenjang fungsional."),
    ("kinerja.csv", "Predikat kinerja, batas nilai SKP dan ekspektasinya (kotak talenta)."),
    ("kotak_talenta.csv", "Nomor kotak talenta 1–9 untuk setiap pasangan ekspektasi kinerja dan potensi, dipakai bila "
                          "kolom Kotak Talenta kosong."),
    ("rumpun.csv", "Kata kunci jurusan dan pelatihan → bidang (daftar Bidang di bawah); kata kunci terpanjang yang "
                   "ditemukan sebagai kata utuh menang. Jurusan yang tidak cocok dilaporkan sekali per jurusan."),
    ("jabatan_fungsional.csv", "Rumpun jabatan fungsional (daftar Rumpun JF di bawah): nama-nama jabatannya, bidang "
                               "yang diterima, lisensi, pendidikan minimal jalur keahlian dan keterampilan, "
                               "pelatihan fungsional dan instansi pembina (R18)."),
    ("bidang_jabatan.csv", "Kata kunci Nama Jabatan → bidang, untuk jabatan yang kolom Bidang-nya kosong (mis. "
                           "Keuangan, Bendahara → ekonomi_akuntansi); kata kunci berbidang kosong (Sekretaris, "
                           "Subbagian Umum …) menandai jabatan umum yang terbuka untuk semua bidang."),
    ("kelompok_bidang.csv", "Kelompok bidang (kesehatan, pendidikan, teknik, ekonomi, sosial) → bidang-bidangnya, "
                            "dengan ejaan lain (termasuk kode versi 1) dan tanda profesi langka (skor bidang, R21)."),
    ("bidang_unit.csv", "Kata kunci Unit Kerja → bidang atau kelompok, untuk jabatan struktural dan fungsional yang "
                        "Bidang-nya kosong dan namanya tidak menyebut bidang (Dinas Kesehatan, Puskesmas → "
                        "kesehatan)."),
    ("mata_pelajaran.csv", "Mata pelajaran yang disebut nama jabatan guru → jurusan yang mengajarkannya (Guru "
                           "Matematika ← Pendidikan Matematika; Guru Kelas ← PGSD), syarat R18 per mata pelajaran."),
    ("lokasi.csv", "Kata yang mengawali nama lokasi di Nama Jabatan (SDN, SMP Negeri, Puskesmas, UPTD …): lokasi "
                   "jabatan bila kolom Lokasi kosong (R21: tidak ada sekolah atau puskesmas yang kursi kosongnya "
                   "bertambah)."),
    ("prioritas.csv", "Alasan permintaan pindah (sheet Permintaan) dan poin prioritasnya dengan dan tanpa bukti, "
                      "dengan ejaan lain yang dikenali; diumumkan dengan `penempatan prioritas` sebelum rencana "
                      "disusun. Poin masa jabatan, kinerja dan penentu urutan bila poin sama ada di Pengaturan."),
    ("pelatihan.csv", "Pemicu → nama pelatihan, dasar hukum dan waktunya (sebelum/sesudah pelantikan) untuk sheet "
                      "Kebutuhan Pelatihan: PKP, PKA, PKN Tingkat II, uji kompetensi dan pelatihan fungsional, "
                      "sertifikasi PBJ dan bendahara, pelatihan kompetensi. Kolom ejaan_lain: nama lain yang "
                      "dianggap pelatihan yang sama bila tercatat di Pelatihan (Diklatpim IV = PKP, Diklatpim III = "
                      "PKA, Diklatpim II = PKN Tingkat II), sehingga tidak diwajibkan lagi. Pemicu pengembangan: "
                      "pelatihan yang dipilih untuk dua putaran (putaran = 2), tidak pernah diwajibkan oleh mutasi. "
                      "Kolom pilihan bidang (bidang rumpun.csv yang diberikan) dan sertifikat (mis. Sertifikat PBJ) "
                      "berlaku bagi peserta di putaran 2; kapasitas (kursi per putaran, kosong = tanpa batas), "
                      "durasi_bulan (1–24, kosong = 3) dan biaya (rupiah per peserta, kosong = 0)."),
    ("hukuman_disiplin.csv", "Nama jenis hukuman disiplin → tingkat Ringan, Sedang atau Berat dengan dasar hukumnya "
                             "(PP 94/2021; nama lama PP 53/2010), untuk membaca rw_hukdis dari dump SIASN "
                             "(`penempatan siasn`, `--riwayat`) bila rekamannya tidak menyebut tingkat."),
)

_INTRO = (
    "Buku kerja masukan penempatan: isi sheet Pegawai (satu baris per pegawai) dan sheet Jabatan "
    "(satu baris per jabatan dalam peta jabatan). Sheet Pengaturan opsional: kolom Parameter dan Nilai; "
    "parameter yang tidak ditulis memakai nilai bawaan, nama parameter yang tidak dikenal adalah galat.",
    "Sheet Permintaan opsional: satu baris per permintaan pindah pegawai (NIP, Urutan 1–5, Tujuan, Alasan, Bukti, "
    "dan bila diketahui Jarak Keluarga (km)); kolom yang sama dalam berkas CSV ekspor e-mutasi dapat dipakai sebagai "
    "gantinya dengan opsi --permintaan BERKAS.csv. "
    "Unit Diminati di sheet Pegawai dihitung sebagai permintaan tanpa urutan dan tanpa alasan, sesudah semua "
    "permintaan berurutan pegawai itu. Poin prioritas setiap pemohon diumumkan dengan `penempatan prioritas`.",
    "Nama sheet dan kolom tidak peka huruf besar/kecil maupun spasi. Nama kolom ekspor SIASN 'data pegawai' "
    "juga dikenali (lihat kolom Alias SIASN), sehingga hasil ekspor SIASN dapat ditempel ke sheet Pegawai.",
    "Judul kolom berwarna jingga = wajib diisi; biru = opsional. NIP ditulis sebagai teks 18 digit "
    "(kolom NIP sudah berformat Teks); tanggal sebagai tanggal Excel, mis. 17-08-2024.",
    "Daftar pilihan (drop-down) hanya membantu: ejaan lain yang dikenali tetap diterima, mis. 'IIIa', "
    "'Penata Muda (III/a)', 'S1', 'D3', 'SMA', atau nilai SKP 0–120 untuk Predikat Kinerja.",
    "Golongan boleh ditulis bersama pangkatnya dalam urutan dan pemisah apa pun, mis. 'III/b - Penata Muda "
    "Tingkat I' atau 'Pembina Tk.I, IV/b'; golongan dan pangkat yang tidak cocok adalah galat.",
    "Daftar di lembar ini berasal dari tabel rujukan di folder data/ (lihat 'Tabel rujukan' di bawah); BKPSDM boleh "
    "mengubah atau menambah barisnya (berkas CSV UTF-8), lalu menjalankan `penempatan check` lagi.",
)


def write_input_workbook(path: Path, data: ProblemData | None = None) -> None:
    """Write the input workbook to `path`: the empty template when `data` is None, else `data` in it."""
    ref = load_reference()
    guide = _Guide(ref, data.scenario_name if data else None)
    wb = Workbook(write_only=True)
    employees = data.employees if data else ()
    positions = data.positions if data else ()
    pegawai = _sheet(wb, SHEET_PEGAWAI, PEGAWAI_COLUMNS, len(employees), ref, guide.ranges)
    jabatan = _sheet(wb, SHEET_JABATAN, JABATAN_COLUMNS, len(positions), ref, guide.ranges)
    wishes = data.wishes if data else ()
    permintaan = _sheet(wb, SHEET_PERMINTAAN, PERMINTAAN_COLUMNS, len(wishes), ref, guide.ranges)
    _pengaturan(wb, data.params if data else None)
    guide.write(wb)
    nip = _style_id(pegawai, "@")
    day = _style_id(pegawai, DATE_FORMAT)
    if data is None:
        letter = get_column_letter(_index(PEGAWAI_COLUMNS, "NIP") + 1)
        pegawai_rows: Iterable[str] = (f'<row r="{r}"><c r="{letter}{r}"{nip}/></row>'
                                       for r in range(2, TEMPLATE_TEXT_ROWS + 2))
    else:
        where = {p.kode: p for p in positions}
        styles = [nip if c.kind == "nip" else day if c.kind == "date" else "" for c in PEGAWAI_COLUMNS]
        pegawai_rows = _rows((_employee_values(e, where[e.kode_jabatan]) for e in employees), styles)
    jabatan_rows = _rows((_position_values(p, ref) for p in positions), ["" for _ in JABATAN_COLUMNS])
    wish_styles = [nip if c.kind == "nip" else "" for c in PERMINTAAN_COLUMNS]
    permintaan_rows = _rows(([w.nip, w.rank, w.target, w.reason, yes_no(w.evidence), w.family_km] for w in wishes),
                            wish_styles)
    atomic_save(_WithRows(wb, [(pegawai, pegawai_rows), (jabatan, jabatan_rows), (permintaan, permintaan_rows)]),
                path)


# --- sheet layout -------------------------------------------------------------------------------------


def _index(columns: Sequence[Column], name: str) -> int:
    return next(i for i, c in enumerate(columns) if c.name == name)


def _sheet(wb: Workbook, title: str, columns: Sequence[Column], n_rows: int, ref: Reference,
           ranges: dict[str, str]) -> WriteOnlyWorksheet:
    """A data sheet with its styled header, widths, frozen header row, autofilter and drop-downs."""
    ws = wb.create_sheet(title)
    for i, col in enumerate(columns, 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = _WIDTHS.get(col.name, max(12, len(col.name) + 4))
        if col.kind in ("nip", "siasn_id") or col.name == "Kode Jabatan":
            dim.number_format = "@"  # cells typed later stay text (leading zeros, 18 digits)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n_rows + 1}"
    for i, col in enumerate(columns, 1):
        dv = _validation(col, title, ref, ranges.get(col.name))
        dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{_LAST_ROW}")
        ws.data_validations.append(dv)
    ws.append([text_cell(ws, c.name, font=_BOLD, fill=_REQUIRED_FILL if c.required else _OPTIONAL_FILL)
               for c in columns])
    return ws


def _style_id(ws: WriteOnlyWorksheet, number_format: str) -> str:
    """The ` s="N"` attribute of a cell with this number format (registers the style in the workbook)."""
    cell = WriteOnlyCell(ws)
    cell.number_format = number_format
    return f' s="{cell.style_id}"'


def _choices(col: Column, sheet: str, ref: Reference) -> list[str]:
    """Drop-down values of a column: its static choices or a reference table's codes."""
    if col.choices:
        return list(col.choices)
    if col.kind == "golongan":
        pns_only = sheet == SHEET_JABATAN  # a post's range is in PNS golongan
        return [g.kode for g in ref.golongan.values() if not pns_only or g.jenis == "PNS"]
    if col.kind == "pendidikan":
        return list(ref.pendidikan)
    if col.kind == "kinerja":
        return [k.kode for k in ref.kinerja]
    if col.kind == "alasan":
        return [a.kode for a in ref.alasan]
    if col.name == "Jenjang":
        return ref.jenjang_list
    if col.name == "Bidang":
        return ref.bidang_names
    if col.name == "Rumpun JF":
        return sorted(ref.jabatan_fungsional)
    return []


def _validation(col: Column, sheet: str, ref: Reference, listed: str | None) -> DataValidation:
    """The column's help as an input message, plus a drop-down or whole-number check where it has one.

    A list too long for Excel's inline limit (Bidang, Rumpun JF) points at its copy on sheet Petunjuk
    (`listed`, a cell range)."""
    dv = DataValidation(allow_blank=True, showInputMessage=True, showErrorMessage=True,
                        promptTitle=col.name[:32], prompt=col.help[:_LIST_LIMIT], errorTitle=col.name[:32])
    if col.name in _INT_RANGES:
        low, high = _INT_RANGES[col.name]
        dv.type, dv.formula1 = "whole", str(low)
        if high is None:
            dv.operator, dv.error = "greaterThanOrEqual", f"Bilangan bulat ≥ {low}."
        else:
            dv.operator, dv.formula2, dv.error = "between", str(high), f"Bilangan bulat {low}–{high}."
        return dv
    if col.kind == "decimal":  # a measurement ≥ 0 (Jarak Keluarga): any number, fractions too
        dv.type, dv.operator, dv.formula1, dv.error = "decimal", "greaterThanOrEqual", "0", "Angka ≥ 0."
        return dv
    values = [v for v in _choices(col, sheet, ref) if "," not in v and '"' not in v]
    formula = '"' + ",".join(values) + '"'
    if len(formula) - 2 > _LIST_LIMIT:
        formula = listed or ""  # else a table grown past Excel's limit without a copy on Petunjuk: help only
    if values and formula:
        # A warning, not a stop: the reader accepts other spellings (IIIa, S1, SKP numbers, SIASN codes).
        dv.type, dv.formula1, dv.errorStyle = "list", formula, "warning"
        dv.error = "Nilai tidak ada di daftar. Ejaan lain yang dikenali tetap diterima; lihat sheet Petunjuk."
    return dv


# --- data rows ----------------------------------------------------------------------------------------


def _joined(values: Iterable[object]) -> str | None:
    return "; ".join(str(v) for v in values) or None


def _employee_values(e: Employee, post: Position) -> list[object]:
    """One Pegawai row, in PEGAWAI_COLUMNS order (Status CPNS PNS left empty)."""
    return [
        e.nip, e.nama, e.golongan, e.pendidikan, e.jurusan, e.kode_jabatan, post.nama, post.unit,
        e.tmt_jabatan, e.tanggal_lahir, e.jenis_kelamin, e.status, None, e.kinerja, e.potensi, e.kotak,
        e.komp_manajerial, e.komp_sosial_kultural, e.komp_teknis,
        _joined(dict.fromkeys((*e.pelatihan, *e.diklat))), e.hukuman,  # fields trained, then courses done
        e.akhir_hukuman, yes_no(e.bersedia_mutasi), _joined(e.unit_diminati), yes_no(e.siap_naik_jenjang),
        _joined(e.sertifikat), e.pns_id,
    ]


def _position_values(p: Position, ref: Reference) -> list[object]:
    """One Jabatan row, in JABATAN_COLUMNS order. Bidang is left blank where the reader infers the same fields
    (from the name or the unit), written 'semua' for an open post it would give a field, else as groups and
    fields, so it reads back the same."""
    inferred = ref.inferred_bidang(p.jenis, p.nama, p.unit, p.rumpun_jf)
    bidang: str | None = SEMUA_BIDANG
    if set(p.bidang) == inferred:
        bidang = None
    elif p.bidang:
        bidang = ref.bidang_label(p.bidang)
    return [
        p.kode, p.nama, p.unit, p.jenis, p.jenjang, p.rumpun_jf, int(p.kelas), int(p.kebutuhan), p.pendidikan_min,
        bidang, p.golongan_min, p.golongan_max, p.standar_manajerial, p.standar_sosial_kultural,
        p.standar_teknis, yes_no(p.risiko_tinggi), yes_no(p.wajib_diisi), p.lokasi, p.alamat,
        *p.siasn.model_dump().values(),
    ]


# openpyxl's write-only XML serialiser is slow per cell (benchmarks/RESULTS.md), so openpyxl writes the
# sheets' frame (header, widths, panes, filter, validations, styles) and the data rows are rendered here
# as SpreadsheetML and spliced in. Text always goes in as an inline
# string, so it can never turn into a number or a formula.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _inline(text: str) -> str:
    """The <is> element of an inline-string cell."""
    text = escape(_ILLEGAL_XML.sub("", text))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<is><t{space}>{text}</t></is>"


def _rows(values: Iterable[Sequence[object]], styles: Sequence[str]) -> Iterator[str]:
    """SpreadsheetML <row> elements from row 2 on; None and empty text leave the cell out."""
    letters = [get_column_letter(i) for i in range(1, len(styles) + 1)]
    inline: dict[str, str] = {}  # unit names, golongan, status … repeat on every row
    for r, row in enumerate(values, 2):
        parts = [f'<row r="{r}">']
        for letter, value, style in zip(letters, row, styles, strict=True):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                value = yes_no(value)
            if isinstance(value, str):
                text = inline.get(value)
                if text is None:
                    text = inline[value] = _inline(value)
                parts.append(f'<c r="{letter}{r}"{style} t="inlineStr">{text}</c>')
            elif isinstance(value, date):
                parts.append(f'<c r="{letter}{r}"{style}><v>{int(to_excel(value))}</v></c>')
            elif isinstance(value, int | float):
                parts.append(f'<c r="{letter}{r}"{style}><v>{value!r}</v></c>')
            else:
                raise TypeError(f"nilai tak terduga di baris {r}: {value!r}")
        parts.append("</row>")
        yield "".join(parts)


class _WithRows:
    """A write-only workbook plus rendered data rows for some of its sheets, saved as one xlsx."""

    def __init__(self, workbook: Workbook, rows: list[tuple[WriteOnlyWorksheet, Iterable[str]]]) -> None:
        self.workbook = workbook
        self.rows = rows

    def save(self, filename: str | Path) -> None:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        extra = {ws.path.lstrip("/"): rows for ws, rows in self.rows}  # a sheet's path is set by saving
        with zipfile.ZipFile(buffer) as src, \
                zipfile.ZipFile(filename, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as dst:
            for info in src.infolist():
                content = src.read(info.filename)
                if info.filename not in extra:
                    dst.writestr(info, content)
                    continue
                head, end, tail = content.decode("utf-8").partition("</sheetData>")
                if not end:
                    raise RuntimeError(f"{info.filename}: sheetData tidak ditemukan")
                with dst.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head.encode("utf-8"))
                    for chunk in _batched(extra[info.filename], 2000):
                        out.write("".join(chunk).encode("utf-8"))
                    out.write((end + tail).encode("utf-8"))


def _batched(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Pengaturan and Petunjuk -------------------------------------------------------------------------


def _param_text(value: object) -> object:
    """A parameter value as written in `Pengaturan`: dates dd-mm-yyyy, lists `;`-joined, Ya/Tidak."""
    if isinstance(value, date):
        return date_text(value)
    return param_value(value)


def _param_values(params: Params | None) -> list[tuple[str, object]]:
    """Every Params field with its value; for the template the defaults, tanggal_acuan empty (= today)."""
    if params is not None:
        return [(name, getattr(params, name)) for name in Params.model_fields]
    return [(name, None if info.default_factory is not None else info.default)
            for name, info in Params.model_fields.items()]


def _pengaturan(wb: Workbook, params: Params | None) -> None:
    ws = wb.create_sheet(SHEET_PENGATURAN)
    ws.column_dimensions["A"].width = _WIDTHS["Parameter"]
    ws.column_dimensions["B"].width = _WIDTHS["Nilai"]
    ws.freeze_panes = "A2"
    ws.append([text_cell(ws, c.name, font=_BOLD, fill=_REQUIRED_FILL) for c in PENGATURAN_COLUMNS])
    for name, value in _param_values(params):
        shown = _param_text(value)
        ws.append([text_cell(ws, name), text_cell(ws, shown) if isinstance(shown, str) else shown])


class _Guide:
    """Sheet Petunjuk: how to fill each column, every parameter, the reference tables, and the lists of Bidang
    and Rumpun JF. Built before the data sheets, because their long drop-downs point at its cells."""

    _WIDTHS = (16, 28, 8, 26, 70, 60)

    def __init__(self, ref: Reference, scenario: str | None) -> None:
        self.rows: list[list[tuple[str, dict[str, object]] | None]] = []
        self.ranges: dict[str, str] = {}  # column name -> its drop-down list on this sheet
        add, bold, head = self._add, {"font": _BOLD}, {"font": _BOLD, "fill": _OPTIONAL_FILL}
        add([("Petunjuk pengisian buku kerja masukan penempatan", {"font": Font(bold=True, size=14)})])
        if scenario:
            add([("Data", {}), (scenario, bold)])
        for paragraph in _INTRO:
            add([(paragraph, {})])
        add([])
        add([(h, head) for h in ("Sheet", "Kolom", "Wajib", "Alias SIASN", "Keterangan", "Pilihan")])
        long_lists = {"Bidang": "Bidang", "Rumpun JF": "Rumpun JF"}
        for sheet, columns in ((SHEET_PEGAWAI, PEGAWAI_COLUMNS), (SHEET_JABATAN, JABATAN_COLUMNS),
                               (SHEET_PERMINTAAN, PERMINTAAN_COLUMNS), (SHEET_PENGATURAN, PENGATURAN_COLUMNS)):
            for col in columns:
                values = _choices(col, sheet, ref)
                if col.name in _INT_RANGES:
                    low, high = _INT_RANGES[col.name]
                    values = [f"{low}–{high}" if high is not None else f"≥ {low}"]
                shown = (f"lihat daftar {long_lists[col.name]} di bawah" if col.name in long_lists
                         else ", ".join(values))
                add([(sheet, {}), (col.name, bold), (yes_no(col.required), {}), (", ".join(col.aliases), {}),
                     (col.help, {"alignment": _WRAP}), (shown, {"alignment": _WRAP})])
        add([])
        add([(h, head) for h in ("Pengaturan", "Parameter", "Nama", "Bawaan", "Keterangan")])
        for name, value in _param_values(None):
            default = _param_text(value)
            add([(SHEET_PENGATURAN, {}), (name, {}), (param_label(name), {"alignment": _WRAP}),
                 ("" if default is None else str(default), {}), (PARAM_HELP.get(name, ""), {"alignment": _WRAP})])
        add([])
        add([(h, head) for h in ("Tabel", "Berkas di folder data/", "", "", "Isi dan kegunaan")])
        for name, text in _TABLES:
            add([("Tabel rujukan", {}), (name, bold), None, None, (text, {"alignment": _WRAP})])
        add([])
        add([(h, head) for h in ("Daftar", "Bidang", "", "", "Contoh kata kunci jurusan/pelatihan (rumpun.csv)")])
        examples: dict[str, list[str]] = {}
        for keyword, field in ref.rumpun:
            examples.setdefault(field, []).append(" ".join(keyword))
        self._list("Bidang", [(g, "kelompok: " + ", ".join(sorted(m)).replace("_", " "))
                              for g, m in sorted(ref.kelompok.items())]
                   + [(f, ", ".join(examples[f][:8])) for f in ref.bidang]
                   + [(SEMUA_BIDANG, "jabatan terbuka untuk semua bidang, walau namanya cocok dengan "
                                     "data/bidang_jabatan.csv")])
        add([])
        add([(h, head) for h in ("Daftar", "Rumpun JF", "", "Lisensi", "Syarat (jabatan_fungsional.csv)")])
        self._list("Rumpun JF", [(f.nama, _family_text(f)) for f in sorted(ref.jabatan_fungsional.values(),
                                                                             key=lambda f: f.nama)],
                   {f.nama: f.lisensi or "" for f in ref.jabatan_fungsional.values()})

    def _add(self, cells: list[tuple[str, dict[str, object]] | None]) -> None:
        self.rows.append(cells)

    def _list(self, title: str, items: list[tuple[str, str]], third: dict[str, str] | None = None) -> None:
        """One row per value in column B; the range becomes the drop-down list of the column `title`."""
        first = len(self.rows) + 1
        for value, text in items:
            self._add([(title, {}), (value, {"font": _BOLD}), None, ((third or {}).get(value, ""), {}),
                       (text, {"alignment": _WRAP})])
        self.ranges[title] = f"'{SHEET_PETUNJUK}'!$B${first}:$B${len(self.rows)}"

    def write(self, wb: Workbook) -> None:
        ws = wb.create_sheet(SHEET_PETUNJUK)
        for i, width in enumerate(self._WIDTHS, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        for cells in self.rows:
            ws.append([None if cell is None else text_cell(ws, cell[0], **cell[1]) for cell in cells])


def _family_text(family: JabatanFungsional) -> str:
    """A JF family's requirements in one line for sheet Petunjuk."""
    fields = ", ".join(sorted(family.bidang)) if family.bidang else "semua bidang"
    route = "" if family.licensed or not family.bidang else " (atau pelatihan di bidang itu)"
    tracks = [f"keahlian min. {family.pendidikan_keahlian}" if family.pendidikan_keahlian else "",
              f"keterampilan min. {family.pendidikan_keterampilan}" if family.pendidikan_keterampilan else ""]
    return (f"bidang: {fields}{route}; " + "; ".join(t for t in tracks if t)
            + f"; pembina: {family.pembina}")
