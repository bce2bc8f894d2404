"""The rows of the job-history submission (SIASN riwayat jabatan; BKN's I-MUT for a mutasi), one per approved
move (SPEC 10), with the IDs from the input's SIASN columns (`Pegawai` PNS ID, `Jabatan` Unor ID …, `Pengaturan`
instansi_id). An ID the input leaves blank stays empty (null in JSON) and is listed to fill (`missing_ids`).

Dates are written dd-mm-yyyy, as SIASN's forms and web service take them. `jenisJabatan` is SIASN's code of the
kind of post: 1 struktural (JPT, Administrator, Pengawas), 2 fungsional tertentu, 4 fungsional umum (pelaksana).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from penempatan.excel.columns import SIASN_POST_IDS
from penempatan.model import Position, ProblemData

if TYPE_CHECKING:
    from penempatan.decree.entries import Entry

FIELDS = ("nipBaru", "nama", "pnsId", "instansiId", "satuanKerjaId", "unorId", "jenisJabatan", "eselonId",
          "jabatanFungsionalId", "jabatanFungsionalUmumId", "jenisMutasiId", "nomorSk", "tanggalSk", "tmtJabatan",
          "tmtMutasi", "tmtPelantikan")
"""The fields of one row, in the order of the CSV's columns."""
CSV_EXTRA = ("jenis", "alasan", "dasarHukum", "jabatanAsal", "jabatanTujuan")
"""Columns only the CSV has: what I-MUT asks the officer to type beside the IDs (each move with its reason)."""
JENIS_JABATAN = {"JPT Pratama": "1", "Administrator": "1", "Pengawas": "1", "Fungsional": "2", "Pelaksana": "4"}
STRUCTURAL = frozenset({"JPT Pratama", "Administrator", "Pengawas"})
_POST_COLUMNS = {field: column for field, (column, *_) in zip(
    ("unorId", "jabatanFungsionalId", "jabatanFungsionalUmumId", "eselonId", "satuanKerjaId"), SIASN_POST_IDS,
    strict=True)}


def post_ids(post: Position) -> dict[str, str | None]:
    """The SIASN IDs a row names for `post`: unor and satuan kerja always, then the one its jenis needs (the
    JF's for a Fungsional post, the JFU's for a Pelaksana, the eselon's for a structural one; None the others)."""
    ids = post.siasn
    return {
        "satuanKerjaId": ids.satuan_kerja_id,
        "unorId": ids.unor_id,
        "eselonId": ids.eselon_id if post.jenis in STRUCTURAL else None,
        "jabatanFungsionalId": ids.jabatan_fungsional_id if post.jenis == "Fungsional" else None,
        "jabatanFungsionalUmumId": ids.jabatan_fungsional_umum_id if post.jenis == "Pelaksana" else None,
    }


def needed(post: Position) -> tuple[str, ...]:
    """The ID fields a row for a move into `post` cannot do without."""
    kind = ("eselonId" if post.jenis in STRUCTURAL else "jabatanFungsionalId" if post.jenis == "Fungsional"
            else "jabatanFungsionalUmumId")
    return "satuanKerjaId", "unorId", kind


def sk_numbers(pattern: str, kinds: Sequence[str]) -> dict[str, str]:
    """The SK number of each kind's decree: `pattern` with '{n}' replaced by 1, 2 … in the order of `kinds`
    (the same number for every kind when the pattern has no '{n}'); '' when the pattern is blank."""
    return {kind: pattern.replace("{n}", str(k)) if pattern.strip() else "" for k, kind in enumerate(kinds, 1)}


def siasn_rows(data: ProblemData, moves: Sequence[Entry], numbers: dict[str, str],
               tmt: date) -> list[dict[str, str | None]]:
    """One row per move: the employee's pnsId, the target post's IDs, the SK's number (`numbers` by kind) and
    date, TMT jabatan = TMT mutasi = TMT pelantikan = `tmt`; None for what the input does not have."""
    p = data.params
    tanggal_sk = _day(p.tanggal_sk)
    out = []
    for m in moves:
        e, post = data.employees[m.i], data.positions[m.j]
        row: dict[str, str | None] = {
            "nipBaru": e.nip, "nama": e.nama, "pnsId": e.pns_id, "instansiId": p.instansi_id.strip() or None,
            **post_ids(post), "jenisJabatan": JENIS_JABATAN.get(post.jenis),
            "jenisMutasiId": p.jenis_mutasi_id.strip() or None, "nomorSk": numbers.get(m.kind) or None,
            "tanggalSk": tanggal_sk, "tmtJabatan": _day(tmt), "tmtMutasi": _day(tmt), "tmtPelantikan": _day(tmt)}
        out.append({field: row[field] for field in FIELDS})
    return out


def csv_row(row: dict[str, str | None], m: Entry) -> list[str]:
    """A JSON row with the CSV's extra columns, as text ('' for None)."""
    extra = (m.kind, m.alasan, m.dasar_hukum, f"{m.from_nama} ({m.from_unit})", f"{m.to_nama} ({m.to_unit})")
    return [row[f] or "" for f in FIELDS] + list(extra)


def missing_ids(data: ProblemData, moves: Sequence[Entry]) -> list[tuple[str, int | None, str, str, str, str]]:
    """(sheet, row, nip, nama, message, hint) for every ID the rows need and the input leaves blank: the mover's
    PNS ID, once per target post each of its IDs, once the instansi's and the jenis mutasi's."""
    out: list[tuple[str, int | None, str, str, str, str]] = []
    seen_posts: set[int] = set()
    for m in moves:
        e, post = data.employees[m.i], data.positions[m.j]
        if not e.pns_id:
            out.append(("Pegawai", e.row, e.nip, e.nama, "PNS ID (pnsId SIASN) kosong",
                        "Isi kolom PNS ID di sheet Pegawai dari SIASN."))
        if m.j in seen_posts:
            continue
        seen_posts.add(m.j)
        ids = post_ids(post)
        for field in needed(post):
            if not ids[field]:
                out.append(("Jabatan", post.row, "", "", f"{_POST_COLUMNS[field]} ({field}) jabatan tujuan "
                            f"{post.kode} kosong", f"Isi kolom {_POST_COLUMNS[field]} di sheet Jabatan dari SIASN."))
    p = data.params
    if moves and not p.instansi_id.strip():
        out.append(("Pengaturan", None, "", "", "instansi_id (instansiId SIASN) kosong",
                    "Isi Pengaturan instansi_id dengan ID instansi pemerintah daerah di SIASN."))
    if moves and not p.jenis_mutasi_id.strip():
        out.append(("Pengaturan", None, "", "", "jenis_mutasi_id (jenisMutasiId SIASN) kosong",
                    "Isi Pengaturan jenis_mutasi_id dengan kode jenis mutasi dari referensi SIASN."))
    return out


def _day(value: date | None) -> str | None:
    return None if value is None else f"{value:%d-%m-%Y}"
