"""Read the input workbook (SPEC 2) into a validated ProblemData, reporting every problem of the file at once.

The file is read once into memory (so its SHA-256 matches exactly what was read, and it is never written),
opened with openpyxl in read-only mode, and every sheet's cells are streamed by a small expat parser that
refuses any DTD (no entity expansion) and is several times faster than `iter_rows` on large sheets.
Each row is then checked column by column; a bad cell becomes one `Problem` naming sheet, Excel row,
the column header as the user wrote it, the value and a hint in Bahasa Indonesia.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import math
import re
import types
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Union, get_args, get_origin
from xml.parsers import expat

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel, from_ISO8601

try:  # openpyxl internals used for speed; without them the reader falls back to `load_workbook`
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
except ImportError:  # pragma: no cover
    ExcelReader = None
    apply_stylesheet = None
from pydantic import ValidationError

from penempatan.check import holders_not_qualified
from penempatan.errors import InputError, Problem, Problems, pydantic_message
from penempatan.excel.columns import (
    JABATAN_COLUMNS,
    PEGAWAI_COLUMNS,
    PENGATURAN_COLUMNS,
    SEMUA_BIDANG,
    SHEET_JABATAN,
    SHEET_PEGAWAI,
    SHEET_PENGATURAN,
    Column,
    header_key,
)
from penempatan.model import (
    HUKUMAN_VALUES,
    JENIS_VALUES,
    POTENSI_VALUES,
    STATUS_VALUES,
    Employee,
    Params,
    Position,
    ProblemData,
)
from penempatan.reference import UMUM, Reference, ReferenceDataError, load_reference

FILE = "-"  # the `sheet` of a problem with the file itself

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Compound File: encrypted xlsx and old .xls look like this
_ZIP_MAGIC = b"PK\x03\x04"
_MAX_UNZIPPED = 1 << 30  # no honest input workbook unpacks to more than 1 GiB
_EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                           "#GETTING_DATA", "#SPILL!", "#CALC!"})
_FORMAT_HINT = ("Buka file di Excel lalu pilih File → Simpan Sebagai → 'Excel Workbook (*.xlsx)' "
                "(file unduhan SIASN atau CSV juga perlu disimpan ulang begitu).")


@dataclass(frozen=True)
class ReadResult:
    """A workbook that passed every check: the problem data and the warnings found on the way."""

    data: ProblemData
    warnings: list[Problem]


def read_workbook(path: Path) -> ReadResult:
    """Read and validate the input workbook; raise InputError with every problem when any is an error."""
    problems = Problems()
    raw = _read_bytes(Path(path), problems)
    sheets = _load_sheets(raw, problems) if raw is not None else None
    if raw is None or sheets is None:
        raise InputError(problems.items)
    try:
        ref = load_reference()
    except ReferenceDataError as exc:  # a BKPSDM's edit of data/*.csv that cannot be used
        problems.error(FILE, None, None, None, f"tabel rujukan tidak dapat dipakai: {exc}",
                       "Perbaiki berkas itu di folder data/ (lihat sheet Petunjuk, 'Tabel rujukan').")
        raise InputError(problems.items) from None
    params = _read_params(sheets.get(SHEET_PENGATURAN), problems)
    posts = _read_positions(sheets.get(SHEET_JABATAN), ref, problems)
    employees = _read_employees(sheets.get(SHEET_PEGAWAI), ref, params, posts, problems)
    _warn_current_posts(employees, posts, sheets, ref, params, problems)
    if not problems.errors:  # a dropped row is always explained by some error; if not, say so, never lose it
        for sheet in sheets.values():
            for number in sheet.dropped:
                problems.error(sheet.name, number, None, None, "baris ini tidak dapat dibaca",
                               "Periksa isi baris ini dan laporkan ke pengelola aplikasi bila tampak benar.")
    problems.raise_if_errors()
    try:
        data = ProblemData(
            employees=tuple(employees),
            positions=tuple(posts.positions.values()),
            params=params,
            source_sha256=hashlib.sha256(raw).hexdigest(),
        )
    except ValidationError as exc:  # every rule ProblemData checks is checked above; this is a safety net
        for err in exc.errors():
            problems.error(FILE, None, None, None, f"data tidak konsisten: {err['msg']}",
                           "Laporkan ke pengelola aplikasi beserta file masukannya.")
        raise InputError(problems.items) from None
    _warn_unqualified_holders(data, sheets.get(SHEET_PEGAWAI), ref, problems)
    return ReadResult(data, problems.warnings)


def _warn_unqualified_holders(data: ProblemData, pegawai: _Sheet | None, ref: Reference,
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


# --- the file -------------------------------------------------------------------------------------
def _read_bytes(path: Path, problems: Problems) -> bytes | None:
    """The whole file, or None after reporting why it cannot be an xlsx workbook."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.error(FILE, None, None, str(path), "file tidak ditemukan", "Periksa nama dan folder file.")
        return None
    except OSError as exc:
        problems.error(FILE, None, None, str(path), f"file tidak dapat dibuka ({exc.strerror or exc})",
                       "Pastikan path menunjuk ke sebuah file .xlsx yang dapat dibaca.")
        return None
    if not raw:
        problems.error(FILE, None, None, path.name, "file kosong (0 byte)",
                       "Pilih file .xlsx yang berisi data; file ini mungkin gagal disalin atau diunduh.")
        return None
    if raw.startswith(_OLE_MAGIC):
        problems.error(FILE, None, None, path.name,
                       "file terenkripsi (dilindungi kata sandi) atau berformat Excel lama (.xls)",
                       "Buka di Excel, hapus kata sandi (File → Info → Lindungi Buku Kerja → Enkripsi dengan "
                       "Kata Sandi, kosongkan), lalu simpan sebagai 'Excel Workbook (*.xlsx)'.")
        return None
    if not raw.startswith(_ZIP_MAGIC):
        problems.error(FILE, None, None, path.name, "bukan file Excel .xlsx", _FORMAT_HINT)
        return None
    return raw


@dataclass
class _Sheet:
    """One input sheet: where each known column is, its header as written, and its data rows."""

    name: str  # as written in the workbook
    index: dict[str, int]  # canonical column name -> 0-based position
    written: dict[str, str]  # canonical column name -> header as written
    rows: list[tuple[int, tuple[object, ...]]]  # (Excel row number, cell values) after the header
    help: dict[str, str]  # canonical column name -> its help text, the hint of last resort
    required: frozenset[str]  # columns the schema requires (their absence is reported once, for the sheet)
    dropped: list[int] = field(default_factory=list)  # rows that did not become an object

    def header(self, column: str) -> str:
        return self.written.get(column, column)

    def number(self, column: str) -> int | None:
        """1-based position of the column in the sheet (A = 1), None when the sheet does not have it."""
        position = self.index.get(column)
        return None if position is None else position + 1


class _UnsafeXml(Exception):
    """The workbook's XML declares a DTD or entities: never expanded, the file is refused."""


def _load_sheets(raw: bytes, problems: Problems) -> dict[str, _Sheet] | None:
    """Every input sheet present, keyed by canonical name; None when the file itself is unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        problems.error(FILE, None, None, None, "file .xlsx rusak atau tidak lengkap (arsip zip tidak valid)",
                       "Simpan ulang atau unduh ulang file tersebut. " + _FORMAT_HINT)
        return None
    if unzipped > _MAX_UNZIPPED:
        problems.error(FILE, None, None, f"{unzipped // (1 << 20)} MB",
                       "isi file terlalu besar setelah diekstrak (lebih dari 1 GB)",
                       "Periksa file ini; buku kerja masukan yang wajar jauh lebih kecil.")
        return None
    tables: dict[str, list[tuple[int, tuple[object, ...]]]] = {}
    names: dict[str, str] = {}
    # Everything openpyxl or the XML parser raise here comes from the file's content (a broken or hostile
    # workbook), so it is reported as a problem with the file rather than as a crash.
    try:
        book = _open_book(raw)
        try:
            for canonical, actual in _match_sheets(book.names(), problems).items():
                if book.is_chart(actual):
                    problems.error(actual, None, None, None,
                                   "sheet ini bukan lembar data (mis. lembar grafik)",
                                   f"Letakkan data pada lembar kerja biasa bernama '{canonical}'.")
                    continue
                names[canonical] = actual
                tables[canonical] = list(book.rows(actual))
        finally:
            book.close()
    except Exception as exc:
        if _unsafe(exc):
            problems.error(FILE, None, None, None,
                           "file berisi deklarasi XML (DTD/entitas) yang tidak pernah dipakai Excel; "
                           "file ditolak karena mungkin berbahaya",
                           "Gunakan file dari sumber tepercaya, atau buka dan simpan ulang di Excel.")
            return None
        problems.error(FILE, None, None, None,
                       "file tidak dapat dibaca sebagai buku kerja Excel (.xlsx); mungkin rusak atau "
                       f"format lain, mis. .xlsb atau .ods (rincian: {type(exc).__name__})", _FORMAT_HINT)
        return None
    schemas = {SHEET_PEGAWAI: PEGAWAI_COLUMNS, SHEET_JABATAN: JABATAN_COLUMNS,
               SHEET_PENGATURAN: PENGATURAN_COLUMNS}
    return {canonical: _match_columns(names[canonical], rows, schemas[canonical], problems)
            for canonical, rows in tables.items()}


def _unsafe(exc: BaseException | None) -> bool:
    """Was this raised (perhaps wrapped by openpyxl) because the XML declares a DTD or entities?"""
    for _ in range(10):  # the chain is short; the bound guards against a cycle
        if exc is None:
            return False
        if isinstance(exc, DefusedXmlException | _UnsafeXml):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _match_sheets(sheetnames: list[str], problems: Problems) -> dict[str, str]:
    """Canonical sheet name -> the sheet's name in the file, matched case- and space-insensitively."""
    by_key: dict[str, list[str]] = {}
    for name in sheetnames:
        by_key.setdefault(header_key(name), []).append(name)
    found: dict[str, str] = {}
    for canonical, required in ((SHEET_PEGAWAI, True), (SHEET_JABATAN, True), (SHEET_PENGATURAN, False)):
        matches = by_key.get(header_key(canonical), [])
        if len(matches) > 1:
            problems.error(canonical, None, None, ", ".join(matches),
                           f"lebih dari satu sheet dapat dibaca sebagai '{canonical}'",
                           "Hapus atau ganti nama sheet yang tidak dipakai.")
        elif matches:
            found[canonical] = matches[0]
        elif required:
            close = _closest(header_key(canonical), {header_key(n): n for n in sheetnames})
            hint = (f"Mungkin maksudnya sheet '{close}'? Ganti namanya menjadi '{canonical}'." if close
                    else f"Tambahkan sheet bernama '{canonical}' (contoh: `penempatan template`).")
            problems.error(canonical, None, None, None, f"sheet wajib '{canonical}' tidak ada", hint)
    return found


def _match_columns(name: str, rows: list[tuple[int, tuple[object, ...]]], schema: tuple[Column, ...],
                   problems: Problems) -> _Sheet:
    """Locate the schema's columns in the header (row 1); report missing and doubled columns."""
    by_key: dict[str, str] = {}
    for column in schema:
        for spelling in (column.name, *column.aliases):
            by_key[header_key(spelling)] = column.name
    header = rows[0][1] if rows and rows[0][0] == 1 else ()
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for position, cell in enumerate(header):
        text = _text_or_none(cell)
        if text is None:
            continue
        canonical = by_key.get(header_key(text))
        if canonical is None:
            unknown.setdefault(header_key(text), text)
        elif canonical in index:
            problems.error(name, 1, text, text,
                           f"kolom '{written[canonical]}' dan '{text}' sama-sama dibaca sebagai "
                           f"'{canonical}'",
                           "Hapus atau ganti judul salah satu kolom.", column_number=position + 1)
        else:
            index[canonical] = position
            written[canonical] = text
    for column in schema:
        if column.required and column.name not in index and not _exempt(column, index, schema):
            close = _closest(header_key(column.name), unknown)
            hint = (f"Mungkin maksudnya kolom '{close}'? Ganti judulnya menjadi '{column.name}'." if close
                    else f"Tambahkan kolom berjudul '{column.name}' di baris 1.")
            if not header:
                hint = "Baris 1 harus berisi judul kolom. " + hint
            problems.error(name, 1, column.name, None, f"kolom wajib '{column.name}' tidak ada", hint)
    data_rows = [r for r in rows if r[0] > 1]
    helps = {c.name: f"Petunjuk kolom {c.name}: {c.help}" for c in schema}
    return _Sheet(name, index, written, data_rows, helps, frozenset(c.name for c in schema if c.required))


def _exempt(column: Column, index: dict[str, int], schema: tuple[Column, ...]) -> bool:
    """SPEC 2.1: an employee's post may be given by Nama Jabatan + Unit Kerja instead of Kode Jabatan."""
    return (schema is PEGAWAI_COLUMNS and column.name == "Kode Jabatan"
            and "Nama Jabatan" in index and "Unit Kerja" in index)


# --- fast streaming of a sheet's cells ------------------------------------------------------------
Rows = Iterator[tuple[int, tuple[object, ...]]]  # (Excel row number, cell values)


class _FastBook:
    """openpyxl's own workbook reader for sheet names, shared strings and date styles, with sheet cells
    streamed by `_expat_rows`.

    It stops short of building openpyxl's read-only worksheets: one of those scans its whole sheet when
    the sheet has no <dimension> element (openpyxl's own write-only files have none), which for 50,000
    rows costs about as much as reading the data.
    """

    def __init__(self, raw: bytes) -> None:
        reader = ExcelReader(io.BytesIO(raw), read_only=True, data_only=True)
        self._archive = reader.archive
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        self._shared = reader.shared_strings
        self._workbook = reader.wb
        self._parts = {sheet.name: (rel.target, "chartsheet" in (rel.Type or ""))
                       for sheet, rel in reader.parser.find_sheets() if rel.target in reader.valid_files}

    def names(self) -> list[str]:
        return list(self._parts)

    def is_chart(self, name: str) -> bool:
        return self._parts[name][1]

    def rows(self, name: str) -> Rows:
        wb = self._workbook
        return _expat_rows(lambda: self._archive.open(self._parts[name][0]), self._shared, wb._date_formats,
                           wb._timedelta_formats, wb.epoch)

    def close(self) -> None:
        self._archive.close()


class _OpenpyxlBook:
    """The plain `load_workbook` + `iter_rows` path: used when openpyxl's internals have moved on."""

    def __init__(self, raw: bytes) -> None:
        self._workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)

    def names(self) -> list[str]:
        return list(self._workbook.sheetnames)

    def is_chart(self, name: str) -> bool:
        return not hasattr(self._workbook[name], "iter_rows")

    def rows(self, name: str) -> Rows:
        worksheet = self._workbook[name]
        worksheet.reset_dimensions()  # a stale <dimension> would silently cut rows off
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, tuple(values)

    def close(self) -> None:
        self._workbook.close()


def _open_book(raw: bytes) -> _FastBook | _OpenpyxlBook:
    if ExcelReader is None or apply_stylesheet is None:
        return _OpenpyxlBook(raw)
    try:
        return _FastBook(raw)
    except (AttributeError, TypeError):  # openpyxl internals changed (or an odd file): take the plain path
        return _OpenpyxlBook(raw)


def _column_number(ref: str) -> int:
    number = 0
    for char in ref:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            number = number * 26 + ord(char) - 96
        else:
            break
    return number


def _forbid_dtd(*_: object) -> Any:
    raise _UnsafeXml("DTD")


def _expat_rows(open_source: Callable[[], Any], shared: list[str], date_styles: Any, timedelta_styles: Any,
                epoch: datetime) -> Rows:
    """Stream a worksheet part with expat, converting each cell as openpyxl's reader does (data_only)."""
    done: list[tuple[int, tuple[object, ...]]] = []
    cells: list[object] = []
    text: list[str] = []
    row = column = style = 0
    kind = "n"
    capture = phonetic = False  # collecting a value's text? inside a phonetic run (rPh, not shown)?
    columns: dict[str, int] = {}  # column letters of a cell reference -> column number

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, column, style, kind, capture, phonetic
        if ":" in tag:  # some producers write prefixed names (x:c)
            tag = tag[tag.index(":") + 1:]
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                number = columns.get(letters)
                if number is None:
                    number = columns[letters] = _column_number(letters)
                if number < 1:
                    raise ValueError(f"bad cell reference {ref!r}")
                column = number
            else:
                column += 1
            kind = attrs.get("t", "n")
            style_id = attrs.get("s")
            style = int(style_id) if style_id else 0
            text.clear()
        elif tag == "v":
            capture = kind != "inlineStr"
        elif tag == "t":
            capture = kind == "inlineStr" and not phonetic
        elif tag == "row":
            ref = attrs.get("r")
            row = int(ref) if ref else row + 1
            column = 0
            cells.clear()
        elif tag == "rPh":
            phonetic = True

    def end(tag: str) -> None:
        nonlocal capture, phonetic
        if ":" in tag:
            tag = tag[tag.index(":") + 1:]
        if tag == "c":
            if text:
                if len(cells) < column:
                    cells.extend([None] * (column - len(cells)))
                cells[column - 1] = _cell_value("".join(text), kind, style)
        elif tag == "v" or tag == "t":
            capture = False
        elif tag == "row":
            done.append((row, tuple(cells)))
        elif tag == "rPh":
            phonetic = False

    def data(chunk: str) -> None:
        if capture:
            text.append(chunk)

    def _cell_value(raw: str, kind: str, style: int) -> object:
        if kind == "n":
            number: int | float = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
            if style in date_styles:
                try:
                    return from_excel(number, epoch, timedelta=style in timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return shared[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            try:
                return from_ISO8601(raw)
            except ValueError:
                return raw
        return raw  # str, inlineStr, e (error text such as #N/A)

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_dtd
    parser.ExternalEntityRefHandler = _forbid_dtd
    with open_source() as source:
        while chunk := source.read(1 << 16):
            parser.Parse(chunk, False)
            yield from done
            done.clear()
        parser.Parse(b"", True)
        yield from done


# --- cells ----------------------------------------------------------------------------------------
class _Bad(Exception):
    """A cell value that cannot be used: message and hint for the planner."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class _ExcelError(str):
    """A formula error shown by Excel (#N/A, #REF! …)."""


def _clean(value: object) -> object:
    """Strip text; empty text and a lone dash mean an empty cell."""
    if isinstance(value, str):
        text = value.strip()
        if not text or text == "-" or text == "–":
            return None
        if text in _EXCEL_ERRORS:
            return _ExcelError(text)
        return text
    return value


def _text_or_none(value: object) -> str | None:
    cleaned = _clean(value)
    return None if cleaned is None else _text(cleaned)


def _text(value: object) -> str:
    """Any cell as text: a whole number without '.0', a date as dd-mm-yyyy."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _show(value: object) -> str:
    """A cell value as the planner would recognise it in the message."""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e15:
        return str(int(value))  # a NIP typed as a number: show the digits Excel kept
    return _text(value)


def _norm(text: str) -> str:
    """Case- and space-insensitive key for names of posts and units."""
    return re.sub(r"\s+", "", text).casefold()


def _key(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _number(value: object) -> float | None:
    """A number from a number cell or numeric text ('2', '2,5'); None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        return float(value.replace(",", "."))
    return None


def _integer(lo: int, hi: int | None) -> Callable[[object], int]:
    """Converter to a whole number in [lo, hi] (hi None = no upper bound)."""
    span = f"{lo}–{hi}" if hi is not None else f"≥ {lo}"

    def convert(value: object) -> int:
        number = _number(value)
        if number is None:
            raise _Bad(f"harus berupa bilangan bulat {span}", "Tulis angka saja, mis. 3.")
        if not number.is_integer():
            raise _Bad(f"harus bilangan bulat {span}, bukan pecahan", "Bulatkan ke bilangan bulat.")
        if number < lo or (hi is not None and number > hi):
            if number < 0 <= lo:
                raise _Bad(f"tidak boleh negatif (harus bilangan bulat {span})")
            raise _Bad(f"harus bilangan bulat {span}")
        return int(number)

    return convert


_YES = frozenset({"YA", "Y", "YES", "TRUE", "BENAR", "1", "IYA"})
_NO = frozenset({"TIDAK", "T", "NO", "N", "FALSE", "SALAH", "0", "TDK", "BUKAN"})


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    number = _number(value)
    key = str(int(number)) if number is not None and number in (0, 1) else _key(str(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise _Bad("harus Ya atau Tidak", "Tulis Ya atau Tidak.")


_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "spt": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_D_MONTH_Y = re.compile(r"(\d{1,2})[\s\-/.,]*([A-Za-z]+)\.?[\s\-/.,]+(\d{4})")
_DATE_HINT = ("Isi sebagai tanggal Excel, atau teks dd-mm-yyyy / yyyy-mm-dd / '26 September 1986'.")
_EXCEL_EPOCH = datetime(1899, 12, 30)


def _date(value: object) -> date:
    """A date from a date cell, an Excel serial number, yyyymmdd, or text (numeric or Indonesian months)."""
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Bad("bukan tanggal", _DATE_HINT)
    elif isinstance(value, int | float):
        result = _date_from_number(value)
    else:
        result = _date_from_text(value)
    if not 1900 <= result.year <= 2100:
        raise _Bad(f"tahun {result.year} di luar rentang wajar 1900–2100", _DATE_HINT)
    return result


def _date_from_number(value: float) -> date:
    if not math.isfinite(value):
        raise _Bad("bukan tanggal", _DATE_HINT)
    whole = int(value)
    if 19000101 <= whole <= 21001231 and whole == value:  # yyyymmdd typed as a number
        return _make_date(whole // 10000, whole // 100 % 100, whole % 100, str(whole))
    if value < 1:
        raise _Bad("bukan tanggal (nomor seri tanggal Excel harus ≥ 1)", _DATE_HINT)
    try:
        converted = from_excel(value)
    except (OverflowError, ValueError):
        raise _Bad("nomor seri tanggal Excel di luar rentang", _DATE_HINT) from None
    if not isinstance(converted, datetime):
        raise _Bad("bukan tanggal", _DATE_HINT)
    return converted.date()


def _date_from_text(text: str) -> date:
    if m := _DMY.fullmatch(text):
        return _make_date(int(m[3]), int(m[2]), int(m[1]), text)
    if m := _YMD.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text)
    if (m := _D_MONTH_Y.fullmatch(text)) and m[2].lower() in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]), text)
    raise _Bad("bukan tanggal yang dikenali", _DATE_HINT)


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Bad("tanggal tidak ada di kalender (mis. 31 Februari atau bulan 13)",
                   "Periksa hari dan bulan; format teks dibaca sebagai hari-bulan-tahun.") from None


def _memo(convert: Callable[[object], Any]) -> Callable[[object], Any]:
    """Cache a converter's result (or its _Bad) per distinct cell value: columns repeat values a lot."""
    cache: dict[tuple[type, object], Any] = {}

    def cached(value: object) -> Any:
        key = (value.__class__, value)
        try:
            result = cache[key]
        except KeyError:
            try:
                result = convert(value)
            except _Bad as bad:
                result = bad
            cache[key] = result
        if isinstance(result, _Bad):
            raise result
        return result

    return cached


class _Suggest:
    """Closest-match hints, cached and capped so thousands of bad cells cannot make reading slow."""

    def __init__(self, candidates: dict[str, str], budget: int = 300) -> None:
        self.candidates = candidates  # key -> as shown
        self.cache: dict[str, str | None] = {}
        self.budget = budget

    def __call__(self, key: str) -> str | None:
        if key not in self.cache:
            if self.budget <= 0:
                return None
            self.budget -= 1
            self.cache[key] = _closest(key, self.candidates)
        return self.cache[key]


def _closest(key: str, candidates: dict[str, str]) -> str | None:
    """The candidate (shown as written) whose key is closest to `key`, if any is close enough."""
    found = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
    return candidates[found[0]] if found else None


class _Row:
    """One data row: fetches and converts cells, recording every bad cell as a problem."""

    __slots__ = ("sheet", "number", "values", "problems", "ok", "bad")

    def __init__(self, sheet: _Sheet, number: int, values: dict[str, object], problems: Problems) -> None:
        self.sheet = sheet
        self.number = number
        self.values = values
        self.problems = problems
        self.ok = True  # False once any cell of the row is unusable
        self.bad: set[str] = set()  # columns with an error: nothing is derived from them

    def get(self, column: str, convert: Callable[[object], Any] = _text, *, required: bool = False,
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
        if isinstance(value, _ExcelError):
            self.error(column, value, "sel berisi galat rumus Excel",
                       "Perbaiki rumusnya atau ganti dengan nilai biasa.")
            return None
        try:
            return convert(value)
        except _Bad as bad:
            self.error(column, value, bad.message, bad.hint or hint)
            return None

    def error(self, column: str, value: object, message: str, hint: str = "") -> None:
        self.ok = False
        self.bad.add(column)
        shown = None if value is None else _show(value)
        self.problems.error(self.sheet.name, self.number, self.sheet.header(column), shown, message,
                            hint or self.sheet.help.get(column, ""), column_number=self.sheet.number(column))

    def warning(self, column: str, value: object, message: str, hint: str = "") -> None:
        shown = None if value is None else _show(value)
        self.problems.warning(self.sheet.name, self.number, self.sheet.header(column), shown, message,
                              hint or self.sheet.help.get(column, ""), column_number=self.sheet.number(column))


def _data_rows(sheet: _Sheet | None, problems: Problems) -> Iterator[_Row]:
    """Every data row with at least one known column filled; rows empty in all of them are skipped."""
    if sheet is None:
        return
    names, positions = list(sheet.index), list(sheet.index.values())
    width = max(positions, default=-1) + 1
    padding = (None,) * width
    for number, cells in sheet.rows:
        if len(cells) < width:
            cells = cells + padding[len(cells):]
        values = dict(zip(names, [_clean(cells[i]) for i in positions], strict=True))
        if any(v is not None for v in values.values()):
            yield _Row(sheet, number, values, problems)


class _Once:
    """Warnings reported once per distinct value of a column (case and spacing ignored), at the first row
    that has it; the hint says how many other rows have the same value."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], tuple[_Row, str, object, str, str, list[int]]] = {}

    def add(self, row: _Row, column: str, value: object, message: str, hint: str, same: str | None = None) -> None:
        """`same`: what makes two rows the same case (default: the value)."""
        key = (column, _norm(same if same is not None else _text(value)))
        entry = self.seen.get(key)
        if entry is None:
            self.seen[key] = (row, column, value, message, hint, [])
        else:
            entry[5].append(row.number)

    def report(self) -> None:
        for row, column, value, message, hint, others in self.seen.values():
            if others:
                hint = f"{hint} Nilai yang sama juga ada di {len(others)} baris lain (baris {_rows_note(others)})."
            row.warning(column, value, message, hint)


def _rows_note(rows: list[int]) -> str:
    return ", ".join(str(n) for n in rows[:5]) + (", …" if len(rows) > 5 else "")


# --- coded values ---------------------------------------------------------------------------------
def _lookup(table: dict[str, str], message: str, hint: str) -> Callable[[object], str]:
    def convert(value: object) -> str:
        found = table.get(_key(_text(value)))
        if found is None:
            raise _Bad(message, hint)
        return found

    return _memo(convert)


_STATUS = {_key(s): s for s in STATUS_VALUES} | {
    "PNS": "Aktif", "AKTIF": "Aktif",
    "CUTIDILUARTANGGUNGANNEGARA": "CLTN", "PERPANJANGANCLTN": "CLTN",
    "PEMBERHENTIANSEMENTARA": "Diberhentikan Sementara",
    "PEMBERHENTIANSEMENTARAJABATAN": "Diberhentikan Sementara",
    "MASAPERSIAPANPENSIUN": "MPP", "TUGASBELAJAR": "Tugas Belajar", "CALONPNS": "CPNS",
}
_HUKUMAN = {_key(h): h for h in HUKUMAN_VALUES} | {
    "TIDAK": "Tidak Ada", "NIHIL": "Tidak Ada", "TIDAKADAHUKUMAN": "Tidak Ada",
    **{_key(f"Hukuman Disiplin {h}"): h for h in HUKUMAN_VALUES[1:]},
    **{_key(f"HD {h}"): h for h in HUKUMAN_VALUES[1:]},
}
_KELAMIN = {"L": "L", "LK": "L", "LAKILAKI": "L", "PRIA": "L", "M": "L", "MALE": "L",
            "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P", "F": "P", "FEMALE": "P"}
_JENIS = {_key(j): j for j in JENIS_VALUES} | {"JPT": "JPT Pratama", "JABATANFUNGSIONAL": "Fungsional"}
_KOTAK = {  # PermenPANRB 3/2020: (ekspektasi kinerja, potensi) -> kotak talenta
    ("di atas", "Tinggi"): 9, ("sesuai", "Tinggi"): 8, ("di atas", "Menengah"): 7,
    ("di bawah", "Tinggi"): 6, ("sesuai", "Menengah"): 5, ("di atas", "Rendah"): 4,
    ("di bawah", "Menengah"): 3, ("sesuai", "Rendah"): 2, ("di bawah", "Rendah"): 1,
}

_status = _lookup(_STATUS, "status tidak dikenal", "Gunakan: " + ", ".join(STATUS_VALUES) + ".")
_hukuman = _lookup(_HUKUMAN, "hukuman disiplin tidak dikenal", "Gunakan: Tidak Ada, Ringan, Sedang, Berat.")
_kelamin = _lookup(_KELAMIN, "jenis kelamin tidak dikenal", "Tulis L atau P.")
_jenis = _lookup(_JENIS, "jenis jabatan tidak dikenal", "Gunakan: " + ", ".join(JENIS_VALUES) + ".")
_memo_date = _memo(_date)
_memo_bool = _memo(_bool)


@_memo
def _potensi(value: object) -> str:
    """Potensi as a name, or from a JPM score in percent (≥80 Tinggi, 68–<80 Menengah, <68 Rendah)."""
    if isinstance(value, str):
        named = {_key(p): p for p in POTENSI_VALUES}.get(_key(value))
        if named:
            return named
        value = value.rstrip("%").strip()
    score = _number(value)
    if score is None:
        raise _Bad("potensi tidak dikenal", "Tulis Tinggi, Menengah, Rendah, atau nilai JPM (0–100).")
    if isinstance(value, float) and 0 < score < 1:  # a cell formatted as percent: 0.82 is 82 %
        score *= 100
    if not 0 <= score <= 100:
        raise _Bad("nilai JPM harus 0–100", "Tulis nilai JPM dalam persen, mis. 82.")
    return "Tinggi" if score >= 80 else "Menengah" if score >= 68 else "Rendah"


def _split(value: object) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", _text(value)) if part.strip()]


class _Codes:
    """Converters bound to the reference tables (memoised: a column holds few distinct values)."""

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        self.golongan = _memo(self._golongan)
        self.pendidikan = _memo(self._pendidikan)
        self.kinerja = _memo(self._kinerja)
        self.bidang_of = _memo(ref.bidang_of)
        self.ekspektasi = {k.kode: k.ekspektasi for k in ref.kinerja}
        jenjang = {_key(j): j for j in ref.jenjang_list}
        self.jenjang = _lookup(jenjang, "jenjang jabatan fungsional tidak dikenal",
                               "Gunakan: " + ", ".join(ref.jenjang_list) + ".")
        self.fields = {re.sub(r"[^0-9a-z]+", "_", b.lower()).strip("_"): b for b in ref.bidang}
        self.bidang = _memo(self._bidang)
        self.rumpun_jf = _memo(self._rumpun_jf)
        self.jf_of = _memo(lambda nama: ref.jf_of(_text(nama)))
        self.bidang_jabatan_of = _memo(lambda nama: ref.bidang_jabatan_of(_text(nama)))
        self.jf_names: dict[str, str] = {}  # lower-case family name or keyword -> canonical family name
        for family in ref.jabatan_fungsional.values():
            for keyword in (tuple(family.nama.lower().split()), *family.kata_kunci):
                self.jf_names.setdefault(" ".join(keyword), family.nama)

    def _golongan(self, value: object) -> str:
        found = self.ref.golongan_of(value)
        if found is None:
            conflict = self.ref.golongan_conflict(value)
            if conflict is not None:
                what = "golongan dan pangkat" if "pangkat" in conflict else "golongan-golongan"
                raise _Bad(f"{what} yang tertulis tidak sesuai satu sama lain ({conflict})",
                           "Periksa mana yang benar, lalu tulis golongan dengan pangkatnya sendiri, "
                           "mis. 'III/b - Penata Muda Tingkat I', atau golongannya saja.")
            raise _Bad("golongan tidak dikenal", "Tulis seperti III/a … IV/e (PNS) atau I … XVII (PPPK), boleh "
                       "dengan pangkatnya, mis. 'III/b - Penata Muda Tingkat I'.")
        return found.kode

    def _pendidikan(self, value: object) -> str:
        found = self.ref.pendidikan_of(value)
        if found is None:
            raise _Bad("jenjang pendidikan tidak dikenal", "Gunakan: " + ", ".join(self.ref.pendidikan) + ".")
        return found

    def _kinerja(self, value: object) -> str:
        found = self.ref.kinerja_of(value)
        if found is None:
            if _number(value) is not None:
                raise _Bad("nilai SKP harus 0–120", "Tulis predikat atau nilai SKP antara 0 dan 120.")
            raise _Bad("predikat kinerja tidak dikenal",
                       "Gunakan: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, atau nilai SKP.")
        return found

    def _bidang(self, value: object) -> str:
        key = re.sub(r"[^0-9a-z]+", "_", _text(value).lower()).strip("_")
        if key in self.fields:
            return self.fields[key]
        if key in (SEMUA_BIDANG, f"{SEMUA_BIDANG}_bidang"):
            return SEMUA_BIDANG
        close = _closest(key, {k: k for k in self.fields})
        hint = f"Mungkin maksudnya '{close}'? " if close else ""
        raise _Bad("bidang tidak dikenal", hint + "Gunakan salah satu: " + ", ".join(self.ref.bidang)
                   + f", atau '{SEMUA_BIDANG}' untuk jabatan yang terbuka bagi semua bidang.")

    def _rumpun_jf(self, value: object) -> str:
        found = self.ref.jf_of("", _text(value))
        if found is not None:
            return found
        key = " ".join(_text(value).lower().split())
        close = difflib.get_close_matches(key, list(self.jf_names), n=6, cutoff=0.6)
        names = list(dict.fromkeys(self.jf_names[c] for c in close))[:3]
        hint = f"Mungkin maksudnya {', '.join(repr(n) for n in names)}? " if names else ""
        raise _Bad("rumpun jabatan fungsional tidak dikenal di jabatan_fungsional.csv",
                   hint + "Daftar rumpun ada di sheet Petunjuk; rumpun baru dapat ditambahkan ke "
                   "data/jabatan_fungsional.csv.")


# --- sheet Pengaturan -----------------------------------------------------------------------------
def _read_params(sheet: _Sheet | None, problems: Problems) -> Params:
    """Params from the Parameter/Nilai rows; defaults for everything not given (SPEC 2.3)."""
    if sheet is None:
        return Params()
    fields = {name.lower(): name for name in Params.model_fields}
    suggest = _Suggest({k: k for k in fields})
    values: dict[str, object] = {}
    rows: dict[str, _Row] = {}
    for row in _data_rows(sheet, problems):
        key_text = row.get("Parameter", required=True, hint="Tulis nama parameter, mis. tanggal_acuan.")
        if key_text is None:
            continue
        name = fields.get(re.sub(r"[\s\-]+", "_", key_text.strip().lower()))
        if name is None:
            close = suggest(re.sub(r"[\s\-]+", "_", key_text.lower()))
            row.error("Parameter", key_text, "parameter tidak dikenal",
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Parameter yang dikenal: " + ", ".join(Params.model_fields) + ".")
            continue
        if name in rows:
            row.error("Parameter", key_text, f"parameter ganda, sudah diisi di baris {rows[name].number}",
                      "Hapus salah satu baris.")
            continue
        rows[name] = row
        value = row.get("Nilai", _param_converter(name))
        if value is not None:
            values[name] = value
    try:
        return Params(**values)  # type: ignore[arg-type]
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "larangan_selesai"
            row = rows.get(name) or rows.get("larangan_mulai") or next(iter(rows.values()))
            row.error("Nilai", values.get(name), pydantic_message(err), "Perbaiki nilai parameter ini.")
        return Params()


def _param_converter(name: str) -> Callable[[object], Any]:
    """Converter for a Params field, from its type annotation."""
    annotation = Params.model_fields[name].annotation
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if annotation is date:
        return _memo_date
    if annotation is bool:
        return _memo_bool
    if annotation is int:
        return _integer(0, None)
    if annotation is float:
        return _float
    if get_origin(annotation) is tuple:
        item = get_args(annotation)[0]
        if name == "status_boleh_mutasi":
            return lambda value: tuple(dict.fromkeys(_status(v) for v in _split_list(value)))
        if name == "kotak_promosi":
            return lambda value: tuple(_integer(1, 9)(v) for v in _split_list(value))
        if item is int:
            return lambda value: tuple(_integer(0, None)(v) for v in _split_list(value))
        return lambda value: tuple(_split_list(value))
    raise TypeError(f"no converter for parameter {name}: {annotation}")


def _split_list(value: object) -> list[str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [_text(value)]
    return [part.strip() for part in re.split(r"[;,\n]", _text(value)) if part.strip()]


def _float(value: object) -> float:
    text = _text(value).rstrip("%").strip() if isinstance(value, str) else value
    number = _number(text)
    if number is None:
        raise _Bad("harus berupa angka", "Tulis angka, mis. 30.")
    if isinstance(value, float) and 0 < number < 1:  # a cell formatted as percent: 0.3 is 30 %
        number *= 100
    return number


# --- sheet Jabatan --------------------------------------------------------------------------------
@dataclass
class _Posts:
    """The posts read from sheet Jabatan and the indexes used to find an employee's current post."""

    positions: dict[str, Position] = field(default_factory=dict)  # valid posts by kode
    rows: dict[str, int] = field(default_factory=dict)  # every kode seen (valid or not) -> Excel row
    by_key: dict[str, list[str]] = field(default_factory=dict)  # case/space-insensitive kode -> kodes
    by_name_unit: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # unit key -> unit as written
    searchable: bool = False  # False when sheet Jabatan or its Kode column is missing: no lookup errors


def _read_positions(sheet: _Sheet | None, ref: Reference, problems: Problems) -> _Posts:
    posts = _Posts(searchable=sheet is not None and "Kode Jabatan" in sheet.index)
    codes = _Codes(ref)
    once = _Once()
    standard, kelas_of, seats = _integer(1, 5), _integer(1, 17), _integer(0, None)
    for row in _data_rows(sheet, problems):
        kode = row.get("Kode Jabatan", required=True, hint="Setiap jabatan perlu kode unik.")
        nama = row.get("Nama Jabatan", required=True)
        unit = row.get("Unit Kerja", required=True)
        if kode is not None:
            if kode in posts.rows:
                row.error("Kode Jabatan", kode,
                          f"Kode Jabatan ganda: sudah dipakai di baris {posts.rows[kode]}",
                          "Setiap jabatan harus punya kode yang berbeda.")
                continue
            posts.rows[kode] = row.number
            posts.by_key.setdefault(_norm(kode), []).append(kode)
            if nama is not None and unit is not None:
                posts.by_name_unit.setdefault((_norm(nama), _norm(unit)), []).append(kode)
        if unit is not None:
            posts.units.setdefault(_norm(unit), unit)
        jenis = row.get("Jenis Jabatan", _jenis, required=True)
        jenjang = None
        if jenis == "Fungsional":
            jenjang = row.get("Jenjang", codes.jenjang, required=True,
                              hint="Jabatan Fungsional perlu jenjang, mis. Ahli Pertama atau Terampil.")
        kelas = row.get("Kelas Jabatan", kelas_of, required=True)
        kebutuhan = row.get("Kebutuhan", seats, required=True,
                            hint="Isi jumlah kursi menurut ABK (0 = jabatan dihapus).")
        pendidikan_min = row.get("Pendidikan Minimal", codes.pendidikan, required=True)
        bidang = row.get("Bidang", codes.bidang)
        if bidang == SEMUA_BIDANG:
            bidang = None
        elif bidang is None and nama is not None and "Bidang" not in row.bad:
            bidang = codes.bidang_jabatan_of(nama)
        rumpun_jf = _rumpun_jf(row, jenis, nama, codes, once)
        if rumpun_jf is not None and jenjang is not None:
            _check_track(row, rumpun_jf, jenjang, ref, once)
        golongan_min = row.get("Golongan Minimal", codes.golongan)
        golongan_max = row.get("Golongan Maksimal", codes.golongan)
        if golongan_min and golongan_max and (
                ref.golongan[golongan_min].urutan > ref.golongan[golongan_max].urutan):
            row.error("Golongan Maksimal", golongan_max, f"lebih rendah dari Golongan Minimal {golongan_min}",
                      "Tukar atau perbaiki kedua nilai.")
        values = {
            "standar_manajerial": row.get("Standar Manajerial", standard),
            "standar_sosial_kultural": row.get("Standar Sosial Kultural", standard),
            "standar_teknis": row.get("Standar Teknis", standard),
        }
        risiko = row.get("Risiko Tinggi", _memo_bool)
        wajib = row.get("Wajib Diisi", _memo_bool)
        if not row.ok:
            row.sheet.dropped.append(row.number)
            continue
        post = _build(row, Position, dict(
            kode=kode, nama=nama, unit=unit, jenis=jenis, jenjang=jenjang, kelas=kelas,
            kebutuhan=kebutuhan, pendidikan_min=pendidikan_min, bidang=bidang, rumpun_jf=rumpun_jf,
            golongan_min=golongan_min, golongan_max=golongan_max,
            risiko_tinggi=bool(risiko), wajib_diisi=bool(wajib), row=row.number, **values))
        if post is None:
            row.sheet.dropped.append(row.number)
        else:
            posts.positions[kode] = post
    once.report()
    return posts


_SKILL_JENJANG = frozenset({"Pemula", "Terampil", "Mahir", "Penyelia"})


def _check_track(row: _Row, rumpun_jf: str, jenjang: str, ref: Reference, once: _Once) -> None:
    """A jenjang on a track (keahlian / keterampilan) the family does not have is a warning: R18 has no
    minimum education for it."""
    family = ref.jabatan_fungsional[rumpun_jf]
    skill = jenjang in _SKILL_JENJANG
    if (family.pendidikan_keterampilan if skill else family.pendidikan_keahlian) is None:
        track = "keterampilan" if skill else "keahlian"
        once.add(row, "Jenjang", jenjang, f"rumpun {rumpun_jf} tidak mempunyai jenjang {track} menurut "
                 "jabatan_fungsional.csv", "Periksa Jenjang dan Rumpun JF jabatan ini, atau lengkapi kolom "
                 f"pendidikan_{track} rumpun itu di data/jabatan_fungsional.csv.", same=f"{rumpun_jf}\t{jenjang}")


def _rumpun_jf(row: _Row, jenis: str | None, nama: str | None, codes: _Codes, once: _Once) -> str | None:
    """R18's JF family of a post: Rumpun JF when given (checked against jabatan_fungsional.csv), else for a
    Fungsional post the family named in Nama Jabatan; a Fungsional name matching no family is a warning."""
    given = row.get("Rumpun JF", codes.rumpun_jf)
    if jenis is None or "Rumpun JF" in row.bad:
        return given
    by_name = codes.jf_of(nama) if nama is not None else None
    if jenis != "Fungsional":
        if given is not None:
            row.warning("Rumpun JF", given, "Rumpun JF hanya berlaku untuk jabatan Fungsional; diabaikan",
                        "Kosongkan kolom ini, atau ubah Jenis Jabatan menjadi Fungsional.")
        return None
    if given is None and by_name is None and nama is not None:
        once.add(row, "Nama Jabatan", nama, "jabatan fungsional tidak dikenali di jabatan_fungsional.csv",
                 "Isi kolom Rumpun JF (mis. Perawat, Guru, Pranata Komputer), atau tambahkan nama ini sebagai "
                 "kata_kunci rumpunnya di data/jabatan_fungsional.csv; tanpa rumpun, syarat jabatan fungsional "
                 "(R18) tidak diperiksa.")
    elif given is not None and by_name is not None and given != by_name:
        once.add(row, "Rumpun JF", given, f"berbeda dengan rumpun menurut Nama Jabatan '{nama}' ({by_name}); "
                 "yang dipakai Rumpun JF", "Periksa mana yang benar.", same=f"{given}\t{nama}")
    return given or by_name


def _build(row: _Row, model: Any, values: dict[str, Any]) -> Any:
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


# --- sheet Pegawai --------------------------------------------------------------------------------
_NIP_SEPARATORS = re.compile(r"[\s.]+")
_NIP_PREFIX = re.compile(r"^'?\s*(?:NIP\.?\s*:?\s*)?", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?E\+?\d+", re.IGNORECASE)
_NIP_AS_NUMBER = ("NIP tersimpan sebagai angka, bukan teks: Excel hanya menyimpan 15 digit bermakna, "
                  "jadi digit terakhir NIP sudah hilang")
_NIP_AS_NUMBER_HINT = ("Format kolom NIP sebagai Teks (klik kanan → Format Cells → Text) lalu ketik ulang "
                       "NIP-nya, atau tempel NIP dengan tanda petik di depan, mis. '198609262010011001.")


def _nip(value: object) -> str:
    """The 18-digit NIP from text with spaces, dots, a NIP prefix or a leading apostrophe."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise _Bad(_NIP_AS_NUMBER, _NIP_AS_NUMBER_HINT)
    text = _NIP_PREFIX.sub("", _text(value).strip())
    if _SCIENTIFIC.fullmatch(text):
        raise _Bad(_NIP_AS_NUMBER, _NIP_AS_NUMBER_HINT)
    digits = _NIP_SEPARATORS.sub("", text)
    if not digits.isdigit() or not digits.isascii():
        raise _Bad("NIP hanya boleh berisi angka", "Tulis 18 digit NIP, mis. 198609262010011001.")
    if len(digits) != 18:
        raise _Bad(f"NIP harus 18 digit (terbaca {len(digits)} digit)",
                   "Periksa apakah ada digit yang hilang atau berlebih.")
    return digits


@dataclass(frozen=True)
class NipFacts:
    """What an NIP says about its holder (BKN numbering): birth date, sex, PNS or PPPK."""

    lahir: date | None
    kelamin: str | None  # "L" / "P"
    pppk: bool
    tmt_valid: bool  # digits 9–14 are a plausible yyyymm of appointment


def nip_facts(nip: str) -> NipFacts:
    """Digits 1–8 birth date, 9–14 appointment yyyymm (month + 20 for an NI PPPK), 15 sex, 16–18 serial."""
    try:
        lahir: date | None = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        lahir = None
    month = int(nip[12:14])
    year = int(nip[8:12])
    kelamin = {"1": "L", "2": "P"}.get(nip[14])
    return NipFacts(lahir, kelamin, 21 <= month <= 32, 1 <= month % 20 <= 12 and 1900 <= year <= 2100)


def _read_employees(sheet: _Sheet | None, ref: Reference, params: Params, posts: _Posts,
                    problems: Problems) -> list[Employee]:
    codes = _Codes(ref)
    level = _integer(1, 5)
    kotak_of = _integer(1, 9)
    suggest_code = _Suggest({k: k for k in posts.rows})
    seen: dict[str, int] = {}
    employees: list[Employee] = []
    once = _Once()
    for row in _data_rows(sheet, problems):
        nip = row.get("NIP", _nip, required=True, hint="Setiap pegawai perlu NIP 18 digit.")
        if nip is not None:
            if nip in seen:
                row.error("NIP", nip, f"NIP ganda: sama dengan baris {seen[nip]}",
                          "Setiap pegawai hanya boleh muncul sekali; hapus baris yang dobel.")
            else:
                seen[nip] = row.number
        nama = row.get("Nama", required=True)
        golongan = row.get("Golongan", codes.golongan, required=True)
        pendidikan = row.get("Jenjang Pendidikan", codes.pendidikan, required=True)
        jurusan = row.get("Jurusan")
        kode = _current_post(row, posts, suggest_code)
        tmt = row.get("TMT Jabatan", _memo_date, required=True)
        if tmt is not None and tmt > params.tanggal_acuan:
            row.warning("TMT Jabatan", tmt,
                        f"TMT Jabatan setelah tanggal acuan {params.tanggal_acuan:%d-%m-%Y}",
                        "Periksa tanggalnya; masa jabatan dihitung 0 bulan.")
        lahir = row.get("Tanggal Lahir", _memo_date)
        if lahir is not None and lahir >= params.tanggal_acuan:
            row.error("Tanggal Lahir", lahir, "tanggal lahir tidak boleh setelah tanggal acuan",
                      "Periksa tahun lahirnya.")
        kelamin = row.get("Jenis Kelamin", _kelamin)
        status = row.get("Status", _status) or "Aktif"
        if row.get("Status CPNS PNS", _cpns):
            status = "CPNS"
        kinerja = row.get("Predikat Kinerja", codes.kinerja, required=True)
        potensi = row.get("Potensi", _potensi)
        kotak = row.get("Kotak Talenta", kotak_of)
        if kotak is None and potensi is not None and kinerja is not None and "Kotak Talenta" not in row.bad:
            kotak = _KOTAK[(codes.ekspektasi[kinerja], potensi)]
        kompetensi = {
            "komp_manajerial": row.get("Kompetensi Manajerial", level),
            "komp_sosial_kultural": row.get("Kompetensi Sosial Kultural", level),
            "komp_teknis": row.get("Kompetensi Teknis", level),
        }
        hukuman = row.get("Hukuman Disiplin", _hukuman) or "Tidak Ada"
        akhir_hukuman = row.get("Akhir Hukuman", _memo_date)
        bersedia = row.get("Bersedia Mutasi", _memo_bool)
        bidang = None
        if jurusan is not None:
            bidang = codes.bidang_of(jurusan)
            if bidang is None:
                once.add(row, "Jurusan", jurusan, "jurusan tidak cocok dengan bidang mana pun di rumpun.csv",
                         "Tambahkan kata kunci jurusan ini ke data/rumpun.csv agar kecocokan bidang (R8, R18) "
                         "dapat dinilai.")
        pelatihan = _pelatihan(row, codes, once)
        unit_diminati = _unit_diminati(row, posts)
        siap = row.get("Siap Naik Jenjang", _memo_bool)
        pppk_golongan = golongan is not None and ref.golongan[golongan].jenis == "PPPK"
        if nip is not None:
            facts = nip_facts(nip)
            lahir, kelamin = _check_nip(row, nip, facts, lahir, kelamin)
            if facts.pppk and golongan is not None and not pppk_golongan:
                row.warning("Golongan", golongan, "NIP ini nomor induk PPPK tetapi golongannya golongan PNS",
                            "Pegawai PPPK bergolongan I … XVII; periksa NIP atau golongannya.")
            pppk_golongan = pppk_golongan or facts.pppk
        if pppk_golongan:
            status = "PPPK"
        if not row.ok:
            row.sheet.dropped.append(row.number)
            continue
        employee = _build(row, Employee, dict(
            nip=nip, nama=nama, golongan=golongan, pendidikan=pendidikan, jurusan=jurusan, bidang=bidang,
            pelatihan=pelatihan, kode_jabatan=kode, tmt_jabatan=tmt, tanggal_lahir=lahir,
            jenis_kelamin=kelamin,
            status=status, kinerja=kinerja, potensi=potensi, kotak=kotak, hukuman=hukuman,
            akhir_hukuman=akhir_hukuman, bersedia_mutasi=True if bersedia is None else bersedia,
            unit_diminati=unit_diminati, siap_naik_jenjang=bool(siap), row=row.number, **kompetensi))
        if employee is None:
            row.sheet.dropped.append(row.number)
        else:
            employees.append(employee)
    once.report()
    return employees


@_memo
def _cpns(value: object) -> bool:
    """SIASN `STATUS CPNS PNS`: C marks a CPNS, P a PNS."""
    key = _key(_text(value))
    if key in ("C", "CPNS"):
        return True
    if key in ("P", "PNS"):
        return False
    raise _Bad("nilai tidak dikenal", "Tulis C (CPNS) atau P (PNS).")


def _check_nip(row: _Row, nip: str, facts: NipFacts, lahir: date | None,
               kelamin: str | None) -> tuple[date | None, str | None]:
    """Cross-check Tanggal Lahir and Jenis Kelamin with the NIP; derive them when absent."""
    if facts.lahir is None:
        row.warning("NIP", nip, "8 digit pertama NIP bukan tanggal lahir yang sah (yyyymmdd)",
                    "Periksa NIP-nya.")
    elif lahir is None and "Tanggal Lahir" not in row.bad:
        lahir = facts.lahir
    elif lahir is not None and lahir != facts.lahir:
        row.warning("Tanggal Lahir", lahir,
                    f"berbeda dengan tanggal lahir pada NIP ({facts.lahir:%d-%m-%Y})",
                    "Periksa mana yang benar; aturan pensiun (R4) memakai Tanggal Lahir.")
    if not facts.tmt_valid:
        row.warning("NIP", nip, "digit 9–14 NIP bukan tahun-bulan pengangkatan yang sah", "Periksa NIP-nya.")
    if facts.kelamin is None:
        row.warning("NIP", nip, "digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)", "Periksa NIP-nya.")
    elif kelamin is None and "Jenis Kelamin" not in row.bad:
        kelamin = facts.kelamin
    elif kelamin is not None and kelamin != facts.kelamin:
        row.warning("Jenis Kelamin", kelamin, f"berbeda dengan digit ke-15 NIP ({facts.kelamin})",
                    "Periksa mana yang benar.")
    return lahir, kelamin


def _current_post(row: _Row, posts: _Posts, suggest: _Suggest) -> str | None:
    """The current post's kode: from Kode Jabatan, else from (Nama Jabatan, Unit Kerja)."""
    kode = row.get("Kode Jabatan")
    if kode is not None:
        if kode in posts.rows:
            return _valid(row, posts, kode)
        same = posts.by_key.get(_norm(kode), [])
        if len(same) == 1:
            return _valid(row, posts, same[0])
        if posts.searchable:
            close = suggest(kode)
            row.error("Kode Jabatan", kode, "Kode Jabatan tidak ada di sheet Jabatan",
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Tambahkan jabatan ini ke sheet Jabatan atau perbaiki kodenya.")
        row.ok = False
        return None
    nama, unit = row.get("Nama Jabatan"), row.get("Unit Kerja")
    if nama is None or unit is None:
        if "Kode Jabatan" in row.sheet.index or "Nama Jabatan" in row.sheet.index:
            column = "Kode Jabatan" if "Kode Jabatan" in row.sheet.index else "Nama Jabatan"
            row.error(column, None, "jabatan saat ini tidak diisi",
                      "Isi Kode Jabatan, atau Nama Jabatan dan Unit Kerja persis seperti di sheet Jabatan.")
        row.ok = False
        return None
    found = posts.by_name_unit.get((_norm(nama), _norm(unit)), [])
    if len(found) == 1:
        return _valid(row, posts, found[0])
    if posts.searchable:
        if found:
            row.error("Nama Jabatan", nama, f"ada {len(found)} jabatan '{nama}' di unit '{unit}' "
                      f"({', '.join(found[:5])})", "Isi Kode Jabatan untuk memilih yang benar.")
        else:
            hint = ("Unit Kerja ini tidak ada di sheet Jabatan." if _norm(unit) not in posts.units else
                    "Nama Jabatan ini tidak ada di unit tersebut pada sheet Jabatan.")
            row.error("Nama Jabatan", nama, f"jabatan '{nama}' di unit '{unit}' tidak ada di sheet Jabatan",
                      hint + " Isi Kode Jabatan, atau samakan penulisannya dengan sheet Jabatan.")
    row.ok = False
    return None


def _valid(row: _Row, posts: _Posts, kode: str) -> str | None:
    """The kode when its post was read without error (that post's own error is reported on Jabatan)."""
    if kode in posts.positions:
        return kode
    row.ok = False
    return None


def _pelatihan(row: _Row, codes: _Codes, once: _Once) -> tuple[str, ...]:
    """The fields of the trainings named in Pelatihan (an unknown one is reported once per distinct name)."""
    raw = row.get("Pelatihan")
    if raw is None:
        return ()
    found: dict[str, None] = {}
    for item in _split(raw):
        bidang = codes.bidang_of(item)
        if bidang is None:
            once.add(row, "Pelatihan", item, "pelatihan tidak cocok dengan bidang mana pun; diabaikan",
                     "Tulis nama bidangnya, mis. TI, Pengadaan, Hukum, atau tambahkan kata kuncinya "
                     "ke data/rumpun.csv.")
        elif bidang != UMUM:  # a general course (Latsar, Prajabatan) trains no field
            found[bidang] = None
    return tuple(found)


def _unit_diminati(row: _Row, posts: _Posts) -> tuple[str, ...]:
    raw = row.get("Unit Diminati")
    if raw is None:
        return ()
    units: list[str] = []
    for item in _split(raw):
        known = posts.units.get(_norm(item))
        if known is None and posts.units:
            row.warning("Unit Diminati", item,
                        "unit ini tidak ada di sheet Jabatan; preferensi ini tidak berlaku",
                        "Samakan penulisannya dengan kolom Unit Kerja di sheet Jabatan.")
        units.append(known or item)
    return tuple(dict.fromkeys(units))


# --- warnings about the current state -------------------------------------------------------------
def _warn_current_posts(employees: list[Employee], posts: _Posts, sheets: dict[str, _Sheet], ref: Reference,
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
        rank = ref.golongan[e.golongan].urutan
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
