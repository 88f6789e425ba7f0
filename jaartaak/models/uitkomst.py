"""Stored summaries of the engine's answers, so the school overview does not recompute them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from jaartaak.db import Base, utcnow


class Rekenuitkomst(Base):
    """The summary of one engine answer, keyed by a digest of its complete input.

    Derived data, not a record anyone edits: it is not audited and never updated. A changed fact
    gives another key, so an entry cannot go stale; entries are only ever added and, once old,
    pruned (:mod:`jaartaak.services.uitkomsten`).
    """

    __tablename__ = "rekenuitkomst"
    __audit__ = False

    sleutel: Mapped[str] = mapped_column(String(64), primary_key=True)
    samenvatting: Mapped[dict] = mapped_column(JSON)
    aangemaakt: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
