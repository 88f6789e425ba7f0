"""The jaartaak of employees in a schooljaar: facts from the database through the engine.

The engine is pure (jaartaak.domain); this module turns stored facts into the calc contract's
scenario, so the pages show exactly what ``jaartaak calc`` would answer for the same facts.
Facts are loaded for many employees at once with a fixed number of queries, so the school
overview costs the same number of statements for 10 employees as for 250.

Savings and the "never less than last year" rule need earlier years: :func:`history_of` runs
the engine over the employee's earlier schooljaren in the application (oldest first) and passes
on what the pots hold, as the contract's ``history``. Years before the first schooljaar in the
application are not known here; their savings would have to be entered as a starting balance.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jaartaak.domain import calc
from jaartaak.domain.results import Result, Unit
from jaartaak.models import (
    OPNAME_POTTEN,
    PB_DOELEN,
    Employee,
    Lesson,
    PbKeuze,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
)
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import taakbeleid

SCHEME = "cao-vo"
#: Taakbeleid columns passed to the engine as settings (cao-vo.md section 8).
TAAKBELEID_SETTINGS = (
    "lesduur_minuten",
    "lesweken",
    "opslagfactor",
    "max_lestaak_klokuren",
    "ontwikkeltijd",
    "professionalisering_op",
    "professionalisering_oop",
    "ast_per_fte",
)
#: The savings pots of the ledger, per tranche unit.
HOUR_POTS = {"pb-sparen": "pb", "senior-sparen": "senior"}
EURO_POTS = {"pb-sparen-eur": "pb"}


@dataclass
class JaarFeiten:
    """What is stored about one employee for one schooljaar."""

    employee: Employee
    schooljaar: Schooljaar
    lessons: list[Lesson] = field(default_factory=list)
    tasks: list[TaskAssignment] = field(default_factory=list)
    keuze: PbKeuze | None = None
    taakbeleid: Taakbeleid | None = None


@dataclass(frozen=True)
class Jaartaak:
    """The engine's answer for one employee-year, with the facts and scenario behind it."""

    feiten: JaarFeiten
    scenario: dict
    result: Result

    def total(self, key: str) -> Decimal | int | None:
        value = self.result.totals.get(key)
        return getattr(value, "amount", value)


def _text(value: Decimal) -> str:
    return format(value, "f")


def load_facts(
    session: Session, employees: list[Employee], schooljaar: Schooljaar
) -> dict[int, JaarFeiten]:
    """Facts of ``employees`` (appointments loaded) in four queries, whatever their number."""
    ids = [e.id for e in employees]
    facts = {e.id: JaarFeiten(e, schooljaar) for e in employees}
    for lesson in session.scalars(
        select(Lesson)
        .where(Lesson.employee_id.in_(ids), Lesson.schooljaar_id == schooljaar.id)
        .order_by(Lesson.vak, Lesson.groep, Lesson.id)
    ):
        facts[lesson.employee_id].lessons.append(lesson)
    for assignment in session.scalars(
        select(TaskAssignment)
        .join(TaskAssignment.task)
        .where(TaskAssignment.employee_id.in_(ids), TaskAssignment.schooljaar_id == schooljaar.id)
        .options(selectinload(TaskAssignment.task).selectinload(Task.task_group))
        .order_by(Task.name, TaskAssignment.id)
    ):
        facts[assignment.employee_id].tasks.append(assignment)
    for keuze in session.scalars(
        select(PbKeuze).where(PbKeuze.employee_id.in_(ids), PbKeuze.schooljaar_id == schooljaar.id)
    ):
        facts[keuze.employee_id].keuze = keuze
    beleid = taakbeleid.current_taakbeleid_by_school(
        session, {e.school_id for e in employees}, schooljaar.id
    )
    for item in facts.values():
        item.taakbeleid = beleid.get(item.employee.school_id)
    return facts


def _choices(keuze: PbKeuze | None) -> dict:
    if keuze is None:
        return {}
    choices: dict = {
        "pb": [
            {"doel": doel, "hours": _text(getattr(keuze, column))}
            for column, doel in PB_DOELEN.items()
            if getattr(keuze, column)
        ]
    }
    if keuze.aanvulling_niveau:
        choices["aanvulling"] = {"level": keuze.aanvulling_niveau, "mode": keuze.aanvulling_wijze}
    opname = [
        {"pot": pot, "hours": _text(getattr(keuze, column))}
        for column, pot in OPNAME_POTTEN.items()
        if getattr(keuze, column)
    ]
    if opname:
        choices["opname"] = opname
    return choices


def _settings(beleid: Taakbeleid | None) -> dict:
    if beleid is None:
        return {}
    return {name: _text(getattr(beleid, name)) for name in TAAKBELEID_SETTINGS}


def _lesson(lesson: Lesson, beleid: Taakbeleid | None) -> dict:
    item = {"vak": lesson.vak, "lesuren_per_week": _text(lesson.lesuren_per_week)}
    if lesson.groep:
        item["groep"] = lesson.groep
    if beleid is not None and beleid.opslag_voor(lesson.vak) != beleid.opslagfactor:
        item["opslagfactor"] = _text(beleid.opslag_voor(lesson.vak))
    return item


def scenario(feiten: JaarFeiten, history: dict | None = None, balance: bool = True) -> dict:
    """The calc contract's scenario for these facts; ``balance`` adds lessons and tasks."""
    person = feiten.employee
    data: dict = {
        "scheme": SCHEME,
        "period": feiten.schooljaar.code,
        "employee": {
            "birth_date": person.birth_date.isoformat(),
            "category": person.category,
            "salary_scale": person.salary_scale,
            "fulltime_monthly_salary": _text(person.fulltime_monthly_salary),
            "appointments": [
                {
                    "start": a.start.isoformat(),
                    "end": a.end_date.isoformat() if a.end_date else None,
                    "fte": _text(a.fte),
                    "kind": a.kind,
                }
                for a in person.appointments
            ],
        },
        "choices": _choices(feiten.keuze),
        "history": history or {},
        "settings": _settings(feiten.taakbeleid),
    }
    if balance:
        data["lessons"] = [_lesson(lesson, feiten.taakbeleid) for lesson in feiten.lessons]
        data["tasks"] = [{"naam": t.task.name, "uren": _text(t.hours)} for t in feiten.tasks]
    return data


def next_history(history: dict, result: Result, keuze: PbKeuze | None) -> dict:
    """The history for the following schooljaar: the pots after this year, and this year's level.

    The pots follow from the tranches going in plus the ledger of this year, per tranche key
    (``sparen.<pot>.<schooljaar>``). A year with errors booked nothing: its pots pass on as they
    came in.
    """
    hours: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    euros: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for tranche in history.get("savings", []):
        target = euros if "eur" in tranche else hours
        target[(tranche["pot"], tranche["schooljaar"])] += Decimal(
            tranche.get("eur", tranche.get("hours"))
        )
    if result.ok:
        for entry in result.ledger:
            _kind, _pot, code = entry.key.split(".", 2)
            if entry.pot in HOUR_POTS and entry.unit is Unit.HOURS:
                hours[(HOUR_POTS[entry.pot], code)] += entry.amount
            elif entry.pot in EURO_POTS:
                euros[(EURO_POTS[entry.pot], code)] += entry.amount
    savings = [
        {"pot": pot, "schooljaar": code, "hours": _text(amount)}
        for (pot, code), amount in sorted(hours.items())
        if amount > 0
    ] + [
        {"pot": pot, "schooljaar": code, "eur": _text(amount)}
        for (pot, code), amount in sorted(euros.items())
        if amount > 0
    ]
    following: dict = {"savings": savings} if savings else {}
    if keuze is not None and result.ok:
        following["previous_aanvulling_level"] = keuze.aanvulling_niveau
        regulier = result.totals.get("wtf_regulier")
        if regulier is not None:
            following["previous_wtf_regulier"] = _text(getattr(regulier, "amount", regulier))
    return following


def _needs_history(keuzes: list[PbKeuze]) -> bool:
    """Whether earlier years matter: something was saved or taken, or an aanvulling chosen."""
    return any(k.sparen or k.opname_pb or k.opname_senior or k.aanvulling_niveau for k in keuzes)


def histories(
    session: Session,
    employees: list[Employee],
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
) -> dict[int, dict]:
    """The contract ``history`` of each employee for ``schooljaar``, from earlier years' choices.

    Earlier years are computed without their lessons and tasks (the balance does not carry over),
    and only for employees who saved, took saved leave or had an aanvulling: the others have no
    history, so the overview of a school pays nothing for them.
    """
    earlier = list(
        session.scalars(
            select(Schooljaar)
            .where(
                Schooljaar.organisation_id == schooljaar.organisation_id,
                Schooljaar.start < schooljaar.start,
            )
            .order_by(Schooljaar.start)
        )
    )
    if not earlier:
        return {}
    by_employee: dict[int, dict[int, PbKeuze]] = defaultdict(dict)
    for keuze in session.scalars(
        select(PbKeuze).where(
            PbKeuze.employee_id.in_([e.id for e in employees]),
            PbKeuze.schooljaar_id.in_([y.id for y in earlier]),
        )
    ):
        by_employee[keuze.employee_id][keuze.schooljaar_id] = keuze
    result: dict[int, dict] = {}
    for person in employees:
        keuzes = by_employee.get(person.id, {})
        if not _needs_history(list(keuzes.values())):
            continue
        history: dict = {}
        for year in earlier:
            keuze = keuzes.get(year.id)
            feiten = JaarFeiten(person, year, keuze=keuze)
            answer = calc.calculate(scenario(feiten, history, balance=False), registry.schemes)
            history = next_history(history, answer, keuze)
        result[person.id] = history
    return result


def bereken(
    session: Session,
    employees: list[Employee],
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
) -> dict[int, Jaartaak]:
    """The jaartaak of every employee in ``schooljaar``, keyed by employee id."""
    facts = load_facts(session, employees, schooljaar)
    earlier = histories(session, employees, schooljaar, registry)
    answers = {}
    for person in employees:
        data = scenario(facts[person.id], earlier.get(person.id))
        answers[person.id] = Jaartaak(
            facts[person.id], data, calc.calculate(data, registry.schemes)
        )
    return answers
