"""Employees and their appointments (aanstellingen): the facts the schemes compute from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, ExactDecimal, IdMixin, TimestampMixin, VersionedMixin
from jaartaak.models.organisation import Organisation, School

CATEGORIES = ("OP", "OOP", "DIR")
APPOINTMENT_KINDS = ("regulier", "vervanging")


class Employee(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A person employed by a board. ``code`` is the board's personnel code (unique per board)."""

    __tablename__ = "employee"
    __audit_organisation__ = "organisation_id"
    __table_args__ = (
        UniqueConstraint("organisation_id", "code"),
        CheckConstraint("category IN ('OP', 'OOP', 'DIR')", name="category"),
        CheckConstraint("CAST(fulltime_monthly_salary AS NUMERIC) >= 0", name="salary"),
    )

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(100))
    tussenvoegsel: Mapped[str] = mapped_column(String(20), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(3))
    #: The function's maximum scale: LB, LC, LD, LE or a number 1-18 (CAO VO).
    salary_scale: Mapped[str] = mapped_column(String(3))
    #: Gross monthly salary at a full-time appointment (schaalsalaris bij normbetrekking).
    fulltime_monthly_salary: Mapped[Decimal] = mapped_column(ExactDecimal(10, 2))
    #: Hours of a full-time week when the scheme counts in weekly hours (CAO GGZ: 36, or 38
    #: for doctors in training); empty: the scheme's own default.
    fulltime_weekly_hours: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 2))
    #: The sectie or team the planner filters on ("Bètavakken", "Onderbouw"); free text.
    sectie: Mapped[str] = mapped_column(String(60), default="")

    organisation: Mapped[Organisation] = relationship()
    school: Mapped[School] = relationship()
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="employee",
        order_by="(Appointment.start, Appointment.id)",
        cascade="all, delete-orphan",
    )

    @property
    def full_name(self) -> str:
        """Name as a Dutch list shows it: "Jan de Vries"."""
        return " ".join(
            part for part in (self.first_name, self.tussenvoegsel, self.last_name) if part
        )

    @property
    def sort_name(self) -> str:
        """Name for sorting: "Vries, Jan de"."""
        prefix = f" {self.tussenvoegsel}" if self.tussenvoegsel else ""
        return f"{self.last_name}, {self.first_name}{prefix}"


class Appointment(IdMixin, VersionedMixin, TimestampMixin, Base):
    """An aanstelling: from ``start`` to ``end`` (open-ended when empty) at ``fte``."""

    __tablename__ = "appointment"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (
        CheckConstraint("CAST(fte AS NUMERIC) > 0", name="fte_positive"),
        CheckConstraint("end_date IS NULL OR end_date >= start", name="period"),
        CheckConstraint("kind IN ('regulier', 'vervanging')", name="kind"),
    )

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    fte: Mapped[Decimal] = mapped_column(ExactDecimal(6, 4))
    kind: Mapped[str] = mapped_column(String(10), default="regulier")

    employee: Mapped[Employee] = relationship(back_populates="appointments")
