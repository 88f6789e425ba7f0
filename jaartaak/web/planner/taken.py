"""The task catalogue of the werkplek school and schooljaar, and tasks given to employees.

Catalogue pages: taakgroepen and taken (create, edit, delete), the CSV import, and assigning
one task to many employees at once. Employee pages: the tasks of one employee, add one from
the catalogue (hours default to the task's), change the hours, remove.
"""

from __future__ import annotations

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from jaartaak.models import Task, TaskAssignment, TaskGroup
from jaartaak.services import staff, taken, toewijzingen
from jaartaak.services.imports.taken import IMPORTER
from jaartaak.web.database import db
from jaartaak.web.formatting import hours as uren
from jaartaak.web.forms import DutchDecimalField, VersionField
from jaartaak.web.opslaan import carry_out
from jaartaak.web.planner.bewerken import (
    after_save,
    confirm_delete,
    edit_form,
    employee_and_year,
)
from jaartaak.web.planner.blueprint import bp, require_schooljaar, school_ids, werkplek
from jaartaak.web.planner.importing import register

register(IMPORTER, "planner.taken")

NO_GROUP = 0


class GroupForm(FlaskForm):
    name = StringField(
        "Naam", validators=[DataRequired("Vul de naam in."), Length(max=taken.NAME_MAX)]
    )
    version = VersionField()


class TaskForm(FlaskForm):
    name = StringField(
        "Naam", validators=[DataRequired("Vul de naam in."), Length(max=taken.NAME_MAX)]
    )
    group = SelectField("Taakgroep", coerce=int)
    default_hours = DutchDecimalField(
        "Standaard uren per jaar", validators=[InputRequired("Vul de standaard uren in.")]
    )
    version = VersionField()


class HoursForm(FlaskForm):
    hours = DutchDecimalField("Uren per jaar", validators=[InputRequired("Vul de uren in.")])
    version = VersionField()


class AssignForm(FlaskForm):
    task = SelectField("Taak", coerce=int, validate_choice=False)  # checked by the view
    hours = DutchDecimalField("Uren per jaar (leeg: de standaard uren)", validators=[Optional()])


class BulkForm(FlaskForm):
    #: Not checked against the list shown: the service refuses another school's staff in Dutch.
    employees = SelectMultipleField("Medewerkers", coerce=int, validate_choice=False)
    hours = DutchDecimalField("Uren per jaar", validators=[InputRequired("Vul de uren in.")])


def _overview() -> str:
    return url_for("planner.taken")


@bp.route("/taken", endpoint="taken")
def taken_overzicht():
    plek = werkplek()
    year = require_schooljaar(plek)
    people = staff.employees(db(), [plek.school.id])
    return render_template(
        "planner/taken/index.html",
        plek=plek,
        groups=taken.catalogue(db(), plek.school.id, year.id),
        people=people,
        totals=toewijzingen.totals_per_employee(db(), [p.id for p in people], year.id),
    )


def _group(group_id: int) -> TaskGroup:
    return taken.group_in(db(), group_id, school_ids()) or abort(404)


def _task(task_id: int) -> Task:
    return taken.task_in(db(), task_id, school_ids()) or abort(404)


@bp.route("/taken/groepen/nieuw", methods=["GET", "POST"], endpoint="taken_groep_nieuw")
@bp.route("/taken/groepen/<id:group_id>", methods=["GET", "POST"])
def taken_groep(group_id: int | None = None):
    plek = werkplek()
    year = require_schooljaar(plek)
    group = _group(group_id) if group_id else None
    form = edit_form(GroupForm, name=group.name, version=group.version) if group else GroupForm()
    if form.validate_on_submit():
        if group is None:
            change = partial(taken.create_group, db(), plek.school, year, form.name.data)
        else:
            change = partial(taken.rename_group, db(), group, form.version.data, form.name.data)
        outcome = carry_out(change, "task_group", group_id)
        message = f"Taakgroep {form.name.data} opgeslagen."
        if done := after_save(outcome, TaskGroup, group_id, message, _overview()):
            return done
    return render_template("planner/taken/groep.html", plek=plek, form=form, group=group)


@bp.route("/taken/groepen/<id:group_id>/verwijderen", methods=["GET", "POST"])
def taken_groep_verwijderen(group_id: int):
    group = _group(group_id)
    return confirm_delete(
        werkplek(),
        group,
        question=f"De taakgroep {group.name} verwijderen?",
        delete=lambda version: taken.delete_group(db(), group, version),
        back=_overview(),
        done=f"Taakgroep {group.name} verwijderd.",
    )


@bp.route("/taken/nieuw", methods=["GET", "POST"], endpoint="taken_nieuw")
@bp.route("/taken/<id:task_id>", methods=["GET", "POST"])
def taken_taak(task_id: int | None = None):
    plek = werkplek()
    year = require_schooljaar(plek)
    task = _task(task_id) if task_id else None
    school_id, year_id = (task.school_id, task.schooljaar_id) if task else (plek.school.id, year.id)
    groups = {g.id: g for g in taken.task_groups(db(), school_id, year_id)}
    current = {}
    if task:
        current = {
            "name": task.name,
            "group": task.task_group_id or NO_GROUP,
            "default_hours": task.default_hours,
            "version": task.version,
        }
    form = edit_form(TaskForm, **current)
    form.group.choices = [(NO_GROUP, "(geen taakgroep)")] + [
        (g.id, g.name) for g in groups.values()
    ]
    if form.validate_on_submit():
        values = (form.name.data, groups.get(form.group.data), form.default_hours.data)
        if task is None:
            change = partial(taken.create_task, db(), plek.school, year, *values)
        else:
            change = partial(taken.update_task, db(), task, form.version.data, *values)
        outcome = carry_out(change, "task", task_id)
        message = f"Taak {form.name.data} opgeslagen."
        if done := after_save(outcome, Task, task_id, message, _overview()):
            return done
    return render_template("planner/taken/taak.html", plek=plek, form=form, task=task)


@bp.route("/taken/<id:task_id>/verwijderen", methods=["GET", "POST"])
def taken_taak_verwijderen(task_id: int):
    task = _task(task_id)
    return confirm_delete(
        werkplek(),
        task,
        question=f"De taak {task.name} verwijderen uit de takenlijst?",
        delete=lambda version: taken.delete_task(db(), task, version),
        back=_overview(),
        done=f"Taak {task.name} verwijderd.",
    )


@bp.route("/taken/<id:task_id>/toewijzen", methods=["GET", "POST"])
def taken_toewijzen(task_id: int):
    """One task to many employees of its school at once, with the same hours, in one commit."""
    task = _task(task_id)
    people = staff.employees(db(), [task.school_id])
    have = toewijzingen.holders(db(), task)
    form = BulkForm() if request.method == "POST" else BulkForm(hours=task.default_hours)
    form.employees.choices = [(p.id, p.full_name) for p in people]
    if form.validate_on_submit():
        results: list[toewijzingen.BulkResult] = []

        def change() -> None:
            results.append(
                toewijzingen.bulk_assign(db(), task, form.employees.data, form.hours.data)
            )

        if carry_out(change, "task", task.id) is None:
            flash(results[0].message(task), "success")
            return redirect(_overview())
    return render_template(
        "planner/taken/toewijzen.html",
        plek=werkplek(),
        task=task,
        form=form,
        people=people,
        have=have,
        chosen=set(form.employees.data or []),
    )


def _employee_page(employee_id: int) -> str:
    return url_for("planner.taken_medewerker", employee_id=employee_id)


@bp.route("/medewerkers/<id:employee_id>/taken", methods=["GET", "POST"])
def taken_medewerker(employee_id: int):
    """The tasks of one employee in the werkplek schooljaar; POST adds one."""
    person, year, plek = employee_and_year(employee_id)
    assignments = staff.task_assignments(db(), person.id, year.id)
    given = {assignment.task_id for assignment in assignments}
    offered = {
        task.id: task
        for task in taken.tasks(db(), person.school_id, year.id)
        if task.id not in given
    }
    form = AssignForm()
    form.task.choices = [
        (t.id, f"{t.name} ({uren(t.default_hours)} uur)") for t in offered.values()
    ]
    if form.validate_on_submit():
        task = offered.get(form.task.data)
        if task is None:  # assigned or removed since the page was shown
            flash(f"Die taak is niet (meer) te kiezen voor {person.full_name}.", "error")
            return redirect(_employee_page(person.id))
        change = partial(toewijzingen.assign, db(), person, task, form.hours.data)
        if carry_out(change, "task_assignment", None) is None:
            flash(f"Taak {task.name} toegewezen aan {person.full_name}.", "success")
            return redirect(_employee_page(person.id))
    return render_template(
        "planner/taken/medewerker.html",
        plek=plek,
        employee=person,
        year=year,
        assignments=assignments,
        form=form,
    )


def _assignment(employee_id: int, assignment_id: int):
    person, _year, plek = employee_and_year(employee_id)
    assignment = toewijzingen.assignment_of(db(), person, assignment_id) or abort(404)
    return person, plek, assignment


@bp.route("/medewerkers/<id:employee_id>/taken/<id:assignment_id>", methods=["GET", "POST"])
def taken_medewerker_bewerken(employee_id: int, assignment_id: int):
    person, plek, assignment = _assignment(employee_id, assignment_id)
    form = edit_form(HoursForm, hours=assignment.hours, version=assignment.version)
    if form.validate_on_submit():
        change = partial(
            toewijzingen.change_hours, db(), assignment, form.version.data, form.hours.data
        )
        outcome = carry_out(change, "task_assignment", assignment_id)
        message = f"Uren voor {assignment.task.name} opgeslagen."
        back = _employee_page(person.id)
        if done := after_save(outcome, TaskAssignment, assignment_id, message, back):
            return done
    return render_template(
        "planner/taken/toewijzing.html",
        plek=plek,
        employee=person,
        assignment=assignment,
        form=form,
    )


@bp.route(
    "/medewerkers/<id:employee_id>/taken/<id:assignment_id>/verwijderen", methods=["GET", "POST"]
)
def taken_medewerker_verwijderen(employee_id: int, assignment_id: int):
    person, plek, assignment = _assignment(employee_id, assignment_id)
    name = assignment.task.name
    return confirm_delete(
        plek,
        assignment,
        question=f"De taak {name} van {person.full_name} weghalen?",
        delete=lambda version: toewijzingen.unassign(db(), assignment, version),
        back=_employee_page(person.id),
        done=f"Taak {name} van {person.full_name} weggehaald.",
    )
