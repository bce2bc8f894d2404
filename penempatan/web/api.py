"""The JSON API under the pages (README, "penempatan web"): a SIMPEG system or a script can upload a workbook,
read its check, start a plan, poll it, download it and ask for explanations. Messages are Bahasa Indonesia;
refusals are `{"galat": …}` with a 4xx status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel

from penempatan.web.service import Service, explain
from penempatan.web.store import MAX_BYTES, Refused, check_upload
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
    from urllib.parse import unquote

    given = str((form or {}).get("pencatat") or "") or unquote(request.headers.get(SIGNER_HEADER, ""))
    return given.strip()


async def read_upload(upload: UploadFile) -> tuple[str, bytes]:
    """The uploaded file's name and bytes, refused past MAX_BYTES without reading the rest."""
    raw = await upload.read(MAX_BYTES + 1)
    name = upload.filename or ""
    check_upload(name, raw)
    return name, raw


@router.post("/berkas", status_code=201)
async def upload(request: Request, berkas: Annotated[UploadFile, File()]) -> dict[str, str]:
    """Upload a workbook (multipart field `berkas`); returns its id in the work folder."""
    name, raw = await read_upload(berkas)
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
        raise Refused(f"tugas '{tugas}' tidak dikenal (tugas hilang bila server dimulai ulang)", 404)
    return task.as_json()


@router.get("/berkas/{berkas_id}/rencana")
def plan_json(request: Request, berkas_id: str, rencana: int | None = None) -> dict[str, Any]:
    """The plan's summary lines and moves (the columns of `Usulan Mutasi`)."""
    svc = service(request)
    plan = svc.plan(svc.store.get(berkas_id), rencana)
    from penempatan.explain import MoveRow

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
    from penempatan.excel.write_answers import Answer, AnswersError

    svc = service(request)
    run = svc.run(svc.store.get(berkas_id), rencana)
    try:
        people = {nip: Answer(**{k: v for k, v in a.items() if k in ("tanggapan", "alasan", "keputusan",
                                                                       "catatan")})
                  for nip, a in body.tanggapan.items()}
        n = svc.record(run, people, body.rantai, who=body.pencatat or signer_of(request))
    except AnswersError as exc:
        raise Refused(str(exc), 422) from None
    return JSONResponse({"tercatat": n, "rencana": run.number})
