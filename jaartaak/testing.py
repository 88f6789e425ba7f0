"""Contract tests for budget schemes, shipped as a pytest plugin (``pytest11`` entry point).

A scheme package runs them against its own scheme by subclassing :class:`SchemeContract` in its
test suite (docs/plugins.md). Every check goes through the same door as ``jaartaak calc``
(:func:`jaartaak.domain.calc.calculate` and :func:`~jaartaak.domain.calc.dumps`), so what passes
here is what users and integrations get.

The bad-input checks are generic: they walk the scheme's own valid scenarios and corrupt every
field in turn (a float for every decimal string, an unknown key in every object, wrong types and
None everywhere), so a scheme needs to declare nothing beyond its scenarios. The few fields that
break the generic rules are named with ``open_objects`` and ``not_decimals``.

pytest loads this module in every environment where jaartaak is installed, so it imports only
pytest and jaartaak's pure domain (no Flask, no database).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any, ClassVar

import pytest

from jaartaak.domain.calc import STANDARD_FIELDS, UNKNOWN_SCHEME, calculate, dumps
from jaartaak.domain.periods import PERIOD_KINDS
from jaartaak.domain.reading import UNKNOWN_FIELD, WRONG_TYPE, JsonFloat, loads
from jaartaak.domain.reading import _join as join_path  # the Reader's own path format
from jaartaak.domain.results import Quantity, Result, Unit
from jaartaak.domain.scheme import Scheme, rule_version_for
from jaartaak.plugins import checked_schemes

DECIMAL_TEXT = re.compile(r"^-?\d+\.\d+$")
OPTION_KINDS = {"hours", "amount", "level", "choice", "list"}
UNKNOWN_KEY = "contracttest_onbekend"

Path = tuple[str | int, ...]


def strict_calculate(raw: Any, schemes: Mapping[str, Scheme]) -> Result:
    """The calc door without containment: a scheme that raises fails the test with its own
    traceback instead of answering ``scheme.fout`` as it would for users."""
    return calculate(raw, schemes, contain=False)


def calculate_json(scenario: Mapping[str, Any] | str | bytes, *schemes: Scheme) -> dict[str, Any]:
    """The JSON ``jaartaak calc`` prints for ``scenario`` (a dict, or JSON text read like calc)."""
    raw = loads(scenario) if isinstance(scenario, str | bytes) else copy.deepcopy(scenario)
    return json.loads(dumps(strict_calculate(raw, {scheme.id: scheme for scheme in schemes})))


@pytest.fixture
def calc_json():
    """``calc_json(scenario, *schemes) -> dict``: run a scenario through the calc contract."""
    return calculate_json


def nodes(value: Any, keys: Path = (), path: str = "") -> Iterator[tuple[Path, str, Any]]:
    """Every value below ``value`` with its keys and its field path (``employee.jobs[0].fte``)."""
    if isinstance(value, Mapping):
        children: Iterator[tuple[str | int, Any]] = iter(value.items())
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return
    for key, child in children:
        child_path = join_path(path, key)
        yield (*keys, key), child_path, child
        yield from nodes(child, (*keys, key), child_path)


def replaced(scenario: Mapping[str, Any], keys: Path, value: Any) -> dict[str, Any]:
    """A deep copy of ``scenario`` with the value at ``keys`` replaced."""
    data = copy.deepcopy(dict(scenario))
    target: Any = data
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    return data


def generic(path: str) -> str:
    """A field path with list indices left out (``employee.jobs[].fte``), to name a field."""
    return re.sub(r"\[\d+\]", "[]", path)


def issues(result: Result) -> str:
    return "; ".join(f"{i.code} {i.field}: {i.message}" for i in result.errors) or "geen"


class SchemeContract:
    """Subclass as ``TestMyScheme(SchemeContract)`` with ``scheme`` and valid ``scenarios``.

    ``scenarios`` are valid scenario dicts in calc-contract form (strings for decimals).
    ``open_objects`` names objects whose keys are free (so an unknown key is no error) and
    ``not_decimals`` text fields that look like decimals; both as :func:`generic` paths.
    """

    scheme: ClassVar[Scheme]
    scenarios: ClassVar[Sequence[Mapping[str, Any]]] = ()
    open_objects: ClassVar[Sequence[str]] = ()
    not_decimals: ClassVar[Sequence[str]] = ()

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "scenario" not in metafunc.fixturenames:
            return
        if not self.scenarios:
            raise ValueError(f"{type(self).__name__}.scenarios is leeg: geef geldige scenario's")
        ids = [f"{i}-{s.get('period')}" for i, s in enumerate(self.scenarios)]
        metafunc.parametrize("scenario", [copy.deepcopy(s) for s in self.scenarios], ids=ids)

    def calc(self, scenario: Mapping[str, Any]) -> Result:
        return strict_calculate(copy.deepcopy(scenario), {self.scheme.id: self.scheme})

    # The scheme as data -------------------------------------------------------------------

    def test_scheme_declares_itself(self):
        checked_schemes([self.scheme])  # what the registry refuses at startup
        assert self.scheme.title.strip()
        assert len(set(self.scheme.required_totals)) == len(self.scheme.required_totals)
        assert not set(self.scheme.extra_fields) & set(STANDARD_FIELDS)

    def test_rule_versions_are_data(self):
        versions = list(self.scheme.rule_versions())
        assert versions, "een regeling heeft ten minste één regelversie"
        assert len({v.id for v in versions}) == len(versions)
        period_type = PERIOD_KINDS[self.scheme.period_kind]
        for older, newer in pairwise(versions):
            assert older.last is not None and older.last < newer.first, (
                f"{older.id} en {newer.id} overlappen of staan niet van oud naar nieuw"
            )
        for version in versions:
            assert version.title.strip() and isinstance(version.first, period_type)
            assert version.last is None or version.first <= version.last
            for name, parameter in version.parameters.items():
                assert parameter.name == name and parameter.label.strip(), f"{version.id}.{name}"
                assert parameter.source.strip(), f"{version.id}.{name} heeft geen bron"
                assert not isinstance(parameter.value, float), f"{version.id}.{name} is een float"

    def test_options_are_data(self):
        options = list(self.scheme.options())
        assert len({option.key for option in options}) == len(options)
        for option in options:
            assert option.label.strip() and option.kind in OPTION_KINDS, option.key
            if option.kind in {"list", "level", "choice"}:
                assert option.choices, f"{option.key}: een {option.kind} zonder keuzes"
            if option.kind == "list":
                assert option.item and option.amount, f"{option.key}: item en amount ontbreken"

    def test_scenarios_have_decimal_fields(self):
        """Without one, the float check would pass vacuously: it needs a field to corrupt."""
        found = [p for s in self.scenarios for _, p, _ in self.decimal_fields(s)]
        assert found, 'geen enkel scenario heeft een decimaal veld (zoals "5000.00")'

    # One valid scenario -------------------------------------------------------------------

    def test_scenario_is_valid(self, scenario):
        result = self.calc(scenario)
        assert result.ok, f"een geldig scenario gaf fouten: {issues(result)}"

    def test_deterministic(self, scenario):
        before = copy.deepcopy(scenario)
        first = dumps(strict_calculate(scenario, {self.scheme.id: self.scheme}))
        assert scenario == before, "calculate veranderde de invoer"
        assert dumps(self.calc(scenario)) == first

    def test_json_round_trip(self, scenario):
        result = self.calc(scenario)
        text = dumps(result)
        assert json.loads(text) == result.to_json()
        json.loads(text, parse_float=self.refuse_float)
        data = json.loads(text)
        moving = data["lines"] + data["ledger"] + list(data["balances"].values())
        for item in moving:
            expected = int if item["unit"] == Unit.MONTHS else str
            assert isinstance(item["amount"], expected), item
        assert all(isinstance(entry["amount"], str) for entry in data["payroll"])

    @staticmethod
    def refuse_float(text: str) -> None:
        raise AssertionError(f"een getal zonder aanhalingstekens in de uitvoer: {text}")

    def test_required_totals(self, scenario):
        totals = self.calc(scenario).totals
        assert [k for k in self.scheme.required_totals if k not in totals] == []

    def test_totals_are_explained(self, scenario):
        result = self.calc(scenario)
        explained = {line.total for line in result.lines}
        numeric = [k for k, v in result.totals.items() if isinstance(v, Quantity)]
        assert [k for k in numeric if k not in explained] == [], "totalen zonder uitlegregel"
        for line in result.lines:
            assert line.label.strip() and line.formula.strip() and line.source.strip(), line

    def test_result_names_scheme_period_and_rule_version(self, scenario):
        result = self.calc(scenario)
        assert result.scheme == self.scheme.id
        assert result.period is not None and result.period.code == scenario["period"]
        version = rule_version_for(self.scheme, result.period)
        assert version is not None and result.rule_version == version.id
        assert result.rule_version in {v.id for v in self.scheme.rule_versions()}

    # Bad input: errors, never a crash and never a silent default ---------------------------

    def test_errors_book_nothing(self, scenario):
        assert isinstance(scenario.get("employee"), Mapping), "employee is een object"
        bad = replaced(scenario, ("employee", UNKNOWN_KEY), "1.00")
        result = self.calc(bad)
        assert (UNKNOWN_FIELD, f"employee.{UNKNOWN_KEY}") in {
            (issue.code, issue.field) for issue in result.errors
        }
        data = result.to_json()
        assert (data["ledger"], data["payroll"], data["balances"]) == ([], [], {})
        assert data.get("tranches", []) == [], "met fouten houdt geen spaarpot een tranche"

    def test_unknown_top_level_field(self, scenario):
        result = self.calc({**scenario, UNKNOWN_KEY: {}})
        assert [(i.code, i.field) for i in result.errors] == [(UNKNOWN_FIELD, UNKNOWN_KEY)]

    def test_wrong_scheme_id(self, scenario):
        result = self.calc({**scenario, "scheme": f"{self.scheme.id}-bestaat-niet"})
        assert [(i.code, i.field) for i in result.errors] == [(UNKNOWN_SCHEME, "scheme")]

    def decimal_fields(self, scenario: Mapping[str, Any]) -> list[tuple[Path, str, str]]:
        return [
            (keys, path, value)
            for keys, path, value in nodes(scenario)
            if isinstance(value, str)
            and DECIMAL_TEXT.match(value)
            and generic(path) not in self.not_decimals
        ]

    def test_float_where_money_belongs(self, scenario):
        """Each decimal string written as a JSON number (``5000.00`` unquoted) is refused."""
        missed = []
        for keys, path, value in self.decimal_fields(scenario):
            result = self.calc(replaced(scenario, keys, JsonFloat(value)))
            if (WRONG_TYPE, path) not in {(i.code, i.field) for i in result.errors}:
                missed.append(f"{path}: {issues(result)}")
        assert missed == [], f"een float waar een decimale tekst hoort, is geen {WRONG_TYPE}"

    def test_unknown_field_in_every_object(self, scenario):
        missed = []
        for keys, path, value in [((), "", scenario), *nodes(scenario)]:
            if not isinstance(value, Mapping) or generic(path) in self.open_objects:
                continue
            field = join_path(path, UNKNOWN_KEY)
            result = self.calc(replaced(scenario, (*keys, UNKNOWN_KEY), "1"))
            if (UNKNOWN_FIELD, field) not in {(i.code, i.field) for i in result.errors}:
                missed.append(f"{field}: {issues(result)}")
        assert missed == [], "een onbekend veld werd niet gemeld"

    def test_garbage_never_raises(self, scenario):
        """Wrong types and None at every field: a result with errors, never an exception."""
        crashed, accepted = [], []
        for keys, path, value in list(nodes(scenario)):
            for garbage, must_refuse in self.garbage_for(value):
                try:
                    result = self.calc(replaced(scenario, keys, garbage))
                    dumps(result)
                except Exception as error:  # the contract: never raise on bad input
                    crashed.append(f"{path} = {garbage!r}: {type(error).__name__}: {error}")
                    continue
                if must_refuse and result.ok:
                    accepted.append(f"{path} = {garbage!r}")
        for raw in (None, [], "tekst", 3, [scenario]):
            assert not self.calc_raw(raw).ok
        assert crashed == [], "onzin in de invoer liet calculate crashen"
        assert accepted == [], "een verkeerd type werd zonder fout geaccepteerd"

    def calc_raw(self, raw: Any) -> Result:
        return strict_calculate(raw, {self.scheme.id: self.scheme})

    @staticmethod
    def garbage_for(value: Any) -> list[tuple[Any, bool]]:
        """Replacements for ``value``, each with whether it must give an error."""
        wrong_type: list[Any]
        if isinstance(value, Mapping):
            wrong_type = ["tekst", [{}]]  # a string or a list where an object belongs
        elif isinstance(value, list):
            wrong_type = ["tekst", {"a": 1}]  # a string or an object where a list belongs
        else:
            wrong_type = [{"a": 1}, ["tekst", None]]  # containers where a value belongs
        harmless = [None, "", "NaN", True]  # may be refused or (when optional) accepted
        return [(g, True) for g in wrong_type] + [(g, False) for g in harmless]


def example_mismatches(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Everything in ``result`` (the contract's JSON) that a worked example's ``expect`` says
    otherwise; empty when it matches (shared/spec/examples/README.md)."""
    problems = []
    for key, value in expect.get("totals", {}).items():
        if result["totals"].get(key) != value:
            problems.append(f"totals.{key}: expected {value!r}, got {result['totals'].get(key)!r}")
    errors = {e["code"] for e in result["errors"]}
    for code in expect.get("errors", []):
        if code not in errors:
            problems.append(f"missing error {code}; got {sorted(errors)}")
    if not expect.get("errors") and errors:
        problems.append(f"unexpected errors {sorted(errors)}: {result['errors']}")
    warnings = {w["code"] for w in result["warnings"]}
    for code in expect.get("warnings", []):
        if code not in warnings:
            problems.append(f"missing warning {code}; got {sorted(warnings)}")
    if not expect.get("errors"):
        got = [(p["month"], p["code"], p["amount"]) for p in result["payroll"]]
        wanted = [(p["month"], p["code"], p["amount"]) for p in expect.get("payroll", [])]
        if got != wanted:
            problems.append(f"payroll: expected {wanted}, got {got}")
    else:
        if result["payroll"] or result["ledger"]:
            problems.append("a result with errors booked payroll or ledger entries")
    return problems
