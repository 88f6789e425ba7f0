"""What every Benefit Budget step works with: the year, the parameters in force, the book, as_of.

A policy parameter comes from the scenario's ``settings`` when set there (its source then says
so), else from the rule version. Dutch dates and amounts in messages are written the way the
built-in scheme writes them (its helpers, re-exported here). Payroll lines ask
:meth:`Context.due` whether ``as_of`` has reached their month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jaartaak.domain.caovo.context import DUTCH_MONTHS, dutch_date, nl
from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.domain.results import Book
from jaartaak.domain.scheme import RuleVersion
from jaartaak_benefit_budget.rules import age_table


@dataclass
class Context:
    year: CalendarYear
    rules: RuleVersion
    settings: dict[str, Any]
    book: Book
    as_of: date | None

    def value(self, name: str) -> Any:
        return self.settings.get(name, self.rules[name])

    def source(self, name: str) -> str:
        if name in self.settings:
            return f"instelling van de werkgever (settings.{name})"
        return self.rules.source(name)

    def pct(self, name: str) -> Decimal:
        """A percentage of the version as a fraction: ``8.00`` → 0.08."""
        return self.rules[name] / 100

    def age_table(self) -> tuple[tuple[int, Decimal], ...]:
        table = self.settings.get("leeftijdsverlof")
        return table if table is not None else age_table(self.rules["leeftijdsverlof"])

    def months(self) -> list[Month]:
        return self.year.months()

    def due(self, month: Month) -> bool:
        """Whether the payroll of ``month`` is booked by the scenario's ``as_of``."""
        return self.as_of is None or month.first_day <= self.as_of


def euro(value: Decimal) -> str:
    """A number in a formula, in the contract's notation: 1000.00."""
    return f"{value:.2f}"


def eur_nl(value: Decimal) -> str:
    """An amount in a Dutch sentence: € 1.234,56."""
    return f"€ {nl(value)}"


def month_name(month: Month) -> str:
    return f"{DUTCH_MONTHS[month.month - 1]} {month.year}"


__all__ = ["Context", "dutch_date", "eur_nl", "euro", "month_name", "nl"]
