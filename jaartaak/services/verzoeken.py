"""Choice requests: an employee asks for choices for the next schooljaar, a planner decides.

The window: requests are for the first schooljaar of the board that has not started yet, and
are accepted until the school's deadline (``pb_deadline`` in that year's taakbeleid). A school
that set no deadline accepts requests until the day before the schooljaar starts (a policy of
this application, docs/keuzeverzoeken.md).

The engine judges a request twice: when it is submitted (against the facts then) and when it
is approved (against the facts then, which the planner may have changed meanwhile). An approved
request becomes the plan through the same service as the planner's own choice form, so the plan
is only ever stored after the engine accepted it. Every step is a row change, so the audit log
has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from jaartaak.db import utcnow
from jaartaak.db.base import expect_version
from jaartaak.models import Employee, KeuzeVerzoek, Schooljaar, User
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import berekening, keuzes, meldingen, staff, taakbeleid
from jaartaak.services.errors import Refused
from jaartaak.services.keuzes import ChoiceRefused

MAX_TOELICHTING = 2000


@dataclass(frozen=True)
class Venster:
    """The schooljaar an employee may send requests for, and until when."""

    schooljaar: Schooljaar
    deadline: date | None
    today: date

    @property
    def laatste_dag(self) -> date:
        return self.deadline or self.schooljaar.start - timedelta(days=1)

    @property
    def open(self) -> bool:
        return self.today <= self.laatste_dag


def venster(session: Session, employee: Employee, today: date) -> Venster | None:
    """The request window of ``employee``: the board's first schooljaar after ``today``."""
    later = [y for y in staff.schooljaren(session, employee.organisation_id) if y.start > today]
    if not later:
        return None
    year = min(later, key=lambda y: y.start)
    beleid = taakbeleid.current_taakbeleid_by_school(session, {employee.school_id}, year.id)
    found = beleid.get(employee.school_id)
    return Venster(year, found.pb_deadline if found else None, today)


def open_verzoek(session: Session, employee_id: int, schooljaar_id: int) -> KeuzeVerzoek | None:
    return session.scalar(
        select(KeuzeVerzoek).where(
            KeuzeVerzoek.employee_id == employee_id,
            KeuzeVerzoek.schooljaar_id == schooljaar_id,
            KeuzeVerzoek.status == "ingediend",
        )
    )


def _checked(
    session: Session,
    employee: Employee,
    schooljaar: Schooljaar,
    choices: dict,
    registry: SchemeRegistry,
) -> None:
    """Refuse choices the engine refuses for the employee's facts in ``schooljaar`` now."""
    answer = berekening.bereken(session, [employee], schooljaar, registry)[employee.id]
    result = berekening.met_keuzes(answer, choices, registry)
    if result.errors:
        raise ChoiceRefused(list(result.errors))


def dien_in(
    session: Session,
    employee: Employee,
    user: User,
    choices: dict,
    toelichting: str,
    registry: SchemeRegistry,
    today: date,
) -> KeuzeVerzoek:
    """Store a request for the window's schooljaar; refused outside the window, when one is
    still open, or when the engine refuses the choices."""
    window = venster(session, employee, today)
    if window is None:
        raise Refused("Er is nog geen volgend schooljaar ingericht; u kunt nog geen verzoek doen.")
    year = window.schooljaar
    if not window.open:
        raise Refused(
            f"De deadline voor verzoeken voor {year.code} was {window.laatste_dag:%d-%m-%Y}; "
            "neem contact op met de planner van uw school."
        )
    if open_verzoek(session, employee.id, year.id) is not None:
        raise Refused(
            f"U heeft al een verzoek voor {year.code} ingediend. Trek dat eerst in als u iets "
            "anders wilt vragen."
        )
    if len(toelichting) > MAX_TOELICHTING:
        raise Refused(f"De toelichting is langer dan {MAX_TOELICHTING} tekens.")
    _checked(session, employee, year, choices, registry)
    verzoek = KeuzeVerzoek(
        employee=employee,
        schooljaar=year,
        scheme=berekening.SCHEME,
        keuzes=choices,
        toelichting=toelichting.strip(),
        ingediend_door_user_id=user.id,
    )
    session.add(verzoek)
    try:
        session.flush()
    except IntegrityError as error:  # a second submission raced past the check above
        raise Refused(
            f"U heeft al een verzoek voor {year.code} ingediend (zojuist, in een ander venster)."
        ) from error
    return verzoek


def _expect_open(verzoek: KeuzeVerzoek, version: int | None) -> None:
    expect_version(verzoek, version)
    if not verzoek.open:
        raise Refused(
            f"Dit verzoek is al {verzoek.status_label.lower()}; er valt niets meer te beslissen."
        )


def trek_in(verzoek: KeuzeVerzoek, version: int | None) -> None:
    _expect_open(verzoek, version)
    verzoek.status = "ingetrokken"


def _decided(session: Session, verzoek: KeuzeVerzoek, user: User, status: str) -> list[User]:
    verzoek.status = status
    verzoek.besloten_door_user_id = user.id
    verzoek.besloten_op = utcnow()
    word = "goedgekeurd" if status == "goedgekeurd" else "afgewezen"
    text = f"Uw verzoek voor {verzoek.schooljaar.code} is {word} door {user.display_name}."
    if verzoek.reden:
        text += f" Reden: {verzoek.reden}"
    return meldingen.notify_employee(session, verzoek.employee_id, text, "/mijn/verzoeken")


def keur_goed(
    session: Session,
    verzoek: KeuzeVerzoek,
    user: User,
    version: int | None,
    reden: str,
    registry: SchemeRegistry,
) -> list[User]:
    """Approve: the request's choices become the plan (checked by the engine again, now).

    Returns the users told about it (for an e-mail after the commit).
    """
    _expect_open(verzoek, version)
    plan = keuzes.keuze_of(session, verzoek.employee_id, verzoek.schooljaar_id)
    keuzes.save_keuze(
        session,
        verzoek.employee,
        verzoek.schooljaar,
        keuzes.invoer_uit(verzoek.keuzes),
        plan.version if plan else None,
        registry,
    )
    verzoek.reden = reden.strip()
    return _decided(session, verzoek, user, "goedgekeurd")


def wijs_af(
    session: Session, verzoek: KeuzeVerzoek, user: User, version: int | None, reden: str
) -> list[User]:
    """Reject with a reason (required: the employee must be able to read why)."""
    _expect_open(verzoek, version)
    if not reden.strip():
        raise Refused("Geef een reden waarom het verzoek wordt afgewezen.")
    verzoek.reden = reden.strip()
    return _decided(session, verzoek, user, "afgewezen")


def van_medewerker(session: Session, employee_id: int) -> list[KeuzeVerzoek]:
    return list(
        session.scalars(
            select(KeuzeVerzoek)
            .where(KeuzeVerzoek.employee_id == employee_id)
            .options(joinedload(KeuzeVerzoek.schooljaar), joinedload(KeuzeVerzoek.besloten_door))
            .order_by(KeuzeVerzoek.created_at.desc(), KeuzeVerzoek.id.desc())
        )
    )


def van_scholen(session: Session, school_ids: set[int]) -> list[KeuzeVerzoek]:
    """The requests of the employees of ``school_ids``: open ones first, then newest first."""
    return list(
        session.scalars(
            select(KeuzeVerzoek)
            .join(KeuzeVerzoek.employee)
            .where(Employee.school_id.in_(school_ids))
            .options(
                joinedload(KeuzeVerzoek.employee),
                joinedload(KeuzeVerzoek.schooljaar),
                joinedload(KeuzeVerzoek.besloten_door),
            )
            .order_by(
                (KeuzeVerzoek.status != "ingediend"),
                KeuzeVerzoek.created_at.desc(),
                KeuzeVerzoek.id.desc(),
            )
            .limit(500)
        )
    )
