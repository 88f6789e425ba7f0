"""One employee's jaartaak: every line of the engine's explanation, the pb choice, the history."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from jaartaak.models import Employee
from jaartaak.services import berekening, charts, geschiedenis, keuzes, staff, verzoeken
from jaartaak.services.concurrency import stale_message
from jaartaak.services.errors import Refused
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.forms import DutchDecimalField, VersionField
from jaartaak.web.planner.bewerken import edit_form
from jaartaak.web.planner.blueprint import bp, require_schooljaar, school_ids, werkplek

#: An empty field is 0 hours: a planner fills in only the doelen that are chosen.
HOURS = [Optional(), NumberRange(min=0, message="Vul 0 of meer uren in.")]
#: Labels of the hour fields, in the order of cao-vo.md section 4 and 7.
HOUR_LABELS = {
    "reductie_lestaak": "Reductie lestaak",
    "reductie_overige_taken": "Reductie overige taken",
    "verlof": "Verlof",
    "sparen": "Sparen (spaarpot persoonlijk budget)",
    "uitbetalen": "Uitbetalen (alleen basisdeel, schaal t/m 8)",
    "opname_pb": "Opname uit de spaarpot persoonlijk budget",
    "opname_senior": "Opname uit de seniorenspaarpot",
}


class KeuzeForm(FlaskForm):
    reductie_lestaak = DutchDecimalField(HOUR_LABELS["reductie_lestaak"], HOURS)
    reductie_overige_taken = DutchDecimalField(HOUR_LABELS["reductie_overige_taken"], HOURS)
    verlof = DutchDecimalField(HOUR_LABELS["verlof"], HOURS)
    sparen = DutchDecimalField(HOUR_LABELS["sparen"], HOURS)
    uitbetalen = DutchDecimalField(HOUR_LABELS["uitbetalen"], HOURS)
    opname_pb = DutchDecimalField(HOUR_LABELS["opname_pb"], HOURS)
    opname_senior = DutchDecimalField(HOUR_LABELS["opname_senior"], HOURS)
    aanvulling_niveau = RadioField(
        "57+-aanvulling",
        choices=[
            SelectChoice("0", "geen"),
            SelectChoice("1", "1e aanvulling"),
            SelectChoice("2", "1e en 2e aanvulling"),
        ],
        default="0",
    )
    aanvulling_wijze = RadioField(
        "Gebruik van de aanvulling",
        choices=[
            SelectChoice("verlof", "als verlof"),
            SelectChoice("sparen", "sparen in de seniorenspaarpot"),
        ],
        default="verlof",
    )
    version = VersionField(validators=[Optional()])

    def invoer(self) -> keuzes.KeuzeInvoer:
        return keuzes.KeuzeInvoer(
            hours={name: getattr(self, name).data or Decimal("0.00") for name in HOUR_LABELS},
            aanvulling_niveau=int(self.aanvulling_niveau.data),
            aanvulling_wijze=self.aanvulling_wijze.data,
        )


def _employee(employee_id: int) -> Employee:
    person = staff.employee(db(), employee_id, school_ids())
    if person is None:
        abort(404)
    return person


@bp.route("/medewerkers/<id:employee_id>")
def employee(employee_id: int):
    person = _employee(employee_id)
    plek = werkplek()
    answer = None
    if plek.schooljaar is not None:
        answer = berekening.bereken(db(), [person], plek.schooljaar, registry())[person.id]
    return render_template(
        "planner/employee.html",
        employee=person,
        plek=plek,
        jaartaak=answer,
        bar_svg=charts.jaartaak_bar_svg(answer.result.totals) if answer else "",
        open_verzoeken=[v for v in verzoeken.van_medewerker(db(), person.id) if v.open],
    )


@bp.route("/medewerkers/<id:employee_id>/keuze", methods=["GET", "POST"])
def keuze(employee_id: int):
    person = _employee(employee_id)
    plek = werkplek()
    year = require_schooljaar(plek)
    stored = keuzes.keuze_of(db(), person.id, year.id)
    # On POST only the request counts: a post without ``version`` must not borrow the stored one.
    form = edit_form(KeuzeForm, obj=stored)
    if stored and request.method == "GET":
        form.aanvulling_niveau.data = str(stored.aanvulling_niveau)
    refusal = None
    if form.validate_on_submit():
        try:
            keuzes.save_keuze(db(), person, year, form.invoer(), form.version.data, registry())
        except StaleDataError:
            db().rollback()
            flash(stale_message(db(), "pb_keuze", stored.id if stored else 0), "error")
            return redirect(url_for("planner.keuze", employee_id=person.id))
        except keuzes.ChoiceRefused as error:
            db().rollback()
            refusal = error.errors
        except Refused as error:
            db().rollback()
            flash(str(error), "error")
        else:
            db().commit()
            flash(f"Keuze van {person.full_name} voor {year.code} opgeslagen.", "success")
            return redirect(url_for("planner.employee", employee_id=person.id))
    return render_template(
        "planner/keuze.html",
        employee=person,
        plek=plek,
        form=form,
        hour_fields=list(HOUR_LABELS),
        refusal=refusal,
    )


@bp.route("/medewerkers/<id:employee_id>/geschiedenis")
def history(employee_id: int):
    person = _employee(employee_id)
    return render_template(
        "planner/geschiedenis.html",
        employee=person,
        plek=werkplek(),
        entries=geschiedenis.of_employee(db(), person.id),
    )
