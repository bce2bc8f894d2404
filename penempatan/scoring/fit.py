"""Integer fit scores 0–100 with named parts (SPEC 4): how well an employee suits a post class."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from penempatan.arrays import unique

if TYPE_CHECKING:
    from penempatan.scoring.tables import PostClass, Tables

COMPONENTS = ("pendidikan", "bidang", "kompetensi", "kinerja", "golongan")
"""Fit components, in the order of `Candidates.parts` columns; their sum is the fit score."""

COMPONENT_LABELS = {
    "pendidikan": "jenjang pendidikan",
    "bidang": "bidang pendidikan/pelatihan",
    "kompetensi": "kompetensi vs standar",
    "kinerja": "kinerja dan talenta",
    "golongan": "kesesuaian golongan",
}


def total(parts: np.ndarray) -> np.ndarray:
    """Score 0–100 from components (one row per pair)."""
    return np.clip(parts.sum(axis=1), 0, 100)


def class_parts(t: Tables, c: int, emp: np.ndarray) -> np.ndarray:
    """Integer fit components (columns as COMPONENTS) of employees `emp` in post class `c`."""
    pc = t.classes[c]
    p = t.data.params
    n = len(emp)
    parts = np.zeros((n, len(COMPONENTS)), dtype=np.int64)
    # Education level: meeting the minimum 60 %, one level above 80 %, two or more 100 % (never lower).
    over = t.emp_pend[emp] - pc.pend_min
    parts[:, 0] = np.rint(p.bobot_pendidikan * np.clip(0.6 + 0.2 * over, 0.0, 1.0) * (over >= 0))
    # Field (R8, SPEC 4 v3): see field_share.
    parts[:, 1] = np.rint(p.bobot_bidang * field_share(t, c, emp))
    # Competence: mean over the post's standards of min(level / standard, 1); an employee without an
    # assessment counts as level 1, so being assessed never lowers a score.
    ratios = []
    for k, standard in enumerate(pc.standar):
        if standard:
            level = t.emp_komp[emp, k]
            ratios.append(np.minimum(np.maximum(level, 1) / standard, 1.0))
    komp = np.mean(ratios, axis=0) if ratios else np.ones(n)
    parts[:, 2] = np.rint(p.bobot_kompetensi * komp)
    # Performance and talent, weighted by how demanding the post is (its kelas): puts the best
    # performers where they count most. Monotone in kinerja and kotak.
    perf = t.emp_kinerja[emp] / 4.0
    talent = t.emp_kotak[emp] / 9.0  # no kotak (no potensi) counts as 0, below kotak 1
    demand = 0.5 + 0.5 * (pc.kelas - 1) / 16.0
    parts[:, 3] = np.rint(p.bobot_kinerja * (0.6 * perf + 0.4 * talent) * demand)
    # Golongan fit (R7): inside the range full, one step below (allowed tolerance) half.
    gol = t.emp_gol[emp]
    inside = np.ones(n, dtype=bool)
    if pc.gol_min is not None:
        inside &= gol >= pc.gol_min
    if pc.gol_max is not None:
        inside &= gol <= pc.gol_max
    below_one = (pc.gol_min is not None) & (gol == (pc.gol_min or 0) - 1)
    parts[:, 4] = np.rint(p.bobot_golongan * np.where(inside, 1.0, np.where(below_one, 0.5, 0.0)))
    return parts


def field_share(t: Tables, c: int, emp: np.ndarray) -> np.ndarray:
    """The field part as a share of bobot_bidang (SPEC 4 v3). A post with fields: the employee's programme in
    one of them 1.0, a training in one 0.6, else 0. A post with no field scores neutral (bidang_netral_persen),
    lower for a scarce profession (bidang_profesi_lain_persen: a nurse or a teacher in a clerk post), and never
    more than the employee's share in their current post, so no move gains fit from a no-field post's field
    part alone."""
    share = _own_share(t, t.classes[c], emp)
    if t.classes[c].skor_bidang:
        return share
    cur_class = t.post_class[t.cur[emp]]
    for k in unique(cur_class).tolist():
        if k != c:
            sel = cur_class == k
            share[sel] = np.minimum(share[sel], _own_share(t, t.classes[k], emp[sel]))
    return share


def _own_share(t: Tables, pc: PostClass, emp: np.ndarray) -> np.ndarray:
    """field_share without the cap at the current post."""
    p = t.data.params
    if not pc.skor_bidang:
        return np.where(t.emp_scarce[emp], p.bidang_profesi_lain_persen, p.bidang_netral_persen) / 100.0
    mask = t.fields_mask(pc.skor_bidang)
    same = (t.emp_field_bit[emp] & mask).astype(bool)
    trained = (t.emp_trained[emp] & mask).astype(bool)
    return np.where(same, 1.0, np.where(trained, 0.6, 0.0))


def pair_parts(t: Tables, emp: np.ndarray, post: np.ndarray) -> np.ndarray:
    """Fit components of arbitrary (employee, post) pairs."""
    out = np.zeros((len(emp), len(COMPONENTS)), dtype=np.int64)
    classes = t.post_class[post]
    for c in unique(classes).tolist():
        sel = np.nonzero(classes == c)[0]
        out[sel] = class_parts(t, c, emp[sel])
    return out
