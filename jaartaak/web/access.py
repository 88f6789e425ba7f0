"""The role check of a blueprint, in one place: every view of the blueprint passes through it."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask_login import current_user

from jaartaak.models import Role


def guard(blueprint: Blueprint, *roles: Role) -> None:
    """Require a logged-in user holding one of ``roles`` for every view in ``blueprint``.

    Which records within the role a user may see (their school, their own data) is decided by
    the service queries each view makes with the user's grants.
    """

    def check_role():
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if not any(current_user.has_role(role) for role in roles):
            abort(403)
        return None

    blueprint.before_request(check_role)


def login_only(blueprint: Blueprint) -> None:
    """Require a logged-in user (any role) for every view in ``blueprint``."""

    def check_login():
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        return None

    blueprint.before_request(check_login)
