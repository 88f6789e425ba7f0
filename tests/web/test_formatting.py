"""Dutch formatting through Babel, as every page shows numbers."""

from datetime import date
from decimal import Decimal

from jaartaak.web.formatting import datum, euro, factor, hours


def test_hours_use_dutch_separators():
    assert hours(Decimal("1659")) == "1.659,00"
    assert hours(Decimal("-12.5")) == "-12,50"


def test_euro_keeps_the_sign_with_the_amount():
    # A no-break space: the euro sign never wraps to another line than its amount.
    assert euro(Decimal("1087")) == "€\u00a01.087,00"
    assert euro(Decimal("-144.92")) == "€\u00a0-144,92"


def test_factor_has_four_decimals():
    assert factor(Decimal("0.5808")) == "0,5808"
    assert factor(Decimal("1")) == "1,0000"


def test_dates():
    assert datum(date(2026, 11, 23), "long") == "23 november 2026"
    assert datum(date(2026, 11, 23), "short") == "23-11-2026"
    assert datum(None) == ""


def test_the_filters_write_what_babels_own_functions_write():
    """The filters skip Babel's per-call lookups (for speed); the text must not change."""
    from babel.numbers import format_currency, format_decimal

    values = ["0", "-0", "0.005", "0.015", "-0.005", "1.005", "12.345", "-144.925", "999.995"]
    values += ["1659", "1234567.891", "-1234567.8", "0.00004999", "0.00005", "100"]
    for text in values:
        value = Decimal(text)
        assert hours(value) == format_decimal(value, format="#,##0.00", locale="nl_NL"), text
        assert euro(value) == format_currency(value, "EUR", locale="nl_NL"), text
        assert factor(value) == format_decimal(value, format="0.0000", locale="nl_NL"), text
