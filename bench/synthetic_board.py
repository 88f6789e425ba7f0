"""A synthetic board at full scale in a real database, for the benchmarks (not a test).

Three organisations, one per scheme, stored as the application stores them:

- "Bench Scholengroep" (CAO VO): ``schools`` schools of ``per_school`` employees over two
  schooljaren, each school made by :func:`bench_overview.build_school`: a taakbeleid and a task
  catalogue, per employee an appointment, 10 lessons and 10 tasks this schooljaar, a pb choice
  for every third employee and 10 hours saved last schooljaar for every fifth (whose history is
  then computed from last year's choice).
- "Bench GGZ" (plugin jaartaak-ggz): ``ggz`` employees with this year's choice and the leave
  taken and training claimed since September, as HR records them.
- "Bench Netbeheer" (plugin jaartaak-benefit-budget): ``benefit_budget`` employees with HR's
  facts, a beginstand for last year, and monthly choices and employer additions in last year
  and this year, so this year starts from what last year left (a carried history).

The GGZ and Benefit Budget people are made as the demo makes them
(:mod:`jaartaak.services.demo.ggz`, :mod:`jaartaak.services.demo.netbeheer`): per profile (part
time, salary, age, option or monthly pattern) one representative is seeded through the services,
each choice and event checked by the scheme; every other employee of the profile gets a copy of
its stored rows. All rows but the representatives' go in with bulk inserts, so the 10,000
employees of the full board take seconds, not minutes.

:func:`database` gives a fresh, migrated database: a temporary SQLite file, or with a PostgreSQL
URL (``JAARTAAK_BENCH_DATABASE_URL``) a new database next to the one named, dropped afterwards.

    python bench/synthetic_board.py [SCHOOLS,PER_SCHOOL,GGZ,BENEFIT_BUDGET]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from bench_overview import build_school, schooljaren
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from jaartaak.db import Database, migrate
from jaartaak.domain.periods import CalendarYear, SchooljaarPeriod
from jaartaak.models import (
    Appointment,
    Employee,
    Gebeurtenis,
    Organisation,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingGebruik,
    RegelingKeuze,
    School,
)
from jaartaak.services.demo import ggz, netbeheer

#: The environment variable with a PostgreSQL URL to build in (else a temporary SQLite file).
DATABASE_URL_VARIABLE = "JAARTAAK_BENCH_DATABASE_URL"
#: GGZ profiles: part-time week (5) by option (5); a doctor in training among them.
GGZ_PROFILES = len(ggz.WEEKS) * len(ggz.OPTIONS)
#: Benefit Budget profiles: every person of the demo (15) with every monthly pattern (7).
BB_PROFILES = len(netbeheer.PEOPLE) * len(netbeheer.PATTERNS)
#: What a copy of a representative's row leaves to the column defaults.
NOT_COPIED = {"id", "employee_id", "version", "created_at", "updated_at"}
#: The tables of a plugin scheme's stored rows, copied from representative to profile.
REGELING_TABLES = (RegelingFeiten, RegelingBeginstand, RegelingKeuze, Gebeurtenis)


@dataclass(frozen=True)
class Size:
    """How big a synthetic board is."""

    schools: int = 20
    per_school: int = 150
    ggz: int = 5000
    benefit_budget: int = 2000

    @property
    def employees(self) -> int:
        return self.schools * self.per_school + self.ggz + self.benefit_budget

    def tenth(self) -> Size:
        """A tenth of the board: a tenth of the schools (of the same size) and of the others."""
        return Size(
            max(1, self.schools // 10),
            self.per_school,
            max(1, self.ggz // 10),
            max(1, self.benefit_budget // 10),
        )

    @classmethod
    def parse(cls, text: str) -> Size:
        schools, per_school, ggz_count, bb_count = (int(part) for part in text.split(","))
        return cls(schools, per_school, ggz_count, bb_count)

    def __str__(self) -> str:
        return f"{self.schools},{self.per_school},{self.ggz},{self.benefit_budget}"


@contextmanager
def database(base_url: str | None = None) -> Iterator[str]:
    """The URL of a fresh, migrated database, removed afterwards."""
    if not base_url:
        with tempfile.TemporaryDirectory(prefix="jaartaak-bench-") as folder:
            url = f"sqlite:///{folder}/bench.db"
            _migrate(url)
            yield url
        return
    server = make_url(base_url)
    name = f"jaartaak_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        _migrate(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url: str) -> None:
    target = Database(url)
    migrate.upgrade(target.engine)
    target.dispose()


def _insert_employees(session, board, school, people: list[tuple[dict, dict]]) -> list[int]:
    """Employees (with one appointment each) in two bulk inserts; their ids in order."""
    ids = session.scalars(
        insert(Employee).returning(Employee.id, sort_by_parameter_order=True),
        [
            {"organisation_id": board.id, "school_id": school.id, **values}
            for values, _appointment in people
        ],
    ).all()
    session.execute(
        insert(Appointment),
        [
            {"employee_id": employee_id, **appointment}
            for employee_id, (_values, appointment) in zip(ids, people, strict=True)
        ],
    )
    return ids


def _people(count: int, profiles: int, values) -> list[tuple[dict, dict]]:
    """``count`` employees: the first ``profiles`` as ``values(index)`` makes them, every other
    one with its own code and name but the facts of representative ``index % profiles``."""
    made = [values(index) for index in range(count)]
    for index in range(profiles, count):
        person, _appointment = made[index]
        model, appointment = made[index % profiles]
        names = ("code", "first_name", "tussenvoegsel", "last_name")
        made[index] = ({**model, **{name: person[name] for name in names}}, appointment)
    return made


def _copy_rows(session, ids: list[int], profiles: int) -> None:
    """Give every employee the stored scheme rows of its representative (bulk inserts)."""
    representatives = ids[:profiles]
    for model in REGELING_TABLES:
        columns = [c for c in model.__table__.columns if c.name not in NOT_COPIED]
        rows: dict[int, list[dict]] = defaultdict(list)
        for row in session.execute(
            select(model.employee_id, *columns).where(model.employee_id.in_(representatives))
        ):
            rows[row[0]].append({c.name: value for c, value in zip(columns, row[1:], strict=True)})
        copies = [
            {**row, "employee_id": employee_id}
            for index, employee_id in enumerate(ids[profiles:], start=profiles)
            for row in rows[ids[index % profiles]]
        ]
        if copies:
            session.execute(insert(model), copies)


def _plugin_organisation(session, name: str, scheme_id: str) -> tuple[Organisation, School]:
    board = Organisation(name=name)
    location = School(organisation=board, name=f"{name}, hoofdkantoor")
    session.add_all([board, location, RegelingGebruik(organisation=board, scheme=scheme_id)])
    session.flush()
    return board, location


def build_cao_vo(session, size: Size, today: date, name: str = "Bench Scholengroep") -> int:
    """The CAO VO board: ``size.schools`` schools of ``size.per_school`` employees."""
    board = Organisation(name=name)
    session.add(board)
    current = SchooljaarPeriod.containing(today)
    years = schooljaren(session, board, current.start.year - 1)
    for number in range(size.schools):
        name = _school_name(number)
        build_school(session, board, years, name, size.per_school, seed=2026 + number)
    return board.id


def _school_name(number: int) -> str:
    """ "Bench School A" … "Bench School Z", then "Bench School A A" …: build_school makes the
    employees' codes from the initials of the name's words, so each school needs its own."""
    letters = [chr(ord("A") + number % 26)]
    while number >= 26:
        number = number // 26 - 1
        letters.append(chr(ord("A") + number % 26))
    return "Bench School " + " ".join(reversed(letters))


def build_ggz(session, size: Size, today: date, registry, name: str = "Bench GGZ") -> int:
    """The GGZ organisation: this year's choice and HR's events, per profile as the demo."""
    scheme = registry.schemes[ggz.GGZ_SCHEME]
    board, location = _plugin_organisation(session, name, scheme.id)
    rng = random.Random(2027)
    people = _people(size.ggz, GGZ_PROFILES, lambda index: ggz.employee_values(index, rng))
    ids = _insert_employees(session, board, location, people)
    year = CalendarYear.containing(today)
    for index, employee_id in enumerate(ids[:GGZ_PROFILES]):
        option = ggz.OPTIONS[index // len(ggz.WEEKS) % len(ggz.OPTIONS)]
        if option is not None:  # no choice: the scheme's default (paid out in September)
            person = session.get(Employee, employee_id)
            chosen_on = date(year.year, 5, 1 + index)
            ggz.seed_year(session, person, scheme, year, option, chosen_on, rng, today, registry)
    session.flush()
    _copy_rows(session, ids, GGZ_PROFILES)
    return board.id


def build_benefit_budget(
    session, size: Size, today: date, registry, name: str = "Bench Netbeheer"
) -> int:
    """The Benefit Budget organisation: last year's beginstand, both years' monthly choices."""
    scheme = registry.schemes[netbeheer.NETBEHEER_SCHEME]
    board, location = _plugin_organisation(session, name, scheme.id)
    rng = random.Random(2025)
    year = CalendarYear.containing(today)
    people = _people(
        size.benefit_budget,
        BB_PROFILES,
        lambda index: netbeheer.employee_values(index, rng, year.year),
    )
    ids = _insert_employees(session, board, location, people)
    years = [year.shifted(-1), year]
    for index, employee_id in enumerate(ids[:BB_PROFILES]):
        person = session.get(Employee, employee_id)
        netbeheer.seed_employee(session, person, scheme, index, years, today, registry)
    session.flush()
    _copy_rows(session, ids, BB_PROFILES)
    return board.id


def build_board(session, size: Size, today: date, registry) -> list[int]:
    """All three organisations; their ids (CAO VO, GGZ, Benefit Budget)."""
    missing = {ggz.GGZ_SCHEME, netbeheer.NETBEHEER_SCHEME} - set(registry.schemes)
    if missing:
        raise SystemExit(
            f"De synthetische organisatie heeft de regelingen {', '.join(sorted(missing))} "
            "nodig: installeer de plugins (make .venv/.installed-run)."
        )
    organisations = [
        build_cao_vo(session, size, today),
        build_ggz(session, size, today, registry),
        build_benefit_budget(session, size, today, registry),
    ]
    session.flush()
    return organisations


def counts(session) -> dict[str, int]:
    """Rows per table of what a board is made of (to print, and for the tests)."""
    from jaartaak.models import Lesson, PbKeuze, TaskAssignment

    models = (Employee, Lesson, TaskAssignment, PbKeuze, *REGELING_TABLES)
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model))
        for model in models
    }


def main() -> None:
    from jaartaak.plugins import load_registry

    size = Size.parse(sys.argv[1]) if len(sys.argv) > 1 else Size()
    registry = load_registry()
    with database(os.environ.get(DATABASE_URL_VARIABLE)) as url:
        target = Database(url)
        start = time.perf_counter()
        with target.session() as session:
            build_board(session, size, date.today(), registry)
        built = time.perf_counter() - start
        with target.session() as session:
            rows = counts(session)
        target.dispose()
    print(f"synthetic board ({size.employees:,} employees) built in {built:.1f} s: {rows}")


if __name__ == "__main__":
    main()
