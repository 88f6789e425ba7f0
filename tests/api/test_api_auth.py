"""Tokens (the CLI), authentication and the errors of the API, all JSON."""

from __future__ import annotations

from sqlalchemy import select, update

from jaartaak.models import ApiToken, AuditEntry, User
from jaartaak.services import api_tokens

from support import logged_in, run_cli
from support_api import VALIDATED, bearer, token_for


def test_token_create_prints_the_token_last_and_stores_only_its_hash(app, database, demo):
    result = run_cli(app, "token", "create", "--user", "jansen", "--naam", "rooster-koppeling")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    token = lines[-1]
    assert token.startswith("jt_") and len(token) > 40
    assert "niet nog eens getoond" in result.output
    with database.session() as session:
        stored = session.scalar(select(ApiToken))
        assert stored.token_hash == api_tokens.hash_token(token)
        assert stored.prefix == token[:8]
        assert stored.name == "rooster-koppeling"
        assert token not in repr(
            [getattr(stored, column) for column in ("name", "token_hash", "prefix")]
        )
        logged = session.scalar(select(AuditEntry).where(AuditEntry.table_name == "api_token"))
        assert logged.after["token_hash"] == "***" and logged.actor_name == "cli:token create"


def test_token_create_for_an_unknown_user_is_refused_in_dutch(app, demo):
    result = run_cli(app, "token", "create", "--user", "niemand")
    assert result.exit_code == 1
    assert "Gebruiker 'niemand' bestaat niet." in result.output


def test_token_list_and_revoke(app, client, demo):
    token = run_cli(app, "token", "create", "--user", "jansen").output.strip().splitlines()[-1]
    run_cli(app, "token", "create", "--user", "planner")
    listed = run_cli(app, "token", "list", "--user", "jansen")
    assert listed.exit_code == 0
    assert token[:8] in listed.output and "planner" not in listed.output
    assert token not in run_cli(app, "token", "list").output
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200

    revoked = run_cli(app, "token", "revoke", token[:8])
    assert revoked.exit_code == 0, revoked.output
    assert "ingetrokken" in revoked.output
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert "ingetrokken" in run_cli(app, "token", "list").output
    missing = run_cli(app, "token", "revoke", "jt_bestaatniet")
    assert missing.exit_code == 1
    assert "geen token" in missing.output


def test_last_use_is_recorded(client, database, demo):
    token = token_for(database, "jansen")
    client.get("/api/v1/me", headers=bearer(token))
    with database.session() as session:
        assert session.scalar(select(ApiToken.last_used_at)) is not None


def _assert_unauthorized(response):
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "auth.ongeldig"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_missing_unknown_and_malformed_tokens_are_401(client, demo):
    _assert_unauthorized(client.get("/api/v1/me"))
    _assert_unauthorized(client.get("/api/v1/me", headers=bearer("jt_onbekend")))
    _assert_unauthorized(client.get("/api/v1/me", headers={"Authorization": "Basic eDp5"}))
    _assert_unauthorized(client.get("/api/v1/employees", headers={"Authorization": "Bearer"}))
    _assert_unauthorized(client.post("/api/v1/calc", data="{}"))
    assert "token" in client.get("/api/v1/me").get_json()["error"]["message"]


def test_a_deactivated_users_token_is_401(client, database, demo):
    token = token_for(database, "jansen")
    with database.session() as session:
        session.execute(update(User).where(User.username == "jansen").values(active=False))
    _assert_unauthorized(client.get("/api/v1/me", headers=bearer(token)))


def test_the_session_cookie_is_ignored_and_csrf_is_not_needed(client, database, demo):
    logged_in(client, "planner")
    _assert_unauthorized(client.get("/api/v1/me"))
    token = token_for(database, "jansen")
    # With a token the token's user counts, not the one of the cookie.
    assert client.get("/api/v1/me", headers=bearer(token)).get_json()["username"] == "jansen"
    # A POST without a CSRF token is fine: the API takes bearer tokens only.
    response = client.post("/api/v1/calc", data="[]", headers=bearer(token))
    assert response.status_code == 400


def test_the_api_does_not_log_in_to_the_session(client, database, demo):
    token = token_for(database, "planner")
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    # No session cookie came back: the next page without a token is not logged in.
    assert client.get_cookie("session") is None
    assert client.get("/planner/").status_code == 302


def test_errors_within_the_api_are_json_in_dutch(client, database, demo):
    token = token_for(database, "planner")
    missing = client.get("/api/v1/bestaat-niet", headers=bearer(token))
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "bron.niet-gevonden"
    wrong_method = client.get("/api/v1/calc", headers=bearer(token))
    assert wrong_method.status_code == 405
    assert wrong_method.get_json()["error"]["message"].startswith("Deze methode")
    too_large = client.get("/api/v1/employees/99999999999", headers=bearer(token))
    assert too_large.status_code == 404


def test_a_crash_is_a_json_500_without_a_traceback(app, client, database, demo, monkeypatch):
    from jaartaak.web.api import me

    def broken(*_args, **_kwargs):
        raise RuntimeError("geheime details")

    monkeypatch.setattr(me, "json_response", broken)
    token = token_for(database, "planner")
    response = client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "server.fout"
    assert "geheime" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_openapi_document_needs_no_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert {"/me", "/employees", "/employees/{id}", "/calc", "/payroll/{month}"} <= set(
        document["paths"]
    )


def test_the_openapi_document_is_valid_json_schema():
    from jsonschema import Draft202012Validator

    from jaartaak.web.api.openapi import DOCUMENT

    for schema in DOCUMENT["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_responses_are_validated(client, database, demo):
    before = len(VALIDATED)
    client.get("/api/v1/me")
    assert VALIDATED[before:] == [("GET", "/me", 401)]
