"""Rules 5–8 of ggz-balansbudget.md: the leave pot and the training pot, their events, and what
happens to a rest (leave lapses on 1 July next year, training is paid ÷ 1.40 in January, both
are settled in the month after leaving).

Both pots run the same course, so one :class:`Pot` describes each: a deposit on the day it
becomes available, events that take from it until a last day, then one time-driven step for
what is left: the settlement when the employee leaves first, else the pot's own end step.
Bad events are errors (nothing is booked then); a rule never trims silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from jaartaak.domain.decimals import ZERO, round2
from jaartaak.domain.periods import Month
from jaartaak.domain.results import Tranche, Unit
from jaartaak_ggz.context import Context, dutch_date, euro, month_name, nl
from jaartaak_ggz.inputs import CLAIM, LEAVE, Event

SALDO = "saldo.onvoldoende"
NOT_YET = "nog-niet-beschikbaar"
WRONG_OPTION = "optie.onjuist"
EXPIRED = "verlopen"
SETTLEMENT = "balansbudget-eindafrekening"
TRAINING_REST = "balansbudget-opleiding-restant"
EVENT_FOR_OPTION = {"verlof": LEAVE, "opleiding": CLAIM}
LEAVE_TOTALS = {
    "leave_hours": Unit.HOURS,
    "leave_hours_taken": Unit.HOURS,
    "leave_hours_lapsed": Unit.HOURS,
}
TRAINING_TOTALS = {"training_budget_eur": Unit.EUR, "training_claimed_eur": Unit.EUR}
LABELS = {
    "leave_hours": "Extra verlofuren",
    "leave_hours_taken": "Opgenomen extra verlofuren",
    "leave_hours_lapsed": "Vervallen extra verlofuren",
    "training_budget_eur": "Opleidingsbudget",
    "training_claimed_eur": "Gedeclareerd opleidingsbudget",
}

#: What a pot does with its rest on its end day: book lines for ``rest`` (applied when due).
EndStep = Callable[[Decimal, bool], None]


@dataclass(frozen=True)
class Pot:
    """One pot of the option in force: its id, unit, events, totals and days."""

    option: str
    pot: str
    unit: Unit
    event_type: str
    label: str
    used_total: str
    used_label: str
    last_event_day: date  # the last day an event may take from the pot
    end_day: date  # the day the rest lapses or is converted
    end_kind: str  # the ledger kind of that step (verval, omzetting)
    end_step: str  # what happens then, for people


def check_event_options(ctx: Context, events: list[Event], option: str | None) -> None:
    """Rule 8: an event of the wrong kind for the option in force is an error."""
    expected = EVENT_FOR_OPTION.get(option or "")
    chosen = f"de optie '{option}'" if option else "geen balansbudget"
    for event in events:
        if event.type != expected:
            ctx.book.error(
                WRONG_OPTION,
                f"{event.path}.type",
                f"{event.path}: een {event.type} past niet bij {chosen} in {ctx.year.code}.",
            )


def take(ctx: Context, pot: Pot, events: list[Event], granted: Decimal, last: date) -> Decimal:
    """Rule 8: events in date order take from the pot; one that cannot is an error."""
    book, rest, start = ctx.book, granted, ctx.day("beschikbaar_vanaf")
    what = "uur" if pot.unit is Unit.HOURS else "euro"
    for event in sorted(events, key=lambda e: (e.day, e.index)):
        if event.type != pot.event_type:
            continue
        where, when = f"{event.path}.date", f"{event.path}: {dutch_date(event.day)}"
        if event.day < start:
            book.error(NOT_YET, where, f"{when} is vóór {dutch_date(start)}: nog niet beschikbaar.")
        elif event.day > last:
            book.error(EXPIRED, where, f"{when} is na {dutch_date(last)}: verlopen.")
        elif event.amount > rest:
            book.error(
                SALDO,
                event.path,
                f"{event.path}: {nl(event.amount)} {what} is meer dan het saldo "
                f"({nl(rest)} {what}).",
            )
        else:
            rest -= event.amount
            key = f"ggz.{pot.option}.gebruikt"
            book.ledger(event.day, pot.pot, pot.unit, -event.amount, event.type, key)
    return rest


def run(
    ctx: Context,
    pot: Pot,
    granted: Decimal,
    events: list[Event],
    leaving: date | None,
    settle: Callable[[Decimal], tuple[Decimal, str]],
    end: EndStep,
) -> None:
    """Deposit, events, then the rest: settled in the month after leaving (rule 7) when the
    employee leaves before the pot's end day, else the pot's own end step (``end``)."""
    book = ctx.book
    available = ctx.day("beschikbaar_vanaf")
    since = min(available, leaving) if leaving else available
    if granted:
        book.ledger(since, pot.pot, pot.unit, granted, "storting", f"ggz.{pot.option}")
    last = min(pot.last_event_day, leaving) if leaving else pot.last_event_day
    rest = take(ctx, pot, events, granted, last)
    taken = [euro(e.amount) for e in events if e.type == pot.event_type]
    book.line(
        f"ggz.{pot.option}.gebruikt",
        pot.used_label,
        pot.unit,
        granted - rest,
        " + ".join(taken) or "0.00",
        ctx.source("beschikbaar_vanaf"),
        total=pot.used_total,
    )
    settling = leaving is not None and leaving < pot.end_day
    if settling and leaving is not None and rest:
        month = Month.of(leaving).next()
        amount, formula = settle(rest)
        book.line(
            f"ggz.{pot.option}.eindafrekening",
            f"Eindafrekening bij uit dienst ({month_name(month)})",
            Unit.EUR,
            amount,
            formula,
            ctx.source("eindafrekening_uurloon"),
        )
        label = f"Eindafrekening balansbudget {ctx.year.code}: € {nl(amount)} bruto"
        ctx.pay(month, SETTLEMENT, amount, label)
        step, day = f"uitbetaald bij de eindafrekening ({month_name(month)})", leaving
    else:
        step, day = pot.end_step, pot.end_day
    end(ZERO if settling else rest, ctx.due(day))
    left = ZERO if ctx.due(day) else rest
    if rest and ctx.due(day):
        kind = "eindafrekening" if settling else pot.end_kind
        book.ledger(day, pot.pot, pot.unit, -rest, kind, f"ggz.{pot.option}.{kind}")
    if left:
        label = f"{pot.label} {ctx.year.code}"
        book.tranche(Tranche(pot.pot, f"ggz.{pot.option}", label, pot.unit, left, since, day, step))
    book.balance(pot.pot, pot.unit, left)


def unchosen(ctx: Context, option: str | None, totals: dict[str, Unit]) -> None:
    """Totals of an option not in force: zero, explained (outside the budget page's lines)."""
    reason = f"optie {option}" if option else "geen balansbudget"
    for total, unit in totals.items():
        ctx.book.line(
            f"ggz.overig.{total}",
            LABELS[total],
            unit,
            ZERO,
            f"0.00 ({reason})",
            ctx.source("opties"),
            total,
        )


def leave(
    ctx: Context,
    budget: Decimal,
    uurloon: Decimal,
    option: str | None,
    events: list[Event],
    leaving: date | None,
) -> None:
    """Rule 5: hours = round2(budget / uurloon), from 1 September; what is not taken by 30 June
    next year lapses on 1 July next year (a ledger entry, no money). Rule 7: at leaving, the
    rest is paid at the 1 July uurloon (policy)."""
    if option != "verlof":
        unchosen(ctx, option, LEAVE_TOTALS)
        return
    book = ctx.book
    lapse = ctx.day("verlof_vervalt_op", years_later=1)
    pot = Pot(
        "verlof",
        "ggz-verlof",
        Unit.HOURS,
        LEAVE,
        "Extra verlofuren",
        "leave_hours_taken",
        "Opgenomen extra verlofuren",
        lapse - timedelta(days=1),
        lapse,
        "verval",
        "de uren die dan niet zijn opgenomen vervallen",
    )
    hours = book.line(
        "ggz.verlof",
        "Extra verlofuren voor herstel en balans",
        Unit.HOURS,
        round2(budget / uurloon),
        f"{euro(budget)} / {euro(uurloon)}",
        ctx.source("peildatum"),
        total="leave_hours",
    )

    def settle(rest: Decimal) -> tuple[Decimal, str]:
        return round2(rest * uurloon), f"{euro(rest)} uur × {euro(uurloon)} (uurloon 1 juli)"

    def lapsed(rest: Decimal, due: bool) -> None:
        book.line(
            "ggz.verlof.verval",
            f"Vervallen op {dutch_date(lapse)}",
            Unit.HOURS,
            rest if due else ZERO,
            f"{euro(rest)} niet opgenomen"
            if due and rest
            else f"0.00 (vervalt pas na as_of {ctx.as_of})"
            if rest
            else "0.00 (uit dienst: eindafrekening)"
            if leaving is not None and leaving < lapse
            else "0.00 (niets over)",
            ctx.source("verlof_vervalt_op"),
            total="leave_hours_lapsed",
        )

    run(ctx, pot, hours, events, leaving, settle, lapsed)


def training(
    ctx: Context, budget: Decimal, option: str | None, events: list[Event], leaving: date | None
) -> None:
    """Rule 6: training budget = round2(budget × 1.40), from 1 September, claims until
    31 December; the rest is paid as round2(rest / 1.40) in January next year (policy).
    Rule 7: at leaving before then, the rest ÷ 1.40 in the month after leaving."""
    if option != "opleiding":
        unchosen(ctx, option, TRAINING_TOTALS)
        return
    book = ctx.book
    uplift = 1 + ctx.rules["opslag_opleiding"]
    last = ctx.day("opleiding_declareren_tot")
    month = Month(ctx.year.year + 1, ctx.value("opleiding_restant_maand"))
    pot = Pot(
        "opleiding",
        "ggz-opleiding",
        Unit.EUR,
        CLAIM,
        "Opleidingsbudget",
        "training_claimed_eur",
        "Gedeclareerd opleidingsbudget",
        last,
        last + timedelta(days=1),
        "omzetting",
        f"het restant ÷ {uplift:.2f} wordt uitbetaald in {month_name(month)}",
    )
    granted = book.line(
        "ggz.opleiding",
        "Opleidingsbudget (budget met opslag)",
        Unit.EUR,
        round2(budget * uplift),
        f"{euro(budget)} × {uplift:.2f}",
        ctx.source("opslag_opleiding"),
        total="training_budget_eur",
    )

    def settle(rest: Decimal) -> tuple[Decimal, str]:
        return round2(rest / uplift), f"{euro(rest)} / {uplift:.2f} (zonder de opslag)"

    def convert(rest: Decimal, due: bool) -> None:
        if not rest:
            return
        amount = book.line(
            "ggz.opleiding.omzetting",
            f"Restant opleidingsbudget als brutoloon ({month_name(month)})",
            Unit.EUR,
            round2(rest / uplift),
            f"{euro(rest)} / {uplift:.2f} (zonder de opslag)",
            f"{ctx.source('opleiding_declareren_tot')}; {ctx.source('opleiding_restant_maand')}",
        )
        label = f"Restant opleidingsbudget {ctx.year.code}: € {nl(amount)} bruto"
        ctx.pay(month, TRAINING_REST, amount, label)

    run(ctx, pot, granted, events, leaving, settle, convert)
