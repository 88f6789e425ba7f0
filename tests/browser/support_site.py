"""The app side of the browser tests: logging in as a demo user, the menus, reading numbers.

Everything goes through the pages as a person uses them: the login form, the links of the menus,
the forms inside ``main`` (the header holds the logout form, so page actions are looked up in
``main``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from jaartaak.models import User
from jaartaak.web import formatting

from support import DEMO_PASSWORD
from support_browser import Pages

TIMEZONE = ZoneInfo(formatting.TIMEZONE)
DUTCH_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d+|-?\d+,\d+|-?\d+")


@dataclass(frozen=True)
class Person:
    """The employee behind a demo login, as the pages name it."""

    code: str
    full_name: str


class Site:
    """The served demo: log in as one of its users, each in a browser context of their own."""

    def __init__(self, pages: Pages, database) -> None:
        self.pages, self.database = pages, database
        self.started = datetime.now(TIMEZONE)

    def moment(self) -> str:
        """A regular expression for a moment since the test started as the pages write it
        (``24-11-2026 09:05``, Amsterdam time): on the day it started or today, should a
        midnight lie between."""
        days = {f"{d.day}-{d.month}-{d.year}" for d in (self.started, datetime.now(TIMEZONE))}
        return "(?:" + "|".join(map(re.escape, days)) + r") \d\d:\d\d"

    def login(self, username: str) -> Page:
        """A page logged in through the login form as ``username`` (demo password)."""
        page = self.pages.open(username)
        page.goto("/inloggen")
        form = page.locator("main form")
        form.get_by_label("Gebruikersnaam").fill(username)
        form.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        form.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
        return page

    def person(self, username: str) -> Person:
        """Which employee the demo linked to ``username`` (the demo picks them, not the test)."""
        with self.database.session() as session:
            user = session.scalar(select(User).where(User.username == username))
            return Person(user.employee.code, user.employee.full_name)


def menu(page: Page, label: str) -> None:
    """Click ``label`` in the main menu of the header."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=label).click()


def subnav(page: Page, area: str, label: str) -> None:
    """Click ``label`` in the sub-navigation of ``area`` ("Planner", "Mijn")."""
    nav = page.get_by_role("navigation", name=area, exact=True)
    nav.get_by_role("link", name=label, exact=True).click()


def row(scope: Page | Locator, *texts: str) -> Locator:
    """The one table row that holds all ``texts``."""
    found = scope.locator("main tr") if isinstance(scope, Page) else scope.locator("tr")
    for text in texts:
        found = found.filter(has_text=text)
    expect(found).to_have_count(1)
    return found


def exact(text: str) -> re.Pattern:
    """``text`` as it must stand, non-breaking spaces included, for ``to_have_text`` (which
    folds all white space, the non-breaking space too, when given a plain string)."""
    return re.compile(f"^{re.escape(text)}$")


def dutch_decimal(text: str) -> Decimal:
    """The one number in ``text`` as Dutch formatting writes it (``1.436,50`` → 1436.50)."""
    numbers = DUTCH_NUMBER.findall(text)
    assert len(numbers) == 1, f"niet precies één getal in {text!r}"
    return Decimal(numbers[0].replace(".", "").replace(",", "."))


def saldo(page: Page) -> Decimal:
    """The saldo of the jaartaak on the page (planner's employee page or Mijn jaartaak)."""
    return dutch_decimal(page.locator("main p.saldo strong").inner_text())
