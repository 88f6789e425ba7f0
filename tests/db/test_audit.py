"""Every change of an audited record is in the audit log: who, when, what, before and after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from jaartaak.db.audit import Actor
from jaartaak.models import (
    Appointment,
    AuditEntry,
    Employee,
    LoginThrottle,
    Organisation,
    School,
    User,
)
from jaartaak.services.accounts import create_user

from support import new_employee


def entries(database) -> list[AuditEntry]:
    with database.session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_insert_update_delete_are_logged_with_actor_and_values(database):
    actor = Actor(None, "cli:test")
    with database.session(actor=actor) as session:
        board = Organisation(name="Stichting Test")
        school = School(organisation=board, name="Testschool", brin="99ZZ")
        session.add(school)
    with database.session(actor=actor) as session:
        school = session.scalar(select(School))
        school.name = "Testcollege"
    with database.session(actor=actor) as session:
        session.delete(session.scalar(select(School)))

    school_entries = [e for e in entries(database) if e.table_name == "school"]
    assert [e.action for e in school_entries] == ["insert", "update", "delete"]
    insert, change, delete = school_entries
    assert insert.actor_name == "cli:test"
    assert insert.record_id == str(insert.after["id"])
    assert insert.after["name"] == "Testschool"
    assert insert.organisation_id == insert.after["organisation_id"]
    assert (change.before, change.after) == ({"name": "Testschool"}, {"name": "Testcollege"})
    assert delete.before["name"] == "Testcollege"
    assert delete.after is None


def test_decimals_and_dates_are_logged_as_text(database):
    with database.session() as session:
        new_employee(session, salary="3650.00")
    logged = next(e for e in entries(database) if e.table_name == "employee")
    assert logged.after["fulltime_monthly_salary"] == "3650.00"
    assert logged.after["birth_date"] == "1980-01-01"
    assert logged.actor_name == "systeem"  # no actor given: the change is still logged


def test_secrets_are_masked_and_bookkeeping_is_left_out(database):
    with database.session(actor=Actor(None, "cli:test")) as session:
        user = create_user(session, "piet", "een-lang-wachtwoord", display_name="Piet")
        user.last_login_at = None
    logged = next(e for e in entries(database) if e.table_name == "user_account")
    assert logged.after["password_hash"] == "***"
    assert logged.after["session_token"] == "***"
    for skipped in ("created_at", "updated_at", "last_login_at", "version"):
        assert skipped not in logged.after


def test_a_change_of_only_unaudited_columns_is_not_logged(database):
    with database.session() as session:
        create_user(session, "piet", "een-lang-wachtwoord", display_name="Piet")
    before = len(entries(database))
    with database.session() as session:
        from jaartaak.db import utcnow

        session.scalar(select(User)).last_login_at = utcnow()
        session.add(LoginThrottle(key="ip:1", failures=1, window_start=utcnow()))
    assert len(entries(database)) == before


def test_the_actor_can_be_resolved_late(database):
    """The web layer passes a callable: the user is known only once the request has loaded them."""
    with database.session() as session:
        user_id = create_user(session, "jansen", "een-lang-wachtwoord", display_name="Jan").id
    with database.session(actor=lambda: Actor(user_id, "jansen")) as session:
        session.add(Organisation(name="Laat"))
    logged = entries(database)[-1]
    assert (logged.actor_user_id, logged.actor_name) == (user_id, "jansen")


def seeded_employee(database) -> int:
    """An employee with one appointment, created as ``cli:test``."""
    with database.session(actor=Actor(None, "cli:test")) as session:
        employee = new_employee(session, code="E1", board_name="Stichting Audit")
        employee.appointments.append(
            Appointment(start=date(2020, 8, 1), fte=Decimal("1.0000"), kind="regulier")
        )
        session.flush()
        return employee.id


def test_a_child_record_is_scoped_to_its_board(database):
    seeded_employee(database)
    with database.session() as session:
        board_id = session.scalar(select(Organisation.id))
    logged = next(e for e in entries(database) if e.table_name == "appointment")
    assert logged.organisation_id == board_id


def test_deleting_an_orphan_is_logged(database):
    """Removing an appointment from the list deletes the row (delete-orphan): that is a change."""
    employee_id = seeded_employee(database)
    with database.session(actor=Actor(None, "cli:test")) as session:
        employee = session.get(Employee, employee_id)
        employee.appointments.pop()
    deleted = [e for e in entries(database) if e.action == "delete"]
    assert [(e.table_name, e.before["fte"]) for e in deleted] == [("appointment", "1.0000")]
    assert deleted[0].actor_name == "cli:test"
    assert deleted[0].organisation_id is not None


def test_a_cascaded_delete_logs_every_row(database):
    employee_id = seeded_employee(database)
    with database.session() as session:
        session.delete(session.get(Employee, employee_id))
    deleted = {e.table_name for e in entries(database) if e.action == "delete"}
    assert deleted == {"employee", "appointment"}


def test_moving_a_record_to_another_parent_is_logged(database):
    employee_id = seeded_employee(database)
    with database.session() as session:
        first = session.get(Employee, employee_id)
        second = new_employee(session, code="E2", board_name="Stichting Audit")
        first.appointments[0].employee = second
        second_id = second.id
    moved = [e for e in entries(database) if e.table_name == "appointment" and e.action == "update"]
    assert [(m.before, m.after) for m in moved] == [
        ({"employee_id": employee_id}, {"employee_id": second_id})
    ]


def test_every_audited_model_declares_its_board():
    from jaartaak.db import Base

    missing = [
        mapper.class_.__name__
        for mapper in Base.registry.mappers
        if getattr(mapper.class_, "__audit__", True)
        and not hasattr(mapper.class_, "__audit_organisation__")
    ]
    assert missing == []


def test_a_session_made_outside_the_app_is_audited_too(database):
    from sqlalchemy.orm import Session

    with Session(database.engine) as session:
        session.add(Organisation(name="Buiten de fabriek"))
        session.commit()
    logged = entries(database)[-1]
    assert (logged.table_name, logged.after["name"]) == ("organisation", "Buiten de fabriek")
