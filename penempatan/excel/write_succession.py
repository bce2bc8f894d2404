"""The workbook of `penempatan suksesi`: sheet `Rencana Suksesi` (one row per successor, one row for a post with
none) and a short `Ringkasan`, formatted like the other output workbooks (`sheets.write_sheet`: every input text
written as text, never a formula; NIP as Text; same bytes for the same input)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from penempatan.excel.common import as_text, atomic_save
from penempatan.excel.sheets import TWO_COLUMN_FORMATS, StableWorkbook, write_sheet
from penempatan.succession import SELECTION_NOTE, KeyPost, SuccessionPlan, summary
from penempatan.text import yes_no

SHEETS: dict[str, tuple[str, ...]] = {
    "Ringkasan": ("Keterangan", "Nilai"),
    "Rencana Suksesi": ("Peringkat Risiko", "Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Pemangku",
                        "Pensiun Pemangku (bulan lagi)", "Risiko", "Urutan Calon", "NIP", "Nama", "Jabatan Sekarang",
                        "Kotak Talenta", "Skor Kesesuaian", "Siap Sekarang", "Siap Dalam (bulan)",
                        "Yang Perlu Dipenuhi"),
}
"""Sheet names and header rows of the succession workbook, in order."""

READY = "sudah memenuhi semua syarat"
"""`Yang Perlu Dipenuhi` of a successor whom no rule keeps out today."""
HOLDERS_NAMED = 3
"""Holders named in `Pemangku`; a post with more says how many others."""

_t = as_text


def write_succession(path: Path, plan: SuccessionPlan) -> None:
    """Write the succession workbook atomically to `path`."""
    stamp = datetime.combine(plan.data.params.tanggal_acuan, datetime.min.time())
    wb = StableWorkbook(stamp)
    write_sheet(wb, "Ringkasan", SHEETS["Ringkasan"], [[label, value] for label, value in summary(plan)],
                TWO_COLUMN_FORMATS["Ringkasan"])
    write_sheet(wb, "Rencana Suksesi", SHEETS["Rencana Suksesi"], succession_rows(plan), freeze="D2")
    atomic_save(wb, path)


def succession_rows(plan: SuccessionPlan) -> list[list[Any]]:
    """The rows of sheet Rencana Suksesi: posts in risk order, each with its successors in order."""
    out: list[list[Any]] = []
    for k in plan.posts:
        head = _post_cells(plan, k)
        if not k.successors:
            out.append([*head, None, "", "", "", None, None, "", None, k.reason])
        jpt = plan.data.positions[k.j].jenis == "JPT Pratama"
        for n, s in enumerate(k.successors, 1):
            e = plan.data.employees[s.i]
            now = plan.data.positions[plan.data.current_post[s.i]]
            needs = list(s.gaps) + ([SELECTION_NOTE] if jpt else [])
            out.append([*head, n, _t(e.nip), _t(e.nama), f"{_t(now.nama)} ({_t(now.kode)}, {_t(now.unit)})", e.kotak,
                        s.fit, yes_no(s.ready_now), s.months, "; ".join(needs) or READY])
    return out


def _post_cells(plan: SuccessionPlan, k: KeyPost) -> list[Any]:
    q = plan.data.positions[k.j]
    names = [_t(plan.data.employees[i].nama) for i in k.holders[:HOLDERS_NAMED]]
    if len(k.holders) > HOLDERS_NAMED:
        names.append(f"dan {len(k.holders) - HOLDERS_NAMED} lainnya")
    risks = k.risks()
    if k.reason and k.successors:
        risks.append(k.reason)
    return [k.rank, _t(q.kode), _t(q.nama), _t(q.unit), "; ".join(names) or "(kosong)", k.retire_months,
            "; ".join(risks) or "-"]
