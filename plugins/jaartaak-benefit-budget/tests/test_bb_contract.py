"""The Benefit Budget against the contract tests every scheme runs (jaartaak.testing)."""

from __future__ import annotations

import json
from pathlib import Path

from jaartaak_benefit_budget.scheme import BenefitBudget

from jaartaak.testing import SchemeContract

EXAMPLES = [
    json.loads(path.read_text(encoding="utf-8"))["scenario"]
    for path in sorted((Path(__file__).parent / "examples").glob("B*.json"))
]
EMPLOYEE = {
    "birth_date": "1972-06-30",
    "fulltime_weekly_hours": 40,
    "part_time_factor": "0.8000",
    "fulltime_scale_salary": "4200.00",
    "fulltime_personal_allowance": "150.00",
    "above_overtime_threshold": True,
    "transition_age_leave_pct": "0.40",
    "collective_health_insurance": True,
    "ipap": True,
    "appointments": [
        {"start": "2010-01-01", "end": "2024-12-31"},
        {"start": "2025-01-01", "end": None},
    ],
}
MORE = [
    {  # choices of every product, employer additions, history, company settings, as_of
        "scheme": "nwb-benefit-budget",
        "period": "2025",
        "employee": EMPLOYEE,
        "choices": [
            {"month": "2025-01", "product": "verlof", "hours": "8.50"},
            {"month": "2025-02", "product": "geld", "amount": "100.00"},
            {"month": "2025-02", "product": "geld", "amount": "50.25"},
            {"month": "2025-03", "product": "vakbondscontributie", "amount": "22.50"},
            {"month": "2025-04", "product": "pensioen", "amount": "75.00"},
            {"month": "2025-06", "product": "reserveren", "amount": "10.00"},
            {"month": "2025-07", "product": "reserveren-mei", "amount": "20.00"},
            {"month": "2025-08", "product": "geld", "amount": "900.00"},
        ],
        "events": [
            {"month": "2025-03", "type": "werkgever-toevoeging", "code": "adv", "amount": "80.00"},
            {
                "month": "2025-09",
                "type": "werkgever-toevoeging",
                "code": "overwerk",
                "amount": "125.50",
            },
        ],
        "history": {"opening_balances": {"reserve": "100.00", "reserve_may": "1800.00"}},
        "settings": {
            "leeftijdsverlof": [{"vanaf": 50, "pct": "1.00"}, {"vanaf": 60, "pct": "1.60"}],
            "verlof_schaal_40_uur": False,
            "ipap_grondslag_factor": "1.0800",
            "keuze_sluit_dag": 20,
        },
        "as_of": "2025-10-31",
    },
    {  # a leaver on 30 September, joined in March (February accrues nothing)
        "scheme": "nwb-benefit-budget",
        "period": "2025",
        "employee": {
            "birth_date": "2004-05-15",
            "part_time_factor": "0.4000",
            "fulltime_scale_salary": "2500.00",
            "collective_health_insurance": True,
            "appointments": [{"start": "2025-02-15", "end": "2025-09-30"}],
        },
        "choices": [{"month": "2025-06", "product": "geld", "amount": "10.00"}],
    },
]


class TestBenefitBudgetContract(SchemeContract):
    scheme = BenefitBudget()
    scenarios = (*EXAMPLES, *MORE)
