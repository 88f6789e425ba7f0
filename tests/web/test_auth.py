"""Logging in and out: Dutch pages, no user enumeration, throttling, CSRF, cookie flags."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select

from jaartaak.db import utcnow
from jaartaak.models import User
from jaartaak.services.accounts import WRONG_CREDENTIALS, authenticate
from jaartaak.services.throttle import ThrottlePolicy

from support import csrf_token, logged_in, login


def test_login_page_is_dutch(client):
    page = client.get("/inloggen").get_data(as_text=True)
    assert '<html lang="nl">' in page
    for text in ("Inloggen", "Gebruikersnaam", "Wachtwoord"):
        assert text in page


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")


def test_correct_login_leads_to_the_start_page(client, demo):
    response = login(client, "jansen", follow=True)
    page = response.get_data(as_text=True)
    assert "Welkom, Jan Jansen" in page
    assert "Mijn jaartaak" in page


def test_wrong_password_and_unknown_user_get_the_same_answer(client, demo):
    wrong_password = login(client, "jansen", "niet-het-wachtwoord")
    unknown_user = login(client, "niemand", "niet-het-wachtwoord")
    assert wrong_password.status_code == unknown_user.status_code == 401
    for response in (wrong_password, unknown_user):
        assert "Onbekende gebruikersnaam of onjuist wachtwoord." in response.get_data(as_text=True)


def test_repeated_failures_lock_the_name_even_for_the_right_password(client, demo, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(client, "jansen", "fout-fout-fout")
    response = login(client, "jansen")
    assert response.status_code == 401
    assert "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw." in (
        response.get_data(as_text=True)
    )


def test_an_unknown_name_is_locked_the_same_way(client, demo, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(client, "bestaat-niet", "fout-fout-fout")
    page = login(client, "bestaat-niet", "fout-fout-fout").get_data(as_text=True)
    assert "Te veel mislukte inlogpogingen" in page


def test_the_lock_ends_after_the_lockout(database, demo):
    policy = ThrottlePolicy(max_failures=3, lockout=timedelta(minutes=15))
    start = utcnow()
    with database.session() as session:
        for _ in range(3):
            assert not authenticate(session, "jansen", "fout", "10.0.0.1", policy, start).ok
        locked = authenticate(
            session, "jansen", "demo-wachtwoord", "10.0.0.1", policy, start + timedelta(minutes=14)
        )
        assert locked.message.startswith(
            "Te veel mislukte inlogpogingen. Probeer het over 1 minuut"
        )
        later = authenticate(
            session, "jansen", "demo-wachtwoord", "10.0.0.1", policy, start + timedelta(minutes=16)
        )
        assert later.ok


def test_one_address_trying_many_names_is_locked_too(database, demo):
    policy = ThrottlePolicy(
        max_failures=2, lockout=timedelta(minutes=15), max_failures_per_address=8
    )
    now = utcnow()
    with database.session() as session:
        for number in range(8):  # spread over names, so no single name is locked
            authenticate(session, f"naam{number}", "fout", "10.0.0.9", policy, now)
        outcome = authenticate(session, "jansen", "demo-wachtwoord", "10.0.0.9", policy, now)
        assert not outcome.ok
        assert "Te veel mislukte" in outcome.message
        assert authenticate(session, "jansen", "demo-wachtwoord", "10.0.0.10", policy, now).ok


def test_a_school_behind_one_address_is_not_locked_out_by_a_few_typos(database, demo):
    policy = ThrottlePolicy()  # the defaults: 5 per name, 100 per address
    now = utcnow()
    with database.session() as session:
        for number in range(40):  # forty teachers behind the school's NAT mistype once
            authenticate(session, f"docent{number}", "fout", "145.1.2.3", policy, now)
        assert authenticate(session, "jansen", "demo-wachtwoord", "145.1.2.3", policy, now).ok


def attempt_in_parallel(database, count: int, username: str, password: str, address: str):
    """``count`` logins at the same moment, each in its own session as separate requests are."""
    barrier = threading.Barrier(count)

    def one(_number: int):
        barrier.wait()
        with database.session() as session:
            outcome = authenticate(session, username, password, address, ThrottlePolicy())
            return outcome.ok, outcome.message

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_parallel_guesses_get_no_more_checks_than_the_limit(database, demo):
    outcomes = attempt_in_parallel(database, 20, "planner", "geraden-wachtwoord", "10.1.1.1")
    checked = [message for ok, message in outcomes if message == WRONG_CREDENTIALS]
    locked = [message for ok, message in outcomes if message.startswith("Te veel mislukte")]
    assert len(checked) == 5  # ThrottlePolicy().max_failures
    assert len(locked) == 15
    assert not any(ok for ok, _message in outcomes)


def test_a_double_clicked_login_succeeds_every_time(database, demo):
    """Before, every login raised the account's version and parallel ones got a 409."""
    outcomes = attempt_in_parallel(database, 3, "jansen", "demo-wachtwoord", "10.1.1.2")
    assert outcomes == [(True, None)] * 3


def test_logging_in_does_not_change_the_record_version(database, demo):
    """A login's bookkeeping must not make a planner's open edit of the account conflict."""
    with database.session() as session:
        version = session.scalar(select(User.version).where(User.username == "jansen"))
        assert authenticate(session, "jansen", "demo-wachtwoord", None, ThrottlePolicy()).ok
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "jansen"))
        assert user.version == version
        assert user.last_login_at is not None


def test_a_guesser_elsewhere_does_not_lock_out_the_real_user(database, demo):
    policy = ThrottlePolicy()
    with database.session() as session:
        for _ in range(10):
            authenticate(session, "jansen", "fout", "203.0.113.9", policy)
        assert not authenticate(session, "jansen", "demo-wachtwoord", "203.0.113.9", policy).ok
        assert authenticate(session, "jansen", "demo-wachtwoord", "145.1.2.3", policy).ok


def test_a_form_without_csrf_token_is_refused_in_dutch(client, demo):
    response = client.post("/inloggen", data={"username": "jansen", "password": "demo-wachtwoord"})
    assert response.status_code == 400
    assert "Het formulier is verlopen of ongeldig" in response.get_data(as_text=True)


def test_logout_is_a_post_with_csrf(client, demo):
    logged_in(client, "jansen")
    assert client.get("/uitloggen").status_code == 200  # a page with a button, not a logout
    assert client.get("/mijn/").status_code == 200
    assert client.post("/uitloggen").status_code == 400
    token = csrf_token(client, "/uitloggen")
    response = client.post("/uitloggen", data={"csrf_token": token}, follow_redirects=True)
    assert "U bent uitgelogd." in response.get_data(as_text=True)
    assert client.get("/mijn/").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client, demo):
    response = login(client, "jansen")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Expires=" in cookie  # a permanent session: it ends 8 hours after the last request


def test_session_cookie_is_secure_over_https(app, demo):
    client = app.test_client()
    site = "https://jaartaak.example"
    token = csrf_token(client, "/inloggen", base_url=site)
    # Over https Flask-WTF also checks that the Referer is this site, as a browser sends it.
    response = client.post(
        "/inloggen",
        base_url=site,
        headers={"Referer": f"{site}/inloggen"},
        data={"csrf_token": token, "username": "jansen", "password": "demo-wachtwoord"},
    )
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_next_goes_to_a_page_of_this_site_only(client, demo):
    token = csrf_token(client, "/inloggen")
    evil = client.post(
        "/inloggen?next=https://evil.example/",
        data={"csrf_token": token, "username": "jansen", "password": "demo-wachtwoord"},
    )
    assert evil.headers["Location"] == "/"


def test_next_returns_to_the_requested_page(client, demo):
    assert client.get("/mijn/").headers["Location"] == "/inloggen?next=%2Fmijn%2F"
    token = csrf_token(client, "/inloggen")
    response = client.post(
        "/inloggen?next=/mijn/",
        data={"csrf_token": token, "username": "jansen", "password": "demo-wachtwoord"},
    )
    assert response.headers["Location"] == "/mijn/"


def test_changing_the_password_ends_other_sessions(client, demo, database):
    from jaartaak.services.accounts import set_password

    logged_in(client, "jansen")
    assert client.get("/mijn/").status_code == 200
    with database.session() as session:
        set_password(
            session.scalar(select(User).where(User.username == "jansen")), "een-nieuw-wachtwoord"
        )
    assert client.get("/mijn/").status_code == 302


def test_a_deactivated_account_cannot_log_in(client, demo, database):
    with database.session() as session:
        session.scalar(select(User).where(User.username == "jansen")).active = False
    page = login(client, "jansen").get_data(as_text=True)
    assert "Dit account is gedeactiveerd" in page
    assert WRONG_CREDENTIALS not in page


def test_security_headers(client):
    response = client.get("/inloggen")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
