"""The web layer: one blueprint per role, plus login and background jobs."""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from jaartaak.web import database, errors, formatting, login, security, uploads
from jaartaak.web.converters import IdConverter

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    from jaartaak.web import (
        account,
        api,
        auth,
        beheer,
        home,
        mijn,
        opdrachten,
        planner,
        salaris,
    )
    from jaartaak.web.keuzeformulier import keuze_samenvatting
    from jaartaak.web.navigation import navigation, unread_notices

    app.url_map.converters["id"] = IdConverter
    uploads.init_app(app)
    database.init_app(app)
    login.init_app(app)
    csrf.init_app(app)
    formatting.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    account.init_app(app)
    blueprints = (auth.bp, account.bp, home.bp, planner.bp, mijn.bp, salaris.bp, beheer.bp)
    for blueprint in (*blueprints, opdrachten.bp):
        app.register_blueprint(blueprint)
    api.register(app)
    # Functions, called by base.html only: a page that must work without the database (the
    # 503 page) never looks at the logged-in user.
    app.context_processor(
        lambda: {
            "navigation": navigation,
            "unread_notices": unread_notices,
            "logout_form": auth.LogoutForm,
        }
    )
    app.add_template_global(keuze_samenvatting)
