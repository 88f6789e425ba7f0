"""Money and hours stay exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError

from jaartaak.models import Appointment, Employee

from support import new_employee


def make_employee(session, salary="5000.00", code="A1") -> Employee:
    return new_employee(session, code=code, salary=salary)


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


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("Infinity"), "geen eindig getal"),
        (Decimal("NaN"), "geen eindig getal"),
        (Decimal("123456789012.00"), "te groot"),
        (Decimal("1e30"), "te groot"),
        ("vijf", "geen decimaal getal"),
    ],
)
def test_values_a_column_cannot_hold_are_refused_on_every_database(database, value, message):
    with database.session() as session:
        employee = make_employee(session, code="V1")
        employee.fulltime_monthly_salary = value
        with pytest.raises(StatementError, match=message):
            session.flush()
        session.rollback()


def test_a_stale_form_version_is_refused(database):
    from jaartaak.db import expect_version

    with database.session() as session:
        employee = make_employee(session)
        expect_version(employee, employee.version)  # the version the form showed: fine
        expect_version(employee, str(employee.version))  # as a form field sends it
        for stale in (employee.version - 1, None):
            with pytest.raises(StaleDataError):
                expect_version(employee, stale)
