"""The beheerder moves an employee to another school of the same board; their history (lessons,
tasks, choices, savings) stays with them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from jaartaak.models import Employee
from jaartaak.services import gebruikers
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.beheer.scholen import own_board
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.opslaan import carry_out


class VerplaatsForm(DutchForm):
    school = SelectField("Naar school", validate_choice=False)
    version = VersionField(validators=[Optional()])


@bp.route("/besturen/<id:organisation_id>/medewerkers")
def medewerkers(organisation_id: int):
    board = own_board(organisation_id)
    people = db().scalars(
        select(Employee)
        .where(Employee.organisation_id == board.id)
        .order_by(Employee.last_name, Employee.first_name)
    )
    choices = [SelectChoice(str(s.id), s.name) for s in board.schools]
    forms = []
    for person in people:
        form = VerplaatsForm(prefix=f"m{person.id}", version=person.version)
        form.school.choices = choices
        form.school.data = str(person.school_id)
        forms.append((person, form))
    return render_template("beheer/medewerkers.html", board=board, forms=forms)


@bp.route("/medewerkers/<id:employee_id>/verplaatsen", methods=["POST"])
def medewerker_verplaatsen(employee_id: int):
    person = db().get(Employee, employee_id)
    if person is None or person.organisation_id not in organisation_ids():
        abort(404)
    form = VerplaatsForm(prefix=f"m{person.id}")
    if form.validate_on_submit() and (form.school.data or "").isdigit():
        school_id = int(form.school.data)
        outcome = carry_out(
            lambda: gebruikers.move_employee(db(), person, school_id, form.version.data),
            "employee",
            person.id,
        )
        if outcome is None:
            flash(f"{person.full_name} werkt nu op {person.school.name}.", "success")
    return redirect(url_for("beheer.medewerkers", organisation_id=person.organisation_id))
