"""Eligibility with reason codes (SPEC 3): which rules keep an employee in place, which keep a pair out.

Employee-level holds (R1, R4, R5, R15, R17, R20, R23, R24) come from `hold_reasons`; pair-level rules are one function
each in `PAIR_RULES`, evaluated for many employees against one post class at once (arrays in, a mask out:
True where the rule excludes the pair). The rules' wording is in rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from penempatan.model import ProblemData
from penempatan.rules import PREDIKAT_MINIMAL_PERPINDAHAN, PREDIKAT_TANPA_MUTASI, RULES

if TYPE_CHECKING:
    from penempatan.scoring.tables import PostClass, Tables

JPT = "JPT Pratama"

RULE_TEXT = {code: r.cited for code, r in RULES.items()}
"""Rule wording with its source by code (from the registry in rules.py)."""


def hold_reasons(t: Tables) -> list[tuple[str, ...]]:
    """Per employee, the rule codes that keep them in place (empty = may move)."""
    p = t.data.params
    frozen = set(t.data.frozen_units)
    out: list[tuple[str, ...]] = []
    allowed = set(p.status_boleh_mutasi)
    weak = people_gate(t)
    abolished = t.post_keb[t.cur] == 0 if t.n_emp else np.zeros(0, dtype=bool)
    for i, e in enumerate(t.data.employees):
        codes = []
        if t.emp_tenure[i] < p.masa_jabatan_minimal_bulan and not t.forced_out[i]:
            codes.append("R1")
        if t.retirement_months[i] < p.batas_pensiun_bulan:
            codes.append("R4")
        if e.status not in allowed:
            codes.append("R5")
        if t.unit_names[t.emp_unit[i]] in frozen:
            codes.append("R15")
        if p.in_pilkada_freeze and t.post_manajerial[t.cur[i]]:
            codes.append("R17")
        if not p.isi_jpt and t.post_jpt[t.cur[i]]:
            codes.append("R20")
        if weak[i] and not t.forced_out[i]:
            codes.append("R23")
        if t.retirement_months[i] < p.tanpa_mutasi_sebelum_bup and not (t.emp_asked[i] or abolished[i]):
            codes.append("R24")
        out.append(tuple(codes))
    return out


def people_gate(t: Tables) -> np.ndarray:
    """R23: per employee, kotak talenta in kotak_tanpa_mutasi, predikat Kurang or Sangat Kurang, or an active
    hukuman disiplin (only a move out of a surplus or abolished post is allowed then)."""
    worst = max(t.ref.kinerja_rank(k) for k in PREDIKAT_TANPA_MUTASI)
    kotak = np.isin(t.emp_kotak, np.array(t.data.params.kotak_tanpa_mutasi, dtype=np.int64))
    return kotak | (t.emp_kinerja <= worst) | t.emp_sanction_active


# --- pair rules against a post class ---------------------------------------------------------------------
PairRule = Callable[["Tables", "PostClass", np.ndarray], np.ndarray]
"""A pair rule: (tables, post class, employee indices) -> True where the rule excludes the pair."""


def _promotion(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R9: a higher Kelas Jabatan or a higher tingkat (penyetaraan ladder) than the current post."""
    cur = t.cur[emp]
    return (pc.kelas > t.post_kelas[cur]) | (pc.tingkat > t.post_tingkat[cur])


def _same_family(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """Holds a post of the class's JF family today."""
    return t.post_family_id[t.cur[emp]] == t.family_id(pc.rumpun_jf)


def _trained_in(t: Tables, emp: np.ndarray, mask: int) -> np.ndarray:
    """Has each employee a training in any field of the bit set `mask`?"""
    return (t.emp_trained[emp] & mask).astype(bool)


def education_below_minimum(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R6: education below the post's Pendidikan Minimal."""
    return t.emp_pend[emp] < pc.pend_min


def golongan_out_of_range(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R7: golongan outside the post's range (one step below allowed for structural posts with
    toleransi_golongan); a PPPK golongan never fits a PNS post."""
    gol = t.emp_gol[emp]
    tol = 1 if (t.data.params.toleransi_golongan and pc.struktural) else 0
    out = np.zeros(len(emp), dtype=bool)
    if pc.gol_min is not None:
        out |= gol < pc.gol_min - tol
    if pc.gol_max is not None:
        out |= gol > pc.gol_max
    return out | t.emp_pppk_gol[emp]


def field_mismatch(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R8 (bidang_wajib): a post with fields (its Bidang and its JF family's accepted fields) needs the
    employee's programme, or a training, in one of them."""
    if not t.data.params.bidang_wajib or not pc.bidang:
        return np.zeros(len(emp), dtype=bool)
    mask = t.fields_mask(pc.bidang)
    return ~((t.emp_field_bit[emp] & mask).astype(bool) | _trained_in(t, emp, mask))


def promotion_not_allowed(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R9: a promotion only from kotak_promosi and at most one tingkat up; a higher jenjang inside one JF
    family only when Siap Naik Jenjang."""
    cur = t.cur[emp]
    out = _promotion(t, pc, emp) & (~t.emp_promo_ok[emp] | (pc.tingkat > t.post_tingkat[cur] + 1))
    if pc.rumpun_jf is not None and pc.jenjang:
        higher = t.ref.jenjang_urutan(pc.jenjang) > t.post_jenjang_rank[cur]
        out |= _same_family(t, pc, emp) & higher & ~t.emp_siap[emp]
    return out


def sanction_blocks(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R10: an active Sedang/Berat sanction forbids a promotion; an active Berat one a managerial post."""
    return (_promotion(t, pc, emp) & t.emp_sanction_heavy[emp]) | (pc.manajerial & t.emp_sanction_berat[emp])


def pilkada_freeze(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R17: inside the Pilkada window no move into a managerial post (moves out of one are holds)."""
    return np.full(len(emp), bool(t.data.params.in_pilkada_freeze and pc.manajerial))


def jf_not_qualified(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R18: the employee lacks the JF family's qualification (jabatan_fungsional.csv): the track's minimum
    education, an accepted field (or, for an unlicensed family, a training in one), and for a teaching post
    that names a subject a programme that teaches it (mata_pelajaran.csv: Guru Matematika <- Pendidikan
    Matematika)."""
    out = np.zeros(len(emp), dtype=bool)
    family = t.ref.jabatan_fungsional.get(pc.rumpun_jf) if pc.rumpun_jf else None
    if family is None:
        return out
    if pc.mapel is not None:
        out |= ~t.teaches(pc.mapel)[emp]
    keahlian = (pc.jenjang or "").startswith("Ahli")
    minimum = family.pendidikan_keahlian if keahlian else family.pendidikan_keterampilan
    if minimum is not None:
        out |= t.emp_pend[emp] < t.ref.pendidikan[minimum]
    if not family.bidang:
        return out
    accepted = np.array([t.field_id[f] for f in family.bidang], dtype=np.int64)
    qualified = np.isin(t.emp_field[emp], accepted)
    if not family.licensed:
        qualified |= _trained_in(t, emp, sum(1 << int(k) for k in accepted))
    # A holder of this family with no programme recorded: the appointment proves it.
    qualified |= (t.emp_field[emp] < 0) & _same_family(t, pc, emp)
    return out | ~qualified


PERPINDAHAN_GATES = ("seleksi", "usia", "predikat", "lisensi", "pengalaman")
"""R22's conditions, in the order its reasons are listed (`perpindahan_gates`)."""


def perpindahan_gates(t: Tables, pc: PostClass, emp: np.ndarray) -> dict[str, np.ndarray]:
    """R22 per condition: True where employees `emp` moving into JF post class `pc` from another family or
    jabatan (perpindahan, PermenPANRB 1/2023) fail it — a family entered only by selection (Pengawas Sekolah)
    takes nobody; age within the jenjang's limit; predikat at least Baik; the family's licence (Sertifikat);
    experience: the months the family asks in the current post, whose work's fields (`post_score_fields`) meet
    the family's (or, in a post with no field, the employee's own programme does). Empty for a post of no family
    and all False for someone already in the family."""
    family = t.ref.jabatan_fungsional.get(pc.rumpun_jf) if pc.rumpun_jf else None
    if family is None:
        return {}
    switch = ~_same_family(t, pc, emp)
    limit = t.ref.perpindahan_age(pc.jenjang)
    mask = t.fields_mask(family.bidang)
    cur_bits = t.post_field_bits[t.cur[emp]]
    related = (cur_bits & mask).astype(bool) | ((cur_bits == 0) & (t.emp_field_bit[emp] & mask).astype(bool))
    experienced = (t.emp_tenure[emp] >= family.pengalaman_bulan) & (related | (mask == 0))
    fails = {
        "seleksi": np.full(len(emp), family.seleksi),
        "usia": t.emp_age[emp] > limit if limit is not None else np.zeros(len(emp), dtype=bool),
        "predikat": t.emp_kinerja[emp] < t.ref.kinerja_rank(PREDIKAT_MINIMAL_PERPINDAHAN),
        "lisensi": ~t.holds_licence(family.nama)[emp],
        "pengalaman": ~experienced,
    }
    return {gate: switch & fails[gate] for gate in PERPINDAHAN_GATES}


def perpindahan_not_allowed(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R22: a move into a JF from another family or jabatan that fails any of `perpindahan_gates`."""
    gates = perpindahan_gates(t, pc, emp)
    return np.logical_or.reduce(list(gates.values())) if gates else np.zeros(len(emp), dtype=bool)


def perpindahan_gaps(t: Tables, i: int, j: int) -> list[str]:
    """R22 in words: the conditions employee i fails for a perpindahan into JF post j (empty when none, or when
    j is no perpindahan for i); a selection family names only that."""
    pc = t.classes[int(t.post_class[j])]
    failed = [gate for gate, mask in perpindahan_gates(t, pc, np.array([i], dtype=np.int64)).items() if mask[0]]
    if not failed:
        return []
    family = t.ref.jabatan_fungsional[pc.rumpun_jf or ""]
    words = {
        "seleksi": f"{family.nama} hanya diisi lewat seleksi",
        "usia": f"usia {int(t.emp_age[i])} tahun, batas {t.ref.perpindahan_age(pc.jenjang)} tahun untuk {pc.jenjang}",
        "predikat": f"predikat kinerja {t.data.employees[i].kinerja}, minimal {PREDIKAT_MINIMAL_PERPINDAHAN}",
        "lisensi": f"belum memiliki {family.lisensi}",
        "pengalaman": f"pengalaman di bidang {family.nama} kurang dari {family.pengalaman_bulan} bulan",
    }
    return [words["seleksi"]] if "seleksi" in failed else [words[gate] for gate in failed]


def step_down(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R19 (boleh_turun_kelas off): no lower kelas or tingkat, unless forced out with no equal post."""
    cur = t.cur[emp]
    demotion = (pc.kelas < t.post_kelas[cur]) | (pc.tingkat < t.post_tingkat[cur])
    return demotion & (not t.data.params.boleh_turun_kelas) & ~t.no_equal_post[emp]


def jpt_by_selection(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """R20 (isi_jpt off): nobody is placed into a JPT Pratama post (its holders are held in place)."""
    return np.full(len(emp), pc.jenis == JPT and not t.data.params.isi_jpt)


PAIR_RULES: dict[str, PairRule] = {
    "R6": education_below_minimum,
    "R7": golongan_out_of_range,
    "R8": field_mismatch,
    "R9": promotion_not_allowed,
    "R10": sanction_blocks,
    "R17": pilkada_freeze,
    "R18": jf_not_qualified,
    "R19": step_down,
    "R20": jpt_by_selection,
    "R22": perpindahan_not_allowed,
}
"""Every pair-level hard rule by code, in code order (the order reasons are listed in)."""


def class_exclusions(t: Tables, c: int, emp: np.ndarray, *, with_r19: bool = True) -> dict[str, np.ndarray]:
    """Pair-level hard rules for employees `emp` against post class `c`: a mask per rule code, True where
    that rule excludes the pair (R19 left out when `with_r19` is False)."""
    pc = t.classes[c]
    return {code: rule(t, pc, emp) for code, rule in PAIR_RULES.items() if with_r19 or code != "R19"}


def no_equal_post(t: Tables) -> np.ndarray:
    """R19 exception: per employee, True when forced out and no open post of at least their kelas and
    tingkat passes every other pair rule for them (only then may they step down, flagged). Someone forced out
    whom a hold rule keeps (R24 near BUP, say) can take no equal post at all: True, as `check` reads it (their
    own request may lift the hold for a wished post, SPEC 9, and that post may then be a step down)."""
    out = t.forced_out & ~t.movable
    forced = np.nonzero(t.forced_out & t.movable)[0]
    if len(forced) == 0:
        return out
    forbid_post, forbid_unit = forbidden_moves(t.data, t)
    out[forced] = True
    for c, pc in enumerate(t.classes):
        posts = np.nonzero((t.post_class == c) & t.post_open)[0]
        if len(posts) == 0:
            continue
        cur = t.cur[forced]
        level = (pc.kelas >= t.post_kelas[cur]) & (pc.tingkat >= t.post_tingkat[cur])
        if not level.any():
            continue
        rules = class_exclusions(t, c, forced, with_r19=False)
        ok = level & ~np.logical_or.reduce(list(rules.values()))
        for i in forced[ok & out[forced]].tolist():
            if any(j != t.cur[i] and j not in forbid_post.get(i, ())
                   and t.post_unit[j] not in forbid_unit.get(i, ()) for j in posts.tolist()):
                out[i] = False
    return out


# --- scenario rules (R15) and what keeps people out of a post --------------------------------------------
def forbidden_moves(data: ProblemData, t: Tables) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """R15 forbids as {employee: {post}} and {employee: {unit}}."""
    by_post: dict[int, set[int]] = {}
    by_unit: dict[int, set[int]] = {}
    units = {u: k for k, u in enumerate(t.unit_names)}
    for f in data.forbids:
        i = data.employee_index[f.nip]
        if f.kode_jabatan:
            by_post.setdefault(i, set()).add(data.position_index[f.kode_jabatan])
        if f.unit and f.unit in units:
            by_unit.setdefault(i, set()).add(units[f.unit])
    return by_post, by_unit


def pin_violations(data: ProblemData, t: Tables, i: int, j: int, forbid_post: dict[int, set[int]],
                   forbid_unit: dict[int, set[int]]) -> tuple[str, ...]:
    """Rule codes a pin (employee i must end in post j) would break; empty when the pin is allowed."""
    if j == t.cur[i]:
        return ()
    codes = list(t.hold_reasons[i])
    excl = t.class_exclusions(int(t.post_class[j]), np.array([i], dtype=np.int64))
    codes += [code for code, mask in excl.items() if mask[0]]
    if t.granted.get(i) == j:  # a granted wish is a move asked for: R24 yields (SPEC 9)
        codes = [c for c in codes if c != "R24"]
    if t.holders[j] > t.post_keb[j]:
        codes.append("R11")
    frozen = t.unit_names[t.post_unit[j]] in set(data.frozen_units)
    if frozen or j in forbid_post.get(i, ()) or t.post_unit[j] in forbid_unit.get(i, ()):
        codes.append("R15")
    return tuple(dict.fromkeys(codes))


ClassCodes = Callable[[int, int], list[str]]
"""(post class, employee) -> the pair-rule codes that keep the employee out of that class."""


def single_class_codes(t: Tables) -> ClassCodes:
    """`ClassCodes` evaluated for one employee at a time."""
    def codes(c: int, i: int) -> list[str]:
        return [code for code, mask in t.class_exclusions(c, np.array([i], dtype=np.int64)).items() if mask[0]]
    return codes


def pair_blocks(data: ProblemData, t: Tables, i: int, posts: np.ndarray, forbid_post: dict[int, set[int]],
                forbid_unit: dict[int, set[int]], lifted: tuple[str, ...] = (),
                class_codes: ClassCodes | None = None) -> tuple[np.ndarray, list[str]]:
    """`pin_violations` of employee i against many posts at once, without R11 and the codes in `lifted`: per post,
    whether no rule keeps i out of it; and the codes that keep i out of the others. The pair rules are evaluated
    once per post class (a wish for a whole unit names thousands of posts, SPEC 9), by `class_codes` when given
    (a caller asking for many employees evaluates a class for all of them at once)."""
    held = [c for c in t.hold_reasons[i] if c not in lifted]
    classes = t.post_class[posts]
    codes: dict[str, None] = dict.fromkeys(held)
    class_ok: dict[int, bool] = {}
    rules = class_codes or single_class_codes(t)
    for c in np.unique(classes).tolist():
        found = [code for code in rules(c, i) if code not in lifted]
        codes.update(dict.fromkeys(found))
        class_ok[c] = not found
    ok = np.array([class_ok[c] for c in classes.tolist()], dtype=bool) if len(posts) else np.zeros(0, dtype=bool)
    frozen = set(data.frozen_units)
    r15 = np.array([t.unit_names[u] in frozen for u in range(len(t.unit_names))], dtype=bool)[t.post_unit[posts]]
    r15 |= np.isin(posts, list(forbid_post.get(i, ()))) | np.isin(t.post_unit[posts], list(forbid_unit.get(i, ())))
    if r15.any():
        codes["R15"] = None
    ok &= ~r15 & (posts != t.cur[i]) & (not held)
    return ok, list(codes)
