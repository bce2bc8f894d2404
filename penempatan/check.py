"""An independent check of a plan against every hard rule (SPEC 3–4): the executable specification.

This module deliberately does not import the scorer or the solver. Each rule is written out again, per
employee, in plain Python, so a bug in the fast array code cannot hide itself here. `check_plan` returns
every violation it finds (an empty list means the plan is valid); `assert_plan_valid` is for tests.

Rule codes are those of SPEC 3, plus three for the plan itself:
`PLAN` (not one valid post per employee), `OBJ` (a reported number does not match the plan, or a pair
is not among the candidates), `INFEASIBLE` (the solver found no plan; nothing else is checked).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from penempatan.model import Employee, Position, ProblemData
from penempatan.reference import JenisJabatan, Reference, load_reference
from penempatan.result import Result, SolveStatus

NO_SANCTION = "Tidak Ada"
HEAVY_SANCTIONS = ("Sedang", "Berat")
DEFAULT_BUP = 58  # SPEC 2.4: the BUP of most posts, used only when a post's jenis is not in the table


@dataclass(frozen=True)
class Violation:
    """One broken rule: its code, who and which post it concerns, and why (in Bahasa Indonesia)."""

    rule: str
    nip: str | None
    kode_jabatan: str | None
    message: str

    def __str__(self) -> str:
        who = f" NIP {self.nip}" if self.nip else ""
        where = f" jabatan {self.kode_jabatan}" if self.kode_jabatan else ""
        return f"[{self.rule}]{who}{where}: {self.message}"


def whole_months(start: date, end: date) -> int:
    """Whole months from `start` to `end`: a month counts once its day-of-month is reached."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def retirement_date(birth: date, bup: int) -> date:
    """Birth date plus BUP years; someone born on 29 February retires on 28 February."""
    year = birth.year + bup
    if birth.month == 2 and birth.day == 29:
        return date(year, 2, 28)
    return date(year, birth.month, birth.day)


class Rules:
    """The hard rules of SPEC 3 for one ProblemData; each per-mover rule returns a message or None."""

    def __init__(self, data: ProblemData, ref: Reference | None = None) -> None:
        self.data = data
        self.params = data.params
        self.ref = ref or load_reference()
        self.holders_before = [len(h) for h in data.holders]
        self.frozen = set(data.frozen_units)
        self.forbidden_posts = {(f.nip, f.kode_jabatan) for f in data.forbids if f.kode_jabatan}
        self.forbidden_units = {(f.nip, f.unit) for f in data.forbids if f.unit}

    # --- facts about posts and employees --------------------------------------------------------------
    def jenis(self, post: Position) -> JenisJabatan | None:
        return self.ref.jenis_of(post.jenis, post.jenjang)

    def tingkat(self, post: Position) -> int:
        info = self.jenis(post)
        return info.tingkat if info else 1

    def managerial(self, post: Position) -> bool:
        info = self.jenis(post)
        return bool(info and info.manajerial)

    def structural(self, post: Position) -> bool:
        info = self.jenis(post)
        return bool(info and info.struktural)

    def golongan_range(self, post: Position) -> tuple[int | None, int | None]:
        """(min, max) golongan rank of a post: its own columns, else the jenis_jabatan.csv default."""
        info = self.jenis(post)
        low = self.ref.golongan[post.golongan_min].urutan if post.golongan_min else (
            info.golongan_min if info else None)
        high = self.ref.golongan[post.golongan_max].urutan if post.golongan_max else (
            info.golongan_max if info else None)
        return low, high

    def current(self, i: int) -> Position:
        return self.data.positions[self.data.current_post[i]]

    def over_staffed(self, j: int) -> bool:
        """More holders before the plan than the post's Kebutuhan (an abolished post with holders too)."""
        return self.holders_before[j] > self.data.positions[j].kebutuhan

    def sanction_active(self, e: Employee) -> bool:
        if e.hukuman == NO_SANCTION:
            return False
        return e.akhir_hukuman is None or e.akhir_hukuman > self.params.tanggal_acuan

    def is_promotion(self, i: int, j: int) -> bool:
        """R9: a higher Kelas Jabatan or a higher level (tingkat) than the current post."""
        now, target = self.current(i), self.data.positions[j]
        return target.kelas > now.kelas or self.tingkat(target) > self.tingkat(now)

    def retirement_months(self, i: int) -> int | None:
        """Months from tanggal_acuan to retirement at the BUP of the current post (None: no birth date)."""
        e = self.data.employees[i]
        if e.tanggal_lahir is None:
            return None
        info = self.jenis(self.current(i))
        bup = info.bup if info else DEFAULT_BUP
        return whole_months(self.params.tanggal_acuan, retirement_date(e.tanggal_lahir, bup))

    # --- per-mover rules -------------------------------------------------------------------------------
    def min_tenure(self, i: int, j: int) -> str | None:
        """R1: no move before the minimum time in post, unless the current post is abolished/over-staffed."""
        e = self.data.employees[i]
        months = whole_months(e.tmt_jabatan, self.params.tanggal_acuan)
        minimum = self.params.masa_jabatan_minimal_bulan
        if months >= minimum or self.over_staffed(self.data.current_post[i]):
            return None
        return f"masa jabatan {months} bulan, kurang dari minimal {minimum} bulan"

    def retirement(self, i: int, j: int) -> str | None:
        """R4: no move when retirement (Tanggal Lahir + BUP of the current post) is too near."""
        months = self.retirement_months(i)
        limit = self.params.batas_pensiun_bulan
        if months is None or months >= limit:
            return None
        return f"pensiun dalam {months} bulan, kurang dari batas {limit} bulan"

    def status(self, i: int, j: int) -> str | None:
        """R5: only the statuses in status_boleh_mutasi may move."""
        e = self.data.employees[i]
        if e.status in self.params.status_boleh_mutasi:
            return None
        return f"status {e.status} tidak boleh dimutasi"

    def education(self, i: int, j: int) -> str | None:
        """R6: education at least the target post's Pendidikan Minimal."""
        e, target = self.data.employees[i], self.data.positions[j]
        if self.ref.pendidikan[e.pendidikan] >= self.ref.pendidikan[target.pendidikan_min]:
            return None
        return f"pendidikan {e.pendidikan} di bawah syarat minimal {target.pendidikan_min}"

    def golongan(self, i: int, j: int) -> str | None:
        """R7: golongan within the post's range; one step below the minimum allowed for structural posts."""
        e, target = self.data.employees[i], self.data.positions[j]
        gol = self.ref.golongan.get(e.golongan)
        if gol is not None and gol.jenis == "PPPK":
            return f"golongan PPPK {e.golongan} tidak dapat dimutasi ke jabatan lain"
        low, high = self.golongan_range(target)
        if low is None and high is None:
            return None
        if gol is None:
            return f"golongan {e.golongan} tidak dikenal"
        tolerance = 1 if (self.params.toleransi_golongan and self.structural(target)) else 0
        if low is not None and gol.urutan < low - tolerance:
            return f"golongan {e.golongan} di bawah minimal jabatan"
        if high is not None and gol.urutan > high:
            return f"golongan {e.golongan} di atas maksimal jabatan"
        return None

    def promotion(self, i: int, j: int) -> str | None:
        """R9: promotion only from the talent boxes in kotak_promosi; at most one level up, never down."""
        e = self.data.employees[i]
        now, target = self.tingkat(self.current(i)), self.tingkat(self.data.positions[j])
        if target > now + 1:
            return f"naik lebih dari satu tingkat ({now} ke {target})"
        if target < now:
            return f"turun tingkat ({now} ke {target})"
        if self.is_promotion(i, j) and e.kotak not in self.params.kotak_promosi:
            return f"promosi memerlukan kotak talenta {list(self.params.kotak_promosi)}, kotak {e.kotak}"
        return None

    def sanction(self, i: int, j: int) -> str | None:
        """R10: active Sedang/Berat sanction: no promotion; active Berat: no managerial target."""
        e = self.data.employees[i]
        if not self.sanction_active(e):
            return None
        if e.hukuman in HEAVY_SANCTIONS and self.is_promotion(i, j):
            return f"hukuman disiplin {e.hukuman} masih berlaku: tidak boleh promosi"
        if e.hukuman == "Berat" and self.managerial(self.data.positions[j]):
            return "hukuman disiplin Berat masih berlaku: tidak boleh ke jabatan manajerial"
        return None

    def scenario(self, i: int, j: int) -> str | None:
        """R15: no move out of or into a frozen unit, nor into a forbidden post or unit."""
        e, target = self.data.employees[i], self.data.positions[j]
        if self.current(i).unit in self.frozen:
            return f"unit asal {self.current(i).unit} dibekukan"
        if target.unit in self.frozen:
            return f"unit tujuan {target.unit} dibekukan"
        if (e.nip, target.kode) in self.forbidden_posts:
            return f"dilarang ke jabatan {target.kode}"
        if (e.nip, target.unit) in self.forbidden_units:
            return f"dilarang ke unit {target.unit}"
        return None

    def pilkada(self, i: int, j: int) -> str | None:
        """R17: inside the Pilkada window no move out of or into a managerial post."""
        p = self.params
        if p.larangan_mulai is None:
            return None
        if not p.larangan_mulai <= p.tanggal_acuan <= (p.larangan_selesai or date.max):
            return None
        if self.managerial(self.current(i)):
            return "masa larangan Pilkada: tidak boleh mutasi dari jabatan manajerial"
        if self.managerial(self.data.positions[j]):
            return "masa larangan Pilkada: tidak boleh mutasi ke jabatan manajerial"
        return None

    def move_violations(self, i: int, j: int) -> list[Violation]:
        """Every per-mover rule broken by employee i moving from their current post to post j."""
        rules = {"R1": self.min_tenure, "R4": self.retirement, "R5": self.status, "R6": self.education,
                 "R7": self.golongan, "R9": self.promotion, "R10": self.sanction, "R15": self.scenario,
                 "R17": self.pilkada}
        nip, kode = self.data.employees[i].nip, self.data.positions[j].kode
        out = []
        for code, rule in rules.items():
            message = rule(i, j)
            if message is not None:
                out.append(Violation(code, nip, kode, message))
        return out


def check_plan(data: ProblemData, result: Result) -> list[Violation]:
    """Every hard-rule violation of `result` for `data` (empty = a valid plan)."""
    if result.status is SolveStatus.INFEASIBLE:
        return [Violation("INFEASIBLE", None, None, "tidak ada rencana yang layak; tidak ada yang diperiksa")]
    structure = _plan_shape(data, result)
    if structure:
        return structure
    rules = Rules(data)
    plan = [int(j) for j in result.assignment]
    out: list[Violation] = []
    out += _pins_kept(data, plan)
    for i, j in enumerate(plan):
        if j != data.current_post[i]:
            out += rules.move_violations(i, j)
    out += _seats(data, rules, plan)
    out += _unit_outflow(data, plan)
    out += _total_moves(data, plan)
    out += _reported_numbers(data, result, plan)
    return out


def assert_plan_valid(data: ProblemData, result: Result) -> None:
    """Raise AssertionError listing every violation of the plan."""
    violations = check_plan(data, result)
    if violations:
        shown = "\n".join(f"  {v}" for v in violations[:50])
        more = f"\n  … dan {len(violations) - 50} lainnya" if len(violations) > 50 else ""
        raise AssertionError(f"{len(violations)} pelanggaran:\n{shown}{more}")


def _plan_shape(data: ProblemData, result: Result) -> list[Violation]:
    """Exactly one valid post index per employee."""
    n_emp, n_post = len(data.employees), len(data.positions)
    if len(result.assignment) != n_emp:
        return [Violation("PLAN", None, None,
                          f"rencana berisi {len(result.assignment)} penempatan untuk {n_emp} pegawai")]
    out = []
    for i, j in enumerate(result.assignment):
        if not 0 <= int(j) < n_post or int(j) != j:
            out.append(Violation("PLAN", data.employees[i].nip, None, f"indeks jabatan {j} tidak sah"))
    return out


def _pins_kept(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R15: a pinned employee ends in the pinned post."""
    out = []
    for pin in data.pins:
        j = plan[data.employee_index[pin.nip]]
        actual = data.positions[j].kode
        if actual != pin.kode_jabatan:
            out.append(Violation("R15", pin.nip, pin.kode_jabatan,
                                 f"dikunci ke {pin.kode_jabatan} tetapi ditempatkan di {actual}"))
    return out


def _seats(data: ProblemData, rules: Rules, plan: list[int]) -> list[Violation]:
    """R11: no more people than Kebutuhan; an over-staffed post takes no newcomer."""
    after: list[list[int]] = [[] for _ in data.positions]
    for i, j in enumerate(plan):
        after[j].append(i)
    out = []
    for j, post in enumerate(data.positions):
        if rules.over_staffed(j):
            for i in after[j]:
                if data.current_post[i] != j:
                    out.append(Violation("R11", data.employees[i].nip, post.kode,
                                         f"jabatan kelebihan pegawai ({rules.holders_before[j]} > "
                                         f"{post.kebutuhan}) tidak boleh menerima pegawai baru"))
        elif len(after[j]) > post.kebutuhan:
            out.append(Violation("R11", None, post.kode,
                                 f"{len(after[j])} pegawai melebihi kebutuhan {post.kebutuhan}"))
    return out


def _unit_outflow(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R13: at most maks_keluar_unit_persen % (rounded down) of a unit's current staff leave it."""
    staff: dict[str, int] = {}
    leavers: dict[str, int] = {}
    for i, j in enumerate(plan):
        unit = data.positions[data.current_post[i]].unit
        staff[unit] = staff.get(unit, 0) + 1
        if data.positions[j].unit != unit:
            leavers[unit] = leavers.get(unit, 0) + 1
    pct = Fraction(repr(data.params.maks_keluar_unit_persen))  # 12.5 as the planner typed it, exactly
    out = []
    for unit, n_out in sorted(leavers.items()):
        limit = math.floor(staff[unit] * pct / 100)
        if n_out > limit:
            out.append(Violation("R13", None, None,
                                 f"{n_out} pegawai keluar dari {unit}, batas {limit} "
                                 f"({float(pct):g}% dari {staff[unit]})"))
    return out


def _total_moves(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R14: at most maks_mutasi moves."""
    limit = data.params.maks_mutasi
    moves = sum(j != c for j, c in zip(plan, data.current_post, strict=True))
    if limit is not None and moves > limit:
        return [Violation("R14", None, None, f"{moves} mutasi melebihi batas {limit}")]
    return []


def _reported_numbers(data: ProblemData, result: Result, plan: list[int]) -> list[Violation]:
    """Every pair is a candidate; objective, must-fill seats filled and surplus kept match the plan."""
    cand = result.candidates
    score = {(int(i), int(j)): int(s) for i, j, s in zip(cand.emp, cand.post, cand.score, strict=True)}
    out = []
    total = 0
    moves = 0
    for i, j in enumerate(plan):
        if (i, j) not in score:
            out.append(Violation("OBJ", data.employees[i].nip, data.positions[j].kode,
                                 "pasangan pegawai–jabatan bukan kandidat"))
            continue
        total += score[(i, j)]
        moves += j != data.current_post[i]
    objective = total - data.params.biaya_mutasi * moves
    if not out and result.objective != objective:
        out.append(Violation("OBJ", None, None,
                             f"nilai objektif {result.objective}, seharusnya {objective} "
                             f"(Σ skor {total} − {data.params.biaya_mutasi} × {moves} mutasi)"))
    people = [0] * len(data.positions)
    for j in plan:
        people[j] += 1
    filled = sum(min(people[j], p.kebutuhan) for j, p in enumerate(data.positions) if p.wajib_diisi)
    if result.must_fill_filled != filled:
        out.append(Violation("OBJ", None, None,
                             f"kursi wajib terisi dilaporkan {result.must_fill_filled}, seharusnya {filled}"))
    surplus = sum(max(0, people[j] - p.kebutuhan) for j, p in enumerate(data.positions))
    if result.surplus_kept != surplus:
        out.append(Violation("OBJ", None, None,
                             f"kelebihan pegawai dilaporkan {result.surplus_kept}, seharusnya {surplus}"))
    return out
