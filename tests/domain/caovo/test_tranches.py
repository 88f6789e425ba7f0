"""The tranches still in the pots after a year, with the day each changes (cao-vo.md §6)."""

from __future__ import annotations

from datetime import date

from jaartaak.services import charts

from caovo_scenarios import codes, run, scenario


def test_each_tranche_names_its_pot_and_the_day_it_converts():
    result = run(
        scenario(
            choices={"pb": [{"doel": "sparen", "hours": "20"}, {"doel": "verlof", "hours": "70"}]},
            history={
                "savings": [
                    {"pot": "pb", "schooljaar": "2020-2021", "hours": "10"},
                    {"pot": "pb", "schooljaar": "2022-2023", "hours": "15"},
                    {"pot": "senior", "schooljaar": "2024-2025", "hours": "30"},
                ]
            },
        )
    )
    assert codes(result) == []
    assert [
        (t["pot"], t["key"], t["unit"], t["amount"], t["since"], t["next_day"])
        for t in result["tranches"]
    ] == [
        # 2020-2021 was fixed in euro on 1 August 2025 at this year's uurloon (5000 / 138)
        ("pb-sparen-eur", "sparen.pb.2020-2021", "eur", "362.30", "2021-07-31", None),
        ("pb-sparen", "sparen.pb.2022-2023", "hours", "15.00", "2023-07-31", "2027-08-01"),
        ("pb-sparen", "sparen.pb.2025-2026", "hours", "20.00", "2026-07-31", "2030-08-01"),
        ("senior-sparen", "sparen.senior.2024-2025", "hours", "30.00", "2025-07-31", None),
    ]
    assert result["tranches"][3]["next_step"] == "blijft in uren; vervalt bij einde dienstverband"
    held = sum(float(t["amount"]) for t in result["tranches"] if t["pot"] == "pb-sparen")
    assert f"{held:.2f}" == result["balances"]["pb-sparen"]["amount"]


def test_with_errors_no_tranche_is_booked():
    result = run(
        scenario(
            choices={"pb": [{"doel": "sparen", "hours": "500"}]},
            history={"savings": [{"pot": "pb", "schooljaar": "2022-2023", "hours": "15"}]},
        )
    )
    assert "pb.te-veel-uren" in codes(result)
    assert result["tranches"] == []


def test_taken_leave_leaves_no_empty_tranche():
    result = run(
        scenario(
            choices={"opname": [{"pot": "pb", "hours": "15"}]},
            history={"savings": [{"pot": "pb", "schooljaar": "2022-2023", "hours": "15"}]},
        )
    )
    assert codes(result) == [] and result["tranches"] == []


def test_the_timeline_is_empty_without_tranches():
    assert charts.tranches_timeline_svg([], date(2026, 11, 23)) == ""
