"""The planner's workbook filled and cross-checked with SIASN facts (history.py), as a new workbook.

A cell the planner left empty is filled from SIASN; a cell the planner typed that SIASN contradicts stays as
typed (or takes SIASN's value with `prefer_siasn`) and becomes a conflict: a warning located on the planner's
cell, grouped like `penempatan check`'s. Pelatihan gains every course of rw_diklat not yet written. Every value
written is one row of sheet `Sumber SIASN` (NIP, column, value, record kind, record, its id and date), every
conflict one row of sheet `Konflik SIASN`, so a planner can filter both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from penempatan.check.facts import retirement_date
from penempatan.errors import Problem, Problems
from penempatan.excel.cells import Bad, Codes, as_date, cell_text, hukuman, split_items
from penempatan.excel.columns import PEGAWAI_COLUMNS, SHEET_JABATAN, SHEET_PEGAWAI
from penempatan.excel.input_sheets import Sheet, data_rows
from penempatan.excel.read_employees import nip_cell, nip_facts
from penempatan.excel.read_positions import Posts, read_positions
from penempatan.model import Position
from penempatan.reference import Reference
from penempatan.siasn.history import (
    AKHIR_HUKUMAN,
    BUP,
    HUKUMAN,
    JABATAN,
    LAHIR,
    PELATIHAN,
    PNS_ID,
    PREDIKAT,
    TMT,
    TMT_PENSIUN,
    UNIT,
    Fact,
    History,
)
from penempatan.text import compact_key, date_text, name_key

_RETIREMENT_HINT = ("penempatan menghitung pensiun dari Tanggal Lahir dan BUP jabatan saat ini "
                    "(data/jenis_jabatan.csv, data/jabatan_fungsional.csv); periksa jabatan pegawai, tabel "
                    "rujukan, atau data SIASN-nya.")
FILLED, KEPT, REPLACED = "diisi", "berbeda: isian workbook dipertahankan", "berbeda: diganti nilai SIASN"
_COLUMNS = {c.name for c in PEGAWAI_COLUMNS}


@dataclass(frozen=True)
class Written:
    """One cell value taken from SIASN: the person, the column, the value and the fact it came from."""

    nip: str
    nama: str
    column: str
    value: object
    fact: Fact
    action: str


@dataclass(frozen=True)
class Conflict:
    """A typed value SIASN contradicts: where (Excel row), what was typed, what SIASN says, what was kept."""

    nip: str
    nama: str
    row: int
    column: str
    typed: str
    fact: Fact
    action: str
    message: str
    hint: str = ""


@dataclass
class Merge:
    """What the merge found and decided, cell by cell (the writer applies `cells`)."""

    cells: dict[tuple[int, str], object] = field(default_factory=dict)  # (Excel row, column) -> value to write
    written: list[Written] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    same: int = 0
    matched: int = 0
    without_record: int = 0

    def problems(self, sheet: str, header: Callable[[str], str], number: Callable[[str], int | None]) -> list[Problem]:
        """The conflicts as warnings at the planner's cells (sheet Pegawai), for the grouped warning list."""
        out = Problems()
        for c in self.conflicts:
            hint = ("Nilai SIASN dipakai (--utamakan-siasn); periksa bila isian workbook lebih baru." if c.action ==
                    REPLACED else "Isian workbook dipertahankan; periksa mana yang benar, atau jalankan dengan "
                    "--utamakan-siasn.")
            out.warning(sheet, c.row, header(c.column), c.typed, c.message, c.hint or hint,
                        column_number=number(c.column))
        return out.items


@dataclass(frozen=True)
class Typed:
    """One Pegawai row as the planner typed it: its Excel row and raw values by canonical column."""

    row: int
    values: dict[str, object]

    def text(self, column: str) -> str | None:
        value = self.values.get(column)
        return None if value is None else cell_text(value)


def typed_rows(sheet: Sheet, problems: Problems) -> dict[str, Typed]:
    """NIP -> the planner's row (rows without a readable NIP are left to `penempatan check`)."""
    out: dict[str, Typed] = {}
    for row in data_rows(sheet, Problems()):
        raw = row.values.get("NIP")
        if raw is None:
            continue
        try:
            nip = nip_cell(raw)
        except Bad:
            continue
        if nip in out:
            problems.warning(sheet.name, row.number, sheet.header("NIP"), nip, f"NIP ganda: sama dengan baris "
                             f"{out[nip].row}; hanya baris pertama yang dicocokkan dengan SIASN",
                             "Hapus baris yang dobel.", column_number=sheet.number("NIP"))
            continue
        out[nip] = Typed(row.number, dict(row.values))
    return out


def current_posts(sheets: dict[str, Sheet], codes: Codes) -> Posts:
    """The posts of sheet Jabatan that read (their problems are `penempatan check`'s to report)."""
    return read_positions(sheets.get(SHEET_JABATAN), codes, Problems())


def merge(people: dict[str, Typed], found: dict[str, History], posts: Posts, ref: Reference, acuan: date,
          prefer_siasn: bool) -> Merge:
    """Fill and cross-check every Pegawai row that SIASN knows (see the module docstring)."""
    codes = Codes(ref)
    out = Merge()
    for nip, typed in people.items():
        person = found.get(nip)
        if person is None:
            out.without_record += 1
            continue
        out.matched += 1
        _Person(out, typed, person, posts, codes, acuan, prefer_siasn).run()
    return out


class _Person:
    """The merge of one Pegawai row with one person's SIASN facts."""

    def __init__(self, out: Merge, typed: Typed, person: History, posts: Posts, codes: Codes, acuan: date,
                 prefer_siasn: bool) -> None:
        self.out, self.typed, self.person, self.codes, self.acuan = out, typed, person, codes, acuan
        self.prefer = prefer_siasn
        self.nama = typed.text("Nama") or ""
        self.post = _post_of(typed, posts)

    def run(self) -> None:
        facts = self.person.facts
        self._field(TMT, _date_or_none, _same_value)
        if not self._birth_from_nip():
            self._field(LAHIR, _date_or_none, _same_value)
        self._field(PREDIKAT, self._predikat, _same_value)
        self._field(PNS_ID, lambda v: cell_text(v).strip(), _same_value)
        self._place(UNIT, {compact_key(self.post.unit), compact_key(self.codes.ref.place_of(
            self.post.nama, self.post.unit, self.post.lokasi))} if self.post else set())
        self._place(JABATAN, {compact_key(self.post.nama)} if self.post else set())
        if HUKUMAN in facts:
            self._sanction()
        self._courses()
        self._retirement()

    # --- one column -----------------------------------------------------------------------------------------
    def _field(self, column: str, parse: Callable[[object], Any], same: Callable[[Any, Any], bool]) -> None:
        fact = self.person.facts.get(column)
        if fact is None or column not in _COLUMNS:
            return
        raw = self.typed.values.get(column)
        if raw is None:
            self._write(column, fact.value, fact, FILLED)
            return
        try:
            typed = parse(raw)
        except Bad:
            typed = None
        if typed is not None and same(typed, fact.value):
            self.out.same += 1
            return
        self._conflict(column, raw, fact, f"berbeda dengan {fact.source.kind} SIASN: {fact.cited}")

    def _birth_from_nip(self) -> bool:
        """An empty Tanggal Lahir is read from the NIP: SIASN's tglLahir is then checked against the NIP's
        (True when that settled the column)."""
        fact = self.person.facts.get(LAHIR)
        if fact is None or self.typed.values.get(LAHIR) is not None:
            return False
        from_nip = nip_facts(self.person.nip).lahir
        if from_nip is None or from_nip == fact.value:
            return False
        self._conflict(LAHIR, f"(dari NIP) {date_text(from_nip)}", fact,
                       f"tanggal lahir pada NIP berbeda dengan {fact.source.kind} SIASN: {fact.cited}")
        return True

    def _write(self, column: str, value: object, fact: Fact, action: str) -> None:
        self.out.cells[(self.typed.row, column)] = value
        self.out.written.append(Written(self.person.nip, self.nama, column, value, fact, action))

    def _conflict(self, column: str, raw: object, fact: Fact, message: str, value: object = None) -> None:
        action = REPLACED if self.prefer else KEPT
        if self.prefer:
            self._write(column, fact.value if value is None else value, fact, REPLACED)
        self.out.conflicts.append(Conflict(self.person.nip, self.nama, self.typed.row, column, cell_text(raw), fact,
                                           action, message))

    def _predikat(self, raw: object) -> str:
        return str(self.codes.kinerja(raw))

    # --- unit and post name: the typed cell, else the current post (by Kode Jabatan) ------------------------------
    def _place(self, column: str, of_post: set[str]) -> None:
        fact = self.person.facts.get(column)
        if fact is None:
            return
        siasn = compact_key(fact.value)
        raw = self.typed.values.get(column)
        if raw is not None:
            if compact_key(raw) == siasn or siasn in of_post:
                self.out.same += 1
            else:
                self._conflict(column, raw, fact, f"berbeda dengan {fact.source.kind} SIASN: {fact.cited}")
            return
        if not of_post:
            if self.typed.values.get("Kode Jabatan") is None:
                self._write(column, fact.value, fact, FILLED)
            return
        if siasn in of_post:
            self.out.same += 1
            return
        what = "unit" if column == UNIT else "nama jabatan"
        self.out.conflicts.append(Conflict(
            self.person.nip, self.nama, self.typed.row, "Kode Jabatan", self.typed.text("Kode Jabatan") or "", fact,
            KEPT, f"{what} jabatan saat ini berbeda dengan {fact.source.kind} SIASN: {fact.cited}; pegawai mungkin "
            "sudah pindah", "Perbarui Kode Jabatan bila pegawai sudah pindah, atau periksa riwayat jabatannya di "
            "SIASN."))

    # --- sanction: level and end together --------------------------------------------------------------------
    def _sanction(self) -> None:
        level = self.person.facts[HUKUMAN]
        end = self.person.facts.get(AKHIR_HUKUMAN)
        raw = self.typed.values.get(HUKUMAN)
        try:
            typed = hukuman(raw) if raw is not None else "Tidak Ada"
        except Bad:
            typed = None
        typed_end = _date_or_none(self.typed.values.get(AKHIR_HUKUMAN))
        if typed is not None and typed_end is not None and typed_end <= self.acuan:
            typed = "Tidak Ada"  # a sanction the planner typed that has ended counts as none (R10, R23)
        if typed == level.value:
            if end is not None and typed_end is not None and typed_end != end.value:
                self._conflict(AKHIR_HUKUMAN, self.typed.values[AKHIR_HUKUMAN], end,
                               f"berbeda dengan {end.source.kind} SIASN: {end.cited}")
            elif end is not None and typed_end is None:
                self._write(AKHIR_HUKUMAN, end.value, end, FILLED)
            else:
                self.out.same += 1
            return
        if raw is None and self.typed.values.get(AKHIR_HUKUMAN) is None:
            self._write(HUKUMAN, level.value, level, FILLED)
            if end is not None:
                self._write(AKHIR_HUKUMAN, end.value, end, FILLED)
            return
        shown = f"{typed or cell_text(raw)}" + (f" s.d. {date_text(typed_end)}" if typed_end else "")
        said = level.text + (f" s.d. {end.text}" if end is not None else "")
        where = f" ({level.source.where})" if level.source.where else ""
        self._conflict(HUKUMAN, raw if raw is not None else shown, level,
                       f"hukuman disiplin berbeda dengan {level.source.kind} SIASN: '{said}'{where}")
        if self.prefer:
            self.out.cells[(self.typed.row, AKHIR_HUKUMAN)] = end.value if end is not None else None

    # --- courses: added, never a conflict ---------------------------------------------------------------------
    def _courses(self) -> None:
        if not self.person.diklat:
            return
        typed = split_items(self.typed.values.get(PELATIHAN) or "")
        have = {name_key(item) for item in typed}
        added = [f for f in self.person.diklat if name_key(f.value) not in have]
        self.out.same += len(self.person.diklat) - len(added)
        if not added:
            return
        self.out.cells[(self.typed.row, PELATIHAN)] = "; ".join([*typed, *(str(f.value) for f in added)])
        for f in added:
            self.out.written.append(Written(self.person.nip, self.nama, PELATIHAN, f.value, f, FILLED))

    # --- BUP and TMT pensiun: cross-checked only (the workbook derives them from the post and the birth date) --
    def _retirement(self) -> None:
        facts = self.person.facts
        bup = facts.get(BUP)
        if self.post is None or bup is None:
            return
        ref = self.codes.ref
        family = family_of_post(ref, self.post)
        ours = ref.bup_of(self.post.jenis, self.post.jenjang, family)
        if bup.value != ours:
            self.out.conflicts.append(Conflict(
                self.person.nip, self.nama, self.typed.row, BUP, str(ours), bup, KEPT,
                f"BUP jabatan saat ini {ours} tahun (tabel rujukan), {bup.source.kind} SIASN: {bup.cited}",
                _RETIREMENT_HINT))
            return
        pensiun = facts.get(TMT_PENSIUN)
        lahir = _date_or_none(self.typed.values.get(LAHIR)) or (facts[LAHIR].value if LAHIR in facts else None)
        if pensiun is None or not isinstance(lahir, date):
            return
        ends = retirement_date(lahir, ours)
        tmt = date(ends.year + (ends.month == 12), ends.month % 12 + 1, 1)  # the first of the next month
        if pensiun.value != tmt:
            self.out.conflicts.append(Conflict(
                self.person.nip, self.nama, self.typed.row, TMT_PENSIUN, date_text(tmt), pensiun, KEPT,
                f"TMT pensiun dari tanggal lahir dan BUP {ours} tahun: {date_text(tmt)}, {pensiun.source.kind} "
                f"SIASN: {pensiun.cited}", _RETIREMENT_HINT))


def _date_or_none(raw: object) -> date | None:
    if raw is None:
        return None
    try:
        return as_date(raw)
    except Bad:
        return None


def _same_value(a: object, b: object) -> bool:
    return a == b


def _post_of(typed: Typed, posts: Posts) -> Position | None:
    kode = typed.text("Kode Jabatan")
    if kode is None:
        nama, unit = typed.text("Nama Jabatan"), typed.text("Unit Kerja")
        found = posts.by_name_unit.get((compact_key(nama or ""), compact_key(unit or "")), [])
        return posts.positions.get(found[0]) if len(found) == 1 else None
    if kode in posts.positions:
        return posts.positions[kode]
    same = posts.by_key.get(compact_key(kode), [])
    return posts.positions.get(same[0]) if len(same) == 1 else None


def family_of_post(ref: Reference, post: Position) -> Any:
    if post.jenis != "Fungsional":
        return None
    table = ref.jabatan_fungsional
    name = post.rumpun_jf if post.rumpun_jf in table else ref.jf_of(post.nama, post.rumpun_jf)
    return table.get(name) if name else None


def sheet_named(sheets: dict[str, Sheet], problems: Problems) -> Sheet | None:
    """Sheet Pegawai with its NIP column, or None after reporting what is missing."""
    sheet = sheets.get(SHEET_PEGAWAI)
    if sheet is None:
        problems.error(SHEET_PEGAWAI, None, None, None, "sheet Pegawai tidak ada",
                       "Gunakan workbook masukan penempatan (lihat `penempatan template`).")
    elif "NIP" not in sheet.index:
        problems.error(sheet.name, 1, "NIP", None, "kolom NIP tidak ada: pegawai tidak dapat dicocokkan dengan SIASN",
                       "Tambahkan kolom berjudul 'NIP' (atau 'NIP BARU') di baris 1.")
        return None
    return sheet
