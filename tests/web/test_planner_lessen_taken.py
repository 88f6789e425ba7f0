"""The planner's lessons and task pages: forms, imports, bulk assignment, refusals and 404s."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jaartaak.models import Employee, Lesson, School, Task, TaskAssignment
from jaartaak.services import staff

from support import (
    TODAY,
    confirm_import,
    csrf_token,
    logged_in,
    new_employee,
    new_schooljaar,
    upload_import,
)


@dataclass(frozen=True)
class Demo:
    school_id: int
    year_id: int
    jansen_id: int
    jansen_code: str
    devries_id: int
    devries_code: str


@pytest.fixture
def plan(demo, database, client) -> Demo:
    """The planner, logged in, working on Het Baken College in the demo's current schooljaar."""
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Het Baken College"))
        year = staff.current_schooljaar(session, school.organisation_id, TODAY)
        jansen = session.scalar(select(Employee).where(Employee.last_name == "Jansen"))
        devries = session.scalar(select(Employee).where(Employee.last_name == "Vries"))
        found = Demo(school.id, year.id, jansen.id, jansen.code, devries.id, devries.code)
    logged_in(client, "planner")
    # The werkplek is remembered in the session: every later page works on this school and year.
    assert client.get(f"/planner/lessen?school={school.id}&jaar={year.id}").status_code == 200
    return found


def post(client, path: str, **data):
    data["csrf_token"] = csrf_token(client, path)
    return client.post(path, data=data)


def lessons(database, employee_id: int, year_id: int) -> dict[tuple[str, str], Decimal]:
    with database.session() as session:
        return {
            (row.vak, row.groep): row.lesuren_per_week
            for row in session.scalars(
                select(Lesson).where(
                    Lesson.employee_id == employee_id, Lesson.schooljaar_id == year_id
                )
            )
        }


def other_board(database) -> tuple[int, int]:
    """An employee and a task of a school the demo planner does not plan."""
    with database.session() as session:
        person = new_employee(session, "VREEMD")
        year = new_schooljaar(session, person.organisation)
        task = Task(school=person.school, schooljaar=year, name="Vreemd", default_hours=10)
        session.add(task)
        session.flush()
        return person.id, task.id


# Lessons --------------------------------------------------------------------------------------


def test_the_lessons_page_shows_each_employee_with_a_total(plan, database, client):
    mine = lessons(database, plan.jansen_id, plan.year_id)
    page = client.get("/planner/lessen").get_data(as_text=True)
    assert "Lessen 2026-2027" in page
    assert f'id="medewerker-{plan.jansen_id}"' in page
    total = sum(mine.values())
    assert f"{total:.2f}".replace(".", ",") in page
    assert "/planner/import/lessen" in page
    searched = client.get(f"/planner/lessen?q={plan.jansen_code}").get_data(as_text=True)
    assert f'id="medewerker-{plan.jansen_id}"' in searched
    assert f'id="medewerker-{plan.devries_id}"' not in searched


def test_a_lesson_is_added_with_a_dutch_decimal(plan, database, client):
    path = f"/planner/medewerkers/{plan.jansen_id}/lessen/nieuw"
    response = post(client, path, vak="informatica", groep="5vwo", lesuren="2,5")
    assert response.status_code == 302
    assert lessons(database, plan.jansen_id, plan.year_id)[("informatica", "5vwo")] == Decimal(
        "2.5"
    )


@pytest.mark.parametrize(
    ("vak", "lesuren", "message"),
    [
        ("informatica", "twee", "&#39;twee&#39; is geen getal"),
        ("informatica", "41", "hoogstens 40 lesuren per week"),
        ("informatica", "0", "Vul meer dan 0"),
        ("", "2", "Vul het vak in."),
    ],
)
def test_a_bad_lesson_form_saves_nothing(plan, database, client, vak, lesuren, message):
    before = lessons(database, plan.jansen_id, plan.year_id)
    path = f"/planner/medewerkers/{plan.jansen_id}/lessen/nieuw"
    response = post(client, path, vak=vak, groep="", lesuren=lesuren)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert lessons(database, plan.jansen_id, plan.year_id) == before


def test_a_stale_lesson_edit_shows_the_other_change(plan, database, client):
    with database.session() as session:
        lesson = session.scalar(select(Lesson).where(Lesson.employee_id == plan.jansen_id))
        lesson_id, version, vak, groep = lesson.id, lesson.version, lesson.vak, lesson.groep
    path = f"/planner/medewerkers/{plan.jansen_id}/lessen/{lesson_id}"
    token = csrf_token(client, path)
    first = {
        "csrf_token": token,
        "vak": vak,
        "groep": groep,
        "lesuren": "7",
        "version": str(version),
    }
    assert client.post(path, data=first).status_code == 302
    second = dict(first, lesuren="8")  # a form that was rendered before the first save
    response = client.post(path, data=second, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Niet opgeslagen: planner heeft dit intussen gewijzigd" in page
    assert "lesuren_per_week" in page and "→ 7.00" in page
    assert 'value="7,00"' in page  # the edit page again, with the current data
    assert lessons(database, plan.jansen_id, plan.year_id)[(vak, groep)] == Decimal("7")


def test_a_lesson_is_deleted_after_confirmation(plan, database, client):
    with database.session() as session:
        lesson = session.scalar(select(Lesson).where(Lesson.employee_id == plan.jansen_id))
        lesson_id, version, key = lesson.id, lesson.version, (lesson.vak, lesson.groep)
    path = f"/planner/medewerkers/{plan.jansen_id}/lessen/{lesson_id}/verwijderen"
    assert "verwijderen?" in client.get(path).get_data(as_text=True)
    assert key in lessons(database, plan.jansen_id, plan.year_id)
    assert post(client, path, version=str(version)).status_code == 302
    assert key not in lessons(database, plan.jansen_id, plan.year_id)


def test_another_schools_employee_and_task_are_not_found(plan, database, client):
    employee_id, task_id = other_board(database)
    with database.session() as session:
        lesson_id = session.scalar(select(Lesson.id).where(Lesson.employee_id == plan.devries_id))
    for path in (
        f"/planner/medewerkers/{employee_id}/lessen/nieuw",
        f"/planner/medewerkers/{employee_id}/taken",
        f"/planner/medewerkers/{plan.jansen_id}/lessen/{lesson_id}",  # De Vries's lesson
        f"/planner/taken/{task_id}",
        f"/planner/taken/{task_id}/toewijzen",
        f"/planner/taken/{task_id}/verwijderen",
    ):
        assert client.get(path).status_code == 404, path
    token = csrf_token(client, "/planner/taken/nieuw")
    response = client.post(
        f"/planner/taken/{task_id}/toewijzen", data={"csrf_token": token, "hours": "1"}
    )
    assert response.status_code == 404
    response = client.post(
        f"/planner/medewerkers/{employee_id}/lessen/nieuw",
        data={"csrf_token": token, "vak": "x", "lesuren": "1"},
    )
    assert response.status_code == 404


def upload(client, key: str, text: str):
    return upload_import(client, key, text.encode(), "bestand.csv")


def confirm(client, key: str, page: str):
    return confirm_import(client, key, page, follow_redirects=True)


def test_the_timetable_import_replaces_the_lessons_in_the_file(plan, database, client):
    devries_before = lessons(database, plan.devries_id, plan.year_id)
    (vak, groep), hours = sorted(lessons(database, plan.jansen_id, plan.year_id).items())[0]
    text = (
        "docentcode;vak;groep;lesuren\n"
        f"{plan.jansen_code};{vak};{groep};{hours}\n"
        f"{plan.jansen_code};informatica;6vwo;3,5\n"
    )
    page = upload(client, "lessen", text).get_data(as_text=True)
    assert "VERVANGT" in page
    assert "2 regels: 1 nieuw, 0 bijwerken, 1 ongewijzigd" in page
    assert "niet in het bestand en worden verwijderd" in page
    done = confirm(client, "lessen", page).get_data(as_text=True)
    assert "Lessen importeren: 2 regels verwerkt (1 nieuw, 0 bijgewerkt, 1 ongewijzigd)." in done
    assert lessons(database, plan.jansen_id, plan.year_id) == {
        (vak, groep): hours,
        ("informatica", "6vwo"): Decimal("3.5"),
    }
    assert lessons(database, plan.devries_id, plan.year_id) == devries_before


def test_a_timetable_with_bad_rows_imports_nothing(plan, database, client):
    before = lessons(database, plan.jansen_id, plan.year_id)
    text = (
        "docentcode;vak;groep;lesuren\n"
        f"{plan.jansen_code};informatica;6vwo;3\n"
        "ONBEKEND;informatica;6vwo;3\n"
        f"{plan.jansen_code};informatica;5vwo;veel\n"
        f"{plan.jansen_code};Informatica;6VWO;1\n"
    )
    page = upload(client, "lessen", text).get_data(as_text=True)
    assert "Niet geïmporteerd: 3 fouten" in page
    assert '<td class="num">3</td><td>docentcode</td><td>&#39;ONBEKEND&#39;' in page
    assert '<td class="num">4</td><td>lesuren</td><td>&#39;veel&#39; is geen getal' in page
    assert '<td class="num">5</td><td>vak</td>' in page
    assert 'name="file_id"' not in page
    assert lessons(database, plan.jansen_id, plan.year_id) == before


# Tasks ----------------------------------------------------------------------------------------


def demo_task(database, plan, name: str) -> tuple[int, int, Decimal]:
    with database.session() as session:
        task = session.scalar(
            select(Task).where(
                Task.name == name,
                Task.school_id == plan.school_id,
                Task.schooljaar_id == plan.year_id,
            )
        )
        return task.id, task.version, task.default_hours


def holders(database, task_id: int) -> dict[int, Decimal]:
    with database.session() as session:
        return {
            a.employee_id: a.hours
            for a in session.scalars(
                select(TaskAssignment).where(TaskAssignment.task_id == task_id)
            )
        }


def test_the_catalogue_shows_counts_and_assigned_hours(plan, database, client):
    task_id, _version, _hours = demo_task(database, plan, "Open dag")
    given = holders(database, task_id)
    page = client.get("/planner/taken").get_data(as_text=True)
    assert "Takenlijst 2026-2027" in page
    row = page.split("<td>Open dag</td>")[1].split("</tr>")[0]
    total = f"{sum(given.values(), Decimal('0')):.2f}".replace(".", ",")
    assert f'<td class="num">{len(given)}</td>' in row
    assert f'<td class="num">{total}</td>' in row


def test_bulk_assignment_reports_who_had_the_task(plan, database, client):
    task_id, _version, _hours = demo_task(database, plan, "Vertrouwenspersoon")
    path = f"/planner/taken/{task_id}/toewijzen"
    page = client.get(path).get_data(as_text=True)
    assert 'value="30,00"' in page  # the hours default to the task's
    token = csrf_token(client, path)
    data = {"csrf_token": token, "employees": [plan.jansen_id], "hours": "30"}
    assert client.post(path, data=data).status_code == 302
    data = {"csrf_token": token, "employees": [plan.jansen_id, plan.devries_id], "hours": "12,5"}
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert "toegewezen aan 1 medewerker." in page
    assert "Hadden de taak al (niet dubbel toegewezen, uren ongewijzigd): Jan Jansen." in page
    given = holders(database, task_id)
    assert given[plan.jansen_id] == Decimal("30")
    assert given[plan.devries_id] == Decimal("12.5")
    with database.session() as session:
        count = session.scalar(
            select(func.count()).where(
                TaskAssignment.task_id == task_id, TaskAssignment.employee_id == plan.jansen_id
            )
        )
    assert count == 1
    assert "al toegewezen (30,00 uur)" in client.get(path).get_data(as_text=True)
    stranger, _task = other_board(database)
    data = {"csrf_token": token, "employees": [plan.jansen_id, stranger], "hours": "1"}
    page = client.post(path, data=data).get_data(as_text=True)
    assert "Een gekozen medewerker werkt niet op de school van deze taak." in page
    assert stranger not in holders(database, task_id)


def test_a_task_given_twice_at_the_same_moment_is_refused_not_a_crash(
    plan, database, client, monkeypatch
):
    """Two planners assign the same task at once: both pass the service's check, the database's
    unique index stops the second, and that planner reads why; nothing is stored twice."""
    task_id, _version, _hours = demo_task(database, plan, "Vertrouwenspersoon")
    path = f"/planner/taken/{task_id}/toewijzen"
    token = csrf_token(client, path)
    data = {"csrf_token": token, "employees": [plan.jansen_id], "hours": "30"}
    assert client.post(path, data=data).status_code == 302
    before = holders(database, task_id)
    assert before[plan.jansen_id] == Decimal("30")
    # The second planner's check ran before the first one's commit: it saw no holders.
    monkeypatch.setattr("jaartaak.services.toewijzingen.holders", lambda session, task: {})
    page = client.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Iemand anders heeft intussen hetzelfde opgeslagen" in page
    assert holders(database, task_id) == before


def test_an_assigned_task_is_not_deleted(plan, database, client):
    task_id, version, _hours = demo_task(database, plan, "Open dag")
    assert holders(database, task_id)
    path = f"/planner/taken/{task_id}/verwijderen"
    page = post(client, path, version=str(version))
    page = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "is nog aan" in page and "haal die toewijzingen eerst weg" in page
    assert demo_task(database, plan, "Open dag")[0] == task_id


def test_tasks_and_groups_are_created_with_unique_names(plan, database, client):
    response = post(client, "/planner/taken/groepen/nieuw", name="Kwaliteit")
    assert response.status_code == 302
    response = post(client, "/planner/taken/nieuw", name="Audit", group="0", default_hours="8,5")
    assert response.status_code == 302
    assert demo_task(database, plan, "Audit")[2] == Decimal("8.5")
    response = post(client, "/planner/taken/nieuw", name="open dag", group="0", default_hours="1")
    assert "al een taak &#39;Open dag&#39;" in response.get_data(as_text=True)


def test_a_task_is_given_to_one_employee_and_the_hours_changed(plan, database, client):
    with database.session() as session:
        has = select(TaskAssignment.task_id).where(TaskAssignment.employee_id == plan.devries_id)
        task = session.scalars(
            select(Task)
            .where(Task.school_id == plan.school_id, Task.schooljaar_id == plan.year_id)
            .where(Task.id.not_in(has))
            .order_by(Task.name)
        ).first()
        task_id, default = task.id, task.default_hours
    path = f"/planner/medewerkers/{plan.devries_id}/taken"
    assert f'<option value="{task_id}">' in client.get(path).get_data(as_text=True)
    assert post(client, path, task=str(task_id), hours="").status_code == 302
    assert holders(database, task_id)[plan.devries_id] == default
    again = post(client, path, task=str(task_id), hours="5")  # a page shown before the first add
    assert "niet (meer) te kiezen" in client.get(again.headers["Location"]).get_data(as_text=True)
    with database.session() as session:
        given = session.scalar(
            select(TaskAssignment).where(
                TaskAssignment.task_id == task_id, TaskAssignment.employee_id == plan.devries_id
            )
        )
        given_id, version = given.id, given.version
    edit = f"/planner/medewerkers/{plan.devries_id}/taken/{given_id}"
    token = csrf_token(client, edit)
    saved = client.post(edit, data={"csrf_token": token, "hours": "99,5", "version": version})
    assert saved.status_code == 302
    stale = client.post(
        edit, data={"csrf_token": token, "hours": "1", "version": version}, follow_redirects=True
    )
    assert "Niet opgeslagen" in stale.get_data(as_text=True)
    assert holders(database, task_id)[plan.devries_id] == Decimal("99.5")
    gone = f"{edit}/verwijderen"
    assert post(client, gone, version=str(version + 1)).status_code == 302
    assert plan.devries_id not in holders(database, task_id)


def test_the_catalogue_import_adds_and_updates(plan, database, client):
    text = "taakgroep;taak;uren\nBegeleiding;Decanaat;130\nNieuw;Robotica;25,5\n"
    page = upload(client, "taken", text).get_data(as_text=True)
    assert "2 regels: 1 nieuw, 1 bijwerken, 0 ongewijzigd" in page
    confirm(client, "taken", page)
    assert demo_task(database, plan, "Decanaat")[2] == Decimal("130")
    assert demo_task(database, plan, "Robotica")[2] == Decimal("25.5")
