"""Helpers shared by the tests: constants, the test configuration, logging in through the form."""

from __future__ import annotations

import re
from datetime import date

DEMO_PASSWORD = "demo-wachtwoord"
TEST_SECRET = "test-secret-key-that-is-long-enough-for-the-checks"
TODAY = date(2026, 11, 23)


def make_test_config(database_url: str, instance_path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": TEST_SECRET,
        "QUEUE_IMMEDIATE": True,
    }
    config.update(overrides)
    return config


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client, path: str, **request_options) -> str:
    page = client.get(path, **request_options)
    match = CSRF_FIELD.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, username: str, password: str = DEMO_PASSWORD, follow: bool = False):
    token = csrf_token(client, "/inloggen")
    return client.post(
        "/inloggen",
        data={"csrf_token": token, "username": username, "password": password},
        follow_redirects=follow,
    )


def logged_in(client, username: str):
    response = login(client, username)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def run_cli(app, *args: str, input: str | None = None):
    """Run a ``jaartaak`` command against ``app`` (the real command group, not ``app.cli``)."""
    from jaartaak.cli import cli

    return app.test_cli_runner().invoke(cli, list(args), input=input)
