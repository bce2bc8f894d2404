"""The `penempatan` command: a thin typer layer, the only module that prints (SPEC 1)."""

from __future__ import annotations

import csv
import json
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from penempatan.atomic import atomic_text
from penempatan.errors import InputError, Problem, Severity

app = typer.Typer(
    help="Optimasi penempatan ASN: usulan mutasi, rotasi dan promosi yang patuh aturan dan dapat dijelaskan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


class _Verbose:
    on = False


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Tampilkan rincian galat.")] = False) -> None:
    """Optimasi penempatan ASN."""
    _Verbose.on = verbose


@contextmanager
def _guard(all_warnings: bool = False) -> Iterator[None]:
    """Turn every failure into a message and an exit code, never a bare traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        _print_problems(exc.problems, all_warnings)
        n_err = len(exc.errors)
        err.print(f"[bold red]{n_err} galat[/] pada masukan. Perbaiki lalu jalankan lagi.")
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        err.print("Dibatalkan.")
        raise typer.Exit(EXIT_FAIL) from None
    except Exception as exc:  # an internal failure: say so plainly, details only when asked
        err.print(f"[bold red]Galat internal:[/] {type(exc).__name__}: {exc}")
        if _Verbose.on:
            err.print(traceback.format_exc())
        else:
            err.print("Jalankan dengan --verbose untuk rincian.")
        raise typer.Exit(EXIT_FAIL) from None


MAX_WARNINGS_SHOWN = 100


def _print_problems(problems: list[Problem], all_warnings: bool = False) -> None:
    """Every error, and the first MAX_WARNINGS_SHOWN warnings unless all are asked for."""
    if not problems:
        return
    ordered = sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.sheet, p.row or 0))
    errors = [p for p in ordered if p.severity is Severity.ERROR]
    warnings = [p for p in ordered if p.severity is not Severity.ERROR]
    hidden = 0 if all_warnings else max(0, len(warnings) - MAX_WARNINGS_SHOWN)
    shown = errors + (warnings if all_warnings else warnings[:MAX_WARNINGS_SHOWN])
    table = Table(title="Masalah pada masukan", show_lines=False)
    for col in ("Jenis", "Sheet", "Baris", "Kolom", "Nilai", "Pesan", "Saran"):
        table.add_column(col, overflow="fold")
    for p in shown:
        kind = "[red]galat[/]" if p.severity is Severity.ERROR else "[yellow]peringatan[/]"
        table.add_row(kind, p.sheet, str(p.row or ""), p.column or "", p.value or "", p.message, p.hint)
    err.print(table)
    if hidden:
        err.print(f"… dan {hidden} peringatan lain (tampilkan semua dengan `penempatan check --semua`).")


def _bad_argument(message: str) -> typer.Exit:
    err.print(f"[bold red]Argumen salah:[/] {message}")
    return typer.Exit(EXIT_INPUT)


def _require_input(path: Path) -> None:
    if not path.exists():
        raise _bad_argument(f"berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise _bad_argument(f"{path} adalah folder, bukan berkas .xlsx.")


def _refuse_overwrite(output: Path, data_path: Path) -> None:
    if output.resolve() == data_path.resolve():
        raise _bad_argument("berkas keluaran sama dengan berkas masukan; masukan tidak pernah ditimpa.")


def _check_outputs(data: Path, *outputs: Path | None) -> None:
    """No output file (workbook, report, CSV, JSON) may be the input file."""
    for output in outputs:
        if output is not None:
            _refuse_overwrite(output, data)


def _versions() -> dict[str, str]:
    out = {}
    for name in ("penempatan", "ortools"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "tidak diketahui"
    return out


@app.command()
def template(
    file: Annotated[Path, typer.Argument(help="Berkas .xlsx kosong yang akan dibuat.")],
    skenario: Annotated[Path | None, typer.Option("--skenario", help="Tulis juga contoh berkas skenario "
                                                  "(.toml) dengan penjelasan setiap kunci.")] = None,
) -> None:
    """Tulis workbook masukan kosong lengkap dengan petunjuk dan pilihan (drop-down)."""
    if skenario is not None and skenario.resolve() == file.resolve():
        raise _bad_argument("berkas skenario sama dengan berkas templat.")
    with _guard():
        from penempatan.excel.write_input import write_input_workbook

        write_input_workbook(file)
        console.print(f"Templat ditulis ke [bold]{file}[/].")
        if skenario is not None:
            from penempatan.scenario import write_example

            write_example(skenario)
            console.print(f"Contoh skenario ditulis ke [bold]{skenario}[/].")


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Berkas .xlsx keluaran.")],
    pegawai: Annotated[int, typer.Option("--pegawai", min=50, max=100_000, help="Jumlah pegawai.")] = 600,
    seed: Annotated[int, typer.Option("--seed", help="Benih acak (hasil sama untuk benih sama).")] = 1,
) -> None:
    """Tulis data contoh FIKTIF "Pemerintah Daerah Alak" dalam format masukan."""
    with _guard():
        from penempatan.demo import generate_demo
        from penempatan.excel.write_input import write_input_workbook

        with console.status("Membuat data contoh fiktif…"):
            data = generate_demo(n_pegawai=pegawai, seed=seed)
            write_input_workbook(output, data)
        console.print(f"Data fiktif {len(data.employees)} pegawai, {len(data.positions)} jabatan "
                      f"ditulis ke [bold]{output}[/].")


@app.command()
def check(
    data: Annotated[Path, typer.Argument(help="Workbook masukan (.xlsx).")],
    semua: Annotated[bool, typer.Option("--semua", help="Tampilkan semua peringatan.")] = False,
) -> None:
    """Periksa workbook masukan: semua galat dan peringatan dengan sheet, baris, kolom dan nilai."""
    _require_input(data)
    with _guard(all_warnings=semua):
        from penempatan.excel.read import read_workbook

        result = read_workbook(data)
        _print_problems(result.warnings, all_warnings=semua)
        d = result.data
        console.print(f"[green]Masukan valid:[/] {len(d.employees)} pegawai, {len(d.positions)} jabatan, "
                      f"{len(d.units)} unit kerja; {len(result.warnings)} peringatan, 0 galat.")


def _mention_warnings(read: Any, data: Path) -> None:
    """One line after a command that read the workbook: how many warnings `check` would list."""
    if read.warnings:
        console.print(f"[yellow]{len(read.warnings)} peringatan[/] pada masukan (lihat `penempatan check {data}`).")


def _default_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-rekomendasi.xlsx")


def _prepare(data: Path, skenario: Path | None, acuan: Path | None, out: Path | None,
             status: Any) -> tuple[Any, Any, Any, list[tuple[str, str]]]:
    """Read the workbook and apply the scenario and reference plan, as `solve` and `explain` both do.

    Returns (read result, problem, reference assignment or None, override rows for the workbook).
    """
    from penempatan.excel.read import read_workbook
    from penempatan.scenario import apply_scenario, load_reference_plan, load_scenario, scenario_rows

    read = read_workbook(data)
    problem = read.data
    overrides: list[tuple[str, str]] = []
    if skenario is not None:
        status.update("Memeriksa skenario…")
        scenario = load_scenario(skenario, problem)
        overrides = scenario_rows(problem, scenario)
        problem = apply_scenario(problem, scenario)
        acuan = acuan or scenario.acuan
    reference = None
    if acuan is not None:
        if out is not None:
            _refuse_overwrite(out, acuan)
        reference, skipped = load_reference_plan(acuan, problem)
        overrides.append(("acuan", acuan.name + (f" ({skipped} baris tidak cocok dengan data, diabaikan)"
                                                 if skipped else "")))
    return read, problem, reference, overrides


def _solve(problem: Any, reference: Any, batas_waktu: float, status: Any) -> tuple[Any, Any]:
    """Score and solve with a progress line; a plan that cannot exist ends the command with exit 1."""
    from penempatan.scoring import Tables
    from penempatan.solver import solve as run_solve

    status.update("Menghitung skor kecocokan…")
    tables = Tables(problem)
    result = run_solve(problem, batas_waktu, tables=tables, reference=reference,
                       progress=lambda msg: status.update(f"Mencari rencana optimal: {msg}…"))
    if not result.feasible:
        status.stop()
        err.print(f"[bold red]Tidak ada rencana yang layak.[/] {result.message} "
                  f"(aturan terkait: {', '.join(result.rules_involved)})")
        raise typer.Exit(EXIT_FAIL)
    return tables, result


@app.command()
def solve(
    data: Annotated[Path, typer.Argument(help="Workbook masukan (.xlsx).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Workbook rekomendasi.")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", min=1.0, help="Batas waktu solver (detik).")] = 60.0,
    kandidat: Annotated[Path | None, typer.Option("--kandidat", help="Tulis semua pasangan kandidat (CSV).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Tulis rencana sebagai JSON.")] = None,
    laporan: Annotated[Path | None, typer.Option("--laporan", help="Tulis laporan HTML mandiri (grafik, daftar "
                                                 "mutasi; berisi data pribadi).")] = None,
    skenario: Annotated[Path | None, typer.Option("--skenario", help="Berkas skenario (.toml): parameter, "
                                                  "kunci, larangan, unit dibekukan, kebutuhan.")] = None,
    acuan: Annotated[Path | None, typer.Option("--acuan", help="Workbook rekomendasi sebelumnya: sedapat "
                                               "mungkin pertahankan penempatannya (perubahan minimal).")] = None,
) -> None:
    """Susun usulan mutasi yang optimal dan tulis workbook rekomendasi."""
    _require_input(data)
    out = output or _default_output(data)
    _check_outputs(data, out, kandidat, json_out, laporan)
    for given in (skenario, acuan):
        if given is not None:
            _require_input(given)
    if acuan is not None:
        _refuse_overwrite(out, acuan)
    with _guard():
        from penempatan.excel.write_plan import write_plan
        from penempatan.solver import SEED

        with console.status("Membaca dan memeriksa masukan…") as status:
            read, problem, reference, overrides = _prepare(data, skenario, acuan, out, status)
            tables, result = _solve(problem, reference, batas_waktu, status)
            status.update("Menulis workbook rekomendasi…")
            write_plan(out, problem, tables, result, input_path=data, versions={**_versions(), "seed": str(SEED)},
                       scenario=overrides)
            if kandidat is not None:
                _write_candidates(kandidat, problem, result)
            if json_out is not None:
                _write_json(json_out, problem, result)
            if laporan is not None:
                from penempatan.report import solve_report, write_report

                status.update("Menulis laporan HTML…")
                write_report(laporan, solve_report(problem, tables, result, source=data.name))
        _mention_warnings(read, data)
        _print_summary(problem, tables, result)
        if problem.scenario_name:
            _say(f"Skenario: {problem.scenario_name}")
        if result.changed_vs_reference is not None:
            console.print(f"Perubahan dibanding acuan: {result.changed_vs_reference} penempatan")
        console.print(f"Rekomendasi ditulis ke [bold]{out}[/].")
        if laporan is not None:
            console.print(f"Laporan HTML ditulis ke [bold]{laporan}[/] (berisi data pribadi; jangan disebarkan).")


def _default_analysis_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-analisis.xlsx")


@app.command()
def analyze(
    data: Annotated[Path, typer.Argument(help="Workbook masukan (.xlsx).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Workbook analisis.")] = None,
    laporan: Annotated[Path | None, typer.Option("--laporan", help="Tulis laporan HTML mandiri (grafik, "
                                                 "daftar; berisi data pribadi).")] = None,
) -> None:
    """Analisis keadaan sekarang: kecocokan, ketidaksesuaian, kebutuhan vs bezetting, rotasi, talenta, pensiun."""
    _require_input(data)
    out = output or _default_analysis_output(data)
    _check_outputs(data, out, laporan)
    with _guard():
        from penempatan.analyze import analyze as run_analysis
        from penempatan.excel.read import read_workbook
        from penempatan.excel.write_analysis import write_analysis

        with console.status("Membaca dan memeriksa masukan…") as status:
            read = read_workbook(data)
            status.update("Menganalisis keadaan sekarang…")
            analysis = run_analysis(read.data)
            status.update("Menulis workbook analisis…")
            write_analysis(out, analysis)
            if laporan is not None:
                from penempatan.report import analyze_report, write_report

                status.update("Menulis laporan HTML…")
                write_report(laporan, analyze_report(analysis, source=data.name))
        _mention_warnings(read, data)
        _print_analysis(analysis)
        console.print(f"Analisis ditulis ke [bold]{out}[/].")
        if laporan is not None:
            console.print(f"Laporan HTML ditulis ke [bold]{laporan}[/] (berisi data pribadi; jangan disebarkan).")


def _print_analysis(analysis: Any) -> None:
    from datetime import date

    from penempatan.analyze import NINE_BOX_GRID, summary

    table = Table(title="Keadaan sekarang", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for label, value in summary(analysis):
        if not label.startswith("Kotak "):
            table.add_row(label, f"{value:%d-%m-%Y}" if isinstance(value, date) else str(value))
    console.print(table)
    grid = Table(title="Kotak talenta (jumlah pegawai per kotak)")
    grid.add_column("Potensi \\ Kinerja", style="bold")
    for col in ("di bawah ekspektasi", "sesuai ekspektasi", "di atas ekspektasi"):
        grid.add_column(col, justify="right")
    counts = analysis.kotak.sum(axis=0)
    for potensi, boxes in zip(("Tinggi", "Menengah", "Rendah"), NINE_BOX_GRID, strict=True):
        grid.add_row(potensi, *(f"kotak {k}: {int(counts[k])}" for k in boxes))
    console.print(grid)


_SHORT_COMPONENT = {"pendidikan": "Pend", "bidang": "Bid", "kompetensi": "Komp", "kinerja": "Kin",
                    "golongan": "Gol", "rotasi": "Rot", "preferensi": "Pref", "tidak_bersedia": "TB"}


@app.command()
def explain(
    data: Annotated[Path, typer.Argument(help="Workbook masukan (.xlsx).")],
    nip: Annotated[str | None, typer.Option("--nip", help="NIP pegawai yang dijelaskan.")] = None,
    jabatan: Annotated[str | None, typer.Option("--jabatan", help="Kode Jabatan yang dijelaskan.")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", min=1.0, help="Batas waktu solver (detik).")] = 60.0,
    skenario: Annotated[Path | None, typer.Option("--skenario", help="Berkas skenario (.toml), seperti pada "
                                                  "solve.")] = None,
    acuan: Annotated[Path | None, typer.Option("--acuan", help="Workbook rekomendasi sebelumnya, seperti pada "
                                               "solve.")] = None,
) -> None:
    """Jelaskan rencana untuk satu pegawai (--nip) atau satu jabatan (--jabatan): alasan, alternatif, penghalang."""
    _require_input(data)
    if (nip is None) == (jabatan is None):
        raise _bad_argument("pilih tepat satu: --nip NIP atau --jabatan KODE.")
    for given in (skenario, acuan):
        if given is not None:
            _require_input(given)
    with _guard():
        from penempatan.explain import Explainer

        with console.status("Membaca dan memeriksa masukan…") as status:
            _, problem, reference, _ = _prepare(data, skenario, acuan, None, status)
            who = _find_employee(problem, nip) if nip is not None else None
            post = _find_post(problem, jabatan) if jabatan is not None else None
            tables, result = _solve(problem, reference, batas_waktu, status)
        ex = Explainer(problem, tables, result)
        console.print(f"Rencana {result.status.value}, tanggal acuan {problem.params.tanggal_acuan:%d-%m-%Y}.",
                      highlight=False)
        if problem.scenario_name:
            _say(f"Skenario: {problem.scenario_name}")
        if who is not None:
            _explain_employee(ex, who)
        elif post is not None:
            _explain_post(ex, post)


def _say(text: str) -> None:
    """Print text from the input or the explainer literally (no rich markup, no highlighting)."""
    console.print(text, markup=False, highlight=False)


def _find_employee(problem: Any, nip: str) -> int:
    import difflib
    import re

    key = re.sub(r"\D", "", nip)
    if key in problem.employee_index:
        return int(problem.employee_index[key])
    nips = list(problem.employee_index)
    close = difflib.get_close_matches(key, nips, n=3, cutoff=0.7) if key else []
    by_name = {e.nama.lower(): e for e in problem.employees}
    named = difflib.get_close_matches(nip.lower(), list(by_name), n=3, cutoff=0.6)
    hints = [f"{n} ({problem.employees[problem.employee_index[n]].nama})" for n in close]
    hints += [f"{by_name[n].nip} ({by_name[n].nama})" for n in named]
    more = f" Mungkin maksud Anda: {'; '.join(hints)}." if hints else ""
    raise _bad_argument(f"NIP {nip} tidak ada di sheet Pegawai.{more}")


def _find_post(problem: Any, kode: str) -> int:
    import difflib

    index = {k.strip().upper(): j for k, j in problem.position_index.items()}
    key = kode.strip().upper()
    if key in index:
        return int(index[key])
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    by_name: dict[str, list[Any]] = {}
    for q in problem.positions:
        by_name.setdefault(q.nama.lower(), []).append(q)
    query = kode.strip().lower()
    named = [n for n in by_name if query in n][:3] or difflib.get_close_matches(query, list(by_name), n=3, cutoff=0.6)
    hints = [problem.positions[index[k]].kode for k in close]
    hints += [f"{q.kode} {q.nama} ({q.unit})" for n in named for q in by_name[n]][:5]
    more = f" Mungkin maksud Anda: {'; '.join(dict.fromkeys(hints))}." if hints else ""
    raise _bad_argument(f"Kode Jabatan {kode} tidak ada di sheet Jabatan.{more}")


def _post_label(problem: Any, j: int) -> str:
    q = problem.positions[j]
    return f"{q.kode} {q.nama} ({q.unit})"


def _explain_employee(ex: Any, i: int) -> None:
    from rich.markup import escape

    from penempatan.explain import months_text
    from penempatan.scoring import COMPONENTS

    d, t = ex.data, ex.t
    e = d.employees[i]
    src, dst = ex.cur[i], ex.target[i]
    console.rule(f"[bold]{escape(e.nama)}[/] ({e.nip})")
    _say(f"Golongan {e.golongan}, pendidikan {e.pendidikan}{f' ({e.jurusan})' if e.jurusan else ''}, "
         f"kinerja {e.kinerja}, kotak talenta {e.kotak or '-'}, status {e.status}")
    _say(f"Jabatan saat ini: {_post_label(d, src)}, masa jabatan {months_text(int(t.emp_tenure[i]))}, "
         f"skor {int(ex.stay_scores[i])}")
    if dst != src:
        chain, step = ex.chain_of[i]
        kind = "siklus" if chain.cycle else "rantai"
        _say(f"Rencana: PINDAH ke {_post_label(d, dst)} ({ex.move_kind(i)}), skor {int(ex.stay_scores[i])} → "
             f"{int(ex.assigned_scores[i])}, {kind} {chain.id} urutan {step} dari {len(chain.members)}")
        _say(f"Alasan: {ex.move_reason(i).text}")
        needs = ex.training_needs(i)
        if needs:
            _say("Kebutuhan pelatihan: " + "; ".join(n.kebutuhan for n in needs))
    else:
        _say(f"Rencana: TETAP di {_post_label(d, src)}")
        _say(f"Alasan: {ex.stay_reason(i).text}")
    alternatives = ex.alternatives(i)
    table = Table(title="Komponen skor: rencana dan alternatif terbaik")
    table.add_column("", style="bold")
    table.add_column("Jabatan", overflow="fold")
    table.add_column("Skor", justify="right")
    for name in COMPONENTS:
        table.add_column(_SHORT_COMPONENT[name], justify="right")
    rows = [("saat ini", src, ex.stay_parts(i))]
    if dst != src:
        rows.append(("rencana", dst, ex.move_parts(i, dst)))
    rows += [(str(k), j, ex.move_parts(i, j)) for k, j in enumerate(alternatives, 1)]
    for label, j, parts in rows:
        score = int(ex.stay_scores[i]) if j == src else ex.potential_score(i, j)
        table.add_row(label, escape(_post_label(d, j)), str(score), *(str(int(v)) for v in parts))
    console.print(table)
    console.print("Pend = jenjang pendidikan, Bid = bidang (R8), Komp = kompetensi, Kin = kinerja dan talenta, "
                  "Gol = golongan, Rot = rotasi jatuh tempo (R2/R3), Pref = unit diminati, TB = tidak bersedia "
                  "(R16).", style="dim", highlight=False)
    if not alternatives:
        _say("Tidak ada jabatan lain dengan kursi yang terbuka untuk pegawai ini.")
    for k, j in enumerate(alternatives, 1):
        _say(f"{k}. Mengapa tidak {_post_label(d, j)}: {ex.why_not(i, j).text}")
    closed = ex.closed_better(i)
    if closed:
        from penempatan.scoring import RULE_TEXT

        _say("Jabatan dengan skor lebih tinggi yang tertutup aturan: "
             + "; ".join(f"{code} {RULE_TEXT.get(code, code)}: {n} jabatan" for code, n in closed.items())
             + " (satu jabatan dapat tertutup beberapa aturan)")


def _explain_post(ex: Any, j: int) -> None:
    from rich.markup import escape

    from penempatan.scoring import RULE_TEXT

    d, t = ex.data, ex.t
    q = d.positions[j]
    console.rule(f"[bold]{escape(q.kode)}[/] {escape(q.nama)}")
    flags = [f for f, on in (("Wajib Diisi (R12)", q.wajib_diisi), ("Risiko Tinggi (R3)", q.risiko_tinggi)) if on]
    _say(f"Unit {q.unit}; {q.jenis}{f' {q.jenjang}' if q.jenjang else ''}, kelas {q.kelas}, pendidikan minimal "
         f"{q.pendidikan_min}, bidang {(q.bidang or 'semua').replace('_', ' ')}"
         + (f"; {', '.join(flags)}" if flags else ""))
    _say(f"Kebutuhan {q.kebutuhan} kursi; terisi {int(t.holders[j])} sebelum rencana, {int(ex.after[j])} sesudah")
    holders = d.holders[j]
    staying = [i for i in holders if ex.target[i] == j]
    leaving = [i for i in holders if ex.target[i] != j]
    arriving = ex.arrivals.get(j, [])
    limit = 20
    if staying or arriving:
        console.print("[bold]Pengisi kursi sesudah rencana[/]")
    for i in staying[:limit]:
        e = d.employees[i]
        _say(f"- {e.nama} ({e.nip}) tetap, skor {int(ex.stay_scores[i])}: {ex.stay_reason(i).text}")
    for i in arriving[:limit]:
        e = d.employees[i]
        _say(f"- {e.nama} ({e.nip}) masuk dari {_post_label(d, ex.cur[i])}, skor {int(ex.stay_scores[i])} → "
             f"{int(ex.assigned_scores[i])}: {ex.move_reason(i).text}")
    hidden = max(0, len(staying) - limit) + max(0, len(arriving) - limit)
    if hidden:
        _say(f"… dan {hidden} lainnya (lihat workbook rekomendasi).")
    if leaving:
        console.print("[bold]Pemegang yang keluar[/]")
        for i in leaving[:limit]:
            e = d.employees[i]
            _say(f"- {e.nama} ({e.nip}) ke {_post_label(d, ex.target[i])}: {ex.move_reason(i).text}")
    empty = int(t.post_keb[j] - ex.after[j])
    if empty > 0:
        console.print(f"[bold]Kursi kosong: {empty}[/]")
        _say(f"Alasan: {ex.empty_seat_reason(j).text}")
        counts = ex.exclusion_counts(j)
        if counts:
            table = Table(title="Pegawai yang tersaring per aturan (satu pegawai dapat tersaring beberapa aturan)")
            table.add_column("Aturan")
            table.add_column("Keterangan", overflow="fold")
            table.add_column("Jumlah pegawai", justify="right")
            for code, n in sorted(counts.items(), key=lambda kv: int(kv[0][1:])):
                table.add_row(code, RULE_TEXT.get(code, code), str(n))
            console.print(table)
    runners = ex.runners_up(j)
    if runners:
        console.print("[bold]Calon terbaik yang tidak ditempatkan di sini[/]")
        for k, (i, score) in enumerate(runners, 1):
            e = d.employees[i]
            where = "tetap di" if ex.target[i] == ex.cur[i] else "ditempatkan di"
            _say(f"{k}. {e.nama} ({e.nip}) skor {score} di sini; {where} {_post_label(d, ex.target[i])} "
                 f"dengan skor {int(ex.assigned_scores[i])}. Mengapa tidak di sini: {ex.why_not(i, j).text}")
    elif not empty:
        _say("Tidak ada calon lain yang dinilai untuk jabatan ini.")


def _default_compare_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-banding.xlsx")


@app.command()
def compare(
    data: Annotated[Path, typer.Argument(help="Workbook masukan (.xlsx).")],
    skenario: Annotated[list[Path], typer.Option("-s", "--skenario", help="Berkas skenario (.toml); ulangi "
                                                 "untuk beberapa skenario.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Workbook perbandingan.")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", min=1.0,
                                               help="Batas waktu solver per rencana (detik).")] = 60.0,
    laporan: Annotated[Path | None, typer.Option("--laporan", help="Tulis laporan HTML mandiri (grafik, "
                                                 "daftar; berisi data pribadi).")] = None,
) -> None:
    """Bandingkan rencana dasar dengan setiap skenario, berdampingan."""
    _require_input(data)
    for path in skenario:
        _require_input(path)
    out = output or _default_compare_output(data)
    _check_outputs(data, out, laporan)
    with _guard():
        from penempatan.compare import banding_rows
        from penempatan.compare import compare as run_compare
        from penempatan.excel.read import read_workbook
        from penempatan.excel.write_compare import write_comparison
        from penempatan.scenario import load_scenario

        with console.status("Membaca dan memeriksa masukan…") as status:
            read = read_workbook(data)
            problems: list[Problem] = []
            scenarios = []
            for path in skenario:
                try:
                    scenarios.append(load_scenario(path, read.data))
                except InputError as exc:  # every scenario's problems, not only the first file's
                    problems += exc.problems
            if problems:
                raise InputError(problems)
            comparison = run_compare(read.data, scenarios, batas_waktu,
                                     progress=lambda msg: status.update(f"Mencari rencana optimal: {msg}…"))
            status.update("Menulis workbook perbandingan…")
            write_comparison(out, comparison)
            if laporan is not None:
                from penempatan.report import compare_report, write_report

                status.update("Menulis laporan HTML…")
                write_report(laporan, compare_report(comparison, source=data.name))
        _mention_warnings(read, data)
        table = Table(title="Perbandingan rencana")
        table.add_column("Ukuran", style="bold")
        for plan in comparison.plans:
            table.add_column(plan.label, justify="right", overflow="fold")
        for name, values in banding_rows(comparison):
            table.add_row(name, *(_cell(name, v) for v in values))
        console.print(table)
        for note in comparison.notes:
            console.print(f"[yellow]Catatan:[/] {note}")
        console.print(f"{len(comparison.differing)} pegawai ditempatkan berbeda antar rencana (sheet Perbedaan).")
        console.print(f"Perbandingan ditulis ke [bold]{out}[/].")
        if laporan is not None:
            console.print(f"Laporan HTML ditulis ke [bold]{laporan}[/] (berisi data pribadi; jangan disebarkan).")


def _cell(name: str, value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4%}" if name == "Gap" else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _write_candidates(path: Path, problem: Any, result: Any) -> None:
    """SPEC 4: every candidate pair considered, so optimality can be re-checked with another solver."""
    cand = result.candidates
    nips = [e.nip for e in problem.employees]
    codes = [p.kode for p in problem.positions]

    def write(f: Any) -> None:
        w = csv.writer(f)
        w.writerow(["nip", "kode_jabatan", "skor", "tetap"])
        for i, j, s, st in zip(cand.emp.tolist(), cand.post.tolist(), cand.score.tolist(), cand.stay.tolist(),
                               strict=True):
            w.writerow([nips[i], codes[j], s, int(st)])

    atomic_text(path, write, suffix=".csv")


def _write_json(path: Path, problem: Any, result: Any) -> None:
    cur = problem.current_post
    moves = [
        {"nip": e.nip, "dari": problem.positions[cur[i]].kode, "ke": problem.positions[int(j)].kode}
        for i, (e, j) in enumerate(zip(problem.employees, result.assignment.tolist(), strict=True))
        if j != cur[i]
    ]
    doc = {
        "status": result.status.value,
        "nilai_objektif": result.objective,
        "batas_atas": result.bound,
        "gap": result.gap,
        "waktu_detik": round(result.wall_time, 3),
        "tanggal_acuan": problem.params.tanggal_acuan.isoformat(),
        "skenario": problem.scenario_name,
        "mutasi": moves,
        "penempatan": {e.nip: problem.positions[int(j)].kode
                       for e, j in zip(problem.employees, result.assignment.tolist(), strict=True)},
    }
    atomic_text(path, lambda f: json.dump(doc, f, ensure_ascii=False, indent=1), suffix=".json")


def _print_summary(problem: Any, tables: Any, result: Any) -> None:
    import numpy as np

    from penempatan.excel.write_plan import proof_scope

    cur = tables.cur
    after = result.assignment
    moved = after != cur
    same_unit = tables.post_unit[after] == tables.post_unit[cur]
    promo = moved & ((tables.post_kelas[after] > tables.post_kelas[cur])
                     | (tables.post_tingkat[after] > tables.post_tingkat[cur]))
    rot = moved & ~promo & same_unit
    mut = moved & ~promo & ~same_unit
    keb = tables.post_keb
    before_counts = np.bincount(cur, minlength=tables.n_post)
    after_counts = np.bincount(after, minlength=tables.n_post)
    cand = result.candidates
    stay_score = np.zeros(tables.n_emp)
    stay_score[cand.emp[cand.stay]] = cand.score[cand.stay]
    key = {(int(i), int(j)): int(s) for i, j, s in zip(cand.emp[~cand.stay], cand.post[~cand.stay],
                                                        cand.score[~cand.stay], strict=True)}
    after_score = np.array([stay_score[i] if not moved[i] else key[(i, int(after[i]))]
                            for i in range(tables.n_emp)]) if tables.n_emp else np.zeros(0)
    table = Table(title="Ringkasan rencana", show_header=False)
    table.add_column("", style="bold")
    table.add_column("")
    table.add_row("Status", result.status.value)
    table.add_row("Nilai objektif", f"{result.objective:,}".replace(",", "."))
    table.add_row("Batas atas / gap", f"{result.bound:,.0f} / {result.gap:.4%}".replace(",", "."))
    table.add_row("Mutasi (promosi / rotasi / antar unit)",
                  f"{int(moved.sum())} ({int(promo.sum())} / {int(rot.sum())} / {int(mut.sum())})")
    table.add_row("Kursi terisi sebelum → sesudah",
                  f"{int(np.minimum(before_counts, keb).sum())} → {int(np.minimum(after_counts, keb).sum())}"
                  f" dari {int(keb.sum())}")
    if result.must_fill_seats:
        table.add_row("Kursi wajib diisi (R12)", f"{result.must_fill_filled} dari {result.must_fill_seats}")
    table.add_row("Kelebihan pegawai tersisa (R11)", str(result.surplus_kept))
    if tables.n_emp:
        table.add_row("Rata-rata skor sebelum → sesudah", f"{stay_score.mean():.1f} → {after_score.mean():.1f}")
    table.add_row("Cakupan bukti", proof_scope(result))
    table.add_row("Waktu", f"{result.wall_time:.1f} detik ({result.method})")
    console.print(table)


def run() -> None:  # pragma: no cover - console entry for `python -m penempatan`
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
