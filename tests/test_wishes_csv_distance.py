"""Issue 26, the employees' voice: the e-mutasi CSV standing for sheet Permintaan (`--permintaan`), and the distance
from family as a part of the published priority (`Jarak Keluarga (km)`, `poin_jarak_keluarga_*`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.cli import app
from penempatan.errors import InputError
from penempatan.excel.columns import FAMILY_KM, PERMINTAAN_COLUMNS, SHEET_PERMINTAAN
from penempatan.excel.read import read_workbook
from penempatan.excel.write_input import write_input_workbook
from penempatan.excel.write_priority import PRIORITY_SHEET, RULES_SHEET, SHEETS
from penempatan.model import Params, ProblemData
from penempatan.wishes.priority import Priority, family_points, priorities
from tests.conftest import workbook_maker

ROOT = Path(__file__).resolve().parent.parent
HEADER = [c.name for c in PERMINTAAN_COLUMNS]
ANDI, DEWI, RUDI, FAJAR = "199001012015031001", "199205202019032002", "198811112010011001", "199506062022031002"
ROWS: list[list[object]] = [
    [ANDI, 1, "pupr-01", "Suami/Istri", "Ya", 12.5],
    [ANDI, 2, "pengadministrasi  keuangan", "sekolah anak", None, None],
    [ANDI, 3, "bkpsdm", "Kesehatan", "Tidak", 12.5],
    [DEWI, 1, "Dinas PUPR", "orang tua", "Ya", 140],
]
runner = CliRunner()


def _workbook(tmp_path: Path, rows: list[list[object]] | None, name: str = "data.xlsx",
              settings: tuple[list[object], ...] = ()) -> Path:
    """The valid test workbook, with sheet Permintaan holding `rows` (no sheet when None)."""
    mk = workbook_maker()
    sheets = mk.valid_sheets()
    if rows is not None:
        sheets[SHEET_PERMINTAAN] = [HEADER, *rows]
    sheets["Pengaturan"] += [list(r) for r in settings]
    return mk.save(sheets, tmp_path / name)


def _csv(path: Path, lines: list[str], *, bom: bool = True, separator: str = ";") -> Path:
    """A CSV file as Indonesian Excel saves it: the lines joined by CRLF, UTF-8 with a BOM."""
    text = "\r\n".join(line.replace("|", separator) for line in lines) + "\r\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def _by_nip(data: ProblemData) -> dict[str, Priority]:
    return {data.employees[p.i].nip: p for p in priorities(data)}


def test_a_semicolon_csv_with_bom_gives_the_wishes_of_the_sheet(tmp_path: Path) -> None:
    """The same rows in a CSV (`;`, BOM, decimal comma, headers in other case, a blank line at the end) read as the
    same wishes, row numbers included, as in sheet Permintaan; the sheet is then ignored and the read says so."""
    from_sheet = read_workbook(_workbook(tmp_path, ROWS, "sheet.xlsx")).data
    csv = _csv(tmp_path / "e-mutasi.csv", ["nip|URUTAN|Tujuan|Alasan|bukti|jarak keluarga (km)",
                                           f"{ANDI}|1|pupr-01|Suami/Istri|Ya|12,5",
                                           f"{ANDI}|2|pengadministrasi  keuangan|sekolah anak||",
                                           f"{ANDI}|3|bkpsdm|Kesehatan|Tidak|12,5",
                                           f"{DEWI}|1|Dinas PUPR|orang tua|Ya|140", ""])
    other = [[RUDI, 1, "BKD-01", "lainnya", "Ya", 300]]
    read = read_workbook(_workbook(tmp_path, other, "other.xlsx"), permintaan=csv)
    assert read.data.wishes == from_sheet.wishes
    assert read.permintaan is not None and (read.permintaan.rows, read.permintaan.sheet_ignored) == (4, True)
    plain = _csv(tmp_path / "koma.csv", [",".join(HEADER), f"{DEWI},1,Dinas PUPR,orang tua,Ya,140"], bom=False,
                 separator=",")
    alone = read_workbook(_workbook(tmp_path, None, "none.xlsx"), permintaan=plain)
    assert [(w.nip, w.key, w.family_km) for w in alone.data.wishes] == [(DEWI, "Dinas PUPR", 140.0)]
    assert alone.permintaan is not None and not alone.permintaan.sheet_ignored
    assert alone.data.source_sha256 != read_workbook(tmp_path / "none.xlsx").data.source_sha256


def test_a_csv_with_three_bad_rows_is_three_located_errors_and_exit_2(tmp_path: Path) -> None:
    """Three bad lines (an Urutan out of range, an unknown Tujuan, a negative distance) are three errors of one
    run, each naming the file and its line, with the sheet's messages; exit 2, no traceback."""
    data = _workbook(tmp_path, [[ANDI, 9, "nowhere", "liburan", "Ya", "x"]])  # ignored, and its errors too
    csv = _csv(tmp_path / "buruk.csv", ["|".join(HEADER), f"{ANDI}|1|PUPR-01|pasangan|Ya|30",
                                        f"{ANDI}|7|BKD-01|pasangan|Ya|30", f"{DEWI}|1|Dinas Pariwisata|kesehatan||",
                                        "", f"{RUDI}|1|BKD-01|lainnya|Tidak|-5"])
    with pytest.raises(InputError) as caught:
        read_workbook(data, permintaan=csv)
    found = {(p.row, p.column): p.message for p in caught.value.errors}
    assert set(found) == {(3, "Urutan"), (4, "Tujuan"), (6, FAMILY_KM)}
    assert {p.sheet for p in caught.value.errors} == {"buruk.csv"}
    assert all(p.column_number is None for p in caught.value.errors)  # a CSV line has no cell to name
    assert "1–5" in found[3, "Urutan"] and "tidak dikenal" in found[4, "Tujuan"]
    assert "negatif" in found[6, FAMILY_KM]
    result = runner.invoke(app, ["--polos", "check", str(data), "--permintaan", str(csv)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for line in (3, 4, 6):
        assert f"buruk.csv:{line}:" in result.output
    assert "galat" in result.output and "Permintaan!" not in result.output


@pytest.mark.parametrize("command", ["check", "solve", "prioritas", "explain", "compare"])
def test_a_missing_csv_stops_before_any_work(tmp_path: Path, command: str) -> None:
    """Every command that reads wishes takes --permintaan and refuses a missing file at once (exit 2)."""
    data = _workbook(tmp_path, None)
    extra = {"explain": ["--nip", ANDI], "compare": ["-s", str(ROOT / "data" / "skenario" / "batas-50-mutasi.toml")]}
    result = runner.invoke(app, ["--polos", command, str(data), *extra.get(command, []), "--permintaan",
                                 str(tmp_path / "tidak-ada.csv")])
    assert result.exit_code == 2, result.output
    assert "tidak-ada.csv" in result.output and "tidak ditemukan" in result.output


def test_a_csv_that_is_not_utf8_or_lacks_a_column_is_named(tmp_path: Path) -> None:
    """A file saved as ANSI is an error naming the file and the line of the first bad byte; a missing required
    column is the sheet's error about line 1."""
    data = _workbook(tmp_path, None)
    ansi = tmp_path / "ansi.csv"
    ansi.write_bytes(";".join(HEADER).encode() + f"\r\n{ANDI};1;BKD-01;lainnya;Tidak;".encode() + b"\xe9\r\n")
    with pytest.raises(InputError) as caught:
        read_workbook(data, permintaan=ansi)
    assert [(p.sheet, p.row) for p in caught.value.errors] == [("ansi.csv", 2)]
    assert "UTF-8" in caught.value.errors[0].message
    short = _csv(tmp_path / "pendek.csv", ["NIP;Urutan;Alasan", f"{ANDI};1;lainnya"])
    with pytest.raises(InputError) as caught:
        read_workbook(data, permintaan=short)
    assert [(p.sheet, p.row, p.column) for p in caught.value.errors] == [("pendek.csv", 1, "Tujuan")]


def test_distance_points_per_10_km_capped() -> None:
    """points = min(maks, per_10_km × floor(km / 10)); unknown distance gives 0."""
    params = Params()
    assert (params.poin_jarak_keluarga_per_10_km, params.poin_jarak_keluarga_maks) == (2, 40)
    cases = {None: 0, 0.0: 0, 9.9: 0, 10.0: 2, 47.5: 8, 125.0: 24, 199.9: 38, 200.0: 40, 3000.0: 40}
    assert {km: family_points(params, km) for km in cases} == cases
    other = Params(poin_jarak_keluarga_per_10_km=5, poin_jarak_keluarga_maks=12)
    assert [family_points(other, km) for km in (15.0, 25.0, 35.0)] == [5, 10, 12]


def test_the_largest_distance_of_a_requester_counts_and_is_part_of_the_points(tmp_path: Path) -> None:
    """A requester's rows giving 30 and 75 km count 75 (14 points, a warning on the differing row); the points
    are part of the sum; reordering the list changes nothing; Pengaturan sets the points."""
    rows = [[ANDI, 1, "PUPR-01", "pasangan", "Ya", 30], [ANDI, 2, "BKD-01", "lainnya", "Ya", 75],
            [DEWI, 1, "BKD-01", "kesehatan", "Ya", None], [RUDI, 1, "PUPR-02", "kesehatan", "Ya", "  "]]
    read = read_workbook(_workbook(tmp_path, rows))
    warned = [p for p in read.warnings if p.column == FAMILY_KM]
    assert [(p.sheet, p.row) for p in warned] == [(SHEET_PERMINTAAN, 3)] and "baris 2" in warned[0].message
    andi = _by_nip(read.data)[ANDI]
    assert (andi.family_km, andi.family_points) == (75.0, 14)
    assert andi.points == andi.reason_points + andi.tenure_points + andi.performance_points + 14
    assert {_by_nip(read.data)[n].family_points for n in (DEWI, RUDI)} == {0}
    swapped = [[ANDI, 2, "PUPR-01", "pasangan", "Ya", 30], [ANDI, 1, "BKD-01", "lainnya", "Ya", 75], *rows[2:]]
    again = _by_nip(read_workbook(_workbook(tmp_path, swapped, "swapped.xlsx")).data)[ANDI]
    assert (again.points, again.family_points) == (andi.points, andi.family_points)
    capped = read_workbook(_workbook(tmp_path, rows, "capped.xlsx", (["poin_jarak_keluarga_maks", 6],))).data
    assert _by_nip(capped)[ANDI].family_points == 6


@pytest.mark.parametrize(("value", "message"), [("jauh", "harus berupa angka"), (-1, "tidak boleh negatif")])
def test_a_bad_distance_in_the_sheet_is_a_located_error(tmp_path: Path, value: object, message: str) -> None:
    """A distance that is not a number, or is negative, is an error of its cell in sheet Permintaan."""
    path = _workbook(tmp_path, [[ANDI, 1, "PUPR-01", "pasangan", "Ya", value]])
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    (error,) = caught.value.errors
    assert (error.sheet, error.row, error.column, error.cell()) == (SHEET_PERMINTAAN, 2, FAMILY_KM, "F2")
    assert message in error.message


def test_distance_spellings_are_read() -> None:
    """'45 km', '12,5', Indonesian thousands '1.250' and a number cell are read as km."""
    from penempatan.excel.read_wishes import distance_km

    assert [distance_km(v) for v in ("45 km", "12,5", "1.250", "1.250,5", 7, 0.5)] == [45, 12.5, 1250, 1250.5, 7,
                                                                                         0.5]


def test_prioritas_sheet_and_rules_have_the_distance(tmp_path: Path) -> None:
    """`prioritas --permintaan` says where the wishes came from, and sheet Prioritas has the distance's points
    and km beside the other parts; Aturan Prioritas publishes the rule."""
    data = _workbook(tmp_path, [[FAJAR, 1, "BKD-01", "lainnya", "Ya", None]])
    csv = _csv(tmp_path / "e-mutasi.csv", ["|".join(HEADER), f"{ANDI}|1|PUPR-01|pasangan|Ya|123",
                                           f"{DEWI}|1|BKD-01|kesehatan|Tidak|"])
    out = tmp_path / "prioritas.xlsx"
    result = runner.invoke(app, ["--polos", "prioritas", str(data), "--permintaan", str(csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Permintaan dibaca dari {csv} (2 baris); sheet Permintaan diabaikan." in result.output
    wb = load_workbook(out)
    header = SHEETS[PRIORITY_SHEET]
    assert [c.value for c in wb[PRIORITY_SHEET][1]] == list(header)
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in wb[PRIORITY_SHEET].iter_rows(min_row=2, values_only=True)}
    assert (rows[ANDI]["Poin Jarak Keluarga"], rows[ANDI]["Jarak Keluarga (km)"]) == (24, 123)
    assert (rows[DEWI]["Poin Jarak Keluarga"], rows[DEWI]["Jarak Keluarga (km)"]) == (0, "-")
    assert all(r["Poin"] == r["Poin Alasan"] + r["Poin Masa Jabatan"] + r["Poin Kinerja"] + r["Poin Jarak Keluarga"]
               for r in rows.values())
    rules = [r for r in wb[RULES_SHEET].iter_rows(values_only=True) if r[0] == "Jarak keluarga"]
    assert len(rules) == 1 and rules[0][2] == 2 and "40" in rules[0][1]


def test_template_and_demo_have_the_distance(tmp_path: Path) -> None:
    """The template's Permintaan has the column with its help; the demo gives about half its requesters a
    distance of 5–300 km, the same on each of their rows, and reads back the same."""
    from penempatan.demo import generate_demo

    template = tmp_path / "templat.xlsx"
    write_input_workbook(template)
    wb = load_workbook(template)
    assert [c.value for c in wb[SHEET_PERMINTAAN][1]][-1] == FAMILY_KM
    guide = {r[1]: r for r in wb["Petunjuk"].iter_rows(values_only=True) if r and r[0] == SHEET_PERMINTAAN}
    assert "km" in " ".join(str(c) for c in guide[FAMILY_KM] if c)
    data = generate_demo(600, seed=1)
    km: dict[str, set[float | None]] = {}
    for w in data.wishes:
        km.setdefault(w.nip, set()).add(w.family_km)
    assert all(len(v) == 1 for v in km.values())
    given = [v for (v,) in km.values() if v is not None]
    assert 0.3 <= len(given) / len(km) <= 0.7 and all(5 <= v <= 300 for v in given)
    demo = tmp_path / "demo.xlsx"
    write_input_workbook(demo, data)
    assert tuple(w.model_copy(update={"row": None}) for w in read_workbook(demo).data.wishes) == data.wishes


def test_shipped_example_csv_reads_against_contoh() -> None:
    """data/permintaan-contoh.csv (fictional) is valid against data/contoh.xlsx and gives some distances."""
    read = read_workbook(ROOT / "data" / "contoh.xlsx", permintaan=ROOT / "data" / "permintaan-contoh.csv")
    assert read.permintaan is not None and read.permintaan.sheet_ignored and read.permintaan.rows >= 5
    assert any(w.family_km for w in read.data.wishes)


def test_a_plan_made_with_a_csv_is_explained_only_with_it(tmp_path: Path) -> None:
    """`solve --permintaan` records the file (Parameter sheet) and its bytes in sha256_input: `explain --rencana`
    without it is refused with a message naming the option, and with it explains the plan."""
    data = _workbook(tmp_path, None)
    csv = _csv(tmp_path / "e-mutasi.csv", ["|".join(HEADER), f"{ANDI}|1|BKPSDM|pasangan|Ya|80"])
    plan = tmp_path / "hasil.xlsx"
    solved = runner.invoke(app, ["--polos", "solve", str(data), "--permintaan", str(csv), "-o", str(plan)])
    assert solved.exit_code == 0, solved.output
    assert f"Permintaan dibaca dari {csv} (1 baris)." in solved.output
    refused = runner.invoke(app, ["--polos", "explain", str(data), "--nip", ANDI, "--rencana", str(plan)])
    assert refused.exit_code == 2 and "--permintaan e-mutasi.csv" in refused.output, refused.output
    explained = runner.invoke(app, ["--polos", "explain", str(data), "--nip", ANDI, "--rencana", str(plan),
                                    "--permintaan", str(csv)])
    assert explained.exit_code == 0, explained.output
    assert "jarak keluarga 16" in explained.output


def test_a_plan_made_with_a_csv_and_a_scenario_records_both(tmp_path: Path) -> None:
    """With `-s` too, the Parameter sheet still names the CSV (the scenario's rows once replaced it), so
    `explain --rencana` without `--permintaan` is refused and with it (and the scenario) explains the plan."""
    data = _workbook(tmp_path, None)
    csv = _csv(tmp_path / "e-mutasi.csv", ["|".join(HEADER), f"{ANDI}|1|BKPSDM|pasangan|Ya|80"])
    toml = tmp_path / "s.toml"
    toml.write_text('nama = "uji"\n[parameter]\nmaks_mutasi = 50\n', encoding="utf-8")
    plan = tmp_path / "hasil.xlsx"
    solved = runner.invoke(app, ["--polos", "solve", str(data), "-s", str(toml), "--permintaan", str(csv),
                                 "-o", str(plan)])
    assert solved.exit_code == 0, solved.output
    wb = load_workbook(plan, read_only=True)
    labels = [row[0] for row in wb["Parameter"].iter_rows(values_only=True)]
    assert "permintaan" in labels and "skenario" in labels
    refused = runner.invoke(app, ["--polos", "explain", str(data), "-s", str(toml), "--nip", ANDI,
                                  "--rencana", str(plan)])
    assert refused.exit_code == 2 and "--permintaan e-mutasi.csv" in refused.output, refused.output
    explained = runner.invoke(app, ["--polos", "explain", str(data), "-s", str(toml), "--nip", ANDI,
                                    "--rencana", str(plan), "--permintaan", str(csv)])
    assert explained.exit_code == 0, explained.output
