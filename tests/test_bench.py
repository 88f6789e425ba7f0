"""The benchmarks still run and print every figure with its target (no timing is asserted:
machines are noisy), and the synthetic board holds what the benchmark says it holds."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jaartaak.models import (
    Employee,
    Gebeurtenis,
    Lesson,
    PbKeuze,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingGebruik,
    RegelingKeuze,
    TaskAssignment,
)

from support import bench_module

ROOT = Path(__file__).resolve().parents[1]
NUMBER = r"[\d,.]+"
#: ``name: value  target <target>  OK|MISS`` (bench/figures.py).
WITH_TARGET = re.compile(r"^(?P<name>.+?): (?P<value>.+?)  target (?P<target>.+)  (?:OK|MISS)$")
#: ``name: value  (no target)``.
WITHOUT_TARGET = re.compile(r"^(?P<name>.+?): (?P<value>.+)  \(no target\)$")
SMALL_BOARD = "2,5,30,110"  # 10 CAO VO employees, 30 GGZ, 110 Benefit Budget
#: The synthetic board has an organisation under each plugin scheme.
PLUGINS = ("jaartaak_ggz", "jaartaak_benefit_budget")
needs_plugins = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in PLUGINS),
    reason="de synthetische organisatie heeft de plugins jaartaak-ggz en "
    "jaartaak-benefit-budget nodig",
)


def _run(script: str, *arguments: str, timeout: int = 300) -> list[str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout.splitlines()


def _figures(lines: list[str]) -> list[tuple[str, str, str | None]]:
    """(name, value, target or None) of every line; a line of another form fails the test."""
    found = []
    for line in lines:
        with_target = WITH_TARGET.match(line)
        if with_target:
            found.append((with_target["name"], with_target["value"], with_target["target"]))
            continue
        without = WITHOUT_TARGET.match(line)
        assert without, f"not a figure line: {line!r}"
        found.append((without["name"], without["value"], None))
    return found


def test_the_caovo_benchmark_prints_its_rate_and_target():
    (rate, door) = _figures(_run("bench_caovo.py", "20", timeout=120))
    assert rate[0] == "cao-vo engine alone (20 scenarios in memory, best of 3)"
    assert re.fullmatch(rf"{NUMBER} employee-years per second", rate[1]) and rate[2] == ">= 2,000"
    assert re.fullmatch(rf"{NUMBER}x the time", door[1]) and door[2] is None


def test_the_taakbrief_benchmark_prints_its_ratios_and_targets():
    pdf, bulk = _figures(_run("bench_taakbrief.py", "3", "1"))
    assert pdf[0] == "taakbrief PDF of one employee vs WeasyPrint alone on the same HTML"
    assert re.fullmatch(rf"{NUMBER}x the time", pdf[1]) and pdf[2] == "<= 1.3x"
    assert re.fullmatch(r"taakbrief bulk PDFs \(3 employees, \d+ workers\) vs one process", bulk[0])
    assert re.fullmatch(rf"{NUMBER}x the time", bulk[1]) and bulk[2] == "<= 0.6x"


@pytest.mark.slow
@needs_plugins
def test_the_board_benchmark_prints_every_engine_figure_with_its_target():
    figures = _figures(_run("bench_board.py", SMALL_BOARD, "--rounds", "1"))
    names = [name for name, _value, _target in figures]
    assert names == [
        "engine full recompute (150 employee-years, one process, SQLite)",
        "engine employee-years per second in the full recompute",
        "engine 150 vs 19 employee-years (10x vs 1x)",
        "engine employee-years refused",
        "engine full recompute peak memory (peak RSS of a process doing only that)",
        "engine full recompute per scheme",
        "synthetic boards of 150 and 19 employees built",
    ]
    values = {name: (value, target) for name, value, target in figures}
    seconds, target = values[names[0]]
    assert re.fullmatch(rf"{NUMBER} s \(CPU {NUMBER} s\)", seconds) and target == "<= 5 s"
    assert values[names[1]][1] == ">= 2,000"
    assert values[names[2]][1] == "<= 11x"
    assert values[names[3]] == ("0", "0")  # the synthetic data is valid: nothing refused
    assert re.fullmatch(rf"{NUMBER} MB, -?{NUMBER} MB more than before it", values[names[4]][0])
    assert re.fullmatch(
        r"cao-vo 10 in [\d.]+ s, ggz-balansbudget 30 in [\d.]+ s, "
        r"nwb-benefit-budget 110 in [\d.]+ s",
        values[names[5]][0],
    )


def _rows(session, model, employee_id: int) -> list[tuple]:
    """An employee's stored scheme rows without their ids, in a fixed order."""
    columns = [
        c
        for c in model.__table__.columns
        if c.name not in bench_module("synthetic_board").NOT_COPIED
    ]
    rows = session.execute(select(*columns).where(model.employee_id == employee_id)).all()
    return sorted(tuple(map(repr, row)) for row in rows)


@needs_plugins
def test_the_synthetic_board_is_built_as_the_benchmark_describes(app, database):
    board = bench_module("synthetic_board")
    size = board.Size.parse(SMALL_BOARD)
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        organisations = board.build_board(session, size, date(2026, 11, 24), registry)
    with database.session() as session:
        counted = board.counts(session)
        assert counted["employee"] == size.employees == 150
        assert counted[Lesson.__tablename__] == counted[TaskAssignment.__tablename__] == 10 * 10
        # a choice for every third employee of each school, savings last year for every fifth
        assert counted[PbKeuze.__tablename__] == 2 * (2 + 1)
        gebruik = select(RegelingGebruik.organisation_id, RegelingGebruik.scheme)
        schemes = dict(session.execute(gebruik).all())
        assert [schemes.get(o, "cao-vo") for o in organisations] == [
            "cao-vo",
            "ggz-balansbudget",
            "nwb-benefit-budget",
        ]
        # Every Benefit Budget employee has last year's beginstand and choices in both years.
        bb = select(Employee.id).where(Employee.organisation_id == organisations[2])
        assert (
            session.scalar(select(func.count()).where(RegelingBeginstand.employee_id.in_(bb)))
            == 110
        )
        assert set(
            session.scalars(select(RegelingKeuze.periode).where(RegelingKeuze.employee_id.in_(bb)))
        ) == {"2025", "2026"}
        # A copy holds exactly its representative's rows (of every scheme table).
        for organisation, profiles in ((organisations[1], 25), (organisations[2], 105)):
            ids = list(
                session.scalars(
                    select(Employee.id)
                    .where(Employee.organisation_id == organisation)
                    .order_by(Employee.id)
                )
            )
            for index in range(profiles, len(ids)):
                for model in (RegelingFeiten, RegelingBeginstand, RegelingKeuze, Gebeurtenis):
                    assert _rows(session, model, ids[index]) == _rows(
                        session, model, ids[index % profiles]
                    )
        bench = bench_module("board_recompute")
        split = bench.recompute(session, registry, organisations, date(2026, 11, 24))
    assert {scheme: part["employee_years"] for scheme, part in split.items()} == {
        "cao-vo": 10,
        "ggz-balansbudget": 30,
        "nwb-benefit-budget": 110,
    }
    assert all(part["refused"] == 0 for part in split.values())


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)"
)
def test_the_http_benchmark_prints_every_figure_with_its_target():
    """A 1-second run on SQLite, and on PostgreSQL when the suite runs there: the format only."""
    backends = ["sqlite"]
    environment = dict(os.environ)
    if os.environ.get("JAARTAAK_TEST_DATABASE_URL"):
        backends.append("postgresql")
        environment["BENCH_POSTGRES_URL"] = os.environ["JAARTAAK_TEST_DATABASE_URL"]
    command = [sys.executable, str(ROOT / "bench" / "bench_http.py"), "--seconds", "1"]
    result = subprocess.run(
        [*command, "--backends", ",".join(backends)],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = _figures(result.stdout.splitlines())
    assert len(figures) == 1 + 4 * len(backends), result.stdout
    assert figures[0][0] == "http set-up" and figures[0][2] is None
    assert figures[0][1].startswith("wrk -c20 -t2, 1 s per route and worker count")
    rate = rf"{NUMBER} req/s"
    for backend, (one, two, errors, scaling) in zip(backends, _chunks(figures[1:], 4), strict=True):
        for (name, value, target), workers in ((one, "1 worker"), (two, "2 workers")):
            assert name == f"http {backend}, {workers}, budget page vs trivial route"
            assert re.fullmatch(rf"{NUMBER}x the throughput \({rate} vs {rate}\)", value), value
            assert target == ">= 0.25x"
        assert errors[0] == f"http {backend} errors" and errors[2] == "0"
        assert re.fullmatch(
            rf"0 in {NUMBER} requests \(socket 0, status other than 200 0\)", errors[1]
        ), errors[1]
        assert scaling[0] == f"http {backend}, budget page 2w/1w vs trivial route 2w/1w"
        assert re.fullmatch(rf"{NUMBER}x \({NUMBER}x vs {NUMBER}x\)", scaling[1]), scaling[1]
        assert scaling[2] == ">= 0.9x"


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]
