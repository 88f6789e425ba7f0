"""A small plugin-like scheme for the core's tests of plugin schemes (the real plugins have
their own suites, and the core's tests must pass without them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import MappingProxyType

from jaartaak.domain.decimals import round2, round4
from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.domain.results import Book, Quantity, Tranche, Unit
from jaartaak.domain.scheme import EventType, MonthlyProducts, Option, RuleVersion, begin

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


class TestMaandbudget:
    """A monthly choice budget (IKB style) for the core's tests: €100.00 per month employed on
    its first day (times the part-time factor, plus a declared ``toeslag`` fact and employer
    additions), spent on money or leave hours (€10.00 each); the rest goes to a reserve that
    carries over into the next year (``history_from``); a month closes on the 15th (``sluit_dag``
    in the settings)."""

    id = "test-maandbudget"
    title = "Test maandbudget"
    period_kind = "kalenderjaar"
    required_totals = ("accrued_eur", "reserve_eur")
    extra_fields = ()
    employee_fields = ("birth_date", "part_time_factor", "fulltime_scale_salary")
    appointment_fields = ("start", "end")
    budget_lines = ("maand",)
    pot_labels = MappingProxyType({"test-reserve": "Reserve"})
    employee_facts = (
        Option("toeslag", "Toeslag per maand", "amount"),
        Option("extra", "Extra €10 per maand", "yesno"),
    )
    history_fields = (Option("opening_balances.reserve", "Reserve op 1 januari", "amount"),)
    monthly_products = MonthlyProducts(
        {"geld": "Geld", "verlof": "Verlofuren"}, frozenset({"verlof"}), "Kies per maand."
    )

    def month_deadline(self, month: Month, settings) -> date:
        return date(month.year, month.month, int(settings.get("sluit_dag", 15)))

    def event_types(self):
        return (
            EventType(
                "toevoeging",
                "Toevoeging",
                (
                    Option("code", "Soort", "choice", {"adv": "ADV-uren"}),
                    Option("amount", "Bedrag", "amount"),
                ),
                when="month",
            ),
        )

    def history_from(self, result) -> dict:
        reserve = result.balances.get("test-reserve")
        return {"opening_balances": {"reserve": str(reserve.amount if reserve else ZERO)}}

    def rule_versions(self):
        return (RuleVersion("test-maand-1", "Test", CalendarYear(2020), None, {}),)

    def options(self):
        return ()

    def _monthly(self, employee) -> Decimal:
        extra = Decimal(10) if employee.get("extra") else ZERO
        factor = Decimal(employee["part_time_factor"])
        return round2(100 * factor) + Decimal(employee.get("toeslag", "0")) + extra

    def _employed(self, employee, day: date) -> bool:
        return any(
            date.fromisoformat(a["start"]) <= day
            and (a["end"] is None or day <= date.fromisoformat(a["end"]))
            for a in employee["appointments"]
        )

    def calculate(self, scenario):
        result, _problems, _rules = begin(self, scenario)
        book = Book(result)
        employee = scenario.employee
        opening = (scenario.history or {}).get("opening_balances", {})
        reserve = Decimal(opening.get("reserve", "0"))
        year = scenario.period.year
        if reserve:
            book.ledger(date(year, 1, 1), "test-reserve", Unit.EUR, reserve, "beginstand", "b")
        additions: dict[str, Decimal] = {}
        for event in scenario.events:
            additions[event["month"]] = additions.get(event["month"], ZERO) + Decimal(
                event["amount"]
            )
        rows, total = [], ZERO
        for month in scenario.period.months():
            if not self._employed(employee, month.first_day):
                continue
            accrued = self._monthly(employee) + additions.get(month.code, ZERO)
            chosen = [c for c in scenario.choices if c["month"] == month.code]
            spent = sum(
                (
                    Decimal(c["hours"]) * 10 if c["product"] == "verlof" else Decimal(c["amount"])
                    for c in chosen
                ),
                ZERO,
            )
            if spent > accrued + reserve:
                book.error(
                    "budget.onvoldoende",
                    "choices",
                    f"In {month.code} is € {accrued + reserve:.2f} beschikbaar.",
                )
                spent = ZERO
            money = sum((Decimal(c["amount"]) for c in chosen if c["product"] == "geld"), ZERO)
            if money and spent:
                book.pay(month, "test-geld", money, "Geld uit het maandbudget")
            change = accrued - spent
            reserve += change
            book.ledger(month.last_day, "test-reserve", Unit.EUR, change, "storting", month.code)
            total += accrued
            rows.append(
                {
                    "month": month.code,
                    "accrued_eur": f"{accrued:.2f}",
                    "spent_eur": f"{spent:.2f}",
                    "to_reserve_eur": f"{change:.2f}",
                }
            )
        book.line(
            "maand.opbouw",
            "Opbouw",
            Unit.EUR,
            total,
            "som van de maanden",
            "art. 1",
            total="accrued_eur",
        )
        book.total("reserve_eur", Quantity(reserve, Unit.EUR))
        book.total("months", rows)
        book.balance("test-reserve", Unit.EUR, reserve)
        return result


TEST_MAANDBUDGET = TestMaandbudget()


def employee_under_test_maandbudget(app, database, start: date | None = None) -> int:
    """A full-time employee (since 2010, or ``start``) of a board under the monthly test
    scheme, with the logins "maand" (the employee) and "maand-hr" (salarisadministratie of
    the board). Returns the employee id."""
    from jaartaak.models import Appointment, RegelingGebruik, Role
    from jaartaak.services.accounts import create_user, grant_role

    from support import DEMO_PASSWORD, new_employee
    from support_overzicht import add_medewerker

    app.extensions["jaartaak"].schemes.schemes[TEST_MAANDBUDGET.id] = TEST_MAANDBUDGET
    with database.session() as session:
        employee = new_employee(session, "MND")
        session.add(Appointment(employee=employee, start=start or date(2010, 1, 1), fte=Decimal(1)))
        session.add(RegelingGebruik(organisation=employee.organisation, scheme=TEST_MAANDBUDGET.id))
        add_medewerker(session, "maand", employee.id)
        board = employee.organisation
        hr = create_user(session, "maand-hr", DEMO_PASSWORD, display_name="HR", organisation=board)
        grant_role(session, hr, Role.SALARIS, board)
        return employee.id
