"""Closed payroll months (exactly what was exported, kept unchanged) and settled steps.

A month is closed per organisation. Its lines are stored as they were exported (with the
employee's number and name of that moment), so a closed month never changes. A later change of
the facts shows up as correction lines in the next month that is closed, each naming the month
it corrects.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, IdMixin, TimestampMixin
from jaartaak.db.types import ExactDecimal
from jaartaak.models.accounts import User
from jaartaak.models.employee import Employee
from jaartaak.models.organisation import Organisation


class Salarisafsluiting(IdMixin, TimestampMixin, Base):
    """A payroll month of an organisation, closed by someone at a moment."""

    __tablename__ = "salarisafsluiting"
    __audit_organisation__ = "organisation_id"
    __table_args__ = (UniqueConstraint("organisation_id", "maand"),)

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    #: The payroll month, ``2026-12``.
    maand: Mapped[str] = mapped_column(String(7))
    gesloten_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    gesloten_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    organisation: Mapped[Organisation] = relationship()
    gesloten_door: Mapped[User | None] = relationship()
    regels: Mapped[list[SalarisregelOpgeslagen]] = relationship(
        back_populates="afsluiting", order_by="SalarisregelOpgeslagen.id"
    )


class SalarisregelOpgeslagen(IdMixin, Base):
    """One exported line of a closed month, as it was exported."""

    __tablename__ = "salarisregel"
    __audit_organisation__ = ("employee_id", "employee")

    afsluiting_id: Mapped[int] = mapped_column(ForeignKey("salarisafsluiting.id"), index=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    personeelsnummer: Mapped[str] = mapped_column(String(20))
    naam: Mapped[str] = mapped_column(String(250))
    school: Mapped[str] = mapped_column(String(200))
    regeling: Mapped[str] = mapped_column(String(50))
    looncode: Mapped[str] = mapped_column(String(60))
    bedrag: Mapped[Decimal] = mapped_column(ExactDecimal(12, 2))
    pensioengevend: Mapped[bool] = mapped_column(Boolean)
    omschrijving: Mapped[str] = mapped_column(String(300))
    #: For a correction line: the month it corrects (``2026-11``), else None.
    correctie_van: Mapped[str | None] = mapped_column(String(7))

    afsluiting: Mapped[Salarisafsluiting] = relationship(back_populates="regels")
    employee: Mapped[Employee] = relationship()


class Afwikkeling(IdMixin, TimestampMixin, Base):
    """What ``jaartaak settle`` found due for one employee-period up to a day: the time-driven
    steps (lapses, conversions, payouts: the ledger entries and payroll lines up to that day)
    and the totals as they stood then (the values fixed by then).

    The digest of the steps makes settling twice harmless: the same steps change nothing.
    """

    __tablename__ = "afwikkeling"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (UniqueConstraint("employee_id", "scheme", "periode"),)

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    periode: Mapped[str] = mapped_column(String(20))
    #: The day up to which the steps were applied.
    tot_en_met: Mapped[date] = mapped_column(Date)
    stappen: Mapped[list] = mapped_column(JSON, default=list)
    totalen: Mapped[dict] = mapped_column(JSON, default=dict)
    digest: Mapped[str] = mapped_column(String(64))

    employee: Mapped[Employee] = relationship()
