"""A workbook this project did not generate (tests/kota: a kota's peta jabatan and SIASN export with coarse Bidang,
PPPK golongan and JF families the catalogue lacks) passes `check` with a short, grouped list (issue 21)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan import cli
from penempatan.excel.read import read_workbook
from penempatan.reference import load_reference
from tests.kota.generate import write_kota

runner = CliRunner()
UNLISTED = ("Analis Naga", "Penjinak Naga", "Pengawas Kapal Udara Lokal", "Penata Taman Kota", "Pembina Kampung",
            "Analis Sungai", "Pengamat Lampu Jalan", "Penjaga Sumur Tua", "Penyuluh Pasar Malam", "Pengelola Menara",
            "Penguji Jembatan Gantung", "Analis Angin", "Pranata Kolam", "Penata Kembang Api", "Pengelola Kuda",
            "Analis Perahu", "Penata Gapura", "Penyuluh Rawa", "Pengawas Layang Layang", "Penata Air Mancur")


def _kota_with_unlisted_families(tmp_path: Path) -> Path:
    """The 600-employee kota workbook with one post of each of 20 JF families the catalogue does not know."""
    path = tmp_path / "kota.xlsx"
    write_kota(path, pegawai=600, seed=1)
    workbook = load_workbook(path)
    jabatan = workbook["Jabatan"]
    headers = [c.value for c in jabatan[1]]
    for k, name in enumerate(UNLISTED):
        values = {"Kode Jabatan": f"X{k:03d}", "Nama Jabatan": f"{name} Ahli Pertama", "Unit Kerja": "Dinas Sosial",
                  "Jenis Jabatan": "Fungsional", "Jenjang": "Ahli Pertama", "Kelas Jabatan": 8, "Kebutuhan": 1,
                  "Pendidikan Minimal": "S-1"}
        jabatan.append([values.get(str(h)) for h in headers])
    workbook.save(path)
    return path


def test_kota_workbook_checks_clean_in_few_lines(tmp_path: Path) -> None:
    """Coarse Bidang ('Kesehatan', 'teknik_lain', 'Ekonomi, Hukum'), 20 unlisted JF families and PPPK golongan:
    `check` exits 0 and its piped output stays within 60 lines (problems grouped), with the unlisted families
    reported as warnings, never errors."""
    ref = load_reference()
    assert not {name for name in UNLISTED if ref.jf_of(name + " Ahli Pertama")}
    path = _kota_with_unlisted_families(tmp_path)
    result = runner.invoke(cli.app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) <= 60, result.output
    assert "0 galat" in lines[-1]
    read = read_workbook(path)
    unknown = [w for w in read.warnings if w.column == "Nama Jabatan" and "tidak dikenali" in w.message]
    assert len(unknown) == len(UNLISTED)
    assert not [w for w in read.warnings if "rentang golongan" in w.message and w.value in ("IX", "X")]
    posts = {p.kode: p for p in read.data.positions}
    assert all(posts[f"X{k:03d}"].rumpun_jf is None for k in range(len(UNLISTED)))
