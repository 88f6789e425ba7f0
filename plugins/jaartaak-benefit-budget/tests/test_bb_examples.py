"""Every worked example of nwb-benefit-budget.md, through the calc contract and `jaartaak calc`.

The examples are copies of shared/spec/examples/benefit-budget/ (tests/examples/), so the plugin
stands alone; the expected values must match exactly (examples README).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jaartaak_benefit_budget.scheme import BenefitBudget

from jaartaak.domain import calc, reading

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("B*.json"))
SCHEME = BenefitBudget()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def mismatches(result: dict, expect: dict) -> list[str]:
    """What ``result`` says otherwise than the example (the core's examples rule)."""
    problems = [
        f"totals.{key}: expected {value!r}, got {result['totals'].get(key)!r}"
        for key, value in expect.get("totals", {}).items()
        if result["totals"].get(key) != value
    ]
    errors = {e["code"] for e in result["errors"]}
    warnings = {w["code"] for w in result["warnings"]}
    problems += [f"missing error {c}" for c in expect.get("errors", []) if c not in errors]
    problems += [f"missing warning {c}" for c in expect.get("warnings", []) if c not in warnings]
    if not expect.get("errors"):
        if errors:
            problems.append(f"unexpected errors {result['errors']}")
        got = [(p["month"], p["code"], p["amount"]) for p in result["payroll"]]
        wanted = [(p["month"], p["code"], p["amount"]) for p in expect.get("payroll", [])]
        if got != wanted:
            problems.append(f"payroll: expected {wanted}, got {got}")
    return problems


def test_the_examples_are_there():
    assert [p.stem for p in EXAMPLES] == ["B1", "B2", "B3", "B5", "B7"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example(path, calc_json):
    example = load(path)
    result = calc_json(json.dumps(example["scenario"]), SCHEME)  # as JSON text, like the CLI
    assert mismatches(result, example["expect"]) == []
    assert result["rule_version"] == "nwb-2011"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_through_jaartaak_calc(path, tmp_path):
    """As a user runs it: a new process, a scenario file, the plugin found by its entry point;
    byte for byte what the door itself answers."""
    text = json.dumps(load(path)["scenario"])
    file = tmp_path / path.name
    file.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "jaartaak", "calc", str(file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert mismatches(json.loads(done.stdout), load(path)["expect"]) == []
    direct = calc.dumps(calc.calculate(reading.loads(text), {SCHEME.id: SCHEME}))
    assert done.stdout == direct
