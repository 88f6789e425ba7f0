"""The key that signs session cookies: configured, or generated once into the instance folder."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from jaartaak.config import ENV_PREFIX, ConfigError, setting_label

SECRET_KEY_FILE = "secret_key"
MIN_SECRET_KEY_LENGTH = 32

#: Secret keys that appear in tutorials and examples: never acceptable outside debug mode.
KNOWN_DEFAULT_KEYS = frozenset(
    {"", "dev", "development", "secret", "secret-key", "changeme", "change-me", "geheim",
     "jaartaak", "test", "default", "please-change-me"}
)  # fmt: skip


def _create(key_file: Path) -> None:
    """Write a new key into place atomically, readable by the owner only.

    Several server processes may start at once on a fresh instance folder. The key is written
    to a private temporary file (mode 0600) and hard-linked to its name: the link fails when
    another process was first, and nobody ever reads a half-written key.
    """
    descriptor, temporary = tempfile.mkstemp(dir=key_file.parent, prefix=".secret_key.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(temporary, key_file)
    finally:
        os.unlink(temporary)


def _read(key_file: Path) -> str:
    if not key_file.exists():
        _create(key_file)
    key = key_file.read_text(encoding="utf-8").strip()
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            f"{key_file}: de sleutel in dit bestand is leeg of te kort. Verwijder het bestand; "
            "bij de volgende start wordt een nieuwe sleutel gemaakt."
        )
    return key


def ensure_secret_key(config: dict[str, Any], instance_path: Path, origin: str | None) -> None:
    """Use the configured key, or the one generated into the instance folder on first run.

    Outside debug and testing, a known default or short key is refused: a guessable key lets
    anyone forge a session cookie and log in as a beheerder. The message names where the key
    came from (``origin``: the environment, instance/config.py).
    """
    if config.get("SECRET_KEY") is None:
        config["SECRET_KEY"] = _read(instance_path / SECRET_KEY_FILE)
        return
    key = str(config["SECRET_KEY"])
    relaxed = config.get("DEBUG") or config.get("TESTING")
    if not relaxed and (key.lower() in KNOWN_DEFAULT_KEYS or len(key) < MIN_SECRET_KEY_LENGTH):
        raise ConfigError(
            f"{setting_label('SECRET_KEY', origin)}: dit is een bekende of te korte sleutel "
            f"(minimaal {MIN_SECRET_KEY_LENGTH} tekens). Laat {ENV_PREFIX}SECRET_KEY weg om "
            "automatisch een sleutel te laten maken, of maak er een met: "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
