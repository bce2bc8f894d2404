"""Small generated placement instances for solver, checker and property tests (fictional data)."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

from penempatan.model import Employee, Params, Position, ProblemData

TODAY = date(2026, 12, 1)
_GOL = ["II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"]
_PEND = ["SLTA", "D-III", "S-1", "S-2"]
_BIDANG = [None, "keperawatan", "ti", "hukum", "ekonomi_akuntansi", "administrasi_sosial"]
_KINERJA = ["Sangat Baik", "Baik", "Baik", "Butuh Perbaikan"]


def make_instance(seed: int, n_emp: int = 30, n_units: int = 3, **params: object) -> ProblemData:
    """A random but valid instance: pelaksana pools, pengawas and fungsional posts in a few units."""
    rng = random.Random(seed)
    positions: list[Position] = []
    units = [f"Unit {chr(65 + u)}" for u in range(n_units)]
    for u, unit in enumerate(units):
        positions.append(Position(kode=f"U{u}-PLK", nama="Pelaksana Umum", unit=unit, jenis="Pelaksana",
                                  kelas=6, kebutuhan=rng.randint(2, max(3, n_emp // n_units)),
                                  pendidikan_min="SLTA"))
        positions.append(Position(kode=f"U{u}-PLK2", nama="Pengelola Keuangan", unit=unit, jenis="Pelaksana",
                                  kelas=7, kebutuhan=rng.randint(0, 3), pendidikan_min="D-III",
                                  bidang="ekonomi_akuntansi", risiko_tinggi=rng.random() < 0.5))
        positions.append(Position(kode=f"U{u}-KASI", nama="Kepala Seksi", unit=unit, jenis="Pengawas",
                                  kelas=9, kebutuhan=1, pendidikan_min="S-1", standar_manajerial=3,
                                  wajib_diisi=rng.random() < 0.5))
        positions.append(Position(kode=f"U{u}-AP", nama="Analis Kebijakan Ahli Pertama", unit=unit,
                                  jenis="Fungsional", jenjang="Ahli Pertama", kelas=8,
                                  kebutuhan=rng.randint(1, 3), pendidikan_min="S-1", bidang=rng.choice(_BIDANG),
                                  rumpun_jf="Analis Kebijakan"))
        positions.append(Position(kode=f"U{u}-AM", nama="Analis Kebijakan Ahli Muda", unit=unit,
                                  jenis="Fungsional", jenjang="Ahli Muda", kelas=9, kebutuhan=rng.randint(0, 2),
                                  pendidikan_min="S-1", bidang=rng.choice(_BIDANG), rumpun_jf="Analis Kebijakan"))
        positions.append(Position(kode=f"U{u}-PRW", nama="Perawat Ahli Pertama", unit=unit, jenis="Fungsional",
                                  jenjang="Ahli Pertama", kelas=8, kebutuhan=rng.randint(0, 2),
                                  pendidikan_min="S-1", rumpun_jf="Perawat"))
        positions.append(Position(kode=f"U{u}-PK", nama="Pranata Komputer Ahli Pertama", unit=unit,
                                  jenis="Fungsional", jenjang="Ahli Pertama", kelas=8, kebutuhan=rng.randint(0, 2),
                                  pendidikan_min="S-1", rumpun_jf="Pranata Komputer"))
        if u == 0:
            positions.append(Position(kode="U0-KADIS", nama="Kepala Dinas", unit=unit, jenis="JPT Pratama",
                                      kelas=14, kebutuhan=1, pendidikan_min="S-2"))
            positions.append(Position(kode="U0-KABID", nama="Kepala Bidang", unit=unit, jenis="Administrator",
                                      kelas=11, kebutuhan=rng.randint(1, 2), pendidikan_min="S-1"))
    employees: list[Employee] = []
    for i in range(n_emp):
        post = rng.choice(positions)
        born = date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
        tmt = date(rng.randint(2016, 2026), rng.randint(1, 11), rng.randint(1, 28))
        sex = rng.choice("LP")
        nip = f"{born:%Y%m%d}{rng.randint(2005, 2024)}{rng.randint(1, 12):02d}{1 if sex == 'L' else 2}{i % 1000:03d}"
        employees.append(Employee(
            nip=nip, nama=f"Pegawai {i}", golongan=rng.choice(_GOL), pendidikan=rng.choice(_PEND),
            bidang=rng.choice(_BIDANG), pelatihan=tuple(rng.sample(["ti", "hukum"], rng.randint(0, 1))),
            kode_jabatan=post.kode, tmt_jabatan=tmt, tanggal_lahir=born, jenis_kelamin=sex,
            status=rng.choice(["Aktif"] * 8 + ["CPNS", "Tugas Belajar"]), kinerja=rng.choice(_KINERJA),
            potensi=rng.choice(["Tinggi", "Menengah", "Rendah"]), kotak=rng.randint(1, 9),
            komp_manajerial=rng.randint(1, 5), komp_sosial_kultural=rng.randint(1, 5),
            komp_teknis=rng.randint(1, 5),
            hukuman=rng.choice(["Tidak Ada"] * 12 + ["Sedang", "Berat"]), akhir_hukuman=date(2027, 6, 1),
            bersedia_mutasi=rng.random() > 0.1,
            unit_diminati=tuple(rng.sample(units, 1)) if rng.random() < 0.2 else (),
            siap_naik_jenjang=rng.random() < 0.3,
        ))
    return ProblemData(employees=tuple(employees), positions=tuple(positions),
                       params=Params(tanggal_acuan=TODAY, **params))


def exact_case(seed: int) -> ProblemData:
    """A generated instance whose parameters follow from the seed (tight R13/R14, R21 on or off, …)."""
    return make_instance(seed, 20 + seed % 61, 1 + seed % 5, maks_mutasi=[None, 2, 4, 7, 12, None][seed % 6],
                         maks_keluar_unit_persen=[10, 20, 35, 100][seed // 6 % 4],
                         biaya_mutasi=[0, 2, 6, 12][seed // 3 % 4], kekurangan_unit_boleh_naik=seed % 4 == 1,
                         isi_jpt=seed % 7 == 0, boleh_turun_kelas=seed % 11 == 0, bidang_wajib=seed % 5 != 2)


def full_units(data: ProblemData) -> ProblemData:
    """`data` with every post outside the first unit holding exactly its Kebutuhan (no vacancy, no surplus):
    a move out of such a unit needs a replacement, so R21 binds where the first unit's vacancies attract."""
    held = np.bincount(data.current_post, minlength=len(data.positions))
    positions = tuple(q if q.unit == data.units[0] else q.model_copy(update={"kebutuhan": int(held[j])})
                      for j, q in enumerate(data.positions))
    return data.replace(positions=positions)
