"""Recomputing every figure of the fairness report (SPEC 9, sheet `Keadilan`) from the input and the plan.

Written again from the rules, not from `wishes.fairness`: groups from the employee's own fields (age by
`Facts.age_years`, promotion by `Facts.is_promotion`), wishes from `ProblemData.wishes` and each employee's Unit
Diminati, the disparity rule (DISPARITAS) and the publication rule (no count of 1–4 people, no group under 5,
never exactly one hidden count in a part). Only the words (section, group and measure names) are shared.
`fairness_violations` takes the rows as read back from a plan workbook, so it checks what was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from penempatan.check.facts import Facts, Violation, broken, same_text
from penempatan.model import Position, ProblemData, Wish
from penempatan.reference import Reference
from penempatan.wishes import fairness as words

CODE = "KEADILAN"
"""The code of a figure of sheet Keadilan that does not match the input and the plan."""

_Key = tuple[str, str, str]


def fairness_violations(data: ProblemData, assignment: Iterable[int], figures: Iterable[Sequence[Any]],
                        ref: Reference | None = None) -> list[Violation]:
    """Every figure of `figures` (rows of sheet Keadilan, in `wishes.fairness.COLUMNS` order: counts, percents, the
    rate of all, the ratio, the flag and the published copies) that differs from its recomputation, every
    expected row missing and every published cell that breaks the publication rule."""
    facts = Facts(data, ref)
    plan = [int(j) for j in assignment]
    expected = _wish_figures(data, plan) | _group_figures(facts, plan)
    n = len(plan)
    rates = {(section, measure): expected[(words.ALL, "Semua pegawai", measure)][1] / n
             for section in words.GROUPINGS for measure in (words.MOVED, words.PROMOTED)} if n else {}
    out: list[Violation] = []
    seen: set[_Key] = set()
    hidden: dict[tuple[str, str], list[bool]] = {}
    for row in figures:
        cells = dict(zip(words.COLUMNS, row, strict=False))
        key = (str(cells["Bagian"]), str(cells["Kelompok"]), str(cells["Ukuran"]))
        seen.add(key)
        if key not in expected:
            out.append(Violation(CODE, None, None, f"baris {' / '.join(key)} tidak ada pada data dan rencana"))
            continue
        base, count, flag = expected[key]
        written = (cells["Jumlah Orang"], cells["Jumlah"], cells["Tanda Disparitas"] or "")
        if written != (base, count, flag):
            out.append(Violation(CODE, None, None, f"{' / '.join(key)}: tertulis {written}, seharusnya "
                                                   f"{(base, count, flag)}"))
        out += _rates(key, base, count, rates.get((key[0], key[2])), cells)
        out += _published(key, base, count, cells)
        hidden.setdefault((key[0], key[2]), []).append(cells["Publikasi: Jumlah"] == words.HIDDEN)
    out += [Violation(CODE, None, None, f"baris {' / '.join(key)} tidak ada di sheet Keadilan")
            for key in sorted(set(expected) - seen)]
    out += [Violation(CODE, None, None, f"{part[0]} / {part[1]}: tepat satu jumlah disembunyikan, dapat dihitung "
                                        "dari total") for part, flags in hidden.items()
            if sum(flags) == 1 and len(flags) > 1]
    return out


def target_violations(f: Facts, plan: list[int]) -> list[Violation]:
    """R27: every bound of a scenario's distribution targets (`ProblemData.targets`) that the plan misses: of its
    moves (or promotions), the group's share below the minimum or above the maximum percent."""
    return [Violation("R27", None, None, broken("R27", f"{target.words}; tercapai {inside} dari {counted} "
                                                       f"{target.measure}"))
            for target, (counted, inside, met) in zip(f.data.targets, _targets(f, plan), strict=True) if not met]


def _targets(f: Facts, plan: list[int]) -> list[tuple[int, int, bool]]:
    """Per target: (moves or promotions of the plan, those of the group, are the bounds met)."""
    data = f.data
    out = []
    for target in data.targets:
        counted = [i for i, j in enumerate(plan) if j != data.current_post[i]
                   and (target.measure == words.MOVED or f.is_promotion(i, j))]
        inside = sum(_group(f, target.section, i) == target.group for i in counted)
        # Whole numbers: inside/total ≥ minimum/100 exactly when 100·inside ≥ minimum·total.
        low = target.minimum is not None and 100 * inside < target.minimum * len(counted)
        high = target.maximum is not None and 100 * inside > target.maximum * len(counted)
        out.append((len(counted), inside, not (low or high)))
    return out


def _rates(key: _Key, base: int, count: int, overall: float | None, cells: dict[str, Any]) -> list[Violation]:
    """Persen (and its published copy), and for a group the rate of all employees and the ratio to it."""
    own = round(100 * count / base, 1) if base else 0.0
    expected = {"Persen": own, "Persen Semua": "" if overall is None else round(100 * overall, 1),
                "Rasio": round(count / base / overall, 2) if overall and base else ""}
    if cells["Publikasi: Jumlah"] != words.HIDDEN:
        expected["Publikasi: Persen"] = own
    return [Violation(CODE, None, None, f"{' / '.join(key)}: {column} {cells[column]}, seharusnya {value}")
            for column, value in expected.items() if cells[column] != value]


def _published(key: _Key, base: int, count: int, cells: dict[str, Any]) -> list[Violation]:
    """No group under 5 people and no count of 1–4 people in the publication columns."""
    out = []
    people, shown = cells["Publikasi: Jumlah Orang"], cells["Publikasi: Jumlah"]
    if people != words.HIDDEN and (people != base or base < words.SUPPRESS_BELOW):
        out.append(Violation(CODE, None, None, f"{' / '.join(key)}: jumlah orang {people} diterbitkan"))
    if shown != words.HIDDEN and (shown != count or 0 < count < words.SUPPRESS_BELOW
                                  or base < words.SUPPRESS_BELOW):
        out.append(Violation(CODE, None, None, f"{' / '.join(key)}: jumlah {shown} diterbitkan"))
    return out


def _wish_figures(data: ProblemData, plan: list[int]) -> dict[_Key, tuple[int, int, str]]:
    """Per rank: requesters with a wish of that rank and those who got it; then all requesters. A Unit Diminati
    already named by a ranked wish, or naming no unit of sheet Jabatan, is no wish of its own."""
    ranked: dict[str, dict[int, Wish]] = {}
    named: dict[str, list[str]] = {}
    for wish in data.wishes:
        ranked.setdefault(wish.nip, {})[wish.rank or 0] = wish
        if wish.kind == "unit":
            named.setdefault(wish.nip, []).append(wish.key)
    units = {p.unit for p in data.positions}
    have: dict[str, int] = {}
    got: dict[str, int] = {}
    requesters = granted = 0
    for i, e in enumerate(data.employees):
        mine = ranked.get(e.nip, {})
        extra = [u for u in e.unit_diminati if any(same_text(u, unit) for unit in units)
                 and not any(same_text(u, n) for n in named.get(e.nip, []))]
        if not mine and not extra:
            continue
        requesters += 1
        for label in [f"Urutan {r}" for r in mine] + ([words.UNRANKED] if extra else []):
            have[label] = have.get(label, 0) + 1
        if plan[i] == data.current_post[i]:
            continue
        post = data.positions[plan[i]]
        hit = next((f"Urutan {r}" for r in sorted(mine) if _names(mine[r], post)), None)
        if hit is None and any(same_text(post.unit, u) for u in extra):
            hit = words.UNRANKED
        if hit is not None:
            got[hit] = got.get(hit, 0) + 1
            granted += 1
    out = {(words.WISHES, label, words.GRANTED): (n, got.get(label, 0), "") for label, n in have.items()}
    out[(words.WISHES, words.ALL_REQUESTERS, words.GRANTED)] = (requesters, granted, "")
    out[(words.WISHES, words.ALL_REQUESTERS, words.REFUSED)] = (requesters, requesters - granted, "")
    return out


def _names(wish: Wish, post: Position) -> bool:
    """Whether the wish names this post: its code, or its name or unit whatever the case and spacing."""
    if wish.kind == "jabatan":
        return wish.key == post.kode
    return same_text(wish.key, post.nama if wish.kind == "nama" else post.unit)


def _group_figures(f: Facts, plan: list[int]) -> dict[_Key, tuple[int, int, str]]:
    """Moves and promotions of all employees and of each group, with the disparity flag of each group."""
    data = f.data
    n = len(plan)
    moved = [plan[i] != data.current_post[i] for i in range(n)]
    promoted = [moved[i] and f.is_promotion(i, plan[i]) for i in range(n)]
    out = {(words.ALL, "Semua pegawai", words.MOVED): (n, sum(moved), ""),
           (words.ALL, "Semua pegawai", words.PROMOTED): (n, sum(promoted), "")}
    for section in words.GROUPINGS:
        groups: dict[str, list[int]] = {}
        for i in range(n):
            groups.setdefault(_group(f, section, i), []).append(i)
        for measure, had in ((words.MOVED, moved), (words.PROMOTED, promoted)):
            rate = sum(had) / n if n else 0.0
            for group, people in groups.items():
                count = sum(had[i] for i in people)
                out[(section, group, measure)] = (len(people), count, _flag(data, len(people), count, rate))
    for target, (counted, inside, met) in zip(data.targets, _targets(f, plan), strict=True):
        out[(words.TARGETS, f"{target.section}: {target.group}", target.measure)] = (
            counted, inside, words.MET if met else words.MISSED)
    return out


def _group(f: Facts, section: str, i: int) -> str:
    e = f.data.employees[i]
    if section == "Jenis Kelamin":
        return words.SEX[e.jenis_kelamin] if e.jenis_kelamin else words.UNKNOWN
    if section == "Kelompok Usia":
        age = f.age_years(i)
        return words.UNKNOWN if age is None else next(label for low, high, label in words.AGE_BANDS
                                                      if low <= age < high)
    if section == "Golongan":
        golongan = f.ref.golongan.get(e.golongan)
        return "PPPK" if golongan is None or golongan.jenis == "PPPK" else e.golongan.split("/")[0]
    return f.current(i).unit


def _flag(data: ProblemData, base: int, count: int, rate: float) -> str:
    """DISPARITAS, as SPEC 9 and the parameters state it."""
    p = data.params
    if base < p.kelompok_minimal_disparitas:
        return words.SMALL
    own = count / base
    if rate == 0 or rate / p.batas_disparitas <= own <= rate * p.batas_disparitas:
        return ""
    from scipy.stats import binomtest  # 0.8 s to import: only when a group is outside the band

    if binomtest(count, base, rate).pvalue >= words.SIGNIFICANCE:
        return ""
    return words.HIGH if own > rate else words.LOW
