"""Migrations build exactly the models' schema, go down and up; an old database is refused."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from jaartaak.app import create_app
from jaartaak.db import Base, Database, migrate

from support import make_test_config, run_cli


def test_migrations_match_the_models(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_test_database_is_at_head(database):
    assert migrate.is_up_to_date(database.engine)
    assert migrate.current_revisions(database.engine) == migrate.head_revisions(database.engine)


def test_down_to_nothing_and_up_again(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'roundtrip.db'}")
    migrate.upgrade(database.engine)
    migrate.downgrade(database.engine, "base")
    with database.engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type='table'")
        ).scalars()
        assert set(tables) == {"alembic_version"}
    migrate.upgrade(database.engine)
    assert migrate.is_up_to_date(database.engine)
    database.dispose()


def test_a_database_behind_on_migrations_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = create_app(make_test_config(url, tmp_path / "instance"))
    response = app.test_client().get("/inloggen")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Database niet bijgewerkt" in page
    assert "jaartaak db upgrade" in page


def test_db_upgrade_command_brings_it_up_to_date(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    app = create_app(make_test_config(url, tmp_path / "instance"))
    behind = run_cli(app, "db", "current")
    assert behind.exit_code == 1
    assert "voer `jaartaak db upgrade` uit" in behind.output
    result = run_cli(app, "db", "upgrade")
    assert result.exit_code == 0, result.output
    head = ", ".join(sorted(migrate.head_revisions(app.extensions["jaartaak"].database.engine)))
    assert f"Database bijgewerkt ({head})" in result.output
    assert app.test_client().get("/inloggen").status_code == 200
    assert run_cli(app, "db", "current").exit_code == 0


def test_the_suite_runs_on_the_database_it_was_given(database):
    """CI sets JAARTAAK_TEST_DATABASE_URL: prove the suite really ran on PostgreSQL then."""
    import os

    wanted = "postgresql" if os.environ.get("JAARTAAK_TEST_DATABASE_URL") else "sqlite"
    assert database.dialect == wanted


def test_a_database_of_a_newer_version_is_refused_clearly(tmp_path):
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    app = create_app(make_test_config(url, tmp_path / "instance"))
    engine = app.extensions["jaartaak"].database.engine
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    expected = "De database is bijgewerkt door een nieuwere versie van jaartaak (revisie 0099)."
    response = app.test_client().get("/inloggen")
    assert response.status_code == 503
    assert expected in response.get_data(as_text=True)
    for command in (["db", "upgrade"], ["db", "current"], ["seed-demo"]):
        result = run_cli(app, *command)
        assert result.exit_code == 1
        assert expected in result.output
        assert "Traceback" not in result.output
