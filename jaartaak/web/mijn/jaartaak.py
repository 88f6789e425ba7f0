"""Mijn jaartaak: the employee's own jaartaak, line by line, for any schooljaar of the board."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template, url_for

from jaartaak.services import berekening, charts, staff
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.mijn.blueprint import bp, chosen_year, own_employee, own_scheme_id


@bp.route("/")
def index():
    """Every line with its formula and source, the saldo, lessons and tasks."""
    person = own_employee()
    if own_scheme_id(person) != berekening.SCHEME:
        return redirect(url_for("mijn.budget_page"))  # no jaartaak outside the CAO VO
    years = staff.schooljaren(db(), person.organisation_id)
    year = chosen_year(years)
    answer = None
    if year is not None:
        answer = berekening.bereken(db(), [person], year, registry())[person.id]
    return render_template(
        "mijn/index.html",
        employee=person,
        years=years,
        year=year,
        jaartaak=answer,
        bar_svg=charts.jaartaak_bar_svg(answer.result.totals) if answer else "",
        earlier=year is not None and year.end_date < date.today(),
    )
