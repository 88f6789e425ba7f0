"""The balansbudget scenario, read and checked: typed inputs, or error entries with field paths.

Nothing here decides a rule; it only refuses what cannot be read (``invoer.*`` codes). Whether an
event fits the option, the dates and the saldo is for the rules (:mod:`jaartaak_ggz.pots`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jaartaak.domain.reading import Problems, Reader
from jaartaak.domain.scheme import RuleVersion, Scenario

OPTIONS = {
    "verlof": "Extra verlofuren voor herstel en balans",
    "opleiding": "Opleidingsbudget (met opslag)",
    "uitbetaling": "Uitbetaling als brutoloon in september",
    "generatiepact": "Generatiepact (alleen CAO GGZ 2021–2024)",
}
LEAVE, CLAIM = "opname-verlof", "declaratie-opleiding"
EVENT_TYPES = {LEAVE: "opname van extra verlofuren", CLAIM: "declaratie van een opleiding"}
#: Beyond these the input is a typing mistake (a week has 168 hours).
MAX_WEEKLY_HOURS = Decimal(80)
MAX_SALARY = Decimal(1000000)
MAX_AMOUNT = Decimal(100000)


@dataclass(frozen=True)
class Appointment:
    start: date
    end: date | None
    weekly_hours: Decimal

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Employee:
    birth_date: date
    fulltime_weekly_hours: int
    fulltime_monthly_salary: Decimal
    appointments: tuple[Appointment, ...]

    def last_working_day(self) -> date | None:
        """The end of employment: the last end when every appointment has ended, else None."""
        ends = [a.end for a in self.appointments]
        return None if not ends or None in ends else max(e for e in ends if e is not None)


@dataclass(frozen=True)
class Event:
    index: int
    day: date
    type: str
    amount: Decimal  # hours for opname-verlof, euro for declaratie-opleiding

    @property
    def path(self) -> str:
        return f"events[{self.index}]"


@dataclass
class Inputs:
    employee: Employee
    option: str | None = None
    chosen_on: date | None = None
    events: list[Event] = field(default_factory=list)
    settings: dict[str, int] = field(default_factory=dict)


def _appointment(item: Reader) -> Appointment | None:
    period = item.start_and_end()
    hours = item.decimal("weekly_hours", places=2, maximum=MAX_WEEKLY_HOURS)
    return None if period is None or hours is None else Appointment(*period, hours)


def _employee(reader: Reader, default_week: int) -> Employee | None:
    birth = reader.day("birth_date")
    week = reader.integer("fulltime_weekly_hours", required=False, minimum=1, maximum=60)
    salary = reader.decimal("fulltime_monthly_salary", places=2, maximum=MAX_SALARY)
    salary = reader.not_zero("fulltime_monthly_salary", salary)
    appointments = tuple(reader.each("appointments", _appointment, required=True))
    reader.finish()
    if birth is None or salary is None or (reader.has("fulltime_weekly_hours") and week is None):
        return None
    return Employee(birth, week or default_week, salary, appointments)


def _event(item: Reader, index: int) -> Event | None:
    day = item.day("date")
    kind = item.choice("type", EVENT_TYPES)
    key = "hours" if kind == LEAVE else "amount"
    amount = None
    if kind is not None:
        amount = item.not_zero(key, item.decimal(key, places=2, maximum=MAX_AMOUNT))
    item.finish()
    return (
        None if day is None or kind is None or amount is None else Event(index, day, kind, amount)
    )


def _settings(reader: Reader, rules: RuleVersion) -> dict[str, int]:
    """The numeric policy parameters a school may set; CAO text is never overridable."""
    limits = {
        "uurloon_maanden": (1, 12),
        "uurloon_weken": (1, 53),
        "opleiding_restant_maand": (1, 12),
    }
    values = {}
    for name, (low, high) in limits.items():
        if name in rules.parameters:
            value = reader.integer(name, required=False, minimum=low, maximum=high)
            if value is not None:
                values[name] = value
    reader.finish()
    return values


def read_inputs(scenario: Scenario, rules: RuleVersion, problems: Problems) -> Inputs | None:
    """All inputs of ``scenario``; None when the employee cannot be read at all."""
    reader = Reader.of(scenario.employee, "employee", problems)
    employee = _employee(reader, rules["voltijd_uren"]) if reader is not None else None

    choices = Reader(scenario.choices, "choices", problems)
    chosen = choices.has("option") or choices.has("chosen_on")
    option = choices.choice("option", OPTIONS, required=chosen)
    chosen_on = choices.day("chosen_on", required=chosen)
    choices.finish()

    events = []
    for index, value in enumerate(scenario.events):
        item = Reader.of(value, f"events[{index}]", problems)
        event = _event(item, index) if item is not None else None
        if event is not None:
            events.append(event)
    Reader(scenario.history, "history", problems).finish()  # no history: one year stands alone
    settings = _settings(Reader(scenario.settings, "settings", problems), rules)
    if employee is None:
        return None
    return Inputs(employee, option, chosen_on, events, settings)
