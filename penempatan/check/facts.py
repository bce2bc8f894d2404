"""Facts about the posts and employees of one ProblemData, written out plainly for the checker (no arrays),
and the `Violation` it reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from penempatan.model import Employee, Position, ProblemData
from penempatan.reference import JabatanFungsional, JenisJabatan, Reference, load_reference
from penempatan.rules import RULES
from penempatan.text import name_key

NO_SANCTION = "Tidak Ada"
HEAVY_SANCTIONS = ("Sedang", "Berat")
FUNGSIONAL = "Fungsional"
JPT = "JPT Pratama"
SKILL_JENJANG = ("Pemula", "Terampil", "Mahir", "Penyelia")  # the keterampilan track; Ahli* is keahlian


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


def broken(code: str, facts: str) -> str:
    """A violation message: the rule's wording from the registry (rules.py), then the facts of this case."""
    return f"{RULES[code].text}: {facts}"


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
    return name_key(a) == name_key(b)


class Facts:
    """What the rules ask about the posts and employees of one ProblemData, each answered plainly."""

    def __init__(self, data: ProblemData, ref: Reference | None = None) -> None:
        self.data = data
        self.params = data.params
        self.ref = ref or load_reference()
        self.holders_before = [len(h) for h in data.holders]
        self.frozen = set(data.frozen_units)
        self.forbidden_posts = {(f.nip, f.kode_jabatan) for f in data.forbids if f.kode_jabatan}
        self.forbidden_units = {(f.nip, f.unit) for f in data.forbids if f.unit}
        self.families = [self._family(p) for p in data.positions]
        # SPEC 9: employee -> the post of their granted wish (a pin with `permintaan`): a move they asked for.
        self.closed = set(data.closed_posts)  # SPEC 9: posts that take no newcomer but a granted wish
        self.granted = {data.employee_index[p.nip]: data.position_index[p.kode_jabatan]
                        for p in data.pins if p.permintaan}  # not a requester who stays (STAYS)

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

    def seat_value(self, j: int) -> int:
        """The staffing value of a filled seat of post j (SPEC 4 v3), from `Reference.seat_kinds` and the
        `nilai_kursi*` parameters."""
        post = self.data.positions[j]
        service, scarce = self.ref.seat_kinds(post.nama, post.unit, post.lokasi, self.families[j])
        return self.params.seat_value(wajib=post.wajib_diisi, layanan=service, profesi=scarce,
                                      risiko=post.risiko_tinggi)

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
        return whole_months(self.params.tanggal_acuan, retirement_date(e.tanggal_lahir, self.bup(i)))

    def bup(self, i: int) -> int:
        """BUP of employee i's current post: the JF family's own (Guru 60), else jenis_jabatan.csv's (R4, R24)."""
        post = self.current(i)
        return self.ref.bup_of(post.jenis, post.jenjang, self.families[self.data.current_post[i]])

    def age_years(self, i: int) -> int | None:
        """Whole years of age at tanggal_acuan (None: no birth date)."""
        birth = self.data.employees[i].tanggal_lahir
        return None if birth is None else whole_months(birth, self.params.tanggal_acuan) // 12

    def jf_qualification(self, e: Employee, post: Position, family: JabatanFungsional,
                         current_family: JabatanFungsional | None) -> str | None:
        """R18: does `e` meet the qualification of JF `family` for `post` (field, then track education)?

        The message names the family in the registry's words ("tidak memenuhi kualifikasi <family>"); the
        plan workbook shows it for today's holders (holders_not_qualified)."""
        field_ok = (not family.bidang or e.bidang in family.bidang
                    or (not family.licensed and bool(family.bidang & set(e.pelatihan)))
                    # an unknown programme: holding this family today proves the appointment's qualification
                    or (e.bidang is None and current_family is not None and current_family.nama == family.nama))
        if not field_ok:
            # Field codes in the planner's words: 'ekonomi_akuntansi' -> 'ekonomi akuntansi'.
            accepted = ", ".join(sorted(f.replace("_", " ") for f in family.bidang))
            route = "" if family.licensed else " atau pelatihan"
            own = e.bidang.replace("_", " ") if e.bidang else "tidak diketahui"
            return (f"tidak memenuhi kualifikasi {family.nama}: bidang pendidikan "
                    f"{own} tidak diterima (diterima{route}: {accepted})")
        subject = self.ref.subject_of(post.nama, family)
        if subject is not None and not self.ref.teaches(e.jurusan, subject):
            return (f"tidak memenuhi kualifikasi {family.nama}: jurusan {e.jurusan} tidak untuk mengajar "
                    f"{subject}")
        jenjang = post.jenjang or ""
        minimum = (family.pendidikan_keahlian if jenjang.startswith("Ahli")
                   else family.pendidikan_keterampilan if jenjang in SKILL_JENJANG else None)
        if (minimum is not None and minimum in self.ref.pendidikan
                and self.ref.pendidikan[e.pendidikan] < self.ref.pendidikan[minimum]):
            track = "keahlian" if jenjang.startswith("Ahli") else "keterampilan"
            return (f"tidak memenuhi kualifikasi {family.nama} {jenjang}: pendidikan {e.pendidikan} di bawah "
                    f"minimal {minimum} untuk kategori {track}")
        return None
