"""What one letter says (SPEC 7): who, from which post to which, why (the `Penjelasan` text, one source),
the training before and after the pelantikan, the timeline and how to answer by which date."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from penempatan.explain import PlanView, penjelasan
from penempatan.explain.chains import in_chain_order
from penempatan.explain.training import training_needs
from penempatan.text import date_text

DEFAULT_DAYS = 14
"""Days after `tanggal_acuan` the employee has to answer when the planner sets no date."""

_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def long_date(d: date) -> str:
    """'28 November 2026': a date as a letter writes it."""
    return f"{d.day} {_BULAN[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Letter:
    """One mover's letter: the placeholders of the template and the paragraphs of its body."""

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

    @property
    def file_name(self) -> str:
        return file_name(self.nip, self.nama)

    def fields(self) -> dict[str, str]:
        """The template's placeholders ({{NAMA}} …) and their text."""
        return {"NAMA": self.nama, "NIP": self.nip, "JABATAN_ASAL": self.jabatan_asal, "UNIT_ASAL": self.unit_asal,
                "JABATAN_TUJUAN": self.jabatan_tujuan, "UNIT_TUJUAN": self.unit_tujuan,
                "BATAS_TANGGAPAN": long_date(self.batas), "TANGGAL_ACUAN": long_date(self.tanggal_acuan)}

    def body(self) -> list[tuple[str, str]]:
        """The paragraphs replacing {{ISI_SURAT}}, as (kind, text): kind 'judul' is a heading, 'butir' a list
        item, 'teks' a plain paragraph."""
        out = [("teks", f"Dalam rangka penataan penempatan pegawai dengan tanggal acuan "
                        f"{long_date(self.tanggal_acuan)}, kami menyampaikan rancangan usulan mutasi yang menyangkut "
                        "Anda. Usulan ini belum merupakan keputusan; tanggapan Anda akan "
                        "dibahas sebelum keputusan diambil."),
               ("judul", "Usulan"),
               ("butir", f"Jabatan sekarang: {self.jabatan_asal}, {self.unit_asal}"),
               ("butir", f"Jabatan yang diusulkan: {self.jabatan_tujuan}, {self.unit_tujuan}"),
               ("judul", "Tujuan dan alasan usulan"),
               ("teks", self.penjelasan),
               ("judul", "Pelatihan")]
        if not self.sebelum and not self.sesudah:
            out.append(("teks", "Untuk jabatan yang diusulkan tidak ada pelatihan khusus yang perlu diikuti."))
        out += [("butir", f"Sebelum pelantikan: {name}") for name in self.sebelum]
        out += [("butir", f"Setelah pelantikan: {name}") for name in self.sesudah]
        out += [("judul", "Jadwal"), *[("butir", step) for step in self.timeline()],
                ("judul", "Cara menanggapi"),
                ("teks", f"Mohon sampaikan tanggapan Anda secara tertulis paling lambat {long_date(self.batas)} "
                         f"({self.batas_asal}) dengan mengisi lembar tanggapan pada bagian akhir surat ini: pilih "
                         "Setuju, atau Keberatan disertai alasannya. Setiap keberatan dibahas oleh panitia "
                         "sebelum keputusan diambil.")]
        return out

    def reply(self) -> list[tuple[str, str]]:
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
    d = view.data
    acuan = d.params.tanggal_acuan
    when, why = deadline(acuan, batas)
    out = []
    for i in in_chain_order(view):
        e = d.employees[i]
        a, b = d.positions[view.cur[i]], d.positions[view.target[i]]
        needs = training_needs(view, i)
        out.append(Letter(
            nip=e.nip, nama=e.nama, jabatan_asal=a.nama, unit_asal=a.unit, jabatan_tujuan=b.nama, unit_tujuan=b.unit,
            penjelasan=penjelasan(view, i), sebelum=tuple(n.pelatihan for n in needs if n.before_appointment),
            sesudah=tuple(n.pelatihan for n in needs if not n.before_appointment), batas=when, batas_asal=why,
            tanggal_acuan=acuan))
    return out
