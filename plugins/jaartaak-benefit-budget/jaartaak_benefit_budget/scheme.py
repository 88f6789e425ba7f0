"""The Benefit Budget scheme, step by step in the order of nwb-benefit-budget.md §2–§4."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from jaartaak.domain.decimals import ZERO
from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.domain.results import Book, Result, Unit
from jaartaak.domain.scheme import (
    EventType,
    MonthlyProducts,
    Option,
    RuleVersion,
    Scenario,
    begin,
)
from jaartaak_benefit_budget import budget, months
from jaartaak_benefit_budget.context import Context, euro
from jaartaak_benefit_budget.inputs import ADDITION_CODES, PRODUCTS, Employee, read_inputs
from jaartaak_benefit_budget.rules import RULE_VERSIONS

REQUIRED_TOTALS = (
    "hour_price",
    "accrued_eur",
    "leave_hours_bought",
    "paid_eur",
    "reserve_eur",
    "reserve_may_eur",
    "pensionable_eur",
    "months",
)


class BenefitBudget:
    """The Benefit Budget of the CAO Netwerkbedrijven: a monthly individual choice budget."""

    id = "nwb-benefit-budget"
    title = "CAO Netwerkbedrijven: Benefit Budget"
    period_kind = "kalenderjaar"
    required_totals = REQUIRED_TOTALS
    extra_fields = ()
    #: Optional for any scheme: key prefixes of the lines the budget page shows, and pot names.
    budget_lines = (
        "bb.opbouw",
        "bb.uurprijs",
        "bb.verlof",
        "bb.besteed",
        "bb.uitbetaald",
        "bb.reserve",
        "bb.pensioengevend",
    )
    pot_labels = MappingProxyType(
        {
            months.POT: "Algemene reserve (uitbetaald in december)",
            months.POT_MAY: "Reservering uitkering mei",
        }
    )
    #: What the core reads from its database to build the scenario's employee.
    employee_fields = (
        "birth_date",
        "fulltime_weekly_hours",
        "fulltime_scale_salary",
        "part_time_factor",
    )
    appointment_fields = ("start", "end")
    #: What HR enters per employee besides those (the core stores them with the employee).
    employee_facts = (
        Option(
            "fulltime_personal_allowance",
            "Vaste persoonlijke toelage (voltijd, per maand)",
            "amount",
        ),
        Option("above_overtime_threshold", "Boven de overwerkgrens", "yesno"),
        Option(
            "transition_age_leave_pct",
            "Overgangsregeling leeftijdsverlof",
            "choice",
            {"0": "Geen", "0.40": "0,40%", "0.80": "0,80%", "1.20": "1,20%"},
        ),
        Option(
            "collective_health_insurance",
            "Collectieve zorgverzekering met aanvullend pakket",
            "yesno",
            help="Werkgeversbijdrage € 30 per maand (naar rato bij minder dan 50% deeltijd).",
        ),
        Option(
            "ipap",
            "IPAP-verzekering (arbeidsongeschiktheid)",
            "yesno",
            help="Tegemoetkoming van 0,25%-punt van het pensioengevend salaris.",
        ),
    )
    #: The beginstand HR enters for the first year the app knows (the contract's history).
    history_fields = (
        Option("opening_balances.reserve", "Algemene reserve op 1 januari", "amount"),
        Option(
            "opening_balances.reserve_may",
            "Reservering uitkering mei op 1 januari",
            "amount",
            help="De vakantie-uitkering van juni tot en met december van vorig jaar, nog niet "
            "uitbetaald.",
        ),
    )
    monthly_products = MonthlyProducts(
        products=MappingProxyType(dict(PRODUCTS)),
        in_hours=frozenset({"verlof"}),
        help="Kies per maand waaraan je het Benefit Budget besteedt. Wat je niet besteedt, gaat "
        "eerst (tot het deel vakantie-uitkering) naar de uitkering in mei en verder naar de "
        "algemene reserve, die in december wordt uitbetaald. Extra verlof: ten hoogste 216 uur "
        "per kalenderjaar, niet terug te verkopen.",
    )

    def rule_versions(self) -> tuple[RuleVersion, ...]:
        return RULE_VERSIONS

    def options(self) -> tuple[Option, ...]:
        return ()  # the monthly form comes from monthly_products

    def month_deadline(self, month: Month, settings: Mapping[str, Any] | None = None) -> date:
        """The last day on which the employee may still choose for ``month`` (policy)."""
        day = (settings or {}).get("keuze_sluit_dag")
        if isinstance(day, bool) or not isinstance(day, int | str) or not str(day).isdigit():
            day = None
        if day is None or not 1 <= int(day) <= 28:
            day = RULE_VERSIONS[-1]["keuze_sluit_dag"]
        return date(month.year, month.month, int(day))

    def event_types(self) -> tuple[EventType, ...]:
        return (
            EventType(
                "werkgever-toevoeging",
                "Toevoeging door de werkgever",
                (
                    Option("code", "Soort", "choice", dict(ADDITION_CODES)),
                    Option("amount", "Bedrag", "amount"),
                ),
                help="De werkgever kan de waarde van ADV-uren en van overwerk boven 80 uur aan "
                "het Benefit Budget van een maand toevoegen (art. 5.1 lid 3).",
                when="month",
            ),
        )

    def history_from(self, result: Result | Mapping[str, Any]) -> dict[str, Any]:
        """The opening balances of the next year from a year's result (or its JSON)."""
        if isinstance(result, Result):
            balances = {pot: q.to_json() for pot, q in result.balances.items()}
        else:
            balances = {
                pot: value.get("amount") for pot, value in (result.get("balances") or {}).items()
            }
        return {
            "opening_balances": {
                "reserve": balances.get(months.POT) or "0.00",
                "reserve_may": balances.get(months.POT_MAY) or "0.00",
            }
        }

    def calculate(self, scenario: Scenario) -> Result:
        result, problems, rules = begin(self, scenario)
        inputs = None
        if isinstance(scenario.period, CalendarYear):
            inputs = read_inputs(scenario, rules or RULE_VERSIONS[-1], problems)
        result.errors.extend(problems.errors)
        if rules is None or inputs is None:
            return result
        result.rule_version = rules.id
        book = Book(result)
        ctx = Context(scenario.period, rules, inputs.settings, book, scenario.as_of)
        employee = inputs.employee
        s = budget.salary(ctx, employee)
        price = budget.hour_price(ctx, employee)
        base = budget.base(ctx, employee, s)
        accruals = budget.accrue(ctx, employee, base, inputs.additions)
        budget.source_lines(ctx, employee, base, accruals, len(inputs.additions))
        months.check_inputs(ctx, accruals, inputs.choices, inputs.additions)
        opening = (inputs.reserve, inputs.reserve_may)
        year = months.run(ctx, employee, accruals, inputs.choices, price, opening, s)
        leaving = employee.last_working_day()
        leaving_month = (
            Month.of(leaving) if leaving is not None and leaving.year == ctx.year.year else None
        )
        months.tranches(ctx, year, leaving_month)
        _totals(ctx, employee, accruals, year, opening)
        result.order_totals(REQUIRED_TOTALS)
        return result


def _outside_formula(ctx: Context, employee: Employee, code: str, year: months.Year) -> str:
    """The insurance contributions: the month's amount (with its formula) × the months booked."""
    monthly = year.monthly[code]
    count = int(year.outside[code] / monthly)
    f = employee.part_time_factor
    if code == months.HEALTH:
        full = ctx.rules["zorg_bijdrage"]
        each = (
            f"{euro(full)} × {f:.4f} (minder dan 50% deeltijd)" if monthly != full else euro(full)
        )
    else:
        each = (
            f"{ctx.rules['ipap_pct']}% × {ctx.value('ipap_grondslag_factor')} × S = {euro(monthly)}"
        )
    return f"{count} × {each}"


def _totals(
    ctx: Context,
    employee: Employee,
    accruals: dict[Month, budget.Accrual],
    year: months.Year,
    opening: tuple[Decimal, Decimal],
) -> None:
    book, rules = ctx.book, ctx.rules
    accrued = [a.total for a in accruals.values()]
    book.line(
        "bb.opbouw",
        f"Opgebouwd Benefit Budget {ctx.year.code} ({len(accrued)} maanden)",
        Unit.EUR,
        sum(accrued, ZERO),
        " + ".join(euro(a) for a in accrued) or "0.00 (geen maand in dienst op de eerste dag)",
        f"{rules.source('producten')}; {rules.source('opbouw_eerste_dag')}",
        total="accrued_eur",
    )
    hours = [f"{euro(h)} ({m.code})" for m, h in year.leave]
    book.line(
        "bb.verlof",
        "Gekochte extra verlofuren",
        Unit.HOURS,
        year.hours,
        " + ".join(hours) or "0.00",
        rules.source("verlof_max_uren"),
        total="leave_hours_bought",
    )
    book.line(
        "bb.besteed",
        "Besteed aan producten (geld, verlof, vakbondscontributie, pensioen)",
        Unit.EUR,
        year.spent,
        " + ".join(euro(row.spent) for row in year.rows if row.spent) or "0.00",
        rules.source("producten"),
    )
    payouts = " + ".join(f"{euro(v)} ({code})" for code, v in year.payouts.items())
    book.line(
        "bb.uitbetaald",
        "Uitbetaald uit het budget (geld, vakbondscontributie, pensioen, uitkeringen)",
        Unit.EUR,
        year.paid,
        f"{euro(year.paid - sum(year.payouts.values(), ZERO))} (producten)"
        + (f" + {payouts}" if payouts else ""),
        f"{rules.source('reserve_uitbetaling_maand')}; {rules.source('uitkering_mei_maand')}",
        total="paid_eur",
    )
    book.line(
        "bb.reserve",
        "Algemene reserve aan het einde van het jaar",
        Unit.EUR,
        year.reserve,
        f"{euro(opening[0])} (beginstand) + "
        f"{euro(sum((r.to_reserve for r in year.rows), ZERO))} (maanden) − uitbetaald",
        rules.source("niet_besteed_verdeling"),
        total="reserve_eur",
    )
    book.line(
        "bb.reserve-mei",
        "Reservering uitkering mei aan het einde van het jaar",
        Unit.EUR,
        year.reserve_may,
        f"{euro(opening[1])} (beginstand) + "
        f"{euro(sum((r.to_reserve_may for r in year.rows), ZERO))} (maanden) − uitbetaald",
        rules.source("niet_besteed_verdeling"),
        total="reserve_may_eur",
    )
    holiday = [a.holiday for a in accruals.values()]
    book.line(
        "bb.pensioengevend",
        "Pensioengevend deel van het budget (vakantie-uitkering)",
        Unit.EUR,
        sum(holiday, ZERO),
        " + ".join(euro(h) for h in holiday) or "0.00",
        rules.source("pensioengevend_deel"),
        total="pensionable_eur",
    )
    for code, key, label, parameter in (
        (
            months.HEALTH,
            "bb.zorgverzekering",
            "Werkgeversbijdrage zorgverzekering",
            "zorg_bijdrage",
        ),
        (months.IPAP, "bb.ipap", "Tegemoetkoming IPAP-premie", "ipap_pct"),
    ):
        if code in year.outside:
            book.line(
                key,
                f"{label} (buiten het budget)",
                Unit.EUR,
                year.outside[code],
                _outside_formula(ctx, employee, code, year),
                ctx.source(parameter)
                if parameter == "zorg_bijdrage"
                else f"{ctx.source(parameter)}; grondslag: {ctx.source('ipap_grondslag_factor')}",
            )
    book.total("months", [row.to_json() for row in year.rows])
