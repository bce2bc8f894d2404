"""`explain` for one employee or one post, as data (the page lays it out, the API returns it as JSON): the
same questions `penempatan explain` asks the explainer (cli/render_explain.py prints them), nothing computed
here but the layout."""

from __future__ import annotations

from typing import Any

from penempatan import text
from penempatan.explain import Explainer, penjelasan
from penempatan.explain.career import HEADING
from penempatan.explain.words import field_text
from penempatan.rules import RULES
from penempatan.scoring import COMPONENT_LABELS, COMPONENTS

SHOWN = 20
"""Holders and arrivals listed per post (as the terminal lists them); the rest are in the workbook."""


def _post(ex: Explainer, j: int) -> dict[str, str]:
    q = ex.data.positions[j]
    return {"kode": q.kode, "nama": q.nama, "unit": q.unit}


def _person(ex: Explainer, i: int) -> dict[str, str]:
    e = ex.data.employees[i]
    return {"nip": e.nip, "nama": e.nama}


def employee(ex: Explainer, i: int) -> dict[str, Any]:
    """Who the employee is, what the plan does with them and why, the score parts and the alternatives."""
    d = ex.data
    e = d.employees[i]
    src, dst = ex.cur[i], ex.target[i]
    out: dict[str, Any] = {
        **_person(ex, i), "golongan": e.golongan, "pendidikan": e.pendidikan, "jurusan": e.jurusan or "",
        "kinerja": e.kinerja, "kotak": e.kotak, "status": e.status, "asal": _post(ex, src),
        "masa_jabatan": text.months_text(int(ex.t.emp_tenure[i])), "skor_asal": int(ex.stay_scores[i]),
        "pindah": dst != src,
    }
    if dst != src:
        chain, step = ex.chain_of[i]
        out.update({
            "tujuan": _post(ex, dst), "jenis": ex.move_kind(i), "skor_tujuan": int(ex.assigned_scores[i]),
            "rantai": chain.id, "siklus": chain.cycle, "urutan": step, "panjang_rantai": len(chain.members),
            "tujuan_mutasi": ex.tujuan(i), "perhatian": ex.perhatian(i), "alasan": ex.move_reason(i).text,
            "pelatihan": [n.kebutuhan for n in ex.training_needs(i)], "penjelasan": penjelasan(ex, i)})
    else:
        out["alasan"] = ex.stay_reason(i).text
    alternatives = ex.alternatives(i)
    rows = [("saat ini", src, ex.stay_parts(i))]
    if dst != src:
        rows.append(("rencana", dst, ex.move_parts(i, dst)))
    rows += [(str(k), j, ex.move_parts(i, j)) for k, j in enumerate(alternatives, 1)]
    out["komponen"] = [COMPONENT_LABELS[c] for c in COMPONENTS]
    out["skor"] = [{"label": label, "jabatan": _post(ex, j),
                    "skor": int(ex.stay_scores[i]) if j == src else ex.potential_score(i, j),
                    "bagian": [int(v) for v in parts]} for label, j, parts in rows]
    out["alternatif"] = [{"jabatan": _post(ex, j), "mengapa_tidak": ex.why_not(i, j).text} for j in alternatives]
    out["tertutup"] = [{"aturan": code, "keterangan": _rule_words(code), "jabatan": n}
                       for code, n in ex.closed_better(i).items()]
    out["karier"] = _career(ex, i)
    return out


def _career(ex: Explainer, i: int) -> dict[str, Any]:
    """The next steps the employee could be considered for (explain.career), laid out as data."""
    found = ex.career(i)
    return {"judul": HEADING, "alasan": found.reason, "catatan": found.note,
            "langkah": [{"jabatan": _post(ex, s.j), "sejenis": s.alike, "jalur": s.jalur, "skor": s.fit,
                         "bulan": s.months, "tanggal": text.date_text(s.when) if s.when else "",
                         "kesiapan": s.kesiapan, "siap_sekarang": s.ready_now, "kekurangan": s.kekurangan,
                         "pelatihan": list(s.courses), "calon_pengganti": s.successor, "catatan": s.note}
                        for s in found.steps]}


def post(ex: Explainer, j: int) -> dict[str, Any]:
    """The post, its seats before and after, who stays, arrives and leaves, empty seats and the runners-up."""
    d, t = ex.data, ex.t
    q = d.positions[j]
    holders = d.holders[j]
    staying = [i for i in holders if ex.target[i] == j]
    leaving = [i for i in holders if ex.target[i] != j]
    arriving = ex.arrivals.get(j, [])
    empty = int(t.post_keb[j] - ex.after[j])
    out: dict[str, Any] = {
        **_post(ex, j), "jenis": q.jenis, "jenjang": q.jenjang or "", "kelas": q.kelas,
        "pendidikan_minimal": q.pendidikan_min, "bidang": field_text(q.bidang) or "semua",
        "wajib_diisi": q.wajib_diisi, "risiko_tinggi": q.risiko_tinggi, "kebutuhan": q.kebutuhan,
        "terisi_sebelum": int(t.holders[j]), "terisi_sesudah": int(ex.after[j]),
        "tetap": [{**_person(ex, i), "skor": int(ex.stay_scores[i]), "alasan": ex.stay_reason(i).text}
                  for i in staying[:SHOWN]],
        "masuk": [{**_person(ex, i), "dari": _post(ex, ex.cur[i]), "skor_asal": int(ex.stay_scores[i]),
                   "skor": int(ex.assigned_scores[i]), "alasan": ex.move_reason(i).text} for i in arriving[:SHOWN]],
        "keluar": [{**_person(ex, i), "ke": _post(ex, ex.target[i]), "alasan": ex.move_reason(i).text}
                   for i in leaving[:SHOWN]],
        "tidak_ditampilkan": max(0, len(staying) - SHOWN) + max(0, len(arriving) - SHOWN)
                             + max(0, len(leaving) - SHOWN),
        "kursi_kosong": max(0, empty),
    }
    if empty > 0:
        out["alasan_kosong"] = ex.empty_seat_reason(j).text
        out["tersaring"] = [{"aturan": code, "keterangan": _rule_words(code), "pegawai": n}
                            for code, n in sorted(ex.exclusion_counts(j).items(), key=lambda kv: int(kv[0][1:]))]
    out["calon_lain"] = [{**_person(ex, i), "skor_di_sini": score, "tetap": ex.target[i] == ex.cur[i],
                          "ditempatkan": _post(ex, ex.target[i]), "skor": int(ex.assigned_scores[i]),
                          "mengapa_tidak": ex.why_not(i, j).text} for i, score in ex.runners_up(j)]
    return out


def _rule_words(code: str) -> str:
    """A rule's wording with its legal source, from the registry."""
    rule = RULES.get(code)
    return rule.cited if rule is not None else code
