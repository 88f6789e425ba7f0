"""The CAO VO scenario, read and checked: typed inputs, or error entries with field paths.

Choices are summed per doel and per pot here, so that the result can never depend on the order
in which a scenario lists them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.domain.reading import BAD_DATE, BAD_VALUE, Problems, Reader
from jaartaak.domain.scheme import Scenario

CATEGORIES = {
    "OP": "onderwijzend personeel",
    "OOP": "onderwijsondersteunend personeel",
    "DIR": "directie",
}
KINDS = {"regulier": "reguliere aanstelling", "vervanging": "vervangingsaanstelling"}
DOELEN = {
    "reductie-lestaak": "Reductie lestaak",
    "reductie-overige-taken": "Reductie overige taken",
    "verlof": "Verlof",
    "sparen": "Sparen",
    "uitbetalen": "Uitbetalen",
}
MODES = {"verlof": "als verlof", "sparen": "sparen in de seniorenspaarpot"}
POTS = {"pb": "spaarpot persoonlijk budget", "senior": "seniorenspaarpot"}
LETTER_SCALES = ("LB", "LC", "LD", "LE")

#: The settings with the largest value that still makes sense: beyond it the input is a typing
#: mistake, refused before it can overflow a calculation.
SETTINGS_DECIMALS = {
    "lesduur_minuten": Decimal(240),
    "lesweken": Decimal(53),
    "opslagfactor": Decimal(5),
    "max_lestaak_klokuren": Decimal(1659),
    "ontwikkeltijd": Decimal(1659),
    "professionalisering_op": Decimal(1659),
    "professionalisering_oop": Decimal(1659),
    "ast_per_fte": Decimal(1659),
    "uurloon_deler": Decimal(1000),
    "spaarpot_maximum": Decimal(10000),
}
#: Hours and euro beyond these are typing mistakes (a year has 1659 hours at full time).
MAX_HOURS = Decimal(10000)
MAX_SALARY = Decimal(1000000)
MAX_EURO = Decimal(10000000)


def scale_at_most(salary_scale: str, highest: int) -> bool:
    """Whether a function's maximum scale is ``highest`` or lower (LB … LE count as 9 and up)."""
    return salary_scale not in LETTER_SCALES and int(salary_scale) <= highest


@dataclass(frozen=True)
class Appointment:
    start: date
    end: date | None
    fte: Decimal
    kind: str


@dataclass(frozen=True)
class Employee:
    birth_date: date
    category: str
    salary_scale: str
    fulltime_monthly_salary: Decimal
    appointments: tuple[Appointment, ...]


@dataclass(frozen=True)
class Tranche:
    """Savings left by an earlier schooljaar: hours, or euro after value fixation."""

    pot: str
    schooljaar: SchooljaarPeriod
    hours: Decimal | None
    eur: Decimal | None


@dataclass(frozen=True)
class Lesson:
    vak: str
    lesuren_per_week: Decimal
    opslagfactor: Decimal | None


@dataclass
class Inputs:
    employee: Employee
    pb: dict[str, Decimal] = field(default_factory=dict)
    aanvulling_level: int = 0
    aanvulling_mode: str = "verlof"
    opname: dict[str, Decimal] = field(default_factory=dict)
    savings: list[Tranche] = field(default_factory=list)
    previous_level: int | None = None
    previous_wtf_regulier: Decimal | None = None
    lessons: list[Lesson] = field(default_factory=list)
    tasks: list[tuple[str, Decimal]] = field(default_factory=list)
    has_balance: bool = False
    settings: dict[str, Decimal | int] = field(default_factory=dict)


def _appointment(item: Reader) -> Appointment | None:
    start, end = item.day("start"), item.day("end", required=False)
    fte = item.decimal("fte", maximum=Decimal(1))
    kind = item.choice("kind", KINDS)
    if fte is not None and fte == 0:
        item.problems.add(BAD_VALUE, item.at("fte"), f"{item.at('fte')} moet groter dan 0 zijn.")
        return None
    if start and end and end < start:
        item.problems.add(
            BAD_DATE, item.at("end"), f"{item.at('end')}: de aanstelling eindigt vóór hij begint."
        )
        return None
    if None in (start, fte, kind):
        return None
    return Appointment(start, end, fte, kind)


def _employee(reader: Reader) -> Employee | None:
    birth = reader.day("birth_date")
    category = reader.choice("category", CATEGORIES)
    scale = reader.text("salary_scale", max_length=3)
    if (
        scale is not None
        and scale not in LETTER_SCALES
        and not (scale.isascii() and scale.isdigit() and 1 <= int(scale) <= 18)
    ):
        reader.problems.add(
            BAD_VALUE,
            reader.at("salary_scale"),
            f"{reader.at('salary_scale')}: '{scale}' is geen functieschaal "
            "(LB, LC, LD, LE of 1 t/m 18).",
        )
        scale = None
    salary = reader.decimal("fulltime_monthly_salary", places=2, maximum=MAX_SALARY)
    appointments = tuple(reader.each("appointments", _appointment, required=True))
    reader.finish()
    if None in (birth, category, scale, salary):
        return None
    return Employee(birth, category, scale, salary, appointments)


def _summed(readers: list[Reader], key: str, options: dict[str, str]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for item in readers:
        name = item.choice(key, options)
        hours = item.decimal("hours", places=2, maximum=MAX_HOURS)
        item.finish()
        if name is not None and hours is not None:
            totals[name] += hours
    return dict(totals)


def _tranche(item: Reader, period: SchooljaarPeriod) -> Tranche | None:
    pot = item.choice("pot", POTS)
    code = item.text("schooljaar")
    hours = item.decimal("hours", required=False, places=2, maximum=MAX_HOURS)
    eur = item.decimal("eur", required=False, places=2, maximum=MAX_EURO)
    year = None
    if code is not None:
        try:
            year = SchooljaarPeriod.parse(code)
        except ValueError as error:
            item.problems.add(
                BAD_VALUE, item.at("schooljaar"), f"{item.at('schooljaar')}: {error}."
            )
        else:
            if year >= period:
                item.problems.add(
                    BAD_VALUE,
                    item.at("schooljaar"),
                    f"{item.at('schooljaar')}: {code} is niet eerder dan "
                    f"{period.code}; de geschiedenis gaat over eerdere schooljaren.",
                )
                year = None
    if item.has("hours") == item.has("eur"):
        item.problems.add(
            BAD_VALUE,
            item.path,
            f"{item.path}: geef 'hours' of 'eur', niet beide of geen van beide.",
        )
        return None
    if pot == "senior" and eur is not None:
        item.problems.add(
            BAD_VALUE, item.at("eur"), f"{item.at('eur')}: de seniorenspaarpot telt alleen uren."
        )
        return None
    if None in (pot, year) or (hours is None and eur is None):
        return None
    return Tranche(pot, year, hours, eur)


def _lesson(item: Reader) -> Lesson | None:
    vak = item.text("vak", max_length=60)
    item.text("groep", required=False, max_length=60)  # accepted, shown by the planner only
    lesuren = item.decimal("lesuren_per_week", places=2, maximum=Decimal(60))
    opslag = item.decimal("opslagfactor", required=False, places=4, maximum=Decimal(5))
    return None if None in (vak, lesuren) else Lesson(vak, lesuren, opslag)


def _task(item: Reader) -> tuple[str, Decimal] | None:
    naam = item.text("naam", max_length=100)
    uren = item.decimal("uren", places=2, maximum=Decimal(2000))
    return None if None in (naam, uren) else (naam, uren)


def _settings(reader: Reader) -> dict[str, Decimal | int]:
    values: dict[str, Decimal | int] = {}
    for name, maximum in SETTINGS_DECIMALS.items():
        value = reader.decimal(name, required=False, places=4, maximum=maximum)
        if value is not None:
            values[name] = value
    month = reader.integer("uitbetaling_maand", required=False, minimum=1, maximum=12)
    if month is not None:
        values["uitbetaling_maand"] = month
    if values.get("lesduur_minuten") == 0 or values.get("uurloon_deler") == 0:
        reader.problems.add(
            BAD_VALUE,
            reader.path,
            "settings: lesduur_minuten en uurloon_deler moeten groter dan 0 zijn.",
        )
    reader.finish()
    return values


def read_inputs(scenario: Scenario, problems: Problems) -> Inputs | None:
    """All CAO VO inputs of ``scenario``; None when the employee cannot be read at all."""
    employee_reader = Reader.of(scenario.employee, "employee", problems)
    employee = _employee(employee_reader) if employee_reader else None
    inputs = Inputs(employee=employee)  # type: ignore[arg-type]

    choices = Reader(scenario.choices, "choices", problems)
    inputs.pb = _summed(choices.items("pb"), "doel", DOELEN)
    aanvulling = choices.obj("aanvulling")
    if aanvulling is not None:
        inputs.aanvulling_level = aanvulling.integer("level", choices={0, 1, 2}) or 0
        inputs.aanvulling_mode = aanvulling.choice("mode", MODES, required=False) or "verlof"
        aanvulling.finish()
    inputs.opname = _summed(choices.items("opname"), "pot", POTS)
    choices.finish()

    history = Reader(scenario.history, "history", problems)
    inputs.savings = history.each("savings", lambda item: _tranche(item, scenario.period))
    inputs.previous_level = history.integer(
        "previous_aanvulling_level", required=False, choices={0, 1, 2}
    )
    inputs.previous_wtf_regulier = history.decimal(
        "previous_wtf_regulier", required=False, maximum=Decimal(1)
    )
    history.finish()

    extra = Reader(scenario.extra, "", problems)
    inputs.has_balance = "lessons" in scenario.extra or "tasks" in scenario.extra
    inputs.lessons = extra.each("lessons", _lesson)
    inputs.tasks = extra.each("tasks", _task)
    inputs.settings = _settings(Reader(scenario.settings, "settings", problems))
    if scenario.events:
        problems.add(
            BAD_VALUE,
            "events",
            "events: de CAO VO-regeling kent geen gebeurtenissen; "
            "opname van gespaard verlof staat in choices.opname.",
        )
    return inputs if employee is not None else None
