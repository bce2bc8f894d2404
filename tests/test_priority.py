"""The published priority of requesters (SPEC 9, `penempatan prioritas`): points by part, a strict rank broken
by `urutan_seri`, the workbook and the command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.excel.columns import PERMINTAAN_COLUMNS, SHEET_PERMINTAAN
from penempatan.excel.read import read_workbook
from penempatan.excel.write_priority import PRIORITY_SHEET, SHEETS
from penempatan.model import ProblemData
from penempatan.reference import ReferenceDataError, data_dir, load_reference
from penempatan.wishes.priority import priorities, priority_ranks
from tests.conftest import workbook_maker

ANDI, DEWI, FAJAR, JOKO, RINA = ("199001012015031001", "199205202019032002", "199506062022031002",
                                 "198502022009011004", "198707072011012005")
# tanggal_acuan 01-07-2025. Andi: TMT 01-06-2019 (6 years), Baik. Dewi: TMT 01-04-2020 (5 years), Butuh Perbaikan.
# Rina: TMT 01-10-2020 (4 years), Baik, born 1987. Fajar: TMT 01-03-2022 (3 years), Baik, Unit Diminati only.
# Joko: TMT 02-01-2018 (7 years), Sangat Baik.


def _data(tmp_path: Path, rows: list[list[object]], settings: tuple[list[object], ...] = ()) -> ProblemData:
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    sheets[SHEET_PERMINTAAN] = [[c.name for c in PERMINTAAN_COLUMNS], *rows]
    sheets["Pengaturan"] += [list(r) for r in settings]
    return read_workbook(mk.save(sheets, tmp_path / "data.xlsx")).data


def test_points_by_part(tmp_path: Path) -> None:
    """Points = the strongest reason (not the sum of reasons; evidence raises it) + points per whole year in the
    post + the predikat's points; someone with only a Unit Diminati has no reason points."""
    data = _data(tmp_path, [[ANDI, 1, "PUPR-01", "pasangan", "Ya"], [ANDI, 2, "BKD-01", "lainnya", "Ya"],
                            [DEWI, 1, "BKD-01", "kesehatan", "Tidak"], [JOKO, 1, "BKD-01", "kesehatan", "Ya"]])
    ref = load_reference()
    by_nip = {data.employees[p.i].nip: p for p in priorities(data, ref)}
    andi = by_nip[ANDI]
    assert (andi.reason, andi.evidence, andi.reason_points) == ("pasangan", True, ref.alasan_of("pasangan").poin_bukti)
    assert (andi.tenure_years, andi.tenure_points, andi.performance_points) == (6, 12, 3)
    assert andi.points == ref.alasan_of("pasangan").poin_bukti + 12 + 3
    dewi = by_nip[DEWI]
    assert dewi.reason_points == ref.alasan_of("kesehatan").poin_tanpa_bukti and dewi.performance_points == 0
    assert by_nip[JOKO].performance_points == 6
    fajar = by_nip[FAJAR]  # Unit Diminati: Dinas Kesehatan
    assert (fajar.reason, fajar.reason_points, fajar.points) == (None, 0, 3 * 2 + 3)
    assert sorted(p.rank for p in by_nip.values()) == list(range(1, len(by_nip) + 1))


@pytest.mark.parametrize(("rule", "first"), [("masa_jabatan; usia", ANDI), ("usia; masa_jabatan", RINA),
                                           ("nip", RINA), ("masa_jabatan", ANDI)])
def test_ties_are_broken_by_the_published_rule(tmp_path: Path, rule: str, first: str) -> None:
    """Equal points: `urutan_seri` decides (longer in the post, older, lower NIP) and the rank stays strict. Andi
    (in his post since 2019, born 1990) and Rina (since 2020, born 1987) both Baik, same reason, no tenure points."""
    data = _data(tmp_path, [[ANDI, 1, "PUPR-01", "pasangan", "Ya"], [RINA, 1, "BKD-01", "pasangan", "Ya"]],
                 (["urutan_seri", rule], ["poin_masa_jabatan_per_tahun", 0]))
    ranked = [p for p in priorities(data) if data.employees[p.i].nip in (ANDI, RINA)]
    assert ranked[0].points == ranked[1].points
    assert data.employees[ranked[0].i].nip == first
    assert ranked[0].rank < ranked[1].rank


def test_unknown_tie_rule_is_an_input_error(tmp_path: Path) -> None:
    """An unknown criterion in urutan_seri is a located error of sheet Pengaturan, exit 2 from the command."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    sheets["Pengaturan"].append(["urutan_seri", "masa_jabatan; undian"])
    path = mk.save(sheets, tmp_path / "data.xlsx")
    result = CliRunner().invoke(app, ["--polos", "prioritas", str(path), "-o", str(tmp_path / "p.xlsx")])
    assert result.exit_code == 2, result.output
    assert "undian" in result.output and "Traceback" not in result.output


def test_prioritas_command_writes_the_published_list(tmp_path: Path) -> None:
    """`penempatan prioritas` writes sheet Prioritas (NIP as text, rank order) and the rules beside it, prints a
    summary, and refuses to replace its output without --timpa."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    sheets[SHEET_PERMINTAAN] = [[c.name for c in PERMINTAAN_COLUMNS], [ANDI, 1, "X", "pasangan", "Ya"]]
    sheets["Jabatan"].append(["X-01", "X", "BKPSDM", "Pelaksana", None, 5, 1, "SLTA"]
                             + [None] * (len(sheets["Jabatan"][0]) - 8))
    workbook = mk.build(sheets)
    for cell in (workbook[SHEET_PERMINTAAN]["C2"], workbook["Jabatan"][f"B{len(sheets['Jabatan'])}"]):
        cell.value, cell.data_type = "=HYPERLINK(1)", "s"  # a text that looks like a formula
    path = tmp_path / "data.xlsx"
    path.write_bytes(mk.to_bytes(workbook))
    out = tmp_path / "prioritas.xlsx"
    result = CliRunner().invoke(app, ["--polos", "prioritas", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "pemohon" in result.output and ANDI in result.output
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    rows = list(wb[PRIORITY_SHEET].iter_rows(values_only=True))
    assert rows[0] == SHEETS[PRIORITY_SHEET]
    assert [r[3] for r in rows[1:]] == list(range(1, len(rows)))
    cell = wb[PRIORITY_SHEET]["A2"]
    assert cell.data_type == "s" and cell.number_format == "@"
    assert any("=HYPERLINK(1)" in (r[-1] or "") for r in rows[1:])
    assert all(c.data_type != "f" for row in wb[PRIORITY_SHEET].iter_rows() for c in row)
    again = CliRunner().invoke(app, ["--polos", "prioritas", str(path), "-o", str(out)])
    assert again.exit_code == 2


def test_a_broken_prioritas_csv_is_named(tmp_path: Path) -> None:
    """A BKPSDM's wrong edit of data/prioritas.csv is a ReferenceDataError naming the file and line."""
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder, ignore=shutil.ignore_patterns("*.xlsx", "*.docx", "skenario"))
    table = folder / "prioritas.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("kesehatan,100,", "kesehatan,seratus,", 1),
                     encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="prioritas.csv baris 2"):
        load_reference(folder)


def test_priority_ranks_per_employee(tmp_path: Path) -> None:
    """priority_ranks gives each requester their rank and None to everyone else (what the solver compares)."""
    data = _data(tmp_path, [[ANDI, 1, "PUPR-01", "pasangan", "Ya"], [DEWI, 1, "BKD-01", "kesehatan", "Ya"]])
    ranks = priority_ranks(data)
    assert {data.employees[i].nip: r for i, r in enumerate(ranks) if r is not None} == {
        data.employees[p.i].nip: p.rank for p in priorities(data)}
    assert ranks[data.employee_index[JOKO]] is None
