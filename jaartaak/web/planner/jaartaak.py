"""Per-employee jaartaak page (being rewritten: the engine's explanation)."""

from __future__ import annotations

from datetime import date

from flask import abort, render_template

from jaartaak.services import staff
from jaartaak.web.database import db
from jaartaak.web.planner.blueprint import bp, school_ids


@bp.route("/medewerkers/<id:employee_id>")
def employee(employee_id: int):
    person = staff.employee(db(), employee_id, school_ids())
    if person is None:
        abort(404)
    year = staff.employee_year(db(), person, date.today())
    return render_template("planner/employee.html", employee=person, year=year)
