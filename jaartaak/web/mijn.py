"""Employee self-service (role medewerker): only the logged-in employee's own data.

No view here takes an employee id from the URL: the employee is always the one linked to the
logged-in account, so there is no id to change.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template
from flask_login import current_user

from jaartaak.models import Employee, Role
from jaartaak.services import staff
from jaartaak.web.access import guard
from jaartaak.web.database import db

bp = Blueprint("mijn", __name__, url_prefix="/mijn")
guard(bp, Role.MEDEWERKER)


def _own_employee() -> Employee:
    if current_user.employee_id is None:
        abort(403)
    return db().get(Employee, current_user.employee_id)


@bp.route("/")
def index():
    person = _own_employee()
    year = staff.employee_year(db(), person, date.today())
    return render_template("mijn/index.html", employee=person, year=year)
