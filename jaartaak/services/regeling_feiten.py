"""What HR records for an employee under a plugin scheme besides events: the facts the scheme
declares (``employee_facts``: an allowance, insurance yes/no …) and the beginstand of a period
(``history_fields``: the reserves brought in on 1 January …).

Both are checked by the engine with the period on screen before they are stored, and both are
versioned, so two people editing at once do not overwrite each other silently.
"""

from __future__ import annotations

from jaartaak.db.base import expect_version
from jaartaak.domain import calc
from jaartaak.models import RegelingBeginstand, RegelingFeiten
from jaartaak.services import regelingen
from jaartaak.services.keuzes import ChoiceRefused
from jaartaak.services.regelingen import Stand


def history_fields(scheme) -> tuple:
    """The beginstand fields ``scheme`` declares (an optional ``history_fields``)."""
    return tuple(getattr(scheme, "history_fields", ()))


def _accepted(data: dict, registry, what: str) -> None:
    result = calc.calculate(data, registry.schemes)
    if result.errors:
        raise ChoiceRefused(list(result.errors), what)


def _versioned(row, version: int | None) -> None:
    """A first save expects no row; a later one the version the form showed."""
    expect_version(row if row is not None else RegelingFeiten(version=0), version)


def bewaar_feiten(session, person, current: Stand, values: dict, version, registry):
    """Store the scheme's facts for the employee (``values``: contract JSON values)."""
    employee = regelingen.employee_json(
        current.scheme, person, current.settings, current.period, values
    )
    _accepted({**current.scenario, "employee": employee}, registry, "Niet opgeslagen")
    row = current.feiten
    if row is None:
        if version is not None:
            _versioned(None, version)
        row = RegelingFeiten(employee=person, scheme=current.scheme.id, feiten=values)
        session.add(row)
    else:
        _versioned(row, version)
        row.feiten = values
    return row


def bewaar_beginstand(session, person, current: Stand, history: dict, version, registry):
    """Store what the employee brought into the period on screen (the contract's history)."""
    _accepted({**current.scenario, "history": history}, registry, "Niet opgeslagen")
    row = current.beginstand
    if row is None:
        if version is not None:
            _versioned(None, version)
        row = RegelingBeginstand(
            employee=person, scheme=current.scheme.id, periode=current.period.code, history=history
        )
        session.add(row)
    else:
        _versioned(row, version)
        row.history = history
    return row
