"""The OPD of the demo pemda, in the order they are added as it grows, and the templates of its sites.

Each unit names its JPT, Administrator and Pengawas posts, its jabatan fungsional families and pelaksana
pools, and the fields typical of its staff; the Dinas Kesehatan and Dinas Pendidikan work mostly in named
puskesmas and schools (PUSKESMAS, SD, SMP).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from penempatan.demo.draw import weights

# Kecamatan (and the places schools and puskesmas are named after), with their kelurahan.
PLACES = ("Alak Kota", "Alak Barat", "Alak Timur", "Alak Utara", "Alak Selatan", "Batu Lamo", "Sungai Rendah",
           "Tanjung Peria", "Bukit Sarang", "Pesisir Alak", "Lembah Hijau", "Talang Dua")
KELURAHAN = ("Pasar Lama", "Koto Baru", "Simpang Empat", "Air Dingin", "Padang Luas", "Tanah Merah",
              "Sukamaju", "Kampung Dalam", "Teluk Sirih", "Batu Gajah", "Lubuk Intan", "Ujung Tanjung",
              "Bukit Gading", "Tebing Tinggi", "Rawa Indah", "Sungai Kayu", "Pulau Cempedak", "Ranah Baru",
              "Lima Kaum", "Muara Jaya", "Padang Sari", "Lembah Damai", "Talang Jaya", "Koto Tuo")

GENERIC_POOLS: tuple[tuple[str, int, str, str | None, float], ...] = (
    # (name, kelas, pendidikan minimal, bidang, weight): today's pelaksana names (the old ones are ABOLISHED)
    ("Pengadministrasi Perkantoran", 5, "SLTA", None, 3.0),
    ("Operator Layanan Operasional", 5, "SLTA", None, 2.0),
    ("Pengelola Layanan Operasional", 6, "D-III", None, 2.0),
    ("Pengolah Data dan Informasi", 6, "D-III", None, 1.5),
    ("Penata Layanan Operasional", 7, "S-1", None, 1.5),
    ("Penelaah Teknis Kebijakan", 7, "S-1", None, 1.0),
)
BENDAHARA = ("Bendahara", 7, "D-III", "ekonomi_akuntansi", 0.0)
# Old pelaksana names being abolished (Kebutuhan 0, still held).
ABOLISHED = ("Pengadministrasi Umum", "Pengemudi", "Caraka", "Pengetik", "Pramu Kebersihan", "Penjaga Malam")


@dataclass(frozen=True)
class Unit:
    """One OPD: relative size, its posts by kind, the fields typical of its staff, and where it works."""

    kode: str
    nama: str
    weight: float
    jpt: tuple[str, ...]
    admins: tuple[tuple[str, str | None], ...]  # (name, bidang); the first is kept in the smallest pemda
    pengawas: tuple[tuple[str, str | None], ...]
    jf: tuple[tuple[str, float], ...]  # (family, weight) of the office's fungsional seats
    fungsional: float  # share of the office's non-managerial seats that are fungsional
    home: tuple[tuple[str, float], ...]  # fields typical of its structural and pelaksana staff
    pools: tuple[tuple[str, int, str, str | None, float], ...] = ()
    sites: str | None = None  # "puskesmas" or "sekolah": most seats are in named places
    site_share: float = 0.0
    female: float = 0.45
    kecamatan: bool = False


def _sub(*names: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((n, None) for n in names)


_SUBBAG = (("Kepala Subbagian Umum dan Kepegawaian", None), ("Kepala Subbagian Keuangan", "ekonomi_akuntansi"),
           ("Kepala Subbagian Perencanaan dan Pelaporan", None))


def _dinas(kode: str, nama: str, weight: float, bidang: Sequence[tuple[str, str | None]],
           seksi: Sequence[tuple[str, str | None]], jf: str, fungsional: float, home: str,
           jpt: tuple[str, ...] = (), sekretaris: str = "Sekretaris Dinas", kabid: str = "Kepala Bidang",
           pools: tuple[tuple[str, int, str, str | None, float], ...] = (), sites: str | None = None,
           site_share: float = 0.0, female: float = 0.45) -> Unit:
    """A dinas or badan: a head, a sekretaris and kepala bidang, subbagian then seksi, its JF families."""
    admins = ((sekretaris, None), *((f"{kabid} {b}", f) for b, f in bidang))
    head = jpt or (f"Kepala {nama}",)
    return Unit(kode, nama, weight, head, admins, (*_SUBBAG, *seksi), weights(jf), fungsional, weights(home),
                pools, sites, site_share, female)


def _kecamatan(kode: str, k: int) -> Unit:
    place = PLACES[k]
    lurah = tuple((f"Lurah {KELURAHAN[(2 * k + i) % len(KELURAHAN)]}", None) for i in range(2))
    return Unit(
        kode, f"Kecamatan {place}", 0.8, (), ((f"Camat {place}", None), (f"Sekretaris Kecamatan {place}", None)),
        (("Kepala Subbagian Umum dan Kepegawaian", None), ("Kepala Subbagian Perencanaan dan Keuangan", None),
         ("Kepala Seksi Pemerintahan", None), ("Kepala Seksi Ketenteraman dan Ketertiban Umum", None), *lurah,
         ("Kepala Seksi Pemberdayaan Masyarakat dan Desa", None), ("Kepala Seksi Pelayanan Umum", None)),
        weights("Penggerak Swadaya Masyarakat:2; Analis Kebijakan:1; Polisi Pamong Praja:1"), 0.25,
        weights("administrasi_sosial:0.8; hukum:0.2"), kecamatan=True)


# In the order units are added as the pemda grows: the first eight already hold every jenis jabatan.
UNITS: tuple[Unit, ...] = (
    Unit("SETDA", "Sekretariat Daerah", 2.5,
         ("Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan",
          "Asisten Administrasi Umum", "Staf Ahli Bupati Bidang Pemerintahan",
          "Staf Ahli Bupati Bidang Pembangunan", "Staf Ahli Bupati Bidang Kemasyarakatan dan Sumber Daya Manusia"),
         (("Kepala Bagian Umum", None), ("Kepala Bagian Hukum", "hukum"), ("Kepala Bagian Tata Pemerintahan", None),
          ("Kepala Bagian Pengadaan Barang dan Jasa", None), ("Kepala Bagian Organisasi", None),
          ("Kepala Bagian Perekonomian dan Sumber Daya Alam", None), ("Kepala Bagian Kesejahteraan Rakyat", None),
          ("Kepala Bagian Administrasi Pembangunan", None),
          ("Kepala Bagian Protokol dan Komunikasi Pimpinan", "komunikasi")),
         (("Kepala Subbagian Tata Usaha Pimpinan", None), ("Kepala Subbagian Keuangan", "ekonomi_akuntansi"),
          ("Kepala Subbagian Pengelolaan Layanan Pengadaan", None), ("Kepala Subbagian Perundang-undangan", "hukum"),
          ("Kepala Subbagian Bantuan Hukum", "hukum"), ("Kepala Subbagian Rumah Tangga", None),
          ("Kepala Subbagian Kelembagaan dan Analisis Jabatan", None),
          ("Kepala Subbagian Otonomi Daerah", None)),
         weights("Analis Kebijakan:3; Analis Hukum:2; Perancang Peraturan Perundang-undangan:1; "
                 "Pengelola Pengadaan Barang/Jasa:2; Pranata Hubungan Masyarakat:1; Arsiparis:1"), 0.3,
         weights("administrasi_sosial:0.5; hukum:0.2; ekonomi_akuntansi:0.15; manajemen:0.15"),
         pools=(("Pengelola Keuangan", 7, "D-III", "ekonomi_akuntansi", 1.5),)),
    _dinas("DINKES", "Dinas Kesehatan", 7.0,
           (("Kesehatan Masyarakat", None), ("Pencegahan dan Pengendalian Penyakit", None),
            ("Pelayanan Kesehatan", None), ("Sumber Daya Kesehatan", None)),
           (*_sub("Kepala Seksi Kesehatan Keluarga dan Gizi", "Kepala Seksi Surveilans dan Imunisasi",
                  "Kepala Seksi Pelayanan Kesehatan Primer"),
            ("Kepala Seksi Kefarmasian dan Alat Kesehatan", "farmasi")),
           "Epidemiolog Kesehatan:2; Administrator Kesehatan:3; Penyuluh Kesehatan Masyarakat:2; Sanitarian:1; "
           "Nutrisionis:1; Apoteker:1; Perencana:1; Pranata Komputer:1; Statistisi:0.5", 0.6,
           "kesehatan_masyarakat:0.5; keperawatan:0.2; kebidanan:0.1; kedokteran:0.1; farmasi:0.1",
           sites="puskesmas", site_share=0.85, female=0.7),
    _dinas("DISDIK", "Dinas Pendidikan", 27.0,
           (("Pembinaan Sekolah Dasar", None), ("Pembinaan Sekolah Menengah Pertama", None),
            ("Pendidikan Anak Usia Dini dan Pendidikan Nonformal", "pendidikan_nonformal"),
            ("Pendidik dan Tenaga Kependidikan", None)),
           (("Kepala Seksi Kurikulum Sekolah Dasar", "keguruan"), ("Kepala Seksi Sarana Prasarana Sekolah Dasar", None),
            ("Kepala Seksi Kurikulum Sekolah Menengah Pertama", "keguruan"),
            ("Kepala Seksi Kelembagaan dan Kesetaraan", "pendidikan_nonformal")),
           "Pengawas Sekolah:4; Penilik:2; Pamong Belajar:2; Pranata Komputer:0.5; Perencana:0.5", 0.6,
           "keguruan:0.7; administrasi_sosial:0.3", sites="sekolah", site_share=0.93, female=0.62),
    _dinas("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 1.4,
           (("Anggaran", None), ("Perbendaharaan", None), ("Akuntansi", None), ("Aset", None)),
           (("Kepala Subbidang Anggaran Belanja", None), ("Kepala Subbidang Kas Daerah", "ekonomi_akuntansi"),
            ("Kepala Subbidang Akuntansi dan Pelaporan", None), ("Kepala Subbidang Pemanfaatan Aset", None)),
           "Analis Keuangan Pusat dan Daerah:4; Pranata Komputer:1", 0.3,
           "ekonomi_akuntansi:0.75; manajemen:0.25", sekretaris="Sekretaris Badan",
           pools=(("Pengelola Keuangan", 7, "D-III", "ekonomi_akuntansi", 5.0),)),
    _dinas("INSP", "Inspektorat Daerah", 1.0,
           (("Wilayah I", None), ("Wilayah II", None), ("Wilayah III", None), ("Wilayah IV", None)), (),
           "Auditor:5; Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah:4", 0.75,
           "ekonomi_akuntansi:0.6; hukum:0.2; administrasi_sosial:0.2", jpt=("Inspektur Daerah",),
           sekretaris="Sekretaris Inspektorat", kabid="Inspektur Pembantu"),
    _kecamatan("KEC01", 0),
    Unit("RSUD", "Rumah Sakit Umum Daerah Alak", 5.0, ("Direktur Rumah Sakit Umum Daerah Alak",),
         (("Kepala Bagian Tata Usaha", None), ("Kepala Bidang Pelayanan Medis", "kedokteran"),
          ("Kepala Bidang Keperawatan", "keperawatan"), ("Kepala Bidang Penunjang Medis", None),
          ("Kepala Bagian Keuangan", None)),
         (*_SUBBAG, ("Kepala Seksi Pelayanan Medis", "kedokteran"), ("Kepala Seksi Asuhan Keperawatan", "keperawatan"),
          ("Kepala Seksi Penunjang Medis", None), ("Kepala Seksi Rekam Medis", "rekam_medis"),
          ("Kepala Subbagian Akuntansi dan Verifikasi", None)),
         weights("Dokter:5; Dokter Gigi:1; Perawat:20; Bidan:5; Apoteker:2; Asisten Apoteker:2; Nutrisionis:1; "
                 "Pranata Laboratorium Kesehatan:2; Radiografer:2; Perekam Medis:2; Fisioterapis:1; "
                 "Terapis Gigi dan Mulut:0.5; Sanitarian:0.5; Administrator Kesehatan:1; Elektromedis:0.5"), 0.8,
         weights("keperawatan:0.35; kesehatan_masyarakat:0.3; kedokteran:0.1; rekam_medis:0.1; "
                 "ekonomi_akuntansi:0.15"),
         pools=(("Pengelola Keuangan", 7, "D-III", "ekonomi_akuntansi", 1.0),), female=0.68),
    _dinas("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 0.9,
           (("Pengadaan dan Informasi Kepegawaian", None), ("Mutasi dan Promosi", None),
            ("Pengembangan Kompetensi", None), ("Penilaian Kinerja dan Penghargaan", None)),
           _sub("Kepala Subbidang Data dan Informasi Kepegawaian", "Kepala Subbidang Mutasi"),
           "Analis Sumber Daya Manusia Aparatur:5; Asesor SDM Aparatur:1; Pranata Komputer:1; Arsiparis:1", 0.45,
           "administrasi_sosial:0.5; psikologi:0.2; manajemen:0.2; hukum:0.1", sekretaris="Sekretaris Badan"),
    _dinas("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 0.8,
           (("Perencanaan Pembangunan Manusia", None), ("Infrastruktur dan Kewilayahan", None),
            ("Perekonomian dan Sumber Daya Alam", None), ("Penelitian dan Pengembangan", None)),
           _sub("Kepala Subbidang Data dan Evaluasi"),
           "Perencana:6; Statistisi:1; Analis Kebijakan:1", 0.5,
           "arsitektur_planologi:0.3; ekonomi_akuntansi:0.4; statistika:0.1; administrasi_sosial:0.2",
           sekretaris="Sekretaris Badan"),
    _dinas("KOMINFO", "Dinas Komunikasi dan Informatika", 0.7,
           (("Informasi dan Komunikasi Publik", "komunikasi"), ("Aplikasi Informatika", None),
            ("Persandian dan Statistik", None)),
           (("Kepala Seksi Infrastruktur Teknologi Informasi", "ti"),
            ("Kepala Seksi Pengelolaan Informasi Publik", "komunikasi")),
           "Pranata Komputer:4; Pranata Hubungan Masyarakat:3; Statistisi:2", 0.5,
           "ti:0.5; komunikasi:0.4; statistika:0.1",
           pools=(("Pengelola Sistem dan Jaringan", 7, "D-III", "ti", 2.0),)),
    _kecamatan("KEC02", 1),
    _dinas("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 2.0,
           (("Bina Marga", "teknik_sipil"), ("Sumber Daya Air", "teknik_sipil"), ("Cipta Karya", "teknik_sipil"),
            ("Penataan Ruang", "arsitektur_planologi"), ("Bina Konstruksi", "teknik_sipil")),
           (("Kepala Seksi Pembangunan Jalan dan Jembatan", "teknik_sipil"),
            ("Kepala Seksi Irigasi", "teknik_sipil"), ("Kepala Seksi Air Minum dan Sanitasi", "teknik_sipil"),
            ("Kepala Seksi Pemanfaatan Ruang", "arsitektur_planologi")),
           "Teknik Jalan dan Jembatan:4; Teknik Pengairan:3; Penata Ruang:2; Teknik Tata Bangunan dan Perumahan:2; "
           "Pengelola Pengadaan Barang/Jasa:1", 0.45, "teknik_sipil:0.8; arsitektur_planologi:0.2",
           pools=(("Teknisi Sarana dan Prasarana", 6, "D-III", "teknik_sipil", 2.0),), female=0.3),
    _dinas("DISTAN", "Dinas Pertanian dan Ketahanan Pangan", 1.6,
           (("Tanaman Pangan dan Hortikultura", "pertanian"), ("Peternakan dan Kesehatan Hewan",
                                                              "peternakan_kesehatan_hewan"),
            ("Penyuluhan", "pertanian"), ("Ketahanan Pangan", "pertanian")),
           (("Kepala Seksi Produksi Tanaman Pangan", "pertanian"),
            ("Kepala Seksi Kesehatan Hewan", "peternakan_kesehatan_hewan")),
           "Penyuluh Pertanian:6; Medik Veteriner:1; Paramedik Veteriner:2; Pengawas Mutu Hasil Pertanian:1; "
           "Analis Ketahanan Pangan:1", 0.65, "pertanian:0.8; peternakan_kesehatan_hewan:0.2"),
    Unit("SETWAN", "Sekretariat DPRD", 0.7, ("Sekretaris DPRD",),
         (("Kepala Bagian Persidangan dan Perundang-undangan", None), ("Kepala Bagian Keuangan", None),
          ("Kepala Bagian Umum", None)),
         (("Kepala Subbagian Rapat dan Risalah", None), ("Kepala Subbagian Keuangan", None),
          ("Kepala Subbagian Tata Usaha dan Kepegawaian", None), ("Kepala Subbagian Perundang-undangan", None)),
         weights("Perancang Peraturan Perundang-undangan:2; Analis Kebijakan:2; Analis Hukum:1; "
                 "Pranata Hubungan Masyarakat:1"), 0.3,
         weights("administrasi_sosial:0.5; hukum:0.3; ekonomi_akuntansi:0.2")),
    _dinas("BAPENDA", "Badan Pendapatan Daerah", 0.8,
           (("Pendataan dan Penetapan", "ekonomi_akuntansi"), ("Penagihan", "ekonomi_akuntansi"),
            ("Pengendalian Pendapatan", "ekonomi_akuntansi")),
           (("Kepala Subbidang Pajak Bumi dan Bangunan", "ekonomi_akuntansi"),
            ("Kepala Subbidang Retribusi Daerah", "ekonomi_akuntansi")),
           "Analis Keuangan Pusat dan Daerah:2; Pranata Komputer:1", 0.2, "ekonomi_akuntansi:0.8; manajemen:0.2",
           sekretaris="Sekretaris Badan",
           pools=(("Pengelola Pajak dan Retribusi Daerah", 6, "D-III", "ekonomi_akuntansi", 3.0),)),
    _dinas("SATPOLPP", "Satuan Polisi Pamong Praja", 1.4,
           (("Penegakan Peraturan Daerah", None), ("Ketertiban Umum dan Ketenteraman Masyarakat", None),
            ("Perlindungan Masyarakat", None), ("Pencegahan dan Penanggulangan Kebakaran", None)),
           _sub("Kepala Seksi Penyelidikan dan Penyidikan", "Kepala Seksi Operasi dan Pengendalian",
                "Kepala Seksi Pencegahan Kebakaran"),
           "Polisi Pamong Praja:6; Pemadam Kebakaran:4", 0.65, "hukum:0.4; administrasi_sosial:0.6",
           jpt=("Kepala Satuan Polisi Pamong Praja",), sekretaris="Sekretaris Satuan", female=0.2),
    _kecamatan("KEC03", 2),
    _dinas("DINSOS", "Dinas Sosial", 0.6,
           (("Rehabilitasi Sosial", None), ("Perlindungan dan Jaminan Sosial", None), ("Pemberdayaan Sosial", None)),
           (), "Pekerja Sosial:3; Penyuluh Sosial:2", 0.45, "administrasi_sosial:0.8; psikologi:0.2"),
    _dinas("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 0.7,
           (("Pelayanan Pendaftaran Penduduk", None), ("Pelayanan Pencatatan Sipil", None),
            ("Pengelolaan Informasi Administrasi Kependudukan", None)), (),
           "Pranata Komputer:2; Analis Kebijakan:1; Arsiparis:1", 0.25, "administrasi_sosial:0.7; ti:0.3",
           pools=(("Pengadministrasi Kependudukan", 5, "SLTA", None, 3.0),)),
    _dinas("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 0.6,
           (("Pelayanan Perizinan", None), ("Penanaman Modal", None), ("Pengaduan dan Informasi", None)), (),
           "Analis Kebijakan:1; Pranata Komputer:1", 0.2, "hukum:0.4; administrasi_sosial:0.3; ekonomi_akuntansi:0.3"),
    _dinas("DLH", "Dinas Lingkungan Hidup", 1.0,
           (("Tata Lingkungan", "lingkungan"), ("Pengelolaan Sampah dan Limbah", "lingkungan"),
            ("Pengendalian Pencemaran dan Kerusakan Lingkungan", "lingkungan")), (),
           "Pengendali Dampak Lingkungan:3; Pengawas Lingkungan Hidup:2", 0.35,
           "lingkungan:0.6; teknik_sipil:0.2; kehutanan:0.2"),
    _kecamatan("KEC04", 3),
    _dinas("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", 0.6,
           (("Perdagangan", None), ("Perindustrian", None), ("Metrologi Legal", None)), (),
           "Penera:2; Analis Kebijakan:1", 0.3, "ekonomi_akuntansi:0.5; manajemen:0.3; teknik_mesin_elektro:0.2"),
    _dinas("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 0.5,
           (("Pemberdayaan Perempuan", None), ("Perlindungan Anak", None)), (),
           "Pekerja Sosial:1; Penyuluh Sosial:1; Analis Kebijakan:1", 0.35, "administrasi_sosial:0.7; psikologi:0.3",
           female=0.65),
    _dinas("DISKOP", "Dinas Koperasi dan Usaha Mikro", 0.4,
           (("Kelembagaan Koperasi", None), ("Usaha Mikro", None)), (), "Analis Kebijakan:1", 0.2,
           "manajemen:0.5; ekonomi_akuntansi:0.5"),
    _kecamatan("KEC05", 4),
    _dinas("DISKAN", "Dinas Perikanan", 0.6,
           (("Perikanan Tangkap", "pertanian"), ("Perikanan Budidaya", "pertanian")), (),
           "Penyuluh Perikanan:4; Pengawas Perikanan:1", 0.5, "pertanian:1"),
    _dinas("DISPARBUD", "Dinas Pariwisata dan Kebudayaan", 0.5,
           (("Destinasi Pariwisata", None), ("Pemasaran Pariwisata", None), ("Kebudayaan", None)), (),
           "Pamong Budaya:2; Analis Kebijakan:1", 0.3,
           "bahasa_sastra:0.3; manajemen:0.4; administrasi_sosial:0.3"),
    _dinas("BPBD", "Badan Penanggulangan Bencana Daerah", 0.5,
           (("Pencegahan dan Kesiapsiagaan", None), ("Kedaruratan dan Logistik", None),
            ("Rehabilitasi dan Rekonstruksi", None)), (), "Analis Kebijakan:1", 0.2,
           "administrasi_sosial:0.5; teknik_sipil:0.3; lingkungan:0.2",
           jpt=("Kepala Pelaksana Badan Penanggulangan Bencana Daerah",), sekretaris="Sekretaris Badan"),
    _kecamatan("KEC06", 5),
    _dinas("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 0.4,
           (("Ideologi dan Wawasan Kebangsaan", None), ("Politik Dalam Negeri", None)), (),
           "Analis Kebijakan:2", 0.2, "administrasi_sosial:1", sekretaris="Sekretaris Badan"),
    _dinas("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", 0.5,
           (("Perpustakaan", None), ("Kearsipan", None)), (), "Pustakawan:3; Arsiparis:3", 0.5,
           "administrasi_sosial:0.8; komunikasi:0.2"),
    _dinas("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", 0.6,
           (("Perumahan", "teknik_sipil"), ("Kawasan Permukiman", "teknik_sipil"), ("Pertanahan", None)), (),
           "Teknik Tata Bangunan dan Perumahan:3; Penata Ruang:1", 0.35, "teknik_sipil:0.6; arsitektur_planologi:0.4",
           female=0.3),
    _dinas("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", 0.5,
           (("Pemerintahan Desa", None), ("Pemberdayaan Masyarakat", None)), (),
           "Penggerak Swadaya Masyarakat:3; Analis Kebijakan:1", 0.35,
           "administrasi_sosial:0.8; ekonomi_akuntansi:0.2"),
    *(_kecamatan(f"KEC{k + 1:02d}", k) for k in range(6, len(PLACES))),
)

# Site templates: (kind, what, weight) with kind "jf" (family), "guru" (subject), "pengawas" or "pel".
PUSKESMAS: tuple[tuple[str, str, float], ...] = (
    ("jf", "Perawat", 8), ("jf", "Bidan", 8), ("jf", "Dokter", 2), ("jf", "Dokter Gigi", 1), ("jf", "Apoteker", 1),
    ("jf", "Asisten Apoteker", 1), ("jf", "Nutrisionis", 1), ("jf", "Sanitarian", 1),
    ("jf", "Pranata Laboratorium Kesehatan", 1), ("jf", "Perekam Medis", 1), ("jf", "Terapis Gigi dan Mulut", 1),
    ("jf", "Penyuluh Kesehatan Masyarakat", 1), ("jf", "Epidemiolog Kesehatan", 0.5),
    ("pengawas", "Kepala Subbagian Tata Usaha", 1), ("pel", "Bendahara", 1),
    ("pel", "Pengadministrasi Perkantoran", 1.5),
)
SD: tuple[tuple[str, str, float], ...] = (
    ("guru", "Kelas", 6), ("guru", "Pendidikan Jasmani", 1), ("guru", "Pendidikan Agama Islam", 1),
    ("pel", "Pengadministrasi Perkantoran", 0.7),
)
SMP: tuple[tuple[str, str, float], ...] = (
    ("guru", "Matematika", 2.5), ("guru", "Bahasa Indonesia", 2.5), ("guru", "Ilmu Pengetahuan Alam", 2.5),
    ("guru", "Bahasa Inggris", 2), ("guru", "Ilmu Pengetahuan Sosial", 2), ("guru", "Pendidikan Pancasila", 1.2),
    ("guru", "Pendidikan Jasmani", 1.2), ("guru", "Pendidikan Agama Islam", 1.2),
    ("guru", "Bimbingan dan Konseling", 1), ("guru", "Seni Budaya", 1), ("pel", "Pengadministrasi Perkantoran", 1.5),
)
PEL_BY_NAME = {p[0]: p for p in (*GENERIC_POOLS, BENDAHARA)}
