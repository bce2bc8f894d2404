"""The cells of an input workbook's sheets, read with python-calamine after the checks a file from anywhere needs.

The file is read once into memory (so its SHA-256 is of exactly what was read, and it is never written) and
refused, with a problem saying why, when it is missing, empty, encrypted or an old .xls, not a zip, a broken
zip, or more than 1 GiB unpacked. calamine then reads each sheet in compiled code (the measurement against the
former Python XML parser is in benchmarks/RESULTS.md). Two things it does not do are done here, so that
nothing in a cell is lost silently:
- calamine never expands an entity, but reads a reference to one as nothing; every XML part with a DTD or an
  entity declaration is therefore refused before it is read (no honest workbook has one);
- calamine reads a formula error (#N/A, #REF! …) as an empty cell; each sheet's error cells are found in its
  XML and put back as their text, so the reader can point at them.
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
from pathlib import Path
from types import TracebackType
from typing import IO
from xml.sax.saxutils import unescape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from python_calamine import CalamineWorkbook, SheetTypeEnum

from penempatan.errors import Problems

FILE = "-"  # the `sheet` of a problem with the file itself
FORMAT_HINT = ("Buka file di Excel lalu pilih File → Simpan Sebagai → 'Excel Workbook (*.xlsx)' "
               "(file unduhan SIASN atau CSV juga perlu disimpan ulang begitu).")

Rows = list[tuple[int, tuple[object, ...]]]
"""(Excel row number, cell values from column A): str, float or int, date or datetime, bool; "" or None when
empty."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Compound File: encrypted xlsx and old .xls look like this
_ZIP_MAGIC = b"PK\x03\x04"
_MAX_UNZIPPED = 1 << 30  # no honest input workbook unpacks to more than 1 GiB
_CHUNK = 1 << 20
_DOCTYPE, _ENTITY = b"<!DOCTYPE", b"<!ENTITY"
_ERROR_CELL = re.compile(rb"""<(?:[\w.-]+:)?c\s[^>]*?\bt\s*=\s*["']e["'][^>]*>""")
_CELL_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{1,3})([0-9]+)["']""")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")
_CELL_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)<")
MAX_ROWS = 200_000
"""Rows of a sheet that are read (an input workbook of a whole province has well under 100,000 people)."""
MAX_COLUMNS = 200
"""Columns of a sheet that are read (column GR; the input sheets have about 30)."""
MAX_FILE_BYTES = 200 << 20
"""The largest input file read (200 MB; a 50,000-employee workbook is about 8 MB)."""
_FAR_REF = re.compile(rb"""\br\s*=\s*["'](?:([A-Za-z]{3}|[Gg][S-Zs-z]|[H-Zh-z][A-Za-z])([0-9]+)|"""
                      rb"""([A-Za-z]{0,2})([2-9][0-9]{5}|[0-9]{7,}))["']""")
"""A cell or row reference beyond MAX_COLUMNS (GS and on) or MAX_ROWS (200000 and on): found while the sheet's XML
is streamed, before calamine would allocate the dense range up to it (XFD1048576 is 549 GB)."""


class UnsafeXml(Exception):
    """The workbook's XML declares a DTD or entities: never expanded, the file is refused."""


class UnlocatedErrorCell(Exception):
    """An error cell without a cell reference: its position cannot be found without reading the whole sheet."""


def read_bytes(path: Path, problems: Problems) -> bytes | None:
    """The whole file, or None after reporting why it cannot be an xlsx workbook (only a regular file, of at most
    MAX_FILE_BYTES, is read: a pipe, a device or /dev/zero is refused before any read)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.error(FILE, None, None, str(path), "bukan berkas biasa (mis. folder, pipa atau perangkat)",
                           "Pilih berkas .xlsx yang tersimpan di disk.")
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.error(FILE, None, None, f"{info.st_size >> 20} MB",
                           f"berkas terlalu besar (paling besar {MAX_FILE_BYTES >> 20} MB)",
                           "Buku kerja masukan yang wajar jauh lebih kecil; periksa berkas ini.")
            return None
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
        problems.error(FILE, None, None, path.name, "bukan file Excel .xlsx", FORMAT_HINT)
        return None
    return raw


def check_archive(raw: bytes, problems: Problems) -> bool:
    """Is `raw` a zip archive of a sane unpacked size? Reports why not."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        problems.error(FILE, None, None, None, "file .xlsx rusak atau tidak lengkap (arsip zip tidak valid)",
                       "Simpan ulang atau unduh ulang file tersebut. " + FORMAT_HINT)
        return False
    if unzipped > _MAX_UNZIPPED:
        problems.error(FILE, None, None, f"{unzipped // (1 << 20)} MB",
                       "isi file terlalu besar setelah diekstrak (lebih dari 1 GB)",
                       "Periksa file ini; buku kerja masukan yang wajar jauh lebih kecil.")
        return False
    return True


def unsafe(exc: BaseException | None) -> bool:
    """Was this raised (perhaps wrapped) because the XML declares a DTD or entities?"""
    for _ in range(10):  # the chain is short; the bound guards against a cycle
        if exc is None:
            return False
        if isinstance(exc, DefusedXmlException | UnsafeXml):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class XlsxBook:
    """An xlsx workbook open for reading its worksheets' cells. Raises UnsafeXml for a DTD in any part read,
    and whatever zipfile, defusedxml or calamine raise for a broken file (all of it caused by the file)."""

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._archive = zipfile.ZipFile(io.BytesIO(raw))
        try:
            self._parts = sheet_parts(self._archive)
            sheets = set(self._parts.values())
            for info in self._archive.infolist():  # a sheet's own part is checked when it is read
                if info.filename not in sheets and info.filename.lower().endswith((".xml", ".rels")):
                    with self._archive.open(info) as part:
                        _scan(part, None)
            self._book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        except BaseException:
            self._archive.close()
            raise
        self._charts = {m.name for m in self._book.sheets_metadata if m.typ == SheetTypeEnum.ChartSheet}
        self.beyond: dict[str, tuple[int, int]] = {}  # sheet -> (row, column) of a cell beyond the caps

    def names(self) -> list[str]:
        return list(self._book.sheet_names)

    def is_chart(self, name: str) -> bool:
        return name in self._charts

    def rows(self, name: str) -> Rows:
        """Every row of the sheet from its first non-empty one, formula errors as their text (#N/A); a sheet with a
        cell beyond MAX_ROWS or MAX_COLUMNS is read only up to them, and `beyond[name]` says where that cell is."""
        errors: dict[tuple[int, int], str] = {}
        far: list[tuple[int, int]] = []
        part = self._parts.get(name)
        if part is not None:
            with self._archive.open(part) as source:
                try:
                    _scan(source, errors, far)
                except UnlocatedErrorCell:
                    return _openpyxl_rows(self._raw, name)
        if far:
            self.beyond[name] = far[0]
            return _openpyxl_rows(self._raw, name, MAX_ROWS, MAX_COLUMNS)
        sheet = self._book.get_sheet_by_name(name)
        if sheet.start is None:
            return []
        top, left = sheet.start
        pad = (None,) * left
        rows: Rows = [(top + k, pad + tuple(values)) for k, values in enumerate(sheet.to_python(), start=1)]
        for (row, column), text in errors.items():
            k = row - top - 1
            if 0 <= k < len(rows) and 0 < column <= len(rows[k][1]):
                cells = rows[k][1]
                rows[k] = (row, (*cells[:column - 1], text, *cells[column:]))
        return rows

    def close(self) -> None:
        self._book.close()
        self._archive.close()

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the archive member holding its XML (from the workbook and its relationships)."""
    targets: dict[str, str] = {}
    for rel in fromstring(archive.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        targets[rel.get("Id", "")] = (target.lstrip("/") if target.startswith("/")
                                      else posixpath.normpath("xl/" + target))
    parts: dict[str, str] = {}
    for element in fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id" and k.startswith("{")), "")
            if rid in targets and targets[rid] in archive.NameToInfo:
                parts[element.get("name", "")] = targets[rid]
    return parts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _scan(source: IO[bytes], errors: dict[tuple[int, int], str] | None,
          far: list[tuple[int, int]] | None = None) -> None:
    """Raise UnsafeXml if the part declares a DTD or entities; when `errors` is given, fill it with the part's
    error cells: (Excel row, column number) -> error text; when `far` is given, append the first reference beyond
    MAX_ROWS or MAX_COLUMNS as (row, column; 0 for a row). Streams the part, so memory stays small."""
    tail = b""
    while True:
        chunk = source.read(_CHUNK)
        data = tail + chunk
        if b"<!" in data and (_DOCTYPE in data or _ENTITY in data):  # "<!" alone: one pass in the usual case
            raise UnsafeXml("DTD")
        if far is not None and not far:
            match = _FAR_REF.search(data)
            if match is not None:
                letters, number = (match[1], match[2]) if match[1] else (match[3], match[4])
                far.append((int(number), column_number(letters.decode()) if letters else 0))
        if errors is None:
            tail = data[-len(_DOCTYPE):]
        else:  # up to the end of the last tag, and never into an error cell not closed yet
            tail = data[_error_cells(data, len(data) if not chunk else data.rfind(b">") + 1, errors):]
        if not chunk:
            return


def _error_cells(xml: bytes, end: int, errors: dict[tuple[int, int], str]) -> int:
    """Record the error cells of xml[:end]; returns where the next piece must start (before a cell whose end
    tag is not in this piece)."""
    if xml.find(b'"e"', 0, end) < 0 and xml.find(b"'e'", 0, end) < 0:
        return end
    for match in _ERROR_CELL.finditer(xml, 0, end):
        if match.group(0).endswith(b"/>"):
            continue  # an error cell without a value
        close = _CELL_END.search(xml, match.end(), end)
        if close is None:
            return match.start()
        ref = _CELL_REF.search(match.group(0))
        if ref is None:
            raise UnlocatedErrorCell(match.group(0).decode(errors="replace"))
        value = _CELL_VALUE.search(xml, match.end(), close.start())
        if value is not None:
            errors[(int(ref[2]), column_number(ref[1].decode()))] = unescape(value[1].decode())
    return end


def column_number(letters: str) -> int:
    """A column's letters as its number: A = 1, Z = 26, AA = 27."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _openpyxl_rows(raw: bytes, name: str, max_row: int | None = None, max_col: int | None = None) -> Rows:
    """The sheet read by openpyxl, streamed: for a sheet holding an error cell written without a reference (which
    calamine would read as empty; openpyxl counts its position), and, up to `max_row` and `max_col`, for a sheet
    with a cell beyond the caps (calamine would allocate the dense range up to it)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        worksheet = workbook[name]
        worksheet.reset_dimensions()  # a stale <dimension> would silently cut rows off
        cells = worksheet.iter_rows(max_row=max_row, max_col=max_col, values_only=True)
        if max_row is None:
            return [(number, tuple(values)) for number, values in enumerate(cells, start=1)]
        # Capped: openpyxl pads with empty rows up to max_row; those carry nothing to read (each row keeps its
        # number, so leaving them out moves nothing).
        return [(number, tuple(values)) for number, values in enumerate(cells, start=1)
                if values.count(None) < len(values)]
    finally:
        workbook.close()
