"""The Keputusan (SK) drafts of the approved moves (SPEC 10): one SK per kind of move, because a BKPSDM signs and
numbers the decrees of a mutasi, a rotasi, a promosi and a perpindahan into a JF separately (a promosi is a
pengangkatan dalam jabatan, a perpindahan JF an appointment by perpindahan with its own conditions). Each file:
kop, title, Menimbang, Mengingat (the legal sources of every rule its moves cite or pass, from `rules.py`),
Menetapkan with its dictums, the signer, and the Lampiran: the approved moves of that kind row for row (No,
Nama/NIP, Dari, Ke, Jenis, Alasan, Dasar hukum).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from penempatan.decree.document import DOTS, Document
from penempatan.decree.entries import Entry, legal_sources
from penempatan.explain.moves import MUTASI, PERPINDAHAN_JF, PROMOSI, ROTASI
from penempatan.letters.content import long_date
from penempatan.model import Params

SK_FILES = {MUTASI: "SK-mutasi.docx", ROTASI: "SK-rotasi.docx", PROMOSI: "SK-promosi.docx",
            PERPINDAHAN_JF: "SK-perpindahan-jf.docx"}
"""The file of each kind's SK; the order is the numbering's ({n} in nomor_sk)."""
SK_ORDER = (MUTASI, ROTASI, PROMOSI, PERPINDAHAN_JF)
_TOPIC = {MUTASI: "MUTASI PEGAWAI NEGERI SIPIL ANTAR UNIT KERJA", ROTASI: "ROTASI PEGAWAI NEGERI SIPIL",
          PROMOSI: "PENGANGKATAN PEGAWAI NEGERI SIPIL DALAM JABATAN (PROMOSI)",
          PERPINDAHAN_JF: "PENGANGKATAN PEGAWAI NEGERI SIPIL DALAM JABATAN FUNGSIONAL MELALUI PERPINDAHAN JABATAN"}
_VERB = {MUTASI: "memindahkan", ROTASI: "merotasi", PROMOSI: "mengangkat", PERPINDAHAN_JF: "mengangkat"}
LAMPIRAN_COLUMNS = ("No", "Nama / NIP", "Dari", "Ke", "Jenis", "Alasan", "Dasar hukum")
DRAFT = ("DRAF dibuat oleh penempatan dari rencana yang telah diputuskan Baperjakat; periksa, lengkapi dan "
         "sesuaikan dengan tata naskah dinas instansi sebelum ditandatangani.")


@dataclass(frozen=True)
class Decree:
    """One SK: its kind, file name, number and moves."""

    kind: str
    file_name: str
    nomor: str
    moves: tuple[Entry, ...]


def decrees(groups: dict[str, list[Entry]], numbers: dict[str, str]) -> list[Decree]:
    """One Decree per kind that has approved moves, in SK_ORDER."""
    return [Decree(kind, SK_FILES[kind], numbers.get(kind, ""), tuple(groups[kind]))
            for kind in SK_ORDER if groups.get(kind)]


def lampiran_rows(moves: Sequence[Entry]) -> list[list[str]]:
    """The lampiran's rows: one per move, in the order given."""
    return [[str(k), f"{m.nama}\nNIP {m.nip}", f"{m.from_nama}\n{m.from_unit}", f"{m.to_nama}\n{m.to_unit}",
             m.kind, m.alasan, m.dasar_hukum] for k, m in enumerate(moves, 1)]


def write_sk(path: Path, decree: Decree, params: Params, berita_acara: str) -> None:
    """The SK draft of `decree` to `path` (.docx, atomically); `berita_acara` names the minutes it rests on."""
    doc = Document(params, DRAFT)
    doc.kop()
    signer = doc.sender.penanda_tangan[0] if doc.sender.penanda_tangan else f"PEJABAT PEMBINA KEPEGAWAIAN {DOTS}"
    instansi = doc.sender.nama[0] if doc.sender.nama else f"PEMERINTAH DAERAH {DOTS}"
    title = f"TENTANG {_TOPIC[decree.kind]} DI LINGKUNGAN {instansi.upper()}"
    doc.line(f"KEPUTUSAN {signer.upper()}", bold=True, center=True)
    doc.line(f"NOMOR {decree.nomor or DOTS}", bold=True, center=True)
    doc.line("", center=True)
    doc.line(title, bold=True, center=True)
    doc.line("", center=True)
    doc.line(f"{signer.upper()},", bold=True, center=True)
    doc.labelled("Menimbang", [
        f"bahwa dalam rangka pembinaan karier, pemenuhan kebutuhan jabatan sesuai analisis beban kerja dan "
        f"peningkatan kinerja organisasi, perlu {_VERB[decree.kind]} Pegawai Negeri Sipil yang namanya tercantum "
        "dalam Lampiran Keputusan ini;",
        f"bahwa Badan Pertimbangan Jabatan dan Kepangkatan telah memberikan pertimbangan sebagaimana tercantum dalam "
        f"{berita_acara};",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan "
        f"{signer} {title.title().replace('Tentang', 'tentang')};",
    ])
    codes = dict.fromkeys(code for m in decree.moves for code in m.codes)
    doc.labelled("Mengingat", [f"{source};" for source in legal_sources(codes, acts_only=True)])
    doc.line("MEMUTUSKAN:", bold=True, center=True)
    doc.line(f"Menetapkan: KEPUTUSAN {signer.upper()} {title}.", bold=True)
    doc.line(f"KESATU: {_VERB[decree.kind].capitalize()} Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran "
             "Keputusan ini dari jabatan lama ke jabatan baru sebagaimana tercantum dalam Lampiran tersebut.")
    tmt = params.tmt_mutasi or params.tanggal_sk
    doc.line("KEDUA: Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU dilantik dan melaksanakan tugas "
             f"jabatan barunya terhitung mulai tanggal {long_date(tmt) if tmt else DOTS}, dan diberikan hak "
             "kepegawaian sesuai dengan ketentuan peraturan perundang-undangan.")
    doc.line("KETIGA: Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
             "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya.")
    doc.signature(params.tempat_surat, params.tanggal_sk)
    doc.line("Tembusan: Kepala Kantor Regional Badan Kepegawaian Negara; Inspektur Daerah; pegawai yang "
             "bersangkutan.", size=9)
    doc.landscape_section()
    doc.line(f"LAMPIRAN KEPUTUSAN {signer.upper()}", bold=True)
    doc.line(f"NOMOR {decree.nomor or DOTS}", bold=True)
    doc.line(f"TANGGAL {long_date(params.tanggal_sk).upper() if params.tanggal_sk else DOTS}", bold=True)
    doc.line(f"DAFTAR {_TOPIC[decree.kind]} ({len(decree.moves)} ORANG)", bold=True, center=True)
    doc.table(LAMPIRAN_COLUMNS, lampiran_rows(decree.moves), widths=(1.0, 4.5, 5.5, 5.5, 2.5, 5.0, 5.0), small=True)
    doc.signature(params.tempat_surat, params.tanggal_sk)
    doc.save(path)
