"""Edge cases of nwb-benefit-budget.md beyond the worked examples."""

from __future__ import annotations

from datetime import date

import pytest
from jaartaak_benefit_budget.scheme import BenefitBudget

from jaartaak.domain.periods import Month
from jaartaak.testing import calculate_json

SCHEME = BenefitBudget()
EMPLOYEE = {
    "birth_date": "1990-03-01",
    "part_time_factor": "1",
    "fulltime_scale_salary": "4000.00",
    "appointments": [{"start": "2015-01-01", "end": None}],
}


def calc(employee=None, choices=(), **fields) -> dict:
    scenario = {
        "scheme": SCHEME.id,
        "period": "2025",
        "employee": {**EMPLOYEE, **(employee or {})},
        "choices": list(choices),
        **fields,
    }
    return calculate_json(scenario, SCHEME)


def line(result: dict, key: str) -> str:
    return next(item["amount"] for item in result["lines"] if item["key"] == key)


def payroll(result: dict, code: str | None = None) -> list[tuple[str, str, str]]:
    return [
        (p["month"], p["code"], p["amount"])
        for p in result["payroll"]
        if code is None or p["code"] == code
    ]


def errors(result: dict) -> list[tuple[str, str | None]]:
    return [(e["code"], e.get("field")) for e in result["errors"]]


def month(result: dict, code: str) -> dict:
    return next(row for row in result["totals"]["months"] if row["month"] == code)


def choice(month_code: str, product: str, value: str) -> dict:
    key = "hours" if product == "verlof" else "amount"
    return {"month": month_code, "product": product, key: value}


def test_b4_forty_hour_week_scales_leave_and_prices_by_173():
    result = calc({"fulltime_weekly_hours": 40, "fulltime_scale_salary": "4200.00"})
    assert result["totals"]["hour_price"] == "24.28"
    assert month(result, "2025-01")["accrued_eur"] == "507.74"  # 336 + 75.60 + 80.12 + 16.02
    assert line(result, "bb.bron.bovenwettelijk") == "961.44"  # 12 × 80.12


def test_forty_hour_scaling_switched_off_by_the_company():
    result = calc(
        {"fulltime_weekly_hours": 40, "fulltime_scale_salary": "4200.00"},
        settings={"verlof_schaal_40_uur": False},
    )
    assert line(result, "bb.bron.bovenwettelijk") == "1008.00"  # 12 × 84.00
    assert result["totals"]["hour_price"] == "24.28"  # the price stays / 173


def test_leaver_on_30_september_with_everything_reserved():
    """B6/B8: 4 × 320 (June–September) + 9 × 168 = 2792.00 in the September payroll."""
    result = calc({"appointments": [{"start": "2015-01-01", "end": "2025-09-30"}]})
    assert payroll(result) == [
        ("2025-05", "bb-uitkering-mei", "1600.00"),
        ("2025-09", "bb-eindafrekening", "2792.00"),
    ]
    assert len(result["totals"]["months"]) == 9
    assert (result["totals"]["reserve_eur"], result["totals"]["reserve_may_eur"]) == (
        "0.00",
        "0.00",
    )
    assert result["tranches"] == []


def test_leaver_in_may_gets_the_settlement_instead_of_the_may_payout():
    result = calc({"appointments": [{"start": "2015-01-01", "end": "2025-05-31"}]})
    assert payroll(result) == [("2025-05", "bb-eindafrekening", "2440.00")]  # 5 × 488


def test_part_time_minimum_holiday_allowance_at_22():
    result = calc(
        {"birth_date": "2003-03-01", "part_time_factor": "0.5", "fulltime_scale_salary": "1900.00"}
    )
    assert month(result, "2025-01")["accrued_eur"] == "123.98"  # 84.08 + 17.10 + 19.00 + 3.80
    assert result["totals"]["pensionable_eur"] == "1008.96"  # 12 × 84.08


def test_age_21_counts_from_the_month_of_the_birthday():
    """Born 15 April 2004: 21 on 15 April 2025, so the minimum applies from April."""
    result = calc({"birth_date": "2004-04-15", "fulltime_scale_salary": "1900.00"})
    holidays = [row["to_reserve_may_eur"] for row in result["totals"]["months"]]
    assert holidays == ["152.00"] * 3 + ["168.16"] * 9


def test_a_join_on_15_march_accrues_from_april():
    result = calc({"appointments": [{"start": "2025-03-15", "end": None}]})
    assert [row["month"] for row in result["totals"]["months"]][:2] == ["2025-04", "2025-05"]
    assert result["totals"]["accrued_eur"] == "4392.00"  # 9 × 488
    refused = calc(
        {"appointments": [{"start": "2025-03-15", "end": None}]},
        [choice("2025-03", "geld", "10.00")],
    )
    assert errors(refused) == [("keuze.buiten-dienstverband", "choices[0].month")]
    assert refused["payroll"] == []


def test_overspending_names_what_is_available_and_books_nothing():
    result = calc(choices=[choice("2025-01", "geld", "10.00"), choice("2025-03", "geld", "900.00")])
    assert errors(result) == [("budget.onvoldoende", "choices[1]")]
    message = result["errors"][0]["message"]
    assert "Maart 2025" in message and "€ 900,00" in message
    assert "€ 814,00" in message  # 488.00 + reserve 158 + 168 after January and February
    assert (result["payroll"], result["ledger"], result["balances"]) == ([], [], {})


def test_the_month_after_a_refused_one_goes_on_without_it():
    """One mistake, one error: the refused month is booked as if nothing was chosen."""
    result = calc(
        choices=[choice("2025-01", "geld", "600.00"), choice("2025-02", "geld", "400.00")]
    )
    assert errors(result) == [("budget.onvoldoende", "choices[0]")]
    assert month(result, "2025-01")["to_reserve_eur"] == "168.00"


def test_drawing_from_the_reserve_never_from_reserve_may():
    """After February the reserve holds 336.00 and reserve_may 640.00: March may ask
    488 + 336 = 824.00, not a cent more."""
    ok = calc(choices=[choice("2025-03", "geld", "824.00")])
    assert errors(ok) == []
    assert month(ok, "2025-03")["to_reserve_eur"] == "-336.00"
    assert month(ok, "2025-03")["to_reserve_may_eur"] == "0.00"
    assert payroll(ok, "bb-uitkering-mei") == [("2025-05", "bb-uitkering-mei", "1280.00")]
    short = calc(choices=[choice("2025-03", "geld", "824.01")])
    assert errors(short) == [("budget.onvoldoende", "choices[0]")]
    assert "€ 824,00" in short["errors"][0]["message"]


@pytest.mark.parametrize(("hours", "codes"), [("216.00", []), ("216.01", ["verlof.maximum"])])
def test_the_216_hour_cap(hours, codes):
    # 216 hours cost 5235.84: reserved first, bought in December from the year's reserve.
    first = choice("2025-12", "verlof", "100.00")
    second = choice("2025-12", "verlof", str(__import__("decimal").Decimal(hours) - 100))
    result = calc(choices=[first, second], history={"opening_balances": {"reserve": "5000.00"}})
    assert [code for code, _ in errors(result)] == codes
    if not codes:
        assert result["totals"]["leave_hours_bought"] == "216.00"
    else:
        assert errors(result) == [("verlof.maximum", "choices[1].hours")]


def test_bought_leave_cannot_be_sold_back():
    result = calc(choices=[choice("2025-02", "verlof", "-4.00")])
    assert errors(result) == [("verlof.terugverkoop", "choices[0].hours")]


def test_levensloop_is_closed_and_unknown_products_are_refused():
    result = calc(
        choices=[choice("2025-02", "levensloop", "50.00"), choice("2025-02", "fiets", "5.00")]
    )
    assert errors(result) == [
        ("product.gesloten", "choices[0].product"),
        ("invoer.waarde", "choices[1].product"),
    ]
    assert "2012" in result["errors"][0]["message"] and "2022" in result["errors"][0]["message"]


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        (choice("2025-02", "geld", "0.00"), "invoer.waarde"),
        (choice("2025-02", "geld", "-1.00"), "invoer.negatief"),
        (choice("2026-01", "geld", "1.00"), "invoer.waarde"),
        (choice("2025-13", "geld", "1.00"), "invoer.waarde"),
    ],
)
def test_bad_choices(entry, code):
    assert [c for c, _ in errors(calc(choices=[entry]))] == [code]


def test_reserveren_mei_keeps_money_for_may():
    result = calc(choices=[choice("2025-06", "reserveren-mei", "100.00")])
    row = month(result, "2025-06")
    assert (row["spent_eur"], row["to_reserve_eur"], row["to_reserve_may_eur"]) == (
        "0.00",
        "68.00",  # 488 − 100 = 388 unspent: 320 to May, 68 to the reserve
        "420.00",
    )
    assert result["totals"]["reserve_may_eur"] == "2340.00"


def test_employer_addition_adds_to_the_month_outside_the_holiday_part():
    event = {
        "month": "2025-04",
        "type": "werkgever-toevoeging",
        "code": "overwerk",
        "amount": "90.00",
    }
    result = calc(events=[event])
    row = month(result, "2025-04")
    assert (row["accrued_eur"], row["to_reserve_eur"], row["to_reserve_may_eur"]) == (
        "578.00",
        "258.00",
        "320.00",
    )
    assert line(result, "bb.bron.toevoeging") == "90.00"
    leaver = {"appointments": [{"start": "2015-01-01", "end": "2025-03-31"}]}
    refused = calc(leaver, events=[event])
    assert errors(refused) == [("toevoeging.buiten-dienstverband", "events[0].month")]


def test_opening_balances_are_paid_in_may_and_december():
    result = calc(history={"opening_balances": {"reserve": "50.00", "reserve_may": "1000.00"}})
    assert payroll(result) == [
        ("2025-05", "bb-uitkering-mei", "2600.00"),
        ("2025-12", "bb-reserve-december", "2066.00"),
    ]
    assert [e["kind"] for e in result["ledger"][:2]] == ["beginstand", "beginstand"]
    assert result["ledger"][0]["date"] == "2025-01-01"


def test_health_insurance_below_half_time_and_ipap():
    result = calc({"part_time_factor": "0.4", "collective_health_insurance": True})
    assert payroll(result, "zorgverzekering-werkgeversbijdrage")[0] == (
        "2025-01",
        "zorgverzekering-werkgeversbijdrage",
        "12.00",
    )
    assert result["totals"]["paid_eur"] == calc({"part_time_factor": "0.4"})["totals"]["paid_eur"]
    ipap = calc({"ipap": True})
    assert payroll(ipap, "ipap-tegemoetkoming")[0][2] == "10.80"
    assert line(ipap, "bb.ipap") == "129.60"
    assert all(p["pensionable"] is False for p in ipap["payroll"])


def test_company_age_table():
    result = calc(
        {"birth_date": "1980-01-01"}, settings={"leeftijdsverlof": [{"vanaf": 45, "pct": "2.00"}]}
    )
    assert line(result, "bb.bron.leeftijdsverlof") == "960.00"  # 12 × 2% × 4000
    default = calc({"birth_date": "1980-01-01"})  # 45 on 1 January: 0.80%
    assert line(default, "bb.bron.leeftijdsverlof") == "384.00"
    late = calc({"birth_date": "1980-01-02"})  # 44 on 1 January: 0.40%, all year
    assert line(late, "bb.bron.leeftijdsverlof") == "192.00"


def test_as_of_before_may_books_no_payouts_but_plans_the_year():
    result = calc(choices=[choice("2025-06", "geld", "100.00")], as_of="2025-04-30")
    assert payroll(result) == []
    assert result["totals"]["accrued_eur"] == "5856.00"
    assert result["totals"]["reserve_may_eur"] == "3840.00"
    assert len(result["tranches"]) == 2


def test_one_payroll_line_per_month_and_code():
    result = calc(choices=[choice("2025-02", "geld", "100.00"), choice("2025-02", "geld", "50.25")])
    assert payroll(result, "bb-geld") == [("2025-02", "bb-geld", "150.25")]


def test_history_from_round_trip():
    first = calc(as_of="2025-11-30", choices=[choice("2025-12", "reserveren", "10.00")])
    history = SCHEME.history_from(first)
    assert history == {"opening_balances": {"reserve": "2016.00", "reserve_may": "2240.00"}}
    scenario = {"scheme": SCHEME.id, "period": "2026", "employee": EMPLOYEE, "history": history}
    second = calculate_json(scenario, SCHEME)
    assert second["errors"] == []
    assert payroll(second, "bb-uitkering-mei") == [("2026-05", "bb-uitkering-mei", "3840.00")]


def test_month_deadline():
    assert SCHEME.month_deadline(Month(2025, 2), {}) == date(2025, 2, 15)
    assert SCHEME.month_deadline(Month(2025, 2), {"keuze_sluit_dag": 28}) == date(2025, 2, 28)
    assert SCHEME.month_deadline(Month(2025, 2), {"keuze_sluit_dag": "nonsense"}) == date(
        2025, 2, 15
    )


def test_settings_are_checked():
    result = calc(settings={"keuze_sluit_dag": 31, "ipap_grondslag_factor": "0", "x": 1})
    assert errors(result) == [
        ("invoer.waarde", "settings.ipap_grondslag_factor"),
        ("invoer.waarde", "settings.keuze_sluit_dag"),
        ("invoer.onbekend-veld", "settings.x"),
    ]


def test_declarations_for_the_app():
    assert SCHEME.options() == ()
    assert "levensloop" not in SCHEME.monthly_products.products
    assert SCHEME.monthly_products.unit_field("verlof") == "hours"
    assert [e.key for e in SCHEME.event_types()] == ["werkgever-toevoeging"]
    assert SCHEME.event_types()[0].when == "month"
    assert {o.key for o in SCHEME.employee_facts} >= {"ipap", "collective_health_insurance"}
