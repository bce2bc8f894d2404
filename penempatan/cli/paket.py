"""`penempatan paket` (SPEC 10): from a decided plan, the SK drafts (one per kind of move), the Berita Acara, the
SIASN / I-MUT job-history rows (CSV and JSON) and the pre-flight list, in one folder.

Like `surat`, the plan saved in HASIL.xlsx is used without solving again and must have been made from these
bytes of DATA (`usecases.decree`); every move must carry a decision (sheet `Tanggapan` or the chain's
`Keputusan`), else the command names the undecided rows and exits 2. Every file is checked before any work and
all are renamed into place together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from penempatan import text
from penempatan.cli.app import app
from penempatan.cli.bahasa import Command
from penempatan.cli.commands import Permintaan
from penempatan.cli.failures import guard, input_files, require_input
from penempatan.cli.outputs import Outputs
from penempatan.cli.surat import _folder as output_folder
from penempatan.cli.surat import date_option
from penempatan.cli.terminal import term

_FINDINGS_SHOWN = 15


@app.command(cls=Command)
def paket(
    data: Annotated[Path, typer.Argument(metavar="DATA.xlsx",
                                         help="Workbook masukan yang dipakai saat rencana dibuat.")],
    rencana: Annotated[Path, typer.Option("--rencana", metavar="HASIL.xlsx",
                                          help="Workbook rekomendasi dari `penempatan solve` yang keputusan "
                                          "Baperjakat-nya sudah dicatat (sheet Tanggapan dan Rantai Mutasi).")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FOLDER",
                                         help="Folder paket keputusan (dibuat bila belum ada).")],
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="S.toml",
                                                  help="Berkas skenario yang dipakai saat rencana dibuat.")] = None,
    tanggal_sidang: Annotated[str | None, typer.Option("--tanggal-sidang", metavar="DD-MM-YYYY",
                                                       help="Tanggal sidang Baperjakat untuk Berita Acara. [bawaan: "
                                                       "isian titik-titik]")] = None,
    nomor_sk: Annotated[str | None, typer.Option("--nomor-sk", metavar="NOMOR",
                                                 help="Nomor SK; {n} = nomor urut SK dalam paket. [bawaan: "
                                                 "Pengaturan nomor_sk]")] = None,
    tanggal_sk: Annotated[str | None, typer.Option("--tanggal-sk", metavar="DD-MM-YYYY",
                                                   help="Tanggal penetapan SK. [bawaan: Pengaturan "
                                                   "tanggal_sk]")] = None,
    tmt: Annotated[str | None, typer.Option("--tmt", metavar="DD-MM-YYYY",
                                            help="TMT jabatan, mutasi dan pelantikan. [bawaan: Pengaturan tmt_mutasi, "
                                            "lalu tanggal SK]")] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas paket yang sudah ada di folder (tanpa opsi "
                                        "ini berkas yang ada tidak pernah ditimpa).")] = False,
    permintaan: Permintaan = None,
) -> None:
    """Tulis paket keputusan dari rencana yang sudah diputuskan: draf SK per jenis mutasi, Berita Acara
    Baperjakat, baris riwayat jabatan SIASN (imut.csv, siasn-riwayat-jabatan.json) dan daftar pemeriksaan awal."""
    from penempatan.decree.package import CSV_NAME, JSON_NAME, MINUTES_NAME, PREFLIGHT_NAME
    from penempatan.usecases.decree import make_decree_package, write_decree_package

    for path in (data, rencana, skenario, permintaan):
        if path is not None:
            require_input(path)
    sidang = date_option(tanggal_sidang, "--tanggal-sidang")
    settings: dict[str, object] = {}
    if nomor_sk is not None:
        settings["nomor_sk"] = nomor_sk.strip()
    if tanggal_sk is not None:
        settings["tanggal_sk"] = date_option(tanggal_sk, "--tanggal-sk")
    if tmt is not None:
        settings["tmt_mutasi"] = date_option(tmt, "--tmt")
    folder = output_folder(output)
    outputs = Outputs(timpa, data, rencana, skenario, permintaan)
    for name in (MINUTES_NAME, CSV_NAME, JSON_NAME, PREFLIGHT_NAME):
        outputs.claim(folder / name)
    with guard(data, input_files(rencana, skenario, permintaan)):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            made = make_decree_package(data, rencana, skenario, sidang, status.update, settings, permintaan)
            for decree in made.package.decrees:  # refused before anything is written when one exists
                outputs.claim(folder / decree.file_name)
            status.update("Menulis paket keputusan…")
            write_decree_package(folder, made)
        package = made.package
        sks = ", ".join(f"{d.file_name} ({text.number(len(d.moves))} orang)" for d in package.decrees) or "tidak ada SK"
        term.say(f"Paket keputusan ditulis ke {folder}: {text.number(len(package.moves))} usulan disetujui, "
                 f"{text.number(len(package.verdicts.rejected))} ditolak; {sks}; {MINUTES_NAME}, {CSV_NAME}, "
                 f"{JSON_NAME}, {PREFLIGHT_NAME}.")
        if not package.findings:
            term.say("Pemeriksaan awal: tidak ada temuan.")
            return
        term.say(f"Pemeriksaan awal: {text.number(len(package.findings))} temuan yang akan ditolak registri "
                 f"(lengkap di {PREFLIGHT_NAME}):")
        for finding in package.findings[:_FINDINGS_SHOWN]:
            term.say(f"  {finding.line()}")
        if len(package.findings) > _FINDINGS_SHOWN:
            term.say(f"  … dan {text.number(len(package.findings) - _FINDINGS_SHOWN)} lainnya")
