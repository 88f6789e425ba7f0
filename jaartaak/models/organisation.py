"""The school board (bestuur), its schools and its schooljaren."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, IdMixin, TimestampMixin, VersionedMixin


class Organisation(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A bestuur (school board): the unit that employs people and administers users."""

    __tablename__ = "organisation"
    __audit_organisation__ = "id"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: The roles (``Role`` values) whose holders in this board must use two-factor login.
    tweestaps_rollen: Mapped[list[str]] = mapped_column(JSON, default=list)

    schools: Mapped[list[School]] = relationship(
        back_populates="organisation", order_by="School.name"
    )
    schooljaren: Mapped[list[Schooljaar]] = relationship(
        back_populates="organisation", order_by="Schooljaar.start"
    )


class School(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A school of a board, identified nationally by its BRIN code."""

    __tablename__ = "school"
    __audit_organisation__ = "organisation_id"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    brin: Mapped[str | None] = mapped_column(String(8), unique=True)
    #: The school's locations (vestigingen), one per line; free text.
    locaties: Mapped[str] = mapped_column(Text, default="", server_default="")

    organisation: Mapped[Organisation] = relationship(back_populates="schools")


class Schooljaar(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A school year of a board, written ``2026-2027``: 1 August to 31 July."""

    __tablename__ = "schooljaar"
    __audit_organisation__ = "organisation_id"
    __table_args__ = (
        UniqueConstraint("organisation_id", "code"),
        CheckConstraint("end_date > start", name="period"),
    )

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    code: Mapped[str] = mapped_column(String(9))
    start: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)

    organisation: Mapped[Organisation] = relationship(back_populates="schooljaren")
