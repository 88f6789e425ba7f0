"""Monthly choices under an IKB-style scheme (the Benefit Budget …): add or remove one entry.

Such a scheme declares ``monthly_products`` (:class:`~jaartaak.domain.scheme.MonthlyProducts`)
and its ``choices`` is one list of ``{month, product, amount | hours}`` for the period. A month
can be chosen for until the scheme's ``month_deadline(month, settings)`` (its payroll cut-off);
after that its entries stay as they are. Every change goes through the engine with the whole
year, so spending more than a month has available is refused with the scheme's message, which
names the amount that was available.
"""

from __future__ import annotations

from datetime import date

from jaartaak.domain.periods import Month
from jaartaak.services import regelingen
from jaartaak.services.errors import Refused
from jaartaak.services.regelingen import Stand


def products_of(scheme):
    """The scheme's declared monthly products, or None for a scheme that chooses otherwise."""
    return getattr(scheme, "monthly_products", None)


def deadline(current: Stand, month: Month) -> date:
    return current.scheme.month_deadline(month, current.settings)


def open_months(current: Stand, today: date) -> list[Month]:
    """The months of the period the employee can still choose for, in order."""
    return [m for m in current.period.months() if today <= deadline(current, m)]


def entries_of(current: Stand) -> list[dict]:
    """The stored entries of the period (an empty list before the first choice)."""
    stored = current.keuze.keuzes if current.keuze else []
    return list(stored) if isinstance(stored, list) else []


def _refuse_closed(current: Stand, code: str, today: date) -> None:
    try:
        month = Month.parse(code)
    except ValueError as error:
        raise Refused(f"Geen geldige maand: {code}.") from error
    if month not in current.period.months():
        raise Refused(f"{code} valt niet in {current.period.code}.")
    last_day = deadline(current, month)
    if today > last_day:
        raise Refused(
            f"Kiezen voor {code} kon tot en met {last_day:%d-%m-%Y}; die maand is afgesloten."
        )


def kies_maand(session, person, current: Stand, entry: dict, today, version, registry):
    """Add ``entry`` (``{month, product, amount | hours}``) to the period's choices."""
    _refuse_closed(current, str(entry.get("month", "")), today)
    choices = [*entries_of(current), entry]
    return regelingen.kies(session, person, current, choices, today, version, registry)


def schrap_maand(session, person, current: Stand, index: int, today, version, registry):
    """Remove entry ``index`` of an open month (a later month may then be short: refused)."""
    choices = entries_of(current)
    if not 0 <= index < len(choices):
        raise Refused("Deze keuze bestaat niet (meer); bekijk de pagina opnieuw.")
    _refuse_closed(current, str(choices[index].get("month", "")), today)
    del choices[index]
    return regelingen.kies(session, person, current, choices, today, version, registry)
