"""Whole organisations under a plugin scheme: each period of an employee is computed once, and
the stored rows are read with the same number of statements for one employee as for many.

The payroll month needs this period and the one before; a scheme that carries over starts this
period from what the one before left. Computing the period before twice (once for itself, once
as history) doubled the engine's work for every employee; reading each employee's rows apart
made a payroll month of a 5,000-person GGZ institution cost tens of thousands of queries.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select

from jaartaak.domain.periods import Month
from jaartaak.models import (
    Appointment,
    Employee,
    Gebeurtenis,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingGebruik,
    RegelingKeuze,
)
from jaartaak.services import afwikkeling, regeling_gegevens, salarismaand

from support import bench_module, new_employee
from support_regeling import TestMaandbudget, employee_under_test_maandbudget

MARCH_2026 = Month(2026, 3)


class CountingMaandbudget(TestMaandbudget):
    """The monthly test scheme, noting each period it computes (and the ``as_of``, if any)."""

    def __init__(self) -> None:
        self.computed: list[tuple[str, date | None]] = []

    def calculate(self, scenario):
        self.computed.append((scenario.period.code, scenario.as_of))
        return super().calculate(scenario)


def _counting(app) -> CountingMaandbudget:
    scheme = CountingMaandbudget()
    app.extensions["jaartaak"].schemes.schemes[scheme.id] = scheme
    return scheme


def _stored(session, employee_id: int) -> None:
    """A beginstand for 2024 (so 2026 starts from 2025, which starts from 2024), facts, a
    choice in 2025 and in 2026, and an employer addition in February 2026."""
    scheme = TestMaandbudget.id
    reserve = {"opening_balances": {"reserve": "50.00"}}
    session.add_all(
        [
            RegelingBeginstand(
                employee_id=employee_id, scheme=scheme, periode="2024", history=reserve
            ),
            RegelingFeiten(employee_id=employee_id, scheme=scheme, feiten={"toeslag": "5.00"}),
            Gebeurtenis(
                employee_id=employee_id,
                scheme=scheme,
                periode="2026",
                datum=date(2026, 2, 1),
                soort="toevoeging",
                gegevens={"code": "adv", "amount": "20.00"},
            ),
        ]
    )
    for year in (2025, 2026):
        session.add(
            RegelingKeuze(
                employee_id=employee_id,
                scheme=scheme,
                periode=str(year),
                keuzes=[{"month": f"{year}-03", "product": "geld", "amount": "60.00"}],
                gekozen_op=date(year, 3, 1),
            )
        )


def _organisation(database, employee_id: int) -> int:
    with database.session() as session:
        _stored(session, employee_id)
        return session.get(Employee, employee_id).organisation_id


def test_a_payroll_month_computes_each_year_of_a_carried_history_once(app, database):
    person = employee_under_test_maandbudget(app, database)
    organisation = _organisation(database, person)
    scheme = _counting(app)
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        view = salarismaand.salarismaand(session, organisation, MARCH_2026, registry)
    assert [(r.looncode, r.bedrag) for r in view.regels] == [("test-geld", Decimal("60.00"))]
    assert scheme.computed == [("2024", None), ("2025", None), ("2026", None)]


def test_settling_computes_the_history_once_and_each_period_once_as_of_the_day(app, database):
    person = employee_under_test_maandbudget(app, database)
    _organisation(database, person)
    scheme = _counting(app)
    day = date(2026, 3, 15)
    with database.session() as session:
        verslag = afwikkeling.settle(session, app.extensions["jaartaak"].schemes, day)
    assert verslag.bekeken == 2 and not verslag.geweigerd
    assert Counter(scheme.computed) == {
        ("2024", None): 1,  # the beginstand's year, carried into 2025
        ("2025", None): 1,  # carried into 2026
        ("2025", day): 1,
        ("2026", day): 1,
    }


def _board_under_test_maandbudget(database, name: str, size: int) -> int:
    with database.session() as session:
        people = [new_employee(session, f"{name}{n}", board_name=name) for n in range(size)]
        session.add(RegelingGebruik(organisation=people[0].organisation, scheme="test-maandbudget"))
        for person in people:
            session.add(Appointment(employee=person, start=date(2010, 1, 1), fte=Decimal(1)))
            _stored(session, person.id)
        return people[0].organisation_id


def test_a_payroll_month_under_a_plugin_scheme_costs_the_same_statements_for_1_and_12(
    app, database
):
    _counting(app)
    registry = app.extensions["jaartaak"].schemes
    counter = bench_module("bench_overview").StatementCounter
    counts = {}
    for name, size in (("Een", 1), ("Twaalf", 12)):
        organisation = _board_under_test_maandbudget(database, name, size)
        with database.session() as session, counter(database.engine) as counted:
            view = salarismaand.salarismaand(session, organisation, MARCH_2026, registry)
        assert len(view.regels) == size and not view.problemen
        counts[size] = counted.count
    assert counts[1] == counts[12], counts


def test_a_payroll_month_under_the_cao_vo_costs_the_same_statements_for_10_and_40(app, database):
    bench = bench_module("bench_overview")
    registry = app.extensions["jaartaak"].schemes
    counts = {}
    for name, size in (("Klein Bestuur", 10), ("Groot Bestuur", 40)):
        with database.session() as session:
            board = bench.Organisation(name=name)
            session.add(board)
            years = bench.schooljaren(session, board, 2025)
            bench.build_school(session, board, years, f"{name} College", size)
            board_id = board.id
        with database.session() as session, bench.StatementCounter(database.engine) as counted:
            view = salarismaand.salarismaand(session, board_id, Month(2026, 10), registry)
        assert not view.problemen
        counts[size] = counted.count
    assert counts[10] == counts[40], counts


def test_the_appointments_of_600_employees_are_read_in_one_statement(database):
    """One query for any number (selectinload would send one per 500, a lazy load one each),
    in the order the relationship keeps."""
    with database.session() as session:
        board = new_employee(session, "APP0", board_name="Aanstellingen").organisation
        school_id = session.scalar(select(Employee.school_id).where(Employee.code == "APP0"))
        ids = session.scalars(
            insert(Employee).returning(Employee.id, sort_by_parameter_order=True),
            [
                {
                    "organisation_id": board.id,
                    "school_id": school_id,
                    "code": f"APP{n}",
                    "first_name": "Ada",
                    "last_name": "Lovelace",
                    "birth_date": date(1980, 1, 1),
                    "category": "OP",
                    "salary_scale": "LC",
                    "fulltime_monthly_salary": Decimal("4000.00"),
                }
                for n in range(1, 601)
            ],
        ).all()
        session.execute(
            insert(Appointment),
            [
                {"employee_id": e, "start": date(2020 - n % 2, 8, 1), "fte": Decimal("0.5")}
                for e in ids
                for n in range(2)
            ],
        )
    with database.session() as session:
        people = list(session.scalars(select(Employee).where(Employee.id.in_(ids))))
        with bench_module("bench_overview").StatementCounter(database.engine) as counted:
            regeling_gegevens.load_appointments(session, people)
            starts = [[a.start for a in person.appointments] for person in people]
        assert counted.count == 1
    assert starts == [[date(2019, 8, 1), date(2020, 8, 1)]] * 600
