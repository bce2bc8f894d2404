"""Checking a whole plan: every mover against the per-mover rules, then purposes, seats, coupling rules and
the numbers the plan reports."""

from __future__ import annotations

import math
from fractions import Fraction

from penempatan.check.facts import Violation, broken
from penempatan.check.fairness import target_violations
from penempatan.check.movers import Rules
from penempatan.check.wishes import wish_violations
from penempatan.model import ProblemData
from penempatan.reference import Reference
from penempatan.result import Result


def holders_not_qualified(data: ProblemData, ref: Reference | None = None) -> list[Violation]:
    """R18 today: holders of a JF post who do not meet that family's qualification. Like R6/R7 this never
    evicts anyone (they may stay); it is a warning the BKPSDM must see."""
    rules = Rules(data, ref)
    out = []
    for i, e in enumerate(data.employees):
        j = data.current_post[i]
        family = rules.families[j]
        if family is None:
            continue
        message = rules.jf_qualification(e, data.positions[j], family, family)
        if message is not None:
            out.append(Violation("R18", e.nip, data.positions[j].kode,
                                 f"pemangku saat ini {message}"))
    return out


def check_plan(data: ProblemData, result: Result, ref: Reference | None = None) -> list[Violation]:
    """Every hard-rule violation of `result` for `data` (empty = a valid plan)."""
    if not result.feasible:
        return [Violation(result.status.value, None, None, "tidak ada rencana; tidak ada yang diperiksa")]
    structure = _plan_shape(data, result)
    if structure:
        return structure
    rules = Rules(data, ref)
    plan = [int(j) for j in result.assignment]
    fit = _reported_fit(result)
    out: list[Violation] = []
    out += _pins_kept(data, plan)
    # A pin (R15) is the committee's decision after talking to the employee: it may move an unwilling one.
    pinned = {(data.employee_index[pin.nip], data.position_index[pin.kode_jabatan]) for pin in data.pins}
    for i, j in enumerate(plan):
        if j != data.current_post[i]:
            out += [v for v in rules.move_violations(i, j) if not (v.rule == "R16" and (i, j) in pinned)]
    out += _purposes(data, rules, plan, fit)
    out += _seats(data, rules, plan)
    out += _unit_outflow(data, plan)
    out += _total_moves(data, plan)
    out += _place_shortage(data, plan, rules.ref)
    out += _profession_shortage(data, plan, rules.ref)
    out += wish_violations(data, rules, plan, fit)
    out += target_violations(rules, plan)
    out += _reported_numbers(data, rules, result, plan, fit)
    return out


def assert_plan_valid(data: ProblemData, result: Result, ref: Reference | None = None) -> None:
    """Raise AssertionError listing every violation of the plan."""
    violations = check_plan(data, result, ref)
    if violations:
        shown = "\n".join(f"  {v}" for v in violations[:50])
        more = f"\n  … dan {len(violations) - 50} lainnya" if len(violations) > 50 else ""
        raise AssertionError(f"{len(violations)} pelanggaran:\n{shown}{more}")


def _plan_shape(data: ProblemData, result: Result) -> list[Violation]:
    """Exactly one valid post index per employee."""
    n_emp, n_post = len(data.employees), len(data.positions)
    if len(result.assignment) != n_emp:
        return [Violation("PLAN", None, None,
                          f"rencana berisi {len(result.assignment)} penempatan untuk {n_emp} pegawai")]
    out = []
    for i, j in enumerate(result.assignment):
        if not 0 <= int(j) < n_post or int(j) != j:
            out.append(Violation("PLAN", data.employees[i].nip, None, f"indeks jabatan {j} tidak sah"))
    return out


def _reported_fit(result: Result) -> dict[tuple[int, int], int]:
    """The fit score (`skor`) of every candidate pair, as the plan reports it.

    The checker takes fit from the plan instead of recomputing it: fit is a weighted judgement (SPEC 4),
    not a hard rule, and recomputing it here would mean importing or copying the scorer. What the checker
    guarantees is that the plan is consistent with the fit it reports: every chosen pair is a candidate
    (OBJ), so the fit used below is the fit the solver optimised, and the purpose rule and the objective
    are then verified against it. The scorer's arithmetic is tested on its own (tests/test_scoring.py).
    """
    cand = result.candidates
    return {(int(i), int(j)): int(s) for i, j, s in zip(cand.emp, cand.post, cand.score, strict=True)}


def _pins_kept(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R15: a pinned employee ends in the pinned post."""
    out = []
    for pin in data.pins:
        j = plan[data.employee_index[pin.nip]]
        actual = data.positions[j].kode
        if actual != pin.kode_jabatan:
            out.append(Violation("R15", pin.nip, pin.kode_jabatan,
                                 broken("R15", f"dikunci ke {pin.kode_jabatan}, ditempatkan di {actual}")))
    return out


def _purposes(data: ProblemData, rules: Rules, plan: list[int], fit: dict[tuple[int, int], int]) -> list[Violation]:
    """SPEC 4: every move has a purpose and lowers the fit only for `kelebihan` or a must-fill vacancy.

    A move whose own pair is not a candidate is reported under OBJ instead; a mover whose current post is
    not among the candidates has no reported fit to compare with (also OBJ). A move to the post a scenario
    pins the employee to (R15) is the committee's decision, not the optimiser's: it needs no purpose.
    """
    pinned = {(data.employee_index[pin.nip], data.position_index[pin.kode_jabatan]) for pin in data.pins}
    out = []
    for i, j in enumerate(plan):
        cur = data.current_post[i]
        if j == cur or (i, j) not in fit or (i, j) in pinned:
            continue
        nip, kode = data.employees[i].nip, data.positions[j].kode
        if (i, cur) not in fit:
            out.append(Violation("OBJ", nip, data.positions[cur].kode,
                                 "jabatan saat ini tidak ada di antara kandidat (skor asal tidak diketahui)"))
            continue
        message = rules.purpose_violation(i, j, fit[(i, j)], fit[(i, cur)])
        if message is not None:
            out.append(Violation("TUJUAN", nip, kode, message))
    return out


def _seats(data: ProblemData, rules: Rules, plan: list[int]) -> list[Violation]:
    """R11: no more people than Kebutuhan; an over-staffed post takes no newcomer."""
    after: list[list[int]] = [[] for _ in data.positions]
    for i, j in enumerate(plan):
        after[j].append(i)
    out = []
    for j, post in enumerate(data.positions):
        if rules.over_staffed(j):
            for i in after[j]:
                if data.current_post[i] != j:
                    out.append(Violation("R11", data.employees[i].nip, post.kode,
                                         broken("R11", f"{rules.holders_before[j]} pemangku, kebutuhan "
                                                       f"{post.kebutuhan}: tidak menerima pegawai baru")))
        elif len(after[j]) > post.kebutuhan:
            out.append(Violation("R11", None, post.kode,
                                 broken("R11", f"{len(after[j])} pegawai, kebutuhan {post.kebutuhan}")))
    return out


def _unit_outflow(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R13: at most maks_keluar_unit_persen % (rounded down) of a unit's current staff leave it."""
    staff: dict[str, int] = {}
    leavers: dict[str, int] = {}
    for i, j in enumerate(plan):
        unit = data.positions[data.current_post[i]].unit
        staff[unit] = staff.get(unit, 0) + 1
        if data.positions[j].unit != unit:
            leavers[unit] = leavers.get(unit, 0) + 1
    pct = Fraction(repr(data.params.maks_keluar_unit_persen))  # 12.5 as the planner typed it, exactly
    out = []
    for unit, n_out in sorted(leavers.items()):
        limit = math.floor(staff[unit] * pct / 100)
        if n_out > limit:
            out.append(Violation("R13", None, None,
                                 broken("R13", f"{n_out} pegawai keluar dari {unit}, batas {limit} "
                                               f"({float(pct):g}% dari {staff[unit]})")))
    return out


def _total_moves(data: ProblemData, plan: list[int]) -> list[Violation]:
    """R14: at most maks_mutasi moves."""
    limit = data.params.maks_mutasi
    moves = sum(j != c for j, c in zip(plan, data.current_post, strict=True))
    if limit is not None and moves > limit:
        return [Violation("R14", None, None, broken("R14", f"{moves} mutasi, batas {limit}"))]
    return []


def _people(data: ProblemData, plan: list[int]) -> tuple[list[int], list[int]]:
    """People per post before and after the plan."""
    after = [0] * len(data.positions)
    for j in plan:
        after[j] += 1
    return [len(h) for h in data.holders], after


def _place_shortage(data: ProblemData, plan: list[int], ref: Reference) -> list[Violation]:
    """R21 (kekurangan_unit_boleh_naik off): no location (a school, a puskesmas, or the rest of a unit:
    `Reference.place_of`) ends with more empty seats than before the plan, counting per post
    max(0, Kebutuhan − people); no unit then does either."""
    if data.params.kekurangan_unit_boleh_naik:
        return []
    before, after = _people(data, plan)
    empty_before: dict[str, int] = {}
    empty_after: dict[str, int] = {}
    for j, post in enumerate(data.positions):
        # Every location keeping its filled seats keeps its unit's too (locations lie within units), so the
        # locations are what is checked; a unit's posts outside any school or puskesmas are one of them.
        place = ref.place_of(post.nama, post.unit, post.lokasi)
        where = post.unit if place == post.unit else f"{place} ({post.unit})"
        empty_before[where] = empty_before.get(where, 0) + max(0, post.kebutuhan - before[j])
        empty_after[where] = empty_after.get(where, 0) + max(0, post.kebutuhan - after[j])
    return [Violation("R21", None, None, broken("R21", f"kursi kosong di {where} bertambah dari "
                                                      f"{empty_before[where]} menjadi {empty_after[where]}"))
            for where in sorted(empty_after) if empty_after[where] > empty_before[where]]


def _profession_shortage(data: ProblemData, plan: list[int], ref: Reference) -> list[Violation]:
    """R21 (kekurangan_unit_boleh_naik off): no scarce profession (a JF family whose fields are all scarce:
    Guru, each health profession; `Reference.seat_kinds`) ends with fewer seats filled in a unit, counting per
    post min(Kebutuhan, people)."""
    if data.params.kekurangan_unit_boleh_naik:
        return []
    before, after = _people(data, plan)
    filled_before: dict[tuple[str, str], int] = {}
    filled_after: dict[tuple[str, str], int] = {}
    for j, post in enumerate(data.positions):
        if post.jenis != "Fungsional" or not post.rumpun_jf:
            continue
        name = ref.jf_of(post.nama, post.rumpun_jf)
        family = ref.jabatan_fungsional.get(name) if name else None
        if name is None or not ref.seat_kinds(post.nama, post.unit, post.lokasi, family)[1]:
            continue
        key = (post.unit, name)
        filled_before[key] = filled_before.get(key, 0) + min(post.kebutuhan, before[j])
        filled_after[key] = filled_after.get(key, 0) + min(post.kebutuhan, after[j])
    return [Violation("R21", None, None, broken("R21", f"kursi {key[1]} terisi di {key[0]} berkurang dari "
                                                      f"{filled_before[key]} menjadi {filled_after[key]}"))
            for key in sorted(filled_after) if filled_after[key] < filled_before[key]]


def _reported_numbers(data: ProblemData, rules: Rules, result: Result, plan: list[int],
                      fit: dict[tuple[int, int], int]) -> list[Violation]:
    """Every pair is a candidate; its reported nilai, the objective (Σ nilai), must-fill seats filled and
    surplus kept match the plan."""
    reported_nilai = _reported_nilai(result)
    out = []
    total = 0
    moves = 0
    for i, j in enumerate(plan):
        nip, kode = data.employees[i].nip, data.positions[j].kode
        if (i, j) not in fit:
            out.append(Violation("OBJ", nip, kode, "pasangan pegawai–jabatan bukan kandidat"))
            continue
        fit_stay = fit.get((i, data.current_post[i]))
        value = rules.nilai(i, j, fit[(i, j)], fit_stay)
        if fit_stay is None and j != data.current_post[i]:
            # A pinned mover (R15) has no stay pair, so the fit today is not reported; the pair is in every
            # plan alike, so its value cannot change which plan is optimal: take the reported one.
            value = reported_nilai[(i, j)]
        if reported_nilai[(i, j)] != value:
            out.append(Violation("OBJ", nip, kode, f"nilai pasangan dilaporkan {reported_nilai[(i, j)]}, "
                                                   f"seharusnya {value}"))
        total += value
        moves += j != data.current_post[i]
    if not out and result.objective != total:
        out.append(Violation("OBJ", None, None,
                             f"nilai objektif {result.objective}, seharusnya {total} "
                             f"(Σ nilai atas {len(plan) - moves} pegawai tetap dan {moves} mutasi)"))
    people = [0] * len(data.positions)
    for j in plan:
        people[j] += 1
    filled = sum(min(people[j], p.kebutuhan) for j, p in enumerate(data.positions) if p.wajib_diisi)
    if result.must_fill_filled != filled:
        out.append(Violation("OBJ", None, None,
                             f"kursi wajib terisi dilaporkan {result.must_fill_filled}, seharusnya {filled}"))
    surplus = sum(max(0, people[j] - p.kebutuhan) for j, p in enumerate(data.positions))
    if result.surplus_kept != surplus:
        out.append(Violation("OBJ", None, None,
                             f"kelebihan pegawai dilaporkan {result.surplus_kept}, seharusnya {surplus}"))
    return out


def _reported_nilai(result: Result) -> dict[tuple[int, int], int]:
    """The per-pair `nilai` (objective coefficient) of the candidates as the plan reports it."""
    cand = result.candidates
    return {(int(i), int(j)): int(v) for i, j, v in zip(cand.emp, cand.post, cand.nilai, strict=True)}
