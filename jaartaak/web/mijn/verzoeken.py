"""Mijn verzoeken: the employee's choice requests with their outcome; an open one can be
withdrawn. A request id in the URL is looked up among the employee's own only (else 404)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for

from jaartaak.models import KeuzeVerzoek
from jaartaak.services import verzoeken
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.mijn.blueprint import bp, own_employee
from jaartaak.web.opslaan import carry_out


class IntrekForm(DutchForm):
    version = VersionField()


@bp.route("/verzoeken")
def verzoeken_lijst():
    person = own_employee()
    if request.args.get("ingediend"):
        flash("Uw verzoek is ingediend. De planner beslist erover; u krijgt daarvan bericht.")
    return render_template(
        "mijn/verzoeken.html",
        verzoeken=verzoeken.van_medewerker(db(), person.id),
        window=verzoeken.venster(db(), person, date.today()),
        form=IntrekForm(),
    )


@bp.route("/verzoeken/<id:verzoek_id>/intrekken", methods=["POST"])
def intrekken(verzoek_id: int):
    person = own_employee()
    verzoek = db().get(KeuzeVerzoek, verzoek_id)
    if verzoek is None or verzoek.employee_id != person.id:
        abort(404)
    form = IntrekForm()
    if form.validate_on_submit() and (
        carry_out(
            lambda: verzoeken.trek_in(verzoek, form.version.data), "keuze_verzoek", verzoek.id
        )
        is None
    ):
        flash(f"Uw verzoek voor {verzoek.schooljaar.code} is ingetrokken.", "success")
    return redirect(url_for("mijn.verzoeken_lijst"))
