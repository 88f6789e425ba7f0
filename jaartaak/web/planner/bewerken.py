"""What every planner edit page does the same way: save once (:mod:`jaartaak.web.opslaan`),
refuse with a reason, confirm a delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, flash, redirect, render_template, request
from flask_wtf import FlaskForm

from jaartaak.models import Employee, Schooljaar
from jaartaak.services import staff
from jaartaak.web.database import db
from jaartaak.web.forms import VersionField
from jaartaak.web.opslaan import STALE, carry_out
from jaartaak.web.planner.blueprint import Werkplek, require_schooljaar, school_ids, werkplek

F = TypeVar("F", bound=FlaskForm)


def after_save(outcome: str | None, model, record_id: int | None, message: str, back: str):
    """The response after :func:`carry_out`: None means "show the form again" (refused).

    Saved: flash ``message`` and go ``back``. Stale: the edit page again, which shows the
    current data, or ``back`` when the record was deleted meanwhile.
    """
    if outcome is None:
        flash(message, "success")
        return redirect(back)
    if outcome == STALE:
        exists = record_id is not None and db().get(model, record_id) is not None
        return redirect(request.path if exists else back)
    return None


def edit_form(form_class: type[F], **current) -> F:
    """The form with the record's current values, but only on GET.

    On POST the values come from the request alone: a form posted without ``version`` must not
    silently get the record's current version and so skip the stale check.
    """
    return form_class() if request.method == "POST" else form_class(**current)


def employee_and_year(employee_id: int) -> tuple[Employee, Schooljaar, Werkplek]:
    """An employee the planner plans (else 404) and the werkplek schooljaar of their board."""
    plek = werkplek()
    year = require_schooljaar(plek)
    person = staff.employee(db(), employee_id, school_ids())
    if person is None or person.organisation_id != year.organisation_id:
        abort(404)
    return person, year, plek


class DeleteForm(FlaskForm):
    version = VersionField()


def confirm_delete(
    plek: Werkplek,
    record,
    question: str,
    delete: Callable[[int | None], object],
    back: str,
    done: str,
):
    """GET asks ``question``; POST deletes the version the planner saw, then goes ``back``."""
    form = DeleteForm()
    if form.validate_on_submit():
        if carry_out(lambda: delete(form.version.data), record.__tablename__, record.id) is None:
            flash(done, "success")
        return redirect(back)
    form.version.data = record.version
    return render_template(
        "planner/lessen/verwijderen.html", plek=plek, question=question, form=form, back=back
    )
