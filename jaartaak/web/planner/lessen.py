"""Lessons of the werkplek school's employees: the overview, add, edit, delete, and the import."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from flask import abort, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import StringField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from jaartaak.models import Lesson
from jaartaak.services import lessen
from jaartaak.services.imports.lessen import IMPORTER
from jaartaak.web.database import db
from jaartaak.web.forms import DutchDecimalField, VersionField
from jaartaak.web.opslaan import carry_out
from jaartaak.web.planner.bewerken import (
    after_save,
    confirm_delete,
    edit_form,
    employee_and_year,
)
from jaartaak.web.planner.blueprint import bp, require_schooljaar, werkplek
from jaartaak.web.planner.importing import register

register(IMPORTER, "planner.lessen")


class LessonForm(FlaskForm):
    vak = StringField(
        "Vak", validators=[DataRequired("Vul het vak in."), Length(max=lessen.VAK_MAX)]
    )
    groep = StringField("Groep (optioneel)", validators=[Optional(), Length(max=lessen.GROEP_MAX)])
    lesuren = DutchDecimalField(
        "Lesuren per week", validators=[InputRequired("Vul de lesuren per week in.")]
    )
    version = VersionField()

    def validate_lesuren(self, field) -> None:
        if field.data is not None and not 0 < field.data <= lessen.LESUREN_MAX:
            raise ValidationError(
                f"Vul meer dan 0 en hoogstens {lessen.LESUREN_MAX} lesuren per week in."
            )


def _matches(row: lessen.EmployeeLessons, query: str) -> bool:
    """Search on code, name, vak and groep, as a planner looks someone up."""
    person = row.employee
    words = [person.code, person.full_name, person.sectie] + [
        f"{lesson.vak} {lesson.groep}" for lesson in row.lessons
    ]
    return query.casefold() in " ".join(words).casefold()


def _overview(employee_id: int) -> str:
    return url_for("planner.lessen", _anchor=f"medewerker-{employee_id}")


@bp.route("/lessen", endpoint="lessen")
def lessen_overzicht():
    plek = werkplek()
    year = require_schooljaar(plek)
    query = request.args.get("q", "").strip()
    rows = lessen.lessons_per_employee(db(), plek.school.id, year.id)
    if query:
        rows = [row for row in rows if _matches(row, query)]
    return render_template(
        "planner/lessen/index.html",
        plek=plek,
        rows=rows,
        query=query,
        total=sum((row.total for row in rows), start=Decimal("0.00")),
    )


@bp.route("/medewerkers/<id:employee_id>/lessen/nieuw", methods=["GET", "POST"])
def lessen_nieuw(employee_id: int):
    person, year, plek = employee_and_year(employee_id)
    form = LessonForm()
    if form.validate_on_submit():
        change = partial(
            lessen.add_lesson, db(), person, year, form.vak.data, form.groep.data, form.lesuren.data
        )
        outcome = carry_out(change, "lesson", None)
        message = f"Les {form.vak.data} toegevoegd voor {person.full_name}."
        if done := after_save(outcome, Lesson, None, message, _overview(person.id)):
            return done
    return render_template(
        "planner/lessen/les.html", plek=plek, form=form, employee=person, year=year, lesson=None
    )


def _lesson(employee_id: int, lesson_id: int):
    person, year, plek = employee_and_year(employee_id)
    lesson = lessen.lesson_of(db(), person, lesson_id)
    if lesson is None:
        abort(404)
    return person, year, plek, lesson


@bp.route("/medewerkers/<id:employee_id>/lessen/<id:lesson_id>", methods=["GET", "POST"])
def lessen_bewerken(employee_id: int, lesson_id: int):
    person, year, plek, lesson = _lesson(employee_id, lesson_id)
    form = edit_form(
        LessonForm,
        vak=lesson.vak,
        groep=lesson.groep,
        lesuren=lesson.lesuren_per_week,
        version=lesson.version,
    )
    if form.validate_on_submit():
        values = (form.vak.data, form.groep.data, form.lesuren.data)
        change = partial(lessen.update_lesson, db(), lesson, form.version.data, *values)
        outcome = carry_out(change, "lesson", lesson_id)
        message = f"Les {form.vak.data} van {person.full_name} opgeslagen."
        if done := after_save(outcome, Lesson, lesson_id, message, _overview(person.id)):
            return done
    return render_template(
        "planner/lessen/les.html", plek=plek, form=form, employee=person, year=year, lesson=lesson
    )


@bp.route(
    "/medewerkers/<id:employee_id>/lessen/<id:lesson_id>/verwijderen", methods=["GET", "POST"]
)
def lessen_verwijderen(employee_id: int, lesson_id: int):
    person, _year, plek, lesson = _lesson(employee_id, lesson_id)
    label = lessen.lesson_label(lesson.vak, lesson.groep)
    return confirm_delete(
        plek,
        lesson,
        question=f"De les {label} van {person.full_name} verwijderen?",
        delete=lambda version: lessen.delete_lesson(db(), lesson, version),
        back=_overview(person.id),
        done=f"Les {label} van {person.full_name} verwijderd.",
    )
