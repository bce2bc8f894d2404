"""The published priority of every requester (SPEC 9, `penempatan prioritas`): points by part and a strict rank.

Points = the points of the requester's strongest reason (data/prioritas.csv, with or without evidence; reasons
are not added up, so listing more reasons gains nothing) + `poin_masa_jabatan_per_tahun` per whole year in the
current post (TMT Jabatan to tanggal_acuan: the input has no date of entry into the unit, so time in the post
stands for it) + the points of the predikat kinerja (`poin_kinerja_*`; Kurang and Sangat Kurang 0) + the points
of the distance from family: `poin_jarak_keluarga_per_10_km` per whole 10 km of `Jarak Keluarga (km)` (between the
current workplace and where the family lives), at most `poin_jarak_keluarga_maks`; blank is unknown and gives 0,
and when a requester's rows give different distances the largest counts. The distance belongs to the person, not
to a wish, so reordering one's list cannot change it. A requester whose only wishes are Unit Diminati has no
reason and 0 reason points.

Ties of points are broken by `urutan_seri` (longer in the post first, older first), and the NIP always last, so
every requester has a rank of their own. The rank is what the plan's "no justified envy" compares (SPEC 9).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from penempatan.model import Params, ProblemData, Wish
from penempatan.reference import Reference, load_reference

PERFORMANCE_PARAMS = {"Sangat Baik": "poin_kinerja_sangat_baik", "Baik": "poin_kinerja_baik",
                      "Butuh Perbaikan": "poin_kinerja_butuh_perbaikan"}
"""The Params key of the points of each predikat kinerja; the other predikat give none."""

TIE_WORDS = {"masa_jabatan": "masa jabatan lebih lama", "usia": "usia lebih tua", "nip": "NIP lebih kecil"}
"""Each criterion of `urutan_seri` in the planner's words."""

UNRANKED = "Unit Diminati"
"""How a wish without rank (a Unit Diminati of sheet Pegawai) is named in the outputs."""


@dataclass(frozen=True)
class Priority:
    """One requester's published priority: the points of each part, their sum and the strict rank (1 = first)."""

    i: int  # employee index
    reason: str | None  # the reason whose points count (the strongest), None without one
    evidence: bool  # whether that reason's evidence is attached
    reason_points: int
    tenure_years: int
    tenure_points: int
    performance_points: int
    family_km: float | None = None  # the distance from family that counts (the largest given), None unknown
    family_points: int = 0
    rank: int = 0

    @property
    def points(self) -> int:
        return self.reason_points + self.tenure_points + self.performance_points + self.family_points


def whole_years(start: date, end: date) -> int:
    """Whole years from `start` to `end` (0 when `start` is later)."""
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(0, years)


def reason_points(wishes: tuple[Wish, ...], ref: Reference) -> tuple[str | None, bool, int]:
    """(reason, evidence, points) of the strongest reason among `wishes` (ties: the higher-ranked wish)."""
    best: tuple[str | None, bool, int] = (None, False, 0)
    for wish in wishes:
        alasan = ref.alasan_of(wish.reason) if wish.reason is not None else None
        if alasan is not None and alasan.poin(wish.evidence) > best[2]:
            best = (alasan.kode, wish.evidence, alasan.poin(wish.evidence))
    return best


def performance_points(params: Params, kinerja: str) -> int:
    """The points of a predikat kinerja (`poin_kinerja_*`)."""
    key = PERFORMANCE_PARAMS.get(kinerja)
    return int(getattr(params, key)) if key is not None else 0


def family_distance(wishes: tuple[Wish, ...]) -> float | None:
    """The requester's distance from family: the largest `Jarak Keluarga (km)` of their rows, None when no row
    gives one."""
    return max((w.family_km for w in wishes if w.family_km is not None), default=None)


def family_points(params: Params, km: float | None) -> int:
    """`poin_jarak_keluarga_per_10_km` per whole 10 km, at most `poin_jarak_keluarga_maks`; unknown: 0."""
    if km is None:
        return 0
    return min(params.poin_jarak_keluarga_maks, params.poin_jarak_keluarga_per_10_km * math.floor(km / 10))


def priorities(data: ProblemData, ref: Reference | None = None) -> list[Priority]:
    """Every requester's priority (everyone with a ranked wish or a Unit Diminati), in rank order."""
    ref = ref or load_reference()
    params = data.params
    found: list[Priority] = []
    for i, wishes in enumerate(data.wish_lists):
        if not wishes:
            continue
        e = data.employees[i]
        reason, evidence, points = reason_points(wishes, ref)
        years = whole_years(e.tmt_jabatan, params.tanggal_acuan)
        km = family_distance(wishes)
        found.append(Priority(i=i, reason=reason, evidence=evidence, reason_points=points, tenure_years=years,
                              tenure_points=years * params.poin_masa_jabatan_per_tahun,
                              performance_points=performance_points(params, e.kinerja), family_km=km,
                              family_points=family_points(params, km)))
    found.sort(key=lambda p: _order(data, p))
    return [replace(p, rank=k) for k, p in enumerate(found, 1)]


def priority_ranks(data: ProblemData, ref: Reference | None = None) -> list[int | None]:
    """Each employee's priority rank (1 = first), None for one without wishes: the order the plan's "no justified
    envy" compares (SPEC 9)."""
    ranks: list[int | None] = [None] * len(data.employees)
    for p in priorities(data, ref):
        ranks[p.i] = p.rank
    return ranks


def _order(data: ProblemData, p: Priority) -> tuple[object, ...]:
    """Sort key: more points first, then each tie criterion of `urutan_seri` in turn (the NIP is always last)."""
    e = data.employees[p.i]
    keys: list[object] = [-p.points]
    for rule in data.params.urutan_seri:
        if rule == "masa_jabatan":
            keys.append(e.tmt_jabatan.toordinal())  # the earlier start, the longer in the post
        elif rule == "usia":
            keys.append(e.tanggal_lahir.toordinal() if e.tanggal_lahir else date.max.toordinal())
        else:
            keys.append(e.nip)
    return tuple(keys)


def tie_rule_text(params: Params) -> str:
    """`urutan_seri` in words: 'masa jabatan lebih lama, lalu usia lebih tua, lalu NIP lebih kecil'."""
    return ", lalu ".join(TIE_WORDS[r] for r in params.urutan_seri)


def wish_text(wish: Wish) -> str:
    """One wish in words: 'Dinas Kesehatan (unit kerja; pasangan, dengan bukti)'."""
    kind = {"jabatan": "kode jabatan", "nama": "nama jabatan", "unit": "unit kerja"}[wish.kind]
    if wish.reason is None:
        return f"{wish.target} ({kind}; {UNRANKED})"
    return f"{wish.target} ({kind}; {wish.reason}, {'dengan' if wish.evidence else 'tanpa'} bukti)"


def wishes_text(wishes: tuple[Wish, ...]) -> str:
    """An employee's wishes in order: '1. … ; 2. …', the unranked ones after them."""
    return "; ".join(f"{w.rank}. {wish_text(w)}" if w.rank is not None else wish_text(w) for w in wishes)


def published_rules(params: Params, ref: Reference) -> list[tuple[str, str, int | str]]:
    """The rules that make the points, as published beside them: (part, what, points)."""
    rows: list[tuple[str, str, int | str]] = []
    for a in ref.alasan:
        rows.append(("Alasan", f"{a.kode}, dengan bukti", a.poin_bukti))
        rows.append(("Alasan", f"{a.kode}, tanpa bukti", a.poin_tanpa_bukti))
    rows.append(("Alasan", f"{UNRANKED} saja (tanpa alasan)", 0))
    rows.append(("Masa jabatan", "per tahun penuh dalam jabatan saat ini (sejak TMT Jabatan)",
                 params.poin_masa_jabatan_per_tahun))
    for kinerja in (k.kode for k in ref.kinerja):
        rows.append(("Kinerja", f"predikat {kinerja}", performance_points(params, kinerja)))
    rows.append(("Jarak keluarga", "per 10 km penuh antara tempat kerja sekarang dan tempat tinggal keluarga "
                 f"(paling banyak {params.poin_jarak_keluarga_maks} poin; kosong = 0; bila berbeda antarbaris, yang "
                 "terbesar)", params.poin_jarak_keluarga_per_10_km))
    rows.append(("Poin sama", f"didahulukan: {tie_rule_text(params)}", ""))
    rows.append(("Catatan", "hanya alasan terkuat yang dihitung; alasan tidak dijumlahkan", ""))
    return rows
