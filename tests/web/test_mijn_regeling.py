"""An employee under a plugin scheme: the generic budget page, choosing before the deadline,
the effect of events, and a scheme that is not installed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from jaartaak.models import Gebeurtenis, RegelingKeuze
from jaartaak.services import regelingen

from support import csrf_token, logged_in, table_rows
from support_regeling import TEST_REGELING, employee_under_test_regeling

NEXT = str(date.today().year + 1)
LAST = str(date.today().year - 1)


@pytest.fixture
def person(app, database):
    return employee_under_test_regeling(app, database)


def _choose(client, period: str, option: str, version: str = ""):
    path = f"/mijn/budget?periode={period}"
    data = {"csrf_token": csrf_token(client, path), "option": option, "version": version}
    return client.post(path, data=data, follow_redirects=True)


def test_the_budget_page_follows_the_scheme(client, person):
    logged_in(client, "zorg")
    assert client.get("/mijn/").headers["Location"].endswith("/mijn/budget")
    page = client.get(f"/mijn/budget?periode={NEXT}").get_data(as_text=True)
    assert "Testregeling" in page
    assert 'href="/mijn/wat-als"' not in page  # the CAO VO's pages are not offered
    row = page.split('id="regel-budget">')[1].split("</tr>")[0]
    assert "1000 × 0.6667" in row and "666,67" in row and "art. 1" in row
    assert "€ 666,67" in page.replace("\xa0", " ")
    assert 'value="geld"' in page and 'value="pot"' in page
    assert "Kiezen kan tot en met 30 juni" in page


def test_a_choice_before_the_deadline_is_stored_and_changes_the_budget(client, database, person):
    logged_in(client, "zorg")
    page = _choose(client, NEXT, "pot").get_data(as_text=True)
    assert f"Uw keuze voor {NEXT} is vastgelegd." in page
    assert table_rows(page, "spaarpotten") == ["Testpot € 666,67"]
    with database.session() as session:
        keuze = session.scalar(select(RegelingKeuze))
        assert keuze.keuzes == {"option": "pot", "chosen_on": date.today().isoformat()}
        assert keuze.periode == NEXT and keuze.gekozen_op == date.today()
    page = _choose(client, NEXT, "geld", version="1").get_data(as_text=True)
    assert "niets via de salarisadministratie" not in page
    assert "Budget in geld" in page
    stale = _choose(client, NEXT, "pot", version="1").get_data(as_text=True)
    assert "Niet opgeslagen" in stale  # the form showed version 1; it is 2 now


def test_after_the_deadline_nothing_is_stored(client, database, person):
    logged_in(client, "zorg")
    page = client.get(f"/mijn/budget?periode={LAST}").get_data(as_text=True)
    assert "De termijn om te kiezen" in page and 'value="pot"' not in page
    refused = _choose(client, LAST, "pot").get_data(as_text=True)
    assert f"Kiezen voor {LAST} kon tot en met 30-06-{LAST}" in refused
    with database.session() as session:
        assert session.scalar(select(RegelingKeuze)) is None


def test_events_reach_the_answer_and_an_overdraft_is_an_error(client, database, person):
    with database.session() as session:
        session.add(
            RegelingKeuze(
                employee_id=person,
                scheme=TEST_REGELING.id,
                periode=NEXT,
                keuzes={"option": "pot"},
                gekozen_op=date.today(),
            )
        )
        session.add(
            Gebeurtenis(
                employee_id=person,
                scheme=TEST_REGELING.id,
                periode=NEXT,
                datum=date(int(NEXT), 9, 1),
                soort="opname",
                gegevens={"amount": "100.00"},
            )
        )
    logged_in(client, "zorg")
    page = client.get(f"/mijn/budget?periode={NEXT}").get_data(as_text=True)
    assert table_rows(page, "spaarpotten") == ["Testpot € 566,67"]
    assert (
        table_rows(page, "gebeurtenissen")[0] == f"1 sep {NEXT} Opname uit de pot Bedrag: € 100,00"
    )
    with database.session() as session:
        session.add(
            Gebeurtenis(
                employee_id=person,
                scheme=TEST_REGELING.id,
                periode=NEXT,
                datum=date(int(NEXT), 10, 1),
                soort="opname",
                gegevens={"amount": "600"},
            )
        )
    page = client.get(f"/mijn/budget?periode={NEXT}").get_data(as_text=True)
    assert "<strong>saldo.onvoldoende</strong>" in page and 'id="spaarpotten"' not in page


def test_a_scheme_that_is_not_installed_is_named_not_crashed(client, database, person, app):
    del app.extensions["jaartaak"].schemes.schemes[TEST_REGELING.id]
    logged_in(client, "zorg")
    page = client.get("/mijn/budget").get_data(as_text=True)
    assert "de regeling <code>test-regeling</code>, maar die is in deze installatie niet" in page


def test_a_period_outside_the_offered_ones_is_not_found(client, person):
    logged_in(client, "zorg")
    assert client.get("/mijn/budget?periode=1999").status_code == 404


def test_the_scenario_holds_only_the_fields_the_scheme_declares(database, person):
    with database.session() as session:
        from jaartaak.models import Employee

        employee = session.get(Employee, person)
        data = regelingen.employee_json(TEST_REGELING, employee, {})
        assert data == {
            "birth_date": "1980-01-01",
            "fulltime_weekly_hours": "36",
            "appointments": [{"start": "2010-01-01", "end": None, "weekly_hours": "24.00"}],
        }
        employee.fulltime_weekly_hours = None
        week = regelingen.employee_json(TEST_REGELING, employee, {"fulltime_weekly_hours": "38"})
        assert week["fulltime_weekly_hours"] == "38"
        assert week["appointments"][0]["weekly_hours"] == "25.33"  # 0.6667 × 38, rounded
