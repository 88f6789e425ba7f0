"""Input a browser or a curious user can send: never a crash page, never a half-done change."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jaartaak.db import Database
from jaartaak.models import Job

from support import DEMO_PASSWORD, csrf_token, logged_in


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("planner", "/planner/medewerkers/99999999999999999999"),
        ("planner", "/planner/medewerkers/0"),
        ("beheerder", "/opdrachten/99999999999999999999"),
        ("beheerder", "/opdrachten/99999999999999999999.json"),
    ],
)
def test_an_id_out_of_range_is_not_found(client, demo, username, path):
    logged_in(client, username)
    response = client.get(path)
    assert response.status_code == 404
    assert "Niet gevonden" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["abc", "1.5", "", "99999999999999999999999"])
def test_a_bad_board_id_in_the_export_form_is_refused(client, demo, database, value):
    logged_in(client, "beheerder")
    response = client.post(
        "/beheer/auditlog/export",
        data={"csrf_token": csrf_token(client, "/beheer/"), "organisation_id": value},
    )
    assert response.status_code in (400, 404)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 0


@pytest.mark.parametrize(
    "target", ["/%0d%0aX-Evil:%201", "/\\evil.example", "/mijn/\\..\\x", "//evil.example", "/%09x"]
)
def test_next_with_control_characters_or_backslashes_goes_home(client, demo, target):
    token = csrf_token(client, "/inloggen")
    response = client.post(
        f"/inloggen?next={target}",
        data={"csrf_token": token, "username": "jansen", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_pages_are_not_cached_but_static_files_may_be(client, demo):
    logged_in(client, "salaris")
    assert client.get("/salaris/").headers["Cache-Control"] == "no-store"
    assert client.get("/inloggen").headers["Cache-Control"] == "no-store"
    assert client.get("/static/style.css").headers.get("Cache-Control") != "no-store"


def test_a_database_that_goes_away_gives_a_dutch_503(app, client, demo, tmp_path):
    logged_in(client, "jansen")
    assert client.get("/mijn/").status_code == 200
    state = app.extensions["jaartaak"]
    working = state.database
    state.database = Database("postgresql+psycopg://jaartaak:geheim@127.0.0.1:1/weg")
    try:
        response = client.get("/mijn/")
    finally:
        state.database = working
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Database niet bereikbaar" in page
    assert "geheim" not in page
