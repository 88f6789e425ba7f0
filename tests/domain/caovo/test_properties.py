"""Properties of the CAO VO scheme over many generated scenarios (hypothesis)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caovo_scenarios import run, scenario

DOELEN = ["reductie-lestaak", "reductie-overige-taken", "verlof", "sparen", "uitbetalen"]
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

hours = st.integers(min_value=0, max_value=12000).map(lambda cents: f"{Decimal(cents) / 100:.2f}")
fte = st.integers(min_value=1, max_value=100).map(lambda n: f"{Decimal(n) / 100:.2f}")
salary = st.integers(min_value=200000, max_value=800000).map(lambda c: f"{Decimal(c) / 100:.2f}")
scale = st.sampled_from(["LB", "LC", "LD", "LE"] + [str(n) for n in range(1, 19)])
pb_choices = st.lists(
    st.fixed_dictionaries({"doel": st.sampled_from(DOELEN), "hours": hours}), max_size=6
)
tranche = st.one_of(
    st.fixed_dictionaries(
        {
            "pot": st.just("pb"),
            "schooljaar": st.sampled_from(
                ["2017-2018", "2019-2020", "2020-2021", "2022-2023", "2024-2025"]
            ),
            "hours": hours,
        }
    ),
    st.fixed_dictionaries(
        {
            "pot": st.just("pb"),
            "schooljaar": st.sampled_from(["2015-2016", "2018-2019"]),
            "eur": hours,
        }
    ),
    st.fixed_dictionaries(
        {
            "pot": st.just("senior"),
            "schooljaar": st.sampled_from(["2021-2022", "2024-2025"]),
            "hours": hours,
        }
    ),
)
opname = st.lists(
    st.fixed_dictionaries({"pot": st.sampled_from(["pb", "senior"]), "hours": hours}), max_size=3
)


@st.composite
def scenarios(draw):
    end = draw(st.sampled_from([None, None, "2026-03-31", "2025-12-31"]))
    return scenario(
        employee__birth_date=draw(st.sampled_from(["1960-03-02", "1968-11-14", "1985-06-01"])),
        employee__category=draw(st.sampled_from(["OP", "OOP", "DIR"])),
        employee__salary_scale=draw(scale),
        employee__fulltime_monthly_salary=draw(salary),
        employee__appointments=[
            {
                "start": "2015-08-01",
                "end": end,
                "fte": draw(fte),
                "kind": draw(st.sampled_from(["regulier", "regulier", "vervanging"])),
            }
        ],
        choices={
            "pb": draw(pb_choices),
            "opname": draw(opname),
            "aanvulling": {
                "level": draw(st.sampled_from([0, 0, 1, 2])),
                "mode": draw(st.sampled_from(["verlof", "sparen"])),
            },
        },
        history={"savings": draw(st.lists(tranche, max_size=5))},
    )


def cents(low: int, high: int):
    return st.integers(min_value=low, max_value=high).map(lambda c: f"{Decimal(c) / 100:.2f}")


@st.composite
def valid_scenarios(draw):
    """Scenarios that are valid by construction: allocations well inside the budget, leave
    taken within what the pots hold. A valid scenario must never be refused."""
    history = (
        [
            {"pot": "pb", "schooljaar": year, "hours": draw(cents(0, 4000))}
            for year in draw(
                st.lists(
                    st.sampled_from(["2020-2021", "2021-2022", "2023-2024", "2024-2025"]),
                    unique=True,
                )
            )
        ]
        + [{"pot": "pb", "schooljaar": "2015-2016", "eur": draw(cents(0, 50000))}]
        * draw(st.booleans())
        + [{"pot": "senior", "schooljaar": "2024-2025", "hours": draw(cents(0, 10000))}]
        * draw(st.booleans())
    )
    hour_tranches = sum(
        (
            D(t["hours"])
            for t in history
            if t["pot"] == "pb" and "hours" in t and t["schooljaar"] != "2020-2021"
        ),
        Decimal(0),
    )
    senior = sum((D(t["hours"]) for t in history if t["pot"] == "senior"), Decimal(0))
    take_pb = draw(st.integers(0, int(hour_tranches * 100))) if hour_tranches else 0
    take_senior = draw(st.integers(0, int(senior * 100))) if senior else 0
    doelen = draw(st.lists(st.sampled_from(DOELEN[:4]), unique=True, max_size=4))
    return scenario(
        employee__birth_date=draw(st.sampled_from(["1960-03-02", "1985-06-01"])),
        employee__salary_scale=draw(scale),
        employee__fulltime_monthly_salary=draw(salary),
        employee__appointments=[
            {
                "start": "2015-08-01",
                "end": draw(st.sampled_from([None, "2026-03-31"])),
                "fte": f"{Decimal(draw(st.integers(60, 100))) / 100:.2f}",
                "kind": "regulier",
            }
        ],
        choices={
            "pb": [{"doel": doel, "hours": draw(cents(0, 1000))} for doel in doelen],
            "opname": [
                {"pot": "pb", "hours": f"{Decimal(take_pb) / 100:.2f}"},
                {"pot": "senior", "hours": f"{Decimal(take_senior) / 100:.2f}"},
            ],
        },
        history={"savings": history},
    )


def D(text: str) -> Decimal:
    return Decimal(text)


@PROPERTY_SETTINGS
@given(scenarios())
def test_allocations_never_exceed_the_budget(data):
    result = run(data)
    totals = result["totals"]
    allocated = sum((D(c["hours"]) for c in data["choices"]["pb"]), Decimal(0))
    budget = D(totals["pb_total_hours"])
    assert D(totals["pb_unallocated_hours"]) >= 0
    if not result["errors"]:
        assert allocated <= budget
        assert D(totals["pb_unallocated_hours"]) == budget - allocated
    elif allocated > budget:
        assert "pb.te-veel-uren" in {e["code"] for e in result["errors"]}


def opening_balances(data) -> dict[str, Decimal]:
    opening: dict[str, Decimal] = defaultdict(Decimal)
    for t in data["history"]["savings"]:
        pot = {"pb": "pb-sparen-eur" if "eur" in t else "pb-sparen", "senior": "senior-sparen"}
        opening[pot[t["pot"]]] += D(t.get("eur", t.get("hours")))
    return opening


@PROPERTY_SETTINGS
@given(valid_scenarios())
def test_valid_scenarios_are_never_refused(data):
    assert run(data)["errors"] == []


@PROPERTY_SETTINGS
@given(st.one_of(scenarios(), valid_scenarios()))
def test_pots_are_conserved_and_never_negative(data):
    result = run(data)
    if result["errors"]:
        assert result["ledger"] == [] and result["payroll"] == []
        return
    running = opening_balances(data)
    for entry in sorted(result["ledger"], key=lambda e: e["date"]):
        running[entry["pot"]] += D(entry["amount"])
        assert running[entry["pot"]] >= 0, entry
    for pot, balance in result["balances"].items():
        assert D(balance["amount"]) == running[pot], pot


@PROPERTY_SETTINGS
@given(valid_scenarios())
def test_hours_taken_are_the_hours_asked_and_euro_buys_them_at_the_uurloon(data):
    result = run(data)
    if result["errors"]:
        return
    asked = defaultdict(Decimal)
    for choice in data["choices"]["opname"]:
        asked[choice["pot"]] += D(choice["hours"])
    rate = D(result["totals"]["uurloon"])
    euro_spent = -sum(
        (
            D(e["amount"])
            for e in result["ledger"]
            if e["kind"] == "opname" and e["pot"] == "pb-sparen-eur"
        ),
        Decimal(0),
    )
    hours_from_hours = -sum(
        (
            D(e["amount"])
            for e in result["ledger"]
            if e["kind"] == "opname" and e["pot"] == "pb-sparen"
        ),
        Decimal(0),
    )
    euro_hours = asked["pb"] - hours_from_hours
    touched = sum(1 for e in result["ledger"] if e["kind"] == "opname" and e["unit"] == "eur")
    # Taking a whole euro tranche rounds its hours to the cent (≤ 0.005 h × uurloon); taking
    # part of one rounds its cost to the cent (≤ € 0.005): per tranche touched, at most both.
    tolerance = (Decimal("0.005") * rate + Decimal("0.005")) * touched
    assert abs(euro_spent - euro_hours * rate) <= tolerance


@PROPERTY_SETTINGS
@given(st.one_of(scenarios(), valid_scenarios()), st.randoms(use_true_random=False))
def test_the_order_of_lists_does_not_matter(data, random):
    shuffled = {**data, "choices": dict(data["choices"]), "history": dict(data["history"])}
    for part, key in (("choices", "pb"), ("choices", "opname"), ("history", "savings")):
        items = list(data[part][key])
        random.shuffle(items)
        shuffled[part][key] = items
    assert run(shuffled) == run(data)
