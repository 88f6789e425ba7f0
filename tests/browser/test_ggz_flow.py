"""A medewerker of Demo GGZ (the CAO GGZ plugin) in the browser: choosing opleiding for next
year before the 30 June deadline and seeing the budget follow, and a choice the scheme refuses
once HR has recorded a training claim that only fits opleiding."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from jaartaak.services.demo.ggz import GGZ_SCHEME

from support_site import exact, menu, row

pytestmark = pytest.mark.browser

NEXT = date.today().year + 1
OPLEIDING = "Opleidingsbudget: budget + 40%, te besteden tot 31 december"
VERLOF = "Extra verlofuren voor herstel en balans (budget / uurloon op 1 juli)"


def _line(page: Page, key: str, label: str, formula: str, amount: str) -> None:
    """The budget line ``key`` shows ``label``, ``formula`` and ``amount`` (exactly: the euro
    sign is followed by a non-breaking space)."""
    cells = page.locator(f'main tr[id="regel-{key}"] td')
    expect(cells).to_have_text([label, formula, exact(amount), re.compile(".")])


def _payroll(page: Page, *rows: list[str]) -> None:
    """The table "Via de salarisadministratie" holds ``rows`` (month, what, amount, pension)."""
    cells = page.locator("main #salaris tbody tr td")
    expect(cells).to_have_text(
        [exact(cell) if "€" in cell else cell for one in rows for cell in one]
    )


@pytest.fixture
def ggz_site(site, app):
    if GGZ_SCHEME not in app.extensions["jaartaak"].schemes.schemes:
        pytest.skip("de plugin jaartaak-ggz is niet geïnstalleerd")
    return site


def test_the_ggz_employee_chooses_opleiding_and_a_wrong_choice_is_refused(ggz_site):
    site = ggz_site
    page = site.login("ggz-medewerker")
    menu(page, "Mijn budget")
    main = page.locator("main")
    main.get_by_role("navigation", name="Periode").get_by_role("link", name=str(NEXT)).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(f"Mijn budget {NEXT}")
    keuze = main.locator("#keuze")
    expect(keuze).to_contain_text("Nog geen keuze vastgelegd.")
    expect(keuze).to_contain_text(f"Kiezen kan tot en met 30 juni {NEXT}")
    # Without a choice the whole budget (36 of 36 hours: € 1.000) is paid in September.
    _payroll(
        page,
        [f"september {NEXT}", f"Balansbudget {NEXT}: € 1.000,00 bruto", "€\xa01.000,00", "nee"],
    )

    keuze.get_by_label(OPLEIDING).check()
    keuze.get_by_role("button", name="Keuze vastleggen").click()
    expect(main.get_by_role("status")).to_have_text(f"Uw keuze voor {NEXT} is vastgelegd.")
    expect(keuze.get_by_label(OPLEIDING)).to_be_checked()
    _line(
        page,
        "ggz.opleiding",
        "Opleidingsbudget (budget met opslag)",
        "1000.00 × 1.40",
        "€\xa01.400,00",
    )
    restant = f"Restant opleidingsbudget als brutoloon (januari {NEXT + 1})"
    _line(
        page,
        "ggz.opleiding.omzetting",
        restant,
        "1400.00 / 1.40 (zonder de opslag)",
        "€\xa01.000,00",
    )
    _payroll(
        page,
        [
            f"januari {NEXT + 1}",
            f"Restant opleidingsbudget {NEXT}: € 1.000,00 bruto",
            "€\xa01.000,00",
            "nee",
        ],
    )

    # HR records a training claim for September next year, through its own pages.
    employee = site.person("ggz-medewerker")
    hr = site.login("ggz-hr")
    menu(hr, "Salarisadministratie")
    row(hr, employee.code).get_by_role("link").click()
    hr.locator("main").get_by_role("navigation", name="Periode").get_by_role(
        "link", name=str(NEXT)
    ).click()
    claim = hr.locator("main #vastleggen-declaratie-opleiding")
    claim.get_by_label("Datum").fill(f"{NEXT}-09-15")
    claim.get_by_label("Bedrag").fill("200,00")
    claim.get_by_role("button", name="Vastleggen").click()
    expect(hr.locator("main").get_by_role("status")).to_have_text(
        f"Declaratie opleiding op 15-09-{NEXT} vastgelegd."
    )

    page.reload()
    _line(page, "ggz.opleiding.gebruikt", "Gedeclareerd opleidingsbudget", "200.00", "€\xa0200,00")
    _line(
        page,
        "ggz.opleiding.omzetting",
        restant,
        "1200.00 / 1.40 (zonder de opslag)",
        "€\xa0857,14",
    )

    # Now verlof no longer fits: the scheme refuses it, names the rule, and nothing changes.
    keuze.get_by_label(VERLOF).check()
    keuze.get_by_role("button", name="Keuze vastleggen").click()
    expect(main.get_by_role("status")).to_have_text(
        "De keuze is niet opgeslagen: events[0]: een declaratie-opleiding past niet bij "
        f"de optie 'verlof' in {NEXT}."
    )
    expect(keuze.get_by_label(OPLEIDING)).to_be_checked()
    _line(
        page,
        "ggz.opleiding",
        "Opleidingsbudget (budget met opslag)",
        "1000.00 × 1.40",
        "€\xa01.400,00",
    )
    _payroll(
        page,
        [
            f"januari {NEXT + 1}",
            f"Restant opleidingsbudget {NEXT}: € 857,14 bruto",
            "€\xa0857,14",
            "nee",
        ],
    )
