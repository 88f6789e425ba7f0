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
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session, contains_eager

from jaartaak.domain import calc
from jaartaak.domain.results import Result, Unit
from jaartaak.models import (
    OPNAME_POTTEN,
    PB_DOELEN,
    Appointment,
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


#: The PbKeuze columns the engine reads, in a fixed order: the row loader selects exactly these.
KEUZE_VELDEN = (*PB_DOELEN, "aanvulling_niveau", "aanvulling_wijze", *OPNAME_POTTEN)
NIVEAU = KEUZE_VELDEN.index("aanvulling_niveau")
#: Positions in a keuze tuple that make earlier years matter (saved, taken, an aanvulling).
HISTORY_FIELDS = tuple(
    KEUZE_VELDEN.index(name)
    for name in ("sparen", "opname_pb", "opname_senior", "aanvulling_niveau")
)
#: Order of lessons and tasks in the scenario: the lines of the explanation follow it.
LESSON_ORDER = (Lesson.vak, Lesson.groep, Lesson.id)
APPOINTMENT_ORDER = (Appointment.start, Appointment.id)
TASK_ORDER = (Task.name, TaskAssignment.id)


class Invoer(NamedTuple):
    """Everything the engine is given for one employee-year, as plain values.

    Built by :func:`invoer` from ORM objects (one employee's page) and from column rows (the
    school overview) alike, so both paths give the same scenario. Being plain tuples of
    dates, Decimals and strings, its ``repr`` is exact and cheap: the result cache keys on it
    (:mod:`jaartaak.services.uitkomsten`), so anything the scenario reads is in the key.
    """

    period: str
    #: birth_date, category, salary_scale, fulltime_monthly_salary
    persoon: tuple
    #: (start, end_date, fte, kind) per appointment, by start
    aanstellingen: tuple
    #: (vak, groep, lesuren_per_week, opslagfactor when it differs from the school's default)
    lessen: tuple
    #: (naam, uren) per assigned task
    taken: tuple
    #: the values of KEUZE_VELDEN, or None without a choice
    keuze: tuple | None
    #: (name, value) per TAAKBELEID_SETTINGS; empty without a taakbeleid
    settings: tuple


def persoon_van(employee) -> tuple:
    """The employee's part of :class:`Invoer` (an Employee with its appointments loaded)."""
    return (
        employee.birth_date,
        employee.category,
        employee.salary_scale,
        employee.fulltime_monthly_salary,
    )


def aanstellingen_van(employee) -> tuple:
    """The appointments as :class:`Invoer` holds them (the relationship keeps APPOINTMENT_ORDER)."""
    return tuple((a.start, a.end_date, a.fte, a.kind) for a in employee.appointments)


def keuze_van(keuze) -> tuple | None:
    """A PbKeuze (or the tuple of its KEUZE_VELDEN already) as the tuple :class:`Invoer` holds."""
    if keuze is None or isinstance(keuze, tuple):
        return keuze
    return tuple(getattr(keuze, name) for name in KEUZE_VELDEN)


class BeleidInvoer:
    """A taakbeleid version as the engine's input needs it, prepared once per school.

    The settings tuple and, per vak, the opslagfactor when it differs from the school's
    default (memoised: a school has a few vakken and thousands of lessons).
    """

    def __init__(self, beleid: Taakbeleid | None) -> None:
        self.beleid = beleid
        self.settings = (
            ()
            if beleid is None
            else tuple((name, getattr(beleid, name)) for name in TAAKBELEID_SETTINGS)
        )
        self._opslag: dict[str, Decimal | None] = {}
        per_vak = () if beleid is None else tuple((beleid.opslag_per_vak or {}).items())
        #: Everything the input depends on, as text: a cache key may contain this object.
        self._repr = f"BeleidInvoer({self.settings!r}, {per_vak!r})"

    def __repr__(self) -> str:
        return self._repr

    def opslag(self, vak: str) -> Decimal | None:
        if self.beleid is None:
            return None
        if vak not in self._opslag:
            value = self.beleid.opslag_voor(vak)
            self._opslag[vak] = None if value == self.beleid.opslagfactor else value
        return self._opslag[vak]


def invoer(
    period: str,
    persoon: tuple,
    aanstellingen: tuple,
    lessen: Iterable[tuple[str, str | None, Decimal]],
    taken: Iterable[tuple[str, Decimal]],
    keuze,
    beleid: BeleidInvoer,
) -> Invoer:
    """The engine's input from plain values: (vak, groep, lesuren) and (naam, uren) pairs."""
    return Invoer(
        period=period,
        persoon=persoon,
        aanstellingen=aanstellingen,
        lessen=tuple((vak, groep, uren, beleid.opslag(vak)) for vak, groep, uren in lessen),
        taken=tuple(taken),
        keuze=keuze_van(keuze),
        settings=beleid.settings,
    )


GEEN_BELEID = BeleidInvoer(None)


@dataclass
class JaarFeiten:
    """What is stored about one employee for one schooljaar, as ORM objects (for the pages)."""

    employee: Employee
    schooljaar: Schooljaar
    lessons: list[Lesson] = field(default_factory=list)
    tasks: list[TaskAssignment] = field(default_factory=list)
    keuze: PbKeuze | None = None
    taakbeleid: Taakbeleid | None = None

    @property
    def invoer(self) -> Invoer:
        return invoer(
            self.schooljaar.code,
            persoon_van(self.employee),
            aanstellingen_van(self.employee),
            ((les.vak, les.groep, les.lesuren_per_week) for les in self.lessons),
            ((taak.task.name, taak.hours) for taak in self.tasks),
            self.keuze,
            BeleidInvoer(self.taakbeleid),
        )


@dataclass(frozen=True)
class Jaartaak:
    """The engine's answer for one employee-year, with the facts and scenario behind it."""

    feiten: JaarFeiten
    scenario: dict
    result: Result

    def total(self, key: str) -> Decimal | int | None:
        return total_of(self.result, key)


def total_of(result: Result, key: str) -> Decimal | int | None:
    """A total of the result as a plain number (a Quantity's amount), or None if absent."""
    value = result.totals.get(key)
    return getattr(value, "amount", value)


def _text(value: Decimal) -> str:
    return format(value, "f")


def _per_employee_year(entity, *order):
    """``entity`` rows of some employees (``ids``) in one schooljaar (``schooljaar_id``)."""
    return (
        select(entity)
        .where(
            entity.employee_id.in_(bindparam("ids", expanding=True)),
            entity.schooljaar_id == bindparam("schooljaar_id"),
        )
        .order_by(*order)
    )


# The statements of load_facts and earlier_keuzes are built once and run with parameters: an
# employee's own pages run them on every view (docs/ontwikkelen.md, "Statements op elke pagina").
LESSONS = _per_employee_year(Lesson, *LESSON_ORDER)
#: The task is joined already (for the order) and its group is one outer join away: one
#: statement instead of three.
TASKS = (
    _per_employee_year(TaskAssignment, *TASK_ORDER)
    .join(TaskAssignment.task)
    .options(contains_eager(TaskAssignment.task).joinedload(Task.task_group))
)
KEUZES = _per_employee_year(PbKeuze)


def load_facts(
    session: Session, employees: list[Employee], schooljaar: Schooljaar
) -> dict[int, JaarFeiten]:
    """Facts of ``employees`` (appointments loaded) in four queries, whatever their number."""
    parameters = {"ids": [e.id for e in employees], "schooljaar_id": schooljaar.id}
    facts = {e.id: JaarFeiten(e, schooljaar) for e in employees}
    for lesson in session.scalars(LESSONS, parameters):
        facts[lesson.employee_id].lessons.append(lesson)
    for assignment in session.scalars(TASKS, parameters):
        facts[assignment.employee_id].tasks.append(assignment)
    for keuze in session.scalars(KEUZES, parameters):
        facts[keuze.employee_id].keuze = keuze
    beleid = taakbeleid.current_taakbeleid_by_school(
        session, {e.school_id for e in employees}, schooljaar.id
    )
    for item in facts.values():
        item.taakbeleid = beleid.get(item.employee.school_id)
    return facts


def choices_of(keuze: tuple | None) -> dict:
    """The contract ``choices`` of a stored choice (its KEUZE_VELDEN tuple; None: no choice)."""
    if keuze is None:
        return {}
    values = dict(zip(KEUZE_VELDEN, keuze, strict=True))
    choices: dict = {
        "pb": [
            {"doel": doel, "hours": _text(values[column])}
            for column, doel in PB_DOELEN.items()
            if values[column]
        ]
    }
    if values["aanvulling_niveau"]:
        choices["aanvulling"] = {
            "level": values["aanvulling_niveau"],
            "mode": values["aanvulling_wijze"],
        }
    opname = [
        {"pot": pot, "hours": _text(values[column])}
        for column, pot in OPNAME_POTTEN.items()
        if values[column]
    ]
    if opname:
        choices["opname"] = opname
    return choices


def _lesson(vak: str, groep: str | None, lesuren: Decimal, opslag: Decimal | None) -> dict:
    item = {"vak": vak, "lesuren_per_week": _text(lesuren)}
    if groep:
        item["groep"] = groep
    if opslag is not None:
        item["opslagfactor"] = _text(opslag)
    return item


def scenario(gegeven: Invoer, history: dict | None = None, balance: bool = True) -> dict:
    """The calc contract's scenario for this input; ``balance`` adds lessons and tasks."""
    birth_date, category, salary_scale, salary = gegeven.persoon
    data: dict = {
        "scheme": SCHEME,
        "period": gegeven.period,
        "employee": {
            "birth_date": birth_date.isoformat(),
            "category": category,
            "salary_scale": salary_scale,
            "fulltime_monthly_salary": _text(salary),
            "appointments": [
                {
                    "start": start.isoformat(),
                    "end": end.isoformat() if end else None,
                    "fte": _text(fte),
                    "kind": kind,
                }
                for start, end, fte, kind in gegeven.aanstellingen
            ],
        },
        "choices": choices_of(gegeven.keuze),
        "history": history or {},
        "settings": {name: _text(value) for name, value in gegeven.settings},
    }
    if balance:
        data["lessons"] = [_lesson(*les) for les in gegeven.lessen]
        data["tasks"] = [{"naam": naam, "uren": _text(uren)} for naam, uren in gegeven.taken]
    return data


def next_history(history: dict, result: Result, keuze: tuple | None) -> dict:
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
        following["previous_aanvulling_level"] = keuze[NIVEAU]
        regulier = total_of(result, "wtf_regulier")
        if regulier is not None:
            following["previous_wtf_regulier"] = _text(regulier)
    return following


def _needs_history(keuzes: Iterable[tuple]) -> bool:
    """Whether earlier years matter: something was saved or taken, or an aanvulling chosen."""
    return any(any(k[i] for i in HISTORY_FIELDS) for k in keuzes)


#: The board's schooljaren before ``start``, oldest first, with the choices of some employees
#: (``ids``) outer-joined: a year without any choice still comes back.
EARLIER_KEUZES = (
    select(
        Schooljaar.id,
        Schooljaar.code,
        PbKeuze.employee_id,
        *(getattr(PbKeuze, name) for name in KEUZE_VELDEN),
    )
    .outerjoin(
        PbKeuze,
        and_(
            PbKeuze.schooljaar_id == Schooljaar.id,
            PbKeuze.employee_id.in_(bindparam("ids", expanding=True)),
        ),
    )
    .where(
        Schooljaar.organisation_id == bindparam("organisation_id"),
        Schooljaar.start < bindparam("start"),
    )
    .order_by(Schooljaar.start, Schooljaar.id)
)


def earlier_keuzes(
    session: Session, employees: list[Employee], schooljaar: Schooljaar
) -> dict[int, tuple]:
    """Per employee whose earlier choices matter: ``(period, keuze)`` per earlier schooljaar.

    Every earlier schooljaar of the board is listed (oldest first), also those without a
    choice: the savings pots age and convert in those years too. One query.
    """
    earlier: dict[int, str] = {}
    by_employee: dict[int, dict[int, tuple]] = defaultdict(dict)
    for year_id, code, employee_id, *keuze in session.connection().execute(
        EARLIER_KEUZES,
        {
            "ids": [e.id for e in employees],
            "organisation_id": schooljaar.organisation_id,
            "start": schooljaar.start,
        },
    ):
        earlier.setdefault(year_id, code)
        if employee_id is not None:
            by_employee[employee_id][year_id] = tuple(keuze)
    return {
        employee_id: tuple((code, keuzes.get(year_id)) for year_id, code in earlier.items())
        for employee_id, keuzes in by_employee.items()
        if _needs_history(keuzes.values())
    }


def history_of(persoon: tuple, aanstellingen: tuple, vroeger: tuple, registry) -> dict:
    """The contract ``history`` after the earlier years ``vroeger`` (see :func:`earlier_keuzes`).

    Earlier years are computed without their lessons and tasks: the balance does not carry over.
    """
    history: dict = {}
    for period, keuze in vroeger:
        gegeven = Invoer(period, persoon, aanstellingen, (), (), keuze, ())
        answer = calc.calculate(scenario(gegeven, history, balance=False), registry.schemes)
        history = next_history(history, answer, keuze)
    return history


def histories(
    session: Session,
    employees: list[Employee],
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
) -> dict[int, dict]:
    """The contract ``history`` of each employee for ``schooljaar``, from earlier years' choices.

    Only employees who saved, took saved leave or had an aanvulling have a history: the others
    cost the overview of a school nothing here.
    """
    vroeger = earlier_keuzes(session, employees, schooljaar)
    return {
        person.id: history_of(
            persoon_van(person), aanstellingen_van(person), vroeger[person.id], registry
        )
        for person in employees
        if person.id in vroeger
    }


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
        data = scenario(facts[person.id].invoer, earlier.get(person.id))
        answers[person.id] = Jaartaak(
            facts[person.id], data, calc.calculate(data, registry.schemes)
        )
    return answers


def met_keuzes(answer: Jaartaak, choices: dict, registry: SchemeRegistry) -> Result:
    """The answer for the same facts and history with other ``choices``: the what-if, and the
    check of a request before it is stored. Nothing is stored."""
    data = {**answer.scenario, "choices": choices}
    return calc.calculate(data, registry.schemes)
