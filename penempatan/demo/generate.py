"""generate_demo: the organisation, then its staff, as one validated ProblemData."""

from __future__ import annotations

import gc
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np

from penempatan.demo.organisation import organisation
from penempatan.demo.people import employees
from penempatan.demo.units import PLACES
from penempatan.demo.wishes import demo_wishes
from penempatan.model import Employee, Params, Position, ProblemData, SiasnIds
from penempatan.reference import Reference, load_reference

PEMDA = "Pemerintah Daerah Alak"
LABEL = f"{PEMDA} (DATA FIKTIF: nama, NIP dan jabatan rekaan untuk contoh)"
MIN_PEGAWAI = 50
# The letters' sender (SPEC 7 v3), fictional like everything else here.
SENDER = {"nama_instansi": "PEMERINTAH DAERAH ALAK (FIKTIF); BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
          "alamat_instansi": "Jl. Merdeka No. 1, Alak Kota (alamat fiktif); Telepon (0000) 000000 (fiktif)",
          "penanda_tangan": "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia; Nama Pejabat (FIKTIF); "
                            "NIP 000000000000000000 (fiktif)",
          "kontak": "Bidang Mutasi dan Promosi BKPSDM Alak, telepon (0000) 000000 (fiktif)",
          "tempat_surat": "Alak"}
# The decree package's settings (SPEC 10), fictional too; tanggal_sk is the demo's tanggal_acuan.
DECREE = {"nomor_sk": "800.1.3.3/{n}/BKPSDM/2026 (FIKTIF)",
          "anggota_baperjakat": "Ketua: Sekretaris Daerah (fiktif); Anggota: Asisten Administrasi Umum (fiktif); "
                                "Anggota: Inspektur Daerah (fiktif); Sekretaris: Kepala BKPSDM (fiktif)"}
_ESELON = {"JPT Pratama": "22", "Administrator": "31", "Pengawas": "41"}
"""SIASN's eselon IDs (II.b, III.a, IV.a) for the demo's structural posts."""
_STREETS = ("Merdeka", "Pahlawan", "Cempaka", "Melati", "Kenanga", "Flamboyan", "Sudirman", "Diponegoro")


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
            risiko_tinggi=p.risiko, wajib_diisi=p.wajib, alamat=_address(ref, p.nama, p.unit.nama),
            siasn=_post_ids(p.kode, p.nama, p.unit.nama, p.jenis, p.jenjang),
        )
        for p in posts
    )
    staff = tuple(_with_pns_id(e) for e in employees(posts, units, ref, tanggal_acuan, rng))
    params = Params(tanggal_acuan=tanggal_acuan, tanggal_sk=tanggal_acuan, instansi_id=_siasn_id("instansi", PEMDA),
                    **SENDER, **DECREE)
    return ProblemData(employees=staff, positions=positions, params=params,
                       wishes=demo_wishes(staff, positions, seed), scenario_name=LABEL)


def _siasn_id(kind: str, key: str) -> str:
    """A fictional SIASN ID (32 hexadecimal digits, like SIASN's): a hash of what it identifies, not a draw from
    the random stream, so adding IDs changed nothing else the demo makes for a seed."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"penempatan-demo:{kind}:{key}").hex.upper()


def _post_ids(kode: str, nama: str, unit: str, jenis: str, jenjang: str | None) -> SiasnIds:
    """A demo post's SIASN IDs: unor and satuan kerja from its unit, the JF, JFU or eselon ID by its jenis."""
    return SiasnIds(unor_id=_siasn_id("unor", unit), satuan_kerja_id=_siasn_id("satker", unit),
                    jabatan_fungsional_id=_siasn_id("jf", f"{nama}|{jenjang}") if jenis == "Fungsional" else None,
                    jabatan_fungsional_umum_id=_siasn_id("jfu", nama) if jenis == "Pelaksana" else None,
                    eselon_id=_ESELON.get(jenis))


def _with_pns_id(e: Employee) -> Employee:
    return e.model_copy(update={"pns_id": _siasn_id("pns", e.nip)})


def _address(ref: Reference, nama: str, unit: str) -> str:
    """A fictional address of a post's workplace (its school, puskesmas or office), the same for every post
    there and drawn from its name, not from the random stream (the rest of the demo does not change)."""
    place = ref.place_of(nama, unit)
    code = zlib.crc32(f"{unit}|{place}".encode())
    kecamatan = next((k for k in PLACES if k in place), PLACES[code % len(PLACES)])
    return f"Jl. {_STREETS[code % len(_STREETS)]} No. {code % 97 + 1}, Kecamatan {kecamatan}, Alak (alamat fiktif)"
