"""The committee's list of moves (issue 23): one move as the Baperjakat's paper shows it, the same in the
plan workbook's `Daftar Usulan` (excel/move_list.py) and the report's printed book (report/book.py).

`Alasan singkat` is the key fact behind each purpose of a move and the committee's flags, taken from the
move's `Alasan` (explain's `MoveRow.reason`) without the rules' wording and legal sources, which the
committee finds in `Usulan Mutasi`.
"""

from __future__ import annotations

import re

from penempatan.explain import MoveRow
from penempatan.rules import PURPOSE_LABELS, RULES

COLUMNS = ("No", "Nama / NIP", "Dari", "Ke", "Jenis", "Tujuan", "Alasan singkat", "Keputusan")
"""The list's header: `Dari` and `Ke` hold the post's name and its unit ('Bendahara, Dinas Kesehatan');
`Keputusan` is left empty for the committee to tick."""
SIGNERS = ("Ketua Baperjakat", "Sekretaris Baperjakat", "Anggota", "Anggota", "Anggota")
"""Who signs the list, in the signature block after its last row."""
DECISION_LINE = ("Keputusan rapat Baperjakat tanggal ............................  "
                 "Jumlah usulan disetujui: ........  ditolak: ........  ditunda: ........")


def list_cells(k: int, m: MoveRow) -> list[str]:
    """The cells of move number `k` in the list (`Keputusan` empty)."""
    return [str(k), f"{m.nama}\n{m.nip}", f"{m.from_nama}, {m.from_unit}", f"{m.to_nama}, {m.to_unit}", m.kind,
            m.purposes, short_reason(m), ""]


def short_reason(m: MoveRow) -> str:
    """`Alasan singkat`: the key fact behind each purpose of the move ('jabatan tujuan terisi 0 dari 1 kursi',
    '7 th 1 bln di jabatan (batas 5 th)') and the committee's flags, from the move's `Alasan` without the
    rule wordings and sources; the purposes' names when `Alasan` says nothing more."""
    segments = _top_level(m.reason)
    labels = {v: k for k, v in PURPOSE_LABELS.items()}
    facts: list[str] = []
    for segment in segments:
        label, _, rest = segment.partition(": ")
        if label in labels and rest:
            facts.append(_fact(labels[label], rest))
    if not facts:
        facts = [s for s in segments if s.startswith("membuka kursi")] or ([m.purposes] if m.purposes else [])
    if m.flags:
        flags = []
        said = {seg.removeprefix("Perhatian: ").partition(": ")[0]: seg.removeprefix("Perhatian: ")
                for seg in segments}
        for flag in m.flags.split("; "):
            text = said.get(flag, "")
            flags.append(text if text and not _RULE.match(text.partition(": ")[2]) else flag)
        facts.append("Perhatian: " + "; ".join(flags))
    return "; ".join(facts)


_RULE = re.compile(r"^(R\d+): ")


def _fact(purpose: str, text: str) -> str:
    """The facts of one purpose's text, without the rule it cites ('R2: … (7 th ≥ 5 th; Peraturan …)')."""
    rule = _RULE.match(text)
    if rule and text.endswith(")"):
        inside = _last_parenthesis(text)
        source = RULES[rule[1]].source if rule[1] in RULES else ""
        if source:
            inside = inside.removesuffix(source).removesuffix("; ")
        text = inside or text
    if purpose == "rotasi" and " ≥ " in text:
        held, limit = text.split(" ≥ ", 1)
        return f"{held} di jabatan (batas {limit})"
    return text


def _last_parenthesis(text: str) -> str:
    """What the parenthesis closing `text` holds."""
    depth = 0
    for k in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[k], 0)
        if depth == 0:
            return text[k + 1:-1]
    return ""


def _top_level(text: str, sep: str = "; ") -> list[str]:
    """`text` split at `sep` outside parentheses."""
    out, depth, start, k = [], 0, 0, 0
    while k < len(text):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, k):
            out.append(text[start:k])
            start = k + len(sep)
            k = start
            continue
        k += 1
    out.append(text[start:])
    return [s for s in (p.strip() for p in out) if s]


