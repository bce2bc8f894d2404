"""The independent kota workbook generator (tests/kota/generate.py), checked with openpyxl only."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.kota.generate import write_kota

ROOT = Path(__file__).resolve().parents[1]
N = 300
ACUAN = date(2026, 12, 1)
PPPK_GOLONGAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                 "XVI", "XVII"}


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    """One generated workbook (300 employees, seed 1) and its planted counts."""
    path = tmp_path_factory.mktemp("kota") / "kota.xlsx"
    counts = write_kota(path, pegawai=N, seed=1, tanggal_acuan=ACUAN)
    return path, counts, load_workbook(path)


def _rows(wb, sheet):
    return list(wb[sheet].iter_rows(values_only=True))


def _values(path: Path) -> dict:
    wb = load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_sheets_and_headers(kota):
    """All four sheets exist with the SIASN / peta jabatan headers, the note and tanggal_acuan as dd-mm-yyyy text."""
    _, _, wb = kota
    assert wb.sheetnames == ["Pegawai", "Jabatan", "Pengaturan", "Catatan"]
    pegawai = _rows(wb, "Pegawai")[0]
    assert pegawai[:12] == ("NIP BARU", "NAMA", "GOL AKHIR NAMA", "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN NAMA",
                            "Kode Jabatan", "JABATAN NAMA", "UNOR NAMA", "TMT JABATAN", "TANGGAL LAHIR",
                            "JENIS KELAMIN", "KEDUDUKAN HUKUM NAMA")
    for name in ("Predikat Kinerja", "Potensi", "Kotak Talenta", "Hukuman Disiplin", "Akhir Hukuman",
                 "Unit Diminati", "Siap Naik Jenjang", "Sertifikat"):
        assert name in pegawai
    assert _rows(wb, "Jabatan")[0] == (
        "Kode Jabatan", "Nama Jabatan", "Unit Kerja", "Jenis Jabatan", "Jenjang", "Kelas Jabatan", "Kebutuhan",
        "Pendidikan Minimal", "Bidang", "Risiko Tinggi", "Wajib Diisi")
    assert _rows(wb, "Pengaturan") == [("Parameter", "Nilai"), ("tanggal_acuan", "01-12-2026")]
    assert wb["Catatan"]["A1"].value == "Data fiktif untuk pengujian: Kota Watu Lestari (bukan data nyata)"


def test_employee_count_nip_and_posts(kota):
    """Exactly the requested employees; NIP is unique 18-digit text matching birth date and sex; every post exists."""
    _, counts, wb = kota
    rows = _rows(wb, "Pegawai")[1:]
    assert len(rows) == N == counts["pegawai"]
    posts = {r[0]: r for r in _rows(wb, "Jabatan")[1:]}
    by_name = {(r[1], r[2]) for r in posts.values()}
    assert len(by_name) == len(posts)
    for cell in wb["Pegawai"]["A"][1:] + wb["Pegawai"]["F"][1:] + wb["Jabatan"]["A"][1:]:
        assert cell.number_format == "@"
    nips = [r[0] for r in rows]
    assert len(set(nips)) == N
    for nip, _, _, _, _, kode, nama, unit, _, lahir, jk, *_ in rows:
        assert isinstance(nip, str) and len(nip) == 18 and nip.isdigit()
        assert nip[:8] == f"{lahir:%Y%m%d}" and nip[14] == {"L": "1", "P": "2"}[jk]
        assert (nama, unit) in by_name
        if kode is not None:
            assert isinstance(kode, str) and posts[kode][1:3] == (nama, unit)
        age = ACUAN.year - lahir.year - ((ACUAN.month, ACUAN.day) < (lahir.month, lahir.day))
        assert 23 <= age <= 59


def test_deterministic_for_a_seed(tmp_path):
    """The same seed gives the same cell values (also under another hash seed, via the CLI); another seed differs."""
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    write_kota(a, pegawai=N, seed=7)
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-m", "tests.kota.generate", str(b), "--pegawai", str(N), "--seed", "7"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    write_kota(c, pegawai=N, seed=8)
    assert _values(a) == _values(b)
    assert _values(a)["Pegawai"] != _values(c)["Pegawai"]


def test_planted_counts_present(kota):
    """Every planted count is returned and meets its floor at 300 employees."""
    _, counts, _ = kota
    n = counts["pegawai"]
    assert counts["kotak1"] >= 0.01 * n
    assert counts["kinerja_kurang"] >= 0.01 * n
    assert counts["active_sanction"] >= 0.005 * n
    assert counts["near_bup_clerks"] >= 0.01 * n
    assert counts["guru_58_59"] >= 2
    assert counts["pppk"] >= 0.05 * n
    assert 0.2 * n <= counts["rotation_due"] <= 0.4 * n
    assert 0.12 * n <= counts["short_tenure"] <= 0.3 * n
    assert counts["surplus_posts"] >= 3 and counts["abolished_posts"] >= 2
    assert counts["vacancies_schools"] > 0 and counts["vacancies_puskesmas"] > 0
    assert counts["jf_families"] >= 25
    assert counts["coarse_bidang"] > 0 and counts["blank_bidang"] > 0


def test_counts_match_the_workbook(kota):
    """A few counts recomputed from the cells agree with the returned dict."""
    _, counts, wb = kota
    rows = _rows(wb, "Pegawai")[1:]
    posts = _rows(wb, "Jabatan")[1:]
    kode_of = {(r[1], r[2]): r[0] for r in posts}
    held: dict[str, int] = {}
    for r in rows:
        kode = r[5] or kode_of[(r[6], r[7])]
        held[kode] = held.get(kode, 0) + 1
    assert counts["pppk"] == sum(1 for r in rows if r[2] in PPPK_GOLONGAN)
    assert counts["no_kode_jabatan"] == sum(1 for r in rows if r[5] is None)
    assert counts["surplus_posts"] == sum(1 for r in posts if 0 < r[6] < held.get(r[0], 0))
    assert counts["abolished_posts"] == sum(1 for r in posts if r[6] == 0 and held.get(r[0], 0) > 0)
    assert counts["blank_bidang"] == sum(1 for r in posts if r[8] is None)
    assert counts["seats"] == sum(r[6] for r in posts)


def test_generator_does_not_import_penempatan():
    """The generator stays independent of the product: no import of penempatan."""
    source = (ROOT / "tests" / "kota" / "generate.py").read_text(encoding="utf-8")
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert imports and not any("penempatan" in line for line in imports)
