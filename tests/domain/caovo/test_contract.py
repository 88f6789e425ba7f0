"""CAO VO against the contract tests every scheme runs (jaartaak.testing.SchemeContract)."""

from __future__ import annotations

from jaartaak.domain.caovo import CaoVoScheme
from jaartaak.testing import SchemeContract

from caovo_scenarios import scenario
from support_examples import example_files, load_example

VALID_EXAMPLES = [
    example["scenario"]
    for example in map(load_example, example_files("cao-vo"))
    if not example["expect"]["errors"]
]

MORE = [
    scenario(
        history={
            "savings": [
                {"pot": "pb", "schooljaar": "2020-2021", "hours": "50"},
                {"pot": "pb", "schooljaar": "2016-2017", "eur": "400.00"},
                {"pot": "senior", "schooljaar": "2024-2025", "hours": "20"},
            ],
            "previous_aanvulling_level": 0,
            "previous_wtf_regulier": "1.0000",
        },
        choices={
            "pb": [{"doel": "sparen", "hours": "40"}],
            "opname": [{"pot": "pb", "hours": "12.5"}],
        },
    ),
    scenario(
        employee__birth_date="1962-03-02",
        choices={
            "pb": [{"doel": "sparen", "hours": "50"}],
            "aanvulling": {"level": 1, "mode": "sparen"},
        },
    ),
    scenario(
        employee__appointments=[
            {"start": "2015-08-01", "end": "2026-03-31", "fte": "0.6", "kind": "regulier"},
            {"start": "2025-09-01", "end": "2026-01-31", "fte": "0.2", "kind": "vervanging"},
        ],
        settings={"uurloon_deler": "138.25", "lesweken": "36", "opslagfactor": "0.4"},
        lessons=[{"vak": "biologie", "groep": "3vwo", "lesuren_per_week": "12"}],
        tasks=[{"naam": "decanaat", "uren": "40"}],
        as_of="2026-07-31",
    ),
]


class TestCaoVoContract(SchemeContract):
    scheme = CaoVoScheme()
    scenarios = (*VALID_EXAMPLES, *MORE)
