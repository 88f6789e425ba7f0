"""Dutch number and date formatting (Babel) as Jinja filters: 1.659,00 uur; € 1.087,00."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal
from flask import Flask

LOCALE = "nl_NL"
TIMEZONE = "Europe/Amsterdam"


def hours(value: Decimal | None) -> str:
    """Hours with two decimals: ``1.659,00``."""
    if value is None:
        return ""
    return format_decimal(Decimal(value), format="#,##0.00", locale=LOCALE)


def euro(value: Decimal | None) -> str:
    """Money: ``€ 1.087,00``."""
    if value is None:
        return ""
    return format_currency(Decimal(value), "EUR", locale=LOCALE)


def factor(value: Decimal | None) -> str:
    """A factor such as a werktijdfactor, with four decimals: ``0,5808``."""
    if value is None:
        return ""
    return format_decimal(Decimal(value), format="0.0000", locale=LOCALE)


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
