"""The data layer of two rounds (SPEC 8, issue 25): training as a resource in pelatihan.csv, the round parameters,
and what the rules see at round 2 (`penempatan.rounds.at_round_two`), judged by the independent checker.

The tiny instances are at 2026-12-01 (round 2 by default on 2027-06-01): employee 0 sits in Pelaksana post H
(Bidang hukum); the other posts are vacant."""

from __future__ import annotations

import csv
import dataclasses
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import emp, post
from conftest import workbook_maker
from pydantic import ValidationError

from penempatan.check import Rules
from penempatan.errors import InputError
from penempatan.excel.read import read_workbook
from penempatan.explain.training import named_courses
from penempatan.model import Forbid, Params, Pin, Position, ProblemData, Wish
from penempatan.parameters import PARAM_HELP, PARAM_LABELS
from penempatan.reference import PENGEMBANGAN, Pelatihan, ReferenceDataError, data_dir, load_reference
from penempatan.rounds import at_round_two, courses_for_development, round_two_date
from penempatan.scenario import load_scenario
from penempatan.scoring import Tables

REF = load_reference()
TODAY = date(2026, 12, 1)
ROUND_TWO = date(2027, 6, 1)
NEW_COLUMNS = ("bidang", "sertifikat", "kapasitas", "durasi_bulan", "biaya")


def course(nama: str) -> Pelatihan:
    """The shipped course named `nama`."""
    return next(c for c in REF.pelatihan if c.nama == nama)


TI = course("Pelatihan Teknologi Informasi dan Transformasi Digital")
PBJ = course("Sertifikasi Pengadaan Barang/Jasa (LKPP)")


def problem(employees: list[Any], positions: list[Position], **extra: Any) -> ProblemData:
    """ProblemData at TODAY with R13 and R21 off (they are about the whole plan, not one move)."""
    params = Params(tanggal_acuan=TODAY, maks_keluar_unit_persen=100.0, kekurangan_unit_boleh_naik=True)
    return ProblemData(employees=tuple(employees), positions=tuple(positions), params=params, **extra)


def codes(data: ProblemData, nip: str, kode: str) -> dict[str, str]:
    """The checker's verdict on moving `nip` into post `kode`: rule code -> message."""
    i, j = data.employee_index[nip], data.position_index[kode]
    return {v.rule: v.message for v in Rules(data, REF).move_violations(i, j)}


# --- pelatihan.csv --------------------------------------------------------------------------------------------


def _tables(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for path in data_dir().glob("*.csv"):
        shutil.copy(path, folder / path.name)
    return folder


def _rows(folder: Path) -> list[list[str]]:
    with (folder / "pelatihan.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(folder: Path, rows: list[list[str]]) -> None:
    with (folder / "pelatihan.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def test_shipped_courses_are_resources() -> None:
    """The shipped table gives IT and accounting fields through pengembangan courses and the PBJ certificate
    through the course a pengadaan post prescribes; a course without the columns has the defaults."""
    assert (TI.pemicu, TI.bidang, TI.kapasitas, TI.durasi_bulan, TI.biaya) == (PENGEMBANGAN, "ti", 20, 3, 7_500_000)
    assert PBJ.sertifikat == "Sertifikat PBJ" and PBJ.pemicu == "kata_kunci_jabatan"
    assert REF.jabatan_fungsional["Pengelola Pengadaan Barang/Jasa"].holds_licence([PBJ.sertifikat or ""])
    assert any(c.bidang == "ekonomi_akuntansi" and c.pemicu == PENGEMBANGAN for c in REF.pelatihan)
    pkp = next(c for c in REF.pelatihan if c.pemicu == "masuk_pengawas")
    assert (pkp.bidang, pkp.sertifikat, pkp.kapasitas, pkp.durasi_bulan, pkp.biaya) == (None, None, None, 3, 0)
    assert all(c.bidang in REF.bidang for c in REF.pelatihan if c.bidang)


def test_old_pelatihan_without_new_columns_still_loads(tmp_path: Path) -> None:
    """A BKPSDM's pelatihan.csv from before training was a resource (no bidang … biaya, no pengembangan rows)
    loads, every course with the defaults: no field, no certificate, unlimited seats, 3 months, free."""
    folder = _tables(tmp_path)
    rows = _rows(folder)
    width = rows[0].index("bidang")
    _write(folder, [row[:width] for row in rows if row[0] != PENGEMBANGAN])
    ref = load_reference(folder)
    assert [c.nama for c in ref.pelatihan] == [c.nama for c in REF.pelatihan if c.pemicu != PENGEMBANGAN]
    assert all((c.bidang, c.sertifikat, c.kapasitas, c.durasi_bulan, c.biaya) == (None, None, None, 3, 0)
               for c in ref.pelatihan)
    assert courses_for_development(ref) == ()


def _course_row(**cells: str) -> list[str]:
    values = dict.fromkeys(NEW_COLUMNS, "") | cells
    return ["pengembangan", "", "Pelatihan Uji", "Dasar", "sebelum pelantikan", "", *(values[c] for c in NEW_COLUMNS)]


@pytest.mark.parametrize(("column", "value"), [
    ("bidang", "naga"), ("bidang", "umum"), ("bidang", "TI"),
    ("sertifikat", "--"),
    ("kapasitas", "-1"), ("kapasitas", "lima"), ("kapasitas", "2,5"), ("kapasitas", "100001"),
    ("durasi_bulan", "0"), ("durasi_bulan", "25"), ("durasi_bulan", "tiga"),
    ("biaya", "-5"), ("biaya", "7,5 juta"), ("biaya", "1.5"), ("biaya", "Rp 1000"), ("biaya", "2.000.000.000.000"),
])
def test_bad_resource_value_is_refused_with_file_line_column_value(tmp_path: Path, column: str, value: str) -> None:
    """Each wrong value of a new column is a ReferenceDataError naming the file, the line, the column and the value."""
    folder = _tables(tmp_path)
    rows = _rows(folder)
    _write(folder, [*rows, _course_row(**{column: value})])
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(folder)
    message = str(caught.value)
    assert message.startswith(f"pelatihan.csv baris {len(rows) + 1}: kolom {column} '{value}'"), message


def test_a_course_that_gives_something_has_a_fixed_name(tmp_path: Path) -> None:
    """A course that gives a field may not be named with {rumpun_jf}: the name is what the trainee has done."""
    folder = _tables(tmp_path)
    row = _course_row(bidang="ti")
    row[2] = "Pelatihan {rumpun_jf}"
    _write(folder, [*_rows(folder), row])
    with pytest.raises(ReferenceDataError, match=r"kolom nama 'Pelatihan \{rumpun_jf\}'"):
        load_reference(folder)


def test_good_resource_values_are_read(tmp_path: Path) -> None:
    """Rupiah may be written with thousands dots; zero seats and the longest duration are allowed."""
    folder = _tables(tmp_path)
    _write(folder, [*_rows(folder), _course_row(bidang="hukum", sertifikat="Sertifikat Uji", kapasitas="0",
                                                durasi_bulan="24", biaya="7.500.000")])
    found = load_reference(folder).pelatihan[-1]
    assert (found.bidang, found.sertifikat, found.kapasitas, found.durasi_bulan, found.biaya) == (
        "hukum", "Sertifikat Uji", 0, 24, 7_500_000)


def test_development_courses() -> None:
    """courses_for_development: the rows giving a field or a certificate, whatever their pemicu; a limit in
    months leaves out the longer ones."""
    found = courses_for_development(REF)
    assert TI in found and PBJ in found
    assert all(c.bidang or c.sertifikat for c in found)
    assert not any(c.pemicu == "masuk_pengawas" for c in found)
    assert TI not in courses_for_development(REF, within_months=2) and PBJ in courses_for_development(REF, 2)


def test_a_move_never_prescribes_a_development_course() -> None:
    """explain.training fires no pengembangan row, even one whose kata_kunci a move's target post holds; the
    kata_kunci_jabatan row with the same phrase does fire."""
    lanjut = dataclasses.replace(PBJ, pemicu=PENGEMBANGAN, nama="Pelatihan Pengadaan Lanjutan")
    ref = dataclasses.replace(REF, pelatihan=(PBJ, lanjut))
    data = problem([emp(0, "H")], [post("H", bidang="hukum"), post("P", nama="Pengadaan Barang", kelas=6)])
    fired = [x.pelatihan for x in named_courses(Tables(data, ref), 0, 1)]
    assert fired == [PBJ.nama]


# --- parameters -----------------------------------------------------------------------------------------------


def test_round_parameters_default() -> None:
    """One round, round 2 six months on, no budget limit; every new parameter has a label and a help text."""
    p = Params(tanggal_acuan=TODAY)
    assert (p.putaran, p.tanggal_putaran_2, p.anggaran_pelatihan) == (1, None, None)
    assert round_two_date(p) == ROUND_TWO
    assert round_two_date(Params(tanggal_acuan=TODAY, tanggal_putaran_2=date(2027, 3, 1))) == date(2027, 3, 1)
    assert all(PARAM_LABELS.get(k) and PARAM_HELP.get(k) for k in ("putaran", "tanggal_putaran_2",
                                                                    "anggaran_pelatihan"))


@pytest.mark.parametrize(("acuan", "expected"), [
    (date(2026, 8, 31), date(2027, 2, 28)), (date(2027, 8, 31), date(2028, 2, 29)),
    (date(2026, 7, 31), date(2027, 1, 31)),
])
def test_round_two_date_at_month_end(acuan: date, expected: date) -> None:
    """31 August + 6 months is the last day of February (28, or 29 in a leap year)."""
    assert round_two_date(Params(tanggal_acuan=acuan)) == expected


@pytest.mark.parametrize(("changes", "words"), [
    ({"putaran": 3}, "less_than_equal"), ({"putaran": 0}, "greater_than_equal"),
    ({"anggaran_pelatihan": -1}, "greater_than_equal"),
    ({"tanggal_putaran_2": TODAY}, "harus sesudah tanggal_acuan"),
    ({"tanggal_putaran_2": date(2026, 6, 1)}, "harus sesudah tanggal_acuan"),
])
def test_round_parameters_are_validated(changes: dict[str, Any], words: str) -> None:
    """putaran is 1 or 2, the budget not negative, round 2 after tanggal_acuan; each error is on its own field."""
    with pytest.raises(ValidationError) as caught:
        Params(tanggal_acuan=TODAY, **changes)
    (error,) = caught.value.errors()
    assert error["loc"] == (next(iter(changes)),)
    assert words in (error["type"] + str(error["msg"]))


def test_pengaturan_reads_round_parameters(tmp_path: Path) -> None:
    """Sheet Pengaturan takes putaran, tanggal_putaran_2 and the budget in rupiah as written ('Rp 150.000.000')."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    sheets["Pengaturan"] += [["putaran", 2], ["tanggal_putaran_2", "01-03-2026"],
                             ["anggaran_pelatihan", "Rp 150.000.000"]]
    p = read_workbook(mk.save(sheets, tmp_path / "w.xlsx")).data.params
    assert (p.putaran, p.tanggal_putaran_2, p.anggaran_pelatihan) == (2, date(2026, 3, 1), 150_000_000)


@pytest.mark.parametrize(("name", "value", "words"), [
    ("putaran", 3, "1–2"), ("anggaran_pelatihan", "-5", "rupiah"), ("anggaran_pelatihan", "banyak", "rupiah"),
    ("tanggal_putaran_2", "01-06-2025", "harus sesudah tanggal_acuan"),
])
def test_pengaturan_round_errors_are_on_their_row(tmp_path: Path, name: str, value: object, words: str) -> None:
    """A wrong round parameter is an error on its own Pengaturan row and column Nilai, with the value."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    sheets["Pengaturan"] += [[name, value]]
    row = len(sheets["Pengaturan"])
    with pytest.raises(InputError) as caught:
        read_workbook(mk.save(sheets, tmp_path / "w.xlsx"))
    (problem_,) = caught.value.errors
    assert (problem_.sheet, problem_.row, problem_.column) == ("Pengaturan", row, "Nilai")
    assert words in problem_.message and str(problem_.value) == str(value)


def test_scenario_sets_round_parameters(tmp_path: Path) -> None:
    """A scenario's [parameter] takes the round parameters; a wrong one is an error on its line."""
    data = problem([emp(0, "H")], [post("H")])
    path = tmp_path / "s.toml"
    path.write_text("[parameter]\nputaran = 2\ntanggal_putaran_2 = 2027-03-01\nanggaran_pelatihan = 100000000\n",
                    encoding="utf-8")
    assert load_scenario(path, data).parameter == {"putaran": 2, "tanggal_putaran_2": date(2027, 3, 1),
                                                   "anggaran_pelatihan": 100_000_000}
    wrong = (("putaran = 3", "parameter.putaran", "≤ 2"),
             ("tanggal_putaran_2 = 2026-01-01", "parameter.tanggal_putaran_2", "sesudah tanggal_acuan"))
    for text, key, words in wrong:
        path.write_text(f"[parameter]\nmaks_mutasi = 5\n{text}\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_scenario(path, data)
        (error,) = caught.value.errors
        assert (error.row, error.column) == (3, key) and words in error.message


# --- the data at round 2 --------------------------------------------------------------------------------------


def test_employees_reaching_bup_depart_and_leave_their_seat_vacant() -> None:
    """Pelaksana BUP 58: born 15-03-1969 (58 before round 2) and 01-06-1969 (58 on the day) depart, their posts
    are vacant; born 15-09-1969 (58 after) stays; without a birth date, stays."""
    people = [emp(1, "A", tanggal_lahir=date(1969, 3, 15)), emp(2, "B", tanggal_lahir=date(1969, 6, 1)),
              emp(3, "C", tanggal_lahir=date(1969, 9, 15)), emp(4, "D", tanggal_lahir=None)]
    data = problem(people, [post(k) for k in "ABCD"])
    later = at_round_two(data, ref=REF)
    assert [(d.nip, d.kode_jabatan, d.bup, d.tanggal_pensiun) for d in later.departures] == [
        (people[0].nip, "A", 58, date(2027, 3, 15)), (people[1].nip, "B", 58, date(2027, 6, 1))]
    assert [e.nip for e in later.data.employees] == [people[2].nip, people[3].nip]
    assert [len(h) for h in later.data.holders] == [0, 0, 1, 1]
    assert later.tanggal == ROUND_TWO == later.data.params.tanggal_acuan
    assert later.data.params.putaran == 1 and later.data.params.tanggal_putaran_2 is None


def test_bup_of_the_post_family_counts() -> None:
    """A Guru's BUP is 60 (the family's own, as the checker's R4 reads it): at 58 they stay."""
    guru = post("G", jenis="Fungsional", jenjang="Ahli Pertama", rumpun_jf="Guru", nama="Guru Ahli Pertama")
    data = problem([emp(1, "G", tanggal_lahir=date(1969, 3, 15))], [guru])
    assert at_round_two(data, ref=REF).departures == ()


def test_what_names_a_departed_employee_is_dropped() -> None:
    """Pins, forbids, wishes and replacements of a departed employee go; the others' stay, and the result is
    valid ProblemData."""
    gone, kept = emp(1, "A", tanggal_lahir=date(1969, 3, 15)), emp(2, "B")
    data = problem(
        [gone, kept], [post("A"), post("B"), post("C")],
        pins=(Pin(nip=gone.nip, kode_jabatan="C"), Pin(nip=kept.nip, kode_jabatan="A")),
        forbids=(Forbid(nip=gone.nip, kode_jabatan="B"), Forbid(nip=kept.nip, unit="Unit B")),
        wishes=(Wish(nip=gone.nip, rank=1, target="C", kind="jabatan", key="C"),
                Wish(nip=kept.nip, rank=1, target="C", kind="jabatan", key="C")),
        replacements=((gone.nip, "C"), (kept.nip, "C")), closed_posts=("C",))
    later = at_round_two(data, ref=REF).data
    assert [p.nip for p in later.pins] == [kept.nip] and [f.nip for f in later.forbids] == [kept.nip]
    assert [w.nip for w in later.wishes] == [kept.nip] and later.replacements == ((kept.nip, "C"),)
    assert later.closed_posts == ("C",)
    assert isinstance(ProblemData.model_validate(later.model_dump()), ProblemData)


def test_a_sanction_that_ends_before_round_two_no_longer_blocks() -> None:
    """A Sedang sanction ending 01-03-2027 forbids a promotion at round 1 (R10, R23) and not at round 2, by the
    date alone: the employee's record is unchanged."""
    punished = emp(0, "H", hukuman="Sedang", akhir_hukuman=date(2027, 3, 1))
    data = problem([punished], [post("H"), post("P", jenis="Pengawas")])
    later = at_round_two(data, ref=REF).data
    assert {"R10", "R23"} <= set(codes(data, punished.nip, "P"))
    assert not {"R10", "R23"} & set(codes(later, punished.nip, "P"))
    assert later.employees[0].hukuman == "Sedang"


def test_a_sanction_ending_after_round_two_still_blocks() -> None:
    """A sanction ending after the round-2 date still forbids the promotion at round 2."""
    punished = emp(0, "H", hukuman="Sedang", akhir_hukuman=date(2027, 6, 2))
    data = problem([punished], [post("H"), post("P", jenis="Pengawas")])
    assert {"R10", "R23"} <= set(codes(at_round_two(data, ref=REF).data, punished.nip, "P"))


def test_minimum_tenure_is_reached_by_round_two() -> None:
    """20 months in post at round 1 (R1: minimum 24) and 26 at round 2: R1 blocks the move only at round 1."""
    newcomer = emp(0, "H", tmt_jabatan=date(2025, 4, 1))
    data = problem([newcomer], [post("H"), post("K")])
    assert "20 bulan" in codes(data, newcomer.nip, "K")["R1"]
    assert "R1" not in codes(at_round_two(data, ref=REF).data, newcomer.nip, "K")


def test_training_opens_a_post_of_its_field() -> None:
    """R8: a hukum graduate fails an IT post at round 1 and at round 2 untrained; trained in round 1 in the IT
    course, they count as trained in ti and pass, the course recorded as done."""
    person = emp(0, "H", bidang="hukum")
    data = problem([person], [post("H", bidang="hukum"), post("T", bidang="ti")])
    assert "R8" in codes(data, person.nip, "T")
    assert "R8" in codes(at_round_two(data, ref=REF).data, person.nip, "T")
    later = at_round_two(data, {person.nip: [TI]}, REF).data
    assert "R8" not in codes(later, person.nip, "T")
    assert later.employees[0].pelatihan == ("ti",) and later.employees[0].diklat == (TI.nama,)
    assert data.employees[0].pelatihan == ()


def test_training_gives_the_licence_a_jf_entry_needs() -> None:
    """R22: entering Pengelola PBJ needs Sertifikat PBJ; the PBJ course of round 1 gives it for round 2."""
    person = emp(0, "H", bidang="ekonomi_akuntansi", sertifikat=("Sertifikat Pendidik",))
    pbj = post("PBJ", jenis="Fungsional", jenjang="Ahli Pertama", nama="Pengelola Pengadaan Barang/Jasa Ahli Pertama",
               rumpun_jf="Pengelola Pengadaan Barang/Jasa", golongan_min="III/a", golongan_max="III/d")
    data = problem([person], [post("H"), pbj])
    assert "Sertifikat PBJ" in codes(data, person.nip, "PBJ").get("R22", "")
    later = at_round_two(data, {person.nip: [PBJ]}, REF).data
    assert "Sertifikat PBJ" not in codes(later, person.nip, "PBJ").get("R22", "")
    assert later.employees[0].sertifikat == ("Sertifikat Pendidik", "Sertifikat PBJ")


def test_training_of_unknown_people_or_too_long_is_refused() -> None:
    """A NIP that is not in the data, or a course longer than the time to round 2, is a ValueError."""
    person = emp(0, "H")
    data = problem([person], [post("H")])
    with pytest.raises(ValueError, match="tidak ada di data"):
        at_round_two(data, {"1" * 18: [TI]}, REF)
    soon = data.replace(params=data.params.model_copy(update={"tanggal_putaran_2": date(2027, 2, 1)}))
    with pytest.raises(ValueError, match="belum selesai pada putaran 2"):
        at_round_two(soon, {person.nip: [TI]}, REF)
    assert at_round_two(soon, {person.nip: [PBJ]}, REF).data.employees[0].sertifikat == ("Sertifikat PBJ",)
