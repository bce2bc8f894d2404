"""Read the moves back from an earlier output workbook (sheet `Usulan Mutasi`, SPEC 5).

Used by scenarios (`terima_rantai`: lock chains a planner already approved) and by `solve --acuan`
(minimal change against an earlier plan). Only the columns those need are read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

SHEET = "Usulan Mutasi"
COLUMNS = ("NIP", "Kode Jabatan Asal", "Kode Jabatan Tujuan", "Rantai")


class PlanFileError(ValueError):
    """The file is not a readable output workbook of `penempatan solve`; the message says why."""


@dataclass(frozen=True)
class PlanMove:
    """One row of `Usulan Mutasi`: who moves from where to where, in which vacancy chain."""

    row: int  # Excel row
    nip: str
    asal: str
    tujuan: str
    rantai: str


def _key(text: object) -> str:
    return " ".join(str(text or "").split()).lower()


def read_plan_moves(path: Path) -> list[PlanMove]:
    """Every move of the plan workbook at `path`; PlanFileError when it is missing or not such a workbook."""
    path = Path(path)
    if not path.is_file():
        raise PlanFileError(f"berkas {path} tidak ditemukan")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError) as exc:
        raise PlanFileError(f"berkas {path.name} bukan workbook .xlsx yang dapat dibaca ({exc})") from None
    try:
        sheets = {_key(name): name for name in wb.sheetnames}
        if _key(SHEET) not in sheets:
            raise PlanFileError(f"berkas {path.name} tidak punya sheet '{SHEET}' (bukan keluaran penempatan solve)")
        rows = wb[sheets[_key(SHEET)]].iter_rows(values_only=True)
        header = [_key(h) for h in next(rows, ())]
        missing = [c for c in COLUMNS if _key(c) not in header]
        if missing:
            raise PlanFileError(f"sheet '{SHEET}' di {path.name} tidak punya kolom {', '.join(missing)}")
        col = {c: header.index(_key(c)) for c in COLUMNS}
        out = []
        for number, values in enumerate(rows, 2):
            cells = ["" if v is None else str(v).strip() for v in values]
            if not any(cells):
                continue
            cells += [""] * (len(header) - len(cells))
            out.append(PlanMove(number, cells[col["NIP"]].lstrip("'"), cells[col["Kode Jabatan Asal"]],
                                cells[col["Kode Jabatan Tujuan"]], cells[col["Rantai"]]))
        return out
    finally:
        wb.close()
