"""The rows of the reference tables in data/ and how their keywords are matched in a name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UMUM = "umum"
"""The field of school-level and general programmes: matches no post's Bidang, never a warning."""

PENGEMBANGAN = "pengembangan"
"""The pemicu of a course chosen as a development decision (SPEC 8): no move ever prescribes it."""
PEMICU = ("masuk_pengawas", "masuk_administrator", "masuk_jpt", "masuk_jf", "ganti_jf", "naik_jenjang_jf",
          "kata_kunci_jabatan", "kompetensi_manajerial", "kompetensi_sosial_kultural", "kompetensi_teknis",
          PENGEMBANGAN)
"""The triggers of pelatihan.csv (see `Pelatihan`)."""
DURASI_BULAN = 3
"""The months a course of pelatihan.csv takes when its durasi_bulan is empty."""
DURASI_MAKS_BULAN = 24
"""The longest durasi_bulan a course may have."""
KAPAN = ("sebelum pelantikan", "sesudah pelantikan")

Words = tuple[str, ...]


def words(text: object) -> Words:
    """Lower-case words of a name, split at everything that is not a letter or digit."""
    return tuple(re.findall(r"[0-9a-z]+", str(text).lower()))


def licence_words(text: object) -> Words:
    """Words of a licence or certificate name, with 'sertifikasi' read as 'sertifikat'."""
    return tuple("sertifikat" if w == "sertifikasi" else w for w in words(text))


def find_words(keyword: Words, found: Words) -> int:
    """First position of `keyword` as a whole-word sequence inside `found`, or -1."""
    n = len(keyword)
    for i in range(len(found) - n + 1):
        if found[i:i + n] == keyword:
            return i
    return -1


class Keywords:
    """A keyword table indexed by first word, so a name is matched in time proportional to its length."""

    def __init__(self, table: Iterable[tuple[Words, str]]) -> None:
        self.by_first: dict[str, list[tuple[Words, str]]] = {}
        for keyword, value in table:
            self.by_first.setdefault(keyword[0], []).append((keyword, value))

    def matches(self, found: Words) -> list[tuple[int, int, str]]:
        """Every keyword present in `found` as whole words: (length, first start, value)."""
        out: list[tuple[int, int, str]] = []
        seen: set[Words] = set()
        for start, word in enumerate(found):
            for keyword, value in self.by_first.get(word, ()):
                if keyword not in seen and found[start:start + len(keyword)] == keyword:
                    seen.add(keyword)
                    out.append((len(keyword), start, value))
        return out


@dataclass(frozen=True)
class Golongan:
    kode: str
    urutan: int
    pangkat: str
    jenis: str  # "PNS" or "PPPK"
    setara: str | None = None  # PPPK: the PNS golongan of the same pay step (Perpres 98/2020), read for R7


@dataclass(frozen=True)
class JenisJabatan:
    """Per Jenis Jabatan / Jenjang: penyetaraan level (R9, R19), default golongan range (R7), BUP (R4)."""

    jenis: str
    jenjang: str | None
    tingkat: int  # penyetaraan ladder: 1 Pelaksana … 4 JPT Pratama / Ahli Utama
    golongan_min: int | None
    golongan_max: int | None
    bup: int
    manajerial: bool
    struktural: bool
    urutan: int | None = None  # order of a Fungsional jenjang: Pemula 1 … Ahli Utama 8
    usia_perpindahan: int | None = None  # R22: oldest age for a perpindahan into this jenjang (PermenPANRB 1/2023)


@dataclass(frozen=True)
class Kinerja:
    kode: str
    skp_minimal: float
    ekspektasi: str  # "di atas", "sesuai", "di bawah"


@dataclass(frozen=True)
class Alasan:
    """One reason of a wish and its published priority points (prioritas.csv, SPEC 9)."""

    kode: str
    poin_bukti: int  # points when the evidence is attached (Bukti Ya)
    poin_tanpa_bukti: int
    keterangan: str = ""

    def poin(self, bukti: bool) -> int:
        return self.poin_bukti if bukti else self.poin_tanpa_bukti


@dataclass(frozen=True)
class KotakTalenta:
    """One box of the 9-box (kotak_talenta.csv): its number for a kinerja ekspektasi and a potensi."""

    kotak: int
    ekspektasi: str  # as in kinerja.csv: "di atas", "sesuai", "di bawah"
    potensi: str  # "Tinggi", "Menengah", "Rendah"


@dataclass(frozen=True)
class JabatanFungsional:
    """One JF family of jabatan_fungsional.csv: how its posts are named and who qualifies (R18)."""

    nama: str  # canonical family name, "Perawat"
    kata_kunci: tuple[Words, ...]  # word sequences that identify the family in a Nama Jabatan
    bidang: frozenset[str]  # accepted programme fields (umbrella groups expanded); empty = any field
    lisensi: str | None  # "STR", "Sertifikat Pendidik", "Sertifikat JFA", "Sertifikat PBJ" …; None = none
    pendidikan_keahlian: str | None  # minimum jenjang pendidikan for the Ahli jenjang; None = no such track
    pendidikan_keterampilan: str | None  # same for Pemula/Terampil/Mahir/Penyelia
    pelatihan_fungsional: str  # e.g. "Pelatihan Fungsional Perawat"
    pembina: str  # instansi pembina, e.g. "Kementerian Kesehatan"
    bup: tuple[tuple[str | None, int], ...] = ()  # BUP overrides: (jenjang or None for every jenjang, age)
    seleksi: bool = False  # R22: entry from another jabatan only by selection (Pengawas Sekolah)
    pengalaman_bulan: int = 24  # R22: months of experience in the family's field a perpindahan needs

    def bup_of(self, jenjang: str | None) -> int | None:
        """The family's own BUP for a jenjang (e.g. Guru 60, UU 14/2005), or None: the jenis_jabatan.csv default."""
        by = dict(self.bup)
        return by.get(jenjang, by.get(None))

    @property
    def licensed(self) -> bool:
        """A licensed profession accepts only its own fields; a training never qualifies (R18)."""
        return self.lisensi is not None

    def holds_licence(self, sertifikat: Iterable[str]) -> bool:
        """R22: does one of the certificates name this family's licence ('STR Perawat' holds 'STR'; 'sertifikasi'
        reads as 'sertifikat'; `;` in lisensi separates alternatives)? True when the family needs none."""
        if self.lisensi is None:
            return True
        wanted = [licence_words(alt) for alt in self.lisensi.split(";") if licence_words(alt)]
        held = [licence_words(item) for item in sertifikat]
        return any(find_words(w, h) >= 0 for w in wanted for h in held)


@dataclass(frozen=True)
class Pelatihan:
    """One row of pelatihan.csv: a named training, when it is triggered, its legal source and timing.

    pemicu: masuk_pengawas, masuk_administrator, masuk_jpt (first entry to that jenis), masuk_jf (entry to a
    JF from outside JF), ganti_jf (from one JF family to another), naik_jenjang_jf (a higher jenjang in the
    same family), kata_kunci_jabatan (a word of the target post name, e.g. pengadaan, bendahara),
    kompetensi_manajerial / kompetensi_sosial_kultural / kompetensi_teknis (the mover's level is below the
    target post's standard), pengembangan (no move triggers it: a course chosen as a development decision, SPEC 8).
    `nama` may contain the placeholders {rumpun_jf} and {jenjang} (see `render`).
    `ejaan_lain`: names a recorded course may carry instead, matched as a whole-word sequence inside it
    (`explain.training.already_done`).

    Training as a resource (SPEC 8, optional columns): `bidang`, the rumpun field whoever completes the course counts
    as trained in (`Employee.pelatihan`: R8, R18, the fit score); `sertifikat`, the licence or certificate it gives
    (`Employee.sertifikat`: R22's licence); `kapasitas`, seats per round (None = unlimited); `durasi_bulan`;
    `biaya`, rupiah per participant.
    """

    pemicu: str
    kata_kunci: tuple[str, ...]  # for kata_kunci_jabatan: phrases (lower-case words) of the target post name
    nama: str
    dasar: str  # legal source, as pelatihan.csv writes it
    kapan: str  # "sebelum pelantikan" or "sesudah pelantikan"
    ejaan_lain: tuple[Words, ...] = ()  # older or other names that count as this course done (Diklatpim IV for PKP)
    bidang: str | None = None  # the rumpun field the course gives (rumpun.csv, never umum); None = none
    sertifikat: str | None = None  # the licence or certificate the course gives; None = none
    kapasitas: int | None = None  # seats per round; None = unlimited
    durasi_bulan: int = DURASI_BULAN
    biaya: int = 0  # rupiah per participant

    @property
    def develops(self) -> bool:
        """Does completing the course give a field or a certificate (a course worth choosing, SPEC 8)?"""
        return self.bidang is not None or self.sertifikat is not None

    def matches(self, nama_jabatan: str) -> bool:
        """For kata_kunci_jabatan: does the post name contain one of the phrases as whole words?"""
        found = words(nama_jabatan)
        return any(find_words(tuple(phrase.split()), found) >= 0 for phrase in self.kata_kunci)

    def render(self, rumpun_jf: str | None = None, jenjang: str | None = None) -> str:
        """The training's name with {rumpun_jf} and {jenjang} filled in (an unknown value is left out)."""
        text = self.nama.replace("{rumpun_jf}", rumpun_jf or "").replace("{jenjang}", jenjang or "")
        return re.sub(r"\s+", " ", text).strip()


