"""Reference tables: every spelling SPEC 2.4 promises is normalised, and nonsense is rejected."""

from __future__ import annotations

import pytest

from penempatan.reference import load_reference

REF = load_reference()


@pytest.mark.parametrize("text", [
    "III/a", "III/A", "IIIa", "III.a", "III-a", "III a", "3a", "31", 31, 31.0,
    "Penata Muda (III/a)", "Penata Muda", "PENATA MUDA", "Penata  Muda", " iii/a ", "III  /  a",
])
def test_golongan_spellings_of_iii_a(text: object) -> None:
    """Every SPEC 2.4 spelling of III/a (and upper case, double spaces, SIASN id 31) reads as III/a."""
    found = REF.golongan_of(text)
    assert found is not None and found.kode == "III/a"


@pytest.mark.parametrize(("text", "kode"), [
    ("Penata Muda Tk. I", "III/b"),
    ("PENATA MUDA TK.I", "III/b"),
    ("Penata Muda Tingkat I", "III/b"),
    ("Pembina Tk.I, IV b", "IV/b"),
    ("Pembina Tk. I (IV/b)", "IV/b"),
    ("Juru Muda", "I/a"),
    ("IV/e", "IV/e"),
    ("45", "IV/e"),
    ("11", "I/a"),
    ("2d", "II/d"),
    ("Pembina Utama", "IV/e"),
])
def test_golongan_pangkat_and_codes(text: str, kode: str) -> None:
    """Pangkat names (with Tk. abbreviations), combined 'pangkat, golongan' and SIASN ids give the golongan."""
    found = REF.golongan_of(text)
    assert found is not None and found.kode == kode


@pytest.mark.parametrize(("text", "kode"), [("I", "I"), ("ix", "IX"), ("XVII", "XVII"), ("V", "V")])
def test_pppk_golongan(text: str, kode: str) -> None:
    """Roman numerals without a letter are PPPK golongan I … XVII."""
    found = REF.golongan_of(text)
    assert found is not None and found.kode == kode and found.jenis == "PPPK"


@pytest.mark.parametrize("text", ["V/a", "III/f", "xyz", "", "   ", None, "XVIII", "Penata Muda (III/b)", "51"])
def test_golongan_rejections(text: object) -> None:
    """Impossible golongan, nonsense, empty cells and self-contradicting spellings are rejected."""
    assert REF.golongan_of(text) is None


def test_golongan_order() -> None:
    """I/a < … < IV/e in the urutan column."""
    codes = ["I/a", "I/d", "II/a", "II/d", "III/a", "III/d", "IV/a", "IV/e"]
    ranks = [REF.golongan[c].urutan for c in codes]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


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
    assert all(rank(a) < rank(b) for a, b in zip(chain, chain[1:], strict=False))
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


@pytest.mark.parametrize(("programme", "field"), [
    ("S-1 Teknik Sipil", "teknik_sipil"),
    ("D-III Keperawatan", "kesehatan"),
    ("S-1 Pendidikan Dokter", "kesehatan"),
    ("S-1 Kedokteran Gigi", "kesehatan"),
    ("S-1 Teknik Informatika", "ti"),
    ("S-1 Sistem Informasi", "ti"),
    ("S-1 Ilmu Hukum", "hukum"),
    ("S-1 Akuntansi", "ekonomi_akuntansi"),
    ("S-2 Administrasi Publik", "administrasi_sosial"),
    ("S-1 Agribisnis", "pertanian"),
    ("SMK Teknik Mesin", "teknik_lain"),
    ("SMA IPA", "umum"),
    ("TI", "ti"),
    ("Pengadaan", "ekonomi_akuntansi"),
    ("teknik_sipil", "teknik_sipil"),
    ("Kesehatan Masyarakat", "kesehatan"),
])
def test_bidang_of(programme: str, field: str) -> None:
    """Programme and training names map to their field through rumpun.csv keywords (longest match)."""
    assert REF.bidang_of(programme) == field


@pytest.mark.parametrize("programme", ["S-1 Sastra Inggris", "", None, "Merangkai Bunga", "Tip-ex"])
def test_bidang_of_unmatched(programme: object) -> None:
    """Programmes with no keyword (whole words only: 'ti' is not inside 'Tip-ex') have no field."""
    assert REF.bidang_of(programme) is None


def test_default_golongan_ranges() -> None:
    """SPEC 2.4 default ranges: Pengawas III/b–III/d, Ahli Muda III/c–III/d, JPT Pratama IV/b–IV/d."""
    g = REF.golongan
    for jenis, jenjang, low, high in [("Pengawas", None, "III/b", "III/d"), ("Fungsional", "Ahli Muda", "III/c",
                                      "III/d"), ("JPT Pratama", None, "IV/b", "IV/d")]:
        found = REF.jenis_of(jenis, jenjang)
        assert found is not None
        assert (found.golongan_min, found.golongan_max) == (g[low].urutan, g[high].urutan)
