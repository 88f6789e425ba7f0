"""Mijn budget under a plugin scheme (CAO GGZ, Benefit Budget …): the budget, the choice form
built from the scheme's options, and the events recorded. Nothing here knows a scheme."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for

from jaartaak.models import Employee
from jaartaak.services import maandkeuzes, regelingen
from jaartaak.web import maandkeuze
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.keuzeformulier import groups, keuze_form_class
from jaartaak.web.opslaan import carry_out
from jaartaak.web.regeling_pagina import budget_context, chosen_period


def budget_page(person: Employee, scheme_id: str):
    scheme = registry().schemes.get(scheme_id)
    if scheme is None:
        return render_template("mijn/regeling.html", scheme_id=scheme_id, scheme=None)
    periods, period = chosen_period(scheme)
    current = regelingen.stand(db(), person, scheme, period, registry())
    if maandkeuzes.products_of(scheme) is not None:
        return _monthly_page(person, periods, current)
    form = keuze_form_class(scheme)()
    deadline = regelingen.deadline_of(scheme, period)
    if form.validate_on_submit():
        outcome = carry_out(
            lambda: regelingen.kies(
                db(),
                person,
                current,
                form.choices(),
                date.today(),
                form.version.data,
                registry(),
            ),
            "regeling_keuze",
            current.keuze.id if current.keuze else None,
        )
        if outcome is None:
            flash(f"Uw keuze voor {period.code} is vastgelegd.", "success")
        return redirect(url_for("mijn.budget_page", periode=period.code))
    if current.keuze is not None and not form.is_submitted():
        form.load(current.keuze.keuzes)
        form.version.data = current.keuze.version
    return render_template(
        "mijn/regeling.html",
        scheme=scheme,
        periods=periods,
        period=period,
        stand=current,
        form=form,
        groups=groups(form),
        deadline=deadline,
        open_for_choice=deadline is None or date.today() <= deadline,
        **budget_context(scheme, current.result),
    )


def _monthly_page(person: Employee, periods: list, current):
    """Mijn budget of an IKB-style scheme: the month-by-month choice form and the entries."""
    today = date.today()
    form, schrap = maandkeuze.forms_for(current, today)
    if maandkeuze.handle_post(person, current, form, schrap, today):
        return redirect(url_for("mijn.budget_page", periode=current.period.code))
    return render_template(
        "mijn/regeling.html",
        scheme=current.scheme,
        periods=periods,
        period=current.period,
        stand=current,
        maandform=form,
        schrap=schrap,
        entries=maandkeuze.entries_view(current, today),
        products=maandkeuzes.products_of(current.scheme),
        **budget_context(current.scheme, current.result),
    )
