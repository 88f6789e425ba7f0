"""Demo Netbeheer with the Benefit Budget plugin installed: the seeded year is valid and starts
from a beginstand, the employee chooses month by month and sees the reserves change, HR sees the
recorded facts and adds overtime. Without the plugin there is no Demo Netbeheer (and these
tests have nothing to test)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from jaartaak.domain.periods import CalendarYear
from jaartaak.models import Employee, Organisation, RegelingKeuze, User
from jaartaak.services import regelingen
from jaartaak.services.demo import seed_demo
from jaartaak.services.demo.netbeheer import NETBEHEER_ORGANISATION, NETBEHEER_SCHEME

from support import DEMO_PASSWORD, TODAY, csrf_token, logged_in, table_rows

NEXT = str(date.today().year + 1)


@pytest.fixture
def netbeheer(app, database):
    registry = app.extensions["jaartaak"].schemes
    if NETBEHEER_SCHEME not in registry.schemes:
        pytest.skip("de plugin jaartaak-benefit-budget is niet geïnstalleerd")
    with database.session() as session:
        logins = seed_demo(session, TODAY, DEMO_PASSWORD, registry)
    return {login.username for login in logins}


def _people(session):
    board = session.scalar(select(Organisation).where(Organisation.name == NETBEHEER_ORGANISATION))
    return list(session.scalars(select(Employee).where(Employee.organisation_id == board.id)))


def test_the_demo_has_a_valid_benefit_budget_year(app, database, netbeheer):
    assert {"netbeheer-medewerker", "netbeheer-hr"} <= netbeheer
    registry = app.extensions["jaartaak"].schemes
    scheme = registry.schemes[NETBEHEER_SCHEME]
    year = CalendarYear.containing(TODAY)
    with database.session() as session:
        people = _people(session)
        assert len(people) == 15
        answers = [regelingen.stand(session, p, scheme, year, registry) for p in people]
        assert [a.result.errors for a in answers] == [[]] * 15
        assert all(a.beginstand is not None and a.history_note is None for a in answers)
        assert sum(1 for a in answers if a.keuze) >= 12
        first = answers[0]
        opening = first.beginstand.history["opening_balances"]["reserve_may"]
        assert opening != "0.00"  # last year's June–December holiday allowance
        may = [p for p in first.result.payroll if p.code == "bb-uitkering-mei"]
        if date(TODAY.year, 5, 1) <= TODAY:
            assert may and may[0].amount > Decimal(opening)


def test_the_employee_chooses_per_month_and_the_reserve_follows(client, database, netbeheer):
    logged_in(client, "netbeheer-medewerker")
    path = f"/mijn/budget?periode={NEXT}"
    before = table_rows(client.get(path).get_data(as_text=True), "maanden")[1].split()

    def choose(product, aantal):
        data = {
            "csrf_token": csrf_token(client, path),
            "actie": "kies",
            "maandkeuze-maand": f"{NEXT}-02",
            "maandkeuze-product": product,
            "maandkeuze-aantal": aantal,
            "maandkeuze-version": "",
        }
        return client.post(path, data=data, follow_redirects=True).get_data(as_text=True)

    page = choose("geld", "100")
    assert f"Uw keuze voor februari {NEXT} is vastgelegd." in page
    after = table_rows(page, "maanden")[1].split()
    assert before[:4] == after[:4]  # the same accrual
    assert after[5] == "100,00"  # spent
    refused = choose("geld", "99999")
    assert "De keuze is niet opgeslagen" in refused and "beschikbaar is €" in refused
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "netbeheer-medewerker"))
        keuze = session.scalar(
            select(RegelingKeuze).where(
                RegelingKeuze.employee_id == user.employee_id, RegelingKeuze.periode == NEXT
            )
        )
        assert keuze.keuzes == [{"month": f"{NEXT}-02", "product": "geld", "amount": "100.00"}]


def test_hr_sees_the_facts_and_adds_overtime(client, database, netbeheer):
    with database.session() as session:
        person = _people(session)[0]
    logged_in(client, "netbeheer-hr")
    path = f"/salaris/medewerkers/{person.id}/regeling?periode={NEXT}"
    page = client.get(path).get_data(as_text=True)
    assert "Collectieve zorgverzekering met aanvullend pakket" in page
    assert 'id="feiten-veld_3" name="feiten-veld_3" type="checkbox" value="y"' in page
    data = {
        "csrf_token": csrf_token(client, path),
        "soort_form": "werkgever-toevoeging",
        "werkgever-toevoeging-maand": f"{NEXT}-03",
        "werkgever-toevoeging-veld_code": "overwerk",
        "werkgever-toevoeging-veld_amount": "250",
    }
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert f"Toevoeging door de werkgever voor maart {NEXT} vastgelegd." in page
    assert table_rows(page, "maanden")[2].split()[3] == "770,00"  # 520.00 + 250.00
