"""Browser tests: the real app served on 127.0.0.1, the demo as `jaartaak demo` seeds it today,
and headless Chromium clicking through the pages (see support_browser.py for the browser side).

The server runs in a thread of the test process with the session's migrated database (SQLite or
PostgreSQL, as the rest of the suite); the ``app`` fixture empties the tables afterwards. On
SQLite the server's request threads and the test share one file: WAL mode and the busy timeout
of :class:`jaartaak.db.Database` let them take turns, and the server is stopped before the
tables are emptied.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest
from werkzeug.serving import make_server

from jaartaak.services.demo import seed_demo

from support import DEMO_PASSWORD
from support_browser import (  # noqa: F401  (fixtures and hooks for the tests in this folder)
    browser_fixture,
    pages_fixture,
    pytest_runtest_call,
    pytest_runtest_makereport,
)
from support_site import Site


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """``app`` served by werkzeug (threaded, like `jaartaak demo`) on a free port.

    Stopping waits for the request threads, so no request still runs while the ``app`` fixture
    empties the tables; the browser has closed its connections by then (see ``site``).
    """
    server = make_server("127.0.0.1", 0, app, threaded=True)
    server.daemon_threads = False  # server_close() joins them
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture
def site(pages, live_server, app, database) -> Iterator[Site]:
    """The demo of today (with Demo GGZ and Demo Netbeheer, as `jaartaak demo` makes it) with
    :data:`DEMO_PASSWORD` for every login; the pages open on the live server.

    The pages close before the server stops: a browser keeps its connections open, and the
    server waits for them.
    """
    with database.session() as session:
        seed_demo(session, date.today(), DEMO_PASSWORD, app.extensions["jaartaak"].schemes)
    pages.base_url = live_server
    yield Site(pages, database)
    pages.close()
