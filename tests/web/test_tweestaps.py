"""Two-factor login: switching it on and off, the second login step, recovery codes, required
per role, and the secret kept out of the audit log."""

from __future__ import annotations

import json
import re
import time
from html import unescape

import pyotp
from sqlalchemy import select, update

from jaartaak.models import AuditEntry, Organisation, RecoveryCode, Role, User
from jaartaak.services.accounts import create_user, grant_role

from support import csrf_token, logged_in, login


def _user(database, username: str) -> User:
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        session.expunge(user)
        return user


def _wrong_code(secret: str) -> str:
    totp, now = pyotp.TOTP(secret), time.time()
    valid = {totp.at(now + offset) for offset in (-30, 0, 30)}
    return next(f"{n:06d}" for n in range(1000000) if f"{n:06d}" not in valid)


def _next_window(secret: str) -> str:
    """A code the server accepts once more after enabling used the current window."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def _forget_last_step(database, username: str) -> None:
    """As if half a minute went by: the next code of the app is new again."""
    with database.session() as session:
        session.execute(update(User).where(User.username == username).values(totp_last_step=None))
        session.commit()


def _secret_on_page(page: str) -> str:
    return re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


def _codes_on_page(page: str) -> list[str]:
    block = page.split('id="herstelcodes"')[1].split("</ul>")[0]
    return re.findall(r"<code>([a-z0-9-]+)</code>", block)


def _switch_on(client, username: str) -> tuple[str, list[str]]:
    logged_in(client, username)
    page = client.get("/account/tweestaps").get_data(as_text=True)
    secret = _secret_on_page(page)
    token = csrf_token(client, "/account/tweestaps")
    response = client.post(
        "/account/tweestaps/aan",
        data={"csrf_token": token, "code": pyotp.TOTP(secret).now()},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return secret, _codes_on_page(response.get_data(as_text=True))


def _code_step(client, code: str):
    token = csrf_token(client, "/inloggen/code")
    return client.post("/inloggen/code", data={"csrf_token": token, "code": code})


def test_switching_on_needs_the_right_code(client, database, demo):
    logged_in(client, "jansen")
    page = client.get("/account/tweestaps").get_data(as_text=True)
    assert "data:image/svg+xml" in page  # the QR code
    secret = _secret_on_page(page)
    token = csrf_token(client, "/account/tweestaps")
    refused = client.post(
        "/account/tweestaps/aan", data={"csrf_token": token, "code": _wrong_code(secret)}
    )
    assert refused.status_code == 400
    assert "De code klopt niet" in refused.get_data(as_text=True)
    assert _user(database, "jansen").totp_secret is None
    # The same secret stays on the page until it is confirmed.
    assert _secret_on_page(refused.get_data(as_text=True)) == secret

    accepted = client.post(
        "/account/tweestaps/aan",
        data={"csrf_token": token, "code": pyotp.TOTP(secret).now()},
    )
    assert accepted.status_code == 200
    codes = _codes_on_page(accepted.get_data(as_text=True))
    assert len(codes) == len(set(codes)) == 10
    assert _user(database, "jansen").totp_secret == secret
    assert "Tweestapsverificatie staat aan" in client.get("/account/tweestaps").get_data(
        as_text=True
    )


def test_login_needs_the_code(app, client, database, demo):
    secret, _codes = _switch_on(client, "jansen")
    fresh = app.test_client()
    response = login(fresh, "jansen")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inloggen/code")
    assert fresh.get("/mijn/").status_code == 302  # not logged in yet
    assert "/inloggen" in fresh.get("/mijn/").headers["Location"]
    done = _code_step(fresh, _next_window(secret))
    assert done.status_code == 302
    assert fresh.get("/mijn/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_toward_the_lock(app, client, database, demo):
    secret, _codes = _switch_on(client, "jansen")
    fresh = app.test_client()
    login(fresh, "jansen")
    wrong = _code_step(fresh, _wrong_code(secret))
    assert wrong.status_code == 401
    assert "De code klopt niet" in wrong.get_data(as_text=True)
    # The password attempt counted too: a few wrong codes reach the lock.
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 2):
        _code_step(fresh, _wrong_code(secret))
    locked = _code_step(fresh, _next_window(secret))
    assert locked.status_code == 401
    assert "Te veel mislukte inlogpogingen" in locked.get_data(as_text=True)
    assert fresh.get("/mijn/").status_code == 302
    # Logging in again with the right password does not reset the count.
    again = login(fresh, "jansen")
    assert again.status_code == 401
    assert "Te veel mislukte inlogpogingen" in again.get_data(as_text=True)


def test_a_code_is_accepted_once(app, client, database, demo):
    secret, _codes = _switch_on(client, "jansen")
    code = _next_window(secret)
    first = app.test_client()
    login(first, "jansen")
    assert _code_step(first, code).status_code == 302
    second = app.test_client()
    login(second, "jansen")
    reused = _code_step(second, code)
    assert reused.status_code == 401
    assert "al gebruikt" in reused.get_data(as_text=True)


def test_a_recovery_code_works_once(app, client, database, demo):
    _secret, codes = _switch_on(client, "jansen")
    first = app.test_client()
    login(first, "jansen")
    assert _code_step(first, codes[0].upper().replace("-", " ")).status_code == 302
    assert first.get("/mijn/").status_code == 200
    second = app.test_client()
    login(second, "jansen")
    assert _code_step(second, codes[0]).status_code == 401
    assert _code_step(second, codes[1]).status_code == 302
    page = second.get("/account/tweestaps").get_data(as_text=True)
    assert "nog 8 ongebruikte" in page


def test_new_recovery_codes_replace_the_old_ones(app, client, database, demo):
    secret, old = _switch_on(client, "jansen")
    token = csrf_token(client, "/account/tweestaps")
    response = client.post(
        "/account/tweestaps/herstelcodes",
        data={"csrf_token": token, "code": _next_window(secret)},
    )
    assert response.status_code == 200
    new = _codes_on_page(response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    fresh = app.test_client()
    login(fresh, "jansen")
    assert _code_step(fresh, old[0]).status_code == 401
    assert _code_step(fresh, new[0]).status_code == 302


def test_switching_off_needs_password_and_code(app, client, database, demo):
    secret, codes = _switch_on(client, "jansen")
    token = csrf_token(client, "/account/tweestaps")
    wrong_password = client.post(
        "/account/tweestaps/uit",
        data={"csrf_token": token, "password": "niet-het-wachtwoord", "code": codes[0]},
    )
    assert wrong_password.status_code == 400
    assert "Het wachtwoord klopt niet." in wrong_password.get_data(as_text=True)
    assert _user(database, "jansen").totp_secret == secret
    _forget_last_step(database, "jansen")
    off = client.post(
        "/account/tweestaps/uit",
        data={
            "csrf_token": token,
            "password": "demo-wachtwoord",
            "code": pyotp.TOTP(secret).now(),
        },
    )
    assert off.status_code == 302
    assert _user(database, "jansen").totp_secret is None
    with database.session() as session:
        assert session.scalars(select(RecoveryCode)).all() == []
    fresh = app.test_client()
    assert login(fresh, "jansen").headers["Location"].endswith("/")


def test_the_pending_login_expires(app, client, database, demo):
    _secret, _codes = _switch_on(client, "jansen")
    fresh = app.test_client()
    login(fresh, "jansen")
    with fresh.session_transaction() as session:
        session["login_pending"] = session["login_pending"] | {"until": time.time() - 1}
    response = fresh.get("/inloggen/code")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inloggen")
    page = fresh.get("/inloggen").get_data(as_text=True)
    assert "De tijd om de code in te vullen is voorbij" in page


def test_the_secret_and_the_codes_never_reach_the_audit_log(client, database, demo):
    secret, codes = _switch_on(client, "jansen")
    with database.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name.in_(["user_account", "recovery_code"]))
        ).all()
        hashes = session.scalars(select(RecoveryCode.code_hash)).all()
    logged = json.dumps([[entry.before, entry.after] for entry in entries])
    changed = [e for e in entries if e.after and e.after.get("totp_secret") == "***"]
    assert changed, "the switch is audited"
    assert secret not in logged
    for value in [*codes, *hashes]:
        assert value not in logged


def _board_id(database, name: str = "beheerder") -> int:
    return _user(database, name).organisation_id


def _require(client, organisation_id: int, roles: list[str]):
    page = client.get("/beheer/beveiliging").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    version = re.search(
        rf'id="b{organisation_id}-version" name="b{organisation_id}-version" type="hidden" '
        r'value="(\d+)"',
        page,
    ).group(1)
    return client.post(
        f"/beheer/beveiliging/{organisation_id}",
        data={"csrf_token": token, f"b{organisation_id}-version": version}
        | {f"b{organisation_id}-roles": roles},
    )


def test_a_required_role_forces_switching_on(app, client, database, demo):
    board = _board_id(database)
    logged_in(client, "beheerder")
    saved = _require(client, board, ["planner"])
    assert saved.status_code == 302
    with database.session() as session:
        assert session.get(Organisation, board).tweestaps_rollen == ["planner"]
    page = client.get("/beheer/beveiliging").get_data(as_text=True)
    checked = re.findall(r'<input checked[^>]*value="([a-z]+)"', page)
    assert checked == ["planner"]

    planner = app.test_client()
    logged_in(planner, "planner")
    for path in ("/", "/planner/", "/opdrachten/", "/account/wachtwoord"):
        response = planner.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith("/account/tweestaps")
    page = planner.get("/account/tweestaps").get_data(as_text=True)
    assert "Voor uw rol is tweestapsverificatie verplicht" in page
    secret = _secret_on_page(page)
    token = csrf_token(planner, "/account/tweestaps")
    planner.post(
        "/account/tweestaps/aan", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()}
    )
    assert planner.get("/planner/").status_code == 200
    # Required: it cannot be switched off.
    page = planner.get("/account/tweestaps").get_data(as_text=True)
    assert "u kunt hem niet uitzetten" in page
    _forget_last_step(database, "planner")
    refused = planner.post(
        "/account/tweestaps/uit",
        data={
            "csrf_token": token,
            "password": "demo-wachtwoord",
            "code": pyotp.TOTP(secret).now(),
        },
    )
    assert refused.status_code == 400
    assert _user(database, "planner").totp_secret == secret
    # Someone without the role is not affected.
    other = app.test_client()
    logged_in(other, "jansen")
    assert other.get("/mijn/").status_code == 200


def test_a_beheerder_of_another_board_cannot_set_requirements_here(app, database, demo):
    board = _board_id(database)
    with database.session() as session:
        elsewhere = Organisation(name="Ander Bestuur")
        session.add(elsewhere)
        session.flush()
        user = create_user(
            session, "anderbeheer", "demo-wachtwoord", display_name="A", organisation=elsewhere
        )
        grant_role(session, user, Role.BEHEERDER, elsewhere)
        session.commit()
        elsewhere_id = elsewhere.id
    client = app.test_client()
    logged_in(client, "anderbeheer")
    page = client.get("/beheer/beveiliging").get_data(as_text=True)
    assert "Ander Bestuur" in unescape(page)
    assert f"/beheer/beveiliging/{board}" not in page
    token = csrf_token(client, "/beheer/beveiliging")
    response = client.post(
        f"/beheer/beveiliging/{board}",
        data={"csrf_token": token, f"b{board}-version": "1", f"b{board}-roles": ["planner"]},
    )
    assert response.status_code == 404
    with database.session() as session:
        assert session.get(Organisation, board).tweestaps_rollen == []
    assert _require(client, elsewhere_id, ["beheerder"]).status_code == 302


def test_an_unknown_role_is_refused(client, database, demo):
    board = _board_id(database)
    logged_in(client, "beheerder")
    response = _require(client, board, ["directeur"])
    assert response.status_code == 400
    with database.session() as session:
        assert session.get(Organisation, board).tweestaps_rollen == []


def test_a_reset_switches_it_off_without_a_code(app, client, database, demo):
    from jaartaak.services import tweestaps

    _switch_on(client, "jansen")
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "jansen"))
        tweestaps.reset(user)
        session.commit()
        assert session.scalars(select(RecoveryCode)).all() == []
    assert login(app.test_client(), "jansen").headers["Location"].endswith("/")
