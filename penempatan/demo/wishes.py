"""The demo's sheet Permintaan (SPEC 9): about one employee in ten asks to move, with one to four ranked wishes,
mostly for family or health reasons.

Drawn from a random stream of its own (`numpy.random.default_rng([seed, 26])`, 26 for issue 26), so adding the
wishes changed no other value of the demo for the same seed. Most of those who named a Unit Diminati also make
ranked wishes (their first Unit Diminati among them), as someone who wants to move would fill in e-mutasi.

About half the requesters give the distance from their family (`Jarak Keluarga (km)`, 5–300 km, short distances
more often), the same on each of their rows; it comes from a stream of its own too, so the wishes themselves are
the ones drawn before the distance existed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from penempatan.model import MAX_WISHES, Employee, Position, Wish
from penempatan.text import compact_key, name_key

STREAM = 26
"""The second word of the wishes' seed: their stream is independent of the rest of the demo."""
_DISTANCE_STREAM = 1  # third word of the distances' seed
_WITH_DISTANCE = 0.5  # share of requesters who give their distance from family
_KM_RANGE = (5.0, 300.0)  # drawn log-uniformly: a family in the next district is likelier than one across the sea
_ASK_WITH_UNITS, _ASK_WITHOUT = 0.6, 0.04  # share of requesters among those with and without Unit Diminati
_WISH_COUNTS = (0.35, 0.3, 0.2, 0.15)  # 1, 2, 3 or 4 wishes
_REASONS = (("pasangan", 0.3), ("kesehatan", 0.2), ("orang tua", 0.2), ("anak/sekolah", 0.15),
            ("pengembangan karier", 0.1), ("lainnya", 0.05))
_EVIDENCE = 0.7  # share of family and health reasons with the evidence attached (career and other: half that)


def demo_wishes(employees: Sequence[Employee], positions: Sequence[Position], seed: int) -> tuple[Wish, ...]:
    """The ranked wishes of the demo's requesters, in employee order, each Tujuan unambiguous."""
    rng = np.random.default_rng([seed % 2**64, STREAM])
    by_name: dict[str, list[Position]] = {}
    for p in positions:
        by_name.setdefault(name_key(p.nama), []).append(p)
    units = sorted({p.unit for p in positions})
    known_units = set(units)
    post = {p.kode: p for p in positions}
    clear = _Unambiguous(positions)
    reasons, weights = zip(*_REASONS, strict=True)
    wishes: list[Wish] = []
    for e in employees:
        u = rng.random(6)
        if not e.bersedia_mutasi or u[0] >= (_ASK_WITH_UNITS if e.unit_diminati else _ASK_WITHOUT):
            continue
        count = 1 + int(np.searchsorted(np.cumsum(_WISH_COUNTS), u[1] * 0.999999))
        reason = reasons[int(np.searchsorted(np.cumsum(weights), u[2] * 0.999999))]
        evidence = u[3] < (_EVIDENCE if reason not in ("pengembangan karier", "lainnya") else _EVIDENCE / 2)
        here = post[e.kode_jabatan].unit
        same_name = [p for p in by_name[name_key(post[e.kode_jabatan].nama)] if p.unit != here]
        targets: list[tuple[str, str]] = [(unit, "unit") for unit in e.unit_diminati[:1] if unit in known_units]
        for _ in range(4 * count):
            if len(targets) >= count:
                break
            pick = rng.random()
            if pick < 0.35 and same_name:
                target = (same_name[int(rng.integers(len(same_name)))].kode, "jabatan")
            elif pick < 0.55 and same_name:
                target = (same_name[0].nama, "nama")
            else:
                target = (units[int(rng.integers(len(units)))], "unit")
            if target[0] != here and target not in targets and clear(target[0]):
                targets.append(target)
        for rank, (written, kind) in enumerate(targets[:MAX_WISHES], 1):
            other = reasons[int(u[5] * len(reasons))]
            wishes.append(Wish(nip=e.nip, rank=rank, target=written, kind=kind, key=written,  # type: ignore[arg-type]
                               reason=reason if rank == 1 or u[4] >= 0.2 else other, evidence=bool(evidence)))
    return _with_distances(wishes, seed)


def _with_distances(wishes: list[Wish], seed: int) -> tuple[Wish, ...]:
    """The wishes with the family distance of about half the requesters on each of their rows."""
    rng = np.random.default_rng([seed % 2**64, STREAM, _DISTANCE_STREAM])
    low, high = np.log(_KM_RANGE)
    km: dict[str, float | None] = {}
    for nip in dict.fromkeys(w.nip for w in wishes):
        given, draw = rng.random(2)
        km[nip] = float(round(np.exp(low + draw * (high - low)))) if given < _WITH_DISTANCE else None
    return tuple(w.model_copy(update={"family_km": km[w.nip]}) if km[w.nip] is not None else w for w in wishes)


class _Unambiguous:
    """Whether a Tujuan reads as exactly one post code, post name or unit (excel/read_wishes.py matches codes
    by `compact_key`, names and units by `name_key`), so the demo never writes an ambiguous one."""

    def __init__(self, positions: Sequence[Position]) -> None:
        self.codes: dict[str, int] = {}
        for p in positions:
            self.codes[compact_key(p.kode)] = self.codes.get(compact_key(p.kode), 0) + 1
        self.names = {name_key(p.nama) for p in positions}
        self.units = {name_key(p.unit) for p in positions}

    def __call__(self, text: str) -> bool:
        code = self.codes.get(compact_key(text), 0)
        return code <= 1 and (code > 0) + (name_key(text) in self.names) + (name_key(text) in self.units) == 1
