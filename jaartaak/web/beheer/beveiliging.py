"""Beveiliging: per board, the roles whose holders must use two-factor login."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from jaartaak.db import expect_version
from jaartaak.models import ROLE_LABELS, Organisation
from jaartaak.services import organisations, tweestaps
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.opslaan import carry_out


class RequiredRolesForm(DutchForm):
    roles = SelectMultipleField(
        "Tweestapsverificatie verplicht voor",
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
    version = VersionField()


def _page(forms: dict[int, RequiredRolesForm] | None = None, status: int = 200):
    forms = forms or {}
    boards = organisations.organisations(db(), organisation_ids())
    return render_template(
        "beheer/beveiliging.html",
        boards=[
            {
                "organisation": board,
                "form": forms.get(board.id)
                or RequiredRolesForm(
                    formdata=None,
                    roles=list(board.tweestaps_rollen or []),
                    version=board.version,
                    prefix=f"b{board.id}-",
                ),
            }
            for board in boards
        ],
    ), status


@bp.route("/beveiliging")
def beveiliging():
    return _page()


@bp.route("/beveiliging/<id:organisation_id>", methods=["POST"])
def beveiliging_opslaan(organisation_id: int):
    if organisation_id not in organisation_ids():
        abort(404)
    organisation = db().get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    form = RequiredRolesForm(prefix=f"b{organisation_id}-")
    if not form.validate_on_submit():
        return _page({organisation_id: form}, 400)

    def change():
        expect_version(organisation, form.version.data)
        tweestaps.set_required_roles(organisation, form.roles.data or [])

    if carry_out(change, "organisation", organisation_id) is not None:
        return redirect(url_for("beheer.beveiliging"))
    flash(f"Opgeslagen voor {organisation.name}.", "info")
    return redirect(url_for("beheer.beveiliging"))
