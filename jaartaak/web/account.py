"""The logged-in user's own account: changing the password, two-factor login, recovery codes.

Also the gate that sends a user who must first change a (temporary) password, or switch on
two-factor login for a role that requires it, to that page from every other page.
"""

from __future__ import annotations

from flask import Blueprint, Flask, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from jaartaak.services import accounts, tweestaps
from jaartaak.web.access import login_only
from jaartaak.web.auth import policy
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm
from jaartaak.web.login import begin_session, current_account
from jaartaak.web.opslaan import carry_out

bp = Blueprint("account", __name__, url_prefix="/account")
login_only(bp)

#: The pending secret while switching on, in the (signed) session cookie: it is shown on the
#: page to the same user anyway, and nothing is stored before a code proves the app has it.
PENDING_SECRET = "tweestaps_secret"

MUST_CHANGE = (
    "U bent ingelogd met een tijdelijk wachtwoord. Kies eerst een eigen wachtwoord; daarna kunt "
    "u verder."
)
MUST_ENABLE = (
    "Voor uw rol is tweestapsverificatie verplicht. Zet die eerst aan; daarna kunt u verder."
)


class PasswordForm(DutchForm):
    current = PasswordField(
        "Huidig wachtwoord",
        validators=[DataRequired("Vul uw huidige wachtwoord in."), Length(max=200)],
    )
    new = PasswordField(
        "Nieuw wachtwoord",
        validators=[DataRequired("Vul een nieuw wachtwoord in."), Length(max=200)],
    )
    repeat = PasswordField(
        "Nieuw wachtwoord (nogmaals)",
        validators=[
            DataRequired("Vul het nieuwe wachtwoord nogmaals in."),
            EqualTo("new", "De twee nieuwe wachtwoorden zijn niet gelijk."),
        ],
    )


def _code_field(label: str = "Code uit de app") -> StringField:
    return StringField(label, validators=[DataRequired("Vul de code in."), Length(max=20)])


class EnableForm(DutchForm):
    code = _code_field()


class DisableForm(DutchForm):
    password = PasswordField(
        "Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."), Length(max=200)]
    )
    code = _code_field("Code uit de app of een herstelcode")


class RegenerateForm(DutchForm):
    code = _code_field()


@bp.route("/wachtwoord", methods=["GET", "POST"])
def wachtwoord():
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_account()
        saved = carry_out(
            lambda: accounts.change_password(
                db(),
                user,
                form.current.data,
                form.new.data,
                request.remote_addr,
                policy(),
            ),
            "user_account",
            user.id,
        )
        if saved is None:
            accounts.forget_failures(db(), user.username, request.remote_addr)
            # The new session token logged every session out, this one too: log it in again,
            # with a new session id.
            begin_session(user)
            flash("Uw wachtwoord is gewijzigd. Andere sessies zijn uitgelogd.", "info")
            return redirect(url_for("home.index"))
    return render_template(
        "account/wachtwoord.html",
        form=form,
        must_change=current_user.must_change_password,
    )


def _tweestaps_page(status: int = 200, **forms):
    user = current_account()
    context = {
        "user": user,
        "must_enable": current_user.must_enable_tweestaps,
        "required_roles": tweestaps.required_roles(user),
    }
    if user.totp_enabled:
        context.update(
            unused=tweestaps.unused_recovery_codes(db(), user),
            disable_form=forms.get("disable_form") or DisableForm(formdata=None),
            regenerate_form=forms.get("regenerate_form") or RegenerateForm(formdata=None),
        )
    else:
        secret = session.get(PENDING_SECRET) or tweestaps.new_secret()
        session[PENDING_SECRET] = secret
        uri = tweestaps.provisioning_uri(secret, user.username)
        context.update(
            secret=tweestaps.grouped(secret),
            uri=uri,
            qr=_qr_data_uri(uri),
            enable_form=forms.get("enable_form") or EnableForm(formdata=None),
        )
    return render_template("account/tweestaps.html", **context), status


def _qr_data_uri(uri: str) -> str:
    import segno

    return segno.make(uri, error="m").svg_data_uri(scale=5)


@bp.route("/tweestaps")
def tweestaps_page():
    return _tweestaps_page()


def _show_codes(codes: list[str], title: str):
    return render_template("account/herstelcodes.html", codes=codes, title=title)


@bp.route("/tweestaps/aan", methods=["POST"])
def tweestaps_aan():
    form = EnableForm()
    secret = session.get(PENDING_SECRET)
    if not form.validate_on_submit() or secret is None:
        return _tweestaps_page(400, enable_form=form)
    user = current_account()
    codes: list[str] = []
    saved = carry_out(
        lambda: codes.extend(tweestaps.enable(db(), user, secret, form.code.data)),
        "user_account",
        user.id,
    )
    if saved is not None:
        return _tweestaps_page(400, enable_form=form)
    session.pop(PENDING_SECRET, None)
    return _show_codes(codes, "Tweestapsverificatie staat aan")


@bp.route("/tweestaps/uit", methods=["POST"])
def tweestaps_uit():
    form = DisableForm()
    if not form.validate_on_submit():
        return _tweestaps_page(400, disable_form=form)
    user = current_account()
    saved = carry_out(
        lambda: tweestaps.disable(
            db(), user, form.password.data, form.code.data, request.remote_addr, policy()
        ),
        "user_account",
        user.id,
    )
    if saved is not None:
        return _tweestaps_page(400, disable_form=form)
    flash("Tweestapsverificatie staat uit; uw herstelcodes werken niet meer.", "info")
    return redirect(url_for("account.tweestaps_page"))


@bp.route("/tweestaps/herstelcodes", methods=["POST"])
def tweestaps_herstelcodes():
    form = RegenerateForm()
    if not form.validate_on_submit():
        return _tweestaps_page(400, regenerate_form=form)
    user = current_account()
    codes: list[str] = []
    saved = carry_out(
        lambda: codes.extend(
            tweestaps.regenerate_recovery_codes(
                db(), user, form.code.data, request.remote_addr, policy()
            )
        ),
        "user_account",
        user.id,
    )
    if saved is not None:
        return _tweestaps_page(400, regenerate_form=form)
    return _show_codes(codes, "Nieuwe herstelcodes")


#: Pages a user who must first change the password or switch on two-factor login can still open.
_ALWAYS_OPEN = {"static", "auth.logout"}


def _gate():
    """Send a user with a temporary password, or a required but missing second factor, on."""
    if not current_user.is_authenticated:
        return None
    endpoint = request.endpoint or ""
    if endpoint in _ALWAYS_OPEN or endpoint.startswith("api."):
        return None
    if current_user.must_change_password:
        if endpoint != "account.wachtwoord":
            return redirect(url_for("account.wachtwoord"))
    elif current_user.must_enable_tweestaps and not endpoint.startswith("account.tweestaps"):
        return redirect(url_for("account.tweestaps_page"))
    return None


def init_app(app: Flask) -> None:
    app.before_request(_gate)
