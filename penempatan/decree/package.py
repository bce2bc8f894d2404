"""The decree package of a decided plan (SPEC 10), put together and written: the SK drafts (`sk`), the Berita
Acara (`minutes`), the job-history rows as `imut.csv` and `siasn-riwayat-jabatan.json` (`siasn_rows`) and the
pre-flight list `pemeriksaan-awal.xlsx` (`preflight`). Every file is written atomically; text from the input is
written to the workbook as text, never as a formula, and to the CSV with a leading apostrophe where a
spreadsheet would read it as one (`text.csv_text`)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from penempatan.atomic import atomic_text
from penempatan.decree.approved import Verdicts
from penempatan.decree.entries import Entry, by_kind, entries
from penempatan.decree.minutes import Minutes, write_minutes
from penempatan.decree.preflight import Finding, decree_date, preflight
from penempatan.decree.siasn_rows import CSV_EXTRA, FIELDS, csv_row, siasn_rows, sk_numbers
from penempatan.decree.sk import SK_ORDER, Decree, decrees, write_sk
from penempatan.explain.view import PlanView
from penempatan.reference import Reference
from penempatan.text import csv_text

MINUTES_NAME = "berita-acara.docx"
CSV_NAME = "imut.csv"
JSON_NAME = "siasn-riwayat-jabatan.json"
PREFLIGHT_NAME = "pemeriksaan-awal.xlsx"
PREFLIGHT_SHEET = "Pemeriksaan Awal"
PREFLIGHT_COLUMNS = ("No", "Pemeriksaan", "Dasar Hukum", "Sheet", "Baris", "NIP", "Nama", "Masalah", "Saran")


@dataclass(frozen=True)
class Package:
    """Everything the package's files say."""

    verdicts: Verdicts
    moves: list[Entry]
    decrees: list[Decree]
    rows: list[dict[str, str | None]]
    findings: list[Finding]
    minutes: Minutes

    @property
    def file_names(self) -> list[str]:
        """The files the package writes, SKs first."""
        return [d.file_name for d in self.decrees] + [MINUTES_NAME, CSV_NAME, JSON_NAME, PREFLIGHT_NAME]


def make_package(view: PlanView, v: Verdicts, minutes: Minutes, ref: Reference | None = None) -> Package:
    """The package of the approved moves of `v` on the plan `view` (rebuilt from the same workbook)."""
    data = view.data
    moves = entries(view, v.approved)
    groups = by_kind(moves)
    numbers = sk_numbers(data.params.nomor_sk, [k for k in SK_ORDER if k in groups])
    rows = siasn_rows(data, moves, numbers, decree_date(data))
    return Package(v, moves, decrees(groups, numbers), rows, preflight(data, moves, ref), minutes)


def write_package(folder: Path, package: Package, view: PlanView) -> None:
    """Every file of `package` into `folder` (each atomically; the caller batches them with `output_batch`)."""
    params = view.data.params
    minutes_title = f"Berita Acara Sidang Baperjakat atas rencana {package.minutes.plan_name}"
    for decree in package.decrees:
        write_sk(folder / decree.file_name, decree, params, minutes_title)
    write_minutes(folder / MINUTES_NAME, view.data, package.verdicts, package.minutes)
    write_csv(folder / CSV_NAME, package)
    atomic_text(folder / JSON_NAME, lambda f: json.dump(package.rows, f, ensure_ascii=False, indent=1),
                suffix=".json")
    write_preflight(folder / PREFLIGHT_NAME, package.findings)


def write_csv(path: Path, package: Package) -> None:
    """imut.csv: the JSON rows plus the kind, reason, legal basis and both posts (UTF-8 with BOM for Excel)."""
    def write(f: TextIO) -> None:
        f.write("\ufeff")
        w = csv.writer(f)
        w.writerow([*FIELDS, *CSV_EXTRA])
        for row, m in zip(package.rows, package.moves, strict=True):
            w.writerow([csv_text(cell) for cell in csv_row(row, m)])

    atomic_text(path, write, suffix=".csv")


def preflight_rows(findings: list[Finding]) -> list[list[str]]:
    return [[str(k), f.code, f.source, f.sheet, str(f.row or ""), f.nip, f.nama, f.message, f.hint]
            for k, f in enumerate(findings, 1)]


def write_preflight(path: Path, findings: list[Finding]) -> None:
    """pemeriksaan-awal.xlsx: one row per finding, every cell text; one line saying so when there is none."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from penempatan.excel.common import atomic_save, text_cell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(PREFLIGHT_SHEET)
    for letter, width in zip("ABCDEFGHI", (5, 14, 28, 16, 7, 21, 28, 70, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append([text_cell(ws, c, font=Font(bold=True)) for c in PREFLIGHT_COLUMNS])
    rows = preflight_rows(findings) or [["", "", "", "", "", "", "", "tidak ada temuan: tidak ada yang akan "
                                         "ditolak menurut pemeriksaan ini", ""]]
    for row in rows:
        ws.append([text_cell(ws, value) for value in row])
    atomic_save(wb, path)
