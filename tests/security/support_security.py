"""Helpers of the security tests: the session cookie as the server reads it, and logging out."""

from __future__ import annotations

from support import csrf_token


def session_cookie(app, client) -> dict:
    """The client's session as the server reads it, decoded with the app's own serializer
    ({} while the client has no session cookie)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    if cookie is None:
        return {}
    return dict(app.session_interface.get_signing_serializer(app).loads(cookie.value))


def copy_cookie(app, source, target) -> str:
    """Put ``source``'s session cookie into ``target`` (as a thief or a planted cookie would)."""
    name = app.config["SESSION_COOKIE_NAME"]
    value = source.get_cookie(name).value
    target.set_cookie(name, value)
    return value


def log_out(client) -> None:
    response = client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/uitloggen")})
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen"
