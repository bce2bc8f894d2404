"""The answers as the web app records them: every employee's answer and every chain decision, each signed with
who recorded it (the name the browser asked for once) and when. The log is `tanggapan.json` in the plan's
folder, written at each change (so an answer is kept as it is typed); the copy of the plan workbook
`tanggapan.xlsx` that `solve --acuan` reads is written from it by `excel.write_answers`, then signed here with
two columns, `Dicatat Oleh` and `Waktu Dicatat`, in the sheets `Tanggapan` and `Rantai Mutasi`.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from penempatan.excel.common import atomic_save
from penempatan.excel.write_answers import ANSWER_SHEET, CHAIN_SHEET, Answer, Answers, read_answers
from penempatan.text import date_text, name_key, nip_lookup_key, visible
from penempatan.web.plan import PlanData
from penempatan.web.store import Refused, read_json, write_json

SIGN_COLUMNS = ("Dicatat Oleh", "Waktu Dicatat")
"""The columns added to `Tanggapan` and `Rantai Mutasi` of tanggapan.xlsx (after the plan's own columns)."""
NAME_LIMIT = 80


@dataclass(frozen=True)
class Signature:
    """Who recorded a value ('' when the browser gave no name) and when (ISO, to the second)."""

    oleh: str
    waktu: str

    @property
    def who(self) -> str:
        return self.oleh or "(tanpa nama)"

    @property
    def when(self) -> str:
        """'07-12-2026 19:41'."""
        moment = datetime.fromisoformat(self.waktu)
        return f"{date_text(moment)} {moment:%H:%M}"

    @property
    def shown(self) -> str:
        """'Ibu Sari, 07-12-2026 19:41' as the pages show it."""
        return f"{self.who}, {self.when}"


@dataclass
class AnswerLog:
    """Answers by NIP and chain decisions by chain id, each with its signature; `unwritten` while the log has
    changes that tanggapan.xlsx does not have yet."""

    people: dict[str, Answer] = field(default_factory=dict)
    chains: dict[str, str] = field(default_factory=dict)
    signed_people: dict[str, Signature] = field(default_factory=dict)
    signed_chains: dict[str, Signature] = field(default_factory=dict)
    unwritten: bool = False

    @classmethod
    def load(cls, log: Path, workbook: Path) -> AnswerLog:
        """The log; without one, what an earlier tanggapan.xlsx holds (unsigned); else empty."""
        if log.is_file():
            raw = read_json(log)
            return cls(people={nip: Answer(**a) for nip, a in raw.get("pegawai", {}).items()},
                       chains=dict(raw.get("rantai", {})),
                       signed_people={k: Signature(**s) for k, s in raw.get("dicatat_pegawai", {}).items()},
                       signed_chains={k: Signature(**s) for k, s in raw.get("dicatat_rantai", {}).items()},
                       unwritten=bool(raw.get("belum_ditulis", False)))
        if workbook.is_file():
            saved = read_answers(workbook)
            return cls(people=dict(saved.people), chains=dict(saved.chains))
        return cls()

    def save(self, log: Path) -> None:
        write_json(log, {"pegawai": {nip: asdict(a) for nip, a in self.people.items()}, "rantai": self.chains,
                         "dicatat_pegawai": {k: asdict(s) for k, s in self.signed_people.items()},
                         "dicatat_rantai": {k: asdict(s) for k, s in self.signed_chains.items()},
                         "belum_ditulis": self.unwritten})

    def update(self, people: dict[str, Answer], chains: dict[str, str], who: str, when: datetime) -> int:
        """Take the new values; each one that differs from what was recorded is signed `who`, `when`. Returns
        how many changed."""
        signature = Signature(who, when.isoformat(timespec="seconds"))
        changed = 0
        for nip, answer in people.items():
            if self.people.get(nip, Answer()) != answer:
                changed += 1
                self.signed_people[nip] = signature
            if answer == Answer():
                self.people.pop(nip, None)
                self.signed_people.pop(nip, None)
            else:
                self.people[nip] = answer
        for chain, decision in chains.items():
            if self.chains.get(chain, "") != decision:
                changed += 1
                self.signed_chains[chain] = signature
            if decision:
                self.chains[chain] = decision
            else:
                self.chains.pop(chain, None)
                self.signed_chains.pop(chain, None)
        self.unwritten = self.unwritten or changed > 0
        return changed

    def answers(self) -> Answers:
        return Answers(dict(self.people), dict(self.chains))

    def answered(self, nips: list[str]) -> int:
        """How many of these movers have an answer or a decision recorded."""
        return sum(nip in self.people for nip in nips)


FORM_FIELDS = ("t", "a", "k", "c")
"""The prefixes of the Tanggapan form's fields, `t-NIP` … `c-NIP`, in the order of `Answer`'s fields."""


def answers_from_form(form: Mapping[str, object], nips: list[str] | None = None) -> dict[str, Answer]:
    """The answers a form carries (fields `t-NIP`, `a-NIP`, `k-NIP`, `c-NIP`), only for `nips` when given."""
    found = nips if nips is not None else sorted({k.split("-", 1)[1] for k in form
                                                  if k[:2] in {f"{f}-" for f in FORM_FIELDS}})
    out = {}
    for nip in found:
        if not any(f"{f}-{nip}" in form for f in FORM_FIELDS):
            continue
        out[nip] = Answer(*(str(form.get(f"{f}-{nip}", "") or "").strip() for f in FORM_FIELDS))
    return out


def refuse_unknown(plan: PlanData, people: Mapping[str, object], chains: Mapping[str, object] | None = None, *,
                   field: str = "tanggapan.{}") -> None:
    """Refused (422), naming the field and the value, for an answer to a NIP that plan `plan` does not move or
    a decision on a chain it does not have; called before anything is recorded, so nothing is dropped quietly.
    `field` names where a NIP was given ('t-{}' in the page's form)."""
    movers = {nip_lookup_key(m.nip) for m in plan.moves}
    number = plan.run.number
    for nip in people:
        if nip_lookup_key(nip) not in movers:
            raise Refused(f"{visible(field.format(nip))}: NIP {visible(nip)} tidak diusulkan pindah di rencana "
                          f"{number}; tidak ada tanggapan yang dicatat.", 422, field=field.format(nip), value=nip)
    ids = {c.id for c in plan.chains}
    for chain in chains or {}:
        if chain.strip() not in ids:
            raise Refused(f"rantai.{visible(chain)}: rantai {visible(chain)} tidak ada di rencana {number}; tidak "
                          "ada keputusan yang dicatat.", 422, field=f"rantai.{chain}", value=chain)


def signer(name: str) -> str:
    """The name the browser sent, as recorded: one line, at most NAME_LIMIT characters."""
    return " ".join(name.split())[:NAME_LIMIT]


def sign_workbook(path: Path, log: AnswerLog) -> None:
    """Add `Dicatat Oleh` and `Waktu Dicatat` to tanggapan.xlsx (written by `write_answers`) for every signed
    answer and chain decision; every value is stored as text."""


    wb = load_workbook(path)
    by_sheet = ((ANSWER_SHEET, "NIP", {nip_lookup_key(k): s for k, s in log.signed_people.items()}, nip_lookup_key),
                (CHAIN_SHEET, "Rantai", log.signed_chains, str.strip))
    for name, key_column, signed, key in by_sheet:
        ws = next((wb[t] for t in wb.sheetnames if name_key(t) == name_key(name)), None)
        if ws is None:
            continue
        header = {name_key(str(c.value)): c.column for c in ws[1] if c.value is not None}
        if name_key(key_column) not in header:
            continue
        last = max(header.values(), default=0)
        columns = [header.get(name_key(c)) or last + k for k, c in enumerate(SIGN_COLUMNS, 1)]
        for column, title in zip(columns, SIGN_COLUMNS, strict=True):
            ws.cell(1, column).value = title
            ws.cell(1, column)._style = copy(ws.cell(1, last)._style)
            ws.column_dimensions[ws.cell(1, column).column_letter].width = 22
        for row in range(2, ws.max_row + 1):
            value = ws.cell(row, header[name_key(key_column)]).value
            found = signed.get(key(_text(value))) if value is not None else None
            for column, text in zip(columns, _signature_cells(found), strict=True):
                cell = ws.cell(row, column)
                cell.value = text or None
                if text:
                    cell.data_type = "s"
    atomic_save(wb, path)


def _signature_cells(found: Signature | None) -> tuple[str, str]:
    return ("", "") if found is None else (found.who, found.when)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
