"""Fault and load test fixtures (helpers in tests/support_live.py)."""

from __future__ import annotations

import pytest

from support_live import serve


@pytest.fixture
def live_server(app):
    """The test app served by a threaded werkzeug server on 127.0.0.1; yields its base URL."""
    base, stop = serve(app)
    yield base
    stop()
