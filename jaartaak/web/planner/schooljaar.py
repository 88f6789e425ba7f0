"""Schooljaar en taakbeleid: the taakbeleid version in use, a new version, setting up a year.

Every form posts to a URL that names the school and schooljaar it was rendered for
(``?school=…&jaar=…``), so a werkplek switched in another tab cannot send a change to another
year than the one the planner was looking at.
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.models import Organisation, Schooljaar
from jaartaak.services import schooljaren, taakbeleid
from jaartaak.services.errors import Refused
from jaartaak.services.taakbeleid_invoer import (
    BOUNDS,
    LABELS,
    TOELICHTING_MAX,
    nl_number,
    opslag_lines,
    parse_opslag_lines,
)
from jaartaak.web.database import db
from jaartaak.web.forms import DutchDateField, DutchDecimalField, VersionField
from jaartaak.web.planner.blueprint import Werkplek, bp, require_schooljaar, werkplek


class TaakbeleidForm(FlaskForm):
    #: The version number the form was filled from (0: the defaults); see new_version.
    number = VersionField(validators=[InputRequired()])
    ingangsdatum = DutchDateField(
        "Ingangsdatum", validators=[InputRequired("Vul de ingangsdatum in.")]
    )
    opslag_per_vak = TextAreaField("Opslagfactor per vak (één regel per vak: vak = factor)")
    pb_deadline = DutchDateField("Deadline pb-aanvragen (optioneel)", validators=[Optional()])
    toelichting = TextAreaField(
        "Toelichting",
        validators=[Length(max=TOELICHTING_MAX, message="Hoogstens %(max)d tekens.")],
    )


for _name, _bound in BOUNDS.items():
    setattr(
        TaakbeleidForm,
        _name,
        DutchDecimalField(
            LABELS[_name],
            places=_bound.places,
            validators=[InputRequired(f"Vul {LABELS[_name].lower()} in.")],
        ),
    )

PARAMETER_FIELDS = tuple(BOUNDS)


class NieuwSchooljaarForm(FlaskForm):
    start_year = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class KopieerForm(FlaskForm):
    bron = SelectField("Overnemen uit", coerce=int, validators=[InputRequired()])
    toewijzen = BooleanField(
        "Taken ook toewijzen zoals vorig jaar (aan medewerkers die in het nieuwe jaar nog "
        "een aanstelling hebben)"
    )
    bevestigd = HiddenField()


def _taakbeleid_form(plek: Werkplek, schooljaar: Schooljaar) -> TaakbeleidForm:
    """The form for a new version, filled with the version in use (or the defaults)."""
    current = taakbeleid.current_taakbeleid(db(), plek.school.id, schooljaar.id)
    values = taakbeleid.values_of(current)
    ingangsdatum = schooljaar.start
    if current is not None:
        # A change usually applies from today; never before the version it replaces.
        today = min(max(date.today(), schooljaar.start), schooljaar.end_date)
        ingangsdatum = max(today, current.ingangsdatum)
    return TaakbeleidForm(
        formdata=None,
        number=current.number if current else 0,
        ingangsdatum=ingangsdatum,
        opslag_per_vak=opslag_lines(values["opslag_per_vak"]),
        pb_deadline=values["pb_deadline"],
        # normalized, so the form shows 50 and 37,8 rather than 50,00 and 37,80
        **{name: values[name].normalize() for name in PARAMETER_FIELDS},
    )


def _kopieer_form(plek: Werkplek, schooljaar: Schooljaar, **options) -> KopieerForm:
    """The copy form; the sources offered are the board's schooljaren before ``schooljaar``."""
    form = KopieerForm(**options)
    earlier = [y for y in plek.schooljaren if y.start < schooljaar.start]
    form.bron.choices = [SelectChoice(str(y.id), y.code) for y in reversed(earlier)]
    return form


def _best_source(plek: Werkplek, schooljaar: Schooljaar, in_use: dict[int, int]) -> int | None:
    """The copy form's first choice: the latest earlier year with a taakbeleid at the school.

    A year made but never filled in (no taakbeleid) has nothing to copy; offering it first
    would lead the planner to a page saying exactly that.
    """
    earlier = [y for y in plek.schooljaren if y.start < schooljaar.start]
    with_beleid = [y for y in earlier if y.id in in_use]
    chosen = (with_beleid or earlier)[-1:] if earlier else []
    return chosen[0].id if chosen else None


def _next_start_year(plek: Werkplek) -> int:
    if plek.schooljaren:
        return schooljaren.next_start_year(plek.schooljaren)
    return SchooljaarPeriod.containing(date.today()).start_year


def _page(plek: Werkplek, form: TaakbeleidForm | None = None):
    schooljaar = plek.schooljaar
    context: dict = {"plek": plek, "labels": LABELS, "plain": nl_number}
    next_year = _next_start_year(plek)
    context["nieuw_form"] = NieuwSchooljaarForm(formdata=None, start_year=next_year)
    context["nieuw_code"] = SchooljaarPeriod(next_year).code
    context["in_use"] = taakbeleid.numbers_by_schooljaar(db(), plek.school.id)
    if schooljaar is not None:
        versions = taakbeleid.taakbeleid_versions(db(), plek.school.id, schooljaar.id)
        context.update(
            versions=versions,
            current=versions[0] if versions else None,
            values=taakbeleid.values_of(versions[0] if versions else None),
            made=taakbeleid.made_by(db(), versions),
            form=form or _taakbeleid_form(plek, schooljaar),
            existing=schooljaren.existing_setup(db(), plek.school, schooljaar),
            kopieer_form=_kopieer_form(
                plek,
                schooljaar,
                formdata=None,
                bron=_best_source(plek, schooljaar, context["in_use"]),
            ),
        )
    return render_template("planner/schooljaar/index.html", **context)


def _here(plek: Werkplek, schooljaar: Schooljaar):
    return redirect(url_for("planner.schooljaar", school=plek.school.id, jaar=schooljaar.id))


def _to_page():
    """The werkplek switcher on a page shown after a POST submits a GET to the same URL."""
    return redirect(url_for("planner.schooljaar", **request.args))


@bp.route("/schooljaar")
def schooljaar():
    return _page(werkplek())


@bp.route("/schooljaar/taakbeleid", methods=["GET", "POST"])
def schooljaar_taakbeleid():
    if request.method == "GET":
        return _to_page()
    plek = werkplek()
    year = require_schooljaar(plek)
    form = TaakbeleidForm()
    if not form.validate_on_submit():
        flash("Niet opgeslagen: verbeter de gemarkeerde velden.", "error")
        return _page(plek, form)
    values = {name: getattr(form, name).data for name in PARAMETER_FIELDS}
    values.update(pb_deadline=form.pb_deadline.data, toelichting=form.toelichting.data or "")
    try:
        values["opslag_per_vak"] = parse_opslag_lines(form.opslag_per_vak.data or "")
        beleid = taakbeleid.new_version(
            db(), plek.school, year, values, form.ingangsdatum.data, form.number.data
        )
    except taakbeleid.NewerVersion as error:
        # Show the other person's version rather than the old form again.
        db().rollback()
        flash(str(error), "error")
        return _here(plek, year)
    except Refused as error:
        db().rollback()
        flash(str(error), "error")
        return _page(plek, form)
    db().commit()
    flash(
        f"Versie {beleid.number} van het taakbeleid {year.code} is vastgesteld "
        f"(ingangsdatum {beleid.ingangsdatum:%d-%m-%Y}).",
        "success",
    )
    return _here(plek, year)


@bp.route("/schooljaar/nieuw", methods=["GET", "POST"])
def schooljaar_nieuw():
    if request.method == "GET":
        return _to_page()
    plek = werkplek()
    form = NieuwSchooljaarForm()
    if not form.validate_on_submit():
        abort(400)
    organisation = db().get(Organisation, plek.school.organisation_id)
    try:
        year = schooljaren.create_schooljaar(db(), organisation, form.start_year.data)
    except Refused as error:
        db().rollback()
        flash(str(error), "error")
        return redirect(url_for("planner.schooljaar", school=plek.school.id))
    db().commit()
    flash(
        f"Schooljaar {year.code} is aangemaakt. Neem hieronder het taakbeleid en de takenlijst "
        "over uit een eerder schooljaar, of stel ze zelf in.",
        "success",
    )
    return _here(plek, year)


@bp.route("/schooljaar/kopieren", methods=["GET", "POST"])
def schooljaar_kopieren():
    if request.method == "GET":
        return _to_page()
    plek = werkplek()
    target = require_schooljaar(plek)
    form = _kopieer_form(plek, target)
    if not form.validate_on_submit():
        flash("Kies het schooljaar waaruit u wilt overnemen.", "error")
        return _here(plek, target)
    source = db().scalar(
        select(Schooljaar).where(
            Schooljaar.id == form.bron.data,
            Schooljaar.organisation_id == plek.school.organisation_id,
        )
    )
    if source is None:
        abort(404)
    confirmed = form.bevestigd.data == "ja"
    try:
        if confirmed:
            plan = schooljaren.copy_previous(db(), plek.school, target, source, form.toewijzen.data)
        else:
            plan = schooljaren.plan_copy(db(), plek.school, target, source, form.toewijzen.data)
    except Refused as error:
        db().rollback()
        flash(str(error), "error")
        return _here(plek, target)
    if not confirmed:
        form.bevestigd.data = "ja"
        return render_template("planner/schooljaar/kopieren.html", plek=plek, plan=plan, form=form)
    db().commit()
    flash(
        f"Overgenomen uit {source.code}: "
        + (f"taakbeleid versie {plan.taakbeleid.number}, " if plan.taakbeleid else "")
        + f"{len(plan.groups)} taakgroepen, {len(plan.tasks)} taken"
        + (f", {len(plan.assignments)} taaktoewijzingen" if plan.with_assignments else "")
        + ".",
        "success",
    )
    return _here(plek, target)
