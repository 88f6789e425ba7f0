"""The demo board: what the issue promises, and a second run adds nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from jaartaak.models import (
    Appointment,
    AuditEntry,
    Employee,
    Lesson,
    Organisation,
    Role,
    School,
    Schooljaar,
    TaskAssignment,
    User,
)
from jaartaak.services import berekening
from jaartaak.services.demo import seed_demo

from support import TODAY, logged_in


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def test_the_demo_board_has_what_the_issue_names(database, demo):
    with database.session() as session:
        board = session.scalar(select(Organisation))
        assert board.name == "Demo Scholengroep"
        assert [s.name for s in session.scalars(select(School).order_by(School.name))] == [
            "Het Baken College",
            "Lyceum De Horizon",
        ]
        assert [y.code for y in session.scalars(select(Schooljaar).order_by(Schooljaar.start))] == [
            "2025-2026",
            "2026-2027",
            "2027-2028",
        ]
        people = list(session.scalars(select(Employee)))
        assert 55 <= len(people) <= 65
        assert {p.category for p in people} == {"OP", "OOP", "DIR"}
        seniors = [p for p in people if age_on(p.birth_date, TODAY) >= 57]
        assert len(seniors) >= 5
        appointments = list(session.scalars(select(Appointment)))
        part_time = [a for a in appointments if a.fte < Decimal("1")]
        assert len(part_time) >= 10
        mid_year = [a for a in appointments if a.start == date(2027, 1, 1)]
        assert len(mid_year) == 1
        assert [a.kind for a in appointments].count("vervanging") == 1
        lesuren = sum(session.scalars(select(Lesson.lesuren_per_week)), Decimal(0))
        assert Decimal(600) < lesuren < Decimal(900)  # about 21 lesuren per teaching fte
        assert count(session, TaskAssignment) > 40
        # No appointment starts after the current schooljaar: nobody is hired in the future.
        assert max(a.start for a in appointments) <= date(2027, 7, 31)


def test_the_demo_logins_and_their_roles(database, demo):
    assert [login.username for login in demo] == [
        "beheerder",
        "planner",
        "salaris",
        "jansen",
        "devries",
    ]
    with database.session() as session:
        users = {u.username: u for u in session.scalars(select(User))}
        roles = {
            name: {(r.role, r.school_id is None) for r in user.roles}
            for name, user in users.items()
        }
        assert roles["beheerder"] == {(Role.BEHEERDER.value, True)}
        assert roles["planner"] == {(Role.PLANNER.value, False)}
        assert len(users["planner"].roles) == 2
        assert roles["salaris"] == {(Role.SALARIS.value, True)}
        jansen, devries = users["jansen"].employee, users["devries"].employee
        assert (jansen.last_name, jansen.category) == ("Jansen", "OP")
        assert [a.fte for a in jansen.appointments] == [Decimal("1.0000")]
        assert age_on(devries.birth_date, TODAY) >= 57
        assert devries.category == "OP"


def test_seeding_twice_adds_nothing(database, demo):
    with database.session() as session:
        before = {model: count(session, model) for model in (Employee, User, Lesson, AuditEntry)}
    with database.session() as session:
        assert seed_demo(session, TODAY) == []
    with database.session() as session:
        assert {model: count(session, model) for model in before} == before


def test_every_demo_login_reaches_its_area(app, demo):
    areas = {
        "beheerder": "/beheer/",
        "planner": "/planner/",
        "salaris": "/salaris/",
        "jansen": "/mijn/",
        "devries": "/mijn/",
    }
    for username, path in areas.items():
        client = logged_in(app.test_client(), username)
        assert client.get(path).status_code == 200, username


def test_the_seed_is_audited(database, demo):
    with database.session() as session:
        tables = set(session.scalars(select(AuditEntry.table_name).distinct()))
    assert {"organisation", "school", "employee", "appointment", "user_account"} <= tables


def test_every_demo_year_computes_without_errors(app, database, demo):
    """Last year's choices (a saver's 30 hours) only for someone who had that budget then."""
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        for year in session.scalars(select(Schooljaar).where(Schooljaar.start <= TODAY)):
            employees = list(
                session.scalars(
                    select(Employee).where(Employee.organisation_id == year.organisation_id)
                )
            )
            answers = berekening.bereken(session, employees, year, registry)
            refused = {
                f"{person.code} {year.code}: {answers[person.id].result.errors[0].message}"
                for person in employees
                if not answers[person.id].result.ok
            }
            assert refused == set()
