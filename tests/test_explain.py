"""Reasons, vacancy chains and training needs on generated, solved instances (penempatan.explain)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from penempatan.explain import Explainer, chain_list, move_reason, stay_reason, vacancy_chains
from penempatan.model import Pin, ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables, exclusion_counts, months_between
from penempatan.solver import solve
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
def solved(request: pytest.FixtureRequest) -> tuple[ProblemData, Tables, Result, Explainer]:
    data, tables, result = _solved(*request.param)
    return data, tables, result, Explainer(data, tables, result)


def test_every_move_stay_and_empty_seat_has_a_reason(solved):
    """Every mover, every stayer and every post with empty seats gets a non-empty reason."""
    data, tables, result, ex = solved
    moved = set(ex.movers)
    for i in range(tables.n_emp):
        reason = ex.move_reason(i) if i in moved else ex.stay_reason(i)
        assert reason.text.strip(), data.employees[i].nip
        assert all(code.startswith("R") for code in reason.codes)
    for j in ex.empty_seats():
        assert ex.empty_seat_reason(j).text.strip(), data.positions[j].kode


def test_module_functions_match_the_explainer(solved):
    """The one-question functions give the same words as a shared Explainer."""
    data, tables, result, ex = solved
    for i in range(tables.n_emp):
        if i in set(ex.movers):
            assert move_reason(data, tables, result, i) == ex.move_reason(i)
        else:
            assert stay_reason(data, tables, result, i) == ex.stay_reason(i)


def test_r1_stay_really_has_short_tenure(solved):
    """A stay citing R1 has months in post below masa_jabatan_minimal_bulan, and the text gives both."""
    data, tables, result, ex = solved
    p = data.params
    seen = 0
    for i, e in enumerate(data.employees):
        if i in set(ex.movers):
            continue
        reason = ex.stay_reason(i)
        if "R1" in reason.codes:
            seen += 1
            tenure = months_between(e.tmt_jabatan, p.tanggal_acuan)
            assert tenure < p.masa_jabatan_minimal_bulan
            assert f"masa jabatan {tenure} bulan < {p.masa_jabatan_minimal_bulan} bulan" in reason.text
    assert seen or not any("R1" in r for r in tables.hold_reasons)


def test_hold_rules_are_cited_with_numbers():
    """R4 and R5 stays name the months to retirement and the status."""
    data, tables, result = _solved(0, {})
    ex = Explainer(data, tables, result)
    for i, codes in enumerate(tables.hold_reasons):
        if not codes:
            continue
        text = ex.stay_reason(i).text
        if "R5" in codes:
            assert f"R5: status {data.employees[i].status}" in text
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
    assert ids == [f"R{k:03d}" for k in range(1, len(chains) + 1)]
    assert [c.members[0] for c in chains] == sorted(c.members[0] for c in chains)
    mapping = vacancy_chains(data, result)
    assert set(mapping) == moves
    assert all(mapping[i] == (c.id, k) for c in chains for k, i in enumerate(c.members, 1))


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
    plan = Result(result.status, assignment, 0, 0.0, 0.0, result.candidates)
    chains = chain_list(data, plan)
    assert len(chains) == 2
    kinds = {c.cycle: c.members for c in chains}
    # At B the first leaver (lowest index) is the one whose seat the arrival from A takes.
    assert set(kinds[True]) == {in_a[0], in_b[0]}
    assert kinds[False] == (in_b[1],)


def _expected_needs(data: ProblemData, i: int, j: int) -> int:
    e, q = data.employees[i], data.positions[j]
    gaps = 0
    for level, standard in ((e.komp_manajerial, q.standar_manajerial),
                            (e.komp_sosial_kultural, q.standar_sosial_kultural),
                            (e.komp_teknis, q.standar_teknis)):
        if standard and (level is None or level < standard):
            gaps += 1
    if q.bidang and e.bidang != q.bidang and q.bidang not in e.pelatihan:
        gaps += 1
    return gaps


def test_training_needs_exactly_when_a_gap_exists(solved):
    """A mover has one need per competence below the target's Standar and one for a field mismatch."""
    data, tables, result, ex = solved
    for i in range(tables.n_emp):
        needs = ex.training_needs(i)
        if i not in set(ex.movers):
            assert needs == []
            continue
        j = int(result.assignment[i])
        assert len(needs) == _expected_needs(data, i, j)
        assert all(n.selisih is None or n.selisih > 0 for n in needs)
        e, q = data.employees[i], data.positions[j]
        mismatch = bool(q.bidang) and e.bidang != q.bidang and q.bidang not in e.pelatihan
        field_needs = [n for n in needs if n.kebutuhan.startswith("pelatihan ")]
        assert len(field_needs) == mismatch
        if mismatch:
            assert field_needs[0].kebutuhan.startswith(f"pelatihan {(q.bidang or '').replace('_', ' ')}")


def test_training_need_gap_size():
    """A competence level 2 against a standard 3 is a need of size 1."""
    data, tables, result = _solved(0, {})
    kasi = data.position_index["U0-KASI"]  # standar_manajerial 3
    i = next(k for k, e in enumerate(data.employees) if e.komp_manajerial == 2)
    assignment = result.assignment.copy()
    assignment[i] = kasi if data.current_post[i] != kasi else data.position_index["U1-KASI"]
    plan = Result(result.status, assignment, 0, 0.0, 0.0, result.candidates)
    needs = Explainer(data, tables, plan).training_needs(i)
    assert any("manajerial" in n.kebutuhan and n.selisih == 1 for n in needs)


def test_exclusion_counts_match_scoring(solved):
    """The cached per-class counts equal scoring.exclusion_counts for every post."""
    data, tables, result, ex = solved
    for j in range(len(data.positions)):
        assert ex.exclusion_counts(j) == exclusion_counts(data, tables, j)


def test_exclusion_counts_match_with_frozen_unit_and_pin():
    """Counts still match when a scenario freezes a unit (R15) and pins someone."""
    base = make_instance(4, 40, 3)
    data = base.replace(frozen_units=("Unit A",),
                        pins=(Pin(nip=base.employees[1].nip, kode_jabatan="U2-PLK"),))
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    ex = Explainer(data, tables, result)
    for j in range(len(data.positions)):
        assert ex.exclusion_counts(j) == exclusion_counts(data, tables, j)
    for j in ex.empty_seats():
        if data.positions[j].unit == "Unit A" and tables.holders[j] <= tables.post_keb[j]:
            assert "R15" in ex.empty_seat_reason(j).codes


def test_move_reason_names_r11_r12_and_promotion(solved):
    """Leaving an over-staffed post cites R11, entering a must-fill one R12, a promotion R9 and the kotak."""
    data, tables, result, ex = solved
    for i in ex.movers:
        reason = ex.move_reason(i)
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
        assert ("pendidikan" in ex.own_post_warning(i)) == below
        if below:
            assert "Peringatan" in ex.stay_reason(i).text


def test_r14_limit_is_named_when_it_keeps_someone():
    """With maks_mutasi 0 nobody moves, and a stayer with a better post available cites R14."""
    data, tables, result = _solved(1, {"maks_mutasi": 0})
    ex = Explainer(data, tables, result)
    assert not ex.movers
    texts = [ex.stay_reason(i) for i in range(tables.n_emp)]
    assert any("R14" in r.codes for r in texts)


def test_empty_seat_without_candidates_lists_rule_counts():
    """A post nobody may enter lists the rule counts of scoring.exclusion_counts."""
    data, tables, result = _solved(0, {"larangan_mulai": date(2026, 11, 1)})
    ex = Explainer(data, tables, result)
    found = False
    for j in ex.empty_seats():
        reason = ex.empty_seat_reason(j)
        if "tersaring" in reason.text:
            found = True
            counts = exclusion_counts(data, tables, j)
            for code in reason.codes:
                if code in counts:
                    assert f"{code} (" in reason.text
            assert "R17" in reason.codes  # managerial posts are frozen in the Pilkada window
    assert found


def _cited(code: str, text: str) -> bool:
    import re

    return re.search(rf"\b{code}\b", text) is not None


def test_every_cited_rule_is_consistent_with_the_data(solved):
    """Each rule code in a move, stay or empty-seat reason is named in its words and true of the data."""
    import re

    data, tables, result, ex = solved
    t, p = tables, data.params
    moved = set(ex.movers)
    full = re.compile(r"kursi (\S+) sudah penuh \((\d+)/(\d+), R11\)")
    for i in range(t.n_emp):
        src, dst = ex.cur[i], ex.target[i]
        reason = ex.move_reason(i) if i in moved else ex.stay_reason(i)
        assert reason.text.strip()
        for code in reason.codes:
            assert _cited(code, reason.text), (code, reason.text)
        codes = set(reason.codes)
        if i in moved:
            assert ("R11" in codes) == bool(t.holders[src] > t.post_keb[src])
            assert ("R12" in codes) == bool(t.post_wajib[dst])
            assert ("R9" in codes) == (ex.move_kind(i) == "Promosi")
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
            assert t.post_wajib[src]
    for j in ex.empty_seats():
        reason = ex.empty_seat_reason(j)
        assert reason.text.strip()
        assert ("R12" in reason.codes) == bool(t.post_wajib[j])
        counts = ex.exclusion_counts(j)
        for code in set(reason.codes) - {"R12", "R11", "R15"}:
            assert _cited(code, reason.text)
            if code == "R14":
                assert p.maks_mutasi is not None and len(ex.movers) >= p.maks_mutasi
            elif code == "R13":
                assert (ex.unit_leavers >= ex.unit_cap).any()
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
        links = " ".join(ex.chain_links(c))
        for i in c.members:
            u = t.emp_unit[i]
            if t.post_unit[ex.target[i]] != u and ex.unit_leavers[u] >= ex.unit_cap[u]:
                assert "(R13)" in links and t.unit_names[u] in links
        gain = sum(int(ex.assigned_scores[i]) - int(ex.stay_scores[i]) for i in c.members)
        assert ex.chain_gain(c) == gain
        text = ex.chain_order_text(c)
        positions = [text.index(f"{data.employees[i].nama} (dari {data.positions[ex.cur[i]].kode} ")
                     for i in c.members]
        assert positions == sorted(positions)


def test_why_not_names_the_rule_or_who_took_the_seat(solved):
    """For every employee's top alternatives: a closing rule is a real exclusion, a full seat names who
    holds it (with scores), and every cited code appears in the words."""
    data, tables, result, ex = solved
    t = tables
    for i in range(0, t.n_emp, 3):
        alts = ex.alternatives(i)
        scores = [ex.potential_score(i, j) for j in alts]
        assert scores == sorted(scores, reverse=True)
        for j in alts:
            assert j not in (ex.cur[i], ex.target[i]) and t.post_keb[j] > 0
            assert not [code for code, _ in ex.post_rules(i, j) if code != "R11"]
            reason = ex.why_not(i, j)
            assert reason.text.strip()
            for code in reason.codes:
                assert _cited(code, reason.text)
            if t.hold_reasons[i]:
                assert set(t.hold_reasons[i]) <= set(reason.codes)
            elif ex.after[j] >= t.post_keb[j]:
                assert "kursi penuh" in reason.text
                for k in ex.arrivals.get(j, []):
                    assert data.employees[k].nip in reason.text
        for code, n in ex.closed_better(i).items():
            assert n > 0 and code.startswith("R")


def test_why_not_for_an_excluded_post_cites_the_pair_rule():
    """A post closed by education (R6) or promotion (R9) rules says so, with the employee's own values."""
    data, tables, result = _solved(0, {})
    ex = Explainer(data, tables, result)
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
                    assert code in ex.why_not(i, j).codes
                    seen.add(code)
    assert seen == {"R6", "R9"}
