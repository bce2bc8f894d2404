"""Why the plan does not put one employee in one post (`penempatan explain`): the rules that close the post
to them, a move without an allowed purpose, a full seat (who holds it), a limit (R12–R14, R21), or that the
employee is worth more where the plan puts them; also their best alternatives and each post's runners-up."""

from __future__ import annotations

import numpy as np

from penempatan.explain.rows import Reason
from penempatan.explain.stays import hold_text, plan_limits
from penempatan.explain.view import PlanView
from penempatan.explain.words import (
    NO_PURPOSE,
    PAIR_RULES,
    READING_ORDER,
    field_text,
    post_text,
    rule_text,
    setting_text,
    signed,
)
from penempatan.rules import FLAG_LABELS, PURPOSE_LABELS
from penempatan.scoring import purpose_names
from penempatan.scoring.eligibility import perpindahan_gaps


def why_not(view: PlanView, i: int, j: int) -> Reason:
    """Why the plan does not put employee i in post j: a rule, a move without an allowed purpose, a full
    seat (who got it), a limit (R12/R13/R14/R21), or that the employee is worth more where the plan puts
    them."""
    t, d = view.t, view.data
    if j == view.target[i]:
        raise ValueError("rencana menempatkan pegawai ini di jabatan tersebut")
    codes: list[str] = []
    bits: list[str] = []
    for code in t.hold_reasons[i]:
        codes.append(code)
        bits.append(hold_text(view, i, code))
    if i in view.pinned and view.pinned[i] != j:
        codes.append("R15")
        bits.append(rule_text("R15", f"dikunci ke {d.positions[view.pinned[i]].kode}"))
    elif i in view.wish_pins and view.wish_pins[i][0] != j:
        post, rank = view.wish_pins[i]
        bits.append(f"permintaan urutan {rank} dipenuhi ke {d.positions[post].kode}" if rank else
                    "pemohon yang tidak satu pun permintaannya dapat dipenuhi tetap di jabatannya (agar permintaan "
                    "yang ditolak tidak tercapai lewat jalan lain, SPEC 9)")
    if j != view.cur[i]:
        for code, text in post_rules(view, i, j):
            codes.append(code)
            bits.append(text)
    if bits:
        return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))
    here = view.potential_score(i, j)
    if t.post_keb[j] == 0:
        return Reason((), "Kebutuhan jabatan 0 (tidak ada kursi)")
    value = here
    if j != view.cur[i]:
        value, purposes, allowed = potential_value(view, i, j)
        if not allowed:
            text = _purpose_block(view, i, here, purposes, codes)  # may add R16 to codes: build the text first
            return Reason(tuple(codes), text)
    if view.after[j] >= t.post_keb[j]:
        bits.append(_seat_taken(view, i, j, here, value, codes))
    else:
        bits.append(_seat_free(view, i, j, value, codes))
    if view.pair(i, j) < 0 and j != view.cur[i]:
        bits.append(f"(jabatan ini tidak termasuk {view.params.maks_kandidat} calon terbaik pegawai yang dinilai "
                    "solver)")
    return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))


def post_rules(view: PlanView, i: int, j: int) -> list[tuple[str, str]]:
    """(rule code, words) for every rule that keeps employee i out of post j as a newcomer."""
    t, d = view.t, view.data
    e, q = d.employees[i], d.positions[j]
    out: list[tuple[str, str]] = []
    by_post, by_unit = view.forbidden
    if q.unit in set(d.frozen_units):
        out.append(("R15", rule_text("R15", f"unit {q.unit} dibekukan")))
    elif j in by_post.get(i, ()) or t.post_unit[j] in by_unit.get(i, ()):
        out.append(("R15", rule_text("R15", "dilarang untuk pegawai ini")))
    if t.holders[j] > t.post_keb[j]:
        out.append(("R11", rule_text("R11", f"{t.holders[j]} orang untuk {t.post_keb[j]} kursi") +
                    ", tidak menerima pegawai baru"))
    masks = t.class_exclusions(int(t.post_class[j]), np.array([i], dtype=np.int64))
    pc = t.classes[int(t.post_class[j])]
    cur = view.cur[i]
    gol = view.golongan_name
    details = {
        "R6": lambda: f"pendidikan {e.pendidikan}, minimal {q.pendidikan_min}",
        "R7": lambda: f"golongan {e.golongan}, rentang {gol.get(pc.gol_min or 0, '…')}–{gol.get(pc.gol_max or 0, '…')}",
        "R8": lambda: f"bidang pegawai {field_text(e.bidang) or 'tidak diketahui'}, bidang jabatan "
                      f"{field_text(t.post_fields[j])}",
        "R9": lambda: _promotion_detail(view, i, j),
        "R10": lambda: f"hukuman disiplin {e.hukuman}",
        "R17": lambda: "jabatan manajerial",
        "R18": lambda: _family_detail(view, i, j),
        "R19": lambda: f"kelas {t.post_kelas[cur]} → {t.post_kelas[j]}, tingkat {t.post_tingkat[cur]} → "
                       f"{t.post_tingkat[j]}",
        "R20": lambda: setting_text("isi_jpt", False),
        "R22": lambda: "; ".join(perpindahan_gaps(t, i, j)),
    }
    for code in PAIR_RULES:
        if masks[code][0]:
            out.append((code, rule_text(code, details[code]())))
    return out


def _promotion_detail(view: PlanView, i: int, j: int) -> str:
    t, p = view.t, view.params
    cur = view.cur[i]
    if t.post_tingkat[j] > t.post_tingkat[cur] + 1:
        return f"naik {t.post_tingkat[j] - t.post_tingkat[cur]} tingkat"
    e = view.data.employees[i]
    kotak = f"kotak talenta {e.kotak}" if e.kotak else "tanpa kotak talenta"
    if e.kotak in p.kotak_promosi and not e.siap_naik_jenjang:
        return "naik jenjang fungsional tanpa Siap Naik Jenjang"
    return f"promosi butuh kotak {', '.join(map(str, p.kotak_promosi))}, pegawai {kotak}"


def _family_detail(view: PlanView, i: int, j: int) -> str:
    e = view.data.employees[i]
    name = view.family(j) or ""
    family = view.t.ref.jabatan_fungsional.get(name)
    accepted = ", ".join(field_text(b) for b in sorted(family.bidang)[:6]) if family and family.bidang else ""
    subject = view.t.post_subject[j]
    if subject is not None and not view.t.teaches(subject)[i]:
        return f"{name}: jurusan {e.jurusan} tidak untuk mengajar {subject}"
    return (f"{name}: bidang pegawai {field_text(e.bidang) or 'tidak diketahui'}, pendidikan {e.pendidikan}"
            + (f"; diterima: {accepted}" if accepted else ""))


def potential_value(view: PlanView, i: int, j: int) -> tuple[int, list[str], bool]:
    """(nilai, purposes, allowed by the purpose rule) of moving employee i into post j (SPEC 4)."""
    one = np.array([i], dtype=np.int64)
    terms = view.t.move_terms(one, np.array([j], dtype=np.int64),
                              np.array([view.potential_score(i, j)], dtype=np.int64))
    return int(terms.nilai[0]), purpose_names(int(terms.purposes[0])), bool(terms.valid[0])


def _purpose_block(view: PlanView, i: int, here: int, purposes: list[str], codes: list[str]) -> str:
    """Why a move of employee i that no rule forbids is still not allowed (SPEC 4, R16)."""
    stay = int(view.stay_scores[i])
    if not purposes:
        words = [label + (f" (skor {here} vs {stay}, ambang {view.params.ambang_kesesuaian})"
                          if name == "kesesuaian" else "") for name, label in PURPOSE_LABELS.items()]
        return f"{NO_PURPOSE}: bukan {', '.join(words[:-1])} atau {words[-1]}"
    if here < stay and not view.t.forced_out[i]:
        return (f"{FLAG_LABELS['kesesuaian_turun']} (skor {stay} → {here}) tanpa tujuan {PURPOSE_LABELS['kelebihan']} "
                "atau kursi kosong jabatan wajib diisi")
    codes.append("R16")
    return rule_text("R16", "tidak bersedia; tujuan pindah ke sini tidak mengharuskan")


def _seat_taken(view: PlanView, i: int, j: int, here: int, value: int, codes: list[str]) -> str:
    """Who holds the seats of post j after the plan, with their fit there against employee i's."""
    d, t = view.data, view.t
    names: list[str] = []
    for k in view.arrivals.get(j, []):
        s, was = int(view.assigned_scores[k]), int(view.stay_scores[k])
        names.append(f"{d.employees[k].nama} ({d.employees[k].nip}) masuk dengan skor {s} "
                     f"(naik {signed(s - was)} dari {was}), nilai {view.nilai(k)}")
    staying = [k for k in d.holders[j] if view.target[k] == j and k != i]
    if staying:
        shown = ", ".join(f"{d.employees[k].nama} skor {int(view.stay_scores[k])}"
                          + (f", tertahan {'/'.join(t.hold_reasons[k])}" if t.hold_reasons[k] else "")
                          for k in staying[:3])
        more = f" dan {len(staying) - 3} lainnya" if len(staying) > 3 else ""
        names.append(f"{len(staying)} pemegang jabatan tetap ({shown}{more})")
    codes.append("R11")
    text = f"kursi penuh ({view.after[j]}/{t.post_keb[j]}, R11): " + "; ".join(names)
    was = int(view.stay_scores[i])
    text += f"; pegawai ini di sini skor {here} (naik {signed(here - was)} dari {was}), nilai {value}"
    return text + "; " + _value_elsewhere(view, i, value, codes)


def _seat_free(view: PlanView, i: int, j: int, value: int, codes: list[str]) -> str:
    """Post j still has a free seat: the limit that kept employee i out (R12–R14, R21), or their nilai where
    the plan puts them against `value` here."""
    t = view.t
    blocked = plan_limits(view, i, j, codes, own_move=True)
    seats = f"masih ada {t.post_keb[j] - view.after[j]} kursi kosong"
    if blocked:
        return f"{seats}, tetapi " + "; ".join(blocked)
    return f"{seats}; nilai pegawai ini di sini {value}, " + _value_elsewhere(view, i, value, codes)


def _value_elsewhere(view: PlanView, i: int, value: int, codes: list[str]) -> str:
    """Employee i's nilai where the plan puts them against `value` (their nilai in the post asked about)."""
    j = view.target[i]
    mine = view.nilai(i)
    where = "tetap di jabatan saat ini" if j == view.cur[i] else f"ditempatkan di {post_text(view.data, j)}"
    optimal = view.result.status.value == "OPTIMAL"
    unproven = f"pegawai ini {where} dengan nilai {mine} (rencana belum terbukti optimal)"
    if j == view.cur[i]:
        if value <= mine:
            return (f"pegawai ini {where} dengan nilai {mine}; pindah ke sini tidak menambah nilai "
                    f"({value} ≤ {mine})")
        return (f"pegawai ini {where} dengan nilai {mine}; rencana keseluruhan lebih bernilai tanpa "
                "perpindahan ini" if optimal else unproven)
    if value <= mine:
        return f"pegawai ini {where} dengan nilai {mine} (tidak lebih rendah dari {value} di sini)"
    if view.t.post_wajib[j]:
        codes.append("R12")
        return f"pegawai ini {where} dengan nilai {mine}; {rule_text('R12')}"
    return (f"pegawai ini {where} dengan nilai {mine}; rencana keseluruhan lebih bernilai dengan penempatan itu"
            if optimal else unproven)


def alternatives(view: PlanView, i: int, n: int = 5) -> list[int]:
    """The n posts (other than where the plan puts i, and i's own post) with i's highest newcomer
    score among those no rule closes to i; ties: posts with a free seat after the plan, then order."""
    t = view.t
    scores, closed = _newcomer_view(view, i)
    ok = ~np.logical_or.reduce(list(closed.values())) & (t.post_keb > 0)
    ok[[view.cur[i], view.target[i]]] = False
    cand = np.nonzero(ok)[0]
    order = cand[np.lexsort((cand, view.after[cand] >= t.post_keb[cand], -scores[cand]))]
    return order[:n].tolist()


def closed_better(view: PlanView, i: int) -> dict[str, int]:
    """Per rule code: how many posts that would score higher for i than where the plan puts them
    that rule closes to i (a post may count under several rules)."""
    scores, closed = _newcomer_view(view, i)
    better = scores > int(view.assigned_scores[i])
    better[[view.cur[i], view.target[i]]] = False
    counts = {code: int((mask & better).sum()) for code, mask in closed.items()}
    return {code: counts[code] for code in READING_ORDER if counts.get(code)}


def _newcomer_view(view: PlanView, i: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Employee i's newcomer score in every post, and per rule code the posts it closes to i."""
    t, d = view.t, view.data
    one = np.array([i], dtype=np.int64)
    n_class = len(t.classes)
    base = np.array([t.class_parts(c, one)[0].sum() for c in range(n_class)], dtype=np.int64)
    per_class = {code: np.zeros(n_class, dtype=bool) for code in PAIR_RULES}
    for c in range(n_class):
        for code, mask in t.class_exclusions(c, one).items():
            per_class[code][c] = bool(mask[0])
    raw = base[t.post_class] if t.n_post else np.zeros(0, dtype=np.int64)
    closed = {code: per_class[code][t.post_class] for code in PAIR_RULES}
    closed["R11"] = t.holders > t.post_keb
    by_post, by_unit = view.forbidden
    frozen = np.isin(t.post_unit, [k for k, u in enumerate(t.unit_names) if u in set(d.frozen_units)])
    r15 = frozen | np.isin(t.post_unit, list(by_unit.get(i, ())))
    r15[list(by_post.get(i, ()))] = True
    closed["R15"] = r15
    return np.clip(raw, 0, 100), closed


def runners_up(view: PlanView, j: int, n: int = 5) -> list[tuple[int, int]]:
    """(employee, score in post j) of the best candidates the plan does not put in post j."""
    rows = [k for k in view.best_for_post.get(j, []) if view.target[int(view.cand.emp[k])] != j]
    return [(int(view.cand.emp[k]), view.row_score[k]) for k in rows[:n]]
