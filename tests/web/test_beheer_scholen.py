"""The beheerder adds and edits schools and moves employees between the board's schools;
another board's school or employee cannot be reached."""

from __future__ import annotations

from sqlalchemy import func, select

from jaartaak.models import Employee, Organisation, RoleAssignment, School, Schooljaar, User

from support import csrf_token, logged_in, table_rows


def _board(database, name="Demo Scholengroep"):
    with database.session() as session:
        return session.scalar(select(Organisation.id).where(Organisation.name == name))


def test_a_school_is_added_with_its_brin_and_locations(client, database, demo):
    board = _board(database)
    logged_in(client, "beheerder")
    path = f"/beheer/besturen/{board}/scholen/nieuw"
    data = {
        "csrf_token": csrf_token(client, path),
        "naam": "  Het  Nieuwe Lyceum ",
        "brin": "12ab",
        "locaties": "Hoofdgebouw\n\nDependance Noord\n",
    }
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert "School Het Nieuwe Lyceum toegevoegd." in page
    with database.session() as session:
        school = session.scalar(select(School).where(School.brin == "12AB"))
        assert (school.name, school.locaties) == (
            "Het Nieuwe Lyceum",
            "Hoofdgebouw\nDependance Noord",
        )
    assert any(
        row.startswith("Het Nieuwe Lyceum 12AB") for row in table_rows(page, f"scholen-{board}")
    )


def test_duplicates_and_bad_codes_are_refused_and_nothing_is_saved(client, database, demo):
    board = _board(database)
    logged_in(client, "beheerder")
    path = f"/beheer/besturen/{board}/scholen/nieuw"
    with database.session() as session:
        existing = session.scalar(select(School).where(School.organisation_id == board))
        name, brin = existing.name, existing.brin
        count = session.scalar(select(func.count()).select_from(School))
    for data, message in (
        ({"naam": name.upper(), "brin": ""}, f"Het bestuur heeft al een school &#39;{name}&#39;."),
        ({"naam": "Nieuw", "brin": brin}, f"BRIN-code {brin} is al in gebruik"),
        ({"naam": "Nieuw", "brin": "ABCD"}, "&#39;ABCD&#39; is geen BRIN-code"),
    ):
        token = csrf_token(client, path)
        page = client.post(path, data={"csrf_token": token, "locaties": "", **data})
        assert message in page.get_data(as_text=True)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(School)) == count


def test_a_school_is_edited_and_a_stale_form_does_not_overwrite(client, database, demo):
    logged_in(client, "beheerder")
    with database.session() as session:
        school = session.scalars(select(School).order_by(School.id)).first()
        school_id, version = school.id, school.version
    path = f"/beheer/scholen/{school_id}/bewerken"
    data = {"naam": "Baken College", "brin": "99XA", "locaties": "Centrum", "version": version}
    client.post(path, data={"csrf_token": csrf_token(client, path), **data})
    stale = client.post(path, data={"csrf_token": csrf_token(client, path), **data, "naam": "X"})
    assert "Niet opgeslagen: beheerder heeft dit intussen gewijzigd" in stale.get_data(as_text=True)
    with database.session() as session:
        school = session.get(School, school_id)
        assert (school.name, school.locaties) == ("Baken College", "Centrum")


def test_an_employee_moves_with_their_login(client, database, demo):
    board = _board(database)
    with database.session() as session:
        jansen = session.scalar(select(User).where(User.username == "jansen")).employee
        other = session.scalar(
            select(School).where(School.organisation_id == board, School.id != jansen.school_id)
        )
        person_id, other_id, version = jansen.id, other.id, jansen.version
    logged_in(client, "beheerder")
    page = client.get(f"/beheer/besturen/{board}/medewerkers").get_data(as_text=True)
    assert "Verplaatsen" in page
    path = f"/beheer/medewerkers/{person_id}/verplaatsen"
    token = csrf_token(client, f"/beheer/besturen/{board}/medewerkers")
    data = {
        "csrf_token": token,
        f"m{person_id}-school": str(other_id),
        f"m{person_id}-version": version,
    }
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert f"werkt nu op {other.name}" in page
    with database.session() as session:
        assert session.get(Employee, person_id).school_id == other_id
        grants = session.scalars(
            select(RoleAssignment).join(User).where(User.username == "jansen")
        ).all()
        assert [g.school_id for g in grants] == [other_id]


def test_another_boards_school_and_employee_are_404(client, database, demo):
    with database.session() as session:
        other = Organisation(name="Ander bestuur")
        school = School(organisation=other, name="Elders")
        session.add_all([other, school])
        session.flush()
        other_id, school_id = other.id, school.id
    logged_in(client, "beheerder")
    assert client.get(f"/beheer/besturen/{other_id}/scholen/nieuw").status_code == 404
    assert client.get(f"/beheer/scholen/{school_id}/bewerken").status_code == 404
    assert client.get(f"/beheer/besturen/{other_id}/medewerkers").status_code == 404


def test_the_next_schooljaar_is_added(client, database, demo):
    board = _board(database)
    logged_in(client, "beheerder")
    with database.session() as session:
        last = max(
            session.scalars(select(Schooljaar).where(Schooljaar.organisation_id == board)),
            key=lambda y: y.start,
        )
        following = f"{last.start.year + 1}-{last.start.year + 2}"
    token = csrf_token(client, "/beheer/")
    page = client.post(
        f"/beheer/besturen/{board}/schooljaren", data={"csrf_token": token}, follow_redirects=True
    )
    page = page.get_data(as_text=True)
    assert f"Schooljaar {following} toegevoegd aan Demo Scholengroep." in page
    assert following in page.split(f'id="schooljaren-{board}">')[1].split("</p>")[0]
