"""The payroll month (role salarisadministratie): every line of an organisation's month, the
totals per payroll code, the CSV and XLSX export, and closing the month.

Only someone with the role for the whole organisation closes a month (it is the board's
payroll); someone with the role for one school sees and exports that school's lines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from jaartaak.domain.periods import Month
from jaartaak.models import Organisation, Role
from jaartaak.services import access, salarisexport, salarismaand
from jaartaak.services.spreadsheet import XLSX_MIMETYPE
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.forms import DutchForm
from jaartaak.web.login import current_account
from jaartaak.web.opslaan import carry_out
from jaartaak.web.salaris.blueprint import bp


class AfsluitForm(DutchForm):
    """Closing a month: the month and organisation come from the page's address."""


def _organisations() -> list[Organisation]:
    ids = {g.organisation_id for g in current_user.grants if g.role is Role.SALARIS}
    return [db().get(Organisation, i) for i in sorted(ids)]


def _chosen() -> tuple[list[Organisation], Organisation, Month]:
    """The organisations the user does payroll for, the one ``?organisatie=`` names (404 for
    another) and the month ``?maand=`` names (the current month without one)."""
    organisations = _organisations()
    wanted = request.args.get("organisatie", type=int)
    chosen = next((o for o in organisations if o.id == wanted), None) if wanted else None
    if wanted and chosen is None:
        abort(404)
    try:
        month = Month.parse(request.args.get("maand") or Month.of(date.today()).code)
    except ValueError:
        abort(404)
    return organisations, chosen or organisations[0], month


def _whole_board(organisation: Organisation) -> bool:
    return organisation.id in access.board_ids(current_user.grants, Role.SALARIS)


def _view(organisation: Organisation, month: Month):
    schools = None
    if not _whole_board(organisation):
        schools = access.school_ids(db(), current_user.grants, Role.SALARIS)
    return salarismaand.salarismaand(db(), organisation.id, month, registry(), schools)


@bp.route("/maand")
def maand():
    organisations, organisation, month = _chosen()
    view = _view(organisation, month)
    closed = salarismaand.afsluitingen(db(), organisation.id)
    return render_template(
        "salaris/maand.html",
        organisations=organisations,
        organisation=organisation,
        month=month,
        view=view,
        previous=Month(month.year - (month.month == 1), (month.month - 2) % 12 + 1),
        following=month.next(),
        last_closed=closed[-1] if closed else None,
        can_close=_whole_board(organisation),
        form=AfsluitForm(),
    )


def _download(extension: str):
    _organisations, organisation, month = _chosen()
    view = _view(organisation, month)
    if extension == "csv":
        content, mimetype = salarisexport.csv_export(view), "text/csv; charset=utf-8"
    else:
        content, mimetype = salarisexport.xlsx_export(view, organisation.name), XLSX_MIMETYPE
    name = salarisexport.filename(view, organisation.name, extension)
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/maand/export.csv")
def maand_csv():
    return _download("csv")


@bp.route("/maand/export.xlsx")
def maand_xlsx():
    return _download("xlsx")


@bp.route("/maand/afsluiten", methods=["POST"])
def maand_afsluiten():
    _organisations, organisation, month = _chosen()
    back = redirect(url_for("salaris.maand", organisatie=organisation.id, maand=month.code))
    if not AfsluitForm().validate_on_submit():
        flash("Niet afgesloten: het formulier is verlopen; probeer het opnieuw.", "error")
        return back
    if not _whole_board(organisation):
        abort(403)
    user = current_account()
    outcome = carry_out(
        lambda: salarismaand.sluit(
            db(), organisation.id, month, user, registry(), date.today(), datetime.now(UTC)
        ),
        "salarisafsluiting",
        None,
    )
    if outcome is None:
        flash(
            f"{month.code} is afgesloten: de regels liggen vast zoals ze zijn geëxporteerd.",
            "success",
        )
    return back
