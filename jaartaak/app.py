"""The application factory."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from jaartaak import config as configuration
from jaartaak.db import Database
from jaartaak.plugins import PluginError, SchemeRegistry, load_registry
from jaartaak.queue import JobQueue, make_huey
from jaartaak.secret_key import ensure_secret_key
from jaartaak.services import taakbrief_job
from jaartaak.services.audit_log import AUDIT_EXPORT
from jaartaak.services.jobs import JobRegistry

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass
class JaartaakState:
    """What the app factory builds, kept in ``app.extensions["jaartaak"]``."""

    database: Database
    jobs: JobRegistry
    queue: JobQueue
    schemes: SchemeRegistry
    schema_checked: bool = False


def template_folder() -> Path:
    """Inside the package in an installed wheel; the top-level templates/ in a source checkout."""
    packaged = PACKAGE_DIR / "templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "templates"


def _usable_instance_folder(path: Path) -> Path:
    """Create the instance folder (private to the server's user) or say why it cannot be used."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise configuration.ConfigError(
            f"{configuration.ENV_PREFIX}INSTANCE_PATH: kan de map {path} niet maken "
            f"({error.strerror})."
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise configuration.ConfigError(
            f"{configuration.ENV_PREFIX}INSTANCE_PATH: de map {path} is niet schrijfbaar."
        )
    return path


def _scheme_registry() -> SchemeRegistry:
    """The installed schemes. A conflict between plugins (a duplicate scheme id, a misspelt
    hook) stops the app: results must never depend on which plugin happened to win. A plugin that
    fails to import is logged with its name and version, and listed by `jaartaak plugins`."""
    try:
        registry = load_registry()
    except PluginError as error:
        raise configuration.ConfigError(f"plugins: {error}") from None
    for failure in registry.failures:
        logging.getLogger("jaartaak.plugins").error("%s\n%s", failure.summary, failure.details)
    return registry


def _job_registry(app: Flask) -> JobRegistry:
    registry = JobRegistry()
    registry.add(AUDIT_EXPORT)
    registry.add(
        taakbrief_job.kind(lambda: app.jinja_env, lambda: app.extensions["jaartaak"].schemes)
    )
    return registry


def create_app(
    test_config: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None
) -> Flask:
    """Build the app: defaults, then instance/config.py, then ``JAARTAAK_*`` environment.

    With ``test_config`` the instance file and the process environment are skipped (tests must
    not reach a developer's real database); pass ``environ`` to test the environment layer.
    """
    if environ is None:
        environ = {} if test_config is not None else os.environ
    instance_path = configuration.instance_path_from(environ, test_config)
    app = Flask(
        "jaartaak",
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(template_folder()),
    )
    instance = _usable_instance_folder(Path(app.instance_path))

    layers: list[tuple[str, Mapping[str, Any]]] = []
    if test_config is None:
        layers.append(("instance/config.py", configuration.read_instance_file(instance)))
    layers.append(("omgeving", configuration.read_environment(environ)))
    if test_config is not None:
        layers.append(("test", {k: v for k, v in test_config.items() if k != "INSTANCE_PATH"}))
    settings, origins = configuration.resolve(layers)
    settings["INSTANCE_PATH"] = str(instance)
    settings["DATABASE_URL"] = settings["DATABASE_URL"] or configuration.default_database_url(
        instance
    )
    ensure_secret_key(settings, instance, origins.get("SECRET_KEY"))
    app.config.update(settings)
    app.config.update(
        SESSION_COOKIE_NAME="jaartaak_sessie",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings["HTTPS"],
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session: a long form must not expire
    )
    logging.basicConfig(
        level=settings["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # the CLI reports the outcome itself
    # WeasyPrint logs ten steps of every PDF at INFO: 1,500 lines for a school's taakbrieven.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

    if settings["PROXY_COUNT"]:
        count = settings["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    app.extensions["jaartaak"] = JaartaakState(
        database=Database(settings["DATABASE_URL"]),
        jobs=_job_registry(app),
        queue=JobQueue(make_huey(settings, instance)),
        schemes=_scheme_registry(),
    )

    from jaartaak import web

    web.init_app(app)
    return app
