"""Money and hours stay exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError

from jaartaak.models import Appointment, Employee, Organisation, School


def make_employee(session, salary="5000.00", code="A1") -> Employee:
    board = Organisation(name=f"Bestuur {code}")
    school = School(organisation=board, name="School", brin=None)
    employee = Employee(
        organisation=board,
        school=school,
        code=code,
        first_name="Ada",
        last_name="Lovelace",
        birth_date=date(1980, 1, 1),
        category="OP",
        salary_scale="LC",
        fulltime_monthly_salary=Decimal(salary),
    )
    session.add(employee)
    session.flush()
    return employee


def test_decimals_round_trip_exactly(database):
    with database.session() as session:
        employee = make_employee(session, "4321.07")
        employee.appointments.append(
            Appointment(start=date(2020, 8, 1), fte=Decimal("0.5808"), kind="regulier")
        )
    with database.session() as session:
        stored = session.scalar(select(Employee))
        assert stored.fulltime_monthly_salary == Decimal("4321.07")
        assert str(stored.fulltime_monthly_salary) == "4321.07"
        assert str(stored.appointments[0].fte) == "0.5808"
        assert isinstance(stored.appointments[0].fte, Decimal)


def test_floats_and_extra_decimals_are_refused(database):
    with database.session() as session:
        employee = make_employee(session)
        employee.fulltime_monthly_salary = 5000.1
        with pytest.raises(StatementError, match="nooit float"):
            session.flush()
        session.rollback()
    with database.session() as session:
        employee = make_employee(session, code="A2")
        employee.fulltime_monthly_salary = Decimal("5000.001")
        with pytest.raises(StatementError, match="meer dan 2 decimalen"):
            session.flush()
        session.rollback()


def test_check_constraint_on_a_decimal_works_on_every_database(database):
    with database.session() as session:
        employee = make_employee(session)
        employee.appointments.append(
            Appointment(start=date(2020, 8, 1), fte=Decimal("0.0000"), kind="regulier")
        )
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_concurrent_edits_do_not_overwrite_each_other(database):
    with database.session() as session:
        employee_id = make_employee(session).id
    first = database.sessionmaker()
    second = database.sessionmaker()
    try:
        mine = first.get(Employee, employee_id)
        theirs = second.get(Employee, employee_id)
        mine.last_name = "Byron"
        first.commit()
        theirs.last_name = "King"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with database.session() as session:
        assert session.get(Employee, employee_id).last_name == "Byron"


def test_version_increases_with_every_update(database):
    with database.session() as session:
        employee = make_employee(session)
        assert employee.version == 1
        employee.first_name = "Augusta"
        session.flush()
        assert employee.version == 2
        session.execute(update(Employee).values(first_name="X"))
        assert session.execute(text("SELECT 1")).scalar() == 1
