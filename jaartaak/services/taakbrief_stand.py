"""Where each employee's taakbrief stands, for the planner: versions, reply, out of date or not.

"Out of date" compares the latest version's content key with the key of the brief as it would
be published now, so the planner sees which employees need a new version (and so a new
answer) after lessons, tasks or choices changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from jaartaak.models import Employee, Schooljaar, Taakbrief
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import berekening
from jaartaak.services.taakbrief import versies
from jaartaak.services.taakbrief_inhoud import inhoud

#: Status of an employee without any published version.
GEEN = "geen"
STATUS_LABELS = {
    GEEN: "Geen",
    "gepubliceerd": "Wacht op reactie",
    "akkoord": "Akkoord",
    "bezwaar": "Bezwaar",
}


@dataclass(frozen=True)
class Stand:
    """One employee's versions (newest first), the current content key and the engine's errors."""

    employee: Employee
    versies: list[Taakbrief]
    sleutel: str
    fouten: tuple[str, ...]

    @property
    def laatste(self) -> Taakbrief | None:
        return self.versies[0] if self.versies else None

    @property
    def status(self) -> str:
        return self.laatste.status if self.laatste else GEEN

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def verouderd(self) -> bool:
        """The data changed since the latest version: a new version is due."""
        return self.laatste is not None and self.laatste.inhoud_sleutel != self.sleutel


@dataclass(frozen=True)
class Telling:
    totaal: int
    akkoord: int
    wacht: int
    bezwaar: int
    geen: int
    verouderd: int


def standen(
    session: Session, employees: list[Employee], schooljaar: Schooljaar, registry: SchemeRegistry
) -> list[Stand]:
    """The state of every employee's taakbrief in ``schooljaar``, in the order given."""
    answers = berekening.bereken(session, employees, schooljaar, registry)
    found = versies(session, [p.id for p in employees], schooljaar.id)
    result = []
    for person in employees:
        content = inhoud(answers[person.id])
        result.append(Stand(person, found.get(person.id, []), content.sleutel, content.fouten))
    return result


def telling(rows: list[Stand]) -> Telling:
    statuses = [row.status for row in rows]
    return Telling(
        totaal=len(rows),
        akkoord=statuses.count("akkoord"),
        wacht=statuses.count("gepubliceerd"),
        bezwaar=statuses.count("bezwaar"),
        geen=statuses.count(GEEN),
        verouderd=sum(row.verouderd for row in rows),
    )
