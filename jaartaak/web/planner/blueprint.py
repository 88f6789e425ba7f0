"""The planner blueprint, its role check, and the school and schooljaar being planned.

Every planner page works on one school and one schooljaar (the "werkplek"). The choice comes
from ``?school=…&jaar=…`` and is remembered in the session, so links between pages need not
carry it; a school the user may not plan is a 404, whatever the session says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, request, session
from flask_login import current_user

from jaartaak.models import Role, School, Schooljaar
from jaartaak.services import access, staff
from jaartaak.web.access import guard
from jaartaak.web.database import db

bp = Blueprint("planner", __name__, url_prefix="/planner")
guard(bp, Role.PLANNER)

SCHOOL_KEY = "planner_school"
JAAR_KEY = "planner_jaar"


@dataclass(frozen=True)
class Werkplek:
    """The school and schooljaar a planner page is about, and the alternatives to switch to."""

    schools: list[School]
    school: School
    schooljaren: list[Schooljaar]
    schooljaar: Schooljaar | None


def school_ids() -> set[int]:
    """The schools the logged-in user plans."""
    return access.school_ids(db(), current_user.grants, Role.PLANNER)


def _chosen(name: str, key: str) -> int | None:
    value = request.args.get(name, type=int)
    return value if value is not None else session.get(key)


def werkplek() -> Werkplek:
    """The school and schooljaar of this request (404 for a school the user does not plan)."""
    allowed = staff.schools(db(), school_ids())
    if not allowed:
        abort(403)
    school_id = _chosen("school", SCHOOL_KEY)
    school = next((s for s in allowed if s.id == school_id), None)
    if school is None:
        if request.args.get("school") is not None:
            abort(404)
        school = allowed[0]
    years = staff.schooljaren(db(), school.organisation_id)
    year_id = _chosen("jaar", JAAR_KEY)
    year = next((y for y in years if y.id == year_id), None)
    if year is None:
        if request.args.get("jaar") is not None:
            abort(404)
        year = staff.current_in(years, date.today())
    session[SCHOOL_KEY] = school.id
    session[JAAR_KEY] = year.id if year else None
    return Werkplek(allowed, school, years, year)


def require_schooljaar(plek: Werkplek) -> Schooljaar:
    """The schooljaar of the werkplek; a board without schooljaren cannot plan (404)."""
    if plek.schooljaar is None:
        abort(404)
    return plek.schooljaar
