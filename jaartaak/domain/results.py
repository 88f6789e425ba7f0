"""What a scheme answers: explained lines, totals, ledger, balances, payroll, warnings, errors.

Amounts are Decimals with a unit; the unit decides the text form of the contract (hours, euro
and lesuren with 2 decimals, factors with 4, months as an integer). Every number a page, PDF or
API shows is a :class:`Line` with its formula and source: nobody re-derives it elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jaartaak.domain.decimals import decimal_text
from jaartaak.domain.periods import Month, Period
from jaartaak.domain.reading import Issue


class Unit(StrEnum):
    HOURS = "hours"
    EUR = "eur"
    FACTOR = "factor"
    LESUREN = "lesuren"  # lessons per week
    MONTHS = "months"

    @property
    def places(self) -> int:
        return 4 if self is Unit.FACTOR else 0 if self is Unit.MONTHS else 2


def amount_json(value: Decimal | int, unit: Unit) -> str | int:
    if unit is Unit.MONTHS:
        return int(value)
    return decimal_text(Decimal(value), unit.places)


@dataclass(frozen=True)
class Quantity:
    """A total: an amount in a unit."""

    amount: Decimal | int
    unit: Unit

    def to_json(self) -> str | int:
        return amount_json(self.amount, self.unit)


@dataclass(frozen=True)
class Line:
    """One explained number: what it is, its formula with the numbers filled in, and its source.

    ``total`` names the totals key this line explains, if any.
    """

    key: str
    label: str
    unit: Unit
    amount: Decimal | int
    formula: str
    source: str
    total: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "unit": self.unit.value,
            "amount": amount_json(self.amount, self.unit),
            "formula": self.formula,
            "source": self.source,
        }
        if self.total is not None:
            data["total"] = self.total
        return data


@dataclass(frozen=True)
class LedgerEntry:
    """A movement in a pot (a savings pot, a reserve) on a day."""

    day: date
    pot: str
    unit: Unit
    amount: Decimal
    kind: str
    key: str

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "pot": self.pot,
            "unit": self.unit.value,
            "amount": amount_json(self.amount, self.unit),
            "kind": self.kind,
            "key": self.key,
        }


@dataclass(frozen=True)
class PayrollLine:
    """Money for the payroll of a month: positive is paid to the employee, negative withheld."""

    month: Month
    code: str
    amount: Decimal
    pensionable: bool
    label: str

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month.code,
            "code": self.code,
            "amount": amount_json(self.amount, Unit.EUR),
            "pensionable": self.pensionable,
            "label": self.label,
        }


@dataclass(frozen=True)
class Tranche:
    """What one deposit in a pot still holds after the period, and what happens to it next.

    Beyond the contract's required fields (which it welcomes): the budget pages draw the pots
    from it, so they need no scheme-specific code. ``next_day`` is when the tranche changes
    (converts to money, lapses); ``next_step`` says what happens then, for people.
    """

    pot: str
    key: str
    label: str
    unit: Unit
    amount: Decimal
    since: date
    next_day: date | None
    next_step: str

    def to_json(self) -> dict[str, Any]:
        return {
            "pot": self.pot,
            "key": self.key,
            "label": self.label,
            "unit": self.unit.value,
            "amount": amount_json(self.amount, self.unit),
            "since": self.since.isoformat(),
            "next_day": self.next_day.isoformat() if self.next_day else None,
            "next_step": self.next_step,
        }


TotalValue = Quantity | int | bool | str | list[dict[str, Any]] | None


@dataclass
class Result:
    """The answer of a scheme to one scenario (see calc-contract.md)."""

    scheme: str
    rule_version: str | None = None
    period: Period | None = None
    totals: dict[str, TotalValue] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    balances: dict[str, Quantity] = field(default_factory=dict)
    payroll: list[PayrollLine] = field(default_factory=list)
    tranches: list[Tranche] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def order_totals(self, keys) -> None:
        """Put ``totals`` in the order of ``keys`` (the contract's list), any others after:
        the JSON then reads the same for every result of a scheme."""
        order = {key: index for index, key in enumerate(keys)}
        self.totals = dict(sorted(self.totals.items(), key=lambda kv: order.get(kv[0], len(order))))

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON. With errors nothing is booked: ledger and payroll are empty."""
        booked = self.ok
        return {
            "scheme": self.scheme,
            "rule_version": self.rule_version,
            "period": None
            if self.period is None
            else {
                "id": self.period.code,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "totals": {key: _total_json(value) for key, value in self.totals.items()},
            "lines": [line.to_json() for line in self.lines],
            "ledger": [entry.to_json() for entry in self.ledger] if booked else [],
            "balances": {
                pot: {"unit": q.unit.value, "amount": q.to_json()}
                for pot, q in self.balances.items()
            }
            if booked
            else {},
            "payroll": [line.to_json() for line in self.payroll] if booked else [],
            "tranches": [item.to_json() for item in self.tranches] if booked else [],
            "warnings": [issue.to_json() for issue in self.warnings],
            "errors": [issue.to_json() for issue in self.errors],
        }


def _total_json(value: TotalValue) -> Any:
    return value.to_json() if isinstance(value, Quantity) else value


class Book:
    """Collects what a calculation finds, so each rule is one small function writing into it."""

    def __init__(self, result: Result) -> None:
        self.result = result

    def line(
        self,
        key: str,
        label: str,
        unit: Unit,
        amount: Decimal | int,
        formula: str,
        source: str,
        total: str | None = None,
    ) -> Decimal | int:
        """Record an explained number (and the total it explains); returns the amount."""
        self.result.lines.append(Line(key, label, unit, amount, formula, source, total))
        if total is not None:
            self.result.totals[total] = Quantity(amount, unit)
        return amount

    def total(self, key: str, value: TotalValue) -> None:
        self.result.totals[key] = value

    def error(self, code: str, field_path: str | None, message: str) -> None:
        self.result.errors.append(Issue(code, message, field_path))

    def warn(self, code: str, message: str, field_path: str | None = None) -> None:
        self.result.warnings.append(Issue(code, message, field_path))

    def ledger(self, day: date, pot: str, unit: Unit, amount: Decimal, kind: str, key: str) -> None:
        self.result.ledger.append(LedgerEntry(day, pot, unit, amount, kind, key))

    def pay(
        self, month: Month, code: str, amount: Decimal, label: str, *, pensionable: bool = False
    ) -> None:
        self.result.payroll.append(PayrollLine(month, code, amount, pensionable, label))

    def balance(self, pot: str, unit: Unit, amount: Decimal) -> None:
        self.result.balances[pot] = Quantity(amount, unit)

    def tranche(self, tranche: Tranche) -> None:
        self.result.tranches.append(tranche)
