"""Bad input is an error entry with a field path and a Dutch message, never a crash."""

from __future__ import annotations

import json

import pytest

from jaartaak.domain import calc

from caovo_scenarios import SCHEMES, codes, run, scenario


def errors(result):
    return [(e["code"], e.get("field")) for e in result["errors"]]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"employee__fulltime_monthly_salary": 5000.00},
            ("invoer.type", "employee.fulltime_monthly_salary"),
        ),
        (
            {"employee__fulltime_monthly_salary": "vijfduizend"},
            ("invoer.type", "employee.fulltime_monthly_salary"),
        ),
        (
            {"employee__fulltime_monthly_salary": "-1.00"},
            ("invoer.negatief", "employee.fulltime_monthly_salary"),
        ),
        (
            {"employee__fulltime_monthly_salary": "5000.001"},
            ("invoer.waarde", "employee.fulltime_monthly_salary"),
        ),
        ({"employee__birth_date": "1980-02-30"}, ("invoer.datum", "employee.birth_date")),
        ({"employee__birth_date": "05-05-1980"}, ("invoer.datum", "employee.birth_date")),
        ({"employee__category": "LERAAR"}, ("invoer.waarde", "employee.category")),
        ({"employee__salary_scale": "19"}, ("invoer.waarde", "employee.salary_scale")),
        ({"employee__salary_scale": None}, ("invoer.ontbreekt", "employee.salary_scale")),
        ({"employee__leeftijd": "45"}, ("invoer.onbekend-veld", "employee.leeftijd")),
        (
            {
                "employee__appointments": [
                    {"start": "2025-08-01", "end": None, "fte": "0", "kind": "regulier"}
                ]
            },
            ("invoer.waarde", "employee.appointments[0].fte"),
        ),
        (
            {
                "employee__appointments": [
                    {"start": "2025-08-01", "end": None, "fte": "1.5", "kind": "regulier"}
                ]
            },
            ("invoer.waarde", "employee.appointments[0].fte"),
        ),
        (
            {
                "employee__appointments": [
                    {"start": "2025-08-01", "end": "2025-07-01", "fte": "1", "kind": "regulier"}
                ]
            },
            ("invoer.datum", "employee.appointments[0].end"),
        ),
        (
            {"employee__appointments": [{"start": "2025-08-01", "fte": "1", "kind": "tijdelijk"}]},
            ("invoer.waarde", "employee.appointments[0].kind"),
        ),
        ({"employee__appointments": "voltijd"}, ("invoer.type", "employee.appointments")),
        (
            {"choices": {"pb": [{"doel": "vakantie", "hours": "10"}]}},
            ("invoer.waarde", "choices.pb[0].doel"),
        ),
        (
            {"choices": {"pb": [{"doel": "verlof", "hours": 10}]}},
            ("invoer.type", "choices.pb[0].hours"),
        ),
        (
            {"choices": {"pb": [{"doel": "verlof", "hours": "-10"}]}},
            ("invoer.negatief", "choices.pb[0].hours"),
        ),
        ({"choices": {"pb": {"doel": "verlof"}}}, ("invoer.type", "choices.pb")),
        (
            {"choices": {"aanvulling": {"level": "een"}}},
            ("invoer.type", "choices.aanvulling.level"),
        ),
        ({"choices": {"budget": []}}, ("invoer.onbekend-veld", "choices.budget")),
        (
            {"history": {"savings": [{"pot": "pb", "schooljaar": "2025-2026", "hours": "5"}]}},
            ("invoer.waarde", "history.savings[0].schooljaar"),
        ),
        (
            {
                "history": {
                    "savings": [
                        {"pot": "pb", "schooljaar": "2020-2021", "hours": "5", "eur": "10.00"}
                    ]
                }
            },
            ("invoer.waarde", "history.savings[0]"),
        ),
        (
            {
                "history": {
                    "savings": [{"pot": "senior", "schooljaar": "2020-2021", "eur": "10.00"}]
                }
            },
            ("invoer.waarde", "history.savings[0].eur"),
        ),
        ({"settings": {"lesweken": 38}}, ("invoer.type", "settings.lesweken")),
        ({"settings": {"opslag": "0.5"}}, ("invoer.onbekend-veld", "settings.opslag")),
        (
            {"lessons": [{"vak": "wiskunde", "lesuren_per_week": "four"}]},
            ("invoer.type", "lessons[0].lesuren_per_week"),
        ),
        ({"tasks": [{"naam": "mentor"}]}, ("invoer.ontbreekt", "tasks[0].uren")),
        ({"events": [{"date": "2025-10-01", "type": "ziek"}]}, ("invoer.waarde", "events")),
        ({"period": "2025/2026"}, ("periode.ongeldig", "period")),
        ({"as_of": "2026-13-01"}, ("invoer.datum", "as_of")),
        ({"onbekend": True}, ("invoer.onbekend-veld", "onbekend")),
        ({"scheme": "cao-po"}, ("scheme.onbekend", "scheme")),
    ],
)
def test_bad_input_is_an_error_with_a_field_path(changes, expected):
    result = run(scenario(**changes))
    assert expected in errors(result), result["errors"]
    error = next(e for e in result["errors"] if (e["code"], e.get("field")) == expected)
    if not expected[0].startswith("scheme."):
        assert error["field"] in error["message"]  # the message says where, for a person
    assert result["payroll"] == [] and result["ledger"] == []


def test_all_problems_are_reported_at_once():
    result = run(
        scenario(
            employee__category="X",
            employee__salary_scale="99",
            choices={"pb": [{"doel": "x", "hours": "-1"}]},
        )
    )
    assert {
        "employee.category",
        "employee.salary_scale",
        "choices.pb[0].doel",
        "choices.pb[0].hours",
    } <= {e["field"] for e in result["errors"]}


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        [],
        "tekst",
        12,
        {"scheme": None},
        {"scheme": "cao-vo"},
        {"scheme": "cao-vo", "period": 7},
        {"scheme": "cao-vo", "period": "2025-2026", "employee": []},
        {"scheme": "cao-vo", "period": "2025-2026", "employee": {}, "choices": "x"},
        {"scheme": "cao-vo", "period": "2025-2026", "employee": {"appointments": [None, 3, "x"]}},
        {"scheme": ["cao-vo"]},
    ],
)
def test_garbage_never_crashes(garbage):
    result = json.loads(calc.dumps(calc.calculate(garbage, SCHEMES)))
    assert result["errors"]


def test_a_float_is_refused_with_a_helpful_message():
    result = run(scenario(employee__fulltime_monthly_salary=5000.25))  # JSON: 5000.25
    message = result["errors"][0]["message"]
    assert "tekst met een decimaal getal" in message and '"5000.25"' in message
    assert codes(result) == ["invoer.type"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"employee__salary_scale": "²"}, ("invoer.waarde", "employee.salary_scale")),
        ({"employee__birth_date": "9990-01-01"}, ("invoer.datum", "employee.birth_date")),
        ({"employee__birth_date": "1960-W10-1"}, ("invoer.datum", "employee.birth_date")),
        ({"period": "0000-0001"}, ("periode.ongeldig", "period")),
        (
            {"choices": {"aanvulling": {"level": "²", "mode": "verlof"}}},
            ("invoer.type", "choices.aanvulling.level"),
        ),
        (
            {"choices": {"aanvulling": {"level": "--1", "mode": "verlof"}}},
            ("invoer.type", "choices.aanvulling.level"),
        ),
        (
            {"choices": {"aanvulling": {"level": "1" * 5000, "mode": "verlof"}}},
            ("invoer.type", "choices.aanvulling.level"),
        ),
        ({"settings": {"lesweken": "999999999999"}}, ("invoer.waarde", "settings.lesweken")),
        (
            {"employee__fulltime_monthly_salary": "999999999999.99"},
            ("invoer.waarde", "employee.fulltime_monthly_salary"),
        ),
    ],
)
def test_edge_values_are_refused_not_crashed(changes, expected):
    """Found by review: these reached int(), date() or Decimal overflow and crashed (exit 1)."""
    assert expected in errors(run(scenario(**changes)))


def test_a_salary_whose_uurloon_rounds_to_zero_is_refused_and_leave_from_euros_does_not_crash():
    result = run(
        scenario(
            employee__fulltime_monthly_salary="0.50",
            history={"savings": [{"pot": "pb", "schooljaar": "2019-2020", "eur": "500.00"}]},
            choices={"opname": [{"pot": "pb", "hours": "10"}]},
        )
    )
    assert ("invoer.waarde", "employee.fulltime_monthly_salary") in errors(result)
    message = next(e["message"] for e in result["errors"] if e["code"] == "invoer.waarde")
    assert "€ 0,50 per maand is het uurloon (salaris / 138) € 0,00" in message
