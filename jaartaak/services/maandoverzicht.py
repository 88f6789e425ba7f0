"""The month-by-month view of a monthly budget (IKB style): what each month brought in, what
was spent and reserved, and where the pots stood at its end.

It reads only the contract's generic parts: the ``months`` total (a list of rows with a
``month`` and amounts), the ledger (for the pots' month-end balances, so a payout in May or
December shows as the drop it is) and the payroll. A scheme without a ``months`` total has no
monthly view.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jaartaak.domain.periods import Month
from jaartaak.domain.results import Result, Unit

ZERO = Decimal("0")
#: Column labels of the ``months`` rows the Benefit Budget (and other IKB schemes) report.
COLUMN_LABELS = {
    "accrued_eur": "Opbouw",
    "spent_eur": "Besteed",
    "to_reserve_eur": "Naar reserve",
    "to_reserve_may_eur": "Naar reservering mei",
}


@dataclass(frozen=True)
class Kolom:
    key: str
    label: str


@dataclass(frozen=True)
class Maand:
    month: Month
    amounts: dict[str, Decimal]
    #: Each euro pot's balance at the end of the month (after that month's payouts).
    stand: dict[str, Decimal]
    paid: Decimal


@dataclass(frozen=True)
class Maandoverzicht:
    columns: list[Kolom]
    pots: list[Kolom]
    months: list[Maand]


def _month_end_balances(result: Result, months: list[Month]) -> dict[str, list[Decimal]]:
    """Each euro pot's running balance at the end of every month in ``months``."""
    entries = sorted((e for e in result.ledger if e.unit is Unit.EUR), key=lambda e: (e.day, e.pot))
    pots = list(dict.fromkeys(e.pot for e in entries))
    balances: dict[str, list[Decimal]] = {pot: [] for pot in pots}
    running = dict.fromkeys(pots, ZERO)
    position = 0
    for month in months:
        while position < len(entries) and entries[position].day <= month.last_day:
            running[entries[position].pot] += entries[position].amount
            position += 1
        for pot in pots:
            balances[pot].append(running[pot])
    return balances


def overzicht_of(scheme, result: Result) -> Maandoverzicht | None:
    """The monthly view of ``result``; None when the scheme reports no months (or refused)."""
    rows = result.totals.get("months")
    if not isinstance(rows, list) or not rows or not result.ok:
        return None
    keys = [key for key in rows[0] if key != "month"]
    months = [Month.parse(row["month"]) for row in rows]
    labels = dict(getattr(scheme, "pot_labels", {}))
    found = _month_end_balances(result, months)
    # The scheme's own order of its pots first (as it labels them), then any other.
    order = [pot for pot in labels if pot in found] + [pot for pot in found if pot not in labels]
    balances = {pot: found[pot] for pot in order}
    paid: dict[Month, Decimal] = {}
    for line in result.payroll:
        paid[line.month] = paid.get(line.month, ZERO) + line.amount
    return Maandoverzicht(
        columns=[Kolom(key, COLUMN_LABELS.get(key, key)) for key in keys],
        pots=[Kolom(pot, labels.get(pot, pot)) for pot in balances],
        months=[
            Maand(
                month,
                {key: Decimal(str(row[key])) for key in keys},
                {pot: values[index] for pot, values in balances.items()},
                paid.get(month, ZERO),
            )
            for index, (month, row) in enumerate(zip(months, rows, strict=True))
        ],
    )
