"""Fixtures: one migrated database per test session, emptied after every test.

SQLite by default; with ``JAARTAAK_TEST_DATABASE_URL`` (a PostgreSQL URL) the session creates a
fresh database next to the one named, and drops it at the end, so tests never touch data of
their own or anyone else's.
"""

from __future__ import annotations

import os
import uuid

import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jaartaak.app import create_app
from jaartaak.db import Database, migrate
from jaartaak.services import passwords
from jaartaak.services.demo import seed_demo

from support import DEMO_PASSWORD, TODAY, empty_all_tables, make_test_config

# Argon2's cheapest profile keeps the many logins of the suite fast; production strength is
# tested on its own in test_passwords.py.
passwords.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))


def _postgres_database(base_url: str):
    url = make_url(base_url)
    name = f"{url.database or 'jaartaak'}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return admin, url.set(database=name).render_as_string(hide_password=False), name


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    base_url = os.environ.get("JAARTAAK_TEST_DATABASE_URL")
    if not base_url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    admin, url, name = _postgres_database(base_url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated_url(database_url):
    database = Database(database_url)
    migrate.upgrade(database.engine)
    database.dispose()
    return database_url


@pytest.fixture
def app(migrated_url, tmp_path):
    application = create_app(make_test_config(migrated_url, tmp_path / "instance"))
    yield application
    database = application.extensions["jaartaak"].database
    empty_all_tables(database)
    database.dispose()


@pytest.fixture
def app_with(migrated_url, tmp_path):
    """Apps with extra settings, ``app_with(SMTP_HOST=...)``, emptied afterwards like ``app``."""
    made = []

    def make(**overrides):
        instance = tmp_path / f"instance-{len(made)}"
        made.append(create_app(make_test_config(migrated_url, instance, **overrides)))
        return made[-1]

    yield make
    for application in made:
        database = application.extensions["jaartaak"].database
        empty_all_tables(database)
        database.dispose()


@pytest.fixture
def database(app) -> Database:
    return app.extensions["jaartaak"].database


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo(database):
    """The demo board, with every demo login's password set to :data:`DEMO_PASSWORD`."""
    with database.session() as session:
        return seed_demo(session, TODAY, DEMO_PASSWORD)
