"""The recompute of bench_board.py, in a process of its own (not a test: it prints JSON).

Imports only what the application needs to compute (not the synthetic board's builder, the
demo seeders or WeasyPrint), so the peak memory it reports is that of the application doing
the recompute.

    python bench/board_recompute.py --time URL [URL ...] [--rounds N]
    python bench/board_recompute.py --memory URL
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from jaartaak.db import Database
from jaartaak.models import DEFAULT_SCHEME, Employee, Organisation


def recompute(session, registry, organisation_ids: list[int], today: date) -> dict[str, dict]:
    """Every employee's current period, per scheme: employee-years, refused, seconds."""
    from jaartaak.domain import calc
    from jaartaak.services import bronnen, regelingen, staff

    split: dict[str, dict] = {}
    for organisation_id in organisation_ids:
        start = time.perf_counter()
        employees = list(
            session.scalars(
                select(Employee)
                .where(Employee.organisation_id == organisation_id)
                .order_by(Employee.id)
            )
        )
        scheme_id = regelingen.scheme_id_of(session, organisation_id)
        # Each answer is looked at and let go, as the payroll month does with it.
        if scheme_id == DEFAULT_SCHEME:
            year = staff.current_schooljaar(session, organisation_id, today)
            scenarios = bronnen.scenarios(session, employees, year, registry)
            answers = (calc.calculate(data, registry.schemes) for _person, data in scenarios)
        else:
            scheme = registry.schemes[scheme_id]
            period = regelingen.PERIOD_TYPES[scheme.period_kind].containing(today)
            standen = regelingen.Standen(session, scheme, registry, employees)
            answers = (standen.stand(person, period).result for person in employees)
        refused = sum(not result.ok for result in answers)
        split[scheme_id] = {
            "employee_years": len(employees),
            "refused": refused,
            "seconds": time.perf_counter() - start,
        }
    return split


def _peak_mb() -> float:
    """This process's peak resident set size (Linux's VmHWM, in kB). Not ``ru_maxrss``: Linux
    carries that over from the parent into a child it starts, so it would show the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("geen VmHWM in /proc/self/status (alleen Linux)")


def _round(target: Database, registry) -> dict:
    with target.session() as session:
        organisations = list(session.scalars(select(Organisation.id).order_by(Organisation.id)))
        start, cpu = time.perf_counter(), time.process_time()
        split = recompute(session, registry, organisations, date.today())
        return {
            "seconds": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "split": split,
        }


def time_recomputes(urls: list[str], rounds: int) -> list[dict]:
    """The best of ``rounds`` recomputes of each board, the boards taking turns (so a busy
    spell of the machine falls on both sides of the ratio alike)."""
    from jaartaak.heap import freeze_loaded
    from jaartaak.plugins import load_registry

    registry = load_registry()
    targets = [Database(url) for url in urls]
    freeze_loaded()  # as the web server's and the job worker's processes do once loaded
    best: list[dict | None] = [None] * len(targets)
    for _ in range(rounds):
        for index, target in enumerate(targets):
            measured = _round(target, registry)
            if best[index] is None or measured["seconds"] < best[index]["seconds"]:
                best[index] = measured
    for target in targets:
        target.dispose()
    return best


def peak_memory(url: str) -> dict:
    """One recompute in this fresh process: its peak resident set size before and after."""
    from jaartaak.heap import freeze_loaded
    from jaartaak.plugins import load_registry

    registry = load_registry()
    target = Database(url)
    freeze_loaded()
    before = _peak_mb()
    _round(target, registry)
    target.dispose()
    return {"before_mb": before, "peak_mb": _peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", nargs="+", metavar="URL")
    parser.add_argument("--memory", metavar="URL")
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.time:
        print(json.dumps(time_recomputes(arguments.time, arguments.rounds)))
    elif arguments.memory:
        print(json.dumps(peak_memory(arguments.memory)))
    else:
        parser.error("--time of --memory")


if __name__ == "__main__":
    main()
