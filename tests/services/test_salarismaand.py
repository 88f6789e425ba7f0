"""The payroll month: computed lines, closing exactly what was exported, corrections for a
closed month in the next one, closing in order and only once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jaartaak.domain.periods import Month
from jaartaak.models import (
    Appointment,
    Employee,
    RegelingKeuze,
    Salarisafsluiting,
    SalarisregelOpgeslagen,
    User,
)
from jaartaak.services import salarismaand
from jaartaak.services.errors import Refused

from support import TODAY, run_cli
from support_regeling import TEST_MAANDBUDGET, employee_under_test_maandbudget

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MARCH, APRIL, MAY = Month(2025, 3), Month(2025, 4), Month(2025, 5)


@pytest.fixture
def maand(app, database):
    """An employee under the monthly test scheme who took €60.00 in March 2025."""
    person = employee_under_test_maandbudget(app, database)
    with database.session() as session:
        session.add(
            RegelingKeuze(
                employee_id=person,
                scheme=TEST_MAANDBUDGET.id,
                periode="2025",
                keuzes=[{"month": "2025-03", "product": "geld", "amount": "60.00"}],
                gekozen_op=date(2025, 3, 1),
            )
        )
        organisation_id = session.get(Employee, person).organisation_id
    return {"person": person, "organisation": organisation_id, "registry": app_registry(app)}


def app_registry(app):
    return app.extensions["jaartaak"].schemes


def _view(database, maand, month):
    with database.session() as session:
        return salarismaand.salarismaand(session, maand["organisation"], month, maand["registry"])


def _close(database, maand, month, today=TODAY):
    with database.session() as session:
        salarismaand.sluit(
            session, maand["organisation"], month, None, maand["registry"], today, NOW
        )


def _lines(view):
    return [(r.looncode, r.bedrag, r.correctie_van) for r in view.regels]


def test_an_open_month_is_computed_from_what_is_stored(database, maand):
    view = _view(database, maand, MARCH)
    assert not view.closed and view.next_to_close
    assert _lines(view) == [("test-geld", Decimal("60.00"), None)]
    assert view.totals == {"test-geld": Decimal("60.00")}
    assert _lines(_view(database, maand, APRIL)) == []


def test_a_closed_month_keeps_what_was_exported_and_the_next_corrects_it(database, maand):
    _close(database, maand, MARCH)
    with database.session() as session:  # the choice is corrected afterwards: €80.00
        keuze = session.scalar(select(RegelingKeuze))
        keuze.keuzes = [{"month": "2025-03", "product": "geld", "amount": "80.00"}]
    march = _view(database, maand, MARCH)
    assert march.closed and _lines(march) == [("test-geld", Decimal("60.00"), None)]
    april = _view(database, maand, APRIL)
    assert _lines(april) == [("test-geld", Decimal("20.00"), "2025-03")]
    assert april.regels[0].omschrijving == "Correctie 2025-03: Geld uit het maandbudget"
    _close(database, maand, APRIL)
    assert _lines(_view(database, maand, MAY)) == []  # paid once, never twice
    with database.session() as session:  # and back to €60.00: the correction is reversed
        keuze = session.scalar(select(RegelingKeuze))
        keuze.keuzes = [{"month": "2025-03", "product": "geld", "amount": "60.00"}]
    assert _lines(_view(database, maand, MAY)) == [("test-geld", Decimal("-20.00"), "2025-03")]


def test_closing_twice_changes_nothing(database, maand):
    _close(database, maand, MARCH)
    with pytest.raises(salarismaand.AlAfgesloten, match="2025-03 is al afgesloten op 23-11-2026"):
        _close(database, maand, MARCH)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Salarisafsluiting)) == 1
        assert session.scalar(select(func.count()).select_from(SalarisregelOpgeslagen)) == 1


def test_months_close_in_order_and_only_once_begun(database, maand):
    _close(database, maand, MARCH)
    with pytest.raises(Refused, match="eerst 2025-04"):
        _close(database, maand, MAY)
    with pytest.raises(Refused, match="2025-04 is nog niet begonnen"):
        _close(database, maand, APRIL, today=date(2025, 3, 31))
    assert not _view(database, maand, MAY).next_to_close


def test_an_appointment_ended_with_retroactive_effect_is_corrected(database, demo, app):
    """devries (57+) pays an eigen bijdrage every month; her appointment is ended back to
    31 August after September was closed, so October pays September's deduction back."""
    registry = app_registry(app)
    with database.session() as session:
        devries = session.scalar(select(User).where(User.username == "devries")).employee
        organisation = devries.organisation_id
        september = salarismaand.salarismaand(session, organisation, Month(2026, 9), registry)
        own = [r for r in september.regels if r.employee_id == devries.id]
        assert [r.looncode for r in own] == ["eigen-bijdrage-57plus"]
        withheld = own[0].bedrag
        assert withheld < 0
        salarismaand.sluit(session, organisation, Month(2026, 9), None, registry, TODAY, NOW)
    with database.session() as session:
        for appointment in session.scalars(
            select(Appointment).where(Appointment.employee_id == devries.id)
        ):
            if appointment.end_date is None or appointment.end_date > date(2026, 8, 31):
                appointment.end_date = date(2026, 8, 31)
    with database.session() as session:
        october = salarismaand.salarismaand(session, organisation, Month(2026, 10), registry)
        own = [r for r in october.regels if r.employee_id == devries.id]
        assert [(r.looncode, r.bedrag, r.correctie_van) for r in own] == [
            ("eigen-bijdrage-57plus", -withheld, "2026-09")
        ]
        assert own[0].omschrijving.startswith("Correctie 2026-09: Eigen bijdrage 57+-aanvulling")


def test_jaartaak_payroll_close(app, database, demo):
    """The command closes as the button does; twice is harmless; bad input is Dutch."""
    first = run_cli(app, "payroll", "close", "2026-09", "--organisatie", "Demo Scholengroep")
    assert first.exit_code == 0, first.output
    assert "Demo Scholengroep: 2026-09 afgesloten met " in first.output
    again = run_cli(app, "payroll", "close", "2026-09", "--organisatie", "Demo Scholengroep")
    assert again.exit_code == 0 and "2026-09 is al afgesloten op" in again.output
    skipped = run_cli(app, "payroll", "close", "2026-11", "--organisatie", "Demo Scholengroep")
    assert skipped.exit_code == 1 and "eerst 2026-10" in skipped.output
    wrong = run_cli(app, "payroll", "close", "2026-13", "--organisatie", "Demo Scholengroep")
    assert wrong.exit_code == 1 and "is geen maand" in wrong.output
    unknown = run_cli(app, "payroll", "close", "2026-10", "--organisatie", "Niemand")
    assert unknown.exit_code == 1 and "Organisatie 'Niemand' bestaat niet" in unknown.output
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Salarisafsluiting)) == 1
