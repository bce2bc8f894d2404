"""Plain reasons for a plan: why each employee moves or stays, why a seat stays empty (SPEC 3, 5).

Also the vacancy chains ("who took the seat vacated by whom") and the training a mover needs in the
new post. Everything is a pure function of ProblemData, Tables and Result; nothing here solves.

For a whole workbook build one `Explainer` and ask it for every row: it computes its indexes once, so
reasons for 50,000 employees cost O(employees + candidate pairs), not O(employees²). The module-level
functions (`move_reason`, `stay_reason`, …) are the same questions for one employee or post.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import COMPONENT_LABELS, COMPONENTS, Tables

PROMOSI, ROTASI, MUTASI = "Promosi", "Rotasi", "Mutasi antar unit"
MOVE_KINDS = (PROMOSI, ROTASI, MUTASI)

_SHORT = {
    "R1": "masa jabatan", "R4": "pensiun", "R5": "status", "R6": "pendidikan", "R7": "golongan",
    "R9": "promosi/jenjang", "R10": "hukuman disiplin", "R11": "kelebihan pegawai", "R15": "skenario",
    "R17": "larangan Pilkada",
}
# Post requirements first, then what holds employees in place (the order a planner reads them in).
_CODE_ORDER = ("R11", "R6", "R7", "R9", "R10", "R17", "R1", "R4", "R5", "R15")
_PAIR_RULES = ("R6", "R7", "R9", "R10", "R17")
_KOMPETENSI = ("manajerial", "sosial kultural", "teknis")
_COL = {name: k for k, name in enumerate(COMPONENTS)}


@dataclass(frozen=True)
class Reason:
    """Reason codes (R1…R17) and the words a planner can read out to the employee."""

    codes: tuple[str, ...]
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class TrainingNeed:
    """One training need of a mover in the target post; `selisih` is the level gap (None: no level)."""

    kebutuhan: str
    selisih: int | None


@dataclass(frozen=True)
class Chain:
    """A vacancy chain (starts at a post that gains a person) or a cycle (a closed ring of moves).

    `members` are employee indices in order: each one's target post is the previous one's origin; the
    first fills a vacancy (chain) or the last one's origin (cycle).
    """

    id: str
    members: tuple[int, ...]
    cycle: bool


def number(n: int) -> str:
    """Indonesian thousands separator: 20000 -> '20.000'."""
    return f"{n:,}".replace(",", ".")


def months_text(months: int) -> str:
    """74 -> '6 th 2 bln'."""
    years, rest = divmod(max(0, months), 12)
    if years and rest:
        return f"{years} th {rest} bln"
    return f"{years} th" if years else f"{rest} bln"


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else f"−{-n}"


def _field(bidang: str | None) -> str:
    return (bidang or "").replace("_", " ")


def chain_list(data: ProblemData, result: Result) -> list[Chain]:
    """Every move in exactly one vacancy chain or cycle, ids R001… ordered by first employee index.

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
    return [Chain(f"R{k:03d}", members, cycle) for k, (members, cycle) in enumerate(groups, 1)]


def vacancy_chains(data: ProblemData, result: Result) -> dict[int, tuple[str, int]]:
    """Per mover: (chain id, position in the chain, 1-based)."""
    return {i: (c.id, k) for c in chain_list(data, result) for k, i in enumerate(c.members, 1)}


def move_kind(tables: Tables, i: int, j: int) -> str:
    """Promosi (higher kelas or tingkat), Rotasi (same unit) or Mutasi antar unit."""
    cur = int(tables.cur[i])
    if tables.post_kelas[j] > tables.post_kelas[cur] or tables.post_tingkat[j] > tables.post_tingkat[cur]:
        return PROMOSI
    return ROTASI if tables.post_unit[j] == tables.post_unit[cur] else MUTASI


class Explainer:
    """Reasons for every row of a plan, with the indexes they need built once (lazily)."""

    def __init__(self, data: ProblemData, tables: Tables, result: Result) -> None:
        self.data = data
        self.t = tables
        self.result = result
        self.cand = result.candidates
        self.params = data.params

    # --- indexes ---------------------------------------------------------------------------------------
    @cached_property
    def cur(self) -> list[int]:
        return [int(j) for j in self.t.cur]

    @cached_property
    def target(self) -> list[int]:
        return [int(j) for j in self.result.assignment]

    @cached_property
    def after(self) -> np.ndarray:
        """People in each post after the plan."""
        return np.bincount(self.result.assignment, minlength=self.t.n_post)

    @cached_property
    def movers(self) -> list[int]:
        return [i for i, (a, b) in enumerate(zip(self.cur, self.target, strict=True)) if a != b]

    @cached_property
    def _slices(self) -> list[int]:
        """Employee i's candidate pairs are rows slices[i]:slices[i+1] (candidates are sorted by employee)."""
        return np.searchsorted(self.cand.emp, np.arange(self.t.n_emp + 1)).tolist()

    @cached_property
    def _cpost(self) -> list[int]:
        return self.cand.post.tolist()

    @cached_property
    def _cstay(self) -> list[bool]:
        return self.cand.stay.tolist()

    @cached_property
    def _cscore(self) -> list[int]:
        return self.cand.score.tolist()

    def pair(self, i: int, j: int) -> int:
        """Row of candidate pair (i, j), or -1."""
        s = self._slices
        for k in range(s[i], s[i + 1]):
            if self._cpost[k] == j:
                return k
        return -1

    def stay_pair(self, i: int) -> int:
        s = self._slices
        for k in range(s[i], s[i + 1]):
            if self._cstay[k]:
                return k
        return -1

    def stay_parts(self, i: int) -> np.ndarray:
        """Score components of employee i in their current post."""
        k = self.stay_pair(i)
        if k >= 0:
            return np.asarray(self.cand.parts[k])
        return self.t.class_parts(int(self.t.post_class[self.cur[i]]), np.array([i]), stay=True)[0]

    def move_parts(self, i: int, j: int) -> np.ndarray:
        k = self.pair(i, j)
        if k >= 0:
            return np.asarray(self.cand.parts[k])
        parts = self.t.class_parts(int(self.t.post_class[j]), np.array([i]), stay=False)[0]
        if self.t.post_unit[j] in self.t.emp_prefs[i]:
            parts[_COL["preferensi"]] = self.params.bobot_preferensi
        return parts

    @cached_property
    def stay_scores(self) -> np.ndarray:
        """Every employee's score in their current post (the plan's 'before')."""
        out = np.full(self.t.n_emp, -1, dtype=np.int64)
        rows = np.nonzero(self.cand.stay)[0]
        out[self.cand.emp[rows]] = self.cand.score[rows]
        for i in np.nonzero(out < 0)[0]:
            out[i] = int(np.clip(self.stay_parts(int(i)).sum(), 0, 100))
        return out

    @cached_property
    def assigned_scores(self) -> np.ndarray:
        """Every employee's score in the post the plan gives them."""
        n_post = max(1, self.t.n_post)
        keys = self.cand.emp * n_post + self.cand.post
        order = np.argsort(keys, kind="stable")
        want = np.arange(self.t.n_emp, dtype=np.int64) * n_post + self.result.assignment
        pos = np.searchsorted(keys[order], want)
        pos = np.minimum(pos, max(0, len(order) - 1))
        found = (keys[order[pos]] == want) if len(order) else np.zeros(self.t.n_emp, dtype=bool)
        out = np.where(found, self.cand.score[order[pos]] if len(order) else 0, -1).astype(np.int64)
        for i in np.nonzero(~found)[0].tolist():
            j = self.target[i]
            parts = self.stay_parts(i) if j == self.cur[i] else self.move_parts(i, j)
            out[i] = int(np.clip(parts.sum(), 0, 100))
        return out

    @cached_property
    def best_alternative(self) -> list[int]:
        """Per employee, the candidate row of their best move (highest score, then lowest post), or -1."""
        out = [-1] * self.t.n_emp
        rows = np.nonzero(~self.cand.stay)[0]
        if len(rows):
            order = rows[np.lexsort((self.cand.post[rows], -self.cand.score[rows], self.cand.emp[rows]))]
            emp = self.cand.emp[order]
            first = np.r_[True, emp[1:] != emp[:-1]]
            for i, k in zip(emp[first].tolist(), order[first].tolist(), strict=True):
                out[i] = k
        return out

    @cached_property
    def best_for_post(self) -> dict[int, list[int]]:
        """Per post, its move candidate rows, best score first (ties: lower employee index)."""
        rows = np.nonzero(~self.cand.stay)[0]
        out: dict[int, list[int]] = {}
        order = rows[np.lexsort((self.cand.emp[rows], -self.cand.score[rows], self.cand.post[rows]))]
        for k, j in zip(order.tolist(), self.cand.post[order].tolist(), strict=True):
            out.setdefault(j, []).append(k)
        return out

    @cached_property
    def chains(self) -> list[Chain]:
        return chain_list(self.data, self.result)

    @cached_property
    def chain_of(self) -> dict[int, tuple[Chain, int]]:
        return {i: (c, k) for c in self.chains for k, i in enumerate(c.members, 1)}

    @cached_property
    def pinned(self) -> dict[int, int]:
        d = self.data
        return {d.employee_index[p.nip]: d.position_index[p.kode_jabatan] for p in d.pins}

    @property
    def unit_cap(self) -> np.ndarray:
        """R13: the most people who may leave each unit (the solver's own numbers)."""
        return self.t.unit_leave_cap

    @cached_property
    def unit_leavers(self) -> np.ndarray:
        """R13: people leaving each unit in the plan."""
        t = self.t
        out = np.zeros(len(t.unit_names), dtype=np.int64)
        for i in self.movers:
            if t.post_unit[self.target[i]] != t.emp_unit[i]:
                out[t.emp_unit[i]] += 1
        return out

    @cached_property
    def _golongan_name(self) -> dict[int, str]:
        return {g.urutan: g.kode for g in self.t.ref.golongan.values() if g.jenis == "PNS"}

    # --- moves -----------------------------------------------------------------------------------------
    def move_kind(self, i: int) -> str:
        return move_kind(self.t, i, self.target[i])

    def move_reason(self, i: int) -> Reason:
        """Why employee i moves: the rules involved, then the score components that beat staying."""
        t, d, p = self.t, self.data, self.params
        src, dst = self.cur[i], self.target[i]
        if src == dst:
            raise ValueError(f"pegawai {d.employees[i].nip} tidak pindah")
        codes: list[str] = []
        bits: list[str] = []
        if self.pinned.get(i) == dst:
            codes.append("R15")
            bits.append("R15: dikunci ke jabatan ini oleh skenario")
        if t.holders[src] > t.post_keb[src]:
            codes.append("R11")
            if t.post_keb[src] == 0:
                bits.append("R11: jabatan asal dihapus (Kebutuhan 0)")
            else:
                bits.append(f"R11: jabatan asal kelebihan pegawai ({t.holders[src]} orang untuk "
                            f"{t.post_keb[src]} kursi)")
        if t.post_wajib[dst]:
            codes.append("R12")
            bits.append("R12: jabatan tujuan Wajib Diisi")
        if move_kind(t, i, dst) == PROMOSI:
            codes.append("R9")
            step = [f"kelas {t.post_kelas[src]} → {t.post_kelas[dst]}"]
            a, b = d.positions[src], d.positions[dst]
            if t.post_tingkat[dst] > t.post_tingkat[src]:
                step.append(f"{a.jenjang or a.jenis} → {b.jenjang or b.jenis}")
            bits.append(f"Promosi (R9): kotak talenta {t.emp_kotak[i]}, {', '.join(step)}")
        before, after = self.stay_parts(i), self.move_parts(i, dst)
        diff = (after - before).tolist()
        gains = sorted(((v, k) for k, v in enumerate(diff) if v > 0), key=lambda x: (-x[0], x[1]))
        losses = sorted(((v, k) for k, v in enumerate(diff) if v < 0), key=lambda x: (x[0], x[1]))
        if gains:
            bits.append(", ".join(self._component_text(i, dst, k, v, codes) for v, k in gains))
        if losses:
            bits.append("meski " + ", ".join(self._component_text(i, dst, k, v, codes) for v, k in losses))
        s_before = int(self.stay_scores[i])
        s_after = int(self.assigned_scores[i])
        bits.append(f"skor {s_before} → {s_after}")
        if s_after - p.biaya_mutasi <= s_before and not ({"R11", "R12", "R15"} & set(codes)):
            chain, k = self.chain_of[i]
            nxt = chain.members[k] if k < len(chain.members) else (chain.members[0] if chain.cycle else None)
            if nxt is not None:
                e = d.employees[nxt]
                bits.append(f"membuka kursi {d.positions[src].kode} untuk {e.nama} ({e.nip}) dalam "
                            f"{'siklus' if chain.cycle else 'rantai'} {chain.id}")
        chain, _ = self.chain_of[i]
        if chain.cycle:
            bits.append(f"siklus {chain.id}: {len(chain.members)} pegawai saling bertukar kursi")
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))

    def _component_text(self, i: int, j: int, k: int, v: int, codes: list[str]) -> str:
        """Words for score component k changing by v when employee i moves to post j."""
        name = COMPONENTS[k]
        t, p = self.t, self.params
        post = self.data.positions[j]
        if name == "bidang":
            codes.append("R8")
            if v < 0:
                return f"bidang tidak sesuai jabatan tujuan ({_field(post.bidang)}, R8, {_signed(v)})"
            if post.bidang is None:
                return f"jabatan terbuka untuk semua bidang (R8, {_signed(v)})"
            source = "pendidikan" if t.emp_bidang[i] == post.bidang else "pelatihan"
            return f"bidang {source} sesuai ({_field(post.bidang)}, R8, {_signed(v)})"
        if name == "rotasi":
            risk = bool(t.post_risk[self.cur[i]])
            code = "R3" if risk else "R2"
            codes.append(code)
            due = p.masa_risiko_tinggi_bulan if risk else p.masa_jabatan_maksimal_bulan
            what = "rotasi jabatan berisiko tinggi jatuh tempo" if risk else "rotasi jatuh tempo"
            return f"{what} {months_text(int(t.emp_tenure[i]))} ≥ {months_text(due)} ({code}, {_signed(v)})"
        if name == "tidak_bersedia":
            codes.append("R16")
            return f"tidak bersedia dimutasi (R16, {_signed(v)})"
        words = {
            "pendidikan": ("jenjang pendidikan lebih sesuai", "jenjang pendidikan kurang sesuai"),
            "kompetensi": ("kompetensi lebih memenuhi standar jabatan",
                           "kompetensi di bawah standar jabatan tujuan"),
            "kinerja": (f"kinerja dan talenta lebih berdaya guna di kelas jabatan {post.kelas}",
                        f"kinerja dan talenta kurang berdaya guna di kelas jabatan {post.kelas}"),
            "golongan": ("golongan sesuai rentang jabatan", "golongan kurang sesuai rentang jabatan tujuan"),
            "preferensi": ("unit diminati pegawai", "bukan unit yang diminati pegawai"),
        }
        up, down = words.get(name, (COMPONENT_LABELS[name], COMPONENT_LABELS[name]))
        return f"{up if v > 0 else down} ({_signed(v)})"

    # --- stays -----------------------------------------------------------------------------------------
    def stay_reason(self, i: int) -> Reason:
        """Why employee i stays: hold rules with numbers, else the best alternative and what blocked it."""
        t, d = self.t, self.data
        if self.target[i] != self.cur[i]:
            raise ValueError(f"pegawai {d.employees[i].nip} pindah")
        codes: list[str] = []
        bits: list[str] = []
        holds = t.hold_reasons[i]
        for code in holds:
            codes.append(code)
            bits.append(self._hold_text(i, code))
        if self.pinned.get(i) == self.cur[i]:
            codes.append("R15")
            bits.append("R15: dikunci di jabatan saat ini oleh skenario")
        if not bits:
            bits.append(self._no_better_post(i, codes))
        warning = self.own_post_warning(i)
        if warning:
            bits.append(warning)
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))

    def _hold_text(self, i: int, code: str) -> str:
        t, p = self.t, self.params
        e = self.data.employees[i]
        if code == "R1":
            return (f"R1: masa jabatan {t.emp_tenure[i]} bulan < {p.masa_jabatan_minimal_bulan} bulan "
                    "(Peraturan BKN 5/2019)")
        if code == "R4":
            left = int(t.retirement_months[i])
            bup = int(t.post_bup[self.cur[i]])
            if left < 0:
                return f"R4: sudah melewati batas usia pensiun {bup} th (UU 20/2023 Pasal 55)"
            return (f"R4: pensiun dalam {left} bulan (BUP {bup} th; batas {p.batas_pensiun_bulan} bulan; "
                    "UU 20/2023 Pasal 55, PP 11/2017 Pasal 239)")
        if code == "R5":
            return f"R5: status {e.status} (yang boleh dimutasi: {', '.join(p.status_boleh_mutasi)})"
        if code == "R15":
            return f"R15: unit {t.unit_names[t.emp_unit[i]]} dibekukan oleh skenario"
        if code == "R17":
            end = p.larangan_selesai.isoformat() if p.larangan_selesai else "…"
            return (f"R17: masa larangan Pilkada {p.larangan_mulai} s.d. {end}, jabatan manajerial "
                    "(UU 10/2016 Pasal 71)")
        return f"{code}: {_SHORT.get(code, code)}"

    def _no_better_post(self, i: int, codes: list[str]) -> str:
        """A movable stayer: the best alternative vs the current score, and what took priority."""
        d, p = self.data, self.params
        k = self.best_alternative[i]
        here = int(self.stay_scores[i])
        if k < 0:
            detail = self.no_candidate_rules.get(i, "")
            return "tidak ada jabatan lain dengan kursi terbuka yang memenuhi syarat" + (
                f" ({detail})" if detail else "")
        j, s = self._cpost[k], self._cscore[k]
        q = d.positions[j]
        alt = f"{q.kode} {q.nama} ({q.unit}) skor {s}"
        if s - p.biaya_mutasi <= here:
            return (f"tidak ada jabatan yang lebih sesuai: terbaik {alt} vs skor saat ini {here} "
                    f"(biaya mutasi {p.biaya_mutasi})")
        blocks = self._blocked(i, j, codes)
        return f"ada jabatan dengan skor lebih tinggi ({alt} vs {here}), tetapi {blocks}"

    def _blocked(self, i: int, j: int, codes: list[str]) -> str:
        """What kept employee i out of post j, which would have raised their own score."""
        t, d, p = self.t, self.data, self.params
        out: list[str] = []
        if self.after[j] >= t.post_keb[j]:
            codes.append("R11")
            out.append(f"kursi {d.positions[j].kode} sudah penuh ({self.after[j]}/{t.post_keb[j]}, R11), diisi "
                       "pegawai yang memberi nilai total lebih tinggi")
        u = int(t.emp_unit[i])
        if t.post_unit[j] != u and self.unit_leavers[u] >= self.unit_cap[u]:
            codes.append("R13")
            out.append(f"R13: batas keluar unit {t.unit_names[u]} tercapai ({self.unit_leavers[u]} dari "
                       f"maks {self.unit_cap[u]} pegawai, {p.maks_keluar_unit_persen:g}%)")
        if p.maks_mutasi is not None and len(self.movers) >= p.maks_mutasi:
            codes.append("R14")
            out.append(f"R14: batas jumlah mutasi {p.maks_mutasi} tercapai")
        src = self.cur[i]
        if t.post_wajib[src] and self.after[src] <= t.post_keb[src]:
            codes.append("R12")
            out.append("R12: jabatan saat ini Wajib Diisi dan kursinya harus tetap terisi")
        if not out:
            status = self.result.status.value
            out.append("rencana keseluruhan lebih baik bila pegawai ini tetap" if status == "OPTIMAL"
                       else f"rencana belum terbukti optimal (status {status})")
        return "; ".join(out)

    @cached_property
    def no_candidate_rules(self) -> dict[int, str]:
        """For movable stayers without any move candidate: which pair rules closed how many post groups."""
        t = self.t
        who = [i for i in range(t.n_emp) if self.best_alternative[i] < 0 and t.movable[i]
               and self.target[i] == self.cur[i] and i not in self.pinned]
        if not who:
            return {}
        emp = np.array(who, dtype=np.int64)
        per_rule = {code: np.zeros(len(emp), dtype=np.int64) for code in _PAIR_RULES}
        open_groups = np.zeros(len(emp), dtype=np.int64)
        own = t.post_class[t.cur[emp]]
        for c in range(len(t.classes)):
            masks = t.class_exclusions(c, emp)
            other = own != c
            for code in _PAIR_RULES:
                per_rule[code] += masks[code] & other
            open_groups += ~np.logical_or.reduce(list(masks.values())) & other
        n_groups = max(0, len(t.classes) - 1)
        out: dict[int, str] = {}
        for k, i in enumerate(who):
            parts = [f"{code} menutup {int(per_rule[code][k])}" for code in _PAIR_RULES if per_rule[code][k]]
            text = f"dari {n_groups} kelompok jabatan lain: " + ", ".join(parts) if parts else ""
            if open_groups[k]:
                text += ("; " if text else "") + "jabatan yang memenuhi syarat tidak menerima pegawai baru"
            out[i] = text
        return out

    def own_post_warning(self, i: int) -> str:
        """Warning when a stayer no longer meets their own post's minimum education or golongan (R6/R7)."""
        return self._own_post_warnings.get(i, "")

    @cached_property
    def _own_post_warnings(self) -> dict[int, str]:
        t, d, p = self.t, self.data, self.params
        out: dict[int, str] = {}
        ranks = {v: k for k, v in t.ref.pendidikan.items()}
        for c, pc in enumerate(t.classes):
            emp = np.nonzero(t.post_class[t.cur] == c)[0]
            if not len(emp):
                continue
            low_pend = t.emp_pend[emp] < pc.pend_min
            tol = 1 if (p.toleransi_golongan and pc.struktural) else 0
            low_gol = np.zeros(len(emp), dtype=bool)
            if pc.gol_min is not None:
                low_gol = (t.emp_gol[emp] > 0) & (t.emp_gol[emp] < pc.gol_min - tol) & ~t.emp_pppk_gol[emp]
            for k in np.nonzero(low_pend | low_gol)[0]:
                i = int(emp[k])
                e = d.employees[i]
                bits = []
                if low_pend[k]:
                    need = ranks.get(pc.pend_min, "?")
                    bits.append(f"pendidikan {e.pendidikan} di bawah minimal {need} (R6)")
                if low_gol[k]:
                    gmin = self._golongan_name.get(pc.gol_min or 0, "?")
                    bits.append(f"golongan {e.golongan} di bawah minimal {gmin} (R7)")
                out[i] = "Peringatan: " + " dan ".join(bits) + " jabatan ini; tetap boleh menjabat"
        return out

    # --- empty seats -----------------------------------------------------------------------------------
    def empty_seats(self) -> list[int]:
        """Posts with fewer people than Kebutuhan after the plan, in post order."""
        return np.nonzero(self.after < self.t.post_keb)[0].tolist()

    @cached_property
    def _holds(self) -> tuple[Counter[str], dict[int, Counter[str]]]:
        total: Counter[str] = Counter()
        by_post: dict[int, Counter[str]] = {}
        for i, codes in enumerate(self.t.hold_reasons):
            if codes:
                total.update(codes)
                by_post.setdefault(self.cur[i], Counter()).update(codes)
        return total, by_post

    @cached_property
    def _movable_idx(self) -> np.ndarray:
        return np.nonzero(self.t.movable)[0]

    @cached_property
    def _class_cache(self) -> dict[int, _ClassExclusions]:
        return {}

    def _class(self, c: int) -> _ClassExclusions:
        cache = self._class_cache
        if c not in cache:
            cache[c] = _ClassExclusions(self.t, c, self._movable_idx)
        return cache[c]

    def exclusion_counts(self, j: int) -> dict[str, int]:
        """The same numbers as `scoring.exclusion_counts(data, tables, j)`, from per-class caches."""
        t = self.t
        others = t.n_emp - int(t.holders[j])
        if t.unit_names[t.post_unit[j]] in set(self.data.frozen_units):
            return {"R15": others}
        if t.holders[j] > t.post_keb[j]:
            return {"R11": others}
        counts: dict[str, int] = {}
        total, by_post = self._holds
        own = by_post.get(j, Counter())
        for code, n in total.items():
            if n - own[code] > 0:
                counts[code] = counts.get(code, 0) + n - own[code]
        cls = self._class(int(t.post_class[j]))
        for code, n in cls.total.items():
            v = n - int(cls.by_post[code][j])
            if v > 0:
                counts[code] = counts.get(code, 0) + v
        return counts

    @cached_property
    def arrivals(self) -> dict[int, list[int]]:
        """Per post, the movers the plan puts in it."""
        out: dict[int, list[int]] = {}
        for i in self.movers:
            out.setdefault(self.target[i], []).append(i)
        return out

    def eligible_count(self, j: int) -> int:
        """Movable employees that no pair rule (R6, R7, R9, R10, R17) keeps out of post j, other than its
        holders and the people the plan already puts in it."""
        cls = self._class(int(self.t.post_class[j]))
        placed = sum(1 for i in self.arrivals.get(j, []) if cls.ok_mask[i])
        return cls.ok_total - int(cls.ok_by_post[j]) - placed

    def empty_seat_reason(self, j: int) -> Reason:
        """Why post j still has empty seats: rule counts, or where its eligible candidates went instead."""
        t, d, p = self.t, self.data, self.params
        q = d.positions[j]
        codes: list[str] = []
        bits: list[str] = []
        if t.post_wajib[j]:
            codes.append("R12")
        if t.holders[j] > t.post_keb[j]:
            codes.append("R11")
            bits.append(f"R11: jabatan kelebihan pegawai sebelum rencana ({t.holders[j]} orang untuk "
                        f"{t.post_keb[j]} kursi) sehingga tidak menerima pegawai baru")
        elif q.unit in set(d.frozen_units):
            codes.append("R15")
            bits.append(f"R15: unit {q.unit} dibekukan oleh skenario, tidak ada pegawai masuk")
        else:
            if j in self.arrivals:
                bits.append(f"{len(self.arrivals[j])} pegawai masuk ke jabatan ini")
            eligible = self.eligible_count(j)
            # Candidates the plan put in this very post are not "elsewhere".
            rows = [k for k in self.best_for_post.get(j, []) if self.target[int(self.cand.emp[k])] != j]
            if rows:
                # Someone who would have gained by coming here but stayed: a limit took priority.
                gainer = next((k for k in rows if self._stayed_despite_gain(k)), -1)
                best = rows[0]
                text = (f"{number(eligible)} pegawai memenuhi syarat ({len(rows)} dinilai sebagai calon), "
                        "tetapi lebih bernilai di tempat lain; terbaik: "
                        + self._whereabouts(int(self.cand.emp[best]), self._cscore[best]))
                if gainer == best:
                    text += ", tetap karena " + self._blocked(int(self.cand.emp[best]), j, codes)
                elif gainer >= 0:
                    i = int(self.cand.emp[gainer])
                    e = d.employees[i]
                    why = self._blocked(i, j, codes)
                    text += (f"; {e.nama} ({e.nip}) akan naik dari skor {int(self.stay_scores[i])} ke "
                             f"{self._cscore[gainer]} di sini, tetapi tetap karena {why}")
                bits.append(text)
            elif eligible > 0:
                best_outside = self._class(int(t.post_class[j])).best_outside(j, t, self.target)
                text = (f"{number(eligible)} pegawai memenuhi syarat, tetapi jabatan ini tidak masuk daftar "
                        "calon mereka (jumlah calon per pegawai dibatasi, lihat maks_kandidat)")
                if best_outside is not None:
                    i, score = best_outside
                    if t.post_unit[j] in t.emp_prefs[i]:
                        score = min(100, score + p.bobot_preferensi)
                    text += f"; terbaik: {self._whereabouts(i, score)}"
                bits.append(text)
            else:
                counts = self.exclusion_counts(j)
                listed = [(c, counts[c]) for c in _CODE_ORDER if counts.get(c)]
                codes.extend(c for c, _ in listed)
                text = ", ".join(f"{c} ({_SHORT[c]}): {number(n)} pegawai" for c, n in listed)
                other = " lain" if j in self.arrivals else ""
                bits.append(f"tidak ada calon{other} yang memenuhi syarat; tersaring oleh " + text
                            + " (satu pegawai dapat tersaring oleh beberapa aturan)")
        text = "; ".join(bits)
        if t.post_wajib[j]:
            text = "Wajib Diisi (R12), tetapi " + text
        return Reason(tuple(dict.fromkeys(codes)), text)

    def _stayed_despite_gain(self, k: int) -> bool:
        """Did the employee of candidate row k stay although that move beat staying (after biaya_mutasi)?"""
        i = int(self.cand.emp[k])
        return self.target[i] == self.cur[i] and \
            self._cscore[k] - self.params.biaya_mutasi > int(self.stay_scores[i])

    def _whereabouts(self, i: int, score_here: int) -> str:
        e = self.data.employees[i]
        j = self.target[i]
        q = self.data.positions[j]
        where = "tetap di" if j == self.cur[i] else "ditempatkan di"
        return (f"{e.nama} ({e.nip}) skor {score_here} di sini, {where} {q.kode} {q.nama} ({q.unit}) "
                f"dengan skor {int(self.assigned_scores[i])}")

    # --- training ----------------------------------------------------------------------------------------
    def training_needs(self, i: int) -> list[TrainingNeed]:
        """For a mover: competences below the target post's standard, and a field they are not trained in."""
        j = self.target[i]
        if j == self.cur[i]:
            return []
        t = self.t
        q = self.data.positions[j]
        out: list[TrainingNeed] = []
        standards = (q.standar_manajerial, q.standar_sosial_kultural, q.standar_teknis)
        for k, (name, standard) in enumerate(zip(_KOMPETENSI, standards, strict=True)):
            if not standard:
                continue
            level = int(t.emp_komp[i, k])
            if level == 0:
                out.append(TrainingNeed(f"asesmen kompetensi {name} (belum ada data; standar {standard})",
                                        None))
            elif level < standard:
                out.append(TrainingNeed(f"pengembangan kompetensi {name}: level {level}, standar {standard}",
                                        standard - level))
        if q.bidang and t.emp_bidang[i] != q.bidang and q.bidang not in t.emp_pelatihan[i]:
            own = _field(t.emp_bidang[i]) or "tidak diketahui"
            out.append(TrainingNeed(f"pelatihan {_field(q.bidang)} (bidang pegawai: {own})", None))
        return out


    # --- chains, one line each (sheet Rantai Mutasi) -------------------------------------------------
    def _post_text(self, j: int) -> str:
        q = self.data.positions[j]
        return f"{q.kode} {q.nama} ({q.unit})"

    def chain_order_text(self, c: Chain) -> str:
        """The chain as a planner reads it: the seat filled first, then who fills each vacated seat.

        'Kursi kosong X ← A (dari Y) ← B (dari Z)': A takes the vacancy X, B takes A's old seat Y, and
        so on; the last origin is the seat the chain leaves behind. A cycle ends where it started.
        """
        d = self.data
        first = c.members[0]
        if c.cycle:
            head = f"Siklus: kursi {self._post_text(self.target[first])}"
        else:
            head = f"Kursi kosong {self._post_text(self.target[first])}"
        steps = [head]
        for i in c.members:
            q = d.positions[self.cur[i]]
            steps.append(f"{d.employees[i].nama} (dari {q.kode} {q.nama}, {q.unit})")
        text = " ← ".join(steps)
        last = self.cur[c.members[-1]]
        if c.cycle:
            return text + "; siklus tertutup"
        if self.t.holders[last] > self.t.post_keb[last]:
            return text + f"; kelebihan pegawai di {self._post_text(last)} berkurang (R11)"
        return text + f"; kursi {self._post_text(last)} ditinggalkan kosong"

    def chain_units(self, c: Chain) -> list[str]:
        """Units the chain's people leave or enter, in order of first appearance."""
        names = self.t.unit_names
        units = [names[self.t.post_unit[j]] for i in c.members for j in (self.target[i], self.cur[i])]
        return list(dict.fromkeys(units))

    def chain_gain(self, c: Chain) -> int:
        """Σ over the chain's people of (score in the new post − score in the old one)."""
        return sum(int(self.assigned_scores[i]) - int(self.stay_scores[i]) for i in c.members)

    @cached_property
    def _chain_leavers(self) -> dict[int, list[str]]:
        """R13: per unit, the ids of chains with someone leaving that unit (in chain order)."""
        t = self.t
        out: dict[int, list[str]] = {}
        for c in self.chains:
            for u in sorted({int(t.emp_unit[i]) for i in c.members if t.post_unit[self.target[i]] != t.emp_unit[i]}):
                out.setdefault(u, []).append(c.id)
        return out

    def chain_links(self, c: Chain) -> list[str]:
        """What a planner should know before rejecting chain c alone (rules it touches, shared quotas).

        Approving any subset of chains keeps every hard rule: each chain only fills seats it frees itself
        (or a vacancy at its start), and R13/R14 are maxima, so fewer moves never break them. What a
        rejection does change is listed here: a must-fill seat left empty (R12), a surplus kept (R11), a
        scenario pin undone (R15), or a full quota (R13/R14) freed that another move could have used.
        """
        t, d, p = self.t, self.data, self.params
        out: list[str] = []
        first, last = c.members[0], c.members[-1]
        if not c.cycle and t.post_wajib[self.target[first]]:
            out.append(f"mengisi jabatan Wajib Diisi {d.positions[self.target[first]].kode} (R12): bila ditolak, "
                       "kursi itu tetap kosong")
        if not c.cycle and t.holders[self.cur[last]] > t.post_keb[self.cur[last]]:
            out.append(f"mengurangi kelebihan pegawai {d.positions[self.cur[last]].kode} (R11)")
        pinned = [d.employees[i].nama for i in c.members if self.pinned.get(i) == self.target[i]]
        if pinned:
            out.append(f"memuat kunci skenario (R15) untuk {', '.join(pinned)}")
        units = sorted({int(t.emp_unit[i]) for i in c.members if t.post_unit[self.target[i]] != t.emp_unit[i]})
        full: list[str] = []
        for u in units:
            if self.unit_leavers[u] >= self.unit_cap[u]:
                others = [k for k in self._chain_leavers[u] if k != c.id]
                shared = (", ".join(others) if len(others) <= 5 else f"{len(others)} rantai lain") if others else ""
                full.append(f"{t.unit_names[u]} {self.unit_leavers[u]}/{self.unit_cap[u]}"
                            + (f" (juga {shared})" if shared else ""))
        if full:
            out.append("memakai kuota keluar unit yang penuh (R13): " + "; ".join(full))
        if p.maks_mutasi is not None and len(self.movers) >= p.maks_mutasi:
            out.append(f"batas jumlah mutasi {p.maks_mutasi} (R14) terpakai penuh oleh semua rantai")
        if full or (p.maks_mutasi is not None and len(self.movers) >= p.maks_mutasi):
            out.append("bila ditolak, kuota yang terbebas dapat dipakai usulan lain (jalankan ulang solve)")
        return out

    # --- "why not": one employee against one post (penempatan explain) ---------------------------------
    @cached_property
    def _forbidden(self) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
        by_post: dict[int, set[int]] = {}
        by_unit: dict[int, set[int]] = {}
        units = {u: k for k, u in enumerate(self.t.unit_names)}
        for f in self.data.forbids:
            i = self.data.employee_index[f.nip]
            if f.kode_jabatan:
                by_post.setdefault(i, set()).add(self.data.position_index[f.kode_jabatan])
            if f.unit and f.unit in units:
                by_unit.setdefault(i, set()).add(units[f.unit])
        return by_post, by_unit

    def post_rules(self, i: int, j: int) -> list[tuple[str, str]]:
        """(rule code, words) for every rule that keeps employee i out of post j as a newcomer."""
        t, d, p = self.t, self.data, self.params
        e, q = d.employees[i], d.positions[j]
        out: list[tuple[str, str]] = []
        by_post, by_unit = self._forbidden
        if q.unit in set(d.frozen_units):
            out.append(("R15", f"R15: unit {q.unit} dibekukan oleh skenario"))
        elif j in by_post.get(i, ()) or t.post_unit[j] in by_unit.get(i, ()):
            out.append(("R15", "R15: dilarang untuk pegawai ini oleh skenario"))
        if t.holders[j] > t.post_keb[j]:
            out.append(("R11", f"R11: jabatan kelebihan pegawai ({t.holders[j]} orang untuk {t.post_keb[j]} kursi), "
                               "tidak menerima pegawai baru"))
        masks = t.class_exclusions(int(t.post_class[j]), np.array([i], dtype=np.int64))
        pc = t.classes[int(t.post_class[j])]
        if masks["R6"][0]:
            out.append(("R6", f"R6: pendidikan {e.pendidikan} di bawah minimal {q.pendidikan_min} (PP 11/2017)"))
        if masks["R7"][0]:
            low = self._golongan_name.get(pc.gol_min or 0, "…")
            high = self._golongan_name.get(pc.gol_max or 0, "…")
            out.append(("R7", f"R7: golongan {e.golongan} di luar rentang {low}–{high} (PP 100/2000 jo PP 13/2002)"))
        if masks["R9"][0]:
            cur = self.cur[i]
            if pc.tingkat < t.post_tingkat[cur]:
                why = "turun jenjang jabatan"
            elif pc.tingkat > t.post_tingkat[cur] + 1:
                why = "naik lebih dari satu jenjang"
            else:
                kotak = f"kotak talenta {e.kotak}" if e.kotak else "tanpa kotak talenta"
                why = f"promosi butuh kotak {', '.join(map(str, p.kotak_promosi))}, pegawai {kotak}"
            out.append(("R9", f"R9: {why} (PermenPANRB 3/2020)"))
        if masks["R10"][0]:
            out.append(("R10", f"R10: hukuman disiplin {e.hukuman} masih berjalan (PP 94/2021)"))
        if masks["R17"][0]:
            out.append(("R17", "R17: masa larangan Pilkada untuk jabatan manajerial (UU 10/2016 Pasal 71)"))
        return out

    def potential_score(self, i: int, j: int) -> int:
        """Employee i's score as a newcomer in post j (the number a candidate pair would carry)."""
        return int(np.clip(self.move_parts(i, j).sum(), 0, 100))

    def why_not(self, i: int, j: int) -> Reason:
        """Why the plan does not put employee i in post j: a rule, a full seat (who got it and by how
        much), a limit (R12/R13/R14), or that the employee is worth more where the plan puts them."""
        t, d, p = self.t, self.data, self.params
        if j == self.target[i]:
            raise ValueError("rencana menempatkan pegawai ini di jabatan tersebut")
        codes: list[str] = []
        bits: list[str] = []
        for code in t.hold_reasons[i]:
            codes.append(code)
            bits.append(self._hold_text(i, code))
        if i in self.pinned and self.pinned[i] != j:
            codes.append("R15")
            bits.append(f"R15: dikunci ke {d.positions[self.pinned[i]].kode} oleh skenario")
        if j != self.cur[i]:
            for code, text in self.post_rules(i, j):
                codes.append(code)
                bits.append(text)
        if bits:
            return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))
        here = self.potential_score(i, j)
        if t.post_keb[j] == 0:
            return Reason((), "Kebutuhan jabatan 0 (tidak ada kursi)")
        if self.after[j] >= t.post_keb[j]:
            bits.append(self._seat_taken(i, j, here, codes))
        else:
            blocked: list[str] = []
            u = int(t.emp_unit[i])
            leaves_now = t.post_unit[self.target[i]] != u  # already counted against R13 in the plan
            if t.post_unit[j] != u and not leaves_now and self.unit_leavers[u] >= self.unit_cap[u]:
                codes.append("R13")
                blocked.append(f"R13: batas keluar unit {t.unit_names[u]} tercapai ({self.unit_leavers[u]} dari "
                               f"maks {self.unit_cap[u]} pegawai, {p.maks_keluar_unit_persen:g}%)")
            if p.maks_mutasi is not None and len(self.movers) >= p.maks_mutasi and self.target[i] == self.cur[i]:
                codes.append("R14")
                blocked.append(f"R14: batas jumlah mutasi {p.maks_mutasi} tercapai")
            src = self.cur[i]
            if t.post_wajib[src] and self.after[src] <= t.post_keb[src] and self.target[i] == src:
                codes.append("R12")
                blocked.append("R12: jabatan saat ini Wajib Diisi dan kursinya harus tetap terisi")
            seats = f"masih ada {t.post_keb[j] - self.after[j]} kursi kosong"
            if blocked:
                bits.append(f"{seats}, tetapi " + "; ".join(blocked))
            else:
                bits.append(f"{seats}; skor pegawai ini di sini {here}, " + self._value_elsewhere(i, here, codes))
        if self.pair(i, j) < 0 and j != self.cur[i]:
            bits.append(f"(jabatan ini tidak termasuk {p.maks_kandidat} calon terbaik pegawai yang dinilai solver)")
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))

    def _seat_taken(self, i: int, j: int, here: int, codes: list[str]) -> str:
        """Who holds the seats of post j after the plan, with their scores there against employee i's."""
        d, t = self.data, self.t
        names: list[str] = []
        # The plan weighs gains (score here − score where they were), so that is what is compared.
        for k in self.arrivals.get(j, []):
            s, was = int(self.assigned_scores[k]), int(self.stay_scores[k])
            names.append(f"{d.employees[k].nama} ({d.employees[k].nip}) masuk dengan skor {s} "
                         f"(naik {_signed(s - was)} dari {was})")
        staying = [k for k in d.holders[j] if self.target[k] == j and k != i]
        if staying:
            shown = ", ".join(f"{d.employees[k].nama} skor {int(self.stay_scores[k])}"
                              + (f", tertahan {'/'.join(t.hold_reasons[k])}" if t.hold_reasons[k] else "")
                              for k in staying[:3])
            more = f" dan {len(staying) - 3} lainnya" if len(staying) > 3 else ""
            names.append(f"{len(staying)} pemegang jabatan tetap ({shown}{more})")
        codes.append("R11")
        text = f"kursi penuh ({self.after[j]}/{t.post_keb[j]}, R11): " + "; ".join(names)
        was = int(self.stay_scores[i])
        text += f"; pegawai ini di sini skor {here} (naik {_signed(here - was)} dari {was})"
        return text + "; " + self._value_elsewhere(i, here, codes)

    def _value_elsewhere(self, i: int, here: int, codes: list[str]) -> str:
        j = self.target[i]
        mine = int(self.assigned_scores[i])
        where = "tetap di jabatan saat ini" if j == self.cur[i] else f"ditempatkan di {self._post_text(j)}"
        if j == self.cur[i]:
            gain = here - self.params.biaya_mutasi - mine
            if gain <= 0:
                return (f"pegawai ini {where} dengan skor {mine}; pindah ke sini tidak menambah nilai "
                        f"(skor {here} − biaya mutasi {self.params.biaya_mutasi} ≤ {mine})")
            return (f"pegawai ini {where} dengan skor {mine}; rencana keseluruhan lebih baik tanpa perpindahan ini"
                    if self.result.status.value == "OPTIMAL" else
                    f"pegawai ini {where} dengan skor {mine} (rencana belum terbukti optimal)")
        if here <= mine:
            return f"pegawai ini {where} dengan skor {mine} (tidak lebih rendah dari {here} di sini)"
        if self.t.post_wajib[j]:
            codes.append("R12")
            return f"pegawai ini {where} dengan skor {mine}; R12: jabatan itu Wajib Diisi"
        return (f"pegawai ini {where} dengan skor {mine}; rencana keseluruhan lebih baik dengan penempatan itu"
                if self.result.status.value == "OPTIMAL" else
                f"pegawai ini {where} dengan skor {mine} (rencana belum terbukti optimal)")

    def alternatives(self, i: int, n: int = 5) -> list[int]:
        """The n posts (other than where the plan puts i, and i's own post) with i's highest newcomer
        score among those no rule closes to i; ties: posts with a free seat after the plan, then order."""
        t = self.t
        scores, closed = self._newcomer_view(i)
        ok = ~np.logical_or.reduce(list(closed.values())) & (t.post_keb > 0)
        ok[[self.cur[i], self.target[i]]] = False
        cand = np.nonzero(ok)[0]
        order = cand[np.lexsort((cand, self.after[cand] >= t.post_keb[cand], -scores[cand]))]
        return order[:n].tolist()

    def closed_better(self, i: int) -> dict[str, int]:
        """Per rule code: how many posts that would score higher for i than where the plan puts them
        that rule closes to i (a post may count under several rules)."""
        scores, closed = self._newcomer_view(i)
        better = scores > int(self.assigned_scores[i])
        better[[self.cur[i], self.target[i]]] = False
        counts = {code: int((mask & better).sum()) for code, mask in closed.items()}
        return {code: counts[code] for code in _CODE_ORDER if counts.get(code)}

    def _newcomer_view(self, i: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Employee i's newcomer score in every post, and per rule code the posts it closes to i."""
        t, d = self.t, self.data
        one = np.array([i], dtype=np.int64)
        n_class = len(t.classes)
        base = np.array([t.class_parts(c, one, stay=False)[0].sum() for c in range(n_class)], dtype=np.int64)
        per_class = {code: np.zeros(n_class, dtype=bool) for code in _PAIR_RULES}
        for c in range(n_class):
            for code, mask in t.class_exclusions(c, one).items():
                per_class[code][c] = bool(mask[0])
        raw = base[t.post_class] if t.n_post else np.zeros(0, dtype=np.int64)
        if t.emp_prefs[i]:
            raw = raw + np.isin(t.post_unit, list(t.emp_prefs[i])) * self.params.bobot_preferensi
        closed = {code: per_class[code][t.post_class] for code in _PAIR_RULES}
        closed["R11"] = t.holders > t.post_keb
        by_post, by_unit = self._forbidden
        frozen = np.isin(t.post_unit, [k for k, u in enumerate(t.unit_names) if u in set(d.frozen_units)])
        r15 = frozen | np.isin(t.post_unit, list(by_unit.get(i, ())))
        r15[list(by_post.get(i, ()))] = True
        closed["R15"] = r15
        return np.clip(raw, 0, 100), closed

    def runners_up(self, j: int, n: int = 5) -> list[tuple[int, int]]:
        """(employee, score in post j) of the best candidates the plan does not put in post j."""
        rows = [k for k in self.best_for_post.get(j, []) if self.target[int(self.cand.emp[k])] != j]
        return [(int(self.cand.emp[k]), self._cscore[k]) for k in rows[:n]]


class _ClassExclusions:
    """Pair-rule masks of every movable employee against one post class, kept to answer per post fast."""

    def __init__(self, t: Tables, c: int, movable: np.ndarray) -> None:
        masks = t.class_exclusions(c, movable)
        cur = t.cur[movable]
        self.total = {code: int(m.sum()) for code, m in masks.items()}
        self.by_post = {code: np.bincount(cur[m], minlength=t.n_post) for code, m in masks.items()}
        ok = ~np.logical_or.reduce(list(masks.values())) if masks else np.ones(len(movable), dtype=bool)
        self.ok_total = int(ok.sum())
        self.ok_by_post = np.bincount(cur[ok], minlength=t.n_post)
        self._ok_emp = movable[ok]
        self.ok_mask = np.zeros(t.n_emp, dtype=bool)
        self.ok_mask[self._ok_emp] = True
        self._c = c
        self._ranked: list[tuple[int, int]] | None = None

    def best_outside(self, j: int, t: Tables, target: list[int]) -> tuple[int, int] | None:
        """(employee, score without preference) of the best eligible employee neither in post j before
        the plan nor after it."""
        if self._ranked is None:
            emp = self._ok_emp
            scores = np.clip(t.class_parts(self._c, emp, stay=False).sum(axis=1), 0, 100) if len(emp) else emp
            order = np.lexsort((emp, -scores))
            self._ranked = list(zip(emp[order].tolist(), scores[order].tolist(), strict=True))
        for i, s in self._ranked:
            if t.cur[i] != j and target[i] != j:
                return i, int(s)
        return None


def move_reason(data: ProblemData, tables: Tables, result: Result, i: int) -> Reason:
    """Why employee i moves (see `Explainer.move_reason`)."""
    return Explainer(data, tables, result).move_reason(i)


def stay_reason(data: ProblemData, tables: Tables, result: Result, i: int) -> Reason:
    """Why employee i stays (see `Explainer.stay_reason`)."""
    return Explainer(data, tables, result).stay_reason(i)


def empty_seat_reason(data: ProblemData, tables: Tables, result: Result, j: int) -> Reason:
    """Why post j keeps empty seats (see `Explainer.empty_seat_reason`)."""
    return Explainer(data, tables, result).empty_seat_reason(j)


def training_needs(data: ProblemData, tables: Tables, result: Result, i: int) -> list[TrainingNeed]:
    """Training mover i needs in the target post (see `Explainer.training_needs`)."""
    return Explainer(data, tables, result).training_needs(i)
