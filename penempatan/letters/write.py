"""Writing the letters of one plan into a folder (SPEC 7): one .docx per mover, the combined .docx for
printing and `daftar-surat.xlsx` (who gets which file), each written atomically; inside
`atomic.output_batch` all of them appear together."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from penempatan.atomic import write_atomically
from penempatan.excel.common import atomic_save
from penempatan.excel.sheets import StableWorkbook, write_sheet
from penempatan.letters.content import Printable
from penempatan.letters.render import render_letters

LIST_NAME = "daftar-surat.xlsx"
COMBINED_NAME = "semua-surat.docx"
LIST_SHEET = "Daftar Surat"
LIST_COLUMNS = ("NIP", "Nama", "Jabatan Tujuan", "Unit Tujuan", "Berkas")


def write_letters(folder: Path, letters: Sequence[Printable], template: Path, *,
                  list_path: Path | None = None, combined_path: Path | None = None) -> list[Path]:
    """Write every letter to `folder/<file_name>`, the combined document and the list; the letters' paths."""
    paths = []
    for letter in letters:
        path = folder / letter.file_name
        _save(path, render_letters(template, [letter]))
        paths.append(path)
    _save(combined_path or folder / COMBINED_NAME, render_letters(template, letters))
    write_letter_list(list_path or folder / LIST_NAME, letters)
    return paths


def _save(path: Path, doc: Any) -> None:
    """A python-docx Document saved atomically to `path`."""
    write_atomically(path, lambda tmp: doc.save(str(tmp)), suffix=".docx")


def write_letter_list(path: Path, letters: Sequence[Printable]) -> None:
    """`daftar-surat.xlsx`: one row per letter (NIP as text) naming its file."""
    stamp = datetime.combine(letters[0].tanggal_acuan, datetime.min.time()) if letters else datetime(2000, 1, 1)
    wb = StableWorkbook(stamp)
    rows = [[x.nip, x.nama, x.jabatan_tujuan, x.unit_tujuan, x.file_name] for x in letters]
    write_sheet(wb, LIST_SHEET, LIST_COLUMNS, rows)
    atomic_save(wb, path)
