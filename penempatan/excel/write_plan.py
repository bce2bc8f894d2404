"""The output workbook of `penempatan solve` (SPEC 5): the plan, its reasons and its parameters.

Written in openpyxl's write-only mode so 50,000 employees take seconds, with every text from the input
written as text (a Nama "=HYPERLINK(…)" stays a string) and NIP always as text. The file is byte-for-byte
the same for the same plan: no timestamps in the sheets, fixed document dates and fixed zip entry times.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from penempatan import __version__
from penempatan.excel.common import as_text, atomic_save, param_value
from penempatan.excel.sheets import TWO_COLUMN_FORMATS, StableWorkbook, write_sheet
from penempatan.explain import MOVE_KINDS, PROMOSI, Explainer, number
from penempatan.model import ProblemData
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Tables

SHEETS: dict[str, tuple[str, ...]] = {
    "Ringkasan": ("Keterangan", "Nilai"),
    "Usulan Mutasi": ("NIP", "Nama", "Golongan", "Kode Jabatan Asal", "Jabatan Asal", "Unit Asal",
                      "Kode Jabatan Tujuan", "Jabatan Tujuan", "Unit Tujuan", "Jenis", "Skor Asal",
                      "Skor Tujuan", "Rantai", "Urutan Rantai", "Alasan"),
    "Rantai Mutasi": ("Rantai", "Jenis", "Jumlah Pegawai", "Urutan", "Unit Terlibat", "Total Kenaikan Skor",
                      "Dapat Disetujui Terpisah", "Catatan"),
    "Tetap": ("NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Skor", "Alasan"),
    "Jabatan Kosong": ("Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Kursi Kosong", "Alasan"),
    "Kebutuhan Pelatihan": ("NIP", "Nama", "Kode Jabatan Tujuan", "Jabatan Tujuan", "Kebutuhan", "Selisih"),
    "Per Unit": ("Unit Kerja", "Kebutuhan", "Bezetting Sebelum", "Bezetting Sesudah", "Masuk", "Keluar",
                 "Selisih Sesudah"),
    "Parameter": ("Parameter", "Nilai"),
}
"""Sheet names and header rows of the output workbook, in order (SPEC 5, plus `Rantai Mutasi`)."""

def write_plan(path: Path, data: ProblemData, tables: Tables, result: Result, *,
               input_path: Path | None = None, versions: dict[str, str] | None = None,
               scenario: Sequence[tuple[str, str]] = ()) -> None:
    """Write the plan workbook (SPEC 5) atomically to `path`.

    `versions` carries what this module must not import: "penempatan" (default: this package's version),
    "ortools" and "seed" (the solver's random seed); any other key is listed as "versi <key>".
    """
    ex = Explainer(data, tables, result)
    stamp = datetime.combine(data.params.tanggal_acuan, datetime.min.time())
    wb = StableWorkbook(stamp)
    moves = move_rows(ex)
    rows: dict[str, list[list[Any]]] = {
        "Ringkasan": summary_rows(ex, len(moves)) + _scenario_rows(scenario, result),
        "Usulan Mutasi": moves,
        "Rantai Mutasi": _chains(ex),
        "Tetap": _stays(ex),
        "Jabatan Kosong": empty_seat_rows(ex),
        "Kebutuhan Pelatihan": _training(ex),
        "Per Unit": unit_rows(ex),
        "Parameter": _parameters(data, input_path, versions or {}) + _scenario_rows(scenario, None),
    }
    for name, header in SHEETS.items():
        write_sheet(wb, name, header, rows[name], TWO_COLUMN_FORMATS.get(name, {}))
    atomic_save(wb, path)


# --- sheet contents ------------------------------------------------------------------------------------
_t = as_text  # every value from the input goes through here and is written as text (see `sheets.text_value`)


def move_rows(ex: Explainer) -> list[list[Any]]:
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
                    int(ex.assigned_scores[i]), chain.id, step, ex.move_reason(i).text])
    return out


def _chains(ex: Explainer) -> list[list[Any]]:
    """One row per vacancy chain or cycle: a planner approves or rejects whole chains.

    Every chain can be approved on its own (see `Explainer.chain_links`); `Catatan` says what a
    rejection would change (a must-fill seat, a surplus, a pin, a full R13/R14 quota).
    """
    out = []
    for c in ex.chains:
        out.append([c.id, "siklus" if c.cycle else "rantai", len(c.members), ex.chain_order_text(c),
                    "; ".join(ex.chain_units(c)), ex.chain_gain(c), "Ya", "; ".join(ex.chain_links(c))])
    return out


def _stays(ex: Explainer) -> list[list[Any]]:
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
    d, t = ex.data, ex.t
    out = []
    for j in ex.empty_seats():
        q = d.positions[j]
        out.append([_t(q.kode), _t(q.nama), _t(q.unit), int(t.post_keb[j] - ex.after[j]),
                    ex.empty_seat_reason(j).text])
    return out


def _training(ex: Explainer) -> list[list[Any]]:
    d = ex.data
    out = []
    for i in ex.movers:
        e, q = d.employees[i], d.positions[ex.target[i]]
        for need in ex.training_needs(i):
            out.append([_t(e.nip), _t(e.nama), _t(q.kode), _t(q.nama), need.kebutuhan, need.selisih])
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


def proof_scope(r: Result) -> str:
    """What an OPTIMAL status covers: every eligible pair (LP pricing found none left out) or the capped
    candidate set; for other statuses, the gap."""
    if r.status is not SolveStatus.OPTIMAL:
        return "rencana layak dengan gap terbukti" if r.feasible else "-"
    if r.proof_over_all_pairs:
        return "optimal atas semua pasangan pegawai-jabatan yang memenuhi syarat"
    return "optimal atas kandidat terbatas (maks_kandidat per pegawai)"


def summary_rows(ex: Explainer, n_moves: int) -> list[list[Any]]:
    d, t, r = ex.data, ex.t, ex.result
    kinds = {k: 0 for k in MOVE_KINDS}
    for i in ex.movers:
        kinds[ex.move_kind(i)] += 1
    filled_before = int(np.minimum(t.holders, t.post_keb).sum())
    filled_after = int(np.minimum(ex.after, t.post_keb).sum())
    n = max(1, t.n_emp)
    chains = ex.chains
    rows: list[list[Any]] = [
        ["Status", r.status.value],
        ["Nilai Objektif", r.objective if r.feasible else ""],
        ["Batas Atas", _number_or_blank(r.bound)],
        ["Gap", _number_or_blank(r.gap)],
        ["Waktu (detik)", round(r.wall_time, 2)],
        ["Metode", r.method],
        ["Cakupan bukti", proof_scope(r)],
        ["Jumlah pegawai", t.n_emp],
        ["Jumlah mutasi", n_moves],
        [PROMOSI, kinds[PROMOSI]],
        *[[k, kinds[k]] for k in MOVE_KINDS if k != PROMOSI],
        ["Rantai kekosongan", sum(not c.cycle for c in chains)],
        ["Siklus (saling bertukar kursi)", sum(c.cycle for c in chains)],
        ["Kursi (Kebutuhan)", int(t.post_keb.sum())],
        ["Kursi terisi sebelum", filled_before],
        ["Kursi terisi sesudah", filled_after],
        ["Kursi wajib terisi (R12)", f"{number(r.must_fill_filled)} dari {number(r.must_fill_seats)}"],
        ["Kelebihan pegawai tersisa (R11)", r.surplus_kept],
        ["Rata-rata skor sebelum", round(float(ex.stay_scores.sum()) / n, 2)],
        ["Rata-rata skor sesudah", round(float(ex.assigned_scores.sum()) / n, 2)],
        ["Skenario", _t(d.scenario_name or "(dasar)")],
        ["Tanggal acuan", d.params.tanggal_acuan],
    ]
    if r.message:
        rows.append(["Pesan", r.message])
    return rows


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


def _number_or_blank(x: float) -> float | str:
    """NaN (no plan) as an empty cell, whole numbers as int."""
    if math.isnan(x):
        return ""
    return int(x) if float(x).is_integer() else round(float(x), 6)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
