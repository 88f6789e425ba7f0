"""Error pages in Dutch. A crash page is a bug; these are for what users can run into."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Ongeldig verzoek", "Het verzoek kon niet worden verwerkt."),
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina met uw rol."),
    404: ("Niet gevonden", "Deze pagina bestaat niet, of u heeft er geen toegang toe."),
    405: ("Niet toegestaan", "Deze actie kan niet op deze manier worden uitgevoerd."),
    409: (
        "Tegelijk gewijzigd",
        "Iemand anders heeft deze gegevens intussen gewijzigd. Uw "
        "wijziging is niet opgeslagen. Laad de pagina opnieuw en probeer "
        "het nog eens.",
    ),
    500: ("Er ging iets mis", "Er ging iets mis op de server. De fout is gelogd."),
}


def _page(status: int, message: str | None = None):
    title, default = MESSAGES.get(status, MESSAGES[500])
    return render_template("error.html", title=title, message=message or default), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return _page(
            400,
            "Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en "
            "probeer het nog eens.",
        )

    @app.errorhandler(StaleDataError)
    def stale(_error):
        return _page(409)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in MESSAGES:
            return _page(error.code)
        return error

    @app.errorhandler(Exception)
    def crash(error: Exception):
        log.exception("unhandled error", exc_info=error)
        return _page(500)
