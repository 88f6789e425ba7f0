"""``jaartaak settle``: the time-driven steps due by a day are recorded once, the employee hears
of a lapse, settling again (or for an earlier day) changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import MappingProxyType

import pytest
from sqlalchemy import func, select

from jaartaak.domain.periods import CalendarYear
from jaartaak.domain.results import Book, Unit
from jaartaak.domain.scheme import RuleVersion, begin
from jaartaak.models import Afwikkeling, AuditEntry, Melding, RegelingGebruik
from jaartaak.services import afwikkeling

from support import run_cli
from support_regeling import employee_under_test_regeling

JULY = date(2026, 7, 1)


class LapsingScheme:
    """40 of 100 leave hours deposited on 1 January lapse on 1 July (when ``as_of`` reaches
    it): the smallest scheme with a time-driven step."""

    id = "verval-test"
    title = "Vervaltest"
    period_kind = "kalenderjaar"
    required_totals = ("left",)
    extra_fields = ()
    pot_labels = MappingProxyType({"verlof": "Verlofpot"})

    def rule_versions(self):
        return (RuleVersion("verval-1", "Test", CalendarYear(2020), None, {}),)

    def options(self):
        return ()

    def calculate(self, scenario):
        result, _problems, _rules = begin(self, scenario)
        book = Book(result)
        year = scenario.period.year
        book.ledger(date(year, 1, 1), "verlof", Unit.HOURS, Decimal(100), "storting", "s")
        left = Decimal(100)
        lapse = date(year, 7, 1)
        if scenario.as_of is None or lapse <= scenario.as_of:
            book.ledger(lapse, "verlof", Unit.HOURS, Decimal(-40), "verval", "v")
            left -= 40
        book.line("left", "Over", Unit.HOURS, left, "100 − verval", "test", total="left")
        return result


@pytest.fixture
def registry(app, database):
    person = employee_under_test_regeling(app, database)  # login "zorg"
    registry = app.extensions["jaartaak"].schemes
    registry.schemes[LapsingScheme.id] = LapsingScheme()
    with database.session() as session:
        session.scalar(select(RegelingGebruik)).scheme = LapsingScheme.id
    return {"registry": registry, "person": person}


def _settle(database, registry, day):
    with database.session() as session:
        return afwikkeling.settle(session, registry["registry"], day)


def _row(database):
    with database.session() as session:
        row = session.scalar(select(Afwikkeling).where(Afwikkeling.periode == "2026"))
        return None if row is None else (row.tot_en_met, row.totalen["left"], len(row.stappen))


def _counts(database):
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Melding)),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )


def test_steps_due_are_recorded_once_and_a_lapse_is_told(database, registry):
    first = _settle(database, registry, date(2026, 6, 15))
    assert first.vastgelegd == 2 and first.meldingen == 0  # 2025 and 2026; a deposit is no news
    assert _row(database) == (date(2026, 6, 15), "100.00", 1)
    before = _counts(database)
    again = _settle(database, registry, date(2026, 6, 15))
    assert again.vastgelegd == 0 and _counts(database) == before  # nothing at all changes
    lapsed = _settle(database, registry, date(2026, 7, 2))
    assert lapsed.meldingen == 1
    assert _row(database) == (date(2026, 7, 2), "60.00", 2)
    with database.session() as session:
        notice = session.scalars(select(Melding).order_by(Melding.id.desc())).first()
        assert notice.tekst == "Verlofpot: 40,00 uur, verval op 01-07-2026."
    earlier = _settle(database, registry, date(2026, 6, 20))
    assert earlier.vastgelegd == 0 and _row(database) == (date(2026, 7, 2), "60.00", 2)


def test_a_first_settling_does_not_tell_old_news(database, registry):
    result = _settle(database, registry, date(2026, 11, 1))  # July is months ago
    assert result.meldingen == 0 and _row(database) == (date(2026, 11, 1), "60.00", 2)


def test_jaartaak_settle(app, database, registry):
    done = run_cli(app, "settle", "--date", "2026-07-02")
    assert done.exit_code == 0, done.output
    assert "Afgewikkeld tot en met 2026-07-02: " in done.output and "2 vastgelegd" in done.output
    again = run_cli(app, "settle", "--date", "2026-07-02")
    assert "0 vastgelegd, 0 meldingen verstuurd" in again.output
    wrong = run_cli(app, "settle", "--date", "2026-02-30")
    assert wrong.exit_code == 1 and "'2026-02-30' is geen datum" in wrong.output
