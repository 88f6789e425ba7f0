"""Rules 1–4 of ggz-balansbudget.md: eligibility on 1 July, f and the budget, the uurloon, the
option in force after the deadline, and the September payout.

Everything is fixed on the peildatum: a change of hours after 1 July changes nothing, so only
the appointments that cover 1 July count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from jaartaak.domain.decimals import ZERO, round2, round4
from jaartaak.domain.periods import Month
from jaartaak.domain.results import Unit
from jaartaak_ggz.context import Context, dutch_date, euro, month_name, nl
from jaartaak_ggz.inputs import Employee, Inputs
from jaartaak_ggz.rules import IMPLEMENTED

NOT_ELIGIBLE = "niet-gerechtigd"
LATE = "keuze.te-laat"
WRONG_OPTION = "optie.onjuist"
NOT_SUPPORTED = "optie.niet-ondersteund"
PAYOUT = "balansbudget-uitbetaling"


@dataclass(frozen=True)
class Entitlement:
    """What 1 July fixes: whether there is a budget, how much, and the uurloon."""

    eligible: bool
    budget: Decimal
    uurloon: Decimal


def eligible(ctx: Context, employee: Employee) -> bool:
    """Rule 1: in dienst op 1 juli (ggz-2022: ook al vóór 1 juli, op 30 juni)."""
    latest = ctx.day("laatste_indiensttreding")
    days = {ctx.peildatum, min(latest, ctx.peildatum)}
    return all(any(a.covers(day) for a in employee.appointments) for day in days)


def budget(ctx: Context, employee: Employee, is_eligible: bool) -> Decimal:
    """Rule 2: f = min(1, uren op 1 juli / voltijduren); budget = round2(voltijdbudget × f)."""
    book, peildatum = ctx.book, ctx.peildatum
    hours = [a.weekly_hours for a in employee.appointments if a.covers(peildatum)]
    total = sum(hours, ZERO) if is_eligible else ZERO
    week = employee.fulltime_weekly_hours
    full = ctx.rules["budget_voltijd"]
    source = ctx.source("budget_voltijd")
    book.line(
        "ggz.uren-peildatum",
        f"Uren per week op {dutch_date(peildatum)}",
        Unit.HOURS,
        total,
        " + ".join(euro(h) for h in hours) if is_eligible and hours else "geen aanstelling",
        ctx.source("peildatum"),
    )
    if not is_eligible:
        reason = f"niet in dienst op {dutch_date(peildatum)}"
        if ctx.rules["laatste_indiensttreding"] != ctx.rules["peildatum"]:
            reason = f"niet vóór {dutch_date(peildatum)} in dienst"
        book.line(
            "ggz.deeltijdfactor",
            "Deeltijdfactor",
            Unit.FACTOR,
            ZERO,
            f"0 ({reason})",
            ctx.source("laatste_indiensttreding"),
            total="part_time_factor",
        )
        book.line(
            "ggz.budget",
            "Balansbudget",
            Unit.EUR,
            ZERO,
            f"0.00 ({reason})",
            source,
            total="budget_eur",
        )
        return ZERO
    factor = min(Decimal(1), total / week)
    shown = f"min(1, {euro(total)} / {week})"
    book.line(
        "ggz.deeltijdfactor",
        "Deeltijdfactor op 1 juli (getoond op 4 decimalen)",
        Unit.FACTOR,
        round4(factor),
        shown,
        f"{source}; voltijd: {ctx.source('voltijd_uren')}",
        total="part_time_factor",
    )
    return book.line(
        "ggz.budget",
        "Balansbudget",
        Unit.EUR,
        round2(full * factor),
        f"{euro(full)} × {shown} (onafgerond)",
        source,
        total="budget_eur",
    )


def uurloon(ctx: Context, employee: Employee) -> Decimal:
    """The hourly wage on 1 July (policy): monthly salary × 3 / 13 / the full-time week."""
    months, weeks = ctx.value("uurloon_maanden"), ctx.value("uurloon_weken")
    salary, week = employee.fulltime_monthly_salary, employee.fulltime_weekly_hours
    return ctx.book.line(
        "ggz.uurloon",
        f"Bruto uurloon op {dutch_date(ctx.peildatum)}",
        Unit.EUR,
        round2(salary * months / weeks / week),
        f"{euro(salary)} × {months} / {weeks} / {week}",
        f"{ctx.source('uurloon_maanden')}; {ctx.source('uurloon_weken')}",
        total="uurloon",
    )


def option_in_force(ctx: Context, inputs: Inputs, is_eligible: bool) -> str | None:
    """Rule 3: no choice, or a choice on or after 1 July, is uitbetaling.

    An option the version's CAO does not know is ``optie.onjuist``; one this plugin does not
    compute for that version (ggz-2022 besides uitbetaling) is refused, never guessed.
    """
    book, chosen = ctx.book, inputs.option
    if not is_eligible:
        if chosen is not None:
            book.warn(
                NOT_ELIGIBLE,
                f"Geen balansbudget in {ctx.year.code}: niet gerechtigd op de peildatum; "
                f"de keuze '{chosen}' vervalt.",
                "choices.option",
            )
        book.total("option", None)
        return None
    if chosen is not None and chosen not in ctx.rules["opties"].split(", "):
        book.error(
            WRONG_OPTION,
            "choices.option",
            f"De regels {ctx.rules.id} kennen de optie '{chosen}' niet "
            f"(wel: {ctx.rules['opties']}).",
        )
    elif chosen is not None and chosen not in IMPLEMENTED[ctx.rules.id]:
        book.error(
            NOT_SUPPORTED,
            "choices.option",
            f"jaartaak rekent de optie '{chosen}' onder de regels {ctx.rules.id} niet door "
            "(zie de README van jaartaak-ggz); verwerk deze keuze buiten jaartaak.",
        )
    deadline = ctx.day("keuze_uiterlijk")
    option = chosen or "uitbetaling"
    if inputs.chosen_on is not None and inputs.chosen_on > deadline:
        book.warn(
            LATE,
            f"De keuze is op {dutch_date(inputs.chosen_on)} doorgegeven, niet vóór "
            f"{dutch_date(deadline + timedelta(days=1))}: het budget wordt uitbetaald.",
            "choices.chosen_on",
        )
        option = "uitbetaling"
    book.total("option", option)
    return option


def payout(ctx: Context, entitlement: Entitlement, option: str | None) -> None:
    """Rule 4: uitbetaling pays the whole budget in the September payroll."""
    if option != "uitbetaling" or not entitlement.budget:
        return
    month = Month(ctx.year.year, ctx.rules["uitbetaling_maand"])
    amount = ctx.book.line(
        "ggz.uitbetaling",
        f"Uitbetaling als brutoloon ({month_name(month)})",
        Unit.EUR,
        entitlement.budget,
        f"{euro(entitlement.budget)} (het hele budget)",
        ctx.source("uitbetaling_maand"),
    )
    ctx.pay(month, PAYOUT, amount, f"Balansbudget {ctx.year.code}: € {nl(amount)} bruto")
