"""A small plugin-like scheme for the core's tests of plugin schemes (the real plugins have
their own suites, and the core's tests must pass without them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import MappingProxyType

from jaartaak.domain.decimals import round2, round4
from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.domain.results import Book, Tranche, Unit
from jaartaak.domain.scheme import EventType, Option, RuleVersion, begin

ZERO = Decimal("0")


class TestRegeling:
    """€1000 per full-time year on 1 July; the money paid in September or kept in a pot, from
    which "opname" events take; choosing closes on 30 June."""

    id = "test-regeling"
    title = "Testregeling"
    period_kind = "kalenderjaar"
    required_totals = ("budget_eur",)
    extra_fields = ()
    employee_fields = ("birth_date", "fulltime_weekly_hours")
    appointment_fields = ("start", "end", "weekly_hours")
    choice_date_field = "chosen_on"
    budget_lines = ("budget",)
    pot_labels = MappingProxyType({"test-pot": "Testpot"})

    def choice_deadline(self, period: CalendarYear) -> date:
        return date(period.year, 6, 30)

    def rule_versions(self):
        return (RuleVersion("test-1", "Test", CalendarYear(2020), None, {}),)

    def options(self):
        return (Option("option", "Besteding", "choice", {"geld": "in geld", "pot": "in de pot"}),)

    def event_types(self):
        return (EventType("opname", "Opname uit de pot", (Option("amount", "Bedrag", "amount"),)),)

    def calculate(self, scenario):
        result, _problems, _rules = begin(self, scenario)
        book = Book(result)
        peildatum = date(scenario.period.year, 7, 1)
        week = Decimal(scenario.employee["fulltime_weekly_hours"])
        hours = sum(
            (
                Decimal(a["weekly_hours"])
                for a in scenario.employee["appointments"]
                if date.fromisoformat(a["start"]) <= peildatum
                and (a["end"] is None or peildatum <= date.fromisoformat(a["end"]))
            ),
            ZERO,
        )
        factor = min(Decimal(1), hours / week)
        budget = round2(1000 * factor)
        book.line(
            "budget",
            "Budget",
            Unit.EUR,
            budget,
            f"1000 × {round4(factor)}",
            "art. 1",
            total="budget_eur",
        )
        if scenario.choices.get("option", "geld") == "geld":
            book.pay(Month(scenario.period.year, 9), "test-geld", budget, "Budget in geld")
            return result
        left = budget
        for event in scenario.events:
            left -= Decimal(event["amount"])
            book.ledger(
                date.fromisoformat(event["date"]),
                "test-pot",
                Unit.EUR,
                -Decimal(event["amount"]),
                "opname",
                "pot",
            )
        if left < 0:
            book.error("saldo.onvoldoende", "events", "Er is meer opgenomen dan er in de pot zit.")
        book.balance("test-pot", Unit.EUR, left)
        book.tranche(
            Tranche(
                "test-pot",
                "pot",
                "Budget in de pot",
                Unit.EUR,
                left,
                peildatum,
                date(scenario.period.year + 1, 7, 1),
                "vervalt",
            )
        )
        return result


TEST_REGELING = TestRegeling()


def employee_under_test_regeling(app, database) -> int:
    """A 24-hour employee (fte 0.6667 of 36 hours) of a board under the test scheme, with the
    login "zorg"; the scheme is added to the app's registry. Returns the employee id."""
    from jaartaak.models import Appointment, RegelingGebruik

    from support import new_employee
    from support_overzicht import add_medewerker

    app.extensions["jaartaak"].schemes.schemes[TEST_REGELING.id] = TEST_REGELING
    with database.session() as session:
        employee = new_employee(session, "ZRG")
        employee.fulltime_weekly_hours = Decimal("36")
        session.add(Appointment(employee=employee, start=date(2010, 1, 1), fte=Decimal("0.6667")))
        session.add(RegelingGebruik(organisation=employee.organisation, scheme=TEST_REGELING.id))
        add_medewerker(session, "zorg", employee.id)
        return employee.id
