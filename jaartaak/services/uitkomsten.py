"""The school overview's numbers: computed once per distinct input, then read back.

The overview shows, for every employee of a school, a few totals and the engine's warnings.
Computing 250 jaartaken on every page view takes most of a second, so the summary of each
answer is stored under a key: the SHA-256 of the complete input (the
:class:`~jaartaak.services.bronnen.Bron` it is built from, and the earlier years' choices
behind the history) together with the fingerprint of the code that computes
(:attr:`~jaartaak.plugins.SchemeRegistry.fingerprint`).

Any changed fact (a lesson, a task's hours, a choice in an earlier year, a new taakbeleid
version, an upgrade of jaartaak or a plugin) gives a new key. So a stored summary cannot be
stale and nothing ever has to be invalidated: there is no list of "what affects what" to keep
up to date. Entries older than :data:`BEWAARTERMIJN` are pruned whenever new ones are written;
one still in use is then simply computed again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jaartaak.db import utcnow
from jaartaak.domain import calc
from jaartaak.domain.reading import Issue
from jaartaak.domain.results import Result
from jaartaak.models import Employee, Rekenuitkomst, Schooljaar
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import berekening
from jaartaak.services.bronnen import Bron, bronnen, scenario_van

log = logging.getLogger(__name__)

#: Raise when the stored summary changes shape: older entries are then no longer found.
FORMAAT = 1
BEWAARTERMIJN = timedelta(days=60)
#: The engine totals the overview shows.
TOTALEN = ("wtf", "netto_jaartaak", "lesgebonden", "taken", "saldo")
_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


@dataclass(frozen=True)
class Samenvatting:
    """What the overview needs of one answer: totals (None if not computed) and the issues."""

    totals: dict[str, Decimal | None]
    warnings: tuple[Issue, ...] = ()
    errors: tuple[Issue, ...] = ()

    @classmethod
    def of(cls, result: Result) -> Samenvatting:
        totals = {}
        for key in TOTALEN:
            value = berekening.total_of(result, key)
            totals[key] = value if isinstance(value, Decimal) else None
        return cls(totals, tuple(result.warnings), tuple(result.errors))

    def to_json(self) -> dict:
        def issues(items: tuple[Issue, ...]) -> list[list[str | None]]:
            return [[issue.code, issue.message, issue.field] for issue in items]

        return {
            "totalen": {k: None if v is None else str(v) for k, v in self.totals.items()},
            "waarschuwingen": issues(self.warnings),
            "fouten": issues(self.errors),
        }

    @classmethod
    def from_json(cls, data: dict) -> Samenvatting:
        def issues(items: list[list[str | None]]) -> tuple[Issue, ...]:
            return tuple(Issue(code, message, field) for code, message, field in items)

        return cls(
            totals={k: None if v is None else Decimal(v) for k, v in data["totalen"].items()},
            warnings=issues(data["waarschuwingen"]),
            errors=issues(data["fouten"]),
        )


def sleutel(registry: SchemeRegistry, bron: Bron, vroeger: tuple) -> str:
    """The key of an answer: a digest of everything it is computed from, code included.

    ``repr`` of plain tuples is exact (Decimal('5.00') stays distinct from Decimal('5')).
    """
    text = repr((FORMAAT, registry.fingerprint, vroeger)) + bron.key_text()
    return hashlib.sha256(text.encode()).hexdigest()


def _stored(session: Session, keys: set[str]) -> dict[str, Samenvatting]:
    rows = session.connection().execute(
        select(Rekenuitkomst.sleutel, Rekenuitkomst.samenvatting).where(
            Rekenuitkomst.sleutel.in_(keys)
        )
    )
    return {key: Samenvatting.from_json(data) for key, data in rows}


def _store(session: Session, new: dict[str, Samenvatting]) -> None:
    """Write new entries and prune old ones, in a transaction of their own.

    Not the caller's transaction: the overview is a GET that commits nothing, and a failed or
    rolled-back request must not take the results with it. Two requests storing the same key
    at once is harmless (the second insert is ignored). A database that refuses the write (read
    only, locked too long) costs speed, not the page: it is logged and the page goes on.
    """
    engine = session.get_bind()
    now = utcnow()
    statement = _INSERT[engine.dialect.name](Rekenuitkomst).on_conflict_do_nothing(
        index_elements=[Rekenuitkomst.sleutel]
    )
    rows = [
        {"sleutel": key, "samenvatting": item.to_json(), "aangemaakt": now}
        for key, item in new.items()
    ]
    try:
        with engine.begin() as connection:
            connection.execute(statement, rows)
            connection.execute(
                delete(Rekenuitkomst).where(Rekenuitkomst.aangemaakt < now - BEWAARTERMIJN)
            )
    except SQLAlchemyError:
        log.warning("rekenuitkomsten niet opgeslagen", exc_info=True)


def samenvattingen(
    session: Session,
    employees: list[Employee],
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
) -> dict[int, Samenvatting]:
    """The summary of every employee's jaartaak in ``schooljaar``, keyed by employee id.

    A fixed number of statements whatever the number of employees: the facts
    (:func:`~jaartaak.services.bronnen.bronnen`), the earlier choices, one lookup, and only
    when something was not stored yet, one insert and one prune.
    """
    sources = bronnen(session, employees, schooljaar)
    vroeger = berekening.earlier_keuzes(session, employees, schooljaar)
    keys = {e.id: sleutel(registry, sources[e.id], vroeger.get(e.id, ())) for e in employees}
    stored = _stored(session, set(keys.values()))
    new: dict[str, Samenvatting] = {}
    crashed: dict[str, Samenvatting] = {}
    for person in employees:
        key = keys[person.id]
        if key in stored or key in new or key in crashed:
            continue
        data = scenario_van(sources[person.id], vroeger.get(person.id), registry)
        result = calc.calculate(data, registry.schemes)
        # A scheme that raised is shown but never kept: the fault may be passing.
        failed = any(error.code == calc.SCHEME_FAILED for error in result.errors)
        (crashed if failed else new)[key] = Samenvatting.of(result)
    if new:
        _store(session, new)
    found = {**new, **crashed}
    return {e.id: stored.get(keys[e.id]) or found[keys[e.id]] for e in employees}
