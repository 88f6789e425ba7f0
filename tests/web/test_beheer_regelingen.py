"""The schemes page: installed schemes with their versions and parameters, a board's scheme and
policy settings (saved only when the scheme accepts them, and then used by the engine), a
missing plugin warned, and nothing of another board."""

from __future__ import annotations

import html
from datetime import date

import pytest
from sqlalchemy import select

from jaartaak.domain.periods import CalendarYear, Month
from jaartaak.models import AuditEntry, Employee, Organisation, RegelingGebruik, Role
from jaartaak.services import regelingen
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.services.demo import seed_demo
from jaartaak.services.demo.ggz import GGZ_ORGANISATION, GGZ_SCHEME
from jaartaak.services.demo.netbeheer import NETBEHEER_ORGANISATION, NETBEHEER_SCHEME

from support import DEMO_PASSWORD, TODAY, csrf_token, logged_in

PAGE = "/beheer/regelingen"


def _board_id(database, name: str) -> int:
    with database.session() as session:
        return session.scalar(select(Organisation.id).where(Organisation.name == name))


def _add_beheerder(database, username: str, board_name: str) -> int:
    with database.session() as session:
        board = session.scalar(select(Organisation).where(Organisation.name == board_name))
        if board is None:
            board = Organisation(name=board_name)
            session.add(board)
        user = create_user(
            session, username, DEMO_PASSWORD, display_name=username, organisation=board
        )
        grant_role(session, user, Role.BEHEERDER, board)
        session.flush()
        return board.id


@pytest.fixture
def plugins(app, database):
    """The demo with Demo GGZ and Demo Netbeheer, each with a beheerder of its own."""
    registry = app.extensions["jaartaak"].schemes
    if not {GGZ_SCHEME, NETBEHEER_SCHEME} <= set(registry.schemes):
        pytest.skip("de plugins jaartaak-ggz en jaartaak-benefit-budget zijn niet geïnstalleerd")
    with database.session() as session:
        seed_demo(session, TODAY, DEMO_PASSWORD, registry)
    _add_beheerder(database, "beheerder-ggz", GGZ_ORGANISATION)
    _add_beheerder(database, "beheerder-nwb", NETBEHEER_ORGANISATION)
    return registry


def _settings(database, board_name: str) -> dict | None:
    with database.session() as session:
        board_id = _board_id(database, board_name)
        found = regelingen.gebruik(session, board_id)
        return dict(found.settings) if found else None


def _save(client, board_id: int, values: dict[str, str], version: str | None = None):
    page = client.get(PAGE).get_data(as_text=True)
    prefix = f"b{board_id}-"
    if version is None:
        form = page.split(f"/beheer/regelingen/{board_id}/instellingen")[1]
        version = form.split(f'id="{prefix}version" name="{prefix}version" type="hidden" value="')[
            1
        ].split('"')[0]
    data = {
        f"{prefix}csrf_token": csrf_token(client, PAGE),
        f"{prefix}version": version,
        **{f"{prefix}instelling-{name}": value for name, value in values.items()},
    }
    response = client.post(
        f"/beheer/regelingen/{board_id}/instellingen", data=data, follow_redirects=True
    )
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_the_installed_schemes_with_versions_and_parameters(client, demo, app):
    logged_in(client, "beheerder")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert 'id="regeling-cao-vo"' in page
    assert "cao-vo-2014" in page and "cao-vo-2022" in page
    assert "jaartaak (ingebouwd)" in page
    assert "uurloon_deler" in page and "het seed-document noemt 1/138" in page
    # The demo board is under the CAO VO, whose policy is the schools' taakbeleid.
    board = page.split('id="bestuur-')[1].split("</section>")[0]
    assert "Demo Scholengroep" in board and "CAO VO" in board and "taakbeleid" in board
    assert "-instelling-" not in board  # nothing to edit here: the planner sets them
    registry = app.extensions["jaartaak"].schemes
    if GGZ_SCHEME in registry.schemes:
        assert "ggz-2022" in page and "ggz-2025" in page
        assert "uit jaartaak-ggz" in page
    if NETBEHEER_SCHEME in registry.schemes:
        assert "nwb-2011" in page and "uit jaartaak-benefit-budget" in page


def test_a_scheme_that_is_not_installed_is_warned_about(client, demo, database):
    board_id = _board_id(database, "Demo Scholengroep")
    with database.session() as session:
        session.add(RegelingGebruik(organisation_id=board_id, scheme="cao-oud", settings={}))
    logged_in(client, "beheerder")
    page = client.get(PAGE).get_data(as_text=True)
    warning = page.split(f'id="ontbreekt-{board_id}"')[1].split("</p>")[0]
    assert "<strong>cao-oud</strong>" in warning and "niet geïnstalleerd" in warning
    assert "notice-error" in page.split(f'id="ontbreekt-{board_id}"')[0].rsplit("<p", 1)[1]


def test_a_ggz_policy_setting_is_saved_and_used_by_the_engine(client, database, plugins):
    board_id = _board_id(database, GGZ_ORGANISATION)
    logged_in(client, "beheerder-ggz")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    table = page.split(f'id="instellingen-{board_id}"')[1].split("</table>")[0]
    assert "uurloon_weken" in table and "3/13/36 = 1/156" in table
    assert f'name="b{board_id}-instelling-uurloon_weken"' in table
    assert f'name="b{board_id}-instelling-eindafrekening_uurloon"' not in table  # text, fixed

    page = _save(client, board_id, {"uurloon_weken": "12"})
    assert "De instellingen van Demo GGZ zijn opgeslagen." in page
    assert _settings(database, GGZ_ORGANISATION) == {"uurloon_weken": 12}
    with database.session() as session:
        person = session.scalar(
            select(Employee).where(Employee.organisation_id == board_id).order_by(Employee.id)
        )
        scheme = plugins.schemes[GGZ_SCHEME]
        answer = regelingen.stand(session, person, scheme, CalendarYear(2026), plugins)
        sources = {line.source for line in answer.result.lines}
        assert any("instelling van de werkgever (settings.uurloon_weken)" in s for s in sources)
        change = session.scalar(
            select(AuditEntry)
            .where(AuditEntry.table_name == "regeling_gebruik")
            .order_by(AuditEntry.id.desc())
        )
        assert change.actor_name == "beheerder-ggz"
        assert (change.before, change.after) == (
            {"settings": {}},
            {"settings": {"uurloon_weken": 12}},
        )

    page = _save(client, board_id, {"uurloon_weken": ""})  # empty: back to the default
    assert _settings(database, GGZ_ORGANISATION) == {}


def test_a_bad_override_is_refused_in_dutch_and_nothing_is_saved(client, database, plugins):
    board_id = _board_id(database, GGZ_ORGANISATION)
    before = _settings(database, GGZ_ORGANISATION)
    logged_in(client, "beheerder-ggz")
    page = _save(client, board_id, {"uurloon_weken": "60"})
    assert "Niet opgeslagen: settings.uurloon_weken: 60 is niet toegestaan (1 t/m 53)." in page
    assert _settings(database, GGZ_ORGANISATION) == before == {}
    page = _save(client, board_id, {"uurloon_maanden": "drie"})
    assert "'drie' is geen geheel getal." in page
    assert _settings(database, GGZ_ORGANISATION) == before


def test_the_benefit_budget_age_table_and_deadline_day(client, database, plugins):
    board_id = _board_id(database, NETBEHEER_ORGANISATION)
    before = _settings(database, NETBEHEER_ORGANISATION)
    logged_in(client, "beheerder-nwb")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert 'value="" placeholder="standaard" size="40"' in page  # the age table, one text field
    assert "40:0.40, 45:0.80, 50:1.20, 55:1.60" in page

    page = _save(client, board_id, {"leeftijdsverlof": "40:0.40, 40:0.80"})
    assert "settings.leeftijdsverlof: een leeftijd staat er dubbel in." in page
    page = _save(client, board_id, {"leeftijdsverlof": "veertig:1"})
    assert "'veertig:1' is geen regel van de tabel" in page
    assert _settings(database, NETBEHEER_ORGANISATION) == before

    page = _save(
        client,
        board_id,
        {
            "leeftijdsverlof": "45:0.50, 55:1.50",
            "keuze_sluit_dag": "20",
            "verlof_schaal_40_uur": "nee",
        },
    )
    assert "zijn opgeslagen" in page
    assert "45:0.50, 55:1.50" in page
    assert _settings(database, NETBEHEER_ORGANISATION) == {
        "leeftijdsverlof": [{"vanaf": 45, "pct": "0.50"}, {"vanaf": 55, "pct": "1.50"}],
        "keuze_sluit_dag": 20,
        "verlof_schaal_40_uur": False,
    }
    with database.session() as session:
        person = session.scalar(
            select(Employee).where(Employee.organisation_id == board_id).order_by(Employee.id)
        )
        scheme = plugins.schemes[NETBEHEER_SCHEME]
        answer = regelingen.stand(session, person, scheme, CalendarYear(2026), plugins)
        assert answer.result.errors == []
        assert scheme.month_deadline(Month(2026, 3), answer.settings) == date(2026, 3, 20)


def test_a_stale_form_does_not_overwrite(client, database, plugins):
    board_id = _board_id(database, GGZ_ORGANISATION)
    logged_in(client, "beheerder-ggz")
    _save(client, board_id, {"uurloon_weken": "12"})
    page = _save(client, board_id, {"uurloon_weken": "11"}, version="")  # shown before the save
    assert "Niet opgeslagen" in page or "intussen" in page
    assert _settings(database, GGZ_ORGANISATION) == {"uurloon_weken": 12}


def _change(client, board_id: int, scheme: str, confirm: bool = True):
    prefix = f"b{board_id}-"
    page = client.get(PAGE).get_data(as_text=True)
    form = page.split(f"/beheer/regelingen/{board_id}/regeling")[1]
    version = form.split(f'name="{prefix}version" type="hidden" value="')[1].split('"')[0]
    data = {
        f"{prefix}csrf_token": csrf_token(client, PAGE),
        f"{prefix}version": version,
        f"{prefix}scheme": scheme,
    }
    if confirm:
        data[f"{prefix}bevestig"] = "y"
    response = client.post(
        f"/beheer/regelingen/{board_id}/regeling", data=data, follow_redirects=True
    )
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_changing_the_scheme_needs_confirmation_and_no_stored_choices(client, demo, database):
    board_id = _board_id(database, "Demo Scholengroep")
    logged_in(client, "beheerder")
    page = client.get(PAGE).get_data(as_text=True)
    assert "vallen alle medewerkers van Demo Scholengroep direct" in html.unescape(page)
    page = _change(client, board_id, "cao-vo", confirm=False)
    assert "Bevestig eerst dat u begrijpt wat het wijzigen betekent." in page
    page = _change(client, board_id, "cao-vo")
    assert "Het bestuur valt al onder deze regeling" in page
    page = _change(client, board_id, "bestaat-niet")
    assert "Niet gewijzigd" in page
    with database.session() as session:
        assert regelingen.gebruik(session, board_id) is None


def test_a_board_without_stored_choices_changes_scheme(app, client, database, plugins):
    board_id = _add_beheerder(database, "beheerder-nieuw", "Stichting Nieuw")
    logged_in(client, "beheerder-nieuw")
    page = _change(client, board_id, GGZ_SCHEME)
    assert "De medewerkers van Stichting Nieuw vallen nu onder CAO GGZ: balansbudget." in page
    with database.session() as session:
        assert regelingen.scheme_id_of(session, board_id) == GGZ_SCHEME

    ggz_id = _board_id(database, GGZ_ORGANISATION)
    client = logged_in(app.test_client(), "beheerder-ggz")
    page = client.get(PAGE).get_data(as_text=True)
    assert "al keuzes of gebeurtenissen onder ggz-balansbudget" in page
    page = _change(client, ggz_id, NETBEHEER_SCHEME)
    assert "Niet gewijzigd:" in page and "keuzes of gebeurtenissen" in page
    with database.session() as session:
        assert regelingen.scheme_id_of(session, ggz_id) == GGZ_SCHEME


def test_a_beheerder_of_another_board_gets_404(client, demo, database):
    demo_id = _board_id(database, "Demo Scholengroep")
    _add_beheerder(database, "beheerder-elders", "Stichting Elders")
    logged_in(client, "beheerder-elders")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Stichting Elders" in page and "Demo Scholengroep" not in page
    token = csrf_token(client, PAGE)
    for part in ("instellingen", "regeling"):
        response = client.post(
            f"/beheer/regelingen/{demo_id}/{part}", data={f"b{demo_id}-csrf_token": token}
        )
        assert response.status_code == 404
    assert client.post("/beheer/regelingen/999999/regeling").status_code in (400, 404)


@pytest.mark.parametrize("username", ["planner", "salaris", "jansen"])
def test_other_roles_are_refused(client, demo, username):
    logged_in(client, username)
    assert client.get(PAGE).status_code == 403
