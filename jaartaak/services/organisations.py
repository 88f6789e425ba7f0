"""Reading a board's organisation: its schools and its user accounts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.models import Employee, Organisation, RoleAssignment, School, User
from jaartaak.services.errors import Refused

NAME_LENGTH = 200


def create_organisation(session: Session, name: str) -> Organisation:
    """A new board; the name is trimmed, must be there, and must be unique."""
    clean = " ".join(name.split())
    if not clean:
        raise Refused("Geef het bestuur een naam.")
    if len(clean) > NAME_LENGTH:
        raise Refused(f"Een naam heeft hoogstens {NAME_LENGTH} tekens.")
    if session.scalar(select(Organisation.id).where(Organisation.name == clean)) is not None:
        raise Refused(f"Bestuur '{clean}' bestaat al.")
    board = Organisation(name=clean)
    session.add(board)
    session.flush()
    return board


def organisations(session: Session, organisation_ids: set[int]) -> list[Organisation]:
    return list(
        session.scalars(
            select(Organisation)
            .where(Organisation.id.in_(organisation_ids))
            .options(selectinload(Organisation.schools))
            .order_by(Organisation.name)
        )
    )


def employee_counts(session: Session, organisation_id: int) -> dict[int, int]:
    """Number of employees per school id."""
    rows = session.execute(
        select(Employee.school_id, func.count())
        .join(School, School.id == Employee.school_id)
        .where(School.organisation_id == organisation_id)
        .group_by(Employee.school_id)
    )
    return dict(rows.all())


def users(session: Session, organisation_id: int) -> list[User]:
    """Accounts of the board, and accounts holding a role in it, with their roles."""
    holders = select(RoleAssignment.user_id).where(
        RoleAssignment.organisation_id == organisation_id
    )
    return list(
        session.scalars(
            select(User)
            .where((User.organisation_id == organisation_id) | User.id.in_(holders))
            .options(selectinload(User.roles).selectinload(RoleAssignment.school))
            .order_by(User.username)
        )
    )
