"""What every CAO VO step works with: the period, the parameters in force, and the book.

A parameter comes from the school's ``settings`` when set there (its source then says so),
else from the rule version, else from the taakbeleid defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaartaak.domain.caovo.rules import TAAKBELEID_DEFAULTS
from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.domain.results import Book
from jaartaak.domain.scheme import RuleVersion

POLICY_UNALLOCATED = (
    "beleid jaartaak: uren die niet zijn toegewezen tellen als reductie overige taken"
)
DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass
class Context:
    period: SchooljaarPeriod
    rules: RuleVersion
    settings: dict[str, Decimal | int]
    book: Book
    as_of: date | None

    def value(self, name: str):
        if name in self.settings:
            return self.settings[name]
        if name in self.rules.parameters:
            return self.rules[name]
        return TAAKBELEID_DEFAULTS[name].value

    def source(self, name: str) -> str:
        if name in self.settings:
            return f"instelling van de school (settings.{name})"
        if name in self.rules.parameters:
            return self.rules.source(name)
        return TAAKBELEID_DEFAULTS[name].source

    def applies(self, day: date) -> bool:
        """Whether a time-driven step dated ``day`` is due by the scenario's ``as_of``."""
        return self.as_of is None or day <= self.as_of


def num(value: Decimal | int) -> str:
    """A parameter as people write it: 1659, 0.5, 37.8 (no trailing zeros, no exponent)."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text


def hours(value: Decimal) -> str:
    """A number in a formula, in the contract's notation: 1659.00."""
    return f"{value:.2f}"


def nl(value: Decimal) -> str:
    """A number in a Dutch sentence (messages are for people): 1.659,00."""
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def factor(value: Decimal) -> str:
    return f"{value:.4f}"


def dutch_date(day: date) -> str:
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"
