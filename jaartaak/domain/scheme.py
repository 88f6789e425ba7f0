"""The Scheme protocol: what every budget scheme, built in or plugged in, provides.

A scheme turns a scenario (employee facts, a period, choices, events, history, settings) into a
:class:`~jaartaak.domain.results.Result`. Everything else in jaartaak (pages, forms, approvals,
PDF, payroll export, API) is generic over this protocol, so a new CAO's scheme needs no change
to the core. Rule parameters are data (:class:`RuleVersion`), never constants buried in code: a
stored year is recomputed under the version it was planned with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from jaartaak.domain.periods import Period
from jaartaak.domain.reading import Problems
from jaartaak.domain.results import Result, Unit


@dataclass(frozen=True)
class Parameter:
    """One rule parameter of a version: value, unit, Dutch label, source; ``policy`` when the
    CAO is silent and the value is a choice of this project (a named, overridable setting)."""

    name: str
    value: Decimal | int | str
    unit: Unit | None
    label: str
    source: str
    policy: bool = False


@dataclass(frozen=True)
class RuleVersion:
    """The parameters of a scheme for a range of periods (``first`` … ``last``, inclusive)."""

    id: str
    title: str
    first: Period
    last: Period | None
    parameters: Mapping[str, Parameter]

    def applies_to(self, period: Period) -> bool:
        return self.first <= period and (self.last is None or period <= self.last)

    def __getitem__(self, name: str) -> Any:
        return self.parameters[name].value

    def source(self, name: str) -> str:
        return self.parameters[name].source


def parameters(*items: Parameter) -> dict[str, Parameter]:
    return {item.name: item for item in items}


@dataclass(frozen=True)
class Option:
    """A choice a scheme offers, declared as data so that the core can build forms from it.

    ``key`` is the path of the value in the contract's ``choices`` (dots for nesting:
    ``aanvulling.level``). A ``list`` option is a list of entries, one per chosen item of
    ``choices``: ``item`` names the entry's field holding the item (``doel``) and ``amount`` the
    field holding its number (``hours``), so a generic form can read and write it.
    """

    key: str
    label: str
    kind: str  # "hours", "amount", "level", "choice", "list", "yesno" (a JSON true/false)
    choices: Mapping[str, str] = field(default_factory=dict)
    help: str = ""
    item: str = ""
    amount: str = "hours"


@dataclass(frozen=True)
class EventType:
    """A kind of event a scheme accepts (leave taken, a training claim), declared as data so that
    the core can build the form HR records it with. ``fields`` are the event's own fields besides
    ``date`` and ``type``, as options of kind ``hours`` or ``amount``."""

    key: str
    label: str
    fields: tuple[Option, ...]
    help: str = ""
    #: ``"date"``: the event carries a ``date``; ``"month"``: a ``month`` (``2025-03``), for
    #: monthly schemes whose events belong to a payroll month rather than a day.
    when: str = "date"


@dataclass(frozen=True)
class MonthlyProducts:
    """The choices of a monthly individual choice budget (IKB style), declared as data.

    Such a scheme's ``choices`` is a list of entries ``{month, product, amount}`` or, for the
    products in ``in_hours``, ``{month, product, hours}``. The core builds its month-by-month
    choice form from this declaration.
    """

    products: Mapping[str, str]
    in_hours: frozenset[str] = frozenset()
    help: str = ""

    def unit_field(self, product: str) -> str:
        """The entry's field holding the number: ``hours`` or ``amount``."""
        return "hours" if product in self.in_hours else "amount"


@dataclass(frozen=True)
class Scenario:
    """The calc contract's input, after the envelope has been checked.

    The scheme-specific parts stay plain JSON values: each scheme reads them with a
    :class:`~jaartaak.domain.reading.Reader`, which reports what is wrong with a field path.
    """

    scheme: str
    period: Period
    employee: Any
    choices: Any
    events: Any
    history: Any
    settings: Any
    as_of: date | None
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Scheme(Protocol):
    """A budget scheme. Attributes and methods are the contract a plugin implements."""

    #: Stable id used in scenarios and stored data, e.g. ``cao-vo``.
    id: str
    #: Dutch title for people.
    title: str
    #: ``schooljaar`` or ``kalenderjaar``.
    period_kind: str
    #: Totals keys every result carries (calc-contract.md, "Required totals keys").
    required_totals: Sequence[str]
    #: Top-level scenario fields besides the standard ones (``lessons``, ``tasks`` for CAO VO).
    extra_fields: Sequence[str]

    def rule_versions(self) -> Sequence[RuleVersion]:
        """Every rule version, oldest first."""
        ...

    def options(self) -> Sequence[Option]:
        """The choices this scheme offers an employee."""
        ...

    def calculate(self, scenario: Scenario) -> Result:
        """The answer for one scenario: pure, deterministic, never raising on bad input."""
        ...


def rule_version_for(scheme: Scheme, period: Period) -> RuleVersion | None:
    """The version that applies to ``period``, or None when the period predates the scheme."""
    return next((v for v in scheme.rule_versions() if v.applies_to(period)), None)


NO_RULES = "periode.geen-regels"


def begin(scheme: Scheme, scenario: Scenario) -> tuple[Result, Problems, RuleVersion | None]:
    """What every ``calculate`` starts with: an empty result for the period, a problem list, and
    the rule version in force (or, for a period before the scheme's first version, the problem
    ``periode.geen-regels``)."""
    result = Result(scheme=scheme.id, period=scenario.period)
    problems = Problems()
    rules = rule_version_for(scheme, scenario.period)
    if rules is None:
        first = scheme.rule_versions()[0].first
        problems.add(
            NO_RULES,
            "period",
            f"De regels van {scheme.title} beginnen bij "
            f"{first.code}; {scenario.period.code} is eerder.",
        )
    return result, problems, rules
