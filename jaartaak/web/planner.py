"""Planner workspace (role planner, per school)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from jaartaak.models import Role
from jaartaak.services import access, staff
from jaartaak.web.access import guard
from jaartaak.web.database import db

bp = Blueprint("planner", __name__, url_prefix="/planner")
guard(bp, Role.PLANNER)


def _school_ids() -> set[int]:
    return access.school_ids(db(), current_user.grants, Role.PLANNER)


@bp.route("/")
def index():
    allowed = staff.schools(db(), _school_ids())
    if not allowed:
        abort(403)
    chosen_id = request.args.get("school", type=int) or allowed[0].id
    school = next((s for s in allowed if s.id == chosen_id), None)
    if school is None:
        abort(404)
    schooljaar = staff.current_schooljaar(db(), school.organisation_id, date.today())
    people = staff.employees(db(), [school.id])
    loads = staff.workloads(db(), [p.id for p in people], schooljaar.id) if schooljaar else {}
    return render_template(
        "planner/index.html",
        schools=allowed,
        school=school,
        schooljaar=schooljaar,
        employees=people,
        workloads=loads,
    )


@bp.route("/medewerkers/<id:employee_id>")
def employee(employee_id: int):
    person = staff.employee(db(), employee_id, _school_ids())
    if person is None:
        abort(404)
    year = staff.employee_year(db(), person, date.today())
    return render_template("planner/employee.html", employee=person, year=year)
