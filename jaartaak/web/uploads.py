"""How large an upload may be: one setting (``UPLOAD_MAX_MB``) for the request and the file.

The request limit (Flask's ``MAX_CONTENT_LENGTH``) stops a large body before it is read, with
the Dutch 413 page of :mod:`jaartaak.web.errors`; the import reads the file with the same limit,
so a file just under the request limit is not refused later with another number. A
``MAX_CONTENT_LENGTH`` set in config.py is kept (never silently replaced); the file limit is
then the smaller of the two, and that is the number the messages name.
"""

from __future__ import annotations

from flask import Flask, current_app

from jaartaak.services.imports.table import MB, megabytes

#: Room for the rest of a multipart form (the CSRF token, the part headers) next to the file.
FORM_MARGIN = 64 * 1024


def request_limit(upload_max_mb: int) -> int:
    """``MAX_CONTENT_LENGTH`` for a largest file of ``upload_max_mb`` MB."""
    return upload_max_mb * MB + FORM_MARGIN


def init_app(app: Flask) -> None:
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = request_limit(app.config["UPLOAD_MAX_MB"])


def upload_limit() -> int:
    """The largest file in bytes."""
    return min(current_app.config["UPLOAD_MAX_MB"] * MB, current_app.config["MAX_CONTENT_LENGTH"])


def too_large_message() -> str:
    return (
        f"Het bestand is groter dan {megabytes(upload_limit())}, het grootste "
        "bestand dat jaartaak aanneemt. Er is niets opgeslagen of geïmporteerd. Een "
        "personeels- of lessenbestand is bijna altijd veel kleiner: kijk of u het goede bestand "
        "koos, of sla alleen het eerste werkblad op als CSV."
    )
