"""The Salarismaand page: lines and totals, the CSV and XLSX export in the documented layout
with formula injection escaped, closing from the browser, and who may do what."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from jaartaak.models import Organisation, Role, School, User
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.services.salarisexport import HEADER

from support import DEMO_PASSWORD, csrf_token, logged_in, table_rows

PAGE = "/salaris/maand?maand=2026-09"


def _devries(database):
    with database.session() as session:
        return session.scalar(select(User).where(User.username == "devries")).employee


def test_the_month_shows_every_line_and_the_totals(client, database, demo):
    devries = _devries(database)
    logged_in(client, "salaris")
    assert "Salarismaand" in client.get("/salaris/").get_data(as_text=True)
    page = client.get(PAGE).get_data(as_text=True)
    assert "Salarismaand september 2026" in page
    rows = table_rows(page, "regels")
    own = [row for row in rows if row.startswith(devries.code)]
    assert len(own) == 1 and "eigen-bijdrage-57plus" in own[0] and "cao-vo" in own[0]
    totals = table_rows(page, "totalen")
    assert totals[0].startswith("eigen-bijdrage-57plus € -")
    assert 'id="afsluiten"' in page


def test_the_csv_has_the_documented_columns_and_escapes_formulas(client, database, demo):
    devries = _devries(database)
    with database.session() as session:
        person = session.get(type(devries), devries.id)
        person.last_name = "=HYPERLINK(1)"
    logged_in(client, "salaris")
    response = client.get("/salaris/maand/export.csv?maand=2026-09")
    assert response.status_code == 200
    assert "salaris-demo-scholengroep-2026-09.csv" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert (
        rows[0]
        == list(HEADER)
        == [
            "maand",
            "personeelsnummer",
            "naam",
            "school",
            "regeling",
            "looncode",
            "bedrag",
            "pensioengevend",
            "omschrijving",
            "correctie_van",
        ]
    )
    own = next(row for row in rows[1:] if row[1] == devries.code)
    assert own[0] == "2026-09" and own[2].startswith("'=HYPERLINK(1)")
    assert own[5] == "eigen-bijdrage-57plus" and own[6].startswith("-")  # a number, not escaped
    assert own[7] == "nee" and own[9] == ""


def test_the_xlsx_has_the_same_columns_with_numbers(client, database, demo):
    devries = _devries(database)
    logged_in(client, "salaris")
    response = client.get("/salaris/maand/export.xlsx?maand=2026-09")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert [cell.value for cell in sheet[1]] == list(HEADER)
    own = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == devries.code)
    assert isinstance(own[6].value, int | float) and own[6].value < 0


def test_hr_closes_the_month_once(client, demo):
    logged_in(client, "salaris")
    path = "/salaris/maand/afsluiten?maand=2026-09"
    token = csrf_token(client, PAGE)
    page = client.post(path, data={"csrf_token": token}, follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "2026-09 is afgesloten" in page and "Afgesloten op" in page
    assert 'id="afsluiten"' not in page
    again = client.post(path, data={"csrf_token": token}, follow_redirects=True)
    assert "2026-09 is al afgesloten op" in again.get_data(as_text=True)
    october = client.get("/salaris/maand?maand=2026-10").get_data(as_text=True)
    assert 'id="afsluiten"' in october and "laatst afgesloten: 2026-09" in october
    november = client.get("/salaris/maand?maand=2026-11").get_data(as_text=True)
    assert 'id="afsluiten"' not in november and "de maand na 2026-09" in november


def test_who_may_see_and_close(client, database, demo):
    with database.session() as session:
        board = session.scalar(select(Organisation).where(Organisation.name == "Demo Scholengroep"))
        school = session.scalars(select(School).where(School.organisation_id == board.id)).first()
        user = create_user(
            session, "hr-school", DEMO_PASSWORD, display_name="HR school", organisation=board
        )
        grant_role(session, user, Role.SALARIS, board, school)
        other = Organisation(name="Ander bestuur")
        session.add(other)
        session.flush()
        board_id, other_id, school_name = board.id, other.id, school.name
    logged_in(client, "hr-school")
    page = client.get(PAGE).get_data(as_text=True)
    assert 'id="afsluiten"' not in page and "hele organisatie" in page
    assert all(f" {school_name} " in f" {row} " for row in table_rows(page, "regels"))
    token = csrf_token(client, PAGE)
    closing = client.post("/salaris/maand/afsluiten?maand=2026-09", data={"csrf_token": token})
    assert closing.status_code == 403
    assert client.get(f"/salaris/maand?organisatie={other_id}").status_code == 404
    assert client.get(f"/salaris/maand?organisatie={board_id}&maand=2026-13").status_code == 404


def test_an_employee_has_no_payroll_pages(client, demo):
    logged_in(client, "jansen")
    assert client.get(PAGE).status_code == 403
    assert client.get("/salaris/maand/export.csv?maand=2026-09").status_code == 403
