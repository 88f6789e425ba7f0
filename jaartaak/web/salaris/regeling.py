"""HR records events under a plugin scheme (leave taken, a training claim) for an employee, on a
page that shows the same budget as the employee sees. The forms come from the scheme's declared
event types; the engine accepts or refuses each event before it is stored."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from jaartaak.domain.periods import Month
from jaartaak.services import regelingen
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.formatting import maand
from jaartaak.web.forms import DutchDateField, DutchDecimalField, DutchForm
from jaartaak.web.opslaan import carry_out
from jaartaak.web.regeling_pagina import budget_context, chosen_period
from jaartaak.web.salaris import feiten
from jaartaak.web.salaris.blueprint import bp, employee_and_scheme

NUMBER = [InputRequired(message="Vul een getal in."), NumberRange(min=0, message="0 of meer.")]


class VerwijderForm(DutchForm):
    event_id = HiddenField()


def _text(value) -> str:
    """A form value as contract JSON text: a number as "12.50", a choice as it is."""
    return value if isinstance(value, str) else format(value, "f")


_FORMS: dict[tuple[str, str], type[DutchForm]] = {}


def event_form_class(scheme, kind) -> type[DutchForm]:
    """A form for one declared event type: its date and its own fields (made once per type)."""
    made = _FORMS.get((scheme.id, kind.key))
    if made is not None:
        return made
    if kind.when == "month":
        attrs = {"maand": SelectField("Maand", validators=[InputRequired()])}
    else:
        attrs = {"datum": DutchDateField("Datum", [InputRequired(message="Vul een datum in.")])}
    for option in kind.fields:
        attrs[f"veld_{option.key}"] = (
            SelectField(
                option.label, choices=[SelectChoice(k, v) for k, v in option.choices.items()]
            )
            if option.kind == "choice"
            else DutchDecimalField(option.label, NUMBER)
        )
    made = _FORMS[(scheme.id, kind.key)] = type(f"Event_{kind.key}", (DutchForm,), attrs)
    return made


@bp.route("/medewerkers/<id:employee_id>/regeling", methods=["GET", "POST"])
def regeling(employee_id: int):
    person, scheme = employee_and_scheme(employee_id)
    periods, period = chosen_period(scheme)
    current = regelingen.stand(db(), person, scheme, period, registry())
    kinds = regelingen.event_types(scheme)
    forms = {kind.key: event_form_class(scheme, kind)(prefix=kind.key) for kind in kinds}
    for form in forms.values():
        if "maand" in form:
            form.maand.choices = [SelectChoice(m.code, maand(m)) for m in period.months()]
    back = url_for("salaris.regeling", employee_id=person.id, periode=period.code)
    posted = request.form.get("soort_form")
    if request.method == "POST" and posted in forms:
        form = forms[posted]
        kind = next(k for k in kinds if k.key == posted)
        if form.validate():
            gegevens = {
                option.key: _text(form[f"veld_{option.key}"].data) for option in kind.fields
            }
            if "maand" in form:
                month = Month.parse(form.maand.data)
                datum, when = month.first_day, f"voor {maand(month)}"
            else:
                datum, when = form.datum.data, f"op {form.datum.data:%d-%m-%Y}"
            outcome = carry_out(
                lambda: regelingen.registreer(
                    db(), person, current, datum, kind.key, gegevens, registry()
                ),
                "gebeurtenis",
                None,
            )
            if outcome is None:
                flash(f"{kind.label} {when} vastgelegd.", "success")
                return redirect(back)
    return render_template(
        "salaris/regeling.html",
        employee=person,
        scheme=scheme,
        periods=periods,
        period=period,
        stand=current,
        kinds=kinds,
        forms=forms,
        delete_form=VerwijderForm(),
        facts=regelingen.declared_facts(scheme),
        history_fields=getattr(scheme, "history_fields", ()),
        feitenforms=feiten.forms_for(current),
        **budget_context(scheme, current.result),
    )


@bp.route("/medewerkers/<id:employee_id>/regeling/verwijderen", methods=["POST"])
def regeling_verwijderen(employee_id: int):
    person, scheme = employee_and_scheme(employee_id)
    _periods, period = chosen_period(scheme)
    form = VerwijderForm()
    if form.validate_on_submit() and form.event_id.data.isdigit():
        current = regelingen.stand(db(), person, scheme, period, registry())
        event_id = int(form.event_id.data)
        outcome = carry_out(
            lambda: regelingen.verwijder(db(), person, current, event_id, registry()),
            "gebeurtenis",
            event_id,
        )
        if outcome is None:
            flash("Gebeurtenis verwijderd.", "success")
    return redirect(url_for("salaris.regeling", employee_id=person.id, periode=period.code))
