"""Mijn budget: entitlement and use, the savings pots with their tranches on a timeline, and
what reaches the payroll each month. Generic over schemes (:mod:`jaartaak.services.budget`)."""

from __future__ import annotations

from datetime import date

from flask import render_template

from jaartaak.services import berekening, budget, charts, regelingen, staff
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.mijn import regeling
from jaartaak.web.mijn.blueprint import bp, chosen_year, own_employee


@bp.route("/budget", methods=["GET", "POST"])
def budget_page():
    person = own_employee()
    scheme_id = regelingen.scheme_id_of(db(), person.organisation_id)
    if scheme_id != berekening.SCHEME:
        return regeling.budget_page(person, scheme_id)
    years = staff.schooljaren(db(), person.organisation_id)
    year = chosen_year(years)
    if year is None:
        return render_template("mijn/budget.html", years=years, year=None)
    result = berekening.bereken(db(), [person], year, registry())[person.id].result
    view = budget.budget_of(registry().schemes[berekening.SCHEME], result)
    return render_template(
        "mijn/budget.html",
        years=years,
        year=year,
        budget=view,
        result=result,
        timeline=charts.tranches_timeline_svg(view.tranches, date.today()),
    )
