"""The second demo organisation, "Demo GGZ", for the CAO GGZ balansbudget plugin.

Seeded only when the plugin's scheme is installed: the core never needs it. About twenty
employees with their choices for the current calendar year (made before the 1 July deadline)
and what HR recorded since September (leave taken, training claims). Every event is checked by
the scheme before it is kept, so the demo never shows a refused year. Fixed random seed: every
install gets the same people.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from jaartaak.domain.periods import CalendarYear
from jaartaak.models import (
    Appointment,
    Employee,
    Organisation,
    RegelingGebruik,
    RegelingKeuze,
    Role,
    School,
)
from jaartaak.services import regelingen
from jaartaak.services.accounts import grant_role
from jaartaak.services.demo import data

GGZ_ORGANISATION = "Demo GGZ"
GGZ_SCHEME = "ggz-balansbudget"
SIZE = 20
WEEKS = (Decimal("36"), Decimal("32"), Decimal("28"), Decimal("24"), Decimal("18"))
OPTIONS = ("verlof", "verlof", "opleiding", "uitbetaling", None)


def employee_values(index: int, rng: random.Random) -> tuple[dict, dict]:
    """The columns of employee ``index`` and of their appointment, drawn from ``rng``.

    Also what the benchmark's synthetic GGZ organisation is made of (bench/synthetic_board.py).
    """
    first = rng.choice(data.FIRST_NAMES)
    tussenvoegsel, last = rng.choice(data.LAST_NAMES)
    weekly = WEEKS[index % len(WEEKS)]
    doctor = index == 3  # a doctor in training: a 38-hour full-time week
    week = Decimal("38") if doctor else Decimal("36")
    person = {
        "code": f"GGZ{index + 1:03d}",
        "first_name": first,
        "tussenvoegsel": tussenvoegsel,
        "last_name": last,
        "birth_date": date(1960 + rng.randrange(40), rng.randrange(1, 13), rng.randrange(1, 29)),
        "category": "OOP",
        "salary_scale": str(rng.choice((6, 7, 8, 9, 10))),
        "fulltime_monthly_salary": Decimal(3000 + 25 * rng.randrange(100)),
        "fulltime_weekly_hours": week,
    }
    appointment = {
        "start": date(2010 + rng.randrange(15), rng.choice((1, 3, 9)), 1),
        "fte": (weekly / week).quantize(Decimal("0.0001")),
    }
    return person, appointment


def _employees(session: Session, rng: random.Random, board, location) -> list[Employee]:
    people = []
    for index in range(SIZE):
        values, appointment = employee_values(index, rng)
        person = Employee(
            organisation=board, school=location, appointments=[Appointment(**appointment)], **values
        )
        session.add(person)
        people.append(person)
    return people


def _events_for(option: str, rng: random.Random, year: int, today: date) -> list[tuple]:
    """Plausible events after 1 September (the budget is available then), before today."""
    days = [date(year, month, day) for month, day in ((9, 15), (10, 20), (11, 10))]
    days = [day for day in days if day <= today]
    if option == "verlof":
        return [(day, "opname-verlof", {"hours": f"{rng.choice((4, 8)):.2f}"}) for day in days[:2]]
    if option == "opleiding":
        return [(day, "declaratie-opleiding", {"amount": "350.00"}) for day in days[:1]]
    return []


def seed_year(
    session: Session,
    person: Employee,
    scheme,
    year: CalendarYear,
    option: str,
    chosen_on: date,
    rng: random.Random,
    today: date,
    registry,
) -> None:
    """Store ``person``'s choice of ``option`` for ``year`` and the events HR recorded since,
    each event only when the scheme accepts the year with it."""
    session.add(
        RegelingKeuze(
            employee=person,
            scheme=scheme.id,
            periode=year.code,
            keuzes={"option": option, "chosen_on": chosen_on.isoformat()},
            gekozen_op=chosen_on,
        )
    )
    session.flush()
    for day, kind, fields in _events_for(option, rng, year.year, today):
        current = regelingen.stand(session, person, scheme, year, registry)
        try:
            regelingen.registreer(session, person, current, day, kind, fields, registry)
        except regelingen.Refused:
            continue  # not valid for this person (for example no budget): leave it out
        session.flush()


def seed_ggz_demo(
    session: Session,
    today: date,
    registry,
    login: Callable[..., tuple],
) -> list:
    """Create Demo GGZ when the scheme is installed and the organisation is missing.

    ``login(username, name, description, organisation=…, employee=…)`` makes an account and
    returns (DemoLogin, user), as for the school board.
    """
    scheme = registry.schemes.get(GGZ_SCHEME)
    if scheme is None or data.organisation_exists(session, GGZ_ORGANISATION):
        return []
    rng = random.Random(2027)
    board = Organisation(name=GGZ_ORGANISATION)
    location = School(organisation=board, name="Demo GGZ, locatie Centrum")
    session.add_all([board, location, RegelingGebruik(organisation=board, scheme=GGZ_SCHEME)])
    people = _employees(session, rng, board, location)
    session.flush()
    year = CalendarYear.containing(today)
    for index, person in enumerate(people):
        option = OPTIONS[index % len(OPTIONS)]
        if option is not None:  # no choice: the scheme pays out in September
            chosen_on = date(year.year, 5, 1 + index)
            seed_year(session, person, scheme, year, option, chosen_on, rng, today, registry)
    entry, user = login(
        "ggz-medewerker",
        people[0].full_name,
        "medewerker van Demo GGZ (balansbudget)",
        organisation=board,
        employee=people[0],
    )
    grant_role(session, user, Role.MEDEWERKER, board, location)
    hr_entry, hr = login("ggz-hr", "Hanna HR", "HR van Demo GGZ", organisation=board)
    grant_role(session, hr, Role.SALARIS, board)
    return [entry, hr_entry]
