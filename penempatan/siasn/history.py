"""Per-person facts derived from SIASN history records, each with the record it came from.

- TMT Jabatan, Unit Kerja, Nama Jabatan: the latest rw_jabatan record (by tmtJabatan). A run of latest records
  for the same post (same name and unit: an SK re-issued, a unit renamed) keeps the run's first TMT, so an
  administrative re-issue does not reset the time in post (R1, R2).
- Pelatihan: every rw_diklat course, once (so the plan never prescribes a course already done).
- Predikat Kinerja: the two-year predikat, the lower of the two latest years of rw_skp (PermenPANRB 3/2020 asks
  for a good predikat in both of the last two years).
- Hukuman Disiplin, Akhir Hukuman: the heaviest rw_hukdis sanction active at tanggal_acuan (begun and not yet
  ended); its end from akhirHukuman, else tmtHukuman + masaTahun + masaBulan. Its level from the record's
  tingkat, else from the sanction's name by data/hukuman_disiplin.csv (PP 94/2021).
- Tanggal Lahir, Nama, golongan, pendidikan, jenis kelamin, status, BUP and TMT pensiun: data utama.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from penempatan.check.facts import whole_months
from penempatan.errors import Problems
from penempatan.excel.cells import Bad, Codes, kelamin, status
from penempatan.reference import Reference, data_dir, words
from penempatan.siasn.dump import (
    DATA_UTAMA,
    RW_DIKLAT,
    RW_HUKDIS,
    RW_JABATAN,
    RW_SKP,
    Record,
    record_date,
    record_nip,
    record_pns_id,
)
from penempatan.text import compact_key, date_text, name_key

TMT, UNIT, JABATAN, PELATIHAN = "TMT Jabatan", "Unit Kerja", "Nama Jabatan", "Pelatihan"
PREDIKAT, HUKUMAN, AKHIR_HUKUMAN, LAHIR = "Predikat Kinerja", "Hukuman Disiplin", "Akhir Hukuman", "Tanggal Lahir"
NAMA, GOLONGAN, PENDIDIKAN, JURUSAN = "Nama", "Golongan", "Jenjang Pendidikan", "Jurusan"
KELAMIN, STATUS, PNS_ID, JENIS, UNOR_ID = "Jenis Kelamin", "Status", "PNS ID", "Jenis Jabatan", "Unor ID"
BUP, TMT_PENSIUN, MASA_JABATAN = "BUP (SIASN)", "TMT Pensiun (SIASN)", "Masa Jabatan (bulan)"
"""Facts that are no workbook column: shown on sheet Sumber SIASN and cross-checked, never written to Pegawai."""

_JOB_NAME = ("jabatanfungsionalnama", "jabatanfungsionalumumnama", "jabatanstrukturalnama", "namajabatan",
             "jabatannama", "jabatan")
_UNIT_NAME = ("unornama", "namaunor", "unor", "unitorganisasinama")
_TMT_JABATAN = ("tmtjabatan", "tmt")
_DIKLAT_NAME = ("latihanstrukturalnama", "namakursus", "namadiklat", "namapelatihan", "jenisdiklatnama", "nama")
_DIKLAT_DATE = ("tanggalselesai", "tanggal", "tanggalkursus", "tanggalmulai")
_SKP_NAMED = ("predikatkinerja", "predikat", "kuadrankinerjanilai", "kuadrankinerja", "hasilpenilaian")
_SKP_NUMBER = ("nilaiskp", "nilaiprestasikerja", "nilairatarata", "nilaiakhir", "nilai")
_HUKDIS_LEVEL = ("tingkathukumannama", "tingkathukuman", "tingkat")
_HUKDIS_NAME = ("jenishukumannama", "namahukuman", "jenishukuman", "hukumannama")
_HUKDIS_START = ("tmthukuman", "hukumantanggal", "tanggalhukuman", "tanggalmulai")
_HUKDIS_END = ("akhirhukuman", "akhirhukumtanggal", "akhirhukumantanggal", "tanggalakhir", "selesaihukuman")
_LEVELS = ("Ringan", "Sedang", "Berat")


@dataclass(frozen=True)
class Source:
    """The record a fact came from: kind, `file #n`, the record's SIASN id and its date."""

    kind: str
    where: str
    record_id: str = ""
    record_date: date | None = None

    @classmethod
    def of(cls, record: Record, when: date | None = None) -> Source:
        return cls(record.kind, record.where, record.get("id") or "", when)


@dataclass(frozen=True)
class Fact:
    """One derived value (a date, a text, an int) for one workbook column, with its source and a note."""

    column: str
    value: object
    source: Source
    note: str = ""

    @property
    def text(self) -> str:
        value = self.value
        return date_text(value) if isinstance(value, date) else str(value)

    @property
    def cited(self) -> str:
        """"'<value>' (<record>)" as a conflict message quotes SIASN."""
        where = f" ({self.source.where})" if self.source.where else ""
        return f"'{self.text}'{where}"


@dataclass
class History:
    """What SIASN says about one person: facts by column, and the courses done (each with its record)."""

    nip: str
    pns_id: str | None = None
    facts: dict[str, Fact] = field(default_factory=dict)
    diklat: list[Fact] = field(default_factory=list)

    def add(self, fact: Fact) -> None:
        self.facts[fact.column] = fact


@dataclass(frozen=True)
class Identities:
    """NIP <-> pnsId as the dumps (and the workbook) give them."""

    nip_of: dict[str, str]
    known: frozenset[str] | None  # the NIPs a record may name; None: any well-formed NIP
    known_from: str = "sheet Pegawai"  # where `known` comes from, for the message


def identities(records: Iterable[Record], problems: Problems, workbook: dict[str, str | None] | None) -> Identities:
    """pnsId -> NIP from the workbook's PNS ID column and every record that has both; the NIPs records may name:
    the workbook's people, else data utama's, else any. A pnsId given two NIPs is an error at the record."""
    nip_of: dict[str, str] = {}
    if workbook:
        nip_of.update({pns: nip for nip, pns in workbook.items() if pns})
    utama: set[str] = set()
    scratch = Problems()  # a malformed NIP is reported once, when the record itself is read
    for record in records:
        nip = record_nip(record, scratch)
        pns = record_pns_id(record)
        if record.kind == DATA_UTAMA and nip is not None:
            utama.add(nip)
        if nip is None or pns is None:
            continue
        other = nip_of.setdefault(pns, nip)
        if other != nip:
            record.error(problems, record.field_name("pnsid", "idpns", "id"), pns,
                         f"pnsId ini sudah dipakai NIP {other}, bukan {nip}",
                         "Satu pnsId hanya milik satu pegawai; periksa dump ini.")
    if workbook is not None:
        return Identities(nip_of, frozenset(workbook))
    return Identities(nip_of, frozenset(utama) if utama else None, "dump data utama")


def person_of(record: Record, ids: Identities, problems: Problems) -> str | None:
    """The NIP a record belongs to (its nipBaru, else its pnsId); None after reporting why there is none."""
    nip = record_nip(record, problems)
    if nip is None and "nipbaru" not in record.fields and "nip" not in record.fields:
        pns = record_pns_id(record)
        nip = ids.nip_of.get(pns) if pns else None
        if nip is None:
            record.error(problems, "pnsId" if pns else "nipBaru", pns,
                         "rekaman ini tidak dapat dikaitkan dengan pegawai: tidak ada nipBaru, dan pnsId-nya "
                         "tidak dikenal" if pns else "rekaman ini tidak punya nipBaru maupun pnsId",
                         "Sertakan dump data utama (berisi nipBaru dan pnsId), atau kolom PNS ID di sheet Pegawai.")
            return None
    if nip is not None and ids.known is not None and nip not in ids.known:
        record.error(problems, record.field_name("nipbaru", "nip"), nip,
                     f"NIP tidak dikenal: tidak ada di {ids.known_from}",
                     f"Hapus rekaman pegawai lain dari dump, tambahkan pegawainya ke {ids.known_from}, atau "
                     "jalankan dengan --abaikan-nip-lain.")
        return None
    return nip


@dataclass(frozen=True)
class Options:
    """How facts are derived: the date they hold at, and the reference tables (predikat, sanction levels)."""

    acuan: date
    ref: Reference


def histories(records: list[Record], ids: Identities, options: Options, problems: Problems,
              lenient: bool = False) -> dict[str, History]:
    """Every person's facts, keyed by NIP; records of unknown people are errors (warnings when `lenient`)."""
    by_person: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    unknown = Problems()
    for record in records:
        nip = person_of(record, ids, unknown if lenient else problems)
        if nip is not None:
            by_person[nip][record.kind].append(record)
    if lenient:
        problems.items += [p for p in unknown.items if not p.message.startswith("NIP tidak dikenal")]
        skipped = sum(p.message.startswith("NIP tidak dikenal") for p in unknown.items)
        if skipped:
            first = next(p for p in unknown.items if p.message.startswith("NIP tidak dikenal"))
            problems.warning(first.sheet, first.row, first.column, first.value,
                             f"{skipped} rekaman pegawai yang tidak ada di {ids.known_from} diabaikan "
                             "(--abaikan-nip-lain)")
    hukdis_given = any(r.kind == RW_HUKDIS for r in records)
    codes = Codes(options.ref)
    out: dict[str, History] = {}
    for nip, kinds in by_person.items():
        person = History(nip)
        for record in kinds[DATA_UTAMA]:
            _data_utama(person, record, codes, problems)
        if not person.pns_id:
            person.pns_id = next((p for r in (*kinds[RW_JABATAN], *kinds[RW_DIKLAT]) if (p := record_pns_id(r))),
                                 None)
        _jobs(person, kinds[RW_JABATAN], options.acuan, problems)
        _courses(person, kinds[RW_DIKLAT], problems)
        _predikat(person, kinds[RW_SKP], codes, options.ref, problems)
        if hukdis_given:
            _sanction(person, kinds[RW_HUKDIS], options.acuan, problems)
        out[nip] = person
    return out


# --- rw_jabatan ---------------------------------------------------------------------------------------------
def _same_post(a: Record, b: Record) -> bool:
    """Two job records of one post: the same job name and the same unit (its id when both have one)."""
    if name_key(a.get(*_JOB_NAME)) != name_key(b.get(*_JOB_NAME)):
        return False
    ua, ub = a.get("unorid"), b.get("unorid")
    if ua and ub:
        return ua == ub
    return compact_key(a.get(*_UNIT_NAME) or "") == compact_key(b.get(*_UNIT_NAME) or "")


def _jobs(person: History, records: list[Record], acuan: date, problems: Problems) -> None:
    dated: list[tuple[date, int, Record]] = []
    for k, record in enumerate(records):
        tmt = record_date(record, problems, *_TMT_JABATAN)
        if tmt is None:
            if record.get(*_TMT_JABATAN) is None:
                record.error(problems, "tmtJabatan", None, "rekaman riwayat jabatan tanpa "
                             "tmtJabatan", "Lengkapi tmtJabatan di SIASN, atau hapus rekaman ini dari dump.")
            continue
        dated.append((tmt, k, record))
    if not dated:
        return
    dated.sort(key=lambda item: (item[0], item[1]))
    latest = dated[-1][2]
    first = len(dated) - 1
    while first > 0 and _same_post(dated[first - 1][2], latest):
        first -= 1
    tmt, _, start = dated[first]
    note = f"lanjutan jabatan yang sama sejak {start.where}" if first < len(dated) - 1 else ""
    person.add(Fact(TMT, tmt, Source.of(start, tmt), note))
    person.add(Fact(MASA_JABATAN, max(0, whole_months(tmt, acuan)), Source.of(start, tmt),
                    f"dari TMT {date_text(tmt)} sampai tanggal acuan {date_text(acuan)}"))
    source = Source.of(latest, dated[-1][0])
    if unit := latest.get(*_UNIT_NAME):
        person.add(Fact(UNIT, unit, source))
    if job := latest.get(*_JOB_NAME):
        person.add(Fact(JABATAN, job, source))
    if jenis := job_kind(latest):
        person.add(Fact(JENIS, jenis, source))
    if unor := latest.get("unorid"):
        person.add(Fact(UNOR_ID, unor, source))


_ESELON = {"I": "JPT Pratama", "II": "JPT Pratama", "III": "Administrator", "IV": "Pengawas", "V": "Pengawas"}


def job_kind(record: Record) -> str | None:
    """The Jenis Jabatan of a job record: SIASN's jenisJabatan (1 struktural, 2 fungsional tertentu, 4 fungsional
    umum = pelaksana) with the eselon for a structural post; None when the record does not say."""
    code = (record.get("jenisjabatan", "jenisjabatanid") or "").strip()
    name = name_key(record.get("jenisjabatannama") or "")
    if code == "2" or "fungsional tertentu" in name or record.get("jabatanfungsionalnama"):
        return "Fungsional"
    if code == "4" or "umum" in name or "pelaksana" in name or record.get("jabatanfungsionalumumnama"):
        return "Pelaksana"
    if code == "1" or "struktural" in name or record.get("jabatanstrukturalnama"):
        eselon = (record.get("eselonnama", "eselon") or "").upper().replace(".", " ").split()
        return _ESELON.get(eselon[0].rstrip("AB") if eselon else "")
    return None


# --- rw_diklat ------------------------------------------------------------------------------------------------
def _courses(person: History, records: list[Record], problems: Problems) -> None:
    seen: set[str] = set()
    for record in records:
        name = record.get(*_DIKLAT_NAME)
        if name is None:
            record.error(problems, "latihanStrukturalNama", None, "rekaman diklat tanpa nama "
                         "pelatihan", "Lengkapi latihanStrukturalNama atau namaKursus, atau hapus rekaman ini.")
            continue
        when = record_date(record, problems, *_DIKLAT_DATE)
        year = record.get("tahun", "tahunkursus")
        if name_key(name) in seen:
            continue
        seen.add(name_key(name))
        note = f"tahun {year}" if when is None and year else ""
        person.diklat.append(Fact(PELATIHAN, name, Source.of(record, when), note))


# --- rw_skp ---------------------------------------------------------------------------------------------------
def _predikat(person: History, records: list[Record], codes: Codes, ref: Reference, problems: Problems) -> None:
    by_year: dict[int, tuple[str, Record]] = {}
    for record in records:
        year_text = record.get("tahun", "tahunpenilaian", "periode")
        try:
            year = int(year_text or "")
        except ValueError:
            record.error(problems, record.field_name("tahun"), year_text,
                         "tahun penilaian harus berupa tahun, mis. 2024", "Periksa rekaman SKP ini.")
            continue
        if not 1950 <= year <= 2100:
            record.error(problems, record.field_name("tahun"), year_text,
                         "tahun penilaian di luar rentang 1950–2100", "Periksa rekaman SKP ini.")
            continue
        value = record.get(*_SKP_NAMED) or record.get(*_SKP_NUMBER)
        if value is None:
            record.error(problems, "predikatKinerja", None, "rekaman SKP tanpa predikat "
                         "maupun nilai", "Lengkapi predikat atau nilai SKP-nya, atau hapus rekaman ini.")
            continue
        try:
            predikat = codes.kinerja(value)
        except Bad as bad:
            record.error(problems, record.field_name(*_SKP_NAMED, *_SKP_NUMBER), value,
                         bad.message, bad.hint)
            continue
        by_year[year] = (predikat, record)  # a year recorded twice: the later record stands
    if not by_year:
        return
    rank = {k.kode: n for n, k in enumerate(ref.kinerja)}  # kinerja.csv lists the best first
    years = sorted(by_year)[-2:]
    worst = max(years, key=lambda y: (rank.get(by_year[y][0], 0), y))
    predikat, record = by_year[worst]
    note = "predikat dua tahun (yang terendah): " + ", ".join(f"{y} {by_year[y][0]}" for y in years)
    person.add(Fact(PREDIKAT, predikat, Source(RW_SKP, record.where, record.get("id") or "", date(worst, 12, 31)),
                    note))


# --- rw_hukdis ------------------------------------------------------------------------------------------------
@cache
def sanction_levels() -> tuple[tuple[tuple[str, ...], str], ...]:
    """data/hukuman_disiplin.csv: (words of a sanction name, level), longest names first."""
    with (data_dir() / "hukuman_disiplin.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = [(words(row["kata_kunci"]), row["tingkat"].strip()) for row in csv.DictReader(f)]
    return tuple(sorted(((w, level) for w, level in rows if w and level in _LEVELS), key=lambda r: -len(r[0])))


def sanction_level(text: str) -> str | None:
    """Ringan, Sedang or Berat from a level code (R/S/B), a level name or the sanction's name."""
    key = compact_key(text).upper()
    for level in _LEVELS:
        if key in (level[0], level.upper(), f"HUKUMANDISIPLIN{level.upper()}", f"HD{level.upper()}"):
            return level
    found = words(text)
    for keyword, level in sanction_levels():
        n = len(keyword)
        if any(found[i:i + n] == keyword for i in range(len(found) - n + 1)):
            return level
    return None


def _add_months(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    days = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30,
            31, 30, 31][month - 1]
    return date(year, month, min(start.day, days))


def sanction_end(record: Record, start: date | None, problems: Problems) -> date | None:
    """akhirHukuman, else tmtHukuman + masaTahun years + masaBulan months; None when neither is given."""
    end = record_date(record, problems, *_HUKDIS_END)
    if end is not None or start is None:
        return end
    months = 0
    for name, factor in (("masatahun", 12), ("masabulan", 1)):
        value = record.get(name)
        if value is None:
            continue
        try:
            amount = int(value)
        except ValueError:
            record.error(problems, record.names.get(name, name), value,
                         "masa hukuman harus bilangan bulat", "Tulis jumlah tahun atau bulan, mis. 1.")
            return None
        if not 0 <= amount <= 100:
            record.error(problems, record.names.get(name, name), value,
                         "masa hukuman di luar rentang 0–100", "Periksa rekaman hukuman ini.")
            return None
        months += amount * factor
    return _add_months(start, months) if months else None


def _sanction(person: History, records: list[Record], acuan: date, problems: Problems) -> None:
    active: list[tuple[int, date, Record, date | None]] = []
    for record in records:
        level_text = record.get(*_HUKDIS_LEVEL) or record.get(*_HUKDIS_NAME)
        level = sanction_level(level_text) if level_text else None
        if level is None:
            record.error(problems, record.field_name(*_HUKDIS_LEVEL, *_HUKDIS_NAME), level_text,
                         "tingkat hukuman disiplin tidak dikenali", "Tambahkan nama hukuman ini ke "
                         "data/hukuman_disiplin.csv (kata_kunci, tingkat Ringan/Sedang/Berat).")
            continue
        start = record_date(record, problems, *_HUKDIS_START)
        if start is None:
            if record.get(*_HUKDIS_START) is None:
                record.error(problems, "tmtHukuman", None, "rekaman hukuman tanpa tmtHukuman",
                             "Lengkapi tmtHukuman di SIASN, atau hapus rekaman ini dari dump.")
            continue
        end = sanction_end(record, start, problems)
        if end is None and level == "Ringan":
            end = start  # a teguran or pernyataan tidak puas takes effect once; it has no period
        if start <= acuan and (end is None or end > acuan):
            active.append((_LEVELS.index(level), end or date.max, record, end))
    if not active:
        person.add(Fact(HUKUMAN, "Tidak Ada", Source(RW_HUKDIS, ""),
                        f"tidak ada hukuman yang berlaku pada {date_text(acuan)}"))
        return
    heaviest, _, record, end = max(active, key=lambda a: (a[0], a[1]))  # the heaviest, then the longest
    level = _LEVELS[heaviest]
    name = record.get(*_HUKDIS_NAME) or ""
    person.add(Fact(HUKUMAN, level, Source.of(record, end), name))
    if end is not None:
        person.add(Fact(AKHIR_HUKUMAN, end, Source.of(record, end), name))
    else:
        record.warning(problems, "akhirHukuman", None, "hukuman tanpa akhir maupun masa "
                       "hukuman: dianggap masih berlaku", "Lengkapi akhirHukuman atau masaTahun/masaBulan di SIASN.")


# --- data utama -----------------------------------------------------------------------------------------------
def _data_utama(person: History, record: Record, codes: Codes, problems: Problems) -> None:
    source = Source.of(record)
    person.pns_id = record_pns_id(record) or person.pns_id
    if person.pns_id:
        person.add(Fact(PNS_ID, person.pns_id, source))
    if (lahir := record_date(record, problems, "tgllahir", "tanggallahir")) is not None:
        person.add(Fact(LAHIR, lahir, source))
    if (pensiun := record_date(record, problems, "tmtpensiun")) is not None:
        person.add(Fact(TMT_PENSIUN, pensiun, source))
    if (bup := record.get("buppensiun", "bup", "batasusiapensiun")) is not None:
        if bup.isdigit() and 50 <= int(bup) <= 70:
            person.add(Fact(BUP, int(bup), source))
        else:
            record.error(problems, record.field_name("buppensiun", "bup"), bup,
                         "BUP harus usia dalam tahun, 50–70", "Periksa bupPensiun di SIASN.")
    if nama := record.get("nama", "namalengkap"):
        person.add(Fact(NAMA, nama, source))
    for column, names, convert in (
        (GOLONGAN, ("golruangakhir", "golonganakhir", "golakhirnama", "golongan"), codes.golongan),
        (PENDIDIKAN, ("tingkatpendidikannama", "tingkatpendidikan", "pendidikanterakhirtingkat"), codes.pendidikan),
        (KELAMIN, ("jeniskelamin", "jeniskelaminnama"), kelamin),
        (STATUS, ("kedudukanpnsnama", "kedudukanhukumnama", "statuspegawai"), status),
    ):
        value = record.get(*names)
        if value is None:
            continue
        try:
            person.add(Fact(column, convert(value), source))
        except Bad as bad:
            record.error(problems, record.field_name(*names), value, bad.message, bad.hint)
    if jurusan := record.get("pendidikanterakhirnama", "pendidikannama", "jurusan"):
        person.add(Fact(JURUSAN, jurusan, source))
