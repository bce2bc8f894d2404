"""`penempatan siasn`: SIASN history dumps in (SPEC 10). Reads every dump and the planner's workbook, reports
every problem of both at once (exit 2), else writes the filled workbook and returns what it did. `check` and
`solve --riwayat FOLDER` take the same filled workbook as bytes (`apply_histories`) and never write it.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from penempatan.atomic import output_batch, write_atomically
from penempatan.errors import InputError, Problem, Problems
from penempatan.text import number

if TYPE_CHECKING:
    from penempatan.siasn.dump import Record

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Imported:
    """What one import did: counts for the summary, the conflicts (located on sheet Pegawai) and the dumps'
    warnings."""

    files: int
    records: int
    people: int  # people the dumps describe
    rows: int  # Pegawai rows of the planner's workbook (0 when built from the dumps alone)
    matched: int  # of them, rows SIASN describes
    written: int  # cells (and courses) taken from SIASN
    same: int  # typed values SIASN confirms
    posts: int  # Jabatan rows made (built from the dumps alone)
    conflicts: list[Problem]
    warnings: list[Problem]
    acuan: date
    seconds: float

    @property
    def built(self) -> bool:
        """True when the workbook was built from the dumps alone (no --data)."""
        return self.rows == 0


def import_siasn(dumps: Sequence[Path], data: Path | None, out: Path, prefer_siasn: bool, lenient: bool,
                 progress: Progress) -> Imported:
    """Read the dumps (and the workbook `data`), derive every person's facts, fill or build the workbook, write
    it to `out` (sheets Sumber SIASN and Konflik SIASN included)."""
    from penempatan.siasn.dump import read_dumps

    start = time.perf_counter()
    problems = Problems()
    progress("Membaca dump SIASN…")
    records = read_dumps(dumps, problems)
    if data is None:
        return _build(records, out, problems, start, len({r.file for r in records}), lenient, progress)
    merged, done = _merged(records, data, prefer_siasn, lenient, problems, progress, start)
    progress("Menulis workbook hasil impor…")
    with output_batch():
        write_atomically(out, lambda tmp: tmp.write_bytes(merged), suffix=".xlsx")
    return dataclasses.replace(done, seconds=time.perf_counter() - start)


@dataclass(frozen=True)
class Applied:
    """`check`/`solve --riwayat FOLDER`: the workbook's bytes as `siasn --data` would write them, kept in memory
    (the input is never written), and what the import did."""

    folder: Path
    raw: bytes
    done: Imported
    prefer_siasn: bool

    @property
    def problems(self) -> list[Problem]:
        """The dumps' warnings and the conflicts with typed values, as grouped warnings."""
        return [*self.done.warnings, *self.done.conflicts]

    def parameter(self) -> str:
        """The Parameter row of a plan made with these histories: the folder and what was taken from it."""
        d = self.done
        kept = "nilai SIASN dipakai" if self.prefer_siasn else "isian workbook dipertahankan"
        return (f"{self.folder.name}: {number(d.written)} nilai diambil dari {number(d.records)} rekaman "
                f"({number(d.files)} berkas); {number(len(d.conflicts))} berbeda dengan isian ({kept})")


def apply_histories(folder: Path, data: Path, prefer_siasn: bool, lenient: bool, progress: Progress) -> Applied:
    """The dumps in `folder` applied to the workbook `data` exactly as `siasn --data` applies them, in memory."""
    from penempatan.siasn.dump import read_dumps

    start = time.perf_counter()
    problems = Problems()
    progress("Membaca riwayat SIASN…")
    records = read_dumps([folder], problems)
    merged, done = _merged(records, data, prefer_siasn, lenient, problems, progress, start)
    return Applied(folder, merged, done, prefer_siasn)


def _merged(records: list[Record], data: Path, prefer_siasn: bool, lenient: bool, problems: Problems,
            progress: Progress, start: float) -> tuple[bytes, Imported]:
    """The workbook `data` filled and cross-checked with the records: its new bytes and what was done."""
    from penempatan.excel.cells import Codes
    from penempatan.excel.columns import SHEET_PENGATURAN
    from penempatan.excel.input_sheets import load_sheets
    from penempatan.excel.read_params import read_params
    from penempatan.excel.xlsx_rows import read_bytes
    from penempatan.reference import load_reference
    from penempatan.siasn.history import Options, histories, identities
    from penempatan.siasn.merge import current_posts, merge, sheet_named, typed_rows
    from penempatan.siasn.write import merged_bytes

    progress("Membaca workbook masukan…")
    raw = read_bytes(data, problems)
    layout = Problems()  # a missing column is what SIASN may fill: `check` reports it on the result, if still missing
    sheets = load_sheets(raw, layout) if raw is not None else None
    if sheets is None:
        problems.items += layout.items
    pegawai = sheet_named(sheets, problems) if sheets is not None else None
    if raw is None or sheets is None or pegawai is None:
        raise InputError(problems.items)
    params = read_params(sheets.get(SHEET_PENGATURAN), Problems())
    people = typed_rows(pegawai, problems)
    pns = {nip: (t.text("PNS ID") or None) for nip, t in people.items()}
    ref = load_reference()
    progress("Menurunkan riwayat per pegawai…")
    found = histories(records, identities(records, problems, pns), Options(params.tanggal_acuan, ref), problems,
                      lenient)
    problems.raise_if_errors()
    progress("Mencocokkan dengan isian workbook…")
    merged = merge(people, found, current_posts(sheets, Codes(ref)), ref, params.tanggal_acuan, prefer_siasn)
    conflicts = merged.problems(pegawai.name, pegawai.header, pegawai.number)
    content = merged_bytes(raw, pegawai, merged.cells, merged.written, merged.conflicts)
    files = len({r.file for r in records})
    return content, Imported(files, len(records), len(found), len(people), merged.matched, len(merged.written),
                             merged.same, 0, conflicts, problems.warnings, params.tanggal_acuan,
                             time.perf_counter() - start)


def _build(records: list[Record], out: Path, problems: Problems, start: float, files: int, lenient: bool,
           progress: Progress) -> Imported:
    """Without a workbook: the template filled with every person of the dumps and their current posts."""
    from penempatan.excel.columns import JABATAN_COLUMNS, SHEET_JABATAN, SHEET_PEGAWAI
    from penempatan.excel.input_sheets import load_sheets
    from penempatan.excel.write_input import write_input_workbook
    from penempatan.reference import load_reference
    from penempatan.siasn.build import build
    from penempatan.siasn.history import Options, histories, identities
    from penempatan.siasn.write import write_merged

    ref = load_reference()
    acuan = date.today()
    progress("Menurunkan riwayat per pegawai…")
    found = histories(records, identities(records, problems, None), Options(acuan, ref), problems, lenient)
    problems.raise_if_errors()
    built = build(found, ref)
    progress("Menulis workbook baru dari dump…")
    with tempfile.TemporaryDirectory(prefix="penempatan-siasn-") as folder:
        template = Path(folder) / "templat.xlsx"
        write_input_workbook(template)
        raw = template.read_bytes()
    sheets = load_sheets(raw, Problems())
    assert sheets is not None
    jabatan = sheets[SHEET_JABATAN]
    names = [c.name for c in JABATAN_COLUMNS]
    posts = {(row, name): value for row, values in enumerate(built.posts, 2) for name, value in zip(names, values,
                                                                                                      strict=True)
             if value is not None}
    with output_batch():
        write_merged(raw, sheets[SHEET_PEGAWAI], built.cells, built.written, [], out, jabatan, posts)
    return Imported(files, len(records), len(found), 0, 0, len(built.written), 0, len(built.posts), [],
                    problems.warnings, acuan, time.perf_counter() - start)
