"""A plugin whose dependency is not installed: importing it fails, as in real life."""

import jaartaak_bestaat_niet  # noqa: F401

from jaartaak import hookimpl


@hookimpl
def jaartaak_register_schemes():
    return []
