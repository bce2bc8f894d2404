"""The pages before a plan: Unggah (upload or pick a workbook, its check, the template), Analisis (the current
state) and Parameter & skenario (every parameter; pins, forbids, frozen units and seats saved as a scenario)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from penempatan.analyze import kotak_rows, summary
from penempatan.errors import group_problems
from penempatan.excel.xlsx_rows import XlsxBook
from penempatan.usecases import jobs
from penempatan.web.api import XLSX, receive_file, receive_workbook, service
from penempatan.web.rendering import render
from penempatan.web.scenario_form import (
    date_errors,
    field_errors,
    fields,
    file_name,
    form_from_file,
    form_toml,
    shipped,
    shipped_text,
)
from penempatan.web.store import (
    SCENARIO_MAX_BYTES,
    Berkas,
    Refused,
    check_scenario_upload,
    shown_name,
    too_big_scenario,
    upload_stem,
)

router = APIRouter()
GROUP_SHOWN = 200
"""Problems listed per group on the page; the full list is in masalah.xlsx."""


def berkas_page(request: Request, b: Berkas, name: str, context: dict[str, Any], *,
                status_code: int = 200) -> Response:
    """A page of one berkas: the navigation knows the berkas and its latest plan."""
    run = b.run()
    return render(request, name, {"b": b, "run": run, "halaman": name.removesuffix(".html"), **context},
                  status_code=status_code)


# --- Unggah ------------------------------------------------------------------------------------------------------
def _home(request: Request, pesan: str = "", status_code: int = 200) -> Response:
    store = service(request).store
    return render(request, "beranda.html", {"semua": store.all(), "lepas": store.loose_workbooks(),
                                            "folder": store.folder, "pesan": pesan, "halaman": "unggah"},
                  status_code=status_code)


@router.get("/")
def home(request: Request) -> Response:
    return _home(request)


@router.post("/unggah")
async def upload(request: Request) -> Response:
    try:
        name, raw = await receive_workbook(request)
        b = service(request).store.add(name, raw)
    except Refused as exc:
        return _home(request, exc.message, exc.status)
    return RedirectResponse(f"/berkas/{b.id}", status_code=303)


@router.post("/pilih")
def pick(request: Request, nama: Annotated[str, Form()]) -> Response:
    try:
        b = service(request).store.add_loose(nama)
    except Refused as exc:
        return _home(request, exc.message, exc.status)
    return RedirectResponse(f"/berkas/{b.id}", status_code=303)


@router.get("/templat")
def template(request: Request) -> FileResponse:
    """The empty input workbook (`penempatan template`)."""

    folder = service(request).store.folder / ".templat"
    folder.mkdir(exist_ok=True)
    path = folder / "templat-penempatan.xlsx"
    if not path.is_file():
        jobs.write_template(path, None)
    return FileResponse(path, media_type=XLSX, filename=path.name)


@router.get("/berkas/{berkas_id}")
def check_page(request: Request, berkas_id: str) -> Response:
    """`penempatan check`: problems grouped by kind, filterable, each with its Excel cell."""
    svc = service(request)
    b = svc.store.get(berkas_id)
    checked = svc.check(b)
    groups = group_problems(checked.problems)
    sheets = sorted({p.sheet for p in checked.problems})
    return berkas_page(request, b, "periksa.html", {"cek": checked, "kelompok": groups, "sheets": sheets,
                                                    "tampil": GROUP_SHOWN})


# --- Analisis ----------------------------------------------------------------------------------------------------
ANALYSIS_TABLES = ("Per Unit", "Ketidaksesuaian", "Rotasi Jatuh Tempo", "Talent Pool", "Mendekati Pensiun")
"""Sheets of the analysis workbook shown as tables (the workbook has them all)."""


@router.get("/berkas/{berkas_id}/analisis")
def analysis_page(request: Request, berkas_id: str) -> Response:
    """`penempatan analyze`: summary, 9-box, and the analysis workbook's tables."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    if not svc.check(b).usable:
        raise Refused("data masih bergalat: lihat halaman Unggah", 422)
    a = svc.analysis(b)
    boxes = dict(kotak_rows(a))
    grid = [[(k, boxes.get(f"Kotak {k}", 0)) for k in row] for row in ((6, 8, 9), (3, 5, 7), (1, 2, 4))]
    return berkas_page(request, b, "analisis.html", {"ringkasan": summary(a), "kotak": grid,
                                                     "tabel": sheet_tables(b.analysis, ANALYSIS_TABLES)})


def sheet_tables(path: Path, names: tuple[str, ...]) -> list[tuple[str, list[Any], list[list[Any]]]]:
    """(sheet, header, rows) of the named sheets of a workbook this program wrote."""

    out = []
    with XlsxBook(path.read_bytes()) as book:
        for name in names:
            if name not in book.names():
                continue
            rows = book.rows(name)
            if rows:
                out.append((name, list(rows[0][1]), [list(values) for _, values in rows[1:]]))
    return out


# --- Parameter & skenario ----------------------------------------------------------------------------------------
def _parameter(request: Request, b: Berkas, *, status_code: int = 200, **context: Any) -> Response:
    """The Parameter & skenario page; `context` overrides the empty form (a scenario opened, a refused form
    with its problems by field, a refused file with its problems)."""

    svc = service(request)
    if not svc.check(b).usable:
        raise Refused("data masih bergalat: lihat halaman Unggah", 422)
    data = svc.problem(b)
    page: dict[str, Any] = {"fields": fields(data.params), "units": data.units, "form": {"p": {}, "bekukan": []},
                            "skenario": None, "toml": "", "daftar": b.scenarios(), "bawaan": shipped(), "pesan": "",
                            "galat_bidang": {}, "galat_lain": [], "masalah_berkas": [], "nama_draf": ""}
    page.update(context)
    return berkas_page(request, b, "parameter.html", page, status_code=status_code)


@router.get("/berkas/{berkas_id}/parameter")
def parameter_page(request: Request, berkas_id: str, skenario: str | None = None, pesan: str = "") -> Response:
    b = service(request).store.get(berkas_id)
    if not skenario:
        return _parameter(request, b, pesan=pesan)
    path = b.scenario(skenario)
    if not path.is_file():
        raise Refused(f"skenario {skenario} tidak ada", 404)
    return _parameter(request, b, form=form_from_file(path), skenario=skenario, pesan=pesan,
                      toml=path.read_text(encoding="utf-8"))


@router.post("/berkas/{berkas_id}/parameter")
async def save_scenario(request: Request, berkas_id: str) -> Response:
    """Save the form as a scenario file; refused with the scenario reader's problems next to their fields."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if isinstance(v, str)}
    units = [str(u) for u in raw.getlist("bekukan")]
    data = svc.problem(b)
    name = file_name(form.get("nama_berkas") or form.get("nama") or "skenario")
    problems = svc.save_scenario(b, name, form_toml(form, units, data))
    if not problems:  # a date that is not DD-MM-YYYY is written as text, which the reader refuses
        return _saved(b, name, f"Skenario {name} disimpan.")
    by_field, other = field_errors(problems)
    by_field.update(date_errors(form))
    shown = {"nama": form.get("nama", ""), "nama_berkas": Path(name).stem,
             "p": {k.removeprefix("p-"): v for k, v in form.items() if k.startswith("p-")}, "bekukan": units,
             "kunci": form.get("kunci", ""), "larang": form.get("larang", ""), "kebutuhan": form.get("kebutuhan", ""),
             "target": form.get("target", "")}
    return _parameter(request, b, form=shown, galat_bidang=by_field, galat_lain=other, nama_draf=name,
                      status_code=422)


def _saved(b: Berkas, name: str, message: str) -> Response:
    return RedirectResponse(f"/berkas/{b.id}/parameter?skenario={quote(name)}&pesan={quote(message)}",
                            status_code=303)


@router.post("/berkas/{berkas_id}/skenario/unggah")
async def upload_scenario(request: Request, berkas_id: str) -> Response:
    """A scenario file from the planner's computer: checked by the scenario reader as `solve -s` reads it, then
    kept under its own name (a scenario of that name is replaced), ready to edit, solve or compare."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    try:
        given, raw = await receive_file(request, SCENARIO_MAX_BYTES, too_big_scenario())
        text = check_scenario_upload(given, raw)
    except Refused as exc:
        return _parameter(request, b, galat_lain=[exc.message], status_code=exc.status)
    return _keep_file(request, b, file_name(upload_stem(given)), text, f"diunggah dari {shown_name(given)}")


@router.post("/berkas/{berkas_id}/skenario/bawaan")
def use_shipped(request: Request, berkas_id: str, nama: Annotated[str, Form()]) -> Response:
    """Take one of the shipped example scenarios into this berkas (checked against its data first)."""

    b = service(request).store.get(berkas_id)
    try:
        text = shipped_text(nama)
    except KeyError:
        raise Refused(f"skenario contoh {nama} tidak ada", 404) from None
    return _keep_file(request, b, nama, text, "dari contoh bawaan")


def _keep_file(request: Request, b: Berkas, name: str, text: str, where: str) -> Response:
    replaced = b.scenario(name).is_file()
    problems = service(request).save_scenario(b, name, text)
    if not problems:
        kept = "diperiksa dan menggantikan skenario lama bernama sama" if replaced else "diperiksa dan disimpan"
        return _saved(b, name, f"Skenario {name} ({where}) {kept}; ubah di formulir ini atau pakai di Rencana "
                               "dan Bandingkan.")
    return _parameter(request, b, masalah_berkas=problems, nama_draf=name, status_code=422)


@router.get("/berkas/{berkas_id}/skenario/{name}")
def scenario_file(request: Request, berkas_id: str, name: str) -> FileResponse:
    b = service(request).store.get(berkas_id)
    path = b.scenario(name)
    if not path.is_file():
        raise Refused(f"skenario {name} tidak ada", 404)
    return FileResponse(path, media_type="application/toml", filename=name)
