"""The example scheme: an hours budget per calendar year, pro rata to the fte of each month.

Small on purpose, but built the way every scheme is: the parameters are data in a rule version
with a source each (one of them a school policy, overridable through ``settings``), all input is
read through a Reader (field paths, Dutch messages, ``invoer.*`` codes), and every total is an
explained line. With errors it books nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jaartaak.domain.decimals import round2, round4
from jaartaak.domain.periods import CalendarYear, Month, overlap_days
from jaartaak.domain.reading import BAD_VALUE, Problems, Reader
from jaartaak.domain.results import Book, Result, Unit
from jaartaak.domain.scheme import (
    Option,
    Parameter,
    RuleVersion,
    Scenario,
    begin,
    parameters,
)

NO_APPOINTMENT = "voorbeeld.geen-aanstelling"
POT = "voorbeeld-budget"
MAX_FTE = Decimal("2")

RULE_VERSIONS = (
    RuleVersion(
        id="voorbeeld-2024",
        title="Voorbeeldregeling 2024",
        first=CalendarYear(2024),
        last=None,
        parameters=parameters(
            Parameter(
                "uren_per_fte",
                Decimal("40.00"),
                Unit.HOURS,
                "Budget per fte per jaar",
                "Voorbeeldregeling art. 2 lid 1",
            ),
            Parameter(
                "extra_uren_per_fte",
                Decimal("0.00"),
                Unit.HOURS,
                "Extra budget per fte per jaar",
                "Schoolbeleid: de regeling laat dit aan de school (art. 2 lid 3)",
                policy=True,
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Appointment:
    start: date
    end: date | None
    fte: Decimal


def read_appointment(item: Reader) -> Appointment | None:
    start, end = item.day("start"), item.day("end", required=False)
    fte = item.decimal("fte", maximum=MAX_FTE, places=4)
    if start and end and end < start:
        item.problems.add(BAD_VALUE, item.at("end"), f"{item.at('end')} ligt voor de start.")
        return None
    return None if start is None or fte is None else Appointment(start, end, fte)


def read_inputs(
    scenario: Scenario, rules: RuleVersion, problems: Problems
) -> tuple[list[Appointment], dict[str, Any]]:
    """The appointments and the parameters after the school's settings; problems recorded."""
    appointments: list[Appointment] = []
    employee = Reader.of(scenario.employee, "employee", problems)
    if employee is not None:
        appointments = employee.each("appointments", read_appointment, required=True)
        employee.finish()
    values = {name: rules[name] for name in rules.parameters}
    settings = Reader(scenario.settings, "settings", problems)
    for name, parameter in rules.parameters.items():
        if parameter.policy and settings.has(name):
            values[name] = settings.decimal(name, places=2)
    settings.finish()
    for name in ("choices", "history"):  # this scheme offers no choices and keeps no history
        Reader(getattr(scenario, name), name, problems).finish()
    for index, _ in enumerate(scenario.events):
        problems.add(
            BAD_VALUE, f"events[{index}]", "De voorbeeldregeling kent geen gebeurtenissen."
        )
    return appointments, values


def month_fte(appointments: list[Appointment], month: Month) -> Decimal:
    """The fte of a month, pro rata to the days each appointment runs in it."""
    days = month.last_day.day
    worked = sum(
        (
            a.fte * overlap_days(a.start, a.end, month.first_day, month.last_day)
            for a in appointments
        ),
        Decimal(0),
    )
    return round4(worked / days)


class VoorbeeldScheme:
    """The plugin's scheme: everything jaartaak needs is on this object (the Scheme protocol)."""

    id = "voorbeeld-budget"
    title = "Voorbeeldbudget (voorbeeldplugin)"
    period_kind = "kalenderjaar"
    required_totals = ("uren_per_fte", "fte_gemiddeld", "budget_uren", "maanden")
    extra_fields = ()

    def rule_versions(self) -> tuple[RuleVersion, ...]:
        return RULE_VERSIONS

    def options(self) -> tuple[Option, ...]:
        return ()

    def calculate(self, scenario: Scenario) -> Result:
        result, problems, rules = begin(self, scenario)
        appointments, values = read_inputs(scenario, rules or RULE_VERSIONS[-1], problems)
        result.errors.extend(problems.errors)
        if problems or rules is None:
            return result
        result.rule_version = rules.id
        self.budget(Book(result), scenario.period, rules, appointments, values)
        return result

    def budget(
        self,
        book: Book,
        year: CalendarYear,
        rules: RuleVersion,
        appointments: list[Appointment],
        values: dict[str, Any],
    ) -> None:
        rate = book.line(
            "voorbeeld.uren_per_fte",
            "Budget per fte per jaar",
            Unit.HOURS,
            round2(values["uren_per_fte"] + values["extra_uren_per_fte"]),
            f"{values['uren_per_fte']:.2f} + {values['extra_uren_per_fte']:.2f} (schoolbeleid)",
            f"{rules.source('uren_per_fte')}; {rules.source('extra_uren_per_fte')}",
            total="uren_per_fte",
        )
        months = [(month, month_fte(appointments, month)) for month in year.months()]
        book.total("maanden", [{"month": m.code, "fte": f"{fte:.4f}"} for m, fte in months])
        average = book.line(
            "voorbeeld.fte_gemiddeld",
            "Gemiddelde fte over het jaar",
            Unit.FACTOR,
            round4(sum((fte for _, fte in months), Decimal(0)) / len(months)),
            f"({' + '.join(f'{fte:.4f}' for _, fte in months)}) / {len(months)}",
            "Voorbeeldregeling art. 3 (naar rato van de dagen per maand)",
            total="fte_gemiddeld",
        )
        hours = book.line(
            "voorbeeld.budget_uren",
            "Budget in uren",
            Unit.HOURS,
            round2(rate * average),
            f"{rate:.2f} × {average:.4f}",
            "Voorbeeldregeling art. 2 lid 1",
            total="budget_uren",
        )
        if not any(fte for _, fte in months):
            book.warn(NO_APPOINTMENT, f"Geen aanstelling in {year.code}: het budget is 0 uur.")
        if hours:
            book.ledger(year.start, POT, Unit.HOURS, hours, "storting", "voorbeeld.budget_uren")
            book.balance(POT, Unit.HOURS, hours)
