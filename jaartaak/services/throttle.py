"""Login throttling: after repeated failures a user name (or a client address) is locked a while.

The key for a user name is a hash of the name as typed, whether or not the account exists, so
the lock itself does not reveal which accounts exist. A client address gets its own, much higher
limit: it stops one machine from trying a password against many accounts, while a whole school
behind one NAT address does not lock itself out when a few teachers mistype.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from jaartaak.models import LoginThrottle


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    max_failures_per_address: int = 100


def username_key(username: str) -> str:
    digest = hashlib.sha256(username.strip().lower().encode("utf-8")).hexdigest()
    return f"user:{digest[:40]}"


def address_key(address: str | None) -> str:
    return f"ip:{address or 'onbekend'}"


def _as_aware(moment: datetime | None, reference: datetime) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=reference.tzinfo)
    return moment


def locked_until(session: Session, keys: list[str], now: datetime) -> datetime | None:
    """The latest lock still in force on any of ``keys``, or None."""
    latest = None
    for key in keys:
        row = session.get(LoginThrottle, key)
        until = _as_aware(row.locked_until, now) if row else None
        if until and until > now and (latest is None or until > latest):
            latest = until
    return latest


def record_failure(
    session: Session, key: str, limit: int, policy: ThrottlePolicy, now: datetime
) -> None:
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_start=now)
        session.add(row)
    window_start = _as_aware(row.window_start, now)
    if window_start is None or now - window_start > policy.lockout:
        row.failures = 0
        row.window_start = now
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + policy.lockout
        row.failures = 0
        row.window_start = now


def record_failures(
    session: Session, username: str, address: str | None, policy: ThrottlePolicy, now: datetime
) -> None:
    record_failure(session, username_key(username), policy.max_failures, policy, now)
    record_failure(session, address_key(address), policy.max_failures_per_address, policy, now)


def clear(session: Session, username: str) -> None:
    row = session.get(LoginThrottle, username_key(username))
    if row is not None:
        session.delete(row)
