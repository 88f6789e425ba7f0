"""What a user may see: the organisations and schools in which they hold a role.

The web layer asks these questions in one place per blueprint; services use the answers to
scope their queries, so that changing an id in a URL never reaches another school's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.models import Role, RoleAssignment, School


@dataclass(frozen=True)
class Grant:
    """One role assignment as plain data: ``school_id`` None means every school of the board."""

    role: Role
    organisation_id: int
    school_id: int | None


def grants_of(assignments: list[RoleAssignment]) -> tuple[Grant, ...]:
    return tuple(Grant(Role(a.role), a.organisation_id, a.school_id) for a in assignments)


def roles_in(grants: tuple[Grant, ...]) -> set[Role]:
    return {grant.role for grant in grants}


def board_ids(grants: tuple[Grant, ...], role: Role) -> set[int]:
    """Boards where ``role`` is held for every school; a grant for one school does not count."""
    return {g.organisation_id for g in grants if g.role is role and g.school_id is None}


def holds(grants: tuple[Grant, ...], role: Role, organisation_id: int) -> bool:
    """Whether ``role`` is held anywhere in the board (for all schools or for one)."""
    return any(g.role is role and g.organisation_id == organisation_id for g in grants)


def school_ids(session: Session, grants: tuple[Grant, ...], role: Role) -> set[int]:
    """Schools where ``role`` applies: the named ones, plus every school of a board-wide grant."""
    named = {g.school_id for g in grants if g.role is role and g.school_id is not None}
    boards = {g.organisation_id for g in grants if g.role is role and g.school_id is None}
    if boards:
        named |= set(session.scalars(select(School.id).where(School.organisation_id.in_(boards))))
    return named
