"""`solve --putaran 2` (SPEC 8): the two-round plan, each round a `Result` that `check` verifies at its own date.

1. The one-round plan of `data` (the solver as for `solve`): its candidates, priced beyond the caps, are round 1's
   moves; then the one-round plan of the data after it at round 2 (wishes served again), whose moves join the
   paths. The two are the model's first incumbent, so the result is never worse than two one-round plans in a row.
2. The paths (paths.py) and the model over both rounds (solver/two_rounds.py), solved to optimality (HiGHS, gap 0).
3. Round 1 is checked as a one-round plan of `data`; round 2 as a one-round plan of the data after round 1 at
   round 2's date (movers in their new posts with TMT at tanggal_acuan, the departed gone, the trained trained:
   `after_round_one`, `rounds.later.at_round_two`). A round-2 move that the check refuses there (a rule whose
   verdict round 1 changed, e.g. a post no longer over-staffed once round 1 moved someone out of it) is taken
   out of the paths and the model solved again (`REPAIRS` at most); the plan returned passes both checks.
The optimum is over the candidate paths: `TwoRoundPlan.status` OPTIMAL says so, never "over every allowed pair".
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Sequence

import numpy as np

from penempatan.check import check_plan
from penempatan.check.facts import Violation
from penempatan.model import ProblemData
from penempatan.reference import Pelatihan, Reference
from penempatan.result import Result, SolveStatus
from penempatan.rounds.later import RoundTwo, at_round_two
from penempatan.rounds.outcome import Trainee, TwoRoundPlan, after_round_one
from penempatan.rounds.paths import LATER, NOW, STAY, Paths, build_paths
from penempatan.scoring import Tables, build_candidates
from penempatan.solver import solve
from penempatan.solver.two_rounds import TwoRoundModel

REPAIRS = 10
"""Times the model is solved again after the round-2 check refused moves (each time without them; an employee a
per-mover fault names loses every move of round 2)."""


def solve_two_rounds(data: ProblemData, time_limit: float = 120.0, *, training: bool = True,
                     ref: Reference | None = None, progress: Callable[[str], None] | None = None) -> TwoRoundPlan:
    """The two-round plan of `data` (see the module docstring) within about `time_limit` seconds; `ref` the
    reference tables (their pelatihan.csv gives the courses)."""
    say = progress or (lambda _msg: None)
    start = time.perf_counter()
    timings: dict[str, float] = {}
    t1 = Tables(data, ref)
    say("rencana satu putaran")
    one = solve(data, time_limit / 3, tables=t1)
    timings["satu putaran"] = time.perf_counter() - start
    if not one.feasible:
        raise ValueError(f"rencana putaran 1 tidak dapat disusun: {one.message}")
    tick = time.perf_counter()
    say("rencana satu putaran sesudah putaran 1")
    first, second, later = _one_then_one(data, one, time_limit / 6)
    also = _round_two_moves(data, second, later.data)
    timings["satu putaran lagi"] = time.perf_counter() - tick
    tick = time.perf_counter()
    say("jalur calon dua putaran")
    paths = build_paths(data, t1, one.candidates, training=training, also=also)
    t2 = Tables(paths.later.data, t1.ref)
    timings["jalur"] = time.perf_counter() - tick
    refused = 0
    for _ in range(REPAIRS + 1):
        tick = time.perf_counter()
        say(f"model dua putaran ({len(paths):,} jalur)".replace(",", "."))
        model = TwoRoundModel(paths, t1, t2)
        left = max(5.0, time_limit - (time.perf_counter() - start))
        hint = _hint(paths, one.assignment, also)
        solved = model.solve(left, hint=hint)
        timings["model"] = timings.get("model", 0.0) + time.perf_counter() - tick
        chosen = solved.chosen
        if chosen is None:
            # No plan from the model in time: two one-round plans in a row (FEASIBLE), each employee whose second
            # move is no path (a move of round 1 moving again) staying at round 2; the check below judges it.
            chosen = _fallback(paths, hint, t1.n_emp)
        tick = time.perf_counter()
        status = SolveStatus.OPTIMAL if solved.optimal else SolveStatus.FEASIBLE
        plan = rounds_of(data, t1, paths, chosen, status)
        faults = check_plan(data, plan[0], t1.ref) + check_plan(plan[2].data, plan[1], t1.ref)
        timings["periksa"] = timings.get("periksa", 0.0) + time.perf_counter() - tick
        bad = _refused_paths(paths, chosen, faults)
        if not faults:
            wall = time.perf_counter() - start
            plan = (dataclasses.replace(plan[0], wall_time=wall), dataclasses.replace(plan[1], wall_time=wall),
                    plan[2])
            return TwoRoundPlan(status, plan[0], plan[1], plan[2], _trainees(data, paths, chosen), one,
                                int(paths.nilai[chosen].sum()), solved.bound, plan[1].surplus_kept,
                                plan[1].must_fill_filled, refused, time.perf_counter() - start, timings, paths)
        if not bad.any():  # a fault of round 1 or of the whole plan: the model and the check disagree
            raise ValueError("pemeriksaan menolak rencana dua putaran: " + "; ".join(str(v) for v in faults[:10]))
        refused += int(bad.sum())
        paths = paths.take(~bad)
    raise ValueError(f"pemeriksaan putaran 2 masih menolak mutasi sesudah {REPAIRS} kali penyusunan ulang")


def _hint(paths: Paths, assignment: np.ndarray, later: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
    """Two one-round plans in a row as paths: the first's moves at round 1 and `later` (the second's) at round 2
    (a plan the model must match or beat)."""
    target = np.full(len(paths.cur), -1, dtype=np.int64)  # per employee: their post of round 2, -1 staying
    for i, j, _, _ in later:
        target[i] = j
    waits = target[paths.emp] >= 0
    first = (paths.round != LATER) & (paths.post == assignment[paths.emp]) & (~waits | (paths.round == NOW))
    second = (paths.round == LATER) & (paths.course < 0) & (paths.post == target[paths.emp])
    return (first | second).astype(float)


def _fallback(paths: Paths, hint: np.ndarray, n_emp: int) -> np.ndarray:
    """One path per employee: the hint's where it has exactly one, else their stay (or round-1 move) of the
    one-round plan, else their stay."""
    count = np.bincount(paths.emp, weights=hint, minlength=n_emp)
    chosen = np.nonzero((hint > 0) & (count[paths.emp] == 1))[0].tolist()
    done = set(paths.emp[chosen].tolist())
    for i in sorted(set(range(n_emp)) - done):
        own = np.nonzero((paths.emp == i) & (paths.round != LATER))[0]
        pick = own[hint[own] > 0] if (hint[own] > 0).any() else own[paths.round[own] == STAY]
        chosen.append(int(pick[0]) if len(pick) else int(own[0]))
    return np.array(sorted(chosen), dtype=np.int64)


def _one_then_one(data: ProblemData, one: Result, time_limit: float) -> tuple[Result, Result, RoundTwo]:
    """`one` (the one-round plan) and the one-round plan of the data after it at round 2, wishes served again."""
    from penempatan.wishes.serve import serve_wishes

    later = at_round_two(after_round_one(data, one.assignment))
    if later.data.wishes:
        later = dataclasses.replace(later, data=serve_wishes(later.data).data)
    return one, solve(later.data, time_limit), later


def _round_two_moves(data: ProblemData, second: Result, later: ProblemData) -> list[tuple[int, int, int, int]]:
    """The moves of a one-round plan of round 2 (on `later`, the data after round 1) as (employee of `data`, post,
    what the move adds over staying then, its fit)."""
    if not second.feasible:
        return []
    cand = second.candidates
    stay = dict(zip(cand.emp[cand.stay].tolist(), cand.nilai[cand.stay].tolist(), strict=True))
    at = {(int(i), int(j)): k for k, (i, j) in enumerate(zip(cand.emp, cand.post, strict=True))}
    out = []
    for i2, j in enumerate(second.assignment.tolist()):
        if j != later.current_post[i2] and (i2, j) in at and i2 in stay:
            k = at[(i2, j)]
            out.append((data.employee_index[later.employees[i2].nip], int(j), int(cand.nilai[k]) - stay[i2],
                        int(cand.score[k])))
    return out


def rounds_of(data: ProblemData, t1: Tables, paths: Paths, chosen: np.ndarray,
              status: SolveStatus = SolveStatus.OPTIMAL) -> tuple[Result, Result, RoundTwo]:
    """The plan of the chosen paths (one per employee): each round as a Result (candidates of its data with the
    plan's own pairs) and the data of round 2 (after round 1, with the chosen courses done)."""
    first_post = t1.cur.copy()
    now = chosen[paths.round[chosen] == NOW]
    first_post[paths.emp[now]] = paths.post[now]
    trained: dict[str, list[Pelatihan]] = {}
    for k in chosen[paths.course[chosen] >= 0].tolist():
        trained.setdefault(data.employees[int(paths.emp[k])].nip, []).append(paths.courses[int(paths.course[k])])
    later = at_round_two(after_round_one(data, first_post), trained, t1.ref)
    second_post = np.array([data.position_index[e.kode_jabatan] for e in later.data.employees], dtype=np.int64)
    then = chosen[paths.round[chosen] == LATER]
    index = later.data.employee_index
    for k in then.tolist():
        second_post[index[data.employees[int(paths.emp[k])].nip]] = paths.post[k]
    return (_result(data, t1, first_post, status),
            _result(later.data, Tables(later.data, t1.ref), second_post, status), later)


def _result(data: ProblemData, t: Tables, assignment: np.ndarray, status: SolveStatus) -> Result:
    """A round as a Result: the candidates of its data with its pairs, Σ nilai, R11/R12 figures from the plan."""
    cand = build_candidates(data, t, reference=assignment)
    keys = cand.emp * t.n_post + cand.post
    chosen = np.isin(keys, np.arange(t.n_emp) * t.n_post + assignment)
    counts = np.bincount(assignment, minlength=t.n_post)
    wajib = np.nonzero(t.post_wajib)[0]
    return Result(status=status, assignment=assignment, objective=int(cand.nilai[chosen].sum()), bound=math.nan,
                  wall_time=0.0, candidates=cand, must_fill_seats=int(t.post_keb[wajib].sum()),
                  must_fill_filled=int(np.minimum(counts[wajib], t.post_keb[wajib]).sum()),
                  surplus_kept=int(np.maximum(0, counts - t.post_keb).sum()), method="dua putaran",
                  proof_over_all_pairs=False)


def _refused_paths(paths: Paths, chosen: np.ndarray, faults: list[Violation]) -> np.ndarray:
    """The round-2 paths the faults of round 2 point at (they are taken out and the model solved again): every
    move of round 2 of an employee a per-mover fault names, and for justified envy (SPEC9, naming the refused
    requester and the post) the other newcomers of round 2 into that post. Plan-wide faults name nobody: none is
    refused."""
    named = {v.nip for v in faults if v.nip and v.rule != "SPEC9"}
    envied = {(v.kode_jabatan, v.nip) for v in faults if v.rule == "SPEC9"}
    later = paths.later.data
    bad = np.zeros(len(paths), dtype=bool)
    waits = np.nonzero(paths.round == LATER)[0]
    for k in chosen[paths.round[chosen] == LATER].tolist():
        nip = later.employees[int(paths.round_two_index[paths.emp[k]])].nip
        kode = later.positions[int(paths.post[k])].kode
        if nip in named:  # a verdict round 1 changed for them: none of their moves of round 2 is safe
            bad[waits[paths.emp[waits] == paths.emp[k]]] = True
        elif any(post == kode and who != nip for post, who in envied):
            bad[k] = True
    return bad


def _trainees(data: ProblemData, paths: Paths, chosen: np.ndarray) -> tuple[Trainee, ...]:
    """Who the plan trains, for which round-2 post, and the move's gain over staying (Σ nilai)."""
    stay = {int(paths.emp[k]): int(paths.nilai[k]) for k in np.nonzero(paths.round == STAY)[0].tolist()}
    out = []
    for k in chosen[paths.course[chosen] >= 0].tolist():
        i = int(paths.emp[k])
        e = data.employees[i]
        out.append(Trainee(e.nip, e.nama, paths.courses[int(paths.course[k])], data.positions[int(paths.post[k])].kode,
                           int(paths.nilai[k]) - stay.get(i, 0)))
    return tuple(out)


def sequential(data: ProblemData, time_limit: float = 60.0) -> tuple[Result, Result, RoundTwo]:
    """Two one-round plans in a row, without training: round 1, then round 2 on the data after it with its wishes
    served again, as `solve` would serve them then (`compare` and the tests measure the two-round plan against
    it)."""
    return _one_then_one(data, solve(data, time_limit), time_limit)
