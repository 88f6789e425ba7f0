"""Importing the task catalogue: one row per taak with its taakgroep and default hours.

The file updates the catalogue of the werkplek school and schooljaar by task name (compared
without regard to case): a known taak gets the file's taakgroep and hours, an unknown one is
added, a taakgroep that does not exist yet is created. Taken that are not in the file stay:
they may be assigned to employees, and a catalogue file is often only a part of the list.
Hours already given to employees do not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from jaartaak.models import Task, TaskGroup
from jaartaak.services import taken
from jaartaak.services.imports.lessen import shown
from jaartaak.services.imports.table import FileRefused, RowReader, Table
from jaartaak.services.imports.upload import (
    Importer,
    Preview,
    PreviewRow,
    Target,
    action_for,
)


@dataclass(frozen=True)
class TaskRow:
    group_name: str
    name: str
    hours: Decimal
    current: Task | None


def _action(row: TaskRow) -> str:
    current, stored = row.current, None
    if current is not None:
        group = current.task_group.name if current.task_group else ""
        stored = (group.casefold(), current.name, current.default_hours)
    return action_for(stored, (row.group_name.casefold(), row.name, row.hours))


def check(session: Session, target: Target, table: Table) -> Preview:
    """Every row checked; a taak named twice in the file is a problem (which one counts?)."""
    if target.schooljaar is None:
        raise FileRefused("Er is nog geen schooljaar; maak eerst een schooljaar aan.")
    preview = Preview(headers=["Taakgroep", "Taak", "Uren"])
    current = {
        task.name.casefold(): task
        for task in taken.tasks(session, target.school.id, target.schooljaar.id)
    }
    seen: dict[str, int] = {}
    for number, values in table.rows:
        read = RowReader(number, values, preview.problems)
        group_name = read.text("taakgroep", required=False, max_length=taken.NAME_MAX) or ""
        name = read.text("taak", max_length=taken.NAME_MAX)
        hours = read.decimal("uren", maximum=taken.HOURS_MAX)
        if name:
            if name.casefold() in seen:
                preview.problems.add(
                    number, "taak", f"'{name}' staat ook in rij {seen[name.casefold()]}."
                )
            seen.setdefault(name.casefold(), number)
        row = (
            TaskRow(group_name, name, hours, current.get(name.casefold()))
            if name and hours is not None
            else None
        )
        preview.rows.append(
            PreviewRow(
                number=number,
                action=_action(row) if row else "nieuw",
                cells=[group_name, name or "", shown(hours)],
                payload=row,
            )
        )
    return preview


def apply(session: Session, target: Target, preview: Preview) -> None:
    groups = {
        group.name.casefold(): group
        for group in taken.task_groups(session, target.school.id, target.schooljaar.id)
    }

    def group_named(name: str) -> TaskGroup | None:
        if not name:
            return None
        if name.casefold() not in groups:
            groups[name.casefold()] = TaskGroup(
                school_id=target.school.id, schooljaar_id=target.schooljaar.id, name=name
            )
            session.add(groups[name.casefold()])
        return groups[name.casefold()]

    for preview_row in preview.rows:
        row: TaskRow = preview_row.payload
        if preview_row.action == "ongewijzigd":
            continue
        task = row.current or Task(school_id=target.school.id, schooljaar_id=target.schooljaar.id)
        task.name, task.default_hours = row.name, row.hours
        task.task_group = group_named(row.group_name)
        session.add(task)
    session.flush()


IMPORTER = Importer(
    key="taken",
    title="Takenlijst importeren",
    required=["taakgroep", "taak", "uren"],
    optional=[],
    example="taken.csv",
    explanation=(
        "De takenlijst van de school voor het gekozen schooljaar: één rij per taak met de "
        "taakgroep (mag leeg zijn) en de standaard uren per jaar. Een taak die al bestaat (zelfde "
        "naam) krijgt de taakgroep en uren uit het bestand; een nieuwe taak en een nieuwe "
        "taakgroep worden toegevoegd. Taken die niet in het bestand staan blijven bestaan. De uren "
        "die medewerkers al voor een taak hebben veranderen niet."
    ),
    check=check,
    apply=apply,
)
