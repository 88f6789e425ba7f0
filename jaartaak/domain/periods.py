"""Periods the schemes compute over. A schooljaar runs from 1 August to 31 July."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_SCHOOLJAAR_CODE = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass(frozen=True, order=True)
class SchooljaarPeriod:
    """The schooljaar that starts on 1 August of ``start_year``."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> SchooljaarPeriod:
        return cls(day.year if day.month >= 8 else day.year - 1)

    @classmethod
    def parse(cls, code: str) -> SchooljaarPeriod:
        """``"2025-2026"`` → 1 August 2025 – 31 July 2026; anything else is refused."""
        match = _SCHOOLJAAR_CODE.match(code.strip())
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
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

    def shifted(self, years: int) -> SchooljaarPeriod:
        return SchooljaarPeriod(self.start_year + years)

    def __str__(self) -> str:
        return self.code
