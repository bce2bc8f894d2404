"""The invitation to round 1's training of a two-round plan (`surat --pengembangan`, SPEC 8): one letter per
trainee of sheet `Rencana Pengembangan`, in the same template as the move letters. It says which course, when,
what it prepares the person for, and — in one sentence — that it does not promise the post."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from penempatan.letters.content import Block, Sender, file_name, long_date
from penempatan.text import number

NOT_A_PROMISE = ("Undangan ini bukan janji penempatan: penempatan pada putaran 2 diputuskan pada waktunya oleh "
                 "panitia menurut aturan dan kebutuhan saat itu.")
"""The sentence every invitation carries (SPEC 8: the letter invites without promising the post)."""


@dataclass(frozen=True)
class Invitation:
    """One trainee's invitation: the template's placeholders and the paragraphs of its blocks."""

    nip: str
    nama: str
    jabatan: str  # the post held now
    unit: str
    pelatihan: str
    mulai: date
    selesai: date
    biaya: int
    jabatan_tujuan: str  # the post of round 2 the course prepares them for
    unit_tujuan: str
    tanggal_putaran_2: date
    batas: date  # the answer date
    tanggal_acuan: date
    pengirim: Sender

    @property
    def file_name(self) -> str:
        return "undangan-" + file_name(self.nip, self.nama)

    def fields(self) -> dict[str, str]:
        """The template's placeholders; the 'tujuan' ones name the post the course prepares for."""
        return {"NAMA": self.nama, "NIP": self.nip, "JABATAN_ASAL": self.jabatan, "UNIT_ASAL": self.unit,
                "JABATAN_TUJUAN": self.jabatan_tujuan, "UNIT_TUJUAN": self.unit_tujuan,
                "BATAS_TANGGAPAN": long_date(self.batas), "TANGGAL_ACUAN": long_date(self.tanggal_acuan),
                "KELAS_ASAL": "-", "KELAS_TUJUAN": "-", "TEMPAT_KERJA_TUJUAN": self.unit_tujuan,
                "ALAMAT_TUJUAN": "-", "PERIHAL": "Undangan pelatihan (untuk ditanggapi)",
                **self.pengirim.fields(self.tanggal_acuan)}

    def blocks(self) -> dict[str, Block]:
        return {"ISI_SURAT": self.body(), "LEMBAR_TANGGAPAN": self.reply(), "KOP_SURAT": self.pengirim.kop(),
                "PENANDA_TANGAN": self.pengirim.signature()}

    def body(self) -> Block:
        """The paragraphs replacing {{ISI_SURAT}}."""
        cost = (f"Biaya pelatihan per peserta menurut rencana: Rp {number(self.biaya)}, dari anggaran pelatihan "
                "instansi." if self.biaya else "Pelatihan ini tidak memerlukan biaya dari peserta.")
        return [("teks", "Dalam rangka pengembangan kompetensi pegawai dan rencana penempatan dua putaran "
                         f"(putaran 1 dengan tanggal acuan {long_date(self.tanggal_acuan)}, putaran 2 pada "
                         f"{long_date(self.tanggal_putaran_2)}), kami mengundang Anda mengikuti pelatihan berikut."),
                ("judul", "Pelatihan"),
                ("butir", self.pelatihan),
                ("butir", f"Waktu: {long_date(self.mulai)} sampai {long_date(self.selesai)}"),
                ("butir", cost),
                ("judul", "Yang disiapkan"),
                ("teks", f"Pelatihan ini menyiapkan Anda untuk jabatan {self.jabatan_tujuan}, {self.unit_tujuan}, "
                         f"yang direncanakan diisi pada putaran 2. Selama pelatihan Anda tetap menjabat "
                         f"{self.jabatan}, {self.unit}."),
                ("tebal", NOT_A_PROMISE),
                ("judul", "Cara menanggapi"),
                ("teks", f"Mohon sampaikan kesediaan Anda paling lambat {long_date(self.batas)} dengan mengisi "
                         "lembar tanggapan pada bagian akhir surat ini."),
                ("teks", f"Bila ada yang ingin Anda tanyakan, hubungi {self.pengirim.contact}.")]

    def reply(self) -> Block:
        return [("judul", "Lembar tanggapan"),
                ("teks", f"Nama: {self.nama}    NIP: {self.nip}"),
                ("teks", f"Pelatihan: {self.pelatihan}"),
                ("teks", "[  ] Bersedia mengikuti pelatihan ini."),
                ("teks", "[  ] Tidak bersedia, dengan alasan: ......................................................"
                         "........................................................................"),
                ("teks", "Tanggal: ....................    Tanda tangan: ....................")]
