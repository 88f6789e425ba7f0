"""Importing a timetable export (Zermelo, Untis): one row per docentcode, vak, groep, lesuren.

A timetable export is the whole truth for the teachers it names, so the import REPLACES the
lessons of the werkplek schooljaar of every docentcode in the file: lessons not in the file are
removed, teachers who are not in the file keep theirs. A lesson is matched on docentcode, vak
and groep; the preview says per row whether it is new, changes or stays the same, and which
lessons will be removed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.models import Employee, Lesson
from jaartaak.services import lessen
from jaartaak.services.imports.table import FileRefused, RowReader, Table
from jaartaak.services.imports.upload import (
    Importer,
    Preview,
    PreviewRow,
    Target,
    action_for,
)

COLUMNS = ["docentcode", "vak", "groep", "lesuren"]


@dataclass(frozen=True)
class LessonRow:
    employee_id: int
    vak: str
    groep: str
    lesuren: Decimal
    current: Lesson | None


def school_codes(session: Session, school_id: int) -> dict[str, Employee]:
    """Employees of the school by code; exports often write codes in lower case."""
    people = session.scalars(select(Employee).where(Employee.school_id == school_id))
    return {person.code.casefold(): person for person in people}


def _current(session: Session, employee_ids: set[int], schooljaar_id: int) -> dict:
    """The lessons of these employees in the year: ``{employee_id: [lesson, ...]}``."""
    lessons: dict[int, list[Lesson]] = defaultdict(list)
    for lesson in session.scalars(
        select(Lesson)
        .where(Lesson.employee_id.in_(employee_ids), Lesson.schooljaar_id == schooljaar_id)
        .order_by(Lesson.id)
    ):
        lessons[lesson.employee_id].append(lesson)
    return lessons


def _match(lessons: list[Lesson], vak: str, groep: str) -> Lesson | None:
    key = lessen.lesson_key(vak, groep)
    return next(
        (lesson for lesson in lessons if lessen.lesson_key(lesson.vak, lesson.groep) == key), None
    )


def shown(value: Decimal | None) -> str:
    """A number as the planner typed it in a Dutch spreadsheet: 2,5."""
    return "" if value is None else format(value, "f").replace(".", ",")


def _action(row: LessonRow) -> str:
    current = row.current
    stored = None if current is None else (current.vak, current.groep, current.lesuren_per_week)
    return action_for(stored, (row.vak, row.groep, row.lesuren))


def check(session: Session, target: Target, table: Table) -> Preview:
    """Every row checked; a docentcode of another school or a lesson twice is a problem."""
    if target.schooljaar is None:
        raise FileRefused("Er is nog geen schooljaar; maak eerst een schooljaar aan.")
    preview = Preview(headers=["Docentcode", "Vak", "Groep", "Lesuren per week"])
    codes = school_codes(session, target.school.id)
    parsed: list[tuple[int, Employee | None, str | None, str, Decimal | None]] = []
    seen: dict[tuple[int, str, str], int] = {}
    for number, values in table.rows:
        read = RowReader(number, values, preview.problems)
        code = read.text("docentcode", max_length=20)
        vak = read.text("vak", max_length=lessen.VAK_MAX)
        groep = read.text("groep", required=False, max_length=lessen.GROEP_MAX) or ""
        lesuren = read.decimal("lesuren", positive=True, maximum=lessen.LESUREN_MAX)
        person = codes.get(code.casefold()) if code else None
        if code and person is None:
            preview.problems.add(
                number,
                "docentcode",
                f"'{code}' is geen medewerker van {target.school.name}; "
                "voeg de medewerker eerst toe bij Personeel of verbeter de code.",
            )
        if person and vak:
            key = (person.id, *lessen.lesson_key(vak, groep))
            if key in seen:
                preview.problems.add(
                    number,
                    "vak",
                    f"{code} heeft {lessen.lesson_label(vak, groep)} al in rij {seen[key]}; "
                    "het bestand is waarschijnlijk niet goed (de import telt rijen niet op).",
                )
            seen.setdefault(key, number)
        parsed.append((number, person, vak, groep, lesuren))
    current = _current(
        session, {person.id for _n, person, *_rest in parsed if person}, target.schooljaar.id
    )
    matched: set[int] = set()
    for number, person, vak, groep, lesuren in parsed:
        found = _match(current[person.id], vak, groep) if person and vak else None
        if found is not None:
            matched.add(found.id)
        row = (
            LessonRow(person.id, vak, groep, lesuren, found) if person and vak and lesuren else None
        )
        preview.rows.append(
            PreviewRow(
                number=number,
                action=_action(row) if row else "nieuw",
                cells=[person.code if person else "", vak or "", groep, shown(lesuren)],
                payload=row,
            )
        )
    _note_removals(preview, current, matched, codes)
    return preview


def _note_removals(preview: Preview, current: dict, matched: set[int], codes: dict) -> None:
    """Say which lessons the replace will remove: the file does not list them."""
    names = {person.id: person.code for person in codes.values()}
    gone = [
        f"{names[employee_id]} {lessen.lesson_label(lesson.vak, lesson.groep)}"
        for employee_id, lessons in current.items()
        for lesson in lessons
        if lesson.id not in matched
    ]
    if gone:
        preview.notes.append(
            f"{len(gone)} bestaande "
            + (
                "les staat niet in het bestand en wordt"
                if len(gone) == 1
                else "lessen staan niet in het bestand en worden"
            )
            + " verwijderd: "
            + ", ".join(sorted(gone))
            + "."
        )


def apply(session: Session, target: Target, preview: Preview) -> None:
    """Replace the lessons of every docent in the file by the file's rows."""
    rows: list[LessonRow] = [row.payload for row in preview.rows]
    employee_ids = {row.employee_id for row in rows}
    kept = {row.current.id for row in rows if row.current is not None}
    for lesson in session.scalars(
        select(Lesson).where(
            Lesson.employee_id.in_(employee_ids), Lesson.schooljaar_id == target.schooljaar.id
        )
    ):
        if lesson.id not in kept:
            session.delete(lesson)
    for row in rows:
        if row.current is None:
            session.add(
                Lesson(
                    employee_id=row.employee_id,
                    schooljaar_id=target.schooljaar.id,
                    vak=row.vak,
                    groep=row.groep,
                    lesuren_per_week=row.lesuren,
                )
            )
        elif _action(row) == "bijwerken":
            row.current.vak, row.current.groep = row.vak, row.groep
            row.current.lesuren_per_week = row.lesuren
    session.flush()


IMPORTER = Importer(
    key="lessen",
    title="Lessen importeren",
    required=["docentcode", "vak", "lesuren"],
    optional=["groep"],
    example="lessen.csv",
    explanation=(
        "Een export uit het roosterprogramma (Zermelo, Untis): één rij per docentcode, vak en "
        "groep, met de lesuren per week. Let op: de import VERVANGT in het gekozen schooljaar alle "
        "lessen van elke docent die in het bestand staat; lessen van die docenten "
        "die niet in het bestand staan worden verwijderd. Docenten die niet in het bestand staan "
        "houden hun lessen. Een docentcode die geen medewerker van deze school is, of dezelfde "
        "docentcode, vak en groep twee keer, is een fout: dan wordt niets geïmporteerd."
    ),
    check=check,
    apply=apply,
)
