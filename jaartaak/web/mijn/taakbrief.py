"""Mijn taakbrief: the employee's published versions, the PDFs, and akkoord or bezwaar.

Every taakbrief id in a URL is looked up among the logged-in employee's own versions only, so
changing the id in the address gives "niet gevonden", never a colleague's brief.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from jaartaak.models import Taakbrief
from jaartaak.services import staff, taakbrief
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.mijn.blueprint import bp, chosen_year, own_employee
from jaartaak.web.opslaan import carry_out
from jaartaak.web.planner.taakbrieven import pdf_response

MAX_REACTIE = 4000


class ReactieForm(DutchForm):
    #: The button pressed: "akkoord" or "bezwaar" (the service refuses anything else).
    besluit = StringField()
    toelichting = TextAreaField(
        "Uw bezwaar",
        [Length(max=MAX_REACTIE, message=f"Schrijf hoogstens {MAX_REACTIE} tekens.")],
    )
    version = VersionField()


def _own(taakbrief_id: int) -> Taakbrief:
    brief = taakbrief.van_medewerker(db(), own_employee().id, taakbrief_id)
    if brief is None:
        abort(404)
    return brief


@bp.route("/taakbrief")
def taakbrief_index():
    """The versions of the chosen schooljaar, newest first; the form under the latest."""
    person = own_employee()
    years = staff.schooljaren(db(), person.organisation_id)
    year = chosen_year(years)
    versions = taakbrief.versies(db(), [person.id], year.id)[person.id] if year else []
    latest = versions[0] if versions else None
    form = ReactieForm(version=latest.version if latest else None)
    return render_template(
        "mijn/taakbrief.html", years=years, year=year, versies=versions, form=form
    )


@bp.route("/taakbrief/<id:taakbrief_id>.pdf")
def taakbrief_download(taakbrief_id: int):
    return pdf_response(_own(taakbrief_id))


@bp.route("/taakbrief/<id:taakbrief_id>/reactie", methods=["POST"])
def taakbrief_reactie(taakbrief_id: int):
    brief = _own(taakbrief_id)
    back = url_for("mijn.taakbrief_index", jaar=brief.schooljaar_id)
    form = ReactieForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(back)
    besluit = form.besluit.data or ""

    def change() -> None:
        taakbrief.reageer(db(), brief, besluit, form.toelichting.data or "", form.version.data)

    if carry_out(change, "taakbrief", brief.id) is None:
        if besluit == "akkoord":
            flash(f"U bent akkoord met versie {brief.versie} van uw taakbrief.", "success")
        else:
            flash(
                f"Uw bezwaar tegen versie {brief.versie} is vastgelegd; de planner ziet het.",
                "success",
            )
    return redirect(back)
