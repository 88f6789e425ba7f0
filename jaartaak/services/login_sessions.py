"""Login sessions: a random id per login that the server knows, so that logging out ends it.

The session cookie is signed, not stored on the server. On its own that leaves two gaps: a copy
of a logged-in cookie taken before the user logged out stays valid (until 8 hours after its last
use, and every use extends it), and nothing on the server marks the moment of logging in. So
every login (after the password, or after the code of two-factor login) starts a new session
here: the id (256 random bits) goes into the cookie, only its SHA-256 into ``login_session``
(the same reasoning as for API tokens: nothing to guess, so a fast hash is right). A request is
logged in only while that row exists, belongs to the user the cookie names, and is younger than
:data:`MAX_AGE`; logging out deletes the row, so the cookie is worthless from then on, also as
a copy. A cookie from before the login never had an id, so planting one in a victim's browser
gains the attacker nothing.

A password change or deactivation still ends every session of the user through
``User.session_token``; the rows of those sessions are cleared at the next login of anyone
once they are older than :data:`MAX_AGE`.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session, joinedload

from jaartaak.db import utcnow
from jaartaak.models import LoginSession, RoleAssignment, User

#: A login lasts at most this long, however busy the session: then the user logs in again.
MAX_AGE = timedelta(hours=12)


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def start(session: Session, user: User, now: datetime | None = None) -> str:
    """Record a new login session of ``user`` and return its id (for the cookie only).

    Also forgets every session older than :data:`MAX_AGE`, of anyone: they can no longer be
    used, and so the table holds no more than the logins of the last :data:`MAX_AGE`.
    """
    now = now or utcnow()
    session.execute(delete(LoginSession).where(LoginSession.created_at < now - MAX_AGE))
    session_id = secrets.token_urlsafe(32)
    session.add(LoginSession(sid_hash=_hash(session_id), user_id=user.id, created_at=now))
    session.flush()
    return session_id


#: The active account of a live login session, with its grants and their boards (the two-factor
#: check reads them), in one statement built once: it runs before every page
#: (docs/ontwikkelen.md, "Statements op elke pagina").
SESSION_ACCOUNT = (
    select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        User.id == bindparam("user_id"),
        User.active.is_(True),
        LoginSession.sid_hash == bindparam("sid_hash"),
        LoginSession.created_at >= bindparam("since"),
    )
    .options(joinedload(User.roles).joinedload(RoleAssignment.organisation))
)


def user_of(
    session: Session, user_id: int, session_id: str, now: datetime | None = None
) -> User | None:
    """The active user ``user_id`` if ``session_id`` is a live login session of theirs."""
    since = (now or utcnow()) - MAX_AGE
    parameters = {"user_id": user_id, "sid_hash": _hash(session_id), "since": since}
    return session.scalars(SESSION_ACCOUNT, parameters).unique().one_or_none()


def end(session: Session, session_id: str) -> None:
    """End one login session (logging out): its cookie, and every copy of it, stops working."""
    session.execute(delete(LoginSession).where(LoginSession.sid_hash == _hash(session_id)))
