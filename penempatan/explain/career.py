"""What an employee could be considered for next, and what is missing (`explain --nip`, issue 25 item 4).

The posts asked about are the succession plan's key posts (JPT Pratama, Administrator, must-fill or scarce JF;
`succession.key_kinds`) at the employee's tingkat or one above (R9: a promotion is at most one tingkat), and the
next step of their own ladder: the next jenjang of their JF family, a Pengawas post for a Pelaksana, an
Administrator post for a Pengawas, a JPT Pratama post for an Administrator. Posts of one class answer every kept
rule alike, so each class is asked once and named by one of its posts. Abolished posts (Kebutuhan 0) are no step.

Readiness is the succession plan's own (`succession.Readiness`, the independent checker at each tested date with
the round rules R15–R17, and R20 for a JPT post, left out), asked only for this employee and these classes. The
gap is what the checker says today, with its rule codes, plus the named courses of pelatihan.csv the step
triggers and the person has not done (PKP, PKA, uji kompetensi). A step that waits on what the person can work
on (education R6, golongan R7, field training R8, talent box or Siap Naik Jenjang R9, R22's licence or
predikat) is listed after the ready ones, with the month the time-bound rules pass once that gap is closed.
Whether the person is a named successor comes from the succession plan when one is given. Nothing here
promises a post: the words say "dapat dipertimbangkan".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from penempatan.explain.training import trainings
from penempatan.rules import RULES
from penempatan.scoring import JPT, Tables, total
from penempatan.scoring.eligibility import perpindahan_gates
from penempatan.succession import (
    HORIZON,
    IMPROVING_RULES,
    KEY_KINDS,
    READINESS_MONTHS,
    ROUND_RULES,
    SELECTION_NOTE,
    Readiness,
    SuccessionPlan,
    add_months,
    key_kinds,
    rules_for,
    succession,
)
from penempatan.text import date_text

if TYPE_CHECKING:
    from penempatan.explain.view import PlanView

STEPS_MAX = 5
"""Steps shown per employee, most relevant first."""
NEXT_STEP = "jenjang berikutnya"
CLOSABLE_RULES = frozenset({"R6", "R7", "R8", "R9", "R22"})
"""Rules the employee can work on (education, golongan, field training, talent box or Siap Naik Jenjang, R22's
licence or predikat): a step blocked only by these and by time is still shown, with its gap."""
RETIREMENT_RULES = ("R4", "R24")
COMPETENCE_TRIGGERS = frozenset({"kompetensi_manajerial", "kompetensi_sosial_kultural", "kompetensi_teknis"})
"""Courses for a competence below the post's standard are left out of the gap: without an assessment everyone
counts as below, so they would name the same three courses for every post (the plan's Kebutuhan Pelatihan keeps
them for an actual move)."""
_NEXT_JENIS = {"Pelaksana": "Pengawas", "Pengawas": "Administrator", "Administrator": JPT}
SUCCESSION_INLINE_MAX = 5_000
"""Up to this many employees `explain` builds the whole succession plan to say who is a named successor; the
plan grows far faster than one person's readiness, so above it the flag is left out and the words point to
`penempatan suksesi` (see benchmarks/RESULTS.md for both costs)."""
SUCCESSION_ELSEWHERE = ("Apakah pegawai menjadi calon pengganti tidak dihitung di sini untuk data sebesar ini: lihat "
                        "sheet Rencana Suksesi (`penempatan suksesi`).")
HEADING = "Jenjang karier berikutnya (dapat dipertimbangkan, bukan janji penempatan)"
NOT_A_PROMISE = ("Jabatan di atas dapat dipertimbangkan bila syaratnya terpenuhi dan ada kebutuhan; ini bukan "
                 "janji penempatan.")
TESTED = (f"Kesiapan dihitung dari jabatan saat ini dan diuji pada bulan ke-"
          f"{', '.join(str(m) for m in READINESS_MONTHS)} sesudah tanggal acuan; aturan tentang putaran "
          f"({', '.join(ROUND_RULES)}) tidak dipakai.")


@dataclass(frozen=True)
class CareerStep:
    """One post (standing for `alike` more posts of its class) the employee could be considered for: why it is
    listed, their fit, readiness, the gap to close today, and whether the succession plan names them."""

    j: int
    alike: int
    kind: str  # a key kind (KEY_KINDS; a must-fill post that is not a JF by its jenis), or NEXT_STEP
    fit: int
    months: int | None  # first tested month every kept rule passes; None: not before the gap is closed
    after_gap: int | None  # when months is None: the first month the time-bound rules pass once the gap is closed
    when: date | None  # tanggal_acuan plus `months` (or `after_gap`)
    gaps: tuple[str, ...]  # the checker's messages today, each "Rn wording: facts"
    courses: tuple[str, ...]  # named courses still to take, "name (when)"
    successor: bool | None  # a named successor of this post in the succession plan; None: no plan given
    note: str = ""  # e.g. a JPT post's open selection

    @property
    def ready_now(self) -> bool:
        return self.months == 0

    @property
    def kesiapan(self) -> str:
        """Readiness in words: 'siap sekarang', 'siap paling lambat dalam 12 bulan (01-12-2027)' (the first tested
        date that passes; readiness falls between it and the date tested before), or after the gap is closed."""
        if self.months == 0:
            return "siap sekarang"
        if self.months is not None:
            return f"siap paling lambat dalam {self.months} bulan ({date_text(self.when)})"
        if self.after_gap == 0:
            return "siap setelah kekurangan dipenuhi"
        return (f"siap setelah kekurangan dipenuhi (syarat waktu terpenuhi paling lambat dalam {self.after_gap} "
                f"bulan, {date_text(self.when)})")

    @property
    def kekurangan(self) -> str:
        """The gap in words: rule messages, then the courses still to take; '' when nothing is missing."""
        parts = list(self.gaps)
        if self.courses:
            parts.append("pelatihan yang belum diikuti: " + ", ".join(self.courses))
        return "; ".join(parts)

    @property
    def jalur(self) -> str:
        """Why the post is listed: 'jabatan kunci (Administrator)' or 'jenjang berikutnya'."""
        return self.kind if self.kind == NEXT_STEP else f"jabatan kunci ({self.kind})"

    @property
    def suksesi(self) -> str:
        """'Ya' / 'Tidak' for a named successor; '' when no succession plan was asked."""
        return "" if self.successor is None else ("Ya" if self.successor else "Tidak")


@dataclass(frozen=True)
class Career:
    """Employee i's next steps (at most STEPS_MAX, ready soonest then best fit first), or why there are none."""

    i: int
    steps: tuple[CareerStep, ...]
    reason: str  # one sentence when `steps` is empty, else ""

    @property
    def note(self) -> str:
        """The fine print under the steps: not a promise, how readiness is tested, where the successor flag is
        when it was not computed."""
        unknown = any(s.successor is None for s in self.steps)
        return " ".join([NOT_A_PROMISE, TESTED] + ([SUCCESSION_ELSEWHERE] if unknown else []))


@dataclass
class _Closed:
    """Per rule code, how many of the classes asked about it keeps closed (key posts and next steps apart), and
    the checker's words for it today: what the one sentence is made of when no step is left."""

    key: Counter[str] = field(default_factory=Counter)
    ladder: Counter[str] = field(default_factory=Counter)
    words: dict[tuple[bool, str], str] = field(default_factory=dict)  # (next step?, code) -> message today

    def add(self, is_next: bool, codes: set[str], today: dict[str, str]) -> None:
        (self.ladder if is_next else self.key).update(codes)
        for code in codes:
            self.words.setdefault((is_next, code), today.get(code, ""))


def career(t: Tables, i: int, readiness: Readiness, plan: SuccessionPlan | None = None,
           n: int = STEPS_MAX) -> Career:
    """Employee i's next steps on `t.data` at its tanggal_acuan (see the module docstring); `plan` (the
    succession plan of the same data) says who is a named successor."""
    posts = _step_posts(t, i, key_kinds(t))
    if not posts:
        return Career(i, (), _no_posts(t, i))
    named = {k.j for k in plan.posts for s in k.successors if s.i == i} if plan is not None else set()
    by_class: dict[int, list[int]] = {}
    for j in sorted(posts):
        by_class.setdefault(int(t.post_class[j]), []).append(j)
    here = t.post_unit[t.cur[i]]
    closed = _Closed()
    steps: list[tuple[tuple[int, ...], CareerStep]] = []
    for c, members in by_class.items():
        # The post that names the class: one the plan names them for, else one with a vacancy, else at home.
        j = min(members, key=lambda k: (k not in named, not t.vacancy[k], t.post_unit[k] != here, k))
        found = _step(t, i, c, j, readiness, posts[j], closed)
        if found is not None:
            order, step = found
            successor = (j in named) if plan is not None else None
            steps.append((order, replace(step, alike=len(members) - 1, successor=successor)))
    steps.sort(key=lambda pair: pair[0])
    chosen = tuple(step for _, step in steps[:n])
    has_next = NEXT_STEP in posts.values()
    return Career(i, chosen, "" if chosen else _all_blocked(t, i, closed, has_next))


def _step(t: Tables, i: int, c: int, j: int, readiness: Readiness, kind: str,
          closed: _Closed) -> tuple[tuple[int, ...], CareerStep] | None:
    """Employee i and post j (of class c): the step with its sort key (ready ones by readiness then fit; then
    those waiting on a closable gap, fewest closable rules first), or None (recorded in `closed`) when a rule
    no effort lifts keeps it shut or the horizon passes first."""
    data = t.data
    skip = rules_for(data.positions[j].jenis == JPT)
    months, _, codes = readiness.ready(i, c, j, skip)
    today = readiness.failing(0, i, j, skip)
    after: int | None = None
    if months is None:
        for_good = set(codes) - IMPROVING_RULES - CLOSABLE_RULES | _for_good(t, c, i, codes)
        if not for_good:
            after = readiness.ready(i, c, j, skip | CLOSABLE_RULES)[0]
        if for_good or after is None:
            closed.add(kind == NEXT_STEP, for_good or set(codes), today)
            return None
    fit = int(total(t.class_parts(c, np.array([i], dtype=np.int64)))[0])
    step = CareerStep(
        j=j, alike=0, kind=_kind(kind, data.positions[j].jenis), fit=fit, months=months, after_gap=after,
        when=add_months(data.params.tanggal_acuan, months if months is not None else after or 0),
        gaps=tuple(f"{code} {message}" for code, message in today.items()),
        courses=tuple(x.kebutuhan for x in trainings(t, i, j) if x.pemicu not in COMPETENCE_TRIGGERS),
        successor=None, note=SELECTION_NOTE if data.positions[j].jenis == JPT else "")
    if months is not None:
        return (0, months, -fit, j), step
    return (1, sum(code in CLOSABLE_RULES for code in today), after or 0, -fit, j), step


def career_of(view: PlanView, i: int) -> Career:
    """Employee i's next steps on the plan's data, with the succession plan of that data when it has at most
    SUCCESSION_INLINE_MAX employees (built once per view, sharing the checker's dates with the career
    questions)."""
    readiness = view.memo("career.readiness", lambda: Readiness(view.data, view.t.ref))
    plan = None
    if view.t.n_emp <= SUCCESSION_INLINE_MAX:
        plan = view.memo("career.succession", lambda: succession(view.data, view.t, readiness))
    return career(view.t, i, readiness, plan)


def _kind(kind: str, jenis: str) -> str:
    """A key kind as the post is: `key_kinds` calls every must-fill post outside JPT/Administrator 'JF wajib
    diisi', a must-fill Pengawas or Pelaksana post included."""
    return f"{jenis} wajib diisi" if kind == KEY_KINDS[2] and jenis != "Fungsional" else kind


def _step_posts(t: Tables, i: int, kinds: list[str | None]) -> dict[int, str]:
    """The posts asked about for employee i, each with why (a key kind, or NEXT_STEP): not abolished, not a lower
    kelas, and not the same jabatan elsewhere (same name, or same JF family and jenjang)."""
    cur = int(t.cur[i])
    tier = int(t.post_tingkat[cur])
    band = (t.post_tingkat == tier) | (t.post_tingkat == tier + 1)
    same = (t.post_name == t.post_name[cur]) | (
        (t.post_family_id == t.post_family_id[cur]) & (t.post_family_id >= 0)
        & (t.post_jenjang_rank == t.post_jenjang_rank[cur]))
    ok = (t.post_keb > 0) & (t.post_kelas >= t.post_kelas[cur]) & ~same
    out = {j: kinds[j] or "" for j in np.nonzero(band & ok)[0].tolist() if kinds[j] is not None}
    for j in np.nonzero(_next_step(t, cur) & ok)[0].tolist():
        out.setdefault(j, NEXT_STEP)
    return out


def _next_step(t: Tables, cur: int) -> np.ndarray:
    """Per post, whether it is the next step of the ladder of post `cur` (see the module docstring)."""
    jenis = t.data.positions[cur].jenis
    if jenis in _NEXT_JENIS:
        return np.array([q.jenis == _NEXT_JENIS[jenis] for q in t.data.positions], dtype=bool)
    family = t.post_family[cur]
    if family is None:
        return np.zeros(t.n_post, dtype=bool)
    higher = (t.post_family_id == t.post_family_id[cur]) & (t.post_jenjang_rank > t.post_jenjang_rank[cur])
    if not higher.any():
        return higher
    return higher & (t.post_jenjang_rank == t.post_jenjang_rank[higher].min())


def _for_good(t: Tables, c: int, i: int, codes: tuple[str, ...]) -> set[str]:
    """The rules among `codes` that no effort of the person lifts although their rule is one of CLOSABLE_RULES:
    a golongan above the post's maximum (golongan only rises, R7) and an age past R22's limit."""
    pc = t.classes[c]
    out = set()
    if "R7" in codes and pc.gol_max is not None and int(t.emp_gol[i]) > pc.gol_max:
        out.add("R7")
    if "R22" in codes:
        gates = perpindahan_gates(t, pc, np.array([i], dtype=np.int64))
        if gates and bool(gates["usia"][0]):
            out.add("R22")
    return out


def _no_posts(t: Tables, i: int) -> str:
    """Why no post is asked about: the top of the ladder, or a peta jabatan without the next step."""
    cur = int(t.cur[i])
    q = t.data.positions[cur]
    where = f"{q.jenis}{f' {q.jenjang}' if q.jenjang else ''}"
    if q.jenis == JPT or t.post_family[cur] is not None:
        return (f"Sudah di jenjang tertinggi jalurnya di peta jabatan ({where}) dan tidak ada jabatan kunci lain "
                "pada tingkat ini atau satu tingkat di atasnya.")
    return (f"Peta jabatan tidak memuat jabatan kunci atau jenjang berikutnya yang masih dibutuhkan untuk jalur "
            f"pegawai ini ({where}).")


def _all_blocked(t: Tables, i: int, closed: _Closed, has_next: bool) -> str:
    """One sentence: why every post asked about stays closed within the horizon (retirement or status first,
    then what closes the next step of the person's own ladder, then the commonest rules for the key posts)."""
    def words(is_next: bool, code: str) -> str:
        return closed.words.get((is_next, code)) or closed.words.get((not is_next, code)) or RULES[code].text

    def said(counts: Counter[str], is_next: bool = False) -> str:
        top = sorted(counts.items(), key=lambda kv: (-kv[1], int(kv[0][1:])))[:2]
        return "; ".join(f"{code} {words(is_next, code)}" for code, _ in top)

    every = closed.key + closed.ladder
    for code in RETIREMENT_RULES:
        if code in every:
            return f"Mendekati BUP: {said(Counter({code: 1}))}."
    if "R5" in every:
        return f"{said(Counter({'R5': 1}))}."
    if closed.ladder:
        return f"Jenjang berikutnya belum terbuka dalam {HORIZON} bulan: {said(closed.ladder, True)}."
    q = t.data.positions[int(t.cur[i])]
    where = f"{q.jenis}{f' {q.jenjang}' if q.jenjang else ''}"
    first = "" if has_next else f"Peta jabatan tidak memuat jenjang berikutnya untuk {where}; "
    return (f"{first}{'j' if first else 'J'}abatan kunci pada tingkat ini atau satu tingkat di atasnya belum "
            f"terbuka dalam {HORIZON} bulan: {said(closed.key)}.")
