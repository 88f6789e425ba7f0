"""Errors of the API as JSON: ``{"error": {"code": ..., "message": ...}}`` with a Dutch message.

Used by the blueprint and by the app's error handlers (:mod:`jaartaak.web.errors`) for any
request under ``/api/``, also one that matched no route (404, 405).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

UNAUTHORIZED = "auth.ongeldig"
FORBIDDEN = "toegang.geweigerd"
NOT_FOUND = "bron.niet-gevonden"
BAD_MONTH = "invoer.maand"

#: Per HTTP status: the code and the message when the view gives none.
DEFAULTS = {
    400: ("verzoek.ongeldig", "Het verzoek kon niet worden verwerkt."),
    401: (
        UNAUTHORIZED,
        "Geen geldig API-token. Stuur een token mee als 'Authorization: Bearer <token>'; "
        "een beheerder maakt er een met `jaartaak token create`.",
    ),
    403: (FORBIDDEN, "U heeft met uw rol geen toegang tot dit onderdeel."),
    404: (NOT_FOUND, "Niet gevonden, of u heeft er geen toegang toe."),
    405: ("methode.niet-toegestaan", "Deze methode (HTTP-verb) is hier niet toegestaan."),
    409: ("tegelijk-gewijzigd", "Iemand anders heeft deze gegevens intussen gewijzigd."),
    413: ("verzoek.te-groot", "Het verzoek is te groot."),
    500: ("server.fout", "Er ging iets mis op de server. De fout is gelogd."),
    503: (
        "database.onbereikbaar",
        "jaartaak kan de database nu niet bereiken. Probeer het over een paar minuten opnieuw.",
    ),
}


def is_api_request() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def json_response(data: Any, status: int = 200) -> Response:
    """JSON in the order the code builds it (``jsonify`` would sort the keys: the totals of the
    contract have an order of their own)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(text, status=status, mimetype="application/json")


def error_response(status: int, code: str | None = None, message: str | None = None) -> Response:
    default_code, default_message = DEFAULTS.get(status, DEFAULTS[500])
    error = {"code": code or default_code, "message": message or default_message}
    response = json_response({"error": error}, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="jaartaak"'
    return response


class ApiError(Exception):
    """Raised by a view for an error answer (caught by the blueprint's handler)."""

    def __init__(self, status: int, code: str | None = None, message: str | None = None):
        super().__init__(message or code or str(status))
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> Response:
        return error_response(self.status, self.code, self.message)
