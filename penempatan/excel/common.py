"""Small helpers every workbook writer shares: atomic save and text that never becomes a formula."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from penempatan.atomic import write_atomically
from penempatan.text import yes_no


def atomic_save(workbook: Workbook, path: Path) -> None:
    """Write to a temporary file beside `path`, then rename (see `atomic.write_atomically`): a crash never
    leaves half a workbook, and inside `atomic.output_batch` all outputs of a run are renamed together."""
    try:
        write_atomically(path, workbook.save, suffix=".xlsx")
    except BaseException:
        _abandon(workbook)
        raise


def _abandon(workbook: Workbook) -> None:
    """Close the row streams of a write-only workbook that will not be saved, so that garbage collection does
    not print "Exception ignored … I/O operation on closed file" tracebacks for each sheet."""
    for ws in getattr(workbook, "_sheets", []):
        rows = getattr(ws, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(Exception):
                Path(writer.out).unlink(missing_ok=True)


def header_positions(path: Path) -> dict[str, dict[str, int]]:
    """Sheet name -> column header text -> 1-based column number, from row 1 of each sheet of the workbook
    at `path`; {} when the file cannot be read. Lets a message name a cell (G8) when a problem only knows its
    column's header. Reads only the start of each sheet's XML, whatever the sheet's size."""
    import zipfile

    from defusedxml.ElementTree import iterparse

    from penempatan.excel.xlsx_rows import column_number, sheet_parts

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    out: dict[str, dict[str, int]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            headers: dict[str, list[tuple[int, str, str]]] = {}
            for name, member in sheet_parts(z).items():
                cells: list[tuple[int, str, str]] = []
                with z.open(member) as f:
                    for _, el in iterparse(f, events=("end",)):
                        if el.tag == f"{main}c":
                            ref, kind = el.get("r", ""), el.get("t", "n")
                            letters = "".join(ch for ch in ref if ch.isalpha())
                            text = "".join(t.text or "" for t in el.iter(f"{main}t")) if kind == "inlineStr" \
                                else (el.findtext(f"{main}v") or "")
                            cells.append((column_number(letters), kind, text))
                        elif el.tag == f"{main}row":
                            break
                headers[name] = cells
            wanted = {int(text) for cells in headers.values() for _, kind, text in cells if kind == "s"}
            shared = _shared_strings(z, max(wanted)) if wanted else []
            for name, cells in headers.items():
                out[name] = {}
                for number, kind, text in cells:
                    value = shared[int(text)] if kind == "s" and int(text) < len(shared) else text
                    if value.strip():
                        out[name].setdefault(value.strip(), number)
    except Exception:  # a file the reader refused: the messages then name rows, not cells
        return {}
    return out


def _shared_strings(z: Any, last: int) -> list[str]:
    """The workbook's shared strings up to index `last`."""
    from defusedxml.ElementTree import iterparse

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    out: list[str] = []
    with z.open("xl/sharedStrings.xml") as f:
        for _, el in iterparse(f, events=("end",)):
            if el.tag == f"{main}si":
                # the text is in <t> or in rich-text runs <r><t>; phonetic guides <rPh> are not part of it
                out.append("".join(t.text or "" for t in (*el.findall(f"{main}t"), *el.findall(f"{main}r/{main}t"))))
                el.clear()
                if len(out) > last:
                    break
    return out


def as_text(value: object) -> str:
    return "" if value is None else str(value)


def text_cell(sheet: WriteOnlyWorksheet, value: object, **style: Any) -> WriteOnlyCell:
    """A write-only cell holding `value` as text, even when it starts with '=' (no formula injection)."""
    cell = WriteOnlyCell(sheet, value=as_text(value))
    cell.data_type = "s"
    for name, attr in style.items():
        setattr(cell, name, attr)
    return cell


def param_value(value: object) -> object:
    """A Params value as a planner types it in `Pengaturan`: Ya/Tidak, lists joined with '; ', whole
    numbers without '.0'; dates and None are left to the caller (text in the input, a date cell in the
    output)."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
