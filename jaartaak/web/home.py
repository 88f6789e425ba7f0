"""The start page: what this user may do, by role."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from jaartaak.models import Melding, Role
from jaartaak.services import meldingen
from jaartaak.web.access import login_only
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm

bp = Blueprint("home", __name__)
login_only(bp)

#: What each role may do, shown on the start page and in the navigation.
ROLE_AREAS = (
    (
        Role.MEDEWERKER,
        "mijn.index",
        "Mijn jaartaak",
        "Uw jaartaak uitgelegd, wat-als met uw keuzes, en uw verzoeken aan de planner.",
    ),
    (
        Role.PLANNER,
        "planner.index",
        "Planner",
        "Het personeel van uw school met aanstellingen, lessen en taken.",
    ),
    (
        Role.SALARIS,
        "salaris.index",
        "Salarisadministratie",
        "Salarisgegevens van de medewerkers voor de salarisverwerking.",
    ),
    (
        Role.BEHEERDER,
        "beheer.index",
        "Beheer",
        "Scholen, gebruikers en rollen van het bestuur, en het auditlog.",
    ),
)


@bp.route("/")
def index():
    return render_template("home.html", areas=ROLE_AREAS)


class GelezenForm(DutchForm):
    """Marks the user's notices read (no fields: the user is the logged-in one)."""


@bp.route("/meldingen")
def notices():
    """The user's notices, newest first; unread ones are marked."""
    items = db().scalars(
        select(Melding)
        .where(Melding.user_id == current_user.id)
        .order_by(Melding.aangemaakt.desc(), Melding.id.desc())
        .limit(100)
    )
    return render_template("meldingen.html", meldingen=list(items), form=GelezenForm())


@bp.route("/meldingen/gelezen", methods=["POST"])
def notices_read():
    if GelezenForm().validate_on_submit():
        meldingen.mark_read(db(), current_user.id)
        db().commit()
        flash("Alle meldingen zijn als gelezen gemarkeerd.", "success")
    return redirect(url_for("home.notices"))
