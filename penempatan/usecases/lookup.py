"""Finding the employee or post a planner names on the command line, with close matches when it is not there."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from penempatan import text
from penempatan.usecases.stop import bad_argument

if TYPE_CHECKING:
    from penempatan.model import Position, ProblemData


def find_employee(problem: ProblemData, nip: str) -> int:
    """The index of the employee with NIP `nip` however it is spaced or prefixed; else exit 2 naming the
    closest NIPs and names."""
    key = text.nip_lookup_key(nip)
    if key in problem.employee_index:
        return int(problem.employee_index[key])
    nips = list(problem.employee_index)
    close = difflib.get_close_matches(key, nips, n=3, cutoff=0.7) if key else []
    by_name = {e.nama.lower(): e for e in problem.employees}
    named = difflib.get_close_matches(nip.lower(), list(by_name), n=3, cutoff=0.6)
    hints = [f"{n} ({problem.employees[problem.employee_index[n]].nama})" for n in close]
    hints += [f"{by_name[n].nip} ({by_name[n].nama})" for n in named]
    more = f" Mungkin maksud Anda: {'; '.join(hints)}." if hints else ""
    raise bad_argument(f"NIP {nip} tidak ada di sheet Pegawai.{more}")


def find_post(problem: ProblemData, kode: str) -> int:
    """The index of the post with Kode Jabatan `kode` in any case; else exit 2 naming the closest codes and
    the posts whose name contains or resembles it."""
    index = {k.strip().upper(): j for k, j in problem.position_index.items()}
    key = kode.strip().upper()
    if key in index:
        return int(index[key])
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    by_name: dict[str, list[Position]] = {}
    for q in problem.positions:
        by_name.setdefault(q.nama.lower(), []).append(q)
    query = kode.strip().lower()
    named = [n for n in by_name if query in n][:3] or difflib.get_close_matches(query, list(by_name), n=3, cutoff=0.6)
    hints = [problem.positions[index[k]].kode for k in close]
    hints += [f"{q.kode} {q.nama} ({q.unit})" for n in named for q in by_name[n]][:5]
    more = f" Mungkin maksud Anda: {'; '.join(dict.fromkeys(hints))}." if hints else ""
    raise bad_argument(f"Kode Jabatan {kode} tidak ada di sheet Jabatan.{more}")
