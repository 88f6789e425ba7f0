"""The REST API under ``/api/v1`` (docs/api.md): bearer tokens, JSON only, an OpenAPI document.

:func:`register` imports the blueprint and its resource modules; this package itself imports
nothing, so :mod:`jaartaak.web.errors` can use :mod:`jaartaak.web.api.errors` without a cycle.
"""

from __future__ import annotations

from flask import Flask

PREFIX = "/api/v1"


def register(app: Flask) -> None:
    from jaartaak.web import csrf
    from jaartaak.web.api import calc, employees, me, openapi, payroll  # noqa: F401  (routes)
    from jaartaak.web.api.blueprint import bp

    # Bearer tokens only, never the session cookie: a cross-site form cannot send the header,
    # so there is nothing for a CSRF token to protect.
    csrf.exempt(bp)
    app.register_blueprint(bp)
