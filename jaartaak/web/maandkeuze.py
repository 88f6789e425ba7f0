"""The month-by-month choice form of an IKB-style scheme, for the employee's Mijn budget.

One entry at a time: a month that is still open, a product the scheme declares, and the
amount (or hours, for products the scheme counts in hours). The engine checks the whole year
with the new entry, so overspending is refused with the scheme's own message naming what was
available; an entry of an open month can be removed again.
"""

from __future__ import annotations

from datetime import date

from flask import flash, request
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from jaartaak.domain.periods import Month
from jaartaak.services import maandkeuzes
from jaartaak.services.regelingen import Stand
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.formatting import maand
from jaartaak.web.forms import DutchDecimalField, DutchForm, VersionField
from jaartaak.web.opslaan import carry_out

#: The ``actie`` of the two forms on the page.
KIES, SCHRAP = "kies", "schrap"


class MaandKeuzeForm(DutchForm):
    #: Not checked against the open months here: the service refuses a closed month with its
    #: deadline, which says more than "not a valid choice".
    maand = SelectField("Maand", validate_choice=False)
    product = SelectField("Besteden aan")
    aantal = DutchDecimalField(
        "Bedrag (€) of uren", [InputRequired(message="Vul een bedrag of aantal uren in.")]
    )
    version = VersionField(validators=[Optional()])


class SchrapForm(DutchForm):
    index = HiddenField()
    version = VersionField(validators=[Optional()])


def forms_for(current: Stand, today: date) -> tuple[MaandKeuzeForm, SchrapForm]:
    products = maandkeuzes.products_of(current.scheme)
    form = MaandKeuzeForm(prefix="maandkeuze")
    open_months = maandkeuzes.open_months(current, today)
    form.maand.choices = [SelectChoice(m.code, maand(m)) for m in open_months]
    form.product.choices = [SelectChoice(k, v) for k, v in products.products.items()]
    version = current.keuze.version if current.keuze else None
    if not form.is_submitted():
        form.version.data = version
    schrap = SchrapForm(prefix="schrap")
    schrap.version.data = version
    return form, schrap


def entry_of(current: Stand, form: MaandKeuzeForm) -> dict:
    products = maandkeuzes.products_of(current.scheme)
    field = products.unit_field(form.product.data)
    return {"month": form.maand.data, "product": form.product.data, field: str(form.aantal.data)}


def handle_post(person, current: Stand, form: MaandKeuzeForm, schrap: SchrapForm, today: date):
    """Carry out the posted form; True when something was posted (the caller redirects)."""
    target = current.keuze.id if current.keuze else None
    posted = request.form.get("actie")
    if posted == SCHRAP and schrap.validate_on_submit():
        if not (schrap.index.data or "").isdigit():
            return True
        index = int(schrap.index.data)
        outcome = carry_out(
            lambda: maandkeuzes.schrap_maand(
                db(), person, current, index, today, schrap.version.data, registry()
            ),
            "regeling_keuze",
            target,
        )
        if outcome is None:
            flash("De keuze is geschrapt.", "success")
        return True
    if posted == KIES and not form.validate_on_submit():
        messages = [error for errors in form.errors.values() for error in errors]
        flash("Niet opgeslagen: " + " ".join(messages), "error")
        return True
    if posted == KIES:
        entry = entry_of(current, form)
        outcome = carry_out(
            lambda: maandkeuzes.kies_maand(
                db(), person, current, entry, today, form.version.data, registry()
            ),
            "regeling_keuze",
            target,
        )
        if outcome is None:
            flash(f"Uw keuze voor {maand(Month.parse(entry['month']))} is vastgelegd.", "success")
        return True
    return False


def entries_view(current: Stand, today: date) -> list[dict]:
    """The stored entries for the page: month, product label, number and unit, removable."""
    products = maandkeuzes.products_of(current.scheme)
    open_codes = {m.code for m in maandkeuzes.open_months(current, today)}
    rows = []
    for index, entry in enumerate(maandkeuzes.entries_of(current)):
        product = entry.get("product", "")
        rows.append(
            {
                "index": index,
                "month": entry.get("month", ""),
                "product": products.products.get(product, product),
                "amount": entry.get(products.unit_field(product), ""),
                "unit": "uur" if product in products.in_hours else "€",
                "open": entry.get("month") in open_codes,
            }
        )
    return sorted(rows, key=lambda row: (row["month"], row["index"]))
