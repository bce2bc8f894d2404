"""An independent input-workbook generator: a fictional kota ("Kota Watu Lestari") as its BKPSDM would export it.

This module deliberately imports nothing from ``penempatan``: the plan must be judged on data the project did not
generate itself.  It writes the sheets of SPEC section 2 the way a real pemda fills them: SIASN export column names
in ``Pegawai``, a coarse and inconsistent ``Bidang`` in ``Jabatan``, school and puskesmas posts named either by
their unit or by a `` - <lokasi>`` suffix, vacancies concentrated in schools and puskesmas, a few surplus and
abolished posts, and some people planted on purpose (poor performers, active sanctions, clerks close to BUP, old
teachers, PPPK).  ``write_kota`` returns the planted counts, measured on the data actually written.

    python -m tests.kota.generate OUT.xlsx --pegawai 3000 --seed 2
"""

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

KOTA = "Kota Watu Lestari"
CATATAN = "Data fiktif untuk pengujian: Kota Watu Lestari (bukan data nyata)"

JABATAN_HEADERS = [
    "Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Jenis Jabatan", "Jenjang", "Kelas Jabatan", "Kebutuhan",
    "Pendidikan Minimal", "Bidang", "Risiko Tinggi", "Wajib Diisi",
]
PEGAWAI_HEADERS = [
    "NIP BARU", "NAMA", "GOL AKHIR NAMA", "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN NAMA", "Kode Jabatan",
    "JABATAN NAMA", "UNOR NAMA", "TMT JABATAN", "TANGGAL LAHIR", "JENIS KELAMIN", "KEDUDUKAN HUKUM NAMA",
    "Predikat Kinerja", "Potensi", "Kotak Talenta", "Kompetensi Manajerial", "Kompetensi Sosial Kultural",
    "Kompetensi Teknis", "Pelatihan", "Hukuman Disiplin", "Akhir Hukuman", "Bersedia Mutasi", "Unit Diminati",
    "Siap Naik Jenjang", "Sertifikat",
]
DATE_FORMAT = "dd-mm-yyyy"

# --------------------------------------------------------------------------------------------------------------
# Reference values (the generator's own; never read from the project)
# --------------------------------------------------------------------------------------------------------------

GOLONGAN = [f"{r}/{s}" for r, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
            for s in letters]
GOL_INDEX = {g: i for i, g in enumerate(GOLONGAN)}
PPPK_GOLONGAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                 "XVI", "XVII"]

KELAS_JF = {"Ahli Madya": 11, "Ahli Muda": 9, "Ahli Pertama": 8, "Penyelia": 8, "Mahir": 7, "Terampil": 6,
            "Pemula": 5}
# post level -> golongan range (PNS)
GOL_RANGE = {
    "JPT Pratama": ("IV/b", "IV/d"), "Administrator": ("III/d", "IV/b"), "Pengawas": ("III/b", "III/d"),
    "Ahli Madya": ("IV/a", "IV/c"), "Ahli Muda": ("III/c", "III/d"), "Ahli Pertama": ("III/a", "III/b"),
    "Penyelia": ("III/c", "III/d"), "Mahir": ("III/a", "III/b"), "Terampil": ("II/b", "II/d"),
    "Pemula": ("II/a", "II/a"), "Pelaksana": ("II/a", "III/b"),
}
# post level -> years of service a holder typically has
SERVICE = {
    "JPT Pratama": (18, 32), "Administrator": (14, 30), "Pengawas": (8, 28), "Ahli Madya": (14, 32),
    "Ahli Muda": (6, 25), "Ahli Pertama": (0, 14), "Penyelia": (12, 30), "Mahir": (6, 24), "Terampil": (0, 20),
    "Pemula": (0, 8), "Pelaksana": (0, 34),
}
ENTRY_AGE = {"SLTA": (19, 28), "D-III": (22, 30), "D-IV": (23, 32), "S-1": (23, 33), "Profesi": (25, 34),
             "S-2": (27, 36)}
START_GOL = {"SLTA": "II/a", "D-III": "II/c", "D-IV": "III/a", "S-1": "III/a", "Profesi": "III/b", "S-2": "III/b"}
# PPPK golongan by post level (IX ~ III/a, X ~ III/b, VII ~ II/c, V ~ II/a)
PPPK_GOL = {"Ahli Pertama": ("IX", "IX", "IX", "X"), "Terampil": ("VII",), "Pelaksana": ("V", "V", "VII")}

SLTA_PROGRAMMES = ["SMA IPA", "SMA IPS", "SMA IPS", "SMK Akuntansi", "SMK Administrasi Perkantoran", "SMA IPA",
                   "SMK Administrasi Perkantoran", "SMK Teknik Kendaraan Ringan"]
D3_GENERIC = ["D-III Akuntansi", "D-III Administrasi Perkantoran", "D-III Manajemen Informatika", "D-III Sekretari",
              "D-III Administrasi Negara"]
S1_GENERIC = ["S-1 Ilmu Administrasi Negara", "S-1 Manajemen", "S-1 Akuntansi", "S-1 Ilmu Pemerintahan",
              "S-1 Ekonomi Pembangunan", "S-1 Ilmu Administrasi Negara"]
HEALTH_GRADS = ["D-III Keperawatan", "S-1 Kesehatan Masyarakat", "D-III Kebidanan", "S-1 Keperawatan",
                "D-III Farmasi"]
TEACHER_GRADS = ["S-1 Pendidikan Guru Sekolah Dasar", "S-1 Pendidikan Matematika", "S-1 Pendidikan Bahasa Inggris",
                 "S-1 Pendidikan Ekonomi"]

# JF family (or teacher subject) -> (keahlian programmes, keterampilan programmes)
PROGRAMMES = {
    "Dokter": (["Profesi Dokter"], []),
    "Dokter Gigi": (["Profesi Dokter Gigi"], []),
    "Perawat": (["S-1 Keperawatan", "Profesi Ners", "Profesi Ners"], ["D-III Keperawatan"]),
    "Bidan": (["D-IV Kebidanan", "S-1 Kebidanan", "Profesi Bidan"], ["D-III Kebidanan"]),
    "Apoteker": (["Profesi Apoteker"], []),
    "Asisten Apoteker": ([], ["D-III Farmasi"]),
    "Nutrisionis": (["S-1 Gizi"], ["D-III Gizi"]),
    "Sanitarian": (["S-1 Kesehatan Lingkungan"], ["D-III Kesehatan Lingkungan", "D-III Sanitasi"]),
    "Pranata Laboratorium Kesehatan": (["D-IV Teknologi Laboratorium Medis"],
                                       ["D-III Analis Kesehatan", "D-III Teknologi Laboratorium Medis"]),
    "Perekam Medis": (["D-IV Rekam Medis dan Informasi Kesehatan"], ["D-III Rekam Medis dan Informasi Kesehatan"]),
    "Radiografer": (["D-IV Radiologi"], ["D-III Radiologi"]),
    "Fisioterapis": (["D-IV Fisioterapi"], ["D-III Fisioterapi"]),
    "Epidemiolog Kesehatan": (["S-1 Kesehatan Masyarakat"], []),
    "Penyuluh Kesehatan Masyarakat": (["S-1 Kesehatan Masyarakat"], []),
    "Administrator Kesehatan": (["S-1 Kesehatan Masyarakat", "S-2 Kesehatan Masyarakat"], []),
    "Guru Kelas": (["S-1 Pendidikan Guru Sekolah Dasar"], []),
    "Guru Matematika": (["S-1 Pendidikan Matematika"], []),
    "Guru Bahasa Indonesia": (["S-1 Pendidikan Bahasa dan Sastra Indonesia"], []),
    "Guru Bahasa Inggris": (["S-1 Pendidikan Bahasa Inggris"], []),
    "Guru Ilmu Pengetahuan Alam": (["S-1 Pendidikan Biologi", "S-1 Pendidikan Fisika"], []),
    "Guru Ilmu Pengetahuan Sosial": (["S-1 Pendidikan Sejarah", "S-1 Pendidikan Ekonomi", "S-1 Pendidikan Geografi"],
                                     []),
    "Guru Pendidikan Jasmani Olahraga dan Kesehatan": (["S-1 Pendidikan Jasmani, Kesehatan dan Rekreasi"], []),
    "Guru Pendidikan Agama Islam": (["S-1 Pendidikan Agama Islam"], []),
    "Guru Bimbingan dan Konseling": (["S-1 Bimbingan dan Konseling"], []),
    "Pengawas Sekolah": (["S-2 Manajemen Pendidikan", "S-1 Pendidikan Guru Sekolah Dasar",
                          "S-1 Pendidikan Matematika"], []),
    "Penilik": (["S-1 Pendidikan Luar Sekolah"], []),
    "Auditor": (["S-1 Akuntansi", "S-1 Akuntansi", "S-1 Manajemen", "S-1 Ekonomi Pembangunan"], ["D-III Akuntansi"]),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": (
        ["S-1 Ilmu Pemerintahan", "S-1 Ilmu Hukum", "S-1 Ilmu Administrasi Negara"], []),
    "Perencana": (["S-1 Perencanaan Wilayah dan Kota", "S-1 Ekonomi Pembangunan", "S-2 Perencanaan Pembangunan",
                   "S-1 Statistika"], []),
    "Statistisi": (["S-1 Statistika"], ["D-III Statistika"]),
    "Analis Sumber Daya Manusia Aparatur": (["S-1 Psikologi", "S-1 Ilmu Administrasi Negara", "S-1 Manajemen"], []),
    "Pranata Sumber Daya Manusia Aparatur": ([], ["D-III Administrasi Negara", "D-III Manajemen Informatika"]),
    "Analis Keuangan Pusat dan Daerah": (["S-1 Akuntansi", "S-1 Ekonomi Pembangunan", "S-1 Manajemen"], []),
    "Pengelola Pengadaan Barang/Jasa": (["S-1 Teknik Sipil", "S-1 Manajemen", "S-1 Akuntansi", "S-1 Ilmu Hukum"], []),
    "Analis Hukum": (["S-1 Ilmu Hukum"], []),
    "Perancang Peraturan Perundang-undangan": (["S-1 Ilmu Hukum"], []),
    "Arsiparis": (["S-1 Ilmu Administrasi Negara", "D-IV Kearsipan"], ["D-III Kearsipan"]),
    "Analis Kebijakan": (["S-1 Ilmu Administrasi Negara", "S-1 Ilmu Pemerintahan", "S-2 Administrasi Publik"], []),
    "Teknik Jalan dan Jembatan": (["S-1 Teknik Sipil"], ["D-III Teknik Sipil"]),
    "Teknik Pengairan": (["S-1 Teknik Sipil", "S-1 Teknik Pengairan"], ["D-III Teknik Sipil"]),
    "Penata Ruang": (["S-1 Perencanaan Wilayah dan Kota", "S-1 Arsitektur"], []),
    "Teknik Tata Bangunan dan Perumahan": (["S-1 Arsitektur", "S-1 Teknik Sipil"], ["D-III Teknik Sipil"]),
    "Administrator Database Kependudukan": (["S-1 Teknik Informatika", "S-1 Sistem Informasi"], []),
    "Pranata Komputer": (["S-1 Teknik Informatika", "S-1 Sistem Informasi", "S-1 Ilmu Komputer"],
                         ["D-III Manajemen Informatika", "D-III Teknik Komputer"]),
    "Penguji Kendaraan Bermotor": (["S-1 Teknik Mesin"],
                                   ["D-III Teknik Otomotif", "D-III Manajemen Transportasi Jalan"]),
    "Analis Kebencanaan": (["S-1 Geografi", "S-1 Teknik Lingkungan", "S-1 Teknik Sipil"], []),
    "Polisi Pamong Praja": (["S-1 Ilmu Hukum", "S-1 Ilmu Pemerintahan"], ["D-III Administrasi Negara", "D-III Hukum"]),
    "Pemadam Kebakaran": ([], ["D-III Teknik Mesin", "D-III Teknik Sipil"]),
    "Analis Kebakaran": (["S-1 Teknik Sipil", "S-1 Teknik Mesin", "S-1 Kesehatan dan Keselamatan Kerja"], []),
    "Penyuluh Pertanian": (["S-1 Agribisnis", "S-1 Agroteknologi", "S-1 Agronomi"],
                           ["D-III Budidaya Tanaman Pangan", "D-III Agribisnis"]),
    "Medik Veteriner": (["S-1 Kedokteran Hewan", "Profesi Dokter Hewan"], []),
    "Paramedik Veteriner": ([], ["D-III Kesehatan Hewan", "D-III Peternakan"]),
    "Penera": ([], ["D-III Metrologi", "D-III Teknik Mesin"]),
    "Pengawas Perdagangan": (["S-1 Ekonomi Pembangunan", "S-1 Manajemen", "S-1 Ilmu Hukum"], []),
    "Analis Perdagangan": (["S-1 Ekonomi Pembangunan", "S-1 Manajemen", "S-1 Agribisnis"], []),
    "Pekerja Sosial": (["S-1 Kesejahteraan Sosial", "D-IV Pekerjaan Sosial"], ["D-III Pekerjaan Sosial"]),
    "Penyuluh Sosial": (["S-1 Kesejahteraan Sosial", "S-1 Ilmu Komunikasi"], []),
    "Pengendali Dampak Lingkungan": (["S-1 Teknik Lingkungan", "S-1 Biologi", "S-1 Kimia"],
                                     ["D-III Teknik Lingkungan"]),
    "Pengawas Lingkungan Hidup": (["S-1 Teknik Lingkungan", "S-1 Ilmu Lingkungan"], []),
    "Pranata Hubungan Masyarakat": (["S-1 Ilmu Komunikasi"], ["D-III Hubungan Masyarakat"]),
    "Sandiman": (["S-1 Teknik Informatika", "D-IV Rekayasa Kriptografi"], ["D-III Persandian"]),
    "Penggerak Swadaya Masyarakat": (["S-1 Ilmu Pemerintahan", "S-1 Kesejahteraan Sosial"], []),
}
# the mismatches a real pemda carries: nurses and midwives who went on to an SKM, teachers from a non-education
# programme of their subject; the other licensed families never hold someone from another programme
MISMATCH = {
    "Perawat": ["S-1 Kesehatan Masyarakat"], "Bidan": ["S-1 Kesehatan Masyarakat"],
    "Guru Kelas": ["S-1 Pendidikan Agama Islam", "S-1 Pendidikan Bahasa dan Sastra Indonesia"],
    "Guru Matematika": ["S-1 Matematika"], "Guru Ilmu Pengetahuan Alam": ["S-1 Biologi", "S-1 Fisika"],
    "Guru Ilmu Pengetahuan Sosial": ["S-1 Ekonomi Pembangunan", "S-1 Sejarah"],
    "Guru Bahasa Inggris": ["S-1 Sastra Inggris"], "Guru Bahasa Indonesia": ["S-1 Sastra Indonesia"],
    "Guru Pendidikan Jasmani Olahraga dan Kesehatan": ["S-1 Ilmu Keolahragaan"],
    "Guru Pendidikan Agama Islam": ["S-1 Hukum Keluarga Islam"],
    "Guru Bimbingan dan Konseling": ["S-1 Psikologi"],
    "Pengawas Sekolah": ["S-2 Administrasi Publik"],
}
LICENSED_STRICT = ["Dokter", "Dokter Gigi", "Apoteker", "Asisten Apoteker", "Nutrisionis", "Sanitarian",
                   "Pranata Laboratorium Kesehatan", "Perekam Medis", "Radiografer", "Fisioterapis",
                   "Epidemiolog Kesehatan", "Penyuluh Kesehatan Masyarakat", "Administrator Kesehatan",
                   "Medik Veteriner", "Paramedik Veteriner", "Auditor", "Sandiman"]

# unit sector -> programmes of structural officials
SECTOR_PROGRAMMES = {
    "umum": ["S-1 Ilmu Administrasi Negara", "S-1 Ilmu Pemerintahan", "S-2 Administrasi Publik", "S-1 Ilmu Hukum",
             "S-1 Manajemen"],
    "kesehatan": ["S-1 Kesehatan Masyarakat", "S-2 Kesehatan Masyarakat", "Profesi Dokter", "S-1 Keperawatan",
                  "S-1 Ilmu Administrasi Negara"],
    "pendidikan": ["S-1 Pendidikan Guru Sekolah Dasar", "S-1 Pendidikan Matematika", "S-2 Manajemen Pendidikan",
                   "S-1 Pendidikan Bahasa Inggris", "S-1 Ilmu Administrasi Negara"],
    "teknik": ["S-1 Teknik Sipil", "S-2 Teknik Sipil", "S-1 Arsitektur", "S-1 Perencanaan Wilayah dan Kota",
               "S-1 Ilmu Administrasi Negara"],
    "ekonomi": ["S-1 Akuntansi", "S-1 Manajemen", "S-2 Manajemen", "S-1 Ekonomi Pembangunan"],
    "hukum": ["S-1 Ilmu Hukum", "S-2 Ilmu Hukum", "S-1 Ilmu Pemerintahan"],
    "sosial": ["S-1 Kesejahteraan Sosial", "S-1 Ilmu Administrasi Negara", "S-1 Psikologi", "S-1 Sosiologi"],
    "ti": ["S-1 Teknik Informatika", "S-1 Sistem Informasi", "S-1 Ilmu Komunikasi", "S-2 Manajemen"],
    "pertanian": ["S-1 Agribisnis", "S-1 Agroteknologi", "S-1 Kedokteran Hewan", "S-1 Peternakan"],
    "lingkungan": ["S-1 Teknik Lingkungan", "S-1 Biologi", "S-2 Ilmu Lingkungan"],
}
HEALTH_FAMILIES = ["Dokter", "Dokter Gigi", "Perawat", "Bidan", "Apoteker", "Asisten Apoteker", "Nutrisionis",
                   "Sanitarian", "Pranata Laboratorium Kesehatan", "Perekam Medis", "Radiografer", "Fisioterapis",
                   "Epidemiolog Kesehatan", "Penyuluh Kesehatan Masyarakat", "Administrator Kesehatan"]
STR_FAMILIES = ["Dokter", "Dokter Gigi", "Perawat", "Bidan", "Apoteker", "Asisten Apoteker", "Nutrisionis",
                "Sanitarian", "Pranata Laboratorium Kesehatan", "Perekam Medis", "Radiografer", "Fisioterapis"]

# Bidang as planners write it, per sector: (coarse / group values, finer values)
BIDANG_WORDS = {
    "kesehatan": (["Kesehatan", "kesehatan", "KESEHATAN"], []),
    "pendidikan": (["Pendidikan", "pendidikan", "PENDIDIKAN"], []),
    "teknik": (["Teknik", "teknik", "teknik_lain"], []),
    "ekonomi": (["Ekonomi", "ekonomi", "ekonomi_akuntansi", "Ekonomi, Hukum"], []),
    "hukum": ([], ["Hukum", "hukum", "HUKUM"]),
    "sosial": (["administrasi_sosial", "Sosial", "sosial"], []),
    "ti": ([], ["ti", "TI", "Teknologi Informasi", "teknologi informasi"]),
    "pertanian": ([], ["Pertanian", "pertanian"]),
    "lingkungan": (["Teknik; Lingkungan"], ["Lingkungan", "lingkungan"]),
}
COARSE_TOKENS = ["kesehatan", "pendidikan", "teknik", "teknik_lain", "ekonomi", "sosial", "ekonomi_akuntansi",
                 "administrasi_sosial"]

TRAINING = {
    "umum": ["Kearsipan", "Pelayanan Publik", "Perencanaan", "Kepemimpinan"],
    "kesehatan": ["Pelayanan Publik", "Kearsipan", "Statistik", "Perencanaan"],
    "pendidikan": ["Kepemimpinan", "Perencanaan", "Pelayanan Publik"],
    "teknik": ["Pengadaan", "Perencanaan", "TI"],
    "ekonomi": ["Pengadaan", "Audit", "Keuangan Daerah", "Perencanaan"],
    "hukum": ["Pelayanan Publik", "Kearsipan", "Audit"],
    "sosial": ["Pelayanan Publik", "Kearsipan", "Statistik"],
    "ti": ["TI", "Statistik", "Kehumasan"],
    "pertanian": ["Perencanaan", "Statistik", "Pelayanan Publik"],
    "lingkungan": ["Perencanaan", "Pengadaan", "Statistik"],
}

MALE = ["Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Kurniawan", "Lukas", "Markus", "Nanda",
        "Oktavianus", "Petrus", "Rahmat", "Slamet", "Teguh", "Yohanes", "Yosef", "Wahyu", "Arif", "Bambang", "Dimas",
        "Gregorius", "Hasan", "Imanuel", "Rizky", "Stefanus", "Yanuarius", "Andreas", "Ferdinandus", "Yulius"]
FEMALE = ["Ani", "Dewi", "Fitri", "Kartini", "Lestari", "Maria", "Ningsih", "Oktaviani", "Putri", "Rina", "Sri",
          "Theresia", "Wulan", "Yuliana", "Agustina", "Elisabeth", "Florida", "Maya", "Novita", "Ratna", "Siti",
          "Veronika", "Yohana", "Margaretha", "Anjelina", "Desi", "Indah", "Kristina", "Nurul", "Wahyuni"]
MIDDLE = ["Dwi", "Tri", "Nur", "Adi", "Eka", "Setyo", "Kurnia", "Ayu", "Indra", "Sari"]
FAMILY = ["Santoso", "Wibowo", "Saputra", "Hidayat", "Pratama", "Siregar", "Nainggolan", "Ndolu", "Bessi",
          "Fangidae", "Manafe", "Tanone", "Lay", "Amalo", "Pah", "Foeh", "Rihi", "Tulle", "Ratu", "Kana", "Wadu",
          "Lomi", "Kase", "Mesakh", "Tefa", "Haning", "Riwu", "Kolo", "Seran", "Nahak", "Suharto", "Kusuma"]
# programme prefix -> title as written in SIASN names (prefix titles end with '.')
GELAR = [
    ("Profesi Dokter Gigi", "drg."), ("Profesi Dokter Hewan", "drh."), ("Profesi Dokter", "dr."),
    ("Profesi Ners", "S.Kep., Ns."), ("S-1 Keperawatan", "S.Kep."), ("D-III Keperawatan", "A.Md.Kep."),
    ("D-III Kebidanan", "A.Md.Keb."), ("D-IV Kebidanan", "S.Tr.Keb."), ("Profesi Bidan", "S.Keb., Bd."),
    ("Profesi Apoteker", "S.Farm., Apt."), ("D-III Farmasi", "A.Md.Farm."), ("S-1 Pendidikan Agama", "S.Pd.I."),
    ("S-1 Pendidikan", "S.Pd."), ("S-1 Bimbingan", "S.Pd."), ("S-1 Teknik Informatika", "S.Kom."),
    ("S-1 Sistem Informasi", "S.Kom."), ("S-1 Ilmu Komputer", "S.Kom."), ("S-1 Teknik", "S.T."),
    ("S-1 Arsitektur", "S.T."), ("S-1 Perencanaan", "S.T."), ("S-1 Akuntansi", "S.E."), ("S-1 Manajemen", "S.E."),
    ("S-1 Ekonomi", "S.E."), ("S-1 Ilmu Hukum", "S.H."), ("S-1 Kesehatan", "S.K.M."), ("S-1 Gizi", "S.Gz."),
    ("S-1 Psikologi", "S.Psi."), ("S-1 Kedokteran Hewan", "S.KH."), ("S-1 Agri", "S.P."), ("S-1 Agro", "S.P."),
    ("S-1 Statistika", "S.Stat."), ("S-1 Ilmu Komunikasi", "S.I.Kom."), ("S-1 Biologi", "S.Si."),
    ("S-1 Kimia", "S.Si."), ("S-1 Geografi", "S.Si."), ("S-1 ", "S.Sos."), ("S-2 Manajemen Pendidikan", "M.Pd."),
    ("S-2 Kesehatan", "M.Kes."), ("S-2 Teknik", "M.T."), ("S-2 Manajemen", "M.M."), ("S-2 Ilmu Hukum", "M.H."),
    ("S-2 ", "M.Si."), ("D-IV ", "S.Tr."), ("D-III ", "A.Md."),
]

# --------------------------------------------------------------------------------------------------------------
# Small date helpers
# --------------------------------------------------------------------------------------------------------------


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise ValueError(d)


def _add_years(d: date, years: int) -> date:
    return _add_months(d, 12 * years)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _tingkat(programme: str) -> str:
    if programme.startswith(("SMA", "SMK")):
        return "SLTA"
    return programme.split(" ", 1)[0]


# --------------------------------------------------------------------------------------------------------------
# The peta jabatan
# --------------------------------------------------------------------------------------------------------------


class _Peta:
    """Collects posts (dicts) unit by unit; kebutuhan is a base value scaled later."""

    def __init__(self, rng: random.Random, pegawai: int):
        self.rng = rng
        self.n = pegawai
        self.posts: list[dict] = []
        self.unit_no: dict[str, int] = {}
        self.seq: dict[int, int] = {}
        self.unit = ""
        self.sector = "umum"

    def open_unit(self, name: str, sector: str) -> None:
        self.unit, self.sector = name, sector
        self.unit_no.setdefault(name, len(self.unit_no) + 1)

    def add(self, nama: str, jenis: str, kelas: int, keb: float, pend: str, *, jenjang: str = "",
            family: str = "", profile: str = "", site: str = "", site_kind: str = "", unit: str = "",
            scalable: bool = True, risiko: float = 0.0, wajib: float = 0.0, min_n: int = 0,
            bidang: str | None = None) -> None:
        if self.n < min_n:
            return
        unit = unit or self.unit
        self.unit_no.setdefault(unit, len(self.unit_no) + 1)
        no = self.unit_no[unit]
        self.seq[no] = self.seq.get(no, 0) + 1
        rng = self.rng
        self.posts.append({
            "kode": f"{no:02d}{self.seq[no]:03d}", "nama": nama, "unit": unit, "jenis": jenis, "jenjang": jenjang,
            "kelas": kelas, "base": keb, "keb": 1, "pend": pend, "family": family, "profile": profile,
            "sector": self.sector, "site": site, "site_kind": site_kind, "scalable": scalable,
            "risiko": "Ya" if rng.random() < risiko else rng.choice(["Tidak", None, None]),
            "wajib": "Ya" if rng.random() < wajib else rng.choice(["Tidak", None, None]),
            "bidang_hint": bidang, "jitter": rng.random(), "special": "",
        })

    # -- shapes ---------------------------------------------------------------------------------------------
    def struct(self, nama: str, jenis: str, *, min_n: int = 0, risiko: float = 0.0, pend: str = "S-1") -> None:
        kelas = {"JPT Pratama": 14, "Administrator": 12, "Pengawas": 9}[jenis]
        self.add(nama, jenis, kelas, 1, pend, profile="sector:" + self.sector, scalable=False, min_n=min_n,
                 risiko=risiko)

    def jf(self, family: str, jenjang: str, keb: float, *, label: str = "", suffix: str = "", min_n: int = 0,
           site: str = "", site_kind: str = "", unit: str = "", wajib: float = 0.0, risiko: float = 0.0,
           bidang: str | None = None) -> None:
        pend = "S-1" if jenjang.startswith("Ahli") else ("SLTA" if jenjang == "Pemula" else "D-III")
        nama = f"{label or family} {jenjang}{suffix}"
        self.add(nama, "Fungsional", KELAS_JF[jenjang], keb, pend, jenjang=jenjang, family=family,
                 profile=label or family, site=site, site_kind=site_kind, unit=unit, min_n=min_n, wajib=wajib,
                 risiko=risiko, bidang=bidang)

    def pel(self, nama: str, keb: float, *, kelas: int = 5, pend: str = "SLTA", min_n: int = 0, suffix: str = "",
            site: str = "", site_kind: str = "", unit: str = "", risiko: float = 0.0,
            bidang: str | None = None) -> None:
        self.add(nama + suffix, "Pelaksana", kelas, keb, pend, profile="pelaksana:" + nama, site=site,
                 site_kind=site_kind, unit=unit, min_n=min_n, risiko=risiko, bidang=bidang)

    def office(self, kepala: str, bidangs: list[tuple[str, list[str]]], *, sekretaris: str = "Sekretaris",
               kepala_jenis: str = "JPT Pratama", keuangan_risiko: float = 0.3) -> None:
        """Kepala, Sekretaris with its subbagian, and Kepala Bidang with their seksi, sized by ``self.n``."""
        n = self.n
        self.struct(kepala, kepala_jenis, pend=self.rng.choice(["S-1", "S-2"]))
        self.struct(sekretaris, "Administrator")
        self.struct("Kepala Subbagian Umum dan Kepegawaian", "Pengawas")
        self.struct("Kepala Subbagian Keuangan", "Pengawas", min_n=800, risiko=keuangan_risiko)
        self.struct("Kepala Subbagian Perencanaan dan Pelaporan", "Pengawas", min_n=1800)
        n_bidang = 1 if n < 800 else (2 if n < 1800 else 4)
        n_seksi = 0 if n < 800 else (1 if n < 1800 else 2)
        for kabid, seksi in bidangs[:n_bidang]:
            self.struct(kabid, "Administrator")
            for kasi in seksi[:n_seksi]:
                self.struct(kasi, "Pengawas")
        self.pel("Pengadministrasi Perkantoran", 3)
        self.pel("Pengelola Keuangan", 1.5, kelas=7, pend="D-III", risiko=0.5, bidang="ekonomi")
        self.pel("Pengolah Data", 1, kelas=6, min_n=800)
        self.pel("Pengemudi", 1, min_n=1800, bidang="")


def _build_peta(rng: random.Random, n: int) -> _Peta:
    p = _Peta(rng, n)
    # Sekretariat Daerah
    p.open_unit("Sekretariat Daerah", "umum")
    p.struct("Sekretaris Daerah", "JPT Pratama", pend="S-2")
    p.struct("Asisten Pemerintahan dan Kesejahteraan Rakyat", "JPT Pratama")
    p.struct("Asisten Administrasi Umum", "JPT Pratama", min_n=1800)
    for bagian, subs in (("Bagian Hukum", ["Kepala Subbagian Perundang-undangan", "Kepala Subbagian Bantuan Hukum"]),
                         ("Bagian Umum", ["Kepala Subbagian Tata Usaha Pimpinan", "Kepala Subbagian Rumah Tangga"]),
                         ("Bagian Organisasi", ["Kepala Subbagian Kelembagaan dan Analisis Jabatan",
                                                "Kepala Subbagian Reformasi Birokrasi"])):
        p.struct("Kepala " + bagian, "Administrator")
        for i, sub in enumerate(subs):
            p.struct(sub, "Pengawas", min_n=0 if i == 0 else 1800)
    p.sector = "hukum"
    p.jf("Analis Hukum", "Ahli Pertama", 2)
    p.jf("Analis Hukum", "Ahli Muda", 1, min_n=800)
    p.jf("Perancang Peraturan Perundang-undangan", "Ahli Pertama", 1)
    p.jf("Perancang Peraturan Perundang-undangan", "Ahli Muda", 1, min_n=1800)
    p.sector = "umum"
    p.jf("Arsiparis", "Terampil", 2)
    p.jf("Arsiparis", "Ahli Pertama", 1, min_n=800)
    p.jf("Analis Kebijakan", "Ahli Muda", 1)
    p.jf("Analis Kebijakan", "Ahli Pertama", 1, min_n=800)
    p.sector = "ekonomi"
    p.jf("Pengelola Pengadaan Barang/Jasa", "Ahli Pertama", 2, risiko=1.0, bidang="Ekonomi, Hukum")
    p.jf("Pengelola Pengadaan Barang/Jasa", "Ahli Muda", 1, risiko=1.0, min_n=800)
    p.sector = "umum"
    p.pel("Pengadministrasi Perkantoran", 6)
    p.pel("Pengelola Keuangan", 2, kelas=7, pend="D-III", risiko=0.5, bidang="ekonomi")
    p.pel("Pengemudi", 4, min_n=800, bidang="")
    p.pel("Pengolah Data", 2, kelas=6, min_n=800)

    p.open_unit("Inspektorat", "ekonomi")
    p.office("Inspektur", [("Inspektur Pembantu Wilayah I", []), ("Inspektur Pembantu Wilayah II", []),
                           ("Inspektur Pembantu Wilayah III", []), ("Inspektur Pembantu Wilayah IV", [])],
             sekretaris="Sekretaris Inspektorat")
    p.jf("Auditor", "Ahli Pertama", 4)
    p.jf("Auditor", "Ahli Muda", 3, min_n=800)
    p.jf("Auditor", "Ahli Madya", 1, min_n=1800)
    p.jf("Auditor", "Terampil", 1, min_n=1800)
    p.sector = "hukum"
    p.jf("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "Ahli Pertama", 3)
    p.jf("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "Ahli Muda", 2, min_n=800)

    p.open_unit("Badan Perencanaan Pembangunan Daerah", "ekonomi")
    p.office("Kepala Badan Perencanaan Pembangunan Daerah", [
        ("Kepala Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
         ["Kepala Subbidang Pemerintahan", "Kepala Subbidang Pembangunan Manusia"]),
        ("Kepala Bidang Infrastruktur dan Kewilayahan",
         ["Kepala Subbidang Infrastruktur", "Kepala Subbidang Kewilayahan"]),
        ("Kepala Bidang Perekonomian dan Sumber Daya Alam",
         ["Kepala Subbidang Perekonomian", "Kepala Subbidang Sumber Daya Alam"]),
    ], sekretaris="Sekretaris Badan")
    p.jf("Perencana", "Ahli Pertama", 4)
    p.jf("Perencana", "Ahli Muda", 3, min_n=800)
    p.jf("Perencana", "Ahli Madya", 1, min_n=1800)
    p.jf("Statistisi", "Ahli Pertama", 1, min_n=800)

    p.open_unit("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "sosial")
    p.office("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", [
        ("Kepala Bidang Mutasi dan Promosi", ["Kepala Subbidang Mutasi", "Kepala Subbidang Promosi dan Kinerja"]),
        ("Kepala Bidang Pengembangan Sumber Daya Manusia",
         ["Kepala Subbidang Pengembangan Kompetensi", "Kepala Subbidang Penilaian Kompetensi"]),
        ("Kepala Bidang Pengadaan, Pemberhentian dan Informasi",
         ["Kepala Subbidang Pengadaan dan Pemberhentian", "Kepala Subbidang Data dan Informasi"]),
    ], sekretaris="Sekretaris Badan")
    p.jf("Analis Sumber Daya Manusia Aparatur", "Ahli Pertama", 4)
    p.jf("Analis Sumber Daya Manusia Aparatur", "Ahli Muda", 2, min_n=800)
    p.jf("Analis Sumber Daya Manusia Aparatur", "Ahli Madya", 1, min_n=1800)
    p.jf("Pranata Sumber Daya Manusia Aparatur", "Terampil", 2, min_n=800)

    p.open_unit("Badan Pengelolaan Keuangan dan Aset Daerah", "ekonomi")
    p.office("Kepala Badan Pengelolaan Keuangan dan Aset Daerah", [
        ("Kepala Bidang Anggaran", ["Kepala Subbidang Anggaran Belanja", "Kepala Subbidang Anggaran Pendapatan"]),
        ("Kepala Bidang Perbendaharaan", ["Kepala Subbidang Belanja Langsung", "Kepala Subbidang Kas Daerah"]),
        ("Kepala Bidang Akuntansi", ["Kepala Subbidang Akuntansi", "Kepala Subbidang Pelaporan Keuangan"]),
        ("Kepala Bidang Aset", ["Kepala Subbidang Pemanfaatan Aset", "Kepala Subbidang Penatausahaan Aset"]),
    ], sekretaris="Sekretaris Badan", keuangan_risiko=1.0)
    for post in p.posts:
        if post["unit"] == p.unit and post["nama"] in ("Kepala Bidang Perbendaharaan", "Kepala Subbidang Kas Daerah"):
            post["risiko"] = "Ya"
    p.jf("Analis Keuangan Pusat dan Daerah", "Ahli Pertama", 4)
    p.jf("Analis Keuangan Pusat dan Daerah", "Ahli Muda", 2, min_n=800)
    p.pel("Bendahara", 2, kelas=7, pend="D-III", risiko=1.0, bidang="ekonomi")

    _pendidikan(p)
    _kesehatan(p)

    p.open_unit("Dinas Pekerjaan Umum dan Penataan Ruang", "teknik")
    p.office("Kepala Dinas Pekerjaan Umum dan Penataan Ruang", [
        ("Kepala Bidang Bina Marga", ["Kepala Seksi Pembangunan Jalan dan Jembatan",
                                      "Kepala Seksi Pemeliharaan Jalan dan Jembatan"]),
        ("Kepala Bidang Sumber Daya Air", ["Kepala Seksi Irigasi", "Kepala Seksi Drainase"]),
        ("Kepala Bidang Cipta Karya", ["Kepala Seksi Bangunan Gedung", "Kepala Seksi Air Minum dan Sanitasi"]),
        ("Kepala Bidang Penataan Ruang", ["Kepala Seksi Perencanaan Tata Ruang", "Kepala Seksi Pengendalian"]),
    ])
    p.jf("Teknik Jalan dan Jembatan", "Ahli Pertama", 4, bidang="sipil")
    p.jf("Teknik Jalan dan Jembatan", "Ahli Muda", 2, min_n=800, bidang="sipil")
    p.jf("Teknik Jalan dan Jembatan", "Terampil", 3, bidang="sipil")
    p.jf("Teknik Pengairan", "Ahli Pertama", 2, bidang="sipil")
    p.jf("Teknik Pengairan", "Terampil", 2, min_n=800, bidang="sipil")
    p.jf("Penata Ruang", "Ahli Pertama", 2)
    p.jf("Penata Ruang", "Ahli Muda", 1, min_n=1800)
    p.jf("Teknik Tata Bangunan dan Perumahan", "Ahli Pertama", 2, bidang="sipil")
    p.pel("Operator Layanan Operasional", 4, min_n=800)

    p.open_unit("Dinas Kependudukan dan Pencatatan Sipil", "ti")
    p.office("Kepala Dinas Kependudukan dan Pencatatan Sipil", [
        ("Kepala Bidang Pelayanan Pendaftaran Penduduk",
         ["Kepala Seksi Identitas Penduduk", "Kepala Seksi Pindah Datang"]),
        ("Kepala Bidang Pelayanan Pencatatan Sipil",
         ["Kepala Seksi Kelahiran", "Kepala Seksi Perkawinan dan Perceraian"]),
        ("Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan", ["Kepala Seksi Sistem Informasi"]),
    ])
    p.jf("Administrator Database Kependudukan", "Ahli Pertama", 2)
    p.jf("Administrator Database Kependudukan", "Ahli Muda", 1, min_n=800)
    p.jf("Pranata Komputer", "Terampil", 2)
    p.jf("Pranata Komputer", "Ahli Pertama", 1, min_n=800)
    p.pel("Operator Layanan Operasional", 5)

    p.open_unit("Dinas Perhubungan", "teknik")
    p.office("Kepala Dinas Perhubungan", [
        ("Kepala Bidang Lalu Lintas dan Angkutan", ["Kepala Seksi Manajemen Lalu Lintas", "Kepala Seksi Angkutan"]),
        ("Kepala Bidang Sarana dan Prasarana", ["Kepala Seksi Pengujian Sarana", "Kepala Seksi Prasarana"]),
    ])
    p.jf("Penguji Kendaraan Bermotor", "Terampil", 3, risiko=0.7)
    p.jf("Penguji Kendaraan Bermotor", "Mahir", 1, min_n=800, risiko=0.7)
    p.jf("Penguji Kendaraan Bermotor", "Ahli Pertama", 1, min_n=1800)
    p.pel("Operator Layanan Operasional", 6)

    p.open_unit("Badan Penanggulangan Bencana Daerah", "lingkungan")
    p.office("Kepala Pelaksana Badan Penanggulangan Bencana Daerah", [
        ("Kepala Bidang Pencegahan dan Kesiapsiagaan", ["Kepala Seksi Pencegahan"]),
        ("Kepala Bidang Kedaruratan dan Logistik", ["Kepala Seksi Kedaruratan"]),
        ("Kepala Bidang Rehabilitasi dan Rekonstruksi", ["Kepala Seksi Rehabilitasi"]),
    ])
    p.jf("Analis Kebencanaan", "Ahli Pertama", 3)
    p.jf("Analis Kebencanaan", "Ahli Muda", 1, min_n=800)
    p.pel("Operator Layanan Operasional", 4)

    p.open_unit("Satuan Polisi Pamong Praja", "hukum")
    p.office("Kepala Satuan Polisi Pamong Praja", [
        ("Kepala Bidang Penegakan Peraturan Daerah", ["Kepala Seksi Penyelidikan dan Penyidikan"]),
        ("Kepala Bidang Ketertiban Umum dan Ketenteraman Masyarakat", ["Kepala Seksi Operasi dan Pengendalian"]),
        ("Kepala Bidang Perlindungan Masyarakat", ["Kepala Seksi Satuan Perlindungan Masyarakat"]),
    ])
    p.jf("Polisi Pamong Praja", "Terampil", 10)
    p.jf("Polisi Pamong Praja", "Mahir", 4)
    p.jf("Polisi Pamong Praja", "Penyelia", 2, min_n=800)
    p.jf("Polisi Pamong Praja", "Ahli Pertama", 2, min_n=800)
    p.jf("Polisi Pamong Praja", "Ahli Muda", 1, min_n=1800)

    p.open_unit("Dinas Pemadam Kebakaran dan Penyelamatan", "teknik")
    p.office("Kepala Dinas Pemadam Kebakaran dan Penyelamatan", [
        ("Kepala Bidang Pemadaman dan Penyelamatan", ["Kepala Seksi Operasi Pemadaman", "Kepala Seksi Penyelamatan"]),
        ("Kepala Bidang Pencegahan dan Sarana Prasarana", ["Kepala Seksi Pencegahan", "Kepala Seksi Sarana"]),
    ])
    p.jf("Pemadam Kebakaran", "Pemula", 8, bidang="")
    p.jf("Pemadam Kebakaran", "Terampil", 6, bidang="")
    p.jf("Pemadam Kebakaran", "Mahir", 2, min_n=800, bidang="")
    p.jf("Pemadam Kebakaran", "Penyelia", 1, min_n=1800, bidang="")
    p.jf("Analis Kebakaran", "Ahli Pertama", 2)
    p.jf("Analis Kebakaran", "Ahli Muda", 1, min_n=1800)

    p.open_unit("Dinas Pertanian", "pertanian")
    p.office("Kepala Dinas Pertanian", [
        ("Kepala Bidang Tanaman Pangan dan Hortikultura", ["Kepala Seksi Produksi Tanaman Pangan"]),
        ("Kepala Bidang Peternakan dan Kesehatan Hewan", ["Kepala Seksi Kesehatan Hewan"]),
        ("Kepala Bidang Penyuluhan", ["Kepala Seksi Kelembagaan Penyuluhan"]),
    ])
    p.jf("Penyuluh Pertanian", "Ahli Pertama", 4)
    p.jf("Penyuluh Pertanian", "Terampil", 3)
    p.jf("Penyuluh Pertanian", "Ahli Muda", 2, min_n=800)
    p.jf("Penyuluh Pertanian", "Mahir", 1, min_n=1800)
    p.jf("Medik Veteriner", "Ahli Pertama", 2)
    p.jf("Medik Veteriner", "Ahli Muda", 1, min_n=1800)
    p.jf("Paramedik Veteriner", "Terampil", 2)
    p.jf("Paramedik Veteriner", "Mahir", 1, min_n=1800)

    p.open_unit("Dinas Perdagangan", "ekonomi")
    p.office("Kepala Dinas Perdagangan", [
        ("Kepala Bidang Perdagangan Dalam Negeri", ["Kepala Seksi Distribusi dan Stabilisasi Harga"]),
        ("Kepala Bidang Metrologi Legal", ["Kepala Seksi Pelayanan Tera dan Tera Ulang"]),
        ("Kepala Bidang Pengelolaan Pasar", ["Kepala Seksi Pengelolaan Pasar"]),
    ])
    p.jf("Penera", "Terampil", 2, bidang="")
    p.jf("Penera", "Mahir", 1, min_n=800, bidang="")
    p.jf("Penera", "Penyelia", 1, min_n=1800, bidang="")
    p.jf("Pengawas Perdagangan", "Ahli Pertama", 2)
    p.jf("Analis Perdagangan", "Ahli Pertama", 1)
    p.jf("Analis Perdagangan", "Ahli Muda", 1, min_n=800)
    p.pel("Operator Layanan Operasional", 4, min_n=800)

    p.open_unit("Dinas Sosial", "sosial")
    p.office("Kepala Dinas Sosial", [
        ("Kepala Bidang Rehabilitasi Sosial", ["Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"]),
        ("Kepala Bidang Perlindungan dan Jaminan Sosial", ["Kepala Seksi Jaminan Sosial Keluarga"]),
        ("Kepala Bidang Pemberdayaan Sosial", ["Kepala Seksi Pemberdayaan Fakir Miskin"]),
    ])
    p.jf("Pekerja Sosial", "Ahli Pertama", 2)
    p.jf("Pekerja Sosial", "Terampil", 2)
    p.jf("Pekerja Sosial", "Ahli Muda", 1, min_n=1800)
    p.jf("Penyuluh Sosial", "Ahli Pertama", 2)
    p.jf("Penyuluh Sosial", "Ahli Muda", 1, min_n=1800)

    p.open_unit("Dinas Lingkungan Hidup", "lingkungan")
    p.office("Kepala Dinas Lingkungan Hidup", [
        ("Kepala Bidang Tata Lingkungan", ["Kepala Seksi Kajian Dampak Lingkungan"]),
        ("Kepala Bidang Pengelolaan Sampah dan Limbah B3", ["Kepala Seksi Pengurangan Sampah"]),
        ("Kepala Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan", ["Kepala Seksi Pemantauan Lingkungan"]),
    ])
    p.jf("Pengendali Dampak Lingkungan", "Ahli Pertama", 3)
    p.jf("Pengendali Dampak Lingkungan", "Ahli Muda", 2, min_n=800)
    p.jf("Pengendali Dampak Lingkungan", "Terampil", 1, min_n=1800)
    p.jf("Pengawas Lingkungan Hidup", "Ahli Pertama", 1, min_n=800)
    p.pel("Operator Layanan Operasional", 6, bidang="")
    p.pel("Pengemudi", 4, min_n=800, bidang="", unit="Dinas Lingkungan Hidup", suffix=" Truk Sampah")

    p.open_unit("Dinas Komunikasi dan Informatika", "ti")
    p.office("Kepala Dinas Komunikasi dan Informatika", [
        ("Kepala Bidang Informasi dan Komunikasi Publik", ["Kepala Seksi Pengelolaan Informasi Publik"]),
        ("Kepala Bidang Aplikasi Informatika", ["Kepala Seksi Pengembangan Aplikasi"]),
        ("Kepala Bidang Persandian dan Statistik", ["Kepala Seksi Persandian"]),
    ])
    p.jf("Pranata Komputer", "Ahli Pertama", 3)
    p.jf("Pranata Komputer", "Ahli Muda", 1, min_n=800)
    p.jf("Pranata Komputer", "Terampil", 2, min_n=800)
    p.jf("Pranata Hubungan Masyarakat", "Ahli Pertama", 2, bidang="")
    p.jf("Pranata Hubungan Masyarakat", "Terampil", 1, min_n=1800, bidang="")
    p.jf("Sandiman", "Ahli Pertama", 1)
    p.jf("Sandiman", "Terampil", 1, min_n=1800)
    p.jf("Statistisi", "Ahli Pertama", 1, min_n=1800)

    _wilayah(p)
    keys = [(post["nama"], post["unit"]) for post in p.posts]
    assert len(set(keys)) == len(keys), "Nama Jabatan + Unit Kerja must be unique"
    return p


def _pendidikan(p: _Peta) -> None:
    n = p.n
    p.open_unit("Dinas Pendidikan", "pendidikan")
    p.office("Kepala Dinas Pendidikan", [
        ("Kepala Bidang Pembinaan SD", ["Kepala Seksi Kurikulum SD", "Kepala Seksi Kelembagaan dan Sarana SD"]),
        ("Kepala Bidang Pembinaan SMP", ["Kepala Seksi Kurikulum SMP", "Kepala Seksi Kelembagaan dan Sarana SMP"]),
        ("Kepala Bidang Pembinaan PAUD dan Pendidikan Nonformal", ["Kepala Seksi Kurikulum PAUD"]),
        ("Kepala Bidang Guru dan Tenaga Kependidikan", ["Kepala Seksi Pendidik dan Tenaga Kependidikan SD"]),
    ])
    p.jf("Pengawas Sekolah", "Ahli Muda", 2)
    p.jf("Pengawas Sekolah", "Ahli Madya", 2, min_n=800)
    p.jf("Penilik", "Ahli Pertama", 1, min_n=1800)
    n_sd = min(20, 8 + n // 250)
    n_smp = min(6, 3 + n // 1000)
    for i in range(1, n_sd + 1):
        school = f"SD Negeri {i} Watu"
        unit = "Dinas Pendidikan" if i % 2 else school
        kw = {"suffix": " - " + school, "site": school, "site_kind": "school", "unit": unit}
        p.jf("Guru", "Ahli Madya", 1, label="Guru Kelas", wajib=0.5, **kw)
        p.jf("Guru", "Ahli Muda", 2.5, label="Guru Kelas", **kw)
        p.jf("Guru", "Ahli Pertama", 4, label="Guru Kelas", wajib=0.35, **kw)
        p.jf("Guru", "Ahli Pertama", 1, label="Guru Pendidikan Agama Islam", min_n=800, **kw)
        p.jf("Guru", "Ahli Pertama", 1, label="Guru Pendidikan Jasmani Olahraga dan Kesehatan", min_n=1500, **kw)
        p.pel("Pengadministrasi Perkantoran", 1, min_n=1500, **kw)
    subjects = ["Guru Matematika", "Guru Bahasa Indonesia", "Guru Bahasa Inggris", "Guru Ilmu Pengetahuan Alam",
                "Guru Ilmu Pengetahuan Sosial", "Guru Pendidikan Jasmani Olahraga dan Kesehatan",
                "Guru Pendidikan Agama Islam", "Guru Bimbingan dan Konseling"]
    for i in range(1, n_smp + 1):
        school = f"SMP Negeri {i} Watu"
        unit = "Dinas Pendidikan" if i % 2 == 0 else school
        kw = {"suffix": " - " + school, "site": school, "site_kind": "school", "unit": unit}
        p.jf("Guru", "Ahli Madya", 1, label=p.rng.choice(subjects[:5]), wajib=0.5, **kw)
        for k, subject in enumerate(subjects):
            p.jf("Guru", "Ahli Pertama", 2.5 if k < 5 else 1, label=subject, min_n=0 if k < 4 else 800,
                 wajib=0.3 if k < 2 else 0.0, **kw)
            p.jf("Guru", "Ahli Muda", 1.5 if k < 5 else 1, label=subject, min_n=800 if k < 3 else 1800, **kw)
        p.pel("Pengadministrasi Perkantoran", 2, min_n=800, **kw)
        p.pel("Pengelola Keuangan", 1, kelas=7, pend="D-III", min_n=1500, risiko=0.5, bidang="ekonomi", **kw)


PUSKESMAS = ["Watu Tengah", "Watu Timur", "Watu Barat", "Sumber Jaya", "Bukit Asri", "Kali Bening", "Mekar Sari",
             "Tanjung Damai", "Karang Lestari", "Nusa Indah"]


def _kesehatan(p: _Peta) -> None:
    n = p.n
    p.open_unit("Dinas Kesehatan", "kesehatan")
    p.office("Kepala Dinas Kesehatan", [
        ("Kepala Bidang Pelayanan Kesehatan", ["Kepala Seksi Pelayanan Kesehatan Primer",
                                               "Kepala Seksi Kefarmasian dan Alat Kesehatan"]),
        ("Kepala Bidang Pencegahan dan Pengendalian Penyakit", ["Kepala Seksi Surveilans dan Imunisasi",
                                                                "Kepala Seksi Penyakit Menular"]),
        ("Kepala Bidang Kesehatan Masyarakat", ["Kepala Seksi Kesehatan Keluarga dan Gizi",
                                                "Kepala Seksi Promosi Kesehatan"]),
        ("Kepala Bidang Sumber Daya Kesehatan", ["Kepala Seksi Sumber Daya Manusia Kesehatan"]),
    ])
    p.jf("Epidemiolog Kesehatan", "Ahli Pertama", 1)
    p.jf("Administrator Kesehatan", "Ahli Muda", 1)
    p.jf("Penyuluh Kesehatan Masyarakat", "Ahli Muda", 1, min_n=800)
    p.jf("Apoteker", "Ahli Muda", 1, min_n=1800)
    p.jf("Nutrisionis", "Ahli Pertama", 1, min_n=800)
    p.jf("Sanitarian", "Ahli Pertama", 1, min_n=1800)
    n_pkm = min(10, 5 + n // 600)
    for i, place in enumerate(PUSKESMAS[:n_pkm]):
        pkm = "Puskesmas " + place
        if i % 2 == 0:
            kw = {"suffix": " - " + pkm, "unit": "Dinas Kesehatan", "site": pkm, "site_kind": "puskesmas"}
        else:
            kw = {"suffix": "", "unit": pkm, "site": pkm, "site_kind": "puskesmas"}
            p.add("Kepala Subbagian Tata Usaha", "Pengawas", 9, 1, "S-1", profile="sector:kesehatan", unit=pkm,
                  site=pkm, site_kind="puskesmas", scalable=False, min_n=800)
        p.jf("Dokter", "Ahli Pertama", 2, wajib=0.8, **kw)
        p.jf("Dokter", "Ahli Muda", 1, min_n=800, **kw)
        p.jf("Dokter Gigi", "Ahli Pertama", 1, min_n=800, **kw)
        p.jf("Perawat", "Ahli Pertama", 2.5, bidang="keperawatan", **kw)
        p.jf("Perawat", "Terampil", 4, bidang="keperawatan", **kw)
        p.jf("Perawat", "Mahir", 1, min_n=800, bidang="keperawatan", **kw)
        p.jf("Bidan", "Terampil", 4, bidang="kebidanan", **kw)
        p.jf("Bidan", "Ahli Pertama", 1, min_n=800, bidang="kebidanan", **kw)
        p.jf("Bidan", "Mahir", 1, min_n=1800, bidang="kebidanan", **kw)
        p.jf("Apoteker", "Ahli Pertama", 1, min_n=800, bidang="farmasi", **kw)
        p.jf("Asisten Apoteker", "Terampil", 1, min_n=1500, bidang="farmasi", **kw)
        p.jf("Sanitarian", "Terampil", 1, min_n=800, **kw)
        p.jf("Nutrisionis", "Terampil", 1, min_n=1500, **kw)
        p.jf("Pranata Laboratorium Kesehatan", "Terampil", 1, min_n=800, **kw)
        p.jf("Perekam Medis", "Terampil", 1, min_n=1500, **kw)
        p.jf("Penyuluh Kesehatan Masyarakat", "Ahli Pertama", 1, min_n=1500, **kw)
        p.pel("Pengadministrasi Perkantoran", 1.5, **kw)
        p.pel("Pengemudi", 1, min_n=1500, bidang="", **kw)

    rs = "RSUD Watu Lestari"
    p.open_unit(rs, "kesehatan")
    p.struct("Direktur RSUD Watu Lestari", "JPT Pratama", pend="S-2")
    p.struct("Kepala Bagian Tata Usaha", "Administrator")
    p.struct("Kepala Bidang Pelayanan Medik dan Keperawatan", "Administrator")
    p.struct("Kepala Bidang Penunjang", "Administrator", min_n=800)
    p.struct("Kepala Subbagian Keuangan", "Pengawas", min_n=800, risiko=0.6)
    p.struct("Kepala Seksi Keperawatan", "Pengawas", min_n=800)
    p.jf("Dokter", "Ahli Pertama", 4)
    p.jf("Dokter", "Ahli Muda", 3, min_n=800)
    p.jf("Dokter", "Ahli Madya", 2, wajib=1.0)
    p.jf("Dokter Gigi", "Ahli Pertama", 1, min_n=800)
    p.jf("Perawat", "Ahli Pertama", 10, bidang="keperawatan")
    p.jf("Perawat", "Ahli Muda", 3, min_n=800, bidang="keperawatan")
    p.jf("Perawat", "Terampil", 12, bidang="keperawatan")
    p.jf("Perawat", "Mahir", 4, min_n=800, bidang="keperawatan")
    p.jf("Perawat", "Penyelia", 2, min_n=1800, bidang="keperawatan")
    p.jf("Bidan", "Terampil", 6, bidang="kebidanan")
    p.jf("Bidan", "Ahli Pertama", 2, min_n=800, bidang="kebidanan")
    p.jf("Apoteker", "Ahli Pertama", 2, bidang="farmasi")
    p.jf("Asisten Apoteker", "Terampil", 3, bidang="farmasi")
    p.jf("Radiografer", "Terampil", 2)
    p.jf("Pranata Laboratorium Kesehatan", "Terampil", 3)
    p.jf("Perekam Medis", "Terampil", 3)
    p.jf("Nutrisionis", "Terampil", 2, min_n=800)
    p.jf("Fisioterapis", "Terampil", 1, min_n=800)
    p.pel("Pengadministrasi Perkantoran", 4)
    p.pel("Pengelola Keuangan", 2, kelas=7, pend="D-III", risiko=0.5, bidang="ekonomi")
    p.pel("Operator Layanan Operasional", 4, min_n=800)
    p.pel("Pengemudi", 3, min_n=800, bidang="")


KECAMATAN = {"Watu Tengah": ["Watu Tengah", "Sumber Jaya", "Mekar Sari", "Nusa Indah"],
             "Watu Timur": ["Watu Timur", "Bukit Asri", "Kali Bening", "Tunas Harapan"],
             "Watu Barat": ["Watu Barat", "Tanjung Damai", "Karang Lestari", "Oe Lestari"]}


def _wilayah(p: _Peta) -> None:
    n = p.n
    n_kec = 2 if n < 1500 else 3
    n_kel = 2 if n < 800 else (3 if n < 2000 else 4)
    for kec, kels in list(KECAMATAN.items())[:n_kec]:
        p.open_unit("Kecamatan " + kec, "sosial")
        p.struct("Camat", "Administrator")
        p.struct("Sekretaris Camat", "Administrator")
        p.struct("Kepala Seksi Pemerintahan", "Pengawas")
        p.struct("Kepala Seksi Ketenteraman dan Ketertiban Umum", "Pengawas", min_n=800)
        p.struct("Kepala Seksi Pemberdayaan Masyarakat", "Pengawas", min_n=1800)
        p.jf("Penggerak Swadaya Masyarakat", "Ahli Pertama", 1, min_n=800)
        p.pel("Pengadministrasi Perkantoran", 3)
        p.pel("Pengelola Keuangan", 1, kelas=7, pend="D-III", min_n=800, bidang="ekonomi")
        for kel in kels[:n_kel]:
            p.open_unit("Kelurahan " + kel, "sosial")
            p.struct("Lurah", "Pengawas")
            p.struct("Sekretaris Kelurahan", "Pengawas")
            p.struct("Kepala Seksi Pemerintahan", "Pengawas", min_n=800)
            p.pel("Pengadministrasi Perkantoran", 2)
            p.pel("Operator Layanan Operasional", 1, min_n=1500)


def _bidang(rng: random.Random, post: dict) -> str | None:
    """Bidang as a planner types it: blank for about half the posts, coarse and inconsistently spelled else."""
    hint = post["bidang_hint"]
    if hint == "" or rng.random() < 0.38:
        return None
    if post["nama"].startswith(("Sekretaris", "Kepala Subbagian", "Kepala Bagian Tata Usaha")):
        if "Keuangan" in post["nama"]:
            return rng.choice(["ekonomi_akuntansi", "Ekonomi"])
        return "administrasi_sosial" if rng.random() < 0.3 else None
    if post["jenis"] == "Pelaksana" and hint is None:
        return "administrasi_sosial" if rng.random() < 0.15 else None
    if hint in ("keperawatan", "kebidanan", "farmasi"):
        return rng.choice([hint, hint.capitalize(), "Kesehatan", "kesehatan"])
    if hint == "sipil":
        return rng.choice(["teknik sipil", "Teknik Sipil", "Teknik", "teknik_lain"])
    if hint == "ekonomi":
        return rng.choice(["Ekonomi", "ekonomi_akuntansi", "EKONOMI"])
    if hint:
        return hint
    coarse, fine = BIDANG_WORDS.get(post["sector"], ([], []))
    pool = coarse + fine
    return rng.choice(pool) if pool else None


def _scale(peta: _Peta, target_seats: int) -> None:
    """Kebutuhan of scalable posts = max(1, floor(base * f + jitter)), f chosen so the seats come near target."""
    fixed = sum(1 for p in peta.posts if not p["scalable"])
    scal = [p for p in peta.posts if p["scalable"]]

    def total(f: float) -> int:
        return fixed + sum(max(1, int(p["base"] * f + p["jitter"])) for p in scal)

    lo, hi = 0.01, 100.0
    for _ in range(50):
        mid = (lo + hi) / 2
        if total(mid) < target_seats:
            lo = mid
        else:
            hi = mid
    for p in scal:
        p["keb"] = max(1, int(p["base"] * hi + p["jitter"]))


# --------------------------------------------------------------------------------------------------------------
# Filling seats
# --------------------------------------------------------------------------------------------------------------

FILL = {"school": 0.80, "puskesmas": 0.80}


def _fill(rng: random.Random, posts: list[dict], n: int) -> None:
    """Decide holders per post: ~92 % of seats, vacancies mostly in schools and puskesmas, exactly n people."""
    for post in posts:
        if post["jenis"] == "JPT Pratama":
            prob = 0.9
        elif post["site_kind"] == "school" and post["jenis"] == "Fungsional":
            prob = FILL["school"]
        elif post["site_kind"] == "puskesmas" and post["family"] in ("Perawat", "Bidan", "Dokter", "Dokter Gigi"):
            prob = FILL["puskesmas"]
        else:
            prob = 0.975
        post["holders"] = sum(1 for _ in range(post["keb"]) if rng.random() < prob)
    # surplus posts: more holders than Kebutuhan
    candidates = [p for p in posts if not p["site"] and p["jenis"] in ("Pelaksana", "Fungsional")]
    for post in rng.sample(candidates, rng.randint(3, 5)):
        post["special"] = "surplus"
        post["holders"] = post["keb"] + rng.randint(1, 2)
    # abolished posts (old pelaksana names) that still have holders
    units = sorted({p["unit"] for p in posts if not p["site"] and p["jenis"] != "Fungsional"})
    for name in rng.sample(["Pengadministrasi Umum", "Caraka", "Pengetik", "Pengelola Kepegawaian"],
                           rng.randint(2, 4)):
        unit = rng.choice(units)
        no = next(p["kode"][:2] for p in posts if p["unit"] == unit)
        seq = 900 + sum(1 for p in posts if p["kode"].startswith(no) and p["kode"][2:] >= "900")
        posts.append({
            "kode": f"{no}{seq:03d}", "nama": name, "unit": unit, "jenis": "Pelaksana", "jenjang": "", "kelas": 5,
            "base": 0, "keb": 0, "pend": "SLTA", "family": "", "profile": "pelaksana:" + name, "sector": "umum",
            "site": "", "site_kind": "", "scalable": False, "risiko": None, "wajib": None, "bidang_hint": "",
            "jitter": 0.0, "special": "abolished", "holders": rng.randint(1, 2),
        })
    # exactly n people
    total = sum(p["holders"] for p in posts)
    adjustable = [p for p in posts if not p["special"]]
    if total > n:
        tokens = [i for i, p in enumerate(adjustable) for _ in range(p["holders"])]
        rng.shuffle(tokens)
        for i in tokens[: total - n]:
            adjustable[i]["holders"] -= 1
    elif total < n:
        need = n - total
        for sites in (False, True):
            tokens = [i for i, p in enumerate(adjustable) if bool(p["site"]) == sites
                      for _ in range(p["keb"] - p["holders"])]
            rng.shuffle(tokens)
            for i in tokens[:need]:
                adjustable[i]["holders"] += 1
            need -= min(need, len(tokens))
        grow = [p for p in adjustable if p["scalable"] and not p["site"]]
        for _ in range(need):
            post = rng.choice(grow)
            post["keb"] += 1
            post["holders"] += 1


# --------------------------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------------------------


def _level(post: dict) -> str:
    return post["jenjang"] or post["jenis"]


def _programme(rng: random.Random, post: dict) -> str:
    """The programme of a holder: mostly the post's own profession, with the mismatches of a real pemda."""
    profile = post["profile"]
    r = rng.random()
    if profile.startswith("sector:"):
        sector = profile[7:]
        if post["jenis"] == "JPT Pratama" and rng.random() < 0.6:
            masters = [x for x in SECTOR_PROGRAMMES[sector] if x.startswith("S-2")]
            return rng.choice(masters or ["S-2 Administrasi Publik", "S-2 Manajemen"])
        if sector == "pendidikan" and r < 0.5:
            return rng.choice(TEACHER_GRADS)
        if r < 0.65:
            return rng.choice(SECTOR_PROGRAMMES[sector])
        return rng.choice(S1_GENERIC + ["S-2 Administrasi Publik", "S-2 Manajemen"])
    if profile.startswith("pelaksana:"):
        name = profile[10:]
        if name == "Pengemudi" or name == "Caraka":
            return rng.choice(["SMA IPS", "SMK Teknik Kendaraan Ringan", "SMK Teknik Kendaraan Ringan"])
        health_bias = 0.25 if post["sector"] == "kesehatan" else 0.05
        if r < health_bias:
            return rng.choice(HEALTH_GRADS)
        if post["sector"] == "pendidikan" and r < 0.2:
            return rng.choice(TEACHER_GRADS)
        if name in ("Pengelola Keuangan", "Bendahara"):
            if r < 0.1:
                return "SMK Akuntansi"
            return rng.choice(["D-III Akuntansi", "D-III Akuntansi", "S-1 Akuntansi", "S-1 Manajemen",
                               "S-1 Ekonomi Pembangunan"])
        if post["pend"] == "D-III":
            return rng.choice(D3_GENERIC) if r < 0.7 else rng.choice(S1_GENERIC)
        if r < 0.62:
            return rng.choice(SLTA_PROGRAMMES)
        return rng.choice(D3_GENERIC) if r < 0.8 else rng.choice(S1_GENERIC)
    ahli, terampil = PROGRAMMES[profile]
    if r < 0.04 and profile not in LICENSED_STRICT:  # an old mismatch, as a real pemda has them
        if profile in MISMATCH:
            return rng.choice(MISMATCH[profile])
        return rng.choice(S1_GENERIC if post["jenjang"].startswith("Ahli") else D3_GENERIC)
    if post["jenjang"] == "Pemula":
        return rng.choice(SLTA_PROGRAMMES[:3] + ["SMK Teknik Kendaraan Ringan"])
    if post["jenjang"].startswith("Ahli"):
        return rng.choice(ahli or terampil)
    if terampil and (r < 0.8 or not ahli):
        return rng.choice(terampil)
    return rng.choice(ahli)


def _name(rng: random.Random, sex: str, programme: str) -> str:
    first = rng.choice(MALE if sex == "L" else FEMALE)
    parts = [first]
    if rng.random() < 0.35:
        parts.append(rng.choice(MIDDLE))
    if rng.random() < 0.85:
        parts.append(rng.choice(FAMILY))
    name = " ".join(parts)
    if rng.random() < 0.15:
        name = name.upper()
    if rng.random() < 0.85:
        for prefix, gelar in GELAR:
            if programme.startswith(prefix):
                return f"{gelar} {name}" if gelar in ("dr.", "drg.", "drh.") else f"{name}, {gelar}"
    return name


def _sex(rng: random.Random, post: dict, programme: str) -> str:
    fam = post["family"]
    if fam == "Bidan" or "Kebidanan" in programme or "Bidan" in programme:
        return "P"
    if fam in ("Pemadam Kebakaran",) or post["nama"].startswith(("Pengemudi", "Caraka")):
        return "L" if rng.random() < 0.97 else "P"
    share_p = {"Perawat": 0.72, "Guru": 0.65, "Polisi Pamong Praja": 0.2, "Asisten Apoteker": 0.8}.get(fam, 0.5)
    return "P" if rng.random() < share_p else "L"


def _golongan(rng: random.Random, post: dict, tingkat: str, service: int, pppk: bool) -> str:
    if pppk:
        return rng.choice(PPPK_GOL[_level(post)])
    lo, hi = (GOL_INDEX[g] for g in GOL_RANGE[_level(post)])
    rank = GOL_INDEX[START_GOL[tingkat]] + service // 4
    return GOLONGAN[max(lo, min(hi, rank))]


def _person(rng: random.Random, post: dict, acuan: date, plan: str) -> dict:
    programme = _programme(rng, post)
    tingkat = _tingkat(programme)
    sex = _sex(rng, post, programme)
    level = _level(post)
    is_guru = post["family"] == "Guru"
    max_age = 59 if is_guru or level in ("JPT Pratama", "Ahli Madya") else 57
    e_lo, e_hi = ENTRY_AGE[tingkat]
    entry = rng.randint(e_lo, e_hi)
    pppk = plan == "pppk"
    if pppk:
        tmt_cpns = date(rng.randint(acuan.year - 5, acuan.year - 1), rng.choice([1, 3, 4, 7, 10]), 1)
        age = rng.randint(max(25, e_lo + 1), 55)
        born = _add_years(acuan, -age) - timedelta(days=rng.randint(0, 360))
    else:
        if plan == "near_bup":  # turns 58 between 13 and 23 months after acuan
            lo = _add_months(acuan, 13) + timedelta(days=1)
            hi = _add_months(acuan, 23) - timedelta(days=1)
            born = _add_years(lo + timedelta(days=rng.randint(0, (hi - lo).days)), -58)
        elif plan == "guru_old":
            born = _add_years(acuan, -rng.choice([58, 59])) - timedelta(days=rng.randint(0, 360))
        else:
            s_lo, s_hi = SERVICE[level]
            age = max(23, min(max_age, entry + rng.randint(s_lo, s_hi)))
            born = _add_years(acuan, -age) - timedelta(days=rng.randint(0, 360))
        entry = min(entry, _age(born, acuan))
        year = born.year + entry
        tmt_cpns = date(year, rng.choice([1, 1, 2, 3, 3, 4, 6, 12]), 1)
        if tmt_cpns < _add_years(born, 18):
            tmt_cpns = _add_months(_add_years(born, 18), 1).replace(day=1)
        if tmt_cpns > acuan - timedelta(days=30):
            tmt_cpns = _add_months(acuan, -rng.randint(1, 11)).replace(day=1)
    service_days = (acuan - tmt_cpns).days
    cpns = not pppk and service_days < 365
    # TMT jabatan: ~20 % under 2 years, ~30 % over 5 years
    r = rng.random()
    if cpns:
        days = max(0, service_days - rng.randint(0, 60))
    else:
        lo_d, hi_d = (30, 725) if r < 0.12 else ((735, 1820) if r < 0.60 else (1830, 12 * 365))
        hi_d = min(hi_d, service_days)
        if hi_d < lo_d:
            lo_d = min(30, hi_d)
        days = rng.randint(lo_d, hi_d)
    tmt_jab = acuan - timedelta(days=days)
    if rng.random() < 0.6 and tmt_jab.replace(day=1) >= tmt_cpns:
        tmt_jab = tmt_jab.replace(day=1)
    gol = _golongan(rng, post, tingkat, service_days // 365, pppk)
    if cpns:
        gol = GOLONGAN[max(GOL_INDEX[GOL_RANGE[level][0]], GOL_INDEX[START_GOL[tingkat]])]
        gol = min(gol, GOL_RANGE[level][1], key=lambda g: GOL_INDEX[g])
    status = "PPPK" if pppk else ("CPNS" if cpns else "Aktif")
    return {"post": post, "programme": programme, "tingkat": tingkat, "sex": sex, "born": born,
            "tmt_cpns": tmt_cpns, "tmt_jab": tmt_jab, "gol": gol, "status": status, "plan": plan}


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0), reverse=True)
    return [items[i] for _, i in keys[:k]]


def _plans(rng: random.Random, seats: list[dict], n: int) -> list[str]:
    """Per seat: '' or a planted role (pppk, near_bup, guru_old)."""
    plans = [""] * len(seats)
    idx = list(range(len(seats)))

    def weight(post: dict) -> float:
        if post["special"] or post["jenis"] not in ("Fungsional", "Pelaksana"):
            return 0.0
        if post["jenjang"] not in ("", "Ahli Pertama", "Terampil"):
            return 0.0
        if post["family"] == "Guru":
            return 6.0
        if post["family"] in HEALTH_FAMILIES:
            return 3.0
        return 1.0

    for i in _weighted_sample(rng, idx, [weight(s) for s in seats], round(0.07 * n)):
        plans[i] = "pppk"
    clerks = [i for i in idx if seats[i]["jenis"] == "Pelaksana" and not plans[i] and not seats[i]["special"]]
    for i in rng.sample(clerks, min(len(clerks), -(-13 * n // 1000))):
        plans[i] = "near_bup"
    gurus = [i for i in idx if seats[i]["family"] == "Guru" and not plans[i]]
    for i in rng.sample(gurus, min(len(gurus), max(2, len(gurus) // 80))):
        plans[i] = "guru_old"
    return plans


PREDIKAT = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
BELOW = ("Butuh Perbaikan", "Kurang", "Sangat Kurang")


def _predikat_class(value: object) -> str:
    if isinstance(value, int | float):
        v = float(value)
        return ("Sangat Baik" if v >= 110 else "Baik" if v >= 90 else "Butuh Perbaikan" if v >= 70
                else "Kurang" if v >= 50 else "Sangat Kurang")
    return str(value)


def _kotak(predikat: str, potensi: str) -> int:
    row = 0 if predikat == "Sangat Baik" else (1 if predikat == "Baik" else 2)
    col = {"Tinggi": 0, "Menengah": 1, "Rendah": 2}[potensi]
    return [[9, 7, 4], [8, 5, 2], [6, 3, 1]][row][col]


def _skp(rng: random.Random, predikat: str) -> int:
    lo, hi = {"Sangat Baik": (110, 120), "Baik": (90, 109), "Butuh Perbaikan": (70, 89), "Kurang": (50, 69),
              "Sangat Kurang": (20, 49)}[predikat]
    return rng.randint(lo, hi)


def _attributes(rng: random.Random, people: list[dict], acuan: date, posts: list[dict]) -> None:
    """Talent, discipline, wishes and licences, with the planted cases."""
    sectors = {}
    for post in posts:
        sectors.setdefault(post["unit"], post["sector"])
    units = list(sectors)
    n = len(people)
    order = list(range(n))
    rng.shuffle(order)
    n_kotak1 = -(-12 * n // 1000)
    n_sanction = -(-8 * n // 1000)
    planted_kotak1 = set(order[:n_kotak1])
    planted_sanction = set(order[n_kotak1:n_kotak1 + n_sanction])
    expired_sanction = set(order[n_kotak1 + n_sanction:n_kotak1 + n_sanction + -(-15 * n // 1000)])
    kotak1_given = set(order[:max(1, n_kotak1 // 4)])
    for i, person in enumerate(people):
        post = person["post"]
        predikat = rng.choices(PREDIKAT, weights=[15, 70, 9, 4.5, 1.5])[0]
        potensi = rng.choices(["Tinggi", "Menengah", "Rendah", None], weights=[22, 50, 13, 15])[0]
        hukuman, akhir = "Tidak Ada", None
        if i in planted_sanction:
            hukuman = rng.choice(["Ringan", "Ringan", "Sedang", "Berat"])
            akhir = acuan + timedelta(days=rng.randint(20, 700))
            predikat = rng.choice(["Butuh Perbaikan", "Kurang", "Baik"])
        elif i in expired_sanction:
            hukuman = rng.choice(["Ringan", "Ringan", "Sedang"])
            akhir = acuan - timedelta(days=rng.randint(30, 1500))
        elif rng.random() < 0.01:
            hukuman = None
        kotak = None
        if i in planted_kotak1:
            potensi, predikat = "Rendah", rng.choice(["Kurang", "Butuh Perbaikan"])
            if i in kotak1_given:
                kotak = 1
                potensi = rng.choice(["Rendah", None])
        elif potensi and rng.random() < 0.05:
            kotak = _kotak(predikat, potensi)
        person["predikat"] = _skp(rng, predikat) if rng.random() < 0.1 else predikat
        person["potensi"] = potensi
        person["kotak"] = kotak
        person["hukuman"], person["akhir"] = hukuman, akhir
        structural = post["jenis"] in ("JPT Pratama", "Administrator", "Pengawas")
        if rng.random() < 0.2:
            person["komp"] = (None, None, None)
        else:
            base = 3 if structural else 2
            person["komp"] = tuple(min(5, max(1, base + rng.choice([-1, 0, 0, 1, 1]))) for _ in range(3))
            if rng.random() < 0.1:
                person["komp"] = (person["komp"][0], None, person["komp"][2])
        if rng.random() < 0.45:
            pool = TRAINING[post["sector"]] + (["Kepemimpinan"] if structural else [])
            person["pelatihan"] = "; ".join(rng.sample(pool, rng.choice([1, 1, 2])))
        else:
            person["pelatihan"] = None
        person["bersedia"] = rng.choices(["Ya", "Tidak", None], weights=[82, 13, 5])[0]
        if rng.random() < 0.1:
            near = [u for u in units if u != post["unit"] and sectors[u] == post["sector"]]
            pool = near if near and rng.random() < 0.7 else [u for u in units if u != post["unit"]]
            wish = rng.sample(pool, min(len(pool), rng.choice([1, 1, 2])))
            person["diminati"] = ";".join(wish) if rng.random() < 0.5 else "; ".join(wish)
        else:
            person["diminati"] = None
        if post["jenis"] == "Fungsional":
            person["siap"] = rng.choices(["Ya", "Tidak", None], weights=[12, 70, 18])[0]
        else:
            person["siap"] = rng.choice(["Tidak", None])
        person["sertifikat"] = _sertifikat(rng, person)
        person["no_kode"] = rng.random() < 0.1


def _sertifikat(rng: random.Random, person: dict) -> str | None:
    post = person["post"]
    fam = post["family"]
    held = []
    programme = person["programme"]
    health_grad = programme in HEALTH_GRADS or programme.startswith(("Profesi Ners", "Profesi Dokter"))
    if fam in STR_FAMILIES and rng.random() < 0.88:
        held.append("STR Perawat" if fam == "Perawat" and rng.random() < 0.5 else "STR")
    elif not fam and health_grad and rng.random() < 0.5:
        held.append("STR")
    if fam == "Guru":
        p = 0.45 if post["jenjang"] == "Ahli Pertama" or person["status"] == "PPPK" else 0.8
        if rng.random() < p:
            held.append("Sertifikat Pendidik")
    if fam == "Pengawas Sekolah" and rng.random() < 0.9:
        held.append("Sertifikat Pendidik")
    if fam == "Auditor" and rng.random() < 0.85:
        held.append("Sertifikat JFA")
    pbj = 0.85 if fam == "Pengelola Pengadaan Barang/Jasa" else 0.03
    if rng.random() < pbj:
        held.append("Sertifikat PBJ")
    if post["nama"].startswith("Bendahara") and rng.random() < 0.5:
        held.append("Sertifikat Bendahara")
    return "; ".join(held) or None


def _nip(born: date, tmt: date, sex: str, pppk: bool, used: dict) -> str:
    """BKN numbering: birth yyyymmdd, appointment yyyymm (month + 20 for an NI PPPK), sex 1/2, serial."""
    month = tmt.month + (20 if pppk else 0)
    stem = f"{born:%Y%m%d}{tmt.year}{month:02d}{1 if sex == 'L' else 2}"
    used[stem] = used.get(stem, 0) + 1
    return f"{stem}{used[stem]:03d}"


# --------------------------------------------------------------------------------------------------------------
# Counting what was planted (on the data as written)
# --------------------------------------------------------------------------------------------------------------


def _count(posts: list[dict], people: list[dict], acuan: date) -> dict:
    held: dict[str, int] = {}
    for person in people:
        held[person["post"]["kode"]] = held.get(person["post"]["kode"], 0) + 1

    def vacancies(kind: str) -> int:
        return sum(max(0, p["keb"] - held.get(p["kode"], 0)) for p in posts if p["site_kind"] == kind)

    lo, hi = _add_months(acuan, 13), _add_months(acuan, 23)
    five, two = _add_years(acuan, -5), _add_years(acuan, -2)
    kotak1 = kurang = sanction = near_bup = guru_old = pppk = cpns = 0
    for p in people:
        predikat = _predikat_class(p["predikat"])
        if p["kotak"] == 1 or (p["kotak"] is None and p["potensi"] == "Rendah" and predikat in BELOW):
            kotak1 += 1
        kurang += predikat in ("Kurang", "Sangat Kurang")
        sanction += p["hukuman"] in ("Ringan", "Sedang", "Berat") and p["akhir"] is not None and p["akhir"] > acuan
        near_bup += p["post"]["jenis"] == "Pelaksana" and lo <= _add_years(p["born"], 58) <= hi
        guru_old += p["post"]["family"] == "Guru" and _age(p["born"], acuan) in (58, 59)
        pppk += p["gol"] in PPPK_GOLONGAN
        cpns += p["status"] == "CPNS"
    bidang_tokens = [[t.strip().lower() for t in b.replace(",", ";").split(";")] if b else [] for b in
                     (p["bidang"] for p in posts)]
    return {
        "pegawai": len(people),
        "posts": len(posts),
        "seats": sum(p["keb"] for p in posts),
        "filled_seats": sum(min(p["keb"], held.get(p["kode"], 0)) for p in posts),
        "kotak1": kotak1,
        "kinerja_kurang": kurang,
        "active_sanction": sanction,
        "near_bup_clerks": near_bup,
        "guru_58_59": guru_old,
        "pppk": pppk,
        "cpns": cpns,
        "tugas_belajar": sum(p["status"] == "Tugas Belajar" for p in people),
        "rotation_due": sum(p["tmt_jab"] < five for p in people),
        "short_tenure": sum(p["tmt_jab"] > two for p in people),
        "surplus_posts": sum(1 for p in posts if 0 < p["keb"] < held.get(p["kode"], 0)),
        "abolished_posts": sum(1 for p in posts if p["keb"] == 0 and held.get(p["kode"], 0) > 0),
        "vacancies_schools": vacancies("school"),
        "vacancies_puskesmas": vacancies("puskesmas"),
        "jf_families": len({p["family"] for p in posts if p["jenis"] == "Fungsional"}),
        "coarse_bidang": sum(1 for toks in bidang_tokens if any(t in COARSE_TOKENS for t in toks)),
        "blank_bidang": sum(1 for toks in bidang_tokens if not toks),
        "no_kode_jabatan": sum(1 for p in people if p["no_kode"]),
    }


# --------------------------------------------------------------------------------------------------------------
# The workbook
# --------------------------------------------------------------------------------------------------------------


def write_kota(path: str | Path, *, pegawai: int = 600, seed: int = 1, tanggal_acuan: date = date(2026, 12, 1)) -> dict:
    """Write the Kota Watu Lestari workbook to ``path`` and return the planted counts (measured on what was written)."""
    rng = random.Random(seed)
    acuan = tanggal_acuan
    peta = _build_peta(rng, pegawai)
    posts = peta.posts
    _scale(peta, round(pegawai / 0.925))
    _fill(rng, posts, pegawai)
    for post in posts:
        post["bidang"] = _bidang(rng, post)
    seats = [post for post in posts for _ in range(post["holders"])]
    plans = _plans(rng, seats, pegawai)
    people = [_person(rng, post, acuan, plan) for post, plan in zip(seats, plans, strict=True)]
    # a few on study leave
    for person in rng.sample(people, max(1, pegawai // 200)):
        if person["status"] == "Aktif" and not person["plan"]:
            person["status"] = "Tugas Belajar"
    _attributes(rng, people, acuan, posts)
    rng.shuffle(people)

    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(PEGAWAI_HEADERS)
    used: dict[str, int] = {}
    for person in people:
        post = person["post"]
        komp = person["komp"]
        ws.append([
            _nip(person["born"], person["tmt_cpns"], person["sex"], person["status"] == "PPPK", used),
            _name(rng, person["sex"], person["programme"]),
            person["gol"], person["tingkat"], person["programme"],
            None if person["no_kode"] else post["kode"], post["nama"], post["unit"],
            person["tmt_jab"], person["born"], person["sex"], person["status"],
            person["predikat"], person["potensi"], person["kotak"], komp[0], komp[1], komp[2],
            person["pelatihan"], person["hukuman"], person["akhir"], person["bersedia"], person["diminati"],
            person["siap"], person["sertifikat"],
        ])
    _formats(ws, text_cols=(1, 6), date_cols=(9, 10, 21))

    wj = wb.create_sheet("Jabatan")
    wj.append(JABATAN_HEADERS)
    for post in posts:
        wj.append([post["kode"], post["nama"], post["unit"], post["jenis"], post["jenjang"] or None, post["kelas"],
                   post["keb"], post["pend"], post["bidang"], post["risiko"], post["wajib"]])
    _formats(wj, text_cols=(1,), date_cols=())

    wp = wb.create_sheet("Pengaturan")
    wp.append(["Parameter", "Nilai"])
    wp.append(["tanggal_acuan", f"{acuan:%d-%m-%Y}"])
    wp["B2"].number_format = "@"

    wc = wb.create_sheet("Catatan")
    wc["A1"] = CATATAN
    for sheet, widths in ((ws, {"A": 21, "B": 34, "E": 36, "G": 50, "H": 40}), (wj, {"B": 60, "C": 50}),
                          (wc, {"A": 80})):
        for col, width in widths.items():
            sheet.column_dimensions[col].width = width
        sheet.freeze_panes = "A2" if sheet is not wc else None
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return _count(posts, people, acuan)


def _formats(ws, *, text_cols: tuple[int, ...], date_cols: tuple[int, ...]) -> None:
    for col in text_cols:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "@"
    for col in date_cols:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if cell.value is not None:
                cell.number_format = DATE_FORMAT


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=f"Tulis workbook uji {KOTA} (fiktif).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--pegawai", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tanggal-acuan", default="2026-12-01", help="yyyy-mm-dd")
    args = parser.parse_args(argv)
    counts = write_kota(args.out, pegawai=args.pegawai, seed=args.seed,
                        tanggal_acuan=date.fromisoformat(args.tanggal_acuan))
    print(args.out)
    for key, value in counts.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
