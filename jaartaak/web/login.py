"""Flask-Login wiring: the logged-in user as plain data, loaded once per request."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager, UserMixin, current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from jaartaak.models import Role, RoleAssignment, User
from jaartaak.services import tweestaps
from jaartaak.services.access import Grant, grants_of, roles_in
from jaartaak.web.database import db

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Log in om deze pagina te bekijken."
login_manager.login_message_category = "info"
# "basic": a session seen from another address or browser is marked not fresh. ("strong" would
# act the same for our permanent sessions, and would log out teachers whose phone changes network.)
login_manager.session_protection = "basic"


class SessionUser(UserMixin):
    """The logged-in user for one request; holds no ORM object, so nothing detaches."""

    def __init__(self, user: User) -> None:
        self.id = user.id
        self.username = user.username
        self.display_name = user.display_name
        self.organisation_id = user.organisation_id
        self.employee_id = user.employee_id
        self.grants: tuple[Grant, ...] = grants_of(user.roles)
        self._token = user.session_token
        #: A temporary password: every page sends the user to change it first.
        self.must_change_password = user.must_change_password
        #: A role requires two-factor login and it is off: every page sends the user there.
        self.must_enable_tweestaps = tweestaps.must_enable(user)

    def get_id(self) -> str:
        # The token makes the cookie stale after a password change or deactivation.
        return f"{self.id}:{self._token}"

    @property
    def roles(self) -> set[Role]:
        return roles_in(self.grants)

    def has_role(self, role: Role) -> bool:
        return role in self.roles


#: The account with its grants and their boards (for the two-factor check) in one statement,
#: built once: it runs before every page (docs/ontwikkelen.md, "Statements op elke pagina").
SESSION_ACCOUNT = (
    select(User)
    .where(User.id == bindparam("id"))
    .options(joinedload(User.roles).joinedload(RoleAssignment.organisation))
)


@login_manager.user_loader
def load_user(cookie_id: str) -> SessionUser | None:
    user_id, _, token = cookie_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db().scalars(SESSION_ACCOUNT, {"id": int(user_id)}).unique().one_or_none()
    if user is None or not user.active or user.session_token != token:
        return None
    return SessionUser(user)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


def current_account() -> User:
    """The logged-in user's account row, for services that record who did something."""
    return db().get(User, current_user.id)
