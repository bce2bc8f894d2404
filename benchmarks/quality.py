"""Is the plan one a Baperjakat would sign? Counts over a solved plan (SPEC 6; issues 10 and 11).

    python benchmarks/quality.py [--pegawai 600 5000] [--seed 1 7] [--data DATA.xlsx ...]

Each count is computed here from the input data and the plan alone (not from the solver's own flags), as
a planner reading the `Usulan Mutasi` sheet would: moves into a JF family by someone its table does not
accept, into finance posts without a finance programme or training, into posts with a Bidang from another
field, promotions of more than one tingkat, demotions (and how many of them leave a surplus), placements
into JPT, the share of staff moved, moves that lower the mover's fit, units left with more empty seats,
unwilling movers; and (issue 21) moves into a post whose field set (its Bidang plus its JF family's fields)
excludes the mover's field and training, moves breaking R22 (perpindahan into a JF), R23 (people gates) or R24
(near BUP) as the independent checker reads them, moves into a post with no field whose field part rises,
pairs of identical JPT `Calon` lists, and PPPK holders outside their post's golongan range (read through the
PPPK-PNS equivalence). `quality()` is also used by tests/test_quality.py on the demo and the kota workbook.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

FINANCE = "ekonomi_akuntansi"


@dataclass(frozen=True)
class Quality:
    pegawai: int
    mutasi: int
    persen_pindah: float
    jf_tidak_memenuhi: int  # R18
    keuangan_tanpa_bidang: int  # R8 on finance posts
    bidang_lain_persen: float  # R8: share of moves into posts with a Bidang whose field differs
    promosi_lebih_satu_tingkat: int  # R9
    turun_kelas: int  # R19: all steps down
    turun_kelas_bukan_kelebihan: int  # R19: steps down not out of a surplus (must be 0)
    masuk_jpt: int  # R20
    kesesuaian_turun_persen: float  # moves that lower the mover's fit
    unit_lebih_kosong: int  # R21
    lokasi_lebih_kosong: int  # R21 v3: schools, puskesmas and the rest of each unit with more empty seats
    kursi_terisi_per_mutasi: float  # seats filled gained by the round, per move
    tidak_bersedia_persen: float  # R16
    bidang_di_luar: int  # R8 v3: the post's field set excludes the mover's field and training
    melanggar_r22: int  # perpindahan into a JF without its gates
    melanggar_r23: int  # kotak 1, predikat Kurang or an active sanction moved without a surplus
    melanggar_r24: int  # moved near BUP without asking
    naik_dari_bidang_netral: int  # a no-field target whose field part is above the mover's current one
    calon_kembar: int  # pairs of identical JPT Calon lists
    pppk_di_luar_rentang: int  # PPPK holders outside their post's range (R7 through the equivalence)
    profesi_kehilangan_kursi: int  # R21 v3: scarce profession pools (unit × Guru / health family) with fewer filled
    jf_ganti_rumpun_rotasi: int  # R26: moves into another JF family (or into or out of JF) labelled rotation
    relawan_dilewati: int  # surplus posts where a non-volunteer left for a seat open to a volunteer who stayed
    kebutuhan_tanpa_nilai: int  # moves labelled 'mengisi kebutuhan' whose chain does not raise the staffing value
    permintaan_dipenuhi: int  # people moved to a unit they named (Unit Diminati)
    peminta: int  # people who named a Unit Diminati
    waktu_detik: float
    status: str


def quality(data: object, result: object, seconds: float = 0.0) -> Quality:
    """The counts for one plan (`data`: ProblemData, `result`: Result)."""
    from penempatan.model import ProblemData
    from penempatan.reference import load_reference
    from penempatan.result import Result

    assert isinstance(data, ProblemData) and isinstance(result, Result)
    ref = load_reference()
    cur = np.asarray(data.current_post)
    after = np.asarray(result.assignment)
    movers = np.nonzero(after != cur)[0].tolist()
    posts, emps = data.positions, data.employees
    holders = np.bincount(cur, minlength=len(posts))

    def tingkat(j: int) -> int:
        info = ref.jenis_of(posts[j].jenis, posts[j].jenjang)
        return info.tingkat if info else 1

    fit = {(int(i), int(j)): int(s) for i, j, s in zip(result.candidates.emp, result.candidates.post,
                                                         result.candidates.score, strict=True)}
    jf_bad = finance_bad = other_field = with_field = two_up = down = down_not_forced = jpt = fit_down = 0
    for i in movers:
        e, src, dst = emps[i], int(cur[i]), int(after[i])
        q = posts[dst]
        if q.jenis == "Fungsional" and q.rumpun_jf:
            family = ref.jabatan_fungsional.get(q.rumpun_jf)
            same_family_unknown = e.bidang is None and posts[src].rumpun_jf == q.rumpun_jf
            if family and family.bidang and e.bidang not in family.bidang and not same_family_unknown and not (
                    not family.licensed and family.bidang & set(e.pelatihan)):
                jf_bad += 1
        family = ref.jabatan_fungsional.get(q.rumpun_jf) if q.rumpun_jf else None
        fields = ref.post_fields(q.bidang, family)  # R8 v3: the post's Bidang and its family's fields
        if fields:
            with_field += 1
            if e.bidang not in fields and not fields & set(e.pelatihan):
                other_field += 1
            if fields == {FINANCE} and e.bidang != FINANCE and FINANCE not in e.pelatihan:
                finance_bad += 1
        up = q.kelas > posts[src].kelas or tingkat(dst) > tingkat(src)
        if up and tingkat(dst) > tingkat(src) + 1:
            two_up += 1
        if q.kelas < posts[src].kelas or tingkat(dst) < tingkat(src):
            down += 1
            if holders[src] <= posts[src].kebutuhan:
                down_not_forced += 1
        if q.jenis == "JPT Pratama":
            jpt += 1
        if fit.get((i, dst), 0) < fit.get((i, src), 0):
            fit_down += 1
    counts = np.bincount(after, minlength=len(posts))
    units = sorted({q.unit for q in posts})
    worse = 0
    for u in units:
        js = [j for j, q in enumerate(posts) if q.unit == u]
        before = sum(max(0, posts[j].kebutuhan - int(holders[j])) for j in js)
        now = sum(max(0, posts[j].kebutuhan - int(counts[j])) for j in js)
        worse += now > before
    places: dict[str, list[int]] = {}
    for j, q in enumerate(posts):
        places.setdefault(f"{q.unit}\t{ref.place_of(q.nama, q.unit, q.lokasi)}", []).append(j)
    worse_places = 0
    for js in places.values():
        before = sum(max(0, posts[j].kebutuhan - int(holders[j])) for j in js)
        now = sum(max(0, posts[j].kebutuhan - int(counts[j])) for j in js)
        worse_places += now > before
    keb = np.array([q.kebutuhan for q in posts])
    gained = int(np.minimum(counts, keb).sum() - np.minimum(holders, keb).sum())
    unwilling = sum(1 for i in movers if not emps[i].bersedia_mutasi)
    n_moves = len(movers)
    fields = (*_issue21_counts(data, result, movers), *_issue22_counts(data, result, movers))

    def pct(k: int, n: int) -> float:
        return round(100.0 * k / n, 2) if n else 0.0

    return Quality(len(emps), n_moves, pct(n_moves, len(emps)), jf_bad, finance_bad, pct(other_field, with_field),
                   two_up, down, down_not_forced, jpt, pct(fit_down, n_moves), worse, worse_places,
                   round(gained / n_moves, 3) if n_moves else 0.0, pct(unwilling, n_moves),
                   *fields, round(seconds, 2), result.status.value)


def _issue21_counts(data: object, result: object, movers: list[int]) -> tuple[int, ...]:
    """(bidang_di_luar, melanggar_r22, r23, r24, naik_dari_bidang_netral, calon_kembar, pppk_di_luar_rentang)."""
    from penempatan.check.movers import Rules
    from penempatan.explain.seats import shortlists
    from penempatan.explain.view import PlanView
    from penempatan.model import ProblemData
    from penempatan.result import Result
    from penempatan.scoring import Tables

    assert isinstance(data, ProblemData) and isinstance(result, Result)
    rules = Rules(data)
    ref = rules.ref
    after = np.asarray(result.assignment)
    outside = r22 = r23 = r24 = neutral_gain = 0
    parts = {(int(i), int(j)): p for i, j, p in zip(result.candidates.emp, result.candidates.post,
                                                    result.candidates.parts, strict=True)}
    for i in movers:
        e, src, dst = data.employees[i], data.current_post[i], int(after[i])
        q = data.positions[dst]
        allowed = ref.post_fields(q.bidang, rules.families[dst])
        if allowed and e.bidang not in allowed and not allowed & set(e.pelatihan):
            outside += 1
        r22 += rules.perpindahan(i, dst) is not None
        r23 += rules.people_gate(i, dst) is not None
        r24 += rules.near_retirement(i, dst) is not None
        if not ref.score_fields(q.bidang, rules.families[dst]) and (i, dst) in parts and (i, src) in parts:
            neutral_gain += int(parts[(i, dst)][1]) > int(parts[(i, src)][1])
    view = PlanView(data, Tables(data), result)
    lists = [tuple(c.i for c in names) for per_post in shortlists(view).values() for names in per_post if names]
    twins = sum(a == b for k, a in enumerate(lists) for b in lists[k + 1:])
    pppk = 0
    for i, e in enumerate(data.employees):
        g = ref.golongan.get(e.golongan)
        if g is None or g.jenis != "PPPK":
            continue
        low, high = rules.golongan_range(data.positions[data.current_post[i]])
        rank = ref.golongan_rank(e.golongan)
        pppk += (low is not None and rank < low) or (high is not None and rank > high)
    return outside, r22, r23, r24, neutral_gain, twins, pppk


def _issue22_counts(data: object, result: object, movers: list[int]) -> tuple[int, ...]:
    """(profesi_kehilangan_kursi, jf_ganti_rumpun_rotasi, relawan_dilewati, kebutuhan_tanpa_nilai,
    permintaan_dipenuhi, peminta), each from the data and the plan as the committee reads them."""
    from penempatan.check.facts import same_text
    from penempatan.explain.moves import tujuan
    from penempatan.explain.view import PlanView
    from penempatan.model import ProblemData
    from penempatan.reference import load_reference
    from penempatan.result import Result
    from penempatan.rules import PURPOSE_LABELS
    from penempatan.scoring import Tables

    assert isinstance(data, ProblemData) and isinstance(result, Result)
    ref = load_reference()
    posts, emps = data.positions, data.employees
    cur = np.asarray(data.current_post)
    after = np.asarray(result.assignment)
    holders = np.bincount(cur, minlength=len(posts))
    counts = np.bincount(after, minlength=len(posts))

    def family(j: int) -> str | None:
        q = posts[j]
        return ref.jf_of(q.nama, q.rumpun_jf) if q.jenis == "Fungsional" and q.rumpun_jf else None

    def seat_value(j: int) -> int:
        q = posts[j]
        name = family(j)
        service, scarce = ref.seat_kinds(q.nama, q.unit, q.lokasi, ref.jabatan_fungsional.get(name) if name else None)
        return data.params.seat_value(wajib=q.wajib_diisi, layanan=service, profesi=scarce, risiko=q.risiko_tinggi)

    pools: dict[tuple[str, str], list[int]] = {}
    for j, q in enumerate(posts):
        name = family(j)
        fam = ref.jabatan_fungsional.get(name) if name else None
        if name and fam and fam.bidang and fam.bidang <= ref.profesi_langka:
            pools.setdefault((q.unit, name), []).append(j)
    lost = sum(sum(min(int(counts[j]), posts[j].kebutuhan) for j in js)
               < sum(min(int(holders[j]), posts[j].kebutuhan) for j in js) for js in pools.values())
    view = PlanView(data, Tables(data), result)
    rotation, filling = PURPOSE_LABELS["rotasi"], PURPOSE_LABELS["kebutuhan"]
    words = {i: tujuan(view, i) for i in movers}
    family_change = sum(rotation in words[i] and family(int(cur[i])) != family(int(after[i])) for i in movers)
    volunteers = [bool(e.unit_diminati) for e in emps]
    cand = result.candidates
    allowed = set(zip(cand.emp[~cand.stay].tolist(), cand.post[~cand.stay].tolist(), strict=True))
    passed = 0
    for j in np.nonzero(holders > np.array([q.kebutuhan for q in posts]))[0].tolist():
        people = np.nonzero(cur == j)[0].tolist()
        taken = {int(after[i]) for i in people if after[i] != j and not volunteers[i]}
        # A volunteer passed over: one who stays although a seat a non-volunteer left for was open to them too.
        passed += any(after[i] == j and volunteers[i] and any((i, q) in allowed for q in taken) for i in people)
    no_value = 0
    for c in view.chains:
        delta: dict[int, int] = {}
        for i in c.members:
            delta[int(cur[i])] = delta.get(int(cur[i]), 0) - 1
            delta[int(after[i])] = delta.get(int(after[i]), 0) + 1
        gain = sum(seat_value(j) * (min(int(holders[j]) + d, posts[j].kebutuhan)
                                    - min(int(holders[j]), posts[j].kebutuhan)) for j, d in delta.items())
        no_value += sum(filling in words[i] for i in c.members) if gain <= 0 else 0
    granted = sum(any(same_text(posts[int(after[i])].unit, u) for u in emps[i].unit_diminati)
                  and posts[int(after[i])].unit != posts[int(cur[i])].unit for i in movers)
    return lost, family_change, passed, no_value, granted, sum(volunteers)


def _solve(data: Any) -> tuple[Any, Any, float]:
    """(the data with the ranked wishes served, as `solve` does (SPEC 9), its plan, the seconds taken)."""
    from penempatan.solver import solve
    from penempatan.wishes.serve import serve_wishes

    tick = time.perf_counter()
    served = serve_wishes(data).data
    result = solve(served, 120.0)
    return served, result, time.perf_counter() - tick


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pegawai", type=int, nargs="*", default=[600, 5000])
    ap.add_argument("--seed", type=int, nargs="*", default=[1, 7])
    ap.add_argument("--data", type=Path, nargs="*", default=[])
    args = ap.parse_args()
    from penempatan.demo import generate_demo
    from penempatan.excel.read import read_workbook

    rows: list[tuple[str, Quality]] = []
    for n, seed in zip(args.pegawai, args.seed, strict=False):
        data, result, secs = _solve(generate_demo(n_pegawai=n, seed=seed))
        rows.append((f"demo {n} seed {seed}", quality(data, result, secs)))
    for path in args.data:
        data, result, secs = _solve(read_workbook(path).data)
        rows.append((path.name, quality(data, result, secs)))
    if not rows:
        return
    names = list(asdict(rows[0][1]))
    print("| data | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for label, q in rows:
        print(f"| {label} | " + " | ".join(str(v) for v in asdict(q).values()) + " |")


if __name__ == "__main__":
    main()
