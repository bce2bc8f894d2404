"""The `penempatan` command: a thin typer layer, the only module that prints (SPEC 1)."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

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
def _guard() -> Iterator[None]:
    """Turn every failure into a message and an exit code, never a bare traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        _print_problems(exc.problems)
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


def _print_problems(problems: list[Problem]) -> None:
    if not problems:
        return
    table = Table(title="Masalah pada masukan", show_lines=False)
    for col in ("Jenis", "Sheet", "Baris", "Kolom", "Nilai", "Pesan", "Saran"):
        table.add_column(col, overflow="fold")
    for p in sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.sheet, p.row or 0)):
        kind = "[red]galat[/]" if p.severity is Severity.ERROR else "[yellow]peringatan[/]"
        table.add_row(kind, p.sheet, str(p.row or ""), p.column or "", p.value or "", p.message, p.hint)
    err.print(table)


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
) -> None:
    """Tulis workbook masukan kosong lengkap dengan petunjuk dan pilihan (drop-down)."""
    with _guard():
        from penempatan.excel.write_input import write_input_workbook

        write_input_workbook(file)
        console.print(f"Templat ditulis ke [bold]{file}[/].")


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
) -> None:
    """Periksa workbook masukan: semua galat dan peringatan dengan sheet, baris, kolom dan nilai."""
    _require_input(data)
    with _guard():
        from penempatan.excel.read import read_workbook

        result = read_workbook(data)
        _print_problems(result.warnings)
        d = result.data
        console.print(f"[green]Masukan valid:[/] {len(d.employees)} pegawai, {len(d.positions)} jabatan, "
                      f"{len(d.units)} unit kerja; {len(result.warnings)} peringatan, 0 galat.")


def _default_output(data: Path) -> Path:
    return data.with_name(f"{data.stem}-rekomendasi.xlsx")


@app.command()
def solve(
    data: Annotated[Path, typer.Argument(help="Workbook masukan (.xlsx).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Workbook rekomendasi.")] = None,
    batas_waktu: Annotated[float, typer.Option("--batas-waktu", min=1.0, help="Batas waktu solver (detik).")] = 60.0,
    kandidat: Annotated[Path | None, typer.Option("--kandidat", help="Tulis semua pasangan kandidat (CSV).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Tulis rencana sebagai JSON.")] = None,
) -> None:
    """Susun usulan mutasi yang optimal dan tulis workbook rekomendasi."""
    _require_input(data)
    out = output or _default_output(data)
    _refuse_overwrite(out, data)
    for extra in (kandidat, json_out):
        if extra is not None:
            _refuse_overwrite(extra, data)
    with _guard():
        from penempatan.excel.read import read_workbook
        from penempatan.excel.write_plan import write_plan
        from penempatan.scoring import Tables
        from penempatan.solver import SEED
        from penempatan.solver import solve as run_solve

        with console.status("Membaca dan memeriksa masukan…") as status:
            read = read_workbook(data)
            problem = read.data
            status.update("Menghitung skor kecocokan…")
            tables = Tables(problem)
            result = run_solve(problem, batas_waktu, tables=tables,
                               progress=lambda msg: status.update(f"Mencari rencana optimal: {msg}…"))
            if not result.feasible:
                err.print(f"[bold red]Tidak ada rencana yang layak.[/] {result.message} "
                          f"(aturan terkait: {', '.join(result.rules_involved)})")
                raise typer.Exit(EXIT_FAIL)
            status.update("Menulis workbook rekomendasi…")
            write_plan(out, problem, tables, result, input_path=data, versions={**_versions(), "seed": str(SEED)})
            if kandidat is not None:
                _write_candidates(kandidat, problem, result)
            if json_out is not None:
                _write_json(json_out, problem, result)
        if read.warnings:
            console.print(f"[yellow]{len(read.warnings)} peringatan[/] pada masukan "
                          f"(lihat `penempatan check {data}`).")
        _print_summary(problem, tables, result)
        console.print(f"Rekomendasi ditulis ke [bold]{out}[/].")


def _atomic_text(path: Path, write: Callable[[Any], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".penempatan-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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

    _atomic_text(path, write)


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
    _atomic_text(path, lambda f: json.dump(doc, f, ensure_ascii=False, indent=1))


def _print_summary(problem: Any, tables: Any, result: Any) -> None:
    import numpy as np

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
    table.add_row("Waktu", f"{result.wall_time:.1f} detik ({result.method})")
    console.print(table)


def run() -> None:  # pragma: no cover - console entry for `python -m penempatan`
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
