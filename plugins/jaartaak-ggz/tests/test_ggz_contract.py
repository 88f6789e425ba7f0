"""The balansbudget against the contract tests every scheme runs (jaartaak.testing)."""

from __future__ import annotations

import json
from pathlib import Path

from jaartaak_ggz.scheme import GgzBalansbudget

from jaartaak.testing import SchemeContract

EXAMPLES = [
    json.loads(path.read_text(encoding="utf-8"))["scenario"]
    for path in sorted((Path(__file__).parent / "examples").glob("G*.json"))
]
EMPLOYEE = {
    "birth_date": "1980-01-01",
    "fulltime_weekly_hours": 38,
    "fulltime_monthly_salary": "3900.00",
    "appointments": [
        {"start": "2019-03-01", "end": None, "weekly_hours": "20.50"},
        {"start": "2025-01-01", "end": "2026-03-31", "weekly_hours": "12"},
    ],
}
MORE = [
    {  # two appointments, a leaver in March next year, policy settings, as_of
        "scheme": "ggz-balansbudget",
        "period": "2025",
        "employee": EMPLOYEE,
        "choices": {"option": "verlof", "chosen_on": "2025-06-30"},
        "events": [{"date": "2025-09-01", "type": "opname-verlof", "hours": "7.25"}],
        "history": {},
        "settings": {"uurloon_maanden": 3, "uurloon_weken": "13"},
        "as_of": "2026-07-01",
    },
    {  # training with claims and a school's payout month for the rest
        "scheme": "ggz-balansbudget",
        "period": "2026",
        "employee": {**EMPLOYEE, "appointments": [EMPLOYEE["appointments"][0]]},
        "choices": {"option": "opleiding", "chosen_on": "2026-01-15"},
        "events": [
            {"date": "2026-12-31", "type": "declaratie-opleiding", "amount": "100.00"},
            {"date": "2026-09-01", "type": "declaratie-opleiding", "amount": "250.10"},
        ],
        "settings": {"opleiding_restant_maand": 2},
        "as_of": "2026-10-01",
    },
    {  # the older rules: € 500, payout in September
        "scheme": "ggz-balansbudget",
        "period": "2023",
        "employee": {**EMPLOYEE, "appointments": [EMPLOYEE["appointments"][0]]},
        "choices": {"option": "uitbetaling", "chosen_on": "2023-07-02"},
    },
]


class TestGgzContract(SchemeContract):
    scheme = GgzBalansbudget()
    scenarios = (*EXAMPLES, *MORE)
