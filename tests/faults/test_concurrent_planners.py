"""Ten planners of one school at work at the same moment, on a real threaded server.

Every answer is a page with either the success message or a Dutch refusal, never a 500; the
database holds exactly what was confirmed (nothing lost, nothing twice), with one audit entry
per confirmed change.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jaartaak.models import AuditEntry, Employee, Role, School, Task, TaskAssignment
from jaartaak.services import staff, taken, toewijzingen
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.web.opslaan import RACED

from support import DEMO_PASSWORD, TODAY
from support_live import Answer, Browser

pytestmark = pytest.mark.slow  # serves the app on loopback

PLANNERS = 10
TASKS = 4
EMPLOYEES = 3


@dataclass(frozen=True)
class Werk:
    """What the planners work on: ids of the school, the schooljaar, tasks and employees."""

    school_id: int
    year_id: int
    task_ids: list[int]
    employee_ids: list[int]
    names: dict[int, str]  # employee id → full name
    task_names: dict[int, str]


@pytest.fixture
def werk(demo, database) -> Werk:
    """Het Baken College with new tasks, and ten planners of the school made through services."""
    with database.session() as session:
        school = session.scalar(select(School).where(School.name == "Het Baken College"))
        year = staff.current_schooljaar(session, school.organisation_id, TODAY)
        tasks = [
            taken.create_task(session, school, year, f"Drukte {n}", None, Decimal("10"))
            for n in range(TASKS)
        ]
        people = staff.employees(session, [school.id])[:EMPLOYEES]
        for number in range(PLANNERS):
            user = create_user(
                session,
                f"planner{number}",
                DEMO_PASSWORD,
                display_name=f"Planner {number}",
                organisation=school.organisation,
            )
            grant_role(session, user, Role.PLANNER, school.organisation, school)
        return Werk(
            school.id,
            year.id,
            [task.id for task in tasks],
            [person.id for person in people],
            {person.id: person.full_name for person in people},
            {task.id: task.name for task in tasks},
        )


@pytest.fixture
def browsers(live_server, werk) -> list[Browser]:
    """Each planner logged in in a browser of their own, working on the school and schooljaar."""
    opened = []
    for number in range(PLANNERS):
        browser = Browser(live_server)
        browser.login(f"planner{number}")
        page = browser.get(f"/planner/lessen?school={werk.school_id}&jaar={werk.year_id}")
        assert page.status == 200
        opened.append(browser)
    return opened


def all_at_once(browsers: list[Browser], prepare, send) -> list[Answer]:
    """Per browser: ``prepare`` (load the form), then everyone waits for everyone and ``send``s."""
    barrier = threading.Barrier(len(browsers))

    def one(number: int) -> Answer:
        prepared = prepare(number, browsers[number])
        barrier.wait(timeout=60)
        return send(number, browsers[number], prepared)

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        return list(pool.map(one, range(len(browsers))))


def assignments(database, werk: Werk) -> Counter:
    with database.session() as session:
        return Counter(
            session.execute(
                select(TaskAssignment.task_id, TaskAssignment.employee_id).where(
                    TaskAssignment.task_id.in_(werk.task_ids)
                )
            ).all()
        )


def audit_count(database, table: str, action: str) -> int:
    with database.session() as session:
        return session.scalar(
            select(func.count()).where(AuditEntry.table_name == table, AuditEntry.action == action)
        )


def refusals_for(werk: Werk, task_id: int, employee_id: int) -> set[str]:
    """The Dutch messages a planner may get when someone else gave the same task first."""
    name, task = werk.names[employee_id], werk.task_names[task_id]
    return {
        f"Die taak is niet (meer) te kiezen voor {name}.",
        f"{name} heeft de taak '{task}' al; pas de uren daar aan.",
        RACED,
    }


def test_ten_planners_giving_tasks_to_the_same_employees(live_server, browsers, werk, database):
    """Three rounds of four task-employee pairs not given yet; in each, planners 0, 4 and 8 send
    the first pair at the same moment, 1, 5 and 9 the second, 2 and 6 the third, 3 and 7 the
    fourth. Over the rounds every one of the 12 pairs (4 tasks x 3 employees) is sent."""
    inserts_before = audit_count(database, "task_assignment", "insert")
    confirmed: Counter = Counter()
    for round_number in range(3):

        def pair(number: int, round_number=round_number) -> tuple[int, int]:
            slot = 4 * round_number + number % 4  # 4 and 3 are coprime: 12 different pairs
            return werk.task_ids[slot % TASKS], werk.employee_ids[slot % EMPLOYEES]

        def prepare(number: int, browser: Browser) -> str:
            return browser.token(f"/planner/medewerkers/{pair(number)[1]}/taken")

        def send(number: int, browser: Browser, token: str) -> Answer:
            task_id, employee_id = pair(number)
            path = f"/planner/medewerkers/{employee_id}/taken"
            return browser.post(path, {"csrf_token": token, "task": task_id, "hours": ""})

        answers = all_at_once(browsers, prepare, send)
        for number, answer in enumerate(answers):
            assert answer.status in (200, 302), (number, answer.status, answer.text[:500])
            task_id, employee_id = pair(number)
            messages = browsers[number].flashes(answer)
            success = f"Taak {werk.task_names[task_id]} toegewezen aan {werk.names[employee_id]}."
            if messages == [("success", success)]:
                confirmed[(task_id, employee_id)] += 1
            else:
                assert len(messages) == 1 and messages[0][0] == "error", messages
                assert messages[0][1] in refusals_for(werk, task_id, employee_id), messages

    stored = assignments(database, werk)
    assert stored == confirmed  # every confirmed assignment is there, and nothing else
    assert set(stored.values()) == {1}  # and none twice
    assert len(stored) == TASKS * EMPLOYEES
    assert audit_count(database, "task_assignment", "insert") - inserts_before == len(stored)


def test_ten_planners_changing_the_same_hours(live_server, browsers, werk, database):
    """All ten open the same assignment's hours form, then save at once: one wins, nine are
    told in Dutch who changed it, and the stored hours are the winner's."""
    task_id, employee_id = werk.task_ids[0], werk.employee_ids[0]
    with database.session() as session:
        person = session.get(Employee, employee_id)
        task = session.get(Task, task_id)
        assignment = toewijzingen.assign(session, person, task)
        session.flush()
        path = f"/planner/medewerkers/{employee_id}/taken/{assignment.id}"
        assignment_id, version = assignment.id, assignment.version

    updates_before = audit_count(database, "task_assignment", "update")

    def prepare(number: int, browser: Browser) -> str:
        return browser.token(path)

    def send(number: int, browser: Browser, token: str) -> Answer:
        data = {"csrf_token": token, "hours": str(20 + number), "version": str(version)}
        return browser.post(path, data)

    answers = all_at_once(browsers, prepare, send)
    saved = f"Uren voor {werk.task_names[task_id]} opgeslagen."
    outcomes = {}
    for number, answer in enumerate(answers):
        assert answer.status in (200, 302), (number, answer.status, answer.text[:500])
        outcomes[number] = browsers[number].flashes(answer)
    winners = [number for number, messages in outcomes.items() if messages == [("success", saved)]]
    assert len(winners) == 1, outcomes
    told = re.compile(
        rf"Niet opgeslagen: planner{winners[0]} heeft dit intussen gewijzigd \(.+\): "
        rf"hours 10\.00 → {20 + winners[0]}\.00\. Bekijk de nieuwe gegevens en breng uw "
        r"wijziging opnieuw aan\."
    )
    for number, messages in outcomes.items():
        if number != winners[0]:
            assert len(messages) == 1 and messages[0][0] == "error", messages
            assert told.fullmatch(messages[0][1]), messages
    with database.session() as session:
        stored = session.get(TaskAssignment, assignment_id)
        assert (stored.hours, stored.version) == (Decimal(20 + winners[0]), version + 1)
    assert audit_count(database, "task_assignment", "update") - updates_before == 1


def test_ten_planners_giving_one_task_to_overlapping_groups(live_server, browsers, werk, database):
    """Each planner gives the same task to two of the three employees, all at once: a group
    is given in full or refused in full, and the employees counted in the success messages are
    exactly the ones who have the task now."""
    task_id = werk.task_ids[0]
    path = f"/planner/taken/{task_id}/toewijzen"

    def group(number: int) -> list[int]:
        return [werk.employee_ids[number % 3], werk.employee_ids[(number + 1) % 3]]

    def prepare(number: int, browser: Browser) -> str:
        return browser.token(path)

    def send(number: int, browser: Browser, token: str) -> Answer:
        return browser.post(path, {"csrf_token": token, "employees": group(number), "hours": "5"})

    answers = all_at_once(browsers, prepare, send)
    given = re.compile(rf"Taak '{werk.task_names[task_id]}' toegewezen aan (\d) medewerkers?\.")
    counted = 0
    for number, answer in enumerate(answers):
        assert answer.status in (200, 302), (number, answer.status, answer.text[:500])
        messages = browsers[number].flashes(answer)
        assert len(messages) == 1, messages
        kind, text = messages[0]
        if kind == "success":
            counted += int(given.match(text).group(1))
        else:
            assert (kind, text) == ("error", RACED), messages
    stored = assignments(database, werk)
    assert counted == len(stored) == EMPLOYEES  # everyone got it once, as the messages said
    assert set(stored.values()) == {1}
