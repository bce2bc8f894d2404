"""Named training for a move (SPEC 5 `Kebutuhan Pelatihan`): which courses of `pelatihan.csv` a mover needs.

A row of pelatihan.csv fires on one trigger (`pemicu`) of the move from the current post to the target post:
- `masuk_pengawas`, `masuk_administrator`, `masuk_jpt`: the first entry into that managerial jenis (the
  current post is below it on the ladder Pengawas < Administrator < JPT Pratama), e.g. PKP, PKA, PKN II;
- `masuk_jf`: into a Jabatan Fungsional from a post that is not one; `ganti_jf`: from one JF family into
  another; `naik_jenjang_jf`: a higher jenjang of the same family (uji kompetensi, pelatihan fungsional);
- `kata_kunci_jabatan`: a word of the row's `kata_kunci` is in the target post's name and not in the current
  one's (pengadaan → sertifikasi PBJ, bendahara → sertifikasi bendahara);
- `kompetensi_manajerial`, `kompetensi_sosial_kultural`, `kompetensi_teknis`: that competence is below the
  target post's standard (an employee without an assessment counts as below, as in the fit score).
Names may hold `{rumpun_jf}` (the target's JF family) and `{jenjang}` (the target's jenjang).
A row with pemicu `pengembangan` never fires: it is a course chosen as a development decision (SPEC 8, two rounds),
not one a move prescribes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from penempatan.explain.chains import in_chain_order
from penempatan.explain.rows import TrainingRow
from penempatan.reference import PENGEMBANGAN, Words, words
from penempatan.reference.rows import find_words
from penempatan.rules import RULES
from penempatan.scoring import JPT, Tables, total
from penempatan.scoring.eligibility import perpindahan_gates

if TYPE_CHECKING:
    from penempatan.explain.view import PlanView

_LADDER = {"Pengawas": 1, "Administrator": 2, JPT: 3}
_ENTRY = {"masuk_pengawas": 1, "masuk_administrator": 2, "masuk_jpt": 3}
_COMPETENCE = {"kompetensi_manajerial": 0, "kompetensi_sosial_kultural": 1, "kompetensi_teknis": 2}
FUNGSIONAL = "Fungsional"


@dataclass(frozen=True)
class Training:
    """One named course for one mover: its name, legal or source basis, and when (before/after the oath)."""

    pelatihan: str
    dasar: str
    kapan: str
    pemicu: str
    ejaan_lain: tuple[Words, ...] = ()  # other names that count as done (pelatihan.csv `ejaan_lain`)

    @property
    def before_appointment(self) -> bool:
        """True for a course to finish before the pelantikan (the `Kapan` column says 'sebelum …')."""
        return self.kapan.strip().lower().startswith("sebelum")

    @property
    def kebutuhan(self) -> str:
        """One line for the terminal: 'Uji Kompetensi Perawat Ahli Muda (sebelum pelantikan)'."""
        return f"{self.pelatihan} ({self.kapan})"


def family_of(t: Tables, j: int) -> str | None:
    """The JF family of post j (its Rumpun JF, or found from its name); None for a post that is not a JF."""
    q = t.data.positions[j]
    if q.jenis != FUNGSIONAL:
        return None
    return t.post_family[j] or t.ref.jf_of(q.nama, q.rumpun_jf)


def trainings(t: Tables, i: int, j: int) -> list[Training]:
    """The named courses of pelatihan.csv that employee i needs to move into post j and has not done yet
    (`already_done` on their Pelatihan, e.g. from SIASN's rw_diklat), those before the pelantikan first."""
    done = t.data.employees[i].diklat
    return [x for x in named_courses(t, i, j) if not already_done(x.pelatihan, done, x.ejaan_lain)]


_LAST_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")


def already_done(course: str, done: Sequence[str], ejaan_lain: Sequence[Words] = ()) -> bool:
    """A course counts as done when a recorded one has the same words, the same words without the trailing
    parenthesis ('Pelatihan Fungsional Perawat' for '… (pembentukan)'), or is the abbreviation in it ('PKP' for
    'Pelatihan Kepemimpinan Pengawas (PKP)'); or holds one of its other names (`ejaan_lain` of pelatihan.csv)
    as whole words: 'Diklatpim Tk. IV Angkatan 12' holds 'Diklatpim Tk IV', a name of the PKP, but not 'Diklatpim
    Tk III'."""
    names = {words(course), words(_LAST_PARENTHESIS.sub("", course))}
    short = _LAST_PARENTHESIS.search(course)
    if short is not None and re.search(r"\b[A-Z]{2,}\b", short.group(1)):  # an abbreviation: PKP, PKN Tingkat II
        names.add(words(short.group(1)))
    names.discard(())
    recorded = [words(item) for item in done]
    return any(item in names for item in recorded) or any(
        find_words(other, item) >= 0 for other in ejaan_lain if other for item in recorded)


def named_courses(t: Tables, i: int, j: int) -> list[Training]:
    """The named courses of pelatihan.csv that a move of employee i into post j triggers, those before the
    pelantikan first, each course once; empty when j is i's current post."""
    cur = int(t.cur[i])
    if j == cur:
        return []
    d = t.data
    src, dst = d.positions[cur], d.positions[j]
    fam_src, fam_dst = family_of(t, cur), family_of(t, j)
    standards = (dst.standar_manajerial, dst.standar_sosial_kultural, dst.standar_teknis)
    fired: dict[str, Training] = {}
    for row in t.ref.pelatihan:
        trigger = row.pemicu
        if trigger == PENGEMBANGAN:
            continue
        if trigger in _ENTRY:
            hit = _LADDER.get(dst.jenis, 0) == _ENTRY[trigger] and _LADDER.get(src.jenis, 0) < _ENTRY[trigger]
        elif trigger == "masuk_jf":
            hit = dst.jenis == FUNGSIONAL and src.jenis != FUNGSIONAL
        elif trigger == "ganti_jf":
            hit = dst.jenis == FUNGSIONAL and src.jenis == FUNGSIONAL and fam_src != fam_dst
        elif trigger == "naik_jenjang_jf":
            hit = (dst.jenis == FUNGSIONAL and fam_dst is not None and fam_src == fam_dst
                   and int(t.post_jenjang_rank[j]) > int(t.post_jenjang_rank[cur]))
        elif trigger == "kata_kunci_jabatan":
            hit = row.matches(dst.nama) and not row.matches(src.nama)
        elif trigger in _COMPETENCE:
            k = _COMPETENCE[trigger]
            standard = standards[k]
            hit = bool(standard) and int(t.emp_komp[i, k]) < int(standard or 0)
        else:
            hit = False
        if hit:
            name = row.render(fam_dst, dst.jenjang)
            fired.setdefault(name, Training(name, row.dasar, row.kapan, trigger, row.ejaan_lain))
    return sorted(fired.values(), key=lambda x: not x.before_appointment)


def training_needs(view: PlanView, i: int) -> list[Training]:
    """The named courses mover i needs in the post the plan gives them; [] for a stayer."""
    return trainings(view.t, i, view.target[i])


LICENCE_CANDIDATES = 3
"""Per empty seat of a licensed JF family: how many people who lack only the licence are named (R22)."""
LICENCE_WHEN = "sebelum pengangkatan (syarat perpindahan)"


def training_rows(view: PlanView) -> list[TrainingRow]:
    """`Kebutuhan Pelatihan`: one row per mover and named course, in chain order; then the licences that stand
    between an empty JF seat and the people it could take (`licence_rows`)."""
    d = view.data
    out = []
    for i in in_chain_order(view):
        e, q = d.employees[i], d.positions[view.target[i]]
        out += [TrainingRow(nip=e.nip, nama=e.nama, jabatan=q.nama, pelatihan=need.pelatihan, dasar=need.dasar,
                            kapan=need.kapan) for need in training_needs(view, i)]
    return out + licence_rows(view)


def licence_rows(view: PlanView) -> list[TrainingRow]:
    """R22: for each JF post of a licensed family with a seat still empty after the plan, the best (by fit) of
    the employees the plan does not move whom every rule admits but the missing licence (Sertifikat): what
    they need first, before a perpindahan can be proposed."""
    t, d = view.t, view.data
    free = t.free_movers[np.asarray(view.target)[t.free_movers] == t.cur[t.free_movers]]
    out: list[TrainingRow] = []
    best: dict[int, np.ndarray] = {}  # per post class: its best candidates, computed once
    for j in np.nonzero(view.after < t.post_keb)[0].tolist():
        family = t.ref.jabatan_fungsional.get(t.post_family[j] or "")
        if family is None or family.lisensi is None or not len(free):
            continue
        c = int(t.post_class[j])
        if c not in best:
            masks = t.class_exclusions(c, free)
            gates = perpindahan_gates(t, t.classes[c], free)
            others = [m for code, m in masks.items() if code != "R22"]
            others += [m for gate, m in gates.items() if gate != "lisensi"]
            lacking = free[gates["lisensi"] & ~np.logical_or.reduce(others)]  # only the licence stands between
            fit = total(t.class_parts(c, lacking)) if len(lacking) else np.zeros(0, dtype=np.int64)
            best[c] = lacking[np.lexsort((lacking, -fit))[:LICENCE_CANDIDATES]]
        for k in best[c].tolist():
            e = d.employees[k]
            out.append(TrainingRow(nip=e.nip, nama=e.nama, jabatan=d.positions[j].nama,
                                   pelatihan=f"{family.lisensi} (lisensi {family.nama})",
                                   dasar=RULES["R22"].source + " (perpindahan dari jabatan lain)",
                                   kapan=LICENCE_WHEN))
    return out
