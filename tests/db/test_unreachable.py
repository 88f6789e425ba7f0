"""An unreachable database is reported in Dutch, without its password, never as a traceback."""

from __future__ import annotations

import pytest

from jaartaak.app import create_app

from support import make_test_config, run_cli

CLOSED = "postgresql+psycopg://jaartaak:geheim-wachtwoord@127.0.0.1:1/jaartaak"


@pytest.fixture
def unreachable_app(tmp_path):
    return create_app(make_test_config(CLOSED, tmp_path / "instance"))


def test_the_cli_names_the_database_and_the_setting(unreachable_app):
    result = run_cli(unreachable_app, "db", "upgrade")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Fout: geen verbinding met de database "
        "postgresql+psycopg://jaartaak:***@127.0.0.1:1/jaartaak (JAARTAAK_DATABASE_URL): "
    )
    assert "geheim-wachtwoord" not in result.output
    assert "Traceback" not in result.output


def test_the_web_says_the_database_is_unreachable(unreachable_app):
    response = unreachable_app.test_client().get("/inloggen")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Database niet bereikbaar" in page
    assert "geheim-wachtwoord" not in page
