"""The plan as files for other programs: every candidate pair as CSV (SPEC 4) and the plan as JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from penempatan.atomic import atomic_text
from penempatan.text import csv_text

if TYPE_CHECKING:
    from penempatan.explain.changes import ChangeRow
    from penempatan.model import ProblemData
    from penempatan.result import Result


def write_candidates(path: Path, problem: ProblemData, result: Result) -> None:
    """SPEC 4: every candidate pair considered, so optimality can be re-checked with another solver. A NIP or Kode
    Jabatan that starts like a formula gets a leading apostrophe (`text.csv_text`), so a spreadsheet opening the
    file shows it as text instead of running it."""
    cand = result.candidates
    nips = [csv_text(e.nip) for e in problem.employees]
    codes = [csv_text(p.kode) for p in problem.positions]

    def write(f: TextIO) -> None:
        w = csv.writer(f)
        w.writerow(["nip", "kode_jabatan", "skor", "tetap", "nilai"])
        for i, j, s, st, v in zip(cand.emp.tolist(), cand.post.tolist(), cand.score.tolist(), cand.stay.tolist(),
                                  cand.nilai.tolist(), strict=True):
            w.writerow([nips[i], codes[j], s, int(st), v])

    atomic_text(path, write, suffix=".csv")


def write_json(path: Path, problem: ProblemData, result: Result, changes: list[ChangeRow] | None = None) -> None:
    """The plan's status, objective and every move and placement by NIP and Kode Jabatan; with `changes` (a
    plan made against an earlier one, `solve --acuan`) also `perubahan`: each changed placement and why."""
    cur = problem.current_post
    moves = [
        {"nip": e.nip, "dari": problem.positions[cur[i]].kode, "ke": problem.positions[int(j)].kode}
        for i, (e, j) in enumerate(zip(problem.employees, result.assignment.tolist(), strict=True))
        if j != cur[i]
    ]
    doc: dict[str, object] = {
        "status": result.status.value,
        "nilai_objektif": result.objective,
        "batas_atas": result.bound,
        "gap": result.gap,
        "waktu_detik": round(result.wall_time, 3),
        "tanggal_acuan": problem.params.tanggal_acuan.isoformat(),
        "skenario": problem.scenario_name,
        "mutasi": moves,
        "penempatan": {e.nip: problem.positions[int(j)].kode
                       for e, j in zip(problem.employees, result.assignment.tolist(), strict=True)},
    }
    if changes is not None:
        doc["perubahan"] = [{"nip": c.nip, "kelompok": c.group, "acuan": c.before, "baru": c.after,
                             "keputusan": c.decisions, "alasan": c.reason, "tindak_lanjut": c.follow_up}
                            for c in changes]
    atomic_text(path, lambda f: json.dump(doc, f, ensure_ascii=False, indent=1), suffix=".json")
