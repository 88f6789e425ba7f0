"""The planner's Schooljaar en taakbeleid page: versions, a new version, a new year, copying."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jaartaak.models import Organisation, School, Schooljaar, Taakbeleid, Task, TaskGroup
from jaartaak.services import taakbeleid

from support import csrf_token, logged_in, new_schooljaar

PAGE = "/planner/schooljaar"


def _ids(database) -> dict:
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Lyceum De Horizon"))
        years = {
            y.code: y.id
            for y in session.scalars(
                select(Schooljaar).where(Schooljaar.organisation_id == school.organisation_id)
            )
        }
        return {"school": school.id, "organisation": school.organisation_id, **years}


@pytest.fixture
def planner(demo, database, client):
    logged_in(client, "planner")
    return _ids(database)


def _where(ids, code: str) -> str:
    return f"school={ids['school']}&jaar={ids[code]}"


def _form(token: str, number: int, **changes) -> dict:
    data = {
        "csrf_token": token,
        "number": str(number),
        "ingangsdatum": "2027-02-01",
        "lesduur_minuten": "50",
        "lesweken": "37,8",
        "opslagfactor": "0,5",
        "max_lestaak_klokuren": "720",
        "ontwikkeltijd": "50",
        "professionalisering_op": "83",
        "professionalisering_oop": "40",
        "ast_per_fte": "12,5",
        "opslag_per_vak": "natuurkunde = 0,6\nlichamelijke opvoeding = 0,3",
        "pb_deadline": "1-3-2026",
        "toelichting": "Na overleg met de PMR",
    }
    data.update(changes)
    return data


def _versions(database, ids, code: str) -> list[Taakbeleid]:
    with database.session() as session:
        return taakbeleid.taakbeleid_versions(session, ids["school"], ids[code])


def test_the_page_shows_the_version_in_use_and_its_history(planner, client):
    page = client.get(f"{PAGE}?{_where(planner, '2026-2027')}").get_data(as_text=True)
    assert "Versie 2, ingangsdatum 1 jan 2027" in page
    assert "Lesweken aangepast aan de nieuwe jaarplanning" in page
    assert "38 weken" in page
    assert "10,00 uur" in page  # ast per fte
    assert '<td>lichamelijke opvoeding</td><td class="num">0,3000</td>' in page
    assert "Vastgesteld met instemming van de PMR" in page  # version 1 in the history
    assert 'name="number" type="hidden" value="2"' in page
    assert "Versie 3 vaststellen" in page
    assert "Standaardwaarden CAO VO" not in page
    # each year shows the version it uses
    row = f'jaar={planner["2027-2028"]}">2027-2028</a></td>'
    assert row in page
    after = page.split(row, 1)[1]
    assert after.split("</tr>", 1)[0].strip().endswith("<td>standaardwaarden CAO VO</td>")
    row_now = page.split(f'jaar={planner["2026-2027"]}">2026-2027</a></td>', 1)[1]
    assert row_now.split("</tr>", 1)[0].strip().endswith("<td>versie 2</td>")


def test_a_year_without_taakbeleid_says_the_defaults_apply(planner, client):
    page = client.get(f"{PAGE}?{_where(planner, '2027-2028')}").get_data(as_text=True)
    assert "Standaardwaarden CAO VO, nog geen taakbeleid vastgesteld voor Lyceum De Horizon" in page
    assert "37,8 weken" in page
    assert 'name="lesweken" required type="text" value="37,8"' in page
    assert 'name="number" type="hidden" value="0"' in page
    assert 'name="ingangsdatum" required type="date" value="2027-08-01"' in page


def test_saving_a_new_version(planner, client, database):
    path = f"{PAGE}?{_where(planner, '2026-2027')}"
    token = csrf_token(client, path)
    response = client.post(
        f"{PAGE}/taakbeleid?{_where(planner, '2026-2027')}", data=_form(token, 2)
    )
    assert response.status_code == 302
    versions = _versions(database, planner, "2026-2027")
    assert [v.number for v in versions] == [3, 2, 1]
    newest = versions[0]
    assert newest.ast_per_fte == Decimal("12.50") and newest.lesweken == Decimal("37.80")
    assert newest.opslag_per_vak == {"lichamelijke opvoeding": "0.3000", "natuurkunde": "0.6000"}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Versie 3 van het taakbeleid 2026-2027 is vastgesteld" in page
    assert "Versie 3, ingangsdatum 1 feb 2027;" in page
    assert "vastgesteld door planner op" in page
    assert "1 mrt 2026" in page  # the pb deadline


def test_a_stale_form_is_refused_and_shows_the_newer_version(planner, client, database):
    path = f"{PAGE}?{_where(planner, '2026-2027')}"
    token = csrf_token(client, path)
    target = f"{PAGE}/taakbeleid?{_where(planner, '2026-2027')}"
    assert client.post(target, data=_form(token, 2)).status_code == 302
    response = client.post(target, data=_form(token, 2, ast_per_fte="20"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Niet opgeslagen: planner heeft intussen versie 3 van het taakbeleid vastgesteld" in page
    assert "uw formulier ging uit van versie 2" in page
    assert 'name="number" type="hidden" value="3"' in page
    assert [v.number for v in _versions(database, planner, "2026-2027")] == [3, 2, 1]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lesduur_minuten": "130"}, "Lesduur in minuten moet meer dan 0 en hoogstens 120 zijn"),
        ({"opslagfactor": "0,12345"}, "Gebruik hoogstens 4 decimalen."),
        ({"lesweken": "veel"}, "&#39;veel&#39; is geen getal"),
        ({"opslag_per_vak": "natuurkunde = 0,6\ntekenen 0,4"}, "Opslag per vak, regel 2"),
        ({"opslag_per_vak": "tekenen = 3"}, "De opslagfactor voor tekenen moet minstens 0"),
        ({"ingangsdatum": "1-8-2027"}, "Ingangsdatum 01-08-2027 valt buiten schooljaar"),
        ({"ingangsdatum": "morgen"}, "Geen geldige datum"),
        ({"pb_deadline": "1-9-2026"}, "Deadline pb-aanvragen 01-09-2026"),
    ],
)
def test_a_wrong_value_is_refused_and_the_form_keeps_the_input(
    planner, client, database, changes, message
):
    token = csrf_token(client, f"{PAGE}?{_where(planner, '2026-2027')}")
    response = client.post(
        f"{PAGE}/taakbeleid?{_where(planner, '2026-2027')}", data=_form(token, 2, **changes)
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert "Na overleg met de PMR" in page  # what the planner typed is still there
    assert len(_versions(database, planner, "2026-2027")) == 2


def test_posting_without_csrf_changes_nothing(planner, client, database):
    response = client.post(f"{PAGE}/taakbeleid?{_where(planner, '2026-2027')}", data=_form("", 2))
    assert response.status_code == 400
    assert len(_versions(database, planner, "2026-2027")) == 2
    response = client.post(f"{PAGE}/nieuw", data={"start_year": "2028"})
    assert response.status_code == 400


def test_another_school_is_a_404(planner, client, database):
    with database.session() as session:
        board = Organisation(name="Ander bestuur")
        other = School(organisation=board, name="Ander college")
        session.add_all([board, other])
        session.flush()
        other_id = other.id
    assert client.get(f"{PAGE}?school={other_id}").status_code == 404
    token = csrf_token(client, PAGE)
    response = client.post(f"{PAGE}/taakbeleid?school={other_id}", data=_form(token, 0))
    assert response.status_code == 404
    response = client.post(f"{PAGE}/nieuw?school={other_id}", data={"csrf_token": token})
    assert response.status_code == 404
    with database.session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Taakbeleid).where(Taakbeleid.school_id == other_id)
            )
            == 0
        )


def test_creating_the_next_schooljaar(planner, client, database):
    page = client.get(PAGE).get_data(as_text=True)
    assert "Schooljaar 2028-2029 aanmaken" in page
    token = csrf_token(client, PAGE)
    response = client.post(f"{PAGE}/nieuw", data={"csrf_token": token, "start_year": "2028"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Schooljaar 2028-2029 is aangemaakt" in page
    assert "Standaardwaarden CAO VO, nog geen taakbeleid vastgesteld" in page  # the new year
    response = client.post(
        f"{PAGE}/nieuw", data={"csrf_token": token, "start_year": "2028"}, follow_redirects=True
    )
    assert "Schooljaar 2028-2029 bestaat al voor Demo Scholengroep" in response.get_data(
        as_text=True
    )
    with database.session() as session:
        codes = session.scalars(
            select(Schooljaar.code).where(Schooljaar.organisation_id == planner["organisation"])
        ).all()
        assert sorted(codes) == ["2025-2026", "2026-2027", "2027-2028", "2028-2029"]


def _catalogue_size(database, ids, code: str) -> tuple[int, int]:
    with database.session() as session:
        return tuple(
            session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.school_id == ids["school"], model.schooljaar_id == ids[code])
            )
            for model in (TaskGroup, Task)
        )


def test_copying_last_year_asks_for_confirmation_then_copies(planner, client, database):
    where = _where(planner, "2027-2028")
    page = client.get(f"{PAGE}?{where}").get_data(as_text=True)
    # the latest earlier year comes first, and is chosen unless the planner changes it
    assert f'name="bron" required><option selected value="{planner["2026-2027"]}">2026-2027' in (
        page
    )
    token = csrf_token(client, f"{PAGE}?{where}")
    data = {"csrf_token": token, "bron": str(planner["2026-2027"]), "toewijzen": "y"}
    response = client.post(f"{PAGE}/kopieren?{where}", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Er is nog niets overgenomen" in page
    assert "Versie 2 van 2026-2027 wordt versie 1 van 2027-2028" in page
    assert "Ja, overnemen in 2027-2028" in page
    assert "Lessen worden niet overgenomen" in page
    assert _catalogue_size(database, planner, "2027-2028") == (0, 0)
    groups, tasks = _catalogue_size(database, planner, "2026-2027")

    response = client.post(f"{PAGE}/kopieren?{where}", data={**data, "bevestigd": "ja"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Overgenomen uit 2026-2027: taakbeleid versie 2, {groups} taakgroepen" in page
    assert "Overgenomen uit 2026-2027 (versie 2)" in page  # the new version's toelichting
    assert _catalogue_size(database, planner, "2027-2028") == (groups, tasks)
    [copied] = _versions(database, planner, "2027-2028")
    assert copied.lesweken == Decimal("38.00")

    response = client.post(
        f"{PAGE}/kopieren?{where}", data={**data, "bevestigd": "ja"}, follow_redirects=True
    )
    assert "Lyceum De Horizon heeft in 2027-2028 al 1 versie taakbeleid" in response.get_data(
        as_text=True
    )
    assert _catalogue_size(database, planner, "2027-2028") == (groups, tasks)


def test_the_copy_form_offers_the_latest_year_with_a_taakbeleid_first(planner, client):
    """2027-2028 was made but never filled in: for 2028-2029, 2026-2027 is what to copy."""
    token = csrf_token(client, PAGE)
    response = client.post(f"{PAGE}/nieuw", data={"csrf_token": token, "start_year": "2028"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2028-2029" in page
    chosen = re.search(r'<option selected value="(\d+)">([\d-]+)</option>', page)
    assert chosen.groups() == (str(planner["2026-2027"]), "2026-2027")


def test_copy_only_from_an_earlier_year_of_the_board(planner, client, database):
    with database.session() as session:
        board = Organisation(name="Ander bestuur")
        session.add(board)
        foreign_id = new_schooljaar(session, board).id
    where = _where(planner, "2027-2028")
    token = csrf_token(client, f"{PAGE}?{where}")
    for bron in (foreign_id, planner["2027-2028"]):  # another board's year; not an earlier one
        response = client.post(
            f"{PAGE}/kopieren?{where}",
            data={"csrf_token": token, "bron": str(bron), "bevestigd": "ja"},
            follow_redirects=True,
        )
        assert "Kies het schooljaar waaruit u wilt overnemen" in response.get_data(as_text=True)
    assert _catalogue_size(database, planner, "2027-2028") == (0, 0)


@pytest.mark.parametrize("action", ["taakbeleid", "nieuw", "kopieren"])
def test_the_werkplek_switch_on_a_page_shown_after_a_post_lands_on_the_page(
    planner, client, action
):
    """The werkplek form GETs the current URL; for a POST-only URL that must not be a 405."""
    where = _where(planner, "2025-2026")
    response = client.get(f"{PAGE}/{action}?{where}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{PAGE}?{where}"
