"""The audit log viewer: the changes of this beheerder's boards, filtered, page by page, each
with its values before and after, and the filtered set as CSV (the export job).

The filter is a GET form (a link to a filtered page can be shared); a bad value shows a Dutch
message and no entries, never a crash or an unfiltered list that looks filtered.
"""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional, Regexp, ValidationError

from jaartaak.services import audit_log, organisations
from jaartaak.services.audit_log import AUDIT_EXPORT, AuditFilter
from jaartaak.web import opdrachten
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.database import db
from jaartaak.web.forms import DutchDateField, DutchForm

RECORD_ID = re.compile(r"^\d{1,18}(,\d{1,18})*$")


class FilterForm(DutchForm):
    """The viewer's filter, read from the query string (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    bestuur = SelectField("Bestuur", choices=[], default="")
    gebruiker = SelectField("Gebruiker", choices=[], default="")
    soort = SelectField("Soort gegevens", choices=[], default="")
    record = StringField(
        "Recordnummer",
        validators=[
            Optional(),
            Regexp(RECORD_ID, message="Een recordnummer is een getal, zoals 12."),
        ],
    )
    van = DutchDateField("Vanaf", validators=[Optional()])
    tot = DutchDateField("Tot en met", validators=[Optional()])
    pagina = IntegerField(
        "Pagina",
        validators=[Optional(), NumberRange(min=1, max=10**6, message="Geen geldige pagina.")],
    )

    def validate_tot(self, field) -> None:
        if field.data and self.van.data and field.data < self.van.data:
            raise ValidationError("De einddatum ligt vóór de begindatum.")

    def chosen(self) -> AuditFilter:
        return AuditFilter(
            self.gebruiker.data or None,
            self.soort.data or None,
            (self.record.data or "").strip() or None,
            self.van.data,
            self.tot.data,
        )


def filter_form(session, boards) -> FilterForm:
    """The filter form with its choices: the boards, their users and processes, record types."""
    chosen_board = request.args.get("bestuur", "")
    if chosen_board and chosen_board not in {str(board.id) for board in boards}:
        abort(404)  # another board's log, or no board at all: nothing to see here
    form = FilterForm(request.args)
    ids = {board.id for board in boards}
    form.bestuur.choices = [
        ("", "alle besturen" if len(boards) > 1 else ""),
        *((str(board.id), board.name) for board in boards),
    ]
    users = {user.id: user for board in boards for user in organisations.users(session, board.id)}
    form.gebruiker.choices = [
        ("", "iedereen"),
        *(
            (f"gebruiker:{user.id}", f"{user.display_name} ({user.username})")
            for user in sorted(users.values(), key=lambda user: user.username)
        ),
        *((f"naam:{name}", name) for name in audit_log.process_actors(session, ids)),
    ]
    labels = sorted(audit_log.RECORD_LABELS.items(), key=lambda item: item[1])
    form.soort.choices = [("", "alles"), *labels]
    return form


def _scope(form: FilterForm, boards) -> set[int]:
    if form.bestuur.data:
        return {int(form.bestuur.data)}
    return {board.id for board in boards}


@bp.route("/auditlog")
def auditlog():
    session = db()
    boards = organisations.organisations(session, organisation_ids())
    form = filter_form(session, boards)
    valid = form.validate()
    page = None
    if valid:
        page = audit_log.entries_page(
            session, _scope(form, boards), form.chosen(), form.pagina.data or 1
        )
    args = {key: value for key, value in request.args.items() if key != "pagina" and value}
    return render_template(
        "beheer/auditlog.html",
        form=form,
        valid=valid,
        page=page,
        args=args,
        export_form=FlaskForm(),
        changes=audit_log.changes,
        action_labels=audit_log.ACTION_LABELS,
        record_labels=audit_log.RECORD_LABELS,
        board_names={board.id: board.name for board in boards},
    )


@bp.route("/auditlog/csv", methods=["POST"])
def export_filtered_audit_log():
    """The filtered set (the query string holds the filter) as CSV, through the export job."""
    session = db()
    boards = organisations.organisations(session, organisation_ids())
    form = filter_form(session, boards)
    back = url_for("beheer.auditlog", **request.args)
    if not FlaskForm().validate_on_submit() or not form.validate():
        flash("Het filter klopt niet; pas het aan en exporteer opnieuw.", "error")
        return redirect(back)
    scope = _scope(form, boards)
    if len(scope) != 1:
        flash("Kies een bestuur om te exporteren: een export hoort bij één bestuur.", "error")
        return redirect(back)
    params = {"filter": form.chosen().params()}
    return opdrachten.start(AUDIT_EXPORT.name, scope.pop(), params, back=back)
