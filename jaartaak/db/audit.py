"""Writes an audit entry for every insert, update and delete of an audited model.

Mapper events rather than calls sprinkled through the services: a change that forgets to log
itself is impossible, which is the point of an audit log. They fire for every row the unit of
work writes, including rows deleted by a cascade or as orphans, and they write on the flush's own
connection, so the entry commits or rolls back with the change.

The actor travels with the session (``session.info["actor"]``), set by whoever opened it: the
web request, a CLI command, a job. It is resolved once per flush, before any row is written.
The events queue their entries and ``after_flush`` writes them in one statement, so loading a
whole school costs one audit INSERT per flush, not one per row.

Which board a record belongs to is declared on the model as ``__audit_organisation__``: the name
of a column holding the organisation id, or ``(foreign_key_column, parent_table)`` for a record
that belongs to a board through its parent (an appointment through its employee).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.util import identity_key

from jaartaak.db.base import Base, utcnow

MASK = "***"
SKIPPED_COLUMNS = frozenset({"version"})
_RESOLVED = "audit_actor_resolved"
_PENDING = "audit_pending_rows"
_PARENTS = "audit_parent_organisations"


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
    values = inspect(obj).dict
    return {
        key: MASK if masked else _json_value(values.get(key))
        for key, masked in _audited_columns(obj)
    }


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


@cache
def _model_of(table_name: str) -> type[Base]:
    return next(m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == table_name)


def _parent_organisation(
    session: Session | None, connection: Connection, table_name: str, parent_id: int
) -> int | None:
    """The board of a parent row: from the loaded object if there is one, else one cached query."""
    cache = session.info.setdefault(_PARENTS, {}) if session is not None else {}
    if (table_name, parent_id) in cache:
        return cache[(table_name, parent_id)]
    key = identity_key(_model_of(table_name), parent_id)
    loaded = session.identity_map.get(key) if session is not None else None
    if loaded is not None:
        organisation_id = loaded.organisation_id
    else:
        parent = Base.metadata.tables[table_name]
        organisation_id = connection.scalar(
            select(parent.c.organisation_id).where(parent.c.id == parent_id)
        )
    cache[(table_name, parent_id)] = organisation_id
    return organisation_id


def _organisation_of(obj: Base, connection: Connection) -> int | None:
    spec = getattr(type(obj), "__audit_organisation__", None)
    if spec is None:
        return None
    if isinstance(spec, str):
        return getattr(obj, spec)
    foreign_key, parent_table = spec
    parent_id = getattr(obj, foreign_key)
    if parent_id is None:
        return None
    return _parent_organisation(object_session(obj), connection, parent_table, parent_id)


def _employee_of(obj: Base) -> int | None:
    """The employee a record is about: the employee itself, or the one its ``employee_id`` names."""
    if obj.__tablename__ == "employee":
        return obj.id
    return getattr(obj, "employee_id", None)


def _record_id(obj: Base) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _write(connection: Connection, obj: Base, action: str, before, after) -> None:
    """Queue the entry on the session; :func:`_write_pending` inserts the queue after the flush."""
    session = object_session(obj)
    actor = session.info.get(_RESOLVED, SYSTEM) if session is not None else SYSTEM
    row = {
        "at": utcnow(),
        "actor_user_id": actor.user_id,
        "actor_name": actor.name,
        "action": action,
        "table_name": obj.__tablename__,
        "record_id": _record_id(obj),
        "organisation_id": _organisation_of(obj, connection),
        "employee_id": _employee_of(obj),
        "before": before,
        "after": after,
    }
    if session is None:
        _insert(connection, [row])
    else:
        session.info.setdefault(_PENDING, []).append(row)


def _insert(connection: Connection, rows: list[dict[str, Any]]) -> None:
    from jaartaak.models.audit import AuditEntry

    connection.execute(insert(AuditEntry), rows)


def _write_pending(session: Session, _context) -> None:
    rows = session.info.pop(_PENDING, None)
    session.info.pop(_PARENTS, None)
    if rows:
        _insert(session.connection(), rows)


def _after_insert(_mapper, connection: Connection, obj: Base) -> None:
    if _is_audited(obj):
        _write(connection, obj, "insert", None, _snapshot(obj))


def _after_update(_mapper, connection: Connection, obj: Base) -> None:
    if _is_audited(obj):
        before, after = _changes(obj)
        if after:
            _write(connection, obj, "update", before, after)


def _after_delete(_mapper, connection: Connection, obj: Base) -> None:
    if _is_audited(obj):
        _write(connection, obj, "delete", _snapshot(obj), None)


def _resolve_before_flush(session: Session, _context, _instances) -> None:
    # Resolving may load the logged-in user; that must happen before the flush writes rows.
    session.info[_RESOLVED] = resolve_actor(session)


# Registered on the classes, not per session factory: no session can write rows unaudited.
for _target, _event, _listener in (
    (Base, "after_insert", _after_insert),
    (Base, "after_update", _after_update),
    (Base, "after_delete", _after_delete),
    (Session, "before_flush", _resolve_before_flush),
    (Session, "after_flush", _write_pending),
):
    if not event.contains(_target, _event, _listener):
        event.listen(_target, _event, _listener, **({"propagate": True} if _target is Base else {}))
