"""The two-round plan as typed rows (SPEC 8): sheet `Putaran 2` (the moves that wait, and why) and sheet `Rencana
Pengembangan` (who is trained in what, when, for which post, grouped per course so the BKPSDM can book it), and
the Ringkasan lines of both rounds. The writers only render them (explain/rows.py's convention: `COLUMNS`,
`cells()`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

import numpy as np

from penempatan.model import ProblemData
from penempatan.rounds.outcome import TwoRoundPlan, round_two_gain, score
from penempatan.rules import PURPOSE_LABELS
from penempatan.scoring import purpose_names
from penempatan.succession import add_months
from penempatan.text import date_text, number

ROUND_TWO_SHEET, DEVELOPMENT_SHEET = "Putaran 2", "Rencana Pengembangan"
"""The plan workbook's sheets of a two-round plan (excel/write_plan.py writes them, excel/read_plan.py reads the
second back for `surat --pengembangan`)."""
WAITING = "menunggu putaran 2"
"""How a move at round 2 starts its reason: it is made at round 2 because waiting is worth more."""


@dataclass(frozen=True, kw_only=True)
class RoundTwoRow:
    """One move at round 2 (`Putaran 2`): who, from and to which post, on which date, the course of round 1 it
    needs, and why it waits."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "NIP", "Nama", "Kode Jabatan Asal", "Jabatan Asal", "Unit Asal", "Kode Jabatan Tujuan", "Jabatan Tujuan",
        "Unit Tujuan", "Tanggal Putaran 2", "Pelatihan Putaran 1", "Alasan")

    nip: str
    nama: str
    from_kode: str
    from_nama: str
    from_unit: str
    to_kode: str
    to_nama: str
    to_unit: str
    tanggal: date
    pelatihan: str
    alasan: str

    def cells(self) -> list[Any]:
        return [self.nip, self.nama, self.from_kode, self.from_nama, self.from_unit, self.to_kode, self.to_nama,
                self.to_unit, self.tanggal, self.pelatihan, self.alasan]


@dataclass(frozen=True, kw_only=True)
class DevelopmentRow:
    """One trainee of round 1 (`Rencana Pengembangan`), in the order of their course."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "Pelatihan", "NIP", "Nama", "Jabatan Saat Ini", "Unit Saat Ini", "Disiapkan Untuk (Kode Jabatan)",
        "Disiapkan Untuk", "Mulai", "Selesai", "Nilai Tambah", "Biaya (Rp)", "Keterangan")
    NOTE: ClassVar[str] = ("disiapkan untuk jabatan ini pada putaran 2; penempatan diputuskan pada putaran 2, "
                           "bukan dijanjikan")

    pelatihan: str
    nip: str
    nama: str
    jabatan: str
    unit: str
    for_kode: str
    for_nama: str
    mulai: date
    selesai: date
    gain: int
    biaya: int

    def cells(self) -> list[Any]:
        return [self.pelatihan, self.nip, self.nama, self.jabatan, self.unit, self.for_kode, self.for_nama,
                self.mulai, self.selesai, self.gain, self.biaya, self.NOTE]


def round_two_rows(data: ProblemData, plan: TwoRoundPlan) -> list[RoundTwoRow]:
    """Every move of round 2, in NIP order, with the reason it waits: the course it needed, the seat a retirement
    frees, and the purposes it has at round 2's date."""
    later = plan.later.data
    second = plan.second
    cand = second.candidates
    trained = {t.nip: t.course.render() for t in plan.trainees}
    freed = {d.kode_jabatan: d for d in plan.later.departures}
    out = []
    for i2 in np.nonzero(second.assignment != np.asarray(later.current_post))[0].tolist():
        e = later.employees[i2]
        j = int(second.assignment[i2])
        a, b = later.positions[later.current_post[i2]], later.positions[j]
        k = np.nonzero((cand.emp == i2) & (cand.post == j))[0]
        purposes = [PURPOSE_LABELS[p] for p in purpose_names(int(cand.purposes[k[0]]))] if len(k) else []
        why = []
        if e.nip in trained:
            why.append(f"sesudah {trained[e.nip]} pada putaran 1")
        if b.kode in freed:
            d = freed[b.kode]
            why.append(f"kursi {b.kode} kosong sesudah {d.nama} mencapai batas usia pensiun "
                       f"({date_text(d.tanggal_pensiun)})")
        if purposes:
            why.append("tujuan pada putaran 2: " + ", ".join(purposes))
        out.append(RoundTwoRow(nip=e.nip, nama=e.nama, from_kode=a.kode, from_nama=a.nama, from_unit=a.unit,
                               to_kode=b.kode, to_nama=b.nama, to_unit=b.unit, tanggal=plan.later.tanggal,
                               pelatihan=trained.get(e.nip, ""), alasan=f"{WAITING}: " + "; ".join(why)))
    return sorted(out, key=lambda r: r.nip)


def development_rows(data: ProblemData, plan: TwoRoundPlan) -> list[DevelopmentRow]:
    """Every trainee, grouped per course (by its name, then the trainee's): when the course runs
    (from tanggal_acuan, durasi_bulan), the post it prepares them for, the move's gain and the course's cost."""
    start = data.params.tanggal_acuan
    out = []
    for t in sorted(plan.trainees, key=lambda t: (t.course.render(), t.nama, t.nip)):
        e = data.employees[data.employee_index[t.nip]]
        here = data.positions[data.position_index[e.kode_jabatan]]
        there = data.positions[data.position_index[t.kode_jabatan]]
        out.append(DevelopmentRow(pelatihan=t.course.render(), nip=t.nip, nama=t.nama, jabatan=here.nama,
                                  unit=here.unit, for_kode=there.kode, for_nama=there.nama, mulai=start,
                                  selesai=add_months(start, t.course.durasi_bulan), gain=t.gain,
                                  biaya=t.course.biaya))
    return out


def summary_rows(data: ProblemData, plan: TwoRoundPlan) -> list[tuple[str, Any]]:
    """The Ringkasan lines of a two-round plan: both rounds' moves, the trainees and their cost per course, who
    retires before round 2, and the plan against two one-round plans in a row."""
    later = plan.later.data
    moves1 = int((plan.first.assignment != np.asarray(data.current_post)).sum())
    moves2 = int((plan.second.assignment != np.asarray(later.current_post)).sum())
    one = plan.one_round
    rows: list[tuple[str, Any]] = [
        ("Putaran", 2),
        ("Tanggal putaran 2", plan.later.tanggal),
        ("Mutasi putaran 1", moves1),
        ("Mutasi putaran 2", moves2),
        ("Mutasi rencana satu putaran", int((one.assignment != np.asarray(data.current_post)).sum())),
        ("Pensiun sebelum putaran 2", len(plan.later.departures)),
        ("Peserta pelatihan putaran 1", len(plan.trainees)),
        ("Biaya pelatihan (Rp)", sum(t.course.biaya for t in plan.trainees)),
        ("Kelebihan pegawai akhir putaran 2", plan.second.surplus_kept),
        ("Kursi wajib terisi akhir putaran 2", plan.second.must_fill_filled),
        ("Nilai tambah putaran 2", round_two_gain(plan.second, later)),
        ("Nilai dua putaran (Σ nilai putaran 1 + nilai tambah putaran 2)",
         score(plan.first, plan.second, later)[2]),
        ("Jalur putaran 2 yang ditolak pemeriksaan dan dikeluarkan", plan.refused),
    ]
    per_course: dict[str, list[int]] = {}
    for t in plan.trainees:
        per_course.setdefault(t.course.render(), []).append(t.course.biaya)
    rows += [(f"Pelatihan: {name}", f"{len(costs)} peserta, Rp {number(sum(costs))}")
             for name, costs in per_course.items()]
    return rows
