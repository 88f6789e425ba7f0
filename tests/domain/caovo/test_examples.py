"""Every CAO VO example of the spec, through the scheme (pure) and its JSON form."""

from __future__ import annotations

import json

import pytest

from jaartaak.domain import calc, reading
from jaartaak.domain.caovo import CaoVoScheme

from support_examples import example_files, load_example, mismatches

SCHEMES = {"cao-vo": CaoVoScheme()}
FILES = example_files("cao-vo")


def test_the_examples_are_there():
    assert len(FILES) >= 9


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_example(path):
    example = load_example(path)
    # Through JSON text, as the CLI and the API read it.
    scenario = reading.loads(json.dumps(example["scenario"]))
    result = json.loads(calc.dumps(calc.calculate(scenario, SCHEMES)))
    assert mismatches(result, example["expect"]) == []
    assert result["rule_version"] == "cao-vo-2022"
