"""Configuration: defaults, then ``instance/config.py``, then ``JAARTAAK_*`` environment variables.

Every setting is declared once in :data:`SETTINGS` with its type and a Dutch description, so that
a wrong value is refused with a message that names the setting and says what is wrong with it,
and so that docs/configuratie.md can be checked against this list by a test. A misspelled
``JAARTAAK_*`` variable is refused too: silently ignoring ``JAARTAAK_DATABSE_URL`` would run a
school on the wrong database.
"""

from __future__ import annotations

import difflib
import os
import runpy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_PREFIX = "JAARTAAK_"

#: ``JAARTAAK_*`` variables that are not application settings but are read elsewhere: by the
#: tests, or (``DISABLED_PLUGINS``) by the plugin loader, which also runs without an app.
AUXILIARY_ENV = frozenset({"TEST_DATABASE_URL", "TEST_REDIS_URL", "DISABLED_PLUGINS"})


class ConfigError(RuntimeError):
    """A setting has a value the application cannot run with; the message names the setting."""


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "ja", "on"}:
        return True
    if text in {"0", "false", "no", "nee", "off", ""}:
        return False
    raise ValueError("verwacht ja/nee (true/false, 1/0)")


def _parse_int(minimum: int, maximum: int) -> Callable[[Any], int]:
    def parse(raw: Any) -> int:
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValueError(f"verwacht een geheel getal, niet {raw!r}") from None
        if not minimum <= value <= maximum:
            raise ValueError(f"moet tussen {minimum} en {maximum} liggen, niet {value}")
        return value

    return parse


def _parse_database_url(raw: Any) -> str:
    text = str(raw).strip()
    try:
        url = make_url(text)
    except ArgumentError:
        raise ValueError(
            f"{text!r} is geen database-URL; voorbeeld: "
            "postgresql+psycopg://gebruiker@host:5432/jaartaak of sqlite:////pad/jaartaak.db"
        ) from None
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ValueError(
            f"database '{url.get_backend_name()}' wordt niet ondersteund "
            "(alleen sqlite en postgresql)"
        )
    if url.get_backend_name() == "postgresql" and url.get_driver_name() not in {"psycopg"}:
        raise ValueError("gebruik het stuurprogramma psycopg: postgresql+psycopg://…")
    return text


def _parse_redis_url(raw: Any) -> str:
    text = str(raw).strip()
    if text and not text.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"{text!r} is geen Redis-URL (verwacht redis://host:6379/0)")
    return text


def _parse_str(raw: Any) -> str:
    return str(raw)


def _parse_log_level(raw: Any) -> str:
    text = str(raw).strip().upper()
    if text not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError("verwacht DEBUG, INFO, WARNING of ERROR")
    return text


@dataclass(frozen=True)
class Setting:
    """One configurable value: its name without prefix, parser, default and meaning."""

    name: str
    parse: Callable[[Any], Any]
    default: Any
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SECRET_KEY",
        _parse_str,
        None,
        "Sleutel waarmee sessies worden ondertekend. Ontbreekt hij, dan wordt er bij de "
        "eerste start een gemaakt in de instance-map. Bij meerdere app-servers overal gelijk.",
    ),
    Setting(
        "DATABASE_URL",
        _parse_database_url,
        None,
        "Database. Standaard SQLite in de instance-map; PostgreSQL als "
        "postgresql+psycopg://gebruiker@host:5432/naam.",
    ),
    Setting(
        "INSTANCE_PATH",
        _parse_str,
        None,
        "Map voor lokale gegevens: config.py, de geheime sleutel, de SQLite-database en de "
        "wachtrij van achtergrondtaken.",
    ),
    Setting("PORT", _parse_int(1, 65535), 5000, "Poort waarop `jaartaak demo` luistert."),
    Setting(
        "REDIS_URL",
        _parse_redis_url,
        "",
        "Redis voor de wachtrij van achtergrondtaken (nodig bij meerdere servers). "
        "Leeg: een SQLite-wachtrij in de instance-map.",
    ),
    Setting("DEBUG", _parse_bool, False, "Ontwikkelmodus. Nooit in productie."),
    Setting(
        "HTTPS",
        _parse_bool,
        False,
        "Zet het sessiecookie altijd op Secure (ook als een proxy https niet doorgeeft).",
    ),
    Setting(
        "PROXY_COUNT",
        _parse_int(0, 5),
        0,
        "Aantal reverse proxies (nginx, load balancer) vóór de app waarvan X-Forwarded-* "
        "vertrouwd wordt, zodat https en het IP-adres van de gebruiker kloppen.",
    ),
    Setting(
        "LOGIN_MAX_FAILURES",
        _parse_int(1, 100),
        5,
        "Aantal mislukte inlogpogingen waarna inloggen tijdelijk geblokkeerd wordt.",
    ),
    Setting(
        "LOGIN_MAX_FAILURES_PER_ADDRESS",
        _parse_int(1, 100_000),
        100,
        "Aantal mislukte inlogpogingen vanaf één IP-adres (alle namen samen) waarna dat adres "
        "tijdelijk geblokkeerd wordt.",
    ),
    Setting(
        "LOGIN_LOCKOUT_MINUTES",
        _parse_int(1, 24 * 60),
        15,
        "Hoe lang inloggen geblokkeerd blijft na te veel mislukte pogingen.",
    ),
    Setting("LOG_LEVEL", _parse_log_level, "INFO", "Niveau van de logging."),
    Setting(
        "UPLOAD_MAX_MB",
        _parse_int(1, 100),
        5,
        "Grootste bestand (in MB) dat een planner kan uploaden om te importeren. Een groter "
        "verzoek wordt geweigerd voordat het gelezen wordt (HTTP 413).",
    ),
    Setting(
        "SMTP_HOST",
        _parse_str,
        "",
        "Mailserver voor e-mail aan medewerkers (besluit over een verzoek). Leeg: geen e-mail, "
        "alleen meldingen in de app.",
    ),
    Setting("SMTP_PORT", _parse_int(1, 65535), 587, "Poort van de mailserver."),
    Setting("SMTP_USER", _parse_str, "", "Gebruikersnaam bij de mailserver (leeg: geen login)."),
    Setting("SMTP_PASSWORD", _parse_str, "", "Wachtwoord bij de mailserver."),
    Setting("SMTP_STARTTLS", _parse_bool, True, "Versleutel de verbinding met STARTTLS."),
    Setting("MAIL_FROM", _parse_str, "jaartaak@localhost", "Afzender van de e-mail van jaartaak."),
)

SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}


#: Flask's own settings (and those of Flask-WTF and Flask-Login) may be set in config.py.
FLASK_KEYS = frozenset(Flask.default_config) | {"TESTING"}
EXTENSION_PREFIXES = ("WTF_", "REMEMBER_COOKIE_")


def setting_label(name: str, origin: str | None) -> str:
    """A setting as messages name it: ``JAARTAAK_PORT (omgeving)``, ``PORT (config.py)``."""
    where = origin or "standaardwaarde"
    return f"{ENV_PREFIX}{name} ({where})" if where == "omgeving" else f"{name} ({where})"


def read_instance_file(instance_path: Path) -> dict[str, Any]:
    """Uppercase names from ``instance/config.py``; a syntax error is a configuration error."""
    path = instance_path / "config.py"
    if not path.exists():
        return {}
    try:
        namespace = runpy.run_path(str(path))
    except Exception as exc:
        raise ConfigError(f"{path}: kan dit bestand niet lezen: {exc}") from exc
    values = {key: value for key, value in namespace.items() if key.isupper()}
    for key in values:
        if not _is_known_key(key):
            close = difflib.get_close_matches(key, SETTINGS_BY_NAME, n=1)
            hint = f" Bedoelde u {close[0]}?" if close else ""
            raise ConfigError(f"{path}: {key} is geen bekende instelling.{hint}")
    return values


def _is_known_key(key: str) -> bool:
    """Our settings, and Flask's and its extensions' own, which config.py may set too."""
    return key in SETTINGS_BY_NAME or key in FLASK_KEYS or key.startswith(EXTENSION_PREFIXES)


def read_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """Settings from ``JAARTAAK_*`` variables; an unknown name is refused with a suggestion."""
    values: dict[str, str] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = key.removeprefix(ENV_PREFIX)
        if name in AUXILIARY_ENV:
            continue
        if name not in SETTINGS_BY_NAME:
            close = difflib.get_close_matches(name, SETTINGS_BY_NAME, n=1)
            hint = f" Bedoelde u {ENV_PREFIX}{close[0]}?" if close else ""
            raise ConfigError(f"{key}: onbekende instelling.{hint}")
        values[name] = value
    return values


def resolve(layers: list[tuple[str, Mapping[str, Any]]]) -> tuple[dict[str, Any], dict[str, str]]:
    """Merge the layers (later wins) and parse every setting, naming where a bad value came from.

    Returns the values and, per key, the layer it came from. Keys that are not in
    :data:`SETTINGS` (for example ``TESTING`` in a test mapping) are passed through unchanged.
    """
    merged: dict[str, Any] = {setting.name: setting.default for setting in SETTINGS}
    origin: dict[str, str] = {}
    for label, layer in layers:
        for key, value in layer.items():
            merged[key] = value
            origin[key] = label
    for setting in SETTINGS:
        value = merged[setting.name]
        if value is None:
            continue
        try:
            merged[setting.name] = setting.parse(value)
        except ValueError as exc:
            raise ConfigError(
                f"{setting_label(setting.name, origin.get(setting.name))}: {exc}"
            ) from None
    return merged, origin


def default_database_url(instance_path: Path) -> str:
    return f"sqlite:///{instance_path / 'jaartaak.db'}"


def instance_path_from(
    environ: Mapping[str, str], test_config: Mapping[str, Any] | None
) -> str | None:
    """The instance folder must be known before anything else is read from it."""
    if test_config and test_config.get("INSTANCE_PATH"):
        return os.fspath(test_config["INSTANCE_PATH"])
    value = environ.get(ENV_PREFIX + "INSTANCE_PATH")
    return os.path.abspath(value) if value else None
