"""The budget page of an employee runs a fixed, small number of SQL statements.

Every teacher opens it; under load its statements are most of what it costs, on PostgreSQL
each one a round trip (bench/bench_http.py, docs/performance.md). Counting them catches
a lazy load per lesson, task or year, and a statement added to every page, without timing
anything.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from jaartaak.models import Lesson, PbKeuze, Schooljaar, User

from support import TODAY, count_statements, logged_in

#: The session user with grants and boards, the own employee with appointments, the board's
#: scheme and schooljaren, lessons, tasks, choice, taakbeleid, earlier choices, unread notices.
BUDGET_PAGE_STATEMENTS = 10


def _statements(app, database, username: str) -> tuple[int, str]:
    """The statements of a GET of the page (after a first one compiled the templates), and
    the page."""
    client = logged_in(app.test_client(), username)
    assert client.get("/mijn/budget").status_code == 200
    pages = []

    def get() -> None:
        response = client.get("/mijn/budget")
        assert response.status_code == 200
        pages.append(response.get_data(as_text=True))

    return count_statements(database.engine, get), pages[0]


def _more_lessons_and_a_saving_last_year(database, username: str) -> None:
    """Eight more lessons this year, and 10 hours saved last year (so earlier years are
    computed for the history of the pots)."""
    with database.session() as session:
        employee = session.scalar(select(User).where(User.username == username)).employee
        years = session.scalars(
            select(Schooljaar)
            .where(Schooljaar.organisation_id == employee.organisation_id)
            .order_by(Schooljaar.start)
        ).all()
        current = next(y for y in years if y.start <= TODAY <= y.end_date)
        earlier = years[years.index(current) - 1]
        session.add_all(
            Lesson(
                employee=employee,
                schooljaar=current,
                vak="wiskunde",
                groep=f"extra {n}",
                lesuren_per_week=Decimal("1"),
            )
            for n in range(8)
        )
        session.add(PbKeuze(employee=employee, schooljaar=earlier, sparen=Decimal("10")))


def test_the_budget_page_runs_the_same_few_statements_for_every_teacher(app, database, demo):
    _more_lessons_and_a_saving_last_year(database, "devries")
    (jansen, _page), (devries, page) = (
        _statements(app, database, n) for n in ("jansen", "devries")
    )
    assert 'id="tranches"' in page  # last year's saving is in a pot: the history was computed
    assert (jansen, devries) == (BUDGET_PAGE_STATEMENTS, BUDGET_PAGE_STATEMENTS)
