"""Decimal arithmetic with the contract's rounding: half up, at the points the scheme names.

Every named quantity is rounded when it is first computed (factors to 4 decimals, hours and
euro to 2) and later steps compute with the rounded value. Floats never appear.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
FACTOR_QUANTUM = Decimal("0.0001")


def round2(value: Decimal) -> Decimal:
    """Hours and euro: two decimals, half up (2.345 → 2.35, -2.345 → -2.35)."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)  # the most frequent call of all
    return rounded.copy_abs() if rounded.is_zero() else rounded


def round4(value: Decimal) -> Decimal:
    """Factors such as a werktijdfactor: four decimals, half up."""
    return _positive_zero(value.quantize(FACTOR_QUANTUM, rounding=ROUND_HALF_UP))


def _positive_zero(value: Decimal) -> Decimal:
    return value.copy_abs() if value.is_zero() else value


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """``parts`` amounts rounded to cents that add up to ``total`` exactly.

    Each part is ``total / parts`` rounded half up; the last part takes the rounding
    difference (5055.42 over 12 months: eleven times 421.29 and once 421.23).
    """
    if parts <= 0:
        return []
    each = round2(total / parts)
    return [each] * (parts - 1) + [round2(total - each * (parts - 1))]


def decimal_text(value: Decimal, places: int) -> str:
    """The contract's text form: exactly ``places`` decimals, no exponent, no negative zero."""
    quantum = CENT if places == 2 else Decimal(1).scaleb(-places)
    rounded = _positive_zero(value.quantize(quantum, rounding=ROUND_HALF_UP))
    return f"{rounded:.{places}f}"
