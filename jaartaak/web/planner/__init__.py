"""Planner workspace (role planner, per school): one module per part of the work.

Importing the modules registers their views on :data:`bp`.
"""

from jaartaak.web.planner import (  # noqa: F401
    importing,
    jaartaak,
    lessen,
    overzicht,
    personeel,
    schooljaar,
    taakbrieven,
    taken,
    verzoeken,
)
from jaartaak.web.planner.blueprint import bp

__all__ = ["bp"]
