"""An employee and the planner in the browser: Mijn jaartaak explained, a what-if, a request
(verzoek) for next schooljaar, and the planner's approval reaching the employee."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.web.formatting import datum

from support_site import dutch_decimal, menu, row, saldo, subnav

pytestmark = pytest.mark.browser

NEXT = SchooljaarPeriod.containing(date.today()).shifted(1)
#: The lines the saldo is made of, in the order of its formula: netto jaartaak − (the rest).
SALDO_PARTS = (
    "netto-jaartaak",
    "lesgebonden",
    "ontwikkeltijd",
    "professionalisering",
    "ast",
    "pb_werkdruk",
    "taken",
)
#: Now, with the request, the difference: 90 hours of pb is 90 / 50 = 1,80 lessons a week fewer.
FEWER_LESSONS = ["0,00 lesuren/week", "1,80 lesuren/week", "1,80 lesuren/week"]


def _changes(scope, label: str, *values: str) -> None:
    """The row ``label`` of "Wat verandert" shows ``values`` (plan, what-if, difference)."""
    expect(row(scope.locator("#wat-verandert"), label).locator("td")).to_have_text([label, *values])


def _what_if(page: Page, lestaak: str, overige: str):
    """Fill the two pb goals on Wat als and recalculate; the outcome section."""
    main = page.locator("main")
    main.get_by_label("Reductie lestaak").fill(lestaak)
    main.get_by_label("Reductie overige taken").fill(overige)
    main.get_by_role("button", name="Doorrekenen").click()
    return main.locator("#uitkomst")


def request_fewer_lessons(page: Page) -> None:
    """As the logged-in teacher: the whole pb (90 hours) as reductie lestaak, as a request."""
    subnav(page, "Mijn", "Wat als")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(f"Wat als {NEXT.code}")
    _what_if(page, "90", "0")
    main.get_by_label("Toelichting voor de planner").fill("Graag een les per week minder.")
    main.get_by_role("button", name="Als verzoek indienen").click()
    expect(main.get_by_role("status")).to_have_text(
        "Uw verzoek is ingediend. De planner beslist erover; u krijgt daarvan bericht."
    )


def test_the_employee_reads_the_saldo_tries_a_what_if_and_asks(site):
    page = site.login("jansen")
    menu(page, "Mijn jaartaak")
    main = page.locator("main")

    # The saldo is explained by its line: the formula holds the amounts of the lines above.
    line = main.locator("#regel-saldo td")
    expect(line.nth(0)).to_have_text("Saldo (ruimte + / overbelasting −)")
    shown = saldo(page)
    assert dutch_decimal(line.nth(2).inner_text()) == shown
    netto, *used = (Decimal(n) for n in re.findall(r"\d+\.\d\d", line.nth(1).inner_text()))
    parts = [
        dutch_decimal(main.locator(f"#regel-{key} td").nth(2).inner_text()) for key in SALDO_PARTS
    ]
    assert [netto, *used] == parts
    assert netto - sum(used) == shown
    expect(main.locator("#regel-normjaartaak td")).to_have_text(
        [
            "Normjaartaak (bruto)",
            "1659 × 1.0000",
            "1.659,00 uur",
            re.compile(r"^CAO VO hoofdstuk 2"),
        ]
    )

    # Wat als: too many hours are refused with the rule; the whole pb as fewer lessons fits.
    subnav(page, "Mijn", "Wat als")
    deadline = datum(NEXT.start - timedelta(days=1), "long")
    expect(main).to_contain_text(
        f"Verzoeken voor {NEXT.code} kunt u indienen tot en met {deadline}."
    )
    refused = _what_if(page, "100", "40")
    expect(refused).to_contain_text(
        "pb.te-veel-uren: Er zijn 140,00 uur besteed, maar het persoonlijk budget is 90,00 uur."
    )
    outcome = _what_if(page, "90", "0")
    _changes(outcome, "Besteding: reductie lestaak", "–", "90,00 uur", "90,00 uur")
    _changes(outcome, "Minder lesuren per week", *FEWER_LESSONS)
    expect(outcome.locator(".notice-error")).to_have_count(0)

    request_fewer_lessons(page)
    mine = row(page, NEXT.code)
    expect(mine).to_contain_text(
        "Besteding van het persoonlijk budget, reductie lestaak: 90,00 uur"
    )
    expect(mine).to_contain_text("“Graag een les per week minder.”")
    expect(mine).to_contain_text("Ingediend")


def test_the_planner_approves_and_the_employee_sees_it(site):
    employee = site.login("jansen")
    menu(employee, "Mijn jaartaak")
    request_fewer_lessons(employee)
    teacher = site.person("jansen")

    planner = site.login("planner")
    menu(planner, "Planner")
    subnav(planner, "Planner", "Verzoeken")
    main = planner.locator("main")
    expect(main).to_contain_text("1 verzoek wacht op een besluit.")
    main.get_by_role("link", name=teacher.full_name).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(
        f"Verzoek van {teacher.full_name} {NEXT.code}"
    )
    _changes(main, "Minder lesuren per week", *FEWER_LESSONS)
    main.get_by_label("Reden").fill("Akkoord, past in het rooster.")
    main.get_by_role("button", name="Goedkeuren").click()
    expect(main.get_by_role("status")).to_have_text(
        f"Verzoek van {teacher.full_name} voor {NEXT.code} goedgekeurd."
    )
    expect(main).to_contain_text("0 verzoeken wachten op een besluit.")

    # The effect: the request is now the pb choice in next year's jaartaak.
    main.get_by_role("link", name=teacher.full_name).click()
    main.get_by_role("link", name=f"Jaartaak van {teacher.full_name} in {NEXT.code}").click()
    keuze = main.locator(f"h2:text-is('Keuze persoonlijk budget {NEXT.code}') + ul li")
    expect(keuze).to_have_text(["Reductie lestaak: 90,00 uur"])
    expect(main.locator("#regel-lestaak-reductie td").nth(2)).to_have_text("1,80 lesuren/week")

    # The employee has a notice, and sees the request approved.
    employee.reload()
    notices = employee.get_by_role("link", name=re.compile(r"^Meldingen"))
    expect(notices).to_have_text("Meldingen 1 ongelezen")
    notices.click()
    expect(employee.locator("main")).to_contain_text(
        f"Uw verzoek voor {NEXT.code} is goedgekeurd door Piet Planner. "
        "Reden: Akkoord, past in het rooster."
    )
    menu(employee, "Mijn jaartaak")
    subnav(employee, "Mijn", "Mijn verzoeken")
    expect(row(employee, NEXT.code)).to_contain_text("Goedgekeurd")
