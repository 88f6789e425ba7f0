"""A scheme's declared options as flat form fields, and back to the contract's ``choices``.

The what-if form, the request form and the planner's view of a request are built from
``scheme.options()`` alone, so a plugin scheme gets them without templates of its own. Each
option becomes one field (a ``list`` option one field per item), named so that it is a valid
form field name; :func:`waarden` and :func:`keuzes` translate between the two shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jaartaak.domain.scheme import Option

NUMBER_KINDS = frozenset({"hours", "amount", "list"})
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Veld:
    """One form field of an option: the option itself, and for a list option the item."""

    name: str
    option: Option
    item: str | None
    label: str

    @property
    def is_number(self) -> bool:
        return self.option.kind in NUMBER_KINDS

    @property
    def unit(self) -> str:
        if self.option.kind == "list":
            return "uur" if self.option.amount == "hours" else "€"
        return "€" if self.option.kind == "amount" else "uur"


def _field_name(*parts: str) -> str:
    return "__".join(part.replace(".", "_").replace("-", "_") for part in parts)


def velden(options: Iterable[Option]) -> list[Veld]:
    """The fields for ``options``, in their declared order."""
    fields: list[Veld] = []
    for option in options:
        if option.kind == "list":
            fields.extend(
                Veld(_field_name(option.key, item), option, item, label)
                for item, label in option.choices.items()
            )
        else:
            fields.append(Veld(_field_name(option.key), option, None, option.label))
    return fields


def get_path(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


def set_path(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def waarden(fields: Sequence[Veld], choices: Mapping) -> dict[str, Any]:
    """Form data from a contract ``choices``: Decimals for numbers (0 when absent), else text."""
    values: dict[str, Any] = {}
    for veld in fields:
        option = veld.option
        found = get_path(choices, option.key)
        if option.kind == "list":
            entries = found if isinstance(found, list) else []
            values[veld.name] = sum(
                (
                    Decimal(str(entry.get(option.amount, "0")))
                    for entry in entries
                    if isinstance(entry, Mapping) and entry.get(option.item) == veld.item
                ),
                ZERO,
            )
        elif option.kind in NUMBER_KINDS:
            values[veld.name] = Decimal(str(found)) if found is not None else ZERO
        elif found is not None:
            values[veld.name] = str(found)
        else:
            # An absent level is its lowest step ("geen"), so the form shows it chosen.
            values[veld.name] = "0" if option.kind == "level" and "0" in option.choices else ""
    return values


def _text(value: Decimal) -> str:
    return format(value, "f")


def keuzes(fields: Sequence[Veld], values: Mapping[str, Any]) -> dict:
    """The contract ``choices`` from form data. A list keeps only the items with a number above 0;
    a ``level`` is an integer, as the contract has it."""
    choices: dict = {}
    for veld in fields:
        option = veld.option
        value = values.get(veld.name)
        if option.kind == "list":
            entries = get_path(choices, option.key)
            if entries is None:
                entries = []
                set_path(choices, option.key, entries)
            if value:
                entries.append({option.item: veld.item, option.amount: _text(value)})
        elif option.kind in NUMBER_KINDS:
            set_path(choices, option.key, _text(value or ZERO))
        elif value not in (None, ""):
            set_path(choices, option.key, int(value) if option.kind == "level" else str(value))
    return choices


def samenvatting(fields: Sequence[Veld], choices: Mapping) -> list[tuple[Veld, Any]]:
    """The chosen values worth showing: numbers above 0, and the label of each chosen choice.

    A choice whose option is a ``level`` of 0 hides the choices of the same group (the
    aanvulling's mode means nothing without an aanvulling)."""
    values = waarden(fields, choices)
    shown: list[tuple[Veld, Any]] = []
    groups_off = {
        veld.option.key.rsplit(".", 1)[0]
        for veld in fields
        if veld.option.kind == "level" and values[veld.name] in ("", "0")
    }
    for veld in fields:
        value = values[veld.name]
        if veld.is_number:
            if value:
                shown.append((veld, value))
        elif value and veld.option.key.rsplit(".", 1)[0] not in groups_off:
            shown.append((veld, veld.option.choices.get(value, value)))
    return shown
