"""GET /api/v1/payroll/{YYYY-MM} before it reaches the payroll service: the role, the month,
and how the endpoint shapes what the service returns (a stand-in for
``jaartaak.services.salarismaand``; test_api_payroll.py tests the real one)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from types import ModuleType

import pytest
from sqlalchemy import select

from jaartaak.domain.periods import Month
from jaartaak.models import Organisation, Role, School
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD
from support_api import bearer, token_for

SERVICE = "jaartaak.services.salarismaand"


@dataclass
class Regel:
    employee_id: int
    personeelsnummer: str
    naam: str
    school: str
    regeling: str
    looncode: str
    bedrag: Decimal
    pensioengevend: bool
    omschrijving: str
    correctie_van: str | None


@dataclass
class Maand:
    month: Month
    organisation_id: int
    closed: bool
    gesloten_op: datetime | None
    regels: list = field(default_factory=list)
    problemen: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)


@pytest.fixture
def calls(monkeypatch):
    """A stand-in service that records its calls."""
    made = []

    def salarismaand(session, organisation_id, month, registry, school_ids=None):
        made.append((organisation_id, month, school_ids))
        regel = Regel(
            7, "P007", "Jan Jansen", "Het Lyceum", "cao-vo", "pb-uitbetaling",
            Decimal("1087.00"), False, "Uitbetaling pb-uren", None,
        )  # fmt: skip
        return Maand(
            month,
            organisation_id,
            closed=True,
            gesloten_op=datetime(2026, 12, 20, 9, 30, tzinfo=UTC),
            regels=[regel],
            problemen=["Voor K. Klaassen ontbreekt een aanstelling."],
            totals={"pb-uitbetaling": Decimal("1087.00")},
        )

    module = ModuleType(SERVICE)
    module.salarismaand = salarismaand
    monkeypatch.setitem(sys.modules, SERVICE, module)
    return made


def test_only_salarisadministratie(client, database, demo):
    for username in ("planner", "jansen", "beheerder"):
        response = client.get(
            "/api/v1/payroll/2026-12", headers=bearer(token_for(database, username))
        )
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "toegang.geweigerd"


@pytest.mark.parametrize("month", ["2026-13", "december", "2026-1", "0000-01"])
def test_a_bad_month_is_400(client, database, demo, month):
    response = client.get(
        f"/api/v1/payroll/{month}", headers=bearer(token_for(database, "salaris"))
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invoer.maand"


def test_the_service_answer_as_json(client, database, demo, calls):
    response = client.get("/api/v1/payroll/2026-12", headers=bearer(token_for(database, "salaris")))
    assert response.status_code == 200
    with database.session() as session:
        board = session.scalar(select(Organisation.id))
    assert calls == [(board, Month(2026, 12), None)]
    assert response.get_json() == {
        "month": "2026-12",
        "organisations": [
            {
                "organisation_id": board,
                "closed": True,
                "closed_at": "2026-12-20T09:30:00+00:00",
                "lines": [
                    {
                        "employee_id": 7,
                        "employee_number": "P007",
                        "name": "Jan Jansen",
                        "school": "Het Lyceum",
                        "scheme": "cao-vo",
                        "code": "pb-uitbetaling",
                        "amount": "1087.00",
                        "pensionable": False,
                        "description": "Uitbetaling pb-uren",
                        "corrects": None,
                    }
                ],
                "totals": {"pb-uitbetaling": "1087.00"},
                "problems": ["Voor K. Klaassen ontbreekt een aanstelling."],
            }
        ],
    }


def test_a_school_grant_passes_its_schools(client, database, demo, calls):
    with database.session() as session:
        school = session.scalars(select(School).order_by(School.name)).first()
        board = session.get(Organisation, school.organisation_id)
        user = create_user(
            session, "schoolsalaris", DEMO_PASSWORD, display_name="S", organisation=board
        )
        grant_role(session, user, Role.SALARIS, board, school)
        school_id, board_id = school.id, board.id
    token = token_for(database, "schoolsalaris")
    assert client.get("/api/v1/payroll/2027-01", headers=bearer(token)).status_code == 200
    assert calls == [(board_id, Month(2027, 1), {school_id})]


def test_without_the_service_the_endpoint_says_so(client, database, demo, monkeypatch):
    monkeypatch.setitem(sys.modules, SERVICE, None)  # import fails
    response = client.get("/api/v1/payroll/2026-12", headers=bearer(token_for(database, "salaris")))
    assert response.status_code == 501
    assert response.get_json()["error"]["code"] == "salaris.niet-beschikbaar"
