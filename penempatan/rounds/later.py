"""The data at round 2 (SPEC 8, "train now, move later"): what the rules see at `tanggal_putaran_2`.

`at_round_two` is a pure function of ProblemData. What changes by the round-2 date, and how:
- the date itself: `params.tanggal_acuan` becomes the round-2 date, so every rule that reads it moves on without
  any other change — tenure grows (R1's minimum is reached, R2/R3 rotation falls due, R22's months of
  experience), retirement comes nearer (R4, R24), age grows (R22's age limit), a sanction whose Akhir Hukuman is
  on or before the date has ended (R10, R23: `check.facts.Facts.sanction_active`), the Pilkada window (R17) is
  judged at the new date, and the wishes' tenure points grow;
- BUP departures: whoever reaches the BUP of their post (`check.facts.Facts.bup`, `retirement_date`: the
  checker's R4) on or before the date leaves; they are listed in `RoundTwo.departures` and are not among the
  round-2 employees, so their seats are vacant; an employee without a birth date stays (their BUP is unknown);
- training: each trained employee counts as trained in the fields of their courses (`Pelatihan.bidang`, added to
  `Employee.pelatihan`: R8, R18, the fit score), holds their certificates (`Pelatihan.sertifikat`, added to
  `Employee.sertifikat`: R22's licence) and has the courses done (added to `Employee.diklat`, so no move
  prescribes them again). A course must finish by the round-2 date (`durasi_bulan` from tanggal_acuan); the
  courses of someone who departs count for nothing.

What a departed employee names is dropped: their pins, forbids, wishes and replacements. Closed posts (SPEC 9) name
no employee and are kept, as are frozen units and every other part of the data; serving the wishes anew at round 2
starts from `wishes.serve.unserved`. The round-2 data is a one-round problem at its date: `putaran` 1, no
`tanggal_putaran_2`, and no `tanggal_sk` or `tmt_mutasi` (those are round 1's decree). Employees keep their order
without the departed, so indices differ from the input's: match employees by NIP.

Not modelled, for want of the data: golongan that rise (the input has no TMT golongan, so no kenaikan pangkat
date; every golongan stays, R7 as at round 1), JF jenjang that rise (they need angka kredit and an uji kompetensi;
`siap_naik_jenjang` stays as given, R9), a new SKP predikat or kotak talenta (yearly), competence levels other
than through a course, status changes (CLTN, tugas belajar, CPNS to PNS: no end date in the input), deaths,
resignations and new hires, and changes to the peta jabatan. Round 1's moves are not applied here: pass data with
them applied (each mover's Kode Jabatan, and TMT Jabatan at the round-1 date) to see round 2 after them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from penempatan.check.facts import Facts, retirement_date
from penempatan.model import Employee, Params, ProblemData
from penempatan.reference import Pelatihan, Reference, load_reference
from penempatan.succession import add_months

ROUND_TWO_MONTHS = 6
"""Months from tanggal_acuan to round 2 when `tanggal_putaran_2` is empty (SPEC 8)."""
_NOBODY: Mapping[str, Sequence[Pelatihan]] = MappingProxyType({})


def round_two_date(params: Params) -> date:
    """The date of round 2: `tanggal_putaran_2`, or ROUND_TWO_MONTHS after tanggal_acuan (31 August becomes the
    last day of February)."""
    return params.tanggal_putaran_2 or add_months(params.tanggal_acuan, ROUND_TWO_MONTHS)


def courses_for_development(ref: Reference | None = None, within_months: int | None = None) -> tuple[Pelatihan, ...]:
    """The courses of pelatihan.csv that give a field or a certificate (`Pelatihan.develops`), in file order; with
    `within_months`, only those that take at most that many months."""
    rows = (ref or load_reference()).pelatihan
    return tuple(c for c in rows if c.develops and (within_months is None or c.durasi_bulan <= within_months))


@dataclass(frozen=True)
class Departure:
    """An employee who reaches BUP by round 2: they leave, and their seat in `kode_jabatan` is vacant."""

    nip: str
    nama: str
    kode_jabatan: str
    bup: int
    tanggal_pensiun: date  # tanggal lahir + BUP years, as the checker's R4 counts it


@dataclass(frozen=True)
class RoundTwo:
    """The data at round 2 (`data`, tanggal_acuan = `tanggal`) and who left by then (`departures`)."""

    data: ProblemData
    tanggal: date
    departures: tuple[Departure, ...]

    @property
    def departed(self) -> frozenset[str]:
        """The NIPs of the departures."""
        return frozenset(d.nip for d in self.departures)


def at_round_two(data: ProblemData, trained: Mapping[str, Sequence[Pelatihan]] = _NOBODY,
                 ref: Reference | None = None) -> RoundTwo:
    """What the rules see at round 2 (see the module docstring): `data` at `round_two_date`, without the employees
    who reach BUP by then, with the courses of `trained` (NIP -> courses done in round 1) counted as done.

    ValueError (in Bahasa Indonesia) for a NIP of `trained` that is not in `data`, or a course that cannot finish
    by the round-2 date."""
    ref = ref or load_reference()
    when = round_two_date(data.params)
    _check_training(data, trained, when)
    departures = _departures(data, ref, when)
    gone = {d.nip for d in departures}
    employees = tuple(_trained(e, trained.get(e.nip, ())) for e in data.employees if e.nip not in gone)
    params = type(data.params).model_validate({**data.params.model_dump(), "tanggal_acuan": when, "putaran": 1,
                                               "tanggal_putaran_2": None, "tanggal_sk": None, "tmt_mutasi": None})
    later = data.replace(
        employees=employees, params=params,
        pins=tuple(p for p in data.pins if p.nip not in gone),
        forbids=tuple(f for f in data.forbids if f.nip not in gone),
        wishes=tuple(w for w in data.wishes if w.nip not in gone),
        replacements=tuple(r for r in data.replacements if r[0] not in gone))
    return RoundTwo(later, when, departures)


def _check_training(data: ProblemData, trained: Mapping[str, Sequence[Pelatihan]], when: date) -> None:
    start = data.params.tanggal_acuan
    for nip, courses in trained.items():
        if nip not in data.employee_index:
            raise ValueError(f"pegawai NIP {nip} yang dilatih tidak ada di data")
        for course in courses:
            if add_months(start, course.durasi_bulan) > when:
                raise ValueError(f"{course.nama} ({course.durasi_bulan} bulan sejak {start:%d-%m-%Y}) untuk NIP "
                                 f"{nip} belum selesai pada putaran 2 ({when:%d-%m-%Y})")


def _departures(data: ProblemData, ref: Reference, when: date) -> tuple[Departure, ...]:
    """Everyone whose BUP (of their current post, as the checker's R4 reads it) falls on or before `when`."""
    facts = Facts(data, ref)
    out = []
    for i, e in enumerate(data.employees):
        if e.tanggal_lahir is None:
            continue
        bup = facts.bup(i)
        leaves = retirement_date(e.tanggal_lahir, bup)
        if leaves <= when:
            out.append(Departure(e.nip, e.nama, e.kode_jabatan, bup, leaves))
    return tuple(out)


def _trained(e: Employee, courses: Sequence[Pelatihan]) -> Employee:
    """`e` with the fields, certificates and names of `courses` added (each once, after what they had)."""
    if not courses:
        return e
    fields = tuple(dict.fromkeys([*e.pelatihan, *(c.bidang for c in courses if c.bidang)]))
    certificates = tuple(dict.fromkeys([*e.sertifikat, *(c.sertifikat for c in courses if c.sertifikat)]))
    done = tuple(dict.fromkeys([*e.diklat, *(c.render() for c in courses)]))
    return e.model_copy(update={"pelatihan": fields, "sertifikat": certificates, "diklat": done})
