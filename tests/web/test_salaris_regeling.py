"""HR records events under a plugin scheme: the engine accepts or refuses each, and only
employees of HR's own board can be reached."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from jaartaak.models import Employee, Gebeurtenis, Organisation, RegelingKeuze, Role
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD, csrf_token, logged_in, table_rows
from support_regeling import TEST_REGELING, employee_under_test_regeling

NEXT = str(date.today().year + 1)


@pytest.fixture
def person(app, database):
    return employee_under_test_regeling(app, database)


@pytest.fixture
def hr(app, database, person):
    """A salarisadministratie login "hr" for the board of ``person`` (see test_mijn_regeling)."""
    with database.session() as session:
        board = session.get(Organisation, session.get(Employee, person).organisation_id)
        user = create_user(session, "hr", DEMO_PASSWORD, display_name="HR", organisation=board)
        grant_role(session, user, Role.SALARIS, board)
        session.add(
            RegelingKeuze(
                employee_id=person,
                scheme=TEST_REGELING.id,
                periode=NEXT,
                keuzes={"option": "pot"},
                gekozen_op=date.today(),
            )
        )
    return person


def _record(client, employee_id: int, day: str, amount: str):
    path = f"/salaris/medewerkers/{employee_id}/regeling?periode={NEXT}"
    token = csrf_token(client, path)
    return client.post(
        path,
        data={
            "soort_form": "opname",
            "opname-csrf_token": token,
            "opname-datum": day,
            "opname-veld_amount": amount,
        },
        follow_redirects=True,
    )


def _count(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Gebeurtenis))


def test_hr_records_an_event_and_the_budget_follows(client, database, hr):
    logged_in(client, "hr")
    listing = client.get("/salaris/").get_data(as_text=True)
    assert f'href="/salaris/medewerkers/{hr}/regeling"' in listing
    page = _record(client, hr, f"{NEXT}-09-15", "150,00").get_data(as_text=True)
    assert f"Opname uit de pot op 15-09-{NEXT} vastgelegd." in page
    assert table_rows(page, "spaarpotten") == ["Testpot € 516,67"]
    assert "Opname uit de pot Bedrag: € 150,00" in table_rows(page, "gebeurtenissen")[0]


def test_an_event_the_engine_refuses_is_not_stored(client, database, hr):
    logged_in(client, "hr")
    page = _record(client, hr, f"{NEXT}-09-15", "700").get_data(as_text=True)
    assert "Niet vastgelegd: Er is meer opgenomen dan er in de pot zit." in page
    assert _count(database) == 0
    page = _record(client, hr, "", "10").get_data(as_text=True)
    assert "Vul een datum in." in page and _count(database) == 0


def test_removing_an_event_restores_the_budget(client, database, hr):
    logged_in(client, "hr")
    _record(client, hr, f"{NEXT}-09-15", "150")
    with database.session() as session:
        event_id = session.scalar(select(Gebeurtenis.id))
    path = f"/salaris/medewerkers/{hr}/regeling/verwijderen?periode={NEXT}"
    token = csrf_token(client, f"/salaris/medewerkers/{hr}/regeling?periode={NEXT}")
    page = client.post(
        path, data={"csrf_token": token, "event_id": str(event_id)}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Gebeurtenis verwijderd." in page and _count(database) == 0
    assert table_rows(page, "spaarpotten") == ["Testpot € 666,67"]


def test_hr_of_another_board_and_employees_cannot_reach_the_page(app, client, database, hr):
    with database.session() as session:
        other = Organisation(name="Ander bestuur")
        session.add(other)
        session.flush()
        user = create_user(session, "anderhr", DEMO_PASSWORD, display_name="X", organisation=other)
        grant_role(session, user, Role.SALARIS, other)
    logged_in(client, "anderhr")
    assert client.get(f"/salaris/medewerkers/{hr}/regeling").status_code == 404
    employee = app.test_client()
    logged_in(employee, "zorg")
    assert employee.get(f"/salaris/medewerkers/{hr}/regeling").status_code == 403
