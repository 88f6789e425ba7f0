"""Background jobs and the files they produce.

Generated files live in the database, not on an app server's disk, so any server can hand out a
file that a worker on another machine made.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from jaartaak.db import Base, IdMixin, utcnow

JOB_STATUS_LABELS = {
    "wachtend": "In de wachtrij",
    "bezig": "Bezig",
    "klaar": "Klaar",
    "mislukt": "Mislukt",
}


class StoredFile(IdMixin, Base):
    __tablename__ = "stored_file"
    __audit__ = False

    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Job(IdMixin, Base):
    """A unit of long work, run by a huey worker; the user who started it follows its progress."""

    __tablename__ = "job"
    __audit__ = False

    kind: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="wachtend")
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    result_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def percent(self) -> int:
        if self.status == "klaar":
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def status_label(self) -> str:
        return JOB_STATUS_LABELS[self.status]

    @property
    def finished(self) -> bool:
        return self.status in {"klaar", "mislukt"}
