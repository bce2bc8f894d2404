"""The fictional pemda generator: deterministic, valid at every size, and shaped like a real peta jabatan."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penempatan import demo
from penempatan.demo import LABEL, generate_demo
from penempatan.model import JENIS_VALUES, ProblemData
from penempatan.reference import load_reference


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def test_same_seed_gives_identical_data() -> None:
    """The same (n, seed) gives the same ProblemData; another seed gives another one."""
    assert generate_demo(300, seed=7) == generate_demo(300, seed=7)
    assert generate_demo(300, seed=7) != generate_demo(300, seed=8)


@pytest.mark.parametrize("n", [50, 2_000])
def test_sizes_construct(n: int) -> None:
    """A tiny and a mid-size pemda both construct with exactly the employees asked for."""
    data = generate_demo(n)
    assert isinstance(data, ProblemData)
    assert len(data.employees) == n
    assert 8 <= len(data.units) <= 40


def test_too_small_is_refused() -> None:
    """Fewer employees than the smallest sensible pemda is a clear error, not a broken instance."""
    with pytest.raises(ValueError, match="minimal"):
        generate_demo(demo.MIN_PEGAWAI - 1)


def test_marked_fictional() -> None:
    """The data says it is fictional and uses tanggal_acuan for Params."""
    data = generate_demo(100, tanggal_acuan=date(2027, 3, 1))
    assert data.scenario_name == LABEL
    assert "FIKTIF" in LABEL and "Alak" in LABEL
    assert data.params.tanggal_acuan == date(2027, 3, 1)
    assert all(e.tmt_jabatan <= date(2027, 3, 1) for e in data.employees)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(50, 400))
def test_invariants(seed: int, n: int) -> None:
    """Valid NIPs and posts, every jenis jabatan, and each situation a planner must handle is present."""
    data = generate_demo(n, seed=seed)
    ref = load_reference()
    posts = {p.kode: p for p in data.positions}
    holders = Counter(e.kode_jabatan for e in data.employees)
    nips = [e.nip for e in data.employees]
    assert len(set(nips)) == n
    for e in data.employees:
        assert len(e.nip) == 18 and e.nip.isdigit()
        assert e.tanggal_lahir is not None
        assert e.nip[:8] == f"{e.tanggal_lahir:%Y%m%d}"
        assert e.nip[14] == ("1" if e.jenis_kelamin == "L" else "2")
        month = int(e.nip[12:14])
        assert (21 <= month <= 32) if e.status == "PPPK" else (1 <= month <= 12)
        assert e.kode_jabatan in posts
        post = posts[e.kode_jabatan]
        jenis = ref.jenis_of(post.jenis, post.jenjang)
        assert jenis is not None
        age = (data.params.tanggal_acuan - e.tanggal_lahir).days / 365.25
        assert 22 <= age < jenis.bup
        assert e.bidang == ref.bidang_of(e.jurusan)
        assert ref.golongan_of(e.golongan) is not None
        assert (ref.golongan[e.golongan].jenis == "PPPK") == (e.status == "PPPK")
    assert {p.jenis for p in data.positions} == set(JENIS_VALUES)
    assert all(p.jenjang for p in data.positions if p.jenis == "Fungsional")
    assert any(holders[p.kode] < p.kebutuhan for p in data.positions), "no vacancy"
    assert any(holders[p.kode] > p.kebutuhan > 0 for p in data.positions), "no over-staffed post"
    assert any(p.kebutuhan == 0 and holders[p.kode] > 0 for p in data.positions), "no abolished post"
    assert any(p.wajib_diisi for p in data.positions)
    assert any(p.risiko_tinggi for p in data.positions)
    statuses = {e.status for e in data.employees}
    assert {"CPNS", "PPPK"} <= statuses
    seats = sum(p.kebutuhan for p in data.positions)
    assert 1.0 <= seats / n <= 1.15


def test_shape_of_a_mid_size_pemda() -> None:
    """At 5,000 employees the mix of tenure, status, performance and fields looks like a real pemda."""
    data = generate_demo(5_000, seed=3)
    n = len(data.employees)
    acuan = data.params.tanggal_acuan
    tenure = [_months(e.tmt_jabatan, acuan) for e in data.employees]
    assert 0.28 <= sum(t < 24 for t in tenure) / n <= 0.42
    assert 0.2 <= sum(t > 60 for t in tenure) / n <= 0.3
    status = Counter(e.status for e in data.employees)
    assert status["Aktif"] / n > 0.75
    assert status["PPPK"] > 0 and status["CPNS"] > 0
    assert status["Tugas Belajar"] + status["CLTN"] + status["MPP"] > 0
    kinerja = Counter(e.kinerja for e in data.employees)
    assert 0.1 <= kinerja["Sangat Baik"] / n <= 0.2
    assert 0.62 <= kinerja["Baik"] / n <= 0.78
    assert kinerja["Kurang"] + kinerja["Sangat Kurang"] > 0
    assert 0.03 <= sum(not e.bersedia_mutasi for e in data.employees) / n <= 0.07
    assert sum(e.hukuman != "Tidak Ada" for e in data.employees) > 0
    assert sum(bool(e.unit_diminati) for e in data.employees) > 0
    assert sum(bool(e.pelatihan) for e in data.employees) > 0
    posts = {p.kode: p for p in data.positions}
    ref = load_reference()
    near_bup = 0
    for e in data.employees:
        post = posts[e.kode_jabatan]
        jenis = ref.jenis_of(post.jenis, post.jenjang)
        assert jenis is not None and e.tanggal_lahir is not None
        near_bup += (acuan - e.tanggal_lahir).days / 365.25 > jenis.bup - 1
    assert near_bup > 0
    with_field = [e for e in data.employees if posts[e.kode_jabatan].bidang]
    mismatched = [e for e in with_field if e.bidang != posts[e.kode_jabatan].bidang]
    assert 0.05 <= len(mismatched) / len(with_field) <= 0.3
    assert any(e.bidang == "kesehatan" and posts[e.kode_jabatan].bidang not in (None, "kesehatan")
               for e in data.employees), "no health graduate outside health"
    assert any(e.bidang is None for e in data.employees), "every jurusan matches a field"
    assert sum(p.kebutuhan > 1 for p in data.positions if p.jenis == "Pelaksana") > 0
    assert all(p.kebutuhan <= 3 for p in data.positions if p.jenis != "Pelaksana")
    assert len(data.units) == 40
    for p in data.positions:
        if p.jenis == "JPT Pratama":
            assert (p.kelas, p.standar_manajerial) == (14, 4)


def test_programmes_map_to_their_field() -> None:
    """Every study programme the generator writes maps through rumpun.csv to the field it stands for."""
    ref = load_reference()
    for field, by_level in demo._SUBJECTS.items():
        for level, subjects in by_level.items():
            for subject in subjects:
                name = subject if level == "SLTA" else f"S-1 {subject}"
                assert ref.bidang_of(name) == (field or None), name
    for family in demo._FAMILIES.values():
        for subject in family.subjects:
            assert ref.bidang_of(f"D-III {subject}") == family.bidang, subject
        if family.profesi:
            assert ref.bidang_of(f"Profesi {family.profesi}") == "kesehatan"
