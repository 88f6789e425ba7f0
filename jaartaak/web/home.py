"""The start page: what this user may do, by role."""

from __future__ import annotations

from flask import Blueprint, render_template

from jaartaak.models import Role
from jaartaak.web.access import login_only

bp = Blueprint("home", __name__)
login_only(bp)

#: What each role may do, shown on the start page and in the navigation.
ROLE_AREAS = (
    (
        Role.MEDEWERKER,
        "mijn.index",
        "Mijn jaartaak",
        "Uw aanstelling, lessen en taken van dit schooljaar.",
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
