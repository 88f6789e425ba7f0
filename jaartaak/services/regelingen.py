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

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.domain import calc
from jaartaak.domain.decimals import round2
from jaartaak.domain.periods import CalendarYear, Month, SchooljaarPeriod
from jaartaak.domain.results import Result
from jaartaak.models import (
    DEFAULT_SCHEME,
    Employee,
    Gebeurtenis,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingGebruik,
    RegelingKeuze,
)
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import regeling_gegevens
from jaartaak.services.errors import Refused
from jaartaak.services.keuzes import ChoiceRefused

PERIOD_TYPES = {"kalenderjaar": CalendarYear, "schooljaar": SchooljaarPeriod}
#: The full-time week when neither the employee nor the organisation's settings name one.
DEFAULT_FULLTIME_WEEK = Decimal("36")


#: Every page of Mijn asks for the scheme; built once and run with parameters (see
#: docs/ontwikkelen.md, "Statements op elke pagina").
GEBRUIK = select(RegelingGebruik).where(
    RegelingGebruik.organisation_id == bindparam("organisation_id")
)


def gebruik(session: Session, organisation_id: int) -> RegelingGebruik | None:
    return session.scalar(GEBRUIK, {"organisation_id": organisation_id})


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


def part_time_factor(person: Employee, period) -> Decimal:
    """The employee's part-time factor in ``period``, for schemes that take one factor per
    period: the fte in force on the period's first day, or (for someone who joins during the
    period) on the day the first appointment in it starts. 0 without an appointment in it."""
    joined = sorted(a.start for a in person.appointments if period.start < a.start <= period.end)
    days = [period.start, *joined]
    for day in days:
        fte = sum(
            (
                a.fte
                for a in person.appointments
                if a.start <= day and (a.end_date is None or day <= a.end_date)
            ),
            Decimal(0),
        )
        if fte:
            return fte
    return Decimal(0)


def declared_facts(scheme) -> tuple:
    """The per-employee facts HR records for ``scheme`` (an optional ``employee_facts``)."""
    return tuple(getattr(scheme, "employee_facts", ()))


def employee_json(scheme, person: Employee, settings: dict, period=None, feiten=None) -> dict:
    """The scenario's ``employee``: only the fields ``scheme`` declares, with the facts HR
    recorded for the scheme (``feiten``; a fact not recorded is left out, so the scheme's
    default applies). ``part_time_factor`` needs the ``period``."""
    week = _fulltime_week(person, settings)
    facts = {
        "birth_date": person.birth_date.isoformat(),
        "category": person.category,
        "salary_scale": person.salary_scale,
        "fulltime_monthly_salary": format(person.fulltime_monthly_salary, "f"),
        # The core's full-time monthly salary is the scale salary (allowances are facts).
        "fulltime_scale_salary": format(person.fulltime_monthly_salary, "f"),
        "fulltime_weekly_hours": _number(week),
    }
    if period is not None:
        facts["part_time_factor"] = format(part_time_factor(person, period), "f")
    appointment_fields = tuple(getattr(scheme, "appointment_fields", ()))
    data = {name: facts[name] for name in getattr(scheme, "employee_fields", ()) if name in facts}
    recorded = feiten or {}
    data.update({o.key: recorded[o.key] for o in declared_facts(scheme) if o.key in recorded})
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
    """An employee's facts and answer under a plugin scheme for one period.

    ``beginstand`` is what HR entered as the start of this period, if anything; ``history_note``
    says, for people, when what came before is not known or not sure.
    """

    scheme: object
    period: object
    keuze: RegelingKeuze | None
    events: list[Gebeurtenis]
    scenario: dict
    result: Result
    settings: dict
    feiten: RegelingFeiten | None = None
    beginstand: RegelingBeginstand | None = None
    history_note: str | None = None


def _of_employee(model, employee_id: int, scheme_id: str):
    return select(model).where(model.employee_id == employee_id, model.scheme == scheme_id)


def feiten_of(session: Session, employee_id: int, scheme_id: str) -> RegelingFeiten | None:
    return session.scalar(_of_employee(RegelingFeiten, employee_id, scheme_id))


def settings_of(session: Session, organisation_id: int) -> dict:
    """The organisation's policy settings for its scheme (the contract's ``settings``)."""
    return dict((gebruik(session, organisation_id) or RegelingGebruik()).settings or {})


def monthly_event_types(scheme) -> frozenset[str]:
    """The event types ``scheme`` dates by month (``{month: "2025-03"}`` instead of a date)."""
    return frozenset(kind.key for kind in event_types(scheme) if kind.when == "month")


def event_data(by_month: frozenset[str], datum: date, soort: str, gegevens: dict) -> dict:
    """An event as the contract's JSON: dated by day, or by month for the types in
    ``by_month``."""
    when = {"month": Month.of(datum).code} if soort in by_month else {"date": datum.isoformat()}
    return {**when, "type": soort, **gegevens}


def _event_json(event: Gebeurtenis, by_month: frozenset[str]) -> dict:
    return event_data(by_month, event.datum, event.soort, event.gegevens)


def scenario(
    scheme,
    person: Employee,
    period,
    choices,
    events: list,
    settings: dict,
    history: dict | None = None,
    feiten: dict | None = None,
) -> dict:
    by_month = monthly_event_types(scheme)
    data = {
        "scheme": scheme.id,
        "period": period.code,
        "employee": employee_json(scheme, person, settings, period, feiten),
        "choices": choices,
        "events": [_event_json(e, by_month) if isinstance(e, Gebeurtenis) else e for e in events],
        "settings": settings,
    }
    if history:
        data["history"] = history
    return data


def no_choices(scheme):
    """The contract's ``choices`` before any choice: an empty list for a scheme that chooses
    month by month (``monthly_products``), else an empty object."""
    return [] if getattr(scheme, "monthly_products", None) is not None else {}


def _unknown_before(person: Employee, start) -> str | None:
    """A note when the employee was employed before ``start``, whose history is not entered."""
    if any(a.start < start.start for a in person.appointments):
        return (
            f"Er is geen beginstand voor {start.code} vastgelegd: wat er vóór {start.code} "
            "is opgebouwd en gereserveerd, telt hier niet mee. De salarisadministratie kan de "
            "beginstand invoeren."
        )
    return None


class Standen:
    """The answers of many employees under one plugin scheme, from what is stored.

    What is stored is read once for all of them (:func:`regeling_gegevens.lees`: a fixed
    number of queries), so a payroll month or a settle run over thousands of employees does
    not query per employee. A scheme that carries over (``history_from``) starts a period from
    what the periods before it left; what each period left is kept, so the period before (which
    the payroll month and settling ask for too) is computed once. The answers themselves are
    not kept: a caller over a whole organisation uses each and lets it go, so memory (and the
    garbage collector's work) stays proportional to one answer, not to thousands. Meant for one
    request or run: a change stored after the rows were read is not seen.
    """

    def __init__(self, session: Session, scheme, registry: SchemeRegistry, employees) -> None:
        self.session = session
        self.scheme = scheme
        self.registry = registry
        self.kind = PERIOD_TYPES[scheme.period_kind]
        self.carry = getattr(scheme, "history_from", None)
        self.gegevens = regeling_gegevens.lees(session, list(employees), scheme.id)
        self._settings: dict[int, dict] = {}
        #: Per employee, period and history coming in: the history going out, and the first
        #: error when the period was refused.
        self._left: dict[tuple[int, str, str], tuple[dict, str | None]] = {}

    def stand(self, person: Employee, period) -> Stand:
        """The answer for ``person`` in ``period`` (one of the employees given)."""
        settings, feiten, facts = self._facts(person)
        history, beginstand, note = self._carried(person, period, settings, facts)
        keuze, events, data = self._scenario(person, period, settings, facts, history)
        result = self._compute(person, period, history, data)
        return Stand(
            self.scheme, period, keuze, events, data, result, settings, feiten, beginstand, note
        )

    def scenario(self, person: Employee, period) -> dict:
        """The scenario of ``person`` in ``period``, with the history carried into it, without
        computing the period itself: for a caller that computes it its own way (settling adds
        ``as_of``)."""
        settings, _feiten, facts = self._facts(person)
        history = self._carried(person, period, settings, facts)[0]
        return self._scenario(person, period, settings, facts, history)[2]

    def _facts(self, person: Employee) -> tuple:
        """The organisation's settings, the stored facts row and its values (or None)."""
        if person.organisation_id not in self._settings:
            self._settings[person.organisation_id] = settings_of(
                self.session, person.organisation_id
            )
        feiten = self.gegevens.feiten.get(person.id)
        return (
            self._settings[person.organisation_id],
            feiten,
            dict(feiten.feiten) if feiten else None,
        )

    def _scenario(self, person: Employee, period, settings: dict, facts, history: dict) -> tuple:
        keuze = self.gegevens.keuze(person.id, period.code)
        events = self.gegevens.events_in(person.id, period.code)
        choices = keuze.keuzes if keuze else no_choices(self.scheme)
        data = scenario(self.scheme, person, period, choices, events, settings, history, facts)
        return keuze, events, data

    def _compute(self, person: Employee, period, history: dict, data: dict) -> Result:
        """The result of ``data``, noting what the period leaves for the next one."""
        result = calc.calculate(data, self.registry.schemes)
        if self.carry is not None:
            refusal = result.errors[0].message if result.errors else None
            self._left[person.id, period.code, repr(history)] = (self.carry(result), refusal)
        return result

    def _leaves(self, person: Employee, period, settings: dict, facts, history: dict) -> tuple:
        """What ``period`` leaves (and its refusal), computed once per employee, period and
        history coming in (the repr of plain JSON values is exact)."""
        key = (person.id, period.code, repr(history))
        if key not in self._left:
            data = self._scenario(person, period, settings, facts, history)[2]
            self._compute(person, period, history, data)
        return self._left[key]

    def _stored_before(self, person: Employee, before) -> list:
        """The periods before ``before`` in which something was stored for the employee."""
        found = []
        for code in self.gegevens.stored_codes(person.id):
            try:
                found.append(self.kind.parse(code))
            except ValueError:
                continue
        return sorted(p for p in found if p < before)

    def _carried(self, person: Employee, period, settings: dict, facts) -> tuple:
        """The history ``period`` starts from, with the entered beginstand and a note.

        An entered beginstand for ``period`` is used as it is. Otherwise a scheme that carries
        over (``history_from(result)``) starts from what the periods before left, computed
        period by period from the last entered beginstand, or from the first period with
        stored choices or events. Every earlier period is computed from what is stored, so a
        correction there shows up here at once.
        """
        entered = self.gegevens.beginstanden.get(person.id, {})
        own = entered.get(period.code)
        if own is not None or self.carry is None:
            return (dict(own.history) if own else {}), own, None
        earlier = sorted(p for p in map(self.kind.parse, entered) if p < period)
        stored = self._stored_before(person, period)
        if earlier:
            first, history, note = earlier[-1], dict(entered[earlier[-1].code].history), None
        elif stored:
            first, history = stored[0], {}
            note = _unknown_before(person, first)
        else:
            return {}, None, _unknown_before(person, period)
        while first < period:
            history, refusal = self._leaves(person, first, settings, facts, history)
            if refusal is not None:
                note = (
                    f"De berekening van {first.code} wordt geweigerd ({refusal}); wat "
                    f"{period.code} daaruit meekrijgt, is daarom niet zeker."
                )
            first = first.shifted(1)
        return history, None, note


def stand(session: Session, person: Employee, scheme, period, registry: SchemeRegistry) -> Stand:
    """The answer for ``person`` in ``period`` from what is stored."""
    return Standen(session, scheme, registry, [person]).stand(person, period)


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
    event = event_data(monthly_event_types(current.scheme), datum, soort, gegevens)
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
    by_month = monthly_event_types(current.scheme)
    data = {**current.scenario, "events": [_event_json(e, by_month) for e in rest]}
    result = calc.calculate(data, registry.schemes)
    if result.errors:
        raise ChoiceRefused(list(result.errors), "Niet verwijderd")
    session.delete(event)
