"""The CAO VO rules beyond the worked examples: every validation, the pots, time-driven steps."""

from __future__ import annotations

import pytest

from caovo_scenarios import codes, line, run, scenario

SENIOR = {"employee__birth_date": "1962-03-02"}  # 63 in 2025-2026: eligible all year
ALL_VERLOF = [{"doel": "verlof", "hours": "50"}, {"doel": "reductie-lestaak", "hours": "40"}]


def test_allocating_more_than_the_budget_is_an_error():
    result = run(
        scenario(
            choices={
                "pb": [
                    {"doel": "verlof", "hours": "60"},
                    {"doel": "reductie-lestaak", "hours": "30.01"},
                ]
            }
        )
    )
    assert codes(result) == ["pb.te-veel-uren"]
    assert result["totals"]["pb_unallocated_hours"] == "0.00"  # never negative
    assert result["payroll"] == [] and result["ledger"] == []


def test_the_order_of_choices_does_not_matter():
    choices = [
        {"doel": "verlof", "hours": "20"},
        {"doel": "reductie-lestaak", "hours": "30"},
        {"doel": "verlof", "hours": "10"},
    ]
    forward = run(scenario(choices={"pb": choices}))
    backward = run(scenario(choices={"pb": list(reversed(choices))}))
    assert forward == backward
    assert forward["totals"]["verlof_hours"] == "30.00"


def test_payout_only_of_the_basis_part():
    result = run(
        scenario(
            employee__category="OOP",
            employee__salary_scale="8",
            choices={"pb": [{"doel": "uitbetalen", "hours": "60"}]},
        )
    )
    assert codes(result) == ["pb.uitbetalen.niet-toegestaan"]
    assert "alleen het basisdeel: hoogstens 50,00 uur" in result["errors"][0]["message"]


def test_a_replacement_appointment_carries_no_budget_but_a_toeslag():
    result = run(
        scenario(
            employee__appointments=[
                {"start": "2025-08-01", "end": "2026-07-31", "fte": "0.4", "kind": "vervanging"}
            ]
        )
    )
    totals = result["totals"]
    assert (totals["wtf"], totals["wtf_regulier"], totals["pb_total_hours"]) == (
        "0.4000",
        "0.0000",
        "0.00",
    )
    assert line(result, "pb.vervangingstoeslag")["amount"] == "0.0300"


def test_a_budget_under_the_2014_rules_has_no_extra_part():
    result = run(scenario(period="2019-2020"))
    assert result["rule_version"] == "cao-vo-2014"
    assert (result["totals"]["pb_basis_hours"], result["totals"]["pb_extra_hours"]) == (
        "50.00",
        "0.00",
    )
    assert "2014-2015" in line(result, "pb.basis")["source"]


def test_a_period_before_the_rules_is_refused():
    assert codes(run(scenario(period="2013-2014"))) == ["periode.geen-regels"]


@pytest.mark.parametrize(
    ("aanvulling", "pb", "expected"),
    [
        ({"level": 1}, [{"doel": "verlof", "hours": "40"}], ["aanvulling.basis-vereist"]),
        (
            {"level": 1},
            [{"doel": "verlof", "hours": "50"}, {"doel": "sparen", "hours": "10"}],
            ["pb.sparen.niet-met-aanvulling"],
        ),
        (
            {"level": 2, "mode": "sparen"},
            [{"doel": "sparen", "hours": "50"}],
            ["aanvulling.sparen-alleen-niveau-1"],
        ),
        (
            {"level": 1, "mode": "sparen"},
            [{"doel": "sparen", "hours": "40"}],
            ["aanvulling.basis-vereist"],
        ),
        ({"level": 3}, ALL_VERLOF, ["invoer.waarde"]),
        ({"level": 1, "mode": "thuis"}, ALL_VERLOF, ["invoer.waarde"]),
    ],
)
def test_aanvulling_rules(aanvulling, pb, expected):
    result = run(scenario(**SENIOR, choices={"pb": pb, "aanvulling": aanvulling}))
    assert codes(result) == expected


def test_too_young_for_the_aanvulling():
    result = run(scenario(choices={"pb": ALL_VERLOF, "aanvulling": {"level": 1}}))
    assert codes(result) == ["aanvulling.niet-gerechtigd"]
    assert result["totals"]["aanvulling_months"] == 0


def test_saving_the_aanvulling_fills_the_senior_pot():
    result = run(
        scenario(
            **SENIOR,
            choices={
                "pb": [
                    {"doel": "sparen", "hours": "50"},
                    {"doel": "reductie-lestaak", "hours": "40"},
                ],
                "aanvulling": {"level": 1, "mode": "sparen"},
            },
        )
    )
    assert codes(result) == []
    totals = result["totals"]
    assert totals["savings_senior_hours"] == "170.00"  # basis 50 + 1e aanvulling 120
    assert totals["savings_pb_hours"] == "0.00"
    assert totals["verlof_hours"] == "0.00"
    assert totals["eigen_bijdrage_eur"] == "2173.80"  # 120 × 36.23 × 0.50
    assert result["balances"]["senior-sparen"] == {"unit": "hours", "amount": "170.00"}


def test_the_eigen_bijdrage_is_40_percent_up_to_scale_8():
    result = run(
        scenario(
            **SENIOR,
            employee__category="OOP",
            employee__salary_scale="8",
            choices={"pb": ALL_VERLOF, "aanvulling": {"level": 1}},
        )
    )
    assert line(result, "eigen-bijdrage.1")["formula"] == "120.00 × 36.23 × 0.40"
    assert result["totals"]["eigen_bijdrage_eur"] == "1739.04"


def test_never_less_than_last_year_unless_the_wtf_changed():
    lower = {"pb": ALL_VERLOF, "aanvulling": {"level": 1}}
    same = run(
        scenario(
            **SENIOR,
            choices=lower,
            history={"previous_aanvulling_level": 2, "previous_wtf_regulier": "1.0"},
        )
    )
    assert codes(same) == ["aanvulling.minder-dan-vorig-jaar"]
    changed = run(
        scenario(
            **SENIOR,
            choices=lower,
            history={"previous_aanvulling_level": 2, "previous_wtf_regulier": "0.8"},
        )
    )
    assert codes(changed) == []


def test_born_on_29_february_turns_57_on_1_march():
    result = run(
        scenario(
            employee__birth_date="1968-02-29",
            choices={"pb": ALL_VERLOF, "aanvulling": {"level": 1}},
        )
    )
    # 57 on 1 March 2025 (no 29 February that year): eligible from 1 April 2025, all of 2025-26.
    assert result["totals"]["aanvulling_months"] == 12
    late = run(
        scenario(
            employee__birth_date="1969-02-28",
            choices={"pb": ALL_VERLOF, "aanvulling": {"level": 1}},
        )
    )
    assert late["totals"]["aanvulling_months"] == 5  # from 1 March 2026: March … July
    assert [p["month"] for p in late["payroll"]] == [
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
        "2026-07",
    ]
    # 120 × 5/12 = 50 hours; 50 × 36.23 × 0.50 = 905.75 over 5 months = 181.15 each.
    assert {p["amount"] for p in late["payroll"]} == {"-181.15"}


def test_saving_above_the_cap_is_an_error():
    history = {
        "savings": [
            {"pot": "pb", "schooljaar": "2022-2023", "hours": "90"},
            {"pot": "pb", "schooljaar": "2023-2024", "hours": "90"},
        ]
    }
    ok = run(scenario(history=history, choices={"pb": [{"doel": "sparen", "hours": "20"}]}))
    assert codes(ok) == [] and ok["totals"]["savings_pb_hours"] == "200.00"
    over = run(scenario(history=history, choices={"pb": [{"doel": "sparen", "hours": "20.01"}]}))
    assert codes(over) == ["pb.sparen.maximum"]


def test_saved_leave_is_taken_oldest_first_and_a_euro_tranche_buys_hours():
    history = {
        "savings": [
            {"pot": "pb", "schooljaar": "2023-2024", "hours": "30"},
            {"pot": "pb", "schooljaar": "2019-2020", "eur": "724.60"},
        ]
    }
    result = run(scenario(history=history, choices={"opname": [{"pot": "pb", "hours": "25"}]}))
    assert codes(result) == []
    # € 724.60 / 36.23 = 20 hours from the oldest (euro) tranche, then 5 of the 30 hours.
    assert line(result, "sparen.opname.pb")["formula"] == (
        "20.00 uit 2019-2020 (€ 724.60 / 36.23) + 5.00 uit 2023-2024"
    )
    totals = result["totals"]
    assert (totals["savings_pb_hours"], totals["savings_pb_eur"]) == ("25.00", "0.00")
    assert totals["verlof_hours"] == "25.00" and totals["netto_jaartaak"] == "1634.00"


def test_taking_more_than_a_pot_holds_is_an_error():
    result = run(
        scenario(
            history={"savings": [{"pot": "senior", "schooljaar": "2024-2025", "hours": "10"}]},
            choices={"opname": [{"pot": "senior", "hours": "10.50"}]},
        )
    )
    assert codes(result) == ["opname.saldo-onvoldoende"]


def test_at_57_at_most_340_hours_of_saved_leave_a_year():
    history = {"savings": [{"pot": "senior", "schooljaar": "2024-2025", "hours": "400"}]}
    result = run(
        scenario(
            **SENIOR, history=history, choices={"opname": [{"pot": "senior", "hours": "340.50"}]}
        )
    )
    assert "opname.maximum" in codes(result)


def test_value_fixation_after_four_years_and_only_once_due():
    history = {
        "savings": [
            {"pot": "pb", "schooljaar": "2020-2021", "hours": "50"},
            {"pot": "pb", "schooljaar": "2021-2022", "hours": "10"},
        ]
    }
    result = run(scenario(history=history, choices={"pb": [{"doel": "verlof", "hours": "90"}]}))
    totals = result["totals"]
    assert (totals["savings_pb_hours"], totals["savings_pb_eur"]) == ("10.00", "1811.50")
    kinds = [(e["pot"], e["kind"], e["amount"]) for e in result["ledger"]]
    assert kinds == [
        ("pb-sparen", "waardefixatie", "-50.00"),
        ("pb-sparen-eur", "waardefixatie", "1811.50"),
    ]
    before = run(
        scenario(
            history=history, as_of="2025-07-31", choices={"pb": [{"doel": "verlof", "hours": "90"}]}
        )
    )
    assert before["totals"]["savings_pb_eur"] == "0.00"  # 1 August has not come yet


def test_a_late_fixation_is_done_now_with_a_warning():
    result = run(
        scenario(history={"savings": [{"pot": "pb", "schooljaar": "2018-2019", "hours": "10"}]})
    )
    assert codes(result, "warnings") == ["pb.niet-toegewezen", "sparen.waardefixatie-laat"]
    assert result["totals"]["savings_pb_eur"] == "362.30"


def test_when_employment_ends_the_pb_pot_is_paid_and_the_senior_pot_lapses():
    history = {
        "savings": [
            {"pot": "pb", "schooljaar": "2022-2023", "hours": "20"},
            {"pot": "pb", "schooljaar": "2019-2020", "eur": "100.00"},
            {"pot": "senior", "schooljaar": "2024-2025", "hours": "30"},
        ]
    }
    ending = [{"start": "2010-08-01", "end": "2026-03-15", "fte": "1.0", "kind": "regulier"}]
    result = run(scenario(employee__appointments=ending, history=history))
    assert result["payroll"] == [
        {
            "month": "2026-04",
            "code": "spaarverlof-uitbetaling",
            "amount": "824.60",
            "pensionable": False,
            "label": "Uitbetaling spaarpot persoonlijk budget bij einde dienstverband",
        }
    ]  # 20 × 36.23 + 100.00
    totals = result["totals"]
    assert (
        totals["savings_pb_hours"],
        totals["savings_pb_eur"],
        totals["savings_senior_hours"],
    ) == ("0.00", "0.00", "0.00")
    assert ("senior-sparen", "vervallen", "-30.00") in [
        (e["pot"], e["kind"], e["amount"]) for e in result["ledger"]
    ]
    not_yet = run(scenario(employee__appointments=ending, history=history, as_of="2026-03-14"))
    assert not_yet["payroll"] == [] and not_yet["totals"]["savings_senior_hours"] == "30.00"


def test_more_leave_than_the_jaartaak_is_an_error():
    history = {"savings": [{"pot": "pb", "schooljaar": "2024-2025", "hours": "200"}]}
    small = [{"start": "2025-08-01", "end": None, "fte": "0.1", "kind": "regulier"}]
    result = run(
        scenario(
            employee__appointments=small,
            history=history,
            choices={"opname": [{"pot": "pb", "hours": "170"}]},
        )
    )
    assert "verlof.meer-dan-jaartaak" in codes(result)


def test_a_school_setting_overrides_a_policy_and_says_so():
    result = run(scenario(settings={"uurloon_deler": "138.25"}))
    assert result["totals"]["uurloon"] == "36.17"
    assert line(result, "uurloon")["source"] == "instelling van de school (settings.uurloon_deler)"


def test_payout_month_follows_the_policy_setting():
    result = run(
        scenario(
            employee__category="OOP",
            employee__salary_scale="6",
            choices={"pb": [{"doel": "uitbetalen", "hours": "10"}]},
            settings={"uitbetaling_maand": 5},
        )
    )
    assert [(p["month"], p["amount"]) for p in result["payroll"]] == [("2026-05", "362.30")]


def test_this_years_saving_is_deposited_before_the_pot_is_paid_out():
    """Found by a property test: the deposit was dated 31 July, after a payout in March."""
    ending = [{"start": "2010-08-01", "end": "2026-03-31", "fte": "1.0", "kind": "regulier"}]
    result = run(
        scenario(employee__appointments=ending, choices={"pb": [{"doel": "sparen", "hours": "10"}]})
    )
    ledger = [(e["date"], e["kind"], e["amount"]) for e in result["ledger"]]
    assert ledger == [("2026-03-31", "storting", "10.00"), ("2026-03-31", "uitbetaling", "-10.00")]
    assert [(p["month"], p["amount"]) for p in result["payroll"]] == [("2026-04", "362.30")]


def test_the_340_hour_maximum_applies_in_the_year_of_the_57th_birthday_even_in_july():
    """Born 10 July 1969: 57 on 10 July 2026, no aanvulling months in 2025-2026, still 57+."""
    result = run(
        scenario(
            employee__birth_date="1969-07-10",
            history={"savings": [{"pot": "pb", "schooljaar": "2019-2020", "eur": "20000.00"}]},
            choices={"opname": [{"pot": "pb", "hours": "341"}]},
        )
    )
    assert codes(result) == ["opname.maximum"]
    younger = run(
        scenario(
            employee__birth_date="1969-08-10",
            history={"savings": [{"pot": "pb", "schooljaar": "2019-2020", "eur": "20000.00"}]},
            choices={"opname": [{"pot": "pb", "hours": "341"}]},
        )
    )
    assert codes(younger) == []


def test_as_of_books_only_payroll_months_that_have_begun():
    chosen = {"pb": [{"doel": "uitbetalen", "hours": "30"}, {"doel": "verlof", "hours": "60"}]}
    base = scenario(employee__salary_scale="8", choices=chosen)
    assert [p["month"] for p in run(base)["payroll"]] == ["2025-12"]
    assert run({**base, "as_of": "2025-11-30"})["payroll"] == []
    assert [p["month"] for p in run({**base, "as_of": "2025-12-01"})["payroll"]] == ["2025-12"]
