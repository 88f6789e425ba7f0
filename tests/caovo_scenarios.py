"""Building CAO VO scenarios for tests: a full-time LC teacher unless a test says otherwise."""

from __future__ import annotations

import copy
import json
from typing import Any

from jaartaak.domain import calc, reading
from jaartaak.domain.caovo import CaoVoScheme

SCHEMES = {"cao-vo": CaoVoScheme()}

BASE: dict[str, Any] = {
    "scheme": "cao-vo",
    "period": "2025-2026",
    "employee": {
        "birth_date": "1980-05-05",
        "category": "OP",
        "salary_scale": "LC",
        "fulltime_monthly_salary": "5000.00",
        "appointments": [{"start": "2010-08-01", "end": None, "fte": "1.0", "kind": "regulier"}],
    },
    "choices": {},
}


def scenario(**changes: Any) -> dict[str, Any]:
    """BASE with top-level keys replaced, and ``employee__x`` keys replacing employee fields."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key.startswith("employee__"):
            data["employee"][key.removeprefix("employee__")] = value
        else:
            data[key] = value
    return data


def run(data: dict[str, Any]) -> dict[str, Any]:
    """The result JSON, through JSON text as the CLI reads it."""
    return json.loads(calc.dumps(calc.calculate(reading.loads(json.dumps(data)), SCHEMES)))


def codes(result: dict[str, Any], kind: str = "errors") -> list[str]:
    return sorted(issue["code"] for issue in result[kind])


def line(result: dict[str, Any], key: str) -> dict[str, Any]:
    return next(item for item in result["lines"] if item["key"] == key)
