"""Taakbrieven through the pages: the PDF shows the page's numbers, versions, replies, access."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html import unescape

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from jaartaak.models import Lesson, Melding, Taakbrief

from support import csrf_token, logged_in
from support_overzicht import add_planner, build_overzicht_school, school_with_logins

PAGE = "/planner/taakbrieven"


@pytest.fixture
def school(database):
    with database.session() as session:
        return school_with_logins(session)


@pytest.fixture
def planner(app, school):
    client = logged_in(app.test_client(), "roosteraar")
    client.get(f"{PAGE}?school={school['school']}&jaar={school['schooljaar']}")
    return client


def publish(client, employee_id: int, follow: bool = True):
    return client.post(
        f"{PAGE}/{employee_id}/publiceren",
        data={"csrf_token": csrf_token(client, PAGE)},
        follow_redirects=follow,
    )


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return text.replace("\xa0", " ")


def versions(database, employee_id: int) -> list[tuple[int, str, str]]:
    with database.session() as session:
        return [
            (b.versie, b.status, b.reactie)
            for b in session.scalars(
                select(Taakbrief)
                .where(Taakbrief.employee_id == employee_id)
                .order_by(Taakbrief.versie)
            )
        ]


def brief_id(database, employee_id: int, versie: int) -> int:
    with database.session() as session:
        return session.scalar(
            select(Taakbrief.id).where(
                Taakbrief.employee_id == employee_id, Taakbrief.versie == versie
            )
        )


def reply(client, taakbrief_id: int, besluit: str, toelichting: str = "", version=None):
    page = client.get("/mijn/taakbrief").get_data(as_text=True)
    if version is None:
        version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    return client.post(
        f"/mijn/taakbrief/{taakbrief_id}/reactie",
        data={
            "csrf_token": csrf_token(client, "/mijn/taakbrief"),
            "besluit": besluit,
            "toelichting": toelichting,
            "version": str(version),
        },
        follow_redirects=True,
    )


def page_amounts(page: str) -> list[str]:
    """The amounts of the explanation table on the jaartaak page, in order."""
    table = page.split('<table class="data explanation">')[1].split("</table>")[0]
    cells = re.findall(r'<td class="num">(.*?)</td>', table, re.S)
    return [unescape(cell).replace("\xa0", " ").strip() for cell in cells]


def test_the_pdf_shows_the_same_numbers_as_the_page(app, planner, school):
    response = publish(planner, school["DOC1"])
    assert "Taakbrief 2026-2027 van Anna Bakker gepubliceerd (versie 1)" in text_of(
        response.get_data(as_text=True)
    )
    anna = logged_in(app.test_client(), "anna")
    mijn = anna.get("/mijn/taakbrief").get_data(as_text=True)
    link = re.search(r'href="(/mijn/taakbrief/\d+\.pdf)"', mijn).group(1)
    download = anna.get(link)
    assert download.headers["Content-Type"] == "application/pdf"
    assert 'filename="taakbrief-DOC1-2026-2027-v1.pdf"' in download.headers["Content-Disposition"]
    text = pdf_text(download.data)

    page = anna.get("/mijn/").get_data(as_text=True)
    amounts = page_amounts(page)
    assert len(amounts) > 20
    position = 0
    for amount in amounts:  # every line's amount, in the page's order
        found = text.find(amount, position)
        assert found >= 0, f"{amount} not in the PDF after position {position}"
        position = found + len(amount)
    assert "Saldo: 431,00 uur (nog te verdelen)" in text
    assert "Saldo: <strong>431,00 uur</strong>" in page
    for fact in ("Anna Bakker", "DOC1", "1 maart 1980", "Testbestuur College", "mentoraat"):
        assert fact in text
    assert "Versie 1, gepubliceerd op" in text
    assert "CAO VO art. 6.1" in text  # the source of a line
    assert "1659.00 − (945.00" in text  # the saldo's formula with its numbers


def test_unchanged_data_gives_no_new_version_a_change_does(app, planner, school, database):
    publish(planner, school["DOC1"])
    again = text_of(publish(planner, school["DOC1"]).get_data(as_text=True))
    assert "Taakbrief van Anna Bakker ongewijzigd" in again
    assert versions(database, school["DOC1"]) == [(1, "gepubliceerd", "")]

    anna = logged_in(app.test_client(), "anna")
    assert "U bent akkoord met versie 1" in text_of(
        reply(anna, brief_id(database, school["DOC1"], 1), "akkoord").get_data(as_text=True)
    )
    overview = text_of(planner.get(PAGE).get_data(as_text=True))
    assert "Akkoord: 1 van 4" in overview

    with database.session() as session:
        lesson = session.scalar(
            select(Lesson).where(Lesson.employee_id == school["DOC1"], Lesson.groep == "3a")
        )
        lesson.lesuren_per_week = Decimal("13")
    overview = text_of(planner.get(PAGE).get_data(as_text=True))
    assert "verouderd: de gegevens zijn gewijzigd sinds versie 1" in overview
    assert "verouderd: 1" in overview

    publish(planner, school["DOC1"])
    assert versions(database, school["DOC1"]) == [(1, "akkoord", ""), (2, "gepubliceerd", "")]
    overview = text_of(planner.get(PAGE).get_data(as_text=True))
    assert "Akkoord: 0 van 4" in overview and "wacht op reactie: 1" in overview
    assert "verouderd: 0" in overview
    with database.session() as session:
        notices = session.scalars(select(Melding.tekst).order_by(Melding.id)).all()
    assert notices[-1] == (
        "Uw taakbrief 2026-2027 (versie 2) staat klaar: lees hem en geef uw akkoord."
    )
    mijn = text_of(anna.get("/mijn/taakbrief").get_data(as_text=True))
    assert "Versie 2" in mijn and "Wacht op uw reactie" in mijn
    assert "Eerdere versies Versie 1" in mijn


def test_an_objection_needs_a_text_and_a_reply_is_given_once(app, planner, school, database):
    publish(planner, school["DOC1"])
    first = brief_id(database, school["DOC1"], 1)
    anna = logged_in(app.test_client(), "anna")
    refused = text_of(reply(anna, first, "bezwaar", "   ").get_data(as_text=True))
    assert "Schrijf bij een bezwaar wat er volgens u niet klopt." in refused
    assert "Kies akkoord of bezwaar." in text_of(
        reply(anna, first, "misschien").get_data(as_text=True)
    )
    assert versions(database, school["DOC1"]) == [(1, "gepubliceerd", "")]

    reply(anna, first, "bezwaar", "Mentoraat kost mij 80 uur, geen 60.")
    assert versions(database, school["DOC1"]) == [
        (1, "bezwaar", "Mentoraat kost mij 80 uur, geen 60.")
    ]
    overview = text_of(planner.get(PAGE).get_data(as_text=True))
    assert "Bezwaar" in overview and "Mentoraat kost mij 80 uur, geen 60." in overview
    assert "bezwaar: 1" in overview
    notices = text_of(planner.get("/meldingen").get_data(as_text=True))
    assert "Anna Bakker maakt bezwaar tegen taakbrief 2026-2027 (versie 1): Mentoraat kost" in (
        notices
    )

    stored_version = 2  # the row's version after the objection
    second = reply(anna, first, "akkoord", version=stored_version).get_data(as_text=True)
    assert "U heeft al gereageerd op versie 1 (bezwaar)" in text_of(second)
    assert versions(database, school["DOC1"])[0][1] == "bezwaar"


def test_an_older_version_cannot_be_answered(app, planner, school, database):
    publish(planner, school["DOC2"])
    older = brief_id(database, school["DOC2"], 1)
    with database.session() as session:
        lesson = session.scalar(select(Lesson).where(Lesson.employee_id == school["DOC2"]))
        lesson.lesuren_per_week = Decimal("17")
    publish(planner, school["DOC2"])
    bas = logged_in(app.test_client(), "bas")
    page = text_of(reply(bas, older, "akkoord", version=1).get_data(as_text=True))
    assert "Versie 1 is vervangen door versie 2." in page
    assert versions(database, school["DOC2"]) == [(1, "gepubliceerd", ""), (2, "gepubliceerd", "")]


def test_a_stale_form_is_refused(app, planner, school, database):
    publish(planner, school["DOC1"])
    anna = logged_in(app.test_client(), "anna")
    page = reply(anna, brief_id(database, school["DOC1"], 1), "akkoord", version=7)
    assert "Niet opgeslagen" in text_of(page.get_data(as_text=True))
    assert versions(database, school["DOC1"]) == [(1, "gepubliceerd", "")]


def test_a_jaartaak_with_an_engine_error_is_not_published(planner, school, database):
    page = text_of(publish(planner, school["BAD1"]).get_data(as_text=True))
    assert "niet gepubliceerd: de berekening van de jaartaak geeft een fout" in page
    assert "pb.te-veel-uren" in page
    assert versions(database, school["BAD1"]) == []


def test_an_employee_cannot_reach_a_colleagues_brief_by_changing_ids(
    app, planner, school, database
):
    publish(planner, school["DOC1"])
    publish(planner, school["DOC2"])
    bas_brief = brief_id(database, school["DOC2"], 1)
    anna = logged_in(app.test_client(), "anna")
    assert anna.get(f"/mijn/taakbrief/{bas_brief}.pdf").status_code == 404
    assert anna.get("/mijn/taakbrief/99999999999.pdf").status_code == 404
    response = anna.post(
        f"/mijn/taakbrief/{bas_brief}/reactie",
        data={
            "csrf_token": csrf_token(anna, "/mijn/taakbrief"),
            "besluit": "akkoord",
            "version": "1",
        },
    )
    assert response.status_code == 404
    assert versions(database, school["DOC2"]) == [(1, "gepubliceerd", "")]
    assert "Vries" not in anna.get("/mijn/taakbrief").get_data(as_text=True).split("<main")[1]
    for path in (PAGE, f"{PAGE}/{bas_brief}.pdf"):
        assert anna.get(path).status_code == 403, path
    assert anna.post(f"{PAGE}/{school['DOC2']}/publiceren").status_code in (400, 403)


def test_a_planner_of_another_school_gets_not_found(app, planner, school, database):
    publish(planner, school["DOC1"])
    own_brief = brief_id(database, school["DOC1"], 1)
    with database.session() as session:
        other = build_overzicht_school(session, board_name="Ander bestuur")
        add_planner(session, "vreemde", other["organisation"], other["school"])
    stranger = logged_in(app.test_client(), "vreemde")
    assert stranger.get(f"{PAGE}/{own_brief}.pdf").status_code == 404
    assert f'/planner/medewerkers/{school["DOC1"]}"' not in stranger.get(PAGE).get_data(
        as_text=True
    )
    response = stranger.post(
        f"{PAGE}/{school['DOC1']}/publiceren", data={"csrf_token": csrf_token(stranger, PAGE)}
    )
    assert response.status_code == 404
    assert versions(database, school["DOC1"]) == [(1, "gepubliceerd", "")]
    assert planner.get(f"{PAGE}/{own_brief}.pdf").status_code == 200


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"version": "abc"}, "Ongeldig getal."),
        ({"toelichting": "x" * 4001, "besluit": "bezwaar"}, "Schrijf hoogstens 4000 tekens."),
    ],
)
def test_bad_reply_input_gets_a_dutch_message_and_changes_nothing(
    app, planner, school, database, fields, message
):
    publish(planner, school["DOC1"])
    anna = logged_in(app.test_client(), "anna")
    data = {"csrf_token": csrf_token(anna, "/mijn/taakbrief"), "besluit": "akkoord"}
    data.update(fields)
    response = anna.post(
        f"/mijn/taakbrief/{brief_id(database, school['DOC1'], 1)}/reactie",
        data=data,
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert message in text_of(response.get_data(as_text=True))
    assert versions(database, school["DOC1"]) == [(1, "gepubliceerd", "")]
