"""Reading the audit log: recent entries and the CSV export (a background job)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jaartaak.models import AuditEntry, Role
from jaartaak.services.jobs import JobContext, JobFailed, JobKind
from jaartaak.services.spreadsheet import csv_bytes

EXPORT_CHUNK = 500
#: Schools read times in Dutch local time; the database stores UTC.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
ACTION_LABELS = {"insert": "toegevoegd", "update": "gewijzigd", "delete": "verwijderd"}
#: What a table holds, in the words of the user interface.
RECORD_LABELS = {
    "organisation": "bestuur",
    "school": "school",
    "schooljaar": "schooljaar",
    "employee": "medewerker",
    "appointment": "aanstelling",
    "lesson": "les",
    "task_group": "taakgroep",
    "task": "taak",
    "task_assignment": "taaktoewijzing",
    "taakbeleid": "taakbeleid",
    "pb_keuze": "pb-keuze",
    "keuze_verzoek": "keuzeverzoek",
    "user_account": "gebruiker",
    "role_assignment": "rol",
    "recovery_code": "herstelcode",
    "taakbrief": "taakbrief",
}


def recent_entries(
    session: Session, organisation_ids: set[int], limit: int = 25
) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.organisation_id.in_(organisation_ids))
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
    )


def local_time(moment: datetime) -> str:
    """``2026-11-23 12:00:12`` in Amsterdam; a naive value (SQLite) is UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M:%S")


def _row(entry: AuditEntry) -> list[str]:
    return [
        local_time(entry.at),
        entry.actor_name,
        ACTION_LABELS.get(entry.action, entry.action),
        RECORD_LABELS.get(entry.table_name, entry.table_name),
        entry.record_id,
        json.dumps(entry.before, ensure_ascii=False, sort_keys=True) if entry.before else "",
        json.dumps(entry.after, ensure_ascii=False, sort_keys=True) if entry.after else "",
    ]


def export_audit_log(context: JobContext) -> None:
    """Every audit entry of the job's organisation as CSV, oldest first, in chunks with progress."""
    if context.organisation_id is None:
        raise JobFailed("Deze export hoort bij een bestuur; er is geen bestuur gekozen.")
    scope = AuditEntry.organisation_id == context.organisation_id
    rows: list[list[str]] = []
    with context.session() as session:
        total = session.scalar(select(func.count()).select_from(AuditEntry).where(scope))
        context.progress(0, total, f"0 van {total} regels")
        last_id = 0
        while True:
            chunk = list(
                session.scalars(
                    select(AuditEntry)
                    .where(scope, AuditEntry.id > last_id)
                    .order_by(AuditEntry.id)
                    .limit(EXPORT_CHUNK)
                )
            )
            if not chunk:
                break
            rows.extend(_row(entry) for entry in chunk)
            last_id = chunk[-1].id
            context.progress(len(rows), message=f"{len(rows)} van {total} regels")
    header = ["tijdstip", "gebruiker", "actie", "tabel", "record", "voor", "na"]
    context.store_result("auditlog.csv", "text/csv", csv_bytes(header, rows))


AUDIT_EXPORT = JobKind(
    "auditlog-export", "Auditlog exporteren (CSV)", export_audit_log, role=Role.BEHEERDER
)
