"""An employee under a monthly choice budget (IKB style): the month-by-month table and chart,
adding and removing an entry for an open month, overspending refused with what is available,
closed months, stale forms, and what earlier years carry over."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from jaartaak.domain.periods import CalendarYear
from jaartaak.models import Employee, RegelingKeuze
from jaartaak.services import maandkeuzes, regelingen
from jaartaak.services.errors import Refused

from support import csrf_token, logged_in, table_rows
from support_regeling import TEST_MAANDBUDGET, employee_under_test_maandbudget

YEAR = date.today().year
NEXT, LAST = str(YEAR + 1), str(YEAR - 1)


@pytest.fixture
def person(app, database):
    return employee_under_test_maandbudget(app, database)


def _kies(client, period, month, product, aantal, version=""):
    path = f"/mijn/budget?periode={period}"
    data = {
        "csrf_token": csrf_token(client, path),
        "actie": "kies",
        "maandkeuze-maand": month,
        "maandkeuze-product": product,
        "maandkeuze-aantal": aantal,
        "maandkeuze-version": version,
    }
    return client.post(path, data=data, follow_redirects=True).get_data(as_text=True)


def _stored(database):
    with database.session() as session:
        keuze = session.scalar(select(RegelingKeuze))
        return (keuze.keuzes, keuze.version) if keuze else (None, None)


def test_the_page_shows_each_month_and_the_reserve_chart(client, person):
    logged_in(client, "maand")
    page = client.get(f"/mijn/budget?periode={NEXT}").get_data(as_text=True)
    rows = table_rows(page, "maanden")
    assert len(rows) == 12
    assert rows[0].split() == [
        "januari",
        NEXT,
        "€",
        "100,00",
        "€",
        "0,00",
        "€",
        "100,00",
        "€",
        "100,00",
        "€",
        "0,00",
    ]
    assert rows[-1].split()[-3:] == ["1.200,00", "€", "0,00"]  # the reserve at the end of December
    assert "Stand van de reserves aan het eind van elke maand" in page
    assert page.count("<polyline") == 1
    assert f'value="{NEXT}-01"' in page and f'value="{NEXT}-12"' in page  # every month is open
    assert ">Mijn budget</a>" in page.split("</header>")[0]  # no jaartaak under this scheme


def test_a_choice_for_an_open_month_is_stored_and_changes_that_month(client, database, person):
    logged_in(client, "maand")
    page = _kies(client, NEXT, f"{NEXT}-03", "geld", "60")
    assert f"Uw keuze voor maart {NEXT} is vastgelegd." in page, page[page.find("<main") :][:3000]
    keuzes, version = _stored(database)
    assert keuzes == [{"month": f"{NEXT}-03", "product": "geld", "amount": "60.00"}]
    march = table_rows(page, "maanden")[2].split()
    assert march[:6] == ["maart", NEXT, "€", "100,00", "€", "60,00"]
    assert table_rows(page, "maandkeuzes") == [f"{NEXT}-03 Geld € 60,00 Schrappen"]
    page = _kies(client, NEXT, f"{NEXT}-04", "verlof", "2,5", version=str(version))
    keuzes, version = _stored(database)
    assert keuzes[-1] == {"month": f"{NEXT}-04", "product": "verlof", "hours": "2.50"}
    assert table_rows(page, "maanden")[3].split()[5] == "25,00"


def test_overspending_is_refused_naming_what_is_available(client, database, person):
    logged_in(client, "maand")
    _kies(client, NEXT, f"{NEXT}-01", "geld", "40")
    _keuzes, version = _stored(database)
    page = _kies(client, NEXT, f"{NEXT}-02", "geld", "170", version=str(version))
    assert f"De keuze is niet opgeslagen: In {NEXT}-02 is € 160.00 beschikbaar." in page
    keuzes, same = _stored(database)
    assert keuzes == [{"month": f"{NEXT}-01", "product": "geld", "amount": "40.00"}]
    assert same == version


def test_an_entry_of_an_open_month_can_be_removed(client, database, person):
    logged_in(client, "maand")
    _kies(client, NEXT, f"{NEXT}-05", "geld", "10")
    _keuzes, version = _stored(database)
    path = f"/mijn/budget?periode={NEXT}"
    data = {
        "csrf_token": csrf_token(client, path),
        "actie": "schrap",
        "schrap-index": "0",
        "schrap-version": str(version),
    }
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert "De keuze is geschrapt." in page
    assert _stored(database)[0] == []


def test_closed_months_take_no_choice(client, database, person):
    logged_in(client, "maand")
    page = client.get(f"/mijn/budget?periode={LAST}").get_data(as_text=True)
    assert f"Alle maanden van {LAST} zijn afgesloten." in page
    assert 'id="maandkeuze-form"' not in page
    refused = _kies(client, LAST, f"{LAST}-01", "geld", "10")
    assert f"Kiezen voor {LAST}-01 kon tot en met 15-01-{LAST}; die maand is afgesloten." in refused
    empty = _kies(client, NEXT, f"{NEXT}-01", "geld", "")
    assert "Niet opgeslagen: Vul een bedrag of aantal uren in." in empty
    assert _stored(database) == (None, None)


def test_a_month_closes_on_the_schemes_deadline(app, database, person):
    registry = app.extensions["jaartaak"].schemes
    entry = {"month": f"{YEAR}-01", "product": "geld", "amount": "1"}
    with database.session() as session:
        employee = session.get(Employee, person)
        stand = regelingen.stand(session, employee, TEST_MAANDBUDGET, CalendarYear(YEAR), registry)
        on_time = maandkeuzes.kies_maand(
            session, employee, stand, entry, date(YEAR, 1, 15), None, registry
        )
        assert on_time.keuzes == [entry]
        with pytest.raises(Refused, match=f"Kiezen voor {YEAR}-01 kon tot en met 15-01-{YEAR}"):
            maandkeuzes.kies_maand(
                session, employee, stand, entry, date(YEAR, 1, 16), None, registry
            )
        session.rollback()


def test_a_stale_form_does_not_overwrite_a_newer_choice(client, database, person):
    logged_in(client, "maand")
    _kies(client, NEXT, f"{NEXT}-01", "geld", "10")
    _kies(client, NEXT, f"{NEXT}-02", "geld", "10", version="1")
    page = _kies(client, NEXT, f"{NEXT}-03", "geld", "10", version="1")  # showed version 1
    assert "Niet opgeslagen" in page or "Tegelijk gewijzigd" in page
    assert len(_stored(database)[0]) == 2
