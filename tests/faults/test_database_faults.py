"""The database failing in the middle of a write: a Dutch 503 page, and nothing half-written.

Real faults, injected right after the first statement of a multi-statement write (an assignment
and its audit entry; an import of several employees):

- PostgreSQL: the request's own connection is killed with ``pg_terminate_backend`` from another
  connection, as when the server restarts or a network link drops;
- SQLite: the database turns read-only in the middle of the transaction (``PRAGMA query_only``,
  what SQLite reports when the file system goes read-only), or another process holds the write
  lock for longer than the request waits.

An unreachable server (a closed port; a SQLite file that cannot be opened) gets the same page.
The shared PostgreSQL server itself is never stopped. After every fault the same request works
again: the pool drops the broken connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from jaartaak.db import Database
from jaartaak.models import (
    Appointment,
    AuditEntry,
    Employee,
    School,
    Schooljaar,
    Task,
    TaskAssignment,
)
from jaartaak.services import taken

from support import confirm_import, csrf_token, upload_import

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"
DOWN = "Database niet bereikbaar"


def backend(database: Database) -> str:
    return database.dialect


@dataclass
class Fault:
    """``inject(cursor)`` breaks the database under a running statement; ``recover()`` ends
    the fault (the server is back, the file writable again); ``close()`` tidies up."""

    inject: Callable
    recover: Callable[[], None]
    close: Callable[[], None]


def _terminate(database: Database) -> Fault:
    """Kill the connection that ran the statement, from a connection of its own. Nothing needs
    to recover: the server is still there, the pool drops the dead connection (pre-ping)."""
    admin = create_engine(database.engine.url, isolation_level="AUTOCOMMIT")

    def inject(cursor) -> None:
        pid = cursor.connection.info.backend_pid
        with admin.connect() as connection:
            # The timeout makes the call wait until the backend has really gone.
            killed = connection.scalar(
                text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}
            )
        assert killed, f"backend {pid} did not stop"

    return Fault(inject, recover=lambda: None, close=admin.dispose)


def _read_only(database: Database) -> Fault:
    """The connection's database turns read-only; recovering means fresh connections, as after
    the file system is writable again."""

    def inject(cursor) -> None:
        cursor.connection.execute("PRAGMA query_only = ON")

    return Fault(inject, recover=database.engine.dispose, close=lambda: None)


#: name → (the backend it exists on, how to make it).
MID_WRITE_FAULTS: dict[str, tuple[str, Callable[[Database], Fault]]] = {
    "verbinding-verbroken": ("postgresql", _terminate),
    "alleen-lezen": ("sqlite", _read_only),
}


@pytest.fixture(params=sorted(MID_WRITE_FAULTS))
def mid_write_fault(request, database) -> Iterator[Fault]:
    """A fault for the backend under test; the other backend's faults are skipped."""
    needs, make = MID_WRITE_FAULTS[request.param]
    if backend(database) != needs:
        pytest.skip(f"de fout '{request.param}' bestaat alleen op {needs}")
    fault = make(database)
    yield fault
    fault.close()
    database.engine.dispose()  # no connection with a fault's leftovers stays in the pool


@contextmanager
def after_first_insert(database: Database, table: str, fault) -> Iterator[list[str]]:
    """Run ``fault(cursor)`` once, right after the first INSERT INTO ``table`` of the app."""
    fired: list[str] = []

    def listener(_conn, cursor, statement, _parameters, _context, _executemany) -> None:
        if not fired and statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            fired.append(statement)
            fault(cursor)

    event.listen(database.engine, "after_cursor_execute", listener)
    try:
        yield fired
    finally:
        event.remove(database.engine, "after_cursor_execute", listener)


def count(database: Database, model, *where) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def assert_dutch_503(response) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 503, page[:500]
    assert DOWN in page and "Probeer het over een paar minuten opnieuw" in page
    for leak in ("Traceback", "psycopg", "sqlite3", "INSERT", "OperationalError"):
        assert leak not in page


@pytest.fixture
def new_task(baken, database) -> tuple[int, str]:
    """A task of the planner's school nobody has yet."""
    with database.session() as session:
        school = session.get(School, baken.school_id)
        year = session.get(Schooljaar, baken.year_id)
        task = taken.create_task(session, school, year, "Storingsdienst", None, Decimal("12"))
        return task.id, task.name


def assign(client, employee_id: int, task_id: int):
    path = f"/planner/medewerkers/{employee_id}/taken"
    return client.post(path, data={"csrf_token": csrf_token(client, path), "task": task_id})


def test_an_assignment_cut_off_mid_write_leaves_nothing(
    mid_write_fault, client, database, baken, new_task
):
    task_id, name = new_task
    audit_before = count(database, AuditEntry)
    with after_first_insert(database, "task_assignment", mid_write_fault.inject) as fired:
        response = assign(client, baken.employee_id, task_id)
    assert fired, "the fault never happened"
    assert_dutch_503(response)
    assert count(database, TaskAssignment, TaskAssignment.task_id == task_id) == 0
    assert count(database, AuditEntry) == audit_before  # nor its audit entry

    mid_write_fault.recover()
    again = assign(client, baken.employee_id, task_id)  # the database is back: it works again
    assert again.status_code == 302
    assert count(database, TaskAssignment, TaskAssignment.task_id == task_id) == 1
    with database.session() as session:
        assert session.get(Task, task_id).name == name


def test_an_import_cut_off_mid_write_leaves_nothing(mid_write_fault, client, database, baken):
    """The example staff file (eight employees): cut off after the first, none is imported."""
    staff_before = count(database, Employee)
    appointments_before = count(database, Appointment)
    audit_before = count(database, AuditEntry)
    preview = upload_import(client, "personeel", (EXAMPLES / "personeel.csv").read_bytes(), "p.csv")
    page = preview.get_data(as_text=True)
    with after_first_insert(database, "employee", mid_write_fault.inject) as fired:
        response = confirm_import(client, "personeel", page)
    assert fired, "the fault never happened"
    assert_dutch_503(response)
    assert count(database, Employee) == staff_before
    assert count(database, Appointment) == appointments_before
    assert count(database, AuditEntry) == audit_before

    # The upload was kept: once the database is back, confirming again imports all eight.
    mid_write_fault.recover()
    done = confirm_import(client, "personeel", page)
    assert done.status_code == 302
    assert count(database, Employee) == staff_before + 8


@contextmanager
def write_lock_held_elsewhere(database: Database) -> Iterator[None]:
    """Another connection holds the lock an insert into task_assignment needs (as a long import
    elsewhere would), and the app's connection waits 200 ms for it instead of its default."""
    if backend(database) == "sqlite":
        blocker = sqlite3.connect(make_url(database.url).database, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # the database's one write lock
        wait = "PRAGMA busy_timeout = 200"  # the default is 10 s
    else:
        blocker = psycopg.connect(
            make_url(database.url).set(drivername="postgresql").render_as_string(False)
        )
        blocker.execute("LOCK TABLE task_assignment IN SHARE ROW EXCLUSIVE MODE")
        wait = "SET LOCAL lock_timeout = '200ms'"  # the default waits for ever

    def wait_briefly(_conn, cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO TASK_ASSIGNMENT "):
            cursor.connection.execute(wait)

    event.listen(database.engine, "before_cursor_execute", wait_briefly)
    try:
        yield
    finally:
        event.remove(database.engine, "before_cursor_execute", wait_briefly)
        blocker.rollback()
        blocker.close()
        database.engine.dispose()  # the shortened wait stays with the connection on SQLite


def test_a_write_lock_held_elsewhere_gives_a_dutch_503(client, database, baken, new_task):
    task_id, _name = new_task
    with write_lock_held_elsewhere(database):
        response = assign(client, baken.employee_id, task_id)
    assert_dutch_503(response)
    assert count(database, TaskAssignment, TaskAssignment.task_id == task_id) == 0
    assert assign(client, baken.employee_id, task_id).status_code == 302


UNREACHABLE = {
    "gesloten-poort": "postgresql+psycopg://jaartaak:geheim@127.0.0.1:1/jaartaak",
    "sqlite-onbereikbaar": "sqlite:////nonexistent-jaartaak-dir/jaartaak.db",
}


@pytest.mark.parametrize("where", sorted(UNREACHABLE))
def test_a_write_to_an_unreachable_database_gives_a_dutch_503(
    app, client, database, baken, new_task, where
):
    """Whatever the backend under test, the app is pointed at a server that is not there."""
    task_id, _name = new_task
    path = f"/planner/medewerkers/{baken.employee_id}/taken"
    token = csrf_token(client, path)
    state = app.extensions["jaartaak"]
    state.database = Database(UNREACHABLE[where])
    try:
        response = client.post(path, data={"csrf_token": token, "task": task_id})
    finally:
        state.database.dispose()
        state.database = database
    assert_dutch_503(response)
    assert "geheim" not in response.get_data(as_text=True)
    assert count(database, TaskAssignment, TaskAssignment.task_id == task_id) == 0
