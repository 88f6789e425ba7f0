"""An employee's budget page over HTTP under load, against a trivial Flask route (not a test).

For SQLite and for PostgreSQL, the demo board (what ``jaartaak demo`` loads) goes into a fresh
database: a temporary SQLite file, and a PostgreSQL database ``jaartaak_bench_<random>`` that
is dropped afterwards. gunicorn serves bench/http_app.py (the real app, configured through
``JAARTAAK_*`` as in production, plus a trivial route that renders a 200-row table) with the
settings of docs/installatie.md: the default sync worker, one server with 1 worker and one
with 2. The demo teacher ``jansen`` logs in through the real login form; wrk then loads her
Mijn budget page (``/mijn/budget``) and the trivial route of the same gunicorn process, with 20
connections for 20 seconds per route and server, in four rounds of 5 seconds that take turns
(so a busy spell of the shared machine falls on every figure alike). Per database it prints:

- per worker count, the page's requests per second against the trivial route's
  (target: at least 0.25x);
- the errors of every run: socket errors and any status other than 200 (target: 0);
- how the page scales from 1 to 2 workers, against how the trivial route scales
  (target: at least 0.9x). wrk shares the 2 cores of the machine, so the trivial route shows
  what the machine allows; the page should not scale worse.

Every figure is a ratio measured in the same run, so a slower machine moves both sides alike.

    python bench/bench_http.py [--seconds 20] [--backends sqlite,postgresql]

``BENCH_HTTP_SECONDS`` sets the duration too; ``BENCH_POSTGRES_URL`` the PostgreSQL server
(default ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), next to whose database
the benchmark makes its own. Needs wrk (``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

import http_server
import http_wrk
from figures import figure
from http_app import TRIVIAL_PATH
from http_server import BenchError
from http_wrk import Load

POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")
WORKER_COUNTS = (1, 2)
CONNECTIONS = 20
THREADS = 2
PAGE_PATH = "/mijn/budget"
#: The demo teacher whose budget page is loaded (docs/mijn-jaartaak.md).
EMPLOYEE = "jansen"
THROUGHPUT_TARGET = Decimal("0.25")
SCALING_TARGET = Decimal("0.9")
#: The measured seconds per route and worker count are split into this many alternating rounds.
ROUNDS = 4
#: Seconds of load on each route right after the server starts, not counted in the figures:
#: the first requests of a worker compile templates and open database connections.
WARMUP_SECONDS = 2


@dataclass(frozen=True)
class Run:
    """The load on both routes of one gunicorn process, all rounds together."""

    page: Load
    trivial: Load


@dataclass(frozen=True)
class Demo:
    """The seeded database and the employee who logs in."""

    url: str
    password: str
    employee_name: str


@contextmanager
def sqlite_database(folder: Path) -> Iterator[str]:
    yield f"sqlite:///{folder / 'bench.db'}"


@contextmanager
def postgres_database(base_url: str) -> Iterator[str]:
    """A new database next to the one ``base_url`` names, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    url = make_url(base_url)
    name = f"jaartaak_bench_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        raise BenchError(
            f"PostgreSQL op {url.render_as_string(hide_password=True)} is niet bereikbaar "
            f"(zet BENCH_POSTGRES_URL): {error.orig}"
        ) from None
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed(url: str) -> Demo:
    """Migrate and load the demo board as ``jaartaak demo`` does (plugins' boards included)."""
    from sqlalchemy import select

    from jaartaak.db import Database, migrate
    from jaartaak.models import User
    from jaartaak.plugins import load_registry
    from jaartaak.services.demo import seed_demo

    password = secrets.token_urlsafe(16)
    database = Database(url)
    try:
        migrate.upgrade(database.engine)
        with database.session() as session:
            seed_demo(session, date.today(), password, load_registry())
            name = session.scalar(select(User.display_name).where(User.username == EMPLOYEE))
    finally:
        database.dispose()
    return Demo(url, password, name)


def rounds(seconds: int) -> list[int]:
    """The seconds of each round: ``seconds`` in all, over at most :data:`ROUNDS` rounds."""
    count = min(ROUNDS, seconds)
    return [seconds // count + (1 if n < seconds % count else 0) for n in range(count)]


def measure(demo: Demo, seconds: int, instance: Path) -> tuple[dict[int, Run], list[Load]]:
    """Both routes on a 1-worker and a 2-worker gunicorn, in alternating rounds.

    Both servers run during the whole measurement (the idle one waits on its socket), and the
    four loads take turns, so a busy spell of the machine falls on all of them alike. Returns
    the runs per worker count and every load including the warm-up (for the error count).
    """
    with ExitStack() as stack:
        targets: dict[tuple[int, str], tuple[str, dict[str, str]]] = {}
        for workers in WORKER_COUNTS:
            base = stack.enter_context(http_server.gunicorn(demo.url, workers, instance))
            cookie = http_server.log_in(base, EMPLOYEE, demo.password)
            http_server.check_page(base + PAGE_PATH, cookie, demo.employee_name)
            targets[workers, "trivial"] = (base + TRIVIAL_PATH, http_server.headers())
            targets[workers, "page"] = (base + PAGE_PATH, http_server.headers(cookie))

        def load(target: tuple[int, str], duration: int) -> Load:
            url, headers = targets[target]
            return http_wrk.run(url, duration, headers, CONNECTIONS, THREADS)

        every = [load(target, min(WARMUP_SECONDS, seconds)) for target in targets]
        measured: dict[tuple[int, str], list[Load]] = {target: [] for target in targets}
        for duration in rounds(seconds):
            for target in targets:
                measured[target].append(load(target, duration))
    every += [item for loads in measured.values() for item in loads]
    runs = {
        workers: Run(
            page=Load.total(measured[workers, "page"]),
            trivial=Load.total(measured[workers, "trivial"]),
        )
        for workers in WORKER_COUNTS
    }
    return runs, every


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Rounded down to what is printed, so a figure shown as meeting its target does."""
    return (numerator / denominator).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def _rate(load: Load) -> str:
    return f"{load.per_second:,.1f} req/s"


def report(backend: str, runs: dict[int, Run], loads: list[Load]) -> list[str]:
    """One line per figure (bench/figures.py): the measured ratio or count, its target."""
    lines = []
    for workers, run in runs.items():
        measured = ratio(run.page.per_second, run.trivial.per_second)
        label = "1 worker" if workers == 1 else f"{workers} workers"
        lines.append(
            figure(
                f"http {backend}, {label}, budget page vs trivial route",
                f"{measured}x the throughput ({_rate(run.page)} vs {_rate(run.trivial)})",
                f">= {THROUGHPUT_TARGET}x",
                measured >= THROUGHPUT_TARGET,
            )
        )
    sockets = sum(load.socket_errors for load in loads)
    non200 = sum(load.non200 for load in loads)
    requests = sum(load.requests for load in loads)
    lines.append(
        figure(
            f"http {backend} errors",
            f"{sockets + non200} in {requests:,} requests "
            f"(socket {sockets}, status other than 200 {non200})",
            "0",
            sockets + non200 == 0,
        )
    )
    one, two = runs[1], runs[2]
    page_scaling = ratio(two.page.per_second, one.page.per_second)
    trivial_scaling = ratio(two.trivial.per_second, one.trivial.per_second)
    measured = ratio(page_scaling, trivial_scaling)
    lines.append(
        figure(
            f"http {backend}, budget page 2w/1w vs trivial route 2w/1w",
            f"{measured}x ({page_scaling}x vs {trivial_scaling}x)",
            f">= {SCALING_TARGET}x",
            measured >= SCALING_TARGET,
        )
    )
    return lines


def bench_backend(backend: str, seconds: int, folder: Path) -> list[str]:
    if backend == "sqlite":
        database = sqlite_database(folder)
    else:
        database = postgres_database(os.environ.get("BENCH_POSTGRES_URL", POSTGRES_DEFAULT))
    with database as url:
        runs, loads = measure(seed(url), seconds, folder / f"instance-{backend}")
    return report(backend, runs, loads)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=int,
        default=os.environ.get("BENCH_HTTP_SECONDS", "20"),  # argparse applies type=int
        help="duur van elke meting in seconden (standaard 20)",
    )
    parser.add_argument(
        "--backends",
        default=",".join(BACKENDS),
        help="databases, met komma's gescheiden (standaard sqlite,postgresql)",
    )
    arguments = parser.parse_args(argv)
    arguments.backends = [name.strip() for name in arguments.backends.split(",") if name.strip()]
    unknown = set(arguments.backends) - set(BACKENDS)
    if unknown or not arguments.backends:
        parser.error(f"onbekende database: {', '.join(sorted(unknown)) or '(geen)'}")
    if arguments.seconds < 1:
        parser.error("--seconds moet minstens 1 zijn")
    return arguments


def main(argv: list[str]) -> int:
    arguments = _arguments(argv)
    if http_wrk.wrk_path() is None:
        print(http_wrk.MISSING, file=sys.stderr)
        return 2
    turns = "+".join(str(duration) for duration in rounds(arguments.seconds))
    set_up = (
        f"wrk -c{CONNECTIONS} -t{THREADS}, {arguments.seconds} s per route and worker count "
        f"(turns of {turns} s); gunicorn --workers 1 and 2 (sync worker, as "
        f"docs/installatie.md); budget page {PAGE_PATH} as {EMPLOYEE}, trivial route "
        f"{TRIVIAL_PATH} (200-row table, no login or database)"
    )
    print(figure("http set-up", set_up), flush=True)
    try:
        with TemporaryDirectory(prefix="jaartaak-bench-http-") as folder:
            for backend in arguments.backends:
                for line in bench_backend(backend, arguments.seconds, Path(folder)):
                    print(line, flush=True)
    except (BenchError, http_wrk.WrkError) as error:
        print(f"bench_http: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
