"""Employees under a plugin scheme: which scheme, which periods, the scenario, choosing.

The CAO VO has its own path (:mod:`jaartaak.services.berekening`: lessons, tasks, schooljaren).
Every other scheme is computed here from what the core knows of an employee, shaped as the
scheme declares: ``employee_fields`` and ``appointment_fields`` name the contract fields it
reads (a scheme refuses unknown fields, so the core sends only those). Weekly hours of an
appointment are its fte times the full-time week. A scheme with ``choice_deadline(period)``
gets its deadline enforced here before anything is stored; ``choice_date_field`` names the
field of ``choices`` that holds the day the employee chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.domain import calc
from jaartaak.domain.decimals import round2
from jaartaak.domain.periods import CalendarYear, SchooljaarPeriod
from jaartaak.domain.results import Result
from jaartaak.models import DEFAULT_SCHEME, Employee, Gebeurtenis, RegelingGebruik, RegelingKeuze
from jaartaak.plugins import SchemeRegistry
from jaartaak.services.errors import Refused
from jaartaak.services.keuzes import ChoiceRefused

PERIOD_TYPES = {"kalenderjaar": CalendarYear, "schooljaar": SchooljaarPeriod}
#: The full-time week when neither the employee nor the organisation's settings name one.
DEFAULT_FULLTIME_WEEK = Decimal("36")


def gebruik(session: Session, organisation_id: int) -> RegelingGebruik | None:
    return session.scalar(
        select(RegelingGebruik).where(RegelingGebruik.organisation_id == organisation_id)
    )


def scheme_id_of(session: Session, organisation_id: int) -> str:
    """The scheme the organisation's employees fall under (the CAO VO without a choice)."""
    found = gebruik(session, organisation_id)
    return found.scheme if found else DEFAULT_SCHEME


def periods(scheme, today: date, around: int = 1) -> list:
    """The periods a page offers: the current one and ``around`` on each side, oldest first."""
    kind = PERIOD_TYPES[scheme.period_kind]
    current = kind.containing(today)
    return [current.shifted(offset) for offset in range(-around, around + 1)]


def _number(value: Decimal) -> str:
    """A stored number as the contract text: a whole number without decimals ("36", as schemes
    that count whole hours expect), else as it is ("25.33")."""
    return str(int(value)) if value == value.to_integral_value() else format(value, "f")


def _fulltime_week(person: Employee, settings: dict) -> Decimal:
    if person.fulltime_weekly_hours is not None:
        return person.fulltime_weekly_hours
    return Decimal(str(settings.get("fulltime_weekly_hours", DEFAULT_FULLTIME_WEEK)))


def employee_json(scheme, person: Employee, settings: dict) -> dict:
    """The scenario's ``employee``: only the fields ``scheme`` declares."""
    week = _fulltime_week(person, settings)
    facts = {
        "birth_date": person.birth_date.isoformat(),
        "category": person.category,
        "salary_scale": person.salary_scale,
        "fulltime_monthly_salary": format(person.fulltime_monthly_salary, "f"),
        "fulltime_weekly_hours": _number(week),
    }
    appointment_fields = tuple(getattr(scheme, "appointment_fields", ()))
    data = {name: facts[name] for name in getattr(scheme, "employee_fields", ()) if name in facts}
    data["appointments"] = [
        {
            name: value
            for name, value in {
                "start": a.start.isoformat(),
                "end": a.end_date.isoformat() if a.end_date else None,
                "fte": format(a.fte, "f"),
                "kind": a.kind,
                "weekly_hours": format(round2(a.fte * week), "f"),
            }.items()
            if name in appointment_fields
        }
        for a in person.appointments
    ]
    return data


@dataclass(frozen=True)
class Stand:
    """An employee's facts and answer under a plugin scheme for one period."""

    scheme: object
    period: object
    keuze: RegelingKeuze | None
    events: list[Gebeurtenis]
    scenario: dict
    result: Result


def keuze_of(session: Session, employee_id: int, scheme_id: str, code: str):
    return session.scalar(
        select(RegelingKeuze).where(
            RegelingKeuze.employee_id == employee_id,
            RegelingKeuze.scheme == scheme_id,
            RegelingKeuze.periode == code,
        )
    )


def events_of(session: Session, employee_id: int, scheme_id: str, code: str):
    return list(
        session.scalars(
            select(Gebeurtenis)
            .where(
                Gebeurtenis.employee_id == employee_id,
                Gebeurtenis.scheme == scheme_id,
                Gebeurtenis.periode == code,
            )
            .order_by(Gebeurtenis.datum, Gebeurtenis.id)
        )
    )


def _event_json(event: Gebeurtenis) -> dict:
    return {"date": event.datum.isoformat(), "type": event.soort, **event.gegevens}


def scenario(scheme, person: Employee, period, choices: dict, events: list, settings: dict) -> dict:
    return {
        "scheme": scheme.id,
        "period": period.code,
        "employee": employee_json(scheme, person, settings),
        "choices": choices,
        "events": [_event_json(e) if isinstance(e, Gebeurtenis) else e for e in events],
        "settings": settings,
    }


def stand(session: Session, person: Employee, scheme, period, registry: SchemeRegistry) -> Stand:
    """The answer for ``person`` in ``period`` from what is stored."""
    settings = dict((gebruik(session, person.organisation_id) or RegelingGebruik()).settings or {})
    keuze = keuze_of(session, person.id, scheme.id, period.code)
    events = events_of(session, person.id, scheme.id, period.code)
    data = scenario(scheme, person, period, dict(keuze.keuzes) if keuze else {}, events, settings)
    return Stand(scheme, period, keuze, events, data, calc.calculate(data, registry.schemes))


def deadline_of(scheme, period) -> date | None:
    """The last day to choose for ``period``, when the scheme has a deadline."""
    deadline = getattr(scheme, "choice_deadline", None)
    return deadline(period) if deadline else None


def kies(
    session: Session,
    person: Employee,
    current: Stand,
    choices: dict,
    today: date,
    version: int | None,
    registry: SchemeRegistry,
) -> RegelingKeuze:
    """Store the employee's choice: refused after the deadline or when the engine refuses it.

    ``version`` is the version of the choice the form showed (None for a first choice).
    """
    scheme, period = current.scheme, current.period
    last_day = deadline_of(scheme, period)
    if last_day is not None and today > last_day:
        raise Refused(
            f"Kiezen voor {period.code} kon tot en met {last_day:%d-%m-%Y}; "
            "de regeling past nu de standaardkeuze toe."
        )
    field = getattr(scheme, "choice_date_field", None)
    if field:
        choices = {**choices, field: today.isoformat()}
    result = calc.calculate({**current.scenario, "choices": choices}, registry.schemes)
    if result.errors:
        raise ChoiceRefused(list(result.errors))
    keuze = current.keuze
    if keuze is None:
        if version is not None:
            expect_version(RegelingKeuze(version=0), version)
        keuze = RegelingKeuze(employee=person, scheme=scheme.id, periode=period.code)
        session.add(keuze)
    else:
        expect_version(keuze, version)
    keuze.keuzes = choices
    keuze.gekozen_op = today
    return keuze


def event_types(scheme) -> list:
    """The events ``scheme`` declares (an optional ``event_types()``), in its order."""
    declared = getattr(scheme, "event_types", None)
    return list(declared()) if declared else []


def registreer(
    session: Session,
    person: Employee,
    current: Stand,
    datum: date,
    soort: str,
    gegevens: dict,
    registry: SchemeRegistry,
) -> Gebeurtenis:
    """Record an event when the engine accepts the period with it (else ``ChoiceRefused``,
    naming the rule: more taken than is left, before the budget is available …)."""
    known = {kind.key for kind in event_types(current.scheme)}
    if soort not in known:
        raise Refused(f"Onbekend soort gebeurtenis: {soort}.")
    event = {"date": datum.isoformat(), "type": soort, **gegevens}
    data = {**current.scenario, "events": [*current.scenario["events"], event]}
    result = calc.calculate(data, registry.schemes)
    if result.errors:
        raise ChoiceRefused(list(result.errors), "Niet vastgelegd")
    recorded = Gebeurtenis(
        employee=person,
        scheme=current.scheme.id,
        periode=current.period.code,
        datum=datum,
        soort=soort,
        gegevens=gegevens,
    )
    session.add(recorded)
    return recorded


def verwijder(session: Session, person: Employee, current: Stand, event_id: int, registry) -> None:
    """Remove an event of this employee and period, when the period without it still holds."""
    event = next((e for e in current.events if e.id == event_id), None)
    if event is None:
        raise Refused("Deze gebeurtenis bestaat niet (meer).")
    rest = [e for e in current.events if e.id != event_id]
    data = {**current.scenario, "events": [_event_json(e) for e in rest]}
    result = calc.calculate(data, registry.schemes)
    if result.errors:
        raise ChoiceRefused(list(result.errors), "Niet verwijderd")
    session.delete(event)
