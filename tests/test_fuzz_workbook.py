"""Issue 24: a fuzzer over input workbooks. Valid workbooks are mutated — their cell values, the XML of their parts,
the zip around them — and every one must give a plan's data or located messages (InputError), never another
exception, and the process must stay under 1 GB. Runs a few thousand workbooks in CI (hypothesis, derandomised
so CI is repeatable)."""

from __future__ import annotations

import io
import resource
import zipfile
from pathlib import Path

from conftest import workbook_maker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from penempatan.errors import InputError
from penempatan.excel.read import read_workbook

DATA = Path(__file__).parent / "data"
XML_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
             "xl/worksheets/sheet3.xml", "xl/sharedStrings.xml", "xl/styles.xml", "[Content_Types].xml")
"""The parts a mutation aims at (sheet1–3 are Pegawai, Jabatan, Pengaturan in the test workbook)."""
ONE_GB_KB = 1 << 20
BASELINE_KB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""The test process's peak before any fuzzed read: the peak may grow by less than 1 GB over it (the process
also runs every other test module, whose own peak is not the reader's)."""



mk = workbook_maker()
VALID = mk.to_bytes(mk.build(mk.valid_sheets()))
VALID_SHEETS = mk.valid_sheets()


def _read(raw: bytes, tmp: Path) -> None:
    """Read `raw` as an input workbook: data or InputError, nothing else (and no more than 1 GB)."""
    path = tmp / "fuzz.xlsx"
    path.write_bytes(raw)
    try:
        read_workbook(path)
    except InputError as exc:
        assert exc.problems  # a refusal always says why
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - BASELINE_KB < ONE_GB_KB


def _parts(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


SNIPPETS = (b"<", b">", b"</c>", b"<c r=\"XFD1048576\"><v>1</v></c>", b"<row r=\"0\">", b"r=\"-1\"", b"t=\"e\"",
            b"t=\"s\"><v>999999</v>", b"<v>1e308</v>", b"<v>nan</v>", b"&amp;", b"&#0;", b"\x00", b"\xff\xfe",
            b"<!DOCTYPE x>", b"<is><t>\x1b[2J</t></is>", b"<c r=\"A1\" t=\"inlineStr\"><is><t>=1+2</t></is></c>",
            b"<sheetData/>", b"<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>", b"r=\"AAAA1\"")


@st.composite
def mutated_xml(draw: st.DrawFn) -> bytes:
    """The valid workbook with one XML part changed: bytes cut, replaced, inserted (tags, odd references,
    huge numbers, control bytes) or the part dropped or truncated."""
    parts = _parts(VALID)
    name = draw(st.sampled_from([p for p in XML_PARTS if p in parts]))
    data = parts[name]
    kind = draw(st.sampled_from(("insert", "delete", "replace", "truncate", "drop", "duplicate")))
    at = draw(st.integers(0, len(data)))
    if kind == "insert":
        data = data[:at] + draw(st.sampled_from(SNIPPETS) | st.binary(max_size=40)) + data[at:]
    elif kind == "delete":
        data = data[:at] + data[at + draw(st.integers(1, 200)):]
    elif kind == "replace":
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + draw(st.integers(1, 8)):]
    elif kind == "truncate":
        data = data[:at]
    elif kind == "duplicate":
        data = data[:at] + data[at: at + draw(st.integers(1, 2000))] * draw(st.integers(2, 50)) + data[at:]
    if kind == "drop":
        del parts[name]
    else:
        parts[name] = data
    return _zip(parts)


@given(mutated_xml())
@settings(max_examples=2000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_mutated_xml_gives_data_or_located_messages(tmp_path: Path, raw: bytes) -> None:
    _read(raw, tmp_path)


@given(st.binary(min_size=1, max_size=4096), st.integers(0, len(VALID)))
@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_mutated_zip_bytes_give_located_messages(tmp_path: Path, junk: bytes, at: int) -> None:
    """Bytes of the .xlsx file itself overwritten (a broken download, a hostile file)."""
    _read(VALID[:at] + junk + VALID[at + len(junk):], tmp_path)


CELL_VALUES = (st.none() | st.text(max_size=60) | st.integers(-(10**30), 10**30)
               | st.floats(allow_nan=True, allow_infinity=True) | st.booleans() | st.dates() | st.datetimes())


@given(st.sampled_from(("Pegawai", "Jabatan", "Pengaturan")), st.integers(1, 12), st.integers(0, 25), CELL_VALUES)
@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_mutated_cells_give_data_or_located_messages(tmp_path: Path, sheet: str, row: int, column: int,
                                                     value: object) -> None:
    """One cell of a valid workbook set to any value openpyxl can write (text with any characters it accepts,
    huge and odd numbers, dates, booleans, blanks)."""
    sheets = mk.valid_sheets()
    rows = sheets[sheet]
    while len(rows) <= row:
        rows.append([None] * len(rows[0]))
    cells = rows[row]
    while len(cells) <= column:
        cells.append(None)
    cells[column] = value
    try:
        raw = mk.to_bytes(mk.build(sheets))
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses the value (control characters)
        return
    _read(raw, tmp_path)
