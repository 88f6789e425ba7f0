"""Dutch number and date formatting (Babel) as Jinja filters: 1.659,00 uur; € 1.087,00.

A page of the jaartaak or the budget shows a hundred numbers or more. Babel's ``format_decimal``
and ``format_currency`` look the locale up and parse the pattern on every call, which cost
about as much as the formatting itself; so the locale and the number patterns are parsed once
here, and each number goes straight to ``NumberPattern.apply``: what those functions do after
the lookups, so the text is the same.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import parse_pattern
from flask import Flask

LOCALE = "nl_NL"
TIMEZONE = "Europe/Amsterdam"
_LOCALE = Locale.parse(LOCALE)
_HOURS = parse_pattern("#,##0.00")
_FACTOR = parse_pattern("0.0000")
_EURO = _LOCALE.currency_formats["standard"]


def hours(value: Decimal | None) -> str:
    """Hours with two decimals: ``1.659,00``."""
    if value is None:
        return ""
    return _HOURS.apply(Decimal(value), _LOCALE)


def euro(value: Decimal | None) -> str:
    """Money: ``€ 1.087,00``."""
    if value is None:
        return ""
    return _EURO.apply(Decimal(value), _LOCALE, currency="EUR", currency_digits=True)


def factor(value: Decimal | None) -> str:
    """A factor such as a werktijdfactor, with four decimals: ``0,5808``."""
    if value is None:
        return ""
    return _FACTOR.apply(Decimal(value), _LOCALE)


def datum(value: date | None, style: str = "medium") -> str:
    """A date: ``23 nov 2026`` (medium), ``23-11-2026`` (short) or ``23 november 2026`` (long)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, format="d-M-yyyy HH:mm", tzinfo=TIMEZONE, locale=LOCALE)
    return format_date(value, format=style, locale=LOCALE)


def maand(value) -> str:
    """A payroll month (a ``Month``, or the month of a date): ``januari 2026``."""
    if value is None:
        return ""
    return format_date(date(value.year, value.month, 1), format="MMMM yyyy", locale=LOCALE)


def init_app(app: Flask) -> None:
    app.add_template_filter(hours, "uren")
    app.add_template_filter(euro, "euro")
    app.add_template_filter(factor, "factor")
    app.add_template_filter(datum, "datum")
    app.add_template_filter(maand, "maand")
