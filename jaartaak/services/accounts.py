"""User accounts: creating them, logging in, and the roles they hold."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jaartaak.db import utcnow
from jaartaak.models import Employee, Organisation, Role, RoleAssignment, School, User
from jaartaak.models.accounts import new_session_token
from jaartaak.services import throttle
from jaartaak.services.errors import Refused
from jaartaak.services.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
#: Enough to catch a typo (no @, no domain); whether the address exists only a mail can tell.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

WRONG_CREDENTIALS = "Onbekende gebruikersnaam of onjuist wachtwoord."
INACTIVE = "Dit account is gedeactiveerd. Neem contact op met de beheerder van uw school."


class AccountError(Refused):
    """A request about accounts that cannot be carried out."""


def normalise_username(username: str) -> str:
    return username.strip().lower()


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def create_user(
    session: Session,
    username: str,
    password: str,
    *,
    display_name: str,
    organisation: Organisation | None = None,
    employee: Employee | None = None,
    email: str | None = None,
) -> User:
    """Create an active account; refuses a taken or malformed user name and a weak password."""
    name = normalise_username(username)
    if not USERNAME_PATTERN.match(name):
        raise AccountError(
            "Een gebruikersnaam heeft 2 tot 80 tekens: kleine letters, cijfers, punt, "
            "streepje of liggend streepje, en begint met een letter of cijfer."
        )
    if find_user(session, name) is not None:
        raise AccountError(f"De gebruikersnaam '{name}' is al in gebruik.")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    email = (email or "").strip() or None
    if email is not None and not EMAIL_PATTERN.match(email):
        raise AccountError(f"'{email}' is geen geldig e-mailadres.")
    if employee is not None and session.scalar(select(User).where(User.employee == employee)):
        raise AccountError(f"Medewerker {employee.code} heeft al een account.")
    user = User(
        username=name,
        display_name=display_name.strip() or name,
        email=email,
        password_hash=hash_password(password),
        organisation=organisation,
        employee=employee,
    )
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()  # logs every other session of this user out


def grant_role(
    session: Session,
    user: User,
    role: Role,
    organisation: Organisation,
    school: School | None = None,
) -> RoleAssignment:
    """Give ``user`` a role in ``organisation`` (for one ``school`` or, without, all of them)."""
    if role is Role.BEHEERDER and school is not None:
        raise AccountError("De rol beheerder geldt voor het hele bestuur, niet voor één school.")
    if school is not None and school.organisation_id != organisation.id:
        raise AccountError(f"School {school.name} hoort niet bij {organisation.name}.")
    if role is Role.MEDEWERKER and user.employee is None:
        raise AccountError(
            "De rol medewerker hoort bij een medewerker; koppel eerst een medewerker."
        )
    for existing in user.roles:
        if (
            existing.role == role
            and existing.organisation_id == organisation.id
            and existing.school_id == (school.id if school else None)
        ):
            return existing
    assignment = RoleAssignment(
        user=user, role=role.value, organisation=organisation, school=school
    )
    session.add(assignment)
    session.flush()
    return assignment


def require_password_change(user: User) -> None:
    """Make ``user`` choose a new password before anything else, at the next page they open.

    For a temporary password a beheerder hands out: ``set_password(user, temporary)`` and then
    this. :func:`change_password` clears it again.
    """
    user.must_change_password = True


def change_password(
    session: Session,
    user: User,
    current: str,
    new: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime | None = None,
) -> None:
    """The user's own password change; a wrong current password counts as a failed login.

    Clears ``must_change_password``; the new session token logs out every other session (the
    caller logs the current one in again).
    """
    now = now or utcnow()
    check_attempt(session, user.username, address, policy, now)
    if not verify_password(user.password_hash, current):
        throttle.record_failure(session.get_bind(), address, policy, now)
        raise AccountError("Het huidige wachtwoord klopt niet.")
    if new == current:
        raise AccountError("Kies een nieuw wachtwoord dat anders is dan het huidige.")
    set_password(user, new)
    user.must_change_password = False


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    message: str | None = None
    #: The password was right, but the user has two-factor login on: a code must follow.
    needs_code: bool = False

    @property
    def ok(self) -> bool:
        return self.user is not None


def _minutes_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds() / 60))


def locked_message(until: datetime, now: datetime) -> str:
    minutes = _minutes_until(until, now)
    return (
        "Te veel mislukte inlogpogingen. Probeer het over "
        f"{minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw."
    )


def check_attempt(
    session: Session,
    username: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime,
) -> None:
    """Count an attempt for ``username`` before it is checked; refuse while a lock is in force.

    Call it before the session writes anything: the counters commit on their own connection.
    """
    until = throttle.count_attempt(session.get_bind(), username, address, policy, now)
    if until is not None:
        raise AccountError(locked_message(until, now))


def finish_login(session: Session, user: User, now: datetime | None = None) -> None:
    """The bookkeeping of a completed login (a plain UPDATE: no new version, see authenticate)."""
    session.execute(update(User).where(User.id == user.id).values(last_login_at=now or utcnow()))


def forget_failures(session: Session, username: str, address: str | None) -> None:
    """After a completed login the name counters start again; call it after the commit."""
    throttle.clear(session.get_bind(), username, address)


def authenticate(
    session: Session,
    username: str,
    password: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime | None = None,
) -> LoginOutcome:
    """Check a login attempt; the throttle counts are committed at once, on their own.

    For a user with two-factor login on, a right password gives ``needs_code``: the caller
    asks for the code (:func:`jaartaak.services.tweestaps.verify_second_factor`), then calls
    :func:`finish_login` and, after the commit, :func:`forget_failures`.

    The message for a wrong password and for an unknown user name is the same, and both take
    the time of one Argon2 verification. The bookkeeping of a successful login (the time, an
    upgraded hash of the same password) is a plain UPDATE: it must not raise the record's
    version, or a double-clicked login would conflict with itself.
    """
    now = now or utcnow()
    bind = session.get_bind()
    until = throttle.count_attempt(bind, username, address, policy, now)
    if until is not None:
        return LoginOutcome(None, locked_message(until, now))
    user = find_user(session, username)
    if not verify_password(user.password_hash if user else None, password):
        throttle.record_failure(bind, address, policy, now)
        return LoginOutcome(None, WRONG_CREDENTIALS)
    if not user.active:
        return LoginOutcome(None, INACTIVE)
    # With two-factor login the user is not logged in yet: the counters keep counting the code
    # attempts that follow, so a right password cannot buy new guesses at the code.
    if not user.totp_enabled:
        throttle.clear(bind, username, address)  # before the session writes (SQLite locks)
    if needs_rehash(user.password_hash):
        session.execute(
            update(User).where(User.id == user.id).values(password_hash=hash_password(password))
        )
    if user.totp_enabled:
        return LoginOutcome(user, needs_code=True)
    finish_login(session, user, now)
    return LoginOutcome(user)
