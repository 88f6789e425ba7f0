"""API tokens: create (the text is shown once), find by the bearer text, list, revoke.

The token text is ``jt_`` plus ``secrets.token_urlsafe(32)``; only its SHA-256 is stored (see
:class:`jaartaak.models.ApiToken` for why a fast hash is right). The secret is never stored
and never logged; listings show the first 8 characters (``prefix``) only.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload

from jaartaak.db.base import utcnow
from jaartaak.models import ApiToken, User
from jaartaak.services.errors import Refused

TOKEN_PREFIX = "jt_"
PREFIX_LENGTH = 8
#: last_used_at is written at most this often per token (one UPDATE per request is waste).
LAST_USED_RESOLUTION_SECONDS = 60


class TokenRefused(Refused):
    pass


@dataclass(frozen=True)
class NewToken:
    """A freshly created token: ``text`` is the only time the secret exists outside a request."""

    token: ApiToken
    text: str


def hash_token(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str = "") -> NewToken:
    text = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=hash_token(text), prefix=text[:PREFIX_LENGTH])
    session.add(token)
    session.flush()
    return NewToken(token, text)


def find_active(session: Session, text: str, now: datetime | None = None) -> ApiToken | None:
    """The token (with its user) for a bearer text, if it exists, is not revoked and its user is
    active; None otherwise. Records when it was last used (a plain UPDATE, not audited, which
    the caller commits)."""
    if not text.startswith(TOKEN_PREFIX) or len(text) > 200:
        return None
    token = session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == hash_token(text))
        .options(selectinload(ApiToken.user))
    )
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = now or utcnow()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite gives naive datetimes back
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
    return token


def tokens(session: Session, user: User | None = None) -> list[ApiToken]:
    statement = select(ApiToken).options(selectinload(ApiToken.user)).order_by(ApiToken.id)
    if user is not None:
        statement = statement.where(ApiToken.user_id == user.id)
    return list(session.scalars(statement))


def revoke(session: Session, prefix_or_id: str, now: datetime | None = None) -> ApiToken:
    """Revoke the token with this id or prefix; refused when none or more than one matches."""
    conditions = [ApiToken.prefix == prefix_or_id]
    if prefix_or_id.isdigit() and len(prefix_or_id) < 10:
        conditions.append(ApiToken.id == int(prefix_or_id))
    found = list(session.scalars(select(ApiToken).where(or_(*conditions))))
    if not found:
        raise TokenRefused(f"Er is geen token met id of prefix '{prefix_or_id}'.")
    if len(found) > 1:
        ids = ", ".join(str(t.id) for t in found)
        raise TokenRefused(
            f"Meer dan één token past bij '{prefix_or_id}' (id {ids}); geef het id op."
        )
    token = found[0]
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()
        session.flush()
    return token
