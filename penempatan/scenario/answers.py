"""The employees' answers and the committee's decisions recorded in an earlier plan workbook (SPEC 7), as pins
and forbids (R15) for the minimal-change re-solve of `solve --acuan`.

The plan workbook has a sheet `Tanggapan` (one row per mover: Tanggapan = Setuju / Keberatan, Keputusan =
Terima / Tolak) and a column `Keputusan` (Setuju / Tolak) in sheet `Rantai Mutasi`. The excel layer reads them
(`penempatan.excel.read_plan.read_plan_answers`) into the rows of this module; `decide` turns them into R15
constraints on the data:

- Keberatan + Terima (objection accepted): the employee STAYS in their current post this round (pinned to
  the current post of the data, which also rules out the proposed move). A BKPSDM planner reads an accepted
  objection as "this person does not move this round", so the re-solve never offers them another post;
- Keberatan + Tolak (objection rejected): the move is KEPT, the employee is pinned to the proposed post;
- Setuju + Terima (the committee confirms an agreed move): pinned, like a rejected objection;
- Setuju or Keberatan without a Keputusan (not decided yet): no hard constraint; the reference bonus of the
  minimal-change re-solve keeps the move where it can;
- Setuju + Tolak is an error (an agreement is not something the committee rejects; a move is cancelled with
  Keputusan Tolak of its chain in `Rantai Mutasi` or a `[[larang]]` in a scenario), and so is a Keputusan on
  a row without a Tanggapan;
- a chain with Keputusan Setuju pins every move of that chain, Tolak forbids every move of it (its members
  may get another proposal; a member whose own objection is accepted stays).

Staying is always allowed by the hard rules (a pin to the current post breaks none; R11 on an over-staffed or
abolished post is a priority for its holders, not a hard rule), so the stay pin of an accepted objection is
rejected only together with another pin: a decision or a scenario pin that puts newcomers into that post
beyond its Kebutuhan (R11 for newcomers is hard), or a scenario pin of the same employee to another post.

Contradictions (a chain approved while a member's objection is accepted, or a chain rejected while a member's
move is kept), NIPs that are not among the plan's moves or not in the data, a person pinned elsewhere by the
scenario (for an accepted objection: anywhere but their current post), and a pin the hard rules now forbid
(for an accepted objection: newcomers pinned into the post they keep) are errors located at the workbook row,
all reported at once.
The workbook is a file of its own beside DATA, so a problem names it as its `sheet` (like a scenario file) and
the sheet, row and cell in its message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from penempatan.errors import Problem, Problems, column_letter
from penempatan.model import Forbid, Pin, ProblemData
from penempatan.scenario.model import Scenario, nip_of
from penempatan.scenario.pins import broken_pins

ANSWERS_SHEET = "Tanggapan"
CHAINS_SHEET = "Rantai Mutasi"
AGREE, OBJECT = "Setuju", "Keberatan"
ACCEPT, REJECT = "Terima", "Tolak"
APPROVE = "Setuju"
"""The values of the planner's drop-downs: their one home (excel/write_plan.py `CHOICES` writes them)."""


class Decision(str, Enum):
    """What one decision does to one move, in the words the change report uses."""

    OBJECTION_ACCEPTED = "keberatan diterima"
    OBJECTION_REJECTED = "keberatan ditolak"
    CONFIRMED = "usulan dikukuhkan"
    CHAIN_APPROVED = "rantai disetujui"
    CHAIN_REJECTED = "rantai ditolak"

    @property
    def keeps(self) -> bool:
        """True: the proposed move is pinned (R15 kunci); False: it is not made (a rejected chain forbids it,
        R15 larang; an accepted objection pins the employee to their current post, see `stays`)."""
        return self in (Decision.OBJECTION_REJECTED, Decision.CONFIRMED, Decision.CHAIN_APPROVED)

    @property
    def stays(self) -> bool:
        """True: the employee stays in their current post this round (R15 kunci to the current post)."""
        return self is Decision.OBJECTION_ACCEPTED


@dataclass(frozen=True)
class Answer:
    """One filled row of sheet `Tanggapan`: the mover's answer and the committee's decision, values already
    normalised to the drop-down's spelling ('' when empty)."""

    row: int
    nip: str
    tanggapan: str
    keputusan: str
    column: int | None = None  # the Keputusan column (1 is A), to name the cell of a problem
    alasan: str = ""
    catatan: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        """Tanggapan, Alasan, Keputusan, Catatan: what a new plan carries over for the same move."""
        return self.tanggapan, self.alasan, self.keputusan, self.catatan


@dataclass(frozen=True)
class ChainAnswer:
    """One row of sheet `Rantai Mutasi` with a Keputusan (Setuju / Tolak)."""

    row: int
    rantai: str
    keputusan: str
    column: int | None = None  # the Keputusan column (1 is A)


@dataclass(frozen=True)
class Move:
    """One move of the earlier plan (`Usulan Mutasi`): who, from where, to where, in which chain."""

    row: int
    nip: str
    asal: str
    tujuan: str
    rantai: str


@dataclass(frozen=True)
class PlanAnswers:
    """What the earlier plan workbook records: its moves, the answers, the chain decisions, and the problems
    the reader found in their cells (wrong values, unknown NIPs; not yet raised, so that every problem of the
    workbook and the data is reported at once)."""

    name: str
    moves: tuple[Move, ...]
    answers: tuple[Answer, ...] = ()
    chains: tuple[ChainAnswer, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Decided:
    """One decided move: employee `nip` to post `kode` is pinned (`decision.keeps`), or the employee is pinned
    to their current post `stay` (`decision.stays`, an accepted objection), or the move is forbidden (a
    rejected chain), because of `decision`, recorded at `sheet` row `row` (Keputusan `value` in column
    `column`); `rantai` is the move's chain in the earlier plan."""

    nip: str
    kode: str
    decision: Decision
    rantai: str
    sheet: str
    row: int
    value: str = ""
    column: int | None = None
    stay: str = ""  # the employee's current post in the data (Kode Jabatan), '' when not in the data

    @property
    def pin(self) -> Pin | None:
        """The R15 pin of this decision: the proposed post, the current post (an accepted objection), or none."""
        if self.decision.keeps:
            return Pin(nip=self.nip, kode_jabatan=self.kode)
        if self.decision.stays and self.stay:
            return Pin(nip=self.nip, kode_jabatan=self.stay)
        return None


@dataclass(frozen=True)
class Decisions:
    """Every decided move of an earlier plan, and the counts of the answers (for the plan's Parameter rows)."""

    items: tuple[Decided, ...] = ()
    pending: int = 0  # objections without a Keputusan
    agreed: int = 0  # Setuju without a Keputusan
    counts: dict[Decision, int] = field(default_factory=dict)

    @property
    def pins(self) -> tuple[Pin, ...]:
        """The kept moves, and the current post of every employee whose objection is accepted."""
        return tuple(dict.fromkeys(pin for d in self.items if (pin := d.pin) is not None))

    @property
    def forbids(self) -> tuple[Forbid, ...]:
        """The moves of the rejected chains (an accepted objection needs none: its stay pin rules the move out)."""
        return tuple(dict.fromkeys(Forbid(nip=d.nip, kode_jabatan=d.kode) for d in self.items
                                   if not d.decision.keeps and not d.decision.stays))

    def summary(self) -> str:
        """'2 keberatan diterima, 1 keberatan ditolak; 3 keberatan belum diputuskan' (what the workbook says)."""
        parts = [f"{n} {d.value}" for d, n in self.counts.items() if n]
        waiting = [f"{n} {what}" for n, what in ((self.pending, "keberatan belum diputuskan"),
                                                 (self.agreed, "setuju tanpa keputusan")) if n]
        return "; ".join(x for x in (", ".join(parts), ", ".join(waiting)) if x) or "belum ada tanggapan"


def decide(data: ProblemData, plan: PlanAnswers) -> Decisions:
    """The decisions of `plan` as pinned or forbidden moves against `data`; InputError with every problem of
    the workbook's cells and of the decisions (unknown NIP, contradiction, a pin the hard rules forbid)."""
    problems = Problems(list(plan.problems))
    by_nip = {nip_of(m.nip): m for m in plan.moves}
    current = {e.nip: e.kode_jabatan for e in data.employees}
    items: list[Decided] = []
    counts = dict.fromkeys(Decision, 0)
    pending = agreed = 0
    for a in plan.answers:
        decision = _answer_decision(a)
        if decision is None:
            pending += a.tanggapan == OBJECT
            agreed += a.tanggapan == AGREE
            continue
        m = by_nip[nip_of(a.nip)]  # the reader reports an answer whose NIP is not a move
        nip = nip_of(a.nip)
        items.append(Decided(nip, m.tujuan, decision, m.rantai, ANSWERS_SHEET, a.row, a.keputusan, a.column,
                             current.get(nip, "") if decision.stays else ""))
    members: dict[str, list[Move]] = {}
    for m in plan.moves:
        members.setdefault(m.rantai.strip().upper(), []).append(m)
    for c in plan.chains:
        decision = Decision.CHAIN_APPROVED if c.keputusan == APPROVE else Decision.CHAIN_REJECTED
        items += [Decided(nip_of(m.nip), m.tujuan, decision, m.rantai, CHAINS_SHEET, c.row, c.keputusan, c.column)
                  for m in members[c.rantai.strip().upper()]]  # the reader reports an unknown chain
    kept = _consistent(plan.name, items, problems)
    _against_data(plan.name, data, kept, problems)
    problems.raise_if_errors()
    for d in {(d.sheet, d.row): d for d in kept}.values():  # a Tanggapan row, or a whole chain
        counts[d.decision] += 1
    return Decisions(tuple(kept), pending, agreed, counts)


def apply_decisions(data: ProblemData, decisions: Decisions) -> ProblemData:
    """A new ProblemData with the decisions' pins and forbids (R15) added to the scenario's own."""
    if not decisions.items:
        return data
    return data.replace(pins=tuple(dict.fromkeys(data.pins + decisions.pins)),
                        forbids=tuple(dict.fromkeys(data.forbids + decisions.forbids)))


def located(problems: Problems, book: str, sheet: str, row: int | None, column: str | None, number: int | None,
            value: object, message: str, hint: str) -> None:
    """An error in the plan workbook `book`: the file is its `sheet` (a file of its own beside DATA, like a
    scenario), the row its Excel row, and the message starts with the sheet and cell ('sheet Tanggapan D5')."""
    cell = f"baris {row}" if row else ""
    if number is not None and row is not None:
        cell = f"{column_letter(number)}{row}"
    problems.error(book, row, column, value, f"sheet {sheet}{' ' + cell if cell else ''}: {message}", hint,
                   column_number=number)


def _answer_decision(a: Answer) -> Decision | None:
    """The decision of one Tanggapan row (the reader has refused every other combination)."""
    if a.keputusan == ACCEPT:
        return Decision.OBJECTION_ACCEPTED if a.tanggapan == OBJECT else Decision.CONFIRMED
    if a.keputusan == REJECT and a.tanggapan == OBJECT:
        return Decision.OBJECTION_REJECTED
    return None


def _consistent(book: str, items: Sequence[Decided], problems: Problems) -> list[Decided]:
    """The decisions without contradictions: one employee's move both pinned and forbidden (a chain approved
    while a member's objection is accepted, or rejected while a member's move is kept) is an error at the
    Tanggapan row."""
    first: dict[str, Decided] = {}
    out: list[Decided] = []
    for d in sorted(items, key=lambda d: (d.sheet != ANSWERS_SHEET, d.row)):
        seen = first.setdefault(d.nip, d)
        if seen.decision.keeps != d.decision.keeps:
            chain = d if d.sheet == CHAINS_SHEET else seen
            located(problems, book, seen.sheet, seen.row, "Keputusan", seen.column, seen.value,
                    f"bertentangan dengan keputusan rantai {chain.rantai} ({chain.decision.value}, sheet "
                    f"{CHAINS_SHEET} baris {chain.row}) untuk NIP {d.nip}",
                    "Samakan keduanya: rantai yang disetujui memuat semua pindahnya, rantai yang ditolak tidak "
                    "memuat satu pun.")
            continue
        if seen is d or seen.decision != d.decision:
            out.append(d)
    return out


def _against_data(book: str, data: ProblemData, items: Sequence[Decided], problems: Problems) -> None:
    """Each decided move names an employee and a post of the data; a pinned employee (a kept move, or an
    accepted objection's stay) is not pinned elsewhere by the scenario, and the pins break no hard rule now
    (R15: a pin is the committee's decision, but not above the law)."""
    # The scenario's own pins; not what serving the wishes pinned (SPEC 9): the committee may reject a granted wish.
    scenario_pins = {p.nip: p.kode_jabatan for p in data.pins if p.permintaan is None}
    pins: list[Pin] = []
    where: dict[Pin, Decided] = {}
    for d in items:
        if d.nip not in data.employee_index:
            located(problems, book, d.sheet, d.row, "Keputusan", d.column, d.nip,
                    f"NIP {d.nip} tidak ada di data pegawai",
                    "Data sudah berubah sejak rencana itu dibuat; jalankan solve tanpa --acuan.")
            continue
        if d.kode not in data.position_index:
            located(problems, book, d.sheet, d.row, "Keputusan", d.column, d.kode,
                    f"Kode Jabatan Tujuan {d.kode} usulan ini tidak ada di data",
                    "Data sudah berubah sejak rencana itu dibuat.")
            continue
        pin = d.pin
        if pin is None:  # a rejected chain: the move is forbidden
            if scenario_pins.get(d.nip) == d.kode:
                located(problems, book, d.sheet, d.row, "Keputusan", d.column, d.nip,
                        f"skenario mengunci pegawai ini ke {d.kode}, keputusan ini melarangnya",
                        "Hapus kunci skenario atau ubah Keputusan.")
            continue
        other = scenario_pins.get(d.nip, pin.kode_jabatan)
        if other != pin.kode_jabatan:
            message = (f"keberatan pegawai ini diterima, jadi ia tetap di {pin.kode_jabatan} (jabatan sekarang), "
                       f"tetapi skenario menguncinya ke {other}" if d.decision.stays else
                       f"skenario mengunci pegawai ini ke {other}, keputusan ke {d.kode}")
            located(problems, book, d.sheet, d.row, "Keputusan", d.column, d.nip, message,
                    "Hapus kunci skenario atau ubah Keputusan.")
            continue
        pins.append(pin)
        where.setdefault(pin, d)
    if pins and not problems.errors:
        _broken(book, data, pins, where, problems)


def _broken(book: str, data: ProblemData, pins: Sequence[Pin], where: dict[Pin, Decided],
            problems: Problems) -> None:
    """The decisions' pins that the hard rules forbid, checked together with the scenario's own pins (each
    of those alone was checked when the scenario was read): a kept move another rule forbids, and a post that
    the pinned newcomers would over-fill (R11), which is where an accepted objection's stay can clash with a
    kept move into the post that employee now keeps."""
    kunci = tuple(dict.fromkeys((*data.pins, *pins)))
    by_post: dict[str, list[Decided]] = {}
    for pin, d in where.items():
        by_post.setdefault(pin.kode_jabatan, []).append(d)
    for broken in broken_pins(data, Scenario(nama=data.scenario_name or "", kunci=kunci)):
        kode = broken.pin.kode_jabatan
        if broken.value != kode:  # one pin breaks a rule: only a kept move can (staying breaks none)
            kept = where.get(broken.pin)
            if kept is not None:
                located(problems, book, kept.sheet, kept.row, "Keputusan", kept.column, broken.value,
                        "usulan yang dipertahankan keputusan ini " + broken.message.removeprefix("kunci "),
                        "Aturan atau data kini menghalangi usulan ini; ubah Keputusan atau datanya.")
            continue
        involved = by_post.get(kode, [])  # R11: the decisions that pin someone into or in post `kode`
        stays = [d for d in involved if d.decision.stays]
        if not involved:
            continue  # only the scenario's own pins: reported with the scenario
        if not stays:
            d = involved[0]
            located(problems, book, d.sheet, d.row, "Keputusan", d.column, kode,
                    "usulan yang dipertahankan keputusan ini " + broken.message.removeprefix("kunci "),
                    "Aturan atau data kini menghalangi usulan ini; ubah Keputusan atau datanya.")
            continue
        d = stays[0]
        q = data.positions[data.position_index[kode]]
        arriving = [x for x in involved if not x.decision.stays]
        newcomers = "; ".join(f"NIP {x.nip} ({x.decision.value}, sheet {x.sheet} baris {x.row})" for x in arriving)
        by = f"keputusan lain mengunci {newcomers}" if arriving else "skenario mengunci pegawai lain"
        located(problems, book, d.sheet, d.row, "Keputusan", d.column, kode,
                f"keberatan pegawai ini diterima, jadi ia tetap di {kode}, tetapi {by} masuk ke jabatan itu: "
                f"kursinya tidak cukup (R11, kebutuhan {q.kebutuhan})",
                f"Putuskan salah satu: tolak keberatan ini, ubah keputusan pegawai yang masuk ke {kode}, atau "
                "naikkan kebutuhannya di [kebutuhan] skenario.")
