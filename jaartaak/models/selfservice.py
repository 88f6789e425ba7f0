"""What employees and planners exchange: choice requests, in-app notices and taakbrieven.

A request and a taakbrief carry the scheme's choices as the calc contract's JSON, so a plugin
scheme's requests need no new columns; approving a request turns it into the scheme's plan.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from jaartaak.models.accounts import User
from jaartaak.models.employee import Employee
from jaartaak.models.jobs import StoredFile
from jaartaak.models.organisation import Schooljaar

VERZOEK_STATUS_LABELS = {
    "ingediend": "Ingediend",
    "goedgekeurd": "Goedgekeurd",
    "afgewezen": "Afgewezen",
    "ingetrokken": "Ingetrokken",
}
TAAKBRIEF_STATUS_LABELS = {
    "gepubliceerd": "Wacht op reactie",
    "akkoord": "Akkoord",
    "bezwaar": "Bezwaar",
}


class KeuzeVerzoek(IdMixin, VersionedMixin, TimestampMixin, Base):
    """An employee's request for their choices in a schooljaar, until a planner decides.

    At most one request per employee and year is open (``ingediend``): a partial unique index
    holds that even when two submissions race.
    """

    __tablename__ = "keuze_verzoek"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (
        CheckConstraint(
            "status IN ('ingediend', 'goedgekeurd', 'afgewezen', 'ingetrokken')", name="status"
        ),
        Index(
            "ux_keuze_verzoek_open",
            "employee_id",
            "schooljaar_id",
            unique=True,
            sqlite_where=text("status = 'ingediend'"),
            postgresql_where=text("status = 'ingediend'"),
        ),
    )

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    #: The choices as the calc contract's ``choices`` for ``scheme``.
    keuzes: Mapped[dict] = mapped_column(JSON)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="ingediend")
    #: The planner's reason (required for a rejection).
    reden: Mapped[str] = mapped_column(Text, default="")
    ingediend_door_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    besloten_door_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    besloten_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    employee: Mapped[Employee] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()
    besloten_door: Mapped[User | None] = relationship(foreign_keys=[besloten_door_user_id])

    @property
    def status_label(self) -> str:
        return VERZOEK_STATUS_LABELS[self.status]

    @property
    def open(self) -> bool:
        return self.status == "ingediend"


class Melding(IdMixin, Base):
    """A notice for one user in the app (a decision on a request, a taakbrief to sign)."""

    __tablename__ = "melding"
    __audit__ = False

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    tekst: Mapped[str] = mapped_column(Text)
    #: A path inside the app, for the link under the notice.
    link: Mapped[str] = mapped_column(String(300), default="")
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    gelezen_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Taakbrief(IdMixin, VersionedMixin, TimestampMixin, Base):
    """One published version of an employee's taakbrief for a schooljaar, with the reply.

    The PDF is kept as published (``bestand``): what the employee signed stays readable after
    the facts change. ``inhoud_sleutel`` digests the numbers it shows, so the planner sees when
    a newer version is due.
    """

    __tablename__ = "taakbrief"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (
        UniqueConstraint("employee_id", "schooljaar_id", "versie"),
        CheckConstraint("status IN ('gepubliceerd', 'akkoord', 'bezwaar')", name="status"),
    )

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    inhoud_sleutel: Mapped[str] = mapped_column(String(64))
    bestand_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    status: Mapped[str] = mapped_column(String(12), default="gepubliceerd")
    #: The employee's objection (bezwaar), empty otherwise.
    reactie: Mapped[str] = mapped_column(Text, default="")
    gepubliceerd_door_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    gereageerd_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    employee: Mapped[Employee] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()
    bestand: Mapped[StoredFile] = relationship()

    @property
    def status_label(self) -> str:
        return TAAKBRIEF_STATUS_LABELS[self.status]
