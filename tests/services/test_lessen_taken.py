"""Lessons, the task catalogue and task assignments: the services and the two Importers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from jaartaak.models import (
    Employee,
    Lesson,
    Organisation,
    School,
    Schooljaar,
    Task,
    TaskAssignment,
    TaskGroup,
)
from jaartaak.services import lessen, taken, toewijzingen
from jaartaak.services.accounts import create_user
from jaartaak.services.errors import Refused
from jaartaak.services.imports import lessen as lessen_import
from jaartaak.services.imports import taken as taken_import
from jaartaak.services.imports.upload import Target, apply_import, keep_upload, preview_import

from support import DEMO_PASSWORD

VOORBEELDEN = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"


@pytest.fixture
def session(database):
    with database.session() as session:
        yield session


@dataclass
class World:
    school: School
    other_school: School
    year: Schooljaar
    last_year: Schooljaar
    people: dict[str, Employee]
    user_id: int


def person(school: School, code: str, last_name: str) -> Employee:
    return Employee(
        organisation=school.organisation,
        school=school,
        code=code,
        first_name="Test",
        last_name=last_name,
        birth_date=date(1980, 1, 1),
        category="OP",
        salary_scale="LC",
        fulltime_monthly_salary=Decimal("5000.00"),
    )


@pytest.fixture
def world(session) -> World:
    board = Organisation(name="Bestuur Test")
    school = School(organisation=board, name="Het Baken")
    other = School(organisation=board, name="De Horizon")
    year = Schooljaar(
        organisation=board, code="2026-2027", start=date(2026, 8, 1), end_date=date(2027, 7, 31)
    )
    last = Schooljaar(
        organisation=board, code="2025-2026", start=date(2025, 8, 1), end_date=date(2026, 7, 31)
    )
    people = {
        "JANP": person(school, "JANP", "Jansen"),
        "VRIW": person(school, "VRIW", "Vries"),
        "BAKS": person(school, "BAKS", "Bakker"),
        "HORX": person(other, "HORX", "Horizon"),
    }
    session.add_all([board, school, other, year, last, *people.values()])
    user = create_user(session, "planner", DEMO_PASSWORD, display_name="P", organisation=board)
    session.flush()
    return World(school, other, year, last, people, user.id)


def lesson(session, employee, year, vak, groep, lesuren) -> Lesson:
    record = Lesson(
        employee=employee, schooljaar=year, vak=vak, groep=groep, lesuren_per_week=Decimal(lesuren)
    )
    session.add(record)
    session.flush()
    return record


def lessons_of(session, employee, year) -> list[tuple[str, str, Decimal]]:
    rows = session.scalars(
        select(Lesson).where(Lesson.employee_id == employee.id, Lesson.schooljaar_id == year.id)
    )
    return sorted(
        ((row.vak, row.groep, row.lesuren_per_week) for row in rows),
        key=lambda row: (row[0].casefold(), row[1]),
    )


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


# Lessons --------------------------------------------------------------------------------------


def test_lessons_are_added_changed_and_deleted(session, world):
    jan = world.people["JANP"]
    added = lessen.add_lesson(session, jan, world.year, " wiskunde ", "1A", Decimal("3.5"))
    assert (added.vak, added.groep, added.lesuren_per_week) == ("wiskunde", "1A", Decimal("3.5"))
    lessen.update_lesson(session, added, added.version, "wiskunde", "2B", Decimal("4"))
    assert lessons_of(session, jan, world.year) == [("wiskunde", "2B", Decimal("4"))]
    overview = lessen.lessons_per_employee(session, world.school.id, world.year.id)
    assert [(row.employee.code, row.total) for row in overview] == [
        ("BAKS", Decimal("0.00")),
        ("JANP", Decimal("4")),
        ("VRIW", Decimal("0.00")),
    ]
    lessen.delete_lesson(session, added, added.version)
    assert lessons_of(session, jan, world.year) == []


@pytest.mark.parametrize(
    ("vak", "lesuren", "message"),
    [
        ("", "3", "Vul het vak in."),
        ("wiskunde", "0", "groter dan 0 en hoogstens 40"),
        ("wiskunde", "40.01", "groter dan 0 en hoogstens 40"),
        ("wiskunde", "2.555", "hoogstens 2 decimalen"),
    ],
)
def test_a_bad_lesson_is_refused(session, world, vak, lesuren, message):
    with pytest.raises(Refused, match=message):
        lessen.add_lesson(session, world.people["JANP"], world.year, vak, "", Decimal(lesuren))
    assert lessons_of(session, world.people["JANP"], world.year) == []


def test_the_same_vak_and_groep_twice_is_refused(session, world):
    jan = world.people["JANP"]
    lessen.add_lesson(session, jan, world.year, "Wiskunde", "1A", Decimal("3"))
    with pytest.raises(Refused, match="heeft al een les Wiskunde \\(1A\\)"):
        lessen.add_lesson(session, jan, world.year, "wiskunde", "1a", Decimal("2"))
    other = lessen.add_lesson(session, jan, world.year, "wiskunde", "1B", Decimal("2"))
    with pytest.raises(Refused):
        lessen.update_lesson(session, other, other.version, "wiskunde", "1A", Decimal("2"))


def test_a_stale_lesson_edit_changes_nothing(session, world):
    record = lesson(session, world.people["JANP"], world.year, "wiskunde", "1A", "3")
    shown = record.version
    lessen.update_lesson(session, record, shown, "wiskunde", "1A", Decimal("4"))
    with pytest.raises(StaleDataError):
        lessen.update_lesson(session, record, shown, "wiskunde", "1A", Decimal("5"))
    with pytest.raises(StaleDataError):
        lessen.delete_lesson(session, record, shown)
    assert record.lesuren_per_week == Decimal("4")


# The timetable import -------------------------------------------------------------------------


def lesson_preview(session, world, data: bytes):
    return preview_import(
        session, lessen_import.IMPORTER, Target(world.school, world.year), "rooster.csv", data
    )


def import_lessons(session, world, data: bytes):
    stored = keep_upload(session, world.user_id, "rooster.csv", data)
    return apply_import(
        session, lessen_import.IMPORTER, Target(world.school, world.year), world.user_id, stored.id
    )


def test_the_timetable_import_replaces_the_lessons_of_the_teachers_in_the_file(session, world):
    jan, wil, saar = (world.people[code] for code in ("JANP", "VRIW", "BAKS"))
    lesson(session, jan, world.year, "wiskunde", "1A", "4")
    lesson(session, jan, world.year, "wiskunde", "2B", "3")
    lesson(session, jan, world.year, "wiskunde", "3C", "2")
    lesson(session, jan, world.last_year, "wiskunde", "1A", "5")
    lesson(session, wil, world.year, "Engels", "1A", "3")
    data = csv_bytes(
        "docentcode;vak;groep;lesuren",
        "JANP;wiskunde;1A;4",
        "janp;Wiskunde;3C;2,5",
        "JANP;natuurkunde;;1,5",
        "BAKS;Frans;2B;3",
    )
    preview = lesson_preview(session, world, data)
    assert not preview.problems
    assert [(row.number, row.action) for row in preview.rows] == [
        (2, "ongewijzigd"),
        (3, "bijwerken"),
        (4, "nieuw"),
        (5, "nieuw"),
    ]
    assert preview.notes == [
        "1 bestaande les staat niet in het bestand en wordt verwijderd: JANP wiskunde (2B)."
    ]
    assert import_lessons(session, world, data) == {"nieuw": 2, "bijwerken": 1, "ongewijzigd": 1}
    assert lessons_of(session, jan, world.year) == [
        ("natuurkunde", "", Decimal("1.5")),
        ("wiskunde", "1A", Decimal("4")),
        ("Wiskunde", "3C", Decimal("2.5")),
    ]
    assert lessons_of(session, jan, world.last_year) == [("wiskunde", "1A", Decimal("5"))]
    assert lessons_of(session, wil, world.year) == [("Engels", "1A", Decimal("3"))]
    assert lessons_of(session, saar, world.year) == [("Frans", "2B", Decimal("3"))]


def test_bad_timetable_rows_import_nothing_and_name_row_and_column(session, world):
    jan = world.people["JANP"]
    lesson(session, jan, world.year, "wiskunde", "1A", "4")
    data = csv_bytes(
        "docentcode;vak;groep;lesuren",
        "JANP;wiskunde;2B;3",
        "XXXX;wiskunde;1A;3",
        "HORX;Engels;1A;3",
        "VRIW;Engels;1A;drie",
        "VRIW;Duits;1A;41",
        "JANP;Wiskunde;2b;1",
        "BAKS;;1A;2",
    )
    preview = lesson_preview(session, world, data)
    found = [(p.row, p.column) for p in preview.problems]
    assert found == [
        (3, "docentcode"),
        (4, "docentcode"),
        (5, "lesuren"),
        (6, "lesuren"),
        (7, "vak"),
        (8, "vak"),
    ]
    messages = {(p.row, p.column): p.message for p in preview.problems}
    assert "'XXXX' is geen medewerker van Het Baken" in messages[(3, "docentcode")]
    assert "'drie' is geen getal" in messages[(5, "lesuren")]
    assert "in rij 2" in messages[(7, "vak")]
    with pytest.raises(Refused, match="Er is niets geïmporteerd"):
        import_lessons(session, world, data)
    assert lessons_of(session, jan, world.year) == [("wiskunde", "1A", Decimal("4"))]
    assert lessons_of(session, world.people["VRIW"], world.year) == []


def test_the_example_files_import_without_problems(session, world):
    with (VOORBEELDEN / "personeel.csv").open(encoding="utf-8-sig") as file:
        codes = {row["code"] for row in csv.DictReader(file, delimiter=";")}
    session.add_all(person(world.school, code, code) for code in codes)
    session.flush()
    preview = lesson_preview(session, world, (VOORBEELDEN / "lessen.csv").read_bytes())
    assert not preview.problems, list(preview.problems)
    assert {row.action for row in preview.rows} == {"nieuw"}
    target = Target(world.school, world.year)
    catalogue = preview_import(
        session, taken_import.IMPORTER, target, "t.csv", (VOORBEELDEN / "taken.csv").read_bytes()
    )
    assert not catalogue.problems, list(catalogue.problems)
    assert len(catalogue.rows) == 14


# The catalogue --------------------------------------------------------------------------------


def test_the_catalogue_counts_employees_and_assigned_hours(session, world):
    group = taken.create_group(session, world.school, world.year, "Begeleiding")
    mentor = taken.create_task(session, world.school, world.year, "Mentor", group, Decimal("60"))
    loose = taken.create_task(session, world.school, world.year, "BHV", None, Decimal("15.5"))
    taken.create_group(session, world.school, world.year, "Leeg")
    toewijzingen.assign(session, world.people["JANP"], mentor)
    toewijzingen.assign(session, world.people["VRIW"], mentor, Decimal("70"))
    lines = taken.catalogue(session, world.school.id, world.year.id)
    shown = [
        (
            entry.group.name if entry.group else None,
            [(line.task.name, line.employees, line.assigned_hours) for line in entry.tasks],
        )
        for entry in lines
    ]
    assert shown == [
        ("Begeleiding", [("Mentor", 2, Decimal("130"))]),
        ("Leeg", []),
        (None, [("BHV", 0, Decimal("0.00"))]),
    ]
    assert loose.task_group is None


def test_names_are_unique_per_school_and_schooljaar(session, world):
    taken.create_task(session, world.school, world.year, "Open dag", None, Decimal("12"))
    with pytest.raises(Refused, match="al een taak 'Open dag'"):
        taken.create_task(session, world.school, world.year, "open DAG", None, Decimal("1"))
    # The same name in another year or at another school is another task.
    taken.create_task(session, world.school, world.last_year, "Open dag", None, Decimal("12"))
    taken.create_task(session, world.other_school, world.year, "Open dag", None, Decimal("12"))
    taken.create_group(session, world.school, world.year, "Sectie")
    with pytest.raises(Refused, match="al een taakgroep 'Sectie'"):
        taken.create_group(session, world.school, world.year, "sectie")


def test_an_assigned_task_and_a_group_with_tasks_are_not_deleted(session, world):
    group = taken.create_group(session, world.school, world.year, "Examens")
    task = taken.create_task(session, world.school, world.year, "Secretaris", group, Decimal("80"))
    given = toewijzingen.assign(session, world.people["JANP"], task)
    with pytest.raises(Refused, match="nog aan 1 medewerker toegewezen"):
        taken.delete_task(session, task, task.version)
    with pytest.raises(Refused, match="bevat nog 1 taak"):
        taken.delete_group(session, group, group.version)
    toewijzingen.unassign(session, given, given.version)
    taken.delete_task(session, task, task.version)
    taken.delete_group(session, group, group.version)
    assert session.scalars(select(Task)).all() == []
    assert session.scalars(select(TaskGroup)).all() == []


def test_a_stale_task_edit_is_refused(session, world):
    task = taken.create_task(session, world.school, world.year, "Open dag", None, Decimal("12"))
    shown = task.version
    taken.update_task(session, task, shown, "Open dag", None, Decimal("14"))
    with pytest.raises(StaleDataError):
        taken.update_task(session, task, shown, "Open avond", None, Decimal("10"))
    assert (task.name, task.default_hours) == ("Open dag", Decimal("14"))


def test_the_catalogue_import_updates_by_name(session, world):
    group = taken.create_group(session, world.school, world.year, "Begeleiding")
    taken.create_task(session, world.school, world.year, "Decanaat", group, Decimal("100"))
    taken.create_task(session, world.school, world.year, "Open dag", None, Decimal("12"))
    taken.create_task(session, world.school, world.year, "Excursie", None, Decimal("16"))
    data = csv_bytes(
        "taakgroep;taak;uren",
        "begeleiding;decanaat;120",
        ";Open dag;12",
        "Organisatie;Werkweek;40,5",
    )
    target = Target(world.school, world.year)
    preview = preview_import(session, taken_import.IMPORTER, target, "t.csv", data)
    assert [row.action for row in preview.rows] == ["bijwerken", "ongewijzigd", "nieuw"]
    stored = keep_upload(session, world.user_id, "t.csv", data)
    apply_import(session, taken_import.IMPORTER, target, world.user_id, stored.id)
    catalogue = {
        task.name: (task.task_group.name if task.task_group else "", task.default_hours)
        for task in taken.tasks(session, world.school.id, world.year.id)
    }
    assert catalogue == {
        "decanaat": ("Begeleiding", Decimal("120")),
        "Open dag": ("", Decimal("12")),
        "Excursie": ("", Decimal("16")),
        "Werkweek": ("Organisatie", Decimal("40.5")),
    }


def test_bad_catalogue_rows_are_named(session, world):
    data = csv_bytes("taakgroep;taak;uren", "A;Mentor;60", "B;mentor;10", "A;;3", "A;BHV;-1")
    target = Target(world.school, world.year)
    preview = preview_import(session, taken_import.IMPORTER, target, "t.csv", data)
    assert [(p.row, p.column) for p in preview.problems] == [
        (3, "taak"),
        (4, "taak"),
        (5, "uren"),
    ]


# Assignments ----------------------------------------------------------------------------------


def test_a_task_is_assigned_once_with_default_or_own_hours(session, world):
    task = taken.create_task(session, world.school, world.year, "Mentor", None, Decimal("60"))
    given = toewijzingen.assign(session, world.people["JANP"], task)
    assert (given.hours, given.schooljaar_id) == (Decimal("60"), world.year.id)
    own = toewijzingen.assign(session, world.people["VRIW"], task, Decimal("45.5"))
    assert own.hours == Decimal("45.5")
    with pytest.raises(Refused, match="heeft de taak 'Mentor' al"):
        toewijzingen.assign(session, world.people["JANP"], task, Decimal("10"))
    with pytest.raises(Refused, match="andere school"):
        toewijzingen.assign(session, world.people["HORX"], task)
    shown = given.version
    toewijzingen.change_hours(session, given, shown, Decimal("65"))
    with pytest.raises(StaleDataError):
        toewijzingen.change_hours(session, given, shown, Decimal("70"))
    with pytest.raises(Refused, match="tussen 0 en 1659"):
        toewijzingen.change_hours(session, given, given.version, Decimal("1660"))
    assert given.hours == Decimal("65")


def test_bulk_assignment_skips_who_has_the_task(session, world):
    task = taken.create_task(session, world.school, world.year, "Open dag", None, Decimal("12"))
    jan, wil, saar = (world.people[code] for code in ("JANP", "VRIW", "BAKS"))
    toewijzingen.assign(session, jan, task, Decimal("20"))
    result = toewijzingen.bulk_assign(session, task, [jan.id, wil.id, saar.id, wil.id], None)
    assert [p.code for p in result.created] == ["VRIW", "BAKS"]
    assert [p.code for p in result.already] == ["JANP"]
    assert "toegewezen aan 2 medewerkers" in result.message(task)
    hours = {
        a.employee.code: a.hours
        for a in session.scalars(select(TaskAssignment).where(TaskAssignment.task_id == task.id))
    }
    assert hours == {"JANP": Decimal("20"), "VRIW": Decimal("12"), "BAKS": Decimal("12")}
    again = toewijzingen.bulk_assign(session, task, [wil.id], Decimal("30"))
    assert (again.created, [p.code for p in again.already]) == ([], ["VRIW"])
    with pytest.raises(Refused, match="niet op de school"):
        toewijzingen.bulk_assign(session, task, [world.people["HORX"].id], None)
    with pytest.raises(Refused, match="ten minste één"):
        toewijzingen.bulk_assign(session, task, [], None)
