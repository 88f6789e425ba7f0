"""Demo GGZ with the CAO GGZ plugin installed: the seeded year is valid, the employee chooses
before the deadline, HR records leave, all through the generic pages. Without the plugin the
demo has no GGZ organisation (and these tests have nothing to test)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from jaartaak.domain.periods import CalendarYear
from jaartaak.models import Employee, Gebeurtenis, Organisation, RegelingKeuze, User
from jaartaak.services import regelingen
from jaartaak.services.demo import seed_demo
from jaartaak.services.demo.ggz import GGZ_ORGANISATION, GGZ_SCHEME

from support import DEMO_PASSWORD, TODAY, csrf_token, logged_in, table_rows

NEXT = str(date.today().year + 1)


@pytest.fixture
def ggz(app, database):
    registry = app.extensions["jaartaak"].schemes
    if GGZ_SCHEME not in registry.schemes:
        pytest.skip("de plugin jaartaak-ggz is niet geïnstalleerd")
    with database.session() as session:
        logins = seed_demo(session, TODAY, DEMO_PASSWORD, registry)
    return {login.username for login in logins}


def test_the_demo_has_a_valid_ggz_year(app, database, ggz):
    assert {"ggz-medewerker", "ggz-hr"} <= ggz
    registry = app.extensions["jaartaak"].schemes
    scheme = registry.schemes[GGZ_SCHEME]
    with database.session() as session:
        board = session.scalar(select(Organisation).where(Organisation.name == GGZ_ORGANISATION))
        people = session.scalars(select(Employee).where(Employee.organisation_id == board.id))
        people = list(people)
        assert len(people) == 20
        year = CalendarYear.containing(TODAY)
        answers = [regelingen.stand(session, p, scheme, year, registry) for p in people]
        assert [a.result.errors for a in answers] == [[]] * 20
        assert sum(1 for a in answers if a.keuze) == 16
        assert session.scalar(select(func.count()).select_from(Gebeurtenis)) > 0


def test_the_ggz_employee_chooses_before_the_deadline(client, database, ggz):
    logged_in(client, "ggz-medewerker")
    assert client.get("/mijn/").headers["Location"].endswith("/mijn/budget")
    path = f"/mijn/budget?periode={NEXT}"
    token = csrf_token(client, path)
    page = client.post(
        path,
        data={"csrf_token": token, "option": "opleiding", "version": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert f"Uw keuze voor {NEXT} is vastgelegd." in page
    row = page.split('id="regel-ggz.opleiding">')[1].split("</tr>")[0]
    assert "1000.00 × 1.40" in row and "1.400,00" in row  # 36 of 36 hours: the full budget
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "ggz-medewerker"))
        keuze = session.scalar(
            select(RegelingKeuze).where(
                RegelingKeuze.employee_id == user.employee_id, RegelingKeuze.periode == NEXT
            )
        )
        assert keuze.keuzes == {"option": "opleiding", "chosen_on": date.today().isoformat()}


def test_hr_records_leave_and_the_scheme_refuses_too_much(client, database, ggz):
    with database.session() as session:
        keuze = session.scalar(
            select(RegelingKeuze).where(RegelingKeuze.keuzes["option"].as_string() == "verlof")
        )
        employee_id, period = keuze.employee_id, keuze.periode
    logged_in(client, "ggz-hr")
    path = f"/salaris/medewerkers/{employee_id}/regeling?periode={period}"
    before = client.get(path).get_data(as_text=True)
    count = len(table_rows(before, "gebeurtenissen"))  # the demo recorded leave for each
    assert count >= 1

    def record(hours: str):
        return client.post(
            path,
            data={
                "soort_form": "opname-verlof",
                "opname-verlof-csrf_token": csrf_token(client, path),
                "opname-verlof-datum": f"{period}-11-02",
                "opname-verlof-veld_hours": hours,
            },
            follow_redirects=True,
        ).get_data(as_text=True)

    refused = record("500")
    assert "Niet vastgelegd: events[" in refused and "uur is meer dan het saldo" in refused
    assert len(table_rows(refused, "gebeurtenissen")) == count
    page = record("2")
    assert "Opname extra verlofuren op 02-11-" in page
    assert len(table_rows(page, "gebeurtenissen")) == count + 1
