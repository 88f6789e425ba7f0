"""Recording an employee's pb choices for a schooljaar, validated by the engine before saving.

The engine is the only judge of a choice: the planner's form only checks that the numbers are
numbers. A choice the engine refuses is not saved, and the refusal carries the engine's errors,
each naming the rule it breaks (``pb.te-veel-uren``, ``aanvulling.basis-vereist`` …).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.domain.reading import Issue
from jaartaak.models import (
    AANVULLING_WIJZEN,
    OPNAME_POTTEN,
    PB_DOELEN,
    Employee,
    PbKeuze,
    Schooljaar,
)
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import berekening
from jaartaak.services.errors import Refused

HOUR_FIELDS = (*PB_DOELEN, *OPNAME_POTTEN)
ZERO = Decimal("0.00")


class ChoiceRefused(Refused):
    """The engine refused the choice; ``errors`` are its error entries (code, message, field)."""

    def __init__(self, errors: list[Issue], what: str = "De keuze is niet opgeslagen") -> None:
        self.errors = errors
        super().__init__(f"{what}: " + " ".join(issue.message for issue in errors))


@dataclass(frozen=True)
class KeuzeInvoer:
    """What the planner filled in: hours per doel and pot, and the 57+ aanvulling."""

    hours: dict[str, Decimal]
    aanvulling_niveau: int
    aanvulling_wijze: str


def invoer_uit(choices: dict) -> KeuzeInvoer:
    """The CAO VO contract ``choices`` (as a request holds them) as the planner's input.

    The engine has accepted these choices before a request is stored, so the shapes are known.
    """
    doelen = {doel: column for column, doel in PB_DOELEN.items()}
    potten = {pot: column for column, pot in OPNAME_POTTEN.items()}
    hours: dict[str, Decimal] = {}
    for entry in choices.get("pb", []):
        column = doelen[entry["doel"]]
        hours[column] = hours.get(column, ZERO) + Decimal(entry["hours"])
    for entry in choices.get("opname", []):
        column = potten[entry["pot"]]
        hours[column] = hours.get(column, ZERO) + Decimal(entry["hours"])
    aanvulling = choices.get("aanvulling") or {}
    return KeuzeInvoer(
        hours=hours,
        aanvulling_niveau=int(aanvulling.get("level", 0)),
        aanvulling_wijze=aanvulling.get("mode", "verlof"),
    )


def vorige_keuze(session: Session, employee_id: int, schooljaar: Schooljaar) -> PbKeuze | None:
    """The employee's choice of the latest schooljaar before ``schooljaar`` that has one: a
    sensible start for next year's what-if (most people keep their choice)."""
    return session.scalar(
        select(PbKeuze)
        .join(PbKeuze.schooljaar)
        .where(PbKeuze.employee_id == employee_id, Schooljaar.start < schooljaar.start)
        .order_by(Schooljaar.start.desc())
        .limit(1)
    )


def keuze_of(session: Session, employee_id: int, schooljaar_id: int) -> PbKeuze | None:
    return session.scalar(
        select(PbKeuze).where(
            PbKeuze.employee_id == employee_id, PbKeuze.schooljaar_id == schooljaar_id
        )
    )


def _apply(keuze: PbKeuze, invoer: KeuzeInvoer) -> None:
    for name in HOUR_FIELDS:
        setattr(keuze, name, invoer.hours.get(name, ZERO))
    keuze.aanvulling_niveau = invoer.aanvulling_niveau
    keuze.aanvulling_wijze = invoer.aanvulling_wijze


def _check(invoer: KeuzeInvoer) -> None:
    if invoer.aanvulling_niveau not in (0, 1, 2):
        raise Refused("Kies voor de 57+-aanvulling geen, de 1e, of de 1e en 2e aanvulling.")
    if invoer.aanvulling_wijze not in AANVULLING_WIJZEN:
        raise Refused("Kies voor de aanvulling 'verlof' of 'sparen'.")
    for name in HOUR_FIELDS:
        value = invoer.hours.get(name, ZERO)
        if value < 0 or value != round(value, 2):
            raise Refused("Uren zijn 0 of meer, met hoogstens twee decimalen.")


def save_keuze(
    session: Session,
    employee: Employee,
    schooljaar: Schooljaar,
    invoer: KeuzeInvoer,
    version: int | None,
    registry: SchemeRegistry,
) -> PbKeuze:
    """Store the choice if the engine accepts it; raises ``ChoiceRefused`` with its errors.

    ``version`` is the version the form showed (None for a first choice); a choice changed by
    someone else meanwhile raises ``StaleDataError``. The caller rolls back on any exception.
    """
    _check(invoer)
    keuze = keuze_of(session, employee.id, schooljaar.id)
    if keuze is None:
        if version is not None:  # the form showed a choice that has been removed meanwhile
            expect_version(PbKeuze(version=0), version)
        keuze = PbKeuze(employee=employee, schooljaar=schooljaar)
        session.add(keuze)
    else:
        expect_version(keuze, version)
    _apply(keuze, invoer)
    answer = berekening.bereken(session, [employee], schooljaar, registry)[employee.id]
    if answer.result.errors:
        raise ChoiceRefused(list(answer.result.errors))
    return keuze
