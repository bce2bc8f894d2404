"""What the plan view answers, as typed rows: the workbook, the HTML report and the terminal only render them.

Each table row has `COLUMNS` (the header of its sheet in the plan workbook, in order) and `cells()` (its values
in that order), so a sheet is `COLUMNS` plus `[row.cells() for row in rows]` and a new output column is one
field here, its value where the row is built and its header in `COLUMNS`. Texts from the input are plain `str`
(a name like "=HYPERLINK(…)" stays text: the writers decide how text is stored).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Protocol

import numpy as np

from penempatan.text import yes_no


class TableRow(Protocol):
    """A row of one of the plan's tables: its sheet's header and its values in that order."""

    COLUMNS: ClassVar[tuple[str, ...]]

    def cells(self) -> list[Any]: ...


@dataclass(frozen=True)
class Reason:
    """Reason codes (R1…R21) and the words a planner reads (`Alasan`)."""

    codes: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Candidate:
    """One name on the shortlist of an empty JPT seat: employee i, fit `score` there, and why (`text`)."""

    i: int
    score: int
    text: str


@dataclass(frozen=True, kw_only=True)
class MoveRow:
    """One move (`Usulan Mutasi`): who, from which post to which, its kind, fit, chain, purposes, reason, the
    employee's Penjelasan and the committee's flags."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "NIP", "Nama", "Golongan", "Kode Jabatan Asal", "Jabatan Asal", "Unit Asal", "Kode Jabatan Tujuan",
        "Jabatan Tujuan", "Unit Tujuan", "Jenis", "Skor Asal", "Skor Tujuan", "Rantai", "Urutan Rantai", "Tujuan",
        "Alasan", "Penjelasan", "Perhatian")

    nip: str
    nama: str
    golongan: str
    from_kode: str
    from_nama: str
    from_unit: str
    to_kode: str
    to_nama: str
    to_unit: str
    kind: str  # moves.MOVE_KINDS
    score_before: int
    score_after: int
    chain: str  # chain id, C001 …
    step: int  # 1-based position in the chain
    purposes: str  # `Tujuan`
    reason: str  # `Alasan`
    penjelasan: str
    flags: str  # `Perhatian`, '' when none

    def cells(self) -> list[Any]:
        return [self.nip, self.nama, self.golongan, self.from_kode, self.from_nama, self.from_unit, self.to_kode,
                self.to_nama, self.to_unit, self.kind, self.score_before, self.score_after, self.chain, self.step,
                self.purposes, self.reason, self.penjelasan, self.flags]


@dataclass(frozen=True, kw_only=True)
class StayRow:
    """One employee who stays (`Tetap`), with why."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Skor", "Alasan")

    nip: str
    nama: str
    kode: str
    jabatan: str
    unit: str
    score: int
    reason: str

    def cells(self) -> list[Any]:
        return [self.nip, self.nama, self.kode, self.jabatan, self.unit, self.score, self.reason]


@dataclass(frozen=True, kw_only=True)
class WarningRow:
    """A holder the committee must see although they stay: R18 today, or below their own post's R6/R7 minimum."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("NIP", "Nama", "Kode Jabatan", "Jabatan", "Unit Kerja", "Peringatan")

    nip: str
    nama: str
    kode: str
    jabatan: str
    unit: str
    warning: str

    def cells(self) -> list[Any]:
        return [self.nip, self.nama, self.kode, self.jabatan, self.unit, self.warning]


@dataclass(frozen=True, kw_only=True)
class ChainRow:
    """One vacancy chain or cycle (`Rantai Mutasi`): a planner approves or rejects whole chains.

    `order` is the chain in words, seat by seat; `start` and `steps` the same chain as the report lists it (the
    seat it fills first, then each member's 'nama (nip): asal → tujuan').
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ("Rantai", "Jenis", "Jumlah Pegawai", "Urutan", "Unit Terlibat",
                                          "Total Kenaikan Skor", "Dapat Disetujui Terpisah", "Catatan")

    id: str
    cycle: bool
    size: int
    order: str
    units: tuple[str, ...]
    gain: int  # Σ (fit after − fit before) over the chain's people
    alone_ok: bool  # can be approved on its own (R21)
    notes: tuple[str, ...]  # what a rejection would change
    start: str
    steps: tuple[str, ...]

    def cells(self) -> list[Any]:
        return [self.id, "siklus" if self.cycle else "rantai", self.size, self.order, "; ".join(self.units),
                self.gain, yes_no(self.alone_ok), "; ".join(self.notes)]


@dataclass(frozen=True, kw_only=True)
class EmptySeatRow:
    """A post with seats still empty after the plan (`Jabatan Kosong`): why, and for a JPT seat the shortlist."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Kursi Kosong", "Alasan",
                                          "Calon")

    kode: str
    nama: str
    unit: str
    empty: int
    reason: str
    candidates: str  # the numbered shortlist (R20), 'tidak ada', or '' for a seat without one

    def cells(self) -> list[Any]:
        return [self.kode, self.nama, self.unit, self.empty, self.reason, self.candidates]


@dataclass(frozen=True, kw_only=True)
class TrainingRow:
    """One named course one mover needs (`Kebutuhan Pelatihan`)."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("NIP", "Nama", "Jabatan Tujuan", "Pelatihan", "Dasar", "Kapan")

    nip: str
    nama: str
    jabatan: str  # the target post
    pelatihan: str
    dasar: str
    kapan: str

    def cells(self) -> list[Any]:
        return [self.nip, self.nama, self.jabatan, self.pelatihan, self.dasar, self.kapan]


@dataclass(frozen=True, kw_only=True)
class UnitRow:
    """One unit, or one location within it (a school, a puskesmas, the rest of the unit), before and after the
    plan (`Per Unit`); seats filled before and after show R21; `gap` is counted per post ('kurang 2, lebih 1')."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("Unit Kerja", "Lokasi", "Kebutuhan", "Bezetting Sebelum", "Bezetting Sesudah",
                                          "Kursi Terisi Sebelum", "Kursi Terisi Sesudah", "Masuk", "Keluar",
                                          "Selisih Sesudah")
    WHOLE_UNIT: ClassVar[str] = "(seluruh unit)"
    REST_OF_UNIT: ClassVar[str] = "(bagian lain unit)"

    unit: str
    place: str  # WHOLE_UNIT for the unit's own row
    need: int
    before: int
    after: int
    filled_before: int
    filled_after: int
    arriving: int
    leaving: int
    gap: str

    def cells(self) -> list[Any]:
        return [self.unit, self.place, self.need, self.before, self.after, self.filled_before, self.filled_after,
                self.arriving, self.leaving, self.gap]


@dataclass(frozen=True, kw_only=True)
class PlanSummary:
    """The headline numbers of one plan: `Ringkasan`, the terminal, compare and the report all show these.

    Mean fit before and after is fit only (`Candidates.score`, SPEC 4), never the nilai; the objective is
    Σ nilai as the solver reports it. Shares are fractions (0.05 = 5 %).
    """

    label: str
    status: str
    feasible: bool
    objective: int  # Σ nilai (SPEC 4)
    bound: float
    gap: float
    wall_time: float
    method: str
    proof: str  # what OPTIMAL covers (`summary.proof_scope`)
    message: str
    employees: int
    moves: int
    kinds: dict[str, int]  # per moves.MOVE_KINDS
    purposes: dict[str, int]  # per scoring.PURPOSES: moves with that purpose (a move may have several)
    flags: dict[str, int]  # per scoring.FLAGS: moves with that flag
    flagged_moves: int  # moves with at least one flag
    chains: int
    cycles: int
    seats_total: int
    seats_filled_before: int
    seats_filled_after: int
    must_fill_filled: int
    must_fill_seats: int
    surplus_kept: int
    fit_before: float  # mean fit in the current post (NaN without a plan)
    fit_after: float  # mean fit in the post the plan gives
    fit_gained: int  # Σ (fit after − fit before)
    worse_off: int  # employees whose fit after the plan is below their fit staying put
    scenario: str
    tanggal_acuan: date
    changed_vs_reference: int | None
    assignment: np.ndarray
    unit_need: np.ndarray  # per unit (ProblemData.units order): Σ Kebutuhan
    unit_after: np.ndarray  # per unit: people after the plan
    places: int = 0  # R21 locations (schools, puskesmas, the rest of each unit)
    places_kept: int = 0  # locations with at least as many seats filled after the plan as before
    pools: int = 0  # scarce profession pools (Guru, each health profession, per unit)
    pools_kept: int = 0

    @property
    def share_moved(self) -> float:
        """Movers as a fraction of all employees."""
        return self.moves / self.employees if self.employees else 0.0
