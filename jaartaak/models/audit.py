"""The audit log: who changed which record when, with the values before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jaartaak.db import Base, IdMixin, utcnow


class AuditEntry(IdMixin, Base):
    """One change of one record. Written by a session listener; never edited afterwards."""

    __tablename__ = "audit_entry"
    __audit__ = False

    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    #: The name at the time of the change, kept even when the account is renamed or deactivated.
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(60), index=True)
    record_id: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    #: The employee the record is about (the employee itself, or its appointment, lesson, task
    #: or choice), so that an employee's geschiedenis is one indexed query. No foreign key: the
    #: log outlives the records it describes.
    employee_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
