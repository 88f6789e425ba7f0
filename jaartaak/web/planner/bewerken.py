"""What every planner edit page does the same way: save once, refuse with a reason, confirm.

A service change runs, then the view commits once. A refusal (``Refused``) or a form that was
rendered before someone else saved (``StaleDataError``) rolls everything back and tells the
planner why; for a stale save the message names the other change, from the audit log.

The services check uniqueness themselves (a task given twice, a lesson twice) and refuse in
Dutch; the database's unique indexes catch the rare save that raced another between that
check and the commit, which is then treated as stale too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, flash, redirect, render_template, request
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from jaartaak.models import Employee, Schooljaar
from jaartaak.services import staff
from jaartaak.services.concurrency import stale_message
from jaartaak.services.errors import Refused
from jaartaak.web.database import db
from jaartaak.web.forms import VersionField
from jaartaak.web.planner.blueprint import Werkplek, require_schooljaar, school_ids, werkplek

F = TypeVar("F", bound=FlaskForm)

REFUSED = "refused"
STALE = "stale"
RACED = (
    "Iemand anders heeft intussen hetzelfde opgeslagen (bijvoorbeeld dezelfde taak aan dezelfde "
    "medewerker gegeven). Uw wijziging is niet opgeslagen; bekijk de gegevens opnieuw."
)


def carry_out(change: Callable[[], object], table_name: str, record_id: int | None) -> str | None:
    """Run ``change`` and commit: None when saved, else REFUSED or STALE (flashed, rolled back)."""
    session = db()
    try:
        change()
        session.commit()
    except StaleDataError:
        session.rollback()
        flash(stale_message(session, table_name, record_id or 0), "error")
        return STALE
    except IntegrityError:
        session.rollback()
        flash(RACED, "error")
        return STALE
    except Refused as error:
        session.rollback()
        flash(str(error), "error")
        return REFUSED
    return None


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
