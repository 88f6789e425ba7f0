"""In-app notices for users: a decision on a request, a new taakbrief to read and sign.

A notice is written in the same transaction as the change it reports, so there is never a
notice about a change that was rolled back.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from jaartaak.db import utcnow
from jaartaak.models import Employee, Melding, Role, RoleAssignment, User


def users_of_employee(session: Session, employee_id: int) -> list[User]:
    """The active login(s) linked to an employee (at most one; none for staff without login)."""
    return list(session.scalars(select(User).where(User.employee_id == employee_id, User.active)))


def notify_employee(session: Session, employee_id: int, tekst: str, link: str = "") -> list[User]:
    """A notice for the employee's login; returns the users notified (for an e-mail)."""
    users = users_of_employee(session, employee_id)
    for user in users:
        session.add(Melding(user_id=user.id, tekst=tekst, link=link))
    return users


def planners_of(session: Session, employee: Employee) -> list[User]:
    """The active planners of the employee's school: those of that school and of the board."""
    return list(
        session.scalars(
            select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(
                User.active,
                RoleAssignment.role == Role.PLANNER.value,
                RoleAssignment.organisation_id == employee.organisation_id,
                or_(
                    RoleAssignment.school_id.is_(None),
                    RoleAssignment.school_id == employee.school_id,
                ),
            )
            .distinct()
        )
    )


def notify_planners(session: Session, employee: Employee, tekst: str, link: str = "") -> None:
    """A notice for every planner of the employee's school (a bezwaar they must act on)."""
    for user in planners_of(session, employee):
        session.add(Melding(user_id=user.id, tekst=tekst, link=link))


def unread(session: Session, user_id: int, limit: int = 5) -> list[Melding]:
    return list(
        session.scalars(
            select(Melding)
            .where(Melding.user_id == user_id, Melding.gelezen_op.is_(None))
            .order_by(Melding.aangemaakt.desc(), Melding.id.desc())
            .limit(limit)
        )
    )


#: The header of every page shows this count; built once and run with parameters (see
#: docs/ontwikkelen.md, "Statements op elke pagina").
UNREAD_COUNT = (
    select(func.count())
    .select_from(Melding)
    .where(Melding.user_id == bindparam("user_id"), Melding.gelezen_op.is_(None))
)


def unread_count(session: Session, user_id: int) -> int:
    return session.scalar(UNREAD_COUNT, {"user_id": user_id})


def mark_read(session: Session, user_id: int, melding_id: int | None = None) -> None:
    """Mark one notice (or, without an id, all) of ``user_id`` read; another's id does nothing."""
    statement = update(Melding).where(Melding.user_id == user_id, Melding.gelezen_op.is_(None))
    if melding_id is not None:
        statement = statement.where(Melding.id == melding_id)
    session.execute(statement.values(gelezen_op=utcnow()))
