"""The browser half of the browser tests: Debian's chromium, pages per login, two checks.

Kept apart from the app (no live server, no database here) so the hooks can be tested on their
own in a separate pytest run (test_browser_hooks.py):

- every page's console is watched: a Content Security Policy violation, or a script error,
  fails the test that caused it (the app promises a strict CSP without inline scripts or styles);
- when a browser test's call phase fails, each of its pages is saved as a full-page PNG in
  ``test-results/screenshots/`` under the rootdir (the repository root), named after the test.

Playwright's pytest plugin is not used: it wants to download and manage browsers of its own.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
#: The machine (and CI) has no network beyond package registries: the background fetches of a
#: fresh profile (component updates, sync, QUIC probes) would only produce refused connections.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SCREENSHOTS = Path("test-results") / "screenshots"
CSP = re.compile(r"content security policy", re.IGNORECASE)

_navigations = itertools.count(1)


@dataclass
class Watched:
    """One page of a test: who it belongs to, what its console said, when it last loaded."""

    page: Page
    name: str
    problems: list[str] = field(default_factory=list)
    last_load: int = 0

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and CSP.search(message.text):
            where = message.location.get("url") or self.page.url
            self.problems.append(f"CSP-overtreding op {where}: {message.text}")

    def page_error(self, error: Error) -> None:
        self.problems.append(f"scriptfout op {self.page.url}: {error}")

    def loaded(self, _page: Page) -> None:
        self.last_load = next(_navigations)


PAGES = pytest.StashKey[list[Watched]]()


class Pages:
    """Opens pages for a test, each in its own browser context (its own cookies), and keeps
    them on the test item so the hooks below can check and photograph them."""

    def __init__(self, browser: Browser, item: pytest.Item) -> None:
        self.browser, self.item = browser, item
        #: Where relative addresses (``page.goto("/inloggen")``) go; set by the app's fixture.
        self.base_url: str | None = None
        self.contexts = []
        item.stash[PAGES] = []

    def open(self, name: str = "pagina") -> Page:
        options = {"base_url": self.base_url} if self.base_url else {}
        context = self.browser.new_context(
            locale="nl-NL", timezone_id="Europe/Amsterdam", accept_downloads=True, **options
        )
        self.contexts.append(context)
        page = context.new_page()
        watched = Watched(page, name)
        page.on("console", watched.console)
        page.on("pageerror", watched.page_error)
        page.on("load", watched.loaded)
        self.item.stash[PAGES].append(watched)
        return page

    def close(self) -> None:
        """Close every context (and so its connections); closing twice is harmless."""
        while self.contexts:
            self.contexts.pop().close()


def browser_problems(item: pytest.Item) -> list[str]:
    """CSP violations and script errors the test's pages reported, after a round trip to each
    page so that console messages still on their way have arrived."""
    problems = []
    for watched in item.stash.get(PAGES, []):
        if not watched.page.is_closed():
            watched.page.evaluate("0")
        problems.extend(watched.problems)
    return problems


def save_screenshots(item: pytest.Item, folder: Path) -> list[Path]:
    """Every open page of ``item`` as a full-page PNG: ``<test>.png`` is the page that loaded
    last (where the test was when it failed), the others ``<test>-<name>.png``."""
    watched = [w for w in item.stash.get(PAGES, []) if not w.page.is_closed()]
    if not watched:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^\w.-]+", "_", item.name)
    latest = max(watched, key=lambda w: w.last_load)
    saved = []
    for one in watched:
        path = folder / (f"{test}.png" if one is latest else f"{test}-{one.name}.png")
        one.page.screenshot(path=path, full_page=True)
        saved.append(path)
    return saved


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """A test whose pages broke the CSP or threw a script error fails, even if its own
    assertions passed."""
    result = yield
    problems = browser_problems(item)
    if problems:
        raise AssertionError("De browser meldde:\n" + "\n".join(problems))
    return result


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for path in save_screenshots(item, item.config.rootpath / SCREENSHOTS):
            report.sections.append(("schermafdruk", str(path)))


def require_chromium() -> None:
    """Skip the test when Debian's chromium is not installed, so ``make test`` works on any
    machine; in CI (``CI`` set, where .ci/run installs it) a missing chromium is a failure
    instead, lest a green run hide that no browser test ran."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session", name="browser")
def browser_fixture():
    """Debian's headless chromium, once per session; without it the browser tests skip."""
    require_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
        )
        yield launched
        launched.close()


@pytest.fixture(name="pages")
def pages_fixture(browser, request):
    """Open pages for this test (``pages.open(name)``); closed afterwards."""
    opened = Pages(browser, request.node)
    yield opened
    opened.close()
