"""`PlanView`: the indexes of one solved plan, built once from (data, tables, result) and shared by every
question (moves, stays, seats, why_not, training, chains). Numbers only; the question modules write the words.

Indexes are built lazily and kept, so explaining all 50,000 rows of a workbook costs O(employees + candidate
pairs), not O(employees²). A question module keeps its own derived index on the view with `memo`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, TypeVar

import numpy as np

from penempatan.check import holders_not_qualified
from penempatan.explain.chains import R21_KINDS, Chain, chain_list
from penempatan.explain.training import family_of
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables, flag_names, purpose_names
from penempatan.scoring.purposes import stay_nilai

T = TypeVar("T")



class PlanView:
    """A solved plan seen from its employees, posts, candidate pairs, chains and units."""

    def __init__(self, data: ProblemData, tables: Tables, result: Result) -> None:
        self.data = data
        self.t = tables
        self.result = result
        self.cand = result.candidates
        self.params = data.params
        self._memo: dict[Hashable, Any] = {}

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()` once per view and key: how a question module keeps an index of its own on the view."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[no-any-return]

    # --- where everyone is, before and after -------------------------------------------------------------
    @cached_property
    def cur(self) -> list[int]:
        """Per employee, their post before the plan."""
        return [int(j) for j in self.t.cur]

    @cached_property
    def target(self) -> list[int]:
        """Per employee, the post the plan gives them."""
        return [int(j) for j in self.result.assignment]

    @cached_property
    def after(self) -> np.ndarray:
        """People in each post after the plan."""
        return np.bincount(self.result.assignment, minlength=self.t.n_post)

    @cached_property
    def movers(self) -> list[int]:
        """Employees the plan moves, in index order."""
        return [i for i, (a, b) in enumerate(zip(self.cur, self.target, strict=True)) if a != b]

    @cached_property
    def arrivals(self) -> dict[int, list[int]]:
        """Per post, the movers the plan puts in it."""
        out: dict[int, list[int]] = {}
        for i in self.movers:
            out.setdefault(self.target[i], []).append(i)
        return out

    @cached_property
    def pinned(self) -> dict[int, int]:
        """Employee -> post the scenario locks them to (R15); not what serving the wishes pinned (`wish_pins`)."""
        d = self.data
        return {d.employee_index[p.nip]: d.position_index[p.kode_jabatan] for p in d.pins if p.permintaan is None}

    @cached_property
    def wish_pins(self) -> dict[int, tuple[int, int]]:
        """Employee -> (post, Urutan) that serving the wishes fixed (SPEC 9): a granted wish's post and its
        Urutan, or their own post and `wishes.serve.STAYS` (0) for a requester whose wishes were all refused."""
        d = self.data
        return {d.employee_index[p.nip]: (d.position_index[p.kode_jabatan], p.permintaan)
                for p in d.pins if p.permintaan is not None}

    @cached_property
    def forbidden(self) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
        """The scenario's forbidden moves (R15): per employee, posts and units they may not enter."""
        by_post: dict[int, set[int]] = {}
        by_unit: dict[int, set[int]] = {}
        units = {u: k for k, u in enumerate(self.t.unit_names)}
        for f in self.data.forbids:
            i = self.data.employee_index[f.nip]
            if f.kode_jabatan:
                by_post.setdefault(i, set()).add(self.data.position_index[f.kode_jabatan])
            if f.unit and f.unit in units:
                by_unit.setdefault(i, set()).add(units[f.unit])
        return by_post, by_unit

    # --- candidate pairs ---------------------------------------------------------------------------------
    @cached_property
    def _slices(self) -> list[int]:
        """Employee i's candidate pairs are rows slices[i]:slices[i+1] (candidates are sorted by employee)."""
        return np.searchsorted(self.cand.emp, np.arange(self.t.n_emp + 1)).tolist()

    def rows_of(self, i: int) -> range:
        """The candidate rows of employee i."""
        return range(self._slices[i], self._slices[i + 1])

    @cached_property
    def row_post(self) -> list[int]:
        return self.cand.post.tolist()

    @cached_property
    def row_stay(self) -> list[bool]:
        return self.cand.stay.tolist()

    @cached_property
    def row_score(self) -> list[int]:
        return self.cand.score.tolist()

    @cached_property
    def row_nilai(self) -> list[int]:
        return self.cand.nilai.tolist()

    def pair(self, i: int, j: int) -> int:
        """Row of candidate pair (i, j), or -1."""
        return next((k for k in self.rows_of(i) if self.row_post[k] == j), -1)

    def stay_parts(self, i: int) -> np.ndarray:
        """Fit components of employee i in their current post."""
        k = next((k for k in self.rows_of(i) if self.row_stay[k]), -1)
        if k >= 0:
            return np.asarray(self.cand.parts[k])
        return np.asarray(self.t.stay_parts[i])

    def move_parts(self, i: int, j: int) -> np.ndarray:
        """Fit components of employee i as a newcomer in post j."""
        k = self.pair(i, j)
        if k >= 0:
            return np.asarray(self.cand.parts[k])
        return self.t.class_parts(int(self.t.post_class[j]), np.array([i]))[0]

    def potential_score(self, i: int, j: int) -> int:
        """Employee i's fit as a newcomer in post j (the number a candidate pair would carry)."""
        return int(np.clip(self.move_parts(i, j).sum(), 0, 100))

    @cached_property
    def best_alternative(self) -> list[int]:
        """Per employee, the candidate row of their most valuable move (highest nilai, then fit, then lowest
        post), or -1."""
        out = [-1] * self.t.n_emp
        c = self.cand
        rows = np.nonzero(~c.stay)[0]
        if len(rows):
            order = rows[np.lexsort((c.post[rows], -c.score[rows], -c.nilai[rows], c.emp[rows]))]
            emp = c.emp[order]
            first = np.r_[True, emp[1:] != emp[:-1]]
            for i, k in zip(emp[first].tolist(), order[first].tolist(), strict=True):
                out[i] = k
        return out

    @cached_property
    def best_for_post(self) -> dict[int, list[int]]:
        """Per post, its move candidate rows, best score first (ties: lower employee index)."""
        rows = np.nonzero(~self.cand.stay)[0]
        out: dict[int, list[int]] = {}
        order = rows[np.lexsort((self.cand.emp[rows], -self.cand.score[rows], self.cand.post[rows]))]
        for k, j in zip(order.tolist(), self.cand.post[order].tolist(), strict=True):
            out.setdefault(j, []).append(k)
        return out

    # --- fit, nilai, purposes and flags ------------------------------------------------------------------
    @cached_property
    def stay_scores(self) -> np.ndarray:
        """Every employee's fit in their current post (the plan's 'before'; also the nilai of staying)."""
        out = np.full(self.t.n_emp, -1, dtype=np.int64)
        rows = np.nonzero(self.cand.stay)[0]
        out[self.cand.emp[rows]] = self.cand.score[rows]
        for i in np.nonzero(out < 0)[0]:
            out[i] = int(np.clip(self.stay_parts(int(i)).sum(), 0, 100))
        return out

    @cached_property
    def stay_values(self) -> np.ndarray:
        """Every employee's nilai of staying: their fit plus the staffing value of the seat they hold (SPEC 4 v3;
        none in an over-staffed or abolished post)."""
        return stay_nilai(self.t, np.arange(self.t.n_emp, dtype=np.int64), self.stay_scores)

    @cached_property
    def assigned_scores(self) -> np.ndarray:
        """Every employee's fit in the post the plan gives them."""
        n_post = max(1, self.t.n_post)
        keys = self.cand.emp * n_post + self.cand.post
        order = np.argsort(keys, kind="stable")
        want = np.arange(self.t.n_emp, dtype=np.int64) * n_post + self.result.assignment
        pos = np.searchsorted(keys[order], want)
        pos = np.minimum(pos, max(0, len(order) - 1))
        found = (keys[order[pos]] == want) if len(order) else np.zeros(self.t.n_emp, dtype=bool)
        out = np.where(found, self.cand.score[order[pos]] if len(order) else 0, -1).astype(np.int64)
        for i in np.nonzero(~found)[0].tolist():
            j = self.target[i]
            parts = self.stay_parts(i) if j == self.cur[i] else self.move_parts(i, j)
            out[i] = int(np.clip(parts.sum(), 0, 100))
        return out

    @cached_property
    def _terms(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per employee: the nilai of the plan's pair, and the purposes and flags of their move (bit sets,
        0 for a stayer), from the same `Tables.move_terms` that made the candidates."""
        nilai = self.stay_values.copy()
        purposes = np.zeros(self.t.n_emp, dtype=np.int64)
        flags = np.zeros(self.t.n_emp, dtype=np.int64)
        movers = np.array(self.movers, dtype=np.int64)
        if len(movers):
            terms = self.t.move_terms(movers, self.result.assignment[movers], self.assigned_scores[movers])
            nilai[movers], purposes[movers], flags[movers] = terms.nilai, terms.purposes, terms.flags
        return nilai, purposes, flags

    def nilai(self, i: int) -> int:
        """The objective coefficient of employee i's pair in the plan (SPEC 4)."""
        return int(self._terms[0][i])

    def purposes(self, i: int) -> list[str]:
        """The purposes (scoring.PURPOSES names) of employee i's move; empty for a stayer or a pin without one."""
        return purpose_names(int(self._terms[1][i]))

    def flags(self, i: int) -> list[str]:
        """The flags (scoring.FLAGS names) of employee i's move; empty for a stayer."""
        return flag_names(int(self._terms[2][i]))

    # --- chains, units, holders --------------------------------------------------------------------------
    @cached_property
    def chains(self) -> list[Chain]:
        """Every move in exactly one vacancy chain or cycle (`chains.chain_list`)."""
        return chain_list(self.data, self.result)

    @cached_property
    def chain_of(self) -> dict[int, tuple[Chain, int]]:
        """Per mover: their chain and 1-based position in it."""
        return {i: (c, k) for c in self.chains for k, i in enumerate(c.members, 1)}

    @property
    def unit_cap(self) -> np.ndarray:
        """R13: the most people who may leave each unit (the solver's own numbers)."""
        return self.t.unit_leave_cap

    @cached_property
    def unit_leavers(self) -> np.ndarray:
        """R13: people leaving each unit in the plan."""
        t = self.t
        out = np.zeros(len(t.unit_names), dtype=np.int64)
        for i in self.movers:
            if t.post_unit[self.target[i]] != t.emp_unit[i]:
                out[t.emp_unit[i]] += 1
        return out

    def place_label(self, k: int) -> str:
        """A location in words: 'SDN 1 Alak (Dinas Pendidikan)', or the unit's name for the rest of a unit."""
        unit, place = self.t.place_names[k]
        return unit if place == unit else f"{place} ({unit})"

    def group_of(self, kind: str) -> np.ndarray:
        """R21's groups of posts of one kind (R21_KINDS): per post its location, or its scarce profession pool
        in its unit (-1 for a post in none)."""
        return self.t.post_place if kind == "lokasi" else self.t.post_pool

    def group_filled(self, kind: str, people: np.ndarray) -> np.ndarray:
        """R21: per group of `kind`, seats filled (Σ min(people, Kebutuhan)) for people per post."""
        groups = self.group_of(kind)
        inside = groups >= 0
        n = len(self.t.place_names) if kind == "lokasi" else len(self.t.pool_names)
        filled = np.minimum(people, self.t.post_keb)[inside]
        return np.bincount(groups[inside], weights=filled, minlength=n).astype(np.int64)

    @cached_property
    def group_filled_before(self) -> dict[str, np.ndarray]:
        return {kind: self.group_filled(kind, self.t.holders) for kind in R21_KINDS}

    @cached_property
    def group_filled_after(self) -> dict[str, np.ndarray]:
        return {kind: self.group_filled(kind, self.after) for kind in R21_KINDS}

    def group_label(self, kind: str, k: int) -> str:
        """A group in words: a location (`place_label`), or 'kursi Perawat di Dinas Kesehatan'."""
        if kind == "lokasi":
            return self.place_label(k)
        unit, family = self.t.pool_names[k]
        return f"kursi {family} di {unit}"

    @cached_property
    def golongan_name(self) -> dict[int, str]:
        """Golongan rank -> code ('III/a') of the PNS golongan."""
        return {g.urutan: g.kode for g in self.t.ref.golongan.values() if g.jenis == "PNS"}

    @cached_property
    def unqualified(self) -> dict[int, str]:
        """R18 today: holders of a JF post who do not meet its family's qualification, with the checker's
        words (`check.holders_not_qualified`); they stay, as a warning for the BKPSDM."""
        index = self.data.employee_index
        return {index[v.nip]: v.message for v in holders_not_qualified(self.data, self.t.ref) if v.nip}

    def family(self, j: int) -> str | None:
        """The JF family of post j, None when it is not a Jabatan Fungsional."""
        return family_of(self.t, j)
