"""The Berita Acara of the Baperjakat meeting (SPEC 10): the date, the members (`Pengaturan` anggota_baperjakat),
the plan it decided on with its input's SHA-256, the plan's summary (`explain.summary`), the chains approved and
rejected, the employees' answers and objections decided with their reasons, and every move's decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from penempatan.decree.approved import PLAN_SHEET, Verdicts
from penempatan.decree.document import DOTS, Document
from penempatan.letters.content import long_date
from penempatan.model import ProblemData
from penempatan.scenario.answers import ANSWERS_SHEET, APPROVE, CHAINS_SHEET

TITLE = "BERITA ACARA SIDANG BADAN PERTIMBANGAN JABATAN DAN KEPANGKATAN (BAPERJAKAT)"
DECISION_COLUMNS = ("No", "Baris", "Nama / NIP", "Usulan", "Rantai", "Keputusan", "Dasar keputusan")
ANSWER_COLUMNS = ("NIP", "Nama", "Tanggapan", "Alasan pegawai", "Keputusan", "Catatan")
CHAIN_COLUMNS = ("Rantai", "Keputusan", "Jumlah pegawai", "Baris")
DRAFT = ("DRAF dibuat oleh penempatan dari keputusan yang tercatat di workbook rencana; periksa dan lengkapi sebelum "
         "ditandatangani para anggota.")


@dataclass(frozen=True)
class Minutes:
    """What the Berita Acara records besides the decisions."""

    meeting: date | None  # None: left to fill
    data_name: str
    sha256: str
    plan_name: str
    summary: Sequence[tuple[str, str]]  # (label, value) lines of the plan's summary


def members(text: str) -> list[tuple[str, str]]:
    """(role, name) of each member in anggota_baperjakat ('Ketua: Nama; Anggota: Nama'); role '' when not given."""
    out = []
    for part in text.split(";"):
        if part.strip():
            role, sep, name = part.partition(":")
            out.append((role.strip(), name.strip()) if sep else ("", part.strip()))
    return out


def decision_rows(data: ProblemData, v: Verdicts) -> list[list[str]]:
    """Every move of the plan with its decision: approved or rejected, and the decisions that say so."""
    rows = []
    for k, o in enumerate(v.outcomes, 1):
        m = o.move
        e = data.employees[data.employee_index[m.nip]] if m.nip in data.employee_index else None
        verdict = "disetujui" if o.approved else "ditolak" if o.decided else "belum diputuskan"
        rows.append([str(k), str(m.row), f"{e.nama if e else '-'}\nNIP {m.nip}", f"{m.asal} → {m.tujuan}", m.rantai,
                     verdict, o.basis or "-"])
    return rows


def write_minutes(path: Path, data: ProblemData, v: Verdicts, info: Minutes) -> None:
    """The Berita Acara to `path` (.docx, atomically)."""
    p = data.params
    doc = Document(p, DRAFT)
    doc.kop()
    doc.line(TITLE, bold=True, center=True)
    doc.line(f"Nomor: {DOTS}", center=True)
    when = long_date(info.meeting) if info.meeting else DOTS
    doc.line(f"Pada tanggal {when}, Badan Pertimbangan Jabatan dan Kepangkatan telah bersidang membahas usulan "
             f"mutasi dalam rencana {info.plan_name} yang disusun dari data {info.data_name} (tanggal acuan "
             f"{long_date(p.tanggal_acuan)}), dan memutuskan sebagaimana tercatat di bawah ini.")
    doc.line("A. Anggota yang hadir", bold=True)
    people = members(p.anggota_baperjakat) or [("Ketua", DOTS), ("Anggota", DOTS), ("Sekretaris", DOTS)]
    doc.table(("No", "Kedudukan", "Nama / Jabatan", "Tanda tangan"),
              [[str(k), role or "-", name, ""] for k, (role, name) in enumerate(people, 1)], widths=(1, 3.5, 8, 4))
    doc.line("B. Rencana yang dibahas", bold=True)
    doc.table(("Keterangan", "Nilai"), [["Berkas masukan", info.data_name], ["SHA-256 berkas masukan", info.sha256],
                                        ["Workbook rencana", info.plan_name], *[[a, b] for a, b in info.summary]],
              widths=(5, 11.5))
    approved, rejected = v.approved, v.rejected
    doc.line(f"C. Keputusan: {len(approved)} usulan disetujui, {len(rejected)} usulan ditolak, dari "
             f"{len(v.outcomes)} usulan di sheet {PLAN_SHEET}.", bold=True)
    doc.line(f"D. Keputusan rantai mutasi (sheet {CHAINS_SHEET})", bold=True)
    size: dict[str, int] = {}
    for o in v.outcomes:
        key = o.move.rantai.strip().upper()
        size[key] = size.get(key, 0) + 1
    chain_rows = [[c.rantai, "disetujui" if c.keputusan == APPROVE else "ditolak",
                   str(size.get(c.rantai.strip().upper(), 0)), str(c.row)] for c in v.chains]
    if chain_rows:
        doc.table(CHAIN_COLUMNS, chain_rows, widths=(3, 3, 3, 2))
    else:
        doc.line("Tidak ada rantai yang diputuskan sekaligus; setiap usulan diputuskan sendiri (huruf E).")
    doc.line(f"E. Tanggapan pegawai dan keputusan atas keberatan (sheet {ANSWERS_SHEET})", bold=True)
    names = {e.nip: e.nama for e in data.employees}
    answer_rows = [[a.nip, names.get(a.nip, "-"), a.tanggapan, a.alasan or "-", a.keputusan or "-", a.catatan or "-"]
                   for a in v.answers]
    if answer_rows:
        doc.table(ANSWER_COLUMNS, answer_rows, widths=(3.5, 3.5, 2, 3.5, 2, 3), small=True)
    else:
        doc.line("Tidak ada tanggapan pegawai yang dicatat.")
    doc.line("F. Keputusan atas setiap usulan", bold=True)
    doc.table(DECISION_COLUMNS, decision_rows(data, v), widths=(1, 1.2, 3.8, 3.5, 1.6, 2, 3.4), small=True)
    doc.line("Demikian Berita Acara ini dibuat untuk dipergunakan sebagaimana mestinya.")
    doc.line(f"{p.tempat_surat or DOTS}, {when}", indent=9.0)
    doc.save(path)
