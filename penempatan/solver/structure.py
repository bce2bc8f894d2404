"""`Structure`: the placement problem in arrays (capacities of R11/R12 and the data of the coupling rules R13, R14,
R21, whose blocks are in coupling.py), shared by the flow, LP, CP-SAT and Lagrangian stages; the plan-level tests
every stage uses; and each pair's reduced cost under dual prices (the LP's or the flow's)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from penempatan.model import ProblemData
from penempatan.rules import RULES
from penempatan.scoring import Candidates, Prices, Tables
from penempatan.solver.coupling import Block, DistributionTarget, SeatsKept, TotalMoves, UnitOutflow, seats_kept
from penempatan.wishes.fairness import group_of

SEED = 20260101
"""The random seed of HiGHS and CP-SAT: the same input always gives the same plan."""


@dataclass(frozen=True, kw_only=True)
class Structure:
    """The placement problem in arrays, shared by the flow, LP and CP-SAT stages."""

    cand: Candidates
    n_emp: int
    n_post: int
    value: np.ndarray  # per pair: nilai (SPEC 4; what Result.objective sums)
    gain: np.ndarray  # per pair: value + the reference bonus; what every stage maximises
    seat_cap: np.ndarray  # per post: Kebutuhan (R11)
    surplus_cap: np.ndarray  # per post: holders beyond Kebutuhan who may stay at a cost (R11)
    wajib: np.ndarray  # indices of must-fill posts (R12)
    wajib_seats: np.ndarray  # their Kebutuhan
    leaves_unit: np.ndarray  # per pair: True if the move leaves the employee's unit (R13)
    pair_unit: np.ndarray  # per pair: the employee's current unit
    unit_cap: np.ndarray  # per unit: R13 maximum leavers
    max_moves: int | None  # R14
    weight_fill: int  # one must-fill seat is worth more than any score difference (R12)
    weight_surplus: int  # one surplus holder moved out is worth more than all must-fill seats (R11)
    cur: np.ndarray  # per employee: current post
    seats_kept: tuple[SeatsKept, ...] = ()  # R21 per location and per scarce profession in a unit; () = off
    promotion: np.ndarray  # per pair: a promotion (R9's ladder; R27 counts them)
    targets: tuple[DistributionTarget, ...] = ()  # R27: each bound of a scenario's distribution targets
    has_reference: bool = False
    spread: int = 0  # Σ over employees of (best − worst candidate gain): what weight_fill must exceed

    @property
    def n_pairs(self) -> int:
        return len(self.cand)

    @property
    def coupling(self) -> tuple[Block, ...]:
        """The coupling rules in force, in the order of their LP rows: R13 always, R14 with maks_mutasi, R21
        (per location, then per scarce profession) unless kekurangan_unit_boleh_naik, R27 per target bound."""
        moves: tuple[Block, ...] = (TotalMoves(self.max_moves),) if self.max_moves is not None else ()
        return (UnitOutflow(), *moves, *self.seats_kept, *self.targets)

    @property
    def wajib_per_post(self) -> np.ndarray:
        """Per post: its must-fill seats (R12; 0 for a post that is not Wajib Diisi)."""
        out = np.zeros(self.n_post, dtype=np.int64)
        out[self.wajib] = self.wajib_seats
        return out

    def combined(self, x: np.ndarray) -> float:
        """What every stage maximises for plan `x` (pair flags): Σ gain + W_fill·fill − W_surplus·surplus."""
        fill, surplus = priorities(self, x)
        return float(self.gain[x].sum() + self.weight_fill * fill - self.weight_surplus * surplus)


SPREAD_HEADROOM = 64
"""The R12 weight exceeds the score spread by this fraction of it (1/64), so that a few pairs added later keep it
above the spread (the weights, and the LP bound in their units, then stay the same)."""


def build_structure(data: ProblemData, tables: Tables, cand: Candidates, *,
                    reference: np.ndarray | None = None, reference_weight: int = 3) -> Structure:
    """Capacities and coupling rows of every rule family from the candidates (R11–R14).

    With `reference` (a post index per employee) a pair that keeps its employee at the reference post
    gains `reference_weight` on top of its value (minimal change; not part of Result.objective).
    """
    p = data.params
    t = tables
    move = ~cand.stay
    value = cand.nilai.astype(np.int64)
    gain = value
    if reference is not None:
        ref = np.asarray(reference, dtype=np.int64)
        if ref.shape != (t.n_emp,):
            raise ValueError(f"reference needs one post per employee ({t.n_emp}), got shape {ref.shape}")
        gain = value + reference_weight * (cand.post == ref[cand.emp]).astype(np.int64)
    wajib = np.nonzero(t.post_wajib)[0]
    pair_unit = t.emp_unit[cand.emp]
    # The score part of two plans differs by at most Σ over employees of (best − worst candidate gain).
    best = np.full(t.n_emp, np.iinfo(np.int64).min)
    worst = np.full(t.n_emp, np.iinfo(np.int64).max)
    np.maximum.at(best, cand.emp, gain)
    np.minimum.at(worst, cand.emp, gain)
    spread = int((best - worst).sum()) if t.n_emp else 0
    # Headroom over the spread: pairs the integer stage adds within the LP's gap (solver._integer_stage) may
    # widen the spread a little, and the LP bound and prices stay valid only while the weights still exceed it.
    weight_fill = spread + spread // SPREAD_HEADROOM + 1
    # R21 per location (locations lie within units, so it keeps every unit whole too) and per scarce profession.
    kept: tuple[SeatsKept, ...] = ()
    if not p.kekurangan_unit_boleh_naik:
        kept = (seats_kept("lokasi", t.post_place, t.holders, t.post_keb),
                seats_kept("profesi", t.post_pool, t.holders, t.post_keb))
        kept = tuple(k for k in kept if len(k.need))
    return Structure(
        cand=cand, n_emp=t.n_emp, n_post=t.n_post, value=value, gain=gain,
        # R11: a post holds at most Kebutuhan; holders beyond it may stay only at the surplus cost.
        seat_cap=t.post_keb.copy(), surplus_cap=np.maximum(0, t.holders - t.post_keb),
        wajib=wajib, wajib_seats=t.post_keb[wajib],
        leaves_unit=move & (t.post_unit[cand.post] != pair_unit), pair_unit=pair_unit, unit_cap=t.unit_leave_cap,
        max_moves=p.maks_mutasi, weight_fill=weight_fill,
        weight_surplus=weight_fill * (int(t.post_keb[wajib].sum()) + 1),
        cur=t.cur, seats_kept=kept, has_reference=reference is not None, spread=spread,
        promotion=move & t.is_promotion(cand.emp, cand.post), targets=distribution_targets(data, t))


def distribution_targets(data: ProblemData, t: Tables) -> tuple[DistributionTarget, ...]:
    """R27: one block per bound of each of the scenario's distribution targets, members by the fairness report's
    own grouping (`wishes.fairness.group_of`)."""
    out = []
    for target in data.targets:
        member = np.array([group_of(data, t.ref, target.section, i) == target.group for i in range(t.n_emp)],
                          dtype=bool)
        for percent, minimum in ((target.minimum, True), (target.maximum, False)):
            if percent is not None:
                out.append(DistributionTarget.bound(target.words, member, percent, minimum,
                                                    target.measure == "promosi"))
    return tuple(out)


def carry(old: Structure, new: Structure, values: np.ndarray, missing: float = 0.0) -> np.ndarray:
    """Per pair of `new` (a Structure over more candidates), the value of the same pair in `old`, or `missing`
    for a pair that `old` does not have."""
    keys = new.cand.emp * new.n_post + new.cand.post
    out = np.full(len(keys), missing, dtype=np.result_type(values, type(missing)))
    if old.n_pairs == 0:
        return out
    old_keys = old.cand.emp * old.n_post + old.cand.post
    order = np.argsort(old_keys)
    at = np.minimum(np.searchsorted(old_keys[order], keys), len(order) - 1)
    found = old_keys[order][at] == keys
    out[found] = values[order[at[found]]]
    return out


def reduced_costs(s: Structure, prices: Prices) -> np.ndarray:
    """Per pair of `s`, what it would lose in the LP with these dual prices (minimisation of −gain: −gain
    + its rows' duals = price − gain): negative for a pair that would improve it."""
    emp = s.cand.emp
    reduced = prices.employee[emp] + prices.post[s.cand.post] - prices.value_weight * s.gain
    reduced += np.where(s.leaves_unit, prices.leave[s.pair_unit], 0.0) + np.where(s.cand.stay, 0.0, prices.move)
    if prices.emp_move is not None:
        reduced += np.where(s.cand.stay, 0.0, prices.emp_move[emp])
    if prices.emp_promotion is not None:
        reduced += np.where(s.promotion, prices.emp_promotion[emp], 0.0)
    return reduced


def coupling_codes(s: Structure) -> tuple[str, ...]:
    """The codes of the coupling rules in force (R13 always; R14 with maks_mutasi; R21 unless
    kekurangan_unit_boleh_naik)."""
    return tuple(dict.fromkeys(block.code for block in s.coupling))


def rules_in_words(codes: tuple[str, ...]) -> str:
    """'R15 (wording), R13 (wording) dan R14 (wording)': rules named with the registry's words."""
    parts = [f"{code} ({RULES[code].text})" for code in codes]
    return ", ".join(parts[:-1]) + " dan " + parts[-1] if len(parts) > 1 else parts[0]


def priorities(s: Structure, x: np.ndarray) -> tuple[int, int]:
    """(must-fill seats filled, surplus holders kept) of a plan given as pair flags."""
    counts = np.bincount(s.cand.post[np.nonzero(x)[0]], minlength=s.n_post)
    fill = int(np.minimum(counts[s.wajib], s.wajib_seats).sum())
    surplus = int(np.maximum(0, counts - s.seat_cap).sum())
    return fill, surplus


def plan_objective(s: Structure, x: np.ndarray) -> float:
    """What every stage maximises for plan `x` (pair flags): Σ gain + W_fill·(must-fill seats filled)
    − W_surplus·(surplus holders kept)."""
    fill, surplus = priorities(s, x)
    return float(s.gain[x].sum() + s.weight_fill * fill - s.weight_surplus * surplus)


def side_rules_hold(s: Structure, x: np.ndarray) -> bool:
    """Does a plan keep every coupling rule (R13 unit outflow, R14 total moves, R21 seats per location and
    per scarce profession, R27 distribution targets)?"""
    chosen = np.nonzero(x)[0]
    return all(block.holds(s, chosen) for block in s.coupling)


def is_integral(x: np.ndarray) -> bool:
    return bool(np.all(np.minimum(np.abs(x), np.abs(1 - x)) < 1e-6))
