"""One database session per request, with the logged-in user as the audit actor."""

from __future__ import annotations

from flask import Flask, current_app, g
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from jaartaak.db import migrate
from jaartaak.db.audit import Actor
from jaartaak.web.errors import DATABASE_DOWN, unavailable


def state():
    return current_app.extensions["jaartaak"]


def _current_actor() -> Actor | None:
    if current_user and current_user.is_authenticated:
        return Actor(current_user.id, current_user.username)
    return None


def db() -> Session:
    """The request's session; changes are committed explicitly by the view."""
    if "db_session" not in g:
        session = state().database.sessionmaker()
        session.info["actor"] = _current_actor
        g.db_session = session
    return g.db_session


def _close_session(exception: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        if exception is not None:
            session.rollback()
        session.close()


def _require_current_schema():
    """Refuse to serve a database that does not match this code: pages would fail in odd ways."""
    app_state = state()
    if app_state.schema_checked:
        return None
    engine = app_state.database.engine
    try:
        schema = migrate.schema_state(engine)
    except OperationalError:
        current_app.logger.exception("database %s unreachable", app_state.database.safe_url)
        return unavailable(*DATABASE_DOWN)
    if schema is migrate.SchemaState.CURRENT:
        app_state.schema_checked = True
        return None
    title = (
        "Database is nieuwer dan jaartaak"
        if schema is migrate.SchemaState.NEWER
        else "Database niet bijgewerkt"
    )
    return unavailable(title, migrate.schema_message(engine, schema))


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close_session)
    app.before_request(_require_current_schema)
