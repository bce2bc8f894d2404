"""The purposes of a move and its `nilai` (SPEC 4), re-implemented per employee for the checker."""

from __future__ import annotations

from penempatan.check.facts import Facts, same_text
from penempatan.rules import PURPOSE_LABELS

PURPOSE_WORDS = PURPOSE_LABELS
"""The purposes of a move (SPEC 4 a–f), in that order (wording from the rule registry)."""


def purposes(f: Facts, i: int, j: int, fit_move: int | None = None, fit_stay: int | None = None) -> list[str]:
    """The purposes of moving employee i to post j (SPEC 4 a–f, in that order).

    `kesesuaian` needs both fits; without them it is left out. A post with the same Nama Jabatan in the
    same unit as the current one serves only `kelebihan`.
    """
    e, now, target = f.data.employees[i], f.current(i), f.data.positions[j]
    if j == f.data.current_post[i]:
        return []
    if now.unit == target.unit and same_text(now.nama, target.nama):
        return ["kelebihan"] if f.forced_out(i) else []
    due = f.params.masa_risiko_tinggi_bulan if now.risiko_tinggi else f.params.masa_jabatan_maksimal_bulan
    have = {
        "kebutuhan": f.vacancy_before(j),
        "rotasi": f.tenure_months(i) >= due and rotation_applies(f, i, j),
        "promosi": f.is_promotion(i, j),
        "kesesuaian": (fit_move is not None and fit_stay is not None
                       and fit_move - fit_stay >= f.params.ambang_kesesuaian),
        "kelebihan": f.forced_out(i),
        "permintaan": (target.unit != now.unit
                       and any(same_text(target.unit, unit) for unit in e.unit_diminati)),
    }
    return [name for name in PURPOSE_WORDS if have[name]]


def rotation_applies(f: Facts, i: int, j: int) -> bool:
    """R26: rotation due is a purpose out of a structural or high-risk post, or within one JF family into a post
    with an empty seat today (where needed); never into or out of a JF family."""
    now = f.current(i)
    here, there = f.families[f.data.current_post[i]], f.families[j]
    same = (here.nama if here else None) == (there.nama if there else None)
    return (f.structural(now) or now.risiko_tinggi or (here is not None and f.vacancy_before(j))) and same


def nilai(f: Facts, i: int, j: int, fit: int, fit_stay: int | None = None) -> int:
    """The objective coefficient of employee i ending in post j whose fit is `fit` (SPEC 4): the fit plus the
    staffing value of the seat (v3; none for staying in an over-staffed or abolished post); for a move also the
    value of its purposes, nilai_relawan when someone who asked to move (a Unit Diminati) leaves an over-staffed or
    abolished post (volunteers first), minus biaya_mutasi, for someone unwilling biaya_tidak_bersedia, and for a fit
    below `fit_stay` (their fit today) biaya_kesesuaian_turun."""
    if j == f.data.current_post[i]:
        return fit + (0 if f.over_staffed(j) else f.seat_value(j))
    p = f.params
    rotation_value = p.nilai_risiko_tinggi if f.current(i).risiko_tinggi else p.nilai_rotasi
    value = {"kebutuhan": p.nilai_kebutuhan, "rotasi": rotation_value, "promosi": p.nilai_promosi,
             "permintaan": p.nilai_permintaan}
    unwilling = 0 if f.data.employees[i].bersedia_mutasi else p.biaya_tidak_bersedia
    volunteer = p.nilai_relawan if f.forced_out(i) and f.data.employees[i].unit_diminati else 0
    lower = p.biaya_kesesuaian_turun if fit_stay is not None and fit < fit_stay else 0
    return (fit + f.seat_value(j) + sum(value.get(name, 0) for name in purposes(f, i, j)) + volunteer
            - p.biaya_mutasi - unwilling - lower)


def purpose_violation(f: Facts, i: int, j: int, fit_move: int, fit_stay: int) -> str | None:
    """SPEC 4: a move has at least one purpose; it lowers the fit only with purpose `kelebihan`, or into
    a must-fill post with purpose `kebutuhan`."""
    now, target = f.current(i), f.data.positions[j]
    found = purposes(f, i, j, fit_move, fit_stay)
    if not found:
        if now.unit == target.unit and same_text(now.nama, target.nama):
            return (f"pindah ke jabatan bernama sama ({target.nama}) di unit yang sama tanpa "
                    f"{PURPOSE_WORDS['kelebihan']} tidak mempunyai tujuan")
        return (f"mutasi tanpa tujuan (bukan {', '.join(PURPOSE_WORDS.values())}; ambang kesesuaian "
                f"{f.params.ambang_kesesuaian} poin)")
    if fit_move < fit_stay and not ("kelebihan" in found or (target.wajib_diisi and "kebutuhan" in found)):
        return (f"kesesuaian turun dari {fit_stay} ke {fit_move} tanpa tujuan {PURPOSE_WORDS['kelebihan']} atau "
                f"{PURPOSE_WORDS['kebutuhan']} pada jabatan wajib diisi")
    return None
