"""The contract tests catch what they promise: each broken scheme below fails exactly its check.

Each broken scheme is the example scheme with one real mistake (a dropped explanation, a float
accepted, a crash on bad input, ...), so a passing contract means something.
"""

from __future__ import annotations

import copy
import itertools
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jaartaak_voorbeeld.scheme import VoorbeeldScheme

import jaartaak.testing
from jaartaak.domain.reading import UNKNOWN_FIELD, WRONG_TYPE, JsonFloat
from jaartaak.domain.results import Result
from jaartaak.testing import SchemeContract, calculate_json

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = {
    "scheme": "voorbeeld-budget",
    "period": "2025",
    "employee": {"appointments": [{"start": "2025-03-16", "end": None, "fte": "0.8000"}]},
    "settings": {"extra_uren_per_fte": "2.50"},
}


class Altered(VoorbeeldScheme):
    """The example scheme with ``change(result, scenario)`` applied to every result."""

    def __init__(self, change) -> None:
        self.change = change

    def calculate(self, scenario) -> Result:
        result = super().calculate(scenario)
        self.change(result, scenario)
        return result


def contract(scheme) -> SchemeContract:
    class Contract(SchemeContract):
        pass

    Contract.scheme = scheme
    Contract.scenarios = (SCENARIO,)
    return Contract()


def drop_errors(code):
    def change(result, scenario):
        result.errors = [issue for issue in result.errors if issue.code != code]

    return change


def crash_on_odd_employee(result, scenario):
    if not isinstance(scenario.employee, dict) or scenario.employee.get("appointments") is None:
        raise KeyError("appointments")


counter = itertools.count()
BROKEN = {
    "test_totals_are_explained": lambda result, _: result.lines.pop(),
    "test_float_where_money_belongs": drop_errors(WRONG_TYPE),
    "test_unknown_field_in_every_object": drop_errors(UNKNOWN_FIELD),
    "test_errors_book_nothing": drop_errors(UNKNOWN_FIELD),
    "test_garbage_never_raises": crash_on_odd_employee,
    "test_deterministic": lambda result, _: result.totals.update(n=next(counter)),
    "test_required_totals": lambda result, _: result.totals.pop("maanden"),
    "test_result_names_scheme_period_and_rule_version": lambda result, _: setattr(
        result, "rule_version", "voorbeeld-1999"
    ),
    "test_json_round_trip": lambda result, _: result.totals.update(ruw=0.5),  # a float
}


@pytest.mark.parametrize("check", sorted(BROKEN))
def test_each_check_fails_for_its_mistake(check):
    broken = contract(Altered(BROKEN[check]))
    with pytest.raises(AssertionError):
        getattr(broken, check)(copy.deepcopy(SCENARIO))


@pytest.mark.parametrize("check", sorted(BROKEN))
def test_each_check_passes_for_the_example_scheme(check):
    getattr(contract(VoorbeeldScheme()), check)(copy.deepcopy(SCENARIO))


def test_scenarios_without_a_decimal_field_cannot_pass_the_float_check_vacuously():
    whole = {**SCENARIO, "employee": {"appointments": [{"start": "2025-01-01", "fte": "1"}]}}
    del whole["settings"]
    without = contract(VoorbeeldScheme())
    type(without).scenarios = (whole,)
    with pytest.raises(AssertionError, match="geen enkel scenario heeft een decimaal veld"):
        without.test_scenarios_have_decimal_fields()


def test_rule_versions_must_not_overlap():
    first = VoorbeeldScheme().rule_versions()[0]

    class Overlapping(VoorbeeldScheme):
        def rule_versions(self):
            return (first, first)

    with pytest.raises(AssertionError):
        contract(Overlapping()).test_rule_versions_are_data()


def test_calc_json_is_served_by_the_installed_pytest_plugin(request, calc_json):
    assert request.config.pluginmanager.get_plugin("jaartaak") is jaartaak.testing
    assert calc_json is calculate_json
    result = calc_json(SCENARIO, VoorbeeldScheme())
    # (40 + 2.50) × (0.8 × 16/31 = 0.4129, + 9 × 0.8 = 7.6129) / 12 = 0.6344 → 26.96
    assert result["totals"]["fte_gemiddeld"] == "0.6344"
    assert result["totals"]["budget_uren"] == "26.96"


def test_the_pytest_plugin_is_declared_as_an_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["pytest11"] == {"jaartaak": "jaartaak.testing"}


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=12)
    | st.decimals(allow_nan=False, allow_infinity=False, places=3).map(JsonFloat)
    | st.sampled_from(["2025-01-01", "2025-02-30", "1.0000", "-0.5", "1e3", " 1.00 "]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
PLACES = ["employee", "choices", "events", "history", "settings", "as_of", "period", "scheme"]


@settings(max_examples=200, deadline=None)
@given(place=st.sampled_from(PLACES), value=JSON)
def test_random_json_anywhere_gives_a_result_never_an_exception(place, value):
    result = calculate_json({**SCENARIO, place: value}, VoorbeeldScheme())
    if result["errors"]:
        assert (result["ledger"], result["payroll"], result["balances"]) == ([], [], {})


@settings(max_examples=200, deadline=None)
@given(appointment=st.dictionaries(st.sampled_from(["start", "end", "fte", "soort"]), JSON))
def test_random_appointments_give_a_result_never_an_exception(appointment):
    scenario = {**SCENARIO, "employee": {"appointments": [appointment]}}
    result = calculate_json(scenario, VoorbeeldScheme())
    assert result["errors"] or Decimal(result["totals"]["budget_uren"]) >= 0


@settings(max_examples=200, deadline=None)
@given(fte=st.decimals(min_value=0, max_value=2, places=4), year=st.integers(2024, 2100))
def test_a_whole_year_gives_the_rate_times_the_fte(fte, year):
    scenario = {
        "scheme": "voorbeeld-budget",
        "period": str(year),
        "employee": {"appointments": [{"start": f"{year}-01-01", "fte": f"{fte:.4f}"}]},
    }
    result = calculate_json(scenario, VoorbeeldScheme())
    assert result["errors"] == []
    expected = (Decimal("40.00") * fte).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert result["totals"]["budget_uren"] == f"{expected:.2f}"
