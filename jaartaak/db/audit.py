"""Writes an audit entry for every insert, update and delete of an audited model.

A session listener rather than calls sprinkled through the services: a change that forgets to
log itself is impossible, which is the point of an audit log. The actor travels with the session
(``session.info["actor"]``), set by whoever opened it: the web request, a CLI command, a job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from jaartaak.db.base import Base, utcnow

MASK = "***"
SKIPPED_COLUMNS = frozenset({"version"})


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user account, or a named process (``cli``, ``systeem``)."""

    user_id: int | None
    name: str


SYSTEM = Actor(None, "systeem")

ActorSource = Actor | Callable[[], Actor | None] | None


def resolve_actor(session: Session) -> Actor:
    actor: ActorSource = session.info.get("actor")
    if callable(actor):
        actor = actor()
    return actor or SYSTEM


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _audited_columns(obj: Base):
    for column_attr in inspect(obj).mapper.column_attrs:
        column = column_attr.columns[0]
        if column_attr.key in SKIPPED_COLUMNS or column.info.get("audit") is False:
            continue
        yield column_attr.key, column.info.get("audit_mask", False)


def _snapshot(obj: Base) -> dict[str, Any]:
    state = inspect(obj)
    values = {}
    for key, masked in _audited_columns(obj):
        value = state.dict.get(key)
        values[key] = MASK if masked else _json_value(value)
    return values


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, masked in _audited_columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        before[key] = MASK if masked else _json_value(old)
        after[key] = MASK if masked else _json_value(new)
    return before, after


def _is_audited(obj: object) -> bool:
    return isinstance(obj, Base) and getattr(type(obj), "__audit__", True)


def _organisation_of(obj: Base) -> int | None:
    scope = getattr(obj, "audit_organisation_id", None)
    return scope() if scope else None


def _record_id(obj: Base) -> str:
    # In after_flush a new object has its generated key but not yet its identity key.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _entry(obj: Base, action: str, before, after, actor: Actor, at: datetime) -> dict[str, Any]:
    return {
        "at": at,
        "actor_user_id": actor.user_id,
        "actor_name": actor.name,
        "action": action,
        "table_name": obj.__tablename__,
        "record_id": _record_id(obj),
        "organisation_id": _organisation_of(obj),
        "before": before,
        "after": after,
    }


def _after_flush(session: Session, _flush_context) -> None:
    from jaartaak.models.audit import AuditEntry

    actor = resolve_actor(session)
    at = utcnow()
    rows = []
    for obj in session.new:
        if _is_audited(obj):
            rows.append(_entry(obj, "insert", None, _snapshot(obj), actor, at))
    for obj in session.dirty:
        if _is_audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                rows.append(_entry(obj, "update", before, after, actor, at))
    for obj in session.deleted:
        if _is_audited(obj):
            rows.append(_entry(obj, "delete", _snapshot(obj), None, actor, at))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install(factory: sessionmaker) -> None:
    """Attach the audit listener to every session that ``factory`` makes."""
    event.listen(factory, "after_flush", _after_flush)
