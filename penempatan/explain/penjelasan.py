"""What a mover is told (`Penjelasan`, SPEC 5 and 7): plain Bahasa Indonesia, no rule codes, no scores.

One function, `penjelasan(view, i)`, a pure function of the plan view (`PlanView`) returning text: the
`Usulan Mutasi` sheet and the letters (`penempatan surat`) both use it, so an employee reads the same words
in both. It says what changes (from which post and unit to which), why (the move's purposes as facts about
this person and the post), what training comes before and after the pelantikan, and, when the person said
they are unwilling or the new post is lower, that this will be discussed before any decision.
"""

from __future__ import annotations

from penempatan.explain.training import training_needs
from penempatan.explain.view import PlanView
from penempatan.explain.words import education_text, field_text
from penempatan.scoring import COMPONENTS
from penempatan.text import months_long
from penempatan.wishes.serve import TRUTHFUL

_COMPONENT_WORDS = {
    "pendidikan": "jenjang pendidikan Anda",
    "bidang": "bidang pendidikan atau pelatihan Anda",
    "kompetensi": "kompetensi Anda",
    "kinerja": "kinerja dan potensi Anda",
    "golongan": "golongan Anda",
}


_ORDER = ("kelebihan", "kebutuhan", "rotasi", "promosi", "kesesuaian", "permintaan")
"""The order an employee reads the purposes in: what forces the move first, what they asked for last."""


def _join(items: list[str]) -> str:
    """'a', 'a dan b', 'a, b dan c'; 'serta' instead of 'dan' when an item holds 'dan' itself."""
    if len(items) <= 1:
        return "".join(items)
    last = " serta " if any(" dan " in item for item in items) else " dan "
    return ", ".join(items[:-1]) + last + items[-1]


def _surplus(view: PlanView, i: int) -> str:
    """Why employee i's current post must lose people: abolished, or more holders than its Kebutuhan."""
    src = view.cur[i]
    return ("jabatan Anda sekarang dihapus dari peta jabatan" if view.t.post_keb[src] == 0 else
            "jumlah pegawai di jabatan Anda sekarang melebihi kebutuhannya")


def _education(view: PlanView, i: int) -> str:
    e = view.data.employees[i]
    if e.jurusan:
        return education_text(e.pendidikan, e.jurusan)
    return f"{e.pendidikan} bidang {field_text(e.bidang)}" if e.bidang else e.pendidikan


def _why(view: PlanView, i: int) -> list[str]:
    """The move's purposes as sentences about this person and the two posts."""
    t, d = view.t, view.data
    e = d.employees[i]
    src, dst = view.cur[i], view.target[i]
    b = d.positions[dst]
    out: list[str] = []
    purposes = view.purposes(i)
    for name in sorted(purposes, key=_ORDER.index):
        if name == "kelebihan":
            out.append(_surplus(view, i))
        elif name == "kebutuhan":
            parts = ["masih kosong"] + (["wajib diisi"] if t.post_wajib[dst] else [])
            family = view.family(dst)
            fields = t.post_score_fields[dst]
            if fields and e.bidang in fields:
                parts.append(f"membutuhkan pegawai dengan pendidikan Anda ({_education(view, i)})")
            elif fields & set(e.pelatihan):
                parts.append(f"membutuhkan pegawai dengan pelatihan Anda di bidang "
                             f"{field_text(fields & set(e.pelatihan))}")
            elif family:
                parts.append(f"membutuhkan pegawai yang memenuhi kualifikasi jabatan fungsional {family}")
            out.append("jabatan tujuan " + _join(parts))
        elif name == "rotasi":
            where = "di jabatan ini, yang termasuk jabatan berisiko tinggi," if t.post_risk[src] else "di jabatan ini"
            out.append(f"Anda telah {months_long(int(t.emp_tenure[i]))} {where} sehingga rotasi sudah jatuh tempo")
        elif name == "promosi":
            out.append("kinerja dan potensi Anda termasuk kelompok talenta terbaik sehingga Anda diusulkan naik "
                       "ke jabatan yang lebih tinggi")
        elif name == "kesesuaian":
            gains = (view.move_parts(i, dst) - view.stay_parts(i)).tolist()
            better = [_COMPONENT_WORDS[c] for c, v in zip(COMPONENTS, gains, strict=True) if v > 0]
            out.append(f"{_join(better) or 'kualifikasi Anda'} lebih sesuai dengan jabatan tujuan")
        elif name == "permintaan":
            out.append(f"permintaan Anda untuk bekerja di {b.unit} dipenuhi")
    if not out and view.t.granted.get(i) == dst:
        out.append(f"permintaan Anda untuk bekerja di {b.unit} dipenuhi menurut urutan prioritas")
    if not out:
        out.append("penempatan ini ditetapkan pimpinan dalam skenario perencanaan")
    return out


def _wish_not_granted(view: PlanView, i: int) -> str:
    """Volunteers (SPEC 4 v3): a mover who named a Unit Diminati and does not go there is told so, and, when
    they leave an over-staffed post, that their request put them first."""
    e = view.data.employees[i]
    if not e.unit_diminati or "permintaan" in view.purposes(i):
        return ""
    text = f"Permintaan Anda untuk pindah ke {_join(list(e.unit_diminati))} belum dapat dipenuhi pada putaran ini"
    if view.t.forced_out[i]:
        text += ("; karena Anda mengajukan permintaan pindah, Anda didahulukan keluar dari jabatan yang "
                 "kelebihan pegawai")
    return text + "."


def penjelasan(view: PlanView, i: int) -> str:
    """The explanation mover i receives: what changes, why, which training before and after the pelantikan,
    and what will be discussed first. No rule codes and no scores (SPEC 5)."""
    d = view.data
    src, dst = view.cur[i], view.target[i]
    if src == dst:
        raise ValueError(f"pegawai {d.employees[i].nip} tidak pindah")
    a, b = d.positions[src], d.positions[dst]
    if a.unit == b.unit:
        what = f"Anda diusulkan pindah dari jabatan {a.nama} ke jabatan {b.nama}, tetap di {a.unit}."
    else:
        what = f"Anda diusulkan pindah dari jabatan {a.nama} di {a.unit} ke jabatan {b.nama} di {b.unit}."
    sentences = [what, "Alasannya: " + "; ".join(_why(view, i)) + "."]
    if view.t.granted.get(i) == dst:  # a granted ranked wish (SPEC 9): which one, and that the order is safe
        rank = next(p.permintaan for p in d.pins if p.nip == d.employees[i].nip and p.permintaan)
        sentences.append(f"Permintaan Anda urutan {rank} dipenuhi. {TRUTHFUL}")
    wish = _wish_not_granted(view, i)
    if wish:
        sentences.append(wish)
    needs = training_needs(view, i)
    before = [n.pelatihan for n in needs if n.before_appointment]
    after = [n.pelatihan for n in needs if not n.before_appointment]
    if before:
        sentences.append(f"Sebelum pelantikan, Anda perlu mengikuti {_join(before)}.")
    if after:
        sentences.append(f"Setelah pelantikan, Anda akan mengikuti {_join(after)}.")
    flags = view.flags(i)
    if "tidak_bersedia" in flags:
        because = _surplus(view, i) if view.t.forced_out[i] else "jabatan tujuan wajib diisi dan masih kosong"
        sentences.append("Kami mencatat bahwa Anda menyatakan tidak bersedia dimutasi; usulan ini tetap diajukan "
                         f"karena {because}, dan akan dibicarakan dengan Anda sebelum keputusan diambil.")
    if "turun_kelas" in flags:
        why = "" if view.params.boleh_turun_kelas else " karena tidak tersedia jabatan setara yang terbuka"
        sentences.append(f"Kelas jabatan tujuan lebih rendah daripada jabatan Anda sekarang{why}; hal ini akan "
                         "dibicarakan dengan Anda sebelum keputusan diambil.")
    return " ".join(sentences)
