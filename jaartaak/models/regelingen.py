"""Which scheme an organisation's employees fall under, and the choices and events that plugin
schemes compute from.

The CAO VO keeps its own tables (lessons, tasks, ``pb_keuze``): the jaartaak planning needs them.
Any other scheme stores its choices and events as the calc contract's JSON, so a plugin scheme
needs no new tables and no migration of its own.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, IdMixin, TimestampMixin, VersionedMixin
from jaartaak.models.employee import Employee
from jaartaak.models.organisation import Organisation

#: The scheme of an organisation without a row: the one this application was made for.
DEFAULT_SCHEME = "cao-vo"


class RegelingGebruik(IdMixin, VersionedMixin, TimestampMixin, Base):
    """The scheme an organisation's employees fall under, with its company-level settings.

    One per organisation for now (a board under the CAO VO, a GGZ institution under the CAO GGZ).
    """

    __tablename__ = "regeling_gebruik"
    __audit_organisation__ = "organisation_id"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), unique=True)
    scheme: Mapped[str] = mapped_column(String(50))
    #: Policy overrides of the scheme's parameters, as the contract's ``settings``.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)

    organisation: Mapped[Organisation] = relationship()


class RegelingKeuze(IdMixin, VersionedMixin, TimestampMixin, Base):
    """An employee's choice under a plugin scheme for one period (contract ``choices``)."""

    __tablename__ = "regeling_keuze"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (UniqueConstraint("employee_id", "scheme", "periode"),)

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    periode: Mapped[str] = mapped_column(String(20))
    keuzes: Mapped[dict] = mapped_column(JSON)
    gekozen_op: Mapped[date] = mapped_column(Date)

    employee: Mapped[Employee] = relationship()


class Gebeurtenis(IdMixin, TimestampMixin, Base):
    """Something that happened under a plugin scheme (leave taken, a training claim): one of the
    contract's ``events`` for the period. Recorded, never edited: a mistake is corrected by a
    new event or by removing this one, both in the audit log."""

    __tablename__ = "gebeurtenis"
    __audit_organisation__ = ("employee_id", "employee")

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    periode: Mapped[str] = mapped_column(String(20))
    datum: Mapped[date] = mapped_column(Date)
    soort: Mapped[str] = mapped_column(String(50))
    #: The event's other fields (``hours``, ``amount`` …) as contract JSON text values.
    gegevens: Mapped[dict] = mapped_column(JSON, default=dict)

    employee: Mapped[Employee] = relationship()


class RegelingFeiten(IdMixin, VersionedMixin, TimestampMixin, Base):
    """What HR records about an employee that only a plugin scheme reads (a personal
    allowance, a yes/no for an insurance …): the values of the scheme's ``employee_facts``,
    as contract JSON values. Its own row (not a column of the employee), so that HR editing
    these and a planner editing the employee never conflict."""

    __tablename__ = "regeling_feiten"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (UniqueConstraint("employee_id", "scheme"),)

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    feiten: Mapped[dict] = mapped_column(JSON, default=dict)

    employee: Mapped[Employee] = relationship()


class RegelingBeginstand(IdMixin, VersionedMixin, TimestampMixin, Base):
    """What an employee brought into the first period the application knows (the reserves on
    1 January, say): the contract's ``history`` for that period, entered by HR. Later periods
    carry their history over from the period before, computed."""

    __tablename__ = "regeling_beginstand"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (UniqueConstraint("employee_id", "scheme", "periode"),)

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    periode: Mapped[str] = mapped_column(String(20))
    history: Mapped[dict] = mapped_column(JSON, default=dict)

    employee: Mapped[Employee] = relationship()
