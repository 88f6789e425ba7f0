"""The Beheer start page: the boards of this beheerder with their schools, users and the latest
changes, and the audit log export."""

from __future__ import annotations

from flask import abort, render_template
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput

from jaartaak.models import ROLE_LABELS
from jaartaak.services import audit_log, organisations, staff
from jaartaak.services.audit_log import AUDIT_EXPORT
from jaartaak.web import opdrachten
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.beheer.scholen import SchooljaarForm
from jaartaak.web.database import db


class ExportForm(FlaskForm):
    organisation_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


@bp.route("/")
def index():
    session = db()
    boards = organisations.organisations(session, organisation_ids())
    return render_template(
        "beheer/index.html",
        boards=[
            {
                "organisation": board,
                "employee_counts": organisations.employee_counts(session, board.id),
                "users": organisations.users(session, board.id),
                "export_form": ExportForm(organisation_id=board.id),
                "schooljaren": staff.schooljaren(session, board.id),
            }
            for board in boards
        ],
        audit_entries=audit_log.recent_entries(session, {b.id for b in boards}),
        role_labels={role.value: label for role, label in ROLE_LABELS.items()},
        action_labels=audit_log.ACTION_LABELS,
        record_labels=audit_log.RECORD_LABELS,
        schooljaar_form=SchooljaarForm(),
    )


@bp.route("/auditlog/export", methods=["POST"])
def export_audit_log():
    form = ExportForm()
    if not form.validate_on_submit():
        abort(400)
    organisation_id = form.organisation_id.data
    if organisation_id not in organisation_ids():
        abort(404)
    return opdrachten.start(AUDIT_EXPORT.name, organisation_id)
