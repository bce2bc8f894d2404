"""Wishes in the plan (SPEC 9, wishes.serve): serial dictatorship over today's seats in published priority order,
no justified envy (check.wishes), and truth-telling is safe (reordering or shortening one's list never helps)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from instances import make_instance

from penempatan.check.plan import check_plan
from penempatan.model import ProblemData, Wish
from penempatan.scoring import Tables
from penempatan.solver import solve
from penempatan.wishes.priority import priorities
from penempatan.wishes.serve import NO_SEAT, serve_wishes

REASONS = ("kesehatan", "pasangan", "orang tua", "anak/sekolah", "pengembangan karier", "lainnya")


def with_wishes(data: ProblemData, seed: int, share: float = 0.5, most: int = 4) -> ProblemData:
    """`data` with ranked wishes (Kode Jabatan of other posts) for about `share` of the employees."""
    rng = random.Random(seed)
    wishes = []
    for i, e in enumerate(data.employees):
        if rng.random() > share:
            continue
        others = [q.kode for j, q in enumerate(data.positions) if j != data.current_post[i]]
        for rank, kode in enumerate(rng.sample(others, min(len(others), rng.randint(1, most))), 1):
            wishes.append(Wish(nip=e.nip, rank=rank, target=kode, kind="jabatan", key=kode,
                               reason=rng.choice(REASONS), evidence=rng.random() < 0.5))
    return data.replace(wishes=tuple(wishes))


def instance(seed: int, n: int = 10) -> ProblemData:
    data = make_instance(seed, n, 2, maks_keluar_unit_persen=100, kekurangan_unit_boleh_naik=seed % 2 == 0,
                         batas_biaya_permintaan=[0, 30, 200][seed % 3])
    return with_wishes(data, seed)


def outcome(data: ProblemData, i: int, true_list: list[Wish], granted: int | None) -> int:
    """The rank (0 = first) in `true_list` of the wish holding `granted`; len(true_list) when none does."""
    if granted is None:
        return len(true_list)
    return next((k for k, w in enumerate(true_list) if granted in data.posts_of(w)), len(true_list))


def test_a_seat_goes_to_the_requester_with_more_points() -> None:
    """Two requesters want the one vacancy: the one with more points gets it, the other is refused for want of a
    seat (R11) and the post is closed to every other newcomer."""
    for seed in range(50):  # the first instance with a single vacancy two people may take
        base = make_instance(seed, 20, 2, maks_keluar_unit_persen=100, kekurangan_unit_boleh_naik=True,
                             batas_biaya_permintaan=1000)
        t = Tables(base)
        for vacant in (j for j in range(len(base.positions)) if t.post_keb[j] - t.holders[j] == 1):
            movable = [i for i in range(len(base.employees)) if not t.hold_reasons[i] and t.cur[i] != vacant
                       and not any(m[0] for m in t.class_exclusions(int(t.post_class[vacant]),
                                                                     np.array([i])).values())]
            if len(movable) >= 2:
                break
        else:
            continue
        break
    a, b = movable[:2]
    kode = base.positions[vacant].kode
    data = base.replace(wishes=(
        Wish(nip=base.employees[a].nip, rank=1, target=kode, kind="jabatan", key=kode, reason="kesehatan",
             evidence=True),
        Wish(nip=base.employees[b].nip, rank=1, target=kode, kind="jabatan", key=kode, reason="lainnya")))
    served = serve_wishes(data)
    assert [p.i for p in priorities(data)][:2] == [a, b]
    assert served.granted()[a].granted == vacant
    refused = next(d for d in served.decisions if d.i == b)
    assert refused.codes == (NO_SEAT,)
    assert kode in served.data.closed_posts
    result = solve(served.data, 20.0)
    assert result.assignment[a] == vacant
    assert check_plan(served.data, result) == []


@pytest.mark.parametrize("seed", range(40))
def test_no_justified_envy_and_every_plan_passes_the_checker(seed: int) -> None:
    """On random instances of 8–12 employees, the plan made around the grants passes `check` (which includes
    the closed posts and the envy check, from the input and the plan alone); every grant is in the plan; nobody
    refused ends in a post of a wish ranked above their outcome."""
    data = instance(seed, 8 + seed % 5)
    served = serve_wishes(data)
    result = solve(served.data, 20.0)
    assert result.feasible, result.message
    assert check_plan(served.data, result) == []
    for i, d in served.granted().items():
        assert result.assignment[i] == d.granted
    for d in served.decisions:
        if d.refused:
            assert result.assignment[d.i] not in data.posts_of(d.wish)


def test_the_checker_sees_envy() -> None:
    """Dropping the closures and the requesters' STAYS pins (the grants kept) lets the optimiser give refused seats
    to others: the checker then reports envy or a closed post taken on some instance (so the envy check can
    fail)."""
    found = 0
    for seed in range(0, 200, 2):  # R21 off: more wishes granted, and refused for want of a seat
        data = with_wishes(instance(seed, 12), seed, share=0.9)
        served = serve_wishes(data)
        grants = tuple(p for p in served.data.pins if p.permintaan)  # without the closures and STAYS pins
        loose = served.data.replace(closed_posts=(), forbids=data.forbids, pins=(*data.pins, *grants))
        result = solve(loose, 20.0)
        if result.feasible:
            judged = served.data.replace(pins=loose.pins)
            found += any(v.rule in ("SPEC9", "R11") for v in check_plan(judged, result))
    assert found > 0


@pytest.mark.parametrize("block", range(10))
def test_reordering_or_shortening_ones_list_never_helps(block: int) -> None:
    """1,000 random instances (100 per block): for one requester, every reordering and truncation of their list
    (up to 64 lists) gets a wish no better, in their true order, than the truthful list gets."""
    for seed in range(block * 100, block * 100 + 100):
        data = instance(seed, 8)
        t = Tables(data)
        lists = [[w for w in ws if w.rank is not None] for ws in data.wish_lists]
        people = [i for i, ws in enumerate(lists) if ws]
        if not people:
            continue
        i = random.Random(seed).choice(people)
        truth = lists[i]
        honest = outcome(data, i, truth, serve_wishes(data, t).granted().get(i, _none()).granted)
        others = tuple(w for w in data.wishes if w.nip != data.employees[i].nip)
        for k in range(1, len(truth) + 1):
            for order in itertools.permutations(truth, k):
                told = tuple(w.model_copy(update={"rank": r}) for r, w in enumerate(order, 1))
                lied = data.replace(wishes=others + told)
                got = serve_wishes(lied, t).granted().get(i, _none()).granted
                assert outcome(data, i, truth, got) >= honest, (seed, i, [w.key for w in order])


def _none():  # type: ignore[no-untyped-def]
    class _Nothing:
        granted = None
    return _Nothing()


def test_granted_and_refused_wishes_are_explained() -> None:
    """A granted wish is in the moves with Tujuan 'permintaan pegawai' and its Penjelasan says which Urutan and that
    truth-telling is safe; every refused wish has its blocking rule in `explain`; a wish after the granted one is
    'tidak dinilai'."""
    from penempatan.explain import Explainer, move_rows
    from penempatan.wishes.serve import TRUTHFUL

    seen = {"granted": 0, "refused": 0}
    for seed in range(0, 60, 2):
        data = with_wishes(instance(seed, 12), seed, share=0.9)
        served = serve_wishes(data)
        t = Tables(served.data)
        result = solve(served.data, 20.0, tables=t)
        ex = Explainer(served.data, t, result)
        rows = {r.nip: r for r in move_rows(ex)}
        for i, d in served.granted().items():
            row = rows[data.employees[i].nip]
            assert row.purposes.startswith("permintaan pegawai")
            assert f"Permintaan Anda urutan {d.wish.rank} dipenuhi. {TRUTHFUL}" in row.penjelasan
            seen["granted"] += 1
        for d in served.decisions:
            line = next(x for x in ex.wishes(d.i).lines if x.rank == d.wish.rank)
            if d.refused:
                assert line.outcome.startswith("tidak dipenuhi: ")
                assert all(code in line.outcome for code in d.codes if code.startswith("R"))
                seen["refused"] += 1
            elif not d.reached:
                assert line.outcome.startswith("tidak dinilai")
    assert seen["granted"] > 0 and seen["refused"] > 0
