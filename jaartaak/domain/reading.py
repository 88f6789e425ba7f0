"""Reading a scenario's JSON: typed values, or an error entry with a Dutch message and a field path.

A scheme never trusts its input. Every value is read through a :class:`Reader`, which records a
problem (unknown field, missing field, wrong type, a float where money belongs, a negative
amount, an impossible date, a value outside its choices) instead of raising, so one bad
scenario gives a complete list of what is wrong and never a traceback.

JSON numbers with a fraction are parsed as :class:`JsonFloat`: the contract writes money, hours
and factors as strings, and a float is refused with a message that says so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar

from jaartaak.domain.periods import FIRST_YEAR, LAST_YEAR

T = TypeVar("T")

UNKNOWN_FIELD = "invoer.onbekend-veld"
MISSING = "invoer.ontbreekt"
WRONG_TYPE = "invoer.type"
NEGATIVE = "invoer.negatief"
BAD_DATE = "invoer.datum"
BAD_VALUE = "invoer.waarde"
BAD_JSON = "invoer.json"

#: No amount in a scheme comes near a trillion; larger input is a mistake, refused as such.
MAX_DIGITS_BEFORE_POINT = 12
MAX_INTEGER_DIGITS = 9
#: Dates outside FIRST_YEAR … LAST_YEAR are typing mistakes; refusing them keeps date arithmetic
#: (a 57th birthday, a year later) inside what Python's dates can hold.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class JsonFloat(Decimal):
    """A JSON number with a fraction or exponent, kept exact but marked: it was not a string."""


def loads(text: str | bytes) -> Any:
    """Parse JSON the way the calc contract reads it (numbers with a fraction as JsonFloat)."""
    return json.loads(text, parse_float=JsonFloat)


@dataclass(frozen=True)
class Issue:
    """An error or warning: a stable code, a Dutch message, and where in the input (if anywhere)."""

    code: str
    message: str
    field: str | None = None

    def to_json(self) -> dict[str, str]:
        data = {"code": self.code}
        if self.field is not None:
            data["field"] = self.field
        data["message"] = self.message
        return data


@dataclass
class Problems:
    """The errors found so far, in the order they were found."""

    errors: list[Issue] = field(default_factory=list)

    def add(self, code: str, path: str | None, message: str) -> None:
        self.errors.append(Issue(code, message, path))

    def __bool__(self) -> bool:
        return bool(self.errors)


@lru_cache(maxsize=16)
def _quantum(places: int) -> Decimal:
    """``places`` decimals as a quantum: 2 → Decimal("0.01")."""
    return Decimal(1).scaleb(-places)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Reader:
    """Typed access to one JSON object, recording problems under its path."""

    def __init__(self, data: Mapping[str, Any], path: str, problems: Problems) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self._seen: set[str] = set()

    @classmethod
    def of(
        cls, value: Any, path: str, problems: Problems, *, required: bool = True
    ) -> Reader | None:
        """A reader for ``value`` if it is an object; records a problem otherwise."""
        if value is None:
            if required:
                problems.add(MISSING, path, f"{path} ontbreekt.")
            return None
        if not isinstance(value, Mapping):
            problems.add(WRONG_TYPE, path, f"{path} moet een object zijn ({{…}}).")
            return None
        return cls(value, path, problems)

    def at(self, key: str) -> str:
        return _join(self.path, key)

    def _fetch(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        value = self.data.get(key)
        if value is None and required:
            self.problems.add(MISSING, self.at(key), f"{self.at(key)} ontbreekt.")
        return value

    def passthrough(self, key: str) -> Any:
        """The raw value of ``key``, which another reader (a scheme) will check."""
        self._seen.add(key)
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def obj(self, key: str, *, required: bool = False) -> Reader | None:
        value = self._fetch(key, required=False)
        return Reader.of(value, self.at(key), self.problems, required=required)

    def items(self, key: str, *, required: bool = False) -> list[Reader]:
        """The objects of a list; each with its own path (``choices.pb[1]``)."""
        value = self._fetch(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(
                WRONG_TYPE, self.at(key), f"{self.at(key)} moet een lijst zijn ([…])."
            )
            return []
        readers = [
            Reader.of(item, _join(self.at(key), i), self.problems) for i, item in enumerate(value)
        ]
        return [reader for reader in readers if reader is not None]

    def text(self, key: str, *, required: bool = True, max_length: int = 200) -> str | None:
        value = self._fetch(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problems.add(WRONG_TYPE, self.at(key), f"{self.at(key)} moet een tekst zijn.")
            return None
        if len(value) > max_length:
            self.problems.add(
                BAD_VALUE,
                self.at(key),
                f"{self.at(key)} is te lang (hoogstens {max_length} tekens).",
            )
            return None
        return value

    def choice(self, key: str, options: Mapping[str, str], *, required: bool = True) -> str | None:
        """One of ``options`` (value → Dutch description); the message lists what is allowed."""
        value = self.text(key, required=required)
        if value is None:
            return None
        if value not in options:
            allowed = ", ".join(f"'{option}'" for option in options)
            self.problems.add(
                BAD_VALUE,
                self.at(key),
                f"{self.at(key)}: '{value}' is geen geldige waarde (kies uit {allowed}).",
            )
            return None
        return value

    def decimal(
        self,
        key: str,
        *,
        required: bool = True,
        allow_negative: bool = False,
        maximum: Decimal | None = None,
        places: int = 4,
    ) -> Decimal | None:
        """A decimal written as a string (``"5000.00"``); floats, negatives and junk are refused.

        Every amount of every scenario passes here, so the field's path (for the message) is
        only made when there is a problem.
        """
        value = self._fetch(key, required)
        if value is None:
            return None
        if isinstance(value, JsonFloat | float | int):  # bool is an int too
            where = self.at(key)
            self.problems.add(
                WRONG_TYPE,
                where,
                f"{where} moet een tekst met een decimaal getal zijn, zoals "
                f'"{value}", geen getal zonder aanhalingstekens.',
            )
            return None
        if not isinstance(value, str):
            where = self.at(key)
            self.problems.add(
                WRONG_TYPE, where, f"{where} moet een tekst met een decimaal getal zijn."
            )
            return None
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or "e" in value or "E" in value:
            where = self.at(key)
            self.problems.add(WRONG_TYPE, where, f"{where}: '{value}' is geen decimaal getal.")
            return None
        if number.adjusted() >= MAX_DIGITS_BEFORE_POINT:
            where = self.at(key)
            self.problems.add(BAD_VALUE, where, f"{where}: '{value}' is te groot.")
            return None
        if number != number.quantize(_quantum(places)):
            where = self.at(key)
            self.problems.add(
                BAD_VALUE,
                where,
                f"{where}: '{value}' heeft te veel decimalen (hoogstens {places}).",
            )
            return None
        if number < 0 and not allow_negative:
            where = self.at(key)
            self.problems.add(NEGATIVE, where, f"{where} mag niet negatief zijn ({value}).")
            return None
        if maximum is not None and number > maximum:
            where = self.at(key)
            self.problems.add(
                BAD_VALUE, where, f"{where} is te groot ({value}; hoogstens {maximum})."
            )
            return None
        return number

    def integer(
        self,
        key: str,
        *,
        required: bool = True,
        choices: set[int] | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """A whole number, as a JSON integer or a string of digits (``1`` or ``"1"``)."""
        value = self._fetch(key, required)
        if value is None:
            return None
        where = self.at(key)
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.problems.add(WRONG_TYPE, where, f"{where} moet een geheel getal zijn.")
            return None
        text = str(value).strip()
        digits = text[1:] if text.startswith("-") else text
        if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_INTEGER_DIGITS:
            self.problems.add(WRONG_TYPE, where, f"{where}: '{value}' is geen geheel getal.")
            return None
        number = int(text)
        too_low = minimum is not None and number < minimum
        too_high = maximum is not None and number > maximum
        if (choices is not None and number not in choices) or too_low or too_high:
            allowed = (
                ", ".join(str(c) for c in sorted(choices))
                if choices is not None
                else f"{minimum} t/m {maximum}"
            )
            self.problems.add(
                BAD_VALUE, where, f"{where}: {number} is niet toegestaan ({allowed})."
            )
            return None
        return number

    def boolean(self, key: str, *, required: bool = False) -> bool | None:
        """A yes/no value, as JSON ``true`` or ``false`` (not ``"true"``, not ``1``)."""
        value = self._fetch(key, required)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problems.add(
                WRONG_TYPE,
                self.at(key),
                f"{self.at(key)} moet true of false zijn (ja of nee, zonder aanhalingstekens).",
            )
            return None
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        """A date ``YYYY-MM-DD`` that exists (2025-02-30 does not)."""
        value = self.text(key, required=required)
        if value is None:
            return None
        try:
            if not _ISO_DATE.match(value):  # no week dates (1960-W10-1) or other ISO forms
                raise ValueError
            day = date.fromisoformat(value)
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError
            return day
        except ValueError:
            self.problems.add(
                BAD_DATE,
                self.at(key),
                f"{self.at(key)}: '{value}' is geen bestaande datum "
                f"(JJJJ-MM-DD, jaar {FIRST_YEAR} t/m {LAST_YEAR}).",
            )
            return None

    def each(
        self, key: str, parse: Callable[[Reader], T | None], *, required: bool = False
    ) -> list[T]:
        """Parse every object of a list with ``parse``; items that had problems are left out."""
        results = []
        for item in self.items(key, required=required):
            parsed = parse(item)
            item.finish()
            if parsed is not None:
                results.append(parsed)
        return results

    def not_zero(self, key: str, value: Decimal | None) -> Decimal | None:
        """``value`` (read from ``key``) unless it is 0, which is refused: an amount of hours
        or euro that must be there (a salary, a leave taken) is never nothing."""
        if value is not None and value == 0:
            self.problems.add(BAD_VALUE, self.at(key), f"{self.at(key)} moet groter dan 0 zijn.")
            return None
        return value

    def start_and_end(self) -> tuple[date, date | None] | None:
        """An appointment's ``start`` and optional ``end``; refused when it ends before it
        starts."""
        start, end = self.day("start"), self.day("end", required=False)
        if start and end and end < start:
            self.problems.add(
                BAD_VALUE,
                self.at("end"),
                f"{self.at('end')}: de aanstelling eindigt vóór hij begint.",
            )
            return None
        return None if start is None else (start, end)

    def finish(self) -> None:
        """Every key not read is unknown: a typo must not be ignored silently."""
        for key in self.data:
            if key not in self._seen:
                self.problems.add(
                    UNKNOWN_FIELD, self.at(key), f"{self.at(key)} is een onbekend veld."
                )
