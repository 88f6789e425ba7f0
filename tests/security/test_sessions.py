"""Session ids: a new one at every login, known to the server, gone at logout.

The cookie is read back with the app's own serializer, so the tests see exactly what the server
sees. The threats: a cookie planted in a victim's browser before they log in (session
fixation), a copy of a logged-in cookie used after the owner logged out, and a remember-me
cookie as a way around the server's list of sessions.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import pyotp
from flask_login.config import COOKIE_NAME as REMEMBER_COOKIE
from flask_login.utils import encode_cookie
from sqlalchemy import select

from jaartaak.db import utcnow
from jaartaak.models import LoginSession, User
from jaartaak.services import login_sessions, tweestaps
from jaartaak.web.login import SESSION_ID

from support import DEMO_PASSWORD, csrf_token, logged_in, login
from support_security import copy_cookie, log_out, session_cookie


def _user(database, username: str) -> User:
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        session.expunge(user)
        return user


def _live_sessions(database) -> set[tuple[int, str]]:
    with database.session() as session:
        return {(row.user_id, row.sid_hash) for row in session.scalars(select(LoginSession))}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _is_sent_to_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def test_every_login_starts_a_new_session_id_known_to_the_server(app, client, database, demo):
    client.get("/inloggen")
    before = session_cookie(app, client)
    assert before["csrf_token"] and SESSION_ID not in before

    logged_in(client, "jansen")
    first = session_cookie(app, client)[SESSION_ID]
    jansen = _user(database, "jansen")
    assert _live_sessions(database) == {(jansen.id, _sha256(first))}
    client.get("/mijn/wat-als")  # a page with a form: a CSRF token for the new session
    assert session_cookie(app, client)["csrf_token"] != before["csrf_token"]

    log_out(client)
    after_logout = session_cookie(app, client)
    assert SESSION_ID not in after_logout and "_user_id" not in after_logout
    assert _live_sessions(database) == set()

    logged_in(client, "jansen")
    second = session_cookie(app, client)[SESSION_ID]
    assert second != first
    assert _live_sessions(database) == {(jansen.id, _sha256(second))}


def test_a_cookie_planted_before_login_does_not_become_logged_in(app, demo):
    attacker, victim = app.test_client(), app.test_client()
    attacker.get("/inloggen")
    planted = copy_cookie(app, attacker, victim)
    logged_in(victim, "jansen")
    assert victim.get("/mijn/").status_code == 200
    assert session_cookie(app, victim)[SESSION_ID]
    assert victim.get_cookie(app.config["SESSION_COOKIE_NAME"]).value != planted
    assert _is_sent_to_login(attacker.get("/mijn/"))
    assert SESSION_ID not in session_cookie(app, attacker)


def test_a_copy_of_the_cookie_is_worthless_once_its_owner_logs_out(app, demo):
    browser = logged_in(app.test_client(), "jansen")
    thief = app.test_client()
    copy_cookie(app, browser, thief)
    assert thief.get("/mijn/").status_code == 200  # a copy works while the session lasts
    log_out(browser)
    assert _is_sent_to_login(thief.get("/mijn/"))
    assert thief.get("/planner/").status_code == 302


def test_the_second_step_of_two_factor_login_starts_the_session(app, client, database, demo):
    secret = tweestaps.new_secret()
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "jansen"))
        tweestaps.enable(session, user, secret, pyotp.TOTP(secret).now())
        session.commit()
    assert login(client, "jansen").headers["Location"] == "/inloggen/code"
    pending = session_cookie(app, client)
    assert pending["login_pending"] and SESSION_ID not in pending
    assert _is_sent_to_login(client.get("/mijn/"))  # the password alone logs nobody in

    code = pyotp.TOTP(secret).at(time.time() + 30)  # enabling used the current window
    token = csrf_token(client, "/inloggen/code")
    response = client.post("/inloggen/code", data={"csrf_token": token, "code": code})
    assert response.status_code == 302, response.get_data(as_text=True)
    after = session_cookie(app, client)
    assert "login_pending" not in after
    assert _live_sessions(database) == {(user.id, _sha256(after[SESSION_ID]))}
    assert client.get("/mijn/").status_code == 200


def test_a_password_change_gives_a_new_session_id_and_ends_the_old_one(app, client, database, demo):
    logged_in(client, "jansen")
    old_id = session_cookie(app, client)[SESSION_ID]
    before_change = app.test_client()
    copy_cookie(app, client, before_change)
    new_password = "een-heel-nieuw-wachtwoord"
    response = client.post(
        "/account/wachtwoord",
        data={
            "csrf_token": csrf_token(client, "/account/wachtwoord"),
            "current": DEMO_PASSWORD,
            "new": new_password,
            "repeat": new_password,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    new_id = session_cookie(app, client)[SESSION_ID]
    assert new_id != old_id
    assert _live_sessions(database) == {(_user(database, "jansen").id, _sha256(new_id))}
    assert client.get("/mijn/").status_code == 200
    assert _is_sent_to_login(before_change.get("/mijn/"))


def test_a_session_id_belongs_to_one_user_and_ends_after_the_maximum_age(database, demo):
    start = utcnow()
    with database.session() as session:
        jansen = session.scalar(select(User).where(User.username == "jansen"))
        devries = session.scalar(select(User).where(User.username == "devries"))
        own = login_sessions.start(session, jansen, start)
        other = login_sessions.start(session, devries, start)
        session.commit()
        assert login_sessions.user_of(session, jansen.id, own, start) is jansen
        assert login_sessions.user_of(session, jansen.id, other, start) is None
        assert login_sessions.user_of(session, jansen.id, "geraden", start) is None
        late = start + login_sessions.MAX_AGE + timedelta(seconds=1)
        assert login_sessions.user_of(session, jansen.id, own, late) is None
        jansen.active = False
        session.flush()
        assert login_sessions.user_of(session, jansen.id, own, start) is None
        # A later login forgets the sessions that are too old to use.
        newest = login_sessions.start(session, devries, late)
        session.commit()
    assert _live_sessions(database) == {(devries.id, _sha256(newest))}


def test_no_remember_me_cookie_and_none_logs_in_without_a_live_session(app, database, demo):
    client = app.test_client()
    response = login(client, "jansen")
    assert not [c for c in response.headers.getlist("Set-Cookie") if "remember" in c.lower()]
    jansen = _user(database, "jansen")
    with app.test_request_context():
        # Flask-Login's remember-me cookie, signed with the app's own key and naming the user
        # with the current session token: the best a remember cookie could be.
        remembered = encode_cookie(f"{jansen.id}:{jansen.session_token}")
    stranger = app.test_client()
    stranger.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE), remembered)
    assert _is_sent_to_login(stranger.get("/mijn/"))
