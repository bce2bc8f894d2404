"""`penempatan siasn`: SIASN history dumps in (SPEC 10, issue 27): reading, deriving with sources, filling and
cross-checking the workbook, the training a plan never prescribes twice, and located messages for bad dumps."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.demo import generate_demo
from penempatan.errors import Problems
from penempatan.excel.read import read_workbook
from penempatan.excel.write_input import write_input_workbook
from penempatan.explain import Explainer
from penempatan.explain.training import already_done, named_courses, trainings
from penempatan.scoring import Tables
from penempatan.siasn.dump import read_dump
from penempatan.siasn.history import sanction_level
from penempatan.siasn.sample import FILE_NAMES, sample_dumps, write_sample
from penempatan.siasn.write import SHEET_KONFLIK, SHEET_SUMBER
from penempatan.solver import solve
from penempatan.usecases.siasn import import_siasn

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "data" / "contoh.xlsx"
SHIPPED = ROOT / "data" / "siasn-contoh"
runner = CliRunner()


PLANTED_COLUMNS = {  # the columns each planted case of `sample_dumps(conflicts=True)` contradicts
    "TMT Jabatan di SIASN 3 bulan lebih lambat": {"TMT Jabatan"},
    "sudah pindah jabatan/unit menurut rw_jabatan": {"TMT Jabatan", "Nama Jabatan", "Unit Kerja"},
    "predikat tahun lalu Butuh Perbaikan": {"Predikat Kinerja"},
    "hukuman disiplin sedang yang masih berlaku": {"Hukuman Disiplin"},
    "bupPensiun berbeda": {"BUP (SIASN)"},
    "tanggal lahir berbeda": {"Tanggal Lahir"},
}

def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_of(path: Path, sheet: str) -> list[dict[str, object]]:
    """A sheet's rows as dicts by header."""
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb[sheet].iter_rows(values_only=True))
    wb.close()
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def dmy(text: str) -> date:
    return datetime.strptime(text, "%d-%m-%Y").date()


# --- the shipped example ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def contoh_import(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Dumps made now from data/contoh.xlsx with the deliberate conflicts, imported with --data by the CLI."""
    tmp = tmp_path_factory.mktemp("contoh")
    data = tmp / "contoh.xlsx"
    shutil.copy(CONTOH, data)
    sample = sample_dumps(read_workbook(data).data, conflicts=True)
    dumps = write_sample(sample, tmp / "dump", data.name)
    before = {p: sha(p) for p in (data, *dumps)}
    out = tmp / "hasil.xlsx"
    res = runner.invoke(app, ["siasn", *map(str, dumps), "--data", str(data), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert {p: sha(p) for p in before} == before  # no input is ever written
    return {"out": out, "output": res.output, "planted": sample.planted, "data": data}


def test_contoh_conflicts_are_the_planted_ones(contoh_import: dict[str, object]) -> None:
    """Every planted conflict is on sheet Konflik SIASN, on its person and column, and nothing else is."""
    found = {(r["NIP"], r["Kolom"]) for r in rows_of(contoh_import["out"], SHEET_KONFLIK)}  # type: ignore[arg-type]
    planted = dict(line.split(": ", 1) for line in contoh_import["planted"])  # type: ignore[union-attr]
    by_case = PLANTED_COLUMNS
    expected = {(nip, column) for nip, case in planted.items() if case in by_case for column in by_case[case]}
    assert found == expected


def test_contoh_conflicts_are_printed_grouped_and_located(contoh_import: dict[str, object]) -> None:
    """The terminal lists the conflicts as `check` lists warnings: file, sheet and cell, then the summary."""
    output = str(contoh_import["output"])
    assert "Peringatan (8" in output
    assert "contoh.xlsx:Pegawai!" in output and "rw-skp.json #" in output
    assert "8 berbeda (sheet Konflik SIASN)" in output
    assert "1 pegawai tidak punya rekaman di dump SIASN" in output


def test_every_written_value_names_its_record(contoh_import: dict[str, object]) -> None:
    """Every row of Sumber SIASN names a record kind and a record that exists in the dumps; the courses of
    rw_diklat land in Pelatihan, as text."""
    out: Path = contoh_import["out"]  # type: ignore[assignment]
    sources = rows_of(out, SHEET_SUMBER)
    assert sources and all(r["Jenis Rekaman"] and r["Rekaman"] for r in sources)
    pegawai = {r["NIP"]: r for r in rows_of(out, "Pegawai")}
    for r in sources:
        if r["Kolom"] == "Pelatihan":
            assert str(r["Nilai"]) in str(pegawai[r["NIP"]]["Pelatihan"])
    read = read_workbook(out)  # the result is an input workbook again
    assert len(read.data.employees) == len(pegawai)


def test_shipped_example_runs() -> None:
    """`penempatan siasn data/siasn-contoh/* --data data/contoh.xlsx -o X` runs (the folder is regenerated by
    `python -m penempatan.siasn.sample` when contoh.xlsx changes); every file says it is fictional."""
    files = sorted(SHIPPED.iterdir())
    assert {p.name for p in files} == set(FILE_NAMES.values())
    assert all("FIKTIF" in json.loads(p.read_text(encoding="utf-8"))["keterangan"] for p in files)


def test_shipped_example_imports(tmp_path: Path) -> None:
    """The shipped dumps import into the shipped example with exit 0."""
    res = runner.invoke(app, ["siasn", *map(str, sorted(SHIPPED.iterdir())), "--data", str(CONTOH),
                              "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 0, res.output


def test_prefer_siasn_takes_siasn_values(contoh_import: dict[str, object], tmp_path: Path) -> None:
    """With --utamakan-siasn a contradicted cell takes SIASN's value and the conflict says so."""
    data: Path = contoh_import["data"]  # type: ignore[assignment]
    dumps = write_sample(sample_dumps(read_workbook(data).data, conflicts=True), tmp_path / "d", data.name)
    out = tmp_path / "h.xlsx"
    res = runner.invoke(app, ["siasn", *map(str, dumps), "--data", str(data), "-o", str(out), "--utamakan-siasn"])
    assert res.exit_code == 0, res.output
    konflik = rows_of(out, SHEET_KONFLIK)
    predikat = next(r for r in konflik if r["Kolom"] == "Predikat Kinerja")
    pegawai = {r["NIP"]: r for r in rows_of(out, "Pegawai")}
    assert pegawai[predikat["NIP"]]["Predikat Kinerja"] == "Butuh Perbaikan"
    assert predikat["Tindakan"] == "berbeda: diganti nilai SIASN"


def test_openpyxl_fallback_writes_the_same_cells(contoh_import: dict[str, object], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """When the fast XML patch declines a workbook, openpyxl writes the same Pegawai and SIASN sheets."""
    data: Path = contoh_import["data"]  # type: ignore[assignment]
    dumps = write_sample(sample_dumps(read_workbook(data).data, conflicts=True), tmp_path / "d", data.name)
    monkeypatch.setattr("penempatan.siasn.write.patch_workbook", lambda *_: None)
    out = tmp_path / "lambat.xlsx"
    import_siasn(dumps, data, out, False, False, lambda _: None)
    fast: Path = contoh_import["out"]  # type: ignore[assignment]
    for sheet in ("Pegawai", SHEET_SUMBER, SHEET_KONFLIK):
        assert rows_of(out, sheet) == rows_of(fast, sheet), sheet


# --- 5,000 people: time in post by hand -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def pemda(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A 5,000-person demo pemda's dumps, shuffled, with SKs re-issued for the same post for 300 people and a later
    record of another post for 300 more, imported from the dumps alone."""
    tmp = tmp_path_factory.mktemp("pemda")
    data = generate_demo(n_pegawai=5000, seed=3)
    sample = sample_dumps(data)
    rng = random.Random(7)
    jobs = sample.records["rw_jabatan"]
    latest: dict[str, dict[str, object]] = {}
    for r in jobs:
        nip = str(r["nipBaru"])
        if nip not in latest or dmy(str(r["tmtJabatan"])) >= dmy(str(latest[nip]["tmtJabatan"])):
            latest[nip] = r
    people = sorted(latest)
    rng.shuffle(people)
    for k, nip in enumerate(people[:600]):
        again = dict(latest[nip])
        later = dmy(str(again["tmtJabatan"])) + (date(2000, 4, 11) - date(2000, 1, 1))
        again.update(id=f"ulang-{k}", tmtJabatan=later.strftime("%d-%m-%Y"))
        if k >= 300:  # a real move: another post and unit
            again.update(jabatanFungsionalNama="Analis Kebijakan Ahli Muda", unorId=f"unit-{k}",
                         unorNama=f"Bagian Uji {k}")
        jobs.append(again)
    rng.shuffle(jobs)
    dumps = write_sample(sample, tmp / "dump", "demo")
    out = tmp / "pemda.xlsx"
    done = import_siasn(dumps, None, out, False, False, lambda _: None)
    return {"out": out, "jobs": jobs, "done": done, "sample": people[:600]}


def _hand_tmt(records: list[dict[str, object]]) -> date:
    """The TMT of the current post from raw records: the latest record, back over records of the same post
    (same job name and unorId) that come right before it."""
    def job(r: dict[str, object]) -> tuple[str, str]:
        name = r.get("jabatanFungsionalNama") or r.get("jabatanFungsionalUmumNama") or r.get("jabatanStrukturalNama")
        return (str(name).casefold(), str(r["unorId"]))

    ordered = sorted(records, key=lambda r: dmy(str(r["tmtJabatan"])))
    k = len(ordered) - 1
    while k > 0 and job(ordered[k - 1]) == job(ordered[-1]):
        k -= 1
    return dmy(str(ordered[k]["tmtJabatan"]))


def _months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def test_5000_people_import(pemda: dict[str, object]) -> None:
    """Every person of a 5,000-person dump becomes a Pegawai row with a post (timings: benchmarks/)."""
    done = pemda["done"]
    assert done.people == 5000 and done.posts > 100  # type: ignore[attr-defined]
    assert len(rows_of(pemda["out"], "Pegawai")) >= 5000  # type: ignore[arg-type]


def test_time_in_post_equals_a_hand_calculation(pemda: dict[str, object]) -> None:
    """For 100 sampled people (re-issued SKs, moves and ordinary careers), TMT Jabatan and the months in post
    at tanggal acuan equal what the raw records give by hand."""
    by_nip: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in pemda["jobs"]:  # type: ignore[attr-defined]
        by_nip[str(r["nipBaru"])].append(r)
    pegawai = {r["NIP"]: r for r in rows_of(pemda["out"], "Pegawai") if r["NIP"]}  # type: ignore[arg-type]
    acuan = pemda["done"].acuan  # type: ignore[attr-defined]
    rng = random.Random(11)
    special: list[str] = pemda["sample"]  # type: ignore[assignment]
    ordinary = sorted(set(by_nip) - set(special))
    sampled = rng.sample(special[:300], 35) + rng.sample(special[300:], 35) + rng.sample(ordinary, 30)
    assert len(set(sampled)) == len(sampled) == 100
    for nip in sampled:
        expected = _hand_tmt(by_nip[nip])
        got = pegawai[nip]["TMT Jabatan"]
        assert isinstance(got, datetime) and got.date() == expected, nip
        assert _months(got.date(), acuan) == _months(expected, acuan)
    reissued = [nip for nip in special[:300] if nip in sampled]
    assert all(pegawai[nip]["TMT Jabatan"].date() < max(dmy(str(r["tmtJabatan"])) for r in by_nip[nip])
               for nip in reissued)  # a re-issued SK keeps the earlier TMT


# --- training never prescribed twice --------------------------------------------------------------------------
def test_no_training_need_duplicates_a_recorded_diklat(tmp_path: Path) -> None:
    """After the import, no mover of a solved plan is prescribed a course rw_diklat records; the courses the first
    plan prescribed, once recorded, are filtered (so the check can fail)."""
    data = generate_demo(n_pegawai=150, seed=4)
    tables = Tables(data)
    first = Explainer(data, tables, solve(data, 30, tables=tables))
    prescribed = {i: [x.pelatihan for x in first.training_needs(i)] for i in first.movers}
    recorded = {data.employees[i].nip: names for i, names in prescribed.items() if names}
    assert recorded, "the first plan prescribes no course: the test would prove nothing"
    sample = sample_dumps(data)
    for k, (nip, names) in enumerate(recorded.items()):
        for n, name in enumerate(names):
            sample.records["rw_diklat"].append({"id": f"d{k}-{n}", "nipBaru": nip, "latihanStrukturalNama": name,
                                                "tanggal": "02-01-2025"})
    workbook = tmp_path / "data.xlsx"
    write_input_workbook(workbook, data)
    out = tmp_path / "hasil.xlsx"
    import_siasn(write_sample(sample, tmp_path / "d", "demo"), workbook, out, False, False, lambda _: None)
    imported = read_workbook(out).data
    diklat = {e.nip: e.diklat for e in imported.employees}
    t2 = Tables(imported)
    index = {e.nip: i for i, e in enumerate(imported.employees)}
    filtered = 0
    for i, j in ((index[data.employees[i].nip], int(first.target[i])) for i in prescribed):
        before = named_courses(t2, i, j)
        after = trainings(t2, i, j)
        filtered += len(before) - len(after)
        assert not [x for x in after if already_done(x.pelatihan, diklat[imported.employees[i].nip])]
    assert filtered >= sum(len(v) for v in recorded.values())
    again = Explainer(imported, t2, solve(imported, 30, tables=t2))
    for i in again.movers:
        done = imported.employees[i].diklat
        assert not [x.pelatihan for x in again.training_needs(i) if already_done(x.pelatihan, done)]


def test_course_names_match_their_recorded_spellings() -> None:
    """A course is done when recorded under its name, its name without the trailing parenthesis, or its
    abbreviation; never by an unrelated word."""
    assert already_done("Pelatihan Kepemimpinan Pengawas (PKP)", ["PKP"])
    assert already_done("Pelatihan Kepemimpinan Pengawas (PKP)", ["pelatihan  kepemimpinan pengawas"])
    assert already_done("Pelatihan Fungsional Perawat (pembentukan)", ["Pelatihan Fungsional Perawat"])
    assert not already_done("Pelatihan Fungsional Perawat (pembentukan)", ["pembentukan"])
    assert not already_done("Pelatihan Kepemimpinan Administrator (PKA)", ["PKP"])


# --- malformed dumps --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kecil") / "d.xlsx"
    write_input_workbook(path, generate_demo(n_pegawai=60, seed=2))
    return path


def test_malformed_dumps_give_located_messages(small: Path, tmp_path: Path) -> None:
    """Bad JSON, an unknown NIP, a bad date, an unknown sanction: every one named with file, record, field and
    value in Bahasa Indonesia, all in one run, exit 2, no traceback, nothing written."""
    nip = read_workbook(small).data.employees[0].nip
    (tmp_path / "rw-jabatan.json").write_text('{"code": 1, "data": [\n{"nipBaru": "1",}\n]}', encoding="utf-8")
    (tmp_path / "rw-skp.json").write_text("[\n" + ",\n".join(json.dumps(r) for r in (
        {"nipBaru": nip, "tahun": 2025, "predikatKinerja": "Baik"},
        {"nipBaru": "199001012020121001", "tahun": 2025, "predikatKinerja": "Baik"})) + "\n]", encoding="utf-8")
    (tmp_path / "rw-hukdis.csv").write_text(
        "nipBaru;jenisHukumanNama;tmtHukuman\n"
        f"{nip};Teguran lisan;31-02-2024\n"
        f"{nip};Hukuman aneh;01-02-2024\n", encoding="utf-8")
    out = tmp_path / "hasil.xlsx"
    res = runner.invoke(app, ["siasn", str(tmp_path / "rw-jabatan.json"), str(tmp_path / "rw-skp.json"),
                              str(tmp_path / "rw-hukdis.csv"), "--data", str(small), "-o", str(out)])
    assert res.exit_code == 2, res.output
    text = " ".join(res.output.split())
    assert "Traceback" not in res.output and not out.exists()
    assert "rw-jabatan.json:2: JSON tidak sah di baris 2 kolom 17" in text
    assert ("rw-skp.json:3: nipBaru '199001012020121001': NIP tidak dikenal: tidak ada di sheet Pegawai "
            "(rekaman ke-2)") in text
    assert "rw-hukdis.csv:2: tmtHukuman '31-02-2024': tanggal tidak ada di kalender" in text
    assert "rw-hukdis.csv:3: jenisHukumanNama 'Hukuman aneh': tingkat hukuman disiplin tidak dikenali" in text
    assert "4 galat pada masukan" in text


def test_unknown_people_may_be_skipped(small: Path, tmp_path: Path) -> None:
    """--abaikan-nip-lain turns records of people outside sheet Pegawai into one counted warning."""
    (tmp_path / "rw-skp.json").write_text(json.dumps({"code": 1, "data": [
        {"nipBaru": "199001012020121001", "tahun": 2025, "nilaiSkp": 95}]}), encoding="utf-8")
    res = runner.invoke(app, ["siasn", str(tmp_path / "rw-skp.json"), "--data", str(small), "-o",
                              str(tmp_path / "h.xlsx"), "--abaikan-nip-lain"])
    assert res.exit_code == 0, res.output
    assert "1 rekaman pegawai yang tidak ada di sheet Pegawai diabaikan" in " ".join(res.output.split())


def test_a_file_of_unknown_kind_and_a_missing_file(small: Path, tmp_path: Path) -> None:
    """A dump whose name says no record kind is an error naming the file; a missing path is exit 2."""
    (tmp_path / "campuran.json").write_text("[]", encoding="utf-8")
    res = runner.invoke(app, ["siasn", str(tmp_path / "campuran.json"), "--data", str(small), "-o",
                              str(tmp_path / "h.xlsx")])
    assert res.exit_code == 2 and "jenis rekaman tidak dikenali dari nama berkas" in res.output
    res = runner.invoke(app, ["siasn", str(tmp_path / "tidak-ada.json"), "-o", str(tmp_path / "h.xlsx")])
    assert res.exit_code == 2 and "tidak ditemukan" in res.output


def test_text_from_a_dump_is_never_a_formula(small: Path, tmp_path: Path) -> None:
    """A course named like a formula is written as text."""
    nip = read_workbook(small).data.employees[0].nip
    (tmp_path / "rw-diklat.json").write_text(json.dumps([
        {"nipBaru": nip, "latihanStrukturalNama": '=HYPERLINK("http://x","y")', "tanggal": "01-02-2020"}]),
        encoding="utf-8")
    out = tmp_path / "h.xlsx"
    res = runner.invoke(app, ["siasn", str(tmp_path / "rw-diklat.json"), "--data", str(small), "-o", str(out)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    cells = [c for row in wb[SHEET_SUMBER].iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)
    pelatihan = [c for row in wb["Pegawai"].iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert pelatihan and all(c.data_type == "s" for c in pelatihan)


def test_records_read_from_wrapper_bare_list_and_csv(tmp_path: Path) -> None:
    """The API wrapper, a bare list and a CSV give the same records; fields match whatever their spelling."""
    record = {"nipBaru": "198001012005011001", "tmtJabatan": "01-03-2021", "unorNama": "Dinas X"}
    (tmp_path / "rw-jabatan.json").write_text(json.dumps({"code": 1, "data": [record]}), encoding="utf-8")
    (tmp_path / "riwayat_jabatan.json").write_text(json.dumps([record]), encoding="utf-8")
    (tmp_path / "rw_jabatan.csv").write_text("NIP_BARU,tmt jabatan,unorNama\n198001012005011001,01-03-2021,Dinas X\n",
                                             encoding="utf-8")
    read = [read_dump(tmp_path / n, Problems()) for n in ("rw-jabatan.json", "riwayat_jabatan.json", "rw_jabatan.csv")]
    assert all(len(r) == 1 and r[0].kind == "rw_jabatan" for r in read)
    assert {tuple(sorted(r[0].fields.items())) for r in read} == {
        (("nipbaru", "198001012005011001"), ("tmtjabatan", "01-03-2021"), ("unornama", "Dinas X"))}


def test_sanction_levels_follow_pp_94_2021() -> None:
    """Sanction names map to their level (PP 94/2021, PP 53/2010), the longest name first."""
    assert sanction_level("Teguran lisan") == "Ringan"
    assert sanction_level("Pemotongan tunjangan kinerja sebesar 25% selama 9 bulan") == "Sedang"
    assert sanction_level("Penurunan pangkat setingkat lebih rendah selama 3 tahun") == "Berat"
    assert sanction_level("Penurunan pangkat setingkat lebih rendah selama 1 tahun") == "Sedang"
    assert sanction_level("B") == "Berat"
    assert sanction_level("hukuman aneh") is None


# --- deriving facts from records ------------------------------------------------------------------------------
def _records(tmp_path: Path, kind: str, rows: list[dict[str, object]]) -> list:
    path = tmp_path / f"{kind.replace('_', '-')}.json"
    path.write_text(json.dumps({"code": 1, "data": rows}), encoding="utf-8")
    return read_dump(path, Problems())


def test_facts_from_records(tmp_path: Path) -> None:
    """pnsId-only records find their person through data utama; the two-year predikat is the lower year; a
    sanction's end comes from masaTahun/masaBulan; an ended one is no active sanction."""
    from penempatan.reference import load_reference
    from penempatan.siasn.history import Options, histories, identities

    nip, other = "198001012005011001", "198502022010012002"
    records = (_records(tmp_path, "data_utama", [{"id": "P1", "nipBaru": nip, "tglLahir": "01-01-1980"},
                                                 {"id": "P2", "nipBaru": other}])
               + _records(tmp_path, "rw_skp", [{"pnsId": "P1", "tahun": 2023, "predikatKinerja": "Sangat Baik"},
                                               {"pnsId": "P1", "tahun": 2024, "nilaiSkp": 95},
                                               {"pnsId": "P1", "tahun": 2025, "predikatKinerja": "Sangat Baik"},
                                               {"pnsId": "P2", "tahun": 2025, "predikatKinerja": "BAIK"}])
               + _records(tmp_path, "rw_hukdis", [
                   {"pnsId": "P1", "jenisHukumanNama": "Pemotongan tunjangan kinerja 25% selama 12 bulan",
                    "tmtHukuman": "01-03-2026", "masaTahun": 1, "masaBulan": 0},
                   {"pnsId": "P2", "jenisHukumanNama": "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
                    "tmtHukuman": "01-01-2024", "akhirHukuman": "01-01-2025"}]))
    problems = Problems()
    found = histories(records, identities(records, problems, None), Options(date(2026, 12, 1), load_reference()),
                      problems)
    assert not problems.items
    mine, theirs = found[nip].facts, found[other].facts
    assert mine["Predikat Kinerja"].value == "Baik"  # 2024 Baik, 2025 Sangat Baik: the lower
    assert mine["Hukuman Disiplin"].value == "Sedang" and mine["Akhir Hukuman"].value == date(2027, 3, 1)
    assert theirs["Hukuman Disiplin"].value == "Tidak Ada" and "Akhir Hukuman" not in theirs
    assert mine["PNS ID"].value == "P1" and mine["Tanggal Lahir"].value == date(1980, 1, 1)


def test_a_missing_column_is_added_and_filled(small: Path, tmp_path: Path) -> None:
    """A workbook without the TMT Jabatan column gets it, filled from rw_jabatan: the result passes `check`
    while the input did not; the input stays as it was."""
    wb = openpyxl.load_workbook(small)
    ws = wb["Pegawai"]
    ws.delete_cols(next(c.column for c in ws[1] if c.value == "TMT Jabatan"))
    data = tmp_path / "tanpa-tmt.xlsx"
    wb.save(data)
    before = sha(data)
    dumps = write_sample(sample_dumps(read_workbook(small).data), tmp_path / "d", "demo")
    out = tmp_path / "isi.xlsx"
    res = runner.invoke(app, ["siasn", *map(str, dumps), "--data", str(data), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert runner.invoke(app, ["check", str(data)]).exit_code == 2
    assert runner.invoke(app, ["check", str(out)]).exit_code == 0
    assert sha(data) == before
    tmt = {r["NIP"]: r["TMT Jabatan"] for r in rows_of(out, "Pegawai")}
    assert all(isinstance(tmt[e.nip], datetime) and tmt[e.nip].date() == e.tmt_jabatan
               for e in read_workbook(small).data.employees)
