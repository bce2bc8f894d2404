"""`Daftar Usulan` and the print layout of the plan workbook (issue 23): page setup, legible sizes, row heights
that fit the wrapped text, the moves in order, text never a formula, numbers in the Indonesian form."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from penempatan.committee import COLUMNS, SIGNERS, short_reason
from penempatan.excel.move_list import FONT_PT, SHEET, WIDTHS
from penempatan.excel.print_layout import (
    BASE_FONT_PT,
    PAGE_PX,
    line_height,
    printed_px,
    text_lines,
    text_px,
    text_room_px,
)
from penempatan.excel.sheets import INTEGER_FORMAT, PERCENT_FORMAT
from penempatan.excel.write_plan import write_plan
from penempatan.explain import MoveRow
from penempatan.model import ProblemData
from penempatan.result import Result
from penempatan.scoring import Tables
from penempatan.solver import solve
from tests.instances import make_instance

EVIL = '=HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProblemData, Result, Path]:
    base = make_instance(3, 60, 3)
    data = base.replace(employees=tuple(e.model_copy(update={"nama": EVIL}) if k == 0 else e
                                        for k, e in enumerate(base.employees)))
    tables = Tables(data)
    result = solve(data, 10, tables=tables)
    assert result.feasible
    path = tmp_path_factory.mktemp("cetak") / "rencana.xlsx"
    write_plan(path, data, tables, result)
    return data, result, path


def _widths(ws: Worksheet, n: int) -> list[float]:
    return [ws.column_dimensions[ws.cell(1, k).column_letter].width for k in range(1, n + 1)]


def test_list_page_setup(plan):
    """A4 landscape fitted to the page width only, at 100 % (the columns fit the page), the header row on every
    page, 'Halaman &P dari &N' in the footer and the title in the page header."""
    ws = load_workbook(plan[2])[SHEET]
    setup = ws.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddFooter.right.text == "Halaman &P dari &N"
    assert "DAFTAR USULAN" in (ws.oddHeader.center.text or "")
    assert tuple(_widths(ws, len(COLUMNS))) == WIDTHS and printed_px(WIDTHS) <= PAGE_PX


def test_list_one_row_per_move_in_order_with_empty_decision(plan):
    """One numbered row per move, in the order of `Usulan Mutasi`; `Keputusan` empty; the signature block
    (Ketua, Sekretaris, Anggota) follows the last row."""
    wb = load_workbook(plan[2])
    moves = list(wb["Usulan Mutasi"].iter_rows(min_row=2, values_only=True))
    rows = list(wb[SHEET].iter_rows(values_only=True))
    assert rows[0] == COLUMNS and moves
    listed = rows[1:len(moves) + 1]
    assert [r[0] for r in listed] == list(range(1, len(moves) + 1))
    assert [r[1].split("\n")[-1] for r in listed] == [m[0] for m in moves]  # NIP under the name
    assert all(r[2].startswith(str(m[4])) and r[3].startswith(str(m[7])) for r, m in zip(listed, moves, strict=True))
    assert all(r[COLUMNS.index("Keputusan")] is None for r in listed)
    after = [v for r in rows[len(moves) + 1:] for v in r if v]
    assert set(SIGNERS) <= set(after)


def test_list_prints_at_nine_points_with_rows_tall_enough(plan):
    """Every written cell is at least 9 pt; each move's row is at least as tall as the lines of its tallest
    wrapped cell need, and every cell wraps."""
    ws = load_workbook(plan[2])[SHEET]
    n_moves = sum(1 for r in ws.iter_rows(min_row=2, values_only=True) if isinstance(r[0], int))
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            if cell.value is not None:
                assert cell.font.sz >= FONT_PT, cell.coordinate
    for r in range(2, n_moves + 2):
        cells = [ws.cell(r, k + 1) for k in range(len(COLUMNS))]
        lines = max(text_lines(str(c.value or ""), w, FONT_PT) for c, w in zip(cells, WIDTHS, strict=True))
        assert ws.row_dimensions[r].height >= lines * line_height(FONT_PT), r
        assert all(c.alignment.wrap_text for c in cells)


def test_list_text_is_never_a_formula(plan):
    """A name that looks like a formula stays text in the list, as every text from the input does."""
    ws = load_workbook(plan[2])[SHEET]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", cell.coordinate
    names = [c.value for c in ws["B"][1:] if isinstance(c.value, str)]
    moved = EVIL in {m.split("\n")[0] for m in names}
    usulan = [r[1] for r in load_workbook(plan[2])["Usulan Mutasi"].iter_rows(min_row=2, values_only=True)]
    assert moved == (EVIL in usulan)


def test_other_sheets_print_legibly_with_tall_enough_rows(plan):
    """Every other sheet prints at 8 pt or more when fitted to the page width (a wide one may need more),
    and a wrapped cell's row is tall enough for its lines."""
    wb = load_workbook(plan[2])
    for ws in wb.worksheets:
        if ws.title == SHEET:
            continue
        widths = _widths(ws, ws.max_column)
        scale = min(1.0, PAGE_PX / printed_px(widths))
        assert BASE_FONT_PT * scale >= 8, ws.title
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and text_px(cell.value) > text_room_px(widths[cell.column - 1]):
                    assert cell.alignment.wrap_text, cell.coordinate
                    lines = text_lines(cell.value, widths[cell.column - 1])
                    height = ws.row_dimensions[cell.row].height
                    assert height is not None and height >= min(409, lines * line_height(BASE_FONT_PT)), cell.coordinate


def test_numbers_in_the_indonesian_form(plan):
    """Whole numbers from 1.000 up carry the Indonesian locale tag ([$-421]: 412.326 in LibreOffice whatever
    its locale), the gap a percent with a decimal comma."""
    wb = load_workbook(plan[2])
    ringkasan = {r[0].value: r[1] for r in wb["Ringkasan"].iter_rows(min_row=2)}
    assert ringkasan["Gap"].number_format == PERCENT_FORMAT
    big = [c for ws in wb.worksheets for row in ws.iter_rows(min_row=2) for c in row
           if isinstance(c.value, int) and not isinstance(c.value, bool) and abs(c.value) >= 1000]
    assert big and all(c.number_format == INTEGER_FORMAT for c in big)


def _move(reason: str, purposes: str = "", flags: str = "") -> MoveRow:
    return MoveRow(nip="1", nama="A", golongan="III/a", from_kode="X", from_nama="Asal", from_unit="U1",
                   to_kode="Y", to_nama="Tujuan", to_unit="U2", kind="Rotasi", score_before=1, score_after=2,
                   chain="C001", step=1, purposes=purposes, reason=reason, penjelasan="", flags=flags)


def test_short_reason_keeps_the_facts_without_rule_wording():
    """`Alasan singkat` keeps each purpose's facts, drops the rule's wording and legal source, and adds the
    flags with their fact."""
    from penempatan.explain.words import rule_text

    reason = ("mengisi kebutuhan: jabatan tujuan terisi 0 dari 1 kursi; rotasi jatuh tempo: "
              + rule_text("R2", "7 th 1 bln ≥ 5 th")
              + "; Perhatian: dekat BUP: pensiun dalam 21 bulan; skor 67 → 70, nilai 81 (tetap: 75)")
    short = short_reason(_move(reason, "mengisi kebutuhan; rotasi jatuh tempo", "dekat BUP"))
    assert short == ("jabatan tujuan terisi 0 dari 1 kursi; 7 th 1 bln di jabatan (batas 5 th); "
                     "Perhatian: dekat BUP: pensiun dalam 21 bulan")
    assert short_reason(_move("skor 1 → 2", "permintaan pegawai")) == "permintaan pegawai"
