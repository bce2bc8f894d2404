"""What the decree package says about each approved move: who, from which post to which, its kind, its reason
and its legal basis, taken from the plan's own explanation (`explain.moves`) and the rule registry (`rules.py`),
never worded again here.

The legal basis of a move is the source of every rule its reason cites (R2/R3 rotation, R9 promotion, R8 field
…) plus the rules every move of its kind must pass: R1 and R4 for any move, R9 for a promotion, R18 and R22 for
a perpindahan into a JF. A rule without a source in the registry (R11, R15 …) adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from penempatan.decree.approved import Outcome
from penempatan.explain.moves import MOVE_KINDS, PERPINDAHAN_JF, PROMOSI, move_kind, move_reason, tujuan
from penempatan.explain.view import PlanView
from penempatan.rules import RULES

EVERY_MOVE = ("R1", "R4")
"""Rules every move passes whatever its kind (minimum time in post, retirement)."""
KIND_RULES = {PROMOSI: ("R9",), PERPINDAHAN_JF: ("R18", "R22")}
"""Rules a move of a kind passes besides EVERY_MOVE."""
_LEVELS = (("UU ", 0), ("PP ", 1), ("Perpres ", 2), ("Permen", 3), ("Peraturan BKN", 4))


@dataclass(frozen=True)
class Entry:
    """One approved move as the decree's lampiran and SIASN rows show it."""

    i: int  # employee index in the data
    j: int  # target post index
    plan_row: int  # its row in `Usulan Mutasi`
    nip: str
    nama: str
    golongan: str
    from_kode: str
    from_nama: str
    from_unit: str
    to_kode: str
    to_nama: str
    to_unit: str
    kind: str  # explain.moves.MOVE_KINDS
    alasan: str  # the move's purposes in words (`Tujuan` of the plan)
    codes: tuple[str, ...]  # the rules behind it, EVERY_MOVE and KIND_RULES included
    basis: str  # the decisions that approved it

    @property
    def dasar_hukum(self) -> str:
        """The legal sources of its rules, '; '-joined, highest act first."""
        return "; ".join(legal_sources(self.codes))


def entries(view: PlanView, approved: Sequence[Outcome]) -> list[Entry]:
    """One Entry per approved move, in the plan's row order; ValueError when a move is not in the plan `view`
    (the caller rebuilt the view from the same workbook)."""
    d = view.data
    out = []
    for o in sorted(approved, key=lambda o: o.move.row):
        i = d.employee_index[o.move.nip]
        j = d.position_index[o.move.tujuan]
        if view.target[i] != j:
            raise ValueError(f"usulan baris {o.move.row} (NIP {o.move.nip}) tidak ada di rencana")
        e, a, b = d.employees[i], d.positions[view.cur[i]], d.positions[j]
        kind = move_kind(view, i)
        codes = tuple(dict.fromkeys((*EVERY_MOVE, *KIND_RULES.get(kind, ()), *move_reason(view, i).codes)))
        out.append(Entry(i, j, o.move.row, e.nip, e.nama, e.golongan, a.kode, a.nama, a.unit, b.kode, b.nama,
                         b.unit, kind, tujuan(view, i), _in_code_order(codes), o.basis))
    return out


def by_kind(items: Iterable[Entry]) -> dict[str, list[Entry]]:
    """The entries per kind, in MOVE_KINDS order (a kind without moves is left out)."""
    out: dict[str, list[Entry]] = {kind: [] for kind in MOVE_KINDS}
    for entry in items:
        out[entry.kind].append(entry)
    return {kind: rows for kind, rows in out.items() if rows}


def legal_sources(codes: Iterable[str], *, acts_only: bool = False) -> list[str]:
    """The distinct legal sources of `codes` in the registry (a source 'A; B' is two), the highest kind of act
    first (UU, PP, Perpres, Permen, Peraturan BKN), then in the rules' order. A bare act is left out where a
    pasal of it is cited; with `acts_only` (the Mengingat of an SK) each act once, without its pasal."""
    found: dict[str, None] = {}
    for code in codes:
        for part in re.split(r";\s*", RULES[code].source):
            part = part.strip()
            if part:
                found.setdefault(_act(part) if acts_only else part, None)
    cited = {_act(s) for s in found if _act(s) != s}
    kept = [s for s in found if s not in cited]
    return sorted(kept, key=lambda s: next((rank for prefix, rank in _LEVELS if s.startswith(prefix)), len(_LEVELS)))


def _act(source: str) -> str:
    """'PP 11/2017 Pasal 239' -> 'PP 11/2017'."""
    return re.split(r"\s+Pasal\s", source, maxsplit=1)[0].strip()


def _in_code_order(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(codes), key=lambda c: int(c[1:]) if c[1:].isdigit() else 99))
