"""Lessons of the employees of a school in a schooljaar: the planner's manual edits.

A lesson is one vak for one groep with its lesuren per week, as a timetable export gives it.
An employee has at most one lesson per vak and groep in a year (compared without regard to
case): the timetable import matches on that, so a second one would make the import ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.models import Employee, Lesson, Schooljaar
from jaartaak.services import staff
from jaartaak.services.errors import Refused

#: More than 40 lesuren in one week for one vak and groep is a typing error, not a timetable.
LESUREN_MAX = Decimal("40")
VAK_MAX = 40
GROEP_MAX = 40


def lesson_key(vak: str, groep: str) -> tuple[str, str]:
    """What identifies a lesson of an employee in a year; "Wiskunde" and "wiskunde" are one."""
    return vak.strip().casefold(), (groep or "").strip().casefold()


def lesson_label(vak: str, groep: str) -> str:
    return f"{vak} ({groep})" if groep else vak


@dataclass(frozen=True)
class EmployeeLessons:
    """One employee's lessons in a schooljaar and their lesuren per week in total."""

    employee: Employee
    lessons: list[Lesson]

    @property
    def total(self) -> Decimal:
        return sum((lesson.lesuren_per_week for lesson in self.lessons), Decimal("0.00"))


def lessons_per_employee(
    session: Session, school_id: int, schooljaar_id: int
) -> list[EmployeeLessons]:
    """Every employee of the school (also those without lessons), in name order."""
    people = staff.employees(session, [school_id])
    per_employee: dict[int, list[Lesson]] = defaultdict(list)
    for lesson in session.scalars(
        select(Lesson)
        .where(
            Lesson.employee_id.in_([person.id for person in people]),
            Lesson.schooljaar_id == schooljaar_id,
        )
        .order_by(Lesson.vak, Lesson.groep, Lesson.id)
    ):
        per_employee[lesson.employee_id].append(lesson)
    for lessons in per_employee.values():
        lessons.sort(key=lambda lesson: lesson_key(lesson.vak, lesson.groep))
    return [EmployeeLessons(person, per_employee[person.id]) for person in people]


def lesson_of(session: Session, employee: Employee, lesson_id: int) -> Lesson | None:
    """The lesson, only if it is ``employee``'s (the URL names both)."""
    return session.scalar(
        select(Lesson).where(Lesson.id == lesson_id, Lesson.employee_id == employee.id)
    )


def _checked(vak: str, groep: str | None, lesuren: Decimal) -> tuple[str, str]:
    """The trimmed vak and groep; refuses what the form should already have refused."""
    vak, groep = (vak or "").strip(), (groep or "").strip()
    if not vak:
        raise Refused("Vul het vak in.")
    if len(vak) > VAK_MAX or len(groep) > GROEP_MAX:
        raise Refused(f"Vak en groep zijn hoogstens {VAK_MAX} tekens lang.")
    if not Decimal(0) < lesuren <= LESUREN_MAX:
        raise Refused(f"Lesuren per week moet groter dan 0 en hoogstens {LESUREN_MAX} zijn.")
    if lesuren != round(lesuren, 2):
        raise Refused("Lesuren per week heeft hoogstens 2 decimalen.")
    return vak, groep


def _refuse_double(
    session: Session, employee: Employee, schooljaar_id: int, vak: str, groep: str, own_id=None
) -> None:
    key = lesson_key(vak, groep)
    for other in staff.lessons(session, employee.id, schooljaar_id):
        if other.id != own_id and lesson_key(other.vak, other.groep) == key:
            raise Refused(
                f"{employee.full_name} heeft al een les {lesson_label(other.vak, other.groep)} "
                "in dit schooljaar; pas die les aan in plaats van een tweede toe te voegen."
            )


def add_lesson(
    session: Session,
    employee: Employee,
    schooljaar: Schooljaar,
    vak: str,
    groep: str | None,
    lesuren: Decimal,
) -> Lesson:
    vak, groep = _checked(vak, groep, lesuren)
    _refuse_double(session, employee, schooljaar.id, vak, groep)
    lesson = Lesson(
        employee=employee, schooljaar=schooljaar, vak=vak, groep=groep, lesuren_per_week=lesuren
    )
    session.add(lesson)
    session.flush()
    return lesson


def update_lesson(
    session: Session,
    lesson: Lesson,
    version: int | None,
    vak: str,
    groep: str | None,
    lesuren: Decimal,
) -> None:
    """Change a lesson as the form showed it (``version``); a stale form is refused."""
    expect_version(lesson, version)
    vak, groep = _checked(vak, groep, lesuren)
    _refuse_double(session, lesson.employee, lesson.schooljaar_id, vak, groep, lesson.id)
    lesson.vak, lesson.groep, lesson.lesuren_per_week = vak, groep, lesuren
    session.flush()


def delete_lesson(session: Session, lesson: Lesson, version: int | None) -> None:
    """Delete what the planner saw: a lesson changed meanwhile is not deleted unseen."""
    expect_version(lesson, version)
    session.delete(lesson)
    session.flush()
