"""The planner's answers recorded into a copy of a plan workbook (SPEC 7): the employees' answers and the
committee's decisions in sheet `Tanggapan`, and the chain decisions in column `Keputusan` of `Rantai Mutasi`,
in the columns and with the choices that `write_plan` laid out (`SHEETS`, `CHOICES`).

The plan workbook itself is never changed: the answers go into another file (atomically), which `solve
--acuan` then reads. Every text is stored as text, never as a formula (a reason "=1+1" stays a string).
`read_answers` reads them back from such a copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from penempatan.excel.common import atomic_save
from penempatan.excel.write_plan import CHOICES, SHEETS
from penempatan.text import name_key, nip_lookup_key

ANSWER_SHEET = "Tanggapan"
CHAIN_SHEET = "Rantai Mutasi"
DECISION = "Keputusan"
ANSWER_COLUMNS = ("Tanggapan", "Alasan", "Keputusan", "Catatan")
"""The columns of `Tanggapan` the planner fills in (the others, NIP, Nama and Usulan, come from the plan)."""


class AnswersError(ValueError):
    """The answers cannot be recorded as asked: a value outside the drop-down, a file that is not a plan."""


@dataclass(frozen=True)
class Answer:
    """One row of `Tanggapan`: the employee's answer (Setuju/Keberatan) and reason, the committee's decision
    (Terima/Tolak) and its note; '' where nothing is recorded."""

    tanggapan: str = ""
    alasan: str = ""
    keputusan: str = ""
    catatan: str = ""

    def values(self) -> dict[str, str]:
        return dict(zip(ANSWER_COLUMNS, (self.tanggapan, self.alasan, self.keputusan, self.catatan), strict=True))


@dataclass
class Answers:
    """Everything recorded for one plan: answers by NIP and chain decisions (Setuju/Tolak) by chain id."""

    people: dict[str, Answer] = field(default_factory=dict)
    chains: dict[str, str] = field(default_factory=dict)


def check_answers(answers: Answers) -> None:
    """AnswersError unless every value is one of the drop-down's choices (or empty)."""
    for nip, answer in answers.people.items():
        for column, value in answer.values().items():
            allowed = CHOICES.get((ANSWER_SHEET, column))
            if allowed is not None and value and value not in allowed:
                raise AnswersError(f"{column} untuk NIP {nip} harus {' atau '.join(allowed)}, bukan '{value}'")
    allowed = CHOICES[(CHAIN_SHEET, DECISION)]
    for chain, value in answers.chains.items():
        if value and value not in allowed:
            raise AnswersError(f"Keputusan rantai {chain} harus {' atau '.join(allowed)}, bukan '{value}'")


def write_answers(plan: Path, out: Path, answers: Answers) -> int:
    """Write a copy of the plan workbook `plan` to `out` with `answers` recorded; `plan` is never modified.

    Returns how many answers and chain decisions matched a row of the plan (NIPs and chains the plan does not
    have are skipped). AnswersError for a value outside the drop-downs, `out` equal to `plan`, or a workbook
    without the two sheets.
    """
    check_answers(answers)
    if out.resolve() == plan.resolve():
        raise AnswersError(f"tanggapan tidak ditulis ke rencana asli {plan.name}; pilih berkas lain")
    try:
        wb = load_workbook(plan)
    except Exception as exc:  # raised by the file's content: not a workbook openpyxl can read
        raise AnswersError(f"{plan.name} bukan workbook rekomendasi yang dapat dibaca ({exc})") from None
    matched = 0
    people = {nip_lookup_key(nip): a for nip, a in answers.people.items()}
    ws = _sheet(wb, ANSWER_SHEET, plan)
    col = _columns(ws, SHEETS[ANSWER_SHEET], plan)
    for row in range(2, ws.max_row + 1):
        key = nip_lookup_key(_text(ws.cell(row, col["NIP"]).value))
        answer = people.get(key) if key else None
        if answer is None:
            continue
        matched += 1
        for column, value in answer.values().items():
            _set_text(ws, row, col[column], value)
    ws = _sheet(wb, CHAIN_SHEET, plan)
    col = _columns(ws, SHEETS[CHAIN_SHEET], plan)
    for row in range(2, ws.max_row + 1):
        chain = _text(ws.cell(row, col["Rantai"]).value).strip()
        if chain in answers.chains:
            matched += 1
            _set_text(ws, row, col[DECISION], answers.chains[chain])
    atomic_save(wb, out)
    return matched


def read_answers(path: Path) -> Answers:
    """The answers and chain decisions recorded in a plan workbook (or its copy); empty when none."""
    from penempatan.excel.xlsx_rows import XlsxBook

    with XlsxBook(path.read_bytes()) as book:
        names = {name_key(n): n for n in book.names()}
        people: dict[str, Answer] = {}
        chains: dict[str, str] = {}
        if name_key(ANSWER_SHEET) in names:
            for values in _records(book.rows(names[name_key(ANSWER_SHEET)])):
                answer = Answer(*(values.get(name_key(c), "") for c in ANSWER_COLUMNS))
                if values.get("nip") and answer != Answer():
                    people[values["nip"].lstrip("'")] = answer
        if name_key(CHAIN_SHEET) in names:
            for values in _records(book.rows(names[name_key(CHAIN_SHEET)])):
                if values.get("rantai") and values.get(name_key(DECISION)):
                    chains[values["rantai"]] = values[name_key(DECISION)]
    return Answers(people, chains)


def _records(rows: Sequence[tuple[int, Sequence[Any]]]) -> list[dict[str, str]]:
    """Data rows as {column key: text} below the header row."""
    if not rows:
        return []
    header = [name_key(_text(h)) for h in rows[0][1]]
    return [{h: _text(v).strip() for h, v in zip(header, values, strict=False)} for _, values in rows[1:]]


def _sheet(wb: Any, name: str, plan: Path) -> Worksheet:
    for title in wb.sheetnames:
        if name_key(title) == name_key(name):
            ws: Worksheet = wb[title]
            return ws
    raise AnswersError(f"{plan.name} tidak punya sheet '{name}' (bukan keluaran penempatan solve)")


def _columns(ws: Worksheet, wanted: tuple[str, ...], plan: Path) -> dict[str, int]:
    """1-based column of each header in `wanted`, found by name in the header row."""
    found = {name_key(_text(c.value)): c.column for c in ws[1] if c.value is not None}
    missing = [c for c in wanted if name_key(c) not in found]
    if missing:
        raise AnswersError(f"sheet '{ws.title}' di {plan.name} tidak punya kolom {', '.join(missing)}")
    return {c: int(found[name_key(c)]) for c in wanted}


def _set_text(ws: Worksheet, row: int, column: int, value: str) -> None:
    """A text cell, never a formula; empty text clears the cell."""
    cell = ws.cell(row, column)
    cell.value = value or None
    if value:
        cell.data_type = "s"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
