"""Flask-Login wiring: the logged-in user as plain data, loaded once per request.

A request is logged in when its signed cookie names the user (with their current session token)
and holds the id of a login session the server still knows
(:mod:`jaartaak.services.login_sessions`): a new id at every login, deleted at logout.
"""

from __future__ import annotations

from flask import Flask, session
from flask_login import LoginManager, UserMixin, current_user, login_user

from jaartaak.models import Role, User
from jaartaak.services import login_sessions, tweestaps
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


#: The key of the login session's id in the signed session cookie.
SESSION_ID = "login_session"


@login_manager.user_loader
def load_user(cookie_id: str) -> SessionUser | None:
    user_id, _, token = cookie_id.partition(":")
    session_id = session.get(SESSION_ID)
    if not user_id.isdigit() or not isinstance(session_id, str):
        return None
    user = login_sessions.user_of(db(), int(user_id), session_id)
    if user is None or user.session_token != token:
        return None
    return SessionUser(user)


def begin_session(user: User) -> None:
    """Log ``user`` in with a new login session id; the id this browser had ends.

    At every login and after a password change: whatever identified the session before (one a
    third party may have planted or copied) is worth nothing afterwards.
    """
    end_session()
    session[SESSION_ID] = login_sessions.start(db(), user)
    db().commit()
    login_user(SessionUser(user))


def end_session() -> None:
    """End this browser's login session on the server (logging out), if it has one."""
    session_id = session.pop(SESSION_ID, None)
    if isinstance(session_id, str):
        login_sessions.end(db(), session_id)
        db().commit()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


def current_account() -> User:
    """The logged-in user's account row, for services that record who did something."""
    return db().get(User, current_user.id)
