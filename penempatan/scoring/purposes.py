"""The purposes and flags of a move and its value in the objective, `nilai` (SPEC 4, R16, R19 flag).

A move is a candidate only when it has a purpose: mengisi kebutuhan, rotasi jatuh tempo, promosi, kesesuaian
lebih baik, kelebihan pegawai or permintaan pegawai (wording in rules.py). Purposes and flags are bit sets, in
the order of PURPOSES and FLAGS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from penempatan.rules import FLAG_LABELS, PURPOSE_LABELS

if TYPE_CHECKING:
    from penempatan.scoring.tables import Tables

PURPOSES = tuple(PURPOSE_LABELS)
"""Purposes of a move (SPEC 4 a–f), in the bit order of `Candidates.purposes`; wording in rules.py."""

FLAGS = tuple(FLAG_LABELS)
"""Flags of a move for the committee (`Perhatian`), in the bit order of `Candidates.flags`; wording in rules.py."""
NEAR_BUP_MONTHS = 24
"""A mover who retires within this many months is flagged `dekat BUP` (R4 keeps those within 12 in place)."""

_BIT = {name: 1 << k for k, name in enumerate(PURPOSES)}
_FLAG = {name: 1 << k for k, name in enumerate(FLAGS)}


@dataclass(frozen=True)
class MoveTerms:
    """Per move pair: its value in the objective, purposes and flags (bit sets), and whether it is allowed."""

    nilai: np.ndarray
    purposes: np.ndarray
    flags: np.ndarray
    valid: np.ndarray


def move_terms(t: Tables, emp: np.ndarray, post: np.ndarray, fit: np.ndarray) -> MoveTerms:
    """Purposes, flags, `nilai` and the purpose rule (SPEC 4, R16, R19 flag) of move pairs.

    A move is valid when it has a purpose; when it does not lower the fit, unless it leaves a surplus
    (kelebihan) or fills a must-fill vacancy; and, for an unwilling employee (R16), only in those
    two cases. A move to a post of the same name in the same unit only counts as leaving a surplus.
    """
    p = t.data.params
    cur = t.cur[emp]
    unit_e, unit_j = t.emp_unit[emp], t.post_unit[post]
    same = (t.post_name[post] == t.post_name[cur]) & (unit_j == unit_e)
    other = ~same
    fit_cur = t.stay_fit[emp]
    forced = t.forced_out[emp]
    promotion = t.is_promotion(emp, post)
    demotion = (t.post_kelas[post] < t.post_kelas[cur]) | (t.post_tingkat[post] < t.post_tingkat[cur])
    wanted = t.prefers(emp, unit_j) & (unit_j != unit_e)
    has = {
        "kebutuhan": t.vacancy[post] & other,
        "rotasi": t.emp_due[emp] & other & rotation_kind(t, cur, post),
        "promosi": promotion & other,
        "kesesuaian": (fit - fit_cur >= p.ambang_kesesuaian) & other,
        "kelebihan": forced,
        "permintaan": wanted & other,
    }
    purposes = np.zeros(len(emp), dtype=np.int64)
    for name, mask in has.items():
        purposes |= _BIT[name] * mask
    must_fill = t.must_fill_vacancy[post] & has["kebutuhan"]
    valid = _allowed(t, emp, fit, purposes != 0, forced | must_fill)
    # The seat's staffing value (SPEC 4 v3) is on every pair into a post, stays included (`stay_nilai`), so a
    # chain that empties a seat worth as much as the one it fills earns nothing.
    nilai = (_value(t, emp, fit, has["kebutuhan"], has["rotasi"], has["promosi"], has["permintaan"])
             + t.post_seat_value[post] + volunteer_value(t, emp))
    flags = (_FLAG["tidak_bersedia"] * ~t.emp_bersedia[emp]
             | _FLAG["dekat_bup"] * (t.retirement_months[emp] < NEAR_BUP_MONTHS)
             | _FLAG["turun_kelas"] * demotion
             | _FLAG["kesesuaian_turun"] * (fit < fit_cur)
             | _FLAG["kursi_jpt"] * t.post_jpt[post])
    return MoveTerms(nilai=nilai.astype(np.int64), purposes=purposes, flags=flags.astype(np.int64), valid=valid)


def volunteer_value(t: Tables, emp: np.ndarray) -> np.ndarray:
    """Volunteers first (SPEC 4 v3): a holder of an over-staffed or abolished post who asked to move (named a Unit
    Diminati) adds `nilai_relawan` to any move out of it, so when the post sheds people those who asked go first."""
    return t.data.params.nilai_relawan * (t.forced_out[emp] & t.emp_asked[emp])


def rotation_kind(t: Tables, cur: np.ndarray, post: np.ndarray) -> np.ndarray:
    """R26: a due rotation is a purpose only out of a structural or high-risk post, or within one JF family into a
    post that needs someone (a teacher to another school, a nurse to another puskesmas, where a seat is empty
    today); never into or out of a JF family by the clock."""
    fam_c, fam_j = t.post_family_id[cur], t.post_family_id[post]
    general = t.post_struktural[cur] | t.post_risk[cur]
    kind = general | ((fam_c >= 0) & t.vacancy[post])
    return kind & ((fam_c == fam_j) | ((fam_c < 0) & (fam_j < 0)))


def _allowed(t: Tables, emp: np.ndarray, fit: np.ndarray, has_purpose: np.ndarray | bool,
             needed: np.ndarray) -> np.ndarray:
    """SPEC 4 and R16: a move needs a purpose; it may lower the fit, or move an unwilling employee, only when
    `needed` (leaving a surplus or filling a must-fill vacancy)."""
    return has_purpose & ((fit >= t.stay_fit[emp]) | needed) & (t.emp_bersedia[emp] | needed)


def _value(t: Tables, emp: np.ndarray, fit: np.ndarray, kebutuhan: np.ndarray | bool, rotasi: np.ndarray,
           promosi: np.ndarray | bool, permintaan: np.ndarray) -> np.ndarray:
    """`nilai` of a move (SPEC 4): the fit plus the value of its purposes, minus biaya_mutasi, the cost of
    moving someone unwilling (R16) and the cost of a lower fit."""
    p = t.data.params
    return (fit + p.nilai_kebutuhan * kebutuhan + t.emp_rotation_value[emp] * rotasi
            + p.nilai_promosi * promosi + p.nilai_permintaan * permintaan
            - p.biaya_mutasi - p.biaya_tidak_bersedia * ~t.emp_bersedia[emp]
            - p.biaya_kesesuaian_turun * (fit < t.stay_fit[emp]))


def value_ceiling(t: Tables, emp: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """An upper bound on the nilai of any move of employee emp[k] at fit fit[k]: `_value` with every purpose
    and no cost but biaya_mutasi (every value parameter is ≥ 0), for pricing to skip pairs that cannot pay."""
    p = t.data.params
    return (fit + p.nilai_kebutuhan + t.emp_rotation_value[emp] + p.nilai_promosi + p.nilai_permintaan
            + volunteer_value(t, emp) - p.biaya_mutasi + (int(t.post_seat_value.max()) if t.n_post else 0))


def stay_nilai(t: Tables, emp: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """`nilai` of staying (SPEC 4 v3): the fit plus the staffing value of the seat held, except for the holders
    of an over-staffed or abolished post (their seat is not one the plan must keep filled)."""
    cur = t.cur[emp]
    return fit + np.where(t.holders[cur] > t.post_keb[cur], 0, t.post_seat_value[cur])


def purpose_names(bits: int) -> list[str]:
    """The purposes (PURPOSES names) set in a bit set."""
    return [name for name in PURPOSES if bits & _BIT[name]]


def flag_names(bits: int) -> list[str]:
    """The flags (FLAGS names) set in a bit set."""
    return [name for name in FLAGS if bits & _FLAG[name]]


NOT_ELIGIBLE = -(1 << 14)
"""Marker of a class with no allowed move in the per-class value table of candidate generation."""


def class_upper_value(t: Tables, c: int, emp: np.ndarray, fit: np.ndarray, posts: np.ndarray) -> np.ndarray:
    """An upper bound on the nilai of any allowed move of `emp` into a post of class `c` (open `posts`);
    NOT_ELIGIBLE where no post of the class can give the move a purpose under the fit and R16 rules.

    The same terms as `move_terms` (`_allowed`, `_value`), each at its best over the class's posts."""
    p = t.data.params
    pc = t.classes[c]
    cur = t.cur[emp]
    vacant = bool(t.vacancy[posts].any())
    must_fill = bool(t.must_fill_vacancy[posts].any())
    promotion = (pc.kelas > t.post_kelas[cur]) | (pc.tingkat > t.post_tingkat[cur])
    better = fit - t.stay_fit[emp] >= p.ambang_kesesuaian
    prefs = np.array([bool(t.emp_prefs[i]) for i in emp.tolist()], dtype=bool)
    forced = t.forced_out[emp]
    purpose = t.emp_due[emp] | promotion | better | forced | vacant | prefs
    possible = _allowed(t, emp, fit, purpose, forced | must_fill)
    value = _value(t, emp, fit, vacant, t.emp_due[emp], promotion, prefs) + pc.nilai_kursi + volunteer_value(t, emp)
    return np.where(possible, value, NOT_ELIGIBLE)
