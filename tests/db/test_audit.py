"""Every change of an audited record is in the audit log: who, when, what, before and after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from jaartaak.db.audit import Actor
from jaartaak.models import AuditEntry, Employee, LoginThrottle, Organisation, School, User
from jaartaak.services.accounts import create_user


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
        board = Organisation(name="B")
        employee = Employee(
            organisation=board,
            school=School(organisation=board, name="S"),
            code="X1",
            first_name="A",
            last_name="B",
            birth_date=date(1970, 5, 1),
            category="OP",
            salary_scale="LB",
            fulltime_monthly_salary=Decimal("3650.00"),
        )
        session.add(employee)
    logged = next(e for e in entries(database) if e.table_name == "employee")
    assert logged.after["fulltime_monthly_salary"] == "3650.00"
    assert logged.after["birth_date"] == "1970-05-01"
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
