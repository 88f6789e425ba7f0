"""Mijn budget: what a scheme's answer says about the employee's budget, for any scheme.

Everything comes from the contract's generic parts (lines, balances, tranches, ledger, payroll);
a scheme may name the lines that belong to its budget (``budget_lines``: key prefixes) and its
pots (``pot_labels``). Without them the page shows every line and the pot ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jaartaak.domain.results import Line, PayrollLine, Quantity, Result, Tranche

ZERO = Decimal("0")


@dataclass(frozen=True)
class Pot:
    name: str
    label: str
    balance: Quantity
    tranches: list[Tranche]


@dataclass(frozen=True)
class Budget:
    lines: list[Line]
    pots: list[Pot]
    tranches: list[Tranche]
    payroll: list[PayrollLine]
    payroll_total: Decimal


def budget_of(scheme, result: Result) -> Budget:
    """The budget view of ``result`` (an answer with errors books nothing: no pots, no payroll)."""
    prefixes = tuple(getattr(scheme, "budget_lines", ()))
    labels = dict(getattr(scheme, "pot_labels", {}))
    lines = [line for line in result.lines if not prefixes or line.key.startswith(prefixes)]
    if not result.ok:
        return Budget(lines, [], [], [], ZERO)
    pots = [
        Pot(
            name,
            labels.get(name, name),
            balance,
            [t for t in result.tranches if t.pot == name],
        )
        for name, balance in result.balances.items()
    ]
    payroll = sorted(result.payroll, key=lambda p: (p.month, p.code))
    return Budget(
        lines,
        pots,
        list(result.tranches),
        payroll,
        sum((p.amount for p in payroll), ZERO),
    )
