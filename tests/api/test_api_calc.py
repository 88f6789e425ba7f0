"""POST /api/v1/calc answers byte for byte what `jaartaak calc` prints, for every worked example
(the CAO VO's in tests/examples, the plugins' in plugins/*/tests/examples, copies of
../shared/spec/examples): 200 without errors, 422 with errors, 400 for a body that is not a
JSON object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jaartaak.domain import calc
from jaartaak.services.calc import run_calc

from support import DEMO_PASSWORD, run_cli
from support_api import bearer, token_for

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted(
    [
        *(ROOT / "tests" / "examples").glob("*/*.json"),
        *(ROOT / "plugins").glob("*/tests/examples/*.json"),
    ]
)


SHARED = ROOT.parent / "shared" / "spec" / "examples"
SHARED_FOLDERS = {
    "cao-vo": ROOT / "tests" / "examples" / "cao-vo",
    "ggz": ROOT / "plugins" / "jaartaak-ggz" / "tests" / "examples",
    "benefit-budget": ROOT / "plugins" / "jaartaak-benefit-budget" / "tests" / "examples",
}


@pytest.fixture
def token(database):
    """Any user may calculate: a user without a role, on an otherwise empty database."""
    from jaartaak.models import Organisation
    from jaartaak.services.accounts import create_user

    with database.session() as session:
        board = Organisation(name="Rekenbestuur")
        session.add(board)
        create_user(session, "rekenaar", DEMO_PASSWORD, display_name="R", organisation=board)
    return token_for(database, "rekenaar")


def _cli(app, path: Path):
    result = run_cli(app, "calc", str(path))
    assert result.exit_code in (0, 2), result.output
    return result


def test_there_are_examples_of_all_three_schemes():
    for folder in SHARED_FOLDERS.values():
        assert set(folder.glob("*.json")) <= set(EXAMPLES)
        assert list(folder.glob("*.json"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/spec/examples is not checked out here")
def test_the_examples_tested_are_those_of_the_shared_spec():
    for name, folder in SHARED_FOLDERS.items():
        shared = {p.name: p.read_bytes() for p in (SHARED / name).glob("*.json")}
        assert shared == {p.name: p.read_bytes() for p in folder.glob("*.json")}, name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_answers_as_the_cli(app, client, token, path):
    scenario = json.loads(path.read_text(encoding="utf-8"))["scenario"]
    body = json.dumps(scenario, ensure_ascii=False).encode("utf-8")
    response = client.post(
        "/api/v1/calc", data=body, headers=bearer(token), content_type="application/json"
    )
    cli = run_cli(app, "calc", "-", input=body.decode("utf-8"))
    assert cli.exit_code in (0, 2), cli.output
    assert response.get_data() == cli.stdout.encode("utf-8")
    assert response.status_code == (200 if cli.exit_code == 0 else 422)
    registry = app.extensions["jaartaak"].schemes
    assert response.get_data(as_text=True) == calc.dumps(run_calc(body, registry))


def test_a_scenario_with_errors_is_422_with_the_clis_json(app, client, token, tmp_path):
    scenario = {"scheme": "cao-vo", "period": "2025-2026", "employee": {"onbekend": "x"}}
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    response = client.post("/api/v1/calc", data=path.read_bytes(), headers=bearer(token))
    assert response.status_code == 422
    assert response.get_data(as_text=True) == _cli(app, path).stdout
    assert response.get_json()["errors"]


def test_a_float_in_the_scenario_is_refused_as_the_cli_does(app, client, token, tmp_path):
    path = tmp_path / "float.json"
    path.write_text(
        '{"scheme": "cao-vo", "period": "2025-2026", "employee": {"birth_date": "1970-01-01",'
        ' "category": "OP", "salary_scale": "LC", "fulltime_monthly_salary": 5000.5,'
        ' "appointments": [{"start": "2020-08-01", "end": null, "fte": "1", "kind":'
        ' "regulier"}]}}',
        encoding="utf-8",
    )
    response = client.post("/api/v1/calc", data=path.read_bytes(), headers=bearer(token))
    assert response.status_code == 422
    assert response.get_data(as_text=True) == _cli(app, path).stdout
    assert "fulltime_monthly_salary" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "body",
    ["[]", "1.5", '"tekst"', "{kapot", "", b"\xff\xfe"],
    ids=["list", "float", "string", "broken", "empty", "not-utf8"],
)
def test_a_body_that_is_not_a_json_object_is_400(app, client, token, tmp_path, body):
    path = tmp_path / "body.json"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    response = client.post("/api/v1/calc", data=path.read_bytes(), headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["code"] == "invoer.json"
    assert response.get_data(as_text=True) == _cli(app, path).stdout


def test_an_unknown_scheme_is_422(client, token):
    response = client.post(
        "/api/v1/calc", data='{"scheme": "bestaat-niet", "period": "2026"}', headers=bearer(token)
    )
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["code"] == "scheme.onbekend"
