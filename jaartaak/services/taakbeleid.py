"""A school's taakbeleid per schooljaar: reading the version in use, adding a new version.

A version is never edited: a change adds version ``number + 1`` with an ingangsdatum, so the
planner sees what the parameters were and a jaartaak says which version it used. The highest
number is the version in use; without any version the engine uses ``TAAKBELEID_DEFAULTS``
(the CAO VO defaults).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jaartaak.models import TAAKBELEID_DEFAULTS, AuditEntry, School, Schooljaar, Taakbeleid
from jaartaak.services.audit_log import local_time
from jaartaak.services.errors import Refused
from jaartaak.services.taakbeleid_invoer import checked_values

# --- reading -----------------------------------------------------------------------------------


def taakbeleid_versions(session: Session, school_id: int, schooljaar_id: int) -> list[Taakbeleid]:
    """Every version of the school's taakbeleid for the schooljaar, newest (highest) first."""
    return list(
        session.scalars(
            select(Taakbeleid)
            .where(Taakbeleid.school_id == school_id, Taakbeleid.schooljaar_id == schooljaar_id)
            .order_by(Taakbeleid.number.desc())
        )
    )


def current_taakbeleid(session: Session, school_id: int, schooljaar_id: int) -> Taakbeleid | None:
    """The version in use (the highest number); None means the CAO VO defaults apply."""
    return session.scalar(
        select(Taakbeleid)
        .where(Taakbeleid.school_id == school_id, Taakbeleid.schooljaar_id == schooljaar_id)
        .order_by(Taakbeleid.number.desc())
        .limit(1)
    )


#: Every computed jaartaak needs it; built once and run with parameters (see
#: docs/ontwikkelen.md, "Statements op elke pagina").
BY_SCHOOL = (
    select(Taakbeleid)
    .where(
        Taakbeleid.school_id.in_(bindparam("school_ids", expanding=True)),
        Taakbeleid.schooljaar_id == bindparam("schooljaar_id"),
    )
    .order_by(Taakbeleid.number)
)


def current_taakbeleid_by_school(
    session: Session, school_ids: Iterable[int], schooljaar_id: int
) -> dict[int, Taakbeleid]:
    """The version in use per school, in one query; schools without one are absent."""
    result: dict[int, Taakbeleid] = {}
    parameters = {"school_ids": list(school_ids), "schooljaar_id": schooljaar_id}
    for row in session.scalars(BY_SCHOOL, parameters):
        result[row.school_id] = row
    return result


def numbers_by_schooljaar(session: Session, school_id: int) -> dict[int, int]:
    """Per schooljaar id, the number of the version in use at the school (one query)."""
    return dict(
        session.execute(
            select(Taakbeleid.schooljaar_id, func.max(Taakbeleid.number))
            .where(Taakbeleid.school_id == school_id)
            .group_by(Taakbeleid.schooljaar_id)
        ).all()
    )


def values_of(beleid: Taakbeleid | None) -> dict:
    """The values of a version as ``new_version`` takes them; the defaults when there is none."""
    if beleid is None:
        values: dict = dict(TAAKBELEID_DEFAULTS)
        values.update(opslag_per_vak={}, pb_deadline=None, toelichting="")
        return values
    values = {name: getattr(beleid, name) for name in TAAKBELEID_DEFAULTS}
    values.update(
        opslag_per_vak={vak: Decimal(f) for vak, f in (beleid.opslag_per_vak or {}).items()},
        pb_deadline=beleid.pb_deadline,
        toelichting=beleid.toelichting,
    )
    return values


@dataclass(frozen=True)
class Made:
    """Who added a version and when (from the audit log; the row's created_at as a fallback)."""

    who: str
    at: datetime


def made_by(session: Session, versions: list[Taakbeleid]) -> dict[int, Made]:
    """Per version id, who inserted it and when: one query for the whole history."""
    found = {v.id: Made("onbekend", v.created_at) for v in versions}
    if not found:
        return found
    for entry in session.scalars(
        select(AuditEntry).where(
            AuditEntry.table_name == Taakbeleid.__tablename__,
            AuditEntry.action == "insert",
            AuditEntry.record_id.in_([str(v.id) for v in versions]),
        )
    ):
        found[int(entry.record_id)] = Made(entry.actor_name, entry.at)
    return found


# --- a new version -----------------------------------------------------------------------------


class NewerVersion(Refused):
    """Someone added a version after the form was filled: the planner must see it first."""


def _newer_message(session: Session, newer: Taakbeleid, expected_number: int) -> str:
    made = made_by(session, [newer])[newer.id]
    shown = f"versie {expected_number}" if expected_number else "de standaardwaarden"
    return (
        f"Niet opgeslagen: {made.who} heeft intussen versie {newer.number} van het taakbeleid "
        f"vastgesteld ({local_time(made.at)}); uw formulier ging uit van {shown}. Bekijk versie "
        f"{newer.number} en breng uw wijziging opnieuw aan."
    )


def new_version(
    session: Session,
    school: School,
    schooljaar: Schooljaar,
    values: Mapping[str, object],
    ingangsdatum: date,
    expected_number: int,
) -> Taakbeleid:
    """Add version ``expected_number + 1`` of the school's taakbeleid for the schooljaar.

    ``values`` holds every name of ``TAAKBELEID_DEFAULTS`` (Decimals) and optionally
    ``opslag_per_vak`` ({vak: Decimal}), ``pb_deadline`` (a date) and ``toelichting``.
    ``expected_number`` is the version the form showed (0: none, the defaults): when a newer
    version exists the change is refused with who made it, so nothing is overwritten silently.
    """
    if schooljaar.organisation_id != school.organisation_id:
        raise Refused(f"Schooljaar {schooljaar.code} hoort niet bij het bestuur van {school.name}.")
    current = current_taakbeleid(session, school.id, schooljaar.id)
    current_number = current.number if current else 0
    if expected_number > current_number:
        raise NewerVersion(
            f"Niet opgeslagen: versie {expected_number} van het taakbeleid bestaat niet (meer). "
            "Bekijk het taakbeleid zoals het nu is en breng uw wijziging opnieuw aan."
        )
    if current is not None and expected_number < current_number:
        raise NewerVersion(_newer_message(session, current, expected_number))
    columns = checked_values(values, ingangsdatum, schooljaar, current)
    beleid = Taakbeleid(
        school_id=school.id,
        schooljaar_id=schooljaar.id,
        number=current_number + 1,
        ingangsdatum=ingangsdatum,
        **columns,
    )
    session.add(beleid)
    try:
        session.flush()
    except IntegrityError as error:
        # Someone saved the same number in the same instant; the unique constraint caught it.
        raise NewerVersion(
            "Niet opgeslagen: iemand anders heeft tegelijk een nieuwe versie van het taakbeleid "
            "vastgesteld. Laad de pagina opnieuw en breng uw wijziging opnieuw aan."
        ) from error
    return beleid
