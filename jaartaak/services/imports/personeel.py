"""The staff import: one row per appointment, employees found again by their code.

Several rows with the same code are several appointments of one employee; their person fields
must agree. Re-importing updates by code: the person fields are overwritten, an appointment with
the same start date is updated and a new start date is added. Appointments that the file does not
list are left alone, so a file with only this year's appointments does not erase history. A code
of an employee at another school of the board is a problem, never a silent move.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.models import APPOINTMENT_KINDS, CATEGORIES, Appointment, Employee
from jaartaak.services.imports.table import ImportProblems, RowReader, Table
from jaartaak.services.imports.upload import Importer, Preview, PreviewRow, Target
from jaartaak.services.personeel import (
    APPOINTMENT_FIELDS,
    CODE_LENGTH,
    PERSON_FIELDS,
    AppointmentData,
    PersonData,
    age_problem,
    appointment_problems,
    code_taken_message,
    normal_code,
    normal_scale,
    person_problems,
    set_appointment,
    set_person,
)

CENT = Decimal("0.01")
FTE_PLACES = Decimal("0.0001")
REQUIRED = [
    "code",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "categorie",
    "schaal",
    "salaris",
    "fte",
    "begin",
]
OPTIONAL = ["tussenvoegsel", "einde", "soort", "sectie"]
HEADERS = [
    "Code",
    "Naam",
    "Categorie",
    "Schaal",
    "Salaris",
    "Fte",
    "Begin",
    "Einde",
    "Soort",
    "Sectie",
    "Toelichting",
]


@dataclass(frozen=True)
class StaffRow:
    number: int
    person: PersonData
    appointment: AppointmentData


def shown(value: object) -> str:
    """A value as the planner wrote it in the file: 0,8000; 31-07-2027; leeg."""
    if value is None or value == "":
        return "leeg"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def _read_row(number: int, values: dict, problems: ImportProblems) -> StaffRow | None:
    """The row's values, or None when a value is missing or wrong (the problem is recorded)."""
    before = len(problems.problems)
    reader = RowReader(number, values, problems)
    code = reader.text("code", max_length=CODE_LENGTH)
    first_name = reader.text("voornaam")
    tussenvoegsel = reader.text("tussenvoegsel", required=False, max_length=20) or ""
    last_name = reader.text("achternaam")
    birth_date = reader.day("geboortedatum")
    category = reader.choice("categorie", {c: c for c in CATEGORIES})
    scale = reader.text("schaal", max_length=10)
    salary = reader.decimal("salaris", places=2)
    fte = reader.decimal("fte", places=4, positive=True, maximum=Decimal(1))
    start = reader.day("begin")
    end_date = reader.day("einde", required=False)
    kind = reader.choice("soort", {k: k for k in APPOINTMENT_KINDS}, required=False)
    sectie = reader.text("sectie", required=False, max_length=60) or ""
    if len(problems.problems) > before:
        return None
    person = PersonData(
        normal_code(code),
        first_name,
        tussenvoegsel,
        last_name,
        birth_date,
        category,
        normal_scale(scale),
        salary.quantize(CENT),
        sectie,
    )
    appointment = AppointmentData(start, end_date, fte.quantize(FTE_PLACES), kind or "regulier")
    found = person_problems(person) | appointment_problems(appointment, birth_date)
    for column, message in found.items():
        problems.add(number, column, message)
    return None if found else StaffRow(number, person, appointment)


def _check_group(rows: list[StaffRow], problems: ImportProblems) -> None:
    """Rows of one code: the same person, and each start date once."""
    first = rows[0]
    starts: dict[date, int] = {}
    for row in rows:
        for attribute, column in PERSON_FIELDS:
            mine, theirs = getattr(row.person, attribute), getattr(first.person, attribute)
            if row is not first and mine != theirs:
                problems.add(
                    row.number,
                    column,
                    f"{shown(mine)} wijkt af van rij {first.number} ({shown(theirs)}); rijen met "
                    f"code {row.person.code} zijn aanstellingen van één medewerker.",
                )
        start = row.appointment.start
        if start in starts:
            problems.add(
                row.number,
                "begin",
                f"Code {row.person.code} heeft in rij {starts[start]} al een aanstelling die "
                f"begint op {shown(start)}; één rij per aanstelling.",
            )
        starts.setdefault(start, row.number)


def _existing(session: Session, organisation_id: int, codes: list[str]) -> dict[str, Employee]:
    found = session.scalars(
        select(Employee)
        .where(Employee.organisation_id == organisation_id, func.upper(Employee.code).in_(codes))
        .options(selectinload(Employee.appointments), selectinload(Employee.school))
    )
    return {employee.code.upper(): employee for employee in found}


def _changes(record: object, data: object, fields: tuple[tuple[str, str], ...]) -> list[str]:
    return [
        f"{column} {shown(getattr(record, attribute))} → {shown(getattr(data, attribute))}"
        for attribute, column in fields
        if getattr(record, attribute) != getattr(data, attribute)
    ]


def _action(row: StaffRow, owner: Employee | None, first: bool) -> tuple[str, str]:
    """What the row does to the database, and the words for the preview."""
    if owner is None:
        return "nieuw", "nieuwe medewerker" if first else "nieuwe aanstelling"
    person = _changes(owner, row.person, PERSON_FIELDS) if first else []
    current = next((a for a in owner.appointments if a.start == row.appointment.start), None)
    if current is None:
        return "nieuw", "; ".join(["nieuwe aanstelling", *person])
    changes = person + _changes(current, row.appointment, APPOINTMENT_FIELDS)
    return ("bijwerken", "; ".join(changes)) if changes else ("ongewijzigd", "")


def _cells(row: StaffRow, note: str) -> list[str]:
    person, appointment = row.person, row.appointment
    name = " ".join(p for p in (person.first_name, person.tussenvoegsel, person.last_name) if p)
    return [
        person.code,
        name,
        person.category,
        person.salary_scale,
        shown(person.fulltime_monthly_salary),
        shown(appointment.fte),
        shown(appointment.start),
        shown(appointment.end_date) if appointment.end_date else "",
        appointment.kind,
        person.sectie,
        note,
    ]


def check(session: Session, target: Target, table: Table) -> Preview:
    preview = Preview(HEADERS)
    problems = preview.problems
    groups: dict[str, list[StaffRow]] = defaultdict(list)
    for number, values in table.rows:
        if row := _read_row(number, values, problems):
            groups[row.person.code].append(row)
    existing = _existing(session, target.school.organisation_id, list(groups))
    for code, rows in groups.items():
        _check_group(rows, problems)
        owner = existing.get(code)
        if owner is not None and owner.school_id != target.school.id:
            message = code_taken_message(owner, target.school) + " De import verplaatst niemand."
            for row in rows:
                problems.add(row.number, "code", message)
            continue
        if owner is not None:
            listed = {row.appointment.start for row in rows}
            kept = [a.start for a in owner.appointments if a.start not in listed]
            for start in kept:
                if message := age_problem(rows[0].person.birth_date, start):
                    problems.add(rows[0].number, "geboortedatum", message)
        for row in rows:
            action, note = _action(row, owner, row is rows[0])
            preview.rows.append(PreviewRow(row.number, action, _cells(row, note), row))
    preview.rows.sort(key=lambda r: r.number)
    return preview


def apply(session: Session, target: Target, preview: Preview) -> None:
    """Write a checked preview: person fields per code, appointments by start date."""
    rows = [r.payload for r in preview.rows]
    existing = _existing(session, target.school.organisation_id, [r.person.code for r in rows])
    for row in rows:
        employee = existing.get(row.person.code)
        if employee is None:
            employee = Employee(organisation_id=target.school.organisation_id, school=target.school)
            session.add(employee)
            existing[row.person.code] = employee
        set_person(employee, row.person)
        appointment = next(
            (a for a in employee.appointments if a.start == row.appointment.start), None
        )
        if appointment is None:
            appointment = Appointment()
            employee.appointments.append(appointment)
        set_appointment(appointment, row.appointment)
    session.flush()


STAFF_IMPORTER = Importer(
    key="personeel",
    title="Personeel importeren",
    required=REQUIRED,
    optional=OPTIONAL,
    example="personeel.xlsx",
    explanation=(
        "Eén rij per aanstelling; meer rijen met dezelfde code zijn aanstellingen van één "
        "medewerker, met dezelfde persoonsgegevens. Nieuwe medewerkers komen bij deze school. "
        "Een bestaande code wordt bijgewerkt: de persoonsgegevens worden overschreven, een "
        "aanstelling met dezelfde begindatum wordt bijgewerkt en een nieuwe begindatum wordt "
        "toegevoegd. Aanstellingen die niet in het bestand staan, blijven zoals ze zijn (ze "
        "worden niet verwijderd). Schrijf getallen als 0,8 en 4321,00 (zonder punt voor "
        "duizendtallen) en datums als dd-mm-jjjj."
    ),
    check=check,
    apply=apply,
)
