"""The planner's Personeel pages: the list, creating and editing employees and appointments,
the other school's employees out of reach, and the staff import through the browser forms."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jaartaak.db.audit import Actor
from jaartaak.models import Appointment, Employee, Organisation, Role, School
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD, confirm_import, csrf_token, logged_in, upload_import

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"
LIST = "/planner/personeel"
NEW = {
    "code": "nwe",
    "voornaam": "Noor",
    "tussenvoegsel": "van",
    "achternaam": "Wijk",
    "geboortedatum": "01-02-1990",
    "categorie": "OP",
    "schaal": "LC",
    "salaris": "4932,50",
    "sectie": "Talen",
    "fte": "0,8",
    "begin": "2026-08-01",
    "einde": "",
    "soort": "regulier",
}


def _school(database, name: str) -> School:
    with database.session() as session:
        return session.scalar(select(School).where(School.name == name))


def _employee(database, **where) -> Employee:
    with database.session() as session:
        query = select(Employee).filter_by(**where)
        person = session.scalar(query)
        assert person is not None, where
        person.appointments  # noqa: B018 - load them before the session closes
        return person


def _codes_in(page: str) -> list[str]:
    """The codes in the list, in the order shown (the first cell of each row)."""
    return re.findall(r"<tr>\s*<td>([^<]+)</td>", page)


def _baken_staff(database, **where) -> list[Employee]:
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Het Baken College"))
        return list(session.scalars(select(Employee).filter_by(school_id=school.id, **where)))


def _horizon_planner(client, database):
    with database.session() as session:
        board = session.scalar(select(Organisation).where(Organisation.name == "Demo Scholengroep"))
        horizon = session.scalar(select(School).where(School.name == "Lyceum De Horizon"))
        user = create_user(
            session, "planner-horizon", DEMO_PASSWORD, display_name="Horizon", organisation=board
        )
        grant_role(session, user, Role.PLANNER, board, horizon)
    return logged_in(client, "planner-horizon")


def _post(client, path: str, data: dict, **options):
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data}, **options)


def test_the_list_shows_the_werkplek_school_only(client, demo, database):
    logged_in(client, "planner")
    page = client.get(LIST).get_data(as_text=True)
    baken = _baken_staff(database)
    assert sorted(_codes_in(page)) == sorted(e.code for e in baken)
    assert f"{len(baken)} medewerkers" in page
    jansen = _employee(database, last_name="Jansen")
    assert f'href="/planner/medewerkers/{jansen.id}"' in page
    assert "Jansen, Jan" in page and "1,0000 regulier vanaf 1 aug 2012" in page
    assert 'href="/planner/personeel/nieuw"' in page
    assert 'href="/planner/import/personeel"' in page


def test_search_filter_and_sort_keep_each_other(client, demo, database):
    logged_in(client, "planner")
    page = client.get(f"{LIST}?q=jansen").get_data(as_text=True)
    assert _codes_in(page) == [_employee(database, last_name="Jansen").code]
    # Two words must both match: first and last name.
    page = client.get(f"{LIST}?q=anneke+vries").get_data(as_text=True)
    assert _codes_in(page) == [_employee(database, last_name="Vries").code]

    oop = _baken_staff(database, category="OOP")
    assert oop, "the demo has OOP staff"
    page = client.get(f"{LIST}?categorie=OOP&sorteer=code&richting=af").get_data(as_text=True)
    assert _codes_in(page) == sorted((e.code for e in oop), reverse=True)
    # The header links keep the filter: sorting by name keeps categorie=OOP.
    assert 'href="/planner/personeel?categorie=OOP&amp;sorteer=naam"' in page
    # The active column links to the other direction.
    assert 'href="/planner/personeel?categorie=OOP&amp;sorteer=code"' in page

    sectie = next(e.sectie for e in _baken_staff(database) if e.sectie)
    page = client.get(LIST, query_string={"sectie": sectie}).get_data(as_text=True)
    assert sorted(_codes_in(page)) == sorted(e.code for e in _baken_staff(database, sectie=sectie))


def test_sort_by_fte_puts_the_largest_first_when_descending(client, demo, database):
    logged_in(client, "planner")
    page = client.get(f"{LIST}?sorteer=fte&richting=af").get_data(as_text=True)
    ftes = [
        Decimal(v.replace(",", ".")) for v in re.findall(r'<td class="num">([\d,]+)</td>', page)
    ]
    assert len(ftes) == len(_baken_staff(database))
    assert ftes == sorted(ftes, reverse=True)
    assert ftes[0] == Decimal("1.0000")
    # Employees with the same fte stay in name order, also when the fte is descending.
    names = re.findall(r'href="/planner/medewerkers/\d+">([^<]+)</a>', unescape(page))
    full_time = names[: ftes.count(Decimal("1.0000"))]
    assert len(full_time) > 1 and full_time == sorted(full_time, key=str.casefold)


def test_create_an_employee_with_a_first_appointment(client, demo, database):
    logged_in(client, "planner")
    response = _post(client, "/planner/personeel/nieuw", NEW)
    assert response.status_code == 302
    person = _employee(database, code="NWE")
    assert response.headers["Location"] == f"/planner/medewerkers/{person.id}/bewerken"
    assert person.school_id == _school(database, "Het Baken College").id
    assert person.organisation_id == _school(database, "Het Baken College").organisation_id
    assert (person.full_name, person.sectie, person.birth_date) == (
        "Noor van Wijk",
        "Talen",
        date(1990, 2, 1),
    )
    assert person.fulltime_monthly_salary == Decimal("4932.50")
    assert [(a.start, a.end_date, a.fte, a.kind) for a in person.appointments] == [
        (date(2026, 8, 1), None, Decimal("0.8000"), "regulier")
    ]


def test_a_taken_code_is_refused_naming_the_other_school(client, demo, database):
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Lyceum De Horizon"))
        horizon = session.scalar(select(Employee).where(Employee.school_id == school.id))
    logged_in(client, "planner")
    page = _post(client, "/planner/personeel/nieuw", {**NEW, "code": horizon.code.lower()})
    text = unescape(page.get_data(as_text=True))
    assert page.status_code == 200
    assert (
        f"De code {horizon.code} is al in gebruik bij een medewerker van Lyceum De Horizon" in text
    )
    with database.session() as session:
        assert session.scalar(select(func.count()).where(Employee.first_name == "Noor")) == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fte", "1,5", "De fte is groter dan 0 en hoogstens 1"),
        ("fte", "0,12345", "Gebruik hoogstens 4 decimalen."),
        ("salaris", "12,345", "Gebruik hoogstens 2 decimalen."),
        ("salaris", "-1", "Het salaris is 0 of meer"),
        ("einde", "31-07-2026", "De einddatum 31-07-2026 ligt vóór de begindatum 01-08-2026."),
        ("geboortedatum", "01-01-2015", "jonger dan 15 jaar"),
        ("geboortedatum", "31-02-1990", "Geen geldige datum; schrijf dd-mm-jjjj."),
        ("schaal", "LF", "Ongeldige keuze"),
        ("achternaam", "", "Dit veld is vereist."),
    ],
)
def test_invalid_values_are_refused_in_dutch(client, demo, database, field, value, message):
    logged_in(client, "planner")
    page = _post(client, "/planner/personeel/nieuw", {**NEW, field: value})
    assert page.status_code == 200
    assert message in unescape(page.get_data(as_text=True))
    with database.session() as session:
        assert session.scalar(select(func.count()).where(Employee.code == "NWE")) == 0


def test_edit_an_employee(client, demo, database):
    jansen = _employee(database, last_name="Jansen")
    path = f"/planner/medewerkers/{jansen.id}/bewerken"
    logged_in(client, "planner")
    page = client.get(path).get_data(as_text=True)
    assert f'name="version" type="hidden" value="{jansen.version}"' in page
    values = {
        **NEW,
        "code": jansen.code,
        "voornaam": "Jan",
        "tussenvoegsel": "",
        "achternaam": "Jansen",
    }
    values.update(geboortedatum="12-03-1985", sectie="Bètavakken", version=jansen.version)
    response = _post(client, path, values)
    assert response.status_code == 302
    changed = _employee(database, id=jansen.id)
    assert (changed.sectie, changed.fulltime_monthly_salary) == ("Bètavakken", Decimal("4932.50"))
    assert changed.version == jansen.version + 1


def test_a_stale_edit_is_refused_and_shows_the_other_change(client, demo, database):
    jansen = _employee(database, last_name="Jansen")
    path = f"/planner/medewerkers/{jansen.id}/bewerken"
    logged_in(client, "planner")
    token = csrf_token(client, path)  # the form is open with the current version …
    with database.session(actor=Actor(None, "Carla Collega")) as session:
        session.get(Employee, jansen.id).sectie = "Talen"  # … while someone else saves
    values = {
        **NEW,
        "code": jansen.code,
        "voornaam": "Jan",
        "tussenvoegsel": "",
        "achternaam": "Jansen",
    }
    values.update(geboortedatum="12-03-1985", sectie="Bètavakken", version=jansen.version)
    response = client.post(path, data={"csrf_token": token, **values}, follow_redirects=True)
    text = unescape(response.get_data(as_text=True))
    assert "Niet opgeslagen: Carla Collega heeft dit intussen gewijzigd" in text
    assert "sectie leeg → Talen" in text or f"sectie {jansen.sectie} → Talen" in text
    assert _employee(database, id=jansen.id).sectie == "Talen"


def test_add_end_and_delete_an_appointment(client, demo, database):
    jansen = _employee(database, last_name="Jansen")
    base = f"/planner/medewerkers/{jansen.id}/aanstellingen"
    logged_in(client, "planner")
    response = _post(
        client,
        f"{base}/nieuw",
        {"fte": "0,2", "begin": "01-01-2027", "einde": "30-06-2027", "soort": "vervanging"},
    )
    assert response.status_code == 302
    added = [a for a in _employee(database, id=jansen.id).appointments if a.kind == "vervanging"]
    assert [(a.start, a.end_date, a.fte) for a in added] == [
        (date(2027, 1, 1), date(2027, 6, 30), Decimal("0.2000"))
    ]

    regular = _employee(database, id=jansen.id).appointments[0]
    end = f"{base}/{regular.id}/beeindigen"
    assert 'value="2027-07-31"' in client.get(end).get_data(as_text=True)  # end of the year
    response = _post(client, end, {"einde": "31-12-2026", "version": regular.version})
    assert response.status_code == 302
    with database.session() as session:
        assert session.get(Appointment, regular.id).end_date == date(2026, 12, 31)

    delete = f"{base}/{added[0].id}/verwijderen"
    assert "Weet u zeker" in client.get(delete).get_data(as_text=True)
    with database.session() as session:
        assert session.get(Appointment, added[0].id) is not None  # asking deletes nothing
    response = _post(client, delete, {"version": added[0].version})
    assert response.status_code == 302
    with database.session() as session:
        assert session.get(Appointment, added[0].id) is None


def test_a_second_appointment_on_the_same_start_date_is_refused(client, demo, database):
    jansen = _employee(database, last_name="Jansen")
    logged_in(client, "planner")
    page = _post(
        client,
        f"/planner/medewerkers/{jansen.id}/aanstellingen/nieuw",
        {"fte": "0,2", "begin": "01-08-2012", "einde": "", "soort": "regulier"},
    )
    assert "al een aanstelling die begint op 01-08-2012" in unescape(page.get_data(as_text=True))
    assert len(_employee(database, id=jansen.id).appointments) == 1


def test_a_stale_end_of_an_appointment_is_refused(client, demo, database):
    jansen = _employee(database, last_name="Jansen")
    regular = jansen.appointments[0]
    path = f"/planner/medewerkers/{jansen.id}/aanstellingen/{regular.id}/beeindigen"
    logged_in(client, "planner")
    token = csrf_token(client, path)
    with database.session(actor=Actor(None, "Carla Collega")) as session:
        session.get(Appointment, regular.id).fte = Decimal("0.9000")
    response = client.post(
        path,
        data={"csrf_token": token, "einde": "31-12-2026", "version": regular.version},
        follow_redirects=True,
    )
    text = unescape(response.get_data(as_text=True))
    assert "Carla Collega heeft dit intussen gewijzigd" in text and "fte 1.0000 → 0.9000" in text
    with database.session() as session:
        assert session.get(Appointment, regular.id).end_date is None


def test_another_schools_employee_is_a_404_for_get_and_post(client, demo, database):
    jansen = _employee(database, last_name="Jansen")  # works at Het Baken College
    appointment = jansen.appointments[0]
    _horizon_planner(client, database)
    token = csrf_token(client, LIST)
    base = f"/planner/medewerkers/{jansen.id}"
    paths = [
        f"{base}/bewerken",
        f"{base}/aanstellingen/nieuw",
        f"{base}/aanstellingen/{appointment.id}/bewerken",
        f"{base}/aanstellingen/{appointment.id}/beeindigen",
        f"{base}/aanstellingen/{appointment.id}/verwijderen",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
        data = {"csrf_token": token, "einde": "31-12-2026", "version": appointment.version}
        assert client.post(path, data=data).status_code == 404, path
    assert _employee(database, id=jansen.id).appointments[0].end_date is None
    page = client.get(LIST).get_data(as_text=True)
    assert "Jansen, Jan" not in page


def _upload(client, filename: str, data: bytes):
    return upload_import(client, "personeel", data, filename)


def test_import_preview_then_confirm(client, demo, database):
    logged_in(client, "planner")
    before = len(_baken_staff(database))
    page = _upload(client, "personeel.xlsx", (EXAMPLES / "personeel.xlsx").read_bytes())
    text = unescape(page.get_data(as_text=True))
    assert "9 regels: 9 nieuw, 0 bijwerken, 0 ongewijzigd. Er is nog niets opgeslagen." in text
    assert "Aanstellingen die niet in het bestand staan, blijven zoals ze zijn" in text
    assert len(_baken_staff(database)) == before  # a preview writes nothing
    response = confirm_import(client, "personeel", text, follow_redirects=True)
    text = unescape(response.get_data(as_text=True))
    assert "Personeel importeren: 9 regels verwerkt (9 nieuw, 0 bijgewerkt, 0 ongewijzigd)." in text
    assert "Visscher, Marieke" in text  # back on the staff list
    assert len(_baken_staff(database)) == before + 8


def test_an_import_with_a_problem_shows_it_and_offers_no_confirmation(client, demo, database):
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Lyceum De Horizon"))
        horizon_code = session.scalar(select(Employee.code).where(Employee.school_id == school.id))
    csv = (
        (EXAMPLES / "personeel.csv").read_bytes().replace(b"\nBRS;", f"\n{horizon_code};".encode())
    )
    logged_in(client, "planner")
    before = len(_baken_staff(database))
    text = unescape(_upload(client, "personeel.csv", csv).get_data(as_text=True))
    assert "Niet geïmporteerd: 1 fout" in text
    assert "Lyceum De Horizon" in text and "verplaatst niemand" in text
    assert "bevestigen" not in text
    assert len(_baken_staff(database)) == before
