"""HR under a monthly choice budget: the scheme's facts per employee, the beginstand of the
first year, employer additions dated by month, and what earlier years carry over."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from jaartaak.domain.periods import CalendarYear
from jaartaak.models import (
    Employee,
    Gebeurtenis,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingKeuze,
)
from jaartaak.services import regelingen

from support import csrf_token, logged_in, table_rows
from support_regeling import TEST_MAANDBUDGET, employee_under_test_maandbudget

YEAR = date.today().year
NEXT, LAST = str(YEAR + 1), str(YEAR - 1)


@pytest.fixture
def person(app, database):
    return employee_under_test_maandbudget(app, database)


def _page(person, period):
    return f"/salaris/medewerkers/{person}/regeling?periode={period}"


def _post(client, person, period, what, data):
    path = f"/salaris/medewerkers/{person}/regeling/{what}?periode={period}"
    token = csrf_token(client, _page(person, period))
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=True)


def _stand(app, database, person, year):
    with database.session() as session:
        employee = session.get(Employee, person)
        registry = app.extensions["jaartaak"].schemes
        return regelingen.stand(session, employee, TEST_MAANDBUDGET, CalendarYear(year), registry)


def test_hr_records_the_schemes_facts_and_they_reach_the_answer(app, client, database, person):
    logged_in(client, "maand-hr")
    page = client.get(_page(person, NEXT)).get_data(as_text=True)
    assert "Toeslag per maand" in page and "Extra €10 per maand" in page
    data = {"feiten-veld_0": "25,50", "feiten-veld_1": "y", "feiten-version": ""}
    page = _post(client, person, NEXT, "feiten", data).get_data(as_text=True)
    assert "Gegevens voor de regeling opgeslagen." in page
    with database.session() as session:
        row = session.scalar(select(RegelingFeiten))
        assert row.feiten == {"toeslag": "25.50", "extra": True}
    stand = _stand(app, database, person, YEAR + 1)
    assert stand.scenario["employee"]["toeslag"] == "25.50"
    assert stand.scenario["employee"]["part_time_factor"] == "1.0000"
    assert stand.result.totals["months"][0]["accrued_eur"] == "135.50"
    # Unticked and emptied: the scheme's defaults again; a stale form changes nothing.
    _post(client, person, NEXT, "feiten", {"feiten-veld_0": "", "feiten-version": "1"})
    stale = _post(client, person, NEXT, "feiten", {"feiten-veld_0": "9", "feiten-version": "1"})
    assert "Gegevens voor de regeling opgeslagen." not in stale.get_data(as_text=True)
    with database.session() as session:
        assert session.scalar(select(RegelingFeiten)).feiten == {"extra": False}


def test_a_beginstand_is_carried_into_the_next_years(app, client, database, person):
    logged_in(client, "maand-hr")
    page = client.get(_page(person, LAST)).get_data(as_text=True)
    assert f"Er is geen beginstand voor {LAST} vastgelegd" in page
    negative = {"beginstand-veld_0": "-5", "beginstand-version": ""}
    refused = _post(client, person, LAST, "beginstand", negative).get_data(as_text=True)
    assert "Niet opgeslagen: Reserve op 1 januari: vul 0 of meer in." in refused
    data = {"beginstand-veld_0": "500", "beginstand-version": ""}
    page = _post(client, person, LAST, "beginstand", data).get_data(as_text=True)
    assert f"Beginstand van {LAST} opgeslagen." in page
    with database.session() as session:
        row = session.scalar(select(RegelingBeginstand))
        assert (row.periode, row.history) == (LAST, {"opening_balances": {"reserve": "500.00"}})
    this_year = _stand(app, database, person, YEAR)
    assert this_year.history_note is None
    assert this_year.scenario["history"] == {"opening_balances": {"reserve": "1700.00"}}
    assert this_year.result.totals["reserve_eur"].amount == Decimal("2900.00")


def test_a_year_with_choices_starts_the_chain_and_a_correction_shows_up_later(
    app, database, person
):
    with database.session() as session:
        session.add(
            RegelingKeuze(
                employee_id=person,
                scheme=TEST_MAANDBUDGET.id,
                periode=LAST,
                keuzes=[{"month": f"{LAST}-02", "product": "geld", "amount": "50.00"}],
                gekozen_op=date(YEAR - 1, 2, 1),
            )
        )
    stand = _stand(app, database, person, YEAR)
    assert stand.scenario["history"] == {"opening_balances": {"reserve": "1150.00"}}
    assert f"Er is geen beginstand voor {LAST} vastgelegd" in stand.history_note
    with database.session() as session:
        keuze = session.scalar(select(RegelingKeuze))
        keuze.keuzes = [{"month": f"{LAST}-02", "product": "geld", "amount": "80.00"}]
    stand = _stand(app, database, person, YEAR)
    assert stand.scenario["history"] == {"opening_balances": {"reserve": "1120.00"}}
    with database.session() as session:  # an earlier year the scheme now refuses: said so
        keuze = session.scalar(select(RegelingKeuze))
        keuze.keuzes = [{"month": f"{LAST}-02", "product": "geld", "amount": "5000.00"}]
    note = _stand(app, database, person, YEAR).history_note
    assert note.startswith(f"De berekening van {LAST} wordt geweigerd (In {LAST}-02 is € 200.00")
    assert note.endswith(f"wat {YEAR} daaruit meekrijgt, is daarom niet zeker.")


def test_an_employee_who_joined_this_year_needs_no_beginstand(app, database):
    person = employee_under_test_maandbudget(app, database, start=date(YEAR, 1, 1))
    stand = _stand(app, database, person, YEAR)
    assert stand.history_note is None and "history" not in stand.scenario


def test_an_employer_addition_is_dated_by_month(app, client, database, person):
    logged_in(client, "maand-hr")
    page = client.get(_page(person, NEXT)).get_data(as_text=True)
    assert f'<option value="{NEXT}-04">april {NEXT}</option>' in page
    path = _page(person, NEXT)
    data = {
        "csrf_token": csrf_token(client, path),
        "soort_form": "toevoeging",
        "toevoeging-maand": f"{NEXT}-04",
        "toevoeging-veld_code": "adv",
        "toevoeging-veld_amount": "50",
    }
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert f"Toevoeging voor april {NEXT} vastgelegd." in page
    assert table_rows(page, "gebeurtenissen") == [
        f"april {NEXT} Toevoeging Soort: ADV-uren, Bedrag: € 50,00 Verwijderen"
    ]
    with database.session() as session:
        event = session.scalar(select(Gebeurtenis))
        assert event.datum == date(YEAR + 1, 4, 1)
        assert event.gegevens == {"code": "adv", "amount": "50.00"}
    stand = _stand(app, database, person, YEAR + 1)
    assert stand.scenario["events"] == [
        {"month": f"{NEXT}-04", "type": "toevoeging", "code": "adv", "amount": "50.00"}
    ]
    assert stand.result.totals["months"][3]["accrued_eur"] == "150.00"


def test_an_employee_cannot_reach_the_hr_forms(client, person):
    logged_in(client, "maand")
    assert client.get(_page(person, NEXT)).status_code == 403
    token = csrf_token(client, f"/mijn/budget?periode={NEXT}")
    path = f"/salaris/medewerkers/{person}/regeling/feiten?periode={NEXT}"
    assert client.post(path, data={"csrf_token": token}).status_code == 403
