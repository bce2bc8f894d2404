"""Vacancy chains (`Rantai Mutasi`): who took the seat vacated by whom, ids C001…, and what a planner should know
before approving or rejecting one chain alone (R11–R15, R21)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from penempatan.explain.rows import ChainRow
from penempatan.explain.words import post_text
from penempatan.model import ProblemData
from penempatan.result import Result

if TYPE_CHECKING:
    from penempatan.explain.view import PlanView

R21_KINDS = ("lokasi", "profesi")
"""R21's two groupings of posts: locations (a school, a puskesmas, the rest of a unit) and scarce professions
(Guru, each health profession) within a unit; neither may end with fewer seats filled than today."""


@dataclass(frozen=True)
class Chain:
    """A vacancy chain (starts at a post that gains a person) or a cycle (a closed ring of moves).

    `members` are employee indices in order: each one's target post is the previous one's origin; the
    first fills a vacancy (chain) or the last one's origin (cycle).
    """

    id: str
    members: tuple[int, ...]
    cycle: bool


def chain_list(data: ProblemData, result: Result) -> list[Chain]:
    """Every move in exactly one vacancy chain or cycle, ids C001… ordered by first employee index.

    At each post the people leaving are paired, in index order, with the people arriving ("who took the
    seat vacated by whom"); arrivals beyond the departures fill vacancies and start chains, departures
    beyond the arrivals end them. What is left after following every chain are closed cycles.
    """
    cur = data.current_post
    target = [int(j) for j in result.assignment]
    movers = [i for i in range(len(cur)) if target[i] != cur[i]]
    leaving: dict[int, list[int]] = {}
    arriving: dict[int, list[int]] = {}
    for i in movers:
        leaving.setdefault(cur[i], []).append(i)
        arriving.setdefault(target[i], []).append(i)
    successor: dict[int, int] = {}  # mover -> the mover who took their vacated seat
    starts: list[int] = []
    for post, comers in arriving.items():
        goers = leaving.get(post, [])
        for goer, comer in zip(goers, comers, strict=False):
            successor[goer] = comer
        starts.extend(comers[len(goers):])
    groups: list[tuple[tuple[int, ...], bool]] = []
    seen: set[int] = set()
    for s in sorted(starts):
        members = [s]
        while members[-1] in successor:
            members.append(successor[members[-1]])
        seen.update(members)
        groups.append((tuple(members), False))
    for i in movers:  # ascending, so each cycle starts at its smallest index
        if i in seen:
            continue
        # Every mover left has a successor (a path without one ends a chain), so this closes a ring:
        # i first, then who took i's seat, and so on back to i.
        members = [i]
        while successor[members[-1]] != i:
            members.append(successor[members[-1]])
        seen.update(members)
        groups.append((tuple(members), True))
    groups.sort(key=lambda g: g[0][0])
    return [Chain(f"C{k:03d}", members, cycle) for k, (members, cycle) in enumerate(groups, 1)]


def in_chain_order(view: PlanView) -> list[int]:
    """The movers chain by chain, each chain in its order (the order of `Usulan Mutasi`)."""
    chain_of = view.chain_of
    return sorted(view.movers, key=lambda i: (chain_of[i][0].id, chain_of[i][1]))


def chain_rows(view: PlanView) -> list[ChainRow]:
    """`Rantai Mutasi`: one row per vacancy chain or cycle."""
    return [ChainRow(id=c.id, cycle=c.cycle, size=len(c.members), order=order_text(view, c),
                     units=tuple(chain_units(view, c)), gain=chain_gain(view, c), alone_ok=alone_ok(view, c),
                     notes=tuple(links(view, c)), start=_start(view, c), steps=_steps(view, c))
            for c in view.chains]


def order_text(view: PlanView, c: Chain) -> str:
    """The chain as a planner reads it: the seat filled first, then who fills each vacated seat.

    'Kursi kosong X ← A (dari Y) ← B (dari Z)': A takes the vacancy X, B takes A's old seat Y, and
    so on; the last origin is the seat the chain leaves behind. A cycle ends where it started.
    """
    d = view.data
    first = c.members[0]
    head = "Siklus: kursi " if c.cycle else "Kursi kosong "
    steps = [head + post_text(d, view.target[first])]
    for i in c.members:
        q = d.positions[view.cur[i]]
        steps.append(f"{d.employees[i].nama} (dari {q.kode} {q.nama}, {q.unit})")
    text = " ← ".join(steps)
    last = view.cur[c.members[-1]]
    if c.cycle:
        return text + "; siklus tertutup"
    if view.t.holders[last] > view.t.post_keb[last]:
        return text + f"; kelebihan pegawai di {post_text(d, last)} berkurang (R11)"
    return text + f"; kursi {post_text(d, last)} ditinggalkan kosong"


def _start(view: PlanView, c: Chain) -> str:
    first = view.data.positions[view.target[c.members[0]]]
    return (f"siklus tertutup mulai {first.kode}" if c.cycle
            else f"mengisi kursi kosong {first.kode} {first.nama} ({first.unit})")


def _steps(view: PlanView, c: Chain) -> tuple[str, ...]:
    d = view.data
    return tuple(f"{d.employees[i].nama} ({d.employees[i].nip}): {d.positions[view.cur[i]].kode} → "
                 f"{d.positions[view.target[i]].kode}" for i in c.members)


def chain_units(view: PlanView, c: Chain) -> list[str]:
    """Units the chain's people leave or enter, in order of first appearance."""
    names = view.t.unit_names
    units = [names[view.t.post_unit[j]] for i in c.members for j in (view.target[i], view.cur[i])]
    return list(dict.fromkeys(units))


def chain_gain(view: PlanView, c: Chain) -> int:
    """Σ over the chain's people of (score in the new post − score in the old one)."""
    return sum(int(view.assigned_scores[i]) - int(view.stay_scores[i]) for i in c.members)


def staffing_gain(view: PlanView, c: Chain) -> int:
    """SPEC 4 v3: the change in staffing value (Σ seat value × seats filled) that chain c alone makes: the seat
    it fills against the seat it empties (none when that one was over-staffed); 0 for a cycle."""
    t = view.t
    touched: dict[int, int] = {}
    for i in c.members:
        touched[view.cur[i]] = touched.get(view.cur[i], 0) - 1
        touched[view.target[i]] = touched.get(view.target[i], 0) + 1
    gain = 0
    for j, delta in touched.items():
        before, seats = int(t.holders[j]), int(t.post_keb[j])
        gain += int(t.post_seat_value[j]) * (min(before + delta, seats) - min(before, seats))
    return gain


def unit_change(view: PlanView, c: Chain) -> dict[tuple[str, int], int]:
    """R21: per group the chain touches (a location: a school, a puskesmas, the rest of a unit; or a scarce
    profession in a unit), keyed (kind, group), the change in seats filled that the chain alone makes."""
    t = view.t
    touched: dict[int, int] = {}
    for i in c.members:
        touched[view.cur[i]] = touched.get(view.cur[i], 0) - 1
        touched[view.target[i]] = touched.get(view.target[i], 0) + 1
    out: dict[tuple[str, int], int] = {}
    for j, delta in touched.items():
        before = int(t.holders[j])
        change = min(before + delta, int(t.post_keb[j])) - min(before, int(t.post_keb[j]))
        for kind in R21_KINDS:
            g = int(view.group_of(kind)[j])
            if g >= 0:
                out[kind, g] = out.get((kind, g), 0) + change
    return out


def alone_ok(view: PlanView, c: Chain) -> bool:
    """Can chain c be approved on its own? Seats (R11), R13 and R14 always hold for a subset of the plan;
    R21 holds when the chain by itself leaves no location with fewer seats filled than today."""
    return view.params.kekurangan_unit_boleh_naik or all(v >= 0 for v in unit_change(view, c).values())


def links(view: PlanView, c: Chain) -> list[str]:
    """What a planner should know before approving or rejecting chain c alone (rules it touches, shared
    quotas, R21 dependencies).

    Approving any subset of chains keeps R11, R13 and R14: each chain only fills seats it frees itself
    (or a vacancy at its start), and R13/R14 are maxima. R21 is a sum per unit: a chain that leaves a
    seat empty in one unit and fills one in another needs another chain that refills the first unit.
    What a rejection changes is listed here: a must-fill seat left empty (R12), a surplus kept (R11), a
    scenario pin undone (R15), a full quota (R13/R14) freed, a unit left short (R21).
    """
    t, d, p = view.t, view.data, view.params
    out: list[str] = []
    first, last = c.members[0], c.members[-1]
    if not c.cycle and t.post_wajib[view.target[first]]:
        out.append(f"mengisi jabatan Wajib Diisi {d.positions[view.target[first]].kode} (R12): bila ditolak, "
                   "kursi itu tetap kosong")
    if not c.cycle and t.holders[view.cur[last]] > t.post_keb[view.cur[last]]:
        out.append(f"mengurangi kelebihan pegawai {d.positions[view.cur[last]].kode} (R11)")
    pinned = [d.employees[i].nama for i in c.members if view.pinned.get(i) == view.target[i]]
    if pinned:
        out.append(f"memuat kunci skenario (R15) untuk {', '.join(pinned)}")
    wished = [d.employees[i].nama for i in c.members if view.wish_pins.get(i, (-1, 0))[0] == view.target[i]]
    if wished:
        out.append(f"memuat permintaan pegawai yang dipenuhi untuk {', '.join(wished)}")
    out += _r21_links(view, c)
    units = sorted({int(t.emp_unit[i]) for i in c.members if t.post_unit[view.target[i]] != t.emp_unit[i]})
    full: list[str] = []
    for u in units:
        if view.unit_leavers[u] >= view.unit_cap[u]:
            others = [k for k in _chain_leavers(view)[u] if k != c.id]
            shared = (", ".join(others) if len(others) <= 5 else f"{len(others)} rantai lain") if others else ""
            full.append(f"{t.unit_names[u]} {view.unit_leavers[u]}/{view.unit_cap[u]}"
                        + (f" (juga {shared})" if shared else ""))
    if full:
        out.append("memakai kuota keluar unit yang penuh (R13): " + "; ".join(full))
    mutasi_full = p.maks_mutasi is not None and len(view.movers) >= p.maks_mutasi
    if mutasi_full:
        out.append(f"batas jumlah mutasi {p.maks_mutasi} (R14) terpakai penuh oleh semua rantai")
    if full or mutasi_full:
        out.append("bila ditolak, kuota yang terbebas dapat dipakai usulan lain (jalankan ulang solve)")
    return out


def _chain_leavers(view: PlanView) -> dict[int, list[str]]:
    """R13: per unit, the ids of chains with someone leaving that unit (in chain order)."""

    def build() -> dict[int, list[str]]:
        t = view.t
        out: dict[int, list[str]] = {}
        for c in view.chains:
            for u in sorted({int(t.emp_unit[i]) for i in c.members
                             if t.post_unit[view.target[i]] != t.emp_unit[i]}):
                out.setdefault(u, []).append(c.id)
        return out

    return view.memo("chain_leavers", build)


def _unit_changes(view: PlanView) -> dict[str, dict[tuple[str, int], int]]:
    return view.memo("chain_unit_changes", lambda: {c.id: unit_change(view, c) for c in view.chains})


def _r21_links(view: PlanView, c: Chain) -> list[str]:
    """R21 dependencies of chain c: units it leaves short (needs a chain that refills them) and units it
    refills for others (rejecting it leaves them short unless those are rejected too)."""
    if view.params.kekurangan_unit_boleh_naik:
        return []
    changes = _unit_changes(view)
    out = []
    for key, v in sorted(changes[c.id].items()):
        kind, g = key
        label = view.group_label(kind, g)
        if v < 0:
            helpers = [k for k, ch in changes.items() if k != c.id and ch.get(key, 0) > 0]
            out.append(f"R21: mengurangi kursi terisi {label}; setujui bersama rantai yang mengisinya "
                       f"({', '.join(helpers[:5]) or '-'})")
        elif v > 0:
            takers = [k for k, ch in changes.items() if k != c.id and ch.get(key, 0) < 0]
            if takers and view.group_filled_after[kind][g] - v < view.group_filled_before[kind][g]:
                out.append(f"R21: bila ditolak, {label} berakhir dengan kursi terisi lebih sedikit "
                           f"kecuali rantai {', '.join(takers[:5])} juga ditolak")
    return out
