"""Wat als: other choices beside the current plan, computed and shown, stored only on request.

The form comes from the scheme's declared options. "Doorrekenen" computes and shows the two
answers side by side; nothing is stored. "Als verzoek indienen" sends the same choices to the
planner, for the schooljaar that requests are open for (:mod:`jaartaak.services.verzoeken`).
"""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template, url_for

from jaartaak.models import Schooljaar
from jaartaak.services import berekening, keuzes, staff, vergelijking, verzoeken
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.keuzeformulier import groups, keuze_form_class
from jaartaak.web.login import current_account
from jaartaak.web.mijn.blueprint import bp, chosen_year, own_employee
from jaartaak.web.opslaan import carry_out

DOORREKENEN = "doorrekenen"
INDIENEN = "indienen"


def _scheme():
    return registry().schemes[berekening.SCHEME]


@bp.route("/wat-als", methods=["GET", "POST"])
def wat_als():
    person = own_employee()
    years = staff.schooljaren(db(), person.organisation_id)
    window = verzoeken.venster(db(), person, date.today())
    default = window.schooljaar if window and window.open else None
    year: Schooljaar | None = chosen_year(years, default)
    if year is None:
        return render_template("mijn/wat_als.html", years=years, year=None, window=window)
    answer = berekening.bereken(db(), [person], year, registry())[person.id]
    form = keuze_form_class(_scheme())()
    vorige = None if answer.feiten.keuze else keuzes.vorige_keuze(db(), person.id, year)
    requestable = window is not None and window.open and window.schooljaar.id == year.id
    what_if = None
    if form.validate_on_submit():
        choices = form.choices()
        if form.actie.data == INDIENEN and requestable:
            outcome = carry_out(
                lambda: verzoeken.dien_in(
                    db(),
                    person,
                    current_account(),
                    choices,
                    form.toelichting.data or "",
                    registry(),
                    date.today(),
                ),
                "keuze_verzoek",
                None,
            )
            if outcome is None:
                return redirect(url_for("mijn.verzoeken_lijst", ingediend=1))
        what_if = berekening.met_keuzes(answer, choices, registry())
    elif not form.is_submitted():
        # Without a plan for the year, start from the latest earlier year's choice, if any.
        start = vorige if vorige is not None else answer.feiten.keuze
        form.load(berekening.choices_of(berekening.keuze_van(start)))
    return render_template(
        "mijn/wat_als.html",
        years=years,
        year=year,
        window=window,
        requestable=requestable,
        earlier=year.end_date < date.today(),
        form=form,
        groups=groups(form),
        plan=answer.result,
        what_if=what_if,
        regels=vergelijking.regels(answer.result, what_if) if what_if else [],
        salaris=vergelijking.salaris(answer.result, what_if) if what_if else [],
        open_verzoek=verzoeken.open_verzoek(db(), person.id, year.id),
        links="Huidig plan" if answer.feiten.keuze else "Zonder keuze",
        vorige=vorige,
    )
