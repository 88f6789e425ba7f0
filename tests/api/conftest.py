"""The API tests' client validates every response against the OpenAPI document."""

from __future__ import annotations

import pytest

from support_api import ValidatingClient


@pytest.fixture
def client(app):
    app.test_client_class = ValidatingClient
    return app.test_client()
