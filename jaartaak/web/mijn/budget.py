"""Mijn budget: entitlement and use, the savings pots with their tranches on a timeline, and
what reaches the payroll each month. Generic over schemes (:mod:`jaartaak.services.budget`)."""

from __future__ import annotations

from flask import render_template

from jaartaak.services import berekening, staff
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.mijn import regeling
from jaartaak.web.mijn.blueprint import bp, chosen_year, own_employee, own_scheme_id
from jaartaak.web.regeling_pagina import budget_context


@bp.route("/budget", methods=["GET", "POST"])
def budget_page():
    person = own_employee()
    scheme_id = own_scheme_id(person)
    if scheme_id != berekening.SCHEME:
        return regeling.budget_page(person, scheme_id)
    years = staff.schooljaren(db(), person.organisation_id)
    year = chosen_year(years)
    if year is None:
        return render_template("mijn/budget.html", years=years, year=None)
    result = berekening.bereken(db(), [person], year, registry())[person.id].result
    return render_template(
        "mijn/budget.html",
        years=years,
        year=year,
        **budget_context(registry().schemes[berekening.SCHEME], result),
    )
