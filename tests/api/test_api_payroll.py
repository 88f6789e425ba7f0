"""GET /api/v1/payroll/{YYYY-MM} with the real payroll service (skipped until
``jaartaak.services.salarismaand`` exists; test_api_payroll_access.py covers the rest)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from jaartaak.models import Employee, Organisation, Role, School
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD
from support_api import bearer, token_for

pytest.importorskip("jaartaak.services.salarismaand")

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
