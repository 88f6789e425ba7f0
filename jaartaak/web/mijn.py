"""Employee self-service (role medewerker): only the logged-in employee's own data.

No view here takes an employee id from the URL: the employee is always the one linked to the
logged-in account, so there is no id to change. A schooljaar in the URL (``?jaar=``) must be
one of the employee's own board, else the page is "niet gevonden".
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from jaartaak.models import Employee, Role, Schooljaar
from jaartaak.services import berekening, charts, staff
from jaartaak.web.access import guard
from jaartaak.web.database import db

bp = Blueprint("mijn", __name__, url_prefix="/mijn")
guard(bp, Role.MEDEWERKER)


def _own_employee() -> Employee:
    if current_user.employee_id is None:
        abort(403)
    return db().get(Employee, current_user.employee_id)


def _chosen_year(years: list[Schooljaar]) -> Schooljaar | None:
    """``?jaar=`` when it is one of the board's schooljaren (else 404); else the current one."""
    wanted = request.args.get("jaar", "")
    if wanted:
        found = next((y for y in years if str(y.id) == wanted), None)
        if found is None:
            abort(404)
        return found
    return staff.current_in(years, date.today())


@bp.route("/")
def index():
    """Mijn jaartaak: every line with its formula and source, the saldo, lessons and tasks."""
    person = _own_employee()
    years = staff.schooljaren(db(), person.organisation_id)
    year = _chosen_year(years)
    answer = None
    if year is not None:
        registry = current_app.extensions["jaartaak"].schemes
        answer = berekening.bereken(db(), [person], year, registry)[person.id]
    return render_template(
        "mijn/index.html",
        employee=person,
        years=years,
        year=year,
        jaartaak=answer,
        bar_svg=charts.jaartaak_bar_svg(answer.result.totals) if answer else "",
        earlier=year is not None and year.end_date < date.today(),
    )
