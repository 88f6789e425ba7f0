"""Taakbrieven of the werkplek: where each employee stands, publishing one or all, the PDFs."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from jaartaak.services import staff, taakbrief, taakbrief_job, taakbrief_stand
from jaartaak.web import opdrachten
from jaartaak.web.database import db, state
from jaartaak.web.planner.bewerken import carry_out
from jaartaak.web.planner.blueprint import bp, require_schooljaar, school_ids, werkplek


class PubliceerForm(FlaskForm):
    """No fields: the CSRF token is the point (publishing changes what employees see)."""


def pdf_response(brief) -> Response:
    """The stored PDF of a version, as published."""
    stored = brief.bestand
    return Response(
        stored.data,
        mimetype=stored.content_type,
        headers={"Content-Disposition": f'attachment; filename="{stored.filename}"'},
    )


@bp.route("/taakbrieven")
def taakbrieven():
    plek = werkplek()
    rows = None
    if plek.schooljaar is not None:
        rows = taakbrief_stand.standen(
            db(), staff.employees(db(), [plek.school.id]), plek.schooljaar, state().schemes
        )
    return render_template(
        "planner/taakbrieven.html",
        plek=plek,
        rows=rows,
        telling=taakbrief_stand.telling(rows) if rows is not None else None,
        form=PubliceerForm(),
    )


@bp.route("/taakbrieven/<id:employee_id>/publiceren", methods=["POST"])
def taakbrief_publiceren(employee_id: int):
    person = staff.employee(db(), employee_id, school_ids())
    if person is None:
        abort(404)
    year = require_schooljaar(werkplek())
    if year.organisation_id != person.organisation_id:
        abort(404)
    if not PubliceerForm().validate_on_submit():
        abort(400)
    published = []

    def change() -> None:
        published.append(
            taakbrief.publiceer(
                db(), person, year, state().schemes, current_app.jinja_env, current_user.id
            )
        )

    if carry_out(change, "taakbrief", None) is None:
        brief = published[0]
        if brief is None:
            flash(
                f"Taakbrief van {person.full_name} ongewijzigd: de laatste versie toont nog "
                "dezelfde gegevens. Er is geen nieuwe versie gemaakt.",
                "info",
            )
        else:
            flash(
                f"Taakbrief {year.code} van {person.full_name} gepubliceerd (versie "
                f"{brief.versie}). De medewerker kan hem nu lezen en reageren.",
                "success",
            )
    return redirect(url_for("planner.taakbrieven"))


@bp.route("/taakbrieven/publiceren", methods=["POST"])
def taakbrieven_publiceren():
    plek = werkplek()
    year = require_schooljaar(plek)
    if not PubliceerForm().validate_on_submit():
        abort(400)
    return opdrachten.start(
        taakbrief_job.NAME,
        plek.school.organisation_id,
        taakbrief_job.params(plek.school, year),
        back=url_for("planner.taakbrieven", school=plek.school.id, jaar=year.id),
    )


@bp.route("/taakbrieven/<id:taakbrief_id>.pdf")
def taakbrief_pdf(taakbrief_id: int):
    brief = taakbrief.van_scholen(db(), school_ids(), taakbrief_id)
    if brief is None:
        abort(404)
    return pdf_response(brief)
