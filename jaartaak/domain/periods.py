"""Periods the schemes compute over: schooljaar (1 August – 31 July), calendar year, month."""

from __future__ import annotations

import re
from calendar import isleap
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_SCHOOLJAAR_CODE = re.compile(r"^(\d{4})-(\d{4})$")
#: Periods outside these years are typing mistakes (and year 0 is no date at all).
FIRST_YEAR, LAST_YEAR = 1900, 2200
_YEAR_CODE = re.compile(r"^(\d{4})$")
_MONTH_CODE = re.compile(r"^(\d{4})-(\d{2})$")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, order=True)
class Month:
    """A payroll month, written ``2025-12``."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, code: str) -> Month:
        match = _MONTH_CODE.match(code.strip())
        if (
            not match
            or not 1 <= int(match.group(2)) <= 12
            or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR
        ):
            raise ValueError(f"{code!r} is geen maand (verwacht bijvoorbeeld 2025-12)")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def code(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        days = _MONTH_DAYS[self.month - 1] + (self.month == 2 and isleap(self.year))
        return date(self.year, self.month, days)

    def next(self) -> Month:
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def __str__(self) -> str:
        return self.code


@lru_cache(maxsize=64)
def _months_between(first: Month, last: Month) -> tuple[Month, ...]:
    """The months from ``first`` to ``last``; kept, as a period's months are asked for in every
    calculation (and a Month is immutable, so sharing them is safe)."""
    months, month = [], first
    while month <= last:
        months.append(month)
        month = month.next()
    return tuple(months)


@dataclass(frozen=True, order=True)
class SchooljaarPeriod:
    """The schooljaar that starts on 1 August of ``start_year``."""

    start_year: int

    kind = "schooljaar"

    @classmethod
    def containing(cls, day: date) -> SchooljaarPeriod:
        return cls(day.year if day.month >= 8 else day.year - 1)

    @classmethod
    def parse(cls, code: str) -> SchooljaarPeriod:
        """``"2025-2026"`` → 1 August 2025 – 31 July 2026; anything else is refused."""
        match = _SCHOOLJAAR_CODE.match(code.strip())
        if (
            not match
            or int(match.group(2)) != int(match.group(1)) + 1
            or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR
        ):
            raise ValueError(f"{code!r} is geen schooljaar (verwacht bijvoorbeeld 2025-2026)")
        return cls(int(match.group(1)))

    @property
    def code(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def start(self) -> date:
        return date(self.start_year, 8, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 7, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[Month]:
        """August … July."""
        return list(_months_between(Month(self.start_year, 8), Month(self.start_year + 1, 7)))

    def shifted(self, years: int) -> SchooljaarPeriod:
        return SchooljaarPeriod(self.start_year + years)

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, order=True)
class CalendarYear:
    """A calendar year, written ``2025``: 1 January – 31 December."""

    year: int

    kind = "kalenderjaar"

    @classmethod
    def containing(cls, day: date) -> CalendarYear:
        return cls(day.year)

    @classmethod
    def parse(cls, code: str) -> CalendarYear:
        match = _YEAR_CODE.match(code.strip())
        if not match or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            raise ValueError(f"{code!r} is geen kalenderjaar (verwacht bijvoorbeeld 2025)")
        return cls(int(match.group(1)))

    @property
    def code(self) -> str:
        return f"{self.year:04d}"

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[Month]:
        return list(_months_between(Month(self.year, 1), Month(self.year, 12)))

    def shifted(self, years: int) -> CalendarYear:
        return CalendarYear(self.year + years)

    def __str__(self) -> str:
        return self.code


Period = SchooljaarPeriod | CalendarYear

PERIOD_KINDS: dict[str, type[SchooljaarPeriod] | type[CalendarYear]] = {
    SchooljaarPeriod.kind: SchooljaarPeriod,
    CalendarYear.kind: CalendarYear,
}


def overlap_days(start: date, end: date | None, period_start: date, period_end: date) -> int:
    """Days of ``start`` … ``end`` (open-ended when None) that fall inside the period."""
    first = max(start, period_start)
    last = min(end or period_end, period_end)
    return max(0, (last - first).days + 1)
