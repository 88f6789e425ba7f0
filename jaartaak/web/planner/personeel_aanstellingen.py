"""The appointments (aanstellingen) of an employee: add, edit, end and delete.

Each page works on an employee of a school the planner plans (any other is a 404) and returns to
the employee's edit page, which lists the appointments. Edits carry the version they showed, so a
change someone else saved meanwhile is shown instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectField
from wtforms.validators import InputRequired, Optional

from jaartaak.models import APPOINTMENT_KINDS, Appointment, Employee
from jaartaak.services import personeel, staff
from jaartaak.services.concurrency import stale_message
from jaartaak.services.errors import Refused
from jaartaak.web.database import db
from jaartaak.web.forms import DutchDateField, DutchDecimalField, DutchForm, VersionField
from jaartaak.web.planner.blueprint import bp, school_ids, werkplek

BASE = "/medewerkers/<id:employee_id>/aanstellingen"


def load_employee(employee_id: int) -> Employee:
    """An employee of a school the planner plans; any other is a 404."""
    person = staff.employee(db(), employee_id, school_ids())
    if person is None:
        abort(404)
    return person


def passes(form: DutchForm, problems: dict[str, str]) -> bool:
    """Put the service's rule messages on the form's fields; True when there are none.

    A rule about a field the form does not have (the birth date, on an appointment form) is
    shown at the start date, the value that broke it.
    """
    for name, message in problems.items():
        field = form._fields.get(name) or form._fields["begin"]
        field.errors = [*field.errors, message]
    return not problems


class AppointmentFields:
    """The fields of an appointment, shared by the new-employee and the appointment forms."""

    fte = DutchDecimalField("Fte (bijv. 0,8)", [InputRequired()], places=4)
    begin = DutchDateField("Begindatum", [InputRequired()])
    einde = DutchDateField("Einddatum (leeg: onbepaalde tijd)", [Optional()])
    soort = SelectField("Soort", choices=list(APPOINTMENT_KINDS))

    def appointment(self) -> personeel.AppointmentData:
        return personeel.AppointmentData(
            self.begin.data, self.einde.data, self.fte.data, self.soort.data
        )


class AppointmentForm(AppointmentFields, DutchForm):
    version = VersionField()


class EndForm(DutchForm):
    einde = DutchDateField("Laatste dag van de aanstelling", [InputRequired()])
    version = VersionField()


class DeleteForm(DutchForm):
    version = VersionField()


def _load(employee_id: int, appointment_id: int) -> tuple[Employee, Appointment]:
    person = load_employee(employee_id)
    appointment = personeel.find_appointment(person, appointment_id)
    if appointment is None:
        abort(404)
    return person, appointment


def _back(person: Employee):
    return redirect(url_for("planner.personeel_bewerken", employee_id=person.id))


def _save(person: Employee, record_id: int | None, change: Callable[[], None], done: str):
    """Run ``change``; commit and go back, or roll back and say why (None: show the form again)."""
    try:
        change()
    except StaleDataError:
        db().rollback()
        flash(stale_message(db(), "appointment", record_id or 0), "error")
        return _back(person)
    except Refused as error:
        db().rollback()
        flash(str(error), "error")
        return None
    db().commit()
    flash(done, "success")
    return _back(person)


def _page(template: str, person: Employee, form: DutchForm, appointment=None):
    return render_template(
        f"planner/personeel/{template}",
        plek=werkplek(),
        employee=person,
        appointment=appointment,
        form=form,
    )


@bp.route(f"{BASE}/nieuw", methods=["GET", "POST"])
def personeel_aanstelling_nieuw(employee_id: int):
    person = load_employee(employee_id)
    form = AppointmentForm()
    if form.validate_on_submit() and passes(
        form, personeel.appointment_problems(form.appointment(), person.birth_date)
    ):
        done = _save(
            person,
            None,
            lambda: personeel.add_appointment(db(), person, form.appointment()),
            f"Aanstelling van {person.full_name} toegevoegd.",
        )
        if done:
            return done
    return _page("aanstelling.html", person, form)


@bp.route(f"{BASE}/<id:appointment_id>/bewerken", methods=["GET", "POST"])
def personeel_aanstelling_bewerken(employee_id: int, appointment_id: int):
    person, appointment = _load(employee_id, appointment_id)
    form = AppointmentForm()
    if not form.is_submitted():
        form.fte.data, form.begin.data = appointment.fte, appointment.start
        form.einde.data, form.soort.data = appointment.end_date, appointment.kind
        form.version.data = appointment.version
    if form.validate_on_submit() and passes(
        form, personeel.appointment_problems(form.appointment(), person.birth_date)
    ):
        done = _save(
            person,
            appointment.id,
            lambda: personeel.update_appointment(
                db(), appointment, form.appointment(), form.version.data
            ),
            f"Aanstelling van {person.full_name} opgeslagen.",
        )
        if done:
            return done
    return _page("aanstelling.html", person, form, appointment)


@bp.route(f"{BASE}/<id:appointment_id>/beeindigen", methods=["GET", "POST"])
def personeel_aanstelling_beeindigen(employee_id: int, appointment_id: int):
    person, appointment = _load(employee_id, appointment_id)
    form = EndForm()
    if not form.is_submitted():
        year = werkplek().schooljaar
        form.einde.data = appointment.end_date or (
            year.end_date if year and year.end_date >= appointment.start else None
        )
        form.version.data = appointment.version
    if form.validate_on_submit():
        done = _save(
            person,
            appointment.id,
            lambda: personeel.end_appointment(
                db(), appointment, form.einde.data, form.version.data
            ),
            f"Aanstelling van {person.full_name} beëindigd per {form.einde.data:%d-%m-%Y}.",
        )
        if done:
            return done
    return _page("beeindigen.html", person, form, appointment)


@bp.route(f"{BASE}/<id:appointment_id>/verwijderen", methods=["GET", "POST"])
def personeel_aanstelling_verwijderen(employee_id: int, appointment_id: int):
    person, appointment = _load(employee_id, appointment_id)
    form = DeleteForm()
    if not form.is_submitted():
        form.version.data = appointment.version
    if form.validate_on_submit():
        done = _save(
            person,
            appointment.id,
            lambda: personeel.delete_appointment(db(), appointment, form.version.data),
            f"Aanstelling van {person.full_name} verwijderd.",
        )
        if done:
            return done
    return _page("verwijderen.html", person, form, appointment)
