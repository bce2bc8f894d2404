"""What changed against the earlier plan of `solve --acuan`, and why (SPEC 7, sheet `Perubahan`).

Every employee placed elsewhere than in the earlier (reference) plan is one `ChangeRow`. Changes are linked
through seats: two changed employees are in one group when a post one of them leaves or enters, in either
plan, is a post the other leaves or enters (an accepted objection keeps its mover in their current post this
round: it frees the seat they were to take and keeps the seat they were to leave, and the people of both
seats move differently). Each group is attributed to the decisions in it (`scenario.answers`: an accepted
objection, a rejected chain), and each changed placement names the seat and the person through whom it is
linked to them, e.g. "rantai C014 kehilangan satu mata rantai: Budi (keberatan diterima) tidak pindah, kursi …
diisi oleh Sari". An accepted objector always reads "keberatan diterima: tetap di …"; only the members of a
rejected chain, and people linked to a decision, can get a new proposal ("surat usulan baru"). A group with no
decision in it shares no seat with one; it changed through a shared quota (R13, R14, R21) or because it is now
the better placement, and says so.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from penempatan.explain.words import post_text
from penempatan.model import ProblemData
from penempatan.scenario.answers import CHAINS_SHEET, Decided, Decisions

NEW_LETTER = "surat usulan baru"
UNIT_RULES = ("kursi terisi per unit tidak boleh berkurang (R21) dan kuota keluar unit (R13) dihitung per unit, "
              "jadi perubahan di unit itu ikut menggeser penempatan ini")
NO_DECISION = ("tidak berbagi kursi dengan keputusan mana pun: berubah karena kuota bersama (keluar unit R13, "
               "jumlah mutasi R14, kursi terisi per unit R21) atau karena kini menjadi penempatan yang lebih baik")


@dataclass(frozen=True, kw_only=True)
class ChangeRow:
    """One placement that differs from the earlier plan (`Perubahan`): where the earlier plan and the new one
    put the employee, the group of linked changes, the decisions of that group and why this one changed."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("NIP", "Nama", "Kelompok", "Menurut Acuan", "Rencana Baru",
                                          "Keputusan Terkait", "Alasan", "Tindak Lanjut")

    nip: str
    nama: str
    group: int  # 1-based; the groups with decisions first
    before: str  # the earlier plan's placement, in words
    after: str  # the new plan's placement
    decisions: str  # the decisions of the group, '' when none
    reason: str
    follow_up: str  # `NEW_LETTER`, or what the employee must be told ('beri tahu: usulan dibatalkan')

    @property
    def letter(self) -> bool:
        """The new plan proposes a post no letter has proposed: a new letter is due."""
        return self.follow_up == NEW_LETTER

    def cells(self) -> list[Any]:
        return [self.nip, self.nama, self.group, self.before, self.after, self.decisions, self.reason,
                self.follow_up]


def change_rows(data: ProblemData, reference: Iterable[int], assignment: Iterable[int], decisions: Decisions,
                chains: Mapping[str, str]) -> list[ChangeRow]:
    """Every placement of `assignment` that differs from `reference` (both a post index per employee of
    `data`), grouped by shared seats, each with its reason; `chains` maps a NIP to its chain id in the earlier
    plan (C014), for the words."""
    return _Changes(data, [int(j) for j in reference], [int(j) for j in assignment], decisions, chains).rows()


class _Changes:
    def __init__(self, data: ProblemData, old: list[int], new: list[int], decisions: Decisions,
                 chains: Mapping[str, str]) -> None:
        self.d, self.old, self.new, self.chains = data, old, new, chains
        self.cur = [int(j) for j in data.current_post]
        self.changed = [i for i in range(len(old)) if old[i] != new[i]]
        self.decided: dict[int, Decided] = {}
        for item in decisions.items:  # a Tanggapan row before a chain's decision of the same kind
            i = data.employee_index.get(item.nip)
            if i is not None and not item.decision.keeps:
                self.decided.setdefault(i, item)
        self.users: dict[int, list[int]] = {}  # post -> changed employees leaving or entering it in a plan
        for i in self.changed:
            for j in self.touched(i):
                self.users.setdefault(j, []).append(i)

    def unit_link(self, i: int) -> tuple[int, str] | None:
        """A decided employee whose change touches a unit employee i's change touches, and that unit."""
        for j in dict.fromkeys((self.cur[i], self.old[i], self.new[i])):  # the unit they leave first (R21, R13)
            unit = self.d.positions[j].unit
            for k in self.decided:
                if self.old[k] != self.new[k] and any(self.d.positions[p].unit == unit for p in self.touched(k)):
                    return k, unit
        return None

    def touched(self, i: int) -> list[int]:
        """The posts employee i leaves or enters in either plan: the earlier target, the new one, their own."""
        return list(dict.fromkeys((self.old[i], self.new[i], self.cur[i])))

    def rows(self) -> list[ChangeRow]:
        out: list[ChangeRow] = []
        for number, (members, links) in enumerate(self.groups(), 1):
            roots = [i for i in members if i in self.decided]
            decisions = "; ".join(dict.fromkeys(self.decision_text(i) for i in roots))
            near = {} if roots else {i: link for i in members if (link := self.unit_link(i)) is not None}
            if near:
                decisions = "lewat unit: " + "; ".join(dict.fromkeys(self.who(k) for k, _ in near.values()))
            for i in members:
                e = self.d.employees[i]
                if i in self.decided:
                    reason = self.decided_reason(i)
                elif i in links:
                    reason = self.linked_reason(i, links)
                elif i in near:
                    other, unit = near[i]
                    reason = (f"{self.what(i)}: tidak berbagi kursi dengan keputusan, tetapi berbagi unit {unit} "
                              f"dengan {self.who(other)}; {UNIT_RULES}")
                else:
                    reason = NO_DECISION
                reason += self.left_empty(i)
                out.append(ChangeRow(nip=e.nip, nama=e.nama, group=number, before=self.place(i, self.old[i]),
                                     after=self.place(i, self.new[i]), decisions=decisions, reason=reason,
                                     follow_up=self.follow_up(i)))
        return out

    def groups(self) -> list[tuple[list[int], dict[int, tuple[int, int]]]]:
        """The changed employees in groups linked by seats, each in breadth-first order from its decisions
        (then from its smallest index), with the link (neighbour, post) that reached each member."""
        seen: set[int] = set()
        groups = []
        starts = sorted(self.decided, key=lambda i: (self.decided[i].sheet, self.decided[i].row, i))
        for s in [*starts, *self.changed]:
            if s in seen or self.old[s] == self.new[s]:
                continue
            order, links = [s], {}
            seen.add(s)
            queue = deque([s])
            while queue:
                k = queue.popleft()
                for j in self.touched(k):
                    for i in self.users.get(j, ()):
                        if i not in seen:
                            seen.add(i)
                            links[i] = (k, j)
                            order.append(i)
                            queue.append(i)
            roots = [i for i in order if i in self.decided]  # decisions reached from another decision
            groups.append(([*roots, *(i for i in order if i not in self.decided)],
                           {i: link for i, link in links.items() if i not in self.decided}))
        return groups

    # --- words ---------------------------------------------------------------------------------------------
    def name(self, i: int) -> str:
        return self.d.employees[i].nama

    def who(self, i: int) -> str:
        """'Budi (keberatan diterima)' for a decided employee, else the name."""
        return self.name(i) + (f" ({self.decided[i].decision.value})" if i in self.decided else "")

    def decision_text(self, i: int) -> str:
        """'Budi (keberatan diterima, rantai C014)' for an answer, 'rantai C007 ditolak' for a chain."""
        item = self.decided[i]
        if item.sheet == CHAINS_SHEET:
            return f"rantai {item.rantai} ditolak"
        chain = self.chains.get(self.d.employees[i].nip, "")
        return f"{self.name(i)} ({item.decision.value}" + (f", rantai {chain})" if chain else ")")

    def place(self, i: int, j: int) -> str:
        return f"tetap di {post_text(self.d, j)}" if j == self.cur[i] else f"pindah ke {post_text(self.d, j)}"

    def what(self, i: int) -> str:
        """How employee i's placement changed."""
        old, new, cur = self.old[i], self.new[i], self.cur[i]
        if new == cur:
            return f"tidak jadi pindah ke {post_text(self.d, old)}, tetap di {post_text(self.d, cur)}"
        if old == cur:
            return f"kini pindah ke {post_text(self.d, new)}"
        return f"tidak ke {post_text(self.d, old)}, kini ke {post_text(self.d, new)}"

    def decided_reason(self, i: int) -> str:
        """'keberatan diterima: tetap di X; kursi Y yang semula untuk dia kini diisi oleh Sari' for an
        employee whose move a decision cancels. An accepted objection pins the employee to their current post,
        so only a member of a rejected chain can be proposed elsewhere ('rantai ditolak: tidak ke Y, kini
        diusulkan ke Z (usulan baru)')."""
        item, old = self.decided[i], self.old[i]
        if self.new[i] == self.cur[i]:
            head = f"{item.decision.value}: tetap di {post_text(self.d, self.cur[i])}"
        else:  # a rejected chain (an accepted objection stays, R15)
            head = (f"{item.decision.value}: tidak ke {self.d.positions[old].kode}, kini diusulkan ke "
                    f"{post_text(self.d, self.new[i])} (usulan baru)")
        return f"{head}; kursi {post_text(self.d, old)} yang semula untuk dia {self.seat_now(old, i)}"

    def seat_now(self, j: int, i: int) -> str:
        """Post j in the new plan, for the seat employee i was to take: who fills it, else whether it stays
        empty (and must be filled, R12)."""
        fillers = [k for k in self.users.get(j, ()) if self.new[k] == j and k != i]
        if fillers:
            return "kini diisi oleh " + ", ".join(self.who(k) for k in fillers)
        q = self.d.positions[j]
        if sum(1 for k in self.new if k == j) >= q.kebutuhan:
            return "tetap terisi"
        must = " (jabatan Wajib Diisi, R12: tidak ada calon lain yang dapat mengisinya dalam rencana ini)"
        return "tetap kosong" + (must if q.wajib_diisi else "")

    def follow_up(self, i: int) -> str:
        """What employee i must receive: a letter for a new proposal, else word that theirs is dropped (an
        accepted objector: that they stay in their current post this round)."""
        if self.new[i] != self.cur[i]:
            return NEW_LETTER
        if i in self.decided:
            item = self.decided[i]
            stay = ", tetap di jabatan sekarang" if item.decision.stays else ""
            return f"beri tahu: {item.decision.value}{stay}"
        return "beri tahu: usulan dibatalkan"

    def left_empty(self, i: int) -> str:
        """'; kursi X kini tetap kosong' when the seat employee i was to take in the earlier plan is now empty
        (for someone other than a decided employee, whose reason names that seat already)."""
        old = self.old[i]
        if i in self.decided or old == self.cur[i]:
            return ""
        now = self.seat_now(old, i)
        return f"; kursi {self.d.positions[old].kode} {now}" if now.startswith("tetap kosong") else ""

    def linked_reason(self, i: int, links: Mapping[int, tuple[int, int]]) -> str:
        """How employee i's change follows, seat by seat, from a decision: 'tidak jadi pindah ke X: rantai C014
        kehilangan satu mata rantai (Budi, keberatan diterima): kursi X tidak jadi kosong karena Budi tidak
        pindah'."""
        k, j = links[i]
        root = k
        while root in links:
            root = links[root][0]
        named = j in (self.old[i], self.new[i]) if self.new[i] != self.cur[i] or j == self.old[i] else False
        seat = f"kursi {'itu' if named else post_text(self.d, j)} {self.relation(i, k, j)}"
        if root not in self.decided:
            return f"{self.what(i)}: {seat}"
        item = self.decided[root]
        chain = self.chains.get(self.d.employees[root].nip, "")
        if item.sheet == CHAINS_SHEET:
            why = f"rantai {item.rantai} ditolak"
        elif chain and sum(1 for c in self.chains.values() if c == chain) > 1:
            why = f"rantai {chain} kehilangan satu mata rantai"
        else:
            why = f"akibat {item.decision.value}" if root != k else ""
        if root != k:
            why += f" ({self.name(root)}, {item.decision.value})"
        return f"{self.what(i)}: {why + ': ' if why else ''}{seat}"

    def relation(self, i: int, k: int, j: int) -> str:
        """What neighbour k does with post j, seen from employee i."""
        cur_k, old_k, new_k = self.cur[k], self.old[k], self.new[k]
        if j == self.old[i] and cur_k == j == new_k:
            return f"tidak jadi kosong karena {self.who(k)} tidak pindah"
        if j in (self.old[i], self.cur[i]) and new_k == j != old_k:
            return f"kini diisi oleh {self.who(k)}"
        if j == self.new[i] and old_k == j != new_k and old_k != cur_k:
            return f"semula untuk {self.who(k)}, yang kini tidak ke sana"
        if j == self.new[i] and cur_k == j != new_k:
            return f"kini dikosongkan oleh {self.who(k)}"
        if j == self.cur[i] and old_k == j != new_k and old_k != cur_k:
            return f"semula akan diisi oleh {self.who(k)}, yang kini tidak ke sana"
        return f"juga berubah bagi {self.who(k)}"
