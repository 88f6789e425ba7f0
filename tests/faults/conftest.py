"""Fault and load test fixtures (helpers in tests/support_live.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from jaartaak.models import School
from jaartaak.services import staff

from support import TODAY, logged_in
from support_live import serve


@pytest.fixture
def live_server(app):
    """The test app served by a threaded werkzeug server on 127.0.0.1; yields its base URL."""
    base, stop = serve(app)
    yield base
    stop()


@dataclass(frozen=True)
class Baken:
    """The demo school the planner works on, the current schooljaar and one of its teachers."""

    school_id: int
    year_id: int
    employee_id: int
    employee_name: str


@pytest.fixture
def baken(demo, database, client) -> Baken:
    """The demo planner logged in with ``client``, working on Het Baken College this year."""
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Het Baken College"))
        year = staff.current_schooljaar(session, school.organisation_id, TODAY)
        person = staff.employees(session, [school.id])[0]
        found = Baken(school.id, year.id, person.id, person.full_name)
    logged_in(client, "planner")
    page = client.get(f"/planner/lessen?school={found.school_id}&jaar={found.year_id}")
    assert page.status_code == 200
    return found
