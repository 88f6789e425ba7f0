"""The planning part of the demo: taakbeleid versions, secties, last year's catalogue, pb choices.

Choices are made from each employee's own budget as the engine computes it, and kept only when
the engine accepts them, so the demo never shows a refused choice it did not mean to show.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Employee,
    Lesson,
    PbKeuze,
    School,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
    TaskGroup,
)
from jaartaak.plugins import SchemeRegistry, load_registry
from jaartaak.services import berekening
from jaartaak.services.demo import data


def _taakbeleid(session: Session, school: School, year: Schooljaar, previous: Schooljaar) -> None:
    """Last year: the defaults. This year: version 1 with opslag per vak, version 2 from January."""
    session.add(
        Taakbeleid(
            school=school,
            schooljaar=previous,
            number=1,
            ingangsdatum=previous.start,
            opslag_per_vak={},
            toelichting="Standaardwaarden CAO VO",
            **TAAKBELEID_DEFAULTS,
        )
    )
    first = {**TAAKBELEID_DEFAULTS, "ast_per_fte": Decimal("10")}
    session.add(
        Taakbeleid(
            school=school,
            schooljaar=year,
            number=1,
            ingangsdatum=year.start,
            opslag_per_vak=dict(data.OPSLAG_PER_VAK),
            toelichting="Vastgesteld met instemming van de PMR",
            **first,
        )
    )
    session.add(
        Taakbeleid(
            school=school,
            schooljaar=year,
            number=2,
            ingangsdatum=date(year.start.year + 1, 1, 1),
            opslag_per_vak=dict(data.OPSLAG_PER_VAK),
            toelichting="Lesweken aangepast aan de nieuwe jaarplanning",
            **{**first, "lesweken": Decimal("38.0")},
        )
    )


def _previous_catalogue(session: Session, school: School, year: Schooljaar, previous: Schooljaar):
    """Last year's catalogue: this year's tasks without the ones added since (Toetscoördinatie)."""
    groups: dict[str, TaskGroup] = {}
    for group_name, task_name, hours in data.TASK_CATALOGUE:
        if task_name == "Toetscoördinatie":
            continue
        if group_name not in groups:
            groups[group_name] = TaskGroup(school=school, schooljaar=previous, name=group_name)
        session.add(
            Task(
                school=school,
                schooljaar=previous,
                task_group=groups[group_name],
                name=task_name,
                default_hours=hours,
            )
        )


def _secties(session: Session, employees: list[Employee], year: Schooljaar) -> None:
    first_vak: dict[int, str] = {}
    for employee_id, vak in session.execute(
        select(Lesson.employee_id, Lesson.vak)
        .where(Lesson.employee_id.in_([e.id for e in employees]), Lesson.schooljaar_id == year.id)
        .order_by(Lesson.employee_id, Lesson.id)
    ):
        first_vak.setdefault(employee_id, vak)
    for employee in employees:
        employee.sectie = data.CATEGORY_SECTIES.get(
            employee.category, data.SECTIES.get(first_vak.get(employee.id, ""), "")
        )


def _choice(rng: random.Random, person: Employee, totals: dict) -> dict:
    """Hours per doel (and the aanvulling) that fit this employee's budget."""
    basis, extra = totals["pb_basis_hours"], totals["pb_extra_hours"]
    if totals["aanvulling_months"] and rng.random() < 0.7:
        return {"verlof": basis, "reductie_lestaak": extra, "aanvulling_niveau": 1}
    patterns = [
        {"reductie_lestaak": basis, "reductie_overige_taken": extra},
        {"verlof": basis, "reductie_overige_taken": extra},
        {"sparen": basis, "reductie_lestaak": extra},
    ]
    if person.category == "OOP":
        patterns = [{"reductie_overige_taken": basis + extra}, {"verlof": basis + extra}]
    return dict(rng.choice(patterns))


def _keep_accepted(
    session: Session, registry: SchemeRegistry, chosen: list[PbKeuze], year: Schooljaar
) -> None:
    """Remove the choices the engine refuses, computing all employees in one run."""
    session.add_all(chosen)
    people = [keuze.employee for keuze in chosen]
    answers = berekening.bereken(session, people, year, registry)
    for keuze in chosen:
        if answers[keuze.employee.id].result.errors:
            session.delete(keuze)
    session.flush()


FUNCTION_TASKS = {
    "OOP": ("Functietaken", "Ondersteunende werkzaamheden"),
    "DIR": ("Functietaken", "Leidinggeven"),
}


def _function_tasks(
    session: Session,
    rng: random.Random,
    employees: list[Employee],
    year: Schooljaar,
    registry: SchemeRegistry,
) -> None:
    """OOP and directie do their function, not lessons: a task that fills most of the jaartaak."""
    staff = [e for e in employees if e.category in FUNCTION_TASKS]
    answers = berekening.bereken(session, staff, year, registry)
    tasks: dict[tuple[int, str], Task] = {}
    for person in staff:
        group_name, task_name = FUNCTION_TASKS[person.category]
        key = (person.school_id, task_name)
        if key not in tasks:
            group = session.scalar(
                select(TaskGroup).where(
                    TaskGroup.school_id == person.school_id,
                    TaskGroup.schooljaar_id == year.id,
                    TaskGroup.name == group_name,
                )
            ) or TaskGroup(school_id=person.school_id, schooljaar=year, name=group_name)
            tasks[key] = Task(
                school_id=person.school_id,
                schooljaar=year,
                task_group=group,
                name=task_name,
                default_hours=Decimal("1000"),
            )
            session.add(tasks[key])
        room = answers[person.id].total("saldo") or Decimal(0)
        hours = max(Decimal(0), room - rng.randrange(0, 25)).quantize(Decimal(1))
        if hours:
            session.add(
                TaskAssignment(task=tasks[key], employee=person, schooljaar=year, hours=hours)
            )


#: What a saver in the demo saved last year (only someone with that budget last year).
SAVED = Decimal("30")


def plan_demo(
    session: Session,
    rng: random.Random,
    schools: list[School],
    schooljaren: dict[int, Schooljaar],
    linked: dict[str, Employee],
    registry: SchemeRegistry | None = None,
) -> None:
    """Add the planning data; employees, lessons and tasks of this year already exist.

    ``schooljaren`` maps -1, 0 and 1 to last, this and next schooljaar.
    """
    registry = registry or load_registry()
    year, previous = schooljaren[0], schooljaren[-1]
    for school in schools:
        _taakbeleid(session, school, year, previous)
        _previous_catalogue(session, school, year, previous)
    session.flush()
    employees = list(
        session.scalars(select(Employee).where(Employee.school_id.in_([s.id for s in schools])))
    )
    _secties(session, employees, year)
    fixed = {
        linked["jansen"].id: {
            "reductie_lestaak": Decimal("50"),
            "reductie_overige_taken": Decimal("40"),
        },
        linked["devries"].id: {
            "verlof": Decimal("40"),
            "reductie_lestaak": Decimal("32"),
            "aanvulling_niveau": 1,
        },
    }
    plain = berekening.bereken(session, employees, year, registry)
    last_year = berekening.bereken(session, employees, previous, registry)
    chosen: list[PbKeuze] = []
    for person in employees:
        totals = {
            key: plain[person.id].total(key)
            for key in ("pb_basis_hours", "pb_extra_hours", "aanvulling_months")
        }
        if person.id in fixed:
            values = fixed[person.id]
        elif rng.random() < 0.7 and totals["pb_basis_hours"]:
            values = _choice(rng, person, totals)
        else:
            continue
        saved_last_year = (last_year[person.id].total("pb_total_hours") or 0) >= SAVED
        if "sparen" in values and saved_last_year:  # a saver then, who takes some of it now
            session.add(PbKeuze(employee=person, schooljaar=previous, sparen=SAVED))
            values["opname_pb"] = Decimal("10")
        chosen.append(PbKeuze(employee=person, schooljaar=year, **values))
    _keep_accepted(session, registry, chosen, year)
    _function_tasks(session, rng, employees, year, registry)
    session.flush()
