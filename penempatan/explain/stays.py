"""Why each employee stays (`Tetap`): the rules that hold them (with numbers), an R18 or R6/R7 warning about
their own post, or the most valuable move they had and what kept them from it (R11–R14, R21)."""

from __future__ import annotations

import numpy as np

from penempatan.explain.chains import R21_KINDS
from penempatan.explain.rows import Reason, StayRow, WarningRow
from penempatan.explain.view import PlanView
from penempatan.explain.words import PAIR_RULES, rule_text, setting_text
from penempatan.rules import PREDIKAT_TANPA_MUTASI, PURPOSE_LABELS
from penempatan.scoring import purpose_names
from penempatan.text import date_text


def stay_rows(view: PlanView) -> list[StayRow]:
    """`Tetap`: everyone who stays, with why."""
    d = view.data
    moved = set(view.movers)
    out = []
    for i, e in enumerate(d.employees):
        if i in moved:
            continue
        q = d.positions[view.cur[i]]
        out.append(StayRow(nip=e.nip, nama=e.nama, kode=q.kode, jabatan=q.nama, unit=q.unit,
                           score=int(view.stay_scores[i]), reason=stay_reason(view, i).text))
    return out


def warning_rows(view: PlanView) -> list[WarningRow]:
    """Today's holders the committee must see although they stay: not meeting R18, or their own post's
    minimum education or golongan (R6/R7)."""
    d = view.data
    out = []
    for i, text in holder_warnings(view).items():
        e, q = d.employees[i], d.positions[view.cur[i]]
        out.append(WarningRow(nip=e.nip, nama=e.nama, kode=q.kode, jabatan=q.nama, unit=q.unit, warning=text))
    return out


def stay_reason(view: PlanView, i: int) -> Reason:
    """`Alasan` of a stay: the rules that hold i (with numbers), an R18 warning for an unqualified holder,
    else whether any move with a purpose would be worth more and what blocked it; R6/R7 warnings."""
    if view.target[i] != view.cur[i]:
        raise ValueError(f"pegawai {view.data.employees[i].nip} pindah")
    codes: list[str] = []
    bits: list[str] = []
    holds = view.t.hold_reasons[i]
    for code in holds:
        codes.append(code)
        bits.append(hold_text(view, i, code))
    if view.pinned.get(i) == view.cur[i]:
        codes.append("R15")
        bits.append(rule_text("R15", "dikunci di jabatan saat ini"))
    if i in view.unqualified:
        codes.append("R18")
        detail = f"{view.family(view.cur[i])}: {view.unqualified[i].split(': ', 1)[-1]}"
        bits.append(f"Peringatan {rule_text('R18', detail)}; pemangku tetap di jabatan ini, untuk ditinjau BKPSDM")
    if not holds and view.pinned.get(i) != view.cur[i]:
        bits.append(_no_better_post(view, i, codes))
    wish = wish_not_granted(view, i, codes)
    if wish:
        bits.append(wish)
    warning = own_post_warning(view, i)
    if warning:
        bits.append(warning)
    return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))


def wish_not_granted(view: PlanView, i: int, codes: list[str]) -> str:
    """Volunteers (SPEC 4 v3): why a stayer who named a Unit Diminati does not go there — no allowed post with a
    purpose there, the best one worth less than staying, or what kept them from it."""
    e, t = view.data.employees[i], view.t
    if not e.unit_diminati:
        return ""
    units = ", ".join(e.unit_diminati)
    rows = [k for k in view.rows_of(i) if not view.row_stay[k] and t.post_unit[view.row_post[k]] in t.emp_prefs[i]]
    if t.hold_reasons[i] or view.pinned.get(i) == view.cur[i]:
        return f"permintaan pindah ke {units} tidak dapat dipenuhi karena aturan di atas"
    if not rows:
        return (f"permintaan pindah ke {units} tidak dapat dipenuhi: tidak ada jabatan di sana yang memenuhi "
                "syarat dan masih menerima pegawai")
    k = max(rows, key=lambda r: (view.row_nilai[r], -r))
    j, q = view.row_post[k], view.data.positions[view.row_post[k]]
    here = int(view.stay_values[i])
    if view.row_nilai[k] <= here:
        return (f"permintaan pindah ke {units} belum dipenuhi: pindah terbaik ke sana ({q.kode} {q.nama}) bernilai "
                f"{view.row_nilai[k]}, tetap bernilai {here}")
    return f"permintaan pindah ke {units} belum dipenuhi ({q.kode} {q.nama}): " + blocked(view, i, j, codes)


def hold_text(view: PlanView, i: int, code: str) -> str:
    """A rule that holds employee i in place (R1, R4, R5, R15, R17, R20, R23, R24), with this case's numbers."""
    t, p = view.t, view.params
    if code == "R1":
        return rule_text("R1", f"{t.emp_tenure[i]} bulan < {p.masa_jabatan_minimal_bulan} bulan")
    if code == "R4":
        left = int(t.retirement_months[i])
        bup = int(t.post_bup[view.cur[i]])
        if left < 0:
            return rule_text("R4", f"sudah melewati BUP {bup} th")
        return rule_text("R4", f"pensiun dalam {left} bulan, BUP {bup} th, batas {p.batas_pensiun_bulan} bulan")
    if code == "R5":
        status = view.data.employees[i].status
        return rule_text("R5", f"status {status}; yang boleh dimutasi: {', '.join(p.status_boleh_mutasi)}")
    if code == "R15":
        return rule_text("R15", f"unit {t.unit_names[t.emp_unit[i]]} dibekukan")
    if code == "R17":
        window = f"{date_text(p.larangan_mulai)} s.d. {date_text(p.larangan_selesai) or '…'}"
        return rule_text("R17", f"{window}, jabatan manajerial")
    if code == "R20":
        return rule_text("R20", "pemangku JPT Pratama tidak dipindah oleh rencana; " + setting_text("isi_jpt", False))
    if code == "R23":
        e = view.data.employees[i]
        why = [f"kotak talenta {e.kotak}" if e.kotak in p.kotak_tanpa_mutasi else "",
               f"predikat {e.kinerja}" if e.kinerja in PREDIKAT_TANPA_MUTASI else "",
               f"hukuman disiplin {e.hukuman}" if t.emp_sanction_active[i] else ""]
        return rule_text("R23", ", ".join(w for w in why if w))
    if code == "R24":
        left, bup = int(t.retirement_months[i]), int(t.post_bup[view.cur[i]])
        return rule_text("R24", f"pensiun dalam {left} bulan, BUP {bup} th, batas {p.tanpa_mutasi_sebelum_bup} bulan")
    return rule_text(code)


def _no_better_post(view: PlanView, i: int, codes: list[str]) -> str:
    """A movable stayer: the most valuable move with a purpose against the nilai of staying, and what
    kept them from it when it was worth more."""
    d = view.data
    k = view.best_alternative[i]
    here = int(view.stay_values[i])
    if k < 0:
        detail = _no_candidate_rules(view).get(i, "")
        return "tidak ada pindah yang bertujuan dan memenuhi syarat" + (f" ({detail})" if detail else "")
    seat = _empty_must_fill_option(view, i)
    if seat >= 0:
        codes.append("R12")
        q = d.positions[view.row_post[seat]]
        return (f"kursi wajib diisi {q.kode} {q.nama} ({q.unit}) masih kosong dan didahulukan (R12), tetapi "
                + blocked(view, i, view.row_post[seat], codes))
    j, value = view.row_post[k], view.row_nilai[k]
    q = d.positions[j]
    words = ", ".join(PURPOSE_LABELS[n] for n in purpose_names(int(view.cand.purposes[k])))
    alt = f"{q.kode} {q.nama} ({q.unit}): tujuan {words}; skor {view.row_score[k]}; nilai {value}"
    if value <= here:
        return f"tidak ada pindah yang bertujuan dan lebih bernilai: terbaik {alt}, tetap bernilai {here}"
    return f"ada pindah yang lebih bernilai, ke {alt}, tetap bernilai {here}; tetapi " + blocked(view, i, j, codes)


def _empty_must_fill_option(view: PlanView, i: int) -> int:
    """A candidate row of employee i into a must-fill vacancy that is still empty after the plan, or -1:
    the plan would have taken that move before any nilai (R12), so something held i."""
    t = view.t
    for k in view.rows_of(i):
        j = view.row_post[k]
        if not view.row_stay[k] and t.must_fill_vacancy[j] and view.after[j] < t.post_keb[j]:
            return k
    return -1


def r21_blocks(view: PlanView, i: int, j: int) -> str | None:
    """R21: the group (their location, or their scarce profession in their unit) that employee i (staying in the
    plan) leaving for post j outside it would leave with fewer seats filled than today, given the rest of the
    plan, in words; None when there is none."""
    t = view.t
    if view.params.kekurangan_unit_boleh_naik or view.target[i] != view.cur[i]:
        return None
    src = view.cur[i]
    if view.after[src] > t.post_keb[src]:
        return None
    for kind in R21_KINDS:
        groups = view.group_of(kind)
        k = int(groups[src])
        if k >= 0 and groups[j] != k and view.group_filled_after[kind][k] <= view.group_filled_before[kind][k]:
            return view.group_label(kind, k)
    return None


def plan_limits(view: PlanView, i: int, j: int, codes: list[str], *, own_move: bool = False) -> list[str]:
    """The plan-wide limits that keep employee i out of post j: R13 (unit outflow), R14 (total moves), R21
    (unit seats filled) and R12 (their own must-fill seat), each appended to `codes`. With `own_move` the
    employee's own planned move counts: a mover already counted against R13, R14 and R12 is not held by them."""
    t, p = view.t, view.params
    out: list[str] = []
    u = int(t.emp_unit[i])
    staying = view.target[i] == view.cur[i]
    counted = own_move and t.post_unit[view.target[i]] != u  # already counted against R13 in the plan
    if t.post_unit[j] != u and not counted and view.unit_leavers[u] >= view.unit_cap[u]:
        codes.append("R13")
        out.append(rule_text("R13", f"unit {t.unit_names[u]} {view.unit_leavers[u]} dari maks {view.unit_cap[u]} "
                                    f"pegawai, {p.maks_keluar_unit_persen:g}%"))
    if p.maks_mutasi is not None and len(view.movers) >= p.maks_mutasi and (staying or not own_move):
        codes.append("R14")
        out.append(rule_text("R14", f"{p.maks_mutasi} tercapai"))
    short = r21_blocks(view, i, j)
    if short is not None:
        codes.append("R21")
        out.append(rule_text("R21", f"{short} kehilangan kursi terisi tanpa pengganti"))
    src = view.cur[i]
    if t.post_wajib[src] and view.after[src] <= t.post_keb[src] and (staying or not own_move):
        codes.append("R12")
        out.append(rule_text("R12", "jabatan saat ini; kursinya harus tetap terisi"))
    return out


def blocked(view: PlanView, i: int, j: int, codes: list[str]) -> str:
    """What kept employee i out of post j, where their move would have been worth more than staying."""
    t, d = view.t, view.data
    out: list[str] = []
    if view.after[j] >= t.post_keb[j]:
        codes.append("R11")
        out.append(f"kursi {d.positions[j].kode} sudah penuh ({view.after[j]}/{t.post_keb[j]}, R11), diisi "
                   "pegawai yang memberi nilai total lebih tinggi")
    out += plan_limits(view, i, j, codes)
    if not out:
        status = view.result.status.value
        out.append("rencana keseluruhan lebih bernilai bila pegawai ini tetap" if status == "OPTIMAL"
                   else f"rencana belum terbukti optimal (status {status})")
    return "; ".join(out)


def _no_candidate_rules(view: PlanView) -> dict[int, str]:
    """For movable stayers without any move candidate: which pair rules closed how many post groups."""
    return view.memo("no_candidate_rules", lambda: _count_closed_groups(view))


def _count_closed_groups(view: PlanView) -> dict[int, str]:
    t = view.t
    who = [i for i in range(t.n_emp) if view.best_alternative[i] < 0 and t.movable[i]
           and view.target[i] == view.cur[i] and i not in view.pinned]
    if not who:
        return {}
    emp = np.array(who, dtype=np.int64)
    per_rule = {code: np.zeros(len(emp), dtype=np.int64) for code in PAIR_RULES}
    open_groups = np.zeros(len(emp), dtype=np.int64)
    own = t.post_class[t.cur[emp]]
    for c in range(len(t.classes)):
        masks = t.class_exclusions(c, emp)
        other = own != c
        for code in PAIR_RULES:
            per_rule[code] += masks[code] & other
        open_groups += ~np.logical_or.reduce(list(masks.values())) & other
    n_groups = max(0, len(t.classes) - 1)
    out: dict[int, str] = {}
    for k, i in enumerate(who):
        parts = [f"{code} menutup {int(per_rule[code][k])}" for code in PAIR_RULES if per_rule[code][k]]
        text = f"dari {n_groups} kelompok jabatan lain: " + ", ".join(parts) if parts else ""
        if open_groups[k]:
            text += (("; " if text else "") + "jabatan yang memenuhi syarat tidak menerima pegawai baru atau "
                     "pindah ke sana tanpa tujuan")
        out[i] = text
    return out


def own_post_warning(view: PlanView, i: int) -> str:
    """Warning when a stayer no longer meets their own post's minimum education or golongan (R6/R7)."""
    return _own_post_warnings(view).get(i, "")


def holder_warnings(view: PlanView) -> dict[int, str]:
    """Per employee, the warnings about them in their current post, whatever the plan does: not meeting
    R18 (`PlanView.unqualified`) and below their own post's minimum education or golongan (R6/R7)."""
    out: dict[int, list[str]] = {}
    for i, message in view.unqualified.items():
        out.setdefault(i, []).append(f"R18: {message}")
    for i, text in _own_post_warnings(view).items():
        out.setdefault(i, []).append(text.removeprefix("Peringatan: "))
    return {i: "; ".join(out[i]) for i in sorted(out)}


def _own_post_warnings(view: PlanView) -> dict[int, str]:
    return view.memo("own_post_warnings", lambda: _below_own_minimum(view))


def _below_own_minimum(view: PlanView) -> dict[int, str]:
    t, d, p = view.t, view.data, view.params
    out: dict[int, str] = {}
    ranks = {v: k for k, v in t.ref.pendidikan.items()}
    for c, pc in enumerate(t.classes):
        emp = np.nonzero(t.post_class[t.cur] == c)[0]
        if not len(emp):
            continue
        low_pend = t.emp_pend[emp] < pc.pend_min
        tol = 1 if (p.toleransi_golongan and pc.struktural) else 0
        low_gol = np.zeros(len(emp), dtype=bool)
        if pc.gol_min is not None:
            low_gol = (t.emp_gol[emp] > 0) & (t.emp_gol[emp] < pc.gol_min - tol) & ~t.emp_pppk_gol[emp]
        for k in np.nonzero(low_pend | low_gol)[0]:
            i = int(emp[k])
            e = d.employees[i]
            bits = []
            if low_pend[k]:
                bits.append(f"pendidikan {e.pendidikan} di bawah minimal {ranks.get(pc.pend_min, '?')} (R6)")
            if low_gol[k]:
                gmin = view.golongan_name.get(pc.gol_min or 0, "?")
                bits.append(f"golongan {e.golongan} di bawah minimal {gmin} (R7)")
            out[i] = "Peringatan: " + " dan ".join(bits) + " jabatan ini; tetap boleh menjabat"
    return out
