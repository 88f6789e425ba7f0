"""The hooks of support_browser.py, in a pytest run of their own: a failing browser test leaves
full-page screenshots, a passing one none, and a CSP violation fails a test that asserts nothing.

The inner run is a separate process (one Playwright per process) in a temporary rootdir, so
its screenshots land in that rootdir's test-results/screenshots/, not in the repository.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from support_browser import SCREENSHOTS, require_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HERE = Path(__file__).resolve().parent

CONFTEST = """
from support_browser import (  # noqa: F401
    browser_fixture,
    pages_fixture,
    pytest_runtest_call,
    pytest_runtest_makereport,
)
"""

PROBES = """
SITE = "http://jaartaak.test/"
STRICT = "default-src 'self'; style-src 'self'; script-src 'self'"


def test_fails_on_the_second_page(pages):
    pages.open("eerste").set_content("<h1>Kort</h1>")
    pages.open("tweede").set_content("<div style='height: 3000px'>Lang</div>")
    assert False, "expres mislukt"


def test_passes(pages):
    pages.open().set_content("<p>goed</p>")


def test_breaks_the_csp(pages):
    page = pages.open()
    page.route(SITE, lambda route: route.fulfill(
        body="<p>inline</p><script>document.title = 'x'</script>",
        content_type="text/html",
        headers={"Content-Security-Policy": STRICT},
    ))
    page.goto(SITE)
"""


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is geen PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def inner_run(tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("hooks")
    (root / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    (root / "conftest.py").write_text(CONFTEST)
    (root / "test_probes.py").write_text(PROBES)
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--junitxml=results.xml", "test_probes.py"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    cases = ElementTree.parse(root / "results.xml").getroot().iter("testcase")
    outcomes = {}
    for case in cases:
        failure = case.find("failure")
        outcomes[case.get("name")] = "passed" if failure is None else failure.get("message")
    return root, outcomes, finished.stdout


def test_a_failing_test_leaves_full_page_screenshots_of_its_pages(inner_run):
    root, outcomes, output = inner_run
    assert "expres mislukt" in outcomes["test_fails_on_the_second_page"], output
    folder = root / SCREENSHOTS
    # The page that loaded last is <test>.png, at its full height; the other gets its name.
    assert _png_size(folder / "test_fails_on_the_second_page.png")[1] >= 3000
    assert _png_size(folder / "test_fails_on_the_second_page-eerste.png")[1] < 3000
    assert str(folder / "test_fails_on_the_second_page.png") in output


def test_a_passing_test_leaves_none(inner_run):
    root, outcomes, output = inner_run
    assert outcomes["test_passes"] == "passed", output
    assert sorted(p.name for p in (root / SCREENSHOTS).glob("test_passes*")) == []


def test_a_csp_violation_fails_the_test(inner_run):
    root, outcomes, output = inner_run
    message = outcomes["test_breaks_the_csp"]
    assert "CSP-overtreding op http://jaartaak.test/" in message, output
    assert "Content Security Policy directive 'script-src 'self''" in message
    assert (root / SCREENSHOTS / "test_breaks_the_csp.png").exists()
