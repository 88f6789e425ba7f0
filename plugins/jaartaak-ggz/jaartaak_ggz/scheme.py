"""The CAO GGZ balansbudget scheme, step by step in the order of ggz-balansbudget.md §3."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from jaartaak.domain.periods import CalendarYear
from jaartaak.domain.results import Book, Result
from jaartaak.domain.scheme import EventType, Option, RuleVersion, Scenario, begin
from jaartaak_ggz import budget as rules_1_to_4
from jaartaak_ggz import pots
from jaartaak_ggz.context import Context
from jaartaak_ggz.inputs import read_inputs
from jaartaak_ggz.rules import RULE_VERSIONS

REQUIRED_TOTALS = (
    "eligible",
    "part_time_factor",
    "budget_eur",
    "uurloon",
    "option",
    "leave_hours",
    "leave_hours_taken",
    "leave_hours_lapsed",
    "training_budget_eur",
    "training_claimed_eur",
)
CHOICES = {
    "verlof": "Extra verlofuren voor herstel en balans (budget / uurloon op 1 juli)",
    "opleiding": "Opleidingsbudget: budget + 40%, te besteden tot 31 december",
    "uitbetaling": "Uitbetaling als brutoloon in september",
}


class GgzBalansbudget:
    """The balansbudget of the CAO GGZ: each calendar year, a budget fixed on 1 July."""

    id = "ggz-balansbudget"
    title = "CAO GGZ: balansbudget"
    period_kind = "kalenderjaar"
    required_totals = REQUIRED_TOTALS
    extra_fields = ()
    #: Optional for any scheme: key prefixes of the lines the budget page shows, and pot names.
    budget_lines = ("ggz.budget", "ggz.uurloon", "ggz.uitbetaling", "ggz.verlof", "ggz.opleiding")
    pot_labels = MappingProxyType(
        {
            "ggz-verlof": "Extra verlofuren balansbudget (uren)",
            "ggz-opleiding": "Opleidingsbudget balansbudget (euro)",
        }
    )
    #: What the core reads from its database to build the scenario's employee.
    employee_fields = ("birth_date", "fulltime_weekly_hours", "fulltime_monthly_salary")
    appointment_fields = ("start", "end", "weekly_hours")
    #: The field of ``choices`` in which the app records the day the employee chose.
    choice_date_field = "chosen_on"

    def choice_deadline(self, period: CalendarYear) -> date:
        """The last day to choose: a choice on or after 1 July (the peildatum) is late."""
        return date(period.year, 6, 30)

    def event_types(self) -> tuple[EventType, ...]:
        """What HR records: leave taken (hours) and training claims (euro)."""
        return (
            EventType(
                "opname-verlof",
                "Opname extra verlofuren",
                (Option("hours", "Uren", "hours"),),
                "Vanaf 1 september, tot en met 30 juni van het volgende jaar.",
            ),
            EventType(
                "declaratie-opleiding",
                "Declaratie opleiding",
                (Option("amount", "Bedrag", "amount"),),
                "Vanaf 1 september, tot en met 31 december.",
            ),
        )

    def rule_versions(self) -> tuple[RuleVersion, ...]:
        return RULE_VERSIONS

    def options(self) -> tuple[Option, ...]:
        # The contract's choice is {option, chosen_on}; the app fills chosen_on (the day the
        # employee chose), so it is no form field.
        return (
            Option(
                "option",
                "Besteding van het balansbudget",
                "choice",
                CHOICES,
                help="Kies vóór 1 juli; zonder (tijdige) keuze wordt het budget in september "
                "uitbetaald.",
            ),
        )

    def calculate(self, scenario: Scenario) -> Result:
        result, problems, rules = begin(self, scenario)
        inputs = read_inputs(scenario, rules or RULE_VERSIONS[-1], problems)
        result.errors.extend(problems.errors)
        if rules is None or inputs is None:
            return result
        result.rule_version = rules.id
        book = Book(result)
        ctx = Context(scenario.period, rules, inputs.settings, book, scenario.as_of)
        employee = inputs.employee
        eligible = rules_1_to_4.eligible(ctx, employee)
        book.total("eligible", eligible)
        budget = rules_1_to_4.budget(ctx, employee, eligible)
        uurloon = rules_1_to_4.uurloon(ctx, employee)
        option = rules_1_to_4.option_in_force(ctx, inputs, eligible)
        if result.errors:  # an option this version cannot compute: refuse, never guess
            return result
        entitlement = rules_1_to_4.Entitlement(eligible, budget, uurloon)
        rules_1_to_4.payout(ctx, entitlement, option)
        pots.check_event_options(ctx, inputs.events, option)
        leaving = employee.last_working_day() if eligible else None
        pots.leave(ctx, budget, uurloon, option, inputs.events, leaving)
        pots.training(ctx, budget, option, inputs.events, leaving)
        result.order_totals(REQUIRED_TOTALS)
        return result
