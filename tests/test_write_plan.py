"""The output workbook (SPEC 5): sheets, headers, row counts, text cells, sums and determinism."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from penempatan.demo import generate_demo
from penempatan.excel.write_plan import SHEETS, write_plan
from penempatan.explain import PlanView, UnitRow, unit_rows
from penempatan.explain.training import LICENCE_WHEN
from penempatan.model import Params, ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.solver import solve
from tests.instances import make_instance

EVIL = '=HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProblemData, Tables, Result, Path]:
    base = make_instance(3, 60, 3)
    employees = list(base.employees)
    employees[0] = employees[0].model_copy(update={"nama": EVIL})
    data = base.replace(employees=tuple(employees), scenario_name="Uji")
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    assert result.feasible
    path = tmp_path_factory.mktemp("plan") / "rencana.xlsx"
    write_plan(path, data, tables, result, versions={"ortools": "9.x", "seed": "7"})
    return data, tables, result, path


def _rows(path: Path, sheet: str) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    try:
        return list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()


def test_sheets_in_order_with_exact_headers(plan):
    """The workbook has exactly the SPEC 5 sheets, in order, each with its header row."""
    *_, path = plan
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    assert wb.sheetnames == ["Ringkasan", "Usulan Mutasi", "Daftar Usulan", "Rantai Mutasi", "Tanggapan", "Tetap",
                             "Jabatan Kosong", "Kebutuhan Pelatihan", "Per Unit", "Keadilan", "Parameter",
                             "Kode Aturan"]
    for name, header in SHEETS.items():
        ws = wb[name]
        assert tuple(c.value for c in ws[1]) == header
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        if name != "Daftar Usulan":  # its signature block follows the filtered rows
            assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    assert SHEETS["Usulan Mutasi"][12:] == ("Rantai", "Urutan Rantai", "Tujuan", "Alasan", "Penjelasan", "Perhatian")
    assert SHEETS["Jabatan Kosong"][-1] == "Calon"
    assert SHEETS["Kebutuhan Pelatihan"] == ("NIP", "Nama", "Jabatan Tujuan", "Pelatihan", "Dasar", "Kapan")
    assert SHEETS["Tanggapan"] == ("NIP", "Nama", "Usulan", "Tanggapan", "Alasan", "Keputusan", "Catatan")
    assert SHEETS["Rantai Mutasi"][-1] == "Keputusan"


def test_one_row_per_mover_and_per_stayer(plan):
    """Usulan Mutasi has one row per move and Tetap one per stayer, each with a reason."""
    data, tables, result, path = plan
    moved = result.assignment != tables.cur
    moves = _rows(path, "Usulan Mutasi")[1:]
    stays = _rows(path, "Tetap")[1:]
    assert len(moves) == int(moved.sum())
    assert len(stays) == int((~moved).sum())
    nips = [e.nip for e in data.employees]
    assert {r[0] for r in moves} == {nips[i] for i in np.nonzero(moved)[0]}
    assert {r[0] for r in stays} == {nips[i] for i in np.nonzero(~moved)[0]}
    alasan = SHEETS["Usulan Mutasi"].index("Alasan")
    assert all(r[alasan] for r in moves) and all(r[-1] for r in stays)
    assert all(re.fullmatch(r"C\d{3}", r[12]) and r[13] >= 1 for r in moves)


def test_nip_and_formula_like_names_are_text(plan):
    """NIP cells are strings and a Nama starting with '=' is a string cell, not a formula."""
    data, *_, path = plan
    wb = load_workbook(path)
    seen_evil = 0
    for name in ("Usulan Mutasi", "Tetap", "Kebutuhan Pelatihan"):
        ws = wb[name]
        for row in ws.iter_rows(min_row=2):
            assert row[0].data_type == "s" and isinstance(row[0].value, str)
            assert re.fullmatch(r"\d{18}", row[0].value)
            if row[1].value == EVIL:
                assert row[1].data_type == "s"
                seen_evil += 1
    assert seen_evil >= 1
    for ws in wb:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_per_unit_numbers_add_up(plan):
    """Per unit: Σ bezetting before and after equal the employees; before + in − out = after for every unit and
    location; a unit's locations add up to the unit; no location and no unit ends with fewer seats filled (R21)."""
    data, tables, result, path = plan
    rows = _rows(path, "Per Unit")[1:]
    units = [r for r in rows if r[1] == "(seluruh unit)"]
    assert [r[0] for r in units] == data.units
    assert sum(r[3] for r in units) == len(data.employees)
    assert sum(r[4] for r in units) == len(data.employees)
    assert sum(r[2] for r in units) == sum(p.kebutuhan for p in data.positions)
    for r in rows:
        assert r[3] + r[7] - r[8] == r[4]
        assert r[6] >= r[5]  # R21: seats filled after ≥ before, per unit and per location
        assert r[9] == "sesuai" or re.fullmatch(r"(kurang \d+)?(, )?(lebih \d+)?", r[9])
    assert_locations_add_up(units, [r for r in rows if r[1] != "(seluruh unit)"])


def assert_locations_add_up(units: list[tuple], places: list[tuple]) -> None:
    """Each unit with locations has two or more, and their Kebutuhan, bezetting and seats filled add up to it."""
    for unit in units:
        inside = [r for r in places if r[0] == unit[0]]
        if inside:
            assert len(inside) >= 2
            for col in (2, 3, 4, 5, 6):
                assert sum(r[col] for r in inside) == unit[col]


def test_per_unit_shows_schools_and_puskesmas() -> None:
    """On the demo pemda, Per Unit has a row per school and puskesmas under its unit, adding up to the unit."""
    data = generate_demo(n_pegawai=600, seed=1)
    tables = Tables(data)
    rows = [tuple(r.cells()) for r in unit_rows(PlanView(data, tables, solve(data, 30, tables=tables)))]
    units = [r for r in rows if r[1] == UnitRow.WHOLE_UNIT]
    places = [r for r in rows if r[1] != UnitRow.WHOLE_UNIT]
    assert len(units) == len(data.units)
    assert any(r[1].startswith("SD") for r in places) and any("Puskesmas" in r[1] for r in places)
    assert_locations_add_up(units, places)
    assert all(r[6] >= r[5] for r in rows)


def test_empty_posts_are_exactly_the_understaffed_ones(plan):
    """Jabatan Kosong lists exactly the posts with fewer people than Kebutuhan after the plan."""
    data, tables, result, path = plan
    after = np.bincount(result.assignment, minlength=len(data.positions))
    expected = {p.kode: p.kebutuhan - int(after[j]) for j, p in enumerate(data.positions)
                if after[j] < p.kebutuhan}
    rows = _rows(path, "Jabatan Kosong")[1:]
    assert {r[0]: r[3] for r in rows} == expected
    assert all(r[4] for r in rows)


def test_training_rows_belong_to_movers(plan):
    """Every training row names a mover, their target post, a course, its basis and when; a licence row (R22)
    names someone the plan does not move, an empty seat of a licensed JF family and the licence."""
    data, tables, result, path = plan
    target = {data.employees[i].nip: data.positions[int(result.assignment[i])].nama
              for i in np.nonzero(result.assignment != tables.cur)[0]}
    rows = _rows(path, "Kebutuhan Pelatihan")[1:]
    assert rows
    for r in rows:
        if r[5] == LICENCE_WHEN:
            assert r[0] not in target and "lisensi" in r[3] and "PermenPANRB 1/2023" in r[4]
            continue
        assert target[r[0]] == r[2]
        assert r[3] and r[4] and r[5] in ("sebelum pelantikan", "sesudah pelantikan")


def test_move_rows_carry_purpose_explanation_and_flags(plan):
    """Usulan Mutasi: every row has a Tujuan and a Penjelasan without rule codes or scores; a Perhatian
    wherever the move is flagged; the Penjelasan names the courses due before the pelantikan."""
    data, tables, result, path = plan
    rows = _rows(path, "Usulan Mutasi")
    col = {h: k for k, h in enumerate(rows[0])}
    courses: dict[str, list[str]] = {}
    for r in _rows(path, "Kebutuhan Pelatihan")[1:]:
        if r[5] == "sebelum pelantikan":
            courses.setdefault(r[0], []).append(r[3])
    for r in rows[1:]:
        assert r[col["Tujuan"]]
        text = r[col["Penjelasan"]]
        assert text.startswith("Anda diusulkan pindah") and not re.search(r"\bR\d+\b", text)
        assert str(r[col["Skor Tujuan"]]) not in re.findall(r"\d+", text.replace(r[col["Jabatan Tujuan"]], ""))
        for course in courses.get(r[0], []):
            assert course in text
        if r[col["Perhatian"]]:
            assert "Perhatian: " in r[col["Alasan"]]


def test_ringkasan_shows_share_moved_and_flags(plan):
    """Ringkasan: the share of staff moved, moves per purpose and per flag, and mean fit before/after."""
    data, tables, result, path = plan
    summary = dict(_rows(path, "Ringkasan")[1:])
    moves = int((result.assignment != tables.cur).sum())
    assert summary["Pegawai dipindah (%)"] == pytest.approx(round(100 * moves / len(data.employees), 2))
    flagged = _rows(path, "Usulan Mutasi")
    col = flagged[0].index("Perhatian")
    assert summary["Mutasi dengan Perhatian"] == sum(1 for r in flagged[1:] if r[col])
    assert summary["Perhatian: tidak bersedia"] == sum(1 for r in flagged[1:] if "tidak bersedia" in (r[col] or ""))
    assert sum(summary[k] for k in summary if str(k).startswith("Tujuan: ")) >= moves
    fit_before = float(np.mean([int(result.candidates.score[k]) for k in np.nonzero(result.candidates.stay)[0]]))
    assert summary["Rata-rata kesesuaian sebelum"] == pytest.approx(round(fit_before, 2))


def test_curve_sheet_when_given(tmp_path, plan):
    """With a benefit curve the workbook ends with a Kurva Manfaat sheet, one row per point."""
    from penempatan.curve import CURVE_HEADER, benefit_curve
    from penempatan.excel.write_plan import CURVE_SHEET

    data, tables, result, _ = plan
    curve = benefit_curve(data, tables=tables, result=result, caps=[0, 2])
    out = tmp_path / "kurva.xlsx"
    write_plan(out, data, tables, result, curve=curve)
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == [*SHEETS, CURVE_SHEET]
    rows = list(wb[CURVE_SHEET].iter_rows(values_only=True))
    assert rows[0] == CURVE_HEADER
    assert [r[0] for r in rows[1:]] == [0, 2, "tanpa batas"]
    assert rows[-1][1] == int((result.assignment != tables.cur).sum())


def test_summary_and_parameters(plan):
    """Ringkasan counts moves by type and echoes the scenario; Parameter lists every Params field."""
    data, tables, result, path = plan
    summary = dict(_rows(path, "Ringkasan")[1:])
    moves = int((result.assignment != tables.cur).sum())
    assert summary["Status"] == result.status.value
    assert summary["Nilai Objektif"] == result.objective
    kinds = summary["Promosi"] + summary["Rotasi"] + summary["Mutasi antar unit"] + summary["Perpindahan JF"]
    assert kinds == moves
    assert summary["Kursi wajib terisi (R12)"] == f"{result.must_fill_filled} dari {result.must_fill_seats}"
    assert summary["Kelebihan pegawai tersisa (R11)"] == result.surplus_kept
    assert summary["Skenario"] == "Uji"
    assert summary["Tanggal acuan"].date() == data.params.tanggal_acuan
    params = {r[0]: r[1] for r in _rows(path, "Parameter")[1:]}
    for name in Params.model_fields:
        assert name in params
    assert params["biaya_mutasi"] == data.params.biaya_mutasi
    assert params["versi OR-Tools"] == "9.x"
    assert str(params["seed"]) == "7"
    assert params["skenario"] == "Uji"


def test_sha256_of_the_input_file(tmp_path, plan):
    """Without data.source_sha256 the Parameter sheet carries the SHA-256 of input_path."""
    data, tables, result, _ = plan
    source = tmp_path / "data.xlsx"
    source.write_bytes(b"isi masukan")
    out = tmp_path / "out.xlsx"
    write_plan(out, data, tables, result, input_path=source)
    params = {r[0]: r[1] for r in _rows(out, "Parameter")[1:]}
    assert params["sha256_input"] == hashlib.sha256(b"isi masukan").hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.xlsx", "out.xlsx"]  # no temporary left


def test_writing_twice_gives_identical_bytes(tmp_path, plan):
    """Two writes of the same plan are byte-identical: fixed document dates and zip entry times."""
    data, tables, result, _ = plan
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_plan(a, data, tables, result)
    write_plan(b, data, tables, result)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())
        core = z.read("docProps/core.xml").decode()
    stamp = data.params.tanggal_acuan.isoformat()
    assert f">{stamp}T00:00:00Z</dcterms:modified>" in core
    assert f">{stamp}T00:00:00Z</dcterms:created>" in core


def test_chain_sheet_rebuilds_exactly_the_moves(plan):
    """Rantai Mutasi has one row per chain; its ids and sizes match Usulan Mutasi, and the Urutan names
    the movers of the chain in order."""
    data, tables, result, path = plan
    moves = _rows(path, "Usulan Mutasi")[1:]
    chains = _rows(path, "Rantai Mutasi")[1:]
    by_chain: dict[str, list[tuple]] = {}
    for r in moves:
        by_chain.setdefault(r[12], []).append(r)
    assert [r[0] for r in chains] == sorted(by_chain)
    assert sum(r[2] for r in chains) == len(moves)
    for r in chains:
        members = sorted(by_chain[r[0]], key=lambda m: m[13])
        assert r[2] == len(members)
        assert [m[13] for m in members] == list(range(1, len(members) + 1))
        assert r[1] in ("rantai", "siklus")
        assert r[3].startswith("Siklus: kursi " if r[1] == "siklus" else "Kursi kosong ")
        pos = [r[3].index(f"{m[1]} (dari {m[3]} ") for m in members]  # name (dari origin kode …)
        assert pos == sorted(pos)
        assert r[5] == sum(m[11] - m[10] for m in members)  # Total Kenaikan Skor = Σ (tujuan − asal)
        assert r[6] in ("Ya", "Tidak")
        units = {m[5] for m in members} | {m[8] for m in members}
        assert set(r[4].split("; ")) == units


def test_codes_have_their_legend_and_parameters_their_names(plan):
    """Issue 23: sheet Kode Aturan explains every rule code the other sheets show (R1 … R27, with its wording,
    legal source and parameter), and sheet Parameter names each parameter in words next to its key."""
    from penempatan.parameters import PARAM_LABELS

    *_, path = plan
    legend = {r[0]: r for r in _rows(path, "Kode Aturan")[1:]}
    assert [f"R{k}" for k in range(1, 28)] == list(legend)
    shown = " ".join(str(c) for sheet in ("Usulan Mutasi", "Tetap", "Jabatan Kosong") for row in _rows(path, sheet)
                     for c in row if c)
    used = set(re.findall(r"\bR\d{1,2}\b", shown))
    assert used and used <= set(legend)
    assert all(legend[code][1] for code in legend)
    assert legend["R13"][3] == f"{PARAM_LABELS['maks_keluar_unit_persen']} (maks_keluar_unit_persen)"
    names = {r[0]: r[2] for r in _rows(path, "Parameter")[1:] if r[0] in PARAM_LABELS}
    assert names == PARAM_LABELS
