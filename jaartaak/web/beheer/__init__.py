"""Beheer (role beheerder of a board): one module per part.

Importing the modules registers their views on :data:`bp`.
"""

from jaartaak.web.beheer import (  # noqa: F401
    auditlog,
    beveiliging,
    gebruikers,
    medewerkers,
    overzicht,
    regelingen,
    scholen,
)
from jaartaak.web.beheer.blueprint import bp

__all__ = ["bp"]
