"""Checking the wishes in a plan (SPEC 9) from the input and the plan alone: a closed post takes no newcomer but a
granted wish, and nobody has justified envy.

Justified envy: requester i wished post p above their outcome (the first of their ranked wishes that holds their
final post; none = below every wish), and p went to a newcomer with fewer points (a lower priority rank, or no
wish at all) while no named rule blocked i there: a per-mover rule (check.movers, except R16 and R24, which a
request lifts), R15 (a scenario's kunci on that newcomer), the wish's value limit (`batas_biaya_permintaan`), R13
(i's unit at its leavers' cap in the plan), R14 (the plan at `maks_mutasi`) or R21 (i holds a filled seat and p
lies in another location or profession pool: their leaving would leave it a seat short, as the wishes are served).
"""

from __future__ import annotations

import math
from fractions import Fraction

from penempatan.check.facts import Violation
from penempatan.check.movers import Rules
from penempatan.model import Position, ProblemData
from penempatan.wishes.priority import priorities

LIFTED = ("R16", "R24")
"""Per-mover rules that one's own request lifts: willingness (R16) and no move near BUP unless asked (R24)."""


def wish_violations(data: ProblemData, rules: Rules, plan: list[int], fit: dict[tuple[int, int], int]
                    ) -> list[Violation]:
    """Every closed post that took another newcomer, and every case of justified envy (`fit`: the fit the plan
    reports per pair, as `check_plan` takes it)."""
    if not data.wishes and not data.closed_posts:
        return []
    cur = data.current_post
    pinned = {(data.employee_index[p.nip], data.position_index[p.kode_jabatan]) for p in data.pins}
    scenario_pin = {data.employee_index[p.nip] for p in data.pins if p.permintaan is None}
    closed = {data.position_index[k] for k in data.closed_posts}
    out: list[Violation] = []
    newcomers: dict[int, list[int]] = {}
    for i, j in enumerate(plan):
        if j == cur[i]:
            continue
        newcomers.setdefault(j, []).append(i)
        if j in closed and (i, j) not in pinned:
            out.append(Violation("R11", data.employees[i].nip, data.positions[j].kode,
                                 "jabatan ditutup bagi pegawai baru (permintaan berprioritas lebih tinggi ditolak "
                                 "karena tidak ada kursi) tetapi diisi pegawai lain"))
    rank = {p.i: p.rank for p in priorities(data, rules.ref)}
    blocked = _Blocks(data, rules, plan, fit)
    for i, wishes in enumerate(data.wish_lists):
        ranked = [w for w in wishes if w.rank is not None]
        if not ranked:
            continue
        outcome = next((k for k, w in enumerate(ranked) if plan[i] in data.posts_of(w)), len(ranked))
        for wish in ranked[:outcome]:
            for p in data.posts_of(wish):
                for j in newcomers.get(p, ()):
                    if j == i or rank.get(j, math.inf) < rank[i] or j in scenario_pin:
                        continue
                    why = blocked.why(i, p)
                    if not why:
                        out.append(Violation("SPEC9", data.employees[i].nip, data.positions[p].kode,
                                             f"permintaan urutan {wish.rank} ditolak padahal tidak terhalang aturan, "
                                             f"dan jabatan ini diisi {data.employees[j].nip} yang poinnya lebih "
                                             "rendah (kecemburuan yang beralasan)"))
    return out


class _Blocks:
    """What blocks requester i from post p in this plan (the named rules of the module docstring)."""

    def __init__(self, data: ProblemData, rules: Rules, plan: list[int], fit: dict[tuple[int, int], int]) -> None:
        self.data, self.rules, self.plan, self.fit = data, rules, plan, fit
        cur = data.current_post
        self.moves = sum(j != c for j, c in zip(plan, cur, strict=True))
        staff: dict[str, int] = {}
        self.leavers: dict[str, int] = {}
        for i, j in enumerate(plan):
            unit = data.positions[cur[i]].unit
            staff[unit] = staff.get(unit, 0) + 1
            if data.positions[j].unit != unit:
                self.leavers[unit] = self.leavers.get(unit, 0) + 1
        pct = Fraction(repr(data.params.maks_keluar_unit_persen))
        self.cap = {unit: math.floor(n * pct / 100) for unit, n in staff.items()}

    def why(self, i: int, p: int) -> list[str]:
        d = self.data
        codes = [v.rule for v in self.rules.move_violations(i, p) if v.rule not in LIFTED]
        unit = d.positions[d.current_post[i]].unit
        if d.positions[p].unit != unit and self.leavers.get(unit, 0) >= self.cap.get(unit, 0):
            codes.append("R13")
        if d.params.maks_mutasi is not None and self.moves >= d.params.maks_mutasi:
            codes.append("R14")
        if self._leaves_short(i, p):
            codes.append("R21")
        if not codes and self._too_costly(i, p):
            codes.append("batas_biaya_permintaan")
        return codes

    def _leaves_short(self, i: int, p: int) -> bool:
        """R21 as the wishes are served (SPEC 9): a requester holding a filled seat (their post not over-staffed
        today) leaves their location, or their scarce profession's pool, one seat short by moving to p elsewhere."""
        d, ref = self.data, self.rules.ref
        if d.params.kekurangan_unit_boleh_naik:
            return False
        a = d.current_post[i]
        here, there = d.positions[a], d.positions[p]
        if self.rules.holders_before[a] > here.kebutuhan:
            return False

        def where(post: Position) -> tuple[str, str, str | None]:
            return (post.unit, ref.place_of(post.nama, post.unit, post.lokasi),
                    ref.jf_of(post.nama, post.rumpun_jf) if post.rumpun_jf else None)

        (unit, place, family), (unit2, place2, family2) = where(here), where(there)
        return (unit, place) != (unit2, place2) or (family is not None and (unit, family) != (unit2, family2))

    def _too_costly(self, i: int, p: int) -> bool:
        """The move's nilai is more than `batas_biaya_permintaan` below staying (SPEC 4's nilai, from the fit the
        plan reports, as the rest of the checker); a pair whose fit the plan does not report counts as too costly
        (the candidates hold every pair with a purpose, and a wish refused for its cost is rarely one)."""
        cur = self.data.current_post[i]
        if (i, p) not in self.fit or (i, cur) not in self.fit:
            return True
        stay = self.fit[(i, cur)]
        move = self.rules.nilai(i, p, self.fit[(i, p)], stay)
        return move < self.rules.nilai(i, cur, stay) - self.data.params.batas_biaya_permintaan
