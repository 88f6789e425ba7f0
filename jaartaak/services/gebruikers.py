"""Users and roles of a board, as its beheerder manages them.

Accounts are never deleted (the audit log keeps their name); they are deactivated. A board always
keeps at least one active beheerder: deactivating or taking the role from the last one is
refused. A beheerder only reaches users of their own boards, and only grants roles there.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.models import Employee, Organisation, Role, RoleAssignment, School, User
from jaartaak.services import accounts
from jaartaak.services.errors import Refused

#: Length in bytes of a temporary password's randomness (12 bytes: 16 characters).
TEMPORARY_BYTES = 12


def user_of_boards(session: Session, user_id: int, organisation_ids: set[int]) -> User | None:
    """The user when they belong to, or hold a role in, one of these boards; else None."""
    holds_role = select(RoleAssignment.user_id).where(
        RoleAssignment.organisation_id.in_(organisation_ids)
    )
    return session.scalar(
        select(User).where(
            User.id == user_id,
            User.organisation_id.in_(organisation_ids) | User.id.in_(holds_role),
        )
    )


def active_beheerders(session: Session, organisation_id: int) -> set[int]:
    """Ids of the active users holding the beheerder role of the board."""
    return set(
        session.scalars(
            select(RoleAssignment.user_id)
            .join(User, User.id == RoleAssignment.user_id)
            .where(
                RoleAssignment.organisation_id == organisation_id,
                RoleAssignment.role == Role.BEHEERDER.value,
                User.active.is_(True),
            )
        )
    )


def _refuse_last_beheerder(session: Session, user: User, organisation_id: int, what: str) -> None:
    beheerders = active_beheerders(session, organisation_id)
    if beheerders == {user.id}:
        raise Refused(
            f"{user.display_name} is de laatste actieve beheerder van dit bestuur; {what} kan "
            "pas als er een andere beheerder is."
        )


def temporary_password() -> str:
    """A random password to hand over once; its user must change it at the first login."""
    return secrets.token_urlsafe(TEMPORARY_BYTES)


def new_account(
    session: Session,
    organisation: Organisation,
    username: str,
    display_name: str,
    email: str,
    employee_code: str,
) -> tuple[User, str]:
    """A new account of the board with a temporary password (returned, shown once)."""
    employee = None
    if employee_code.strip():
        employee = session.scalar(
            select(Employee).where(
                Employee.organisation_id == organisation.id, Employee.code == employee_code.strip()
            )
        )
        if employee is None:
            raise Refused(f"Het bestuur heeft geen medewerker met code '{employee_code.strip()}'.")
    password = temporary_password()
    user = accounts.create_user(
        session,
        username,
        password,
        display_name=display_name,
        organisation=organisation,
        employee=employee,
        email=email,
    )
    accounts.require_password_change(user)
    return user, password


def reset_password(user: User) -> str:
    """A new temporary password (returned, shown once): other sessions of the user end, and
    the user chooses their own password at the next login."""
    password = temporary_password()
    accounts.set_password(user, password)
    accounts.require_password_change(user)
    return password


def set_active(session: Session, user: User, active: bool, organisation_id: int, version) -> None:
    expect_version(user, version)
    if not active:
        _refuse_last_beheerder(session, user, organisation_id, "deactiveren")
        user.session_token = accounts.new_session_token()  # logged out everywhere
    user.active = active


def add_role(
    session: Session, user: User, organisation: Organisation, role: Role, school_id: int | None
) -> RoleAssignment:
    """Grant ``role`` in the board, for one of its schools or (without) all of them."""
    school = None
    if school_id is not None:
        school = session.get(School, school_id)
        if school is None or school.organisation_id != organisation.id:
            raise Refused("Die school hoort niet bij dit bestuur.")
    return accounts.grant_role(session, user, role, organisation, school)


def remove_role(session: Session, user: User, assignment_id: int, organisation_id: int) -> None:
    assignment = next((a for a in user.roles if a.id == assignment_id), None)
    if assignment is None or assignment.organisation_id != organisation_id:
        raise Refused("Deze rol bestaat niet (meer); bekijk de pagina opnieuw.")
    if assignment.role == Role.BEHEERDER.value:
        _refuse_last_beheerder(session, user, organisation_id, "de rol beheerder afnemen")
    session.delete(assignment)


def move_employee(session: Session, person: Employee, school_id: int, version) -> None:
    """Move an employee to another school of the same board. Their lessons, tasks, choices and
    history stay theirs; a login's medewerker role for the old school moves along."""
    expect_version(person, version)
    school = session.get(School, school_id)
    if school is None or school.organisation_id != person.organisation_id:
        raise Refused("Een medewerker kan alleen naar een school van hetzelfde bestuur.")
    if school.id == person.school_id:
        raise Refused(f"{person.full_name} werkt al op {school.name}.")
    old = person.school_id
    person.school = school
    for assignment in session.scalars(
        select(RoleAssignment)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            User.employee_id == person.id,
            RoleAssignment.role == Role.MEDEWERKER.value,
            RoleAssignment.school_id == old,
        )
    ):
        assignment.school = school
