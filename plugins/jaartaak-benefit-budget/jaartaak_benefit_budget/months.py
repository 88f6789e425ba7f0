"""nwb-benefit-budget.md §3: the year month by month — choices, the two reserves, the May and
December payouts, the settlement at the end of employment, payroll and ledger.

Per month, in month order: A = the month's budget, D = its choices. D ≤ A: what is left goes to
the May reservation up to the month's holiday part, the rest to the general reserve. D > A: the
difference comes from the general reserve (never from the May reservation); when that is not
enough the month's choices are refused (``budget.onvoldoende``) and the year goes on without
them, so one mistake gives one error.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jaartaak.domain.decimals import ZERO, round2
from jaartaak.domain.periods import Month
from jaartaak.domain.results import Tranche, Unit
from jaartaak_benefit_budget.budget import Accrual
from jaartaak_benefit_budget.context import Context, eur_nl, euro, month_name
from jaartaak_benefit_budget.inputs import LEAVE, RESERVE, RESERVE_MAY, Addition, Choice, Employee

SHORT = "budget.onvoldoende"
MAXIMUM = "verlof.maximum"
NOT_EMPLOYED = "keuze.buiten-dienstverband"
ADDITION_NOT_EMPLOYED = "toevoeging.buiten-dienstverband"
POT, POT_MAY = "bb-reserve", "bb-reserve-mei"
MAY_PAYOUT, DECEMBER_PAYOUT, SETTLEMENT = (
    "bb-uitkering-mei",
    "bb-reserve-december",
    "bb-eindafrekening",
)
HEALTH, IPAP = "zorgverzekering-werkgeversbijdrage", "ipap-tegemoetkoming"
#: Products paid through the payroll, with their payroll code.
PAID = {
    "geld": "bb-geld",
    "vakbondscontributie": "bb-vakbondscontributie",
    "pensioen": "bb-pensioen",
}
PAYOUT_LABELS = {
    MAY_PAYOUT: "Uitkering ineens in mei (reservering mei)",
    DECEMBER_PAYOUT: "Algemene reserve uitbetaald in december",
    SETTLEMENT: "Eindafrekening bij einde dienstverband",
}


@dataclass
class Row:
    """One accrued month of the totals' ``months`` list."""

    month: Month
    accrued: Decimal
    spent: Decimal = ZERO
    to_reserve: Decimal = ZERO
    to_reserve_may: Decimal = ZERO

    def to_json(self) -> dict[str, str]:
        return {
            "month": self.month.code,
            "accrued_eur": euro(self.accrued),
            "spent_eur": euro(self.spent),
            "to_reserve_eur": euro(self.to_reserve),
            "to_reserve_may_eur": euro(self.to_reserve_may),
        }


@dataclass
class Year:
    """What the months add up to."""

    rows: list[Row] = field(default_factory=list)
    hours: Decimal = ZERO
    leave: list[tuple[Month, Decimal]] = field(default_factory=list)
    paid: Decimal = ZERO
    spent: Decimal = ZERO
    reserve: Decimal = ZERO
    reserve_may: Decimal = ZERO
    may_since: date | None = None
    reserve_since: date | None = None
    payouts: dict[str, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    outside: dict[str, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    monthly: dict[str, Decimal] = field(default_factory=dict)  # per month, outside the budget


def cost(choice: Choice, price: Decimal) -> Decimal:
    """What a choice takes from the budget: hours × hour price (rounded), or its amount."""
    return round2(choice.amount * price) if choice.product == LEAVE else choice.amount


def check_inputs(
    ctx: Context, accruals: dict[Month, Accrual], choices: list[Choice], additions: list[Addition]
) -> None:
    """The 216-hour cap, and choices or additions in a month without accrual."""
    book, cap, hours = ctx.book, ctx.rules["verlof_max_uren"], ZERO
    for choice in choices:
        if choice.product != LEAVE:
            continue
        hours += choice.amount
        if hours > cap:
            book.error(
                MAXIMUM,
                f"{choice.path}.hours",
                f"{choice.path}: met deze keuze komen de gekochte verlofuren in {ctx.year.code} "
                f"op {euro(hours).replace('.', ',')}; het maximum is "
                f"{euro(cap).replace('.', ',')} uur per kalenderjaar.",
            )
            break
    for choice in choices:
        if choice.month not in accruals:
            book.error(
                NOT_EMPLOYED,
                f"{choice.path}.month",
                f"{choice.path}: in {month_name(choice.month)} bouwt de medewerker geen "
                "Benefit Budget op (niet in dienst op de eerste dag van de maand).",
            )
    for addition in additions:
        if addition.month not in accruals:
            book.error(
                ADDITION_NOT_EMPLOYED,
                f"{addition.path}.month",
                f"{addition.path}: in {month_name(addition.month)} bouwt de medewerker geen "
                "Benefit Budget op; een toevoeging kan dan niet.",
            )


def _pay(ctx: Context, month: Month, code: str, amount: Decimal, label: str) -> bool:
    """A payroll line when there is money and its month is booked by ``as_of``."""
    if amount and ctx.due(month):
        ctx.book.pay(month, code, amount, f"{label}: {eur_nl(amount)} bruto")
        return True
    return False


def run(
    ctx: Context,
    employee: Employee,
    accruals: dict[Month, Accrual],
    choices: list[Choice],
    price: Decimal,
    opening: tuple[Decimal, Decimal],
    s: Decimal,
) -> Year:
    book, year = ctx.book, Year()
    year.reserve, year.reserve_may = opening
    start = ctx.year.start
    for pot, amount in ((POT, year.reserve), (POT_MAY, year.reserve_may)):
        if amount:
            book.ledger(start, pot, Unit.EUR, amount, "beginstand", "bb.beginstand")
    year.reserve_since = start if year.reserve else None
    year.may_since = start if year.reserve_may else None
    leaving = employee.last_working_day()
    last_month = Month.of(leaving) if leaving and leaving.year == ctx.year.year else None
    by_month: dict[Month, list[Choice]] = defaultdict(list)
    for choice in choices:
        by_month[choice.month].append(choice)
    may = Month(ctx.year.year, ctx.rules["uitkering_mei_maand"])
    december = Month(ctx.year.year, ctx.rules["reserve_uitbetaling_maand"])
    health = _health(ctx, employee)
    ipap = round2(ctx.pct("ipap_pct") * ctx.value("ipap_grondslag_factor") * s)
    year.monthly = {HEALTH: health, IPAP: ipap}

    for month in ctx.months():
        accrual = accruals.get(month)
        if accrual is not None:
            _month(ctx, year, accrual, by_month[month], price)
            if employee.collective_health_insurance and _pay(
                ctx, month, HEALTH, health, "Werkgeversbijdrage collectieve zorgverzekering"
            ):
                year.outside[HEALTH] += health
            if employee.ipap and _pay(ctx, month, IPAP, ipap, "Tegemoetkoming IPAP-premie"):
                year.outside[IPAP] += ipap
        if month == last_month:
            _payout(ctx, year, month, SETTLEMENT, may=True, general=True)
            break
        if month == may:
            _payout(ctx, year, month, MAY_PAYOUT, may=True, general=False)
        if month == december:
            _payout(ctx, year, month, DECEMBER_PAYOUT, may=False, general=True)
    return year


def _health(ctx: Context, employee: Employee) -> Decimal:
    f, full = employee.part_time_factor, ctx.rules["zorg_bijdrage"]
    return round2(full * f) if f < ctx.rules["zorg_deeltijd_grens"] else full


def _month(ctx: Context, year: Year, accrual: Accrual, choices: list[Choice], price: Decimal):
    book, month = ctx.book, accrual.month
    available = accrual.total
    asked = sum((cost(c, price) for c in choices), ZERO)
    if asked > available and asked - available > year.reserve:
        book.error(
            SHORT,
            choices[0].path,
            f"{month_name(month).capitalize()}: de keuzes vragen {eur_nl(asked)}, beschikbaar "
            f"is {eur_nl(available + year.reserve)} (opbouw {eur_nl(available)} + algemene "
            f"reserve {eur_nl(year.reserve)}); de reservering voor mei telt niet mee.",
        )
        choices = []  # the month goes on without them: one mistake, one error
        asked = ZERO
    row = Row(month, available)
    if asked <= available:
        unspent = available - asked
        row.to_reserve_may = min(accrual.holiday, unspent)
        row.to_reserve = unspent - row.to_reserve_may
    else:
        row.to_reserve = -(asked - available)
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for choice in choices:
        amount = cost(choice, price)
        if choice.product == RESERVE:
            row.to_reserve += amount
        elif choice.product == RESERVE_MAY:
            row.to_reserve_may += amount
        else:
            row.spent += amount
            if choice.product == LEAVE:
                year.hours += choice.amount
                year.leave.append((month, choice.amount))
            else:
                paid[choice.product] += amount
    for product, code in PAID.items():
        amount = paid.get(product)
        label = f"Benefit Budget {month_name(month)}: {product}" if amount else ""
        if amount and _pay(ctx, month, code, amount, label):
            year.paid += amount
    year.spent += row.spent
    for pot, change in ((POT, row.to_reserve), (POT_MAY, row.to_reserve_may)):
        if change:
            kind = "storting" if change > 0 else "opname"
            key = "bb.reserve" if pot == POT else "bb.reserve-mei"
            book.ledger(month.last_day, pot, Unit.EUR, change, kind, key)
    if row.to_reserve_may and not year.reserve_may:
        year.may_since = month.first_day
    if row.to_reserve and not year.reserve:
        year.reserve_since = month.first_day
    year.reserve += row.to_reserve
    year.reserve_may += row.to_reserve_may
    year.rows.append(row)


def _payout(ctx: Context, year: Year, month: Month, code: str, *, may: bool, general: bool):
    """Pay a reserve (or both) in ``month``'s payroll, when ``as_of`` has reached it."""
    amount = (year.reserve_may if may else ZERO) + (year.reserve if general else ZERO)
    if not amount or not ctx.due(month):
        return
    _pay(ctx, month, code, amount, f"Benefit Budget: {PAYOUT_LABELS[code].lower()}")
    year.paid += amount
    year.payouts[code] += amount
    for pot, take, balance in ((POT_MAY, may, year.reserve_may), (POT, general, year.reserve)):
        if take and balance:
            key = f"bb.{code.removeprefix('bb-')}"
            ctx.book.ledger(month.last_day, pot, Unit.EUR, -balance, "uitbetaling", key)
    if may:
        year.reserve_may, year.may_since = ZERO, None
    if general:
        year.reserve, year.reserve_since = ZERO, None


def tranches(ctx: Context, year: Year, leaving: Month | None) -> None:
    """What the reserves still hold at the end of the year, and when it is paid (a leaver's
    reserves are left only when ``as_of`` comes before the settlement)."""
    book, next_year = ctx.book, ctx.year.year + 1
    if leaving is not None:
        step = f"uitbetaald bij de eindafrekening ({month_name(leaving)})"
        for pot, amount, since, label in (
            (POT, year.reserve, year.reserve_since, "Algemene reserve"),
            (POT_MAY, year.reserve_may, year.may_since, "Reservering uitkering mei"),
        ):
            if amount:
                key = "bb.reserve" if pot == POT else "bb.reserve-mei"
                book.tranche(
                    Tranche(
                        pot,
                        key,
                        f"{label} {ctx.year.code}",
                        Unit.EUR,
                        amount,
                        since or ctx.year.start,
                        leaving.first_day,
                        step,
                    )
                )
    if year.reserve_may and leaving is None:
        since = year.may_since or ctx.year.start
        step = f"uitbetaald met het salaris van mei {next_year}"
        label = f"Reservering uitkering mei {ctx.year.code}"
        book.tranche(
            Tranche(
                POT_MAY,
                "bb.reserve-mei",
                label,
                Unit.EUR,
                year.reserve_may,
                since,
                date(next_year, ctx.rules["uitkering_mei_maand"], 1),
                step,
            )
        )
    if year.reserve and leaving is None:
        month = Month(ctx.year.year, ctx.rules["reserve_uitbetaling_maand"])
        since = year.reserve_since or ctx.year.start
        step = f"uitbetaald met het salaris van {month_name(month)}"
        label = f"Algemene reserve {ctx.year.code}"
        book.tranche(
            Tranche(POT, "bb.reserve", label, Unit.EUR, year.reserve, since, month.first_day, step)
        )
    book.balance(POT, Unit.EUR, year.reserve)
    book.balance(POT_MAY, Unit.EUR, year.reserve_may)
