"""Answers and decisions back into the plan (SPEC 7): sheet `Tanggapan` and column `Keputusan` of `Rantai Mutasi`
read by `solve --acuan`, wrong values as located errors, the minimal-change re-solve and sheet `Perubahan`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from contoh import solved_copy
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from penempatan.check import assert_plan_valid
from penempatan.cli import app
from penempatan.errors import InputError, Problem
from penempatan.excel.read import read_workbook
from penempatan.excel.read_plan import read_plan_answers
from penempatan.explain.changes import ChangeRow
from penempatan.model import Forbid, Pin, ProblemData
from penempatan.scenario import Decision, decide
from penempatan.usecases import jobs

runner = CliRunner()


@dataclass(frozen=True)
class Base:
    """data/contoh.xlsx copied, its plan workbook and the plan's moves (NIP -> (asal, tujuan, rantai)) in order."""

    folder: Path
    data: Path
    plan: Path
    problem: ProblemData
    moves: dict[str, tuple[str, str, str]]

    def chain(self, size: int) -> tuple[str, list[str]]:
        """The first chain with at least `size` movers: its id and their NIPs."""
        chains: dict[str, list[str]] = {}
        for nip, (_, _, rantai) in self.moves.items():
            chains.setdefault(rantai, []).append(nip)
        return next((c, m) for c, m in chains.items() if len(m) >= size)

    def current(self, nip: str) -> str:
        """The employee's current post in the data (Kode Jabatan)."""
        return self.problem.employees[self.problem.employee_index[nip]].kode_jabatan


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    folder = tmp_path_factory.mktemp("tanggapan")
    data, plan = solved_copy(folder, runner)
    wb = load_workbook(plan, read_only=True)
    header, *rows = list(wb["Usulan Mutasi"].iter_rows(values_only=True))
    wb.close()
    col = {h: k for k, h in enumerate(header)}
    moves = {str(r[0]): (str(r[col["Kode Jabatan Asal"]]), str(r[col["Kode Jabatan Tujuan"]]), str(r[col["Rantai"]]))
             for r in rows}
    return Base(folder, data, plan, read_workbook(data).data, moves)


def _answered(base: Base, name: str, answers: Iterable[tuple[str, str | None, str | None]] = (),
              chains: Iterable[tuple[str, str]] = (), edit: Callable[[Workbook], None] | None = None) -> Path:
    """A copy of the plan workbook with (NIP, Tanggapan, Keputusan) written in `Tanggapan` and (Rantai,
    Keputusan) in `Rantai Mutasi`, as a planner fills them in (openpyxl, like Excel)."""
    wb = load_workbook(base.plan)
    t = wb["Tanggapan"]
    head = [c.value for c in t[1]]
    rows = {str(t.cell(r, 1).value): r for r in range(2, t.max_row + 1)}
    for nip, tanggapan, keputusan in answers:
        t.cell(rows[nip], head.index("Tanggapan") + 1).value = tanggapan
        t.cell(rows[nip], head.index("Alasan") + 1).value = "alasan keluarga"
        t.cell(rows[nip], head.index("Keputusan") + 1).value = keputusan
    c = wb["Rantai Mutasi"]
    head = [x.value for x in c[1]]
    chain_rows = {str(c.cell(r, 1).value): r for r in range(2, c.max_row + 1)}
    for rantai, keputusan in chains:
        c.cell(chain_rows[rantai], head.index("Keputusan") + 1).value = keputusan
    if edit is not None:
        edit(wb)
    out = base.folder / name
    wb.save(out)
    return out


def _solve(base: Base, acuan: Path, name: str, json_out: Path | None = None) -> jobs.Solved:
    files = jobs.SolveFiles(data=base.data, skenario=None, acuan=acuan, out=base.folder / name, kandidat=None,
                            json=json_out, laporan=None, claimed=())
    solved = jobs.solve_files(files, 60.0, False, lambda _msg: None)
    assert_plan_valid(solved.problem, solved.result)
    return solved


def _placed(solved: jobs.Solved) -> dict[str, str]:
    d = solved.problem
    return {e.nip: d.positions[int(j)].kode for e, j in zip(d.employees, solved.result.assignment, strict=True)}


def _acuan_placed(base: Base) -> dict[str, str]:
    out = {e.nip: e.kode_jabatan for e in base.problem.employees}
    out.update({nip: tujuan for nip, (_, tujuan, _) in base.moves.items()})
    return out


def _raised(base: Base, path: Path, data: ProblemData | None = None) -> list[Problem]:
    with pytest.raises(InputError) as err:
        decide(data or base.problem, read_plan_answers(path))
    return err.value.errors


def _errors(base: Base, path: Path, data: ProblemData | None = None) -> list[tuple[str, int | None, str | None,
                                                                                  str | None]]:
    with pytest.raises(InputError) as err:
        decide(data or base.problem, read_plan_answers(path))
    return [(p.sheet, p.row, p.column, p.value) for p in err.value.errors]


# --- reading -------------------------------------------------------------------------------------------------------
def test_plan_without_answers_has_no_decisions(base: Base) -> None:
    """A fresh plan (empty Tanggapan and Keputusan) and a plan from before SPEC 7 (no Tanggapan sheet, no
    Keputusan column) both read as no decisions; the plan's moves are read either way."""
    fresh = read_plan_answers(base.plan)
    assert (fresh.answers, fresh.chains, fresh.problems) == ((), (), ())
    assert len(fresh.moves) == len(base.moves)

    def old_format(wb: Workbook) -> None:
        del wb["Tanggapan"]
        ws = wb["Rantai Mutasi"]
        ws.delete_cols([c.value for c in ws[1]].index("Keputusan") + 1)

    old = read_plan_answers(_answered(base, "lama.xlsx", edit=old_format))
    assert (old.answers, old.chains, old.problems) == ((), (), ())
    assert not decide(base.problem, old).items


def test_values_match_case_and_space_insensitively(base: Base) -> None:
    """' keberatan ' with 'TERIMA' is an accepted objection: the employee stays in their current post this
    round (R15 kunci to the current post, which rules out the proposed move; no forbid needed)."""
    nip = next(iter(base.moves))
    path = _answered(base, "huruf.xlsx", [(nip, " keberatan ", "TERIMA")])
    decisions = decide(base.problem, read_plan_answers(path))
    assert decisions.pins == (Pin(nip=nip, kode_jabatan=base.current(nip)),)
    assert base.current(nip) != base.moves[nip][1]
    assert decisions.forbids == ()
    assert [d.decision for d in decisions.items] == [Decision.OBJECTION_ACCEPTED]


def test_wrong_values_are_located_errors_all_at_once(base: Base) -> None:
    """Every wrong cell is one error naming the plan workbook, the Excel row, the column and the value, with
    the sheet and cell in the message: an unknown Tanggapan or Keputusan, a Keputusan without a Tanggapan,
    Setuju rejected, a NIP that is not a move, the same NIP twice, an unknown chain or chain Keputusan, and a
    chain decision that contradicts a member's."""
    nips = list(base.moves)
    chain, members = base.chain(2)
    outsider = next(e.nip for e in base.problem.employees if e.nip not in base.moves)
    others = [n for n in nips if n not in members]

    def edit(wb: Workbook) -> None:
        t = wb["Tanggapan"]
        row = {str(t.cell(r, 1).value): r for r in range(2, t.max_row + 1)}
        t.cell(row[others[4]], 1).value = outsider  # a NIP that is not a move of the plan
        t.cell(row[others[4]], 4).value = "Setuju"
        t.cell(row[others[5]], 1).value = others[3]  # the same NIP twice
        t.cell(row[others[5]], 4).value = "Setuju"
        c = wb["Rantai Mutasi"]
        c.cell(c.max_row + 1, 1).value = "C999"
        c.cell(c.max_row, 9).value = "Tolak"

    path = _answered(base, "salah.xlsx", [
        (others[0], "ya", None), (others[1], "Keberatan", "ok"), (others[2], None, "Terima"),
        (others[3], "Setuju", "Tolak"), (members[0], "Keberatan", "Terima")],
        [(chain, "Setuju"), (base.moves[others[0]][2], "ya")], edit)
    t_rows = {n: k for k, n in enumerate(base.moves, 2)}  # Tanggapan lists the movers in Usulan Mutasi's order
    t_rows[outsider] = t_rows[others[4]]
    wb = load_workbook(path, read_only=True)
    c_rows = {str(r[0]): k for k, r in enumerate(wb["Rantai Mutasi"].iter_rows(values_only=True), 1)}
    wb.close()
    found = _errors(base, path)
    book = path.name
    expected = [
        (book, t_rows[others[0]], "Tanggapan", "ya"),
        (book, t_rows[others[1]], "Keputusan", "ok"),
        (book, t_rows[others[2]], "Keputusan", "Terima"),
        (book, t_rows[others[3]], "Keputusan", "Tolak"),
        (book, t_rows[outsider], "NIP", outsider),
        (book, t_rows[others[5]], "NIP", others[3]),
        (book, t_rows[members[0]], "Keputusan", "Terima"),
        (book, c_rows[base.moves[others[0]][2]], "Keputusan", "ya"),
        (book, c_rows["C999"], "Rantai", "C999"),
    ]
    assert sorted(found, key=str) == sorted(expected, key=str)
    with pytest.raises(InputError) as err:
        decide(base.problem, read_plan_answers(path))
    first = next(p for p in err.value.errors if p.value == "ya" and p.column == "Tanggapan")
    assert first.message.startswith(f"sheet Tanggapan D{t_rows[others[0]]}:") and "Setuju atau Keberatan" in first.hint
    clash = next(p for p in err.value.errors if p.row == t_rows[members[0]])
    assert f"rantai {chain}" in clash.message and "bertentangan" in clash.message


def test_rejected_chain_with_a_kept_member_move_is_a_contradiction(base: Base) -> None:
    chain, members = base.chain(2)
    path = _answered(base, "tolak-rantai.xlsx", [(members[0], "Keberatan", "Tolak")], [(chain, "Tolak")])
    [(_, row, column, value)] = _errors(base, path)
    assert (column, value) == ("Keputusan", "Tolak")


def test_nip_not_in_data_is_a_located_error(base: Base) -> None:
    """A decision about someone the data no longer has (the data changed since the plan) is an error at its row."""
    nip = next(iter(base.moves))
    path = _answered(base, "pensiun.xlsx", [(nip, "Keberatan", "Tolak")])
    gone = base.problem.replace(employees=tuple(e for e in base.problem.employees if e.nip != nip),
                                wishes=tuple(w for w in base.problem.wishes if w.nip != nip))
    [(sheet, row, column, value)] = _errors(base, path, gone)
    assert (sheet, column, value) == (path.name, "Keputusan", nip) and row is not None


def test_wrong_values_exit_2_on_the_command_line(base: Base) -> None:
    path = _answered(base, "salah-cli.xlsx", [(next(iter(base.moves)), "ya", None)])
    res = runner.invoke(app, ["solve", str(base.data), "--acuan", str(path), "-o", str(base.folder / "x.xlsx")])
    assert res.exit_code == 2
    assert "salah-cli.xlsx" in res.output and "sheet Tanggapan D" in res.output and "'ya'" in res.output
    assert not (base.folder / "x.xlsx").exists()


# --- the re-solve --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def five(base: Base) -> tuple[list[str], jobs.Solved, Path]:
    """Five accepted objections (every fourth mover), re-solved with the plan as acuan; also as JSON."""
    nips = list(base.moves)[::max(1, len(base.moves) // 5)][:5]
    assert len(nips) == 5
    path = _answered(base, "lima.xlsx", [(n, "Keberatan", "Terima") for n in nips])
    json_out = base.folder / "lima.json"
    return nips, _solve(base, path, "baru.xlsx", json_out), json_out


def test_five_accepted_objections_are_honoured_with_few_other_changes(base: Base, five) -> None:
    """Every accepted objector stays in their current post this round (no other proposal), at most 20 other
    placements change, each changed placement has a reason, and the plan passes `penempatan.check` (`_solve`)."""
    nips, solved, _ = five
    placed = _placed(solved)
    assert {n: placed[n] for n in nips} == {n: base.current(n) for n in nips}
    assert {Pin(nip=n, kode_jabatan=base.current(n)) for n in nips} == set(_decided(solved.problem.pins))
    before = _acuan_placed(base)
    changed = {n for n in placed if placed[n] != before[n]}
    assert set(nips) <= changed
    assert len(changed - set(nips)) <= 20
    assert solved.result.changed_vs_reference == len(changed)
    assert solved.changes is not None
    assert {c.nip for c in solved.changes} == changed
    assert all(c.reason and c.before != c.after for c in solved.changes)
    for c in solved.changes:
        if c.nip in nips:
            assert c.reason.startswith("keberatan diterima: tetap di ") and "usulan baru" not in c.reason
            assert c.follow_up == "beri tahu: keberatan diterima, tetap di jabatan sekarang" and not c.letter
            assert c.after.startswith("tetap di ") and "keberatan diterima" in c.decisions


def test_perubahan_sheet_lists_every_change_after_ringkasan(base: Base, five) -> None:
    _, solved, _ = five
    wb = load_workbook(base.folder / "baru.xlsx", read_only=True)
    assert wb.sheetnames[:3] == ["Ringkasan", "Perubahan", "Usulan Mutasi"]
    header, *rows = list(wb["Perubahan"].iter_rows(values_only=True))
    summary = dict(r[:2] for r in wb["Ringkasan"].iter_rows(values_only=True))
    wb.close()
    assert header == ChangeRow.COLUMNS
    assert [r[0] for r in rows] == [c.nip for c in solved.changes or []]
    assert all(r[header.index("Alasan")] for r in rows)
    assert summary["keputusan acuan"] == "5 keberatan diterima"
    assert summary["Perubahan dibanding acuan"] == len(rows)
    plain = load_workbook(base.plan, read_only=True)
    assert "Perubahan" not in plain.sheetnames
    plain.close()


def test_json_lists_the_changes(five) -> None:
    _, solved, json_out = five
    doc = json.loads(json_out.read_text(encoding="utf-8"))
    assert [(c["nip"], c["alasan"]) for c in doc["perubahan"]] == [(c.nip, c.reason) for c in solved.changes]


def test_terminal_lists_the_changes(base: Base) -> None:
    """`solve --acuan` prints each changed placement with its reason, and writes the same Perubahan sheet as
    the in-process solve (deterministic)."""
    res = runner.invoke(app, ["solve", str(base.data), "--acuan", str(base.folder / "lima.xlsx"), "-o",
                              str(base.folder / "baru-cli.xlsx")])
    assert res.exit_code == 0, res.output
    assert "Kelompok 1 — keputusan:" in res.output and "keberatan diterima: " in res.output
    sheets = []
    for name in ("baru.xlsx", "baru-cli.xlsx"):
        wb = load_workbook(base.folder / name, read_only=True)
        sheets.append([list(wb[s].iter_rows(values_only=True)) for s in ("Perubahan", "Usulan Mutasi", "Tanggapan")])
        wb.close()
    assert sheets[0] == sheets[1]


def test_rejected_objection_and_confirmed_agreement_keep_their_moves(base: Base) -> None:
    nips = list(base.moves)
    path = _answered(base, "tolak.xlsx", [(nips[0], "Keberatan", "Tolak"), (nips[1], "Setuju", "Terima"),
                                         (nips[2], "Setuju", None), (nips[3], "Keberatan", None)])
    solved = _solve(base, path, "tolak-baru.xlsx")
    kept = {Pin(nip=n, kode_jabatan=base.moves[n][1]) for n in nips[:2]}
    assert kept <= set(solved.problem.pins) and len(_decided(solved.problem.pins)) == 2
    assert not _decided(solved.problem.forbids)
    placed = _placed(solved)
    assert all(placed[n] == base.moves[n][1] for n in nips[:2])
    assert solved.changes == []
    # The new plan carries the answers of the moves it keeps, so a second round keeps the decisions.
    wb = load_workbook(base.folder / "tolak-baru.xlsx", read_only=True)
    header, *rows = list(wb["Tanggapan"].iter_rows(values_only=True))
    wb.close()
    carried = {r[0]: (r + (None,) * 7)[3:7] for r in rows}
    assert carried[nips[0]] == ("Keberatan", "alasan keluarga", "Tolak", None)
    assert carried[nips[1]][::2] == ("Setuju", "Terima") and carried[nips[4]] == (None,) * 4
    again = decide(base.problem, read_plan_answers(base.folder / "tolak-baru.xlsx"))
    assert set(again.pins) == kept


def _decided(items: tuple[Pin, ...] | tuple[Forbid, ...]) -> list:  # type: ignore[type-arg]
    """The pins or forbids that decisions made, without the ones serving the ranked wishes adds (SPEC 9)."""
    return [x for x in items if getattr(x, "permintaan", None) is None]


def test_chain_decisions_pin_and_forbid_their_moves(base: Base) -> None:
    """A chain approved in Rantai Mutasi pins every move of it; a rejected one forbids every move of it, and
    each member's change says so."""
    approved, members = base.chain(2)
    rejected, others = next((c, m) for c, m in [(r, [n for n, v in base.moves.items() if v[2] == r])
                                                for r in dict.fromkeys(v[2] for v in base.moves.values())]
                            if c != approved)
    path = _answered(base, "rantai.xlsx", chains=[(approved, "Setuju"), (rejected, "Tolak")])
    solved = _solve(base, path, "rantai-baru.xlsx")
    placed = _placed(solved)
    assert {Pin(nip=n, kode_jabatan=base.moves[n][1]) for n in members} == set(_decided(solved.problem.pins))
    assert {Forbid(nip=n, kode_jabatan=base.moves[n][1]) for n in others} == set(_decided(solved.problem.forbids))
    assert all(placed[n] == base.moves[n][1] for n in members)
    assert all(placed[n] != base.moves[n][1] for n in others)
    reasons = {c.nip: c.reason for c in solved.changes or []}
    assert all(reasons[n].startswith("rantai ditolak") for n in others)


def test_scenario_acuan_key_reads_the_decisions(base: Base) -> None:
    nip = next(iter(base.moves))
    _answered(base, "skenario-acuan.xlsx", [(nip, "Keberatan", "Terima")])
    toml = base.folder / "s.toml"
    toml.write_text('nama = "tanggapan"\nacuan = "skenario-acuan.xlsx"\n', encoding="utf-8")
    ready = jobs.prepare(base.data, toml, None, lambda _msg: None)
    assert _decided(ready.problem.pins) == [Pin(nip=nip, kode_jabatan=base.current(nip))]
    assert not _decided(ready.problem.forbids)
    assert ready.acuan is not None and ready.reference is not None


def test_letters_from_the_re_solved_plan(base: Base, five) -> None:
    """`surat` words the re-solved plan from the workbook without solving: one letter per move."""
    _, solved, _ = five
    folder = base.folder / "surat-baru"
    res = runner.invoke(app, ["surat", str(base.data), "--rencana", str(base.folder / "baru.xlsx"), "-o", str(folder)])
    assert res.exit_code == 0, res.output
    moved = sum(1 for i, j in enumerate(solved.result.assignment) if j != solved.problem.current_post[i])
    assert len([p for p in folder.glob("*.docx") if p.name != "semua-surat.docx"]) == moved


def test_decision_against_a_scenario_pin_is_a_located_error(base: Base) -> None:
    """An accepted objection keeps the employee where they are: a scenario pin (R15 kunci) of that employee to
    the proposed post is an error at its Tanggapan row."""
    nip = next(iter(base.moves))
    path = _answered(base, "kunci-acuan.xlsx", [(nip, "Keberatan", "Terima")])
    toml = base.folder / "kunci.toml"
    toml.write_text(f'nama = "kunci"\nacuan = "kunci-acuan.xlsx"\n[[kunci]]\nnip = "{nip}"\n'
                    f'kode_jabatan = "{base.moves[nip][1]}"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        jobs.prepare(base.data, toml, None, lambda _msg: None)
    [problem] = err.value.errors
    assert (problem.sheet, problem.row, problem.column) == (path.name, 2, "Keputusan")
    assert problem.message.startswith("sheet Tanggapan ")
    assert f"tetap di {base.current(nip)}" in problem.message
    assert f"skenario menguncinya ke {base.moves[nip][1]}" in problem.message


def test_scenario_pin_elsewhere_of_an_objector_is_a_located_error(base: Base) -> None:
    """A scenario pin of the objector to any post but their current one contradicts the stay as well."""
    nip = next(iter(base.moves))
    other = next(q.kode for q in base.problem.positions if q.kode not in (base.moves[nip][1], base.current(nip)))
    path = _answered(base, "kunci-lain.xlsx", [(nip, "Keberatan", "Terima")])
    [problem] = _raised(base, path, base.problem.replace(pins=(Pin(nip=nip, kode_jabatan=other),)))
    assert (problem.sheet, problem.row, problem.column, problem.value) == (path.name, 2, "Keputusan", nip)
    assert f"skenario menguncinya ke {other}" in problem.message


def test_scenario_pin_to_the_current_post_agrees_with_an_accepted_objection(base: Base) -> None:
    """A scenario that pins the objector to their current post says the same as the decision: one pin."""
    nip = next(iter(base.moves))
    path = _answered(base, "kunci-tetap.xlsx", [(nip, "Keberatan", "Terima")])
    toml = base.folder / "kunci-tetap.toml"
    toml.write_text(f'nama = "tetap"\nacuan = "{path.name}"\n[[kunci]]\nnip = "{nip}"\n'
                    f'kode_jabatan = "{base.current(nip)}"\n', encoding="utf-8")
    ready = jobs.prepare(base.data, toml, None, lambda _msg: None)
    assert _decided(ready.problem.pins) == [Pin(nip=nip, kode_jabatan=base.current(nip))]


def test_kept_move_into_the_seat_an_objector_keeps_is_a_located_error(base: Base) -> None:
    """A swap or chain: A's objection is accepted (A keeps post X), while B's move into X is kept (objection
    rejected). X has no seat for both (R11 for newcomers is hard), so it is an error at A's Tanggapan row that
    names B's row, not an infeasible solve."""
    keb = {q.kode: q.kebutuhan for q in base.problem.positions}
    held = {kode: 0 for kode in keb}
    for e in base.problem.employees:
        held[e.kode_jabatan] += 1
    a, b = next((a, b) for a, (asal, _, _) in base.moves.items() for b, (_, tujuan, _) in base.moves.items()
                if tujuan == asal and held[asal] >= keb[asal])
    path = _answered(base, "kursi-tetap.xlsx", [(a, "Keberatan", "Terima"), (b, "Keberatan", "Tolak")])
    rows = {n: k for k, n in enumerate(base.moves, 2)}
    [problem] = _raised(base, path)
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        path.name, rows[a], "Keputusan", base.current(a))
    assert "keberatan pegawai ini diterima" in problem.message and f"NIP {b}" in problem.message
    assert f"baris {rows[b]}" in problem.message and "R11" in problem.message
    assert "tolak keberatan ini" in problem.hint


def test_objector_in_an_abolished_post_stays(base: Base) -> None:
    """Staying is allowed even in a post that is abolished (Kebutuhan 0) or over-staffed: R11 is a priority
    for the holders, not a hard rule, so the stay pin is no error and the re-solve is feasible."""
    nip = next(n for n in list(base.moves)[1:] if base.moves[n][0] == base.current(n))
    kode = base.current(nip)
    path = _answered(base, "hapus-acuan.xlsx", [(nip, "Keberatan", "Terima")])
    toml = base.folder / "hapus.toml"
    toml.write_text(f'nama = "hapus"\nacuan = "{path.name}"\n[kebutuhan]\n"{kode}" = 0\n', encoding="utf-8")
    ready = jobs.prepare(base.data, toml, None, lambda _msg: None)
    assert Pin(nip=nip, kode_jabatan=kode) in ready.problem.pins
    files = jobs.SolveFiles(data=base.data, skenario=toml, acuan=None, out=base.folder / "hapus-baru.xlsx",
                            kandidat=None, json=None, laporan=None, claimed=())
    solved = jobs.solve_files(files, 60.0, False, lambda _msg: None)
    assert_plan_valid(solved.problem, solved.result)
    assert _placed(solved)[nip] == kode
    reasons = {c.nip: c.reason for c in solved.changes or []}
    assert reasons[nip].startswith(f"keberatan diterima: tetap di {kode}")
