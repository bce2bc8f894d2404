"""Why each employee moves (`Usulan Mutasi`): the kind of move, its purposes (`Tujuan`) with the rules behind
them, the committee's flags (`Perhatian`), the fit components that change, and the chain it serves (SPEC 4–5)."""

from __future__ import annotations

from penempatan.explain.chains import in_chain_order, staffing_gain
from penempatan.explain.penjelasan import penjelasan
from penempatan.explain.rows import MoveRow, Reason
from penempatan.explain.view import PlanView
from penempatan.explain.words import field_text, rule_text, setting_text, signed
from penempatan.rules import FLAG_LABELS, PURPOSE_LABELS
from penempatan.scoring import COMPONENT_LABELS, COMPONENTS
from penempatan.text import months_text

PROMOSI, ROTASI, MUTASI, PERPINDAHAN_JF = "Promosi", "Rotasi", "Mutasi antar unit", "Perpindahan JF"
MOVE_KINDS = (PROMOSI, ROTASI, MUTASI, PERPINDAHAN_JF)


def move_kind(view: PlanView, i: int) -> str:
    """Perpindahan JF (into a JF family from another family or jabatan, R22), Promosi (higher kelas or
    tingkat), Rotasi (same unit) or Mutasi antar unit, of employee i's move."""
    t = view.t
    cur, j = view.cur[i], view.target[i]
    if t.post_family[j] is not None and t.post_family[j] != t.post_family[cur]:
        return PERPINDAHAN_JF
    if t.post_kelas[j] > t.post_kelas[cur] or t.post_tingkat[j] > t.post_tingkat[cur]:
        return PROMOSI
    return ROTASI if t.post_unit[j] == t.post_unit[cur] else MUTASI


CHAIN_ONLY = "melanjutkan rantai"
"""`Tujuan` of a move into a vacancy whose chain does not raise the staffing value (SPEC 4 v3): it only passes a
vacancy on, so it is not called *mengisi kebutuhan*."""


def tujuan(view: PlanView, i: int) -> str:
    """`Tujuan`: the move's purposes in plain words ('rotasi jatuh tempo; mengisi kebutuhan'); *mengisi
    kebutuhan* only when the move's chain raises the staffing value (SPEC 4 v3), else *melanjutkan rantai*."""
    raises = staffing_gain(view, view.chain_of[i][0]) > 0
    words = [PURPOSE_LABELS[name] if name != "kebutuhan" or raises else CHAIN_ONLY for name in view.purposes(i)]
    if view.t.granted.get(i) == view.target[i]:  # a granted wish (SPEC 9) first: it is why they move
        words = [PURPOSE_LABELS["permintaan"], *(w for w in words if w != PURPOSE_LABELS["permintaan"])]
    if not words and view.pinned.get(i) == view.target[i]:
        words = ["ditetapkan skenario (kunci)"]
    return "; ".join(words)


def perhatian(view: PlanView, i: int) -> str:
    """`Perhatian`: the move's flags in words ('tidak bersedia; dekat BUP'); '' when none."""
    return "; ".join(FLAG_LABELS[name] for name in view.flags(i))


def move_rows(view: PlanView) -> list[MoveRow]:
    """`Usulan Mutasi`: one row per move, in chain order."""
    d = view.data
    out = []
    for i in in_chain_order(view):
        e = d.employees[i]
        a, b = d.positions[view.cur[i]], d.positions[view.target[i]]
        chain, step = view.chain_of[i]
        out.append(MoveRow(
            nip=e.nip, nama=e.nama, golongan=e.golongan, from_kode=a.kode, from_nama=a.nama, from_unit=a.unit,
            to_kode=b.kode, to_nama=b.nama, to_unit=b.unit, kind=move_kind(view, i),
            score_before=int(view.stay_scores[i]), score_after=int(view.assigned_scores[i]), chain=chain.id,
            step=step, purposes=tujuan(view, i), reason=move_reason(view, i).text, penjelasan=penjelasan(view, i),
            flags=perhatian(view, i)))
    return out


def move_reason(view: PlanView, i: int) -> Reason:
    """`Alasan` of a move, for the committee: the purposes with their rules, the flags, the fit
    components that change, fit and nilai, and the chain when the move serves another."""
    t, d = view.t, view.data
    src, dst = view.cur[i], view.target[i]
    if src == dst:
        raise ValueError(f"pegawai {d.employees[i].nip} tidak pindah")
    codes: list[str] = []
    bits: list[str] = []
    if view.pinned.get(i) == dst:
        codes.append("R15")
        bits.append(rule_text("R15", "dikunci ke jabatan ini"))
    wish = view.wish_pins.get(i)
    if wish is not None and wish[0] == dst:
        bits.append(f"permintaan pegawai dipenuhi: permintaan urutan {wish[1]}, dilayani menurut prioritas yang "
                    "diumumkan")
    purposes = view.purposes(i)
    bits += [_purpose_text(view, i, name, codes) for name in purposes]
    if t.post_wajib[dst] and "kebutuhan" not in purposes:
        codes.append("R12")
        bits.append(rule_text("R12", "jabatan tujuan; kursinya tetap terisi"))
    flags = [_flag_text(view, i, name, codes) for name in view.flags(i)]
    if flags:
        bits.append("Perhatian: " + "; ".join(flags))
    diff = (view.move_parts(i, dst) - view.stay_parts(i)).tolist()
    gains = sorted(((v, k) for k, v in enumerate(diff) if v > 0), key=lambda x: (-x[0], x[1]))
    losses = sorted(((v, k) for k, v in enumerate(diff) if v < 0), key=lambda x: (x[0], x[1]))
    if gains:
        bits.append(", ".join(_component_text(view, i, dst, k, v, codes) for v, k in gains))
    if losses:
        bits.append("meski " + ", ".join(_component_text(view, i, dst, k, v, codes) for v, k in losses))
    s_before, s_after = int(view.stay_scores[i]), int(view.assigned_scores[i])
    stay_value = int(view.stay_values[i])
    bits.append(f"skor {s_before} → {s_after}, nilai {view.nilai(i)} (tetap: {stay_value})")
    chain, k = view.chain_of[i]
    if view.nilai(i) <= stay_value and not ({"R11", "R12", "R15"} & set(codes)):
        nxt = chain.members[k] if k < len(chain.members) else (chain.members[0] if chain.cycle else None)
        if nxt is not None:
            e = d.employees[nxt]
            bits.append(f"membuka kursi {d.positions[src].kode} untuk {e.nama} ({e.nip}) dalam "
                        f"{'siklus' if chain.cycle else 'rantai'} {chain.id}")
    if chain.cycle:
        bits.append(f"siklus {chain.id}: {len(chain.members)} pegawai saling bertukar kursi")
    return Reason(tuple(dict.fromkeys(codes)), "; ".join(bits))


def _purpose_text(view: PlanView, i: int, name: str, codes: list[str]) -> str:
    """One purpose of employee i's move, with the rule behind it and the numbers (SPEC 4 a–f)."""
    t, d, p = view.t, view.data, view.params
    src, dst = view.cur[i], view.target[i]
    label = PURPOSE_LABELS[name]
    if name == "kebutuhan":
        detail = f"jabatan tujuan terisi {t.holders[dst]} dari {t.post_keb[dst]} kursi"
        if t.post_wajib[dst]:
            codes.append("R12")
            return f"{label}: {rule_text('R12', detail)}"
        return f"{label}: {detail}"
    if name == "rotasi":
        risk = bool(t.post_risk[src])
        code = "R3" if risk else "R2"
        codes.append(code)
        due = p.masa_risiko_tinggi_bulan if risk else p.masa_jabatan_maksimal_bulan
        return f"{label}: {rule_text(code, f'{months_text(int(t.emp_tenure[i]))} ≥ {months_text(due)}')}"
    if name == "promosi":
        codes.append("R9")
        a, b = d.positions[src], d.positions[dst]
        step = [f"kotak talenta {t.emp_kotak[i]}", f"kelas {t.post_kelas[src]} → {t.post_kelas[dst]}"]
        if t.post_tingkat[dst] > t.post_tingkat[src] or (a.jenjang and a.jenjang != b.jenjang):
            step.append(f"{a.jenjang or a.jenis} → {b.jenjang or b.jenis}")
        return f"{label}: {rule_text('R9', ', '.join(step))}"
    if name == "kesesuaian":
        return f"{label}: skor {view.stay_scores[i]} → {view.assigned_scores[i]} (ambang {p.ambang_kesesuaian})"
    if name == "kelebihan":
        codes.append("R11")
        detail = ("jabatan asal dihapus (Kebutuhan 0)" if t.post_keb[src] == 0 else
                  f"jabatan asal {t.holders[src]} orang untuk {t.post_keb[src]} kursi")
        return f"{label}: {rule_text('R11', detail)}"
    return f"{label}: unit {d.positions[dst].unit} diminati"


def _flag_text(view: PlanView, i: int, name: str, codes: list[str]) -> str:
    """One flag of employee i's move for the committee, with its rule."""
    t, p = view.t, view.params
    src, dst = view.cur[i], view.target[i]
    label = FLAG_LABELS[name]
    forced = bool(t.forced_out[i])
    if name == "tidak_bersedia":
        codes.append("R16")
        why = "jabatan asal kelebihan pegawai" if forced else "kursi kosong jabatan wajib diisi"
        return rule_text("R16", f"dipindah karena {why}")
    if name == "dekat_bup":
        return f"{label}: pensiun dalam {t.retirement_months[i]} bulan"
    if name == "turun_kelas":
        codes.append("R19")
        step = f"kelas {t.post_kelas[src]} → {t.post_kelas[dst]}"
        why = (setting_text("boleh_turun_kelas", True) if p.boleh_turun_kelas else
               "pengecualian: jabatan asal kelebihan pegawai atau dihapus dan tidak ada jabatan setara terbuka")
        return f"{label}: {rule_text('R19', f'{step}; {why}')}"
    if name == "kesesuaian_turun":
        why = "kelebihan pegawai" if forced else "mengisi jabatan wajib diisi yang kosong"
        return f"{label}: skor {view.stay_scores[i]} → {view.assigned_scores[i]}, diizinkan karena {why}"
    codes.append("R20")
    return f"{label}: {rule_text('R20', setting_text('isi_jpt', True) + ', kursi JPT diisi dalam rencana')}"


_COMPONENT_WORDS = {
    "pendidikan": ("jenjang pendidikan lebih sesuai", "jenjang pendidikan kurang sesuai"),
    "kompetensi": ("kompetensi lebih memenuhi standar jabatan", "kompetensi di bawah standar jabatan tujuan"),
    "golongan": ("golongan sesuai rentang jabatan", "golongan kurang sesuai rentang jabatan tujuan"),
}


def _component_text(view: PlanView, i: int, j: int, k: int, v: int, codes: list[str]) -> str:
    """Words for fit component k changing by v when employee i moves to post j."""
    name = COMPONENTS[k]
    post = view.data.positions[j]
    if name == "bidang":
        codes.append("R8")
        fields = view.t.post_score_fields[j]
        if v < 0:
            if not fields:
                return f"jabatan tujuan tanpa bidang khusus, dinilai netral (R8, {signed(v)})"
            return f"bidang tidak sesuai jabatan tujuan ({field_text(fields)}, R8, {signed(v)})"
        if not fields:
            return f"jabatan terbuka untuk semua bidang (R8, {signed(v)})"
        source = "pendidikan" if view.t.emp_bidang[i] in fields else "pelatihan"
        return f"bidang {source} sesuai ({field_text(fields)}, R8, {signed(v)})"
    if name == "kinerja":
        up, down = (f"kinerja dan talenta lebih berdaya guna di kelas jabatan {post.kelas}",
                    f"kinerja dan talenta kurang berdaya guna di kelas jabatan {post.kelas}")
    else:
        up, down = _COMPONENT_WORDS.get(name, (COMPONENT_LABELS[name], COMPONENT_LABELS[name]))
    return f"{up if v > 0 else down} ({signed(v)})"
