"""The calc door hands a monthly choice budget (``monthly_products``) its choices as a list."""

from __future__ import annotations

from jaartaak.domain.calc import calculate
from jaartaak.domain.reading import WRONG_TYPE
from jaartaak.domain.results import Result
from jaartaak.domain.scheme import MonthlyProducts, RuleVersion, Scenario


class Monthly:
    id = "maandbudget-test"
    title = "Maandbudget (test)"
    period_kind = "kalenderjaar"
    required_totals = ()
    extra_fields = ()
    monthly_products = MonthlyProducts(products={"geld": "Geld"})

    def __init__(self) -> None:
        self.seen: list[object] = []

    def rule_versions(self) -> tuple[RuleVersion, ...]:
        return ()

    def options(self) -> tuple:
        return ()

    def calculate(self, scenario: Scenario) -> Result:
        self.seen.append(scenario.choices)
        return Result(scheme=self.id, period=scenario.period)


def run(scheme: Monthly, **fields) -> Result:
    raw = {"scheme": scheme.id, "period": "2025", "employee": {}, **fields}
    return calculate(raw, {scheme.id: scheme})


def test_a_list_of_choices_reaches_the_scheme():
    scheme = Monthly()
    choice = {"month": "2025-01", "product": "geld", "amount": "10.00"}
    assert run(scheme, choices=[choice]).ok
    assert run(scheme).ok  # no choices: an empty list
    assert scheme.seen == [[choice], []]


def test_an_object_is_no_list_of_choices():
    scheme = Monthly()
    result = run(scheme, choices={"month": "2025-01"})
    assert [(i.code, i.field) for i in result.errors] == [(WRONG_TYPE, "choices")]
    assert scheme.seen == []
