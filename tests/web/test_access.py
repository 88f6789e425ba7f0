"""Each person sees only what their role allows; changing an id in a URL reaches nothing more."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jaartaak.models import Employee, Organisation, Role, School
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD, logged_in


def employee_id(database, last_name: str) -> int:
    with database.session() as session:
        return session.scalar(select(Employee.id).where(Employee.last_name == last_name))


def school(database, name: str) -> School:
    with database.session() as session:
        return session.scalar(select(School).where(School.name == name))


def add_user(
    database,
    username: str,
    role: Role,
    school_name: str | None = None,
    organisation_name: str = "Demo Scholengroep",
) -> None:
    with database.session() as session:
        board = session.scalar(select(Organisation).where(Organisation.name == organisation_name))
        if board is None:
            board = Organisation(name=organisation_name)
            session.add(board)
        one_school = (
            session.scalar(select(School).where(School.name == school_name))
            if school_name
            else None
        )
        user = create_user(
            session, username, DEMO_PASSWORD, display_name=username, organisation=board
        )
        grant_role(session, user, role, board, one_school)


@pytest.mark.parametrize("path", ["/planner/", "/mijn/", "/salaris/", "/beheer/", "/opdrachten/"])
def test_every_area_needs_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")


@pytest.mark.parametrize(
    ("username", "allowed", "forbidden"),
    [
        ("jansen", "/mijn/", ["/planner/", "/salaris/", "/beheer/"]),
        ("planner", "/planner/", ["/mijn/", "/salaris/", "/beheer/"]),
        ("salaris", "/salaris/", ["/mijn/", "/planner/", "/beheer/"]),
        ("beheerder", "/beheer/", ["/mijn/", "/planner/", "/salaris/"]),
    ],
)
def test_each_role_opens_its_own_area_only(client, demo, username, allowed, forbidden):
    logged_in(client, username)
    assert client.get(allowed).status_code == 200
    for path in forbidden:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Geen toegang" in response.get_data(as_text=True)


def test_navigation_shows_what_the_roles_allow(client, demo):
    logged_in(client, "planner")
    page = client.get("/").get_data(as_text=True)
    assert 'href="/planner/"' in page
    assert 'href="/mijn/"' not in page and 'href="/beheer/"' not in page


def test_an_employee_sees_only_their_own_data(client, demo, database):
    logged_in(client, "jansen")
    page = client.get("/mijn/").get_data(as_text=True)
    assert "12 maart 1985" in page  # Jansen's own birth date
    assert "7 februari 1965" not in page and "Anneke" not in page  # nothing of De Vries
    # The planner's page of another employee is out of reach: changing the id does not help.
    other = employee_id(database, "Vries")
    own = employee_id(database, "Jansen")
    for target in (other, own):
        assert client.get(f"/planner/medewerkers/{target}").status_code == 403


def test_a_planner_of_one_school_cannot_reach_the_other_school(client, demo, database):
    add_user(database, "planner-horizon", Role.PLANNER, "Lyceum De Horizon")
    logged_in(client, "planner-horizon")
    baken = school(database, "Het Baken College")
    assert client.get(f"/planner/medewerkers/{employee_id(database, 'Jansen')}").status_code == 404
    assert client.get(f"/planner/?school={baken.id}").status_code == 404
    page = client.get("/planner/").get_data(as_text=True)
    assert "Personeel van Lyceum De Horizon" in page
    assert "Jansen, Jan" not in page


def test_a_planner_sees_an_employee_of_their_school(client, demo, database):
    logged_in(client, "planner")
    page = client.get(f"/planner/medewerkers/{employee_id(database, 'Vries')}").get_data(
        as_text=True
    )
    assert "Anneke de Vries" in page
    assert "7 februari 1965" in page


def test_a_beheerder_of_another_board_sees_nothing_of_the_demo_board(client, demo, database):
    add_user(database, "beheerder-elders", Role.BEHEERDER, organisation_name="Stichting Elders")
    logged_in(client, "beheerder-elders")
    page = client.get("/beheer/").get_data(as_text=True)
    assert "Stichting Elders" in page
    assert "Demo Scholengroep" not in page
    assert "Het Baken College" not in page


def test_salarisadministratie_of_one_school_sees_that_school_only(client, demo, database):
    add_user(database, "salaris-baken", Role.SALARIS, "Het Baken College")
    logged_in(client, "salaris-baken")
    page = client.get("/salaris/").get_data(as_text=True)
    assert "34 medewerkers" in page
    assert "Lyceum De Horizon" not in page
