"""Lessons and tasks of an employee in a schooljaar: what fills the jaartaak."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, ExactDecimal, IdMixin, TimestampMixin, VersionedMixin
from jaartaak.models.employee import Employee
from jaartaak.models.organisation import School, Schooljaar


class Lesson(IdMixin, VersionedMixin, TimestampMixin, Base):
    """Lesuren per week of one vak for one groep, as a timetable export gives them."""

    __tablename__ = "lesson"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (
        CheckConstraint("CAST(lesuren_per_week AS NUMERIC) > 0", name="lesuren_positive"),
    )

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    vak: Mapped[str] = mapped_column(String(40))
    groep: Mapped[str] = mapped_column(String(40), default="")
    lesuren_per_week: Mapped[Decimal] = mapped_column(ExactDecimal(5, 2))

    employee: Mapped[Employee] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()


class TaskGroup(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A taakgroep of a school's task catalogue for a schooljaar (for example "Begeleiding").

    The catalogue belongs to a schooljaar so that next year's can change without rewriting this
    year's; setting up a new schooljaar copies it.
    """

    __tablename__ = "task_group"
    __audit_organisation__ = ("school_id", "school")
    __table_args__ = (UniqueConstraint("school_id", "schooljaar_id", "name"),)

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))

    school: Mapped[School] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()


class Task(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A taak of a schooljaar's catalogue with its default hours per year."""

    __tablename__ = "task"
    __audit_organisation__ = ("school_id", "school")
    __table_args__ = (
        UniqueConstraint("school_id", "schooljaar_id", "name"),
        CheckConstraint("CAST(default_hours AS NUMERIC) >= 0", name="hours"),
    )

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    task_group_id: Mapped[int | None] = mapped_column(ForeignKey("task_group.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    default_hours: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))

    school: Mapped[School] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()
    task_group: Mapped[TaskGroup | None] = relationship()


class TaskAssignment(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A task given to an employee for a schooljaar; the hours may differ from the default."""

    __tablename__ = "task_assignment"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (
        CheckConstraint("CAST(hours AS NUMERIC) >= 0", name="hours"),
        # A task is given once per employee and year; the services say so in Dutch first.
        Index("ux_task_assignment_once", "task_id", "employee_id", "schooljaar_id", unique=True),
    )

    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), index=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    hours: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))

    task: Mapped[Task] = relationship()
    employee: Mapped[Employee] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()
