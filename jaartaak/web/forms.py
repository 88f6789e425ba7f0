"""Form fields shared by the web pages: numbers and dates as a Dutch planner types them.

WTForms' own DecimalField reads only "0.8" and shows Decimals with a point; a Dutch planner types
"0,8" and expects to see it back that way. These fields accept both and never go through float.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import DateField, Field, IntegerField
from wtforms.meta import DefaultMeta
from wtforms.widgets import HiddenInput, TextInput

_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


class DutchForm(FlaskForm):
    """A FlaskForm whose built-in messages ("Vul dit veld in", lengths, choices) are Dutch.

    Flask-WTF only translates through Flask-Babel, which the app does not use; WTForms ships
    its own Dutch messages, so the form asks for those.
    """

    class Meta:
        locales = ("nl_NL", "nl")

        def get_translations(self, form):
            return DefaultMeta.get_translations(self, form)


class DutchDecimalField(Field):
    """A Decimal typed as "0,8" or "0.8" (no thousands separator), with at most ``places``.

    The value is shown back with a comma. Empty input gives ``None``; make the field required
    with ``InputRequired``/``DataRequired`` or ``Optional`` as usual.
    """

    widget = TextInput()

    def __init__(self, label=None, validators=None, places: int = 2, **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.places = places

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format(self.data, "f").replace(".", ",")

    def process_formdata(self, valuelist: list[str]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        if not _NUMBER.match(text):
            self.data = None
            raise ValueError(f"'{text}' is geen getal; schrijf bijvoorbeeld 0,8.")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as error:  # pragma: no cover - the pattern already excludes it
            self.data = None
            raise ValueError(f"'{text}' is geen getal.") from error
        if -number.as_tuple().exponent > self.places and number != round(number, self.places):
            self.data = None
            raise ValueError(f"Gebruik hoogstens {self.places} decimalen.")
        self.data = number.quantize(Decimal(1).scaleb(-self.places))


class DutchDateField(DateField):
    """A date from the browser's date picker (2026-08-01) or typed as 01-08-2026."""

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        kwargs.setdefault("format", ["%Y-%m-%d", "%d-%m-%Y"])
        kwargs.setdefault("invalid_value_message", "Geen geldige datum; schrijf dd-mm-jjjj.")
        super().__init__(label, validators, **kwargs)


class VersionField(IntegerField):
    """The hidden ``version`` an edit form was rendered with (for ``expect_version``)."""

    widget = HiddenInput()
