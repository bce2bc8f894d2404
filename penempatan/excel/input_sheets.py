"""The input sheets found in the workbook, and their rows as cells to convert one by one.

Sheets and column headers are matched whatever their case and spacing (SPEC 2); a missing or doubled sheet or
column is one problem. `Row.get` converts a cell and turns a bad value into a problem naming sheet, Excel row,
the column header as the user wrote it, the value and a hint in Bahasa Indonesia.

A `Sheet` is any table with a header line: `match_columns` also makes one of a CSV file's lines (the e-mutasi
export of sheet Permintaan, excel/wishes_csv.py), whose problems then name the file and the line instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from penempatan.errors import Problems, column_letter, pydantic_message
from penempatan.excel.cells import Bad, ExcelError, cell_text, clean, closest, shown, text_or_none
from penempatan.excel.columns import (
    JABATAN_COLUMNS,
    PEGAWAI_COLUMNS,
    PENGATURAN_COLUMNS,
    PERMINTAAN_COLUMNS,
    SHEET_JABATAN,
    SHEET_PEGAWAI,
    SHEET_PENGATURAN,
    SHEET_PERMINTAAN,
    Column,
)
from penempatan.excel.xlsx_rows import (
    FILE,
    FORMAT_HINT,
    MAX_COLUMNS,
    MAX_ROWS,
    Rows,
    XlsxBook,
    check_archive,
    unsafe,
)
from penempatan.text import compact_key, header_key

_SCHEMAS = {SHEET_PEGAWAI: PEGAWAI_COLUMNS, SHEET_JABATAN: JABATAN_COLUMNS, SHEET_PENGATURAN: PENGATURAN_COLUMNS,
            SHEET_PERMINTAAN: PERMINTAAN_COLUMNS}


@dataclass
class Sheet:
    """One input sheet: where each known column is, its header as written, and its data rows."""

    name: str  # as written in the workbook
    index: dict[str, int]  # canonical column name -> 0-based position
    written: dict[str, str]  # canonical column name -> header as written
    rows: Rows  # after the header
    help: dict[str, str]  # canonical column name -> its help text, the hint of last resort
    required: frozenset[str]  # columns the schema requires (their absence is reported once, for the sheet)
    dropped: list[int] = field(default_factory=list)  # rows that did not become an object
    cells: bool = True  # a sheet of the workbook (problems name its cells); False: a CSV file (they name its lines)

    def header(self, column: str) -> str:
        return self.written.get(column, column)

    def number(self, column: str) -> int | None:
        """1-based position of the column in the sheet (A = 1), None when the sheet does not have it or is not a
        sheet of the workbook (a CSV file has no cells to name)."""
        position = self.index.get(column)
        return None if position is None or not self.cells else position + 1


def load_sheets(raw: bytes, problems: Problems) -> dict[str, Sheet] | None:
    """Every input sheet present, keyed by canonical name; None when the file itself is unreadable."""
    if not check_archive(raw, problems):
        return None
    tables: dict[str, Rows] = {}
    names: dict[str, str] = {}
    # Everything raised here comes from the file's content (a broken or hostile workbook), so it is reported
    # as a problem with the file rather than as a crash.
    try:
        with XlsxBook(raw) as book:
            for canonical, actual in _match_sheets(book.names(), problems).items():
                if book.is_chart(actual):
                    problems.error(actual, None, None, None, "sheet ini bukan lembar data (mis. lembar grafik)",
                                   f"Letakkan data pada lembar kerja biasa bernama '{canonical}'.")
                    continue
                names[canonical] = actual
                tables[canonical] = book.rows(actual)
                if actual in book.beyond:
                    row, column = book.beyond[actual]
                    where = f"{column_letter(column)}{row}" if column else f"baris {row}"
                    problems.error(actual, row, None, where,
                                   f"ada isi di luar batas yang dibaca ({MAX_ROWS:_} baris, {MAX_COLUMNS} "
                                   "kolom: kolom terakhir GR)".replace("_", "."),
                                   "Hapus sel atau baris di luar tabel (Ctrl+End di Excel menunjukkan sel terakhir), "
                                   "lalu simpan lagi.")
    except Exception as exc:
        if unsafe(exc):
            problems.error(FILE, None, None, None,
                           "file berisi deklarasi XML (DTD/entitas) yang tidak pernah dipakai Excel; "
                           "file ditolak karena mungkin berbahaya",
                           "Gunakan file dari sumber tepercaya, atau buka dan simpan ulang di Excel.")
            return None
        problems.error(FILE, None, None, None,
                       "file tidak dapat dibaca sebagai buku kerja Excel (.xlsx); mungkin rusak atau "
                       f"format lain, mis. .xlsb atau .ods (rincian: {type(exc).__name__})", FORMAT_HINT)
        return None
    return {canonical: match_columns(names[canonical], rows, _SCHEMAS[canonical], problems)
            for canonical, rows in tables.items()}


def _match_sheets(sheetnames: list[str], problems: Problems) -> dict[str, str]:
    """Canonical sheet name -> the sheet's name in the file, matched case- and space-insensitively."""
    by_key: dict[str, list[str]] = {}
    for name in sheetnames:
        by_key.setdefault(header_key(name), []).append(name)
    found: dict[str, str] = {}
    for canonical, required in ((SHEET_PEGAWAI, True), (SHEET_JABATAN, True), (SHEET_PENGATURAN, False),
                                (SHEET_PERMINTAAN, False)):
        matches = by_key.get(header_key(canonical), [])
        if len(matches) > 1:
            problems.error(canonical, None, None, ", ".join(matches),
                           f"lebih dari satu sheet dapat dibaca sebagai '{canonical}'",
                           "Hapus atau ganti nama sheet yang tidak dipakai.")
        elif matches:
            found[canonical] = matches[0]
        elif required:
            close = closest(header_key(canonical), {header_key(n): n for n in sheetnames})
            hint = (f"Mungkin maksudnya sheet '{close}'? Ganti namanya menjadi '{canonical}'." if close
                    else f"Tambahkan sheet bernama '{canonical}' (contoh: `penempatan template`).")
            problems.error(canonical, None, None, None, f"sheet wajib '{canonical}' tidak ada", hint)
    return found


def match_columns(name: str, rows: Rows, schema: tuple[Column, ...], problems: Problems, *,
                  cells: bool = True) -> Sheet:
    """Locate the schema's columns in the header (row 1); report missing and doubled columns. `cells`: False for
    a table that is not a sheet of the workbook (a CSV file: problems name its lines, never a cell)."""
    by_key: dict[str, str] = {}
    for column in schema:
        for spelling in (column.name, *column.aliases):
            by_key[header_key(spelling)] = column.name
    header = rows[0][1] if rows and rows[0][0] == 1 else ()
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for position, cell in enumerate(header):
        text = text_or_none(cell)
        if text is None:
            continue
        canonical = by_key.get(header_key(text))
        if canonical is None:
            unknown.setdefault(header_key(text), text)
        elif canonical in index:
            problems.error(name, 1, text, text,
                           f"kolom '{written[canonical]}' dan '{text}' sama-sama dibaca sebagai '{canonical}'",
                           "Hapus atau ganti judul salah satu kolom.",
                           column_number=position + 1 if cells else None)
        else:
            index[canonical] = position
            written[canonical] = text
    for column in schema:
        if column.required and column.name not in index and not _exempt(column, index, schema):
            close = closest(header_key(column.name), unknown)
            hint = (f"Mungkin maksudnya kolom '{close}'? Ganti judulnya menjadi '{column.name}'." if close
                    else f"Tambahkan kolom berjudul '{column.name}' di baris 1.")
            if not header:
                hint = "Baris 1 harus berisi judul kolom. " + hint
            problems.error(name, 1, column.name, None, f"kolom wajib '{column.name}' tidak ada", hint)
    data_rows = [r for r in rows if r[0] > 1]
    helps = {c.name: f"Petunjuk kolom {c.name}: {c.help}" for c in schema}
    return Sheet(name, index, written, data_rows, helps, frozenset(c.name for c in schema if c.required),
                 cells=cells)


def _exempt(column: Column, index: dict[str, int], schema: tuple[Column, ...]) -> bool:
    """SPEC 2.1: an employee's post may be given by Nama Jabatan + Unit Kerja instead of Kode Jabatan."""
    return (schema is PEGAWAI_COLUMNS and column.name == "Kode Jabatan"
            and "Nama Jabatan" in index and "Unit Kerja" in index)


class Row:
    """One data row: fetches and converts cells, recording every bad cell as a problem."""

    __slots__ = ("sheet", "number", "values", "problems", "ok", "bad")

    def __init__(self, sheet: Sheet, number: int, values: dict[str, object], problems: Problems) -> None:
        self.sheet = sheet
        self.number = number
        self.values = values
        self.problems = problems
        self.ok = True  # False once any cell of the row is unusable
        self.bad: set[str] = set()  # columns with an error: nothing is derived from them

    def get(self, column: str, convert: Callable[[object], Any] = cell_text, *, required: bool = False,
            hint: str = "") -> Any:
        value = self.values.get(column)
        if value is None:
            if required:
                self.ok = False
                if column in self.sheet.index:
                    self.error(column, None, f"{column} wajib diisi", hint)
                elif column not in self.sheet.required:
                    self.error(column, None, f"kolom '{column}' tidak ada, padahal wajib diisi untuk baris ini",
                               hint)
            return None
        if isinstance(value, ExcelError):
            self.error(column, value, "sel berisi galat rumus Excel",
                       "Perbaiki rumusnya atau ganti dengan nilai biasa.")
            return None
        try:
            return convert(value)
        except Bad as bad:
            self.error(column, value, bad.message, bad.hint or hint)
            return None

    def error(self, column: str, value: object, message: str, hint: str = "") -> None:
        self.ok = False
        self.bad.add(column)
        self.problems.error(self.sheet.name, self.number, self.sheet.header(column),
                            None if value is None else shown(value), message,
                            hint or self.sheet.help.get(column, ""), column_number=self.sheet.number(column))

    def warning(self, column: str, value: object, message: str, hint: str = "") -> None:
        self.problems.warning(self.sheet.name, self.number, self.sheet.header(column),
                              None if value is None else shown(value), message,
                              hint or self.sheet.help.get(column, ""), column_number=self.sheet.number(column))


def data_rows(sheet: Sheet | None, problems: Problems) -> Iterator[Row]:
    """Every data row with at least one known column filled; rows empty in all of them are skipped."""
    if sheet is None:
        return
    names, positions = list(sheet.index), list(sheet.index.values())
    width = max(positions, default=-1) + 1
    padding = (None,) * width
    for number, cells in sheet.rows:
        if len(cells) < width:
            cells = cells + padding[len(cells):]
        values = dict(zip(names, [clean(cells[i]) for i in positions], strict=True))
        if any(v is not None for v in values.values()):
            yield Row(sheet, number, values, problems)


class Once:
    """Warnings reported once per distinct value of a column (case and spacing ignored), at the first row
    that has it; the hint says how many other rows have the same value."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], tuple[Row, str, object, str, str, list[int]]] = {}

    def add(self, row: Row, column: str, value: object, message: str, hint: str, same: str | None = None) -> None:
        """`same`: what makes two rows the same case (default: the value)."""
        key = (column, compact_key(same if same is not None else cell_text(value)))
        entry = self.seen.get(key)
        if entry is None:
            self.seen[key] = (row, column, value, message, hint, [])
        else:
            entry[5].append(row.number)

    def report(self) -> None:
        for row, column, value, message, hint, others in self.seen.values():
            if others:
                listed = ", ".join(str(n) for n in others[:5]) + (", …" if len(others) > 5 else "")
                hint = f"{hint} Nilai yang sama juga ada di {len(others)} baris lain (baris {listed})."
            row.warning(column, value, message, hint)


def build(row: Row, model: Any, values: dict[str, Any]) -> Any:
    """Construct the pydantic object; a rule it still rejects becomes a problem on the row, not a crash."""
    try:
        return model(**values)
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "-"
            row.error(_FIELD_COLUMNS.get(name, name), values.get(name), pydantic_message(err))
        return None


_FIELD_COLUMNS = {
    "nip": "NIP", "nama": "Nama", "golongan": "Golongan", "pendidikan": "Jenjang Pendidikan",
    "kode_jabatan": "Kode Jabatan", "tmt_jabatan": "TMT Jabatan", "tanggal_lahir": "Tanggal Lahir",
    "jenis_kelamin": "Jenis Kelamin", "status": "Status", "kinerja": "Predikat Kinerja",
    "kotak": "Kotak Talenta",
    "kode": "Kode Jabatan", "unit": "Unit Kerja", "jenis": "Jenis Jabatan", "kelas": "Kelas Jabatan",
    "kebutuhan": "Kebutuhan", "pendidikan_min": "Pendidikan Minimal", "bidang": "Bidang", "rumpun_jf": "Rumpun JF",
    "siap_naik_jenjang": "Siap Naik Jenjang",
}
