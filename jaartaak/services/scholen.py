"""Schools of a board, as the beheerder adds and edits them: name, BRIN code, locations.

A BRIN code is the school's national number (DUO): two digits and two letters (``12AB``). It is
unique in the whole installation; a name is unique within the board.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.models import Organisation, School
from jaartaak.services.errors import Refused

BRIN_PATTERN = re.compile(r"^\d{2}[A-Z]{2}$")
MAX_NAME = 200


def _clean(name: str, brin: str, locaties: str) -> tuple[str, str | None, str]:
    name = " ".join(name.split())
    if not name:
        raise Refused("Geef de school een naam.")
    if len(name) > MAX_NAME:
        raise Refused(f"Een schoolnaam heeft hoogstens {MAX_NAME} tekens.")
    code = brin.strip().upper() or None
    if code is not None and not BRIN_PATTERN.match(code):
        raise Refused(
            f"'{brin.strip()}' is geen BRIN-code: twee cijfers en twee letters, zoals 12AB."
        )
    places = "\n".join(line.strip() for line in locaties.splitlines() if line.strip())
    return name, code, places


def _refuse_duplicates(session: Session, organisation_id: int, name: str, brin, school_id=None):
    same_name = session.scalar(
        select(School).where(
            School.organisation_id == organisation_id,
            func.lower(School.name) == name.lower(),
            School.id != (school_id or 0),
        )
    )
    if same_name is not None:
        raise Refused(f"Het bestuur heeft al een school '{same_name.name}'.")
    if brin is not None:
        same_brin = session.scalar(
            select(School).where(School.brin == brin, School.id != (school_id or 0))
        )
        if same_brin is not None:
            raise Refused(f"BRIN-code {brin} is al in gebruik (door {same_brin.name}).")


def create_school(
    session: Session, organisation: Organisation, name: str, brin: str, locaties: str
) -> School:
    name, code, places = _clean(name, brin, locaties)
    _refuse_duplicates(session, organisation.id, name, code)
    school = School(organisation=organisation, name=name, brin=code, locaties=places)
    session.add(school)
    session.flush()
    return school


def update_school(
    session: Session, school: School, name: str, brin: str, locaties: str, version: int | None
) -> School:
    expect_version(school, version)
    name, code, places = _clean(name, brin, locaties)
    _refuse_duplicates(session, school.organisation_id, name, code, school.id)
    school.name, school.brin, school.locaties = name, code, places
    return school
