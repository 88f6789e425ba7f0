"""The school overview costs the same number of SQL statements for 10 employees as for 250.

An N+1 query (a lazy load per employee, lesson or task) would make the planner's main page
slow exactly for the big schools; counting statements catches it without timing anything. Both
when the engine must compute every row and when every row's result is stored.
The data comes from the overview benchmark's builder (bulk inserts: 5,000 rows in well under
a second), so test and benchmark measure the same school.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, func, select

from jaartaak.models import Lesson, Organisation, Rekenuitkomst, TaskAssignment

from support import bench_module, logged_in
from support_overzicht import add_planner


def test_the_overview_costs_the_same_statements_for_10_and_250_employees(client, database):
    bench = bench_module("bench_overview")
    with database.session() as session:
        board = Organisation(name="Telbestuur")
        session.add(board)
        session.flush()
        years = bench.schooljaren(session, board, 2025)
        small = bench.build_school(session, board, years, "Klein College", 10).id
        big = bench.build_school(session, board, years, "Groot Lyceum", 250).id
        add_planner(session, "planner-tel", board.id)
        session.commit()
        year = years[-1].id
        rows = sum(
            session.scalar(
                select(func.count()).select_from(model).where(model.schooljaar_id == year)
            )
            for model in (Lesson, TaskAssignment)
        )
    assert rows == 20 * 260  # 5,000 in the big school, 200 in the small one

    logged_in(client, "planner-tel")
    engine = database.engine
    pages = {}

    def get(school_id: int) -> str:
        response = client.get(f"/planner/?school={school_id}&jaar={year}")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    get(small)  # the first request of a client compiles templates; not what we compare
    with database.session() as session:  # so that both schools start with nothing stored
        session.execute(delete(Rekenuitkomst))
        session.commit()
    counts = {}
    for state in ("every row computed", "every row stored"):
        for school_id in (small, big):
            with bench.StatementCounter(engine) as counter:
                pages[school_id] = get(school_id)
            counts[state, school_id] = counter.count
    for state in ("every row computed", "every row stored"):
        assert counts[state, small] == counts[state, big], counts
    assert counts["every row stored", big] < counts["every row computed", big] < 25
    for school_id, employees in ((small, 10), (big, 250)):
        assert len(re.findall(r'<a href="/planner/medewerkers/\d+">', pages[school_id])) == (
            employees
        )
