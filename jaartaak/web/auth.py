"""Logging in and out."""

from __future__ import annotations

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
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from jaartaak.db.audit import Actor
from jaartaak.services.accounts import authenticate
from jaartaak.services.throttle import ThrottlePolicy
from jaartaak.web.database import db
from jaartaak.web.login import SessionUser

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(
        "Gebruikersnaam", validators=[DataRequired("Vul uw gebruikersnaam in."), Length(max=80)]
    )
    password = PasswordField(
        "Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."), Length(max=200)]
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


def _policy() -> ThrottlePolicy:
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
            session_db, form.username.data, form.password.data, request.remote_addr, _policy()
        )
        if outcome.ok:
            session_db.info["actor"] = Actor(outcome.user.id, outcome.user.username)
        session_db.commit()
        if outcome.ok:
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # no data from before the login survives into the new session
            session.permanent = True  # expires PERMANENT_SESSION_LIFETIME after the last request
            login_user(SessionUser(outcome.user))
            return redirect(next_url)
        error = outcome.message
    status = 200 if error is None else 401
    return render_template("auth/login.html", form=form, error=error), status


@bp.route("/uitloggen", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if request.method == "POST" and form.validate_on_submit():
        logout_user()
        session.clear()
        flash("U bent uitgelogd.", "info")
        return redirect(url_for("auth.login"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("auth/logout.html", form=form)
