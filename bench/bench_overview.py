"""The planner's school overview at scale (not a test: it prints ratio lines).

Builds a board in a temporary SQLite database with two schools: 10 employees and 250 employees
(about 5,000 lesson and task rows in the big one), with a taakbeleid, a task catalogue, pb
choices and savings from last year. Then it prints:

- the SQL statements of GET /planner/ for 10 against 250 employees (target: the same number),
  both when every row must be computed and when all are stored;
- the time of the full GET /planner/ (test client: session, queries, the stored results of
  the engine, rendering) against rendering the same template from rows computed beforehand
  (target: at most 2x). The render includes building the SVG chart: that is presentation.
- for information, the first GET after every employee's facts changed, when the engine
  computes every row again (the stored results of :mod:`jaartaak.services.uitkomsten` are
  keyed by the complete input, so a change means a recompute of that row only).

The best of several runs is reported, so a busy machine disturbs the figures less.

    python bench/bench_overview.py [EMPLOYEES]

:func:`build_school` is also what tests/test_overview_statements.py builds its data with.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from figures import figure
from sqlalchemy import event, insert, select

from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Appointment,
    Employee,
    Lesson,
    Organisation,
    PbKeuze,
    School,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
    TaskGroup,
)

PASSWORD = "bench-wachtwoord-lang-genoeg"
VAKKEN = ("wiskunde", "nederlands", "engels", "biologie", "geschiedenis", "natuurkunde")
#: Rounds of the timed comparison; the best of each side counts.
ROUNDS = 9
#: The full GET may take at most this many times the template's rendering.
RENDER_TARGET = 2.0
SECTIES = ("Bèta", "Talen", "Mens en maatschappij", "Kunst en sport")


def schooljaren(session, board: Organisation, first: int, count: int = 2) -> list[Schooljaar]:
    from jaartaak.services.schooljaren import create_schooljaar

    session.flush()  # the board may be new: it needs its id
    return [create_schooljaar(session, board, start) for start in range(first, first + count)]


def _catalogue(session, school: School, year: Schooljaar, size: int) -> list[Task]:
    groups = [TaskGroup(school=school, schooljaar=year, name=f"Groep {n}") for n in range(4)]
    tasks = [
        Task(
            school=school,
            schooljaar=year,
            task_group=groups[n % len(groups)],
            name=f"Taak {n:02d}",
            default_hours=Decimal(10 + n),
        )
        for n in range(size)
    ]
    session.add_all(groups + tasks)
    session.add(
        Taakbeleid(
            school=school,
            schooljaar=year,
            number=1,
            ingangsdatum=year.start,
            opslag_per_vak={"natuurkunde": "0.6000"},
            **TAAKBELEID_DEFAULTS,
        )
    )
    session.flush()
    return tasks


def build_school(
    session,
    board: Organisation,
    years: list[Schooljaar],
    name: str,
    employees: int,
    rows_per_employee: int = 20,
    seed: int = 2026,
) -> School:
    """A school with ``employees`` in the last of ``years``: half the rows lessons, half tasks.

    Bulk inserts (no ORM objects per row), so 5,000 rows take a fraction of a second. Every
    third employee has a pb choice; every fifth saved 10 hours in the year before.
    """
    rng = random.Random(seed)
    previous, year = years[-2], years[-1]
    school = School(organisation=board, name=name)
    session.add(school)
    session.flush()
    tasks = _catalogue(session, school, year, 20)
    prefix = "".join(word[0] for word in name.split()).upper()
    people = [
        {
            "organisation_id": board.id,
            "school_id": school.id,
            "code": f"{prefix}{n:04d}",
            "first_name": f"Voornaam{n}",
            "tussenvoegsel": "van" if n % 7 == 0 else "",
            "last_name": f"Achternaam{rng.randrange(10_000):04d}",
            "birth_date": date(rng.randrange(1960, 2000), rng.randrange(1, 13), 15),
            "category": rng.choice(("OP", "OP", "OP", "OOP", "DIR")),
            "salary_scale": rng.choice(("LB", "LC", "LD", "9")),
            "fulltime_monthly_salary": Decimal(rng.randrange(3000, 7000)),
            "sectie": rng.choice(SECTIES),
        }
        for n in range(employees)
    ]
    ids = session.scalars(
        insert(Employee).returning(Employee.id, sort_by_parameter_order=True), people
    ).all()
    ftes = {eid: Decimal(rng.choice((40, 60, 80, 100, 100))) / 100 for eid in ids}
    session.execute(
        insert(Appointment),
        [{"employee_id": e, "start": date(2015, 8, 1), "fte": ftes[e]} for e in ids],
    )
    lessons, assignments = rows_per_employee // 2, rows_per_employee - rows_per_employee // 2
    session.execute(
        insert(Lesson),
        [
            {
                "employee_id": e,
                "schooljaar_id": year.id,
                "vak": rng.choice(VAKKEN),
                "groep": f"{rng.randrange(1, 7)}{'abcd'[n % 4]}",
                "lesuren_per_week": ftes[e] * Decimal(rng.choice((1, 2, 2, 3))),
            }
            for e in ids
            for n in range(lessons)
        ],
    )
    session.execute(
        insert(TaskAssignment),
        [
            {
                "task_id": task.id,
                "employee_id": e,
                "schooljaar_id": year.id,
                "hours": task.default_hours + rng.randrange(-5, 6),
            }
            for e in ids
            for task in rng.sample(tasks, assignments)
        ],
    )
    keuzes = [
        {"employee_id": e, "schooljaar_id": year.id, "reductie_lestaak": ftes[e] * 20}
        for e in ids[::3]
    ] + [{"employee_id": e, "schooljaar_id": previous.id, "sparen": Decimal(10)} for e in ids[::5]]
    session.execute(insert(PbKeuze), keuzes)
    session.flush()
    return school


class StatementCounter:
    """Counts the SQL statements an engine executes while it is active."""

    def __init__(self, engine) -> None:
        self.engine, self.count = engine, 0

    def _count(self, *_args) -> None:
        self.count += 1

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)


def _best(work, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _setup(app, employees: int) -> tuple[dict[str, int], int]:
    from jaartaak.models import Role
    from jaartaak.services.accounts import create_user, grant_role

    with app.extensions["jaartaak"].database.session() as session:
        board = Organisation(name="Bench Scholengroep")
        session.add(board)
        session.flush()
        years = schooljaren(session, board, date.today().year - 1)
        small = build_school(session, board, years, "Klein College", 10)
        big = build_school(session, board, years, "Groot Lyceum", employees)
        user = create_user(session, "bench-planner", PASSWORD, display_name="Bench")
        grant_role(session, user, Role.PLANNER, board)
        session.commit()
        return {"klein": small.id, "groot": big.id}, years[-1].id


def _app(folder: Path):
    from jaartaak.app import create_app
    from jaartaak.db import Database, migrate

    url = f"sqlite:///{folder / 'bench.db'}"
    database = Database(url)
    migrate.upgrade(database.engine)
    database.dispose()
    return create_app(
        {
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(folder / "instance"),
            "SECRET_KEY": "bench-secret-key-that-is-long-enough-for-the-checks",
            "WTF_CSRF_ENABLED": False,
            "QUEUE_IMMEDIATE": True,
        }
    )


def _split(plek, registry) -> dict[str, float]:
    """Where a warm GET's data time goes, and what computing every row afresh costs."""
    from jaartaak.services import berekening, bronnen, staff, uitkomsten
    from jaartaak.web.database import db

    year, school = plek.schooljaar, plek.school.id
    people = staff.employees(db(), [school])
    sources = bronnen.bronnen(db(), people, year)
    vroeger = berekening.earlier_keuzes(db(), people, year)
    return {
        "employees": _best(lambda: staff.employees(db(), [school]), 3),
        "facts": _best(
            lambda: (
                bronnen.bronnen(db(), people, year),
                berekening.earlier_keuzes(db(), people, year),
            ),
            3,
        ),
        "keys": _best(
            lambda: [
                uitkomsten.sleutel(registry, sources[p.id], vroeger.get(p.id, ())) for p in people
            ],
            3,
        ),
        "warm summaries": _best(lambda: uitkomsten.samenvattingen(db(), people, year, registry), 3),
        "engine for every row": _best(lambda: berekening.bereken(db(), people, year, registry), 1),
    }


def _forget_results(engine) -> None:
    """Empty the stored results, so the next GET computes every row."""
    from jaartaak.models import Rekenuitkomst

    with engine.begin() as connection:
        connection.execute(Rekenuitkomst.__table__.delete())


def main() -> None:
    from flask import current_app, render_template
    from flask_login import login_user

    from jaartaak.models import User
    from jaartaak.web.database import db
    from jaartaak.web.login import SessionUser
    from jaartaak.web.planner import overzicht as view
    from jaartaak.web.planner.blueprint import werkplek

    employees = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    app = _app(Path(tempfile.mkdtemp(prefix="jaartaak-bench-")))
    schools, year_id = _setup(app, employees)
    client = app.test_client()
    client.post("/inloggen", data={"username": "bench-planner", "password": PASSWORD})
    engine = app.extensions["jaartaak"].database.engine

    def page(school: str) -> str:
        return f"/planner/?school={schools[school]}&jaar={year_id}"

    def get(school: str) -> None:
        response = client.get(page(school))
        assert response.status_code == 200, response.status_code

    get("klein")  # warm up: templates compiled
    _forget_results(engine)
    counts = {}
    for state in ("cold", "warm"):
        for school in ("klein", "groot"):
            with StatementCounter(engine) as counter:
                get(school)
            counts[state, school] = counter.count

    def cold() -> None:
        _forget_results(engine)
        get("groot")

    first = _best(cold, 3)

    with app.test_request_context(page("groot")):
        user = db().scalar(select(User).where(User.username == "bench-planner"))
        login_user(SessionUser(user))
        plek = werkplek()
        data = view._overzicht(plek)
        assert len(data.rows) == employees

        def render_only() -> None:
            render_template("planner/index.html", **view.page_context(plek, data))

        # Interleaved, so a busy spell of the machine slows both sides of the ratio alike.
        full, render = float("inf"), float("inf")
        for _ in range(ROUNDS):
            full = min(full, _best(lambda: get("groot"), 1))
            render = min(render, _best(render_only, 1))
        split = _split(plek, current_app.extensions["jaartaak"].schemes)
    for state, what in (("cold", "every row computed"), ("warm", "every row stored")):
        small, big = counts[state, "klein"], counts[state, "groot"]
        print(
            figure(
                f"overview SQL statements ({what}), 10 vs {employees} employees",
                f"{small} vs {big}",
                "equal",
                small == big,
            )
        )
    ratio = round(full / render, 1)
    print(
        figure(
            f"overview full GET vs rendering the template from computed rows ({employees} "
            f"employees, best of {ROUNDS})",
            f"{ratio:.1f}x the time ({full * 1000:.0f} ms vs {render * 1000:.0f} ms)",
            f"<= {RENDER_TARGET:.0f}x",
            ratio <= RENDER_TARGET,
        )
    )
    print(
        figure(
            f"overview first GET after every fact changed (all {employees} rows computed) vs "
            "rendering the template",
            f"{first / render:.1f}x the time ({first * 1000:.0f} ms)",
        )
    )
    parts = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in split.items())
    print(
        figure(
            f"overview time split for {employees} employees",
            f"{parts}, render {render * 1000:.0f} ms",
        )
    )


if __name__ == "__main__":
    main()
