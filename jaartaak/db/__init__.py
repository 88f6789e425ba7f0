"""Database access: the engine and session factory behind one small object.

Plain SQLAlchemy 2.0 rather than a Flask extension, so the same services run in a web request,
a CLI command and a background worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from jaartaak.db import audit  # noqa: F401  (registers the audit listeners)
from jaartaak.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    VersionedMixin,
    expect_version,
    utcnow,
)
from jaartaak.db.types import ExactDecimal

__all__ = [
    "Base",
    "Database",
    "ExactDecimal",
    "IdMixin",
    "TimestampMixin",
    "VersionedMixin",
    "expect_version",
    "utcnow",
]


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL so readers do not block the writer, and wait instead of failing."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


class Database:
    """The engine and a session factory for one database URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = create_engine(url, echo=echo, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            _configure_sqlite(self.engine)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self, actor=None) -> Iterator[Session]:
        """A session that commits on success and rolls back on an exception.

        ``actor`` (an :class:`jaartaak.db.audit.Actor` or a callable returning one) is
        recorded in the audit log for every change made through this session.
        """
        session = self.sessionmaker()
        session.info["actor"] = actor
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @property
    def safe_url(self) -> str:
        """The URL without its password, for messages and logs."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
