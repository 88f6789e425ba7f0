"""Login throttling: counters per name and address, in the database, updated atomically.

Three counters, each over a window of ``lockout`` minutes:

- **name from one address**: every attempt counts *before* the password is checked, so parallel
  requests cannot buy extra guesses; past ``max_failures`` that name is locked for that address.
  Someone guessing from elsewhere does not lock out the real user.
- **name from anywhere**: the same, with ten times the limit, against guessing from many
  addresses.
- **address**: only failed attempts count; past ``max_failures_per_address`` the address is
  locked for every name. The limit is high because a whole school often shares one address.

A successful login clears the two name counters. (Because attempts count before they are
checked, more than ``max_failures`` simultaneous logins for one name from one address are
refused even with the right password; people do not click that fast.)

The keys hold a hash of the name as typed, whether or not such an account exists, so a lock
does not reveal which accounts exist. Counters
live in the database (not in a server's memory) so that every app server sees the same counts,
and each update is one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` in its own short
transaction, visible to parallel requests at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from jaartaak.models import LoginThrottle

NAME_FACTOR = 10
_table = LoginThrottle.__table__


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    max_failures_per_address: int = 100

    @property
    def max_attempts_per_name(self) -> int:
        return self.max_failures * NAME_FACTOR


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def name_key(username: str) -> str:
    return f"user:{_digest(username.strip().lower())}"


def pair_key(username: str, address: str | None) -> str:
    return f"pair:{_digest(username.strip().lower() + chr(0) + (address or ''))}"


def address_key(address: str | None) -> str:
    return f"ip:{address or 'onbekend'}"


def _aware(moment: datetime, reference: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; they are UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=reference.tzinfo)


def _count(
    connection: Connection, key: str, now: datetime, lockout: timedelta
) -> tuple[int, datetime]:
    """Add one to ``key`` atomically, starting a new window when the old one is over."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    expired = _table.c.window_start < now - lockout
    statement = (
        insert(_table)
        .values(key=key, failures=1, window_start=now)
        .on_conflict_do_update(
            index_elements=[_table.c.key],
            set_={
                "failures": case((expired, 1), else_=_table.c.failures + 1),
                "window_start": case((expired, now), else_=_table.c.window_start),
            },
        )
        .returning(_table.c.failures, _table.c.window_start)
    )
    failures, window_start = connection.execute(statement).one()
    return failures, _aware(window_start, now)


def _peek(
    connection: Connection, key: str, now: datetime, lockout: timedelta
) -> tuple[int, datetime]:
    row = connection.execute(
        select(_table.c.failures, _table.c.window_start).where(_table.c.key == key)
    ).one_or_none()
    if row is None or _aware(row.window_start, now) < now - lockout:
        return 0, now
    return row.failures, _aware(row.window_start, now)


def count_attempt(
    bind: Engine, username: str, address: str | None, policy: ThrottlePolicy, now: datetime
) -> datetime | None:
    """Count an attempt before its password is checked; the end of a lock in force, or None."""
    with bind.begin() as connection:
        pair = _count(connection, pair_key(username, address), now, policy.lockout)
        name = _count(connection, name_key(username), now, policy.lockout)
        by_address = _peek(connection, address_key(address), now, policy.lockout)
    # The name counters include this attempt; the address counter holds earlier failures only.
    windows = [
        start
        for (count, start), limit in (
            (pair, policy.max_failures),
            (name, policy.max_attempts_per_name),
        )
        if count > limit
    ]
    if by_address[0] >= policy.max_failures_per_address:
        windows.append(by_address[1])
    return max(windows) + policy.lockout if windows else None


def record_failure(
    bind: Engine, address: str | None, policy: ThrottlePolicy, now: datetime
) -> None:
    with bind.begin() as connection:
        _count(connection, address_key(address), now, policy.lockout)


def clear(bind: Engine, username: str, address: str | None) -> None:
    """After a successful login the name counters start again."""
    with bind.begin() as connection:
        connection.execute(
            delete(_table).where(
                _table.c.key.in_([pair_key(username, address), name_key(username)])
            )
        )
