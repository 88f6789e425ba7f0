"""nwb-benefit-budget.md §2 and the hour price of §3: S, k, the monthly sources and what a leave
hour costs.

A month accrues only when the employee is employed on its first day (policy). Each source is
rounded to cents when it is computed; the month's budget is the sum of the rounded sources plus
the employer's additions, not rounded again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from jaartaak.domain.decimals import ZERO, round2
from jaartaak.domain.periods import Month
from jaartaak.domain.results import Unit
from jaartaak_benefit_budget.context import Context, dutch_date, euro
from jaartaak_benefit_budget.inputs import Addition, Employee

HOLIDAY = "vakantie-uitkering"
ADDITION = "toevoeging"
#: The sources in the order of art. 5.1: key, Dutch label, percentage parameter, scaled by k.
SOURCES = (
    (HOLIDAY, "Vakantie-uitkering", "vakantie_uitkering_pct", False),
    ("levensloop", "Levensloopbijdrage", "levensloop_pct", False),
    ("bovenwettelijk", "Bovenwettelijk verlof basis", "bovenwettelijk_pct", True),
    ("overwerkgrens", "Bovenwettelijk verlof boven de overwerkgrens", "overwerkgrens_pct", True),
    ("leeftijdsverlof", "Leeftijdsverlof", "leeftijdsverlof", True),
    ("overgang", "Overgangsregeling leeftijdsverlof", "overgang_pcts", True),
    ("doelgebonden", "Doelgebonden verlof basis", "doelgebonden_pct", True),
)
#: The percentage parameter of each source.
PARAMETERS = {key: parameter for key, _label, parameter, _scaled in SOURCES}


@dataclass(frozen=True)
class Base:
    """What every month's sources are computed from."""

    salary: Decimal  # S = round2(f × (scale + allowance))
    k_num: int  # k = k_num / k_den, exact
    k_den: int
    age_pct: Decimal  # leeftijdsverlof in percent, by age on 1 January
    minimum: Decimal  # round2(8% × 2102)

    @property
    def k_text(self) -> str:
        return "1" if self.k_num == self.k_den else f"{self.k_num}/{self.k_den}"


@dataclass(frozen=True)
class Accrual:
    """One accrued month: each source (rounded), the additions and the month's budget A."""

    month: Month
    sources: dict[str, Decimal]

    @property
    def holiday(self) -> Decimal:
        return self.sources[HOLIDAY]

    @property
    def total(self) -> Decimal:
        return sum(self.sources.values(), ZERO)


def salary(ctx: Context, employee: Employee) -> Decimal:
    f = employee.part_time_factor
    full = employee.fulltime_scale_salary + employee.fulltime_personal_allowance
    return ctx.book.line(
        "bb.salaris",
        "Maandsalaris S (schaalsalaris + vaste toelage, naar deeltijd)",
        Unit.EUR,
        round2(f * full),
        f"{f:.4f} × ({euro(employee.fulltime_scale_salary)} + "
        f"{euro(employee.fulltime_personal_allowance)})",
        ctx.rules.source("bovenwettelijk_pct"),
    )


def hour_price(ctx: Context, employee: Employee) -> Decimal:
    """§3: round2((scale + allowance) / 165) for 38 hours, / 173 for 40 hours (full-time base)."""
    week = employee.fulltime_weekly_hours
    name = "uurprijs_deler_38" if week == ctx.rules["basis_werkweek"] else "uurprijs_deler_40"
    divisor = ctx.rules[name]
    full = employee.fulltime_scale_salary + employee.fulltime_personal_allowance
    return ctx.book.line(
        "bb.uurprijs",
        f"Prijs van een extra verlofuur ({week}-urige werkweek)",
        Unit.EUR,
        round2(full / divisor),
        f"({euro(employee.fulltime_scale_salary)} + "
        f"{euro(employee.fulltime_personal_allowance)}) / {divisor}",
        ctx.source(name),
        total="hour_price",
    )


def base(ctx: Context, employee: Employee, s: Decimal) -> Base:
    scaled = employee.fulltime_weekly_hours != ctx.rules["basis_werkweek"] and bool(
        ctx.value("verlof_schaal_40_uur")
    )
    k_num, k_den = (
        (ctx.rules["uurprijs_deler_38"], ctx.rules["uurprijs_deler_40"]) if scaled else (1, 1)
    )
    age = employee.age_on(ctx.year.start)
    age_pct = Decimal("0")
    for since, pct in ctx.age_table():
        if age >= since:
            age_pct = pct
    minimum = round2(ctx.pct("vakantie_uitkering_pct") * ctx.rules["vakantie_minimum_salaris"])
    return Base(s, k_num, k_den, age_pct, minimum)


def _percent(source: str, ctx: Context, employee: Employee, b: Base) -> Decimal:
    """The source's percentage for this employee (0 when it does not apply)."""
    if source == "overwerkgrens" and not employee.above_overtime_threshold:
        return Decimal("0")
    if source == "leeftijdsverlof":
        return b.age_pct
    if source == "overgang":
        return employee.transition_age_leave_pct
    return ctx.rules[PARAMETERS[source]]


def _steady_sources(ctx: Context, employee: Employee, b: Base) -> dict[str, Decimal]:
    """Each source's amount in a month, rounded, but for the holiday allowance: these are the
    same every month, so they are computed once a year."""
    amounts = {}
    for key, _, _, scaled in SOURCES:
        if key == HOLIDAY:
            continue
        pct = _percent(key, ctx, employee, b)
        if scaled:
            amounts[key] = round2(pct * b.salary * b.k_num / (100 * b.k_den))
        else:
            amounts[key] = round2(pct * b.salary / 100)
    return amounts


def _holiday(ctx: Context, employee: Employee, b: Base, month: Month) -> Decimal:
    """The holiday allowance of ``month``: its minimum applies from an age (on the month's
    last day), so it is computed per month."""
    amount = _percent(HOLIDAY, ctx, employee, b) * b.salary / 100
    if employee.age_on(month.last_day) >= ctx.rules["vakantie_minimum_leeftijd"]:
        amount = max(amount, b.minimum * employee.part_time_factor)
    return round2(amount)


def accrue(
    ctx: Context, employee: Employee, b: Base, additions: list[Addition]
) -> dict[Month, Accrual]:
    """The months employed on their first day (policy), each with its sources (in the order
    of :data:`SOURCES`, then the additions)."""
    added: dict[Month, Decimal] = defaultdict(lambda: ZERO)
    for addition in additions:
        added[addition.month] += addition.amount
    steady = _steady_sources(ctx, employee, b)
    accruals = {}
    for month in ctx.months():
        if employee.employed_on(month.first_day):
            holiday = _holiday(ctx, employee, b, month)
            sources = {key: steady.get(key, holiday) for key in PARAMETERS}
            sources[ADDITION] = added[month]
            accruals[month] = Accrual(month, sources)
    return accruals


def _runs(amounts: list[Decimal]) -> str:
    """``[320, 320, 168.16]`` → ``2 × 320.00 + 1 × 168.16`` (the months' amounts, grouped)."""
    parts = [f"{len(list(run))} × {euro(amount)}" for amount, run in groupby(amounts)]
    return " + ".join(parts) or "0 maanden"


def source_lines(
    ctx: Context, employee: Employee, b: Base, accruals: dict[Month, Accrual], extra: int
) -> None:
    """Per source: the monthly formula and the year's total (the sum of the rounded months)."""
    book, s, f = ctx.book, euro(b.salary), employee.part_time_factor
    k = "" if b.k_text == "1" else f" × {b.k_text}"
    for key, label, parameter, scaled in SOURCES:
        amounts = [a.sources[key] for a in accruals.values()]
        pct = _percent(key, ctx, employee, b)
        formula = f"{pct}% × {s}{k if scaled else ''} per maand"
        source = ctx.source(parameter) if parameter in ctx.rules.parameters else ""
        if key == HOLIDAY:
            minimum = euro(b.minimum)
            formula = (
                f"{pct}% × {s}, vanaf {ctx.rules['vakantie_minimum_leeftijd']} jaar ten minste "
                f"{minimum} × {f:.4f} per maand"
            )
            source = f"{source}; minimum: {ctx.rules.source('vakantie_minimum_salaris')}"
        elif key == "overwerkgrens" and not employee.above_overtime_threshold:
            formula = "0.00 (niet boven de overwerkgrens)"
        elif key == "leeftijdsverlof":
            age = employee.age_on(ctx.year.start)
            formula = f"{pct}% (leeftijd {age} op {dutch_date(ctx.year.start)}) × {s}{k} per maand"
            source = (
                f"{ctx.source('leeftijdsverlof')}; {ctx.rules.source('leeftijdsverlof_peildatum')}"
            )
        elif key == "overgang":
            formula = f"{pct}% (employee.transition_age_leave_pct) × {s}{k} per maand"
        if scaled and k:
            source = f"{source}; k: {ctx.source('verlof_schaal_40_uur')}"
        book.line(
            f"bb.bron.{key}",
            f"{label} (jaar)",
            Unit.EUR,
            sum(amounts, ZERO),
            f"{formula}; {_runs(amounts)}",
            source,
        )
    if extra:
        amounts = [a.sources[ADDITION] for a in accruals.values() if a.sources[ADDITION]]
        book.line(
            "bb.bron.toevoeging",
            "Toevoegingen door de werkgever (ADV-uren, overwerk boven 80 uur)",
            Unit.EUR,
            sum(amounts, ZERO),
            " + ".join(euro(a) for a in amounts) or "0.00",
            ctx.rules.source("bovenwettelijk_pct"),
        )
