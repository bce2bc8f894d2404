"""The Rencana page: start a plan (progress polled from the task queue), then its summary, moves (search,
filters, sort in the browser), chains with Setuju/Tolak, the committee's list, empty seats, training, the
benefit curve, and the explanation of any person or post."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from penempatan.curve import CURVE_HEADER
from penempatan.excel.write_answers import AnswersError
from penempatan.explain import ChainRow, EmptySeatRow, MoveRow, TrainingRow
from penempatan.text import visible
from penempatan.web.answers import answers_from_form, refuse_unknown
from penempatan.web.api import service, signer_of
from penempatan.web.pages_input import berkas_page
from penempatan.web.plan import curve_svg
from penempatan.web.rendering import alert, render
from penempatan.web.service import explain
from penempatan.web.store import Refused
from penempatan.web.tasks import GAGAL, SELESAI, Task

router = APIRouter()

MOVE_SHOWN = ("NIP", "Nama", "Jabatan Asal", "Jabatan Tujuan", "Jenis", "Skor Asal", "Skor Tujuan", "Rantai", "Tujuan",
              "Perhatian", "Alasan")
"""Columns of `Usulan Mutasi` shown in the moves table, each post with its unit below it (all columns are in the
workbook)."""
NUMERIC = frozenset({"Skor Asal", "Skor Tujuan", "Urutan Rantai", "Jumlah Pegawai", "Total Kenaikan Skor",
                     "Kursi Kosong"})


def _cols(columns: tuple[str, ...], shown: tuple[str, ...]) -> list[tuple[str, int]]:
    return [(c, columns.index(c)) for c in shown]


@router.get("/berkas/{berkas_id}/rencana")
def plan_page(request: Request, berkas_id: str, rencana: int | None = None) -> Response:
    svc = service(request)
    b = svc.store.get(berkas_id)
    checked = svc.check(b)
    context: dict[str, Any] = {"cek": checked, "skenario": b.scenarios(), "runs": b.runs(),
                               "tugas": svc.tasks.active(b.id, "rencana"), "plan": None}
    if b.run(rencana) is not None:
        plan = svc.plan(b, rencana)
        log = svc.answer_log(plan.run)
        context.update({
            "plan": plan, "meta": plan.run.meta(), "keputusan": log.chains, "dicatat": log.signed_chains,
            "move_cols": _cols(MoveRow.COLUMNS, MOVE_SHOWN), "chain_cols": list(ChainRow.COLUMNS),
            "empty_cols": list(EmptySeatRow.COLUMNS), "training_cols": list(TrainingRow.COLUMNS),
            "numeric": NUMERIC, "kurva_svg": curve_svg(plan.curve) if plan.curve else ""})

        context["curve_header"] = CURVE_HEADER
    elif rencana is not None:
        raise Refused(f"rencana {rencana} tidak ada", 404)
    return berkas_page(request, b, "rencana.html", context)


@router.post("/berkas/{berkas_id}/rencana")
async def start_plan(request: Request, berkas_id: str) -> Response:
    """Queue a solve and answer with the progress bar, which polls until the plan is ready. A re-plan from the
    Tanggapan page carries the answers on screen: they are recorded first, so none typed just before is lost."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    form = await request.form()
    skenario, kurva, acuan = (str(form.get(k, "") or "") for k in ("skenario", "kurva", "acuan"))
    reference = int(acuan) if acuan.isdigit() else None
    try:
        if acuan and reference is None:
            raise Refused(f"acuan: '{visible(acuan)}' bukan nomor rencana", 422, field="acuan", value=acuan)
        typed = answers_from_form(form)
        if reference is not None and typed:
            refuse_unknown(svc.plan(b, reference), typed, field="t-{}")
            try:
                svc.record(svc.run(b, reference), typed, who=signer_of(request, form), write=False)
            except AnswersError as exc:
                raise Refused(f"Rencana ulang dibatalkan: tanggapan di layar belum dapat disimpan ({exc}). "
                              "Perbaiki isian itu lalu tekan Rencanakan ulang lagi.", 422) from None
        task = svc.start_solve(b, skenario or None, reference, bool(kurva))
    except Refused as exc:
        return alert(exc.message, exc.status)
    return progress_fragment(request, b.id, task, f"/berkas/{b.id}/rencana")


def progress_fragment(request: Request, berkas_id: str, task: Task, done: str) -> Response:
    """The progress bar of a task; when it has finished, an HX-Redirect to `done` (or its failure)."""
    if task.status == SELESAI:
        return HTMLResponse("", headers={"HX-Redirect": done})
    return render(request, "tugas.html", {"tugas": task, "berkas_id": berkas_id, "selesai": done,
                                          "gagal": task.status == GAGAL})


@router.get("/berkas/{berkas_id}/tugas/{tugas}")
def task_page(request: Request, berkas_id: str, tugas: str, selesai: str = "") -> Response:
    task = service(request).tasks.get(tugas)
    if task is None or task.berkas != berkas_id:
        raise Refused("tugas tidak dikenal (server dimulai ulang?): muat ulang halaman", 404)
    target = selesai if selesai.startswith(f"/berkas/{berkas_id}/") else f"/berkas/{berkas_id}/rencana"
    return progress_fragment(request, berkas_id, task, target)


@router.get("/berkas/{berkas_id}/jelaskan")
def explain_page(request: Request, berkas_id: str, nip: str | None = None, jabatan: str | None = None,
                 rencana: int | None = None) -> Response:
    """The explanation of one employee or post (a fragment shown beside the tables)."""
    svc = service(request)
    b = svc.store.get(berkas_id)
    try:
        found = explain(svc.plan(b, rencana), nip, jabatan)
    except Refused as exc:
        return alert(exc.message, exc.status)
    return render(request, "jelaskan.html", {"b": b, "rq": f"rencana={rencana}&" if rencana else "", **found})


@router.post("/berkas/{berkas_id}/rencana/{number}/rantai/{chain}")
def decide_chain(request: Request, berkas_id: str, number: int, chain: str,
                 keputusan: Annotated[str, Form()] = "") -> Response:
    """Setuju/Tolak for one chain, written into the plan's copy tanggapan.xlsx; answers with the chain's row."""

    svc = service(request)
    b = svc.store.get(berkas_id)
    plan = svc.plan(b, number)
    row = next((c for c in plan.chains if c.id == chain), None)
    if row is None:
        return alert(f"rantai {chain} tidak ada di rencana {number}", 404)
    try:
        svc.record(plan.run, chains={chain: keputusan}, who=signer_of(request))
    except AnswersError as exc:
        return alert(str(exc), 422)
    return render(request, "rantai_baris.html", {"b": b, "plan": plan, "c": row, "keputusan": {chain: keputusan},
                                                 "dicatat": svc.answer_log(plan.run).signed_chains,
                                                 "chain_cols": list(ChainRow.COLUMNS), "numeric": NUMERIC})

