"""Taakbeleid versions and setting up a schooljaar: numbering, refusals, copying."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jaartaak.db.audit import Actor
from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Appointment,
    Employee,
    Organisation,
    School,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
    TaskGroup,
)
from jaartaak.services import schooljaren, taakbeleid
from jaartaak.services.errors import Refused
from jaartaak.services.taakbeleid_invoer import opslag_lines, parse_opslag_lines

PIET = Actor(None, "Piet Planner")
KEES = Actor(None, "Kees Collega")


@pytest.fixture
def board(database):
    """A board with one school and schooljaar 2026-2027; returns the ids."""
    with database.session(PIET) as session:
        organisation = Organisation(name="Bestuur Test")
        school = School(organisation=organisation, name="Lyceum")
        session.add_all([organisation, school])
        session.flush()
        year = schooljaren.create_schooljaar(session, organisation, 2026)
        return {"organisation": organisation.id, "school": school.id, "year": year.id}


def _values(**changes) -> dict:
    values = dict(TAAKBELEID_DEFAULTS)
    values.update(changes)
    return values


def _load(session, board):
    return session.get(School, board["school"]), session.get(Schooljaar, board["year"])


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


# --- schooljaren -----------------------------------------------------------------------------


def test_create_schooljaar_runs_august_to_july_and_refuses_a_duplicate(database, board):
    with database.session(PIET) as session:
        organisation = session.get(Organisation, board["organisation"])
        year = schooljaren.create_schooljaar(session, organisation, 2027)
        assert (year.code, year.start, year.end_date) == (
            "2027-2028",
            date(2027, 8, 1),
            date(2028, 7, 31),
        )
        with pytest.raises(Refused, match="Schooljaar 2027-2028 bestaat al voor Bestuur Test"):
            schooljaren.create_schooljaar(session, organisation, 2027)
        with pytest.raises(Refused, match="begint in 2000 tot en met 2099"):
            schooljaren.create_schooljaar(session, organisation, 1999)
        assert schooljaren.next_start_year(organisation.schooljaren) == 2028


# --- taakbeleid versions -----------------------------------------------------------------------


def test_versions_are_numbered_and_never_edited(database, board):
    with database.session(PIET) as session:
        school, year = _load(session, board)
        assert taakbeleid.current_taakbeleid(session, school.id, year.id) is None
        first = taakbeleid.new_version(
            session,
            school,
            year,
            _values(opslag_per_vak={"Natuurkunde": Decimal("0.6")}, toelichting=" MR akkoord "),
            date(2026, 8, 1),
            0,
        )
        second = taakbeleid.new_version(
            session, school, year, _values(lesweken=Decimal("38")), date(2027, 1, 1), 1
        )
        assert (first.number, second.number) == (1, 2)
        assert first.lesweken == Decimal("37.80") and second.lesweken == Decimal("38.00")
        assert first.opslag_per_vak == {"Natuurkunde": "0.6000"}
        assert first.toelichting == "MR akkoord"
        assert first.version == 1  # the first row was not touched
    with database.session() as session:
        current = taakbeleid.current_taakbeleid(session, board["school"], board["year"])
        assert current.number == 2
        numbers = [v.number for v in taakbeleid.taakbeleid_versions(session, *_ids(board))]
        assert numbers == [2, 1]
        by_school = taakbeleid.current_taakbeleid_by_school(
            session, [board["school"]], board["year"]
        )
        assert by_school[board["school"]].number == 2
        made = taakbeleid.made_by(session, taakbeleid.taakbeleid_versions(session, *_ids(board)))
        assert {m.who for m in made.values()} == {"Piet Planner"}


def _ids(board) -> tuple[int, int]:
    return board["school"], board["year"]


def test_a_stale_number_is_refused_naming_who_made_the_newer_version(database, board):
    with database.session(KEES) as session:
        school, year = _load(session, board)
        taakbeleid.new_version(session, school, year, _values(), date(2026, 8, 1), 0)
    with database.session(PIET) as session:
        school, year = _load(session, board)
        with pytest.raises(taakbeleid.NewerVersion) as refused:
            taakbeleid.new_version(session, school, year, _values(), date(2026, 9, 1), 0)
        message = str(refused.value)
        assert "Kees Collega heeft intussen versie 1 van het taakbeleid vastgesteld" in message
        assert "uw formulier ging uit van de standaardwaarden" in message
        with pytest.raises(taakbeleid.NewerVersion, match="versie 5 van het taakbeleid bestaat"):
            taakbeleid.new_version(session, school, year, _values(), date(2026, 9, 1), 5)
    with database.session() as session:
        assert _count(session, Taakbeleid) == 1


def test_two_saves_in_the_same_instant_keep_one_version(database, board, monkeypatch):
    """Both read "no version yet"; the unique number makes the second one a refusal."""
    with database.session(KEES) as session:
        school, year = _load(session, board)
        taakbeleid.new_version(session, school, year, _values(), date(2026, 8, 1), 0)
    monkeypatch.setattr(taakbeleid, "current_taakbeleid", lambda *_args: None)
    with (
        pytest.raises(taakbeleid.NewerVersion, match="tegelijk een nieuwe versie"),
        database.session(PIET) as session,
    ):
        school, year = _load(session, board)
        taakbeleid.new_version(session, school, year, _values(), date(2026, 9, 1), 0)
    with database.session() as session:
        [only] = session.scalars(select(Taakbeleid)).all()
        assert only.ingangsdatum == date(2026, 8, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lesduur_minuten": Decimal("0")}, "Lesduur in minuten moet meer dan 0 en hoogstens 120"),
        ({"lesduur_minuten": Decimal("121")}, "ingevuld is 121"),
        ({"lesweken": Decimal("53")}, "Lesweken per schooljaar moet meer dan 0 en hoogstens 52"),
        ({"opslagfactor": Decimal("-0.1")}, "Opslagfactor voor- en nawerk moet minstens 0"),
        ({"opslagfactor": Decimal("2.5")}, "hoogstens 2 zijn; ingevuld is 2,5"),
        ({"opslagfactor": Decimal("0.12345")}, "Opslagfactor voor- en nawerk: gebruik hoogstens 4"),
        ({"max_lestaak_klokuren": Decimal("1660")}, "Maximale lestaak in klokuren per fte moet"),
        ({"ontwikkeltijd": Decimal("-1")}, "Ontwikkeltijd per fte moet minstens 0"),
        ({"professionalisering_op": Decimal("2000")}, "Professionalisering per fte (OP en"),
        ({"professionalisering_oop": Decimal("1659.5")}, "Professionalisering per fte (OOP)"),
        ({"ast_per_fte": Decimal("1700")}, "Algemene schooltaken per fte moet minstens 0 en"),
        ({"ast_per_fte": Decimal("10.123")}, "Algemene schooltaken per fte: gebruik hoogstens 2"),
        ({"lesweken": None}, "Lesweken per schooljaar: vul een waarde in"),
        (
            {"opslag_per_vak": {"natuurkunde": Decimal("3")}},
            "De opslagfactor voor natuurkunde moet minstens 0 en hoogstens 2",
        ),
        (
            {"opslag_per_vak": {"Wiskunde": Decimal("0.6"), "wiskunde ": Decimal("0.7")}},
            "Opslag per vak: wiskunde staat er twee keer in",
        ),
        ({"opslag_per_vak": {"x" * 41: Decimal("0.6")}}, "langer dan 40 tekens"),
        ({"toelichting": "x" * 501}, "Toelichting: hoogstens 500 tekens"),
        ({"pb_deadline": date(2026, 8, 1)}, "Deadline pb-aanvragen 01-08-2026"),
        ({"pb_deadline": date(2025, 7, 31)}, "ligt op of na 01-08-2025 en vóór 01-08-2026"),
    ],
)
def test_each_parameter_is_checked_with_a_message_naming_it(database, board, changes, message):
    with database.session(PIET) as session:
        school, year = _load(session, board)
        with pytest.raises(Refused, match=_escaped(message)):
            taakbeleid.new_version(session, school, year, _values(**changes), date(2026, 8, 1), 0)
        assert _count(session, Taakbeleid) == 0


def _escaped(text: str) -> str:
    import re

    return re.escape(text)


def test_the_dates_of_a_version(database, board):
    with database.session(PIET) as session:
        school, year = _load(session, board)
        with pytest.raises(Refused, match="Ingangsdatum 31-07-2026 valt buiten schooljaar"):
            taakbeleid.new_version(session, school, year, _values(), date(2026, 7, 31), 0)
        with pytest.raises(Refused, match="Ingangsdatum 01-08-2027 valt buiten"):
            taakbeleid.new_version(session, school, year, _values(), date(2027, 8, 1), 0)
        deadline = _values(pb_deadline=date(2026, 3, 1))
        first = taakbeleid.new_version(session, school, year, deadline, date(2026, 11, 1), 0)
        assert first.pb_deadline == date(2026, 3, 1)
        with pytest.raises(Refused, match="ligt vóór die van versie 1 \\(01-11-2026\\)"):
            taakbeleid.new_version(session, school, year, _values(), date(2026, 10, 1), 1)
        last_day = taakbeleid.new_version(session, school, year, _values(), date(2027, 7, 31), 1)
        assert last_day.number == 2


def test_a_schooljaar_of_another_board_is_refused(database, board):
    with database.session(PIET) as session:
        school, _year = _load(session, board)
        other = Organisation(name="Ander bestuur")
        session.add(other)
        session.flush()
        foreign = schooljaren.create_schooljaar(session, other, 2026)
        with pytest.raises(Refused, match="hoort niet bij het bestuur van Lyceum"):
            taakbeleid.new_version(session, school, foreign, _values(), date(2026, 8, 1), 0)


def test_opslag_lines_round_trip_and_errors_name_the_line():
    parsed = parse_opslag_lines("natuurkunde = 0,6\n\n  Lichamelijke  opvoeding=0.3  \n")
    assert parsed == {"natuurkunde": Decimal("0.6"), "Lichamelijke opvoeding": Decimal("0.3")}
    assert opslag_lines({"natuurkunde": "0.6000", "lo": "0.3000"}) == "natuurkunde = 0,6\nlo = 0,3"
    for text, message in [
        ("natuurkunde 0,6", "Opslag per vak, regel 1: schrijf 'vak = factor'"),
        ("a = 1\n = 0,5", "Opslag per vak, regel 2: de naam van het vak ontbreekt"),
        ("a = 1\nb = 1\nc = een", "Opslag per vak, regel 3: 'een' is geen getal"),
        ("Wiskunde = 1\n\nwiskunde = 0,5", "Opslag per vak, regel 3: wiskunde staat al op regel 1"),
        ("a = 1e3", "regel 1: '1e3' is geen getal"),
    ]:
        with pytest.raises(Refused, match=_escaped(message)):
            parse_opslag_lines(text)


# --- copying a year ----------------------------------------------------------------------------


@pytest.fixture
def last_year(database, board):
    """Board with a taakbeleid (2 versions), a catalogue, staff with assignments in 2026-2027,
    and an empty schooljaar 2027-2028."""
    with database.session(PIET) as session:
        school, year = _load(session, board)
        taakbeleid.new_version(session, school, year, _values(), date(2026, 8, 1), 0)
        taakbeleid.new_version(
            session,
            school,
            year,
            _values(
                lesweken=Decimal("38"),
                opslag_per_vak={"natuurkunde": Decimal("0.6")},
                pb_deadline=date(2026, 3, 1),
            ),
            date(2026, 10, 1),
            1,
        )
        group = TaskGroup(school_id=school.id, schooljaar_id=year.id, name="Begeleiding")
        mentor = Task(
            school_id=school.id,
            schooljaar_id=year.id,
            task_group=group,
            name="Mentor",
            default_hours=Decimal("40.00"),
        )
        loose = Task(
            school_id=school.id, schooljaar_id=year.id, name="Excursie", default_hours=Decimal("8")
        )
        staying = _employee(session, school, "BLY", [(date(2010, 8, 1), None)])
        leaving = _employee(session, school, "WEG", [(date(2020, 8, 1), date(2027, 7, 31))])
        renewed = _employee(
            session,
            school,
            "NIE",
            [(date(2026, 8, 1), date(2027, 7, 31)), (date(2027, 8, 1), date(2028, 7, 31))],
        )
        _employee(session, school, "OUD", [(date(2015, 8, 1), date(2024, 7, 31))])
        session.add_all([group, mentor, loose])
        session.flush()
        for person, task in ((staying, mentor), (leaving, mentor), (renewed, loose)):
            session.add(
                TaskAssignment(
                    task=task, employee=person, schooljaar_id=year.id, hours=Decimal("44.00")
                )
            )
        organisation = session.get(Organisation, board["organisation"])
        new = schooljaren.create_schooljaar(session, organisation, 2027)
        return dict(board, new=new.id)


def _employee(session, school, code, periods) -> Employee:
    person = Employee(
        organisation_id=school.organisation_id,
        school=school,
        code=code,
        first_name="Test",
        last_name=code.title(),
        birth_date=date(1980, 1, 1),
        category="OP",
        salary_scale="LC",
        fulltime_monthly_salary=Decimal("5000.00"),
        appointments=[
            Appointment(start=start, end_date=end, fte=Decimal("1.0000")) for start, end in periods
        ],
    )
    session.add(person)
    return person


def _years(session, ids):
    return (
        session.get(School, ids["school"]),
        session.get(Schooljaar, ids["new"]),
        session.get(Schooljaar, ids["year"]),
    )


def test_copy_takes_over_taakbeleid_and_catalogue_and_reports_appointments(database, last_year):
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        plan = schooljaren.copy_previous(session, school, new, old)
        assert plan.continuing_appointments == 2  # BLY open-ended, NIE's new contract
        assert plan.continuing_employees == 2
        assert [(e.employee.code, e.continues_otherwise) for e in plan.ending] == [
            ("NIE", True),
            ("WEG", False),
        ]
        assert plan.assignments == []
    with database.session() as session:
        beleid = taakbeleid.current_taakbeleid(session, last_year["school"], last_year["new"])
        assert beleid.number == 1
        assert beleid.ingangsdatum == date(2027, 8, 1)
        assert beleid.lesweken == Decimal("38.00")
        assert beleid.opslag_per_vak == {"natuurkunde": "0.6000"}
        assert beleid.pb_deadline == date(2027, 3, 1)
        assert beleid.toelichting == "Overgenomen uit 2026-2027 (versie 2)"
        tasks = session.scalars(
            select(Task).where(Task.schooljaar_id == last_year["new"]).order_by(Task.name)
        ).all()
        assert [
            (t.name, t.default_hours, t.task_group.name if t.task_group else None) for t in tasks
        ] == [
            ("Excursie", Decimal("8.00"), None),
            ("Mentor", Decimal("40.00"), "Begeleiding"),
        ]
        assert tasks[1].task_group.schooljaar_id == last_year["new"]
        assert _count(session, TaskAssignment) == 3  # none copied without asking
        # the source year is untouched
        assert (
            taakbeleid.current_taakbeleid(session, last_year["school"], last_year["year"]).number
            == 2
        )


def test_copy_with_assignments_only_for_employees_still_employed(database, last_year):
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        plan = schooljaren.copy_previous(session, school, new, old, with_assignments=True)
        assert (len(plan.assignments), plan.assignments_skipped) == (2, 1)
    with database.session() as session:
        copied = session.scalars(
            select(TaskAssignment).where(TaskAssignment.schooljaar_id == last_year["new"])
        ).all()
        assert sorted((a.employee.code, a.task.name, a.hours) for a in copied) == [
            ("BLY", "Mentor", Decimal("44.00")),
            ("NIE", "Excursie", Decimal("44.00")),
        ]
        assert {a.task.schooljaar_id for a in copied} == {last_year["new"]}


def test_copying_twice_is_refused_and_nothing_is_half_copied(database, last_year):
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        schooljaren.copy_previous(session, school, new, old)
    with database.session() as session:
        before = [_count(session, m) for m in (Taakbeleid, TaskGroup, Task, TaskAssignment)]
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        with pytest.raises(
            Refused,
            match="Lyceum heeft in 2027-2028 al 1 versie taakbeleid, 1 taakgroep, 2 taken",
        ):
            schooljaren.copy_previous(session, school, new, old, with_assignments=True)
    with database.session() as session:
        after = [_count(session, m) for m in (Taakbeleid, TaskGroup, Task, TaskAssignment)]
    assert after == before


def test_copy_into_a_year_with_only_a_catalogue_writes_nothing(database, last_year):
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        session.add(Task(school_id=school.id, schooljaar_id=new.id, name="Al", default_hours=1))
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        with pytest.raises(Refused, match="al 1 taak\\. Overnemen kan alleen"):
            schooljaren.copy_previous(session, school, new, old)
        assert taakbeleid.current_taakbeleid(session, school.id, new.id) is None


def test_copy_refuses_a_later_source_and_an_empty_one(database, last_year):
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        with pytest.raises(Refused, match="2027-2028 ligt niet vóór 2026-2027"):
            schooljaren.plan_copy(session, school, old, new)
        organisation = session.get(Organisation, last_year["organisation"])
        empty = schooljaren.create_schooljaar(session, organisation, 2025)
        with pytest.raises(Refused, match="Lyceum heeft in 2025-2026 geen taakbeleid en geen"):
            schooljaren.copy_previous(session, school, new, empty)


def test_a_copied_taakbeleid_that_fails_the_checks_copies_nothing(database, last_year):
    """An old row written before a check existed: the copy refuses before writing anything."""
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        current = taakbeleid.current_taakbeleid(session, school.id, old.id)
        current.toelichting = "x" * 500
        current.opslag_per_vak = {"natuurkunde": "2.5000"}
    with database.session(PIET) as session:
        school, new, old = _years(session, last_year)
        with pytest.raises(Refused, match="De opslagfactor voor natuurkunde"):
            schooljaren.copy_previous(session, school, new, old)
        assert _count(session, Task) == 2
        assert _count(session, TaskGroup) == 1
