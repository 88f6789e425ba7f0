"""The third demo organisation, "Demo Netbeheer", for the Benefit Budget plugin (CAO
Netwerkbedrijven).

Seeded only when the plugin's scheme is installed. Fifteen employees of a network operator:
38- and 40-hour weeks, part-timers, a 21-year-old on the minimum holiday allowance, people above
the overtime threshold and in the age-leave bands. Each has the reserves of 1 January as the
old system would hand them over (the beginstand: last year's June–December holiday allowance,
computed by the scheme), and a year of monthly choices up to now, each entry checked by the
scheme before it is kept. Fixed random seed: every install gets the same people.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from jaartaak.domain import calc
from jaartaak.domain.periods import CalendarYear
from jaartaak.models import (
    Appointment,
    Employee,
    Organisation,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingGebruik,
    RegelingKeuze,
    Role,
    School,
)
from jaartaak.services import regelingen
from jaartaak.services.accounts import grant_role
from jaartaak.services.demo import data

NETBEHEER_ORGANISATION = "Demo Netbeheer"
NETBEHEER_SCHEME = "nwb-benefit-budget"
#: (birth year offset from this year, weekly hours, fte, full-time scale salary, facts)
PEOPLE = (
    (45, 38, "1", "4000.00", {"collective_health_insurance": True}),
    (
        58,
        38,
        "1",
        "4850.00",
        {"above_overtime_threshold": True, "transition_age_leave_pct": "0.80"},
    ),
    (21, 38, "1", "1900.00", {}),
    (34, 40, "1", "4200.00", {"ipap": True}),
    (41, 38, "0.8", "3650.00", {"collective_health_insurance": True}),
    (52, 38, "0.4", "3300.00", {"collective_health_insurance": True}),
    (29, 40, "1", "3100.00", {"fulltime_personal_allowance": "150.00"}),
    (63, 38, "1", "5400.00", {"above_overtime_threshold": True, "ipap": True}),
    (47, 38, "0.5", "2900.00", {}),
    (38, 38, "1", "4450.00", {"above_overtime_threshold": True}),
    (56, 40, "0.9", "3900.00", {"transition_age_leave_pct": "1.20"}),
    (25, 38, "1", "2600.00", {"collective_health_insurance": True}),
    (49, 38, "0.6", "3500.00", {"ipap": True}),
    (33, 38, "1", "3800.00", {}),
    (60, 38, "1", "5100.00", {"collective_health_insurance": True, "ipap": True}),
)
#: Monthly choice patterns: (month numbers, product, amount or hours).
PATTERNS = (
    ((1, 7), "verlof", "8"),
    ((3,), "geld", "150.00"),
    (tuple(range(1, 13)), "vakbondscontributie", "21.50"),
    ((6, 9), "pensioen", "75.00"),
    ((4,), "reserveren", "100.00"),
    ((2, 5, 8, 11), "verlof", "4"),
    ((10,), "geld", "400.00"),
)


def employee_values(index: int, rng: random.Random, year: int) -> tuple[dict, dict]:
    """The columns of employee ``index`` (one of :data:`PEOPLE`, by its position modulo their
    number) and of their appointment, drawn from ``rng``; ages are relative to ``year``.

    Also what the benchmark's synthetic Benefit Budget organisation is made of
    (bench/synthetic_board.py).
    """
    age, week, fte, salary, _facts = PEOPLE[index % len(PEOPLE)]
    tussenvoegsel, last = rng.choice(data.LAST_NAMES)
    person = {
        "code": f"NWB{index + 1:03d}",
        "first_name": rng.choice(data.FIRST_NAMES),
        "tussenvoegsel": tussenvoegsel,
        "last_name": last,
        "birth_date": date(year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29)),
        "category": "OOP",
        "salary_scale": str(rng.choice((5, 6, 7, 8, 9))),
        "fulltime_monthly_salary": Decimal(salary),
        "fulltime_weekly_hours": Decimal(week),
    }
    appointment = {"start": date(year - 1 - rng.randrange(12), 1, 1), "fte": Decimal(fte)}
    return person, appointment


def _employees(session: Session, rng: random.Random, board, location, year: int) -> list:
    people = []
    for index in range(len(PEOPLE)):
        values, appointment = employee_values(index, rng, year)
        person = Employee(
            organisation=board, school=location, appointments=[Appointment(**appointment)], **values
        )
        session.add(person)
        people.append(person)
    return people


def _beginstand(session, person, scheme, year: CalendarYear, registry) -> None:
    """The reserves of 1 January as the old system hands them over: what last year left when
    nothing was chosen (its June–December holiday allowance, paid next May)."""
    previous = year.shifted(-1)
    settings = regelingen.settings_of(session, person.organisation_id)
    feiten = regelingen.feiten_of(session, person.id, scheme.id)
    data_last = regelingen.scenario(
        scheme, person, previous, [], [], settings, None, feiten.feiten if feiten else None
    )
    history = scheme.history_from(calc.calculate(data_last, registry.schemes))
    session.add(
        RegelingBeginstand(employee=person, scheme=scheme.id, periode=year.code, history=history)
    )


def _choices(index: int, year: CalendarYear, today: date) -> list[dict]:
    """The entries this person would have made this year, up to the current month."""
    entries = []
    for months, product, number in (PATTERNS[index % len(PATTERNS)], PATTERNS[2]):
        field = "hours" if product == "verlof" else "amount"
        for month in months:
            if date(year.year, month, 1) <= today:
                entries.append(
                    {"month": f"{year.year}-{month:02d}", "product": product, field: number}
                )
    return sorted(entries, key=lambda entry: entry["month"])


def _keep_accepted(session, person, scheme, year, registry, wanted: list[dict], today) -> None:
    """Store the entries one by one, each only when the scheme accepts the year with it."""
    current = regelingen.stand(session, person, scheme, year, registry)
    kept: list[dict] = []
    for entry in wanted:
        trial = [*kept, entry]
        if not calc.calculate({**current.scenario, "choices": trial}, registry.schemes).ok:
            continue
        kept = trial
    if kept:
        session.add(
            RegelingKeuze(
                employee=person,
                scheme=scheme.id,
                periode=year.code,
                keuzes=kept,
                gekozen_op=today,
            )
        )


def _overtime(session, person, scheme, year, registry, today: date) -> None:
    """An employer addition: overtime above 80 hours in September (when it has passed)."""
    september = date(year.year, 9, 1)
    if september > today:
        return
    current = regelingen.stand(session, person, scheme, year, registry)
    gegevens = {"code": "overwerk", "amount": "312.40"}
    try:
        regelingen.registreer(
            session, person, current, september, "werkgever-toevoeging", gegevens, registry
        )
    except regelingen.Refused:
        return


def seed_employee(
    session: Session,
    person: Employee,
    scheme,
    index: int,
    years: list[CalendarYear],
    today: date,
    registry,
) -> None:
    """What HR and employee ``index`` (see :func:`employee_values`) stored: the facts, the
    beginstand of the first of ``years``, and in each year the monthly choices and (for every
    fourth person) an overtime addition, each kept only when the scheme accepts it."""
    facts = PEOPLE[index % len(PEOPLE)][4]
    if facts:
        session.add(RegelingFeiten(employee=person, scheme=scheme.id, feiten=facts))
        session.flush()
    _beginstand(session, person, scheme, years[0], registry)
    session.flush()
    for year in years:
        wanted = _choices(index, year, today)
        _keep_accepted(session, person, scheme, year, registry, wanted, today)
        session.flush()
        if index % 4 == 1:
            _overtime(session, person, scheme, year, registry, today)
            session.flush()


def seed_netbeheer_demo(session: Session, today: date, registry, login: Callable) -> list:
    """Create Demo Netbeheer when the Benefit Budget is installed and the organisation is
    missing; ``login`` as for :func:`jaartaak.services.demo.ggz.seed_ggz_demo`."""
    scheme = registry.schemes.get(NETBEHEER_SCHEME)
    if scheme is None or data.organisation_exists(session, NETBEHEER_ORGANISATION):
        return []
    rng = random.Random(2025)
    year = CalendarYear.containing(today)
    board = Organisation(name=NETBEHEER_ORGANISATION)
    location = School(organisation=board, name="Demo Netbeheer, kantoor Arnhem")
    session.add_all([board, location, RegelingGebruik(organisation=board, scheme=scheme.id)])
    people = _employees(session, rng, board, location, year.year)
    session.flush()
    for index, person in enumerate(people):
        seed_employee(session, person, scheme, index, [year], today, registry)
    entry, user = login(
        "netbeheer-medewerker",
        people[0].full_name,
        "medewerker van Demo Netbeheer (Benefit Budget)",
        organisation=board,
        employee=people[0],
    )
    grant_role(session, user, Role.MEDEWERKER, board, location)
    hr_entry, hr = login("netbeheer-hr", "Henk HR", "HR van Demo Netbeheer", organisation=board)
    grant_role(session, hr, Role.SALARIS, board)
    return [entry, hr_entry]
