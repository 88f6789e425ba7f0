"""The example plugin's own tests: jaartaak's contract tests, then the scheme's own numbers.

This is the test suite a plugin project keeps: ``SchemeContract`` and the ``calc_json`` fixture
come with jaartaak (its pytest plugin is loaded automatically once jaartaak is installed).
"""

from __future__ import annotations

from jaartaak_voorbeeld.scheme import VoorbeeldScheme

from jaartaak.testing import SchemeContract

SCHEME = VoorbeeldScheme()


def scenario(period="2025", appointments=None, **parts):
    if appointments is None:
        appointments = [{"start": "2020-08-01", "end": None, "fte": "1.0000"}]
    return {
        "scheme": "voorbeeld-budget",
        "period": period,
        "employee": {"appointments": appointments},
        **parts,
    }


FULL_YEAR = scenario()
MID_MONTH_START = scenario(appointments=[{"start": "2025-03-16", "fte": "1.0000"}])
TWO_APPOINTMENTS = scenario(
    appointments=[
        {"start": "2019-01-01", "fte": "0.6000"},
        {"start": "2025-07-01", "end": "2025-12-31", "fte": "0.4000"},
    ],
    settings={"extra_uren_per_fte": "5.00"},
)
LEAP_YEAR = scenario("2024", [{"start": "2024-02-15", "fte": "1.0000"}])
ENDED_BEFORE = scenario(appointments=[{"start": "2022-01-01", "end": "2023-12-31", "fte": "0.5"}])


class TestVoorbeeldContract(SchemeContract):
    scheme = SCHEME
    scenarios = (FULL_YEAR, MID_MONTH_START, TWO_APPOINTMENTS, LEAP_YEAR, ENDED_BEFORE)


def totals(result):
    return {key: result["totals"][key] for key in ("uren_per_fte", "fte_gemiddeld", "budget_uren")}


def test_a_full_year_at_one_fte_is_the_whole_budget(calc_json):
    result = calc_json(FULL_YEAR, SCHEME)
    assert result["rule_version"] == "voorbeeld-2024"
    assert result["period"] == {"id": "2025", "start": "2025-01-01", "end": "2025-12-31"}
    assert totals(result) == {
        "uren_per_fte": "40.00",
        "fte_gemiddeld": "1.0000",
        "budget_uren": "40.00",
    }
    assert result["ledger"] == [
        {
            "date": "2025-01-01",
            "pot": "voorbeeld-budget",
            "unit": "hours",
            "amount": "40.00",
            "kind": "storting",
            "key": "voorbeeld.budget_uren",
        }
    ]
    assert result["balances"] == {"voorbeeld-budget": {"unit": "hours", "amount": "40.00"}}
    assert result["warnings"] == [] and result["errors"] == []


def test_a_start_in_the_middle_of_a_month_counts_its_days(calc_json):
    result = calc_json(MID_MONTH_START, SCHEME)
    # March: 16 of 31 days = 0.5161; April to December: 9.0000; (0.5161 + 9) / 12 = 0.7930
    assert result["totals"]["maanden"][1:4] == [
        {"month": "2025-02", "fte": "0.0000"},
        {"month": "2025-03", "fte": "0.5161"},
        {"month": "2025-04", "fte": "1.0000"},
    ]
    assert totals(result)["fte_gemiddeld"] == "0.7930"
    assert totals(result)["budget_uren"] == "31.72"
    line = next(line for line in result["lines"] if line.get("total") == "budget_uren")
    assert line["formula"] == "40.00 × 0.7930"
    assert line["source"] == "Voorbeeldregeling art. 2 lid 1"


def test_appointments_add_up_and_the_school_policy_raises_the_rate(calc_json):
    result = calc_json(TWO_APPOINTMENTS, SCHEME)
    # January to June 0.6, July to December 1.0: 9.6 / 12 = 0.8000; (40 + 5) × 0.8 = 36.00
    assert totals(result) == {
        "uren_per_fte": "45.00",
        "fte_gemiddeld": "0.8000",
        "budget_uren": "36.00",
    }
    rate = next(line for line in result["lines"] if line.get("total") == "uren_per_fte")
    assert rate["formula"] == "40.00 + 5.00 (schoolbeleid)"
    assert "Schoolbeleid" in rate["source"]


def test_february_of_a_leap_year_has_29_days(calc_json):
    result = calc_json(LEAP_YEAR, SCHEME)
    # February: 15 of 29 days = 0.5172; (0.5172 + 10) / 12 = 0.8764; 40 × 0.8764 = 35.06
    assert result["totals"]["maanden"][1] == {"month": "2024-02", "fte": "0.5172"}
    assert totals(result)["budget_uren"] == "35.06"


def test_no_appointment_in_the_year_warns_and_books_nothing(calc_json):
    result = calc_json(ENDED_BEFORE, SCHEME)
    assert totals(result)["budget_uren"] == "0.00"
    assert [w["code"] for w in result["warnings"]] == ["voorbeeld.geen-aanstelling"]
    assert (result["ledger"], result["balances"], result["errors"]) == ([], {}, [])


def errors(result):
    return [(error["code"], error.get("field")) for error in result["errors"]]


def test_bad_input_is_named_by_field(calc_json):
    text = """{"scheme": "voorbeeld-budget", "period": "2025", "events": [{"type": "x"}],
               "employee": {"appointments": [{"start": "2025-05-01", "fte": 1.0}]},
               "settings": {"uren_per_fte": "50.00"}}"""
    assert errors(calc_json(text, SCHEME)) == [
        ("invoer.type", "employee.appointments[0].fte"),
        ("invoer.onbekend-veld", "settings.uren_per_fte"),
        ("invoer.waarde", "events[0]"),
    ]


def test_an_end_before_the_start_and_a_missing_list_are_errors(calc_json):
    backwards = scenario(appointments=[{"start": "2025-05-01", "end": "2025-04-30", "fte": "1"}])
    assert errors(calc_json(backwards, SCHEME)) == [
        ("invoer.waarde", "employee.appointments[0].end")
    ]
    missing = {**FULL_YEAR, "employee": {}}
    assert errors(calc_json(missing, SCHEME)) == [("invoer.ontbreekt", "employee.appointments")]


def test_a_year_before_the_first_rule_version_is_refused(calc_json):
    result = calc_json(scenario("2023"), SCHEME)
    assert errors(result) == [("periode.geen-regels", "period")]
    assert result["rule_version"] is None
