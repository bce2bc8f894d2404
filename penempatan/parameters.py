"""Each rule parameter of `Params` (the `Pengaturan` sheet, scenario files) in a planner's words: a short label
for tables, forms and summaries (`PARAM_LABELS`), and what it does (`PARAM_HELP`, the Petunjuk text). The key
(`biaya_mutasi`) is what a planner types in `Pengaturan` and TOML; everywhere else the label stands for it."""

from __future__ import annotations

import re

PARAM_LABELS: dict[str, str] = {
    "bobot_pendidikan": "Bobot jenjang pendidikan",
    "bobot_bidang": "Bobot bidang pendidikan",
    "bobot_kompetensi": "Bobot kompetensi",
    "bobot_kinerja": "Bobot kinerja dan potensi",
    "bobot_golongan": "Bobot golongan",
    "nilai_kebutuhan": "Nilai pindah ke kursi kosong (cara versi 2)",
    "nilai_kursi": "Nilai kursi biasa yang terisi",
    "nilai_kursi_layanan": "Nilai kursi layanan (sekolah, puskesmas, RSUD)",
    "nilai_kursi_profesi": "Nilai kursi profesi langka",
    "nilai_kursi_risiko": "Nilai kursi jabatan berisiko tinggi",
    "nilai_kursi_wajib": "Nilai kursi wajib diisi",
    "nilai_rotasi": "Nilai rotasi jatuh tempo",
    "nilai_risiko_tinggi": "Nilai rotasi jabatan berisiko tinggi",
    "nilai_promosi": "Nilai promosi",
    "nilai_permintaan": "Nilai permintaan pegawai",
    "nilai_relawan": "Nilai pemohon pindah dari jabatan yang kelebihan",
    "tanggal_acuan": "Tanggal acuan",
    "biaya_mutasi": "Biaya setiap mutasi",
    "ambang_kesesuaian": "Ambang kesesuaian lebih baik (poin)",
    "biaya_kesesuaian_turun": "Biaya bila kesesuaian turun",
    "masa_jabatan_minimal_bulan": "Masa jabatan minimal (bulan)",
    "masa_jabatan_maksimal_bulan": "Masa jabatan sebelum rotasi (bulan)",
    "masa_risiko_tinggi_bulan": "Masa jabatan berisiko tinggi (bulan)",
    "batas_pensiun_bulan": "Tidak dipindah sebelum pensiun (bulan)",
    "status_boleh_mutasi": "Kedudukan yang boleh dipindah",
    "toleransi_golongan": "Toleransi satu golongan di bawah minimal",
    "kotak_promosi": "Kotak talenta yang boleh dipromosikan",
    "maks_keluar_unit_persen": "Batas pegawai keluar per unit (%)",
    "maks_mutasi": "Batas jumlah mutasi",
    "biaya_tidak_bersedia": "Biaya memindah pegawai yang tidak bersedia",
    "bidang_wajib": "Bidang jabatan wajib sesuai",
    "boleh_turun_kelas": "Boleh turun kelas jabatan",
    "isi_jpt": "JPT Pratama ikut direncanakan",
    "kekurangan_unit_boleh_naik": "Kursi kosong unit dan lokasi boleh bertambah",
    "larangan_mulai": "Awal larangan mutasi Pilkada",
    "larangan_selesai": "Akhir larangan mutasi Pilkada",
    "maks_kandidat": "Jabatan calon yang ditimbang per pegawai",
    "tanpa_mutasi_sebelum_bup": "Tidak dipindah menjelang BUP (bulan)",
    "kotak_tanpa_mutasi": "Kotak talenta yang tidak dipindah",
    "jumlah_calon": "Jumlah calon per kursi seleksi",
    "bidang_netral_persen": "Skor bidang di jabatan tanpa bidang (%)",
    "bidang_profesi_lain_persen": "Skor bidang profesi langka di jabatan tanpa bidang (%)",
    "poin_masa_jabatan_per_tahun": "Poin prioritas per tahun masa jabatan",
    "poin_kinerja_sangat_baik": "Poin prioritas kinerja Sangat Baik",
    "poin_kinerja_baik": "Poin prioritas kinerja Baik",
    "poin_kinerja_butuh_perbaikan": "Poin prioritas kinerja Butuh Perbaikan",
    "poin_jarak_keluarga_per_10_km": "Poin prioritas per 10 km jarak dari keluarga",
    "poin_jarak_keluarga_maks": "Poin prioritas jarak keluarga paling banyak",
    "urutan_seri": "Penentu urutan bila poin prioritas sama",
    "batas_disparitas": "Batas disparitas (kali rata-rata)",
    "kelompok_minimal_disparitas": "Besar kelompok minimal untuk tanda disparitas",
    "batas_biaya_permintaan": "Batas biaya nilai permintaan pegawai",
    "putaran": "Jumlah putaran rencana",
    "tanggal_putaran_2": "Tanggal putaran 2",
    "anggaran_pelatihan": "Anggaran pelatihan pengembangan (Rp)",
    "nama_instansi": "Nama instansi (kop surat)",
    "alamat_instansi": "Alamat instansi (kop surat)",
    "penanda_tangan": "Penanda tangan surat",
    "kontak": "Narahubung surat",
    "tempat_surat": "Tempat surat",
    "instansi_id": "ID instansi SIASN",
    "nomor_sk": "Nomor SK mutasi",
    "tanggal_sk": "Tanggal SK mutasi",
    "tmt_mutasi": "TMT mutasi dan pelantikan",
    "jenis_mutasi_id": "Kode jenis mutasi SIASN",
    "anggota_baperjakat": "Anggota Baperjakat",
    "tanggal_pelantikan_kepala_daerah": "Tanggal pelantikan kepala daerah",
    "persetujuan_mendagri": "Persetujuan tertulis Mendagri",
}

PARAM_HELP: dict[str, str] = {
    "bobot_pendidikan": "Skor kecocokan (poin pada kecocokan penuh): jenjang pendidikan dibanding minimal jabatan.",
    "bobot_bidang": "Skor kecocokan: bidang pendidikan atau pelatihan dibanding bidang jabatan (R8).",
    "bobot_kompetensi": "Skor kecocokan: kompetensi dibanding standar jabatan.",
    "bobot_kinerja": "Skor kecocokan: predikat kinerja dan kotak talenta.",
    "bobot_golongan": "Skor kecocokan: golongan dibanding rentang golongan jabatan.",
    "nilai_kebutuhan": "Nilai tambahan setiap pindah ke jabatan yang kursinya belum penuh (cara versi 2; bawaan 0: "
                       "versi 3 menilai kursi terisi, lihat nilai_kursi).",
    "nilai_kursi": "Nilai setiap kursi biasa yang terisi setelah rencana: pindah yang mengosongkan kursi senilai "
                   "kursi yang diisinya tidak menambah apa-apa.",
    "nilai_kursi_layanan": "Nilai kursi jabatan fungsional di sekolah, puskesmas atau RSUD (pelayanan langsung).",
    "nilai_kursi_profesi": "Nilai kursi jabatan fungsional profesi langka (tenaga kesehatan, guru).",
    "nilai_kursi_risiko": "Nilai kursi jabatan berisiko tinggi.",
    "nilai_kursi_wajib": "Nilai kursi jabatan wajib diisi.",
    "nilai_rotasi": "Nilai tujuan (b) rotasi jatuh tempo: masa jabatan ≥ masa_jabatan_maksimal_bulan (R2).",
    "nilai_risiko_tinggi": "Nilai tujuan (b) untuk jabatan berisiko tinggi yang masanya ≥ masa_risiko_tinggi_bulan "
                           "(R3); dipakai sebagai ganti nilai_rotasi.",
    "nilai_promosi": "Nilai tujuan (c) promosi: kelas jabatan atau tingkat lebih tinggi (R9).",
    "nilai_permintaan": "Nilai tujuan (f) permintaan pegawai: pindah ke salah satu Unit Diminati (lebih tinggi dari "
                        "nilai rotasi: permintaan didahulukan dari rotasi jatuh tempo).",
    "nilai_relawan": "Nilai tambahan bila pemangku jabatan yang kelebihan pegawai atau dihapus dan mengajukan "
                     "permintaan pindah (Unit Diminati) keluar dari jabatan itu: yang meminta didahulukan keluar.",
    "tanggal_acuan": "Tanggal acuan semua aturan (dd-mm-yyyy); kosong = hari ini.",
    "biaya_mutasi": "Pengurang nilai untuk setiap perpindahan: makin besar, makin sedikit mutasi dalam satu putaran.",
    "ambang_kesesuaian": "Tujuan (d) kesesuaian lebih baik: skor kecocokan naik paling sedikit sekian poin.",
    "biaya_kesesuaian_turun": "Pengurang nilai bila pindah menurunkan skor kecocokan pegawai (hanya boleh untuk "
                              "kelebihan pegawai atau kursi wajib diisi; selalu ditandai).",
    "masa_jabatan_minimal_bulan": "R1: masa minimal dalam jabatan sebelum boleh dipindah (bulan).",
    "masa_jabatan_maksimal_bulan": "R2: setelah masa ini (bulan) rotasi jatuh tempo.",
    "masa_risiko_tinggi_bulan": "R3: masa maksimal (bulan) pada jabatan berisiko tinggi.",
    "batas_pensiun_bulan": "R4: tidak dipindah bila pensiun (BUP) kurang dari sekian bulan lagi.",
    "status_boleh_mutasi": "R5: kedudukan yang boleh dipindah, dipisah titik koma.",
    "toleransi_golongan": "R7: Ya = boleh satu tingkat di bawah golongan minimal jabatan struktural.",
    "kotak_promosi": "R9: kotak talenta yang boleh dipromosikan, dipisah titik koma.",
    "maks_keluar_unit_persen": "R13: persentase maksimal pegawai suatu unit yang keluar.",
    "maks_mutasi": "R14: jumlah perpindahan maksimal; kosong = tanpa batas.",
    "biaya_tidak_bersedia": "R16: pengurang nilai bila pegawai yang tidak bersedia dipindah (hanya untuk kelebihan "
                            "pegawai atau kursi wajib diisi; selalu ditandai).",
    "bidang_wajib": "R8: Ya = jabatan yang berbidang hanya untuk lulusan atau peserta pelatihan bidang itu; "
                    "Tidak = bidang hanya memengaruhi skor.",
    "boleh_turun_kelas": "R19: Tidak = tidak ada pindah ke kelas jabatan atau tingkat lebih rendah, kecuali dari "
                         "jabatan yang kelebihan pegawai atau dihapus bila tak ada jabatan setara (ditandai); "
                         "Ya = boleh (ditandai).",
    "isi_jpt": "R20: Tidak = JPT Pratama diisi lewat seleksi terbuka: tak ada yang ditempatkan ke atau dipindah "
               "dari JPT, kursi JPT kosong didaftar dengan calonnya; Ya = JPT direncanakan seperti jabatan lain.",
    "kekurangan_unit_boleh_naik": "R21: Tidak = tidak ada unit atau lokasi (sekolah, puskesmas, bagian lain unit) "
                                  "yang kursi kosongnya bertambah setelah rencana, dan tidak ada profesi langka "
                                  "(guru, tiap profesi kesehatan) di satu unit yang kehilangan kursi terisi; "
                                  "Ya = boleh.",
    "larangan_mulai": "R17: awal masa larangan mutasi Pilkada (dd-mm-yyyy); kosong = tidak ada.",
    "larangan_selesai": "R17: akhir masa larangan mutasi Pilkada (dd-mm-yyyy).",
    "maks_kandidat": "Jumlah jabatan calon terbaik yang ditimbang per pegawai.",
    "tanpa_mutasi_sebelum_bup": "R24: tidak dipindah bila BUP kurang dari sekian bulan lagi, kecuali atas "
                                "permintaan sendiri (Unit Diminati) atau jabatannya dihapus.",
    "kotak_tanpa_mutasi": "R23: kotak talenta yang tidak dipindah kecuali dari jabatan yang kelebihan pegawai atau "
                          "dihapus, dipisah titik koma (predikat Kurang dan hukuman disiplin aktif juga).",
    "jumlah_calon": "R25: jumlah calon per kursi JPT (dan Pengawas Sekolah) untuk panitia seleksi.",
    "bidang_netral_persen": "Skor bidang di jabatan tanpa bidang khusus, dalam persen bobot_bidang (netral).",
    "bidang_profesi_lain_persen": "Skor bidang pemegang profesi langka (tenaga kesehatan, guru) di jabatan tanpa "
                                  "bidang khusus, dalam persen bobot_bidang (lebih rendah dari netral).",
    "poin_masa_jabatan_per_tahun": "Prioritas permintaan (penempatan prioritas): poin per tahun penuh masa jabatan "
                                   "saat ini (dihitung dari TMT Jabatan sampai tanggal_acuan).",
    "poin_kinerja_sangat_baik": "Prioritas permintaan: poin untuk predikat kinerja Sangat Baik.",
    "poin_kinerja_baik": "Prioritas permintaan: poin untuk predikat kinerja Baik.",
    "poin_kinerja_butuh_perbaikan": "Prioritas permintaan: poin untuk predikat kinerja Butuh Perbaikan (Kurang dan "
                                    "Sangat Kurang: 0).",
    "poin_jarak_keluarga_per_10_km": "Prioritas permintaan: poin per 10 km penuh jarak antara tempat kerja pemohon "
                                     "sekarang dan tempat tinggal keluarganya (kolom Jarak Keluarga (km) sheet "
                                     "Permintaan; kosong = 0 poin), paling banyak poin_jarak_keluarga_maks.",
    "poin_jarak_keluarga_maks": "Prioritas permintaan: poin jarak keluarga paling banyak sekian, berapa pun "
                                "jaraknya.",
    "urutan_seri": "Prioritas permintaan: penentu urutan pemohon yang poinnya sama, dipisah titik koma, dari yang "
                   "pertama dipakai: masa_jabatan (lebih lama lebih dulu), usia (lebih tua lebih dulu), nip (NIP "
                   "lebih kecil lebih dulu); NIP selalu menjadi penentu terakhir sehingga tidak ada peringkat sama.",
    "batas_disparitas": "Laporan keadilan: tingkat mutasi atau promosi suatu kelompok (jenis kelamin, usia, "
                        "golongan, unit) ditandai bila di luar [tingkat semua pegawai ÷ batas, tingkat semua pegawai × "
                        "batas] dan selisihnya bukan kebetulan (uji binomial dua arah, p < 5 %); bawaan 2 = separuh "
                        "sampai dua kali rata-rata.",
    "batas_biaya_permintaan": "Permintaan (sheet Permintaan) dipenuhi hanya bila nilai pindah ke jabatan yang diminta "
                              "paling banyak sekian poin di bawah nilai tetap di jabatan sekarang.",
    "kelompok_minimal_disparitas": "Laporan keadilan: kelompok yang lebih kecil dari ini tidak diberi tanda "
                                   "disparitas (terlalu sedikit orang untuk dinilai).",
    "putaran": "Latih dulu, pindahkan kemudian: 1 = satu putaran (rencana biasa); 2 = dua putaran dalam satu "
               "model: putaran 1 pada tanggal_acuan, putaran 2 pada tanggal_putaran_2, dengan pelatihan pengembangan "
               "di putaran 1 (pelatihan.csv) yang membuat pegawai memenuhi syarat jabatan di putaran 2.",
    "tanggal_putaran_2": "Tanggal putaran 2 (dd-mm-yyyy), sesudah tanggal_acuan; kosong = 6 bulan sesudah "
                         "tanggal_acuan. Pada tanggal ini masa jabatan bertambah, hukuman disiplin yang sudah berakhir "
                         "tidak lagi menghalangi, dan pegawai yang mencapai BUP pensiun sehingga kursinya kosong.",
    "anggaran_pelatihan": "Putaran 2: jumlah biaya (pelatihan.csv kolom biaya, per peserta) semua pelatihan "
                          "pengembangan yang dipilih paling banyak sekian rupiah; kosong = tanpa batas anggaran.",
    "nama_instansi": "Surat usulan mutasi (penempatan surat): nama instansi pada kop surat; titik koma memulai baris "
                     "baru, mis. 'PEMERINTAH KABUPATEN ALAK; BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA "
                     "MANUSIA'. Kosong = kop surat berupa isian titik-titik. Tidak memengaruhi rencana.",
    "alamat_instansi": "Surat: alamat, telepon dan surel instansi di bawah namanya pada kop surat; titik koma memulai "
                       "baris baru, mis. 'Jl. Merdeka No. 1, Alak 85111; Telepon (0380) 821234'.",
    "penanda_tangan": "Surat: penanda tangan, dipisah titik koma: jabatan; nama; NIP, mis. 'Kepala BKPSDM Kabupaten "
                      "Alak; Dr. Nama Lengkap, M.Si.; NIP 197001011995031001'. Ruang tanda tangan ada di antara "
                      "jabatan dan nama; bagian sesudah nama (pangkat, NIP) ditulis di bawah nama. Kosong = blok "
                      "tanda tangan berupa isian titik-titik.",
    "kontak": "Surat: narahubung bagi pegawai yang ingin bertanya, mis. 'Budi Santoso, Bidang Mutasi BKPSDM, "
              "telepon (0380) 821234, surel mutasi@alakkab.go.id'. Kosong = isian titik-titik.",
    "tempat_surat": "Surat: tempat sebelum tanggal surat, mis. 'Alak' → 'Alak, 1 Desember 2026' (tanggal surat = "
                    "tanggal_acuan). Kosong = isian titik-titik.",
    "instansi_id": "Paket keputusan (penempatan paket): ID instansi pemerintah daerah di SIASN (instansiId) untuk "
                   "baris riwayat jabatan. Kosong = didaftar sebagai isian yang harus dilengkapi. Tidak memengaruhi "
                   "rencana.",
    "nomor_sk": "Paket keputusan: nomor Keputusan (SK), mis. '800.1.3.3/{n}/BKPSDM/2026'; {n} diganti 1, 2 … untuk "
                "tiap SK dalam satu paket (mutasi, rotasi, promosi, perpindahan JF). Kosong = isian titik-titik.",
    "tanggal_sk": "Paket keputusan: tanggal penetapan SK (dd-mm-yyyy). Aturan waktu pada pemeriksaan awal (masa "
                  "jabatan, BUP, hukuman disiplin, Pilkada) dihitung pada TMT. Kosong = isian titik-titik.",
    "tmt_mutasi": "Paket keputusan: TMT jabatan, TMT mutasi dan TMT pelantikan (dd-mm-yyyy); kosong = tanggal_sk.",
    "jenis_mutasi_id": "Paket keputusan: kode jenis mutasi dari referensi SIASN untuk pindah jabatan (bawaan MJ); "
                       "periksa kodenya di referensi jenis mutasi SIASN instansi Anda.",
    "anggota_baperjakat": "Paket keputusan: anggota Baperjakat untuk Berita Acara, dipisah titik koma, mis. "
                          "'Ketua: Sekretaris Daerah; Anggota: Asisten Administrasi Umum; Sekretaris: Kepala BKPSDM'. "
                          "Kosong = isian titik-titik.",
    "tanggal_pelantikan_kepala_daerah": "Paket keputusan: tanggal pelantikan kepala daerah (dd-mm-yyyy). Dalam 6 "
                                        "bulan sesudahnya penggantian pejabat perlu persetujuan tertulis Menteri "
                                        "Dalam Negeri (UU 10/2016 Pasal 162 ayat 3); kosong = tidak diperiksa.",
    "persetujuan_mendagri": "Paket keputusan: nomor dan tanggal persetujuan tertulis Mendagri atas mutasi ini, "
                            "bila kepala daerah dilantik kurang dari 6 bulan sebelum TMT.",
}


def param_label(name: str) -> str:
    """The planner's label of a parameter; the key itself for one without a label."""
    return PARAM_LABELS.get(name, name)


_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def keys_as_labels(text: str) -> str:
    """`text` with every parameter key in it written as its label in quotes ('larangan_selesai sebelum
    larangan_mulai' → '“Akhir larangan mutasi Pilkada” sebelum “Awal larangan mutasi Pilkada”'): for a message
    or help shown outside `Pengaturan` and TOML."""
    return _KEY.sub(lambda m: f"“{PARAM_LABELS[m[0]]}”" if m[0] in PARAM_LABELS else m[0], text)


def param_help(name: str) -> str:
    """What a parameter does, as the planner reads it outside `Pengaturan` and TOML: the other parameters its help
    names appear by their labels (“Masa jabatan sebelum rotasi (bulan)”), not by their keys."""
    return keys_as_labels(PARAM_HELP.get(name, ""))
