"""The demo world of the route walks: seeded once per module, emptied at its end.

A module that uses :func:`world` must not use the function-scoped ``app`` fixture as well:
that one empties every table after each test, the world's too.
"""

from __future__ import annotations

import pytest

from jaartaak.app import create_app

from support import empty_all_tables, make_test_config
from support_security import World, build_world


@pytest.fixture(scope="module")
def world(migrated_url, tmp_path_factory) -> World:
    app = create_app(make_test_config(migrated_url, tmp_path_factory.mktemp("instance")))
    yield build_world(app)
    database = app.extensions["jaartaak"].database
    empty_all_tables(database)
    database.dispose()
