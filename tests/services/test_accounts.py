"""Accounts and roles: what may be granted, enforced in the service and by the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jaartaak.models import Organisation, Role, RoleAssignment, School, User
from jaartaak.services.accounts import AccountError, grant_role
from jaartaak.services.organisations import create_organisation


def demo_objects(session):
    board = session.scalar(select(Organisation))
    school = session.scalar(select(School).where(School.name == "Lyceum De Horizon"))
    user = session.scalar(select(User).where(User.username == "planner"))
    return board, school, user


def test_a_beheerder_is_never_granted_for_one_school(database, demo):
    with database.session() as session:
        board, school, user = demo_objects(session)
        with pytest.raises(AccountError, match="geldt voor het hele bestuur"):
            grant_role(session, user, Role.BEHEERDER, board, school)


def test_the_database_refuses_a_school_beheerder_too(database, demo):
    with database.session() as session:
        board, school, user = demo_objects(session)
        session.add(RoleAssignment(user=user, role="beheerder", organisation=board, school=school))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_a_role_in_a_school_of_another_board_is_refused(database, demo):
    with database.session() as session:
        _board, school, user = demo_objects(session)
        other = create_organisation(session, "Stichting Elders")
        with pytest.raises(AccountError, match="hoort niet bij Stichting Elders"):
            grant_role(session, user, Role.PLANNER, other, school)


def test_granting_the_same_role_twice_adds_nothing(database, demo):
    with database.session() as session:
        board, school, user = demo_objects(session)
        before = len(user.roles)
        assert grant_role(session, user, Role.PLANNER, board, school) in user.roles
        assert len(user.roles) == before
