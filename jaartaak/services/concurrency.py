"""What someone else changed: the message for a save refused because the record changed.

Every edit form carries the ``version`` it was rendered with; the service calls
``expect_version`` before changing anything. When that refuses, the web layer rolls back and
shows :func:`other_change` so the planner sees what the other person did instead of losing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.models import AuditEntry
from jaartaak.services.audit_log import local_time


@dataclass(frozen=True)
class OtherChange:
    who: str
    when: str
    changes: list[tuple[str, object, object]]

    def message(self) -> str:
        """A Dutch sentence for a flash message."""
        if not self.changes:
            detail = ""
        else:
            detail = ": " + "; ".join(
                f"{field} {_shown(before)} → {_shown(after)}"
                for field, before, after in self.changes
            )
        return (
            f"Niet opgeslagen: {self.who} heeft dit intussen gewijzigd ({self.when}){detail}. "
            "Bekijk de nieuwe gegevens en breng uw wijziging opnieuw aan."
        )


def _shown(value: object) -> str:
    return "leeg" if value in (None, "") else str(value)


def other_change(session: Session, table_name: str, record_id: int) -> OtherChange | None:
    """The latest change of a record, from the audit log; None when there is none."""
    entry = session.scalar(
        select(AuditEntry)
        .where(AuditEntry.table_name == table_name, AuditEntry.record_id == str(record_id))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    if entry is None:
        return None
    before, after = entry.before or {}, entry.after or {}
    changes = [
        (field, before.get(field), after.get(field))
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    ]
    if entry.action == "delete":
        return OtherChange(entry.actor_name, local_time(entry.at), [("verwijderd", "", "")])
    return OtherChange(entry.actor_name, local_time(entry.at), changes)


def stale_message(session: Session, table_name: str, record_id: int) -> str:
    """The message to show for a refused save of this record."""
    change = other_change(session, table_name, record_id)
    if change is None:
        return (
            "Niet opgeslagen: iemand anders heeft dit intussen gewijzigd. "
            "Bekijk de nieuwe gegevens en breng uw wijziging opnieuw aan."
        )
    return change.message()
