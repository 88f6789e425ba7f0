"""Salarisadministratie (role salarisadministratie, per board or school)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
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
    """The boards whose scheme has something HR records (the regeling page links)."""
    schemes = registry().schemes
    with_events = set()
    for organisation_id in organisation_ids:
        scheme = schemes.get(regelingen.scheme_id_of(db(), organisation_id))
        if scheme is not None and records_anything(scheme):
            with_events.add(organisation_id)
    return with_events


def records_anything(scheme) -> bool:
    """Whether HR records anything for ``scheme``: events, facts or a beginstand."""
    return bool(
        regelingen.event_types(scheme)
        or regelingen.declared_facts(scheme)
        or getattr(scheme, "history_fields", ())
    )


def employee_and_scheme(employee_id: int):
    """The employee (of a school this user does payroll for) and the scheme, else 404."""
    school_ids = access.school_ids(db(), current_user.grants, Role.SALARIS)
    person = staff.employee(db(), employee_id, school_ids)
    if person is None:
        abort(404)
    scheme_id = regelingen.scheme_id_of(db(), person.organisation_id)
    scheme = registry().schemes.get(scheme_id)
    if scheme is None or not records_anything(scheme):
        abort(404)
    return person, scheme
