"""The planner in the browser: import staff from the example spreadsheet, then give one of the
new employees a task and see the saldo drop by exactly the task's hours."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jaartaak.web.formatting import hours

from support_site import menu, row, saldo, subnav

pytestmark = pytest.mark.browser


def test_the_planner_imports_staff_and_assigns_a_task(site, tmp_path):
    page = site.login("planner")
    menu(page, "Planner")
    subnav(page, "Planner", "Personeel")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Personeel van Het Baken College")
    expect(main).not_to_contain_text("Jong, Jeroen de")

    main.get_by_role("link", name="Personeel importeren").click()
    with page.expect_download() as download:
        main.get_by_role("link", name="Voorbeeldbestand (personeel.xlsx)").click()
    example = tmp_path / download.value.suggested_filename
    download.value.save_as(example)
    main.get_by_label("Bestand").set_input_files(example)
    main.get_by_role("button", name="Controleren").click()
    expect(main).to_contain_text(
        "9 regels: 9 nieuw, 0 bijwerken, 0 ongewijzigd. Er is nog niets opgeslagen."
    )
    main.get_by_role("button", name="Importeren").click()
    expect(main.get_by_role("status")).to_have_text(
        "Personeel importeren: 9 regels verwerkt (9 nieuw, 0 bijgewerkt, 0 ongewijzigd)."
    )

    # The list shows the new people with their appointments from the file.
    jeroen = ["DJK", "Jong, Jeroen de", "Bètavakken", "OP", "LD"]
    jeroen += ["0,8000 regulier vanaf 1 aug 2010", "0,8000", "Bewerken Jeroen de Jong"]
    expect(row(page, "DJK").locator("td")).to_have_text(jeroen)
    expect(row(page, "KDB")).to_contain_text("Bruin, Kees de")

    # A task for Jeroen de Jong, with hours of its own typed the Dutch way.
    row(page, "DJK").get_by_role("link", name="Jong, Jeroen de").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Jeroen de Jong (DJK)")
    before = saldo(page)
    main.get_by_role("link", name="toewijzen").click()
    expect(main).to_contain_text("Geen taken in")
    main.get_by_label("Taak", exact=True).select_option(label="Open dag (12,00 uur)")
    main.get_by_label("Uren per jaar").fill("12,5")
    main.get_by_role("button", name="Toevoegen").click()
    expect(main.get_by_role("status")).to_have_text("Taak Open dag toegewezen aan Jeroen de Jong.")
    expect(row(page, "Open dag").locator("td").nth(3)).to_have_text("12,50")

    main.get_by_role("link", name="← Jeroen de Jong").click()
    expect(main.locator("p.saldo strong")).to_have_text(f"{hours(before - Decimal('12.5'))} uur")
    expect(main.locator("#regel-taken")).to_contain_text("12.50 (Open dag)")
