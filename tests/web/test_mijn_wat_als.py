"""Wat als and choice requests in the browser's terms: the employee simulates and asks, the
planner decides, the employee reads the outcome. Other people's requests stay out of reach."""

from __future__ import annotations

import re
import socket
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from jaartaak.models import Employee, KeuzeVerzoek, Melding, PbKeuze, User
from jaartaak.services import verzoeken
from jaartaak.services.demo import seed_demo
from jaartaak.services.schooljaren import create_schooljaar

from support import DEMO_PASSWORD, TODAY, csrf_token, logged_in, table_rows
from support_overzicht import add_medewerker, add_planner, build_overzicht_school

TWEEDE_AANVULLING = {
    "pb__reductie_lestaak": "32",
    "pb__verlof": "40",
    "aanvulling_level": "2",
    "aanvulling_mode": "verlof",
}


@pytest.fixture
def window(database, demo):
    """devries's request window (a next schooljaar is made when the demo's is in the past)."""
    with database.session() as session:
        devries = session.scalar(select(Employee).where(Employee.last_name == "Vries"))
        found = verzoeken.venster(session, devries, date.today())
        if found is None:
            create_schooljaar(session, devries.organisation, date.today().year + 1)
            found = verzoeken.venster(session, devries, date.today())
        return {"employee": devries.id, "jaar": found.schooljaar.id, "code": found.schooljaar.code}


def _post(client, data: dict, jaar: int):
    path = f"/mijn/wat-als?jaar={jaar}"
    form = {"csrf_token": csrf_token(client, path), **data}
    return client.post(path, data=form)


def _counts(database) -> tuple[int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(KeuzeVerzoek)),
            session.scalar(select(func.count()).select_from(PbKeuze)),
        )


def test_what_if_shows_the_2e_aanvulling_beside_the_plan_and_stores_nothing(
    client, database, window
):
    logged_in(client, "devries")
    page = client.get("/mijn/wat-als").get_data(as_text=True)
    assert f'Wat als <span class="muted">{window["code"]}</span>' in page
    before = _counts(database)
    response = _post(client, {**TWEEDE_AANVULLING, "actie": "doorrekenen"}, window["jaar"])
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and _counts(database) == before
    changed = table_rows(page, "wat-verandert")
    assert any(row.startswith("2e aanvulling 57+ 0,00 uur 136,00 uur") for row in changed)
    assert "Eigen bijdrage per maand – € 480,55 € 480,55" in changed
    assert (
        "Minder lesuren per week 0,00 lesuren/week 5,44 lesuren/week 5,44 lesuren/week" in changed
    )
    months = table_rows(page, "salaris-per-maand")
    assert len(months) == 12
    assert months[0].endswith("€ 0,00 € -480,55") and months[-1].endswith("€ 0,00 € -480,51")


def test_a_refused_what_if_names_the_rule(client, window):
    logged_in(client, "devries")
    page = _post(
        client,
        {"pb__verlof": "500", "aanvulling_level": "0", "actie": "doorrekenen"},
        window["jaar"],
    ).get_data(as_text=True)
    assert "Deze keuzes passen niet binnen de regels" in page
    assert "<strong>pb.te-veel-uren</strong>" in page


def test_request_approved_by_the_planner_becomes_the_plan(app, client, database, window):
    logged_in(client, "devries")
    response = _post(
        client,
        {**TWEEDE_AANVULLING, "actie": "indienen", "toelichting": "Graag, i.v.m. mantelzorg."},
        window["jaar"],
    )
    assert response.status_code == 302 and "/mijn/verzoeken" in response.headers["Location"]
    page = client.get("/mijn/verzoeken").get_data(as_text=True)
    assert "Ingediend" in page and "1e en 2e aanvulling" in page
    with database.session() as session:
        verzoek = session.scalar(select(KeuzeVerzoek))
        verzoek_id = verzoek.id
    planner = app.test_client()
    logged_in(planner, "planner")
    listing = planner.get("/planner/verzoeken").get_data(as_text=True)
    assert "<strong>1</strong> verzoek wacht op een besluit" in listing
    path = f"/planner/verzoeken/{verzoek_id}"
    detail = planner.get(path).get_data(as_text=True)
    assert "Graag, i.v.m. mantelzorg." in detail
    employee_page = planner.get(f"/planner/medewerkers/{window['employee']}")
    assert f'href="/planner/verzoeken/{verzoek_id}">Verzoek bekijken' in employee_page.get_data(
        as_text=True
    )
    assert "Eigen bijdrage per maand – € 480,55 € 480,55" in table_rows(detail, "wat-verandert")
    version = re.search(r'name="version" type="hidden" value="(\d+)"', detail).group(1)
    response = planner.post(
        path,
        data={"csrf_token": csrf_token(planner, path), "version": version, "actie": "goedkeuren"},
    )
    assert response.status_code == 302
    with database.session() as session:
        plan = session.scalar(
            select(PbKeuze).where(
                PbKeuze.employee_id == window["employee"], PbKeuze.schooljaar_id == window["jaar"]
            )
        )
        assert (plan.aanvulling_niveau, str(plan.verlof), str(plan.reductie_lestaak)) == (
            2,
            "40.00",
            "32.00",
        )
    page = client.get("/mijn/verzoeken").get_data(as_text=True)
    assert "<strong>Goedgekeurd</strong>" in page and "Piet Planner" in page
    header = client.get("/meldingen").get_data(as_text=True)
    assert 'class="badge">1</span>' in header
    assert f"Uw verzoek voor {window['code']} is goedgekeurd door Piet Planner." in header
    token = csrf_token(client, "/meldingen")
    client.post("/meldingen/gelezen", data={"csrf_token": token})
    assert 'class="badge"' not in client.get("/meldingen").get_data(as_text=True)
    mijn = client.get(f"/mijn/?jaar={window['jaar']}").get_data(as_text=True)
    assert "57+-aanvulling: 1e en 2e aanvulling, als verlof" in mijn


def test_a_rejection_without_reason_is_refused_and_changes_nothing(app, client, database, window):
    logged_in(client, "devries")
    _post(client, {**TWEEDE_AANVULLING, "actie": "indienen"}, window["jaar"])
    with database.session() as session:
        verzoek_id = session.scalar(select(KeuzeVerzoek.id))
    planner = app.test_client()
    logged_in(planner, "planner")
    path = f"/planner/verzoeken/{verzoek_id}"
    token = csrf_token(planner, path)
    data = {"csrf_token": token, "version": "1", "actie": "afwijzen", "reden": ""}
    page = planner.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Geef een reden waarom het verzoek wordt afgewezen." in page
    with database.session() as session:
        assert session.get(KeuzeVerzoek, verzoek_id).status == "ingediend"
    data["reden"] = "De formatie laat het niet toe."
    planner.post(path, data=data)
    page = client.get("/mijn/verzoeken").get_data(as_text=True)
    assert "<strong>Afgewezen</strong>" in page and "Reden: De formatie laat het niet toe." in page


def test_a_second_request_while_one_is_open_is_refused(client, database, window):
    logged_in(client, "devries")
    _post(client, {**TWEEDE_AANVULLING, "actie": "indienen"}, window["jaar"])
    page = client.get(f"/mijn/wat-als?jaar={window['jaar']}").get_data(as_text=True)
    assert "al een verzoek ingediend" in page and 'value="indienen"' not in page
    response = _post(client, {**TWEEDE_AANVULLING, "actie": "indienen"}, window["jaar"])
    assert response.status_code == 200
    assert "U heeft al een verzoek voor" in response.get_data(as_text=True)
    assert _counts(database)[0] == 1


def test_others_cannot_reach_a_request_by_its_id(app, client, database, window):
    logged_in(client, "devries")
    _post(client, {**TWEEDE_AANVULLING, "actie": "indienen"}, window["jaar"])
    with database.session() as session:
        verzoek_id = session.scalar(select(KeuzeVerzoek.id))
        other = build_overzicht_school(session, "Ander Bestuur")
        add_planner(session, "anderplanner", other["organisation"])
        add_medewerker(session, "anderdocent", other["DOC1"])
    jansen = app.test_client()
    logged_in(jansen, "jansen")
    token = csrf_token(jansen, "/mijn/verzoeken")
    path = f"/mijn/verzoeken/{verzoek_id}/intrekken"
    assert jansen.post(path, data={"csrf_token": token, "version": "1"}).status_code == 404
    assert "Vries" not in jansen.get("/mijn/verzoeken").get_data(as_text=True)
    assert jansen.get(f"/planner/verzoeken/{verzoek_id}").status_code == 403
    assert jansen.get("/planner/verzoeken").status_code == 403
    stranger = app.test_client()
    logged_in(stranger, "anderplanner")
    assert stranger.get(f"/planner/verzoeken/{verzoek_id}").status_code == 404
    assert "Vries" not in stranger.get("/planner/verzoeken").get_data(as_text=True)
    outsider = app.test_client()
    logged_in(outsider, "anderdocent")
    assert outsider.get(f"/mijn/wat-als?jaar={window['jaar']}").status_code == 404
    with database.session() as session:
        assert session.get(KeuzeVerzoek, verzoek_id).status == "ingediend"


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def test_the_decision_is_mailed_when_smtp_is_configured(app_with):
    inbox = _Inbox()
    with socket.socket() as probe:  # a free port: aiosmtpd checks its own port after starting
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        app = app_with(
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=port,
            SMTP_STARTTLS=False,
            MAIL_FROM="jaartaak@school.example",
        )
        database = app.extensions["jaartaak"].database
        with database.session() as session:
            seed_demo(session, TODAY, DEMO_PASSWORD)
            devries = session.scalar(select(User).where(User.username == "devries"))
            devries.email = "a.devries@school.example"
            person = session.get(Employee, devries.employee_id)
            if verzoeken.venster(session, person, date.today()) is None:
                create_schooljaar(session, person.organisation, date.today().year + 1)
        client = app.test_client()
        logged_in(client, "devries")
        with database.session() as session:
            person = session.scalar(select(Employee).where(Employee.last_name == "Vries"))
            jaar = verzoeken.venster(session, person, date.today()).schooljaar
            jaar_id, code = jaar.id, jaar.code
        _post(client, {**TWEEDE_AANVULLING, "actie": "indienen"}, jaar_id)
        with database.session() as session:
            verzoek_id = session.scalar(select(KeuzeVerzoek.id))
        planner = app.test_client()
        logged_in(planner, "planner")
        path = f"/planner/verzoeken/{verzoek_id}"
        data = {"csrf_token": csrf_token(planner, path), "version": "1", "actie": "afwijzen"}
        planner.post(path, data={**data, "reden": "Niet in dit rooster."})
        assert len(inbox.messages) == 1
        envelope = inbox.messages[0]
        assert envelope.rcpt_tos == ["a.devries@school.example"]
        text = envelope.content.decode()
        assert f"Subject: Uw verzoek voor {code} is afgewezen" in text
        assert "Reden: Niet in dit rooster." in text
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(Melding)) == 1
    finally:
        smtp.stop()
