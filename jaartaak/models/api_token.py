"""Bearer tokens for the REST API (``/api/v1``): stored hashed, revocable, never shown again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, IdMixin, TimestampMixin
from jaartaak.models.accounts import User


class ApiToken(IdMixin, TimestampMixin, Base):
    """An API token of ``user``: ``jt_`` plus a random secret, of which only a hash is kept.

    ``token_hash`` is the SHA-256 (hex) of the whole token text. The secret is
    ``secrets.token_urlsafe(32)`` (256 random bits), so there is nothing to guess or to look up
    in a dictionary: a fast hash is right here, unlike for passwords (Argon2), and it lets a
    request find its token with one indexed lookup. ``prefix`` (the first 8 characters) is not
    secret; listings show it so a token can be recognised and revoked.
    """

    __tablename__ = "api_token"
    __audit_organisation__ = ("user_id", "user_account")

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info={"audit_mask": True})
    prefix: Mapped[str] = mapped_column(String(8), index=True)
    last_used_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info={"audit": False}
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
