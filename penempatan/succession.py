"""The succession plan (`penempatan suksesi`, sheet `Rencana Suksesi`, SPEC 8): for every key post, up to three
successors with their readiness, chosen jointly, and the posts ranked by risk.

Key posts are every JPT Pratama and Administrator post and every must-fill (Wajib Diisi) or scarce-profession JF
post. A successor is an employee, not a holder of the post, whose current post is at the post's tingkat or one
below (R9: a promotion is at most one tingkat), among the best by fit (the plan's own fit, `Tables.class_parts`),
who passes every per-mover hard rule of the independent checker (`check.Rules.pair_rules`) within 36 months.
Readiness is the first of READINESS_MONTHS at which the checker, run on the data with `tanggal_acuan` that many
months later, finds nothing; the gap to close is what it says today.

Rules about this round rather than the person are left out (R15 scenario, R16 unwilling, R17 Pilkada window),
and for a JPT Pratama post so is R20: it is filled only by open selection, and a successor is a talent-pool
candidate for that selection (the sheet says so on each such row).

Successors are chosen jointly by a min-cost flow: each post up to three, the first two worth much more than the
third, nobody the ready-now successor of more than two posts, ready-now successors preferred (more so for a post
at risk), then fit and sooner readiness. Pure functions of ProblemData: nothing here prints or writes.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from penempatan.check import Rules
from penempatan.model import ProblemData
from penempatan.reference import Reference
from penempatan.rules import RULES
from penempatan.scoring import JPT, Tables, total
from penempatan.scoring.eligibility import perpindahan_gates
from penempatan.solver.flow import arc_flows

READINESS_MONTHS = (0, 3, 6, 9, 12, 18, 24, 36)
"""The dates (months after tanggal_acuan) at which readiness is tested; beyond the last, not a successor."""
HORIZON = READINESS_MONTHS[-1]
RETIRING_MONTHS = 24
"""A holder this close to BUP puts the post at risk (SPEC 8)."""
SUCCESSORS_MAX = 3
SUCCESSORS_MIN = 2
READY_NOW_MAX = 2
"""Nobody is the ready-now successor of more than this many posts (SPEC 8)."""
POOL_MIN = 20
"""Candidates kept per post class (at least; three per key post of the class when more)."""
WIDENINGS = 2
"""Times a class's pool is doubled when a post of it is left short because its ready-now people went elsewhere."""
EVALUATED_PER_KEPT = 4
"""How far down the fit order the checker looks for the pool: this many candidates per one kept, plus POOL_MIN."""

ROUND_RULES = ("R15", "R16", "R17")
"""Per-mover rules about this round (scenario, willingness, Pilkada window), not about the person."""
SELECTION_RULE = "R20"
"""Skipped for a JPT Pratama post: its successors are talent-pool candidates for the open selection."""
IMPROVING_RULES = frozenset({"R1", "R10", "R22", "R23"})
"""Rules that time can lift (tenure, a sanction that ends, R22's experience); any other failing rule stays
failed at every later date (R4 and R24 only come nearer), so the search for readiness stops there."""

SLOT_VALUE = 1_000
"""What each of a post's first two successors is worth in the flow, more than any difference between people."""
READY_NOW_VALUE = 100
"""A ready-now successor's extra value (more than any difference in fit), doubled for a post at risk."""
KEY_KINDS = ("JPT Pratama", "Administrator", "JF wajib diisi", "JF profesi langka")

SELECTION_NOTE = "mengikuti seleksi terbuka JPT Pratama (R20): calon dari talent pool"
NO_BAND = "tidak ada pegawai pada tingkat jabatan ini atau satu tingkat di bawahnya"
NOT_QUALIFIED = f"tidak ada pegawai yang memenuhi syarat dalam {HORIZON} bulan"
TAKEN = (f"calon lain yang memenuhi syarat sudah menjadi calon siap sekarang di {READY_NOW_MAX} jabatan kunci "
         "lain")


def add_months(d: date, months: int) -> date:
    """`d` plus whole months; a day past the target month's end becomes its last day (31 Jan + 1 = 28/29 Feb)."""
    year, month = divmod(d.month - 1 + months, 12)
    year += d.year
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def at_month(data: ProblemData, months: int) -> ProblemData:
    """The same data with tanggal_acuan `months` later: what the rules see then (tenure grows, sanctions end,
    retirement nears; nothing else changes)."""
    when = add_months(data.params.tanggal_acuan, months)
    return data.replace(params=data.params.model_copy(update={"tanggal_acuan": when}))


def rules_for(post_is_jpt: bool) -> frozenset[str]:
    """The per-mover rule codes left out of readiness for a post (see the module docstring)."""
    return frozenset(ROUND_RULES) | ({SELECTION_RULE} if post_is_jpt else frozenset())


@dataclass(frozen=True)
class Successor:
    """Employee `i` as a successor: fit in the post, the first month every rule passes, and what the checker
    says today (the gap to close; empty when ready now)."""

    i: int
    fit: int
    months: int
    gaps: tuple[str, ...]

    @property
    def ready_now(self) -> bool:
        return self.months == 0


@dataclass(frozen=True)
class KeyPost:
    """One key post, its holders and risk, and its successors (ready now first, then by readiness and fit)."""

    j: int
    kind: str
    holders: tuple[int, ...]
    retire_months: int | None  # the soonest holder's months to BUP; None: no holder or no birth date
    empty_seats: int
    successors: tuple[Successor, ...]
    reason: str  # why there are fewer than SUCCESSORS_MIN successors ("" when there are enough)
    rank: int = 0

    @property
    def retiring(self) -> bool:
        return self.retire_months is not None and self.retire_months <= RETIRING_MONTHS

    @property
    def risk_points(self) -> int:
        """Holder near BUP 3, empty seat 3, empty bench 4, fewer than two successors 2, none ready now 1."""
        n = len(self.successors)
        return (3 * self.retiring + 3 * (self.empty_seats > 0) + (4 if n == 0 else 2 if n < SUCCESSORS_MIN else 0)
                + (not any(s.ready_now for s in self.successors)))

    def risks(self) -> list[str]:
        """The post's risks in words, gravest first."""
        out = []
        if self.retiring:
            out.append(f"pemangku pensiun dalam {self.retire_months} bulan")
        if self.empty_seats:
            out.append(f"{self.empty_seats} kursi kosong")
        if not self.successors:
            out.append("tidak ada calon pengganti")
        elif len(self.successors) < SUCCESSORS_MIN:
            out.append(f"hanya {len(self.successors)} calon pengganti")
        elif not any(s.ready_now for s in self.successors):
            out.append("tidak ada calon yang siap sekarang")
        return out


@dataclass(frozen=True)
class SuccessionPlan:
    """Every key post, ranked by risk (rank 1 first), with its successors."""

    data: ProblemData
    tables: Tables
    posts: tuple[KeyPost, ...]
    skipped: dict[str, str] = field(default_factory=dict)  # rule code -> why it is not part of readiness


def key_kinds(t: Tables) -> list[str | None]:
    """Per post, why it is a key post (one of KEY_KINDS), or None."""
    out: list[str | None] = []
    for j, q in enumerate(t.data.positions):
        if q.jenis in KEY_KINDS[:2]:
            out.append(q.jenis)
        elif t.post_wajib[j]:
            out.append(KEY_KINDS[2])
        elif t.post_pool[j] >= 0:
            out.append(KEY_KINDS[3])
        else:
            out.append(None)
    return out


PairRule = Callable[[int, int], str | None]
_Ready = tuple[int | None, tuple[str, ...], tuple[str, ...]]


class Readiness:
    """The checker at each readiness date, asked once per (employee, post class, rules left out): posts of one
    class differ only in what the left-out rules look at (unit, code, vacancy), so every rule kept answers alike
    for them."""

    def __init__(self, data: ProblemData, ref: Reference) -> None:
        self.data, self.ref = data, ref
        self._rules: dict[int, dict[str, PairRule]] = {}
        self._cache: dict[tuple[int, int, frozenset[str]], _Ready] = {}

    def _rules_at(self, months: int) -> dict[str, PairRule]:
        if months not in self._rules:
            data = self.data if months == 0 else at_month(self.data, months)
            self._rules[months] = dict(Rules(data, self.ref).pair_rules)
        return self._rules[months]

    def failing(self, months: int, i: int, j: int, skip: frozenset[str]) -> dict[str, str]:
        """The kept rules employee i moving into post j breaks `months` after tanggal_acuan: message by code."""
        out = {}
        for code, rule in self._rules_at(months).items():
            if code not in skip:
                message = rule(i, j)
                if message is not None:
                    out[code] = message
        return out

    def ready(self, i: int, c: int, j: int, skip: frozenset[str]) -> _Ready:
        """(first month every kept rule passes or None, today's messages, the codes still failing at the last
        date tried) for employee i and post j of class c."""
        key = (i, c, skip)
        if key not in self._cache:
            gaps: tuple[str, ...] = ()
            found: int | None = None
            codes: tuple[str, ...] = ()
            for months in READINESS_MONTHS:
                failing = self.failing(months, i, j, skip)
                if months == 0:
                    gaps = tuple(failing.values())
                if not failing:
                    found = months
                    break
                codes = tuple(failing)
                if not set(failing) <= IMPROVING_RULES:
                    break
            self._cache[key] = (found, gaps, codes)
        return self._cache[key]


@dataclass
class _Pool:
    """The candidates of one post class: employees ready within the horizon, best fit first, and the rule codes
    that kept the others out (for the reason a post has no successor)."""

    emp: list[int] = field(default_factory=list)
    fit: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    gaps: list[tuple[str, ...]] = field(default_factory=list)
    band: int = 0
    exhausted: bool = True  # every employee passing the prefilter was asked
    blocked: Counter[str] = field(default_factory=Counter)


def _static_blocks(t: Tables, c: int, emp: np.ndarray, skip: frozenset[str]) -> dict[str, np.ndarray]:
    """Rules that keep employees `emp` out of class c at every date (the scoring's masks, a prefilter only: the
    checker decides): R6, R7, R8, R9, R18, R19, R22's selection, age, predikat and licence; R5 and, since
    retirement only comes nearer, R4 and R24; R23 for a kotak or predikat (a sanction ends)."""
    excl = t.class_exclusions(c, emp)
    out = {code: excl[code] for code in ("R6", "R7", "R8", "R9", "R18", "R19") if code not in skip}
    gates = perpindahan_gates(t, t.classes[c], emp)
    if gates:
        out["R22"] = gates["seleksi"] | gates["usia"] | gates["predikat"] | gates["lisensi"]
    holds = [t.hold_reasons[i] for i in emp.tolist()]
    for code in ("R4", "R5", "R24"):
        out[code] = np.array([code in h for h in holds], dtype=bool)
    out["R23"] = np.array([("R23" in h) for h in holds], dtype=bool) & ~t.emp_sanction_active[emp]
    return out


def _pool(t: Tables, readiness: Readiness, c: int, rep: int, size: int) -> _Pool:
    """Class c's candidates: the tingkat band, the static prefilter, then the checker down the fit order until
    `size` are ready within the horizon."""
    pc = t.classes[c]
    skip = rules_for(pc.jenis == JPT)
    pool = _Pool()
    emp_tingkat = t.post_tingkat[t.cur]
    band = np.nonzero((emp_tingkat == pc.tingkat) | (emp_tingkat == pc.tingkat - 1))[0]
    pool.band = len(band)
    if not len(band):
        return pool
    blocks = _static_blocks(t, c, band, skip)
    blocked = np.logical_or.reduce(list(blocks.values()))
    for code, mask in blocks.items():
        if mask.any():
            pool.blocked[code] += int(mask.sum())
    free = band[~blocked]
    fit = total(t.class_parts(c, free)) if len(free) else np.zeros(0, dtype=np.int64)
    order = np.lexsort((free, -fit))
    asked = EVALUATED_PER_KEPT * size + POOL_MIN
    pool.exhausted = asked >= len(order)
    for k in order[:asked].tolist():
        i = int(free[k])
        months, gaps, codes = readiness.ready(i, c, rep, skip)
        if months is None:
            pool.blocked.update(codes)
            continue
        pool.emp.append(i)
        pool.fit.append(int(fit[k]))
        pool.months.append(months)
        pool.gaps.append(gaps)
        if len(pool.emp) >= size:
            pool.exhausted = False
            break
    return pool


def _blocking_text(pool: _Pool) -> str:
    """The most common rules keeping people out, with how many each keeps out."""
    top = sorted(pool.blocked.items(), key=lambda kv: (-kv[1], int(kv[0][1:])))[:3]
    return "; ".join(f"{RULES[code].text} ({code}, {n} pegawai)" for code, n in top)


def _reason(pool: _Pool, available: int, chosen: int) -> str:
    """Why a post has fewer than SUCCESSORS_MIN successors, in words ("" when it has enough)."""
    if chosen >= SUCCESSORS_MIN:
        return ""
    if pool.band == 0:
        return NO_BAND
    if available > chosen:
        return TAKEN
    why = _blocking_text(pool)
    if available == 0:
        return f"{NOT_QUALIFIED}: {why}" if why else NOT_QUALIFIED
    return f"hanya {available} pegawai yang memenuhi syarat dalam {HORIZON} bulan" + (f": {why}" if why else "")


def _choose(pools: list[_Pool], holders: list[set[int]], at_risk: list[bool]) -> list[list[int]]:
    """The successors of every key post at once (a min-cost flow; see the module docstring): per post, the
    positions chosen in its pool."""
    n = len(pools)
    ready_people = sorted({pool.emp[k] for pool in pools for k in range(len(pool.emp)) if pool.months[k] == 0})
    person_node = {i: 2 + n + k for k, i in enumerate(ready_people)}
    source, sink = 0, 1
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []
    where: list[tuple[int, int]] = []  # per pair arc: (post position, pool position)

    def arc(tail: int, head: int, cap: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        costs.append(cost)

    for p in range(n):
        arc(source, 2 + p, SUCCESSORS_MIN, -SLOT_VALUE)
        arc(source, 2 + p, SUCCESSORS_MAX - SUCCESSORS_MIN, 0)
    for node in person_node.values():
        arc(node, sink, READY_NOW_MAX, 0)
    first_pair = len(tails)
    for p, pool in enumerate(pools):
        bonus = READY_NOW_VALUE * (2 if at_risk[p] else 1)
        for k, i in enumerate(pool.emp):
            if i in holders[p]:
                continue
            months = pool.months[k]
            if months == 0:
                arc(2 + p, person_node[i], 1, -(pool.fit[k] + bonus))
            else:
                arc(2 + p, sink, 1, -(pool.fit[k] + (HORIZON - months) // 3))
            where.append((p, k))
    supply = SUCCESSORS_MAX * n
    arc(source, sink, supply, 0)
    out: list[list[int]] = [[] for _ in range(n)]
    if not where:
        return out
    supplies = np.zeros(2 + n + len(person_node), dtype=np.int64)
    supplies[source], supplies[sink] = supply, -supply
    flows = arc_flows(np.array(tails), np.array(heads), np.array(caps), np.array(costs), supplies)
    for (p, k), used in zip(where, flows[first_pair: first_pair + len(where)].tolist(), strict=True):
        if used:
            out[p].append(k)
    return out


def succession(data: ProblemData, tables: Tables | None = None, readiness: Readiness | None = None) -> SuccessionPlan:
    """The succession plan of `data` at its tanggal_acuan (see the module docstring); `readiness` lets a caller
    share the checker's dates and answers (explain's career part asks about one person too)."""
    t = tables or Tables(data)
    kinds = key_kinds(t)
    posts = [j for j, kind in enumerate(kinds) if kind is not None]
    readiness = readiness or Readiness(data, t.ref)
    by_class: dict[int, list[int]] = {}
    for j in posts:
        by_class.setdefault(int(t.post_class[j]), []).append(j)
    size = {c: max(POOL_MIN, SUCCESSORS_MAX * len(members)) for c, members in by_class.items()}
    class_pool = {c: _pool(t, readiness, c, by_class[c][0], size[c]) for c in sorted(by_class)}
    holders = [set(data.holders[j]) for j in posts]
    retire = [_soonest(t, data.holders[j]) for j in posts]
    empty = [max(0, int(t.post_keb[j] - t.holders[j])) for j in posts]
    at_risk = [(r is not None and r <= RETIRING_MONTHS) or e > 0 for r, e in zip(retire, empty, strict=True)]
    for _ in range(WIDENINGS + 1):
        pools = [class_pool[int(t.post_class[j])] for j in posts]
        chosen = _choose(pools, holders, at_risk)
        # A post left short while its class has people not yet asked: its ready-now people went to other posts.
        short = {int(t.post_class[j]) for p, j in enumerate(posts)
                 if len(chosen[p]) < SUCCESSORS_MIN and not pools[p].exhausted}
        if not short:
            break
        for c in sorted(short):
            size[c] *= 2
            class_pool[c] = _pool(t, readiness, c, by_class[c][0], size[c])
    out = []
    for p, j in enumerate(posts):
        pool = pools[p]
        successors = sorted((Successor(pool.emp[k], pool.fit[k], pool.months[k], pool.gaps[k]) for k in chosen[p]),
                            key=lambda s: (s.months, -s.fit, s.i))
        available = sum(i not in holders[p] for i in pool.emp)
        out.append(KeyPost(j, kinds[j] or "", tuple(data.holders[j]), retire[p], empty[p], tuple(successors),
                           _reason(pool, available, len(successors))))
    # Equal risk: the higher post first, then the sooner retirement.
    ranked = sorted(out, key=lambda k: (-k.risk_points, -int(t.post_tingkat[k.j]),
                                        k.retire_months if k.retire_months is not None else 10**6,
                                        data.positions[k.j].kode))
    final = tuple(KeyPost(k.j, k.kind, k.holders, k.retire_months, k.empty_seats, k.successors, k.reason, rank)
                  for rank, k in enumerate(ranked, 1))
    skipped = {code: "tentang putaran ini, bukan tentang pegawai" for code in ROUND_RULES}
    skipped[SELECTION_RULE] = "untuk JPT Pratama: calon pengganti adalah calon talent pool untuk seleksi terbuka"
    return SuccessionPlan(data, t, final, skipped)


def _soonest(t: Tables, holders: list[int]) -> int | None:
    known = [int(t.retirement_months[i]) for i in holders if t.data.employees[i].tanggal_lahir is not None]
    return min(known) if known else None


def summary(plan: SuccessionPlan) -> list[tuple[str, int | str | date]]:
    """The headline numbers of a succession plan, as (label, value) rows (sheet Ringkasan, terminal)."""
    posts = plan.posts
    successors = [s for k in posts for s in k.successors]
    kinds = Counter(k.kind for k in posts)
    rows: list[tuple[str, int | str | date]] = [
        ("Tanggal acuan", plan.data.params.tanggal_acuan),
        ("Jabatan kunci", len(posts)),
        *((f"Jabatan kunci: {kind}", kinds[kind]) for kind in KEY_KINDS),
        (f"Jabatan dengan ≥ {SUCCESSORS_MIN} calon pengganti", sum(len(k.successors) >= SUCCESSORS_MIN for k in posts)),
        ("Jabatan dengan 1 calon pengganti", sum(len(k.successors) == 1 for k in posts)),
        ("Jabatan tanpa calon pengganti", sum(not k.successors for k in posts)),
        (f"Pemangku pensiun dalam {RETIRING_MONTHS} bulan", sum(k.retiring for k in posts)),
        ("Jabatan kunci dengan kursi kosong", sum(k.empty_seats > 0 for k in posts)),
        ("Calon pengganti (baris)", len(successors)),
        ("Pegawai yang menjadi calon pengganti", len({s.i for s in successors})),
        ("Calon siap sekarang (baris)", sum(s.ready_now for s in successors)),
        ("Kesiapan diuji pada bulan ke-", ", ".join(str(m) for m in READINESS_MONTHS)),
    ]
    rows += [(f"Aturan {code} tidak dipakai untuk kesiapan", why) for code, why in plan.skipped.items()]
    return rows
