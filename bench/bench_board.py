"""The engine over a whole board, from the database (not a test: it prints figures).

Builds the synthetic board of bench/synthetic_board.py (20 schools of 150 CAO VO employees,
5,000 GGZ and 2,000 Benefit Budget employees) and a tenth of it, each in a fresh database, and
recomputes every employee's current period from the database: the CAO VO schooljaar through
:func:`jaartaak.services.bronnen.scenarios` (the payroll month's and settling's path, with the
history of earlier years' choices for those who saved), the plugin schemes' calendar year
through :class:`jaartaak.services.regelingen.Standen` (likewise; a Benefit Budget year starts
from what last year left, which is computed too). No stored result (``rekenuitkomst``) is
used, and each answer is let go once looked at, as the payroll month does.

The recompute runs in a process of its own with one thread, so it uses one core at a time
(the CPU time printed next to the time shows whether it had that core to itself: on a busy
machine the time is longer than the CPU time). Like a gunicorn worker and ``jaartaak worker``,
the process keeps what it loaded at start out of the garbage collector's passes
(:mod:`jaartaak.heap`). The two boards take turns, ``--rounds`` times;
the best round of each counts. Prints:

- the full recompute's time (target: at most 5 s);
- employee-years per second in it (target: at least 2,000, which is 10,000 in 5 s);
- the time for the full board against the time for the tenth (target: at most 11x, so no worse
  than linear, with a margin for noise);
- employee-years the engine refused (target: 0; the synthetic data is valid);
- the peak memory of the full recompute: the peak resident set size (VmHWM) of a fresh
  process (bench/board_recompute.py, which loads no more than the application needs) that does
  one full recompute, and how much of that the recompute added to the loaded application: no
  target;
- for information, the split of the recompute per scheme and how long building took.

With ``JAARTAAK_BENCH_DATABASE_URL`` (a PostgreSQL URL) the boards are built in new databases
next to the one named, dropped afterwards; the database server then does part of the work in
its own processes, outside the CPU time printed.

    python bench/bench_board.py [SCHOOLS,PER_SCHOOL,GGZ,BENEFIT_BUDGET] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from figures import figure
from synthetic_board import DATABASE_URL_VARIABLE, Size, build_board, database

from jaartaak.db import Database

SECONDS_TARGET = 5.0
RATE_TARGET = 2000
SCALING_TARGET = 11.0


def _child(*arguments: str) -> object:
    """bench/board_recompute.py in a fresh process: what it prints (JSON)."""
    script = Path(__file__).with_name("board_recompute.py")
    done = subprocess.run(
        [sys.executable, str(script), *arguments], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _build(url: str, size: Size) -> float:
    from jaartaak.plugins import load_registry

    target = Database(url)
    start = time.perf_counter()
    with target.session() as session:
        build_board(session, size, date.today(), load_registry())
    target.dispose()
    return time.perf_counter() - start


def _years(measured: dict) -> int:
    return sum(part["employee_years"] for part in measured["split"].values())


def _split_text(split: dict[str, dict]) -> str:
    return ", ".join(
        f"{scheme} {part['employee_years']:,} in {part['seconds']:.2f} s"
        for scheme, part in split.items()
    )


def report(full: dict, tenth: dict, memory: dict, built: list[float], where: str) -> list[str]:
    """The figures, one line each."""
    years, small = _years(full), _years(tenth)
    refused = sum(part["refused"] for part in (*full["split"].values(), *tenth["split"].values()))
    seconds = round(full["seconds"], 2)
    rate = round(years / full["seconds"])
    ratio = round(full["seconds"] / tenth["seconds"], 1)
    cpu_ratio = full["cpu"] / tenth["cpu"]
    return [
        figure(
            f"engine full recompute ({years:,} employee-years, one process, {where})",
            f"{seconds:.2f} s (CPU {full['cpu']:.2f} s)",
            f"<= {SECONDS_TARGET:.0f} s",
            seconds <= SECONDS_TARGET,
        ),
        figure(
            "engine employee-years per second in the full recompute",
            f"{rate:,}",
            f">= {RATE_TARGET:,}",
            rate >= RATE_TARGET,
        ),
        figure(
            f"engine {years:,} vs {small:,} employee-years (10x vs 1x)",
            f"{ratio:.1f}x the time (CPU {cpu_ratio:.1f}x)",
            f"<= {SCALING_TARGET:.0f}x",
            ratio <= SCALING_TARGET,
        ),
        figure("engine employee-years refused", f"{refused}", "0", refused == 0),
        figure(
            "engine full recompute peak memory (peak RSS of a process doing only that)",
            f"{memory['peak_mb']:.0f} MB, {memory['peak_mb'] - memory['before_mb']:.0f} MB "
            "more than before it",
        ),
        figure("engine full recompute per scheme", _split_text(full["split"])),
        figure(
            f"synthetic boards of {years:,} and {small:,} employees built",
            f"{built[1]:.1f} s and {built[0]:.1f} s",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=Size.parse, default=Size())
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    base_url = os.environ.get(DATABASE_URL_VARIABLE)
    where = "PostgreSQL" if base_url else "SQLite"
    sizes = [arguments.size.tenth(), arguments.size]
    with database(base_url) as small_url, database(base_url) as full_url:
        built = [_build(small_url, sizes[0]), _build(full_url, sizes[1])]
        tenth, full = _child("--time", small_url, full_url, "--rounds", str(arguments.rounds))
        memory = _child("--memory", full_url)
    for line in report(full, tenth, memory, built, where):
        print(line)


if __name__ == "__main__":
    main()
