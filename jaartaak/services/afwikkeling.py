"""``jaartaak settle --date``: apply the time-driven steps due by a day, for every employee.

The schemes compute time-driven steps themselves from the contract's ``as_of``: a default
when nobody chose by the deadline, leave that lapses, savings that convert to money, payouts,
the values fixed on a peildatum. Settling records, per employee and period, the steps due by
the day (ledger entries and payroll lines) and the totals as they stood then, and tells the
employee about steps that change what they have (a lapse, a conversion, a payout from a pot).

Settling is idempotent: the steps are recorded with a digest, so running it again for the same
day changes nothing, and a day before the one already settled is left alone. Periods looked at
are the one containing the day and the one before it (whose horizon may reach into this one).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.domain import calc
from jaartaak.domain.results import Result
from jaartaak.models import DEFAULT_SCHEME, Afwikkeling, Employee, Organisation, Schooljaar
from jaartaak.services import bronnen, meldingen, regelingen
from jaartaak.services.charts import uren

#: Ledger kinds that change what an employee has without anyone acting: they get a notice.
NOTICE_KINDS = frozenset({"verval", "vervallen", "omzetting", "uitbetaling", "waardefixatie"})
UNIT_WORDS = {"hours": "uur", "eur": "euro"}
#: On a first settling, steps of the last month are news; older ones are not.
NEWS_DAYS = 31


@dataclass
class Verslag:
    """What a settle run did, for the command's output."""

    bekeken: int = 0
    vastgelegd: int = 0
    meldingen: int = 0
    geweigerd: list[str] = field(default_factory=list)


def steps_of(result: Result, day: date) -> list[dict]:
    """The ledger entries and payroll lines of ``result`` due by ``day``, as contract JSON."""
    data = result.to_json()
    ledger = [e for e in data["ledger"] if e["date"] <= day.isoformat()]
    payroll = [
        {"month": p["month"], "code": p["code"], "amount": p["amount"]}
        for p in data["payroll"]
        if f"{p['month']}-01" <= day.isoformat()
    ]
    return [*({"ledger": entry} for entry in ledger), *({"payroll": line} for line in payroll)]


def _digest(steps: list[dict], totals: dict) -> str:
    text = json.dumps({"steps": steps, "totals": totals}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _notice(entry: dict, labels: dict) -> str:
    amount = uren(abs(Decimal(entry["amount"])))
    unit = UNIT_WORDS.get(entry["unit"], entry["unit"])
    pot = labels.get(entry["pot"], entry["pot"])
    day = date.fromisoformat(entry["date"]).strftime("%d-%m-%Y")
    return f"{pot}: {amount} {unit}, {entry['kind']} op {day}."


def _record(session, person, scheme, period_code: str, day: date, result, verslag) -> None:
    verslag.bekeken += 1
    if not result.ok:
        verslag.geweigerd.append(
            f"{person.full_name} ({person.code}), {period_code}: {result.errors[0].message}"
        )
        return
    steps = steps_of(result, day)
    row = session.scalar(
        select(Afwikkeling).where(
            Afwikkeling.employee_id == person.id,
            Afwikkeling.scheme == scheme.id,
            Afwikkeling.periode == period_code,
        )
    )
    if row is None and not steps:
        return
    if row is not None and day <= row.tot_en_met:
        return  # settled up to this day (or later) already: nothing changes
    totals = result.to_json()["totals"]
    digest = _digest(steps, totals)
    before = list(row.stappen) if row is not None else []
    since = row.tot_en_met if row is not None else day - timedelta(days=NEWS_DAYS)
    if row is None:
        row = Afwikkeling(employee=person, scheme=scheme.id, periode=period_code)
        session.add(row)
    row.tot_en_met, row.stappen, row.totalen, row.digest = day, steps, totals, digest
    verslag.vastgelegd += 1
    labels = dict(getattr(scheme, "pot_labels", {}))
    for entry in _news(steps, before, since):
        users = meldingen.notify_employee(session, person.id, _notice(entry, labels))
        verslag.meldingen += len(users)


def _news(steps: list[dict], before: list[dict], since: date) -> list[dict]:
    """The new steps worth a notice: a lapse, conversion or payout dated after ``since`` (the
    day settled before; for a first settling, a month back: older steps are no news)."""
    return [
        step["ledger"]
        for step in steps
        if "ledger" in step
        and step not in before
        and step["ledger"]["kind"] in NOTICE_KINDS
        and step["ledger"]["date"] > since.isoformat()
    ]


def _cao_vo(session, organisation, employees, day, registry, verslag) -> None:
    years = list(
        session.scalars(
            select(Schooljaar)
            .where(Schooljaar.organisation_id == organisation.id, Schooljaar.start <= day)
            .order_by(Schooljaar.start.desc())
            .limit(2)
        )
    )
    scheme = registry.schemes[DEFAULT_SCHEME]
    for year in years:
        for person, scenario in bronnen.scenarios(session, employees, year, registry):
            data = {**scenario, "as_of": day.isoformat()}
            result = calc.calculate(data, registry.schemes)
            _record(session, person, scheme, year.code, day, result, verslag)


def _plugin(session, organisation, employees, day, registry, verslag) -> None:
    scheme_id = regelingen.scheme_id_of(session, organisation.id)
    scheme = registry.schemes.get(scheme_id)
    if scheme is None:
        verslag.geweigerd.append(
            f"{organisation.name}: de regeling '{scheme_id}' is niet geïnstalleerd."
        )
        return
    current = regelingen.PERIOD_TYPES[scheme.period_kind].containing(day)
    standen = regelingen.Standen(session, scheme, registry, employees)
    for period in (current.shifted(-1), current):
        for person in employees:
            data = {**standen.scenario(person, period), "as_of": day.isoformat()}
            result = calc.calculate(data, registry.schemes)
            _record(session, person, scheme, period.code, day, result, verslag)


def settle(session: Session, registry, day: date) -> Verslag:
    """Apply and record the time-driven steps due by ``day`` for every employee."""
    verslag = Verslag()
    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)):
        employees = list(
            session.scalars(
                select(Employee)
                .where(Employee.organisation_id == organisation.id)
                .order_by(Employee.id)
            )
        )
        if not employees:
            continue
        if regelingen.scheme_id_of(session, organisation.id) == DEFAULT_SCHEME:
            _cao_vo(session, organisation, employees, day, registry, verslag)
        else:
            _plugin(session, organisation, employees, day, registry, verslag)
    return verslag
