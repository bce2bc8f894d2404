"""The state before any plan (`penempatan analyze`): fit in the current post, mismatches, staffing per unit,
rotation due (R2/R3), the 9-box distribution and talent pool, and who is close to retirement (SPEC 1).

Pure functions of ProblemData and Tables: nothing here solves, prints or writes. The fit of an employee
in their own post is exactly the `Skor Asal` a plan would show (the same `Tables.class_parts` numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from penempatan.check import holders_not_qualified
from penempatan.explain.words import field_text
from penempatan.model import ProblemData
from penempatan.rules import RULES
from penempatan.scoring import COMPONENTS, Tables, add_years

STAY_COMPONENTS = COMPONENTS
"""The score components of staying in one's own post (rotation, preference and unwillingness only apply
to a move)."""

TALENT_POOL = (7, 8, 9)
"""Kotak talenta of the talent pool (SPEC 2.1)."""

GENERAL_FIELDS = ("umum", "administrasi_sosial")
"""Fields (rumpun) that fit a post without a Bidang; any other field there is reported as unused."""

NEAR_RETIREMENT_MONTHS = 12

FIELD, EDUCATION, RANK, COMPETENCE, UNUSED = (
    "Bidang berbeda (R8)", "Pendidikan di bawah minimal (R6)", "Golongan di luar rentang (R7)",
    "Kompetensi di bawah standar", "Bidang khusus di jabatan umum")
JF = f"{RULES['R18'].text.capitalize()} (R18)"
MISMATCH_KINDS = (JF, FIELD, UNUSED, EDUCATION, RANK, COMPETENCE)


@dataclass(frozen=True)
class Mismatch:
    """One way employee `i` does not fit their current post."""

    i: int
    kind: str
    detail: str


@dataclass(frozen=True)
class UnitStaffing:
    """Kebutuhan vs bezetting of one unit; `kosong`/`lebih` are summed per post, so an over-staffed post
    next to a vacancy shows both."""

    unit: str
    posts: int
    kebutuhan: int
    bezetting: int
    kosong: int
    lebih: int

    @property
    def selisih(self) -> int:
        """Kebutuhan − bezetting: positive = kurang, negative = lebih."""
        return self.kebutuhan - self.bezetting

    @property
    def status(self) -> str:
        if self.selisih > 0:
            return f"kurang {self.selisih}"
        if self.selisih < 0:
            return f"lebih {-self.selisih}"
        return "sesuai"


@dataclass(frozen=True)
class RotationDue:
    """An employee whose time in post reached the rotation limit (R2, or R3 for a high-risk post)."""

    i: int
    months: int
    due: int
    risk: bool
    holds: tuple[str, ...]  # rules that keep them in place anyway (R4, R5, …)

    @property
    def code(self) -> str:
        return "R3" if self.risk else "R2"


@dataclass(frozen=True)
class NearRetirement:
    """An employee within NEAR_RETIREMENT_MONTHS of their BUP (retirement age of the current post)."""

    i: int
    months_left: int
    bup: int
    retire: date
    held: bool  # R4 keeps them in place


@dataclass(frozen=True)
class Analysis:
    """Everything `penempatan analyze` reports, as plain data."""

    data: ProblemData
    tables: Tables
    scores: np.ndarray  # per employee, fit 0–100 in the current post
    parts: np.ndarray  # (n_emp, len(STAY_COMPONENTS))
    mismatches: tuple[Mismatch, ...]
    units: tuple[UnitStaffing, ...]
    rotation_due: tuple[RotationDue, ...]
    kotak: np.ndarray  # (n_unit, 10): column 0 = no kotak, column k = kotak k
    talent_pool: tuple[int, ...]  # employee indices, best box first
    near_retirement: tuple[NearRetirement, ...]

    def notes(self, i: int) -> str:
        """The mismatches of employee i as one `Catatan`."""
        return "; ".join(m.detail for m in self._by_employee.get(i, ()))

    @cached_property
    def _by_employee(self) -> dict[int, list[Mismatch]]:
        out: dict[int, list[Mismatch]] = {}
        for m in self.mismatches:
            out.setdefault(m.i, []).append(m)
        return out

    def mismatch_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(MISMATCH_KINDS, 0)
        for m in self.mismatches:
            counts[m.kind] += 1
        return counts


def analyze(data: ProblemData, tables: Tables | None = None) -> Analysis:
    """The current state of `data` at its tanggal_acuan (see module docstring)."""
    t = tables or Tables(data)
    scores, parts = current_fit(t)
    return Analysis(data, t, scores, parts, tuple(mismatches(t)), tuple(staffing(t)), tuple(rotation_due(t)),
                    kotak_counts(t), tuple(talent_pool(t)), tuple(near_retirement(t)))


def current_fit(t: Tables) -> tuple[np.ndarray, np.ndarray]:
    """Every employee's score in their own post and its components (the plan's `Skor Asal`)."""
    return t.stay_fit, t.stay_parts


def _field(bidang: str | None) -> str:
    return field_text(bidang) or "tidak diketahui"


def mismatches(t: Tables) -> list[Mismatch]:
    """JF qualification (R18), field (R8), education (R6), golongan (R7) and competence gaps of each employee
    in their own post. R18 uses the checker's own test (`check.holders_not_qualified`): a holder who does not
    meet it stays, and the BKPSDM reviews them."""
    d, p = t.data, t.data.params
    gol_name = {g.urutan: g.kode for g in t.ref.golongan.values() if g.jenis == "PNS"}
    out: list[Mismatch] = []
    unqualified = {v.nip: v.message for v in holders_not_qualified(d, t.ref)}
    for i, e in enumerate(d.employees):
        if e.nip in unqualified:
            out.append(Mismatch(i, JF, unqualified[e.nip].removeprefix("pemangku saat ini ") + " (R18)"))
        j = int(t.cur[i])
        q = d.positions[j]
        pc = t.classes[int(t.post_class[j])]
        fields = t.post_score_fields[j]
        if fields and e.bidang not in fields:
            trained = bool(fields & set(e.pelatihan))
            out.append(Mismatch(i, FIELD, f"lulusan bidang {_field(e.bidang)} di jabatan bidang {field_text(fields)}"
                                + (" (sudah berpelatihan di bidang ini)" if trained else "")))
        elif not fields and e.bidang and e.bidang not in GENERAL_FIELDS:
            out.append(Mismatch(i, UNUSED, f"lulusan bidang {_field(e.bidang)} di jabatan tanpa bidang khusus"))
        if t.emp_pend[i] < pc.pend_min:
            out.append(Mismatch(i, EDUCATION, f"pendidikan {e.pendidikan} di bawah minimal {q.pendidikan_min} (R6)"))
        tol = 1 if (p.toleransi_golongan and pc.struktural) else 0
        gol = int(t.emp_gol[i])
        if gol and not t.emp_pppk_gol[i] and (
                (pc.gol_min is not None and gol < pc.gol_min - tol) or (pc.gol_max is not None and gol > pc.gol_max)):
            low, high = gol_name.get(pc.gol_min or 0, "…"), gol_name.get(pc.gol_max or 0, "…")
            out.append(Mismatch(i, RANK, f"golongan {e.golongan} di luar rentang {low}–{high} (R7)"))
        gaps = [f"{name} {level} < {standard}"
                for name, level, standard in zip(("manajerial", "sosial kultural", "teknis"), t.emp_komp[i].tolist(),
                                                 pc.standar, strict=True)
                if standard and 0 < level < standard]
        if gaps:
            out.append(Mismatch(i, COMPETENCE, "kompetensi di bawah standar: " + ", ".join(gaps)))
    return out


def staffing(t: Tables) -> list[UnitStaffing]:
    """Per unit: posts, Σ kebutuhan, bezetting (people now), empty seats and surplus summed per post."""
    n_unit = len(t.unit_names)
    need = np.bincount(t.post_unit, weights=t.post_keb, minlength=n_unit).astype(np.int64)
    have = np.bincount(t.emp_unit, minlength=n_unit)
    posts = np.bincount(t.post_unit, minlength=n_unit)
    empty = np.bincount(t.post_unit, weights=np.maximum(0, t.post_keb - t.holders), minlength=n_unit)
    extra = np.bincount(t.post_unit, weights=np.maximum(0, t.holders - t.post_keb), minlength=n_unit)
    return [UnitStaffing(name, int(posts[u]), int(need[u]), int(have[u]), int(empty[u]), int(extra[u]))
            for u, name in enumerate(t.unit_names)]


def rotation_due(t: Tables) -> list[RotationDue]:
    """Employees at or past the rotation limit (R3 months in a high-risk post, else R2), longest first."""
    p = t.data.params
    risk = t.post_risk[t.cur] if t.n_emp else np.zeros(0, dtype=bool)
    due = np.where(risk, p.masa_risiko_tinggi_bulan, p.masa_jabatan_maksimal_bulan)
    who = np.nonzero(t.emp_tenure >= due)[0]
    order = who[np.lexsort((who, -t.emp_tenure[who]))]
    return [RotationDue(int(i), int(t.emp_tenure[i]), int(due[i]), bool(risk[i]), t.hold_reasons[int(i)])
            for i in order]


def kotak_counts(t: Tables) -> np.ndarray:
    """(n_unit, 10) counts: column 0 employees without a kotak, column k those in box k."""
    n_unit = len(t.unit_names)
    return np.bincount(t.emp_unit * 10 + t.emp_kotak, minlength=n_unit * 10).reshape(n_unit, 10)


def talent_pool(t: Tables) -> list[int]:
    """Employees in boxes 7–9, highest box first (then input order)."""
    who = np.nonzero(np.isin(t.emp_kotak, TALENT_POOL))[0]
    return who[np.lexsort((who, -t.emp_kotak[who]))].tolist()


def near_retirement(t: Tables, months: int = NEAR_RETIREMENT_MONTHS) -> list[NearRetirement]:
    """Employees whose retirement (birth date + BUP of the current post) is within `months` of
    tanggal_acuan, or already past it; soonest first."""
    d = t.data
    left = t.retirement_months
    who = np.nonzero(left <= months)[0]
    out = []
    for i in who[np.lexsort((who, left[who]))].tolist():
        born = d.employees[i].tanggal_lahir
        assert born is not None  # retirement_months is large without a birth date
        bup = int(t.post_bup[t.cur[i]])
        out.append(NearRetirement(i, int(left[i]), bup, add_years(born, bup), "R4" in t.hold_reasons[i]))
    return out


def summary(a: Analysis) -> list[tuple[str, int | float | str | date]]:
    """The headline numbers of an analysis, as (label, value) rows (workbook `Ringkasan`, terminal, report);
    the workbook adds the count per kotak (`kotak_rows`)."""
    t = a.tables
    n = t.n_emp
    rows: list[tuple[str, int | float | str | date]] = [
        ("Tanggal acuan", a.data.params.tanggal_acuan),
        ("Jumlah pegawai", n),
        ("Jumlah jabatan", t.n_post),
        ("Jumlah unit kerja", len(t.unit_names)),
        ("Kursi (Kebutuhan)", int(t.post_keb.sum())),
        ("Kursi kosong (per jabatan)", sum(u.kosong for u in a.units)),
        ("Kelebihan pegawai (per jabatan)", sum(u.lebih for u in a.units)),
        ("Unit kurang pegawai", sum(u.selisih > 0 for u in a.units)),
        ("Unit lebih pegawai", sum(u.selisih < 0 for u in a.units)),
        ("Unit sesuai", sum(u.selisih == 0 for u in a.units)),
        ("Rata-rata skor kecocokan", round(float(a.scores.mean()), 2) if n else 0),
    ]
    counts = a.mismatch_counts()
    rows += [(f"Ketidaksesuaian: {kind}", counts[kind]) for kind in MISMATCH_KINDS]
    rows += [
        ("Rotasi jatuh tempo (R2)", sum(r.code == "R2" for r in a.rotation_due)),
        ("Rotasi jatuh tempo jabatan risiko tinggi (R3)", sum(r.code == "R3" for r in a.rotation_due)),
        ("Talent pool (kotak 7–9)", len(a.talent_pool)),
        ("Tanpa kotak talenta", int(a.kotak[:, 0].sum())),
        (f"Mendekati pensiun (≤ {NEAR_RETIREMENT_MONTHS} bulan)", len(a.near_retirement)),
    ]
    return rows


def kotak_rows(a: Analysis) -> list[tuple[str, int]]:
    """Employees per kotak talenta, 9 down to 1, as (label, count) rows (the workbook's `Ringkasan`)."""
    return [(f"Kotak {k}", int(a.kotak[:, k].sum())) for k in range(9, 0, -1)]
