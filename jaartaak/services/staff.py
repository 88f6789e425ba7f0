"""Reading staff data, always scoped to the schools the caller may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.models import Employee, Lesson, School, Schooljaar, Task, TaskAssignment


def current_schooljaar(session: Session, organisation_id: int, today: date) -> Schooljaar | None:
    """The board's schooljaar containing ``today``, else the most recent one before it."""
    return session.scalar(
        select(Schooljaar)
        .where(Schooljaar.organisation_id == organisation_id, Schooljaar.start <= today)
        .order_by(Schooljaar.start.desc())
        .limit(1)
    )


#: Every page of Mijn lists the board's schooljaren; built once and run with parameters (see
#: docs/ontwikkelen.md, "Statements op elke pagina").
SCHOOLJAREN = (
    select(Schooljaar)
    .where(Schooljaar.organisation_id == bindparam("organisation_id"))
    .order_by(Schooljaar.start)
)


def schooljaren(session: Session, organisation_id: int) -> list[Schooljaar]:
    """The board's schooljaren, oldest first."""
    return list(session.scalars(SCHOOLJAREN, {"organisation_id": organisation_id}))


def current_in(years: list[Schooljaar], today: date) -> Schooljaar | None:
    """Of ``years``, the one containing ``today``, else the most recent one before it.

    The same choice as :func:`current_schooljaar`, for a caller that has the list already.
    """
    begun = [year for year in years if year.start <= today]
    return max(begun, key=lambda year: year.start) if begun else None


def schools(session: Session, school_ids: Iterable[int]) -> list[School]:
    return list(
        session.scalars(select(School).where(School.id.in_(list(school_ids))).order_by(School.name))
    )


def employees(
    session: Session, school_ids: Iterable[int], *, with_appointments: bool = True
) -> list[Employee]:
    """Employees of these schools, sorted by last name; with their appointments and school.

    ``with_appointments=False`` loads the employee rows only, for a caller that reads the
    appointments itself as plain rows (the school overview: 250 ORM collections cost more
    than the rest of its data).
    """
    statement = (
        select(Employee)
        .where(Employee.school_id.in_(list(school_ids)))
        .order_by(Employee.last_name, Employee.first_name, Employee.code)
    )
    if with_appointments:
        statement = statement.options(
            selectinload(Employee.appointments), selectinload(Employee.school)
        )
    return list(session.scalars(statement))


def employee(session: Session, employee_id: int, school_ids: Iterable[int]) -> Employee | None:
    """The employee, only if they work at one of ``school_ids``; None otherwise (a 404)."""
    return session.scalar(
        select(Employee)
        .where(Employee.id == employee_id, Employee.school_id.in_(list(school_ids)))
        .options(selectinload(Employee.appointments))
    )


def lessons(session: Session, employee_id: int, schooljaar_id: int) -> list[Lesson]:
    return list(
        session.scalars(
            select(Lesson)
            .where(Lesson.employee_id == employee_id, Lesson.schooljaar_id == schooljaar_id)
            .order_by(Lesson.vak, Lesson.groep)
        )
    )


def task_assignments(
    session: Session, employee_id: int, schooljaar_id: int
) -> list[TaskAssignment]:
    return list(
        session.scalars(
            select(TaskAssignment)
            .join(TaskAssignment.task)
            .where(
                TaskAssignment.employee_id == employee_id,
                TaskAssignment.schooljaar_id == schooljaar_id,
            )
            .options(selectinload(TaskAssignment.task).selectinload(Task.task_group))
            .order_by(Task.name)
        )
    )


@dataclass(frozen=True)
class EmployeeYear:
    """An employee's lessons and tasks in the schooljaar of a day (none when the board has none)."""

    schooljaar: Schooljaar | None
    lessons: list[Lesson]
    tasks: list[TaskAssignment]


def employee_year(session: Session, person: Employee, today: date) -> EmployeeYear:
    schooljaar = current_schooljaar(session, person.organisation_id, today)
    if schooljaar is None:
        return EmployeeYear(None, [], [])
    return EmployeeYear(
        schooljaar,
        lessons(session, person.id, schooljaar.id),
        task_assignments(session, person.id, schooljaar.id),
    )


@dataclass(frozen=True)
class Workload:
    """Lesuren per week and task hours of one employee in one schooljaar, as entered."""

    lesuren_per_week: Decimal = Decimal("0.00")
    task_hours: Decimal = Decimal("0.00")


def workloads(session: Session, employee_ids: list[int], schooljaar_id: int) -> dict[int, Workload]:
    """Totals per employee in two queries (summed in Python: SQLite stores decimals as text)."""
    lesuren: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    task_hours: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for employee_id, amount in session.execute(
        select(Lesson.employee_id, Lesson.lesuren_per_week).where(
            Lesson.employee_id.in_(employee_ids), Lesson.schooljaar_id == schooljaar_id
        )
    ):
        lesuren[employee_id] += amount
    for employee_id, amount in session.execute(
        select(TaskAssignment.employee_id, TaskAssignment.hours).where(
            TaskAssignment.employee_id.in_(employee_ids),
            TaskAssignment.schooljaar_id == schooljaar_id,
        )
    ):
        task_hours[employee_id] += amount
    return {eid: Workload(lesuren[eid], task_hours[eid]) for eid in employee_ids}
