"""Reference tables: every spelling SPEC 2.4 promises is normalised, the keyword tables map what a BKPSDM
meets in SIASN exports, and a broken table is refused with its file and line."""

from __future__ import annotations

import csv
import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from penempatan.reference import PEMICU, Golongan, ReferenceDataError, data_dir, load_reference, words

REF = load_reference()
PNS: list[Golongan] = [g for g in REF.golongan.values() if g.jenis == "PNS"]
PPPK: list[Golongan] = [g for g in REF.golongan.values() if g.jenis == "PPPK"]

# --- golongan ------------------------------------------------------------------------------------------


def code_spellings(kode: str) -> list[str]:
    """Every written form of a PNS golongan code: III/b III/B IIIb III.b III-b III b 3b 3/b and SIASN id 32."""
    roman, letter = kode.split("/")
    major, minor = {"I": 1, "II": 2, "III": 3, "IV": 4}[roman], "abcde".index(letter) + 1
    return [f"{roman}/{letter}", f"{roman}/{letter.upper()}", f"{roman}{letter}", f"{roman}.{letter}",
            f"{roman}-{letter}", f"{roman} {letter}", f"{major}{letter}", f"{major}/{letter}", f"{major}{minor}"]


def pangkat_spellings(pangkat: str) -> list[str]:
    """Every written form of a pangkat: 'Tingkat I' also as Tk. I, Tk.I, Tk I, TK.I, Tingkat 1, Tkt. I."""
    if not pangkat.endswith(" Tingkat I"):
        return [pangkat]
    base = pangkat.removesuffix(" Tingkat I")
    return [f"{base} {t}" for t in ("Tingkat I", "Tk. I", "Tk.I", "Tk I", "TK.I", "Tingkat 1", "Tkt. I")]


SEPARATORS = ["{a} - {b}", "{a} {b}", "{a}, {b}", "{a} ({b})", "{a} / {b}", "{a};{b}", "{a}  –  {b}", "{a}:{b}"]
CASES: list[Callable[[str], str]] = [str, str.upper, str.lower]


def test_every_golongan_pangkat_combination_reads() -> None:
    """Each of the 17 PNS golongan, in every code spelling × pangkat spelling × order × separator × case,
    reads as that golongan (about 30,000 generated spellings)."""
    failures, tried = [], 0
    for g in PNS:
        for code, rank, template, case in itertools.product(code_spellings(g.kode), pangkat_spellings(g.pangkat),
                                                            SEPARATORS, CASES):
            for a, b in ((code, rank), (rank, code)):
                text = case(template.format(a=a, b=b))
                tried += 1
                found = REF.golongan_of(text)
                if found is None or found.kode != g.kode:
                    failures.append((text, g.kode, found.kode if found else None))
    assert tried > 25_000
    assert failures == []


@pytest.mark.parametrize("case", CASES)
def test_golongan_alone_or_pangkat_alone_reads(case: Callable[[str], str]) -> None:
    """A code spelling alone and a pangkat spelling alone each read as their golongan, with double spaces too."""
    for g in PNS:
        for text in code_spellings(g.kode) + pangkat_spellings(g.pangkat):
            for variant in (text, f"  {text.replace(' ', '  ')} "):
                found = REF.golongan_of(case(variant))
                assert found is not None and found.kode == g.kode, variant


def test_golongan_and_pangkat_that_disagree_are_refused_with_a_reason() -> None:
    """Every golongan written with another golongan's pangkat (either order) is refused, and the conflict
    names both; distinct from an unknown text, which has no conflict."""
    for g, h in itertools.permutations(PNS, 2):
        for text in (f"{g.kode} - {h.pangkat}", f"{h.pangkat} ({g.kode})"):
            assert REF.golongan_of(text) is None, text
            conflict = REF.golongan_conflict(text)
            assert conflict is not None and g.kode in conflict and h.pangkat in conflict, text
    assert REF.golongan_conflict("III/a III/b") == "III/a, III/b"
    assert REF.golongan_conflict("xyz") is None and REF.golongan_conflict("III/b") is None


@pytest.mark.parametrize(("text", "kode"), [
    ("Penata", "III/c"), ("Penata Muda", "III/a"), ("Penata Tingkat I", "III/d"), ("Penata Muda Tingkat I", "III/b"),
    ("Pembina", "IV/a"), ("Pembina Tk. I", "IV/b"), ("Pembina Utama Muda", "IV/c"), ("Pembina Utama Madya", "IV/d"),
    ("Pembina Utama", "IV/e"), ("Juru", "I/c"), ("Juru Muda Tk.I", "I/b"), ("Pengatur Tk I", "II/d"),
    ("Pengatur Muda", "II/a"), ("IV/e - Pembina Utama", "IV/e"), ("Pembina Utama Muda, IV/c", "IV/c"),
])
def test_longest_pangkat_wins(text: str, kode: str) -> None:
    """A pangkat that begins another (Penata / Penata Muda / Penata Tingkat I, Pembina Utama / … Muda) is
    matched by its longest name."""
    found = REF.golongan_of(text)
    assert found is not None and found.kode == kode


@pytest.mark.parametrize(("text", "kode"), [
    ("III/b - Penata Muda Tingkat I", "III/b"), ("Penata Muda Tk.I (III/b)", "III/b"),
    ("III/b Penata Muda Tk. I", "III/b"), ("IV/a - Pembina", "IV/a"), ("II/c - Pengatur", "II/c"),
    ("Pembina Tk.I, IV b", "IV/b"), ("Penata Muda (III/a)", "III/a"), ("Gol. III/a", "III/a"),
    ("Golongan Ruang III/a", "III/a"), ("31", "III/a"), (31, "III/a"), (31.0, "III/a"), ("45", "IV/e"),
    ("11", "I/a"), ("2d", "II/d"),
])
def test_golongan_spellings_of_the_spec(text: object, kode: str) -> None:
    """The spellings named in SPEC 2.4 and issue 9, SIASN ids from text or number cells included."""
    found = REF.golongan_of(text)
    assert found is not None and found.kode == kode


@pytest.mark.parametrize("case", CASES)
def test_pppk_golongan_are_not_pns(case: Callable[[str], str]) -> None:
    """PPPK I … XVII read as PPPK (alone, or after Gol./Golongan/PPPK), never as a PNS code; 'III' is PPPK III
    while 'III/a' is PNS; a PPPK golongan with a PNS pangkat is a conflict."""
    for g in PPPK:
        for text in (g.kode, f"Golongan {g.kode}", f"Gol. {g.kode}", f"PPPK {g.kode}", f" {g.kode} "):
            found = REF.golongan_of(case(text))
            assert found is not None and (found.kode, found.jenis) == (g.kode, "PPPK"), text
    assert REF.golongan_of(case("III/a")).jenis == "PNS"  # type: ignore[union-attr]
    assert REF.golongan_of(case("IX - Penata")) is None and REF.golongan_conflict(case("IX - Penata"))


@pytest.mark.parametrize("text", [
    "V/a", "III/f", "III/e", "I/e", "X/x", "xyz", "", "   ", None, True, "XVIII", "Penata Muda (III/b)", "51",
    "Tingkat I", "Penata Sekali", "III/b Penata Muda Tk.I lama", "3 1",
])
def test_golongan_rejections(text: object) -> None:
    """Impossible golongan, nonsense, empty cells, extra words and self-contradicting spellings are rejected."""
    assert REF.golongan_of(text) is None


def test_golongan_order() -> None:
    """I/a < … < IV/e in the urutan column."""
    codes = ["I/a", "I/d", "II/a", "II/d", "III/a", "III/d", "IV/a", "IV/e"]
    ranks = [REF.golongan[c].urutan for c in codes]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


# --- pendidikan and kinerja ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kode"), [
    *[(t, "D-III") for t in ["D3", "D-3", "D III", "DIII", "Diploma III", "d-iii", "Diploma III/Sarjana Muda"]],
    *[(t, "S-1") for t in ["S1", "S-1", "Strata 1", "Sarjana", "s 1", "S-1/Sarjana"]],
    *[(t, "SLTA") for t in ["SMA", "SMK", "SLTA", "SMU", "SLTA Kejuruan"]],
    ("05", "SD"), ("10", "SLTP"), ("12", "SLTP"), ("15", "SLTA"), ("17", "SLTA"), ("18", "SLTA"),
    ("20", "D-I"), ("25", "D-II"), ("30", "D-III"), ("35", "D-IV"), ("40", "S-1"), ("45", "S-2"),
    ("50", "S-3"), (5, "SD"), (40.0, "S-1"),
    ("S2", "S-2"), ("Magister", "S-2"), ("S-3/Doktor", "S-3"), ("Diploma IV", "D-IV"), ("Ners", "Profesi"),
])
def test_jenjang_spellings(text: object, kode: str) -> None:
    """Jenjang pendidikan spellings and SIASN codes 05…50 read as the canonical jenjang."""
    assert REF.pendidikan_of(text) == kode


@pytest.mark.parametrize("text", ["S-4", "Sekolah Tinggi", "", None, "99", "D-IV/S-2"])
def test_jenjang_rejections(text: object) -> None:
    """Unknown jenjang, unknown SIASN codes and contradicting combined names are rejected."""
    assert REF.pendidikan_of(text) is None


def test_jenjang_order() -> None:
    """SD < SLTP < SLTA < D-I < D-II < D-III < D-IV = S-1 < Profesi < S-2 < Spesialis < S-3."""
    rank = REF.pendidikan_rank
    chain = ["SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "Profesi", "S-2", "Spesialis", "S-3"]
    assert all(rank(a) < rank(b) for a, b in itertools.pairwise(chain))
    assert rank("D-IV") == rank("S-1")


@pytest.mark.parametrize(("text", "kode"), [
    ("Sangat Baik", "Sangat Baik"), ("SANGAT BAIK", "Sangat Baik"), ("baik", "Baik"),
    ("Butuh Perbaikan", "Butuh Perbaikan"), ("Cukup", "Butuh Perbaikan"), ("Kurang", "Kurang"),
    ("Sangat Kurang", "Sangat Kurang"),
])
def test_kinerja_names(text: str, kode: str) -> None:
    """Predikat names (and 'Cukup' for Butuh Perbaikan) are read case-insensitively."""
    assert REF.kinerja_of(text) == kode


@pytest.mark.parametrize(("skp", "kode"), [
    (120, "Sangat Baik"), (110, "Sangat Baik"), (109.99, "Baik"), (90, "Baik"), (89.99, "Butuh Perbaikan"),
    (70, "Butuh Perbaikan"), (69.99, "Kurang"), (50, "Kurang"), (49.99, "Sangat Kurang"), (0, "Sangat Kurang"),
    ("110", "Sangat Baik"), ("89,5", "Butuh Perbaikan"),
])
def test_kinerja_skp_thresholds(skp: object, kode: str) -> None:
    """SKP numbers map at the SPEC 2.1 boundaries: ≥110, 90–<110, 70–<90, 50–<70, <50."""
    assert REF.kinerja_of(skp) == kode


@pytest.mark.parametrize("value", [120.01, -1, "Luar Biasa", None, True])
def test_kinerja_rejections(value: object) -> None:
    """SKP outside 0–120, unknown names, empty cells and booleans are rejected."""
    assert REF.kinerja_of(value) is None


def test_ekspektasi() -> None:
    """Sangat Baik is above expectation, Baik meets it, the rest are below (PermenPANRB 6/2022)."""
    assert REF.ekspektasi("Sangat Baik") == "di atas"
    assert REF.ekspektasi("Baik") == "sesuai"
    assert {REF.ekspektasi(k) for k in ("Butuh Perbaikan", "Kurang", "Sangat Kurang")} == {"di bawah"}


# --- kotak talenta ---------------------------------------------------------------------------------------


def test_kotak_talenta_numbering() -> None:
    """The 9-box numbers each (ekspektasi, potensi) pair as SPEC 2.1 lists it: 9 di atas/tinggi … 1 di
    bawah/rendah."""
    spec = {9: ("di atas", "Tinggi"), 8: ("sesuai", "Tinggi"), 7: ("di atas", "Menengah"), 6: ("di bawah", "Tinggi"),
            5: ("sesuai", "Menengah"), 4: ("di atas", "Rendah"), 3: ("di bawah", "Menengah"), 2: ("sesuai", "Rendah"),
            1: ("di bawah", "Rendah")}
    assert {k: REF.kotak_letak(k) for k in range(1, 10)} == spec
    assert all(REF.kotak_talenta(*pair) == k for k, pair in spec.items())
    assert REF.ekspektasi_urutan == ("di bawah", "sesuai", "di atas")


def test_kotak_talenta_covers_every_kinerja_and_potensi() -> None:
    """Every predikat kinerja and every Potensi the model accepts has a kotak."""
    from penempatan.model import POTENSI_VALUES

    for kinerja in REF.kinerja:
        assert {REF.kotak_talenta(kinerja.ekspektasi, p) for p in POTENSI_VALUES} <= set(range(1, 10))


# --- rumpun: programme and training fields --------------------------------------------------------------

FIELDS = {
    "kedokteran", "kedokteran_gigi", "keperawatan", "kebidanan", "farmasi", "gizi", "kesehatan_lingkungan",
    "kesehatan_masyarakat", "analis_kesehatan", "radiologi", "rekam_medis", "fisioterapi", "keperawatan_gigi",
    "keguruan", "pendidikan_nonformal", "teknik_sipil", "arsitektur_planologi", "ti", "statistika", "hukum",
    "ekonomi_akuntansi", "manajemen", "administrasi_sosial", "psikologi", "komunikasi", "pertanian",
    "peternakan_kesehatan_hewan", "kehutanan", "lingkungan", "teknik_mesin_elektro", "bahasa_sastra", "umum",
}
"""The fields of the shared design (DESIGN.md, SPEC 2.4)."""


def _table(field: str, text: str) -> list[tuple[str, str]]:
    return [(name.strip(), field) for name in text.split("|") if name.strip()]


PROGRAMMES: list[tuple[str, str]] = [
    *_table("kedokteran", "S-1 Pendidikan Dokter|Profesi Dokter|S-1 Kedokteran|Pendidikan Profesi Dokter|"
            "S-2 Ilmu Kedokteran|Dokter Spesialis Anak|Spesialis Penyakit Dalam|Spesialis Radiologi|"
            "Spesialis Anestesiologi|Spesialis Obstetri dan Ginekologi|S-1 PENDIDIKAN DOKTER|Pendidikan Dokter"),
    *_table("kedokteran_gigi", "S-1 Kedokteran Gigi|Profesi Dokter Gigi|S-1 Pendidikan Dokter Gigi|"
            "Spesialis Ortodonti|Pendidikan Profesi Dokter Gigi"),
    *_table("keperawatan", "D-III Keperawatan|S-1 Keperawatan / Ners|S-1 Ilmu Keperawatan|Profesi Ners|Ners|"
            "D-IV Keperawatan Anestesiologi|SPK|Akper|S-2 Keperawatan|Spesialis Keperawatan Medikal Bedah|"
            "S-1 Keperawatan"),
    *_table("kebidanan", "D-III Kebidanan|D-IV Bidan Pendidik|S-1 Kebidanan|Profesi Bidan|D-IV Kebidanan|Akbid"),
    *_table("farmasi", "S-1 Farmasi|Apoteker|Profesi Apoteker|D-III Farmasi|SMF|S-1 Farmasi Klinis|"
            "D-III Analis Farmasi dan Makanan|S-2 Ilmu Farmasi|SMK Farmasi|Farmasi"),
    *_table("gizi", "D-III Gizi|S-1 Gizi|D-IV Gizi|S-1 Ilmu Gizi|Profesi Dietisien"),
    *_table("kesehatan_lingkungan", "D-III Kesehatan Lingkungan|D-IV Sanitasi Lingkungan|D-III Sanitasi|"
            "S-1 Kesehatan Lingkungan"),
    *_table("kesehatan_masyarakat", "S-1 Kesehatan Masyarakat|S-2 Kesehatan Masyarakat|S-1 Administrasi Kesehatan|"
            "S-2 Administrasi Rumah Sakit|S-2 Epidemiologi|S-1 Promosi Kesehatan|S-2 Manajemen Rumah Sakit|"
            "S-2 Ilmu Kesehatan Masyarakat|Magister Kesehatan|Kesehatan Masyarakat|Administrasi Kesehatan"),
    *_table("analis_kesehatan", "D-III Analis Kesehatan|D-III Teknologi Laboratorium Medis|"
            "D-IV Teknologi Laboratorium Medis|D-IV Analis Kesehatan|SMAK"),
    *_table("radiologi", "D-III Radiologi|D-IV Teknik Radiologi|D-III Radiodiagnostik dan Radioterapi|D-IV Radiologi"),
    *_table("rekam_medis", "D-III Rekam Medis dan Informasi Kesehatan|D-III Rekam Medis|"
            "D-IV Manajemen Informasi Kesehatan|D-III Perekam Medis"),
    *_table("fisioterapi", "D-III Fisioterapi|S-1 Fisioterapi|D-IV Fisioterapi|D-III Okupasi Terapi|"
            "D-III Terapi Wicara"),
    *_table("keperawatan_gigi", "D-III Keperawatan Gigi|D-III Kesehatan Gigi|D-IV Terapis Gigi dan Mulut|SPRG|"
            "Keperawatan Gigi|D-III Perawat Gigi"),
    *_table("keguruan", "S-1 Pendidikan Guru Sekolah Dasar|S-1 PGSD|S-1 Pendidikan Matematika|"
            "S-1 Pendidikan Bahasa Inggris|S-1 Pendidikan Bahasa dan Sastra Indonesia|S-1 Pendidikan Biologi|"
            "S-1 Pendidikan Fisika|S-1 Pendidikan Kimia|S-1 Pendidikan Ekonomi|S-1 Pendidikan Sejarah|"
            "S-1 Pendidikan Geografi|S-1 Pendidikan Pancasila dan Kewarganegaraan|S-1 Pendidikan Agama Islam|"
            "S-1 Pendidikan Jasmani Kesehatan dan Rekreasi|S-1 Pendidikan Teknik Mesin|"
            "S-1 Pendidikan Teknik Informatika|S-1 Pendidikan Seni Rupa|S-1 Bimbingan dan Konseling|S-1 PG PAUD|"
            "S-1 Pendidikan Guru Pendidikan Anak Usia Dini|S-2 Manajemen Pendidikan|S-1 Pendidikan Luar Biasa|"
            "S-1 Pendidikan Administrasi Perkantoran|S-1 Tadris Matematika|S-1 Pendidikan Akuntansi|SPG|"
            "D-II PGSD|S-1 Teknologi Pendidikan|S-1 Pendidikan Sosiologi|S-1 Pendidikan Ilmu Komputer|"
            "Pendidikan Matematika|Pendidikan Bahasa Inggris|S-1 Pendidikan IPA"),
    *_table("pendidikan_nonformal", "S-1 Pendidikan Luar Sekolah|S-1 Pendidikan Masyarakat|S-2 Pendidikan Nonformal"),
    *_table("teknik_sipil", "S-1 Teknik Sipil|D-III Teknik Sipil|D-IV Teknik Sipil|S-1 Teknik Geodesi|"
            "D-III Teknik Bangunan|SMK Teknik Konstruksi Batu dan Beton|STM Bangunan|S-2 Manajemen Konstruksi|"
            "S-1 Teknik Sumber Daya Air|D-III Teknik Sipil Transportasi"),
    *_table("arsitektur_planologi", "S-1 Arsitektur|S-1 Teknik Arsitektur|S-1 Perencanaan Wilayah dan Kota|"
            "S-1 Teknik Planologi|S-2 Pembangunan Wilayah|S-1 Geografi|D-IV Pertanahan"),
    *_table("ti", "S-1 Teknik Informatika|D-III Manajemen Informatika|S-1 Sistem Informasi|S-1 Ilmu Komputer|"
            "D-III Teknik Komputer|SMK Teknik Komputer dan Jaringan|S-1 Teknologi Informasi|"
            "D-III Komputerisasi Akuntansi|S-1 Rekayasa Perangkat Lunak|S-1 Informatika|"
            "D-IV Rekayasa Keamanan Siber|S-1 Sistem Komputer|Teknik Informatika|Manajemen Informatika"),
    *_table("statistika", "S-1 Statistika|D-IV Statistika|D-IV Komputasi Statistik|S-1 Matematika|D-III Statistika|"
            "S-1 Aktuaria"),
    *_table("hukum", "S-1 Ilmu Hukum|D-III Hukum|S-1 Hukum|S-1 Syariah|S-1 Hukum Keluarga Islam|"
            "S-2 Magister Kenotariatan|S-2 Ilmu Hukum|S-1 Hukum Ekonomi Syariah"),
    *_table("ekonomi_akuntansi", "S-1 Akuntansi|D-III Akuntansi|S-1 Ekonomi Pembangunan|S-1 Ilmu Ekonomi|"
            "D-III Keuangan dan Perbankan|S-1 Perbankan Syariah|D-III Perpajakan|S-1 Ekonomi Syariah|"
            "SMK Akuntansi|SMEA|D-III Akuntansi Sektor Publik|S-2 Akuntansi|S-1 Manajemen Keuangan|"
            "D-III Administrasi Keuangan|S-1 Administrasi Fiskal|D-IV Akuntansi Keuangan Publik"),
    *_table("manajemen", "S-1 Manajemen|S-2 Magister Manajemen|S-1 Manajemen Sumber Daya Manusia|"
            "S-1 Administrasi Bisnis|D-III Administrasi Niaga|S-1 Manajemen Pemasaran|S-1 Kewirausahaan|"
            "S-1 Pariwisata|S-1 Bisnis Digital|D-III Perhotelan"),
    *_table("administrasi_sosial", "S-1 Ilmu Administrasi Negara|S-1 Administrasi Publik|S-1 Ilmu Pemerintahan|"
            "STPDN/IPDN Ilmu Pemerintahan|D-IV Manajemen Pemerintahan|S-1 Sosiologi|S-1 Kesejahteraan Sosial|"
            "S-1 Ilmu Politik|S-1 Hubungan Internasional|S-1 Antropologi|D-III Kearsipan|D-III Perpustakaan|"
            "S-1 Ilmu Perpustakaan|D-III Sekretari|D-III Administrasi Perkantoran|SMK Administrasi Perkantoran|"
            "D-IV Pekerjaan Sosial|S-2 Administrasi Publik|S-1 Ilmu Administrasi|S-2 Studi Pembangunan|"
            "D-III Administrasi Negara|APDN"),
    *_table("psikologi", "S-1 Psikologi|S-2 Magister Psikologi Profesi|S-2 Psikologi Pendidikan"),
    *_table("komunikasi", "S-1 Ilmu Komunikasi|D-III Hubungan Masyarakat|S-1 Jurnalistik|"
            "S-1 Komunikasi Penyiaran Islam|S-1 Desain Komunikasi Visual|D-III Penyiaran"),
    *_table("pertanian", "S-1 Agroteknologi|S-1 Agribisnis|S-1 Agronomi|D-IV Penyuluhan Pertanian|S-1 Ilmu Tanah|"
            "S-1 Proteksi Tanaman|S-1 Teknologi Pangan|S-1 Teknologi Hasil Pertanian|S-1 Perikanan|D-III Perikanan|"
            "S-1 Budidaya Perairan|S-1 Ilmu Kelautan|S-1 Sosial Ekonomi Pertanian|SPMA|S-1 Agroekoteknologi|"
            "S-1 Manajemen Sumberdaya Perairan|SMK Pertanian|S-1 Teknik Pertanian|S-1 Manajemen Agribisnis"),
    *_table("peternakan_kesehatan_hewan", "S-1 Peternakan|Pendidikan Dokter Hewan|Profesi Dokter Hewan|"
            "S-1 Kedokteran Hewan|D-III Kesehatan Hewan|D-III Peternakan|S-1 Nutrisi dan Makanan Ternak"),
    *_table("kehutanan", "S-1 Kehutanan|D-III Kehutanan|S-1 Manajemen Hutan|S-1 Konservasi Sumber Daya Hutan|SKMA|"
            "S-1 Budidaya Hutan"),
    *_table("lingkungan", "S-1 Teknik Lingkungan|S-1 Ilmu Lingkungan|S-1 Biologi|S-1 Kimia|S-1 Teknik Kimia|"
            "S-1 Teknik Geologi|S-1 Teknik Pertambangan|S-2 Pengelolaan Lingkungan|D-III Analis Kimia"),
    *_table("teknik_mesin_elektro", "S-1 Teknik Mesin|S-1 Teknik Elektro|D-III Teknik Listrik|"
            "SMK Teknik Kendaraan Ringan|SMK Teknik Mesin|STM|S-1 Teknik Industri|S-1 Fisika|D-III Metrologi|"
            "D-III Teknik Elektromedik|D-III Teknik Elektronika|S-1 Teknik Telekomunikasi|SMK Teknik Otomotif|"
            "D-III Teknik Mesin"),
    *_table("bahasa_sastra", "S-1 Sastra Inggris|S-1 Sastra Indonesia|S-1 Bahasa dan Sastra Inggris|S-1 Sastra Jepang|"
            "S-1 Ilmu Sejarah|S-1 Sastra Arab|S-1 Linguistik|S-1 Seni Rupa|S-1 Filsafat|D-III Bahasa Inggris|"
            "S-1 Arkeologi|Sastra Inggris"),
    *_table("umum", "SMA IPA|SMA IPS|SLTA|SMP|SD|SLTP|SMK|SMA|SMU|SLTA Umum|Paket C|Paket B|SMA Bahasa|MTs|"
            "Madrasah Aliyah|Sekolah Dasar|SLTA IPA|SMK Tata Boga|Paket C IPS"),
]
"""(SIASN PENDIDIKAN NAMA, field): what a BKPSDM pastes from SIASN."""

TRAININGS: list[tuple[str, str]] = [
    *_table("ekonomi_akuntansi", "Audit|Audit Kinerja|Pengadaan Barang/Jasa|Pengadaan|Keuangan Daerah|Bendahara|"
            "Bendahara Pengeluaran|SIMDA|SIPD|Pengelolaan Barang Milik Daerah|Perpajakan|Akuntansi Pemerintahan"),
    *_table("administrasi_sosial", "Kearsipan|Pengelolaan Arsip|Tata Naskah Dinas|Kebijakan Publik"),
    *_table("statistika", "Statistik|Analisis Data"),
    *_table("manajemen", "Perencanaan|Kepemimpinan|Pelatihan Kepemimpinan Pengawas|Diklatpim IV|PKP|PKA|"
            "Pelayanan Publik|Pelayanan Prima|Kepegawaian|Manajemen ASN|Analisis Jabatan|SAKIP|Manajemen Risiko"),
    *_table("hukum", "Hukum|Legal Drafting|Perancangan Peraturan Perundang-undangan|PPNS"),
    *_table("komunikasi", "Kehumasan|Jurnalistik|Protokol|Public Speaking"),
    *_table("ti", "Komputer|Jaringan|Jaringan Komputer|TI|Persandian|Keamanan Informasi"),
    *_table("pertanian", "Penyuluhan|Penyuluhan Pertanian|Pertanian"),
    *_table("kesehatan_masyarakat", "Kesehatan|K3|Penyuluhan Kesehatan"),
    *_table("keperawatan", "BTCLS|PPGD"),
    *_table("bahasa_sastra", "TOEFL|Bahasa Inggris"),
    *_table("psikologi", "Assessment Center"),
    *_table("lingkungan", "AMDAL"),
    *_table("umum", "Latsar CPNS|Prajabatan|Pelatihan Dasar CPNS"),
]
"""(training name in Pelatihan, field)."""


def test_fields_are_exactly_those_of_the_design() -> None:
    """rumpun.csv uses exactly the fields of SPEC 2.4: the old coarse kesehatan, pendidikan, teknik_lain are gone."""
    assert set(REF.bidang) == FIELDS


def test_programme_table_is_big() -> None:
    """The tested table covers at least 150 SIASN programme names and every field."""
    assert len(PROGRAMMES) >= 150 and {field for _, field in PROGRAMMES} == FIELDS


@pytest.mark.parametrize(("programme", "field"), PROGRAMMES)
def test_programme_fields(programme: str, field: str) -> None:
    """A SIASN programme name maps to its field (longest keyword; a profession over 'Pendidikan'; a school
    stream is umum)."""
    assert REF.bidang_of(programme) == field


@pytest.mark.parametrize(("training", "field"), TRAININGS)
def test_training_fields(training: str, field: str) -> None:
    """Common training names map to a field (Kepemimpinan and Pelayanan Publik: manajemen)."""
    assert REF.bidang_of(training) == field


@pytest.mark.parametrize(("text", "field"), [
    ("teknik_sipil", "teknik_sipil"), ("Kesehatan Masyarakat", "kesehatan_masyarakat"),
    ("kesehatan_lingkungan", "kesehatan_lingkungan"), ("UMUM", "umum"), ("ti", "ti"),
])
def test_field_names_are_their_own_field(text: str, field: str) -> None:
    """A field's own name (as in Pelatihan 'TI; teknik_sipil') is that field."""
    assert REF.bidang_of(text) == field


@pytest.mark.parametrize("programme", ["", None, "Merangkai Bunga", "Tip-ex",
                                       "S-1 Ilmu Keolahragaan", "S-1 Tekniks Sipil", "D-III Tata Boga"])
def test_bidang_of_unmatched(programme: object) -> None:
    """Programmes with no keyword (whole words only: 'ti' is not inside 'Tip-ex') have no field."""
    assert REF.bidang_of(programme) is None


# --- jabatan fungsional --------------------------------------------------------------------------------

DESIGN_FAMILIES = (
    "Dokter", "Dokter Gigi", "Perawat", "Bidan", "Apoteker", "Asisten Apoteker", "Nutrisionis", "Sanitarian",
    "Epidemiolog Kesehatan", "Penyuluh Kesehatan Masyarakat", "Administrator Kesehatan",
    "Pranata Laboratorium Kesehatan", "Radiografer", "Perekam Medis", "Fisioterapis", "Terapis Gigi dan Mulut",
    "Elektromedis", "Guru", "Pengawas Sekolah", "Penilik", "Pamong Belajar", "Auditor",
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "Pengelola Pengadaan Barang/Jasa", "Pranata Komputer",
    "Statistisi", "Perencana", "Analis Kebijakan", "Arsiparis", "Pustakawan", "Penyuluh Pertanian",
    "Medik Veteriner", "Paramedik Veteriner", "Polisi Pamong Praja", "Pemadam Kebakaran", "Pekerja Sosial",
    "Penyuluh Sosial", "Penata Ruang", "Teknik Jalan dan Jembatan", "Teknik Pengairan",
    "Teknik Tata Bangunan dan Perumahan", "Analis Keuangan Pusat dan Daerah", "Analis Sumber Daya Manusia Aparatur",
    "Pranata Hubungan Masyarakat", "Penyuluh Perikanan", "Pengendali Dampak Lingkungan", "Pengawas Lingkungan Hidup",
    "Penyuluh Kehutanan", "Analis Hukum", "Perancang Peraturan Perundang-undangan", "Penyuluh Keluarga Berencana",
    "Asesor SDM Aparatur", "Pengawas Ketenagakerjaan", "Pranata Keuangan APBN", "Penera", "Pengawas Perikanan",
    "Analis Ketahanan Pangan", "Pengawas Mutu Hasil Pertanian", "Penggerak Swadaya Masyarakat",
    "Pengembang Teknologi Pembelajaran", "Pamong Budaya",
)
HEALTH = ("Dokter", "Dokter Gigi", "Perawat", "Bidan", "Apoteker", "Asisten Apoteker", "Nutrisionis", "Sanitarian",
          "Epidemiolog Kesehatan", "Penyuluh Kesehatan Masyarakat", "Administrator Kesehatan",
          "Pranata Laboratorium Kesehatan", "Radiografer", "Perekam Medis", "Fisioterapis", "Terapis Gigi dan Mulut",
          "Elektromedis")


def test_every_design_family_is_in_the_table() -> None:
    """jabatan_fungsional.csv has every family of the shared design under its canonical name, at least 60."""
    assert len(DESIGN_FAMILIES) == 61 and set(DESIGN_FAMILIES) <= set(REF.jabatan_fungsional)
    assert len(REF.jabatan_fungsional) >= 60


def test_licensed_families() -> None:
    """Every health family, Guru, Pengawas Sekolah, Penilik, Pamong Belajar, Auditor and Pengelola PBJ are licensed
    (own fields only); Pranata Komputer, Arsiparis, Perencana are not (a training qualifies)."""
    table = REF.jabatan_fungsional
    licensed = (*HEALTH, "Guru", "Pengawas Sekolah", "Penilik", "Pamong Belajar", "Auditor",
                "Pengelola Pengadaan Barang/Jasa")
    assert all(table[n].licensed and table[n].bidang for n in licensed)
    assert all(table[n].lisensi == "STR" for n in HEALTH)
    assert table["Guru"].lisensi == "Sertifikat Pendidik" and table["Auditor"].lisensi == "Sertifikat JFA"
    assert table["Pengelola Pengadaan Barang/Jasa"].lisensi == "Sertifikat PBJ"
    assert not any(table[n].licensed for n in ("Pranata Komputer", "Arsiparis", "Perencana", "Analis Kebijakan"))


def test_family_rows_are_complete() -> None:
    """Each family has a track with a canonical minimum education, a pelatihan fungsional and an instansi pembina;
    its fields are known fields."""
    for f in REF.jabatan_fungsional.values():
        assert f.pendidikan_keahlian or f.pendidikan_keterampilan, f.nama
        assert {f.pendidikan_keahlian, f.pendidikan_keterampilan} - {None} <= set(REF.pendidikan), f.nama
        assert f.pelatihan_fungsional and f.pembina, f.nama
        assert f.bidang <= FIELDS - {"umum"}, f.nama
    assert REF.jabatan_fungsional["Perawat"].bidang == {"keperawatan"}
    assert REF.jabatan_fungsional["Dokter"].bidang == {"kedokteran"}
    assert REF.jabatan_fungsional["Analis Kebijakan"].bidang == frozenset()  # any field


@pytest.mark.parametrize(("nama", "family"), [
    ("Perawat Ahli Muda", "Perawat"), ("Dokter Gigi Ahli Pertama", "Dokter Gigi"), ("Dokter Ahli Madya", "Dokter"),
    ("Guru Matematika Ahli Muda", "Guru"), ("Guru Kelas Ahli Pertama SDN 3 Alak", "Guru"),
    ("Pranata Komputer Terampil", "Pranata Komputer"), ("Kepala Seksi X", None),
    ("Perawat Gigi Terampil", "Terapis Gigi dan Mulut"), ("Terapis Gigi dan Mulut Mahir", "Terapis Gigi dan Mulut"),
    ("Asisten Apoteker Terampil", "Asisten Apoteker"), ("Apoteker Ahli Muda", "Apoteker"),
    ("Pengawas Sekolah Ahli Madya", "Pengawas Sekolah"), ("Pengawas", None), ("Kepala Seksi Pengawasan", None),
    ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
     "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"),
    ("Pengawas Lingkungan Hidup Ahli Pertama", "Pengawas Lingkungan Hidup"),
    ("Pengawas Perikanan Ahli Muda", "Pengawas Perikanan"), ("Dokter Hewan Ahli Pertama", "Medik Veteriner"),
    ("Pengelola Pengadaan Barang/Jasa Ahli Muda", "Pengelola Pengadaan Barang/Jasa"),
    ("Analis Kepegawaian Ahli Muda", "Analis Sumber Daya Manusia Aparatur"),
    ("Penyuluh Kesehatan Masyarakat Ahli Muda", "Penyuluh Kesehatan Masyarakat"),
    ("Penyuluh Pertanian Penyelia", "Penyuluh Pertanian"), ("PRANATA  KOMPUTER AHLI MUDA", "Pranata Komputer"),
    ("Analis Keuangan Pusat dan Daerah Ahli Madya", "Analis Keuangan Pusat dan Daerah"),
    ("Perancang Peraturan Perundang-undangan Ahli Pertama", "Perancang Peraturan Perundang-undangan"),
])
def test_jf_of_post_name(nama: str, family: str | None) -> None:
    """The family named in a post name: its longest keyword as whole words (Perawat Gigi is Terapis Gigi dan Mulut,
    Dokter Gigi is not Dokter, structural Pengawas is no family)."""
    assert REF.jf_of(nama) == family


def test_jf_of_given_rumpun() -> None:
    """A given Rumpun JF wins over the name, in any case or spacing or as a family keyword; unknown is None."""
    assert REF.jf_of("x", "perawat") == "Perawat"
    assert REF.jf_of("Bidan Ahli Muda", "PERAWAT") == "Perawat"
    assert REF.jf_of("x", "  pranata   komputer ") == "Pranata Komputer"
    assert REF.jf_of("x", "Analis Kepegawaian") == "Analis Sumber Daya Manusia Aparatur"
    assert REF.jf_of("Perawat Ahli Muda", "Penjinak Naga") is None
    assert REF.jf_of("Perawat Ahli Muda", "  ") == "Perawat"


def test_every_family_is_found_from_its_post_names() -> None:
    """'<family> <jenjang>' names its family for every family, and so does every keyword of the family."""
    for f in REF.jabatan_fungsional.values():
        assert REF.jf_of(f"{f.nama} Ahli Pertama") == f.nama
        for keyword in f.kata_kunci:
            assert REF.jf_of(" ".join(keyword).title() + " Terampil") == f.nama


# --- bidang jabatan ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("nama", "field"), [
    ("Kepala Sub Bagian Keuangan", "ekonomi_akuntansi"), ("Bendahara Pengeluaran", "ekonomi_akuntansi"),
    ("Pengelola Keuangan", "ekonomi_akuntansi"), ("Kepala Bidang Anggaran", "ekonomi_akuntansi"),
    ("Kepala Seksi Akuntansi", "ekonomi_akuntansi"), ("Pengadministrasi Keuangan", "ekonomi_akuntansi"),
    ("Pengelola Barang Milik Daerah", "ekonomi_akuntansi"), ("Kepala Bidang Aset", "ekonomi_akuntansi"),
    ("Kepala Bidang Pajak Daerah", "ekonomi_akuntansi"), ("Kepala Bidang Pendapatan", "ekonomi_akuntansi"),
    ("Kepala Bidang Perbendaharaan", "ekonomi_akuntansi"), ("Verifikator Keuangan", "ekonomi_akuntansi"),
    ("Kepala Sub Bagian Umum dan Keuangan", "ekonomi_akuntansi"),
    ("Kepala Bagian Hukum", "hukum"), ("Kepala Sub Bagian Perundang-undangan", "hukum"),
    ("Analis Hukum Ahli Muda", "hukum"), ("Pranata Komputer Ahli Pertama", "ti"),
    ("Kepala Bidang Teknologi Informasi", "ti"), ("Kepala Seksi Persandian", "ti"),
    ("Statistisi Ahli Muda", "statistika"), ("Kepala Seksi Statistik Sektoral", "statistika"),
    ("Penyuluh Pertanian Ahli Muda", "pertanian"), ("Kepala Bidang Tanaman Pangan", "pertanian"),
    ("Kepala Seksi Jalan", "teknik_sipil"), ("Kepala Bidang Bina Marga", "teknik_sipil"),
    ("Teknik Jalan dan Jembatan Ahli Muda", "teknik_sipil"), ("Kepala Seksi Bangunan Gedung", "teknik_sipil"),
    ("Kepala Bidang Tata Ruang", "arsitektur_planologi"), ("Kepala Seksi Kefarmasian", "farmasi"),
    ("Kepala Bidang Keperawatan", "keperawatan"), ("Kepala Sekolah", "keguruan"),
    ("Kepala Bidang Pelayanan Medis", "kedokteran"), ("Medik Veteriner Ahli Muda", "peternakan_kesehatan_hewan"),
])
def test_bidang_jabatan_of_specialised_posts(nama: str, field: str) -> None:
    """Posts a planner staffs from one field get it from their name (longest keyword of bidang_jabatan.csv)."""
    assert REF.bidang_jabatan_of(nama) == frozenset({field})


@pytest.mark.parametrize("nama", [
    "Pengadministrasi Umum", "Pengolah Data", "Kepala Sub Bagian Umum dan Kepegawaian", "Sekretaris",
    "Sekretaris Badan Pengelolaan Keuangan dan Aset Daerah", "Staf Ahli Bidang Ekonomi dan Keuangan", "Camat",
    "Lurah", "Analis Kebijakan Ahli Muda", "Perawat Ahli Muda", "Kepala Seksi Pemerintahan", "Guru Ahli Pertama",
    "Sekretaris Camat", "Sekretaris Dinas Kesehatan", "Pengemudi", "",
])
def test_bidang_jabatan_of_general_posts(nama: str) -> None:
    """General posts (Sekretaris, Subbagian Umum, Pengadministrasi Umum …) name no field: open (an empty set)
    or no keyword at all (None), whatever their unit's name says ('Sekretaris Dinas' is longer than
    'Kesehatan')."""
    assert not REF.bidang_jabatan_of(nama)


@pytest.mark.parametrize(("jenis", "nama", "unit", "expected"), [
    ("JPT Pratama", "Kepala Dinas Kesehatan", "Dinas Kesehatan", "kesehatan"),
    ("Administrator", "Kepala Bidang Pelayanan Kesehatan", "Dinas Kesehatan", "kesehatan"),
    ("Administrator", "Kepala Bidang Pembinaan SMP", "Dinas Pendidikan", "pendidikan"),
    ("Pengawas", "Kepala Seksi Kurikulum", "Dinas Pendidikan", "keguruan"),
    ("Pengawas", "Kepala Seksi Pelayanan", "Puskesmas Oebobo", "kesehatan"),  # from the unit
    ("JPT Pratama", "Kepala Dinas", "Dinas Pekerjaan Umum dan Penataan Ruang", "teknik"),  # from the unit
    ("Pelaksana", "Pengadministrasi Perkantoran", "Puskesmas Oebobo", ""),  # a clerk post stays open
    ("Pelaksana", "Operator Layanan Operasional", "SD Negeri 3", ""),
    ("Fungsional", "Perawat Ahli Muda", "Dinas Kesehatan", ""),  # the family's own fields are the post's
    ("Administrator", "Sekretaris", "Dinas Kesehatan", ""),
])
def test_inferred_bidang_from_name_then_unit(jenis: str, nama: str, unit: str, expected: str) -> None:
    """SPEC 2.2 v3: a blank Bidang comes from the post name, then (structural and open JF posts) from the unit."""
    family = REF.jf_of(nama) if jenis == "Fungsional" else None
    found = REF.inferred_bidang(jenis, nama, unit, family)
    assert found == (REF.bidang_set_of(expected) if expected else frozenset())


@pytest.mark.parametrize(("text", "expected"), [
    ("Kesehatan", "kesehatan"), ("PENDIDIKAN", "pendidikan"), ("teknik_lain", "teknik"), ("Teknik", "teknik"),
    ("teknik sipil", "teknik_sipil"), ("Hukum", "hukum"), ("Informatika", "ti"), ("ekonomi_akuntansi",
                                                                                  "ekonomi_akuntansi"),
])
def test_bidang_value_as_planners_write_it(text: str, expected: str) -> None:
    """A Bidang value in any case and spelling is a field or an umbrella group (its fields); version-1 codes read
    as their group."""
    found = REF.bidang_set_of(text)
    group = REF.kelompok.get(expected)
    assert found == (group if group is not None else frozenset({expected}))
    assert REF.bidang_set_of("naga terbang") is None


def test_inferred_bidang_never_contradicts_the_family() -> None:
    """For every JF family, the fields inferred for its blank-Bidang posts are ones the family accepts (none, when
    the family has fields of its own), so R8 never blocks someone R18 admits."""
    for f in REF.jabatan_fungsional.values():
        for keyword in (f.nama.lower().split(), *f.kata_kunci):
            fields = REF.inferred_bidang("Fungsional", " ".join(keyword) + " ahli muda", "Dinas Kesehatan", f.nama)
            assert not fields or not f.bidang or fields <= f.bidang, (f.nama, fields)


# --- jenis jabatan -------------------------------------------------------------------------------------


def test_penyetaraan_ladder() -> None:
    """tingkat is the penyetaraan ladder: 1 Pelaksana, Pemula, Terampil, Mahir, Ahli Pertama; 2 Pengawas, Penyelia,
    Ahli Muda; 3 Administrator, Ahli Madya; 4 JPT Pratama, Ahli Utama."""
    ladder = {1: [("Pelaksana", None), ("Fungsional", "Pemula"), ("Fungsional", "Terampil"),
                  ("Fungsional", "Mahir"), ("Fungsional", "Ahli Pertama")],
              2: [("Pengawas", None), ("Fungsional", "Penyelia"), ("Fungsional", "Ahli Muda")],
              3: [("Administrator", None), ("Fungsional", "Ahli Madya")],
              4: [("JPT Pratama", None), ("Fungsional", "Ahli Utama")]}
    found = {key: REF.jenis_of(*key) for keys in ladder.values() for key in keys}
    assert {key: info.tingkat for key, info in found.items() if info} == {
        key: tingkat for tingkat, keys in ladder.items() for key in keys}


def test_jenjang_urutan() -> None:
    """Pemula 1 < Terampil < Mahir < Penyelia < Ahli Pertama < Ahli Muda < Ahli Madya < Ahli Utama 8; else 0."""
    order = ["Pemula", "Terampil", "Mahir", "Penyelia", "Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"]
    assert [REF.jenjang_urutan(j) for j in order] == list(range(1, 9))
    assert REF.jenjang_urutan(None) == 0 and REF.jenjang_urutan("Eselon IV") == 0


def test_default_golongan_ranges() -> None:
    """SPEC 2.4 default ranges: Pengawas III/b–III/d, Ahli Muda III/c–III/d, JPT Pratama IV/b–IV/d."""
    g = REF.golongan
    for jenis, jenjang, low, high in [("Pengawas", None, "III/b", "III/d"), ("Fungsional", "Ahli Muda", "III/c",
                                      "III/d"), ("JPT Pratama", None, "IV/b", "IV/d")]:
        found = REF.jenis_of(jenis, jenjang)
        assert found is not None
        assert (found.golongan_min, found.golongan_max) == (g[low].urutan, g[high].urutan)


# --- pelatihan -----------------------------------------------------------------------------------------


def test_every_trigger_has_a_named_training() -> None:
    """pelatihan.csv names a training, a source and a timing for every trigger."""
    assert {p.pemicu for p in REF.pelatihan} == set(PEMICU)
    assert all(p.nama and p.dasar and p.kapan in ("sebelum pelantikan", "sesudah pelantikan") for p in REF.pelatihan)
    by = {p.pemicu: p for p in REF.pelatihan}
    assert "(PKP)" in by["masuk_pengawas"].nama and "LAN 15/2019" in by["masuk_pengawas"].dasar
    assert "(PKA)" in by["masuk_administrator"].nama and "LAN 16/2019" in by["masuk_administrator"].dasar
    assert "PKN Tingkat II" in by["masuk_jpt"].nama
    assert words("Diklatpim Tk. IV") in by["masuk_pengawas"].ejaan_lain  # old names count as done
    assert words("Diklatpim III") in by["masuk_administrator"].ejaan_lain
    assert words("PIM Tingkat II") in by["masuk_jpt"].ejaan_lain and by["masuk_jf"].ejaan_lain == ()


def test_pelatihan_without_ejaan_lain_still_loads(tmp_path: Path) -> None:
    """A BKPSDM's pelatihan.csv from before the ejaan_lain column loads, every row without other names."""
    folder = _copy_tables(tmp_path)
    path = folder / "pelatihan.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(row[:5] for row in rows)
    ref = load_reference(folder)
    assert [p.nama for p in ref.pelatihan] == [p.nama for p in REF.pelatihan]
    assert all(p.ejaan_lain == () for p in ref.pelatihan)


def test_jf_trainings_render_family_and_jenjang() -> None:
    """JF entry asks an uji kompetensi before and a pelatihan fungsional after pelantikan, named for the family
    and jenjang; a switch cites PermenPANRB 1/2023."""
    entry = [p for p in REF.pelatihan if p.pemicu == "masuk_jf"]
    assert [(p.render("Perawat", "Ahli Muda"), p.kapan) for p in entry] == [
        ("Uji Kompetensi Perawat Ahli Muda", "sebelum pelantikan"),
        ("Pelatihan Fungsional Perawat (pembentukan)", "sesudah pelantikan")]
    switch = next(p for p in REF.pelatihan if p.pemicu == "ganti_jf")
    assert switch.render("Bidan", "Ahli Pertama") == "Uji Kompetensi perpindahan jabatan Bidan Ahli Pertama"
    assert "PermenPANRB 1/2023" in switch.dasar
    up = next(p for p in REF.pelatihan if p.pemicu == "naik_jenjang_jf")
    assert up.render("Guru", "Ahli Madya") == "Uji Kompetensi kenaikan jenjang Guru Ahli Madya"
    assert up.render() == "Uji Kompetensi kenaikan jenjang"


def test_post_name_trainings() -> None:
    """Pengadaan and bendahara posts trigger their certification before pelantikan, matched as whole words."""
    by_name = {p.nama: p for p in REF.pelatihan if p.pemicu == "kata_kunci_jabatan"}
    pbj, bendahara = by_name["Sertifikasi Pengadaan Barang/Jasa (LKPP)"], by_name["Sertifikasi Bendahara"]
    assert pbj.matches("Pengelola Pengadaan Barang/Jasa Ahli Muda") and pbj.matches("Kepala Bagian Pengadaan")
    assert not pbj.matches("Kepala Seksi Pengadaannya") and not pbj.matches("Perawat Ahli Muda")
    assert bendahara.matches("BENDAHARA Pengeluaran") and not bendahara.matches("Kepala Sub Bagian Keuangan")
    assert pbj.kapan == bendahara.kapan == "sebelum pelantikan"


# --- editing the tables ---------------------------------------------------------------------------------


def _copy_tables(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("golongan", "pendidikan", "jenis_jabatan", "rumpun", "kinerja", "jabatan_fungsional",
                 "bidang_jabatan", "pelatihan", "kotak_talenta", "kelompok_bidang", "bidang_unit",
                 "mata_pelajaran", "lokasi", "prioritas"):
        shutil.copy(data_dir() / f"{name}.csv", folder / f"{name}.csv")
    return folder


def test_edited_tables_are_used(tmp_path: Path) -> None:
    """A BKPSDM's added rows take effect: a new programme keyword, JF family and post keyword."""
    folder = _copy_tables(tmp_path)
    with (folder / "rumpun.csv").open("a", encoding="utf-8") as f:
        f.write("tata boga,manajemen\n")
    with (folder / "jabatan_fungsional.csv").open("a", encoding="utf-8") as f:
        f.write("Penjinak Naga,pawang naga,lingkungan,,S-1,,60,,,,Kementerian Fiksi\n")
    with (folder / "bidang_jabatan.csv").open("a", encoding="utf-8") as f:
        f.write("kesejahteraan pegawai,manajemen\n")
    with (folder / "bidang_unit.csv").open("a", encoding="utf-8") as f:
        f.write("dinas naga,lingkungan\n")
    ref = load_reference(folder)
    assert ref.bidang_of("D-III Tata Boga") == "manajemen"
    assert ref.jf_of("Pawang Naga Ahli Muda") == "Penjinak Naga"
    assert ref.bup_of("Fungsional", "Ahli Muda", ref.jabatan_fungsional["Penjinak Naga"]) == 60
    assert ref.bidang_jabatan_of("Kepala Sub Bagian Kesejahteraan Pegawai") == frozenset({"manajemen"})
    assert ref.bidang_unit_of("Dinas Naga Kota") == frozenset({"lingkungan"})


@pytest.mark.parametrize(("table", "line", "expected"), [
    ("jabatan_fungsional.csv", "Penjinak Naga,,naga,,S-1,,,,,,Kementerian Fiksi\n", "bidang naga"),
    ("jabatan_fungsional.csv", "Penjinak Naga,,,,S-9,,,,,,Kementerian Fiksi\n", "S-9"),
    ("jabatan_fungsional.csv", "Penjinak Naga,perawat,,,S-1,,,,,,Kementerian Fiksi\n", "perawat"),
    ("jabatan_fungsional.csv", "Penjinak Naga,,,,S-1,,Ahli Naga=60,,,,Kementerian Fiksi\n", "Ahli Naga=60"),
    ("kelompok_bidang.csv", "naga,naga;ti,,\n", "naga"),
    ("bidang_unit.csv", "dinas naga,\n", "bidang wajib diisi"),
    ("bidang_jabatan.csv", "naga,naga\n", "bidang naga"),
    ("rumpun.csv", "keperawatan,hukum\n", "keperawatan"),
    ("pelatihan.csv", "masuk_naga,,Pelatihan Naga,Dasar,sesudah pelantikan\n", "masuk_naga"),
    ("pelatihan.csv", "masuk_jf,,Pelatihan {naga},Dasar,sesudah pelantikan\n", "rumpun_jf"),
    ("pelatihan.csv", "masuk_jf,,Pelatihan Naga,Dasar,besok\n", "kapan"),
    ("kotak_talenta.csv", "10,di atas,Tinggi\n", "kotak harus 1–9"),
    ("kotak_talenta.csv", "9,luar biasa,Tinggi\n", "luar biasa"),
    ("kotak_talenta.csv", "5,di atas,Tinggi\n", "sudah ada"),
])
def test_broken_table_is_refused_with_file_and_line(tmp_path: Path, table: str, line: str, expected: str) -> None:
    """An edit that cannot be used (unknown field, jenjang, trigger; a keyword of two families) names the file,
    the line and the value."""
    folder = _copy_tables(tmp_path)
    lines = (folder / table).read_text(encoding="utf-8").count("\n")
    with (folder / table).open("a", encoding="utf-8") as f:
        f.write(line)
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(folder)
    assert table in str(caught.value) and f"baris {lines + 1}" in str(caught.value)
    assert expected in str(caught.value)


def test_incomplete_kotak_table_is_refused(tmp_path: Path) -> None:
    """A 9-box with a pair missing is refused, naming the file."""
    folder = _copy_tables(tmp_path)
    path = folder / "kotak_talenta.csv"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="kotak_talenta.csv: harus berisi 9 kotak"):
        load_reference(folder)


@pytest.mark.parametrize(("nama", "unit", "lokasi", "expected"), [
    ("Guru Kelas Ahli Muda SDN 1 Pesisir Alak", "Dinas Pendidikan", None, "SDN 1 Pesisir Alak"),
    ("Guru Kelas Ahli Muda - SD Negeri 3 Watu", "SD Negeri 3 Watu", None, "SD Negeri 3 Watu"),
    ("Perawat Terampil Puskesmas  Oebobo", "Dinas Kesehatan", None, "Puskesmas Oebobo"),
    ("Kepala Puskesmas", "Puskesmas Oebobo", None, "Puskesmas Oebobo"),  # the keyword alone names no place
    ("Analis Kebijakan Ahli Muda", "Bappeda", None, "Bappeda"),
    ("Pengadministrasi Perkantoran", "Dinas PUPR", "Bidang  Bina Marga", "Bidang Bina Marga"),  # given
])
def test_place_of_a_post(nama: str, unit: str, lokasi: str | None, expected: str) -> None:
    """R21 v3: a post's location is its Lokasi, else the school or puskesmas its name names, else its unit."""
    assert REF.place_of(nama, unit, lokasi) == expected
