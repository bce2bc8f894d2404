"""The fictional pemda generator: "Pemerintah Daerah Alak", a realistic but invented ProblemData (SPEC 1).

Every name is built from syllables and every number comes from one seeded generator, so the same
(n_pegawai, seed, tanggal_acuan) always gives the same data and no real person appears in it.

The shape follows a kabupaten's peta jabatan: OPD with one JPT Pratama, Administrator and Pengawas posts,
single-seat Fungsional posts and pooled Pelaksana posts, about 1.05 seats per employee. It deliberately
contains what a planner meets in real data: vacancies (some of them must-fill), over-staffed and abolished
posts, graduates working outside their field, people near retirement, CPNS and PPPK, sanctions.
"""

from __future__ import annotations

import bisect
import gc
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

import numpy as np

from penempatan.model import Employee, Params, Position, ProblemData
from penempatan.reference import Reference, load_reference

PEMDA = "Pemerintah Daerah Alak"
LABEL = f"{PEMDA} (DATA FIKTIF: nama, NIP dan jabatan rekaan untuk contoh)"
MIN_PEGAWAI = 50

T = TypeVar("T")


class _Pick(Generic[T]):
    """Weighted choice among fixed options from one uniform number, cheap inside a per-employee loop."""

    def __init__(self, options: Sequence[tuple[T, float]]) -> None:
        total = sum(w for _, w in options)
        self.values = [v for v, _ in options]
        self.cum = list(accumulate(w / total for _, w in options))

    def __call__(self, u: float) -> T:
        return self.values[min(bisect.bisect_right(self.cum, u), len(self.values) - 1)]


def _nth(options: Sequence[T], u: float) -> T:
    """Uniform choice from one uniform number."""
    return options[min(int(u * len(options)), len(options) - 1)]


# --- the organisation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Family:
    """A jabatan fungsional family: its field, the jenjang used and the study programmes typical of it."""

    nama: str
    bidang: str | None
    jenjang: tuple[str, ...]
    subjects: tuple[str, ...] = ()  # programme names (without the level), default: the field's
    profesi: str | None = None  # when set, the Ahli posts need Profesi and this is the programme
    risiko: bool = False


_SKILL = ("Terampil", "Mahir", "Penyelia")
_AHLI = ("Ahli Pertama", "Ahli Muda", "Ahli Madya")

_FAMILIES: dict[str, _Family] = {f.nama: f for f in (
    _Family("Perawat", "kesehatan", _SKILL + _AHLI, ("Keperawatan",)),
    _Family("Bidan", "kesehatan", _SKILL + _AHLI[:2], ("Kebidanan",)),
    _Family("Dokter", "kesehatan", _AHLI, ("Pendidikan Dokter",), profesi="Dokter"),
    _Family("Apoteker", "kesehatan", _AHLI[:2], ("Farmasi",), profesi="Apoteker"),
    _Family("Asisten Apoteker", "kesehatan", _SKILL[:2], ("Farmasi",)),
    _Family("Nutrisionis", "kesehatan", ("Terampil", "Ahli Pertama", "Ahli Muda"), ("Gizi",)),
    _Family("Pranata Laboratorium Kesehatan", "kesehatan", ("Terampil", "Mahir", "Ahli Pertama"),
            ("Analis Kesehatan", "Teknologi Laboratorium Medis")),
    _Family("Radiografer", "kesehatan", ("Terampil", "Mahir", "Ahli Pertama"), ("Radiologi",)),
    _Family("Epidemiolog Kesehatan", "kesehatan", _AHLI[:2], ("Kesehatan Masyarakat",)),
    _Family("Guru", "pendidikan", _AHLI),
    _Family("Penilik", "pendidikan", _AHLI[:2]),
    _Family("Teknik Jalan dan Jembatan", "teknik_sipil", _SKILL[:2] + _AHLI, ("Teknik Sipil",)),
    _Family("Teknik Pengairan", "teknik_sipil", _SKILL[:2] + _AHLI, ("Teknik Sipil",)),
    _Family("Penata Ruang", "teknik_sipil", _AHLI, ("Perencanaan Wilayah dan Kota", "Arsitektur")),
    _Family("Teknik Tata Bangunan dan Perumahan", "teknik_sipil", ("Terampil", *_AHLI[:2]),
            ("Teknik Sipil", "Arsitektur")),
    _Family("Analis Keuangan Pusat dan Daerah", "ekonomi_akuntansi", _AHLI,
            ("Akuntansi", "Ekonomi Pembangunan", "Manajemen")),
    _Family("Pengelola Pengadaan Barang/Jasa", "ekonomi_akuntansi", _AHLI[:2], risiko=True),
    _Family("Auditor", "ekonomi_akuntansi", _SKILL[:2] + _AHLI, ("Akuntansi",)),
    _Family("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", None, _AHLI),
    _Family("Analis Sumber Daya Manusia Aparatur", "administrasi_sosial", _AHLI),
    _Family("Analis Kebijakan", None, _AHLI),
    _Family("Perancang Peraturan Perundang-undangan", "hukum", _AHLI, ("Ilmu Hukum",)),
    _Family("Pranata Hubungan Masyarakat", "administrasi_sosial", ("Terampil", *_AHLI[:2]),
            ("Ilmu Komunikasi",)),
    _Family("Pranata Komputer", "ti", _SKILL + _AHLI),
    _Family("Administrator Database Kependudukan", "ti", ("Terampil", *_AHLI[:2])),
    _Family("Perencana", None, _AHLI),
    _Family("Penyuluh Pertanian", "pertanian", _SKILL + _AHLI, ("Agribisnis", "Agroteknologi", "Agronomi")),
    _Family("Pengawas Benih Tanaman", "pertanian", ("Terampil", "Ahli Pertama"), ("Agroteknologi",)),
    _Family("Penyuluh Perikanan", "pertanian", ("Terampil", *_AHLI[:2]), ("Perikanan",)),
    _Family("Penguji Kendaraan Bermotor", "teknik_lain", (*_SKILL, "Ahli Pertama"), ("Teknik Mesin",)),
    _Family("Pekerja Sosial", "administrasi_sosial", ("Terampil", *_AHLI[:2]), ("Kesejahteraan Sosial",)),
    _Family("Penyuluh Sosial", "administrasi_sosial", _AHLI[:2], ("Kesejahteraan Sosial", "Sosiologi")),
    _Family("Polisi Pamong Praja", None, _SKILL + _AHLI[:2]),
    _Family("Pengendali Dampak Lingkungan", "teknik_lain", _AHLI, ("Teknik Lingkungan",)),
    _Family("Pengawas Lingkungan Hidup", "teknik_lain", _AHLI[:2], ("Teknik Lingkungan", "Teknik Kimia")),
    _Family("Penera", "teknik_lain", ("Terampil", "Mahir", "Ahli Pertama"),
            ("Teknik Mesin", "Teknik Elektro")),
    _Family("Penyuluh Keluarga Berencana", None, ("Terampil", *_AHLI[:2])),
    _Family("Pengawas Koperasi", "ekonomi_akuntansi", _AHLI[:2], ("Manajemen", "Ekonomi Pembangunan")),
    _Family("Pamong Budaya", None, _AHLI[:2]),
    _Family("Pustakawan", None, _SKILL[:2] + _AHLI[:2]),
    _Family("Arsiparis", None, _SKILL[:2] + _AHLI[:2]),
)}


@dataclass(frozen=True)
class _Unit:
    """One OPD: relative size, main field, the fungsional families working there and its bidang."""

    kode: str
    nama: str
    weight: float
    bidang: str | None
    families: tuple[str, ...]
    fungsional: float  # share of the non-managerial seats that are fungsional
    bagian: tuple[str, ...]  # names of its bidang / bagian (Administrator posts)
    jpt: tuple[str, ...] = ()  # JPT post names; default "Kepala <nama>"; empty for a kecamatan
    admin_title: str = "Kepala Bidang"
    female: float = 0.45
    kecamatan: bool = False


def _kecamatan(kode: str, nama: str) -> _Unit:
    return _Unit(kode, f"Kecamatan {nama}", 0.7, "administrasi_sosial", ("Analis Kebijakan",), 0.1,
                 ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pelayanan Umum",
                  "Pemberdayaan Masyarakat dan Desa"), kecamatan=True)


# In the order units are added as the pemda grows: the first eight already hold every jenis jabatan.
_UNITS: tuple[_Unit, ...] = (
    _Unit("SETDA", "Sekretariat Daerah", 3.0, None,
          ("Analis Kebijakan", "Perancang Peraturan Perundang-undangan", "Pengelola Pengadaan Barang/Jasa"),
          0.25, ("Pemerintahan", "Hukum", "Perekonomian", "Pengadaan Barang dan Jasa", "Organisasi", "Umum",
                 "Kesejahteraan Rakyat", "Protokol dan Komunikasi Pimpinan"),
          jpt=("Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan",
               "Asisten Administrasi Umum"), admin_title="Kepala Bagian"),
    _Unit("DINKES", "Dinas Kesehatan", 6.0, "kesehatan",
          ("Perawat", "Bidan", "Dokter", "Nutrisionis", "Apoteker", "Epidemiolog Kesehatan",
           "Pranata Laboratorium Kesehatan", "Asisten Apoteker"), 0.65,
          ("Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit", "Pelayanan Kesehatan",
           "Sumber Daya Kesehatan"), female=0.7),
    _Unit("DISDIK", "Dinas Pendidikan", 10.0, "pendidikan", ("Guru", "Penilik"), 0.75,
          ("Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama", "Pendidikan Anak Usia Dini",
           "Ketenagaan"), female=0.62),
    _Unit("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 3.0, "teknik_sipil",
          ("Teknik Jalan dan Jembatan", "Teknik Pengairan", "Penata Ruang",
           "Pengelola Pengadaan Barang/Jasa"), 0.35,
          ("Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang"), female=0.3),
    _Unit("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 2.0, "ekonomi_akuntansi",
          ("Analis Keuangan Pusat dan Daerah", "Pranata Komputer"), 0.25,
          ("Anggaran", "Perbendaharaan", "Akuntansi", "Aset")),
    _Unit("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 1.2, "administrasi_sosial",
          ("Analis Sumber Daya Manusia Aparatur", "Pranata Komputer"), 0.35,
          ("Pengadaan dan Informasi Kepegawaian", "Mutasi dan Promosi", "Pengembangan Kompetensi",
           "Penilaian Kinerja dan Penghargaan")),
    _Unit("INSP", "Inspektorat Daerah", 1.2, "ekonomi_akuntansi",
          ("Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"), 0.6,
          ("Wilayah I", "Wilayah II", "Wilayah III", "Wilayah IV"), jpt=("Inspektur Daerah",),
          admin_title="Inspektur Pembantu"),
    _kecamatan("KEC01", "Alak Kota"),
    _Unit("RSUD", "Rumah Sakit Umum Daerah Alak", 4.0, "kesehatan",
          ("Perawat", "Bidan", "Dokter", "Apoteker", "Radiografer", "Pranata Laboratorium Kesehatan",
           "Nutrisionis"), 0.75, ("Pelayanan Medis", "Keperawatan", "Penunjang Medis"),
          jpt=("Direktur Rumah Sakit Umum Daerah Alak",), female=0.68),
    _Unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 1.0, None, ("Perencana",), 0.4,
          ("Perencanaan Pembangunan Manusia", "Infrastruktur dan Kewilayahan", "Perekonomian",
           "Penelitian dan Pengembangan")),
    _Unit("BAPENDA", "Badan Pendapatan Daerah", 1.0, "ekonomi_akuntansi",
          ("Analis Keuangan Pusat dan Daerah", "Pranata Komputer"), 0.15,
          ("Pendataan dan Penetapan", "Penagihan", "Pengendalian Pendapatan")),
    _Unit("KOMINFO", "Dinas Komunikasi dan Informatika", 0.9, "ti",
          ("Pranata Komputer", "Pranata Hubungan Masyarakat"), 0.5,
          ("Informasi dan Komunikasi Publik", "Aplikasi Informatika", "Persandian dan Statistik")),
    _kecamatan("KEC02", "Alak Barat"),
    _Unit("DISTAN", "Dinas Pertanian dan Pangan", 1.5, "pertanian",
          ("Penyuluh Pertanian", "Pengawas Benih Tanaman"), 0.6,
          ("Tanaman Pangan dan Hortikultura", "Peternakan", "Penyuluhan", "Ketahanan Pangan")),
    _Unit("SETWAN", "Sekretariat DPRD", 0.8, None,
          ("Perancang Peraturan Perundang-undangan", "Analis Kebijakan"), 0.2,
          ("Persidangan dan Perundang-undangan", "Keuangan", "Umum"), jpt=("Sekretaris DPRD",),
          admin_title="Kepala Bagian"),
    _Unit("DISHUB", "Dinas Perhubungan", 1.0, "teknik_lain", ("Penguji Kendaraan Bermotor",), 0.3,
          ("Lalu Lintas", "Angkutan", "Sarana dan Prasarana"), female=0.25),
    _Unit("DINSOS", "Dinas Sosial", 0.8, "administrasi_sosial", ("Pekerja Sosial", "Penyuluh Sosial"), 0.4,
          ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial", "Pemberdayaan Sosial")),
    _kecamatan("KEC03", "Alak Timur"),
    _Unit("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 0.8, "administrasi_sosial",
          ("Administrator Database Kependudukan", "Pranata Komputer"), 0.25,
          ("Pelayanan Pendaftaran Penduduk", "Pelayanan Pencatatan Sipil",
           "Informasi Administrasi Kependudukan")),
    _Unit("SATPOLPP", "Satuan Polisi Pamong Praja", 1.2, "hukum", ("Polisi Pamong Praja",), 0.6,
          ("Penegakan Peraturan Daerah", "Ketertiban Umum dan Ketenteraman Masyarakat",
           "Perlindungan Masyarakat"), female=0.25),
    _Unit("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 0.7, "hukum",
          ("Analis Kebijakan",), 0.2, ("Penanaman Modal", "Pelayanan Perizinan", "Pengaduan dan Informasi")),
    _Unit("DLH", "Dinas Lingkungan Hidup", 1.2, "teknik_lain",
          ("Pengendali Dampak Lingkungan", "Pengawas Lingkungan Hidup"), 0.35,
          ("Tata Lingkungan", "Pengelolaan Sampah", "Pengendalian Pencemaran")),
    _kecamatan("KEC04", "Alak Utara"),
    _Unit("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", 0.7, "ekonomi_akuntansi", ("Penera",), 0.3,
          ("Perdagangan", "Perindustrian", "Metrologi Legal")),
    _Unit("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 0.5, "administrasi_sosial",
          ("Penyuluh Keluarga Berencana",), 0.35,
          ("Pemberdayaan Perempuan", "Perlindungan Anak", "Keluarga Berencana"), female=0.65),
    _Unit("DISKOP", "Dinas Koperasi dan Usaha Mikro", 0.5, "ekonomi_akuntansi", ("Pengawas Koperasi",), 0.25,
          ("Kelembagaan Koperasi", "Usaha Mikro")),
    _kecamatan("KEC05", "Alak Selatan"),
    _Unit("DISKAN", "Dinas Perikanan", 0.7, "pertanian", ("Penyuluh Perikanan",), 0.5,
          ("Perikanan Tangkap", "Perikanan Budidaya")),
    _Unit("DISPARBUD", "Dinas Pariwisata dan Kebudayaan", 0.6, None, ("Pamong Budaya",), 0.25,
          ("Destinasi Pariwisata", "Pemasaran Pariwisata", "Kebudayaan")),
    _Unit("BPBD", "Badan Penanggulangan Bencana Daerah", 0.6, None, ("Analis Kebijakan",), 0.2,
          ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi")),
    _kecamatan("KEC06", "Batu Lamo"),
    _Unit("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 0.4, "administrasi_sosial",
          ("Analis Kebijakan",), 0.15, ("Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri")),
    _Unit("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", 0.5, None, ("Pustakawan", "Arsiparis"), 0.5,
          ("Perpustakaan", "Kearsipan")),
    _Unit("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", 0.6, "teknik_sipil",
          ("Teknik Tata Bangunan dan Perumahan", "Penata Ruang"), 0.3,
          ("Perumahan", "Kawasan Permukiman", "Pertanahan"), female=0.3),
    _kecamatan("KEC07", "Sungai Rendah"),
    _kecamatan("KEC08", "Tanjung Peria"),
    _kecamatan("KEC09", "Bukit Sarang"),
    _kecamatan("KEC10", "Pesisir Alak"),
    _kecamatan("KEC11", "Lembah Hijau"),
    _kecamatan("KEC12", "Talang Dua"),
)

_RISKY_WORDS = ("keuangan", "pengadaan", "perizinan", "pendapatan", "penagihan", "anggaran", "aset",
                "perbendaharaan", "bendahara", "penanaman modal")

# Pelaksana pools per PermenPANRB 45/2022 nomenclature: (name, kelas, pendidikan minimal, field rule)
# where the field rule is "unit" (the unit's field), "ti" or None (any field).
_POOLS: tuple[tuple[str, int, str, str | None], ...] = (
    ("Operator Layanan Operasional", 5, "SLTA", None),
    ("Pengadministrasi Perkantoran", 5, "SLTA", None),
    ("Pengolah Data dan Informasi", 6, "D-III", "ti"),
    ("Pengelola Layanan Operasional", 6, "D-III", None),
    ("Penata Layanan Operasional", 7, "S-1", "unit"),
    ("Penelaah Teknis Kebijakan", 7, "S-1", "unit"),
)
# Old pelaksana names being abolished (Kebutuhan 0, still held).
_ABOLISHED = ("Pengadministrasi Umum", "Pengemudi", "Pramu Kebersihan", "Pengelola Barang Milik Daerah",
              "Caraka", "Pengetik")

_KELAS_JF = {"Terampil": 7, "Mahir": 8, "Penyelia": 9, "Ahli Pertama": 8, "Ahli Muda": 9, "Ahli Madya": 11}
# Competence standards (manajerial, sosial kultural, teknis) of fungsional posts by jenjang.
_STANDAR_JF = {"Terampil": (1, 1, 2), "Mahir": (1, 2, 3), "Penyelia": (2, 2, 3),
               "Ahli Pertama": (1, 1, 2), "Ahli Muda": (2, 2, 3), "Ahli Madya": (3, 3, 4)}


@dataclass
class _Post:
    """A post while the organisation is built (mutable; becomes a Position at the end)."""

    unit: _Unit
    nama: str
    jenis: str
    kelas: int
    kebutuhan: int
    pendidikan_min: str
    bidang: str | None
    jenjang: str | None = None
    family: _Family | None = None
    standar: tuple[int, int, int] | None = None
    risiko: bool = False
    wajib: bool = False
    holders: int = 0
    special: str = ""  # "abolished" or "over": kept out of the vacancy draw
    kode: str = ""


def _n_units(n: int) -> int:
    """25 units at 600 employees, 8 at 50, 40 from about 6,000 on."""
    k = round(8 + 17 * math.log10(n / 50) / math.log10(12))
    return max(8, min(len(_UNITS), k, int(1.05 * n / 6.5)))


def _budgets(n_seats: int, units: Sequence[_Unit]) -> list[int]:
    """Seats per unit: a minimum structure each, the rest by weight (largest remainder, deterministic)."""
    base = 6
    spare = n_seats - base * len(units)
    total_w = sum(u.weight for u in units)
    shares = [spare * u.weight / total_w for u in units]
    out = [base + int(s) for s in shares]
    order = sorted(range(len(units)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: n_seats - sum(out)]:
        out[i] += 1
    return out


def _roman(k: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[k - 1] if k <= 10 else str(k)


def _is_risky(name: str) -> bool:
    low = name.lower()
    return any(w in low for w in _RISKY_WORDS)


def _unit_posts(u: _Unit, seats: int, rng: np.random.Generator) -> list[_Post]:
    """The peta jabatan of one unit with exactly `seats` seats."""
    posts: list[_Post] = []

    def add(post: _Post) -> None:
        post.risiko = post.risiko or _is_risky(post.nama)
        posts.append(post)

    # JPT Pratama (a kecamatan has none: the camat is an Administrator).
    if not u.kecamatan:
        names = u.jpt or (f"Kepala {u.nama}",)
        n_jpt = 1 + (len(names) > 1 and seats > 60) + (len(names) > 2 and seats > 120)
        for name in names[:n_jpt]:
            pend = "S-2" if rng.random() < 0.3 else "S-1"
            add(_Post(u, name, "JPT Pratama", 14, 1, pend, u.bidang if rng.random() < 0.6 else None,
                      standar=(4, 4, 4)))
    # Administrator: sekretaris (or camat + sekcam), then bidang / bagian, then UPT heads.
    n_admin = max(1, round(seats * 0.025))
    if u.kecamatan:
        short = u.nama.removeprefix("Kecamatan ")
        heads = [(f"Camat {short}", 12, "administrasi_sosial"), (f"Sekretaris Kecamatan {short}", 11, None)]
        n_admin = max(n_admin, 2 if seats >= 9 else 1)
    else:
        heads = [] if u.admin_title == "Kepala Bagian" else [(f"Sekretaris {u.nama}", 12, None)]
        heads += [(f"{u.admin_title} {b}", 11, u.bidang) for b in u.bagian]
    for k in range(n_admin):
        if k < len(heads):
            name, kelas, bidang = heads[k]
        else:
            name, kelas, bidang = f"Kepala UPT {u.nama} {k - len(heads) + 1}", 11, u.bidang
        add(_Post(u, name, "Administrator", kelas, 1, "S-1", bidang if rng.random() < 0.7 else None,
                  standar=(3, 3, 3 + (rng.random() < 0.3))))
    # Pengawas: subbagian of the secretariat, then seksi of each bidang.
    n_peng = max(1, min(round(n_admin * 2.4), seats // 4))
    subs = [("Kepala Subbagian Umum dan Kepegawaian", 9, "administrasi_sosial"),
            ("Kepala Subbagian Keuangan", 9, "ekonomi_akuntansi"),
            ("Kepala Subbagian Perencanaan dan Pelaporan", 9, None)]
    if u.kecamatan:
        subs = subs[:2] + [(f"Kepala Seksi {b}", 8, u.bidang) for b in u.bagian]
    for k in range(n_peng):
        if k < len(subs):
            name, kelas, bidang = subs[k]
        else:
            j = k - len(subs)
            name = f"Kepala Seksi {u.bagian[j % len(u.bagian)]} {_roman(j // len(u.bagian) + 1)}"
            kelas, bidang = 8, u.bidang
        pend = "D-III" if rng.random() < 0.3 else "S-1"
        add(_Post(u, name, "Pengawas", kelas, 1, pend, bidang if rng.random() < 0.75 else None,
                  standar=(2 + (rng.random() < 0.5), 2 + (rng.random() < 0.4), 2 + (rng.random() < 0.6))))
    rest = seats - len(posts)
    n_fung = max(1, round(rest * u.fungsional)) if rest >= 3 else max(0, rest - 2)
    n_pel = rest - n_fung
    if n_pel < 2 and n_fung > 1:  # keep a pelaksana pool in every unit
        n_fung, n_pel = n_fung - (2 - n_pel), 2
    # Fungsional: mostly one seat each.
    fam_pick = _Pick([(f, 1.0 / (i + 1)) for i, f in enumerate(u.families)])
    left = n_fung
    while left > 0:
        fam = _FAMILIES[fam_pick(rng.random())]
        skill = [j for j in fam.jenjang if j in _SKILL]
        ahli = [j for j in fam.jenjang if j in _AHLI]
        chain = skill if skill and (not ahli or rng.random() < 0.4) else ahli
        weights = (0.5, 0.3, 0.2) if chain is skill else (0.45, 0.35, 0.2)
        jenjang = _Pick(list(zip(chain, weights, strict=False)))(rng.random())
        r = rng.random()
        size = min(left, 1 if r < 0.75 else 2 if r < 0.9 else 3)
        pend = "D-III" if jenjang in _SKILL else "Profesi" if fam.profesi else "S-1"
        kelas = min(12, _KELAS_JF[jenjang] + (fam.nama == "Dokter"))
        add(_Post(u, f"{fam.nama} {jenjang}", "Fungsional", kelas, size, pend, fam.bidang, jenjang, fam,
                  standar=_STANDAR_JF[jenjang], risiko=fam.risiko))
        left -= size
    # Pelaksana: a bendahara, then pools of 5–30 seats (smaller when the unit is tiny).
    left = n_pel
    if left >= 8:
        add(_Post(u, "Bendahara", "Pelaksana", 7, 1, "D-III", "ekonomi_akuntansi"))
        left -= 1
    while left > 0:
        name, kelas, pend, rule = _nth(_POOLS, rng.random())
        size = int(rng.integers(5, 31))
        if left - size < 2:
            size = left
        bidang = u.bidang if rule == "unit" else ("ti" if rule == "ti" and rng.random() < 0.3 else None)
        add(_Post(u, name, "Pelaksana", kelas, size, pend, bidang))
        left -= size
    _dedupe_names(posts)
    return posts


def _dedupe_names(posts: list[_Post]) -> None:
    """Make (nama, unit) unique, so a post can also be found by name: 'Perawat Ahli Muda (2)'."""
    seen: dict[str, int] = {}
    for p in posts:
        k = seen.get(p.nama, 0) + 1
        seen[p.nama] = k
        if k > 1:
            p.nama = f"{p.nama} ({k})"


def _organisation(n: int, rng: np.random.Generator) -> tuple[list[_Unit], list[_Post]]:
    """Units and posts with their Kebutuhan and current number of holders (summing to n)."""
    units = list(_UNITS[: _n_units(n)])
    n_seats = math.ceil(1.05 * n)
    posts: list[_Post] = []
    for unit, seats in zip(units, _budgets(n_seats, units), strict=True):
        posts.extend(_unit_posts(unit, seats, rng))
    for p in posts:
        p.holders = p.kebutuhan
    # Abolished posts (old pelaksana names), still held by one to three people.
    for k in range(max(1, round(n / 400))):
        unit = units[int(rng.integers(len(units)))]
        rounds, which = divmod(k, len(_ABOLISHED))
        name = _ABOLISHED[which] + (f" ({rounds + 1})" if rounds else "")
        posts.append(_Post(unit, name, "Pelaksana", 5, 0, "SLTA", None, holders=int(rng.integers(1, 4)),
                           special="abolished"))
    # Over-staffed posts: more holders than Kebutuhan (pools and fungsional).
    candidates = [j for j, p in enumerate(posts) if p.jenis in ("Pelaksana", "Fungsional") and not p.special]
    n_over = max(2, round(0.03 * len(candidates)))
    for j in sorted(rng.choice(len(candidates), size=min(n_over, len(candidates)), replace=False).tolist()):
        p = posts[candidates[j]]
        p.holders += int(rng.integers(1, 4)) if p.kebutuhan >= 5 else 1
        p.special = "over"
    # Vacancies: take the surplus away, more often from managerial posts (Efraimidis–Spirakis draw).
    surplus = sum(p.holders for p in posts) - n
    free = [j for j, p in enumerate(posts) if not p.special]
    weight = {"JPT Pratama": 3.0, "Administrator": 2.0, "Pengawas": 1.6, "Fungsional": 1.0, "Pelaksana": 0.8}
    seat_post = np.repeat(np.array(free), [posts[j].holders for j in free])
    seat_w = np.array([weight[posts[j].jenis] for j in seat_post.tolist()])
    keys = np.log(1.0 - rng.random(len(seat_post))) / seat_w
    take = np.argsort(-keys, kind="stable")[:surplus]
    for j, k in zip(*np.unique(seat_post[take], return_counts=True), strict=True):
        posts[int(j)].holders -= int(k)
    # Must-fill: key vacancies of each unit (the head of the unit first).
    rank = {"JPT Pratama": 0, "Administrator": 1, "Pengawas": 2, "Fungsional": 3}
    vacant: dict[str, list[_Post]] = {u.kode: [] for u in units}
    for p in posts:
        if p.holders < p.kebutuhan and p.jenis != "Pelaksana":
            vacant[p.unit.kode].append(p)
    for unit in units:
        for p in sorted(vacant[unit.kode], key=lambda p: rank[p.jenis])[:2]:
            p.wajib = p.jenis in ("JPT Pratama", "Administrator") or rng.random() < 0.5
    if not any(p.wajib for p in posts):
        next(p for p in posts if p.holders < p.kebutuhan).wajib = True
    return units, posts


# --- people --------------------------------------------------------------------------------------------

# Programme names per field and level group; "S" covers D-IV/S-1, "M" S-2/S-3, "D" D-I…D-III.
_SUBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "kesehatan": {"D": ("Keperawatan", "Kebidanan", "Farmasi", "Gizi", "Analis Kesehatan", "Rekam Medis"),
                  "S": ("Keperawatan", "Kesehatan Masyarakat", "Farmasi", "Gizi"),
                  "M": ("Kesehatan Masyarakat", "Administrasi Kesehatan"), "SLTA": ("SMK Kesehatan",)},
    "teknik_sipil": {"D": ("Teknik Sipil",),
                     "S": ("Teknik Sipil", "Arsitektur", "Perencanaan Wilayah dan Kota"),
                     "M": ("Teknik Sipil", "Perencanaan Wilayah"), "SLTA": ("SMK Teknik Sipil",)},
    "ti": {"D": ("Manajemen Informatika", "Teknik Komputer"),
           "S": ("Teknik Informatika", "Sistem Informasi", "Ilmu Komputer"), "M": ("Teknologi Informasi",),
           "SLTA": ("SMK Teknik Komputer dan Jaringan",)},
    "hukum": {"D": ("Hukum",), "S": ("Ilmu Hukum", "Hukum Tata Negara"), "M": ("Ilmu Hukum",)},
    "ekonomi_akuntansi": {"D": ("Akuntansi", "Perpajakan", "Keuangan dan Perbankan"),
                          "S": ("Akuntansi", "Manajemen", "Ekonomi Pembangunan"),
                          "M": ("Manajemen", "Ekonomi Pembangunan", "Akuntansi"), "SLTA": ("SMK Akuntansi",)},
    "administrasi_sosial": {"D": ("Administrasi Perkantoran", "Administrasi Negara"),
                            "S": ("Ilmu Pemerintahan", "Administrasi Negara", "Administrasi Publik",
                                  "Sosiologi", "Ilmu Komunikasi", "Kesejahteraan Sosial"),
                            "M": ("Ilmu Administrasi", "Ilmu Pemerintahan", "Administrasi Publik"),
                            "SLTA": ("SMK Administrasi Perkantoran",)},
    "pendidikan": {"D": ("Pendidikan Guru Sekolah Dasar",),
                   "S": ("Pendidikan Matematika", "Pendidikan Bahasa Indonesia", "PGSD", "Pendidikan Biologi",
                         "Pendidikan Jasmani", "Bimbingan Konseling", "Pendidikan Bahasa Inggris"),
                   "M": ("Pendidikan Dasar", "Teknologi Pendidikan")},
    "pertanian": {"D": ("Agribisnis", "Peternakan"),
                  "S": ("Agroteknologi", "Agribisnis", "Peternakan", "Perikanan", "Kehutanan"),
                  "M": ("Agribisnis",), "SLTA": ("SMK Pertanian",)},
    "teknik_lain": {"D": ("Teknik Mesin", "Teknik Listrik"),
                    "S": ("Teknik Mesin", "Teknik Elektro", "Teknik Lingkungan", "Teknik Industri"),
                    "M": ("Teknik Lingkungan",), "SLTA": ("SMK Teknik Mesin",)},
    "umum": {"SLTA": ("SMA IPA", "SMA IPS")},
    "": {"D": ("Perhotelan", "Sekretari"), "S": ("Psikologi", "Sastra Inggris", "Matematika", "Statistika"),
         "M": ("Psikologi",), "SLTA": ("SMK Tata Boga",)},  # matching no field of rumpun.csv
}
_LEVEL_GROUP = {"SD": "SD", "SLTP": "SLTP", "SLTA": "SLTA", "D-I": "D", "D-II": "D", "D-III": "D",
                "D-IV": "S", "S-1": "S", "Profesi": "P", "S-2": "M", "Spesialis": "Sp", "S-3": "M"}
_SPESIALIS = ("Penyakit Dalam", "Anak", "Bedah", "Obstetri dan Ginekologi", "Anestesiologi")
_GENERAL_FIELDS = _Pick([("administrasi_sosial", 0.32), ("ekonomi_akuntansi", 0.2), ("hukum", 0.08),
                         ("kesehatan", 0.08), ("ti", 0.07), ("pendidikan", 0.06), ("teknik_sipil", 0.05),
                         ("pertanian", 0.05), ("teknik_lain", 0.04), ("", 0.05)])
_TRAINING = ("ti", "ekonomi_akuntansi", "hukum", "administrasi_sosial", "kesehatan", "teknik_sipil",
             "pertanian", "pendidikan")

_PENDIDIKAN: dict[str, _Pick[str]] = {
    "JPT Pratama": _Pick([("S-2", 0.7), ("S-1", 0.24), ("S-3", 0.06)]),
    "Administrator": _Pick([("S-1", 0.48), ("S-2", 0.46), ("D-IV", 0.06)]),
    "Pengawas": _Pick([("S-1", 0.65), ("S-2", 0.15), ("D-III", 0.12), ("D-IV", 0.08)]),
    "skill": _Pick([("D-III", 0.85), ("D-IV", 0.05), ("S-1", 0.1)]),
    "ahli": _Pick([("S-1", 0.75), ("D-IV", 0.08), ("S-2", 0.17)]),
    "madya": _Pick([("S-1", 0.55), ("S-2", 0.45)]),
    "profesi": _Pick([("Profesi", 0.88), ("Spesialis", 0.08), ("S-2", 0.04)]),
    "perawat": _Pick([("S-1", 0.4), ("Profesi", 0.55), ("S-2", 0.05)]),
    "SLTA": _Pick([("SLTA", 0.58), ("D-III", 0.2), ("S-1", 0.2), ("SLTP", 0.02)]),
    "D-III": _Pick([("D-III", 0.55), ("S-1", 0.32), ("SLTA", 0.08), ("D-IV", 0.05)]),
    "S-1": _Pick([("S-1", 0.88), ("S-2", 0.06), ("D-III", 0.06)]),
}
# Age range (years at tanggal_acuan) by post level.
_AGES = {"JPT Pratama": (47, 59), "Administrator": (40, 57), "Pengawas": (32, 57), "Pelaksana": (22, 57),
         "Terampil": (22, 47), "Mahir": (28, 55), "Penyelia": (35, 57), "Ahli Pertama": (24, 50),
         "Ahli Muda": (33, 57), "Ahli Madya": (44, 59)}
_ENTRY_AGE = {"SD": (19, 25), "SLTP": (19, 25), "SLTA": (19, 27), "D-I": (20, 27), "D-II": (21, 28),
              "D-III": (21, 29), "D-IV": (23, 32), "S-1": (23, 33), "Profesi": (25, 33), "S-2": (26, 36),
              "Spesialis": (29, 38), "S-3": (30, 40)}
# Golongan (urutan) at entry and the ceiling reachable without a structural post.
_ENTRY_GOL = {"SD": 1, "SLTP": 3, "SLTA": 5, "D-I": 5, "D-II": 6, "D-III": 7, "D-IV": 9, "S-1": 9,
              "Profesi": 10, "S-2": 10, "Spesialis": 11, "S-3": 11}
_MAX_GOL = {"SD": 8, "SLTP": 10, "SLTA": 11, "D-I": 11, "D-II": 12, "D-III": 12, "D-IV": 13, "S-1": 13,
            "Profesi": 15, "S-2": 15, "Spesialis": 16, "S-3": 17}
_KINERJA = _Pick([("Sangat Baik", 0.15), ("Baik", 0.7), ("Butuh Perbaikan", 0.1), ("Kurang", 0.035),
                  ("Sangat Kurang", 0.015)])
_POTENSI = _Pick([("Tinggi", 0.25), ("Menengah", 0.55), ("Rendah", 0.2)])
_HUKUMAN = _Pick([("Ringan", 0.5), ("Sedang", 0.3), ("Berat", 0.2)])
# PermenPANRB 3/2020 numbering of the 9-box (ekspektasi kinerja, potensi) -> kotak.
_KOTAK = {("di atas", "Tinggi"): 9, ("sesuai", "Tinggi"): 8, ("di atas", "Menengah"): 7,
          ("di bawah", "Tinggi"): 6, ("sesuai", "Menengah"): 5, ("di atas", "Rendah"): 4,
          ("di bawah", "Menengah"): 3, ("sesuai", "Rendah"): 2, ("di bawah", "Rendah"): 1}
_LEVEL = {"JPT Pratama": 4, "Administrator": 3, "Pengawas": 3, "Fungsional": 2, "Pelaksana": 2}

_SYL_START = ("A", "Ba", "Da", "Ga", "Ha", "I", "Ja", "Ka", "La", "Ma", "Na", "Pa", "Ra", "Sa", "Ta", "Wa",
              "Ya", "Yu", "Su", "Ri", "Di", "Ti", "Bu", "Se", "Ke", "Lu", "No", "Re", "We", "Zu", "E", "O")
_SYL_MID = ("di", "ra", "ma", "na", "si", "ti", "lu", "ya", "wi", "sa", "ha", "ri", "ndra", "nti", "rya",
            "gus", "kar", "dan", "sto", "lia", "mi", "ne", "ro", "bu")
_END_L = ("to", "no", "di", "man", "wan", "ra", "dra", "ko", "har", "din", "yanto", "yadi", "ril", "fan")
_END_P = ("ti", "ni", "wati", "sari", "yani", "na", "la", "ri", "ka", "nah", "tri", "ah", "lia", "sih")
_END_FAMILY = ("wijaya", "putra", "ningrum", "saputra", "lestari", "pratama", "kusuma", "hadi", "harjo",
               "rahayu", "santoso", "utami", "mulyana", "sembada")
_GELAR_S = {"kesehatan": "S.K.M.", "teknik_sipil": "S.T.", "ti": "S.Kom.", "hukum": "S.H.",
            "ekonomi_akuntansi": "S.E.", "administrasi_sosial": "S.Sos.", "pendidikan": "S.Pd.",
            "pertanian": "S.P.", "teknik_lain": "S.T.", "umum": "S.Si.", "": "S.Psi."}
_GELAR_M = {"kesehatan": "M.Kes.", "teknik_sipil": "M.T.", "ti": "M.Kom.", "hukum": "M.H.",
            "ekonomi_akuntansi": "M.M.", "administrasi_sosial": "M.Si.", "pendidikan": "M.Pd.",
            "pertanian": "M.P.", "teknik_lain": "M.T.", "umum": "M.Si.", "": "M.Psi."}


def _name(sex: str, r: Sequence[int]) -> str:
    """A fictional Indonesian-sounding name from syllables (never a list of real names)."""
    end = _END_L if sex == "L" else _END_P
    first = _SYL_START[r[0] % len(_SYL_START)] + _SYL_MID[r[1] % len(_SYL_MID)]
    if r[2] % 3 == 0:
        first += _SYL_MID[(r[2] // 3) % len(_SYL_MID)]
    first += end[r[3] % len(end)]
    if r[4] % 5 == 0:
        return first
    last = _SYL_START[(r[4] // 5) % len(_SYL_START)] + _SYL_MID[(r[4] // 160) % len(_SYL_MID)]
    return f"{first} {last.capitalize()}{_END_FAMILY[(r[4] // 4000) % len(_END_FAMILY)]}"


def _jurusan(pendidikan: str, target: str, family: _Family | None, u: float) -> tuple[str, str]:
    """Programme name for a level and a wanted field; returns (jurusan, field used for the gelar)."""
    group = _LEVEL_GROUP[pendidikan]
    if group == "SD":
        return "SD", "umum"
    if group == "SLTP":
        return "SMP", "umum"
    if group == "SLTA":
        options = _SUBJECTS.get(target, {}).get("SLTA") or _SUBJECTS["umum"]["SLTA"]
        return _nth(options, u), target
    own = family if family is not None and family.bidang == target else None
    if group == "P":
        return f"Profesi {own.profesi if own and own.profesi else 'Ners'}", "kesehatan"
    if group == "Sp":
        return f"Dokter Spesialis {_nth(_SPESIALIS, u)}", "kesehatan"
    if own and own.subjects and group in ("D", "S"):
        return f"{pendidikan} {_nth(own.subjects, u)}", target
    by_level = _SUBJECTS.get(target, {})
    subjects = by_level.get(group) or by_level.get("S")
    if not subjects:
        target, subjects = "administrasi_sosial", _SUBJECTS["administrasi_sosial"][group]
    return f"{pendidikan} {_nth(subjects, u)}", target


def _gelar(nama: str, pendidikan: str, field_: str, jurusan: str) -> str:
    if pendidikan in ("D-III", "D-II", "D-I"):
        return f"{nama}, A.Md."
    if pendidikan == "D-IV":
        return f"{nama}, S.Tr."
    if pendidikan == "S-1":
        return f"{nama}, {_GELAR_S.get(field_, 'S.Sos.')}"
    if pendidikan == "Profesi":
        if "Dokter" in jurusan:
            return f"dr. {nama}"
        if "Apoteker" in jurusan:
            return f"apt. {nama}, S.Farm."
        return f"{nama}, S.Kep., Ns."
    if pendidikan == "Spesialis":
        return f"dr. {nama}, Sp.{''.join(w[0] for w in jurusan.split()[2:] if w[0].isupper())}."
    if pendidikan == "S-2":
        return f"{nama}, {_GELAR_S.get(field_, 'S.Sos.')}, {_GELAR_M.get(field_, 'M.Si.')}"
    if pendidikan == "S-3":
        return f"Dr. {nama}, {_GELAR_M.get(field_, 'M.Si.')}"
    return nama


@dataclass(frozen=True)
class _Profile:
    """What a post implies for the people holding it, computed once per post."""

    bup: int
    golongan_min: int | None
    golongan_max: int | None
    struktural: bool
    ages: tuple[float, float]
    entry_level: bool
    pppk_rate: float
    pendidikan: _Pick[str]
    match: float
    level: int  # expected competence level


def _profile(p: _Post, ref: Reference) -> _Profile:
    jj = ref.jenis_of(p.jenis, p.jenjang)
    if jj is None:
        raise ValueError(f"jenis jabatan tidak dikenal: {p.jenis} {p.jenjang}")
    level_key = p.jenjang if p.jenis == "Fungsional" and p.jenjang else p.jenis
    lo, hi = _AGES[level_key]
    # PPPK mostly in fungsional posts (guru, tenaga kesehatan); CPNS only in entry posts.
    pppk_rate = 0.0
    if p.jenis == "Fungsional":
        pppk_rate = 0.3 if p.unit.bidang == "pendidikan" else 0.12
    elif p.jenis == "Pelaksana" and p.kebutuhan > 0:
        pppk_rate = 0.05
    if p.jenis == "Fungsional" and p.family is not None:
        if p.jenjang in _SKILL:
            kind = "skill"
        elif p.family.profesi:
            kind = "profesi"
        elif p.family.nama == "Perawat":
            kind = "perawat"
        else:
            kind = "madya" if p.jenjang == "Ahli Madya" else "ahli"
    elif p.jenis == "Pelaksana":
        kind = p.pendidikan_min
    else:
        kind = p.jenis
    return _Profile(
        bup=jj.bup, golongan_min=jj.golongan_min, golongan_max=jj.golongan_max, struktural=jj.struktural,
        ages=(lo, min(hi, jj.bup - 1.1)),
        entry_level=p.jenis == "Pelaksana" or p.jenjang in ("Terampil", "Ahli Pertama"),
        pppk_rate=pppk_rate, pendidikan=_PENDIDIKAN[kind],
        match={"Fungsional": 0.95, "Pelaksana": 0.6}.get(p.jenis, 0.7),
        level=_LEVEL[p.jenis] - (p.jenjang in ("Terampil", "Ahli Pertama")),
    )


def _statuses(profiles: Sequence[_Profile], draws: Sequence[float]) -> list[str]:
    """PPPK mostly in fungsional posts, CPNS only in entry posts; at least one of each in any pemda."""
    out = []
    for pr, u in zip(profiles, draws, strict=True):
        if u < pr.pppk_rate:
            out.append("PPPK")
        elif pr.entry_level and u < pr.pppk_rate + 0.06:
            out.append("CPNS")
        else:
            out.append("Aktif")
    for status, allowed in (("PPPK", lambda pr: pr.pppk_rate > 0), ("CPNS", lambda pr: pr.entry_level)):
        if status not in out:  # the closest miss of the draw becomes one
            pick = min((i for i, pr in enumerate(profiles) if out[i] == "Aktif" and allowed(pr)),
                       key=lambda i: draws[i] - profiles[i].pppk_rate, default=None)
            if pick is not None:
                out[pick] = status
    return out


def _employees(posts: list[_Post], units: list[_Unit], ref: Reference, acuan: date,
               rng: np.random.Generator) -> list[Employee]:
    """One employee per holder, with attributes drawn to fit the post they hold."""
    slots = [j for j, p in enumerate(posts) for _ in range(p.holders)]
    n = len(slots)
    uu = rng.random((n, 32)).tolist()
    ints = rng.integers(0, 2**31 - 1, size=(n, 5)).tolist()
    pns_codes = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PNS"}
    pppk_codes = {g.urutan: g.kode for g in ref.golongan.values() if g.jenis == "PPPK"}
    ekspektasi = {k.kode: ref.ekspektasi(k.kode) for k in ref.kinerja}
    unit_names = [u.nama for u in units]
    day0 = acuan.toordinal()
    profiles: dict[int, _Profile] = {}
    bidang_cache: dict[str, str | None] = {}
    nip_seq: dict[str, int] = {}
    out: list[Employee] = []
    for j in dict.fromkeys(slots):
        profiles[j] = _profile(posts[j], ref)
    statuses = _statuses([profiles[j] for j in slots], [row[0] for row in uu])
    for i, j in enumerate(slots):
        u = uu[i]
        p = posts[j]
        pr = profiles[j]
        status = statuses[i]
        sex = "P" if u[1] < p.unit.female else "L"
        pendidikan = pr.pendidikan(u[2])
        if pendidikan == "Spesialis" and p.unit.kode != "RSUD":
            pendidikan = "Profesi"
        # Field of study: usually the post's, sometimes another (the mismatches the optimiser can fix).
        if p.bidang and u[3] < pr.match:
            target = p.bidang
        else:
            target = _GENERAL_FIELDS(u[4])
            if target == "" and u[5] < 0.6:  # keep programmes matching no field rare (about 2 %)
                target = "administrasi_sosial"
        if pendidikan == "SLTA" and target in ("hukum", "pendidikan"):
            target = "umum"
        jurusan, gelar_field = _jurusan(pendidikan, target, p.family, u[6])
        if jurusan not in bidang_cache:
            bidang_cache[jurusan] = ref.bidang_of(jurusan)
        # Age, entry (TMT CPNS) and service, in years at tanggal_acuan.
        lo, hi = pr.ages
        entry_lo, entry_hi = _ENTRY_AGE[pendidikan]
        if status == "CPNS":
            service = (1 + 10 * u[7]) / 12
            age = max(22.0, entry_lo + (entry_hi - entry_lo) * u[8]) + service
        elif status == "PPPK":
            service = 0.5 + 6.5 * u[7]
            age = max(lo, min(hi, 24 + 28 * u[8] + service))
        else:
            age = lo + (hi - lo) * u[8] ** 0.9
            if u[9] < 0.04:  # within 12 months of retirement (R4)
                age = pr.bup - (0.5 + 11 * u[10]) / 12
            entry = min(entry_lo + (entry_hi - entry_lo) * u[11], age - 1.5)
            service = age - entry
        birth = date.fromordinal(day0 - int(age * 365.25))
        start = date.fromordinal(day0 - int(service * 365.25))
        tmt_cpns = date(start.year, start.month, 1)
        if status not in ("CPNS", "PPPK") and pr.bup - age < 1 and u[12] < 0.3:
            status = "MPP"
        elif status == "Aktif" and u[12] < 0.005:
            status = "Tugas Belajar"
        elif status == "Aktif" and u[12] < 0.008:
            status = "CLTN"
        # Golongan: entry grade plus regular promotions, kept near the post's range.
        # PPPK golongan I–XVII parallel PNS urutan (IX ~ III/a) and are set by the post, not by service.
        g = _ENTRY_GOL[pendidikan]
        if status in ("Aktif", "MPP", "Tugas Belajar", "CLTN"):
            g = min(_MAX_GOL[pendidikan], g + int(service / 4 * (0.75 + 0.5 * u[13])))
        if status != "CPNS" and pr.golongan_min is not None and g < pr.golongan_min:
            g = pr.golongan_min - 1 if pr.struktural and u[14] < 0.08 else pr.golongan_min
        if pr.golongan_max is not None and g > pr.golongan_max and u[14] > 0.03:
            g = pr.golongan_max
        g = max(1, min(17, g))
        golongan = pppk_codes[g] if status == "PPPK" else pns_codes[g]
        # NIP: birth yyyymmdd + TMT yyyymm (PPPK: month + 20) + sex + sequence.
        month = tmt_cpns.month + (20 if status == "PPPK" else 0)
        prefix = (f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{tmt_cpns.year:04d}{month:02d}"
                  f"{1 if sex == 'L' else 2}")
        seq = nip_seq.get(prefix, 0) + 1
        nip_seq[prefix] = seq
        # Time in the current post: ~35 % under 24 months, ~25 % over 60 (short careers cap the draw).
        r = u[15]
        months = 1 + 22 * u[16] if r < 0.24 else 24 + 36 * u[16] if r < 0.64 else 61 + 96 * u[16]
        tmt_jabatan = date.fromordinal(max(day0 - int(months * 30.44), tmt_cpns.toordinal()))
        # Performance, potential, talent box, competence.
        kinerja = _KINERJA(u[17])
        potensi = _POTENSI(u[19]) if u[18] < (0.4 if status == "CPNS" else 0.87) else None
        kotak = _KOTAK[(ekspektasi[kinerja], potensi)] if potensi else None
        komp: list[int | None] = [None, None, None]
        if u[20] < 0.88:
            for k in range(3):
                step = int(u[21 + k] * 5) - 2  # -2 … 2, the extremes halved most of the time
                komp[k] = max(1, min(5, pr.level + (step if abs(step) < 2 or u[24] < 0.3 else step // 2)))
        # Training, sanctions, willingness, preferences.
        pelatihan: tuple[str, ...] = ()
        if u[25] < 0.2:
            first = _nth(_TRAINING, u[26])
            second = _nth(_TRAINING, (u[26] * 7.31) % 1)
            pelatihan = (first,) if first == second or u[26] < 0.5 else (first, second)
        hukuman, akhir = "Tidak Ada", None
        if u[27] < 0.02:
            hukuman = _HUKUMAN(u[28])
            akhir = date.fromordinal(day0 - 400 + int(1100 * u[29]))
        diminati: tuple[str, ...] = ()
        if u[31] < 0.08:
            picks = (_nth(unit_names, (u[31] * 12.5) % 1), _nth(unit_names, (u[31] * 157.3) % 1))
            diminati = tuple(dict.fromkeys(x for x in picks if x != p.unit.nama))
        out.append(Employee(
            nip=f"{prefix}{seq:03d}", nama=_gelar(_name(sex, ints[i]), pendidikan, gelar_field, jurusan),
            golongan=golongan, pendidikan=pendidikan, jurusan=jurusan, bidang=bidang_cache[jurusan],
            pelatihan=pelatihan, kode_jabatan=p.kode, tmt_jabatan=tmt_jabatan, tanggal_lahir=birth,
            jenis_kelamin=sex, status=status, kinerja=kinerja, potensi=potensi, kotak=kotak,
            komp_manajerial=komp[0], komp_sosial_kultural=komp[1], komp_teknis=komp[2], hukuman=hukuman,
            akhir_hukuman=akhir, bersedia_mutasi=u[30] >= 0.05, unit_diminati=diminati,
        ))
    return out


def generate_demo(n_pegawai: int = 600, seed: int = 1,
                  tanggal_acuan: date = date(2026, 12, 1)) -> ProblemData:
    """A fictional pemda ("Pemerintah Daerah Alak") with `n_pegawai` employees, deterministic per seed."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(f"jumlah pegawai demo minimal {MIN_PEGAWAI}")
    with _no_gc():
        return _generate(n_pegawai, seed, tanggal_acuan)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic collector: it would rescan the growing heap of small, acyclic objects many times."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _generate(n_pegawai: int, seed: int, tanggal_acuan: date) -> ProblemData:
    ref = load_reference()
    rng = np.random.default_rng(seed % 2**64)  # any int, negative ones too
    units, posts = _organisation(n_pegawai, rng)
    counter: dict[str, int] = {}
    for p in posts:
        counter[p.unit.kode] = counter.get(p.unit.kode, 0) + 1
        p.kode = f"{p.unit.kode}.{counter[p.unit.kode]:04d}"
    positions = tuple(
        Position(
            kode=p.kode, nama=p.nama, unit=p.unit.nama, jenis=p.jenis, jenjang=p.jenjang, kelas=p.kelas,
            kebutuhan=p.kebutuhan, pendidikan_min=p.pendidikan_min, bidang=p.bidang,
            standar_manajerial=p.standar[0] if p.standar else None,
            standar_sosial_kultural=p.standar[1] if p.standar else None,
            standar_teknis=p.standar[2] if p.standar else None,
            risiko_tinggi=p.risiko, wajib_diisi=p.wajib,
        )
        for p in posts
    )
    employees = tuple(_employees(posts, units, ref, tanggal_acuan, rng))
    return ProblemData(employees=employees, positions=positions, params=Params(tanggal_acuan=tanggal_acuan),
                       scenario_name=LABEL)
