"""The terminal summary of `penempatan siasn` and of `check`/`solve --riwayat` (the conflicts themselves are
printed as grouped warnings)."""

from __future__ import annotations

from pathlib import Path

from penempatan import text
from penempatan.cli.terminal import term
from penempatan.usecases.siasn import Applied, Imported


def imported(done: Imported) -> None:
    """What was read, what was filled, what SIASN confirmed and contradicted, and how long it took."""
    n = text.number
    term.say(f"Dump SIASN: {n(done.records)} rekaman dari {n(done.files)} berkas, {n(done.people)} pegawai "
             f"(tanggal acuan {text.date_text(done.acuan)}).")
    if done.built:
        term.say(f"Workbook baru disusun dari dump: {n(done.people)} pegawai, {n(done.posts)} jabatan, "
                 f"{n(done.written)} nilai dari SIASN (sheet Sumber SIASN). Lengkapi Kelas Jabatan, Kebutuhan dan "
                 "Pendidikan Minimal di sheet Jabatan, lalu jalankan `penempatan check`.")
        return
    term.say(f"Sheet Pegawai: {n(done.matched)} dari {n(done.rows)} pegawai ada di SIASN; {n(done.written)} nilai "
             f"diambil dari SIASN (sheet Sumber SIASN), {n(done.same)} isian sama dengan SIASN, "
             f"{n(len(done.conflicts))} berbeda (sheet Konflik SIASN).")
    if done.rows > done.matched:
        term.complain(f"{n(done.rows - done.matched)} pegawai tidak punya rekaman di dump SIASN; isiannya tidak "
                      "diperiksa.")


def applied(histories: Applied, data: Path) -> None:
    """`--riwayat`: what the histories filled and contradicted in memory, and how to keep the result."""
    n = text.number
    done = histories.done
    kept = "nilai SIASN dipakai" if histories.prefer_siasn else "isian workbook dipertahankan"
    term.say(f"Riwayat SIASN {histories.folder}: {n(done.records)} rekaman dari {n(done.files)} berkas; "
             f"{n(done.matched)} dari {n(done.rows)} pegawai ada di SIASN; {n(done.written)} nilai diambil dari "
             f"SIASN, {n(done.same)} isian sama, {n(len(done.conflicts))} berbeda ({kept}). {data} tidak diubah; "
             f"untuk menyimpan hasilnya: `penempatan siasn {histories.folder} --data {data} -o BARU.xlsx`.")
    if done.rows > done.matched:
        term.complain(f"{n(done.rows - done.matched)} pegawai tidak punya rekaman di riwayat SIASN; isiannya tidak "
                      "diperiksa.")
