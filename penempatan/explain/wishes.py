"""Why each ranked wish of an employee was granted, refused or not reached (SPEC 9, `wishes.serve`), in the words
the employee reads: the rule that blocked it, with its source, or the published order of priority."""

from __future__ import annotations

from dataclasses import dataclass

from penempatan.explain.view import PlanView
from penempatan.explain.words import rule_text, setting_text
from penempatan.text import number
from penempatan.wishes.priority import priorities, wish_text
from penempatan.wishes.serve import NO_SEAT, VALUE_LIMIT, wish_decisions


@dataclass(frozen=True)
class WishLine:
    """One ranked wish and what became of it, in words."""

    rank: int
    wish: str  # the wish in words
    outcome: str  # 'dipenuhi: …', 'tidak dipenuhi: …', 'tidak dinilai: …'


@dataclass(frozen=True)
class WishAnswer:
    """An employee's priority and every ranked wish's outcome; empty `lines` when they made no ranked wish."""

    priority: str
    lines: tuple[WishLine, ...]


def wishes_of(view: PlanView, i: int) -> WishAnswer:
    """The employee's published priority and what became of each of their ranked wishes."""
    d = view.data
    mine = [x for x in view.memo("wish_decisions", lambda: wish_decisions(d, view.t.ref)) if x.i == i]
    if not mine:
        return WishAnswer("", ())
    prio = next(p for p in view.memo("priorities", lambda: priorities(d, view.t.ref)) if p.i == i)
    priority = (f"Prioritas permintaan: peringkat {number(prio.rank)}, {number(prio.points)} poin (alasan "
                f"{prio.reason_points}, masa jabatan {prio.tenure_points}, kinerja {prio.performance_points}, jarak "
                f"keluarga {prio.family_points})")
    lines = []
    for x in mine:
        rank = x.wish.rank or 0
        if not x.reached:
            outcome = "tidak dinilai: permintaan dengan urutan lebih tinggi sudah dipenuhi"
        elif x.granted is not None:
            q = d.positions[x.granted]
            if view.t.granted.get(i) == x.granted:
                outcome = f"dipenuhi: {q.kode} {q.nama} ({q.unit})"
            else:  # withdrawn after the plan around it could not exist (wishes.serve.withdraw)
                outcome = (f"tidak dipenuhi: {q.kode} {q.nama} ({q.unit}) sempat diberikan, tetapi rencana dengan "
                           "pindah ini tidak memenuhi aturan lain (R13, R14 atau R21)")
        else:
            outcome = "tidak dipenuhi: " + "; ".join(_code_words(view, c) for c in x.codes)
        lines.append(WishLine(rank, wish_text(x.wish), outcome))
    return WishAnswer(priority, tuple(lines))


def _code_words(view: PlanView, code: str) -> str:
    if code == NO_SEAT:
        return rule_text("R11", "tidak ada kursi kosong tersisa: kursi kosong dibagi menurut urutan prioritas, dan "
                         "kursi yang diminta pemohon berprioritas lebih tinggi tetapi tidak dapat diberikan kepadanya "
                         "ditahan")
    if code == VALUE_LIMIT:
        return ("nilai pindah ke sana lebih rendah dari nilai tetap lebih dari "
                + setting_text(VALUE_LIMIT, view.data.params.batas_biaya_permintaan) + " poin")
    if code == "R21":
        return rule_text("R21", "kepergian Anda mengosongkan kursi yang belum ada penggantinya")
    return rule_text(code)
