"""The API blueprint and its token check, in one place: every view passes through it.

A request is authenticated by ``Authorization: Bearer <token>`` only. The session cookie is never
read (a logged-in browser without a token gets 401) and the user is never logged in to the
session: the token's user is the request's user for Flask-Login (``current_user``, so the audit
log names them) and ``g.api_user``.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, request

from jaartaak.models import Role
from jaartaak.services import api_tokens
from jaartaak.web.api import PREFIX
from jaartaak.web.api.errors import ApiError, error_response
from jaartaak.web.database import db
from jaartaak.web.login import SessionUser

bp = Blueprint("api", __name__, url_prefix=PREFIX)

#: Endpoints anyone may read without a token.
PUBLIC_ENDPOINTS = frozenset({"api.openapi"})


def _bearer_text() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, text = header.partition(" ")
    if scheme.lower() != "bearer" or not text.strip():
        return None
    return text.strip()


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    text = _bearer_text()
    token = api_tokens.find_active(db(), text) if text else None
    if token is None:
        return error_response(401)
    user = SessionUser(token.user)
    db().commit()  # last_used_at
    g.api_user = user
    # The request-local user of Flask-Login; nothing is written to the session.
    current_app.login_manager._update_request_context_with_user(user)
    return None


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    return error.response()


def api_user() -> SessionUser:
    return g.api_user


def require_role(role: Role) -> None:
    if not api_user().has_role(role):
        raise ApiError(403)
