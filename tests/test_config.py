"""Configuration layers and the messages for a broken configuration."""

from __future__ import annotations

import re
import stat

import pytest

from jaartaak.app import create_app
from jaartaak.config import SETTINGS, ConfigError


def env(tmp_path, **values) -> dict[str, str]:
    """A process environment with an instance folder and a database of the test's own."""
    base = {
        "JAARTAAK_INSTANCE_PATH": str(tmp_path / "instance"),
        "JAARTAAK_DATABASE_URL": f"sqlite:///{tmp_path / 'config-test.db'}",
    }
    base.update({f"JAARTAAK_{key}": value for key, value in values.items()})
    return base


def test_defaults(tmp_path):
    app = create_app(environ={"JAARTAAK_INSTANCE_PATH": str(tmp_path / "inst")})
    assert app.config["PORT"] == 5000
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'inst' / 'jaartaak.db'}"
    assert app.config["REDIS_URL"] == ""
    assert app.config["DEBUG"] is False
    assert app.instance_path == str(tmp_path / "inst")


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    first = create_app(environ=env(tmp_path))
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) >= 32
    second = create_app(environ=env(tmp_path))
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_instance_file_overrides_defaults_and_environment_overrides_instance_file(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PORT = 6001\nLOGIN_MAX_FAILURES = 3\n")
    app = create_app(environ=env(tmp_path, PORT="6002"))
    assert app.config["PORT"] == 6002
    assert app.config["LOGIN_MAX_FAILURES"] == 3


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PORT", "vijfduizend", "JAARTAAK_PORT (omgeving): verwacht een geheel getal"),
        ("PORT", "70000", "JAARTAAK_PORT (omgeving): moet tussen 1 en 65535 liggen"),
        (
            "DATABASE_URL",
            "mysql://localhost/x",
            "JAARTAAK_DATABASE_URL (omgeving): database 'mysql'",
        ),
        (
            "DATABASE_URL",
            "geen url",
            "JAARTAAK_DATABASE_URL (omgeving): 'geen url' is geen database-URL",
        ),
        ("DATABASE_URL", "postgresql+psycopg2://localhost/x", "gebruik het stuurprogramma psycopg"),
        (
            "REDIS_URL",
            "localhost:6379",
            "JAARTAAK_REDIS_URL (omgeving): 'localhost:6379' is geen Redis-URL",
        ),
        ("DEBUG", "misschien", "JAARTAAK_DEBUG (omgeving): verwacht ja/nee"),
    ],
)
def test_a_bad_value_names_the_setting_and_the_problem(tmp_path, name, value, expected):
    with pytest.raises(ConfigError) as error:
        create_app(environ=env(tmp_path, **{name: value}))
    assert expected in str(error.value)


def test_a_bad_value_in_the_instance_file_names_the_file(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PORT = 'abc'\n")
    with pytest.raises(
        ConfigError, match=r"PORT \(instance/config.py\): verwacht een geheel getal"
    ):
        create_app(environ=env(tmp_path))


def test_a_broken_instance_file_is_named(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PORT = = 1\n")
    with pytest.raises(ConfigError, match=r"config.py: kan dit bestand niet lezen"):
        create_app(environ=env(tmp_path))


def test_a_misspelled_variable_is_refused_with_a_suggestion(tmp_path):
    environ = env(tmp_path)
    environ["JAARTAAK_DATABSE_URL"] = "sqlite://"
    with pytest.raises(
        ConfigError,
        match=re.escape(
            "JAARTAAK_DATABSE_URL: onbekende instelling. Bedoelde u JAARTAAK_DATABASE_URL?"
        ),
    ):
        create_app(environ=environ)


@pytest.mark.parametrize("key", ["dev", "changeme", "kort-maar-uniek"])
def test_a_known_or_short_secret_key_is_refused_outside_debug(tmp_path, key):
    with pytest.raises(
        ConfigError,
        match=re.escape("JAARTAAK_SECRET_KEY (omgeving): dit is een bekende of te korte"),
    ):
        create_app(environ=env(tmp_path, SECRET_KEY=key))


def test_debug_mode_accepts_a_development_key(tmp_path):
    app = create_app(environ=env(tmp_path, SECRET_KEY="dev", DEBUG="1"))
    assert app.config["SECRET_KEY"] == "dev"
    assert app.debug


def test_every_setting_is_documented():
    with open("docs/configuratie.md", encoding="utf-8") as handle:
        documented = handle.read()
    missing = [s.name for s in SETTINGS if f"`JAARTAAK_{s.name}`" not in documented]
    assert missing == []


def test_session_cookie_settings(app):
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_a_weak_key_in_the_instance_file_is_named_there(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text('SECRET_KEY = "dev"\n')
    with pytest.raises(ConfigError, match=re.escape("SECRET_KEY (instance/config.py): dit is")):
        create_app(environ=env(tmp_path))


def test_an_empty_key_file_is_named(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "secret_key").write_text("")
    with pytest.raises(
        ConfigError, match="secret_key: de sleutel in dit bestand is leeg of te kort"
    ):
        create_app(environ=env(tmp_path))


def make_key(instance: str) -> str:
    from pathlib import Path

    from jaartaak.secret_key import ensure_secret_key

    config: dict = {}
    ensure_secret_key(config, Path(instance), None)
    return config["SECRET_KEY"]


def test_processes_starting_together_share_one_key(tmp_path):
    """gunicorn -w 4 on a fresh instance folder: every worker must end up with the same key."""
    import multiprocessing

    for attempt in range(5):
        instance = tmp_path / f"instance{attempt}"
        instance.mkdir()
        with multiprocessing.get_context("fork").Pool(4) as pool:
            keys = pool.map(make_key, [str(instance)] * 8)
        assert len(set(keys)) == 1
        assert stat.S_IMODE((instance / "secret_key").stat().st_mode) == 0o600
        assert [p.name for p in instance.iterdir()] == ["secret_key"]  # no temporary files left


def test_a_misspelled_name_in_the_instance_file_is_refused(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text('DATABSE_URL = "sqlite://"\n')
    with pytest.raises(
        ConfigError,
        match=re.escape("DATABSE_URL is geen bekende instelling. Bedoelde u DATABASE_URL?"),
    ):
        create_app(environ=env(tmp_path))


def test_flask_settings_in_the_instance_file_are_allowed(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "MAX_CONTENT_LENGTH = 20_000_000\nWTF_CSRF_SSL_STRICT = True\n"
    )
    assert create_app(environ=env(tmp_path)).config["MAX_CONTENT_LENGTH"] == 20_000_000


def test_an_unusable_instance_folder_is_named(tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    environ = env(tmp_path)
    environ["JAARTAAK_INSTANCE_PATH"] = str(blocker / "instance")
    with pytest.raises(ConfigError, match=r"JAARTAAK_INSTANCE_PATH: kan de map .* niet maken"):
        create_app(environ=environ)


def test_a_new_instance_folder_is_private(tmp_path):
    create_app(environ=env(tmp_path))
    assert stat.S_IMODE((tmp_path / "instance").stat().st_mode) == 0o700
