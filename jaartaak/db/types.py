"""Column types that keep money and hours exact on every database.

SQLite has no decimal type: SQLAlchemy's ``Numeric`` would round-trip through a float there.
``Decimal`` stores a canonical string on SQLite and a ``NUMERIC(p, s)`` on PostgreSQL, and always
hands back a ``decimal.Decimal`` quantized to the column's scale. Check constraints on such
columns must compare ``CAST(column AS NUMERIC)``: on SQLite the stored value is text.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal with a fixed number of decimals (``scale``)."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__()
        self.precision = precision
        self.scale = scale
        self.quantum = Decimal(1).scaleb(-scale)

    def __repr__(self) -> str:
        return f"ExactDecimal({self.precision}, {self.scale})"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(self.precision + 2))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect: Dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("geld en uren zijn Decimal, nooit float")
        try:
            exact = Decimal(value)
        except (InvalidOperation, TypeError):
            raise ValueError(f"{value!r} is geen decimaal getal") from None
        if not exact.is_finite():
            raise ValueError(f"{value} is geen eindig getal")
        too_large = ValueError(f"{value} is te groot (hoogstens {self.precision} cijfers)")
        try:
            quantized = exact.quantize(self.quantum)
        except InvalidOperation:
            raise too_large from None
        if exact != quantized:
            raise ValueError(f"{value} heeft meer dan {self.scale} decimalen")
        if len(quantized.as_tuple().digits) > self.precision:
            # PostgreSQL refuses this too; SQLite would store it, so both must refuse it here.
            raise too_large
        return str(quantized) if dialect.name == "sqlite" else quantized

    def process_result_value(self, value, dialect: Dialect):
        if value is None:
            return None
        return Decimal(value).quantize(self.quantum)
