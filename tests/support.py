"""Helpers shared by the tests: constants, the test configuration, logging in through the form."""

from __future__ import annotations

import re
from datetime import date

DEMO_PASSWORD = "demo-wachtwoord"
TEST_SECRET = "test-secret-key-that-is-long-enough-for-the-checks"
TODAY = date(2026, 11, 23)


def make_test_config(database_url: str, instance_path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": TEST_SECRET,
        "QUEUE_IMMEDIATE": True,
    }
    config.update(overrides)
    return config


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client, path: str, **request_options) -> str:
    page = client.get(path, **request_options)
    match = CSRF_FIELD.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, username: str, password: str = DEMO_PASSWORD, follow: bool = False):
    token = csrf_token(client, "/inloggen")
    return client.post(
        "/inloggen",
        data={"csrf_token": token, "username": username, "password": password},
        follow_redirects=follow,
    )


def logged_in(client, username: str):
    response = login(client, username)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def empty_all_tables(database) -> None:
    """Delete every row (PostgreSQL: TRUNCATE, restarting the ids) so the next test starts empty."""
    from sqlalchemy import text

    from jaartaak.db import Base

    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with database.engine.begin() as connection:
        if database.dialect == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


def run_cli(app, *args: str, input: str | None = None):
    """Run a ``jaartaak`` command against ``app`` (the real command group, not ``app.cli``)."""
    from jaartaak.cli import cli

    return app.test_cli_runner().invoke(cli, list(args), input=input)


def new_employee(session, code: str = "A1", salary="5000.00", board_name: str | None = None):
    """An employee with its own board and school (unless ``board_name`` names an existing one)."""
    from decimal import Decimal

    from sqlalchemy import select

    from jaartaak.models import Employee, Organisation, School

    name = board_name or f"Bestuur {code}"
    board = session.scalar(select(Organisation).where(Organisation.name == name))
    if board is None:
        board = Organisation(name=name)
        school = School(organisation=board, name=f"School {code}")
    else:
        school = board.schools[0]
    employee = Employee(
        organisation=board,
        school=school,
        code=code,
        first_name="Ada",
        last_name="Lovelace",
        birth_date=date(1980, 1, 1),
        category="OP",
        salary_scale="LC",
        fulltime_monthly_salary=salary if isinstance(salary, Decimal) else Decimal(salary),
    )
    session.add(employee)
    session.flush()
    return employee


def new_schooljaar(session, organisation, start_year: int = 2026):
    """Schooljaar ``start_year``-``start_year + 1`` of ``organisation``, as the planner makes it."""
    from jaartaak.services.schooljaren import create_schooljaar

    session.flush()  # the organisation may be new: it needs its id
    return create_schooljaar(session, organisation, start_year)


def start_demo(instance, port: int, **popen_options):
    """`jaartaak demo` as a user starts it: its own process group, no JAARTAAK_* of the caller."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("JAARTAAK_")}
    env.update(JAARTAAK_INSTANCE_PATH=str(instance), JAARTAAK_PORT=str(port))
    return subprocess.Popen(
        [sys.executable, "-m", "jaartaak", "demo"],
        env=env,
        text=True,
        start_new_session=True,
        **popen_options,
    )


def table_rows(page: str, table_id: str) -> list[str]:
    """The body rows of the table with ``table_id`` as text, cells separated by one space."""
    import re
    from html import unescape

    body = page.split(f'id="{table_id}"')[1].split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))).strip() for row in rows]


def upload_import(client, key: str, data: bytes, filename: str):
    """Upload ``data`` as ``filename`` on the planner's import page ``key``: the preview page."""
    import io

    path = f"/planner/import/{key}"
    return client.post(
        path,
        data={"csrf_token": csrf_token(client, path), "bestand": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def confirm_import(client, key: str, preview_page: str, **request_options):
    """Confirm the import a preview page offers (the file it kept, by its id)."""
    file_id = re.search(r'name="file_id" type="hidden" value="(\d+)"', preview_page)
    assert file_id, "the preview offers no confirmation"
    return client.post(
        f"/planner/import/{key}/bevestigen",
        data={"csrf_token": csrf_token(client, f"/planner/import/{key}"), "file_id": file_id[1]},
        **request_options,
    )


def count_statements(engine, action) -> int:
    """How many SQL statements ``action()`` runs on ``engine`` (an N+1 query shows as many)."""
    from sqlalchemy import event

    count = 0

    def counted(*_args) -> None:
        nonlocal count
        count += 1

    event.listen(engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count


def bench_module(name: str):
    """A module of bench/ (``bench_overview``…), imported as the benchmarks import each other:
    with bench/ on the path. Tests build their data with the benchmarks' builders, so both
    measure the same thing."""
    import importlib
    import sys
    from pathlib import Path

    folder = str(Path(__file__).resolve().parents[1] / "bench")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)
