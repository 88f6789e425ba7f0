"""Error pages in Dutch. A crash page is a bug; these are for what users can run into."""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from jaartaak.web.api import errors as api_errors
from jaartaak.web.uploads import too_large_message

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


DATABASE_DOWN = (
    "Database niet bereikbaar",
    "jaartaak kan de database nu niet bereiken. Probeer het over een paar minuten opnieuw; "
    "blijft dit zo, meld het dan bij de beheerder van de server.",
)


def unavailable(title: str, message: str):
    """A 503 page that needs no database.

    Rendered straight from the Jinja environment, without the context processors: Flask-Login's
    would load the logged-in user, which needs the database that is not there.
    """
    if api_errors.is_api_request():
        return api_errors.error_response(503, message=f"{title}: {message}")
    template = current_app.jinja_env.get_template("unavailable.html")
    return template.render(title=title, message=message), 503


def _page(status: int, message: str | None = None):
    if api_errors.is_api_request():  # JSON within /api/, also for a path that matched no route
        return api_errors.error_response(status if status in api_errors.DEFAULTS else 500)
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

    @app.errorhandler(OperationalError)
    def database_down(error: OperationalError):
        log.error("database error: %s", str(error.orig or error).splitlines()[0])
        return unavailable(*DATABASE_DOWN)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error):
        if api_errors.is_api_request():
            return api_errors.error_response(413)
        title = "Bestand te groot"
        return render_template("error.html", title=title, message=too_large_message()), 413

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in MESSAGES:
            return _page(error.code)
        if api_errors.is_api_request():
            return api_errors.error_response(error.code or 500)
        return error

    @app.errorhandler(Exception)
    def crash(error: Exception):
        log.exception("unhandled error", exc_info=error)
        return _page(500)
