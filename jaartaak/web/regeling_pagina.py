"""What the Mijn and HR pages of a plugin scheme share: the period from ``?periode=`` and the
budget part of the page (lines, months, pots, timeline, payroll)."""

from __future__ import annotations

from datetime import date

from flask import abort, request

from jaartaak.domain.results import Result
from jaartaak.services import budget, charts, maandoverzicht, regelingen


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
        "result": result,
        "budget": view,
        "timeline": charts.tranches_timeline_svg(view.tranches, date.today()),
        "maanden": maanden,
        "maanden_svg": charts.pots_over_year_svg(maanden),
    }
