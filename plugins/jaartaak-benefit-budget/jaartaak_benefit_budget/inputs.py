"""The Benefit Budget scenario, read and checked: typed inputs, or error entries with field paths.

Nothing here decides a budget rule; it refuses what cannot be read (``invoer.*``), a closed or
unknown product, hours sold back and months outside the year. Whether a month has budget
enough, and whether the employee accrues in a month, is for the rules
(:mod:`jaartaak_benefit_budget.months`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.domain.reading import BAD_VALUE, WRONG_TYPE, Problems, Reader
from jaartaak.domain.scheme import RuleVersion, Scenario

#: The products an employee may choose (art. 5.1 "Producten"), levensloop closed.
PRODUCTS = {
    "geld": "Geld (brutoloon met het salaris van de maand)",
    "verlof": "Extra verlofuren (uren × uurprijs)",
    "vakbondscontributie": "Fiscaal vriendelijke betaling van de vakbondscontributie",
    "pensioen": "Extra pensioen",
    "reserveren": "Reserveren (wat over is, met het salaris van december)",
    "reserveren-mei": "Reserveren voor de uitkering ineens in mei",
}
LEAVE, RESERVE, RESERVE_MAY = "verlof", "reserveren", "reserveren-mei"
CLOSED = "levensloop"
CLOSED_PRODUCT = "product.gesloten"
SELL_BACK = "verlof.terugverkoop"
ADDITION = "werkgever-toevoeging"
ADDITION_CODES = {"adv": "Waarde ADV-uren", "overwerk": "Overwerk boven 80 uur"}
TRANSITION_PCTS = (Decimal("0"), Decimal("0.40"), Decimal("0.80"), Decimal("1.20"))
#: Beyond these the input is a typing mistake.
MAX_SALARY = Decimal(1000000)
MAX_AMOUNT = Decimal(1000000)
MAX_HOURS = Decimal(10000)


@dataclass(frozen=True)
class Appointment:
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Employee:
    birth_date: date
    fulltime_weekly_hours: int
    part_time_factor: Decimal
    fulltime_scale_salary: Decimal
    fulltime_personal_allowance: Decimal
    above_overtime_threshold: bool
    transition_age_leave_pct: Decimal
    collective_health_insurance: bool
    ipap: bool
    appointments: tuple[Appointment, ...]

    def employed_on(self, day: date) -> bool:
        return any(a.covers(day) for a in self.appointments)

    def last_working_day(self) -> date | None:
        """The end of employment: the last end when every appointment has ended, else None."""
        ends = [a.end for a in self.appointments]
        return None if not ends or None in ends else max(e for e in ends if e is not None)

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Choice:
    index: int
    month: Month
    product: str
    amount: Decimal  # hours for verlof, euro for the rest

    @property
    def path(self) -> str:
        return f"choices[{self.index}]"


@dataclass(frozen=True)
class Addition:
    index: int
    month: Month
    code: str
    amount: Decimal

    @property
    def path(self) -> str:
        return f"events[{self.index}]"


@dataclass
class Inputs:
    employee: Employee
    choices: list[Choice] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    reserve: Decimal = Decimal("0.00")
    reserve_may: Decimal = Decimal("0.00")
    settings: dict[str, Any] = field(default_factory=dict)


def _appointment(item: Reader) -> Appointment | None:
    period = item.start_and_end()
    return None if period is None else Appointment(*period)


def _transition(reader: Reader) -> Decimal | None:
    key = "transition_age_leave_pct"
    value = reader.decimal(key, required=False, places=2)
    if value is not None and value not in TRANSITION_PCTS:
        reader.problems.add(
            BAD_VALUE,
            reader.at(key),
            f"{reader.at(key)}: {value} is geen percentage van de overgangsregeling "
            "(kies uit 0, 0.40, 0.80, 1.20).",
        )
        return None
    return value


def _employee(reader: Reader) -> Employee | None:
    birth = reader.day("birth_date")
    week = reader.integer("fulltime_weekly_hours", required=False, choices={38, 40})
    factor = reader.decimal("part_time_factor", places=4, maximum=Decimal(1))
    factor = reader.not_zero("part_time_factor", factor)
    scale = reader.decimal("fulltime_scale_salary", places=2, maximum=MAX_SALARY)
    scale = reader.not_zero("fulltime_scale_salary", scale)
    allowance = reader.decimal(
        "fulltime_personal_allowance", required=False, places=2, maximum=MAX_SALARY
    )
    overtime = reader.boolean("above_overtime_threshold")
    transition = _transition(reader)
    health = reader.boolean("collective_health_insurance")
    ipap = reader.boolean("ipap")
    appointments = tuple(reader.each("appointments", _appointment, required=True))
    reader.finish()
    optional = (
        ("fulltime_weekly_hours", week),
        ("fulltime_personal_allowance", allowance),
        ("above_overtime_threshold", overtime),
        ("transition_age_leave_pct", transition),
        ("collective_health_insurance", health),
        ("ipap", ipap),
    )
    if birth is None or factor is None or scale is None:
        return None
    if any(reader.has(key) and value is None for key, value in optional):
        return None
    return Employee(
        birth_date=birth,
        fulltime_weekly_hours=week or 38,
        part_time_factor=factor,
        fulltime_scale_salary=scale,
        fulltime_personal_allowance=allowance or Decimal("0.00"),
        above_overtime_threshold=bool(overtime),
        transition_age_leave_pct=transition or Decimal("0"),
        collective_health_insurance=bool(health),
        ipap=bool(ipap),
        appointments=appointments,
    )


def _month(item: Reader, year: CalendarYear) -> Month | None:
    text = item.text("month")
    if text is None:
        return None
    where = item.at("month")
    try:
        month = Month.parse(text)
    except ValueError:
        item.problems.add(BAD_VALUE, where, f"{where}: '{text}' is geen maand (JJJJ-MM).")
        return None
    if month.year != year.year:
        item.problems.add(
            BAD_VALUE, where, f"{where}: {text} valt niet in het kalenderjaar {year.code}."
        )
        return None
    return month


def _choice(item: Reader, index: int, year: CalendarYear) -> Choice | None:
    month = _month(item, year)
    product = item.text("product")
    where = item.at("product")
    if product == CLOSED:
        item.problems.add(
            CLOSED_PRODUCT,
            where,
            f"{where}: het product levensloop is gesloten (geen nieuwe deelnemers sinds "
            "1 januari 2012, de levensloopregeling is op 1 januari 2022 beëindigd).",
        )
        product = None
    elif product is not None and product not in PRODUCTS:
        allowed = ", ".join(f"'{p}'" for p in PRODUCTS)
        item.problems.add(
            BAD_VALUE, where, f"{where}: '{product}' is geen product (kies uit {allowed})."
        )
        product = None
    if product is None:  # the number's field is unknown then: no second error about it
        item.passthrough("amount")
        item.passthrough("hours")
        return None
    if product == LEAVE:
        hours = item.decimal("hours", places=2, allow_negative=True, maximum=MAX_HOURS)
        if hours is not None and hours < 0:
            item.problems.add(
                SELL_BACK,
                item.at("hours"),
                f"{item.at('hours')}: gekocht verlof kan niet worden teruggekocht of "
                f"verkocht ({hours} uur).",
            )
            hours = None
        amount = item.not_zero("hours", hours)
    else:
        amount = item.not_zero("amount", item.decimal("amount", places=2, maximum=MAX_AMOUNT))
    if month is None or amount is None:
        return None
    return Choice(index, month, product, amount)


def _addition(item: Reader, index: int, year: CalendarYear) -> Addition | None:
    month = _month(item, year)
    kind = item.choice("type", {ADDITION: "toevoeging door de werkgever"})
    code = item.choice("code", ADDITION_CODES)
    amount = item.not_zero("amount", item.decimal("amount", places=2, maximum=MAX_AMOUNT))
    if month is None or kind is None or code is None or amount is None:
        return None
    return Addition(index, month, code, amount)


def _listed(value: Any, path: str, problems: Problems) -> list[Any]:
    """A list of the contract (an empty object counts as none, the door's default)."""
    if value is None or value == {}:
        return []
    if not isinstance(value, list):
        problems.add(WRONG_TYPE, path, f"{path} moet een lijst zijn ([…]).")
        return []
    return value


def _read_list(value: Any, path: str, problems: Problems, read: Callable) -> list:
    """Every entry of a contract list read with ``read(item, index)``; entries with problems
    are left out (their problems are recorded)."""
    found = []
    for index, entry in enumerate(_listed(value, path, problems)):
        item = Reader.of(entry, f"{path}[{index}]", problems)
        if item is not None:
            parsed = read(item, index)
            item.finish()
            if parsed is not None:
                found.append(parsed)
    return found


def _history(reader: Reader) -> tuple[Decimal | None, Decimal | None]:
    balances = reader.obj("opening_balances")
    reserve = reserve_may = Decimal("0.00")
    if balances is not None:
        reserve = balances.decimal("reserve", required=False, places=2, maximum=MAX_AMOUNT)
        reserve_may = balances.decimal("reserve_may", required=False, places=2, maximum=MAX_AMOUNT)
        if not balances.has("reserve"):
            reserve = Decimal("0.00")
        if not balances.has("reserve_may"):
            reserve_may = Decimal("0.00")
        balances.finish()
    reader.finish()
    return reserve, reserve_may


def _age_row(item: Reader) -> tuple[int, Decimal] | None:
    age = item.integer("vanaf", minimum=0, maximum=100)
    pct = item.decimal("pct", places=2, maximum=Decimal(100))
    return None if age is None or pct is None else (age, pct)


def _settings(reader: Reader) -> dict[str, Any] | None:
    """The company's policy overrides (the CAO text itself is never overridable)."""
    values: dict[str, Any] = {}
    failed = False
    if reader.has("leeftijdsverlof"):
        before = len(reader.problems.errors)
        rows = reader.each("leeftijdsverlof", _age_row)
        ages = [age for age, _ in rows]
        if len(set(ages)) != len(ages):
            where = reader.at("leeftijdsverlof")
            reader.problems.add(BAD_VALUE, where, f"{where}: een leeftijd staat er dubbel in.")
        if len(reader.problems.errors) > before:
            failed = True
        else:
            values["leeftijdsverlof"] = tuple(sorted(rows))
    else:
        reader.passthrough("leeftijdsverlof")
    readers = {
        "verlof_schaal_40_uur": lambda key: reader.boolean(key),
        "ipap_grondslag_factor": lambda key: reader.not_zero(
            key, reader.decimal(key, required=False, places=4, maximum=Decimal(2))
        ),
        "keuze_sluit_dag": lambda key: reader.integer(key, required=False, minimum=1, maximum=28),
    }
    for key, read in readers.items():
        value = read(key)
        if value is not None:
            values[key] = value
        elif reader.has(key):
            failed = True
    reader.finish()
    return None if failed else values


def read_inputs(scenario: Scenario, rules: RuleVersion, problems: Problems) -> Inputs | None:
    """All inputs of ``scenario``; None when something could not be read (errors say what)."""
    year = scenario.period
    assert isinstance(year, CalendarYear)
    before = len(problems.errors)
    reader = Reader.of(scenario.employee, "employee", problems)
    employee = _employee(reader) if reader is not None else None

    choices = _read_list(
        scenario.choices, "choices", problems, lambda item, i: _choice(item, i, year)
    )
    additions = _read_list(
        scenario.events, "events", problems, lambda item, i: _addition(item, i, year)
    )
    reserve, reserve_may = _history(Reader(scenario.history, "history", problems))
    settings = _settings(Reader(scenario.settings, "settings", problems))
    if employee is None or settings is None or len(problems.errors) > before:
        return None
    assert reserve is not None and reserve_may is not None
    return Inputs(employee, choices, additions, reserve, reserve_may, settings)
