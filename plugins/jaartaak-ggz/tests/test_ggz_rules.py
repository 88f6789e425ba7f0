"""The balansbudget's own edge cases: the days on which a rule turns, rounding, as_of, ggz-2022."""

from __future__ import annotations

import pytest
from jaartaak_ggz.scheme import GgzBalansbudget

from jaartaak.plugins import load_registry

SCHEME = GgzBalansbudget()


def scenario(
    period="2025",
    *,
    start="2020-01-01",
    end=None,
    hours="36",
    option="verlof",
    chosen_on=None,
    events=(),
    salary="3900.00",
    **parts,
):
    employee = {
        "birth_date": parts.pop("birth_date", "1980-01-01"),
        "fulltime_monthly_salary": salary,
        "appointments": [{"start": start, "end": end, "weekly_hours": hours}],
    }
    if "week" in parts:
        employee["fulltime_weekly_hours"] = parts.pop("week")
    choices = {"option": option, "chosen_on": chosen_on or f"{period}-05-01"} if option else {}
    return {
        "scheme": "ggz-balansbudget",
        "period": period,
        "employee": employee,
        "choices": choices,
        "events": list(events),
        **parts,
    }


def leave(day, hours):
    return {"date": day, "type": "opname-verlof", "hours": hours}


def claim(day, amount):
    return {"date": day, "type": "declaratie-opleiding", "amount": amount}


def codes(result, kind="errors"):
    return [issue["code"] for issue in result[kind]]


def payroll(result):
    return [(p["month"], p["code"], p["amount"]) for p in result["payroll"]]


@pytest.fixture
def calc(calc_json):
    return lambda data: calc_json(data, SCHEME)


# Rule 1: the peildatum -------------------------------------------------------------------------


def test_joining_on_1_july_is_eligible_and_a_birthday_on_1_july_changes_nothing(calc):
    joined = calc(scenario(start="2025-07-01", birth_date="1990-07-01"))
    assert joined["totals"]["eligible"] is True
    assert joined["totals"]["leave_hours"] == "40.00"


def test_leaving_on_30_june_is_not_eligible_and_the_choice_lapses_with_a_warning(calc):
    result = calc(scenario(end="2025-06-30"))
    assert result["totals"]["eligible"] is False and result["totals"]["option"] is None
    assert result["totals"]["budget_eur"] == "0.00"
    assert codes(result, "warnings") == ["niet-gerechtigd"]
    assert (result["payroll"], result["ledger"]) == ([], [])


def test_leaving_on_1_july_is_eligible_and_settled_in_august(calc):
    result = calc(scenario(end="2025-07-01"))
    assert result["totals"]["eligible"] is True
    # 40 h never became available (1 September): all of it at the 1 July uurloon
    assert payroll(result) == [("2025-08", "balansbudget-eindafrekening", "1000.00")]
    assert result["ledger"][0]["date"] == "2025-07-01"
    assert result["balances"] == {"ggz-verlof": {"unit": "hours", "amount": "0.00"}}


def test_leaving_on_1_july_with_uitbetaling_is_paid_in_september(calc):
    result = calc(scenario(end="2025-07-01", option="uitbetaling"))
    assert payroll(result) == [("2025-09", "balansbudget-uitbetaling", "1000.00")]


# Rule 2: f and rounding ------------------------------------------------------------------------


def test_f_is_capped_at_1_with_40_hours(calc):
    result = calc(scenario(hours="40"))
    assert result["totals"]["part_time_factor"] == "1.0000"
    assert result["totals"]["budget_eur"] == "1000.00"


def test_an_aios_own_38_hour_week_is_the_denominator(calc):
    result = calc(scenario(hours="38", week=38))
    assert result["totals"]["budget_eur"] == "1000.00"
    assert result["totals"]["uurloon"] == "23.68"  # 3900 × 3 / 13 / 38 = 23.6842


def test_rounding_is_half_up(calc):
    # 3900.78 × 3 / 13 / 36 = 25.005 exactly: half up gives 25.01 (half even would give 25.00)
    assert calc(scenario(salary="3900.78"))["totals"]["uurloon"] == "25.01"
    # 3901.56 / 156 = 25.01; 1000 / 25.01 = 39.984 → 39.98 h; 0.50 h left × 25.01 = 12.505 → 12.51
    left = calc(scenario(salary="3901.56", end="2025-11-15", events=[leave("2025-10-01", "39.48")]))
    assert left["totals"]["leave_hours"] == "39.98"
    assert payroll(left) == [("2025-12", "balansbudget-eindafrekening", "12.51")]


# Rule 3: the deadline --------------------------------------------------------------------------


def test_a_choice_on_1_july_is_late_and_paid_out(calc):
    result = calc(scenario(chosen_on="2025-07-01"))
    assert result["totals"]["option"] == "uitbetaling"
    assert codes(result, "warnings") == ["keuze.te-laat"]
    assert payroll(result) == [("2025-09", "balansbudget-uitbetaling", "1000.00")]
    assert codes(calc(scenario(chosen_on="2025-06-30")), "warnings") == []


# Rules 5 and 6: the pots and their days --------------------------------------------------------


def test_an_event_on_1_september_counts_and_on_31_august_is_not_yet_available(calc):
    ok = calc(scenario(events=[leave("2025-09-01", "8")]))
    assert ok["totals"]["leave_hours_taken"] == "8.00" and ok["errors"] == []
    early = calc(scenario(events=[leave("2025-08-31", "8")]))
    assert codes(early) == ["nog-niet-beschikbaar"]
    assert (early["ledger"], early["payroll"]) == ([], [])


def test_leave_on_30_june_next_year_counts_and_on_1_july_has_lapsed(calc):
    ok = calc(scenario(events=[leave("2026-06-30", "40")]))
    assert ok["totals"]["leave_hours_lapsed"] == "0.00"
    assert codes(calc(scenario(events=[leave("2026-07-01", "1")]))) == ["verlopen"]


def test_the_rest_of_the_leave_lapses_on_1_july_next_year_as_a_ledger_entry(calc):
    result = calc(scenario(events=[leave("2025-10-01", "30")]))
    assert result["ledger"][-1] == {
        "date": "2026-07-01",
        "pot": "ggz-verlof",
        "unit": "hours",
        "amount": "-10.00",
        "kind": "verval",
        "key": "ggz.verlof.verval",
    }
    assert result["payroll"] == [] and result["tranches"] == []


def test_claiming_exactly_the_rest_leaves_nothing_and_a_cent_more_is_an_error(calc):
    exact = calc(scenario(option="opleiding", events=[claim("2025-09-10", "1400.00")]))
    assert exact["totals"]["training_claimed_eur"] == "1400.00" and exact["payroll"] == []
    two = [claim("2025-09-10", "700.00"), claim("2025-12-31", "700.01")]
    assert codes(calc(scenario(option="opleiding", events=two))) == ["saldo.onvoldoende"]
    late = calc(scenario(option="opleiding", events=[claim("2026-01-01", "10.00")]))
    assert codes(late) == ["verlopen"]


def test_an_event_of_the_wrong_kind_is_an_error(calc):
    assert codes(calc(scenario(option="opleiding", events=[leave("2025-10-01", "1")]))) == [
        "optie.onjuist"
    ]
    assert codes(calc(scenario(option=None, events=[claim("2025-10-01", "1.00")]))) == [
        "optie.onjuist"
    ]


def test_taking_more_than_is_left_is_an_error_never_trimmed(calc):
    result = calc(scenario(events=[leave("2025-10-01", "40.01")]))
    assert codes(result) == ["saldo.onvoldoende"]
    assert (result["ledger"], result["balances"], result["tranches"]) == ([], {}, [])


# as_of -----------------------------------------------------------------------------------------


def test_as_of_before_september_gives_no_payroll(calc):
    before = calc(scenario(option="uitbetaling", as_of="2025-08-31"))
    assert before["payroll"] == [] and before["totals"]["budget_eur"] == "1000.00"
    on = calc(scenario(option="uitbetaling", as_of="2025-09-01"))
    assert payroll(on) == [("2025-09", "balansbudget-uitbetaling", "1000.00")]


def test_before_the_lapse_the_rest_is_a_tranche_with_its_day(calc):
    result = calc(scenario(events=[leave("2025-10-01", "30")], as_of="2026-06-30"))
    assert result["totals"]["leave_hours_lapsed"] == "0.00"
    assert result["balances"] == {"ggz-verlof": {"unit": "hours", "amount": "10.00"}}
    [tranche] = result["tranches"]
    assert (tranche["pot"], tranche["amount"], tranche["since"], tranche["next_day"]) == (
        "ggz-verlof",
        "10.00",
        "2025-09-01",
        "2026-07-01",
    )


def test_the_training_rest_waits_for_january(calc):
    events = [claim("2025-10-01", "900.00")]
    december = calc(scenario(option="opleiding", events=events, as_of="2025-12-31"))
    assert december["payroll"] == []
    assert december["tranches"][0]["next_day"] == "2026-01-01"
    january = calc(scenario(option="opleiding", events=events, as_of="2026-01-01"))
    assert payroll(january) == [("2026-01", "balansbudget-opleiding-restant", "357.14")]


def test_a_policy_setting_moves_the_training_rest_and_cao_text_is_not_a_setting(calc):
    moved = calc(scenario(option="opleiding", settings={"opleiding_restant_maand": 3}))
    assert payroll(moved) == [("2026-03", "balansbudget-opleiding-restant", "1000.00")]
    refused = calc(scenario(settings={"budget_voltijd": "2000.00"}))
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [
        ("invoer.onbekend-veld", "settings.budget_voltijd")
    ]


# ggz-2022 --------------------------------------------------------------------------------------


def test_the_2022_rules_apply_to_2023_with_500_euro(calc):
    result = calc(scenario("2023", hours="18", option="uitbetaling"))
    assert result["rule_version"] == "ggz-2022"
    assert result["totals"]["budget_eur"] == "250.00"
    assert payroll(result) == [("2023-09", "balansbudget-uitbetaling", "250.00")]


def test_2022_asks_to_be_in_service_before_1_july(calc):
    assert calc(scenario("2023", start="2023-07-01", option=None))["totals"]["eligible"] is False
    assert calc(scenario("2023", start="2023-06-30", option=None))["totals"]["eligible"] is True


@pytest.mark.parametrize("option", ["verlof", "opleiding", "generatiepact"])
def test_2022_options_beyond_payout_are_refused_not_guessed(calc, option):
    result = calc(scenario("2023", option=option))
    assert [(e["code"], e["field"]) for e in result["errors"]] == [
        ("optie.niet-ondersteund", "choices.option")
    ]
    assert result["payroll"] == []


def test_the_generatiepact_is_no_option_from_2025(calc):
    assert codes(calc(scenario(option="generatiepact"))) == ["optie.onjuist"]


def test_before_2022_there_are_no_rules(calc):
    assert codes(calc(scenario("2021", option=None))) == ["periode.geen-regels"]


# The scheme as the core sees it ----------------------------------------------------------------


def test_the_plugin_registers_the_scheme_by_its_entry_point():
    registry = load_registry()
    assert registry.providers["ggz-balansbudget"].plugin == "ggz"
    assert isinstance(registry.schemes["ggz-balansbudget"], GgzBalansbudget)


def test_the_choice_is_a_form_option_and_the_pots_have_labels(calc):
    [option] = SCHEME.options()
    assert (option.key, option.kind, set(option.choices)) == (
        "option",
        "choice",
        {"verlof", "opleiding", "uitbetaling"},
    )
    for choice in ("verlof", "opleiding"):
        result = calc(scenario(option=choice))
        assert set(result["balances"]) <= set(SCHEME.pot_labels)
        shown = [line for line in result["lines"] if line["key"].startswith(SCHEME.budget_lines)]
        assert {line.get("total") for line in shown} >= {"budget_eur", "uurloon"}
