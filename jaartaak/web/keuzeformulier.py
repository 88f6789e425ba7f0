"""A form built from a scheme's declared options (:mod:`jaartaak.services.opties`).

The what-if and the request share it, so whatever an employee can simulate they can also ask
for. A plugin scheme gets the form from its ``options()`` without a template of its own.
"""

from __future__ import annotations

from functools import cache

from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from jaartaak.domain.scheme import Scheme
from jaartaak.services import opties
from jaartaak.services.verzoeken import MAX_TOELICHTING
from jaartaak.web.engine import registry
from jaartaak.web.forms import DutchDecimalField, DutchForm, VersionField

NUMBER = [Optional(), NumberRange(min=0, message="Vul 0 of meer in.")]


class KeuzeForm(DutchForm):
    """Base of the generated forms: the fields of :func:`velden` plus the request's text."""

    velden: tuple[opties.Veld, ...] = ()
    toelichting = TextAreaField(
        "Toelichting voor de planner (niet verplicht)",
        [Optional(), Length(max=MAX_TOELICHTING)],
    )
    actie = StringField()
    #: The version of the stored choice the form showed (forms that store directly use it).
    version = VersionField(validators=[Optional()])

    def load(self, choices: dict) -> None:
        """Fill the fields from a contract ``choices`` (the current plan, a request)."""
        for name, value in opties.waarden(self.velden, choices).items():
            self[name].data = value

    def choices(self) -> dict:
        """The contract ``choices`` the employee filled in; an empty number is 0."""
        return opties.keuzes(self.velden, {veld.name: self[veld.name].data for veld in self.velden})


def _field(veld: opties.Veld):
    option = veld.option
    if veld.is_number:
        return DutchDecimalField(veld.label, NUMBER, description=option.help)
    choices = [SelectChoice(key, label) for key, label in option.choices.items()]
    return RadioField(
        veld.label, choices=choices, default=choices[0].value, description=option.help
    )


@cache
def keuze_form_class(scheme: Scheme) -> type[KeuzeForm]:
    """The form class for ``scheme`` (made once per scheme)."""
    fields = tuple(opties.velden(scheme.options()))
    attrs = {veld.name: _field(veld) for veld in fields}
    return type(f"KeuzeForm_{scheme.id}", (KeuzeForm,), {"velden": fields, **attrs})


def groups(form: KeuzeForm) -> list[tuple[object, list]]:
    """The form's fields per option, in declared order, for a fieldset each."""
    grouped: dict[str, tuple[object, list]] = {}
    for veld in form.velden:
        grouped.setdefault(veld.option.key, (veld.option, []))[1].append((veld, form[veld.name]))
    return list(grouped.values())


def keuze_samenvatting(scheme_id: str, choices: dict) -> list[tuple[opties.Veld, object]]:
    """Template global: a request's choices as (field, value) pairs worth showing."""
    scheme = registry().schemes.get(scheme_id)
    if scheme is None:
        return []
    return opties.samenvatting(keuze_form_class(scheme).velden, choices)
