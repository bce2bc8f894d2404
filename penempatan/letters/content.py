"""What one letter says (SPEC 7): who, from which post to which, why (the `Penjelasan` text, one source), what
changes for the person (kelas jabatan and with it the tunjangan, the workplace and its address), the training
and licence needed and when, the timeline, how to answer by which date and whom to ask; the sender (kop,
address, signer, place) comes from the parameters (`Sender`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from penempatan.explain import PlanView, penjelasan
from penempatan.explain.chains import in_chain_order
from penempatan.explain.training import family_of, training_needs
from penempatan.model import Params
from penempatan.text import date_text

DEFAULT_DAYS = 14
"""Days after `tanggal_acuan` the employee has to answer when the planner sets no date."""

_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def long_date(d: date) -> str:
    """'28 November 2026': a date as a letter writes it."""
    return f"{d.day} {_BULAN[d.month - 1]} {d.year}"


_DOTS = "...................."
_ROOM = [("teks", "")] * 3  # room for the signature and the stamp
Block = list[tuple[str, str]]


class Printable(Protocol):
    """What the template is filled with and the letter list names: a `Letter` (a move) or an `Invitation`
    (round 1's training, letters/invitation.py)."""

    @property
    def nip(self) -> str: ...
    @property
    def nama(self) -> str: ...
    @property
    def jabatan_tujuan(self) -> str: ...
    @property
    def unit_tujuan(self) -> str: ...
    @property
    def tanggal_acuan(self) -> date: ...
    @property
    def batas(self) -> date: ...
    @property
    def file_name(self) -> str: ...
    def fields(self) -> dict[str, str]: ...
    def blocks(self) -> dict[str, Block]: ...
"""Paragraphs replacing a block placeholder, as (kind, text): 'judul' a heading, 'butir' a list item, 'teks' a
plain paragraph, 'tebal' a bold one."""


def _parts(text: str) -> tuple[str, ...]:
    """A parameter's lines: ';' or a line break starts a new one; spaces folded, empty parts dropped."""
    return tuple(" ".join(part.split()) for part in re.split(r"[;\n]", text) if part.strip())


@dataclass(frozen=True)
class Sender:
    """Who sends the letters (SPEC 7 v3): the instansi's name and address for the kop, the signer, the contact
    person and the place, from `Pengaturan` or a scenario; each one left empty keeps its placeholder."""

    nama: tuple[str, ...] = ()
    alamat: tuple[str, ...] = ()
    penanda_tangan: tuple[str, ...] = ()  # jabatan, nama, then the lines under the name (pangkat, NIP)
    kontak: str = ""
    tempat: str = ""

    @classmethod
    def of(cls, params: Params) -> Sender:
        """The sender of `params`: ';' separates the lines of the kop and the signature, the parts of kontak."""
        return cls(nama=_parts(params.nama_instansi), alamat=_parts(params.alamat_instansi),
                   penanda_tangan=_parts(params.penanda_tangan), kontak=", ".join(_parts(params.kontak)),
                   tempat=", ".join(_parts(params.tempat_surat)))

    def kop(self) -> Block:
        """The letterhead replacing {{KOP_SURAT}}: the instansi's lines in bold, then its address."""
        if self.nama:
            out = [("tebal", line) for line in self.nama]
        else:
            out = [("teks", "[KOP SURAT: isi nama_instansi dan alamat_instansi di sheet Pengaturan, atau ganti blok "
                            "ini dengan kop surat instansi Anda]"),
                   ("tebal", f"PEMERINTAH DAERAH {_DOTS}"),
                   ("tebal", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA")]
        return out + ([("teks", line) for line in self.alamat] or [("teks", f"Alamat {_DOTS}  Telepon {_DOTS}")])

    def signature(self) -> Block:
        """The signature block replacing {{PENANDA_TANGAN}}: the signer's jabatan, room to sign, the name in bold
        and the lines under it."""
        if not self.penanda_tangan:
            return [("teks", "[BLOK TANDA TANGAN: isi penanda_tangan di sheet Pengaturan, atau ganti dengan "
                             "jabatan, nama dan NIP penanda tangan]"),
                    ("teks", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia,"), *_ROOM,
                    ("teks", _DOTS * 2), ("teks", f"NIP {_DOTS}")]
        jabatan, *rest = self.penanda_tangan
        nama, *under = rest or [_DOTS * 2]
        return [("teks", jabatan.rstrip(",") + ","), *_ROOM, ("tebal", nama), *[("teks", line) for line in under]]

    def fields(self, tanggal_surat: date) -> dict[str, str]:
        """The sender's placeholders of the template and the letter's date, one for every kind of letter."""
        return {"TANGGAL_SURAT": long_date(tanggal_surat), "TEMPAT_SURAT": self.tempat or _DOTS,
                "NAMA_INSTANSI": ", ".join(self.nama) or _DOTS, "ALAMAT_INSTANSI": ", ".join(self.alamat) or _DOTS,
                "KONTAK": self.contact}

    @property
    def contact(self) -> str:
        """Whom the employee asks, for a sentence."""
        return self.kontak or f"{_DOTS} (nama, unit kerja, telepon)"


@dataclass(frozen=True)
class Letter:
    """One mover's letter: the placeholders of the template and the paragraphs of its blocks."""

    nip: str
    nama: str
    jabatan_asal: str
    unit_asal: str
    jabatan_tujuan: str
    unit_tujuan: str
    penjelasan: str
    sebelum: tuple[str, ...]  # training before the pelantikan
    sesudah: tuple[str, ...]  # training after it
    batas: date
    batas_asal: str  # why this date: set by the planner or the default
    tanggal_acuan: date
    kelas_asal: int
    kelas_tujuan: int
    tempat_asal: str  # the workplace: location and unit ('SDN 1 Alak (Dinas Pendidikan)'), or the unit
    tempat_tujuan: str
    alamat_tujuan: str | None  # the new workplace's address, when sheet Jabatan gives one
    lisensi: str | None  # the licence the new post's JF family asks for (R22), None when it asks for none
    lisensi_tercatat: bool  # the employee's Sertifikat names it
    pengirim: Sender

    @property
    def file_name(self) -> str:
        return file_name(self.nip, self.nama)

    def fields(self) -> dict[str, str]:
        """The template's placeholders ({{NAMA}} …) and their text."""
        p = self.pengirim
        return {"NAMA": self.nama, "NIP": self.nip, "JABATAN_ASAL": self.jabatan_asal, "UNIT_ASAL": self.unit_asal,
                "JABATAN_TUJUAN": self.jabatan_tujuan, "UNIT_TUJUAN": self.unit_tujuan,
                "BATAS_TANGGAPAN": long_date(self.batas), "TANGGAL_ACUAN": long_date(self.tanggal_acuan),
                "KELAS_ASAL": str(self.kelas_asal), "KELAS_TUJUAN": str(self.kelas_tujuan),
                "TEMPAT_KERJA_TUJUAN": self.tempat_tujuan, "ALAMAT_TUJUAN": self.alamat_tujuan or "-",
                "PERIHAL": "Rancangan usulan mutasi (untuk ditanggapi)", **p.fields(self.tanggal_acuan)}

    def blocks(self) -> dict[str, Block]:
        """The paragraphs of each block placeholder (each alone in its paragraph of the template)."""
        return {"ISI_SURAT": self.body(), "LEMBAR_TANGGAPAN": self.reply(), "KOP_SURAT": self.pengirim.kop(),
                "PENANDA_TANGAN": self.pengirim.signature()}

    def body(self) -> Block:
        """The paragraphs replacing {{ISI_SURAT}}."""
        out = [("teks", f"Dalam rangka penataan penempatan pegawai dengan tanggal acuan "
                        f"{long_date(self.tanggal_acuan)}, kami menyampaikan rancangan usulan mutasi yang menyangkut "
                        "Anda. Usulan ini belum merupakan keputusan; tanggapan Anda akan "
                        "dibahas sebelum keputusan diambil."),
               ("judul", "Usulan"),
               ("butir", f"Jabatan sekarang: {self.jabatan_asal}, {self.unit_asal}"),
               ("butir", f"Jabatan yang diusulkan: {self.jabatan_tujuan}, {self.unit_tujuan}"),
               ("judul", "Tujuan dan alasan usulan"),
               ("teks", self.penjelasan),
               ("judul", "Yang berubah bagi Anda"),
               *[("butir", line) for line in self.changes()],
               ("judul", "Pelatihan dan lisensi"),
               *self.requirements(),
               ("judul", "Jadwal"), *[("butir", step) for step in self.timeline()],
               ("judul", "Cara menanggapi"),
               ("teks", f"Mohon sampaikan tanggapan Anda secara tertulis paling lambat {long_date(self.batas)} "
                        f"({self.batas_asal}) dengan mengisi lembar tanggapan pada bagian akhir surat ini: pilih "
                        "Setuju, atau Keberatan disertai alasannya. Setiap keberatan dibahas oleh panitia "
                        "sebelum keputusan diambil."),
               ("teks", f"Bila ada yang ingin Anda tanyakan tentang usulan ini, hubungi {self.pengirim.contact}.")]
        return out

    def changes(self) -> list[str]:
        """What changes for the person: the kelas jabatan, which the tunjangan follows, and the workplace."""
        a, b = self.kelas_asal, self.kelas_tujuan
        out = [f"Kelas jabatan {a} → {b} (tunjangan kinerja/TPP mengikuti kelas jabatan {b})" if a != b else
               f"Kelas jabatan tetap {a} (tunjangan kinerja/TPP tetap mengikuti kelas jabatan {a})"]
        out.append(f"Tempat kerja: {self.tempat_asal} → {self.tempat_tujuan}" if self.tempat_asal != self.tempat_tujuan
                   else f"Tempat kerja tetap: {self.tempat_tujuan}")
        if self.alamat_tujuan:
            out.append(f"Alamat tempat kerja yang diusulkan: {self.alamat_tujuan}")
        return out

    def requirements(self) -> Block:
        """The training before and after the pelantikan and the licence the new post asks for."""
        if not self.sebelum and not self.sesudah and not self.lisensi:
            return [("teks", "Untuk jabatan yang diusulkan tidak ada pelatihan khusus yang perlu diikuti dan tidak "
                             "ada lisensi yang disyaratkan.")]
        out = [("butir", f"Sebelum pelantikan: {name}") for name in self.sebelum]
        out += [("butir", f"Setelah pelantikan: {name}") for name in self.sesudah]
        if self.lisensi:
            held = ("Anda tercatat sudah memilikinya; pastikan masih berlaku pada saat pelantikan" if
                    self.lisensi_tercatat else "Data kepegawaian belum mencatatnya; serahkan salinan yang masih "
                    "berlaku sebelum pelantikan")
            out.append(("butir", f"Lisensi yang disyaratkan jabatan ini: {self.lisensi}. {held}."))
        return out

    def reply(self) -> Block:
        """The reply slip replacing {{LEMBAR_TANGGAPAN}} (after the signature block)."""
        return [("judul", "Lembar tanggapan"),
                ("teks", f"Nama: {self.nama}    NIP: {self.nip}"),
                ("teks", f"Usulan: {self.jabatan_tujuan}, {self.unit_tujuan}"),
                ("teks", "[  ] Setuju dengan usulan mutasi ini."),
                ("teks", "[  ] Keberatan, dengan alasan: ......................................................"
                         "............................................................................"),
                ("teks", "Tanggal: ....................    Tanda tangan: ....................")]

    def timeline(self) -> list[str]:
        """The steps from this letter to the new post, dated where the plan knows the date."""
        steps = [f"Sampai {long_date(self.batas)}: Anda menyampaikan tanggapan.",
                 "Sesudah batas tanggapan: panitia membahas semua tanggapan dan menetapkan keputusan."]
        if self.sebelum:
            steps.append("Sebelum pelantikan: mengikuti " + ", ".join(self.sebelum) + ".")
        if self.lisensi and not self.lisensi_tercatat:
            steps.append(f"Sebelum pelantikan: menyerahkan salinan {self.lisensi} yang masih berlaku.")
        steps.append("Pelantikan dan serah terima jabatan: tanggalnya diberitahukan setelah keputusan ditetapkan.")
        if self.sesudah:
            steps.append("Setelah pelantikan: mengikuti " + ", ".join(self.sesudah) + ".")
        return steps


def file_name(nip: str, nama: str) -> str:
    """'198008052006101001-Tiluriwan-Akarutami.docx': NIP first, then the name in ASCII letters and digits
    joined by '-', safe on Windows (no reserved characters, no trailing dot or space, short)."""
    ascii_name = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_name)
    stem = "-".join([re.sub(r"[^0-9A-Za-z]", "", nip) or "tanpa-nip", *words])[:80].rstrip("-")
    return f"{stem}.docx"


def deadline(tanggal_acuan: date, batas: date | None) -> tuple[date, str]:
    """The answer date and why it is that date, in the letter's words."""
    if batas is not None:
        return batas, "batas yang ditetapkan panitia"
    return (tanggal_acuan + timedelta(days=DEFAULT_DAYS),
            f"{DEFAULT_DAYS} hari setelah tanggal acuan {date_text(tanggal_acuan)}")


def letters_for(view: PlanView, batas: date | None = None) -> list[Letter]:
    """One letter per mover of the plan, in chain order (as `Usulan Mutasi` lists them)."""
    d, t = view.data, view.t
    acuan = d.params.tanggal_acuan
    when, why = deadline(acuan, batas)
    sender = Sender.of(d.params)

    def workplace(j: int) -> str:
        return view.place_label(int(t.post_place[j]))

    out = []
    for i in in_chain_order(view):
        e = d.employees[i]
        src, dst = view.cur[i], view.target[i]
        a, b = d.positions[src], d.positions[dst]
        needs = training_needs(view, i)
        family = t.ref.jabatan_fungsional.get(family_of(t, dst) or "")
        licence = family.lisensi if family is not None else None
        out.append(Letter(
            nip=e.nip, nama=e.nama, jabatan_asal=a.nama, unit_asal=a.unit, jabatan_tujuan=b.nama, unit_tujuan=b.unit,
            penjelasan=penjelasan(view, i), sebelum=tuple(n.pelatihan for n in needs if n.before_appointment),
            sesudah=tuple(n.pelatihan for n in needs if not n.before_appointment), batas=when, batas_asal=why,
            tanggal_acuan=acuan, kelas_asal=a.kelas, kelas_tujuan=b.kelas, tempat_asal=workplace(src),
            tempat_tujuan=workplace(dst),
            alamat_tujuan=" ".join((b.alamat or "").split()) or None,
            lisensi=" atau ".join(_parts(licence)) if licence else None,
            lisensi_tercatat=family is not None and family.holds_licence(e.sertifikat), pengirim=sender))
    return out
