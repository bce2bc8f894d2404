"""Tiny hand-built employees and posts for rule tests (fictional), shared by the solver and checker tests."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import numpy as np

from penempatan.model import Employee, Position
from penempatan.reference import JabatanFungsional, Reference, load_reference
from penempatan.scoring import Candidates


def emp(n: int, kode_jabatan: str, bidang: str = "ti", **changes: Any) -> Employee:
    """Employee n (NIP ends in n): Aktif, S-1 in field `bidang`, III/b, 42 months in post at 2026-12-01,
    kotak 8, willing, no sanction."""
    fields: dict[str, object] = dict(
        nip=f"198001012005011{n:03d}", nama=f"Pegawai {n}", golongan="III/b", pendidikan="S-1",
        bidang=bidang, kode_jabatan=kode_jabatan, tmt_jabatan=date(2023, 6, 1),
        tanggal_lahir=date(1980, 1, 1), kinerja="Baik", potensi="Tinggi", kotak=8)
    fields.update(changes)
    return Employee.model_validate(fields)


def post(kode: str, unit: str = "Unit A", jenis: str = "Pelaksana", **changes: Any) -> Position:
    """A post with one seat, minimum education SLTA, kelas 6 (9 Pengawas, 11 Administrator, 14 JPT, 8 JF)."""
    kelas = {"Pengawas": 9, "Administrator": 11, "JPT Pratama": 14, "Fungsional": 8}.get(jenis, 6)
    fields: dict[str, object] = dict(kode=kode, nama=kode, unit=unit, jenis=jenis, kelas=kelas, kebutuhan=1,
                                     pendidikan_min="SLTA")
    if jenis == "Fungsional":
        fields["jenjang"] = "Ahli Pertama"
    fields.update(changes)
    return Position.model_validate(fields)


def family(nama: str, bidang: tuple[str, ...] = (), lisensi: str | None = None, keahlian: str | None = None,
           keterampilan: str | None = None) -> JabatanFungsional:
    """A JF family for a stub reference table."""
    return JabatanFungsional(nama=nama, kata_kunci=(tuple(nama.lower().split()),), bidang=frozenset(bidang),
                             lisensi=lisensi, pendidikan_keahlian=keahlian, pendidikan_keterampilan=keterampilan,
                             pelatihan_fungsional=f"Pelatihan Fungsional {nama}", pembina="Kementerian")


def with_families(*families: JabatanFungsional) -> Reference:
    """The shipped reference tables with jabatan_fungsional replaced by `families`."""
    return dataclasses.replace(load_reference(), jabatan_fungsional={f.nama: f for f in families})


def pair_index(cand: Candidates, i: int, j: int) -> int | None:
    """The index of candidate pair (employee i, post j), or None when it is not a candidate."""
    hit = np.nonzero((cand.emp == i) & (cand.post == j))[0]
    return int(hit[0]) if len(hit) else None
