"""SIASN history dumps read offline: JSON or CSV files of one record kind each, as a SIMPEG pulls them from
BKN's SIASN (rw_jabatan, rw_diklat, rw_skp, rw_hukdis, data utama).

A JSON file holds the API's wrapper `{"code": 1, "data": [...]}`, a bare list of records, or one record (data
utama of one person); a CSV file has the same field names as headers. The record kind comes from the file's
name (`rw-jabatan.json`, `riwayat_diklat.csv`, `data-utama.json` …). Field names are matched whatever their
case and separators (`nipBaru`, `NIP_BARU`, `nip baru`). Every problem names the file, the record (its number
in the JSON list, or its line in the CSV file), the field and the value, in Bahasa Indonesia.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from penempatan.errors import Problems, read_small_file
from penempatan.excel.cells import Bad, as_date
from penempatan.text import nip_digits

RW_JABATAN, RW_DIKLAT, RW_SKP, RW_HUKDIS, DATA_UTAMA = "rw_jabatan", "rw_diklat", "rw_skp", "rw_hukdis", "data_utama"
KINDS = (DATA_UTAMA, RW_JABATAN, RW_DIKLAT, RW_SKP, RW_HUKDIS)
_KIND_WORDS = (  # first match wins: data utama before the histories, whose names may say "pns"
    (DATA_UTAMA, ("datautama", "utama", "datapns", "profil")),
    (RW_JABATAN, ("rwjabatan", "riwayatjabatan", "jabatan")),
    (RW_DIKLAT, ("rwdiklat", "riwayatdiklat", "diklat", "kursus", "pelatihan")),
    (RW_SKP, ("rwskp", "riwayatskp", "skp", "kinerja")),
    (RW_HUKDIS, ("rwhukdis", "riwayathukdis", "hukdis", "hukuman")),
)
SUFFIXES = (".json", ".csv")

MAX_DUMP_BYTES = 200 << 20
"""The largest dump file read, as the input workbook's cap (excel/xlsx_rows.MAX_FILE_BYTES)."""
MAX_RECORDS = 2_000_000
"""The most records read from one file (a pemda of 100,000 ASN with 20 records each)."""
MAX_FILES = 1_000
_MAX_FIELD = 10_000  # characters of one CSV field
_DUMP_HINT = ("Gunakan hasil unduhan SIASN/SIMPEG apa adanya: JSON {\"code\": 1, \"data\": [...]}, daftar JSON, "
              "atau CSV dengan judul kolom nama field SIASN.")


@dataclass(frozen=True)
class Record:
    """One record of a dump: its kind, where it is (file name, record number) and its scalar fields as text,
    keyed by the field's compact name (`nipbaru`) with the name as written kept for messages."""

    kind: str
    file: str
    number: int  # 1-based position among the file's records
    line: int  # the file's line where the record starts (a CSV row's line)
    fields: dict[str, str]
    names: dict[str, str]

    def get(self, *names: str) -> str | None:
        """The first non-empty of these fields (compact names), else None."""
        for name in names:
            value = self.fields.get(name)
            if value:
                return value
        return None

    def field_name(self, *names: str) -> str:
        """The field as written in the file: the first of `names` that is present (for messages)."""
        for name in names:
            if self.fields.get(name):
                return self.names[name]
        return names[0]

    def error(self, problems: Problems, field: str | None, value: object, message: str, hint: str = "") -> None:
        """A problem of this record, at its file and line; a JSON record also says its number."""
        problems.error(self.file, self.line, field, value, message + self._nth, hint)

    def warning(self, problems: Problems, field: str | None, value: object, message: str, hint: str = "") -> None:
        problems.warning(self.file, self.line, field, value, message + self._nth, hint)

    @property
    def _nth(self) -> str:
        return f" (rekaman ke-{self.number})" if self.file.lower().endswith(".json") else ""

    @property
    def where(self) -> str:
        """'rw_jabatan.json #3': the record as the Sumber SIASN sheet names it."""
        return f"{self.file} #{self.number}"


@lru_cache(maxsize=4096)
def field_key(name: object) -> str:
    """A field name compared whatever its case and separators: 'nipBaru', 'NIP_BARU' -> 'nipbaru'."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def kind_of(path: Path) -> str | None:
    """The record kind a dump file holds, from its name; None when the name says none."""
    key = field_key(path.stem)
    for kind, names in _KIND_WORDS:
        if any(name in key for name in names):
            return kind
    return None


def dump_files(paths: Iterable[Path], problems: Problems) -> list[Path]:
    """The dump files named: files as given, folders as their .json and .csv files (sorted, not recursive)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                problems.error(path.name + ".json", None, None, str(path), "folder ini tidak berisi berkas .json "
                               "atau .csv", "Sebutkan berkas dump SIASN atau folder yang berisi berkas itu.")
            out += found
        else:
            out.append(path)
    if len(out) > MAX_FILES:
        problems.error(out[0].name, None, None, str(len(out)), f"terlalu banyak berkas dump (paling banyak "
                       f"{MAX_FILES})", "Gabungkan rekaman sejenis dalam satu berkas.")
        return []
    return out


def read_dumps(paths: Iterable[Path], problems: Problems) -> list[Record]:
    """Every record of every dump file (folders expanded); each unreadable file or record is a problem."""
    records: list[Record] = []
    for path in dump_files(paths, problems):
        records += read_dump(path, problems)
    return records


def read_dump(path: Path, problems: Problems) -> list[Record]:
    """The records of one dump file; [] after reporting why it cannot be read."""
    name = path.name if path.suffix.lower() in SUFFIXES else path.name + ".json"
    kind = kind_of(path)
    if kind is None:
        problems.error(name, None, None, path.name, "jenis rekaman tidak dikenali dari nama berkas",
                       "Beri nama berkas menurut isinya: rw-jabatan, rw-diklat, rw-skp, rw-hukdis atau data-utama "
                       "(.json atau .csv).")
        return []
    raw = read_small_file(path, name, problems, MAX_DUMP_BYTES, "Sebutkan berkas dump yang tersimpan di disk.",
                          "Pecah dump menjadi beberapa berkas.", "Pastikan berkas dapat dibaca.")
    if raw is None:
        return []
    text = _decode(raw, name, problems)
    if text is None:
        return []
    rows = _csv_rows(text, name, problems) if path.suffix.lower() == ".csv" else _json_rows(text, name, problems)
    out: list[Record] = []
    for number, (line, row) in enumerate(rows, 1):
        if len(out) >= MAX_RECORDS:
            problems.error(name, line, None, None, f"terlalu banyak rekaman (paling banyak {MAX_RECORDS:_})"
                           .replace("_", "."), "Pecah dump menjadi beberapa berkas.")
            break
        fields: dict[str, str] = {}
        names: dict[str, str] = {}
        for key, value in row.items():
            text_value = _scalar(value)
            if text_value is None:
                continue
            compact = field_key(key)
            if compact and compact not in fields:
                fields[compact], names[compact] = text_value, str(key)
        out.append(Record(kind, name, number, line, fields, names))
    return out


def _decode(raw: bytes, name: str, problems: Problems) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):  # an export saved by Excel on Windows is often cp1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    problems.error(name, None, None, None, "berkas bukan teks (UTF-8)", _DUMP_HINT)
    return None


def _json_rows(text: str, name: str, problems: Problems) -> Iterator[tuple[int, dict[str, object]]]:
    """(line where it starts, record) of a JSON dump: the wrapper's `data`, a bare list, or one record."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.error(name, exc.lineno, None, None, f"JSON tidak sah di baris {exc.lineno} kolom {exc.colno}: "
                       f"{_json_reason(exc.msg)}", _DUMP_HINT)
        return
    except RecursionError:
        problems.error(name, None, None, None, "JSON bersarang terlalu dalam", _DUMP_HINT)
        return
    if isinstance(doc, dict) and "data" in doc:
        if doc.get("code") not in (None, 1, "1", True):
            problems.error(name, None, "code", _scalar(doc.get("code")), "respons SIASN ini bukan hasil yang berhasil "
                           "(code bukan 1)", "Unduh ulang datanya dari SIASN.")
            return
        doc = doc["data"]
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        problems.error(name, None, None, None, "isi JSON bukan daftar rekaman", _DUMP_HINT)
        return
    try:
        lines = _record_lines(text, len(doc))
    except (ValueError, IndexError):  # a layout the scan does not follow: records are still numbered
        lines = [1] * len(doc)
    for number, item in enumerate(doc, 1):
        line = lines[number - 1]
        if isinstance(item, dict):
            yield line, item
        else:
            problems.error(name, line, None, _scalar(item), f"rekaman ini bukan objek JSON {{...}} (rekaman "
                           f"ke-{number})", _DUMP_HINT)


def _record_lines(text: str, count: int) -> list[int]:
    """The line where each of the `count` records starts: the elements of the top-level list, or of the wrapper's
    `data` list (the text is valid JSON); 1 for each when the layout is other (one record, no list)."""
    decoder = json.JSONDecoder()
    at = _skip(text, 0)
    starts: list[int] = []
    if text.startswith("{", at):
        at = _skip(text, at + 1)
        while at < len(text) and text[at] != "}":
            key, at = decoder.raw_decode(text, at)
            at = _skip(text, _skip(text, at) + 1)  # past ':'
            if key == "data" and text.startswith("[", at):
                break
            _, at = decoder.raw_decode(text, at)
            at = _skip(text, at)
            at = _skip(text, at + 1) if text.startswith(",", at) else at
    if text.startswith("[", at):
        at = _skip(text, at + 1)
        while at < len(text) and text[at] != "]" and len(starts) < count:
            starts.append(at)
            _, at = decoder.raw_decode(text, at)
            at = _skip(text, at)
            at = _skip(text, at + 1) if text.startswith(",", at) else at
    if len(starts) != count:
        return [1] * count
    lines, line, last = [], 1, 0
    for start in starts:
        line += text.count("\n", last, start)
        last = start
        lines.append(line)
    return lines


def _skip(text: str, at: int) -> int:
    """The first position at or after `at` that is not JSON white space."""
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


_JSON_REASONS = (
    ("Expecting value", "nilai yang diharapkan tidak ada"),
    ("Expecting property name", "nama field harus diapit tanda kutip"),
    ("Expecting ',' delimiter", "tanda koma tidak ada"),
    ("Expecting ':' delimiter", "tanda titik dua tidak ada"),
    ("Unterminated string", "tanda kutip tidak ditutup"),
    ("Extra data", "ada isi setelah akhir JSON"),
    ("Invalid control character", "ada karakter kendali di dalam teks"),
)


def _json_reason(message: str) -> str:
    return next((bahasa for english, bahasa in _JSON_REASONS if message.startswith(english)), "susunan salah")


def _csv_rows(text: str, name: str, problems: Problems) -> Iterator[tuple[int, dict[str, object]]]:
    """(line number, row) of a CSV dump with a header row; `,`, `;` or tab separated."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    try:
        for row in reader:
            if header is None:
                header = row
                continue
            if not any(cell.strip() for cell in row):
                continue
            if any(len(cell) > _MAX_FIELD for cell in row):
                problems.error(name, reader.line_num, None, None, f"ada sel lebih dari {_MAX_FIELD} karakter",
                               _DUMP_HINT)
                continue
            yield reader.line_num, dict(zip(header, row, strict=False))
    except csv.Error as exc:
        problems.error(name, reader.line_num, None, None, f"CSV tidak sah ({exc})", _DUMP_HINT)
    if header is None:
        problems.error(name, None, None, None, "berkas CSV kosong", _DUMP_HINT)


def _scalar(value: object) -> str | None:
    """A field's value as stripped text; None for empty, null, and nested objects or lists."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if text and text.lower() not in ("null", "none", "-") else None


# --- field values ---------------------------------------------------------------------------------------------
_TIME = re.compile(r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def record_date(record: Record, problems: Problems, *names: str) -> date | None:
    """The date in the first present field of `names` (SIASN writes DD-MM-YYYY; ISO is accepted); a field that
    is not a date is an error at the record."""
    value = record.get(*names)
    if value is None:
        return None
    text = _TIME.sub(r"\1", value)
    try:
        return as_date(text)
    except Bad as bad:
        record.error(problems, record.field_name(*names), value, bad.message,
                     "SIASN menulis tanggal sebagai HH-BB-TTTT, mis. 01-03-2021.")
        return None


def record_nip(record: Record, problems: Problems) -> str | None:
    """The record's NIP (18 digits) from nipBaru / nip; a malformed one is an error; None when absent."""
    value = record.get("nipbaru", "nip", "nipbaruasn", "nippns")
    if value is None:
        return None
    digits = nip_digits(value)
    if len(digits) != 18 or not digits.isdigit() or not digits.isascii():
        record.error(problems, record.field_name("nipbaru", "nip", "nipbaruasn", "nippns"),
                     value, "NIP harus 18 digit angka", "Periksa NIP rekaman ini di SIASN.")
        return None
    return digits


PNS_ID_FIELDS = ("pnsid", "idpns", "pnsorangid", "pnsorang", "orangid")


def record_pns_id(record: Record) -> str | None:
    """The person's SIASN id (pnsId) of a record; in data utama also its `id`."""
    names = (*PNS_ID_FIELDS, "id") if record.kind == DATA_UTAMA else PNS_ID_FIELDS
    return record.get(*names)
