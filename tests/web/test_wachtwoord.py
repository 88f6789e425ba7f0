"""Changing the own password, and a temporary password that must be changed first."""

from __future__ import annotations

from sqlalchemy import select

from jaartaak.models import AuditEntry, User
from jaartaak.services.accounts import require_password_change, set_password

from support import DEMO_PASSWORD, csrf_token, logged_in, login

NEW_PASSWORD = "een-nieuw-wachtwoord"


def _change(client, current: str, new: str, repeat: str | None = None):
    token = csrf_token(client, "/account/wachtwoord")
    return client.post(
        "/account/wachtwoord",
        data={"csrf_token": token, "current": current, "new": new, "repeat": repeat or new},
    )


def _user(database, username: str) -> User:
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        session.expunge(user)
        return user


def test_changing_the_password(app, client, database, demo):
    logged_in(client, "jansen")
    other = app.test_client()
    logged_in(other, "jansen")
    wrong = _change(client, "niet-het-wachtwoord", NEW_PASSWORD)
    assert "Het huidige wachtwoord klopt niet." in wrong.get_data(as_text=True)
    mismatch = _change(client, DEMO_PASSWORD, NEW_PASSWORD, "iets-anders-dan-dat")
    assert "De twee nieuwe wachtwoorden zijn niet gelijk." in mismatch.get_data(as_text=True)
    short = _change(client, DEMO_PASSWORD, "kort")
    assert "Een wachtwoord heeft minstens 10 tekens." in short.get_data(as_text=True)
    same = _change(client, DEMO_PASSWORD, DEMO_PASSWORD)
    assert "anders is dan het huidige" in same.get_data(as_text=True)
    hash_before = _user(database, "jansen").password_hash

    done = _change(client, DEMO_PASSWORD, NEW_PASSWORD)
    assert done.status_code == 302
    assert _user(database, "jansen").password_hash != hash_before
    assert client.get("/mijn/").status_code == 200  # this session stays logged in
    assert other.get("/mijn/").status_code == 302  # the other one is logged out
    assert login(app.test_client(), "jansen").status_code == 401
    assert login(app.test_client(), "jansen", NEW_PASSWORD).status_code == 302
    with database.session() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == "user_account", AuditEntry.action == "update")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert entry.after["password_hash"] == "***"


def test_a_temporary_password_must_be_changed_first(app, client, database, demo):
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "beheerder"))
        set_password(user, "tijdelijk-wachtwoord")
        require_password_change(user)
        session.commit()
    login(client, "beheerder", "tijdelijk-wachtwoord")
    for path in ("/", "/beheer/", "/beheer/beveiliging", "/opdrachten/", "/account/tweestaps"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith("/account/wachtwoord")
    page = client.get("/account/wachtwoord").get_data(as_text=True)
    assert "U bent ingelogd met een tijdelijk wachtwoord" in page
    # Logging out still works.
    token = csrf_token(client, "/account/wachtwoord")
    assert client.post("/uitloggen", data={"csrf_token": token}).status_code == 302
    assert client.get("/account/wachtwoord").status_code == 302  # logged out now

    login(client, "beheerder", "tijdelijk-wachtwoord")
    assert _change(client, "tijdelijk-wachtwoord", NEW_PASSWORD).status_code == 302
    assert _user(database, "beheerder").must_change_password is False
    assert client.get("/beheer/").status_code == 200
    assert client.get("/account/wachtwoord").status_code == 200
    assert "tijdelijk wachtwoord" not in client.get("/account/wachtwoord").get_data(as_text=True)


def test_the_password_page_needs_a_login(client, demo):
    response = client.get("/account/wachtwoord")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]
