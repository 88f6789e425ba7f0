"""Creating and editing employees and their appointments (aanstellingen), with the rules.

The rules are functions that return Dutch messages keyed by the Dutch field name (``code``,
``voornaam``, ``fte``, ``begin`` …): the planner's forms, the services below and the staff
import all use the same names and the same rules, so a value refused in a form is refused in a
file too, with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.db.base import expect_version
from jaartaak.models import APPOINTMENT_KINDS, CATEGORIES, Appointment, Employee, School
from jaartaak.services.errors import Refused

SCALES = ("LB", "LC", "LD", "LE", *(str(n) for n in range(1, 19)))
MINIMUM_AGE = 15
EARLIEST_BIRTH = date(1920, 1, 1)
CODE_LENGTH = 20


@dataclass(frozen=True)
class PersonData:
    """The person fields of an employee, as a form or an import row gives them."""

    code: str
    first_name: str
    tussenvoegsel: str
    last_name: str
    birth_date: date
    category: str
    salary_scale: str
    fulltime_monthly_salary: Decimal
    sectie: str = ""


@dataclass(frozen=True)
class AppointmentData:
    start: date
    end_date: date | None
    fte: Decimal
    kind: str = "regulier"


#: Person fields in the order the import and the forms name them: (attribute, Dutch name).
PERSON_FIELDS = (
    ("first_name", "voornaam"),
    ("tussenvoegsel", "tussenvoegsel"),
    ("last_name", "achternaam"),
    ("birth_date", "geboortedatum"),
    ("category", "categorie"),
    ("salary_scale", "schaal"),
    ("fulltime_monthly_salary", "salaris"),
    ("sectie", "sectie"),
)
APPOINTMENT_FIELDS = (("end_date", "einde"), ("fte", "fte"), ("kind", "soort"))


def normal_code(text: str) -> str:
    """Codes are compared in capitals, so "jan" and "JAN" are one employee."""
    return text.strip().upper()


def normal_scale(text: str) -> str:
    return text.strip().upper()


def _decimals(value: Decimal) -> int:
    return max(0, -value.normalize().as_tuple().exponent)


def person_problems(data: PersonData) -> dict[str, str]:
    """What is wrong with the person fields, by Dutch field name."""
    problems: dict[str, str] = {}
    if not data.code or any(c.isspace() for c in data.code) or len(data.code) > CODE_LENGTH:
        problems["code"] = f"De code is verplicht, zonder spaties, hoogstens {CODE_LENGTH} tekens."
    for attribute, name in (("first_name", "voornaam"), ("last_name", "achternaam")):
        if not getattr(data, attribute).strip():
            problems[name] = f"De {name} is verplicht."
    if data.category not in CATEGORIES:
        problems["categorie"] = f"Kies een categorie uit {', '.join(CATEGORIES)}."
    if data.salary_scale not in SCALES:
        problems["schaal"] = (
            f"Schaal '{data.salary_scale}' bestaat niet; kies LB, LC, LD, LE of 1 tot en met 18."
        )
    if data.fulltime_monthly_salary < 0 or _decimals(data.fulltime_monthly_salary) > 2:
        problems["salaris"] = "Het salaris is 0 of meer, met hoogstens 2 decimalen."
    if not EARLIEST_BIRTH <= data.birth_date <= date.today():
        problems["geboortedatum"] = (
            f"Geboortedatum {data.birth_date:%d-%m-%Y} is niet aannemelijk "
            f"(na {EARLIEST_BIRTH:%d-%m-%Y} en niet in de toekomst)."
        )
    return problems


def age_problem(birth_date: date, start: date) -> str | None:
    """An employee is at least :data:`MINIMUM_AGE` on the first day of each appointment."""
    try:
        birthday = birth_date.replace(year=birth_date.year + MINIMUM_AGE)
    except ValueError:  # born on 29 February
        birthday = date(birth_date.year + MINIMUM_AGE, 3, 1)
    if start < birthday:
        return (
            f"Geboortedatum {birth_date:%d-%m-%Y} is niet aannemelijk: de medewerker is op "
            f"{start:%d-%m-%Y} (begin van de aanstelling) jonger dan {MINIMUM_AGE} jaar."
        )
    return None


def appointment_problems(data: AppointmentData, birth_date: date | None) -> dict[str, str]:
    """What is wrong with an appointment, by Dutch field name."""
    problems: dict[str, str] = {}
    if not Decimal(0) < data.fte <= Decimal(1) or _decimals(data.fte) > 4:
        problems["fte"] = "De fte is groter dan 0 en hoogstens 1, met hoogstens 4 decimalen."
    if data.end_date is not None and data.end_date < data.start:
        problems["einde"] = (
            f"De einddatum {data.end_date:%d-%m-%Y} ligt vóór de begindatum {data.start:%d-%m-%Y}."
        )
    if data.kind not in APPOINTMENT_KINDS:
        problems["soort"] = f"Kies een soort uit {', '.join(APPOINTMENT_KINDS)}."
    if birth_date is not None and (message := age_problem(birth_date, data.start)):
        problems["geboortedatum"] = message
    return problems


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise Refused(" ".join(problems.values()))


def code_owner(session: Session, organisation_id: int, code: str) -> Employee | None:
    """The board's employee with this code (codes are unique per board)."""
    return session.scalar(
        select(Employee).where(
            Employee.organisation_id == organisation_id, func.upper(Employee.code) == code.upper()
        )
    )


def code_taken_message(owner: Employee, school: School) -> str:
    """Why a code cannot be used at ``school``; names the school when the owner works elsewhere."""
    if owner.school_id == school.id:
        return f"De code {owner.code} is al in gebruik bij {owner.full_name}."
    return (
        f"De code {owner.code} is al in gebruik bij een medewerker van {owner.school.name} "
        "(hetzelfde bestuur); codes zijn uniek per bestuur."
    )


def _check_code(session: Session, school: School, code: str, employee_id: int | None) -> None:
    owner = code_owner(session, school.organisation_id, code)
    if owner is not None and owner.id != employee_id:
        raise Refused(code_taken_message(owner, school))


def _check_ages(birth_date: date, starts: list[date]) -> None:
    for start in starts:
        if message := age_problem(birth_date, start):
            raise Refused(message)


def set_person(employee: Employee, data: PersonData) -> None:
    employee.code = data.code
    for attribute, _name in PERSON_FIELDS:
        setattr(employee, attribute, getattr(data, attribute))


def set_appointment(appointment: Appointment, data: AppointmentData) -> None:
    appointment.start = data.start
    for attribute, _name in APPOINTMENT_FIELDS:
        setattr(appointment, attribute, getattr(data, attribute))


def create_employee(
    session: Session, school: School, data: PersonData, first: AppointmentData
) -> Employee:
    """A new employee of ``school`` (and its board) with a first appointment."""
    _refuse(person_problems(data) | appointment_problems(first, data.birth_date))
    _check_code(session, school, data.code, None)
    employee = Employee(organisation_id=school.organisation_id, school=school)
    set_person(employee, data)
    appointment = Appointment()
    set_appointment(appointment, first)
    employee.appointments.append(appointment)
    session.add(employee)
    session.flush()
    return employee


def update_employee(
    session: Session, employee: Employee, data: PersonData, version: int | None
) -> None:
    """Change the person fields; raises ``StaleDataError`` when the form's version is old."""
    expect_version(employee, version)
    _refuse(person_problems(data))
    _check_code(session, employee.school, data.code, employee.id)
    _check_ages(data.birth_date, [a.start for a in employee.appointments])
    set_person(employee, data)
    session.flush()


def _check_start_free(employee: Employee, start: date, appointment_id: int | None) -> None:
    """One appointment per start date: the import finds an appointment by its start date."""
    for other in employee.appointments:
        if other.start == start and other.id != appointment_id:
            raise Refused(
                f"{employee.full_name} heeft al een aanstelling die begint op "
                f"{start:%d-%m-%Y}; pas die aan in plaats van een tweede toe te voegen."
            )


def add_appointment(session: Session, employee: Employee, data: AppointmentData) -> Appointment:
    _refuse(appointment_problems(data, employee.birth_date))
    _check_start_free(employee, data.start, None)
    appointment = Appointment()
    set_appointment(appointment, data)
    employee.appointments.append(appointment)
    session.flush()
    return appointment


def update_appointment(
    session: Session, appointment: Appointment, data: AppointmentData, version: int | None
) -> None:
    expect_version(appointment, version)
    _refuse(appointment_problems(data, appointment.employee.birth_date))
    _check_start_free(appointment.employee, data.start, appointment.id)
    set_appointment(appointment, data)
    session.flush()


def end_appointment(
    session: Session, appointment: Appointment, end_date: date, version: int | None
) -> None:
    """Beëindigen: the appointment stops on ``end_date`` (the last day it counts)."""
    expect_version(appointment, version)
    data = AppointmentData(appointment.start, end_date, appointment.fte, appointment.kind)
    _refuse(appointment_problems(data, None))
    appointment.end_date = end_date
    session.flush()


def delete_appointment(session: Session, appointment: Appointment, version: int | None) -> None:
    """Remove an appointment entered by mistake (ending it keeps the history)."""
    expect_version(appointment, version)
    appointment.employee.appointments.remove(appointment)
    session.flush()


def find_appointment(employee: Employee, appointment_id: int) -> Appointment | None:
    """An appointment of this (already access-checked) employee; None otherwise (a 404)."""
    return next((a for a in employee.appointments if a.id == appointment_id), None)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(
    session: Session, school_id: int, text: str = "", category: str = "", sectie: str = ""
) -> list[Employee]:
    """The school's employees whose code or name contains every word of ``text``."""
    query = (
        select(Employee)
        .where(Employee.school_id == school_id)
        .options(selectinload(Employee.appointments))
    )
    for word in text.split():
        pattern = _like(word)
        query = query.where(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (
                        Employee.code,
                        Employee.first_name,
                        Employee.tussenvoegsel,
                        Employee.last_name,
                    )
                )
            )
        )
    if category:
        query = query.where(Employee.category == category)
    if sectie:
        query = query.where(Employee.sectie == sectie)
    return list(session.scalars(query))


def secties(session: Session, school_id: int) -> list[str]:
    """The secties in use at the school, for the filter."""
    return list(
        session.scalars(
            select(Employee.sectie)
            .where(Employee.school_id == school_id, Employee.sectie != "")
            .distinct()
            .order_by(Employee.sectie)
        )
    )
