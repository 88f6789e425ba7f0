"""`jaartaak calc`: the calc contract on the command line (exit 0 / 2 / 1, JSON on stdout)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from jaartaak.cli import cli
from jaartaak.domain import calc, reading
from jaartaak.domain.caovo import CaoVoScheme

from support_examples import example_files, load_example, mismatches

FILES = example_files("cao-vo")


def calc_cli(text: str):
    return CliRunner().invoke(cli, ["calc", "-"], input=text)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_example_through_jaartaak_calc(path):
    example = load_example(path)
    text = json.dumps(example["scenario"])
    result = calc_cli(text)
    assert result.exit_code == (2 if example["expect"]["errors"] else 0), result.output
    output = json.loads(result.stdout)
    assert mismatches(output, example["expect"]) == []
    # Byte for byte what the door gives (the API will print the same text).
    direct = calc.dumps(calc.calculate(reading.loads(text), {"cao-vo": CaoVoScheme()}))
    assert result.stdout == direct


def test_a_file_and_standard_input_give_the_same(tmp_path):
    scenario = load_example(FILES[0])["scenario"]
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    from_file = subprocess.run(
        [sys.executable, "-m", "jaartaak", "calc", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    from_stdin = subprocess.run(
        [sys.executable, "-m", "jaartaak", "calc", "-"],
        input=json.dumps(scenario),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert from_file.returncode == from_stdin.returncode == 0, from_file.stderr
    assert from_file.stdout == from_stdin.stdout
    assert json.loads(from_file.stdout)["totals"]["pb_total_hours"] == "90.00"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ('{"scheme": "cao-vo"', "invoer.json", "De invoer is geen geldige JSON (fout bij regel 1"),
        ("[1, 2]", "invoer.json", "De invoer is geen JSON-object"),
        (
            '{"scheme": "cao-mbo", "period": "2025-2026"}',
            "scheme.onbekend",
            "Regeling 'cao-mbo' is niet bekend (geïnstalleerd: 'cao-vo'",
        ),
        (
            '{"scheme": "cao-vo", "period": "2025-2026", "employee": {"birth_date": "1980-13-01"}}',
            "invoer.datum",
            "employee.birth_date: '1980-13-01' is geen bestaande datum",
        ),
    ],
)
def test_bad_input_is_exit_2_with_json_errors(text, code, message):
    result = calc_cli(text)
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert code in [e["code"] for e in errors]
    assert any(e["message"].startswith(message) for e in errors), errors


def test_a_crash_is_exit_1_with_the_traceback_on_stderr(monkeypatch):
    def broken(self, scenario):
        raise ZeroDivisionError("kapot")

    monkeypatch.setattr(CaoVoScheme, "calculate", broken)
    result = calc_cli(json.dumps(load_example(FILES[0])["scenario"]))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Fout: de berekening is onverwacht mislukt" in result.stderr
    assert "ZeroDivisionError: kapot" in result.stderr


def test_calc_needs_no_database_or_app_configuration(tmp_path):
    """A broken app configuration does not matter: calc is pure computation."""
    env = {
        "PATH": "/usr/bin:/bin",
        "JAARTAAK_PORT": "geen-poort",
        "JAARTAAK_INSTANCE_PATH": str(tmp_path / "bestaat-niet" / "x"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "jaartaak", "calc", "-"],
        env=env,
        input=json.dumps(load_example(FILES[0])["scenario"]),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
