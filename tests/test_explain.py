"""Reasons, vacancy chains and training needs on generated, solved instances (penempatan.explain)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from penempatan.check import holders_not_qualified
from penempatan.explain import Explainer, PlanView, chain_list, penjelasan
from penempatan.explain.chains import R21_KINDS, alone_ok, chain_gain, order_text, staffing_gain
from penempatan.explain.chains import links as chain_links
from penempatan.explain.moves import CHAIN_ONLY, move_kind, move_reason, perhatian, tujuan
from penempatan.explain.seats import empty_seat_reason, empty_seats, exclusion_counts, jpt_pool, shortlist
from penempatan.explain.stays import own_post_warning, stay_reason
from penempatan.explain.training import training_needs
from penempatan.explain.why_not import (
    alternatives,
    closed_better,
    post_rules,
    potential_value,
    runners_up,
    why_not,
)
from penempatan.model import Pin, ProblemData
from penempatan.result import Result
from penempatan.rules import RULES
from penempatan.scoring import Tables, months_between
from penempatan.solver import solve
from penempatan.text import months_long
from tests.instances import make_instance

CASES: list[tuple[int, dict[str, object]]] = [(seed, {}) for seed in range(6)] + [
    (1, {"maks_mutasi": 2}),
    (2, {"maks_keluar_unit_persen": 5}),
    (3, {"larangan_mulai": date(2026, 11, 1)}),
]


def _solved(seed: int, params: dict[str, object], n_emp: int = 40) -> tuple[ProblemData, Tables, Result]:
    data = make_instance(seed, n_emp, 3, **params)
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    assert result.feasible
    return data, tables, result


@pytest.fixture(params=CASES, ids=lambda c: f"seed{c[0]}-{'-'.join(c[1]) or 'dasar'}")
def solved(request: pytest.FixtureRequest) -> tuple[ProblemData, Tables, Result, PlanView]:
    data, tables, result = _solved(*request.param)
    return data, tables, result, PlanView(data, tables, result)


def test_every_move_stay_and_empty_seat_has_a_reason(solved):
    """Every mover, every stayer and every post with empty seats gets a non-empty reason."""
    data, tables, result, ex = solved
    moved = set(ex.movers)
    for i in range(tables.n_emp):
        reason = move_reason(ex, i) if i in moved else stay_reason(ex, i)
        assert reason.text.strip(), data.employees[i].nip
        assert all(code.startswith("R") for code in reason.codes)
    for j in empty_seats(ex):
        assert empty_seat_reason(ex, j).text.strip(), data.positions[j].kode


def test_explainer_answers_as_the_question_modules(solved):
    """The CLI's Explainer gives the same answers as the question functions of a PlanView."""
    data, tables, result, view = solved
    ex = Explainer(data, tables, result)
    for i in range(tables.n_emp):
        if i in set(view.movers):
            assert ex.move_reason(i) == move_reason(view, i) and ex.move_kind(i) == move_kind(view, i)
            assert (ex.tujuan(i), ex.perhatian(i)) == (tujuan(view, i), perhatian(view, i))
            assert ex.training_needs(i) == training_needs(view, i)
        else:
            assert ex.stay_reason(i) == stay_reason(view, i)
        assert ex.alternatives(i) == alternatives(view, i)
        assert ex.closed_better(i) == closed_better(view, i)
        for j in ex.alternatives(i)[:2]:
            assert ex.why_not(i, j) == why_not(view, i, j)
    assert ex.empty_seats() == empty_seats(view)
    for j in range(tables.n_post):
        assert ex.exclusion_counts(j) == exclusion_counts(view, j)
        assert ex.runners_up(j) == runners_up(view, j)
    for j in ex.empty_seats():
        assert ex.empty_seat_reason(j) == empty_seat_reason(view, j)


def test_r1_stay_really_has_short_tenure(solved):
    """A stay citing R1 has months in post below masa_jabatan_minimal_bulan, and the text gives both."""
    data, tables, result, ex = solved
    p = data.params
    seen = 0
    for i, e in enumerate(data.employees):
        if i in set(ex.movers):
            continue
        reason = stay_reason(ex, i)
        if "R1" in reason.codes:
            seen += 1
            tenure = months_between(e.tmt_jabatan, p.tanggal_acuan)
            assert tenure < p.masa_jabatan_minimal_bulan
            assert f"R1: masa jabatan kurang dari minimal ({tenure} bulan < {p.masa_jabatan_minimal_bulan} bulan" \
                in reason.text
    assert seen or not any("R1" in r for r in tables.hold_reasons)


def test_hold_rules_are_cited_with_numbers():
    """R4 and R5 stays name the months to retirement and the status."""
    data, tables, result = _solved(0, {})
    ex = PlanView(data, tables, result)
    for i, codes in enumerate(tables.hold_reasons):
        if not codes:
            continue
        text = stay_reason(ex, i).text
        if "R5" in codes:
            assert f"R5: status kepegawaian tidak boleh dimutasi (status {data.employees[i].status}" in text
        if "R4" in codes:
            assert "R4: " in text and ("pensiun dalam" in text or "melewati" in text)


def test_chains_cover_every_move_exactly_once(solved):
    """Chains and cycles partition the moves; each step's target is the previous step's origin."""
    data, tables, result, ex = solved
    cur = data.current_post
    target = result.assignment.tolist()
    moves = {i for i in range(len(cur)) if cur[i] != target[i]}
    chains = chain_list(data, result)
    members = [i for c in chains for i in c.members]
    assert sorted(members) == sorted(moves)
    assert len(members) == len(set(members))
    holders = np.bincount(cur, minlength=len(data.positions))
    for c in chains:
        first = c.members[0]
        if c.cycle:
            assert target[first] == cur[c.members[-1]]
        else:
            assert holders[target[first]] < data.positions[target[first]].kebutuhan  # a vacancy
        for prev, step in zip(c.members, c.members[1:], strict=False):
            assert target[step] == cur[prev]
    ids = [c.id for c in chains]
    assert ids == [f"C{k:03d}" for k in range(1, len(chains) + 1)]
    assert [c.members[0] for c in chains] == sorted(c.members[0] for c in chains)
    assert set(ex.chain_of) == moves
    assert all(ex.chain_of[i] == (c, k) for c in chains for k, i in enumerate(c.members, 1))


def test_chain_and_cycle_on_a_hand_made_plan():
    """A swap is one cycle; a move into a vacancy followed by who took that seat is one chain."""
    data, tables, result = _solved(0, {})
    idx = data.position_index
    a, b, c = idx["U0-PLK"], idx["U1-PLK"], idx["U2-PLK"]
    cur = np.array(data.current_post)
    assignment = cur.copy()
    in_a = [i for i in range(len(cur)) if cur[i] == a]
    in_b = [i for i in range(len(cur)) if cur[i] == b]
    assert in_a and len(in_b) >= 2
    assignment[in_a[0]], assignment[in_b[0]] = b, a  # swap A <-> B
    assignment[in_b[1]] = c  # B -> C ...
    plan = Result(status=result.status, assignment=assignment, objective=0, bound=0.0, wall_time=0.0,
                  candidates=result.candidates)
    chains = chain_list(data, plan)
    assert len(chains) == 2
    kinds = {c.cycle: c.members for c in chains}
    # At B the first leaver (lowest index) is the one whose seat the arrival from A takes.
    assert set(kinds[True]) == {in_a[0], in_b[0]}
    assert kinds[False] == (in_b[1],)


def _moved(data: ProblemData, tables: Tables, result: Result, i: int, kode: str) -> PlanView:
    """A PlanView of `result` with employee i moved to post `kode` (a hand-made plan)."""
    assignment = result.assignment.copy()
    assignment[i] = data.position_index[kode]
    plan = Result(status=result.status, assignment=assignment, objective=0, bound=0.0, wall_time=0.0,
                  candidates=result.candidates)
    return PlanView(data, tables, plan)


def test_training_rows_follow_their_triggers(solved):
    """Every named course of a mover fires on its own trigger, a competence course exactly when that
    competence is below the target post's standard; a stayer needs none."""
    data, tables, result, ex = solved
    moved = set(ex.movers)
    for i in range(tables.n_emp):
        needs = training_needs(ex, i)
        if i not in moved:
            assert needs == []
            continue
        src, dst = data.positions[ex.cur[i]], data.positions[ex.target[i]]
        levels = tables.emp_komp[i].tolist()
        standards = (dst.standar_manajerial, dst.standar_sosial_kultural, dst.standar_teknis)
        kinds = ("kompetensi_manajerial", "kompetensi_sosial_kultural", "kompetensi_teknis")
        for kind, level, standard in zip(kinds, levels, standards, strict=True):
            assert (kind in {n.pemicu for n in needs}) == bool(standard and level < standard)
        for n in needs:
            assert n.pelatihan and n.dasar and n.kapan in ("sebelum pelantikan", "sesudah pelantikan")
            if n.pemicu == "masuk_jf":
                assert dst.jenis == "Fungsional" and src.jenis != "Fungsional"
                assert "{" not in n.pelatihan
        assert [n.before_appointment for n in needs] == sorted((n.before_appointment for n in needs), reverse=True)


def test_named_training_for_pengawas_jf_and_pengadaan():
    """PKP for a first Pengawas post, uji kompetensi of the family and jenjang for a first JF post,
    sertifikasi PBJ for a post named for pengadaan (pelatihan.csv)."""
    data, tables, result = _solved(0, {})
    pelaksana = next(i for i in range(tables.n_emp) if data.positions[tables.cur[i]].jenis == "Pelaksana")
    ex = _moved(data, tables, result, pelaksana, "U1-KASI")
    assert any(n.pelatihan.endswith("(PKP)") and n.pemicu == "masuk_pengawas" for n in training_needs(ex, pelaksana))
    ex = _moved(data, tables, result, pelaksana, "U1-AP")
    names = [n.pelatihan for n in training_needs(ex, pelaksana)]
    assert "Uji Kompetensi Analis Kebijakan Ahli Pertama" in names
    assert names.index("Uji Kompetensi Analis Kebijakan Ahli Pertama") == 0  # before the pelantikan: first
    pbj = data.positions[0].model_copy(update={"kode": "U0-PBJ", "nama": "Pengelola Pengadaan Barang dan Jasa"})
    data2 = data.replace(positions=(*data.positions, pbj))
    tables2 = Tables(data2)
    ex = _moved(data2, tables2, solve(data2, 10, tables=tables2), pelaksana, "U0-PBJ")
    needs = training_needs(ex, pelaksana)
    assert any("Pengadaan Barang/Jasa" in n.pelatihan and n.before_appointment for n in needs)


def test_training_for_a_competence_gap():
    """A managerial competence 2 against a post standard 3 names the managerial course."""
    data, tables, result = _solved(0, {})
    i = next(k for k, e in enumerate(data.employees) if e.komp_manajerial == 2)
    kode = "U0-KASI" if data.positions[data.current_post[i]].kode != "U0-KASI" else "U1-KASI"  # standar 3
    needs = training_needs(_moved(data, tables, result, i, kode), i)
    assert any(n.pemicu == "kompetensi_manajerial" and "Manajerial" in n.pelatihan for n in needs)


def _naive_exclusion_counts(data: ProblemData, tables: Tables, post: int) -> dict[str, int]:
    """The rule counts of one post the slow, obvious way: every hold of everyone else, then every pair rule
    over the movable rest; a frozen (R15) or over-staffed (R11) post excludes everyone else at once."""
    t = tables
    if t.unit_names[t.post_unit[post]] in set(data.frozen_units):
        return {"R15": int((t.cur != post).sum())}
    if t.holders[post] > t.post_keb[post]:
        return {"R11": int((t.cur != post).sum())}
    counts: dict[str, int] = {}
    others = np.nonzero(t.cur != post)[0]
    for i in others:
        for code in t.hold_reasons[int(i)]:
            counts[code] = counts.get(code, 0) + 1
    movers = others[t.movable[others]]
    if len(movers):
        for code, mask in t.class_exclusions(int(t.post_class[post]), movers).items():
            if mask.any():
                counts[code] = counts.get(code, 0) + int(mask.sum())
    return counts


def test_exclusion_counts_match_a_naive_count(solved):
    """The cached per-class counts equal the obvious count for every post."""
    data, tables, result, ex = solved
    for j in range(len(data.positions)):
        assert exclusion_counts(ex, j) == _naive_exclusion_counts(data, tables, j)


def test_exclusion_counts_match_with_frozen_unit_and_pin():
    """Counts still match when a scenario freezes a unit (R15) and pins someone."""
    base = make_instance(4, 40, 3)
    data = base.replace(frozen_units=("Unit A",),
                        pins=(Pin(nip=base.employees[1].nip, kode_jabatan="U2-PLK"),))
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    ex = PlanView(data, tables, result)
    for j in range(len(data.positions)):
        assert exclusion_counts(ex, j) == _naive_exclusion_counts(data, tables, j)
    for j in empty_seats(ex):
        if data.positions[j].unit == "Unit A" and tables.holders[j] <= tables.post_keb[j]:
            assert "R15" in empty_seat_reason(ex, j).codes


def test_move_reason_names_r11_r12_and_promotion(solved):
    """Leaving an over-staffed post cites R11, entering a must-fill one R12, a promotion R9 and the kotak."""
    data, tables, result, ex = solved
    for i in ex.movers:
        reason = move_reason(ex, i)
        src, dst = data.current_post[i], int(result.assignment[i])
        assert ("R11" in reason.codes) == bool(tables.holders[src] > tables.post_keb[src])
        assert ("R12" in reason.codes) == data.positions[dst].wajib_diisi
        promoted = data.positions[dst].kelas > data.positions[src].kelas or \
            tables.post_tingkat[dst] > tables.post_tingkat[src]
        assert ("R9" in reason.codes) == bool(promoted)
        if promoted:
            assert f"kotak talenta {data.employees[i].kotak}" in reason.text
        assert "skor " in reason.text


def test_stay_below_own_post_minimum_is_warned(solved):
    """A stayer whose education is below their own post's minimum gets a warning, not an eviction."""
    data, tables, result, ex = solved
    for i, e in enumerate(data.employees):
        if i in set(ex.movers):
            continue
        q = data.positions[data.current_post[i]]
        below = tables.ref.pendidikan[e.pendidikan] < tables.ref.pendidikan[q.pendidikan_min]
        assert ("pendidikan" in own_post_warning(ex, i)) == below
        if below:
            assert "Peringatan" in stay_reason(ex, i).text


def test_r14_limit_is_named_when_it_keeps_someone():
    """With maks_mutasi 0 nobody moves, and a stayer with a better post available cites R14."""
    data, tables, result = _solved(1, {"maks_mutasi": 0})
    ex = PlanView(data, tables, result)
    assert not ex.movers
    texts = [stay_reason(ex, i) for i in range(tables.n_emp)]
    assert any("R14" in r.codes for r in texts)


def test_empty_seat_without_candidates_lists_rule_counts():
    """A post nobody may enter lists its rule counts."""
    data, tables, result = _solved(0, {"larangan_mulai": date(2026, 11, 1)})
    ex = PlanView(data, tables, result)
    found = False
    for j in empty_seats(ex):
        reason = empty_seat_reason(ex, j)
        if "tersaring" in reason.text:
            found = True
            counts = _naive_exclusion_counts(data, tables, j)
            for code in reason.codes:
                if code in counts:
                    assert f"{code} (" in reason.text
            assert "R17" in reason.codes  # managerial posts are frozen in the Pilkada window
    assert found


def _cited(code: str, text: str) -> bool:
    return re.search(rf"\b{code}\b", text) is not None


def test_every_cited_rule_is_consistent_with_the_data(solved):
    """Each rule code in a move, stay or empty-seat reason is named in its words and true of the data."""
    data, tables, result, ex = solved
    t, p = tables, data.params
    moved = set(ex.movers)
    full = re.compile(r"kursi (\S+) sudah penuh \((\d+)/(\d+), R11\)")
    for i in range(t.n_emp):
        src, dst = ex.cur[i], ex.target[i]
        reason = move_reason(ex, i) if i in moved else stay_reason(ex, i)
        assert reason.text.strip()
        for code in reason.codes:
            assert _cited(code, reason.text), (code, reason.text)
        codes = set(reason.codes)
        if i in moved:
            assert ("R11" in codes) == bool(t.holders[src] > t.post_keb[src])
            assert ("R12" in codes) == bool(t.post_wajib[dst])
            assert ("R9" in codes) == (move_kind(ex, i) == "Promosi")
            assert ("R16" in codes) <= (not data.employees[i].bersedia_mutasi)
            for code in codes & {"R2", "R3"}:
                due = p.masa_risiko_tinggi_bulan if code == "R3" else p.masa_jabatan_maksimal_bulan
                assert bool(t.post_risk[src]) == (code == "R3") and t.emp_tenure[i] >= due
            continue
        assert set(t.hold_reasons[i]) <= codes
        if "R1" in codes:
            assert t.emp_tenure[i] < p.masa_jabatan_minimal_bulan and not t.forced_out[i]
        if "R4" in codes:
            assert t.retirement_months[i] < p.batas_pensiun_bulan
        if "R5" in codes:
            assert data.employees[i].status not in p.status_boleh_mutasi
        if "R11" in codes:
            for kode, now, seats in full.findall(reason.text):
                j = data.position_index[kode]
                assert int(now) == ex.after[j] >= t.post_keb[j] == int(seats)
        if "R13" in codes:
            u = t.emp_unit[i]
            assert ex.unit_leavers[u] >= ex.unit_cap[u]
        if "R14" in codes:
            assert p.maks_mutasi is not None and len(ex.movers) >= p.maks_mutasi
        if "R12" in codes and not t.hold_reasons[i]:
            assert t.post_wajib[src] or "kursi wajib diisi" in reason.text
    for j in empty_seats(ex):
        reason = empty_seat_reason(ex, j)
        assert reason.text.strip()
        assert ("R12" in reason.codes) == bool(t.post_wajib[j])
        counts = exclusion_counts(ex, j)
        for code in set(reason.codes) - {"R12", "R11", "R15"}:
            assert _cited(code, reason.text)
            if code == "R14":
                assert p.maks_mutasi is not None and len(ex.movers) >= p.maks_mutasi
            elif code == "R13":
                assert (ex.unit_leavers >= ex.unit_cap).any()
            elif code == "R21":
                assert any((ex.group_filled_after[k] <= ex.group_filled_before[k]).any() for k in R21_KINDS)
            else:
                assert counts.get(code, 0) > 0


def test_rejecting_any_one_chain_keeps_the_hard_limits(solved):
    """Every chain can be approved on its own: undoing any one chain leaves no post above its seats (or its
    holders before the plan) and keeps R13 and R14; Rantai Mutasi says Ya and names full quotas."""
    data, tables, result, ex = solved
    t, p = tables, data.params
    for c in ex.chains:
        plan = result.assignment.copy()
        plan[list(c.members)] = t.cur[list(c.members)]
        after = np.bincount(plan, minlength=t.n_post)
        assert (after <= np.maximum(t.post_keb, t.holders)).all()
        leaves = t.post_unit[plan] != t.emp_unit
        assert (np.bincount(t.emp_unit[leaves], minlength=len(t.unit_names)) <= t.unit_leave_cap).all()
        assert p.maks_mutasi is None or int((plan != t.cur).sum()) <= p.maks_mutasi
        links = " ".join(chain_links(ex, c))
        for i in c.members:
            u = t.emp_unit[i]
            if t.post_unit[ex.target[i]] != u and ex.unit_leavers[u] >= ex.unit_cap[u]:
                assert "(R13)" in links and t.unit_names[u] in links
        gain = sum(int(ex.assigned_scores[i]) - int(ex.stay_scores[i]) for i in c.members)
        assert chain_gain(ex, c) == gain
        text = order_text(ex, c)
        positions = [text.index(f"{data.employees[i].nama} (dari {data.positions[ex.cur[i]].kode} ")
                     for i in c.members]
        assert positions == sorted(positions)


def test_why_not_names_the_rule_or_who_took_the_seat(solved):
    """For every employee's top alternatives: a closing rule is a real exclusion, a move without an allowed
    purpose says so, a full seat names who holds it (with scores), and every cited code appears in the words."""
    data, tables, result, ex = solved
    t = tables
    for i in range(0, t.n_emp, 3):
        alts = alternatives(ex, i)
        scores = [ex.potential_score(i, j) for j in alts]
        assert scores == sorted(scores, reverse=True)
        for j in alts:
            assert j not in (ex.cur[i], ex.target[i]) and t.post_keb[j] > 0
            assert not [code for code, _ in post_rules(ex, i, j) if code != "R11"]
            reason = why_not(ex, i, j)
            assert reason.text.strip()
            for code in reason.codes:
                assert _cited(code, reason.text)
            if t.hold_reasons[i]:
                assert set(t.hold_reasons[i]) <= set(reason.codes)
            elif j != ex.cur[i] and not potential_value(ex, i, j)[2]:
                assert re.search(r"tanpa tujuan mutasi|kesesuaian turun|R16", reason.text), reason.text
            elif ex.after[j] >= t.post_keb[j]:
                assert "kursi penuh" in reason.text
                for k in ex.arrivals.get(j, []):
                    assert data.employees[k].nip in reason.text
        for code, n in closed_better(ex, i).items():
            assert n > 0 and code.startswith("R")


def test_why_not_for_an_excluded_post_cites_the_pair_rule():
    """A post closed by education (R6) or promotion (R9) rules says so, with the employee's own values."""
    data, tables, result = _solved(0, {})
    ex = PlanView(data, tables, result)
    seen = set()
    for i in range(tables.n_emp):
        if tables.hold_reasons[i]:
            continue
        for j in range(tables.n_post):
            if j == ex.target[i]:
                continue
            masks = tables.class_exclusions(int(tables.post_class[j]), np.array([i]))
            for code in ("R6", "R9"):
                if masks[code][0] and j != ex.cur[i]:
                    assert code in why_not(ex, i, j).codes
                    seen.add(code)
    assert seen == {"R6", "R9"}


def _without_names(ex: PlanView, i: int, text: str) -> str:
    """The Penjelasan of mover i with the names it quotes from the input (posts, units, study, courses) cut out."""
    d = ex.data
    e = d.employees[i]
    quoted = [d.positions[ex.cur[i]].nama, d.positions[ex.target[i]].nama, d.positions[ex.cur[i]].unit,
              d.positions[ex.target[i]].unit, e.jurusan or "", *(n.pelatihan for n in training_needs(ex, i))]
    for name in sorted(filter(None, quoted), key=len, reverse=True):
        text = text.replace(name, "")
    return re.sub(r"\b[SD]-(\d|I+V?|IV)\b", "", text)


def test_every_move_has_purpose_penjelasan_and_perhatian(solved):
    """Every move has a Tujuan in words; its Penjelasan names both posts and has no rule code and no number
    but years and months; Perhatian lists exactly the move's flags."""
    from penempatan.scoring import FLAG_LABELS, PURPOSE_LABELS

    data, tables, result, ex = solved
    for i in ex.movers:
        words = tujuan(ex, i)
        raises = staffing_gain(ex, ex.chain_of[i][0]) > 0  # SPEC 4 v3: 'mengisi kebutuhan' only then
        expected = [PURPOSE_LABELS[p] if p != "kebutuhan" or raises else CHAIN_ONLY for p in ex.purposes(i)]
        assert words and words == "; ".join(expected) or i in ex.pinned
        text = penjelasan(ex, i)
        assert data.positions[ex.target[i]].nama in text and data.positions[ex.cur[i]].nama in text
        assert not re.search(r"\bR\d+\b", text), text
        assert "skor" not in text and "nilai" not in text
        rest = re.sub(r"\b\d+ (tahun|bulan)\b", "", _without_names(ex, i, text))
        assert not re.search(r"\d", rest), text
        assert perhatian(ex, i) == "; ".join(FLAG_LABELS[f] for f in ex.flags(i))
        for n in training_needs(ex, i):
            assert n.pelatihan in text


def test_penjelasan_says_why_in_the_employees_terms():
    """A rotation due names the years and months in post; a flagged unwilling mover is told it will be
    discussed first; a stayer has no Penjelasan."""
    data, tables, result = _solved(0, {})
    ex = PlanView(data, tables, result)
    for i in ex.movers:
        text = penjelasan(ex, i)
        if "rotasi" in ex.purposes(i):
            assert f"Anda telah {months_long(int(tables.emp_tenure[i]))}" in text
            assert "rotasi sudah jatuh tempo" in text
        if "tidak_bersedia" in ex.flags(i):
            assert "tidak bersedia dimutasi" in text and "dibicarakan" in text
    stayer = next(i for i in range(tables.n_emp) if i not in set(ex.movers))
    with pytest.raises(ValueError):
        penjelasan(ex, stayer)


def test_chain_ids_cannot_be_read_as_rule_codes(solved):
    """Chain and cycle ids are C001, C002, … and never look like a rule code."""
    *_, ex = solved
    assert all(re.fullmatch(r"C\d{3}", c.id) for c in ex.chains)
    assert all(ex.chain_of[i][0].id.startswith("C") for i in ex.movers)


def test_flags_are_the_committees_flags(solved):
    """A flagged move cites its rule in Alasan: unwilling R16, lower kelas R19; flags match the data."""
    data, tables, result, ex = solved
    for i in ex.movers:
        flags, codes = ex.flags(i), move_reason(ex, i).codes
        src, dst = ex.cur[i], ex.target[i]
        assert ("tidak_bersedia" in flags) == (not data.employees[i].bersedia_mutasi)
        assert ("turun_kelas" in flags) == bool(tables.post_kelas[dst] < tables.post_kelas[src]
                                                or tables.post_tingkat[dst] < tables.post_tingkat[src])
        assert ("tidak_bersedia" in flags) <= ("R16" in codes)
        assert ("turun_kelas" in flags) <= ("R19" in codes)
        assert ("kesesuaian_turun" in flags) == bool(ex.assigned_scores[i] < ex.stay_scores[i])


def test_empty_jpt_seat_lists_at_most_five_talent_pool_candidates():
    """An empty JPT Pratama seat (R20) says why and lists ≤ 5 candidates in kotak 7–9 that meet R6–R10, R18
    and R19 for it, best fit first, none of them its holder."""
    base = make_instance(2, 60, 3)
    employees = list(base.employees)
    kadis = base.position_index["U0-KADIS"]
    for k in range(len(employees)):
        if base.current_post[k] == kadis:
            employees[k] = employees[k].model_copy(update={"kode_jabatan": "U0-PLK"})
    for k in range(7):  # seven Kepala Bidang who could be selected: S-2, IV/b, talent pool, no sanction
        employees[k] = employees[k].model_copy(update={
            "kode_jabatan": "U0-KABID", "pendidikan": "S-2", "golongan": "IV/b", "kotak": 7 + k % 3,
            "status": "Aktif", "hukuman": "Tidak Ada", "tanggal_lahir": date(1975, 1, 1)})
    data = base.replace(employees=tuple(employees))
    tables = Tables(data)
    ex = PlanView(data, tables, solve(data, 10, tables=tables))
    assert kadis in empty_seats(ex)
    reason = empty_seat_reason(ex, kadis)
    assert "R20" in reason.codes and "Calon" in reason.text
    names = shortlist(ex, kadis)
    assert len(names) == 5 < len(jpt_pool(ex, kadis))
    scores = [c.score for c in names]
    assert scores == sorted(scores, reverse=True)
    c = int(tables.post_class[kadis])
    for cand in names:
        e = data.employees[cand.i]
        assert e.kotak in (7, 8, 9) and f"kotak talenta {e.kotak}" in cand.text and e.nip in cand.text
        masks = tables.class_exclusions(c, np.array([cand.i]))
        assert not any(bool(masks[code][0]) for code in ("R6", "R7", "R8", "R9", "R10", "R18", "R19"))
        assert f"skor {cand.score}:" in cand.text


def test_unqualified_holder_stays_with_an_r18_warning(solved):
    """A holder who does not meet R18 today stays (the plan never moves them for it) and the stay cites R18
    for the BKPSDM to review, never as the best fit."""
    data, tables, result, ex = solved
    found = {data.employee_index[v.nip] for v in holders_not_qualified(data)}
    assert set(ex.unqualified) == found
    for i in found - set(ex.movers):
        reason = stay_reason(ex, i)
        assert "R18" in reason.codes and "ditinjau BKPSDM" in reason.text
        assert "paling sesuai" not in reason.text and "lebih sesuai" not in reason.text


def test_chain_approval_alone_respects_r21(solved):
    """A chain marked as approvable alone leaves no location and no scarce profession pool with fewer seats filled
    than today on its own."""
    data, tables, result, ex = solved
    t = tables
    for c in ex.chains:
        plan = t.cur.copy()
        plan[list(c.members)] = result.assignment[list(c.members)]
        people = np.bincount(plan, minlength=t.n_post)
        ok = all((ex.group_filled(k, people) >= ex.group_filled_before[k]).all() for k in R21_KINDS)
        assert alone_ok(ex, c) == ok


def test_must_fill_seat_left_empty_by_r21_says_so():
    """A must-fill seat whose only candidate would leave their own unit short (R21) stays empty, and
    Jabatan Kosong says it is R21 that holds the candidate."""
    from penempatan.model import Employee, Params, Position

    posts = (
        Position(kode="A-KASI", nama="Kepala Seksi Umum", unit="Unit A", jenis="Pengawas", kelas=9, kebutuhan=1,
                 pendidikan_min="S-1", wajib_diisi=True),
        Position(kode="B-KASI", nama="Kepala Seksi Data", unit="Unit B", jenis="Pengawas", kelas=9, kebutuhan=1,
                 pendidikan_min="S-1"),
    )
    x = Employee(nip="198001012005011001", nama="Pegawai X", golongan="III/c", pendidikan="S-1",
                 kode_jabatan="B-KASI", tmt_jabatan=date(2018, 1, 1), tanggal_lahir=date(1980, 1, 1),
                 kinerja="Baik", kotak=5)
    data = ProblemData(employees=(x,), positions=posts, params=Params(tanggal_acuan=date(2026, 12, 1)))
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    ex = PlanView(data, tables, result)
    assert empty_seats(ex) == [0] and not ex.movers
    reason = empty_seat_reason(ex, 0)
    assert {"R12", "R21"} <= set(reason.codes)
    assert f"R21: {RULES['R21'].text}" in reason.text
    assert "Pegawai X" in reason.text
    assert "R21" in stay_reason(ex, 0).codes


def test_licence_gap_is_named_in_kebutuhan_pelatihan() -> None:
    """R22: a nurse in a clerk post whom every rule admits to an empty Perawat seat but the missing STR is not
    moved; Kebutuhan Pelatihan names the STR she needs first. With the STR she moves, as a Perpindahan JF."""
    from penempatan.explain.training import LICENCE_WHEN, licence_rows
    from penempatan.model import Params
    from tests.builders import emp, post

    def plan(sertifikat: tuple[str, ...]) -> PlanView:
        nurse = emp(0, "H", bidang="keperawatan", golongan="III/a", sertifikat=sertifikat)
        data = ProblemData(employees=(nurse,), positions=(
            post("H", kebutuhan=2), post("K", jenis="Fungsional", rumpun_jf="Perawat", nama="Perawat Ahli Pertama")),
            params=Params(tanggal_acuan=date(2026, 12, 1), kekurangan_unit_boleh_naik=True))
        tables = Tables(data)
        return PlanView(data, tables, solve(data, 10, tables=tables))

    without = plan(())
    assert without.movers == []
    [row] = licence_rows(without)
    assert row.pelatihan.startswith("STR") and row.kapan == LICENCE_WHEN and row.jabatan == "Perawat Ahli Pertama"
    licensed = plan(("STR Perawat",))
    assert licensed.movers == [0] and move_kind(licensed, 0) == "Perpindahan JF"
    assert licence_rows(licensed) == []
