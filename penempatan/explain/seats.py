"""Why a seat stays empty (`Jabatan Kosong`): what closes the post (R11, R15, R20), where its candidates went
instead and what held them (R11–R14, R21), or how many employees each rule filters out; for an empty JPT
Pratama seat the shortlist from the talent pool (R20, `Calon`); and the staffing per unit (`Per Unit`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from penempatan.explain.rows import Candidate, EmptySeatRow, Reason, UnitRow
from penempatan.explain.stays import blocked, r21_blocks
from penempatan.explain.view import PlanView
from penempatan.explain.words import NO_PURPOSE, READING_ORDER, education_text, field_text, rule_text, setting_text
from penempatan.parameters import param_label
from penempatan.rules import RULES
from penempatan.scoring import Tables, total
from penempatan.text import number

CLOSED_FOR_WISH = ("ditahan untuk permintaan pindah: seorang pemohon dengan prioritas lebih tinggi meminta jabatan "
                   "ini tetapi tidak dapat dipindahkan pada putaran ini (lihat sheet Permintaan dan penjelasan "
                   "pemohon); agar tidak ada pemohon yang dilangkahi, jabatan ini tidak menerima pegawai lain selain "
                   "permintaan yang dipenuhi")
"""The reason of an empty seat in a post closed by `wishes.serve` (SPEC 9: no justified envy)."""

_SELECTION_RULES = ("R6", "R7", "R8", "R9", "R10", "R18", "R19")
"""Rules a JPT candidate must meet as if R20 allowed the move (selection decides the rest)."""


def empty_seats(view: PlanView) -> list[int]:
    """Posts with fewer people than Kebutuhan after the plan, in post order."""
    return np.nonzero(view.after < view.t.post_keb)[0].tolist()


def empty_seat_rows(view: PlanView) -> list[EmptySeatRow]:
    """`Jabatan Kosong`: posts with seats still empty, why, and for a JPT seat (R20) the shortlist."""
    d, t = view.data, view.t
    out = []
    for j in empty_seats(view):
        q = d.positions[j]
        calon = calon_text(view, j) if selection_seat(view, j) else ""
        out.append(EmptySeatRow(kode=q.kode, nama=q.nama, unit=q.unit, empty=int(t.post_keb[j] - view.after[j]),
                                reason=empty_seat_reason(view, j).text, candidates=calon))
    return out


def unit_rows(view: PlanView) -> list[UnitRow]:
    """`Per Unit`: per unit, and under it per location when the unit has several (R21: a school, a puskesmas,
    the rest of the unit), Kebutuhan, people and seats filled before and after, arrivals and departures, and what
    is short or over after the plan, counted per post so that a surplus is not hidden by a vacancy next door."""
    t = view.t
    places_of: dict[int, list[int]] = {}
    for k, (unit, _) in enumerate(t.place_names):
        places_of.setdefault(t.unit_names.index(unit), []).append(k)
    unit_counts = _group_counts(view, t.post_unit, t.emp_unit, len(t.unit_names))
    place_counts = _group_counts(view, t.post_place, t.post_place[t.cur], len(t.place_names))
    out = []
    for u, name in enumerate(t.unit_names):
        out.append(UnitRow(unit=name, place=UnitRow.WHOLE_UNIT, **unit_counts[u]))
        places = places_of.get(u, [])
        if len(places) > 1:
            for k in places:
                place = t.place_names[k][1]
                out.append(UnitRow(unit=name, place=UnitRow.REST_OF_UNIT if place == name else place,
                                   **place_counts[k]))
    return out


def _group_counts(view: PlanView, post_group: np.ndarray, emp_group: np.ndarray, n: int) -> list[dict[str, Any]]:
    """Per group of posts (units or locations), the numbers of one `UnitRow` (everything but its names)."""
    t = view.t
    target = post_group[view.result.assignment]
    leaves = target != emp_group

    def per_group(keys: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(keys, weights=weights, minlength=n).astype(np.int64)

    need = per_group(post_group, t.post_keb)
    before, after = per_group(emp_group), per_group(target)
    filled_before = per_group(post_group, np.minimum(t.holders, t.post_keb))
    filled_after = per_group(post_group, np.minimum(view.after, t.post_keb))
    arriving, leaving = per_group(target[leaves]), per_group(emp_group[leaves])
    short = per_group(post_group, np.maximum(0, t.post_keb - view.after))
    extra = per_group(post_group, np.maximum(0, view.after - t.post_keb))
    out = []
    for g in range(n):
        gap = ([f"kurang {int(short[g])}"] if short[g] else []) + ([f"lebih {int(extra[g])}"] if extra[g] else [])
        out.append({"need": int(need[g]), "before": int(before[g]), "after": int(after[g]),
                    "filled_before": int(filled_before[g]), "filled_after": int(filled_after[g]),
                    "arriving": int(arriving[g]), "leaving": int(leaving[g]), "gap": ", ".join(gap) or "sesuai"})
    return out


class ClassExclusions:
    """Pair-rule masks of every movable employee against one post class, kept to answer per post fast."""

    def __init__(self, t: Tables, c: int, movable: np.ndarray) -> None:
        masks = {code: np.asarray(m, dtype=bool) for code, m in t.class_exclusions(c, movable).items()}
        cur = t.cur[movable]
        self.total = {code: int(m.sum()) for code, m in masks.items()}
        self.by_post = {code: np.bincount(cur[m], minlength=t.n_post) for code, m in masks.items()}
        ok = ~np.logical_or.reduce(list(masks.values())) if masks else np.ones(len(movable), dtype=bool)
        self.ok_emp = movable[ok]
        self._t = t
        self._c = c
        self._fit: np.ndarray | None = None
        self._ranked: list[tuple[int, int]] | None = None

    def fit_of(self, emp: np.ndarray) -> np.ndarray:
        """Fit in this class of `emp` (a subset of `ok_emp`, in its order)."""
        if self._fit is None:
            self._fit = total(self._t.class_parts(self._c, self.ok_emp)) if len(self.ok_emp) else self.ok_emp
        return self._fit[np.searchsorted(self.ok_emp, emp)]

    def best_outside(self, j: int, target: list[int]) -> tuple[int, int] | None:
        """(employee, fit) of the best eligible employee whose move to post j has an allowed purpose,
        neither in post j before the plan nor after it."""
        t = self._t
        if self._ranked is None:
            emp = self.ok_emp
            scores = self.fit_of(emp) if len(emp) else emp
            order = np.lexsort((emp, -scores))
            self._ranked = list(zip(emp[order].tolist(), scores[order].tolist(), strict=True))
        for i, s in self._ranked:
            if t.cur[i] != j and target[i] != j:
                valid = t.move_terms(np.array([i]), np.array([j]), np.array([s])).valid[0]
                if valid:
                    return i, int(s)
        return None


def _class(view: PlanView, j: int) -> ClassExclusions:
    """The exclusions of post j's class, built once per view and class."""
    c = int(view.t.post_class[j])
    movable = view.memo("movable", lambda: np.nonzero(view.t.movable)[0])
    return view.memo(("class_exclusions", c), lambda: ClassExclusions(view.t, c, movable))


def _holds(view: PlanView) -> tuple[Counter[str], dict[int, Counter[str]]]:
    """Employee-level holds (R1, R4, R5, R15, R17, R20): counted over everyone, and per post."""

    def build() -> tuple[Counter[str], dict[int, Counter[str]]]:
        everyone: Counter[str] = Counter()
        by_post: dict[int, Counter[str]] = {}
        for i, codes in enumerate(view.t.hold_reasons):
            if codes:
                everyone.update(codes)
                by_post.setdefault(view.cur[i], Counter()).update(codes)
        return everyone, by_post

    return view.memo("holds", build)


def exclusion_counts(view: PlanView, j: int) -> dict[str, int]:
    """For post j: how many employees each rule keeps out of it (an employee may count under several).

    Employee-level holds count first; pair rules are counted among the movable rest, from per-class caches.
    An over-staffed post (R11) or a post in a frozen unit (R15) takes nobody new at all.
    """
    t = view.t
    others = t.n_emp - int(t.holders[j])
    if t.unit_names[t.post_unit[j]] in set(view.data.frozen_units):
        return {"R15": others}
    if t.holders[j] > t.post_keb[j]:
        return {"R11": others}
    counts: dict[str, int] = {}
    everyone, by_post = _holds(view)
    own = by_post.get(j, Counter())
    for code, n in everyone.items():
        if n - own[code] > 0:
            counts[code] = counts.get(code, 0) + n - own[code]
    cls = _class(view, j)
    for code, n in cls.total.items():
        v = n - int(cls.by_post[code][j])
        if v > 0:
            counts[code] = counts.get(code, 0) + v
    return counts


def _eligible(view: PlanView, j: int) -> np.ndarray:
    """Movable employees that no pair rule keeps out of post j, other than its holders and the people
    the plan already puts in it."""
    emp = _class(view, j).ok_emp
    keep = (view.t.cur[emp] != j) & (view.result.assignment[emp] != j)
    return emp[keep]


def _purposeful_count(view: PlanView, j: int) -> int:
    """Of the eligible employees for post j, those whose move there would have a purpose that the
    purpose rule allows (SPEC 4; `Tables.move_terms`)."""
    emp = _eligible(view, j)
    if not len(emp):
        return 0
    fit = _class(view, j).fit_of(emp)
    return int(view.t.move_terms(emp, np.full(len(emp), j, dtype=np.int64), fit).valid.sum())


def _rule_counts_text(view: PlanView, j: int, no_purpose: int) -> str:
    """'R6 (pendidikan …): 12 pegawai, …' in reading order, then employees without a purpose."""
    counts = exclusion_counts(view, j)
    parts = [f"{c} ({RULES[c].text}): {number(counts[c])} pegawai" for c in READING_ORDER if counts.get(c)]
    if no_purpose:
        parts.append(f"{NO_PURPOSE}: {number(no_purpose)} pegawai")
    return ", ".join(parts)


def empty_seat_reason(view: PlanView, j: int) -> Reason:
    """`Alasan` of a post with empty seats: what closes it (R11, R15, R20), or where its candidates went
    instead and what held them (R11–R14, R21), or the rule counts and the count without a purpose."""
    t, d, p = view.t, view.data, view.params
    q = d.positions[j]
    codes: list[str] = ["R12"] if t.post_wajib[j] else []
    if t.holders[j] > t.post_keb[j]:
        codes.append("R11")
        text = (rule_text("R11", f"{t.holders[j]} orang untuk {t.post_keb[j]} kursi sebelum rencana")
                + " sehingga tidak menerima pegawai baru")
    elif q.unit in set(d.frozen_units):
        codes.append("R15")
        text = rule_text("R15", f"unit {q.unit} dibekukan") + ", tidak ada pegawai masuk"
    elif t.post_jpt[j] and not p.isi_jpt:
        codes.append("R20")
        text = (rule_text("R20", setting_text("isi_jpt", False)) + f": kursi tidak diisi oleh rencana; "
                f"{number(len(jpt_pool(view, j)))} pegawai talent pool memenuhi syarat, calon terbaik di kolom Calon")
    elif t.post_closed[j]:
        text = CLOSED_FOR_WISH
    else:
        text = _open_post(view, j, codes)
    if t.post_wajib[j]:
        text = rule_text("R12") + ", tetapi " + text
    return Reason(tuple(dict.fromkeys(codes)), text)


def _open_post(view: PlanView, j: int, codes: list[str]) -> str:
    """A post that could take newcomers: who came, where its candidates went, or what filtered everyone out."""
    bits: list[str] = []
    if j in view.arrivals:
        bits.append(f"{len(view.arrivals[j])} pegawai masuk ke jabatan ini")
    # Candidates the plan put in this very post are not "elsewhere".
    rows = [k for k in view.best_for_post.get(j, []) if view.target[int(view.cand.emp[k])] != j]
    if rows:
        bits.append(_went_elsewhere(view, j, rows, codes))
        return "; ".join(bits)
    eligible = len(_eligible(view, j))
    purposeful = _purposeful_count(view, j)
    if purposeful > 0:
        text = (f"{number(purposeful)} pegawai memenuhi syarat dan bertujuan, tetapi jabatan ini tidak masuk "
                f"daftar calon mereka (jumlah calon per pegawai dibatasi, lihat “{param_label('maks_kandidat')}”)")
        best = _class(view, j).best_outside(j, view.target)
        if best is not None:
            text += f"; terbaik: {_whereabouts(view, *best)}"
        bits.append(text)
    else:
        codes.extend(c for c in READING_ORDER if exclusion_counts(view, j).get(c))
        other = " lain" if j in view.arrivals else ""
        bits.append(f"tidak ada calon{other} yang memenuhi syarat dan bertujuan; tersaring oleh "
                    + _rule_counts_text(view, j, eligible) + " (satu pegawai dapat tersaring oleh beberapa aturan)")
    return "; ".join(bits)


def _went_elsewhere(view: PlanView, j: int, rows: list[int], codes: list[str]) -> str:
    """Post j had candidates: where the best went, who would have gained here but was held (and by
    what), and for a must-fill post how many R21 held."""
    d = view.data
    held_by: list[str] = []  # rules that held a candidate in their own post (R12 there is not this post's)
    gainer = next((k for k in rows if _stayed_despite_gain(view, k)), -1)
    best = rows[0]
    text = (f"{number(len(_eligible(view, j)))} pegawai memenuhi syarat ({len(rows)} dinilai sebagai calon), "
            "tetapi lebih bernilai di tempat lain; terbaik: "
            + _whereabouts(view, int(view.cand.emp[best]), view.row_score[best]))
    if gainer == best:
        text += ", tetap karena " + blocked(view, int(view.cand.emp[best]), j, held_by)
    elif gainer >= 0:
        i = int(view.cand.emp[gainer])
        e = d.employees[i]
        why = blocked(view, i, j, held_by)
        text += (f"; {e.nama} ({e.nip}) akan bernilai {view.row_nilai[gainer]} di sini (tetap: "
                 f"{int(view.stay_scores[i])}), tetapi tetap karena {why}")
    codes.extend(code for code in held_by if code != "R12")
    held = [int(view.cand.emp[k]) for k in rows if r21_blocks(view, int(view.cand.emp[k]), j) is not None] \
        if view.t.post_wajib[j] else []
    if held:
        codes.append("R21")
        e = d.employees[held[0]]
        text += "; " + rule_text("R21", f"{len(held)} calon tidak dapat dilepas unit atau lokasinya tanpa pengganti, "
                                       f"a.l. {e.nama} ({e.nip}) dari {d.positions[view.cur[held[0]]].unit}")
    return text


def _stayed_despite_gain(view: PlanView, k: int) -> bool:
    """Did the employee of candidate row k stay although that move was worth more than staying?"""
    i = int(view.cand.emp[k])
    return view.target[i] == view.cur[i] and view.row_nilai[k] > int(view.stay_values[i])


def _whereabouts(view: PlanView, i: int, score_here: int) -> str:
    e = view.data.employees[i]
    j = view.target[i]
    q = view.data.positions[j]
    where = "tetap di" if j == view.cur[i] else "ditempatkan di"
    return (f"{e.nama} ({e.nip}) skor {score_here} di sini, {where} {q.kode} {q.nama} ({q.unit}) "
            f"dengan skor {int(view.assigned_scores[i])}")


# --- shortlists for selection seats (R20, R22, R25) -----------------------------------------------------------
JPT_MIN_TENURE_MONTHS = 24
"""R25: a JPT holder is not replaced within two years of appointment (UU 5/2014 Pasal 116), so is no candidate."""


def selection_seat(view: PlanView, j: int) -> bool:
    """Post j is filled by selection, not by the plan: a JPT Pratama seat (R20, isi_jpt off) or a JF family
    entered from other jabatan only by selection (R22, Pengawas Sekolah)."""
    t = view.t
    if t.post_jpt[j] and not view.params.isi_jpt:
        return True
    family = t.ref.jabatan_fungsional.get(t.post_family[j] or "")
    return family is not None and family.seleksi


def jpt_pool(view: PlanView, j: int) -> list[tuple[int, int]]:
    """(employee, fit) of everyone eligible for selection seat j, best first (R25): kotak talenta in
    kotak_promosi, status that may move (R5), not retiring (R4), R6–R10, R18, R19 met as if R20 allowed the
    move (for a selection JF: the family's licence); not its holders, not a JPT holder under two years in
    post, not someone the plan moves."""
    t = view.t
    c = int(t.post_class[j])
    emp, fit = view.memo(("jpt_pool", c), lambda: _selection_pool(view, c))
    return [(i, s) for i, s in zip(emp.tolist(), fit.tolist(), strict=True)
            if view.cur[i] != j and view.target[i] == view.cur[i]
            and not (t.post_jpt[view.cur[i]] and t.emp_tenure[i] < JPT_MIN_TENURE_MONTHS)]


def _selection_pool(view: PlanView, c: int) -> tuple[np.ndarray, np.ndarray]:
    t, p = view.t, view.params
    allowed = set(p.status_boleh_mutasi)
    emp = np.array([i for i, e in enumerate(view.data.employees)
                    if e.status in allowed and "R4" not in t.hold_reasons[i]], dtype=np.int64)
    emp = emp[np.isin(t.emp_kotak[emp], np.array(p.kotak_promosi, dtype=np.int64))]
    if len(emp):
        masks = t.class_exclusions(c, emp)
        emp = emp[~np.logical_or.reduce([masks[code] for code in _SELECTION_RULES])]
    family = t.classes[c].rumpun_jf
    if family is not None and len(emp):
        emp = emp[t.holds_licence(family)[emp]]
    fit = total(t.class_parts(c, emp)) if len(emp) else np.zeros(0, dtype=np.int64)
    order = np.lexsort((emp, -t.emp_kotak[emp], -fit))
    return emp[order], fit[order]


def shortlists(view: PlanView) -> dict[int, list[list[Candidate]]]:
    """R25: per empty selection seat, one list of `jumlah_calon` candidates for each empty seat of the post.
    Seats with the fewest eligible people choose first, and nobody is on more than one list, so no two seats
    get the same names."""
    def build() -> dict[int, list[list[Candidate]]]:
        n = view.params.jumlah_calon
        seats = [j for j in empty_seats(view) if selection_seat(view, j)]
        pools = {j: jpt_pool(view, j) for j in seats}
        used: set[int] = set()
        out: dict[int, list[list[Candidate]]] = {}
        for j in sorted(seats, key=lambda j: (len(pools[j]), j)):
            lists = []
            for _ in range(int(view.t.post_keb[j] - view.after[j])):
                picked = [(i, s) for i, s in pools[j] if i not in used][:n]
                used.update(i for i, _ in picked)
                lists.append([_candidate(view, j, i, s) for i, s in picked])
            out[j] = lists
        return out

    result: dict[int, list[list[Candidate]]] = view.memo("shortlists", build)
    return result


def shortlist(view: PlanView, j: int) -> list[Candidate]:
    """`Calon` of the first empty seat of selection post j (R25); [] for any other post."""
    lists = shortlists(view).get(j, [])
    return lists[0] if lists else []


def calon_text(view: PlanView, j: int) -> str:
    """The `Calon` cell of post j: its numbered list, one per empty seat ('Kursi 2:' before the second)."""
    lists = shortlists(view).get(j, [])
    blocks = []
    for k, names in enumerate(lists, 1):
        head = f"Kursi {k}:\n" if len(lists) > 1 else ""
        blocks.append(head + ("\n".join(f"{m}. {c.text}" for m, c in enumerate(names, 1)) or "tidak ada"))
    return "\n\n".join(blocks)


def _candidate(view: PlanView, j: int, i: int, score: int) -> Candidate:
    """One name on a shortlist, with why: kotak, education, kinerja, field, managerial competence."""
    d = view.data
    q = d.positions[j]
    e = d.employees[i]
    here = d.positions[view.cur[i]]
    why = [f"kotak talenta {e.kotak}", education_text(e.pendidikan, e.jurusan), f"kinerja {e.kinerja}"]
    fields = view.t.post_score_fields[j]
    if fields and (e.bidang in fields or fields & set(e.pelatihan)):
        source = "pendidikan" if e.bidang in fields else "pelatihan"
        why.append(f"bidang {source} sesuai ({field_text(fields)})")
    elif e.bidang:
        why.append(f"bidang {field_text(e.bidang)}")
    if q.standar_manajerial:
        level = int(view.t.emp_komp[i, 0])
        why.append(f"kompetensi manajerial {level or '-'} (standar {q.standar_manajerial})")
    return Candidate(i, score, f"{e.nama} ({e.nip}), {here.nama} ({here.unit}), skor {score}: " + ", ".join(why))
