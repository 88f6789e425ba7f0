"""Employee self-service (role medewerker): one module per page group.

Importing the modules registers their views on :data:`bp`.
"""

from jaartaak.web.mijn import budget, jaartaak, taakbrief, verzoeken, wat_als  # noqa: F401
from jaartaak.web.mijn.blueprint import bp

__all__ = ["bp"]
