"""The CAO VO scheme: jaartaak and persoonlijk budget, step by step in the order of cao-vo.md."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from jaartaak.domain.caovo import aanvulling as aanvulling_rules
from jaartaak.domain.caovo import savings
from jaartaak.domain.caovo.balance import jaartaak_balance, netto_jaartaak
from jaartaak.domain.caovo.budget import payout, persoonlijk_budget, uurloon
from jaartaak.domain.caovo.context import Context
from jaartaak.domain.caovo.inputs import DOELEN, MODES, POTS, Employee, read_inputs
from jaartaak.domain.caovo.rules import RULE_VERSIONS
from jaartaak.domain.caovo.werktijd import werktijdfactor
from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.domain.results import Book, Result
from jaartaak.domain.scheme import Option, RuleVersion, Scenario, begin

REQUIRED_TOTALS = (
    "wtf",
    "wtf_regulier",
    "normjaartaak_bruto",
    "pb_basis_hours",
    "pb_extra_hours",
    "pb_total_hours",
    "pb_unallocated_hours",
    "aanvulling_months",
    "aanvulling1_hours",
    "aanvulling2_hours",
    "verlof_hours",
    "netto_jaartaak",
    "netto_wtf",
    "uurloon",
    "eigen_bijdrage_eur",
    "uitbetaling_eur",
    "lestaak_reductie_lesuren",
    "savings_pb_hours",
    "savings_pb_eur",
    "savings_senior_hours",
)
BALANCE_TOTALS = (
    "lesgebonden",
    "ontwikkeltijd",
    "professionalisering",
    "ast",
    "pb_werkdruk",
    "taken",
    "saldo",
)


def last_working_day(employee: Employee, period: SchooljaarPeriod) -> date | None:
    """The end of employment, when it falls in this schooljaar (every appointment has ended)."""
    ends = [a.end for a in employee.appointments]
    if not ends or None in ends:
        return None
    last = max(ends)
    return last if period.start <= last <= period.end else None


class CaoVoScheme:
    """The built-in scheme for the CAO VO (registered through the same hook as any plugin)."""

    id = "cao-vo"
    title = "CAO VO: jaartaak en persoonlijk budget"
    period_kind = "schooljaar"
    required_totals = REQUIRED_TOTALS
    extra_fields = ("lessons", "tasks")
    #: Optional for any scheme: key prefixes of the lines the budget page shows, and pot names.
    budget_lines = ("pb.", "aanvulling.", "eigen-bijdrage", "uurloon", "sparen.")
    pot_labels = MappingProxyType(
        {
            "pb-sparen": "Spaarpot persoonlijk budget (uren)",
            "pb-sparen-eur": "Spaarpot persoonlijk budget (euro, na waardefixatie)",
            "senior-sparen": "Seniorenspaarpot (uren)",
        }
    )

    def rule_versions(self) -> tuple[RuleVersion, ...]:
        return RULE_VERSIONS

    def options(self) -> tuple[Option, ...]:
        return (
            Option(
                "pb",
                "Besteding van het persoonlijk budget",
                "list",
                DOELEN,
                "Uren per doel; samen hoogstens het persoonlijk budget.",
                item="doel",
            ),
            Option(
                "aanvulling.level",
                "57+-aanvulling",
                "level",
                {"0": "geen", "1": "1e aanvulling", "2": "1e en 2e aanvulling"},
                "Vanaf de maand na de 57e verjaardag.",
            ),
            Option("aanvulling.mode", "Gebruik van de aanvulling", "choice", MODES),
            Option(
                "opname",
                "Opname van gespaard verlof",
                "list",
                POTS,
                "Uren die u dit schooljaar opneemt uit een spaarpot.",
                item="pot",
            ),
        )

    def calculate(self, scenario: Scenario) -> Result:
        result, problems, rules = begin(self, scenario)
        inputs = read_inputs(scenario, problems)
        result.errors.extend(problems.errors)
        if rules is None or inputs is None:
            return result
        result.rule_version = rules.id
        ctx = Context(scenario.period, rules, inputs.settings, Book(result), scenario.as_of)
        working = werktijdfactor(ctx, inputs.employee.appointments)
        budget = persoonlijk_budget(ctx, inputs, working.wtf_regulier)
        rate = uurloon(ctx, inputs)
        payout(ctx, inputs, budget, rate)
        aanvulling = aanvulling_rules.aanvullingen(ctx, inputs, budget, working.wtf_regulier)
        aanvulling_rules.eigen_bijdrage(ctx, inputs, aanvulling, rate)
        holdings = savings.open_pots(ctx, inputs, rate)
        taken = savings.take_leave(ctx, inputs, holdings, aanvulling, rate)
        netto, netto_wtf = netto_jaartaak(ctx, working, budget, aanvulling, taken)
        aanvulling_rules.lesson_reduction(ctx, budget, aanvulling, working.wtf_regulier)
        last_day = last_working_day(inputs.employee, scenario.period)
        savings.deposit(ctx, holdings, budget, aanvulling, last_day)
        savings.settle_end_of_employment(ctx, holdings, last_day, rate)
        savings.close_pots(ctx, holdings)
        if inputs.has_balance:
            jaartaak_balance(ctx, inputs, netto, netto_wtf, budget)
        if scenario.as_of is not None:  # payroll months that have not begun are not booked yet
            result.payroll = [p for p in result.payroll if p.month.first_day <= scenario.as_of]
        result.order_totals(REQUIRED_TOTALS + BALANCE_TOTALS)
        return result
