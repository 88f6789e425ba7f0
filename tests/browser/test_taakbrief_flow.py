"""The taakbrief in the browser: the planner publishes, the employee downloads the PDF and
signs it ("Akkoord met versie 1"), and the planner sees the status change to Akkoord."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.web.formatting import hours

from support_site import menu, row, saldo, subnav

pytestmark = pytest.mark.browser

YEAR = SchooljaarPeriod.containing(date.today())


def test_the_employee_downloads_and_signs_the_published_taakbrief(site):
    teacher = site.person("jansen")
    planner = site.login("planner")
    menu(planner, "Planner")
    subnav(planner, "Planner", "Taakbrieven")
    main = planner.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        f"Taakbrieven Het Baken College · {YEAR.code}"
    )
    expect(row(planner, teacher.code).locator("td").nth(3)).to_have_text("Geen")
    row(planner, teacher.code).get_by_role("button", name="Publiceren").click()
    expect(main.get_by_role("status")).to_have_text(
        f"Taakbrief {YEAR.code} van {teacher.full_name} gepubliceerd (versie 1). "
        "De medewerker kan hem nu lezen en reageren."
    )
    expect(row(planner, teacher.code).locator("td").nth(3)).to_have_text("Wacht op reactie")

    employee = site.login("jansen")
    menu(employee, "Mijn jaartaak")
    shown_saldo = saldo(employee)
    subnav(employee, "Mijn", "Mijn taakbrief")
    brief = employee.locator("main #versie-1")
    expect(brief.get_by_role("heading", level=2)).to_have_text(
        re.compile(f"Versie 1 gepubliceerd op {site.moment()}")
    )
    with employee.expect_download() as download:
        brief.get_by_role("link", name="Taakbrief downloaden (PDF)").click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(download.value.path()).pages)
    text = re.sub(r"\s+", " ", text.replace("\xa0", " "))
    assert teacher.full_name in text and teacher.code in text
    assert "Versie 1" in text
    assert f"{hours(shown_saldo)} uur" in text  # the same saldo as Mijn jaartaak

    brief.get_by_role("button", name="Akkoord met versie 1").click()
    expect(employee.locator("main").get_by_role("status")).to_have_text(
        "U bent akkoord met versie 1 van uw taakbrief."
    )
    expect(brief.locator("p.status")).to_have_text(re.compile(f"Akkoord op {site.moment()}\\."))
    expect(brief.get_by_role("button", name="Akkoord met versie 1")).to_have_count(0)

    planner.reload()
    expect(row(planner, teacher.code).locator("td").nth(3)).to_have_text(
        re.compile(f"Akkoord \\({site.moment()}\\)")
    )
    expect(main.locator("#tellingen")).to_contain_text("Akkoord: 1 van")
