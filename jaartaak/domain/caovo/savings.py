"""The savings pots: value fixation, leave taken oldest first, deposits, end of employment (§6).

Two pots: ``pb`` (persoonlijk budget; tranches keep their value in hours for four schooljaren,
then convert to euro at that day's uurloon) and ``senior`` (57+ savings in hours; no value
fixation, lapses when employment ends). Tranches of one pot and year are merged first, so the
result does not depend on the order of the history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaartaak.domain.caovo.aanvulling import Aanvulling, birthday_57
from jaartaak.domain.caovo.budget import Budget
from jaartaak.domain.caovo.context import Context, dutch_date, hours, nl
from jaartaak.domain.caovo.inputs import POTS, Inputs
from jaartaak.domain.decimals import ZERO, round2
from jaartaak.domain.periods import Month, SchooljaarPeriod
from jaartaak.domain.results import Tranche, Unit

MAXIMUM = "pb.sparen.maximum"
INSUFFICIENT = "opname.saldo-onvoldoende"
TAKE_MAXIMUM = "opname.maximum"
LATE_FIXATION = "sparen.waardefixatie-laat"
POT_NAMES = {"pb": ("pb-sparen", "pb-sparen-eur"), "senior": ("senior-sparen", None)}


@dataclass
class Holding:
    """A tranche during the calculation: hours, or euro after value fixation."""

    pot: str
    schooljaar: SchooljaarPeriod
    hours: Decimal = ZERO
    eur: Decimal = ZERO
    in_euro: bool = False

    @property
    def key(self) -> str:
        return f"sparen.{self.pot}.{self.schooljaar.code}"


def _merged(inputs: Inputs) -> list[Holding]:
    amounts: dict[tuple[str, SchooljaarPeriod, bool], Decimal] = defaultdict(Decimal)
    for tranche in inputs.savings:
        amounts[(tranche.pot, tranche.schooljaar, tranche.eur is not None)] += (
            tranche.eur if tranche.eur is not None else tranche.hours
        )
    holdings = [
        Holding(pot, year, eur=amount, in_euro=True)
        if in_euro
        else Holding(pot, year, hours=amount)
        for (pot, year, in_euro), amount in amounts.items()
    ]
    return sorted(holdings, key=lambda h: (h.pot, h.schooljaar, not h.in_euro))


def _fix_values(ctx: Context, holdings: list[Holding], rate: Decimal) -> None:
    """On 1 August of year Y+5 an hour tranche of year Y converts to euro at that day's uurloon."""
    kept = ctx.value("sparen_jaren")
    day = ctx.period.start
    if not ctx.applies(day):
        return
    for holding in holdings:
        due = holding.schooljaar.start_year + kept + 1
        if holding.pot != "pb" or holding.in_euro or due > ctx.period.start_year:
            continue
        if due < ctx.period.start_year:
            ctx.book.warn(
                LATE_FIXATION,
                f"De spaaruren uit {holding.schooljaar.code} hadden op "
                f"1 augustus {due} in euro moeten worden omgezet; dat gebeurt nu, tegen "
                "het uurloon van dit schooljaar.",
            )
        eur = round2(holding.hours * rate)
        ctx.book.line(
            f"{holding.key}.waardefixatie",
            f"Waardefixatie spaaruren {holding.schooljaar.code} op {dutch_date(day)}",
            Unit.EUR,
            eur,
            f"{hours(holding.hours)} × {hours(rate)}",
            ctx.source("sparen_jaren"),
        )
        ctx.book.ledger(day, "pb-sparen", Unit.HOURS, -holding.hours, "waardefixatie", holding.key)
        ctx.book.ledger(day, "pb-sparen-eur", Unit.EUR, eur, "waardefixatie", holding.key)
        holding.hours, holding.eur, holding.in_euro = ZERO, eur, True


def _take(ctx: Context, holdings: list[Holding], pot: str, wanted: Decimal, rate: Decimal) -> None:
    """Take ``wanted`` hours of leave from ``pot``, oldest tranche first; a euro tranche buys
    euro / uurloon hours at this year's uurloon."""
    book, need, parts = ctx.book, wanted, []
    hours_pot, euro_pot = POT_NAMES[pot]
    for holding in (h for h in holdings if h.pot == pot):
        if not need:
            break
        if holding.in_euro:
            if not holding.eur or not rate:  # no uurloon (refused in uurloon()): buys nothing
                continue
            exact = holding.eur / rate
            if exact >= need:  # this tranche covers what is left
                covered, cost = need, round2(need * rate)
            else:  # the whole tranche is taken
                covered, cost = round2(exact), holding.eur
            holding.eur -= cost
            book.ledger(ctx.period.start, euro_pot, Unit.EUR, -cost, "opname", holding.key)
            parts.append(
                f"{hours(covered)} uit {holding.schooljaar.code} (€ {hours(cost)} / {hours(rate)})"
            )
        else:
            covered = min(need, holding.hours)
            if not covered:
                continue
            holding.hours -= covered
            book.ledger(ctx.period.start, hours_pot, Unit.HOURS, -covered, "opname", holding.key)
            parts.append(f"{hours(covered)} uit {holding.schooljaar.code}")
        need -= covered
    if need:
        book.error(
            INSUFFICIENT,
            "choices.opname",
            f"Uit de {POTS[pot]} kan {nl(wanted)} uur "
            f"verlof worden gevraagd, maar er is maar {nl(wanted - need)} uur beschikbaar.",
        )
    book.line(
        f"sparen.opname.{pot}",
        f"Opname gespaard verlof uit de {POTS[pot]}",
        Unit.HOURS,
        wanted,
        " + ".join(parts) or "niets beschikbaar",
        ctx.source("sparen_jaren"),
    )


def take_leave(
    ctx: Context, inputs: Inputs, holdings: list[Holding], aanvulling: Aanvulling, rate: Decimal
) -> Decimal:
    """Saved leave taken this year, in hours (it lowers the netto jaartaak)."""
    total = ZERO
    for pot in POTS:
        wanted = round2(inputs.opname.get(pot, ZERO))
        if wanted:
            _take(ctx, holdings, pot, wanted, rate)
            total += wanted
    maximum = ctx.value("opname_maximum_57")
    if birthday_57(inputs.employee.birth_date) <= ctx.period.end and total > maximum:
        ctx.book.error(
            TAKE_MAXIMUM,
            "choices.opname",
            f"Vanaf 57 jaar kan per schooljaar hoogstens "
            f"{nl(maximum)} uur gespaard verlof worden opgenomen, niet {nl(total)}.",
        )
    return total


def open_pots(ctx: Context, inputs: Inputs, rate: Decimal) -> list[Holding]:
    holdings = _merged(inputs)
    _fix_values(ctx, holdings, rate)
    return holdings


def deposit(
    ctx: Context,
    holdings: list[Holding],
    budget: Budget,
    aanvulling: Aanvulling,
    last_day: date | None,
) -> None:
    """This year's savings, booked on the last day of the schooljaar, or on the last working
    day when employment ends earlier (before the pot is paid out).

    When the aanvulling is saved, the basis part of the pb goes with it to the senior pot.
    """
    book, day, year = ctx.book, last_day or ctx.period.end, ctx.period
    saved = budget.hours("sparen")
    to_senior = min(saved, budget.basis) if aanvulling.to_senior_pot else ZERO
    for pot, amount in (
        ("pb", saved - to_senior),
        ("senior", to_senior + aanvulling.to_senior_pot),
    ):
        if not amount:
            continue
        holding = Holding(pot, year, hours=amount)
        holdings.append(holding)
        book.ledger(day, POT_NAMES[pot][0], Unit.HOURS, amount, "storting", holding.key)
        book.line(
            f"sparen.storting.{pot}",
            f"Gespaard in {year.code} ({POTS[pot]})",
            Unit.HOURS,
            amount,
            "keuze van de medewerker",
            ctx.source("sparen_jaren"),
        )
    maximum = ctx.value("spaarpot_maximum")
    in_hours = sum((h.hours for h in holdings if h.pot == "pb"), ZERO)
    if saved - to_senior and in_hours > maximum:
        book.error(
            MAXIMUM,
            "choices.pb",
            f"Met dit sparen komt de spaarpot op {nl(in_hours)} uur;"
            f" het maximum is {nl(maximum)} uur ({ctx.source('spaarpot_maximum')}).",
        )


def settle_end_of_employment(
    ctx: Context, holdings: list[Holding], last_day: date | None, rate: Decimal
) -> None:
    """Employment ends in this schooljaar: pay out the pb pot, the senior pot lapses."""
    if last_day is None or not ctx.applies(last_day):
        return
    book = ctx.book
    pb_hours = sum((h.hours for h in holdings if h.pot == "pb"), ZERO)
    pb_eur = sum((h.eur for h in holdings if h.pot == "pb"), ZERO)
    amount = round2(pb_hours * rate) + pb_eur
    for holding in holdings:
        if holding.hours:
            kind = "uitbetaling" if holding.pot == "pb" else "vervallen"
            book.ledger(
                last_day, POT_NAMES[holding.pot][0], Unit.HOURS, -holding.hours, kind, holding.key
            )
        if holding.eur:
            book.ledger(
                last_day, "pb-sparen-eur", Unit.EUR, -holding.eur, "uitbetaling", holding.key
            )
        holding.hours = holding.eur = ZERO
    if amount:
        book.line(
            "sparen.uitbetaling",
            "Uitbetaling spaarpot bij einde dienstverband",
            Unit.EUR,
            amount,
            f"{hours(pb_hours)} × {hours(rate)} + € {hours(pb_eur)}",
            ctx.source("sparen_jaren") + "; laatste werkdag " + dutch_date(last_day),
        )
        book.pay(
            Month.of(last_day).next(),
            "spaarverlof-uitbetaling",
            amount,
            "Uitbetaling spaarpot persoonlijk budget bij einde dienstverband",
        )


def close_pots(ctx: Context, holdings: list[Holding]) -> None:
    """The pots after this year, as totals, balances and lines."""
    book = ctx.book
    amounts = {
        "savings_pb_hours": (
            sum((h.hours for h in holdings if h.pot == "pb"), ZERO),
            Unit.HOURS,
            "pb-sparen",
            "Spaarpot persoonlijk budget in uren",
        ),
        "savings_pb_eur": (
            sum((h.eur for h in holdings if h.pot == "pb"), ZERO),
            Unit.EUR,
            "pb-sparen-eur",
            "Spaarpot persoonlijk budget in euro (na waardefixatie)",
        ),
        "savings_senior_hours": (
            sum((h.hours for h in holdings if h.pot == "senior"), ZERO),
            Unit.HOURS,
            "senior-sparen",
            "Seniorenspaarpot in uren",
        ),
    }
    for total, (amount, unit, pot, label) in amounts.items():
        source = (
            ctx.source("aanvulling1") + "; de seniorenspaarpot kent geen waardefixatie"
            if pot == "senior-sparen"
            else ctx.source("sparen_jaren")
        )
        book.line(
            f"sparen.saldo.{pot}",
            f"{label} na {ctx.period.code}",
            unit,
            amount,
            "saldo na waardefixatie, opname, sparen en einde dienstverband",
            source,
            total=total,
        )
        book.balance(pot, unit, amount)
    _tranches(ctx, holdings)


def _tranches(ctx: Context, holdings: list[Holding]) -> None:
    """Each tranche still in a pot, with the day it changes: an hour tranche of the pb pot
    converts to euro on 1 August of year Y+5; euro and senior tranches wait for use."""
    kept = ctx.value("sparen_jaren")
    for holding in sorted(holdings, key=lambda h: (h.pot, h.schooljaar)):
        amount, unit = (holding.eur, Unit.EUR) if holding.in_euro else (holding.hours, Unit.HOURS)
        if amount <= 0:
            continue
        if holding.pot == "senior":
            next_day, step = None, "blijft in uren; vervalt bij einde dienstverband"
        elif holding.in_euro:
            next_day = None
            step = "in euro: als verlof op te nemen tegen het uurloon van dat jaar"
        else:
            next_day = date(holding.schooljaar.start_year + kept + 1, 8, 1)
            step = "wordt omgezet in euro tegen het uurloon van die dag"
        ctx.book.tranche(
            Tranche(
                pot=POT_NAMES[holding.pot][1 if holding.in_euro else 0],
                key=holding.key,
                label=f"Gespaard in {holding.schooljaar.code} ({POTS[holding.pot]})",
                unit=unit,
                amount=amount,
                since=holding.schooljaar.end,
                next_day=next_day,
                next_step=step,
            )
        )
