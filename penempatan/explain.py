"""Plain reasons for a plan: why each employee moves or stays, why a seat stays empty (SPEC 3–5).

Also each move's purposes (`Tujuan`) and flags (`Perhatian`), the vacancy chains ("who took the seat vacated
by whom", ids C001…), the named training a mover needs (training.py), the holders who do not meet R18 today,
and the shortlist for every empty JPT Pratama seat (R20). Everything is a pure function of ProblemData,
Tables and Result; nothing here solves. Rule wording comes from the registry in rules.py (`rule_text`).

For a whole workbook build one `Explainer` (the plan view) and ask it for every row: it computes its indexes
once, so reasons for 50,000 employees cost O(employees + candidate pairs), not O(employees²). The
module-level functions (`move_reason`, `stay_reason`, …) are the same questions for one employee or post.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from penempatan.check import holders_not_qualified
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.rules import RULES
from penempatan.scoring import (
    COMPONENT_LABELS,
    COMPONENTS,
    FLAG_LABELS,
    PURPOSE_LABELS,
    Tables,
    flag_names,
    purpose_names,
    total,
)
from penempatan.text import date_text, number
from penempatan.training import Training, family_of, trainings

PROMOSI, ROTASI, MUTASI = "Promosi", "Rotasi", "Mutasi antar unit"
MOVE_KINDS = (PROMOSI, ROTASI, MUTASI)

# Post requirements first, then what holds employees in place (the order a planner reads them in).
_CODE_ORDER = ("R11", "R6", "R7", "R8", "R18", "R9", "R10", "R19", "R17", "R20", "R1", "R4", "R5", "R15")
_PAIR_RULES = ("R6", "R7", "R8", "R9", "R10", "R17", "R18", "R19", "R20")
_SHORTLIST_RULES = ("R6", "R7", "R8", "R9", "R10", "R18", "R19")
"""Rules a JPT candidate must meet as if R20 allowed the move (selection decides the rest)."""
NO_PURPOSE = "tanpa tujuan mutasi"
SHORTLIST = 5
"""Candidates listed for each empty JPT Pratama seat (`Calon`, R20)."""
_KOMPETENSI = ("manajerial", "sosial kultural", "teknis")


def rule_text(code: str, detail: str = "") -> str:
    """A rule as reasons cite it: 'R1: masa jabatan kurang dari minimal (10 bulan < 24 bulan; Peraturan BKN
    5/2019)'; wording and source from the registry, `detail` the facts of this case."""
    r = RULES[code]
    inside = "; ".join(x for x in (detail, r.source) if x)
    return f"{code}: {r.text}" + (f" ({inside})" if inside else "")


@dataclass(frozen=True)
class Reason:
    """Reason codes (R1…R21) and the words a planner reads (`Alasan`)."""

    codes: tuple[str, ...]
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Chain:
    """A vacancy chain (starts at a post that gains a person) or a cycle (a closed ring of moves).

    `members` are employee indices in order: each one's target post is the previous one's origin; the
    first fills a vacancy (chain) or the last one's origin (cycle).
    """

    id: str
    members: tuple[int, ...]
    cycle: bool


@dataclass(frozen=True)
class Candidate:
    """One name on the shortlist of an empty JPT seat: employee i, fit `score` there, and why (`text`)."""

    i: int
    score: int
    text: str


def months_text(months: int) -> str:
    """74 -> '6 th 2 bln'."""
    years, rest = divmod(max(0, months), 12)
    if years and rest:
        return f"{years} th {rest} bln"
    return f"{years} th" if years else f"{rest} bln"


def months_long(months: int) -> str:
    """74 -> '6 tahun 2 bulan' (for text the employee reads)."""
    years, rest = divmod(max(0, months), 12)
    parts = ([f"{years} tahun"] if years else []) + ([f"{rest} bulan"] if rest or not years else [])
    return " ".join(parts)


def education_text(pendidikan: str, jurusan: str | None) -> str:
    """'S-1 Akuntansi' from ('S-1', 'Akuntansi'); a jurusan that already names the level is kept as it is."""
    if not jurusan:
        return pendidikan
    return jurusan if jurusan.upper().startswith(pendidikan.upper()) else f"{pendidikan} {jurusan}"


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else f"−{-n}"


def field_text(bidang: str | None) -> str:
    """A rumpun field as words: 'ekonomi_akuntansi' -> 'ekonomi akuntansi'."""
    return (bidang or "").replace("_", " ")


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
    """Reasons for every row of a plan, with the indexes they need built once (lazily): the plan view."""

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

    @cached_property
    def _cnilai(self) -> list[int]:
        return self.cand.nilai.tolist()

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
        """Fit components of employee i in their current post."""
        k = self.stay_pair(i)
        if k >= 0:
            return np.asarray(self.cand.parts[k])
        return np.asarray(self.t.stay_parts[i])

    def move_parts(self, i: int, j: int) -> np.ndarray:
        k = self.pair(i, j)
        if k >= 0:
            return np.asarray(self.cand.parts[k])
        return self.t.class_parts(int(self.t.post_class[j]), np.array([i]))[0]

    @cached_property
    def stay_scores(self) -> np.ndarray:
        """Every employee's fit in their current post (the plan's 'before'; also the nilai of staying)."""
        out = np.full(self.t.n_emp, -1, dtype=np.int64)
        rows = np.nonzero(self.cand.stay)[0]
        out[self.cand.emp[rows]] = self.cand.score[rows]
        for i in np.nonzero(out < 0)[0]:
            out[i] = int(np.clip(self.stay_parts(int(i)).sum(), 0, 100))
        return out

    @cached_property
    def assigned_scores(self) -> np.ndarray:
        """Every employee's fit in the post the plan gives them."""
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
    def _terms(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per employee: the nilai of the plan's pair, and the purposes and flags of their move (bit sets,
        0 for a stayer), from the same `Tables.move_terms` that made the candidates."""
        nilai = self.stay_scores.copy()
        purposes = np.zeros(self.t.n_emp, dtype=np.int64)
        flags = np.zeros(self.t.n_emp, dtype=np.int64)
        movers = np.array(self.movers, dtype=np.int64)
        if len(movers):
            terms = self.t.move_terms(movers, self.result.assignment[movers], self.assigned_scores[movers])
            nilai[movers], purposes[movers], flags[movers] = terms.nilai, terms.purposes, terms.flags
        return nilai, purposes, flags

    def nilai(self, i: int) -> int:
        """The objective coefficient of employee i's pair in the plan (SPEC 4)."""
        return int(self._terms[0][i])

    def purposes(self, i: int) -> list[str]:
        """The purposes (scoring.PURPOSES names) of employee i's move; empty for a stayer or a pin without one."""
        return purpose_names(int(self._terms[1][i]))

    def flags(self, i: int) -> list[str]:
        """The flags (scoring.FLAGS names) of employee i's move; empty for a stayer."""
        return flag_names(int(self._terms[2][i]))

    def tujuan(self, i: int) -> str:
        """`Tujuan`: the move's purposes in plain words ('rotasi jatuh tempo; mengisi kebutuhan')."""
        words = [PURPOSE_LABELS[name] for name in self.purposes(i)]
        if not words and self.pinned.get(i) == self.target[i]:
            words = ["ditetapkan skenario (kunci)"]
        return "; ".join(words)

    def perhatian(self, i: int) -> str:
        """`Perhatian`: the move's flags in words ('tidak bersedia; dekat BUP'); '' when none."""
        return "; ".join(FLAG_LABELS[name] for name in self.flags(i))

    @cached_property
    def best_alternative(self) -> list[int]:
        """Per employee, the candidate row of their most valuable move (highest nilai, then fit, then lowest
        post), or -1."""
        out = [-1] * self.t.n_emp
        c = self.cand
        rows = np.nonzero(~c.stay)[0]
        if len(rows):
            order = rows[np.lexsort((c.post[rows], -c.score[rows], -c.nilai[rows], c.emp[rows]))]
            emp = c.emp[order]
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

    def unit_filled(self, people: np.ndarray) -> np.ndarray:
        """R21: per unit, seats filled (Σ over its posts of min(people, Kebutuhan)) for people per post."""
        t = self.t
        filled = np.minimum(people, t.post_keb)
        return np.bincount(t.post_unit, weights=filled, minlength=len(t.unit_names)).astype(np.int64)

    @cached_property
    def unit_filled_before(self) -> np.ndarray:
        return self.unit_filled(self.t.holders)

    @cached_property
    def unit_filled_after(self) -> np.ndarray:
        return self.unit_filled(self.after)

    @cached_property
    def _golongan_name(self) -> dict[int, str]:
        return {g.urutan: g.kode for g in self.t.ref.golongan.values() if g.jenis == "PNS"}

    @cached_property
    def unqualified(self) -> dict[int, str]:
        """R18 today: holders of a JF post who do not meet its family's qualification, with the checker's
        words (`check.holders_not_qualified`); they stay, as a warning for the BKPSDM."""
        index = self.data.employee_index
        return {index[v.nip]: v.message for v in holders_not_qualified(self.data, self.t.ref) if v.nip}

    # --- moves -----------------------------------------------------------------------------------------
    def move_kind(self, i: int) -> str:
        return move_kind(self.t, i, self.target[i])

    def move_reason(self, i: int) -> Reason:
        """`Alasan` of a move, for the committee: the purposes with their rules, the flags, the fit
        components that change, fit and nilai, and the chain when the move serves another."""
        t, d = self.t, self.data
        src, dst = self.cur[i], self.target[i]
        if src == dst:
            raise ValueError(f"pegawai {d.employees[i].nip} tidak pindah")
        codes: list[str] = []
        bits: list[str] = []
        if self.pinned.get(i) == dst:
            codes.append("R15")
            bits.append(rule_text("R15", "dikunci ke jabatan ini"))
        purposes = self.purposes(i)
        bits += [self._purpose_text(i, name, codes) for name in purposes]
        if t.post_wajib[dst] and "kebutuhan" not in purposes:
            codes.append("R12")
            bits.append(rule_text("R12", "jabatan tujuan; kursinya tetap terisi"))
        flags = [self._flag_text(i, name, codes) for name in self.flags(i)]
        if flags:
            bits.append("Perhatian: " + "; ".join(flags))
        before, after = self.stay_parts(i), self.move_parts(i, dst)
        diff = (after - before).tolist()
        gains = sorted(((v, k) for k, v in enumerate(diff) if v > 0), key=lambda x: (-x[0], x[1]))
        losses = sorted(((v, k) for k, v in enumerate(diff) if v < 0), key=lambda x: (x[0], x[1]))
        if gains:
            bits.append(", ".join(self._component_text(i, dst, k, v, codes) for v, k in gains))
        if losses:
            bits.append("meski " + ", ".join(self._component_text(i, dst, k, v, codes) for v, k in losses))
        s_before, s_after = int(self.stay_scores[i]), int(self.assigned_scores[i])
        bits.append(f"skor {s_before} → {s_after}, nilai {self.nilai(i)} (tetap: {s_before})")
        chain, k = self.chain_of[i]
        if self.nilai(i) <= s_before and not ({"R11", "R12", "R15"} & set(codes)):
            nxt = chain.members[k] if k < len(chain.members) else (chain.members[0] if chain.cycle else None)
            if nxt is not None:
                e = d.employees[nxt]
                bits.append(f"membuka kursi {d.positions[src].kode} untuk {e.nama} ({e.nip}) dalam "
                            f"{'siklus' if chain.cycle else 'rantai'} {chain.id}")
        if chain.cycle:
            bits.append(f"siklus {chain.id}: {len(chain.members)} pegawai saling bertukar kursi")
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))

    def _purpose_text(self, i: int, name: str, codes: list[str]) -> str:
        """One purpose of employee i's move, with the rule behind it and the numbers (SPEC 4 a–f)."""
        t, d, p = self.t, self.data, self.params
        src, dst = self.cur[i], self.target[i]
        label = PURPOSE_LABELS[name]
        if name == "kebutuhan":
            detail = f"jabatan tujuan terisi {t.holders[dst]} dari {t.post_keb[dst]} kursi"
            if t.post_wajib[dst]:
                codes.append("R12")
                return f"{label}: {rule_text('R12', detail)}"
            return f"{label}: {detail}"
        if name == "rotasi":
            risk = bool(t.post_risk[src])
            code = "R3" if risk else "R2"
            codes.append(code)
            due = p.masa_risiko_tinggi_bulan if risk else p.masa_jabatan_maksimal_bulan
            return f"{label}: {rule_text(code, f'{months_text(int(t.emp_tenure[i]))} ≥ {months_text(due)}')}"
        if name == "promosi":
            codes.append("R9")
            a, b = d.positions[src], d.positions[dst]
            step = [f"kotak talenta {t.emp_kotak[i]}", f"kelas {t.post_kelas[src]} → {t.post_kelas[dst]}"]
            if t.post_tingkat[dst] > t.post_tingkat[src] or (a.jenjang and a.jenjang != b.jenjang):
                step.append(f"{a.jenjang or a.jenis} → {b.jenjang or b.jenis}")
            return f"{label}: {rule_text('R9', ', '.join(step))}"
        if name == "kesesuaian":
            return (f"{label}: skor {self.stay_scores[i]} → {self.assigned_scores[i]} "
                    f"(ambang {p.ambang_kesesuaian})")
        if name == "kelebihan":
            codes.append("R11")
            detail = ("jabatan asal dihapus (Kebutuhan 0)" if t.post_keb[src] == 0 else
                      f"jabatan asal {t.holders[src]} orang untuk {t.post_keb[src]} kursi")
            return f"{label}: {rule_text('R11', detail)}"
        return f"{label}: unit {d.positions[dst].unit} diminati"

    def _flag_text(self, i: int, name: str, codes: list[str]) -> str:
        """One flag of employee i's move for the committee, with its rule."""
        t, p = self.t, self.params
        src, dst = self.cur[i], self.target[i]
        label = FLAG_LABELS[name]
        forced = bool(t.forced_out[i])
        if name == "tidak_bersedia":
            codes.append("R16")
            why = "jabatan asal kelebihan pegawai" if forced else "kursi kosong jabatan wajib diisi"
            return rule_text("R16", f"dipindah karena {why}")
        if name == "dekat_bup":
            return f"{label}: pensiun dalam {t.retirement_months[i]} bulan"
        if name == "turun_kelas":
            codes.append("R19")
            step = f"kelas {t.post_kelas[src]} → {t.post_kelas[dst]}"
            why = ("boleh_turun_kelas = Ya" if p.boleh_turun_kelas else
                   "pengecualian: jabatan asal kelebihan pegawai atau dihapus dan tidak ada jabatan setara terbuka")
            return f"{label}: {rule_text('R19', f'{step}; {why}')}"
        if name == "kesesuaian_turun":
            why = "kelebihan pegawai" if forced else "mengisi jabatan wajib diisi yang kosong"
            return (f"{label}: skor {self.stay_scores[i]} → {self.assigned_scores[i]}, "
                    f"diizinkan karena {why}")
        codes.append("R20")
        return f"{label}: {rule_text('R20', 'isi_jpt = Ya: kursi JPT diisi dalam rencana')}"

    def _component_text(self, i: int, j: int, k: int, v: int, codes: list[str]) -> str:
        """Words for fit component k changing by v when employee i moves to post j."""
        name = COMPONENTS[k]
        post = self.data.positions[j]
        if name == "bidang":
            codes.append("R8")
            if v < 0:
                return f"bidang tidak sesuai jabatan tujuan ({field_text(post.bidang)}, R8, {_signed(v)})"
            if post.bidang is None:
                return f"jabatan terbuka untuk semua bidang (R8, {_signed(v)})"
            source = "pendidikan" if self.t.emp_bidang[i] == post.bidang else "pelatihan"
            return f"bidang {source} sesuai ({field_text(post.bidang)}, R8, {_signed(v)})"
        words = {
            "pendidikan": ("jenjang pendidikan lebih sesuai", "jenjang pendidikan kurang sesuai"),
            "kompetensi": ("kompetensi lebih memenuhi standar jabatan",
                           "kompetensi di bawah standar jabatan tujuan"),
            "kinerja": (f"kinerja dan talenta lebih berdaya guna di kelas jabatan {post.kelas}",
                        f"kinerja dan talenta kurang berdaya guna di kelas jabatan {post.kelas}"),
            "golongan": ("golongan sesuai rentang jabatan", "golongan kurang sesuai rentang jabatan tujuan"),
        }
        up, down = words.get(name, (COMPONENT_LABELS[name], COMPONENT_LABELS[name]))
        return f"{up if v > 0 else down} ({_signed(v)})"

    # --- stays -----------------------------------------------------------------------------------------
    def stay_reason(self, i: int) -> Reason:
        """`Alasan` of a stay: the rules that hold i (with numbers), an R18 warning for an unqualified holder,
        else whether any move with a purpose would be worth more and what blocked it; R6/R7 warnings."""
        d = self.data
        if self.target[i] != self.cur[i]:
            raise ValueError(f"pegawai {d.employees[i].nip} pindah")
        codes: list[str] = []
        bits: list[str] = []
        holds = self.t.hold_reasons[i]
        for code in holds:
            codes.append(code)
            bits.append(self._hold_text(i, code))
        if self.pinned.get(i) == self.cur[i]:
            codes.append("R15")
            bits.append(rule_text("R15", "dikunci di jabatan saat ini"))
        if i in self.unqualified:
            codes.append("R18")
            message = self.unqualified[i]
            detail = f"{self.family(self.cur[i])}: {message.split(': ', 1)[-1]}"
            bits.append(f"Peringatan {rule_text('R18', detail)}; pemangku tetap di jabatan ini, untuk ditinjau BKPSDM")
        if not holds and self.pinned.get(i) != self.cur[i]:
            bits.append(self._no_better_post(i, codes))
        warning = self.own_post_warning(i)
        if warning:
            bits.append(warning)
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))

    def _hold_text(self, i: int, code: str) -> str:
        t, p = self.t, self.params
        e = self.data.employees[i]
        if code == "R1":
            return rule_text("R1", f"{t.emp_tenure[i]} bulan < {p.masa_jabatan_minimal_bulan} bulan")
        if code == "R4":
            left = int(t.retirement_months[i])
            bup = int(t.post_bup[self.cur[i]])
            if left < 0:
                return rule_text("R4", f"sudah melewati BUP {bup} th")
            return rule_text("R4", f"pensiun dalam {left} bulan, BUP {bup} th, batas {p.batas_pensiun_bulan} bulan")
        if code == "R5":
            return rule_text("R5", f"status {e.status}; yang boleh dimutasi: {', '.join(p.status_boleh_mutasi)}")
        if code == "R15":
            return rule_text("R15", f"unit {t.unit_names[t.emp_unit[i]]} dibekukan")
        if code == "R17":
            window = f"{date_text(p.larangan_mulai)} s.d. {date_text(p.larangan_selesai) or '…'}"
            return rule_text("R17", f"{window}, jabatan manajerial")
        if code == "R20":
            return rule_text("R20", "pemangku JPT Pratama tidak dipindah oleh rencana; isi_jpt = Tidak")
        return rule_text(code)

    def _no_better_post(self, i: int, codes: list[str]) -> str:
        """A movable stayer: the most valuable move with a purpose against the nilai of staying, and what
        kept them from it when it was worth more."""
        d = self.data
        k = self.best_alternative[i]
        here = int(self.stay_scores[i])
        if k < 0:
            detail = self.no_candidate_rules.get(i, "")
            return "tidak ada pindah yang bertujuan dan memenuhi syarat" + (f" ({detail})" if detail else "")
        seat = self._empty_must_fill_option(i)
        if seat >= 0:
            codes.append("R12")
            q = d.positions[self._cpost[seat]]
            return (f"kursi wajib diisi {q.kode} {q.nama} ({q.unit}) masih kosong dan didahulukan (R12), tetapi "
                    + self._blocked(i, self._cpost[seat], codes))
        j, value = self._cpost[k], self._cnilai[k]
        q = d.positions[j]
        words = ", ".join(PURPOSE_LABELS[n] for n in purpose_names(int(self.cand.purposes[k])))
        alt = f"{q.kode} {q.nama} ({q.unit}): tujuan {words}; skor {self._cscore[k]}; nilai {value}"
        if value <= here:
            return f"tidak ada pindah yang bertujuan dan lebih bernilai: terbaik {alt}, tetap bernilai {here}"
        return (f"ada pindah yang lebih bernilai, ke {alt}, tetap bernilai {here}; tetapi "
                + self._blocked(i, j, codes))

    def _empty_must_fill_option(self, i: int) -> int:
        """A candidate row of employee i into a must-fill vacancy that is still empty after the plan, or -1:
        the plan would have taken that move before any nilai (R12), so something held i."""
        t = self.t
        for k in range(self._slices[i], self._slices[i + 1]):
            j = self._cpost[k]
            if not self._cstay[k] and t.must_fill_vacancy[j] and self.after[j] < t.post_keb[j]:
                return k
        return -1

    def r21_blocks(self, i: int, j: int) -> bool:
        """R21: would employee i (staying in the plan) leaving for post j in another unit leave their unit
        with fewer seats filled than today, given the rest of the plan?"""
        t = self.t
        if self.params.kekurangan_unit_boleh_naik or self.target[i] != self.cur[i]:
            return False
        u, src = int(t.emp_unit[i]), self.cur[i]
        if t.post_unit[j] == u or self.after[src] > t.post_keb[src]:
            return False
        return bool(self.unit_filled_after[u] <= self.unit_filled_before[u])

    def _blocked(self, i: int, j: int, codes: list[str]) -> str:
        """What kept employee i out of post j, where their move would have been worth more than staying."""
        t, d, p = self.t, self.data, self.params
        out: list[str] = []
        if self.after[j] >= t.post_keb[j]:
            codes.append("R11")
            out.append(f"kursi {d.positions[j].kode} sudah penuh ({self.after[j]}/{t.post_keb[j]}, R11), diisi "
                       "pegawai yang memberi nilai total lebih tinggi")
        u = int(t.emp_unit[i])
        if t.post_unit[j] != u and self.unit_leavers[u] >= self.unit_cap[u]:
            codes.append("R13")
            out.append(rule_text("R13", f"unit {t.unit_names[u]} {self.unit_leavers[u]} dari maks {self.unit_cap[u]} "
                                        f"pegawai, {p.maks_keluar_unit_persen:g}%"))
        if p.maks_mutasi is not None and len(self.movers) >= p.maks_mutasi:
            codes.append("R14")
            out.append(rule_text("R14", f"{p.maks_mutasi} tercapai"))
        if self.r21_blocks(i, j):
            codes.append("R21")
            out.append(rule_text("R21", f"unit {t.unit_names[u]} kehilangan kursi terisi tanpa pengganti"))
        src = self.cur[i]
        if t.post_wajib[src] and self.after[src] <= t.post_keb[src]:
            codes.append("R12")
            out.append(rule_text("R12", "jabatan saat ini; kursinya harus tetap terisi"))
        if not out:
            status = self.result.status.value
            out.append("rencana keseluruhan lebih bernilai bila pegawai ini tetap" if status == "OPTIMAL"
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
                text += (("; " if text else "") + "jabatan yang memenuhi syarat tidak menerima pegawai baru atau "
                         "pindah ke sana tanpa tujuan")
            out[i] = text
        return out

    def own_post_warning(self, i: int) -> str:
        """Warning when a stayer no longer meets their own post's minimum education or golongan (R6/R7)."""
        return self._own_post_warnings.get(i, "")

    @cached_property
    def holder_warnings(self) -> dict[int, str]:
        """Per employee, the warnings about them in their current post, whatever the plan does: not meeting
        R18 (`unqualified`) and below their own post's minimum education or golongan (R6/R7)."""
        out: dict[int, list[str]] = {}
        for i, message in self.unqualified.items():
            out.setdefault(i, []).append(f"R18: {message}")
        for i, text in self._own_post_warnings.items():
            out.setdefault(i, []).append(text.removeprefix("Peringatan: "))
        return {i: "; ".join(out[i]) for i in sorted(out)}

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
        total_: Counter[str] = Counter()
        by_post: dict[int, Counter[str]] = {}
        for i, codes in enumerate(self.t.hold_reasons):
            if codes:
                total_.update(codes)
                by_post.setdefault(self.cur[i], Counter()).update(codes)
        return total_, by_post

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
        total_, by_post = self._holds
        own = by_post.get(j, Counter())
        for code, n in total_.items():
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

    def _eligible(self, j: int) -> np.ndarray:
        """Movable employees that no pair rule keeps out of post j, other than its holders and the people
        the plan already puts in it."""
        cls = self._class(int(self.t.post_class[j]))
        emp = cls.ok_emp
        keep = (self.t.cur[emp] != j) & (self.result.assignment[emp] != j)
        return emp[keep]

    def eligible_count(self, j: int) -> int:
        """How many employees `_eligible(j)` holds (pass every pair rule for post j)."""
        return len(self._eligible(j))

    def purposeful_count(self, j: int) -> int:
        """Of the eligible employees for post j, those whose move there would have a purpose that the
        purpose rule allows (SPEC 4; `Tables.move_terms`)."""
        emp = self._eligible(j)
        if not len(emp):
            return 0
        fit = self._class(int(self.t.post_class[j])).fit_of(emp)
        return int(self.t.move_terms(emp, np.full(len(emp), j, dtype=np.int64), fit).valid.sum())

    def rule_counts_text(self, j: int, no_purpose: int | None = None) -> str:
        """'R6 (pendidikan …): 12 pegawai, …' in reading order, then employees without a purpose."""
        counts = self.exclusion_counts(j)
        parts = [f"{c} ({RULES[c].text}): {number(counts[c])} pegawai" for c in _CODE_ORDER if counts.get(c)]
        if no_purpose:
            parts.append(f"{NO_PURPOSE}: {number(no_purpose)} pegawai")
        return ", ".join(parts)

    def empty_seat_reason(self, j: int) -> Reason:
        """`Alasan` of a post with empty seats: what closes it (R11, R15, R20), or where its candidates went
        instead and what held them (R11–R14, R21), or the rule counts and the count without a purpose."""
        t, d, p = self.t, self.data, self.params
        q = d.positions[j]
        codes: list[str] = []
        bits: list[str] = []
        if t.post_wajib[j]:
            codes.append("R12")
        if t.holders[j] > t.post_keb[j]:
            codes.append("R11")
            bits.append(rule_text("R11", f"{t.holders[j]} orang untuk {t.post_keb[j]} kursi sebelum rencana") +
                        " sehingga tidak menerima pegawai baru")
        elif q.unit in set(d.frozen_units):
            codes.append("R15")
            bits.append(rule_text("R15", f"unit {q.unit} dibekukan") + ", tidak ada pegawai masuk")
        elif t.post_jpt[j] and not p.isi_jpt:
            codes.append("R20")
            n = len(self.jpt_pool(j))
            bits.append(rule_text("R20", "isi_jpt = Tidak") + f": kursi tidak diisi oleh rencana; {number(n)} "
                        "pegawai talent pool memenuhi syarat, calon terbaik di kolom Calon")
        else:
            if j in self.arrivals:
                bits.append(f"{len(self.arrivals[j])} pegawai masuk ke jabatan ini")
            # Candidates the plan put in this very post are not "elsewhere".
            rows = [k for k in self.best_for_post.get(j, []) if self.target[int(self.cand.emp[k])] != j]
            if rows:
                bits.append(self._went_elsewhere(j, rows, codes))
            else:
                eligible = self.eligible_count(j)
                purposeful = self.purposeful_count(j)
                if purposeful > 0:
                    text = (f"{number(purposeful)} pegawai memenuhi syarat dan bertujuan, tetapi jabatan ini tidak "
                            "masuk daftar calon mereka (jumlah calon per pegawai dibatasi, lihat maks_kandidat)")
                    best_outside = self._class(int(t.post_class[j])).best_outside(j, t, self.target)
                    if best_outside is not None:
                        text += f"; terbaik: {self._whereabouts(*best_outside)}"
                    bits.append(text)
                else:
                    listed = [c for c in _CODE_ORDER if self.exclusion_counts(j).get(c)]
                    codes.extend(listed)
                    other = " lain" if j in self.arrivals else ""
                    bits.append(f"tidak ada calon{other} yang memenuhi syarat dan bertujuan; tersaring oleh "
                                + self.rule_counts_text(j, eligible)
                                + " (satu pegawai dapat tersaring oleh beberapa aturan)")
        text = "; ".join(bits)
        if t.post_wajib[j]:
            text = rule_text("R12") + ", tetapi " + text
        return Reason(tuple(dict.fromkeys(codes)), text)

    def _went_elsewhere(self, j: int, rows: list[int], codes: list[str]) -> str:
        """Post j had candidates: where the best went, who would have gained here but was held (and by
        what), and for a must-fill post how many R21 held."""
        d = self.data
        held_by: list[str] = []  # rules that held a candidate in their own post (R12 there is not this post's)
        gainer = next((k for k in rows if self._stayed_despite_gain(k)), -1)
        best = rows[0]
        text = (f"{number(self.eligible_count(j))} pegawai memenuhi syarat ({len(rows)} dinilai sebagai calon), "
                "tetapi lebih bernilai di tempat lain; terbaik: "
                + self._whereabouts(int(self.cand.emp[best]), self._cscore[best]))
        if gainer == best:
            text += ", tetap karena " + self._blocked(int(self.cand.emp[best]), j, held_by)
        elif gainer >= 0:
            i = int(self.cand.emp[gainer])
            e = d.employees[i]
            why = self._blocked(i, j, held_by)
            text += (f"; {e.nama} ({e.nip}) akan bernilai {self._cnilai[gainer]} di sini (tetap: "
                     f"{int(self.stay_scores[i])}), tetapi tetap karena {why}")
        codes.extend(code for code in held_by if code != "R12")
        held = [int(self.cand.emp[k]) for k in rows if self.r21_blocks(int(self.cand.emp[k]), j)] \
            if self.t.post_wajib[j] else []
        if held:
            codes.append("R21")
            e = d.employees[held[0]]
            text += "; " + rule_text("R21", f"{len(held)} calon tidak dapat dilepas unitnya tanpa pengganti, "
                                           f"a.l. {e.nama} ({e.nip}) dari {d.positions[self.cur[held[0]]].unit}")
        return text

    def _stayed_despite_gain(self, k: int) -> bool:
        """Did the employee of candidate row k stay although that move was worth more than staying?"""
        i = int(self.cand.emp[k])
        return self.target[i] == self.cur[i] and self._cnilai[k] > int(self.stay_scores[i])

    def _whereabouts(self, i: int, score_here: int) -> str:
        e = self.data.employees[i]
        j = self.target[i]
        q = self.data.positions[j]
        where = "tetap di" if j == self.cur[i] else "ditempatkan di"
        return (f"{e.nama} ({e.nip}) skor {score_here} di sini, {where} {q.kode} {q.nama} ({q.unit}) "
                f"dengan skor {int(self.assigned_scores[i])}")

    # --- JPT shortlist (R20) -------------------------------------------------------------------------------
    @cached_property
    def _jpt_pools(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        return {}

    def jpt_pool(self, j: int) -> list[tuple[int, int]]:
        """(employee, fit) of everyone eligible for JPT post j by selection, best first: kotak talenta in
        kotak_promosi, status that may move (R5), not retiring (R4), and R6–R10, R18, R19 met as if R20
        allowed the move; not its holders."""
        t, p = self.t, self.params
        c = int(t.post_class[j])
        if c not in self._jpt_pools:
            allowed = set(p.status_boleh_mutasi)
            emp = np.array([i for i, e in enumerate(self.data.employees)
                            if e.status in allowed and "R4" not in t.hold_reasons[i]], dtype=np.int64)
            emp = emp[np.isin(t.emp_kotak[emp], np.array(p.kotak_promosi, dtype=np.int64))]
            if len(emp):
                masks = t.class_exclusions(c, emp)
                emp = emp[~np.logical_or.reduce([masks[code] for code in _SHORTLIST_RULES])]
            fit = total(t.class_parts(c, emp)) if len(emp) else np.zeros(0, dtype=np.int64)
            order = np.lexsort((emp, -t.emp_kotak[emp], -fit))
            self._jpt_pools[c] = (emp[order], fit[order])
        emp, fit = self._jpt_pools[c]
        return [(i, s) for i, s in zip(emp.tolist(), fit.tolist(), strict=True) if self.cur[i] != j]

    def shortlist(self, j: int, n: int = SHORTLIST) -> list[Candidate]:
        """`Calon` of an empty JPT seat (R20): the n best of `jpt_pool(j)`, each with why."""
        d = self.data
        q = d.positions[j]
        out = []
        for i, score in self.jpt_pool(j)[:n]:
            e = d.employees[i]
            here = d.positions[self.cur[i]]
            why = [f"kotak talenta {e.kotak}", education_text(e.pendidikan, e.jurusan), f"kinerja {e.kinerja}"]
            if q.bidang:
                source = "pendidikan" if e.bidang == q.bidang else "pelatihan"
                why.append(f"bidang {source} sesuai ({field_text(q.bidang)})")
            elif e.bidang:
                why.append(f"bidang {field_text(e.bidang)}")
            if q.standar_manajerial:
                level = int(self.t.emp_komp[i, 0])
                why.append(f"kompetensi manajerial {level or '-'} (standar {q.standar_manajerial})")
            out.append(Candidate(i, score, f"{e.nama} ({e.nip}), {here.nama} ({here.unit}), skor {score}: "
                                           + ", ".join(why)))
        return out

    # --- training ----------------------------------------------------------------------------------------
    def training_needs(self, i: int) -> list[Training]:
        """The named courses of pelatihan.csv mover i needs in the target post (training.py); [] for a stayer."""
        return trainings(self.t, i, self.target[i])

    def family(self, j: int) -> str | None:
        """The JF family of post j, None when it is not a Jabatan Fungsional."""
        return family_of(self.t, j)

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

    def chain_unit_change(self, c: Chain) -> dict[int, int]:
        """R21: per unit the chain touches, the change in seats filled that the chain alone makes."""
        t = self.t
        touched: dict[int, int] = {}
        for i in c.members:
            touched[self.cur[i]] = touched.get(self.cur[i], 0) - 1
            touched[self.target[i]] = touched.get(self.target[i], 0) + 1
        out: dict[int, int] = {}
        for j, delta in touched.items():
            before = int(t.holders[j])
            change = min(before + delta, int(t.post_keb[j])) - min(before, int(t.post_keb[j]))
            u = int(t.post_unit[j])
            out[u] = out.get(u, 0) + change
        return out

    def chain_alone_ok(self, c: Chain) -> bool:
        """Can chain c be approved on its own? Seats (R11), R13 and R14 always hold for a subset of the plan;
        R21 holds when the chain by itself leaves no unit with fewer seats filled than today."""
        return self.params.kekurangan_unit_boleh_naik or all(v >= 0 for v in self.chain_unit_change(c).values())

    def chain_links(self, c: Chain) -> list[str]:
        """What a planner should know before approving or rejecting chain c alone (rules it touches, shared
        quotas, R21 dependencies).

        Approving any subset of chains keeps R11, R13 and R14: each chain only fills seats it frees itself
        (or a vacancy at its start), and R13/R14 are maxima. R21 is a sum per unit: a chain that leaves a
        seat empty in one unit and fills one in another needs another chain that refills the first unit.
        What a rejection changes is listed here: a must-fill seat left empty (R12), a surplus kept (R11), a
        scenario pin undone (R15), a full quota (R13/R14) freed, a unit left short (R21).
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
        out += self._r21_links(c)
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

    @cached_property
    def _unit_changes(self) -> dict[str, dict[int, int]]:
        return {c.id: self.chain_unit_change(c) for c in self.chains}

    def _r21_links(self, c: Chain) -> list[str]:
        """R21 dependencies of chain c: units it leaves short (needs a chain that refills them) and units it
        refills for others (rejecting it leaves them short unless those are rejected too)."""
        if self.params.kekurangan_unit_boleh_naik:
            return []
        names = self.t.unit_names
        changes = self._unit_changes
        mine = changes[c.id]
        out = []
        for u, v in sorted(mine.items()):
            if v < 0:
                helpers = [k for k, ch in changes.items() if k != c.id and ch.get(u, 0) > 0]
                out.append(f"R21: mengurangi kursi terisi {names[u]}; setujui bersama rantai yang mengisinya "
                           f"({', '.join(helpers[:5]) or '-'})")
            elif v > 0:
                takers = [k for k, ch in changes.items() if k != c.id and ch.get(u, 0) < 0]
                if takers and self.unit_filled_after[u] - v < self.unit_filled_before[u]:
                    out.append(f"R21: bila ditolak, {names[u]} berakhir dengan kursi kosong lebih banyak kecuali "
                               f"rantai {', '.join(takers[:5])} juga ditolak")
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
        t, d = self.t, self.data
        e, q = d.employees[i], d.positions[j]
        out: list[tuple[str, str]] = []
        by_post, by_unit = self._forbidden
        if q.unit in set(d.frozen_units):
            out.append(("R15", rule_text("R15", f"unit {q.unit} dibekukan")))
        elif j in by_post.get(i, ()) or t.post_unit[j] in by_unit.get(i, ()):
            out.append(("R15", rule_text("R15", "dilarang untuk pegawai ini")))
        if t.holders[j] > t.post_keb[j]:
            out.append(("R11", rule_text("R11", f"{t.holders[j]} orang untuk {t.post_keb[j]} kursi") +
                        ", tidak menerima pegawai baru"))
        masks = t.class_exclusions(int(t.post_class[j]), np.array([i], dtype=np.int64))
        pc = t.classes[int(t.post_class[j])]
        cur = self.cur[i]
        details = {
            "R6": lambda: f"pendidikan {e.pendidikan}, minimal {q.pendidikan_min}",
            "R7": lambda: (f"golongan {e.golongan}, rentang {self._golongan_name.get(pc.gol_min or 0, '…')}–"
                           f"{self._golongan_name.get(pc.gol_max or 0, '…')}"),
            "R8": lambda: f"bidang pegawai {field_text(e.bidang) or 'tidak diketahui'}, bidang jabatan "
                          f"{field_text(q.bidang)}",
            "R9": lambda: self._promotion_detail(i, j),
            "R10": lambda: f"hukuman disiplin {e.hukuman}",
            "R17": lambda: "jabatan manajerial",
            "R18": lambda: self._family_detail(i, j),
            "R19": lambda: f"kelas {t.post_kelas[cur]} → {t.post_kelas[j]}, tingkat {t.post_tingkat[cur]} → "
                           f"{t.post_tingkat[j]}",
            "R20": lambda: "isi_jpt = Tidak",
        }
        for code in _PAIR_RULES:
            if masks[code][0]:
                out.append((code, rule_text(code, details[code]())))
        return out

    def _promotion_detail(self, i: int, j: int) -> str:
        t, p = self.t, self.params
        cur = self.cur[i]
        if t.post_tingkat[j] > t.post_tingkat[cur] + 1:
            return f"naik {t.post_tingkat[j] - t.post_tingkat[cur]} tingkat"
        e = self.data.employees[i]
        kotak = f"kotak talenta {e.kotak}" if e.kotak else "tanpa kotak talenta"
        if e.kotak in p.kotak_promosi and not e.siap_naik_jenjang:
            return "naik jenjang fungsional tanpa Siap Naik Jenjang"
        return f"promosi butuh kotak {', '.join(map(str, p.kotak_promosi))}, pegawai {kotak}"

    def _family_detail(self, i: int, j: int) -> str:
        e = self.data.employees[i]
        name = self.family(j) or ""
        family = self.t.ref.jabatan_fungsional.get(name)
        accepted = ", ".join(field_text(b) for b in sorted(family.bidang)[:6]) if family and family.bidang else ""
        return (f"{name}: bidang pegawai {field_text(e.bidang) or 'tidak diketahui'}, pendidikan {e.pendidikan}"
                + (f"; diterima: {accepted}" if accepted else ""))

    def potential_score(self, i: int, j: int) -> int:
        """Employee i's fit as a newcomer in post j (the number a candidate pair would carry)."""
        return int(np.clip(self.move_parts(i, j).sum(), 0, 100))

    def potential_value(self, i: int, j: int) -> tuple[int, list[str], bool]:
        """(nilai, purposes, allowed by the purpose rule) of moving employee i into post j (SPEC 4)."""
        one = np.array([i], dtype=np.int64)
        terms = self.t.move_terms(one, np.array([j], dtype=np.int64),
                                  np.array([self.potential_score(i, j)], dtype=np.int64))
        return int(terms.nilai[0]), purpose_names(int(terms.purposes[0])), bool(terms.valid[0])

    def why_not(self, i: int, j: int) -> Reason:
        """Why the plan does not put employee i in post j: a rule, a move without an allowed purpose, a full
        seat (who got it), a limit (R12/R13/R14/R21), or that the employee is worth more where the plan puts
        them."""
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
            bits.append(rule_text("R15", f"dikunci ke {d.positions[self.pinned[i]].kode}"))
        if j != self.cur[i]:
            for code, text in self.post_rules(i, j):
                codes.append(code)
                bits.append(text)
        if bits:
            return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))
        here = self.potential_score(i, j)
        if t.post_keb[j] == 0:
            return Reason((), "Kebutuhan jabatan 0 (tidak ada kursi)")
        value = here
        if j != self.cur[i]:
            value, purposes, allowed = self.potential_value(i, j)
            if not allowed:
                return Reason(tuple(codes), self._purpose_block(i, j, here, purposes, codes))
        if self.after[j] >= t.post_keb[j]:
            bits.append(self._seat_taken(i, j, here, value, codes))
        else:
            blocked: list[str] = []
            u = int(t.emp_unit[i])
            leaves_now = t.post_unit[self.target[i]] != u  # already counted against R13 in the plan
            if t.post_unit[j] != u and not leaves_now and self.unit_leavers[u] >= self.unit_cap[u]:
                codes.append("R13")
                blocked.append(rule_text("R13", f"unit {t.unit_names[u]} {self.unit_leavers[u]} dari maks "
                                                f"{self.unit_cap[u]} pegawai, {p.maks_keluar_unit_persen:g}%"))
            if p.maks_mutasi is not None and len(self.movers) >= p.maks_mutasi and self.target[i] == self.cur[i]:
                codes.append("R14")
                blocked.append(rule_text("R14", f"{p.maks_mutasi} tercapai"))
            if self.r21_blocks(i, j):
                codes.append("R21")
                blocked.append(rule_text("R21", f"unit {t.unit_names[u]} kehilangan kursi terisi tanpa pengganti"))
            src = self.cur[i]
            if t.post_wajib[src] and self.after[src] <= t.post_keb[src] and self.target[i] == src:
                codes.append("R12")
                blocked.append(rule_text("R12", "jabatan saat ini; kursinya harus tetap terisi"))
            seats = f"masih ada {t.post_keb[j] - self.after[j]} kursi kosong"
            if blocked:
                bits.append(f"{seats}, tetapi " + "; ".join(blocked))
            else:
                bits.append(f"{seats}; nilai pegawai ini di sini {value}, " + self._value_elsewhere(i, value, codes))
        if self.pair(i, j) < 0 and j != self.cur[i]:
            bits.append(f"(jabatan ini tidak termasuk {p.maks_kandidat} calon terbaik pegawai yang dinilai solver)")
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))

    def _purpose_block(self, i: int, j: int, here: int, purposes: list[str], codes: list[str]) -> str:
        """Why a move i → j that no rule forbids is still not allowed (SPEC 4, R16)."""
        stay = int(self.stay_scores[i])
        if not purposes:
            return (f"{NO_PURPOSE}: bukan mengisi kebutuhan, rotasi jatuh tempo, promosi, kesesuaian lebih baik "
                    f"(skor {here} vs {stay}, ambang {self.params.ambang_kesesuaian}), kelebihan pegawai atau "
                    "permintaan pegawai")
        if here < stay and not self.t.forced_out[i]:
            return (f"kesesuaian turun (skor {stay} → {here}) tanpa tujuan kelebihan pegawai atau kursi kosong "
                    "jabatan wajib diisi")
        codes.append("R16")
        return rule_text("R16", "tidak bersedia; tujuan pindah ke sini tidak mengharuskan")

    def _seat_taken(self, i: int, j: int, here: int, value: int, codes: list[str]) -> str:
        """Who holds the seats of post j after the plan, with their fit there against employee i's."""
        d, t = self.data, self.t
        names: list[str] = []
        for k in self.arrivals.get(j, []):
            s, was = int(self.assigned_scores[k]), int(self.stay_scores[k])
            names.append(f"{d.employees[k].nama} ({d.employees[k].nip}) masuk dengan skor {s} "
                         f"(naik {_signed(s - was)} dari {was}), nilai {self.nilai(k)}")
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
        text += f"; pegawai ini di sini skor {here} (naik {_signed(here - was)} dari {was}), nilai {value}"
        return text + "; " + self._value_elsewhere(i, value, codes)

    def _value_elsewhere(self, i: int, value: int, codes: list[str]) -> str:
        """Employee i's nilai where the plan puts them against `value` (their nilai in the post asked about)."""
        j = self.target[i]
        mine = self.nilai(i)
        where = "tetap di jabatan saat ini" if j == self.cur[i] else f"ditempatkan di {self._post_text(j)}"
        optimal = self.result.status.value == "OPTIMAL"
        if j == self.cur[i]:
            if value <= mine:
                return (f"pegawai ini {where} dengan nilai {mine}; pindah ke sini tidak menambah nilai "
                        f"({value} ≤ {mine})")
            return (f"pegawai ini {where} dengan nilai {mine}; rencana keseluruhan lebih bernilai tanpa "
                    "perpindahan ini" if optimal else
                    f"pegawai ini {where} dengan nilai {mine} (rencana belum terbukti optimal)")
        if value <= mine:
            return f"pegawai ini {where} dengan nilai {mine} (tidak lebih rendah dari {value} di sini)"
        if self.t.post_wajib[j]:
            codes.append("R12")
            return f"pegawai ini {where} dengan nilai {mine}; {rule_text('R12')}"
        return (f"pegawai ini {where} dengan nilai {mine}; rencana keseluruhan lebih bernilai dengan penempatan itu"
                if optimal else f"pegawai ini {where} dengan nilai {mine} (rencana belum terbukti optimal)")

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
        base = np.array([t.class_parts(c, one)[0].sum() for c in range(n_class)], dtype=np.int64)
        per_class = {code: np.zeros(n_class, dtype=bool) for code in _PAIR_RULES}
        for c in range(n_class):
            for code, mask in t.class_exclusions(c, one).items():
                per_class[code][c] = bool(mask[0])
        raw = base[t.post_class] if t.n_post else np.zeros(0, dtype=np.int64)
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
        masks = {code: np.asarray(m, dtype=bool) for code, m in t.class_exclusions(c, movable).items()}
        cur = t.cur[movable]
        self.total = {code: int(m.sum()) for code, m in masks.items()}
        self.by_post = {code: np.bincount(cur[m], minlength=t.n_post) for code, m in masks.items()}
        ok = ~np.logical_or.reduce(list(masks.values())) if masks else np.ones(len(movable), dtype=bool)
        self.ok_emp = movable[ok]
        self._t = t
        self._c = c
        self._fit: np.ndarray | None = None
        self._ranked: list[tuple[int, int]] | None = None

    def fit_of(self, emp: np.ndarray) -> np.ndarray:
        """Fit in this class of `emp` (a subset of `ok_emp`, in its order)."""
        if self._fit is None:
            self._fit = total(self._t.class_parts(self._c, self.ok_emp)) if len(self.ok_emp) else self.ok_emp
        return self._fit[np.searchsorted(self.ok_emp, emp)]

    def best_outside(self, j: int, t: Tables, target: list[int]) -> tuple[int, int] | None:
        """(employee, fit) of the best eligible employee whose move to post j has an allowed purpose,
        neither in post j before the plan nor after it."""
        if self._ranked is None:
            emp = self.ok_emp
            scores = self.fit_of(emp) if len(emp) else emp
            order = np.lexsort((emp, -scores))
            self._ranked = list(zip(emp[order].tolist(), scores[order].tolist(), strict=True))
        for i, s in self._ranked:
            if t.cur[i] != j and target[i] != j:
                valid = t.move_terms(np.array([i]), np.array([j]), np.array([s])).valid[0]
                if valid:
                    return i, int(s)
        return None


def move_reason(data: ProblemData, tables: Tables, result: Result, i: int) -> Reason:
    """Why employee i moves (see `Explainer.move_reason`)."""
    return Explainer(data, tables, result).move_reason(i)


def stay_reason(data: ProblemData, tables: Tables, result: Result, i: int) -> Reason:
    """Why employee i stays (see `Explainer.stay_reason`)."""
    return Explainer(data, tables, result).stay_reason(i)
