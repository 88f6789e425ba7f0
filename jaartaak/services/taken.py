"""The task catalogue of a school for a schooljaar, and tasks given to employees.

The catalogue (taakgroepen with taken and their default hours) belongs to one school and one
schooljaar. An employee has a task at most once per schooljaar; the hours given may differ from
the task's default. Every record is looked up within the schools the caller plans, so an id
of another school in a URL finds nothing (a 404).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.db.base import expect_version
from jaartaak.models import School, Schooljaar, Task, TaskAssignment, TaskGroup
from jaartaak.services.errors import Refused

#: A task of more hours than a full-time jaartaak is a typing error.
HOURS_MAX = Decimal("1659")
NAME_MAX = 100


@dataclass
class TaskLine:
    """A task with how many employees have it and the hours given to them together."""

    task: Task
    employees: int = 0
    assigned_hours: Decimal = Decimal("0.00")


@dataclass
class GroupLines:
    """A taakgroep (None: the tasks without one) and its tasks."""

    group: TaskGroup | None
    tasks: list[TaskLine] = field(default_factory=list)


def task_groups(session: Session, school_id: int, schooljaar_id: int) -> list[TaskGroup]:
    return list(
        session.scalars(
            select(TaskGroup)
            .where(TaskGroup.school_id == school_id, TaskGroup.schooljaar_id == schooljaar_id)
            .order_by(TaskGroup.name)
        )
    )


def tasks(session: Session, school_id: int, schooljaar_id: int) -> list[Task]:
    return list(
        session.scalars(
            select(Task)
            .where(Task.school_id == school_id, Task.schooljaar_id == schooljaar_id)
            .options(selectinload(Task.task_group))
            .order_by(Task.name)
        )
    )


def catalogue(session: Session, school_id: int, schooljaar_id: int) -> list[GroupLines]:
    """Taakgroepen in name order (empty ones too), then the tasks without a group."""
    lines = {task.id: TaskLine(task) for task in tasks(session, school_id, schooljaar_id)}
    for task_id, hours in session.execute(
        select(TaskAssignment.task_id, TaskAssignment.hours).where(
            TaskAssignment.task_id.in_(list(lines))
        )
    ):  # summed in Python: SQLite keeps decimals as text
        lines[task_id].employees += 1
        lines[task_id].assigned_hours += hours
    groups = {g.id: GroupLines(g) for g in task_groups(session, school_id, schooljaar_id)}
    ungrouped = GroupLines(None)
    for line in lines.values():
        groups.get(line.task.task_group_id, ungrouped).tasks.append(line)
    return [*groups.values(), *([ungrouped] if ungrouped.tasks else [])]


def task_in(session: Session, task_id: int, school_ids: Iterable[int]) -> Task | None:
    """The task, only if it belongs to one of ``school_ids``."""
    return session.scalar(
        select(Task).where(Task.id == task_id, Task.school_id.in_(list(school_ids)))
    )


def group_in(session: Session, group_id: int, school_ids: Iterable[int]) -> TaskGroup | None:
    return session.scalar(
        select(TaskGroup).where(TaskGroup.id == group_id, TaskGroup.school_id.in_(list(school_ids)))
    )


def _name(name: str | None, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise Refused(f"Vul de naam van de {what} in.")
    if len(name) > NAME_MAX:
        raise Refused(f"De naam van de {what} is hoogstens {NAME_MAX} tekens lang.")
    return name


def checked_hours(hours: Decimal | None) -> Decimal:
    """Hours of a task: 0 up to a full-time jaartaak, 2 decimals."""
    if hours is None:
        raise Refused("Vul het aantal uren in.")
    if not Decimal(0) <= hours <= HOURS_MAX or hours != round(hours, 2):
        raise Refused(f"Uren moet tussen 0 en {HOURS_MAX} liggen, met hoogstens 2 decimalen.")
    return hours


def _refuse_taken_name(session, model, school_id, schooljaar_id, name, own_id, what) -> None:
    """Names are unique per school and schooljaar; "open dag" and "Open dag" count as one.

    Compared in Python: SQLite's lower() leaves "Ö" alone, casefold() does not.
    """
    for other_id, other in session.execute(
        select(model.id, model.name).where(
            model.school_id == school_id, model.schooljaar_id == schooljaar_id
        )
    ):
        if other_id != own_id and other.casefold() == name.casefold():
            raise Refused(f"Er is in dit schooljaar al een {what} '{other}'; kies een andere naam.")


def create_group(session: Session, school: School, schooljaar: Schooljaar, name: str) -> TaskGroup:
    name = _name(name, "taakgroep")
    _refuse_taken_name(session, TaskGroup, school.id, schooljaar.id, name, None, "taakgroep")
    group = TaskGroup(school=school, schooljaar=schooljaar, name=name)
    session.add(group)
    session.flush()
    return group


def rename_group(session: Session, group: TaskGroup, version: int | None, name: str) -> None:
    expect_version(group, version)
    name = _name(name, "taakgroep")
    _refuse_taken_name(
        session, TaskGroup, group.school_id, group.schooljaar_id, name, group.id, "taakgroep"
    )
    group.name = name
    session.flush()


def delete_group(session: Session, group: TaskGroup, version: int | None) -> None:
    """Only an empty taakgroep goes: its taken would otherwise lose their group unseen."""
    expect_version(group, version)
    count = session.scalar(select(func.count()).where(Task.task_group_id == group.id))
    if count:
        raise Refused(
            f"De taakgroep '{group.name}' bevat nog {count} "
            f"{'taak' if count == 1 else 'taken'}; verplaats of verwijder die eerst."
        )
    session.delete(group)
    session.flush()


def _group_of(group: TaskGroup | None, school_id: int, schooljaar_id: int) -> TaskGroup | None:
    if group is not None and (group.school_id, group.schooljaar_id) != (school_id, schooljaar_id):
        raise Refused("Die taakgroep hoort niet bij deze school en dit schooljaar.")
    return group


def create_task(
    session: Session,
    school: School,
    schooljaar: Schooljaar,
    name: str,
    group: TaskGroup | None,
    default_hours: Decimal | None,
) -> Task:
    name = _name(name, "taak")
    _refuse_taken_name(session, Task, school.id, schooljaar.id, name, None, "taak")
    task = Task(
        school=school,
        schooljaar=schooljaar,
        name=name,
        task_group=_group_of(group, school.id, schooljaar.id),
        default_hours=checked_hours(default_hours),
    )
    session.add(task)
    session.flush()
    return task


def update_task(
    session: Session,
    task: Task,
    version: int | None,
    name: str,
    group: TaskGroup | None,
    default_hours: Decimal | None,
) -> None:
    """Change the catalogue entry; hours already given to employees stay as they are."""
    expect_version(task, version)
    name = _name(name, "taak")
    _refuse_taken_name(session, Task, task.school_id, task.schooljaar_id, name, task.id, "taak")
    task.name = name
    task.task_group = _group_of(group, task.school_id, task.schooljaar_id)
    task.default_hours = checked_hours(default_hours)
    session.flush()


def delete_task(session: Session, task: Task, version: int | None) -> None:
    """A task still given to employees stays: deleting it would silently change their jaartaak."""
    expect_version(task, version)
    count = session.scalar(select(func.count()).where(TaskAssignment.task_id == task.id))
    if count:
        raise Refused(
            f"De taak '{task.name}' is nog aan {count} "
            f"{'medewerker' if count == 1 else 'medewerkers'} toegewezen; "
            "haal die toewijzingen eerst weg."
        )
    session.delete(task)
    session.flush()
