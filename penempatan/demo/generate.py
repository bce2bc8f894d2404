"""generate_demo: the organisation, then its staff, as one validated ProblemData."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np

from penempatan.demo.organisation import organisation
from penempatan.demo.people import employees
from penempatan.model import Params, Position, ProblemData
from penempatan.reference import load_reference

PEMDA = "Pemerintah Daerah Alak"
LABEL = f"{PEMDA} (DATA FIKTIF: nama, NIP dan jabatan rekaan untuk contoh)"
MIN_PEGAWAI = 50


def generate_demo(n_pegawai: int = 600, seed: int = 1,
                  tanggal_acuan: date = date(2026, 12, 1)) -> ProblemData:
    """A fictional pemda ("Pemerintah Daerah Alak") with `n_pegawai` employees, deterministic per seed."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(f"jumlah pegawai demo minimal {MIN_PEGAWAI}")
    with _no_gc():
        return _generate(n_pegawai, seed, tanggal_acuan)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic collector: it would rescan the growing heap of small, acyclic objects many times."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _generate(n_pegawai: int, seed: int, tanggal_acuan: date) -> ProblemData:
    ref = load_reference()
    rng = np.random.default_rng(seed % 2**64)  # any int, negative ones too
    units, posts = organisation(n_pegawai, rng)
    # A post the demo gives no field has the fields a reader would infer (name, then unit), so the workbook
    # leaves its Bidang blank as a planner would and reads back the same.
    positions = tuple(
        Position(
            kode=p.kode, nama=p.nama, unit=p.unit.nama, jenis=p.jenis, jenjang=p.jenjang, kelas=p.kelas,
            kebutuhan=p.kebutuhan, pendidikan_min=p.pendidikan_min,
            bidang=(p.bidang,) if p.bidang else tuple(sorted(ref.inferred_bidang(
                p.jenis, p.nama, p.unit.nama, p.family.nama if p.family else None))),
            rumpun_jf=p.family.nama if p.family else None,
            standar_manajerial=p.standar[0] if p.standar else None,
            standar_sosial_kultural=p.standar[1] if p.standar else None,
            standar_teknis=p.standar[2] if p.standar else None,
            risiko_tinggi=p.risiko, wajib_diisi=p.wajib,
        )
        for p in posts
    )
    staff = tuple(employees(posts, units, ref, tanggal_acuan, rng))
    return ProblemData(employees=staff, positions=positions, params=Params(tanggal_acuan=tanggal_acuan),
                       scenario_name=LABEL)
