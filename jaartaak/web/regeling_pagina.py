"""What the Mijn and HR pages of a plugin scheme share: the period from ``?periode=`` and the
budget part of the page (lines, months, pots, timeline, payroll)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import abort, request

from jaartaak.domain.results import Result
from jaartaak.models import Gebeurtenis
from jaartaak.services import budget, charts, maandoverzicht, regelingen
from jaartaak.web.formatting import datum, euro, hours, maand


def chosen_period(scheme) -> tuple[list, object]:
    """The periods offered and the one ``?periode=`` names (404 for another), else the middle
    one: the current period."""
    options = regelingen.periods(scheme, date.today())
    wanted = request.args.get("periode") or options[len(options) // 2].code
    found = next((p for p in options if p.code == wanted), None)
    if found is None:
        abort(404)
    return options, found


def budget_context(scheme, result: Result) -> dict:
    """The template variables of ``mijn/_budget.html`` for ``result``."""
    view = budget.budget_of(scheme, result)
    maanden = maandoverzicht.overzicht_of(scheme, result)
    return {
        "event_rows": event_rows,
        "result": result,
        "budget": view,
        "timeline": charts.tranches_timeline_svg(view.tranches, date.today()),
        "maanden": maanden,
        "maanden_svg": charts.pots_over_year_svg(maanden),
    }


@dataclass(frozen=True)
class EventRow:
    """A recorded event as people read it: when (a day, or a month for monthly types), the
    type's label and its fields with their labels, in euro, hours or the choice's label."""

    event: Gebeurtenis
    when: str
    label: str
    details: str


def _field_text(option, value) -> str:
    if option.kind == "choice":
        return option.choices.get(value, value)
    if option.kind == "hours":
        return f"{hours(Decimal(str(value)))} uur"
    return euro(Decimal(str(value)))


def event_rows(scheme, events: list[Gebeurtenis]) -> list[EventRow]:
    kinds = {kind.key: kind for kind in regelingen.event_types(scheme)}
    rows = []
    for event in events:
        kind = kinds.get(event.soort)
        if kind is None:  # a type the scheme no longer declares: show what is stored
            details = ", ".join(f"{key}: {value}" for key, value in event.gegevens.items())
            rows.append(EventRow(event, datum(event.datum), event.soort, details))
            continue
        fields = [
            f"{option.label}: {_field_text(option, event.gegevens[option.key])}"
            for option in kind.fields
            if option.key in event.gegevens
        ]
        when = maand(event.datum) if kind.when == "month" else datum(event.datum)
        rows.append(EventRow(event, when, kind.label, ", ".join(fields)))
    return rows
