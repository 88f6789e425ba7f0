"""Salarisadministratie (role salarisadministratie, per board or school)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from jaartaak.models import Role
from jaartaak.services import access, regelingen, staff
from jaartaak.web.access import guard
from jaartaak.web.database import db
from jaartaak.web.engine import registry

bp = Blueprint("salaris", __name__, url_prefix="/salaris")
guard(bp, Role.SALARIS)


@bp.route("/")
def index():
    school_ids = access.school_ids(db(), current_user.grants, Role.SALARIS)
    employees = staff.employees(db(), school_ids)
    return render_template(
        "salaris/index.html",
        employees=employees,
        with_events=_boards_with_events({e.organisation_id for e in employees}),
    )


def _boards_with_events(organisation_ids: set[int]) -> set[int]:
    """The boards whose scheme takes events that HR records (the regeling page links)."""
    schemes = registry().schemes
    with_events = set()
    for organisation_id in organisation_ids:
        scheme = schemes.get(regelingen.scheme_id_of(db(), organisation_id))
        if scheme is not None and regelingen.event_types(scheme):
            with_events.add(organisation_id)
    return with_events
