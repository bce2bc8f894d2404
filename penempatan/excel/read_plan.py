"""Read an earlier output workbook back: its moves (sheet `Usulan Mutasi`, SPEC 5), the answers and decisions
the planner recorded (sheet `Tanggapan` and column `Keputusan` of `Rantai Mutasi`, SPEC 7) and, for `explain
--rencana`, its `Ringkasan` and `Parameter` sheets.

The moves are used by scenarios (`terima_rantai`: lock chains a planner already approved), by `solve --acuan`
(minimal change against an earlier plan, with its decisions: `read_plan_answers`) and by `explain --rencana`
(answer from the saved plan). Only the columns those need are read, with the input reader's xlsx layer
(xlsx_rows.py), so a plan edited or saved again in Excel reads the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from penempatan.errors import Problems
from penempatan.excel.cells import Bad, as_date, as_number, cell_text
from penempatan.excel.common import param_value
from penempatan.excel.read_params import _converter
from penempatan.excel.xlsx_rows import Rows, XlsxBook
from penempatan.explain.saved import SavedMove, SavedSummary
from penempatan.explain.summary import ALL_PAIRS as _ALL_PAIRS
from penempatan.model import Params
from penempatan.result import SolveStatus
from penempatan.rounds.rows import DEVELOPMENT_SHEET, DevelopmentRow
from penempatan.scenario.answers import (
    ACCEPT,
    AGREE,
    ANSWERS_SHEET,
    APPROVE,
    CHAINS_SHEET,
    OBJECT,
    REJECT,
    Answer,
    ChainAnswer,
    Move,
    PlanAnswers,
    located,
)
from penempatan.scenario.model import nip_of
from penempatan.text import name_key, nip

SHEET = "Usulan Mutasi"
COLUMNS = ("NIP", "Kode Jabatan Asal", "Kode Jabatan Tujuan", "Rantai")


class PlanFileError(ValueError):
    """The file is not a readable output workbook of `penempatan solve`; the message says why."""


PlanMove = Move
"""One row of `Usulan Mutasi`: who moves from where to where, in which vacancy chain, at which Excel row."""


def read_plan_moves(path: Path) -> list[PlanMove]:
    """Every move of the plan workbook at `path`; PlanFileError when it is missing or not such a workbook."""
    path = Path(path)
    return _moves(path, _sheets(path, (SHEET,))[SHEET])


@dataclass(frozen=True)
class SavedPlan:
    """A plan workbook as `explain --rencana` needs it: the moves, and the `Ringkasan` and `Parameter`
    sheets as label -> cell value (numbers as numbers, dates as dates)."""

    name: str
    moves: list[PlanMove]
    summary: dict[str, object]
    parameter_rows: list[tuple[str, object]]

    @property
    def parameters(self) -> dict[str, object]:
        """`Parameter` as a dict (the first row of a repeated label)."""
        out: dict[str, object] = {}
        for label, value in self.parameter_rows:
            out.setdefault(label, value)
        return out


DEVELOPMENT_COLUMNS = tuple(DevelopmentRow.COLUMNS[k] for k in (0, 1, 5, 7, 8, 10))
"""The columns of sheet Rencana Pengembangan (a two-round plan, SPEC 8) that `surat --pengembangan` reads:
Pelatihan, NIP, the Kode Jabatan prepared for, Mulai, Selesai, Biaya."""


@dataclass(frozen=True)
class PlannedTraining:
    """One row of `Rencana Pengembangan`: who takes which course when, for which post of round 2."""

    row: int
    pelatihan: str
    nip: str
    for_kode: str
    mulai: date
    selesai: date
    biaya: int


def read_development(path: Path) -> list[PlannedTraining]:
    """The trainees of a two-round plan workbook; PlanFileError when it has no `Rencana Pengembangan` (a one-round
    plan) or a row of it cannot be read (naming the row and column)."""
    path = Path(path)
    rows = _sheets(path, (DEVELOPMENT_SHEET,))[DEVELOPMENT_SHEET]
    col = _columns(path, DEVELOPMENT_SHEET, rows, DEVELOPMENT_COLUMNS)
    out = []
    for number, values in rows[1:]:
        cells = list(values) + [None] * (len(rows[0][1]) - len(values))
        if not any(cell_text(v) for v in cells):
            continue
        try:
            course, who, kode, start, end, cost = (cells[col[c]] for c in DEVELOPMENT_COLUMNS)
            out.append(PlannedTraining(number, cell_text(course), nip(who).lstrip("'"), cell_text(kode),
                                       as_date(start), as_date(end), int(as_number(cost) or 0)))
        except (Bad, ValueError, TypeError) as exc:
            raise PlanFileError(f"sheet '{DEVELOPMENT_SHEET}' di {path.name} baris {number} tidak dapat dibaca "
                                f"({exc})") from None
    return out


def read_saved_plan(path: Path) -> SavedPlan:
    """The moves, summary and parameters of the plan workbook at `path`; PlanFileError when it is missing
    or not an output workbook of `penempatan solve`."""
    path = Path(path)
    sheets = _sheets(path, (SHEET, SUMMARY_SHEET, PARAMETER_SHEET))
    summary: dict[str, object] = {}
    for label, value in _pairs(sheets[SUMMARY_SHEET]):
        summary.setdefault(label, value)
    return SavedPlan(path.name, _moves(path, sheets[SHEET]), summary, _pairs(sheets[PARAMETER_SHEET]))


def saved_summary(saved: SavedPlan) -> SavedSummary:
    """The solve's status, objective, bound, time, method and proof scope from `Ringkasan`; PlanFileError
    when the status or objective is missing or the plan has none (INFEASIBLE)."""
    s = saved.summary
    try:
        status = SolveStatus(str(s.get("Status", "")).strip().upper())
    except ValueError:
        raise PlanFileError(f"sheet '{SUMMARY_SHEET}' di {saved.name} tidak punya Status yang dikenal "
                            f"({_text(s.get('Status'))})") from None
    if status in (SolveStatus.INFEASIBLE, SolveStatus.TIME_LIMIT):
        raise PlanFileError(f"rencana {saved.name} berstatus {status.value} (tidak ada rencana untuk dijelaskan)")
    objective, bound, wall = (as_number(s.get(k)) for k in ("Nilai Objektif", "Batas Atas", "Waktu (detik)"))
    if objective is None:
        raise PlanFileError(f"sheet '{SUMMARY_SHEET}' di {saved.name} tidak punya Nilai Objektif")
    all_pairs = status is SolveStatus.OPTIMAL and s.get("Cakupan bukti") == _ALL_PAIRS
    return SavedSummary(status, int(objective), math.nan if bound is None else float(bound),
                        0.0 if wall is None else float(wall), cell_text(s.get("Metode") or ""), all_pairs)


def saved_moves(saved: SavedPlan) -> list[SavedMove]:
    return [SavedMove(m.row, m.nip, m.asal, m.tujuan) for m in saved.moves]


_LETTER_ONLY = frozenset({"nama_instansi", "alamat_instansi", "penanda_tangan", "kontak", "tempat_surat",
                          "instansi_id", "nomor_sk", "tanggal_sk", "tmt_mutasi", "jenis_mutasi_id",
                          "anggota_baperjakat", "tanggal_pelantikan_kepala_daerah", "persetujuan_mendagri"})
"""Parameters that only word the letters (SPEC 7 v3) and the decree package (SPEC 10): a plan saved before they
existed is the same plan."""
_SPEC9 = frozenset({"poin_masa_jabatan_per_tahun", "poin_kinerja_sangat_baik", "poin_kinerja_baik",
                    "poin_kinerja_butuh_perbaikan", "urutan_seri", "batas_disparitas", "kelompok_minimal_disparitas",
                    "poin_jarak_keluarga_per_10_km", "poin_jarak_keluarga_maks"})
"""Parameters of the wishes' priority and the fairness report (SPEC 9): a plan saved before they existed was made
as with their defaults."""
_SPEC8 = frozenset({"tanggal_putaran_2", "anggaran_pelatihan"})
"""Parameters of the two-round plan (SPEC 8): a plan saved before they existed was a one-round plan."""
_ROUNDS = "putaran"
"""Not compared: `solve --putaran 2` sets it without Pengaturan, and a plan's moves (round 1) are checked as any
plan's, whichever way they were found."""


def changed_parameters(saved: SavedPlan, params: Params) -> list[tuple[str, str, str]]:
    """(parameter, value in the plan, value in the data) for every parameter the plan was made with that
    differs from `params` (a parameter missing from the plan counts as changed, except an empty letter-only
    one). Both sides go through the `Pengaturan` reader's converter, so 30 and 30.0, or a date cell and its
    text, compare equal."""
    out = []
    for name in Params.model_fields:
        if name == _ROUNDS:
            continue
        ours = getattr(params, name)
        written = "" if ours is None else param_value(ours)
        theirs = saved.parameters.get(name, _MISSING)
        if theirs is _MISSING and name in _LETTER_ONLY | _SPEC9 | _SPEC8 and (
                not ours or ours == Params.model_fields[name].default):
            continue
        if theirs is _MISSING or _typed(name, theirs) != _typed(name, written):
            shown = "(tidak ada)" if theirs is _MISSING else _text(theirs)
            out.append((name, shown, _text(written)))
    return out


def read_plan_answers(path: Path) -> PlanAnswers:
    """The moves of the plan workbook at `path` with the answers of sheet `Tanggapan` and the chain decisions
    of column `Keputusan` of `Rantai Mutasi` (SPEC 7; what they mean: `penempatan.scenario.answers`).

    A workbook from before those sheets existed, or with them empty, has no decisions. Values are matched
    case- and space-insensitively; a wrong one (Tanggapan 'ya', Keputusan 'ok', a Keputusan without a
    Tanggapan, Setuju with Tolak, a NIP that is not a move of the plan, an unknown chain, the same NIP or
    chain twice) is a located problem in `PlanAnswers.problems`, to be raised with the data's own
    (`scenario.answers.decide`). PlanFileError when the file is missing or not such a workbook.
    """
    path = Path(path)
    sheets = _sheets(path, (SHEET,), optional=(ANSWERS_SHEET, CHAINS_SHEET))
    moves = _moves(path, sheets[SHEET])
    problems = Problems()
    answers = _answers(path.name, sheets.get(ANSWERS_SHEET), moves, problems)
    chains = _chain_answers(path.name, sheets.get(CHAINS_SHEET), moves, problems)
    return PlanAnswers(path.name, tuple(moves), tuple(answers), tuple(chains), tuple(problems.items))


class _Sheet:
    """The filled cells of one answer sheet, by column header; errors located in the plan workbook `book`."""

    def __init__(self, book: str, sheet: str, rows: Rows, problems: Problems) -> None:
        self.book, self.sheet, self.problems = book, sheet, problems
        header = [name_key(h) for h in (rows[0][1] if rows and rows[0][0] == 1 else ())]
        self.col = {h: k for k, h in reversed(list(enumerate(header))) if h}
        self.rows = rows[1:]

    def has(self, *columns: str) -> bool:
        return all(name_key(c) in self.col for c in columns)

    def missing(self, *columns: str) -> bool:
        """True (and an error at the header row) when a column the answers need is not there."""
        lost = [c for c in columns if name_key(c) not in self.col]
        if lost:
            located(self.problems, self.book, self.sheet, 1, None, None, ", ".join(lost),
                    f"kolom {', '.join(lost)} tidak ada", "Kembalikan judul kolom seperti yang ditulis penempatan "
                    "solve.")
        return bool(lost)

    def cell(self, values: tuple[object, ...], column: str) -> str:
        k = self.col[name_key(column)]
        return nip(values[k]).strip() if k < len(values) else ""

    def choice(self, row: int, values: tuple[object, ...], column: str, choices: tuple[str, ...]) -> str | None:
        """The cell as one of `choices` ('' when empty); None (and an error) when it is something else."""
        text = self.cell(values, column)
        if not text:
            return ""
        for c in choices:
            if name_key(c) == name_key(text):
                return c
        self.error(row, column, text, f"isi {column} tidak dikenal", f"Pilih {' atau '.join(choices)}.")
        return None

    def number(self, column: str) -> int:
        """The column's position (1 is A)."""
        return self.col[name_key(column)] + 1

    def error(self, row: int, column: str, value: object, message: str, hint: str) -> None:
        located(self.problems, self.book, self.sheet, row, column, self.number(column), value, message, hint)


def _answers(book: str, rows: Rows | None, moves: list[Move], problems: Problems) -> list[Answer]:
    """The filled rows of `Tanggapan` (SPEC 7), each checked against the plan's moves."""
    if not rows:
        return []
    s = _Sheet(book, ANSWERS_SHEET, rows, problems)
    if s.missing("NIP", "Tanggapan", "Keputusan"):
        return []
    movers = {nip_of(m.nip) for m in moves}
    seen: dict[str, int] = {}
    out = []
    for row, values in s.rows:
        tanggapan = s.choice(row, values, "Tanggapan", (AGREE, OBJECT))
        keputusan = s.choice(row, values, "Keputusan", (ACCEPT, REJECT))
        if tanggapan == "" and keputusan == "":
            continue
        who = nip_of(s.cell(values, "NIP"))
        if who not in movers:
            s.error(row, "NIP", who, f"NIP ini bukan pegawai yang dipindah di sheet {SHEET}" if who else
                    "NIP kosong", "Tanggapan hanya untuk pegawai di Usulan Mutasi; salin NIP dari sana.")
            continue
        if who in seen:
            s.error(row, "NIP", who, f"NIP ini sudah diberi tanggapan di baris {seen[who]}",
                    "Satu baris tanggapan per pegawai; hapus salah satu.")
            continue
        seen[who] = row
        if tanggapan is None or keputusan is None:
            continue
        if not tanggapan:
            s.error(row, "Keputusan", keputusan, "Keputusan diisi tetapi Tanggapan kosong",
                    "Isi Tanggapan (Setuju atau Keberatan) dulu, atau kosongkan Keputusan.")
            continue
        if tanggapan == AGREE and keputusan == REJECT:
            s.error(row, "Keputusan", keputusan, "pegawai setuju, jadi tidak ada keberatan yang ditolak",
                    f"Untuk membatalkan usulan ini, isi Keputusan {REJECT} pada rantainya di sheet {CHAINS_SHEET}; "
                    f"untuk mengukuhkannya isi {ACCEPT}.")
            continue
        notes = [s.cell(values, c) if s.has(c) else "" for c in ("Alasan", "Catatan")]
        out.append(Answer(row, who, tanggapan, keputusan, s.number("Keputusan"), *notes))
    return out


def _chain_answers(book: str, rows: Rows | None, moves: list[Move], problems: Problems) -> list[ChainAnswer]:
    """The chains of `Rantai Mutasi` with a Keputusan (Setuju / Tolak); none when the column is not there
    (a plan written before SPEC 7)."""
    if not rows:
        return []
    s = _Sheet(book, CHAINS_SHEET, rows, problems)
    if not s.has("Keputusan") or s.missing("Rantai"):
        return []
    chains = {m.rantai.strip().upper() for m in moves}
    seen: dict[str, int] = {}
    out = []
    for row, values in s.rows:
        keputusan = s.choice(row, values, "Keputusan", (APPROVE, REJECT))
        if not keputusan:
            continue
        chain = s.cell(values, "Rantai").upper()
        if chain not in chains:
            s.error(row, "Rantai", chain, f"rantai ini tidak ada di kolom Rantai sheet {SHEET}" if chain else
                    "Rantai kosong", "Keputusan hanya untuk rantai rencana ini; jangan ubah kolom Rantai.")
        elif chain in seen:
            s.error(row, "Rantai", chain, f"rantai ini sudah diputuskan di baris {seen[chain]}",
                    "Satu keputusan per rantai; hapus salah satu.")
        else:
            seen[chain] = row
            out.append(ChainAnswer(row, chain, keputusan, s.number("Keputusan")))
    return out


SUMMARY_SHEET = "Ringkasan"
PARAMETER_SHEET = "Parameter"
_MISSING = object()


def _sheets(path: Path, names: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Rows]:
    """The rows of each sheet in `names` and of those in `optional` the file has; PlanFileError when the file
    is missing, unreadable or lacks one of `names`."""
    if not path.is_file():
        raise PlanFileError(f"berkas {path} tidak ditemukan")
    try:
        with XlsxBook(path.read_bytes()) as book:
            sheets = {name_key(name): name for name in book.names()}
            for wanted in names:
                if name_key(wanted) not in sheets:
                    raise PlanFileError(f"berkas {path.name} tidak punya sheet '{wanted}' (bukan keluaran "
                                        "penempatan solve)")
            present = names + tuple(o for o in optional if name_key(o) in sheets)
            return {wanted: book.rows(sheets[name_key(wanted)]) for wanted in present}
    except PlanFileError:
        raise
    except Exception as exc:  # raised by the file's content: a broken, hostile or non-xlsx file
        raise PlanFileError(f"berkas {path.name} bukan workbook .xlsx yang dapat dibaca ({exc})") from None


def _columns(path: Path, sheet: str, rows: Rows, wanted: tuple[str, ...]) -> dict[str, int]:
    """Where each column of `wanted` is in the sheet's header row; PlanFileError naming the missing ones."""
    header = [name_key(h) for h in (rows[0][1] if rows and rows[0][0] == 1 else ())]
    missing = [c for c in wanted if name_key(c) not in header]
    if missing:
        raise PlanFileError(f"sheet '{sheet}' di {path.name} tidak punya kolom {', '.join(missing)}")
    return {c: header.index(name_key(c)) for c in wanted}


def _moves(path: Path, rows: Rows) -> list[PlanMove]:
    col = _columns(path, SHEET, rows, COLUMNS)
    header = rows[0][1]
    out = []
    for number, values in rows[1:]:
        cells = [nip(v) for v in values]  # any cell as text, a whole number without '.0' (calamine reads floats)
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        out.append(PlanMove(number, cells[col["NIP"]].lstrip("'"), cells[col["Kode Jabatan Asal"]],
                            cells[col["Kode Jabatan Tujuan"]], cells[col["Rantai"]]))
    return out


def _pairs(rows: Rows) -> list[tuple[str, object]]:
    """A two-column sheet (label, value) below its header row; empty cells as ''."""
    out: list[tuple[str, object]] = []
    for _, values in rows[1:]:
        if values and isinstance(values[0], str) and values[0].strip():
            value = values[1] if len(values) > 1 else None
            out.append((values[0].strip(), "" if value is None else value))
    return out


def _typed(name: str, value: object) -> object:
    """A parameter cell as `Pengaturan` would read it; blank as None, an unreadable value as its text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return _converter(name)(value)
    except (Bad, ValueError, TypeError):
        return _text(value)


def _text(value: object) -> str:
    return cell_text(value) if value not in (None, "") else "(kosong)"
