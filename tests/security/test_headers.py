"""Every answer of every GET route, as every kind of user, carries the security headers, and no
rendered page holds anything the Content-Security-Policy would block.

The policy allows scripts and styles from this site only (``script-src 'self'``,
``style-src 'self'``), so an inline ``<script>``, an ``onclick=``, a ``javascript:`` link or a
``style="..."`` attribute would not be an attack surface but silently broken in a browser. The
pages are parsed (``html.parser``), not searched as text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from access_table import USERS
from support_security import body_text

#: Script types a browser runs (a ``<script type="application/json">`` data block is not run).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def header_problems(response, request_path: str) -> list[str]:
    headers = response.headers
    problems = []
    policy = headers.get("Content-Security-Policy", "")
    directives = csp_directives(policy)
    if directives.get("script-src") != ["'self'"]:
        problems.append(f"script-src is {directives.get('script-src')}, niet alleen 'self'")
    if directives.get("style-src") != ["'self'"]:
        problems.append(f"style-src is {directives.get('style-src')}, niet alleen 'self'")
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}")
    for directive, value in (("frame-ancestors", "'none'"), ("form-action", "'self'")):
        if directives.get(directive) != [value]:
            problems.append(f"{directive} is {directives.get(directive)}, niet {value}")
    if "unsafe-" in policy:
        problems.append(f"de CSP staat iets onveiligs toe: {policy}")
    expected = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
    if not request_path.startswith("/static/"):
        # Pages hold salaries and personal data: not in the browser's cache after logging out.
        expected["Cache-Control"] = "no-store"
    for name, value in expected.items():
        if headers.get(name) != value:
            problems.append(f"{name} is {headers.get(name)!r}, niet {value!r}")
    return problems


def _is_own_site(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc


class InlineFinder(HTMLParser):
    """Collects what the CSP blocks: inline scripts and styles, event handler attributes,
    ``javascript:`` URLs, and scripts, stylesheets or form targets on another site."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            if "src" not in values and values.get("type", "").lower() in SCRIPT_TYPES:
                self.found.append("<script> zonder src")
            elif "src" in values and not _is_own_site(values["src"]):
                self.found.append(f"script van een andere site: {values['src']}")
        if tag == "style":
            self.found.append("<style>-blok")
        stylesheet = tag == "link" and "stylesheet" in values.get("rel", "").split()
        if stylesheet and not _is_own_site(values.get("href", "")):
            self.found.append(f"stylesheet van een andere site: {values.get('href')}")
        if tag == "form" and not _is_own_site(values.get("action", "")):
            self.found.append(f"formulier naar een andere site: {values.get('action')}")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            elif name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def inline_content(page: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def test_the_finder_sees_what_the_policy_blocks():
    page = (
        '<p style="color:red" onclick="go()"><a href=" JavaScript:go()">x</a></p>'
        "<script>go()</script><script src='/static/ok.js'></script>"
        '<script type="application/json">{}</script><style>p{}</style>'
        '<script src="https://cdn.example/x.js"></script><form action="https://evil.example/">'
    )
    assert inline_content(page) == [
        '<p style="color:red">',
        "<p onclick=...>",
        "<a href=' JavaScript:go()'>",
        "<script> zonder src",
        "<style>-blok",
        "script van een andere site: https://cdn.example/x.js",
        "formulier naar een andere site: https://evil.example/",
    ]
    assert inline_content('<a href="/mijn/">x</a><form method="post"></form>') == []


@pytest.mark.parametrize("user", USERS, ids=lambda user: user.name)
def test_every_page_has_the_security_headers_and_nothing_inline(world, user):
    if not world.available(user):
        pytest.skip(f"de plugin {user.scheme} is niet geïnstalleerd")
    wrong, pages = [], 0
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in rule.methods:
            continue
        response = world.send(user, rule)
        problems = header_problems(response, world.path(rule))
        if response.mimetype == "text/html":
            pages += 1
            problems += inline_content(body_text(response))
        if problems:
            wrong.append(f"GET {world.path(rule)} ({response.status_code}): {problems}")
    assert wrong == []
    assert pages > 0
