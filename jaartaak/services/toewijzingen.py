"""Giving tasks of the catalogue to employees, one at a time or to many at once.

An employee has a task at most once per schooljaar (twice would count its hours twice in the
jaartaak); the hours start at the task's default and may differ per employee. Only tasks of the
employee's own school are offered: the catalogue is per school.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.models import Employee, Task, TaskAssignment
from jaartaak.services import staff
from jaartaak.services.errors import Refused
from jaartaak.services.taken import checked_hours


def assignment_of(
    session: Session, employee: Employee, assignment_id: int
) -> TaskAssignment | None:
    """The assignment, only if it is ``employee``'s (the URL names both)."""
    return session.scalar(
        select(TaskAssignment).where(
            TaskAssignment.id == assignment_id, TaskAssignment.employee_id == employee.id
        )
    )


def holders(session: Session, task: Task) -> dict[int, TaskAssignment]:
    """Who has ``task`` (in its schooljaar), by employee id."""
    return {
        assignment.employee_id: assignment
        for assignment in session.scalars(
            select(TaskAssignment).where(
                TaskAssignment.task_id == task.id,
                TaskAssignment.schooljaar_id == task.schooljaar_id,
            )
        )
    }


def _refuse_foreign(employee: Employee, task: Task) -> None:
    if task.school_id != employee.school_id:
        raise Refused(
            f"De taak '{task.name}' hoort bij de takenlijst van een andere school dan die van "
            f"{employee.full_name}."
        )


def assign(
    session: Session, employee: Employee, task: Task, hours: Decimal | None = None
) -> TaskAssignment:
    """Give ``task`` to ``employee`` for the task's schooljaar; no hours means the default."""
    _refuse_foreign(employee, task)
    if employee.id in holders(session, task):
        raise Refused(f"{employee.full_name} heeft de taak '{task.name}' al; pas de uren daar aan.")
    assignment = TaskAssignment(
        task=task,
        employee=employee,
        schooljaar_id=task.schooljaar_id,
        hours=task.default_hours if hours is None else checked_hours(hours),
    )
    session.add(assignment)
    session.flush()
    return assignment


def change_hours(
    session: Session, assignment: TaskAssignment, version: int | None, hours: Decimal | None
) -> None:
    expect_version(assignment, version)
    assignment.hours = checked_hours(hours)
    session.flush()


def unassign(session: Session, assignment: TaskAssignment, version: int | None) -> None:
    expect_version(assignment, version)
    session.delete(assignment)
    session.flush()


@dataclass
class BulkResult:
    """Who got the task now, and who had it already (and kept their own hours)."""

    created: list[Employee] = field(default_factory=list)
    already: list[Employee] = field(default_factory=list)

    def message(self, task: Task) -> str:
        text = f"Taak '{task.name}' toegewezen aan {len(self.created)} " + (
            "medewerker." if len(self.created) == 1 else "medewerkers."
        )
        if self.already:
            names = ", ".join(person.full_name for person in self.already)
            text += f" Hadden de taak al (niet dubbel toegewezen, uren ongewijzigd): {names}."
        return text


def bulk_assign(
    session: Session, task: Task, employee_ids: list[int], hours: Decimal | None
) -> BulkResult:
    """Give ``task`` with the same hours to every chosen employee who does not have it yet.

    The caller commits once, so either all of them get it or, on an error, none do.
    """
    if not employee_ids:
        raise Refused("Kies ten minste één medewerker.")
    hours = task.default_hours if hours is None else checked_hours(hours)
    school_staff = {person.id: person for person in staff.employees(session, [task.school_id])}
    unknown = [eid for eid in employee_ids if eid not in school_staff]
    if unknown:
        raise Refused("Een gekozen medewerker werkt niet op de school van deze taak.")
    have = holders(session, task)
    result = BulkResult()
    for employee_id in dict.fromkeys(employee_ids):
        person = school_staff[employee_id]
        if employee_id in have:
            result.already.append(person)
            continue
        session.add(
            TaskAssignment(
                task=task, employee=person, schooljaar_id=task.schooljaar_id, hours=hours
            )
        )
        result.created.append(person)
    session.flush()
    return result


@dataclass
class EmployeeTasks:
    """How many tasks an employee has in a schooljaar and their hours together."""

    count: int = 0
    hours: Decimal = Decimal("0.00")


def totals_per_employee(
    session: Session, employee_ids: list[int], schooljaar_id: int
) -> dict[int, EmployeeTasks]:
    totals = {employee_id: EmployeeTasks() for employee_id in employee_ids}
    for employee_id, hours in session.execute(
        select(TaskAssignment.employee_id, TaskAssignment.hours).where(
            TaskAssignment.employee_id.in_(employee_ids),
            TaskAssignment.schooljaar_id == schooljaar_id,
        )
    ):
        totals[employee_id].count += 1
        totals[employee_id].hours += hours
    return totals
