"""The benchmark still runs and prints its figures (no timing is asserted: machines are noisy)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_caovo_benchmark_prints_its_rates():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_caovo.py"), "20"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert re.match(r"cao-vo engine: [\d,]+ employee-years per second \(20 in ", lines[0])
    assert lines[1].startswith("cao-vo calc door")


def test_the_taakbrief_benchmark_prints_its_ratios():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_taakbrief.py"), "3", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert re.match(r"taakbrief PDF: [\d,]+x the time of WeasyPrint alone", lines[0])
    assert re.match(r"taakbrief bulk \(3 employees, \d+ workers\): [\d,]+x the time", lines[1])


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
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 4 * len(backends), result.stdout
    assert lines[0].startswith("http: wrk -c20 -t2, 1 s per route and worker count (turns of 1 s)")
    verdict = r"\(target ≥ [\d.]+x\) (OK|MISS)$"
    rate = r"[\d,]+\.\d req/s"
    for backend, figures in zip(backends, _chunks(lines[1:], 4), strict=True):
        for workers, line in zip(("1 worker", "2 workers"), figures[:2], strict=True):
            assert re.match(
                rf"http {backend}, {workers}: budget page {rate} vs trivial route {rate}: "
                rf"\d+\.\d\dx {verdict}",
                line,
            ), line
        assert re.match(
            rf"http {backend}: errors 0 in [\d,]+ requests \(socket 0, status other than 200 0; "
            r"target 0\) OK$",
            figures[2],
        ), figures[2]
        assert re.match(
            rf"http {backend}: budget page 2w/1w \d+\.\d\dx vs trivial route 2w/1w \d+\.\d\dx: "
            rf"\d+\.\d\dx {verdict}",
            figures[3],
        ), figures[3]


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]
