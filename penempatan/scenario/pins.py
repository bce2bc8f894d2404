"""Pins of a scenario against the hard rules: R15 is hard, so a pin another rule forbids is an error."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from penempatan.model import Pin, ProblemData
from penempatan.rules import RULES
from penempatan.scenario.model import Scenario, apply_scenario, show
from penempatan.scoring import Tables, forbidden_moves, pin_violations
from penempatan.scoring.eligibility import perpindahan_gaps


@dataclass(frozen=True)
class PinBreak:
    """A pin the hard rules forbid: shown at the line of `pin`, with the value, message and hint to print."""

    pin: Pin
    value: str
    message: str
    hint: str


def broken_pins(base: ProblemData, scenario: Scenario) -> list[PinBreak]:
    """Every pin that a hard rule forbids under the scenario's own parameters, then every post that more
    pinned newcomers would over-fill (R11)."""
    if not scenario.pins:
        return []
    data = apply_scenario(base, scenario)
    t = Tables(data)
    forbid_post, forbid_unit = forbidden_moves(data, t)
    out = []
    for pin in scenario.pins:
        i, j = data.employee_index[pin.nip], data.position_index[pin.kode_jabatan]
        codes = pin_violations(data, t, i, j, forbid_post, forbid_unit)
        if codes:
            details = ", ".join(f"{c} ({_rule_detail(data, t, i, j, c, forbid_post, forbid_unit)})" for c in codes)
            out.append(PinBreak(pin, f"{pin.nip} → {pin.kode_jabatan}", f"kunci melanggar {details}",
                                "Hapus kunci ini atau ubah parameter/data yang menghalanginya."))
    # R11: newcomers pinned to a post need seats beside its holders who cannot leave it.
    target = {data.employee_index[p.nip]: data.position_index[p.kode_jabatan] for p in scenario.pins}
    arriving = Counter(j for i, j in target.items() if j != t.cur[i])
    for j, n in arriving.items():
        held = sum(1 for i in data.holders[j] if target.get(i, j) == j and (i in target or not t.movable[i]))
        q = data.positions[j]
        if n + held > q.kebutuhan:
            first = next(p for p in scenario.pins if p.kode_jabatan == q.kode)
            out.append(PinBreak(
                first, q.kode,
                f"kunci melanggar R11 ({n} pegawai dikunci ke {q.kode} dan {held} pemegangnya tidak dapat "
                f"pindah, kebutuhan {q.kebutuhan})",
                "Kurangi kunci ke jabatan ini, naikkan [kebutuhan] atau longgarkan aturan yang menahan."))
    return out


def _rule_detail(data: ProblemData, t: Tables, i: int, j: int, code: str,
                 forbid_post: dict[int, set[int]], forbid_unit: dict[int, set[int]]) -> str:
    """The numbers behind one rule a pin breaks, in the planner's words; else the rule's own wording."""
    e, q, p = data.employees[i], data.positions[j], data.params
    cur = int(t.cur[i])
    if code == "R1":
        return f"masa jabatan {int(t.emp_tenure[i])} bulan < {p.masa_jabatan_minimal_bulan}"
    if code == "R4":
        return f"pensiun dalam {int(t.retirement_months[i])} bulan < {p.batas_pensiun_bulan}"
    if code == "R5":
        return f"status {e.status}"
    if code == "R6":
        return f"pendidikan {e.pendidikan} di bawah syarat {q.pendidikan_min}"
    if code == "R7":
        return f"golongan {e.golongan} di luar rentang jabatan {q.kode}"
    if code == "R9":
        if t.post_tingkat[j] > t.post_tingkat[cur] + 1:
            return "naik lebih dari satu tingkat"
        if t.emp_promo_ok[i] and not e.siap_naik_jenjang:
            return "naik jenjang fungsional tetapi belum Siap Naik Jenjang"
        return f"promosi butuh kotak talenta {show(p.kotak_promosi)}, pegawai kotak {e.kotak or '-'}"
    if code == "R10":
        return f"hukuman disiplin {e.hukuman}"
    if code == "R19":
        return f"kelas {int(t.post_kelas[cur])} → {q.kelas}"
    if code == "R8":
        return f"bidang {e.bidang or '-'} tidak sesuai bidang jabatan {t.ref.bidang_label(t.post_fields[j])}"
    if code == "R18":
        return f"bidang {e.bidang or '-'} tidak memenuhi kualifikasi {q.rumpun_jf}"
    if code == "R22":
        return "; ".join(perpindahan_gaps(t, i, j))
    if code == "R11":
        return f"{q.kode} sudah kelebihan pegawai ({int(t.holders[j])} > {q.kebutuhan})"
    if code == "R15":
        frozen = set(data.frozen_units)
        src = data.positions[cur].unit
        if src in frozen:
            return f"unit asal {src} dibekukan"
        if q.unit in frozen:
            return f"unit tujuan {q.unit} dibekukan"
        if j in forbid_post.get(i, ()) or t.post_unit[j] in forbid_unit.get(i, ()):
            return "dilarang oleh [[larang]]"
    rule = RULES.get(code)
    return rule.cited if rule else code
