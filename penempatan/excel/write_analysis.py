"""The workbook of `penempatan analyze`: the state before any plan, formatted like the plan workbook.

Same conventions as `write_plan` (the machinery of `sheets.write_sheet`): write-only, every input text written
as text (never a formula), NIP as Text, dates DD-MM-YYYY, bold frozen header with an autofilter, widths from the
content, A4 landscape printing, same bytes for the same input.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from penempatan.analyze import STAY_COMPONENTS, Analysis, kotak_rows, summary
from penempatan.excel.common import as_text, atomic_save
from penempatan.excel.sheets import TWO_COLUMN_FORMATS, StableWorkbook, write_sheet
from penempatan.excel.write_plan import RULES_SHEET
from penempatan.explain.words import field_text
from penempatan.rules import LEGEND_COLUMNS, codes_in, legend_rows
from penempatan.scoring import COMPONENT_LABELS
from penempatan.text import months_text, yes_no

_UNIT = "Unit Kerja"
_COMPONENT_HEADERS = tuple(COMPONENT_LABELS[c][:1].upper() + COMPONENT_LABELS[c][1:] for c in STAY_COMPONENTS)

SHEETS: dict[str, tuple[str, ...]] = {
    "Ringkasan": ("Keterangan", "Nilai"),
    "Kecocokan": ("NIP", "Nama", "Kode Jabatan", "Jabatan", _UNIT, "Skor", *_COMPONENT_HEADERS, "Catatan"),
    "Ketidaksesuaian": ("NIP", "Nama", "Kode Jabatan", "Jabatan", _UNIT, "Bidang Jabatan", "Bidang Pegawai",
                        "Jurusan", "Jenis", "Keterangan"),
    "Per Unit": (_UNIT, "Jumlah Jabatan", "Kebutuhan", "Bezetting", "Selisih", "Status", "Kursi Kosong",
                 "Kelebihan per Jabatan"),
    "Rotasi Jatuh Tempo": ("NIP", "Nama", "Kode Jabatan", "Jabatan", _UNIT, "TMT Jabatan", "Masa Jabatan (bulan)",
                           "Masa Jabatan", "Batas (bulan)", "Risiko Tinggi", "Aturan", "Tertahan Aturan"),
    "Kotak Talenta": (_UNIT, *(f"Kotak {k}" for k in range(1, 10)), "Tanpa Kotak", "Jumlah Pegawai"),
    "Talent Pool": ("NIP", "Nama", "Kotak Talenta", "Predikat Kinerja", "Potensi", "Golongan", "Pendidikan",
                    "Kode Jabatan", "Jabatan", _UNIT, "Skor"),
    "Mendekati Pensiun": ("NIP", "Nama", "Tanggal Lahir", "BUP (tahun)", "Tanggal Pensiun", "Sisa (bulan)",
                          "Kode Jabatan", "Jabatan", _UNIT, "Tertahan R4"),
    RULES_SHEET: LEGEND_COLUMNS,
}
"""Sheet names and header rows of the analysis workbook, in order; the last, the legend of the rule codes the
others cite (as in the plan workbook)."""

_t = as_text


def write_analysis(path: Path, analysis: Analysis) -> None:
    """Write the analysis workbook atomically to `path`."""
    a = analysis
    stamp = datetime.combine(a.data.params.tanggal_acuan, datetime.min.time())
    wb = StableWorkbook(stamp)
    rows: dict[str, list[list[Any]]] = {
        "Ringkasan": [[label, value] for label, value in [*summary(a), *kotak_rows(a)]],
        "Kecocokan": _fit(a),
        "Ketidaksesuaian": _mismatches(a),
        "Per Unit": _units(a),
        "Rotasi Jatuh Tempo": _rotation(a),
        "Kotak Talenta": _kotak(a),
        "Talent Pool": _talent(a),
        "Mendekati Pensiun": _retirement(a),
    }
    cited = [*(h for header in SHEETS.values() for h in header), *(v for sheet in rows.values() for row in sheet
                                                                    for v in row)]
    rows[RULES_SHEET] = legend_rows(codes_in(cited))
    for name, header in SHEETS.items():
        write_sheet(wb, name, header, rows[name], TWO_COLUMN_FORMATS["Ringkasan"] if name == "Ringkasan" else {})
    atomic_save(wb, path)


def _post(a: Analysis, i: int) -> list[str]:
    q = a.data.positions[int(a.tables.cur[i])]
    return [_t(q.kode), _t(q.nama), _t(q.unit)]


def _fit(a: Analysis) -> list[list[Any]]:
    out = []
    for i, e in enumerate(a.data.employees):
        out.append([_t(e.nip), _t(e.nama), *_post(a, i), int(a.scores[i]), *a.parts[i].tolist(), a.notes(i)])
    return out


def _mismatches(a: Analysis) -> list[list[Any]]:
    out = []
    for m in a.mismatches:
        e = a.data.employees[m.i]
        fields = a.tables.post_score_fields[int(a.tables.cur[m.i])]
        out.append([_t(e.nip), _t(e.nama), *_post(a, m.i), field_text(fields), field_text(e.bidang), _t(e.jurusan),
                    m.kind, m.detail])
    return out


def _units(a: Analysis) -> list[list[Any]]:
    return [[_t(u.unit), u.posts, u.kebutuhan, u.bezetting, u.selisih, u.status, u.kosong, u.lebih]
            for u in a.units]


def _rotation(a: Analysis) -> list[list[Any]]:
    out = []
    for r in a.rotation_due:
        e = a.data.employees[r.i]
        out.append([_t(e.nip), _t(e.nama), *_post(a, r.i), e.tmt_jabatan, r.months, months_text(r.months), r.due,
                    yes_no(r.risk), r.code, ", ".join(r.holds)])
    return out


def _kotak(a: Analysis) -> list[list[Any]]:
    return [[_t(name), *a.kotak[u, 1:].tolist(), int(a.kotak[u, 0]), int(a.kotak[u].sum())]
            for u, name in enumerate(a.tables.unit_names)]


def _talent(a: Analysis) -> list[list[Any]]:
    out = []
    for i in a.talent_pool:
        e = a.data.employees[i]
        out.append([_t(e.nip), _t(e.nama), e.kotak, _t(e.kinerja), _t(e.potensi), _t(e.golongan), _t(e.pendidikan),
                    *_post(a, i), int(a.scores[i])])
    return out


def _retirement(a: Analysis) -> list[list[Any]]:
    out = []
    for r in a.near_retirement:
        e = a.data.employees[r.i]
        out.append([_t(e.nip), _t(e.nama), e.tanggal_lahir, r.bup, r.retire, r.months_left, *_post(a, r.i),
                    yes_no(r.held)])
    return out
