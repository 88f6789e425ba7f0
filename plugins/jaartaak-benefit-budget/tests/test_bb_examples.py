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
from jaartaak.testing import example_mismatches as mismatches

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("B*.json"))
SCHEME = BenefitBudget()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


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
