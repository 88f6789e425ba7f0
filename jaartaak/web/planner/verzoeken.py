"""Choice requests of the school's employees: the planner reads each beside the current plan and
approves (it becomes the plan) or rejects it with a reason. The employee gets a notice, and an
e-mail when the board configured SMTP."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from jaartaak.models import KeuzeVerzoek
from jaartaak.services import berekening, vergelijking, verzoeken
from jaartaak.web import mail
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.login import current_account
from jaartaak.web.opslaan import carry_out
from jaartaak.web.planner.blueprint import bp, school_ids, werkplek

GOEDKEUREN = "goedkeuren"
AFWIJZEN = "afwijzen"


class BesluitForm(DutchForm):
    version = VersionField()
    reden = TextAreaField(
        "Reden (verplicht bij afwijzen)", [Optional(), Length(max=verzoeken.MAX_TOELICHTING)]
    )
    actie = StringField()


def _verzoek(verzoek_id: int) -> KeuzeVerzoek:
    """A request of an employee of a school the planner plans, else 404."""
    verzoek = db().get(KeuzeVerzoek, verzoek_id)
    if verzoek is None or verzoek.employee.school_id not in school_ids():
        abort(404)
    return verzoek


@bp.route("/verzoeken")
def verzoeken_lijst():
    plek = werkplek()
    items = verzoeken.van_scholen(db(), {plek.school.id})
    return render_template(
        "planner/verzoeken/index.html",
        plek=plek,
        verzoeken=items,
        open_count=sum(1 for v in items if v.open),
    )


@bp.route("/verzoeken/<id:verzoek_id>", methods=["GET", "POST"])
def verzoek(verzoek_id: int):
    item = _verzoek(verzoek_id)
    form = BesluitForm()
    if form.validate_on_submit() and item.open:
        told: list = []

        def decide():
            account = current_account()
            reden = form.reden.data or ""
            if form.actie.data == GOEDKEUREN:
                told.extend(
                    verzoeken.keur_goed(db(), item, account, form.version.data, reden, registry())
                )
            else:
                told.extend(verzoeken.wijs_af(db(), item, account, form.version.data, reden))

        if carry_out(decide, "keuze_verzoek", item.id) is None:
            mail.send_notices(told, item)
            word = "goedgekeurd" if item.status == "goedgekeurd" else "afgewezen"
            flash(
                f"Verzoek van {item.employee.full_name} voor {item.schooljaar.code} {word}.",
                "success",
            )
            return redirect(url_for("planner.verzoeken_lijst"))
    form.version.data = item.version
    answer = berekening.bereken(db(), [item.employee], item.schooljaar, registry())[
        item.employee_id
    ]
    requested = berekening.met_keuzes(answer, item.keuzes, registry())
    return render_template(
        "planner/verzoeken/verzoek.html",
        plek=werkplek(),
        verzoek=item,
        form=form,
        what_if=requested,
        regels=vergelijking.regels(answer.result, requested),
        salaris=vergelijking.salaris(answer.result, requested),
    )
