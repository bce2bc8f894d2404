"""The pre-flight of a decree (SPEC 10): everything a registry (BKN's I-MUT, SIASN) would refuse in the approved
moves, each named with its row, before anyone types a number into SIASN.

The per-mover rules are the plan checker's (`check.Rules`), evaluated at the decree's TMT (`tmt_mutasi`, else
`tanggal_sk`, else `tanggal_acuan`), because a sanction may end, a tenure grow and a retirement come nearer
between the plan and the decree: R1 (minimum time in post), R4 and R24 (retirement), R5 (status), R10 and R23
(active sanction), R17 (Pilkada window) and every other hard per-mover rule except R15 (the committee's own
decisions) and R16 (willingness, not a registry matter). Checked here, as they are not rules of the plan:
- R11 as the ABK sees it: a move into a post with no seat in the ABK (Kebutuhan 0) or more people than its
  Kebutuhan once the approved moves are made;
- UU 10/2016 Pasal 162 ayat 3: within 6 months of a new kepala daerah's pelantikan a replacement of officials
  needs the Minister of Home Affairs' written approval (`tanggal_pelantikan_kepala_daerah`,
  `persetujuan_mendagri`);
- the SIASN IDs a job-history row needs (`siasn_rows.missing_ids`) and the SK's number and date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from penempatan.check import Rules, whole_months
from penempatan.decree.approved import PLAN_SHEET
from penempatan.decree.entries import Entry
from penempatan.decree.siasn_rows import missing_ids
from penempatan.model import ProblemData
from penempatan.reference import Reference
from penempatan.rules import RULES

NOT_REGISTRY = frozenset({"R15", "R16"})
"""Per-mover rules a registry does not check: the committee's decisions (R15) and willingness (R16)."""
KEPALA_DAERAH_MONTHS = 6
"""UU 10/2016 Pasal 162 ayat 3: months after a kepala daerah's pelantikan that need the Mendagri's approval."""
KEPALA_DAERAH_SOURCE = "UU 10/2016 Pasal 162 ayat 3"
SETTINGS_SHEET = "Pengaturan"


@dataclass(frozen=True)
class Finding:
    """One thing a registry would refuse: which check (`code`: a rule code, ABK, ID SIASN, SK, Kepala daerah),
    where (`sheet`, `row`: the plan's or the input's), whom, what and what to do."""

    code: str
    source: str
    sheet: str
    row: int | None
    nip: str
    nama: str
    message: str
    hint: str

    def line(self) -> str:
        """'[R1] Usulan Mutasi baris 5, NIP … (Nama): message. Saran: hint' for the terminal."""
        where = f"{self.sheet} baris {self.row}" if self.row else self.sheet
        who = f", NIP {self.nip} ({self.nama})" if self.nip else ""
        return f"[{self.code}] {where}{who}: {self.message}. Saran: {self.hint}"


def decree_date(data: ProblemData) -> date:
    """The date the decree takes effect (TMT): tmt_mutasi, else tanggal_sk, else tanggal_acuan."""
    p = data.params
    return p.tmt_mutasi or p.tanggal_sk or p.tanggal_acuan


def preflight(data: ProblemData, moves: Sequence[Entry], ref: Reference | None = None) -> list[Finding]:
    """Every finding for the approved `moves` of `data`, in the order: per-mover rules by move, ABK, kepala
    daerah, SK settings, SIASN IDs."""
    when = decree_date(data)
    at_tmt = data if when == data.params.tanggal_acuan else data.replace(
        params=data.params.model_copy(update={"tanggal_acuan": when}))
    rules = Rules(at_tmt, ref)
    out: list[Finding] = []
    for m in moves:
        for code, rule in rules.pair_rules.items():
            message = None if code in NOT_REGISTRY else rule(m.i, m.j)
            if message is not None:
                out.append(Finding(code, RULES[code].source, PLAN_SHEET, m.plan_row, m.nip, m.nama,
                                   f"{message} (dihitung pada TMT {when:%d-%m-%Y})",
                                   "Keluarkan usulan ini dari SK atau perbaiki datanya, lalu putuskan lagi."))
    out += _abk(data, moves)
    out += _kepala_daerah(data, moves, when)
    out += _settings(data)
    out += [Finding("ID SIASN", "", sheet, row, nip, nama, message, hint)
            for sheet, row, nip, nama, message, hint in missing_ids(data, moves)]
    return out


def _abk(data: ProblemData, moves: Sequence[Entry]) -> list[Finding]:
    """R11 as the ABK sees it: a newcomer needs a seat of the post's Kebutuhan once the approved moves are made."""
    people = [len(h) for h in data.holders]
    for m in moves:
        people[data.current_post[m.i]] -= 1
        people[m.j] += 1
    out = []
    for m in moves:
        post = data.positions[m.j]
        if post.kebutuhan == 0:
            message = f"jabatan tujuan {post.kode} tidak punya kursi dalam ABK (Kebutuhan 0)"
        elif people[m.j] > post.kebutuhan:
            message = (f"jabatan tujuan {post.kode} berisi {people[m.j]} orang setelah mutasi, Kebutuhan ABK "
                       f"{post.kebutuhan}")
        else:
            continue
        out.append(Finding("R11", RULES["R11"].source, PLAN_SHEET, m.plan_row, m.nip, m.nama, message,
                           f"Periksa Kebutuhan jabatan {post.kode} di sheet Jabatan baris {post.row or '-'} "
                           "(peta jabatan dan ABK yang ditetapkan)."))
    return out


def _kepala_daerah(data: ProblemData, moves: Sequence[Entry], when: date) -> list[Finding]:
    """UU 10/2016 Pasal 162 ayat 3: moves within 6 months of the kepala daerah's pelantikan need the Mendagri's
    written approval, recorded in `persetujuan_mendagri`."""
    p = data.params
    start = p.tanggal_pelantikan_kepala_daerah
    if start is None or not moves or p.persetujuan_mendagri.strip() or when < start:
        return []
    if whole_months(start, when) >= KEPALA_DAERAH_MONTHS:
        return []
    return [Finding("Kepala daerah", KEPALA_DAERAH_SOURCE, SETTINGS_SHEET, None, "", "",
                    f"{len(moves)} mutasi ber-TMT {when:%d-%m-%Y}, kurang dari {KEPALA_DAERAH_MONTHS} bulan sejak "
                    f"pelantikan kepala daerah {start:%d-%m-%Y}, tanpa persetujuan tertulis Menteri Dalam Negeri",
                    "Mintakan persetujuan tertulis Mendagri dan catat nomornya di Pengaturan persetujuan_mendagri, "
                    "atau tetapkan TMT sesudah masa 6 bulan itu.")]


def _settings(data: ProblemData) -> list[Finding]:
    """The SK's number and date, which every SIASN row carries."""
    p = data.params
    out = []
    if not p.nomor_sk.strip():
        out.append(Finding("SK", "", SETTINGS_SHEET, None, "", "", "nomor SK (nomor_sk) belum diisi",
                           "Isi Pengaturan nomor_sk, mis. 800.1.3.3/{n}/BKPSDM/2026."))
    if p.tanggal_sk is None:
        out.append(Finding("SK", "", SETTINGS_SHEET, None, "", "", "tanggal SK (tanggal_sk) belum diisi",
                           "Isi Pengaturan tanggal_sk (dd-mm-yyyy)."))
    return out
