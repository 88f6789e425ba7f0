"""The schemes page: the installed schemes (who provides them, their rule versions and
parameters with sources, read-only), and per board of this beheerder the scheme its employees
fall under and the board's policy settings for it.

A board that refers to a scheme whose plugin is not installed gets a red warning naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired, Optional

from jaartaak.models import DEFAULT_SCHEME, Organisation, RegelingGebruik
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import organisations, regeling_beheer, regelingen
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.opslaan import carry_out

FIELD_PREFIX = "instelling-"


class SchemeForm(DutchForm):
    scheme = SelectField("Regeling", choices=[])
    bevestig = BooleanField(
        "Ik begrijp wat dit betekent voor de medewerkers van dit bestuur",
        validators=[DataRequired("Bevestig eerst dat u begrijpt wat het wijzigen betekent.")],
    )
    version = VersionField(validators=[Optional()])


class SettingsForm(DutchForm):
    """The CSRF token and version; the settings themselves are one text field each, named
    ``instelling-<parameter>`` (which settings there are depends on the scheme)."""

    version = VersionField(validators=[Optional()])


@dataclass
class Board:
    organisation: Organisation
    scheme_id: str
    scheme: object | None
    missing: str | None
    gebruik: RegelingGebruik | None
    settings: list
    stored: int
    scheme_form: SchemeForm
    settings_form: SettingsForm


def _prefix(organisation_id: int) -> str:
    return f"b{organisation_id}-"


def _scheme_choices(schemes: SchemeRegistry) -> list[tuple[str, str]]:
    return [(sid, f"{scheme.title} ({sid})") for sid, scheme in schemes.schemes.items()]


def _board(session, organisation: Organisation, schemes: SchemeRegistry, today: date) -> Board:
    gebruik = regelingen.gebruik(session, organisation.id)
    scheme_id = gebruik.scheme if gebruik else DEFAULT_SCHEME
    scheme = schemes.schemes.get(scheme_id)
    missing = None
    if scheme is None:
        missing = schemes.unavailable([scheme_id]).get(scheme_id) or (
            f"De plugin die regeling '{scheme_id}' levert, is niet geïnstalleerd."
        )
    version = gebruik.version if gebruik else None
    scheme_form = SchemeForm(
        formdata=None, prefix=_prefix(organisation.id), scheme=scheme_id, version=version
    )
    scheme_form.scheme.choices = _scheme_choices(schemes)
    stored = dict(gebruik.settings or {}) if gebruik else {}
    return Board(
        organisation,
        scheme_id,
        scheme,
        missing,
        gebruik,
        regeling_beheer.settings_for(scheme, today, stored) if scheme else [],
        regeling_beheer.stored_under(session, organisation.id, scheme_id),
        scheme_form,
        SettingsForm(formdata=None, prefix=_prefix(organisation.id), version=version),
    )


def _installed(schemes: SchemeRegistry) -> list[dict]:
    return [
        {
            "id": scheme_id,
            "scheme": scheme,
            "provider": schemes.providers[scheme_id],
            "versions": list(scheme.rule_versions()),
        }
        for scheme_id, scheme in schemes.schemes.items()
    ]


@bp.route("/regelingen")
def regelingen_page():
    session = db()
    schemes = registry()
    today = date.today()
    boards = organisations.organisations(session, organisation_ids())
    return render_template(
        "beheer/regelingen.html",
        installed=_installed(schemes),
        registry=schemes,
        boards=[_board(session, board, schemes, today) for board in boards],
        field_prefix=FIELD_PREFIX,
        default_scheme=DEFAULT_SCHEME,
    )


def _own_board(organisation_id: int) -> Organisation:
    if organisation_id not in organisation_ids():
        abort(404)
    board = db().scalar(select(Organisation).where(Organisation.id == organisation_id))
    if board is None:
        abort(404)
    return board


def _back(organisation_id: int):
    return redirect(url_for("beheer.regelingen_page", _anchor=f"bestuur-{organisation_id}"))


def _record_id(organisation_id: int) -> int | None:
    found = regelingen.gebruik(db(), organisation_id)
    return found.id if found else None


@bp.route("/regelingen/<id:organisation_id>/regeling", methods=["POST"])
def change_scheme(organisation_id: int):
    board = _own_board(organisation_id)
    schemes = registry()
    form = SchemeForm(prefix=_prefix(organisation_id))
    form.scheme.choices = _scheme_choices(schemes)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(f"Niet gewijzigd: {error}", "error")
        return _back(organisation_id)
    chosen = form.scheme.data

    def change():
        regeling_beheer.change_scheme(db(), board.id, chosen, form.version.data, schemes)

    if carry_out(change, "regeling_gebruik", _record_id(organisation_id)) is None:
        title = schemes.schemes[chosen].title
        flash(f"De medewerkers van {board.name} vallen nu onder {title}.", "success")
    return _back(organisation_id)


@bp.route("/regelingen/<id:organisation_id>/instellingen", methods=["POST"])
def save_settings(organisation_id: int):
    board = _own_board(organisation_id)
    form = SettingsForm(prefix=_prefix(organisation_id))
    if not form.validate_on_submit():
        flash("Het formulier was verlopen; probeer het opnieuw.", "error")
        return _back(organisation_id)
    prefix = _prefix(organisation_id) + FIELD_PREFIX
    typed = {
        key.removeprefix(prefix): value
        for key, value in request.form.items()
        if key.startswith(prefix)
    }

    def change():
        regeling_beheer.save_settings(
            db(), board.id, typed, form.version.data, registry(), date.today()
        )

    if carry_out(change, "regeling_gebruik", _record_id(organisation_id)) is None:
        flash(f"De instellingen van {board.name} zijn opgeslagen.", "success")
    return _back(organisation_id)
