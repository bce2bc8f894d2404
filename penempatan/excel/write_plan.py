"""The output workbook of `penempatan solve` (SPEC 5): the plan, its reasons and its parameters.

Each sheet's rows come from one public function of the plan view (`move_rows`, `stay_rows`, …), which the
HTML report renders too. `Ringkasan` is the plan's `PlanSummary` (summary.py), `Penjelasan` the text the
employee reads (penjelasan.py); `Kurva Manfaat` is added when the plan comes with a benefit curve (curve.py).

Written in openpyxl's write-only mode so 50,000 employees take seconds, with every text from the input
written as text (a Nama "=HYPERLINK(…)" stays a string) and NIP always as text. The file is byte-for-byte
the same for the same plan: no timestamps in the sheets, fixed document dates and fixed zip entry times.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from penempatan import __version__
from penempatan.curve import CURVE_HEADER, CurvePoint, curve_rows
from penempatan.excel.common import as_text, atomic_save, param_value
from penempatan.excel.sheets import TWO_COLUMN_FORMATS, StableWorkbook, write_sheet
from penempatan.explain import Explainer
from penempatan.model import ProblemData
from penempatan.penjelasan import penjelasan
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.summary import plan_summary, summary_rows
from penempatan.summary import proof_scope as proof_scope

SHEETS: dict[str, tuple[str, ...]] = {
    "Ringkasan": ("Keterangan", "Nilai"),
    "Usulan Mutasi": ("NIP", "Nama", "Golongan", "Kode Jabatan Asal", "Jabatan Asal", "Unit Asal",
                      "Kode Jabatan Tujuan", "Jabatan Tujuan", "Unit Tujuan", "Jenis", "Skor Asal",
                      "Skor Tujuan", "Rantai", "Urutan Rantai", "Tujuan", "Alasan", "Penjelasan", "Perhatian"),
    "Rantai Mutasi": ("Rantai", "Jenis", "Jumlah Pegawai", "Urutan", "Unit Terlibat", "Total Kenaikan Skor",
                      "Dapat Disetujui Terpisah", "Catatan"),
    "Tetap": ("NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Skor", "Alasan"),
    "Jabatan Kosong": ("Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Kursi Kosong", "Alasan", "Calon"),
    "Kebutuhan Pelatihan": ("NIP", "Nama", "Jabatan Tujuan", "Pelatihan", "Dasar", "Kapan"),
    "Per Unit": ("Unit Kerja", "Kebutuhan", "Bezetting Sebelum", "Bezetting Sesudah", "Masuk", "Keluar",
                 "Selisih Sesudah"),
    "Parameter": ("Parameter", "Nilai"),
}
"""Sheet names and header rows of the output workbook, in order (SPEC 5, plus `Rantai Mutasi`)."""

CURVE_SHEET = "Kurva Manfaat"
"""The benefit curve (`solve --kurva`), written after the SHEETS when the plan comes with one."""
WARNING_HEADER = ("NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Peringatan")
"""Columns of the warnings about today's holders (R18, R6, R7) that the report's committee page lists."""


def write_plan(path: Path, data: ProblemData, tables: Tables, result: Result, *,
               input_path: Path | None = None, versions: dict[str, str] | None = None,
               scenario: Sequence[tuple[str, str]] = (), curve: Sequence[CurvePoint] | None = None) -> None:
    """Write the plan workbook (SPEC 5) atomically to `path`; with `curve`, also the `Kurva Manfaat` sheet.

    `versions` carries what this module must not import: "penempatan" (default: this package's version),
    "ortools" and "seed" (the solver's random seed); any other key is listed as "versi <key>".
    """
    ex = Explainer(data, tables, result)
    stamp = datetime.combine(data.params.tanggal_acuan, datetime.min.time())
    wb = StableWorkbook(stamp)
    rows: dict[str, list[list[Any]]] = {
        "Ringkasan": summary_rows(plan_summary(data, tables, result, view=ex)) + _scenario_rows(scenario, result),
        "Usulan Mutasi": move_rows(ex),
        "Rantai Mutasi": chain_rows(ex),
        "Tetap": stay_rows(ex),
        "Jabatan Kosong": empty_seat_rows(ex),
        "Kebutuhan Pelatihan": training_rows(ex),
        "Per Unit": unit_rows(ex),
        "Parameter": _parameters(data, input_path, versions or {}) + _scenario_rows(scenario, None),
    }
    for name, header in SHEETS.items():
        write_sheet(wb, name, header, rows[name], TWO_COLUMN_FORMATS.get(name, {}))
    if curve is not None:
        write_sheet(wb, CURVE_SHEET, CURVE_HEADER, curve_rows(curve, tables.n_emp), {})
    atomic_save(wb, path)


# --- sheet contents ------------------------------------------------------------------------------------
_t = as_text  # every value from the input goes through here and is written as text (see `sheets.text_value`)


def move_rows(ex: Explainer) -> list[list[Any]]:
    """`Usulan Mutasi`: one row per move, in chain order (columns as SHEETS)."""
    d = ex.data
    chain_of = ex.chain_of
    order = sorted(ex.movers, key=lambda i: (chain_of[i][0].id, chain_of[i][1]))
    out = []
    for i in order:
        e = d.employees[i]
        a, b = d.positions[ex.cur[i]], d.positions[ex.target[i]]
        chain, step = chain_of[i]
        out.append([_t(e.nip), _t(e.nama), _t(e.golongan), _t(a.kode), _t(a.nama), _t(a.unit), _t(b.kode),
                    _t(b.nama), _t(b.unit), ex.move_kind(i), int(ex.stay_scores[i]),
                    int(ex.assigned_scores[i]), chain.id, step, ex.tujuan(i), ex.move_reason(i).text,
                    _t(penjelasan(ex, i)), ex.perhatian(i)])
    return out


def chain_rows(ex: Explainer) -> list[list[Any]]:
    """One row per vacancy chain or cycle: a planner approves or rejects whole chains.

    `Dapat Disetujui Terpisah` is Ya when the chain alone keeps every rule (`Explainer.chain_alone_ok`;
    R21 may tie a chain to the one that refills its unit); `Catatan` says what a rejection would change (a
    must-fill seat, a surplus, a pin, a full R13/R14 quota, a unit left short).
    """
    out = []
    for c in ex.chains:
        out.append([c.id, "siklus" if c.cycle else "rantai", len(c.members), ex.chain_order_text(c),
                    "; ".join(ex.chain_units(c)), ex.chain_gain(c), "Ya" if ex.chain_alone_ok(c) else "Tidak",
                    "; ".join(ex.chain_links(c))])
    return out


def stay_rows(ex: Explainer) -> list[list[Any]]:
    """`Tetap`: everyone who stays, with why."""
    d = ex.data
    moved = set(ex.movers)
    out = []
    for i, e in enumerate(d.employees):
        if i in moved:
            continue
        q = d.positions[ex.cur[i]]
        out.append([_t(e.nip), _t(e.nama), _t(q.kode), _t(q.nama), _t(q.unit), int(ex.stay_scores[i]),
                    ex.stay_reason(i).text])
    return out


def empty_seat_rows(ex: Explainer) -> list[list[Any]]:
    """`Jabatan Kosong`: posts with seats still empty, why, and for a JPT seat (R20) the shortlist."""
    d, t = ex.data, ex.t
    out = []
    for j in ex.empty_seats():
        q = d.positions[j]
        calon = ""
        if t.post_jpt[j] and not d.params.isi_jpt:
            calon = "\n".join(f"{k}. {c.text}" for k, c in enumerate(ex.shortlist(j), 1)) or "tidak ada"
        out.append([_t(q.kode), _t(q.nama), _t(q.unit), int(t.post_keb[j] - ex.after[j]),
                    ex.empty_seat_reason(j).text, _t(calon)])
    return out


def training_rows(ex: Explainer) -> list[list[Any]]:
    """`Kebutuhan Pelatihan`: one row per mover and named course (pelatihan.csv), in chain order."""
    d = ex.data
    chain_of = ex.chain_of
    out = []
    for i in sorted(ex.movers, key=lambda i: (chain_of[i][0].id, chain_of[i][1])):
        e, q = d.employees[i], d.positions[ex.target[i]]
        for need in ex.training_needs(i):
            out.append([_t(e.nip), _t(e.nama), _t(q.nama), need.pelatihan, need.dasar, need.kapan])
    return out


def warning_rows(ex: Explainer) -> list[list[Any]]:
    """Today's holders the committee must see although they stay: not meeting R18, or their own post's
    minimum education or golongan (R6/R7); columns as WARNING_HEADER."""
    d = ex.data
    out = []
    for i, text in ex.holder_warnings.items():
        e, q = d.employees[i], d.positions[ex.cur[i]]
        out.append([_t(e.nip), _t(e.nama), _t(q.kode), _t(q.nama), _t(q.unit), text])
    return out


def unit_rows(ex: Explainer) -> list[list[Any]]:
    t = ex.t
    n_unit = len(t.unit_names)
    target_unit = t.post_unit[ex.result.assignment]
    leaves = target_unit != t.emp_unit
    before = np.bincount(t.emp_unit, minlength=n_unit)
    after = np.bincount(target_unit, minlength=n_unit)
    masuk = np.bincount(target_unit[leaves], minlength=n_unit)
    keluar = np.bincount(t.emp_unit[leaves], minlength=n_unit)
    need = np.bincount(t.post_unit, weights=t.post_keb, minlength=n_unit).astype(np.int64)
    # Per post, so that an over-staffed post (R11 surplus) is not hidden by a vacancy next door.
    short = np.bincount(t.post_unit, weights=np.maximum(0, t.post_keb - ex.after), minlength=n_unit)
    extra = np.bincount(t.post_unit, weights=np.maximum(0, ex.after - t.post_keb), minlength=n_unit)
    out = []
    for u, name in enumerate(t.unit_names):
        gap = []
        if short[u]:
            gap.append(f"kurang {int(short[u])}")
        if extra[u]:
            gap.append(f"lebih {int(extra[u])}")
        out.append([_t(name), int(need[u]), int(before[u]), int(after[u]), int(masuk[u]), int(keluar[u]),
                    ", ".join(gap) or "sesuai"])
    return out


def _scenario_rows(scenario: Sequence[tuple[str, str]], result: Result | None) -> list[list[Any]]:
    """Every override of the scenario (`scenario.scenario_rows`; its name has a row already) and, in
    Ringkasan, how many placements differ from the reference plan (`solve --acuan`)."""
    rows: list[list[Any]] = [[_t(label), _t(value)] for label, value in scenario if label != "skenario"]
    if result is not None and result.changed_vs_reference is not None:
        rows.append(["Perubahan dibanding acuan", result.changed_vs_reference])
    return rows


def _parameters(data: ProblemData, input_path: Path | None, versions: dict[str, str]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for name in type(data.params).model_fields:
        rows.append([name, _param_value(getattr(data.params, name))])
    sha = data.source_sha256 or (_sha256(input_path) if input_path is not None else "")
    rows.append(["sha256_input", sha])
    rows.append(["versi penempatan", versions.get("penempatan", __version__)])
    rows.append(["versi OR-Tools", versions.get("ortools", "")])
    for key in sorted(set(versions) - {"penempatan", "ortools", "seed"}):
        rows.append([f"versi {key}", versions[key]])
    rows.append(["seed", versions.get("seed", "")])
    rows.append(["skenario", _t(data.scenario_name or "")])
    return rows


def _param_value(value: object) -> Any:
    """Parameters as a planner would type them in `Pengaturan`; dates stay dates (formatted cells)."""
    return "" if value is None else param_value(value)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
