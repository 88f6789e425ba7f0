"""/me and /employees: who sees which employees, and one employee with the current budget."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from jaartaak.models import Employee, Organisation, RegelingGebruik, Role, School, User
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.services.demo import seed_demo

from support import DEMO_PASSWORD, TODAY, new_employee
from support_api import bearer, token_for
from support_overzicht import add_planner
from support_regeling import TEST_REGELING, employee_under_test_regeling


def _employee_id(database, username: str) -> int:
    with database.session() as session:
        return session.scalar(select(User.employee_id).where(User.username == username))


def _get(client, database, username: str, path: str):
    return client.get(path, headers=bearer(token_for(database, username)))


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["employees"]]


def test_me_names_the_user_roles_and_employee(client, database, demo):
    jansen = _get(client, database, "jansen", "/api/v1/me").get_json()
    assert jansen["username"] == "jansen"
    assert jansen["employee_id"] == _employee_id(database, "jansen")
    assert [r["role"] for r in jansen["roles"]] == ["medewerker"]
    assert jansen["roles"][0]["school_id"] is not None
    planner = _get(client, database, "planner", "/api/v1/me").get_json()
    assert planner["employee_id"] is None
    assert {r["role"] for r in planner["roles"]} == {"planner"}


def test_a_medewerker_sees_only_their_own_employee(client, database, demo):
    own = _employee_id(database, "jansen")
    assert _ids(_get(client, database, "jansen", "/api/v1/employees")) == [own]


def test_jansens_token_does_not_read_devries(client, database, demo):
    devries = _employee_id(database, "devries")
    response = _get(client, database, "jansen", f"/api/v1/employees/{devries}")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "bron.niet-gevonden"
    # The same answer as an id that does not exist: ids cannot be probed.
    missing = _get(client, database, "jansen", "/api/v1/employees/987654")
    assert missing.get_json() == response.get_json()


def test_planner_salaris_and_beheerder_see_the_board(client, database, demo):
    with database.session() as session:
        board_total = session.scalar(select(func.count(Employee.id)))
    for username in ("planner", "salaris", "beheerder"):
        assert len(_ids(_get(client, database, username, "/api/v1/employees"))) == board_total


def test_a_school_planner_sees_that_school_only(client, database, demo):
    with database.session() as session:
        school = session.scalars(select(School).order_by(School.name)).first()
        add_planner(session, "schoolplanner", school.organisation_id, school.id)
        expected = set(session.scalars(select(Employee.id).where(Employee.school_id == school.id)))
        other = session.scalar(select(Employee.id).where(Employee.school_id != school.id))
    response = _get(client, database, "schoolplanner", "/api/v1/employees")
    assert set(_ids(response)) == expected
    assert {item["school"]["id"] for item in response.get_json()["employees"]} == {school.id}
    assert _get(client, database, "schoolplanner", f"/api/v1/employees/{other}").status_code == 404


def test_another_board_is_out_of_scope(client, database, demo):
    with database.session() as session:
        outsider = new_employee(session, "X1").id
        board = session.scalar(select(Organisation).where(Organisation.name == "Bestuur X1"))
        user = create_user(session, "ander", DEMO_PASSWORD, display_name="A", organisation=board)
        grant_role(session, user, Role.SALARIS, board)
    assert outsider not in _ids(_get(client, database, "planner", "/api/v1/employees"))
    assert _get(client, database, "planner", f"/api/v1/employees/{outsider}").status_code == 404
    assert _ids(_get(client, database, "ander", "/api/v1/employees")) == [outsider]


def test_a_user_without_a_role_sees_nobody(client, database, demo):
    with database.session() as session:
        board = session.scalar(select(Organisation))
        create_user(session, "zonderrol", DEMO_PASSWORD, display_name="Z", organisation=board)
    assert _ids(_get(client, database, "zonderrol", "/api/v1/employees")) == []


def test_an_item_names_school_board_and_scheme(client, database, demo):
    own = _employee_id(database, "jansen")
    item = _get(client, database, "jansen", "/api/v1/employees").get_json()["employees"][0]
    with database.session() as session:
        person = session.get(Employee, own)
        expected = {
            "id": own,
            "code": person.code,
            "name": person.full_name,
            "school": {"id": person.school_id, "name": person.school.name},
            "organisation_id": person.organisation_id,
            "scheme": "cao-vo",
        }
    assert item == expected


def test_the_detail_of_a_cao_vo_employee_has_the_current_schooljaar(client, database, demo):
    own = _employee_id(database, "jansen")
    detail = _get(client, database, "jansen", f"/api/v1/employees/{own}").get_json()
    assert detail["scheme"] == "cao-vo"
    assert detail["appointments"] and detail["appointments"][0]["fte"]
    budget = detail["budget"]
    assert budget["installed"] and budget["available"] and budget["message"] is None
    assert budget["rule_version"].startswith("cao-vo")
    start, end = date.fromisoformat(budget["period"]["start"]), budget["period"]["end"]
    assert start <= date.today() or start.year == date.today().year
    assert end > budget["period"]["start"]
    totals = budget["totals"]
    for key in ("wtf", "pb_total_hours", "normjaartaak_bruto", "netto_jaartaak"):
        assert isinstance(totals[key], str), key
    assert "." in totals["pb_total_hours"]


def test_a_planner_reads_a_detail_of_the_board(client, database, demo):
    devries = _employee_id(database, "devries")
    response = _get(client, database, "planner", f"/api/v1/employees/{devries}")
    assert response.status_code == 200
    assert response.get_json()["id"] == devries


def test_the_detail_of_a_plugin_employee_has_the_current_period(app, client, database):
    employee_id = employee_under_test_regeling(app, database)
    response = _get(client, database, "zorg", f"/api/v1/employees/{employee_id}")
    detail = response.get_json()
    assert detail["scheme"] == TEST_REGELING.id
    assert detail["appointments"] == [
        {"start": "2010-01-01", "end": None, "fte": "0.6667", "kind": "regulier"}
    ]
    budget = detail["budget"]
    assert budget["period"]["id"] == str(date.today().year)
    assert "rule_version" in budget  # the test scheme names none in its results
    assert budget["totals"] == {"budget_eur": "666.67"}
    assert budget["errors"] == []


def test_a_scheme_that_is_not_installed_is_said_so(app, client, database):
    employee_id = employee_under_test_regeling(app, database)
    with database.session() as session:
        session.scalar(select(RegelingGebruik)).scheme = "niet-geinstalleerd"
    detail = _get(client, database, "zorg", f"/api/v1/employees/{employee_id}").get_json()
    assert detail["scheme"] == "niet-geinstalleerd"
    budget = detail["budget"]
    assert not budget["installed"] and not budget["available"]
    assert "niet geïnstalleerd" in budget["message"]


@pytest.mark.parametrize(
    ("username", "scheme"),
    [("ggz-medewerker", "ggz-balansbudget"), ("netbeheer-medewerker", "nwb-benefit-budget")],
)
def test_the_plugins_demo_employees_read_their_budget(app, client, database, username, scheme):
    registry = app.extensions["jaartaak"].schemes
    if scheme not in registry.schemes:
        pytest.skip(f"plugin {scheme} not installed")
    with database.session() as session:
        seed_demo(session, TODAY, DEMO_PASSWORD, registry=registry)
    own = _employee_id(database, username)
    assert _ids(_get(client, database, username, "/api/v1/employees")) == [own]
    budget = _get(client, database, username, f"/api/v1/employees/{own}").get_json()["budget"]
    assert budget["scheme"] == scheme and budget["available"]
    assert budget["period"]["start"] <= date.today().isoformat() <= budget["period"]["end"]
    assert budget["rule_version"] and budget["totals"]
