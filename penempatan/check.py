"""An independent check of a plan against every hard rule (SPEC 3–4): the executable specification.

This module deliberately does not import the scorer or the solver. Each rule is written out again, per
employee, in plain Python, so a bug in the fast array code cannot hide itself here. `check_plan` returns
every violation it finds (an empty list means the plan is valid); `assert_plan_valid` is for tests;
`holders_not_qualified` lists today's holders of a JF post who do not meet R18 (a warning, they stay).

Rule codes are those of SPEC 3, plus four for the plan itself:
`TUJUAN` (a move without a purpose, or one that lowers the fit without a purpose that allows it, SPEC 4),
`PLAN` (not one valid post per employee), `OBJ` (a reported number does not match the plan, or a pair
is not among the candidates), `INFEASIBLE` (the solver found no plan; nothing else is checked).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from penempatan.model import Employee, Position, ProblemData
from penempatan.reference import JabatanFungsional, JenisJabatan, Reference, load_reference
from penempatan.result import Result, SolveStatus
from penempatan.rules import PURPOSE_LABELS

NO_SANCTION = "Tidak Ada"
HEAVY_SANCTIONS = ("Sedang", "Berat")
DEFAULT_BUP = 58  # SPEC 2.4: the BUP of most posts, used only when a post's jenis is not in the table
FUNGSIONAL = "Fungsional"
JPT = "JPT Pratama"
SKILL_JENJANG = ("Pemula", "Terampil", "Mahir", "Penyelia")  # the keterampilan track; Ahli* is keahlian

PURPOSE_WORDS = PURPOSE_LABELS
"""The purposes of a move (SPEC 4 a–f), in that order (wording from the rule registry)."""


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


def same_text(a: str, b: str) -> bool:
    """Equal ignoring case and runs of spaces ('Analis  Kebijakan' == 'analis kebijakan')."""
    return re.sub(r"\s+", " ", a.strip()).casefold() == re.sub(r"\s+", " ", b.strip()).casefold()


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
        self.families = [self._family(p) for p in data.positions]
        self._equal_post: dict[int, int | None] = {}

    # --- facts about posts and employees --------------------------------------------------------------
    def jenis(self, post: Position) -> JenisJabatan | None:
        return self.ref.jenis_of(post.jenis, post.jenjang)

    def tingkat(self, post: Position) -> int:
        """Level on the penyetaraan ladder (jenis_jabatan.csv `tingkat`); 1 when the jenis is unknown."""
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

    def _family(self, post: Position) -> JabatanFungsional | None:
        """The JF family of a Fungsional post from its Rumpun JF (None: not Fungsional, none given, unknown)."""
        if post.jenis != FUNGSIONAL or not post.rumpun_jf:
            return None
        table = self.ref.jabatan_fungsional
        found = table.get(post.rumpun_jf)
        if found is None:  # another spelling of a known family
            name = self.ref.jf_of(post.nama, post.rumpun_jf)
            found = table.get(name) if name else None
        return found

    def current(self, i: int) -> Position:
        return self.data.positions[self.data.current_post[i]]

    def over_staffed(self, j: int) -> bool:
        """More holders before the plan than the post's Kebutuhan (an abolished post with holders too)."""
        return self.holders_before[j] > self.data.positions[j].kebutuhan

    def forced_out(self, i: int) -> bool:
        """Employee i holds an over-staffed or abolished post (purpose `kelebihan`; R1, R16, R19 exceptions)."""
        return self.over_staffed(self.data.current_post[i])

    def vacancy_before(self, j: int) -> bool:
        """Post j has fewer holders than its Kebutuhan before the plan."""
        return self.holders_before[j] < self.data.positions[j].kebutuhan

    def tenure_months(self, i: int) -> int:
        return whole_months(self.data.employees[i].tmt_jabatan, self.params.tanggal_acuan)

    def sanction_active(self, e: Employee) -> bool:
        if e.hukuman == NO_SANCTION:
            return False
        return e.akhir_hukuman is None or e.akhir_hukuman > self.params.tanggal_acuan

    def is_promotion(self, i: int, j: int) -> bool:
        """R9: a higher Kelas Jabatan or a higher tingkat (penyetaraan ladder) than the current post."""
        now, target = self.current(i), self.data.positions[j]
        return target.kelas > now.kelas or self.tingkat(target) > self.tingkat(now)

    def is_demotion(self, i: int, j: int) -> bool:
        """R19: a lower Kelas Jabatan or a lower tingkat than the current post."""
        now, target = self.current(i), self.data.positions[j]
        return target.kelas < now.kelas or self.tingkat(target) < self.tingkat(now)

    def retirement_months(self, i: int) -> int | None:
        """Months from tanggal_acuan to retirement at the BUP of the current post (None: no birth date)."""
        e = self.data.employees[i]
        if e.tanggal_lahir is None:
            return None
        info = self.jenis(self.current(i))
        bup = info.bup if info else DEFAULT_BUP
        return whole_months(self.params.tanggal_acuan, retirement_date(e.tanggal_lahir, bup))

    def jf_qualification(self, e: Employee, post: Position, family: JabatanFungsional,
                         current_family: JabatanFungsional | None) -> str | None:
        """R18: does `e` meet the qualification of JF `family` for `post` (field, then track education)?"""
        field_ok = (not family.bidang or e.bidang in family.bidang
                    or (not family.licensed and bool(family.bidang & set(e.pelatihan)))
                    # an unknown programme: holding this family today proves the appointment's qualification
                    or (e.bidang is None and current_family is not None and current_family.nama == family.nama))
        if not field_ok:
            accepted = ", ".join(sorted(family.bidang))
            route = "" if family.licensed else " atau pelatihan"
            return (f"tidak memenuhi kualifikasi {family.nama}: bidang pendidikan "
                    f"{e.bidang or 'tidak diketahui'} tidak diterima (diterima{route}: {accepted})")
        jenjang = post.jenjang or ""
        minimum = (family.pendidikan_keahlian if jenjang.startswith("Ahli")
                   else family.pendidikan_keterampilan if jenjang in SKILL_JENJANG else None)
        if (minimum is not None and minimum in self.ref.pendidikan
                and self.ref.pendidikan[e.pendidikan] < self.ref.pendidikan[minimum]):
            track = "keahlian" if jenjang.startswith("Ahli") else "keterampilan"
            return (f"tidak memenuhi kualifikasi {family.nama} {jenjang}: pendidikan {e.pendidikan} di bawah "
                    f"minimal {minimum} untuk kategori {track}")
        return None

    # --- per-mover rules -------------------------------------------------------------------------------
    def min_tenure(self, i: int, j: int) -> str | None:
        """R1: no move before the minimum time in post, unless the current post is abolished/over-staffed."""
        months = self.tenure_months(i)
        minimum = self.params.masa_jabatan_minimal_bulan
        if months >= minimum or self.forced_out(i):
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

    def field(self, i: int, j: int) -> str | None:
        """R8 (bidang_wajib): a post with a Bidang needs the employee's programme, or a training, in it."""
        e, target = self.data.employees[i], self.data.positions[j]
        if not self.params.bidang_wajib or target.bidang is None:
            return None
        if e.bidang == target.bidang or target.bidang in e.pelatihan:
            return None
        return (f"bidang pendidikan {e.bidang or 'tidak diketahui'} dan pelatihan tidak sesuai bidang jabatan "
                f"{target.bidang}")

    def promotion(self, i: int, j: int) -> str | None:
        """R9: a promotion only from kotak_promosi and at most one tingkat up; a higher jenjang inside one
        JF family only when Siap Naik Jenjang."""
        e, now, target = self.data.employees[i], self.current(i), self.data.positions[j]
        problems = []
        t_now, t_target = self.tingkat(now), self.tingkat(target)
        if t_target > t_now + 1:
            problems.append(f"naik lebih dari satu tingkat ({t_now} ke {t_target})")
        if self.is_promotion(i, j) and e.kotak not in self.params.kotak_promosi:
            problems.append(f"promosi memerlukan kotak talenta {list(self.params.kotak_promosi)}, kotak {e.kotak}")
        family_now, family_target = self.families[self.data.current_post[i]], self.families[j]
        if (family_now is not None and family_target is not None and family_now.nama == family_target.nama
                and now.jenjang and target.jenjang and not e.siap_naik_jenjang
                and self.ref.jenjang_urutan(target.jenjang) > self.ref.jenjang_urutan(now.jenjang)):
            problems.append(f"naik jenjang {family_now.nama} {now.jenjang} ke {target.jenjang} "
                            "memerlukan Siap Naik Jenjang = Ya")
        return "; ".join(problems) or None

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

    def unwilling(self, i: int, j: int) -> str | None:
        """R16: someone unwilling moves only out of a surplus/abolished post or into an empty must-fill seat."""
        target = self.data.positions[j]
        if self.data.employees[i].bersedia_mutasi or self.forced_out(i):
            return None
        if target.wajib_diisi and self.vacancy_before(j):
            return None
        return ("pegawai tidak bersedia dimutasi; hanya boleh dipindah dari jabatan yang kelebihan pegawai "
                "atau ke kursi kosong jabatan wajib diisi")

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

    def jf_family(self, i: int, j: int) -> str | None:
        """R18: a move into a JF post needs that family's qualification (field and track education)."""
        family = self.families[j]
        if family is None:
            return None
        e, target = self.data.employees[i], self.data.positions[j]
        return self.jf_qualification(e, target, family, self.families[self.data.current_post[i]])

    def demotion(self, i: int, j: int) -> str | None:
        """R19 (boleh_turun_kelas off): no lower kelas or tingkat, except for someone forced out of their
        post for whom no equal post exists."""
        if self.params.boleh_turun_kelas or not self.is_demotion(i, j):
            return None
        now, target = self.current(i), self.data.positions[j]
        what = (f"turun kelas jabatan ({now.kelas} ke {target.kelas})" if target.kelas < now.kelas
                else f"turun tingkat ({self.tingkat(now)} ke {self.tingkat(target)})")
        if not self.forced_out(i):
            return what
        equal = self.equal_post(i)
        if equal is None:
            return None
        return f"{what}, padahal jabatan setara {self.data.positions[equal].kode} terbuka dan memenuhi syarat"

    def jpt(self, i: int, j: int) -> str | None:
        """R20 (isi_jpt off): nobody is placed into a JPT Pratama post and no JPT Pratama holder moves."""
        if self.params.isi_jpt:
            return None
        if self.current(i).jenis == JPT:
            return "pemangku JPT Pratama tidak dimutasi (JPT diisi melalui seleksi terbuka atau talent pool)"
        if self.data.positions[j].jenis == JPT:
            return "JPT Pratama diisi melalui seleksi terbuka atau talent pool, bukan mutasi"
        return None

    @property
    def pair_rules(self) -> dict[str, Callable[[int, int], str | None]]:
        """Every per-mover rule by code, in code order."""
        return {"R1": self.min_tenure, "R4": self.retirement, "R5": self.status, "R6": self.education,
                "R7": self.golongan, "R8": self.field, "R9": self.promotion, "R10": self.sanction,
                "R15": self.scenario, "R16": self.unwilling, "R17": self.pilkada, "R18": self.jf_family,
                "R19": self.demotion, "R20": self.jpt}

    def equal_post(self, i: int) -> int | None:
        """R19 exception: an "equal post" for employee i, or None. An equal post is open (holders before ≤
        Kebutuhan, at least one seat, unit not frozen), not the current post, of at least the current kelas
        and tingkat, and passes every other pair rule (R1 … R20 except R19) for i. The purpose rule needs no
        test here: only someone forced out asks, and for them `kelebihan` is always a purpose."""
        if i not in self._equal_post:
            cur = self.data.current_post[i]
            now = self.data.positions[cur]
            rules = {code: rule for code, rule in self.pair_rules.items() if code != "R19"}
            found = None
            for k, post in enumerate(self.data.positions):
                if (k == cur or post.kebutuhan == 0 or self.over_staffed(k) or post.unit in self.frozen
                        or post.kelas < now.kelas or self.tingkat(post) < self.tingkat(now)):
                    continue
                if all(rule(i, k) is None for rule in rules.values()):
                    found = k
                    break
            self._equal_post[i] = found
        return self._equal_post[i]

    def move_violations(self, i: int, j: int) -> list[Violation]:
        """Every per-mover rule broken by employee i moving from their current post to post j."""
        nip, kode = self.data.employees[i].nip, self.data.positions[j].kode
        out = []
        for code, rule in self.pair_rules.items():
            message = rule(i, j)
            if message is not None:
                out.append(Violation(code, nip, kode, message))
        return out

    # --- purposes and value of a move (SPEC 4) ----------------------------------------------------------
    def purposes(self, i: int, j: int, fit_move: int | None = None, fit_stay: int | None = None) -> list[str]:
        """The purposes of moving employee i to post j (SPEC 4 a–f, in that order).

        `kesesuaian` needs both fits; without them it is left out. A post with the same Nama Jabatan in the
        same unit as the current one serves only `kelebihan`.
        """
        e, now, target = self.data.employees[i], self.current(i), self.data.positions[j]
        if j == self.data.current_post[i]:
            return []
        if now.unit == target.unit and same_text(now.nama, target.nama):
            return ["kelebihan"] if self.forced_out(i) else []
        due = self.params.masa_risiko_tinggi_bulan if now.risiko_tinggi else self.params.masa_jabatan_maksimal_bulan
        have = {
            "kebutuhan": self.vacancy_before(j),
            "rotasi": self.tenure_months(i) >= due,
            "promosi": self.is_promotion(i, j),
            "kesesuaian": (fit_move is not None and fit_stay is not None
                           and fit_move - fit_stay >= self.params.ambang_kesesuaian),
            "kelebihan": self.forced_out(i),
            "permintaan": (target.unit != now.unit
                           and any(same_text(target.unit, unit) for unit in e.unit_diminati)),
        }
        return [name for name in PURPOSE_WORDS if have[name]]

    def nilai(self, i: int, j: int, fit: int, fit_stay: int | None = None) -> int:
        """The objective coefficient of employee i ending in post j whose fit is `fit` (SPEC 4): the fit when
        staying; for a move the fit plus the value of its purposes, minus biaya_mutasi, for someone
        unwilling biaya_tidak_bersedia, and for a fit below `fit_stay` (their fit today) biaya_kesesuaian_turun."""
        if j == self.data.current_post[i]:
            return fit
        p = self.params
        purposes = self.purposes(i, j)
        rotation_value = p.nilai_risiko_tinggi if self.current(i).risiko_tinggi else p.nilai_rotasi
        value = {"kebutuhan": p.nilai_kebutuhan, "rotasi": rotation_value, "promosi": p.nilai_promosi,
                 "permintaan": p.nilai_permintaan}
        unwilling = 0 if self.data.employees[i].bersedia_mutasi else p.biaya_tidak_bersedia
        lower = p.biaya_kesesuaian_turun if fit_stay is not None and fit < fit_stay else 0
        return fit + sum(value.get(name, 0) for name in purposes) - p.biaya_mutasi - unwilling - lower

    def purpose_violation(self, i: int, j: int, fit_move: int, fit_stay: int) -> str | None:
        """SPEC 4: a move has at least one purpose; it lowers the fit only with purpose `kelebihan`, or into
        a must-fill post with purpose `kebutuhan`."""
        now, target = self.current(i), self.data.positions[j]
        purposes = self.purposes(i, j, fit_move, fit_stay)
        if not purposes:
            if now.unit == target.unit and same_text(now.nama, target.nama):
                return (f"pindah ke jabatan bernama sama ({target.nama}) di unit yang sama tanpa kelebihan "
                        "pegawai tidak mempunyai tujuan")
            return (f"mutasi tanpa tujuan (bukan {', '.join(PURPOSE_WORDS.values())}; ambang kesesuaian "
                    f"{self.params.ambang_kesesuaian} poin)")
        if fit_move < fit_stay and not ("kelebihan" in purposes
                                        or (target.wajib_diisi and "kebutuhan" in purposes)):
            return (f"kesesuaian turun dari {fit_stay} ke {fit_move} tanpa tujuan kelebihan pegawai atau "
                    "mengisi kursi kosong jabatan wajib diisi")
        return None


def holders_not_qualified(data: ProblemData, ref: Reference | None = None) -> list[Violation]:
    """R18 today: holders of a JF post who do not meet that family's qualification. Like R6/R7 this never
    evicts anyone (they may stay); it is a warning the BKPSDM must see."""
    rules = Rules(data, ref)
    out = []
    for i, e in enumerate(data.employees):
        j = data.current_post[i]
        family = rules.families[j]
        if family is None:
            continue
        message = rules.jf_qualification(e, data.positions[j], family, family)
        if message is not None:
            out.append(Violation("R18", e.nip, data.positions[j].kode,
                                 f"pemangku saat ini {message}"))
    return out


def check_plan(data: ProblemData, result: Result, ref: Reference | None = None) -> list[Violation]:
    """Every hard-rule violation of `result` for `data` (empty = a valid plan)."""
    if result.status is SolveStatus.INFEASIBLE:
        return [Violation("INFEASIBLE", None, None, "tidak ada rencana yang layak; tidak ada yang diperiksa")]
    structure = _plan_shape(data, result)
    if structure:
        return structure
    rules = Rules(data, ref)
    plan = [int(j) for j in result.assignment]
    fit = _reported_fit(result)
    out: list[Violation] = []
    out += _pins_kept(data, plan)
    # A pin (R15) is the committee's decision after talking to the employee: it may move an unwilling one.
    pinned = {(data.employee_index[pin.nip], data.position_index[pin.kode_jabatan]) for pin in data.pins}
    for i, j in enumerate(plan):
        if j != data.current_post[i]:
            out += [v for v in rules.move_violations(i, j) if not (v.rule == "R16" and (i, j) in pinned)]
    out += _purposes(data, rules, plan, fit)
    out += _seats(data, rules, plan)
    out += _unit_outflow(data, plan)
    out += _total_moves(data, plan)
    out += _unit_shortage(data, plan)
    out += _reported_numbers(data, rules, result, plan, fit)
    return out


def assert_plan_valid(data: ProblemData, result: Result, ref: Reference | None = None) -> None:
    """Raise AssertionError listing every violation of the plan."""
    violations = check_plan(data, result, ref)
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


def _reported_fit(result: Result) -> dict[tuple[int, int], int]:
    """The fit score (`skor`) of every candidate pair, as the plan reports it.

    The checker takes fit from the plan instead of recomputing it: fit is a weighted judgement (SPEC 4),
    not a hard rule, and recomputing it here would mean importing or copying the scorer. What the checker
    guarantees is that the plan is consistent with the fit it reports: every chosen pair is a candidate
    (OBJ), so the fit used below is the fit the solver optimised, and the purpose rule and the objective
    are then verified against it. The scorer's arithmetic is tested on its own (tests/test_scoring.py).
    """
    cand = result.candidates
    return {(int(i), int(j)): int(s) for i, j, s in zip(cand.emp, cand.post, cand.score, strict=True)}


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


def _purposes(data: ProblemData, rules: Rules, plan: list[int], fit: dict[tuple[int, int], int]) -> list[Violation]:
    """SPEC 4: every move has a purpose and lowers the fit only for `kelebihan` or a must-fill vacancy.

    A move whose own pair is not a candidate is reported under OBJ instead; a mover whose current post is
    not among the candidates has no reported fit to compare with (also OBJ). A move to the post a scenario
    pins the employee to (R15) is the committee's decision, not the optimiser's: it needs no purpose.
    """
    pinned = {(data.employee_index[pin.nip], data.position_index[pin.kode_jabatan]) for pin in data.pins}
    out = []
    for i, j in enumerate(plan):
        cur = data.current_post[i]
        if j == cur or (i, j) not in fit or (i, j) in pinned:
            continue
        nip, kode = data.employees[i].nip, data.positions[j].kode
        if (i, cur) not in fit:
            out.append(Violation("OBJ", nip, data.positions[cur].kode,
                                 "jabatan saat ini tidak ada di antara kandidat (skor asal tidak diketahui)"))
            continue
        message = rules.purpose_violation(i, j, fit[(i, j)], fit[(i, cur)])
        if message is not None:
            out.append(Violation("TUJUAN", nip, kode, message))
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


def _unit_shortage(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R21 (kekurangan_unit_boleh_naik off): no unit ends with more empty seats than before the plan,
    counting per post max(0, Kebutuhan − people)."""
    if data.params.kekurangan_unit_boleh_naik:
        return []
    before = [len(h) for h in data.holders]
    after = [0] * len(data.positions)
    for j in plan:
        after[j] += 1
    empty_before: dict[str, int] = {}
    empty_after: dict[str, int] = {}
    for j, post in enumerate(data.positions):
        empty_before[post.unit] = empty_before.get(post.unit, 0) + max(0, post.kebutuhan - before[j])
        empty_after[post.unit] = empty_after.get(post.unit, 0) + max(0, post.kebutuhan - after[j])
    return [Violation("R21", None, None,
                      f"kursi kosong di {unit} bertambah dari {empty_before[unit]} menjadi {empty_after[unit]}")
            for unit in sorted(empty_after) if empty_after[unit] > empty_before[unit]]


def _reported_numbers(data: ProblemData, rules: Rules, result: Result, plan: list[int],
                      fit: dict[tuple[int, int], int]) -> list[Violation]:
    """Every pair is a candidate; its reported nilai, the objective (Σ nilai), must-fill seats filled and
    surplus kept match the plan."""
    reported_nilai = _reported_nilai(result)
    out = []
    total = 0
    moves = 0
    for i, j in enumerate(plan):
        nip, kode = data.employees[i].nip, data.positions[j].kode
        if (i, j) not in fit:
            out.append(Violation("OBJ", nip, kode, "pasangan pegawai–jabatan bukan kandidat"))
            continue
        fit_stay = fit.get((i, data.current_post[i]))
        value = rules.nilai(i, j, fit[(i, j)], fit_stay)
        if fit_stay is None and j != data.current_post[i]:
            # A pinned mover (R15) has no stay pair, so the fit today is not reported; the pair is in every
            # plan alike, so its value cannot change which plan is optimal: take the reported one.
            value = reported_nilai[(i, j)]
        if reported_nilai[(i, j)] != value:
            out.append(Violation("OBJ", nip, kode, f"nilai pasangan dilaporkan {reported_nilai[(i, j)]}, "
                                                   f"seharusnya {value}"))
        total += value
        moves += j != data.current_post[i]
    if not out and result.objective != total:
        out.append(Violation("OBJ", None, None,
                             f"nilai objektif {result.objective}, seharusnya {total} "
                             f"(Σ nilai atas {len(plan) - moves} pegawai tetap dan {moves} mutasi)"))
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


def _reported_nilai(result: Result) -> dict[tuple[int, int], int]:
    """The per-pair `nilai` (objective coefficient) of the candidates as the plan reports it."""
    cand = result.candidates
    return {(int(i), int(j)): int(v) for i, j, v in zip(cand.emp, cand.post, cand.nilai, strict=True)}
