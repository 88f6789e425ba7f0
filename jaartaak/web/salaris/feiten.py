"""HR records what a plugin scheme reads besides events: the employee's facts for the scheme
(``employee_facts``) and the beginstand of a period (``history_fields``). The forms are built
from the declarations; the engine checks the period on screen before anything is stored."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from flask import flash, redirect, url_for
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from jaartaak.services import regeling_feiten, regelingen
from jaartaak.services.opties import get_path, set_path
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.forms import DutchDecimalField, DutchForm, VersionField
from jaartaak.web.opslaan import carry_out
from jaartaak.web.regeling_pagina import chosen_period
from jaartaak.web.salaris.blueprint import bp, employee_and_scheme

DEFAULT = ""


def _field(option):
    if option.kind == "yesno":
        return BooleanField(option.label, description=option.help)
    if option.kind == "choice":
        return SelectField(
            option.label,
            choices=[
                SelectChoice(DEFAULT, "Standaard van de regeling"),
                *(SelectChoice(key, label) for key, label in option.choices.items()),
            ],
            description=option.help,
        )
    return DutchDecimalField(
        option.label,
        [Optional(), NumberRange(min=0, message="vul 0 of meer in.")],
        description=option.help,
    )


def _form_class(name: str, options: tuple) -> type[DutchForm]:
    attrs = {f"veld_{i}": _field(option) for i, option in enumerate(options)}
    return type(name, (DutchForm,), {**attrs, "version": VersionField(validators=[Optional()])})


@cache
def facts_form_class(scheme) -> type[DutchForm]:
    return _form_class(f"Feiten_{scheme.id}", regelingen.declared_facts(scheme))


@cache
def history_form_class(scheme) -> type[DutchForm]:
    return _form_class(f"Beginstand_{scheme.id}", regeling_feiten.history_fields(scheme))


def values_of(form, options) -> dict:
    """The contract JSON the form holds: booleans, texts, numbers as strings (nested along
    dotted keys); an empty number or the default choice is left out."""
    values: dict = {}
    for index, option in enumerate(options):
        data = form[f"veld_{index}"].data
        if option.kind == "yesno":
            set_path(values, option.key, bool(data))
        elif data not in (None, DEFAULT):
            set_path(values, option.key, format(data, "f") if option.kind != "choice" else data)
    return values


def load(form, options, stored: dict) -> None:
    """Show what is stored (a number as a Decimal, a yes/no as a tick)."""
    for index, option in enumerate(options):
        value = get_path(stored, option.key)
        if value is None:
            continue
        field = form[f"veld_{index}"]
        field.data = value if option.kind in ("yesno", "choice") else Decimal(str(value))


def forms_for(current) -> dict:
    """The facts and beginstand forms of the HR page, filled with what is stored."""
    scheme = current.scheme
    made = {}
    if regelingen.declared_facts(scheme):
        facts = facts_form_class(scheme)(prefix="feiten")
        if not facts.is_submitted() and current.feiten is not None:
            load(facts, regelingen.declared_facts(scheme), current.feiten.feiten)
            facts.version.data = current.feiten.version
        made["feiten"] = facts
    if regeling_feiten.history_fields(scheme):
        start = history_form_class(scheme)(prefix="beginstand")
        if not start.is_submitted() and current.beginstand is not None:
            load(start, regeling_feiten.history_fields(scheme), current.beginstand.history)
            start.version.data = current.beginstand.version
        made["beginstand"] = start
    return made


def _save(employee_id: int, what: str):
    person, scheme = employee_and_scheme(employee_id)
    _periods, period = chosen_period(scheme)
    current = regelingen.stand(db(), person, scheme, period, registry())
    form = forms_for(current).get(what)
    back = redirect(url_for("salaris.regeling", employee_id=person.id, periode=period.code))
    if form is None or not form.validate_on_submit():
        for name, errors in (form.errors if form else {}).items():
            label = form[name].label.text if name in form else name
            flash(f"Niet opgeslagen: {label}: " + " ".join(errors), "error")
        return back
    if what == "feiten":
        values = values_of(form, regelingen.declared_facts(scheme))
        change = regeling_feiten.bewaar_feiten
        target, table, done = current.feiten, "regeling_feiten", "Gegevens voor de regeling"
    else:
        values = values_of(form, regeling_feiten.history_fields(scheme))
        change = regeling_feiten.bewaar_beginstand
        target, table = current.beginstand, "regeling_beginstand"
        done = f"Beginstand van {period.code}"
    outcome = carry_out(
        lambda: change(db(), person, current, values, form.version.data, registry()),
        table,
        target.id if target else None,
    )
    if outcome is None:
        flash(f"{done} opgeslagen.", "success")
    return back


@bp.route("/medewerkers/<id:employee_id>/regeling/feiten", methods=["POST"])
def regeling_feiten_opslaan(employee_id: int):
    return _save(employee_id, "feiten")


@bp.route("/medewerkers/<id:employee_id>/regeling/beginstand", methods=["POST"])
def regeling_beginstand_opslaan(employee_id: int):
    return _save(employee_id, "beginstand")
