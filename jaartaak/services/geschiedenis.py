"""An employee's geschiedenis: every audited change of the employee and of what belongs to them.

The audit log records the employee a row is about (``AuditEntry.employee_id``), so this is one
indexed query, whichever table the change was in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.models import AuditEntry
from jaartaak.services.audit_log import ACTION_LABELS, RECORD_LABELS, local_time

#: Columns that say nothing to a planner (ids are shown through the record they point to).
HIDDEN_FIELDS = frozenset({"id", "employee_id", "organisation_id"})


@dataclass(frozen=True)
class Change:
    when: str
    who: str
    what: str
    action: str
    fields: list[tuple[str, object, object]]


def _fields(entry: AuditEntry) -> list[tuple[str, object, object]]:
    before, after = entry.before or {}, entry.after or {}
    return [
        (name, before.get(name), after.get(name))
        for name in sorted(set(before) | set(after))
        if name not in HIDDEN_FIELDS and before.get(name) != after.get(name)
    ]


def of_employee(session: Session, employee_id: int, limit: int = 500) -> list[Change]:
    """Newest first."""
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.employee_id == employee_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return [
        Change(
            local_time(entry.at),
            entry.actor_name,
            f"{RECORD_LABELS.get(entry.table_name, entry.table_name)} {entry.record_id}",
            ACTION_LABELS.get(entry.action, entry.action),
            _fields(entry),
        )
        for entry in entries
    ]
