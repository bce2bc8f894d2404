"""Stage 2: the LP relaxation with every rule, one HiGHS model kept across column-generation rounds."""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from penempatan.arrays import unique
from penempatan.scoring import Prices
from penempatan.solver.coupling import Block, Extra, PriceParts
from penempatan.solver.structure import SEED, Structure, carry, reduced_costs

LpSolution = tuple[np.ndarray, float, np.ndarray, Prices]
"""(x per pair, LP objective, reduced cost per pair, dual prices), in the order of the Structure's pairs."""

IPM_SHARE = 0.5
"""A round that brings in columns for more than this share of the employees is solved by the interior point
method with crossover instead of the primal simplex from the kept basis: the first round moves the LP from the
flow's plan to near the coupled optimum, which the simplex does in tens of thousands of degenerate pivots (at
50,000 employees 29,000 new columns: simplex 7.8 s and 362,000 pairs still improving after it, IPM 0.9 s and
83,000; the whole solve 50 → 26 s). Later rounds bring in few columns and the simplex from the basis wins
(IPM on a 12,000-column round took 6.7 s)."""

PRUNE_ABOVE = 1.0
"""Pair columns whose reduced cost is above this (nilai points) are taken out of the model when it grows large
(`LinearRelaxation.prune`)."""

WEIGHTED, SURPLUS, FILL = "weighted", "surplus", "fill"
"""What the LP optimises: the whole objective (nilai and the R11/R12 priorities by their weights), or one
priority alone (surplus holders kept, R11, to minimise; must-fill seats filled, R12, to maximise), which the
priority levels (levels.py) use to bound each priority of any integer plan."""


@dataclass(frozen=True)
class _Layout:
    """Where each rule's rows and columns are, derived from the coupling blocks (`Structure.coupling`).

    Rows: R11 seats (one per post), R12 links (one per must-fill post), each coupling block's rows in turn,
    then the assignment equalities (one per employee). Columns after the pairs: y (must-fill seats filled)
    per must-fill post, o (surplus kept) per over-staffed post, then each block's own columns in turn."""

    over: np.ndarray  # over-staffed posts (an o column each)
    blocks: tuple[Block, ...]
    row_start: tuple[int, ...]  # per block: its first row
    col_start: tuple[int, ...]  # per block: its first own column, counted from the y column
    extras: tuple[Extra, ...]
    r12: int
    eq: int
    n_rows: int


def _layout(s: Structure) -> _Layout:
    over = np.nonzero(s.surplus_cap > 0)[0]
    blocks = s.coupling
    extras = tuple(block.extra(s) for block in blocks)
    row_start, col_start = [], []
    row = s.n_post + len(s.wajib)
    col = len(s.wajib) + len(over)
    for block, extra in zip(blocks, extras, strict=True):
        row_start.append(row)
        col_start.append(col)
        row += block.n_rows(s)
        col += len(extra.upper)
    return _Layout(over, blocks, tuple(row_start), tuple(col_start), extras, s.n_post, row, row + s.n_emp)


def _row_bounds(s: Structure, lay: _Layout) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of every row: R11 Σ x − o_p ≤ Kebutuhan; R12 y_p − Σ x ≤ 0; each block's rows
    ≤ its bounds; each employee in exactly one post."""
    upper = [s.seat_cap.astype(float), np.zeros(len(s.wajib)), *(block.upper(s) for block in lay.blocks)]
    return (np.concatenate([np.full(lay.eq, -highspy.kHighsInf), np.ones(s.n_emp)]),
            np.concatenate([*upper, np.ones(s.n_emp)]))


def _pair_columns(s: Structure, lay: _Layout, pairs: np.ndarray) -> sp.csc_matrix:
    """The columns of candidate pairs `pairs`, built directly in column order (no matrix over every pair is
    ever held: the pool of priced pairs reaches a million at 50,000 employees)."""
    cand = s.cand
    post, emp = cand.post[pairs], cand.emp[pairs]
    n = len(pairs)
    wajib_pos = np.full(s.n_post, -1)
    wajib_pos[s.wajib] = np.arange(len(s.wajib))
    on = np.ones(n, dtype=bool)
    # In increasing row order: R11, R12, each block's.
    entries: list[tuple[np.ndarray, np.ndarray, float | np.ndarray]] = [
        (post, on, 1.0), (lay.r12 + wajib_pos[post], wajib_pos[post] >= 0, -1.0)]
    for block, start in zip(lay.blocks, lay.row_start, strict=True):
        e = block.entries(s, pairs)
        entries.append((start + e.row, e.present, e.value))
    entries.append((lay.eq + emp, on, 1.0))
    rows = np.stack([r for r, _, _ in entries], axis=1)
    present = np.stack([m for _, m, _ in entries], axis=1)
    values = np.stack([np.broadcast_to(np.asarray(v, dtype=float), (n,)) for _, _, v in entries], axis=1)
    indptr = np.concatenate([[0], np.cumsum(present.sum(axis=1))])
    return sp.csc_matrix((values[present], rows[present].astype(np.int32), indptr), shape=(lay.n_rows, n))


def _extra_columns(s: Structure, lay: _Layout) -> tuple[sp.csc_matrix, np.ndarray]:
    """The y and o columns (see _Layout) and each block's own columns, with their upper bounds."""
    w, o = len(s.wajib), len(lay.over)
    rows = [lay.r12 + np.arange(w), lay.over]
    cols = [np.arange(w), w + np.arange(o)]
    values = [np.ones(w), -np.ones(o)]
    upper = [s.wajib_seats.astype(float), s.surplus_cap[lay.over].astype(float)]
    for extra, row, col in zip(lay.extras, lay.row_start, lay.col_start, strict=True):
        rows.append(row + extra.rows)
        cols.append(col + extra.cols)
        values.append(extra.values)
        upper.append(extra.upper)
    n_cols = w + o + sum(len(extra.upper) for extra in lay.extras)
    matrix = sp.csc_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                           shape=(lay.n_rows, n_cols))
    matrix.sort_indices()
    return matrix, np.concatenate(upper)


class LinearRelaxation:
    """The LP relaxation with every rule, kept in one HiGHS model across column-generation rounds.

    Rows never change (R11 seats, R12 links, each coupling block's rows, one assignment row per employee).
    The model holds the columns of the pairs in play (`active` at construction, default all); `add` brings in
    more pairs of the same candidates and `extend` moves to a larger candidate set (pricing outside the caps). HiGHS
    re-solves from the previous basis with the primal simplex instead of starting cold (SOLVER-NOTES.md).
    `solve` reports every candidate pair, in play or not: x is 0 outside, and the reduced cost of a pair
    outside comes from the dual prices, so the caller can tell which pairs would improve the LP.
    """

    def __init__(self, s: Structure, active: np.ndarray | None = None) -> None:
        lay = _layout(s)
        self.n_ub = lay.eq
        self.s = s
        self.layout = lay
        first = np.arange(s.n_pairs) if active is None else np.nonzero(active)[0]
        extra, extra_ub = _extra_columns(s, lay)
        matrix = sp.hstack([_pair_columns(s, lay, first), extra]).tocsc()
        w, o = len(s.wajib), len(lay.over)
        cost = -np.concatenate([s.gain[first].astype(float), np.full(w, float(s.weight_fill)),
                                np.full(o, -float(s.weight_surplus)), np.zeros(len(extra_ub) - w - o)])
        upper = np.concatenate([np.ones(len(first)), extra_ub])
        row_lower, row_upper = _row_bounds(s, lay)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
        lp.col_cost_ = cost
        lp.col_lower_ = np.zeros(len(cost))
        lp.col_upper_ = upper
        lp.row_lower_ = row_lower
        lp.row_upper_ = row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        # The bare core class: highspy.Highs() prints a banner to stdout when it sets up its callbacks,
        # which would land in the planner's terminal and piped output.
        self.h = highspy._core._Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("random_seed", SEED)
        self.h.passModel(lp)
        # Column of each pair in play (-1: not in the model); pairs added later come after the extra columns.
        self.column = np.full(s.n_pairs, -1, dtype=np.int64)
        self.column[first] = np.arange(len(first))
        # The priority columns (y: must-fill seats, o: surplus kept) follow the first pairs; their weights
        # grow with the candidates' spread, so they are re-priced whenever the candidates grow.
        self.priority_cols = np.arange(len(first), len(first) + w + o, dtype=np.int32)
        self.n_wajib = w
        self.objective = WEIGHTED
        self.n_level_rows = 0  # rows fixing a priority's total (levels.py), after the assignment rows

    @property
    def n_pair_columns(self) -> int:
        """Pair columns in the model now."""
        return int((self.column >= 0).sum())

    def _set_pool(self, s: Structure) -> None:
        """Make `s` the current candidates; pairs already in the model keep their columns."""
        self.column = carry(self.s, s, self.column, -1)
        self.s = s

    def add(self, pairs: np.ndarray) -> int:
        """Bring the candidate pairs `pairs` (indices into the current Structure) into the model; returns how
        many were new."""
        new = unique(pairs[self.column[pairs] < 0])
        if len(new):
            block = _pair_columns(self.s, self.layout, new)
            first = self.h.getNumCol()
            self.h.addCols(len(new), -self._value_weight() * self.s.gain[new].astype(float), np.zeros(len(new)),
                           np.ones(len(new)), block.nnz, block.indptr[:-1].astype(np.int32), block.indices,
                           block.data)
            self.column[new] = first + np.arange(len(new))
            if len(new) > IPM_SHARE * self.s.n_emp:
                self._next_run("ipm")
            else:
                self._next_run("simplex", 4)  # the primal simplex from the kept basis
        return len(new)

    def prune(self, reduced: np.ndarray, x: np.ndarray) -> int:
        """Take out of the model the pair columns that the last solution priced clearly out (reduced cost above
        PRUNE_ABOVE, at 0, not a stay): every simplex iteration prices every column, and after a few searches
        most columns in the model are ones that lost. The basis stays valid (they are nonbasic at 0) and the
        reduced costs of pairs outside the model still come from the duals, so one that improves again comes
        back in. Returns how many were taken out."""
        s = self.s
        inside = self.column >= 0
        out = np.nonzero(inside & (reduced > PRUNE_ABOVE) & (x <= 0) & ~s.cand.stay)[0]
        if len(out) == 0:
            return 0
        gone = np.sort(self.column[out]).astype(np.int32)
        self.h.deleteCols(len(gone), gone)
        self.column[out] = -1

        def shifted(cols: np.ndarray) -> np.ndarray:
            return cols - np.searchsorted(gone, cols)

        kept = self.column >= 0
        self.column[kept] = shifted(self.column[kept])
        self.priority_cols = shifted(self.priority_cols).astype(np.int32)
        return len(out)

    def _next_run(self, method: str, strategy: int = 4) -> None:
        """How HiGHS solves next: the simplex (`strategy` 4 primal, 1 dual) from the kept basis, or the interior
        point method with crossover (a new basis for the rounds after it)."""
        self.h.setOptionValue("solver", method)
        if method == "simplex":
            self.h.setOptionValue("simplex_strategy", strategy)

    def extend(self, s: Structure) -> None:
        """Move to the candidates of `s` (the same rows, more pairs): the pairs in play keep their columns, the
        new ones come in when `add` is given them."""
        self._set_pool(s)
        self._price_priorities()

    def _value_weight(self) -> float:
        """The weight of a pair's gain in the objective: 1 for the whole objective, 0 for a priority alone."""
        return 1.0 if self.objective == WEIGHTED else 0.0

    def _price_priorities(self) -> None:
        """Costs of the priority columns (y: must-fill seats filled, o: surplus kept) for the objective."""
        n_o = len(self.priority_cols) - self.n_wajib
        fill, surplus = {WEIGHTED: (float(self.s.weight_fill), float(self.s.weight_surplus)),
                         SURPLUS: (0.0, 1.0), FILL: (1.0, 0.0)}[self.objective]
        costs = np.concatenate([np.full(self.n_wajib, -fill), np.full(n_o, surplus)])
        if len(costs):
            self.h.changeColsCost(len(costs), self.priority_cols, costs)

    def optimise(self, objective: str) -> None:
        """Switch what the LP optimises (WEIGHTED, SURPLUS or FILL); the next `solve` starts from the kept basis."""
        self.objective = objective
        inside = np.nonzero(self.column >= 0)[0]
        if len(inside):
            self.h.changeColsCost(len(inside), self.column[inside].astype(np.int32),
                                  -self._value_weight() * self.s.gain[inside].astype(float))
        self._price_priorities()
        self._next_run("simplex", 4)  # the basis stays primal feasible

    def fix_total(self, kind: str, total: int) -> None:
        """Add the row Σ o = `total` (kind SURPLUS, R11) or Σ y = `total` (kind FILL, R12): a priority level that
        every plan still in question has (levels.py). The row touches no pair, so reduced costs keep their form."""
        cols = self.priority_cols[self.n_wajib:] if kind == SURPLUS else self.priority_cols[: self.n_wajib]
        self.h.addRow(float(total), float(total), len(cols), cols, np.ones(len(cols)))
        self.n_level_rows += 1
        self._next_run("simplex", 1)  # a new row: the dual simplex from the kept basis

    def priority_totals(self) -> tuple[float, float]:
        """(Σ o: surplus holders kept, R11; Σ y: must-fill seats filled, R12) of the last solution."""
        values = np.asarray(self.h.getSolution().col_value)[self.priority_cols]
        return float(values[self.n_wajib:].sum()), float(values[: self.n_wajib].sum())

    def solve(self) -> LpSolution | None:
        """(x per pair, LP objective, reduced cost per pair, dual prices) in the order of the current
        Structure's pairs, or None when the LP (over the pairs in play) is infeasible. The reduced cost is
        what a pair would lose: ≥ 0 in play; a pair outside with a negative one would improve the LP."""
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal and self.h.getOptions().solver == "ipm":
            self._next_run("simplex", 4)  # an interior point run that ends short is not a verdict: the simplex's is
            self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        s = self.s
        sol = self.h.getSolution()
        duals = np.asarray(sol.row_dual)
        prices = _prices(s, self.layout, duals[: self.n_ub], duals[self.n_ub: len(duals) - self.n_level_rows],
                         self._value_weight())
        reduced = reduced_costs(s, prices)
        x = np.zeros(s.n_pairs)
        cols = self.column
        inside = cols >= 0
        x[inside] = np.asarray(sol.col_value)[cols[inside]]
        # In play: HiGHS's own (a pair at its upper bound may show a negative one: nothing to gain there).
        reduced[inside] = np.maximum(np.asarray(sol.col_dual)[cols[inside]], 0.0)
        objective = -float(self.h.getInfo().objective_function_value)
        return x, objective, reduced, prices


def _prices(s: Structure, lay: _Layout, y_ub: np.ndarray, y_eq: np.ndarray, value_weight: float) -> Prices:
    """The LP duals as prices in the objective's units (rows in the order of `_Layout`): a row enters a pair's
    reduced cost as −coefficient·dual, folded into the post's, the unit left's or the move's price."""
    post = -y_ub[: s.n_post]
    post[s.wajib] += y_ub[lay.r12: lay.r12 + len(s.wajib)]  # the R12 link row enters a must-fill post's column with −1
    parts = PriceParts(post=post, leave=np.zeros(len(s.unit_cap)))
    for block, start in zip(lay.blocks, lay.row_start, strict=True):
        block.price(s, y_ub[start: start + block.n_rows(s)], parts)
    return Prices(employee=-y_eq, post=parts.post, leave=parts.leave, move=parts.move, value_weight=value_weight,
                  emp_move=parts.emp_move, emp_promotion=parts.emp_promotion)
