"""Helpers for the API tests: tokens, and a test client that checks every API response against
the OpenAPI document (the operation by path, method and status; else its ``default``)."""

from __future__ import annotations

import re
from functools import cache

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from jaartaak.web.api import PREFIX
from jaartaak.web.api.openapi import DOCUMENT

#: Every response the suite checked, as (method, path template, status): the tests can see
#: that a case really went through the validation.
VALIDATED: list[tuple[str, str | None, int]] = []


def token_for(database, username: str, name: str = "test") -> str:
    from jaartaak.services import accounts, api_tokens

    with database.session() as session:
        return api_tokens.create_token(session, accounts.find_user(session, username), name).text


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@cache
def _templates() -> list[tuple[re.Pattern, str]]:
    found = []
    for template in DOCUMENT["paths"]:
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        found.append((re.compile(f"^{pattern}$"), template))
    return found


def _resolve(item: dict) -> dict:
    while "$ref" in item:
        node = DOCUMENT
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        item = node
    return item


def operation_schema(method: str, path: str, status: int) -> tuple[str | None, dict]:
    """The path template and the response schema the document gives for this response."""
    relative = path.removeprefix(PREFIX)
    template = next((t for pattern, t in _templates() if pattern.match(relative)), None)
    operation = DOCUMENT["paths"].get(template, {}).get(method.lower()) if template else None
    if operation is None:  # no such route or method: an error in the common form
        return template, DOCUMENT["components"]["schemas"]["Error"]
    responses = operation["responses"]
    response = _resolve(responses.get(str(status)) or responses["default"])
    return template, response["content"]["application/json"]["schema"]


def validate(method: str, path: str, response) -> None:
    """Raise when the response does not match the document (status, content type, body)."""
    template, schema = operation_schema(method, path, response.status_code)
    assert response.mimetype == "application/json", (path, response.mimetype)
    # The refs point into the document: validate against the schema with the document's
    # components next to it, so "#/components/..." resolves.
    root = {**schema, "components": DOCUMENT["components"]}
    Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        response.get_json()
    )
    if response.status_code == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    VALIDATED.append((method.upper(), template, response.status_code))


class ValidatingClient(FlaskClient):
    """A test client that validates every response under /api/v1 against the OpenAPI document."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if request.path.startswith(PREFIX):
            validate(request.method, request.path, response)
        return response
