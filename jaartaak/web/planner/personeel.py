"""Personeel: the staff list of the werkplek school, and creating and editing employees.

The list is searched, filtered and sorted on the server, so every state is a link a planner can
bookmark or send. The appointments of an employee are edited in
:mod:`jaartaak.web.planner.personeel_aanstellingen`; the staff import is registered here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from jaartaak.models import CATEGORIES, Appointment, Employee
from jaartaak.services import personeel
from jaartaak.services.concurrency import stale_message
from jaartaak.services.errors import Refused
from jaartaak.services.imports.personeel import STAFF_IMPORTER
from jaartaak.web.database import db
from jaartaak.web.forms import DutchDateField, DutchDecimalField, DutchForm, VersionField
from jaartaak.web.planner.blueprint import Werkplek, bp, werkplek
from jaartaak.web.planner.importing import register
from jaartaak.web.planner.personeel_aanstellingen import AppointmentFields, load_employee, passes

register(STAFF_IMPORTER, "planner.personeel")

CATEGORY_LABELS = {"OP": "OP (onderwijzend)", "OOP": "OOP (ondersteunend)", "DIR": "Directie"}
#: The column a list is sorted on; rows that tie stay in name order, also when descending.
SORTS = {
    "naam": lambda row: row.employee.sort_name.casefold(),
    "code": lambda row: row.employee.code,
    "categorie": lambda row: row.employee.category,
    "sectie": lambda row: row.employee.sectie.casefold(),
    "fte": lambda row: row.fte,
}


class PersonForm(DutchForm):
    """The person fields; their names are the import's column names, so the rules share them."""

    code = StringField("Code", [InputRequired(), Length(max=personeel.CODE_LENGTH)])
    voornaam = StringField("Voornaam", [InputRequired(), Length(max=100)])
    tussenvoegsel = StringField("Tussenvoegsel", [Optional(), Length(max=20)])
    achternaam = StringField("Achternaam", [InputRequired(), Length(max=100)])
    geboortedatum = DutchDateField("Geboortedatum", [InputRequired()])
    categorie = SelectField(
        "Categorie", choices=[SelectChoice(v, label) for v, label in CATEGORY_LABELS.items()]
    )
    schaal = SelectField("Schaal (maximum van de functie)", choices=list(personeel.SCALES))
    salaris = DutchDecimalField(
        "Salaris per maand bij een volledige betrekking (€)", [InputRequired()], places=2
    )
    sectie = StringField("Sectie of team", [Optional(), Length(max=60)])
    version = VersionField()

    def person(self) -> personeel.PersonData:
        return personeel.PersonData(
            code=personeel.normal_code(self.code.data),
            first_name=self.voornaam.data.strip(),
            tussenvoegsel=(self.tussenvoegsel.data or "").strip(),
            last_name=self.achternaam.data.strip(),
            birth_date=self.geboortedatum.data,
            category=self.categorie.data,
            salary_scale=self.schaal.data,
            fulltime_monthly_salary=self.salaris.data,
            sectie=(self.sectie.data or "").strip(),
        )


class NewEmployeeForm(AppointmentFields, PersonForm):
    pass


class ListRow:
    """One employee in the list: the appointments in the schooljaar and the fte on a day."""

    def __init__(self, employee: Employee, year_start: date, year_end: date, peildatum: date):
        self.employee = employee
        self.appointments = [
            a
            for a in employee.appointments
            if a.start <= year_end and (a.end_date is None or a.end_date >= year_start)
        ]
        self.fte = sum(
            (a.fte for a in self.appointments if _runs_on(a, peildatum)), start=Decimal(0)
        )


def _runs_on(appointment: Appointment, day: date) -> bool:
    return appointment.start <= day and (
        appointment.end_date is None or day <= appointment.end_date
    )


def _period(plek: Werkplek) -> tuple[date, date, date]:
    """The schooljaar and the peildatum for the fte: today inside the year, else its first day."""
    today = date.today()
    if plek.schooljaar is None:
        return date.min, date.max, today
    start, end = plek.schooljaar.start, plek.schooljaar.end_date
    return start, end, today if start <= today <= end else start


def list_url(**changes: str) -> str:
    """This list with some parameters changed; the others (search, filters, sort) are kept."""
    args = {key: value for key, value in request.args.items() if value}
    args.update(changes)
    return url_for("planner.personeel", **{k: v for k, v in args.items() if v})


@bp.route("/personeel", endpoint="personeel")
def staff_list():
    plek = werkplek()
    text = request.args.get("q", "").strip()
    category = request.args.get("categorie", "")
    category = category if category in CATEGORIES else ""
    sectie = request.args.get("sectie", "")
    sort = request.args.get("sorteer", "naam")
    sort = sort if sort in SORTS else "naam"
    descending = request.args.get("richting") == "af"
    start, end, peildatum = _period(plek)
    rows = [
        ListRow(employee, start, end, peildatum)
        for employee in personeel.search(db(), plek.school.id, text, category, sectie)
    ]
    rows.sort(key=SORTS["naam"])
    rows.sort(key=SORTS[sort], reverse=descending)  # stable: ties keep the name order
    return render_template(
        "planner/personeel/lijst.html",
        plek=plek,
        rows=rows,
        q=text,
        categorie=category,
        sectie=sectie,
        secties=personeel.secties(db(), plek.school.id),
        categories=CATEGORY_LABELS,
        sort=sort,
        descending=descending,
        peildatum=peildatum,
        list_url=list_url,
    )


@bp.route("/personeel/nieuw", methods=["GET", "POST"])
def personeel_nieuw():
    plek = werkplek()
    form = NewEmployeeForm()
    if form.validate_on_submit() and passes(
        form,
        personeel.person_problems(form.person())
        | personeel.appointment_problems(form.appointment(), form.geboortedatum.data),
    ):
        try:
            person = personeel.create_employee(db(), plek.school, form.person(), form.appointment())
        except Refused as error:
            db().rollback()
            flash(str(error), "error")
        else:
            db().commit()
            flash(f"{person.full_name} ({person.code}) is toegevoegd.", "success")
            return redirect(url_for("planner.personeel_bewerken", employee_id=person.id))
    return render_template(
        "planner/personeel/nieuw.html",
        plek=plek,
        form=form,
        secties=personeel.secties(db(), plek.school.id),
    )


@bp.route("/medewerkers/<id:employee_id>/bewerken", methods=["GET", "POST"])
def personeel_bewerken(employee_id: int):
    person = load_employee(employee_id)
    plek = werkplek()
    form = PersonForm(obj=None if request.method == "POST" else _person_values(person))
    if form.validate_on_submit() and passes(form, personeel.person_problems(form.person())):
        try:
            personeel.update_employee(db(), person, form.person(), form.version.data)
        except StaleDataError:
            db().rollback()
            flash(stale_message(db(), "employee", employee_id), "error")
            return redirect(url_for("planner.personeel_bewerken", employee_id=employee_id))
        except Refused as error:
            db().rollback()
            flash(str(error), "error")
        else:
            db().commit()
            flash(f"De gegevens van {person.full_name} zijn opgeslagen.", "success")
            return redirect(url_for("planner.personeel_bewerken", employee_id=employee_id))
    return render_template(
        "planner/personeel/bewerken.html",
        plek=plek,
        form=form,
        employee=person,
        secties=personeel.secties(db(), person.school_id),
    )


class _Values:
    """An employee's values under the form's (Dutch) field names."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def _person_values(person: Employee) -> _Values:
    values = {name: getattr(person, attribute) for attribute, name in personeel.PERSON_FIELDS}
    return _Values(code=person.code, version=person.version, **values)
