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


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def _minutes_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds() / 60))


def authenticate(
    session: Session,
    username: str,
    password: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime | None = None,
) -> LoginOutcome:
    """Check a login attempt; the throttle counts are committed at once, on their own.

    The message for a wrong password and for an unknown user name is the same, and both take
    the time of one Argon2 verification. The bookkeeping of a successful login (the time, an
    upgraded hash of the same password) is a plain UPDATE: it must not raise the record's
    version, or a double-clicked login would conflict with itself.
    """
    now = now or utcnow()
    bind = session.get_bind()
    until = throttle.count_attempt(bind, username, address, policy, now)
    if until is not None:
        minutes = _minutes_until(until, now)
        return LoginOutcome(
            None,
            "Te veel mislukte inlogpogingen. Probeer het over "
            f"{minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw.",
        )
    user = find_user(session, username)
    if not verify_password(user.password_hash if user else None, password):
        throttle.record_failure(bind, address, policy, now)
        return LoginOutcome(None, WRONG_CREDENTIALS)
    if not user.active:
        return LoginOutcome(None, INACTIVE)
    throttle.clear(bind, username, address)
    bookkeeping: dict[str, object] = {"last_login_at": now}
    if needs_rehash(user.password_hash):
        bookkeeping["password_hash"] = hash_password(password)
    session.execute(update(User).where(User.id == user.id).values(**bookkeeping))
    return LoginOutcome(user)
