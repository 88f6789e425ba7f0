"""The beheerder adds and edits the schools of a board (name, BRIN code, locations) and adds
the board's next schooljaar (its calendar: 1 August - 31 July)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from jaartaak.models import Organisation, School
from jaartaak.services import scholen, schooljaren, staff
from jaartaak.web.beheer.blueprint import bp, organisation_ids
from jaartaak.web.database import db
from jaartaak.web.forms import DutchForm, VersionField
from jaartaak.web.opslaan import carry_out


class SchoolForm(DutchForm):
    naam = StringField("Naam", [InputRequired(message="Geef de school een naam."), Length(max=200)])
    brin = StringField(
        "BRIN-code",
        [Optional(), Length(max=8)],
        description="Twee cijfers en twee letters, zoals 12AB.",
    )
    locaties = TextAreaField("Locaties (één per regel)", [Optional(), Length(max=2000)])
    version = VersionField(validators=[Optional()])


def own_board(organisation_id: int) -> Organisation:
    if organisation_id not in organisation_ids():
        abort(404)
    return db().get(Organisation, organisation_id)


def own_school(school_id: int) -> School:
    school = db().get(School, school_id)
    if school is None or school.organisation_id not in organisation_ids():
        abort(404)
    return school


@bp.route("/besturen/<id:organisation_id>/scholen/nieuw", methods=["GET", "POST"])
def school_nieuw(organisation_id: int):
    board = own_board(organisation_id)
    form = SchoolForm()
    if form.validate_on_submit():
        outcome = carry_out(
            lambda: scholen.create_school(
                db(), board, form.naam.data, form.brin.data or "", form.locaties.data or ""
            ),
            "school",
            None,
        )
        if outcome is None:
            flash(f"School {' '.join(form.naam.data.split())} toegevoegd.", "success")
            return redirect(url_for("beheer.index"))
    return render_template("beheer/school.html", form=form, board=board, school=None)


@bp.route("/scholen/<id:school_id>/bewerken", methods=["GET", "POST"])
def school_bewerken(school_id: int):
    school = own_school(school_id)
    form = SchoolForm()
    if not form.is_submitted():
        form.naam.data, form.brin.data = school.name, school.brin or ""
        form.locaties.data, form.version.data = school.locaties, school.version
    if form.validate_on_submit():
        outcome = carry_out(
            lambda: scholen.update_school(
                db(),
                school,
                form.naam.data,
                form.brin.data or "",
                form.locaties.data or "",
                form.version.data,
            ),
            "school",
            school.id,
        )
        if outcome is None:
            flash(f"School {school.name} opgeslagen.", "success")
            return redirect(url_for("beheer.index"))
    return render_template(
        "beheer/school.html", form=form, board=school.organisation, school=school
    )


class SchooljaarForm(DutchForm):
    """Adds the board's next schooljaar (the year after its last one)."""


@bp.route("/besturen/<id:organisation_id>/schooljaren", methods=["POST"])
def schooljaar_erbij(organisation_id: int):
    board = own_board(organisation_id)
    if SchooljaarForm().validate_on_submit():
        years = staff.schooljaren(db(), board.id)
        start = (
            schooljaren.next_start_year(years)
            if years
            else date.today().year - (date.today().month < 8)
        )
        outcome = carry_out(
            lambda: schooljaren.create_schooljaar(db(), board, start), "schooljaar", None
        )
        if outcome is None:
            flash(f"Schooljaar {start}-{start + 1} toegevoegd aan {board.name}.", "success")
    return redirect(url_for("beheer.index"))
