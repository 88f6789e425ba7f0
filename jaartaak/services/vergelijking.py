"""Two answers side by side: the current plan and a what-if (or a request), line by line.

Generic over schemes: rows come from the results' explained lines and payroll entries, matched
by their keys, so a plugin scheme's what-if compares without code of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from jaartaak.domain.periods import Month
from jaartaak.domain.results import Line, Result, Unit

ZERO = Decimal("0")


@dataclass(frozen=True)
class Rij:
    """One line in both answers (None where an answer lacks it)."""

    label: str
    unit: Unit
    nu: Decimal | int | None
    straks: Decimal | int | None

    @property
    def verschil(self) -> Decimal | int:
        return (self.straks or ZERO) - (self.nu or ZERO)

    @property
    def gewijzigd(self) -> bool:
        return self.nu != self.straks


@dataclass(frozen=True)
class Salarisrij:
    """One payroll code in one month in both answers (0 where an answer has nothing)."""

    month: Month
    label: str
    nu: Decimal
    straks: Decimal

    @property
    def gewijzigd(self) -> bool:
        return self.nu != self.straks


def _keyed(lines: list[Line]) -> dict[tuple[str, int], Line]:
    """Lines by (key, occurrence): a key that repeats (one per lesson) still pairs up in order."""
    seen: Counter[str] = Counter()
    keyed = {}
    for line in lines:
        keyed[(line.key, seen[line.key])] = line
        seen[line.key] += 1
    return keyed


def regels(nu: Result, straks: Result) -> list[Rij]:
    """Every line of either answer: in the what-if's order, then lines only the plan has."""
    before, after = _keyed(nu.lines), _keyed(straks.lines)
    order = list(after) + [key for key in before if key not in after]
    rows = []
    for key in order:
        line = after.get(key) or before[key]
        old, new = before.get(key), after.get(key)
        rows.append(
            Rij(
                line.label,
                line.unit,
                old.amount if old else None,
                new.amount if new else None,
            )
        )
    return rows


def salaris(nu: Result, straks: Result) -> list[Salarisrij]:
    """Payroll per month and code in both answers, by month. An answer with errors pays nothing."""
    amounts: dict[tuple[Month, str], list[Decimal]] = {}
    labels: dict[str, str] = {}
    for side, result in enumerate((nu, straks)):
        if not result.ok:
            continue
        for line in result.payroll:
            labels[line.code] = line.label
            pair = amounts.setdefault((line.month, line.code), [ZERO, ZERO])
            pair[side] += line.amount
    return [
        Salarisrij(month, labels[code], pair[0], pair[1])
        for (month, code), pair in sorted(amounts.items(), key=lambda item: item[0])
    ]
