"""The planner's page of one employee: the explanation, the pb choice, the geschiedenis."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from jaartaak.models import Employee, PbKeuze, Schooljaar
from jaartaak.services import keuzes

from support import TODAY, csrf_token, logged_in


def _jansen(database):
    with database.session() as session:
        person = session.scalar(select(Employee).where(Employee.last_name == "Jansen"))
        year = session.scalar(
            select(Schooljaar).where(Schooljaar.start <= TODAY).order_by(Schooljaar.start.desc())
        )
        keuze = keuzes.keuze_of(session, person.id, year.id)
        return person.id, year.id, keuze.version


def test_the_page_shows_every_line_with_formula_and_source(demo, database, client):
    employee_id, _year, _version = _jansen(database)
    logged_in(client, "planner")
    page = client.get(f"/planner/medewerkers/{employee_id}").get_data(as_text=True)
    assert "Jaartaak 2026-2027" in page
    assert "taakbeleid versie 2" in page
    assert "Werktijdfactor over schooljaar 2026-2027" in page
    assert "CAO VO art. 6.1" in page  # the source of the werktijdfactor line
    assert "1.659,00 uur" in page  # Dutch notation of the normjaartaak
    assert "Reductie lestaak: 50,00 uur" in page
    assert 'id="regel-saldo"' in page


def _form(employee_id: int, version: int | None, **hours: str) -> dict:
    data = dict.fromkeys(keuzes.HOUR_FIELDS, "0")
    data.update(hours)
    data.update(aanvulling_niveau="0", aanvulling_wijze="verlof")
    if version is not None:
        data["version"] = str(version)
    return data


def test_a_choice_the_engine_refuses_shows_the_rule_and_changes_nothing(demo, database, client):
    employee_id, year_id, version = _jansen(database)
    logged_in(client, "planner")
    path = f"/planner/medewerkers/{employee_id}/keuze"
    data = _form(employee_id, version, verlof="60", reductie_lestaak="50")
    data["csrf_token"] = csrf_token(client, path)
    response = client.post(path, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "pb.te-veel-uren" in page
    assert "Niet opgeslagen" in page
    with database.session() as session:
        stored = keuzes.keuze_of(session, employee_id, year_id)
        assert (stored.verlof, stored.reductie_lestaak) == (Decimal("0.00"), Decimal("50.00"))


def test_a_valid_choice_is_saved_and_appears_in_the_geschiedenis(demo, database, client):
    employee_id, year_id, version = _jansen(database)
    logged_in(client, "planner")
    path = f"/planner/medewerkers/{employee_id}/keuze"
    data = _form(employee_id, version, verlof="40", reductie_lestaak="50")
    data["csrf_token"] = csrf_token(client, path)
    response = client.post(path, data=data)
    assert response.status_code == 302
    with database.session() as session:
        stored = keuzes.keuze_of(session, employee_id, year_id)
        assert stored.verlof == Decimal("40.00")
    page = client.get(f"/planner/medewerkers/{employee_id}").get_data(as_text=True)
    assert "Verlof: 40,00 uur" in page
    history = client.get(f"/planner/medewerkers/{employee_id}/geschiedenis").get_data(as_text=True)
    assert "pb-keuze" in history
    assert "Piet Planner" in history
    assert "reductie_overige_taken" in history  # 40 → 0: the change is shown field by field


def test_a_stale_choice_is_refused_and_names_the_other_change(demo, database, client):
    employee_id, year_id, version = _jansen(database)
    logged_in(client, "planner")
    path = f"/planner/medewerkers/{employee_id}/keuze"
    token = csrf_token(client, path)
    with database.session() as session:  # someone else saves first
        stored = session.scalar(select(PbKeuze).where(PbKeuze.employee_id == employee_id))
        stored.verlof, stored.reductie_overige_taken = Decimal("40"), Decimal("0")
        session.commit()
    data = _form(employee_id, version, reductie_lestaak="90")
    data["csrf_token"] = token
    response = client.post(path, data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Niet opgeslagen" in page and "intussen gewijzigd" in page
    assert "systeem heeft dit intussen gewijzigd" in page  # who: the other session's actor
    assert "reductie_overige_taken 40.00 → 0; verlof 0.00 → 40." in page
    with database.session() as session:
        stored = keuzes.keuze_of(session, employee_id, year_id)
        assert stored.reductie_lestaak == Decimal("50.00")  # not overwritten


def test_an_employee_of_another_board_is_not_found(demo, database, client):
    from support import new_employee

    with database.session() as session:
        other = new_employee(session, "X9", board_name="Ander Bestuur").id
        session.commit()
    logged_in(client, "planner")
    for path in (f"/planner/medewerkers/{other}", f"/planner/medewerkers/{other}/keuze"):
        assert client.get(path).status_code == 404
    path = f"/planner/medewerkers/{other}/keuze"
    response = client.post(
        path, data=_form(other, None) | {"csrf_token": csrf_token(client, "/planner/")}
    )
    assert response.status_code == 404


def test_an_employee_cannot_open_the_planner_page(demo, database, client):
    employee_id, _year, _version = _jansen(database)
    logged_in(client, "jansen")
    assert client.get(f"/planner/medewerkers/{employee_id}").status_code == 403


def test_a_choice_posted_without_its_version_is_refused_not_saved(demo, database, client):
    """The form must not borrow the stored version: that would skip the stale check."""
    employee_id, year_id, _version = _jansen(database)
    logged_in(client, "planner")
    path = f"/planner/medewerkers/{employee_id}/keuze"
    data = _form(employee_id, None, reductie_lestaak="90")
    data["csrf_token"] = csrf_token(client, path)
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Niet opgeslagen" in page
    with database.session() as session:
        assert keuzes.keuze_of(session, employee_id, year_id).reductie_lestaak == Decimal("50.00")
