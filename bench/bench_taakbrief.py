"""The taakbrief PDF and the bulk publish at scale (not a test: it prints ratio lines).

Builds a school of EMPLOYEES (default 150) in a temporary SQLite database (the same builder as
bench_overview.py), then prints:

- the time of one employee's brief from the database to the PDF (engine, brief data, HTML,
  WeasyPrint through the restricted fetcher) against WeasyPrint rendering the same HTML alone
  (target: at most 1.3x: the PDF itself is the cost, not what jaartaak adds);
- the time of rendering every employee's PDF on a process pool (one worker per core, as the
  bulk publish does) against rendering them one after another in one process (target: at most
  0.6x on two cores).

Rounds alternate between the two sides, so a busy machine disturbs both alike; the best round
of each side counts.

    python bench/bench_taakbrief.py [EMPLOYEES] [ROUNDS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_overview import _app, build_school, schooljaren
from figures import figure

from jaartaak.db import utcnow
from jaartaak.models import Organisation, Schooljaar
from jaartaak.services import staff, taakbrief_pdf
from jaartaak.services.taakbrief import voorbereiden

#: One brief may take at most this many times WeasyPrint's own time on its HTML.
PDF_TARGET = 1.3
#: Every employee's brief on the process pool may take at most this share of one process's time.
BULK_TARGET = 0.6


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _ratio(first, second, rounds: int) -> float:
    """Best time of ``first`` over best time of ``second``, measured in alternating rounds."""
    best_first = best_second = float("inf")
    for _ in range(rounds):
        best_first = min(best_first, _timed(first))
        best_second = min(best_second, _timed(second))
    return best_first / best_second


def main() -> None:
    employees = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    from weasyprint import HTML

    with tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))
        state = app.extensions["jaartaak"]
        with app.app_context(), state.database.session() as session:
            board = Organisation(name="Bench Scholengroep")
            session.add(board)
            session.flush()
            years = schooljaren(session, board, date.today().year - 1)
            school = build_school(session, board, years, "Groot Lyceum", employees)
            session.commit()
            year = session.get(Schooljaar, years[-1].id)
            people = staff.employees(session, [school.id])

            def one(person=people[0]):
                plan = voorbereiden(session, [person], year, state.schemes, app.jinja_env, utcnow())
                return taakbrief_pdf.pdf(plan.ontwerpen[0].html)

            plan = voorbereiden(session, people, year, state.schemes, app.jinja_env, utcnow())
            documents = [(o.employee_id, o.html) for o in plan.ontwerpen]
            single = documents[0][1]
            one()  # warm up: imports, fonts
            pdf_ratio = _ratio(one, lambda: HTML(string=single).write_pdf(), max(rounds, 5))
            bulk_ratio = _ratio(
                lambda: list(taakbrief_pdf.pdfs(documents)),
                lambda: [taakbrief_pdf.pdf(html) for _key, html in documents],
                rounds,
            )
        state.database.dispose()
    pdf_ratio, bulk_ratio = round(pdf_ratio, 2), round(bulk_ratio, 2)
    print(
        figure(
            "taakbrief PDF of one employee vs WeasyPrint alone on the same HTML",
            f"{pdf_ratio:.2f}x the time",
            f"<= {PDF_TARGET}x",
            pdf_ratio <= PDF_TARGET,
        )
    )
    print(
        figure(
            f"taakbrief bulk PDFs ({len(documents)} employees, {taakbrief_pdf.workers()} "
            "workers) vs one process",
            f"{bulk_ratio:.2f}x the time",
            f"<= {BULK_TARGET}x",
            bulk_ratio <= BULK_TARGET,
        )
    )


if __name__ == "__main__":
    main()
