"""The e-mutasi CSV file that stands for sheet Permintaan (SPEC 9, `--permintaan BERKAS.csv`).

The file has the columns of sheet Permintaan under the same headers (matched whatever their case and spacing),
one wish per line after the header line. It is UTF-8, with or without the BOM Excel writes, separated by commas
or by semicolons (what Indonesian Excel writes, since the comma is its decimal sign); the separator is the one
the header line uses. The file becomes a `Sheet` named after the file, so `read_wishes` applies the sheet's rules
with the sheet's messages, and each problem names the file and its line instead of a sheet and a cell.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from penempatan.errors import Problems, read_small_file
from penempatan.excel.columns import PERMINTAAN_COLUMNS
from penempatan.excel.input_sheets import Sheet, match_columns
from penempatan.excel.xlsx_rows import MAX_ROWS, Rows

MAX_CSV_BYTES = 50 << 20
"""The largest CSV file read: a pemda's wishes take a few megabytes at most."""
SEPARATORS = (";", ",", "\t")
"""The separators recognised, the first winning a tie on the header line."""
_SAVE_HINT = "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited)' (*.csv)."


@dataclass(frozen=True)
class WishesFile:
    """Where the wishes were read from instead of sheet Permintaan: the file, its data lines, and whether the
    workbook has a sheet Permintaan that was ignored for it."""

    path: Path
    rows: int
    sheet_ignored: bool = False


def read_csv_bytes(path: Path, problems: Problems) -> bytes | None:
    """The file's bytes, or None after reporting why it cannot be read (only a regular file, of at most
    MAX_CSV_BYTES, is read)."""
    return read_small_file(path, path.name, problems, MAX_CSV_BYTES, "Pilih berkas .csv yang tersimpan di disk.",
                           "Berkas permintaan yang wajar jauh lebih kecil; periksa berkas ini.",
                           "Pastikan path menunjuk ke berkas .csv yang dapat dibaca.")


def wishes_sheet(name: str, raw: bytes, problems: Problems) -> Sheet | None:
    """The CSV file's lines as sheet Permintaan named `name` (the file's name), each row numbered by the line it
    starts on; None after reporting why the file cannot be read as such a table."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(name, line, None, None, "berkas bukan teks UTF-8 (mis. disimpan sebagai ANSI atau berkas "
                       "Excel yang diberi nama .csv)", _SAVE_HINT)
        return None
    if not text.strip():
        problems.error(name, None, None, None, "berkas kosong: tidak ada baris judul kolom",
                       "Baris 1 berisi judul kolom NIP, Urutan, Tujuan, Alasan, Bukti (dan Jarak Keluarga (km)), "
                       "lalu satu permintaan per baris.")
        return None
    rows = _lines(name, text, problems)
    if rows is None:
        return None
    return match_columns(name, rows, PERMINTAAN_COLUMNS, problems, cells=False)


def separator(text: str) -> str:
    """The separator of the header line (the first line): the one of SEPARATORS it uses most, ';' on a tie."""
    header = text.split("\n", 1)[0]
    counts = [header.count(s) for s in SEPARATORS]
    return SEPARATORS[counts.index(max(counts))] if max(counts) else ","


def _lines(name: str, text: str, problems: Problems) -> Rows | None:
    """Every record with the line it starts on (a quoted field may span lines); None after a line that is not
    CSV or a file beyond MAX_ROWS lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text))
    rows: Rows = []
    start = 1
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS:
                problems.error(name, start, None, None, f"berkas terlalu panjang (paling banyak {MAX_ROWS:_} baris)"
                               .replace("_", "."), "Pisahkan berkas ini atau periksa isinya.")
                return None
            rows.append((start, tuple(record)))
            start = reader.line_num + 1
    except csv.Error:
        problems.error(name, reader.line_num or start, None, None,
                       "baris ini tidak dapat dibaca sebagai CSV (mis. tanda kutip tidak ditutup atau karakter NUL)",
                       f"Periksa tanda kutip di baris ini. {_SAVE_HINT}")
        return None
    return rows
