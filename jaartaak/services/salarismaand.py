"""The payroll of a month: every line the engine books in that month for an organisation's
employees, under whatever scheme they fall, and closing the month.

An open month is computed from what is stored now. A closed month is what was exported, kept
unchanged (:mod:`jaartaak.models.salaris`). When the facts of a closed month change later (a
corrected choice, an appointment ended with retroactive effect), the next open month — the
month after the last closed one — carries correction lines for the difference, each naming the
month it corrects; once that month is closed, the corrections are part of what was paid, so
they are never paid twice.

A line of month M can come from the period containing M or from the period before it (a
schooljaar's rest paid in a later month, a GGZ rest paid in January), so both are computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jaartaak.domain import calc
from jaartaak.domain.periods import Month
from jaartaak.domain.results import Result
from jaartaak.models import (
    DEFAULT_SCHEME,
    Employee,
    Salarisafsluiting,
    SalarisregelOpgeslagen,
    Schooljaar,
    User,
)
from jaartaak.services import bronnen, regelingen
from jaartaak.services.errors import Refused

ZERO = Decimal("0.00")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(moment: datetime) -> datetime:
    """A stored moment in Dutch time (SQLite hands back UTC without a zone)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM)


@dataclass(frozen=True)
class Salarisregel:
    """One line for payroll: who, under which scheme, which payroll code, how much."""

    employee_id: int
    personeelsnummer: str
    naam: str
    school: str
    regeling: str
    looncode: str
    bedrag: Decimal
    pensioengevend: bool
    omschrijving: str
    #: For a correction: the month it corrects (``2026-11``).
    correctie_van: str | None = None

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.employee_id, self.regeling, self.looncode)


@dataclass
class Salarismaand:
    """The payroll month of one organisation, as shown, exported and closed."""

    month: Month
    organisation_id: int
    closed: bool
    gesloten_op: datetime | None
    regels: list[Salarisregel]
    problemen: list[str] = field(default_factory=list)
    gesloten_door: str | None = None
    #: Whether this is the month after the last closed one (it carries the corrections).
    next_to_close: bool = False

    @property
    def totals(self) -> dict[str, Decimal]:
        """The total per payroll code, in code order."""
        sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for regel in self.regels:
            sums[regel.looncode] += regel.bedrag
        return dict(sorted(sums.items()))

    @property
    def total(self) -> Decimal:
        return sum((regel.bedrag for regel in self.regels), ZERO)


def _regel(
    person: Employee,
    regeling: str,
    code: str,
    bedrag,
    pensioengevend,
    omschrijving,
    correctie_van: str | None = None,
) -> Salarisregel:
    """A line for ``person`` as they are now (number, name, school)."""
    return Salarisregel(
        person.id,
        person.code,
        person.sort_name,
        person.school.name,
        regeling,
        code,
        bedrag,
        pensioengevend,
        omschrijving,
        correctie_van,
    )


def _line(person: Employee, regeling: str, payroll_line) -> Salarisregel:
    return _regel(
        person,
        regeling,
        payroll_line.code,
        payroll_line.amount,
        payroll_line.pensionable,
        payroll_line.label,
    )


class _Uitkomst(NamedTuple):
    """What the payroll keeps of an employee-year: its payroll lines, or why it was refused.
    Not the whole answer: an organisation's thousands of answers would only weigh on memory."""

    payroll: tuple
    refusal: str | None

    @classmethod
    def of(cls, result: Result) -> _Uitkomst:
        if result.ok:
            return cls(tuple(result.payroll), None)
        return cls((), result.errors[0].message)


class _Engine:
    """Computes an organisation's payroll lines for some months, each period only once: also
    across calls (the open month, then the closed months its corrections compare with)."""

    def __init__(self, session: Session, organisation_id: int, registry) -> None:
        self.session = session
        self.organisation_id = organisation_id
        self.registry = registry
        self.scheme_id = regelingen.scheme_id_of(session, organisation_id)
        self.employees = list(
            session.scalars(
                select(Employee)
                .where(Employee.organisation_id == organisation_id)
                .order_by(Employee.last_name, Employee.first_name, Employee.id)
                .options(selectinload(Employee.school))
            )
        )
        self.problems: list[str] = []
        #: Per period code, per employee id: what the payroll keeps of the answer.
        self._computed: dict[str, dict[int, _Uitkomst]] = {}
        self._standen: regelingen.Standen | None = None

    def lines(self, months: Iterable[Month]) -> dict[Month, list[Salarisregel]]:
        wanted = sorted(set(months))
        found: dict[Month, list[Salarisregel]] = {month: [] for month in wanted}
        if not wanted or not self.employees:
            return found
        if self.scheme_id == DEFAULT_SCHEME:
            computed = self._cao_vo(wanted)
        else:
            computed = self._plugin(wanted)
        for person, regeling, line in computed:
            if line.month in found:
                found[line.month].append(_line(person, regeling, line))
        return found

    def _outcomes(self, code: str, regeling: str, start: date, end: date, months: list[Month]):
        """The lines of period ``code`` (``start`` … ``end``), noting a refusal when the period
        overlaps one of ``months``."""
        for person in self.employees:
            outcome = self._computed[code][person.id]
            if outcome.refusal is None:
                for line in outcome.payroll:
                    yield person, regeling, line
            elif any(m.first_day <= end and start <= m.last_day for m in months):
                self.problems.append(
                    f"{person.full_name} ({person.code}), {code}: de berekening wordt geweigerd "
                    f"({outcome.refusal}); er gaan geen regels naar de salarisadministratie."
                )

    def _cao_vo(self, months: list[Month]):
        first = months[0].first_day - timedelta(days=366)
        last = months[-1].last_day
        years = self.session.scalars(
            select(Schooljaar)
            .where(
                Schooljaar.organisation_id == self.organisation_id,
                Schooljaar.start <= last,
                Schooljaar.end_date >= first,
            )
            .order_by(Schooljaar.start)
        )
        for year in years:
            if year.code not in self._computed:
                scenarios = bronnen.scenarios(self.session, self.employees, year, self.registry)
                self._computed[year.code] = {
                    person.id: _Uitkomst.of(calc.calculate(data, self.registry.schemes))
                    for person, data in scenarios
                }
            yield from self._outcomes(year.code, DEFAULT_SCHEME, year.start, year.end_date, months)

    def _plugin(self, months: list[Month]):
        scheme = self.registry.schemes.get(self.scheme_id)
        if scheme is None:
            self.problems.append(
                f"De regeling '{self.scheme_id}' van deze organisatie is niet geïnstalleerd; "
                "er zijn geen salarisregels te berekenen."
            )
            return
        kind = regelingen.PERIOD_TYPES[scheme.period_kind]
        periods = set()
        for month in months:
            current = kind.containing(month.first_day)
            periods |= {current, current.shifted(-1)}
        if self._standen is None:
            self._standen = regelingen.Standen(self.session, scheme, self.registry, self.employees)
        for period in sorted(periods):
            if period.code not in self._computed:
                self._computed[period.code] = {
                    person.id: _Uitkomst.of(self._standen.stand(person, period).result)
                    for person in self.employees
                }
            yield from self._outcomes(period.code, scheme.id, period.start, period.end, months)


def afsluitingen(session: Session, organisation_id: int) -> list[Salarisafsluiting]:
    """The organisation's closed months, oldest first."""
    return list(
        session.scalars(
            select(Salarisafsluiting)
            .where(Salarisafsluiting.organisation_id == organisation_id)
            .order_by(Salarisafsluiting.maand)
        )
    )


def next_open_month(closed: list[Salarisafsluiting]) -> Month | None:
    """The month after the last closed one; None before the first close."""
    return Month.parse(closed[-1].maand).next() if closed else None


def _stored(row: SalarisregelOpgeslagen) -> Salarisregel:
    return Salarisregel(
        row.employee_id,
        row.personeelsnummer,
        row.naam,
        row.school,
        row.regeling,
        row.looncode,
        row.bedrag,
        row.pensioengevend,
        row.omschrijving,
        row.correctie_van,
    )


def _corrections(closed: list[Salarisafsluiting], engine: _Engine) -> list[Salarisregel]:
    """What the closed months should have paid, as computed now, minus what they paid
    (their own lines plus the corrections already paid for them), per employee, scheme and
    code."""
    paid: dict[str, dict[tuple, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    exported: dict[tuple, str] = {}  # what the closed month called the line
    for afsluiting in closed:
        for row in afsluiting.regels:
            corrected = row.correctie_van or afsluiting.maand
            key = (row.employee_id, row.regeling, row.looncode)
            paid[corrected][key] += row.bedrag
            if row.correctie_van is None:
                exported[(afsluiting.maand, key)] = row.omschrijving
    months = [Month.parse(a.maand) for a in closed]
    now = engine.lines(months)
    people = {person.id: person for person in engine.employees}
    corrections = []
    for month in months:
        should: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
        labels: dict[tuple, str] = {}
        for regel in now[month]:
            should[regel.key] += regel.bedrag
            labels.setdefault(regel.key, regel.omschrijving)
        had = paid[month.code]
        for key in sorted(set(should) | set(had)):
            difference = should[key] - had[key]
            person = people.get(key[0])
            if not difference or person is None:
                continue
            label = labels.get(key) or exported.get((month.code, key), key[2])
            corrections.append(
                _regel(
                    person,
                    key[1],
                    key[2],
                    difference,
                    False,
                    f"Correctie {month.code}: {label}",
                    month.code,
                )
            )
    return corrections


def salarismaand(
    session: Session,
    organisation_id: int,
    month: Month,
    registry,
    school_ids: set[int] | None = None,
) -> Salarismaand:
    """The payroll of ``month``: stored when closed, else computed (with the corrections, in
    the month after the last closed one). ``school_ids`` limits the lines to those schools."""
    closed = afsluitingen(session, organisation_id)
    this = next((a for a in closed if a.maand == month.code), None)
    if this is not None:
        regels = [_stored(row) for row in this.regels]
        door = this.gesloten_door.display_name if this.gesloten_door else None
        view = Salarismaand(month, organisation_id, True, this.gesloten_op, regels, [], door)
    else:
        engine = _Engine(session, organisation_id, registry)
        regels = engine.lines([month])[month]
        upcoming = next_open_month(closed)
        if upcoming == month:
            regels += _corrections(closed, engine)
        view = Salarismaand(month, organisation_id, False, None, regels, engine.problems)
        view.next_to_close = upcoming is None or upcoming == month
    if school_ids is not None:
        allowed = set(
            session.scalars(
                select(Employee.id).where(
                    Employee.organisation_id == organisation_id,
                    Employee.school_id.in_(school_ids),
                )
            )
        )
        view.regels = [regel for regel in view.regels if regel.employee_id in allowed]
    view.regels.sort(key=lambda r: (r.naam, r.personeelsnummer, r.correctie_van or "", r.looncode))
    return view


def sluit(
    session: Session,
    organisation_id: int,
    month: Month,
    user: User | None,
    registry,
    today: date,
    now: datetime,
) -> Salarisafsluiting:
    """Close ``month``: store exactly its lines. Months close in order, and only once they have
    begun; a month that is closed already is refused (nothing changes)."""
    closed = afsluitingen(session, organisation_id)
    done = next((a for a in closed if a.maand == month.code), None)
    if done is not None:
        raise AlAfgesloten(done)
    upcoming = next_open_month(closed)
    if upcoming is not None and month != upcoming:
        raise Refused(
            f"Sluit de maanden op volgorde: eerst {upcoming.code} (de maand na de laatst "
            f"afgesloten maand), dan pas {month.code}."
        )
    if month.first_day > today:
        raise Refused(f"{month.code} is nog niet begonnen en kan nog niet worden afgesloten.")
    view = salarismaand(session, organisation_id, month, registry)
    afsluiting = Salarisafsluiting(
        organisation_id=organisation_id, maand=month.code, gesloten_op=now, gesloten_door=user
    )
    session.add(afsluiting)
    for regel in view.regels:
        afsluiting.regels.append(
            SalarisregelOpgeslagen(
                employee_id=regel.employee_id,
                personeelsnummer=regel.personeelsnummer,
                naam=regel.naam,
                school=regel.school,
                regeling=regel.regeling,
                looncode=regel.looncode,
                bedrag=regel.bedrag,
                pensioengevend=regel.pensioengevend,
                omschrijving=regel.omschrijving[:300],
                correctie_van=regel.correctie_van,
            )
        )
    return afsluiting


class AlAfgesloten(Refused):
    """Closing a month twice: harmless, nothing changes (the message says when it was)."""

    def __init__(self, afsluiting: Salarisafsluiting) -> None:
        self.afsluiting = afsluiting
        when = amsterdam(afsluiting.gesloten_op).strftime("%d-%m-%Y %H:%M")
        super().__init__(f"{afsluiting.maand} is al afgesloten op {when}; er is niets veranderd.")
