"""`Daftar Usulan`: the list of moves the Baperjakat reads on paper and ticks (issue 23).

One row per move, in the order of `Usulan Mutasi`: No, the person, from and to (post and unit), the kind of
move, its purposes, a short reason (the key fact behind each purpose and the committee's flags, taken from the
move's `Alasan`), and an empty `Keputusan` column to tick. Printed A4 landscape at 9 pt and 100 % (the columns
fit the page width), rows as tall as their wrapped text, the header row on every page, "Halaman X dari Y" in
the footer, and the committee's signature block after the last row, on the same page as the last moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from penempatan.committee import COLUMNS, DECISION_LINE, SIGNERS, list_cells
from penempatan.excel.print_layout import MARGIN_LR_IN, line_height, row_height, text_lines
from penempatan.excel.rows_xml import SheetRows
from penempatan.excel.sheets import print_footer
from penempatan.explain import MoveRow
from penempatan.text import date_text

SHEET = "Daftar Usulan"
WIDTHS = (4, 18, 26, 26, 10, 15, 28, 9)
"""Column widths (Excel units), within the A4 landscape page width (`print_layout.PAGE_PX`), so the sheet
prints at 100 %."""
FONT_PT = 9.0
"""The font size of every cell of the sheet, printed as it is (the sheet is not scaled down)."""
PAGE_BODY_PT = 497.0
"""Height (pt) of the printed rows of a page: A4 landscape (595 pt) less the top and bottom margins (72 pt),
less a twentieth for the readers' rounding."""
_SIGNER_COLUMNS = (2, 3, 4, 5, 7)  # B, C, D, E (spilling into the empty F) and G
_SIGN_SPACE_PT = 42.0  # room to sign
_INSTANSI_CHARS = 45  # the page header's left part, clear of the centred title

_FONT = Font(name="Calibri", size=FONT_PT)
_BOLD = Font(name="Calibri", size=FONT_PT, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")


def write_move_list(wb: Workbook, moves: Sequence[MoveRow], *, tanggal_acuan: date, instansi: str = "") -> None:
    """Add the sheet `Daftar Usulan` to the write-only workbook `wb`."""
    ws = wb.create_sheet(SHEET)
    assert isinstance(ws, WriteOnlyWorksheet)
    for k, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = "A2"
    _page_setup(ws, tanggal_acuan, instansi)
    header = row_height(1, FONT_PT) + 2
    out = SheetRows(ws)
    head = out.style(font=_BOLD, fill=_HEADER_FILL, alignment=_WRAP, border=_GRID)
    out.append([(h, head) for h in COLUMNS], header)
    body = out.style(font=_FONT, alignment=_WRAP, border=_GRID)
    used = 0.0  # height of the rows on the current page, as the page is estimated to fill
    for k, m in enumerate(moves, 1):
        cells = list_cells(k, m)
        height = row_height(max(text_lines(v, w, FONT_PT) for v, w in zip(cells, WIDTHS, strict=True)), FONT_PT)
        used = height if used + height > PAGE_BODY_PT - header else used + height
        out.append([(int(v) if c == 0 else v, body) for c, v in enumerate(cells)], height)
    _signature_block(ws, out, PAGE_BODY_PT - header - used)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(moves) + 1}"


def _signature_block(ws: WriteOnlyWorksheet, out: SheetRows, room: float) -> None:
    """The committee's decision line and signatures after the last row; moved to a new page (by a page break)
    when the `room` left on the last page is too small for it."""
    heights = [line_height(FONT_PT), row_height(1, FONT_PT), row_height(1, FONT_PT), _SIGN_SPACE_PT,
               row_height(1, FONT_PT), row_height(1, FONT_PT)]
    if sum(heights) > room:
        ws.row_breaks.append(Break(id=out.n))
    rows: list[dict[int, str]] = [
        {},
        {2: DECISION_LINE},
        dict(zip(_SIGNER_COLUMNS, SIGNERS, strict=True)),
        {},
        dict.fromkeys(_SIGNER_COLUMNS, "(..............................)"),
        dict.fromkeys(_SIGNER_COLUMNS, "NIP ............................"),
    ]
    plain, bold = out.style(font=_FONT), out.style(font=_BOLD)
    for k, (row, height) in enumerate(zip(rows, heights, strict=True)):
        style = bold if k == 2 else plain
        out.append([(row[c], style) if c in row else None for c in range(1, max(row, default=0) + 1)], height)


def _page_setup(ws: WriteOnlyWorksheet, tanggal_acuan: date, instansi: str) -> None:
    """A4 landscape at 100 % (fit to the page width, which the columns already are), the header row on every
    page, the title in the page header and "Halaman X dari Y" with the personal-data notice in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=MARGIN_LR_IN, right=MARGIN_LR_IN, top=0.5, bottom=0.5, header=0.2,
                                  footer=0.2)
    ws.print_title_rows = "1:1"
    header = ws.HeaderFooter.oddHeader
    # the letterhead's first line; "&" doubled, else Excel reads it as a header code (&P, &D …)
    header.left.text = instansi.split(";")[0].strip()[:_INSTANSI_CHARS].replace("&", "&&")
    header.left.size = 9
    header.center.text = "DAFTAR USULAN MUTASI, ROTASI DAN PROMOSI"
    header.center.size = 10
    header.center.font = "-,Bold"
    header.right.text = f"Tanggal acuan {date_text(tanggal_acuan)}"
    header.right.size = 9
    print_footer(ws, 9)
