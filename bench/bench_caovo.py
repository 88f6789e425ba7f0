"""How many CAO VO employee-years per second the calculation does (not a test: it prints).

A synthetic school board: varied werktijdfactors, ages (some 57+), choices, savings history,
lessons and tasks, each through the calc door exactly as `jaartaak calc` runs it, without a
database (bench_board.py measures the engine over a board from the database). The best of
three runs is reported, so a busy machine disturbs the figure less.

    python bench/bench_caovo.py [EMPLOYEE_YEARS]
"""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal

from bench_board import RATE_TARGET  # the full recompute's rate: the engine alone keeps up
from figures import figure

from jaartaak.domain import calc
from jaartaak.domain.caovo import CaoVoScheme

SCHEMES = {"cao-vo": CaoVoScheme()}
DOELEN = ["reductie-lestaak", "reductie-overige-taken", "verlof"]


def synthetic_employee(rng: random.Random) -> dict:
    fte = Decimal(rng.choice([40, 50, 60, 80, 90, 100, 100, 100])) / 100
    senior = rng.random() < 0.2
    year = rng.randrange(1959, 1967) if senior else rng.randrange(1968, 2000)
    birth = f"{year}-{rng.randrange(1, 13):02d}-15"
    budget = (Decimal(90) * fte).quantize(Decimal("0.01"))
    first = (budget / 3).quantize(Decimal("0.01"))
    choices: dict = {
        "pb": [
            {"doel": DOELEN[0], "hours": str(first)},
            {"doel": rng.choice(DOELEN[1:]), "hours": str(budget - first)},
        ]
    }
    return {
        "scheme": "cao-vo",
        "period": "2025-2026",
        "employee": {
            "birth_date": birth,
            "category": rng.choice(["OP", "OP", "OP", "OOP", "DIR"]),
            "salary_scale": rng.choice(["LB", "LC", "LD", "7", "9"]),
            "fulltime_monthly_salary": f"{rng.randrange(3000, 7000)}.00",
            "appointments": [
                {"start": "2012-08-01", "end": None, "fte": str(fte), "kind": "regulier"}
            ],
        },
        "choices": choices,
        "history": {"savings": [{"pot": "pb", "schooljaar": "2020-2021", "hours": "20"}]},
        "lessons": [
            {"vak": "wiskunde", "lesuren_per_week": str(int(fte * 18))},
            {"vak": "natuurkunde", "lesuren_per_week": "2", "opslagfactor": "0.6"},
        ],
        "tasks": [{"naam": "mentoraat", "uren": "60"}],
    }


def _best_of_three(work, scenarios: list[dict]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for scenario in scenarios:
            work(scenario)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(2026)
    scenarios = [synthetic_employee(rng) for _ in range(count)]
    engine = _best_of_three(lambda s: calc.calculate(s, SCHEMES), scenarios)
    door = _best_of_three(lambda s: calc.dumps(calc.calculate(s, SCHEMES)), scenarios)
    rate = round(count / engine)
    print(
        figure(
            f"cao-vo engine alone ({count:,} scenarios in memory, best of 3)",
            f"{rate:,} employee-years per second",
            f">= {RATE_TARGET:,}",
            rate >= RATE_TARGET,
        )
    )
    print(
        figure(
            "cao-vo calc door (the JSON text `jaartaak calc` prints) vs the engine alone",
            f"{door / engine:.2f}x the time",
        )
    )


if __name__ == "__main__":
    main()
