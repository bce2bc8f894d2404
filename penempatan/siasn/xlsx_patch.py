"""A workbook's bytes with some cells of one sheet changed and new table sheets added, without loading the
workbook: the changed rows of the sheet's XML are rewritten, every other part (other sheets, shared strings,
validations, the planner's formatting) is copied byte for byte. openpyxl's round trip of a 5,000-row workbook
takes seconds per direction (benchmarks/RESULTS.md); this takes a fraction of one.

Text goes in as inline strings (never a formula), dates as serial numbers with a `DD-MM-YYYY` cell style added
to the workbook's styles. A workbook this module does not understand (rows without their `r` reference, a sheet
of the new names already there) gives None: the caller then falls back to openpyxl.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from penempatan.excel.xlsx_rows import column_number, sheet_parts
from penempatan.text import DATE_FORMAT

_ROW = re.compile(r"<row\b[^>]*?(?:/>|>.*?</row>)", re.S)
_CELL = re.compile(r"<c\b[^>]*?(?:/>|>.*?</c>)", re.S)
_REF = re.compile(r'\br="([A-Z]+)(\d+)"')
_ROW_NUMBER = re.compile(r'^<row\b[^>]*?\br="(\d+)"')
_STYLE = re.compile(r'\bs="(\d+)"')
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_TYPE = _REL + "/worksheet"
_WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

Table = tuple[str, Sequence[str], Iterable[Sequence[object]], dict[str, float]]
"""A new sheet: its title, headers, rows and column widths by header."""


class _Unsupported(Exception):
    """The workbook has a shape this module does not rewrite; the caller uses openpyxl instead."""


Edits = tuple[dict[str, int], dict[tuple[int, str], object]]
"""The changes to one sheet: its column positions (name -> 0-based) and cells ((Excel row, name) -> value)."""


def patch_workbook(raw: bytes, edits: dict[str, Edits], tables: Sequence[Table]) -> bytes | None:
    """`raw` with each sheet's cells put in (None empties a cell; a column name the sheet lacks gets a header
    after its last column) and `tables` added as sheets; None when the workbook's shape is not understood."""
    try:
        return _patch(raw, edits, tables)
    except (_Unsupported, KeyError, ValueError, zipfile.BadZipFile):
        return None


def _patch(raw: bytes, edits: dict[str, Edits], tables: Sequence[Table]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    parts = sheet_parts(source)
    if any(sheet not in parts for sheet in edits) or any(title in parts for title, *_ in tables):
        raise _Unsupported
    changed: dict[str, bytes] = {}
    styles_part = _styles_part(source)
    styles, date_style = _with_date_style(source.read(styles_part).decode("utf-8"))
    changed[styles_part] = styles.encode("utf-8")
    header_style = None
    for sheet, (positions, cells) in edits.items():
        member = parts[sheet]
        changed[member], style = _patched_sheet(source.read(member).decode("utf-8"), positions, cells, date_style)
        header_style = header_style or style
    workbook = source.read("xl/workbook.xml").decode("utf-8")
    rels = source.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    types = source.read("[Content_Types].xml").decode("utf-8")
    sheet_id = max((int(v) for v in re.findall(r'<sheet\b[^>]*\bsheetId="(\d+)"', workbook)), default=0)
    for title, headers, table_rows, widths in tables:
        sheet_id += 1
        number = sheet_id
        while f"xl/worksheets/sheet{number}.xml" in source.NameToInfo:
            number += 1
        name = f"xl/worksheets/sheet{number}.xml"
        rid = f"rIdSiasn{sheet_id}"
        if f'Id="{rid}"' in rels:
            raise _Unsupported
        changed[name] = _table_sheet(headers, table_rows, widths, date_style, header_style).encode("utf-8")
        workbook = _insert_before(workbook, "</sheets>", f'<sheet xmlns:r="{_REL}" name={quoteattr(title)} '
                                  f'sheetId="{sheet_id}" state="visible" r:id="{rid}"/>')
        rels = _insert_before(rels, "</Relationships>", f'<Relationship Type="{_WORKSHEET_TYPE}" '
                              f'Target="/{name}" Id="{rid}"/>')
        types = _insert_before(types, "</Types>", f'<Override PartName="/{name}" ContentType="{_WORKSHEET_CONTENT}"/>')
    changed["xl/workbook.xml"] = workbook.encode("utf-8")
    changed["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    changed["[Content_Types].xml"] = types.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
        for info in source.infolist():
            if info.filename in changed:
                target.writestr(_entry(info.filename, info.date_time), changed.pop(info.filename))
            else:
                target.writestr(info, source.read(info.filename))
        for name, content in changed.items():
            target.writestr(_entry(name, _FIXED_TIME), content)
    return out.getvalue()


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _entry(name: str, when: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """A compressed zip entry with a given time, not the clock's: the same workbook and dumps give the same bytes,
    so `solve --riwayat`'s sha256_input is that of the workbook `siasn --data` writes from them."""
    info = zipfile.ZipInfo(name, when)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _patched_sheet(xml: str, positions: dict[str, int], cells: dict[tuple[int, str], object],
                   date_style: int) -> tuple[bytes, str | None]:
    """One sheet's XML with `cells` put in; also the style of its first header cell (for new sheets' headers)."""
    head, rows, tail = _split_sheet(xml)
    header = rows.get(1, "")
    last = max((column_number(m.group(1)) for m in _REF.finditer(header)), default=0)
    header_style = next((m.group(1) for m in _STYLE.finditer(header)), None)
    numbers = {name: k + 1 for name, k in positions.items()}
    by_row: dict[int, dict[int, object]] = {}
    for (row, name), value in cells.items():
        if name not in numbers:
            last += 1
            numbers[name] = last
            by_row.setdefault(1, {})[last] = (name, "header")
        by_row.setdefault(row, {})[numbers[name]] = value
    for row, values in by_row.items():
        rows[row] = _patched_row(row, rows.get(row), values, date_style, header_style)
    body = "".join(rows[r] for r in sorted(rows))
    dimension = re.search(r'<dimension\b[^>]*\bref="[A-Z]+\d+:([A-Z]+)(\d+)"[^>]*/>', head)
    if dimension is not None:  # readers size their rows by it: keep it covering the new cells
        right = get_column_letter(max(column_number(dimension.group(1)), last))
        bottom = max(int(dimension.group(2)), max(rows, default=1))
        head = head[:dimension.start()] + f'<dimension ref="A1:{right}{bottom}"/>' + head[dimension.end():]
    else:
        head = re.sub(r"<dimension\b[^>]*/>", "", head)
    return (head + "<sheetData>" + body + "</sheetData>" + tail).encode("utf-8"), header_style


def _insert_before(xml: str, closing: str, element: str) -> str:
    at = xml.rfind(closing)
    if at < 0:
        raise _Unsupported
    return xml[:at] + element + xml[at:]


def _styles_part(source: zipfile.ZipFile) -> str:
    rels = source.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    m = re.search(r'<Relationship\b[^>]*Type="[^"]*/styles"[^>]*/>', rels)
    target = re.search(r'Target="([^"]+)"', m.group(0)) if m else None
    if target is None:
        raise _Unsupported
    path = target.group(1)
    return path.lstrip("/") if path.startswith("/") else "xl/" + path


def _with_date_style(styles: str) -> tuple[str, int]:
    """The styles part with a cell style for DATE_FORMAT appended, and that style's index."""
    fmt = re.search(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="(?i:dd-mm-yyyy)"[^>]*/>', styles)
    if fmt is not None:
        fmt_id = int(fmt.group(1))
    else:
        ids = [int(v) for v in re.findall(r'<numFmt\b[^>]*numFmtId="(\d+)"', styles)]
        fmt_id = max([163, *ids]) + 1
        element = f'<numFmt numFmtId="{fmt_id}" formatCode="{DATE_FORMAT}"/>'
        if "<numFmts" in styles:
            styles = re.sub(r"</numFmts>", element + "</numFmts>", styles, count=1)
            styles = re.sub(r'(<numFmts\b[^>]*count=")(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + 1),
                            styles, count=1)
        else:
            styles = re.sub(r"(<styleSheet\b[^>]*>)", lambda m: m.group(1) + f'<numFmts count="1">{element}</numFmts>',
                            styles, count=1)
    xfs = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.S)
    if xfs is None:
        raise _Unsupported
    count = len(re.findall(r"<xf\b", xfs.group(1)))
    xf = f'<xf numFmtId="{fmt_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    start, end = xfs.span(1)
    styles = styles[:start] + xfs.group(1) + xf + styles[end:]
    styles = re.sub(r'(<cellXfs\b[^>]*count=")(\d+)', lambda m: m.group(1) + str(count + 1), styles, count=1)
    return styles, count


def _split_sheet(xml: str) -> tuple[str, dict[int, str], str]:
    """(what comes before <sheetData>, its rows by Excel row number, what comes after </sheetData>)."""
    empty = re.search(r"<sheetData\s*/>", xml)
    if empty is not None:
        return xml[:empty.start()], {}, xml[empty.end():]
    start, end = xml.find("<sheetData>"), xml.rfind("</sheetData>")
    if start < 0 or end < 0:
        raise _Unsupported
    inner = xml[start + len("<sheetData>"):end]
    rows: dict[int, str] = {}
    covered = 0
    for m in _ROW.finditer(inner):
        number = _ROW_NUMBER.match(m.group(0))
        if number is None or inner[covered:m.start()].strip():
            raise _Unsupported  # a row without its reference, or something between rows
        rows[int(number.group(1))] = m.group(0)
        covered = m.end()
    if inner[covered:].strip():
        raise _Unsupported
    return xml[:start], rows, xml[end + len("</sheetData>"):]


def _patched_row(row: int, xml: str | None, values: dict[int, object], date_style: int,
                 header_style: str | None) -> str:
    """One <row> with `values` (column number -> value) put in, cells kept in column order."""
    if xml is None:
        open_tag, body = f'<row r="{row}">', ""
    else:
        m = re.match(r"<row\b[^>]*?(/?)>", xml)
        if m is None:
            raise _Unsupported
        open_tag = re.sub(r'\s+spans="[^"]*"', "", m.group(0).rstrip("/>").rstrip("/") + ">")
        body = "" if m.group(1) else xml[m.end():-len("</row>")]
    cells: dict[int, str] = {}
    for c in _CELL.finditer(body):
        ref = _REF.search(c.group(0)[:c.group(0).find(">") + 1])
        if ref is None:
            raise _Unsupported
        cells[column_number(ref.group(1))] = c.group(0)
    for column, value in values.items():
        old = cells.pop(column, None)
        own = _STYLE.search(old[:old.find(">") + 1]) if old else None
        style = own.group(1) if own else None
        if isinstance(value, tuple) and len(value) == 2 and value[1] == "header":
            cells[column] = cell_xml(f"{get_column_letter(column)}{row}", value[0], date_style, header_style)
        elif value is not None and value != "":
            cells[column] = cell_xml(f"{get_column_letter(column)}{row}", value, date_style, style)
    return open_tag + "".join(cells[k] for k in sorted(cells)) + "</row>"


def cell_xml(ref: str, value: object, date_style: int, style: str | None = None) -> str:
    """One <c>: text as an inline string (never a formula), a date as a serial number in the date style, a number
    as a number; `style` keeps the cell's own style (not for dates)."""
    keep = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c r="{ref}"{keep} t="inlineStr">{_inline(value)}</c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{ref}" s="{date_style}"><v>{int(to_excel(value))}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"{keep}><v>{value!r}</v></c>'
    return f'<c r="{ref}"{keep} t="inlineStr">{_inline(str(value))}</c>'


@lru_cache(maxsize=1 << 16)
def _inline(value: str) -> str:
    """The <is> element of an inline-string cell (names, units, record kinds repeat on many rows)."""
    text = escape(_ILLEGAL_XML.sub("", value))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<is><t{space}>{text}</t></is>"


def _table_sheet(headers: Sequence[str], rows: Iterable[Sequence[object]], widths: dict[str, float], date_style: int,
                 header_style: str | None) -> str:
    """A sheet with a frozen header row, column widths and an autofilter over its rows."""
    parts = ['<row r="1">' + "".join(cell_xml(f"{get_column_letter(c)}1", h, date_style, header_style)
                                      for c, h in enumerate(headers, 1)) + "</row>"]
    n = 1
    for n, values in enumerate(rows, 2):
        parts.append(f'<row r="{n}">' + "".join(cell_xml(f"{get_column_letter(c)}{n}", v, date_style)
                                                 for c, v in enumerate(values, 1) if v is not None and v != "")
                     + "</row>")
    cols = "".join(f'<col min="{c}" max="{c}" width="{widths.get(h, 16)}" customWidth="1"/>'
                   for c, h in enumerate(headers, 1))
    last = get_column_letter(len(headers))
    return (f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}{n}"/><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<cols>{cols}</cols><sheetData>'
            + "".join(parts) + f'</sheetData><autoFilter ref="A1:{last}{n}"/></worksheet>')
