"""No justified envy (SPEC 9), checked by brute force against the independent hard-rule checker.

The plan is made exactly as the product makes it (`usecases.jobs.solve_plan`): the wishes are served
(`serve_wishes`), the plan is solved around the grants and, when that plan cannot exist, grants are withdrawn
(`withdraw`). Everything after that uses only the input, the plan, the published priorities (`priorities`),
the fit scorer (`scoring.fit`, for the fit of pairs the plan does not report) and the hard-rule checker
(`check.plan.check_plan`): neither `wishes.serve`, nor `check.wishes`' definition of envy, nor the solver
(serve's decisions are only quoted in a failure message, to help whoever reads it).

**The definition brute-forced here.** Requester i (ranked wishes, sheet Permintaan) has *justified envy* in plan
P when, for some post p of a wish that i ranked strictly above their outcome (the first ranked wish that holds
P[i]; none = below every wish), and some newcomer j placed in p by P (P[j] = p, j's current post is not p,
j ≠ i) with fewer points than i (a later rank by `priorities()`, or no rank at all), there is a post q (any post
of the instance: j's current post, i's current post, p itself, anything) such that the plan A, equal to P except
A[i] = p and A[j] = q,

1. passes every hard rule of `check_plan` (R1–R24 per mover, the purpose rule, R11 seats, R13, R14, R15, R21),
   checked as the product checks a plan, on the input plus what A itself decides: without the STAYS pins that
   hold refused requesters (A moves i; holding them is how serving enforces no envy, not a rule that can block
   anyone), with A's requested moves as granted-wish pins (below), and with the posts the plan closed (a seat
   refused to a higher requester for want of one takes no other newcomer; check_plan also reads them for R19,
   whose "equal post" must be open); and
2. keeps i's move within `batas_biaya_permintaan`: nilai(i, p) ≥ nilai(i, stay) − the limit, SPEC 4's nilai as
   the checker computes it (`Rules.nilai`) from the scorer's fit. This is part of the definition because SPEC 9
   serves wishes "within a parameter bounding the staffing value they may cost" and serve.py's docstring makes it
   a condition of a post being allowed: a wish over the limit is not one the plan owes anyone.

A *requested move* (a move of a requester to a post of one of their ranked wishes that keeps the value limit)
is checked as the product checks a granted wish: as a pin with `permintaan` = the wish's Urutan, which lifts R16
(willingness) and R24 (no move near BUP unless asked) and needs no SPEC 4 purpose (a pin is a decision, not the
optimiser's move). i moving to p is such a move; every grant of P that A keeps is one; so is j's move to q when q
is a post j wished. Every other move is an ordinary one and must pass every rule, purpose included. The reported
numbers of a plan (`OBJ`: candidates, nilai, objective) are consistency checks of the solver's report, not rules,
and are left out; the fit the checker needs is the scorer's for every pair (checked to equal the plan's report).

Why this definition: it is SPEC 9's sentence ("nobody is refused a wished post ranked above their outcome that
went to someone with fewer points, unless a named rule blocks them") with "a named rule blocks them" read as
"every plan that differs from this one only in i and the person who took the seat breaks a hard rule, or the
wish is over the value limit". It deliberately does not reuse check.wishes' list of blocking rules (R13 at the
plan's leavers, R21 whenever i holds a filled seat elsewhere, ...), which was written with the serving code.

**Exhaustive, on instances of 6–7 employees.** Every assignment of employees to posts whose moves all go to posts
vacant today (Kebutuhan − holders before any plan > 0: the seats serve.py hands out) is enumerated (each person's
options: their current post and every vacant post whose move passes the per-mover rules on its own; seats within
Kebutuhan), and every assignment whose vector of wish outcomes (per requester in priority order, the index of the
first ranked wish holding their post) is lexicographically better than the product plan's is judged whole by
`check_plan` as above. A requester reaches a wished post only by a requested move (over the value limit a wish is
not owed). Two scopes: *grants-only* is serve.py's exactly (only requesters move, each by a requested move,
everyone else stays: what the serial dictatorship compares) and nothing may beat the plan there; *vacancies* lets
anyone move into today's vacancies (the optimiser's moves too) and is expected to fail where a requester's leaving
needs a replacement (R21) that serve.py does not count (`SCOPE_DIFFERENCE`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pytest
from instances import make_instance
from test_serve_wishes import with_wishes

from penempatan.check.facts import Violation
from penempatan.check.movers import Rules
from penempatan.check.plan import check_plan
from penempatan.model import Pin, ProblemData
from penempatan.reference import Reference, load_reference
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Candidates, Tables
from penempatan.scoring.fit import pair_parts, total
from penempatan.solver import solve
from penempatan.wishes.priority import priorities
from penempatan.wishes.serve import WishDecision, serve_wishes, withdraw

TIME_LIMIT = 20.0
"""The solver's time limit (seconds), as tests/test_serve_wishes.py gives it."""
NOT_RULES = ("OBJ",)
"""What `check_plan` reports that is not a hard rule: the solver's report (candidates, nilai, objective) does not
match the plan, which a plan made by hand here has no report for."""


# --- the instances and the product's plan ------------------------------------------------------------------------


def case(seed: int, n: int) -> ProblemData:
    """A random instance of `n` employees in two units whose settings follow from the seed: the share of
    requesters (0.5, 0.7, 0.9), the value limit (0, 30, 200 as tests/test_serve_wishes.py), R21 on or off, and R13
    loose (100 %, as tests/test_serve_wishes.py) or binding (34 %)."""
    data = make_instance(seed, n, 2, maks_keluar_unit_persen=[100, 100, 34][seed // 2 % 3],
                         kekurangan_unit_boleh_naik=seed % 2 == 0, batas_biaya_permintaan=[0, 30, 200][seed % 3])
    return with_wishes(data, seed, share=[0.5, 0.7, 0.9][seed // 6 % 3])


@dataclass(frozen=True)
class Planned:
    """The product's plan for an input: the data it was solved on (grants pinned), the result, and serve's
    decisions (quoted in failure messages only)."""

    served: ProblemData
    result: Result
    decisions: tuple[WishDecision, ...]
    withdrawn: bool  # the plan around every grant could not exist: grants were withdrawn

    @property
    def plan(self) -> list[int]:
        return [int(j) for j in self.result.assignment]

    def refusal(self, i: int, p: int) -> str:
        """What serve said about i's wish holding p (for a failure message)."""
        for d in self.decisions:
            if d.i == i and p in self.served.posts_of(d.wish):
                return f"serve: granted {d.granted}" if d.granted is not None else f"serve refused: {d.codes}"
        return "serve: no decision"


def product_plan(data: ProblemData) -> Planned:
    """The plan as `penempatan solve` makes it (usecases.jobs.solve_plan): serve, solve, withdraw if infeasible."""

    def solved(d: ProblemData) -> tuple[Tables, Result]:
        tables = Tables(d)
        return tables, solve(d, TIME_LIMIT, tables=tables)

    served = serve_wishes(data)
    first = solved(served.data)
    withdrew = first[1].status is SolveStatus.INFEASIBLE
    if withdrew:
        data_solved, _, result = withdraw(data, served.data, first, solved)
    else:
        data_solved, result = served.data, first[1]
    assert result.feasible, result.message
    return Planned(data_solved, result, served.decisions, withdrew)


# --- the brute-force judge ---------------------------------------------------------------------------------------


class Judge:
    """Hard rules of whole plans of one input, by `check_plan` on the input with requested moves as pins and the
    plan's closed posts."""

    def __init__(self, data: ProblemData, ref: Reference, closed: tuple[str, ...] = ()) -> None:
        self.ref = ref
        self.scenario_pins = tuple(p for p in data.pins if p.permintaan is None)
        # The input without wishes (check.wishes' envy test has nothing to read) or STAYS pins, with the posts
        # the plan closed (check_plan reads them: no newcomer there but a requested move; R19's equal post).
        self.base = data.replace(wishes=(), closed_posts=closed, pins=self.scenario_pins)
        self.rules = Rules(self.base, ref)
        self.cur = list(data.current_post)
        n, m = len(data.employees), len(data.positions)
        self.n, self.m = n, m
        emp = np.repeat(np.arange(n, dtype=np.int64), m)
        post = np.tile(np.arange(m, dtype=np.int64), n)
        parts = pair_parts(Tables(data), emp, post)
        score = total(parts)
        self.fit = score.reshape(n, m)
        zeros = np.zeros(len(emp), dtype=np.int64)
        self.candidates = Candidates(emp=emp, post=post, score=score, stay=post == np.array(self.cur)[emp],
                                     parts=parts, nilai=zeros, purposes=zeros, flags=zeros)
        self.budget = data.params.batas_biaya_permintaan
        self.ranked = [[w for w in ws if w.rank is not None] for ws in data.wish_lists]
        # (employee, post) -> index in their ranked list of the first wish designating the post.
        self.wish_index: dict[tuple[int, int], int] = {}
        for i, wishes in enumerate(self.ranked):
            for k, w in enumerate(wishes):
                for q in data.posts_of(w):
                    self.wish_index.setdefault((i, q), k)
        self.calls = 0

    def within_limit(self, i: int, p: int) -> bool:
        """i's move to p costs at most `batas_biaya_permintaan` nilai against staying (SPEC 4 nilai, checker's)."""
        stay = int(self.fit[i, self.cur[i]])
        move = self.rules.nilai(i, p, int(self.fit[i, p]), stay)
        return move >= self.rules.nilai(i, self.cur[i], stay) - self.budget

    def requested(self, i: int, q: int) -> int | None:
        """The Urutan when i's move to q is a requested move (a ranked wish of i, within the value limit)."""
        k = self.wish_index.get((i, q))
        if k is None or q == self.cur[i] or not self.within_limit(i, q):
            return None
        return self.ranked[i][k].rank

    def pins(self, plan: list[int]) -> tuple[Pin, ...]:
        """The scenario's pins plus a granted-wish pin for every requested move of `plan`."""
        out = list(self.scenario_pins)
        for i, q in enumerate(plan):
            rank = self.requested(i, q)
            if rank is not None:
                out.append(Pin(nip=self.base.employees[i].nip, kode_jabatan=self.base.positions[q].kode,
                               permintaan=rank))
        return tuple(out)

    def violations(self, plan: list[int]) -> list[Violation]:
        """Every hard-rule violation of `plan` (empty: a valid plan)."""
        self.calls += 1
        data = self.base.replace(pins=self.pins(plan))
        result = Result(status=SolveStatus.OPTIMAL, assignment=np.array(plan, dtype=np.int64), objective=0,
                        bound=0.0, wall_time=0.0, candidates=self.candidates)
        return [v for v in check_plan(data, result, self.ref) if v.rule not in NOT_RULES]

    def move_allowed(self, i: int, q: int) -> bool:
        """The per-mover part of the rules for one move, as `check_plan` judges it (a filter only: every plan is
        then judged whole)."""
        if q == self.cur[i]:
            return True
        lifted = ("R16", "R24") if self.requested(i, q) is not None else ()
        if any(v.rule not in lifted for v in self.rules.move_violations(i, q)):
            return False
        if lifted:
            return True
        return self.rules.purpose_violation(i, q, int(self.fit[i, q]), int(self.fit[i, self.cur[i]])) is None

    def outcome(self, i: int, post: int) -> int:
        """The index (0 = first) of i's first ranked wish that holds `post`; len(list) when none does."""
        return self.wish_index.get((i, post), len(self.ranked[i]))


@dataclass
class Envy:
    """One case of justified envy: i wanted p (Urutan `rank`), newcomer j took it, and `alternative` is valid."""

    i: int
    p: int
    j: int
    rank: int
    alternative: list[int]

    def text(self, data: ProblemData, plan: list[int]) -> str:
        e, pos = data.employees, data.positions
        q = self.alternative[self.j]
        return (f"{e[self.i].nama} ({e[self.i].nip}) wished {pos[self.p].kode} (Urutan {self.rank}) and ends in "
                f"{pos[plan[self.i]].kode}; {e[self.j].nama} ({e[self.j].nip}, fewer points) moved there from "
                f"{pos[data.current_post[self.j]].kode}; valid: the same plan with {e[self.i].nama} in "
                f"{pos[self.p].kode} and {e[self.j].nama} in {pos[q].kode}")


@dataclass
class Tally:
    """What the brute force examined."""

    instances: int = 0
    withdrawn: int = 0
    requesters: int = 0
    candidates: int = 0  # (i, p, j) triples examined
    over_limit: int = 0  # triples where i's move to p is over batas_biaya_permintaan (no alternative owed)
    alternatives: int = 0  # alternative plans judged by check_plan
    envy: list[str] = field(default_factory=list)


def envy_cases(data: ProblemData, plan: list[int], judge: Judge, tally: Tally | None = None) -> list[Envy]:
    """Every case of justified envy in `plan` (the first valid alternative of each (i, p, j)), by the definition
    of the module docstring."""
    tally = tally or Tally()
    rank = {p.i: p.rank for p in priorities(data, judge.ref)}
    newcomers: dict[int, list[int]] = {}
    for j, q in enumerate(plan):
        if q != judge.cur[j]:
            newcomers.setdefault(q, []).append(j)
    found: list[Envy] = []
    for i, wishes in enumerate(judge.ranked):
        if not wishes:
            continue
        tally.requesters += 1
        for wish in wishes[:judge.outcome(i, plan[i])]:
            assert wish.rank is not None
            for p in data.posts_of(wish):
                if p == judge.cur[i]:
                    continue
                for j in newcomers.get(p, ()):
                    if j == i or rank.get(j, math.inf) < rank[i]:
                        continue
                    tally.candidates += 1
                    if not judge.within_limit(i, p):
                        tally.over_limit += 1
                        continue
                    for q in range(judge.m):
                        alternative = list(plan)
                        alternative[i], alternative[j] = p, q
                        tally.alternatives += 1
                        if not judge.violations(alternative):
                            found.append(Envy(i, p, j, wish.rank, alternative))
                            break
    return found


def _same_fit(judge: Judge, result: Result) -> None:
    """The scorer's fit equals the fit the plan reports, on every pair the plan reports."""
    cand = result.candidates
    for i, j, s in zip(cand.emp.tolist(), cand.post.tolist(), cand.score.tolist(), strict=True):
        assert judge.fit[i, j] == s, (i, j, judge.fit[i, j], s)


# --- pairwise brute force ----------------------------------------------------------------------------------------


SEEDS = range(300)
"""300 instances of 6–12 employees: every size, value limit, R21 and R13 setting and share of requesters."""


def test_brute_force_finds_no_justified_envy() -> None:
    """On random instances of 6–12 employees, no requester can be given a post they wished above their outcome
    that went to a newcomer with fewer points, by any plan that differs from the product's only in the two of them
    and keeps every hard rule (and the value limit). The product's plan passes the product's checker, and the
    judge accepts it too (so the judge is not so strict that it could never find envy)."""
    ref = load_reference()
    tally = Tally()
    calls = 0
    start = time.perf_counter()
    for seed in SEEDS:
        data = case(seed, 6 + seed % 7)
        planned = product_plan(data)
        plan = planned.plan
        assert check_plan(planned.served, planned.result) == [], seed
        judge = Judge(data, ref, planned.served.closed_posts)
        _same_fit(judge, planned.result)
        assert judge.violations(plan) == [], (seed, judge.violations(plan))
        tally.instances += 1
        tally.withdrawn += planned.withdrawn
        for envy in envy_cases(data, plan, judge, tally):
            tally.envy.append(f"seed {seed} ({len(data.employees)} employees): {envy.text(data, plan)} "
                              f"[{planned.refusal(envy.i, envy.p)}]")
        calls += judge.calls
    seconds = time.perf_counter() - start
    print(f"\n{tally.instances} instances ({tally.withdrawn} with grants withdrawn), {tally.requesters} requesters, "
          f"{tally.candidates} envy candidates (i, p, j) examined ({tally.over_limit} over the value limit), "
          f"{tally.alternatives} alternative plans checked ({calls} check_plan calls), {seconds:.1f} s")
    assert tally.candidates > 0
    assert not tally.envy, f"justified envy in {len(tally.envy)} cases:\n" + "\n".join(tally.envy)


def test_brute_force_sees_envy_in_a_bad_plan() -> None:
    """Handing a granted post to a lower-priority requester who wished it too (the higher one back in their own
    post) makes a plan that keeps every hard rule, and the brute force reports that envy (so the test above can
    fail)."""
    ref = load_reference()
    seen = 0
    for seed in range(200):
        data = with_wishes(case(seed, 12), seed, share=0.9, most=5)
        planned = product_plan(data)
        plan = planned.plan
        judge = Judge(data, ref, planned.served.closed_posts)
        rank = {p.i: p.rank for p in priorities(data, ref)}
        for a, g in ((a, g) for a, g in enumerate(plan) if judge.requested(a, g) is not None):
            for b in (b for b in range(judge.n) if b != a and rank.get(b, math.inf) > rank[a]
                      and judge.requested(b, g) is not None):
                bad = list(plan)
                bad[a], bad[b] = judge.cur[a], g
                if judge.violations(bad):
                    continue
                cases = envy_cases(data, bad, judge)
                assert any(c.i == a and c.p == g and c.j == b for c in cases), (seed, a, b, g)
                seen += 1
                break
        if seen >= 3:
            break
    assert seen >= 3


# --- exhaustive, on small instances ------------------------------------------------------------------------------


def vacant_today(data: ProblemData) -> set[int]:
    """The posts with an empty seat before any plan (Kebutuhan − holders > 0): the seats serve.py hands out."""
    held = np.bincount(data.current_post, minlength=len(data.positions))
    return {q for q, post in enumerate(data.positions) if post.kebutuhan - held[q] > 0}


def options(judge: Judge, vacant: set[int], grants_only: bool) -> list[list[int]]:
    """Per employee, the posts they may end in within the scope (current post first), each move passing the
    per-mover rules on its own."""
    out = []
    for i in range(judge.n):
        mine = [judge.cur[i]]
        for q in sorted(vacant - {judge.cur[i]}):
            requested = judge.requested(i, q) is not None
            if (grants_only or (i, q) in judge.wish_index) and not requested:
                continue  # a wish is served only by a requested move (within the value limit)
            if judge.move_allowed(i, q):
                mine.append(q)
        out.append(mine)
    return out


def better_plans(judge: Judge, order: list[int], target: list[int], opts: list[list[int]],
                 keb: list[int]) -> Iterator[list[int]]:
    """Every assignment from `opts` (newcomers only into seats within Kebutuhan) whose outcome vector over the
    requesters in `order` is lexicographically better (smaller) than `target`; the requesters are branched on
    first, in priority order, so a worse prefix is cut at once."""
    sequence = order + [i for i in range(judge.n) if i not in order]
    people = np.bincount(judge.cur, minlength=judge.m).tolist()
    plan = list(judge.cur)

    def place(k: int, better: bool) -> Iterator[list[int]]:
        if k == len(sequence):
            if better:
                yield list(plan)
            return
        i = sequence[k]
        for q in opts[i]:
            now_better = better
            if k < len(order) and not better:
                got = judge.outcome(i, q)
                if got > target[k]:
                    continue
                now_better = got < target[k]
            if q != judge.cur[i] and people[q] >= keb[q]:
                continue  # R11: no seat left for a newcomer
            people[judge.cur[i]] -= 1
            people[q] += 1
            plan[i] = q
            yield from place(k + 1, now_better)
            plan[i] = judge.cur[i]
            people[q] -= 1
            people[judge.cur[i]] += 1

    yield from place(0, False)


SCOPE_DIFFERENCE = ("serve.py counts R21 against the grants with everyone else staying: a requester refused for R21 "
                    "may be beaten by a plan where someone else's ordinary move into a vacancy of their location "
                    "replaces them (outside serve's scope)")


@pytest.mark.parametrize("grants_only", [True, pytest.param(False, marks=pytest.mark.xfail(reason=SCOPE_DIFFERENCE))],
                         ids=["grants-only", "vacancies"])
def test_no_plan_over_todays_vacancies_serves_the_wishes_better(grants_only: bool) -> None:
    """On instances of 6–7 employees, no valid plan whose moves all go to posts vacant today gives the
    requesters, in priority order, a lexicographically better vector of wish outcomes than the product's plan
    (the module docstring's exhaustive search; `grants_only`: serve.py's own scope, which must hold; the wider
    scope is expected to fail where R21 needs a replacement serve does not count: `SCOPE_DIFFERENCE`)."""
    ref = load_reference()
    beaten: list[str] = []
    assignments = judged = 0
    for seed in range(400):
        data = case(seed, 6 + seed % 2)
        planned = product_plan(data)
        plan = planned.plan
        judge = Judge(data, ref, planned.served.closed_posts)
        order = [p.i for p in priorities(data, ref) if judge.ranked[p.i]]
        if not order:
            continue
        target = [judge.outcome(i, plan[i]) for i in order]
        opts = options(judge, vacant_today(data), grants_only)
        keb = [post.kebutuhan for post in data.positions]
        assignments += math.prod(len(o) for o in opts)
        for better in better_plans(judge, order, target, opts, keb):
            judged += 1
            if not judge.violations(better):
                got = [judge.outcome(i, better[i]) for i in order]
                served = [f"requester {i} to {better[i]} ({planned.refusal(i, better[i])})" for i in order
                          if better[i] != plan[i] and better[i] != judge.cur[i]]
                beaten.append(f"seed {seed}: requesters {order} get {target} in the plan {plan}, but {got} in the "
                              f"valid plan {better}: " + "; ".join(served))
                break
    print(f"\n{assignments} assignments in scope, {judged} better ones judged whole")
    assert assignments > 0
    assert not beaten, "\n".join(beaten)
