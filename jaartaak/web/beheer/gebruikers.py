"""The beheerder manages the board's users: create one (with a temporary password), give and
take roles per school, deactivate (never delete) and reset a password."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from wtforms import HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional

from jaartaak.db.base import expect_version
from jaartaak.models import ROLE_LABELS, Organisation, Role
from jaartaak.services import gebruikers, tweestaps
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.beheer.scholen import own_board
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.opslaan import carry_out

ALL_SCHOOLS = ""


class NieuweGebruikerForm(DutchForm):
    gebruikersnaam = StringField("Gebruikersnaam", [InputRequired(), Length(max=80)])
    naam = StringField("Volledige naam", [InputRequired(), Length(max=200)])
    email = StringField(
        "E-mailadres", [Optional(), Email(message="Geen geldig e-mailadres."), Length(max=200)]
    )
    medewerker = StringField(
        "Code van de medewerker (alleen voor een medewerker-login)", [Optional(), Length(max=20)]
    )


class RolForm(DutchForm):
    rol = SelectField("Rol", choices=[SelectChoice(r.value, ROLE_LABELS[r]) for r in Role])
    school = SelectField("Voor", validate_choice=False)


class KnopForm(DutchForm):
    """A button: the version of the user it acts on (deactivate, reactivate, reset)."""

    version = VersionField(validators=[Optional()])
    rol_id = HiddenField()


def _school_choices(board: Organisation) -> list[SelectChoice]:
    return [
        SelectChoice(ALL_SCHOOLS, "alle scholen"),
        *(SelectChoice(str(s.id), s.name) for s in board.schools),
    ]


def _user_and_board(user_id: int):
    ids = organisation_ids()
    user = gebruikers.user_of_boards(db(), user_id, ids)
    if user is None:
        abort(404)
    board_id = user.organisation_id if user.organisation_id in ids else None
    if board_id is None:
        board_id = min(a.organisation_id for a in user.roles if a.organisation_id in ids)
    return user, db().get(Organisation, board_id)


@bp.route("/besturen/<id:organisation_id>/gebruikers/nieuw", methods=["GET", "POST"])
def gebruiker_nieuw(organisation_id: int):
    board = own_board(organisation_id)
    form = NieuweGebruikerForm()
    if form.validate_on_submit():
        made = {}

        def create():
            made["user"], made["password"] = gebruikers.new_account(
                db(),
                board,
                form.gebruikersnaam.data,
                form.naam.data,
                form.email.data or "",
                form.medewerker.data or "",
            )

        if carry_out(create, "user_account", None) is None:
            return render_template(
                "beheer/wachtwoord.html", user=made["user"], password=made["password"], new=True
            )
    return render_template("beheer/gebruiker_nieuw.html", form=form, board=board)


@bp.route("/gebruikers/<id:user_id>")
def gebruiker(user_id: int):
    user, board = _user_and_board(user_id)
    rol = RolForm()
    rol.school.choices = _school_choices(board)
    knop = KnopForm(version=user.version)
    return render_template(
        "beheer/gebruiker.html",
        user=user,
        board=board,
        rol=rol,
        knop=knop,
        role_labels={role.value: label for role, label in ROLE_LABELS.items()},
    )


def _back(user_id: int):
    return redirect(url_for("beheer.gebruiker", user_id=user_id))


@bp.route("/gebruikers/<id:user_id>/rollen", methods=["POST"])
def gebruiker_rol_erbij(user_id: int):
    user, board = _user_and_board(user_id)
    form = RolForm()
    form.school.choices = _school_choices(board)
    if form.validate_on_submit():
        school = form.school.data
        school_id = int(school) if school and school.isdigit() else None
        if school and school_id is None:
            abort(400)
        outcome = carry_out(
            lambda: gebruikers.add_role(db(), user, board, Role(form.rol.data), school_id),
            "role_assignment",
            None,
        )
        if outcome is None:
            flash(
                f"Rol {ROLE_LABELS[Role(form.rol.data)]} gegeven aan {user.display_name}.",
                "success",
            )
    return _back(user.id)


@bp.route("/gebruikers/<id:user_id>/rollen/afnemen", methods=["POST"])
def gebruiker_rol_eraf(user_id: int):
    user, board = _user_and_board(user_id)
    form = KnopForm()
    if form.validate_on_submit() and (form.rol_id.data or "").isdigit():
        assignment_id = int(form.rol_id.data)
        outcome = carry_out(
            lambda: gebruikers.remove_role(db(), user, assignment_id, board.id),
            "role_assignment",
            assignment_id,
        )
        if outcome is None:
            flash("Rol afgenomen.", "success")
    return _back(user.id)


@bp.route("/gebruikers/<id:user_id>/actief", methods=["POST"])
def gebruiker_actief(user_id: int):
    user, board = _user_and_board(user_id)
    form = KnopForm()
    active = request.form.get("actief") == "ja"
    if form.validate_on_submit():
        outcome = carry_out(
            lambda: gebruikers.set_active(db(), user, active, board.id, form.version.data),
            "user_account",
            user.id,
        )
        if outcome is None:
            state = "weer actief" if active else "gedeactiveerd; inloggen kan niet meer"
            flash(f"{user.display_name} is {state}.", "success")
    return _back(user.id)


@bp.route("/gebruikers/<id:user_id>/wachtwoord", methods=["POST"])
def gebruiker_wachtwoord(user_id: int):
    user, _board = _user_and_board(user_id)
    form = KnopForm()
    if not form.validate_on_submit():
        return _back(user.id)
    made = {}

    def reset():
        expect_version(user, form.version.data)
        made["password"] = gebruikers.reset_password(user)

    if carry_out(reset, "user_account", user.id) is None:
        return render_template(
            "beheer/wachtwoord.html", user=user, password=made["password"], new=False
        )
    return _back(user.id)


@bp.route("/gebruikers/<id:user_id>/tweestaps-uit", methods=["POST"])
def gebruiker_tweestaps_uit(user_id: int):
    """For a user who lost both the phone and the recovery codes: the next login asks only the
    password (and, when a role requires it, sets up two-factor login again)."""
    user, _board = _user_and_board(user_id)
    form = KnopForm()
    if form.validate_on_submit():

        def switch_off():
            expect_version(user, form.version.data)
            tweestaps.reset(user)

        if carry_out(switch_off, "user_account", user.id) is None:
            flash(f"Tweestapsverificatie van {user.display_name} staat uit.", "success")
    return _back(user.id)
