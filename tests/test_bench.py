"""The benchmark still runs and prints its figures (no timing is asserted: machines are noisy)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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
