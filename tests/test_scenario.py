"""Scenario files: every key changes the plan as it should; every bad key is an error with file, line, key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from penempatan.check import assert_plan_valid
from penempatan.errors import InputError
from penempatan.excel.read_plan import PlanMove, read_plan_moves
from penempatan.excel.write_plan import write_plan
from penempatan.explain import chain_list
from penempatan.model import Pin, ProblemData, Weights
from penempatan.result import Result
from penempatan.scenario import (
    EXAMPLE,
    TOML_KEYS,
    ReadPlan,
    apply_scenario,
    load_reference_plan,
    load_scenario,
    reference_plan,
    scenario_rows,
    write_example,
)
from penempatan.scoring import Tables, build_candidates
from penempatan.solver import solve
from tests.instances import make_instance

DATA = make_instance(7, n_emp=80, n_units=4)


def _solve(data: ProblemData, **kw: object) -> Result:
    result = solve(data, 30, **kw)  # type: ignore[arg-type]
    assert_plan_valid(data, result)
    return result


@pytest.fixture(scope="module")
def base() -> Result:
    return _solve(DATA)


def _scenario(tmp_path: Path, text: str, data: ProblemData = DATA, name: str = "s.toml") -> ProblemData:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return apply_scenario(data, load_scenario(path, data))


def _errors(tmp_path: Path, text: str, data: ProblemData = DATA,
            read_plan: ReadPlan | None = read_plan_moves) -> list[tuple[int | None, str | None, str]]:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path, data, read_plan)
    assert all(p.sheet == "bad.toml" for p in info.value.problems)
    return [(p.row, p.column, p.message) for p in info.value.errors]


def _write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _movers(result: Result) -> list[int]:
    return np.nonzero(result.assignment != np.asarray(DATA.current_post))[0].tolist()


def test_pin_is_obeyed(tmp_path: Path) -> None:
    """[[kunci]] puts the employee in the pinned post, even one the base plan does not choose."""
    cand, t = build_candidates(DATA), Tables(DATA)
    base_plan = _solve(DATA).assignment
    vacant = t.holders < t.post_keb  # everyone else can stay: the pin is feasible
    k = next(k for k in np.nonzero(~cand.stay)[0] if base_plan[cand.emp[k]] != cand.post[k] and vacant[cand.post[k]])
    i, j = int(cand.emp[k]), int(cand.post[k])
    nip, kode = DATA.employees[i].nip, DATA.positions[j].kode
    data = _scenario(tmp_path, f'nama = "kunci"\n[[kunci]]\nnip = "{nip}"\nkode_jabatan = "{kode}"\n')
    result = _solve(data)
    assert int(result.assignment[i]) == j


def test_forbid_post_and_unit_obeyed(tmp_path: Path, base: Result) -> None:
    """[[larang]] by post and by unit keeps the employee out of that post / unit."""
    i, k = _movers(base)[:2]
    a = DATA.employees[i]
    b = DATA.employees[k]
    post = DATA.positions[int(base.assignment[i])].kode
    unit = DATA.positions[int(base.assignment[k])].unit
    data = _scenario(tmp_path, f'[[larang]]\nnip = "{a.nip}"\nkode_jabatan = "{post}"\n'
                               f'[[larang]]\nnip = "{b.nip}"\nunit = "{unit.upper()}"\n')
    result = _solve(data)
    assert DATA.positions[int(result.assignment[i])].kode != post
    assert DATA.positions[int(result.assignment[k])].unit != unit or int(result.assignment[k]) == DATA.current_post[k]


def test_frozen_unit_has_no_moves_in_or_out(tmp_path: Path, base: Result) -> None:
    """bekukan_unit: nobody leaves or enters the unit (it had moves in the base plan)."""
    unit = DATA.positions[DATA.current_post[_movers(base)[0]]].unit
    data = _scenario(tmp_path, f'bekukan_unit = ["{unit}"]\n')
    result = _solve(data)
    for i, j in enumerate(result.assignment.tolist()):
        cur = DATA.current_post[i]
        if j != cur:
            assert unit not in (DATA.positions[cur].unit, DATA.positions[j].unit)
    assert data.frozen_units == (unit,)


def test_seat_override_is_respected(tmp_path: Path, base: Result) -> None:
    """[kebutuhan] sets a post's seats: closing a post that gained people leaves it with no newcomer."""
    gained = int(base.assignment[_movers(base)[0]])
    kode = DATA.positions[gained].kode
    data = _scenario(tmp_path, f'[kebutuhan]\n"{kode}" = 0\n')
    assert data.positions[gained].kebutuhan == 0
    result = _solve(data)
    newcomers = [i for i, j in enumerate(result.assignment.tolist()) if j == gained and DATA.current_post[i] != j]
    assert newcomers == []


def test_tighter_max_moves_never_increases_moves(tmp_path: Path, base: Result) -> None:
    """Each tighter maks_mutasi gives at most as many moves as the looser one, never above the cap."""
    previous = len(_movers(base))
    for cap in (previous // 2, previous // 4, 1):
        result = _solve(_scenario(tmp_path, f"[parameter]\nmaks_mutasi = {cap}\n"))
        moves = int((result.assignment != np.asarray(DATA.current_post)).sum())
        assert moves <= min(cap, previous)
        previous = moves


def test_parameter_and_weight_overrides(tmp_path: Path) -> None:
    """[parameter] and [bobot] overrides land in Params (with or without bobot_) and change the scores."""
    data = _scenario(tmp_path, 'nama = "longgar"\n[parameter]\nmasa_jabatan_minimal_bulan = 6\n'
                               "tanggal_acuan = 2026-11-01\nmaks_keluar_unit_persen = 25\n"
                               "[bobot]\nbidang = 60\nbobot_kinerja = 0\n")
    p = data.params
    assert (p.masa_jabatan_minimal_bulan, p.tanggal_acuan.isoformat(), p.maks_keluar_unit_persen) == (6, "2026-11-01",
                                                                                                      25.0)
    assert (p.bobot_bidang, p.bobot_kinerja, data.scenario_name) == (60, 0, "longgar")
    before, after = build_candidates(DATA), build_candidates(data)
    assert not np.array_equal(before.score[before.stay], after.score[after.stay])
    def held_by_r1(d: ProblemData) -> int:
        return sum("R1" in codes for codes in Tables(d).hold_reasons)

    assert held_by_r1(data) < held_by_r1(DATA)
    _solve(data)


def test_dotted_code_without_quotes(tmp_path: Path) -> None:
    """A Kode Jabatan with dots written unquoted (a TOML dotted key) still means that code."""
    post = DATA.positions[0].model_copy(update={"kode": "BAPPEDA.0007"})
    data = DATA.replace(positions=(post, *DATA.positions[1:]),
                        employees=tuple(e.model_copy(update={"kode_jabatan": "BAPPEDA.0007"})
                                        if e.kode_jabatan == DATA.positions[0].kode else e for e in DATA.employees))
    out = _scenario(tmp_path, "[kebutuhan]\nBAPPEDA.0007 = 9\n", data)
    assert out.positions[0].kebutuhan == 9


def test_every_problem_at_once_with_line_and_key(tmp_path: Path) -> None:
    """Unknown keys, wrong types, unknown NIP/kode/unit: all reported together, each at its line and key."""
    nip = DATA.employees[0].nip
    text = "\n".join([
        'nama = "salah"',                       # 1
        "warna = 3",                            # 2
        "bekukan_unit = ['Unit Z']",            # 3
        "[parameter]",                          # 4
        'maks_mutasi = "lima puluh"',           # 5
        "masa_jabatan_minimal = 6",             # 6
        "toleransi_golongan = 1",               # 7
        "[bobot]",                              # 8
        "kecantikan = 3",                       # 9
        "[[kunci]]",                            # 10
        'nip = "199901012020011999"',           # 11
        'kode_jabatan = "U0-PLK"',              # 12
        "[[larang]]",                           # 13
        f'nip = "{nip}"',                       # 14
        'kode_jabatan = "TIDAK-ADA"',           # 15
        "[kebutuhan]",                          # 16
        '"U0-PLK" = -1',                        # 17
        '"U0-KASI" = 2.5',                      # 18
    ]) + "\n"
    found = {(row, col) for row, col, _ in _errors(tmp_path, text)}
    assert found == {(2, "warna"), (3, "bekukan_unit"), (5, "parameter.maks_mutasi"),
                     (6, "parameter.masa_jabatan_minimal"), (7, "parameter.toleransi_golongan"),
                     (9, "bobot.kecantikan"), (11, "kunci.nip"), (15, "larang.kode_jabatan"),
                     (17, "kebutuhan.U0-PLK"), (18, "kebutuhan.U0-KASI")}


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    """A file that is not TOML is one error at the line the parser stopped."""
    assert _errors(tmp_path, 'nama = "x"\n[parameter]\nmaks_mutasi = = 3\n')[0][0] == 3


def test_pin_that_breaks_a_hard_rule(tmp_path: Path) -> None:
    """A pin of someone R1 holds in place names R1 and the months; a scenario override that lifts R1 fixes it."""
    data = make_instance(8, n_emp=80, n_units=4)  # has someone held only by R1 with a purposeful move
    t = Tables(data)
    cand = build_candidates(data.replace(params=data.params.model_copy(update={"masa_jabatan_minimal_bulan": 0})))
    i, j = next((i, int(cand.post[k])) for i, h in enumerate(t.hold_reasons) if h == ("R1",)
                for k in np.nonzero((cand.emp == i) & ~cand.stay)[0][:1])
    pin = f'[[kunci]]\nnip = "{data.employees[i].nip}"\nkode_jabatan = "{data.positions[j].kode}"\n'
    [(row, col, message)] = _errors(tmp_path, pin, data)
    assert (row, col) == (3, "kunci")
    assert f"kunci melanggar R1 (masa jabatan {t.emp_tenure[i]} bulan < 24)" in message
    lifted = _scenario(tmp_path, "[parameter]\nmasa_jabatan_minimal_bulan = 0\n" + pin, data)
    assert int(_solve(lifted).assignment[i]) == j


def test_terima_rantai_pins_exactly_the_chain(tmp_path: Path, base: Result) -> None:
    """terima_rantai pins every member of the accepted chain to its target, nobody else; unknown ids are errors."""
    write_plan(tmp_path / "lama.xlsx", DATA, Tables(DATA), base)
    chains = chain_list(DATA, base)
    chain = max(chains, key=lambda c: len(c.members))
    path = tmp_path / "terima.toml"
    path.write_text(f'rekomendasi = "lama.xlsx"\nterima_rantai = ["{chain.id}"]\n', encoding="utf-8")
    scenario = load_scenario(path, DATA, read_plan_moves)
    expected = {(DATA.employees[i].nip, DATA.positions[int(base.assignment[i])].kode) for i in chain.members}
    assert {(p.nip, p.kode_jabatan) for p in scenario.kunci_rantai} == expected
    assert ("rantai diterima", f"{chain.id} ({len(chain.members)} pegawai dikunci, dari lama.xlsx)") in \
        scenario_rows(DATA, scenario)
    result = _solve(apply_scenario(DATA, scenario))
    assert all(result.assignment[i] == base.assignment[i] for i in chain.members)
    problems = _errors(tmp_path, 'rekomendasi = "lama.xlsx"\nterima_rantai = [\n  "C001",\n  "C999",\n]\n')
    assert [(row, col) for row, col, _ in problems] == [(4, "terima_rantai")]
    assert [(row, col) for row, col, _ in _errors(tmp_path, 'terima_rantai = ["R001"]\n')] == [(1, "terima_rantai")]


def test_plan_files_need_a_reader(tmp_path: Path, base: Result) -> None:
    """Without a plan reader (the excel layer's), a scenario naming a plan workbook is an error at that key."""
    write_plan(tmp_path / "lama.xlsx", DATA, Tables(DATA), base)
    text = 'nama = "x"\nrekomendasi = "lama.xlsx"\nterima_rantai = ["C001"]\nacuan = "lama.xlsx"\n'
    assert [(row, col) for row, col, _ in _errors(tmp_path, text, read_plan=None)] == [(2, "rekomendasi"),
                                                                                       (4, "acuan")]
    assert load_scenario(_write(tmp_path, 'nama = "tanpa rencana"\n'), DATA).nama == "tanpa rencana"


def test_unreadable_plan_is_a_located_error(tmp_path: Path) -> None:
    """A plan the reader refuses (ValueError) is an error at `acuan`, and for `solve --acuan` an InputError."""
    (tmp_path / "bukan.xlsx").write_text("bukan workbook", encoding="utf-8")
    [(row, col, message)] = _errors(tmp_path, 'nama = "x"\nacuan = "bukan.xlsx"\n')
    assert (row, col) == (2, "acuan") and "bukan.xlsx" in message
    with pytest.raises(InputError) as info:
        load_reference_plan(tmp_path / "bukan.xlsx", DATA, read_plan_moves)
    assert [p.sheet for p in info.value.errors] == ["bukan.xlsx"]


def test_reference_keeps_unrelated_people(base: Result) -> None:
    """One-pin changes re-solved with the previous plan as reference move few others, fewer than without it."""
    cand = build_candidates(DATA)
    totals = [0, 0]
    tried = 0
    for k in np.nonzero(~cand.stay)[0].tolist():
        i, j = int(cand.emp[k]), int(cand.post[k])
        if j == base.assignment[i] or tried == 5:
            continue
        pinned = DATA.replace(pins=(_pin(DATA, i, j),))
        free = solve(pinned, 30)
        if not free.feasible:
            continue
        tried += 1
        assert_plan_valid(pinned, free)
        kept = _solve(pinned, reference=base.assignment)
        assert kept.assignment[i] == j
        changed_free = int((free.assignment != base.assignment).sum())
        assert kept.changed_vs_reference == int((kept.assignment != base.assignment).sum())
        assert kept.changed_vs_reference is not None and kept.changed_vs_reference <= min(3, changed_free)
        assert kept.objective <= free.objective  # the bonus never lifts the score objective above its optimum
        if kept.status.value == "OPTIMAL":
            assert kept.bound == kept.objective
        assert free.changed_vs_reference is None
        totals[0] += changed_free
        totals[1] += kept.changed_vs_reference
    assert tried == 5 and totals[1] < totals[0]


def test_reference_plan_from_moves() -> None:
    """An earlier plan's rows become post indices; everyone else stays; unknown rows are counted, not used."""
    e, q = DATA.employees[0], DATA.positions[1]
    ref, skipped = reference_plan(DATA, [PlanMove(2, e.nip, e.kode_jabatan, q.kode, "R001"),
                                         PlanMove(3, "1" * 18, "X", q.kode, "R002")])
    expected = np.asarray(DATA.current_post).copy()
    expected[0] = 1
    assert np.array_equal(ref, expected) and skipped == 1


def test_example_scenario_is_valid_and_explains_every_key(tmp_path: Path) -> None:
    """`template --skenario` writes a valid scenario that mentions every key."""
    path = tmp_path / "contoh.toml"
    write_example(path)
    scenario = load_scenario(path, DATA)
    assert scenario.parameter == {"maks_mutasi": 50}
    assert all(f"{key} =" in EXAMPLE or f"[{key}]" in EXAMPLE for key in TOML_KEYS)
    assert all(f"# {w.removeprefix('bobot_')} =" in EXAMPLE for w in Weights.model_fields)
    assert tomllib.loads(EXAMPLE)["nama"]


def _pin(data: ProblemData, i: int, j: int) -> Pin:
    return Pin(nip=data.employees[i].nip, kode_jabatan=data.positions[j].kode)


def test_reference_same_combined_optimum_in_every_stage(base: Result) -> None:
    """With a reference and R13/R14 binding, the staged solve and pure CP-SAT reach the same combined optimum."""
    moves = int((base.assignment != np.asarray(DATA.current_post)).sum())
    data = DATA.replace(params=DATA.params.model_copy(update={"maks_mutasi": moves // 2,
                                                              "maks_keluar_unit_persen": 10.0}))
    other = _solve(DATA.replace(params=DATA.params.model_copy(update={"bobot_bidang": 0})))
    results = [_solve(data, reference=other.assignment, shortcuts=flag) for flag in (True, False)]
    combined = [r.objective + 3 * (len(DATA.employees) - (r.changed_vs_reference or 0)) for r in results]
    assert all(r.status.value == "OPTIMAL" for r in results)
    assert combined[0] == combined[1]
    assert results[0].must_fill_filled == results[1].must_fill_filled


@pytest.mark.parametrize(("text", "words"), [
    (f'[kebutuhan]\n"{DATA.positions[0].kode}" = 100000000000000000000\n', "≤ 10000"),
    ('[bobot]\nbidang = 1000000\n', "≤ 1000"),
    ('[parameter]\nbiaya_mutasi = 1000000\n', "≤ 1000"),
    ("x = " + "[" * 2000 + "]" * 2000 + "\n", "terlalu dalam"),
    ("x = " + "[" * 6 + "1" + "]" * 6 + "\n", "terlalu dalam"),
])
def test_scenario_values_out_of_range_are_located_errors(tmp_path: Path, text: str, words: str) -> None:
    """Issue 24: a scenario's seat count, weight or cost the solver cannot hold, or tables nested too deep, is a
    message naming the limit, never an OverflowError or RecursionError."""
    problems = _errors(tmp_path, text)
    assert any(words in message for _, _, message in problems), problems


def test_distribution_target_is_kept_and_named(tmp_path: Path, base: Result) -> None:
    """R27: `[[target_sebaran]]` gives women at least 70 % of the moves (the plan without it gives them less); the
    plan keeps it, the checker finds nothing, and the scenario's rows name it."""
    women = {i for i, e in enumerate(DATA.employees) if e.jenis_kelamin == "P"}
    moved = _movers(base)
    assert 100 * len(women & set(moved)) < 70 * len(moved)  # the target binds
    text = ('nama = "target"\n[[target_sebaran]]\nukuran = "Mutasi"\nbagian = "jenis kelamin"\n'
            'kelompok = "perempuan"\npersen_minimal = 70\n')
    data = _scenario(tmp_path, text)
    assert [t.words for t in data.targets] == ["mutasi: Jenis Kelamin Perempuan minimal 70 %"]
    result = _solve(data)
    moved = _movers(result)
    assert moved and 100 * len(women & set(moved)) >= 70 * len(moved)
    rows = scenario_rows(DATA, load_scenario(_write(tmp_path, text), DATA))
    assert ("target sebaran (R27)", "mutasi: Jenis Kelamin Perempuan minimal 70 %") in rows


def test_distribution_target_problems_at_once(tmp_path: Path) -> None:
    """Every wrong target key is reported together at its line: measure, section, group (with the closest one),
    no bound, bounds crossed, a percent out of range."""
    text = "\n".join([
        "[[target_sebaran]]",                   # 1
        'ukuran = "kenaikan"',                  # 2
        'bagian = "Jenis Kelamin"',             # 3
        'kelompok = "Perempuann"',              # 4
        "persen_minimal = 30",                  # 5
        "[[target_sebaran]]",                   # 6
        'ukuran = "promosi"',                   # 7
        'bagian = "Agama"',                     # 8
        'kelompok = "x"',                       # 9
        "persen_minimal = 10",                  # 10
        "[[target_sebaran]]",                   # 11
        'ukuran = "promosi"',                   # 12
        'bagian = "Golongan"',                  # 13
        'kelompok = "III"',                     # 14
        "[[target_sebaran]]",                   # 15
        'ukuran = "mutasi"',                    # 16
        'bagian = "Golongan"',                  # 17
        'kelompok = "IV"',                      # 18
        "persen_minimal = 60",                  # 19
        "persen_maksimal = 40",                 # 20
        "[[target_sebaran]]",                   # 21
        'ukuran = "mutasi"',                    # 22
        'bagian = "Golongan"',                  # 23
        'kelompok = "IV"',                      # 24
        "persen_maksimal = 140",                # 25
    ]) + "\n"
    errors = _errors(tmp_path, text)
    found = {(row, col) for row, col, _ in errors}
    assert found == {(2, "target_sebaran.ukuran"), (4, "target_sebaran.kelompok"), (8, "target_sebaran.bagian"),
                     (11, "target_sebaran"), (19, "target_sebaran.persen_minimal"),
                     (25, "target_sebaran.persen_maksimal")}
    path = _write(tmp_path, text, "bad.toml")
    with pytest.raises(InputError) as info:
        load_scenario(path, DATA)
    group = next(p for p in info.value.errors if p.row == 4)
    assert (group.value, group.hint) == ("Perempuann", "Mungkin maksudnya 'Perempuan'?")
