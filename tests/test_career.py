"""What an employee could be considered for next (penempatan.explain.career, issue 25 item 4), on hand-built
instances, and the explain output that shows it."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from penempatan.check import Rules, check_plan
from penempatan.explain.career import (
    HEADING,
    NEXT_STEP,
    STEPS_MAX,
    SUCCESSION_ELSEWHERE,
    Career,
    CareerStep,
    career,
)
from penempatan.model import Employee, Params, Position, ProblemData
from penempatan.result import Result, SolveStatus
from penempatan.scoring import Tables, build_candidates
from penempatan.succession import Readiness, add_months, at_month, succession
from tests.builders import emp, post
from tests.instances import TODAY


def _data(*people: Employee, posts: tuple[Position, ...]) -> ProblemData:
    return ProblemData(employees=tuple(people), positions=posts, params=Params(tanggal_acuan=TODAY))


def pengawas_one_year() -> ProblemData:
    """Pegawai 1: Kepala Seksi (Pengawas, III/c) for 12 months, no PKA; an empty must-fill Kepala Bidang
    (Administrator) post in the same unit (so a move has a purpose, SPEC 4); a Pelaksana colleague."""
    return _data(
        emp(1, "KASI", golongan="III/c", tmt_jabatan=date(2025, 12, 1)),
        emp(2, "PLK"),
        posts=(post("KASI", jenis="Pengawas", nama="Kepala Seksi Data"),
               post("KABID", jenis="Administrator", nama="Kepala Bidang Data", pendidikan_min="S-1",
                    wajib_diisi=True),
               post("PLK", nama="Pengelola Data", kebutuhan=2)))


def career_of(data: ProblemData, i: int, with_plan: bool = True) -> Career:
    t = Tables(data)
    readiness = Readiness(data, t.ref)
    plan = succession(data, t, readiness) if with_plan else None
    return career(t, i, readiness, plan)


def step_to(found: Career, data: ProblemData, kode: str) -> CareerStep:
    return next(s for s in found.steps if data.positions[s.j].kode == kode)


def plan_moving(data: ProblemData, i: int, j: int) -> Result:
    """The plan that moves employee i into post j and keeps everyone else, with the candidates and numbers
    `solve` would report for it (so `check` judges the move, not the bookkeeping)."""
    t = Tables(data)
    assignment = t.cur.astype(np.int64).copy()
    assignment[i] = j
    cand = build_candidates(data, t, reference=assignment)
    nilai = {(int(a), int(b)): int(v) for a, b, v in zip(cand.emp, cand.post, cand.nilai, strict=True)}
    counts = np.bincount(assignment, minlength=t.n_post)
    wajib = np.nonzero(t.post_wajib)[0]
    return Result(status=SolveStatus.OPTIMAL, assignment=assignment,
                  objective=sum(nilai[(k, int(p))] for k, p in enumerate(assignment)), bound=0.0, wall_time=0.0,
                  candidates=cand, must_fill_seats=int(t.post_keb[wajib].sum()),
                  must_fill_filled=int(np.minimum(counts[wajib], t.post_keb[wajib]).sum()),
                  surplus_kept=int(np.maximum(0, counts - t.post_keb).sum()))


def test_pengawas_waits_for_tenure_and_needs_pka() -> None:
    """A Pengawas 12 months in post gets the Administrator post ready at the R1 threshold (24 months: 12 months
    from now), and the gap names the tenure (R1) and the PKA course."""
    data = pengawas_one_year()
    found = career_of(data, 0)
    step = step_to(found, data, "KABID")
    minimum = data.params.masa_jabatan_minimal_bulan
    assert step.months == minimum - 12
    assert step.when == add_months(TODAY, minimum - 12)
    assert not step.ready_now
    assert any(g.startswith("R1 masa jabatan kurang dari minimal: 12 bulan") for g in step.gaps), step.gaps
    assert any("PKA" in c for c in step.courses), step.courses
    assert "PKA" in step.kekurangan and "R1" in step.kekurangan
    assert step.kesiapan == f"siap paling lambat dalam 12 bulan ({add_months(TODAY, 12):%d-%m-%Y})"
    assert step.kind == "Administrator" and step.jalur == "jabatan kunci (Administrator)"


def test_named_successor_flag_follows_the_succession_plan() -> None:
    """The flag says what the succession plan says: Pegawai 1 is among the Kepala Bidang's successors; without a
    plan the flag is unknown (None) and not shown."""
    data = pengawas_one_year()
    plan = succession(data)
    named = {data.positions[k.j].kode for k in plan.posts for s in k.successors if s.i == 0}
    step = step_to(career_of(data, 0), data, "KABID")
    assert step.successor is ("KABID" in named)
    assert "KABID" in named
    assert step_to(career_of(data, 0, with_plan=False), data, "KABID").successor is None


def test_active_sanction_makes_readiness_its_end_date() -> None:
    """A Pelaksana under a Sedang sanction until 1 June 2027 (6 months) is ready for the next step (a Pengawas
    post) on that date, not before; today's gap names the sanction (R10)."""
    end = date(2027, 6, 1)
    data = _data(emp(1, "PLK", hukuman="Sedang", akhir_hukuman=end), emp(2, "PLK"),
                 posts=(post("PLK", nama="Pengelola Data", kebutuhan=2),
                        post("KASI", jenis="Pengawas", nama="Kepala Seksi Data")))
    step = step_to(career_of(data, 0), data, "KASI")
    assert step.kind == NEXT_STEP
    assert step.when == end and step.months == 6
    assert any(g.startswith("R10 ") for g in step.gaps)


def test_near_bup_has_no_step_and_says_why() -> None:
    """Someone six months from BUP (58) is listed for nothing, and the one sentence says they are near BUP."""
    data = _data(emp(1, "KASI", tanggal_lahir=date(1969, 6, 1)), emp(2, "PLK"),
                 posts=(post("KASI", jenis="Pengawas", nama="Kepala Seksi Data"),
                        post("KABID", jenis="Administrator", nama="Kepala Bidang Data", pendidikan_min="S-1"),
                        post("PLK", nama="Pengelola Data", kebutuhan=2)))
    found = career_of(data, 0)
    assert found.steps == ()
    assert found.reason.startswith("Mendekati BUP: R")
    assert "pensiun" in found.reason


def test_top_of_the_ladder_says_so() -> None:
    """A JPT Pratama holder with no other key post above or beside them: 'sudah di jenjang tertinggi'."""
    data = _data(emp(1, "KADIS", golongan="IV/b", pendidikan="S-2"), emp(2, "PLK"),
                 posts=(post("KADIS", jenis="JPT Pratama", nama="Kepala Dinas Data", pendidikan_min="S-2"),
                        post("PLK", nama="Pengelola Data", kebutuhan=2)))
    found = career_of(data, 0)
    assert found.steps == ()
    assert found.reason.startswith("Sudah di jenjang tertinggi")


def test_moving_into_a_listed_post_at_its_readiness_date_passes_check() -> None:
    """The plan that moves the person into each listed post, checked on the data at that step's readiness date,
    breaks no rule; moving them today (before readiness) breaks R1."""
    data = pengawas_one_year()
    found = career_of(data, 0)
    ready = [s for s in found.steps if s.months is not None]
    assert ready
    for step in ready:
        later = at_month(data, step.months or 0)
        assert check_plan(later, plan_moving(later, 0, step.j)) == [], step
    too_soon = {v.rule for v in Rules(data).move_violations(0, ready[0].j)}
    assert "R1" in too_soon


def test_steps_are_few_ranked_and_never_the_same_post_or_lower() -> None:
    """At most STEPS_MAX steps, ready ones first by readiness then fit; none is the person's own post, a post of
    the same name, a lower kelas, or an abolished post."""
    positions = [post("KASI", jenis="Pengawas", nama="Kepala Seksi Data"),
                 post("KASI2", jenis="Pengawas", nama="Kepala Seksi Data", unit="Unit B"),
                 post("GONE", jenis="Administrator", nama="Kepala Bidang Lama", kebutuhan=0),
                 post("PLK", nama="Pengelola Data", kebutuhan=2)]
    positions += [post(f"KABID{k}", jenis="Administrator", nama=f"Kepala Bidang {k}", unit=f"Unit {k}")
                  for k in range(8)]
    data = _data(emp(1, "KASI", golongan="III/c"), emp(2, "PLK"), posts=tuple(positions))
    found = career_of(data, 0)
    assert 0 < len(found.steps) <= STEPS_MAX
    kodes = {data.positions[s.j].kode for s in found.steps}
    assert not kodes & {"KASI", "KASI2", "GONE", "PLK"}
    keys = [(s.months is None, s.months or 0, -s.fit) for s in found.steps]
    assert keys == sorted(keys)
    assert all("akan menjadi" not in s.kesiapan for s in found.steps)


def test_web_panel_lays_out_the_same_steps() -> None:
    """The web explain panel (data and page) shows the heading, each step's post, readiness and gap as the
    module says, and the successor flag; it never promises the post."""
    from penempatan.explain import Explainer
    from penempatan.web import explanation
    from penempatan.web.rendering import _templates

    data = pengawas_one_year()
    t = Tables(data)
    ex = Explainer(data, t, plan_moving(data, 0, int(t.cur[0])))
    shown = explanation.employee(ex, 0)["karier"]
    found = ex.career(0)
    assert shown["judul"] == HEADING
    assert [s["jabatan"]["kode"] for s in shown["langkah"]] == [data.positions[s.j].kode for s in found.steps]
    first = shown["langkah"][0]
    assert first["kesiapan"] == found.steps[0].kesiapan and "PKA" in first["kekurangan"]
    assert first["calon_pengganti"] is True
    page = _templates.env.get_template("jelaskan.html").render(
        b={"id": "x"}, rq="", pegawai=explanation.employee(ex, 0), jabatan=None)
    assert HEADING in page and found.steps[0].kesiapan in page and "Calon pengganti dalam Rencana Suksesi: Ya" in page
    assert "akan menjadi" not in page


def test_large_data_leaves_the_successor_flag_to_the_succession_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above SUCCESSION_INLINE_MAX employees explain does not build the whole succession plan: the flag is
    unknown and the note points to `penempatan suksesi`; the steps themselves are the same."""
    from penempatan.explain import Explainer
    from penempatan.explain import career as career_module

    data = pengawas_one_year()
    t = Tables(data)
    small = Explainer(data, t, plan_moving(data, 0, int(t.cur[0]))).career(0)
    monkeypatch.setattr(career_module, "SUCCESSION_INLINE_MAX", 1)
    large = Explainer(data, t, plan_moving(data, 0, int(t.cur[0]))).career(0)
    assert [s.j for s in large.steps] == [s.j for s in small.steps]
    assert all(s.successor is None and s.suksesi == "" for s in large.steps)
    assert SUCCESSION_ELSEWHERE in large.note and SUCCESSION_ELSEWHERE not in small.note
