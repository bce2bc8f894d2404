"""The pages after a plan: Bandingkan (scenarios side by side), Unduh (every file of the berkas) and Tanggapan
(answers and decisions recorded into a copy of the plan workbook, then the plan made again from it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from penempatan.excel.write_answers import ANSWER_COLUMNS, AnswersError
from penempatan.excel.write_plan import CHOICES
from penempatan.web.answers import answers_from_form, refuse_unknown
from penempatan.web.api import XLSX, service, signer_of
from penempatan.web.pages_input import berkas_page
from penempatan.web.pages_plan import progress_fragment
from penempatan.web.plan import PlanData
from penempatan.web.rendering import alert, render
from penempatan.web.service import Service
from penempatan.web.store import Berkas, Refused, read_json

router = APIRouter()

_RUN_FILES = {  # name in the URL -> (Run attribute, download name suffix, media type)
    "rencana.xlsx": ("plan", "rekomendasi-{n}.xlsx", XLSX),
    "laporan.html": ("report", "laporan-{n}.html", "text/html"),
    "kandidat.csv": ("candidates", "kandidat-{n}.csv", "text/csv"),
    "tanggapan.xlsx": ("answers", "tanggapan-{n}.xlsx", XLSX),
    "surat.zip": ("letters", "surat-{n}.zip", "application/zip"),
}
_BERKAS_FILES = {
    "masalah.xlsx": ("problems_xlsx", "masalah.xlsx"),
    "analisis.xlsx": ("analysis", "analisis.xlsx"),
    "banding.xlsx": ("comparison", "banding.xlsx"),
}


# --- Bandingkan ----------------------------------------------------------------------------------------------------
@router.get("/berkas/{berkas_id}/bandingkan")
def compare_page(request: Request, berkas_id: str) -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    saved = read_json(b.comparison_json) if b.comparison_json.is_file() else None
    return berkas_page(request, b, "bandingkan.html", {"skenario": b.scenarios(), "banding": saved,
                                                       "tugas": svc.tasks.active(b.id, "banding")})


@router.post("/berkas/{berkas_id}/bandingkan")
async def start_compare(request: Request, berkas_id: str) -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    names = [str(v) for v in (await request.form()).getlist("skenario")]
    try:
        task = svc.start_compare(b, names)
    except Refused as exc:
        return alert(exc.message, exc.status)
    return progress_fragment(request, b.id, task, f"/berkas/{b.id}/bandingkan")


# --- Unduh ---------------------------------------------------------------------------------------------------------
@router.get("/berkas/{berkas_id}/unduh")
def downloads_page(request: Request, berkas_id: str) -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    return berkas_page(request, b, "unduh.html", {"runs": list(reversed(b.runs())), "files": _RUN_FILES,
                                                  "berkas_files": _available(b),
                                                  "tugas": svc.tasks.active(b.id, "surat")})


def _available(b: Berkas) -> list[str]:
    return [name for name, (attr, _) in _BERKAS_FILES.items() if getattr(b, attr).is_file()]


@router.get("/berkas/{berkas_id}/unduh/{what}")
def download_berkas_file(request: Request, berkas_id: str, what: str) -> FileResponse:
    b = service(request).store.get(berkas_id)
    if what == "data":
        return _file(b.data, b.name, XLSX)
    if what not in _BERKAS_FILES:
        raise Refused(f"berkas '{what}' tidak dikenal", 404)
    attr, name = _BERKAS_FILES[what]
    return _file(getattr(b, attr), f"{b.data.stem}-{name}", XLSX)


@router.get("/berkas/{berkas_id}/rencana/{number}/unduh/{what}")
def download_run_file(request: Request, berkas_id: str, number: int, what: str) -> FileResponse:
    svc = service(request)
    b = svc.store.get(berkas_id)
    run = svc.run(b, number)
    if what not in _RUN_FILES:
        raise Refused(f"berkas '{what}' tidak dikenal", 404)
    attr, name, media = _RUN_FILES[what]
    if what == "tanggapan.xlsx":
        svc.write_answers(run)
    return _file(getattr(run, attr), f"{b.data.stem}-{name.format(n=run.number)}", media)


def _file(path: Path, name: str, media: str) -> FileResponse:
    if not path.is_file():
        raise Refused(f"{name} belum dibuat", 404)
    # As an attachment: the HTML report opens from the downloads folder, never inside this site.
    return FileResponse(path, media_type=media, filename=name, content_disposition_type="attachment")


@router.post("/berkas/{berkas_id}/rencana/{number}/surat")
def start_letters(request: Request, berkas_id: str, number: int) -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    task = svc.start_letters(b, number)
    return progress_fragment(request, b.id, task, f"/berkas/{b.id}/unduh")


# --- Tanggapan -----------------------------------------------------------------------------------------------------
@router.get("/berkas/{berkas_id}/tanggapan")
def answers_page(request: Request, berkas_id: str, rencana: int | None = None, pesan: str = "") -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    plan = svc.plan(b, rencana)
    log = svc.answer_log(plan.run)
    return berkas_page(request, b, "tanggapan.html", {
        "plan": plan, "jawaban": log, "pilihan": CHOICES, "kolom": ANSWER_COLUMNS, "pesan": pesan,
        "tugas": svc.tasks.active(b.id, "rencana")})


@router.post("/berkas/{berkas_id}/tanggapan")
async def save_answers(request: Request, berkas_id: str, rencana: Annotated[int, Form()]) -> Response:
    """Every answer of the form into the plan's copy tanggapan.xlsx (the plan workbook itself unchanged)."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    plan = svc.plan(b, rencana)
    form = await request.form()
    typed = answers_from_form(form)
    refuse_unknown(plan, typed, field="t-{}")
    try:
        svc.record(plan.run, typed, who=signer_of(request, form))
    except AnswersError as exc:
        raise Refused(str(exc), 422) from None
    return RedirectResponse(f"/berkas/{b.id}/tanggapan?rencana={plan.run.number}&pesan="
                            f"{quote(answered_text(svc, plan))}", status_code=303)


def answered_text(svc: Service, plan: PlanData) -> str:
    """'3 dari 142 usulan mutasi sudah ditanggapi; 2 keputusan rantai.' (moves, never workbook rows)."""
    log = svc.answer_log(plan.run)
    moves = len(plan.moves)
    text = f"{log.answered([m.nip for m in plan.moves])} dari {moves} usulan mutasi sudah ditanggapi"
    chains = sum(c.id in log.chains for c in plan.chains)
    return f"{text}; {chains} dari {len(plan.chains)} rantai sudah diputuskan. Tersimpan di tanggapan.xlsx."


@router.post("/berkas/{berkas_id}/rencana/{number}/tanggapan/{nip}")
async def save_answer(request: Request, berkas_id: str, number: int, nip: str) -> Response:
    """One mover's answer as it is typed (htmx on change): kept in the answer log at once, signed with the
    browser's name; tanggapan.xlsx follows when it is next needed (download, re-plan)."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    plan = svc.plan(b, number)
    if nip not in plan.nip_index or all(m.nip != nip for m in plan.moves):
        return alert(f"NIP {nip} tidak diusulkan pindah di rencana {number}", 404)
    form = await request.form()
    try:
        svc.record(plan.run, answers_from_form(form, [nip]), who=signer_of(request, form), write=False)
    except AnswersError as exc:
        return alert(f"Belum tersimpan: {exc}.", 422)
    signed = svc.answer_log(plan.run).signed_people.get(nip)
    return render(request, "tercatat.html", {"s": signed})


@router.get("/berkas/{berkas_id}/hapus")
def confirm_delete(request: Request, berkas_id: str) -> Response:
    b = service(request).store.get(berkas_id)
    return berkas_page(request, b, "hapus.html", {})


@router.post("/berkas/{berkas_id}/hapus")
def delete(request: Request, berkas_id: str) -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    if svc.tasks.active(b.id, "rencana") or svc.tasks.active(b.id, "banding") or svc.tasks.active(b.id, "surat"):
        raise Refused("berkas ini sedang diproses; tunggu sampai selesai", 409)
    name = b.name
    svc.store.remove(b)
    return render(request, "galat.html", {"pesan": f"Berkas {name} dan semua hasilnya dihapus dari folder kerja.",
                                          "judul": "Dihapus"})
