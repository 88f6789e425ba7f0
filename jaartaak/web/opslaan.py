"""Saving a change from any page the same way: commit once, or roll back and say why.

A service change runs, then the view commits once. A refusal (``Refused``) or a form that was
rendered before someone else saved (``StaleDataError``) rolls everything back and tells the
user why; for a stale save the message names the other change, from the audit log.

The services check uniqueness themselves and refuse in Dutch; the database's unique indexes
catch the rare save that raced another between that check and the commit, which is then treated
as stale too.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from jaartaak.services.concurrency import stale_message
from jaartaak.services.errors import Refused
from jaartaak.web.database import db

REFUSED = "refused"
STALE = "stale"
RACED = (
    "Iemand anders heeft intussen hetzelfde opgeslagen (bijvoorbeeld dezelfde taak aan dezelfde "
    "medewerker gegeven). Uw wijziging is niet opgeslagen; bekijk de gegevens opnieuw."
)


def carry_out(change: Callable[[], object], table_name: str, record_id: int | None) -> str | None:
    """Run ``change`` and commit: None when saved, else REFUSED or STALE (flashed, rolled back)."""
    session = db()
    try:
        change()
        session.commit()
    except StaleDataError:
        session.rollback()
        flash(stale_message(session, table_name, record_id or 0), "error")
        return STALE
    except IntegrityError:
        session.rollback()
        flash(RACED, "error")
        return STALE
    except Refused as error:
        session.rollback()
        flash(str(error), "error")
        return REFUSED
    return None
