"""Logging in and out."""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from jaartaak.db.audit import Actor
from jaartaak.models import User
from jaartaak.services import accounts, tweestaps
from jaartaak.services.accounts import authenticate
from jaartaak.services.errors import Refused
from jaartaak.services.throttle import ThrottlePolicy
from jaartaak.web.database import db
from jaartaak.web.login import begin_session, end_session

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(
        "Gebruikersnaam", validators=[DataRequired("Vul uw gebruikersnaam in."), Length(max=80)]
    )
    password = PasswordField(
        "Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."), Length(max=200)]
    )


class CodeForm(FlaskForm):
    code = StringField(
        "Code", validators=[DataRequired("Vul de code uit uw app in."), Length(max=20)]
    )


class LogoutForm(FlaskForm):
    """Only a button: logging out is a POST with a CSRF token, so no other site can trigger it."""


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after login (no open redirect).

    Refused: other hosts and schemes, ``//host`` and ``/\\host`` (browsers read a backslash as a
    slash), and control characters (they cannot go into a Location header).
    """
    home = url_for("home.index")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return home
    if "\\" in target or any(ord(character) < 32 or ord(character) == 127 for character in target):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return home
    return target


def policy() -> ThrottlePolicy:
    config = current_app.config
    return ThrottlePolicy(
        max_failures=config["LOGIN_MAX_FAILURES"],
        lockout=timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"]),
        max_failures_per_address=config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
    )


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        session_db = db()
        outcome = authenticate(
            session_db, form.username.data, form.password.data, request.remote_addr, policy()
        )
        if outcome.ok:
            session_db.info["actor"] = Actor(outcome.user.id, outcome.user.username)
        session_db.commit()
        if outcome.ok:
            next_url = _safe_next(request.args.get("next"))
            if outcome.needs_code:
                return _ask_code(outcome.user, next_url)
            return _log_in(outcome.user, next_url)
        error = outcome.message
    status = 200 if error is None else 401
    return render_template("auth/login.html", form=form, error=error), status


#: The user who gave the right password and still owes a code: in the session, briefly.
PENDING = "login_pending"
PENDING_SECONDS = 5 * 60


def _log_in(user: User, next_url: str):
    session.clear()  # no data from before the login survives into the new session
    session.permanent = True  # expires PERMANENT_SESSION_LIFETIME after the last request
    begin_session(user)  # a new session id, known to the server until logging out
    return redirect(next_url)


def _ask_code(user: User, next_url: str):
    session.clear()
    session[PENDING] = {
        "user_id": user.id,
        # A password change or deactivation in the meantime ends the pending login too.
        "token": user.session_token,
        "until": time.time() + PENDING_SECONDS,
        "next": next_url,
    }
    return redirect(url_for("auth.login_code"))


def _pending_user() -> User | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        return None
    user = db().get(User, pending.get("user_id"))
    if user is None or not user.active or user.session_token != pending.get("token"):
        return None
    return user


@bp.route("/inloggen/code", methods=["GET", "POST"])
def login_code():
    """The second step of a login with two-factor authentication: a code or a recovery code."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    user = _pending_user()
    if user is None:
        session.pop(PENDING, None)
        flash("De tijd om de code in te vullen is voorbij (5 minuten). Log opnieuw in.", "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        session_db = db()
        session_db.info["actor"] = Actor(user.id, user.username)
        try:
            tweestaps.verify_second_factor(
                session_db, user, form.code.data, request.remote_addr, policy()
            )
            accounts.finish_login(session_db, user)
            session_db.commit()
        except Refused as refused:
            session_db.rollback()
            error = str(refused)
        else:
            accounts.forget_failures(session_db, user.username, request.remote_addr)
            return _log_in(user, _safe_next(session[PENDING].get("next")))
    status = 200 if error is None and not form.errors else 401
    return render_template("auth/code.html", form=form, error=error), status


@bp.route("/uitloggen", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if request.method == "POST" and form.validate_on_submit():
        end_session()  # this cookie, and any copy of it, no longer logs anyone in
        logout_user()
        session.clear()
        flash("U bent uitgelogd.", "info")
        return redirect(url_for("auth.login"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("auth/logout.html", form=form)
