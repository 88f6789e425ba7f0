"""What every balansbudget step works with: the year, the parameters in force, the book, as_of.

A policy parameter comes from the scenario's ``settings`` when set there (its source then says
so), else from the rule version. Dutch dates and numbers in messages are written the way the
built-in scheme writes them (its helpers, re-exported here). Time-driven steps (lapse,
conversion, settlement, payroll months) ask :meth:`Context.due` whether ``as_of`` has reached them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaartaak.domain.caovo.context import DUTCH_MONTHS, dutch_date, nl
from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.domain.results import Book
from jaartaak.domain.scheme import RuleVersion
from jaartaak_ggz.rules import day_in


@dataclass
class Context:
    year: CalendarYear
    rules: RuleVersion
    settings: dict[str, int]
    book: Book
    as_of: date | None

    def value(self, name: str):
        return self.settings.get(name, self.rules[name])

    def source(self, name: str) -> str:
        if name in self.settings:
            return f"instelling van de werkgever (settings.{name})"
        return self.rules.source(name)

    def day(self, name: str, years_later: int = 0) -> date:
        """A day of the year held in the rule version (``"07-01"``), in this or a later year."""
        return day_in(self.year.year + years_later, self.rules[name])

    @property
    def peildatum(self) -> date:
        return self.day("peildatum")

    def due(self, day: date) -> bool:
        """Whether a time-driven step dated ``day`` is applied by the scenario's ``as_of``."""
        return self.as_of is None or day <= self.as_of

    def pay(self, month: Month, code: str, amount: Decimal, label: str) -> None:
        """A payroll line, only when its month has begun by ``as_of`` and there is money."""
        if amount and self.due(month.first_day):
            self.book.pay(month, code, amount, label)


def euro(value: Decimal) -> str:
    """A number in a formula, in the contract's notation: 1000.00."""
    return f"{value:.2f}"


def month_name(month: Month) -> str:
    return f"{DUTCH_MONTHS[month.month - 1]} {month.year}"


__all__ = ["Context", "dutch_date", "euro", "month_name", "nl"]
