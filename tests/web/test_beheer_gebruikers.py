"""The beheerder manages users: a new user with a temporary password, roles per school, the
last beheerder kept, deactivating, resetting a password; nothing of another board."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from jaartaak.models import Organisation, RoleAssignment, School, User

from support import csrf_token, logged_in, login, table_rows

TEMPORARY = re.compile(r'id="tijdelijk-wachtwoord">([^<]+)<')


def _board(database):
    with database.session() as session:
        return session.scalar(
            select(Organisation.id).where(Organisation.name == "Demo Scholengroep")
        )


def _user(database, username):
    with database.session() as session:
        return session.scalar(select(User).where(User.username == username))


def _new_user(client, board, username="nieuwe.planner", **extra):
    path = f"/beheer/besturen/{board}/gebruikers/nieuw"
    data = {
        "csrf_token": csrf_token(client, path),
        "gebruikersnaam": username,
        "naam": "Nina Nieuw",
    }
    return client.post(path, data={**data, **extra}).get_data(as_text=True)


def _post(client, path, data, page):
    return client.post(
        path, data={"csrf_token": csrf_token(client, page), **data}, follow_redirects=True
    ).get_data(as_text=True)


def test_a_new_planner_for_one_school_logs_in_and_sees_only_that_school(client, database, demo):
    board = _board(database)
    logged_in(client, "beheerder")
    page = _new_user(client, board)
    password = TEMPORARY.search(page).group(1)
    user = _user(database, "nieuwe.planner")
    assert user.must_change_password and user.organisation_id == board
    with database.session() as session:
        school = session.scalars(
            select(School).where(School.organisation_id == board).order_by(School.name)
        ).first()
        school_id, school_name = school.id, school.name
    detail = f"/beheer/gebruikers/{user.id}"
    page = _post(client, f"{detail}/rollen", {"rol": "planner", "school": str(school_id)}, detail)
    assert "Rol Planner gegeven aan Nina Nieuw." in page or "gegeven aan Nina Nieuw" in page
    assert table_rows(page, "rollen")[0].startswith(f"Planner {school_name}")
    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/")})
    response = login(client, "nieuwe.planner", password)
    assert response.status_code == 302
    forced = client.get("/planner/", follow_redirects=True).get_data(as_text=True)
    assert "wachtwoord" in forced.lower()


def test_bad_input_is_refused_and_nothing_is_saved(client, database, demo):
    board = _board(database)
    logged_in(client, "beheerder")
    with database.session() as session:
        count = session.scalar(select(func.count()).select_from(User))
    assert "De gebruikersnaam &#39;planner&#39; is al in gebruik." in _new_user(
        client, board, "planner"
    )
    assert "geen medewerker met code" in _new_user(client, board, "x.y", medewerker="NIEMAND")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(User)) == count
        other = Organisation(name="Ander bestuur")
        elsewhere = School(organisation=other, name="Elders")
        session.add_all([other, elsewhere])
        session.flush()
        elsewhere_id = elsewhere.id
    planner = _user(database, "planner")
    detail = f"/beheer/gebruikers/{planner.id}"
    page = _post(
        client, f"{detail}/rollen", {"rol": "planner", "school": str(elsewhere_id)}, detail
    )
    assert "Die school hoort niet bij dit bestuur." in page


def test_the_last_beheerder_stays(client, database, demo):
    logged_in(client, "beheerder")
    me = _user(database, "beheerder")
    detail = f"/beheer/gebruikers/{me.id}"
    page = _post(client, f"{detail}/actief", {"actief": "nee", "version": me.version}, detail)
    assert "de laatste actieve beheerder" in page
    with database.session() as session:
        grant = session.scalar(select(RoleAssignment).where(RoleAssignment.user_id == me.id))
        grant_id = grant.id
    page = _post(client, f"{detail}/rollen/afnemen", {"rol_id": str(grant_id)}, detail)
    assert "de laatste actieve beheerder" in page
    assert _user(database, "beheerder").active


def test_deactivating_and_resetting_a_password(client, database, demo):
    logged_in(client, "beheerder")
    jansen = _user(database, "jansen")
    detail = f"/beheer/gebruikers/{jansen.id}"
    page = client.post(
        f"{detail}/wachtwoord",
        data={"csrf_token": csrf_token(client, detail), "version": jansen.version},
    ).get_data(as_text=True)
    password = TEMPORARY.search(page).group(1)
    assert _user(database, "jansen").must_change_password
    version = _user(database, "jansen").version
    page = _post(client, f"{detail}/actief", {"actief": "nee", "version": version}, detail)
    assert "Jan Jansen is gedeactiveerd" in page
    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/")})
    assert login(client, "jansen", password).status_code != 302


def test_another_boards_user_is_404(client, database, demo):
    from jaartaak.services.accounts import create_user

    with database.session() as session:
        other = Organisation(name="Ander bestuur")
        session.add(other)
        session.flush()
        stranger = create_user(
            session, "vreemde", "lang-genoeg-wachtwoord", display_name="V", organisation=other
        )
        stranger_id, other_id = stranger.id, other.id
    logged_in(client, "beheerder")
    assert client.get(f"/beheer/gebruikers/{stranger_id}").status_code == 404
    assert client.get(f"/beheer/besturen/{other_id}/gebruikers/nieuw").status_code == 404
    logged_in_as_planner = client
    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/")})
    logged_in(logged_in_as_planner, "planner")
    assert client.get(f"/beheer/gebruikers/{stranger_id}").status_code == 403


def test_two_factor_is_switched_off_for_a_lost_phone(client, database, demo):
    with database.session() as session:
        jansen = session.scalar(select(User).where(User.username == "jansen"))
        jansen.totp_secret = "JBSWY3DPEHPK3PXP"
    logged_in(client, "beheerder")
    jansen = _user(database, "jansen")
    detail = f"/beheer/gebruikers/{jansen.id}"
    assert 'id="tweestaps-uit"' in client.get(detail).get_data(as_text=True)
    page = _post(client, f"{detail}/tweestaps-uit", {"version": jansen.version}, detail)
    assert "Tweestapsverificatie van Jan Jansen staat uit." in page
    assert _user(database, "jansen").totp_secret is None
