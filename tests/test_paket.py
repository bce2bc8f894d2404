"""`penempatan paket` (SPEC 10, issue 27): the SK drafts, Berita Acara, SIASN rows and pre-flight of a decided plan
of data/contoh.xlsx; an undecided plan refused; the pre-flight on a copy seeded with 12 registry violations."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from contoh import solved_copy
from openpyxl import load_workbook
from typer.testing import CliRunner

from penempatan.check import Rules
from penempatan.cli import app
from penempatan.decree import Finding, preflight
from penempatan.decree.sk import LAMPIRAN_COLUMNS, SK_FILES
from penempatan.excel.read import read_workbook
from penempatan.excel.write_answers import Answer, Answers, write_answers
from penempatan.model import ProblemData
from penempatan.rules import RULES
from penempatan.usecases.decree import Made, make_decree_package

runner = CliRunner()
SCHEMA = Path(__file__).parent / "data" / "siasn-riwayat-jabatan.schema.json"
MEETING = date(2026, 12, 5)


@dataclass(frozen=True)
class Plan:
    """data/contoh.xlsx solved, its moves (NIP -> Jenis, Tujuan, Rantai, row), the decided copy and the package."""

    folder: Path
    data: Path
    plan: Path
    decided: Path
    out: Path
    moves: dict[str, tuple[str, str, str, int]]
    approved: set[str]
    rejected: set[str]
    answers: dict[str, Answer]
    chains: dict[str, str]
    made: Made


def _moves(plan: Path) -> dict[str, tuple[str, str, str, int]]:
    wb = load_workbook(plan, read_only=True)
    header, *rows = list(wb["Usulan Mutasi"].iter_rows(values_only=True))
    wb.close()
    col = {h: k for k, h in enumerate(header)}
    return {str(r[0]): (str(r[col["Jenis"]]), str(r[col["Tujuan"]]), str(r[col["Rantai"]]), k)
            for k, r in enumerate(rows, 2)}


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """Every kind of decision once: chains rejected and approved, an objection rejected (kept) and accepted
    (not kept), an agreement confirmed."""
    folder = tmp_path_factory.mktemp("paket")
    data, solved = solved_copy(folder, runner)
    moves = _moves(solved)
    chains: dict[str, list[str]] = {}
    for nip, (_, _, rantai, _) in moves.items():
        chains.setdefault(rantai, []).append(nip)
    # The chains not kept (positions 0, 4, 6 below) are ones whose members all leave a surplus post, so that the
    # approved moves hold enough others to seed the pre-flight's violations into (`_seeded`).
    problem = read_workbook(data).data
    rules = Rules(problem)
    only_forced = [c for c, nips in chains.items() if all(rules.forced_out(problem.employee_index[n]) for n in nips)]
    rest = [c for c in chains if c not in only_forced]
    ids = []
    for k in range(len(chains)):
        pool = only_forced if (k in (0, 4, 6) and only_forced) or not rest else rest
        ids.append(pool.pop(0))
    assert len(ids) >= 7, ids
    chain_decisions = {ids[0]: "Tolak", ids[3]: "Setuju", ids[5]: "Setuju", ids[6]: "Tolak"}
    chain_decisions |= {c: "Setuju" for c in ids[7:]}  # the rest approved: enough moves to seed violations into
    answers = {nip: Answer("Keberatan", "jauh dari keluarga", "Tolak", "kebutuhan layanan") for nip in chains[ids[1]]}
    answers |= {nip: Answer("Setuju", "", "Terima", "") for nip in chains[ids[2]]}
    answers |= {nip: Answer("Keberatan", "merawat orang tua", "Terima", "alasan diterima") for nip in chains[ids[4]]}
    decided = folder / "hasil-diputuskan.xlsx"
    write_answers(solved, decided, Answers(answers, chain_decisions))
    approved = {n for c in (ids[1], ids[2], ids[3], ids[5], *ids[7:]) for n in chains[c]}
    rejected = set(moves) - approved
    out = folder / "paket"
    res = runner.invoke(app, ["paket", str(data), "--rencana", str(decided), "-o", str(out),
                              "--tanggal-sidang", MEETING.strftime("%d-%m-%Y")])
    assert res.exit_code == 0, res.output
    made = make_decree_package(data, decided, None, MEETING, lambda _msg: None)
    return Plan(folder, data, solved, decided, out, moves, approved, rejected, answers, chain_decisions, made)


def _docx_tables(path: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _lampiran(path: Path) -> list[list[str]]:
    [table] = [t for t in _docx_tables(path) if tuple(t[0]) == LAMPIRAN_COLUMNS]
    return table[1:]


# --- the SK drafts ------------------------------------------------------------------------------------------------

def test_every_approved_move_is_in_one_sk_lampiran_once_with_reason_and_basis(plan: Plan) -> None:
    """Each approved move is a lampiran row exactly once, in the SK of its kind, with the plan's Tujuan as its reason
    and the legal sources of R1 (every move) in its basis; no rejected move is in any SK."""
    seen: dict[str, int] = {}
    written = sorted(p.name for p in plan.out.glob("SK-*.docx"))
    assert written and set(written) <= set(SK_FILES.values())
    for name in written:
        kind = next(k for k, f in SK_FILES.items() if f == name)
        rows = _lampiran(plan.out / name)
        assert [r[0] for r in rows] == [str(k) for k in range(1, len(rows) + 1)]
        for row in rows:
            nip = re.search(r"NIP (\d{18})", row[1])
            assert nip is not None, row
            who = nip.group(1)
            seen[who] = seen.get(who, 0) + 1
            jenis, tujuan, _, _ = plan.moves[who]
            assert row[4] == jenis == kind
            assert row[5] == tujuan and tujuan
            assert RULES["R1"].source in row[6] and RULES["R4"].source.split(";")[0] in row[6]
    assert seen == dict.fromkeys(plan.approved, 1)


def test_sk_has_kop_menimbang_mengingat_menetapkan_from_the_registry(plan: Plan) -> None:
    """The SK's kop and signer come from Pengaturan; Mengingat lists the acts of the rules involved, taken from the
    registry (R1's Peraturan BKN 5/2019), and each SK has its own number from nomor_sk's pattern."""
    params = plan.made.view.data.params
    numbers = set()
    for decree in plan.made.package.decrees:
        text = _docx_text(plan.out / decree.file_name)
        for part in ("Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU", "LAMPIRAN KEPUTUSAN"):
            assert part in text, (decree.file_name, part)
        assert params.nama_instansi.split(";")[0].strip() in text
        assert params.penanda_tangan.split(";")[1].strip() in text
        mengingat = text.split("Mengingat", 1)[1].split("MEMUTUSKAN", 1)[0]
        assert f"{RULES['R1'].source};" in mengingat and "Pasal" not in mengingat
        numbers.add(decree.nomor)
        assert decree.nomor in text
    assert len(numbers) == len(plan.made.package.decrees)
    assert {n.split("/")[1] for n in numbers} == {str(k) for k in range(1, len(numbers) + 1)}


# --- the SIASN rows -----------------------------------------------------------------------------------------------

def _check(schema: dict[str, Any], value: object, where: str = "$") -> list[str]:
    """The JSON Schema keywords the schema file uses (type, enum, pattern, minLength, minItems, items, required,
    properties, additionalProperties): every failure as 'path: why'."""
    names = {"string": str, "null": type(None), "array": list, "object": dict}
    kinds = schema.get("type")
    if kinds is not None:
        allowed = kinds if isinstance(kinds, list) else [kinds]
        if not any(isinstance(value, names[k]) for k in allowed):
            return [f"{where}: {value!r} bukan {allowed}"]
    out = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} tidak di {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{where}: {value!r} tidak cocok {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            out.append(f"{where}: terlalu pendek")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{where}: kurang dari {schema['minItems']} butir")
        for k, item in enumerate(value):
            out += _check(schema.get("items", {}), item, f"{where}[{k}]")
    if isinstance(value, dict):
        out += [f"{where}: {key} tidak ada" for key in schema.get("required", []) if key not in value]
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            out += [f"{where}: {key} tidak dikenal" for key in value if key not in props]
        for key, item in value.items():
            if key in props:
                out += _check(props[key], item, f"{where}.{key}")
    return out


def test_the_schema_checker_can_fail() -> None:
    """The small validator refuses a wrong type, a missing field, an unknown one and a bad pattern."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert _check(schema, []) and _check(schema, [{"nipBaru": "1"}])
    row = {key: None for key in schema["items"]["required"]}
    assert any("nipBaru" in f for f in _check(schema, [row | {"extra": 1}]))
    assert any("tidak dikenal" in f for f in _check(schema, [row | {"extra": 1}]))


def test_json_rows_validate_and_carry_the_input_ids(plan: Plan) -> None:
    """siasn-riwayat-jabatan.json validates against tests/data's schema; one row per approved move with the PNS ID
    of the input and the target post's Unor ID; imut.csv has the same rows and the reason of each move."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    rows = json.loads((plan.out / "siasn-riwayat-jabatan.json").read_text(encoding="utf-8"))
    assert _check(schema, rows) == []
    assert sorted(r["nipBaru"] for r in rows) == sorted(plan.approved)
    d = plan.made.view.data
    for r in rows:
        e = d.employees[d.employee_index[r["nipBaru"]]]
        target = d.positions[d.position_index[next(m.move.tujuan for m in plan.made.package.verdicts.approved
                                                   if m.move.nip == e.nip)]]
        assert r["pnsId"] == e.pns_id and r["unorId"] == target.siasn.unor_id
        assert r["instansiId"] == d.params.instansi_id and r["tanggalSk"] == d.params.tanggal_sk.strftime("%d-%m-%Y")
    lines = (plan.out / "imut.csv").read_text(encoding="utf-8-sig").splitlines()
    import csv

    table = list(csv.DictReader(lines))
    assert [t["nipBaru"] for t in table] == [r["nipBaru"] for r in rows]
    assert all(t["alasan"] == plan.moves[t["nipBaru"]][1] for t in table)


# --- the Berita Acara ---------------------------------------------------------------------------------------------

def test_berita_acara_lists_every_decision(plan: Plan) -> None:
    """The minutes list every move with its decision, every answer with its reason and decision, every chain
    decided, the members from Pengaturan, the meeting date and the input's SHA-256."""
    path = plan.out / "berita-acara.docx"
    tables = _docx_tables(path)
    decisions = next(t for t in tables if t[0][:3] == ["No", "Baris", "Nama / NIP"])[1:]
    verdict = {re.search(r"NIP (\d{18})", r[2]).group(1): r[5] for r in decisions}  # type: ignore[union-attr]
    assert verdict == {n: "disetujui" for n in plan.approved} | {n: "ditolak" for n in plan.rejected}
    answers = next(t for t in tables if t[0][0] == "NIP")[1:]
    assert {r[0]: (r[2], r[3], r[4]) for r in answers} == {
        n: (a.tanggapan, a.alasan or "-", a.keputusan) for n, a in plan.answers.items()}
    chains = next(t for t in tables if t[0][0] == "Rantai")[1:]
    assert {r[0]: r[1] for r in chains} == {c: "disetujui" if k == "Setuju" else "ditolak"
                                           for c, k in plan.chains.items()}
    facts = {r[0]: r[1] for t in tables if t[0][0] == "Keterangan" for r in t[1:]}
    assert facts["SHA-256 berkas masukan"] == hashlib.sha256(plan.data.read_bytes()).hexdigest()
    assert facts["Hasil"] and facts["Mutasi"].startswith(str(len(plan.moves)))
    members = next(t for t in tables if t[0][:2] == ["No", "Kedudukan"])[1:]
    assert [r[1] for r in members][:1] == ["Ketua"] and len(members) == 4
    assert "5 Desember 2026" in _docx_text(path)


# --- refusals -----------------------------------------------------------------------------------------------------

def test_undecided_plan_is_refused_naming_its_rows(plan: Plan) -> None:
    """A plan whose moves have no decision is refused (exit 2) naming every undecided row of Usulan Mutasi; one
    move left undecided is the only row named; nothing is written."""
    out = plan.folder / "belum"
    res = runner.invoke(app, ["paket", str(plan.data), "--rencana", str(plan.plan), "-o", str(out)])
    assert res.exit_code == 2, res.output
    said = " ".join(res.output.split())
    assert "belum diputuskan" in said and f"{len(plan.moves)} dari {len(plan.moves)} usulan" in said
    assert all(f"baris {row} (NIP {nip}" in said for nip, (_, _, _, row) in plan.moves.items())
    assert not any(out.iterdir())
    one = next(iter(plan.answers))
    partial = plan.folder / "hampir.xlsx"
    rest = {n: a for n, a in plan.answers.items() if n != one}
    chains = {c: k for c, k in plan.chains.items() if c != plan.moves[one][2]}
    write_answers(plan.plan, partial, Answers(rest, chains))
    res = runner.invoke(app, ["paket", str(plan.data), "--rencana", str(partial), "-o", str(out)])
    assert res.exit_code == 2
    said = " ".join(res.output.split())
    assert f"1 dari {len(plan.moves)} usulan" in said and f"NIP {one}" in said
    assert not any(out.iterdir())


def test_existing_package_is_not_replaced_without_timpa(plan: Plan) -> None:
    """A second run into the same folder is refused (exit 2) and leaves the files as they were; --timpa replaces."""
    before = (plan.out / "imut.csv").read_bytes()
    args = ["paket", str(plan.data), "--rencana", str(plan.decided), "-o", str(plan.out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and "--timpa" in res.output
    assert (plan.out / "imut.csv").read_bytes() == before
    assert runner.invoke(app, [*args, "--timpa", "--tanggal-sidang", "05-12-2026"]).exit_code == 0


# --- LibreOffice ----------------------------------------------------------------------------------------------------

def _writer_works(soffice: str, folder: Path) -> bool:
    """soffice converts a one-line .docx (False where only Calc is installed)."""
    from docx import Document

    probe = folder / "coba.docx"
    doc = Document()
    doc.add_paragraph("coba")
    doc.save(str(probe))
    _convert(soffice, folder, [probe])
    return (folder / "coba.pdf").is_file()


def _convert(soffice: str, folder: Path, files: list[Path]) -> None:
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'profil').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
                   capture_output=True, timeout=240, check=False)


def test_libreoffice_converts_the_sk_and_the_berita_acara(plan: Plan, tmp_path: Path) -> None:
    """Both .docx kinds open in LibreOffice: converted to PDF (skipped where soffice or its Writer is missing)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang: konversi .docx ke PDF tidak diuji")
    if not _writer_works(soffice, tmp_path):
        pytest.skip("LibreOffice Writer tidak terpasang (soffice tidak dapat membuka .docx)")
    files = [plan.out / "berita-acara.docx", *sorted(plan.out.glob("SK-*.docx"))]
    _convert(soffice, tmp_path, files)
    for f in files:
        pdf = tmp_path / f"{f.stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), f.name


# --- the pre-flight -------------------------------------------------------------------------------------------------

def test_preflight_names_nothing_on_the_clean_plan(plan: Plan) -> None:
    """On the decided example the pre-flight finds nothing, and its workbook says so in one line."""
    assert plan.made.package.findings == []
    wb = load_workbook(plan.out / "pemeriksaan-awal.xlsx", read_only=True)
    rows = list(wb["Pemeriksaan Awal"].iter_rows(values_only=True))
    wb.close()
    assert len(rows) == 2 and "tidak ada temuan" in str(rows[1][7])


def _seeded(plan: Plan) -> tuple[ProblemData, dict[str, set[tuple[str, str]]]]:
    """The example's data with 12 registry violations for its approved moves, and per violation the (check, NIP or
    words of the message) of the findings it must produce."""
    d = plan.made.view.data
    moves = plan.made.package.moves
    rules = Rules(d)
    acuan = d.params.tanggal_acuan
    free = [m for m in moves if not rules.forced_out(m.i)]  # R1 and R23 yield to leaving a surplus post
    # R24 yields to a request (a Unit Diminati, a granted wish): the one seeded near BUP made none.
    near = next(m for m in free if not d.employees[m.i].unit_diminati and not any(
        p.nip == m.nip and p.permintaan is not None for p in d.pins))
    others = [m for m in free if m is not near]
    assert len(others) >= 3, [m.nip for m in free]
    short, sanctioned, cpns = others[:3]
    no_id = next(m for m in moves if m not in (near, short, sanctioned, cpns))  # no rule lifts a missing ID
    seeded_people = {m.i for m in (near, short, sanctioned, cpns, no_id)}
    left = {d.current_post[i] for i in seeded_people}
    abk = next(m for m in moves if m.j not in left and sum(x.j == m.j for x in moves) == 1)
    jf = next(m for m in moves if d.positions[m.j].jenis == "Fungsional" and m.j != abk.j)
    unor = next(m for m in moves if m.j not in {jf.j, abk.j})
    employees = list(d.employees)
    retire = acuan + timedelta(days=540)  # within 24 months of BUP (R24), not within 12 (R4)
    birth = date(retire.year - rules.bup(near.i), retire.month, min(retire.day, 28))
    edits = {short.i: {"tmt_jabatan": acuan - timedelta(days=120)}, near.i: {"tanggal_lahir": birth},
             sanctioned.i: {"hukuman": "Ringan", "akhir_hukuman": acuan + timedelta(days=365)},
             cpns.i: {"status": "CPNS"}, no_id.i: {"pns_id": None}}
    for i, change in edits.items():
        employees[i] = employees[i].model_copy(update=change)
    positions = list(d.positions)
    positions[abk.j] = positions[abk.j].model_copy(update={"kebutuhan": 0})
    for m, field in ((jf, "jabatan_fungsional_id"), (unor, "unor_id")):
        post = positions[m.j]
        positions[m.j] = post.model_copy(update={"siasn": post.siasn.model_copy(update={field: None})})
    params = d.params.model_copy(update={
        "larangan_mulai": acuan - timedelta(days=10), "larangan_selesai": acuan + timedelta(days=60),
        "tanggal_pelantikan_kepala_daerah": acuan - timedelta(days=60), "persetujuan_mendagri": "",
        "instansi_id": "", "nomor_sk": ""})
    seeded = d.replace(employees=tuple(employees), positions=tuple(positions), params=params)
    managerial = {m.nip for m in moves if rules.managerial(d.positions[d.current_post[m.i]])
                  or rules.managerial(d.positions[m.j])}
    assert managerial, "the example has no managerial mover for R17"
    return seeded, {
        "masa jabatan kurang": {("R1", short.nip)},
        "menjelang BUP": {("R24", near.nip)},
        "hukuman disiplin aktif": {("R23", sanctioned.nip)},
        "status CPNS": {("R5", cpns.nip)},
        "masa larangan Pilkada": {("R17", nip) for nip in managerial},
        "kepala daerah baru": {("Kepala daerah", "pelantikan kepala daerah")},
        "tanpa kursi ABK": {("R11", abk.nip)},
        "PNS ID kosong": {("ID SIASN", no_id.nip)},
        "Jabatan Fungsional ID kosong": {("ID SIASN", f"Jabatan Fungsional ID (jabatanFungsionalId) jabatan tujuan "
                                                      f"{positions[jf.j].kode}")},
        "Unor ID kosong": {("ID SIASN", f"Unor ID (unorId) jabatan tujuan {positions[unor.j].kode}")},
        "instansi_id kosong": {("ID SIASN", "instansi_id")},
        "nomor SK kosong": {("SK", "nomor_sk")},
    }


def _matches(f: Finding, key: tuple[str, str]) -> bool:
    code, who = key
    return f.code == code and (f.nip == who if re.fullmatch(r"\d{18}", who) else who in f.message)


def test_preflight_names_all_twelve_seeded_violations(plan: Plan) -> None:
    """On a copy seeded with 12 violations the pre-flight names each one with its row, and nothing else."""
    seeded, problems = _seeded(plan)
    assert len(problems) == 12
    findings = preflight(seeded, plan.made.package.moves)
    missing = [name for name, keys in problems.items() if not all(any(_matches(f, k) for f in findings) for k in keys)]
    assert missing == [], [f.line() for f in findings]
    expected = set().union(*problems.values())
    extra = [f.line() for f in findings if not any(_matches(f, key) for key in expected)]
    assert extra == []
    rows = {m.nip: m.plan_row for m in plan.made.package.moves}
    for f in findings:
        assert f.sheet in ("Usulan Mutasi", "Pegawai", "Jabatan", "Pengaturan"), f.line()
        assert f.row is not None or f.sheet == "Pengaturan", f.line()
        assert f.sheet != "Usulan Mutasi" or f.row == rows[f.nip]


def test_preflight_measures_time_rules_at_the_tmt(plan: Plan) -> None:
    """A sanction that ends before the TMT is no finding at the TMT; one ending after it is (R23)."""
    d = plan.made.view.data
    m = next(m for m in plan.made.package.moves if not Rules(d).forced_out(m.i))
    acuan = d.params.tanggal_acuan
    employees = list(d.employees)
    employees[m.i] = employees[m.i].model_copy(update={"hukuman": "Ringan", "akhir_hukuman": acuan + timedelta(30)})
    sanctioned = d.replace(employees=tuple(employees))
    assert any(f.code == "R23" and f.nip == m.nip for f in preflight(sanctioned, [m]))
    later = sanctioned.replace(params=d.params.model_copy(update={"tmt_mutasi": acuan + timedelta(60)}))
    assert not any(f.code == "R23" for f in preflight(later, [m]))


def test_sk_number_date_and_tmt_given_on_the_command_line(plan: Plan) -> None:
    """--nomor-sk, --tanggal-sk and --tmt override Pengaturan (known only after the plan); a wrong date is exit 2."""
    out = plan.folder / "paket-opsi"
    base = ["paket", str(plan.data), "--rencana", str(plan.decided), "-o", str(out)]
    res = runner.invoke(app, [*base, "--nomor-sk", "821.2/{n}/BKPSDM/2027", "--tanggal-sk", "04-01-2027",
                              "--tmt", "11-01-2027"])
    assert res.exit_code == 0, res.output
    rows = json.loads((out / "siasn-riwayat-jabatan.json").read_text(encoding="utf-8"))
    assert {r["nomorSk"] for r in rows} == {f"821.2/{k}/BKPSDM/2027" for k in range(1, len(
        list(out.glob("SK-*.docx"))) + 1)}
    assert {(r["tanggalSk"], r["tmtJabatan"], r["tmtMutasi"], r["tmtPelantikan"]) for r in rows} == {
        ("04-01-2027", "11-01-2027", "11-01-2027", "11-01-2027")}
    bad = runner.invoke(app, [*base, "--timpa", "--tanggal-sk", "31-02-2027"])
    assert bad.exit_code == 2 and "--tanggal-sk" in bad.output


def test_input_text_is_never_a_formula_in_the_preflight(tmp_path: Path) -> None:
    """A name from the input that starts like a formula is a text cell in pemeriksaan-awal.xlsx."""
    from penempatan.decree.package import write_preflight

    path = tmp_path / "p.xlsx"
    write_preflight(path, [Finding("R1", "", "Usulan Mutasi", 3, "1" * 18, "=HYPERLINK(\"x\")", "m", "h")])
    wb = load_workbook(path)
    cell = wb["Pemeriksaan Awal"]["G2"]
    assert cell.value == "=HYPERLINK(\"x\")" and cell.data_type == "s"
