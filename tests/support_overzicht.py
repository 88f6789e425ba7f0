"""A small school whose overview is worked out by hand (cao-vo.md section 8, default taakbeleid).

Four employees, all with an open-ended appointment from before 2026-2027:

- DOC1 Anna Bakker, OP, fte 1, 20 lesuren, mentoraat 60, no pb choice:
  lesgebonden 20 × 50/60 × 37,8 × 1,5 = 945,00; ontwikkeltijd 50; professionalisering 83;
  pb 90 unallocated (counts as werkdruk); saldo 1659 − (945 + 50 + 83 + 0 + 90 + 60) = 431,00,
  above 2 % of 1659 (33,18): "onder".
- DOC2 Bas de Vries, OP, fte 0,5, 18 lesuren, pb 45 as reductie lestaak: netto 829,50;
  lesgebonden 18 × 50/60 × 37,8 × 1,5 = 850,50; ontwikkeltijd 25; professionalisering 41,50;
  saldo 829,50 − (850,50 + 25 + 41,50 + 45) = −132,50: "over"; the lestaak of 567 klokuren is
  above 720 × 0,5 = 360.
- OOP1 Carla Jansen, OOP, fte 0,8, task 1180, pb 72 as reductie overige taken: netto 1327,20;
  ontwikkeltijd 40; professionalisering 40 × 0,8 = 32; saldo 1327,20 − (40 + 32 + 72 + 1180)
  = 3,20, below 2 % (26,54): neutral.
- BAD1, OP, fte 1, a name and sectie that try HTML and a spreadsheet formula, and an invalid
  choice of 200 hours verlof (the budget is 90): the engine's error pb.te-veel-uren.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Appointment,
    Employee,
    Lesson,
    Organisation,
    PbKeuze,
    Role,
    School,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
)
from jaartaak.services.accounts import create_user, grant_role

from support import DEMO_PASSWORD

EVIL_NAME = '=HYPERLINK("http://x")'
EVIL_FIRST = "<Eva>"
EVIL_SECTIE = "=Kwaad"


def _person(session, school, code, first, last, category, fte, sectie, tussenvoegsel=""):
    person = Employee(
        organisation=school.organisation,
        school=school,
        code=code,
        first_name=first,
        tussenvoegsel=tussenvoegsel,
        last_name=last,
        birth_date=date(1980, 3, 1),
        category=category,
        salary_scale="LC" if category == "OP" else "8",
        fulltime_monthly_salary=Decimal("5000.00"),
        sectie=sectie,
        appointments=[Appointment(start=date(2015, 8, 1), fte=Decimal(fte), kind="regulier")],
    )
    session.add(person)
    return person


def build_overzicht_school(session, board_name: str = "Testbestuur") -> dict:
    """The school above in schooljaar 2026-2027; returns ids by name ("school", "DOC1", ...)."""
    board = Organisation(name=board_name)
    school = School(organisation=board, name=f"{board_name} College")
    year = Schooljaar(
        organisation=board, code="2026-2027", start=date(2026, 8, 1), end_date=date(2027, 7, 31)
    )
    session.add_all([board, school, year])
    session.add(
        Taakbeleid(
            school=school,
            schooljaar=year,
            number=1,
            ingangsdatum=year.start,
            opslag_per_vak={},
            **TAAKBELEID_DEFAULTS,
        )
    )
    doc1 = _person(session, school, "DOC1", "Anna", "Bakker", "OP", "1", "Bèta")
    doc2 = _person(session, school, "DOC2", "Bas", "Vries", "OP", "0.5", "Talen", "de")
    oop1 = _person(session, school, "OOP1", "Carla", "Jansen", "OOP", "0.8", "Ondersteuning")
    bad1 = _person(session, school, "BAD1", EVIL_FIRST, EVIL_NAME, "OP", "1", EVIL_SECTIE)
    for person, vak, groep, lesuren in (
        (doc1, "wiskunde", "3a", "12"),
        (doc1, "wiskunde", "4b", "8"),
        (doc2, "engels", "2c", "18"),
    ):
        session.add(
            Lesson(
                employee=person,
                schooljaar=year,
                vak=vak,
                groep=groep,
                lesuren_per_week=Decimal(lesuren),
            )
        )
    for person, name, hours in ((doc1, "mentoraat", "60"), (oop1, "conciërge", "1180")):
        task = Task(school=school, schooljaar=year, name=name, default_hours=Decimal(hours))
        session.add(
            TaskAssignment(task=task, employee=person, schooljaar=year, hours=Decimal(hours))
        )
    session.add_all(
        [
            PbKeuze(employee=doc2, schooljaar=year, reductie_lestaak=Decimal("45")),
            PbKeuze(employee=oop1, schooljaar=year, reductie_overige_taken=Decimal("72")),
            PbKeuze(employee=bad1, schooljaar=year, verlof=Decimal("200")),
        ]
    )
    session.flush()
    ids = {"school": school.id, "schooljaar": year.id, "organisation": board.id}
    ids.update({p.code: p.id for p in (doc1, doc2, oop1, bad1)})
    return ids


def add_planner(session, username: str, organisation_id: int, school_id: int | None = None):
    """A planner login (password DEMO_PASSWORD) for one school or, without, the whole board."""
    board = session.get(Organisation, organisation_id)
    user = create_user(session, username, DEMO_PASSWORD, display_name=username, organisation=board)
    grant_role(
        session, user, Role.PLANNER, board, session.get(School, school_id) if school_id else None
    )
    return user


def add_medewerker(session, username: str, employee_id: int):
    person = session.get(Employee, employee_id)
    user = create_user(
        session,
        username,
        DEMO_PASSWORD,
        display_name=username,
        organisation=person.organisation,
        employee=person,
    )
    grant_role(session, user, Role.MEDEWERKER, person.organisation, person.school)
    return user


def school_with_logins(session) -> dict:
    """The school above with planner "roosteraar" and employee logins "anna" (DOC1) and
    "bas" (DOC2): the cast of the taakbrief tests."""
    ids = build_overzicht_school(session)
    add_planner(session, "roosteraar", ids["organisation"], ids["school"])
    add_medewerker(session, "anna", ids["DOC1"])
    add_medewerker(session, "bas", ids["DOC2"])
    return ids
