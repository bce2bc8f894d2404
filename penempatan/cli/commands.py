"""The commands: each parses its options, checks its paths, calls one function of `jobs` and renders what it
returns (`render`, `render_explain`). Help texts are the planner's documentation: Bahasa Indonesia."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from penempatan import text
from penempatan.cli import render, render_explain, render_siasn
from penempatan.cli.app import app
from penempatan.cli.bahasa import Command
from penempatan.cli.failures import guard, input_files, require_input
from penempatan.cli.outputs import Outputs
from penempatan.cli.problems import show_problems
from penempatan.cli.terminal import term
from penempatan.usecases import jobs
from penempatan.usecases.stop import EXIT_INPUT, bad_argument

_Timpa = Annotated[bool, typer.Option("--timpa", help="Ganti berkas keluaran yang sudah ada (tanpa opsi ini "
                                      "berkas yang ada tidak pernah ditimpa).")]
_Data = Annotated[Path, typer.Argument(metavar="DATA.xlsx", help="Workbook masukan.")]
_LAPORAN = "Tulis juga laporan HTML mandiri (grafik, daftar; berisi data pribadi)."
_PRIVATE = " Berisi data pribadi; jangan disebarkan."
_Laporan = Annotated[Path | None, typer.Option("--laporan", metavar="L.html", help=_LAPORAN)]
_BatasWaktu = Annotated[float, typer.Option("--batas-waktu", metavar="DETIK", min=1.0,
                                            help="Batas waktu solver (detik).")]
_Riwayat = Annotated[Path | None, typer.Option("--riwayat", metavar="FOLDER",
                                               help="Folder dump riwayat SIASN (rw-jabatan, rw-diklat, rw-skp, "
                                               "rw-hukdis, data-utama; .json atau .csv): sel kosong diisi dan isian "
                                               "diperiksa silang seperti `penempatan siasn --data`, hanya di memori "
                                               "(DATA tidak diubah); perbedaannya ditampilkan sebagai peringatan.")]
_UtamakanSiasn = Annotated[bool, typer.Option("--utamakan-siasn", help="Dengan --riwayat: bila isian workbook "
                                              "berbeda dengan SIASN, pakai nilai SIASN.")]
_AbaikanNipLain = Annotated[bool, typer.Option("--abaikan-nip-lain", help="Dengan --riwayat: abaikan rekaman "
                                               "pegawai yang tidak ada di sheet Pegawai.")]
Permintaan = Annotated[Path | None, typer.Option("--permintaan", metavar="BERKAS.csv",
                                                 help="Berkas CSV ekspor e-mutasi dengan kolom sheet Permintaan "
                                                 "(NIP, Urutan, Tujuan, Alasan, Bukti, Jarak Keluarga (km)), UTF-8, "
                                                 "dipisah koma atau titik koma: dibaca dan diperiksa seperti sheet "
                                                 "Permintaan, sebagai gantinya (sheet Permintaan workbook "
                                                 "diabaikan).")]
"""`--permintaan BERKAS.csv` of every command that reads the wishes (also `surat` and `paket`, for a plan made
with it)."""


def _riwayat(folder: Path | None, utamakan_siasn: bool, abaikan_nip_lain: bool) -> tuple[jobs.Riwayat | None,
                                                                                         list[Path]]:
    """`--riwayat FOLDER` and its options checked (exit 2), with the dump files it holds (inputs of the run)."""
    from penempatan.errors import Problems
    from penempatan.siasn.dump import dump_files

    if folder is None:
        if utamakan_siasn or abaikan_nip_lain:
            raise bad_argument("--utamakan-siasn dan --abaikan-nip-lain hanya dipakai bersama --riwayat FOLDER.")
        return None, []
    if not folder.exists():
        raise bad_argument(f"folder riwayat {folder} tidak ditemukan.")
    return jobs.Riwayat(folder, utamakan_siasn, abaikan_nip_lain), dump_files([folder], Problems())


def _require_inputs(*paths: Path | None) -> None:
    for path in paths:
        if path is not None:
            require_input(path)


@app.command(cls=Command)
def template(
    file: Annotated[Path, typer.Argument(metavar="BERKAS.xlsx", help="Workbook masukan kosong yang akan dibuat.")],
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="CONTOH.toml",
                                                  help="Tulis juga contoh berkas skenario (.toml) dengan "
                                                  "penjelasan setiap kunci.")] = None,
    surat: Annotated[Path | None, typer.Option("--surat", metavar="TEMPLAT.docx",
                                               help="Tulis juga templat surat bawaan (.docx) untuk diubah instansi "
                                               "(kop, tanda tangan, tata letak), lalu dipakai dengan `penempatan "
                                               "surat --templat`.")] = None,
    timpa: _Timpa = False,
) -> None:
    """Tulis workbook masukan kosong lengkap dengan petunjuk dan pilihan (drop-down)."""
    outputs = Outputs(timpa)
    out = outputs.claim(file)
    example = outputs.claim(skenario)
    letter = outputs.claim(surat)
    assert out is not None
    with guard():
        jobs.write_template(out, example, letter)
        outputs.written(out, "Templat")
        if example is not None:
            outputs.written(example, "Contoh skenario")
        if letter is not None:
            outputs.written(letter, "Templat surat")


@app.command(cls=Command)
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="BERKAS.xlsx", help="Workbook keluaran.")],
    pegawai: Annotated[int, typer.Option("--pegawai", metavar="N", min=50, max=100_000,
                                         help="Jumlah pegawai.")] = 600,
    seed: Annotated[int, typer.Option("--seed", metavar="S", help="Benih acak (hasil sama untuk benih sama).")] = 1,
    timpa: _Timpa = False,
) -> None:
    """Tulis data contoh FIKTIF "Pemerintah Daerah Alak" dalam format masukan."""
    outputs = Outputs(timpa)
    out = outputs.claim(output)
    assert out is not None
    with guard():
        with term.console.status("Membuat data contoh fiktif…"):
            data = jobs.write_demo(out, pegawai, seed)
        outputs.written(out, f"Data fiktif {text.number(len(data.employees))} pegawai, "
                             f"{text.number(len(data.positions))} jabatan")


@app.command(cls=Command)
def check(
    data: _Data,
    semua: Annotated[bool, typer.Option("--semua", help="Satu baris per peringatan (tanpa ini peringatan "
                                        "sejenis dikelompokkan).")] = False,
    keluaran: Annotated[Path | None, typer.Option("-k", "--keluaran", metavar="MASALAH.xlsx",
                                                  help="Tulis setiap galat dan peringatan ke workbook (dengan "
                                                  "filter) untuk yang memperbaiki data.")] = None,
    riwayat: _Riwayat = None,
    utamakan_siasn: _UtamakanSiasn = False,
    abaikan_nip_lain: _AbaikanNipLain = False,
    permintaan: Permintaan = None,
    timpa: _Timpa = False,
) -> None:
    """Periksa workbook masukan: setiap galat dan peringatan dengan sheet, sel, kolom, nilai dan saran."""
    _require_inputs(data, permintaan)
    histories, dumps = _riwayat(riwayat, utamakan_siasn, abaikan_nip_lain)
    outputs = Outputs(timpa, data, permintaan, *dumps)
    out = outputs.claim(keluaran)
    named = input_files(permintaan, *dumps)
    with guard(data, named):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            checked = jobs.check_input(data, out, histories, status.update, permintaan)
        show_problems(checked.problems, data, named, semua=semua)
        render.wishes_file(checked.permintaan)
        if checked.riwayat is not None:
            render_siasn.applied(checked.riwayat, data)
        render.check_result(data, checked)
        if out is not None:
            outputs.written(out, f"Daftar {text.number(len(checked.problems))} masalah")
        if checked.failed:
            raise typer.Exit(EXIT_INPUT)


@app.command(cls=Command)
def solve(
    data: _Data,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="HASIL.xlsx",
                                                help="Workbook rekomendasi. [bawaan: DATA-rekomendasi.xlsx "
                                                "di folder DATA]")] = None,
    batas_waktu: _BatasWaktu = 60.0,
    kandidat: Annotated[Path | None, typer.Option("--kandidat", metavar="K.csv",
                                                  help="Tulis semua pasangan kandidat (CSV).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", metavar="P.json",
                                                  help="Tulis rencana sebagai JSON.")] = None,
    laporan: _Laporan = None,
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="S.toml",
                                                  help="Berkas skenario (.toml): parameter, kunci, larangan, "
                                                  "unit dibekukan, kebutuhan.")] = None,
    acuan: Annotated[Path | None, typer.Option("--acuan", metavar="LAMA.xlsx",
                                               help="Workbook rekomendasi sebelumnya: sedapat mungkin "
                                               "pertahankan penempatannya (perubahan minimal), patuhi Tanggapan "
                                               "dan Keputusan yang dicatat di sana, dan tulis sheet Perubahan."
                                               )] = None,
    kurva: Annotated[bool, typer.Option("--kurva", help="Tambahkan kurva manfaat: rencana optimal untuk "
                                        "serangkaian batas jumlah mutasi (R14), sheet Kurva Manfaat dan grafik "
                                        "di laporan.")] = False,
    putaran: Annotated[int | None, typer.Option("--putaran", min=1, max=2, metavar="N",
                                                help="1 atau 2 putaran. Dengan 2: putaran 1 sekarang dan putaran 2 "
                                                "pada tanggal_putaran_2 (bawaan: 6 bulan kemudian) dalam satu model, "
                                                "dengan pelatihan putaran 1 sebagai keputusan; sheet Putaran 2 dan "
                                                "Rencana Pengembangan. [bawaan: putaran di Pengaturan]")] = None,
    riwayat: _Riwayat = None,
    utamakan_siasn: _UtamakanSiasn = False,
    abaikan_nip_lain: _AbaikanNipLain = False,
    permintaan: Permintaan = None,
    timpa: _Timpa = False,
) -> None:
    """Susun usulan mutasi yang optimal dan tulis workbook rekomendasi."""
    _require_inputs(data, skenario, acuan, permintaan)
    histories, dumps = _riwayat(riwayat, utamakan_siasn, abaikan_nip_lain)
    outputs = Outputs(timpa, data, skenario, acuan, permintaan, *dumps)
    out = outputs.claim(output, jobs.default_output(data, "rekomendasi"))
    kandidat, json_out, laporan = outputs.claim_all(kandidat, json_out, laporan)
    assert out is not None
    files = jobs.SolveFiles(data=data, skenario=skenario, acuan=acuan, out=out, kandidat=kandidat, json=json_out,
                            laporan=laporan, claimed=list(outputs.claimed.values()), riwayat=histories,
                            permintaan=permintaan, putaran=putaran)
    named = input_files(skenario, acuan, permintaan, *dumps)
    with guard(data, named):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            solved = jobs.solve_files(files, batas_waktu, kurva, status.update)
        if solved.riwayat is not None:
            show_problems(solved.riwayat.problems, data, named)
            render_siasn.applied(solved.riwayat, data)
        render.mention_warnings(solved.read, data, riwayat)
        render.solved(solved)
        outputs.written(out, "Rekomendasi")
        for path, what in ((kandidat, "Pasangan kandidat"), (json_out, "Rencana JSON")):
            if path is not None:
                outputs.written(path, what)
        if laporan is not None:
            outputs.written(laporan, "Laporan HTML", _PRIVATE)


@app.command(cls=Command)
def analyze(
    data: _Data,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="ANALISIS.xlsx",
                                                help="Workbook analisis. [bawaan: DATA-analisis.xlsx di folder "
                                                "DATA]")] = None,
    laporan: _Laporan = None,
    timpa: _Timpa = False,
) -> None:
    """Analisis keadaan sekarang: kecocokan, ketidaksesuaian, kebutuhan vs bezetting, rotasi, talenta, pensiun."""
    require_input(data)
    outputs = Outputs(timpa, data)
    out = outputs.claim(output, jobs.default_output(data, "analisis"))
    laporan = outputs.claim(laporan)
    assert out is not None
    with guard(data):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            read, analysis = jobs.analyze_files(data, out, laporan, status.update)
        render.mention_warnings(read, data)
        render.analysis(analysis)
        outputs.written(out, "Analisis")
        if laporan is not None:
            outputs.written(laporan, "Laporan HTML", _PRIVATE)


@app.command(cls=Command)
def suksesi(
    data: _Data,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="SUKSESI.xlsx",
                                                help="Workbook rencana suksesi. [bawaan: DATA-suksesi.xlsx di "
                                                "folder DATA]")] = None,
    timpa: _Timpa = False,
) -> None:
    """Rencana suksesi: calon pengganti setiap jabatan kunci (JPT, Administrator, JF wajib diisi atau profesi
    langka), kesiapannya, dan peringkat risiko jabatan."""
    require_input(data)
    outputs = Outputs(timpa, data)
    out = outputs.claim(output, jobs.default_output(data, "suksesi"))
    assert out is not None
    with guard(data):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            read, plan = jobs.succession_files(data, out, status.update)
        render.mention_warnings(read, data)
        render.succession(plan)
        outputs.written(out, "Rencana suksesi", _PRIVATE)


@app.command(cls=Command)
def explain(
    data: _Data,
    nip: Annotated[str | None, typer.Option("--nip", metavar="NIP", help="NIP pegawai yang dijelaskan.")] = None,
    jabatan: Annotated[str | None, typer.Option("--jabatan", metavar="KODE",
                                                help="Kode Jabatan yang dijelaskan.")] = None,
    batas_waktu: _BatasWaktu = 60.0,
    skenario: Annotated[Path | None, typer.Option("-s", "--skenario", metavar="S.toml",
                                                  help="Berkas skenario (.toml), seperti pada solve.")] = None,
    acuan: Annotated[Path | None, typer.Option("--acuan", metavar="LAMA.xlsx",
                                               help="Workbook rekomendasi sebelumnya, seperti pada solve.")] = None,
    rencana: Annotated[Path | None, typer.Option("--rencana", metavar="HASIL.xlsx",
                                                 help="Jelaskan rencana yang sudah disimpan oleh solve, tanpa "
                                                 "menyelesaikan ulang. Rencana harus dibuat dari DATA yang sama "
                                                 "(sha256_input di sheet Parameter), dengan pengaturan dan -s "
                                                 "yang sama.")] = None,
    permintaan: Permintaan = None,
) -> None:
    """Jelaskan rencana untuk satu pegawai (--nip) atau satu jabatan (--jabatan): alasan, alternatif, penghalang."""
    require_input(data)
    if (nip is None) == (jabatan is None):
        raise bad_argument("pilih tepat satu: --nip NIP atau --jabatan KODE.")
    if rencana is not None and acuan is not None:
        raise bad_argument("--acuan tidak dipakai bersama --rencana (rencana tersimpan sudah memuat hasilnya).")
    _require_inputs(skenario, acuan, rencana, permintaan)
    with guard(data, input_files(skenario, acuan, rencana, permintaan)):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            if rencana is not None:
                explained = jobs.explain_saved(data, skenario, rencana, nip, jabatan, status.update, permintaan)
            else:
                explained = jobs.explain_plan(data, skenario, acuan, nip, jabatan, batas_waktu, status.update,
                                              permintaan)
        render_explain.heading(explained)
        if explained.who is not None:
            render_explain.employee(explained.view, explained.who)
        elif explained.post is not None:
            render_explain.post(explained.view, explained.post)


@app.command(cls=Command)
def compare(
    data: _Data,
    skenario: Annotated[list[Path], typer.Option("-s", "--skenario", metavar="S.toml",
                                                 help="Berkas skenario (.toml); ulangi untuk beberapa skenario.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="BANDING.xlsx",
                                                help="Workbook perbandingan. [bawaan: DATA-banding.xlsx di folder "
                                                "DATA]")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", metavar="DETIK", min=1.0,
                                               help="Batas waktu solver per rencana (detik).")] = 60.0,
    laporan: _Laporan = None,
    permintaan: Permintaan = None,
    timpa: _Timpa = False,
) -> None:
    """Bandingkan rencana dasar dengan setiap skenario, berdampingan."""
    _require_inputs(data, *skenario, permintaan)
    outputs = Outputs(timpa, data, permintaan, *skenario)
    out = outputs.claim(output, jobs.default_output(data, "banding"))
    laporan = outputs.claim(laporan)
    assert out is not None
    with guard(data, input_files(permintaan, *skenario)):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            read, comparison = jobs.compare_files(data, skenario, out, laporan, batas_waktu, status.update,
                                                  permintaan)
        render.mention_warnings(read, data)
        render.comparison(comparison)
        outputs.written(out, "Perbandingan")
        if laporan is not None:
            outputs.written(laporan, "Laporan HTML", _PRIVATE)


@app.command(cls=Command)
def prioritas(
    data: _Data,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="PRIORITAS.xlsx",
                                                help="Workbook prioritas. [bawaan: DATA-prioritas.xlsx di folder "
                                                "DATA]")] = None,
    permintaan: Permintaan = None,
    timpa: _Timpa = False,
) -> None:
    """Prioritas permintaan pindah: poin dan peringkat setiap pemohon (sheet Permintaan atau --permintaan, dan
    Unit Diminati), per bagian, untuk diumumkan sebelum rencana disusun."""
    _require_inputs(data, permintaan)
    outputs = Outputs(timpa, data, permintaan)
    out = outputs.claim(output, jobs.default_output(data, "prioritas"))
    assert out is not None
    with guard(data, input_files(permintaan)):
        with term.console.status("Membaca dan memeriksa masukan…") as status:
            done = jobs.priority_files(data, out, status.update, permintaan)
        render.mention_warnings(done.read, data)
        render.priority(done.read.data, done.ranked)
        outputs.written(out, "Daftar prioritas", _PRIVATE)


@app.command(cls=Command)
def siasn(
    dump: Annotated[list[Path], typer.Argument(metavar="DUMP…", help="Berkas dump riwayat SIASN (.json atau .csv; "
                                               "nama berkas menyebut isinya: rw-jabatan, rw-diklat, rw-skp, "
                                               "rw-hukdis, data-utama), atau folder berisi berkas itu.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="DATA.xlsx",
                                         help="Workbook masukan hasil impor.")],
    data: Annotated[Path | None, typer.Option("--data", metavar="ASAL.xlsx",
                                              help="Workbook masukan yang diisi dan diperiksa silang dengan SIASN "
                                              "(berkas ini tidak diubah). Tanpa opsi ini workbook baru disusun dari "
                                              "dump saja.")] = None,
    utamakan_siasn: Annotated[bool, typer.Option("--utamakan-siasn",
                                                 help="Bila isian workbook berbeda dengan SIASN, pakai nilai SIASN "
                                                 "(tanpa opsi ini isian workbook dipertahankan dan dilaporkan).")
                              ] = False,
    abaikan_nip_lain: Annotated[bool, typer.Option("--abaikan-nip-lain",
                                                   help="Abaikan rekaman pegawai yang tidak ada di sheet Pegawai "
                                                   "(tanpa opsi ini rekaman itu galat).")] = False,
    semua: Annotated[bool, typer.Option("--semua", help="Satu baris per perbedaan (tanpa ini perbedaan sejenis "
                                        "dikelompokkan).")] = False,
    timpa: _Timpa = False,
) -> None:
    """Impor riwayat SIASN (rw_jabatan, rw_diklat, rw_skp, rw_hukdis, data utama): isi sel yang kosong, periksa
    silang isian yang ada; setiap nilai menyebut rekaman asalnya (sheet Sumber SIASN), setiap perbedaan dicatat
    (sheet Konflik SIASN)."""
    from penempatan.errors import Problems
    from penempatan.siasn.dump import dump_files
    from penempatan.usecases.siasn import import_siasn

    for path in dump:
        if not path.exists():
            raise bad_argument(f"berkas atau folder {path} tidak ditemukan.")
    if data is not None:
        require_input(data)
    files = dump_files(dump, Problems())
    outputs = Outputs(timpa, data, *files)
    out = outputs.claim(output)
    assert out is not None
    named = input_files(*files)
    with guard(data, named):
        with term.console.status("Membaca dump SIASN…") as status:
            done = import_siasn(dump, data, out, utamakan_siasn, abaikan_nip_lain, status.update)
        show_problems([*done.warnings, *done.conflicts], data, named, semua=semua)
        render_siasn.imported(done)
        outputs.written(out, "Workbook hasil impor SIASN", _PRIVATE)
