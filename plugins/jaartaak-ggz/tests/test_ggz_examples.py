"""Every worked example G1–G9 of ggz-balansbudget.md, through the calc contract and `jaartaak calc`.

The examples are copies of shared/spec/examples/ggz/ (tests/examples/), so the plugin stands
alone; the expected values must match exactly (examples README).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jaartaak_ggz.scheme import GgzBalansbudget

from jaartaak.cli import cli
from jaartaak.domain import calc, reading
from jaartaak.testing import example_mismatches as mismatches

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("G*.json"))
SCHEME = GgzBalansbudget()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_nine_examples_are_there():
    assert [p.stem for p in EXAMPLES] == [f"G{n}" for n in range(1, 10)]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example(path, calc_json):
    example = load(path)
    result = calc_json(json.dumps(example["scenario"]), SCHEME)  # as JSON text, like the CLI
    assert mismatches(result, example["expect"]) == []
    assert result["rule_version"] == "ggz-2025"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_through_jaartaak_calc(path):
    """The installed plugin answers `jaartaak calc -` byte for byte like the door itself."""
    from click.testing import CliRunner

    text = json.dumps(load(path)["scenario"])
    done = CliRunner().invoke(cli, ["calc", "-"], input=text)
    assert done.exit_code == 0, done.output
    assert mismatches(json.loads(done.stdout), load(path)["expect"]) == []
    direct = calc.dumps(calc.calculate(reading.loads(text), {SCHEME.id: SCHEME}))
    assert done.stdout == direct


@pytest.mark.slow
def test_jaartaak_calc_reads_an_example_file(tmp_path):
    """As a user runs it: a new process, a scenario file, the plugin found by its entry point."""
    path = tmp_path / "G3.json"
    path.write_text(json.dumps(load(EXAMPLES[2])["scenario"]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "jaartaak", "calc", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    payroll = json.loads(done.stdout)["payroll"]
    assert [(p["month"], p["code"], p["amount"]) for p in payroll] == [
        ("2026-01", "balansbudget-opleiding-restant", "357.14")
    ]
