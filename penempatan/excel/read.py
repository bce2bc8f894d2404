"""Read the input workbook (SPEC 2) into a validated ProblemData, reporting every problem of the file at once.

xlsx_rows.py reads the file's cells, input_sheets.py finds the sheets and columns, read_params.py,
read_positions.py and read_employees.py turn rows into objects (cells.py converts each cell); this module
puts them together and adds the warnings that need employees and posts both.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from penempatan.check import holders_not_qualified
from penempatan.errors import InputError, Problem, Problems
from penempatan.excel.cells import Codes
from penempatan.excel.columns import SHEET_JABATAN, SHEET_PEGAWAI, SHEET_PENGATURAN, SHEET_PERMINTAAN
from penempatan.excel.input_sheets import Sheet, data_rows, load_sheets
from penempatan.excel.read_employees import read_employees
from penempatan.excel.read_params import read_params
from penempatan.excel.read_positions import Posts, read_positions
from penempatan.excel.read_wishes import read_wishes
from penempatan.excel.wishes_csv import WishesFile, read_csv_bytes, wishes_sheet
from penempatan.excel.xlsx_rows import FILE, read_bytes
from penempatan.model import Employee, Params, Position, ProblemData
from penempatan.reference import Reference, ReferenceDataError, load_reference


@dataclass(frozen=True)
class ReadResult:
    """A workbook that passed every check: the problem data and the warnings found on the way."""

    data: ProblemData
    warnings: list[Problem]
    permintaan: WishesFile | None = None  # the CSV file read instead of sheet Permintaan (`--permintaan`)


def read_workbook(path: Path, raw: bytes | None = None, permintaan: Path | None = None) -> ReadResult:
    """Read and validate the input workbook; raise InputError with every problem when any is an error. `raw`:
    the workbook's bytes as changed in memory (`--riwayat`), read instead of the file at `path`. `permintaan`: an
    e-mutasi CSV file read instead of sheet Permintaan (the sheet, and its problems, are then ignored); the data's
    `source_sha256` then covers the file's bytes too, so a saved plan is only explained with the same wishes."""
    problems = Problems()
    raw = read_bytes(Path(path), problems) if raw is None else raw
    sheets = load_sheets(raw, problems) if raw is not None else None
    csv_raw, wishes_file = None, None
    if permintaan is not None:
        sheets, csv_raw, wishes_file = _wishes_from_csv(Path(permintaan), sheets, problems)
    if raw is None or sheets is None:
        raise InputError(problems.items)
    try:
        ref = load_reference()
    except ReferenceDataError as exc:  # a BKPSDM's edit of data/*.csv that cannot be used
        problems.error(FILE, None, None, None, f"tabel rujukan tidak dapat dipakai: {exc}",
                       "Perbaiki berkas itu di folder data/ (lihat sheet Petunjuk, 'Tabel rujukan').")
        raise InputError(problems.items) from None
    codes = Codes(ref)
    params = read_params(sheets.get(SHEET_PENGATURAN), problems)
    posts = read_positions(sheets.get(SHEET_JABATAN), codes, problems)
    employees = read_employees(sheets.get(SHEET_PEGAWAI), codes, params, posts, problems)
    wishes = read_wishes(sheets.get(SHEET_PERMINTAAN), codes, employees, sheets.get(SHEET_PEGAWAI), posts, problems)
    _warn_current_posts(employees, posts, sheets, ref, params, problems)
    _require_rows(sheets, bool(posts.positions), bool(employees), problems)
    if not problems.errors:  # a dropped row is always explained by some error; if not, say so, never lose it
        for sheet in sheets.values():
            for number in sheet.dropped:
                problems.error(sheet.name, number, None, None, "baris ini tidak dapat dibaca",
                               "Periksa isi baris ini dan laporkan ke pengelola aplikasi bila tampak benar.")
    problems.raise_if_errors()
    sha = hashlib.sha256(raw)
    if csv_raw is not None:
        sha.update(b"\0--permintaan\0" + csv_raw)
    try:
        data = ProblemData(
            employees=tuple(employees),
            positions=tuple(posts.positions.values()),
            params=params,
            wishes=tuple(wishes),
            source_sha256=sha.hexdigest(),
        )
    except ValidationError as exc:  # every rule ProblemData checks is checked above; this is a safety net
        for err in exc.errors():
            problems.error(FILE, None, None, None, f"data tidak konsisten: {err['msg']}",
                           "Laporkan ke pengelola aplikasi beserta file masukannya.")
        raise InputError(problems.items) from None
    _warn_unqualified_holders(data, sheets.get(SHEET_PEGAWAI), ref, problems)
    return ReadResult(data, problems.warnings, wishes_file)


def _wishes_from_csv(path: Path, sheets: dict[str, Sheet] | None,
                     problems: Problems) -> tuple[dict[str, Sheet] | None, bytes | None, WishesFile | None]:
    """The sheets with the CSV file in place of sheet Permintaan (a file that cannot be read leaves none; the
    workbook's own sheet Permintaan and its problems are dropped), the file's bytes and what was read. The file is
    read and its header checked even when the workbook cannot be, so both are reported in one run."""
    ignored = sheets.get(SHEET_PERMINTAAN) if sheets is not None else None
    names = {SHEET_PERMINTAAN} | ({ignored.name} if ignored is not None else set())
    problems.items = [p for p in problems.items if p.sheet not in names]
    if sheets is not None:
        sheets = {name: sheet for name, sheet in sheets.items() if name != SHEET_PERMINTAAN}
    raw = read_csv_bytes(path, problems)
    table = wishes_sheet(path.name, raw, problems) if raw is not None else None
    if table is None or sheets is None:
        return sheets, raw, None
    sheets[SHEET_PERMINTAAN] = table
    count = sum(1 for _ in data_rows(table, Problems()))
    return sheets, raw, WishesFile(path, count, ignored is not None)


_NO_ROWS = {
    SHEET_JABATAN: ("tidak ada jabatan: sheet ini belum berisi satu baris jabatan pun",
                    "Isi satu baris per jabatan (Kode Jabatan, Nama Jabatan, Unit Kerja, Kebutuhan, …) di bawah "
                    "judul kolom, lihat sheet Petunjuk; tanpa jabatan tidak ada rencana yang dapat disusun."),
    SHEET_PEGAWAI: ("tidak ada pegawai: sheet ini belum berisi satu baris pegawai pun",
                    "Isi satu baris per pegawai (NIP, Nama, Kode Jabatan Saat Ini, …) di bawah judul kolom, lihat "
                    "sheet Petunjuk; tanpa pegawai tidak ada yang dapat ditempatkan."),
}
"""The error of an input sheet without a single data row, by sheet."""


def _require_rows(sheets: dict[str, Sheet], any_post: bool, any_employee: bool, problems: Problems) -> None:
    """A Jabatan or Pegawai sheet without a single data row (the fresh template) is one error naming the sheet
    (rows that were there but not read have their own errors; a missing sheet is reported by load_sheets)."""
    for name, present in ((SHEET_JABATAN, any_post), (SHEET_PEGAWAI, any_employee)):
        sheet = sheets.get(name)
        if present or sheet is None or next(data_rows(sheet, Problems()), None) is not None:
            continue
        message, hint = _NO_ROWS[name]
        problems.error(sheet.name, None, None, None, message, hint)


def _warn_unqualified_holders(data: ProblemData, pegawai: Sheet | None, ref: Reference,
                              problems: Problems) -> None:
    """R18 today (check.holders_not_qualified): a JF holder outside the family's qualification stays, but
    the BKPSDM must see it, on the Jurusan cell of that employee's row."""
    if pegawai is None:
        return
    rows = {e.nip: (e.row, e.jurusan) for e in data.employees}
    for v in holders_not_qualified(data, ref):
        row, jurusan = rows[v.nip or ""]
        problems.warning(pegawai.name, row, pegawai.header("Jurusan"), jurusan, v.message,
                         "Pegawai tetap boleh bertahan di jabatannya (R18); tinjau kualifikasinya.",
                         column_number=pegawai.number("Jurusan"))


def _warn_current_posts(employees: list[Employee], posts: Posts, sheets: dict[str, Sheet], ref: Reference,
                        params: Params, problems: Problems) -> None:
    """Over-full posts, and holders who no longer meet their own post's education or golongan range."""
    pegawai, jabatan = sheets.get(SHEET_PEGAWAI), sheets.get(SHEET_JABATAN)
    holders = Counter(e.kode_jabatan for e in employees)
    if jabatan is not None:
        for kode, count in holders.items():
            post = posts.positions[kode]
            if count > post.kebutuhan:
                problems.warning(jabatan.name, post.row, jabatan.header("Kebutuhan"), post.kebutuhan,
                                 f"jabatan {kode} diisi {count} orang, melebihi kebutuhan {post.kebutuhan}",
                                 "Kelebihan ini boleh dipindahkan walau belum memenuhi masa jabatan "
                                 "minimal (R1).", column_number=jabatan.number("Kebutuhan"))
    if pegawai is None:
        return
    for e in employees:
        post = posts.positions[e.kode_jabatan]
        if ref.pendidikan_rank(e.pendidikan) < ref.pendidikan_rank(post.pendidikan_min):
            problems.warning(pegawai.name, e.row, pegawai.header("Jenjang Pendidikan"), e.pendidikan,
                             f"di bawah Pendidikan Minimal jabatannya saat ini ({post.pendidikan_min})",
                             "Pegawai tetap boleh bertahan di jabatannya, tetapi tidak memenuhi syarat (R6).",
                             column_number=pegawai.number("Jenjang Pendidikan"))
        low, high = _golongan_range(post, ref, params)
        rank = ref.golongan_rank(e.golongan)
        if (low is not None and rank < low) or (high is not None and rank > high):
            problems.warning(pegawai.name, e.row, pegawai.header("Golongan"), e.golongan,
                             f"di luar rentang golongan jabatannya saat ini ({_range_text(ref, low, high)})",
                             "Pegawai tetap boleh bertahan di jabatannya, tetapi tidak memenuhi syarat (R7).",
                             column_number=pegawai.number("Golongan"))


def _golongan_range(post: Position, ref: Reference, params: Params) -> tuple[int | None, int | None]:
    """R7's range by urutan: the post's own columns, else the default for its jenis/jenjang."""
    default = ref.jenis_of(post.jenis, post.jenjang)
    low = default.golongan_min if default else None
    high = default.golongan_max if default else None
    if post.golongan_min:
        low = ref.golongan[post.golongan_min].urutan
    if post.golongan_max:
        high = ref.golongan[post.golongan_max].urutan
    if low is not None and params.toleransi_golongan and default is not None and default.struktural:
        low -= 1
    return low, high


def _range_text(ref: Reference, low: int | None, high: int | None) -> str:
    by_rank = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PNS"}
    return f"{by_rank.get(low, '-') if low else '-'} – {by_rank.get(high, '-') if high else '-'}"
