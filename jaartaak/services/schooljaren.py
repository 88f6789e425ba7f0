"""Setting up a schooljaar: create it for the board, or take over last year's set-up of a school.

What carries over is what a school keeps from year to year: its taakbeleid and its task
catalogue. Appointments are date ranges, not per year, so they need no copying; the report says
how many continue and which end before the new year. Lessons never carry over (every year has
a new timetable); task assignments only when the planner asks for it explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.models import (
    Appointment,
    Employee,
    Organisation,
    School,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
    TaskGroup,
)
from jaartaak.services.errors import Refused
from jaartaak.services.taakbeleid import current_taakbeleid, new_version, values_of
from jaartaak.services.taakbeleid_invoer import shift_years

FIRST_YEAR, LAST_YEAR = 2000, 2099


def create_schooljaar(session: Session, organisation: Organisation, start_year: int) -> Schooljaar:
    """Schooljaar ``start_year``-``start_year + 1`` (1 August - 31 July) for the board."""
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        raise Refused(f"Een schooljaar begint in {FIRST_YEAR} tot en met {LAST_YEAR}.")
    period = SchooljaarPeriod(start_year)
    exists = session.scalar(
        select(Schooljaar.id).where(
            Schooljaar.organisation_id == organisation.id, Schooljaar.code == period.code
        )
    )
    if exists is not None:
        raise Refused(f"Schooljaar {period.code} bestaat al voor {organisation.name}.")
    year = Schooljaar(
        organisation_id=organisation.id, code=period.code, start=period.start, end_date=period.end
    )
    session.add(year)
    session.flush()
    return year


def next_start_year(schooljaren: list[Schooljaar]) -> int:
    """The year after the board's last schooljaar: the one to create next."""
    return max(y.start.year for y in schooljaren) + 1


@dataclass(frozen=True)
class Ending:
    """An appointment that ends before the new schooljaar, so does not continue into it."""

    employee: Employee
    appointment: Appointment
    #: Whether the employee has another appointment in the new year (say a new contract).
    continues_otherwise: bool


@dataclass
class CopyPlan:
    """What copying a school's set-up from one schooljaar to another does (or did)."""

    school: School
    source: Schooljaar
    target: Schooljaar
    taakbeleid: Taakbeleid | None
    groups: list[TaskGroup]
    tasks: list[Task]
    continuing_appointments: int
    continuing_employees: int
    ending: list[Ending]
    with_assignments: bool
    #: Assignments of the source year whose employee works in the new year (copied if asked).
    assignments: list[TaskAssignment] = field(default_factory=list)
    #: Assignments left behind because the employee no longer works at the school.
    assignments_skipped: int = 0


def _overlaps(appointment: Appointment, year: Schooljaar) -> bool:
    return appointment.start <= year.end_date and (
        appointment.end_date is None or appointment.end_date >= year.start
    )


def _count(session: Session, model, school: School, year: Schooljaar) -> int:
    return session.scalar(
        select(func.count())
        .select_from(model)
        .where(model.school_id == school.id, model.schooljaar_id == year.id)
    )


def existing_setup(session: Session, school: School, year: Schooljaar) -> list[str]:
    """What the school already has in the year ("2 taakgroepen", "1 taak"); empty: nothing."""
    return [
        f"{count} {one if count == 1 else more}"
        for count, one, more in (
            (_count(session, Taakbeleid, school, year), "versie taakbeleid", "versies taakbeleid"),
            (_count(session, TaskGroup, school, year), "taakgroep", "taakgroepen"),
            (_count(session, Task, school, year), "taak", "taken"),
        )
        if count
    ]


def _refuse_unless_copyable(
    session: Session, school: School, target: Schooljaar, source: Schooljaar
) -> None:
    if {source.organisation_id, target.organisation_id} != {school.organisation_id}:
        raise Refused("Beide schooljaren moeten bij het bestuur van de school horen.")
    if source.start >= target.start:
        raise Refused(
            f"Kopiëren gaat van een eerder schooljaar naar een later: {source.code} ligt niet "
            f"vóór {target.code}."
        )
    present = existing_setup(session, school, target)
    if present:
        raise Refused(
            f"{school.name} heeft in {target.code} al {', '.join(present)}. Overnemen kan "
            "alleen in een schooljaar zonder taakbeleid en takenlijst; er is niets gekopieerd."
        )


def plan_copy(
    session: Session,
    school: School,
    target: Schooljaar,
    source: Schooljaar,
    with_assignments: bool = False,
) -> CopyPlan:
    """What ``copy_previous`` would do, without changing anything (for the confirmation)."""
    _refuse_unless_copyable(session, school, target, source)
    beleid = current_taakbeleid(session, school.id, source.id)
    groups = list(
        session.scalars(
            select(TaskGroup)
            .where(TaskGroup.school_id == school.id, TaskGroup.schooljaar_id == source.id)
            .order_by(TaskGroup.name)
        )
    )
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.school_id == school.id, Task.schooljaar_id == source.id)
            .options(selectinload(Task.task_group))
            .order_by(Task.name)
        )
    )
    if beleid is None and not tasks and not groups:
        raise Refused(
            f"{school.name} heeft in {source.code} geen taakbeleid en geen takenlijst: "
            "er is niets over te nemen."
        )
    people = list(
        session.scalars(
            select(Employee)
            .where(Employee.school_id == school.id)
            .options(selectinload(Employee.appointments))
            .order_by(Employee.last_name, Employee.first_name, Employee.code)
        )
    )
    staying = {p.id for p in people if any(_overlaps(a, target) for a in p.appointments)}
    plan = CopyPlan(
        school=school,
        source=source,
        target=target,
        taakbeleid=beleid,
        groups=groups,
        tasks=tasks,
        continuing_appointments=sum(_overlaps(a, target) for p in people for a in p.appointments),
        continuing_employees=len(staying),
        ending=[
            Ending(p, a, p.id in staying)
            for p in people
            for a in p.appointments
            if a.end_date is not None and source.start <= a.end_date < target.start
        ],
        with_assignments=with_assignments,
    )
    if with_assignments and tasks:
        for assignment in session.scalars(
            select(TaskAssignment)
            .where(
                TaskAssignment.task_id.in_([t.id for t in tasks]),
                TaskAssignment.schooljaar_id == source.id,
            )
            .order_by(TaskAssignment.id)
        ):
            if assignment.employee_id in staying:
                plan.assignments.append(assignment)
            else:
                plan.assignments_skipped += 1
    return plan


def copy_previous(
    session: Session,
    school: School,
    new_schooljaar: Schooljaar,
    from_schooljaar: Schooljaar,
    with_assignments: bool = False,
) -> CopyPlan:
    """Take over the school's taakbeleid and task catalogue of ``from_schooljaar``.

    The taakbeleid in use becomes version 1 of the new year, effective from its first day,
    with the pb deadline a year later. Refused (nothing written) when the new year already has
    a taakbeleid or catalogue for the school. Returns the plan it carried out, as the report.
    """
    plan = plan_copy(session, school, new_schooljaar, from_schooljaar, with_assignments)
    if plan.taakbeleid is not None:
        # First, because it is the only step that can still be refused (its checks).
        values = values_of(plan.taakbeleid)
        if values["pb_deadline"] is not None:
            years = new_schooljaar.start.year - from_schooljaar.start.year
            values["pb_deadline"] = shift_years(values["pb_deadline"], years)
        values["toelichting"] = (
            f"Overgenomen uit {from_schooljaar.code} (versie {plan.taakbeleid.number})"
        )
        new_version(session, school, new_schooljaar, values, new_schooljaar.start, 0)
    groups = {}
    for group in plan.groups:
        groups[group.id] = TaskGroup(
            school_id=school.id, schooljaar_id=new_schooljaar.id, name=group.name
        )
    session.add_all(groups.values())
    tasks = {}
    for task in plan.tasks:
        tasks[task.id] = Task(
            school_id=school.id,
            schooljaar_id=new_schooljaar.id,
            task_group=groups.get(task.task_group_id),
            name=task.name,
            default_hours=task.default_hours,
        )
    session.add_all(tasks.values())
    session.add_all(
        TaskAssignment(
            task=tasks[assignment.task_id],
            employee_id=assignment.employee_id,
            schooljaar_id=new_schooljaar.id,
            hours=assignment.hours,
        )
        for assignment in plan.assignments
    )
    session.flush()
    return plan
