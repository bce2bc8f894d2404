"""The workbook of `penempatan prioritas` (SPEC 9): sheet `Prioritas`, one row per requester in rank order with
the points of each part and their wishes, and sheet `Aturan Prioritas`, the published rules that make the points
(prioritas.csv and the Pengaturan keys), so that each rank can be checked and contested. Formatted like the other
output workbooks (`sheets.write_sheet`: input text written as text, never a formula; NIP as Text)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from penempatan.excel.common import as_text, atomic_save
from penempatan.excel.sheets import StableWorkbook, write_sheet
from penempatan.model import ProblemData
from penempatan.reference import Reference
from penempatan.text import yes_no
from penempatan.wishes.priority import Priority, published_rules, wishes_text

PRIORITY_SHEET = "Prioritas"
RULES_SHEET = "Aturan Prioritas"
SHEETS: dict[str, tuple[str, ...]] = {
    PRIORITY_SHEET: ("NIP", "Nama", "Poin", "Peringkat", "Poin Alasan", "Alasan", "Bukti", "Poin Masa Jabatan",
                     "Masa Jabatan (tahun)", "Poin Kinerja", "Predikat Kinerja", "Poin Jarak Keluarga",
                     "Jarak Keluarga (km)", "Jabatan Sekarang", "Unit Kerja", "Permintaan"),
    RULES_SHEET: ("Bagian", "Ketentuan", "Poin"),
}
"""Sheet names and header rows of the priority workbook, in order."""

_t = as_text


def write_priority(path: Path, data: ProblemData, ranked: list[Priority], ref: Reference) -> None:
    """Write the priority workbook atomically to `path`."""
    wb = StableWorkbook(datetime.combine(data.params.tanggal_acuan, datetime.min.time()))
    write_sheet(wb, PRIORITY_SHEET, SHEETS[PRIORITY_SHEET], priority_rows(data, ranked), freeze="C2")
    write_sheet(wb, RULES_SHEET, SHEETS[RULES_SHEET], [list(r) for r in published_rules(data.params, ref)])
    atomic_save(wb, path)


def priority_rows(data: ProblemData, ranked: list[Priority]) -> list[list[Any]]:
    """The rows of sheet Prioritas, in rank order."""
    out: list[list[Any]] = []
    for p in ranked:
        e = data.employees[p.i]
        post = data.positions[data.current_post[p.i]]
        out.append([_t(e.nip), _t(e.nama), p.points, p.rank, p.reason_points, p.reason or "-",
                    yes_no(p.evidence) if p.reason else "-", p.tenure_points, p.tenure_years, p.performance_points,
                    e.kinerja, p.family_points, "-" if p.family_km is None else p.family_km,
                    f"{_t(post.nama)} ({_t(post.kode)})", _t(post.unit),
                    wishes_text(data.wish_lists[p.i])])
    return out
