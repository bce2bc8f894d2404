"""The JSON API under the pages (README, "penempatan web"): a SIMPEG system or a script can upload a workbook,
read its check, start a plan, poll it, download it and ask for explanations. Messages are Bahasa Indonesia;
refusals are `{"galat": …}` with a 4xx status."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.formparsers import MultiPartException, MultiPartParser

from penempatan.excel.write_answers import Answer, AnswersError
from penempatan.explain import MoveRow
from penempatan.text import visible
from penempatan.web.answers import refuse_unknown
from penempatan.web.service import Service, explain
from penempatan.web.store import MAX_BYTES, Refused
from penempatan.web.tasks import problem_json

router = APIRouter(prefix="/api")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


SIGNER_HEADER = "X-Pencatat"
"""The header (URL-encoded) in which the pages send the name the browser keeps (`static/web.js`)."""


def signer_of(request: Request, form: Mapping[str, object] | None = None) -> str:
    """Who records a decision: the form's `pencatat` field, else the X-Pencatat header; '' when neither."""

    given = str((form or {}).get("pencatat") or "") or unquote(request.headers.get(SIGNER_HEADER, ""))
    return given.strip()


UPLOAD_FRAMING = 64 * 1024
"""Room in a request body for the multipart framing around the file (boundary, part headers)."""


async def receive_file(request: Request, limit: int, too_big: str, field: str = "berkas") -> tuple[str, bytes]:
    """The name and bytes of the file in multipart field `field`, read as the body streams in: a body larger
    than `limit` (plus its framing) is refused (413, `too_big`) as soon as it says so in Content-Length, or
    else once that much has arrived, so nothing larger is ever read, spooled or kept."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + UPLOAD_FRAMING:
        raise Refused(too_big, 413)
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise Refused(f"kirim berkas sebagai multipart/form-data dengan isian '{field}'", 415)

    async def body() -> AsyncGenerator[bytes, None]:
        seen = 0
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > limit + UPLOAD_FRAMING:
                raise Refused(too_big, 413)
            yield chunk

    try:
        form = await MultiPartParser(request.headers, body(), max_files=1, max_fields=20).parse()
    except MultiPartException as exc:
        raise Refused(f"kiriman berkas tidak dapat dibaca: {exc.message}", 400) from None
    try:
        upload = form.get(field)
        if not isinstance(upload, StarletteUpload):
            raise Refused(f"isian '{field}' tidak berisi berkas", 422)
        return upload.filename or "", await upload.read(limit + 1)
    finally:
        await form.close()


def too_big_workbook() -> str:
    return (f"berkas terlalu besar: lebih dari {MAX_BYTES // 1024 // 1024} MB, batas unggahan. Hapus sheet lain "
            "dari workbook lalu unggah lagi.")


async def receive_workbook(request: Request) -> tuple[str, bytes]:
    """The uploaded workbook's name and bytes (multipart field `berkas`), cut off past MAX_BYTES."""
    name, raw = await receive_file(request, MAX_BYTES, too_big_workbook())
    return name, raw


_MULTIPART = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["berkas"],
    "properties": {"berkas": {"type": "string", "format": "binary"}}}}}}}


@router.post("/berkas", status_code=201, openapi_extra=_MULTIPART)
async def upload(request: Request) -> dict[str, str]:
    """Upload a workbook (multipart field `berkas`, at most 50 MB); returns its id in the work folder and the
    name it is kept under."""
    name, raw = await receive_workbook(request)
    b = service(request).store.add(name, raw)
    return {"id": b.id, "nama": b.name}


@router.get("/berkas")
def berkas_list(request: Request) -> list[dict[str, Any]]:
    """Every workbook in the work folder with its plans."""
    return [{"id": b.id, "nama": b.name, "diunggah": b.info.get("diunggah"),
             "rencana": [r.number for r in b.runs()], "skenario": b.scenarios()} for b in service(request).store.all()]


@router.get("/berkas/{berkas_id}/periksa")
def periksa(request: Request, berkas_id: str) -> dict[str, Any]:
    """`penempatan check`: every error and warning with sheet, row, column, Excel cell, value and hint."""
    svc = service(request)
    checked = svc.check(svc.store.get(berkas_id))
    return {"dapat_dipakai": checked.usable, "galat": checked.errors, "peringatan": checked.warnings,
            "masalah": [problem_json(p) for p in checked.problems]}


class SolveRequest(BaseModel):
    """Options of `solve`: a saved scenario (file name), a plan number as reference (its answers included),
    and the benefit curve."""

    skenario: str | None = None
    acuan: int | None = None
    kurva: bool = False


@router.post("/berkas/{berkas_id}/rencana", status_code=202)
def start_plan(request: Request, berkas_id: str, options: SolveRequest | None = None) -> dict[str, str]:
    """Start `penempatan solve` (queued behind any running job); returns the task id to poll."""
    svc = service(request)
    o = options or SolveRequest()
    task = svc.start_solve(svc.store.get(berkas_id), o.skenario, o.acuan, o.kurva)
    return {"tugas": task.id}


@router.get("/tugas/{tugas}")
def task_state(request: Request, tugas: str) -> dict[str, Any]:
    """A task's state: status antre | berjalan | selesai | gagal, kemajuan (0–100), pesan, galat, masalah, hasil."""
    task = service(request).tasks.get(tugas)
    if task is None:
        raise Refused(f"tugas '{tugas}' tidak dikenal", 404)
    return task.as_json()


@router.get("/berkas/{berkas_id}/rencana")
def plan_json(request: Request, berkas_id: str, rencana: int | None = None) -> dict[str, Any]:
    """The plan's summary lines and moves (the columns of `Usulan Mutasi`)."""
    svc = service(request)
    plan = svc.plan(svc.store.get(berkas_id), rencana)

    return {"rencana": plan.run.number, "ringkasan": [{"label": k, "nilai": v} for k, v in plan.lines],
            "kolom": list(MoveRow.COLUMNS), "usulan": [m.cells() for m in plan.moves]}


@router.get("/berkas/{berkas_id}/rencana.xlsx")
def plan_workbook(request: Request, berkas_id: str, rencana: int | None = None) -> FileResponse:
    """The plan workbook (the latest plan, or `?rencana=N`)."""
    svc = service(request)
    b = svc.store.get(berkas_id)
    run = svc.run(b, rencana)
    return FileResponse(run.plan, media_type=XLSX, filename=f"{b.data.stem}-rekomendasi-{run.number}.xlsx")


@router.get("/berkas/{berkas_id}/jelaskan")
def explain_json(request: Request, berkas_id: str, nip: str | None = None, jabatan: str | None = None,
                 rencana: int | None = None) -> dict[str, Any]:
    """`penempatan explain --nip` or `--jabatan` on the saved plan."""
    svc = service(request)
    return explain(svc.plan(svc.store.get(berkas_id), rencana), nip, jabatan)


ANSWER_KEYS = frozenset({"tanggapan", "alasan", "keputusan", "catatan"})
"""The fields of one answer in `AnswersRequest.tanggapan` (those of `excel.write_answers.Answer`)."""


class AnswersRequest(BaseModel):
    """Answers by NIP (tanggapan Setuju/Keberatan, alasan, keputusan Terima/Tolak, catatan) and chain
    decisions by chain id (Setuju/Tolak), recorded as made by `pencatat`."""

    tanggapan: dict[str, dict[str, str]] = {}
    rantai: dict[str, str] = {}
    pencatat: str = ""


@router.post("/berkas/{berkas_id}/tanggapan")
def record_answers(request: Request, berkas_id: str, body: AnswersRequest,
                   rencana: int | None = None) -> JSONResponse:
    """Record answers and decisions into the plan's copy tanggapan.xlsx (the plan workbook is not changed)."""

    svc = service(request)
    plan = svc.plan(svc.store.get(berkas_id), rencana)
    run = plan.run
    refuse_unknown(plan, body.tanggapan, body.rantai)
    for nip, given in body.tanggapan.items():
        unknown = sorted(given.keys() - ANSWER_KEYS)
        if unknown:
            place = f"tanggapan.{nip}.{unknown[0]}"
            raise Refused(f"{visible(place)}: isian '{visible(unknown[0])}' tidak dikenal; yang dikenal: "
                          f"{', '.join(sorted(ANSWER_KEYS))}.", 422, field=place, value=unknown[0])
    try:
        people = {nip: Answer(**given) for nip, given in body.tanggapan.items()}
        n = svc.record(run, people, body.rantai, who=body.pencatat or signer_of(request))
    except AnswersError as exc:
        raise Refused(str(exc), 422) from None
    return JSONResponse({"tercatat": n, "rencana": run.number})
