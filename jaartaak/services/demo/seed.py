"""Loading the demo board, idempotently: a second run finds it and adds nothing.

The staff is generated from a fixed random seed, so every install gets the same people; only
the schooljaar follows today's date, so the demo always shows a current year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.models import (
    Appointment,
    Employee,
    Lesson,
    Organisation,
    Role,
    School,
    Schooljaar,
    Task,
    TaskAssignment,
    TaskGroup,
)
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.services.demo import data
from jaartaak.services.demo.ggz import seed_ggz_demo
from jaartaak.services.demo.netbeheer import seed_netbeheer_demo
from jaartaak.services.demo.planning import plan_demo

DEMO_ORGANISATION = "Demo Scholengroep"
RANDOM_SEED = 2026


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    description: str


@dataclass(frozen=True)
class Person:
    """A demo employee before it becomes a row: fixed people first, generated ones after."""

    first_name: str
    tussenvoegsel: str
    last_name: str
    birth_date: date
    category: str
    salary_scale: str
    appointments: tuple[tuple[date, date | None, Decimal, str], ...]


def demo_exists(session: Session) -> bool:
    return (
        session.scalar(select(Organisation.id).where(Organisation.name == DEMO_ORGANISATION))
        is not None
    )


def _password(rng: random.SystemRandom) -> str:
    words = rng.sample(data.PASSWORD_WORDS, 2)
    return f"{words[0]}-{words[1]}-{rng.randrange(10, 100)}"


def _salary(rng: random.Random, scale: str) -> Decimal:
    low, high = data.SALARY_RANGES[scale]
    steps = int((high - low) / 25)
    return low + 25 * rng.randrange(steps + 1)


def _fixed_people(year: SchooljaarPeriod) -> dict[str, Person]:
    """The people the issue names: they must exist whatever the random generator does."""
    regular_since = date(2012, 8, 1)
    return {
        "jansen": Person(
            "Jan",
            "",
            "Jansen",
            date(1985, 3, 12),
            "OP",
            "LC",
            ((regular_since, None, Decimal("1.0000"), "regulier"),),
        ),
        "devries": Person(
            "Anneke",
            "de",
            "Vries",
            date(1965, 2, 7),
            "OP",
            "LD",
            ((date(1994, 8, 1), None, Decimal("0.8000"), "regulier"),),
        ),
        "starter": Person(
            "Sem",
            "",
            "Akkerman",
            date(1998, 6, 20),
            "OP",
            "LB",
            ((date(year.start_year + 1, 1, 1), None, Decimal("1.0000"), "regulier"),),
        ),
        "vervanger": Person(
            "Lieke",
            "van",
            "Aalst",
            date(1990, 9, 3),
            "OP",
            "LB",
            ((year.start, date(year.start_year + 1, 2, 28), Decimal("0.4000"), "vervanging"),),
        ),
    }


def _generated_person(
    rng: random.Random, index: int, used_names: set[str], year: SchooljaarPeriod
) -> Person:
    """A plausible employee; ages are relative to the schooljaar so 57+ stays 57+ every year."""
    while True:
        first = rng.choice(data.FIRST_NAMES)
        prefix, last = rng.choice(data.LAST_NAMES)
        if f"{first} {last}" not in used_names:
            used_names.add(f"{first} {last}")
            break
    senior = index % 6 == 2  # several staff aged 57 or over
    age = rng.randrange(58, 66) if senior else rng.randrange(24, 57)
    birth = date(year.start_year - age, rng.randrange(1, 13), rng.randrange(1, 29))
    if index % 12 == 0:
        category, scale = "DIR", rng.choice(data.DIR_SCALES)
    elif index % 4 == 3:
        category, scale = "OOP", rng.choice(data.OOP_SCALES)
    else:
        category, scale = "OP", rng.choice(data.OP_SCALES)
    fte = rng.choice(
        ("1.0000", "1.0000", "1.0000", "0.8000", "0.6000", "0.5000", "0.4000", "0.9000", "0.7000")
    )
    first_year = max(1990, birth.year + 23)
    since = date(rng.randrange(first_year, year.start_year + 1), 8, 1)
    return Person(
        first, prefix, last, birth, category, scale, ((since, None, Decimal(fte), "regulier"),)
    )


def _code(person: Person, used: set[str]) -> str:
    base = (person.last_name.replace(" ", "")[:3] + person.first_name[0]).upper()
    code, n = base, 1
    while code in used:
        n += 1
        code = f"{base}{n}"
    used.add(code)
    return code


def _catalogue(session: Session, school: School, schooljaar: Schooljaar) -> dict[str, Task]:
    groups: dict[str, TaskGroup] = {}
    tasks: dict[str, Task] = {}
    for group_name, task_name, hours in data.TASK_CATALOGUE:
        if group_name not in groups:
            groups[group_name] = TaskGroup(school=school, schooljaar=schooljaar, name=group_name)
            session.add(groups[group_name])
        tasks[task_name] = Task(
            school=school,
            schooljaar=schooljaar,
            task_group=groups[group_name],
            name=task_name,
            default_hours=hours,
        )
        session.add(tasks[task_name])
    return tasks


def _fte_now(person: Person) -> Decimal:
    return sum((fte for _start, _end, fte, _kind in person.appointments), Decimal("0"))


def _add_work(
    session: Session,
    rng: random.Random,
    employee: Employee,
    person: Person,
    schooljaar: Schooljaar,
    tasks: dict[str, Task],
) -> None:
    """Lessons near 21 lesuren per fte for teachers, and a few tasks from the catalogue."""
    if person.category == "OP":
        target = int((_fte_now(person) * 21).to_integral_value())
        vakken = rng.sample(data.VAKKEN, 2)
        per_group: dict[tuple[str, str], int] = {}
        while target > 0:
            hours = min(target, rng.choice((2, 3, 3, 4)))
            key = (rng.choice(vakken), rng.choice(data.GROEPEN))
            per_group[key] = per_group.get(key, 0) + hours
            target -= hours
        for (vak, groep), hours in sorted(per_group.items()):
            session.add(
                Lesson(
                    employee=employee,
                    schooljaar=schooljaar,
                    vak=vak,
                    groep=groep,
                    lesuren_per_week=Decimal(hours),
                )
            )
        names = rng.sample([name for _g, name, _h in data.TASK_CATALOGUE], rng.randrange(1, 4))
    elif person.category == "OOP":
        names = rng.sample(data.OOP_TASKS, rng.randrange(0, 2))
    else:
        names = ["Medezeggenschapsraad"] if rng.random() < 0.5 else []
    for name in names:
        task = tasks[name]
        hours = task.default_hours if rng.random() < 0.75 else task.default_hours + 10
        session.add(
            TaskAssignment(task=task, employee=employee, schooljaar=schooljaar, hours=hours)
        )


def seed_demo(
    session: Session, today: date, password: str | None = None, registry=None
) -> list[DemoLogin]:
    """Create the demo board; returns the logins, or an empty list when it already exists.

    ``password`` gives every demo login the same password (for tests); without it each login
    gets its own readable random password. With a ``registry`` that holds the CAO GGZ plugin's
    scheme, the organisation "Demo GGZ" is created too (:mod:`jaartaak.services.demo.ggz`), and
    with the Benefit Budget plugin's scheme "Demo Netbeheer"
    (:mod:`jaartaak.services.demo.netbeheer`).
    """
    if demo_exists(session):
        return []
    rng = random.Random(RANDOM_SEED)
    password_rng = random.SystemRandom()
    year = SchooljaarPeriod.containing(today)
    board = Organisation(name=DEMO_ORGANISATION)
    session.add(board)
    schooljaren = {
        offset: Schooljaar(organisation=board, code=p.code, start=p.start, end_date=p.end)
        for offset in (-1, 0, 1)
        for p in [year.shifted(offset)]
    }
    session.add_all(schooljaren.values())

    fixed = _fixed_people(year)
    used_names = {f"{p.first_name} {p.last_name}" for p in fixed.values()}
    used_codes: set[str] = set()
    linked: dict[str, Employee] = {}
    schools: list[School] = []
    generated = 0
    for school_index, (school_name, brin, size) in enumerate(data.SCHOOLS):
        school = School(organisation=board, name=school_name, brin=brin)
        session.add(school)
        schools.append(school)
        tasks = _catalogue(session, school, schooljaren[0])
        people = list(fixed.items()) if school_index == 0 else []
        while len(people) < size:
            people.append(("", _generated_person(rng, generated, used_names, year)))
            generated += 1
        for key, person in people:
            employee = Employee(
                organisation=board,
                school=school,
                code=_code(person, used_codes),
                first_name=person.first_name,
                tussenvoegsel=person.tussenvoegsel,
                last_name=person.last_name,
                birth_date=person.birth_date,
                category=person.category,
                salary_scale=person.salary_scale,
                fulltime_monthly_salary=_salary(rng, person.salary_scale),
                appointments=[
                    Appointment(start=s, end_date=e, fte=f, kind=k)
                    for s, e, f, k in person.appointments
                ],
            )
            session.add(employee)
            _add_work(session, rng, employee, person, schooljaren[0], tasks)
            if key:
                linked[key] = employee
    session.flush()
    plan_demo(session, rng, schools, schooljaren, linked)

    def login(username: str, name: str, description: str, **kwargs) -> tuple[DemoLogin, object]:
        secret = password or _password(password_rng)
        kwargs.setdefault("organisation", board)
        user = create_user(session, username, secret, display_name=name, **kwargs)
        return DemoLogin(username, secret, description), user

    logins = []
    entry, user = login("beheerder", "Bea Beheer", "beheerder van Demo Scholengroep")
    grant_role(session, user, Role.BEHEERDER, board)
    logins.append(entry)
    entry, user = login("planner", "Piet Planner", "planner van beide scholen")
    for school in schools:
        grant_role(session, user, Role.PLANNER, board, school)
    logins.append(entry)
    entry, user = login("salaris", "Sara Salaris", "salarisadministratie van het bestuur")
    grant_role(session, user, Role.SALARIS, board)
    logins.append(entry)
    for username, description in (("jansen", "docent, voltijd"), ("devries", "docent, 57+")):
        employee = linked[username]
        entry, user = login(username, employee.full_name, description, employee=employee)
        grant_role(session, user, Role.MEDEWERKER, board, employee.school)
        logins.append(entry)
    if registry is not None:
        logins.extend(seed_ggz_demo(session, today, registry, login))
        logins.extend(seed_netbeheer_demo(session, today, registry, login))
    return logins
