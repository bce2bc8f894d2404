"""Read the moves back from an earlier output workbook (sheet `Usulan Mutasi`, SPEC 5).

Used by scenarios (`terima_rantai`: lock chains a planner already approved) and by `solve --acuan`
(minimal change against an earlier plan). Only the columns those need are read, with the input reader's
xlsx layer (xlsx_rows.py), so a plan edited or saved again in Excel reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from penempatan.excel.xlsx_rows import XlsxBook
from penempatan.text import name_key, nip

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


def read_plan_moves(path: Path) -> list[PlanMove]:
    """Every move of the plan workbook at `path`; PlanFileError when it is missing or not such a workbook."""
    path = Path(path)
    if not path.is_file():
        raise PlanFileError(f"berkas {path} tidak ditemukan")
    try:
        with XlsxBook(path.read_bytes()) as book:
            sheets = {name_key(name): name for name in book.names()}
            if name_key(SHEET) not in sheets:
                raise PlanFileError(f"berkas {path.name} tidak punya sheet '{SHEET}' (bukan keluaran penempatan solve)")
            rows = book.rows(sheets[name_key(SHEET)])
    except PlanFileError:
        raise
    except Exception as exc:  # raised by the file's content: a broken, hostile or non-xlsx file
        raise PlanFileError(f"berkas {path.name} bukan workbook .xlsx yang dapat dibaca ({exc})") from None
    header = [name_key(h) for h in (rows[0][1] if rows and rows[0][0] == 1 else ())]
    missing = [c for c in COLUMNS if name_key(c) not in header]
    if missing:
        raise PlanFileError(f"sheet '{SHEET}' di {path.name} tidak punya kolom {', '.join(missing)}")
    col = {c: header.index(name_key(c)) for c in COLUMNS}
    out = []
    for number, values in rows[1:]:
        cells = [nip(v) for v in values]  # any cell as text, a whole number without '.0' (calamine reads floats)
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        out.append(PlanMove(number, cells[col["NIP"]].lstrip("'"), cells[col["Kode Jabatan Asal"]],
                            cells[col["Kode Jabatan Tujuan"]], cells[col["Rantai"]]))
    return out
