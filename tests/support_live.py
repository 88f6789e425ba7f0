"""The app served for real on loopback, and browsers that use it (tests/faults/).

The concurrency tests need requests that really run at the same time, each with its own
database session, cookies and CSRF token, as ten planners in ten browsers would: the Flask test
client runs one request at a time in the test's own thread. So the app is served by werkzeug's
threaded server on 127.0.0.1 (a free port the system picks, nothing leaves the machine), and
each :class:`Browser` is a urllib opener with its own cookie jar.
"""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html import unescape

from support import CSRF_FIELD, DEMO_PASSWORD

#: No request of these tests should take long; a hung server fails the test instead of the run.
REQUEST_TIMEOUT = 30
FLASH = re.compile(r'<p class="notice notice-(\w+)" role="status">(.*?)</p>', re.S)


@dataclass(frozen=True)
class Answer:
    status: int
    text: str
    location: str | None = None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keep a 302 as the answer: the tests look at where it goes and then follow it themselves."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: cookies of its own, no automatic redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx alike
            body = error.read().decode()
            return Answer(error.code, body, error.headers.get("Location"))

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict) -> Answer:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))

    def token(self, path: str) -> str:
        page = self.get(path)
        match = CSRF_FIELD.search(page.text)
        assert page.status == 200 and match, f"no form on {path}: {page.status}"
        return match.group(1)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        data = {"csrf_token": self.token("/inloggen"), "username": username, "password": password}
        answer = self.post("/inloggen", data)
        assert answer.status == 302, f"{username} could not log in: {answer.status}"

    def flashes(self, answer: Answer) -> list[tuple[str, str]]:
        """The flash messages an answer leads to: on its own page, or on the page it redirects
        to (a flash is shown once, on the next page the browser opens)."""
        page = self.get(answer.location).text if answer.status == 302 else answer.text
        return [(kind, unescape(" ".join(text.split()))) for kind, text in FLASH.findall(page)]


def serve(app):
    """Serve ``app`` with werkzeug's threaded server on 127.0.0.1; returns (base URL, stop)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join(timeout=REQUEST_TIMEOUT)
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}", stop
