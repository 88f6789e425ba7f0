"""Taakbrieven: publishing a version, the employee's reply, and the state the planner sees.

A published version is kept as it was (its PDF in ``stored_file``): what an employee agreed to
stays readable after the facts change. A new version is made only when the brief would show
something else than the latest one (its content key differs); it starts without a reply, so a
changed brief must be agreed to again. Only the latest version can be answered, once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db import utcnow
from jaartaak.db.base import expect_version
from jaartaak.models import Employee, Schooljaar, StoredFile, Taakbrief
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import berekening, taakbrief_pdf
from jaartaak.services.errors import Refused
from jaartaak.services.meldingen import notify_employee, notify_planners
from jaartaak.services.taakbrief_inhoud import inhoud

PDF_TYPE = "application/pdf"
BESLUITEN = ("akkoord", "bezwaar")


@dataclass(frozen=True)
class Ontwerp:
    """A version about to be published: everything but the PDF, which may render elsewhere."""

    employee_id: int
    schooljaar_id: int
    schooljaar_code: str
    versie: int
    sleutel: str
    html: str
    bestandsnaam: str


@dataclass
class Voorbereiding:
    """What publishing a set of employees comes to: new versions, unchanged ones, refusals."""

    ontwerpen: list[Ontwerp] = field(default_factory=list)
    ongewijzigd: list[Employee] = field(default_factory=list)
    #: Employees whose jaartaak the engine refused, with its messages: no brief to sign.
    fouten: dict[int, tuple[Employee, tuple[str, ...]]] = field(default_factory=dict)


def _bestandsnaam(code: str, schooljaar: str, versie: int) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", code).strip("-") or "medewerker"
    return f"taakbrief-{slug}-{schooljaar}-v{versie}.pdf"


def versies(session: Session, employee_ids: Iterable[int], schooljaar_id: int) -> dict:
    """Every version per employee id, newest first (one query)."""
    found: dict[int, list[Taakbrief]] = defaultdict(list)
    for brief in session.scalars(
        select(Taakbrief)
        .where(Taakbrief.employee_id.in_(list(employee_ids)))
        .where(Taakbrief.schooljaar_id == schooljaar_id)
        .order_by(Taakbrief.versie.desc())
    ):
        found[brief.employee_id].append(brief)
    return found


def voorbereiden(
    session: Session,
    employees: list[Employee],
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
    environment: Environment,
    moment: datetime,
) -> Voorbereiding:
    """Compute every brief, compare it with the latest version, and render the HTML of the new."""
    answers = berekening.bereken(session, employees, schooljaar, registry)
    earlier = versies(session, [p.id for p in employees], schooljaar.id)
    result = Voorbereiding()
    for person in employees:
        content = inhoud(answers[person.id])
        latest = earlier[person.id][0] if earlier[person.id] else None
        if content.fouten:
            result.fouten[person.id] = (person, content.fouten)
        elif latest is not None and latest.inhoud_sleutel == content.sleutel:
            result.ongewijzigd.append(person)
        else:
            versie = latest.versie + 1 if latest else 1
            result.ontwerpen.append(
                Ontwerp(
                    employee_id=person.id,
                    schooljaar_id=schooljaar.id,
                    schooljaar_code=schooljaar.code,
                    versie=versie,
                    sleutel=content.sleutel,
                    html=taakbrief_pdf.html(environment, content.data, versie, moment),
                    bestandsnaam=_bestandsnaam(person.code, schooljaar.code, versie),
                )
            )
    return result


def bewaar(session: Session, ontwerp: Ontwerp, pdf: bytes, user_id: int | None) -> Taakbrief:
    """Store a rendered version and tell the employee it is there to read and answer."""
    brief = Taakbrief(
        employee_id=ontwerp.employee_id,
        schooljaar_id=ontwerp.schooljaar_id,
        versie=ontwerp.versie,
        inhoud_sleutel=ontwerp.sleutel,
        bestand=StoredFile(
            filename=ontwerp.bestandsnaam, content_type=PDF_TYPE, size=len(pdf), data=pdf
        ),
        status="gepubliceerd",
        gepubliceerd_door_user_id=user_id,
    )
    session.add(brief)
    session.flush()
    notify_employee(
        session,
        ontwerp.employee_id,
        f"Uw taakbrief {ontwerp.schooljaar_code} (versie {ontwerp.versie}) staat klaar: "
        "lees hem en geef uw akkoord.",
        f"/mijn/taakbrief?jaar={ontwerp.schooljaar_id}",
    )
    return brief


def fout_melding(person: Employee, fouten: tuple[str, ...]) -> str:
    return (
        f"Taakbrief van {person.full_name} niet gepubliceerd: de berekening van de jaartaak "
        f"geeft een fout ({'; '.join(fouten)}). Los die eerst op."
    )


def publiceer(
    session: Session,
    person: Employee,
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
    environment: Environment,
    user_id: int | None,
) -> Taakbrief | None:
    """Publish a new version for one employee; None when the latest version is still current.

    Refuses (in Dutch) when the engine refuses the jaartaak: there is nothing to sign.
    """
    plan = voorbereiden(session, [person], schooljaar, registry, environment, utcnow())
    if plan.fouten:
        raise Refused(fout_melding(person, plan.fouten[person.id][1]))
    if not plan.ontwerpen:
        return None
    ontwerp = plan.ontwerpen[0]
    return bewaar(session, ontwerp, taakbrief_pdf.pdf(ontwerp.html), user_id)


def van_medewerker(session: Session, employee_id: int, taakbrief_id: int) -> Taakbrief | None:
    """The version, only when it is this employee's own (else None: "niet gevonden")."""
    return session.scalar(
        select(Taakbrief).where(Taakbrief.id == taakbrief_id, Taakbrief.employee_id == employee_id)
    )


def van_scholen(session: Session, school_ids: Iterable[int], taakbrief_id: int) -> Taakbrief | None:
    """The version, only when its employee works at one of ``school_ids`` (else None)."""
    return session.scalar(
        select(Taakbrief)
        .join(Taakbrief.employee)
        .where(Taakbrief.id == taakbrief_id, Employee.school_id.in_(list(school_ids)))
    )


def reageer(
    session: Session, brief: Taakbrief, besluit: str, toelichting: str, version: int | None
) -> None:
    """The employee's answer to a version: ``akkoord``, or ``bezwaar`` with a reason.

    Only the latest version can be answered (an older one no longer says what applies), and
    only once: an answer is what the planner acts on, so it is not silently replaced.
    """
    if besluit not in BESLUITEN:
        raise Refused("Kies akkoord of bezwaar.")
    latest = versies(session, [brief.employee_id], brief.schooljaar_id)[brief.employee_id][0]
    if latest.id != brief.id:
        raise Refused(
            f"Versie {brief.versie} is vervangen door versie {latest.versie}. "
            "Lees de nieuwe versie en reageer daarop."
        )
    if brief.status != "gepubliceerd":
        raise Refused(
            f"U heeft al gereageerd op versie {brief.versie} ({brief.status_label.lower()}). "
            "Klopt er iets niet meer? Neem contact op met de planner."
        )
    tekst = toelichting.strip()
    if besluit == "bezwaar" and not tekst:
        raise Refused("Schrijf bij een bezwaar wat er volgens u niet klopt.")
    expect_version(brief, version)
    brief.status = besluit
    brief.reactie = tekst if besluit == "bezwaar" else ""
    brief.gereageerd_op = utcnow()
    if besluit == "bezwaar":
        notify_planners(
            session,
            brief.employee,
            f"{brief.employee.full_name} maakt bezwaar tegen taakbrief {brief.schooljaar.code} "
            f"(versie {brief.versie}): {tekst}",
            f"/planner/taakbrieven?school={brief.employee.school_id}&jaar={brief.schooljaar_id}",
        )
