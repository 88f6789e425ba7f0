"""The facts of a whole school as the result cache reads them: few rows, no ORM objects.

The school overview must find 250 stored answers quickly (:mod:`jaartaak.services.uitkomsten`),
and their keys must cover every fact. Reading 5,000 lessons and tasks as rows, with a Decimal
per value, would cost more than rendering the page; so the database builds one JSON text per
employee of their lessons and one of their tasks, and those texts go into the key as they
are. Only for an answer that is not stored yet is the text parsed into
:func:`~jaartaak.services.berekening.invoer`'s arguments, so everything the engine is given
comes from the text the key was made of.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Connection, Text, cast, func, select
from sqlalchemy.orm import Session

from jaartaak.models import (
    Appointment,
    Employee,
    Lesson,
    PbKeuze,
    Schooljaar,
    Task,
    TaskAssignment,
)
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import berekening, taakbeleid
from jaartaak.services.berekening import (
    APPOINTMENT_ORDER,
    GEEN_BELEID,
    KEUZE_VELDEN,
    LESSON_ORDER,
    TASK_ORDER,
    BeleidInvoer,
    Invoer,
    invoer,
    persoon_van,
)

#: Per dialect: the aggregate that gathers JSON values into an array, and the row constructor.
JSON_FUNCTIONS = {
    "sqlite": (func.json_group_array, func.json_array),
    "postgresql": (func.json_agg, func.json_build_array),
}


class Bron(NamedTuple):
    """The values :func:`~jaartaak.services.berekening.invoer` builds an employee-year from.

    ``invoer`` is a pure function of them, so equal sources mean equal input: the result cache
    keys on :meth:`key_text` and needs the Invoer only for an answer it has not stored.
    """

    period: str
    persoon: tuple
    aanstellingen: tuple
    #: JSON array of [vak, groep, lesuren_per_week], in LESSON_ORDER
    lessen: str
    #: JSON array of [naam, uren], in TASK_ORDER
    taken: str
    #: the values of KEUZE_VELDEN, or None
    keuze: tuple | None
    beleid: BeleidInvoer

    def key_text(self) -> str:
        """All of it, exactly, as text (a plain tuple's repr; the NamedTuple's is slower)."""
        return repr(tuple(self))

    def invoer(self) -> Invoer:
        # An amount is text on SQLite ("1.20") and an exact number on PostgreSQL (1.20).
        lessen = [(vak, groep, Decimal(uren)) for vak, groep, uren in _parse(self.lessen)]
        taken = [(naam, Decimal(uren)) for naam, uren in _parse(self.taken)]
        return invoer(
            self.period,
            self.persoon,
            self.aanstellingen,
            lessen,
            taken,
            self.keuze,
            self.beleid,
        )


def _parse(text: str) -> list:
    """JSON from the database; numbers (PostgreSQL) become exact Decimals, never floats."""
    return json.loads(text, parse_float=Decimal)


def _json_per_employee(connection: Connection, statement) -> dict[int, str]:
    """Per employee id (the first column), the other columns of their rows as one JSON array.

    ``statement`` is ordered by employee id and then by the order the rows must keep; the
    aggregate is fed from it as a subquery. Neither SQLite nor PostgreSQL promises to keep a
    subquery's order into an aggregate, though both do here. Should one ever not, the text
    changes, the stored answer is not found and is computed afresh from that same text: a
    slower page, never a wrong number.
    """
    rows = statement.subquery()
    employee_id, *values = rows.c
    aggregate, array = JSON_FUNCTIONS[connection.dialect.name]
    return dict(
        connection.execute(
            select(employee_id, cast(aggregate(array(*values)), Text)).group_by(employee_id)
        ).all()
    )


def bronnen(session: Session, employees: list[Employee], schooljaar: Schooljaar) -> dict[int, Bron]:
    """The :class:`Bron` of each of ``employees`` in five queries, whatever their number.

    The employees' appointments are read here as rows, not from the ORM collection: the
    overview loads its employees without them.
    """
    ids = [e.id for e in employees]
    connection = session.connection()
    aanstellingen: dict[int, list] = defaultdict(list)
    for row in connection.execute(
        select(
            Appointment.employee_id,
            Appointment.start,
            Appointment.end_date,
            Appointment.fte,
            Appointment.kind,
        )
        .where(Appointment.employee_id.in_(ids))
        .order_by(Appointment.employee_id, *APPOINTMENT_ORDER)
    ).all():
        aanstellingen[row[0]].append(tuple(row[1:]))
    lessen = _json_per_employee(
        connection,
        select(Lesson.employee_id, Lesson.vak, Lesson.groep, Lesson.lesuren_per_week)
        .where(Lesson.employee_id.in_(ids), Lesson.schooljaar_id == schooljaar.id)
        .order_by(Lesson.employee_id, *LESSON_ORDER),
    )
    taken = _json_per_employee(
        connection,
        select(TaskAssignment.employee_id, Task.name, TaskAssignment.hours)
        .join(TaskAssignment.task)
        .where(TaskAssignment.employee_id.in_(ids), TaskAssignment.schooljaar_id == schooljaar.id)
        .order_by(TaskAssignment.employee_id, *TASK_ORDER),
    )
    keuzes = {
        row[0]: tuple(row[1:])
        for row in connection.execute(
            select(PbKeuze.employee_id, *(getattr(PbKeuze, name) for name in KEUZE_VELDEN)).where(
                PbKeuze.employee_id.in_(ids), PbKeuze.schooljaar_id == schooljaar.id
            )
        ).all()
    }
    beleid = {
        school_id: BeleidInvoer(version)
        for school_id, version in taakbeleid.current_taakbeleid_by_school(
            session, {e.school_id for e in employees}, schooljaar.id
        ).items()
    }
    return {
        e.id: Bron(
            period=schooljaar.code,
            persoon=persoon_van(e),
            aanstellingen=tuple(aanstellingen.get(e.id, ())),
            lessen=lessen.get(e.id, "[]"),
            taken=taken.get(e.id, "[]"),
            keuze=keuzes.get(e.id),
            beleid=beleid.get(e.school_id) or GEEN_BELEID,
        )
        for e in employees
    }


def scenario_van(bron: Bron, vroeger: tuple | None, registry: SchemeRegistry) -> dict:
    """The calc scenario of one employee-year: its source, with the history of the earlier
    years' choices ``vroeger`` (see :func:`~jaartaak.services.berekening.earlier_keuzes`)."""
    history = None
    if vroeger:
        history = berekening.history_of(bron.persoon, bron.aanstellingen, vroeger, registry)
    return berekening.scenario(bron.invoer(), history)


def scenarios(
    session: Session, employees: list[Employee], schooljaar: Schooljaar, registry: SchemeRegistry
) -> Iterator[tuple[Employee, dict]]:
    """Each of ``employees`` (in their order) with their calc scenario in ``schooljaar``.

    The same scenario :func:`~jaartaak.services.berekening.bereken` builds from ORM objects
    (a test compares both), read as rows in a fixed number of queries: for computing a whole
    board at once (the payroll month, settling), where an ORM object per lesson and task costs
    more than the engine does. Each scenario is made when it is asked for, so a caller that
    computes and lets go holds one at a time, not thousands.
    """
    sources = bronnen(session, employees, schooljaar)
    vroeger = berekening.earlier_keuzes(session, employees, schooljaar)
    for employee in employees:
        yield employee, scenario_van(sources[employee.id], vroeger.get(employee.id), registry)
