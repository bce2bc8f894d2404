"""The input workbook's schema (SPEC 2): sheets, columns, SIASN aliases, drop-down values, help text.

Shared by the reader (header matching) and the template/demo writer, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from penempatan.model import HUKUMAN_VALUES, JENIS_VALUES, POTENSI_VALUES, STATUS_VALUES

SHEET_PEGAWAI = "Pegawai"
SHEET_JABATAN = "Jabatan"
SHEET_PENGATURAN = "Pengaturan"
SHEET_PERMINTAAN = "Permintaan"
SHEET_PETUNJUK = "Petunjuk"
FAMILY_KM = "Jarak Keluarga (km)"
"""The optional column of sheet Permintaan giving the requester's distance from family (SPEC 9 priority)."""


@dataclass(frozen=True)
class Column:
    """One input column: its header, accepted aliases, whether required, drop-down values and help."""

    name: str
    help: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # static drop-down values; reference-table lists are added by the writer
    kind: str = "text"  # text, int, decimal, date, nip, bool, siasn_id


YA_TIDAK = ("Ya", "Tidak")
SEMUA_BIDANG = "semua"
"""Bidang written as this: the post is open to every field, even when its name matches bidang_jabatan.csv."""

PEGAWAI_COLUMNS: tuple[Column, ...] = (
    Column("NIP", "NIP 18 digit, ditulis sebagai teks (bukan angka).", True, ("NIP BARU",), kind="nip"),
    Column("Nama", "Nama lengkap pegawai.", True, ("NAMA",)),
    Column("Golongan", "Golongan ruang, mis. III/a (PNS) atau IX (PPPK); boleh ditulis bersama pangkatnya, "
           "mis. 'III/b - Penata Muda Tingkat I' (keduanya harus cocok).", True, ("GOL AKHIR NAMA",),
           kind="golongan"),
    Column("Jenjang Pendidikan", "Jenjang pendidikan terakhir: SD, SLTP, SLTA, D-I … S-3.", True,
           ("TINGKAT PENDIDIKAN NAMA",), kind="pendidikan"),
    Column("Jurusan", "Program studi, mis. 'S-1 Teknik Sipil'; bidangnya dicari di data/rumpun.csv.", False,
           ("PENDIDIKAN NAMA",)),
    Column("Kode Jabatan", "Kode jabatan saat ini (lihat sheet Jabatan).", True),
    Column("Nama Jabatan", "Nama jabatan saat ini; dipakai bila Kode Jabatan kosong.", False, ("JABATAN NAMA",)),
    Column("Unit Kerja", "Unit kerja saat ini; dipakai bersama Nama Jabatan.", False, ("UNOR NAMA",)),
    Column("TMT Jabatan", "Tanggal mulai menjabat jabatan saat ini.", True, ("TMT JABATAN",), kind="date"),
    Column("Tanggal Lahir", "Tanggal lahir; bila kosong diambil dari NIP.", False, ("TANGGAL LAHIR",),
           kind="date"),
    Column("Jenis Kelamin", "L atau P; bila kosong diambil dari NIP.", False, ("JENIS KELAMIN",), ("L", "P")),
    Column("Status", "Kedudukan: Aktif, CPNS, PPPK, Tugas Belajar, CLTN, MPP, Diberhentikan Sementara.",
           False, ("KEDUDUKAN HUKUM NAMA",), STATUS_VALUES),
    Column("Status CPNS PNS", "Kode SIASN: C = CPNS, P = PNS.", False, ("STATUS CPNS PNS",), ("C", "P")),
    Column("Predikat Kinerja", "Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, atau nilai SKP 0–120.",
           True, kind="kinerja"),
    Column("Potensi", "Tinggi, Menengah, Rendah, atau nilai JPM (%).", False, (), POTENSI_VALUES),
    Column("Kotak Talenta", "1–9; bila kosong dihitung dari kinerja × potensi.", False, kind="int"),
    Column("Kompetensi Manajerial", "Level 1–5 hasil asesmen terakhir.", False, kind="int"),
    Column("Kompetensi Sosial Kultural", "Level 1–5 hasil asesmen terakhir.", False, kind="int"),
    Column("Kompetensi Teknis", "Level 1–5 hasil asesmen terakhir.", False, kind="int"),
    Column("Pelatihan", "Pelatihan yang pernah diikuti (nama atau bidangnya), dipisah titik koma, "
           "mis. 'TI; Pengadaan Barang/Jasa'; bidangnya dicari di data/rumpun.csv.", False),
    Column("Hukuman Disiplin", "Tidak Ada, Ringan, Sedang, Berat.", False, (), HUKUMAN_VALUES),
    Column("Akhir Hukuman", "Tanggal berakhirnya hukuman disiplin.", False, kind="date"),
    Column("Bersedia Mutasi", "Ya (bawaan) atau Tidak.", False, (), YA_TIDAK, kind="bool"),
    Column("Unit Diminati", "Unit kerja yang diminati, dipisah titik koma.", False),
    Column("Siap Naik Jenjang", "Ya/Tidak (bawaan Tidak): pejabat fungsional yang angka kredit dan uji "
           "kompetensinya sudah memenuhi jenjang berikutnya (R9).", False, (), YA_TIDAK, kind="bool"),
    Column("Sertifikat", "Lisensi dan sertifikat yang dimiliki, dipisah titik koma, mis. 'STR; Sertifikat "
           "Pendidik; Sertifikat PBJ': syarat perpindahan ke jabatan fungsional berlisensi (R22).", False),
    Column("PNS ID", "ID pegawai di SIASN (pnsId), teks; untuk baris riwayat jabatan paket keputusan (penempatan "
           "paket). Opsional.", False, ("ID",), kind="siasn_id"),
)

SIASN_POST_IDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Unor ID", "unit organisasi", "unorId", ()),
    ("Jabatan Fungsional ID", "jabatan fungsional (untuk jabatan Fungsional)", "jabatanFungsionalId", ()),
    ("Jabatan Fungsional Umum ID", "jabatan pelaksana (untuk jabatan Pelaksana)", "jabatanFungsionalUmumId", ()),
    ("Eselon ID", "eselon (untuk jabatan struktural)", "eselonId", ()),
    ("Satuan Kerja ID", "satuan kerja", "satuanKerjaId", ("SATUAN KERJA KERJA ID",)),
)
"""The SIASN IDs of a post (sheet Jabatan; SPEC 10): column, what it identifies, SIASN's field, aliases. Their
order is that of `model.SiasnIds`' fields."""

JABATAN_COLUMNS: tuple[Column, ...] = (
    Column("Kode Jabatan", "Kode unik jabatan.", True),
    Column("Nama Jabatan", "Nama jabatan.", True),
    Column("Unit Kerja", "Unit kerja (OPD / bidang).", True),
    Column("Jenis Jabatan", "JPT Pratama, Administrator, Pengawas, Pelaksana, Fungsional.", True, (),
           JENIS_VALUES),
    Column("Jenjang", "Wajib untuk Fungsional: Ahli Pertama … Ahli Utama, Pemula … Penyelia.", False),
    Column("Rumpun JF", "Untuk Fungsional: rumpun jabatan fungsional (data/jabatan_fungsional.csv), mis. Perawat, "
           "Guru; bila kosong dicari dari Nama Jabatan.", False),
    Column("Kelas Jabatan", "1–17.", True, kind="int"),
    Column("Kebutuhan", "Jumlah kursi menurut ABK (0 = jabatan dihapus).", True, kind="int"),
    Column("Pendidikan Minimal", "Jenjang pendidikan minimal.", True, kind="pendidikan"),
    Column("Bidang", "Satu atau beberapa bidang atau kelompok bidang (mis. Kesehatan, Pendidikan, Teknik, Hukum, "
           "Teknik Sipil), dipisah titik koma atau koma; bila kosong dicari dari Nama Jabatan "
           "(data/bidang_jabatan.csv), lalu dari Unit Kerja untuk jabatan struktural dan fungsional "
           "(data/bidang_unit.csv); 'semua' = terbuka untuk semua bidang.", False),
    Column("Golongan Minimal", "Bila kosong: bawaan menurut jenis/jenjang jabatan.", False, kind="golongan"),
    Column("Golongan Maksimal", "Bila kosong: bawaan menurut jenis/jenjang jabatan.", False, kind="golongan"),
    Column("Standar Manajerial", "Level 1–5.", False, kind="int"),
    Column("Standar Sosial Kultural", "Level 1–5.", False, kind="int"),
    Column("Standar Teknis", "Level 1–5.", False, kind="int"),
    Column("Risiko Tinggi", "Ya/Tidak: rotasi lebih cepat (R3).", False, (), YA_TIDAK, kind="bool"),
    Column("Wajib Diisi", "Ya/Tidak: semua kursi harus diisi bila ada calon yang memenuhi syarat (R12).",
           False, (), YA_TIDAK, kind="bool"),
    Column("Lokasi", "Unit terendah jabatan ini (sekolah, puskesmas, bidang); bila kosong diambil dari Nama Jabatan "
           "(setelah ' - ', atau nama sekolah/puskesmas di dalamnya), lalu Unit Kerja (R21 per lokasi).", False),
    Column("Alamat", "Alamat tempat kerja jabatan ini (sekolah, puskesmas, kantor), mis. 'Jl. Merdeka No. 5, "
           "Kelurahan Oebobo'; ditulis di surat usulan mutasi pegawai yang diusulkan ke jabatan ini.", False),
    *(Column(name, f"ID {what} jabatan ini di SIASN ({key}), teks; untuk baris riwayat jabatan paket keputusan "
             "(penempatan paket). Opsional.", False, aliases, kind="siasn_id")
      for name, what, key, aliases in SIASN_POST_IDS),
)

PERMINTAAN_COLUMNS: tuple[Column, ...] = (
    Column("NIP", "NIP pegawai yang meminta (harus ada di sheet Pegawai), teks 18 digit.", True, kind="nip"),
    Column("Urutan", "Urutan permintaan pegawai itu, 1 (paling diinginkan) sampai 5; setiap urutan sekali per "
           "pegawai.", True, kind="int"),
    Column("Tujuan", "Yang diminta: Kode Jabatan (satu jabatan), Nama Jabatan (setiap jabatan bernama itu) atau "
           "Unit Kerja (setiap jabatan di unit itu), ditulis seperti di sheet Jabatan.", True),
    Column("Alasan", "Alasan permintaan menurut data/prioritas.csv: pasangan, orang tua, kesehatan, anak/sekolah, "
           "pengembangan karier, lainnya; poin prioritasnya diumumkan (penempatan prioritas).", True,
           kind="alasan"),
    Column("Bukti", "Ya bila bukti alasannya dilampirkan (poin lebih tinggi), Tidak bila belum (bawaan).", False, (),
           YA_TIDAK, kind="bool"),
    Column(FAMILY_KM, "Jarak (km) antara tempat kerja pemohon sekarang dan tempat tinggal keluarganya, angka ≥ 0, "
           "mis. 45 atau 12,5; kosong = tidak diketahui (0 poin). Poin prioritasnya diatur di Pengaturan "
           "(poin_jarak_keluarga_per_10_km, poin_jarak_keluarga_maks); cukup ditulis di satu baris pemohon, bila "
           "berbeda antarbaris yang terbesar dipakai.", False, ("Jarak Keluarga", "Jarak Keluarga km"),
           kind="decimal"),
)
"""Sheet Permintaan (optional, SPEC 9): one row per ranked wish. An employee's Unit Diminati (sheet Pegawai) count
as unranked wishes without a reason, after the ranked ones (`ProblemData.wish_lists`)."""

PENGATURAN_COLUMNS: tuple[Column, ...] = (
    Column("Parameter", "Nama parameter (lihat SPEC bagian 3).", True),
    Column("Nilai", "Nilai parameter.", True),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    SHEET_PEGAWAI: PEGAWAI_COLUMNS,
    SHEET_JABATAN: JABATAN_COLUMNS,
    SHEET_PERMINTAAN: PERMINTAAN_COLUMNS,
    SHEET_PENGATURAN: PENGATURAN_COLUMNS,
}
