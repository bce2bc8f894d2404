"""The fairness report of a plan (SPEC 9, sheet `Keadilan` and a page of the HTML report), from (data, plan).

Three parts, one table (one row per section, group and measure, so `check` can recompute every figure):
- **Permintaan**: wishes granted by rank. A requester's wish is granted when they move into one of its posts;
  with overlapping wishes the first one in their list counts. Per rank: the requesters with a wish of that
  rank (`Jumlah Orang`) and those granted that wish (`Jumlah`); then every requester: granted any, refused all.
- **Mutasi and promosi by group**: gender, age band at tanggal_acuan, golongan (I, II, III, IV, PPPK) and the
  unit (OPD) of the current post. A promotion is a move to a higher Kelas Jabatan or tingkat (R9's ladder).
- **Disparity flags** (rule DISPARITAS): a group's rate is flagged when it lies outside [r / b, r × b], where r is
  the rate of all employees and b is `batas_disparitas` (default 2: from half to twice the rate of all), **and**
  the difference is unlikely to be chance: a two-sided exact binomial test of the group's count against r gives
  p < `SIGNIFICANCE`. A ratio alone flags every small group (one move among 8 people is 12.5 % against 4 %); a
  test alone flags tiny differences in the largest groups. Groups smaller than `kelompok_minimal_disparitas` are
  not judged (marked "kelompok kecil"). No flag when r is 0.
- **Targets** (R27, a scenario's `[[target_sebaran]]`): per target, of the plan's moves (promotions) those of the
  group (`Jumlah` of `Jumlah Orang`) and whether its bounds are met (MET, MISSED in `Tanda Disparitas`).
- **Publication**: the three `Publikasi:` columns are the anonymised figures: a count of 1–4 people is shown as
  "<5" (a group of fewer than 5 people shows neither its size nor its count), and when a section and measure would
  have exactly one such hidden cell, the next smallest count of it is hidden too, so it cannot be found by
  subtracting from the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from penempatan.model import ProblemData, Target
from penempatan.reference import Reference, load_reference
from penempatan.wishes.priority import UNRANKED as UNRANKED_WISH

SIGNIFICANCE = 0.05
"""The p-value below which a group's difference from the whole is taken as not chance (two-sided)."""
SUPPRESS_BELOW = 5
"""Counts of 1 to SUPPRESS_BELOW - 1 people are not published (SPEC 9)."""
HIDDEN = "<5"
"""A suppressed cell in the publication columns."""

WISHES, ALL = "Permintaan", "Semua"
GROUPINGS = ("Jenis Kelamin", "Kelompok Usia", "Golongan", "Unit Kerja")
"""The sections of moves and promotions by group, in order."""
MOVED, PROMOTED, GRANTED, REFUSED = "mutasi", "promosi", "dipenuhi", "tidak dipenuhi"
ALL_REQUESTERS = "Semua pemohon"
UNRANKED = f"{UNRANKED_WISH} (tanpa urutan)"
UNKNOWN = "Tidak diketahui"
HIGH, LOW, SMALL = "lebih tinggi", "lebih rendah", "kelompok kecil (tidak dinilai)"
TARGETS = "Target sebaran (R27)"
"""The section of a scenario's distribution targets: per target, of the plan's moves (promotions) the group's."""
MET, MISSED = "target tercapai", "target tidak tercapai"
AGE_BANDS = ((0, 30, "< 30 tahun"), (30, 40, "30–39 tahun"), (40, 50, "40–49 tahun"), (50, 200, "≥ 50 tahun"))
SEX = {"L": "Laki-laki", "P": "Perempuan"}

SHEET = "Keadilan"
"""The plan workbook's sheet of this report (excel/write_plan.py)."""
COLUMNS = ("Bagian", "Kelompok", "Ukuran", "Jumlah Orang", "Jumlah", "Persen", "Persen Semua", "Rasio",
           "Tanda Disparitas", "Publikasi: Jumlah Orang", "Publikasi: Jumlah", "Publikasi: Persen")
"""The header of sheet Keadilan; `check.fairness` recomputes the figures of every column."""


@dataclass(frozen=True)
class FairnessRow:
    """One figure of the report: of `base` people (or wishes) in a group, `count` had the measure."""

    section: str
    group: str
    measure: str
    base: int
    count: int
    overall: float | None = None  # the rate of all employees, for a group row
    flag: str = ""  # HIGH, LOW, SMALL or ''
    hidden: bool = False  # the count is not published

    @property
    def rate(self) -> float:
        return self.count / self.base if self.base else 0.0

    @property
    def ratio(self) -> float | None:
        return self.rate / self.overall if self.overall else None

    def cells(self) -> list[Any]:
        """The row of sheet Keadilan: percents as numbers of percent points, one decimal."""
        small_group = self.base < SUPPRESS_BELOW
        return [self.section, self.group, self.measure, self.base, self.count, _pct(self.rate),
                _pct(self.overall) if self.overall is not None else "",
                round(self.ratio, 2) if self.ratio is not None else "", self.flag,
                HIDDEN if small_group else self.base, HIDDEN if self.hidden else self.count,
                "-" if self.hidden else _pct(self.rate)]


def _pct(fraction: float) -> float:
    return round(100 * fraction, 1)


def fairness_rows(data: ProblemData, assignment: Iterable[int], ref: Reference | None = None) -> list[FairnessRow]:
    """Every figure of the fairness report of plan `assignment` (one post index per employee)."""
    ref = ref or load_reference()
    plan = [int(j) for j in assignment]
    rows = _wish_rows(data, plan)
    moved = [plan[i] != data.current_post[i] for i in range(len(plan))]
    promoted = [moved[i] and _promotion(data, ref, data.current_post[i], plan[i]) for i in range(len(plan))]
    n = len(plan)
    overall = {MOVED: sum(moved) / n if n else 0.0, PROMOTED: sum(promoted) / n if n else 0.0}
    rows += [FairnessRow(ALL, "Semua pegawai", MOVED, n, sum(moved)),
             FairnessRow(ALL, "Semua pegawai", PROMOTED, n, sum(promoted))]
    for section in GROUPINGS:
        members: dict[str, list[int]] = {}
        for i in range(n):
            members.setdefault(group_of(data, ref, section, i), []).append(i)
        for measure, had in ((MOVED, moved), (PROMOTED, promoted)):
            part = [_judged(data, section, group, measure, len(people), sum(had[i] for i in people),
                            overall[measure]) for group, people in _ordered(section, members)]
            rows += _suppressed(part)
    for target in data.targets:
        counted = [i for i in range(n) if (promoted if target.measure == PROMOTED else moved)[i]]
        inside = sum(group_of(data, ref, target.section, i) == target.group for i in counted)
        rows += _suppressed([FairnessRow(TARGETS, target_group(target.section, target.group), target.measure,
                                         len(counted), inside, flag=target_flag(target, len(counted), inside))])
    return rows


def target_group(section: str, group: str) -> str:
    """The Kelompok of a target's row: 'Jenis Kelamin: Perempuan'."""
    return f"{section}: {group}"


def target_flag(target: Target, counted: int, inside: int) -> str:
    """MET or MISSED: is the group's share of the `counted` moves (promotions) within the target's bounds?"""
    low = target.minimum is not None and 100 * inside < target.minimum * counted
    high = target.maximum is not None and 100 * inside > target.maximum * counted
    return MISSED if low or high else MET


def group_of(data: ProblemData, ref: Reference, section: str, i: int) -> str:
    """Employee i's group in a section of GROUPINGS."""
    e = data.employees[i]
    if section == "Jenis Kelamin":
        return SEX.get(e.jenis_kelamin or "", UNKNOWN)
    if section == "Kelompok Usia":
        if e.tanggal_lahir is None:
            return UNKNOWN
        day = data.params.tanggal_acuan
        age = day.year - e.tanggal_lahir.year - ((day.month, day.day) < (e.tanggal_lahir.month, e.tanggal_lahir.day))
        return next(label for low, high, label in AGE_BANDS if low <= age < high)
    if section == "Golongan":
        golongan = ref.golongan.get(e.golongan)
        return "PPPK" if golongan is None or golongan.jenis == "PPPK" else e.golongan.split("/")[0]
    return data.positions[data.current_post[i]].unit


def _ordered(section: str, members: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
    """Groups in their natural order: bands and golongan by rank, genders and units by name; unknown last."""
    if section == "Kelompok Usia":
        order = [label for _, _, label in AGE_BANDS]
    elif section == "Golongan":
        order = ["I", "II", "III", "IV", "PPPK"]
    else:
        order = sorted(k for k in members if k != UNKNOWN)
    return [(k, members[k]) for k in [*order, UNKNOWN] if k in members]


def _promotion(data: ProblemData, ref: Reference, src: int, dst: int) -> bool:
    """R9: a higher Kelas Jabatan or a higher tingkat on the penyetaraan ladder."""
    a, b = data.positions[src], data.positions[dst]
    return b.kelas > a.kelas or _tingkat(ref, b.jenis, b.jenjang) > _tingkat(ref, a.jenis, a.jenjang)


def _tingkat(ref: Reference, jenis: str, jenjang: str | None) -> int:
    found = ref.jenis_of(jenis, jenjang)
    return found.tingkat if found else 1


def disparity(base: int, count: int, overall: float, band: float, minimum: int) -> str:
    """DISPARITAS: HIGH or LOW when the group's rate is outside [overall / band, overall × band] and the
    binomial test says it is not chance; SMALL for a group below `minimum`; '' otherwise."""
    if base < minimum:
        return SMALL
    if overall <= 0 or base == 0:
        return ""
    rate = count / base
    if overall / band <= rate <= overall * band:
        return ""
    from scipy.stats import binomtest  # 0.8 s to import: only when a group is outside the band

    if binomtest(count, base, min(overall, 1.0)).pvalue >= SIGNIFICANCE:
        return ""
    return HIGH if rate > overall else LOW


def _judged(data: ProblemData, section: str, group: str, measure: str, base: int, count: int,
            overall: float) -> FairnessRow:
    p = data.params
    flag = disparity(base, count, overall, p.batas_disparitas, p.kelompok_minimal_disparitas)
    return FairnessRow(section, group, measure, base, count, overall, flag)


def _suppressed(rows: list[FairnessRow]) -> list[FairnessRow]:
    """Hide counts of 1–4 people and the groups under 5; when exactly one cell of the part is hidden, hide the
    next smallest count too (no recovery by subtraction from the total)."""
    hide = [r.base < SUPPRESS_BELOW or 0 < r.count < SUPPRESS_BELOW for r in rows]
    if sum(hide) == 1 and len(rows) > 1:
        shown = [k for k, h in enumerate(hide) if not h]
        hide[min(shown, key=lambda k: (rows[k].count, k))] = True
    return [FairnessRow(r.section, r.group, r.measure, r.base, r.count, r.overall, r.flag, h)
            for r, h in zip(rows, hide, strict=True)]


def _wish_rows(data: ProblemData, plan: list[int]) -> list[FairnessRow]:
    """Wishes granted by rank, the Unit Diminati after them, then every requester: granted any, refused all."""
    have: dict[int | None, int] = {}
    granted: dict[int | None, int] = {}
    requesters = any_granted = 0
    for i, wishes in enumerate(data.wish_lists):
        if not wishes:
            continue
        requesters += 1
        for rank in {w.rank for w in wishes}:
            have[rank] = have.get(rank, 0) + 1
        if plan[i] == data.current_post[i]:
            continue
        hit = data.wished(i, plan[i])
        if hit is not None:
            granted[wishes[hit].rank] = granted.get(wishes[hit].rank, 0) + 1
            any_granted += 1
    ranks = sorted(r for r in have if r is not None) + ([None] if None in have else [])
    rows = [FairnessRow(WISHES, f"Urutan {r}" if r is not None else UNRANKED, GRANTED, have[r], granted.get(r, 0))
            for r in ranks]
    rows += [FairnessRow(WISHES, ALL_REQUESTERS, GRANTED, requesters, any_granted),
             FairnessRow(WISHES, ALL_REQUESTERS, REFUSED, requesters, requesters - any_granted)]
    return _suppressed(rows[:-2]) + _suppressed(rows[-2:])


@dataclass(frozen=True)
class FairnessSummary:
    """The fairness report's headline: requesters and how many were granted, and every flagged group."""

    requesters: int
    granted: int
    flagged: list[FairnessRow]


def summary(rows: Sequence[FairnessRow]) -> FairnessSummary:
    """The headline figures of `fairness_rows`."""
    every = next((r for r in rows if r.section == WISHES and r.group == ALL_REQUESTERS and r.measure == GRANTED),
                 None)
    return FairnessSummary(every.base if every else 0, every.count if every else 0,
                           [r for r in rows if r.flag in (HIGH, LOW)])
