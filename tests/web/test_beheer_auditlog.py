"""The audit log viewer: filters, before and after, masked values, the filtered CSV export, and
never another board's entries."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from sqlalchemy import select, update

from jaartaak.models import AuditEntry, Employee, Organisation, Role, User
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD, csrf_token, logged_in


def table_rows(page: str, table_id: str) -> list[str]:
    """The entries of the log table as text (without the before/after of each)."""
    body = page.split(f'id="{table_id}"')[1].split("</table>\n{%")[0]
    rows = re.findall(
        r'<tr id="wijziging-\d+">(.*?)<details>.*?<summary>(.*?)</summary>', body, re.S
    )
    found = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", a + b)).strip() for a, b in rows]
    if not found and "Geen wijzigingen gevonden." in body:
        return ["Geen wijzigingen gevonden."]
    return found


def _other_board(database, username: str = "beheerder-elders") -> int:
    """Stichting Elders with its own beheerder and an employee, so it has entries of its own."""
    with database.session() as session:
        board = Organisation(name="Stichting Elders")
        session.add(board)
        user = create_user(
            session, username, DEMO_PASSWORD, display_name="Els Elders", organisation=board
        )
        grant_role(session, user, Role.BEHEERDER, board)
        session.flush()
        return board.id


def _rename_jansen(database, first_name: str) -> int:
    with database.session() as session:
        session.info["actor"] = None
        person = session.scalar(select(Employee).where(Employee.last_name == "Jansen"))
        person.first_name = first_name
        return person.id


def test_the_viewer_shows_the_boards_entries_with_before_and_after(client, demo, database):
    _other_board(database)
    person_id = _rename_jansen(database, "Johannes")
    logged_in(client, "beheerder")
    page = client.get("/beheer/auditlog?soort=employee").get_data(as_text=True)
    rows = table_rows(page, "auditlog")
    assert "gewijzigd" in rows[0] and f"medewerker {person_id}" in rows[0]
    assert "<details>" in page
    changed = page.split('class="gewijzigd"')[1].split("</tr>")[0]
    assert "first_name" in changed and "Jan" in changed and "Johannes" in changed
    assert "Els Elders" not in page and "Stichting Elders" not in page


def test_filters_by_user_record_and_date(client, demo, database):
    person_id = _rename_jansen(database, "Johannes")
    logged_in(client, "beheerder")
    page = client.get(
        f"/beheer/auditlog?gebruiker=naam:systeem&soort=employee&record={person_id}"
    ).get_data(as_text=True)
    rows = table_rows(page, "auditlog")
    assert len(rows) >= 2  # inserted by the demo, renamed here
    assert all("systeem" in row and f"medewerker {person_id}" in row for row in rows)
    assert "toegevoegd" in rows[-1] and "gewijzigd" in rows[0]
    assert f"{len(rows)} wijzigingen" in page

    with database.session() as session:
        user_id = session.scalar(select(User.id).where(User.username == "planner"))
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.table_name == "employee", AuditEntry.record_id == str(person_id))
            .values(at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))  # 00:30 on 2 March in Amsterdam
        )
    page = client.get(
        f"/beheer/auditlog?soort=employee&record={person_id}&van=02-03-2026&tot=2-3-2026"
    ).get_data(as_text=True)
    assert len(table_rows(page, "auditlog")) == len(rows)
    page = client.get(
        f"/beheer/auditlog?soort=employee&record={person_id}&tot=01-03-2026"
    ).get_data(as_text=True)
    assert table_rows(page, "auditlog") == ["Geen wijzigingen gevonden."]
    page = client.get(f"/beheer/auditlog?gebruiker=gebruiker:{user_id}").get_data(as_text=True)
    assert table_rows(page, "auditlog") == ["Geen wijzigingen gevonden."]


def test_pages_of_fifty_newest_first(client, demo, database):
    logged_in(client, "beheerder")
    page = client.get("/beheer/auditlog").get_data(as_text=True)
    assert len(table_rows(page, "auditlog")) == 50
    assert "pagina 1 van" in page and "Ouder →" in page
    newest = int(page.split('id="wijziging-')[1].split('"')[0])
    with database.session() as session:
        assert newest == session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
    second = client.get("/beheer/auditlog?pagina=2").get_data(as_text=True)
    assert int(second.split('id="wijziging-')[1].split('"')[0]) == newest - 50


def test_masked_values_are_hidden(client, demo, database):
    logged_in(client, "beheerder")
    page = client.get("/beheer/auditlog?soort=user_account").get_data(as_text=True)
    assert "password_hash" in page and "(verborgen)" in page
    assert "***" not in page and "argon2" not in page


def test_bad_filter_input_gives_a_dutch_message(client, demo):
    logged_in(client, "beheerder")
    for query, message in (
        ("van=31-02-2026", "Geen geldige datum"),
        ("van=02-03-2026&tot=01-03-2026", "De einddatum ligt vóór de begindatum."),
        ("record=abc", "Een recordnummer is een getal"),
        ("pagina=0", "Geen geldige pagina."),
        ("pagina=99999999999999999999", "Geen geldige pagina."),
        ("soort=geheim", "Soort gegevens:"),
        ("gebruiker=gebruiker:99999", "Gebruiker:"),
    ):
        response = client.get(f"/beheer/auditlog?{query}")
        assert response.status_code == 200, query
        page = response.get_data(as_text=True)
        assert message in page, query
        assert 'id="auditlog"' not in page


def _export(client, query: str) -> list[list[str]]:
    path = f"/beheer/auditlog?{query}"
    response = client.post(
        f"/beheer/auditlog/csv?{query}", data={"csrf_token": csrf_token(client, path)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    job_url = response.headers["Location"]
    download = client.get(f"{job_url}/bestand")
    assert download.status_code == 200
    return list(csv.reader(io.StringIO(download.get_data().decode("utf-8-sig")), delimiter=";"))


def test_the_export_is_the_filtered_set_and_escapes_formulas(client, demo, database):
    _other_board(database)
    person_id = _rename_jansen(database, "=HYPERLINK(1)")
    logged_in(client, "beheerder")
    rows = _export(client, f"soort=employee&record={person_id}")
    assert rows[0] == ["tijdstip", "gebruiker", "actie", "tabel", "record", "voor", "na"]
    assert {tuple(row[3:5]) for row in rows[1:]} == {("medewerker", str(person_id))}
    assert rows[1][2] == "toegevoegd" and rows[-1][2] == "gewijzigd"
    assert rows[-1][6] == '{"first_name": "=HYPERLINK(1)"}'
    count = len(rows)

    with database.session() as session:
        session.info["actor"] = None
        session.scalar(select(Employee).where(Employee.id == person_id)).last_name = "-1+2"
    rows = _export(client, f"soort=employee&record={person_id}")
    assert len(rows) == count + 1 and rows[-1][6] == '{"last_name": "-1+2"}'

    rows = _export(client, "soort=user_account")
    assert len(rows) > 1 and all(row[3] == "gebruiker" for row in rows[1:])
    assert "Els Elders" not in "".join(cell for row in rows for cell in row)
    assert all("***" not in row[5] + row[6] for row in rows[1:])


def test_a_formula_in_a_cell_is_escaped(client, demo, database):
    with database.session() as session:
        session.info["actor"] = None
        person = session.scalar(select(Employee).where(Employee.last_name == "Jansen"))
        board_id = person.organisation_id
        session.add(
            AuditEntry(
                actor_name="=cmd|' /C calc'!A0",
                action="update",
                table_name="employee",
                record_id=str(person.id),
                organisation_id=board_id,
                before={"a": 1},
                after={"a": 2},
            )
        )
    logged_in(client, "beheerder")
    rows = _export(client, "gebruiker=naam:=cmd|' /C calc'!A0")
    assert [row[1] for row in rows[1:]] == ["'=cmd|' /C calc'!A0"]


def test_another_boards_beheerder_sees_none_of_it(client, demo, database):
    _other_board(database)
    with database.session() as session:
        demo_id = session.scalar(
            select(Organisation.id).where(Organisation.name == "Demo Scholengroep")
        )
    logged_in(client, "beheerder-elders")
    assert client.get(f"/beheer/auditlog?bestuur={demo_id}").status_code == 404
    page = client.get("/beheer/auditlog").get_data(as_text=True)
    assert "Jansen" not in page and "Bea Beheer" not in page
    path = f"/beheer/auditlog?bestuur={demo_id}"
    response = client.post(
        f"/beheer/auditlog/csv?bestuur={demo_id}",
        data={"csrf_token": csrf_token(client, "/beheer/auditlog")},
    )
    assert response.status_code == 404, path


def test_other_roles_are_refused(client, demo):
    logged_in(client, "planner")
    assert client.get("/beheer/auditlog").status_code == 403
