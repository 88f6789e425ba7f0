"""GET /api/v1/payroll/{YYYY-MM}: the payroll month as the Salarismaand page has it, for
salarisadministratie only, scoped to the schools the role covers."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from jaartaak.domain.periods import Month
from jaartaak.models import Employee, Organisation, Role, School, User
from jaartaak.services import salarismaand
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD
from support_api import bearer, token_for

MONTH = date.today().strftime("%Y-%m")


def _payroll(client, database, username: str, month: str = MONTH):
    return client.get(f"/api/v1/payroll/{month}", headers=bearer(token_for(database, username)))


def test_the_board_month_with_totals_per_code(client, database, demo):
    response = _payroll(client, database, "salaris")
    assert response.status_code == 200
    data = response.get_json()
    assert data["month"] == MONTH
    with database.session() as session:
        board = session.scalar(select(Organisation.id))
        employees = set(session.scalars(select(Employee.id)))
    [organisation] = data["organisations"]
    assert organisation["organisation_id"] == board
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for line in organisation["lines"]:
        assert line["employee_id"] in employees
        sums[line["code"]] += Decimal(line["amount"])
    for code, total in sums.items():  # the totals per payroll code add up the lines
        assert Decimal(organisation["totals"][code]) == total


def test_a_school_grant_sees_that_school_only(client, database, demo):
    with database.session() as session:
        school = session.scalars(select(School).order_by(School.name)).first()
        board = session.get(Organisation, school.organisation_id)
        user = create_user(
            session, "schoolsal", DEMO_PASSWORD, display_name="S", organisation=board
        )
        grant_role(session, user, Role.SALARIS, board, school)
        own = set(session.scalars(select(Employee.id).where(Employee.school_id == school.id)))
    response = _payroll(client, database, "schoolsal")
    assert response.status_code == 200
    for organisation in response.get_json()["organisations"]:
        assert {line["employee_id"] for line in organisation["lines"]} <= own


def test_a_medewerker_is_refused(client, database, demo):
    response = _payroll(client, database, "jansen")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "toegang.geweigerd"


def test_only_salarisadministratie(client, database, demo):
    for username in ("planner", "jansen", "beheerder"):
        response = _payroll(client, database, username, "2026-12")
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "toegang.geweigerd"


@pytest.mark.parametrize("month", ["2026-13", "december", "2026-1", "0000-01"])
def test_a_bad_month_is_400(client, database, demo, month):
    response = _payroll(client, database, "salaris", month)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invoer.maand"


def test_the_lines_are_those_of_the_page_and_a_closed_month_says_so(app, client, database, demo):
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        devries = session.scalar(select(User).where(User.username == "devries")).employee
        board = devries.organisation_id
        page = salarismaand.salarismaand(session, board, Month(2026, 9), registry)
        own = next(r for r in page.regels if r.employee_id == devries.id)
    data = _payroll(client, database, "salaris", "2026-09").get_json()
    [organisation] = data["organisations"]
    assert organisation["closed"] is False and organisation["closed_at"] is None
    line = next(x for x in organisation["lines"] if x["employee_id"] == devries.id)
    assert line == {
        "employee_id": devries.id,
        "employee_number": devries.code,
        "name": devries.sort_name,
        "school": devries.school.name,
        "scheme": "cao-vo",
        "code": "eigen-bijdrage-57plus",
        "amount": format(own.bedrag, "f"),
        "pensionable": False,
        "description": own.omschrijving,
        "corrects": None,
    }
    with database.session() as session:
        salarismaand.sluit(
            session, board, Month(2026, 9), None, registry, date(2026, 11, 23),
            datetime(2026, 11, 23, 12, tzinfo=UTC),
        )  # fmt: skip
    closed = _payroll(client, database, "salaris", "2026-09").get_json()["organisations"][0]
    assert closed["closed"] is True and closed["closed_at"].startswith("2026-11-23T12:00:00")
    assert closed["lines"] == organisation["lines"]
