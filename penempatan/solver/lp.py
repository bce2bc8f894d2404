"""Stage 2: the LP relaxation with every rule, one HiGHS model kept across column-generation rounds."""

from __future__ import annotations

import highspy
import numpy as np
import scipy.sparse as sp

from penempatan.scoring import Prices
from penempatan.solver.structure import SEED, Structure

LpSolution = tuple[np.ndarray, float, np.ndarray, Prices]
"""(x per pair, LP objective, reduced cost per pair, dual prices), in the order of the Structure's pairs."""


def _lp_columns(s: Structure) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Extra columns after the pairs: y (must-fill seats filled), o (surplus kept) per over-staffed post,
    then f (seats filled, ≤ Kebutuhan) per over-staffed post with seats, for R21."""
    over = np.nonzero(s.surplus_cap > 0)[0]
    filled = over[s.seat_cap[over] > 0] if s.unit_need is not None else np.zeros(0, dtype=np.int64)
    upper = np.concatenate([s.wajib_seats, s.surplus_cap[over], s.seat_cap[filled]]).astype(float)
    return s.wajib, over, filled, upper


def _rows(s: Structure) -> tuple[sp.csr_matrix, np.ndarray, sp.csr_matrix, np.ndarray]:
    """Inequality rows (R11 seats, R12 fill link, R13 units, R14 total, R21 units and links) and the
    assignment equalities."""
    cand = s.cand
    wajib, over, filled, _ = _lp_columns(s)
    n, w, o, f = s.n_pairs, len(wajib), len(over), len(filled)
    width = n + w + o + f
    cols = np.arange(n)
    blocks, rhs = [], []
    # R11 seats: Σ x − o_p ≤ Kebutuhan
    r = np.concatenate([cand.post, over])
    c = np.concatenate([cols, n + w + np.arange(o)])
    v = np.concatenate([np.ones(n), -np.ones(o)])
    blocks.append(sp.csr_matrix((v, (r, c)), shape=(s.n_post, width)))
    rhs.append(s.seat_cap.astype(float))
    # R12: y_p − Σ x ≤ 0
    if w:
        pos = np.full(s.n_post, -1)
        pos[wajib] = np.arange(w)
        sel = np.nonzero(pos[cand.post] >= 0)[0]
        r = np.concatenate([pos[cand.post[sel]], np.arange(w)])
        c = np.concatenate([sel, n + np.arange(w)])
        v = np.concatenate([-np.ones(len(sel)), np.ones(w)])
        blocks.append(sp.csr_matrix((v, (r, c)), shape=(w, width)))
        rhs.append(np.zeros(w))
    # R13 unit outflow
    sel = np.nonzero(s.leaves_unit)[0]
    blocks.append(sp.csr_matrix((np.ones(len(sel)), (s.pair_unit[sel], sel)), shape=(len(s.unit_cap), width)))
    rhs.append(s.unit_cap.astype(float))
    # R14 total moves
    if s.max_moves is not None:
        sel = np.nonzero(~cand.stay)[0]
        blocks.append(sp.csr_matrix((np.ones(len(sel)), (np.zeros(len(sel), dtype=np.int64), sel)),
                                    shape=(1, width)))
        rhs.append(np.array([float(s.max_moves)]))
    if s.unit_need is not None:
        # R21: −(people in the unit's normal posts) − Σ f ≤ −(seats filled today); f_p ≤ people in p.
        normal = s.surplus_cap[cand.post] == 0
        sel = np.nonzero(normal)[0]
        r = np.concatenate([s.post_unit[cand.post[sel]], s.post_unit[filled]])
        c = np.concatenate([sel, n + w + o + np.arange(f)])
        blocks.append(sp.csr_matrix((-np.ones(len(r)), (r, c)), shape=(len(s.unit_need), width)))
        rhs.append(-s.unit_need.astype(float))
        pos = np.full(s.n_post, -1)
        pos[filled] = np.arange(f)
        sel = np.nonzero(pos[cand.post] >= 0)[0]
        r = np.concatenate([pos[cand.post[sel]], np.arange(f)])
        c = np.concatenate([sel, n + w + o + np.arange(f)])
        v = np.concatenate([-np.ones(len(sel)), np.ones(f)])
        blocks.append(sp.csr_matrix((v, (r, c)), shape=(f, width)))
        rhs.append(np.zeros(f))
    a_ub = sp.vstack(blocks).tocsr()
    a_eq = sp.csr_matrix((np.ones(n), (cand.emp, cols)), shape=(s.n_emp, width))
    return a_ub, np.concatenate(rhs), a_eq, np.ones(s.n_emp)


class LinearRelaxation:
    """The LP relaxation with every rule, kept in one HiGHS model across column-generation rounds.

    Rows never change (R11 seats, R12 links, R13, R14, R21, R21 links, one assignment row per employee);
    pairs found by pricing are appended as columns, and HiGHS re-solves from the previous basis with the
    primal simplex instead of starting cold (SOLVER-NOTES.md).
    """

    def __init__(self, s: Structure) -> None:
        a_ub, b_ub, a_eq, b_eq = _rows(s)
        wajib, over, filled, extra_ub = _lp_columns(s)
        self.n_ub = a_ub.shape[0]
        matrix = sp.vstack([a_ub, a_eq]).tocsc()
        cost = -np.concatenate([s.gain.astype(float), np.full(len(wajib), float(s.weight_fill)),
                                np.full(len(over), -float(s.weight_surplus)), np.zeros(len(filled))])
        upper = np.concatenate([np.ones(s.n_pairs), extra_ub])
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
        lp.col_cost_ = cost
        lp.col_lower_ = np.zeros(len(cost))
        lp.col_upper_ = upper
        lp.row_lower_ = np.concatenate([np.full(self.n_ub, -highspy.kHighsInf), b_eq])
        lp.row_upper_ = np.concatenate([b_ub, b_eq])
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
        # Column of each pair, by (employee, post): pairs added later come after the extra columns.
        self.n_post = s.n_post
        self.columns: dict[int, int] = dict(zip(self._keys(s).tolist(), range(s.n_pairs), strict=True))
        # The priority columns (y: must-fill seats, o: surplus kept) follow the first pairs; their weights
        # grow with the candidates' spread, so they are re-priced whenever pairs are added.
        self.priority_cols = np.arange(s.n_pairs, s.n_pairs + len(wajib) + len(over), dtype=np.int32)
        self.n_wajib = len(wajib)
        self.s = s

    def _keys(self, s: Structure) -> np.ndarray:
        return s.cand.emp * self.n_post + s.cand.post

    def extend(self, s: Structure) -> None:
        """Add the pairs of `s` that the model does not have yet (same rows, more candidates)."""
        keys = self._keys(s)
        new = np.array([k for k, key in enumerate(keys.tolist()) if key not in self.columns], dtype=np.int64)
        if len(new):
            a_ub, _, a_eq, _ = _rows(s)
            block = sp.vstack([a_ub[:, new], a_eq[:, new]]).tocsc()
            first = self.h.getNumCol()
            self.h.addCols(len(new), -s.gain[new].astype(float), np.zeros(len(new)), np.ones(len(new)),
                           block.nnz, block.indptr[:-1].astype(np.int32), block.indices.astype(np.int32),
                           block.data)
            for offset, key in enumerate(keys[new].tolist()):
                self.columns[key] = first + offset
            self.h.setOptionValue("simplex_strategy", 4)  # primal simplex from the kept basis
        costs = np.concatenate([np.full(self.n_wajib, -float(s.weight_fill)),
                                np.full(len(self.priority_cols) - self.n_wajib, float(s.weight_surplus))])
        if len(costs):
            self.h.changeColsCost(len(costs), self.priority_cols, costs)
        self.s = s

    def solve(self) -> LpSolution | None:
        """(x per pair, LP objective, reduced cost per pair, dual prices) in the order of the current
        Structure's pairs, or None when the LP is infeasible."""
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        sol = self.h.getSolution()
        cols = np.array([self.columns[key] for key in self._keys(self.s).tolist()], dtype=np.int64)
        x = np.asarray(sol.col_value)[cols]
        reduced = np.maximum(np.asarray(sol.col_dual)[cols], 0.0)
        duals = np.asarray(sol.row_dual)
        objective = -float(self.h.getInfo().objective_function_value)
        return x, objective, reduced, _prices(self.s, duals[: self.n_ub], duals[self.n_ub:])


def _prices(s: Structure, y_ub: np.ndarray, y_eq: np.ndarray) -> Prices:
    """The LP duals as prices in nilai units (rows in the order `_rows` makes them)."""
    seats, rest = y_ub[: s.n_post], y_ub[s.n_post:]
    post = -seats.copy()
    w = len(s.wajib)
    post[s.wajib] += rest[:w]  # the R12 link row enters a must-fill post's column with −1
    n_units = len(s.unit_cap)
    leave = -rest[w: w + n_units]
    k = w + n_units
    move = 0.0
    if s.max_moves is not None:
        move = -float(rest[k])
        k += 1
    if s.unit_need is not None:
        # R21 rows enter a normal post's column with −1: a person there earns the unit's price.
        normal = s.surplus_cap == 0
        post[normal] += rest[k: k + n_units][s.post_unit[normal]]
    return Prices(employee=-y_eq, post=post, leave=leave, move=move)
