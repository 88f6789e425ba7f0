"""Reading the audit log: recent entries, a filtered page of entries, and the CSV export (a
background job, of a whole board or of the same filter the viewer shows)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jaartaak.db.audit import MASK
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
    "api_token": "API-sleutel",
    "regeling_gebruik": "regeling van het bestuur",
    "regeling_keuze": "keuze (regeling)",
    "regeling_feiten": "gegevens (regeling)",
    "regeling_beginstand": "beginstand (regeling)",
    "gebeurtenis": "gebeurtenis",
    "salarisafsluiting": "salarisafsluiting",
    "salarisregel": "salarisregel",
    "afwikkeling": "afwikkeling",
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


#: What a masked column (``audit_mask``) shows instead of ``***``.
HIDDEN = "(verborgen)"
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: by actor, record type and id, and local dates (both inclusive).

    ``actor`` is ``gebruiker:<user id>`` for an account, or ``naam:<actor name>`` for a process
    without an account (``systeem``, ``cli:…``). Kept as JSON in an export job's parameters.
    """

    actor: str | None = None
    table_name: str | None = None
    record_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def params(self) -> dict[str, str]:
        values = {
            "actor": self.actor,
            "table_name": self.table_name,
            "record_id": self.record_id,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
        }
        return {key: value for key, value in values.items() if value}

    @classmethod
    def of(cls, params: dict[str, Any]) -> AuditFilter:
        def day(key: str) -> date | None:
            return date.fromisoformat(params[key]) if params.get(key) else None

        return cls(
            params.get("actor") or None,
            params.get("table_name") or None,
            params.get("record_id") or None,
            day("date_from"),
            day("date_to"),
        )

    def __bool__(self) -> bool:
        return bool(self.params())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TIME).astimezone(UTC)


def filtered(query: Select, chosen: AuditFilter) -> Select:
    """``query`` limited to what ``chosen`` asks for."""
    if chosen.actor:
        kind, _, value = chosen.actor.partition(":")
        if kind == "gebruiker" and value.isdigit():
            query = query.where(AuditEntry.actor_user_id == int(value))
        else:
            query = query.where(AuditEntry.actor_user_id.is_(None), AuditEntry.actor_name == value)
    if chosen.table_name:
        query = query.where(AuditEntry.table_name == chosen.table_name)
    if chosen.record_id:
        query = query.where(AuditEntry.record_id == chosen.record_id)
    if chosen.date_from:
        query = query.where(AuditEntry.at >= _local_midnight(chosen.date_from))
    if chosen.date_to:
        query = query.where(AuditEntry.at < _local_midnight(chosen.date_to + timedelta(days=1)))
    return query


@dataclass(frozen=True)
class EntryPage:
    entries: list[AuditEntry]
    total: int
    page: int
    pages: int


def entries_page(
    session: Session, organisation_ids: set[int], chosen: AuditFilter, page: int = 1
) -> EntryPage:
    """One page of the entries of these boards that ``chosen`` asks for, the newest first."""
    scope = filtered(
        select(AuditEntry).where(AuditEntry.organisation_id.in_(organisation_ids)), chosen
    )
    total = session.scalar(select(func.count()).select_from(scope.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    entries = session.scalars(
        scope.order_by(AuditEntry.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    )
    return EntryPage(list(entries), total, page, pages)


def process_actors(session: Session, organisation_ids: set[int]) -> list[str]:
    """The names of the actors without an account (system, CLI commands) in these boards' log."""
    return list(
        session.scalars(
            select(AuditEntry.actor_name)
            .where(
                AuditEntry.organisation_id.in_(organisation_ids),
                AuditEntry.actor_user_id.is_(None),
            )
            .distinct()
            .order_by(AuditEntry.actor_name)
        )
    )


def shown(value: Any) -> str:
    """A logged value as people read it: masked columns as "(verborgen)", JSON for the rest."""
    if value == MASK:
        return HIDDEN
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Change:
    """One field of an entry: its value before and after, and whether it changed."""

    field: str
    before: str
    after: str
    changed: bool


def changes(entry: AuditEntry) -> list[Change]:
    """The fields of an entry side by side; for an update every logged field changed."""
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for key in sorted({*before, *after}):
        changed = entry.action == "update" and before.get(key) != after.get(key)
        rows.append(Change(key, shown(before.get(key)), shown(after.get(key)), changed))
    return rows


def local_time(moment: datetime) -> str:
    """``2026-11-23 12:00:12`` in Amsterdam; a naive value (SQLite) is UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M:%S")


def _json(values: dict | None) -> str:
    if not values:
        return ""
    unmasked = {key: HIDDEN if value == MASK else value for key, value in values.items()}
    return json.dumps(unmasked, ensure_ascii=False, sort_keys=True)


def _row(entry: AuditEntry) -> list[str]:
    return [
        local_time(entry.at),
        entry.actor_name,
        ACTION_LABELS.get(entry.action, entry.action),
        RECORD_LABELS.get(entry.table_name, entry.table_name),
        entry.record_id,
        _json(entry.before),
        _json(entry.after),
    ]


def export_audit_log(context: JobContext) -> None:
    """The audit entries of the job's organisation as CSV, oldest first, in chunks with progress:
    all of them, or those the filter in the job's parameters (``filter``) asks for."""
    if context.organisation_id is None:
        raise JobFailed("Deze export hoort bij een bestuur; er is geen bestuur gekozen.")
    chosen = AuditFilter.of(context.params.get("filter") or {})
    scope = filtered(
        select(AuditEntry).where(AuditEntry.organisation_id == context.organisation_id), chosen
    )
    rows: list[list[str]] = []
    with context.session() as session:
        total = session.scalar(select(func.count()).select_from(scope.subquery()))
        context.progress(0, total, f"0 van {total} regels")
        last_id = 0
        while True:
            chunk = list(
                session.scalars(
                    scope.where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(EXPORT_CHUNK)
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
