"""Which moves of a plan the Baperjakat approved (SPEC 7, 10): the answers of sheet `Tanggapan` and the chain
decisions of `Rantai Mutasi`, already checked by `scenario.answers.decide`, read per move of `Usulan Mutasi`.

A move is approved when every decision about it keeps it (an objection rejected, an agreement confirmed, its
chain approved) and rejected when one does not (an objection accepted, its chain rejected; `decide` refuses a
move both kept and not). A move no decision covers is undecided: the decree package is made from a decided plan
only, so `undecided_message` names those rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from penempatan.scenario.answers import (
    ANSWERS_SHEET,
    CHAINS_SHEET,
    Answer,
    ChainAnswer,
    Decided,
    Decisions,
    Move,
    PlanAnswers,
)
from penempatan.scenario.model import nip_of

PLAN_SHEET = "Usulan Mutasi"


@dataclass(frozen=True)
class Outcome:
    """One move of the plan and every decision recorded about it (none: undecided)."""

    move: Move
    decisions: tuple[Decided, ...]
    answer: Answer | None  # its row of `Tanggapan`, when the planner filled one

    @property
    def decided(self) -> bool:
        return bool(self.decisions)

    @property
    def approved(self) -> bool:
        """Decided, and every decision keeps the move."""
        return self.decided and all(d.decision.keeps for d in self.decisions)

    @property
    def basis(self) -> str:
        """The decisions in words with where they are recorded: 'keberatan ditolak (Tanggapan baris 7)'."""
        return "; ".join(f"{d.decision.value} ({d.sheet} baris {d.row})" for d in self.decisions)


@dataclass(frozen=True)
class Verdicts:
    """Every move of a plan workbook with its outcome, and the recorded answers and chain decisions."""

    name: str
    outcomes: tuple[Outcome, ...]
    answers: tuple[Answer, ...]
    chains: tuple[ChainAnswer, ...]

    @property
    def approved(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.approved]

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.decided and not o.approved]

    @property
    def undecided(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.decided]


def verdicts(plan: PlanAnswers, decisions: Decisions) -> Verdicts:
    """The outcome of every move of `plan` under `decisions` (from `decide` on the same plan)."""
    by_nip: dict[str, list[Decided]] = {}
    for d in decisions.items:
        by_nip.setdefault(nip_of(d.nip), []).append(d)
    answers = {nip_of(a.nip): a for a in plan.answers}
    outcomes = tuple(Outcome(m, tuple(by_nip.get(nip_of(m.nip), ())), answers.get(nip_of(m.nip)))
                     for m in plan.moves)
    return Verdicts(plan.name, outcomes, plan.answers, plan.chains)


UNDECIDED_SHOWN = 20


def undecided_message(v: Verdicts) -> str:
    """Why the package is refused: how many moves of which rows have no decision, and where to record one."""
    rows = v.undecided
    shown = ", ".join(f"baris {o.move.row} (NIP {o.move.nip}, rantai {o.move.rantai})" for o in rows[:UNDECIDED_SHOWN])
    more = f" dan {len(rows) - UNDECIDED_SHOWN} lainnya" if len(rows) > UNDECIDED_SHOWN else ""
    return (f"rencana {v.name} belum diputuskan seluruhnya: {len(rows)} dari {len(v.outcomes)} usulan di sheet "
            f"{PLAN_SHEET} belum punya keputusan: {shown}{more}. Isi Keputusan (Terima/Tolak) di sheet "
            f"{ANSWERS_SHEET} atau Keputusan (Setuju/Tolak) rantainya di sheet {CHAINS_SHEET}, lalu jalankan lagi.")
