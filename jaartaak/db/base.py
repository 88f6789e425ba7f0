"""Declarative base with a naming convention, and the mixins every model shares.

The naming convention gives every constraint a stable name, so Alembic migrations can alter or
drop them on SQLite (batch mode) and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.orm.exc import StaleDataError

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of all models. ``__audit__ = False`` on a model keeps it out of the audit log."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __audit__ = True


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class VersionedMixin:
    """Optimistic locking: an UPDATE only succeeds when the row still has the version we read.

    Two people editing the same record therefore cannot overwrite each other silently; the
    second save raises ``StaleDataError``, which the web layer turns into a Dutch message.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


def expect_version(record: VersionedMixin, version: int | None) -> None:
    """Refuse to save ``record`` when it changed since the form showed ``version``.

    The version column protects concurrent requests; an edit form must also carry the version
    it was rendered with, or a save minutes later overwrites what someone else saved meanwhile.
    Raises ``StaleDataError``, which the web layer shows as "Tegelijk gewijzigd".
    """
    if version is None or int(version) != record.version:
        raise StaleDataError(
            f"{type(record).__name__} {getattr(record, 'id', '?')} is version {record.version}, "
            f"the form showed {version}"
        )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, nullable=False, info={"audit": False}
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        default=utcnow,
        onupdate=utcnow,
        nullable=False,
        info={"audit": False},
    )
